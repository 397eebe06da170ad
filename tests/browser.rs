//! The HTML diff report in a real browser: headless Chromium (Debian's `/usr/bin/chromium`) driven by
//! Playwright's `playwright-core` from `tests/browser/check-report.mjs`.
//!
//! This test writes the report of the bundled pair `2023-12 → 2024-01` and of the injection fixtures with
//! the real binary (and one with made-up findings through the library), takes the expectations from `pagerev diff --format json`, and lets the script check
//! the summary counts, filters (by kind, title and rule), `j`/`k`, deep links, print layout, contrast and that page text stays
//! text. Screenshots go to `target/browser-artifacts/`; `UPDATE_DOCS=1` also copies the light one to
//! `docs/screenshot-diff.png`.
//!
//! Needs `scripts/install-browser-test-deps` (Chromium, and playwright-core under `tests/browser/`).
//! Without them the test says SKIPPED loudly and passes, unless `PAGEREV_REQUIRE_BROWSER=1` (set it
//! in CI after installing) makes a missing browser a failure. `PAGEREV_CHROMIUM` overrides the browser.

mod common;

use serde_json::{json, Value};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const OLD: &str = "corpus/official-visits/2023-12.txt";
const NEW: &str = "corpus/official-visits/2024-01.txt";
const INJECTION_OLD: &str = "tests/fixtures/html/old.txt";
const INJECTION_NEW: &str = "tests/fixtures/html/new.txt";

/// Says, past the test harness's output capture, that the browser test did not run, or fails when
/// `PAGEREV_REQUIRE_BROWSER` asks for it.
fn skip(why: &str) {
    let required = std::env::var_os("PAGEREV_REQUIRE_BROWSER").is_some_and(|v| !v.is_empty());
    assert!(
        !required,
        "PAGEREV_REQUIRE_BROWSER is set but the browser test cannot run: {why}"
    );
    let bar = "!".repeat(78);
    // Written to the stderr handle, not with eprintln!, so that `cargo test` does not swallow it.
    let _ = writeln!(
        std::io::stderr(),
        "\n{bar}\nSKIPPED: the browser test of the HTML report did not run: {why}\n\
         Install what it needs with scripts/install-browser-test-deps\n{bar}\n"
    );
}

fn pagerev(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_pagerev"))
        .args(args)
        .current_dir(common::repo_root())
        .env("NO_COLOR", "1")
        .output()
        .expect("pagerev runs")
}

/// Writes the HTML report of `old → new` to `path` and returns the diff as JSON.
fn report(old: &str, new: &str, path: &Path) -> Value {
    let out = pagerev(&[
        "diff",
        old,
        new,
        "--format",
        "html",
        "-o",
        path.to_str().expect("utf-8 temp path"),
    ]);
    assert!(
        out.status.code() == Some(1) && out.stdout.is_empty(),
        "pagerev diff --format html: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = pagerev(&["diff", old, new, "--format", "json"]);
    serde_json::from_slice(&out.stdout).expect("diff JSON")
}

/// The changes of a diff as the report's cards: element id, primary kind, and the searchable text.
fn cards(diff: &Value) -> Vec<Value> {
    let changes = diff["changes"].as_array().expect("changes");
    changes
        .iter()
        .map(|c| {
            let now = if c["new"].is_null() {
                &c["old"]
            } else {
                &c["new"]
            };
            let id = now["id"].as_str().expect("id");
            let mut search = vec![id.to_string()];
            for side in ["old", "new"] {
                if let Some(t) = c[side]["title"].as_str() {
                    search.push(t.to_string());
                }
            }
            json!({ "card": format!("rec-{id}"), "kind": c["kind"], "search": search.join("\n") })
        })
        .collect()
}

fn artifacts() -> PathBuf {
    common::repo_root().join("target/browser-artifacts")
}

#[test]
fn html_report_in_headless_chromium() {
    let root = common::repo_root();
    let chromium = std::env::var_os("PAGEREV_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    if !chromium.exists() {
        return skip(&format!("{} not found", chromium.display()));
    }
    let node_ok = Command::new("node")
        .arg("--version")
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !node_ok {
        return skip("node not found");
    }
    if !root
        .join("tests/browser/node_modules/playwright-core/package.json")
        .exists()
    {
        return skip("playwright-core not installed under tests/browser/node_modules");
    }

    let dir = tempfile::tempdir().expect("temp dir");
    let main = dir.path().join("report.html");
    let diff = report(OLD, NEW, &main);
    let injection = dir.path().join("injection.html");
    let injection_diff = report(INJECTION_OLD, INJECTION_NEW, &injection);
    let findings = dir.path().join("findings.html");
    std::fs::write(&findings, common::html_report_with_findings()).expect("write findings report");
    let cards = cards(&diff);
    let alias = diff["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .find(|c| c["kind"] == "retitled")
        .map(|c| {
            json!({
                "from": format!("rec-{}", c["old"]["id"].as_str().expect("old id")),
                "to": format!("rec-{}", c["new"]["id"].as_str().expect("new id")),
            })
        });
    let deep_link = cards
        .iter()
        .find(|c| c["kind"] == "removed")
        .or(cards.last())
        .map(|c| c["card"].clone())
        .expect("the bundled pair has changes");
    let titles: Vec<Value> = injection_diff["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .filter_map(|c| {
            let now = if c["new"].is_null() {
                &c["old"]
            } else {
                &c["new"]
            };
            now["title"].as_str().map(|t| json!(t))
        })
        .collect();
    let screenshot = artifacts().join("report.png");
    let config = json!({
        "chromium": chromium,
        "report": main,
        "summary": diff["summary"],
        "cards": cards,
        "search": "minister",
        "deepLink": deep_link,
        "alias": alias,
        "screenshot": screenshot,
        "findings": {
            "report": findings,
            "rule": "PR101",
            "cards": ["rec-2023-11-13-albanian-minister-of-interior"],
            // Every card but the two whose records carry the sample findings (the Albanian retitle and
            // the Frontex removal; the third finding is on an unchanged record, which has no card).
            "withoutFindings": cards.len() - 2,
        },
        "injection": {
            "report": injection,
            "title": format!("pagerev diff: {INJECTION_OLD} → {INJECTION_NEW}"),
            "titles": titles,
        },
    });
    let config_path = dir.path().join("config.json");
    std::fs::write(&config_path, config.to_string()).expect("write config");
    // Keep the reports beside the screenshots, for looking at after a failure.
    std::fs::create_dir_all(artifacts()).expect("artifacts folder");
    let _ = std::fs::copy(&main, artifacts().join("report.html"));
    let _ = std::fs::copy(&injection, artifacts().join("injection.html"));
    let _ = std::fs::copy(&findings, artifacts().join("findings.html"));

    let mut child = Command::new("node")
        .arg(root.join("tests/browser/check-report.mjs"))
        .arg(&config_path)
        .current_dir(&root)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("node starts");
    let deadline = Instant::now() + Duration::from_secs(180);
    let status = loop {
        if let Some(s) = child.try_wait().expect("wait for node") {
            break s;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("the browser checks took over 180 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let out = child.wait_with_output().expect("node output");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    if status.code() == Some(2) {
        return skip(&format!("Chromium did not start: {stderr}"));
    }
    assert!(
        status.success(),
        "browser checks failed ({status}):\n{stdout}\n{stderr}"
    );
    println!("{stdout}");
    assert!(
        screenshot.exists(),
        "no screenshot at {}",
        screenshot.display()
    );
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::copy(&screenshot, root.join("docs/screenshot-diff.png")).expect("copy screenshot");
    }
}
