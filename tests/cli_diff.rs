//! End-to-end tests of `pagerev diff` and `pagerev history`: exit status, stdout and stderr.

mod common;

use assert_cmd::Command;
use predicates::prelude::*;

const DIR: &str = "corpus/official-visits";

fn pagerev() -> Command {
    let mut cmd = Command::cargo_bin("pagerev").unwrap();
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd.env_remove("NO_COLOR");
    cmd
}

fn stdout_of(args: &[&str], code: i32) -> String {
    let out = pagerev()
        .args(args)
        .assert()
        .code(code)
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap()
}

fn snapshot(name: &str, suffix: &str, value: String) {
    let mut s = common::settings();
    s.set_snapshot_suffix(suffix);
    s.bind(|| insta::assert_snapshot!(name, value));
}

#[test]
fn identical_revisions_exit_0() {
    let f = format!("{DIR}/2023-12.txt");
    let out = stdout_of(&["diff", &f, &f], 0);
    assert!(out.contains("51 unchanged"), "{out}");
}

#[test]
fn differing_revisions_exit_1_unless_exit_zero() {
    let (a, b) = (format!("{DIR}/2023-12.txt"), format!("{DIR}/2024-01.txt"));
    let out = stdout_of(&["diff", &a, &b], 1);
    assert!(
        !out.contains('\x1b'),
        "no colour when stdout is not a terminal"
    );
    stdout_of(&["diff", &a, &b, "--exit-zero"], 0);
    stdout_of(&["diff", &a, &b, "--format", "json"], 1);
}

#[test]
fn cosmetic_only_changes_exit_0_and_are_collapsed() {
    let dir = tempfile::tempdir().unwrap();
    let seed = std::fs::read_to_string(format!("{}/{DIR}/2023-12.txt", env!("CARGO_MANIFEST_DIR")))
        .unwrap();
    let new = seed
        .replacen("Spain’s Minister", "Spain's\u{a0}Minister", 1)
        .replacen("23 January 2023 \u{2013}", "23 January 2023 -", 1);
    let (a, b) = (dir.path().join("a.txt"), dir.path().join("b.txt"));
    std::fs::write(&a, &seed).unwrap();
    std::fs::write(&b, new).unwrap();
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    let out = stdout_of(&["diff", a, b], 0);
    assert!(out.contains("1 cosmetic, 50 unchanged"), "{out}");
    assert!(out.contains("1 cosmetic record hidden"), "{out}");
    assert!(!out.contains("Spain"), "{out}");
    let out = stdout_of(&["diff", a, b, "--show-cosmetic"], 0);
    assert!(
        out.contains("lead (cosmetic): \"…Gómez, Spain<U+2019>s Minister"),
        "{out}"
    );
    assert!(out.contains("→ \"…Gómez, Spain's<U+00A0>Minister"), "{out}");
}

#[test]
fn errors_exit_2_with_one_line() {
    pagerev()
        .args(["diff", "no-such.txt", &format!("{DIR}/2023-12.txt")])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::starts_with(
            "pagerev: error: no-such.txt: no such file",
        ))
        .stderr(
            predicate::str::ends_with("\n")
                .and(predicate::function(|s: &str| s.lines().count() == 1)),
        );
    pagerev()
        .args(["diff", DIR, &format!("{DIR}/2023-12.txt")])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is a directory"));
    pagerev()
        .args(["diff", "a", "b", "--threshold", "1.5"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("outside 0..=1"));
    pagerev()
        .args(["history", &format!("{DIR}/2023-12.txt")])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a directory"));
    pagerev()
        .args(["history", DIR, "--record", "no-such-id"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "no record has the id `no-such-id`",
        ));
}

#[test]
fn markdown_and_stat_reports() {
    let (a, b) = (format!("{DIR}/2023-12.txt"), format!("{DIR}/2024-01.txt"));
    snapshot(
        "cli-diff-markdown",
        "2023-12..2024-01",
        stdout_of(&["diff", &a, &b, "--format", "markdown"], 1),
    );
    snapshot(
        "cli-diff-stat",
        "2023-12..2024-01",
        stdout_of(&["diff", &a, &b, "--stat"], 1),
    );
    snapshot(
        "cli-diff-context-1",
        "2023-12..2024-01",
        stdout_of(&["diff", &a, &b, "--context", "1"], 1),
    );
}

#[test]
fn history_of_the_bundled_page() {
    snapshot(
        "cli-history-text",
        "official-visits",
        stdout_of(&["history", DIR], 0),
    );
    snapshot(
        "cli-history-json",
        "official-visits-rcmp",
        stdout_of(
            &[
                "history",
                DIR,
                "--record",
                "2023-12-commissioner-of-the-rcmp-canada",
                "--format",
                "json",
            ],
            0,
        ),
    );
}
