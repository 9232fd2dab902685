//! What a canvas keeps of a dense drawing it painted, and the areas a new drawing changes.
//!
//! A drag that changes thirty of two thousand arrows should repaint the pixels of those thirty,
//! not the whole diagram nor whole rows of it: each arrow and mark is known by its name and the
//! box its ink covers, and only boxes that came or went are cleared and drawn again.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use faultline_sim::rng::key;

use crate::dense::{arrow_name, mark_name};
use crate::drawing::{Arrow, Mark, MarkKind};

/// How far past an arrow's or a mark's ends its drawing reaches: a lost cross or a diamond is 6 px
/// from its centre, plus a pixel of anti-aliasing (arrowheads lie within their arrow).
const INK_PAD_PX: i32 = 8;

/// A rectangle of the drawing in pixels, edges included.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Area {
    pub left: i32,
    pub top: i32,
    pub right: i32,
    pub bottom: i32,
}

impl Area {
    /// The box around two points, widened by the ink's reach.
    fn around((x1, y1): (i32, i32), (x2, y2): (i32, i32)) -> Area {
        Area {
            left: x1.min(x2) - INK_PAD_PX,
            top: y1.min(y2) - INK_PAD_PX,
            right: x1.max(x2) + INK_PAD_PX,
            bottom: y1.max(y2) + INK_PAD_PX,
        }
    }

    /// Whether the two share a pixel.
    pub fn meets(&self, other: &Area) -> bool {
        self.left <= other.right
            && other.left <= self.right
            && self.top <= other.bottom
            && other.top <= self.bottom
    }
}

/// Every arrow and mark of a drawing by name, with the area its ink covers.
pub type Inked = HashMap<u64, Area, BuildHasherDefault<ByName>>;

/// Hashes a name as itself: names are hashes already, so a map of thousands of them, built on
/// every drag move, need not hash them again.
#[derive(Default)]
pub struct ByName(u64);

impl Hasher for ByName {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(*b);
        }
    }

    fn write_u64(&mut self, name: u64) {
        self.0 = name;
    }
}

/// The [`Inked`] areas of a drawing of `arrows` and `marks`, with the marks' labels.
pub fn inked(arrows: &[Arrow], marks: &[Mark]) -> Inked {
    let arrows = arrows.iter().map(|a| (arrow_name(a), arrow_area(a)));
    let labels = marks
        .iter()
        .filter_map(Label::of)
        .map(|l| (l.name(), l.area()));
    arrows
        .chain(marks.iter().map(|m| (mark_name(m), mark_area(m))))
        .chain(labels)
        .collect()
}

/// The areas whose pixels differ between what `was` painted and what `is` to be: those of every
/// arrow or mark in one and not in the other. Areas of one column (same left and right edges, as
/// arrows between the same two lanes have) are merged where they overlap.
pub fn dirty_areas(was: &Inked, is: &Inked) -> Vec<Area> {
    let mut areas: Vec<Area> = was
        .iter()
        .filter(|(k, _)| !is.contains_key(*k))
        .chain(is.iter().filter(|(k, _)| !was.contains_key(*k)))
        .map(|(_, a)| *a)
        .collect();
    areas.sort_unstable_by_key(|a| (a.left, a.right, a.top, a.bottom));
    let mut merged: Vec<Area> = Vec::new();
    for a in areas {
        match merged.last_mut() {
            Some(m) if (m.left, m.right) == (a.left, a.right) && a.top <= m.bottom => {
                m.bottom = m.bottom.max(a.bottom)
            }
            _ => merged.push(a),
        }
    }
    merged
}

/// The area an arrow's drawing covers.
pub fn arrow_area(a: &Arrow) -> Area {
    Area::around((a.x1, a.y1), (a.x2, a.y2))
}

/// The area a mark's drawing covers.
pub fn mark_area(m: &Mark) -> Area {
    Area::around((m.x, m.y), (m.x, m.y))
}

/// A mark's label as drawn: the left end of its baseline, and its words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Label<'a> {
    pub x: i32,
    pub y: i32,
    pub text: &'a str,
    /// Whether `x` is the end of the baseline (the label reads leftwards from the mark).
    pub end: bool,
    /// Bold and darker, as problems and violations are labelled.
    pub strong: bool,
}

/// How far a label's ink may reach across per character: no glyph of the 10.5 px labels, bold or
/// not, is wider. Generous, so that a repaint never leaves part of a label behind.
const LABEL_CHAR_PX: i32 = 9;

impl Label<'_> {
    /// The label of `m`, where it has room and words.
    pub fn of(m: &Mark) -> Option<Label<'_>> {
        let (x, y) = m.label_at()?;
        (!m.label.is_empty()).then_some(Label {
            x,
            y,
            text: &m.label,
            end: m.label_left,
            strong: matches!(m.kind, MarkKind::Problem | MarkKind::Violation),
        })
    }

    /// What it is, as far as its drawing goes (like `dense::mark_name` for a mark): where it
    /// stands, what it says and how.
    pub fn name(&self) -> u64 {
        let at = |v: i32| i64::from(v) as u64;
        let words = self.text.bytes().fold(0, |h, b| key(&[h, u64::from(b)]));
        let how = u64::from(self.strong) | u64::from(self.end) << 1;
        key(&[at(self.x), at(self.y), words, how])
    }

    /// Where its text starts, when each letter is `char_px` wide: at `x`, or that far left of it
    /// when the label ends at `x`.
    pub fn left(&self, char_px: i32) -> i32 {
        let width = char_px * self.text.chars().count() as i32;
        if self.end {
            self.x - width
        } else {
            self.x
        }
    }

    /// The area its text covers, halo included: ascent above the baseline, descent below.
    pub fn area(&self) -> Area {
        let width = LABEL_CHAR_PX * self.text.chars().count() as i32;
        let left = self.left(LABEL_CHAR_PX);
        Area {
            left: left - 3,
            top: self.y - 14,
            right: left + width + 3,
            bottom: self.y + 6,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dense::tests::{arrow, mark};
    use crate::drawing::ArrowEnd;

    fn area(left: i32, top: i32, right: i32, bottom: i32) -> Area {
        Area {
            left,
            top,
            right,
            bottom,
        }
    }

    #[test]
    fn only_the_areas_of_changed_arrows_and_marks_are_dirty() {
        // Arrows between two lanes (x 0 and 100), and a few between two others (x 200 and 300).
        let mut arrows: Vec<Arrow> = (0..100)
            .map(|i| {
                arrow(
                    i,
                    (0, 10 * i as i32, 100, 10 * i as i32 + 4),
                    ArrowEnd::Delivered,
                )
            })
            .collect();
        arrows.push(arrow(200, (300, 205, 200, 209), ArrowEnd::Delivered));
        let marks = vec![mark(1, 0, 500, MarkKind::Effect)];
        assert!(dirty_areas(&inked(&arrows, &marks), &inked(&arrows, &marks)).is_empty());
        let mut moved = arrows.clone();
        moved[20].end = ArrowEnd::Dropped;
        moved[21].end = ArrowEnd::Dropped;
        moved.remove(80);
        moved[99].y2 += 20;
        let marks_after = vec![mark(1, 0, 900, MarkKind::Effect)];
        let areas = dirty_areas(&inked(&arrows, &marks), &inked(&moved, &marks_after));
        assert_eq!(
            areas,
            vec![
                // The marks that went and came, in their own narrow column.
                area(-8, 492, 8, 508),
                area(-8, 892, 8, 908),
                // Arrows 20 and 21 (rows 200..214) merge; arrow 80 stands alone.
                area(-8, 192, 108, 222),
                area(-8, 792, 108, 812),
                // The other column's arrow, before and after its end moved.
                area(192, 197, 308, 237),
            ]
        );
    }

    #[test]
    fn a_label_whose_words_change_is_dirty_where_its_longer_words_reach() {
        let mut m = mark(1, 100, 200, MarkKind::Timeout);
        (m.label, m.label_dy) = ("timeout #2 try 1".into(), Some(0));
        let mut later = m.clone();
        later.label = "timeout #2 try 10".into();
        let areas = dirty_areas(&inked(&[], &[m.clone()]), &inked(&[], &[later.clone()]));
        let old = Label::of(&m).unwrap().area();
        let new = Label::of(&later).unwrap().area();
        assert_eq!(areas, vec![old, new]);
        // Beside its mark, on the mark's baseline plus 4 px, with room for every letter's ink.
        assert_eq!((old.left, old.bottom), (109 - 3, 204 + 6));
        assert!(new.right - new.left >= 17 * 9);
        // A mark without room for its label has none drawn.
        later.label_dy = None;
        assert_eq!(Label::of(&later), None);
        assert!(Label::of(&mark(2, 0, 0, MarkKind::Effect)).is_none());
    }

    #[test]
    fn areas_meet_when_they_share_a_pixel() {
        let a = area(0, 0, 10, 10);
        assert!(a.meets(&area(10, 10, 20, 20)));
        assert!(!a.meets(&area(11, 0, 20, 10)));
        assert!(!a.meets(&area(0, 11, 10, 20)));
        assert!(area(-5, -5, 50, 50).meets(&a));
    }
}
