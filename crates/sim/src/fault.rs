//! Faults: partitions (two-way, one-way, drop or hold), crash/restart, pause/resume, clock skew, message faults.

use crate::id::{MsgId, NodeId, NODE_COUNT};
use crate::sort::sort_stable_by_key;
use serde::{Deserialize, Serialize};

/// A fault in a scenario, or applied live by the UI.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum FaultSpec {
    Partition(PartitionSpec),
    /// The node crashes at `at_us` (volatile state lost) and, if given, restarts at `restart_us`.
    Crash {
        node: NodeId,
        at_us: u64,
        #[serde(default)]
        restart_us: Option<u64>,
    },
    /// The node stops processing at `at_us`; messages and timers wait until `resume_us`.
    Pause {
        node: NodeId,
        at_us: u64,
        #[serde(default)]
        resume_us: Option<u64>,
    },
    /// From `at_us` on, the node's wall clock reads `real + offset_us + drift_ppm·(real − at_us)/10⁶`.
    ClockSkew {
        node: NodeId,
        offset_us: i64,
        drift_ppm: i64,
        #[serde(default)]
        at_us: u64,
    },
    Message(MessageFault),
}

impl FaultSpec {
    /// The same fault moved to start at `now`, keeping its duration. A message fault acts at
    /// `now` if message `msg` was already sent (id below `next_msg`), else when it is sent.
    pub fn shifted_to(self, now: u64, next_msg: MsgId) -> FaultSpec {
        let later =
            |start: u64, end: Option<u64>| end.map(|e| now.saturating_add(e.saturating_sub(start)));
        match self {
            FaultSpec::Partition(mut p) => {
                p.end_us = later(p.start_us, p.end_us);
                p.start_us = now;
                FaultSpec::Partition(p)
            }
            FaultSpec::Crash {
                node,
                at_us,
                restart_us,
            } => FaultSpec::Crash {
                node,
                at_us: now,
                restart_us: later(at_us, restart_us),
            },
            FaultSpec::Pause {
                node,
                at_us,
                resume_us,
            } => FaultSpec::Pause {
                node,
                at_us: now,
                resume_us: later(at_us, resume_us),
            },
            FaultSpec::ClockSkew {
                node,
                offset_us,
                drift_ppm,
                ..
            } => FaultSpec::ClockSkew {
                node,
                offset_us,
                drift_ppm,
                at_us: now,
            },
            FaultSpec::Message(mut m) => {
                m.at_us = (m.msg < next_msg).then_some(now);
                FaultSpec::Message(m)
            }
        }
    }
}

/// Which way a partition cuts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Both ways.
    #[default]
    Both,
    /// Only messages from group `a` to group `b` are cut.
    AToB,
    /// Only messages from group `b` to group `a` are cut.
    BToA,
}

/// What a partition does with the messages it cuts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// The messages are lost.
    #[default]
    Drop,
    /// The messages wait and are released when the partition heals.
    Hold,
}

/// A partition between two groups of nodes, from `start_us` until `end_us` (forever if absent).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartitionSpec {
    pub a: Vec<NodeId>,
    pub b: Vec<NodeId>,
    #[serde(default)]
    pub direction: Direction,
    #[serde(default)]
    pub mode: Mode,
    #[serde(default)]
    pub start_us: u64,
    #[serde(default)]
    pub end_us: Option<u64>,
}

impl PartitionSpec {
    /// True when this partition cuts messages `from → to`.
    pub fn cuts(&self, from: NodeId, to: NodeId) -> bool {
        let ab = self.a.contains(&from) && self.b.contains(&to);
        let ba = self.b.contains(&from) && self.a.contains(&to);
        match self.direction {
            Direction::Both => ab || ba,
            Direction::AToB => ab,
            Direction::BToA => ba,
        }
    }
}

/// A fault aimed at one message copy (the UI offers it on a message arrow).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MessageFault {
    pub msg: MsgId,
    pub action: MessageAction,
    /// When set, the action hits the message at that time if it is then in flight;
    /// when absent, it hits the message as it is sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_us: Option<u64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum MessageAction {
    Drop,
    Duplicate,
    Delay { extra_us: u64 },
}

/// A timed action derived from the faults.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FaultAction {
    PartitionStart(usize),
    PartitionEnd(usize),
    Crash(NodeId),
    Restart(NodeId),
    Pause(NodeId),
    Resume(NodeId),
    Skew {
        node: NodeId,
        offset_us: i64,
        drift_ppm: i64,
    },
    Message {
        msg: MsgId,
        action: MessageAction,
    },
}

/// One entry of the fault timeline: sorted by (time, seq); seq = 2·fault index (+1 for the end).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timed {
    pub time_us: u64,
    pub seq: u64,
    pub action: FaultAction,
}

/// The faults of a scenario laid out on the timeline. Not part of the cloned run state.
#[derive(Debug, Clone, Default)]
pub struct Schedule {
    pub timeline: Vec<Timed>,
    /// Partition specs by fault index.
    pub partitions: Vec<Option<PartitionSpec>>,
    /// Message faults that hit at send time, sorted by message id.
    pub on_send: Vec<(MsgId, MessageAction)>,
}

impl Schedule {
    pub fn new(faults: &[FaultSpec]) -> Schedule {
        let mut s = Schedule {
            partitions: vec![None; faults.len()],
            ..Schedule::default()
        };
        for (i, f) in faults.iter().enumerate() {
            s.add(i, f);
        }
        sort_stable_by_key(&mut s.timeline, |t| (t.time_us, t.seq));
        sort_stable_by_key(&mut s.on_send, |(m, _)| (m.0, 0));
        s
    }

    fn add(&mut self, i: usize, f: &FaultSpec) {
        let seq = 2 * i as u64;
        let mut push = |time_us, seq, action| {
            self.timeline.push(Timed {
                time_us,
                seq,
                action,
            })
        };
        match f {
            FaultSpec::Partition(p) => {
                push(p.start_us, seq, FaultAction::PartitionStart(i));
                if let Some(end) = p.end_us {
                    push(end, seq + 1, FaultAction::PartitionEnd(i));
                }
                self.partitions[i] = Some(p.clone());
            }
            FaultSpec::Crash {
                node,
                at_us,
                restart_us,
            } => {
                push(*at_us, seq, FaultAction::Crash(*node));
                if let Some(r) = restart_us {
                    push(*r, seq + 1, FaultAction::Restart(*node));
                }
            }
            FaultSpec::Pause {
                node,
                at_us,
                resume_us,
            } => {
                push(*at_us, seq, FaultAction::Pause(*node));
                if let Some(r) = resume_us {
                    push(*r, seq + 1, FaultAction::Resume(*node));
                }
            }
            FaultSpec::ClockSkew {
                node,
                offset_us,
                drift_ppm,
                at_us,
            } => {
                let action = FaultAction::Skew {
                    node: *node,
                    offset_us: *offset_us,
                    drift_ppm: *drift_ppm,
                };
                push(*at_us, seq, action);
            }
            FaultSpec::Message(m) => match m.at_us {
                Some(t) => push(
                    t,
                    seq,
                    FaultAction::Message {
                        msg: m.msg,
                        action: m.action,
                    },
                ),
                None => self.on_send.push((m.msg, m.action)),
            },
        }
    }

    /// Message faults to apply when `msg` is sent.
    pub fn send_faults(&self, msg: MsgId) -> impl Iterator<Item = MessageAction> + '_ {
        let start = self.on_send.partition_point(|(m, _)| *m < msg);
        self.on_send[start..]
            .iter()
            .take_while(move |(m, _)| *m == msg)
            .map(|(_, a)| *a)
    }

    /// Index of the first timeline entry after the key `(time, seq)`.
    pub fn position_after(&self, key: Option<(u64, u64)>) -> usize {
        match key {
            None => 0,
            Some(k) => self.timeline.partition_point(|t| (t.time_us, t.seq) <= k),
        }
    }
}

/// Which links are cut right now, and how: `cut[from][to] = Some((mode, fault index))`.
pub type Cuts = [[Option<(Mode, usize)>; NODE_COUNT]; NODE_COUNT];

/// Recomputes the cut matrix from the active partitions (lowest fault index wins).
pub fn compute_cuts(active: &[usize], sched: &Schedule) -> Cuts {
    let mut cuts: Cuts = [[None; NODE_COUNT]; NODE_COUNT];
    for &i in active {
        let Some(Some(p)) = sched.partitions.get(i) else {
            continue;
        };
        for from in NodeId::ALL {
            for to in NodeId::ALL {
                let cell = &mut cuts[from.index()][to.index()];
                if cell.is_none() && p.cuts(from, to) {
                    *cell = Some((p.mode, i));
                }
            }
        }
    }
    cuts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn part(direction: Direction) -> PartitionSpec {
        PartitionSpec {
            a: vec![NodeId::WEB],
            b: vec![NodeId::INVENTORY],
            direction,
            mode: Mode::Drop,
            start_us: 10,
            end_us: Some(20),
        }
    }

    #[test]
    fn one_way_cuts_one_way() {
        let p = part(Direction::AToB);
        assert!(p.cuts(NodeId::WEB, NodeId::INVENTORY));
        assert!(!p.cuts(NodeId::INVENTORY, NodeId::WEB));
        assert!(part(Direction::Both).cuts(NodeId::INVENTORY, NodeId::WEB));
    }

    #[test]
    fn schedule_is_sorted() {
        let faults = vec![
            FaultSpec::Crash {
                node: NodeId::BILLING,
                at_us: 50,
                restart_us: Some(60),
            },
            FaultSpec::Partition(part(Direction::Both)),
        ];
        let s = Schedule::new(&faults);
        let times: Vec<u64> = s.timeline.iter().map(|t| t.time_us).collect();
        assert_eq!(times, vec![10, 20, 50, 60]);
        assert_eq!(s.position_after(Some((20, 3))), 2);
        let cuts = compute_cuts(&[1], &s);
        assert!(cuts[1][3].is_some() && cuts[3][1].is_some() && cuts[1][2].is_none());
    }
}
