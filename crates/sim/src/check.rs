//! Named invariants, checked as the run goes; each violation names the event where it became true.

use crate::engine::{Engine, NodeStatus};
use crate::id::{NodeId, NODE_COUNT};
use crate::order_flow::{Effect, GiveUp, Nodes, OrderNode, Payload, Strategy};
use crate::trace::{EventKind, TraceEvent};
use serde::{Deserialize, Serialize};

pub const NO_DOUBLE_CHARGE: &str = "no-double-charge";
pub const CHARGED_IMPLIES_RESERVED_OR_REFUNDED: &str = "charged-implies-reserved-or-refunded";
pub const VIEW_SOUNDNESS: &str = "view-soundness";
pub const MESSAGE_CONSERVATION: &str = "message-conservation";

/// All invariant names, in the order they are documented.
pub const INVARIANTS: [&str; 4] = [
    NO_DOUBLE_CHARGE,
    CHARGED_IMPLIES_RESERVED_OR_REFUNDED,
    VIEW_SOUNDNESS,
    MESSAGE_CONSERVATION,
];

/// A broken invariant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Violation {
    pub name: String,
    /// The event where it became true.
    pub seq: u64,
    pub time_us: u64,
    pub detail: String,
    /// The scenario's strategy knowingly allows it (e.g. a double charge without idempotency keys).
    /// Only unexpected violations make the CLI fail.
    pub expected: bool,
    /// The node to show it on.
    pub node: NodeId,
}

const TOLD_CHARGED: u8 = 1;
const TOLD_RESERVED: u8 = 2;
const TOLD_REFUNDED: u8 = 4;
const TOLD_ANSWER: u8 = 8;
const REPORTED_SOUNDNESS: u8 = 16;
const REPORTED_EVENTUAL: u8 = 32;
/// Cap on soundness reports, to keep a broken run's output bounded.
const MAX_REPORTS: u32 = 100;

/// The checker's own memory of what messages told whom.
#[derive(Debug, Clone)]
pub struct Checker {
    keys_on: bool,
    give_up: GiveUp,
    orders: Vec<u8>,
    charge_seq: Vec<u64>,
    heard_from: [bool; NODE_COUNT],
    web_crashed: bool,
    conservation_reported: bool,
    reports: u32,
}

impl Checker {
    pub fn new(strategy: &Strategy) -> Checker {
        Checker {
            keys_on: strategy.idempotency_keys,
            give_up: strategy.after_give_up,
            orders: Vec::new(),
            charge_seq: Vec::new(),
            heard_from: [false; NODE_COUNT],
            web_crashed: false,
            conservation_reported: false,
            reports: 0,
        }
    }

    fn bits(&mut self, order: u32) -> &mut u8 {
        let i = order as usize;
        if i >= self.orders.len() {
            self.orders.resize(i + 1, 0);
            self.charge_seq.resize(i + 1, u64::MAX);
        }
        &mut self.orders[i]
    }

    /// Notes what a new event told whom. Call for every event of a step before [`Checker::verify`],
    /// since one step (a resume, say) can deliver several messages.
    pub fn record(&mut self, ev: &TraceEvent) {
        match &ev.kind {
            EventKind::Deliver { from, payload, .. } => {
                let bit = match payload {
                    Payload::Charged { .. } => TOLD_CHARGED,
                    Payload::Reserved { .. } => TOLD_RESERVED,
                    Payload::Refunded { .. } => TOLD_REFUNDED,
                    Payload::Answer { .. } => TOLD_ANSWER,
                    _ => 0,
                };
                *self.bits(payload.order()) |= bit;
                if ev.node == NodeId::WEB {
                    self.heard_from[from.index() % NODE_COUNT] = true;
                }
            }
            EventKind::Crash if ev.node == NodeId::WEB => self.web_crashed = true,
            _ => {}
        }
    }

    /// Checks one new event against the nodes' state after its step.
    pub fn verify(&mut self, ev: &TraceEvent, nodes: Nodes<'_>, out: &mut Vec<Violation>) {
        match &ev.kind {
            EventKind::Deliver { payload, .. } => self.soundness(ev, payload.order(), nodes, out),
            EventKind::Effect(e) => self.effect(ev, e, out),
            EventKind::Timeout { order, .. } | EventKind::GiveUp { order, .. } => {
                self.soundness(ev, *order, nodes, out)
            }
            _ => {}
        }
    }

    fn effect(&mut self, ev: &TraceEvent, e: &Effect, out: &mut Vec<Violation>) {
        match *e {
            Effect::Charged { order, .. } => {
                self.bits(order);
                self.charge_seq[order as usize] = ev.seq;
            }
            Effect::DoubleCharged { order, times, .. } => out.push(Violation {
                name: NO_DOUBLE_CHARGE.into(),
                seq: ev.seq,
                time_us: ev.time_us,
                detail: format!("billing charged order {order} {times} times for one purchase"),
                expected: !self.keys_on,
                node: NodeId::BILLING,
            }),
            _ => {}
        }
    }

    /// No node believes a remote fact that no message told it.
    fn soundness(
        &mut self,
        ev: &TraceEvent,
        order: u32,
        nodes: Nodes<'_>,
        out: &mut Vec<Violation>,
    ) {
        let told = *self.bits(order);
        if told & REPORTED_SOUNDNESS != 0 || self.reports >= MAX_REPORTS {
            return;
        }
        let mut bad: Option<String> = None;
        if let Some(o) = nodes.web().and_then(|w| w.order(order)) {
            if o.charged.is_known_yes() && told & TOLD_CHARGED == 0 {
                bad = Some(format!(
                    "web believes order {order} is charged, but no Charged reply reached it"
                ));
            } else if o.reserved.is_known_yes() && told & TOLD_RESERVED == 0 {
                bad = Some(format!(
                    "web believes order {order} is reserved, but no Reserved reply reached it"
                ));
            } else if o.refunded.is_some_and(|r| r.is_known_yes()) && told & TOLD_REFUNDED == 0 {
                bad = Some(format!(
                    "web believes order {order} is refunded, but no Refunded reply reached it"
                ));
            }
        }
        if let Some(w) = nodes.web() {
            for p in [NodeId::BILLING, NodeId::INVENTORY] {
                if w.peer(p).is_known_yes() && !self.heard_from[p.index()] {
                    bad = Some(format!(
                        "web believes {p} is reachable, but never heard from it"
                    ));
                }
            }
        }
        let answered = nodes
            .client()
            .and_then(|c| c.orders().get((order as usize).wrapping_sub(1)));
        if answered.is_some_and(|o| o.answer.is_some()) && told & TOLD_ANSWER == 0 {
            bad = Some(format!(
                "the client holds an answer for order {order} that web never sent it"
            ));
        }
        if let Some(detail) = bad {
            *self.bits(order) |= REPORTED_SOUNDNESS;
            self.reports += 1;
            out.push(Violation {
                name: VIEW_SOUNDNESS.into(),
                seq: ev.seq,
                time_us: ev.time_us,
                detail,
                expected: false,
                node: ev.node,
            });
        }
    }

    /// Every sent copy is delivered, dropped, or still in flight.
    pub fn conservation(
        &mut self,
        e: &Engine<OrderNode>,
        last: Option<&TraceEvent>,
        out: &mut Vec<Violation>,
    ) {
        let c = e.counts();
        let accounted = c.delivered + c.dropped + e.flights().len() as u64;
        if c.sent != accounted && !self.conservation_reported {
            self.conservation_reported = true;
            out.push(Violation {
                name: MESSAGE_CONSERVATION.into(),
                seq: last.map_or(0, |l| l.seq),
                time_us: e.now_us(),
                detail: format!(
                    "{} copies sent, but {} delivered + {} dropped + {} in flight",
                    c.sent,
                    c.delivered,
                    c.dropped,
                    e.flights().len()
                ),
                expected: false,
                node: NodeId::WEB,
            });
        }
    }

    /// At rest with every fault healed: each charged order is reserved or refunded.
    pub fn at_rest(&mut self, e: &Engine<OrderNode>, out: &mut Vec<Violation>) {
        let healed = e.active_partitions().is_empty()
            && NodeId::ALL.iter().all(|n| e.status(*n) == NodeStatus::Up);
        let nodes = Nodes(e.nodes());
        let (Some(b), Some(inv)) = (nodes.billing(), nodes.inventory()) else {
            return;
        };
        if !healed {
            return;
        }
        let gave_up = nodes.web().is_some_and(|w| w.reconcile_gave_up);
        let expected = self.give_up != GiveUp::Reconcile || self.web_crashed || gave_up;
        for (order, line) in b.orders() {
            let reserved = inv.reservation(order).is_some_and(|r| r.reserved > 0);
            if line.charges > line.refunds
                && !reserved
                && *self.bits(order) & REPORTED_EVENTUAL == 0
            {
                *self.bits(order) |= REPORTED_EVENTUAL;
                out.push(Violation {
                    name: CHARGED_IMPLIES_RESERVED_OR_REFUNDED.into(),
                    seq: self.charge_seq.get(order as usize).copied().filter(|s| *s != u64::MAX).unwrap_or(0),
                    time_us: e.now_us(),
                    detail: format!("order {order} was charged but, with the system at rest, is neither reserved nor refunded"),
                    expected,
                    node: NodeId::BILLING,
                });
            }
        }
    }
}
