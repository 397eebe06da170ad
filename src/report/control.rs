//! Control characters made visible in text written for people: terminal reports and standard error.
//!
//! Page text is written by whoever scraped (or edited) the page. Raw, an escape sequence in it would
//! reach the reviewer's terminal: `ESC ] 8 ;; URL` makes a link that shows other text than it opens,
//! `ESC [ 8 m` hides what follows, a carriage return overwrites the line, a right-to-left override
//! reorders it; on standard error a newline or carriage return can start a GitHub workflow command
//! (`::error::…`). Each is rendered as `\u{1b}`-style text instead, as the JUnit report already does.
//!
//! Machine formats (JSON, YAML, SARIF, JUnit, HTML, Markdown, workflow commands) escape in their own
//! syntax and are not filtered here.

use std::borrow::Cow;
use std::io::{self, Write};

/// Whether `c` is shown escaped: C0 controls (newline and tab too: callers writing lines use
/// [`Escaping`], which keeps them), DEL, C1 controls, and the invisible bidirectional marks and
/// overrides.
fn hidden(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `s` with every control character (newlines included) written as `\u{..}`: for one-line messages.
pub fn escape(s: &str) -> Cow<'_, str> {
    if !s.chars().any(hidden) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if hidden(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The select graphic rendition parameters pagerev's own colours use (reset, bold, dim, red, green,
/// yellow, cyan and their bright forms, default colour); with colour on, a sequence made only of these
/// passes. Conceal, black and cursor movement never do.
const OWN_SGR: &[&str] = &[
    "", "0", "1", "2", "22", "31", "32", "33", "36", "39", "91", "92", "93", "94", "96",
];

/// A writer for text reports: newlines and tabs pass, colour sequences pass when `color` is on and use
/// only pagerev's own parameters (`OWN_SGR`), every other control character is written as `\u{..}`.
/// Sequences split across writes are held until they are complete.
pub struct Escaping<'a> {
    inner: &'a mut dyn Write,
    color: bool,
    pending: Vec<u8>,
}

impl<'a> Escaping<'a> {
    pub fn new(inner: &'a mut dyn Write, color: bool) -> Self {
        Escaping {
            inner,
            color,
            pending: Vec::new(),
        }
    }

    /// Escapes `bytes` into `out`; returns how many bytes at the end are an incomplete sequence (kept
    /// for the next write unless `last`).
    fn filter(&self, bytes: &[u8], out: &mut Vec<u8>, last: bool) -> usize {
        let mut i = 0;
        let push_escaped = |out: &mut Vec<u8>, c: u32| {
            out.extend_from_slice(format!("\\u{{{c:x}}}").as_bytes());
        };
        while i < bytes.len() {
            let b = bytes[i];
            match b {
                b'\n' | b'\t' => out.push(b),
                0x1b => match sgr_len(&bytes[i..]) {
                    Some(Ok(len)) if self.color && own_sgr(&bytes[i + 2..i + len - 1]) => {
                        out.extend_from_slice(&bytes[i..i + len]);
                        i += len;
                        continue;
                    }
                    None if !last => return bytes.len() - i,
                    _ => push_escaped(out, 0x1b),
                },
                0..=0x1f | 0x7f => push_escaped(out, u32::from(b)),
                // A UTF-8 lead byte: decode the character to see whether it is hidden.
                0xc0..=0xff => {
                    let len = match b {
                        0xc0..=0xdf => 2,
                        0xe0..=0xef => 3,
                        _ => 4,
                    };
                    if i + len > bytes.len() && !last {
                        return bytes.len() - i;
                    }
                    let end = (i + len).min(bytes.len());
                    match std::str::from_utf8(&bytes[i..end])
                        .ok()
                        .and_then(|s| s.chars().next())
                    {
                        Some(c) if hidden(c) => push_escaped(out, c as u32),
                        _ => out.extend_from_slice(&bytes[i..end]),
                    }
                    i = end;
                    continue;
                }
                _ => out.push(b),
            }
            i += 1;
        }
        0
    }
}

/// The length of the `ESC [ params m` sequence at the start of `bytes`: `Some(Ok(len))`, `Some(Err(()))`
/// when it is something else, `None` when `bytes` ends before it can be told.
fn sgr_len(bytes: &[u8]) -> Option<Result<usize, ()>> {
    match bytes.get(1) {
        None => return None,
        Some(b'[') => {}
        Some(_) => return Some(Err(())),
    }
    for (j, &b) in bytes.iter().enumerate().skip(2).take(16) {
        match b {
            b'm' => return Some(Ok(j + 1)),
            b'0'..=b'9' | b';' => {}
            _ => return Some(Err(())),
        }
    }
    if bytes.len() >= 18 {
        Some(Err(()))
    } else {
        None
    }
}

fn own_sgr(params: &[u8]) -> bool {
    params
        .split(|&b| b == b';')
        .all(|p| OWN_SGR.iter().any(|own| own.as_bytes() == p))
}

impl Write for Escaping<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut bytes = std::mem::take(&mut self.pending);
        bytes.extend_from_slice(buf);
        let mut out = Vec::with_capacity(bytes.len());
        let keep = self.filter(&bytes, &mut out, false);
        self.inner.write_all(&out)?;
        self.pending = bytes[bytes.len() - keep..].to_vec();
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.pending.is_empty() {
            let bytes = std::mem::take(&mut self.pending);
            let mut out = Vec::new();
            self.filter(&bytes, &mut out, true);
            self.inner.write_all(&out)?;
        }
        self.inner.flush()
    }
}

impl Drop for Escaping<'_> {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filtered_bytes(pieces: &[&[u8]], color: bool) -> String {
        let mut sink = Vec::new();
        {
            let mut w = Escaping::new(&mut sink, color);
            for p in pieces {
                w.write_all(p).unwrap();
            }
        }
        String::from_utf8(sink).unwrap()
    }

    fn filtered(pieces: &[&str], color: bool) -> String {
        let bytes: Vec<&[u8]> = pieces.iter().map(|p| p.as_bytes()).collect();
        filtered_bytes(&bytes, color)
    }

    #[test]
    fn page_escapes_are_shown_and_own_colours_pass() {
        let osc = "\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\";
        assert_eq!(
            filtered(&[osc], true),
            "\\u{1b}]8;;https://evil.example\\u{1b}\\click\\u{1b}]8;;\\u{1b}\\"
        );
        assert_eq!(
            filtered(&["\x1b[31mred\x1b[0m\n"], true),
            "\x1b[31mred\x1b[0m\n"
        );
        assert_eq!(
            filtered(&["\x1b[31mred\x1b[0m"], false),
            "\\u{1b}[31mred\\u{1b}[0m"
        );
        assert_eq!(filtered(&["a\x1b[8mhidden"], true), "a\\u{1b}[8mhidden");
        assert_eq!(
            filtered(&["x\ry\u{7f}\u{9b}\u{202e}é\tz"], true),
            "x\\u{d}y\\u{7f}\\u{9b}\\u{202e}é\tz"
        );
        // Split across writes, mid-sequence and mid-character.
        assert_eq!(
            filtered_bytes(&[b"\x1b[3", b"1mr\xc2", b"\x9b\xe2\x80", b"\xaex"], true),
            "\x1b[31mr\\u{9b}\\u{202e}x"
        );
        assert_eq!(filtered(&["end\x1b"], true), "end\\u{1b}");
    }

    #[test]
    fn one_line_messages_escape_newlines_too() {
        assert_eq!(escape("plain"), "plain");
        assert_eq!(escape("a\n::error::x\r"), "a\\u{a}::error::x\\u{d}");
    }
}
