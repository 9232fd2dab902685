//! Strategy controls: how web copes with silence (timeout, retries, backoff, jitter, keys, what to do after giving up).
//!
//! Every change re-runs the whole scenario from the same seed, so the learner compares like with like.
//! A value that cannot be used leaves the scenario as it was and says why beside the control.

use faultline_sim::{GiveUp, Strategy};
use leptos::prelude::*;

use super::fields::{apply, clear_on_change, CountField, FieldError, TimeField};
use super::state::Playground;

/// Most retries the controls offer (the core allows more; a lesson needs no more than this).
const MAX_RETRIES_UI: u32 = 10;

/// The strategy panel.
#[component]
pub fn StrategyControls(state: Playground) -> impl IntoView {
    view! {
        <section class="panel strategy" aria-labelledby="strategy-title">
            <h2 id="strategy-title">"Strategy"</h2>
            <p class="hint">"How web copes with silence. A change re-runs the same seed with only the strategy changed."</p>
            <div class="strategy-grid">
                <TimeField state id="strategy-timeout" label="Timeout (ms)"
                    hint="How long web waits for a reply." min_ms=0.001
                    get=|s| s.strategy.timeout_us set=|s, v| s.strategy.timeout_us = v />
                <CountField state id="strategy-retries" label="Retries"
                    hint="Tries after the first one (0 to 10)." min=0 max=MAX_RETRIES_UI
                    get=|s| s.strategy.max_retries set=|s, v| s.strategy.max_retries = v />
                <TimeField state id="strategy-backoff" label="Backoff base (ms)"
                    hint="Wait before the first retry; doubles each time." min_ms=0.0
                    get=|s| s.strategy.backoff_base_us set=|s, v| s.strategy.backoff_base_us = v />
                <Toggle state id="strategy-jitter" label="Jitter"
                    hint="Spread each wait randomly (seeded) between half and all of it."
                    get=|s| s.jitter set=|s, v| s.jitter = v />
                <Toggle state id="strategy-keys" label="Idempotency keys"
                    hint="Billing and inventory can spot a repeated request."
                    get=|s| s.idempotency_keys set=|s, v| s.idempotency_keys = v />
                <GiveUpField state />
            </div>
        </section>
    }
}

/// An on/off setting.
#[component]
fn Toggle(
    state: Playground,
    id: &'static str,
    label: &'static str,
    hint: &'static str,
    get: fn(&Strategy) -> bool,
    set: fn(&mut Strategy, bool),
) -> impl IntoView {
    let error = RwSignal::new(None::<String>);
    clear_on_change(state, error);
    let hint_id = format!("{id}-hint");
    let err_id = format!("{id}-error");
    let described = format!("{hint_id} {err_id}");
    let on_change = move |ev: leptos::ev::Event| {
        let on = event_target_checked(&ev);
        let what = format!("{label} {}", if on { "on" } else { "off" });
        error.set(apply(state, what, |s| set(&mut s.strategy, on)).err());
    };
    view! {
        <div class="field toggle">
            <input id=id type="checkbox" aria-describedby=described
                prop:checked=move || state.scenario.with(|s| get(&s.strategy))
                on:change=on_change />
            <label for=id>{label}</label>
            <p class="hint" id=hint_id>{hint}</p>
            <FieldError id=err_id error />
        </div>
    }
}

/// The choices for what web does after giving up: (value, label).
const GIVE_UP_CHOICES: [(GiveUp, &str, &str); 3] = [
    (
        GiveUp::Nothing,
        "nothing",
        "Nothing: answer \u{201c}pending\u{201d}",
    ),
    (
        GiveUp::Compensate,
        "compensate",
        "Compensate: refund the charge",
    ),
    (
        GiveUp::Reconcile,
        "reconcile",
        "Reconcile: keep asking later",
    ),
];

fn give_up_from(value: &str) -> Option<(GiveUp, &'static str)> {
    GIVE_UP_CHOICES
        .iter()
        .find(|(_, v, _)| *v == value)
        .map(|(g, v, _)| (*g, *v))
}

/// After giving up: nothing, compensate or reconcile.
#[component]
fn GiveUpField(state: Playground) -> impl IntoView {
    let error = RwSignal::new(None::<String>);
    clear_on_change(state, error);
    let on_change = move |ev: leptos::ev::Event| {
        let Some((choice, words)) = give_up_from(&event_target_value(&ev)) else {
            error.set(Some("Pick one of the listed choices.".to_string()));
            return;
        };
        let what = format!("After giving up: {words}");
        error.set(apply(state, what, |s| s.strategy.after_give_up = choice).err());
    };
    let current = move || state.scenario.with(|s| s.strategy.after_give_up);
    view! {
        <div class="field wide">
            <label for="strategy-give-up">"After giving up"</label>
            <select id="strategy-give-up" aria-describedby="strategy-give-up-error" on:change=on_change>
                {GIVE_UP_CHOICES.iter().map(|(g, value, words)| {
                    let g = *g;
                    view! { <option value=*value prop:selected=move || current() == g>{*words}</option> }
                }).collect_view()}
            </select>
            <FieldError id="strategy-give-up-error".to_string() error />
        </div>
    }
}
