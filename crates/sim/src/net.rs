//! The network: one directed link per ordered pair of nodes, with latency, loss and duplication.

use crate::id::{NodeId, NODE_COUNT};
use crate::rng::{Chance, SimRng};
use serde::{Deserialize, Serialize};

/// The directed links the order flow uses, its requests' and its replies', in the order the
/// truth and the network controls list them.
pub const FLOW_LINKS: [(NodeId, NodeId); 6] = [
    (NodeId::CLIENT, NodeId::WEB),
    (NodeId::WEB, NodeId::CLIENT),
    (NodeId::WEB, NodeId::BILLING),
    (NodeId::BILLING, NodeId::WEB),
    (NodeId::WEB, NodeId::INVENTORY),
    (NodeId::INVENTORY, NodeId::WEB),
];

/// Network settings of a scenario: defaults for every link, plus per-link overrides.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct NetworkSpec {
    /// Smallest one-way latency in µs (at least 1).
    pub latency_min_us: u64,
    /// Largest one-way latency in µs; each message draws uniformly in min..=max.
    pub latency_max_us: u64,
    /// Probability in 0..=1 that a message is lost.
    pub loss: f64,
    /// Probability in 0..=1 that a message is delivered twice.
    pub duplicate: f64,
    /// Overrides for single directed links.
    pub links: Vec<LinkSpec>,
}

impl Default for NetworkSpec {
    fn default() -> Self {
        NetworkSpec {
            latency_min_us: 1_000,
            latency_max_us: 3_000,
            loss: 0.0,
            duplicate: 0.0,
            links: Vec::new(),
        }
    }
}

/// Settings for the one directed link `from → to`; fields left out keep the network's defaults.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkSpec {
    pub from: NodeId,
    pub to: NodeId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latency_min_us: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latency_max_us: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub loss: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duplicate: Option<f64>,
}

/// A link ready for use: probabilities turned into thresholds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Link {
    pub latency_min_us: u64,
    pub latency_max_us: u64,
    pub loss: Chance,
    pub duplicate: Chance,
}

impl Link {
    /// Draws a latency (at least 1 µs, so nothing is delivered at the instant it is sent).
    pub fn latency(&self, rng: &mut SimRng) -> u64 {
        rng.range(self.latency_min_us, self.latency_max_us).max(1)
    }
}

/// What one directed link does to each message, in the scenario's terms: the range its latency is
/// drawn from (µs) and its chances, 0..=1, of losing the message or delivering it twice.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LinkSettings {
    pub latency_min_us: u64,
    pub latency_max_us: u64,
    pub loss: f64,
    pub duplicate: f64,
}

impl NetworkSpec {
    /// What a link without an override does.
    pub fn defaults(&self) -> LinkSettings {
        LinkSettings {
            latency_min_us: self.latency_min_us,
            latency_max_us: self.latency_max_us,
            loss: self.loss,
            duplicate: self.duplicate,
        }
    }

    /// What the link `from → to` does: the defaults with its overrides applied, later ones winning.
    pub fn link_settings(&self, from: NodeId, to: NodeId) -> LinkSettings {
        let mut s = self.defaults();
        for o in self.links.iter().filter(|o| o.from == from && o.to == to) {
            s.latency_min_us = o.latency_min_us.unwrap_or(s.latency_min_us);
            s.latency_max_us = o.latency_max_us.unwrap_or(s.latency_max_us);
            s.loss = o.loss.unwrap_or(s.loss);
            s.duplicate = o.duplicate.unwrap_or(s.duplicate);
        }
        s
    }

    /// Makes every link without an override of its own do `settings`; an override keeps the
    /// fields it names.
    pub fn set_defaults(&mut self, settings: LinkSettings) {
        self.latency_min_us = settings.latency_min_us;
        self.latency_max_us = settings.latency_max_us;
        self.loss = settings.loss;
        self.duplicate = settings.duplicate;
    }

    /// Makes the link `from → to` do `settings`, keeping one override that names only what
    /// differs from the defaults (none when nothing does). Other links keep what they did.
    pub fn set_link(&mut self, from: NodeId, to: NodeId, settings: LinkSettings) {
        let d = self.defaults();
        let differs = |v, default| (v != default).then_some(v);
        let spec = LinkSpec {
            from,
            to,
            latency_min_us: differs(settings.latency_min_us, d.latency_min_us),
            latency_max_us: differs(settings.latency_max_us, d.latency_max_us),
            loss: (settings.loss != d.loss).then_some(settings.loss),
            duplicate: (settings.duplicate != d.duplicate).then_some(settings.duplicate),
        };
        let at = self.links.iter().position(|o| o.from == from && o.to == to);
        self.links.retain(|o| o.from != from || o.to != to);
        if spec.latency_min_us.is_some()
            || spec.latency_max_us.is_some()
            || spec.loss.is_some()
            || spec.duplicate.is_some()
        {
            self.links
                .insert(at.unwrap_or(self.links.len()).min(self.links.len()), spec);
        }
    }
}

impl Link {
    fn from_settings(s: LinkSettings) -> Link {
        Link {
            latency_min_us: s.latency_min_us,
            latency_max_us: s.latency_max_us,
            loss: Chance::from_probability(s.loss),
            duplicate: Chance::from_probability(s.duplicate),
        }
    }
}

/// All directed links.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Net {
    links: [[Link; NODE_COUNT]; NODE_COUNT],
}

impl Net {
    pub fn from_spec(spec: &NetworkSpec) -> Net {
        let links = std::array::from_fn(|from| {
            std::array::from_fn(|to| {
                Link::from_settings(spec.link_settings(NodeId(from as u8), NodeId(to as u8)))
            })
        });
        Net { links }
    }

    pub fn link(&self, from: NodeId, to: NodeId) -> &Link {
        &self.links[from.index() % NODE_COUNT][to.index() % NODE_COUNT]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn override_one_direction() {
        let spec = NetworkSpec {
            links: vec![LinkSpec {
                from: NodeId::WEB,
                to: NodeId::INVENTORY,
                latency_min_us: Some(50_000),
                latency_max_us: Some(60_000),
                loss: None,
                duplicate: None,
            }],
            ..NetworkSpec::default()
        };
        let net = Net::from_spec(&spec);
        assert_eq!(
            net.link(NodeId::WEB, NodeId::INVENTORY).latency_min_us,
            50_000
        );
        assert_eq!(
            net.link(NodeId::INVENTORY, NodeId::WEB).latency_min_us,
            1_000
        );
    }
}
