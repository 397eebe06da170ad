//! The gate as a CI job runs it: `check --base` on a repository (which pages it checks, and that no
//! changed page is success), one run writing every report (`--output FORMAT=PATH`), and reports
//! written to files saying what they wrote.

mod common;

use std::path::Path;
use std::process::Command;

const SEED: &str = "corpus/official-visits/2023-12.txt";

fn seed() -> String {
    std::fs::read_to_string(common::repo_root().join(SEED)).unwrap()
}

fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = common::pagerev(dir).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn git(dir: &Path, args: &[&str]) {
    // An identity for the commits, whatever the machine's git configuration.
    let out = Command::new("git")
        .args(["-c", "user.name=t", "-c", "user.email=t@t"])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A repository with two pages (a folder of revisions and a page file), each accepted and baselined,
/// all committed.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    git(p, &["init", "-q"]);
    std::fs::create_dir_all(p.join("corpus/official-visits")).unwrap();
    std::fs::write(p.join("corpus/official-visits/2023-12.txt"), seed()).unwrap();
    std::fs::write(p.join("corpus/visits-copy.txt"), seed()).unwrap();
    std::fs::write(p.join("README.md"), "a corpus\n").unwrap();
    for page in ["corpus/official-visits", "corpus/visits-copy.txt"] {
        let (code, out, err) = run(p, &["baseline", "write", page]);
        assert_eq!(code, 0, "{out}{err}");
        let (code, out, err) = run(p, &["accept", page]);
        assert_eq!(code, 0, "{out}{err}");
    }
    git(p, &["add", "."]);
    git(p, &["commit", "-q", "-m", "corpus"]);
    dir
}

fn checked_pages(doc: &serde_json::Value) -> Vec<String> {
    common::assert_valid_check_json(doc);
    doc["pages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["page"].as_str().unwrap().to_string())
        .collect()
}

/// Issue 14, item 4: a pull request that changes no page used to exit 2 (and upload an empty SARIF).
#[test]
fn no_changed_page_is_success_in_every_format() {
    let dir = repository();
    std::fs::write(dir.path().join("README.md"), "a corpus, described\n").unwrap();
    let (code, out, err) = run(dir.path(), &["check", "--base", "HEAD"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("check: passed (no page under `corpus` changed since HEAD: nothing to check)"),
        "{out}"
    );
    let (code, out, _) = run(dir.path(), &["check", "--base", "HEAD", "--format", "json"]);
    assert_eq!(code, 0);
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["passed"], true);
    assert!(checked_pages(&doc).is_empty());
    let (code, out, _) = run(
        dir.path(),
        &["check", "--base", "HEAD", "--format", "sarif"],
    );
    assert_eq!(code, 0);
    let sarif: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(sarif["runs"][0]["results"].as_array().unwrap().len(), 0);
    // Commands that need a page still say there is nothing to do.
    let (code, _, err) = run(dir.path(), &["accept", "--base", "HEAD"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("no page under `corpus` changed since HEAD"),
        "{err}"
    );
}

#[test]
fn check_base_takes_the_pages_whose_revisions_settings_or_reviewed_state_changed() {
    let dir = repository();
    let p = dir.path();
    // A new revision in the folder: that page only.
    std::fs::write(p.join("corpus/official-visits/2024-01.txt"), seed()).unwrap();
    let (code, out, err) = run(p, &["check", "--base", "HEAD", "--format", "json"]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(
        checked_pages(&serde_json::from_str(&out).unwrap()),
        ["official-visits"]
    );
    std::fs::remove_file(p.join("corpus/official-visits/2024-01.txt")).unwrap();

    // The reviewed state of the page file changed (someone edited its baseline): that page is checked.
    let baseline = p.join("snapshots/visits-copy.baseline.yaml");
    let text = std::fs::read_to_string(&baseline).unwrap();
    std::fs::write(&baseline, text + "\n").unwrap();
    let (code, out, err) = run(p, &["check", "--base", "HEAD", "--format", "json"]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(
        checked_pages(&serde_json::from_str(&out).unwrap()),
        ["visits-copy"]
    );
    git(p, &["checkout", "-q", "--", "snapshots"]);

    // The rule configuration changed: every page is checked again, and pagerev says why.
    std::fs::write(p.join("pagerev.yaml"), "rules: []\n").unwrap();
    let (_, out, err) = run(p, &["check", "--base", "HEAD", "--format", "json"]);
    assert_eq!(
        checked_pages(&serde_json::from_str(&out).unwrap()),
        ["official-visits", "visits-copy"]
    );
    assert!(
        err.contains(
            "the rule configuration changed since HEAD (pagerev.yaml): checking every page"
        ),
        "{err}"
    );
    std::fs::remove_file(p.join("pagerev.yaml")).unwrap();

    // `--all`: every page, changed or not.
    let (_, out, _) = run(p, &["check", "--base", "HEAD", "--all", "--format", "json"]);
    assert_eq!(
        checked_pages(&serde_json::from_str(&out).unwrap()),
        ["official-visits", "visits-copy"]
    );
}

#[test]
fn a_page_path_with_spaces_and_accents_is_checked() {
    let dir = repository();
    let p = dir.path();
    let folder = p.join("corpus/visites officielles é");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("2023-12.txt"), seed()).unwrap();
    std::fs::write(
        folder.join("2024-01.txt"),
        seed().replacen("Portugal visit\n", "", 1),
    )
    .unwrap();
    let (code, out, err) = run(p, &["check", "--base", "HEAD", "--format", "json"]);
    assert_eq!(code, 1, "{out}{err}");
    assert_eq!(
        checked_pages(&serde_json::from_str(&out).unwrap()),
        ["visites officielles é"]
    );
}

#[test]
fn a_folder_of_pages_checks_each_page() {
    let dir = repository();
    let (code, out, err) = run(dir.path(), &["check", "corpus", "--format", "json"]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(
        checked_pages(&serde_json::from_str(&out).unwrap()),
        ["official-visits", "visits-copy"]
    );
}

/// One run, every report: the main format on stdout and each `--output` file identical to what a run
/// with that `--format` prints.
#[test]
fn one_check_writes_every_report() {
    let dir = repository();
    let p = dir.path();
    std::fs::write(
        p.join("corpus/official-visits/2024-01.txt"),
        seed().replacen("Portugal visit\n", "Portugal visit\nPortugal visit\n", 1),
    )
    .unwrap();
    let (code, github, err) = run(
        p,
        &[
            "check",
            "--base",
            "HEAD",
            "--format",
            "github",
            "--output",
            "sarif=pagerev.sarif",
            "--output",
            "markdown=summary.md",
            "--output",
            "junit=junit.xml",
        ],
    );
    assert_eq!(code, 1, "{github}{err}");
    assert!(github.contains("::error"), "{github}");
    for (format, file) in [
        ("sarif", "pagerev.sarif"),
        ("markdown", "summary.md"),
        ("junit", "junit.xml"),
    ] {
        let written = std::fs::read_to_string(p.join(file)).unwrap();
        let (_, alone, _) = run(p, &["check", "--base", "HEAD", "--format", format]);
        assert_eq!(written, alone, "{format}");
        assert!(
            err.contains(&format!("wrote the {format} report to {file} (")),
            "{err}"
        );
    }
    // validate takes --output too.
    let (code, _, err) = run(
        p,
        &[
            "validate",
            SEED,
            "--format",
            "json",
            "--output",
            "jsonl=findings.jsonl",
        ],
    );
    assert_eq!(code, 1, "{err}");
    let jsonl = std::fs::read_to_string(p.join("findings.jsonl")).unwrap();
    assert_eq!(jsonl.lines().count(), 4, "{jsonl}");
}

#[test]
fn a_report_into_a_missing_folder_is_an_error_before_any_work() {
    let dir = repository();
    let p = dir.path();
    let next = seed().replacen("Portugal visit\n", "", 1);
    std::fs::write(p.join("corpus/official-visits/2024-01.txt"), &next).unwrap();
    for args in [
        vec![
            "diff",
            SEED,
            "corpus/official-visits/2024-01.txt",
            "-o",
            "nowhere/diff.txt",
        ],
        vec![
            "check",
            "corpus/official-visits",
            "--html",
            "nowhere/report.html",
        ],
        vec![
            "check",
            "corpus/official-visits",
            "--output",
            "sarif=nowhere/x.sarif",
        ],
    ] {
        let (code, out, err) = run(p, &args);
        assert_eq!(code, 2, "{args:?}: {out}{err}");
        assert!(err.contains("folder `nowhere` does not exist"), "{err}");
        assert!(!p.join("nowhere").exists(), "{args:?} created the folder");
    }
    let (code, _, err) = run(
        p,
        &[
            "diff",
            SEED,
            "corpus/official-visits/2024-01.txt",
            "-o",
            "diff.txt",
        ],
    );
    assert_eq!(code, 1);
    assert!(err.contains("wrote the text report to diff.txt ("), "{err}");
    let (_, _, err) = run(
        p,
        &["check", "corpus/official-visits", "--html", "report.html"],
    );
    assert!(
        err.contains("wrote the html report to report.html ("),
        "{err}"
    );
}

#[test]
fn color_is_one_option_for_every_command() {
    let dir = repository();
    let p = dir.path();
    let next = seed().replacen("Portugal visit\n", "", 1);
    std::fs::write(p.join("corpus/official-visits/2024-01.txt"), &next).unwrap();
    for args in [
        vec!["diff", SEED, "corpus/official-visits/2024-01.txt"],
        vec!["validate", SEED],
        vec!["check", "corpus/official-visits"],
    ] {
        let (_, always, _) = run(p, &[args.as_slice(), &["--color", "always"]].concat());
        let (_, never, _) = run(p, &[args.as_slice(), &["--color", "never"]].concat());
        assert!(
            always.contains("\u{1b}["),
            "{args:?} --color always has no colour"
        );
        assert!(
            !never.contains('\u{1b}'),
            "{args:?} --color never has colour"
        );
    }
}

/// The action's check step (`scripts/action-check`, which `action.yml` runs) on a repository: exit 1
/// with annotations on a bad drop, the step summary and the SARIF path for the upload step; exit 0
/// with no changed page, and still a valid SARIF to upload.
#[test]
fn the_action_check_step_runs_outside_github() {
    let action = std::fs::read_to_string(common::repo_root().join("action.yml")).unwrap();
    assert!(action.contains("\"$GITHUB_ACTION_PATH/scripts/action-check\""));
    let dir = repository();
    let p = dir.path();
    let step = |summary: &Path, output: &Path| {
        Command::new(common::repo_root().join("scripts/action-check"))
            .current_dir(p)
            .env("PAGEREV", assert_cmd::cargo::cargo_bin("pagerev"))
            .env("BASE", "HEAD")
            .env("REPORTS", p.join("reports"))
            .env("GITHUB_STEP_SUMMARY", summary)
            .env("GITHUB_OUTPUT", output)
            .env("NO_COLOR", "1")
            .output()
            .unwrap()
    };
    let (summary, output) = (p.join("summary"), p.join("output"));
    let clean = step(&summary, &output);
    assert_eq!(clean.status.code(), Some(0), "{clean:?}");
    let outputs = std::fs::read_to_string(&output).unwrap();
    assert!(outputs.contains("status=0"), "{outputs}");
    let sarif = p.join("reports/pagerev.sarif");
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&sarif).unwrap()).unwrap();
    assert_eq!(doc["runs"][0]["results"].as_array().unwrap().len(), 0);

    std::fs::write(
        p.join("corpus/official-visits/2024-01.txt"),
        seed().replacen("Portugal visit\n", "Portugal visit\nPortugal visit\n", 1),
    )
    .unwrap();
    std::fs::remove_file(&output).unwrap();
    let bad = step(&summary, &output);
    assert_eq!(bad.status.code(), Some(1), "{bad:?}");
    let stdout = String::from_utf8_lossy(&bad.stdout);
    assert!(
        stdout.contains("::error file=corpus/official-visits/2024-01.txt"),
        "{stdout}"
    );
    let outputs = std::fs::read_to_string(&output).unwrap();
    assert!(
        outputs.contains(&format!("sarif={}", sarif.display())),
        "{outputs}"
    );
    assert!(outputs.contains("status=1"), "{outputs}");
    let summary = std::fs::read_to_string(&summary).unwrap();
    assert!(summary.contains("PR004"), "{summary}");
    assert!(p.join("reports/junit.xml").is_file());
}

/// `history` of a page kept as one file in git reads its commits, oldest first.
#[test]
fn history_reads_a_page_file_over_its_commits() {
    let dir = repository();
    let p = dir.path();
    let text = seed();
    let start = text.find("Executive Director of Frontex\n").unwrap();
    let end = text.find("Slovenian Minister of Interior\n").unwrap();
    std::fs::write(
        p.join("corpus/visits-copy.txt"),
        format!("{}{}", &text[..start], &text[end..]),
    )
    .unwrap();
    git(p, &["commit", "-q", "-am", "a careless scrape"]);
    let (code, out, err) = run(
        p,
        &["history", "corpus/visits-copy.txt", "--format", "json"],
    );
    assert_eq!(code, 0, "{err}");
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    let revisions = doc["revisions"].as_array().unwrap();
    assert_eq!(revisions.len(), 2, "{doc:#}");
    assert!(revisions[0].as_str().unwrap().ends_with(')'), "{doc:#}");
    let (_, text_out, _) = run(
        p,
        &[
            "history",
            "corpus/visits-copy.txt",
            "--record",
            "2022-04-01-executive-director-of-frontex",
        ],
    );
    assert!(text_out.contains("  vanished"), "{text_out}");
    // Outside a repository, the error says so.
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::write(elsewhere.path().join("page.txt"), seed()).unwrap();
    let (code, _, err) = run(elsewhere.path(), &["history", "page.txt"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("not in a git repository") || err.contains("no commit holds this file"),
        "{err}"
    );
}
