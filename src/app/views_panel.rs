//! Local views: one panel per node with what it believes, beside a Truth panel; differences are highlighted.
//!
//! "Hide the truth" removes the Truth panel, the "truly" notes and the highlighting (which would give
//! the truth away), so the learner has to reason from one node's view.

use std::collections::BTreeMap;

use faultline_sim::time::fmt_us;
use faultline_sim::{Belief, EventKind, NodeId, Snapshot, TraceEvent};
use leptos::prelude::*;

use super::state::{Playground, Selection};

/// Most rows a node's panel shows: the selected order first, then differences and facts about
/// peers, then the newest orders (a workload has thousands of beliefs).
const MAX_ROWS: usize = 14;
/// Most rows the Truth panel shows (it lists the links and nodes as well).
const MAX_TRUTH_ROWS: usize = 26;

/// Which rows a panel shows first: lower ranks first, the newest first within a rank.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Rank {
    Focus,
    Notable,
    Other,
}

/// One line of a node's panel, ready to draw.
#[derive(Clone, PartialEq)]
struct Row {
    subject: String,
    attribute: String,
    belief: Belief,
    note: Option<String>,
    /// The true value, when the belief differs from it (or is Unknown).
    truly: Option<String>,
}

impl Row {
    /// Identity for keyed rendering: what the row is about. When only its value changes, the row
    /// stays and its value is updated in place.
    fn key(&self) -> (String, String) {
        (self.subject.clone(), self.attribute.clone())
    }
}

/// The row with `key` among a panel's `rows`, as it is now: a memo that changes only when that
/// row does, so a keyed row can follow its own value.
fn current_row<T>(
    rows: Memo<(Vec<T>, usize)>,
    key: (String, String),
    key_of: fn(&T) -> (&str, &str),
) -> Memo<Option<T>>
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    Memo::new(move |_| {
        rows.with(|(rows, _)| {
            rows.iter()
                .find(|r| key_of(r) == (key.0.as_str(), key.1.as_str()))
                .cloned()
        })
    })
}

/// Up to `max` indices out of `len`, best rank first and newest first within a rank; returned in order.
///
/// One pass per rank, newest first, instead of a sort: there are only three ranks, and a sort
/// would add its own code to the wasm.
fn pick(len: usize, max: usize, rank: impl Fn(usize) -> Rank) -> Vec<usize> {
    if len <= max {
        return (0..len).collect();
    }
    let ranks: Vec<Rank> = (0..len).map(rank).collect();
    let mut chosen = vec![false; len];
    let mut left = max;
    for want in [Rank::Focus, Rank::Notable, Rank::Other] {
        for i in (0..len).rev() {
            if left == 0 {
                break;
            }
            if ranks[i] == want {
                chosen[i] = true;
                left -= 1;
            }
        }
    }
    (0..len).filter(|&i| chosen[i]).collect()
}

/// The order an event is about, as a subject ("order 3").
fn order_subject(e: &TraceEvent) -> Option<String> {
    let order = match &e.kind {
        EventKind::Send { payload, .. }
        | EventKind::Deliver { payload, .. }
        | EventKind::Drop { payload, .. } => payload.order(),
        EventKind::Timeout { order, .. }
        | EventKind::Retry { order, .. }
        | EventKind::GiveUp { order, .. }
        | EventKind::Reconcile { order, .. } => *order,
        EventKind::Effect(effect) => effect.order(),
        _ => return None,
    };
    Some(format!("order {order}"))
}

/// The order of the selected event, whose rows every panel shows first.
fn focus_subject(state: Playground) -> Memo<Option<String>> {
    Memo::new(move |_| match state.selected.get() {
        Selection::Event(seq) => state
            .sim
            .with(|s| s.run.trace().get(seq).and_then(order_subject)),
        _ => None,
    })
}

fn rank_of(focus: bool, notable: bool) -> Rank {
    match (focus, notable) {
        (true, _) => Rank::Focus,
        (false, true) => Rank::Notable,
        _ => Rank::Other,
    }
}

/// The rows of `node`'s panel, and how many beliefs it has in all.
fn node_rows(snap: &Snapshot, node: NodeId, focus: Option<&str>) -> (Vec<Row>, usize) {
    // Inserted one by one: `collect()` into a BTreeMap would sort first, with a sort of its own.
    let mut truly: BTreeMap<(&str, &str), &str> = BTreeMap::new();
    for d in snap.divergences.iter().filter(|d| d.node == node) {
        truly.insert((d.subject.as_str(), d.attribute.as_str()), d.truth.as_str());
    }
    let Some(view) = snap.views.iter().find(|v| v.node == node) else {
        return (Vec::new(), 0);
    };
    let rows = &view.beliefs;
    let rank = |i: usize| {
        rows.get(i).map_or(Rank::Other, |r| {
            let differs = truly.contains_key(&(r.subject.as_str(), r.attribute.as_str()));
            let about_peer = !r.subject.starts_with("order ");
            rank_of(
                focus == Some(r.subject.as_str()),
                differs || about_peer || r.belief.is_unknown(),
            )
        })
    };
    let shown = pick(rows.len(), MAX_ROWS, rank);
    let out = shown
        .into_iter()
        .filter_map(|i| rows.get(i))
        .map(|r| Row {
            subject: r.subject.clone(),
            attribute: r.attribute.clone(),
            belief: r.belief.clone(),
            note: r.note.clone(),
            truly: truly
                .get(&(r.subject.as_str(), r.attribute.as_str()))
                .map(|t| t.to_string()),
        })
        .collect();
    (out, rows.len())
}

/// The panels and the "Hide the truth" switch.
#[component]
pub fn ViewPanels(state: Playground) -> impl IntoView {
    let focus = focus_subject(state);
    let on_toggle = move |ev: leptos::ev::Event| {
        let hide = event_target_checked(&ev);
        state.hide_truth.set(hide);
        state.announce(if hide {
            "The truth is hidden: reason from one node's view."
        } else {
            "The truth is shown beside each view."
        });
    };
    view! {
        <section class="panel views" aria-labelledby="views-title">
            <div class="panel-head">
                <h2 id="views-title">"What each node believes"</h2>
                <label class="switch">
                    <input type="checkbox" prop:checked=move || state.hide_truth.get() on:change=on_toggle />
                    "Hide the truth"
                </label>
            </div>
            <div class="view-grid">
                {NodeId::ALL.into_iter().map(|node| view! { <NodePanel state node focus /> }).collect_view()}
                <Show when=move || !state.hide_truth.get()>
                    <TruthPanel state focus />
                </Show>
            </div>
        </section>
    }
}

/// "up", "crashed" or "paused".
fn status_word(snap: &Snapshot, node: NodeId) -> &'static str {
    snap.nodes_up.get(node.index()).map_or("up", |s| s.word())
}

/// One node's beliefs.
#[component]
fn NodePanel(state: Playground, node: NodeId, focus: Memo<Option<String>>) -> impl IntoView {
    let rows = Memo::new(move |_| {
        focus.with(|f| state.snapshot.with(|s| node_rows(s, node, f.as_deref())))
    });
    let status = Memo::new(move |_| state.snapshot.with(|s| status_word(s, node)));
    let label = format!("{}'s view", node.name());
    view! {
        <section class="view-panel" aria-label=label class:down=move || status.get() != "up">
            <h3>
                {node.name()}
                <span class="node-status" class:hidden-status=move || status.get() == "up">
                    {move || format!(" ({})", status.get())}
                </span>
            </h3>
            <dl class="beliefs">
                <For each=move || rows.get().0 key=Row::key children=move |row| {
                    let current = current_row(rows, row.key(), |r: &Row| (&r.subject, &r.attribute));
                    view! { <BeliefLine state subject=row.subject attribute=row.attribute row=current /> }
                } />
            </dl>
            <Show when=move || rows.with(|r| r.0.is_empty())>
                <p class="empty">"Believes nothing yet."</p>
            </Show>
            <MoreNote shown=Signal::derive(move || rows.with(|r| r.0.len())) total=Signal::derive(move || rows.with(|r| r.1)) />
        </section>
    }
}

/// "14 of 300 shown: …" when a panel is cut short.
#[component]
fn MoreNote(shown: Signal<usize>, total: Signal<usize>) -> impl IntoView {
    view! {
        <Show when=move || { total.get() > shown.get() }>
            <p class="more">{move || format!("{} of {} shown: the selected order, differences and peers first, then the newest.", shown.get(), total.get())}</p>
        </Show>
    }
}

/// One belief: what and the value, with "truly: …" when it differs from the truth. The value
/// follows `row` in place.
#[component]
fn BeliefLine(
    state: Playground,
    subject: String,
    attribute: String,
    row: Memo<Option<Row>>,
) -> impl IntoView {
    let has = move |f: fn(&Row) -> bool| row.with(|r| r.as_ref().is_some_and(f));
    let shows_diff = move || has(|r| r.truly.is_some()) && !state.hide_truth.get();
    view! {
        <div class="belief" class:diverges=shows_diff class:unknown=move || has(|r| r.belief.is_unknown())>
            {term(subject, attribute)}
            <dd>{move || row.get().map(|r| belief_parts(state, r))}</dd>
        </div>
    }
}

/// What a row is about: "order 3 · status".
fn term(subject: String, attribute: String) -> impl IntoView {
    view! { <dt><span class="subject">{subject}</span>" · "<span class="attribute">{attribute}</span></dt> }
}

/// The value of a belief, "truly: …" when it differs, and the node's note.
fn belief_parts(state: Playground, row: Row) -> impl IntoView {
    let truly = row.truly.map(|t| {
        view! {
            <span class="truly" hidden=move || state.hide_truth.get()>
                <span aria-hidden="true">" ≠ "</span>
                <span class="sr-only">" — "</span>
                "truly: "<strong>{t}</strong>
            </span>
        }
    });
    view! {
        <BeliefValue belief=row.belief />
        {truly}
        {row.note.map(|n| view! { <span class="note">{n}</span> })}
    }
}

/// "since 12.0 ms": when something became so, read against the diagram's time axis. An instant,
/// not a running "for 3 ms", so a panel changes only when a node learns something: while the run
/// plays, movement in the panels always means news.
pub fn since(t_us: u64) -> String {
    if t_us == 0 {
        "from the start".to_string()
    } else {
        format!("since {}", fmt_us(t_us))
    }
}

/// A belief's value; Unknown says since when and why.
#[component]
pub fn BeliefValue(belief: Belief) -> impl IntoView {
    match belief {
        Belief::Known { value, .. } => {
            view! { <span class="value known">{value}</span> }.into_any()
        }
        Belief::Unknown { since_us, why } => {
            let title = why.clone();
            view! {
            <span class="value unknown-value" title=title>
                <span class="unknown-badge"><span aria-hidden="true">"? "</span>"Unknown"</span>
                " "
                <span class="unknown-for">{since(since_us)}</span>
                <span class="why">{why}</span>
            </span>
            }
            .into_any()
        }
    }
}

/// The truth's facts (cut short like the node panels).
fn truth_rows(snap: &Snapshot, focus: Option<&str>) -> (Vec<(String, String, String)>, usize) {
    let facts = &snap.truth;
    // A map like node_rows' (the value is unused) so both share one BTreeMap::insert in the wasm.
    let mut diverged: BTreeMap<(&str, &str), &str> = BTreeMap::new();
    for d in &snap.divergences {
        diverged.insert((d.subject.as_str(), d.attribute.as_str()), d.truth.as_str());
    }
    let rank = |i: usize| {
        facts.get(i).map_or(Rank::Other, |f| {
            let notable = !f.subject.starts_with("order ")
                || diverged.contains_key(&(f.subject.as_str(), f.attribute.as_str()));
            rank_of(focus == Some(f.subject.as_str()), notable)
        })
    };
    let rows = pick(facts.len(), MAX_TRUTH_ROWS, rank)
        .into_iter()
        .filter_map(|i| facts.get(i))
        .map(|f| (f.subject.clone(), f.attribute.clone(), f.value.clone()))
        .collect();
    (rows, facts.len())
}

/// What is really so.
#[component]
fn TruthPanel(state: Playground, focus: Memo<Option<String>>) -> impl IntoView {
    let rows =
        Memo::new(move |_| focus.with(|f| state.snapshot.with(|s| truth_rows(s, f.as_deref()))));
    view! {
        <section class="view-panel truth" aria-label="The truth">
            <h3>"Truth"<span class="node-status">" (no node can see this)"</span></h3>
            <dl class="beliefs">
                <For
                    each=move || rows.get().0
                    key=|(subject, attribute, _)| (subject.clone(), attribute.clone())
                    children=move |(subject, attribute, _)| {
                        let key = (subject.clone(), attribute.clone());
                        let current = current_row(rows, key, |(s, a, _): &(String, String, String)| (s, a));
                        view! {
                            <div class="belief">
                                {term(subject, attribute)}
                                <dd><span class="value known">{move || current.get().map(|(_, _, value)| value)}</span></dd>
                            </div>
                        }
                    }
                />
            </dl>
            <MoreNote shown=Signal::derive(move || rows.with(|r| r.0.len())) total=Signal::derive(move || rows.with(|r| r.1)) />
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pick_keeps_best_ranks_then_newest() {
        assert_eq!(pick(3, 5, |_| Rank::Other), vec![0, 1, 2]);
        let marked = |i| if i == 2 { Rank::Notable } else { Rank::Other };
        assert_eq!(pick(10, 4, marked), vec![2, 7, 8, 9]);
        assert_eq!(pick(10, 2, |_| Rank::Notable), vec![8, 9]);
        let focus = |i| match i {
            0 => Rank::Focus,
            5 => Rank::Notable,
            _ => Rank::Other,
        };
        assert_eq!(pick(10, 3, focus), vec![0, 5, 9]);
    }

    #[test]
    fn since_reads_as_an_instant_on_the_time_axis() {
        assert_eq!(since(120_000), "since 120 ms");
        assert_eq!(since(5), "since 5 µs");
        assert_eq!(since(0), "from the start");
    }
}
