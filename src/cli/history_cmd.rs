//! `pagerev history DIR`: the record-level history of a page from the revisions in a folder.

use super::args::{HistoryArgs, HistoryFormat};
use super::input::read_source;
use super::Outcome;
use crate::diff::history::HistoryBuilder;
use crate::diff::{diff_pages, DiffOptions};
use crate::error::FileError;
use crate::parse::parse_with;
use crate::report::history_text;
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

pub fn run(args: HistoryArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let files = revisions(&args.dir)?;
    let options = super::page_config::parse_options(args.lang, args.profile.as_deref(), &args.dir)?;
    let opts = DiffOptions {
        threshold: args.threshold,
        include_unchanged: true,
        ..DiffOptions::default()
    };
    // Each revision is parsed twice (as the new side, then as the old side of the next diff) so that only
    // two revisions are ever in memory: pages borrow their source text, and folders can be large.
    let mut prev = read_source(&files[0])?;
    let mut builder = HistoryBuilder::new(&file_name(&files[0]), &parse_with(&prev, &options));
    for path in &files[1..] {
        let next = read_source(path)?;
        let diff = diff_pages(
            &parse_with(&prev, &options),
            &parse_with(&next, &options),
            &opts,
        );
        builder.push(&file_name(path), &diff);
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
