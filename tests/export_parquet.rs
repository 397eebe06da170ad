//! `pagerev export --format parquet` (built with the `parquet` feature, which `.ci/run` tests): DuckDB
//! reads the four Parquet tables, and they hold exactly the rows of the CSV export of the same corpus,
//! with typed columns. Without Python and DuckDB this test fails: it does not skip.
#![cfg(feature = "parquet")]

mod common;

use std::process::Command;

#[test]
fn the_parquet_tables_hold_the_rows_of_the_csv_tables_with_types() {
    let root = common::repo_root();
    let (parquet, csv) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    for (dir, format) in [(&parquet, "parquet"), (&csv, "csv")] {
        let out = common::pagerev(&root)
            .args(["export", "corpus", "--format", format, "--to"])
            .arg(dir.path())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{out:?}");
    }
    let read = Command::new("python3")
        .arg(root.join("tests/python/compare_parquet.py"))
        .arg(parquet.path())
        .arg(csv.path())
        .output()
        .expect("python3 runs (scripts/test installs DuckDB for it)");
    assert!(
        read.status.success(),
        "DuckDB could not read the export:\n{}",
        String::from_utf8_lossy(&read.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&read.stdout).unwrap();
    for table in ["revisions", "records", "findings", "changes"] {
        let t = &doc[table];
        assert!(t["csv_rows"].as_u64().unwrap() > 0, "{table}: {t}");
        assert_eq!(t["parquet_rows"], t["csv_rows"], "{table}");
        assert_eq!(t["only_in_parquet"], 0, "{table}: {t}");
        assert_eq!(t["only_in_csv"], 0, "{table}: {t}");
    }
    assert_eq!(doc["records"]["types"]["index"], "UBIGINT");
    assert_eq!(doc["records"]["types"]["line_start"], "UINTEGER");
    assert_eq!(doc["revisions"]["types"]["bytes"], "UBIGINT");
}
