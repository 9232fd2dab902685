//! What happened, on the diagram: an arrow per message and a mark per notable event.
//!
//! Each arrow and mark is drawn from its data alone and redrawn only when that data changes (a
//! keyed list over whole items); highlights reach just the items whose state changes, and one set
//! of handlers on the layer serves hover, focus and click for all of them. Zoomed out over
//! thousands of arrows, the layer draws them in bundles instead (`dense_layer`), so a dense run
//! stays cheap to drag partitions over.

use std::collections::BTreeSet;

use leptos::ev::{FocusEvent, MouseEvent};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::dense_layer::DenseLayer;
use super::diagram::format_ms;
use super::flags::{one, Flags};
use super::pointer::to_diagram;
use super::state::{Playground, Selection};
use crate::bands::band_area;
use crate::dense::{cross_shape, is_dense, mark_shape, nearest};
use crate::drawing::{arrows, marks, Arrow, ArrowEnd, Mark, MarkKind, Words};
use crate::geom::px;
use crate::ink::Area;
use crate::label_room::{arrow_label_spots, LabelSpot};
use crate::mark_room::keep_mark_labels_off_arrows;

/// Arrows get text labels only from this zoom on, to keep dense runs readable.
const LABEL_MIN_PX_PER_MS: f64 = 1.5;

/// Which events are selected, and which lie in the causal past or future of the hovered (or else
/// selected) event, as sets.
#[derive(Clone, Copy)]
pub struct Cones {
    pub selected: Memo<BTreeSet<u64>>,
    pub past: Memo<BTreeSet<u64>>,
    pub future: Memo<BTreeSet<u64>>,
}

fn cones(state: Playground, hovered: RwSignal<Option<u64>>) -> Cones {
    let focus = Memo::new(move |_| {
        let selected = match state.selected.get() {
            Selection::Event(s) => Some(s),
            _ => None,
        };
        (hovered.get().or(selected), selected)
    });
    let cone = move |past: bool| {
        Memo::new(move |_| {
            let Some(seq) = focus.get().0 else {
                return BTreeSet::new();
            };
            state.sim.with(|s| {
                let t = s.run.trace();
                let seqs = if past {
                    t.causal_past(seq)
                } else {
                    t.causal_future(seq)
                };
                let mut set = BTreeSet::new();
                set.extend(seqs);
                set
            })
        })
    };
    Cones {
        selected: Memo::new(move |_| one(focus.get().1)),
        past: cone(true),
        future: cone(false),
    }
}

/// The same sets seen item by item, so each of thousands of arrow elements wakes only when its
/// own answer changes.
#[derive(Clone, Copy)]
struct Highlights {
    selected: Flags,
    past: Flags,
    future: Flags,
}

fn highlights(c: Cones) -> Highlights {
    Highlights {
        selected: Flags::new(move || c.selected.get()),
        past: Flags::new(move || c.past.get()),
        future: Flags::new(move || c.future.get()),
    }
}

/// What the layer draws: the arrows and marks on screen, and whether they are labelled or, too
/// many to tell apart, drawn in bundles.
#[derive(Clone, Copy)]
pub struct Drawn {
    pub arrows: Memo<Vec<Arrow>>,
    pub marks: Memo<Vec<Mark>>,
    pub labelled: Memo<bool>,
    pub dense: Memo<bool>,
}

impl Drawn {
    pub fn new(state: Playground) -> Drawn {
        let arrows = Memo::new(move |_| {
            let l = state.layout.get();
            let (now, until) = (state.now_us.get(), state.drawn_until.get());
            state
                .bands
                .with(|b| state.messages.with(|m| arrows(m, &l, now, until, b)))
        });
        let labelled = Memo::new(move |_| state.layout.get().px_per_ms >= LABEL_MIN_PX_PER_MS);
        let dense = Memo::new(move |_| is_dense(labelled.get(), arrows.with(Vec::len)));
        let marks = Memo::new(move |_| {
            let l = state.layout.get();
            let until = state.drawn_until.get();
            let words = if dense.get() {
                Words::Shown
            } else {
                Words::Every
            };
            let mut m = state.sim.with(|s| marks(s.run.trace(), &l, until, words));
            // Drawn one by one, the labels keep off the arrows; bundled, they are too many to move.
            if !dense.get() {
                let left_edge = px(l.lane_x(0));
                let walls = walls(state);
                arrows.with(|a| keep_mark_labels_off_arrows(&mut m, a, left_edge, &walls));
            }
            m
        });
        Drawn {
            arrows,
            marks,
            labelled,
            dense,
        }
    }
}

/// The partition bands' areas, which labels keep out of.
pub fn walls(state: Playground) -> Vec<Area> {
    let l = state.layout.get();
    state
        .bands
        .with(|b| b.iter().map(|b| band_area(b, &l)).collect())
}

/// The event an arrow or mark element (or anything inside one) stands for.
fn seq_at(target: Option<web_sys::EventTarget>) -> Option<u64> {
    let el = target?.dyn_into::<web_sys::Element>().ok()?;
    el.closest("[data-seq]")
        .ok()??
        .get_attribute("data-seq")?
        .parse()
        .ok()
}

/// Selects the arrow or mark that took the focus (Tab). Listened for on the diagram's scroller, an
/// HTML element: Chromium makes an SVG element with a focus listener a Tab stop of its own.
pub fn select_focused(state: Playground, ev: &FocusEvent) {
    if let Some(seq) = seq_at(ev.target()) {
        state.selected.set(Selection::Event(seq));
    }
}

/// Arrows and marks, with the handlers they share.
#[component]
pub fn EventLayer(
    state: Playground,
    hovered: RwSignal<Option<u64>>,
    drawn: Drawn,
    svg: NodeRef<leptos::svg::Svg>,
) -> impl IntoView {
    let lit = cones(state, hovered);
    let select = move |seq: Option<u64>| {
        if let Some(seq) = seq {
            state.selected.set(Selection::Event(seq));
        }
    };
    let over = move |ev: MouseEvent| {
        let seq = seq_at(ev.target());
        if seq.is_some() && hovered.get_untracked() != seq {
            hovered.set(seq);
        }
    };
    let out = move |ev: MouseEvent| {
        if seq_at(ev.related_target()) != seq_at(ev.target()) {
            hovered.set(None);
        }
    };
    // Bundled arrows and marks have no element each: the one under the pointer is found by
    // geometry.
    let picked = move |ev: &MouseEvent| {
        if !drawn.dense.get_untracked() {
            return None;
        }
        let l = state.layout.get_untracked();
        let p = to_diagram(&svg, &l, ev.client_x(), ev.client_y())?;
        drawn
            .arrows
            .with_untracked(|a| drawn.marks.with_untracked(|m| nearest(a, m, p.x, p.y)))
    };
    let moved = move |ev: MouseEvent| {
        if drawn.dense.get_untracked() {
            let seq = picked(&ev);
            if hovered.get_untracked() != seq {
                hovered.set(seq);
            }
        }
    };
    let left = move |_: MouseEvent| {
        if drawn.dense.get_untracked() && hovered.get_untracked().is_some() {
            hovered.set(None);
        }
    };
    let layers = move || {
        if drawn.dense.get() {
            view! { <DenseLayer state drawn lit /> }.into_any()
        } else {
            let lit = highlights(lit);
            view! {
                <MessageLayer state drawn lit />
                <MarkLayer drawn />
            }
            .into_any()
        }
    };
    view! {
        <g
            class="events"
            on:mouseover=over
            on:mouseout=out
            on:mousemove=moved
            on:mouseleave=left
            on:click=move |ev: MouseEvent| select(seq_at(ev.target()).or_else(|| picked(&ev)))
        >
            {layers}
        </g>
    }
}

#[component]
fn MessageLayer(state: Playground, drawn: Drawn, lit: Highlights) -> impl IntoView {
    // Keyed by the whole arrow, whether it is labelled and where its label goes (nowhere when no
    // spot is free): an arrow that did not change keeps its element, one that did is drawn afresh.
    let items = move || {
        let labelled = drawn.labelled.get();
        drawn.arrows.with(|d| {
            let spots = if labelled {
                let walls = walls(state);
                drawn
                    .marks
                    .with(|m| arrow_label_spots(d, label_lengths, m, &walls))
            } else {
                vec![None; d.len()]
            };
            let items = d.iter().cloned().zip(spots);
            items
                .map(|(a, spot)| (a, labelled, spot))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <g class="messages" data-messages=move || drawn.arrows.with(Vec::len)>
            <For each=items key=|item| item.clone() children=move |(a, labelled, spot)| arrow_view(a, labelled, spot, lit) />
        </g>
    }
}

fn arrow_view(a: Arrow, labelled: bool, spot: Option<LabelSpot>, lit: Highlights) -> AnyView {
    let seq = a.send_seq;
    let class = match a.end {
        ArrowEnd::Dropped => "msg dropped",
        ArrowEnd::InFlight => "msg inflight",
        ArrowEnd::Delivered => "msg",
    };
    // What makes it an arrow, whether drawn as a group or as one line.
    let arrow = view! {
        <{..}
            class=class
            class:selected=move || lit.selected.has(seq)
            class:past=move || lit.past.has(seq)
            class:future=move || lit.future.has(seq)
            tabindex="0"
            role="button"
            aria-label=arrow_words(&a)
            data-seq=seq.to_string()
        />
    };
    if labelled {
        return view! { <g {..arrow}>{arrow_shapes(a, spot)}</g> }.into_any();
    }
    // Zoomed out, arrows are too dense to label or to need a wider pointer target: one element
    // each (plus the cross of a lost one) keeps redrawing thousands of them cheap.
    let dropped = a.end == ArrowEnd::Dropped;
    let head = if dropped { "" } else { "url(#head)" };
    view! {
        <line {..arrow} x1=a.x1 y1=a.y1 x2=a.x2 y2=a.y2 marker-end=head />
        {dropped.then(|| lost_cross(&a))}
    }
    .into_any()
}

/// The cross where a lost message's arrow stops.
fn lost_cross(a: &Arrow) -> impl IntoView {
    view! { <path class="lost" d=cross_shape(a.x2, a.y2) /> }
}

/// "Reserve #1 (key k1) · try 2": the arrow's text, with the attempt when it is a retry.
fn arrow_label(a: &Arrow) -> String {
    with_attempt(a, a.payload.to_string())
}

/// "Reserve #1 · try 2": the label without the idempotency key, where the whole one has no room.
fn short_label(a: &Arrow) -> String {
    with_attempt(a, a.payload.name())
}

fn with_attempt(a: &Arrow, text: String) -> String {
    if a.attempt > 1 {
        format!("{text} · try {}", a.attempt)
    } else {
        text
    }
}

/// The lengths of an arrow's whole label and of its short one.
fn label_lengths(a: &Arrow) -> (usize, usize) {
    (
        arrow_label(a).chars().count(),
        short_label(a).chars().count(),
    )
}

/// The arrow's accessible name.
fn arrow_words(a: &Arrow) -> String {
    let fate = match a.end {
        ArrowEnd::Dropped => ", dropped",
        ArrowEnd::InFlight => ", in flight",
        ArrowEnd::Delivered => "",
    };
    format!(
        "Message {}, {} to {}, sent at {}{fate}",
        arrow_label(a),
        a.from.name(),
        a.to.name(),
        format_ms(a.sent_us)
    )
}

/// Wide pointer target, shaft, head, loss cross and label of one arrow, the label centred on
/// `spot` (see [`arrow_label_spots`]) when it has one.
fn arrow_shapes(a: Arrow, spot: Option<LabelSpot>) -> impl IntoView {
    let dropped = a.end == ArrowEnd::Dropped;
    let text = match spot {
        Some(s) if s.short => short_label(&a),
        _ => arrow_label(&a),
    };
    view! {
        <line class="hit" x1=a.x1 y1=a.y1 x2=a.x2 y2=a.y2 />
        <line class="shaft" x1=a.x1 y1=a.y1 x2=a.x2 y2=a.y2 marker-end=if dropped { "" } else { "url(#head)" } />
        {dropped.then(|| lost_cross(&a))}
        {spot.map(|s| view! { <text class="msg-label" x=s.x y=s.y text-anchor="middle">{text}</text> })}
    }
}

#[component]
fn MarkLayer(drawn: Drawn) -> impl IntoView {
    view! {
        <g class="marks">
            <For each=move || drawn.marks.get() key=|m| m.clone() children=mark_view />
        </g>
    }
}

/// The classes that give a mark of `kind` its look.
pub fn mark_class(kind: MarkKind) -> &'static str {
    match kind {
        MarkKind::Timeout => "mark timeout",
        MarkKind::Clock => "mark clock",
        MarkKind::GiveUp => "mark giveup",
        MarkKind::Effect => "mark effect",
        MarkKind::Problem => "mark problem",
        MarkKind::NodeDown => "mark down",
        MarkKind::NodeUp => "mark up",
        MarkKind::Violation => "mark violation",
    }
}

fn mark_view(m: Mark) -> impl IntoView {
    let seq = m.seq;
    let words = format!("{}, {} at {}", m.label, m.node.name(), format_ms(m.time_us));
    let (shape, label_class) = (mark_shape(&m), m.label_class());
    view! {
        <g
            class=mark_class(m.kind)
            tabindex="0"
            role="button"
            aria-label=words
            data-seq=seq.to_string()
        >
            <path d=shape />
            {m.label_at().map(|(x, y)| view! { <text x=x y=y class=label_class>{m.label}</text> })}
        </g>
    }
}
