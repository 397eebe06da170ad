//! Pages on the command line: which revisions make up each page (a folder of revisions, a file and its
//! previous revision, or files changed since a git revision), and the page's reviewed state on disk
//! (`<snapshots>/<page>.records.yaml`, `<snapshots>/<page>.baseline.yaml`).

use super::args::PageArgs;
use super::revision::{changed_since, exists_at, files_changed_since, RevisionSpec};
use anyhow::{bail, Context};
use pagerev::baseline::Baseline;
use pagerev::error::FileError;
use pagerev::snapshot::RecordsSnapshot;
use std::path::{Path, PathBuf};

/// One page to work on.
#[derive(Debug, Clone)]
pub struct PageTarget {
    /// The page's name: its folder's name, or its file's stem.
    pub name: String,
    pub newest: RevisionSpec,
    pub previous: Option<RevisionSpec>,
}

/// The pages `args` name, for a command that needs at least one (`accept`, `review`, `baseline`).
pub fn resolve(args: &PageArgs) -> anyhow::Result<Vec<PageTarget>> {
    let targets = resolve_changed(args, &[])?;
    if targets.is_empty() {
        if let Some(base) = &args.base {
            bail!(
                "no page under `{}` changed since {base}: nothing to do",
                args.under
            );
        }
    }
    Ok(targets)
}

/// The pages `args` name. With `--base REV` and no page named: the pages whose revisions, `page.yaml`
/// or reviewed state changed since REV — or every page under `--under` when anything in `config`
/// (the rule configuration in use) changed, since every result may then differ. That list may be
/// empty: nothing changed.
pub fn resolve_changed(args: &PageArgs, config: &[&str]) -> anyhow::Result<Vec<PageTarget>> {
    if args.previous.is_some() && args.pages.len() != 1 {
        bail!("--previous needs exactly one page file");
    }
    let mut out = Vec::new();
    if args.pages.is_empty() {
        let Some(base) = &args.base else {
            bail!("name a page folder or file (e.g. `corpus/official-visits/`), or give --base REV to check every page file changed since REV");
        };
        if args.all {
            return pages_under(Path::new(&args.under), args);
        }
        let snapshots = args.snapshots.to_string_lossy().into_owned();
        let mut watched: Vec<&str> = config.to_vec();
        watched.push(&args.under);
        watched.push(&snapshots);
        let changed = files_changed_since(base, &watched, None)?;
        let under_prefix = format!("{}/", args.under.trim_end_matches('/'));
        let snap_prefix = format!("{}/", snapshots.trim_end_matches('/'));
        if let Some(c) = changed
            .iter()
            .find(|f| !f.starts_with(&under_prefix) && !f.starts_with(&snap_prefix))
        {
            let escape = pagerev::report::control::escape;
            eprintln!(
                "note: the rule configuration changed since {} ({}): checking every page under `{}`",
                escape(base),
                escape(c),
                escape(&args.under)
            );
            return pages_under(Path::new(&args.under), args);
        }
        // A page whose settings or reviewed state changed is checked again, its revisions unchanged.
        let mut restated: Vec<String> = Vec::new();
        for f in &changed {
            let path = Path::new(f);
            if f.starts_with(&snap_prefix) {
                let file = path.file_name().map(|n| n.to_string_lossy().into_owned());
                if let Some(name) = file.as_deref().and_then(|n| {
                    n.strip_suffix(".records.yaml")
                        .or_else(|| n.strip_suffix(".baseline.yaml"))
                }) {
                    restated.push(name.to_string());
                }
            } else if path.file_name().is_some_and(|n| n == "page.yaml") {
                if let Some(dir) = path.parent() {
                    restated.push(page_name(dir));
                }
            }
        }
        if !restated.is_empty() {
            for target in pages_under(Path::new(&args.under), args)? {
                if restated.contains(&target.name) {
                    out.push(target);
                }
            }
        }
        let mut folders: Vec<PathBuf> = Vec::new();
        for file in changed_since(base, &args.under)? {
            let path = Path::new(&file);
            // A new revision added to a folder of revisions is checked against the folder's previous
            // one; a page kept as one file (its revisions in git) against its version at `base`.
            let folder = path
                .parent()
                .filter(|d| !d.as_os_str().is_empty() && txt_files(d) > 1);
            match folder {
                Some(dir) if !exists_at(base, &file)? => {
                    if !folders.iter().any(|f| f == dir) {
                        folders.push(dir.to_path_buf());
                        let target = folder_target(dir)?;
                        if !out.iter().any(|t: &PageTarget| t.name == target.name) {
                            out.push(target);
                        }
                    }
                }
                _ => {
                    let target = file_target(path, args)?;
                    if !out.iter().any(|t: &PageTarget| t.newest == target.newest) {
                        out.push(target);
                    }
                }
            }
        }
        return Ok(out);
    }
    for path in &args.pages {
        if path.is_dir() && has_page_folders(path) {
            // `corpus/`: a folder of pages (a folder of revisions holds no folder of revisions).
            out.extend(pages_under(path, args)?);
        } else if path.is_dir() {
            out.push(folder_target(path)?);
        } else {
            out.push(file_target(path, args)?);
        }
    }
    Ok(out)
}

/// Every page in `dir`, by name: each folder holding revisions (`*.txt`), and each page file
/// (`*.txt`) kept directly in `dir`.
fn pages_under(dir: &Path, args: &PageArgs) -> anyhow::Result<Vec<PageTarget>> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("{}: cannot read folder", super::input::display_name(dir)))?
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    let mut out = Vec::new();
    for path in entries {
        if path.is_dir() && txt_files(&path) > 0 {
            out.push(folder_target(&path)?);
        } else if path.is_file() && path.extension().is_some_and(|x| x == "txt") {
            out.push(file_target(&path, args)?);
        }
    }
    Ok(out)
}

/// Whether some folder directly in `dir` holds page revisions.
fn has_page_folders(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|entries| {
        entries
            .flatten()
            .any(|e| e.path().is_dir() && txt_files(&e.path()) > 0)
    })
}

/// A folder of revisions: the newest file by name, and the one before it.
fn folder_target(dir: &Path) -> anyhow::Result<PageTarget> {
    let mut revisions = super::walk::files_in(dir, 1, is_txt)?;
    let Some(newest) = revisions.pop() else {
        bail!(
            "{}: no page revisions (`*.txt`) in this folder",
            super::input::display_name(dir)
        );
    };
    Ok(PageTarget {
        name: page_name(dir),
        newest: RevisionSpec::File(newest),
        previous: revisions.pop().map(RevisionSpec::File),
    })
}

/// Number of page revisions (`*.txt`) directly in `dir`.
fn txt_files(dir: &Path) -> usize {
    super::walk::files_in(dir, 1, is_txt).map_or(0, |f| f.len())
}

fn is_txt(p: &Path) -> bool {
    p.extension().is_some_and(|x| x == "txt")
}

/// A page file: its previous revision is `--previous`, or its version at `--base`, or none.
fn file_target(path: &Path, args: &PageArgs) -> anyhow::Result<PageTarget> {
    let newest = RevisionSpec::parse(path);
    let previous = match (&args.previous, &args.base) {
        (Some(p), _) => Some(RevisionSpec::parse(p)),
        (None, Some(base)) => {
            let rel = path.to_string_lossy().replace('\\', "/");
            exists_at(base, &rel)?.then(|| RevisionSpec::Git {
                rev: base.clone(),
                path: rel,
            })
        }
        (None, None) => None,
    };
    let stem = match &newest {
        RevisionSpec::File(p) => p.file_stem().map(|s| s.to_string_lossy().into_owned()),
        RevisionSpec::Git { path, .. } => Path::new(path)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned()),
    };
    Ok(PageTarget {
        name: stem.unwrap_or_else(|| "page".into()),
        newest,
        previous,
    })
}

/// A folder's name as a page name (`corpus/official-visits/` → `official-visits`).
fn page_name(dir: &Path) -> String {
    let abs = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    abs.file_name()
        .map_or_else(|| "page".into(), |n| n.to_string_lossy().into_owned())
}

/// Where a page's reviewed records are kept.
pub fn snapshot_path(snapshots: &Path, page: &str) -> PathBuf {
    snapshots.join(format!("{page}.records.yaml"))
}

/// Where a page's accepted findings are kept.
pub fn baseline_path(snapshots: &Path, page: &str) -> PathBuf {
    snapshots.join(format!("{page}.baseline.yaml"))
}

/// The page's reviewed snapshot, `None` when there is none. A file that cannot be read as a snapshot is an
/// error (never silently ignored or overwritten).
pub fn load_snapshot(path: &Path) -> anyhow::Result<Option<RecordsSnapshot>> {
    let Some(text) = read_state(path)? else {
        return Ok(None);
    };
    RecordsSnapshot::from_yaml(&text)
        .map(Some)
        .map_err(|e| corrupted(path, &e.to_string(), "pagerev accept --force"))
}

/// The page's baseline, `None` when there is none; errors as [`load_snapshot`].
pub fn load_baseline(path: &Path) -> anyhow::Result<Option<Baseline>> {
    let Some(text) = read_state(path)? else {
        return Ok(None);
    };
    Baseline::from_yaml(&text)
        .map(Some)
        .map_err(|e| corrupted(path, &e.to_string(), "pagerev baseline write --force"))
}

fn read_state(path: &Path) -> anyhow::Result<Option<String>> {
    let read = super::input::read_limited(
        path,
        pagerev::source::MAX_SOURCE_LEN as u64,
        "state file",
        "4 GiB",
    );
    match read {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(t) => Ok(Some(t)),
            Err(_) => Err(corrupted(path, "not UTF-8 text", "the --force option")),
        },
        Err(e) if matches!(e.downcast_ref(), Some(FileError::NotFound { .. })) => Ok(None),
        Err(e) => Err(e),
    }
}

fn corrupted(path: &Path, why: &str, fix: &str) -> anyhow::Error {
    anyhow::anyhow!(
        "{}: cannot be read ({why}); it may be truncated or corrupted — restore it from git, or rewrite it with `{fix}`",
        super::input::display_name(path)
    )
}
