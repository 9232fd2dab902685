//! Where each arrow's label goes, so that labels do not print over one another.
//!
//! A request and its quick reply, or a request and the next one sent a moment later, run close
//! together; labels all at the same point along their arrows overprinted each other and the marks'
//! labels. Each arrow, in the order sent, takes the first of a few points along itself whose label
//! box is free, preferring one that no other arrow runs through, and else one where another only
//! grazes the tops or feet of the letters. Where the whole label finds no room, a short one
//! without the idempotency key tries the same points ("Refund #1", after a timeout's label); an
//! arrow with no room even for that goes unlabelled (its name is still spoken, and shown in the
//! event details when pointed at).

use crate::drawing::{Arrow, ArrowEnd, Mark};
use crate::ink::{Area, Label};
use crate::shafts::Shafts;

/// Points along an arrow where its label may sit, as fractions from the sender, best first: near
/// the sender reads as "sent from here". Above the arrow at each of them first, then below.
const SPOTS: [(i32, i32); 7] = [(2, 5), (1, 4), (3, 5), (1, 8), (3, 4), (1, 2), (7, 8)];

/// An average letter's width in the 10.5 px labels, and how far their boxes reach above and below
/// the baseline (the font's line box, as the browser measures a `<text>`; capitals stand 8 px).
const CHAR_PX: i32 = 6;
const ASCENT_PX: i32 = 10;
const DESCENT_PX: i32 = 3;

/// How far above its arrow a label's baseline sits, or below it when under the arrow (a capital's
/// height and a few pixels).
const LIFT_PX: i32 = 4;
const DROP_PX: i32 = 12;

/// The box of a label of `chars` letters whose baseline starts at `left`, `baseline`.
fn text_box(left: i32, baseline: i32, chars: usize) -> Area {
    Area {
        left,
        top: baseline - ASCENT_PX,
        right: left + CHAR_PX * chars as i32,
        bottom: baseline + DESCENT_PX,
    }
}

/// The part of a label's box that a line through it strikes out: from a lowercase letter's top
/// to just above the baseline, without the capitals' tops, the descenders and the space between.
fn letters(b: &Area) -> Area {
    Area {
        top: b.bottom - DESCENT_PX - 6,
        bottom: b.bottom - DESCENT_PX - 1,
        ..*b
    }
}

/// Where an arrow's label goes: the middle of its baseline, and whether it is the short label
/// (without the idempotency key), used only where the whole one finds no room.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LabelSpot {
    pub x: i32,
    pub y: i32,
    pub short: bool,
}

/// For each arrow, where its label goes, or `None` where no spot is free. `chars` gives the
/// length of an arrow's whole label and of its short one; the marks, their labels and lost
/// messages' crosses are taken first, and no label goes into the `walls` (the partition bands,
/// drawn over labels).
pub fn arrow_label_spots(
    arrows: &[Arrow],
    chars: impl Fn(&Arrow) -> (usize, usize),
    marks: &[Mark],
    walls: &[Area],
) -> Vec<Option<LabelSpot>> {
    let crosses = arrows.iter().filter(|a| a.end == ArrowEnd::Dropped);
    let mut taken = Taken::default();
    for area in marks.iter().flat_map(mark_boxes) {
        taken.add(area);
    }
    for a in crosses {
        taken.add(around(a.x2, a.y2));
    }
    let shafts = Shafts::new(arrows);
    arrows
        .iter()
        .map(|a| {
            let (whole, short) = chars(a);
            let place = |n: usize| free_spot(a, n, &taken, &shafts, walls);
            let (at, area, short) =
                place(whole)
                    .map(|(at, area)| (at, area, false))
                    .or_else(|| {
                        (short < whole)
                            .then(|| place(short))
                            .flatten()
                            .map(|(at, area)| (at, area, true))
                    })?;
            taken.add(area);
            Some(LabelSpot {
                x: at.0,
                y: at.1,
                short,
            })
        })
        .collect()
}

/// The first free spot along `a` for a label of `n` letters, and the label's box there: best one
/// no other arrow runs through; else one where no other strikes through the words.
fn free_spot(
    a: &Arrow,
    n: usize,
    taken: &Taken,
    shafts: &Shafts,
    walls: &[Area],
) -> Option<((i32, i32), Area)> {
    let half = CHAR_PX * n as i32 / 2;
    let along = |&(k, d): &(i32, i32)| (a.x1 + (a.x2 - a.x1) * k / d, a.y1 + (a.y2 - a.y1) * k / d);
    // Above a sloping arrow, the label clears its higher end under the text; below, its lower.
    let (lo, hi) = (a.x1.min(a.x2), a.x1.max(a.x2));
    let y_at = |x: i32| match a.x2 - a.x1 {
        0 => a.y1,
        dx => a.y1 + (a.y2 - a.y1) * (x.clamp(lo, hi) - a.x1) / dx,
    };
    let ends = move |x: i32| (y_at(x - half), y_at(x + half));
    let spots = || {
        let above = SPOTS.iter().map(along).map(|(x, _)| {
            let (l, r) = ends(x);
            (x, l.min(r) - LIFT_PX)
        });
        let below = SPOTS.iter().map(along).map(|(x, _)| {
            let (l, r) = ends(x);
            (x, l.max(r) + DROP_PX)
        });
        above
            .chain(below)
            .map(|(x, y)| ((x, y), text_box(x - half, y, n)))
    };
    let off_shafts = |b: &Area| !shafts.any_other_crosses(b, Some(a));
    // A space's width between two labels on one line, or they read as one phrase.
    let spaced = |b: &Area| Area {
        left: b.left - CHAR_PX / 2,
        right: b.right + CHAR_PX / 2,
        ..*b
    };
    let free_at = |b: &Area| taken.is_free(&spaced(b)) && !walls.iter().any(|w| w.meets(b));
    spots()
        .find(|(_, b)| free_at(b) && off_shafts(b))
        .or_else(|| spots().find(|(_, b)| free_at(b) && off_shafts(&letters(b))))
}

/// No box [`Taken`] holds is taller than this: a label's (a mark's or a cross's is 12 px).
const TALLEST_PX: i32 = ASCENT_PX + DESCENT_PX;

/// The boxes already taken, in order of their tops, so that a candidate is compared only with
/// the few that can reach it: with hundreds of arrows labelled, comparing it with every box cost
/// milliseconds per change (4 ms for 400 arrows and 400 marks, natively; 0.2 ms this way).
#[derive(Default)]
struct Taken(Vec<Area>);

impl Taken {
    fn add(&mut self, area: Area) {
        let at = self.0.partition_point(|t| t.top < area.top);
        self.0.insert(at, area);
    }

    fn is_free(&self, area: &Area) -> bool {
        let from = self.0.partition_point(|t| t.top < area.top - TALLEST_PX);
        let mut near = self.0[from..].iter().take_while(|t| t.top <= area.bottom);
        !near.any(|t| t.meets(area))
    }
}

/// The box of a mark or a lost message's cross centred on `x`, `y`.
fn around(x: i32, y: i32) -> Area {
    Area {
        left: x - 6,
        top: y - 6,
        right: x + 6,
        bottom: y + 6,
    }
}

/// What a mark covers: its shape, and its label if it has one.
fn mark_boxes(m: &Mark) -> impl Iterator<Item = Area> {
    std::iter::once(around(m.x, m.y)).chain(mark_label_box(m, 0))
}

/// The box of `m`'s label moved `shift` pixels down, if the label is drawn.
pub(crate) fn mark_label_box(m: &Mark, shift: i32) -> Option<Area> {
    Label::of(m).map(|l| text_box(l.left(CHAR_PX), l.y + shift, l.text.chars().count()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dense::tests::{arrow, mark};
    use crate::drawing::{ArrowEnd, MarkKind};

    const TEN: fn(&Arrow) -> (usize, usize) = |_| (10, 10);

    /// The spots' places, whatever label they hold.
    fn places(spots: Vec<Option<LabelSpot>>) -> Vec<Option<(i32, i32)>> {
        spots.into_iter().map(|s| s.map(|s| (s.x, s.y))).collect()
    }

    #[test]
    fn a_lone_arrow_is_labelled_two_fifths_along() {
        let a = [arrow(1, (100, 50, 300, 100), ArrowEnd::Delivered)];
        // Two fifths along is x 180; the text spans x 150 to 210, where the arrow is highest at
        // y 62, so the baseline sits 4 px above that.
        assert_eq!(
            places(arrow_label_spots(&a, TEN, &[], &[])),
            vec![Some((180, 62 - 4))]
        );
    }

    #[test]
    fn a_label_keeps_off_a_lost_messages_cross() {
        let a = [
            arrow(1, (100, 50, 160, 50), ArrowEnd::Dropped),
            arrow(2, (100, 50, 300, 50), ArrowEnd::Delivered),
        ];
        // The second arrow's label, 60 px wide, two fifths along (x 180) would cover the first's
        // cross at x 160; a quarter along is too close too; three fifths (x 220) is clear.
        assert_eq!(
            places(arrow_label_spots(&a, TEN, &[], &[]))[1],
            Some((220, 46))
        );
    }

    #[test]
    fn a_quick_reply_moves_its_label_along_instead_of_overprinting() {
        let a = [
            arrow(1, (100, 50, 300, 55), ArrowEnd::Delivered),
            arrow(2, (300, 56, 100, 60), ArrowEnd::Delivered),
        ];
        let spots = places(arrow_label_spots(&a, TEN, &[], &[]));
        assert_eq!(spots[0], Some((180, 47)));
        // Above the reply, its label would overprint the request's or sit on the request's shaft;
        // below it, two fifths from billing (x 220), nothing is in the way.
        assert_eq!(spots[1], Some((220, 70)));
    }

    #[test]
    fn a_label_prefers_a_spot_no_other_arrow_runs_through() {
        // A steep arrow crosses the flat one two fifths along, where its label would go first.
        let a = [
            arrow(1, (100, 50, 300, 54), ArrowEnd::Delivered),
            arrow(2, (180, 0, 180, 100), ArrowEnd::Delivered),
        ];
        let spots = places(arrow_label_spots(&a, TEN, &[], &[]));
        let (x, y) = spots[0].unwrap();
        let b = text_box(x - 30, y, 10);
        assert!(!crate::shafts::crosses(&a[1], &b), "{:?}", spots[0]);
        // With nowhere clear of shafts, a label still goes where no label is.
        let fence: Vec<Arrow> = (0..40)
            .map(|i| {
                arrow(
                    i + 2,
                    (90 + 6 * i as i32, 0, 90 + 6 * i as i32, 100),
                    ArrowEnd::Delivered,
                )
            })
            .collect();
        let all: Vec<Arrow> = std::iter::once(a[0].clone()).chain(fence).collect();
        assert_eq!(
            places(arrow_label_spots(&all, TEN, &[], &[]))[0],
            None,
            "struck through"
        );
        // Lines that only graze the tops or the feet of the letters, above and below the arrow,
        // leave its label where it goes first.
        let grazes = [38, 49, 57, 70].map(|y| arrow(y as u64, (0, y, 400, y), ArrowEnd::Delivered));
        let all: Vec<Arrow> = std::iter::once(a[0].clone()).chain(grazes).collect();
        assert_eq!(
            places(arrow_label_spots(&all, TEN, &[], &[]))[0],
            Some((180, 47))
        );
    }

    #[test]
    fn labels_keep_off_the_marks_and_give_way_when_nothing_is_free() {
        let mut m = mark(9, 180, 70, MarkKind::Timeout);
        (m.label, m.label_dy) = ("timeout #1 try 1".into(), Some(0));
        let a = [arrow(1, (100, 70, 300, 74), ArrowEnd::Delivered)];
        let spots = places(arrow_label_spots(&a, TEN, std::slice::from_ref(&m), &[]));
        // Two fifths and a quarter along meet the mark, three fifths its label: an eighth along.
        assert_eq!(spots, vec![Some((125, 66))]);
        // Five arrows on top of one another: one is labelled above, one below, the others have no
        // room.
        let same: Vec<Arrow> = (0..5)
            .map(|i| arrow(i, (100, 20, 300, 20), ArrowEnd::Delivered))
            .collect();
        let spots = places(arrow_label_spots(&same, |_| (30, 30), &[], &[]));
        assert_eq!(spots[..2], [Some((180, 16)), Some((180, 32))]);
        assert!(spots[2..].iter().all(Option::is_none), "{spots:?}");
    }

    #[test]
    fn a_label_with_no_room_for_its_key_is_drawn_without_it() {
        // A mark's label right of the sender covers the start of a 200 px arrow: the whole label,
        // 25 letters (150 px), reaches it at every spot; the short one, 10 letters, fits further on.
        let mut m = mark(9, 100, 70, MarkKind::Timeout);
        (m.label, m.label_dy) = ("timeout #1 try 3".into(), Some(0));
        let a = [arrow(1, (100, 70, 300, 72), ArrowEnd::Delivered)];
        let both = |_: &Arrow| (25, 10);
        let spots = arrow_label_spots(&a, both, std::slice::from_ref(&m), &[]);
        let spot = spots[0].expect("a short label");
        assert!(spot.short, "{spot:?}");
        // With room for the whole label, it is the whole one.
        let spots = arrow_label_spots(&a, both, &[], &[]);
        assert!(!spots[0].expect("a label").short);
    }
}
