//! `pagerev parse FILE`: print the canonical records (or, with `--explain`, the profile the parser
//! followed and why); `pagerev profile FILE`: print that profile as a `page.yaml`.

use super::args::{ParseArgs, ParseFormat, ProfileArgs};
use super::revision::RevisionSpec;
use super::Outcome;
use pagerev::parse::profile::Profile;
use pagerev::parse::{infer_profile, parse_explained};
use std::io::Write;

pub fn run(args: ParseArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let several = args.files.len() > 1;
    if several && args.format == ParseFormat::Json && !args.explain {
        write!(out, "[")?;
    }
    for (i, file) in args.files.iter().enumerate() {
        parse_one(&args, file, i, several, out)?;
    }
    if several && args.format == ParseFormat::Json && !args.explain {
        writeln!(out, "]")?;
    }
    Ok(Outcome::Clean)
}

/// One file of `pagerev parse`, the `i`-th of the files given.
fn parse_one(
    args: &ParseArgs,
    file: &std::path::Path,
    i: usize,
    several: bool,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let options = super::page_config::parse_options(args.lang, args.profile.as_deref(), file)?;
    let source = RevisionSpec::parse(file).read()?;
    let (page, inferred) = parse_explained(&source, &options);
    let dated = page.records.iter().filter(|r| r.date.is_some()).count();
    super::page_config::warn_on_lang_mismatch(args.lang, &source, page.records.len(), dated);
    if args.explain {
        if i > 0 {
            writeln!(out)?;
        }
        out.write_all(inferred.explain(source.name()).as_bytes())?;
        writeln!(
            out,
            "result: {}, {}{}",
            pagerev::report::count(page.records.len(), "record"),
            pagerev::report::count(page.preamble.len(), "preamble line"),
            page.title
                .map(|t| format!(", page title `{}`", t.text.raw))
                .unwrap_or_default()
        )?;
        return Ok(());
    }
    match args.format {
        ParseFormat::Yaml => {
            if several {
                writeln!(out, "---")?;
            }
            pagerev::yaml::to_writer(&mut *out, &page)?
        }
        ParseFormat::Json if several => {
            if i > 0 {
                write!(out, ",")?;
            }
            serde_json::to_writer(&mut *out, &page)?;
        }
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
                r.iter().filter(|r| r.date.is_some_and(|d| d.precision != pagerev::record::Precision::Day)).count(),
                r.iter().filter(|r| r.date.is_some_and(|d| d.end.is_some())).count(),
                r.iter().map(|r| r.captions.len()).sum::<usize>(),
                page.preamble.len(),
                page.lang.code(),
            )?;
        }
        ParseFormat::Jsonl => {
            // Each line is a record of one file: it names the file first, then the record's own fields
            // in their usual order.
            let file = serde_json::to_string(source.name())?;
            for record in &page.records {
                let json = serde_json::to_string(record)?;
                match json.strip_prefix('{') {
                    Some(rest) if rest != "}" => writeln!(out, "{{\"file\":{file},{rest}")?,
                    _ => writeln!(out, "{{\"file\":{file}}}")?,
                }
            }
        }
    }
    Ok(())
}

/// `pagerev profile FILE`: the profile inferred for the page (with what its configuration pins), as the
/// `profile:` section of a `page.yaml`.
pub fn profile(args: ProfileArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    #[derive(serde::Serialize)]
    struct PageYaml<'a> {
        profile: &'a Profile,
    }
    let options =
        super::page_config::parse_options(args.lang, args.profile.as_deref(), &args.file)?;
    let source = RevisionSpec::parse(&args.file).read()?;
    let inferred = infer_profile(&source, &options);
    writeln!(
        out,
        "# Page profile of {} (`pagerev parse --explain` shows why). Save as the page's page.yaml to pin it.",
        source.name()
    )?;
    pagerev::yaml::to_writer(
        &mut *out,
        &PageYaml {
            profile: &inferred.profile,
        },
    )?;
    Ok(Outcome::Clean)
}
