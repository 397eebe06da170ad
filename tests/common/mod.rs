//! Helpers shared by the integration tests: snapshot settings, running the binary from the repository
//! root (so reports show relative paths), corpus discovery, and the page generator (`gen_corpus`).
#![allow(dead_code)]

pub mod gen_corpus;

use std::path::{Path, PathBuf};

/// The repository root (where `Cargo.toml` is).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The repository root (short name used by the rule tests).
pub fn root() -> PathBuf {
    repo_root()
}

/// Insta settings for every snapshot: stored under the top-level `snapshots/` folder, named without the
/// test module's prefix, and today's date (printed by `future-date`) masked so snapshots do not age.
pub fn settings() -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path(repo_root().join("snapshots"));
    s.set_prepend_module_to_snapshot(false);
    s.add_filter(
        r"after today \(\d{4}-\d{2}-\d{2}\)",
        "after today ([today])",
    );
    s
}

/// `pagerev` run in `dir`, without colour.
pub fn pagerev(dir: &Path) -> assert_cmd::Command {
    let mut c = assert_cmd::Command::cargo_bin("pagerev").expect("binary built");
    c.current_dir(dir).env("NO_COLOR", "1");
    c
}

/// Every page revision under `corpus/`, sorted.
pub fn corpus_files() -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(pages) = std::fs::read_dir(repo_root().join("corpus")) else {
        return out;
    };
    for page in pages.flatten() {
        if let Ok(revs) = std::fs::read_dir(page.path()) {
            out.extend(
                revs.flatten()
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|x| x == "txt")),
            );
        }
    }
    out.sort();
    out
}

/// The HTML report of `corpus/official-visits` 2023-12 → 2024-01 with three made-up findings (as
/// `pagerev check` will pass them): an error on the retitled record (its message carries markup), a
/// warning on the removed record (by its old id), and an info on a record that did not change.
pub fn html_report_with_findings() -> String {
    use pagerev::diagnostic::{Diagnostic, Location, Position, Severity};
    use pagerev::diff::{diff_pages, DiffOptions};
    use pagerev::report::diff_html::{render, HtmlOptions};
    let load = |name: &str| {
        let path = format!("corpus/official-visits/{name}.txt");
        let bytes = std::fs::read(repo_root().join(&path)).expect("corpus file");
        pagerev::source::SourceFile::from_bytes(path, bytes).expect("utf-8")
    };
    let (old, new) = (load("2023-12"), load("2024-01"));
    let diff = diff_pages(
        &pagerev::parse::parse(&old, None),
        &pagerev::parse::parse(&new, None),
        &DiffOptions::default(),
    );
    let at = |line: u32| Location {
        start: Position {
            line,
            column: 1,
            byte: line * 100,
        },
        end: Position {
            line,
            column: 10,
            byte: line * 100 + 9,
        },
    };
    let finding = |code, name, severity, message: &str, id: &str, line| {
        let file = "corpus/official-visits/2024-01.txt";
        Diagnostic::new(code, name, severity, message, file, at(line)).with_record(id, None)
    };
    let findings = vec![
        finding(
            "PR101",
            "entry-retitled",
            Severity::Error,
            "title changed to <b>\"Albanian\"</b> & more",
            "2023-11-13-albanian-minister-of-interior",
            21,
        ),
        finding(
            "PR102",
            "entry-vanished",
            Severity::Warning,
            "entry vanished",
            "2022-04-01-executive-director-of-frontex",
            175,
        ),
        finding(
            "PR004",
            "duplicated-caption",
            Severity::Info,
            "a finding on an unchanged record",
            "2023-11-20-commissioner-economic-and-monetary-community-of-central",
            9,
        ),
    ];
    let mut out = Vec::new();
    render(
        &diff,
        Some(&findings),
        &HtmlOptions {
            context: 5,
            show_cosmetic: false,
        },
        &mut out,
    )
    .expect("render");
    String::from_utf8(out).expect("utf-8")
}

/// Panics with every error when `doc` is not valid against `docs/check-json.schema.json`, the schema of
/// `pagerev check --format json`.
pub fn assert_valid_check_json(doc: &serde_json::Value) {
    let text = std::fs::read_to_string(repo_root().join("docs/check-json.schema.json"))
        .expect("docs/check-json.schema.json");
    let schema: serde_json::Value = serde_json::from_str(&text).expect("the schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(doc)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "not a valid `check --format json` document (docs/check-json.schema.json):\n{}",
        errors.join("\n")
    );
}
