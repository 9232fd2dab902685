//! The nodes' logs merged into one, up to now: ordered by each node's wall clock, a line can come
//! before its own cause (a skewed clock is enough); ordered by Lamport clock, never. Real time is
//! the truth, so it is offered only while the truth is shown.

use faultline_sim::merged_log::{merged_log, LogOrder};
use faultline_sim::TraceEvent;
use leptos::prelude::*;

use super::clock_control::ClockControl;
use super::fields::ms_text;
use super::state::{Playground, Selection};

/// Most lines shown: the last ones up to now.
const MAX_LINES: usize = 40;

/// The three orders, with their words.
const ORDERS: [(LogOrder, &str); 3] = [
    (LogOrder::WallClock, "each node's wall clock"),
    (LogOrder::Lamport, "Lamport clock"),
    (LogOrder::RealTime, "real time (the truth)"),
];

/// One line as shown: its event's seq, its stamp, its words, and the cause listed after it.
type Line = (u64, String, String, Option<String>);

/// The line's timestamp in `order`.
fn stamp(e: &TraceEvent, order: LogOrder) -> String {
    match order {
        LogOrder::WallClock => ms_stamp(e.wall_us),
        LogOrder::Lamport => format!("L{}", e.lamport),
        LogOrder::RealTime => ms_stamp(e.time_us as i64),
    }
}

/// A log's time stamp: always in milliseconds, to the microsecond, as log files keep them (in
/// seconds to two places, a busy run's lines all read "4.99 s").
fn ms_stamp(us: i64) -> String {
    let sign = if us < 0 { "−" } else { "" };
    format!("{sign}{} ms", ms_text(us.unsigned_abs()))
}

/// What the order did, in one sentence.
fn verdict(lines: &[Line]) -> String {
    match lines.iter().filter(|l| l.3.is_some()).count() {
        0 => "No line comes before one of its causes.".to_string(),
        1 => "1 line comes before one of its causes.".to_string(),
        n => format!("{n} lines come before one of their causes."),
    }
}

/// The panel.
#[component]
pub fn MergedLog(state: Playground) -> impl IntoView {
    let chosen = RwSignal::new(LogOrder::WallClock);
    // Real time is the truth: while it is hidden, the wall clocks stand in for it.
    let order = move || match chosen.get() {
        LogOrder::RealTime if state.hide_truth.get() => LogOrder::WallClock,
        o => o,
    };
    // It follows the snapshot and the run it comes from, as the other panels do: while a band is
    // dragged, it catches up when the run rests under the pointer, not at every frame.
    let lines = Memo::new(move |_| {
        state.track_settled_run();
        let (now, by) = (state.snapshot.with(|s| s.time_us), order());
        state.sim.with_untracked(|s| {
            merged_log(s.run.trace(), now, by, MAX_LINES)
                .iter()
                .map(|l| {
                    let cause = l.cause_listed_later.map(TraceEvent::summary);
                    (l.event.seq, stamp(l.event, by), l.event.summary(), cause)
                })
                .collect::<Vec<Line>>()
        })
    });
    view! {
        <section class="panel merged-log" aria-labelledby="log-title">
            <h2 id="log-title">"One log from four clocks"</h2>
            <p class="hint">"Each node keeps its own log. Merge the last lines up to now by the clock below; pick a line to see its event."</p>
            <fieldset class="log-order">
                <legend class="sr-only">"Order the merged log by"</legend>
                {ORDERS.map(|(o, words)| view! {
                    <label>
                        <input type="radio" name="log-order"
                            prop:checked=move || order() == o
                            disabled=move || o == LogOrder::RealTime && state.hide_truth.get()
                            on:change=move |_| chosen.set(o) />
                        {words}
                    </label>
                })}
            </fieldset>
            <ClockControl state />
            <p class="log-verdict">{move || lines.with(|l| verdict(l))}</p>
            <ol class="log-lines">
                // Keyed by event and what the line says: as the run plays, only new lines are drawn.
                // A line is a button: it selects its event, on the diagram and in the event details.
                <For each=move || lines.get() key=|l| l.clone() children=move |(seq, stamp, words, cause)| {
                    let class = if cause.is_some() { "early" } else { "" };
                    view! {
                        <li class=class>
                            <button type="button" class="log-line" on:click=move |_| state.selected.set(Selection::Event(seq))>
                                <span class="stamp">{stamp}</span>" "{words}
                                {cause.map(|c| view! { <span class="early-note">"⚠ before its cause: "{c}</span> })}
                            </button>
                        </li>
                    }
                } />
            </ol>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_keep_to_milliseconds_and_the_microsecond() {
        assert_eq!(ms_stamp(4_993_215), "4993.215 ms");
        assert_eq!(ms_stamp(1_000), "1 ms");
        assert_eq!(ms_stamp(850), "0.85 ms");
        assert_eq!(ms_stamp(-8_000), "−8 ms");
    }

    #[test]
    fn the_verdict_counts_lines_before_their_causes() {
        let line = |cause: Option<&str>| (0, String::new(), String::new(), cause.map(String::from));
        assert_eq!(
            verdict(&[line(None)]),
            "No line comes before one of its causes."
        );
        assert_eq!(
            verdict(&[line(Some("a")), line(None)]),
            "1 line comes before one of its causes."
        );
        assert_eq!(
            verdict(&[line(Some("a")), line(Some("b"))]),
            "2 lines come before one of their causes."
        );
    }
}
