//! The trace hash of a fixed scenario is pinned, so native and wasm32 (and future versions) can be compared.

use faultline_sim::{fnv1a64, golden_trace_hash_scenario, Run, GOLDEN_SCENARIO_ID};

/// FNV-1a-64 of `Trace::to_json()` for the example `partition-after-charge`, run to the end.
pub const GOLDEN_TRACE_HASH: u64 = 0x467b_b49a_a18c_5fca;

#[test]
fn golden_trace_hash() {
    let s = golden_trace_hash_scenario();
    assert_eq!(s.id, GOLDEN_SCENARIO_ID);
    let mut run = Run::new(&s).unwrap();
    run.run_to_end();
    let hash = run.trace().hash();
    assert_eq!(hash, fnv1a64(run.trace().to_json().as_bytes()));
    assert_eq!(hash, GOLDEN_TRACE_HASH, "trace hash changed: {hash:#018x}");
}
