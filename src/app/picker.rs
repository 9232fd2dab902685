//! The scenario picker: the core's example scenarios by title, with the chosen one's one-line description.

use faultline_sim::Scenario;
use leptos::prelude::*;

use super::state::Playground;

/// Value of the extra option shown when the current scenario is not one of the examples.
const CUSTOM: &str = "\u{1f}custom";

/// The picker.
#[component]
pub fn ScenarioPicker(state: Playground) -> impl IntoView {
    let examples = StoredValue::new(faultline_sim::examples());
    let current_id = Memo::new(move |_| state.scenario.with(|s| s.id.clone()));
    let is_custom = move || examples.with_value(|ex| !ex.iter().any(|s| s.id == current_id.get()));
    let find = move |id: &str| examples.with_value(|ex| ex.iter().find(|s| s.id == id).cloned());
    let load = move |id: &str| match find(id) {
        Some(s) => state.load_scenario(s),
        None => state.announce("That scenario is not in the list."),
    };
    // A closed select takes a new value at each arrow key, and says so with `change`: a choice
    // made with the keys waits for Enter, so that going down the list does not load every
    // scenario on the way (WCAG 3.2.2). A pointer's choice loads at once.
    let keyed = StoredValue::new(false);
    let pending = StoredValue::new(None::<String>);
    let on_change = move |ev: leptos::ev::Event| {
        let id = event_target_value(&ev);
        if !keyed.get_value() {
            return load(&id);
        }
        keyed.set_value(false);
        let title = find(&id).as_ref().map(title_of);
        state.announce(format!(
            "{}: press Enter to load it",
            title.unwrap_or_default()
        ));
        pending.set_value(Some(id));
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| match ev.key().as_str() {
        "Enter" => {
            if let Some(id) = pending.try_update_value(Option::take).flatten() {
                ev.prevent_default();
                load(&id);
            }
        }
        k if k.starts_with("Arrow") || matches!(k, "Home" | "End" | "PageUp" | "PageDown") => {
            keyed.set_value(true)
        }
        _ => {}
    };
    // Left without Enter, the list shows the scenario that is loaded again.
    let on_blur = move |ev: leptos::ev::FocusEvent| {
        if pending.try_update_value(Option::take).flatten().is_some() {
            use wasm_bindgen::JsCast;
            if let Some(select) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
            {
                select.set_value(&current_id.get_untracked());
            }
        }
    };
    let options = examples.with_value(|ex| {
        ex.iter()
            .map(|s| {
                let id = s.id.clone();
                let selected = move || current_id.with(|c| *c == id);
                view! { <option value=s.id.clone() prop:selected=selected>{title_of(s)}</option> }
            })
            .collect_view()
    });
    view! {
        <div class="picker">
            <label for="scenario-picker">"Scenario"</label>
            <select id="scenario-picker" aria-describedby="scenario-description"
                on:change=on_change on:keydown=on_key on:blur=on_blur>
                <Show when=is_custom>
                    <option value=CUSTOM selected disabled>
                        {move || format!("Your own: {}", state.scenario.with(title_of))}
                    </option>
                </Show>
                {options}
            </select>
            <p class="picker-description" id="scenario-description">
                {move || state.scenario.with(|s| s.description.clone())}
            </p>
            // One change to try, from the scenario file.
            <p class="picker-try" hidden=move || state.scenario.with(|s| s.experiment.is_empty())>
                <strong>"Try: "</strong>
                {move || state.scenario.with(|s| s.experiment.clone())}
            </p>
        </div>
    }
}

/// The title to list, falling back to the id.
fn title_of(s: &Scenario) -> String {
    if s.title.trim().is_empty() {
        s.id.clone()
    } else {
        s.title.clone()
    }
}
