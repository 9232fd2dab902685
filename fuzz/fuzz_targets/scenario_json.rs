//! Fuzz target: any text as a scenario file. Parsing must never panic; a scenario that parses must
//! run (bounded) without panicking, and survive a round trip through its own JSON.
#![no_main]

use faultline_sim::{Run, Scenario};
use libfuzzer_sys::fuzz_target;

/// Events simulated per input, so each input stays fast (the scenario's own limit may be higher).
const MAX_EVENTS: u64 = 20_000;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(mut scenario) = Scenario::from_json(text) else {
        return;
    };
    let again = Scenario::from_json(&scenario.to_json());
    assert_eq!(again.as_ref(), Ok(&scenario), "to_json does not read back");
    scenario.limits.max_events = scenario.limits.max_events.min(MAX_EVENTS);
    let mut run = Run::new(&scenario).expect("a scenario that parsed is valid");
    let middle = scenario.limits.max_time_us / 2;
    run.run_until(middle);
    run.run_to_end();
    let end = run.now_us();
    let _ = run.snapshot_at(end / 3);
    run.seek(end / 2);
    let _ = run.snapshot();
    let _ = run.trace().hash();
});
