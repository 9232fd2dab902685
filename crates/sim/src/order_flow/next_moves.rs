//! What a caller may do next about a request still without a reply, and whether each move is safe
//! whatever really happened to the request: the question its three unknowns lead to.

use super::{GiveUp, Strategy};
use crate::time::fmt_us;
use crate::view::{Act, OpenRequest};

/// One move open to the caller, in words, and whether it stays safe in every case the caller
/// cannot tell apart (not arrived, not processed, reply lost).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NextMove {
    pub words: String,
    pub safe: bool,
}

fn safe(words: String) -> NextMove {
    NextMove { words, safe: true }
}

fn unsafe_(words: String) -> NextMove {
    NextMove { words, safe: false }
}

/// The caller's moves about `req` under `strategy` at `now_us`: waiting, asking again, giving up,
/// and the conclusion it may not draw.
pub fn next_moves(req: &OpenRequest, strategy: &Strategy, now_us: u64) -> Vec<NextMove> {
    let (from, to) = (req.from.name(), req.to.name());
    if req.step.act == Act::PlaceOrder {
        return vec![
            safe(format!("Wait for {to}'s answer.")),
            unsafe_(format!(
                "Place the order again: {to} would take it as a new order and charge the card twice."
            )),
            unsafe_(format!(
                "Decide the order failed: {to} may already have charged the card."
            )),
        ];
    }
    let mut moves = vec![wait(req, strategy, now_us)];
    moves.extend(ask_again(req, strategy));
    moves.push(give_up(req, strategy));
    moves.push(unsafe_(format!(
        "Decide that {to} is down, or that the request failed: to {from}, a crashed {to}, a slow \
         one, a cut link and a lost reply all look the same."
    )));
    moves
}

/// What the request asks the peer to do, and the same done: "reserve the item", "reserved the item".
fn deed(act: Act) -> (&'static str, &'static str) {
    match act {
        Act::Charge => ("charge the card", "charged the card"),
        Act::Reserve => ("reserve the item", "reserved the item"),
        _ => ("refund the charge", "refunded the charge"),
    }
}

fn wait(req: &OpenRequest, s: &Strategy, now_us: u64) -> NextMove {
    let from = req.from.name();
    if req.step.round > 0 {
        return safe(format!(
            "Wait: {from} asks again every {}.",
            fmt_us(s.reconcile_interval_us)
        ));
    }
    let deadline_us = req.sent_us.saturating_add(s.timeout_us);
    let deadline = fmt_us(deadline_us);
    safe(if now_us < deadline_us {
        format!("Wait for the reply, until the timeout at {deadline}.")
    } else {
        format!("Take a late reply: {from} stopped waiting for this one at {deadline}, but it still counts.")
    })
}

/// Sending the request again, if the strategy has a try or a round left.
fn ask_again(req: &OpenRequest, s: &Strategy) -> Option<NextMove> {
    let step = req.step;
    let what = if step.round > 0 {
        if step.round >= s.reconcile_max_rounds {
            return None;
        }
        format!(
            "Ask again: round {} of {}",
            step.round + 1,
            s.reconcile_max_rounds
        )
    } else if step.attempt <= s.max_retries {
        let ceiling = s.backoff_ceiling_us(step.attempt);
        format!(
            "Retry after the timeout and a wait of up to {}: try {} of {}",
            fmt_us(ceiling),
            step.attempt + 1,
            s.max_retries + 1
        )
    } else {
        return None;
    };
    let to = req.to.name();
    Some(if s.idempotency_keys {
        let key = req.order.map_or(String::new(), |o| format!(" k{o}"));
        safe(format!(
            "{what}. The key{key} lets {to} answer a repeat without acting twice."
        ))
    } else {
        unsafe_(format!(
            "{what}. Without a key, {to} would {} again if it handled the first one.",
            deed(step.act).0
        ))
    })
}

/// What the strategy does once the tries run out, said as a move of its own.
fn give_up(req: &OpenRequest, s: &Strategy) -> NextMove {
    let (to, act) = (req.to.name(), req.step.act);
    let when = if req.step.round == 0 && req.step.attempt <= s.max_retries {
        format!("After try {}, give up", s.max_retries + 1)
    } else {
        "Give up".to_string()
    };
    match s.after_give_up {
        GiveUp::Compensate if act != Act::Refund => safe(format!(
            "{when}: refund the charge and tell the client the order failed. A refund of a \
             charge that never happened changes nothing."
        )),
        GiveUp::Reconcile if req.step.round == 0 => safe(format!(
            "{when} for now: tell the client “pending” and keep asking {to} until it answers."
        )),
        _ => unsafe_(format!(
            "{when}: tell the client “pending” and stop asking. No one will learn whether {to} \
             {}.",
            deed(act).1
        )),
    }
}
