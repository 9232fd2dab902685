//! Turns the learner's bands and node faults into the scenario the core simulates.

use faultline_sim::{Direction, FaultSpec, Mode, NodeId, PartitionSpec, Scenario};

use crate::bands::{Band, Cut, Fate, FOREVER_US};

/// The partition a band stands for: the nodes whose traffic crosses its gap, left against right
/// (gap 2 is `a: [web], b: [inventory]`). A band cuts everything crossing its gap, and only the
/// flow's links carry traffic, so this is the same cut a scenario file writes: a built-in
/// scenario's band simulates, and exports, exactly as the file does in the CLI.
pub fn partition_of(band: &Band) -> PartitionSpec {
    let mut a: Vec<NodeId> = Vec::new();
    let mut b: Vec<NodeId> = Vec::new();
    for (l, r) in LINKS
        .into_iter()
        .filter(|&(l, r)| l <= band.gap && band.gap < r)
    {
        for (side, n) in [(&mut a, l), (&mut b, r)] {
            let id = NodeId(n as u8);
            if !side.contains(&id) {
                side.push(id);
            }
        }
    }
    PartitionSpec {
        a,
        b,
        direction: match band.cut {
            Cut::Both => Direction::Both,
            Cut::Rightward => Direction::AToB,
            Cut::Leftward => Direction::BToA,
        },
        mode: match band.fate {
            Fate::Drop => Mode::Drop,
            Fate::Hold => Mode::Hold,
        },
        start_us: band.start_us,
        end_us: band.heals().then_some(band.end_us),
    }
}

/// `base` with the bands and the learner's other faults appended to its own faults.
pub fn scenario_with(base: &Scenario, bands: &[Band], faults: &[FaultSpec]) -> Scenario {
    let mut s = base.clone();
    s.faults
        .extend(bands.iter().map(|b| FaultSpec::Partition(partition_of(b))));
    s.faults.extend(faults.iter().cloned());
    s
}

/// The links of the order flow that carry traffic, as (left node, right node) in lifeline order.
const LINKS: [(usize, usize); 3] = [(0, 1), (1, 2), (1, 3)];

/// The band that cuts exactly the same traffic as `p`, if one exists.
///
/// A band cuts everything crossing its gap; billing and inventory never talk to each other or to
/// the client, so gap 2 is "web ⇹ inventory", gap 1 "web ⇹ billing and inventory", gap 0 "client ⇹ web".
pub fn band_for(p: &PartitionSpec) -> Option<Band> {
    let side = |n: usize| {
        let id = NodeId(n as u8);
        (p.a.contains(&id), p.b.contains(&id))
    };
    let cut: Vec<(usize, usize)> = LINKS
        .into_iter()
        .filter(|&(l, r)| {
            matches!(
                (side(l), side(r)),
                ((true, _), (_, true)) | ((_, true), (true, _))
            )
        })
        .collect();
    let gap = match cut.as_slice() {
        [(0, 1)] => 0,
        [(1, 2), (1, 3)] => 1,
        [(1, 3)] => 2,
        _ => return None,
    };
    let (l, _) = cut[0];
    let left_in_a = side(l).0;
    let cut_dir = match (p.direction, left_in_a) {
        (Direction::Both, _) => Cut::Both,
        (Direction::AToB, true) | (Direction::BToA, false) => Cut::Rightward,
        _ => Cut::Leftward,
    };
    Some(Band {
        id: 0,
        gap,
        start_us: p.start_us,
        end_us: p.end_us.unwrap_or(FOREVER_US),
        cut: cut_dir,
        fate: match p.mode {
            Mode::Drop => Fate::Drop,
            Mode::Hold => Fate::Hold,
        },
    })
}

/// Splits a scenario's own faults into bands the learner can drag and the faults that stay put.
pub fn take_bands(scenario: &Scenario) -> (Scenario, Vec<Band>) {
    let mut rest = scenario.clone();
    let mut bands = Vec::new();
    rest.faults.retain(|f| match f {
        FaultSpec::Partition(p) => match band_for(p) {
            Some(b) => {
                bands.push(b);
                false
            }
            None => true,
        },
        _ => true,
    });
    (rest, bands)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_band_before_inventory_cuts_web_from_inventory() {
        let band = Band {
            cut: Cut::Leftward,
            ..Band::new(1, 2, 5_000)
        };
        let p = partition_of(&band);
        assert_eq!(p.a, vec![NodeId::WEB]);
        assert_eq!(p.b, vec![NodeId::INVENTORY]);
        let web_side = partition_of(&Band::new(2, 1, 0));
        assert_eq!(web_side.a, vec![NodeId::WEB]);
        assert_eq!(web_side.b, vec![NodeId::BILLING, NodeId::INVENTORY]);
        let client_side = partition_of(&Band::new(3, 0, 0));
        assert_eq!(
            (client_side.a, client_side.b),
            (vec![NodeId::CLIENT], vec![NodeId::WEB])
        );
        assert_eq!(p.direction, Direction::BToA);
        assert_eq!(p.end_us, Some(band.end_us));
    }

    #[test]
    fn the_seed_partition_becomes_a_web_inventory_band_and_back() {
        let band = Band {
            cut: Cut::Leftward,
            fate: Fate::Hold,
            ..Band::new(1, 2, 5_000)
        };
        let p = partition_of(&band);
        let again = band_for(&p).expect("expressible");
        assert_eq!(Band { id: 1, ..again }, band);
        let narrow = PartitionSpec {
            a: vec![NodeId::INVENTORY],
            b: vec![NodeId::WEB],
            direction: Direction::AToB,
            ..p
        };
        let b = band_for(&narrow).expect("web–inventory only");
        assert_eq!((b.gap, b.cut), (2, Cut::Leftward));
    }

    /// Same seed and same faults, same trace: a built-in scenario taken apart into bands and put
    /// back together runs exactly as the file does (the CLI and the golden hash read the file).
    #[test]
    fn every_example_runs_the_same_through_its_bands() {
        for s in faultline_sim::examples() {
            let (rest, bands) = take_bands(&s);
            let again = scenario_with(&rest, &crate::bands::numbered(bands), &[]);
            assert_eq!(again.faults, s.faults, "{}", s.id);
            let hash = |s: &Scenario| {
                let mut r = faultline_sim::Run::new(s).expect("a valid scenario");
                r.run_to_end();
                r.trace().hash()
            };
            assert_eq!(hash(&again), hash(&s), "{}", s.id);
        }
    }

    #[test]
    fn a_partition_cutting_only_billing_stays_a_scenario_fault() {
        let p = PartitionSpec {
            a: vec![NodeId::WEB],
            b: vec![NodeId::BILLING],
            ..partition_of(&Band::new(1, 1, 0))
        };
        assert_eq!(band_for(&p), None);
    }

    #[test]
    fn learner_faults_come_after_the_scenario_s_own() {
        let mut base = Scenario::basic("x");
        base.faults.push(FaultSpec::Crash {
            node: NodeId::BILLING,
            at_us: 1,
            restart_us: None,
        });
        let s = scenario_with(&base, &[Band::new(1, 0, 0)], &[]);
        assert_eq!(s.faults.len(), 2);
        assert!(matches!(s.faults[1], FaultSpec::Partition(_)));
    }
}
