//! After a change, what ended otherwise. A change re-runs the same seed, so what differs at the end
//! of the run is the change's own doing (`faultline_sim::end_changes`): shown in the status area,
//! under how the run ends, until the next change, and hidden with the truth. A loaded scenario
//! (picked, imported, reset) is not a change, and starts the comparison afresh.

use std::sync::Arc;

use faultline_sim::{end_changes, total_changes, EndChange, Snapshot};
use leptos::prelude::*;

use super::state::{follows_run, run_end_us, Playground, Simulated};

/// Most changes named order by order; more are counted over all orders instead.
const MAX_NAMED: usize = 6;

/// What the learner's last change did to the end of the run; empty until there is a change.
#[derive(Clone, Default, PartialEq)]
pub struct EndReport {
    /// The run it describes (`Simulated::generation`): two changes with the same words are two
    /// reports, so a course page hears each.
    pub generation: u64,
    /// The sentence the status area shows.
    pub words: String,
    /// What ended otherwise, order by order, or counted over all orders when `counted`.
    pub changes: Vec<EndChange>,
    pub counted: bool,
}

/// "what: before → after; …".
fn listed(changes: &[EndChange]) -> String {
    let named: Vec<String> = changes
        .iter()
        .map(|c| format!("{}: {} → {}", c.what, c.before, c.after))
        .collect();
    named.join("; ")
}

/// What ended otherwise between the ends of two runs of the same seed: order by order, or counted
/// over all orders when more than a few changed, with the sentence that says so.
fn report(old: &Snapshot, new: &Snapshot, generation: u64) -> EndReport {
    let each = end_changes(old, new);
    let (words, changes, counted) = if each.is_empty() {
        let words = "Your last change left the end of the run as it was.".to_string();
        (words, each, false)
    } else if each.len() <= MAX_NAMED {
        let words = format!(
            "Your last change, same seed, at the end of the run: {}.",
            listed(&each)
        );
        (words, each, false)
    } else {
        let totals = total_changes(old, new);
        let words = format!(
            "Your last change, same seed, at the end of the run, over all orders: {}.",
            listed(&totals)
        );
        (words, totals, true)
    };
    EndReport {
        generation,
        words,
        changes,
        counted,
    }
}

/// Compares each run the learner's changes make with the one before, once it has settled (a band
/// being dragged is compared once let go, with the run before the drag). `last` holds the end
/// compared with; a loaded scenario (picked, imported, reset) clears it and starts afresh.
pub fn end_report(
    sim: Memo<Simulated>,
    hold: RwSignal<Option<u64>>,
    last: StoredValue<Option<(String, Arc<Snapshot>)>>,
) -> Memo<Arc<EndReport>> {
    Memo::new(move |prev: Option<&Arc<EndReport>>| {
        if !follows_run(hold, sim) {
            return prev.cloned().unwrap_or_default();
        }
        // A change that could not be simulated leaves the previous run: nothing to compare.
        let Some((end, generation)) = sim.with_untracked(|s| {
            s.error.is_none().then(|| {
                let end = (
                    s.run.scenario().id.clone(),
                    Arc::new(s.run.snapshot_at(run_end_us(&s.run))),
                );
                (end, s.generation)
            })
        }) else {
            return Arc::default();
        };
        let before = last.get_value();
        last.set_value(Some(end.clone()));
        Arc::new(match before {
            Some((id, old)) if id == end.0 => report(&old, &end.1, generation),
            _ => EndReport::default(),
        })
    })
}

/// The sentence, once the learner has changed the run.
#[component]
pub fn EndChanges(state: Playground) -> impl IntoView {
    let report = state.end_report;
    view! {
        // It reads the truth (what was reserved, charged, refunded), so it hides with the truth.
        <p class="end-changes" aria-live="polite"
            hidden=move || state.hide_truth.get() || report.with(|r| r.words.is_empty())>
            {move || report.with(|r| r.words.clone())}
        </p>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use faultline_sim::{example, Run, Scenario};

    fn end_of(s: &Scenario) -> Snapshot {
        let mut r = Run::new(s).expect("a valid scenario");
        r.run_to_end();
        r.snapshot_at(run_end_us(&r))
    }

    #[test]
    fn a_few_changes_are_named_and_many_are_counted() {
        let one = example("happy-path").expect("the example");
        let same = report(&end_of(&one), &end_of(&one), 1);
        assert_eq!(
            same.words,
            "Your last change left the end of the run as it was."
        );
        assert!(same.changes.is_empty() && !same.counted);
        let mut out_of_stock = one.clone();
        out_of_stock.stock = 0;
        let refunded = report(&end_of(&one), &end_of(&out_of_stock), 2);
        assert_eq!(refunded.changes.len(), 4);
        assert!(!refunded.counted);
        assert_eq!(
            refunded.words,
            "Your last change, same seed, at the end of the run: order 1 refunded: no → yes; \
             order 1 reserved: yes → no; inventory stock: 9 → 0; order 1 as the client was told: \
             confirmed → failed."
        );
        let busy = example("workload").expect("the example");
        let mut lossless = busy.clone();
        lossless.network.loss = 0.0;
        let counted = report(&end_of(&busy), &end_of(&lossless), 3);
        assert!(counted.counted);
        assert_eq!(counted.changes[0].what, "orders charged");
        let counted = counted.words;
        assert!(
            counted.starts_with(
                "Your last change, same seed, at the end of the run, over all orders: \
                 orders charged: 189 → 200;"
            ),
            "{counted}"
        );
    }
}
