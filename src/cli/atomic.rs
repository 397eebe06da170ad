//! Writing reviewed state (record snapshots, baselines) so that an interrupted write never leaves a
//! half-written file: write a temporary file beside the target, flush it to disk, then rename it over the
//! target (rename is atomic on one filesystem).

use anyhow::Context;
use std::io::Write;
use std::path::Path;

/// Test hook: when this variable is set, writes fail after the temporary file is written and before the
/// rename, as if the process had been killed there. Used by the end-to-end tests; never set it otherwise.
pub const FAIL_BEFORE_RENAME_ENV: &str = "PAGEREV_TEST_FAIL_BEFORE_RENAME";

/// Replaces `path` with `bytes` atomically, creating parent folders as needed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    write_atomic_with(path, bytes, || {
        if std::env::var_os(FAIL_BEFORE_RENAME_ENV).is_some() {
            anyhow::bail!(
                "{}: write interrupted before rename ({FAIL_BEFORE_RENAME_ENV} is set)",
                path.display()
            );
        }
        Ok(())
    })
}

/// [`write_atomic`] with a hook run between writing the temporary file and renaming it.
pub fn write_atomic_with(
    path: &Path,
    bytes: &[u8],
    before_rename: impl FnOnce() -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)
        .with_context(|| format!("{}: cannot create folder", dir.display()))?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".pagerev-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .with_context(|| format!("{}: cannot create a temporary file", dir.display()))?;
    tmp.write_all(bytes)
        .with_context(|| format!("{}: cannot write", path.display()))?;
    // Temporary files are created private (0600); the result should read like any file written in
    // place: the target's permissions when it exists, else 0644.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).map_or(0o644, |m| m.permissions().mode() & 0o7777);
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))
            .with_context(|| format!("{}: cannot set permissions", path.display()))?;
    }
    tmp.as_file()
        .sync_all()
        .with_context(|| format!("{}: cannot flush to disk", path.display()))?;
    // On failure the temporary file is removed when `tmp` drops; the target is untouched.
    before_rename()?;
    tmp.persist(path)
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
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
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
        write_atomic(&path, b"old").unwrap();
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
