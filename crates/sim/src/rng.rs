//! The one seeded random source of a run (ChaCha8, identical on every target).

use rand_chacha::ChaCha8Rng;
use rand_core::{RngCore, SeedableRng};

/// A probability turned into a threshold on a 32-bit draw, so no float is used per event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Chance(u64);

impl Chance {
    pub const NEVER: Chance = Chance(0);

    /// From a probability in 0..=1 (values outside are clamped; NaN counts as 0).
    pub fn from_probability(p: f64) -> Chance {
        if p.is_nan() || p <= 0.0 {
            Chance(0)
        } else if p >= 1.0 {
            Chance(1 << 32)
        } else {
            Chance((p * 4_294_967_296.0).round() as u64)
        }
    }

    pub fn is_never(self) -> bool {
        self.0 == 0
    }
}

/// Seeded random numbers. Every draw happens in a fixed order, so a seed fixes the run.
#[derive(Debug, Clone)]
pub struct SimRng(ChaCha8Rng);

impl SimRng {
    pub fn new(seed: u64) -> SimRng {
        SimRng(ChaCha8Rng::seed_from_u64(seed))
    }

    /// Uniform in `lo..=hi` (returns `lo` when `hi <= lo`).
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        if hi <= lo {
            return lo;
        }
        let span = hi - lo + 1;
        // Lemire-style multiply-shift on 64 bits; the tiny bias is irrelevant here and deterministic.
        let r = self.0.next_u64();
        lo + ((r as u128 * span as u128) >> 64) as u64
    }

    /// True with the given chance. Draws nothing when the chance is zero.
    pub fn chance(&mut self, c: Chance) -> bool {
        if c.is_never() {
            return false;
        }
        (self.0.next_u32() as u64) < c.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_draws() {
        let mut a = SimRng::new(7);
        let mut b = SimRng::new(7);
        for _ in 0..100 {
            assert_eq!(a.range(10, 20), b.range(10, 20));
        }
    }

    #[test]
    fn range_bounds_and_chance() {
        let mut r = SimRng::new(1);
        for _ in 0..1000 {
            let x = r.range(5, 9);
            assert!((5..=9).contains(&x));
        }
        assert_eq!(r.range(4, 4), 4);
        assert!(r.chance(Chance::from_probability(1.0)));
        assert!(!r.chance(Chance::from_probability(0.0)));
    }
}
