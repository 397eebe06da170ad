//! The CI-native report formats (`github`, `sarif`, `junit`, `markdown`): a snapshot of each on the bundled
//! page, SARIF validated against the official 2.1.0 schema, truncation, and a hostile page whose text tries
//! to inject workflow commands, markup and XML into every format.

mod common;

use pagerev::diagnostic::{Diagnostic, Location, Position, Related, Severity};
use pagerev::report::{self, FileResult, Format, Options};
use pagerev::source::SourceFile;
use std::path::Path;

const SEED: &str = "corpus/official-visits/2023-12.txt";

/// Runs `pagerev validate` in `dir` and returns the exit status and stdout.
fn validate_in(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let out = common::pagerev(dir)
        .arg("validate")
        .args(args)
        .output()
        .expect("run pagerev");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

fn validate(args: &[&str]) -> (Option<i32>, String) {
    let mut all = vec![SEED];
    all.extend_from_slice(args);
    validate_in(&common::root(), &all)
}

/// Snapshot settings, with pagerev's own version masked so a release does not change the snapshots.
fn settings() -> insta::Settings {
    let mut s = common::settings();
    s.add_filter(
        &regex::escape(&format!("\"{}\"", env!("CARGO_PKG_VERSION"))),
        "\"[version]\"",
    );
    s
}

/// The official SARIF 2.1.0 schema (see `tests/schemas/README.md`), with format checks on.
fn sarif_validator() -> jsonschema::Validator {
    let text =
        std::fs::read_to_string(common::root().join("tests/schemas/sarif-schema-2.1.0.json"))
            .expect("schema file");
    let schema: serde_json::Value = serde_json::from_str(&text).expect("schema is JSON");
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("schema compiles")
}

/// Panics with every schema error when `log` is not valid SARIF 2.1.0.
fn assert_valid_sarif(log: &serde_json::Value) {
    let validator = sarif_validator();
    let errors: Vec<String> = validator
        .iter_errors(log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "invalid SARIF:\n{}", errors.join("\n"));
}

#[test]
fn github_report_of_the_seed_page() {
    let (code, stdout) = validate(&["--format", "github"]);
    assert_eq!(code, Some(1));
    assert_eq!(stdout.lines().filter(|l| l.starts_with("::")).count(), 4);
    settings().bind(|| insta::assert_snapshot!("validate-github@2023-12", stdout));
}

#[test]
fn sarif_report_of_the_seed_page_is_valid_against_the_official_schema() {
    let (code, stdout) = validate(&["--format", "sarif"]);
    assert_eq!(code, Some(1));
    let log: serde_json::Value = serde_json::from_str(&stdout).expect("one JSON document");
    assert_valid_sarif(&log);
    assert_eq!(log["version"], "2.1.0");
    let runs = log["runs"].as_array().expect("runs");
    assert_eq!(runs.len(), 1);
    let rules = runs[0]["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules");
    assert_eq!(rules.len(), pagerev::rules::active().count());
    let results = runs[0]["results"].as_array().expect("results");
    let ids: Vec<&str> = results
        .iter()
        .filter_map(|r| r["ruleId"].as_str())
        .collect();
    assert_eq!(ids, ["PR003", "PR009", "PR004", "PR004"]);
    for r in results {
        let index = r["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[index]["id"], r["ruleId"]);
        let uri = &r["locations"][0]["physicalLocation"]["artifactLocation"];
        assert_eq!(uri["uri"], SEED);
        assert_eq!(uri["uriBaseId"], "%SRCROOT%");
    }
    settings().bind(|| insta::assert_snapshot!("validate-sarif@2023-12", stdout));
}

#[test]
fn junit_report_of_the_seed_page() {
    let (code, stdout) = validate(&["--format", "junit"]);
    assert_eq!(code, Some(1));
    let xml = check_xml(&stdout);
    assert_eq!(xml.failures.len(), 4);
    assert_eq!(xml.testcases, pagerev::rules::active().count());
    settings().bind(|| insta::assert_snapshot!("validate-junit@2023-12", stdout));
}

#[test]
fn markdown_report_of_the_seed_page() {
    let (code, stdout) = validate(&["--format", "markdown"]);
    assert_eq!(code, Some(1));
    assert_eq!(finding_rows(&stdout).len(), 4);
    settings().bind(|| insta::assert_snapshot!("validate-markdown@2023-12", stdout));
}

#[test]
fn fingerprints_do_not_move_with_line_numbers() {
    let dir = tempfile::tempdir().expect("tempdir");
    let page = std::fs::read_to_string(common::root().join(SEED)).expect("seed");
    // The same page with an entry added near the top: every finding moves down, no fingerprint changes.
    let (head, tail) = page.split_at(page.find("Minister of Interior of Albania").expect("entry"));
    let grown = format!(
        "{head}Minister of Tests\n\n\n14 November 2023 – The Secretary General met the Minister of Tests.\nA second line.\n\n{tail}"
    );
    std::fs::write(dir.path().join("a.txt"), &page).expect("write");
    std::fs::write(dir.path().join("b.txt"), grown).expect("write");
    let fingerprints = |name: &str| -> Vec<(String, u64)> {
        let (_, out) = validate_in(dir.path(), &[name, "--format", "sarif"]);
        let log: serde_json::Value = serde_json::from_str(&out).expect("JSON");
        log["runs"][0]["results"]
            .as_array()
            .expect("results")
            .iter()
            .map(|r| {
                (
                    r["partialFingerprints"]["pagerev/v1"]
                        .as_str()
                        .expect("fingerprint")
                        .to_string(),
                    r["locations"][0]["physicalLocation"]["region"]["startLine"]
                        .as_u64()
                        .expect("line"),
                )
            })
            .collect()
    };
    let a = fingerprints("a.txt");
    let b = fingerprints("b.txt");
    assert_eq!(a.len(), 4);
    let fa: Vec<&String> = a.iter().map(|(f, _)| f).collect();
    let fb: Vec<&String> = b.iter().map(|(f, _)| f).collect();
    assert_eq!(fa, fb);
    assert!(a[1].1 < b[1].1, "findings below the new entry moved down");
}

#[test]
fn every_format_says_when_it_was_truncated() {
    let cases: &[(&str, &str)] = &[
        ("human", "note: output truncated: 3 more findings not shown"),
        ("json", "\"omitted\": 3"),
        ("jsonl", "{\"truncated\":{\"limit\":1,\"omitted\":3}}"),
        (
            "github",
            "::warning title=pagerev::output truncated: 3 more findings",
        ),
        ("sarif", "output truncated: 3 more findings not shown"),
        ("junit", "output truncated: 3 more findings not shown"),
        (
            "markdown",
            "… and 3 more findings (truncated: limit 1, see --max-findings)",
        ),
    ];
    for (format, needle) in cases {
        let (code, stdout) = validate(&["--format", format, "--max-findings", "1"]);
        assert_eq!(
            code,
            Some(1),
            "{format}: the exit status counts every finding"
        );
        assert!(stdout.contains(needle), "{format}:\n{stdout}");
    }
    let (_, sarif) = validate(&["--format", "sarif", "--max-findings", "1"]);
    let log: serde_json::Value = serde_json::from_str(&sarif).expect("JSON");
    assert_valid_sarif(&log);
    assert_eq!(log["runs"][0]["results"].as_array().map(Vec::len), Some(1));
    let (_, junit) = validate(&["--format", "junit", "--max-findings", "1"]);
    let xml = check_xml(&junit);
    // The truncated rules still fail: one shown finding, plus one `truncated` failure per cut rule.
    assert!(xml.failures.iter().any(|(t, _)| t == "truncated"));
    let (_, markdown) = validate(&["--format", "markdown", "--max-findings", "1"]);
    assert_eq!(finding_rows(&markdown).len(), 1);
    // Without a limit nothing says it was truncated.
    for format in [
        "human", "json", "jsonl", "github", "sarif", "junit", "markdown",
    ] {
        let (_, stdout) = validate(&["--format", format]);
        assert!(!stdout.contains("truncated"), "{format}:\n{stdout}");
    }
}

// ---- injection -------------------------------------------------------------------------------------------

/// What a hostile page tries to smuggle into reports.
const PAYLOAD: &str = "%0A::error::pwned :: <script>]]> | ` & [x](y)";

/// A page whose title, captions and paragraphs carry [`PAYLOAD`], with a repeated caption so a
/// `duplicated-caption` message quotes it, and a lone carriage return.
fn hostile_page() -> String {
    format!(
        "Official visits 2018 to 2023\n\n\
         {PAYLOAD}\n\n\
         Cap {PAYLOAD}\n\
         Cap {PAYLOAD}\n\n\
         10 February 2020 – The minister {PAYLOAD} visited.\r\
         ::warning::pwned too\n\n\
         Body {PAYLOAD}\n"
    )
}

#[test]
fn hostile_text_cannot_inject_into_any_format() {
    let dir = tempfile::tempdir().expect("tempdir");
    // A file name with the characters GitHub properties and URIs must escape.
    let name = "p,a:ge %0A.txt";
    std::fs::write(dir.path().join(name), hostile_page()).expect("write");
    let (code, jsonl) = validate_in(dir.path(), &[name, "--format", "jsonl"]);
    assert_eq!(code, Some(1));
    let findings = jsonl.lines().count();
    assert!(
        jsonl.contains("duplicated-caption") && jsonl.contains("pwned"),
        "the page must produce a finding quoting the payload:\n{jsonl}"
    );

    // GitHub: exactly one command line per finding, each a real annotation; nothing else starts with `::`.
    let (_, github) = validate_in(dir.path(), &[name, "--format", "github"]);
    let commands: Vec<&str> = github.lines().filter(|l| l.starts_with("::")).collect();
    assert_eq!(commands.len(), findings, "{github}");
    assert_eq!(github.lines().count(), findings + 1, "{github}");
    for c in &commands {
        assert!(
            c.starts_with("::error file=p%2Ca%3Age %250A.txt,line=")
                || c.starts_with("::warning file=p%2Ca%3Age %250A.txt,line=")
                || c.starts_with("::notice file=p%2Ca%3Age %250A.txt,line="),
            "{c}"
        );
        assert!(!c.contains('\r'));
    }
    assert!(github.contains("%250A::error::pwned"), "{github}");

    // JUnit: well-formed XML whose attributes give the payload back.
    let (_, junit) = validate_in(dir.path(), &[name, "--format", "junit"]);
    let xml = check_xml(&junit);
    assert_eq!(xml.failures.len(), findings);
    assert!(
        xml.failures
            .iter()
            .any(|(_, m)| m.contains("<script>]]> | ` & [x](y)")),
        "{junit}"
    );
    assert!(!junit.contains("<script>"));

    // Markdown: every row of the findings table has exactly five cells; no HTML, no links from the page.
    let (_, markdown) = validate_in(dir.path(), &[name, "--format", "markdown"]);
    let rows = finding_rows(&markdown);
    assert_eq!(rows.len(), findings, "{markdown}");
    assert!(!markdown.contains("<script>"));
    assert!(!markdown.contains("[x](y)"));
    assert!(!markdown.contains("\n::"));

    // SARIF: valid JSON (and valid SARIF) that gives the payload back unchanged.
    let (_, sarif) = validate_in(dir.path(), &[name, "--format", "sarif"]);
    let log: serde_json::Value = serde_json::from_str(&sarif).expect("SARIF is JSON");
    assert_valid_sarif(&log);
    let results = log["runs"][0]["results"].as_array().expect("results");
    assert_eq!(results.len(), findings);
    assert!(results.iter().any(|r| r["message"]["text"]
        .as_str()
        .is_some_and(|m| m.contains(PAYLOAD))));
    assert_eq!(
        results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "p%2Ca%3Age%20%250A.txt"
    );
}

/// A finding whose message and paths hold raw line breaks (which no page can put in a message today, but
/// a future rule might), rendered by every format through the library.
#[test]
fn raw_line_breaks_in_messages_are_escaped_by_every_format() {
    let source = SourceFile::from_text("dir/p.txt", "Title\n\nCaption\n").expect("source");
    let pos = |line, column, byte| Position { line, column, byte };
    let loc = Location {
        start: pos(3, 1, 7),
        end: pos(3, 8, 14),
    };
    let message = "two\r\nlines\n::error::pwned\r::warning::too <b>|</b> ]]> & `x`".to_string();
    let d = Diagnostic::new(
        "PR004",
        "duplicated-caption",
        Severity::Info,
        message.clone(),
        "dir/p.txt",
        loc,
    )
    .with_record("x\n::error::id", Some(0))
    .with_related(Related {
        message: "first\nshown".into(),
        record_id: None,
        file: "dir/p.txt".into(),
        location: loc,
    })
    .with_help("help\n::error::h");
    let diags = [d];
    let render = |format: Format| -> String {
        let mut r = report::reporter(format, Options::default());
        let mut out = Vec::new();
        r.file(
            &mut out,
            FileResult {
                source: &source,
                records: 1,
                diagnostics: diags[..].into(),
                omitted: Default::default(),
            },
        )
        .expect("write");
        r.finish(&mut out).expect("write");
        String::from_utf8(out).expect("UTF-8")
    };

    let github = render(Format::Github);
    assert_eq!(github.lines().count(), 2, "{github}");
    assert!(github.starts_with(
        "::notice file=dir/p.txt,line=3,col=1,endLine=3,endColumn=7,title=PR004 duplicated-caption::two%0D%0Alines%0A::error::pwned%0D::warning::too"
    ));

    let junit = render(Format::Junit);
    let xml = check_xml(&junit);
    assert_eq!(xml.failures.len(), 1);
    assert_eq!(xml.failures[0].1, message, "attributes keep line breaks");

    let markdown = render(Format::Markdown);
    assert_eq!(finding_rows(&markdown).len(), 1, "{markdown}");
    assert!(!markdown.contains("\n::"));

    let sarif: serde_json::Value = serde_json::from_str(&render(Format::Sarif)).expect("JSON");
    assert_valid_sarif(&sarif);
    assert_eq!(sarif["runs"][0]["results"][0]["message"]["text"], message);
    assert_eq!(sarif["runs"][0]["results"][0]["level"], "note");
}

// ---- helpers ---------------------------------------------------------------------------------------------

/// What [`check_xml`] found.
struct Xml {
    /// `(type, message)` of every `<failure>`, attributes unescaped.
    failures: Vec<(String, String)>,
    testcases: usize,
}

/// Parses a JUnit document with quick-xml, checking it is well formed (balanced, properly escaped, only
/// characters XML 1.0 allows) and collecting its failures.
fn check_xml(doc: &str) -> Xml {
    use quick_xml::events::Event;
    let legal = |c: char| matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..);
    assert!(doc.chars().all(legal), "characters XML 1.0 forbids");
    let mut reader = quick_xml::Reader::from_str(doc);
    let mut stack: Vec<String> = Vec::new();
    let mut roots = 0;
    let mut xml = Xml {
        failures: Vec::new(),
        testcases: 0,
    };
    let on_element = |e: &quick_xml::events::BytesStart<'_>, xml: &mut Xml| {
        let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
        let mut attrs = std::collections::HashMap::new();
        for a in e.attributes() {
            let a = a.expect("well-formed attribute");
            let value = a
                // Attribute-value normalisation as XML 1.0 defines it: raw line breaks would become
                // spaces, so the message only survives when the writer used character references.
                .normalized_value(quick_xml::XmlVersion::Explicit1_0)
                .expect("attribute unescapes")
                .into_owned();
            attrs.insert(String::from_utf8_lossy(a.key.as_ref()).into_owned(), value);
        }
        match name.as_str() {
            "failure" => xml.failures.push((
                attrs.remove("type").expect("type"),
                attrs.remove("message").expect("message"),
            )),
            "testcase" => xml.testcases += 1,
            _ => {}
        }
        name
    };
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => {
                if stack.is_empty() {
                    roots += 1;
                }
                let name = on_element(&e, &mut xml);
                stack.push(name);
            }
            Event::Empty(e) => {
                assert!(!stack.is_empty(), "an empty element outside the root");
                on_element(&e, &mut xml);
            }
            Event::End(e) => {
                let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                assert_eq!(stack.pop().as_deref(), Some(name.as_str()), "balanced tags");
            }
            Event::Text(t) => {
                let text = t.decode().expect("UTF-8 text");
                assert!(
                    !text.contains('<') && !text.contains('&'),
                    "raw markup characters in text"
                );
                if stack.is_empty() {
                    assert!(text.trim().is_empty(), "text outside the root");
                }
            }
            Event::GeneralRef(r) => {
                let name = r.decode().expect("UTF-8 reference").into_owned();
                let known = ["amp", "lt", "gt", "quot", "apos"].contains(&name.as_str());
                assert!(known || name.starts_with('#'), "unknown entity &{name};");
            }
            Event::CData(_) | Event::DocType(_) => panic!("no CDATA or DOCTYPE expected"),
            Event::Eof => break,
            _ => {}
        }
    }
    assert!(stack.is_empty(), "unclosed elements: {stack:?}");
    assert_eq!(roots, 1, "one root element");
    xml
}

/// The rows of the Markdown findings table, each checked to have exactly five cells.
fn finding_rows(md: &str) -> Vec<&str> {
    let header = "| Location | Rule | Severity | Message | Record |";
    let mut lines = md.lines().skip_while(|l| *l != header);
    if lines.next().is_none() {
        return Vec::new();
    }
    let rows: Vec<&str> = lines.skip(1).take_while(|l| l.starts_with('|')).collect();
    for row in &rows {
        assert_eq!(unescaped_pipes(row), 6, "a row with five cells: {row}");
    }
    rows
}

/// Number of `|` not escaped by a backslash (an odd run of backslashes before it escapes it).
fn unescaped_pipes(line: &str) -> usize {
    let mut count = 0;
    let mut backslashes = 0;
    for c in line.chars() {
        match c {
            '\\' => backslashes += 1,
            '|' => {
                if backslashes % 2 == 0 {
                    count += 1;
                }
                backslashes = 0;
            }
            _ => backslashes = 0,
        }
    }
    count
}

/// `pagerev check` on the bundled page folder (2023-12 → 2024-01, a careless scrape) in every format,
/// without reviewed state: one snapshot per format; the SARIF is valid against the official schema.
#[test]
fn check_reports_of_the_bundled_corpus_in_every_format() {
    // A fixed, empty state folder under target/ (relative, so the reports are stable).
    let state = "target/check-formats-test";
    let _ = std::fs::remove_dir_all(common::root().join(state));
    for format in [
        "human", "json", "jsonl", "github", "sarif", "junit", "markdown",
    ] {
        let out = common::pagerev(&common::root())
            .args([
                "check",
                "corpus/official-visits",
                "--snapshots",
                state,
                "--format",
                format,
            ])
            .output()
            .expect("run pagerev");
        assert_eq!(
            out.status.code(),
            Some(1),
            "{format}: the careless scrape fails the gate"
        );
        let stdout = String::from_utf8(out.stdout).expect("UTF-8 report");
        assert!(
            stdout.contains("PR015") || format == "junit" && stdout.contains("entry-removed"),
            "{format}: {stdout}"
        );
        if format == "sarif" {
            assert_valid_sarif(&serde_json::from_str(&stdout).expect("SARIF is JSON"));
        }
        if format == "json" {
            common::assert_valid_check_json(&serde_json::from_str(&stdout).expect("JSON"));
        }
        if format == "github" {
            for line in stdout.lines().filter(|l| l.starts_with("::")) {
                assert!(
                    line.starts_with("::error ")
                        || line.starts_with("::warning ")
                        || line.starts_with("::notice "),
                    "{line}"
                );
            }
        }
        settings()
            .bind(|| insta::assert_snapshot!(format!("check-{format}@official-visits"), stdout));
    }
}
