//! Every bad-configuration case end to end: exit status 2 and each problem at `file:line:column` on
//! stderr, before any page is read.

mod common;

use predicates::str::contains;

const SEED: &str = "corpus/official-visits/2023-12.txt";

/// Runs `validate --config bad.yaml` with `yaml` as the file, from a temporary folder.
fn with_config(yaml: &[u8]) -> assert_cmd::assert::Assert {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("bad.yaml"), yaml).expect("write");
    let seed = common::root().join(SEED);
    common::pagerev(dir.path())
        .args(["validate", "--config", "bad.yaml"])
        .arg(seed)
        .assert()
        .code(2)
        .stdout("")
}

#[test]
fn empty_file() {
    with_config(b"").stderr(contains(
        "pagerev: error: bad.yaml:1:1: empty configuration; expected a mapping with a `rules:` list",
    ));
}

#[test]
fn not_yaml() {
    with_config(b"rules: [\n  - code: PR001\n")
        .stderr(contains("pagerev: error: bad.yaml:2:3: not valid YAML"));
    with_config(b"just some words\n").stderr(contains(
        "bad.yaml:1:1: expected a mapping with a `rules:` list, found a string",
    ));
    with_config(b"rules:\n  - code: PR001\n\xff\xfe\n")
        .stderr(contains("bad.yaml:3:1: not UTF-8 text"));
}

#[test]
fn unknown_keys() {
    with_config(b"rules:\n  - code: PR001\n    enabeld: false\n")
        .stderr(contains("bad.yaml:3:5: unknown key `enabeld`"));
    with_config(b"rulez: []\n").stderr(contains(
        "bad.yaml:1:1: unknown key `rulez`; expected `rules`",
    ));
    with_config(
        b"rules:\n  - code: PR001\n    params:\n      order: newest-first\n      sort: up\n",
    )
    .stderr(contains(
        "bad.yaml:5:7: `params` of PR001 (date-order): unknown parameter `sort`",
    ));
}

#[test]
fn unknown_code() {
    with_config(b"rules:\n  - code: PR999\n").stderr(contains(
        "bad.yaml:2:11: unknown rule code `PR999`; `pagerev rules` lists them",
    ));
}

#[test]
fn wrong_types() {
    with_config(b"rules:\n  - code: PR001\n    enabled: maybe\n").stderr(contains(
        "bad.yaml:3:14: `enabled`: invalid type: string \"maybe\", expected a boolean",
    ));
    with_config(b"rules:\n  - code: PR003\n    severity: fatal\n").stderr(contains(
        "bad.yaml:3:15: `severity`: unknown variant `fatal`",
    ));
    with_config(b"rules:\n  - code: PR008\n    params:\n      timeline:\n        - since: 2018-11-20\n          count: many\n")
        .stderr(contains("bad.yaml:6:18: `params` of PR008 (inconsistent-member-count): invalid type: string \"many\""));
    with_config(b"rules: 3\n").stderr(contains(
        "bad.yaml:1:8: `rules` must be a list of rule entries, found a number",
    ));
}

#[test]
fn bad_regex() {
    with_config(b"rules:\n  - code: shared-caption\n    params:\n      allow:\n        - '^Portugal'\n        - '(unclosed'\n")
        .stderr(contains(
            "bad.yaml:6:11: `params` of PR005 (shared-caption): invalid regular expression `(unclosed`: unclosed group",
        ));
}

#[test]
fn every_problem_is_listed_at_once() {
    let assert = with_config(
        b"rules:\n  - code: PR999\n  - code: PR001\n    enabled: maybe\n  - code: PR005\n    params:\n      allow: ['(']\nextra: 1\n",
    );
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 5, "{stderr}");
    assert!(lines[0].starts_with("pagerev: error: bad.yaml:2:11: "));
    assert!(lines[1].starts_with("pagerev: error: bad.yaml:4:14: "));
    assert!(lines[2].starts_with("pagerev: error: bad.yaml:7:15: "));
    assert!(lines[3].starts_with("pagerev: error: bad.yaml:8:1: "));
    assert_eq!(
        lines[4],
        "pagerev: error: invalid rule configuration (4 problems)"
    );
}

#[test]
fn a_config_folder_and_a_good_override_work() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(dir.path().join("rules")).expect("mkdir");
    std::fs::write(
        dir.path().join("rules/local.yaml"),
        "rules:\n  - code: imprecise-date\n    severity: error\n",
    )
    .expect("write");
    common::pagerev(dir.path())
        .args(["validate", "--config", "rules", "--select", "PR003"])
        .arg(common::root().join(SEED))
        .assert()
        .code(1)
        .stdout(contains("error[PR003]"));
}

#[test]
fn bad_command_line_overrides_and_missing_config() {
    let root = common::root();
    common::pagerev(&root)
        .args(["validate", SEED, "--select", "PR999"])
        .assert()
        .code(2)
        .stderr(contains("--select PR999: no rule has this code or name"));
    common::pagerev(&root)
        .args(["validate", SEED, "--severity", "PR001"])
        .assert()
        .code(2)
        .stderr(contains("--severity PR001: expected CODE=LEVEL"));
    common::pagerev(&root)
        .args(["validate", SEED, "--config", "no/such.yaml"])
        .assert()
        .code(2)
        .stderr(contains("no/such.yaml: no such file"));
}

#[test]
fn rules_and_explain() {
    let root = common::root();
    common::pagerev(&root)
        .arg("rules")
        .assert()
        .code(0)
        .stdout(contains("PR004  duplicated-caption"))
        .stdout(contains("off (info)"));
    common::pagerev(&root)
        .args(["explain", "duplicated-caption"])
        .assert()
        .code(0)
        .stdout(contains("# duplicated-caption (PR004)"))
        .stdout(contains("## Why is this bad?"));
    common::pagerev(&root)
        .args(["explain", "PR999"])
        .assert()
        .code(2)
        .stderr(contains("no rule has the code or name `PR999`"));
}

#[test]
fn regex_over_the_size_limit() {
    // Compiles to far more than the regex crate's size limit: rejected at load time, at its position.
    with_config(b"rules:\n  - code: shared-caption\n    params:\n      allow:\n        - '(?:\\w{1000}){1000}'\n")
        .stderr(contains("bad.yaml:5:11: `params` of PR005 (shared-caption): invalid regular expression"))
        .stderr(contains("size limit"));
}
