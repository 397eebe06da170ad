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
    // A line per record, or counts: the records are written or counted as the parser builds them and
    // are not kept (issue 16); the other formats are one document of the whole page.
    if !args.explain && matches!(args.format, ParseFormat::Jsonl | ParseFormat::Summary) {
        return parse_streamed(args, &source, &options, out);
    }
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
        // Written as the records were parsed, above.
        ParseFormat::Summary | ParseFormat::Jsonl => {}
    }
    Ok(())
}

/// Counts of what a page's records hold, as `parse --format summary` gives them.
#[derive(Default)]
struct Tally {
    records: usize,
    untitled: usize,
    undated: usize,
    imprecise: usize,
    ranges: usize,
    captions: usize,
}

impl Tally {
    fn add(&mut self, r: &pagerev::record::Record<'_>) {
        self.records += 1;
        self.untitled += usize::from(r.title.is_none());
        self.undated += usize::from(r.date.is_none());
        self.imprecise += usize::from(
            r.date
                .is_some_and(|d| d.precision != pagerev::record::Precision::Day),
        );
        self.ranges += usize::from(r.date.is_some_and(|d| d.end.is_some()));
        self.captions += r.captions.len();
    }
}

/// `parse --format jsonl` or `--format summary` of one page, its records streamed from the parser.
fn parse_streamed(
    args: &ParseArgs,
    source: &pagerev::source::SourceFile,
    options: &pagerev::parse::ParseOptions,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let file = serde_json::to_string(source.name())?;
    let mut tally = Tally::default();
    let mut failed = None;
    // One buffer for every record's JSON.
    let mut json = Vec::new();
    let outline = pagerev::parse::parse_streamed(source, options, &mut |batch| {
        for record in &batch {
            tally.add(record);
            if args.format == ParseFormat::Jsonl && failed.is_none() {
                if let Err(e) = write_jsonl(out, &file, record, &mut json) {
                    failed = Some(e);
                }
            }
        }
    });
    if let Some(e) = failed {
        return Err(e);
    }
    let dated = tally.records - tally.undated;
    super::page_config::warn_on_lang_mismatch(args.lang, source, outline.records, dated);
    if args.format == ParseFormat::Summary {
        writeln!(
            out,
            "{}: {} records ({} untitled, {} undated, {} with a month or year only, {} date ranges), {} captions, {} preamble lines, language {}",
            outline.file,
            tally.records,
            tally.untitled,
            tally.undated,
            tally.imprecise,
            tally.ranges,
            tally.captions,
            outline.preamble.len(),
            outline.lang.code(),
        )?;
    }
    Ok(())
}

/// A record as a line of `parse --format jsonl`: it names the file first, then the record's own fields
/// in their usual order. `json` is where the record is serialized (kept from record to record).
fn write_jsonl(
    out: &mut dyn Write,
    file: &str,
    record: &pagerev::record::Record<'_>,
    json: &mut Vec<u8>,
) -> anyhow::Result<()> {
    json.clear();
    serde_json::to_writer(&mut *json, record)?;
    match json.strip_prefix(b"{") {
        Some(rest) if rest != b"}" => {
            write!(out, "{{\"file\":{file},")?;
            out.write_all(rest)?;
            writeln!(out)?;
        }
        _ => writeln!(out, "{{\"file\":{file}}}")?,
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
