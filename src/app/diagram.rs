//! The live sequence diagram: lifelines, message arrows, event marks, partition bands and the "now" line.

use std::sync::Arc;

use leptos::ev::{FocusEvent, KeyboardEvent, WheelEvent};
use leptos::prelude::*;

use super::band_layer::{band_words, BandLayer, Drag};
use super::callouts::Callouts;
use super::curtain::{drop_px, Curtain, NOW_LABEL_PX};
use super::event_layer::{select_focused, Drawn, EventLayer};
use super::history::History;
use super::lifeline_headers::LifelineHeaders;
use super::palette::Palette;
use super::pan;
use super::pointer::to_diagram;
use super::state::Playground;
use crate::bands::Band;
use crate::drawing::{outages, Outage};
use crate::geom::{px, Layout, HEADER_PX};

/// Zoom step for one key press or wheel notch.
const ZOOM_STEP: f64 = 1.25;

/// The diagram with its toolbar.
#[component]
pub fn Diagram(
    state: Playground,
    hovered: RwSignal<Option<u64>>,
    history: History,
) -> impl IntoView {
    let svg: NodeRef<leptos::svg::Svg> = NodeRef::new();
    let drag = RwSignal::new(None::<Drag>);
    // While a partition is dragged, the panels catch up a few times a second, not every move.
    Effect::new(move |_| state.hold_snapshot(drag.with(|d| d.is_some())));
    let gap = RwSignal::new(2usize);
    let scroller: NodeRef<leptos::html::Div> = NodeRef::new();
    scroller.on_load(move |el| pan::attach(state, svg, &el));
    let drawn = Drawn::new(state);
    follow_now(state);
    refit_when_the_run_outgrows_the_view(state);
    let view_box = move || {
        let l = state.layout.get();
        format!("0 0 {} {}", px(l.width_px), px(l.full_height_px()))
    };
    view! {
        <section class="diagram-panel" aria-label="Sequence diagram">
            <Palette state drag svg gap dense=drawn.dense history />
            // On a phone the drawing keeps a readable width and scrolls sideways, buttons with it.
            <p class="wide-hint" aria-hidden="true">"Swipe sideways for every lifeline →"</p>
            <div class="diagram-wide">
                    <LifelineHeaders state />
                    <div
                        class="diagram-scroll"
                        tabindex="0"
                        role="application"
                        aria-roledescription="sequence diagram"
                        aria-label="Sequence diagram. P adds a partition at now, plus and minus zoom, Page Up and Page Down scroll, F follows now."
                        on:keydown=move |ev: KeyboardEvent| diagram_key(state, gap, &ev)
                        on:wheel=move |ev: WheelEvent| wheel(state, svg, &ev)
                        on:focusin=move |ev: FocusEvent| select_focused(state, &ev)
                        node_ref=scroller
                    >
                        <svg
                            node_ref=svg
                            class="diagram"
                            class:dragging=move || drag.get().is_some()
                            viewBox=view_box
                            role="group"
                            aria-label="Messages between client, web, billing and inventory over time"
                        >
                            <Defs />
                            <TimeGrid state under=true />
                            <Lifelines state />
                            <EventLayer state hovered drawn svg />
                        </svg>
                        <Curtain state />
                        // Above the curtain: the time axis, the partitions (planned ones included) and the labels that
                        // must not be covered (src/app/callouts.rs).
                        <svg
                            class="diagram-over"
                            viewBox=view_box
                            role="group"
                            aria-label="Partitions"
                        >
                            <TimeGrid state under=false />
                            <BandLayer state drag svg />
                            <Callouts state drawn />
                        </svg>
                    </div>
            </div>
        </section>
    }
}

/// When a change makes the run longer than the view shows, zooms out to fit it (within limits);
/// when it makes the run so much shorter that it fills less than half the view (fewer orders,
/// a shorter timeout), zooms in to fit it, except in the middle of a drag.
fn refit_when_the_run_outgrows_the_view(state: Playground) {
    Effect::new(move |prev: Option<u64>| {
        let end = state.end_us();
        let (top, shown_until) = state.layout.get_untracked().visible_us();
        let grew = prev.is_some_and(|p| end > p) && end > shown_until;
        let shrank = prev.is_some_and(|p| end < p)
            && end < top + (shown_until - top) / 2
            && !untrack(|| state.is_dragging());
        if grew || shrank {
            state.fit_time();
        }
        end
    });
}

/// Keeps "now" in view while following.
fn follow_now(state: Playground) {
    Effect::new(move |_| {
        let now = state.now_us.get();
        if state.follow_now.get() {
            let l = state.layout.get_untracked();
            let top = l.follow(now, state.end_us());
            if top != l.top_us {
                state.layout.update(|l| l.top_us = top);
            }
        }
    });
}

fn zoom(state: Playground, factor: f64, anchor_y: f64) {
    state.layout.update(|l| *l = l.zoomed(factor, anchor_y));
}

pub(super) fn scroll_by(state: Playground, px: f64) {
    state.follow_now.set(false);
    state.layout.update(|l| {
        let delta = l.span_us(px.abs());
        l.top_us = if px < 0.0 {
            l.top_us.saturating_sub(delta)
        } else {
            l.top_us.saturating_add(delta)
        };
    });
}

fn wheel(state: Playground, svg: NodeRef<leptos::svg::Svg>, ev: &WheelEvent) {
    ev.prevent_default();
    let l = state.layout.get_untracked();
    if ev.ctrl_key() {
        // A trackpad pinch arrives as a wheel event with Ctrl held.
        let anchor =
            to_diagram(&svg, &l, ev.client_x(), ev.client_y()).map_or(l.height_px / 2.0, |p| p.y);
        zoom(
            state,
            if ev.delta_y() < 0.0 {
                ZOOM_STEP
            } else {
                1.0 / ZOOM_STEP
            },
            anchor,
        );
    } else {
        scroll_by(state, ev.delta_y());
    }
}

fn diagram_key(state: Playground, gap: RwSignal<usize>, ev: &KeyboardEvent) {
    let l: Layout = state.layout.get_untracked();
    let mid = HEADER_PX + l.height_px / 2.0;
    match ev.key().as_str() {
        "+" | "=" => zoom(state, ZOOM_STEP, mid),
        "-" | "_" => zoom(state, 1.0 / ZOOM_STEP, mid),
        "PageDown" => scroll_by(state, l.height_px * 0.8),
        "PageUp" => scroll_by(state, -l.height_px * 0.8),
        "f" | "F" => {
            state.follow_now.set(true);
            state.announce("Following now");
        }
        "p" | "P" => {
            let id = state.add_band(Band::new(
                0,
                gap.get_untracked(),
                state.now_us.get_untracked(),
            ));
            if let Some(b) = state.band(id) {
                state.announce(format!(
                    "Added. {}. Tab to it to move it with the arrow keys.",
                    band_words(&b)
                ));
            }
        }
        _ => return,
    }
    ev.prevent_default();
}

#[component]
fn Defs() -> impl IntoView {
    view! {
        <defs>
            <pattern id="hatch" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                <rect width="8" height="8" class="hatch-bg" />
                <line x1="0" y1="0" x2="0" y2="8" class="hatch-line" />
            </pattern>
            <marker id="head" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="9" markerHeight="9" markerUnits="userSpaceOnUse" orient="auto-start-reverse">
                <path d="M0,0 L10,5 L0,10 z" class="arrowhead" />
            </marker>
        </defs>
    }
}

/// Horizontal ticks with millisecond labels, spaced to stay readable at any zoom. `under`: only
/// the lines, under the arrows and labels; otherwise the labels, and the lines the curtain would hide.
#[component]
fn TimeGrid(state: Playground, under: bool) -> impl IntoView {
    // A memo: playing moves now a few times a second, and the ticks change far less often.
    let ticks = Memo::new(move |_| {
        let l = state.layout.get();
        // Over the drawing, lines only where the curtain covers it: higher up they would strike
        // through labels, which hide the lines drawn under them with their halos.
        // The curtain's top: now, a little lower once the run is over.
        let now = state.now_us.get();
        let lines_below_y = if under {
            f64::MIN
        } else {
            l.y(now) + drop_px(state, now)
        };
        // Just below it the axis shows the now label instead (src/app/curtain.rs).
        let now_label = lines_below_y..lines_below_y + NOW_LABEL_PX;
        let step_us = tick_step_us(l.px_per_ms);
        let (lo, hi) = l.visible_us();
        let first = lo.div_ceil(step_us) * step_us;
        (0..200u64)
            .map(move |i| first + i * step_us)
            .take_while(move |t| *t <= hi)
            .map(move |t| (t, l.y(t)))
            .filter(move |(_, y)| under || !now_label.contains(y))
            .map(move |(t, y)| (px(y), y > lines_below_y, (!under).then(|| format_ms(t))))
            .collect::<Vec<_>>()
    });
    view! {
        <g class="grid" aria-hidden="true">
            {move || ticks.get().into_iter().map(|(y, line, label)| view! {
                {line.then(|| view! { <line x1="0" x2="100%" y1=y y2=y class="tick" /> })}
                {label.map(|label| view! { <text x="4" y=y - 3 class="tick-label">{label}</text> })}
            }).collect_view()}
        </g>
    }
}

/// A round tick spacing that puts ticks about 60 px apart.
fn tick_step_us(px_per_ms: f64) -> u64 {
    let raw_us = 60.0 / px_per_ms * 1000.0;
    let steps = [
        100u64, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000, 200_000, 500_000,
        1_000_000, 5_000_000,
    ];
    steps
        .into_iter()
        .find(|s| *s as f64 >= raw_us)
        .unwrap_or(10_000_000)
}

/// "12.5 ms", "6 ms", "5009.3 ms": to a tenth of a millisecond at any length, with no ".0", so
/// the clock, the now label and the status panel read one instant alike.
pub fn format_ms(t_us: u64) -> String {
    let tenths = t_us.saturating_add(50) / 100;
    match tenths % 10 {
        0 => format!("{} ms", tenths / 10),
        d => format!("{}.{d} ms", tenths / 10),
    }
}

#[component]
fn Lifelines(state: Playground) -> impl IntoView {
    let names = faultline_sim::NODE_NAMES;
    // Every node's outages, found once per run and shared by the four lifelines.
    let all = Memo::new(move |_| state.sim.with(|s| Arc::new(outages(s.run.trace()))));
    view! {
        <g class="lifelines">
            {names.iter().enumerate().map(move |(i, name)| {
                let x = move || px(state.layout.get().lane_x(i));
                let bottom = move || state.layout.with(|l| px(l.full_height_px()));
                view! {
                    <line class="lifeline" x1=x x2=x y1=px(HEADER_PX) - 8 y2=bottom />
                    <Outages state all node=i />
                    <text class="lane-name" x=x y="24" text-anchor="middle">{*name}</text>
                    <text class="lane-state" x=x y="42" text-anchor="middle">
                        {move || node_state_word(&state.snapshot.get(), i)}
                    </text>
                }
            }).collect_view()}
        </g>
    }
}

/// Crashed and paused stretches of one lifeline, drawn over it whole once they have begun (the
/// curtain hides what is still to come).
#[component]
fn Outages(state: Playground, all: Memo<Arc<Vec<Outage>>>, node: usize) -> impl IntoView {
    move || {
        let l = state.layout.get();
        let until = state.drawn_until.get();
        let end = state.end_us();
        all.with(|os| {
            os.iter()
                .filter(|o| o.node == node && o.from_us <= until)
                .map(|o| {
                    let x = px(l.lane_x(node));
                    let y1 = px(l.y(o.from_us).max(HEADER_PX));
                    let y2 = px(l
                        .y(o.to_us.unwrap_or(end.max(until)))
                        .min(l.full_height_px()));
                    let class = if o.crashed {
                        "outage crashed"
                    } else {
                        "outage paused"
                    };
                    view! { <line class=class x1=x x2=x y1=y1 y2=y2.max(y1) /> }
                })
                .collect_view()
        })
    }
}

fn node_state_word(snap: &Arc<faultline_sim::Snapshot>, node: usize) -> &'static str {
    match snap.nodes_up.get(node) {
        Some(faultline_sim::NodeStatus::Crashed) => "crashed",
        Some(faultline_sim::NodeStatus::Paused) => "paused",
        _ => "up",
    }
}

#[cfg(test)]
mod tests {
    use super::format_ms;

    #[test]
    fn times_read_to_a_tenth_of_a_millisecond_without_a_trailing_zero() {
        assert_eq!(format_ms(6_020), "6 ms");
        assert_eq!(format_ms(332_500), "332.5 ms");
        assert_eq!(format_ms(5_009_260), "5009.3 ms");
        assert_eq!(format_ms(0), "0 ms");
        assert_eq!(format_ms(u64::MAX), "18446744073709551.6 ms");
    }
}
