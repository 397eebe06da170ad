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
/// normalisation (ASCII, Latin letters, general punctuation): the parser hashes every lead and label in its
/// hot loop. Equal canonical forms always give equal hashes: the hash is over the UTF-8 bytes of the
/// canonical form, as `hash_str` computes it from the form itself.
pub fn canonical_hash(s: &str) -> u64 {
    let mut h = ByteHasher::default();
    let mut bytes = FastCanonical::new(s);
    for b in &mut bytes {
        h.push(b);
    }
    if bytes.slow {
        return hash_str(&canonical(s));
    }
    h.finish()
}

/// A key for long texts such as leads, cheaper than [`canonical_hash`]: a hash of the first bytes of the
/// canonical form and of its number of letters and digits ([`letter_count`]). Equal canonical forms give
/// equal keys; unequal ones almost always differ, and callers confirm a match with [`canonical_eq`], which
/// stops at the first difference. Hashing whole leads was a tenth of a parse.
pub fn canonical_key(s: &str) -> u64 {
    let mut bytes = FastCanonical::new(s);
    let mut h = ByteHasher::default();
    for b in (&mut bytes).take(KEY_PREFIX) {
        h.push(b);
    }
    // A combining mark right after the prefix would change its last character: look one or two
    // characters further, and take the exact path if normalisation is needed there (or before).
    for _ in (&mut bytes).take(8) {}
    if bytes.slow {
        return key_of_canonical(&canonical(s));
    }
    mix_key(h.finish(), letter_count(s))
}

const KEY_PREFIX: usize = 64;

/// [`canonical_key`] of a text already in canonical form.
fn key_of_canonical(c: &str) -> u64 {
    let bytes = c.as_bytes();
    mix_key(
        hash_bytes(&bytes[..bytes.len().min(KEY_PREFIX)]),
        letter_count(c),
    )
}

fn mix_key(prefix_hash: u64, letters: u32) -> u64 {
    (prefix_hash ^ letters as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// True when `a` and `b` have the same canonical form; compares hashes first, so unequal texts are
/// rejected without building either form, then compares the forms byte by byte as they are produced
/// (rules confirm every repeated caption this way, tens of thousands of times on a big page).
pub fn same_canonical(a: &str, b: &str) -> bool {
    canonical_hash(a) == canonical_hash(b) && canonical_eq(a, b)
}

/// True when `a` and `b` have the same canonical form, for callers that already know their canonical
/// hashes are equal (so only the comparison is left to do).
pub fn canonical_eq(a: &str, b: &str) -> bool {
    if a == b {
        // The usual case when the hashes agree: the very same text.
        return true;
    }
    let (mut x, mut y) = (FastCanonical::new(a), FastCanonical::new(b));
    loop {
        match (x.next(), y.next()) {
            (None, None) if !x.slow && !y.slow => return true,
            (Some(p), Some(q)) if p == q => {}
            // A difference in text that needs no normalising is final (a combining mark further on
            // could still change a character already compared, so such text is decided in full).
            _ if !x.slow && !y.slow && !needs_normalising(a) && !needs_normalising(b) => {
                return false
            }
            _ => break,
        }
    }
    canonical(a) == canonical(b)
}

/// True when `s` has a character [`FastCanonical`] cannot handle (one that may combine or decompose).
fn needs_normalising(s: &str) -> bool {
    // Characters below U+0300 have a lead byte below 0xCC: most text is decided without decoding.
    s.bytes().any(|b| b >= 0xCC) && s.chars().any(needs_normalising_char)
}

fn needs_normalising_char(c: char) -> bool {
    (c as u32) >= 0x300 && !('\u{2000}'..='\u{206f}').contains(&c)
}

/// The UTF-8 bytes of the canonical form of a text that needs no Unicode normalisation, produced without
/// building it. Stops early, setting `slow`, at the first character that may combine or decompose: the
/// caller then falls back to [`canonical`].
struct FastCanonical<'a> {
    s: &'a str,
    i: usize,
    /// Whitespace was skipped after some output: a single space goes before the next character.
    pending_space: bool,
    started: bool,
    /// The rest of a multi-byte character being produced.
    queued: [u8; 4],
    queued_at: u8,
    queued_len: u8,
    slow: bool,
}

impl<'a> FastCanonical<'a> {
    fn new(s: &'a str) -> Self {
        FastCanonical {
            s,
            i: 0,
            pending_space: false,
            started: false,
            queued: [0; 4],
            queued_at: 0,
            queued_len: 0,
            slow: false,
        }
    }

    /// Emits `first` (or the pending space before it), queueing what must follow.
    #[inline(always)]
    fn emit(&mut self, first: u8) -> Option<u8> {
        self.started = true;
        if self.pending_space {
            self.pending_space = false;
            self.queued_at -= 1;
            self.queued[self.queued_at as usize] = first;
            return Some(b' ');
        }
        Some(first)
    }
}

impl Iterator for FastCanonical<'_> {
    type Item = u8;

    // Always inlined: called once per byte by `canonical_hash`, the call itself was most of the cost.
    #[inline(always)]
    fn next(&mut self) -> Option<u8> {
        if self.queued_at < self.queued_len {
            self.queued_at += 1;
            return Some(self.queued[self.queued_at as usize - 1]);
        }
        let bytes = self.s.as_bytes();
        while let Some(&b) = bytes.get(self.i) {
            if b < 0x80 {
                // ASCII, the bulk of every page: one byte in, at most two out, no decoding.
                self.i += 1;
                if matches!(b, b' ' | b'\t'..=b'\r') {
                    self.pending_space = self.started;
                    continue;
                }
                self.queued_at = 1;
                self.queued_len = 1;
                return self.emit(if b == b'`' { b'\'' } else { b });
            }
            let c = self.s[self.i..].chars().next()?;
            self.i += c.len_utf8();
            if needs_normalising_char(c) {
                self.slow = true;
                self.i = bytes.len();
                return None;
            }
            let c = fold(c).unwrap_or(c);
            if is_blank_char(c) {
                self.pending_space = self.started;
                continue;
            }
            let n = c.encode_utf8(&mut self.queued).len() as u8;
            // `queued` holds the whole character; `emit` returns its first byte (or a space, stepping
            // back so the first byte follows).
            self.queued_at = 1;
            self.queued_len = n;
            let first = self.queued[0];
            return self.emit(first);
        }
        None
    }
}

fn hash_str(s: &str) -> u64 {
    hash_bytes(s.as_bytes())
}

fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h = ByteHasher::default();
    bytes.iter().for_each(|&b| h.push(b));
    h.finish()
}

/// Letters and digits as the canonical form counts them: ASCII letters and digits, plus every non-ASCII
/// character except combining accents (NFC merges them into their letter) and the spaces, dashes and
/// quotes that canonical folding turns into ASCII punctuation (UTF-8 lead bytes 0xC2, 0xCC, 0xCD, 0xE2).
pub fn letter_count(text: &str) -> u32 {
    // Branch-free per byte, summed in blocks of bytes, so the compiler vectorises it: it runs over every
    // lead.
    fn counts(b: u8) -> u8 {
        let letter = (b | 0x20).wrapping_sub(b'a') < 26;
        let digit = b.wrapping_sub(b'0') < 10;
        let other = (b >= 0xC3) & (b != 0xCC) & (b != 0xCD) & (b != 0xE2);
        (letter | digit | other) as u8
    }
    let mut blocks = text.as_bytes().chunks_exact(64);
    let mut n = 0u32;
    for block in &mut blocks {
        n += block.iter().fold(0u8, |k, &b| k + counts(b)) as u32;
    }
    n + blocks
        .remainder()
        .iter()
        .map(|&b| counts(b) as u32)
        .sum::<u32>()
}

/// A small multiplicative hash (the FxHash step) over bytes, mixed eight at a time: the multiply is the
/// slow part, and one per byte made hashing the leads a tenth of a parse.
#[derive(Default)]
struct ByteHasher {
    state: u64,
    word: u64,
    len: u64,
}

impl ByteHasher {
    #[inline]
    fn push(&mut self, b: u8) {
        let shift = (self.len % 8) * 8;
        self.word |= (b as u64) << shift;
        self.len += 1;
        if self.len % 8 == 0 {
            self.mix();
        }
    }

    #[inline]
    fn mix(&mut self) {
        self.state =
            (self.state.rotate_left(5) ^ self.word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        self.word = 0;
    }

    fn finish(mut self) -> u64 {
        if self.len % 8 != 0 {
            self.mix();
        }
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
    fn key_depends_on_the_canonical_form_only() {
        let long = "The Secretary General met with the Minister of the Interior of a member country to discuss";
        let variants = [
            long.to_string(),
            long.replace(' ', "\u{a0}"),
            format!("  {}\t", long.replace("Minister", "Minister ")),
        ];
        let keys: Vec<u64> = variants.iter().map(|v| canonical_key(v)).collect();
        assert!(keys.iter().all(|&k| k == keys[0]), "{keys:?}");
        assert_ne!(
            canonical_key(long),
            canonical_key(&long.replace("discuss", "discus"))
        );
        // A combining accent anywhere, including just past the hashed prefix, gives the key of the
        // composed text.
        for at in [
            0,
            10,
            KEY_PREFIX - 1,
            KEY_PREFIX,
            KEY_PREFIX + 1,
            long.len(),
        ] {
            let mut decomposed = long.to_string();
            decomposed.insert(at, 'e');
            decomposed.insert(at + 1, '\u{301}');
            let mut composed = long.to_string();
            composed.insert(at, 'é');
            assert_eq!(
                canonical_key(&decomposed),
                canonical_key(&composed),
                "accent at {at}"
            );
            assert_eq!(
                canonical_key(&composed),
                key_of_canonical(&canonical(&composed))
            );
        }
    }

    /// Text made of what canonical forms fold: spaces of every kind, dashes, quotes, combining accents,
    /// letters with and without accents, and a character NFC changes.
    fn scrape_text() -> impl proptest::strategy::Strategy<Value = String> {
        const PIECES: &[&str] = &[
            "a", "b", "e", "E", "1", " ", "  ", "\t", "\u{a0}", "\u{2009}", "\u{feff}", "-",
            "\u{2013}", "'", "\u{2019}", "`", "\"", "\u{201c}", "\u{301}", "\u{308}", "é", "ë",
            "\u{2126}", "Ω", "\u{2026}", "\u{3000}",
        ];
        proptest::collection::vec(proptest::sample::select(PIECES), 0..120).prop_map(|v| v.concat())
    }

    use proptest::prelude::*;
    proptest! {
        #[test]
        fn fast_paths_agree_with_the_canonical_form(a in scrape_text(), b in scrape_text()) {
            prop_assert_eq!(canonical_hash(&a), hash_str(&canonical(&a)));
            prop_assert_eq!(canonical_key(&a), key_of_canonical(&canonical(&a)));
            prop_assert_eq!(canonical_eq(&a, &b), canonical(&a) == canonical(&b));
            prop_assert_eq!(same_canonical(&a, &b), canonical(&a) == canonical(&b));
            // Two spellings of the same text.
            let b2 = a.replace(' ', "\u{a0}").replace('\u{2019}', "'");
            prop_assert!(canonical_eq(&a, &b2) == (canonical(&a) == canonical(&b2)));
        }
    }

    #[test]
    fn same_canonical_agrees_with_comparing_the_forms() {
        let texts = [
            "Portugal visit",
            "Portugal\u{a0}visit ",
            "Portugal  visit",
            "Portugal visits",
            "Compaore\u{301} visit",
            "Compaoré visit",
            "Compaore visit",
            "“Quoted” – dash",
            "\"Quoted\" - dash",
            "",
            "   ",
            "Ω ohm",
            "\u{2126} ohm",
        ];
        for a in texts {
            for b in texts {
                assert_eq!(
                    same_canonical(a, b),
                    canonical(a) == canonical(b),
                    "{a:?} vs {b:?}"
                );
            }
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
