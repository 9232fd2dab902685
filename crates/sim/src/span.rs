//! Message spans: each message copy's life (sent, fate, end) read back from a trace, for drawing arrows.

use crate::id::{MsgId, NodeId};
use crate::order_flow::Payload;
use crate::trace::{DropReason, EventKind, Trace};
use serde::Serialize;

/// What became of a message copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Fate {
    Delivered,
    Dropped(DropReason),
    /// Still on the wire (or waiting at a paused node).
    InFlight,
    /// Kept by a partition in hold mode.
    Held,
}

/// One message copy from send to fate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MessageSpan {
    pub id: MsgId,
    pub from: NodeId,
    pub to: NodeId,
    pub sent_us: u64,
    pub end_us: Option<u64>,
    pub fate: Fate,
    pub payload: Payload,
    pub attempt: u32,
    pub send_seq: u64,
    pub end_seq: Option<u64>,
    pub order: Option<u32>,
    /// For a duplicate: the message it copies.
    pub copy_of: Option<MsgId>,
}

fn set_slot(index: &mut Vec<usize>, m: MsgId, at: usize) {
    let i = m.0 as usize;
    if i >= index.len() {
        index.resize(i + 1, usize::MAX);
    }
    index[i] = at;
}

impl Trace {
    /// One span per message copy, in id order.
    pub fn messages(&self) -> Vec<MessageSpan> {
        let mut spans: Vec<MessageSpan> = Vec::new();
        let mut index: Vec<usize> = Vec::new();
        let slot = |index: &Vec<usize>, m: MsgId| {
            index
                .get(m.0 as usize)
                .copied()
                .filter(|i| *i != usize::MAX)
        };
        for ev in &self.events {
            match ev.kind {
                EventKind::Send {
                    msg,
                    to,
                    payload,
                    attempt,
                } => {
                    set_slot(&mut index, msg, spans.len());
                    spans.push(MessageSpan {
                        id: msg,
                        from: ev.node,
                        to,
                        sent_us: ev.time_us,
                        end_us: None,
                        fate: Fate::InFlight,
                        payload,
                        attempt,
                        send_seq: ev.seq,
                        end_seq: None,
                        order: Some(payload.order()),
                        copy_of: None,
                    });
                }
                EventKind::Duplicate { msg, copy } => {
                    let Some(o) = slot(&index, msg) else { continue };
                    let span = MessageSpan {
                        id: copy,
                        copy_of: Some(msg),
                        fate: Fate::InFlight,
                        ..spans[o].clone()
                    };
                    set_slot(&mut index, copy, spans.len());
                    spans.push(span);
                }
                EventKind::Deliver { msg, .. } | EventKind::Drop { msg, .. } => {
                    let Some(s) = slot(&index, msg) else { continue };
                    let span = &mut spans[s];
                    span.end_us = Some(ev.time_us);
                    span.end_seq = Some(ev.seq);
                    span.fate = match ev.kind {
                        EventKind::Drop { reason, .. } => Fate::Dropped(reason),
                        _ => Fate::Delivered,
                    };
                }
                EventKind::Hold { msg, .. } | EventKind::Release { msg } => {
                    if let Some(s) = slot(&index, msg) {
                        spans[s].fate = if matches!(ev.kind, EventKind::Hold { .. }) {
                            Fate::Held
                        } else {
                            Fate::InFlight
                        };
                    }
                }
                _ => {}
            }
        }
        crate::sort::sort_stable_by_key(&mut spans, |s| (s.id.0, 0));
        spans
    }
}
