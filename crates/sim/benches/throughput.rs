//! Throughput of the whole run (engine + order flow + checks + checkpoints): events per second
//! for 10,000 orders with 5% loss and a partition. Run with `cargo bench -p faultline-sim`.

use divan::counter::ItemsCount;
use divan::Bencher;
use faultline_sim::bench::{bench_scenario, THROUGHPUT_ORDERS};
use faultline_sim::{Run, Scenario};
use std::time::Instant;

/// The same workload as `faultline-sim bench` and the wasm figure in `scripts/bench`.
fn scenario() -> Scenario {
    bench_scenario(THROUGHPUT_ORDERS)
}

fn events() -> usize {
    let mut run = Run::new(&scenario()).expect("valid bench scenario");
    run.run_to_end();
    run.trace().events.len()
}

#[divan::bench(sample_count = 10)]
fn run_10k_orders(bencher: Bencher) {
    let s = scenario();
    bencher.counter(ItemsCount::new(events())).bench(|| {
        let mut run = Run::new(&s).expect("valid");
        run.run_to_end();
        run.trace().events.len()
    });
}

/// What the UI does on every drag: build and run the 200-order example from scratch.
#[divan::bench(sample_count = 20)]
fn ui_workload_200_orders(bencher: Bencher) {
    let s = faultline_sim::example("workload").expect("built-in example");
    bencher.bench(|| {
        let mut run = Run::new(&s).expect("valid");
        run.run_to_end();
        run.trace().events.len()
    });
}

#[divan::bench(sample_count = 20)]
fn snapshot_at_middle(bencher: Bencher) {
    let mut run = Run::new(&scenario()).expect("valid");
    run.run_to_end();
    let t = run.now_us() / 2;
    bencher.bench(|| run.snapshot_at(t).time_us);
}

fn main() {
    let s = scenario();
    let mut best = f64::MAX;
    let mut n = 0;
    for _ in 0..5 {
        let start = Instant::now();
        let mut run = Run::new(&s).expect("valid");
        run.run_to_end();
        best = best.min(start.elapsed().as_secs_f64());
        n = run.trace().events.len();
    }
    println!(
        "throughput: {n} events in {:.1} ms = {:.2} million events/s (best of 5)",
        best * 1e3,
        n as f64 / best / 1e6
    );
    divan::main();
}
