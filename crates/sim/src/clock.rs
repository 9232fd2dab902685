//! Clocks: Lamport and vector clocks per node, skewed wall clocks, and happens-before over a trace.

use crate::id::{MsgId, NODE_COUNT};
use crate::trace::{EventKind, Trace, TraceEvent};

/// A vector clock: one counter per node.
pub type VClock = [u64; NODE_COUNT];

/// A node's logical and wall clocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct NodeClock {
    pub lamport: u64,
    pub vc: VClock,
    pub offset_us: i64,
    pub drift_ppm: i64,
    pub skew_since_us: u64,
}

impl NodeClock {
    /// The node's wall clock at real time `t`.
    pub fn wall(&self, t: u64) -> i64 {
        if self.drift_ppm == 0 {
            return (t as i64).saturating_add(self.offset_us);
        }
        let since = t.saturating_sub(self.skew_since_us) as i128;
        let drift = since * self.drift_ppm as i128 / 1_000_000;
        let w = t as i128 + self.offset_us as i128 + drift;
        w.clamp(i64::MIN as i128, i64::MAX as i128) as i64
    }

    /// A local event: tick own entry.
    pub fn tick(&mut self, me: usize) {
        self.lamport += 1;
        if let Some(c) = self.vc.get_mut(me) {
            *c += 1;
        }
    }

    /// Receiving a message stamped `(vc, lamport)`.
    pub fn merge(&mut self, me: usize, vc: &VClock, lamport: u64) {
        self.lamport = self.lamport.max(lamport);
        for (a, b) in self.vc.iter_mut().zip(vc) {
            *a = (*a).max(*b);
        }
        self.tick(me);
    }
}

/// How an event relates to causality.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Happened at a node; its clock ticked.
    Node,
    /// The network acting on a message; carries the send's clock.
    Fate,
    /// Outside the nodes' causal history (partitions, checks).
    Outside,
}

/// True for an event that happened at a node, so that its clocks ticked (not the network acting
/// on a message, nor a partition or a check).
pub fn at_a_node(kind: &EventKind) -> bool {
    matches!(role(kind), Role::Node)
}

fn role(kind: &EventKind) -> Role {
    match kind {
        EventKind::Drop { .. }
        | EventKind::Duplicate { .. }
        | EventKind::Hold { .. }
        | EventKind::Release { .. }
        | EventKind::Delay { .. } => Role::Fate,
        EventKind::PartitionStart { .. }
        | EventKind::PartitionEnd { .. }
        | EventKind::Violation { .. } => Role::Outside,
        _ => Role::Node,
    }
}

fn fate_msgs(kind: &EventKind) -> [Option<MsgId>; 2] {
    match *kind {
        EventKind::Duplicate { msg, copy } => [Some(msg), Some(copy)],
        EventKind::Drop { msg, .. }
        | EventKind::Hold { msg, .. }
        | EventKind::Release { msg }
        | EventKind::Delay { msg, .. }
        | EventKind::Deliver { msg, .. } => [Some(msg), None],
        _ => [None, None],
    }
}

fn leq(a: &VClock, b: &VClock) -> bool {
    a.iter().zip(b).all(|(x, y)| x <= y)
}

/// Happens-before between two events (false if either is unknown or outside causality).
pub fn happens_before(a: &TraceEvent, b: &TraceEvent) -> bool {
    if a.seq == b.seq {
        return false;
    }
    match (role(&a.kind), role(&b.kind)) {
        (Role::Outside, _) | (_, Role::Outside) => false,
        (Role::Fate, _) => {
            let [m, c] = fate_msgs(&a.kind);
            let bm = fate_msgs(&b.kind)[0];
            a.seq < b.seq && bm.is_some() && (bm == m || bm == c)
        }
        (Role::Node, Role::Fate) => leq(&a.vclock, &b.vclock),
        (Role::Node, Role::Node) => leq(&a.vclock, &b.vclock) && a.vclock != b.vclock,
    }
}

impl Trace {
    /// True if event `a_seq` happens before `b_seq` (Lamport's relation, via vector clocks).
    pub fn happens_before(&self, a_seq: u64, b_seq: u64) -> bool {
        match (self.get(a_seq), self.get(b_seq)) {
            (Some(a), Some(b)) => happens_before(a, b),
            _ => false,
        }
    }

    /// Neither happens before the other (two distinct, known events).
    pub fn concurrent(&self, a: u64, b: u64) -> bool {
        a != b
            && self.get(a).is_some()
            && self.get(b).is_some()
            && !self.happens_before(a, b)
            && !self.happens_before(b, a)
    }

    /// Seqs of all events that happen before `seq`, in order.
    pub fn causal_past(&self, seq: u64) -> Vec<u64> {
        let Some(b) = self.get(seq) else {
            return Vec::new();
        };
        self.events
            .iter()
            .take_while(|e| e.seq < seq)
            .filter(|a| happens_before(a, b))
            .map(|a| a.seq)
            .collect()
    }

    /// Seqs of all events that `seq` happens before, in order.
    pub fn causal_future(&self, seq: u64) -> Vec<u64> {
        let Some(a) = self.get(seq) else {
            return Vec::new();
        };
        self.events
            .iter()
            .filter(|e| e.seq > seq)
            .filter(|b| happens_before(a, b))
            .map(|b| b.seq)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wall_clock_skew_and_drift() {
        let c = NodeClock {
            offset_us: -500,
            drift_ppm: 1_000,
            skew_since_us: 1_000,
            ..NodeClock::default()
        };
        assert_eq!(c.wall(1_000), 500);
        assert_eq!(c.wall(1_001_000), 1_001_000 - 500 + 1_000);
    }

    #[test]
    fn merge_takes_max_then_ticks() {
        let mut c = NodeClock::default();
        c.tick(1);
        c.merge(1, &[3, 0, 2, 0], 7);
        assert_eq!(c.vc, [3, 2, 2, 0]);
        assert_eq!(c.lamport, 8);
    }
}
