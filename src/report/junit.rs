//! `--format junit`: JUnit XML, for the test tabs of CI systems (GitLab, Jenkins, Azure, test reporters).
//!
//! ```xml
//! <?xml version="1.0" encoding="UTF-8"?>
//! <testsuites name="pagerev" tests="14" failures="3" errors="0" skipped="2">
//!   <testsuite name="corpus/official-visits/2023-12.txt" tests="14" failures="3" errors="0" skipped="2">
//!     <testcase classname="corpus/official-visits/2023-12.txt" name="PR001 date-order"/>
//!     <testcase classname="…" name="PR004 duplicated-caption">
//!       <failure message="caption appears 3 times in …" type="error">corpus/…:362:1: error[PR004] …</failure>
//!     </testcase>
//!     <testcase classname="…" name="PR006 caption-repeats-title">
//!       <skipped message="rule did not run (disabled, or a drop rule, which only pagerev check runs)"/>
//!     </testcase>
//!   </testsuite>
//! </testsuites>
//! ```
//!
//! One `<testsuite>` per page revision, one `<testcase>` per rule of the registry per file: a rule that
//! ran without findings passes, a rule with findings fails with one `<failure>` per finding (`type` is the
//! severity, the text gives location, record, related location and help), a rule that did not run is
//! skipped. When `--max-findings` cut the report, a test case whose findings were left out gets one more
//! `<failure type="truncated">` saying how many (so it still fails), and the suite's `<system-err>` says
//! the output was truncated.
//!
//! ## Escaping
//! The document is written with quick-xml's [`Writer`], which balances and indents the elements; quick-xml
//! escapes `&`, `<`, `>`, `"` and `'` in text and attributes. Two things it leaves to the caller are done
//! here: in attributes tab, line feed and carriage return (and in text carriage return) become character
//! references, so that the normalisation an XML parser applies does not lose them; characters XML 1.0
//! forbids (C0 controls other than tab/LF/CR, U+FFFE, U+FFFF) cannot be written even as references, so
//! they are shown as `\u{1b}`-style text. No CDATA is used, so `]]>` in corpus text is just escaped text.

use super::{Budget, FileResult, Options, Reporter, Truncation};
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules;
use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;
use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{self, Write};

/// Why a test case is skipped.
const NOT_RUN: &str = "rule did not run (disabled, or a drop rule, which only pagerev check runs)";

/// Collects one suite per file and writes the document at the end (the root carries the totals).
pub struct Junit {
    rules_run: Option<Vec<&'static str>>,
    budget: Budget,
    suites: Vec<Suite>,
    tests: usize,
    failures: usize,
    skipped: usize,
}

impl Junit {
    /// A reporter with the rules that ran and the finding limit of `options`.
    pub fn new(options: Options) -> Self {
        Junit {
            rules_run: options.rules_run,
            budget: Budget::new(options.max_findings),
            suites: Vec::new(),
            tests: 0,
            failures: 0,
            skipped: 0,
        }
    }

    fn ran(&self, code: &str) -> bool {
        self.rules_run
            .as_ref()
            .is_none_or(|codes| codes.contains(&code))
    }
}

/// One `<testsuite>`: a page revision.
struct Suite {
    file: String,
    records: usize,
    cases: Vec<Case>,
    /// Said in `<system-err>` when findings of this file were left out.
    truncated: Option<Truncation>,
}

/// One test case: a rule on a file.
struct Case {
    code: &'static str,
    name: &'static str,
    ran: bool,
    shown: Vec<Failure>,
    omitted: usize,
}

impl Case {
    fn failed(&self) -> bool {
        !self.shown.is_empty() || self.omitted > 0
    }
}

/// One `<failure>`: a finding.
struct Failure {
    message: String,
    severity: Severity,
    text: String,
}

impl Reporter for Junit {
    fn file(&mut self, _out: &mut dyn Write, result: FileResult<'_>) -> io::Result<()> {
        let shown = self.budget.take_file(&result).len();
        let mut cases: Vec<Case> = rules::active()
            .map(|r| Case {
                code: r.code,
                name: r.name,
                ran: self.ran(r.code),
                shown: Vec::new(),
                omitted: 0,
            })
            .collect();
        for (i, d) in result.diagnostics.iter().enumerate() {
            let at = match cases.iter().position(|c| c.code == d.code) {
                Some(at) => at,
                None => {
                    // A finding of a rule outside the registry still gets its test case.
                    cases.push(Case {
                        code: d.code,
                        name: d.name,
                        ran: true,
                        shown: Vec::new(),
                        omitted: 0,
                    });
                    cases.len() - 1
                }
            };
            let case = &mut cases[at];
            case.ran = true;
            if i < shown {
                case.shown.push(Failure {
                    message: d.message.clone(),
                    severity: d.severity,
                    text: failure_text(d),
                });
            } else {
                case.omitted += 1;
            }
        }
        // Findings counted but not kept come after every kept one: omitted, in their rules' cases.
        for o in &result.omitted.rules {
            let at = match cases.iter().position(|c| c.code == o.code) {
                Some(at) => at,
                None => {
                    cases.push(Case {
                        code: o.code,
                        name: o.name,
                        ran: true,
                        shown: Vec::new(),
                        omitted: 0,
                    });
                    cases.len() - 1
                }
            };
            cases[at].ran = true;
            cases[at].omitted += o.count;
        }

        let omitted: usize = cases.iter().map(|c| c.omitted).sum();
        self.tests += cases.len();
        self.failures += cases.iter().filter(|c| c.failed()).count();
        self.skipped += cases.iter().filter(|c| !c.ran).count();
        self.suites.push(Suite {
            file: result.source.name().to_string(),
            records: result.records,
            cases,
            truncated: (omitted > 0).then(|| Truncation {
                limit: self.budget.truncated().map_or(0, |t| t.limit),
                omitted,
            }),
        });
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let mut w = Writer::new_with_indent(&mut *out, b' ', 2);
        w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        let (tests, failures, skipped) = (
            self.tests.to_string(),
            self.failures.to_string(),
            self.skipped.to_string(),
        );
        w.write_event(Event::Start(element(
            "testsuites",
            &[
                ("name", "pagerev"),
                ("tests", &tests),
                ("failures", &failures),
                ("errors", "0"),
                ("skipped", &skipped),
            ],
        )))?;
        for suite in &self.suites {
            write_suite(&mut w, suite)?;
        }
        w.write_event(Event::End(BytesEnd::new("testsuites")))?;
        writeln!(out)
    }
}

fn write_suite<W: Write>(w: &mut Writer<W>, suite: &Suite) -> io::Result<()> {
    let file = suite.file.as_str();
    let count = |f: fn(&Case) -> bool| suite.cases.iter().filter(|c| f(c)).count().to_string();
    w.write_event(Event::Start(element(
        "testsuite",
        &[
            ("name", file),
            ("tests", &suite.cases.len().to_string()),
            ("failures", &count(Case::failed)),
            ("errors", "0"),
            ("skipped", &count(|c| !c.ran)),
        ],
    )))?;
    w.write_event(Event::Start(BytesStart::new("properties")))?;
    w.write_event(Event::Empty(element(
        "property",
        &[("name", "records"), ("value", &suite.records.to_string())],
    )))?;
    w.write_event(Event::End(BytesEnd::new("properties")))?;
    for c in &suite.cases {
        let name = format!("{} {}", c.code, c.name);
        let case = element("testcase", &[("classname", file), ("name", &name)]);
        if c.ran && !c.failed() {
            w.write_event(Event::Empty(case))?;
            continue;
        }
        w.write_event(Event::Start(case))?;
        if !c.ran {
            w.write_event(Event::Empty(element("skipped", &[("message", NOT_RUN)])))?;
        }
        for f in &c.shown {
            w.write_event(Event::Start(element(
                "failure",
                &[("message", &f.message), ("type", f.severity.as_str())],
            )))?;
            w.write_event(Event::Text(BytesText::from_escaped(text(&f.text))))?;
            w.write_event(Event::End(BytesEnd::new("failure")))?;
        }
        if c.omitted > 0 {
            let message = format!("{} more findings not shown (output truncated)", c.omitted);
            w.write_event(Event::Empty(element(
                "failure",
                &[("message", &message), ("type", "truncated")],
            )))?;
        }
        w.write_event(Event::End(BytesEnd::new("testcase")))?;
    }
    if let Some(t) = &suite.truncated {
        w.write_event(Event::Start(BytesStart::new("system-err")))?;
        w.write_event(Event::Text(BytesText::from_escaped(text(&t.message()))))?;
        w.write_event(Event::End(BytesEnd::new("system-err")))?;
    }
    w.write_event(Event::End(BytesEnd::new("testsuite")))
}

/// An element's start tag with `attributes`, their values escaped by [`attr`].
fn element<'a>(name: &'a str, attributes: &[(&'a str, &str)]) -> BytesStart<'a> {
    BytesStart::new(name).with_attributes(attributes.iter().map(|&(key, value)| Attribute {
        key: quick_xml::name::QName(key.as_bytes()),
        value: Cow::Owned(attr(value).into_bytes()),
    }))
}

/// The body of a `<failure>`: where, what, and the finding's context.
fn failure_text(d: &Diagnostic) -> String {
    let s = d.location.start;
    let mut t = format!(
        "{}:{}:{}: {}[{}] {}",
        d.file, s.line, s.column, d.severity, d.code, d.message
    );
    if let Some(id) = &d.record_id {
        let _ = write!(t, "\nrecord: {id}");
    }
    if let Some(r) = &d.related {
        let rs = r.location.start;
        let _ = write!(t, "\n{}: {}:{}:{}", r.message, r.file, rs.line, rs.column);
    }
    if let Some(h) = &d.help {
        let _ = write!(t, "\nhelp: {h}");
    }
    t
}

/// True for characters XML 1.0 allows in a document.
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// `s` escaped by quick-xml, then what it leaves: the whitespace an XML parser would normalise becomes
/// character references (all of it in attributes, carriage return in text), forbidden characters text.
fn escape(s: &str, in_attribute: bool) -> String {
    let escaped = quick_xml::escape::escape(s);
    let mut out = String::with_capacity(escaped.len());
    for c in escaped.chars() {
        match c {
            '\t' if in_attribute => out.push_str("&#9;"),
            '\n' if in_attribute => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if !xml_char(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

/// Escapes element text.
pub fn text(s: &str) -> String {
    escape(s, false)
}

/// Escapes an attribute value (written between double quotes).
pub fn attr(s: &str) -> String {
    escape(s, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_illegal_characters_are_escaped() {
        assert_eq!(
            text("a & <b> \"c\" 'd' ]]>"),
            "a &amp; &lt;b&gt; &quot;c&quot; &apos;d&apos; ]]&gt;"
        );
        assert_eq!(text("x\u{1}y\u{1b}\u{fffe}"), "x\\u{1}y\\u{1b}\\u{fffe}");
        assert_eq!(attr("a\tb\nc\rd"), "a&#9;b&#10;c&#13;d");
        assert_eq!(text("a\tb\nc\rd"), "a\tb\nc&#13;d");
    }
}
