//! Page profiles from the command line: `parse --explain` and `profile` on fixture pages (snapshots), a
//! `page.yaml` (or `--profile FILE`) pinning what inference guessed wrong, and bad page configurations.

mod common;

use std::path::Path;

fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = common::pagerev(dir)
        .args(args)
        .output()
        .expect("pagerev runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Fixtures whose inferred profiles differ in every key that matters.
const EXPLAINED: [&str; 5] = [
    "year-heading-sections",
    "date-alone",
    "key-dates",
    "heading-dates",
    "fr-agenda-ministre",
];

#[test]
fn explain_prints_the_profile_and_its_evidence() {
    for name in EXPLAINED {
        let file = format!("tests/fixtures/pages/{name}.txt");
        let (code, stdout, stderr) = run(&common::repo_root(), &["parse", "--explain", &file]);
        assert_eq!(code, 0, "{stderr}");
        common::settings().bind(|| insta::assert_snapshot!(format!("explain@{name}"), stdout));
    }
}

#[test]
fn profile_prints_a_page_yaml_that_reads_back_to_the_same_records() {
    let tmp = tempfile::tempdir().unwrap();
    for name in EXPLAINED {
        let file = common::repo_root().join(format!("tests/fixtures/pages/{name}.txt"));
        let (code, profile, stderr) =
            run(&common::repo_root(), &["profile", file.to_str().unwrap()]);
        assert_eq!(code, 0, "{stderr}");
        common::settings().bind(|| insta::assert_snapshot!(format!("profile@{name}"), profile));
        // Pinned, the printed profile gives the records inference gave.
        let dir = tmp.path().join(name);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::copy(&file, dir.join("page.txt")).unwrap();
        let inferred = run(&dir, &["parse", "--format", "json", "page.txt"]).1;
        std::fs::write(dir.join("page.yaml"), &profile).unwrap();
        let (code, pinned, stderr) = run(&dir, &["parse", "--format", "json", "page.txt"]);
        assert_eq!(code, 0, "{stderr}");
        assert_eq!(
            pinned, inferred,
            "{name}: pinning the printed profile changed the records"
        );
    }
}

/// A US page whose numeric dates all read both ways: inference reads them day-first (the default, as
/// nothing on the page shows otherwise); the page's `page.yaml` says month-first.
const AMBIGUOUS_US_PAGE: &str = "Council meetings\n\n03/05/2019 - The council adopted the budget.\n04/06/2019 - The council met the harbour board.\n05/07/2019 - The council approved the new ferry timetable.\n";

fn first_dates(dir: &Path, extra: &[&str]) -> Vec<String> {
    let mut args = vec!["parse", "--format", "json"];
    args.extend_from_slice(extra);
    args.push("page.txt");
    let (code, stdout, stderr) = run(dir, &args);
    assert_eq!(code, 0, "{stderr}");
    let page: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    page["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["date"]["start"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_pinned_profile_overrides_a_wrong_guess() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::write(dir.join("page.txt"), AMBIGUOUS_US_PAGE).unwrap();
    assert_eq!(
        first_dates(dir, &[]),
        ["2019-05-03", "2019-06-04", "2019-07-05"],
        "inference reads ambiguous numbers day-first"
    );
    // `--profile FILE`, then the page's own page.yaml.
    std::fs::write(dir.join("us.yaml"), "profile:\n  date_order: mdy\n").unwrap();
    assert_eq!(
        first_dates(dir, &["--profile", "us.yaml"]),
        ["2019-03-05", "2019-04-06", "2019-05-07"]
    );
    std::fs::write(dir.join("page.yaml"), "profile:\n  date_order: mdy\n").unwrap();
    assert_eq!(
        first_dates(dir, &[]),
        ["2019-03-05", "2019-04-06", "2019-05-07"]
    );
    // `--explain` says the profile is pinned.
    let (_, explain, _) = run(dir, &["parse", "--explain", "page.txt"]);
    assert!(
        explain.contains("partly pinned by page configuration"),
        "{explain}"
    );
    assert!(explain.contains("date_order: mdy"), "{explain}");
    // validate and diff read it too.
    std::fs::copy(dir.join("page.txt"), dir.join("next.txt")).unwrap();
    let (code, stdout, stderr) = run(
        dir,
        &[
            "diff",
            "page.txt",
            "next.txt",
            "--format",
            "json",
            "--show-unchanged",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("2019-03-05"), "{stdout}");
    let (code, stdout, stderr) = run(dir, &["validate", "page.txt", "--format", "json"]);
    assert!(code == 0 || code == 1, "{stderr}");
    assert!(stdout.contains("page.txt"), "{stdout}");
}

#[test]
fn bad_page_configurations_are_positioned_errors() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::write(dir.join("page.txt"), AMBIGUOUS_US_PAGE).unwrap();
    for (yaml, want) in [
        (
            "profile:\n  date_ordr: mdy\n",
            "page.yaml:2:3: profile: unknown field `date_ordr`",
        ),
        (
            "profile:\n  titles: sideways\n",
            "page.yaml:2:11: profile.titles: unknown variant `sideways`",
        ),
        (
            "profile:\n  months:\n    sett: 13\n",
            "page.yaml:3:11: month `sett`: 13 is not a month number",
        ),
        (
            "profile:\n  date_patterns: ['^(?P<yr>\\d+)']\n",
            "page.yaml:2:19: date pattern needs a named group `month`",
        ),
        // The document is parsed once before anything is read from it: an unclosed list is a syntax
        // error where the parser finds it unclosed (the end of the text).
        ("profile: [\n", "page.yaml:2:1: while parsing a node"),
    ] {
        std::fs::write(dir.join("page.yaml"), yaml).unwrap();
        let (code, stdout, stderr) = run(dir, &["parse", "page.txt"]);
        assert_eq!(code, 2, "{yaml}: {stdout}");
        assert!(stderr.contains(want), "{yaml}\nwant {want}\ngot {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert!(stderr.contains("invalid page configuration"), "{stderr}");
    }
    let (code, _, stderr) = run(dir, &["parse", "--profile", "missing.yaml", "page.txt"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("missing.yaml"), "{stderr}");
}

#[test]
fn member_count_phrasings_can_be_added_in_the_page_configuration() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::write(
        dir.join("page.txt"),
        "Besuche\n\nBesuch des Ministers\n\n3. Mai 2019 – Der Minister sprach vor den 27 Vertragsstaaten des Abkommens.\n",
    )
    .unwrap();
    let counts = |dir: &Path| {
        let (code, stdout, stderr) = run(dir, &["parse", "--format", "json", "page.txt"]);
        assert_eq!(code, 0, "{stderr}");
        let page: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        page["records"][0]["member_counts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["count"].as_u64().unwrap())
            .collect::<Vec<_>>()
    };
    assert_eq!(counts(dir), Vec::<u64>::new());
    std::fs::write(
        dir.join("page.yaml"),
        "profile:\n  member_phrases: ['Vertragsstaaten']\n",
    )
    .unwrap();
    assert_eq!(counts(dir), [27]);
    std::fs::write(dir.join("page.yaml"), "profile:\n  member_phrases: ['(']\n").unwrap();
    let (code, _, stderr) = run(dir, &["parse", "page.txt"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("page.yaml:2:19: invalid member phrase"),
        "{stderr}"
    );
}
