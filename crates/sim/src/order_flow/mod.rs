//! The order flow, the engine's first protocol: client → web → billing (charge) → inventory (reserve) → client.

mod belief;
mod billing;
mod client;
mod inventory;
mod next_moves;
mod payload;
mod strategy;
mod views;
mod web;

pub use belief::{count_word, Bel, Why};
pub use billing::{Billing, LedgerLine};
pub use client::{Client, ClientOrder};
pub use inventory::{Inventory, Reservation};
pub use next_moves::{next_moves, NextMove};
pub use payload::{Answer, Effect, Key, Payload};
pub use strategy::{GiveUp, Strategy};
pub use views::{open_requests, truth, views};
pub use web::{peer_of, Phase, Recent, Web, WebOrder};

use crate::engine::{Ctx, Envelope, Node};
use crate::scenario::Scenario;

/// The order flow's timers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Timer {
    /// The client places its next order.
    NextOrder,
    /// web stops waiting for the reply to attempt `attempt` of `phase`.
    Timeout {
        order: u32,
        phase: Phase,
        attempt: u32,
    },
    /// web's wait before a retry (or before the next reconcile round) is over.
    Backoff {
        order: u32,
        phase: Phase,
        attempt: u32,
    },
}

/// One node of the order flow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OrderNode {
    Client(Client),
    Web(Web),
    Billing(Billing),
    Inventory(Inventory),
}

/// The four nodes of a scenario, in [`crate::NodeId`] order.
pub fn build(s: &Scenario) -> Vec<OrderNode> {
    vec![
        OrderNode::Client(Client::new(&s.workload)),
        OrderNode::Web(Web::new(&s.strategy, s.workload.amount)),
        OrderNode::Billing(Billing::default()),
        OrderNode::Inventory(Inventory::new(s.stock)),
    ]
}

/// Typed access to the nodes of a run.
#[derive(Debug, Clone, Copy)]
pub struct Nodes<'a>(pub &'a [OrderNode]);

impl<'a> Nodes<'a> {
    pub fn client(&self) -> Option<&'a Client> {
        self.0.iter().find_map(|n| {
            if let OrderNode::Client(c) = n {
                Some(c)
            } else {
                None
            }
        })
    }
    pub fn web(&self) -> Option<&'a Web> {
        self.0.iter().find_map(|n| {
            if let OrderNode::Web(c) = n {
                Some(c)
            } else {
                None
            }
        })
    }
    pub fn billing(&self) -> Option<&'a Billing> {
        self.0.iter().find_map(|n| {
            if let OrderNode::Billing(c) = n {
                Some(c)
            } else {
                None
            }
        })
    }
    pub fn inventory(&self) -> Option<&'a Inventory> {
        self.0.iter().find_map(|n| {
            if let OrderNode::Inventory(c) = n {
                Some(c)
            } else {
                None
            }
        })
    }
}

impl Node for OrderNode {
    type Timer = Timer;

    fn on_start(&mut self, ctx: &mut Ctx<'_, Timer>) {
        if let OrderNode::Client(c) = self {
            c.on_start(ctx);
        }
    }

    fn on_message(&mut self, ctx: &mut Ctx<'_, Timer>, env: &Envelope) {
        match self {
            OrderNode::Client(c) => c.on_message(ctx, env),
            OrderNode::Web(w) => w.on_message(ctx, env),
            OrderNode::Billing(b) => b.on_message(ctx, env),
            OrderNode::Inventory(i) => i.on_message(ctx, env),
        }
    }

    fn on_timer(&mut self, ctx: &mut Ctx<'_, Timer>, tag: &Timer) {
        match self {
            OrderNode::Client(c) => c.on_timer(ctx, tag),
            OrderNode::Web(w) => w.on_timer(ctx, tag),
            OrderNode::Billing(_) | OrderNode::Inventory(_) => {}
        }
    }

    fn on_crash(&mut self) {
        if let OrderNode::Web(w) = self {
            w.on_crash();
        }
    }

    fn on_restart(&mut self, ctx: &mut Ctx<'_, Timer>) {
        match self {
            OrderNode::Client(c) => c.on_restart(ctx),
            OrderNode::Web(w) => w.on_restart(ctx),
            _ => {}
        }
    }
}
