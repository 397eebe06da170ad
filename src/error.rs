//! Errors that stop pagerev from doing its job: unreadable input and invalid configuration.
//!
//! Findings about a page are *not* errors: they are [`crate::diagnostic::Diagnostic`]s. Everything here
//! carries the path it is about, so the CLI can print one line that names the file.

use std::path::PathBuf;

/// Why a page revision could not be read as text. Each variant names the file (`path`, as reports name
/// it).
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[non_exhaustive]
pub enum InputError {
    /// The file has no bytes at all.
    #[error("{path}: file is empty; a page revision needs at least one dated entry")]
    Empty {
        /// The file.
        path: String,
    },
    /// The file holds only whitespace.
    #[error("{path}: file holds only blank lines; a page revision needs at least one dated entry")]
    OnlyBlank {
        /// The file.
        path: String,
    },
    /// The file starts with a UTF-16 byte-order mark.
    #[error("{path}: file is UTF-16 ({endian} byte-order mark); convert it to UTF-8, e.g. `iconv -f UTF-16 -t UTF-8`")]
    Utf16 {
        /// The file.
        path: String,
        /// `little-endian` or `big-endian`.
        endian: &'static str,
    },
    /// The file holds a NUL byte: not text.
    #[error(
        "{path}: binary data (NUL byte at byte offset {offset}); pagerev reads UTF-8 text pages"
    )]
    Binary {
        /// The file.
        path: String,
        /// Byte offset of the first NUL byte.
        offset: usize,
    },
    /// The file is not valid UTF-8.
    #[error(
        "{path}: invalid UTF-8 at byte offset {offset} (line {line}); re-save the page as UTF-8"
    )]
    InvalidUtf8 {
        /// The file.
        path: String,
        /// Byte offset of the first invalid byte.
        offset: usize,
        /// 1-based line of that byte.
        line: usize,
    },
    /// The file is over the 4 GiB page limit.
    #[error("{path}: over the page size limit of 4 GiB ({size} bytes or more); pagerev reads pages up to 4 GiB")]
    TooLarge {
        /// The file.
        path: String,
        /// The file's size, or, for a stream, how much was read before giving up.
        size: u64,
    },
}

/// Why a file or folder could not be opened at all (raised by the CLI, which owns the filesystem). Each
/// variant names the path as given.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum FileError {
    /// Nothing is at the path.
    #[error("{}: no such file; check the path", path.display())]
    NotFound {
        /// The path.
        path: PathBuf,
    },
    /// A folder where a file was expected.
    #[error("{}: is a directory; pass a page revision file (a `.txt` file inside it)", path.display())]
    IsDirectory {
        /// The path.
        path: PathBuf,
    },
    /// The file cannot be opened for reading.
    #[error("{}: permission denied; make the file readable", path.display())]
    PermissionDenied {
        /// The path.
        path: PathBuf,
    },
    /// A file over the size limit of its kind, found before it is read whole (`/dev/zero`, a sparse file).
    #[error("{}: over the {what} size limit of {limit}; pagerev reads no more of it", path.display())]
    TooLarge {
        /// The path.
        path: PathBuf,
        /// What kind of file it is (`configuration file`).
        what: &'static str,
        /// The limit, as text (`1 MiB`).
        limit: &'static str,
    },
    /// Any other I/O error. The message leaves the cause to the error chain (`{e:#}` in `main.rs` prints
    /// it after a colon); naming it here too printed it twice.
    #[error("{}: cannot read", path.display())]
    Io {
        /// The path.
        path: PathBuf,
        /// What the operating system said.
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
