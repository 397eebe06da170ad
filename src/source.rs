//! A page revision as validated text: the bytes of the file, checked to be UTF-8 text once, then borrowed
//! by every later stage. Offsets everywhere in pagerev are byte offsets into the file as read.

use crate::error::InputError;

/// Pages are indexed with `u32` byte offsets and line numbers to keep records small.
pub const MAX_SOURCE_LEN: usize = u32::MAX as usize;

/// One page revision: its display name (a relative path, never absolute in reports) and its text.
///
/// The text is owned: a page is read into memory, never mapped, so a file rewritten or truncated by
/// another process while pagerev reads it cannot change text that was already checked (a map would
/// make that undefined behaviour, or stop pagerev with `SIGBUS`).
#[derive(Debug, Clone)]
pub struct SourceFile {
    name: String,
    text: String,
    line_starts: Vec<u32>,
    /// [`SourceFile::lines_starting_with_digit`], counted once: the parser and the rules both size
    /// their tables by it.
    digit_lines: std::sync::OnceLock<usize>,
}

impl SourceFile {
    /// Checks `bytes` are a UTF-8 text page and takes ownership of them without copying.
    ///
    /// Rejected: empty files, files of blank lines only, UTF-16 (by its byte-order mark), NUL bytes
    /// (binary data), invalid UTF-8 (with the byte offset) and files over 4 GiB. A UTF-8 byte-order mark is
    /// kept in the text (offsets stay file offsets) and ignored by the parser.
    pub fn from_bytes(name: impl Into<String>, bytes: Vec<u8>) -> Result<Self, InputError> {
        let name = name.into();
        let path = name.clone();
        if bytes.is_empty() {
            return Err(InputError::Empty { path });
        }
        if bytes.len() > MAX_SOURCE_LEN {
            return Err(InputError::TooLarge {
                path,
                size: bytes.len() as u64,
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
        let (nul, mut line_starts) = nul_and_line_starts(&bytes);
        // Grown by doubling, the index can be twice its size; it lives as long as the page.
        line_starts.shrink_to_fit();
        if let Some(offset) = nul {
            return Err(InputError::Binary { path, offset });
        }
        let text = String::from_utf8(bytes).map_err(|e| {
            let offset = e.utf8_error().valid_up_to();
            let line = 1 + memchr::memchr_iter(b'\n', &e.as_bytes()[..offset]).count();
            InputError::InvalidUtf8 {
                path: path.clone(),
                offset,
                line,
            }
        })?;
        if text.chars().all(crate::canonical::is_blank_char) {
            return Err(InputError::OnlyBlank { path });
        }
        Ok(SourceFile {
            name,
            text,
            line_starts,
            digit_lines: std::sync::OnceLock::new(),
        })
    }

    /// A configuration file's text as it is — possibly empty or blank, which a page may not be — so
    /// that reporters can quote the lines of a problem in it.
    pub(crate) fn config(name: impl Into<String>, text: String) -> Self {
        let line_starts = line_starts(text.as_bytes());
        SourceFile {
            name: name.into(),
            text,
            line_starts,
            digit_lines: std::sync::OnceLock::new(),
        }
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
        &self.text
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
        *self.digit_lines.get_or_init(|| {
            let bytes = self.text().as_bytes();
            self.line_starts
                .iter()
                .filter(|&&s| bytes.get(s as usize).is_some_and(u8::is_ascii_digit))
                .count()
        })
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
/// Texts at least this large are indexed in two halves at once.
const PARALLEL_INDEX_MIN: usize = 8 << 20;

/// The offset of the first NUL byte in `bytes`, if any, and where its lines start: on a large text, the
/// two halves (split after a line feed, so that no line and no `\r\n` straddles them) at once.
fn nul_and_line_starts(bytes: &[u8]) -> (Option<usize>, Vec<u32>) {
    let one = |part: &[u8]| (memchr::memchr(0, part), line_starts(part));
    let split = if bytes.len() >= PARALLEL_INDEX_MIN {
        memchr::memchr(b'\n', &bytes[bytes.len() / 2..]).map(|i| bytes.len() / 2 + i + 1)
    } else {
        None
    };
    let Some(mid) = split.filter(|&mid| mid < bytes.len()) else {
        return one(bytes);
    };
    let ((nul_a, mut starts), (nul_b, starts_b)) =
        rayon::join(|| one(&bytes[..mid]), || one(&bytes[mid..]));
    // Offsets fit in u32: the text is at most MAX_SOURCE_LEN bytes.
    starts.extend(starts_b.iter().map(|&s| s + mid as u32));
    (nul_a.or(nul_b.map(|o| o + mid)), starts)
}

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

    #[test]
    fn a_large_text_is_indexed_in_halves_as_it_is_whole() {
        // CRLF, lone CR and LF line ends, in a text over the size indexed in halves.
        let text = "a\r\nbb\rccc\n\n".repeat(PARALLEL_INDEX_MIN / 10 + 7);
        let (nul, starts) = nul_and_line_starts(text.as_bytes());
        assert_eq!(nul, None);
        assert_eq!(starts, line_starts(text.as_bytes()));
        let mut bytes = text.into_bytes();
        let at = bytes.len() - 3;
        bytes[at] = 0;
        assert_eq!(nul_and_line_starts(&bytes).0, Some(at));
    }

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
