//! Errors that stop pagerev from doing its job: unreadable input and invalid configuration.
//!
//! Findings about a page are *not* errors: they are [`crate::diagnostic::Diagnostic`]s. Everything here
//! carries the path it is about, so the CLI can print one line that names the file.

use std::path::PathBuf;

/// Why a page revision could not be read as text.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum InputError {
    #[error("{path}: file is empty; a page revision needs at least one dated entry")]
    Empty { path: String },
    #[error("{path}: file holds only blank lines; a page revision needs at least one dated entry")]
    OnlyBlank { path: String },
    #[error("{path}: file is UTF-16 ({endian} byte-order mark); convert it to UTF-8, e.g. `iconv -f UTF-16 -t UTF-8`")]
    Utf16 { path: String, endian: &'static str },
    #[error(
        "{path}: binary data (NUL byte at byte offset {offset}); pagerev reads UTF-8 text pages"
    )]
    Binary { path: String, offset: usize },
    #[error(
        "{path}: invalid UTF-8 at byte offset {offset} (line {line}); re-save the page as UTF-8"
    )]
    InvalidUtf8 {
        path: String,
        offset: usize,
        line: usize,
    },
    /// `size` is the file's size, or, for a stream, how much was read before giving up.
    #[error("{path}: over the page size limit of 4 GiB ({size} bytes or more); pagerev reads pages up to 4 GiB")]
    TooLarge { path: String, size: u64 },
}

/// Why a file or folder could not be opened at all (raised by the CLI, which owns the filesystem).
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error("{}: no such file; check the path", path.display())]
    NotFound { path: PathBuf },
    #[error("{}: is a directory; pass a page revision file (a `.txt` file inside it)", path.display())]
    IsDirectory { path: PathBuf },
    #[error("{}: permission denied; make the file readable", path.display())]
    PermissionDenied { path: PathBuf },
    /// A file over the size limit of its kind, found before it is read whole (`/dev/zero`, a sparse file).
    #[error("{}: over the {what} size limit of {limit}; pagerev reads no more of it", path.display())]
    TooLarge {
        path: PathBuf,
        what: &'static str,
        limit: &'static str,
    },
    /// The message leaves the cause to the error chain (`{e:#}` in `main.rs` prints it after a colon);
    /// naming it here too printed it twice.
    #[error("{}: cannot read", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl FileError {
    /// Classifies an I/O error raised while opening or reading `path`.
    pub fn from_io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        let path = path.into();
        match source.kind() {
            std::io::ErrorKind::NotFound => FileError::NotFound { path },
            std::io::ErrorKind::PermissionDenied => FileError::PermissionDenied { path },
            std::io::ErrorKind::IsADirectory => FileError::IsDirectory { path },
            _ => FileError::Io { path, source },
        }
    }
}
