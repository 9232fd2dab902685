//! A change re-runs the same seed; `end_changes` names what then ended otherwise, and nothing else.

use faultline_sim::{end_changes, example, total_changes, FaultSpec, Run, Scenario, Snapshot};

fn end_of(s: &Scenario) -> Snapshot {
    let mut r = Run::new(s).expect("a valid scenario");
    r.run_to_end();
    let end = r.trace().events.last().map_or(0, |e| e.time_us);
    r.snapshot_at(end)
}

fn words(before: &Scenario, after: &Scenario) -> Vec<String> {
    end_changes(&end_of(before), &end_of(after))
        .into_iter()
        .map(|c| format!("{}: {} → {}", c.what, c.before, c.after))
        .collect()
}

#[test]
fn the_same_run_ends_the_same() {
    let s = example("partition-after-charge").expect("the seed's example");
    assert_eq!(words(&s, &s), Vec::<String>::new());
}

#[test]
fn a_cut_that_heals_in_time_ends_with_the_item_reserved_and_the_order_confirmed() {
    let before = example("partition-after-charge").expect("the seed's example");
    let mut after = before.clone();
    for f in &mut after.faults {
        if let FaultSpec::Partition(p) = f {
            p.end_us = Some(40_000);
        }
    }
    assert_eq!(
        words(&before, &after),
        [
            "order 1 reserved: no → yes",
            "inventory stock: 10 → 9",
            "order 1 as the client was told: pending → confirmed",
        ]
    );
}

#[test]
fn keys_off_after_a_lost_reply_charge_twice_and_break_an_invariant() {
    let before = example("lost-reply-idempotent").expect("the example");
    let mut after = before.clone();
    after.strategy.idempotency_keys = false;
    assert_eq!(
        words(&before, &after),
        [
            "order 1 charged: yes → yes, 2 times",
            "invariant breaks: 0 → 1"
        ]
    );
}

#[test]
fn fewer_orders_name_the_orders_no_longer_placed() {
    let before = example("happy-path").expect("the example");
    let mut after = before.clone();
    let mut more = before.clone();
    more.workload.orders = 2;
    after.workload.orders = 1;
    let w = words(&more, &after);
    assert!(w.contains(&"order 2 charged: yes → —".to_string()), "{w:?}");
    assert!(
        w.contains(&"order 2 as the client was told: confirmed → —".to_string()),
        "{w:?}"
    );
}

#[test]
fn a_busy_run_is_compared_in_totals() {
    let before = example("workload").expect("the example");
    let mut after = before.clone();
    after.network.loss = 0.0;
    let (old, new) = (end_of(&before), end_of(&after));
    let each = end_changes(&old, &new);
    assert!(each.len() > 20, "order by order: {}", each.len());
    let totals: Vec<String> = total_changes(&old, &new)
        .into_iter()
        .map(|c| format!("{}: {} → {}", c.what, c.before, c.after))
        .collect();
    assert_eq!(
        totals,
        [
            "orders charged: 189 → 200",
            "orders reserved: 101 → 108",
            "orders refunded: 88 → 92",
            "orders told confirmed: 98 → 108",
            "orders told failed: 85 → 92",
            "inventory stock: 899 → 892",
            "orders with no answer: 17 → 0",
        ]
    );
    // The same run counts the same.
    assert!(total_changes(&old, &old).is_empty());
}
