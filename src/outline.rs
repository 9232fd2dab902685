//! Outlines (polylines, open or closed) written either as SVG path data or as plain numbers that a
//! canvas painter replays without parsing text.
//!
//! The dense diagram draws the same shapes twice: as `<path>` data for the page and the SVG export,
//! and on a canvas, painted in a worker. Formatting thousands of coordinates into text, sending it,
//! and parsing it back in the worker cost a drag's frames more than drawing them; [`Polylines`]
//! carries the outlines as integers, and [`Polylines::svg`] writes the same ones as path data.

use std::cell::RefCell;
use std::fmt::Write;

/// Outlines as numbers: for each polyline, its point count (negative when closed), then its
/// points as `x, y` pairs. `assets/dense-painter.js` (`trace`) and [`trace`] read it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Polylines(pub Vec<i32>);

impl Polylines {
    /// Adds one polyline through `points`; `closed` joins the last point back to the first.
    pub fn poly(&mut self, points: &[(i32, i32)], closed: bool) {
        let n = i32::try_from(points.len()).unwrap_or(i32::MAX);
        self.0.push(if closed { -n } else { n });
        self.0.extend(points.iter().flat_map(|&(x, y)| [x, y]));
    }

    /// The same outlines as SVG path data: `M x y L x y … z`.
    pub fn svg(&self) -> String {
        let out = RefCell::new(String::new());
        let d = &out;
        // Back to integers: they format several times faster than floats, and are what was written.
        let to = |c: char| {
            move |x: f64, y: f64| {
                let _ = write!(d.borrow_mut(), "{c}{} {}", x as i32, y as i32);
            }
        };
        trace(&self.0, to('M'), to('L'), || d.borrow_mut().push('z'));
        out.into_inner()
    }
}

/// Replays outlines written by [`Polylines`] through `move_to`, `line_to` and `close`, as the
/// worker's `trace` does. A polyline cut short is drawn as far as its points go.
pub fn trace(
    words: &[i32],
    mut move_to: impl FnMut(f64, f64),
    mut line_to: impl FnMut(f64, f64),
    mut close: impl FnMut(),
) {
    let mut rest = words;
    while let Some((&n, tail)) = rest.split_first() {
        let count = n.unsigned_abs() as usize;
        let (points, after) = tail.split_at((2 * count).min(tail.len()));
        for (i, p) in points.chunks_exact(2).enumerate() {
            let (x, y) = (f64::from(p[0]), f64::from(p[1]));
            if i == 0 {
                move_to(x, y);
            } else {
                line_to(x, y);
            }
        }
        if n < 0 {
            close();
        }
        rest = after;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn two_outlines() -> Polylines {
        let mut pen = Polylines::default();
        pen.poly(&[(1, 2), (3, 4)], false);
        pen.poly(&[(0, 0), (5, 0), (5, -5)], true);
        pen
    }

    #[test]
    fn outlines_are_counted_points_and_read_back_as_svg() {
        let o = two_outlines();
        assert_eq!(o.0, [2, 1, 2, 3, 4, -3, 0, 0, 5, 0, 5, -5]);
        assert_eq!(o.svg(), "M1 2L3 4M0 0L5 0L5 -5z");
        assert_eq!(Polylines::default().svg(), "");
    }

    #[test]
    fn a_cut_short_outline_is_read_as_far_as_it_goes() {
        let seen = std::cell::Cell::new(0);
        let saw = |_, _| seen.set(seen.get() + 1);
        trace(&[3, 1, 2, 3], saw, saw, || {});
        assert_eq!(seen.get(), 1);
        trace(&[], |_, _| panic!(), |_, _| panic!(), || panic!());
    }
}
