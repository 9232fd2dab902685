//! The trace export (`docs/trace-schema.md`): the scenario that made the run plus the core's stable trace JSON.
//!
//! The same file imports back: `faultline_sim::scenario_from_file` accepts a scenario file or a
//! trace export.

use faultline_sim::{Scenario, Trace};

/// Value of the export's `format` field.
pub const FORMAT: &str = "faultline-trace";
/// Version of the export's envelope (the trace inside follows `crates/sim/docs/trace.md`).
pub const VERSION: u32 = 1;

/// `{"format":"faultline-trace","version":1,"scenario":{…},"trace":{"events":[…]}}`.
///
/// `scenario` is the full scenario simulated (the learner's partitions and faults included), so the
/// file reproduces the run on its own.
pub fn trace_export(scenario: &Scenario, trace: &Trace) -> String {
    let scenario = serde_json::to_string(scenario).unwrap_or_else(|_| "null".into());
    format!(
        "{{\"format\":\"{FORMAT}\",\"version\":{VERSION},\"scenario\":{scenario},\"trace\":{}}}",
        trace.to_json()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use faultline_sim::{scenario_from_file, Run};

    #[test]
    fn the_export_is_json_with_the_scenario_and_the_trace_and_imports_back() {
        let scenario = faultline_sim::example("partition-after-charge").unwrap();
        let mut run = Run::new(&scenario).unwrap();
        run.run_to_end();
        let text = trace_export(&scenario, run.trace());
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["format"], FORMAT);
        assert_eq!(v["version"], 1);
        assert_eq!(
            v["trace"]["events"].as_array().unwrap().len(),
            run.trace().events.len()
        );
        assert_eq!(v["trace"].to_string().len(), run.trace().to_json().len());
        assert_eq!(scenario_from_file(&text).unwrap(), scenario);
        assert_eq!(scenario_from_file(&scenario.to_json()).unwrap(), scenario);
    }
}
