//! What to draw for the visible part of a run: arrows for messages and marks for events, in pixels.
//!
//! Pure functions of the trace, the layout and "now", so they are tested natively and the
//! diagram only draws what is on screen. Shapes are drawn whole; the curtain hides the future.

use faultline_sim::time::fmt_signed_us;
use faultline_sim::{DropReason, EventKind, Fate, MessageSpan, NodeId, Payload, Trace, TraceEvent};

use crate::bands::Band;
use crate::geom::{px, Layout};

/// Shortest vertical drop of an arrow, so that instant deliveries still read as arrows.
const MIN_ARROW_DY: f64 = 10.0;

/// How a message's arrow ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ArrowEnd {
    Delivered,
    Dropped,
    /// Still on the wire at "now" (or held by a partition).
    InFlight,
}

/// One message's arrow, rounded to whole pixels so unchanged arrows compare equal between frames.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Arrow {
    pub send_seq: u64,
    pub x1: i32,
    pub y1: i32,
    pub x2: i32,
    pub y2: i32,
    pub end: ArrowEnd,
    /// What it carries; put into words only where an arrow is drawn one by one.
    pub payload: Payload,
    pub attempt: u32,
    /// Who sent it to whom, and when: for its accessible name.
    pub from: NodeId,
    pub to: NodeId,
    pub sent_us: u64,
}

/// Arrows for the messages sent by `until_us` that show in `layout`, each drawn whole from send to
/// fate (the curtain over the future hides what is still to come); `now_us` says which have
/// arrived or been dropped, and `bands` place partition drops.
pub fn arrows(
    messages: &[MessageSpan],
    layout: &Layout,
    now_us: u64,
    until_us: u64,
    bands: &[Band],
) -> Vec<Arrow> {
    messages
        .iter()
        .filter(|m| m.sent_us <= until_us)
        .filter(|m| layout.shows(m.sent_us, m.end_us.unwrap_or(until_us)))
        .map(|m| arrow(m, layout, (now_us, until_us), bands))
        .collect()
}

/// Where a dropped message's arrow stops: at the partition that cut it, in the gap before its
/// receiver for a loss on the link (halfway across two gaps would be on the lifeline between
/// them, as if the message went there), at the receiver for a receiver that was down.
fn drop_x(m: &MessageSpan, layout: &Layout, bands: &[Band], t_us: u64) -> f64 {
    let (from, to) = (m.from.index(), m.to.index());
    let (x1, x2) = (layout.lane_x(from), layout.lane_x(to));
    match m.fate {
        Fate::Dropped(DropReason::ReceiverDown) => x2 - (x2 - x1).signum() * 6.0,
        Fate::Dropped(DropReason::Partition) => wall_x(m, layout, bands, t_us),
        _ => layout.gap_x(gap_before(from, to)),
    }
}

/// The gap just before the receiver `to` on the way from `from`.
fn gap_before(from: usize, to: usize) -> usize {
    if to > from {
        to - 1
    } else {
        to
    }
}

/// The partition between `m`'s sender and receiver that is up at `t_us`: its band's gap, or, for
/// a partition that is not a band, the wall just before the receiver.
fn wall_x(m: &MessageSpan, layout: &Layout, bands: &[Band], t_us: u64) -> f64 {
    let (from, to) = (m.from.index(), m.to.index());
    let (lo, hi) = (from.min(to), from.max(to));
    let cut = bands
        .iter()
        .find(|b| b.gap >= lo && b.gap < hi && b.covers(t_us));
    let gap = cut.map_or(gap_before(from, to), |b| b.gap);
    layout.gap_x(gap)
}

/// Where an arrow that never arrives stops, as far down as the diagram is drawn: at the wall of
/// the partition holding it, else in the gap next to its sender (halfway across two gaps would
/// be on the lifeline between them, as if it went there: web's held Reserve seemed to reach
/// billing).
fn unfinished_x(m: &MessageSpan, layout: &Layout, bands: &[Band], until_us: u64) -> f64 {
    if m.fate == Fate::Held {
        return wall_x(m, layout, bands, until_us);
    }
    let x1 = layout.lane_x(m.from.index());
    let toward = layout.lane_x(m.to.index()) - x1;
    x1 + toward.signum() * layout.gap_width() / 2.0
}

/// One arrow; `(now_us, until_us)`: what has happened, and how far the diagram is drawn.
fn arrow(
    m: &MessageSpan,
    layout: &Layout,
    (now_us, until_us): (u64, u64),
    bands: &[Band],
) -> Arrow {
    let x1 = layout.lane_x(m.from.index());
    let y1 = layout.y(m.sent_us);
    let (x_end, t_end) = match m.end_us {
        Some(end) if matches!(m.fate, Fate::Dropped(_)) => (drop_x(m, layout, bands, end), end),
        Some(end) => (layout.lane_x(m.to.index()), end),
        None => (unfinished_x(m, layout, bands, until_us), until_us),
    };
    let end = match m.end_us {
        Some(end) if end <= now_us && matches!(m.fate, Fate::Dropped(_)) => ArrowEnd::Dropped,
        Some(end) if end <= now_us => ArrowEnd::Delivered,
        _ => ArrowEnd::InFlight,
    };
    let y2 = layout.y(t_end).max(y1 + MIN_ARROW_DY);
    Arrow {
        send_seq: m.send_seq,
        x1: px(x1),
        y1: px(y1),
        x2: px(x_end),
        y2: px(y2),
        end,
        payload: m.payload,
        attempt: m.attempt,
        from: m.from,
        to: m.to,
        sent_us: m.sent_us,
    }
}

/// What kind of mark an event leaves on its lifeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MarkKind {
    Timeout,
    /// A node's wall clock was set ahead or behind.
    Clock,
    GiveUp,
    Effect,
    Problem,
    NodeDown,
    NodeUp,
    Violation,
}

/// One event's mark on its lifeline.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Mark {
    pub seq: u64,
    pub x: i32,
    pub y: i32,
    pub kind: MarkKind,
    pub label: String,
    /// Downward shift of the label, so labels of marks at one spot don't overprint; `None` when
    /// there is no room for it near its mark (the mark still names itself to assistive technology
    /// and in the event details).
    pub label_dy: Option<i32>,
    /// Whether the label ends just left of the mark instead of starting just right of it: where
    /// arrows run through every spot on the right (`crate::mark_room`).
    pub label_left: bool,
    /// Whose lifeline it is on, and when: for its accessible name.
    pub node: NodeId,
    pub time_us: u64,
}

impl Mark {
    /// Where the mark's label is drawn (its text's anchor: the start of its baseline, or the end
    /// when [`Mark::label_left`]), if it has room.
    pub fn label_at(&self) -> Option<(i32, i32)> {
        let x = if self.label_left {
            self.x - 9
        } else {
            self.x + 9
        };
        self.label_dy.map(|dy| (x, self.y + 4 + dy))
    }

    /// The classes of the label's text: `end` anchors it at its end, left of the mark.
    pub fn label_class(&self) -> &'static str {
        if self.label_left {
            "mark-label end"
        } else {
            "mark-label"
        }
    }
}

/// Height of one mark label, in pixels.
const LABEL_LINE_PX: i32 = 12;

/// How far a label may be pushed below its mark before it is left out: two lines. Without a
/// limit, a dense stretch stacks its labels into a column far from their marks, and one early
/// change moves every label after it.
const MAX_LABEL_SHIFT_PX: i32 = 2 * LABEL_LINE_PX;

/// Shifts labels of marks that sit close together on the same lifeline below one another, and
/// leaves out those that would land too far from their mark. Marks come in time order; each is
/// compared with the few before it on its own lifeline.
fn stack_labels(marks: &mut [Mark]) {
    let mut lanes: Vec<(i32, Vec<usize>)> = Vec::new();
    for i in 0..marks.len() {
        let (x, y) = (marks[i].x, marks[i].y);
        let lane = match lanes.iter().position(|(lx, _)| *lx == x) {
            Some(l) => l,
            None => {
                lanes.push((x, Vec::new()));
                lanes.len() - 1
            }
        };
        let below = lanes[lane]
            .1
            .iter()
            .rev()
            .map(|&j| &marks[j])
            .take_while(|p| y - p.y < LABEL_LINE_PX + MAX_LABEL_SHIFT_PX)
            .filter_map(|p| p.label_dy.map(|dy| p.y + dy))
            .filter(|label_y| y - label_y < LABEL_LINE_PX)
            .map(|label_y| label_y + LABEL_LINE_PX - y)
            .max();
        let dy = below.unwrap_or(0).max(0);
        marks[i].label_dy = (dy <= MAX_LABEL_SHIFT_PX).then_some(dy);
        lanes[lane].1.push(i);
    }
}

/// Which marks are put into words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Words {
    /// Every mark: each is an element of its own, named to assistive technology.
    Every,
    /// Only marks whose label is drawn: bundled marks have no element to name, and formatting
    /// a thousand labels nobody sees would cost a drag its frames.
    Shown,
}

/// Marks for the events at or before `now_us` that show in `layout`.
pub fn marks(trace: &Trace, layout: &Layout, now_us: u64, words: Words) -> Vec<Mark> {
    let (lo, hi) = layout.visible_us();
    let first = trace.events.partition_point(|e| e.time_us < lo);
    let events: Vec<(&TraceEvent, MarkKind)> = trace.events[first..]
        .iter()
        .take_while(|e| e.time_us <= hi.min(now_us))
        .filter_map(|e| mark_kind(e).map(|kind| (e, kind)))
        .collect();
    let mut out: Vec<Mark> = events
        .iter()
        .map(|&(e, kind)| Mark {
            seq: e.seq,
            x: px(layout.lane_x(e.node.index())),
            y: px(layout.y(e.time_us)),
            kind,
            label: String::new(),
            label_dy: Some(0),
            label_left: false,
            node: e.node,
            time_us: e.time_us,
        })
        .collect();
    stack_labels(&mut out);
    for (m, (e, _)) in out.iter_mut().zip(&events) {
        if words == Words::Every || m.label_dy.is_some() {
            m.label = mark_label(e);
        }
    }
    out
}

fn mark_kind(e: &TraceEvent) -> Option<MarkKind> {
    use faultline_sim::Effect as E;
    Some(match &e.kind {
        EventKind::Timeout { .. } => MarkKind::Timeout,
        // The retried request's arrow says "try N"; a mark would sit on the timeout's.
        EventKind::Retry { .. } => return None,
        EventKind::GiveUp { .. } => MarkKind::GiveUp,
        EventKind::Effect(E::DoubleCharged { .. } | E::OutOfStock { .. }) => MarkKind::Problem,
        EventKind::Effect(E::ChargeDeduplicated { .. } | E::ReserveDeduplicated { .. }) => {
            MarkKind::Effect
        }
        EventKind::Effect(E::NothingToRefund { .. }) => return None,
        EventKind::Effect(_) => MarkKind::Effect,
        EventKind::Crash | EventKind::Pause => MarkKind::NodeDown,
        EventKind::Restart | EventKind::Resume => MarkKind::NodeUp,
        EventKind::ClockSet { .. } => MarkKind::Clock,
        EventKind::Violation {
            expected: false, ..
        } => MarkKind::Violation,
        EventKind::Violation { .. } => MarkKind::Problem,
        _ => return None,
    })
}

/// Short label beside a mark, e.g. "timeout #2" or "charged #1".
fn mark_label(e: &TraceEvent) -> String {
    use faultline_sim::Effect as E;
    match &e.kind {
        EventKind::Timeout { order, attempt, .. } => format!("timeout #{order} try {attempt}"),
        EventKind::GiveUp { order, peer, .. } => format!("gives up on {peer} #{order}"),
        EventKind::Effect(E::Charged { order, .. }) => format!("charged #{order}"),
        EventKind::Effect(E::DoubleCharged { order, times, .. }) => {
            format!("charged #{order} ×{times}!")
        }
        EventKind::Effect(E::ChargeDeduplicated { order }) => format!("duplicate ignored #{order}"),
        EventKind::Effect(E::Refunded { order, .. }) => format!("refunded #{order}"),
        EventKind::Effect(E::Reserved { order, .. }) => format!("reserved #{order}"),
        EventKind::Effect(E::ReserveDeduplicated { order }) => format!("already reserved #{order}"),
        EventKind::Effect(E::OutOfStock { order }) => format!("out of stock #{order}"),
        EventKind::Effect(E::ToldClient { order, answer }) => {
            format!("#{order}: {}", answer.word())
        }
        EventKind::Crash => "crashed".into(),
        EventKind::Restart => "restarted".into(),
        EventKind::Pause => "paused".into(),
        EventKind::Resume => "resumed".into(),
        EventKind::ClockSet {
            offset_us,
            drift_ppm,
        } => clock_label(*offset_us, *drift_ppm),
        EventKind::Violation { name, detail, .. } => match order_named(detail) {
            Some(order) => format!("{name} #{order}"),
            None => name.clone(),
        },
        _ => String::new(),
    }
}

/// The order a violation's detail names ("billing charged order 3 twice…"), so that a busy run's
/// breaks say whose they are.
fn order_named(detail: &str) -> Option<&str> {
    let rest = detail.split_once("order ")?.1;
    let end = rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len());
    (end > 0).then(|| &rest[..end])
}

/// "clock +8 ms", "clock −1.5 ms, +200 ppm": where a node's wall clock was set, against real time.
fn clock_label(offset_us: i64, drift_ppm: i64) -> String {
    let mut s = match offset_us.signum() {
        // Set right again: "0 µs" would read as a duration of its own.
        0 => "clock ±0 ms".to_string(),
        1 => format!("clock +{}", fmt_signed_us(offset_us)),
        _ => format!("clock {}", fmt_signed_us(offset_us)),
    };
    if drift_ppm != 0 {
        s.push_str(&format!(", {drift_ppm:+} ppm"));
    }
    s
}

/// A stretch of a lifeline during which its node was crashed or paused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outage {
    pub node: usize,
    pub from_us: u64,
    /// `None` while the node is still down at the end of the run.
    pub to_us: Option<u64>,
    pub crashed: bool,
}

/// Every crash and pause in the trace, with its end.
pub fn outages(trace: &Trace) -> Vec<Outage> {
    let mut open: Vec<Outage> = Vec::new();
    let mut done = Vec::new();
    for e in &trace.events {
        let node = e.node.index();
        match e.kind {
            EventKind::Crash | EventKind::Pause => open.push(Outage {
                node,
                from_us: e.time_us,
                to_us: None,
                crashed: matches!(e.kind, EventKind::Crash),
            }),
            EventKind::Restart | EventKind::Resume => {
                if let Some(i) = open.iter().position(|o| o.node == node) {
                    let mut o = open.remove(i);
                    o.to_us = Some(e.time_us);
                    done.push(o);
                }
            }
            _ => {}
        }
    }
    done.extend(open);
    done
}

#[cfg(test)]
mod tests {
    use super::*;
    use faultline_sim::{example, FaultSpec, NodeId, Run};

    #[test]
    fn a_break_names_its_order() {
        assert_eq!(
            order_named("billing charged order 12 2 times for one purchase"),
            Some("12")
        );
        assert_eq!(order_named("order 3 was charged but…"), Some("3"));
        assert_eq!(order_named("web believes inventory is down"), None);
        assert_eq!(order_named("order book"), None);
        let mut s = example("lost-reply-no-idempotency").expect("the example");
        s.workload.orders = 3;
        let mut r = Run::new(&s).expect("a valid scenario");
        r.run_to_end();
        let labels: Vec<String> = r
            .trace()
            .events
            .iter()
            .filter(|e| matches!(e.kind, EventKind::Violation { .. }))
            .map(mark_label)
            .collect();
        assert!(!labels.is_empty());
        assert!(labels.iter().all(|l| l.contains(" #")), "{labels:?}");
    }

    #[test]
    fn clock_marks_read_their_sign() {
        assert_eq!(clock_label(8_000, 0), "clock +8 ms");
        assert_eq!(clock_label(-1_500, 200), "clock −1.5 ms, +200 ppm");
        assert_eq!(clock_label(0, 0), "clock ±0 ms");
    }

    fn layout() -> Layout {
        Layout {
            width_px: 800.0,
            height_px: 600.0,
            lanes: 4,
            px_per_ms: 4.0,
            top_us: 0,
        }
    }

    fn finished(id: &str, extra: Option<FaultSpec>) -> Run {
        let mut s = example(id).expect("example exists");
        s.faults.extend(extra);
        let mut run = Run::new(&s).expect("valid");
        run.run_to_end();
        run
    }

    fn drawn(msgs: &[MessageSpan], l: &Layout, now_us: u64, until_us: u64) -> Vec<Arrow> {
        arrows(msgs, l, now_us, until_us, &[])
    }

    #[test]
    fn arrows_are_drawn_whole_and_land_on_the_receiver_when_now_passes_them() {
        let run = finished("happy-path", None);
        let msgs = run.trace().messages();
        let first = &msgs[0];
        let end = first.end_us.expect("delivered");
        let half = (first.sent_us + end) / 2;
        let mid = drawn(&msgs, &layout(), half, half);
        assert_eq!(mid[0].end, ArrowEnd::InFlight);
        let done = drawn(&msgs, &layout(), end, end);
        assert_eq!(done[0].end, ArrowEnd::Delivered);
        // In flight or not, the arrow reaches the receiver at its arrival time.
        for a in [&mid[0], &done[0]] {
            assert_eq!(a.x2, px(layout().lane_x(first.to.index())));
            assert_eq!(
                a.y2,
                px(layout()
                    .y(end)
                    .max(layout().y(first.sent_us) + MIN_ARROW_DY))
            );
        }
        assert!(
            drawn(&msgs, &layout(), 0, 0).is_empty(),
            "nothing is drawn before it is sent"
        );
    }

    #[test]
    fn while_playing_arrows_are_drawn_ahead_of_now_but_not_yet_arrived() {
        let run = finished("happy-path", None);
        let msgs = run.trace().messages();
        let first = &msgs[0];
        let ahead = drawn(&msgs, &layout(), 0, first.sent_us);
        assert_eq!(
            ahead.len(),
            msgs.iter().filter(|m| m.sent_us == first.sent_us).count()
        );
        assert!(ahead.iter().all(|a| a.end == ArrowEnd::InFlight));
    }

    #[test]
    fn bundled_marks_are_put_into_words_only_where_their_label_is_drawn() {
        let run = finished("workload", None);
        let squeezed = Layout {
            px_per_ms: 0.05,
            height_px: 10_000.0,
            ..layout()
        };
        let every = marks(run.trace(), &squeezed, u64::MAX, Words::Every);
        let shown = marks(run.trace(), &squeezed, u64::MAX, Words::Shown);
        assert!(every.iter().all(|m| !m.label.is_empty()));
        assert!(
            shown.iter().any(|m| m.label_dy.is_none()),
            "some labels lack room"
        );
        for (e, s) in every.iter().zip(&shown) {
            let expected = if s.label_dy.is_some() {
                e.label.as_str()
            } else {
                ""
            };
            assert_eq!(s.label, expected);
        }
    }

    #[test]
    fn the_seed_case_marks_timeouts_on_web_and_drops_its_requests() {
        let run = finished("partition-after-charge", None);
        let all = marks(
            run.trace(),
            &Layout {
                px_per_ms: 1.0,
                ..layout()
            },
            u64::MAX,
            Words::Every,
        );
        let timeouts = all.iter().filter(|m| m.kind == MarkKind::Timeout).count();
        assert!(timeouts >= 2, "{all:?}");
        let msgs = run.trace().messages();
        let l = Layout {
            px_per_ms: 1.0,
            ..layout()
        };
        let drawn = drawn(&msgs, &l, u64::MAX, u64::MAX);
        let dropped: Vec<_> = drawn
            .iter()
            .filter(|a| a.end == ArrowEnd::Dropped)
            .collect();
        assert!(!dropped.is_empty());
        // Cut by the web–inventory partition: each lost request stops at the wall before inventory.
        assert!(
            dropped.iter().all(|a| a.x2 == px(l.gap_x(2))),
            "{dropped:?}"
        );
    }

    #[test]
    fn a_message_held_for_good_stops_at_the_wall_that_holds_it() {
        let mut s = example("partition-after-charge").expect("example exists");
        for f in &mut s.faults {
            if let FaultSpec::Partition(p) = f {
                p.mode = faultline_sim::Mode::Hold;
            }
        }
        let mut run = Run::new(&s).expect("valid");
        run.run_to_end();
        let msgs = run.trace().messages();
        let l = layout();
        let (_, bands) = crate::faults::take_bands(&s);
        let drawn = arrows(&msgs, &l, u64::MAX, u64::MAX, &bands);
        let never_arrive: Vec<u64> = msgs
            .iter()
            .filter(|m| m.end_us.is_none())
            .map(|m| m.send_seq)
            .collect();
        let held: Vec<_> = drawn
            .iter()
            .filter(|a| never_arrive.contains(&a.send_seq))
            .collect();
        assert!(held.len() >= 2, "{held:?}");
        // Web's Reserves wait at the web–inventory band, not on billing's lifeline half way.
        assert!(held.iter().all(|a| a.x2 == px(l.gap_x(2))), "{held:?}");
        assert!(held.iter().all(|a| a.x2 != px(l.lane_x(2))));
    }

    #[test]
    fn a_message_lost_on_a_long_link_stops_short_of_its_receiver_not_on_a_lifeline() {
        let mut s = example("happy-path").expect("example exists");
        let mut lossy = s.network.link_settings(NodeId::WEB, NodeId::INVENTORY);
        lossy.loss = 1.0;
        s.network.set_link(NodeId::WEB, NodeId::INVENTORY, lossy);
        let mut run = Run::new(&s).expect("valid");
        run.run_to_end();
        let msgs = run.trace().messages();
        let l = layout();
        let drawn = arrows(&msgs, &l, u64::MAX, u64::MAX, &[]);
        let lost: Vec<_> = drawn
            .iter()
            .filter(|a| a.end == ArrowEnd::Dropped)
            .collect();
        assert!(lost.len() >= 2, "{lost:?}");
        // Web's Reserves are lost between billing and inventory, not on billing's lifeline.
        assert!(lost.iter().all(|a| a.x2 == px(l.gap_x(2))), "{lost:?}");
    }

    /// An effect mark at height `y` on the lifeline at x = 10.
    fn mark_at(y: i32) -> Mark {
        Mark {
            seq: 0,
            x: 10,
            y,
            kind: MarkKind::Effect,
            label: String::new(),
            label_dy: Some(0),
            label_left: false,
            node: NodeId::WEB,
            time_us: 0,
        }
    }

    #[test]
    fn labels_of_marks_at_one_spot_are_stacked() {
        let mut ms = vec![mark_at(100), mark_at(100), mark_at(104), mark_at(200)];
        stack_labels(&mut ms);
        let dys: Vec<_> = ms.iter().map(|m| m.label_dy).collect();
        assert_eq!(dys, vec![Some(0), Some(12), Some(20), Some(0)]);
    }

    #[test]
    fn a_dense_stretch_labels_only_the_marks_with_room() {
        // One mark per pixel: labels need 12 px each, so most are left out, none strays far.
        let mut ms: Vec<Mark> = (0..100).map(mark_at).collect();
        stack_labels(&mut ms);
        let shown: Vec<i32> = ms
            .iter()
            .filter_map(|m| m.label_dy.map(|dy| m.y + dy))
            .collect();
        assert!(shown.len() >= 8 && shown.len() < 20, "{shown:?}");
        assert!(
            shown.windows(2).all(|w| w[1] - w[0] >= LABEL_LINE_PX),
            "{shown:?}"
        );
        assert!(ms
            .iter()
            .all(|m| m.label_dy.is_none_or(|dy| dy <= MAX_LABEL_SHIFT_PX)));
    }

    #[test]
    fn a_crash_and_restart_is_one_outage() {
        let crash = FaultSpec::Crash {
            node: NodeId::BILLING,
            at_us: 2_000,
            restart_us: Some(9_000),
        };
        let run = finished("happy-path", Some(crash));
        let o = outages(run.trace());
        assert_eq!(
            o,
            vec![Outage {
                node: 2,
                from_us: 2_000,
                to_us: Some(9_000),
                crashed: true
            }]
        );
    }
}
