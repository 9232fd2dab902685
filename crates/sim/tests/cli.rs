//! The CLI as a person runs it: its messages, exit codes and the files it reads.

use std::io::Read;
use std::process::{Command, Stdio};

fn cli(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_faultline-sim"))
        .args(args)
        .output()
        .expect("the CLI runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn bad_options_are_named_in_words() {
    let (code, _, err) = cli(&["run", "happy-path", "--format", "xml"]);
    assert_eq!(code, 2);
    assert!(
        err.contains(r#"--format: expected text or json, got "xml""#),
        "{err}"
    );
    let (_, _, err) = cli(&["run", "happy-path", "--format"]);
    assert!(err.contains("--format needs text or json"), "{err}");
    let (code, _, err) = cli(&["bogus"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown command bogus"), "{err}");
    let (code, out, _) = cli(&["run", "--help"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("usage:"), "{out}");
}

#[test]
fn files_the_playground_reads_the_cli_reads() {
    let dir = std::env::temp_dir().join(format!("faultline-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let s = faultline_sim::example("happy-path").unwrap();
    let bom = dir.join("bom.json");
    std::fs::write(&bom, format!("\u{feff}{}", s.to_json())).unwrap();
    let export = dir.join("export.json");
    let text = format!(
        r#"{{"format":"faultline-trace","version":1,"scenario":{},"trace":{{}}}}"#,
        s.to_json()
    );
    std::fs::write(&export, text).unwrap();
    for file in [&bom, &export] {
        let (code, out, err) = cli(&["run", file.to_str().unwrap()]);
        assert_eq!(code, 0, "{err}");
        assert!(out.starts_with("scenario: happy-path (seed 1)"), "{out}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_reader_that_stops_early_does_not_make_it_panic() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_faultline-sim"))
        .args(["run", "workload", "--format", "json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the CLI runs");
    let mut first = [0u8; 16];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // The pipe is closed here, as `| head` closes it.
    let status = child.wait().unwrap();
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(status.code(), Some(0));
}
