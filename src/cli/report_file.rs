//! Reports written to files the user named (`diff -o`, `check --html`, `--output FORMAT=PATH`): the
//! folder must exist (a mistyped path is an error, not a new folder), the file is replaced in one step,
//! and pagerev says on stderr what it wrote, since standard output may hold another report.

use super::settings::Settings;
use anyhow::bail;
use std::path::Path;

/// Writes `bytes`, a report in `what` format, to `path`, and says so on stderr.
pub fn write_report(
    settings: &Settings,
    path: &Path,
    bytes: &[u8],
    what: &str,
) -> anyhow::Result<()> {
    check_folder(path, what)?;
    settings.write_atomic(path, bytes)?;
    eprintln!(
        "wrote the {what} report to {} ({} bytes)",
        pagerev::report::control::escape(&super::input::display_name(path)),
        bytes.len()
    );
    Ok(())
}

/// Fails unless `path`'s folder exists: commands call it before they start, so a mistyped path stops
/// the run at once rather than after the work.
pub fn check_folder(path: &Path, what: &str) -> anyhow::Result<()> {
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty());
    if let Some(folder) = folder {
        if !folder.is_dir() {
            bail!(
                "{}: cannot write the {what} report: folder `{}` does not exist (create it first)",
                super::input::display_name(path),
                super::input::display_name(folder)
            );
        }
    }
    Ok(())
}

/// `result`, or `None` with its configuration problems added to `problems`; any other error stops here.
/// Commands that report findings gather every configuration problem before giving up.
pub fn gather<T>(
    result: anyhow::Result<T>,
    problems: &mut pagerev::rules::config::Problems,
) -> anyhow::Result<Option<T>> {
    use pagerev::rules::config::ConfigError;
    match result {
        Ok(v) => Ok(Some(v)),
        Err(e) => match e.downcast::<ConfigError>() {
            Ok(ConfigError::Invalid(p)) => {
                problems.merge(p);
                Ok(None)
            }
            Ok(other) => Err(other.into()),
            Err(e) => Err(e),
        },
    }
}

/// How a command renders configuration problems in a format (`validate`'s findings reporters, or
/// `check`'s document).
pub type RenderConfig = fn(
    pagerev::report::Format,
    &pagerev::rules::config::Problems,
    pagerev::report::Options,
    &mut dyn std::io::Write,
) -> std::io::Result<()>;

/// Reports configuration problems in `report`'s formats — on standard output, unless the format is
/// human (standard error lists them, one line each, for the same reader), and in every `--output`
/// file — and returns the error that ends the run (exit status 2).
pub fn config_failure(
    settings: &Settings,
    report: &super::args::ReportArgs,
    problems: pagerev::rules::config::Problems,
    render: RenderConfig,
    out: &mut dyn std::io::Write,
) -> anyhow::Error {
    use pagerev::report::{Format, Options};
    let options = Options {
        color: false,
        files: 0,
        max_findings: report.max_findings,
        rules_run: Some(Vec::new()),
    };
    let written = (|| -> anyhow::Result<()> {
        if report.format != Format::Human {
            render(report.format, &problems, options.clone(), out)?;
        }
        for o in &report.outputs {
            let mut bytes = Vec::new();
            render(o.format, &problems, options.clone(), &mut bytes)?;
            write_report(settings, &o.path, &bytes, o.format.name())?;
        }
        Ok(())
    })();
    match written {
        Ok(()) => pagerev::rules::config::ConfigError::Invalid(problems).into(),
        Err(e) => e,
    }
}
