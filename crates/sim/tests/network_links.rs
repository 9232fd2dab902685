//! Setting one directed link through `NetworkSpec::set_link` changes that link, and only it, as the
//! simulated network sees it.

use faultline_sim::net::Net;
use faultline_sim::{LinkSettings, LinkSpec, NetworkSpec, NodeId, NODE_COUNT};
use proptest::prelude::*;

fn node() -> impl Strategy<Value = NodeId> {
    (0..NODE_COUNT as u8).prop_map(NodeId)
}

fn probability() -> impl Strategy<Value = f64> {
    prop_oneof![Just(0.0), Just(1.0), 0.0..=1.0]
}

fn settings() -> impl Strategy<Value = LinkSettings> {
    (1u64..50_000, 0u64..50_000, probability(), probability()).prop_map(
        |(min, extra, loss, duplicate)| LinkSettings {
            latency_min_us: min,
            latency_max_us: min + extra,
            loss,
            duplicate,
        },
    )
}

fn override_of(from: NodeId, to: NodeId, s: LinkSettings, mask: u8) -> LinkSpec {
    LinkSpec {
        from,
        to,
        latency_min_us: (mask & 1 != 0).then_some(s.latency_min_us),
        latency_max_us: (mask & 2 != 0).then_some(s.latency_max_us),
        loss: (mask & 4 != 0).then_some(s.loss),
        duplicate: (mask & 8 != 0).then_some(s.duplicate),
    }
}

/// A network with defaults and a few overrides, some of them for the same link.
fn network() -> impl Strategy<Value = NetworkSpec> {
    let one =
        (node(), node(), settings(), 0u8..16).prop_map(|(f, t, s, m)| override_of(f, t, s, m));
    (settings(), proptest::collection::vec(one, 0..6)).prop_map(|(d, links)| NetworkSpec {
        latency_min_us: d.latency_min_us,
        latency_max_us: d.latency_max_us,
        loss: d.loss,
        duplicate: d.duplicate,
        links,
    })
}

fn all_links(spec: &NetworkSpec) -> Vec<LinkSettings> {
    (0..NODE_COUNT as u8)
        .flat_map(|f| (0..NODE_COUNT as u8).map(move |t| (NodeId(f), NodeId(t))))
        .map(|(f, t)| spec.link_settings(f, t))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn setting_a_link_changes_that_link_only(spec in network(), from in node(), to in node(), s in settings()) {
        let before = all_links(&spec);
        let mut after = spec.clone();
        after.set_link(from, to, s);
        prop_assert_eq!(after.link_settings(from, to), s);
        let i = from.index() * NODE_COUNT + to.index();
        for (j, (b, a)) in before.iter().zip(all_links(&after)).enumerate() {
            if j != i {
                prop_assert_eq!(*b, a, "link {} changed", j);
            }
        }
        prop_assert!(after.links.iter().filter(|o| o.from == from && o.to == to).count() <= 1);
        let net = Net::from_spec(&after);
        let sim = *net.link(from, to);
        let direct = Net::from_spec(&NetworkSpec { latency_min_us: s.latency_min_us, latency_max_us: s.latency_max_us, loss: s.loss, duplicate: s.duplicate, links: vec![] });
        prop_assert_eq!(sim, *direct.link(from, to));
    }

    #[test]
    fn setting_a_link_back_to_the_defaults_leaves_no_override(spec in network(), from in node(), to in node()) {
        let mut spec = spec;
        let d = spec.defaults();
        spec.set_link(from, to, d);
        prop_assert!(spec.links.iter().all(|o| o.from != from || o.to != to));
    }
}
