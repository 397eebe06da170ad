//! Deciding who owns the lines between two dated leads.
//!
//! Between the lead of entry *k* and the lead of entry *k+1* stand, in order: *k*'s body paragraphs, *k*'s
//! trailing captions, *k+1*'s title and *k+1*'s leading captions — and sometimes whole entries whose date
//! is missing. Blank lines cannot be trusted to separate these (some scrapes lose them all), so the
//! planner works from the shape of each line:
//!
//! - a **label** is short and has no sentence-ending punctuation (titles, many captions);
//! - a **sentence** is anything else (paragraphs, captions that repeat a sentence);
//! - a **placeholder** has no letter or digit at all (`/`, `|` left by images) and is skipped.
//!
//! The last run of labels before a lead opens the next entry: its first label is the title, everything
//! after it is a leading caption. A label that repeats a line of the previous entry (or shares words with
//! it and none with the next lead) is a trailing caption of the previous entry instead. An earlier run of
//! labels followed by sentences opens an entry without a date. At the end of a body, lines that repeat the
//! entry's title, lead or captions (or each other), and labels, are trailing captions.

use crate::canonical::canonical_into;
use crate::record::Text;
use std::hash::{Hash, Hasher};

/// Longest line, in words, still read as a title or caption label.
pub const MAX_LABEL_WORDS: usize = 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Label,
    Sentence,
    Placeholder,
}

/// A non-blank, non-lead line waiting to be assigned.
#[derive(Debug, Clone, Copy)]
pub struct Item<'a> {
    pub text: Text<'a>,
    pub kind: Kind,
}

impl<'a> Item<'a> {
    pub fn new(text: Text<'a>) -> Self {
        Item {
            text,
            kind: classify(text.raw),
        }
    }
}

/// Which entry a line goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    /// The entry before the segment (or the page preamble, before the first entry).
    Prev,
    /// The n-th undated entry found inside the segment.
    Undated(usize),
    /// The entry whose lead closes the segment.
    Next,
}

/// Which field of its entry a line fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Title,
    CaptionBefore,
    Lead,
    Paragraph,
    CaptionAfter,
    Placeholder,
}

/// What the planner knows about the entries on either side of the segment.
pub struct Context<'c> {
    /// True when the segment follows an entry (false before the first one: the preamble).
    pub prev_is_record: bool,
    /// Canonical hashes of the previous entry's title, captions, lead and lead's first sentence.
    pub prev_known: &'c [u64],
    /// The previous entry's title and lead text, for word overlap.
    pub prev_words: &'c [&'c str],
    /// The closing lead's text (after date and dateline), or `None` at the end of the page.
    pub next_lead: Option<&'c str>,
}

/// Hashes canonical forms, reusing one buffer.
#[derive(Default)]
pub struct CanonicalHasher {
    buf: String,
}

impl CanonicalHasher {
    pub fn hash(&mut self, s: &str) -> u64 {
        canonical_into(s, &mut self.buf);
        let mut h = std::hash::DefaultHasher::new();
        self.buf.hash(&mut h);
        h.finish()
    }

    /// Hashes of `s` and of its first sentence (captions often repeat just that).
    pub fn hash_with_first_sentence(&mut self, s: &str, out: &mut Vec<u64>) {
        out.push(self.hash(s));
        if let Some(end) = first_sentence_end(s) {
            out.push(self.hash(&s[..end]));
        }
    }
}

fn first_sentence_end(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    (1..b.len())
        .find(|&i| b[i] == b' ' && matches!(b[i - 1], b'.' | b'!' | b'?'))
        .filter(|&i| i < s.len())
}

/// Reads a line's shape.
pub fn classify(s: &str) -> Kind {
    let has_alnum = if s.is_ascii() {
        s.bytes().any(|b| b.is_ascii_alphanumeric())
    } else {
        s.chars().any(char::is_alphanumeric)
    };
    if !has_alnum {
        return Kind::Placeholder;
    }
    if ends_like_sentence(s) || s.split_whitespace().nth(MAX_LABEL_WORDS).is_some() {
        Kind::Sentence
    } else {
        Kind::Label
    }
}

/// True when the text ends with sentence punctuation, looking through closing quotes and brackets.
fn ends_like_sentence(s: &str) -> bool {
    let t = s.trim_end_matches(|c: char| {
        crate::canonical::is_blank_char(c)
            || matches!(c, '"' | '\'' | '”' | '’' | '»' | ')' | ']' | '*')
    });
    t.ends_with(['.', '!', '?', '…', ':', ';'])
}

/// Assigns every item of the segment to an owner and a role (same order as `items`).
pub fn plan(
    items: &[Item<'_>],
    ctx: &Context<'_>,
    hasher: &mut CanonicalHasher,
) -> Vec<(Owner, Role)> {
    let n = items.len();
    let mut out = vec![(Owner::Prev, Role::Paragraph); n];
    // Positions (in `items`) of the lines that take part: placeholders are assigned at the end.
    let real: Vec<usize> = (0..n)
        .filter(|&i| items[i].kind != Kind::Placeholder)
        .collect();
    let m = real.len();
    let is_label = |p: usize| items[real[p]].kind == Kind::Label;
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut p = 0;
    while p < m {
        if is_label(p) {
            let s = p;
            while p < m && is_label(p) {
                p += 1;
            }
            runs.push((s, p));
        } else {
            p += 1;
        }
    }

    let mut next_known = Vec::new();
    if let Some(lead) = ctx.next_lead {
        hasher.hash_with_first_sentence(lead, &mut next_known);
    }

    // 1. The head of the next entry: its title run, or for an untitled entry the captions repeating its lead.
    let mut region_end = m;
    let mut moved_back: std::ops::Range<usize> = 0..0;
    if let Some(next_lead) = ctx.next_lead {
        let mut title = None;
        if let Some(&(s, e)) = runs.last() {
            let mut t = s;
            while t < e
                && ctx.prev_is_record
                && label_belongs_to_prev(items, &real, t, e, ctx, next_lead, hasher)
            {
                t += 1;
            }
            if t < e {
                title = Some((s, t));
            }
        }
        match title {
            Some((s, t)) => {
                region_end = s;
                moved_back = s..t;
                out[real[t]] = (Owner::Next, Role::Title);
                for &i in &real[t + 1..] {
                    out[i] = (Owner::Next, Role::CaptionBefore);
                }
            }
            None => {
                let mut q = m;
                while q > 0 && next_known.contains(&hasher.hash(items[real[q - 1]].text.raw)) {
                    q -= 1;
                }
                for &i in &real[q..] {
                    out[i] = (Owner::Next, Role::CaptionBefore);
                }
                region_end = q;
            }
        }
    }

    // 2. Undated entries inside the region: a run of labels followed by real sentences.
    let inner: Vec<(usize, usize)> = runs
        .iter()
        .copied()
        .filter(|&(_, e)| e <= region_end)
        .collect();
    let mut starts: Vec<(usize, usize)> = Vec::new();
    for (j, &(s, e)) in inner.iter().enumerate() {
        let until = inner.get(j + 1).map_or(region_end, |r| r.0);
        let has_own_sentence =
            (e..until).any(|q| !next_known.contains(&hasher.hash(items[real[q]].text.raw)));
        let repeats_prev = ctx
            .prev_known
            .contains(&hasher.hash(items[real[s]].text.raw));
        if has_own_sentence && !repeats_prev {
            starts.push((s, e));
        }
    }

    // 3. The body of the previous entry, then each undated entry.
    let first_start = starts.first().map_or(region_end, |r| r.0);
    let prev_body: Vec<usize> = (0..first_start).collect();
    if ctx.prev_is_record {
        body_roles(
            items,
            &real,
            &prev_body,
            ctx.prev_known,
            hasher,
            Owner::Prev,
            &mut out,
        );
    }
    for (k, &(s, e)) in starts.iter().enumerate() {
        let owner = Owner::Undated(k);
        let until = starts.get(k + 1).map_or(region_end, |r| r.0);
        out[real[s]] = (owner, Role::Title);
        for q in s + 1..e {
            out[real[q]] = (owner, Role::CaptionBefore);
        }
        let mut known = Vec::new();
        known.push(hasher.hash(items[real[s]].text.raw));
        let sentence_hashes: Vec<u64> = (e..until)
            .map(|q| hasher.hash(items[real[q]].text.raw))
            .collect();
        let mut q = e;
        // Sentences repeating the title or each other before the first original one are captions.
        while q < until {
            let h = sentence_hashes[q - e];
            if known.contains(&h) || sentence_hashes.iter().filter(|&&x| x == h).count() > 1 {
                out[real[q]] = (owner, Role::CaptionBefore);
                known.push(h);
                q += 1;
            } else {
                break;
            }
        }
        if q < until {
            out[real[q]] = (owner, Role::Lead);
            hasher.hash_with_first_sentence(items[real[q]].text.raw, &mut known);
            q += 1;
        }
        let body: Vec<usize> = (q..until).collect();
        body_roles(items, &real, &body, &known, hasher, owner, &mut out);
    }
    let last_owner = starts
        .len()
        .checked_sub(1)
        .map_or(Owner::Prev, Owner::Undated);
    for q in moved_back {
        out[real[q]] = (
            last_owner,
            if ctx.prev_is_record || last_owner != Owner::Prev {
                Role::CaptionAfter
            } else {
                Role::Paragraph
            },
        );
    }

    // 4. Placeholders follow the line before them.
    let mut owner = Owner::Prev;
    for i in 0..n {
        if items[i].kind == Kind::Placeholder {
            out[i] = (owner, Role::Placeholder);
        } else {
            owner = out[i].0;
        }
    }
    out
}

/// Marks `body` (positions in `real`) as paragraphs of `owner`, except a final run of captions: labels and
/// lines repeating the entry's known lines or the caption after them.
fn body_roles(
    items: &[Item<'_>],
    real: &[usize],
    body: &[usize],
    known: &[u64],
    hasher: &mut CanonicalHasher,
    owner: Owner,
    out: &mut [(Owner, Role)],
) {
    for &q in body {
        out[real[q]] = (owner, Role::Paragraph);
    }
    let mut after: Option<u64> = None;
    for &q in body.iter().rev() {
        let item = &items[real[q]];
        let h = hasher.hash(item.text.raw);
        if item.kind == Kind::Label || known.contains(&h) || after == Some(h) {
            out[real[q]] = (owner, Role::CaptionAfter);
            after = Some(h);
        } else {
            break;
        }
    }
}

/// Whether the label at `t` of the final run (ending at `e`) is a trailing caption of the previous entry
/// rather than the next entry's title.
fn label_belongs_to_prev(
    items: &[Item<'_>],
    real: &[usize],
    t: usize,
    e: usize,
    ctx: &Context<'_>,
    next_lead: &str,
    hasher: &mut CanonicalHasher,
) -> bool {
    // Only when another label could be the title: a lone label is always the next title (two entries in
    // a row may share a title).
    if t + 1 >= e {
        return false;
    }
    let label = items[real[t]].text.raw;
    if ctx.prev_known.contains(&hasher.hash(label)) {
        return true;
    }
    let next_label = items[real[t + 1]].text.raw;
    let with_next = shared_words(label, &[next_lead]);
    let with_prev = shared_words(label, ctx.prev_words);
    with_next == 0 && with_prev > 0 && shared_words(next_label, &[next_lead]) > 0
}

/// Number of distinct content words (four letters or more, any case) of `a` that occur in `others`.
fn shared_words(a: &str, others: &[&str]) -> usize {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= 4)
            .map(str::to_lowercase)
            .collect()
    };
    let theirs: std::collections::HashSet<String> = others.iter().flat_map(|s| words(s)).collect();
    let mut mine = words(a);
    mine.sort();
    mine.dedup();
    mine.iter().filter(|w| theirs.contains(*w)).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_line_shapes() {
        assert_eq!(classify("Commissioner of the RCMP, Canada"), Kind::Label);
        assert_eq!(classify("Portugal visit"), Kind::Label);
        assert_eq!(classify("The visit was a success."), Kind::Sentence);
        assert_eq!(
            classify("“Belgium is a partner,” said the Minister.”"),
            Kind::Sentence
        );
        assert_eq!(classify("/"), Kind::Placeholder);
        assert_eq!(classify("|"), Kind::Placeholder);
        let long = "word ".repeat(MAX_LABEL_WORDS + 1);
        assert_eq!(classify(long.trim()), Kind::Sentence);
    }
}
