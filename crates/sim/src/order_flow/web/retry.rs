//! web's side of silence: timeouts, retries with backoff, giving up, and reconciling.

use super::{peer_of, peer_slot, Phase, Web, WebOrder};
use crate::engine::Ctx;
use crate::order_flow::belief::Why;
use crate::order_flow::{Answer, GiveUp, Timer};
use crate::trace::EventKind;

impl Web {
    pub(crate) fn on_timer(&mut self, ctx: &mut Ctx<'_, Timer>, tag: &Timer) {
        let (order, phase, attempt, timeout) = match *tag {
            Timer::Timeout {
                order,
                phase,
                attempt,
            } => (order, phase, attempt, true),
            Timer::Backoff {
                order,
                phase,
                attempt,
            } => (order, phase, attempt, false),
            Timer::NextOrder => return,
        };
        let Some(Some(mut o)) = self.orders.get_mut(order as usize).map(|o| o.take()) else {
            return;
        };
        if o.phase == phase && o.attempt == attempt {
            o.timer = None;
            if timeout {
                self.timed_out(ctx, &mut o);
            } else {
                if o.reconciling {
                    o.rounds += 1;
                    ctx.note(EventKind::Reconcile {
                        order,
                        peer: peer_of(o.phase),
                        round: o.rounds,
                    });
                }
                self.request(ctx, &mut o);
            }
        }
        self.orders[order as usize] = Some(o);
    }

    fn timed_out(&mut self, ctx: &mut Ctx<'_, Timer>, o: &mut WebOrder) {
        let (order, peer, attempt, now) = (o.order, peer_of(o.phase), o.attempt, ctx.now_us());
        o.timeouts += 1;
        ctx.note(EventKind::Timeout {
            msg: o.requests.last(),
            order,
            peer,
            attempt,
        });
        self.set_belief(o, now, Why::TimedOut(peer, o.timeouts));
        let slot = &mut self.peers[peer_slot(peer)];
        *slot = slot.unknown(now, Why::Silent(peer));
        if o.reconciling {
            if o.rounds >= self.strategy.reconcile_max_rounds {
                self.reconcile_gave_up = true;
                ctx.note(EventKind::GiveUp {
                    order,
                    peer,
                    attempts: o.attempt,
                });
                o.phase = Phase::Done;
                return;
            }
            o.rounds += 1;
            ctx.note(EventKind::Reconcile {
                order,
                peer,
                round: o.rounds,
            });
            self.request(ctx, o);
        } else if attempt <= self.strategy.max_retries {
            // This retry's own jitter: moving a fault elsewhere in the run does not change it.
            let mut rng = ctx.rng_for(&[order as u64, o.phase as u64, u64::from(attempt)]);
            let backoff_us = self.strategy.backoff_us(attempt, &mut rng);
            ctx.note(EventKind::Retry {
                order,
                peer,
                attempt: attempt + 1,
                backoff_us,
            });
            let tag = Timer::Backoff {
                order,
                phase: o.phase,
                attempt,
            };
            o.timer = Some(ctx.set_timer(backoff_us, tag));
        } else {
            self.give_up(ctx, o);
        }
    }

    fn give_up(&mut self, ctx: &mut Ctx<'_, Timer>, o: &mut WebOrder) {
        let peer = peer_of(o.phase);
        ctx.note(EventKind::GiveUp {
            order: o.order,
            peer,
            attempts: o.attempt,
        });
        match (self.strategy.after_give_up, o.phase) {
            (GiveUp::Compensate, Phase::Charging | Phase::Reserving) => {
                self.next_phase(ctx, o, Phase::Refunding);
            }
            (GiveUp::Reconcile, _) => {
                self.tell(ctx, o, Answer::Pending);
                o.reconciling = true;
                let tag = Timer::Backoff {
                    order: o.order,
                    phase: o.phase,
                    attempt: o.attempt,
                };
                o.timer = Some(ctx.set_timer(self.strategy.reconcile_interval_us, tag));
            }
            _ => {
                self.tell(ctx, o, Answer::Pending);
                o.phase = Phase::Done;
            }
        }
    }
}
