//! inventory: durable stock and reservations, deduplicating by idempotency key when one is sent.

use super::{Effect, Payload, Timer};
use crate::engine::{Ctx, Envelope};

/// inventory's record of one order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Reservation {
    /// Items reserved for the order (more than 1 only when repeats carried no key).
    pub reserved: u32,
    pub out_of_stock: bool,
    pub key_seen: bool,
    pub first_us: u64,
    pub last_us: u64,
}

/// inventory. Stock and reservations are durable.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Inventory {
    pub(crate) stock: u32,
    pub(crate) orders: Vec<Reservation>,
}

impl Inventory {
    pub fn new(stock: u32) -> Inventory {
        Inventory {
            stock,
            orders: Vec::new(),
        }
    }

    pub fn stock(&self) -> u32 {
        self.stock
    }

    /// inventory's record of an order, if it ever heard of it.
    pub fn reservation(&self, order: u32) -> Option<&Reservation> {
        self.orders.get(order as usize).filter(|r| r.first_us > 0)
    }

    pub(crate) fn on_message(&mut self, ctx: &mut Ctx<'_, Timer>, env: &Envelope) {
        let Payload::Reserve { order, key } = env.payload else {
            return;
        };
        let now = ctx.now_us();
        let i = order as usize;
        if i >= self.orders.len() {
            self.orders.resize(i + 1, Reservation::default());
        }
        let stock = &mut self.stock;
        let r = &mut self.orders[i];
        if r.first_us == 0 {
            r.first_us = now.max(1);
        }
        r.last_us = now;
        let reserved = if key.is_some() && r.key_seen {
            ctx.effect(Effect::ReserveDeduplicated { order });
            r.reserved > 0
        } else if *stock > 0 {
            r.key_seen |= key.is_some();
            *stock -= 1;
            r.reserved += 1;
            ctx.effect(Effect::Reserved {
                order,
                stock_left: *stock,
            });
            true
        } else {
            r.key_seen |= key.is_some();
            r.out_of_stock = true;
            ctx.effect(Effect::OutOfStock { order });
            false
        };
        let re = env.origin;
        let reply = if reserved {
            Payload::Reserved { order, re }
        } else {
            Payload::OutOfStock { order, re }
        };
        ctx.send(env.from, reply, 1);
    }
}
