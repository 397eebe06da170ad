//! Reading page revisions from disk into checked [`SourceFile`]s, with errors that name the file.

use crate::error::FileError;
use crate::source::SourceFile;
use std::path::{Path, PathBuf};

/// Files from this size up are mapped rather than read (see [`SourceFile::from_file_mapped`]); smaller
/// ones are cheaper to read.
const MAP_AT_LEAST: u64 = 4 << 20;

/// Reads and checks one page revision. The file is named in reports as given on the command line, made
/// relative to the current directory when it is below it.
pub fn read_source(path: &Path) -> anyhow::Result<SourceFile> {
    let meta = std::fs::metadata(path).map_err(|e| FileError::from_io(path, e))?;
    if meta.is_dir() {
        return Err(FileError::IsDirectory {
            path: path.to_path_buf(),
        }
        .into());
    }
    if meta.is_file() && meta.len() >= MAP_AT_LEAST && std::env::var_os("PAGEREV_NO_MMAP").is_none()
    {
        let file = std::fs::File::open(path).map_err(|e| FileError::from_io(path, e))?;
        let source = SourceFile::from_file_mapped(display_name(path), &file)
            .map_err(|e| FileError::from_io(path, e))?;
        return Ok(source?);
    }
    let bytes = std::fs::read(path).map_err(|e| FileError::from_io(path, e))?;
    Ok(SourceFile::from_bytes(display_name(path), bytes)?)
}

/// The name a report uses for `path`: relative to the current directory where possible, `/`-separated.
pub fn display_name(path: &Path) -> String {
    let rel = std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(&cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf());
    // `./a.txt` is shown as `a.txt`: the same file gets the same name however it was reached.
    let clean: PathBuf = rel
        .components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .collect();
    let name = clean.to_string_lossy().replace('\\', "/");
    if name.is_empty() {
        ".".to_string()
    } else {
        name
    }
}
