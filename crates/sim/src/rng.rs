//! Seeded random streams, one per message or backoff, keyed by what it is.

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

/// Seeded random numbers (SplitMix64: a few integer operations, identical on every target).
///
/// A run does not share one stream. Each message and each backoff draws from its own stream, keyed
/// by what it is ([`SimRng::keyed`]), so a fault that changes one message leaves every unrelated
/// message's latency, loss and duplication exactly as it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SimRng(u64);

impl SimRng {
    pub fn new(seed: u64) -> SimRng {
        SimRng(mix(seed))
    }

    /// The stream of the thing named by `key` in the run seeded with `seed`.
    pub fn keyed(seed: u64, key: u64) -> SimRng {
        SimRng(mix(seed ^ mix(key)))
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(GOLDEN_GAMMA);
        mix(self.0)
    }

    /// Uniform in `lo..=hi` (returns `lo` when `hi <= lo`).
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        if hi <= lo {
            return lo;
        }
        let span = hi - lo + 1;
        // Lemire-style multiply-shift on 64 bits; the tiny bias is irrelevant here and deterministic.
        let r = self.next_u64();
        lo + ((r as u128 * span as u128) >> 64) as u64
    }

    /// True with the given chance. Draws nothing when the chance is zero.
    pub fn chance(&mut self, c: Chance) -> bool {
        if c.is_never() {
            return false;
        }
        (self.next_u64() >> 32) < c.0
    }
}

/// A key naming something in a run, folded from its parts (`key(&[a, b]) != key(&[b, a])`).
pub fn key(parts: &[u64]) -> u64 {
    parts
        .iter()
        .fold(GOLDEN_GAMMA, |h, &p| mix(h.rotate_left(5) ^ p))
}

const GOLDEN_GAMMA: u64 = 0x9E37_79B9_7F4A_7C15;

/// SplitMix64's finaliser: every input bit affects every output bit.
fn mix(z: u64) -> u64 {
    let z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    let z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
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

    #[test]
    fn keyed_streams_differ_by_key_and_seed() {
        let draw = |seed, k| SimRng::keyed(seed, k).range(0, u64::MAX - 1);
        assert_eq!(draw(3, key(&[1, 2])), draw(3, key(&[1, 2])));
        assert_ne!(draw(3, key(&[1, 2])), draw(3, key(&[2, 1])));
        assert_ne!(draw(3, key(&[1, 2])), draw(4, key(&[1, 2])));
    }

    #[test]
    fn a_five_percent_chance_hits_about_five_percent() {
        let c = Chance::from_probability(0.05);
        let hits = (0..20_000)
            .filter(|&i| SimRng::keyed(29, key(&[i])).chance(c))
            .count();
        assert!((800..1200).contains(&hits), "{hits}");
    }
}
