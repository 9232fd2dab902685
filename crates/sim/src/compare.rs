//! What a change did to how a run ends. A change re-runs the same seed, so two runs' last
//! snapshots differ only through it: which orders ended charged, reserved or refunded, the stock,
//! what the client was told, and how many invariants broke.

use crate::id::NodeId;
use crate::view::Snapshot;

/// One thing that ended otherwise: "order 1 reserved: no → yes".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndChange {
    /// "order 1 reserved", "order 1 as the client was told", "inventory stock", "invariant breaks".
    pub what: String,
    /// The value in the run before the change, or "—" where it had none (an order not placed).
    pub before: String,
    pub after: String,
}

/// What the client was told of an order it has no answer for.
const NO_ANSWER: &str = "no answer";

/// The outcomes of a run's last snapshot that a change can alter, in the snapshot's order.
fn outcomes(end: &Snapshot) -> Vec<(String, String)> {
    let facts = end
        .truth
        .iter()
        .filter(|f| {
            f.subject.starts_with("order ") || f.subject == "inventory" && f.attribute == "stock"
        })
        .map(|f| (format!("{} {}", f.subject, f.attribute), f.value.clone()));
    let told = end
        .views
        .iter()
        .filter(|v| v.node == NodeId::CLIENT)
        .flat_map(|v| &v.beliefs)
        .filter(|b| b.subject.starts_with("order ") && b.attribute == "status")
        .map(|b| {
            let value = b.belief.value().unwrap_or(NO_ANSWER);
            (
                format!("{} as the client was told", b.subject),
                value.to_string(),
            )
        });
    let breaks = std::iter::once((
        "invariant breaks".to_string(),
        end.violations.len().to_string(),
    ));
    facts.chain(told).chain(breaks).collect()
}

/// What ended otherwise in `after` than in `before`: outcomes of `after` in order, then those only
/// `before` had.
pub fn end_changes(before: &Snapshot, after: &Snapshot) -> Vec<EndChange> {
    differences(&outcomes(before), &outcomes(after), "—")
}

/// The same comparison counted over all orders, for a busy run where order by order is too long:
/// "orders charged: 180 → 186", "orders told confirmed: 160 → 175", the stock and the breaks.
pub fn total_changes(before: &Snapshot, after: &Snapshot) -> Vec<EndChange> {
    differences(&totals(before), &totals(after), "0")
}

/// How many orders ended each way, then the outcomes that are not an order's.
fn totals(end: &Snapshot) -> Vec<(String, String)> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    let mut others = Vec::new();
    for (what, value) in outcomes(end) {
        let Some(rest) = what.strip_prefix("order ") else {
            others.push((what, value));
            continue;
        };
        let way = rest.split_once(' ').map_or("", |(_, way)| way);
        let key = match way {
            "as the client was told" if value == NO_ANSWER => "orders with no answer".to_string(),
            "as the client was told" => format!("orders told {value}"),
            _ if value == "no" => continue,
            _ => format!("orders {way}"),
        };
        match counts.iter_mut().find(|(k, _)| *k == key) {
            Some((_, n)) => *n += 1,
            None => counts.push((key, 1)),
        }
    }
    let counted = counts.into_iter().map(|(k, n)| (k, n.to_string()));
    counted.chain(others).collect()
}

/// The entries of `new` whose value differs from `old`'s (or that `old` lacks), then those only
/// `old` has; a missing value reads `missing`.
fn differences(
    old: &[(String, String)],
    new: &[(String, String)],
    missing: &str,
) -> Vec<EndChange> {
    let value_in = |list: &[(String, String)], what: &str| {
        list.iter()
            .find(|(w, _)| w == what)
            .map_or_else(|| missing.to_string(), |(_, v)| v.clone())
    };
    let changed = new.iter().filter_map(|(what, now)| {
        let was = value_in(old, what);
        (was != *now).then(|| EndChange {
            what: what.clone(),
            before: was,
            after: now.clone(),
        })
    });
    let gone = old
        .iter()
        .filter(|(what, _)| !new.iter().any(|(w, _)| w == what))
        .map(|(what, was)| EndChange {
            what: what.clone(),
            before: was.clone(),
            after: missing.to_string(),
        });
    changed.chain(gone).collect()
}
