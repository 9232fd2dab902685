//! Scenario validation: every number in range, every name known, with messages a learner understands.

use crate::fault::{FaultSpec, MessageAction, PartitionSpec};
use crate::net::{LinkSpec, NetworkSpec};
use crate::scenario::{Scenario, ScenarioError};
use crate::time::fmt_us;

/// Largest scenario file accepted.
pub const MAX_FILE_BYTES: usize = 4 << 20;
/// Largest time anywhere in a scenario: one hour.
pub const MAX_TIME_US: u64 = 3_600_000_000;
pub const MAX_RETRIES: u32 = 1_000;
pub const MAX_ORDERS: u32 = 100_000;
pub const MAX_FAULTS: usize = 1_000;
pub const MAX_EVENTS: u64 = 50_000_000;
pub const MAX_LINKS: usize = 64;
pub const MAX_RECONCILE_ROUNDS: u32 = 100_000;

type R = Result<(), ScenarioError>;

fn err(field: impl Into<String>, message: impl Into<String>) -> R {
    Err(ScenarioError::new(field, message))
}

/// Turns a serde error into plain words (keeping the line and column).
pub fn friendly_serde(e: &serde_json::Error) -> String {
    let raw = e.to_string();
    if raw.contains("expected u64") || raw.contains("expected u32") {
        let at = raw.find(" at line").map(|i| &raw[i..]).unwrap_or("");
        // A whole number past the type's range reaches serde as a float ("`1e23`").
        let too_large = raw
            .split('`')
            .nth(1)
            .and_then(|n| n.parse::<f64>().ok())
            .is_some_and(|n| n >= 0.0 && n.fract() == 0.0);
        return if too_large {
            format!("is too large{at}")
        } else {
            format!("must be a whole number, 0 or more{at}")
        };
    }
    raw
}

fn time(field: &str, v: u64) -> R {
    if v > MAX_TIME_US {
        return err(
            field,
            format!("{v} µs ({}) is too long: at most one hour", fmt_us(v)),
        );
    }
    Ok(())
}

fn prob(field: &str, p: f64) -> R {
    if !(0.0..=1.0).contains(&p) {
        return err(
            field,
            format!("{p} is not a probability (use a number from 0 to 1)"),
        );
    }
    Ok(())
}

fn text(field: &str, s: &str, max: usize) -> R {
    if s.len() > max {
        return err(field, format!("is longer than {max} characters"));
    }
    Ok(())
}

/// Validates a whole scenario.
pub fn scenario(s: &Scenario) -> R {
    if s.id.is_empty() {
        return err("id", "must not be empty");
    }
    text("id", &s.id, 100)?;
    text("title", &s.title, 200)?;
    text("description", &s.description, 1_000)?;
    network(&s.network)?;
    strategy(s)?;
    workload(s)?;
    if s.stock > 1_000_000_000 {
        return err("stock", "is too large (at most 1,000,000,000)");
    }
    if s.faults.len() > MAX_FAULTS {
        return err(
            "faults",
            format!(
                "{} faults is too many (at most {MAX_FAULTS})",
                s.faults.len()
            ),
        );
    }
    for (i, f) in s.faults.iter().enumerate() {
        fault(&format!("faults[{i}]"), f)?;
    }
    if s.limits.max_events == 0 || s.limits.max_events > MAX_EVENTS {
        return err(
            "limits.max_events",
            format!("must be from 1 to {MAX_EVENTS}"),
        );
    }
    if s.limits.max_time_us == 0 {
        return err("limits.max_time_us", "must be more than 0");
    }
    time("limits.max_time_us", s.limits.max_time_us)
}

fn latency(field: &str, min: u64, max: u64) -> R {
    if min == 0 {
        return err(format!("{field}latency_min_us"), "must be at least 1 µs");
    }
    time(&format!("{field}latency_max_us"), max)?;
    if max < min {
        return err(
            format!("{field}latency_max_us"),
            format!(
                "the largest latency ({}) is below the smallest ({})",
                fmt_us(max),
                fmt_us(min)
            ),
        );
    }
    Ok(())
}

fn network(n: &NetworkSpec) -> R {
    latency("network.", n.latency_min_us, n.latency_max_us)?;
    prob("network.loss", n.loss)?;
    prob("network.duplicate", n.duplicate)?;
    if n.links.len() > MAX_LINKS {
        return err(
            "network.links",
            format!("at most {MAX_LINKS} link overrides"),
        );
    }
    for (i, l) in n.links.iter().enumerate() {
        link(&format!("network.links[{i}]."), l, n)?;
    }
    Ok(())
}

fn link(f: &str, l: &LinkSpec, n: &NetworkSpec) -> R {
    if l.from == l.to {
        return err(format!("{f}to"), "a link joins two different nodes");
    }
    let min = l.latency_min_us.unwrap_or(n.latency_min_us);
    let max = l.latency_max_us.unwrap_or(n.latency_max_us);
    latency(f, min, max)?;
    prob(&format!("{f}loss"), l.loss.unwrap_or(0.0))?;
    prob(&format!("{f}duplicate"), l.duplicate.unwrap_or(0.0))
}

fn strategy(s: &Scenario) -> R {
    let st = &s.strategy;
    if st.timeout_us == 0 {
        return err("strategy.timeout_us", "must be more than 0");
    }
    time("strategy.timeout_us", st.timeout_us)?;
    if st.max_retries > MAX_RETRIES {
        return err(
            "strategy.max_retries",
            format!(
                "{} retries is too many (at most {MAX_RETRIES})",
                st.max_retries
            ),
        );
    }
    time("strategy.backoff_base_us", st.backoff_base_us)?;
    time("strategy.backoff_max_us", st.backoff_max_us)?;
    if st.reconcile_interval_us == 0 {
        return err("strategy.reconcile_interval_us", "must be more than 0");
    }
    time("strategy.reconcile_interval_us", st.reconcile_interval_us)?;
    if st.reconcile_max_rounds > MAX_RECONCILE_ROUNDS {
        return err(
            "strategy.reconcile_max_rounds",
            format!("at most {MAX_RECONCILE_ROUNDS}"),
        );
    }
    Ok(())
}

fn workload(s: &Scenario) -> R {
    let w = &s.workload;
    if w.orders > MAX_ORDERS {
        return err(
            "workload.orders",
            format!("{} orders is too many (at most {MAX_ORDERS})", w.orders),
        );
    }
    time("workload.start_us", w.start_us)?;
    time("workload.interval_us", w.interval_us)?;
    if w.orders > 1 && w.interval_us == 0 {
        return err(
            "workload.interval_us",
            "must be more than 0 when there are several orders",
        );
    }
    let last = w
        .start_us
        .saturating_add(w.interval_us.saturating_mul(w.orders as u64));
    time("workload.interval_us", last).map_err(|_| {
        ScenarioError::new(
            "workload.interval_us",
            "the last order would be placed after one hour",
        )
    })?;
    if w.amount > 1_000_000_000_000 {
        return err("workload.amount", "is too large");
    }
    Ok(())
}

fn ordered(f: &str, what: &str, start: u64, end: Option<u64>, end_field: &str) -> R {
    time(&format!("{f}.at_us"), start)?;
    if let Some(e) = end {
        time(&format!("{f}.{end_field}"), e)?;
        if e <= start {
            return err(
                format!("{f}.{end_field}"),
                format!(
                    "the {what} ends ({}) before it starts ({})",
                    fmt_us(e),
                    fmt_us(start)
                ),
            );
        }
    }
    Ok(())
}

/// Validates one fault; `f` is its field path, e.g. `faults[2]`.
pub fn fault(f: &str, fault: &FaultSpec) -> R {
    match fault {
        FaultSpec::Partition(p) => partition(f, p),
        FaultSpec::Crash {
            at_us, restart_us, ..
        } => ordered(f, "crash", *at_us, *restart_us, "restart_us"),
        FaultSpec::Pause {
            at_us, resume_us, ..
        } => ordered(f, "pause", *at_us, *resume_us, "resume_us"),
        FaultSpec::ClockSkew {
            offset_us,
            drift_ppm,
            at_us,
            ..
        } => {
            time(&format!("{f}.at_us"), *at_us)?;
            if offset_us.unsigned_abs() > MAX_TIME_US {
                return err(format!("{f}.offset_us"), "is more than an hour either way");
            }
            if drift_ppm.unsigned_abs() > 1_000_000 {
                return err(format!("{f}.drift_ppm"), "must be from -1000000 to 1000000");
            }
            Ok(())
        }
        FaultSpec::Message(m) => {
            if m.msg.0 == 0 {
                return err(format!("{f}.msg"), "message ids start at 1");
            }
            if let Some(t) = m.at_us {
                time(&format!("{f}.at_us"), t)?;
            }
            if let MessageAction::Delay { extra_us } = m.action {
                time(&format!("{f}.action.extra_us"), extra_us)?;
            }
            Ok(())
        }
    }
}

fn partition(f: &str, p: &PartitionSpec) -> R {
    let f = format!("{f}.partition");
    if p.a.is_empty() {
        return err(format!("{f}.a"), "names no node");
    }
    if p.b.is_empty() {
        return err(format!("{f}.b"), "names no node");
    }
    if p.a.len() > 4 || p.b.len() > 4 {
        return err(format!("{f}.a"), "a group has at most 4 nodes");
    }
    if let Some(n) = p.a.iter().find(|n| p.b.contains(n)) {
        return err(
            format!("{f}.b"),
            format!("{n} is on both sides of the partition"),
        );
    }
    time(&format!("{f}.start_us"), p.start_us)?;
    if let Some(e) = p.end_us {
        time(&format!("{f}.end_us"), e)?;
        if e <= p.start_us {
            return err(
                format!("{f}.end_us"),
                format!(
                    "the partition ends ({}) before it starts ({})",
                    fmt_us(e),
                    fmt_us(p.start_us)
                ),
            );
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::scenario::Scenario;

    fn bad(json: &str) -> String {
        Scenario::from_json(json).unwrap_err().to_string()
    }

    #[test]
    fn partition_ending_before_start() {
        let e = bad(
            r#"{"id":"x","faults":[{"partition":{"a":["web"],"b":["billing"],"start_us":5000,"end_us":1000}}]}"#,
        );
        assert_eq!(
            e,
            "faults[0].partition.end_us: the partition ends (1 ms) before it starts (5 ms)"
        );
    }

    #[test]
    fn out_of_range_numbers() {
        assert!(bad(r#"{"id":"x","network":{"loss":1.5}}"#).starts_with("network.loss:"));
        assert!(bad(r#"{"id":"x","strategy":{"max_retries":5000}}"#)
            .starts_with("strategy.max_retries:"));
        assert!(bad(r#"{"id":"x","workload":{"orders":200000}}"#).starts_with("workload.orders:"));
        assert!(bad(r#"{"id":"x","network":{"latency_min_us":0}}"#)
            .starts_with("network.latency_min_us:"));
        assert!(bad(r#"{"id":"x","limits":{"max_events":0}}"#).starts_with("limits.max_events:"));
        assert!(bad(r#"{"id":"x","seed":18446744073709551616}"#).starts_with("seed:"));
        assert!(bad(r#"{"id":""}"#).starts_with("id:"));
    }
}
