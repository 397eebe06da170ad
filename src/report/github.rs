//! `--format github`: GitHub Actions workflow commands, so findings show up as annotations on the pull
//! request's changed files.
//!
//! ```text
//! ::error file=corpus/official-visits/2023-12.txt,line=362,col=1,endLine=364,endColumn=80,title=PR004 duplicated-caption::caption appears 3 times in …
//! ::warning file=…,line=6,col=1,endLine=6,endColumn=13,title=PR003 imprecise-date::date `December 2023` gives only the month, not the day
//! pagerev: 3 errors, 1 warning, 0 info in 1 file (51 records checked)
//! ```
//!
//! One command per finding (`::error`, `::warning`, `::notice` for info), then a plain summary line (not a
//! command, so the number of `::` lines is the number of findings shown). `endColumn` is inclusive, as
//! GitHub reads it. When `--max-findings` cut the output, a `::warning title=pagerev::output truncated: …`
//! line says so before the summary.
//!
//! ## Escaping
//! The runner reads a line starting with `::` as a command, and unescapes `%25`, `%0D` and `%0A` in its
//! message (plus `%3A` and `%2C` in property values). So every value is escaped following the runner's own
//! rules: in the message `%`→`%25`, `\r`→`%0D`, `\n`→`%0A`; in properties additionally `:`→`%3A` and
//! `,`→`%2C`. Corpus text can then never start a line, end the command early or add a property; a `::` in
//! a message is plain text, since only the first `::` after the properties ends them.

use super::{count, counts_text, inclusive_end, Budget, FileResult, Reporter, Totals};
use crate::diagnostic::{Diagnostic, Severity};
use std::io::{self, Write};

/// Writes one workflow command per finding.
pub struct Github {
    totals: Totals,
    budget: Budget,
}

impl Github {
    /// A reporter that annotates at most `limit` findings.
    pub fn new(limit: Option<usize>) -> Self {
        Github {
            totals: Totals::default(),
            budget: Budget::new(limit),
        }
    }
}

impl Reporter for Github {
    fn file(&mut self, out: &mut dyn Write, result: FileResult<'_>) -> io::Result<()> {
        self.totals.add(&result);
        for d in self.budget.take_file(&result) {
            writeln!(out, "{}", command(d))?;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if let Some(t) = self.budget.truncated() {
            writeln!(
                out,
                "::warning title=pagerev::{}",
                escape_data(&t.message())
            )?;
        }
        let t = &self.totals;
        writeln!(
            out,
            "pagerev: {} in {} ({} checked)",
            counts_text(&t.counts),
            count(t.files, "file"),
            count(t.records, "record")
        )
    }
}

/// The workflow command of one finding.
pub fn command(d: &Diagnostic) -> String {
    let level = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    let title = ("title", escape_property(&format!("{} {}", d.code, d.name)));
    if d.file.is_empty() {
        // A problem in the command line (see `Diagnostic::config`) is about no file: no place to annotate.
        let (k, v) = title;
        return format!("::{level} {k}={v}::{}", escape_data(&d.message));
    }
    let start = d.location.start;
    let (end_line, end_column) = inclusive_end(&d.location);
    let mut props = vec![
        ("file", escape_property(&d.file)),
        ("line", start.line.to_string()),
        ("col", start.column.to_string()),
        ("endLine", end_line.to_string()),
    ];
    if let Some(c) = end_column {
        props.push(("endColumn", c.to_string()));
    }
    props.push(title);
    let props: Vec<String> = props.into_iter().map(|(k, v)| format!("{k}={v}")).collect();
    format!("::{level} {}::{}", props.join(","), escape_data(&d.message))
}

/// Escapes a command's message: `%`, `\r` and `\n`.
pub fn escape_data(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes a property value: as [`escape_data`], plus `:` and `,` (its own escapes have neither).
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_and_properties_are_escaped_by_the_runners_rules() {
        assert_eq!(
            escape_data("50% done\r\n::error::pwned"),
            "50%25 done%0D%0A::error::pwned"
        );
        assert_eq!(escape_data("%0A"), "%250A");
        assert_eq!(escape_property("a,b:c%\nd"), "a%2Cb%3Ac%25%0Ad".to_string());
    }
}
