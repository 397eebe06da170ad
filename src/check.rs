//! Gating a new revision of a page: everything `pagerev check` decides, as one plain function from the
//! revisions (and the page's reviewed state) to a result the CLI renders.
//!
//! A check validates the newest revision with the page rules, compares it with the previous revision with
//! the drop rules, drops the findings the page's baseline accepts (reporting baseline entries that no
//! longer occur), and compares the newest records with the reviewed snapshot.

use crate::baseline::{Baseline, BaselineEntry};
use crate::diagnostic::Diagnostic;
use crate::diff::{diff_pages, DiffOptions, PageDiff};
use crate::parse::ParseOptions;
use crate::rules::config::RuleSet;
use crate::rules::{check_drop, check_page, check_review, CheckContext, DropInput, ReviewInput};
use crate::snapshot::RecordsSnapshot;
use crate::source::SourceFile;

/// What a check is given.
pub struct CheckInput<'a> {
    /// The page's name (its folder, or its file's stem): names the baseline and snapshot files.
    pub page: &'a str,
    /// The newest revision: the one checked.
    pub newest: &'a SourceFile,
    /// The revision before it, if any (drop rules compare the two).
    pub previous: Option<&'a SourceFile>,
    /// The rules to run.
    pub rules: &'a RuleSet,
    /// What rules need to know about the run (today's date).
    pub ctx: CheckContext,
    /// How to read the page's revisions (language, pinned profile).
    pub options: &'a ParseOptions,
    /// Record-matching threshold of the diff.
    pub threshold: f64,
    /// The accepted findings, unless the baseline is ignored or absent.
    pub baseline: Option<&'a Baseline>,
    /// The reviewed records and the name of the file they came from.
    pub reviewed: Option<(&'a RecordsSnapshot, &'a str)>,
    /// How the user names the page in a command (`corpus/official-visits`), for the help of findings.
    pub page_arg: &'a str,
}

/// The reviewed records of `snapshot` (read from the file `name`) as a page to diff against. A version 2
/// snapshot stores every field the diff compares and is used as it is; a version 1 snapshot is rendered
/// back to page text (kept in `rendered`) and parsed with `options`.
pub fn reviewed_page<'a>(
    snapshot: &'a RecordsSnapshot,
    name: &'a str,
    options: &ParseOptions,
    lang: crate::lang::Lang,
    rendered: &'a mut Option<SourceFile>,
) -> crate::record::Page<'a> {
    if let Some(Ok(mut page)) = snapshot.to_page(name) {
        page.lang = lang;
        return page;
    }
    *rendered = SourceFile::from_text(name, snapshot.to_page_text()).ok();
    match rendered.as_ref() {
        Some(src) => crate::parse::parse_with(src, options),
        // A snapshot of a page without records renders to no text at all.
        None => crate::record::Page {
            file: name,
            lang,
            title: None,
            preamble: Vec::new(),
            records: Vec::new(),
        },
    }
}

/// How the newest records compare with the reviewed snapshot.
#[derive(Debug)]
#[non_exhaustive]
pub enum Review {
    /// The page has no reviewed snapshot yet (`pagerev accept` creates it).
    NoSnapshot,
    /// The records are those reviewed (cosmetic differences aside).
    Matches,
    /// The records differ from those reviewed: the diff from the snapshot to the newest revision.
    Pending(Box<PageDiff>),
}

/// What a check concluded for one page.
#[derive(Debug)]
#[non_exhaustive]
pub struct CheckResult {
    /// The page's name.
    pub page: String,
    /// The newest revision, as reports name it.
    pub newest: String,
    /// The previous revision, if there was one.
    pub previous: Option<String>,
    /// Records of the newest revision.
    pub records: usize,
    /// Findings not accepted by the baseline, in report order: these fail the check.
    pub findings: Vec<Diagnostic>,
    /// Findings the baseline accepted.
    pub baselined: usize,
    /// Baseline entries that no longer occur.
    pub stale: Vec<BaselineEntry>,
    /// The record diff from the previous revision (changed records only).
    pub changes: Option<PageDiff>,
    /// How the newest records compare with the reviewed snapshot.
    pub review: Review,
}

/// Checks one page. Findings are located in the newest revision.
pub fn check(input: &CheckInput<'_>) -> CheckResult {
    let newest = crate::parse::parse_with(input.newest, input.options);
    let mut findings = check_page(input.rules, input.newest, &newest, &input.ctx);
    let mut changes = None;
    if let Some(prev_src) = input.previous {
        let previous = crate::parse::parse_with(prev_src, input.options);
        let opts = DiffOptions {
            threshold: input.threshold,
            include_unchanged: true,
            ..Default::default()
        };
        let diff = diff_pages(&previous, &newest, &opts);
        let drop_input =
            DropInput::new(prev_src, &previous, &newest, &diff).page_arg(input.page_arg);
        findings.extend(check_drop(
            input.rules,
            input.newest,
            &drop_input,
            &input.ctx,
        ));
        crate::diagnostic::sort(&mut findings);
        changes = Some(without_unchanged(diff));
    }
    let (mut findings, baselined, stale) = match input.baseline {
        Some(b) => {
            let split = b.split(findings, input.newest);
            (split.new, split.baselined, split.stale)
        }
        None => (findings, 0, Vec::new()),
    };
    let review = match input.reviewed {
        None => Review::NoSnapshot,
        Some((snapshot, name)) => {
            let mut rendered = None;
            let reviewed = reviewed_page(snapshot, name, input.options, newest.lang, &mut rendered);
            let opts = DiffOptions {
                threshold: input.threshold,
                ..Default::default()
            };
            let diff = diff_pages(&reviewed, &newest, &opts);
            if diff.equivalent {
                Review::Matches
            } else {
                // Never baselined: a pending review is resolved by reviewing, not by accepting a finding.
                let review_input = ReviewInput {
                    new: &newest,
                    diff: &diff,
                    page_arg: input.page_arg,
                };
                findings.extend(check_review(
                    input.rules,
                    input.newest,
                    &review_input,
                    &input.ctx,
                ));
                crate::diagnostic::sort(&mut findings);
                Review::Pending(Box::new(diff))
            }
        }
    };
    CheckResult {
        page: input.page.to_string(),
        newest: input.newest.name().to_string(),
        previous: input.previous.map(|p| p.name().to_string()),
        records: newest.records.len(),
        findings,
        baselined,
        stale,
        changes,
        review,
    }
}

/// Every finding of the page, before the baseline: what `pagerev baseline write` records.
pub fn all_findings(input: &CheckInput<'_>) -> Vec<Diagnostic> {
    let unbaselined = CheckInput {
        baseline: None,
        reviewed: None,
        ..*input
    };
    check(&unbaselined).findings
}

fn without_unchanged(mut diff: PageDiff) -> PageDiff {
    diff.changes
        .retain(|c| c.kind != crate::diff::ChangeKind::Unchanged);
    diff
}
