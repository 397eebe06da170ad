//! Writing reviewed state (record snapshots, baselines) and reports (`-o`, `--html`) so that an
//! interrupted write never leaves a half-written file: write a temporary file beside the target, flush it
//! to disk, then rename it over the target (rename is atomic on one filesystem).
//!
//! Only a regular file (or a path where nothing is yet) is replaced that way. A symbolic link is followed
//! to the file it names, which is replaced, so the link stays; anything else — `/dev/null`, a FIFO, a
//! terminal, `/proc/self/fd/1` — is written through, as a shell redirection would, because renaming over
//! it would destroy it (and as root, replace the system's `/dev/null`).

use anyhow::Context;
use std::io::Write;
use std::path::Path;

/// Temporary files are named `.pagerev-PID-RANDOM.tmp`, PID being the writing process's.
const TEMP_PREFIX: &str = ".pagerev-";
const TEMP_SUFFIX: &str = ".tmp";

/// A temporary file whose writer's process id cannot be checked (no `/proc`, or a name without one) is
/// stale once it is this old.
const STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(3600);

/// Removes the temporary files a killed pagerev left in `dir` (a kill between creating one and renaming
/// it, e.g. `accept` stopped by a CI timeout, leaves one in `snapshots/`, the folder users commit): those
/// whose writer is no longer running, or, where that cannot be told, older than an hour. Done once per
/// folder and process; a file that cannot be removed is left alone.
fn remove_stale_temporaries(dir: &Path) {
    use std::sync::Mutex;
    static DONE: Mutex<Vec<std::path::PathBuf>> = Mutex::new(Vec::new());
    {
        let mut done = DONE.lock().unwrap_or_else(|e| e.into_inner());
        if done.iter().any(|d| d == dir) {
            return;
        }
        done.push(dir.to_path_buf());
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let proc_fs = Path::new("/proc/self").exists();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(rest) = name
            .to_str()
            .and_then(|n| n.strip_prefix(TEMP_PREFIX))
            .and_then(|n| n.strip_suffix(TEMP_SUFFIX))
        else {
            continue;
        };
        let pid = rest
            .split_once('-')
            .and_then(|(pid, _)| pid.parse::<u32>().ok());
        let stale = match pid {
            Some(pid) if pid == std::process::id() => false,
            Some(pid) if proc_fs => !Path::new(&format!("/proc/{pid}")).exists(),
            _ => entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age > STALE_AFTER),
        };
        if stale && entry.file_type().is_ok_and(|t| t.is_file()) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Replaces `path` with `bytes` atomically, creating parent folders as needed; writes through a path
/// that is neither a regular file nor absent (see the module doc). `before_rename` runs between writing
/// the temporary file and renaming it (commands write through [`super::settings::Settings::write_atomic`],
/// whose hook is the tests' way to interrupt a write there).
pub fn write_atomic_with(
    path: &Path,
    bytes: &[u8],
    before_rename: impl FnOnce() -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let target = match std::fs::metadata(path) {
        // `metadata` follows links: what is there is what a write would reach.
        Ok(meta) if meta.is_dir() => {
            anyhow::bail!("{}: is a directory; name a file to write", path.display())
        }
        Ok(meta) if !meta.is_file() => return write_through(path, bytes),
        Ok(_) => std::fs::canonicalize(path)
            .with_context(|| format!("{}: cannot resolve", path.display()))?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => link_target(path)?,
        Err(e) => {
            return Err(e).with_context(|| format!("{}: cannot write", path.display()));
        }
    };
    replace(&target, path, bytes, before_rename)
}

/// Writes `bytes` into whatever `path` is (a device, a FIFO, a terminal), in place.
fn write_through(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .truncate(true)
        .open(path)
        .with_context(|| format!("{}: cannot open for writing", path.display()))?;
    file.write_all(bytes)
        .and_then(|()| file.flush())
        .with_context(|| format!("{}: cannot write", path.display()))
}

/// Where a file written at `path`, which does not exist, lands: `path` itself, or, when `path` is a
/// dangling symbolic link (or a chain of them), the path the last link names.
fn link_target(path: &Path) -> anyhow::Result<std::path::PathBuf> {
    let mut at = path.to_path_buf();
    // The kernel's own limit on links followed in one lookup.
    for _ in 0..40 {
        match std::fs::symlink_metadata(&at) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let to = std::fs::read_link(&at)
                    .with_context(|| format!("{}: cannot read link", at.display()))?;
                at = match at.parent() {
                    Some(dir) if to.is_relative() => dir.join(to),
                    _ => to,
                };
            }
            _ => return Ok(at),
        }
    }
    anyhow::bail!("{}: too many levels of symbolic links", path.display())
}

/// Replaces the regular (or absent) file `target` with `bytes` by renaming a temporary file over it;
/// `path` is the path as the user gave it, for messages.
fn replace(
    target: &Path,
    path: &Path,
    bytes: &[u8],
    before_rename: impl FnOnce() -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let dir = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)
        .with_context(|| format!("{}: cannot create folder", dir.display()))?;
    remove_stale_temporaries(dir);
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!("{TEMP_PREFIX}{}-", std::process::id()))
        .suffix(TEMP_SUFFIX)
        .tempfile_in(dir)
        .with_context(|| format!("{}: cannot create a temporary file", dir.display()))?;
    tmp.write_all(bytes)
        .with_context(|| format!("{}: cannot write", path.display()))?;
    // Temporary files are created private (0600); the result should read like any file written in
    // place: the target's permissions when it exists, else 0644.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(target).map_or(0o644, |m| m.permissions().mode() & 0o7777);
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))
            .with_context(|| format!("{}: cannot set permissions", path.display()))?;
    }
    tmp.as_file()
        .sync_all()
        .with_context(|| format!("{}: cannot flush to disk", path.display()))?;
    // On failure the temporary file is removed when `tmp` drops; the target is untouched.
    before_rename()?;
    tmp.persist(target)
        .map_err(|e| e.error)
        .with_context(|| format!("{}: cannot replace", path.display()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/state.yaml");
        write_atomic_with(&path, b"one", || Ok(())).unwrap();
        write_atomic_with(&path, b"two", || Ok(())).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        assert_eq!(
            std::fs::read_dir(path.parent().unwrap()).unwrap().count(),
            1
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o644);
        }
    }

    #[test]
    fn failure_before_rename_keeps_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.yaml");
        write_atomic_with(&path, b"old", || Ok(())).unwrap();
        let err = write_atomic_with(&path, b"new", || anyhow::bail!("killed")).unwrap_err();
        assert_eq!(err.to_string(), "killed");
        assert_eq!(std::fs::read(&path).unwrap(), b"old");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "temporary file removed"
        );
    }
}
