//! What a caller may do next about an unanswered request, checked on whole runs of the examples.

use faultline_sim::{example, next_moves, Act, NextMove, NodeId, Run, Scenario};

/// Every (request, its moves) seen after each event of a run of `s`, for requests to `to`.
fn moves_seen(s: &Scenario, to: NodeId) -> Vec<(faultline_sim::Step, Vec<NextMove>)> {
    let mut r = Run::new(s).unwrap();
    let mut seen = Vec::new();
    while let Some(now) = r.step().map(|e| e.time_us) {
        for o in r.snapshot().open_requests.iter().filter(|o| o.to == to) {
            seen.push((o.step, next_moves(o, &s.strategy, now)));
        }
    }
    seen
}

fn words(moves: &[NextMove]) -> Vec<&str> {
    moves.iter().map(|m| m.words.as_str()).collect()
}

#[test]
fn with_keys_a_retry_is_safe_until_the_tries_run_out() {
    let s = example("partition-after-charge").unwrap();
    let seen = moves_seen(&s, NodeId::INVENTORY);
    assert!(!seen.is_empty());
    for (step, moves) in &seen {
        assert_eq!(step.act, Act::Reserve);
        let wait = &moves[0];
        let late = "Take a late reply: web stopped waiting for this one at";
        assert!(wait.safe, "{wait:?}");
        assert!(
            wait.words
                .starts_with("Wait for the reply, until the timeout at")
                || wait.words.starts_with(late),
            "{wait:?}"
        );
        let last = moves.last().unwrap();
        assert!(
            !last.safe && last.words.starts_with("Decide that inventory is down"),
            "{moves:?}"
        );
        let retry = moves.iter().find(|m| m.words.starts_with("Retry"));
        if step.attempt <= s.strategy.max_retries {
            let retry =
                retry.unwrap_or_else(|| panic!("try {} may retry: {moves:?}", step.attempt));
            assert!(
                retry.safe && retry.words.contains("The key k1"),
                "{retry:?}"
            );
            assert!(retry
                .words
                .contains(&format!("try {} of 3", step.attempt + 1)));
        } else {
            assert!(
                retry.is_none(),
                "no try left after {}: {moves:?}",
                step.attempt
            );
        }
    }
    let late = seen
        .iter()
        .filter(|(_, m)| m[0].words.starts_with("Take a late reply"))
        .count();
    assert!(late > 0, "an earlier try is still open after its timeout");
    let last_try = seen
        .iter()
        .find(|(step, _)| step.attempt == 3)
        .expect("a third try");
    let give_up = last_try
        .1
        .iter()
        .find(|m| m.words.starts_with("Give up"))
        .unwrap();
    assert!(
        !give_up.safe && give_up.words.contains("reserved the item"),
        "{give_up:?}"
    );
}

#[test]
fn without_keys_a_retry_may_act_twice() {
    let mut s = example("partition-after-charge").unwrap();
    s.strategy.idempotency_keys = false;
    let seen = moves_seen(&s, NodeId::INVENTORY);
    let retries: Vec<_> = seen
        .iter()
        .flat_map(|(_, m)| m.iter().filter(|m| m.words.starts_with("Retry")))
        .collect();
    assert!(!retries.is_empty());
    assert!(
        retries
            .iter()
            .all(|m| !m.safe && m.words.contains("would reserve the item again")),
        "{retries:?}"
    );
}

#[test]
fn compensation_and_reconciliation_are_safe_ways_to_give_up() {
    let s = example("retries-compensate").unwrap();
    let seen = moves_seen(&s, NodeId::INVENTORY);
    let give_up = seen[0]
        .1
        .iter()
        .find(|m| m.words.contains("give up"))
        .unwrap();
    assert!(
        give_up.safe && give_up.words.contains("refund the charge"),
        "{give_up:?}"
    );

    let s = example("reconcile-after-heal").unwrap();
    let seen = moves_seen(&s, NodeId::INVENTORY);
    let (_, asking) = seen
        .iter()
        .find(|(step, _)| step.round > 0)
        .expect("web reconciles");
    assert!(
        asking[0]
            .words
            .starts_with("Wait: web asks again every 50 ms"),
        "{asking:?}"
    );
    assert!(
        words(asking)
            .iter()
            .any(|w| w.starts_with("Ask again: round ")),
        "{asking:?}"
    );
}

#[test]
fn the_client_may_only_wait() {
    let s = example("partition-after-charge").unwrap();
    let seen = moves_seen(&s, NodeId::WEB);
    let (step, moves) = &seen[0];
    assert_eq!(step.act, Act::PlaceOrder);
    assert_eq!(moves.iter().filter(|m| m.safe).count(), 1, "{moves:?}");
    assert_eq!(moves[0].words, "Wait for web's answer.");
}
