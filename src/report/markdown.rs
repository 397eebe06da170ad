//! `--format markdown`: a summary for `$GITHUB_STEP_SUMMARY` or a pull-request comment.
//!
//! ```markdown
//! ### pagerev: 3 errors, 1 warning, 0 info
//!
//! 1 file, 51 records checked.
//!
//! | Severity | Findings |
//! |---|---:|
//! | error | 3 |
//! …
//!
//! | Location | Rule | Severity | Message | Record |
//! |---|---|---|---|---|
//! | corpus/official-visits/2023-12.txt:6 | [PR003](…#pr003-imprecise-date) imprecise-date | warning | date \`December 2023\` … | 2023-12-… |
//!
//! … and 3 more findings (truncated: limit 1, see --max-findings)
//! ```
//!
//! The findings table is cut at a limit ([`DEFAULT_MAX_FINDINGS`] unless `--max-findings` says otherwise,
//! since comments and step summaries have size limits) and an explicit last line says how many were left
//! out; the counts above cover every finding.
//!
//! ## Escaping
//! Every piece of text in a table cell (messages, paths, record ids) goes through [`cell`]: backslash and
//! the Markdown punctuation that could start emphasis, code, links, images or headings (`` \ ` * _ [ ] ( )
//! # ! | ~ ``) are backslash-escaped, `&`, `<` and `>` become entities (no raw HTML, no entity tricks), and
//! line breaks become spaces, so corpus text can neither end a row or cell early nor add markup, HTML or
//! links. What GitHub links or pings in plain text — a bare `https://…`, `www.…`, `@user` — gets a
//! zero-width space (`&#8203;`) after its `:`, its first `w` or its `@`, so it stays text. Names shown as
//! code go through [`code_span`], whose fence is longer than any run of backticks inside.

use super::{count, counts_text, Budget, FileResult, Reporter, Totals};
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules;
use std::fmt::Write as _;
use std::io::{self, Write};

/// Findings listed when no `--max-findings` is given: enough for any sensible drop, small enough for a
/// pull-request comment (65,536 characters) and a step summary.
pub const DEFAULT_MAX_FINDINGS: usize = 100;

/// Collects the table and writes the summary at the end.
pub struct Markdown {
    totals: Totals,
    budget: Budget,
    rows: Vec<String>,
}

impl Markdown {
    /// A summary listing at most `limit` findings.
    pub fn new(limit: usize) -> Self {
        Markdown {
            totals: Totals::default(),
            budget: Budget::new(Some(limit)),
            rows: Vec::new(),
        }
    }
}

impl Reporter for Markdown {
    fn file(&mut self, _out: &mut dyn Write, result: FileResult<'_>) -> io::Result<()> {
        self.totals.add(&result);
        for d in self.budget.take_file(&result) {
            self.rows.push(row(d));
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let t = &self.totals;
        let mut s = String::new();
        let _ = writeln!(s, "### pagerev: {}\n", counts_text(&t.counts));
        let _ = writeln!(
            s,
            "{}, {} checked.\n",
            count(t.files, "file"),
            count(t.records, "record")
        );
        if t.counts.total() == 0 {
            s.push_str("No findings.\n");
            return out.write_all(s.as_bytes());
        }
        s.push_str("| Severity | Findings |\n|---|---:|\n");
        for sev in Severity::ALL {
            let _ = writeln!(s, "| {sev} | {} |", t.counts.get(sev));
        }
        s.push_str("\n| Location | Rule | Severity | Message | Record |\n|---|---|---|---|---|\n");
        for r in &self.rows {
            s.push_str(r);
        }
        if let Some(tr) = self.budget.truncated() {
            let _ = writeln!(
                s,
                "\n… and {} (truncated: limit {}, see --max-findings)",
                count(tr.omitted, "more finding"),
                tr.limit
            );
        }
        out.write_all(s.as_bytes())
    }
}

/// One table row.
fn row(d: &Diagnostic) -> String {
    let rule = match rules::lookup(d.code) {
        Some(info) => format!("[{}]({}) {}", d.code, info.docs_url(), cell(d.name)),
        None => format!("{} {}", cell(d.code), cell(d.name)),
    };
    // A problem in the command line (see `Diagnostic::config`) is about no file.
    let place = if d.file.is_empty() {
        "command line".to_string()
    } else {
        format!("{}:{}", cell(&d.file), d.location.start.line)
    };
    format!(
        "| {place} | {rule} | {} | {} | {} |\n",
        d.severity,
        cell(&d.message),
        d.record_id.as_deref().map(cell).unwrap_or_default()
    )
}

/// A zero-width space, as an entity: breaks what GitHub would otherwise autolink or ping.
const BREAK: &str = "&#8203;";

/// Escapes text for a table cell: see the module doc.
pub fn cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    let mut prev = ' ';
    while let Some(c) = chars.next() {
        let at_word_start = !prev.is_alphanumeric();
        prev = c;
        // Bare links and mentions: GitHub links `scheme://…` and `www.…` and pings `@user` (or mails
        // `a@b.c`) found in plain text; a zero-width space after the `:`, the `www` or the `@` stops it.
        match c {
            ':' if out.ends_with(|p: char| p.is_ascii_alphabetic())
                && chars.clone().take(2).eq(['/', '/']) =>
            {
                out.push(':');
                out.push_str(BREAK);
                continue;
            }
            'w' | 'W'
                if at_word_start && {
                    let next: String = chars.clone().take(3).collect();
                    next.eq_ignore_ascii_case("ww.")
                } =>
            {
                out.push(c);
                out.push_str(BREAK);
                continue;
            }
            '@' => {
                out.push('@');
                out.push_str(BREAK);
                continue;
            }
            _ => {}
        }
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '(' | ')' | '#' | '!' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push(' ');
                }
            }
            '\n' | '\u{2028}' | '\u{2029}' => out.push(' '),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

/// `s` as a code span that nothing in it can end early: fenced with one backtick more than the longest
/// run of backticks in it (CommonMark), padded with a space when it starts or ends with one, line breaks
/// as spaces, control characters as `\u{..}`, and `|` escaped (GitHub reads `\|` as `|` in a table cell,
/// where a bare one would end it). Inside a code span nothing is a link, a mention or markup.
pub fn code_span(s: &str) -> String {
    let mut body = String::with_capacity(s.len() + 4);
    for c in s.chars() {
        match c {
            '\n' | '\r' | '\u{2028}' | '\u{2029}' => body.push(' '),
            '|' => body.push_str("\\|"),
            c if c.is_control() => {
                let _ = write!(body, "\\u{{{:x}}}", c as u32);
            }
            c => body.push(c),
        }
    }
    let mut longest = 0;
    let mut run = 0;
    for c in body.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let pad = if body.starts_with(['`', ' ']) || body.ends_with(['`', ' ']) || body.is_empty() {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{body}{pad}{fence}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_links_and_mentions_are_broken() {
        assert_eq!(
            cell("see https://evil.example"),
            "see https:&#8203;//evil.example"
        );
        assert_eq!(cell("www.evil.example"), "w&#8203;ww.evil.example");
        assert_eq!(
            cell("ask @octocat or a@b.c"),
            "ask @&#8203;octocat or a@&#8203;b.c"
        );
        // Words that merely contain the letters are left alone.
        assert_eq!(cell("awww. 10:30 a:/b"), "awww. 10:30 a:/b");
    }

    #[test]
    fn code_spans_hold_backticks() {
        assert_eq!(code_span("a.txt"), "`a.txt`");
        assert_eq!(code_span("a`b"), "``a`b``");
        assert_eq!(code_span("``x"), "``` ``x ```");
        assert_eq!(code_span("a|b\nc"), "`a\\|b c`");
    }

    #[test]
    fn cells_cannot_break_the_table_or_add_markup() {
        assert_eq!(cell("a|b"), "a\\|b");
        assert_eq!(cell("a\\|b"), "a\\\\\\|b");
        assert_eq!(cell("<script>x</script>"), "&lt;script&gt;x&lt;/script&gt;");
        assert_eq!(cell("[x](http://e)"), "\\[x\\]\\(http:&#8203;//e\\)");
        assert_eq!(cell("`*_~"), "\\`\\*\\_\\~");
        assert_eq!(cell("a\r\nb\rc\nd"), "a b c d");
        assert_eq!(cell("&lt;"), "&amp;lt;");
    }
}
