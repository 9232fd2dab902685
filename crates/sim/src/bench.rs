//! Benchmark workloads and measurements shared by the CLI (native) and the web app's wasm exports,
//! so both time exactly the same work. The clock is passed in: `std::time::Instant` natively,
//! `performance.now()` in the browser (wasm has no `Instant`).

use crate::fault::{FaultSpec, PartitionSpec};
use crate::id::NodeId;
use crate::net::NetworkSpec;
use crate::order_flow::{GiveUp, Strategy};
use crate::run::Run;
use crate::scenario::{Scenario, Workload};
use serde::Serialize;

/// Orders in the throughput workload (`faultline-sim bench` and `scripts/bench`): ~177,000 events.
pub const THROUGHPUT_ORDERS: u32 = 10_000;
/// Orders in the seek workload: about 100,000 events.
pub const SEEK_ORDERS: u32 = 5_150;
/// Runs timed per throughput figure; the best one is reported (least disturbed by other work).
pub const THROUGHPUT_REPEATS: u32 = 5;
/// Points of the run the seek figure visits.
const SEEK_POINTS: u64 = 16;
/// Times each point is visited (the fastest counts).
const SEEK_REPEATS: u32 = 3;

/// `orders` orders, one every 2 ms, on a network that loses 5% of messages, with web↔inventory
/// cut from 5 s to 8 s; web retries 3 times, then compensates. Valid for 1..=100,000 orders.
pub fn bench_scenario(orders: u32) -> Scenario {
    Scenario {
        seed: 42,
        network: NetworkSpec {
            latency_min_us: 1_000,
            latency_max_us: 4_000,
            loss: 0.05,
            ..NetworkSpec::default()
        },
        strategy: Strategy {
            max_retries: 3,
            after_give_up: GiveUp::Compensate,
            ..Strategy::default()
        },
        workload: Workload {
            orders,
            start_us: 1_000,
            interval_us: 2_000,
            amount: 100,
        },
        stock: 1_000_000,
        faults: vec![FaultSpec::Partition(PartitionSpec {
            a: vec![NodeId::WEB],
            b: vec![NodeId::INVENTORY],
            direction: Default::default(),
            mode: Default::default(),
            start_us: 5_000_000,
            end_us: Some(8_000_000),
        })],
        ..Scenario::basic(&format!("bench-{orders}-orders"))
    }
}

/// A simulation-speed figure: the best of `repeats` runs of the same workload.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Throughput {
    pub orders: u32,
    pub events: u64,
    /// Wall time of the best run (building the run, running it to the end, checks and checkpoints).
    pub best_ms: f64,
    pub events_per_s: f64,
    pub repeats: u32,
}

/// Times `repeats` (at least 1) full runs of [`bench_scenario`]`(orders)` with `now_ms`.
pub fn throughput(orders: u32, repeats: u32, now_ms: &mut dyn FnMut() -> f64) -> Throughput {
    let scenario = bench_scenario(orders.clamp(1, crate::validate::MAX_ORDERS));
    let mut best_ms = f64::INFINITY;
    let mut events = 0;
    for _ in 0..repeats.max(1) {
        let start = now_ms();
        let Ok(mut run) = Run::new(&scenario) else {
            break;
        };
        run.run_to_end();
        best_ms = best_ms.min(now_ms() - start);
        events = run.trace().events.len() as u64;
    }
    // performance.now() may be coarse (0.1 ms); never divide by zero.
    let secs = (best_ms / 1e3).max(1e-6);
    Throughput {
        orders: scenario.workload.orders,
        events,
        best_ms,
        events_per_s: events as f64 / secs,
        repeats: repeats.max(1),
    }
}

/// Time to jump to points across a long run: p50 and max over [`SEEK_POINTS`] points, each the
/// fastest of [`SEEK_REPEATS`] visits.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct SeekFigures {
    pub events: u64,
    /// Virtual length of the run.
    pub run_us: u64,
    /// Building and running the whole run once (not part of the seek figures).
    pub build_ms: f64,
    pub points: u64,
    /// `Run::snapshot_at(t)`: what the UI asks for when "now" moves (the run is left unchanged).
    pub snapshot_at_p50_ms: f64,
    pub snapshot_at_max_ms: f64,
    /// `Run::seek(t)` on one run visiting the points out of order (back and forth).
    pub seek_p50_ms: f64,
    pub seek_max_ms: f64,
}

/// Builds [`bench_scenario`]`(orders)` once, then times `snapshot_at` and `seek` across it.
pub fn seek_figures(orders: u32, now_ms: &mut dyn FnMut() -> f64) -> SeekFigures {
    let scenario = bench_scenario(orders.clamp(1, crate::validate::MAX_ORDERS));
    let start = now_ms();
    let mut run = match Run::new(&scenario) {
        Ok(run) => run,
        Err(_) => return SeekFigures::empty(),
    };
    run.run_to_end();
    let build_ms = now_ms() - start;
    let end = run.trace().events.last().map_or(0, |e| e.time_us);
    // Evenly spread points, visited in a fixed shuffled order so seeks go both ways.
    let points: Vec<u64> = (0..SEEK_POINTS)
        .map(|i| (i * 7 + 3) % SEEK_POINTS)
        .map(|k| end / SEEK_POINTS * k + end / (2 * SEEK_POINTS))
        .collect();
    // Each point is timed SEEK_REPEATS times and its fastest time kept: on a busy machine that is
    // the figure least disturbed by other work.
    let mut snap_ms = vec![f64::INFINITY; points.len()];
    let mut seek_ms = vec![f64::INFINITY; points.len()];
    for _ in 0..SEEK_REPEATS {
        for (i, &t) in points.iter().enumerate() {
            let s = now_ms();
            let snap = run.snapshot_at(t);
            snap_ms[i] = snap_ms[i].min(now_ms() - s);
            debug_assert_eq!(snap.time_us, t);
        }
        let mut seeker = run.clone();
        for (i, &t) in points.iter().enumerate() {
            let s = now_ms();
            seeker.seek(t);
            seek_ms[i] = seek_ms[i].min(now_ms() - s);
        }
    }
    let (snapshot_at_p50_ms, snapshot_at_max_ms) = p50_max(&mut snap_ms);
    let (seek_p50_ms, seek_max_ms) = p50_max(&mut seek_ms);
    SeekFigures {
        events: run.trace().events.len() as u64,
        run_us: end,
        build_ms,
        points: points.len() as u64,
        snapshot_at_p50_ms,
        snapshot_at_max_ms,
        seek_p50_ms,
        seek_max_ms,
    }
}

impl SeekFigures {
    fn empty() -> SeekFigures {
        SeekFigures {
            events: 0,
            run_us: 0,
            build_ms: 0.0,
            points: 0,
            snapshot_at_p50_ms: 0.0,
            snapshot_at_max_ms: 0.0,
            seek_p50_ms: 0.0,
            seek_max_ms: 0.0,
        }
    }
}

/// Median (upper) and maximum of `xs`; zeros when empty.
fn p50_max(xs: &mut [f64]) -> (f64, f64) {
    if xs.is_empty() {
        return (0.0, 0.0);
    }
    xs.sort_by(f64::total_cmp);
    (xs[xs.len() / 2], xs[xs.len() - 1])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bench_scenario_is_valid_at_the_bounds() {
        for orders in [
            1,
            SEEK_ORDERS,
            THROUGHPUT_ORDERS,
            crate::validate::MAX_ORDERS,
        ] {
            assert_eq!(bench_scenario(orders).validate(), Ok(()), "{orders}");
        }
    }

    #[test]
    fn small_figures_are_sane() {
        let mut t = 0.0;
        let mut clock = || {
            t += 1.0;
            t
        };
        let f = throughput(20, 2, &mut clock);
        assert!(f.events > 100 && f.events_per_s > 0.0, "{f:?}");
        let s = seek_figures(20, &mut clock);
        assert_eq!(s.points, SEEK_POINTS);
        assert!(s.seek_max_ms >= s.seek_p50_ms && s.events > 100, "{s:?}");
    }
}
