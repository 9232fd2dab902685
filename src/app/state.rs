//! The playground's reactive state, in one place: the scenario, the learner's faults, the run and the cursor.
//!
//! Components read from it and call its methods; nothing else reaches into the simulation.

use std::sync::Arc;

use faultline_sim::{FaultSpec, MessageSpan, NodeId, Run, Scenario, Snapshot};
use leptos::prelude::*;

use super::end_changes::{end_report, EndReport};
use crate::bands::{numbered, Band};
use crate::faults::{scenario_with, take_bands};
use crate::geom::Layout;
use crate::playback::{drawn_until, Motion};

/// What the learner has selected on the diagram.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Selection {
    None,
    /// A trace event, by seq (a message is selected through its send event).
    Event(u64),
    /// A partition band, by id.
    Band(u32),
}

/// A finished simulation of the current scenario plus the learner's faults.
#[derive(Clone)]
pub struct Simulated {
    pub run: Arc<Run>,
    /// Bumped on every re-simulation, so that comparing two runs is cheap.
    pub generation: u64,
    /// Why the last change could not be simulated (the previous run is kept).
    pub error: Option<String>,
}

impl PartialEq for Simulated {
    fn eq(&self, other: &Self) -> bool {
        self.generation == other.generation && self.error == other.error
    }
}

/// All of the playground's signals. `Copy`, so every component can hold it.
#[derive(Clone, Copy)]
pub struct Playground {
    pub scenario: RwSignal<Scenario>,
    pub bands: RwSignal<Vec<Band>>,
    /// Crashes, pauses and message faults the learner added, in the order they were added.
    pub node_faults: RwSignal<Vec<FaultSpec>>,
    pub sim: Memo<Simulated>,
    pub now_us: RwSignal<u64>,
    pub playing: RwSignal<bool>,
    /// Playback speed in virtual milliseconds per real second.
    pub speed_ms_per_s: RwSignal<f64>,
    pub selected: RwSignal<Selection>,
    pub hide_truth: RwSignal<bool>,
    /// The newest sentence for the aria-live region.
    pub announcement: RwSignal<String>,
    pub layout: RwSignal<Layout>,
    /// Whether the diagram scrolls to keep "now" in view.
    pub follow_now: RwSignal<bool>,
    /// While playing: how virtual time follows the wall clock (the cursor moves in ticks, the
    /// curtain glides). `None` while paused.
    pub motion: RwSignal<Option<Motion>>,
    /// How far the diagram is drawn: now, or a little ahead of it while playing.
    pub drawn_until: Memo<u64>,
    /// Number of trace events at or before now; the snapshot changes only when this does.
    pub events_passed: Memo<usize>,
    /// While a partition is dragged, the snapshot (the panels' source) is refreshed only when this
    /// ticks, which it does when the run rests, so that the diagram under the pointer gets every frame.
    snapshot_hold: RwSignal<Option<u64>>,
    pub snapshot: Memo<Arc<Snapshot>>,
    /// Every message copy of the run, from send to fate (computed once per run, shared by all readers).
    pub messages: Memo<Arc<Vec<MessageSpan>>>,
    next_band_id: RwSignal<u32>,
    /// The end of the run the learner's next change is compared with (src/app/end_changes.rs),
    /// with its scenario's id; a loaded scenario starts afresh.
    pub compared_end: StoredValue<Option<(String, Arc<Snapshot>)>>,
    /// What the learner's last change did to the end of the run, compared with `compared_end`.
    pub end_report: Memo<Arc<EndReport>>,
}

/// Zoom limits when fitting a run to the screen: below the minimum, arrows are too dense to read.
const FIT_MIN_PX_PER_MS: f64 = 0.5;
const FIT_MAX_PX_PER_MS: f64 = 12.0;

/// Playback speeds offered, in virtual milliseconds per real second.
pub const SPEEDS_MS_PER_S: [f64; 7] = [5.0, 10.0, 25.0, 50.0, 100.0, 250.0, 1000.0];

impl Playground {
    /// State for `scenario`, simulated once to its end.
    pub fn new(scenario: Scenario) -> Playground {
        let (scenario, initial_bands) = take_bands(&scenario);
        let next_id = initial_bands.len() as u32 + 1;
        let scenario = RwSignal::new(scenario);
        let bands = RwSignal::new(numbered(initial_bands));
        let node_faults = RwSignal::new(Vec::<FaultSpec>::new());
        let sim = Memo::new(move |prev: Option<&Simulated>| {
            let full =
                scenario.with(|s| bands.with(|b| node_faults.with(|f| scenario_with(s, b, f))));
            simulate(&full, prev)
        });
        let now_us = RwSignal::new(0u64);
        let events_passed = Memo::new(move |_| {
            let now = now_us.get();
            sim.with(|s| s.run.trace().events.partition_point(|e| e.time_us <= now))
        });
        let snapshot_hold = RwSignal::new(None::<u64>);
        let snapshot = Memo::new(move |_| {
            if follows_run(snapshot_hold, sim) {
                // Read (not just track) the count: a memo that is only tracked is never re-checked.
                let _ = events_passed.get();
            }
            let now = now_us.get_untracked();
            Arc::new(sim.with_untracked(|s| s.run.snapshot_at(now)))
        });
        let messages = Memo::new(move |_| sim.with(|s| Arc::new(s.run.trace().messages())));
        let playing = RwSignal::new(true);
        let speed_ms_per_s = RwSignal::new(10.0);
        let drawn_until =
            Memo::new(move |_| drawn_until(now_us.get(), playing.get(), speed_ms_per_s.get()));
        let compared_end = StoredValue::new(None);
        let end_report = end_report(sim, snapshot_hold, compared_end);
        let state = Playground {
            scenario,
            bands,
            node_faults,
            sim,
            now_us,
            playing,
            speed_ms_per_s,
            selected: RwSignal::new(Selection::None),
            hide_truth: RwSignal::new(false),
            announcement: RwSignal::new(String::new()),
            layout: RwSignal::new(Layout {
                width_px: 720.0,
                height_px: 560.0,
                lanes: faultline_sim::NODE_NAMES.len(),
                px_per_ms: 4.0,
                top_us: 0,
            }),
            follow_now: RwSignal::new(true),
            motion: RwSignal::new(None),
            drawn_until,
            events_passed,
            snapshot_hold,
            snapshot,
            messages,
            next_band_id: RwSignal::new(next_id),
            compared_end,
            end_report,
        };
        state.fit_time();
        state
    }

    /// Instant of the run's last event.
    pub fn end_us(&self) -> u64 {
        self.sim.with(|s| run_end_us(&s.run))
    }

    /// Zooms so the whole run fits the diagram's height, within readable limits, from the top.
    pub fn fit_time(&self) {
        let end_ms = (self.end_us().max(1_000) as f64 / 1000.0) * 1.08;
        self.layout.update(|l| {
            l.px_per_ms = (l.height_px / end_ms).clamp(FIT_MIN_PX_PER_MS, FIT_MAX_PX_PER_MS);
            l.top_us = 0;
        });
    }

    /// Says `text` in the aria-live region.
    /// The same words twice in a row ("Undid your last change.") are said twice: the region is
    /// emptied first and filled on the next frame, since a live region speaks only what changed.
    pub fn announce(&self, text: impl Into<String>) {
        let text = text.into();
        if self.announcement.with_untracked(|a| *a != text) {
            self.announcement.set(text);
            return;
        }
        self.announcement.set(String::new());
        let announcement = self.announcement;
        request_animation_frame(move || announcement.set(text));
    }

    /// Moves the cursor to `t_us`, kept within the run; playback, if on, goes on from there.
    pub fn seek(&self, t_us: u64) {
        let t = t_us.min(self.end_us());
        self.now_us.set(t);
        if self.motion.get_untracked().is_some() {
            self.play_from(t);
        }
    }

    /// Playback goes on from `t_us`, as of now on the wall clock, at the chosen speed.
    pub fn play_from(&self, t_us: u64) {
        self.motion.set(Some(Motion {
            wall_ms: wall_ms(),
            from_us: t_us,
            speed_ms_per_s: self.speed_ms_per_s.get_untracked(),
        }));
    }

    /// The virtual instant right now: between ticks, playback is further on than the cursor.
    pub fn live_now(&self) -> u64 {
        let now = self.now_us.get_untracked();
        match self.motion.get_untracked() {
            Some(m) => m.now_at(wall_ms()).clamp(now, self.end_us().max(now)),
            None => now,
        }
    }

    /// While `held`, the snapshot follows the run only when it rests for [`HELD_SNAPSHOT_MS`]; on
    /// release it catches up at once. For drags, where every pointer move re-simulates the run.
    pub fn hold_snapshot(&self, held: bool) {
        let hold = self.snapshot_hold;
        match (held, hold.get_untracked()) {
            (true, None) => {
                hold.set(Some(0));
                let now = self.sim.with_untracked(|s| s.generation);
                refresh_while_held(hold, self.sim, Some(now), Some(now));
            }
            (false, Some(_)) => hold.set(None),
            _ => {}
        }
    }

    /// Tracks the run the panels show, for what reads the whole run: every new run, but while a
    /// band is dragged only when the run rests, as the snapshot does. The snapshot alone is not
    /// enough: a change the run has not reached by now leaves it as it was.
    pub fn track_settled_run(&self) {
        follows_run(self.snapshot_hold, self.sim);
    }

    /// Whether a partition is being dragged (tracked): its moves are not yet a settled change.
    pub fn is_dragging(&self) -> bool {
        self.snapshot_hold.with(Option::is_some)
    }

    /// Stops playback where it really is (not at the last tick).
    pub fn pause(&self) {
        if self.motion.get_untracked().is_some() {
            self.now_us.set(self.live_now());
            self.motion.set(None);
        }
        self.playing.set(false);
    }

    /// Replaces the scenario: clears the learner's faults and rewinds.
    pub fn load_scenario(&self, scenario: Scenario) {
        self.announce(format!("Loaded scenario: {}", scenario.title));
        self.compared_end.set_value(None);
        let (scenario, bands) = take_bands(&scenario);
        self.next_band_id.set(bands.len() as u32 + 1);
        self.bands.set(numbered(bands));
        self.node_faults.set(Vec::new());
        self.scenario.set(scenario);
        self.selected.set(Selection::None);
        self.now_us.set(0);
        self.follow_now.set(true);
        self.fit_time();
    }

    /// Adds a band and selects it; returns its id.
    pub fn add_band(&self, band: Band) -> u32 {
        let id = self.next_band_id.get_untracked();
        self.next_band_id.set(id + 1);
        self.bands.update(|bs| bs.push(Band { id, ..band }));
        self.selected.set(Selection::Band(id));
        id
    }

    /// Replaces the band with the same id.
    pub fn update_band(&self, band: Band) {
        self.bands.update(|bs| {
            if let Some(b) = bs.iter_mut().find(|b| b.id == band.id) {
                *b = band;
            }
        });
    }

    /// The band with this id, if it still exists.
    pub fn band(&self, id: u32) -> Option<Band> {
        self.bands
            .with(|bs| bs.iter().find(|b| b.id == id).cloned())
    }

    /// Removes a band.
    pub fn remove_band(&self, id: u32) {
        self.bands.update(|bs| bs.retain(|b| b.id != id));
        if self.selected.get_untracked() == Selection::Band(id) {
            self.selected.set(Selection::None);
        }
    }

    /// Adds a crash, pause or message fault at the current time.
    pub fn add_fault(&self, fault: FaultSpec) {
        self.node_faults.update(|fs| fs.push(fault));
    }

    /// Ends the learner's open crash or pause of `node` now (restart or resume). True if one was open.
    pub fn end_node_fault(&self, node: NodeId) -> bool {
        let now = self.now_us.get_untracked();
        let mut ended = false;
        self.node_faults.update(|fs| {
            for f in fs.iter_mut().rev() {
                match f {
                    FaultSpec::Crash {
                        node: n,
                        restart_us: end @ None,
                        ..
                    }
                    | FaultSpec::Pause {
                        node: n,
                        resume_us: end @ None,
                        ..
                    } if *n == node => {
                        *end = Some(now);
                        ended = true;
                        break;
                    }
                    _ => {}
                }
            }
        });
        ended
    }
}

/// Tracks the run, unless a drag holds the panels (the hold is tracked either way, so that they
/// catch up when it ticks or ends); whether it did.
pub(super) fn follows_run(hold: RwSignal<Option<u64>>, sim: Memo<Simulated>) -> bool {
    let free = hold.with(Option::is_none);
    if free {
        sim.track();
    }
    free
}

/// Instant of a run's last event.
pub(super) fn run_end_us(run: &Run) -> u64 {
    run.trace().events.last().map_or(0, |e| e.time_us)
}

/// How long the run must stay unchanged under a drag before a held snapshot catches up with it.
pub const HELD_SNAPSHOT_MS: u64 = 120;

/// While `hold` is set, lets the snapshot catch up once the run has not changed for a whole
/// [`HELD_SNAPSHOT_MS`]: while the pointer keeps moving, every frame goes to the diagram; when it
/// rests, the panels follow. `seen` is the run's generation at the last look, `shown` the one the
/// snapshot last caught up with.
fn refresh_while_held(
    hold: RwSignal<Option<u64>>,
    sim: Memo<Simulated>,
    seen: Option<u64>,
    shown: Option<u64>,
) {
    set_timeout(
        move || {
            let Some(n) = hold.get_untracked() else {
                return;
            };
            let now = sim.with_untracked(|s| s.generation);
            let rested = rested_and_new(seen, now, shown);
            if rested {
                hold.set(Some(n + 1));
            }
            refresh_while_held(hold, sim, Some(now), if rested { Some(now) } else { shown });
        },
        std::time::Duration::from_millis(HELD_SNAPSHOT_MS),
    );
}

/// Whether a held snapshot should catch up: the run is the one seen a period ago (it rested) and
/// not yet the one shown.
fn rested_and_new(seen: Option<u64>, now: u64, shown: Option<u64>) -> bool {
    seen == Some(now) && shown != Some(now)
}

/// Milliseconds on the page's monotonic clock (`performance.now()`).
pub fn wall_ms() -> f64 {
    window().performance().map_or(0.0, |p| p.now())
}

/// Runs `scenario` to its end; on a bad scenario keeps the previous run and reports why.
fn simulate(scenario: &Scenario, prev: Option<&Simulated>) -> Simulated {
    let generation = prev.map_or(0, |p| p.generation + 1);
    // Resumed from the last run's checkpoints before the first fault that changed: a drag
    // re-simulates only from the band's edge on.
    let made = match prev {
        Some(p) => Run::rerun(&p.run, scenario),
        None => Run::new(scenario),
    };
    match made {
        Ok(mut run) => {
            run.run_to_end();
            Simulated {
                run: Arc::new(run),
                generation,
                error: None,
            }
        }
        Err(e) => match prev {
            Some(p) => Simulated {
                error: Some(e.to_string()),
                ..p.clone()
            },
            None => {
                let mut run =
                    Run::new(&Scenario::basic("fallback")).expect("the basic scenario is valid");
                run.run_to_end();
                Simulated {
                    run: Arc::new(run),
                    generation,
                    error: Some(e.to_string()),
                }
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_snapshot_follows_now() {
        let owner = Owner::new();
        owner.set();
        let state =
            Playground::new(faultline_sim::example("partition-after-charge").expect("example"));
        let charged = |state: &Playground| {
            state
                .snapshot
                .with(|s| s.views[2].beliefs.iter().any(|b| b.attribute == "charged"))
        };
        assert!(!charged(&state));
        state.now_us.set(35_300);
        assert!(charged(&state), "billing has charged by 35 ms");
        state.now_us.set(0);
        assert!(!charged(&state));
    }

    #[test]
    fn a_held_snapshot_waits_for_its_refresh_and_catches_up_on_release() {
        let owner = Owner::new();
        owner.set();
        let state =
            Playground::new(faultline_sim::example("partition-after-charge").expect("example"));
        let time = |state: &Playground| state.snapshot.with(|s| s.time_us);
        assert_eq!(time(&state), 0);
        // Held (as by a drag): moving now does not redo the snapshot until the hold ticks.
        state.snapshot_hold.set(Some(0));
        assert_eq!(time(&state), 0);
        state.now_us.set(35_300);
        assert_eq!(time(&state), 0);
        state.snapshot_hold.set(Some(1));
        assert_eq!(time(&state), 35_300);
        state.now_us.set(10_000);
        assert_eq!(time(&state), 35_300);
        // Released: it catches up at once.
        state.hold_snapshot(false);
        assert_eq!(time(&state), 10_000);
    }

    #[test]
    fn a_held_snapshot_catches_up_once_the_run_rests() {
        // Still changing (generation 7 now, 6 a period ago): wait.
        assert!(!rested_and_new(Some(6), 7, Some(5)));
        // Unchanged for a period and not shown yet: catch up, once.
        assert!(rested_and_new(Some(7), 7, Some(5)));
        assert!(!rested_and_new(Some(7), 7, Some(7)));
    }
}
