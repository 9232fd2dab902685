//! Reading a scenario from a file a person hands over, which may be a scenario file or a file made
//! from a run that carries its scenario. The playground's import and the CLI read files alike.

use crate::scenario::{Scenario, ScenarioError};

/// A scenario from a file a person hands over: a scenario file, or the `scenario` inside a file
/// made from a run (the playground's trace export, the CLI's `--format json`). A leading byte-order
/// mark is skipped, as editors on some systems write one.
pub fn scenario_from_file(text: &str) -> Result<Scenario, ScenarioError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match top_level_member(text, "scenario") {
        Some(inner) if inner.starts_with('{') => Scenario::from_json(inner)
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

    #[test]
    fn a_run_s_file_gives_back_its_scenario() {
        let s = crate::example("happy-path").unwrap();
        let cli = format!(
            "{{\"outcome\":\"ok\",\"scenario\":{},\"trace_hash\":\"1\"}}",
            s.to_json()
        );
        assert_eq!(scenario_from_file(&cli).unwrap(), s);
        let bom = format!("\u{feff}{}", s.to_json());
        assert_eq!(scenario_from_file(&bom).unwrap(), s);
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
