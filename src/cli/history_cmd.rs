//! `pagerev history DIR|FILE`: the record-level history of a page, from the revisions in a folder or
//! from the commits of a page file kept in git.

use super::args::{HistoryArgs, HistoryFormat};
use super::revision::RevisionSpec;
use super::Outcome;
use pagerev::diff::history::HistoryBuilder;
use pagerev::diff::{diff_pages, DiffOptions};
use pagerev::error::FileError;
use pagerev::parse::parse_with;
use pagerev::report::history_text;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The `*.txt` files directly in `dir`, sorted by name (revisions are named by the date they were taken).
fn revisions(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let meta = std::fs::metadata(dir).map_err(|e| FileError::from_io(dir, e))?;
    if !meta.is_dir() {
        anyhow::bail!(
            "{}: not a directory; pass the folder holding a page's revisions (`*.txt`)",
            dir.display()
        );
    }
    let files = super::walk::files_in(dir, 1, |p| p.extension().is_some_and(|e| e == "txt"))?;
    if files.is_empty() {
        anyhow::bail!(
            "{}: no revisions (`*.txt` files) in this folder",
            dir.display()
        );
    }
    Ok(files)
}

fn file_name(p: &Path) -> String {
    p.file_name().map_or_else(
        || p.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// The revisions of a page kept as one file in git: the file at each commit that changed it, oldest
/// first, named `HASH (DATE)`.
fn git_revisions(file: &Path) -> anyhow::Result<Vec<(String, RevisionSpec)>> {
    let commits = super::revision::commits_of(file)?;
    if commits.is_empty() {
        anyhow::bail!(
            "{}: no commit holds this file; commit it, or pass the folder holding the page's revisions",
            file.display()
        );
    }
    // `git show REV:./path` reads a path relative to the working directory.
    let rel = if file.is_relative() && !file.starts_with(".") {
        format!("./{}", file.to_string_lossy())
    } else {
        file.to_string_lossy().into_owned()
    };
    Ok(commits
        .into_iter()
        .map(|(hash, date)| {
            (
                format!("{hash} ({date})"),
                RevisionSpec::Git {
                    rev: hash,
                    path: rel.clone(),
                },
            )
        })
        .collect())
}

pub fn run(args: HistoryArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let revisions: Vec<(String, RevisionSpec)> = if args.dir.is_file() {
        git_revisions(&args.dir)?
    } else {
        revisions(&args.dir)?
            .into_iter()
            .map(|p| (file_name(&p), RevisionSpec::File(p)))
            .collect()
    };
    let options = super::page_config::parse_options(args.lang, args.profile.as_deref(), &args.dir)?;
    let opts = DiffOptions {
        threshold: args.threshold,
        include_unchanged: true,
        ..DiffOptions::default()
    };
    // Each revision is parsed twice (as the new side, then as the old side of the next diff) so that only
    // two revisions are ever in memory: pages borrow their source text, and folders can be large.
    let mut prev = revisions[0].1.read()?;
    let mut builder = HistoryBuilder::new(&revisions[0].0, &parse_with(&prev, &options));
    for (name, spec) in &revisions[1..] {
        let next = spec.read()?;
        let diff = diff_pages(
            &parse_with(&prev, &options),
            &parse_with(&next, &options),
            &opts,
        );
        builder.push(name, &diff);
        prev = next;
    }
    let mut history = builder.finish();
    if let Some(id) = &args.record {
        history.records.retain(|r| r.had_id(id));
        if history.records.is_empty() {
            anyhow::bail!(
                "{}: no record has the id `{id}` in any revision; `pagerev history {}` lists them",
                args.dir.display(),
                args.dir.display()
            );
        }
    }
    match args.format {
        HistoryFormat::Text => history_text::render(&history, out)?,
        HistoryFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &history)?;
            writeln!(out)?;
        }
    }
    Ok(Outcome::Clean)
}
