//! The client: places orders (one, or a workload at a fixed interval) and remembers web's answers.

use super::{Answer, Payload, Timer};
use crate::engine::{Ctx, Envelope};
use crate::id::{MsgId, NodeId};
use crate::scenario::Workload;

/// One order as the client sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientOrder {
    pub req: MsgId,
    pub sent_us: u64,
    pub answer: Option<(Answer, u64)>,
}

/// The client. Its memory is durable: a person remembers what they ordered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Client {
    workload: Workload,
    pub(crate) orders: Vec<ClientOrder>,
}

impl Client {
    pub fn new(workload: &Workload) -> Client {
        Client {
            workload: workload.clone(),
            orders: Vec::new(),
        }
    }

    pub fn orders(&self) -> &[ClientOrder] {
        &self.orders
    }

    fn placed(&self) -> u32 {
        self.orders.len() as u32
    }

    pub(crate) fn on_start(&mut self, ctx: &mut Ctx<'_, Timer>) {
        if self.workload.orders > 0 {
            ctx.set_timer(self.workload.start_us.max(1), Timer::NextOrder);
        }
    }

    pub(crate) fn on_timer(&mut self, ctx: &mut Ctx<'_, Timer>, tag: &Timer) {
        if *tag != Timer::NextOrder || self.placed() >= self.workload.orders {
            return;
        }
        let order = self.placed() + 1;
        let req = ctx.send(NodeId::WEB, Payload::PlaceOrder { order }, 1);
        self.orders.push(ClientOrder {
            req,
            sent_us: ctx.now_us(),
            answer: None,
        });
        if self.placed() < self.workload.orders {
            ctx.set_timer(self.workload.interval_us, Timer::NextOrder);
        }
    }

    pub(crate) fn on_message(&mut self, ctx: &mut Ctx<'_, Timer>, env: &Envelope) {
        if let Payload::Answer { order, answer, .. } = env.payload {
            if let Some(o) = self.orders.get_mut((order as usize).wrapping_sub(1)) {
                o.answer = Some((answer, ctx.now_us()));
            }
        }
    }

    pub(crate) fn on_restart(&mut self, ctx: &mut Ctx<'_, Timer>) {
        if self.placed() < self.workload.orders {
            ctx.set_timer(self.workload.interval_us, Timer::NextOrder);
        }
    }
}
