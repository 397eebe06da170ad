//! Findings as plain data. A [`Diagnostic`] says what is wrong, where, and how bad; it holds no formatting.
//! Reporters in [`crate::report`] render it, so the same finding can be shown to a person or written as
//! JSON, JSONL, SARIF, JUnit, Markdown or GitHub annotations without the rules knowing.

use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

/// The code of a problem in pagerev's own configuration — a rules file, `pagerev.yaml`, a `page.yaml`, or
/// a command-line option — rather than in a page. Such problems stop the run (exit status 2) and are
/// reported like findings, so a CI that reads SARIF or annotations sees a broken rules file where it is.
pub const CONFIG_CODE: &str = "config";

/// The name of [`CONFIG_CODE`] problems.
pub const CONFIG_NAME: &str = "invalid-configuration";

/// How bad a finding is. Ordered: `Info < Warning < Error`, so `severity >= fail_on` decides the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; never fails a run unless `--fail-on info`.
    Info,
    /// Probably wrong; fails a run with `--fail-on warning`.
    Warning,
    /// Wrong; fails a run by default.
    Error,
}

impl Severity {
    /// All levels, most severe first (the order summaries list them in).
    pub const ALL: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];

    /// The lower-case name used in configuration, on the command line and in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// Parses `error`, `warning` or `info`.
    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "error" => Some(Severity::Error),
            "warning" => Some(Severity::Warning),
            "info" => Some(Severity::Info),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A point in a file: 1-based line and column (columns count characters, as editors do) and the byte
/// offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Position {
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
    /// 0-based byte offset in the file.
    pub byte: u32,
}

impl Position {
    /// The start of a file: line 1, column 1, byte 0.
    pub const START: Position = Position {
        line: 1,
        column: 1,
        byte: 0,
    };
}

/// A range of a file, `end` exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Location {
    /// Where the range starts.
    pub start: Position,
    /// Where it ends (exclusive).
    pub end: Position,
}

impl Location {
    /// The empty range at `at`.
    pub fn at(at: Position) -> Location {
        Location { start: at, end: at }
    }
}

/// A second place a finding refers to: the record it clashes with, the first occurrence of a repeat.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Related {
    /// What that place is, e.g. `first shown here` or `the entry above it, dated 2019-12-02`.
    pub message: String,
    /// The id of the record there, when it is a record.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record_id: Option<String>,
    /// The file of that place, as reports name it (shared by every finding of that file).
    pub file: Arc<str>,
    /// The place in that file.
    pub location: Location,
}

/// One finding of one rule on one page revision.
///
/// A page can have millions of findings, held until the page is reported (they are sorted first), so a
/// finding is kept small: the file name is shared by every finding of the file, help texts are usually
/// the rule's own `&'static str`, the related place (rare) is boxed, and the record id is exactly its
/// text. See RELIABILITY.md (attack 12) for what a finding costs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Diagnostic {
    /// Stable rule code, e.g. `PR004`.
    pub code: &'static str,
    /// Rule name, e.g. `duplicated-caption`.
    pub name: &'static str,
    /// How bad the finding is.
    pub severity: Severity,
    /// What is wrong, in one sentence.
    pub message: String,
    /// The record the finding is about, when it is about one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record_id: Option<Box<str>>,
    /// The record's 0-based position on the page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record_index: Option<usize>,
    /// The page revision, as a relative path (shared by every finding of the file).
    pub file: Arc<str>,
    /// Where in the file.
    pub location: Location,
    /// A second place the finding refers to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub related: Option<Box<Related>>,
    /// How to fix it: usually a fixed text of the rule (borrowed), sometimes made for the finding.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<Cow<'static, str>>,
}

impl Diagnostic {
    /// A finding of the rule `code` (named `name`) about `location` in `file`, about no record, with no
    /// related place and no help: add those with [`Diagnostic::with_record`], [`Diagnostic::with_related`]
    /// and [`Diagnostic::with_help`].
    ///
    /// ```
    /// use pagerev::diagnostic::{Diagnostic, Location, Position, Severity};
    ///
    /// let at = Position { line: 3, column: 1, byte: 40 };
    /// let d = Diagnostic::new("PR002", "missing-date", Severity::Error, "entry has no date",
    ///     "page.txt", Location { start: at, end: at })
    ///     .with_help("add the date at the start of the lead");
    /// assert_eq!(d.help.as_deref(), Some("add the date at the start of the lead"));
    /// ```
    pub fn new(
        code: &'static str,
        name: &'static str,
        severity: Severity,
        message: impl Into<String>,
        file: impl Into<Arc<str>>,
        location: Location,
    ) -> Diagnostic {
        Diagnostic {
            code,
            name,
            severity,
            message: message.into(),
            record_id: None,
            record_index: None,
            file: file.into(),
            location,
            related: None,
            help: None,
        }
    }

    /// A problem in the configuration (see [`CONFIG_CODE`]): an error at `location` of `file`, or, with an
    /// empty `file`, in the command line (`location` is then 1:1).
    pub fn config(
        message: impl Into<String>,
        file: impl Into<Arc<str>>,
        location: Location,
    ) -> Diagnostic {
        Diagnostic::new(
            CONFIG_CODE,
            CONFIG_NAME,
            Severity::Error,
            message,
            file,
            location,
        )
    }

    /// True for a problem in the configuration (see [`Diagnostic::config`]).
    pub fn is_config(&self) -> bool {
        self.code == CONFIG_CODE
    }

    /// The finding, about the record `id` (`index`: its position on the page, when known).
    pub fn with_record(mut self, id: impl Into<Box<str>>, index: Option<usize>) -> Diagnostic {
        self.record_id = Some(id.into());
        self.record_index = index;
        self
    }

    /// The finding, referring to a second place.
    pub fn with_related(mut self, related: Related) -> Diagnostic {
        self.related = Some(Box::new(related));
        self
    }

    /// The finding, with help on how to fix it.
    pub fn with_help(mut self, help: impl Into<Cow<'static, str>>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// The order reports use: file, position, code, then message (so equal-position findings are stable).
    pub fn sort_key(&self) -> (&str, u32, u32, &str, &str) {
        (
            &self.file,
            self.location.start.byte,
            self.location.end.byte,
            self.code,
            &self.message,
        )
    }
}

/// Sorts findings into report order (see [`Diagnostic::sort_key`]); findings with the same key keep their
/// order.
///
/// The order is found by sorting positions (a stable sort of the findings themselves would take a buffer
/// of half of them, which on a page of millions of findings is a hundred megabytes), then the findings are
/// moved into it in place.
pub fn sort(diags: &mut [Diagnostic]) {
    let mut order: Vec<usize> = (0..diags.len()).collect();
    order.sort_by(|&a, &b| diags[a].sort_key().cmp(&diags[b].sort_key()));
    // `order[i]` is the finding that goes to `i`. Each cycle of the permutation is walked once, marking
    // the places it fills as done (`order[j] == j`).
    for start in 0..order.len() {
        let mut at = start;
        while order[at] != at {
            let from = order[at];
            order[at] = at;
            if from == start {
                break;
            }
            diags.swap(at, from);
            at = from;
        }
    }
}

/// Number of findings at each severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Findings at [`Severity::Error`].
    pub error: usize,
    /// Findings at [`Severity::Warning`].
    pub warning: usize,
    /// Findings at [`Severity::Info`].
    pub info: usize,
}

impl Counts {
    /// Counts `diags` by severity.
    pub fn of<'a>(diags: impl IntoIterator<Item = &'a Diagnostic>) -> Counts {
        let mut c = Counts::default();
        for d in diags {
            c.add(d.severity);
        }
        c
    }

    /// Counts one more finding of `severity`.
    pub fn add(&mut self, severity: Severity) {
        match severity {
            Severity::Error => self.error += 1,
            Severity::Warning => self.warning += 1,
            Severity::Info => self.info += 1,
        }
    }

    /// The count at `severity`.
    pub fn get(&self, severity: Severity) -> usize {
        match severity {
            Severity::Error => self.error,
            Severity::Warning => self.warning,
            Severity::Info => self.info,
        }
    }

    /// Total of all severities.
    pub fn total(&self) -> usize {
        self.error + self.warning + self.info
    }

    /// Adds another file's counts.
    pub fn merge(&mut self, other: Counts) {
        self.error += other.error;
        self.warning += other.warning;
        self.info += other.info;
    }
}

/// Findings counted but not kept: those past the first `N` of a page, when no report shows more than `N`
/// (`--max-findings`). Reports count them in their totals, their exit status and what they say was left
/// out, without holding them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Omitted {
    /// How many of each rule at each severity, in code order.
    pub rules: Vec<OmittedRule>,
}

/// How many findings of one rule, at one severity, were counted but not kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OmittedRule {
    /// The rule's code.
    pub code: &'static str,
    /// The rule's name.
    pub name: &'static str,
    /// The findings' severity.
    pub severity: Severity,
    /// How many.
    pub count: usize,
}

impl Omitted {
    /// Counts `n` more findings of the rule `code` (`name`) at `severity`.
    pub fn add(&mut self, code: &'static str, name: &'static str, severity: Severity, n: usize) {
        if n == 0 {
            return;
        }
        match self
            .rules
            .binary_search_by(|r| (r.code, r.severity).cmp(&(code, severity)))
        {
            Ok(i) => self.rules[i].count += n,
            Err(i) => self.rules.insert(
                i,
                OmittedRule {
                    code,
                    name,
                    severity,
                    count: n,
                },
            ),
        }
    }

    /// Counts one more finding like `d`.
    pub fn add_finding(&mut self, d: &Diagnostic) {
        self.add(d.code, d.name, d.severity, 1);
    }

    /// The omitted findings by severity.
    pub fn counts(&self) -> Counts {
        let mut c = Counts::default();
        for r in &self.rules {
            match r.severity {
                Severity::Error => c.error += r.count,
                Severity::Warning => c.warning += r.count,
                Severity::Info => c.info += r.count,
            }
        }
        c
    }

    /// How many findings were omitted.
    pub fn total(&self) -> usize {
        self.rules.iter().map(|r| r.count).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn severities_order_from_info_to_error() {
        assert!(Severity::Info < Severity::Warning && Severity::Warning < Severity::Error);
        assert_eq!(Severity::parse("warning"), Some(Severity::Warning));
        assert_eq!(Severity::parse("fatal"), None);
    }

    #[test]
    fn sorting_orders_by_key_and_keeps_the_order_of_equal_keys() {
        let at = |byte: u32| {
            Location::at(Position {
                line: 1,
                column: byte + 1,
                byte,
            })
        };
        let d = |byte: u32, help: &'static str| {
            Diagnostic::new(
                "PR001",
                "date-order",
                Severity::Error,
                "m",
                "p.txt",
                at(byte),
            )
            .with_help(help)
        };
        // Cycles of several lengths, and equal keys (2) in the order they came.
        let mut diags = vec![
            d(5, "5"),
            d(2, "2a"),
            d(0, "0"),
            d(7, "7"),
            d(2, "2b"),
            d(1, "1"),
            d(6, "6"),
            d(3, "3"),
            d(2, "2c"),
            d(4, "4"),
        ];
        sort(&mut diags);
        let helps: Vec<&str> = diags.iter().filter_map(|d| d.help.as_deref()).collect();
        assert_eq!(helps, ["0", "1", "2a", "2b", "2c", "3", "4", "5", "6", "7"]);
        assert!(diags.iter().all(|d| d.file.as_ref() == "p.txt"));
    }
}
