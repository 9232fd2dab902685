//! What happened, on the diagram: an arrow per message and a mark per notable event.
//!
//! Each arrow and mark is drawn from its data alone and redrawn only when that data changes (a
//! keyed list over whole items); highlights reach just the items whose state changes, and one set
//! of handlers on the layer serves hover, focus and click for all of them. So a run with thousands
//! of arrows stays cheap to drag partitions over.

use std::collections::BTreeSet;

use leptos::ev::{FocusEvent, MouseEvent};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::flags::{one, Flags};
use super::state::{Playground, Selection};
use crate::drawing::{arrows, marks, Arrow, ArrowEnd, Mark, MarkKind};

/// Arrows get text labels only from this zoom on, to keep dense runs readable.
const LABEL_MIN_PX_PER_MS: f64 = 1.5;

/// Which items are selected, and which lie in the causal past or future of the hovered (or else
/// selected) event.
#[derive(Clone, Copy)]
struct Highlights {
    selected: Flags,
    past: Flags,
    future: Flags,
}

fn highlights(state: Playground, hovered: RwSignal<Option<u64>>) -> Highlights {
    let focus = Memo::new(move |_| {
        let selected = match state.selected.get() {
            Selection::Event(s) => Some(s),
            _ => None,
        };
        (hovered.get().or(selected), selected)
    });
    let cone = move |past: bool| {
        move || {
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
        }
    };
    Highlights {
        selected: Flags::new(move || one(focus.get().1)),
        past: Flags::new(cone(true)),
        future: Flags::new(cone(false)),
    }
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

/// Arrows and marks, with the handlers they share.
#[component]
pub fn EventLayer(state: Playground, hovered: RwSignal<Option<u64>>) -> impl IntoView {
    let lit = highlights(state, hovered);
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
    view! {
        <g
            class="events"
            on:mouseover=over
            on:mouseout=out
            on:focusin=move |ev: FocusEvent| select(seq_at(ev.target()))
            on:click=move |ev: MouseEvent| select(seq_at(ev.target()))
        >
            <MessageLayer state lit />
            <MarkLayer state />
        </g>
    }
}

#[component]
fn MessageLayer(state: Playground, lit: Highlights) -> impl IntoView {
    let drawn = Memo::new(move |_| {
        let l = state.layout.get();
        let (now, until) = (state.now_us.get(), state.drawn_until.get());
        state.bands.with(|b| {
            state.messages.with(|m| {
                state
                    .message_labels
                    .with(|labels| arrows(m, labels, &l, now, until, b))
            })
        })
    });
    let labels = Memo::new(move |_| state.layout.get().px_per_ms >= LABEL_MIN_PX_PER_MS);
    // Keyed by the whole arrow (and whether it is labelled): an arrow that did not change keeps
    // its element, one that did is drawn afresh.
    let items = move || {
        let labelled = labels.get();
        drawn.with(|d| d.iter().map(|a| (a.clone(), labelled)).collect::<Vec<_>>())
    };
    view! {
        <g class="messages">
            <For each=items key=|item| item.clone() children=move |(a, labelled)| arrow_view(a, labelled, lit) />
        </g>
    }
}

fn arrow_view(a: Arrow, labelled: bool, lit: Highlights) -> AnyView {
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
        return view! { <g {..arrow}>{arrow_shapes(a)}</g> }.into_any();
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
    view! { <path class="lost" d=format!("M{} {}l-6 -6l12 12m0 -12l-12 12", a.x2, a.y2) /> }
}

/// "Reserve #1 (key k1) · try 2": the arrow's text, with the attempt when it is a retry.
fn arrow_label(a: &Arrow) -> String {
    if a.attempt > 1 {
        format!("{} · try {}", a.label, a.attempt)
    } else {
        a.label.to_string()
    }
}

/// The arrow's accessible name.
fn arrow_words(a: &Arrow) -> String {
    let fate = match a.end {
        ArrowEnd::Dropped => ", dropped",
        ArrowEnd::InFlight => ", in flight",
        ArrowEnd::Delivered => "",
    };
    format!("Message {}{fate}", arrow_label(a))
}

/// Wide pointer target, shaft, head, loss cross and label of one arrow.
fn arrow_shapes(a: Arrow) -> impl IntoView {
    // Labels sit two fifths of the way from the sender, so a request and its quick reply don't collide.
    let (mx, my) = (a.x1 + (a.x2 - a.x1) * 2 / 5, a.y1 + (a.y2 - a.y1) * 2 / 5);
    let dropped = a.end == ArrowEnd::Dropped;
    let text = arrow_label(&a);
    view! {
        <line class="hit" x1=a.x1 y1=a.y1 x2=a.x2 y2=a.y2 />
        <line class="shaft" x1=a.x1 y1=a.y1 x2=a.x2 y2=a.y2 marker-end=if dropped { "" } else { "url(#head)" } />
        {dropped.then(|| lost_cross(&a))}
        <text class="msg-label" x=mx y=my - 4 text-anchor="middle">{text}</text>
    }
}

#[component]
fn MarkLayer(state: Playground) -> impl IntoView {
    let drawn = Memo::new(move |_| {
        let l = state.layout.get();
        let until = state.drawn_until.get();
        state.sim.with(|s| marks(s.run.trace(), &l, until))
    });
    view! {
        <g class="marks">
            <For each=move || drawn.get() key=|m| m.clone() children=mark_view />
        </g>
    }
}

fn mark_class(kind: MarkKind) -> &'static str {
    match kind {
        MarkKind::Timeout => "mark timeout",
        MarkKind::Retry => "mark retry",
        MarkKind::GiveUp => "mark giveup",
        MarkKind::Effect => "mark effect",
        MarkKind::Problem => "mark problem",
        MarkKind::NodeDown => "mark down",
        MarkKind::NodeUp => "mark up",
        MarkKind::Violation => "mark violation",
    }
}

fn mark_shape(m: &Mark) -> String {
    match m.kind {
        MarkKind::Timeout | MarkKind::GiveUp => format!("M{} {}l-5 -5h10z", m.x, m.y + 3),
        MarkKind::Effect => format!("M{} {}h10v-10h-10z", m.x - 5, m.y + 5),
        _ => format!("M{} {}l6 6l-6 6l-6 -6z", m.x, m.y - 6),
    }
}

fn mark_view(m: Mark) -> impl IntoView {
    let seq = m.seq;
    let (shape, words) = (mark_shape(&m), m.label.clone());
    view! {
        <g
            class=mark_class(m.kind)
            tabindex="0"
            role="button"
            aria-label=words
            data-seq=seq.to_string()
        >
            <path d=shape />
            {m.label_dy.map(|dy| view! { <text x=m.x + 9 y=m.y + 4 + dy class="mark-label">{m.label}</text> })}
        </g>
    }
}
