//! The run as a Mermaid `sequenceDiagram`: one arrow per message copy, notes for everything else.
//!
//! Arrows: `->>` delivered, `-x` dropped, `-)` still in flight or held when the run ended. Each
//! arrow stands at its send; notes (timeouts, retries, effects, crashes, partitions, violations)
//! stand where they happened in the trace's total order.

use std::fmt::Write;

use faultline_sim::time::fmt_us;
use faultline_sim::{EventKind, Fate, MessageSpan, Trace, TraceEvent, NODE_NAMES};

/// Most arrows and notes written; a longer run ends with a note saying how much was left out.
pub const MAX_LINES: usize = 2_000;

/// The Mermaid text for `trace`, titled `title`.
pub fn mermaid(trace: &Trace, title: &str) -> String {
    let spans = trace.messages();
    let originals = by_send_seq(trace, &spans);
    let mut out = String::from("sequenceDiagram\n");
    if !title.trim().is_empty() {
        let _ = writeln!(out, "    title {}", clean(title));
    }
    for name in NODE_NAMES {
        let _ = writeln!(out, "    participant {name}");
    }
    let mut written = 0usize;
    for (i, e) in trace.events.iter().enumerate() {
        let line = match &e.kind {
            EventKind::Send { .. } => originals
                .get(e.seq as usize)
                .copied()
                .flatten()
                .map(|i| arrow(&spans[i])),
            EventKind::Duplicate { copy, .. } => spans
                .binary_search_by_key(copy, |s| s.id)
                .ok()
                .map(|i| arrow(&spans[i])),
            EventKind::Deliver { .. } | EventKind::Drop { .. } => None,
            _ => Some(note(e)),
        };
        let Some(line) = line else { continue };
        if written == MAX_LINES {
            let left = trace.events.len() - i;
            let _ = writeln!(
                out,
                "    Note over client,inventory: {left} more events are not shown"
            );
            break;
        }
        out.push_str("    ");
        out.push_str(&line);
        out.push('\n');
        written += 1;
    }
    out
}

/// For each event seq, the index in `spans` of the original message it sent (spans are in id order).
pub fn by_send_seq(trace: &Trace, spans: &[MessageSpan]) -> Vec<Option<usize>> {
    let mut index = vec![None; trace.events.len()];
    for (i, s) in spans.iter().enumerate() {
        if s.copy_of.is_none() {
            if let Some(slot) = index.get_mut(s.send_seq as usize) {
                *slot = Some(i);
            }
        }
    }
    index
}

fn arrow(s: &MessageSpan) -> String {
    let (op, fate) = match s.fate {
        Fate::Delivered => ("->>", String::new()),
        Fate::Dropped(reason) => ("-x", format!(", lost: {}", reason.words())),
        Fate::InFlight => ("-)", ", still in flight at the end".to_string()),
        Fate::Held => ("-)", ", held by a partition at the end".to_string()),
    };
    let attempt = if s.attempt > 1 {
        format!(", try {}", s.attempt)
    } else {
        String::new()
    };
    let copy = if s.copy_of.is_some() {
        ", duplicate"
    } else {
        ""
    };
    let text = format!(
        "{} at {}{attempt}{copy}{fate}",
        s.payload,
        fmt_us(s.sent_us)
    );
    format!("{}{op}{}: {}", s.from, s.to, clean(&text))
}

fn note(e: &TraceEvent) -> String {
    let node = e.node.name();
    let summary = e.summary();
    let text = summary
        .strip_prefix(&format!("{node}: "))
        .unwrap_or(&summary);
    let text = format!("{} at {}", text, fmt_us(e.time_us));
    let over = match e.kind {
        EventKind::PartitionStart { .. } | EventKind::PartitionEnd { .. } => {
            "client,inventory".to_string()
        }
        _ => node.to_string(),
    };
    format!("Note over {over}: {}", clean(&text))
}

/// Text Mermaid shows as written: no statement breaks (`;`, newlines), entity codes (`#`), comments or tags.
fn clean(text: &str) -> String {
    let t: String = text
        .chars()
        .filter_map(|c| match c {
            ';' => Some(','),
            '#' => None,
            '\n' | '\r' | '\t' => Some(' '),
            '<' => Some('‹'),
            '>' => Some('›'),
            '%' => Some('％'),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect();
    let t = t.trim();
    if t.is_empty() {
        "…".to_string()
    } else {
        t.to_string()
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use faultline_sim::Run;
    use regex::Regex;

    fn run(id: &str) -> Trace {
        let mut run = Run::new(&faultline_sim::example(id).unwrap()).unwrap();
        run.run_to_end();
        run.trace().clone()
    }

    #[test]
    fn every_line_follows_the_sequence_diagram_grammar() {
        let node = "(client|web|billing|inventory)";
        let text = r"[^;#\n<>%]+";
        let grammar = Regex::new(&format!(
            r"^(sequenceDiagram|    title {text}|    participant {node}|    {node}(->>|-x|-\)){node}: {text}|    Note over {node}(,{node})?: {text})$"
        ))
        .unwrap();
        for scenario in faultline_sim::examples() {
            let trace = run(&scenario.id);
            let out = mermaid(&trace, "A \"title\"; with #6 <b>");
            assert!(out.starts_with("sequenceDiagram\n"), "{}", scenario.id);
            for line in out.lines() {
                assert!(grammar.is_match(line), "{}: bad line {line:?}", scenario.id);
            }
            let arrows = out
                .lines()
                .filter(|l| l.contains("->>") || l.contains("-x") || l.contains("-)"))
                .count();
            let copies = trace.messages().len();
            assert!(
                arrows == copies || out.contains("more events are not shown"),
                "{}",
                scenario.id
            );
        }
    }

    #[test]
    fn a_lost_message_is_a_crossed_arrow_and_timeouts_are_notes() {
        let out = mermaid(&run("partition-after-charge"), "");
        assert!(
            out.lines().any(|l| l.starts_with("    web-xinventory: ")),
            "{out}"
        );
        assert!(
            out.contains("Note over web: timed out waiting for inventory"),
            "{out}"
        );
        assert!(
            out.contains("Note over client,inventory: network: partition"),
            "{out}"
        );
    }
}
