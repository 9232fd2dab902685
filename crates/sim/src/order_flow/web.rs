//! web: takes an order, charges through billing, reserves through inventory, answers the client.

use super::belief::{Bel, Why};
use super::{Answer, Key, Payload, Strategy, Timer};
use crate::engine::{Ctx, Envelope};
use crate::id::{MsgId, NodeId};

mod retry;

/// The step an order is at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    Charging,
    Reserving,
    Refunding,
    Done,
}

/// The last few request ids of the current step (no heap allocation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Recent {
    ids: [(MsgId, u64); 4],
    total: u32,
}

impl Recent {
    fn push(&mut self, id: MsgId, sent_us: u64) {
        self.ids[(self.total % 4) as usize] = (id, sent_us);
        self.total = self.total.saturating_add(1);
    }

    /// `(request id, sent at)`, oldest first.
    pub fn iter(&self) -> impl Iterator<Item = (MsgId, u64)> + '_ {
        let n = self.total.min(4);
        (self.total - n..self.total).map(move |i| self.ids[(i % 4) as usize])
    }

    fn last(&self) -> MsgId {
        self.iter().last().map(|(m, _)| m).unwrap_or(MsgId(0))
    }
}

/// An order as web remembers it (volatile: lost on crash).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebOrder {
    pub order: u32,
    pub client_req: MsgId,
    pub phase: Phase,
    /// Attempts sent in this phase.
    pub attempt: u32,
    pub timeouts: u32,
    pub requests: Recent,
    timer: Option<u64>,
    pub reconciling: bool,
    pub rounds: u32,
    pub charged: Bel,
    pub reserved: Bel,
    pub refunded: Option<Bel>,
    pub answer: Option<Answer>,
    pub since_us: u64,
}

/// web.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Web {
    strategy: Strategy,
    amount: u64,
    pub(crate) orders: Vec<Option<WebOrder>>,
    /// Reachability of billing and inventory, as web sees it.
    pub(crate) peers: [Bel; 2],
    pub(crate) reconcile_gave_up: bool,
}

fn peer_slot(p: NodeId) -> usize {
    usize::from(p == NodeId::INVENTORY)
}

impl Web {
    pub fn new(strategy: &Strategy, amount: u64) -> Web {
        let none = |p| Bel::Unknown {
            since_us: 0,
            why: Why::NoContact(p),
        };
        Web {
            strategy: strategy.clone(),
            amount,
            orders: Vec::new(),
            peers: [none(NodeId::BILLING), none(NodeId::INVENTORY)],
            reconcile_gave_up: false,
        }
    }

    pub fn order(&self, order: u32) -> Option<&WebOrder> {
        self.orders.get(order as usize).and_then(|o| o.as_ref())
    }

    pub fn orders(&self) -> impl Iterator<Item = &WebOrder> {
        self.orders.iter().flatten()
    }

    /// True when web sends idempotency keys.
    pub fn keys_on(&self) -> bool {
        self.strategy.idempotency_keys
    }

    /// How web sees a peer's reachability.
    pub fn peer(&self, p: NodeId) -> Bel {
        self.peers[peer_slot(p)]
    }

    pub(crate) fn on_crash(&mut self) {
        self.orders.clear();
    }

    pub(crate) fn on_restart(&mut self, ctx: &mut Ctx<'_, Timer>) {
        let now = ctx.now_us();
        self.peers = [Bel::Unknown {
            since_us: now,
            why: Why::Restarted,
        }; 2];
    }

    pub(crate) fn on_message(&mut self, ctx: &mut Ctx<'_, Timer>, env: &Envelope) {
        let now = ctx.now_us();
        if env.from == NodeId::BILLING || env.from == NodeId::INVENTORY {
            self.peers[peer_slot(env.from)] = Bel::known(true, now);
        }
        match env.payload {
            Payload::PlaceOrder { order } => self.place(ctx, order, env.origin),
            Payload::Charged { order, .. } => self.learned(ctx, order, Phase::Charging, |o| {
                o.charged = Bel::known(true, now)
            }),
            Payload::Reserved { order, .. } => self.learned(ctx, order, Phase::Reserving, |o| {
                o.reserved = Bel::known(true, now)
            }),
            Payload::OutOfStock { order, .. } => self.learned(ctx, order, Phase::Reserving, |o| {
                o.reserved = Bel::known(false, now)
            }),
            Payload::Refunded { order, .. } => self.learned(ctx, order, Phase::Refunding, |o| {
                o.refunded = Some(Bel::known(true, now))
            }),
            _ => {}
        }
    }

    fn place(&mut self, ctx: &mut Ctx<'_, Timer>, order: u32, req: MsgId) {
        let i = order as usize;
        if order == 0 || i > 1_000_000 {
            return;
        }
        if i >= self.orders.len() {
            self.orders.resize(i + 1, None);
        }
        if let Some(o) = &self.orders[i] {
            // A repeated PlaceOrder: answer again if there is an answer.
            if let Some(answer) = o.answer {
                ctx.send(
                    NodeId::CLIENT,
                    Payload::Answer {
                        order,
                        answer,
                        re: req,
                    },
                    1,
                );
            }
            return;
        }
        let now = ctx.now_us();
        let mut o = WebOrder {
            order,
            client_req: req,
            phase: Phase::Charging,
            attempt: 0,
            timeouts: 0,
            requests: Recent::default(),
            timer: None,
            reconciling: false,
            rounds: 0,
            charged: Bel::known(false, now),
            reserved: Bel::known(false, now),
            refunded: None,
            answer: None,
            since_us: now,
        };
        self.request(ctx, &mut o);
        self.orders[i] = Some(o);
    }

    /// A reply arrived: record what it says, and move on if it answers the current step.
    fn learned(
        &mut self,
        ctx: &mut Ctx<'_, Timer>,
        order: u32,
        step: Phase,
        note: impl FnOnce(&mut WebOrder),
    ) {
        let Some(Some(mut o)) = self.orders.get_mut(order as usize).map(|o| o.take()) else {
            return;
        };
        note(&mut o);
        if o.phase == step {
            let next = match step {
                Phase::Charging => Phase::Reserving,
                Phase::Reserving if o.reserved.is_known_yes() => Phase::Done,
                Phase::Reserving => Phase::Refunding,
                _ => Phase::Done,
            };
            self.next_phase(ctx, &mut o, next);
            match (step, next) {
                (Phase::Reserving, Phase::Done) => self.tell(ctx, &mut o, Answer::Confirmed),
                (Phase::Refunding, _) => self.tell(ctx, &mut o, Answer::Failed),
                _ => {}
            }
        }
        self.orders[order as usize] = Some(o);
    }

    fn next_phase(&mut self, ctx: &mut Ctx<'_, Timer>, o: &mut WebOrder, next: Phase) {
        if let Some(t) = o.timer.take() {
            ctx.cancel_timer(t);
        }
        o.phase = next;
        o.attempt = 0;
        o.timeouts = 0;
        o.requests = Recent::default();
        o.reconciling = false;
        o.rounds = 0;
        o.since_us = ctx.now_us();
        if next == Phase::Refunding && o.refunded.is_none() {
            o.refunded = Some(Bel::known(false, ctx.now_us()));
        }
        self.request(ctx, o);
    }

    fn tell(&mut self, ctx: &mut Ctx<'_, Timer>, o: &mut WebOrder, answer: Answer) {
        if o.answer == Some(answer) {
            return;
        }
        o.answer = Some(answer);
        o.since_us = ctx.now_us();
        let order = o.order;
        ctx.send(
            NodeId::CLIENT,
            Payload::Answer {
                order,
                answer,
                re: o.client_req,
            },
            1,
        );
        ctx.effect(super::Effect::ToldClient { order, answer });
    }

    /// Sends (or re-sends) the request of the current step and arms its timer.
    fn request(&mut self, ctx: &mut Ctx<'_, Timer>, o: &mut WebOrder) {
        let key = self.strategy.idempotency_keys.then_some(Key(o.order));
        let (order, amount) = (o.order, self.amount);
        let (peer, payload) = match o.phase {
            Phase::Charging => (NodeId::BILLING, Payload::Charge { order, key, amount }),
            Phase::Reserving => (NodeId::INVENTORY, Payload::Reserve { order, key }),
            Phase::Refunding => (NodeId::BILLING, Payload::Refund { order, key, amount }),
            Phase::Done => return,
        };
        o.attempt += 1;
        let id = ctx.send(peer, payload, o.attempt);
        o.requests.push(id, ctx.now_us());
        let why = if o.timeouts == 0 {
            Why::Asked(peer)
        } else {
            Why::TimedOut(peer, o.timeouts)
        };
        self.set_belief(o, ctx.now_us(), why);
        let wait = if o.reconciling {
            self.strategy.reconcile_interval_us
        } else {
            self.strategy.timeout_us
        };
        let (phase, attempt) = (o.phase, o.attempt);
        o.timer = Some(ctx.set_timer(
            wait,
            Timer::Timeout {
                order,
                phase,
                attempt,
            },
        ));
    }

    /// Marks the fact the current step is about as unknown (unless it is already known).
    fn set_belief(&self, o: &mut WebOrder, now: u64, why: Why) {
        let slot = match o.phase {
            Phase::Charging => &mut o.charged,
            Phase::Reserving => &mut o.reserved,
            Phase::Refunding => o.refunded.get_or_insert(Bel::known(false, now)),
            Phase::Done => return,
        };
        if !slot.is_known_yes() {
            *slot = slot.unknown(now, why);
        }
    }
}

/// The peer a step talks to.
pub fn peer_of(phase: Phase) -> NodeId {
    match phase {
        Phase::Reserving => NodeId::INVENTORY,
        _ => NodeId::BILLING,
    }
}
