//! Identifiers: nodes (serialized by name) and messages.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// Number of nodes in the order flow.
pub const NODE_COUNT: usize = 4;

/// Node names, indexed by [`NodeId::index`].
pub const NODE_NAMES: [&str; NODE_COUNT] = ["client", "web", "billing", "inventory"];

/// A node of the simulated system. In JSON it is written by name (`"web"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NodeId(pub u8);

impl NodeId {
    pub const CLIENT: NodeId = NodeId(0);
    pub const WEB: NodeId = NodeId(1);
    pub const BILLING: NodeId = NodeId(2);
    pub const INVENTORY: NodeId = NodeId(3);

    /// All nodes in order.
    pub const ALL: [NodeId; NODE_COUNT] = [Self::CLIENT, Self::WEB, Self::BILLING, Self::INVENTORY];

    /// Position in node order (0 client, 1 web, 2 billing, 3 inventory).
    pub fn index(self) -> usize {
        self.0 as usize
    }

    /// The node's name, e.g. `"web"`.
    pub fn name(self) -> &'static str {
        node_name(self)
    }

    /// Looks a node up by name.
    pub fn from_name(name: &str) -> Option<NodeId> {
        NODE_NAMES
            .iter()
            .position(|n| *n == name)
            .map(|i| NodeId(i as u8))
    }
}

/// The name of a node (`"?"` for an index out of range).
pub fn node_name(node: NodeId) -> &'static str {
    NODE_NAMES.get(node.index()).copied().unwrap_or("?")
}

impl fmt::Display for NodeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for NodeId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for NodeId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(NodeName)
    }
}

/// Reads a node's name. A visitor, not a `String` read then checked, so that a reader that knows
/// where it is (serde_json's line and column) places an unknown name at the name itself.
struct NodeName;

impl serde::de::Visitor<'_> for NodeName {
    type Value = NodeId;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a node's name")
    }

    fn visit_str<E: serde::de::Error>(self, name: &str) -> Result<NodeId, E> {
        NodeId::from_name(name).ok_or_else(|| {
            E::custom(format!(
                "unknown node \"{name}\" (the nodes are client, web, billing, inventory)"
            ))
        })
    }
}

/// A message copy. Ids are handed out in send order, from 1; a duplicate gets its own id.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct MsgId(pub u64);

impl fmt::Display for MsgId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "m{}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for n in NodeId::ALL {
            assert_eq!(NodeId::from_name(n.name()), Some(n));
            let json = serde_json::to_string(&n).unwrap();
            assert_eq!(serde_json::from_str::<NodeId>(&json).unwrap(), n);
        }
        assert!(serde_json::from_str::<NodeId>("\"db\"").is_err());
    }
}
