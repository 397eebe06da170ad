//! One fixture pair per rule: `tests/fixtures/rules/<name>/bad.txt` must trigger the rule (its report is
//! snapshotted as `rule@<name>.snap`) and `good.txt` must not. A rule without fixtures fails the test.
//! Drop rules compare two revisions: their folder also holds `old.txt`, the previous revision of both,
//! and they run through `pagerev check --previous old.txt`. `review-pending` compares a revision with the
//! page's reviewed state: its `old.txt` is accepted first, in a page folder of a temporary directory.

mod common;

use pagerev::rules::{self, Kind};

/// One test per rule, so that one rule's failure does not hide another's.
macro_rules! fixture_tests {
    ($($test:ident => $name:literal),* $(,)?) => {
        $(
            #[test]
            fn $test() {
                check_fixtures($name);
            }
        )*
        /// The rules given a test above.
        const LISTED: &[&str] = &[$($name),*];
    };
}

fixture_tests! {
    date_order => "date-order",
    missing_date => "missing-date",
    imprecise_date => "imprecise-date",
    duplicated_caption => "duplicated-caption",
    shared_caption => "shared-caption",
    caption_repeats_title => "caption-repeats-title",
    caption_repeats_lead => "caption-repeats-lead",
    inconsistent_member_count => "inconsistent-member-count",
    missing_title => "missing-title",
    date_outside_title_range => "date-outside-title-range",
    duplicate_record => "duplicate-record",
    invalid_date => "invalid-date",
    empty_record => "empty-record",
    future_date => "future-date",
    entry_removed => "entry-removed",
    entry_redated => "entry-redated",
    entry_retitled => "entry-retitled",
    member_count_decreased => "member-count-decreased",
    entries_dropped => "entries-dropped",
    revision_older => "revision-older",
    no_entries => "no-entries",
    review_pending => "review-pending",
}

/// A rule added to the registry without a line above fails here, not silently untested.
#[test]
fn every_rule_has_a_fixture_test() {
    for rule in rules::active() {
        assert!(
            LISTED.contains(&rule.name),
            "{} ({}) has no fixture test: add `{} => \"{}\"` to fixture_tests! in tests/rules_fixtures.rs",
            rule.code,
            rule.name,
            rule.name.replace('-', "_"),
            rule.name
        );
    }
    assert_eq!(
        LISTED.len(),
        rules::active().count(),
        "a listed rule is not in the registry"
    );
}

/// `tests/fixtures/rules/<name>/bad.txt` triggers the rule (its report snapshotted), `good.txt` does not.
fn check_fixtures(name: &str) {
    let root = common::root();
    {
        let rule = rules::active()
            .find(|r| r.name == name)
            .unwrap_or_else(|| panic!("no rule named {name}"));
        let dir = format!("tests/fixtures/rules/{}", rule.name);
        for kind in ["bad", "good"] {
            let path = root.join(&dir).join(format!("{kind}.txt"));
            assert!(
                path.is_file(),
                "{} lacks the fixture {}",
                rule.name,
                path.display()
            );
        }
        let state = tempfile::tempdir().expect("temporary folder");
        let run = |revision: &str| {
            let mut cmd = common::pagerev(&root);
            if rule.kind == Kind::Review {
                // review-pending: old.txt is accepted as the page's reviewed state, the revision checked.
                let page = state.path().join("page");
                std::fs::create_dir_all(&page).expect("page folder");
                for f in ["1.txt", "2.txt"] {
                    let _ = std::fs::remove_file(page.join(f));
                }
                std::fs::copy(root.join(&dir).join("old.txt"), page.join("1.txt")).expect("copy");
                // Run in the temporary folder with relative paths, so the snapshot names no machine path.
                let accepted = common::pagerev(&root)
                    .current_dir(state.path())
                    .args(["accept", "page", "--snapshots", "snapshots"])
                    .output()
                    .expect("run pagerev accept");
                assert!(accepted.status.success(), "{accepted:?}");
                std::fs::copy(root.join(&dir).join(revision), page.join("2.txt")).expect("copy");
                cmd.current_dir(state.path())
                    .args(["check", "page", "--snapshots", "snapshots"]);
            } else if rule.kind.is_drop() {
                cmd.args([
                    "check",
                    "--previous",
                    &format!("{dir}/old.txt"),
                    "--snapshots",
                ])
                .arg(state.path())
                .arg(format!("{dir}/{revision}"));
            } else {
                cmd.arg("validate").arg(format!("{dir}/{revision}"));
            }
            cmd.args(["--select", rule.name, "--fail-on", "info"])
                .output()
                .expect("run pagerev")
        };
        let bad = run("bad.txt");
        let stdout = String::from_utf8_lossy(&bad.stdout).into_owned();
        assert_eq!(
            bad.status.code(),
            Some(1),
            "{}: bad.txt must fail\n{stdout}",
            rule.name
        );
        assert!(stdout.contains(&format!("[{}]", rule.code)), "{stdout}");
        common::settings().bind(|| {
            insta::assert_snapshot!(format!("rule@{}", rule.name), stdout);
        });

        let good = run("good.txt");
        assert_eq!(
            good.status.code(),
            Some(0),
            "{}: good.txt must pass\n{}",
            rule.name,
            String::from_utf8_lossy(&good.stdout)
        );
    }
}
