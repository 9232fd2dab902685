//! Fuzz target: the share-link decoder and encoder (`faultline::share::url_state`).
//!
//! Input that starts like a fragment (`v…` or `#…`) is decoded as it is: decoding must never panic,
//! and a state that decodes must encode to a link that decodes to the same state. Any other input
//! is read as a scenario file: a valid scenario, put in a link, must come back unchanged. Either
//! way the state's scenario must then run (bounded) without panicking.
#![no_main]

use faultline::share::url_state::{decode, encode, SharedState};
use faultline_sim::{Run, Scenario};
use libfuzzer_sys::fuzz_target;

/// Events simulated per input, so each input stays fast.
const MAX_EVENTS: u64 = 20_000;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let state = if text.starts_with('v') || text.starts_with('#') {
        match decode(text) {
            Ok(state) => state,
            Err(_) => return,
        }
    } else {
        let Ok(scenario) = Scenario::from_json(text) else {
            return;
        };
        let mut state = SharedState::initial(&scenario);
        state.now_us = scenario.seed % 3_600_000_000;
        state.hide_truth = scenario.seed & 1 == 1;
        state
    };
    let link = encode(&state);
    assert_eq!(
        decode(&link).as_ref(),
        Ok(&state),
        "encode does not read back: {link}"
    );
    let mut scenario = state.full_scenario();
    scenario.limits.max_events = scenario.limits.max_events.min(MAX_EVENTS);
    let mut run = Run::new(&scenario).expect("a decoded state holds a valid scenario");
    run.run_to_end();
    run.seek(state.now_us.min(run.now_us()));
    let _ = run.snapshot();
});
