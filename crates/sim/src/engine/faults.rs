//! Carrying out timed faults: partitions start and heal, nodes crash, restart, pause, resume, clocks skew.

use super::{Engine, FlightState, Node, NodeStatus, Stamp};
use crate::fault::{compute_cuts, FaultAction, MessageAction, Schedule};
use crate::id::NodeId;
use crate::queue::Due;
use crate::trace::{DropReason, EventKind, TraceEvent};

impl<N: Node> Engine<N> {
    pub(crate) fn apply_fault(
        &mut self,
        action: FaultAction,
        sched: &Schedule,
        sink: &mut Vec<TraceEvent>,
    ) {
        match action {
            FaultAction::PartitionStart(i) => self.partition(i, true, sched, sink),
            FaultAction::PartitionEnd(i) => self.partition(i, false, sched, sink),
            FaultAction::Crash(n) => self.crash(n, sink),
            FaultAction::Restart(n) => {
                if self.status(n) == NodeStatus::Crashed {
                    self.status[n.index()] = NodeStatus::Up;
                    self.emit(sink, n, EventKind::Restart, Stamp::Tick);
                    self.call(n, sched, sink, |node, ctx| node.on_restart(ctx));
                }
            }
            FaultAction::Pause(n) => {
                if self.status(n) == NodeStatus::Up {
                    self.status[n.index()] = NodeStatus::Paused;
                    self.emit(sink, n, EventKind::Pause, Stamp::Tick);
                }
            }
            FaultAction::Resume(n) => self.resume(n, sched, sink),
            FaultAction::Skew {
                node,
                offset_us,
                drift_ppm,
            } => {
                let c = &mut self.clocks[node.index()];
                c.offset_us = offset_us;
                c.drift_ppm = drift_ppm;
                c.skew_since_us = self.now_us;
                self.emit(
                    sink,
                    node,
                    EventKind::ClockSet {
                        offset_us,
                        drift_ppm,
                    },
                    Stamp::Tick,
                );
            }
            FaultAction::Message { msg, action } => self.message_fault(msg, action, sink),
        }
    }

    fn partition(&mut self, i: usize, start: bool, sched: &Schedule, sink: &mut Vec<TraceEvent>) {
        let was = self.active.contains(&i);
        if start == was {
            return;
        }
        if start {
            // Kept sorted by inserting in place (no sort code for this one vector).
            let at = self.active.partition_point(|x| *x < i);
            self.active.insert(at, i);
        } else {
            self.active.retain(|x| *x != i);
        }
        self.cuts = compute_cuts(&self.active, sched);
        let node = match sched.partitions.get(i) {
            Some(Some(p)) => p.a.first().copied().unwrap_or(NodeId::WEB),
            _ => NodeId::WEB,
        };
        if start {
            self.emit(
                sink,
                node,
                EventKind::PartitionStart { index: i },
                Stamp::Outside,
            );
        } else {
            self.emit(
                sink,
                node,
                EventKind::PartitionEnd { index: i },
                Stamp::Outside,
            );
            self.release(i, sink);
        }
    }

    fn crash(&mut self, n: NodeId, sink: &mut Vec<TraceEvent>) {
        if self.status(n) == NodeStatus::Crashed {
            return;
        }
        self.status[n.index()] = NodeStatus::Crashed;
        self.emit(sink, n, EventKind::Crash, Stamp::Tick);
        if let Some(node) = self.nodes.get_mut(n.index()) {
            node.on_crash();
        }
        self.timers.retain(|(x, _)| *x != n);
        let waiting = std::mem::take(&mut self.inbox[n.index()]);
        for due in waiting {
            if let Due::Arrive { msg, .. } = due {
                self.drop_msg(msg, DropReason::ReceiverDown, sink);
            }
        }
    }

    fn resume(&mut self, n: NodeId, sched: &Schedule, sink: &mut Vec<TraceEvent>) {
        if self.status(n) != NodeStatus::Paused {
            return;
        }
        self.status[n.index()] = NodeStatus::Up;
        self.emit(sink, n, EventKind::Resume, Stamp::Tick);
        let waiting = std::mem::take(&mut self.inbox[n.index()]);
        for due in waiting {
            match due {
                Due::Arrive { msg, .. } => {
                    if self
                        .flights
                        .get(&msg)
                        .is_some_and(|f| f.state == FlightState::Queued)
                    {
                        self.deliver(msg, sched, sink);
                    }
                }
                Due::Timer { node, id, tag } => {
                    if self.timers.remove(&(node, id)) {
                        self.call(node, sched, sink, |x, ctx| x.on_timer(ctx, &tag));
                    }
                }
            }
        }
    }

    fn message_fault(
        &mut self,
        msg: crate::id::MsgId,
        action: MessageAction,
        sink: &mut Vec<TraceEvent>,
    ) {
        let Some(f) = self.flights.get(&msg) else {
            return;
        };
        let on_wire = f.state == FlightState::Wire;
        match action {
            MessageAction::Drop => self.drop_msg(msg, DropReason::Injected, sink),
            MessageAction::Duplicate if on_wire => self.duplicate(msg, sink),
            MessageAction::Delay { extra_us } if on_wire => {
                let at = f.arrive_us.saturating_add(extra_us);
                let (to, vc, l) = (f.to, f.vc, f.lamport);
                if let Some(f) = self.flights.get_mut(&msg) {
                    f.gen += 1;
                }
                self.launch(msg, at);
                self.emit(
                    sink,
                    to,
                    EventKind::Delay { msg, extra_us },
                    Stamp::Copy(vc, l),
                );
            }
            _ => {}
        }
    }
}
