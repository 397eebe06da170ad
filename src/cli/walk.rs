//! Listing the files of a folder (page revisions, configuration files), each file once.
//!
//! Corpus folders come from pull requests, which can commit symbolic links: `ln -s .. up` made the old
//! hand-written walker recurse until the path was too long (a hang on a deep tree), and `ln -s . loop`
//! counted every page 41 times. `walkdir` follows links but detects loops (a link to a folder it is
//! already inside is skipped), and a file reached by two paths (a link beside its target) is listed
//! once: under a path that is not a link if it has one, else the shallowest. A dangling link names no file and is skipped.

use pagerev::error::FileError;
use std::path::{Path, PathBuf};

/// The files below `dir` (at most `max_depth` folders down: 1 is the folder's own files) that `keep`
/// accepts, sorted by path, each file once. Links are followed; loops are skipped. A folder that cannot
/// be read is an error naming it.
pub fn files_in(
    dir: &Path,
    max_depth: usize,
    keep: impl Fn(&Path) -> bool,
) -> anyhow::Result<Vec<PathBuf>> {
    let walk = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .max_depth(max_depth)
        .follow_links(true)
        .sort_by_file_name();
    let mut files = Vec::new();
    for entry in walk {
        let entry = match entry {
            Ok(e) => e,
            // A link back to a folder being walked: its files are listed through the real path.
            Err(e) if e.loop_ancestor().is_some() => continue,
            Err(e) => {
                let path = e.path().unwrap_or(dir).to_path_buf();
                match e.into_io_error() {
                    // A dangling link names no file.
                    Some(io) if io.kind() == std::io::ErrorKind::NotFound && path != dir => {
                        continue
                    }
                    Some(io) => return Err(FileError::from_io(path, io).into()),
                    None => anyhow::bail!("{}: cannot read folder", path.display()),
                }
            }
        };
        if entry.file_type().is_file() && keep(entry.path()) {
            let rank = (entry.path_is_symlink(), entry.depth());
            files.push((rank, entry.into_path()));
        }
    }
    // Of the paths to one file, the one that is not a link, then the shallowest, then the first by name.
    files.sort();
    let mut seen = std::collections::HashSet::new();
    files.retain(|(_, p)| seen.insert(std::fs::canonicalize(p).unwrap_or_else(|_| p.clone())));
    let mut files: Vec<PathBuf> = files.into_iter().map(|(_, p)| p).collect();
    files.sort();
    Ok(files)
}
