//! `pagerev check`'s report, in every format: what a reviewer needs about each page — the changes since
//! the previous revision, the findings the drop introduces, the state of the baseline, and whether the
//! records still match the reviewed snapshot.
//!
//! The findings themselves go through the format's [`Reporter`](super::Reporter), as `validate`'s do;
//! this module adds what each format can say about the drop as a whole: the human report interleaves
//! per-page notes and a verdict line, `json` is one [`CheckDocument`] (schema: `docs/check-json.md`,
//! `docs/check-json.schema.json`), `github` adds a notice per stale baseline, and `markdown` a section
//! per page. JSONL, SARIF and JUnit carry the findings only.

use super::{diff_markdown, diff_text, plural, reporter, FileResult, Format, Options};
use crate::baseline::BaselineEntry;
use crate::check::{CheckResult, Review};
use crate::diagnostic::{Counts, Diagnostic, Severity};
use crate::diff::{PageDiff, RecordChange, Summary};
use crate::rules::config::Problems;
use crate::source::SourceFile;
use serde::Serialize;
use std::io::{self, Write};

/// One page, checked: its newest revision's text (reporters quote it), the result, and how reports
/// name its baseline file and the page itself in suggested commands.
#[derive(Debug)]
pub struct CheckedPage {
    /// The newest revision.
    pub source: SourceFile,
    /// What the check concluded.
    pub result: CheckResult,
    /// The page's baseline file, as reports name it (`snapshots/official-visits.baseline.yaml`).
    pub baseline_file: String,
    /// How a suggested command names the page (`pagerev accept corpus/official-visits`).
    pub page_arg: String,
}

impl CheckedPage {
    /// Whether the page fails its check: a new finding at `fail_on` or above (records awaiting review
    /// are one: `review-pending`).
    pub fn fails(&self, fail_on: Severity) -> bool {
        self.result.findings.iter().any(|d| d.severity >= fail_on)
    }

    /// The diff a reviewer must look at: the records awaiting review if any, else the changes since the
    /// previous revision; `None` when the page has neither a previous revision nor a reviewed snapshot.
    pub fn review_diff(&self) -> Option<&PageDiff> {
        match (&self.result.review, &self.result.changes) {
            (Review::Pending(d), _) => Some(d.as_ref()),
            (_, Some(d)) => Some(d),
            _ => None,
        }
    }

    fn file_result(&self) -> FileResult<'_> {
        FileResult {
            source: &self.source,
            records: self.result.records,
            diagnostics: std::borrow::Cow::Borrowed(&self.result.findings),
            omitted: Default::default(),
        }
    }
}

/// A whole `pagerev check` run, as its reports see it.
#[derive(Debug, Clone, Copy)]
pub struct CheckRun<'a> {
    /// The pages checked, in order.
    pub pages: &'a [CheckedPage],
    /// The least severe new finding that fails a page.
    pub fail_on: Severity,
    /// Where pages were looked for with `--base` (`corpus`), for the report of a run that found none.
    pub under: &'a str,
    /// The `--base` revision, if any.
    pub base: Option<&'a str>,
}

impl CheckRun<'_> {
    /// Whether any page fails (the run exits 1).
    pub fn failed(&self) -> bool {
        self.pages.iter().any(|c| c.fails(self.fail_on))
    }
}

/// Writes the report of `run` in `format`. `options` are the findings reporter's (colour applies to
/// the human format only).
pub fn render(
    format: Format,
    run: &CheckRun<'_>,
    options: Options,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Human => human(run, options, out),
        Format::Json => json(run, out),
        Format::Jsonl | Format::Github | Format::Sarif | Format::Junit | Format::Markdown => {
            // The findings in the chosen format, then what that format can say about the drop as a whole.
            let mut reporter = reporter(format, options);
            for c in run.pages {
                reporter.file(out, c.file_result())?;
            }
            reporter.finish(out)?;
            match format {
                Format::Github => github_notes(run, out),
                Format::Markdown => markdown_notes(run, out),
                _ => Ok(()),
            }
        }
    }
}

/// A baseline entry on one line, as listings show it: `PR015 2023-11-20-… the entry was removed` (`-`
/// for an entry about no record).
pub fn baseline_entry(e: &BaselineEntry) -> String {
    format!(
        "{} {} {}",
        e.code,
        e.record.as_deref().unwrap_or("-"),
        e.message
    )
}

/// `1 entry no longer occurs`, `2 entries no longer occur`, and how to drop them.
fn stale_note(stale: usize, page_arg: &str, what: &str) -> String {
    format!(
        "{} no longer occur{}{what} {} with `pagerev baseline prune {}`",
        plural(stale, "baseline entry", "baseline entries"),
        if stale == 1 { "s" } else { "" },
        if stale == 1 { "it" } else { "them" },
        page_arg
    )
}

fn human(run: &CheckRun<'_>, options: Options, out: &mut dyn Write) -> io::Result<()> {
    let color = options.color;
    if run.pages.is_empty() {
        writeln!(
            out,
            "check: passed (no page under `{}` changed since {}: nothing to check)",
            run.under,
            run.base.unwrap_or("the base")
        )?;
        return Ok(());
    }
    let mut reporter = reporter(Format::Human, options);
    for c in run.pages {
        let r = &c.result;
        match &r.previous {
            Some(p) => writeln!(out, "page {}: {} (previous revision {p})", r.page, r.newest)?,
            None => writeln!(
                out,
                "page {}: {} (no previous revision: drop rules not run)",
                r.page, r.newest
            )?,
        }
        if let Some(diff) = &r.changes {
            writeln!(
                out,
                "  changes since the previous revision: {}",
                diff_text::summary_counts(diff)
            )?;
        }
        writeln!(out)?;
        reporter.file(out, c.file_result())?;
        if r.baselined > 0 {
            writeln!(
                out,
                "note: {} not shown (baseline {}; --no-baseline shows them)",
                plural(r.baselined, "accepted finding", "accepted findings"),
                c.baseline_file
            )?;
        }
        if !r.stale.is_empty() {
            writeln!(
                out,
                "note: {}",
                stale_note(r.stale.len(), &c.page_arg, " (fixed): drop")
            )?;
            for e in &r.stale {
                writeln!(out, "  stale: {}", baseline_entry(e))?;
            }
        }
        match &r.review {
            Review::NoSnapshot => writeln!(
                out,
                "note: no reviewed snapshot of `{}` yet; accept the current records with `pagerev accept {}`",
                r.page, c.page_arg
            )?,
            Review::Matches => writeln!(out, "review: records match the reviewed snapshot")?,
            Review::Pending(diff) => {
                // The finding (review-pending) is among the findings above; here is what to review.
                writeln!(
                    out,
                    "review: records differ from the reviewed snapshot: {}",
                    diff_text::summary_counts(diff)
                )?;
                writeln!(out)?;
                let opts = diff_text::TextOptions {
                    color,
                    context: 5,
                    stat: false,
                    show_cosmetic: false,
                };
                diff_text::render(diff, &opts, out)?;
                writeln!(
                    out,
                    "  = help: review them with `pagerev review {0}`, or accept them all with `pagerev accept {0}`",
                    c.page_arg
                )?;
            }
        }
        writeln!(out)?;
    }
    reporter.finish(out)?;
    let failing = run.pages.iter().filter(|c| c.fails(run.fail_on)).count();
    let pending: Vec<usize> = run
        .pages
        .iter()
        .filter_map(|c| match &c.result.review {
            Review::Pending(d) => {
                Some(d.changes.iter().filter(|c| c.kind.is_substantive()).count())
            }
            _ => None,
        })
        .collect();
    let pages = plural(run.pages.len(), "page", "pages");
    let awaiting = if pending.is_empty() {
        String::new()
    } else {
        format!(
            "; {} of {} awaiting review",
            plural(pending.iter().sum(), "record", "records"),
            plural(pending.len(), "page", "pages")
        )
    };
    if failing == 0 {
        writeln!(out, "check: passed ({pages}{awaiting})")
    } else {
        writeln!(
            out,
            "check: FAILED ({failing} of {pages} failing{awaiting})"
        )
    }
}

/// The `pagerev check --format json` document (`docs/check-json.md`; JSON Schema
/// `docs/check-json.schema.json`). Written pretty-printed, every object's keys in alphabetical order.
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct CheckDocument<'a> {
    /// The document's version, [`CheckDocument::VERSION`]; a change that could break a reader bumps it.
    pub version: u32,
    /// True when no page fails: the run exits 0.
    pub passed: bool,
    /// One entry per page checked, in order.
    pub pages: Vec<PageReport<'a>>,
    /// Problems in the configuration that stopped the run before any page was checked (then `pages` is
    /// empty and `passed` false); absent when there are none.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub configuration: &'a [Diagnostic],
}

impl CheckDocument<'_> {
    /// The current version of the document.
    pub const VERSION: u32 = 1;
}

/// One page of a [`CheckDocument`].
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct PageReport<'a> {
    /// The page's name (its folder, or its file's stem).
    pub page: &'a str,
    /// The newest revision, as reports name it.
    pub newest: &'a str,
    /// The previous revision, when there is one (drop rules ran).
    pub previous: Option<&'a str>,
    /// Records of the newest revision.
    pub records: usize,
    /// The findings the baseline did not accept, in report order.
    pub findings: &'a [Diagnostic],
    /// Those findings by severity.
    pub counts: Counts,
    /// The baseline of accepted findings.
    pub baseline: BaselineReport<'a>,
    /// The record changes since the previous revision, when there is one.
    pub changes: Option<ChangesReport<'a>>,
    /// How the newest records compare with the reviewed snapshot.
    pub review: ReviewReport<'a>,
}

/// The baseline part of a [`PageReport`].
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct BaselineReport<'a> {
    /// The baseline file, as reports name it.
    pub file: &'a str,
    /// Findings the baseline accepted (not listed).
    pub accepted: usize,
    /// Baseline entries that no longer occur.
    pub stale: &'a [BaselineEntry],
}

/// Record changes: the summary and the changed records of a diff (as in `docs/diff-json.md`).
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct ChangesReport<'a> {
    /// Records of each primary kind.
    pub summary: &'a Summary,
    /// The changed records.
    pub changes: &'a [RecordChange],
}

/// The review part of a [`PageReport`], tagged by `status`.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "status", rename_all = "kebab-case")]
#[non_exhaustive]
pub enum ReviewReport<'a> {
    /// No reviewed snapshot yet.
    NoSnapshot,
    /// The records match the reviewed snapshot.
    Matches,
    /// The records differ from the reviewed snapshot: the diff from it to the newest revision.
    Pending {
        /// Records of each primary kind.
        summary: &'a Summary,
        /// The records that differ (and the others, unchanged or cosmetic).
        changes: &'a [RecordChange],
    },
}

impl<'a> CheckDocument<'a> {
    /// The document of `run`.
    pub fn of(run: &CheckRun<'a>) -> CheckDocument<'a> {
        let pages = run
            .pages
            .iter()
            .map(|c| {
                let r = &c.result;
                PageReport {
                    page: &r.page,
                    newest: &r.newest,
                    previous: r.previous.as_deref(),
                    records: r.records,
                    findings: &r.findings,
                    counts: Counts::of(&r.findings),
                    baseline: BaselineReport {
                        file: &c.baseline_file,
                        accepted: r.baselined,
                        stale: &r.stale,
                    },
                    changes: r.changes.as_ref().map(|d| ChangesReport {
                        summary: &d.summary,
                        changes: &d.changes,
                    }),
                    review: match &r.review {
                        Review::NoSnapshot => ReviewReport::NoSnapshot,
                        Review::Matches => ReviewReport::Matches,
                        Review::Pending(d) => ReviewReport::Pending {
                            summary: &d.summary,
                            changes: &d.changes,
                        },
                    },
                }
            })
            .collect();
        CheckDocument {
            version: Self::VERSION,
            passed: !run.failed(),
            pages,
            configuration: &[],
        }
    }

    /// The document of a run stopped by problems in its configuration.
    pub fn of_configuration(problems: &'a Problems) -> CheckDocument<'a> {
        CheckDocument {
            version: Self::VERSION,
            passed: false,
            pages: Vec::new(),
            configuration: &problems.diagnostics,
        }
    }
}

/// Writes the report of a `pagerev check` that problems in its configuration stopped, in `format`:
/// the [`CheckDocument`] with its `configuration` for JSON, the problems as findings otherwise.
pub fn render_config(
    format: Format,
    problems: &Problems,
    options: Options,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Json => write_document(&CheckDocument::of_configuration(problems), out),
        _ => super::render_config(format, problems, options, out),
    }
}

/// `--format json`: the [`CheckDocument`], pretty-printed, then a newline.
fn json(run: &CheckRun<'_>, out: &mut dyn Write) -> io::Result<()> {
    write_document(&CheckDocument::of(run), out)
}

fn write_document(doc: &CheckDocument<'_>, out: &mut dyn Write) -> io::Result<()> {
    // Through a `serde_json::Value`, whose objects keep their keys sorted: the document's keys are in
    // alphabetical order at every level, as readers of version 1 have always seen them.
    let doc = serde_json::to_value(doc)?;
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}

/// `--format github`: after the findings' annotations (records awaiting review are one of them), a
/// notice for stale baseline entries.
fn github_notes(run: &CheckRun<'_>, out: &mut dyn Write) -> io::Result<()> {
    use super::github::{escape_data, escape_property};
    for c in run.pages {
        let r = &c.result;
        if !r.stale.is_empty() {
            let message = stale_note(r.stale.len(), &c.page_arg, "; drop");
            writeln!(
                out,
                "::notice file={},title={}::{}",
                escape_property(&c.baseline_file),
                escape_property("pagerev baseline"),
                escape_data(&message)
            )?;
        }
    }
    Ok(())
}

/// `--format markdown`: after the findings summary, per page: the review state (with the record diff to
/// review), the baseline, and the record changes since the previous revision.
fn markdown_notes(run: &CheckRun<'_>, out: &mut dyn Write) -> io::Result<()> {
    use super::diff_markdown::MarkdownOptions;
    use super::markdown::{cell, code_span};
    let opts = MarkdownOptions {
        context: 5,
        stat: false,
        show_cosmetic: false,
    };
    for c in run.pages {
        let r = &c.result;
        writeln!(out, "\n## Page {}\n", code_span(&r.page))?;
        match &r.review {
            Review::Pending(diff) => {
                writeln!(
                    out,
                    "**Records differ from the reviewed snapshot** ({}): run `pagerev review {1}` or `pagerev accept {1}` and commit `snapshots/`.\n",
                    diff_text::summary_counts(diff),
                    cell(&c.page_arg)
                )?;
                diff_markdown::render(diff, &opts, out)?;
            }
            Review::Matches => writeln!(out, "Records match the reviewed snapshot.")?,
            Review::NoSnapshot => writeln!(out, "No reviewed snapshot yet (`pagerev accept`).")?,
        }
        if r.baselined > 0 || !r.stale.is_empty() {
            writeln!(
                out,
                "\nBaseline `{}`: {} not shown, {} no longer occurring.",
                cell(&c.baseline_file),
                plural(r.baselined, "accepted finding", "accepted findings"),
                plural(r.stale.len(), "entry", "entries")
            )?;
        }
        if let (Some(diff), false) = (&r.changes, matches!(r.review, Review::Pending(_))) {
            writeln!(out, "\n### Changes since the previous revision\n")?;
            diff_markdown::render(diff, &opts, out)?;
        }
    }
    Ok(())
}

/// The HTML report of one page (`check --html`): [`CheckedPage::review_diff`] with the page's new
/// findings; nothing is written when the page has no diff to show.
pub fn html(page: &CheckedPage, out: &mut dyn Write) -> io::Result<()> {
    use super::diff_html::{self, HtmlOptions};
    let opts = HtmlOptions {
        context: 5,
        show_cosmetic: false,
    };
    match page.review_diff() {
        Some(diff) => diff_html::render(diff, Some(&page.result.findings), &opts, out),
        None => Ok(()),
    }
}
