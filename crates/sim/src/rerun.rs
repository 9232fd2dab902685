//! Where two scenarios' runs part ways: the earliest instant their faults can make a difference.
//!
//! A partition dragged across the diagram changes the run only from the moment the old and the
//! new fault lists disagree; before that, the old run's checkpoints are still exact, so the new
//! run can resume from one instead of starting again (see [`crate::Run::rerun`]).

use crate::fault::Schedule;
use crate::scenario::Scenario;

/// The earliest instant at which runs of `a` and `b` may differ, `Some(0)` when they may differ
/// from the start, `None` when they are the same run. Names and descriptions do not count.
pub(crate) fn first_difference(
    a: &Scenario,
    sa: &Schedule,
    b: &Scenario,
    sb: &Schedule,
) -> Option<u64> {
    let same_world = a.seed == b.seed
        && a.network == b.network
        && a.strategy == b.strategy
        && a.workload == b.workload
        && a.stock == b.stock
        && a.limits == b.limits;
    if !same_world || sa.on_send != sb.on_send {
        return Some(0);
    }
    (0..a.faults.len().max(b.faults.len()))
        .filter(|&i| a.faults.get(i) != b.faults.get(i))
        .filter_map(|i| match (acts_from(a, sa, i), acts_from(b, sb, i)) {
            (Some(x), Some(y)) => Some(x.min(y)),
            (x, y) => x.or(y),
        })
        .min()
}

/// When fault `index` of scenario `s` first acts: its earliest timeline entry, 0 if it has none
/// (a message fault that hits at send time), `None` if there is no such fault.
fn acts_from(s: &Scenario, sched: &Schedule, index: usize) -> Option<u64> {
    s.faults.get(index)?;
    let first = sched
        .timeline
        .iter()
        .filter(|t| t.seq / 2 == index as u64)
        .map(|t| t.time_us)
        .min();
    Some(first.unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fault::FaultSpec;
    use crate::NodeId;

    fn with_faults(faults: Vec<FaultSpec>) -> (Scenario, Schedule) {
        let mut s = crate::example("happy-path").expect("example");
        s.faults = faults;
        let sched = Schedule::new(&s.faults);
        (s, sched)
    }

    fn crash(at_us: u64) -> FaultSpec {
        FaultSpec::Crash {
            node: NodeId::BILLING,
            at_us,
            restart_us: Some(at_us + 5_000),
        }
    }

    #[test]
    fn the_same_faults_make_the_same_run() {
        let (a, sa) = with_faults(vec![crash(3_000)]);
        let (mut b, sb) = with_faults(vec![crash(3_000)]);
        b.title = "renamed".into();
        assert_eq!(first_difference(&a, &sa, &b, &sb), None);
    }

    #[test]
    fn a_moved_fault_differs_from_the_earlier_of_its_two_times() {
        let (a, sa) = with_faults(vec![crash(3_000), crash(9_000)]);
        let (b, sb) = with_faults(vec![crash(3_000), crash(7_000)]);
        assert_eq!(first_difference(&a, &sa, &b, &sb), Some(7_000));
        let (c, sc) = with_faults(vec![crash(3_000)]);
        assert_eq!(
            first_difference(&a, &sa, &c, &sc),
            Some(9_000),
            "a removed fault"
        );
    }

    #[test]
    fn another_seed_differs_from_the_start() {
        let (a, sa) = with_faults(vec![crash(3_000)]);
        let (mut b, sb) = with_faults(vec![crash(3_000)]);
        b.seed += 1;
        assert_eq!(first_difference(&a, &sa, &b, &sb), Some(0));
    }
}
