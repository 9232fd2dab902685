//! The postMessage API for course pages (`docs/embedding.md`).
//!
//! Out: `faultline:ready`, `faultline:invariant-violated`, `faultline:partition-added`,
//! `faultline:run-finished`, `faultline:run-changed` (and `faultline:error` for a refused
//! command), posted to `parent` with the `parentOrigin` as target origin — nothing is sent when
//! that parameter is absent.
//! In: `faultline:load-scenario` and `faultline:reset`, taken only from the parent window at exactly
//! that origin. This file is the pure part (commands, origins, event JSON); `events.rs` wires it
//! to the page.

use crate::app::band_layer::band_words;
use crate::app::end_changes::EndReport;
use crate::bands::{Band, Cut, Fate};
use faultline_sim::Violation;

/// Largest scenario accepted in a command, in bytes of JSON.
pub const MAX_COMMAND_BYTES: usize = 1 << 20;

/// A command from the course page.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Load a built-in scenario by id.
    LoadExample(String),
    /// Load a whole scenario, given as its JSON (validated like a file).
    LoadScenario(String),
    /// Go back to what the embed started with.
    Reset,
}

/// Reads a command from the message's `type`, `id` and `scenario` (as JSON) fields.
/// `Ok(None)`: not meant for Faultline (no `faultline:` type) and silently ignored.
pub fn parse_command(
    kind: Option<&str>,
    id: Option<&str>,
    scenario_json: Option<&str>,
) -> Result<Option<Command>, String> {
    let Some(kind) = kind.filter(|k| k.starts_with("faultline:")) else {
        return Ok(None);
    };
    match (kind, id, scenario_json) {
        ("faultline:reset", _, _) => Ok(Some(Command::Reset)),
        ("faultline:load-scenario", Some(id), None) => {
            Ok(Some(Command::LoadExample(id.chars().take(100).collect())))
        }
        ("faultline:load-scenario", None, Some(json)) if json.len() <= MAX_COMMAND_BYTES => {
            Ok(Some(Command::LoadScenario(json.to_string())))
        }
        ("faultline:load-scenario", None, Some(_)) => {
            Err("the scenario is larger than 1 MB".into())
        }
        ("faultline:load-scenario", Some(_), Some(_)) => {
            Err("faultline:load-scenario takes an id or a scenario, not both".into())
        }
        ("faultline:load-scenario", _, _) => {
            Err("faultline:load-scenario needs either an id or a scenario".into())
        }
        (other, _, _) => Err(format!("unknown command {other:.60}")),
    }
}

/// A JSON object written field by field (events are small; no JSON value tree needed).
pub struct JsonObject(String);

impl JsonObject {
    /// `{"type":"<kind>"`…
    pub fn event(kind: &str) -> JsonObject {
        JsonObject::plain().str("type", kind)
    }
    /// `{`…, an object without a type, such as an item of a list.
    pub fn plain() -> JsonObject {
        JsonObject(String::from("{"))
    }
    fn key(&mut self, key: &str) {
        if self.0.len() > 1 {
            self.0.push(',');
        }
        push_json_str(&mut self.0, key);
        self.0.push(':');
    }
    pub fn str(mut self, key: &str, value: &str) -> JsonObject {
        self.key(key);
        push_json_str(&mut self.0, value);
        self
    }
    pub fn num(mut self, key: &str, value: u64) -> JsonObject {
        self.key(key);
        self.0.push_str(&value.to_string());
        self
    }
    pub fn opt_num(mut self, key: &str, value: Option<u64>) -> JsonObject {
        self.key(key);
        self.0
            .push_str(&value.map_or("null".to_string(), |v| v.to_string()));
        self
    }
    pub fn bool(mut self, key: &str, value: bool) -> JsonObject {
        self.key(key);
        self.0.push_str(if value { "true" } else { "false" });
        self
    }
    /// A list of objects, each already finished.
    pub fn list(mut self, key: &str, items: &[String]) -> JsonObject {
        self.key(key);
        self.0.push('[');
        self.0.push_str(&items.join(","));
        self.0.push(']');
        self
    }
    pub fn finish(mut self) -> String {
        self.0.push('}');
        self.0
    }
}

/// Appends `s` as a JSON string literal.
fn push_json_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if (c as u32) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Normalises an origin such as `https://course.example:8443` (scheme and host in lower case,
/// default port dropped). `*`, `null`, paths and other schemes are refused.
pub fn parse_origin(text: &str) -> Result<String, String> {
    let t = text.trim();
    let refuse = || {
        Err(format!(
            "{t:.60} is not an origin like https://course.example"
        ))
    };
    let lower = t.to_ascii_lowercase();
    let (scheme, rest) = match lower.split_once("://") {
        Some((s @ ("http" | "https"), r)) => (s, r),
        _ => return refuse(),
    };
    let host_port = rest.strip_suffix('/').unwrap_or(rest);
    if host_port.is_empty()
        || !host_port
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-.:[]".contains(c))
    {
        return refuse();
    }
    let host_port = match (scheme, host_port.rsplit_once(':')) {
        ("https", Some((h, "443"))) | ("http", Some((h, "80"))) => h,
        (_, Some((_, port))) if !port.ends_with(']') && port.parse::<u16>().is_err() => {
            return refuse()
        }
        _ => host_port,
    };
    Ok(format!("{scheme}://{host_port}"))
}

/// `faultline:ready`, sent once the playground runs.
pub fn ready_event(scenario_id: &str) -> String {
    JsonObject::event("faultline:ready")
        .num("version", 1)
        .str("scenario", scenario_id)
        .finish()
}

/// `faultline:invariant-violated`, when playback reaches a violation.
pub fn violation_event(v: &Violation) -> String {
    JsonObject::event("faultline:invariant-violated")
        .str("name", &v.name)
        .str("detail", &v.detail)
        .bool("expected", v.expected)
        .str("node", v.node.name())
        .num("time_us", v.time_us)
        .num("seq", v.seq)
        .finish()
}

/// `faultline:partition-added`, when the learner adds a band.
pub fn partition_event(b: &Band) -> String {
    let cut = match b.cut {
        Cut::Both => "both",
        Cut::Rightward => "rightward",
        Cut::Leftward => "leftward",
    };
    let fate = match b.fate {
        Fate::Drop => "drop",
        Fate::Hold => "hold",
    };
    JsonObject::event("faultline:partition-added")
        .num("id", u64::from(b.id))
        .num("gap", b.gap as u64)
        .num("start_us", b.start_us)
        .opt_num("end_us", b.heals().then_some(b.end_us))
        .str("cut", cut)
        .str("fate", fate)
        .str("words", &band_words(b))
        .finish()
}

/// `faultline:run-finished`, when playback reaches the end of the run.
pub fn finished_event(
    end_us: u64,
    events: usize,
    violations: usize,
    unexpected: usize,
    outcome: &str,
) -> String {
    JsonObject::event("faultline:run-finished")
        .num("end_us", end_us)
        .num("events", events as u64)
        .num("violations", violations as u64)
        .num("unexpected_violations", unexpected as u64)
        .str("outcome", outcome)
        .finish()
}

/// `faultline:run-changed`, after each change the learner makes: what ended otherwise in the
/// same seed's run (the status area's sentence, and each change as `what`, `before`, `after`).
pub fn changed_event(report: &EndReport) -> String {
    let changes: Vec<String> = report
        .changes
        .iter()
        .map(|c| {
            JsonObject::plain()
                .str("what", &c.what)
                .str("before", &c.before)
                .str("after", &c.after)
                .finish()
        })
        .collect();
    JsonObject::event("faultline:run-changed")
        .str("words", &report.words)
        .list("changes", &changes)
        .bool("counted", report.counted)
        .finish()
}

/// `faultline:scenario-loaded`, the answer to a command that loaded a scenario.
pub fn loaded_event(id: &str) -> String {
    JsonObject::event("faultline:scenario-loaded")
        .str("id", id)
        .finish()
}

/// `faultline:error`, the answer to a command that could not be carried out.
pub fn error_event(message: &str) -> String {
    JsonObject::event("faultline:error")
        .str("message", message)
        .finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_parse_and_strangers_are_refused() {
        let load = Some("faultline:load-scenario");
        assert_eq!(
            parse_command(load, Some("happy-path"), None),
            Ok(Some(Command::LoadExample("happy-path".into())))
        );
        assert_eq!(
            parse_command(load, None, Some(r#"{"id":"x"}"#)),
            Ok(Some(Command::LoadScenario(r#"{"id":"x"}"#.into())))
        );
        assert_eq!(
            parse_command(Some("faultline:reset"), None, None),
            Ok(Some(Command::Reset))
        );
        assert!(parse_command(Some("faultline:format-disk"), None, None).is_err());
        assert!(parse_command(load, None, None).is_err());
        assert_eq!(
            parse_command(load, Some("a"), Some("{}")),
            Err("faultline:load-scenario takes an id or a scenario, not both".into())
        );
        assert_eq!(parse_command(Some("other"), None, None), Ok(None));
        assert_eq!(parse_command(None, Some("x"), None), Ok(None));
    }

    #[test]
    fn origins_are_normalised_and_wildcards_refused() {
        assert_eq!(
            parse_origin("HTTPS://Course.Example/").unwrap(),
            "https://course.example"
        );
        assert_eq!(
            parse_origin("https://c.example:443").unwrap(),
            "https://c.example"
        );
        assert_eq!(
            parse_origin("http://127.0.0.1:8080").unwrap(),
            "http://127.0.0.1:8080"
        );
        for bad in [
            "*",
            "null",
            "",
            "https://x.example/path",
            "javascript:alert(1)",
            "ftp://x",
            "https://x:abc",
        ] {
            assert!(parse_origin(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn events_are_json_objects_with_their_type() {
        let b = Band::new(3, 2, 5_000);
        let e: serde_json::Value = serde_json::from_str(&partition_event(&b)).unwrap();
        assert_eq!(e["type"], "faultline:partition-added");
        assert_eq!(e["cut"], "both");
        assert_eq!(e["end_us"], 155_000);
        assert!(e["words"]
            .as_str()
            .unwrap()
            .starts_with("Partition 3: web ⇹ inventory"));
        let forever = Band {
            end_us: crate::bands::FOREVER_US,
            ..b
        };
        let e: serde_json::Value = serde_json::from_str(&partition_event(&forever)).unwrap();
        assert!(e["end_us"].is_null());
        let e: serde_json::Value =
            serde_json::from_str(&error_event("a \"quote\" \\ and\nline \u{1}")).unwrap();
        assert_eq!(e["message"], "a \"quote\" \\ and\nline \u{1}");
        let e: serde_json::Value =
            serde_json::from_str(&finished_event(1, 2, 3, 0, "quiet")).unwrap();
        assert_eq!(e["type"], "faultline:run-finished");
        assert_eq!(e["unexpected_violations"], 0);
    }

    #[test]
    fn a_change_is_sent_with_each_thing_that_ended_otherwise() {
        let told = faultline_sim::EndChange {
            what: "order 1 as the client was told".into(),
            before: "pending".into(),
            after: "confirmed".into(),
        };
        let report = EndReport {
            generation: 4,
            words: "Your last change: \"quoted\".".into(),
            changes: vec![told.clone(), told],
            counted: false,
        };
        let e: serde_json::Value = serde_json::from_str(&changed_event(&report)).unwrap();
        assert_eq!(e["type"], "faultline:run-changed");
        assert_eq!(e["words"], "Your last change: \"quoted\".");
        assert_eq!(e["changes"].as_array().unwrap().len(), 2);
        assert_eq!(e["changes"][1]["what"], "order 1 as the client was told");
        assert_eq!(e["changes"][1]["after"], "confirmed");
        assert_eq!(e["counted"], false);
        let nothing = EndReport::default();
        let e: serde_json::Value = serde_json::from_str(&changed_event(&nothing)).unwrap();
        assert_eq!(e["changes"], serde_json::json!([]));
    }
}
