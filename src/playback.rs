//! Playback timing: how virtual time follows the wall clock while the run plays.
//!
//! The page does not redraw every frame. The "now" curtain glides on the compositor from a
//! [`Motion`]; the simulation's cursor moves in coarse ticks, and everything the curtain is about
//! to uncover is drawn a little ahead of it, so the learner sees smooth motion for a few ticks a
//! second of work.

/// Real milliseconds between two moves of the cursor while playing: five a second. The curtain
/// glides between them, so motion stays smooth; the panels and the clock follow at this pace
/// (ten a second cost the `workload` scenario 8.6% of the main thread, five cost 5.2%).
pub const TICK_MS: f64 = 200.0;

/// Real milliseconds of the run drawn ahead of the cursor while playing, under the curtain.
/// More than a tick, so nothing pops into view late.
pub const LOOKAHEAD_MS: f64 = 250.0;

/// Playback started at `wall_ms` (a `performance.now()` reading) from `from_us`, at a speed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Motion {
    pub wall_ms: f64,
    pub from_us: u64,
    /// Virtual milliseconds per real second.
    pub speed_ms_per_s: f64,
}

impl Motion {
    /// The virtual instant at wall time `wall_ms` (never before the start).
    pub fn now_at(&self, wall_ms: f64) -> u64 {
        let elapsed_ms = (wall_ms - self.wall_ms).max(0.0);
        self.from_us
            .saturating_add(us_in(elapsed_ms, self.speed_ms_per_s))
    }

    /// Real milliseconds from the start until virtual time reaches `t_us` (0 if it already has).
    pub fn wall_ms_until(&self, t_us: u64) -> f64 {
        let virtual_ms = t_us.saturating_sub(self.from_us) as f64 / 1000.0;
        if self.speed_ms_per_s > 0.0 {
            virtual_ms / self.speed_ms_per_s * 1000.0
        } else {
            f64::INFINITY
        }
    }
}

/// Virtual microseconds that pass in `real_ms` at `speed_ms_per_s`.
fn us_in(real_ms: f64, speed_ms_per_s: f64) -> u64 {
    // speed ms/s = speed µs per real ms.
    (real_ms * speed_ms_per_s.max(0.0)).round() as u64
}

/// How far the diagram is drawn: to `now_us` when paused, a lookahead further while playing.
pub fn drawn_until(now_us: u64, playing: bool, speed_ms_per_s: f64) -> u64 {
    if playing {
        now_us.saturating_add(us_in(LOOKAHEAD_MS, speed_ms_per_s))
    } else {
        now_us
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEN_MS_PER_S: Motion = Motion {
        wall_ms: 1_000.0,
        from_us: 2_000,
        speed_ms_per_s: 10.0,
    };

    #[test]
    fn virtual_time_runs_at_the_chosen_speed() {
        // One real second at 10 ms/s is 10 virtual ms.
        assert_eq!(TEN_MS_PER_S.now_at(2_000.0), 12_000);
        assert_eq!(TEN_MS_PER_S.now_at(1_000.0), 2_000);
        // A clock reading from before the start does not go back in time.
        assert_eq!(TEN_MS_PER_S.now_at(0.0), 2_000);
    }

    #[test]
    fn the_wall_time_to_an_instant_inverts_now_at() {
        let ms = TEN_MS_PER_S.wall_ms_until(7_000);
        assert_eq!(ms, 500.0);
        assert_eq!(TEN_MS_PER_S.now_at(TEN_MS_PER_S.wall_ms + ms), 7_000);
        assert_eq!(TEN_MS_PER_S.wall_ms_until(1_000), 0.0);
        let stopped = Motion {
            speed_ms_per_s: 0.0,
            ..TEN_MS_PER_S
        };
        assert!(stopped.wall_ms_until(7_000).is_infinite());
    }

    #[test]
    fn playing_draws_ahead_of_now_and_pausing_does_not() {
        assert_eq!(drawn_until(5_000, false, 10.0), 5_000);
        assert!(drawn_until(5_000, true, 10.0) > 5_000 + us_in(TICK_MS, 10.0));
        assert_eq!(drawn_until(u64::MAX, true, 1e300), u64::MAX);
    }
}
