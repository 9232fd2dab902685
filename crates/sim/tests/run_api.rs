//! The Run API the UI drives: step, run_until, seek, snapshot_at, apply "now", clocks.

use faultline_sim::{
    example, Direction, EventKind, Fate, FaultSpec, MessageAction, MessageFault, Mode, MsgId,
    NodeId, PartitionSpec, Run,
};

fn fresh(id: &str) -> Run {
    Run::new(&example(id).unwrap()).unwrap()
}

#[test]
fn stepping_gives_the_same_trace_as_running() {
    let mut a = fresh("workload");
    a.run_to_end();
    let mut b = fresh("workload");
    let mut calls = 0;
    while let Some(e) = b.step() {
        assert_eq!(e.seq as usize, {
            calls += 1;
            e.seq as usize
        });
    }
    assert!(calls > 0 && calls <= a.trace().events.len());
    assert_eq!(a.trace(), b.trace());
}

#[test]
fn snapshot_at_matches_a_fresh_run_and_leaves_self_alone() {
    let mut full = fresh("workload");
    full.run_to_end();
    let hash = full.trace().hash();
    for t in [0, 5_000, 333_333, 900_000, 1_600_000, 5_000_000] {
        let mut part = fresh("workload");
        part.run_until(t);
        assert_eq!(full.snapshot_at(t), part.snapshot(), "at {t}");
    }
    assert_eq!(full.trace().hash(), hash);
}

#[test]
fn seek_back_and_forth_is_deterministic() {
    let mut r = fresh("workload");
    r.run_to_end();
    let all = r.trace().clone();
    r.seek(700_000);
    assert_eq!(r.now_us(), 700_000);
    assert!(r.trace().events.iter().all(|e| e.time_us <= 700_000));
    let mut part = fresh("workload");
    part.run_until(700_000);
    assert_eq!(r.trace(), part.trace());
    assert_eq!(r.snapshot(), part.snapshot());
    r.run_to_end();
    assert_eq!(r.trace(), &all);
}

#[test]
fn apply_now_is_reproducible_from_the_recorded_scenario() {
    let mut r = fresh("happy-path");
    r.run_until(4_000);
    let cut = PartitionSpec {
        a: vec![NodeId::WEB],
        b: vec![NodeId::INVENTORY],
        direction: Direction::Both,
        mode: Mode::Hold,
        start_us: 0,
        end_us: Some(50_000),
    };
    r.apply(FaultSpec::Partition(cut)).unwrap();
    r.apply(FaultSpec::Crash {
        node: NodeId::BILLING,
        at_us: 0,
        restart_us: Some(1),
    })
    .unwrap();
    r.run_to_end();
    match &r.scenario().faults[0] {
        FaultSpec::Partition(p) => assert_eq!((p.start_us, p.end_us), (4_000, Some(54_000))),
        f => panic!("{f:?}"),
    }
    let mut again = Run::new(r.scenario()).unwrap();
    again.run_to_end();
    assert_eq!(again.trace().to_json(), r.trace().to_json());
    assert!(r
        .trace()
        .events
        .iter()
        .any(|e| matches!(e.kind, EventKind::PartitionStart { index: 0 })));
}

#[test]
fn apply_after_seeking_back_rewrites_the_future() {
    let mut r = fresh("happy-path");
    r.run_to_end();
    r.seek(2_000);
    r.apply(FaultSpec::Partition(PartitionSpec {
        a: vec![NodeId::WEB],
        b: vec![NodeId::BILLING],
        direction: Direction::AToB,
        mode: Mode::Drop,
        start_us: 0,
        end_us: None,
    }))
    .unwrap();
    r.run_to_end();
    let snap = r.snapshot();
    assert_eq!(snap.fact("order 1", "charged"), Some("no"));
    let mut again = Run::new(r.scenario()).unwrap();
    again.run_to_end();
    assert_eq!(again.trace(), r.trace());
}

#[test]
fn message_fault_on_a_message_in_flight() {
    let mut r = fresh("happy-path");
    // Run until the Charge (message 2) is on the wire.
    while !r.snapshot().in_flight.contains(&MsgId(2)) {
        assert!(r.step().is_some());
    }
    r.apply(FaultSpec::Message(MessageFault {
        msg: MsgId(2),
        action: MessageAction::Drop,
        at_us: None,
    }))
    .unwrap();
    r.run_to_end();
    let spans = r.trace().messages();
    let m2 = spans.iter().find(|m| m.id == MsgId(2)).unwrap();
    assert_eq!(m2.fate, Fate::Dropped(faultline_sim::DropReason::Injected));
    let mut again = Run::new(r.scenario()).unwrap();
    again.run_to_end();
    assert_eq!(again.trace(), r.trace());
}

#[test]
fn invalid_live_fault_is_refused() {
    let mut r = fresh("happy-path");
    let e = r.apply(FaultSpec::ClockSkew {
        node: NodeId::WEB,
        offset_us: 0,
        drift_ppm: 5_000_000,
        at_us: 0,
    });
    assert_eq!(e.unwrap_err().field, "faults[0].drift_ppm");
    assert!(r.scenario().faults.is_empty());
}

#[test]
fn causality_queries() {
    let mut r = fresh("happy-path");
    r.run_to_end();
    let t = r.trace();
    let first = &t.events[0]; // client sends PlaceOrder
    let last = t.events.last().unwrap(); // client receives Confirmed
    assert!(t.happens_before(first.seq, last.seq));
    assert!(!t.happens_before(last.seq, first.seq));
    let past = t.causal_past(last.seq);
    assert!(past.contains(&first.seq));
    // web told the client *after* sending the answer: that step is not in the client's causal past.
    let told = t
        .events
        .iter()
        .find(|e| {
            matches!(
                e.kind,
                EventKind::Effect(faultline_sim::Effect::ToldClient { .. })
            )
        })
        .unwrap();
    assert!(!past.contains(&told.seq));
    assert!(t.concurrent(told.seq, last.seq));
    assert!(t.causal_future(first.seq).contains(&last.seq));
    assert!(!t.concurrent(first.seq, last.seq));
    for w in t.events.windows(2) {
        assert!(w[0].seq + 1 == w[1].seq && w[0].time_us <= w[1].time_us);
    }
}

#[test]
fn concurrent_events_exist_with_many_orders() {
    let mut r = fresh("workload");
    r.run_until(200_000);
    let t = r.trace();
    let sends: Vec<u64> = t
        .events
        .iter()
        .filter(|e| e.node == NodeId::CLIENT && matches!(e.kind, EventKind::Send { .. }))
        .map(|e| e.seq)
        .collect();
    let bill: Vec<u64> = t
        .events
        .iter()
        .filter(|e| e.node == NodeId::BILLING && matches!(e.kind, EventKind::Effect(_)))
        .map(|e| e.seq)
        .collect();
    assert!(sends
        .iter()
        .any(|a| bill.iter().any(|b| t.concurrent(*a, *b))));
}

#[test]
fn every_message_has_one_fate() {
    let mut r = fresh("workload");
    r.run_to_end();
    let spans = r.trace().messages();
    assert!(spans
        .iter()
        .all(|s| s.fate != Fate::InFlight && s.fate != Fate::Held));
    assert!(spans
        .iter()
        .all(|s| s.end_us.is_some_and(|e| e >= s.sent_us)));
    assert!(spans.iter().any(|s| s.to_string_label().contains("key k")));
}

trait Label {
    fn to_string_label(&self) -> String;
}

impl Label for faultline_sim::MessageSpan {
    fn to_string_label(&self) -> String {
        self.payload.to_string()
    }
}

#[test]
fn hold_mode_releases_on_heal() {
    let mut s = example("happy-path").unwrap();
    s.faults.push(FaultSpec::Partition(PartitionSpec {
        a: vec![NodeId::WEB],
        b: vec![NodeId::BILLING],
        direction: Direction::Both,
        mode: Mode::Hold,
        start_us: 0,
        end_us: Some(15_000),
    }));
    s.strategy.timeout_us = 100_000;
    let mut r = Run::new(&s).unwrap();
    r.run_until(10_000);
    let snap = r.snapshot();
    assert_eq!(
        snap.fact("web→billing", "link"),
        Some("cut, holding messages")
    );
    assert_eq!(snap.in_flight.len(), 1);
    assert_eq!(r.trace().messages()[1].fate, Fate::Held);
    r.run_to_end();
    let ev = &r.trace().events;
    assert!(ev
        .iter()
        .any(|e| matches!(e.kind, EventKind::Release { .. }) && e.time_us == 15_000));
    assert_eq!(r.snapshot().fact("order 1", "reserved"), Some("yes"));
    assert!(r
        .trace()
        .messages()
        .iter()
        .all(|m| m.fate == Fate::Delivered));
}

#[test]
fn paused_node_catches_up_on_resume() {
    let mut s = example("happy-path").unwrap();
    s.faults.push(FaultSpec::Pause {
        node: NodeId::INVENTORY,
        at_us: 0,
        resume_us: Some(100_000),
    });
    let mut r = Run::new(&s).unwrap();
    r.run_until(50_000);
    let open = r.snapshot().open_requests;
    let reserve = open
        .iter()
        .find(|o| o.to == NodeId::INVENTORY)
        .expect("an open Reserve");
    assert_eq!(
        reserve.really,
        [true, false, false],
        "arrived at the host, not processed yet"
    );
    assert!(
        reserve.on_its_way,
        "queued at the paused node, so still on its way"
    );
    assert!(reserve
        .caller_sees
        .iter()
        .all(faultline_sim::Belief::is_unknown));
    r.run_to_end();
    let handled: Vec<u64> = r
        .trace()
        .events
        .iter()
        .filter(|e| e.node == NodeId::INVENTORY && matches!(e.kind, EventKind::Deliver { .. }))
        .map(|e| e.time_us)
        .collect();
    assert!(
        handled.len() >= 2 && handled.iter().all(|t| *t == 100_000),
        "{handled:?}"
    );
    assert_eq!(r.snapshot().fact("order 1", "reserved"), Some("yes"));
    assert!(r.violations().is_empty());
}

#[test]
fn web_crash_forgets_pending_requests() {
    let mut s = example("partition-after-charge").unwrap();
    s.faults.push(FaultSpec::Crash {
        node: NodeId::WEB,
        at_us: 30_000,
        restart_us: Some(40_000),
    });
    let mut r = Run::new(&s).unwrap();
    r.run_until(20_000);
    assert!(r
        .snapshot()
        .open_requests
        .iter()
        .any(|o| o.from == NodeId::WEB));
    r.run_to_end();
    let snap = r.snapshot();
    assert!(snap.views[NodeId::WEB.index()]
        .beliefs
        .iter()
        .all(|b| !b.subject.starts_with("order")));
    assert!(snap.open_requests.iter().all(|o| o.from == NodeId::CLIENT));
    assert_eq!(snap.fact("order 1", "charged"), Some("yes"));
}

/// Web's Reserve requests over a whole run: (time, arrived, on its way) after each event.
fn reserves_seen(scenario: &str) -> Vec<(u64, bool, bool)> {
    let mut r = Run::new(&example(scenario).unwrap()).unwrap();
    let mut seen = Vec::new();
    while let Some(t) = r.step().map(|e| e.time_us) {
        let open = r.snapshot().open_requests;
        for o in open.iter().filter(|o| o.to == NodeId::INVENTORY) {
            assert!(o.caller_sees.iter().all(faultline_sim::Belief::is_unknown));
            seen.push((t, o.really[0], o.on_its_way));
        }
    }
    seen
}

/// A request in flight may still arrive; one dropped by a partition never will. Its caller sees
/// the same Unknowns either way.
#[test]
fn an_open_request_is_on_its_way_until_it_is_lost() {
    let happy = reserves_seen("happy-path");
    assert!(
        happy.iter().any(|&(_, arrived, on_way)| !arrived && on_way),
        "a Reserve is seen on its way: {happy:?}"
    );
    assert!(happy.iter().all(|&(_, arrived, on_way)| arrived || on_way));
    let cut = reserves_seen("partition-after-charge");
    assert!(
        !cut.is_empty() && cut.iter().all(|&(_, arrived, on_way)| !arrived && !on_way),
        "each Reserve is lost to the partition: {cut:?}"
    );
}

/// Open requests whose reply was sent, over a whole run: whether a copy of the reply is on its way.
fn replies_seen(scenario: &str) -> Vec<bool> {
    let mut r = Run::new(&example(scenario).unwrap()).unwrap();
    let mut seen = Vec::new();
    while r.step().is_some() {
        let open = r.snapshot().open_requests;
        seen.extend(
            open.iter()
                .filter(|o| o.really[2])
                .map(|o| o.reply_on_its_way),
        );
    }
    seen
}

/// A reply on the wire may still come back; one lost never will. The truth tells them apart.
#[test]
fn a_sent_reply_is_on_its_way_until_it_is_lost() {
    let happy = replies_seen("happy-path");
    assert!(
        !happy.is_empty() && happy.iter().all(|&on_way| on_way),
        "{happy:?}"
    );
    let lost = replies_seen("lost-reply-no-idempotency");
    assert!(
        lost.iter().any(|&on_way| !on_way),
        "billing's lost reply is seen lost: {lost:?}"
    );
}
