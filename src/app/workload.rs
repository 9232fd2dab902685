//! Orders controls: how many orders the client places, how far apart, and the stock inventory
//! starts with. Several orders share the links and the stock, so their unknowns overlap.

use leptos::prelude::*;

use super::fields::{CountField, TimeField};
use super::state::Playground;

/// Most orders the controls offer: above the 200 of the busiest example, below the core's limit
/// (the diagram reads best with few, and bundles its arrows when there are many).
const MAX_ORDERS_UI: u32 = 500;
/// The orders field's hint; it names the range `MAX_ORDERS_UI` allows (a test holds them together).
const ORDERS_HINT: &str = "How many orders the client places (1 to 500).";
/// Most stock the controls offer.
const MAX_STOCK_UI: u32 = 1_000_000;

/// The orders panel.
#[component]
pub fn WorkloadControls(state: Playground) -> impl IntoView {
    view! {
        <section class="panel strategy workload" aria-labelledby="workload-title">
            <h2 id="workload-title">"Orders"</h2>
            <p class="hint">"What the client asks for. A change re-runs the same seed."</p>
            <div class="strategy-grid">
                <CountField state id="workload-orders" label="Orders"
                    hint=ORDERS_HINT min=1 max=MAX_ORDERS_UI
                    get=|s| s.workload.orders set=|s, v| s.workload.orders = v />
                <TimeField state id="workload-interval" label="Between orders (ms)"
                    hint="From one order to the next." min_ms=0.001
                    get=|s| s.workload.interval_us set=|s, v| s.workload.interval_us = v />
                <CountField state id="workload-stock" label="Stock"
                    hint="Items inventory holds at the start." min=0 max=MAX_STOCK_UI
                    get=|s| s.stock set=|s, v| s.stock = v />
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hint_names_the_range_the_field_allows() {
        assert!(ORDERS_HINT.contains(&format!("(1 to {MAX_ORDERS_UI})")));
    }
}
