//! Reading page revisions from disk into checked [`SourceFile`]s, with errors that name the file.

use pagerev::error::{FileError, InputError};
use pagerev::source::{SourceFile, MAX_SOURCE_LEN};
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

/// Pages are read this much at a time, so that one that cannot be a page (`/dev/zero`: a NUL byte) is
/// rejected after its first chunk rather than after 4 GiB.
const CHUNK: u64 = 8 << 20;

/// Regular files at least this large are read as two halves at once, one per core: on a large page,
/// reading (the kernel's copy and the first touch of each page of the buffer) costs as much as a sixth
/// of the whole parse, and it parallelises.
const PARALLEL_READ_MIN: u64 = 2 * CHUNK;

/// The most a rule configuration or `page.yaml` may hold: real ones are a few kilobytes.
pub const MAX_CONFIG_LEN: u64 = 1 << 20;

/// Reads and checks one page revision. The file is named in reports as given on the command line, made
/// relative to the current directory when it is below it.
///
/// The bytes are read into memory (never mapped, see [`SourceFile`]), at most the 4 GiB page limit plus
/// one byte: a regular file over the limit is rejected by its size before anything is read (a sparse
/// file), a stream once it has given more than that, and any input as soon as a chunk holds a NUL byte.
pub fn read_source(path: &Path) -> anyhow::Result<SourceFile> {
    let meta = std::fs::metadata(path).map_err(|e| FileError::from_io(path, e))?;
    if meta.is_dir() {
        return Err(FileError::IsDirectory {
            path: path.to_path_buf(),
        }
        .into());
    }
    let name = display_name(path);
    let limit = MAX_SOURCE_LEN as u64;
    if meta.is_file() && meta.len() > limit {
        return Err(InputError::TooLarge {
            path: name,
            size: meta.len(),
        }
        .into());
    }
    let mut file = std::fs::File::open(path).map_err(|e| FileError::from_io(path, e))?;
    let mut bytes = Vec::new();
    if meta.is_file() && meta.len() >= PARALLEL_READ_MIN {
        if let Some(read) =
            read_in_halves(&file, meta.len()).map_err(|e| FileError::from_io(path, e))?
        {
            bytes = read;
            // A file that grew while it was read: the loop below reads on from where the halves ended.
            file.seek(SeekFrom::Start(bytes.len() as u64))
                .map_err(|e| FileError::from_io(path, e))?;
        }
    }
    if bytes.is_empty() {
        let hint = if meta.is_file() { meta.len() + 1 } else { 0 };
        bytes.reserve(usize::try_from(hint).unwrap_or(0));
    }
    loop {
        let start = bytes.len();
        let n = (&mut file)
            .take(CHUNK)
            .read_to_end(&mut bytes)
            .map_err(|e| FileError::from_io(path, e))?;
        if n == 0 {
            break;
        }
        if bytes.len() as u64 > limit {
            return Err(InputError::TooLarge {
                path: name,
                size: bytes.len() as u64,
            }
            .into());
        }
        // Checking stops at the first problem, so neither can change what is reported.
        let utf16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
        if utf16 || memchr::memchr(0, &bytes[start..]).is_some() {
            break;
        }
    }
    Ok(SourceFile::from_bytes(name, bytes)?)
}

/// Reads a small file (configuration, reviewed state): at most `limit` bytes plus one, so that
/// `--config /dev/zero` is an error rather than a process that grows until the kernel kills it.
pub fn read_limited(
    path: &Path,
    limit: u64,
    what: &'static str,
    limit_text: &'static str,
) -> anyhow::Result<Vec<u8>> {
    let file = std::fs::File::open(path).map_err(|e| FileError::from_io(path, e))?;
    let too_large = || FileError::TooLarge {
        path: path.to_path_buf(),
        what,
        limit: limit_text,
    };
    if file
        .metadata()
        .is_ok_and(|m| m.is_file() && m.len() > limit)
    {
        return Err(too_large().into());
    }
    let mut bytes = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| FileError::from_io(path, e))?;
    if bytes.len() as u64 > limit {
        return Err(too_large().into());
    }
    Ok(bytes)
}

/// [`read_limited`] for a rule configuration or a `page.yaml`.
pub fn read_config_file(path: &Path) -> anyhow::Result<Vec<u8>> {
    read_limited(path, MAX_CONFIG_LEN, "configuration file", "1 MiB")
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

/// Reads the first `len` bytes of `file` as two halves on two threads, each a chunk at a time. `None`
/// when the file turned out shorter than `len` (it was truncated while read): the caller then reads it
/// from the start as a stream. A half stops after a chunk that holds a NUL byte, and the first half's
/// NUL stops the second half too: the bytes left unread stay zero, after the first NUL (the one
/// reported), so they cannot move it. (A NUL in the second half must not stop the first, whose unread
/// zeros would then come first.)
#[cfg(unix)]
fn read_in_halves(file: &std::fs::File, len: u64) -> std::io::Result<Option<Vec<u8>>> {
    use std::os::unix::fs::FileExt;
    use std::sync::atomic::{AtomicBool, Ordering};
    let Ok(len) = usize::try_from(len) else {
        return Ok(None);
    };
    let first_has_nul = AtomicBool::new(false);
    let read_half = |half: &mut [u8], at: usize| -> std::io::Result<bool> {
        for (i, chunk) in half.chunks_mut(CHUNK as usize).enumerate() {
            if at > 0 && first_has_nul.load(Ordering::Relaxed) {
                break;
            }
            let offset = at + i * CHUNK as usize;
            match file.read_exact_at(chunk, offset as u64) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => return Ok(false),
                Err(e) => return Err(e),
            }
            if memchr::memchr(0, chunk).is_some() {
                if at == 0 {
                    first_has_nul.store(true, Ordering::Relaxed);
                }
                break;
            }
        }
        Ok(true)
    };
    let mut bytes = vec![0u8; len];
    let (first, second) = bytes.split_at_mut(len / 2);
    let (a, b) = rayon::join(|| read_half(first, 0), || read_half(second, len / 2));
    Ok((a? && b?).then_some(bytes))
}

/// Elsewhere the page is read as a stream only.
#[cfg(not(unix))]
fn read_in_halves(_file: &std::fs::File, _len: u64) -> std::io::Result<Option<Vec<u8>>> {
    Ok(None)
}
