//! The export read back as an analyst would, with DuckDB (the `duckdb` Python package, which
//! `scripts/test` installs): row counts and joins agree with the CLI's own JSON on the bundled corpus.
//! Without Python and DuckDB this test fails: it does not skip.

mod common;

use std::process::Command;

#[test]
fn duckdb_reads_the_export_and_its_joins_agree_with_the_cli() {
    let root = common::repo_root();
    let to = tempfile::tempdir().unwrap();
    let out = common::pagerev(&root)
        .args(["export", "corpus", "--to"])
        .arg(to.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let read = Command::new("python3")
        .arg(root.join("tests/python/read_export.py"))
        .arg(to.path())
        .output()
        .expect("python3 runs (scripts/test installs DuckDB for it)");
    assert!(
        read.status.success(),
        "DuckDB could not read the export (is the duckdb package installed? scripts/test installs it):\n{}",
        String::from_utf8_lossy(&read.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&read.stdout).unwrap();

    // The counts of the CLI's own outputs.
    let json = |args: &[&str]| -> serde_json::Value {
        let out = common::pagerev(&root).args(args).output().unwrap();
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let revisions = ["2021-12.txt", "2022-12.txt", "2023-12.txt", "2024-01.txt"];
    let mut records = 0;
    let mut findings = 0;
    for rev in revisions {
        let file = format!("corpus/official-visits/{rev}");
        let parsed = json(&["parse", &file, "--format", "json"]);
        let n = parsed["records"].as_array().unwrap().len();
        records += n;
        assert_eq!(doc["records_per_revision"][rev], n, "{rev}");
        assert_eq!(doc["revision_record_counts"][rev], n, "{rev}");
        findings += json(&["validate", &file, "--format", "json"])["findings"]
            .as_array()
            .unwrap()
            .len();
    }
    let mut changes = 0;
    for pair in revisions.windows(2) {
        let diff = json(&[
            "diff",
            &format!("corpus/official-visits/{}", pair[0]),
            &format!("corpus/official-visits/{}", pair[1]),
            "--format",
            "json",
            "--show-cosmetic",
        ]);
        changes += diff["summary"]
            .as_object()
            .unwrap()
            .iter()
            .filter(|(k, _)| k.as_str() != "unchanged")
            .map(|(_, v)| v.as_u64().unwrap() as usize)
            .sum::<usize>();
    }
    assert_eq!(doc["rows"]["revisions"], 4);
    assert_eq!(doc["rows"]["records"], records);
    assert_eq!(doc["rows"]["findings"], findings);
    assert_eq!(doc["rows"]["changes"], changes);
    assert_eq!(doc["findings_joined"], doc["findings_with_record"]);
    assert!(doc["findings_with_record"].as_u64().unwrap() > 0);
    assert_eq!(
        doc["redated"],
        serde_json::json!([[
            "2023-12-commissioner-of-the-rcmp-canada",
            "2023-12-04-commissioner-of-the-rcmp-canada"
        ]])
    );
}
