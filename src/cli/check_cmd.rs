//! `pagerev check PAGE…`: gate new revisions of pages (see [`pagerev::check`]) and report what a reviewer
//! needs: the changes since the previous revision, the findings the drop introduces, the state of the
//! baseline, and whether the records still match the reviewed snapshot.

use super::args::CheckArgs;
use super::pages::{baseline_path, load_baseline, load_snapshot, resolve_changed, snapshot_path};
use super::rule_config::{load_rules, rules_for};
use super::settings::Settings;
use super::Outcome;
use pagerev::check::{check, CheckInput};
use pagerev::report::check::{CheckRun, CheckedPage};
use pagerev::report::{self, Format};
use pagerev::rules::CheckContext;
use std::io::Write;

pub fn run(settings: &Settings, args: CheckArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    use super::report_file::{config_failure, gather};
    let mut problems = pagerev::rules::config::Problems::default();
    let rules = gather(load_rules(&args.rules), &mut problems)?;
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
    let targets = match resolve_changed(&args.page, &config) {
        Ok(targets) => targets,
        Err(_) if !problems.is_empty() => Vec::new(),
        Err(e) => return Err(e),
    };
    let fail_on = args.report.fail_on;
    let ctx = CheckContext {
        today: Some(settings.today),
    };
    // Every configuration problem — the project's, each page's `page.yaml` (rules and profile), the
    // command line's — is gathered and reported together before any page is checked.
    let mut settings_of = Vec::new();
    let fallback = pagerev::rules::config::RuleSet::defaults();
    for target in &targets {
        let spec = super::page_config::spec_path(&target.newest);
        // Without a base rule set, a page's own `page.yaml` is still read for its problems.
        let base = rules.as_ref().unwrap_or(&fallback);
        let page_rules = gather(rules_for(base, &args.rules, &spec), &mut problems)?;
        let options = super::page_config::parse_options_for_spec(
            args.page.lang,
            args.page.profile.as_deref(),
            &target.newest,
        );
        let options = gather(options, &mut problems)?;
        settings_of.push((page_rules, options));
    }
    let Some(base) = rules.as_ref().filter(|_| problems.is_empty()) else {
        let render: super::report_file::RenderConfig = report::check::render_config;
        return Err(config_failure(
            settings,
            &args.report,
            problems,
            render,
            out,
        ));
    };

    let mut checked: Vec<CheckedPage> = Vec::new();
    for (target, (page_rules, options)) in targets.iter().zip(settings_of) {
        let (Some(page_rules), Some(options)) = (page_rules, options) else {
            continue;
        };
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
            options: &options,
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
            page_arg: arg,
        });
    }
    let run = CheckRun {
        pages: &checked,
        fail_on,
        under: &args.page.under,
        base: args.page.base.as_deref(),
    };
    let failed = run.failed();
    if let Some(path) = &args.html {
        write_html(settings, &checked, path)?;
    }
    let rules_run: Vec<&'static str> = base.enabled().map(|r| r.info.code).collect();
    let options = |format: Format, color: bool| report::Options {
        color: color && format == Format::Human,
        files: checked.len(),
        max_findings: args.report.max_findings,
        rules_run: Some(rules_run.clone()),
    };
    // The main report on standard output, then each `--output FORMAT=PATH` rendered the same way.
    let format = args.report.format;
    report::check::render(format, &run, options(format, settings.color), out)?;
    for o in &args.report.outputs {
        let mut bytes = Vec::new();
        let format = o.format;
        report::check::render(format, &run, options(format, false), &mut bytes)?;
        super::report_file::write_report(settings, &o.path, &bytes, o.format.name())?;
    }
    Ok(if failed {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

/// How to name a page in a suggested command: as the user named it, or by its newest revision.
fn page_arg(args: &CheckArgs, newest: &str) -> String {
    match args.page.pages.as_slice() {
        [one] => super::input::display_name(one),
        _ => newest.to_string(),
    }
}

/// `--html FILE`: for each page, the HTML report of what a reviewer must look at (see
/// [`report::check::html`]); with several pages, one file each, named FILE with `-<page>` before the
/// extension.
fn write_html(
    settings: &Settings,
    checked: &[CheckedPage],
    path: &std::path::Path,
) -> anyhow::Result<()> {
    for c in checked {
        let r = &c.result;
        if c.review_diff().is_none() {
            anyhow::bail!("{}: no previous revision and no reviewed snapshot to compare with: no HTML report to write", r.newest);
        }
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
        report::check::html(c, &mut html)?;
        super::report_file::write_report(settings, &file, &html, "html")?;
    }
    Ok(())
}
