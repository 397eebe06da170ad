//! Stable fingerprints of findings: what identifies "the same problem" across revisions of a page.
//!
//! A fingerprint is the rule code, the record id and a hash of the *canonical* form (see
//! [`crate::canonical`]) of the page text under the finding's span — never line numbers, which move
//! whenever entries are added above. SARIF's `partialFingerprints` carry it, and the baseline of accepted
//! findings (issue 5) keys on it, so its form is a promise: [`Fingerprint`]'s `Display` output must not
//! change for the same inputs.
//!
//! The span is any stretch of the page (a caption, a record's head, several captions), so the text is
//! canonicalised here rather than read from a record's field hashes, and the hash is not
//! [`crate::canonical::canonical_hash`], which is free to change between builds.
//!
//! The hash is 64-bit FNV-1a over the UTF-8 bytes of the canonical text, implemented here rather than taken
//! from `std`: `DefaultHasher` is explicitly not stable across Rust releases, and a fingerprint must be the
//! same whichever pagerev build computed it. FNV-1a is a fixed, published function with no seed; the code
//! and record id are part of the fingerprint in clear, so a collision would also need the same rule on the
//! same record.

use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;
use std::fmt;

/// The stable identity of a finding: `PR004/2020-02-10-burkina-faso-minister-of-security/9c0f…` when
/// displayed (`-` stands for a finding about no particular record).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Fingerprint {
    /// The rule code.
    pub code: String,
    /// The record the finding is about, when it is about one.
    pub record_id: Option<String>,
    /// FNV-1a 64 of the canonical text under the finding's span.
    pub text_hash: u64,
}

impl Fingerprint {
    /// The fingerprint of `diagnostic`, whose span points into `source`. A span that does not fall on
    /// character boundaries of `source` (it always does for findings pagerev makes) hashes as empty text.
    pub fn of(diagnostic: &Diagnostic, source: &SourceFile) -> Fingerprint {
        let start = diagnostic.location.start.byte as usize;
        let end = diagnostic.location.end.byte as usize;
        let text = source.text().get(start..end.max(start)).unwrap_or("");
        Fingerprint {
            code: diagnostic.code.to_string(),
            record_id: diagnostic.record_id.as_deref().map(String::from),
            text_hash: fnv1a64(crate::canonical::canonical(text).as_bytes()),
        }
    }
}

impl fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}/{}/{:016x}",
            self.code,
            self.record_id.as_deref().unwrap_or("-"),
            self.text_hash
        )
    }
}

/// 64-bit FNV-1a (offset basis 0xcbf29ce484222325, prime 0x100000001b3): stable by definition.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Location, Position, Severity};

    /// A finding whose span is the first occurrence of `needle` in `text`.
    fn diag(text: &str, needle: &str) -> (Diagnostic, SourceFile) {
        let from = text.find(needle).expect("needle in text");
        let to = from + needle.len();
        let source = SourceFile::from_text("p.txt", text).expect("text");
        let pos = |byte: usize| {
            let (line, column) = source.position(byte);
            Position {
                line,
                column,
                byte: byte as u32,
            }
        };
        let d = Diagnostic {
            code: "PR004",
            name: "duplicated-caption",
            severity: Severity::Error,
            message: "m".into(),
            record_id: Some("2020-02-10-x".into()),
            record_index: Some(0),
            file: "p.txt".into(),
            location: Location {
                start: pos(from),
                end: pos(to),
            },
            related: None,
            help: None,
        };
        (d, source)
    }

    #[test]
    fn fnv1a64_matches_the_published_test_vectors() {
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn fingerprints_ignore_position_and_invisible_differences() {
        let (a, sa) = diag("Title\n\nCaption – here\n", "Caption – here");
        let (b, sb) = diag(
            "Other\nlines\nabove\n\nCaption\u{a0}-  here\n",
            "Caption\u{a0}-  here",
        );
        assert_ne!(a.location.start.line, b.location.start.line);
        assert_eq!(Fingerprint::of(&a, &sa), Fingerprint::of(&b, &sb));
        let (c, sc) = diag("Title\n\nAnother caption\n", "Another caption");
        assert_ne!(Fingerprint::of(&a, &sa), Fingerprint::of(&c, &sc));
    }

    #[test]
    fn the_display_form_is_stable() {
        let (a, sa) = diag("Title\n\nCaption here\n", "Caption here");
        let fp = Fingerprint::of(&a, &sa);
        // Written out, not computed: baselines committed by users hold this text, so it must never change
        // (FNV-1a 64 of `Caption here`, computed independently).
        assert_eq!(fp.text_hash, 0x8599_276e_58f3_5b59);
        assert_eq!(fp.to_string(), "PR004/2020-02-10-x/8599276e58f35b59");
    }

    #[test]
    fn spans_off_char_boundaries_hash_as_empty() {
        let (mut a, sa) = diag("Ünïcode\n", "Ün");
        a.location.start.byte = 1;
        assert_eq!(Fingerprint::of(&a, &sa).text_hash, fnv1a64(b""));
    }
}
