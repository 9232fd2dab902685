//! Tests of the link format: the property state → link → state, and every kind of bad link.

use super::*;
use crate::bands::FOREVER_US;
use faultline_sim::{GiveUp, NodeId};
use proptest::prelude::*;
use proptest::strategy::Strategy as Gen;

fn example_ids() -> Vec<String> {
    faultline_sim::examples()
        .into_iter()
        .map(|s| s.id)
        .collect()
}

fn arb_band() -> impl Gen<Value = Band> {
    (
        0usize..3,
        0u64..2_000_000,
        prop::option::of(1u64..2_000_000),
        0u8..3,
        any::<bool>(),
    )
        .prop_map(|(gap, start_us, len, cut, hold)| Band {
            id: 0,
            gap,
            start_us,
            end_us: len.map_or(FOREVER_US, |l| start_us + l),
            cut: [Cut::Both, Cut::Rightward, Cut::Leftward][cut as usize],
            fate: if hold { Fate::Hold } else { Fate::Drop },
        })
}

fn arb_fault() -> impl Gen<Value = FaultSpec> {
    (
        0u8..4,
        0u64..1_000_000,
        prop::option::of(1u64..500_000),
        any::<bool>(),
    )
        .prop_map(|(node, at_us, len, crash)| {
            let node = NodeId(node);
            let end = len.map(|l| at_us + l);
            if crash {
                FaultSpec::Crash {
                    node,
                    at_us,
                    restart_us: end,
                }
            } else {
                FaultSpec::Pause {
                    node,
                    at_us,
                    resume_us: end,
                }
            }
        })
}

/// A scenario as the playground holds it: a built-in one (maybe with another seed or strategy),
/// or one of the learner's own.
fn arb_scenario() -> impl Gen<Value = Scenario> {
    let ids = example_ids();
    (
        0..ids.len() + 1,
        prop::option::of(any::<u64>()),
        prop::option::of((1u64..100_000, 0u32..10, any::<bool>(), 0u8..3)),
        "[a-z][a-z0-9-]{0,20}",
        prop::option::of((0u8..4, 1u8..4, 1u64..50_000, 0u64..50_000, 0u32..=100)),
        prop::option::of((1u32..50, 1u64..100_000, 0u32..1000)),
    )
        .prop_map(move |(pick, seed, strategy, custom_id, link, orders)| {
            let mut s = match ids.get(pick) {
                Some(id) => example_rest(id).expect("built-in"),
                None => Scenario {
                    title: "Mine \"quoted\" <b>&</b>".into(),
                    ..Scenario::basic(&format!("my-{custom_id}"))
                },
            };
            if let Some(seed) = seed {
                s.seed = seed;
            }
            if let Some((timeout_us, max_retries, keys, give_up)) = strategy {
                s.strategy.timeout_us = timeout_us;
                s.strategy.max_retries = max_retries;
                s.strategy.idempotency_keys = keys;
                s.strategy.after_give_up =
                    [GiveUp::Nothing, GiveUp::Compensate, GiveUp::Reconcile][give_up as usize];
            }
            if let Some((from, step, min, extra, percent)) = link {
                let (from, to) = (NodeId(from), NodeId((from + step) % 4));
                let mut l = s.network.link_settings(from, to);
                l.latency_min_us = min;
                l.latency_max_us = min + extra;
                l.loss = f64::from(percent) / 100.0;
                s.network.set_link(from, to, l);
            }
            if let Some((orders, interval_us, stock)) = orders {
                s.workload.orders = orders;
                s.workload.interval_us = interval_us;
                s.stock = stock;
            }
            s
        })
}

fn arb_state() -> impl Gen<Value = SharedState> {
    (
        arb_scenario(),
        prop::collection::vec(arb_band(), 0..5),
        prop::collection::vec(arb_fault(), 0..4),
        0u64..5_000_000,
        any::<bool>(),
        50u32..=200_000,
        prop::sample::select(vec![5u32, 10, 25, 50, 100, 250, 1000]),
    )
        .prop_map(
            |(scenario, bands, node_faults, now_us, hide_truth, zoom_milli, speed)| SharedState {
                scenario,
                bands: numbered(bands),
                node_faults,
                now_us,
                hide_truth,
                zoom_milli,
                speed_ms_per_s: speed,
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn state_to_link_to_state_is_the_identity(state in arb_state()) {
        let link = encode(&state);
        prop_assert!(link.starts_with("v1."));
        prop_assert!(link.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.=&,;~".contains(&b)), "{link}");
        let back = decode(&format!("#{link}")).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(back, state);
    }

    #[test]
    fn any_text_decodes_to_a_state_or_an_error_never_a_panic(text in ".{0,200}") {
        let _ = decode(&text);
        let _ = decode(&format!("v1.{text}"));
    }

    #[test]
    fn a_truncated_link_is_always_refused(state in arb_state(), cut in 0.0f64..1.0) {
        let link = encode(&state);
        let end = (link.len() as f64 * cut) as usize;
        prop_assert!(decode(&link[..end]).is_err(), "{}", &link[..end]);
    }
}

#[test]
fn a_built_in_scenario_travels_by_id_in_a_few_readable_characters() {
    let state = SharedState {
        now_us: 12_000,
        ..SharedState::initial(&faultline_sim::example("partition-after-charge").unwrap())
    };
    let link = encode(&state);
    assert_eq!(link, "v1.e=partition-after-charge&b=2,6000,-,0,0&t=12000~");
    assert_eq!(decode(&link).unwrap(), state);
}

#[test]
fn changed_strategy_and_learner_faults_ride_along_in_the_scenario_part() {
    let mut state = SharedState::initial(&faultline_sim::example("happy-path").unwrap());
    state.scenario.strategy.max_retries = 7;
    state.node_faults.push(FaultSpec::Crash {
        node: NodeId::BILLING,
        at_us: 5_000,
        restart_us: None,
    });
    let link = encode(&state);
    assert!(
        link.starts_with("v1.e=happy-path&n=1&o=2&s=") || link.contains("o=2"),
        "{link}"
    );
    assert_eq!(decode(&link).unwrap(), state);
}

#[test]
fn changed_orders_and_stock_ride_along_with_the_scenario_id() {
    let mut state = SharedState::initial(&faultline_sim::example("happy-path").unwrap());
    state.scenario.workload.orders = 12;
    state.scenario.stock = 3;
    let link = encode(&state);
    assert!(link.starts_with("v1.e=happy-path&o=8&s="), "{link}");
    assert_eq!(decode(&link).unwrap(), state);
}

#[test]
fn a_changed_network_rides_along_with_the_scenario_id() {
    let mut state = SharedState::initial(&faultline_sim::example("happy-path").unwrap());
    let mut lossy = state
        .scenario
        .network
        .link_settings(NodeId::WEB, NodeId::INVENTORY);
    lossy.loss = 0.2;
    state
        .scenario
        .network
        .set_link(NodeId::WEB, NodeId::INVENTORY, lossy);
    let link = encode(&state);
    assert!(link.starts_with("v1.e=happy-path&o=4&s="), "{link}");
    assert_eq!(decode(&link).unwrap(), state);
}

fn part(json: &str) -> String {
    URL_SAFE_NO_PAD.encode(json)
}

#[test]
fn bad_links_say_what_is_wrong() {
    let cases: Vec<(String, &str)> = vec![
        ("v2.e=happy-path~".into(), "newer version"),
        ("v0.abc".into(), "older version"),
        ("v1".into(), "ends too early"),
        ("vx.abc".into(), "version is not a number"),
        ("x1.abc".into(), "does not start with a version"),
        ("v1.~".into(), "names no scenario"),
        ("v1.e=happy-path".into(), "ends too early"),
        ("v1.e=happy-path&t=12x~".into(), "not a number"),
        ("v1.e=happy-path&q=1~".into(), "does not know"),
        ("v1.e=happy-path&t~".into(), "no value"),
        (
            "v1.e=no-such-thing~".into(),
            "\u{201c}no-such-thing\u{201d}",
        ),
        ("v1.e=happy-path&b=7,0,-,0,0~".into(), "partitions[0].gap"),
        (
            "v1.e=happy-path&b=0,500,100,0,0~".into(),
            "partitions[0].end_us",
        ),
        ("v1.e=happy-path&b=0,500~".into(), "cut short"),
        ("v1.e=happy-path&n=2~".into(), "count of faults"),
        (
            format!(
                "v1.s={}~",
                part(r#"{"id":"x","strategy":{"timeout_us":0}}"#)
            ),
            "strategy.timeout_us",
        ),
        (
            format!("v1.s={}~", &part(r#"{"id":"x","seed":12345}"#)[..12]),
            "ends too early",
        ),
        ("v1.s=!!!~".into(), "characters"),
        (
            format!(
                "v1.e=happy-path&n=1&s={}~",
                part(r#"{"id":"-","faults":[{"crash":{"node":"web","at_us":9,"restart_us":2}}]}"#)
            ),
            "restart_us",
        ),
    ];
    for (link, words) in cases {
        let err = decode(&link).expect_err(&link).to_string();
        assert!(err.contains(words), "{link}: {err}");
    }
}

#[test]
fn only_fragments_that_look_versioned_are_state() {
    assert!(is_state_fragment("v1.abc"));
    assert!(is_state_fragment("v9"));
    assert!(!is_state_fragment("playground"));
    assert!(!is_state_fragment(""));
}
