//! What to draw for the visible part of a run: arrows for messages and marks for events, in pixels.
//!
//! Pure functions of the trace, the layout and "now", so they are tested natively and the
//! diagram only draws what is on screen.

use faultline_sim::{EventKind, MessageSpan, Trace, TraceEvent};

use crate::geom::Layout;

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
    pub label: String,
    pub attempt: u32,
}

/// Arrows for the messages sent by `now_us` that show in `layout`.
pub fn arrows(messages: &[MessageSpan], layout: &Layout, now_us: u64) -> Vec<Arrow> {
    messages
        .iter()
        .filter(|m| m.sent_us <= now_us)
        .filter(|m| layout.shows(m.sent_us, m.end_us.unwrap_or(now_us).min(now_us)))
        .map(|m| arrow(m, layout, now_us))
        .collect()
}

fn arrow(m: &MessageSpan, layout: &Layout, now_us: u64) -> Arrow {
    let x1 = layout.lane_x(m.from.index());
    let x2 = layout.lane_x(m.to.index());
    let y1 = layout.y(m.sent_us);
    let dropped = matches!(m.fate, faultline_sim::Fate::Dropped(_));
    let (end, x_end, t_end) = match m.end_us {
        Some(end) if end <= now_us && dropped => (ArrowEnd::Dropped, x1 + (x2 - x1) * 0.5, end),
        Some(end) if end <= now_us => (ArrowEnd::Delivered, x2, end),
        Some(end) => {
            let f = (now_us - m.sent_us) as f64 / (end - m.sent_us).max(1) as f64;
            let f = if dropped { f * 0.5 } else { f };
            (ArrowEnd::InFlight, x1 + (x2 - x1) * f, now_us)
        }
        None => (ArrowEnd::InFlight, x1 + (x2 - x1) * 0.5, now_us),
    };
    let y2 = layout.y(t_end).max(y1 + MIN_ARROW_DY);
    Arrow {
        send_seq: m.send_seq,
        x1: x1.round() as i32,
        y1: y1.round() as i32,
        x2: x_end.round() as i32,
        y2: y2.round() as i32,
        end,
        label: m.payload.to_string(),
        attempt: m.attempt,
    }
}

/// What kind of mark an event leaves on its lifeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MarkKind {
    Timeout,
    Retry,
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
}

/// Marks for the events at or before `now_us` that show in `layout`.
pub fn marks(trace: &Trace, layout: &Layout, now_us: u64) -> Vec<Mark> {
    let (lo, hi) = layout.visible_us();
    let first = trace.events.partition_point(|e| e.time_us < lo);
    trace.events[first..]
        .iter()
        .take_while(|e| e.time_us <= hi.min(now_us))
        .filter_map(|e| mark_kind(e).map(|kind| (e, kind)))
        .map(|(e, kind)| Mark {
            seq: e.seq,
            x: layout.lane_x(e.node.index()).round() as i32,
            y: layout.y(e.time_us).round() as i32,
            kind,
            label: mark_label(e),
        })
        .collect()
}

fn mark_kind(e: &TraceEvent) -> Option<MarkKind> {
    use faultline_sim::Effect as E;
    Some(match &e.kind {
        EventKind::Timeout { .. } => MarkKind::Timeout,
        EventKind::Retry { .. } => MarkKind::Retry,
        EventKind::GiveUp { .. } => MarkKind::GiveUp,
        EventKind::Effect(E::DoubleCharged { .. } | E::OutOfStock { .. }) => MarkKind::Problem,
        EventKind::Effect(E::ChargeDeduplicated { .. } | E::ReserveDeduplicated { .. }) => {
            MarkKind::Effect
        }
        EventKind::Effect(E::NothingToRefund { .. }) => return None,
        EventKind::Effect(_) => MarkKind::Effect,
        EventKind::Crash | EventKind::Pause => MarkKind::NodeDown,
        EventKind::Restart | EventKind::Resume => MarkKind::NodeUp,
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
        EventKind::Retry { attempt, .. } => format!("retry {attempt}"),
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
        EventKind::Violation { name, .. } => name.clone(),
        _ => String::new(),
    }
}
