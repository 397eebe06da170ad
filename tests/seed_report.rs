//! The full reports for the bundled page: exactly its real problems (two repeated-caption blocks, the
//! untitled 9 May 2022 entry, the month-only December 2023 date), exit status 1.

mod common;

const SEED: &str = "corpus/official-visits/2023-12.txt";

fn validate(args: &[&str]) -> (Option<i32>, String) {
    let out = common::pagerev(&common::root())
        .arg("validate")
        .arg(SEED)
        .args(args)
        .output()
        .expect("run pagerev");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn human_report_of_the_seed_page() {
    let (code, stdout) = validate(&[]);
    assert_eq!(code, Some(1));
    common::settings().bind(|| insta::assert_snapshot!("validate-human@2023-12", stdout));
}

#[test]
fn json_report_of_the_seed_page() {
    let (code, stdout) = validate(&["--format", "json"]);
    assert_eq!(code, Some(1));
    let doc: serde_json::Value = serde_json::from_str(&stdout).expect("one JSON document");
    let codes: Vec<&str> = doc["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["code"].as_str())
        .collect();
    assert_eq!(codes, ["PR003", "PR009", "PR004", "PR004"]);
    assert_eq!(doc["summary"]["records"], 51);
    common::settings().bind(|| insta::assert_snapshot!("validate-json@2023-12", stdout));
}

#[test]
fn jsonl_has_one_finding_per_line() {
    let (code, stdout) = validate(&["--format", "jsonl"]);
    assert_eq!(code, Some(1));
    assert_eq!(stdout.lines().count(), 4);
    for line in stdout.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("JSON line");
        assert!(v["location"]["start"]["line"].is_u64());
    }
}

#[test]
fn fail_on_and_overrides_change_the_exit_status() {
    // Only the warning left: passes at the default --fail-on error, fails at warning.
    let (code, _) = validate(&["--select", "imprecise-date"]);
    assert_eq!(code, Some(0));
    let (code, _) = validate(&["--select", "imprecise-date", "--fail-on", "warning"]);
    assert_eq!(code, Some(1));
    let (code, stdout) = validate(&[
        "--ignore",
        "PR004,missing-title",
        "--severity",
        "PR003=info",
    ]);
    assert_eq!(code, Some(0), "{stdout}");
    assert!(stdout.contains("info[PR003]"));
    // The page's titles repeated as captions are there on purpose: info when turned on.
    let (code, stdout) = validate(&["--select", "caption-repeats-title", "--format", "jsonl"]);
    assert_eq!(code, Some(0));
    assert_eq!(stdout.lines().count(), 11, "{stdout}");
}

#[test]
fn folders_and_several_files_get_per_file_sections() {
    let dir = tempfile::tempdir().expect("tempdir");
    let page = std::fs::read(common::root().join(SEED)).expect("seed");
    std::fs::create_dir_all(dir.path().join("p")).expect("mkdir");
    std::fs::write(dir.path().join("p/b.txt"), &page).expect("write");
    std::fs::write(dir.path().join("p/a.txt"), &page).expect("write");
    std::fs::write(dir.path().join("p/notes.md"), "not a page").expect("write");
    let out = common::pagerev(dir.path())
        .args(["validate", "p"])
        .output()
        .expect("run");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1));
    let a = stdout
        .find("p/a.txt: 51 records checked")
        .expect("a section");
    let b = stdout
        .find("p/b.txt: 51 records checked")
        .expect("b section");
    assert!(a < b);
    assert!(
        stdout
            .ends_with("summary: 6 errors, 2 warnings, 0 info in 2 files (102 records checked)\n"),
        "{stdout}"
    );
}
