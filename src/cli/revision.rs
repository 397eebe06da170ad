//! Where a page revision comes from: a file on disk, or `REV:path` — a file as it is in a git revision
//! (`origin/main:corpus/official-visits.txt`), read with the `git` command line.

use crate::source::SourceFile;
use anyhow::{bail, Context};
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

/// Page files (`*.txt`) under `under` that changed between `rev` and the working tree, sorted.
///
/// Names are read NUL-separated (`-z`): without it git quotes a path that is not plain ASCII
/// (`"corpus/pag\303\251/x.txt"`), and such a page was silently left unchecked.
pub fn changed_since(rev: &str, under: &str) -> anyhow::Result<Vec<String>> {
    verify_rev(rev)?;
    let out = git(&[
        "diff",
        "-z",
        "--name-only",
        "--diff-filter=AMR",
        rev,
        "--",
        under,
    ])?;
    if !out.status.success() {
        bail!(
            "git diff {rev}: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    let mut files = page_files(&out.stdout);
    // Files git has not been told about yet are new pages too.
    let untracked = git(&[
        "ls-files",
        "-z",
        "--others",
        "--exclude-standard",
        "--",
        under,
    ])?;
    files.extend(page_files(&untracked.stdout));
    files.sort();
    files.dedup();
    Ok(files)
}

/// The `*.txt` names of git's NUL-separated list of paths.
fn page_files(list: &[u8]) -> Vec<String> {
    list.split(|&b| b == 0)
        .map(String::from_utf8_lossy)
        .filter(|p| p.ends_with(".txt"))
        .map(|p| p.into_owned())
        .collect()
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
