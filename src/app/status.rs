//! The status area: invariants in sight (violations up to now), how the run ended and what the last
//! change altered in that, simulation errors, and the aria-live region that narrates what happens.

use faultline_sim::time::fmt_us;
use faultline_sim::Violation;
use leptos::prelude::*;

use super::end_changes::EndChanges;
use super::state::{Playground, Selection};

/// Most violations listed (a broken workload run can have many).
const MAX_LISTED: usize = 20;

/// The status area.
#[component]
pub fn StatusArea(state: Playground) -> impl IntoView {
    view! {
        <section class="panel status" aria-labelledby="status-title">
            <h2 id="status-title">"Status"</h2>
            <SimError state />
            <Violations state />
            <RunOutcome state />
            <EndChanges state />
            <p class="announcer" role="status" aria-live="polite" aria-atomic="true">
                {move || state.announcement.get()}
            </p>
        </section>
    }
}

/// Why the last change could not be simulated, if it could not.
#[component]
fn SimError(state: Playground) -> impl IntoView {
    let error = Memo::new(move |_| state.sim.with(|s| s.error.clone()));
    view! {
        <Show when=move || error.with(Option::is_some)>
            <p class="sim-error" role="alert">
                <span aria-hidden="true">"⛔ "</span>
                {move || format!(
                    "That change could not be simulated: {}. The previous run is still shown.",
                    error.get().unwrap_or_default()
                )}
            </p>
        </Show>
    }
}

/// A learner's name for an invariant.
fn invariant_words(name: &str) -> String {
    match name {
        "no-double-charge" => "No double charge".to_string(),
        "charged-implies-reserved-or-refunded" => {
            "Money taken means stock reserved or money refunded".to_string()
        }
        "view-soundness" => "No node believes what no message told it".to_string(),
        "message-conservation" => {
            "Every message is delivered, dropped or still in flight".to_string()
        }
        other => other.replace('-', " "),
    }
}

/// The violations found up to now, unexpected ones first.
#[component]
fn Violations(state: Playground) -> impl IntoView {
    let all = Memo::new(move |_| state.snapshot.with(|s| s.violations.clone()));
    let listed = move || {
        all.with(|vs| {
            let mut v: Vec<Violation> = vs
                .iter()
                .filter(|v| !v.expected)
                .chain(vs.iter().filter(|v| v.expected))
                .take(MAX_LISTED)
                .cloned()
                .collect();
            v.dedup();
            v
        })
    };
    let more = move || all.with(|v| v.len().saturating_sub(MAX_LISTED));
    view! {
        <Show
            when=move || all.with(|v| !v.is_empty())
            fallback=|| view! { <p class="ok"><span aria-hidden="true">"✔ "</span>"Every invariant holds so far."</p> }
        >
            <h3 class="sub">"Invariants broken so far"</h3>
            <ul class="violations">
                <For
                    each=listed
                    key=|v| (v.seq, v.name.clone(), v.detail.clone())
                    children=move |v| view! { <ViolationItem state v /> }
                />
            </ul>
            <Show when=move || { more() > 0 }>
                <p class="more">{move || format!("…and {} more.", more())}</p>
            </Show>
        </Show>
    }
}

/// One violation, with a button that selects the event where it became true.
#[component]
fn ViolationItem(state: Playground, v: Violation) -> impl IntoView {
    let (icon, kind, class) = if v.expected {
        ("⚠", "Expected with this strategy", "violation expected")
    } else {
        ("⛔", "Invariant broken", "violation unexpected")
    };
    let seq = v.seq;
    let name = invariant_words(&v.name);
    let show = move |_| {
        state.selected.set(Selection::Event(seq));
        state.announce(format!(
            "Selected the event where \u{201c}{name}\u{201d} broke."
        ));
    };
    view! {
        <li class=class>
            <p class="violation-head">
                <span aria-hidden="true">{icon}" "</span>
                <span class="kind">{kind}": "</span>
                <strong>{invariant_words(&v.name)}</strong>
                <span class="when">{format!(" at {} on {}", fmt_us(v.time_us), v.node)}</span>
            </p>
            <p class="detail">{v.detail.clone()}</p>
            <button type="button" class="link-button" on:click=show>"Show the event"</button>
        </li>
    }
}

/// How the whole run ends (it was simulated to its end). Follows the run the panels show, so that
/// while a partition is dragged it catches up with them, not with every move.
#[component]
fn RunOutcome(state: Playground) -> impl IntoView {
    let words = Memo::new(move |_| {
        state.track_settled_run();
        state.sim.with_untracked(|s| {
            let events = s.run.trace().events.len();
            let total = s.run.violations().len();
            let end = match s.run.outcome() {
                Some(o) => format!("Whole run: {o}"),
                None => "Whole run: not simulated yet".to_string(),
            };
            let broken = match total {
                0 => "no invariant breaks".to_string(),
                1 => "1 violation in all".to_string(),
                n => format!("{n} violations in all"),
            };
            format!("{end}; {events} events, {broken}.")
        })
    });
    // How the run ends is the truth, and the future: it hides with the truth.
    view! { <p class="outcome" hidden=move || state.hide_truth.get()>{move || words.get()}</p> }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invariant_names_read_as_words() {
        assert_eq!(invariant_words("no-double-charge"), "No double charge");
        assert_eq!(invariant_words("made-up-name"), "made up name");
    }
}
