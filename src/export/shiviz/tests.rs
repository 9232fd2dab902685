//! The ShiViz log parses with its own regular expression, keeps ShiViz's clock rules, and its
//! clocks order events exactly as `Trace::happens_before` does.

use super::*;
use faultline_sim::Run;
use regex::Regex;
use std::collections::BTreeMap;

/// Events compared pairwise per scenario (quadratic; the workload example is long).
const MAX_PAIRS_EVENTS: usize = 700;

fn parse_clock(text: &str) -> [u64; 4] {
    let map: BTreeMap<String, u64> = serde_json::from_str(text).expect("clock is a JSON object");
    let mut vc = [0u64; 4];
    for (name, c) in map {
        let i = NODE_NAMES
            .iter()
            .position(|n| *n == name)
            .expect("a known host");
        assert!(c > 0, "zero entries are left out");
        vc[i] = c;
    }
    vc
}

fn before(a: &[u64; 4], b: &[u64; 4]) -> bool {
    a.iter().zip(b).all(|(x, y)| x <= y) && a != b
}

#[test]
fn the_log_matches_its_regex_and_agrees_with_happens_before() {
    // The Rust regex engine wants the literal braces escaped; JavaScript (ShiViz) does not.
    let re = Regex::new(&SHIVIZ_REGEX.replace('{', r"\{").replace('}', r"\}")).unwrap();
    for scenario in faultline_sim::examples() {
        let mut run = Run::new(&scenario).unwrap();
        run.run_to_end();
        let trace = run.trace();
        let text = shiviz(trace);
        let (first, log) = text
            .split_once("\n\n")
            .expect("regex line, empty delimiter line");
        assert_eq!(first, SHIVIZ_REGEX);
        let logged: Vec<&TraceEvent> = trace.events.iter().filter(|e| is_logged(&e.kind)).collect();
        let entries: Vec<(String, [u64; 4], String)> = re
            .captures_iter(log)
            .map(|c| {
                (
                    c["host"].to_string(),
                    parse_clock(&c["clock"]),
                    c["event"].to_string(),
                )
            })
            .collect();
        assert_eq!(entries.len(), logged.len(), "{}", scenario.id);
        assert_eq!(
            log.lines().count(),
            2 * logged.len(),
            "{}: nothing between entries",
            scenario.id
        );
        // ShiViz's rule: each host's own entry counts 1, 2, 3… over its events.
        let mut own = [0u64; 4];
        for ((host, vc, _), e) in entries.iter().zip(&logged) {
            assert_eq!(host, e.node.name());
            let i = e.node.index();
            own[i] += 1;
            assert_eq!(
                vc[i], own[i],
                "{}: {host}'s clock must count by one",
                scenario.id
            );
            assert_eq!(*vc, e.vclock);
        }
        let n = entries.len().min(MAX_PAIRS_EVENTS);
        for i in 0..n {
            for j in 0..n {
                assert_eq!(
                    before(&entries[i].1, &entries[j].1),
                    trace.happens_before(logged[i].seq, logged[j].seq),
                    "{}: events {} and {}",
                    scenario.id,
                    logged[i].seq,
                    logged[j].seq
                );
            }
        }
    }
}

#[test]
fn a_lost_send_says_so() {
    let mut run = Run::new(&faultline_sim::example("partition-after-charge").unwrap()).unwrap();
    run.run_to_end();
    let text = shiviz(run.trace());
    assert!(text.contains("→ lost (partition)"), "{text}");
    assert_eq!(clock_json(&[0, 2, 0, 1]), r#"{"web":2,"inventory":1}"#);
}
