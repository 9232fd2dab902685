//! Arrows and marks of a dense, zoomed-out diagram, drawn as a few bundled paths.
//!
//! Each look (delivered, in flight, dropped; heads; lost crosses; each mark kind) of a bundle of
//! about 64 arrows or marks is one `<path>`, so a partition drag changes a few elements instead of
//! thousands: only the bundles holding messages the partition touched. A canvas
//! ([`super::dense_canvas`]) shows them and the marks' labels; the elements stay, hidden, for the
//! SVG export. Highlights are paths of just the highlighted arrows drawn on top. Single arrows are
//! too close together here to point at or Tab to one by one: the pointer picks by geometry (in
//! `event_layer`), and the toolbar says to zoom in.

use std::collections::HashSet;

use leptos::prelude::*;

use super::dense_canvas::DenseCanvas;
use super::event_layer::{mark_class, Cones, Drawn};
use super::state::Playground;
use crate::dense::{arrow_name, arrow_paths, bundles, mark_name, marks_path, shafts_of, Bundle};
use crate::drawing::{ArrowEnd, MarkKind};
use crate::outline::Polylines;

/// Every kind of mark, in drawing order.
pub const MARK_KINDS: [MarkKind; 8] = [
    MarkKind::Timeout,
    MarkKind::Clock,
    MarkKind::GiveUp,
    MarkKind::Effect,
    MarkKind::NodeDown,
    MarkKind::NodeUp,
    MarkKind::Problem,
    MarkKind::Violation,
];

/// The bundles, with a transparent backdrop that takes the pointer between them. A canvas under
/// the highlights shows them; their paths stay, hidden, for the SVG export.
#[component]
pub fn DenseLayer(state: Playground, drawn: Drawn, lit: Cones) -> impl IntoView {
    view! {
        <rect class="dense-hit" width="100%" height="100%" aria-hidden="true" />
        <DenseCanvas state drawn />
        <DenseMessages drawn lit />
        <DenseMarks drawn lit />
    }
}

/// A path only where there is something to draw.
fn path_if(class: &'static str, outlines: Polylines) -> Option<impl IntoView> {
    (!outlines.0.is_empty()).then(|| view! { <path class=class d=outlines.svg() /> })
}

/// One bundle of arrows, drawn once: a bundle whose arrows change is a new bundle (a new key), so
/// a drag redraws only the bundles the moved partition touched.
fn bundle_view(drawn: Drawn, b: Bundle) -> impl IntoView {
    let p = drawn
        .arrows
        .with_untracked(|a| arrow_paths(b.members.iter().filter_map(|&i| a.get(i))));
    view! {
        {path_if("dense-shafts bundle", p.delivered)}
        {path_if("dense-shafts inflight bundle", p.inflight)}
        {path_if("dense-shafts dropped bundle", p.dropped)}
        {path_if("dense-heads bundle", p.heads)}
        {path_if("lost bundle", p.lost)}
    }
}

#[component]
fn DenseMessages(drawn: Drawn, lit: Cones) -> impl IntoView {
    let each = move || {
        drawn
            .arrows
            .with(|a| bundles(a.iter().map(arrow_name).enumerate()))
    };
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
        <g class="messages dense canvas-drawn" data-messages=count role="img" aria-label=words>
            <For each=each key=|b| b.key children=move |b| bundle_view(drawn, b) />
            <path class="dense-shafts past" d=overlay(lit.past) />
            <path class="dense-shafts future" d=overlay(lit.future) />
            <path class=selected_class d=overlay(lit.selected) />
        </g>
    }
}

/// The marks' bundles and labels, hidden: the canvas shows them. While an event is lit up, its
/// highlights cover the canvas, and the labels are shown here, above them (`.lit`).
#[component]
fn DenseMarks(drawn: Drawn, lit: Cones) -> impl IntoView {
    let class = move || {
        let cones = [lit.selected, lit.past, lit.future];
        if cones.iter().any(|c| c.with(|s| !s.is_empty())) {
            "marks dense canvas-drawn lit"
        } else {
            "marks dense canvas-drawn"
        }
    };
    let kind_view = move |kind: MarkKind| {
        let each = move || {
            drawn.marks.with(|ms| {
                let named = ms.iter().enumerate().filter(|(_, m)| m.kind == kind);
                bundles(named.map(|(i, m)| (i, mark_name(m))))
            })
        };
        // Drawn once, like a bundle of arrows.
        let bundle = move |b: Bundle| {
            let d = drawn
                .marks
                .with_untracked(|ms| marks_path(b.members.iter().filter_map(|&i| ms.get(i))).svg());
            view! { <path class="bundle" d=d /> }
        };
        view! {
            <g class=mark_class(kind)>
                <For each=each key=|b| b.key children=bundle />
                {mark_labels(drawn, kind)}
            </g>
        }
    };
    view! {
        <g class=class aria-hidden="true">
            {MARK_KINDS.into_iter().map(kind_view).collect_view()}
        </g>
    }
}

/// The few labels of `kind` with room near their mark, hidden for the SVG export (the canvas shows
/// them, as `crate::ink::Label`s). Each is drawn once under a key of where it is and what it says:
/// when a drag changes a few labels, the others are not touched (slots by position in the list
/// rewrote every label after the first change, all over the diagram).
fn mark_labels(drawn: Drawn, kind: MarkKind) -> impl IntoView {
    let labels = move || {
        drawn.marks.with(|ms| {
            let mut seen = HashSet::new();
            ms.iter()
                .filter(|m| m.kind == kind)
                .filter_map(|m| m.label_at().map(|(x, y)| (x, y, m.label.clone())))
                .filter(|l| seen.insert(l.clone()))
                .collect::<Vec<_>>()
        })
    };
    let label = |(x, y, text): (i32, i32, String)| {
        view! { <text x=x y=y class="mark-label">{text}</text> }
    };
    view! { <For each=labels key=|l| l.clone() children=label /> }
}
