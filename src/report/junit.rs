//! `--format junit`: JUnit XML, for the test tabs of CI systems (GitLab, Jenkins, Azure, test reporters).
//!
//! ```xml
//! <?xml version="1.0" encoding="UTF-8"?>
//! <testsuites name="pagerev" tests="14" failures="3" skipped="2">
//!   <testsuite name="corpus/official-visits/2023-12.txt" tests="14" failures="3" errors="0" skipped="2">
//!     <testcase classname="corpus/official-visits/2023-12.txt" name="PR001 date-order"/>
//!     <testcase classname="…" name="PR004 duplicated-caption">
//!       <failure message="caption appears 3 times in …" type="error">corpus/…:362:1: error[PR004] …</failure>
//!     </testcase>
//!     <testcase classname="…" name="PR006 caption-repeats-title"><skipped message="rule did not run (disabled, or a drop rule, which only pagerev check runs)"/></testcase>
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
//! Written by hand (the format is a few elements): in text and attributes `&`, `<`, `>`, `"`, `'` become
//! entities; in attributes tab, line feed and carriage return become character references (so attribute
//! normalisation does not lose them); characters XML 1.0 forbids (C0 controls other than tab/LF/CR,
//! U+FFFE, U+FFFF) cannot be written even as references, so they are shown as `\u{1b}`-style text. No
//! CDATA is used, so `]]>` in corpus text is just escaped text.

use super::{Budget, FileResult, Options, Reporter, Truncation};
use crate::diagnostic::Diagnostic;
use crate::rules;
use std::fmt::Write as _;
use std::io::{self, Write};

/// Collects one suite per file and writes the document at the end (the root carries the totals).
pub struct Junit {
    rules_run: Option<Vec<&'static str>>,
    budget: Budget,
    suites: Vec<String>,
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

/// One test case: a rule on a file.
struct Case<'d> {
    code: &'d str,
    name: &'d str,
    ran: bool,
    shown: Vec<&'d Diagnostic>,
    omitted: usize,
}

impl Reporter for Junit {
    fn file(&mut self, _out: &mut dyn Write, result: FileResult<'_>) -> io::Result<()> {
        let file = result.source.name();
        let shown = self.budget.take(&result.diagnostics);
        let mut cases: Vec<Case<'_>> = rules::active()
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
            if i < shown.len() {
                case.shown.push(d);
            } else {
                case.omitted += 1;
            }
        }

        let failures = cases
            .iter()
            .filter(|c| !c.shown.is_empty() || c.omitted > 0)
            .count();
        let skipped = cases.iter().filter(|c| !c.ran).count();
        let omitted: usize = cases.iter().map(|c| c.omitted).sum();
        self.tests += cases.len();
        self.failures += failures;
        self.skipped += skipped;

        let classname = attr(file);
        let mut x = String::new();
        let _ = writeln!(
            x,
            "  <testsuite name=\"{classname}\" tests=\"{}\" failures=\"{failures}\" errors=\"0\" skipped=\"{skipped}\">",
            cases.len()
        );
        let _ = writeln!(
            x,
            "    <properties><property name=\"records\" value=\"{}\"/></properties>",
            result.records
        );
        for c in &cases {
            let name = attr(&format!("{} {}", c.code, c.name));
            let head = format!("    <testcase classname=\"{classname}\" name=\"{name}\"");
            if !c.ran {
                let _ = writeln!(
                    x,
                    "{head}><skipped message=\"rule did not run (disabled, or a drop rule, which only pagerev check runs)\"/></testcase>"
                );
                continue;
            }
            if c.shown.is_empty() && c.omitted == 0 {
                let _ = writeln!(x, "{head}/>");
                continue;
            }
            let _ = writeln!(x, "{head}>");
            for d in &c.shown {
                let _ = writeln!(
                    x,
                    "      <failure message=\"{}\" type=\"{}\">{}</failure>",
                    attr(&d.message),
                    d.severity,
                    text(&failure_text(d))
                );
            }
            if c.omitted > 0 {
                let _ = writeln!(
                    x,
                    "      <failure message=\"{} more findings not shown (output truncated)\" type=\"truncated\"/>",
                    c.omitted
                );
            }
            let _ = writeln!(x, "    </testcase>");
        }
        if omitted > 0 {
            let note = Truncation {
                limit: self.budget.truncated().map_or(0, |t| t.limit),
                omitted,
            };
            let _ = writeln!(x, "    <system-err>{}</system-err>", text(&note.message()));
        }
        let _ = writeln!(x, "  </testsuite>");
        self.suites.push(x);
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
        writeln!(
            out,
            "<testsuites name=\"pagerev\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"{}\">",
            self.tests, self.failures, self.skipped
        )?;
        for s in &self.suites {
            out.write_all(s.as_bytes())?;
        }
        writeln!(out, "</testsuites>")
    }
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

fn escape(s: &str, in_attribute: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
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
