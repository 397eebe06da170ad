//! Word-level changes inside one text field.
//!
//! Both texts are split into words at whitespace (NBSP and the other scrape blanks included), each word is
//! compared by the hash of its canonical form (so `Spain’s` equals `Spain's` and `–` equals `-`), and
//! the word sequences are diffed with `similar`'s Myers implementation under a deadline. The ops carry
//! the text *as written* in the revision they come from, so reports show what the page says.
//!
//! A pathological field (a 1 MB paragraph rewritten from scratch) makes Myers quadratic. When the deadline
//! passes, `similar` stops refining and returns a coarse diff; we then report the whole field as replaced
//! and say so ([`WordDiff::fell_back`]) rather than present a half-refined diff as if it were minimal.

use crate::canonical::{canonical_hash, is_blank_char};
use serde::Serialize;
use similar::{capture_diff_slices_deadline, Algorithm, DiffOp};
use std::time::{Duration, Instant};

/// What a run of words did between the two texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum WordTag {
    /// The same words (canonically) in both texts; the text shown is the new one.
    Equal,
    /// Words only in the old text.
    Delete,
    /// Words only in the new text.
    Insert,
}

/// A run of consecutive words with the same tag, as written (inner whitespace kept).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WordOp {
    /// Whether the words are in both texts, or only in one.
    pub op: WordTag,
    /// The words, as written.
    pub text: String,
}

/// The word-level diff of one field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WordDiff {
    /// The runs of words, in text order.
    pub ops: Vec<WordOp>,
    /// True when the word diff ran out of time and `ops` is a whole-field replacement instead.
    pub fell_back: bool,
}

/// Byte ranges of the words of `s`.
fn words(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        if is_blank_char(c) {
            if let Some(st) = start.take() {
                out.push((st, i));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(st) = start {
        out.push((st, s.len()));
    }
    out
}

/// Diffs `old` and `new` word by word, giving up on refinement after `deadline`.
pub fn diff_words(old: &str, new: &str, deadline: Duration) -> WordDiff {
    let started = Instant::now();
    let old_words = words(old);
    let new_words = words(new);
    let old_keys: Vec<u64> = old_words
        .iter()
        .map(|&(a, b)| canonical_hash(&old[a..b]))
        .collect();
    let new_keys: Vec<u64> = new_words
        .iter()
        .map(|&(a, b)| canonical_hash(&new[a..b]))
        .collect();
    let until = started + deadline;
    let ops = capture_diff_slices_deadline(Algorithm::Myers, &old_keys, &new_keys, Some(until));
    if Instant::now() > until {
        return whole_field(old, new, true);
    }
    let mut out: Vec<WordOp> = Vec::new();
    let mut push = |tag: WordTag, text: &str, ranges: &[(usize, usize)]| {
        let (Some(first), Some(last)) = (ranges.first(), ranges.last()) else {
            return;
        };
        let piece = &text[first.0..last.1];
        match out.last_mut() {
            Some(prev) if prev.op == tag => {
                prev.text.push(' ');
                prev.text.push_str(piece);
            }
            _ => out.push(WordOp {
                op: tag,
                text: piece.to_string(),
            }),
        }
    };
    for op in ops {
        match op {
            DiffOp::Equal { new_index, len, .. } => {
                push(WordTag::Equal, new, &new_words[new_index..new_index + len])
            }
            DiffOp::Delete {
                old_index, old_len, ..
            } => push(
                WordTag::Delete,
                old,
                &old_words[old_index..old_index + old_len],
            ),
            DiffOp::Insert {
                new_index, new_len, ..
            } => push(
                WordTag::Insert,
                new,
                &new_words[new_index..new_index + new_len],
            ),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                push(
                    WordTag::Delete,
                    old,
                    &old_words[old_index..old_index + old_len],
                );
                push(
                    WordTag::Insert,
                    new,
                    &new_words[new_index..new_index + new_len],
                );
            }
        }
    }
    WordDiff {
        ops: out,
        fell_back: false,
    }
}

/// The coarse diff: all of `old` deleted, all of `new` inserted.
pub fn whole_field(old: &str, new: &str, fell_back: bool) -> WordDiff {
    let mut ops = Vec::new();
    if !old.is_empty() {
        ops.push(WordOp {
            op: WordTag::Delete,
            text: old.to_string(),
        });
    }
    if !new.is_empty() {
        ops.push(WordOp {
            op: WordTag::Insert,
            text: new.to_string(),
        });
    }
    WordDiff { ops, fell_back }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(d: &WordDiff) -> String {
        d.ops
            .iter()
            .map(|o| match o.op {
                WordTag::Equal => o.text.clone(),
                WordTag::Delete => format!("[-{}-]", o.text),
                WordTag::Insert => format!("{{+{}+}}", o.text),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    const SECOND: Duration = Duration::from_secs(1);

    #[test]
    fn one_word_changed() {
        let d = diff_words(
            "The Secretary General expressed appreciated for Canada’s partnership.",
            "The Secretary General expressed appreciation for Canada’s partnership.",
            SECOND,
        );
        assert!(!d.fell_back);
        assert_eq!(
            show(&d),
            "The Secretary General expressed [-appreciated-] {+appreciation+} for Canada’s partnership."
        );
    }

    #[test]
    fn canonical_equal_words_are_equal_and_shown_as_new() {
        let d = diff_words(
            "Spain’s  Minister – here",
            "Spain's\u{a0}Minister - there",
            SECOND,
        );
        assert_eq!(show(&d), "Spain's\u{a0}Minister - [-here-] {+there+}");
    }

    #[test]
    fn insertion_at_the_end_and_empty_sides() {
        let d = diff_words("is essential.", "is more essential than ever.", SECOND);
        assert_eq!(show(&d), "is [-essential.-] {+more essential than ever.+}");
        assert_eq!(show(&diff_words("", "new words", SECOND)), "{+new words+}");
        assert_eq!(show(&diff_words("old", "", SECOND)), "[-old-]");
    }

    #[test]
    fn a_rewritten_megabyte_paragraph_falls_back_within_the_deadline() {
        // Two unrelated 1 MB paragraphs: Myers needs O(N·D) with D ≈ N here.
        let mut a = String::new();
        let mut b = String::new();
        let mut x: u64 = 1;
        while a.len() < 1 << 20 {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            a.push_str(&format!("a{} ", x >> 40));
            b.push_str(&format!("b{} ", x >> 41));
        }
        let started = Instant::now();
        let d = diff_words(&a, &b, Duration::from_millis(50));
        let took = started.elapsed();
        assert!(d.fell_back, "expected the deadline to trigger");
        assert_eq!(d.ops.len(), 2);
        assert_eq!(d.ops[0].text, a);
        assert_eq!(d.ops[1].text, b);
        // Generous bound for a loaded CI machine in debug mode; without the deadline this takes minutes.
        assert!(took < Duration::from_secs(20), "took {took:?}");
    }
}
