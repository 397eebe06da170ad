//! Configuration discovery (`pagerev.yaml`, a page's `page.yaml` `rules:`), `pagerev config`,
//! `pagerev init`, completions and the man page, run as a user would.

mod common;

use std::path::Path;

const SEED: &str = "corpus/official-visits/2023-12.txt";

fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = common::pagerev(dir).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// A repository with the seed page (and its `page.yaml`), a `.git` folder, and a working folder below.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("corpus/official-visits");
    std::fs::create_dir_all(&page).unwrap();
    std::fs::create_dir_all(dir.path().join(".git")).unwrap();
    std::fs::create_dir_all(dir.path().join("work/deeper")).unwrap();
    let root = common::repo_root();
    std::fs::copy(root.join(SEED), page.join("2023-12.txt")).unwrap();
    std::fs::copy(
        root.join("corpus/official-visits/page.yaml"),
        page.join("page.yaml"),
    )
    .unwrap();
    dir
}

fn codes(stdout: &str) -> Vec<String> {
    let doc: serde_json::Value = serde_json::from_str(stdout).unwrap();
    doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn pagerev_yaml_is_found_from_below_up_to_the_repository_root() {
    let dir = repository();
    let p = dir.path();
    let (_, out, _) = run(p, &["validate", SEED, "--format", "json"]);
    assert_eq!(codes(&out), ["PR003", "PR009", "PR004", "PR004"]);
    // The project turns the imprecise-date warning off: every command in the repository follows.
    std::fs::write(
        p.join("pagerev.yaml"),
        "rules:\n  - code: imprecise-date\n    enabled: false\n",
    )
    .unwrap();
    let (_, out, _) = run(p, &["validate", SEED, "--format", "json"]);
    assert_eq!(codes(&out), ["PR009", "PR004", "PR004"]);
    let seed_below = format!("../../{SEED}");
    let (_, out, _) = run(
        &p.join("work/deeper"),
        &["validate", &seed_below, "--format", "json"],
    );
    assert_eq!(
        codes(&out),
        ["PR009", "PR004", "PR004"],
        "found from a folder below"
    );
    // --isolated ignores it.
    let (_, out, _) = run(p, &["validate", SEED, "--format", "json", "--isolated"]);
    assert_eq!(codes(&out), ["PR003", "PR009", "PR004", "PR004"]);
    // Not above the repository root: a `pagerev.yaml` outside it is someone else's.
    let inner = p.join("work/inner-repo");
    std::fs::create_dir_all(inner.join(".git")).unwrap();
    let seed_from_inner = format!("../../{SEED}");
    let (_, out, _) = run(&inner, &["validate", &seed_from_inner, "--format", "json"]);
    assert_eq!(codes(&out), ["PR003", "PR009", "PR004", "PR004"]);
    // A broken pagerev.yaml is an error that names it.
    std::fs::write(p.join("pagerev.yaml"), "rules:\n  - code: no-such-rule\n").unwrap();
    let (code, _, err) = run(p, &["validate", SEED]);
    assert_eq!(code, 2);
    assert!(err.contains("pagerev.yaml:2:"), "{err}");
}

#[test]
fn a_page_yaml_sets_that_pages_rules_only() {
    let dir = repository();
    let p = dir.path();
    // The membership timeline is the page's: with it a wrong count is found, without it (the same
    // text elsewhere) only the counts' agreement with each other is checked.
    let text = std::fs::read_to_string(p.join(SEED)).unwrap().replacen(
        "195 member countries",
        "196 member countries",
        1,
    );
    std::fs::write(p.join("corpus/official-visits/2024-01.txt"), &text).unwrap();
    std::fs::write(p.join("elsewhere.txt"), &text).unwrap();
    let (_, out, _) = run(
        p,
        &[
            "validate",
            "corpus/official-visits/2024-01.txt",
            "--format",
            "json",
            "--select",
            "PR008",
        ],
    );
    let with = codes(&out);
    assert!(with.contains(&"PR008".to_string()), "{out}");
    let (_, out, _) = run(
        p,
        &[
            "validate",
            "elsewhere.txt",
            "--format",
            "json",
            "--select",
            "PR008",
        ],
    );
    assert!(codes(&out).len() < with.len(), "{out}");
    // A page.yaml rule entry is checked like any configuration, at its position.
    std::fs::write(
        p.join("corpus/official-visits/page.yaml"),
        "rules:\n  - code: PR008\n    params:\n      timeline: 7\n",
    )
    .unwrap();
    let (code, _, err) = run(p, &["validate", "corpus/official-visits/2024-01.txt"]);
    assert_eq!(code, 2);
    assert!(err.contains("corpus/official-visits/page.yaml:"), "{err}");
}

#[test]
fn config_shows_every_rule_and_where_its_settings_came_from() {
    let dir = repository();
    let p = dir.path();
    std::fs::write(
        p.join("pagerev.yaml"),
        "rules:\n  - code: PR003\n    severity: info\n",
    )
    .unwrap();
    let (code, out, err) = run(
        p,
        &[
            "config",
            "corpus/official-visits",
            "--severity",
            "PR004=warning",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("#   2. pagerev.yaml"), "{out}");
    assert!(
        out.contains("#   3. corpus/official-visits/page.yaml"),
        "{out}"
    );
    assert!(
        out.contains(
            "PR003 imprecise-date: on (from rules/default.yaml), info (from pagerev.yaml)"
        ),
        "{out}"
    );
    assert!(
        out.contains(
            "PR004 duplicated-caption: on (from rules/default.yaml), warning (from --severity)"
        ),
        "{out}"
    );
    assert!(
        out.contains("params (from corpus/official-visits/page.yaml): InconsistentMemberCount"),
        "{out}"
    );
    assert_eq!(
        out.lines().filter(|l| l.starts_with("PR")).count(),
        pagerev::rules::active().count()
    );
}

#[test]
fn init_writes_a_working_setup_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    let (code, out, err) = run(p, &["init"]);
    assert_eq!(code, 0, "{out}{err}");
    for f in [
        "pagerev.yaml",
        "snapshots/README.md",
        ".github/workflows/pagerev.yml",
    ] {
        assert!(p.join(f).is_file(), "{f} not written");
        assert!(
            out.contains(&format!("wrote {f}")) || out.contains(&format!("wrote ./{f}")),
            "{out}"
        );
    }
    let workflow = std::fs::read_to_string(p.join(".github/workflows/pagerev.yml")).unwrap();
    assert!(
        workflow.contains("uses: pagerev/pagerev@main"),
        "{workflow}"
    );
    assert!(workflow.contains("fetch-depth: 0"), "{workflow}");
    // The starter configuration is valid: the rules load and the page is checked.
    std::fs::create_dir_all(p.join("corpus/page")).unwrap();
    std::fs::copy(
        common::repo_root().join(SEED),
        p.join("corpus/page/2023-12.txt"),
    )
    .unwrap();
    let (code, _, err) = run(p, &["check", "corpus/page"]);
    assert_eq!(code, 1, "{err}");
    // A second init writes nothing and says why.
    std::fs::write(p.join("pagerev.yaml"), "rules: []\n# mine\n").unwrap();
    let (code, _, err) = run(p, &["init"]);
    assert_eq!(code, 2);
    assert!(err.contains("already exist"), "{err}");
    assert_eq!(
        std::fs::read_to_string(p.join("pagerev.yaml")).unwrap(),
        "rules: []\n# mine\n"
    );
}

#[test]
fn completions_and_man_page_come_from_the_command_line_definition() {
    let dir = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let (code, out, err) = run(dir.path(), &["completions", shell]);
        assert_eq!(code, 0, "{shell}: {err}");
        for sub in ["validate", "check", "baseline", "init"] {
            assert!(out.contains(sub), "{shell} completions lack `{sub}`");
        }
    }
    let (code, man, _) = run(dir.path(), &["man"]);
    assert_eq!(code, 0);
    assert!(
        man.starts_with(".ie") || man.contains(".TH pagerev 1"),
        "{man}"
    );
    assert!(man.contains("check"), "{man}");
}
