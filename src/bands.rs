//! Partition bands: what the learner drags onto the diagram, as plain data.
//!
//! A band sits in the gap between two neighbouring lifelines and cuts every message that crosses
//! that gap during its time span: the nodes left of it are split from the nodes right of it.

use serde::{Deserialize, Serialize};

use faultline_sim::MAX_TIME_US;

use crate::geom::{px, Layout};
use crate::ink::Area;

/// Shortest band, so that both edges stay grabbable.
pub const MIN_BAND_US: u64 = 1_000;
/// End of a band that never heals (a scenario partition with no end).
pub const FOREVER_US: u64 = u64::MAX / 4;
/// Length of a band dropped or added with the keyboard.
pub const DEFAULT_BAND_US: u64 = 150_000;
/// A band's width, as a share of the gap it sits in.
pub const BAND_WIDTH_OF_GAP: f64 = 0.36;

/// Which messages a band cuts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Cut {
    /// Both directions.
    Both,
    /// Only messages travelling left to right (e.g. web → inventory requests).
    Rightward,
    /// Only messages travelling right to left (e.g. inventory → web replies).
    Leftward,
}

/// What happens to a cut message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Fate {
    /// It is lost.
    Drop,
    /// It waits at the cut and is delivered when the band ends.
    Hold,
}

/// One partition band.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Band {
    pub id: u32,
    /// Gap index: the band sits between lifeline `gap` and lifeline `gap + 1`.
    pub gap: usize,
    pub start_us: u64,
    pub end_us: u64,
    pub cut: Cut,
    pub fate: Fate,
}

/// What `b` covers on the diagram, its border included. Labels keep out of it: the band is drawn
/// over them, and its border would run through their letters.
pub fn band_area(b: &Band, l: &Layout) -> Area {
    let half = l.gap_width() * BAND_WIDTH_OF_GAP / 2.0;
    let x = l.gap_x(b.gap);
    let bottom = l.y(b.end_us).min(l.full_height_px());
    Area {
        left: px(x - half) - 1,
        top: px(l.y(b.start_us)) - 1,
        right: px(x + half) + 1,
        bottom: px(bottom) + 1,
    }
}

/// The directions a band can cut, in the order `D` (and the details panel's choice) lists them.
pub const CUTS: [Cut; 3] = [Cut::Both, Cut::Rightward, Cut::Leftward];
/// What a band can do to the messages it catches, in the order `M` steps through them.
pub const FATES: [Fate; 2] = [Fate::Drop, Fate::Hold];

/// The choice after `current` in `order`, wrapping round.
fn after<T: Copy + PartialEq>(order: &[T], current: T) -> T {
    let at = order.iter().position(|c| *c == current).unwrap_or(0);
    order[(at + 1) % order.len()]
}

impl Band {
    /// A band of the default length starting at `start_us`.
    pub fn new(id: u32, gap: usize, start_us: u64) -> Band {
        Band {
            id,
            gap,
            start_us,
            end_us: start_us + DEFAULT_BAND_US,
            cut: Cut::Both,
            fate: Fate::Drop,
        }
    }

    /// Whether the band heals at some point.
    pub fn heals(&self) -> bool {
        self.end_us < FOREVER_US
    }

    /// Whether the band is in force at `t_us`.
    pub fn covers(&self, t_us: u64) -> bool {
        (self.start_us..self.end_us).contains(&t_us)
    }

    /// The band shifted in time by `delta_us`, never before zero, nor past the longest time a
    /// scenario may name.
    pub fn shifted(&self, delta_us: i64) -> Band {
        let len = if self.heals() {
            self.end_us - self.start_us
        } else {
            MIN_BAND_US
        };
        let start_us = add_signed(self.start_us, delta_us).min(MAX_TIME_US - len);
        Band {
            start_us,
            end_us: if self.heals() {
                start_us + len
            } else {
                FOREVER_US
            },
            ..self.clone()
        }
    }

    /// The band with its start edge at `t_us`, kept at least `MIN_BAND_US` long.
    pub fn with_start(&self, t_us: u64) -> Band {
        let latest = self.end_us.min(MAX_TIME_US) - MIN_BAND_US;
        Band {
            start_us: t_us.min(latest),
            ..self.clone()
        }
    }

    /// The band with its end edge at `t_us`, kept at least `MIN_BAND_US` long; an end past the
    /// longest time a scenario may name is no end: the band never heals.
    pub fn with_end(&self, t_us: u64) -> Band {
        let end_us = if t_us > MAX_TIME_US {
            FOREVER_US
        } else {
            t_us.max(self.start_us + MIN_BAND_US)
        };
        Band {
            end_us,
            ..self.clone()
        }
    }

    /// The band moved to another gap, kept within `lanes`.
    pub fn in_gap(&self, gap: usize, lanes: usize) -> Band {
        Band {
            gap: gap.min(lanes.saturating_sub(2)),
            ..self.clone()
        }
    }

    /// The next direction in the toggle order of [`CUTS`]: both → rightward → leftward.
    pub fn next_cut(&self) -> Cut {
        after(&CUTS, self.cut)
    }

    /// The other fate (the toggle order of [`FATES`]).
    pub fn next_fate(&self) -> Fate {
        after(&FATES, self.fate)
    }
}

/// `bands` with ids 1, 2, 3… in their order (ids are not kept in links or scenario files).
pub fn numbered(bands: Vec<Band>) -> Vec<Band> {
    bands
        .into_iter()
        .zip(1..)
        .map(|(b, id)| Band { id, ..b })
        .collect()
}

/// `base + delta`, saturating at zero and at the top.
pub fn add_signed(base: u64, delta: i64) -> u64 {
    if delta >= 0 {
        base.saturating_add(delta as u64)
    } else {
        base.saturating_sub(delta.unsigned_abs())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edges_never_cross_and_moves_never_go_negative() {
        let b = Band::new(1, 0, 10_000);
        assert_eq!(
            b.with_start(10_000_000).end_us - b.with_start(10_000_000).start_us,
            MIN_BAND_US
        );
        assert_eq!(b.with_end(0).end_us, b.start_us + MIN_BAND_US);
        let moved = b.shifted(-50_000);
        assert_eq!(moved.start_us, 0);
        assert_eq!(moved.end_us - moved.start_us, DEFAULT_BAND_US);
    }

    #[test]
    fn toggles_cycle_and_gaps_stay_in_range() {
        let b = Band::new(1, 0, 0);
        assert_eq!(b.next_cut(), Cut::Rightward);
        assert_eq!(b.next_fate(), Fate::Hold);
        assert_eq!(b.in_gap(9, 4).gap, 2);
        assert!(b.covers(0) && !b.covers(DEFAULT_BAND_US));
        let forever = Band {
            end_us: FOREVER_US,
            ..b
        };
        assert!(!forever.heals());
        assert_eq!(forever.shifted(5_000).end_us, FOREVER_US);
    }

    #[test]
    fn edges_stay_within_the_longest_time_a_scenario_may_name() {
        let b = Band::new(1, 0, 10_000);
        let far = b.shifted(i64::MAX);
        assert_eq!(far.end_us, MAX_TIME_US);
        assert_eq!(far.end_us - far.start_us, DEFAULT_BAND_US);
        assert!(b.with_start(u64::MAX).start_us <= MAX_TIME_US - MIN_BAND_US);
        let forever = b.with_end(MAX_TIME_US + 1);
        assert!(!forever.heals());
        assert_eq!(forever.with_end(FOREVER_US - 1_000), forever);
        assert!(forever.shifted(i64::MAX).start_us < MAX_TIME_US);
        assert!(forever.with_start(u64::MAX).start_us < MAX_TIME_US);
        assert_eq!(forever.with_end(40_000).end_us, 40_000);
    }
}
