//! Splitting a page into its non-blank lines, each trimmed, numbered and located, in one pass over the
//! bytes (`memchr` finds line ends; nothing is copied).

use crate::canonical::trim;
use crate::record::Text;
use crate::source::SourceFile;

/// [`non_blank_lines`] of a checked source, read from its line index rather than by scanning the bytes a
/// second time (the index is built when the file is checked).
pub fn source_lines(source: &SourceFile) -> impl Iterator<Item = Text<'_>> {
    source_lines_in(source, 0..source.line_starts().len())
}

/// The non-blank lines among the source's lines `range` (0-based line indexes: `range.start` is line
/// number `range.start + 1`).
pub fn source_lines_in(
    source: &SourceFile,
    range: std::ops::Range<usize>,
) -> impl Iterator<Item = Text<'_>> {
    range.filter_map(move |i| source_line(source, i))
}

/// The non-blank line nearest above line index `at`, if any.
pub fn line_above(source: &SourceFile, at: usize) -> Option<Text<'_>> {
    (0..at).rev().find_map(|i| source_line(source, i))
}

/// Line index `i` of the source, trimmed; `None` when it is blank.
fn source_line(source: &SourceFile, i: usize) -> Option<Text<'_>> {
    let text = source.text();
    let bytes = text.as_bytes();
    let starts = source.line_starts();
    let start = starts[i] as usize;
    let mut end = starts.get(i + 1).map_or(bytes.len(), |&s| s as usize);
    // Each line ends with exactly one terminator: `\r\n`, `\n` or `\r` (or none, at the end).
    if end > start && bytes[end - 1] == b'\n' {
        end -= 1;
        if end > start && bytes[end - 1] == b'\r' {
            end -= 1;
        }
    } else if end > start && bytes[end - 1] == b'\r' {
        end -= 1;
    }
    non_blank(text, start, end, i as u32 + 1)
}

/// Every non-blank line of `text`, trimmed of surrounding whitespace (NBSP and byte-order marks
/// included). `\n`, `\r\n` and a lone `\r` end a line.
pub fn non_blank_lines(text: &str) -> impl Iterator<Item = Text<'_>> {
    let bytes = text.as_bytes();
    let mut pos = 0usize;
    let mut number = 0u32;
    std::iter::from_fn(move || loop {
        if pos >= bytes.len() {
            return None;
        }
        number += 1;
        let (end, next) = match memchr::memchr2(b'\n', b'\r', &bytes[pos..]) {
            Some(i) => {
                let at = pos + i;
                let next = if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') {
                    at + 2
                } else {
                    at + 1
                };
                (at, next)
            }
            None => (bytes.len(), bytes.len()),
        };
        let start = pos;
        pos = next;
        if let Some(line) = non_blank(text, start, end, number) {
            return Some(line);
        }
    })
}

/// Line `number` (`text[start..end]`, without its terminator), trimmed; `None` when it is blank.
fn non_blank(text: &str, start: usize, end: usize, number: u32) -> Option<Text<'_>> {
    let line = &text[start..end];
    let trimmed = trim_fast(line);
    if trimmed.is_empty() {
        return None;
    }
    let lead = trimmed.as_ptr() as usize - line.as_ptr() as usize;
    Some(Text {
        raw: trimmed,
        line: number,
        start: (start + lead) as u32,
    })
}

/// [`trim`] with an ASCII fast path: most lines start and end with a visible ASCII character.
fn trim_fast(line: &str) -> &str {
    let b = line.as_bytes();
    match (b.first(), b.last()) {
        (Some(f), Some(l)) if f.is_ascii_graphic() && l.is_ascii_graphic() => line,
        _ => trim(line),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skips_blank_lines_and_keeps_numbers_and_offsets() {
        let text = "\u{feff}Title\r\n\r\n\u{a0} \n  20 June 2018 - x \rlast";
        let got: Vec<_> = non_blank_lines(text)
            .map(|t| (t.line, t.start, t.raw))
            .collect();
        assert_eq!(
            got,
            vec![
                (1, 3, "Title"),
                (4, 18, "20 June 2018 - x"),
                (5, 36, "last")
            ]
        );
        for t in non_blank_lines(text) {
            assert_eq!(&text[t.start as usize..t.end() as usize], t.raw);
        }
    }

    #[test]
    fn the_line_index_gives_the_same_lines_as_scanning() {
        for text in [
            "\u{feff}Title\r\n\r\n\u{a0} \n  20 June 2018 - x \rlast",
            "a\r\r\nb\n\rc\r",
            "one\n",
            "x",
            "\n\n y \r\n",
        ] {
            let source = SourceFile::from_text("p", text).unwrap();
            let scanned: Vec<Text<'_>> = non_blank_lines(text).collect();
            let indexed: Vec<Text<'_>> = source_lines(&source).collect();
            assert_eq!(indexed, scanned, "{text:?}");
            // Any range of the index gives the lines in it, and the line above it is the last before.
            let n = source.line_starts().len();
            for from in 0..=n {
                let ranged: Vec<Text<'_>> = source_lines_in(&source, from..n).collect();
                let after: Vec<Text<'_>> = scanned
                    .iter()
                    .copied()
                    .filter(|t| t.line as usize > from)
                    .collect();
                assert_eq!(ranged, after, "{text:?} from {from}");
                let above = scanned
                    .iter()
                    .copied()
                    .rev()
                    .find(|t| (t.line as usize) <= from);
                assert_eq!(line_above(&source, from), above, "{text:?} above {from}");
            }
        }
    }
}
