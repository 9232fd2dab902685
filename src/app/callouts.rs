//! Labels of broken invariants and failed orders, drawn again above the partitions and the "now"
//! line, so that a band ending where a run comes to rest never strikes out the run's verdict.

use leptos::prelude::*;

use super::event_layer::Drawn;
use super::state::Playground;
use crate::drawing::Mark;
use crate::ink::Label;

/// The verdicts (labels drawn strong: broken invariants, failed orders) at or above `now_y`, with
/// where their text goes: those below are not reached yet (the diagram may be drawn a little ahead
/// of now while playing, under the curtain).
fn callouts(marks: &[Mark], now_y: i32) -> Vec<(i32, i32, String)> {
    marks
        .iter()
        .filter(|m| m.y <= now_y)
        .filter_map(Label::of)
        .filter(|l| l.strong)
        .map(|l| (l.x, l.y, l.text.to_string()))
        .collect()
}

/// The verdict labels, for sighted readers only: the marks under them already name themselves.
#[component]
pub fn Callouts(state: Playground, drawn: Drawn) -> impl IntoView {
    let shown = move || {
        let now_y = state.layout.with(|l| l.y(state.now_us.get())).round() as i32;
        drawn.marks.with(|m| callouts(m, now_y))
    };
    view! {
        <g class="callouts" aria-hidden="true">
            {move || {
                shown()
                    .into_iter()
                    .map(|(x, y, text)| view! { <text x=x y=y class="mark-label">{text}</text> })
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
        }
    }

    #[test]
    fn only_verdicts_reached_and_labelled_are_called_out() {
        let marks = [
            mark(MarkKind::Violation, 50, Some(0)),
            mark(MarkKind::Problem, 60, Some(12)),
            mark(MarkKind::Timeout, 70, Some(0)),
            mark(MarkKind::Violation, 80, None),
            mark(MarkKind::Violation, 200, Some(0)),
        ];
        let out = callouts(&marks, 100);
        assert_eq!(out.len(), 2, "{out:?}");
        assert_eq!((out[0].0, out[0].1), (109, 54));
        assert_eq!((out[1].0, out[1].1), (109, 76));
    }
}
