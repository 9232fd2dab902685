//! billing: a durable ledger of charges and refunds, deduplicating by idempotency key when one is sent.

use super::{Effect, Payload, Timer};
use crate::engine::{Ctx, Envelope};

/// billing's ledger line for one order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LedgerLine {
    pub charges: u32,
    pub refunds: u32,
    pub charge_key_seen: bool,
    pub refund_key_seen: bool,
    pub first_us: u64,
    pub last_us: u64,
}

/// billing. Everything it keeps is durable, so a crash loses nothing but time.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Billing {
    pub(crate) ledger: Vec<LedgerLine>,
}

impl Billing {
    /// The ledger line of an order, if billing ever heard of it.
    pub fn line(&self, order: u32) -> Option<&LedgerLine> {
        self.ledger.get(order as usize).filter(|l| l.first_us > 0)
    }

    /// Orders billing has heard of, in order.
    pub fn orders(&self) -> impl Iterator<Item = (u32, &LedgerLine)> {
        self.ledger
            .iter()
            .enumerate()
            .skip(1)
            .map(|(i, l)| (i as u32, l))
            .filter(|(_, l)| l.first_us > 0)
    }

    fn line_mut(&mut self, order: u32, now_us: u64) -> &mut LedgerLine {
        let i = order as usize;
        if i >= self.ledger.len() {
            self.ledger.resize(i + 1, LedgerLine::default());
        }
        let l = &mut self.ledger[i];
        if l.first_us == 0 {
            l.first_us = now_us.max(1);
        }
        l.last_us = now_us;
        l
    }

    pub(crate) fn on_message(&mut self, ctx: &mut Ctx<'_, Timer>, env: &Envelope) {
        let now = ctx.now_us();
        let re = env.origin;
        match env.payload {
            Payload::Charge { order, key, amount } => {
                let l = self.line_mut(order, now);
                if key.is_some() && l.charge_key_seen {
                    ctx.effect(Effect::ChargeDeduplicated { order });
                } else {
                    l.charge_key_seen |= key.is_some();
                    l.charges += 1;
                    let times = l.charges;
                    ctx.effect(if times == 1 {
                        Effect::Charged { order, amount }
                    } else {
                        Effect::DoubleCharged {
                            order,
                            amount,
                            times,
                        }
                    });
                }
                ctx.send(env.from, Payload::Charged { order, re }, 1);
            }
            Payload::Refund { order, key, amount } => {
                let l = self.line_mut(order, now);
                if key.is_some() && l.refund_key_seen {
                    ctx.effect(Effect::NothingToRefund { order });
                } else if l.charges > l.refunds {
                    l.refund_key_seen |= key.is_some();
                    l.refunds += 1;
                    ctx.effect(Effect::Refunded { order, amount });
                } else {
                    ctx.effect(Effect::NothingToRefund { order });
                }
                ctx.send(env.from, Payload::Refunded { order, re }, 1);
            }
            _ => {}
        }
    }
}
