//! The discrete-event engine: a queue in (time, seq) order, nodes run as state machines, commands applied as data.

mod faults;
mod node;
mod send;

pub use node::{Cmd, Ctx, Envelope, Node, NodeStatus};

use crate::clock::{NodeClock, VClock};
use crate::fault::{Cuts, Schedule};
use crate::id::{MsgId, NodeId, NODE_COUNT};
use crate::net::Net;
use crate::order_flow::Payload;
use crate::queue::{Due, Queue};
use crate::rng::SimRng;
use crate::trace::{EventKind, TraceEvent};
use std::collections::{BTreeMap, BTreeSet};

/// Request flags, per message id: the request reached the receiver's host.
pub const ARRIVED: u8 = 1;
/// The receiver's handler ran on it.
pub const PROCESSED: u8 = 2;
/// The receiver sent a reply to it.
pub const REPLY_SENT: u8 = 4;
/// A reply to it reached the caller.
pub const REPLY_BACK: u8 = 8;

/// Where a message copy is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FlightState {
    /// On the wire, due at `arrive_us`.
    Wire,
    /// Kept by the partition with this fault index.
    Held(usize),
    /// Arrived at a paused node; waits in its queue.
    Queued,
}

/// A message copy that has been sent and has no fate yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flight {
    pub from: NodeId,
    pub to: NodeId,
    pub origin: MsgId,
    pub payload: Payload,
    pub attempt: u32,
    pub sent_us: u64,
    pub arrive_us: u64,
    pub vc: VClock,
    pub lamport: u64,
    pub gen: u32,
    pub state: FlightState,
    /// This message's own random stream (latency on release, its copy's fate).
    pub rng: SimRng,
}

/// Message counters for the conservation check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    pub sent: u64,
    pub delivered: u64,
    pub dropped: u64,
}

/// How an event's clocks are set.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Stamp {
    Tick,
    Merge(VClock, u64),
    Copy(VClock, u64),
    Outside,
}

/// The whole mutable state of a simulation (cheap enough to clone for checkpoints).
#[derive(Debug, Clone)]
pub struct Engine<N: Node> {
    pub(crate) nodes: Vec<N>,
    pub(crate) status: [NodeStatus; NODE_COUNT],
    pub(crate) seed: u64,
    /// Each message's key ([`crate::rng::key`]), by id: what it is, not when it was sent.
    pub(crate) keys: Vec<u64>,
    pub(crate) net: Net,
    pub(crate) queue: Queue<N::Timer>,
    pub(crate) seq: u64,
    pub(crate) next_msg: u64,
    pub(crate) next_timer: u64,
    pub(crate) now_us: u64,
    pub(crate) last_event_us: u64,
    pub(crate) last_fault: Option<(u64, u64)>,
    pub(crate) sched_pos: usize,
    pub(crate) flights: BTreeMap<MsgId, Flight>,
    pub(crate) req: Vec<u8>,
    pub(crate) timers: BTreeSet<(NodeId, u64)>,
    pub(crate) inbox: [Vec<Due<N::Timer>>; NODE_COUNT],
    pub(crate) clocks: [NodeClock; NODE_COUNT],
    pub(crate) active: Vec<usize>,
    pub(crate) cuts: Cuts,
    pub(crate) counts: Counts,
    cmds: Vec<Cmd<N::Timer>>,
}

impl<N: Node> Engine<N> {
    /// An engine at time 0 with these nodes (one per [`NodeId`], in order).
    pub fn new(nodes: Vec<N>, net: Net, seed: u64) -> Engine<N> {
        Engine {
            nodes,
            status: [NodeStatus::Up; NODE_COUNT],
            seed,
            keys: vec![0],
            net,
            queue: Queue::default(),
            seq: 0,
            next_msg: 1,
            next_timer: 1,
            now_us: 0,
            last_event_us: 0,
            last_fault: None,
            sched_pos: 0,
            flights: BTreeMap::new(),
            req: vec![0],
            timers: BTreeSet::new(),
            inbox: Default::default(),
            clocks: [NodeClock::default(); NODE_COUNT],
            active: Vec::new(),
            cuts: [[None; NODE_COUNT]; NODE_COUNT],
            counts: Counts::default(),
            cmds: Vec::new(),
        }
    }

    /// Runs every node's start handler (time 0).
    pub fn start(&mut self, sched: &Schedule, sink: &mut Vec<TraceEvent>) {
        for n in NodeId::ALL {
            self.call(n, sched, sink, |node, ctx| node.on_start(ctx));
        }
    }

    pub fn now_us(&self) -> u64 {
        self.now_us
    }

    /// Time of the last traced event.
    pub fn last_event_us(&self) -> u64 {
        self.last_event_us
    }

    pub fn nodes(&self) -> &[N] {
        &self.nodes
    }

    pub fn status(&self, n: NodeId) -> NodeStatus {
        self.status
            .get(n.index())
            .copied()
            .unwrap_or(NodeStatus::Crashed)
    }

    pub fn counts(&self) -> Counts {
        self.counts
    }

    /// Message copies with no fate yet (on the wire, held, or queued at a paused node), by id.
    pub fn flights(&self) -> &BTreeMap<MsgId, Flight> {
        &self.flights
    }

    /// Request flags ([`ARRIVED`], …) of a message id.
    pub fn req_flags(&self, msg: MsgId) -> u8 {
        self.req.get(msg.0 as usize).copied().unwrap_or(0)
    }

    /// Fault indices of the partitions active now.
    pub fn active_partitions(&self) -> &[usize] {
        &self.active
    }

    /// Next message id to be handed out.
    pub fn next_msg_id(&self) -> MsgId {
        MsgId(self.next_msg)
    }

    /// Trace seq the next event will get.
    pub fn next_seq(&self) -> u64 {
        self.seq
    }

    /// After the schedule changed (a fault was added), find our place in it again.
    pub fn resync(&mut self, sched: &Schedule) {
        self.sched_pos = sched.position_after(self.last_fault);
    }

    /// Time of the next thing due, if anything is.
    pub fn next_time(&self, sched: &Schedule) -> Option<u64> {
        let f = sched.timeline.get(self.sched_pos).map(|t| t.time_us);
        match (self.queue.peek_time(), f) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// Processes the next due entry. Returns false when nothing is left.
    pub fn step(&mut self, sched: &Schedule, sink: &mut Vec<TraceEvent>) -> bool {
        let fault = sched.timeline.get(self.sched_pos).copied();
        let take_fault = match (self.queue.peek_time(), fault) {
            (None, None) => return false,
            (Some(_), None) => false,
            (None, Some(_)) => true,
            // Runtime entries come before faults due at the same time.
            (Some(q), Some(f)) => f.time_us < q,
        };
        if let (true, Some(f)) = (take_fault, fault) {
            self.sched_pos += 1;
            self.last_fault = Some((f.time_us, f.seq));
            self.now_us = self.now_us.max(f.time_us);
            self.apply_fault(f.action, sched, sink);
        } else if let Some(e) = self.queue.pop() {
            self.now_us = self.now_us.max(e.time_us);
            self.handle(e.due, sched, sink);
        }
        true
    }

    fn handle(&mut self, due: Due<N::Timer>, sched: &Schedule, sink: &mut Vec<TraceEvent>) {
        match due {
            Due::Arrive { msg, gen } => self.arrive(msg, gen, sched, sink),
            Due::Timer { node, id, tag } => {
                if self.status(node) == NodeStatus::Paused {
                    self.inbox[node.index()].push(Due::Timer { node, id, tag });
                } else if self.timers.remove(&(node, id)) {
                    self.call(node, sched, sink, |n, ctx| n.on_timer(ctx, &tag));
                }
            }
        }
    }

    /// Appends an event at `node` and returns its seq.
    pub(crate) fn emit(
        &mut self,
        sink: &mut Vec<TraceEvent>,
        node: NodeId,
        kind: EventKind,
        stamp: Stamp,
    ) -> u64 {
        let i = node.index() % NODE_COUNT;
        let (lamport, vclock) = match stamp {
            Stamp::Tick => {
                self.clocks[i].tick(i);
                (self.clocks[i].lamport, self.clocks[i].vc)
            }
            Stamp::Merge(vc, l) => {
                self.clocks[i].merge(i, &vc, l);
                (self.clocks[i].lamport, self.clocks[i].vc)
            }
            Stamp::Copy(vc, l) => (l, vc),
            Stamp::Outside => (0, [0; NODE_COUNT]),
        };
        let seq = self.seq;
        self.seq += 1;
        let wall_us = self.clocks[i].wall(self.now_us);
        self.last_event_us = self.now_us;
        sink.push(TraceEvent {
            seq,
            time_us: self.now_us,
            node,
            wall_us,
            lamport,
            vclock,
            kind,
        });
        seq
    }

    /// Runs a handler of `node` and carries out the commands it wrote.
    pub(crate) fn call<F>(
        &mut self,
        node: NodeId,
        sched: &Schedule,
        sink: &mut Vec<TraceEvent>,
        f: F,
    ) where
        F: FnOnce(&mut N, &mut Ctx<'_, N::Timer>),
    {
        let mut cmds = std::mem::take(&mut self.cmds);
        if let Some(n) = self.nodes.get_mut(node.index()) {
            let mut ctx = Ctx {
                now_us: self.now_us,
                me: node,
                seed: self.seed,
                cmds: &mut cmds,
                next_msg: &mut self.next_msg,
                next_timer: &mut self.next_timer,
            };
            f(n, &mut ctx);
        }
        for cmd in cmds.drain(..) {
            match cmd {
                Cmd::Send {
                    id,
                    to,
                    payload,
                    attempt,
                } => self.send(node, id, to, payload, attempt, sched, sink),
                Cmd::SetTimer { id, after_us, tag } => {
                    self.timers.insert((node, id));
                    self.queue
                        .push(self.now_us + after_us.max(1), Due::Timer { node, id, tag });
                }
                Cmd::CancelTimer { id } => {
                    self.timers.remove(&(node, id));
                }
                Cmd::Trace(kind) => {
                    self.emit(sink, node, kind, Stamp::Tick);
                }
            }
        }
        self.cmds = cmds;
    }
}
