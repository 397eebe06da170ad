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
