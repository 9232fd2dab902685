//! Measurements for `scripts/bench`, exported to JavaScript (trunk exposes them as `window.wasmBindings`).
//! Only with the `bench` cargo feature: the production build leaves them out.
//!
//! They run the same workloads as `faultline-sim bench` natively, timed with `performance.now()`
//! (wasm has no `std::time::Instant`), so the two figures compare like with like.

use faultline_sim::bench;
use wasm_bindgen::prelude::*;

/// The page's monotonic clock in milliseconds (0 where there is no window).
fn performance_now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Simulation events per second on `orders` orders (the best of a few full runs).
#[wasm_bindgen]
pub fn bench_events_per_second(orders: u32) -> f64 {
    bench::throughput(orders, bench::THROUGHPUT_REPEATS, &mut performance_now_ms).events_per_s
}

/// The whole throughput figure as JSON: orders, events, best_ms, events_per_s, repeats.
#[wasm_bindgen]
pub fn bench_throughput_json(orders: u32) -> String {
    let t = bench::throughput(orders, bench::THROUGHPUT_REPEATS, &mut performance_now_ms);
    serde_json::to_string(&t).unwrap_or_default()
}

/// Builds a long run once (`orders` orders; 0 picks the ~100,000-event default), then times
/// `snapshot_at` and `seek` across it; JSON with p50 and max of each.
#[wasm_bindgen]
pub fn bench_seek_json(orders: u32) -> String {
    let orders = if orders == 0 {
        bench::SEEK_ORDERS
    } else {
        orders
    };
    serde_json::to_string(&bench::seek_figures(orders, &mut performance_now_ms)).unwrap_or_default()
}
