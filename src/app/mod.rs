//! The playground's root component and its layout.

pub mod band_details;
pub mod band_layer;
pub mod callouts;
pub mod clock_control;
pub mod controls;
pub mod curtain;
pub mod dense_canvas;
pub mod dense_layer;
pub mod dense_paint;
pub mod details;
pub mod diagram;
pub mod end_changes;
pub mod event_layer;
pub mod fields;
pub mod flags;
pub mod focus_keeper;
pub mod history;
pub mod keys_help;
pub mod lifeline_headers;
pub mod merged_log;
pub mod network;
pub mod next_moves;
pub mod palette;
pub mod pan;
pub mod picker;
pub mod pointer;
pub mod share_bar; // share/export (issue 5)
pub mod state;
pub mod status;
pub mod strategy;
pub mod unknowns;
pub mod views_panel;
pub mod workload;

use leptos::prelude::*;

use controls::TimeControls;
use details::EventDetails;
use diagram::Diagram;
use network::NetworkControls;
use picker::ScenarioPicker;
use state::Playground;
use status::StatusArea;
use strategy::StrategyControls;
use unknowns::Unknowns;
use views_panel::ViewPanels;
use workload::WorkloadControls;

/// The scenario a learner lands on: the seed's partition after billing has charged.
pub const DEFAULT_SCENARIO: &str = "partition-after-charge";

/// The starting scenario: the default example, or the first one.
pub fn default_scenario() -> faultline_sim::Scenario {
    let all = faultline_sim::examples();
    all.iter()
        .find(|s| s.id == DEFAULT_SCENARIO)
        .or(all.first())
        .cloned()
        .unwrap_or_else(|| faultline_sim::Scenario::basic("empty"))
}

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    // share/export (issue 5): the link, embed parameters and stored work pick the starting state.
    let boot = crate::share::boot(&default_scenario());
    let state = Playground::new(boot.state.scenario_with_bands());
    let share = crate::share::start(state, boot);
    let history = history::History::keep(state);
    let hovered = RwSignal::new(None::<u64>);
    focus_keeper::keep_focus_in_panels();
    view! {
        <header class="masthead">
            <h1>"Faultline"</h1>
            <p class="tagline">"Some parts fail while others work, and no node can tell which."</p>
            <ScenarioPicker state />
        </header>
        <main id="playground" class="playground">
            <div class="stage">
                <TimeControls state />
                <Diagram state hovered history />
                <EventDetails state hovered />
                <share_bar::ShareBar state share />
            </div>
            <aside class="side" aria-label="What each node believes">
                <StatusArea state />
                <ViewPanels state />
                <Unknowns state />
                <StrategyControls state />
                <WorkloadControls state />
                <NetworkControls state />
            </aside>
            <merged_log::MergedLog state />
        </main>
    }
}
