//! Faultline's simulation core: a deterministic discrete-event simulation of partial failure.
//!
//! A [`Scenario`] fixes everything — seed, network, web's strategy, workload, faults, limits — so
//! the same scenario gives the same [`Trace`] on every machine and target. A [`Run`] steps through
//! it, keeps checkpoints, and answers "what does each node believe, and what is true?" at any time
//! with a [`Snapshot`]. Beliefs are [`Belief::Known`] or [`Belief::Unknown`]: not knowing is a value.
//!
//! ```
//! use faultline_sim::{examples, Belief, NodeId, Outcome, Run};
//!
//! // The seed's case: the link web↔inventory is cut after billing has charged the card.
//! let scenario = examples().into_iter().find(|s| s.id == "partition-after-charge").unwrap();
//! let mut run = Run::new(&scenario).unwrap();
//! assert!(matches!(run.run_to_end(), Outcome::Quiescent { .. }));
//!
//! let snap = run.snapshot();
//! assert_eq!(snap.fact("order 1", "charged"), Some("yes"));
//! assert_eq!(snap.fact("order 1", "reserved"), Some("no"));
//! // web cannot tell whether inventory reserved the item:
//! let b = snap.belief(NodeId::WEB, "order 1", "reserved").unwrap();
//! assert!(matches!(b, Belief::Unknown { why, .. } if why == "3 requests to inventory timed out"));
//! // Same seed, same trace:
//! let mut again = Run::new(&scenario).unwrap();
//! again.run_to_end();
//! assert_eq!(again.trace().hash(), run.trace().hash());
//! ```
//!
//! Layers: `engine` (queue, nodes as state machines writing commands) → `net`/`fault` (links and
//! faults) → `order_flow` (the protocol) → `trace`/`clock` (the log with Lamport and vector clocks)
//! → `view`/`check` (beliefs vs truth, invariants) → `run` (checkpoints, seek, live faults) →
//! `compare` (what a change did to how a run ends: [`end_changes`] of two runs' last snapshots).

pub mod bench;
pub mod check;
pub mod clock;
pub mod compare;
pub mod engine;
mod examples;
pub mod fault;
pub mod id;
mod json_path;
pub mod merged_log;
pub mod net;
pub mod order_flow;
mod queue;
mod rerun;
pub mod rng;
pub mod run;
pub mod scenario;
mod scenario_file;
mod sort;
pub mod span;
mod summary;
pub mod time;
pub mod trace;
mod validate;
pub mod view;

pub use check::{Violation, INVARIANTS};
pub use clock::VClock;
pub use compare::{end_changes, total_changes, EndChange};
pub use engine::NodeStatus;
pub use examples::{example, examples, golden_trace_hash_scenario, GOLDEN_SCENARIO_ID};
pub use fault::{Direction, FaultSpec, MessageAction, MessageFault, Mode, PartitionSpec};
pub use id::{node_name, MsgId, NodeId, NODE_COUNT, NODE_NAMES};
pub use net::{LinkSettings, LinkSpec, NetworkSpec, FLOW_LINKS};
pub use order_flow::{next_moves, Answer, Effect, GiveUp, Key, NextMove, Payload, Strategy};
pub use run::{Outcome, Run};
pub use scenario::{Limits, Scenario, ScenarioError, Workload};
pub use scenario_file::scenario_from_file;
pub use span::{Fate, MessageSpan};
pub use trace::{fnv1a64, DropReason, EventKind, Trace, TraceEvent};
pub use validate::MAX_TIME_US;
pub use view::{Act, Belief, BeliefRow, Divergence, Fact, NodeView, OpenRequest, Snapshot, Step};
