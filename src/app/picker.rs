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
    let on_change = move |ev: leptos::ev::Event| {
        let id = event_target_value(&ev);
        match examples.with_value(|ex| ex.iter().find(|s| s.id == id).cloned()) {
            Some(s) => state.load_scenario(s),
            None => state.announce("That scenario is not in the list."),
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
            <select id="scenario-picker" aria-describedby="scenario-description" on:change=on_change>
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
