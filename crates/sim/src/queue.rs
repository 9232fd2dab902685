//! The event queue: entries ordered by (time, seq), giving the run its total order.

use crate::id::{MsgId, NodeId};
use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// Something due at a time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Due<T> {
    /// A message copy reaches its receiver (ignored unless `gen` still matches the flight).
    Arrive { msg: MsgId, gen: u32 },
    /// A node's timer fires (ignored if it was cancelled or the node crashed since).
    Timer { node: NodeId, id: u64, tag: T },
}

/// A queue entry (faults do not use the queue: they live in [`crate::fault::Schedule`]).
#[derive(Debug, Clone)]
pub struct Entry<T> {
    pub time_us: u64,
    pub seq: u64,
    pub due: Due<T>,
}

impl<T> PartialEq for Entry<T> {
    fn eq(&self, o: &Self) -> bool {
        self.time_us == o.time_us && self.seq == o.seq
    }
}
impl<T> Eq for Entry<T> {}
impl<T> PartialOrd for Entry<T> {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}
impl<T> Ord for Entry<T> {
    /// Reversed, so the max-heap pops the earliest (time, seq) first.
    fn cmp(&self, o: &Self) -> Ordering {
        (o.time_us, o.seq).cmp(&(self.time_us, self.seq))
    }
}

/// A min-queue of entries with a monotonically increasing seq.
#[derive(Debug, Clone)]
pub struct Queue<T> {
    heap: BinaryHeap<Entry<T>>,
    next_seq: u64,
}

impl<T> Default for Queue<T> {
    fn default() -> Self {
        Queue {
            heap: BinaryHeap::new(),
            next_seq: 0,
        }
    }
}

impl<T> Queue<T> {
    pub fn push(&mut self, time_us: u64, due: Due<T>) {
        let seq = self.next_seq;
        self.next_seq += 1;
        self.heap.push(Entry { time_us, seq, due });
    }

    pub fn peek_time(&self) -> Option<u64> {
        self.heap.peek().map(|e| e.time_us)
    }

    pub fn pop(&mut self) -> Option<Entry<T>> {
        self.heap.pop()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pops_in_time_then_seq_order() {
        let mut q: Queue<u8> = Queue::default();
        q.push(
            5,
            Due::Timer {
                node: NodeId::WEB,
                id: 1,
                tag: 1,
            },
        );
        q.push(
            3,
            Due::Timer {
                node: NodeId::WEB,
                id: 2,
                tag: 2,
            },
        );
        q.push(
            5,
            Due::Timer {
                node: NodeId::WEB,
                id: 3,
                tag: 3,
            },
        );
        let order: Vec<u64> = std::iter::from_fn(|| q.pop())
            .map(|e| match e.due {
                Due::Timer { id, .. } => id,
                Due::Arrive { .. } => 0,
            })
            .collect();
        assert_eq!(order, vec![2, 1, 3]);
    }
}
