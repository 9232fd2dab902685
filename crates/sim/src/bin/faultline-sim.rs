//! faultline-sim: run a scenario headless and print the outcome, views, divergences and checks.

use faultline_sim::{bench, examples, Belief, Run, Scenario, Snapshot, INVARIANTS};
use std::process::ExitCode;

/// `println!` that stops quietly once standard output is closed (`faultline-sim run … | head`),
/// where the standard one panics.
macro_rules! println {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if writeln!(std::io::stdout(), $($arg)*).is_err() {
            std::process::exit(0);
        }
    }};
}

const USAGE: &str = "usage:
  faultline-sim run <scenario.json | example-id> [--seed N] [--format text|json]
  faultline-sim list
  faultline-sim bench [--orders N] [--seek-orders N] [--format text|json]";

/// Events listed in text output.
const TRACE_LINES: usize = 60;

enum Format {
    Text,
    Json,
}

struct Args {
    source: String,
    seed: Option<u64>,
    format: Format,
}

/// `--format`'s value: text or json.
fn parse_format(value: Option<String>) -> Result<Format, String> {
    match value.as_deref() {
        Some("text") => Ok(Format::Text),
        Some("json") => Ok(Format::Json),
        Some(other) => Err(format!("--format: expected text or json, got \"{other}\"")),
        None => Err("--format needs text or json".into()),
    }
}

fn parse_run(mut rest: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut args = Args {
        source: String::new(),
        seed: None,
        format: Format::Text,
    };
    while let Some(a) = rest.next() {
        match a.as_str() {
            "--seed" => {
                let v = rest.next().ok_or("--seed needs a number")?;
                args.seed = Some(
                    v.parse()
                        .map_err(|_| format!("--seed: \"{v}\" is not a whole number"))?,
                );
            }
            "--format" => args.format = parse_format(rest.next())?,
            s if s.starts_with("--") => return Err(format!("unknown option {s}")),
            s if args.source.is_empty() => args.source = s.to_string(),
            s => return Err(format!("unexpected argument {s}")),
        }
    }
    if args.source.is_empty() {
        return Err("run needs a scenario file or an example id".into());
    }
    Ok(args)
}

fn load(source: &str) -> Result<Scenario, String> {
    if let Some(s) = faultline_sim::example(source) {
        return Ok(s);
    }
    let text = std::fs::read_to_string(source)
        .map_err(|e| format!("{source}: not an example id, and the file cannot be read ({e})"))?;
    faultline_sim::scenario_from_file(&text).map_err(|e| format!("{source}: {e}"))
}

fn belief(b: &Belief) -> String {
    match b {
        Belief::Known { value, .. } => value.clone(),
        Belief::Unknown { since_us, why } => format!("UNKNOWN since {since_us} µs: {why}"),
    }
}

/// The nodes' logs merged by their wall clocks, as merging log files would: a skewed clock can
/// list a line before one of its causes.
fn print_merged_log(run: &Run) {
    use faultline_sim::merged_log::{merged_log, LogOrder};
    let lines = merged_log(run.trace(), u64::MAX, LogOrder::WallClock, TRACE_LINES);
    let early = lines
        .iter()
        .filter(|l| l.cause_listed_later.is_some())
        .count();
    println!(
        "\nthe nodes' logs merged by wall clock (last {} lines; {early} before one of their causes):",
        lines.len()
    );
    for l in &lines {
        let stamp = faultline_sim::time::fmt_signed_us(l.event.wall_us);
        println!("  {stamp:>9}  {}", l.event.summary());
        if let Some(c) = l.cause_listed_later {
            println!("             ⚠ before its cause: {}", c.summary());
        }
    }
}

fn print_text(run: &Run, snap: &Snapshot) {
    let s = run.scenario();
    println!("scenario: {} (seed {})", s.id, s.seed);
    if let Some(o) = run.outcome() {
        println!("outcome: {o}");
    }
    println!(
        "events: {}, trace hash: {:016x}",
        run.trace().events.len(),
        run.trace().hash()
    );
    println!(
        "\nwhat happened (first {} events):",
        run.trace().events.len().min(TRACE_LINES)
    );
    for e in run.trace().events.iter().take(TRACE_LINES) {
        println!("  #{:<4} {:>9} µs  {}", e.seq, e.time_us, e.summary());
    }
    print_merged_log(run);
    for v in &snap.views {
        println!("\n{} believes:", v.node);
        for r in &v.beliefs {
            let note = r
                .note
                .as_deref()
                .map(|n| format!(" [{n}]"))
                .unwrap_or_default();
            println!(
                "  {} · {}: {}{note}",
                r.subject,
                r.attribute,
                belief(&r.belief)
            );
        }
    }
    println!("\ntruth:");
    for f in &snap.truth {
        println!("  {} · {}: {}", f.subject, f.attribute, f.value);
    }
    println!("\ndivergences ({}):", snap.divergences.len());
    for d in &snap.divergences {
        println!(
            "  {} thinks {} · {} is {}; truth: {}",
            d.node,
            d.subject,
            d.attribute,
            belief(&d.believed),
            d.truth
        );
    }
    println!("\ninvariants:");
    for name in INVARIANTS {
        let found: Vec<_> = run.violations().iter().filter(|v| v.name == name).collect();
        match found.first() {
            None => println!("  {name}: ok"),
            Some(v) => {
                let tag = if v.expected {
                    "expected with this strategy"
                } else {
                    "VIOLATED"
                };
                let times = match found.len() {
                    1 => "once".to_string(),
                    n => format!("{n} times"),
                };
                println!(
                    "  {name}: {tag} ({times}; first at event {}: {})",
                    v.seq, v.detail
                );
            }
        }
    }
}

fn run(args: Args) -> Result<bool, String> {
    let mut scenario = load(&args.source)?;
    if let Some(seed) = args.seed {
        scenario.seed = seed;
    }
    let mut run = Run::new(&scenario).map_err(|e| format!("{}: {e}", args.source))?;
    let outcome = run.run_to_end();
    let snap = run.snapshot();
    match args.format {
        Format::Text => print_text(&run, &snap),
        Format::Json => {
            let out = serde_json::json!({
                "scenario": run.scenario(),
                "outcome": outcome,
                "trace_hash": format!("{:016x}", run.trace().hash()),
                "snapshot": snap,
                "trace": run.trace(),
            });
            println!("{out}");
        }
    }
    let failed: Vec<_> = run.violations().iter().filter(|v| !v.expected).collect();
    for v in &failed {
        eprintln!(
            "invariant {} violated at event {} ({} µs): {}",
            v.name, v.seq, v.time_us, v.detail
        );
    }
    Ok(failed.is_empty())
}

struct BenchArgs {
    orders: u32,
    seek_orders: u32,
    format: Format,
}

fn parse_count(flag: &str, v: Option<String>) -> Result<u32, String> {
    let v = v.ok_or_else(|| format!("{flag} needs a number"))?;
    match v.parse::<u32>() {
        Ok(n @ 1..=100_000) => Ok(n),
        _ => Err(format!(
            "{flag}: \"{v}\" is not a whole number from 1 to 100000"
        )),
    }
}

fn parse_bench(mut rest: impl Iterator<Item = String>) -> Result<BenchArgs, String> {
    let mut args = BenchArgs {
        orders: bench::THROUGHPUT_ORDERS,
        seek_orders: bench::SEEK_ORDERS,
        format: Format::Text,
    };
    while let Some(a) = rest.next() {
        match a.as_str() {
            "--orders" => args.orders = parse_count("--orders", rest.next())?,
            "--seek-orders" => args.seek_orders = parse_count("--seek-orders", rest.next())?,
            "--format" => args.format = parse_format(rest.next())?,
            s => return Err(format!("bench: unexpected argument {s}")),
        }
    }
    Ok(args)
}

/// Times the simulation natively (std::time::Instant) on the same workload the browser bench uses.
fn bench(args: BenchArgs) -> Result<bool, String> {
    let origin = std::time::Instant::now();
    let mut now_ms = || origin.elapsed().as_secs_f64() * 1e3;
    let t = bench::throughput(args.orders, bench::THROUGHPUT_REPEATS, &mut now_ms);
    let s = bench::seek_figures(args.seek_orders, &mut now_ms);
    match args.format {
        Format::Json => println!("{}", serde_json::json!({ "throughput": t, "seek": s })),
        Format::Text => {
            println!(
                "throughput: {} orders, {} events in {:.4} s = {:.0} events/s (best of {})",
                t.orders,
                t.events,
                t.best_ms / 1e3,
                t.events_per_s,
                t.repeats
            );
            println!(
                "seek: {} events over {} µs (built in {:.1} ms); {} points: snapshot_at p50 {:.2} ms, max {:.2} ms; seek p50 {:.2} ms, max {:.2} ms",
                s.events,
                s.run_us,
                s.build_ms,
                s.points,
                s.snapshot_at_p50_ms,
                s.snapshot_at_max_ms,
                s.seek_p50_ms,
                s.seek_max_ms
            );
        }
    }
    Ok(true)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // The help command, or help asked anywhere on the line (`faultline-sim run --help`).
    let wants_help = args.first().is_some_and(|a| a == "help")
        || args.iter().any(|a| matches!(a.as_str(), "--help" | "-h"));
    let mut argv = args.into_iter();
    let result = match argv.next().as_deref() {
        _ if wants_help => {
            println!("{USAGE}");
            Ok(true)
        }
        Some("list") => {
            for s in examples() {
                println!("{:<28} {}", s.id, s.description);
            }
            Ok(true)
        }
        Some("run") => parse_run(argv).and_then(run),
        Some("bench") => parse_bench(argv).and_then(bench),
        Some(other) => Err(format!("unknown command {other}\n{USAGE}")),
        None => Err(USAGE.to_string()),
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            eprintln!("faultline-sim: {e}");
            ExitCode::from(2)
        }
    }
}
