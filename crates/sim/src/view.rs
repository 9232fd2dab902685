//! Local views vs truth: what each node believes (Unknown is a real value), what is really so, and where they differ.

use crate::check::Violation;
use crate::engine::NodeStatus;
use crate::id::{MsgId, NodeId};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A node's belief about one fact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Belief {
    /// The node holds this value, since this time.
    Known { value: String, since_us: u64 },
    /// The node cannot tell, since this time, for this reason.
    Unknown { since_us: u64, why: String },
}

impl Belief {
    pub fn is_unknown(&self) -> bool {
        matches!(self, Belief::Unknown { .. })
    }

    /// The value if known.
    pub fn value(&self) -> Option<&str> {
        match self {
            Belief::Known { value, .. } => Some(value),
            Belief::Unknown { .. } => None,
        }
    }
}

/// One line of a node's view: "order 1 · reserved · Unknown (3 requests to inventory timed out)".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BeliefRow {
    /// `order 1`, `inventory`, `billing`…
    pub subject: String,
    /// `charged`, `reserved`, `refunded`, `status`, `reachable`, `stock`.
    pub attribute: String,
    pub belief: Belief,
    /// Extra words for a learner, e.g. "never heard of order 1".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl BeliefRow {
    pub fn new(subject: impl Into<String>, attribute: &str, belief: Belief) -> BeliefRow {
        BeliefRow {
            subject: subject.into(),
            attribute: attribute.to_string(),
            belief,
            note: None,
        }
    }
}

/// Everything one node believes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NodeView {
    pub node: NodeId,
    pub beliefs: Vec<BeliefRow>,
}

/// A fact of the ground truth, with the same subject/attribute/value words as the views.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fact {
    pub subject: String,
    pub attribute: String,
    pub value: String,
}

impl Fact {
    pub fn new(subject: impl Into<String>, attribute: &str, value: impl Into<String>) -> Fact {
        Fact {
            subject: subject.into(),
            attribute: attribute.to_string(),
            value: value.into(),
        }
    }
}

/// A belief that is Unknown or differs from the truth.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Divergence {
    pub node: NodeId,
    pub subject: String,
    pub attribute: String,
    pub believed: Belief,
    pub truth: String,
}

/// A request still without a reply, with its three unknowns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenRequest {
    pub msg: MsgId,
    pub from: NodeId,
    pub to: NodeId,
    pub order: Option<u32>,
    /// `Reserve #1 (key k1)`.
    pub label: String,
    pub sent_us: u64,
    /// Did it arrive? Was it processed? Did the reply come back? — as the caller sees it: all Unknown.
    pub caller_sees: [Belief; 3],
    /// The same three questions answered from the truth: arrived, processed, a reply was sent.
    pub really: [bool; 3],
    /// Some copy of the request has no fate yet: on the wire, held by a partition, or queued at a
    /// paused node. If it has not arrived, it may still; if none is on its way, it is lost. The
    /// caller cannot tell these apart: slow and lost look the same from where it stands.
    pub on_its_way: bool,
    /// Some copy of a reply to it has no fate yet. A reply sent with none on its way was lost:
    /// the caller cannot tell that from a slow one either.
    #[serde(default)]
    pub reply_on_its_way: bool,
    /// Where the caller stands with it, for what it may do next (`order_flow::next_moves`).
    #[serde(default)]
    pub step: Step,
}

/// What a request asks for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Act {
    #[default]
    PlaceOrder,
    Charge,
    Reserve,
    Refund,
}

/// The caller's progress with a request: which try of its step this is, and, once it has given
/// up and reconciles, which round of asking again (0 before).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    pub act: Act,
    pub attempt: u32,
    pub round: u32,
}

/// The state of the world at one time.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Snapshot {
    pub time_us: u64,
    /// One per node, in node order.
    pub views: Vec<NodeView>,
    pub truth: Vec<Fact>,
    pub divergences: Vec<Divergence>,
    pub open_requests: Vec<OpenRequest>,
    /// Message copies sent and not yet delivered or dropped (including held ones).
    pub in_flight: Vec<MsgId>,
    /// One per node, in node order.
    pub nodes_up: Vec<NodeStatus>,
    /// Violations found up to this time.
    pub violations: Vec<Violation>,
}

impl Snapshot {
    /// The truth's value for a subject and attribute.
    pub fn fact(&self, subject: &str, attribute: &str) -> Option<&str> {
        self.truth
            .iter()
            .find(|f| f.subject == subject && f.attribute == attribute)
            .map(|f| f.value.as_str())
    }

    /// A node's belief about a subject and attribute.
    pub fn belief(&self, node: NodeId, subject: &str, attribute: &str) -> Option<&Belief> {
        self.views
            .get(node.index())?
            .beliefs
            .iter()
            .find(|r| r.subject == subject && r.attribute == attribute)
            .map(|r| &r.belief)
    }
}

/// Every belief that is Unknown or Known with a value other than the truth's.
/// Beliefs about things the truth does not list (e.g. web's own `status`) are skipped.
pub fn divergences(views: &[NodeView], truth: &[Fact]) -> Vec<Divergence> {
    // Inserted one by one: `collect()` into a BTreeMap would sort first, with a sort of its own.
    let mut index: BTreeMap<(&str, &str), &str> = BTreeMap::new();
    for f in truth {
        index.insert((f.subject.as_str(), f.attribute.as_str()), f.value.as_str());
    }
    let mut out = Vec::new();
    for v in views {
        for r in &v.beliefs {
            let Some(t) = index.get(&(r.subject.as_str(), r.attribute.as_str())) else {
                continue;
            };
            let differs = match &r.belief {
                Belief::Known { value, .. } => value != t,
                Belief::Unknown { .. } => true,
            };
            if differs {
                out.push(Divergence {
                    node: v.node,
                    subject: r.subject.clone(),
                    attribute: r.attribute.clone(),
                    believed: r.belief.clone(),
                    truth: t.to_string(),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_and_wrong_beliefs_diverge() {
        let views = vec![NodeView {
            node: NodeId::WEB,
            beliefs: vec![
                BeliefRow::new(
                    "order 1",
                    "charged",
                    Belief::Known {
                        value: "yes".into(),
                        since_us: 1,
                    },
                ),
                BeliefRow::new(
                    "order 1",
                    "reserved",
                    Belief::Unknown {
                        since_us: 1,
                        why: "x".into(),
                    },
                ),
                BeliefRow::new(
                    "order 1",
                    "status",
                    Belief::Known {
                        value: "pending".into(),
                        since_us: 1,
                    },
                ),
            ],
        }];
        let truth = vec![
            Fact::new("order 1", "charged", "yes"),
            Fact::new("order 1", "reserved", "no"),
        ];
        let d = divergences(&views, &truth);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].attribute, "reserved");
        assert_eq!(d[0].truth, "no");
    }
}
