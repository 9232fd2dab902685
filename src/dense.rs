//! A dense diagram drawn in bundles: every arrow and mark of one look in a single path, and the
//! event nearest a point found by geometry instead of by element.
//!
//! Zoomed out over thousands of messages, one element per arrow makes each partition drag
//! rebuild thousands of elements; a handful of bundles keyed by their content changes only where
//! the run did. Pure, so it is tested natively.

use std::collections::{BTreeSet, HashMap};

use faultline_sim::rng::key;

use crate::drawing::{Arrow, ArrowEnd, Mark, MarkKind};
use crate::geom::px;
use crate::outline::Polylines;

/// From this many arrows on, an unlabelled diagram is drawn in bundles.
pub const DENSE_MIN_ARROWS: usize = 400;

/// Arrows (or marks of one kind) per bundle, on average. A bundle of consecutive items covers a
/// stretch of time, so raster tiles outside it skip it.
pub const CHUNK: usize = 64;

/// No bundle holds more than this many items, however the cuts fall.
const MAX_BUNDLE: usize = 4 * CHUNK;

/// Consecutive items drawn as one set of paths, named by what they are.
///
/// Bundles are cut where the content says (after an item whose name is a multiple of [`CHUNK`]),
/// not every [`CHUNK`] items: when a moved partition changes a few messages, only the bundles
/// holding them get a new key, and the page redraws those alone. Counting from the start would
/// shift every later bundle as soon as one message is added or removed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bundle {
    /// Unique among one drawing's bundles; the same items give the same key.
    pub key: u64,
    /// Indices of its items, in order.
    pub members: Vec<usize>,
}

/// Cuts items, given as (index, name), into [`Bundle`]s.
pub fn bundles(named: impl IntoIterator<Item = (usize, u64)>) -> Vec<Bundle> {
    let mut out = Vec::new();
    let mut seen: HashMap<u64, u64> = HashMap::new();
    let mut members = Vec::new();
    let mut content = 0;
    let mut close = |members: &mut Vec<usize>, content: &mut u64| {
        let twin = seen.entry(*content).or_default();
        out.push(Bundle {
            key: key(&[*content, *twin]),
            members: std::mem::take(members),
        });
        *twin += 1;
        *content = 0;
    };
    for (i, name) in named {
        members.push(i);
        content = key(&[content, name]);
        if name % CHUNK as u64 == 0 || members.len() >= MAX_BUNDLE {
            close(&mut members, &mut content);
        }
    }
    if !members.is_empty() {
        close(&mut members, &mut content);
    }
    out
}

/// What an arrow is, as far as its drawing goes: where it runs and how it ends.
pub fn arrow_name(a: &Arrow) -> u64 {
    let at = |v: i32| i64::from(v) as u64;
    key(&[at(a.x1), at(a.y1), at(a.x2), at(a.y2), a.end as u64])
}

/// What a mark is, as far as its drawing goes.
pub fn mark_name(m: &Mark) -> u64 {
    let at = |v: i32| i64::from(v) as u64;
    key(&[at(m.x), at(m.y), m.kind as u64])
}

/// Length and half width of an arrowhead, as the page's `#head` marker draws it.
const HEAD_LEN_PX: f64 = 9.0;
const HEAD_HALF_PX: f64 = 4.5;

/// How far from an arrow or a mark the pointer may be and still pick it, in pixels.
pub const PICK_RADIUS_PX: f64 = 6.0;

/// Whether a diagram drawing `arrows` arrows, labelled or not, is drawn in bundles.
pub fn is_dense(labelled: bool, arrows: usize) -> bool {
    !labelled && arrows >= DENSE_MIN_ARROWS
}

/// The arrows' shafts by look, their heads and the crosses of lost ones, as outlines (for the
/// canvas, or as path data with [`Polylines::svg`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ArrowPaths {
    pub delivered: Polylines,
    pub inflight: Polylines,
    pub dropped: Polylines,
    /// Filled triangles at the ends of delivered and in-flight arrows.
    pub heads: Polylines,
    /// A cross where each dropped arrow stops.
    pub lost: Polylines,
}

/// Bundles `arrows` by look.
pub fn arrow_paths<'a>(arrows: impl IntoIterator<Item = &'a Arrow>) -> ArrowPaths {
    let mut p = ArrowPaths::default();
    for a in arrows {
        let shafts = match a.end {
            ArrowEnd::Delivered => &mut p.delivered,
            ArrowEnd::InFlight => &mut p.inflight,
            ArrowEnd::Dropped => &mut p.dropped,
        };
        push_shaft(shafts, a);
        if a.end == ArrowEnd::Dropped {
            push_cross(&mut p.lost, a.x2, a.y2);
        } else {
            push_head(&mut p.heads, a);
        }
    }
    p
}

/// The shafts of just the arrows whose send is in `seqs`, for a highlight drawn over the bundles.
pub fn shafts_of(arrows: &[Arrow], seqs: &BTreeSet<u64>) -> String {
    if seqs.is_empty() {
        return String::new();
    }
    let mut d = Polylines::default();
    for a in arrows.iter().filter(|a| seqs.contains(&a.send_seq)) {
        push_shaft(&mut d, a);
    }
    d.svg()
}

/// The cross drawn where a lost message's arrow stops, as path data.
pub fn cross_shape(x: i32, y: i32) -> String {
    let mut d = Polylines::default();
    push_cross(&mut d, x, y);
    d.svg()
}

/// Appends the cross of [`cross_shape`], without a string of its own.
fn push_cross(pen: &mut Polylines, x: i32, y: i32) {
    pen.poly(&[(x - 6, y - 6), (x + 6, y + 6)], false);
    pen.poly(&[(x + 6, y - 6), (x - 6, y + 6)], false);
}

fn push_shaft(pen: &mut Polylines, a: &Arrow) {
    pen.poly(&[(a.x1, a.y1), (a.x2, a.y2)], false);
}

/// A triangle with its tip on the arrow's end, pointing along the arrow.
fn push_head(pen: &mut Polylines, a: &Arrow) {
    let (dx, dy) = (f64::from(a.x2 - a.x1), f64::from(a.y2 - a.y1));
    let len = dx.hypot(dy);
    if len < 1.0 {
        return;
    }
    let (ux, uy) = (dx / len, dy / len);
    let (bx, by) = (
        f64::from(a.x2) - ux * HEAD_LEN_PX,
        f64::from(a.y2) - uy * HEAD_LEN_PX,
    );
    let (nx, ny) = (-uy * HEAD_HALF_PX, ux * HEAD_HALF_PX);
    // Whole pixels: formatting integers is several times cheaper than fractions, and a head is
    // a few pixels across.
    pen.poly(
        &[
            (a.x2, a.y2),
            (px(bx + nx), px(by + ny)),
            (px(bx - nx), px(by - ny)),
        ],
        true,
    );
}

/// The shapes of `marks` in one path.
pub fn marks_path<'a>(marks: impl IntoIterator<Item = &'a Mark>) -> Polylines {
    let mut pen = Polylines::default();
    for m in marks {
        push_mark(&mut pen, m);
    }
    pen
}

/// One mark's shape: a triangle for timeouts, a square for effects, a diamond for the rest.
pub fn mark_shape(m: &Mark) -> String {
    let mut d = Polylines::default();
    push_mark(&mut d, m);
    d.svg()
}

/// Appends one mark's shape (see [`mark_shape`]), without a string of its own.
fn push_mark(pen: &mut Polylines, m: &Mark) {
    let (x, y) = (m.x, m.y);
    match m.kind {
        MarkKind::Timeout | MarkKind::GiveUp => {
            pen.poly(&[(x, y + 3), (x - 5, y - 2), (x + 5, y - 2)], true);
        }
        MarkKind::Effect => {
            let square = [
                (x - 5, y + 5),
                (x + 5, y + 5),
                (x + 5, y - 5),
                (x - 5, y - 5),
            ];
            pen.poly(&square, true);
        }
        _ => pen.poly(&[(x, y - 6), (x + 6, y), (x, y + 6), (x - 6, y)], true),
    }
}

/// The event drawn nearest to `(x, y)` within [`PICK_RADIUS_PX`]: a mark, or the send of an
/// arrow. A mark wins a tie, since it sits on the arrows that leave its lifeline.
pub fn nearest(arrows: &[Arrow], marks: &[Mark], x: f64, y: f64) -> Option<u64> {
    let r = PICK_RADIUS_PX;
    let mark = marks
        .iter()
        .map(|m| (m.seq, (f64::from(m.x) - x).hypot(f64::from(m.y) - y)))
        .filter(|(_, d)| *d <= r + 1.0)
        .min_by(|a, b| a.1.total_cmp(&b.1));
    let arrow = arrows
        .iter()
        .map(|a| (a.send_seq, segment_distance(a, x, y)))
        .filter(|(_, d)| *d <= r)
        .min_by(|a, b| a.1.total_cmp(&b.1));
    match (mark, arrow) {
        (Some(m), Some(a)) if a.1 < m.1 - 1.0 => Some(a.0),
        (Some(m), _) => Some(m.0),
        (None, a) => a.map(|a| a.0),
    }
}

/// Distance from `(x, y)` to the arrow's shaft.
fn segment_distance(a: &Arrow, x: f64, y: f64) -> f64 {
    let (x1, y1) = (f64::from(a.x1), f64::from(a.y1));
    let (dx, dy) = (f64::from(a.x2) - x1, f64::from(a.y2) - y1);
    let len2 = dx * dx + dy * dy;
    let t = if len2 > 0.0 {
        (((x - x1) * dx + (y - y1) * dy) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    (x1 + t * dx - x).hypot(y1 + t * dy - y)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use faultline_sim::Payload;

    /// An arrow for tests (the ink module's too).
    pub(crate) fn arrow(seq: u64, (x1, y1, x2, y2): (i32, i32, i32, i32), end: ArrowEnd) -> Arrow {
        Arrow {
            send_seq: seq,
            x1,
            y1,
            x2,
            y2,
            end,
            payload: Payload::PlaceOrder { order: 1 },
            attempt: 1,
            from: faultline_sim::NodeId::CLIENT,
            to: faultline_sim::NodeId::WEB,
            sent_us: 0,
        }
    }

    /// A mark for tests.
    pub(crate) fn mark(seq: u64, x: i32, y: i32, kind: MarkKind) -> Mark {
        Mark {
            seq,
            x,
            y,
            kind,
            label: String::new(),
            label_dy: None,
            label_left: false,
            node: faultline_sim::NodeId::WEB,
            time_us: 0,
        }
    }

    #[test]
    fn arrows_are_bundled_by_look_with_heads_and_crosses() {
        let p = arrow_paths(&[
            arrow(1, (100, 60, 300, 80), ArrowEnd::Delivered),
            arrow(2, (300, 90, 100, 120), ArrowEnd::InFlight),
            arrow(3, (100, 130, 200, 150), ArrowEnd::Dropped),
            arrow(4, (100, 160, 300, 170), ArrowEnd::Delivered),
        ]);
        assert_eq!(p.delivered.svg(), "M100 60L300 80M100 160L300 170");
        assert_eq!(p.inflight.svg(), "M300 90L100 120");
        assert_eq!(p.dropped.svg(), "M100 130L200 150");
        assert_eq!(p.lost.svg(), "M194 144L206 156M206 144L194 156");
        // One head per arrow that is not lost, its tip on the arrow's end.
        let heads = p.heads.svg();
        assert_eq!(heads.matches('z').count(), 3);
        assert!(heads.starts_with("M300 80L"), "{heads}");
    }

    #[test]
    fn a_head_points_along_its_arrow() {
        let mut d = Polylines::default();
        push_head(&mut d, &arrow(1, (0, 0, 0, 100), ArrowEnd::Delivered));
        assert_eq!(d.svg(), "M0 100L-5 91L5 91z");
    }

    #[test]
    fn highlights_are_just_the_named_arrows() {
        let all = [
            arrow(1, (0, 0, 10, 10), ArrowEnd::Delivered),
            arrow(2, (0, 20, 10, 30), ArrowEnd::Delivered),
        ];
        assert_eq!(shafts_of(&all, &BTreeSet::from([2])), "M0 20L10 30");
        assert_eq!(shafts_of(&all, &BTreeSet::new()), "");
    }

    #[test]
    fn marks_share_one_path() {
        let ms = [
            mark(1, 10, 100, MarkKind::Timeout),
            mark(3, 10, 300, MarkKind::Timeout),
        ];
        assert_eq!(
            marks_path(&ms).svg(),
            "M10 103L5 98L15 98zM10 303L5 298L15 298z"
        );
    }

    fn bundle_keys(arrows: &[Arrow]) -> Vec<u64> {
        bundles(arrows.iter().map(arrow_name).enumerate())
            .into_iter()
            .map(|b| b.key)
            .collect()
    }

    #[test]
    fn bundles_hold_every_item_once_in_order_and_about_chunk_many() {
        let arrows: Vec<Arrow> = (0..5_000)
            .map(|i| arrow(i, (0, i as i32, 100, i as i32 + 3), ArrowEnd::Delivered))
            .collect();
        let bs = bundles(arrows.iter().map(arrow_name).enumerate());
        let all: Vec<usize> = bs.iter().flat_map(|b| b.members.clone()).collect();
        assert_eq!(all, (0..5_000).collect::<Vec<_>>());
        assert!(bs.iter().all(|b| b.members.len() <= MAX_BUNDLE));
        assert!((40..=160).contains(&bs.len()), "{} bundles", bs.len());
        let keys: BTreeSet<u64> = bs.iter().map(|b| b.key).collect();
        assert_eq!(keys.len(), bs.len(), "keys are unique");
    }

    #[test]
    fn one_changed_arrow_renames_only_the_bundles_around_it() {
        let arrows: Vec<Arrow> = (0..2_000)
            .map(|i| arrow(i, (0, i as i32, 100, i as i32 + 3), ArrowEnd::Delivered))
            .collect();
        let before = bundle_keys(&arrows);
        let mut changed = arrows.clone();
        changed.insert(700, arrow(0, (100, 700, 0, 702), ArrowEnd::Dropped));
        changed[1_500].end = ArrowEnd::InFlight;
        let after = bundle_keys(&changed);
        let kept = after.iter().filter(|k| before.contains(k)).count();
        // Each change renames the bundle it falls in (two, if it moves a cut).
        assert!(kept + 4 >= before.len(), "{kept} of {} kept", before.len());
        // Equal items in another place keep their names too: the send sequence is not drawn.
        let renumbered: Vec<Arrow> = arrows
            .iter()
            .map(|a| Arrow {
                send_seq: a.send_seq + 1,
                ..a.clone()
            })
            .collect();
        assert_eq!(bundle_keys(&renumbered), before);
    }

    #[test]
    fn the_pointer_picks_the_nearest_arrow_or_mark() {
        let arrows = [
            arrow(1, (100, 100, 300, 200), ArrowEnd::Delivered),
            arrow(2, (100, 110, 300, 210), ArrowEnd::Delivered),
        ];
        let marks = [mark(9, 100, 100, MarkKind::Effect)];
        // Midway along arrow 2, 2 px off it.
        assert_eq!(nearest(&arrows, &marks, 200.0, 162.0), Some(2));
        assert_eq!(nearest(&arrows, &marks, 200.0, 150.0), Some(1));
        // On the mark where arrow 1 starts: the mark.
        assert_eq!(nearest(&arrows, &marks, 101.0, 101.0), Some(9));
        // Far from everything.
        assert_eq!(nearest(&arrows, &marks, 200.0, 400.0), None);
        assert_eq!(nearest(&[], &[], 0.0, 0.0), None);
    }

    #[test]
    fn bundles_are_dense_only_unlabelled_and_crowded() {
        assert!(is_dense(false, DENSE_MIN_ARROWS));
        assert!(!is_dense(true, 5_000));
        assert!(!is_dense(false, DENSE_MIN_ARROWS - 1));
    }
}
