//! The scenario file: everything that fixes a run (seed, network, strategy, workload, faults, limits).

use crate::fault::FaultSpec;
use crate::net::NetworkSpec;
use crate::order_flow::Strategy;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A complete, reproducible situation. Same scenario ⇒ same trace, on every target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub id: String,
    #[serde(default)]
    pub title: String,
    /// One line in plain words for a learner.
    #[serde(default)]
    pub description: String,
    /// One change to try, and what it shows, in plain words; left out when there is none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub experiment: String,
    #[serde(default)]
    pub seed: u64,
    #[serde(default)]
    pub network: NetworkSpec,
    #[serde(default)]
    pub strategy: Strategy,
    #[serde(default)]
    pub workload: Workload,
    /// Items in stock at inventory when the run starts.
    #[serde(default = "default_stock")]
    pub stock: u32,
    #[serde(default)]
    pub faults: Vec<FaultSpec>,
    #[serde(default)]
    pub limits: Limits,
}

fn default_stock() -> u32 {
    1_000_000
}

/// The client's orders: `orders` of them, the first at `start_us`, then one every `interval_us`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Workload {
    pub orders: u32,
    pub start_us: u64,
    pub interval_us: u64,
    /// Price of one order (in cents).
    pub amount: u64,
}

impl Default for Workload {
    fn default() -> Self {
        Workload {
            orders: 1,
            start_us: 1_000,
            interval_us: 10_000,
            amount: 4_200,
        }
    }
}

/// Bounds on a run: it stops after `max_events` trace events or past `max_time_us`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Limits {
    pub max_events: u64,
    pub max_time_us: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_events: 2_000_000,
            max_time_us: 600_000_000,
        }
    }
}

/// A scenario that cannot be used, with the field at fault and a message for a learner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScenarioError {
    /// Path of the field, e.g. `faults[2].end_us` (`scenario` for the whole file).
    pub field: String,
    pub message: String,
}

impl ScenarioError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> ScenarioError {
        ScenarioError {
            field: field.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

impl std::error::Error for ScenarioError {}

impl Scenario {
    /// Parses and validates a scenario. Never panics; errors name the field.
    pub fn from_json(text: &str) -> Result<Scenario, ScenarioError> {
        if text.len() > crate::validate::MAX_FILE_BYTES {
            return Err(ScenarioError::new(
                "scenario",
                "the file is larger than 4 MB",
            ));
        }
        if text.trim_start().starts_with('[') {
            return Err(ScenarioError::new(
                "scenario",
                "a scenario is one JSON object, { … }, not a list",
            ));
        }
        let mut de = serde_json::Deserializer::from_str(text);
        let scenario: Scenario = serde::Deserialize::deserialize(&mut de).map_err(|e| {
            let path = crate::json_path::path_at(text, e.line(), e.column());
            let field = if path.is_empty() {
                "scenario".to_string()
            } else {
                path
            };
            ScenarioError::new(field, crate::validate::friendly_serde(&e))
        })?;
        de.end()
            .map_err(|e| ScenarioError::new("scenario", crate::validate::friendly_serde(&e)))?;
        scenario.validate()?;
        Ok(scenario)
    }

    /// Checks every number and name; the first problem found is returned.
    pub fn validate(&self) -> Result<(), ScenarioError> {
        crate::validate::scenario(self)
    }

    /// Pretty JSON that [`Scenario::from_json`] reads back to an equal scenario.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// A one-order scenario with default settings and no faults.
    pub fn basic(id: &str) -> Scenario {
        Scenario {
            id: id.to_string(),
            title: String::new(),
            description: String::new(),
            experiment: String::new(),
            seed: 1,
            network: NetworkSpec::default(),
            strategy: Strategy::default(),
            workload: Workload::default(),
            stock: default_stock(),
            faults: Vec::new(),
            limits: Limits::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minimal_file_gets_defaults() {
        let s = Scenario::from_json(r#"{"id":"x"}"#).unwrap();
        assert_eq!(s.workload.orders, 1);
        assert_eq!(Scenario::from_json(&s.to_json()).unwrap(), s);
    }

    #[test]
    fn unknown_node_names_field() {
        let text = r#"{"id":"x","faults":[{"partition":{"a":["web"],"b":["db"]}}]}"#;
        let e = Scenario::from_json(text).unwrap_err();
        assert_eq!(e.field, "faults[0].partition.b[0]");
        assert!(e.message.contains("unknown node \"db\""), "{e}");
    }

    #[test]
    fn negative_duration_names_field() {
        let e = Scenario::from_json(r#"{"id":"x","strategy":{"timeout_us":-5}}"#).unwrap_err();
        assert_eq!(e.field, "strategy.timeout_us");
        assert!(e.message.contains("whole number"), "{e}");
    }

    #[test]
    fn garbage_does_not_panic() {
        for t in [
            "",
            "{",
            "[]",
            "null",
            r#"{"id":1}"#,
            r#"{"id":"x","oops":1}"#,
            "{\"id\":\"x\"} 5",
        ] {
            assert!(Scenario::from_json(t).is_err(), "{t}");
        }
    }
}
