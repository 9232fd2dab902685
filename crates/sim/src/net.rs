//! The network: one directed link per ordered pair of nodes, with latency, loss and duplication.

use crate::id::{NodeId, NODE_COUNT};
use crate::rng::{Chance, SimRng};
use serde::{Deserialize, Serialize};

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

/// All directed links.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Net {
    links: [[Link; NODE_COUNT]; NODE_COUNT],
}

impl Net {
    pub fn from_spec(spec: &NetworkSpec) -> Net {
        let base = Link {
            latency_min_us: spec.latency_min_us,
            latency_max_us: spec.latency_max_us,
            loss: Chance::from_probability(spec.loss),
            duplicate: Chance::from_probability(spec.duplicate),
        };
        let mut links = [[base; NODE_COUNT]; NODE_COUNT];
        for o in &spec.links {
            if let Some(l) = links
                .get_mut(o.from.index())
                .and_then(|r| r.get_mut(o.to.index()))
            {
                if let Some(v) = o.latency_min_us {
                    l.latency_min_us = v;
                }
                if let Some(v) = o.latency_max_us {
                    l.latency_max_us = v;
                }
                if let Some(p) = o.loss {
                    l.loss = Chance::from_probability(p);
                }
                if let Some(p) = o.duplicate {
                    l.duplicate = Chance::from_probability(p);
                }
            }
        }
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
