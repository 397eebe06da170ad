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

/// Issue 15, item 3: configuration problems are diagnostics every reporter renders, so a CI reading
/// SARIF, annotations or JUnit sees a broken rules file where it is broken. The run still exits 2, and
/// standard error still lists each problem on one line (the command line's without a place).
#[test]
fn configuration_problems_are_findings_of_every_report() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("bad.yaml"),
        "rules:\n  - code: PR999\n  - code: PR001\n    enabled: maybe\n",
    )
    .expect("write");
    let seed = common::root().join(SEED);
    let run = |format: &str| {
        let out = common::pagerev(dir.path())
            .args([
                "validate", "--config", "bad.yaml", "--select", "PR777", "--format", format,
            ])
            .arg(&seed)
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(2), "{format}");
        let stderr = String::from_utf8(out.stderr).expect("UTF-8");
        assert_eq!(
            stderr.lines().collect::<Vec<_>>(),
            [
                "pagerev: error: bad.yaml:2:11: unknown rule code `PR999`; `pagerev rules` lists them",
                "pagerev: error: bad.yaml:4:14: `enabled`: invalid type: string \"maybe\", expected a boolean",
                "pagerev: error: --select PR777: no rule has this code or name; `pagerev rules` lists them",
                "pagerev: error: invalid rule configuration (3 problems)",
            ],
            "{format}"
        );
        String::from_utf8(out.stdout).expect("UTF-8")
    };
    // The human report's reader is the one reading standard error: nothing is repeated on stdout.
    assert_eq!(run("human"), "");
    let github = run("github");
    assert!(github.contains("::error file=bad.yaml,line=2,col=11,endLine=2,endColumn=15,title=config invalid-configuration::unknown rule code `PR999`"), "{github}");
    assert!(
        github.contains("::error title=config invalid-configuration::--select PR777"),
        "{github}"
    );
    let sarif: serde_json::Value = serde_json::from_str(&run("sarif")).expect("SARIF is JSON");
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(common::root().join("tests/schemas/sarif-schema-2.1.0.json"))
            .unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    assert!(validator.is_valid(&sarif), "{sarif:#}");
    let results = sarif["runs"][0]["results"].as_array().expect("results");
    assert_eq!(results.len(), 3);
    let place = &results[1]["locations"][0]["physicalLocation"];
    assert_eq!(place["artifactLocation"]["uri"], "bad.yaml");
    assert_eq!(
        (
            place["region"]["startLine"].as_u64(),
            place["region"]["startColumn"].as_u64()
        ),
        (Some(4), Some(14))
    );
    assert_eq!(results[1]["ruleId"], "config");
    assert!(
        results[2].get("locations").is_none(),
        "the command line is no file"
    );
    let jsonl = run("jsonl");
    assert_eq!(jsonl.lines().count(), 3);
    assert!(
        jsonl.lines().all(|l| l.contains("\"code\":\"config\"")),
        "{jsonl}"
    );
    let json: serde_json::Value = serde_json::from_str(&run("json")).expect("JSON");
    assert_eq!(json["findings"][0]["file"], "bad.yaml");
    assert_eq!(json["findings"][0]["location"]["start"]["line"], 2);
    let junit = run("junit");
    assert!(junit.contains("bad.yaml:4:14: error[config]"), "{junit}");
    let markdown = run("markdown");
    assert!(
        markdown.contains("| bad.yaml:2 | config invalid-configuration | error |"),
        "{markdown}"
    );
    assert!(
        markdown.contains("| command line | config invalid-configuration |"),
        "{markdown}"
    );
}

/// `check` reports them too: `--format json` as the document's `configuration` (valid against its
/// schema), and every `--output` file gets them.
#[test]
fn a_broken_page_configuration_stops_check_with_a_report_of_every_problem() {
    let dir = tempfile::tempdir().expect("tempdir");
    let page = dir.path().join("corpus/official-visits");
    std::fs::create_dir_all(&page).unwrap();
    let seed = std::fs::read_to_string(common::root().join(SEED)).unwrap();
    std::fs::write(page.join("2023-12.txt"), &seed).unwrap();
    // Its rules section and its profile are both wrong: both are listed, at once.
    std::fs::write(
        page.join("page.yaml"),
        "rules:\n  - code: PR001\n    enabled: maybe\nprofile:\n  lang: xx\n",
    )
    .unwrap();
    let out = common::pagerev(dir.path())
        .args([
            "check",
            "corpus/official-visits",
            "--format",
            "json",
            "--severity",
            "nope",
        ])
        .args(["--output", "sarif=report.sarif"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("pagerev: error: corpus/official-visits/page.yaml:3:14: `enabled`"),
        "{stderr}"
    );
    assert!(stderr.contains("pagerev: error: corpus/official-visits/page.yaml:5:9: profile.lang: unknown variant `xx`"), "{stderr}");
    assert!(
        stderr.contains("pagerev: error: --severity nope: expected CODE=LEVEL"),
        "{stderr}"
    );
    assert!(
        stderr.contains("invalid configuration (3 problems)"),
        "{stderr}"
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    common::assert_valid_check_json(&doc);
    assert_eq!(doc["passed"], false);
    assert_eq!(doc["pages"].as_array().map(Vec::len), Some(0));
    let problems = doc["configuration"].as_array().expect("configuration");
    assert_eq!(problems.len(), 3);
    assert_eq!(problems[1]["location"]["start"]["line"], 5);
    let sarif = std::fs::read_to_string(dir.path().join("report.sarif")).expect("written");
    assert!(
        sarif.contains("\"uri\": \"corpus/official-visits/page.yaml\""),
        "{sarif}"
    );
}

/// Every bad command-line override is listed, not only the first.
#[test]
fn bad_overrides_are_listed_at_once() {
    let root = common::root();
    common::pagerev(&root)
        .args(["validate", SEED, "--select", "PR999,PR001", "--ignore", "nope"])
        .args(["--severity", "PR001", "--severity", "PR002=fatal"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            "pagerev: error: --select PR999: no rule has this code or name; `pagerev rules` lists them\n\
             pagerev: error: --ignore nope: no rule has this code or name; `pagerev rules` lists them\n\
             pagerev: error: --severity PR001: expected CODE=LEVEL with LEVEL one of error, warning, info\n\
             pagerev: error: --severity PR002=fatal: expected CODE=LEVEL with LEVEL one of error, warning, info\n\
             pagerev: error: invalid rule configuration (4 problems)\n",
        );
}
