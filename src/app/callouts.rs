//! Mark labels drawn again above the partitions and the curtain: the verdicts (broken invariants,
//! failed orders), so that a band ending where a run comes to rest never strikes one out; any
//! label of a mark already reached that hangs below "now", which the curtain would cut in half;
//! and any label a band covers because it found no clear spot (`crate::mark_room`).

use leptos::prelude::*;

use super::event_layer::{walls, Drawn};
use super::state::Playground;
use crate::drawing::Mark;
use crate::geom::px;
use crate::ink::{Area, Label};

/// The labels to draw again, of marks at or above `now_y` (those below are not reached yet: the
/// diagram may be drawn a little ahead of now while playing, under the curtain): verdicts, labels
/// whose text reaches below `now_y`, as the last marks of a run at rest have, and labels that meet
/// one of the `walls` (the bands).
fn callouts<'a>(marks: &'a [Mark], now_y: i32, walls: &[Area]) -> Vec<Label<'a>> {
    let covered = |l: &Label| walls.iter().any(|w| w.meets(&l.area()));
    marks
        .iter()
        .filter(|m| m.y <= now_y)
        .filter_map(Label::of)
        .filter(|l| l.strong || l.area().bottom > now_y || covered(l))
        .collect()
}

/// The labels drawn again, for sighted readers only: the marks under them already name themselves.
#[component]
pub fn Callouts(state: Playground, drawn: Drawn) -> impl IntoView {
    let shown = move || {
        let now_y = px(state.layout.with(|l| l.y(state.now_us.get())));
        // Bundled, the labels are too many to lift, and would cover the bands' own labels.
        let walls = if drawn.dense.get() {
            Vec::new()
        } else {
            walls(state)
        };
        drawn.marks.with(|m| {
            let shown = callouts(m, now_y, &walls).into_iter();
            shown
                .map(|l| (l.x, l.y, l.text.to_string(), l.strong, l.end))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <g class="callouts" aria-hidden="true">
            {move || {
                shown()
                    .into_iter()
                    .map(|(x, y, text, strong, end)| {
                        let class = match (strong, end) {
                            (false, false) => "mark-label",
                            (true, false) => "mark-label strong",
                            (false, true) => "mark-label end",
                            (true, true) => "mark-label strong end",
                        };
                        view! { <text x=x y=y class=class>{text}</text> }
                    })
                    .collect_view()
            }}
        </g>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::drawing::MarkKind;

    fn mark(kind: MarkKind, y: i32, label_dy: Option<i32>) -> Mark {
        Mark {
            seq: 0,
            x: 100,
            y,
            kind,
            label: "charged implies reserved or refunded".into(),
            label_dy,
            label_left: false,
            node: faultline_sim::NodeId::BILLING,
            time_us: 0,
        }
    }

    #[test]
    fn only_verdicts_and_labels_hanging_below_now_are_called_out() {
        let marks = [
            mark(MarkKind::Violation, 50, Some(0)),
            mark(MarkKind::Problem, 60, Some(12)),
            mark(MarkKind::Timeout, 70, Some(0)),
            mark(MarkKind::Violation, 80, None),
            mark(MarkKind::Violation, 200, Some(0)),
            // Reached, its label pushed two lines down: the curtain at 100 would cut it.
            mark(MarkKind::Effect, 90, Some(24)),
            // Not reached yet, though its label would hang below now.
            mark(MarkKind::Effect, 101, Some(0)),
        ];
        let out = callouts(&marks, 100, &[]);
        let at: Vec<_> = out.iter().map(|l| (l.x, l.y, l.strong)).collect();
        assert_eq!(at, [(109, 54, true), (109, 76, true), (109, 118, false)]);
        // A band over the timeout's label (baseline 74, from x 109): drawn again above it.
        let band = Area {
            left: 150,
            top: 0,
            right: 200,
            bottom: 300,
        };
        let out = callouts(&marks, 100, &[band]);
        let at: Vec<_> = out.iter().map(|l| (l.x, l.y, l.strong)).collect();
        assert_eq!(
            at,
            [
                (109, 54, true),
                (109, 76, true),
                (109, 74, false),
                (109, 118, false)
            ]
        );
    }
}
