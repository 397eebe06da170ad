//! `pagerev validate` over several files: per-file sections in a fixed order, and the same output whatever
//! the number of threads checking them.

mod common;

/// `pagerev validate PATH --format json` in `dir` on `threads` threads; asserts findings (exit 1).
fn validate_json(dir: &std::path::Path, path: &str, threads: &str) -> String {
    let out = common::pagerev(dir)
        .args(["validate", path, "--format", "json"])
        .env("RAYON_NUM_THREADS", threads)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn folder_output_is_ordered_and_independent_of_threads() {
    let dir = tempfile::tempdir().unwrap();
    let seed =
        std::fs::read_to_string(common::repo_root().join("corpus/official-visits/2023-12.txt"))
            .unwrap();
    // Six revisions: the seed, and copies with one more defect each, named out of order on purpose.
    for (i, name) in ["f.txt", "a.txt", "d.txt", "b.txt", "e.txt", "c.txt"]
        .iter()
        .enumerate()
    {
        let text = seed.replacen(
            "Iceland Police Commissioner\n",
            &"Iceland Police Commissioner\n".repeat(i + 1),
            1,
        );
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let one = validate_json(dir.path(), ".", "1");
    assert_eq!(validate_json(dir.path(), ".", "4"), one);
    // Two threads check four pages at a time: the six pages cross a window's end.
    assert_eq!(validate_json(dir.path(), ".", "2"), one);
    let doc: serde_json::Value = serde_json::from_str(&one).unwrap();
    let files: Vec<&str> = doc["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["file"].as_str().unwrap())
        .collect();
    assert_eq!(
        files,
        ["a.txt", "b.txt", "c.txt", "d.txt", "e.txt", "f.txt"]
    );
    let human = common::pagerev(dir.path())
        .args(["validate", "."])
        .output()
        .unwrap();
    let text = String::from_utf8(human.stdout).unwrap();
    let positions: Vec<usize> = files
        .iter()
        .map(|f| text.find(&format!("{f}:")).unwrap())
        .collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "files reported in order"
    );
}

/// A page of 5,000 records and more runs its rules in parallel (`rules::check_page`): the findings are the
/// same, in the same order, as with one thread.
#[test]
fn big_page_findings_do_not_depend_on_threads() {
    let dir = tempfile::tempdir().unwrap();
    let seed =
        std::fs::read_to_string(common::repo_root().join("corpus/official-visits/2023-12.txt"))
            .unwrap();
    // The seed's 51 entries 110 times: 5,610 records, with repeated entries, captions and dates
    // out of order, so many rules report.
    std::fs::write(dir.path().join("big.txt"), seed.repeat(110)).unwrap();
    let one = validate_json(dir.path(), "big.txt", "1");
    assert_eq!(validate_json(dir.path(), "big.txt", "2"), one);
    let doc: serde_json::Value = serde_json::from_str(&one).unwrap();
    assert_eq!(doc["summary"]["records"], 5610);
    let codes: std::collections::BTreeSet<&str> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert!(codes.len() >= 4, "several rules report: {codes:?}");
}

/// `validate --select` of a rule only `check` runs says so: an error when nothing else is selected, a
/// warning beside other rules.
#[test]
fn selecting_a_drop_rule_in_validate_says_it_runs_in_check() {
    let out = common::pagerev(&common::repo_root())
        .args([
            "validate",
            "corpus/official-visits/2023-12.txt",
            "--select",
            "PR015",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("--select names no rule `pagerev validate` runs"),
        "{err}"
    );
    assert!(err.contains("run it with `pagerev check`"), "{err}");
    let out = common::pagerev(&common::repo_root())
        .args([
            "validate",
            "corpus/official-visits/2023-12.txt",
            "--select",
            "PR015,PR004",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.starts_with("warning: PR015 entry-removed"), "{err}");
}
