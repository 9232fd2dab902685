//! Each example's "Try:" line (`experiment`) does what it says: the change it names, applied to
//! the example, gives the result it promises. A reworded scenario or a changed core that breaks a
//! promise fails here, not in front of a learner.

use faultline_sim::{
    example, examples, Answer, Direction, Effect, EventKind, FaultSpec, GiveUp, Run, Scenario,
};

/// Runs `id` after `change`; returns its node effects and how many requests web retried.
fn run_with(id: &str, change: impl FnOnce(&mut Scenario)) -> (Vec<Effect>, usize) {
    let mut s = example(id).unwrap_or_else(|| panic!("no example {id}"));
    change(&mut s);
    let mut r = Run::new(&s).expect("the changed example is valid");
    r.run_to_end();
    let events = &r.trace().events;
    let effects = events
        .iter()
        .filter_map(|e| match e.kind {
            EventKind::Effect(x) => Some(x),
            _ => None,
        })
        .collect();
    let retries = events
        .iter()
        .filter(|e| matches!(e.kind, EventKind::Retry { .. }))
        .count();
    (effects, retries)
}

fn answers(effects: &[Effect]) -> Vec<Answer> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::ToldClient { answer, .. } => Some(*answer),
            _ => None,
        })
        .collect()
}

fn count(effects: &[Effect], pick: fn(&Effect) -> bool) -> usize {
    effects.iter().filter(|e| pick(e)).count()
}

/// The example's partitions heal at 40 ms ("drag the band's bottom edge up to about 40 ms").
fn heal_at_40_ms(s: &mut Scenario) {
    for f in &mut s.faults {
        if let FaultSpec::Partition(p) = f {
            p.end_us = Some(40_000);
        }
    }
}

#[test]
fn every_example_says_what_to_try() {
    for s in examples() {
        assert!(
            !s.experiment.is_empty() && !s.experiment.contains('\n'),
            "{}: one line to try",
            s.id
        );
    }
}

#[test]
fn a_cut_that_heals_before_the_last_retry_confirms_the_order() {
    for id in ["partition-after-charge", "retries-compensate"] {
        let (effects, _) = run_with(id, heal_at_40_ms);
        assert_eq!(answers(&effects), [Answer::Confirmed], "{id}");
        assert_eq!(
            count(&effects, |e| matches!(e, Effect::Refunded { .. })),
            0,
            "{id}: no refund"
        );
    }
}

#[test]
fn idempotency_keys_decide_whether_a_lost_reply_charges_twice() {
    let twice = |e: &Effect| matches!(e, Effect::DoubleCharged { .. });
    let (with_keys, _) = run_with("lost-reply-no-idempotency", |s| {
        s.strategy.idempotency_keys = true
    });
    assert_eq!(count(&with_keys, twice), 0);
    let (without, _) = run_with("lost-reply-idempotent", |s| {
        s.strategy.idempotency_keys = false
    });
    assert_eq!(count(&without, twice), 1);
}

#[test]
fn without_reconciliation_the_client_is_left_pending() {
    let (effects, _) = run_with("reconcile-after-heal", |s| {
        s.strategy.after_give_up = GiveUp::Nothing
    });
    assert_eq!(answers(&effects), [Answer::Pending]);
}

#[test]
fn a_both_ways_cut_leaves_inventory_unaware() {
    let reserved = |e: &Effect| matches!(e, Effect::Reserved { .. });
    let (one_way, _) = run_with("asymmetric-partition", |_| {});
    assert_eq!(count(&one_way, reserved), 1, "one way: inventory reserved");
    let (both, _) = run_with("asymmetric-partition", |s| {
        for f in &mut s.faults {
            if let FaultSpec::Partition(p) = f {
                p.direction = Direction::Both;
            }
        }
    });
    assert_eq!(
        count(&both, reserved),
        0,
        "both ways: inventory never heard"
    );
    assert_eq!(
        answers(&one_way),
        answers(&both),
        "web tells the client the same"
    );
}

#[test]
fn a_timeout_longer_than_inventory_is_slow_needs_no_retry() {
    let (effects, retries) = run_with("slow-inventory", |s| s.strategy.timeout_us = 40_000);
    assert_eq!(retries, 0);
    assert_eq!(answers(&effects), [Answer::Confirmed]);
}

#[test]
fn without_retries_the_order_sent_while_billing_is_down_stays_pending() {
    let (effects, _) = run_with("billing-crash-restart", |s| s.strategy.max_retries = 0);
    assert_eq!(answers(&effects), [Answer::Confirmed, Answer::Pending]);
}
