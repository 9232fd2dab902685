//! Marks' labels moved up or down a little where an arrow runs through them.
//!
//! A mark sits where arrows meet a lifeline, and its label starts just right of it: a reply
//! arriving from the right, or a request leaving to the right, ran straight through the words
//! (web's "#1: confirmed" under the Reserved arrow, on the happy path). Each label, in time order,
//! takes the first of a few small shifts that no arrow crosses and no other mark's label meets;
//! failing that, the same shifts on the other side of its lifeline, ending just left of the mark
//! (where web gives up, the refund leaving to the right and its reply ran through every spot on
//! the right); or it stays as stacked when none is clear.

use crate::drawing::{Arrow, Mark};
use crate::ink::Area;
use crate::label_room::mark_label_box as label_box;
use crate::shafts::Shafts;

/// Shifts tried, in pixels down from where the label is stacked, best first: as it is, below an
/// arrow arriving from above, above one leaving below, then a little further.
const SHIFTS_PX: [i32; 5] = [0, 8, -8, 13, -13];

/// The spots a label may take, best first: each of [`SHIFTS_PX`] on the right, then on the left.
fn spots() -> impl Iterator<Item = (bool, i32)> {
    [false, true]
        .into_iter()
        .flat_map(|left| SHIFTS_PX.map(|shift| (left, shift)))
}

/// Moves each labelled mark's label to the first of [`spots`] that keeps it off every shaft in
/// `arrows`, clear of the other labels and out of the `walls` (the partition bands, drawn over
/// labels); on the left only where it stays right of `left_edge` (the first lifeline, beyond
/// which the time axis is labelled). `marks` come in time order, so top to bottom.
pub fn keep_mark_labels_off_arrows(
    marks: &mut [Mark],
    arrows: &[Arrow],
    left_edge: i32,
    walls: &[Area],
) {
    let shafts = Shafts::new(arrows);
    let mut boxes: Vec<Option<Area>> = marks.iter().map(|m| label_box(m, 0)).collect();
    for i in 0..marks.len() {
        let (y, near) = (marks[i].y, |m: &Mark| (m.y - marks[i].y).abs() <= REACH_PX);
        let from = marks.partition_point(|m| m.y < y - REACH_PX);
        let to = from + marks[from..].iter().take_while(|m| near(m)).count();
        let clear = |(left, shift): (bool, i32)| {
            let Some(b) = label_box(&on_side(&marks[i], left), shift) else {
                return false;
            };
            let other_meets =
                (from..to).any(|j| j != i && boxes[j].is_some_and(|o| lines_meet(&o, &b)));
            let in_wall = walls.iter().any(|w| w.meets(&b));
            b.left > left_edge && !other_meets && !in_wall && !shafts.any_crosses(&b)
        };
        if let Some((left, shift)) = spots().find(|&s| clear(s)) {
            let m = &mut marks[i];
            m.label_dy = m.label_dy.map(|dy| dy + shift);
            m.label_left = left;
            boxes[i] = label_box(m, 0);
        }
    }
}

/// `m` with its label on the left side of its lifeline, or on the right.
fn on_side(m: &Mark, left: bool) -> Mark {
    Mark {
        label_left: left,
        label: m.label.clone(),
        ..*m
    }
}

/// Two marks farther apart than this cannot have labels that meet: a label sits at most two
/// stacked lines and the largest shift below its mark, or the largest shift above it.
const REACH_PX: i32 = 64;

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

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::dense::tests::{arrow, mark};
    use crate::drawing::{ArrowEnd, MarkKind};
    use crate::shafts::crosses;

    fn labelled(x: i32, y: i32, label: &str) -> Mark {
        Mark {
            label: label.into(),
            label_dy: Some(0),
            ..mark(1, x, y, MarkKind::Effect)
        }
    }

    #[test]
    fn a_reply_arriving_from_the_right_pushes_the_label_below_it() {
        // A reply from far right ends on the mark, rising a few pixels over the label's length.
        let reply = arrow(1, (700, 90, 300, 100), ArrowEnd::Delivered);
        let mut marks = [labelled(300, 100, "#1: confirmed")];
        keep_mark_labels_off_arrows(&mut marks, std::slice::from_ref(&reply), 0, &[]);
        assert_eq!(marks[0].label_dy, Some(8));
        assert!(!marks[0].label_left);
        let b = label_box(&marks[0], 0).unwrap();
        assert!(!crosses(&reply, &b));
    }

    #[test]
    fn a_label_no_arrow_crosses_stays_and_a_crowded_one_keeps_its_stacking() {
        let mut marks = [labelled(300, 100, "charged #1")];
        keep_mark_labels_off_arrows(
            &mut marks,
            &[arrow(1, (100, 20, 300, 40), ArrowEnd::Delivered)],
            0,
            &[],
        );
        assert_eq!(marks[0].label_dy, Some(0));
        // Arrows through every shift on both sides: the label stays where stacking put it.
        let fan: Vec<Arrow> = (-20..=20)
            .flat_map(|k| {
                [100, 500].map(|x| arrow(1, (300, 100, x, 100 + 5 * k), ArrowEnd::Delivered))
            })
            .collect();
        let mut crowded = [labelled(300, 100, "charged #1")];
        keep_mark_labels_off_arrows(&mut crowded, &fan, 0, &[]);
        assert_eq!(crowded[0].label_dy, Some(0));
        assert!(!crowded[0].label_left);
    }

    #[test]
    fn a_label_crossed_on_every_spot_on_the_right_moves_left_of_its_mark() {
        // Web gives up: a refund leaves for billing on the right and its reply comes back, while
        // the client's answer leaves to the left a line lower.
        let arrows = [
            arrow(1, (300, 96, 500, 104), ArrowEnd::Delivered),
            arrow(2, (500, 106, 300, 116), ArrowEnd::Delivered),
            arrow(3, (300, 120, 100, 126), ArrowEnd::Delivered),
        ];
        let mut marks = [
            labelled(300, 88, "timeout #1 try 3"),
            labelled(300, 100, "gives up on inventory #1"),
        ];
        keep_mark_labels_off_arrows(&mut marks, &arrows, 0, &[]);
        assert!(!marks[0].label_left);
        assert!(marks[1].label_left);
        assert_eq!(marks[1].label_at(), Some((291, 104)));
        let b = label_box(&marks[1], 0).unwrap();
        assert!(
            b.right < 300 && !arrows.iter().any(|a| crosses(a, &b)),
            "{b:?}"
        );
        // Not across the first lifeline, into the time axis.
        let mut first = [
            marks[0].clone(),
            labelled(300, 100, "gives up on inventory #1"),
        ];
        keep_mark_labels_off_arrows(&mut first, &arrows, 200, &[]);
        assert!(!first[1].label_left);
    }

    #[test]
    fn a_label_keeps_out_of_a_partition_band_that_starts_at_its_mark() {
        // Billing's "charged #1", with a band in the next gap from the charge on: the band's
        // corner would cover "#1". Above it, the label is clear.
        let band = Area {
            left: 340,
            top: 99,
            right: 420,
            bottom: 600,
        };
        let mut marks = [labelled(300, 100, "charged #1")];
        keep_mark_labels_off_arrows(&mut marks, &[], 0, &[band]);
        let b = label_box(&marks[0], 0).unwrap();
        assert!(!b.meets(&band), "{b:?}");
        assert!(!marks[0].label_left && marks[0].label_dy < Some(0));
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
        keep_mark_labels_off_arrows(&mut marks, &[], 0, &[]);
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
        keep_mark_labels_off_arrows(&mut marks, &[reply], 0, &[]);
        let (a, b) = (
            label_box(&marks[0], 0).unwrap(),
            label_box(&marks[1], 0).unwrap(),
        );
        assert!(!lines_meet(&a, &b), "{a:?} {b:?}");
    }

    /// The same rule without the ordering shortcuts: every arrow, every other label.
    fn reference(marks: &mut [Mark], arrows: &[Arrow], left_edge: i32) {
        let mut boxes: Vec<Option<Area>> = marks.iter().map(|m| label_box(m, 0)).collect();
        for i in 0..marks.len() {
            let clear = |(left, shift): (bool, i32)| {
                let Some(b) = label_box(&on_side(&marks[i], left), shift) else {
                    return false;
                };
                let other = (0..marks.len())
                    .any(|j| j != i && boxes[j].is_some_and(|o| lines_meet(&o, &b)));
                b.left > left_edge && !other && !arrows.iter().any(|a| crosses(a, &b))
            };
            if let Some((left, shift)) = spots().find(|&s| clear(s)) {
                marks[i].label_dy = marks[i].label_dy.map(|dy| dy + shift);
                marks[i].label_left = left;
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
            keep_mark_labels_off_arrows(&mut fast, &arrows, 100, &[]);
            reference(&mut slow, &arrows, 100);
            proptest::prop_assert_eq!(fast, slow);
        }
    }
}
