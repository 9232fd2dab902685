//! The trace export (`docs/trace-schema.md`): the scenario that made the run plus the core's stable trace JSON.
//!
//! The same file imports back: [`scenario_from_file`] accepts a scenario file or a trace export.

use faultline_sim::{Scenario, ScenarioError, Trace};

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

/// A scenario from an imported file: a scenario file, or the `scenario` of a trace export.
pub fn scenario_from_file(text: &str) -> Result<Scenario, ScenarioError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let is_export =
        top_level_member(text, "format").is_some_and(|f| f.trim() == format!("\"{FORMAT}\""));
    match top_level_member(text, "scenario") {
        Some(inner) if is_export => Scenario::from_json(inner)
            .map_err(|e| ScenarioError::new(format!("scenario.{}", e.field), e.message)),
        _ => Scenario::from_json(text),
    }
}

/// The raw text of member `key` of the JSON object `text` (top level only), without parsing the
/// rest into values. `None` if `text` is not an object or has no such member.
pub fn top_level_member<'a>(text: &'a str, key: &str) -> Option<&'a str> {
    let b = text.as_bytes();
    let mut i = skip_ws(b, 0);
    if b.get(i) != Some(&b'{') {
        return None;
    }
    i += 1;
    loop {
        i = skip_ws(b, i);
        let k_end = string_end(b, i)?;
        let name = &text[i + 1..k_end - 1];
        i = skip_ws(b, k_end);
        if b.get(i) != Some(&b':') {
            return None;
        }
        let v_start = skip_ws(b, i + 1);
        let v_end = value_end(b, v_start)?;
        if name == key {
            return Some(&text[v_start..v_end]);
        }
        i = skip_ws(b, v_end);
        match b.get(i) {
            Some(b',') => i += 1,
            _ => return None,
        }
    }
}

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while b.get(i).is_some_and(|c| c.is_ascii_whitespace()) {
        i += 1;
    }
    i
}

/// Index just past the string starting at `i` (which must be `"`).
fn string_end(b: &[u8], i: usize) -> Option<usize> {
    if b.get(i) != Some(&b'"') {
        return None;
    }
    let mut j = i + 1;
    loop {
        match b.get(j)? {
            b'\\' => j += 2,
            b'"' => return Some(j + 1),
            _ => j += 1,
        }
    }
}

/// Index just past the JSON value starting at `i` (objects and arrays by bracket depth).
fn value_end(b: &[u8], i: usize) -> Option<usize> {
    match b.get(i)? {
        b'"' => string_end(b, i),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut j = i;
            loop {
                match b.get(j)? {
                    b'"' => {
                        j = string_end(b, j)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(j + 1);
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
        }
        _ => {
            let mut j = i;
            while b
                .get(j)
                .is_some_and(|c| !matches!(c, b',' | b'}' | b']') && !c.is_ascii_whitespace())
            {
                j += 1;
            }
            (j > i).then_some(j)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use faultline_sim::Run;

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

    #[test]
    fn import_errors_name_the_field() {
        let e = scenario_from_file(r#"{"id":"x","strategy":{"timeout_us":-1}}"#).unwrap_err();
        assert_eq!(e.field, "strategy.timeout_us");
        let e =
            scenario_from_file(r#"{"format":"faultline-trace","scenario":{"id":7}}"#).unwrap_err();
        assert_eq!(e.field, "scenario.id");
        assert!(scenario_from_file("not json").is_err());
    }

    #[test]
    fn members_are_found_without_parsing_the_rest() {
        let t = r#" { "a" : [1, {"b": "}"}], "format":"x\"y", "scenario" : {"id":"q"} , "n": 5 }"#;
        assert_eq!(top_level_member(t, "scenario"), Some(r#"{"id":"q"}"#));
        assert_eq!(top_level_member(t, "format"), Some(r#""x\"y""#));
        assert_eq!(top_level_member(t, "n"), Some("5"));
        assert_eq!(top_level_member(t, "b"), None);
        assert_eq!(top_level_member("[1]", "a"), None);
        assert_eq!(top_level_member(r#"{"a":"#, "a"), None);
        assert_eq!(top_level_member(r#"{"a":[1"#, "a"), None);
    }
}
