//! A page revision as validated text: the bytes of the file, checked to be UTF-8 text once, then borrowed
//! by every later stage. Offsets everywhere in pagerev are byte offsets into the file as read.

use crate::error::InputError;

/// Pages are indexed with `u32` byte offsets and line numbers to keep records small.
pub const MAX_SOURCE_LEN: usize = u32::MAX as usize;

/// One page revision: its display name (a relative path, never absolute in reports) and its text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    name: String,
    bytes: Bytes,
    line_starts: Vec<u32>,
}

/// Where the text of a page lives: read into memory, or mapped from its file.
///
/// Large files are mapped: reading copies every byte into freshly allocated memory, and on a page of
/// hundreds of megabytes clearing and copying that memory was a third of a whole `validate` run, while a
/// map shares the pages the operating system already caches for the file.
#[derive(Debug, Clone)]
enum Bytes {
    Owned(Vec<u8>),
    Mapped(std::sync::Arc<memmap2::Mmap>),
}

impl Bytes {
    fn as_slice(&self) -> &[u8] {
        match self {
            Bytes::Owned(v) => v,
            Bytes::Mapped(m) => m,
        }
    }
}

impl SourceFile {
    /// Checks `bytes` are a UTF-8 text page and takes ownership of them without copying.
    ///
    /// Rejected: empty files, files of blank lines only, UTF-16 (by its byte-order mark), NUL bytes
    /// (binary data), invalid UTF-8 (with the byte offset) and files over 4 GiB. A UTF-8 byte-order mark is
    /// kept in the text (offsets stay file offsets) and ignored by the parser.
    pub fn from_bytes(name: impl Into<String>, bytes: Vec<u8>) -> Result<Self, InputError> {
        Self::checked(name.into(), Bytes::Owned(bytes))
    }

    /// Maps `file` into memory and checks it as [`SourceFile::from_bytes`] does, without copying it.
    ///
    /// The map is read-only and private, but the file itself is shared: a file truncated by another
    /// process while pagerev reads it makes the operating system stop pagerev (`SIGBUS`), as it does
    /// ripgrep. Callers use this for regular files only, and `PAGEREV_NO_MMAP=1` turns it off.
    pub fn from_file_mapped(
        name: impl Into<String>,
        file: &std::fs::File,
    ) -> std::io::Result<Result<Self, InputError>> {
        // SAFETY: the map is only ever read, through `&[u8]`; the text is checked to be UTF-8 below,
        // once. A concurrent writer could change it afterwards: see the doc comment above.
        let map = unsafe { memmap2::MmapOptions::new().populate().map(file)? };
        #[cfg(unix)]
        let _ = map.advise(memmap2::Advice::Sequential);
        Ok(Self::checked(
            name.into(),
            Bytes::Mapped(std::sync::Arc::new(map)),
        ))
    }

    fn checked(name: String, storage: Bytes) -> Result<Self, InputError> {
        let path = name.clone();
        let bytes = storage.as_slice();
        if bytes.is_empty() {
            return Err(InputError::Empty { path });
        }
        if bytes.len() > MAX_SOURCE_LEN {
            return Err(InputError::TooLarge {
                path,
                size: bytes.len(),
            });
        }
        if bytes.starts_with(&[0xFF, 0xFE]) {
            return Err(InputError::Utf16 {
                path,
                endian: "little-endian",
            });
        }
        if bytes.starts_with(&[0xFE, 0xFF]) {
            return Err(InputError::Utf16 {
                path,
                endian: "big-endian",
            });
        }
        if let Some(offset) = memchr::memchr(0, bytes) {
            return Err(InputError::Binary { path, offset });
        }
        // The SIMD check is several times faster on valid text (most of a page's bytes pass through it
        // once); the standard library's error gives the offset when there is one to report.
        let text = match simdutf8::basic::from_utf8(bytes) {
            Ok(text) => text,
            Err(_) => std::str::from_utf8(bytes).map_err(|e| {
                let offset = e.valid_up_to();
                let line = 1 + memchr::memchr_iter(b'\n', &bytes[..offset]).count();
                InputError::InvalidUtf8 {
                    path: path.clone(),
                    offset,
                    line,
                }
            })?,
        };
        if text.chars().all(crate::canonical::is_blank_char) {
            return Err(InputError::OnlyBlank { path });
        }
        let line_starts = line_starts(bytes);
        Ok(SourceFile {
            name,
            bytes: storage,
            line_starts,
        })
    }

    /// Builds a source from text already in memory (tests, generated pages); same checks as bytes.
    pub fn from_text(name: impl Into<String>, text: impl Into<String>) -> Result<Self, InputError> {
        Self::from_bytes(name, text.into().into_bytes())
    }

    /// The name reports use for this file.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The whole text, byte-order mark included.
    pub fn text(&self) -> &str {
        // SAFETY: `checked` is the only constructor and it validated these exact bytes as UTF-8; they
        // are never modified through pagerev (owned bytes are private, maps are read-only).
        unsafe { std::str::from_utf8_unchecked(self.bytes.as_slice()) }
    }

    /// Byte offset where 1-based `line` starts.
    pub fn line_start(&self, line: u32) -> usize {
        self.line_starts
            .get((line.max(1) - 1) as usize)
            .map_or(self.text().len(), |&s| s as usize)
    }

    /// The full text of 1-based `line`, without its line terminator.
    pub fn line_text(&self, line: u32) -> &str {
        let start = self.line_start(line);
        let end = self.line_start(line + 1).min(self.text().len());
        self.text()[start..end].trim_end_matches(['\n', '\r'])
    }

    /// Byte offsets where each line starts (the first is 0).
    pub fn line_starts(&self) -> &[u32] {
        &self.line_starts
    }

    /// Number of lines whose first byte is an ASCII digit (an estimate of the number of dated entries).
    pub fn lines_starting_with_digit(&self) -> usize {
        let bytes = self.text().as_bytes();
        self.line_starts
            .iter()
            .filter(|&&s| bytes.get(s as usize).is_some_and(u8::is_ascii_digit))
            .count()
    }

    /// Number of lines (a final line without terminator counts).
    pub fn line_count(&self) -> u32 {
        self.line_starts.len() as u32
    }

    /// 1-based (line, column) of a byte offset; the column counts characters, as editors do.
    pub fn position(&self, offset: usize) -> (u32, u32) {
        let idx = match self.line_starts.binary_search(&(offset as u32)) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        let start = self.line_starts.get(idx).copied().unwrap_or(0) as usize;
        let offset = offset.min(self.text().len());
        let col = self
            .text()
            .get(start..offset)
            .map_or(0, |s| s.chars().count());
        (idx as u32 + 1, col as u32 + 1)
    }
}

/// Byte offsets of the start of every line. `\n`, `\r\n` and a lone `\r` all end a line.
fn line_starts(bytes: &[u8]) -> Vec<u32> {
    let mut starts = vec![0u32];
    let mut pos = 0;
    while let Some(i) = memchr::memchr2(b'\n', b'\r', &bytes[pos..]) {
        let at = pos + i;
        let next = if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') {
            at + 2
        } else {
            at + 1
        };
        if next < bytes.len() {
            starts.push(next as u32);
        }
        pos = next;
    }
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(bytes: &[u8]) -> InputError {
        SourceFile::from_bytes("p.txt", bytes.to_vec()).unwrap_err()
    }

    #[test]
    fn rejects_each_kind_of_bad_input_with_its_offset() {
        assert_eq!(
            err(b""),
            InputError::Empty {
                path: "p.txt".into()
            }
        );
        assert_eq!(
            err(b" \n\r\n\xc2\xa0\n"),
            InputError::OnlyBlank {
                path: "p.txt".into()
            }
        );
        assert_eq!(
            err(b"ab\0cd"),
            InputError::Binary {
                path: "p.txt".into(),
                offset: 2
            }
        );
        assert_eq!(
            err(b"abc\xffdef"),
            InputError::InvalidUtf8 {
                path: "p.txt".into(),
                offset: 3,
                line: 1
            }
        );
        assert!(matches!(
            err(b"\xff\xfea\0"),
            InputError::Utf16 {
                endian: "little-endian",
                ..
            }
        ));
    }

    #[test]
    fn line_index_handles_every_line_ending() {
        let s = SourceFile::from_text("p", "a\r\nb\rc\nd").unwrap();
        assert_eq!(s.line_count(), 4);
        assert_eq!(s.line_text(1), "a");
        assert_eq!(s.line_text(2), "b");
        assert_eq!(s.line_text(3), "c");
        assert_eq!(s.line_text(4), "d");
        assert_eq!(s.position(5), (3, 1));
    }
}
