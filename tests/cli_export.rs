//! `pagerev export` on the bundled corpus: each table's rows agree with what the CLI's own JSON
//! outputs say (parse, validate, diff), the tables join, and a failed export leaves no table behind.

mod common;

use std::collections::{HashMap, HashSet};
use std::path::Path;

fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = common::pagerev(dir).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn jsonl(path: &Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

const REVISIONS: [&str; 4] = ["2021-12.txt", "2022-12.txt", "2023-12.txt", "2024-01.txt"];

#[test]
fn the_export_of_the_bundled_corpus_agrees_with_the_cli() {
    let root = common::repo_root();
    let to = tempfile::tempdir().unwrap();
    let to_arg = to.path().to_str().unwrap();
    let (code, out, err) = run(
        &root,
        &["export", "corpus", "--to", to_arg, "--format", "jsonl"],
    );
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("records.jsonl (171 rows)"), "{out}");

    let revisions = jsonl(&to.path().join("revisions.jsonl"));
    let records = jsonl(&to.path().join("records.jsonl"));
    let findings = jsonl(&to.path().join("findings.jsonl"));
    let changes = jsonl(&to.path().join("changes.jsonl"));
    let names: Vec<&str> = revisions
        .iter()
        .map(|r| r["revision"].as_str().unwrap())
        .collect();
    assert_eq!(names, REVISIONS);

    let mut ids: HashMap<&str, HashSet<&str>> = HashMap::new();
    for r in &records {
        ids.entry(r["revision"].as_str().unwrap())
            .or_default()
            .insert(r["id"].as_str().unwrap());
    }
    for (rev, row) in REVISIONS.iter().zip(&revisions) {
        let file = format!("corpus/official-visits/{rev}");
        // records: the same ids, in the same order, as `parse --format json`.
        let (_, parsed, _) = run(&root, &["parse", &file, "--format", "json"]);
        let parsed: serde_json::Value = serde_json::from_str(&parsed).unwrap();
        let parsed_ids: Vec<&str> = parsed["records"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap())
            .collect();
        let exported: Vec<&str> = records
            .iter()
            .filter(|r| r["revision"] == *rev)
            .map(|r| r["id"].as_str().unwrap())
            .collect();
        assert_eq!(exported, parsed_ids, "{rev}");
        assert_eq!(row["records"], parsed_ids.len());
        // findings: the codes `validate --format json` reports, in order.
        let (_, validated, _) = run(&root, &["validate", &file, "--format", "json"]);
        let validated: serde_json::Value = serde_json::from_str(&validated).unwrap();
        let codes = |v: &serde_json::Value| v.as_str().unwrap().to_string();
        let expected: Vec<String> = validated["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| codes(&f["code"]))
            .collect();
        let got: Vec<String> = findings
            .iter()
            .filter(|f| f["revision"] == *rev)
            .map(|f| codes(&f["code"]))
            .collect();
        assert_eq!(got, expected, "{rev}");
    }
    // Every finding about a record names a record of its revision.
    for f in &findings {
        if let Some(id) = f["record_id"].as_str() {
            assert!(ids[f["revision"].as_str().unwrap()].contains(id), "{f}");
        }
    }
    // changes: per consecutive pair, the counts of `diff --format json`, and ids that join.
    for pair in REVISIONS.windows(2) {
        let (old, new) = (
            format!("corpus/official-visits/{}", pair[0]),
            format!("corpus/official-visits/{}", pair[1]),
        );
        let (_, diff, _) = run(
            &root,
            &["diff", &old, &new, "--format", "json", "--show-cosmetic"],
        );
        let diff: serde_json::Value = serde_json::from_str(&diff).unwrap();
        let rows: Vec<&serde_json::Value> = changes
            .iter()
            .filter(|c| c["old_revision"] == pair[0] && c["new_revision"] == pair[1])
            .collect();
        let summary = diff["summary"].as_object().unwrap();
        for (kind, n) in summary {
            if kind == "unchanged" {
                continue;
            }
            let exported = rows.iter().filter(|c| c["kind"] == kind.as_str()).count();
            assert_eq!(exported as u64, n.as_u64().unwrap(), "{kind} {pair:?}");
        }
        for c in &rows {
            let id = c["record_id"].as_str().unwrap();
            let side = if c["kind"] == "removed" {
                pair[0]
            } else {
                pair[1]
            };
            assert!(ids[side].contains(id), "{c}");
        }
    }
    let redated: Vec<&serde_json::Value> =
        changes.iter().filter(|c| c["kind"] == "redated").collect();
    assert_eq!(redated.len(), 1);
    assert_eq!(
        redated[0]["previous_id"],
        "2023-12-commissioner-of-the-rcmp-canada"
    );
}

#[test]
fn csv_tables_have_a_header_and_one_line_per_row() {
    let root = common::repo_root();
    let to = tempfile::tempdir().unwrap();
    let (code, _, err) = run(
        &root,
        &[
            "export",
            "corpus/official-visits/2023-12.txt",
            "--to",
            to.path().to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{err}");
    let revisions = std::fs::read_to_string(to.path().join("revisions.csv")).unwrap();
    assert!(revisions
        .starts_with("page,revision,path,bytes,records,language,page_title,content_hash\n"));
    assert_eq!(revisions.lines().count(), 2);
    let changes = std::fs::read_to_string(to.path().join("changes.csv")).unwrap();
    assert_eq!(
        changes, "page,old_revision,new_revision,kind,record_id,previous_id,fields_changed\n",
        "one revision: no changes, but the header"
    );
}

#[test]
fn a_failed_export_leaves_no_table() {
    let root = common::repo_root();
    let to = tempfile::tempdir().unwrap();
    let bad = to.path().join("bad");
    std::fs::create_dir_all(&bad).unwrap();
    std::fs::write(bad.join("2024-01.txt"), b"\xff\xfe not text").unwrap();
    let (code, _, err) = run(
        &root,
        &[
            "export",
            "corpus/official-visits",
            bad.to_str().unwrap(),
            "--to",
            to.path().to_str().unwrap(),
        ],
    );
    assert_eq!(code, 2, "{err}");
    let left: Vec<String> = std::fs::read_dir(to.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n != "bad")
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
    let (code, _, err) = run(&root, &["export", "corpus", "--to", "no/such/folder"]);
    assert_eq!(code, 2);
    assert!(err.contains("no such folder"), "{err}");
}

/// A build without the `parquet` feature refuses `--format parquet` with the way to get it, and writes
/// nothing; a build with it writes `.parquet` tables.
#[test]
fn format_parquet_needs_the_feature_and_says_so() {
    let root = common::repo_root();
    let to = tempfile::tempdir().unwrap();
    let to_arg = to.path().to_str().unwrap();
    let (code, stdout, stderr) = run(
        &root,
        &["export", "corpus", "--to", to_arg, "--format", "parquet"],
    );
    let left: Vec<_> = std::fs::read_dir(to.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    if cfg!(feature = "parquet") {
        assert_eq!(code, 0, "{stderr}");
        assert!(stdout.contains("records.parquet"), "{stdout}");
        assert_eq!(left.len(), 4, "{left:?}");
    } else {
        assert_eq!(code, 2, "{stdout}");
        assert!(
            stderr.contains("built without Parquet support")
                && stderr.contains("--features parquet"),
            "{stderr}"
        );
        assert!(left.is_empty(), "{left:?}");
    }
}
