//! Plain-words summaries of trace events, for a learner reading the log.

use crate::time::fmt_us;
use crate::trace::{EventKind, TraceEvent};

impl TraceEvent {
    /// E.g. "web: timed out waiting for inventory (order 1, attempt 2)".
    pub fn summary(&self) -> String {
        if let Some(s) = self.message_summary() {
            return s;
        }
        let n = self.node;
        match &self.kind {
            EventKind::Timeout {
                order,
                peer,
                attempt,
                ..
            } => {
                format!("{n}: timed out waiting for {peer} (order {order}, attempt {attempt})")
            }
            EventKind::Retry {
                order,
                peer,
                attempt,
                backoff_us,
            } => {
                format!(
                    "{n}: will retry {peer} in {} (order {order}, attempt {attempt})",
                    fmt_us(*backoff_us)
                )
            }
            EventKind::GiveUp {
                order,
                peer,
                attempts,
            } => {
                format!("{n}: gave up on {peer} after {attempts} attempts (order {order})")
            }
            EventKind::Reconcile { order, peer, round } => {
                format!("{n}: reconciling, asks {peer} again about order {order} (round {round})")
            }
            EventKind::Effect(e) => format!("{n}: {e}"),
            EventKind::Crash => format!("{n}: crashed (what it kept only in memory is gone)"),
            EventKind::Restart => format!("{n}: restarted"),
            EventKind::Pause => format!("{n}: paused (alive but not processing)"),
            EventKind::Resume => format!("{n}: resumed and catches up"),
            EventKind::PartitionStart { index } => format!("network: partition {index} starts"),
            EventKind::PartitionEnd { index } => format!("network: partition {index} heals"),
            EventKind::ClockSet {
                offset_us,
                drift_ppm,
            } => {
                let off = match offset_us.signum() {
                    0 => "right".to_string(),
                    1 => format!("{} ahead", crate::time::fmt_us(offset_us.unsigned_abs())),
                    _ => format!("{} behind", crate::time::fmt_us(offset_us.unsigned_abs())),
                };
                let drift = match drift_ppm {
                    0 => String::new(),
                    d => format!(", drifting {d} ppm"),
                };
                format!("{n}: wall clock set {off}{drift}")
            }
            EventKind::Send { .. }
            | EventKind::Deliver { .. }
            | EventKind::Drop { .. }
            | EventKind::Duplicate { .. }
            | EventKind::Hold { .. }
            | EventKind::Release { .. }
            | EventKind::Delay { .. } => String::new(),
            EventKind::Violation {
                name,
                detail,
                expected,
            } => {
                let tag = if *expected {
                    "expected with this strategy"
                } else {
                    "VIOLATION"
                };
                format!("check {name} ({tag}): {detail}")
            }
        }
    }

    /// Summaries of message events (sends, deliveries and the network's doings).
    fn message_summary(&self) -> Option<String> {
        let n = self.node;
        Some(match &self.kind {
            EventKind::Send {
                to,
                payload,
                attempt,
                ..
            } => {
                let again = if *attempt > 1 {
                    format!(" (attempt {attempt})")
                } else {
                    String::new()
                };
                format!("{n}: sent {payload} to {to}{again}")
            }
            EventKind::Deliver { from, payload, .. } => {
                format!("{n}: received {payload} from {from}")
            }
            EventKind::Drop {
                from,
                to,
                reason,
                payload,
                ..
            } => {
                format!(
                    "network: {payload} from {from} to {to} was lost ({})",
                    reason.words()
                )
            }
            EventKind::Duplicate { msg, copy } => {
                format!("network: {msg} was duplicated (the copy is {copy})")
            }
            EventKind::Hold { msg, partition } => {
                format!("network: {msg} to {n} is held by partition {partition} until it heals")
            }
            EventKind::Release { msg } => {
                format!("network: {msg} to {n} is released, the partition healed")
            }
            EventKind::Delay { msg, extra_us } => {
                format!("network: {msg} to {n} is delayed by {}", fmt_us(*extra_us))
            }
            _ => return None,
        })
    }
}
