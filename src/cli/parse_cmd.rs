//! `pagerev parse FILE`: print the canonical records.

use super::args::{ParseArgs, ParseFormat};
use super::revision::RevisionSpec;
use super::Outcome;
use crate::parse::parse;
use std::io::Write;

pub fn run(args: ParseArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let source = RevisionSpec::parse(&args.file).read()?;
    let page = parse(&source, args.lang.resolve());
    match args.format {
        ParseFormat::Yaml => crate::yaml::to_writer(&mut *out, &page)?,
        ParseFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &page)?;
            writeln!(out)?;
        }
        ParseFormat::Summary => {
            let r = &page.records;
            writeln!(
                out,
                "{}: {} records ({} untitled, {} undated, {} with a month or year only, {} date ranges), {} captions, {} preamble lines, language {}",
                page.file,
                r.len(),
                r.iter().filter(|r| r.title.is_none()).count(),
                r.iter().filter(|r| r.date.is_none()).count(),
                r.iter().filter(|r| r.date.is_some_and(|d| d.precision != crate::record::Precision::Day)).count(),
                r.iter().filter(|r| r.date.is_some_and(|d| d.end.is_some())).count(),
                r.iter().map(|r| r.captions.len()).sum::<usize>(),
                page.preamble.len(),
                page.lang.code(),
            )?;
        }
        ParseFormat::Jsonl => {
            for record in &page.records {
                serde_json::to_writer(&mut *out, record)?;
                writeln!(out)?;
            }
        }
    }
    Ok(Outcome::Clean)
}
