//! `pagerev validate PATH…`: load the rule configuration, check each page revision, report.

use super::args::ValidateArgs;
use super::input::{display_name, read_source};
use super::settings::Settings;
use super::Outcome;
use pagerev::report::{self, FileResult, Format};
use pagerev::rules::{validate_source, CheckContext};
use rayon::prelude::*;
use std::io::Write;
use std::path::{Path, PathBuf};

pub fn run(
    settings: &Settings,
    args: ValidateArgs,
    out: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    use super::report_file::{config_failure, gather};
    for o in &args.report.outputs {
        super::report_file::check_folder(&o.path, o.format.name())?;
    }
    // Every configuration problem is gathered — the project's, each page's `page.yaml` (its rules and its
    // profile), the command line's — and reported together, in the report's format, before any page is
    // checked.
    let mut problems = pagerev::rules::config::Problems::default();
    let rules = gather(super::rule_config::load_rules(&args.rules), &mut problems)?;
    let files = match expand_paths(&args.paths) {
        Ok(files) => files,
        Err(_) if !problems.is_empty() => Vec::new(),
        Err(e) => return Err(e),
    };
    let (lang, profile) = (args.lang, args.profile.clone());
    // Each page's own `page.yaml` may set its rules and its profile: one of each per page configuration.
    let mut page_rules: std::collections::HashMap<PathBuf, pagerev::rules::config::RuleSet> =
        std::collections::HashMap::new();
    let mut page_options: std::collections::HashMap<PathBuf, pagerev::parse::ParseOptions> =
        std::collections::HashMap::new();
    let mut read_options = std::collections::HashSet::new();
    for path in &files {
        let config = super::page_config::config_path_for(path);
        if !args.rules.isolated && config.is_file() && !page_rules.contains_key(&config) {
            let loaded = super::rule_config::load_rules_for(&args.rules, path);
            if let Some(set) = gather(loaded, &mut problems)? {
                page_rules.insert(config.clone(), set);
            }
        }
        let key = profile.clone().unwrap_or(config);
        if read_options.insert(key.clone()) {
            let read = super::page_config::parse_options(lang, profile.as_deref(), path);
            if let Some(options) = gather(read, &mut problems)? {
                page_options.insert(key, options);
            }
        }
    }
    let rules = match rules {
        Some(rules) if problems.is_empty() => rules,
        _ => {
            let render: super::report_file::RenderConfig = report::render_config;
            return Err(config_failure(
                settings,
                &args.report,
                problems,
                render,
                out,
            ));
        }
    };
    check_only_selected(&args.rules.select)?;
    let fail_on = args.report.fail_on;
    // validate runs the page rules only; drop rules need a previous revision (`pagerev check`).
    let rules_run: Vec<&'static str> = rules
        .enabled()
        .filter(|r| !r.info.kind.is_check_only())
        .map(|r| r.info.code)
        .collect();
    let options = |format: Format, color: bool| report::Options {
        color: color && format == Format::Human,
        files: files.len(),
        max_findings: args.report.max_findings,
        rules_run: Some(rules_run.clone()),
    };
    let mut reporter = report::reporter(
        args.report.format,
        options(args.report.format, settings.color),
    );
    // Each `--output FORMAT=PATH` gets its own reporter, rendering into memory, written when all is done.
    let mut extra: Vec<(Box<dyn report::Reporter>, Vec<u8>)> = args
        .report
        .outputs
        .iter()
        .map(|o| {
            (
                report::reporter(o.format, options(o.format, false)),
                Vec::new(),
            )
        })
        .collect();
    let ctx = CheckContext {
        today: Some(settings.today),
    };
    // When every report shows at most some number of findings (`--max-findings`, Markdown's default), a
    // page keeps no more than that: the others are counted, not held (RELIABILITY.md, attack 12).
    let keep = std::iter::once(args.report.format)
        .chain(args.report.outputs.iter().map(|o| o.format))
        .map(|f| report::shown_at_most(f, args.report.max_findings))
        .try_fold(0, |most: usize, limit| limit.map(|l| most.max(l)))
        .unwrap_or(usize::MAX);
    let mut failed = false;
    let single = files.len() == 1;
    let progress = super::progress::Progress::new(
        settings,
        (!single).then_some(files.len() as u64),
        "checking",
    );
    let check = |path: &PathBuf| -> anyhow::Result<CheckedRevision> {
        let config = super::page_config::config_path_for(path);
        let rules = page_rules.get(&config).unwrap_or(&rules);
        let key = profile.clone().unwrap_or(config);
        let options = page_options.get(&key).cloned().unwrap_or_default();
        let source = read_source(path)?;
        progress.set_message(source.name());
        // The records go to the rules as they are parsed and are not kept (issue 16).
        let checked = validate_source(rules, &source, &options, &ctx, keep);
        let records = checked.outline.records;
        super::page_config::warn_on_lang_mismatch(lang, &source, records, checked.dated);
        let (diagnostics, omitted) = (checked.findings, checked.omitted);
        progress.inc();
        Ok(CheckedRevision {
            source,
            records,
            diagnostics,
            omitted,
        })
    };
    let mut report = |c: CheckedRevision| -> anyhow::Result<()> {
        failed |= c.diagnostics.iter().any(|d| d.severity >= fail_on)
            || c.omitted.rules.iter().any(|o| o.severity >= fail_on);
        let result = || FileResult {
            source: &c.source,
            records: c.records,
            diagnostics: std::borrow::Cow::Borrowed(&c.diagnostics),
            omitted: c.omitted.clone(),
        };
        reporter.file(out, result())?;
        for (r, bytes) in &mut extra {
            r.file(bytes, result())?;
        }
        Ok(())
    };
    // Pages are checked in parallel on rayon's pool, a window of them at a time, and reported in file
    // order once the window is done: the output does not depend on the number of threads, and memory
    // stays bounded by one window of pages (twice the threads) however many are given. With one thread
    // (`RAYON_NUM_THREADS=1`) the pages of a window are checked one after another.
    let window = 2 * rayon::current_num_threads().max(1);
    for chunk in files.chunks(window) {
        let checked: Vec<anyhow::Result<CheckedRevision>> = chunk.par_iter().map(check).collect();
        for c in checked {
            report(c?)?;
        }
    }
    reporter.finish(out)?;
    for ((mut r, mut bytes), o) in extra.into_iter().zip(&args.report.outputs) {
        r.finish(&mut bytes)?;
        super::report_file::write_report(settings, &o.path, &bytes, o.format.name())?;
    }
    Ok(if failed {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

/// One page revision, checked.
struct CheckedRevision {
    source: pagerev::source::SourceFile,
    records: usize,
    diagnostics: Vec<pagerev::diagnostic::Diagnostic>,
    /// Findings past the most any report shows: counted, not kept.
    omitted: pagerev::diagnostic::Omitted,
}

/// The page revisions to check: files as given, folders expanded to every `*.txt` below them; sorted by
/// name and without repeats, so reports do not depend on argument order.
fn expand_paths(paths: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let found = super::walk::files_in(path, usize::MAX, is_txt)?;
            if found.is_empty() {
                anyhow::bail!(
                    "{}: no `.txt` page revisions in this folder",
                    display_name(path)
                );
            }
            files.extend(found);
        } else {
            files.push(path.clone());
        }
    }
    files.sort_by_key(|p| display_name(p));
    files.dedup();
    Ok(files)
}

fn is_txt(p: &Path) -> bool {
    p.extension().is_some_and(|x| x == "txt")
}

/// `--select` naming rules only `pagerev check` runs: a warning when other selected rules run, an error
/// when none does (a validate that runs no rule would pass whatever the page).
fn check_only_selected(select: &[String]) -> anyhow::Result<()> {
    let check_only: Vec<String> = select
        .iter()
        .filter_map(|s| pagerev::rules::lookup(s))
        .filter(|r| r.kind.is_check_only())
        .map(|r| format!("{} {}", r.code, r.name))
        .collect();
    if check_only.is_empty() {
        return Ok(());
    }
    let why = format!(
        "{} compare{} a revision with the one before it or with the reviewed snapshot: run {} with `pagerev check`",
        check_only.join(", "),
        if check_only.len() == 1 { "s" } else { "" },
        if check_only.len() == 1 { "it" } else { "them" },
    );
    if check_only.len() == select.len() {
        anyhow::bail!("--select names no rule `pagerev validate` runs: {why}");
    }
    eprintln!("warning: {}", pagerev::report::control::escape(&why));
    Ok(())
}
