//! The built-in example scenarios, compiled in from `crates/sim/scenarios/*.json`, happy path first.

use crate::scenario::Scenario;

/// (id, file text) in the order the UI lists them.
const FILES: &[(&str, &str)] = &[
    ("happy-path", include_str!("../scenarios/happy-path.json")),
    (
        "partition-after-charge",
        include_str!("../scenarios/partition-after-charge.json"),
    ),
    (
        "lost-reply-no-idempotency",
        include_str!("../scenarios/lost-reply-no-idempotency.json"),
    ),
    (
        "lost-reply-idempotent",
        include_str!("../scenarios/lost-reply-idempotent.json"),
    ),
    (
        "retries-compensate",
        include_str!("../scenarios/retries-compensate.json"),
    ),
    (
        "reconcile-after-heal",
        include_str!("../scenarios/reconcile-after-heal.json"),
    ),
    (
        "asymmetric-partition",
        include_str!("../scenarios/asymmetric-partition.json"),
    ),
    (
        "slow-inventory",
        include_str!("../scenarios/slow-inventory.json"),
    ),
    (
        "billing-crash-restart",
        include_str!("../scenarios/billing-crash-restart.json"),
    ),
    ("clock-skew", include_str!("../scenarios/clock-skew.json")),
    ("workload", include_str!("../scenarios/workload.json")),
];

/// The example used for the native-vs-wasm trace hash check.
pub const GOLDEN_SCENARIO_ID: &str = "partition-after-charge";

/// All examples, parsed. A broken built-in file is a bug, caught by the tests.
pub fn examples() -> Vec<Scenario> {
    FILES
        .iter()
        .filter_map(|(id, text)| match Scenario::from_json(text) {
            Ok(s) => Some(s),
            Err(e) => {
                debug_assert!(false, "built-in scenario {id} is invalid: {e}");
                None
            }
        })
        .collect()
}

/// One example by id.
pub fn example(id: &str) -> Option<Scenario> {
    FILES
        .iter()
        .find(|(i, _)| *i == id)
        .and_then(|(_, text)| Scenario::from_json(text).ok())
}

/// The scenario whose trace hash is pinned in `tests/golden_hash.rs` (and checked again in wasm).
pub fn golden_trace_hash_scenario() -> Scenario {
    example(GOLDEN_SCENARIO_ID).unwrap_or_else(|| Scenario::basic(GOLDEN_SCENARIO_ID))
}
