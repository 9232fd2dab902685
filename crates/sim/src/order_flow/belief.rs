//! Compact beliefs kept inside nodes (no strings on the hot path), rendered to [`crate::view::Belief`] on demand.

use crate::id::NodeId;
use crate::view::Belief;

/// A remote fact as a node holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bel {
    Known { yes: bool, since_us: u64 },
    Unknown { since_us: u64, why: Why },
}

/// Why a node does not know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// Asked this peer; no reply yet.
    Asked(NodeId),
    /// This many requests to the peer timed out.
    TimedOut(NodeId, u32),
    /// Gave up after this many attempts.
    GaveUp(NodeId, u32),
    /// No message from the peer so far.
    NoContact(NodeId),
    /// The last request to the peer timed out.
    Silent(NodeId),
    /// The node restarted and lost what it knew.
    Restarted,
}

impl Bel {
    pub fn known(yes: bool, since_us: u64) -> Bel {
        Bel::Known { yes, since_us }
    }

    /// Becomes unknown for `why`, keeping the time it first became unknown.
    pub fn unknown(self, now_us: u64, why: Why) -> Bel {
        let since_us = match self {
            Bel::Unknown { since_us, .. } => since_us,
            Bel::Known { .. } => now_us,
        };
        Bel::Unknown { since_us, why }
    }

    pub fn is_known_yes(self) -> bool {
        matches!(self, Bel::Known { yes: true, .. })
    }

    pub fn render(self) -> Belief {
        match self {
            Bel::Known { yes, since_us } => Belief::Known {
                value: yes_no(yes).to_string(),
                since_us,
            },
            Bel::Unknown { since_us, why } => Belief::Unknown {
                since_us,
                why: why.words(),
            },
        }
    }
}

pub fn yes_no(yes: bool) -> &'static str {
    if yes {
        "yes"
    } else {
        "no"
    }
}

fn plural(n: u32, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

impl Why {
    pub fn words(self) -> String {
        match self {
            Why::Asked(p) => format!("asked {p}, no reply yet"),
            Why::TimedOut(p, n) => format!("{} to {p} timed out", plural(n, "request", "requests")),
            Why::GaveUp(p, n) => {
                format!("gave up on {p} after {}", plural(n, "attempt", "attempts"))
            }
            Why::NoContact(p) => format!("no message from {p} yet"),
            Why::Silent(p) => format!("the last request to {p} got no reply in time"),
            Why::Restarted => "restarted and forgot everything it knew".to_string(),
        }
    }
}

/// "no", "yes", "yes, 3 times": how many times something happened.
pub fn count_word(n: u32) -> String {
    match n {
        0 => "no".to_string(),
        1 => "yes".to_string(),
        n => format!("yes, {n} times"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words() {
        assert_eq!(
            Why::TimedOut(NodeId::INVENTORY, 3).words(),
            "3 requests to inventory timed out"
        );
        assert_eq!(
            Why::TimedOut(NodeId::BILLING, 1).words(),
            "1 request to billing timed out"
        );
        assert_eq!(count_word(2), "yes, 2 times");
        let b = Bel::known(true, 5).unknown(9, Why::Restarted);
        assert_eq!(
            b,
            Bel::Unknown {
                since_us: 9,
                why: Why::Restarted
            }
        );
        assert_eq!(
            b.unknown(20, Why::Silent(NodeId::WEB)),
            Bel::Unknown {
                since_us: 9,
                why: Why::Silent(NodeId::WEB)
            }
        );
    }
}
