//! Marks' labels moved up or down a little where an arrow runs through them.
//!
//! A mark sits where arrows meet a lifeline, and its label starts just right of it: a reply
//! arriving from the right, or a request leaving to the right, ran straight through the words
//! (web's "#1: confirmed" under the Reserved arrow, on the happy path). Each label, in time order,
//! takes the first of a few small shifts that no arrow crosses and no other mark's label meets,
//! or stays as stacked when none is clear.

use crate::drawing::{Arrow, Mark};
use crate::ink::Area;
use crate::label_room::text_box;

/// Shifts tried, in pixels down from where the label is stacked, best first: as it is, below an
/// arrow arriving from above, above one leaving below, then a little further.
const SHIFTS_PX: [i32; 5] = [0, 8, -8, 13, -13];

/// Moves each labelled mark's label by the first of [`SHIFTS_PX`] that keeps it off every shaft in
/// `arrows` and clear of the other labels. `marks` come in time order, so top to bottom.
pub fn keep_mark_labels_off_arrows(marks: &mut [Mark], arrows: &[Arrow]) {
    let shafts = Shafts::new(arrows);
    let mut boxes: Vec<Option<Area>> = marks.iter().map(|m| label_box(m, 0)).collect();
    for i in 0..marks.len() {
        let (y, near) = (marks[i].y, |m: &Mark| (m.y - marks[i].y).abs() <= REACH_PX);
        let from = marks.partition_point(|m| m.y < y - REACH_PX);
        let to = from + marks[from..].iter().take_while(|m| near(m)).count();
        let clear = |shift: i32| {
            let Some(b) = label_box(&marks[i], shift) else {
                return false;
            };
            let other_meets =
                (from..to).any(|j| j != i && boxes[j].is_some_and(|o| lines_meet(&o, &b)));
            !other_meets && !shafts.any_crosses(&b)
        };
        if let Some(shift) = SHIFTS_PX.into_iter().find(|&s| clear(s)) {
            let m = &mut marks[i];
            m.label_dy = m.label_dy.map(|dy| dy + shift);
            boxes[i] = label_box(m, 0);
        }
    }
}

/// Two marks farther apart than this cannot have labels that meet: a label sits at most two
/// stacked lines and the largest shift below its mark, or the largest shift above it.
const REACH_PX: i32 = 64;

/// The arrows in order of their tops, so that a label is tested only against those whose height
/// reaches it: 400 marks against 400 arrows took 3.8 ms per change that way, natively; 0.1 ms so.
struct Shafts<'a> {
    by_top: Vec<(Area, &'a Arrow)>,
    tallest: i32,
}

impl<'a> Shafts<'a> {
    fn new(arrows: &'a [Arrow]) -> Self {
        // Inserted in order rather than sorted: a sort of its own would add 2 KB to the wasm.
        let mut by_top: Vec<(Area, &Arrow)> = Vec::with_capacity(arrows.len());
        for a in arrows {
            let b = bounds(a);
            by_top.insert(by_top.partition_point(|(s, _)| s.top < b.top), (b, a));
        }
        let tallest = by_top
            .iter()
            .map(|(b, _)| b.bottom - b.top)
            .max()
            .unwrap_or(0);
        Shafts { by_top, tallest }
    }

    fn any_crosses(&self, b: &Area) -> bool {
        let from = self
            .by_top
            .partition_point(|(s, _)| s.top < b.top - self.tallest);
        self.by_top[from..]
            .iter()
            .take_while(|(s, _)| s.top <= b.bottom)
            .any(|(s, a)| s.meets(b) && crosses(a, b))
    }
}

/// The box an arrow's shaft spans.
fn bounds(a: &Arrow) -> Area {
    Area {
        left: a.x1.min(a.x2),
        top: a.y1.min(a.y2),
        right: a.x1.max(a.x2),
        bottom: a.y1.max(a.y2),
    }
}

/// Whether two labels print over each other. Their boxes reach a pixel past the 12 px line that
/// stacked labels keep between them (as the browser measures text), so that pixel is let pass.
fn lines_meet(a: &Area, b: &Area) -> bool {
    let line = |x: &Area| Area {
        top: x.top + 1,
        bottom: x.bottom - 1,
        ..*x
    };
    line(a).meets(&line(b))
}

/// The box of `m`'s label moved `shift` pixels down, if it is drawn.
fn label_box(m: &Mark, shift: i32) -> Option<Area> {
    let (x, y) = m.label_at()?;
    (!m.label.is_empty()).then(|| text_box(x, y + shift, m.label.chars().count()))
}

/// Whether the arrow's shaft passes through `b` (Liang–Barsky clipping of the segment).
fn crosses(a: &Arrow, b: &Area) -> bool {
    let (x1, y1) = (f64::from(a.x1), f64::from(a.y1));
    let (dx, dy) = (f64::from(a.x2) - x1, f64::from(a.y2) - y1);
    let edges = [
        (-dx, x1 - f64::from(b.left)),
        (dx, f64::from(b.right) - x1),
        (-dy, y1 - f64::from(b.top)),
        (dy, f64::from(b.bottom) - y1),
    ];
    let (mut enter, mut leave) = (0.0_f64, 1.0_f64);
    for (p, q) in edges {
        if p == 0.0 {
            if q < 0.0 {
                return false;
            }
        } else if p < 0.0 {
            enter = enter.max(q / p);
        } else {
            leave = leave.min(q / p);
        }
    }
    enter <= leave
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dense::tests::{arrow, mark};
    use crate::drawing::{ArrowEnd, MarkKind};

    fn labelled(x: i32, y: i32, label: &str) -> Mark {
        Mark {
            label: label.into(),
            label_dy: Some(0),
            ..mark(1, x, y, MarkKind::Effect)
        }
    }

    #[test]
    fn a_segment_crosses_a_box_only_where_it_runs_through_it() {
        let b = Area {
            left: 10,
            top: 10,
            right: 20,
            bottom: 20,
        };
        let through = arrow(1, (0, 15, 30, 15), ArrowEnd::Delivered);
        let beside = arrow(2, (0, 25, 30, 25), ArrowEnd::Delivered);
        let diagonal_miss = arrow(3, (0, 0, 9, 30), ArrowEnd::Delivered);
        let ends_inside = arrow(4, (100, 0, 15, 15), ArrowEnd::Delivered);
        assert!(crosses(&through, &b));
        assert!(!crosses(&beside, &b));
        assert!(!crosses(&diagonal_miss, &b));
        assert!(crosses(&ends_inside, &b));
    }

    #[test]
    fn a_reply_arriving_from_the_right_pushes_the_label_below_it() {
        // A reply from far right ends on the mark, rising a few pixels over the label's length.
        let reply = arrow(1, (700, 90, 300, 100), ArrowEnd::Delivered);
        let mut marks = [labelled(300, 100, "#1: confirmed")];
        keep_mark_labels_off_arrows(&mut marks, std::slice::from_ref(&reply));
        assert_eq!(marks[0].label_dy, Some(8));
        let b = label_box(&marks[0], 0).unwrap();
        assert!(!crosses(&reply, &b));
    }

    #[test]
    fn a_label_no_arrow_crosses_stays_and_a_crowded_one_keeps_its_stacking() {
        let mut marks = [labelled(300, 100, "charged #1")];
        keep_mark_labels_off_arrows(
            &mut marks,
            &[arrow(1, (100, 20, 300, 40), ArrowEnd::Delivered)],
        );
        assert_eq!(marks[0].label_dy, Some(0));
        // Arrows through every shift: the label stays where stacking put it.
        let fan: Vec<Arrow> = (-20..=20)
            .map(|k| arrow(1, (300, 100, 400, 100 + 5 * k), ArrowEnd::Delivered))
            .collect();
        let mut crowded = [labelled(300, 100, "charged #1")];
        keep_mark_labels_off_arrows(&mut crowded, &fan);
        assert_eq!(crowded[0].label_dy, Some(0));
    }

    #[test]
    fn labels_stacked_a_line_apart_stay_where_they_are() {
        let mut marks = [
            labelled(300, 100, "timeout #1 try 3"),
            Mark {
                label_dy: Some(12),
                ..labelled(300, 100, "gives up on inventory #1")
            },
            Mark {
                label_dy: Some(24),
                ..labelled(300, 100, "#1: pending")
            },
        ];
        keep_mark_labels_off_arrows(&mut marks, &[]);
        let dys: Vec<_> = marks.iter().map(|m| m.label_dy).collect();
        assert_eq!(dys, [Some(0), Some(12), Some(24)]);
    }

    #[test]
    fn a_moved_label_does_not_land_on_another_marks_label() {
        let reply = arrow(1, (700, 90, 300, 100), ArrowEnd::Delivered);
        // The label just below is where the first label's first choice would go.
        let mut marks = [
            labelled(300, 100, "#1: confirmed"),
            labelled(300, 112, "reserved #1"),
        ];
        keep_mark_labels_off_arrows(&mut marks, &[reply]);
        let (a, b) = (
            label_box(&marks[0], 0).unwrap(),
            label_box(&marks[1], 0).unwrap(),
        );
        assert!(!lines_meet(&a, &b), "{a:?} {b:?}");
    }

    /// The same rule without the ordering shortcuts: every arrow, every other label.
    fn reference(marks: &mut [Mark], arrows: &[Arrow]) {
        let mut boxes: Vec<Option<Area>> = marks.iter().map(|m| label_box(m, 0)).collect();
        for i in 0..marks.len() {
            let clear = |shift: i32| {
                let Some(b) = label_box(&marks[i], shift) else {
                    return false;
                };
                let other = (0..marks.len())
                    .any(|j| j != i && boxes[j].is_some_and(|o| lines_meet(&o, &b)));
                !other && !arrows.iter().any(|a| crosses(a, &b))
            };
            if let Some(shift) = SHIFTS_PX.into_iter().find(|&s| clear(s)) {
                marks[i].label_dy = marks[i].label_dy.map(|dy| dy + shift);
                boxes[i] = label_box(&marks[i], 0);
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn the_shortcuts_change_no_placement(
            ends in proptest::collection::vec((0..4i32, 0..600i32, 0..4i32, 0..80i32), 0..60),
            spots in proptest::collection::vec((0..4i32, 0..8i32, 0..3i32), 0..60),
        ) {
            let arrows: Vec<Arrow> = ends
                .iter()
                .enumerate()
                .map(|(i, &(l1, y, l2, h))| arrow(i as u64, (100 + 200 * l1, y, 100 + 200 * l2, y + h), ArrowEnd::Delivered))
                .collect();
            let mut y = 0;
            let marks: Vec<Mark> = spots
                .iter()
                .map(|&(lane, gap, stacked)| {
                    y += gap * 3;
                    Mark { label_dy: Some(12 * stacked), ..labelled(100 + 200 * lane, y, "timeout #1 try 2") }
                })
                .collect();
            let (mut fast, mut slow) = (marks.clone(), marks);
            keep_mark_labels_off_arrows(&mut fast, &arrows);
            reference(&mut slow, &arrows);
            proptest::prop_assert_eq!(fast, slow);
        }
    }
}
