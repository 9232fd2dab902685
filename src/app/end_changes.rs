//! After a change, what ended otherwise. A change re-runs the same seed, so what differs at the end
//! of the run is the change's own doing (`faultline_sim::end_changes`): shown in the status area,
//! under how the run ends, until the next change, and hidden with the truth. A loaded scenario
//! (picked, imported, reset) is not a change, and starts the comparison afresh.

use std::sync::Arc;

use faultline_sim::{end_changes, total_changes, EndChange, Snapshot};
use leptos::prelude::*;

use super::state::Playground;

/// Most changes named order by order; more are counted over all orders instead.
const MAX_NAMED: usize = 6;

/// "what: before → after; …".
fn listed(changes: &[EndChange]) -> String {
    let named: Vec<String> = changes
        .iter()
        .map(|c| format!("{}: {} → {}", c.what, c.before, c.after))
        .collect();
    named.join("; ")
}

/// What ended otherwise between the ends of two runs of the same seed, in a sentence: order by
/// order, or counted over all orders when more than a few changed.
fn sentence(old: &Snapshot, new: &Snapshot) -> String {
    let each = end_changes(old, new);
    if each.is_empty() {
        return "Your last change left the end of the run as it was.".to_string();
    }
    if each.len() <= MAX_NAMED {
        return format!(
            "Your last change, same seed, at the end of the run: {}.",
            listed(&each)
        );
    }
    format!(
        "Your last change, same seed, at the end of the run, over all orders: {}.",
        listed(&total_changes(old, new))
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
        // A change that could not be simulated leaves the previous run: nothing to compare.
        let t = untrack(|| state.end_us());
        let Some(end) = state.sim.with_untracked(|s| {
            let end = || (s.run.scenario().id.clone(), Arc::new(s.run.snapshot_at(t)));
            s.error.is_none().then(end)
        }) else {
            return String::new();
        };
        let before = last.get_value();
        last.set_value(Some(end.clone()));
        match before {
            Some((id, old)) if id == end.0 => sentence(&old, &end.1),
            _ => String::new(),
        }
    });
    view! {
        // It reads the truth (what was reserved, charged, refunded), so it hides with the truth.
        <p class="end-changes" aria-live="polite"
            hidden=move || state.hide_truth.get() || words.with(String::is_empty)>{words}</p>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use faultline_sim::{example, Run, Scenario};

    fn end_of(s: &Scenario) -> Snapshot {
        let mut r = Run::new(s).expect("a valid scenario");
        r.run_to_end();
        r.snapshot_at(r.trace().events.last().map_or(0, |e| e.time_us))
    }

    #[test]
    fn a_few_changes_are_named_and_many_are_counted() {
        let one = example("happy-path").expect("the example");
        assert_eq!(
            sentence(&end_of(&one), &end_of(&one)),
            "Your last change left the end of the run as it was."
        );
        let mut out_of_stock = one.clone();
        out_of_stock.stock = 0;
        assert_eq!(
            sentence(&end_of(&one), &end_of(&out_of_stock)),
            "Your last change, same seed, at the end of the run: order 1 refunded: no → yes; \
             order 1 reserved: yes → no; inventory stock: 9 → 0; order 1 as the client was told: \
             confirmed → failed."
        );
        let busy = example("workload").expect("the example");
        let mut lossless = busy.clone();
        lossless.network.loss = 0.0;
        let counted = sentence(&end_of(&busy), &end_of(&lossless));
        assert!(
            counted.starts_with(
                "Your last change, same seed, at the end of the run, over all orders: \
                 orders charged: 189 → 200;"
            ),
            "{counted}"
        );
    }
}
