//! One test per example scenario, asserting what a learner should see.

use faultline_sim::{
    example, examples, Answer, Belief, Effect, EventKind, NodeId, NodeStatus, Outcome, Run,
    Snapshot, Violation,
};

fn run(id: &str) -> (Run, Outcome, Snapshot) {
    let s = example(id).unwrap_or_else(|| panic!("no example {id}"));
    let mut r = Run::new(&s).expect("valid example");
    let o = r.run_to_end();
    let snap = r.snapshot();
    (r, o, snap)
}

fn known(snap: &Snapshot, node: NodeId, subject: &str, attr: &str) -> String {
    match snap.belief(node, subject, attr) {
        Some(Belief::Known { value, .. }) => value.clone(),
        other => panic!("{node} {subject} {attr}: expected Known, got {other:?}"),
    }
}

fn effects(r: &Run) -> Vec<Effect> {
    r.trace()
        .events
        .iter()
        .filter_map(|e| {
            if let EventKind::Effect(x) = e.kind {
                Some(x)
            } else {
                None
            }
        })
        .collect()
}

fn unexpected(r: &Run) -> Vec<&Violation> {
    r.violations().iter().filter(|v| !v.expected).collect()
}

#[test]
fn examples_load_in_order_with_descriptions() {
    let all = examples();
    let ids: Vec<&str> = all.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids.len(), 11);
    assert_eq!(ids[0], "happy-path");
    assert_eq!(ids[1], "partition-after-charge");
    for s in &all {
        assert!(
            !s.description.is_empty() && !s.description.contains('\n'),
            "{}",
            s.id
        );
        assert_eq!(
            faultline_sim::Scenario::from_json(&s.to_json()).as_ref(),
            Ok(s)
        );
    }
}

#[test]
fn happy_path_confirms() {
    let (r, o, snap) = run("happy-path");
    assert!(matches!(o, Outcome::Quiescent { .. }));
    assert_eq!(
        known(&snap, NodeId::CLIENT, "order 1", "status"),
        "confirmed"
    );
    assert_eq!(snap.fact("order 1", "charged"), Some("yes"));
    assert_eq!(snap.fact("order 1", "reserved"), Some("yes"));
    assert!(snap.divergences.is_empty(), "{:?}", snap.divergences);
    assert!(snap.open_requests.is_empty());
    assert!(r.violations().is_empty());
}

#[test]
fn partition_after_charge_is_the_seeds_case() {
    let (r, o, snap) = run("partition-after-charge");
    assert!(matches!(o, Outcome::Quiescent { .. }));
    // billing charged, and web knows it.
    assert_eq!(snap.fact("order 1", "charged"), Some("yes"));
    assert_eq!(known(&snap, NodeId::WEB, "order 1", "charged"), "yes");
    // inventory is up and never saw the request.
    assert_eq!(snap.nodes_up[NodeId::INVENTORY.index()], NodeStatus::Up);
    let inv = &snap.views[NodeId::INVENTORY.index()].beliefs[0];
    assert_eq!(inv.note.as_deref(), Some("never heard of order 1"));
    assert!(!r
        .trace()
        .events
        .iter()
        .any(|e| e.node == NodeId::INVENTORY && matches!(e.kind, EventKind::Deliver { .. })));
    // web's bounded retries timed out and it cannot tell.
    match snap.belief(NodeId::WEB, "order 1", "reserved") {
        Some(Belief::Unknown { why, .. }) => assert_eq!(why, "3 requests to inventory timed out"),
        other => panic!("{other:?}"),
    }
    assert!(snap
        .belief(NodeId::WEB, "inventory", "reachable")
        .is_some_and(Belief::is_unknown));
    // the truth: charged, not reserved; web tells the client "we don't know yet".
    assert_eq!(snap.fact("order 1", "reserved"), Some("no"));
    assert_eq!(known(&snap, NodeId::CLIENT, "order 1", "status"), "pending");
    assert!(snap
        .divergences
        .iter()
        .any(|d| d.node == NodeId::WEB && d.attribute == "reserved" && d.truth == "no"));
    assert!(unexpected(&r).is_empty());
}

#[test]
fn lost_reply_without_keys_double_charges() {
    let (r, _, snap) = run("lost-reply-no-idempotency");
    assert!(effects(&r).iter().any(|e| matches!(
        e,
        Effect::DoubleCharged {
            order: 1,
            times: 2,
            ..
        }
    )));
    assert_eq!(snap.fact("order 1", "charged"), Some("yes, 2 times"));
    // web believes one charge: its view diverges from the ledger.
    assert_eq!(known(&snap, NodeId::WEB, "order 1", "charged"), "yes");
    assert!(snap
        .divergences
        .iter()
        .any(|d| d.attribute == "charged" && d.truth == "yes, 2 times"));
    let v: Vec<_> = r
        .violations()
        .iter()
        .filter(|v| v.name == "no-double-charge")
        .collect();
    assert_eq!(v.len(), 1);
    assert!(
        v[0].expected,
        "keys are off, so the double charge is the lesson, not a bug"
    );
    assert!(unexpected(&r).is_empty());
}

#[test]
fn lost_reply_with_keys_charges_once() {
    let (r, _, snap) = run("lost-reply-idempotent");
    assert!(effects(&r)
        .iter()
        .any(|e| matches!(e, Effect::ChargeDeduplicated { order: 1 })));
    assert_eq!(snap.fact("order 1", "charged"), Some("yes"));
    assert_eq!(
        known(&snap, NodeId::CLIENT, "order 1", "status"),
        "confirmed"
    );
    assert!(r.violations().is_empty());
}

#[test]
fn compensation_refunds_and_fails_the_order() {
    let (r, _, snap) = run("retries-compensate");
    assert_eq!(snap.fact("order 1", "charged"), Some("yes"));
    assert_eq!(snap.fact("order 1", "refunded"), Some("yes"));
    assert_eq!(snap.fact("order 1", "reserved"), Some("no"));
    assert_eq!(known(&snap, NodeId::CLIENT, "order 1", "status"), "failed");
    assert_eq!(known(&snap, NodeId::WEB, "order 1", "refunded"), "yes");
    assert!(r.violations().is_empty());
}

#[test]
fn reconciliation_converges_after_heal() {
    let (r, o, snap) = run("reconcile-after-heal");
    assert!(matches!(o, Outcome::Quiescent { .. }));
    let told: Vec<Answer> = effects(&r)
        .iter()
        .filter_map(|e| {
            if let Effect::ToldClient { answer, .. } = e {
                Some(*answer)
            } else {
                None
            }
        })
        .collect();
    assert_eq!(told, vec![Answer::Pending, Answer::Confirmed]);
    assert!(r
        .trace()
        .events
        .iter()
        .any(|e| matches!(e.kind, EventKind::Reconcile { .. })));
    assert_eq!(known(&snap, NodeId::WEB, "order 1", "reserved"), "yes");
    assert!(snap.divergences.is_empty(), "{:?}", snap.divergences);
    assert!(r.violations().is_empty());
}

#[test]
fn asymmetric_partition_processed_but_unheard() {
    let (r, _, snap) = run("asymmetric-partition");
    // inventory did reserve; web cannot tell.
    assert_eq!(snap.fact("order 1", "reserved"), Some("yes"));
    assert!(snap
        .belief(NodeId::WEB, "order 1", "reserved")
        .is_some_and(Belief::is_unknown));
    assert!(effects(&r)
        .iter()
        .any(|e| matches!(e, Effect::ReserveDeduplicated { .. })));
    assert!(unexpected(&r).is_empty());
}

#[test]
fn slow_inventory_is_not_dead() {
    let (r, _, snap) = run("slow-inventory");
    assert!(r.trace().events.iter().any(|e| matches!(
        e.kind,
        EventKind::Timeout {
            peer: NodeId::INVENTORY,
            ..
        }
    )));
    assert!(!r
        .trace()
        .events
        .iter()
        .any(|e| matches!(e.kind, EventKind::Drop { .. })));
    assert_eq!(snap.fact("order 1", "reserved"), Some("yes"));
    assert_eq!(
        known(&snap, NodeId::CLIENT, "order 1", "status"),
        "confirmed"
    );
    assert!(r.violations().is_empty());
}

#[test]
fn billing_crash_keeps_the_ledger() {
    let (r, _, snap) = run("billing-crash-restart");
    let ev = &r.trace().events;
    assert!(ev
        .iter()
        .any(|e| e.node == NodeId::BILLING && e.kind == EventKind::Crash));
    assert!(ev.iter().any(|e| matches!(
        e.kind,
        EventKind::Drop {
            reason: faultline_sim::DropReason::ReceiverDown,
            ..
        }
    )));
    // order 1 was charged before the crash and is still in the ledger after it.
    assert_eq!(known(&snap, NodeId::BILLING, "order 1", "charged"), "yes");
    assert_eq!(
        known(&snap, NodeId::CLIENT, "order 2", "status"),
        "confirmed"
    );
    assert!(r.violations().is_empty());
}

#[test]
fn clock_skew_misorders_wall_clocks() {
    let (r, _, _) = run("clock-skew");
    let t = r.trace();
    let charged = t
        .events
        .iter()
        .find(|e| matches!(e.kind, EventKind::Effect(Effect::Charged { .. })))
        .unwrap();
    let reserved = t
        .events
        .iter()
        .find(|e| matches!(e.kind, EventKind::Effect(Effect::Reserved { .. })))
        .unwrap();
    assert!(t.happens_before(charged.seq, reserved.seq));
    assert!(charged.lamport < reserved.lamport);
    assert!(
        charged.wall_us > reserved.wall_us,
        "the wall clocks tell the opposite story"
    );
    let set: Vec<String> = t.events.iter().take(2).map(|e| e.summary()).collect();
    assert_eq!(
        set,
        [
            "inventory: wall clock set 8 ms behind",
            "billing: wall clock set 1.5 ms ahead, drifting 200 ppm"
        ]
    );
}

#[test]
fn workload_has_thousands_of_messages() {
    let (r, o, snap) = run("workload");
    assert!(matches!(o, Outcome::Quiescent { .. }));
    let msgs = r.trace().messages();
    assert!(msgs.len() >= 1_500, "{}", msgs.len());
    assert!(msgs.iter().any(|m| matches!(
        m.fate,
        faultline_sim::Fate::Dropped(faultline_sim::DropReason::Loss)
    )));
    assert_eq!(snap.views[0].beliefs.len(), 200);
    assert!(unexpected(&r).is_empty(), "{:?}", unexpected(&r));
}
