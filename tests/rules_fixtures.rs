//! One fixture pair per rule: `tests/fixtures/rules/<name>/bad.txt` must trigger the rule (its report is
//! snapshotted as `rule@<name>.snap`) and `good.txt` must not. A rule without fixtures fails the test.

mod common;

use pagerev::rules::RULES;

#[test]
fn every_rule_has_fixtures_that_trigger_it_and_that_do_not() {
    let root = common::root();
    for rule in RULES {
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
        let bad = common::pagerev(&root)
            .args(["validate", "--select", rule.name, "--fail-on", "info"])
            .arg(format!("{dir}/bad.txt"))
            .output()
            .expect("run pagerev");
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

        let good = common::pagerev(&root)
            .args(["validate", "--select", rule.name, "--fail-on", "info"])
            .arg(format!("{dir}/good.txt"))
            .output()
            .expect("run pagerev");
        assert_eq!(
            good.status.code(),
            Some(0),
            "{}: good.txt must pass\n{}",
            rule.name,
            String::from_utf8_lossy(&good.stdout)
        );
    }
}
