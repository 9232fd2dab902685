//! The learner's work in `localStorage`: the same versioned text as the link, under one key.
//!
//! Storage can be missing or full (private windows, quotas); then nothing is kept and nothing fails.

/// The key. The value is a link body (`v1.…`), so old values are recognised by their version.
pub const KEY: &str = "faultline.work";

fn storage() -> Option<web_sys::Storage> {
    leptos::prelude::window().local_storage().ok().flatten()
}

/// The saved work, if any.
pub fn load() -> Option<String> {
    storage()?.get_item(KEY).ok().flatten()
}

/// Saves `link`; false if storage is unavailable or full.
pub fn save(link: &str) -> bool {
    storage().is_some_and(|s| s.set_item(KEY, link).is_ok())
}

/// Forgets the saved work.
pub fn clear() {
    if let Some(s) = storage() {
        let _ = s.remove_item(KEY);
    }
}
