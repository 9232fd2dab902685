//! Arrows and marks of a dense, zoomed-out diagram, drawn as a few bundled paths.
//!
//! Each look (delivered, in flight, dropped; heads; lost crosses; each mark kind) is one `<path>`
//! whose `d` is rebuilt in Rust, so a partition drag that moves every later arrow changes a few
//! attributes instead of thousands of elements. Highlights are paths of just the highlighted
//! arrows drawn on top. Single arrows are too close together here to point at or Tab to one by
//! one: the pointer picks by geometry (in `event_layer`), and the toolbar says to zoom in.

use leptos::prelude::*;

use super::event_layer::{mark_class, Cones, Drawn};
use crate::dense::{arrow_paths, mark_paths, shafts_of, ArrowPaths, CHUNK};
use crate::drawing::{ArrowEnd, MarkKind};

/// Every kind of mark, in drawing order.
const MARK_KINDS: [MarkKind; 8] = [
    MarkKind::Timeout,
    MarkKind::Retry,
    MarkKind::GiveUp,
    MarkKind::Effect,
    MarkKind::NodeDown,
    MarkKind::NodeUp,
    MarkKind::Problem,
    MarkKind::Violation,
];

/// The bundles, with a transparent backdrop that takes the pointer between them.
#[component]
pub fn DenseLayer(drawn: Drawn, lit: Cones) -> impl IntoView {
    view! {
        <rect class="dense-hit" width="100%" height="100%" aria-hidden="true" />
        <DenseMessages drawn lit />
        <DenseMarks drawn />
    }
}

/// One attribute value taken from a bundle of arrows.
fn part(paths: Memo<ArrowPaths>, f: fn(&ArrowPaths) -> &String) -> impl Fn() -> String {
    move || paths.with(|p| f(p).clone())
}

/// One bundle of arrows: the `i`th [`CHUNK`] of them. Its arrows are compared first, so a bundle
/// whose arrows did not change is neither formatted again nor touches the page.
fn chunk_view(drawn: Drawn, i: usize) -> impl IntoView {
    let mine = Memo::new(move |_| {
        drawn.arrows.with(|a| {
            let lo = (i * CHUNK).min(a.len());
            a[lo..(lo + CHUNK).min(a.len())].to_vec()
        })
    });
    let paths = Memo::new(move |_| mine.with(|a| arrow_paths(a)));
    view! {
        <path class="dense-shafts" d=part(paths, |p| &p.delivered) />
        <path class="dense-shafts inflight" d=part(paths, |p| &p.inflight) />
        <path class="dense-shafts dropped" d=part(paths, |p| &p.dropped) />
        <path class="dense-heads" d=part(paths, |p| &p.heads) />
        <path class="lost" d=part(paths, |p| &p.lost) />
    }
}

#[component]
fn DenseMessages(drawn: Drawn, lit: Cones) -> impl IntoView {
    let chunks = Memo::new(move |_| drawn.arrows.with(Vec::len).div_ceil(CHUNK));
    let indices = move || (0..chunks.get()).collect::<Vec<_>>();
    let count = move || drawn.arrows.with(Vec::len);
    let words = move || {
        format!(
            "{} messages, too close together to tell apart: zoom in to reach each one",
            count()
        )
    };
    let overlay = move |set: Memo<_>| move || set.with(|s| drawn.arrows.with(|a| shafts_of(a, s)));
    // The selected arrow keeps its own look, drawn thicker.
    let selected_class = move || {
        let end = lit.selected.with(|s| {
            drawn
                .arrows
                .with(|a| a.iter().find(|a| s.contains(&a.send_seq)).map(|a| a.end))
        });
        match end {
            Some(ArrowEnd::Dropped) => "dense-shafts dropped selected",
            Some(ArrowEnd::InFlight) => "dense-shafts inflight selected",
            _ => "dense-shafts selected",
        }
    };
    view! {
        <g class="messages dense" data-messages=count role="img" aria-label=words>
            <For each=indices key=|i| *i children=move |i| chunk_view(drawn, i) />
            <path class="dense-shafts past" d=overlay(lit.past) />
            <path class="dense-shafts future" d=overlay(lit.future) />
            <path class=selected_class d=overlay(lit.selected) />
        </g>
    }
}

#[component]
fn DenseMarks(drawn: Drawn) -> impl IntoView {
    let shapes = Memo::new(move |_| drawn.marks.with(|m| mark_paths(m)));
    let kind_view = move |kind: MarkKind| {
        let count = move || {
            shapes.with(|s| {
                s.iter()
                    .find(|(k, _)| *k == kind)
                    .map_or(0, |(_, c)| c.len())
            })
        };
        let indices = move || (0..count()).collect::<Vec<_>>();
        // One memo per bundle, so a bundle that did not change keeps its path untouched.
        let bundle = move |i: usize| {
            let d = Memo::new(move |_| {
                shapes.with(|s| {
                    s.iter()
                        .find(|(k, _)| *k == kind)
                        .and_then(|(_, c)| c.get(i).cloned())
                        .unwrap_or_default()
                })
            });
            view! { <path d=d /> }
        };
        view! {
            <g class=mark_class(kind)>
                <For each=indices key=|i| *i children=bundle />
                {mark_labels(drawn, kind)}
            </g>
        }
    };
    view! {
        <g class="marks dense" aria-hidden="true">
            {MARK_KINDS.into_iter().map(kind_view).collect_view()}
        </g>
    }
}

/// The few labels of `kind` with room near their mark, in slots that keep their element when a
/// label moves or changes.
fn mark_labels(drawn: Drawn, kind: MarkKind) -> impl IntoView {
    let labels = Memo::new(move |_| {
        drawn.marks.with(|ms| {
            ms.iter()
                .filter(|m| m.kind == kind)
                .filter_map(|m| m.label_at().map(|(x, y)| (x, y, m.label.clone())))
                .collect::<Vec<_>>()
        })
    });
    let slots = move || (0..labels.with(Vec::len)).collect::<Vec<_>>();
    let slot = move |i: usize| {
        let at = move || labels.with(|l| l.get(i).cloned()).unwrap_or_default();
        view! { <text x=move || at().0 y=move || at().1 class="mark-label">{move || at().2}</text> }
    };
    view! { <For each=slots key=|i| *i children=slot /> }
}
