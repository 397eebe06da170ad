//! `pagerev validate PATH…`: load the rule configuration, check each page revision, report.

use super::args::ValidateArgs;
use super::input::{display_name, read_source};
use super::Outcome;
use crate::error::FileError;
use crate::report::{self, FileResult, Format};
use crate::rules::{check_page, CheckContext};
use rayon::prelude::*;
use std::io::Write;
use std::path::{Path, PathBuf};

pub fn run(args: ValidateArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let rules = super::rule_config::load_rules(&args.rules)?;
    let files = expand_paths(&args.paths)?;
    let fail_on = args.report.fail_on.severity();
    let format = args.report.format.format();
    let color = args.report.color.enabled();
    let mut reporter = report::reporter(
        format,
        report::Options {
            color: color && format == Format::Human,
            files: files.len(),
            max_findings: args.report.max_findings,
            // validate runs the page rules only; drop rules need a previous revision (`pagerev check`).
            rules_run: Some(
                rules
                    .enabled()
                    .filter(|r| !r.info.kind.is_drop())
                    .map(|r| r.info.code)
                    .collect(),
            ),
        },
    );
    let ctx = CheckContext {
        today: Some(super::rule_config::today()),
    };
    let mut failed = false;
    let lang = args.lang.resolve();
    // Pages are checked in parallel, a batch of one page per thread at a time (so memory stays bounded by
    // the batch), and reported in order, so the output does not depend on the number of threads.
    let batch = rayon::current_num_threads().max(1);
    let single = files.len() == 1;
    let progress =
        super::progress::Progress::new((!single).then_some(files.len() as u64), "checking");
    for chunk in files.chunks(batch) {
        let checked: Vec<anyhow::Result<Checked>> = chunk
            .par_iter()
            .map(|path| {
                let source = read_source(path)?;
                progress.set_message(source.name());
                let page = crate::parse::parse(&source, lang);
                let diagnostics = check_page(&rules, &source, &page, &ctx);
                let records = page.records.len();
                progress.inc();
                Ok(Checked {
                    source,
                    records,
                    diagnostics,
                })
            })
            .collect();
        for c in checked {
            let c = c?;
            failed |= c.diagnostics.iter().any(|d| d.severity >= fail_on);
            reporter.file(
                out,
                FileResult {
                    source: &c.source,
                    records: c.records,
                    diagnostics: c.diagnostics.into(),
                },
            )?;
        }
    }
    reporter.finish(out)?;
    Ok(if failed {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

/// One page revision, checked.
struct Checked {
    source: crate::source::SourceFile,
    records: usize,
    diagnostics: Vec<crate::diagnostic::Diagnostic>,
}

/// The page revisions to check: files as given, folders expanded to every `*.txt` below them; sorted by
/// name and without repeats, so reports do not depend on argument order.
fn expand_paths(paths: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let before = files.len();
            collect_txt(path, &mut files)?;
            if files.len() == before {
                anyhow::bail!(
                    "{}: no `.txt` page revisions in this folder",
                    display_name(path)
                );
            }
        } else {
            files.push(path.clone());
        }
    }
    files.sort_by_key(|p| display_name(p));
    files.dedup();
    Ok(files)
}

fn collect_txt(dir: &Path, out: &mut Vec<PathBuf>) -> anyhow::Result<()> {
    let entries = std::fs::read_dir(dir).map_err(|e| FileError::from_io(dir, e))?;
    for entry in entries {
        let p = entry.map_err(|e| FileError::from_io(dir, e))?.path();
        if p.is_dir() {
            collect_txt(&p, out)?;
        } else if p.extension().is_some_and(|x| x == "txt") {
            out.push(p);
        }
    }
    Ok(())
}
