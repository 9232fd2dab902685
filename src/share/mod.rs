//! Sharing the learner's work: the whole state in the link, embed mode for course pages, the
//! postMessage API, and the work kept in local storage.
//!
//! [`boot`] reads the page's address (and storage) before the playground exists; [`start`] applies
//! the rest once it does and keeps the link (`history.replaceState`, never a new history entry) and
//! storage following the learner's work.

pub mod embed;
mod events;
pub mod post_message;
pub mod storage;
mod url_parse;
pub mod url_state;

use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::app::state::Playground;
use embed::{Controls, EmbedParams};
use url_state::{decode, encode, is_state_fragment, zoom_milli, SharedState};

/// How long the link waits for the learner to stop changing things before it is rewritten.
const WRITE_DELAY_MS: u64 = 300;

/// What the page starts with, read from its address and storage.
pub struct Boot {
    pub state: SharedState,
    pub params: EmbedParams,
    /// What could not be used (a bad link, a bad parameter), for the visible notice.
    pub notice: Option<String>,
    /// Where the state came from, when not from the defaults: for the announcement.
    pub restored: Option<&'static str>,
}

/// The sharing handle the share bar uses. `Copy`, like `Playground`.
#[derive(Clone, Copy)]
pub struct Share {
    pub params: StoredValue<EmbedParams>,
    /// The visible notice (bad link, import error); `None` hides it.
    pub notice: RwSignal<Option<String>>,
    /// What the page started with: `faultline:reset` goes back to it.
    pub boot_state: StoredValue<SharedState>,
    /// The last link body written, so the page does not react to its own writes.
    last_link: StoredValue<String>,
}

/// Reads the query string, the fragment and storage. Never fails: what cannot be used becomes a notice.
pub fn boot(default: &faultline_sim::Scenario) -> Boot {
    let location = window().location();
    let search = location.search().unwrap_or_default();
    let pairs = web_sys::UrlSearchParams::new_with_str(&search)
        .map(|q| query_pairs(&q))
        .unwrap_or_default();
    let params = EmbedParams::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let mut problems: Vec<String> = params
        .problems
        .iter()
        .map(|p| format!("Ignored a setting in the address: {p}."))
        .collect();
    let mut state = SharedState::initial(default);
    let mut restored = None;
    if let Some(id) = &params.scenario {
        match faultline_sim::example(id) {
            Some(s) => state = SharedState::initial(&s),
            None => problems.push(format!(
                "There is no built-in scenario \u{201c}{id}\u{201d}; showing the default one."
            )),
        }
    }
    let hash = location.hash().unwrap_or_default();
    let fragment = hash.trim_start_matches('#');
    if is_state_fragment(fragment) {
        match decode(fragment) {
            Ok(s) => {
                state = s;
                restored = Some("Opened the situation saved in this link.");
            }
            Err(e) => problems.push(format!("{e} Showing the default scenario instead.")),
        }
    } else if !params.embed && params.scenario.is_none() {
        // A link to one scenario (a teacher's, say) opens that scenario, not the saved work.
        if let Some(saved) = storage::load() {
            match decode(&saved) {
                Ok(s) => {
                    state = s;
                    restored =
                        Some("Restored your work from last time. Reset my work starts afresh.");
                }
                Err(_) => storage::clear(),
            }
        }
    }
    if let Some(t) = params.start_us {
        state.now_us = t;
    }
    Boot {
        state,
        notice: (!problems.is_empty()).then(|| problems.join(" ")),
        params,
        restored,
    }
}

fn query_pairs(q: &web_sys::UrlSearchParams) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for key in [
        "embed",
        "controls",
        "scenario",
        "t",
        "autoplay",
        "parentOrigin",
        "panels",
    ] {
        if let Some(v) = q.get(key) {
            out.push((key.to_string(), v));
        }
    }
    out
}

/// Applies the boot state's extras to the new playground and starts following the learner's work.
pub fn start(state: Playground, boot: Boot) -> Share {
    let share = Share {
        params: StoredValue::new(boot.params.clone()),
        notice: RwSignal::new(boot.notice.clone()),
        boot_state: StoredValue::new(boot.state.clone()),
        last_link: StoredValue::new(String::new()),
    };
    set_body_classes(&boot.params.body_classes());
    state.node_faults.set(boot.state.node_faults.clone());
    apply_view(state, &boot.state);
    state.seek(boot.state.now_us);
    let autoplay = boot
        .params
        .autoplay
        .unwrap_or(boot.restored.is_none() && boot.params.start_us.is_none());
    state.playing.set(autoplay);
    if let Some(notice) = &boot.notice {
        state.announce(notice.clone());
    } else if let Some(words) = boot.restored {
        state.announce(words);
    }
    if !boot.params.embed {
        follow_work(state, share);
        follow_hash(state, share);
    }
    if boot.params.controls == Controls::None {
        lock_partitions();
    }
    events::wire(state, share);
    share
}

/// The playground's current state (reads signals: tracked inside an effect).
pub fn current(state: Playground) -> SharedState {
    SharedState {
        scenario: state.scenario.get(),
        bands: state.bands.get(),
        node_faults: state.node_faults.get(),
        // Untracked: following every frame of playback would rewrite the link sixty times a second.
        now_us: state.now_us.get_untracked(),
        hide_truth: state.hide_truth.get(),
        zoom_milli: zoom_milli(state.layout.with(|l| l.px_per_ms)),
        speed_ms_per_s: state.speed_ms_per_s.get().round() as u32,
    }
}

/// Replaces the playground's state with `s` (a link, a command, a reset), paused at its time.
pub fn load(state: Playground, s: &SharedState) {
    state.pause();
    state.load_scenario(s.scenario_with_bands());
    state.node_faults.set(s.node_faults.clone());
    apply_view(state, s);
    state.seek(s.now_us);
}

fn apply_view(state: Playground, s: &SharedState) {
    state.hide_truth.set(s.hide_truth);
    state.speed_ms_per_s.set(s.speed_ms_per_s as f64);
    match s.px_per_ms() {
        Some(px) if state.layout.with_untracked(|l| l.px_per_ms != px) => {
            state.layout.update(|l| l.px_per_ms = px)
        }
        Some(_) => {}
        None => state.fit_time(),
    }
}

/// The page's address without query or fragment, e.g. `https://host/course/faultline/`.
pub fn app_url() -> String {
    let l = window().location();
    format!(
        "{}{}",
        l.origin().unwrap_or_default(),
        l.pathname().unwrap_or_default()
    )
}

/// A link to the current state on the full page.
pub fn share_link(state: Playground) -> String {
    format!("{}#{}", app_url(), encode(&untrack(|| current(state))))
}

/// Rewrites the fragment (and storage) a moment after the learner stops changing things.
/// While playing, "now" is read but not followed, so playback does not rewrite the link each frame.
fn follow_work(state: Playground, share: Share) {
    let pending = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |_| {
        // While playing, "now" is not followed (the link is written when playback stops or
        // anything else changes); while paused, scrubbing and stepping are.
        if !state.playing.get() {
            state.now_us.track();
        }
        let s = current(state);
        if let Some(h) = pending.get_value() {
            h.clear();
        }
        let h = set_timeout_with_handle(
            move || write_link(share, &encode(&s)),
            Duration::from_millis(WRITE_DELAY_MS),
        );
        pending.set_value(h.ok());
    });
}

fn write_link(share: Share, link: &str) {
    if share.last_link.with_value(|l| l == link) {
        return;
    }
    share.last_link.set_value(link.to_string());
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&format!("#{link}")));
    }
    storage::save(link);
}

/// A link pasted over the current one (only the fragment changes, so the page does not reload).
fn follow_hash(state: Playground, share: Share) {
    let on_hash = Closure::<dyn Fn()>::new(move || {
        let hash = window().location().hash().unwrap_or_default();
        let fragment = hash.trim_start_matches('#').to_string();
        if !is_state_fragment(&fragment) || share.last_link.with_value(|l| *l == fragment) {
            return;
        }
        match decode(&fragment) {
            Ok(s) => {
                share.notice.set(None);
                load(state, &s);
                state.announce("Opened the situation saved in this link.");
            }
            Err(e) => {
                let words = format!("{e} The current situation is kept.");
                share.notice.set(Some(words.clone()));
                state.announce(words);
            }
        }
    });
    let _ =
        window().add_event_listener_with_callback("hashchange", on_hash.as_ref().unchecked_ref());
    on_hash.forget();
}

/// Forgets the learner's work: clears storage and the link, and loads the default scenario.
pub fn reset_work(state: Playground, share: Share, default: &faultline_sim::Scenario) {
    storage::clear();
    share.last_link.set_value(String::new());
    if let Ok(history) = window().history() {
        let l = window().location();
        let url = format!(
            "{}{}",
            l.pathname().unwrap_or_default(),
            l.search().unwrap_or_default()
        );
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
    share.notice.set(None);
    load(state, &SharedState::initial(default));
    state.announce("Your work was reset: the default scenario, from the start.");
}

fn set_body_classes(classes: &[String]) {
    let Some(body) = document().body() else {
        return;
    };
    for c in classes {
        let _ = body.class_list().add_1(c);
    }
}

/// With `controls=none`, stops every pointer and key action that would change a partition band.
/// Capturing listeners on the document run before the bands' own handlers.
fn lock_partitions() {
    let guard = Closure::<dyn Fn(web_sys::Event)>::new(|ev: web_sys::Event| {
        let Some(el) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        let near = |sel: &str| el.closest(sel).ok().flatten().is_some();
        let blocked = match ev.dyn_ref::<web_sys::KeyboardEvent>() {
            Some(k) => {
                let key = k.key();
                (near(".band") && key != "Tab")
                    || (near(".diagram-scroll") && key.eq_ignore_ascii_case("p"))
            }
            None => near(".band") || near(".partition-tool") || near(".gap-pick"),
        };
        if blocked {
            ev.prevent_default();
            ev.stop_propagation();
        }
    });
    let doc = document();
    for kind in ["pointerdown", "keydown", "click"] {
        let _ = doc.add_event_listener_with_callback_and_bool(
            kind,
            guard.as_ref().unchecked_ref(),
            true,
        );
    }
    guard.forget();
}
