//! The trace as a ShiViz log: one entry per event at a node, with its vector clock as `{"web":2,…}`.
//!
//! The file starts with ShiViz's parser regular expression (ShiViz's documented default) and an
//! empty line (no multiple-execution delimiter), then two lines per event:
//!
//! ```text
//! 1 ms · sent PlaceOrder #1 to web
//! client {"client":1}
//! ```
//!
//! ShiViz needs each host's own clock entry to count 1, 2, 3… over that host's events, so only the
//! events that tick a node's clock are logged; the network's doings (drops, holds, duplicates) are
//! told in the send's description instead, and partitions and invariant checks are left out.

use std::fmt::Write;

use faultline_sim::time::fmt_us;
use faultline_sim::{EventKind, Fate, MessageSpan, Trace, TraceEvent, NODE_NAMES};

/// ShiViz's default parser: the description line, then `host {clock}`.
pub const SHIVIZ_REGEX: &str = r"(?<event>.*)\n(?<host>\S*) (?<clock>{.*})";
/// Most events written (a prefix of the trace, so every clock still refers to logged events).
pub const MAX_EVENTS: usize = 50_000;

/// Whether an event happened at a node and ticked its clocks (see `crates/sim/docs/trace.md`).
pub fn is_logged(kind: &EventKind) -> bool {
    !matches!(
        kind,
        EventKind::Drop { .. }
            | EventKind::Duplicate { .. }
            | EventKind::Hold { .. }
            | EventKind::Release { .. }
            | EventKind::Delay { .. }
            | EventKind::PartitionStart { .. }
            | EventKind::PartitionEnd { .. }
            | EventKind::Violation { .. }
    )
}

/// The ShiViz file for `trace`.
pub fn shiviz(trace: &Trace) -> String {
    let spans = trace.messages();
    let sent = super::mermaid::by_send_seq(trace, &spans);
    let mut out = String::with_capacity(trace.events.len() * 80);
    out.push_str(SHIVIZ_REGEX);
    out.push_str("\n\n");
    for e in trace
        .events
        .iter()
        .filter(|e| is_logged(&e.kind))
        .take(MAX_EVENTS)
    {
        let _ = writeln!(
            out,
            "{}",
            describe(
                e,
                sent.get(e.seq as usize)
                    .copied()
                    .flatten()
                    .map(|i| &spans[i])
            )
        );
        let _ = writeln!(out, "{} {}", e.node.name(), clock_json(&e.vclock));
    }
    out
}

/// `{"client":1,"web":2}`: nodes in lifeline order, zero entries left out.
pub fn clock_json(vc: &[u64]) -> String {
    let parts: Vec<String> = NODE_NAMES
        .iter()
        .zip(vc)
        .filter(|(_, c)| **c > 0)
        .map(|(n, c)| format!("\"{n}\":{c}"))
        .collect();
    format!("{{{}}}", parts.join(","))
}

/// One line: the time, the event in words and, for a send, what became of the message.
fn describe(e: &TraceEvent, span: Option<&MessageSpan>) -> String {
    let summary = e.summary();
    let node = e.node.name();
    let text = summary
        .strip_prefix(&format!("{node}: "))
        .unwrap_or(&summary);
    let fate = match span.map(|s| s.fate) {
        Some(Fate::Dropped(reason)) => format!(" → lost ({})", reason.words()),
        Some(Fate::InFlight) => " → still in flight at the end".to_string(),
        Some(Fate::Held) => " → held by a partition at the end".to_string(),
        Some(Fate::Delivered) | None => String::new(),
    };
    let line = format!("{} · {text}{fate}", fmt_us(e.time_us));
    line.replace(['\n', '\r'], " ")
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
