//! A run of a scenario: step, run until, seek through checkpoints, snapshot any time, apply faults "now".

use crate::check::{Checker, Violation};
use crate::engine::{Engine, Stamp};
use crate::fault::{FaultSpec, Schedule};
use crate::id::NodeId;
use crate::net::Net;
use crate::order_flow::{self, Nodes, OrderNode};
use crate::rerun::first_difference;
use crate::scenario::{Limits, Scenario, ScenarioError};
use crate::time::fmt_us;
use crate::trace::{EventKind, Trace, TraceEvent};
use crate::view::{divergences, Snapshot};
use serde::Serialize;
use std::fmt;

/// How a bounded run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Nothing left to happen; the last event was at `at_us`.
    Quiescent { at_us: u64 },
    /// The next event lies past the scenario's `max_time_us`.
    TimeLimit { at_us: u64 },
    /// The trace reached the scenario's `max_events`.
    EventLimit { events: u64 },
    /// Ran up to the requested time; more events are due later.
    Reached { at_us: u64 },
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Outcome::Quiescent { at_us } => {
                write!(f, "quiet: nothing left to happen after {}", fmt_us(at_us))
            }
            Outcome::TimeLimit { at_us } => {
                write!(f, "stopped at the time limit ({})", fmt_us(at_us))
            }
            Outcome::EventLimit { events } => {
                write!(f, "stopped at the event limit ({events} events)")
            }
            Outcome::Reached { at_us } => {
                write!(f, "paused at {}; more is due later", fmt_us(at_us))
            }
        }
    }
}

/// Engine plus checker: everything a checkpoint must keep.
#[derive(Debug, Clone)]
pub(crate) struct State {
    pub(crate) engine: Engine<OrderNode>,
    pub(crate) checker: Checker,
}

#[derive(Debug, Clone)]
struct Checkpoint {
    trace_len: usize,
    violations_len: usize,
    time_us: u64,
    state: State,
}

/// Processes one due entry, or says why the run stops. Checks invariants on the new events.
pub(crate) fn tick(
    st: &mut State,
    sched: &Schedule,
    limits: &Limits,
    until: u64,
    sink: &mut Vec<TraceEvent>,
    viol: &mut Vec<Violation>,
) -> Option<Outcome> {
    if st.engine.next_seq() >= limits.max_events {
        return Some(Outcome::EventLimit {
            events: st.engine.next_seq(),
        });
    }
    let Some(next) = st.engine.next_time(sched) else {
        let mut found = Vec::new();
        st.checker.at_rest(&st.engine, &mut found);
        record(st, sink, viol, found);
        return Some(Outcome::Quiescent {
            at_us: st.engine.last_event_us(),
        });
    };
    if next > limits.max_time_us && limits.max_time_us <= until {
        return Some(Outcome::TimeLimit {
            at_us: limits.max_time_us,
        });
    }
    if next > until {
        return Some(Outcome::Reached { at_us: until });
    }
    let start = sink.len();
    st.engine.step(sched, sink);
    let mut found = Vec::new();
    let nodes = Nodes(st.engine.nodes());
    for ev in &sink[start..] {
        st.checker.record(ev);
    }
    for ev in &sink[start..] {
        st.checker.verify(ev, nodes, &mut found);
    }
    st.checker.conservation(&st.engine, sink.last(), &mut found);
    record(st, sink, viol, found);
    None
}

fn record(
    st: &mut State,
    sink: &mut Vec<TraceEvent>,
    viol: &mut Vec<Violation>,
    found: Vec<Violation>,
) {
    for v in found {
        let kind = EventKind::Violation {
            name: v.name.clone(),
            detail: v.detail.clone(),
            expected: v.expected,
        };
        st.engine.emit(sink, v.node, kind, Stamp::Outside);
        viol.push(v);
    }
}

/// A simulation of one scenario, with checkpoints so any moment can be revisited cheaply.
#[derive(Debug, Clone)]
pub struct Run {
    scenario: Scenario,
    sched: Schedule,
    state: State,
    trace: Trace,
    violations: Vec<Violation>,
    checkpoints: Vec<Checkpoint>,
    cursor_us: u64,
    every: usize,
    last: Option<Outcome>,
}

impl Run {
    /// Validates the scenario and sets up the run at time 0 (nothing has run yet).
    pub fn new(scenario: &Scenario) -> Result<Run, ScenarioError> {
        scenario.validate()?;
        let sched = Schedule::new(&scenario.faults);
        let engine = Engine::new(
            order_flow::build(scenario),
            Net::from_spec(&scenario.network),
            scenario.seed,
        );
        let state = State {
            engine,
            checker: Checker::new(&scenario.strategy),
        };
        let mut run = Run {
            scenario: scenario.clone(),
            sched,
            state,
            trace: Trace::default(),
            violations: Vec::new(),
            checkpoints: Vec::new(),
            cursor_us: 0,
            every: 1_000usize.max(scenario.workload.orders as usize * 2),
            last: None,
        };
        // About 11 events per order without faults; reserving avoids copying a growing trace.
        let guess = (scenario.workload.orders as u64 * 12)
            .min(scenario.limits.max_events)
            .min(4_000_000);
        run.trace.events.reserve(guess as usize);
        run.state.engine.start(&run.sched, &mut run.trace.events);
        run.checkpoint();
        Ok(run)
    }

    /// The run of `scenario`, set up to go on from the last checkpoint of `prev` at which the two
    /// cannot yet differ (or from the start). Running it to the end gives exactly the trace a
    /// fresh [`Run::new`] would: only the work before the first difference is saved.
    pub fn rerun(prev: &Run, scenario: &Scenario) -> Result<Run, ScenarioError> {
        scenario.validate()?;
        let sched = Schedule::new(&scenario.faults);
        let from = first_difference(&prev.scenario, &prev.sched, scenario, &sched);
        let kept = from.map_or(prev.checkpoints.len(), |t| {
            prev.checkpoints.partition_point(|c| c.time_us < t)
        });
        let Some(c) = kept.checked_sub(1).map(|i| &prev.checkpoints[i]) else {
            return Run::new(scenario);
        };
        let mut run = Run {
            scenario: scenario.clone(),
            sched,
            state: c.state.clone(),
            trace: Trace {
                events: prev.trace.events[..c.trace_len].to_vec(),
            },
            violations: prev.violations[..c.violations_len].to_vec(),
            checkpoints: prev.checkpoints[..kept].to_vec(),
            cursor_us: c.time_us,
            every: prev.every,
            last: None,
        };
        run.state.engine.resync(&run.sched);
        Ok(run)
    }

    fn checkpoint(&mut self) {
        self.checkpoints.push(Checkpoint {
            trace_len: self.trace.events.len(),
            violations_len: self.violations.len(),
            time_us: self.state.engine.now_us(),
            state: self.state.clone(),
        });
    }

    fn tick(&mut self, until: u64) -> Option<Outcome> {
        let out = tick(
            &mut self.state,
            &self.sched,
            &self.scenario.limits,
            until,
            &mut self.trace.events,
            &mut self.violations,
        );
        if out.is_none() {
            let due = self.checkpoints.last().map_or(0, |c| c.trace_len) + self.every;
            if self.trace.events.len() >= due {
                self.checkpoint();
            }
        }
        out
    }

    /// Processes due entries until at least one event is traced; returns it (None when the run is over).
    pub fn step(&mut self) -> Option<&TraceEvent> {
        let before = self.trace.events.len();
        while self.trace.events.len() == before {
            if let Some(o) = self.tick(u64::MAX) {
                self.last = Some(o);
                break;
            }
        }
        self.cursor_us = self.cursor_us.max(self.state.engine.now_us());
        self.trace.events.get(before)
    }

    /// Runs every event due at or before `t_us` (bounded by the scenario's limits).
    pub fn run_until(&mut self, t_us: u64) -> Outcome {
        let outcome = loop {
            if let Some(o) = self.tick(t_us) {
                break o;
            }
        };
        self.cursor_us = match outcome {
            Outcome::Reached { at_us } => at_us.max(self.cursor_us),
            _ if t_us == u64::MAX => self.state.engine.now_us().max(self.cursor_us),
            Outcome::Quiescent { .. } => t_us.max(self.cursor_us),
            _ => self.state.engine.now_us().max(self.cursor_us),
        };
        self.last = Some(outcome);
        outcome
    }

    /// Runs until nothing is left to happen or a limit is hit.
    pub fn run_to_end(&mut self) -> Outcome {
        self.run_until(u64::MAX)
    }

    /// The current time of the run (the UI's "now").
    pub fn now_us(&self) -> u64 {
        self.cursor_us
    }

    pub fn trace(&self) -> &Trace {
        &self.trace
    }

    pub fn violations(&self) -> &[Violation] {
        &self.violations
    }

    /// The scenario, including faults added with [`Run::apply`].
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// How the last run call ended.
    pub fn outcome(&self) -> Option<Outcome> {
        self.last
    }

    /// The engine's state now (nodes, flights, clocks), for tools that need more than a snapshot.
    pub fn engine(&self) -> &Engine<OrderNode> {
        &self.state.engine
    }

    /// Views, truth, divergences and open requests now.
    pub fn snapshot(&self) -> Snapshot {
        build_snapshot(&self.state.engine, self.cursor_us, self.violations.clone())
    }

    /// The snapshot at `t_us`, from the nearest checkpoint plus replay; `self` is not changed.
    pub fn snapshot_at(&self, t_us: u64) -> Snapshot {
        if t_us == self.cursor_us {
            return self.snapshot();
        }
        let (mut st, mut viol) = if t_us > self.cursor_us {
            (self.state.clone(), self.violations.clone())
        } else {
            let c = self.checkpoint_before(t_us);
            (
                c.state.clone(),
                self.violations[..c.violations_len].to_vec(),
            )
        };
        st.engine.resync(&self.sched);
        let mut sink = Vec::new();
        while tick(
            &mut st,
            &self.sched,
            &self.scenario.limits,
            t_us,
            &mut sink,
            &mut viol,
        )
        .is_none()
        {
            sink.clear();
        }
        viol.retain(|v| v.time_us <= t_us);
        build_snapshot(&st.engine, t_us, viol)
    }

    fn checkpoint_before(&self, t_us: u64) -> &Checkpoint {
        let i = self
            .checkpoints
            .partition_point(|c| c.time_us <= t_us)
            .saturating_sub(1);
        &self.checkpoints[i.min(self.checkpoints.len() - 1)]
    }

    /// Moves "now" to `t_us`, back (checkpoint + replay) or forward.
    pub fn seek(&mut self, t_us: u64) {
        if t_us < self.cursor_us {
            let c = self.checkpoint_before(t_us).clone();
            self.trace.events.truncate(c.trace_len);
            self.violations.truncate(c.violations_len);
            self.state = c.state;
            self.state.engine.resync(&self.sched);
            self.cursor_us = c.time_us;
        }
        self.run_until(t_us);
        self.cursor_us = t_us;
    }

    /// Adds a fault taking effect now; the future is simulated with it. The fault is appended to
    /// [`Run::scenario`] (times moved to now), so re-running that scenario gives the same trace.
    pub fn apply(&mut self, fault: FaultSpec) -> Result<(), ScenarioError> {
        let index = self.scenario.faults.len();
        if index >= crate::validate::MAX_FAULTS {
            return Err(ScenarioError::new(
                "faults",
                "too many faults (at most 1000)",
            ));
        }
        let fault = fault.shifted_to(self.cursor_us, self.state.engine.next_msg_id());
        crate::validate::fault(&format!("faults[{index}]"), &fault)?;
        let len = self.trace.events.len();
        self.checkpoints.retain(|c| c.trace_len <= len);
        self.scenario.faults.push(fault);
        self.sched = Schedule::new(&self.scenario.faults);
        self.state.engine.resync(&self.sched);
        self.last = None;
        Ok(())
    }
}

fn build_snapshot(e: &Engine<OrderNode>, time_us: u64, violations: Vec<Violation>) -> Snapshot {
    let views = order_flow::views(e);
    let truth = order_flow::truth(e);
    let divergences = divergences(&views, &truth);
    Snapshot {
        time_us,
        divergences,
        open_requests: order_flow::open_requests(e),
        in_flight: e.flights().keys().copied().collect(),
        nodes_up: NodeId::ALL.iter().map(|n| e.status(*n)).collect(),
        views,
        truth,
        violations,
    }
}
