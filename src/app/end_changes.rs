//! After a change, what ended otherwise. A change re-runs the same seed, so what differs at the end
//! of the run is the change's own doing (`faultline_sim::end_changes`): shown in the status area,
//! under how the run ends, until the next change. A loaded scenario (picked, imported, reset) is
//! not a change, and starts the comparison afresh.

use std::sync::Arc;

use faultline_sim::{end_changes, EndChange};
use leptos::prelude::*;

use super::state::Playground;

/// Most changes named; the others are counted.
const MAX_NAMED: usize = 6;

/// "Your change, same seed: order 1 reserved: no → yes; …".
fn sentence(changes: &[EndChange]) -> String {
    if changes.is_empty() {
        return "Your last change left the end of the run as it was.".to_string();
    }
    let named: Vec<String> = changes
        .iter()
        .take(MAX_NAMED)
        .map(|c| format!("{}: {} → {}", c.what, c.before, c.after))
        .collect();
    let more = match changes.len().saturating_sub(MAX_NAMED) {
        0 => String::new(),
        n => format!("; and {n} more"),
    };
    format!(
        "Your last change, same seed, at the end of the run: {}{more}.",
        named.join("; ")
    )
}

/// The sentence, once the learner has changed the run.
#[component]
pub fn EndChanges(state: Playground) -> impl IntoView {
    let last = state.compared_end;
    // Empty until there is a change to compare.
    let words = Memo::new(move |prev: Option<&String>| {
        state.track_settled_run();
        // A band being dragged is compared once it is let go, with the run before the drag.
        if state.is_dragging() {
            return prev.cloned().unwrap_or_default();
        }
        let Some(end) = state.sim.with_untracked(|s| {
            let t = s.run.trace().events.last().map_or(0, |e| e.time_us);
            let end = (s.run.scenario().id.clone(), Arc::new(s.run.snapshot_at(t)));
            s.error.is_none().then_some(end)
        }) else {
            return String::new();
        };
        let before = last.get_value();
        last.set_value(Some(end.clone()));
        match before {
            Some((id, old)) if id == end.0 => sentence(&end_changes(&old, &end.1)),
            _ => String::new(),
        }
    });
    view! {
        <p class="end-changes" aria-live="polite" hidden=move || words.with(String::is_empty)>{words}</p>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(what: &str, before: &str, after: &str) -> EndChange {
        EndChange {
            what: what.into(),
            before: before.into(),
            after: after.into(),
        }
    }

    #[test]
    fn names_a_few_changes_and_counts_the_rest() {
        assert_eq!(
            sentence(&[]),
            "Your last change left the end of the run as it was."
        );
        assert_eq!(
            sentence(&[change("order 1 reserved", "no", "yes")]),
            "Your last change, same seed, at the end of the run: order 1 reserved: no → yes."
        );
        let many: Vec<EndChange> = (1..=9)
            .map(|i| change(&format!("order {i} reserved"), "no", "yes"))
            .collect();
        assert!(sentence(&many).ends_with("order 6 reserved: no → yes; and 3 more."));
    }
}
