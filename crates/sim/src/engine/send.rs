//! The message path: send (with the network's verdict), arrival, delivery, drops, holds and releases.

use super::{Engine, Envelope, Flight, FlightState, Node, NodeStatus, Stamp};
use super::{ARRIVED, PROCESSED, REPLY_BACK, REPLY_SENT};
use crate::fault::{MessageAction, Mode, Schedule};
use crate::id::{MsgId, NodeId};
use crate::order_flow::Payload;
use crate::queue::Due;
use crate::rng::{key, SimRng};
use crate::trace::{DropReason, EventKind, TraceEvent};

/// Tells a network copy's key from its original's.
const COPY: u64 = 0xC0B1;

/// A number for a message's kind (its label: `Charge`, `Reserved`, `Confirmed`…).
fn kind_code(payload: &Payload) -> u64 {
    payload
        .label()
        .bytes()
        .fold(0, |h, b| h.wrapping_mul(257) ^ u64::from(b))
}

impl<N: Node> Engine<N> {
    fn flag(&mut self, msg: MsgId, bits: u8) {
        let i = msg.0 as usize;
        if i >= self.req.len() {
            self.req.resize(i + 1, 0);
        }
        self.req[i] |= bits;
    }

    /// Carries out a Send command: trace it, then let faults, partitions and the link decide its fate.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn send(
        &mut self,
        from: NodeId,
        id: MsgId,
        to: NodeId,
        payload: Payload,
        attempt: u32,
        sched: &Schedule,
        sink: &mut Vec<TraceEvent>,
    ) {
        self.emit(
            sink,
            from,
            EventKind::Send {
                msg: id,
                to,
                payload,
                attempt,
            },
            Stamp::Tick,
        );
        let clock = self.clocks[from.index()];
        self.counts.sent += 1;
        self.flag(id, 0);
        if let Some(re) = payload.reply_to() {
            self.flag(re, REPLY_SENT);
        }
        let flight = Flight {
            from,
            to,
            origin: id,
            payload,
            attempt,
            sent_us: self.now_us,
            arrive_us: self.now_us,
            vc: clock.vc,
            lamport: clock.lamport,
            gen: 0,
            state: FlightState::Wire,
            rng: SimRng::keyed(self.seed, self.message_key(id, from, to, payload, attempt)),
        };
        self.flights.insert(id, flight);
        let (mut extra_us, mut dup) = (0u64, false);
        for action in sched.send_faults(id) {
            match action {
                MessageAction::Drop => return self.drop_msg(id, DropReason::Injected, sink),
                MessageAction::Duplicate => dup = true,
                MessageAction::Delay { extra_us: e } => extra_us = extra_us.saturating_add(e),
            }
        }
        if let Some((mode, index)) = self.cuts[from.index()][to.index()] {
            return match mode {
                Mode::Drop => self.drop_msg(id, DropReason::Partition, sink),
                Mode::Hold => self.hold(id, index, sink),
            };
        }
        let link = *self.net.link(from, to);
        let Some(rng) = self.flights.get_mut(&id).map(|f| &mut f.rng) else {
            return;
        };
        if rng.chance(link.loss) {
            return self.drop_msg(id, DropReason::Loss, sink);
        }
        let latency = link.latency(rng).saturating_add(extra_us);
        let dup = dup || rng.chance(link.duplicate);
        self.launch(id, self.now_us + latency);
        if extra_us > 0 {
            self.fate_event(sink, id, EventKind::Delay { msg: id, extra_us });
        }
        if dup {
            self.duplicate(id, sink);
        }
    }

    /// Names message `id` by what it is, and records the name: a request by its sender, receiver,
    /// kind, order and attempt; a reply by the request it answers and how many answers came before.
    fn message_key(
        &mut self,
        id: MsgId,
        from: NodeId,
        to: NodeId,
        payload: Payload,
        attempt: u32,
    ) -> u64 {
        let what = [from.index() as u64, to.index() as u64, kind_code(&payload)];
        let k = match payload.reply_to() {
            Some(re) => {
                let request = self.key_of(re);
                self.set_key(re, key(&[request]));
                key(&[what[0], what[1], what[2], request])
            }
            None => key(&[
                what[0],
                what[1],
                what[2],
                u64::from(payload.order()),
                u64::from(attempt),
            ]),
        };
        self.set_key(id, k);
        k
    }

    fn key_of(&self, msg: MsgId) -> u64 {
        self.keys.get(msg.0 as usize).copied().unwrap_or(0)
    }

    fn set_key(&mut self, msg: MsgId, k: u64) {
        let i = msg.0 as usize;
        if i >= self.keys.len() {
            self.keys.resize(i + 1, 0);
        }
        self.keys[i] = k;
    }

    /// Emits a network event about `msg` with the send's clocks, at the receiver.
    fn fate_event(&mut self, sink: &mut Vec<TraceEvent>, msg: MsgId, kind: EventKind) {
        if let Some(f) = self.flights.get(&msg) {
            let (to, vc, l) = (f.to, f.vc, f.lamport);
            self.emit(sink, to, kind, Stamp::Copy(vc, l));
        }
    }

    /// Puts a copy on the wire, due at `at_us`.
    pub(crate) fn launch(&mut self, msg: MsgId, at_us: u64) {
        if let Some(f) = self.flights.get_mut(&msg) {
            f.state = FlightState::Wire;
            f.arrive_us = at_us;
            self.queue.push(at_us, Due::Arrive { msg, gen: f.gen });
        }
    }

    /// The network makes a second copy of an in-flight message.
    pub(crate) fn duplicate(&mut self, msg: MsgId, sink: &mut Vec<TraceEvent>) {
        let Some(original) = self.flights.get(&msg).cloned() else {
            return;
        };
        let copy = MsgId(self.next_msg);
        self.next_msg += 1;
        self.flag(copy, 0);
        self.counts.sent += 1;
        let copy_key = key(&[self.key_of(msg), COPY]);
        self.set_key(copy, copy_key);
        let mut rng = SimRng::keyed(self.seed, copy_key);
        let latency = self.net.link(original.from, original.to).latency(&mut rng);
        self.flights.insert(
            copy,
            Flight {
                gen: 0,
                rng,
                ..original
            },
        );
        self.fate_event(sink, msg, EventKind::Duplicate { msg, copy });
        self.launch(copy, self.now_us + latency);
    }

    /// The message's fate is a drop.
    pub(crate) fn drop_msg(&mut self, msg: MsgId, reason: DropReason, sink: &mut Vec<TraceEvent>) {
        let Some(f) = self.flights.remove(&msg) else {
            return;
        };
        self.counts.dropped += 1;
        let kind = EventKind::Drop {
            msg,
            from: f.from,
            to: f.to,
            reason,
            payload: f.payload,
        };
        self.emit(sink, f.to, kind, Stamp::Copy(f.vc, f.lamport));
    }

    pub(crate) fn hold(&mut self, msg: MsgId, partition: usize, sink: &mut Vec<TraceEvent>) {
        if let Some(f) = self.flights.get_mut(&msg) {
            f.state = FlightState::Held(partition);
            f.gen += 1;
        }
        self.fate_event(sink, msg, EventKind::Hold { msg, partition });
    }

    /// Lets go of every message held by partition `index`, in id order.
    pub(crate) fn release(&mut self, index: usize, sink: &mut Vec<TraceEvent>) {
        let held: Vec<MsgId> = self
            .flights
            .iter()
            .filter(|(_, f)| f.state == FlightState::Held(index))
            .map(|(m, _)| *m)
            .collect();
        for msg in held {
            self.fate_event(sink, msg, EventKind::Release { msg });
            let Some(f) = self.flights.get_mut(&msg) else {
                continue;
            };
            f.gen += 1;
            let latency = self.net.link(f.from, f.to).latency(&mut f.rng);
            self.launch(msg, self.now_us + latency);
        }
    }

    /// A copy reaches its receiver's host: partitions and the receiver's state decide.
    pub(crate) fn arrive(
        &mut self,
        msg: MsgId,
        gen: u32,
        sched: &Schedule,
        sink: &mut Vec<TraceEvent>,
    ) {
        let Some(f) = self.flights.get(&msg) else {
            return;
        };
        if f.gen != gen || f.state != FlightState::Wire {
            return;
        }
        let (from, to, origin) = (f.from, f.to, f.origin);
        if let Some((mode, index)) = self.cuts[from.index()][to.index()] {
            return match mode {
                Mode::Drop => self.drop_msg(msg, DropReason::Partition, sink),
                Mode::Hold => self.hold(msg, index, sink),
            };
        }
        match self.status(to) {
            NodeStatus::Crashed => self.drop_msg(msg, DropReason::ReceiverDown, sink),
            NodeStatus::Paused => {
                if let Some(f) = self.flights.get_mut(&msg) {
                    f.state = FlightState::Queued;
                }
                self.flag(origin, ARRIVED);
                self.inbox[to.index()].push(Due::Arrive { msg, gen });
            }
            NodeStatus::Up => self.deliver(msg, sched, sink),
        }
    }

    /// Hands the message to the receiver's handler.
    pub(crate) fn deliver(&mut self, msg: MsgId, sched: &Schedule, sink: &mut Vec<TraceEvent>) {
        let Some(f) = self.flights.remove(&msg) else {
            return;
        };
        self.counts.delivered += 1;
        let kind = EventKind::Deliver {
            msg,
            from: f.from,
            payload: f.payload,
        };
        self.emit(sink, f.to, kind, Stamp::Merge(f.vc, f.lamport));
        self.flag(f.origin, ARRIVED | PROCESSED);
        if let Some(re) = f.payload.reply_to() {
            self.flag(re, REPLY_BACK);
        }
        let env = Envelope {
            msg,
            origin: f.origin,
            from: f.from,
            payload: f.payload,
            attempt: f.attempt,
        };
        self.call(f.to, sched, sink, |n, ctx| n.on_message(ctx, &env));
    }
}
