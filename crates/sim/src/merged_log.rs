//! The nodes' logs merged into one, ordered by the nodes' own wall clocks, by Lamport clocks or by
//! real time; and, for each line, a cause of it that the order puts after it. Merging by skewed
//! wall clocks can list an effect before its cause; Lamport clocks never do.

use crate::clock::{at_a_node, happens_before};
use crate::sort::sort_stable_by_key;
use crate::trace::{Trace, TraceEvent};

/// How the merged log is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogOrder {
    /// By each line's timestamp from its own node's wall clock, as a merge of the log files does.
    WallClock,
    /// By Lamport clock: consistent with cause and effect.
    Lamport,
    /// By real time, which no node can read.
    RealTime,
}

/// One line of the merged log: an event at a node, and the nearest of its causes listed after it,
/// if any.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LogLine<'a> {
    pub event: &'a TraceEvent,
    pub cause_listed_later: Option<&'a TraceEvent>,
}

/// The last `max` events at a node up to `until_us`, in `order`.
pub fn merged_log(trace: &Trace, until_us: u64, order: LogOrder, max: usize) -> Vec<LogLine<'_>> {
    // Events come in time order: find now, then walk back for the last few (a live run asks
    // several times a second, over up to a hundred thousand events).
    let end = trace.events.partition_point(|e| e.time_us <= until_us);
    let mut events: Vec<&TraceEvent> = trace.events[..end]
        .iter()
        .rev()
        .filter(|e| at_a_node(&e.kind))
        .take(max)
        .collect();
    events.reverse();
    let node = |e: &TraceEvent| e.node.index() as u64;
    match order {
        // Flipping the sign bit orders an i64 as a u64.
        LogOrder::WallClock => {
            sort_stable_by_key(&mut events, |e| ((e.wall_us as u64) ^ (1 << 63), node(e)))
        }
        LogOrder::Lamport => sort_stable_by_key(&mut events, |e| (e.lamport, node(e))),
        LogOrder::RealTime => {}
    }
    (0..events.len())
        .map(|i| LogLine {
            event: events[i],
            // Of its causes listed later, the nearest: the one that happened last.
            cause_listed_later: events[i + 1..]
                .iter()
                .filter(|later| happens_before(later, events[i]))
                .max_by_key(|c| c.seq)
                .copied(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{example, Run};

    fn log_of(id: &str, order: LogOrder) -> (Run, Vec<(u64, Option<u64>)>) {
        let mut run = Run::new(&example(id).unwrap()).unwrap();
        run.run_to_end();
        let lines = merged_log(run.trace(), u64::MAX, order, 1000)
            .iter()
            .map(|l| (l.event.seq, l.cause_listed_later.map(|c| c.seq)))
            .collect();
        (run, lines)
    }

    #[test]
    fn skewed_wall_clocks_list_an_effect_before_its_cause() {
        let (run, by_wall) = log_of("clock-skew", LogOrder::WallClock);
        let early: Vec<_> = by_wall
            .iter()
            .filter(|(_, cause)| cause.is_some())
            .collect();
        assert!(
            !early.is_empty(),
            "inventory's slow clock puts some line before its cause"
        );
        let t = run.trace();
        for (seq, cause) in early {
            let (e, c) = (t.get(*seq).unwrap(), t.get(cause.unwrap()).unwrap());
            assert!(
                happens_before(c, e) && e.wall_us < c.wall_us,
                "{e:?} / {c:?}"
            );
        }
    }

    #[test]
    fn lamport_order_and_real_time_never_do() {
        for order in [LogOrder::Lamport, LogOrder::RealTime] {
            for id in [
                "clock-skew",
                "partition-after-charge",
                "billing-crash-restart",
            ] {
                let (_, lines) = log_of(id, order);
                assert!(lines.len() > 5);
                assert!(
                    lines.iter().all(|(_, c)| c.is_none()),
                    "{id} {order:?}: {lines:?}"
                );
            }
        }
    }

    #[test]
    fn the_same_events_in_every_order_and_only_the_last_few() {
        let (_, real) = log_of("clock-skew", LogOrder::RealTime);
        let mut seqs: Vec<_> = real.iter().map(|l| l.0).collect();
        assert!(seqs.windows(2).all(|w| w[0] < w[1]));
        for order in [LogOrder::WallClock, LogOrder::Lamport] {
            let mut other: Vec<_> = log_of("clock-skew", order).1.iter().map(|l| l.0).collect();
            other.sort_unstable();
            assert_eq!(other, seqs);
        }
        let mut run = Run::new(&example("clock-skew").unwrap()).unwrap();
        run.run_to_end();
        let last = merged_log(run.trace(), u64::MAX, LogOrder::Lamport, 3);
        seqs.drain(..seqs.len() - 3);
        let mut got: Vec<_> = last.iter().map(|l| l.event.seq).collect();
        got.sort_unstable();
        assert_eq!(got, seqs);
    }
}
