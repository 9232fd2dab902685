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
            let value = b.belief.value().unwrap_or("no answer");
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
    let (old, new) = (outcomes(before), outcomes(after));
    let value_in = |list: &[(String, String)], what: &str| {
        list.iter()
            .find(|(w, _)| w == what)
            .map_or_else(|| "—".to_string(), |(_, v)| v.clone())
    };
    let changed = new.iter().filter_map(|(what, now)| {
        let was = value_in(&old, what);
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
            after: "—".to_string(),
        });
    changed.chain(gone).collect()
}
