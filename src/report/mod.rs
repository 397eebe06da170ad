//! Reporters: one module per output format. Each renders a model computed elsewhere (diagnostics, a diff,
//! a history) and computes nothing itself; nothing else in pagerev formats findings.
//!
//! A reporter is fed one page revision at a time ([`Reporter::file`]) and then finished
//! ([`Reporter::finish`]), so a run over many large files keeps only one source in memory. Output is
//! deterministic: files in the order given (the CLI sorts them), findings sorted by position and code, paths
//! as given (relative), no times.

pub mod diff_json;
pub mod diff_markdown;
pub mod diff_text;
pub mod history_text;
pub mod human;
pub mod json;
pub mod jsonl;

use crate::diagnostic::{Counts, Diagnostic};
use crate::source::SourceFile;
use std::io::{self, Write};

/// The output formats of `pagerev validate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// rustc-style text for people (the default).
    Human,
    /// One JSON document.
    Json,
    /// One JSON finding per line.
    Jsonl,
}

/// What a reporter is told about one checked page revision.
pub struct FileResult<'a> {
    pub source: &'a SourceFile,
    /// Number of records the page parsed to.
    pub records: usize,
    /// The findings, in report order.
    pub diagnostics: &'a [Diagnostic],
}

/// Renders the findings of a run.
pub trait Reporter {
    /// Reports one page revision's findings.
    fn file(&mut self, out: &mut dyn Write, result: &FileResult<'_>) -> io::Result<()>;
    /// Writes whatever closes the report (summaries, the JSON document).
    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()>;
}

/// Options that change how a report looks, not what it says.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// ANSI colours (only when writing to a terminal that wants them).
    pub color: bool,
    /// How many files the run covers (the human report adds per-file summaries when more than one).
    pub files: usize,
}

/// The reporter for `format`.
pub fn reporter(format: Format, options: Options) -> Box<dyn Reporter> {
    match format {
        Format::Human => Box::new(human::Human::new(options)),
        Format::Json => Box::new(json::Json::default()),
        Format::Jsonl => Box::new(jsonl::Jsonl),
    }
}

/// Running totals over the files of a run.
#[derive(Debug, Clone, Copy, Default)]
pub struct Totals {
    pub files: usize,
    pub records: usize,
    pub counts: Counts,
}

impl Totals {
    /// Adds one file's result.
    pub fn add(&mut self, result: &FileResult<'_>) {
        self.files += 1;
        self.records += result.records;
        self.counts.merge(Counts::of(result.diagnostics));
    }
}

/// `1 error`, `2 warnings`, `0 info`.
pub fn plural(n: usize, word: &str) -> String {
    match (n, word) {
        (_, "info") => format!("{n} info"),
        (1, _) => format!("{n} {word}"),
        _ => format!("{n} {word}s"),
    }
}
