//! Property tests: over 1,000 seeded random fault schedules, the always-invariants hold and runs are reproducible;
//! a run resumed from an earlier run's checkpoints after the faults changed is the same as a fresh one.

use faultline_sim::{
    Direction, FaultSpec, GiveUp, Limits, MessageAction, MessageFault, Mode, MsgId, NetworkSpec,
    NodeId, PartitionSpec, Run, Scenario, Strategy as WebStrategy, Workload,
};
use proptest::prelude::*;

fn node() -> impl Strategy<Value = NodeId> {
    (0u8..4).prop_map(NodeId)
}

fn window() -> impl Strategy<Value = (u64, Option<u64>)> {
    (0u64..200_000, proptest::option::of(1u64..300_000)).prop_map(|(s, d)| (s, d.map(|d| s + d)))
}

fn partition() -> impl Strategy<Value = FaultSpec> {
    (0u8..16, 0u8..16, 0u8..3, any::<bool>(), window()).prop_filter_map(
        "two disjoint groups",
        |(a, b, d, hold, (s, e))| {
            let b = b & !a;
            let group = |m: u8| {
                NodeId::ALL
                    .iter()
                    .copied()
                    .filter(|n| m & (1 << n.0) != 0)
                    .collect::<Vec<_>>()
            };
            let (a, b) = (group(a), group(b));
            if a.is_empty() || b.is_empty() {
                return None;
            }
            let direction = [Direction::Both, Direction::AToB, Direction::BToA][d as usize];
            let mode = if hold { Mode::Hold } else { Mode::Drop };
            Some(FaultSpec::Partition(PartitionSpec {
                a,
                b,
                direction,
                mode,
                start_us: s,
                end_us: e,
            }))
        },
    )
}

fn fault() -> impl Strategy<Value = FaultSpec> {
    prop_oneof![
        3 => partition(),
        1 => (node(), window()).prop_map(|(node, (at_us, restart_us))| FaultSpec::Crash { node, at_us, restart_us }),
        1 => (node(), window()).prop_map(|(node, (at_us, resume_us))| FaultSpec::Pause { node, at_us, resume_us }),
        1 => (node(), -50_000i64..50_000, -1_000i64..1_000, 0u64..100_000)
            .prop_map(|(node, offset_us, drift_ppm, at_us)| FaultSpec::ClockSkew { node, offset_us, drift_ppm, at_us }),
        1 => (1u64..40, 0u8..3, proptest::option::of(0u64..100_000)).prop_map(|(m, a, at_us)| {
            let action = [MessageAction::Drop, MessageAction::Duplicate, MessageAction::Delay { extra_us: 30_000 }][a as usize];
            FaultSpec::Message(MessageFault { msg: MsgId(m), action, at_us })
        }),
    ]
}

fn strategy() -> impl Strategy<Value = WebStrategy> {
    (
        0u32..4,
        any::<bool>(),
        any::<bool>(),
        0u8..3,
        5_000u64..30_000,
    )
        .prop_map(|(retries, keys, jitter, g, timeout_us)| WebStrategy {
            timeout_us,
            max_retries: retries,
            jitter,
            idempotency_keys: keys,
            after_give_up: [GiveUp::Nothing, GiveUp::Compensate, GiveUp::Reconcile][g as usize],
            reconcile_max_rounds: 20,
            ..WebStrategy::default()
        })
}

fn scenario() -> impl Strategy<Value = Scenario> {
    (
        any::<u64>(),
        1u32..4,
        strategy(),
        0u32..30,
        0u32..30,
        proptest::collection::vec(fault(), 0..5),
        0u32..3,
    )
        .prop_map(
            |(seed, orders, strategy, loss, dup, faults, stock)| Scenario {
                seed,
                network: NetworkSpec {
                    latency_min_us: 500,
                    latency_max_us: 6_000,
                    loss: loss as f64 / 100.0,
                    duplicate: dup as f64 / 100.0,
                    links: Vec::new(),
                },
                strategy,
                workload: Workload {
                    orders,
                    start_us: 1_000,
                    interval_us: 7_000,
                    amount: 100,
                },
                stock: stock + 1,
                faults,
                limits: Limits {
                    max_events: 50_000,
                    max_time_us: 10_000_000,
                },
                ..Scenario::basic("prop")
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn invariants_hold_and_runs_repeat(s in scenario()) {
        prop_assert!(s.validate().is_ok(), "{:?}", s.validate());
        let mut a = Run::new(&s).unwrap();
        a.run_to_end();
        for v in a.violations() {
            // Always-invariants: never broken, whatever the faults.
            prop_assert!(v.name != "view-soundness" && v.name != "message-conservation", "seed {}: {v:?}", s.seed);
            // With idempotency keys on, no order is ever charged twice.
            if v.name == "no-double-charge" {
                prop_assert!(!s.strategy.idempotency_keys, "seed {}: {v:?}", s.seed);
                prop_assert!(v.expected);
            }
        }
        // Conservation, from the trace alone.
        let spans = a.trace().messages();
        let open = spans.iter().filter(|m| m.end_us.is_none()).count();
        prop_assert_eq!(open, a.snapshot().in_flight.len());
        // Same seed, byte-identical trace.
        let mut b = Run::new(&s).unwrap();
        b.run_to_end();
        prop_assert_eq!(a.trace().to_json(), b.trace().to_json());
    }
}

/// The learner's edit of a fault list: one fault removed, the first partition moved in time, new ones added.
fn edited(
    faults: &[FaultSpec],
    remove: prop::sample::Index,
    shift_us: i64,
    extra: Vec<FaultSpec>,
) -> Vec<FaultSpec> {
    let mut out = faults.to_vec();
    if !out.is_empty() {
        out.remove(remove.index(out.len()));
    }
    let shifted = |t: u64| t.saturating_add_signed(shift_us);
    if let Some(FaultSpec::Partition(p)) = out
        .iter_mut()
        .find(|f| matches!(f, FaultSpec::Partition(_)))
    {
        p.start_us = shifted(p.start_us);
        p.end_us = p.end_us.map(|e| shifted(e).max(p.start_us));
    }
    out.extend(extra);
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 150, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn a_rerun_after_the_faults_change_matches_a_fresh_run(
        s in scenario(),
        orders in 60u32..160,
        remove in any::<prop::sample::Index>(),
        shift_us in -40_000i64..40_000,
        extra in proptest::collection::vec(fault(), 0..3),
    ) {
        // Enough orders for the run to keep checkpoints part way through.
        let before = Scenario { workload: Workload { orders, interval_us: 1_500, ..s.workload.clone() }, ..s };
        let mut prev = Run::new(&before).unwrap();
        prev.run_to_end();
        let after = Scenario { faults: edited(&before.faults, remove, shift_us, extra), ..before.clone() };
        prop_assume!(after.validate().is_ok());
        let mut fresh = Run::new(&after).unwrap();
        fresh.run_to_end();
        let mut resumed = Run::rerun(&prev, &after).unwrap();
        resumed.run_to_end();
        prop_assert_eq!(resumed.trace().to_json(), fresh.trace().to_json(), "seed {}", after.seed);
        prop_assert_eq!(resumed.violations(), fresh.violations());
        prop_assert_eq!(resumed.outcome(), fresh.outcome());
        prop_assert_eq!(resumed.now_us(), fresh.now_us());
    }
}
