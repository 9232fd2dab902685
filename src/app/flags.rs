//! Per-item reactive flags: each of thousands of arrows can ask "am I selected, in the causal past,
//! in the causal future?" and only the items whose answer changes are woken.
//!
//! One shared signal read by every arrow would wake them all on each hover, and the reactive
//! graph's bookkeeping for a source with thousands of subscribers costs quadratic time.

use std::collections::{BTreeSet, HashMap};

use leptos::prelude::*;

/// A set of item ids, seen through one trigger per item.
#[derive(Clone, Copy)]
pub struct Flags {
    set: StoredValue<BTreeSet<u64>>,
    triggers: StoredValue<HashMap<u64, ArcTrigger>>,
}

impl Flags {
    /// Flags that follow `source`: on each change, only ids that entered or left the set are woken.
    pub fn new(source: impl Fn() -> BTreeSet<u64> + 'static) -> Flags {
        let flags = Flags {
            set: StoredValue::new(BTreeSet::new()),
            triggers: StoredValue::new(HashMap::new()),
        };
        Effect::new(move |_| {
            let next = source();
            let changed: Vec<u64> = flags
                .set
                .with_value(|old| old.symmetric_difference(&next).copied().collect());
            flags.set.set_value(next);
            flags.triggers.with_value(|ts| {
                for id in &changed {
                    if let Some(t) = ts.get(id) {
                        t.notify();
                    }
                }
            });
        });
        flags
    }

    /// Whether `id` is in the set; the caller is woken only when that answer may change.
    pub fn has(&self, id: u64) -> bool {
        let trigger = self
            .triggers
            .try_update_value(|ts| ts.entry(id).or_default().clone());
        if let Some(t) = trigger {
            t.track();
        }
        self.set.with_value(|s| s.contains(&id))
    }
}

/// The one id a source names, as a set (empty for `None`).
pub fn one(id: Option<u64>) -> BTreeSet<u64> {
    let mut set = BTreeSet::new();
    if let Some(id) = id {
        set.insert(id);
    }
    set
}
