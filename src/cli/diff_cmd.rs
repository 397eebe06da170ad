//! `pagerev diff OLD NEW`: compare two revisions record by record and report in the chosen format.

use super::args::{DiffArgs, DiffFormat};
use super::revision::RevisionSpec;
use super::settings::Settings;
use super::Outcome;
use pagerev::diff::{diff_pages, DiffOptions, PageDiff};
use pagerev::parse::parse_with;
use pagerev::report::diff_html::HtmlOptions;
use pagerev::report::diff_markdown::MarkdownOptions;
use pagerev::report::diff_text::TextOptions;
use pagerev::report::{diff_html, diff_json, diff_markdown, diff_text};
use std::io::Write;

pub fn run(settings: &Settings, args: DiffArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    if let Some(path) = &args.output {
        super::report_file::check_folder(path, diff_format_name(args.format))?;
    }
    let old_options =
        super::page_config::parse_options(args.lang, args.profile.as_deref(), &args.old)?;
    let new_options =
        super::page_config::parse_options(args.lang, args.profile.as_deref(), &args.new)?;
    let progress =
        super::progress::Progress::new(settings, None, "reading and parsing both revisions");
    // The two revisions are independent until they are compared: read and parse them on two threads.
    let (old_src, new_src) = std::thread::scope(|s| {
        let old = s.spawn(|| RevisionSpec::parse(&args.old).read());
        let new = RevisionSpec::parse(&args.new).read();
        let old = old
            .join()
            .map_err(|_| anyhow::anyhow!("reading {} failed", args.old.display()))?;
        anyhow::Ok((old?, new?))
    })?;
    let (old_page, new_page) = std::thread::scope(|s| {
        let old = s.spawn(|| parse_with(&old_src, &old_options));
        let new = parse_with(&new_src, &new_options);
        old.join()
            .map(|old| (old, new))
            .map_err(|_| anyhow::anyhow!("parsing {} failed", old_src.name()))
    })?;
    let opts = DiffOptions {
        threshold: args.threshold,
        include_unchanged: args.show_unchanged,
        ..DiffOptions::default()
    };
    progress.set_message("matching records");
    let diff = diff_pages(&old_page, &new_page, &opts);
    drop(progress);
    // With `-o`, the report is rendered in memory and replaces the file in one step, so a failed run
    // never leaves half a report behind.
    let mut buffer = Vec::new();
    if args.output.is_some() {
        // A text report written to a file is read in a terminal too: escaped as on standard output.
        let mut escaping;
        let sink: &mut dyn Write = if args.format == DiffFormat::Text {
            escaping = pagerev::report::control::Escaping::new(&mut buffer, false);
            &mut escaping
        } else {
            &mut buffer
        };
        render(&diff, &args, false, sink)?;
        sink.flush()?;
    } else {
        render(&diff, &args, settings.color, out)?;
    }
    if let Some(path) = &args.output {
        super::report_file::write_report(settings, path, &buffer, diff_format_name(args.format))?;
    }
    Ok(if diff.equivalent || args.exit_zero {
        Outcome::Clean
    } else {
        Outcome::Findings
    })
}

fn diff_format_name(format: DiffFormat) -> &'static str {
    match format {
        DiffFormat::Text => "text",
        DiffFormat::Json => "json",
        DiffFormat::Markdown => "markdown",
        DiffFormat::Html => "html",
    }
}

/// Renders `diff` as `args` ask; `color` for the text format on a terminal.
fn render(
    diff: &PageDiff,
    args: &DiffArgs,
    color: bool,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    match args.format {
        DiffFormat::Text => diff_text::render(
            diff,
            &TextOptions {
                color,
                context: args.context,
                stat: args.stat,
                show_cosmetic: args.show_cosmetic,
            },
            out,
        )?,
        DiffFormat::Json => diff_json::render(diff, out)?,
        DiffFormat::Markdown => diff_markdown::render(
            diff,
            &MarkdownOptions {
                context: args.context,
                stat: args.stat,
                show_cosmetic: args.show_cosmetic,
            },
            out,
        )?,
        DiffFormat::Html => diff_html::render(
            diff,
            None,
            &HtmlOptions {
                context: args.context,
                show_cosmetic: args.show_cosmetic,
            },
            out,
        )?,
    }
    Ok(())
}
