//! The order flow's messages, its observable effects and the answers web gives the client.

use crate::id::MsgId;
use serde::{Deserialize, Serialize};
use std::fmt;

/// An idempotency key. The order flow uses one key per order and operation: `k<order>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Key(pub u32);

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "k{}", self.0)
    }
}

/// What web finally tells the client about an order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    Confirmed,
    Failed,
    /// "We don't know yet": web could not learn the outcome.
    Pending,
}

impl Answer {
    /// The value word used in views: `confirmed`, `failed`, `pending`.
    pub fn word(self) -> &'static str {
        match self {
            Answer::Confirmed => "confirmed",
            Answer::Failed => "failed",
            Answer::Pending => "pending",
        }
    }
}

/// A message body. Replies name the request they answer in `re` (the request's original id).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Payload {
    PlaceOrder {
        order: u32,
    },
    Charge {
        order: u32,
        key: Option<Key>,
        amount: u64,
    },
    Charged {
        order: u32,
        re: MsgId,
    },
    Refund {
        order: u32,
        key: Option<Key>,
        amount: u64,
    },
    Refunded {
        order: u32,
        re: MsgId,
    },
    Reserve {
        order: u32,
        key: Option<Key>,
    },
    Reserved {
        order: u32,
        re: MsgId,
    },
    OutOfStock {
        order: u32,
        re: MsgId,
    },
    Answer {
        order: u32,
        answer: Answer,
        re: MsgId,
    },
}

impl Payload {
    /// The order this message is about.
    pub fn order(&self) -> u32 {
        match *self {
            Payload::PlaceOrder { order }
            | Payload::Charge { order, .. }
            | Payload::Charged { order, .. }
            | Payload::Refund { order, .. }
            | Payload::Refunded { order, .. }
            | Payload::Reserve { order, .. }
            | Payload::Reserved { order, .. }
            | Payload::OutOfStock { order, .. }
            | Payload::Answer { order, .. } => order,
        }
    }

    /// The request this message replies to, if it is a reply.
    pub fn reply_to(&self) -> Option<MsgId> {
        match *self {
            Payload::Charged { re, .. }
            | Payload::Refunded { re, .. }
            | Payload::Reserved { re, .. }
            | Payload::OutOfStock { re, .. }
            | Payload::Answer { re, .. } => Some(re),
            _ => None,
        }
    }

    /// True for messages that expect a reply.
    pub fn is_request(&self) -> bool {
        self.reply_to().is_none()
    }

    /// `Charge #1`: what it is and for which order, without its key.
    pub fn name(&self) -> String {
        format!("{} #{}", self.label(), self.order())
    }

    /// A short label without the order: `Charge`, `Reserved`…
    pub fn label(&self) -> &'static str {
        match self {
            Payload::PlaceOrder { .. } => "PlaceOrder",
            Payload::Charge { .. } => "Charge",
            Payload::Charged { .. } => "Charged",
            Payload::Refund { .. } => "Refund",
            Payload::Refunded { .. } => "Refunded",
            Payload::Reserve { .. } => "Reserve",
            Payload::Reserved { .. } => "Reserved",
            Payload::OutOfStock { .. } => "OutOfStock",
            Payload::Answer { answer, .. } => match answer {
                Answer::Confirmed => "Confirmed",
                Answer::Failed => "Failed",
                Answer::Pending => "Pending",
            },
        }
    }
}

impl fmt::Display for Payload {
    /// `Charge #1 (key k1)`, `Charge #1 (no key)`, `Reserved #1`: its [`Payload::name`] and key.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name())?;
        match self {
            Payload::Charge { key, .. }
            | Payload::Refund { key, .. }
            | Payload::Reserve { key, .. } => match key {
                Some(k) => write!(f, " (key {k})"),
                None => f.write_str(" (no key)"),
            },
            _ => Ok(()),
        }
    }
}

/// Something a node did to its own state that a learner should see.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Effect {
    /// billing took money for the first time for this order.
    Charged {
        order: u32,
        amount: u64,
    },
    /// billing took money again for an order it had already charged (no key to tell).
    DoubleCharged {
        order: u32,
        amount: u64,
        times: u32,
    },
    /// billing recognised the idempotency key and did not charge again.
    ChargeDeduplicated {
        order: u32,
    },
    Refunded {
        order: u32,
        amount: u64,
    },
    /// A refund request for an order with nothing left to refund.
    NothingToRefund {
        order: u32,
    },
    Reserved {
        order: u32,
        stock_left: u32,
    },
    /// inventory recognised the key and did not reserve again.
    ReserveDeduplicated {
        order: u32,
    },
    OutOfStock {
        order: u32,
    },
    /// web answered the client.
    ToldClient {
        order: u32,
        answer: Answer,
    },
}

impl Effect {
    pub fn order(&self) -> u32 {
        match *self {
            Effect::Charged { order, .. }
            | Effect::DoubleCharged { order, .. }
            | Effect::ChargeDeduplicated { order }
            | Effect::Refunded { order, .. }
            | Effect::NothingToRefund { order }
            | Effect::Reserved { order, .. }
            | Effect::ReserveDeduplicated { order }
            | Effect::OutOfStock { order }
            | Effect::ToldClient { order, .. } => order,
        }
    }
}

impl fmt::Display for Effect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Effect::Charged { order, amount } => write!(f, "charged order {order} ({amount})"),
            Effect::DoubleCharged { order, times, .. } => {
                write!(
                    f,
                    "charged order {order} AGAIN: {times} charges for one order"
                )
            }
            Effect::ChargeDeduplicated { order } => {
                write!(
                    f,
                    "saw the key again and did not charge order {order} twice"
                )
            }
            Effect::Refunded { order, amount } => write!(f, "refunded order {order} ({amount})"),
            Effect::NothingToRefund { order } => write!(f, "nothing to refund for order {order}"),
            Effect::Reserved { order, stock_left } => {
                write!(f, "reserved stock for order {order} ({stock_left} left)")
            }
            Effect::ReserveDeduplicated { order } => {
                write!(
                    f,
                    "saw the key again and did not reserve order {order} twice"
                )
            }
            Effect::OutOfStock { order } => write!(f, "out of stock for order {order}"),
            Effect::ToldClient { order, answer } => {
                write!(f, "told the client order {order} is {}", answer.word())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_key() {
        let p = Payload::Charge {
            order: 1,
            key: Some(Key(1)),
            amount: 5,
        };
        assert_eq!(p.to_string(), "Charge #1 (key k1)");
        let p = Payload::Charge {
            order: 2,
            key: None,
            amount: 5,
        };
        assert_eq!(p.to_string(), "Charge #2 (no key)");
        let r = Payload::Reserved {
            order: 3,
            re: MsgId(4),
        };
        assert_eq!(r.to_string(), "Reserved #3");
        assert_eq!(r.reply_to(), Some(MsgId(4)));
        assert!(p.is_request());
    }
}
