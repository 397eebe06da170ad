//! `pagerev check`, `baseline write`, `accept` and `review` end to end, on page folders in a temporary
//! directory: what a CI job gating a corpus drop sees.

mod common;

use std::path::Path;

const SEED: &str = "corpus/official-visits/2023-12.txt";

fn seed() -> String {
    std::fs::read_to_string(common::repo_root().join(SEED)).unwrap()
}

/// A repository-like folder: `corpus/official-visits/` with the given revisions, and `snapshots/`.
fn workspace(revisions: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("corpus/official-visits");
    std::fs::create_dir_all(&page).unwrap();
    for (name, text) in revisions {
        std::fs::write(page.join(name), text).unwrap();
    }
    dir
}

fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = common::pagerev(dir).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn check_json(dir: &Path) -> (i32, serde_json::Value) {
    let (code, stdout, stderr) = run(
        dir,
        &["check", "corpus/official-visits", "--format", "json"],
    );
    assert!(stderr.is_empty(), "{stderr}");
    let doc = serde_json::from_str(&stdout).unwrap();
    common::assert_valid_check_json(&doc);
    (code, doc)
}

fn codes(doc: &serde_json::Value) -> Vec<String> {
    doc["pages"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_string())
        .collect()
}

/// A later scrape of the seed page with one new entry at the top.
fn with_new_entry(page: &str) -> String {
    page.replacen(
        "Official visits 2018 to 2023\n\n",
        "Official visits 2018 to 2023\n\nMinister of Justice of Portugal\n\n\n12 December 2023 – The Secretary General welcomed the Minister of Justice of Portugal to the General Secretariat.\n\n",
        1,
    )
}

#[test]
fn a_clean_drop_passes_once_the_known_findings_are_baselined() {
    let dir = workspace(&[("2023-12.txt", &seed())]);
    // The seed page has real problems: the first check fails on them.
    let (code, doc) = check_json(dir.path());
    assert_eq!(code, 1);
    assert_eq!(codes(&doc), ["PR003", "PR009", "PR004", "PR004"]);
    let (code, out, _) = run(dir.path(), &["baseline", "write", "corpus/official-visits"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("wrote snapshots/official-visits.baseline.yaml: 4 accepted findings"),
        "{out}"
    );
    // A new revision adding one clean entry: no new finding, nothing stale, no drop rule.
    std::fs::write(
        dir.path().join("corpus/official-visits/2024-01.txt"),
        with_new_entry(&seed()),
    )
    .unwrap();
    let (code, doc) = check_json(dir.path());
    assert_eq!(code, 0, "{doc:#}");
    assert!(codes(&doc).is_empty());
    assert_eq!(doc["pages"][0]["baseline"]["accepted"], 4);
    assert_eq!(doc["pages"][0]["changes"]["summary"]["added"], 1);
    assert_eq!(doc["passed"], true);
}

#[test]
fn a_drop_introducing_a_duplicated_caption_fails_with_exactly_that_finding() {
    let dir = workspace(&[("2023-12.txt", &seed())]);
    run(dir.path(), &["baseline", "write", "corpus/official-visits"]);
    let bad = seed().replacen("Portugal visit\n", "Portugal visit\nPortugal visit\n", 1);
    std::fs::write(dir.path().join("corpus/official-visits/2024-01.txt"), bad).unwrap();
    let (code, doc) = check_json(dir.path());
    assert_eq!(code, 1);
    assert_eq!(codes(&doc), ["PR004"]);
    let f = &doc["pages"][0]["findings"][0];
    assert_eq!(
        f["record_id"],
        "2019-12-17-national-director-of-public-security-for-portugal"
    );
    assert_eq!(f["file"], "corpus/official-visits/2024-01.txt");
}

#[test]
fn fixed_problems_are_reported_as_stale_and_do_not_fail() {
    let dir = workspace(&[("2023-12.txt", &seed())]);
    run(dir.path(), &["baseline", "write", "corpus/official-visits"]);
    // The next scrape has the month-only date fixed.
    let fixed = seed().replacen("December 2023 –", "4 December 2023 –", 1);
    std::fs::write(
        dir.path().join("corpus/official-visits/2024-01.txt"),
        &fixed,
    )
    .unwrap();
    let (code, doc) = check_json(dir.path());
    let stale = doc["pages"][0]["baseline"]["stale"].as_array().unwrap();
    assert_eq!(stale.len(), 1, "{doc:#}");
    assert_eq!(stale[0]["code"], "PR003");
    // The redate itself is a warning (entry-redated): reported, but not failing at the default level.
    assert_eq!(codes(&doc), ["PR016"]);
    assert_eq!(code, 0);
    let (_, human, _) = run(dir.path(), &["check", "corpus/official-visits"]);
    assert!(
        human.contains("1 baseline entry no longer occurs (fixed)"),
        "{human}"
    );
    // Rewriting the baseline drops the stale entry (and accepts the redate).
    run(dir.path(), &["baseline", "write", "corpus/official-visits"]);
    let (code, doc) = check_json(dir.path());
    assert_eq!(code, 0);
    assert!(doc["pages"][0]["baseline"]["stale"]
        .as_array()
        .unwrap()
        .is_empty());
    assert!(codes(&doc).is_empty());
}

#[test]
fn a_drop_that_removes_an_entry_trips_the_drop_rule() {
    let dir = workspace(&[("2023-12.txt", &seed())]);
    run(dir.path(), &["baseline", "write", "corpus/official-visits"]);
    let text = seed();
    let start = text.find("Executive Director of Frontex\n").unwrap();
    let end = text.find("Slovenian Minister of Interior\n").unwrap();
    let dropped = format!("{}{}", &text[..start], &text[end..]);
    std::fs::write(
        dir.path().join("corpus/official-visits/2024-01.txt"),
        dropped,
    )
    .unwrap();
    let (code, doc) = check_json(dir.path());
    assert_eq!(code, 1);
    assert_eq!(codes(&doc), ["PR015"]);
    assert!(doc["pages"][0]["findings"][0]["message"]
        .as_str()
        .unwrap()
        .contains("Executive Director of Frontex"));
}

#[test]
fn accept_then_check_passes_and_new_records_await_review() {
    let dir = workspace(&[("2023-12.txt", &seed())]);
    run(dir.path(), &["baseline", "write", "corpus/official-visits"]);
    let (code, out, _) = run(dir.path(), &["accept", "corpus/official-visits"]);
    assert_eq!(code, 0);
    assert!(out.contains("accepted 51 records"), "{out}");
    let (code, doc) = check_json(dir.path());
    assert_eq!(
        (code, doc["pages"][0]["review"]["status"].as_str()),
        (0, Some("matches"))
    );
    // A new revision with a new entry differs from the reviewed records until it is accepted.
    std::fs::write(
        dir.path().join("corpus/official-visits/2024-01.txt"),
        with_new_entry(&seed()),
    )
    .unwrap();
    let (code, doc) = check_json(dir.path());
    assert_eq!(code, 1);
    assert_eq!(doc["pages"][0]["review"]["status"], "pending");
    assert_eq!(doc["pages"][0]["review"]["summary"]["added"], 1);
    // The pending review is a finding of its own, so every format carries the reason for the exit code.
    assert_eq!(codes(&doc), ["PR022"]);
    let (_, human, _) = run(dir.path(), &["check", "corpus/official-visits"]);
    assert!(
        human.contains("error[PR022]: 1 record differs from the reviewed snapshot (1 added)"),
        "{human}"
    );
    assert!(
        human.contains("added 2023-12-12-minister-of-justice-of-portugal"),
        "{human}"
    );
    run(dir.path(), &["accept", "corpus/official-visits"]);
    assert_eq!(check_json(dir.path()).0, 0);
}

#[test]
fn review_accepts_record_by_record_from_its_input() {
    let dir = workspace(&[("2023-12.txt", &seed())]);
    run(dir.path(), &["accept", "corpus/official-visits"]);
    let next = with_new_entry(&seed()).replacen("Portugal visit\n", "", 1);
    std::fs::write(dir.path().join("corpus/official-visits/2024-01.txt"), next).unwrap();
    // Two pending records: the added entry (accepted) and the removed caption (rejected).
    let out = common::pagerev(dir.path())
        .args(["review", "corpus/official-visits"])
        .write_stdin("a\nr\n")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("2 records of corpus/official-visits/2024-01.txt differ"),
        "{text}"
    );
    assert!(text.contains("1 accepted, 1 rejected, 0 skipped"), "{text}");
    assert_eq!(out.status.code(), Some(1));
    let (_, doc) = check_json(dir.path());
    assert_eq!(
        doc["pages"][0]["review"]["summary"]["modified"], 1,
        "only the rejected change is pending"
    );
    assert_eq!(doc["pages"][0]["review"]["summary"]["added"], 0);
}

fn careless_scrape() -> String {
    std::fs::read_to_string(common::repo_root().join("corpus/official-visits/2024-01.txt")).unwrap()
}

fn review(dir: &Path, answers: &str) -> (i32, String) {
    let out = common::pagerev(dir)
        .args(["review", "corpus/official-visits"])
        .write_stdin(answers)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap() + &String::from_utf8(out.stderr).unwrap(),
    )
}

/// Issue 14, item 1: keeping the removed record used to write `count: 50` over 51 records, a snapshot
/// every later command refused to read.
#[test]
fn reviewing_the_careless_scrape_with_the_removal_rejected_leaves_a_readable_state() {
    let dir = workspace(&[("2023-12.txt", &seed())]);
    run(dir.path(), &["accept", "corpus/official-visits"]);
    std::fs::write(
        dir.path().join("corpus/official-visits/2024-01.txt"),
        careless_scrape(),
    )
    .unwrap();
    let (code, text) = review(dir.path(), "a\na\na\nr\nA\n");
    assert_eq!(code, 1, "a rejected change stays pending: {text}");
    assert!(text.contains("1 rejected"), "{text}");
    let (code, doc) = check_json(dir.path());
    assert_eq!(code, 1);
    assert_eq!(doc["pages"][0]["review"]["status"], "pending", "{doc}");
    // Every later command still reads the reviewed state.
    for args in [
        &["accept", "corpus/official-visits"][..],
        &["check", "corpus/official-visits"][..],
    ] {
        let (code, _, stderr) = run(dir.path(), args);
        assert_ne!(code, 2, "{args:?}: {stderr}");
    }
    assert_eq!(
        check_json(dir.path()).0,
        1,
        "only the baseline is missing now"
    );
}

/// Issue 14, item 2: an answer that is not one is asked again; a closed input writes nothing.
#[test]
fn review_asks_again_on_an_invalid_answer_and_writes_nothing_when_its_input_closes() {
    let dir = workspace(&[("2023-12.txt", &seed())]);
    run(dir.path(), &["accept", "corpus/official-visits"]);
    let snapshot = dir.path().join("snapshots/official-visits.records.yaml");
    let before = std::fs::read_to_string(&snapshot).unwrap();
    std::fs::write(
        dir.path().join("corpus/official-visits/2024-01.txt"),
        careless_scrape(),
    )
    .unwrap();
    let (code, text) = review(dir.path(), "x\nyes\na\n");
    assert_eq!(code, 1);
    assert_eq!(
        text.matches("is not an answer").count(),
        2,
        "both asked again: {text}"
    );
    assert!(
        text.contains("input closed before the review ended: nothing written"),
        "{text}"
    );
    assert_eq!(std::fs::read_to_string(&snapshot).unwrap(), before);
}

/// Issue 14, item 7: the removed record's position was a line of text rebuilt from the snapshot, a file
/// that exists nowhere. It is now the record's line in the snapshot file.
#[test]
fn a_removed_record_awaiting_review_is_positioned_in_the_snapshot_file() {
    let dir = workspace(&[("2023-12.txt", &seed())]);
    run(dir.path(), &["accept", "corpus/official-visits"]);
    std::fs::write(
        dir.path().join("corpus/official-visits/2024-01.txt"),
        careless_scrape(),
    )
    .unwrap();
    let (code, stdout, _) = run(dir.path(), &["check", "corpus/official-visits"]);
    assert_eq!(code, 1);
    let marker = "Executive Director of Frontex  (snapshots/official-visits.records.yaml:";
    let at = stdout.find(marker).unwrap_or_else(|| panic!("{stdout}")) + marker.len();
    let line: usize = stdout[at..].split(')').next().unwrap().parse().unwrap();
    let snapshot =
        std::fs::read_to_string(dir.path().join("snapshots/official-visits.records.yaml")).unwrap();
    assert_eq!(
        snapshot.lines().nth(line - 1),
        Some("- id: 2022-04-01-executive-director-of-frontex")
    );
}

#[test]
fn an_interrupted_accept_leaves_the_old_snapshot_intact() {
    let dir = workspace(&[("2023-12.txt", &seed())]);
    run(dir.path(), &["accept", "corpus/official-visits"]);
    let path = dir.path().join("snapshots/official-visits.records.yaml");
    let before = std::fs::read(&path).unwrap();
    std::fs::write(
        dir.path().join("corpus/official-visits/2024-01.txt"),
        with_new_entry(&seed()),
    )
    .unwrap();
    let out = common::pagerev(dir.path())
        .args(["accept", "corpus/official-visits"])
        .env("PAGEREV_TEST_FAIL_BEFORE_RENAME", "1")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("write interrupted before rename"));
    assert_eq!(std::fs::read(&path).unwrap(), before, "old snapshot intact");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path().join("snapshots"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(leftovers.len(), 1, "no temporary file left: {leftovers:?}");
}

#[test]
fn corrupted_state_files_are_a_clear_error_and_never_overwritten() {
    let dir = workspace(&[("2023-12.txt", &seed())]);
    run(dir.path(), &["baseline", "write", "corpus/official-visits"]);
    run(dir.path(), &["accept", "corpus/official-visits"]);
    for (file, cmd) in [
        ("official-visits.baseline.yaml", "baseline"),
        ("official-visits.records.yaml", "accept"),
    ] {
        let path = dir.path().join("snapshots").join(file);
        let full = std::fs::read_to_string(&path).unwrap();
        let truncated = &full[..full.len() / 3];
        std::fs::write(&path, truncated).unwrap();
        let (code, _, err) = run(dir.path(), &["check", "corpus/official-visits"]);
        assert_eq!(code, 2);
        assert!(
            err.contains(&format!("snapshots/{file}: cannot be read")),
            "{err}"
        );
        assert_eq!(err.lines().count(), 1, "{err}");
        let args: &[&str] = if cmd == "baseline" {
            &["baseline", "write", "corpus/official-visits"]
        } else {
            &["accept", "corpus/official-visits"]
        };
        let (code, _, _) = run(dir.path(), args);
        assert_eq!(code, 2);
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            truncated,
            "not overwritten"
        );
        let forced: Vec<&str> = args.iter().copied().chain(["--force"]).collect();
        assert_eq!(run(dir.path(), &forced).0, 0);
    }
}

#[test]
fn revisions_kept_in_git() {
    let dir = tempfile::tempdir().unwrap();
    let git = |args: &[&str]| {
        // An identity for the commits, whatever the machine's git configuration.
        let ok = std::process::Command::new("git")
            .args(["-c", "user.name=t", "-c", "user.email=t@t"])
            .args(args)
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(
            ok.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&ok.stderr)
        );
    };
    git(&["init", "-q"]);
    git(&["commit", "-q", "--allow-empty", "-m", "start"]);
    std::fs::create_dir_all(dir.path().join("corpus")).unwrap();
    std::fs::write(dir.path().join("corpus/official-visits.txt"), seed()).unwrap();
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "page"]);
    let text = seed();
    let start = text.find("Executive Director of Frontex\n").unwrap();
    let end = text.find("Slovenian Minister of Interior\n").unwrap();
    std::fs::write(
        dir.path().join("corpus/official-visits.txt"),
        format!("{}{}", &text[..start], &text[end..]),
    )
    .unwrap();
    // diff against the committed version
    let (code, out, err) = run(
        dir.path(),
        &[
            "diff",
            "HEAD:corpus/official-visits.txt",
            "corpus/official-visits.txt",
            "--stat",
        ],
    );
    assert_eq!(code, 1, "{err}");
    assert!(out.contains("1 removed"), "{out}");
    // check every page changed since HEAD
    let (code, out, _) = run(
        dir.path(),
        &["check", "--base", "HEAD", "--select", "entry-removed"],
    );
    assert_eq!(code, 1);
    assert!(out.contains("page official-visits: corpus/official-visits.txt (previous revision HEAD:corpus/official-visits.txt)"), "{out}");
    assert!(out.contains("error[PR015]"), "{out}");
    // a missing revision or path is a clear error
    let (code, _, err) = run(
        dir.path(),
        &[
            "diff",
            "nosuchrev:corpus/official-visits.txt",
            "corpus/official-visits.txt",
        ],
    );
    assert_eq!(code, 2);
    assert!(err.contains("nosuchrev: not a git revision"), "{err}");
    let (code, _, err) = run(dir.path(), &["parse", "HEAD:corpus/missing.txt"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("HEAD:corpus/missing.txt: no such file in git revision"),
        "{err}"
    );
}

#[test]
fn check_writes_an_html_report_of_the_changes_and_findings() {
    let dir = workspace(&[("2023-12.txt", &seed())]);
    std::fs::write(
        dir.path().join("corpus/official-visits/2024-01.txt"),
        with_new_entry(&seed()).replacen("Portugal visit\n", "Portugal visit\nPortugal visit\n", 1),
    )
    .unwrap();
    let (code, _, err) = run(
        dir.path(),
        &["check", "corpus/official-visits", "--html", "report.html"],
    );
    assert_eq!(code, 1, "{err}");
    let html = std::fs::read_to_string(dir.path().join("report.html")).unwrap();
    assert!(
        html.contains("id=\"rec-2023-12-12-minister-of-justice-of-portugal\""),
        "the added record has its card"
    );
    assert!(html.contains("PR004"), "the new finding is in the report");
    assert!(!html.contains("src=\"http"), "self-contained");
}

/// The seed without the `Executive Director of Frontex` entry.
fn without_frontex(text: &str) -> String {
    let start = text.find("Executive Director of Frontex\n").unwrap();
    let end = text.find("Slovenian Minister of Interior\n").unwrap();
    format!("{}{}", &text[..start], &text[end..])
}

/// Issue 14, item 3: the advice for a stale baseline entry used to be `baseline write`, which also
/// accepted the drop's new errors. `baseline prune` drops the stale entry and nothing else.
#[test]
fn pruning_the_baseline_drops_what_was_fixed_and_keeps_new_errors_failing() {
    let dir = workspace(&[("2023-12.txt", &seed())]);
    run(dir.path(), &["baseline", "write", "corpus/official-visits"]);
    // The next scrape fixes the month-only date (a stale entry) and loses an entry (a new error).
    let next = without_frontex(&seed()).replacen("December 2023 –", "4 December 2023 –", 1);
    std::fs::write(dir.path().join("corpus/official-visits/2024-01.txt"), next).unwrap();
    let (code, human, _) = run(dir.path(), &["check", "corpus/official-visits"]);
    assert_eq!(code, 1, "{human}");
    assert!(
        human.contains("pagerev baseline prune corpus/official-visits"),
        "{human}"
    );
    assert!(
        !human.contains("drop it with `pagerev baseline write"),
        "{human}"
    );

    let (code, out, err) = run(dir.path(), &["baseline", "prune", "corpus/official-visits"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("dropped 1 entry that no longer occurs (3 left)"),
        "{out}"
    );
    assert!(out.contains("  dropped: PR003 "), "{out}");
    let (code, doc) = check_json(dir.path());
    assert_eq!(code, 1, "pruning accepts nothing: {doc:#}");
    assert_eq!(codes(&doc), ["PR016", "PR015"]);
    assert!(doc["pages"][0]["baseline"]["stale"]
        .as_array()
        .unwrap()
        .is_empty());
    // Pruning again has nothing to do and says so.
    let (_, out, _) = run(dir.path(), &["baseline", "prune", "corpus/official-visits"]);
    assert!(out.contains("nothing to prune"), "{out}");

    // `baseline write` accepts the new findings, and lists each one it newly accepts.
    let (code, out, _) = run(dir.path(), &["baseline", "write", "corpus/official-visits"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("5 accepted findings (2 newly accepted, 0 no longer occurring dropped)"),
        "{out}"
    );
    assert!(
        out.contains("  newly accepted: PR015 2022-04-01-executive-director-of-frontex"),
        "{out}"
    );
    assert!(out.contains("  newly accepted: PR016 "), "{out}");
    assert_eq!(check_json(dir.path()).0, 0);
}

/// Issue 14, item 6: each drop finding's help names the command that resolves it, and that command does.
#[test]
fn the_help_of_a_drop_finding_names_the_command_that_clears_it() {
    let dir = workspace(&[("2023-12.txt", &seed())]);
    run(dir.path(), &["baseline", "write", "corpus/official-visits"]);
    run(dir.path(), &["accept", "corpus/official-visits"]);
    std::fs::write(
        dir.path().join("corpus/official-visits/2024-01.txt"),
        without_frontex(&seed()),
    )
    .unwrap();
    let (code, doc) = check_json(dir.path());
    assert_eq!(code, 1);
    let mut found = codes(&doc);
    found.sort();
    assert_eq!(found, ["PR015", "PR022"]);
    // Run what each help says (its last command: the one that needs no answers), and the gate is green.
    for f in doc["pages"][0]["findings"].as_array().unwrap() {
        let help = f["help"].as_str().unwrap();
        let command = help
            .split('`')
            .rfind(|part| part.starts_with("pagerev "))
            .unwrap_or_else(|| panic!("{} names no command: {help}", f["code"]));
        let args: Vec<&str> = command.split_whitespace().skip(1).collect();
        let (code, out, err) = run(dir.path(), &args);
        assert_eq!(code, 0, "{command}: {out}{err}");
    }
    let (code, doc) = check_json(dir.path());
    assert_eq!(code, 0, "{doc:#}");
}

/// Issue 14, item 5: a failure caused only by a pending review is carried by every report format.
#[test]
fn a_pending_review_is_in_every_report_format() {
    let dir = workspace(&[("2023-12.txt", &seed())]);
    run(dir.path(), &["baseline", "write", "corpus/official-visits"]);
    run(dir.path(), &["accept", "corpus/official-visits"]);
    std::fs::write(
        dir.path().join("corpus/official-visits/2024-01.txt"),
        with_new_entry(&seed()),
    )
    .unwrap();
    for format in [
        "human", "json", "jsonl", "github", "markdown", "sarif", "junit",
    ] {
        let (code, out, err) = run(
            dir.path(),
            &["check", "corpus/official-visits", "--format", format],
        );
        assert_eq!(code, 1, "{format}: {out}{err}");
        let both = format!("{out}{err}");
        assert!(
            both.contains("PR022"),
            "{format} does not say why it failed:\n{both}"
        );
    }
    let (_, junit, _) = run(
        dir.path(),
        &["check", "corpus/official-visits", "--format", "junit"],
    );
    assert!(junit.contains("failures=\"1\""), "{junit}");
    let (_, sarif, _) = run(
        dir.path(),
        &["check", "corpus/official-visits", "--format", "sarif"],
    );
    let sarif: serde_json::Value = serde_json::from_str(&sarif).unwrap();
    assert_eq!(sarif["runs"][0]["results"].as_array().unwrap().len(), 1);
}

const ACCESS_DENIED: &str = "Access denied\n\nPlease enable JavaScript and cookies to continue.\n";

/// Issue 14, item 8: a page without dated entries used to pass ("0 records checked"), and as a new
/// revision it flooded one PR015 per entry.
#[test]
fn a_failed_scrape_is_one_error_alone_and_one_event_as_a_new_revision() {
    let dir = workspace(&[("2023-12.txt", ACCESS_DENIED)]);
    let (code, doc) = check_json(dir.path());
    assert_eq!(code, 1, "{doc:#}");
    assert_eq!(codes(&doc), ["PR021"]);

    let dir = workspace(&[("2023-12.txt", &seed())]);
    run(dir.path(), &["baseline", "write", "corpus/official-visits"]);
    std::fs::write(
        dir.path().join("corpus/official-visits/2024-01.txt"),
        ACCESS_DENIED,
    )
    .unwrap();
    let (code, doc) = check_json(dir.path());
    assert_eq!(code, 1);
    let mut found = codes(&doc);
    found.sort();
    assert_eq!(found, ["PR019", "PR021"], "{doc:#}");
    let (_, human, _) = run(dir.path(), &["check", "corpus/official-visits"]);
    assert!(
        human.contains("error[PR021]: no dated entries (no entries)"),
        "{human}"
    );
    assert!(
        human.contains("error[PR019]: 0 entries, 51 fewer"),
        "{human}"
    );
}

/// Non-interactive review: `review --dry-run` lists and writes nothing; `accept --record ID` accepts
/// that record only.
#[test]
fn records_can_be_reviewed_without_a_terminal() {
    let dir = workspace(&[("2023-12.txt", &seed())]);
    run(dir.path(), &["accept", "corpus/official-visits"]);
    std::fs::write(
        dir.path().join("corpus/official-visits/2024-01.txt"),
        careless_scrape(),
    )
    .unwrap();
    let snapshot = dir.path().join("snapshots/official-visits.records.yaml");
    let before = std::fs::read(&snapshot).unwrap();
    let (code, out, _) = run(
        dir.path(),
        &["review", "corpus/official-visits", "--dry-run"],
    );
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("7 records of corpus/official-visits/2024-01.txt differ"),
        "{out}"
    );
    assert!(out.contains("[7/7]"), "{out}");
    assert!(
        out.contains("retitled 2023-11-13-albanian-minister-of-interior"),
        "{out}"
    );
    assert!(!out.contains("accept (a)"), "a dry run asks nothing: {out}");
    assert_eq!(
        std::fs::read(&snapshot).unwrap(),
        before,
        "a dry run writes nothing"
    );

    let (code, _, err) = run(
        dir.path(),
        &["accept", "corpus/official-visits", "--record", "no-such-id"],
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("`no-such-id` is not a record awaiting review"),
        "{err}"
    );
    assert_eq!(std::fs::read(&snapshot).unwrap(), before);

    // By its new id or its previous one.
    let (code, out, _) = run(
        dir.path(),
        &[
            "accept",
            "corpus/official-visits",
            "--record",
            "2023-11-13-albanian-minister-of-interior",
            "--record",
            "2023-12-commissioner-of-the-rcmp-canada",
        ],
    );
    assert_eq!(code, 1, "others still await review: {out}");
    assert!(out.contains("2 accepted, 5 rejected, 0 skipped"), "{out}");
    let (_, doc) = check_json(dir.path());
    let summary = &doc["pages"][0]["review"]["summary"];
    assert_eq!(summary["retitled"], 0, "{doc:#}");
    assert_eq!(summary["redated"], 0, "{doc:#}");
    assert_eq!(summary["removed"], 1, "{doc:#}");
}
