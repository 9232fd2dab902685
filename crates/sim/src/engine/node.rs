//! The node interface: handlers that read a message or timer and write commands as data.

use crate::id::{MsgId, NodeId};
use crate::order_flow::{Effect, Payload};
use crate::rng::{key, SimRng};
use crate::trace::EventKind;
use serde::{Deserialize, Serialize};

/// Whether a node is running.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NodeStatus {
    Up,
    /// Down; its volatile state is gone; messages to it are dropped.
    Crashed,
    /// Alive but not processing; messages and timers wait until it resumes.
    Paused,
}

impl NodeStatus {
    pub fn word(self) -> &'static str {
        match self {
            NodeStatus::Up => "up",
            NodeStatus::Crashed => "crashed",
            NodeStatus::Paused => "paused",
        }
    }
}

/// A message as handed to its receiver.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Envelope {
    /// This copy's id.
    pub msg: MsgId,
    /// The id the sender gave it (differs from `msg` for a duplicate).
    pub origin: MsgId,
    pub from: NodeId,
    pub payload: Payload,
    pub attempt: u32,
}

/// A command written by a handler; the engine carries it out after the handler returns.
#[derive(Debug, Clone, PartialEq)]
pub enum Cmd<T> {
    Send {
        id: MsgId,
        to: NodeId,
        payload: Payload,
        attempt: u32,
    },
    SetTimer {
        id: u64,
        after_us: u64,
        tag: T,
    },
    CancelTimer {
        id: u64,
    },
    /// Record an event at this node (effects, timeouts, retries…).
    Trace(EventKind),
}

/// What a handler may see and do.
pub struct Ctx<'a, T> {
    pub(crate) now_us: u64,
    pub(crate) me: NodeId,
    pub(crate) seed: u64,
    pub(crate) cmds: &'a mut Vec<Cmd<T>>,
    pub(crate) next_msg: &'a mut u64,
    pub(crate) next_timer: &'a mut u64,
}

impl<T> Ctx<'_, T> {
    pub fn now_us(&self) -> u64 {
        self.now_us
    }

    pub fn me(&self) -> NodeId {
        self.me
    }

    /// The random stream of the thing named by `parts` (say, this node's third retry of an order):
    /// the same parts give the same draws, whatever else happened in the run.
    pub fn rng_for(&self, parts: &[u64]) -> SimRng {
        SimRng::keyed(self.seed, key(parts))
    }

    /// Sends a message; returns the id it will carry.
    pub fn send(&mut self, to: NodeId, payload: Payload, attempt: u32) -> MsgId {
        let id = MsgId(*self.next_msg);
        *self.next_msg += 1;
        self.cmds.push(Cmd::Send {
            id,
            to,
            payload,
            attempt,
        });
        id
    }

    /// Sets a timer that fires after `after_us` (at least 1 µs); returns its id.
    pub fn set_timer(&mut self, after_us: u64, tag: T) -> u64 {
        let id = *self.next_timer;
        *self.next_timer += 1;
        self.cmds.push(Cmd::SetTimer {
            id,
            after_us: after_us.max(1),
            tag,
        });
        id
    }

    pub fn cancel_timer(&mut self, id: u64) {
        self.cmds.push(Cmd::CancelTimer { id });
    }

    pub fn effect(&mut self, e: Effect) {
        self.cmds.push(Cmd::Trace(EventKind::Effect(e)));
    }

    pub fn note(&mut self, kind: EventKind) {
        self.cmds.push(Cmd::Trace(kind));
    }
}

/// A state machine the engine can run. Handlers never touch the network or the clock directly.
pub trait Node: Clone {
    type Timer: Clone + std::fmt::Debug + PartialEq;

    fn on_start(&mut self, _ctx: &mut Ctx<'_, Self::Timer>) {}
    fn on_message(&mut self, ctx: &mut Ctx<'_, Self::Timer>, env: &Envelope);
    fn on_timer(&mut self, ctx: &mut Ctx<'_, Self::Timer>, tag: &Self::Timer);
    /// Forget volatile state (durable state survives).
    fn on_crash(&mut self) {}
    fn on_restart(&mut self, _ctx: &mut Ctx<'_, Self::Timer>) {}
}
