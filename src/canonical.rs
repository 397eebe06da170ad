//! The canonical form of scraped text, used for every comparison (rules, record identity, diffs).
//!
//! Scrapes of the same page differ in invisible ways: a non-breaking space instead of a space, an en dash
//! instead of a hyphen, curly instead of straight quotes, doubled spaces, composed vs decomposed accents.
//! None of these change what a reader sees, so comparisons ignore them. Text is always *kept* as written;
//! the canonical form is derived from it on demand and borrows when the text is already canonical (most
//! ASCII lines), so canonicalising a 100 MB page does not double its memory.

use std::borrow::Cow;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Whitespace as scrapes produce it: Unicode whitespace plus the byte-order mark and zero-width spaces,
/// which are invisible in a browser.
pub fn is_blank_char(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{feff}' | '\u{200b}' | '\u{2060}')
}

/// `s` without leading and trailing (scrape) whitespace.
pub fn trim(s: &str) -> &str {
    s.trim_matches(is_blank_char)
}

/// Folds a dash, quote or space variant to its ASCII form; `None` for characters kept as they are.
fn fold(c: char) -> Option<char> {
    match c {
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' => Some('-'),
        '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' | '`' | '\u{b4}' => {
            Some('\'')
        }
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' | '\u{ab}' | '\u{bb}' => {
            Some('"')
        }
        '\u{2026}' => None, // an ellipsis is kept: expanding it would change the character count only
        c if is_blank_char(c) => Some(' '),
        _ => None,
    }
}

/// True when `s` is already in canonical form, so [`canonical`] can borrow it.
fn is_canonical(s: &str) -> bool {
    let bytes = s.as_bytes();
    if bytes.first() == Some(&b' ') || bytes.last() == Some(&b' ') {
        return false;
    }
    let mut prev_space = false;
    for &b in bytes {
        if b >= 0x80 {
            // Non-ASCII: decide on the slow path (folding and NFC).
            return s.chars().all(|c| fold(c).is_none() || c == ' ')
                && !has_double_space(s)
                && is_nfc(s);
        }
        let space = b == b' ';
        if (space && prev_space) || b == b'\t' || b == b'\n' || b == b'\r' || b == b'`' {
            return false;
        }
        prev_space = space;
    }
    true
}

fn has_double_space(s: &str) -> bool {
    s.contains("  ")
}

fn is_nfc(s: &str) -> bool {
    match is_nfc_quick(s.chars()) {
        IsNormalized::Yes => true,
        IsNormalized::No => false,
        IsNormalized::Maybe => s.chars().eq(s.nfc()),
    }
}

/// The canonical form of `s`: NBSP and other spaces become one space, runs of whitespace collapse, dash and
/// quote variants fold to ASCII, the ends are trimmed, and the result is Unicode NFC.
pub fn canonical(s: &str) -> Cow<'_, str> {
    if is_canonical(s) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    canonical_into(s, &mut out);
    Cow::Owned(out)
}

/// Writes the canonical form of `s` into `out` (cleared first); lets hot loops reuse one buffer.
pub fn canonical_into(s: &str, out: &mut String) {
    out.clear();
    let mut pending_space = false;
    let mut push = |c: char, out: &mut String| {
        let c = fold(c).unwrap_or(c);
        if c == ' ' {
            pending_space = !out.is_empty();
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    };
    if is_nfc(s) {
        for c in s.chars() {
            push(c, out);
        }
    } else {
        for c in s.nfc() {
            push(c, out);
        }
    }
}

/// A 64-bit hash of the canonical form of `s`, computed without building it when `s` needs no Unicode
/// normalisation (ASCII, Latin letters, general punctuation): the parser hashes lines in its hot loop to find
/// repeated captions. Equal canonical forms always give equal hashes.
pub fn canonical_hash(s: &str) -> u64 {
    let mut h = CharHasher::default();
    let mut pending_space = false;
    for c in s.chars() {
        let c = if (c as u32) < 0x80 {
            c
        } else if (c as u32) < 0x300 || ('\u{2000}'..='\u{206f}').contains(&c) {
            fold(c).unwrap_or(c)
        } else {
            // Characters that may combine or decompose: take the exact (slow) path.
            return hash_str(&canonical(s));
        };
        if c == ' ' || c.is_ascii_whitespace() || is_blank_char(c) {
            pending_space = h.len > 0;
        } else {
            if pending_space {
                h.push(' ');
                pending_space = false;
            }
            h.push(c);
        }
    }
    h.finish()
}

/// True when `a` and `b` have the same canonical form; compares hashes first, so unequal texts are
/// rejected without building either form.
pub fn same_canonical(a: &str, b: &str) -> bool {
    canonical_hash(a) == canonical_hash(b) && canonical(a) == canonical(b)
}

fn hash_str(s: &str) -> u64 {
    let mut h = CharHasher::default();
    s.chars().for_each(|c| h.push(c));
    h.finish()
}

/// A small multiplicative hash over characters (the FxHash step): fast and good enough to tell lines apart.
#[derive(Default)]
struct CharHasher {
    state: u64,
    len: u64,
}

impl CharHasher {
    fn push(&mut self, c: char) {
        self.state = (self.state.rotate_left(5) ^ c as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        self.len += 1;
    }

    fn finish(&self) -> u64 {
        (self.state ^ self.len.rotate_left(32)).wrapping_mul(0x9e37_79b9_7f4a_7c15)
    }
}

/// A lower-case, ASCII-only slug of `s` for record ids: accents dropped, anything else but letters and
/// digits becomes a single `-`, cut at a word boundary to at most `max` bytes.
pub fn slug(s: &str, max: usize) -> String {
    let mut out = String::new();
    slug_into(s, max, &mut out);
    out
}

/// [`slug`], appended to `out`.
pub fn slug_into(s: &str, max: usize, out: &mut String) {
    let base = out.len();
    let mut dash = false;
    let mut push = |c: char, out: &mut String| {
        if c.is_ascii_alphanumeric() {
            if dash && out.len() > base {
                out.push('-');
            }
            dash = false;
            out.push(c.to_ascii_lowercase());
        } else if c == '\'' || c == '\u{2019}' || unicode_normalization::char::is_combining_mark(c)
        {
            // `Italy's` reads better as `italys` than `italy-s`; accents are dropped, not split on.
        } else {
            dash = true;
        }
    };
    if s.is_ascii() {
        s.chars().for_each(|c| push(c, out));
    } else {
        s.nfd().for_each(|c| push(c, out));
    }
    if out.len() - base > max {
        let cut = out[base..base + max].rfind('-').unwrap_or(max);
        out.truncate(base + cut);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_spaces_dashes_quotes_and_trims() {
        assert_eq!(
            canonical("\u{a0}20\u{a0}June 2018  –\tItaly’s “best”  "),
            "20 June 2018 - Italy's \"best\""
        );
        assert!(matches!(canonical("Plain ASCII text."), Cow::Borrowed(_)));
        assert!(matches!(canonical("Jürgen Stock"), Cow::Borrowed(_)));
    }

    #[test]
    fn composes_decomposed_accents() {
        assert_eq!(canonical("Compaore\u{301}"), "Compaoré");
    }

    #[test]
    fn hash_agrees_with_canonical_form() {
        let same = [
            "20\u{a0}June  2018 – Italy’s",
            "20 June 2018 - Italy's",
            " 20 June 2018 -\tItaly's ",
        ];
        let h: Vec<u64> = same.iter().map(|s| canonical_hash(s)).collect();
        assert!(h.iter().all(|x| *x == h[0]));
        assert_eq!(
            canonical_hash("Compaore\u{301}"),
            canonical_hash("Compaoré")
        );
        assert_ne!(canonical_hash("Compaore"), canonical_hash("Compaoré"));
        assert_ne!(canonical_hash("ab"), canonical_hash("a b"));
        for s in [
            "Jürgen Stock’s visit",
            "plain",
            "Ω ohm \u{2126}",
            "x\u{a0}\u{a0}y",
        ] {
            assert_eq!(canonical_hash(s), hash_str(&canonical(s)), "{s}");
        }
    }

    #[test]
    fn slugs_are_ascii_and_bounded() {
        assert_eq!(
            slug("Président, Grand Lyon Metropole", 60),
            "president-grand-lyon-metropole"
        );
        assert_eq!(
            slug("Italy's National Prosecutor", 60),
            "italys-national-prosecutor"
        );
        assert_eq!(slug("aaa bbb ccc", 9), "aaa-bbb");
    }
}
