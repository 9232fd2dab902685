//! Partition bands on the diagram: drawn in the gaps between lifelines, dragged, resized, toggled, removed.

use std::cell::Cell;

use leptos::ev::{KeyboardEvent, PointerEvent, TouchEvent};
use leptos::prelude::*;

use super::pointer::{place, svg_box, to_diagram, SvgBox};
use super::state::{Playground, Selection};
use crate::bands::{Band, Cut, Fate, BAND_WIDTH_OF_GAP};
use crate::geom::{px, Layout, HEADER_PX};

/// Height of the grab zone at each end of a band, in pixels.
const EDGE_PX: f64 = 8.0;
/// Keyboard nudge, in µs (Shift: ten times more).
const NUDGE_US: i64 = 5_000;

/// What a drag is doing.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Drag {
    /// A new band from the palette; not on the diagram until dropped there.
    New {
        x: f64,
        y: f64,
        inside: bool,
    },
    /// Moving band `id`, grabbed `grab_us` after its start.
    Move {
        id: u32,
        grab_us: i64,
        inside: bool,
    },
    Start {
        id: u32,
    },
    End {
        id: u32,
    },
}

/// Human words for the traffic a gap cuts.
pub fn gap_words(gap: usize) -> &'static str {
    match gap {
        0 => "client ⇹ web",
        1 => "web ⇹ billing and inventory",
        _ => "web ⇹ inventory",
    }
}

/// Which way a band cuts, in words.
pub fn cut_words(cut: Cut) -> &'static str {
    match cut {
        Cut::Both => "both ways",
        Cut::Rightward => "requests only (left to right)",
        Cut::Leftward => "replies only (right to left)",
    }
}

/// What a band does to the messages it catches, in words.
pub fn fate_words(fate: Fate) -> &'static str {
    match fate {
        Fate::Drop => "drops",
        Fate::Hold => "holds then releases",
    }
}

/// One-line description of a band for screen readers and the status area.
pub fn band_words(b: &Band) -> String {
    let (dir, fate) = (cut_words(b.cut), fate_words(b.fate));
    let until = if b.heals() {
        format!("to {:.1} ms", b.end_us as f64 / 1000.0)
    } else {
        "and never heals".to_string()
    };
    format!(
        "Partition {}: {}, {}, {} messages, from {:.1} ms {until}",
        b.id,
        gap_words(b.gap),
        dir,
        fate,
        b.start_us as f64 / 1000.0,
    )
}

fn band_arrow(cut: Cut) -> &'static str {
    match cut {
        Cut::Both => "⇹",
        Cut::Rightward => "→",
        Cut::Leftward => "←",
    }
}

/// Applies one pointer position to an ongoing drag; returns the drag's new state.
pub fn drag_to(
    state: Playground,
    drag: Drag,
    layout: &Layout,
    x: f64,
    y: f64,
    inside: bool,
) -> Drag {
    let t = layout.time_at(y);
    match drag {
        Drag::New { .. } => Drag::New { x, y, inside },
        Drag::Move { id, grab_us, .. } => {
            if let (Some(b), Some(gap)) = (
                state.band(id),
                layout.nearest_gap(x.clamp(0.0, layout.width_px)),
            ) {
                let start = crate::bands::add_signed(t, -grab_us);
                let moved = b
                    .shifted(start as i64 - b.start_us as i64)
                    .in_gap(gap, layout.lanes);
                if moved != b {
                    state.update_band(moved);
                }
            }
            Drag::Move {
                id,
                grab_us,
                inside,
            }
        }
        Drag::Start { id } => {
            if let Some(b) = state.band(id) {
                state.update_band(b.with_start(t));
            }
            drag
        }
        Drag::End { id } => {
            if let Some(b) = state.band(id) {
                state.update_band(b.with_end(t));
            }
            drag
        }
    }
}

/// Puts `b` in place of the band with its id, and says what the band now does.
pub fn change_band(state: Playground, b: Band) {
    state.update_band(b.clone());
    state.announce(band_words(&b));
}

/// Removes band `id`, and says so.
pub fn remove_band(state: Playground, id: u32) {
    state.remove_band(id);
    state.announce(format!("Partition {id} removed"));
    // The focus was on the band, or on its Remove button, both gone: it goes back to the diagram.
    focus_diagram();
}

/// Puts the focus on the diagram (its scroller, a Tab stop of its own).
fn focus_diagram() {
    use wasm_bindgen::JsCast;
    if let Some(el) = document()
        .query_selector(".diagram-scroll")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// Ends a drag: drops a new band, or removes a band dragged off the diagram.
pub fn finish_drag(state: Playground, drag: Drag, layout: &Layout) {
    match drag {
        Drag::New { x, y, inside: true } => {
            if let Some(gap) = layout.nearest_gap(x) {
                let id = state.add_band(Band::new(0, gap, layout.time_at(y)));
                if let Some(b) = state.band(id) {
                    state.announce(format!("Added. {}", band_words(&b)));
                }
            }
        }
        Drag::Move {
            id, inside: false, ..
        } => remove_band(state, id),
        Drag::Move { id, .. } | Drag::Start { id } | Drag::End { id } => {
            if let Some(b) = state.band(id) {
                state.announce(band_words(&b));
            }
        }
        Drag::New { .. } => state.announce("Partition not added: drop it on the diagram"),
    }
}

/// Where the band's end edge is seen: its end, or for a band that never heals, the foot of the
/// diagram, where its end edge is drawn (Ctrl+↑ brings the end up from there).
fn end_seen(state: Playground, b: &Band) -> u64 {
    if b.heals() {
        return b.end_us;
    }
    let l = state.layout.get_untracked();
    l.time_at(l.full_height_px())
        .max(b.start_us + crate::bands::MIN_BAND_US)
}

/// Keyboard handling for a focused band. Returns true if the key was used.
pub fn band_key(state: Playground, id: u32, ev: &KeyboardEvent) -> bool {
    let Some(b) = state.band(id) else {
        return false;
    };
    let lanes = state.layout.get_untracked().lanes;
    let step = if ev.shift_key() {
        NUDGE_US * 10
    } else {
        NUDGE_US
    };
    let changed = match ev.key().as_str() {
        "ArrowUp" if ev.alt_key() => b.with_start(crate::bands::add_signed(b.start_us, -step)),
        "ArrowDown" if ev.alt_key() => b.with_start(crate::bands::add_signed(b.start_us, step)),
        "ArrowUp" if ev.ctrl_key() => {
            b.with_end(crate::bands::add_signed(end_seen(state, &b), -step))
        }
        "ArrowDown" if ev.ctrl_key() => b.with_end(crate::bands::add_signed(b.end_us, step)),
        "ArrowUp" => b.shifted(-step),
        "ArrowDown" => b.shifted(step),
        "ArrowLeft" => b.in_gap(b.gap.saturating_sub(1), lanes),
        "ArrowRight" => b.in_gap(b.gap + 1, lanes),
        "d" | "D" => Band {
            cut: b.next_cut(),
            ..b.clone()
        },
        "m" | "M" => Band {
            fate: b.next_fate(),
            ..b.clone()
        },
        "Delete" | "Backspace" => {
            remove_band(state, id);
            return true;
        }
        _ => return false,
    };
    change_band(state, changed);
    true
}

/// The bands, drawn under the arrows.
#[component]
pub fn BandLayer(
    state: Playground,
    drag: RwSignal<Option<Drag>>,
    svg: NodeRef<leptos::svg::Svg>,
) -> impl IntoView {
    let ids = move || {
        state
            .bands
            .with(|bs| bs.iter().map(|b| b.id).collect::<Vec<u32>>())
    };
    view! {
        <g class="bands">
            <For
                each=ids
                key=|id| *id
                children=move |id| view! { <BandShape state id drag svg /> }
            />
            <GhostBand state drag />
        </g>
    }
}

/// Starts a drag of kind `make(band)` on pointer down, capturing the pointer.
pub fn begin(state: Playground, drag: RwSignal<Option<Drag>>, ev: &PointerEvent, d: Drag) {
    ev.prevent_default();
    ev.stop_propagation();
    if let Some(t) = ev.target() {
        use wasm_bindgen::JsCast;
        if let Ok(el) = t.dyn_into::<web_sys::Element>() {
            let _ = el.set_pointer_capture(ev.pointer_id());
        }
    }
    if let Drag::Move { id, .. } | Drag::Start { id } | Drag::End { id } = d {
        state.selected.set(Selection::Band(id));
    }
    DRAG_BOX.with(|b| b.set(None));
    drag.set(Some(d));
}

thread_local! {
    /// The newest pointer position of the drag under way, waiting for the next frame.
    static PENDING_MOVE: Cell<Option<(i32, i32)>> = const { Cell::new(None) };
    /// Where the diagram sat when the drag under way first moved. Read once per drag: reading it
    /// on every move would force the page's layout in each frame before the move is applied,
    /// and the page does not scroll under a pointer drag.
    static DRAG_BOX: Cell<Option<SvgBox>> = const { Cell::new(None) };
}

/// Pointer move and up handlers shared by every grabbable part. Moves are applied once per
/// animation frame, the newest one winning: each re-simulates the run, and pointer events can
/// come faster than frames.
pub fn on_move(
    state: Playground,
    drag: RwSignal<Option<Drag>>,
    svg: NodeRef<leptos::svg::Svg>,
    ev: &PointerEvent,
) {
    if drag.get_untracked().is_none() {
        return;
    }
    let at = Some((ev.client_x(), ev.client_y()));
    if PENDING_MOVE.with(|p| p.replace(at)).is_none() {
        request_animation_frame(move || flush_move(state, drag, svg));
    }
}

/// Applies the pointer move waiting for the next frame, if any, now.
pub fn flush_move(state: Playground, drag: RwSignal<Option<Drag>>, svg: NodeRef<leptos::svg::Svg>) {
    let Some((x, y)) = PENDING_MOVE.with(Cell::take) else {
        return;
    };
    let Some(d) = drag.get_untracked() else {
        return;
    };
    let layout = state.layout.get_untracked();
    let Some(b) = DRAG_BOX.with(Cell::get).or_else(|| svg_box(&svg)) else {
        return;
    };
    DRAG_BOX.with(|c| c.set(Some(b)));
    let p = place(b, &layout, x, y);
    drag.set(Some(drag_to(state, d, &layout, p.x, p.y, p.inside)));
}

pub fn on_up(state: Playground, drag: RwSignal<Option<Drag>>, svg: NodeRef<leptos::svg::Svg>) {
    flush_move(state, drag, svg);
    DRAG_BOX.with(|b| b.set(None));
    if let Some(d) = drag.get_untracked() {
        drag.set(None);
        finish_drag(state, d, &state.layout.get_untracked());
    }
}

#[component]
fn BandShape(
    state: Playground,
    id: u32,
    drag: RwSignal<Option<Drag>>,
    svg: NodeRef<leptos::svg::Svg>,
) -> impl IntoView {
    let band = Memo::new(move |_| state.band(id));
    let geo = move || {
        let l = state.layout.get();
        let b = band.get()?;
        let w = l.gap_width() * BAND_WIDTH_OF_GAP;
        let y1 = l.y(b.start_us).max(HEADER_PX - 4.0);
        // Never `clamp`: a band that starts below the view has y1 past the bottom.
        let y2 = l.y(b.end_us).min(l.full_height_px() + EDGE_PX).max(y1);
        Some((l.gap_x(b.gap) - w / 2.0, y1, w, y2 - y1, b))
    };
    let x = move || geo().map_or(0, |g| px(g.0));
    let y = move || geo().map_or(0.0, |g| g.1);
    let w = move || geo().map_or(0, |g| px(g.2));
    let h = move || geo().map_or(0.0, |g| g.3);
    let selected = move || state.selected.get() == Selection::Band(id);
    let label = move || band.get().map(|b| band_words(&b)).unwrap_or_default();
    let grab = move |ev: PointerEvent, kind: &'static str| {
        let l = state.layout.get_untracked();
        let Some(b) = state.band(id) else { return };
        let Some(p) = to_diagram(&svg, &l, ev.client_x(), ev.client_y()) else {
            return;
        };
        let d = match kind {
            "start" => Drag::Start { id },
            "end" => Drag::End { id },
            _ => Drag::Move {
                id,
                grab_us: l.time_at(p.y) as i64 - b.start_us as i64,
                inside: true,
            },
        };
        begin(state, drag, &ev, d);
    };
    let moved = move |ev: PointerEvent| on_move(state, drag, svg, &ev);
    let up = move |_: PointerEvent| on_up(state, drag, svg);
    view! {
        <g
            class="band"
            class:selected=selected
            class:hold=move || band.get().is_some_and(|b| b.fate == Fate::Hold)
            tabindex="0"
            role="button"
            aria-label=label
            data-band-id=id.to_string()
            on:focus=move |_| state.selected.set(Selection::Band(id))
            on:keydown=move |ev: KeyboardEvent| {
                if band_key(state, id, &ev) {
                    ev.prevent_default();
                    ev.stop_propagation();
                }
            }
            // A finger that grabbed the band drags it instead of scrolling the page: SVG shapes
            // do not take `touch-action`, so the first move is cancelled here.
            on:touchmove=move |ev: TouchEvent| {
                if drag.with_untracked(Option::is_some) {
                    ev.prevent_default();
                }
            }
            on:pointermove=moved
            on:pointerup=up
            on:pointercancel=up
        >
            <title>{label}</title>
            <rect class="band-body" x=x y=move || px(y()) width=w height=move || px(h()) rx="4" on:pointerdown=move |ev| grab(ev, "move") />
            <text class="band-label" x=move || x() + w() / 2 y=move || px(label_y(y(), h(), state.layout.get())) text-anchor="middle" pointer-events="none">
                {move || band.get().map(|b| format!("{} {}", band_arrow(b.cut), if b.fate == Fate::Hold { "holds" } else { "drops" })).unwrap_or_default()}
            </text>
            <rect class="band-edge start" data-edge="start" x=x y=move || px(y() - EDGE_PX / 2.0) width=w height=px(EDGE_PX) on:pointerdown=move |ev| grab(ev, "start") />
            <rect class="band-edge end" data-edge="end" x=x y=move || px(end_edge_y(y() + h(), state.layout.get())) width=w height=px(EDGE_PX) on:pointerdown=move |ev| grab(ev, "end") />
        </g>
    }
}

/// Top of the end edge of a band whose body ends at `bottom`. An end below the diagram's foot, or
/// none, has its edge at the foot, inside the diagram, where a pointer can grab it and drag it up.
fn end_edge_y(bottom: f64, l: Layout) -> f64 {
    bottom.min(l.full_height_px() - EDGE_PX / 2.0) - EDGE_PX / 2.0
}

/// Middle of the band's visible part, where its label goes (clear of drops at its edges).
fn label_y(y: f64, h: f64, l: Layout) -> f64 {
    let top = y.max(HEADER_PX);
    let bottom = (y + h).min(l.full_height_px());
    (top + bottom) / 2.0 + 4.0
}

/// The outline of a band being dragged from the palette.
#[component]
fn GhostBand(state: Playground, drag: RwSignal<Option<Drag>>) -> impl IntoView {
    let ghost = move || {
        let Some(Drag::New { x, y, inside: true }) = drag.get() else {
            return None;
        };
        let l = state.layout.get();
        let gap = l.nearest_gap(x)?;
        let w = l.gap_width() * BAND_WIDTH_OF_GAP;
        let h = l.y(l.time_at(y) + crate::bands::DEFAULT_BAND_US) - y;
        Some((px(l.gap_x(gap) - w / 2.0), px(y), px(w), px(h)))
    };
    move || {
        ghost().map(
            |(x, y, w, h)| view! { <rect class="band-ghost" x=x y=y width=w height=h rx="4" /> },
        )
    }
}
