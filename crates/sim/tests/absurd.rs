//! Absurd numbers: zero and huge timeouts, a million retries, 100,000 orders, a thousand partitions,
//! the largest latencies, limits and clock skews. Each must give a clear `ScenarioError` naming the
//! field, or a run that stops within its bounds. (No wall-clock assertions: a hang would show as a
//! test that never finishes.)

use faultline_sim::bench::bench_scenario;
use faultline_sim::{
    Direction, FaultSpec, GiveUp, LinkSpec, MessageAction, MessageFault, Mode, MsgId, NodeId,
    Outcome, PartitionSpec, Run, Scenario, ScenarioError, Strategy,
};

/// One hour, the largest time a scenario accepts.
const HOUR_US: u64 = 3_600_000_000;
/// Trace events one step may add beyond `max_events` (one delivery and its invariant reports).
const STEP_SLACK: u64 = 64;

fn base() -> Scenario {
    Scenario::basic("absurd")
}

/// The error for `s`, which must name `field` and say something.
fn rejected(s: &Scenario, field: &str) -> ScenarioError {
    let e = s.validate().expect_err("scenario should be rejected");
    assert_eq!(e.field, field, "{e}");
    assert!(!e.message.trim().is_empty(), "{e}");
    // Run::new refuses it the same way.
    assert_eq!(Run::new(s).err().as_ref(), Some(&e));
    e
}

/// Runs `s` to its end and checks the run stopped within the scenario's bounds.
fn bounded(s: &Scenario) -> (Run, Outcome) {
    let mut run = Run::new(s).expect("scenario should be accepted");
    let outcome = run.run_to_end();
    let events = run.trace().events.len() as u64;
    assert!(
        events <= s.limits.max_events + STEP_SLACK,
        "{events} events for {outcome:?}"
    );
    match outcome {
        Outcome::Quiescent { at_us } | Outcome::TimeLimit { at_us } => {
            assert!(at_us <= s.limits.max_time_us, "{outcome:?}")
        }
        Outcome::EventLimit { events } => assert!(events >= s.limits.max_events, "{outcome:?}"),
        Outcome::Reached { .. } => panic!("run_to_end stopped early: {outcome:?}"),
    }
    assert!(run
        .trace()
        .events
        .iter()
        .all(|e| e.time_us <= s.limits.max_time_us));
    (run, outcome)
}

/// A partition of web from inventory from `start_us`, healing at `end_us` (never if None).
fn cut(start_us: u64, end_us: Option<u64>, mode: Mode) -> FaultSpec {
    FaultSpec::Partition(PartitionSpec {
        a: vec![NodeId::WEB],
        b: vec![NodeId::INVENTORY],
        direction: Direction::Both,
        mode,
        start_us,
        end_us,
    })
}

#[test]
fn zero_timeout_is_refused() {
    let mut s = base();
    s.strategy.timeout_us = 0;
    rejected(&s, "strategy.timeout_us");
}

#[test]
fn huge_timeouts_are_refused_and_the_largest_allowed_one_runs() {
    for t in [HOUR_US + 1, u64::MAX / 2, u64::MAX] {
        let mut s = base();
        s.strategy.timeout_us = t;
        let e = rejected(&s, "strategy.timeout_us");
        assert!(e.message.contains("one hour"), "{e}");
    }
    // An hour-long timeout behind a partition that never heals: web waits, then gives up once.
    let mut s = base();
    s.strategy.timeout_us = HOUR_US;
    s.strategy.max_retries = 3;
    s.faults = vec![cut(0, None, Mode::Drop)];
    let (_, outcome) = bounded(&s);
    assert!(
        matches!(
            outcome,
            Outcome::Quiescent { .. } | Outcome::TimeLimit { .. }
        ),
        "{outcome:?}"
    );
}

#[test]
fn a_one_microsecond_timeout_runs() {
    let mut s = base();
    s.strategy.timeout_us = 1;
    s.strategy.backoff_base_us = 0;
    s.strategy.backoff_max_us = 0;
    s.strategy.max_retries = 1_000;
    s.workload.orders = 20;
    bounded(&s);
}

#[test]
fn a_million_retries_are_refused() {
    for r in [1_001, 1_000_000, u32::MAX] {
        let mut s = base();
        s.strategy.max_retries = r;
        let e = rejected(&s, "strategy.max_retries");
        assert!(e.message.contains("too many"), "{e}");
    }
}

#[test]
fn the_most_retries_behind_a_partition_that_never_heals_stop() {
    for mode in [Mode::Drop, Mode::Hold] {
        let mut s = base();
        s.strategy = Strategy {
            timeout_us: 1,
            max_retries: 1_000,
            backoff_base_us: 0,
            backoff_max_us: 0,
            jitter: false,
            idempotency_keys: false,
            after_give_up: GiveUp::Reconcile,
            reconcile_interval_us: 1,
            reconcile_max_rounds: 100_000,
        };
        s.workload.orders = 5;
        s.faults = vec![cut(0, None, mode)];
        s.limits.max_events = 200_000;
        bounded(&s);
    }
}

#[test]
fn a_hundred_thousand_orders_run_within_the_event_limit() {
    let mut s = bench_scenario(100_000);
    s.limits.max_events = 150_000;
    let (run, outcome) = bounded(&s);
    assert!(matches!(outcome, Outcome::EventLimit { .. }), "{outcome:?}");
    // Seeking and snapshots on a run cut short by the limit stay bounded too.
    let end = run.now_us();
    let _ = run.snapshot_at(end / 2);
    let _ = run.snapshot_at(u64::MAX);
}

#[test]
fn more_than_a_hundred_thousand_orders_are_refused() {
    for n in [100_001, 1_000_000, u32::MAX] {
        let mut s = base();
        s.workload.orders = n;
        s.workload.interval_us = 1;
        let e = rejected(&s, "workload.orders");
        assert!(e.message.contains("too many"), "{e}");
    }
    // Orders placed after an hour are refused by name, as is a zero interval between orders.
    let mut s = base();
    s.workload.orders = 100_000;
    s.workload.interval_us = 1_000_000;
    rejected(&s, "workload.interval_us");
    s.workload.interval_us = 0;
    rejected(&s, "workload.interval_us");
}

#[test]
fn a_thousand_partitions_run_and_one_more_is_refused() {
    let mut s = base();
    s.workload.orders = 50;
    s.workload.interval_us = 2_000;
    s.faults = (0..1_000u64)
        .map(|i| {
            cut(
                i * 100,
                Some(i * 100 + 50),
                if i % 2 == 0 { Mode::Drop } else { Mode::Hold },
            )
        })
        .collect();
    let (mut run, _) = bounded(&s);
    // The run refuses a 1,001st fault added live, with a message.
    let e = run
        .apply(cut(0, Some(10), Mode::Drop))
        .expect_err("a 1,001st fault");
    assert_eq!(e.field, "faults");
    s.faults.push(cut(0, Some(10), Mode::Drop));
    rejected(&s, "faults");
}

#[test]
fn a_thousand_overlapping_partitions_that_never_heal_stop() {
    let mut s = base();
    s.workload.orders = 10;
    s.faults = (0..1_000u64).map(|i| cut(i, None, Mode::Hold)).collect();
    bounded(&s);
}

#[test]
fn the_largest_latencies_run_and_larger_ones_are_refused() {
    let mut s = base();
    s.network.latency_min_us = HOUR_US;
    s.network.latency_max_us = HOUR_US;
    let (_, outcome) = bounded(&s);
    // Every message takes an hour, so the run meets its one-hour time limit.
    assert!(
        matches!(
            outcome,
            Outcome::TimeLimit { .. } | Outcome::Quiescent { .. }
        ),
        "{outcome:?}"
    );

    s.network.latency_min_us = 1;
    s.network.latency_max_us = HOUR_US;
    s.workload.orders = 100;
    bounded(&s);

    for (min, max, field) in [
        (0, 10, "network.latency_min_us"),
        (1, HOUR_US + 1, "network.latency_max_us"),
        (1, u64::MAX, "network.latency_max_us"),
        (u64::MAX, u64::MAX, "network.latency_max_us"),
        (10, 9, "network.latency_max_us"),
    ] {
        s.network.latency_min_us = min;
        s.network.latency_max_us = max;
        rejected(&s, field);
    }
}

#[test]
fn absurd_link_overrides_are_refused_by_name() {
    let link = |min: Option<u64>, max: Option<u64>, loss: Option<f64>| LinkSpec {
        from: NodeId::WEB,
        to: NodeId::BILLING,
        latency_min_us: min,
        latency_max_us: max,
        loss,
        duplicate: None,
    };
    let mut s = base();
    s.network.links = vec![link(Some(HOUR_US), Some(HOUR_US), Some(1.0))];
    bounded(&s);
    for (l, field) in [
        (
            link(None, Some(u64::MAX), None),
            "network.links[0].latency_max_us",
        ),
        (link(Some(0), None, None), "network.links[0].latency_min_us"),
        (
            link(None, None, Some(f64::INFINITY)),
            "network.links[0].loss",
        ),
        (link(None, None, Some(-0.5)), "network.links[0].loss"),
    ] {
        s.network.links = vec![l];
        rejected(&s, field);
    }
    s.network.links = vec![link(None, None, None); 65];
    rejected(&s, "network.links");
}

#[test]
fn not_a_number_probabilities_are_refused() {
    let mut s = base();
    s.network.loss = f64::NAN;
    assert_eq!(s.validate().unwrap_err().field, "network.loss");
    s.network.loss = 0.0;
    s.network.duplicate = f64::NAN;
    assert_eq!(s.validate().unwrap_err().field, "network.duplicate");
}

#[test]
fn certain_loss_and_certain_duplication_stop() {
    // Everything web sends to billing is lost: a thousand retries, then reconciling until the
    // scenario's time limit.
    let mut s = base();
    s.network.links = vec![LinkSpec {
        from: NodeId::WEB,
        to: NodeId::BILLING,
        latency_min_us: None,
        latency_max_us: None,
        loss: Some(1.0),
        duplicate: None,
    }];
    s.strategy.max_retries = 1_000;
    s.strategy.after_give_up = GiveUp::Reconcile;
    s.strategy.reconcile_max_rounds = 100_000;
    let (run, _) = bounded(&s);
    assert!(
        run.trace().events.len() > 2_000,
        "the retries did not happen"
    );
    // Everything lost, everywhere: the client's one request vanishes and the run goes quiet.
    s.network.links.clear();
    s.network.loss = 1.0;
    bounded(&s);
    s.network.loss = 0.0;
    s.network.duplicate = 1.0;
    s.workload.orders = 200;
    bounded(&s);
}

#[test]
fn event_limits_at_and_past_the_bounds() {
    let mut s = base();
    for (max_events, ok) in [
        (0, false),
        (1, true),
        (50_000_000, true),
        (50_000_001, false),
        (u64::MAX, false),
    ] {
        s.limits.max_events = max_events;
        if ok {
            bounded(&s);
        } else {
            rejected(&s, "limits.max_events");
        }
    }
    s.limits.max_events = 1_000;
    for (max_time_us, ok) in [
        (0, false),
        (1, true),
        (HOUR_US, true),
        (HOUR_US + 1, false),
        (u64::MAX, false),
    ] {
        s.limits.max_time_us = max_time_us;
        if ok {
            bounded(&s);
        } else {
            rejected(&s, "limits.max_time_us");
        }
    }
}

#[test]
fn a_huge_event_limit_still_stops_when_nothing_is_left() {
    let mut s = base();
    s.limits.max_events = 50_000_000;
    s.workload.orders = 100;
    let (_, outcome) = bounded(&s);
    assert!(matches!(outcome, Outcome::Quiescent { .. }), "{outcome:?}");
}

#[test]
fn extreme_clock_skew_runs() {
    // A clock that stands still (drift -100%), one that runs twice as fast, an hour off either way.
    for (offset_us, drift_ppm) in [
        (0, -1_000_000),
        (0, 1_000_000),
        (HOUR_US as i64, 0),
        (-(HOUR_US as i64), -1_000_000),
    ] {
        let mut s = base();
        s.workload.orders = 3;
        s.faults = [NodeId::WEB, NodeId::BILLING, NodeId::INVENTORY]
            .into_iter()
            .map(|node| FaultSpec::ClockSkew {
                node,
                offset_us,
                drift_ppm,
                at_us: 0,
            })
            .collect();
        bounded(&s);
    }
    let mut s = base();
    s.faults = vec![FaultSpec::ClockSkew {
        node: NodeId::WEB,
        offset_us: 0,
        drift_ppm: 1_000_001,
        at_us: 0,
    }];
    rejected(&s, "faults[0].drift_ppm");
    s.faults = vec![FaultSpec::ClockSkew {
        node: NodeId::WEB,
        offset_us: i64::MIN,
        drift_ppm: 0,
        at_us: 0,
    }];
    rejected(&s, "faults[0].offset_us");
}

#[test]
fn absurd_node_and_message_faults() {
    let mut s = base();
    s.workload.orders = 5;
    s.faults = vec![
        FaultSpec::Crash {
            node: NodeId::BILLING,
            at_us: 0,
            restart_us: None,
        },
        FaultSpec::Pause {
            node: NodeId::INVENTORY,
            at_us: 0,
            resume_us: Some(HOUR_US),
        },
        FaultSpec::Message(MessageFault {
            msg: MsgId(u64::MAX),
            at_us: None,
            action: MessageAction::Drop,
        }),
        FaultSpec::Message(MessageFault {
            msg: MsgId(2),
            at_us: Some(HOUR_US),
            action: MessageAction::Delay { extra_us: HOUR_US },
        }),
    ];
    bounded(&s);
    for (f, field) in [
        (
            FaultSpec::Crash {
                node: NodeId::WEB,
                at_us: u64::MAX,
                restart_us: None,
            },
            "faults[0].at_us",
        ),
        (
            FaultSpec::Crash {
                node: NodeId::WEB,
                at_us: 10,
                restart_us: Some(10),
            },
            "faults[0].restart_us",
        ),
        (
            FaultSpec::Pause {
                node: NodeId::WEB,
                at_us: 0,
                resume_us: Some(u64::MAX),
            },
            "faults[0].resume_us",
        ),
        (
            FaultSpec::Message(MessageFault {
                msg: MsgId(0),
                at_us: None,
                action: MessageAction::Duplicate,
            }),
            "faults[0].msg",
        ),
        (
            FaultSpec::Message(MessageFault {
                msg: MsgId(1),
                at_us: None,
                action: MessageAction::Delay { extra_us: u64::MAX },
            }),
            "faults[0].action.extra_us",
        ),
        (
            cut(u64::MAX, None, Mode::Drop),
            "faults[0].partition.start_us",
        ),
        (cut(5, Some(5), Mode::Drop), "faults[0].partition.end_us"),
    ] {
        s.faults = vec![f];
        rejected(&s, field);
    }
}

#[test]
fn reconciling_every_microsecond_stops() {
    let mut s = base();
    s.strategy.after_give_up = GiveUp::Reconcile;
    s.strategy.reconcile_interval_us = 1;
    s.strategy.reconcile_max_rounds = 100_000;
    s.faults = vec![cut(0, None, Mode::Drop)];
    s.limits.max_events = 300_000;
    bounded(&s);
    s.strategy.reconcile_max_rounds = 100_001;
    rejected(&s, "strategy.reconcile_max_rounds");
    s.strategy.reconcile_interval_us = 0;
    rejected(&s, "strategy.reconcile_interval_us");
}

#[test]
fn stepping_past_the_end_adds_nothing() {
    for id in [
        "partition-after-charge",
        "lost-reply-no-idempotency",
        "workload",
    ] {
        let mut run = Run::new(&faultline_sim::example(id).unwrap()).unwrap();
        run.run_to_end();
        let len = run.trace().events.len();
        for _ in 0..3 {
            assert!(
                run.step().is_none(),
                "{id}: step after the end gave an event"
            );
            run.run_to_end();
        }
        assert_eq!(run.trace().events.len(), len, "{id}");
    }
}

#[test]
fn seeking_to_absurd_times_is_bounded() {
    let mut s = base();
    s.workload.orders = 30;
    let mut run = Run::new(&s).unwrap();
    run.seek(u64::MAX);
    let end = run.trace().events.len();
    let _ = run.snapshot_at(u64::MAX);
    run.seek(0);
    assert_eq!(run.now_us(), 0);
    run.seek(HOUR_US * 1_000);
    assert_eq!(run.trace().events.len(), end);
    run.run_until(u64::MAX);
    // A live fault at an absurd "now" is refused by name, not wrapped around.
    let e = run
        .apply(FaultSpec::Crash {
            node: NodeId::WEB,
            at_us: 0,
            restart_us: Some(HOUR_US),
        })
        .expect_err("restart after the one-hour bound");
    assert!(e.field.starts_with("faults["), "{e}");
}

#[test]
fn hostile_files_are_refused_with_a_message() {
    let deep = "[".repeat(100_000);
    let huge = format!(r#"{{"id":"x","description":"{}"}}"#, "a".repeat(5 << 20));
    let long_id = format!(r#"{{"id":"{}"}}"#, "x".repeat(101));
    let deep_field = format!(r#"{{"id":"x","description":{deep}"#);
    for text in [deep.as_str(), deep_field.as_str()] {
        assert!(Scenario::from_json(text).is_err());
    }
    for (text, field) in [
        (huge.as_str(), "scenario"),
        (long_id.as_str(), "id"),
        (r#"{"id":"x","seed":-1}"#, "seed"),
        (r#"{"id":"x","seed":1e400}"#, "seed"),
        (
            r#"{"id":"x","workload":{"orders":4294967296}}"#,
            "workload.orders",
        ),
        (
            r#"{"id":"x","strategy":{"max_retries":1e6}}"#,
            "strategy.max_retries",
        ),
        (r#"{"id":"x","network":{"loss":1e400}}"#, "network.loss"),
        (
            r#"{"id":"x","limits":{"max_events":18446744073709551616}}"#,
            "limits.max_events",
        ),
    ] {
        let e = Scenario::from_json(text).expect_err(&text[..text.len().min(60)]);
        assert_eq!(e.field, field, "{e}");
        assert!(!e.message.is_empty());
    }
}

/// Numbers past what a field holds are called too large, and times past an hour say by how much.
#[test]
fn too_large_says_so_in_words() {
    let e = Scenario::from_json(r#"{"id":"x","seed":99999999999999999999999}"#).unwrap_err();
    assert_eq!(e.field, "seed");
    assert!(e.message.starts_with("is too large"), "{e}");
    let e = Scenario::from_json(" [] ").unwrap_err();
    assert_eq!(
        e.message,
        "a scenario is one JSON object, { … }, not a list"
    );
    let e = Scenario::from_json(r#"{"id":"x","seed":2.5}"#).unwrap_err();
    assert!(e.message.starts_with("must be a whole number"), "{e}");
    let mut s = base();
    s.workload.start_us = HOUR_US + 1;
    let e = rejected(&s, "workload.start_us");
    assert_eq!(
        e.message,
        "3600000001 µs (3600 s) is too long: at most one hour"
    );
}
