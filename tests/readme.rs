//! The README's walkthrough of the CI gate, run as written: every line in a scratch folder, with the
//! exit code its comment announces (`# exit N`), and every other line succeeding.

mod common;

use std::process::{Command, Stdio};

/// The shell block of the walkthrough: the one starting with `cargo build --release && PR=`.
fn walkthrough() -> Vec<String> {
    let readme = std::fs::read_to_string(common::repo_root().join("README.md")).unwrap();
    let start = readme
        .find("```sh\ncargo build --release && PR=")
        .expect("README has the gate walkthrough");
    let body = &readme[start + "```sh\n".len()..];
    let end = body.find("```").expect("the walkthrough block ends");
    body[..end].lines().map(str::to_string).collect()
}

/// The exit code a line's comment announces, if it does (`# exit 1: …`).
fn announced_exit(line: &str) -> Option<i32> {
    let comment = &line[line.find('#')?..];
    let rest = comment.split("exit ").nth(1)?;
    rest.chars().next()?.to_digit(10).map(|d| d as i32)
}

#[test]
fn the_gate_walkthrough_runs_as_written_and_ends_green() {
    let scratch = tempfile::tempdir().unwrap();
    let bin = assert_cmd::cargo::cargo_bin("pagerev");
    let lines = walkthrough();
    let mut ran = 0;
    let mut last_check = None;
    for line in &lines {
        let code = line.trim();
        // The build line (the test has the binary) and comment-only continuation lines.
        if code.is_empty() || code.starts_with('#') || code.starts_with("cargo build") {
            continue;
        }
        let script = code.replace("/tmp/gate", &scratch.path().display().to_string());
        let mut child = Command::new("bash")
            .args(["-c", &script])
            .current_dir(scratch.path())
            .env("PR", &bin)
            .env("REPO", common::repo_root())
            .env("NO_COLOR", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // `review` reads its answers from standard input: accept every record.
        {
            use std::io::Write;
            let mut stdin = child.stdin.take().unwrap();
            let _ = stdin.write_all("a\n".repeat(100).as_bytes());
        }
        let out = child.wait_with_output().unwrap();
        let got = out.status.code().unwrap_or(-1);
        let want = announced_exit(line).unwrap_or(0);
        assert_eq!(
            got,
            want,
            "`{code}` exited {got}, the README says {want}\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        if code.starts_with("$PR check") {
            last_check = Some(got);
        }
        ran += 1;
    }
    assert!(ran >= 10, "the walkthrough ran only {ran} lines");
    assert_eq!(
        last_check,
        Some(0),
        "the walkthrough must end with a passing check"
    );
    assert!(scratch.path().join("report.html").is_file());
}
