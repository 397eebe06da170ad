//! Where a page revision comes from: a file on disk, or `REV:path` — a file as it is in a git revision
//! (`origin/main:corpus/official-visits.txt`), read with the `git` command line.

use anyhow::{bail, Context};
use pagerev::source::SourceFile;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A revision argument, resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RevisionSpec {
    File(PathBuf),
    Git { rev: String, path: String },
}

impl RevisionSpec {
    /// A path that exists is a file; otherwise `REV:path` names a file in git. (A file whose name contains
    /// a colon still works: it exists.)
    pub fn parse(arg: &Path) -> Self {
        if arg.exists() {
            return RevisionSpec::File(arg.to_path_buf());
        }
        let text = arg.to_string_lossy();
        match text.split_once(':') {
            Some((rev, path)) if !rev.is_empty() && !path.is_empty() => RevisionSpec::Git {
                rev: rev.to_string(),
                path: path.to_string(),
            },
            _ => RevisionSpec::File(arg.to_path_buf()),
        }
    }

    /// Reads and checks the revision.
    pub fn read(&self) -> anyhow::Result<SourceFile> {
        match self {
            RevisionSpec::File(path) => super::input::read_source(path),
            RevisionSpec::Git { rev, path } => {
                // `notes:v2.txt` that does not exist is most likely a missing file, not a git revision.
                if let Err(why) = verify_rev(rev) {
                    bail!("{rev}:{path}: no such file; check the path (nor is it REV:path: {why})");
                }
                let bytes = git_show(rev, path)?;
                Ok(SourceFile::from_bytes(format!("{rev}:{path}"), bytes)?)
            }
        }
    }
}

/// The bytes of `path` at git revision `rev` (path relative to the repository root, or `./path` relative
/// to the current directory, as git accepts).
pub fn git_show(rev: &str, path: &str) -> anyhow::Result<Vec<u8>> {
    verify_rev(rev)?;
    let out = git(&["show", &format!("{rev}:{path}")])?;
    if !out.status.success() {
        bail!("{rev}:{path}: no such file in git revision `{rev}`; check the path (relative to the repository root)");
    }
    Ok(out.stdout)
}

/// Page files (`*.txt`) under `under` that were added, modified or renamed between `rev` and the
/// working tree, or that git does not track yet, sorted.
///
/// Names are read NUL-separated (`-z`): without it git quotes a path that is not plain ASCII
/// (`"corpus/pag\303\251/x.txt"`), and such a page was silently left unchecked.
pub fn changed_since(rev: &str, under: &str) -> anyhow::Result<Vec<String>> {
    let mut files = files_changed_since(rev, &[under], Some("AMR"))?;
    files.retain(|f| f.ends_with(".txt"));
    Ok(files)
}

/// Every file under any of `paths` that changed between `rev` and the working tree (with `diff_filter`,
/// only those git's `--diff-filter` keeps), or that git does not track yet: the paths as git prints
/// them with `-z` (relative to the repository root, never quoted, whatever bytes they hold).
pub fn files_changed_since(
    rev: &str,
    paths: &[&str],
    diff_filter: Option<&str>,
) -> anyhow::Result<Vec<String>> {
    verify_rev(rev)?;
    let filter = diff_filter.map(|f| format!("--diff-filter={f}"));
    let mut args = vec!["diff", "-z", "--name-only"];
    args.extend(filter.as_deref());
    args.extend([rev, "--"]);
    args.extend_from_slice(paths);
    let out = git(&args)?;
    if !out.status.success() {
        bail!(
            "git diff {rev}: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    let mut args = vec!["ls-files", "-z", "--others", "--exclude-standard", "--"];
    args.extend_from_slice(paths);
    let untracked = git(&args)?;
    let mut files: Vec<String> = [out.stdout, untracked.stdout]
        .iter()
        .flat_map(|b| b.split(|&c| c == 0))
        .filter(|p| !p.is_empty())
        .map(|p| String::from_utf8_lossy(p).into_owned())
        .collect();
    files.sort();
    files.dedup();
    Ok(files)
}

/// The commits that changed `path` (a file in the working tree), oldest first: each commit's short
/// hash and its date (`2024-01-05`).
pub fn commits_of(path: &Path) -> anyhow::Result<Vec<(String, String)>> {
    let arg = path.to_string_lossy();
    let out = git(&["log", "--reverse", "--format=%h %cs", "--", &arg])?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        if err.contains("not a git repository") {
            bail!(
                "{}: not in a git repository; `pagerev history` takes a folder of revisions, or a page file kept in git",
                path.display()
            );
        }
        bail!("git log {}: {}", path.display(), err.trim());
    }
    Ok(String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.split_once(' '))
        .map(|(h, d)| (h.to_string(), d.to_string()))
        .collect())
}

/// Whether `path` exists in git revision `rev`.
pub fn exists_at(rev: &str, path: &str) -> anyhow::Result<bool> {
    verify_rev(rev)?;
    Ok(git(&["cat-file", "-e", &format!("{rev}:{path}")])?
        .status
        .success())
}

fn verify_rev(rev: &str) -> anyhow::Result<()> {
    if !git(&["rev-parse", "--git-dir"])?.status.success() {
        bail!("{rev}: not a git revision: there is no git repository here (run pagerev inside the clone, or pass revision files instead of REV:path)");
    }
    let out = git(&[
        "rev-parse",
        "--verify",
        "--quiet",
        &format!("{rev}^{{commit}}"),
    ])?;
    if !out.status.success() {
        bail!("{rev}: not a git revision here (try `git fetch`, or a branch, tag or commit that exists)");
    }
    Ok(())
}

fn git(args: &[&str]) -> anyhow::Result<std::process::Output> {
    Command::new("git")
        .args(args)
        .output()
        .context("cannot run `git`; install git or pass revision files instead of REV:path")
}
