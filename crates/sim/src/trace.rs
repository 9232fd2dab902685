//! The event log of a run: what happened, where, when, with which clocks. Its JSON form is stable.

use crate::id::{MsgId, NodeId, NODE_COUNT};
use crate::order_flow::{Effect, Payload};
use serde::Serialize;
use std::io;

/// Why a message never reached its receiver.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DropReason {
    /// A partition cut the link (at send time or while the message was on the wire).
    Partition,
    /// The link lost it (the link's loss probability).
    Loss,
    /// The receiver was crashed when the message arrived (or crashed while it sat in its queue).
    ReceiverDown,
    /// Dropped on purpose by a message fault (from the scenario or the UI).
    Injected,
}

impl DropReason {
    pub fn words(self) -> &'static str {
        match self {
            DropReason::Partition => "partition",
            DropReason::Loss => "lost on the link",
            DropReason::ReceiverDown => "receiver down",
            DropReason::Injected => "dropped by a fault",
        }
    }
}

/// What an event was.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// `node` sent a message.
    Send {
        msg: MsgId,
        to: NodeId,
        payload: Payload,
        attempt: u32,
    },
    /// The message reached `node` and was handled.
    Deliver {
        msg: MsgId,
        from: NodeId,
        payload: Payload,
    },
    /// The network dropped a message (event `node` is the intended receiver).
    Drop {
        msg: MsgId,
        from: NodeId,
        to: NodeId,
        reason: DropReason,
        payload: Payload,
    },
    /// The network made a second copy `copy` of `msg`.
    Duplicate {
        msg: MsgId,
        copy: MsgId,
    },
    /// A partition in hold mode keeps the message until it heals.
    Hold {
        msg: MsgId,
        partition: usize,
    },
    /// A held message is let go when its partition heals.
    Release {
        msg: MsgId,
    },
    /// A message fault delayed the message by `extra_us`.
    Delay {
        msg: MsgId,
        extra_us: u64,
    },
    /// `node` stopped waiting for the reply to `msg`.
    Timeout {
        msg: MsgId,
        order: u32,
        peer: NodeId,
        attempt: u32,
    },
    /// `node` will try again after `backoff_us`.
    Retry {
        order: u32,
        peer: NodeId,
        attempt: u32,
        backoff_us: u64,
    },
    /// `node` stopped retrying.
    GiveUp {
        order: u32,
        peer: NodeId,
        attempts: u32,
    },
    /// The reconciler asks `peer` again about an order whose outcome is unknown.
    Reconcile {
        order: u32,
        peer: NodeId,
        round: u32,
    },
    /// A change to the node's own state.
    Effect(Effect),
    Crash,
    Restart,
    Pause,
    Resume,
    /// The partition `faults[index]` starts.
    PartitionStart {
        index: usize,
    },
    /// The partition `faults[index]` heals.
    PartitionEnd {
        index: usize,
    },
    /// The node's wall clock is set off from real time.
    ClockSet {
        offset_us: i64,
        drift_ppm: i64,
    },
    /// An invariant check failed; `expected` when the scenario's strategy knowingly allows it.
    Violation {
        name: String,
        detail: String,
        expected: bool,
    },
}

/// One event of the total order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TraceEvent {
    /// Position in the total order, from 0; equal to the index in [`Trace::events`].
    pub seq: u64,
    /// Real (virtual) time in µs.
    pub time_us: u64,
    pub node: NodeId,
    /// The node's own wall clock, which skew and drift can put off real time.
    pub wall_us: i64,
    pub lamport: u64,
    pub vclock: [u64; NODE_COUNT],
    pub kind: EventKind,
}

/// The events of a run, in total order.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Trace {
    pub events: Vec<TraceEvent>,
}

impl Trace {
    /// The stable JSON form (see `docs/trace.md`).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// FNV-1a-64 over the bytes of [`Trace::to_json`], computed without building the string.
    pub fn hash(&self) -> u64 {
        let mut h = Fnv(FNV_OFFSET);
        // Writing to a hasher cannot fail, and the derived Serialize has no fallible parts.
        let _ = serde_json::to_writer(&mut h, self);
        h.0
    }

    /// The event with this seq, if any.
    pub fn get(&self, seq: u64) -> Option<&TraceEvent> {
        match self.events.get(seq as usize) {
            Some(e) if e.seq == seq => Some(e),
            _ => self
                .events
                .binary_search_by_key(&seq, |e| e.seq)
                .ok()
                .and_then(|i| self.events.get(i)),
        }
    }
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// FNV-1a-64 as an `io::Write` sink.
pub(crate) struct Fnv(pub u64);

impl io::Write for Fnv {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        for b in buf {
            self.0 ^= *b as u64;
            self.0 = self.0.wrapping_mul(FNV_PRIME);
        }
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// FNV-1a-64 of a byte string.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h = Fnv(FNV_OFFSET);
    let _ = io::Write::write(&mut h, bytes);
    h.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_known_values() {
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn hash_matches_json_bytes() {
        let t = Trace {
            events: vec![TraceEvent {
                seq: 0,
                time_us: 5,
                node: NodeId::WEB,
                wall_us: 5,
                lamport: 1,
                vclock: [0, 1, 0, 0],
                kind: EventKind::Crash,
            }],
        };
        assert_eq!(t.hash(), fnv1a64(t.to_json().as_bytes()));
        assert!(t.to_json().contains("\"node\":\"web\""));
    }
}
