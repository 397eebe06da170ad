//! `pagerev check PAGE…`: gate new revisions of pages (see [`crate::check`]) and report what a reviewer
//! needs: the changes since the previous revision, the findings the drop introduces, the state of the
//! baseline, and whether the records still match the reviewed snapshot.

use super::args::{CheckArgs, ColorArg, FailOn, ReportFormat};
use super::pages::{
    baseline_path, load_baseline, load_rules, load_snapshot, resolve, snapshot_path,
};
use super::Outcome;
use crate::check::{check, CheckInput, CheckResult, Review};
use crate::diagnostic::{Counts, Severity};
use crate::report::{self, diff_text, FileResult, Format};
use crate::rules::CheckContext;
use crate::source::SourceFile;
use serde_json::json;
use std::io::Write;

pub fn run(args: CheckArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let rules = load_rules(&args.rules)?;
    let targets = resolve(&args.page)?;
    let fail_on = match args.fail_on {
        FailOn::Error => Severity::Error,
        FailOn::Warning => Severity::Warning,
        FailOn::Info => Severity::Info,
    };
    let color = match args.color {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => {
            anstream::AutoStream::choice(&std::io::stdout()) != anstream::ColorChoice::Never
        }
    } && args.format == ReportFormat::Human;
    let ctx = CheckContext {
        today: Some(super::validate_cmd::today()),
    };

    let mut checked: Vec<(SourceFile, CheckResult, String)> = Vec::new();
    for target in &targets {
        let newest = target.newest.read()?;
        let previous = target.previous.as_ref().map(|p| p.read()).transpose()?;
        let snap_path = snapshot_path(&args.page.snapshots, &target.name);
        let base_path = baseline_path(&args.page.snapshots, &target.name);
        let snapshot = load_snapshot(&snap_path)?;
        let baseline = if args.no_baseline {
            None
        } else {
            load_baseline(&base_path)?
        };
        let snap_name = super::input::display_name(&snap_path);
        let input = CheckInput {
            page: &target.name,
            newest: &newest,
            previous: previous.as_ref(),
            rules: &rules,
            ctx,
            lang: args.page.lang.resolve(),
            threshold: args.threshold,
            baseline: baseline.as_ref(),
            reviewed: snapshot.as_ref().map(|s| (s, snap_name.as_str())),
        };
        let result = check(&input);
        checked.push((newest, result, super::input::display_name(&base_path)));
    }
    let failed = checked.iter().any(|(_, r, _)| fails(r, fail_on));
    match args.format {
        ReportFormat::Human => human(&checked, &args, color, out)?,
        ReportFormat::Json => json_document(&checked, failed, out)?,
        ReportFormat::Jsonl => {
            let mut reporter = report::reporter(Format::Jsonl, report::Options::default());
            for (source, r, _) in &checked {
                reporter.file(
                    out,
                    &FileResult {
                        source,
                        records: r.records,
                        diagnostics: &r.findings,
                    },
                )?;
            }
            reporter.finish(out)?;
        }
    }
    Ok(if failed {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

/// A page fails its check on a new finding at `fail_on` or above, or on records awaiting review.
fn fails(r: &CheckResult, fail_on: Severity) -> bool {
    r.findings.iter().any(|d| d.severity >= fail_on) || matches!(r.review, Review::Pending(_))
}

fn human(
    checked: &[(SourceFile, CheckResult, String)],
    args: &CheckArgs,
    color: bool,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let mut reporter = report::reporter(
        Format::Human,
        report::Options {
            color,
            files: checked.len(),
        },
    );
    let page_arg = |r: &CheckResult| {
        args.page
            .pages
            .first()
            .map_or_else(|| r.newest.clone(), |p| super::input::display_name(p))
    };
    for (source, r, baseline_file) in checked {
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
        reporter.file(
            out,
            &FileResult {
                source,
                records: r.records,
                diagnostics: &r.findings,
            },
        )?;
        if r.baselined > 0 {
            writeln!(out, "note: {} accepted finding{} not shown (baseline {baseline_file}; --no-baseline shows them)", r.baselined, if r.baselined == 1 { "" } else { "s" })?;
        }
        if !r.stale.is_empty() {
            writeln!(out, "note: {} baseline entr{} no longer occur{} (fixed): remove {} with `pagerev baseline write {}`", r.stale.len(), if r.stale.len() == 1 { "y" } else { "ies" }, if r.stale.len() == 1 { "s" } else { "" }, if r.stale.len() == 1 { "it" } else { "them" }, page_arg(r))?;
            for e in &r.stale {
                writeln!(
                    out,
                    "  stale: {} {} {}",
                    e.code,
                    e.record.as_deref().unwrap_or("-"),
                    e.message
                )?;
            }
        }
        match &r.review {
            Review::NoSnapshot => writeln!(out, "note: no reviewed snapshot of `{}` yet; accept the current records with `pagerev accept {}`", r.page, page_arg(r))?,
            Review::Matches => writeln!(out, "review: records match the reviewed snapshot")?,
            Review::Pending(diff) => {
                writeln!(out, "error: records differ from the reviewed snapshot: {}", diff_text::summary_counts(diff))?;
                writeln!(out)?;
                let opts = diff_text::TextOptions { color, context: 5, stat: false, show_cosmetic: false };
                diff_text::render(diff, &opts, out)?;
                writeln!(out, "  = help: review them with `pagerev review {0}`, or accept them all with `pagerev accept {0}`", page_arg(r))?;
            }
        }
        writeln!(out)?;
    }
    reporter.finish(out)?;
    let pending = checked
        .iter()
        .filter(|(_, r, _)| matches!(r.review, Review::Pending(_)))
        .count();
    let fail_on = match args.fail_on {
        FailOn::Error => Severity::Error,
        FailOn::Warning => Severity::Warning,
        FailOn::Info => Severity::Info,
    };
    let failing = checked.iter().filter(|(_, r, _)| fails(r, fail_on)).count();
    if failing == 0 {
        writeln!(
            out,
            "check: passed ({} page{})",
            checked.len(),
            if checked.len() == 1 { "" } else { "s" }
        )?;
    } else {
        writeln!(
            out,
            "check: FAILED ({failing} of {} page{}; {pending} awaiting review)",
            checked.len(),
            if checked.len() == 1 { "" } else { "s" }
        )?;
    }
    Ok(())
}

/// `--format json`: one document for the whole check.
fn json_document(
    checked: &[(SourceFile, CheckResult, String)],
    failed: bool,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let pages: Vec<serde_json::Value> = checked
        .iter()
        .map(|(_, r, baseline_file)| {
            let review = match &r.review {
                Review::NoSnapshot => json!({ "status": "no-snapshot" }),
                Review::Matches => json!({ "status": "matches" }),
                Review::Pending(d) => json!({ "status": "pending", "summary": d.summary, "changes": d.changes }),
            };
            json!({
                "page": r.page,
                "newest": r.newest,
                "previous": r.previous,
                "records": r.records,
                "findings": r.findings,
                "counts": Counts::of(&r.findings),
                "baseline": { "file": baseline_file, "accepted": r.baselined, "stale": r.stale },
                "changes": r.changes.as_ref().map(|d| json!({ "summary": d.summary, "changes": d.changes })),
                "review": review,
            })
        })
        .collect();
    let doc = json!({ "version": 1, "passed": !failed, "pages": pages });
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)?;
    Ok(())
}
