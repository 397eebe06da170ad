//! End-to-end tests of `pagerev diff` and `pagerev history`: exit status, stdout and stderr.

mod common;

use assert_cmd::Command;
use predicates::prelude::*;

const DIR: &str = "corpus/official-visits";

fn pagerev() -> Command {
    let mut cmd = Command::cargo_bin("pagerev").unwrap();
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd.env_remove("NO_COLOR");
    cmd
}

fn stdout_of(args: &[&str], code: i32) -> String {
    let out = pagerev()
        .args(args)
        .assert()
        .code(code)
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap()
}

fn snapshot(name: &str, suffix: &str, value: String) {
    let mut s = common::settings();
    s.set_snapshot_suffix(suffix);
    s.bind(|| insta::assert_snapshot!(name, value));
}

#[test]
fn identical_revisions_exit_0() {
    let f = format!("{DIR}/2023-12.txt");
    let out = stdout_of(&["diff", &f, &f], 0);
    assert!(out.contains("51 unchanged"), "{out}");
}

#[test]
fn differing_revisions_exit_1_unless_exit_zero() {
    let (a, b) = (format!("{DIR}/2023-12.txt"), format!("{DIR}/2024-01.txt"));
    let out = stdout_of(&["diff", &a, &b], 1);
    assert!(
        !out.contains('\x1b'),
        "no colour when stdout is not a terminal"
    );
    stdout_of(&["diff", &a, &b, "--exit-zero"], 0);
    stdout_of(&["diff", &a, &b, "--format", "json"], 1);
}

#[test]
fn cosmetic_only_changes_exit_0_and_are_collapsed() {
    let dir = tempfile::tempdir().unwrap();
    let seed = std::fs::read_to_string(format!("{}/{DIR}/2023-12.txt", env!("CARGO_MANIFEST_DIR")))
        .unwrap();
    let new = seed
        .replacen("Spain’s Minister", "Spain's\u{a0}Minister", 1)
        .replacen("23 January 2023 \u{2013}", "23 January 2023 -", 1);
    let (a, b) = (dir.path().join("a.txt"), dir.path().join("b.txt"));
    std::fs::write(&a, &seed).unwrap();
    std::fs::write(&b, new).unwrap();
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    let out = stdout_of(&["diff", a, b], 0);
    assert!(out.contains("1 cosmetic, 50 unchanged"), "{out}");
    assert!(out.contains("1 cosmetic record hidden"), "{out}");
    assert!(!out.contains("Spain"), "{out}");
    let out = stdout_of(&["diff", a, b, "--show-cosmetic"], 0);
    assert!(
        out.contains("lead (cosmetic): \"…Gómez, Spain<U+2019>s Minister"),
        "{out}"
    );
    assert!(out.contains("→ \"…Gómez, Spain's<U+00A0>Minister"), "{out}");
}

#[test]
fn errors_exit_2_with_one_line() {
    pagerev()
        .args(["diff", "no-such.txt", &format!("{DIR}/2023-12.txt")])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::starts_with(
            "pagerev: error: no-such.txt: no such file",
        ))
        .stderr(
            predicate::str::ends_with("\n")
                .and(predicate::function(|s: &str| s.lines().count() == 1)),
        );
    pagerev()
        .args(["diff", DIR, &format!("{DIR}/2023-12.txt")])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is a directory"));
    pagerev()
        .args(["diff", "a", "b", "--threshold", "1.5"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("outside 0..=1"));
    // A file is a page kept in git: one git does not hold is an error naming it.
    let outside = tempfile::tempdir().unwrap();
    let page = outside.path().join("page.txt");
    std::fs::copy(format!("{DIR}/2023-12.txt"), &page).unwrap();
    pagerev()
        .arg("history")
        .arg(&page)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("page.txt"));
    pagerev()
        .args(["history", DIR, "--record", "no-such-id"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "no record has the id `no-such-id`",
        ));
}

#[test]
fn markdown_and_stat_reports() {
    let (a, b) = (format!("{DIR}/2023-12.txt"), format!("{DIR}/2024-01.txt"));
    snapshot(
        "cli-diff-markdown",
        "2023-12..2024-01",
        stdout_of(&["diff", &a, &b, "--format", "markdown"], 1),
    );
    snapshot(
        "cli-diff-stat",
        "2023-12..2024-01",
        stdout_of(&["diff", &a, &b, "--stat"], 1),
    );
    snapshot(
        "cli-diff-context-1",
        "2023-12..2024-01",
        stdout_of(&["diff", &a, &b, "--context", "1"], 1),
    );
}

#[test]
fn history_of_the_bundled_page() {
    snapshot(
        "cli-history-text",
        "official-visits",
        stdout_of(&["history", DIR], 0),
    );
    snapshot(
        "cli-history-json",
        "official-visits-rcmp",
        stdout_of(
            &[
                "history",
                DIR,
                "--record",
                "2023-12-commissioner-of-the-rcmp-canada",
                "--format",
                "json",
            ],
            0,
        ),
    );
}

#[test]
fn html_reports_of_the_bundled_revisions() {
    for (a, b) in [("2022-12", "2023-12"), ("2023-12", "2024-01")] {
        let (old, new) = (format!("{DIR}/{a}.txt"), format!("{DIR}/{b}.txt"));
        snapshot(
            "diff-html",
            &format!("{a}..{b}"),
            stdout_of(&["diff", &old, &new, "--format", "html"], 1),
        );
    }
}

#[test]
fn output_option_writes_the_report_to_a_file_instead_of_stdout() {
    let (a, b) = (format!("{DIR}/2023-12.txt"), format!("{DIR}/2024-01.txt"));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.html");
    let printed = stdout_of(&["diff", &a, &b, "--format", "html"], 1);
    let out = stdout_of(
        &[
            "diff",
            &a,
            &b,
            "--format",
            "html",
            "-o",
            file.to_str().unwrap(),
        ],
        1,
    );
    assert_eq!(out, "", "nothing on stdout with -o");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), printed);
    let json = dir.path().join("diff.json");
    stdout_of(
        &[
            "diff",
            &a,
            &b,
            "--format",
            "json",
            "--output",
            json.to_str().unwrap(),
        ],
        1,
    );
    assert!(std::fs::read_to_string(&json)
        .unwrap()
        .contains("\"schema\": \"pagerev-diff/1\""));
}

/// Removes the contents of every `<open …>…</close>` element (the report's own CSS and script).
fn strip_element(html: &str, open: &str, close: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(i) = rest.find(open) {
        let body = i + rest[i..].find('>').unwrap() + 1;
        out.push_str(&rest[..body]);
        let end = body + rest[body..].find(close).unwrap();
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[test]
fn html_report_escapes_every_piece_of_page_text() {
    let html = stdout_of(
        &[
            "diff",
            "tests/fixtures/html/old.txt",
            "tests/fixtures/html/new.txt",
            "--format",
            "html",
        ],
        1,
    );
    // Exactly the report's own elements: one style, the JSON data and the script.
    assert_eq!(html.matches("<style").count(), 1, "{html}");
    assert_eq!(html.matches("<script").count(), 2, "{html}");
    assert_eq!(html.matches("</script>").count(), 2, "{html}");
    let data_start = html.find("<script type=\"application/json\"").unwrap();
    let data = &html[data_start..];
    let data = &data[data.find('>').unwrap() + 1..data.find("</script>").unwrap()];
    assert!(!data.contains('<') && !data.contains('>'), "{data}");
    // Every tag outside the report's CSS and script is one the renderer writes, with no event handler.
    let markup = strip_element(&html, "<style", "</style>");
    let markup = strip_element(&markup, "<script", "</script>");
    let allowed = [
        "!DOCTYPE", "html", "head", "meta", "title", "style", "body", "a", "header", "h1", "h2",
        "h3", "dl", "dt", "dd", "div", "code", "span", "form", "fieldset", "legend", "label",
        "input", "p", "kbd", "main", "section", "ul", "li", "article", "details", "summary", "del",
        "ins", "footer", "script", "q",
    ];
    let tag = regex::Regex::new(r"<(/?)([^\s>/]+)([^>]*)>").unwrap();
    let quoted = regex::Regex::new(r#""[^"]*""#).unwrap();
    let attr_list = regex::Regex::new(r#"^(\s+[a-zA-Z-]+(="")?)*\s*$"#).unwrap();
    let handler = regex::Regex::new(r"(?i)\son[a-z]+=").unwrap();
    for t in tag.captures_iter(&markup) {
        assert!(
            allowed.contains(&&t[2]),
            "unexpected element <{}> in\n{markup}",
            &t[2]
        );
        // Attribute values are quoted and cannot hold a raw `"`: with the values blanked, only
        // well-formed `name` / `name=""` pairs may remain, none an event handler.
        let attrs = quoted.replace_all(&t[3], "\"\"");
        assert!(
            attr_list.is_match(&attrs),
            "malformed attributes in <{}{}>",
            &t[2],
            &t[3]
        );
        assert!(
            !handler.is_match(&attrs),
            "event handler in <{}{}>",
            &t[2],
            &t[3]
        );
    }
    for raw in ["<img", "<svg", "<iframe", "<b>", "<script>alert"] {
        assert!(!markup.contains(raw), "{raw} unescaped");
    }
    for escaped in [
        "&quot;&gt;&lt;img src=x onerror=alert(1)&gt; delegation",
        "&lt;/script&gt;&lt;script&gt;alert(5)&lt;/script&gt;",
        "&lt;svg onload=alert(6)&gt; &amp; friends",
        "Q&amp;amp;A",
        "&lt;script&gt;alert(&#39;caption2&#39;)&lt;/script&gt; &amp;lt;escaped&amp;gt;",
        "&lt;iframe src=&quot;javascript:alert(4)&quot;&gt;&lt;/iframe&gt;",
    ] {
        assert!(markup.contains(escaped), "missing {escaped}");
    }
}
