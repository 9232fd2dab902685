//! How web copes with silence: timeout, bounded retries with backoff and jitter, keys, and what to do after giving up.

use crate::rng::SimRng;
use serde::{Deserialize, Serialize};

/// What web does once it has given up on a peer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum GiveUp {
    /// Tell the client "pending: we don't know yet" and do nothing more.
    #[default]
    Nothing,
    /// Undo the charge: send Refund to billing (with its own retries).
    Compensate,
    /// Tell the client "pending" and keep asking at an interval until the answer comes.
    Reconcile,
}

/// web's strategy for its requests to billing and inventory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Strategy {
    /// How long web waits for a reply before it counts the request as timed out.
    pub timeout_us: u64,
    /// Retries after the first attempt (0 = no retries).
    pub max_retries: u32,
    /// Wait before the first retry; it doubles for each further retry.
    pub backoff_base_us: u64,
    /// Upper bound for the wait between retries.
    pub backoff_max_us: u64,
    /// Draw each wait uniformly between half and all of it (seeded).
    pub jitter: bool,
    /// Send an idempotency key with each request so billing and inventory can spot repeats.
    pub idempotency_keys: bool,
    pub after_give_up: GiveUp,
    /// How often the reconciler asks again.
    pub reconcile_interval_us: u64,
    /// Bound on the reconciler's rounds per order.
    pub reconcile_max_rounds: u32,
}

impl Default for Strategy {
    fn default() -> Self {
        Strategy {
            timeout_us: 20_000,
            max_retries: 2,
            backoff_base_us: 5_000,
            backoff_max_us: 80_000,
            jitter: true,
            idempotency_keys: true,
            after_give_up: GiveUp::Nothing,
            reconcile_interval_us: 50_000,
            reconcile_max_rounds: 200,
        }
    }
}

impl Strategy {
    /// The longest wait before retry number `retry` (1 = first retry): the base, doubled for each
    /// retry after the first, capped.
    pub fn backoff_ceiling_us(&self, retry: u32) -> u64 {
        let shift = retry.saturating_sub(1).min(40);
        self.backoff_base_us
            .saturating_mul(1u64 << shift)
            .min(self.backoff_max_us.max(self.backoff_base_us))
    }

    /// The wait before retry number `retry` (1 = first retry).
    pub fn backoff_us(&self, retry: u32, rng: &mut SimRng) -> u64 {
        let full = self.backoff_ceiling_us(retry);
        let d = if self.jitter {
            rng.range(full / 2, full)
        } else {
            full
        };
        d.max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_and_caps() {
        let s = Strategy {
            jitter: false,
            backoff_base_us: 10,
            backoff_max_us: 35,
            ..Strategy::default()
        };
        let mut rng = SimRng::new(1);
        let waits: Vec<u64> = (1..=4).map(|r| s.backoff_us(r, &mut rng)).collect();
        assert_eq!(waits, vec![10, 20, 35, 35]);
        let j = Strategy { jitter: true, ..s };
        for r in 1..=4 {
            let w = j.backoff_us(r, &mut rng);
            assert!((5..=35).contains(&w));
        }
    }
}
