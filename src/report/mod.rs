//! Reporters: one module per output format. Each renders a model computed elsewhere (diagnostics, a diff,
//! a history) and computes nothing itself; nothing else in pagerev formats findings.
//!
//! A reporter is fed one page revision at a time ([`Reporter::file`]) and then finished
//! ([`Reporter::finish`]), so a run over many large files keeps only one source in memory. Output is
//! deterministic: files in the order given (the CLI sorts them), findings sorted by position and code, paths
//! as given (relative), no times.
//!
//! Every format escapes the corpus text it embeds for its own syntax (see each module's doc), so no page can
//! break a report or smuggle commands, markup or links into it. A report may be cut at a number of findings
//! ([`Options::max_findings`]; the Markdown summary has a limit by default); each format then says so in its
//! own way, and the summary counts still cover every finding.
//!
//! `pagerev check` and other commands that produce findings reuse these reporters by feeding them
//! [`FileResult`]s.

pub mod check;
pub mod control;
pub mod diff_html;
pub mod diff_json;
pub mod diff_markdown;
pub mod diff_text;
pub mod github;
pub mod history_text;
pub mod human;
pub mod json;
pub mod jsonl;
pub mod junit;
pub mod markdown;
pub mod sarif;

use crate::diagnostic::{Counts, Diagnostic, Location, Omitted};
use crate::source::SourceFile;
use std::io::{self, Write};

/// The output formats of findings (`pagerev validate` and `pagerev check`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// rustc-style text for people (the default).
    Human,
    /// One JSON document.
    Json,
    /// One JSON finding per line.
    Jsonl,
    /// GitHub Actions workflow commands (`::error file=…::…`), one per finding.
    Github,
    /// One SARIF 2.1.0 log.
    Sarif,
    /// JUnit XML: a test suite per file, a test case per rule.
    Junit,
    /// A Markdown summary for `$GITHUB_STEP_SUMMARY` or a pull-request comment.
    Markdown,
}

impl Format {
    /// Every format, in the order `--help` lists them.
    pub const ALL: [Format; 7] = [
        Format::Human,
        Format::Json,
        Format::Jsonl,
        Format::Github,
        Format::Sarif,
        Format::Junit,
        Format::Markdown,
    ];

    /// The format's name on the command line and in messages (`sarif`).
    pub fn name(self) -> &'static str {
        match self {
            Format::Human => "human",
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::Github => "github",
            Format::Sarif => "sarif",
            Format::Junit => "junit",
            Format::Markdown => "markdown",
        }
    }

    /// The format named `name` (case-insensitive), if any.
    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(name))
    }

    /// What the format is for, in a few words (`--help` shows it).
    pub fn description(self) -> &'static str {
        match self {
            Format::Human => "rustc-style text with the offending lines",
            Format::Json => "One JSON document",
            Format::Jsonl => "One JSON finding per line",
            Format::Github => {
                "GitHub Actions workflow commands: findings become annotations on the pull request"
            }
            Format::Sarif => "SARIF 2.1.0, for code scanning",
            Format::Junit => "JUnit XML: a test suite per file, a test case per rule",
            Format::Markdown => {
                "A Markdown summary for `$GITHUB_STEP_SUMMARY` or a pull-request comment"
            }
        }
    }
}

/// What a reporter is told about one checked page revision.
pub struct FileResult<'a> {
    /// The revision (reporters quote its lines).
    pub source: &'a SourceFile,
    /// Number of records the page parsed to.
    pub records: usize,
    /// The findings, in report order; owned when the caller no longer needs them, so a reporter that
    /// keeps findings until the end (JSON, SARIF) can take them without copying.
    pub diagnostics: std::borrow::Cow<'a, [Diagnostic]>,
    /// Findings of the revision counted but not kept, all after `diagnostics` in report order (see
    /// [`crate::rules::check_page_keeping`]): empty unless no report of the run shows them.
    pub omitted: Omitted,
}

impl FileResult<'_> {
    /// The revision's findings by severity, kept or not.
    pub fn counts(&self) -> Counts {
        let mut c = Counts::of(self.diagnostics.iter());
        c.merge(self.omitted.counts());
        c
    }
}

/// Renders the findings of a run.
pub trait Reporter {
    /// Reports one page revision's findings.
    fn file(&mut self, out: &mut dyn Write, result: FileResult<'_>) -> io::Result<()>;
    /// Writes whatever closes the report (summaries, the JSON document).
    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()>;
}

/// Options that change how a report looks, not what it says.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// ANSI colours (only when writing to a terminal that wants them).
    pub color: bool,
    /// How many files the run covers (the human report adds per-file summaries when more than one).
    pub files: usize,
    /// Show at most this many findings in the whole report (`None`: the format's default, which is no
    /// limit except for Markdown, see [`markdown::DEFAULT_MAX_FINDINGS`]). Counts and exit status still
    /// cover every finding, and the report says it was cut.
    pub max_findings: Option<usize>,
    /// Codes of the rules that ran (JUnit lists them as passing test cases, and rules that did not run as
    /// skipped). `None`: every rule of the registry counts as having run.
    pub rules_run: Option<Vec<&'static str>>,
}

/// The reporter for `format`. Feed it each page revision's findings, then finish it:
///
/// ```
/// use pagerev::diagnostic::{Diagnostic, Location, Position, Severity};
/// use pagerev::report::{reporter, FileResult, Format, Options};
/// use pagerev::source::SourceFile;
///
/// let source = SourceFile::from_text("p.txt", "Visits\n\n3 May 2021 – A visit.\n")?;
/// let (start, end) = (Position { line: 3, column: 1, byte: 8 }, Position { line: 3, column: 11, byte: 18 });
/// let finding = Diagnostic::new("PR009", "missing-title", Severity::Error, "entry has no title",
///     "p.txt", Location { start, end });
/// let mut out = Vec::new();
/// let mut github = reporter(Format::Github, Options::default());
/// github.file(&mut out, FileResult { source: &source, records: 1, diagnostics: vec![finding].into(),
///     omitted: Default::default() })?;
/// github.finish(&mut out)?;
/// assert!(String::from_utf8(out)?.starts_with("::error file=p.txt,line=3,"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn reporter(format: Format, options: Options) -> Box<dyn Reporter> {
    let limit = shown_at_most(format, options.max_findings);
    match format {
        Format::Human => Box::new(human::Human::new(options)),
        Format::Json => Box::new(json::Json::new(limit, options.files)),
        Format::Jsonl => Box::new(jsonl::Jsonl::new(limit)),
        Format::Github => Box::new(github::Github::new(limit)),
        Format::Sarif => Box::new(sarif::Sarif::new(limit)),
        Format::Junit => Box::new(junit::Junit::new(options)),
        Format::Markdown => Box::new(markdown::Markdown::new(
            limit.unwrap_or(markdown::DEFAULT_MAX_FINDINGS),
        )),
    }
}

/// How many findings a report in `format` shows at most with `--max-findings` `max_findings` (`None`: no
/// limit). A run whose reports all have a limit need keep no more findings than the largest.
pub fn shown_at_most(format: Format, max_findings: Option<usize>) -> Option<usize> {
    match format {
        Format::Markdown => Some(max_findings.unwrap_or(markdown::DEFAULT_MAX_FINDINGS)),
        _ => max_findings,
    }
}

/// Renders configuration problems in `format`, as findings of the files they are in (the human format
/// quotes their lines): a CI that reads the report sees a broken rules file where it is broken.
pub fn render_config(
    format: Format,
    problems: &crate::rules::config::Problems,
    options: Options,
    out: &mut dyn Write,
) -> io::Result<()> {
    let files = problems.by_file();
    let options = Options {
        files: files.len(),
        ..options
    };
    let mut r = reporter(format, options);
    for (source, diagnostics) in &files {
        r.file(
            out,
            FileResult {
                source,
                records: 0,
                diagnostics: diagnostics.as_slice().into(),
                omitted: Omitted::default(),
            },
        )?;
    }
    r.finish(out)
}

/// How many findings a report may still show, and how many it left out.
#[derive(Debug, Clone, Copy, Default)]
pub struct Budget {
    limit: Option<usize>,
    shown: usize,
    omitted: usize,
}

impl Budget {
    /// A budget of `limit` findings (`None`: unlimited).
    pub fn new(limit: Option<usize>) -> Self {
        Budget {
            limit,
            shown: 0,
            omitted: 0,
        }
    }

    /// The first findings of `diags` that fit the budget; the rest are counted as omitted.
    pub fn take<'d>(&mut self, diags: &'d [Diagnostic]) -> &'d [Diagnostic] {
        let room = self
            .limit
            .map_or(diags.len(), |l| l.saturating_sub(self.shown));
        let n = room.min(diags.len());
        self.shown += n;
        self.omitted += diags.len() - n;
        &diags[..n]
    }

    /// The first findings of a revision that fit the budget; the rest, and the findings it did not keep,
    /// are counted as omitted.
    pub fn take_file<'d>(&mut self, result: &'d FileResult<'_>) -> &'d [Diagnostic] {
        self.omitted += result.omitted.total();
        self.take(&result.diagnostics)
    }

    /// The limit, when findings were left out because of it.
    pub fn truncated(&self) -> Option<Truncation> {
        match self.limit {
            Some(limit) if self.omitted > 0 => Some(Truncation {
                limit,
                omitted: self.omitted,
            }),
            _ => None,
        }
    }
}

/// Findings a report left out because of a limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Truncation {
    /// The limit (`--max-findings`).
    pub limit: usize,
    /// How many findings were not shown.
    pub omitted: usize,
}

impl Truncation {
    /// `output truncated: 3 more findings not shown (limit: 1 finding, see --max-findings)`: plain text,
    /// each format escapes it like any other text.
    pub fn message(&self) -> String {
        format!(
            "output truncated: {} not shown (limit: {}, see --max-findings)",
            count(self.omitted, "more finding"),
            count(self.limit, "finding")
        )
    }
}

/// The last line and, when the region ends on it, the last column (1-based, *inclusive*) of a location
/// whose end is exclusive — the form GitHub annotations and people expect. A span ending at the start of a
/// line ends on the line before, with no column.
pub fn inclusive_end(loc: &Location) -> (u32, Option<u32>) {
    let (start, end) = (loc.start, loc.end);
    if end.line > start.line && end.column <= 1 {
        (end.line - 1, None)
    } else if end.line > start.line {
        (end.line, Some(end.column - 1))
    } else {
        (
            start.line,
            Some(end.column.saturating_sub(1).max(start.column)),
        )
    }
}

/// `error`, `warnings`: the text of every count, most severe first (`3 errors, 1 warning, 0 info`).
pub fn counts_text(c: &Counts) -> String {
    crate::diagnostic::Severity::ALL
        .iter()
        .map(|&s| count(c.get(s), s.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Running totals over the files of a run.
#[derive(Debug, Clone, Copy, Default)]
pub struct Totals {
    /// Files reported.
    pub files: usize,
    /// Records in them.
    pub records: usize,
    /// Findings by severity.
    pub counts: Counts,
}

impl Totals {
    /// Adds one file's result.
    pub fn add(&mut self, result: &FileResult<'_>) {
        self.files += 1;
        self.records += result.records;
        self.counts.merge(result.counts());
    }
}

/// A finding on one line: `file:line:column: message`, or the message alone for a problem in the command
/// line (a [`Diagnostic::config`] with no file). The CLI lists configuration problems so on standard
/// error, one line each.
pub fn one_line(d: &Diagnostic) -> String {
    if d.file.is_empty() {
        d.message.clone()
    } else {
        format!(
            "{}:{}:{}: {}",
            d.file, d.location.start.line, d.location.start.column, d.message
        )
    }
}

/// `1 error`, `2 warnings`, `0 info`: `n` and `word`, with the regular plural in -s (`info` has none).
/// The one place pagerev counts things in words.
pub fn count(n: usize, word: &str) -> String {
    match (n, word) {
        (_, "info") => format!("{n} info"),
        (1, _) => format!("{n} {word}"),
        _ => format!("{n} {word}s"),
    }
}

/// `1 entry`, `2 entries`: `n` with the singular or the plural form given.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
