//! `pagerev validate PATH…`: load the rule configuration, check each page revision, report.

use super::args::ValidateArgs;
use super::input::{display_name, read_source};
use super::Outcome;
use pagerev::report::{self, FileResult, Format};
use pagerev::rules::{check_page, CheckContext};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Condvar, Mutex};

pub fn run(args: ValidateArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let rules = super::rule_config::load_rules(&args.rules)?;
    check_only_selected(&args.rules.select)?;
    for o in &args.report.outputs {
        super::report_file::check_folder(&o.path, o.format.name())?;
    }
    let files = expand_paths(&args.paths)?;
    let fail_on = args.report.fail_on.severity();
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
        args.report.format.format(),
        options(args.report.format.format(), super::color()),
    );
    // Each `--output FORMAT=PATH` gets its own reporter, rendering into memory, written when all is done.
    let mut extra: Vec<(Box<dyn report::Reporter>, Vec<u8>)> = args
        .report
        .outputs
        .iter()
        .map(|o| {
            (
                report::reporter(o.format.format(), options(o.format.format(), false)),
                Vec::new(),
            )
        })
        .collect();
    let ctx = CheckContext {
        today: Some(super::rule_config::today()),
    };
    let mut failed = false;
    let (lang, profile) = (args.lang, args.profile.clone());
    // Pages are checked in parallel, one per thread, and reported in order as soon as each is ready, so
    // the output does not depend on the number of threads. A thread takes the next page in order, and
    // waits rather than start one more than `window` pages ahead of the last one reported: memory stays
    // bounded by a few pages however many are given.
    let single = files.len() == 1;
    let progress =
        super::progress::Progress::new((!single).then_some(files.len() as u64), "checking");
    // Each page's own `page.yaml` may set its rules: one rule set per page configuration, loaded first.
    let mut page_rules: std::collections::HashMap<PathBuf, pagerev::rules::config::RuleSet> =
        std::collections::HashMap::new();
    for path in &files {
        let config = super::page_config::config_path_for(path);
        if !args.rules.isolated && config.is_file() && !page_rules.contains_key(&config) {
            let set = super::rule_config::load_rules_for(&args.rules, path)?;
            page_rules.insert(config, set);
        }
    }
    let check = |path: &PathBuf| -> anyhow::Result<CheckedRevision> {
        let rules = page_rules
            .get(&super::page_config::config_path_for(path))
            .unwrap_or(&rules);
        let options = super::page_config::parse_options(lang, profile.as_deref(), path)?;
        let source = read_source(path)?;
        progress.set_message(source.name());
        let page = pagerev::parse::parse_with(&source, &options);
        super::page_config::warn_on_lang_mismatch(lang, &source, &page);
        let diagnostics = check_page(rules, &source, &page, &ctx);
        let records = page.records.len();
        progress.inc();
        Ok(CheckedRevision {
            source,
            records,
            diagnostics,
        })
    };
    let mut report = |c: CheckedRevision| -> anyhow::Result<()> {
        failed |= c.diagnostics.iter().any(|d| d.severity >= fail_on);
        let result = || FileResult {
            source: &c.source,
            records: c.records,
            diagnostics: std::borrow::Cow::Borrowed(&c.diagnostics),
        };
        reporter.file(out, result())?;
        for (r, bytes) in &mut extra {
            r.file(bytes, result())?;
        }
        Ok(())
    };
    let workers = rayon::current_num_threads().clamp(1, files.len().max(1));
    if workers == 1 {
        // One thread means one thread: no reporting thread beside the checking one.
        for path in &files {
            report(check(path)?)?;
        }
    } else {
        check_in_parallel(&files, workers, &check, &mut report)?;
    }
    reporter.finish(out)?;
    for ((mut r, mut bytes), o) in extra.into_iter().zip(&args.report.outputs) {
        r.finish(&mut bytes)?;
        super::report_file::write_report(&o.path, &bytes, o.format.name())?;
    }
    Ok(if failed {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

/// Checks `files` on `workers` threads and hands each result to `report` in file order.
fn check_in_parallel(
    files: &[PathBuf],
    workers: usize,
    check: &(dyn Fn(&PathBuf) -> anyhow::Result<CheckedRevision> + Sync),
    report: &mut dyn FnMut(CheckedRevision) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let window = 2 * workers;
    let next = AtomicUsize::new(0);
    let reported = (Mutex::new(0usize), Condvar::new());
    let (tx, rx) = mpsc::sync_channel::<(usize, anyhow::Result<CheckedRevision>)>(workers);
    std::thread::scope(|scope| -> anyhow::Result<()> {
        for _ in 0..workers {
            let tx = tx.clone();
            let (files, next, reported, check) = (&files, &next, &reported, &check);
            scope.spawn(move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(path) = files.get(i) else { break };
                {
                    let (done, ready) = reported;
                    let mut done = done.lock().unwrap_or_else(|e| e.into_inner());
                    while i >= *done + window {
                        done = ready.wait(done).unwrap_or_else(|e| e.into_inner());
                    }
                }
                // The receiver is gone only when reporting failed: stop.
                if tx.send((i, check(path))).is_err() {
                    break;
                }
            });
        }
        drop(tx);
        let receive = || -> anyhow::Result<()> {
            let mut pending = std::collections::BTreeMap::new();
            let mut want = 0;
            for (i, result) in rx {
                pending.insert(i, result);
                while let Some(result) = pending.remove(&want) {
                    report(result?)?;
                    want += 1;
                    let (done, ready) = &reported;
                    *done.lock().unwrap_or_else(|e| e.into_inner()) = want;
                    ready.notify_all();
                }
            }
            Ok(())
        };
        let received = receive();
        // Release threads waiting for their turn: after an error, they find the channel closed and stop.
        let (done, ready) = &reported;
        *done.lock().unwrap_or_else(|e| e.into_inner()) = usize::MAX / 2;
        ready.notify_all();
        received
    })
}

/// One page revision, checked.
struct CheckedRevision {
    source: pagerev::source::SourceFile,
    records: usize,
    diagnostics: Vec<pagerev::diagnostic::Diagnostic>,
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
