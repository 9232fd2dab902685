//! Event details: the hovered (else selected) event in words, with its clocks, and for a message its
//! payload, ids and fate; a message in flight at now can be dropped, duplicated or delayed from here.

use faultline_sim::time::{fmt_signed_us, fmt_us};
use faultline_sim::{
    DropReason, EventKind, Fate, FaultSpec, MessageAction, MessageFault, MessageSpan, MsgId,
    Payload, TraceEvent, NODE_NAMES,
};
use leptos::prelude::*;

use super::band_details::BandView;
use super::state::{Playground, Selection};

/// Extra delay offered by "Delay it".
const DELAY_US: u64 = 20_000;

/// Which event the panel shows, and why.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Source {
    Hovered,
    Selected,
}

/// Everything the panel shows about one event.
#[derive(Clone, PartialEq)]
struct Shown {
    source: Source,
    event: TraceEvent,
    span: Option<MessageSpan>,
}

/// The message an event is about, if any.
fn msg_of(kind: &EventKind) -> Option<MsgId> {
    match *kind {
        EventKind::Send { msg, .. }
        | EventKind::Deliver { msg, .. }
        | EventKind::Drop { msg, .. }
        | EventKind::Hold { msg, .. }
        | EventKind::Release { msg }
        | EventKind::Delay { msg, .. }
        | EventKind::Timeout { msg, .. } => Some(msg),
        EventKind::Duplicate { copy, .. } => Some(copy),
        _ => None,
    }
}

/// The span of `msg` (spans are sorted by id).
fn span_of(spans: &[MessageSpan], msg: MsgId) -> Option<MessageSpan> {
    spans
        .binary_search_by_key(&msg, |s| s.id)
        .ok()
        .and_then(|i| spans.get(i))
        .cloned()
}

/// The panel.
#[component]
pub fn EventDetails(state: Playground, hovered: RwSignal<Option<u64>>) -> impl IntoView {
    let shown = Memo::new(move |_| {
        let (seq, source) = match (hovered.get(), state.selected.get()) {
            (Some(seq), _) => (seq, Source::Hovered),
            (None, Selection::Event(seq)) => (seq, Source::Selected),
            _ => return None,
        };
        let event = state.sim.with(|s| s.run.trace().get(seq).cloned())?;
        let span = msg_of(&event.kind).and_then(|m| state.messages.with(|spans| span_of(spans, m)));
        Some(Shown {
            source,
            event,
            span,
        })
    });
    // A band shows here while it is selected and nothing is hovered.
    let band = Memo::new(move |_| match (hovered.get(), state.selected.get()) {
        (None, Selection::Band(id)) => Some(id),
        _ => None,
    });
    view! {
        <section class="panel details" aria-labelledby="details-title" aria-live="off">
            <h2 id="details-title">"Event details"</h2>
            {move || match (shown.get(), band.get()) {
                (Some(s), _) => view! { <EventView state shown=s /> }.into_any(),
                (None, Some(id)) => view! { <BandView state id /> }.into_any(),
                (None, None) => view! {
                    <p class="empty">"Hover over, or select, a message, a mark or a partition on the diagram to see what happened there."</p>
                }.into_any(),
            }}
        </section>
    }
}

/// "[client 1, web 3, billing 2, inventory 0]".
fn vclock_words(vc: &[u64]) -> String {
    let parts: Vec<String> = NODE_NAMES
        .iter()
        .zip(vc)
        .map(|(n, c)| format!("{n} {c}"))
        .collect();
    format!("[{}]", parts.join(", "))
}

/// The node's wall clock, and how far it is off real time.
fn wall_words(e: &TraceEvent) -> String {
    let off = e
        .wall_us
        .saturating_sub(e.time_us.min(i64::MAX as u64) as i64);
    let clock = fmt_signed_us(e.wall_us);
    match off {
        0 => format!("{clock} (agrees with real time)"),
        d if d > 0 => format!("{clock} ({} ahead of real time)", fmt_us(d.unsigned_abs())),
        d => format!("{clock} ({} behind real time)", fmt_us(d.unsigned_abs())),
    }
}

/// True for events outside the nodes' causal history (partitions, checks), which carry no clocks.
fn outside_clocks(e: &TraceEvent) -> bool {
    e.lamport == 0 && e.vclock.iter().all(|c| *c == 0)
}

/// The details of one event.
#[component]
fn EventView(state: Playground, shown: Shown) -> impl IntoView {
    let Shown {
        source,
        event: e,
        span,
    } = shown;
    let source_words = match source {
        Source::Hovered => "Hovered",
        Source::Selected => "Selected",
    };
    let clocks = if outside_clocks(&e) {
        view! {
            <dt>"Clocks"</dt><dd>"none: this happens outside the nodes (the network or a check)"</dd>
        }
        .into_any()
    } else {
        view! {
            <dt>"Lamport clock"</dt><dd>{e.lamport}</dd>
            <dt>"Vector clock"</dt><dd>{vclock_words(&e.vclock)}</dd>
        }
        .into_any()
    };
    view! {
        <p class="source">{format!("{source_words} · event #{}", e.seq)}</p>
        <p class="summary">{e.summary()}</p>
        <dl class="details-list">
            <dt>"Node"</dt><dd>{e.node.name()}</dd>
            <dt>"Time"</dt><dd>{fmt_us(e.time_us)}</dd>
            <dt>{format!("{}'s wall clock", e.node.name())}</dt><dd>{wall_words(&e)}</dd>
            {clocks}
        </dl>
        {span.map(|s| view! { <MessageView state span=s selected=source == Source::Selected /> })}
    }
}

/// Key, amount and the request a reply answers.
fn payload_fields(p: &Payload) -> Vec<(&'static str, String)> {
    let mut out = vec![("Payload", p.to_string()), ("Order", p.order().to_string())];
    match *p {
        Payload::Charge { key, amount, .. } | Payload::Refund { key, amount, .. } => {
            out.push(("Amount", format!("{amount} cents")));
            out.push((
                "Idempotency key",
                key.map_or("none".to_string(), |k| k.to_string()),
            ));
        }
        Payload::Reserve { key, .. } => {
            out.push((
                "Idempotency key",
                key.map_or("none".to_string(), |k| k.to_string()),
            ));
        }
        _ => {}
    }
    if let Some(re) = p.reply_to() {
        out.push(("Replies to", re.to_string()));
    }
    out
}

/// True when the message has been sent and has no fate yet at `now_us`.
fn in_flight_at(s: &MessageSpan, now_us: u64) -> bool {
    s.sent_us <= now_us && s.end_us.is_none_or(|end| end > now_us)
}

/// What became of the message, as seen at now; the later fate only when the truth is shown.
fn fate_words(s: &MessageSpan, now_us: u64, hide_truth: bool) -> String {
    let later = || match (s.fate, s.end_us) {
        (Fate::Delivered, Some(t)) => format!("it is delivered at {}", fmt_us(t)),
        (Fate::Dropped(r), Some(t)) => format!("it is lost at {} ({})", fmt_us(t), drop_words(r)),
        (Fate::Held, _) => "a partition holds it".to_string(),
        _ => "it is still in flight when the run ends".to_string(),
    };
    if in_flight_at(s, now_us) {
        let now = if s.fate == Fate::Held && s.end_us.is_none() {
            "held by a partition"
        } else {
            "in flight now"
        };
        if hide_truth {
            now.to_string()
        } else {
            format!("{now}; later {}", later())
        }
    } else if s.sent_us > now_us {
        format!("not sent yet at now; {}", later())
    } else {
        match (s.fate, s.end_us) {
            (Fate::Delivered, Some(t)) => format!("delivered at {}", fmt_us(t)),
            (Fate::Dropped(r), Some(t)) => format!("lost at {} ({})", fmt_us(t), drop_words(r)),
            _ => later(),
        }
    }
}

fn drop_words(r: DropReason) -> &'static str {
    r.words()
}

/// A message's payload, ids and fate, and the fault buttons while it is in flight.
#[component]
fn MessageView(state: Playground, span: MessageSpan, selected: bool) -> impl IntoView {
    let copy = span
        .copy_of
        .map(|o| format!(" (a duplicate of {o})"))
        .unwrap_or_default();
    let fields = payload_fields(&span.payload);
    let attempt = span.attempt;
    let s = span.clone();
    let fate = move || fate_words(&s, state.now_us.get(), state.hide_truth.get());
    let s = span.clone();
    let dropped_at_now = move || {
        matches!(s.fate, Fate::Dropped(_)) && s.end_us.is_some_and(|t| t <= state.now_us.get())
    };
    view! {
        <h3 class="sub">"Message"</h3>
        <dl class="details-list">
            <dt>"Id"</dt><dd>{format!("{}{copy}", span.id)}</dd>
            <dt>"From → to"</dt><dd>{format!("{} → {}", span.from, span.to)}</dd>
            <dt>"Sent at"</dt><dd>{fmt_us(span.sent_us)}</dd>
            <dt>"Attempt"</dt><dd>{attempt}</dd>
            {fields.into_iter().map(|(k, v)| view! { <dt>{k}</dt><dd>{v}</dd> }).collect_view()}
            <dt>"Fate"</dt><dd class="fate" class:dropped=dropped_at_now>{fate}</dd>
        </dl>
        <FaultButtons state span selected />
    }
}

/// "Drop it", "Duplicate it", "Delay it 20 ms" for the selected message while it is in flight at now.
#[component]
fn FaultButtons(state: Playground, span: MessageSpan, selected: bool) -> impl IntoView {
    let (msg, label) = (span.id, span.payload.to_string());
    let flying = Memo::new(move |_| in_flight_at(&span, state.now_us.get()));
    let act = move |action: MessageAction| {
        let now = state.now_us.get_untracked();
        state.add_fault(FaultSpec::Message(MessageFault {
            msg,
            action,
            at_us: Some(now),
        }));
        let what = match action {
            MessageAction::Drop => "Dropped".to_string(),
            MessageAction::Duplicate => "Duplicated".to_string(),
            MessageAction::Delay { extra_us } => format!("Delayed by {}", fmt_us(extra_us)),
        };
        state.announce(format!(
            "{what} {msg} ({label}) at {}. The rest of the run was simulated again.",
            fmt_us(now)
        ));
    };
    let act = StoredValue::new(act);
    view! {
        <Show when=move || selected && flying.get()>
            <div class="fault-buttons" role="group" aria-label="Faults for this message">
                <button type="button" on:click=move |_| act.with_value(|f| f(MessageAction::Drop))>"Drop it"</button>
                <button type="button" on:click=move |_| act.with_value(|f| f(MessageAction::Duplicate))>"Duplicate it"</button>
                <button type="button" on:click=move |_| act.with_value(|f| f(MessageAction::Delay { extra_us: DELAY_US }))>
                    {format!("Delay it {}", fmt_us(DELAY_US))}
                </button>
            </div>
        </Show>
        <Show when=move || !selected && flying.get()>
            <p class="hint">"Click the message to drop, duplicate or delay it."</p>
        </Show>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vector_clock_names_nodes() {
        assert_eq!(
            vclock_words(&[1, 3, 2, 0]),
            "[client 1, web 3, billing 2, inventory 0]"
        );
    }

    #[test]
    fn a_wall_clock_says_how_far_off_it_is() {
        let at = |time_us, wall_us| TraceEvent {
            seq: 0,
            time_us,
            node: faultline_sim::NodeId::INVENTORY,
            wall_us,
            lamport: 1,
            vclock: [0, 0, 0, 1],
            kind: faultline_sim::EventKind::Crash,
        };
        assert_eq!(
            wall_words(&at(3_000, -5_000)),
            "−5 ms (8 ms behind real time)"
        );
        assert_eq!(
            wall_words(&at(3_000, 3_000)),
            "3 ms (agrees with real time)"
        );
        assert_eq!(
            wall_words(&at(1_000, 20_000)),
            "20 ms (19 ms ahead of real time)"
        );
    }
}
