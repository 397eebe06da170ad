//! `pagerev check PAGE…`: gate new revisions of pages (see [`pagerev::check`]) and report what a reviewer
//! needs: the changes since the previous revision, the findings the drop introduces, the state of the
//! baseline, and whether the records still match the reviewed snapshot.

use super::args::{CheckArgs, ReportFormat};
use super::pages::{baseline_path, load_baseline, load_snapshot, resolve_changed, snapshot_path};
use super::rule_config::{load_rules, rules_for};
use super::Outcome;
use pagerev::check::{check, CheckInput, CheckResult, Review};
use pagerev::diagnostic::{Counts, Severity};
use pagerev::report::{self, diff_text, FileResult, Format};
use pagerev::rules::CheckContext;
use pagerev::source::SourceFile;
use serde_json::json;
use std::io::Write;

/// One page, checked: its newest revision's text (reporters quote it), the result, and the name of its
/// baseline file.
struct CheckedPage {
    source: SourceFile,
    result: CheckResult,
    baseline_file: String,
}

pub fn run(args: CheckArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let rules = load_rules(&args.rules)?;
    for o in &args.report.outputs {
        super::report_file::check_folder(&o.path, o.format.name())?;
    }
    if let Some(html) = &args.html {
        super::report_file::check_folder(html, "html")?;
    }
    // What the results depend on besides the pages: a change to it re-checks every page.
    let config: Vec<String> = args
        .rules
        .config
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .chain(["pagerev.yaml".to_string(), "rules".to_string()])
        .collect();
    let config: Vec<&str> = config.iter().map(String::as_str).collect();
    let targets = resolve_changed(&args.page, &config)?;
    let fail_on = args.report.fail_on.severity();
    let ctx = CheckContext {
        today: Some(super::rule_config::today()),
    };

    let mut checked: Vec<CheckedPage> = Vec::new();
    for target in &targets {
        let page_rules = rules_for(
            &rules,
            &args.rules,
            &super::page_config::spec_path(&target.newest),
        )?;
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
        let arg = page_arg(&args, newest.name());
        let input = CheckInput {
            page: &target.name,
            newest: &newest,
            previous: previous.as_ref(),
            rules: &page_rules,
            ctx,
            options: &super::page_config::parse_options_for_spec(
                args.page.lang,
                args.page.profile.as_deref(),
                &target.newest,
            )?,
            threshold: args.threshold,
            baseline: baseline.as_ref(),
            reviewed: snapshot.as_ref().map(|s| (s, snap_name.as_str())),
            page_arg: &arg,
        };
        let result = check(&input);
        checked.push(CheckedPage {
            source: newest,
            result,
            baseline_file: super::input::display_name(&base_path),
        });
    }
    let failed = checked.iter().any(|c| fails(&c.result, fail_on));
    if let Some(path) = &args.html {
        write_html(&checked, path)?;
    }
    // The main report on standard output, then each `--output FORMAT=PATH` rendered the same way.
    render(
        args.report.format,
        super::color(),
        &checked,
        &args,
        &rules,
        failed,
        out,
    )?;
    for o in &args.report.outputs {
        let mut bytes = Vec::new();
        render(o.format, false, &checked, &args, &rules, failed, &mut bytes)?;
        super::report_file::write_report(&o.path, &bytes, o.format.name())?;
    }
    Ok(if failed {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

/// The check's report in `format`.
fn render(
    format: ReportFormat,
    color: bool,
    checked: &[CheckedPage],
    args: &CheckArgs,
    rules: &pagerev::rules::config::RuleSet,
    failed: bool,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let options = report::Options {
        color: color && format == ReportFormat::Human,
        files: checked.len(),
        max_findings: args.report.max_findings,
        rules_run: Some(rules.enabled().map(|r| r.info.code).collect()),
    };
    match format {
        ReportFormat::Human => human(checked, args, options, out)?,
        ReportFormat::Json => json_document(checked, failed, out)?,
        other => {
            // The findings in the chosen format, then what that format can say about the drop as a whole.
            let mut reporter = report::reporter(other.format(), options);
            for c in checked {
                reporter.file(out, file_result(c))?;
            }
            reporter.finish(out)?;
            match other {
                ReportFormat::Github => github_notes(checked, args, out)?,
                ReportFormat::Markdown => markdown_notes(checked, args, out)?,
                _ => {}
            }
        }
    }
    Ok(())
}

fn file_result(c: &CheckedPage) -> FileResult<'_> {
    FileResult {
        source: &c.source,
        records: c.result.records,
        diagnostics: std::borrow::Cow::Borrowed(&c.result.findings),
    }
}

/// A page fails its check on a new finding at `fail_on` or above (records awaiting review are one:
/// `review-pending`).
fn fails(r: &CheckResult, fail_on: Severity) -> bool {
    r.findings.iter().any(|d| d.severity >= fail_on)
}

/// How to name a page in a suggested command: as the user named it, or by its newest revision.
fn page_arg(args: &CheckArgs, newest: &str) -> String {
    match args.page.pages.as_slice() {
        [one] => super::input::display_name(one),
        _ => newest.to_string(),
    }
}

use pagerev::report::plural;

fn human(
    checked: &[CheckedPage],
    args: &CheckArgs,
    options: report::Options,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let color = options.color;
    if checked.is_empty() {
        writeln!(
            out,
            "check: passed (no page under `{}` changed since {}: nothing to check)",
            args.page.under,
            args.page.base.as_deref().unwrap_or("the base")
        )?;
        return Ok(());
    }
    let mut reporter = report::reporter(Format::Human, options);
    for c in checked {
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
        reporter.file(out, file_result(c))?;
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
                "note: {} no longer occur{} (fixed): drop {} with `pagerev baseline prune {}`",
                plural(r.stale.len(), "baseline entry", "baseline entries"),
                if r.stale.len() == 1 { "s" } else { "" },
                if r.stale.len() == 1 { "it" } else { "them" },
                page_arg(args, &r.newest)
            )?;
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
            Review::NoSnapshot => writeln!(
                out,
                "note: no reviewed snapshot of `{}` yet; accept the current records with `pagerev accept {}`",
                r.page,
                page_arg(args, &r.newest)
            )?,
            Review::Matches => writeln!(out, "review: records match the reviewed snapshot")?,
            Review::Pending(diff) => {
                // The finding (review-pending) is among the findings above; here is what to review.
                writeln!(out, "review: records differ from the reviewed snapshot: {}", diff_text::summary_counts(diff))?;
                writeln!(out)?;
                let opts = diff_text::TextOptions { color, context: 5, stat: false, show_cosmetic: false };
                diff_text::render(diff, &opts, out)?;
                writeln!(
                    out,
                    "  = help: review them with `pagerev review {0}`, or accept them all with `pagerev accept {0}`",
                    page_arg(args, &r.newest)
                )?;
            }
        }
        writeln!(out)?;
    }
    reporter.finish(out)?;
    let fail_on = args.report.fail_on.severity();
    let failing = checked.iter().filter(|c| fails(&c.result, fail_on)).count();
    let pending: Vec<usize> = checked
        .iter()
        .filter_map(|c| match &c.result.review {
            Review::Pending(d) => {
                Some(d.changes.iter().filter(|c| c.kind.is_substantive()).count())
            }
            _ => None,
        })
        .collect();
    let pages = plural(checked.len(), "page", "pages");
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
        writeln!(out, "check: passed ({pages}{awaiting})")?;
    } else {
        writeln!(
            out,
            "check: FAILED ({failing} of {pages} failing{awaiting})"
        )?;
    }
    Ok(())
}

/// `--format json`: one document for the whole check.
fn json_document(checked: &[CheckedPage], failed: bool, out: &mut dyn Write) -> anyhow::Result<()> {
    let pages: Vec<serde_json::Value> = checked
        .iter()
        .map(|c| {
            let r = &c.result;
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
                "baseline": { "file": c.baseline_file, "accepted": r.baselined, "stale": r.stale },
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

/// `--format github`: after the findings' annotations (records awaiting review are one of them), a
/// notice for stale baseline entries.
fn github_notes(
    checked: &[CheckedPage],
    args: &CheckArgs,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    use pagerev::report::github::{escape_data, escape_property};
    for c in checked {
        let r = &c.result;
        if !r.stale.is_empty() {
            let message = format!(
                "{} no longer occur{}; drop {} with `pagerev baseline prune {}`",
                plural(r.stale.len(), "baseline entry", "baseline entries"),
                if r.stale.len() == 1 { "s" } else { "" },
                if r.stale.len() == 1 { "it" } else { "them" },
                page_arg(args, &r.newest)
            );
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
fn markdown_notes(
    checked: &[CheckedPage],
    args: &CheckArgs,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    use pagerev::report::diff_markdown::{self, MarkdownOptions};
    use pagerev::report::markdown::cell;
    let opts = MarkdownOptions {
        context: 5,
        stat: false,
        show_cosmetic: false,
    };
    for c in checked {
        let r = &c.result;
        writeln!(
            out,
            "\n## Page {}\n",
            pagerev::report::markdown::code_span(&r.page)
        )?;
        match &r.review {
            Review::Pending(diff) => {
                writeln!(
                    out,
                    "**Records differ from the reviewed snapshot** ({}): run `pagerev review {1}` or `pagerev accept {1}` and commit `snapshots/`.\n",
                    diff_text::summary_counts(diff),
                    cell(&page_arg(args, &r.newest))
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

/// `--html FILE`: for each page, the HTML report of what a reviewer must look at — the records awaiting
/// review if any, else the changes since the previous revision — with the new findings.
fn write_html(checked: &[CheckedPage], path: &std::path::Path) -> anyhow::Result<()> {
    use pagerev::report::diff_html::{self, HtmlOptions};
    let opts = HtmlOptions {
        context: 5,
        show_cosmetic: false,
    };
    for c in checked {
        let r = &c.result;
        let diff = match (&r.review, &r.changes) {
            (Review::Pending(d), _) => Some(d.as_ref()),
            (_, Some(d)) => Some(d),
            _ => None,
        };
        let Some(diff) = diff else {
            anyhow::bail!("{}: no previous revision and no reviewed snapshot to compare with: no HTML report to write", r.newest);
        };
        let file = if checked.len() == 1 {
            path.to_path_buf()
        } else {
            let stem = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let ext = path
                .extension()
                .map(|e| format!(".{}", e.to_string_lossy()))
                .unwrap_or_default();
            path.with_file_name(format!("{stem}-{}{ext}", r.page))
        };
        let mut html = Vec::new();
        diff_html::render(diff, Some(&r.findings), &opts, &mut html)?;
        super::report_file::write_report(&file, &html, "html")?;
    }
    Ok(())
}
