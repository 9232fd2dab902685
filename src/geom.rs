//! Pure layout math for the sequence diagram: time ↔ y, node ↔ x, gaps between lifelines, hit-testing.
//!
//! No web types here, so it is unit-tested natively.

/// Pixels reserved above the first instant for the lifeline headers.
pub const HEADER_PX: f64 = 56.0;
/// The share of the width kept free right of the lifelines' slots, so that the last lifeline's
/// mark labels ("already reserved #12") fit beside it. `.lifeline-headers` in `style/main.css`
/// leaves the same room, to keep the crash and pause buttons over their lifelines.
pub const RIGHT_ROOM: f64 = 0.0625;
/// Smallest and largest zoom, in pixels per millisecond of virtual time.
pub const ZOOM_MIN_PX_PER_MS: f64 = 0.05;
pub const ZOOM_MAX_PX_PER_MS: f64 = 200.0;

/// `v` to the nearest whole pixel, for an SVG attribute: whole numbers print without the float
/// formatter, which is otherwise linked into the wasm for that alone.
pub fn px(v: f64) -> i32 {
    v.round() as i32
}

/// Where things go on the diagram for one width, zoom and scroll position.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Layout {
    /// Width of the drawing in pixels.
    pub width_px: f64,
    /// Height of the visible part below the headers, in pixels.
    pub height_px: f64,
    /// Number of lifelines.
    pub lanes: usize,
    /// Zoom: pixels per millisecond of virtual time.
    pub px_per_ms: f64,
    /// Virtual time at the top of the visible part, in microseconds.
    pub top_us: u64,
}

impl Layout {
    /// Height of the whole drawing: the lifeline headers and the visible part below them.
    pub fn full_height_px(&self) -> f64 {
        self.height_px + HEADER_PX
    }

    /// Horizontal position of lifeline `lane`: each has an equal slot, and the slots leave
    /// [`RIGHT_ROOM`] of the width free on the right, where the last lifeline's labels go.
    pub fn lane_x(&self, lane: usize) -> f64 {
        self.gap_width() * (lane as f64 + 0.5)
    }

    /// Horizontal centre of the gap between lifelines `gap` and `gap + 1`.
    pub fn gap_x(&self, gap: usize) -> f64 {
        (self.lane_x(gap) + self.lane_x(gap + 1)) / 2.0
    }

    /// Width of one gap between neighbouring lifelines.
    pub fn gap_width(&self) -> f64 {
        self.width_px * (1.0 - RIGHT_ROOM) / self.lanes.max(1) as f64
    }

    /// The gap whose centre is nearest to `x`, if `x` lies on the drawing.
    pub fn nearest_gap(&self, x: f64) -> Option<usize> {
        if self.lanes < 2 || !(0.0..=self.width_px).contains(&x) {
            return None;
        }
        (0..self.lanes - 1).min_by(|&a, &b| {
            let da = (self.gap_x(a) - x).abs();
            let db = (self.gap_x(b) - x).abs();
            da.total_cmp(&db)
        })
    }

    /// Vertical position of virtual time `t_us` (may be off screen).
    pub fn y(&self, t_us: u64) -> f64 {
        HEADER_PX + (t_us as f64 - self.top_us as f64) / 1000.0 * self.px_per_ms
    }

    /// Virtual time at vertical position `y`, clamped at zero.
    pub fn time_at(&self, y: f64) -> u64 {
        let t = self.top_us as f64 + (y - HEADER_PX) / self.px_per_ms * 1000.0;
        t.max(0.0).round() as u64
    }

    /// Where `t_us` falls down the part below the headers, in percent of its height (may be
    /// negative or over 100 when off screen): the curtain over the future is placed with it.
    pub fn percent_down(&self, t_us: u64) -> f64 {
        (self.y(t_us) - HEADER_PX) / self.height_px.max(1.0) * 100.0
    }

    /// Where lifeline `lane` falls across the drawing, in percent of its width.
    pub fn lane_percent(&self, lane: usize) -> f64 {
        self.lane_x(lane) / self.width_px.max(1.0) * 100.0
    }

    /// Virtual time span covered by `px` pixels.
    pub fn span_us(&self, px: f64) -> u64 {
        (px.max(0.0) / self.px_per_ms * 1000.0).round() as u64
    }

    /// First and last instants visible, in microseconds.
    pub fn visible_us(&self) -> (u64, u64) {
        (self.top_us, self.top_us + self.span_us(self.height_px))
    }

    /// Whether anything spanning `[from_us, to_us]` shows on screen.
    pub fn shows(&self, from_us: u64, to_us: u64) -> bool {
        let (lo, hi) = self.visible_us();
        to_us >= lo && from_us <= hi
    }

    /// The same layout zoomed by `factor` around the instant at `anchor_y`, kept in range.
    pub fn zoomed(&self, factor: f64, anchor_y: f64) -> Layout {
        let anchor_us = self.time_at(anchor_y);
        let px_per_ms = (self.px_per_ms * factor).clamp(ZOOM_MIN_PX_PER_MS, ZOOM_MAX_PX_PER_MS);
        let above_us = ((anchor_y - HEADER_PX).max(0.0) / px_per_ms * 1000.0) as u64;
        Layout {
            px_per_ms,
            top_us: anchor_us.saturating_sub(above_us),
            ..*self
        }
    }

    /// The top instant that keeps `now_us` in view, at about two thirds down, if it is not already.
    /// A run that ends (at `end_us`) within the view is never scrolled.
    pub fn follow(&self, now_us: u64, end_us: u64) -> u64 {
        let (lo, hi) = self.visible_us();
        let margin = self.span_us(self.height_px * 0.1);
        if now_us >= lo && (now_us + margin <= hi || end_us <= hi) {
            return self.top_us;
        }
        now_us.saturating_sub(self.span_us(self.height_px * 0.66))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout() -> Layout {
        Layout {
            width_px: 800.0,
            height_px: 500.0,
            lanes: 4,
            px_per_ms: 10.0,
            top_us: 0,
        }
    }

    #[test]
    fn percentages_place_the_curtain_and_its_lifelines() {
        let l = layout();
        assert_eq!(l.percent_down(0), 0.0);
        // 500 px tall at 10 px/ms: 25 ms is half way down, 100 ms is off the bottom.
        assert_eq!(l.percent_down(25_000), 50.0);
        assert_eq!(l.percent_down(100_000), 200.0);
        // Four slots share 15/16 of the width; the last sixteenth is room for labels.
        assert_eq!(l.lane_percent(0), 11.71875);
        assert_eq!(l.lane_percent(3), 82.03125);
    }

    #[test]
    fn lanes_are_evenly_spaced_and_gaps_sit_between() {
        let l = layout();
        assert_eq!(l.lane_x(0), 93.75);
        assert_eq!(l.lane_x(3), 656.25);
        assert_eq!(l.gap_x(1), 375.0);
        assert_eq!(l.lane_x(1) - l.lane_x(0), l.gap_width());
        assert_eq!(l.nearest_gap(610.0), Some(2));
        assert_eq!(l.nearest_gap(10.0), Some(0));
        assert_eq!(l.nearest_gap(-1.0), None);
    }

    #[test]
    fn time_and_y_round_trip() {
        let l = Layout {
            top_us: 5_000,
            ..layout()
        };
        for t in [5_000, 7_500, 40_000] {
            assert_eq!(l.time_at(l.y(t)), t);
        }
        assert_eq!(l.time_at(0.0), 0);
    }

    #[test]
    fn visibility_covers_the_screen_only() {
        let l = layout();
        assert_eq!(l.visible_us(), (0, 50_000));
        assert!(l.shows(49_000, 60_000));
        assert!(!l.shows(50_001, 60_000));
    }

    #[test]
    fn zoom_keeps_the_anchor_instant_in_place_and_stays_in_range() {
        let l = Layout {
            top_us: 10_000,
            ..layout()
        };
        let y = 300.0;
        let z = l.zoomed(2.0, y);
        assert_eq!(z.px_per_ms, 20.0);
        assert!((z.time_at(y) as i64 - l.time_at(y) as i64).abs() <= 1);
        assert_eq!(l.zoomed(1e9, y).px_per_ms, ZOOM_MAX_PX_PER_MS);
        assert_eq!(l.zoomed(1e-9, y).px_per_ms, ZOOM_MIN_PX_PER_MS);
    }

    #[test]
    fn follow_scrolls_only_when_now_leaves_the_view() {
        let l = layout();
        assert_eq!(l.follow(20_000, 100_000), 0);
        let top = l.follow(80_000, 100_000);
        assert!(top > 0 && top < 80_000);
        assert_eq!(l.follow(48_000, 49_000), 0, "a run that fits stays put");
    }
}
