//! Field-level differences between two matched records (and between the page headers).
//!
//! Every field is compared by its canonical form, through the canonical hashes the parser computed
//! ([`Record::title_hash`] and its siblings; datelines, paragraphs and the page header carry none and are
//! hashed here when they differ as written). A field whose text differs only as written (NBSP vs space,
//! dash or quote style, whitespace, composed vs decomposed accents) yields a change marked `cosmetic`;
//! anything else is a real change and, for text fields, carries a word-level diff. List fields (captions,
//! paragraphs, the page preamble) are first aligned item by item on their canonical hashes, so an inserted
//! paragraph shows as one added item rather than as every later paragraph changed.
//!
//! Image placeholders (`/`, `|`) are not compared: they carry no content and scrapes drop them at random.

use super::words::{diff_words, WordDiff};
use crate::canonical::canonical_hash;
use crate::record::{Lead, Page, Record, Text};
use serde::Serialize;
use similar::{capture_diff_slices_deadline, Algorithm, DiffOp};
use std::time::{Duration, Instant};

/// Which part of a record (or of the page) changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Field {
    /// The entry's title line.
    Title,
    /// The parsed date (ISO form), or the date as written when the parsed date is unchanged.
    Date,
    /// `LYON, France` between the date and the lead text.
    Dateline,
    /// The punctuation around the date and dateline in the lead line (`23 May 2023 – `).
    LeadSeparator,
    /// A photo caption or alt text.
    Caption,
    /// The lead paragraph's text, without its date and dateline.
    Lead,
    /// A body paragraph.
    Paragraph,
    /// The "N member countries" numbers mentioned, in order.
    MemberCounts,
    /// The page title line (`Official visits 2018 to 2023`).
    PageTitle,
    /// A line before the first entry other than the page title.
    Preamble,
}

impl Field {
    /// The name used in reports (the JSON spelling).
    pub fn name(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Date => "date",
            Field::Dateline => "dateline",
            Field::LeadSeparator => "lead_separator",
            Field::Caption => "caption",
            Field::Lead => "lead",
            Field::Paragraph => "paragraph",
            Field::MemberCounts => "member_counts",
            Field::PageTitle => "page_title",
            Field::Preamble => "preamble",
        }
    }

    /// Whether the field is a list whose items carry indexes.
    pub fn is_list(self) -> bool {
        matches!(self, Field::Caption | Field::Paragraph | Field::Preamble)
    }
}

/// One changed field (or one changed item of a list field).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct FieldChange {
    /// Which field changed.
    pub field: Field,
    /// For list fields: the item's 0-based index in the old record (absent for an added item).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old_index: Option<usize>,
    /// For list fields: the item's 0-based index in the new record (absent for a removed item).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new_index: Option<usize>,
    /// The old value as written; absent when the field or item was added.
    pub old: Option<String>,
    /// The new value as written; absent when the field or item was removed.
    pub new: Option<String>,
    /// True when the values are equal in canonical form: only the way they are written changed.
    pub cosmetic: bool,
    /// Word-level changes, for a text field present on both sides whose canonical text changed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub words: Option<WordDiff>,
}

/// Settings for field diffs.
#[derive(Debug, Clone, Copy)]
pub struct FieldOptions {
    /// Time allowed for the word diff of one field before falling back to a whole-field replacement.
    pub word_deadline: Duration,
}

/// A text as written, with its canonical hash.
type Hashed<'s> = (&'s str, u64);

/// A field's text with the canonical hash the parser computed for it.
fn hashed<'s>(t: Option<Text<'s>>, hash: Option<u64>) -> Option<Hashed<'s>> {
    t.zip(hash).map(|(t, h)| (t.raw, h))
}

/// A text that is no field of a record (the page header, the lead's separators), hashed here.
fn hash_now(s: Option<&str>) -> Option<Hashed<'_>> {
    s.map(|s| (s, canonical_hash(s)))
}

/// The canonical hashes of texts that are no hashed field of a record.
fn hash_all(texts: &[&str]) -> Vec<u64> {
    texts.iter().map(|s| canonical_hash(s)).collect()
}

/// Compares two optional single-value text fields.
fn text_field(
    out: &mut Vec<FieldChange>,
    field: Field,
    old: Option<Hashed<'_>>,
    new: Option<Hashed<'_>>,
    opts: &FieldOptions,
) {
    let (old_hash, new_hash) = (old.map(|o| o.1), new.map(|n| n.1));
    let (old, new) = (old.map(|o| o.0), new.map(|n| n.0));
    if old == new {
        return;
    }
    let cosmetic = old.is_some() && new.is_some() && old_hash == new_hash;
    let words = match (old, new) {
        (Some(o), Some(n)) if !cosmetic => Some(diff_words(o, n, opts.word_deadline)),
        _ => None,
    };
    out.push(FieldChange {
        field,
        old_index: None,
        new_index: None,
        old: old.map(str::to_string),
        new: new.map(str::to_string),
        cosmetic,
        words,
    });
}

/// Aligns two lists of texts on their canonical hashes (`old_keys`, `new_keys`) and reports added,
/// removed, changed and cosmetically changed items.
fn list_field(
    out: &mut Vec<FieldChange>,
    field: Field,
    (old, old_keys): (&[&str], &[u64]),
    (new, new_keys): (&[&str], &[u64]),
    opts: &FieldOptions,
) {
    if old == new {
        return;
    }
    let deadline = Instant::now() + opts.word_deadline;
    let item = |old_index: Option<usize>, new_index: Option<usize>| {
        let o = old_index.map(|i| old[i]);
        let n = new_index.map(|i| new[i]);
        if o == n {
            return None;
        }
        let cosmetic = match (old_index, new_index) {
            (Some(i), Some(j)) => old_keys[i] == new_keys[j],
            _ => false,
        };
        let words = match (o, n) {
            (Some(o), Some(n)) if !cosmetic => Some(diff_words(o, n, opts.word_deadline)),
            _ => None,
        };
        Some(FieldChange {
            field,
            old_index,
            new_index,
            old: o.map(str::to_string),
            new: n.map(str::to_string),
            cosmetic,
            words,
        })
    };
    for op in capture_diff_slices_deadline(Algorithm::Myers, old_keys, new_keys, Some(deadline)) {
        match op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => {
                for k in 0..len {
                    out.extend(item(Some(old_index + k), Some(new_index + k)));
                }
            }
            DiffOp::Delete {
                old_index, old_len, ..
            } => {
                for k in 0..old_len {
                    out.extend(item(Some(old_index + k), None));
                }
            }
            DiffOp::Insert {
                new_index, new_len, ..
            } => {
                for k in 0..new_len {
                    out.extend(item(None, Some(new_index + k)));
                }
            }
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                // Items replaced one for one are edits of the same item; the rest were added or removed.
                let paired = old_len.min(new_len);
                for k in 0..paired {
                    out.extend(item(Some(old_index + k), Some(new_index + k)));
                }
                for k in paired..old_len {
                    out.extend(item(Some(old_index + k), None));
                }
                for k in paired..new_len {
                    out.extend(item(None, Some(new_index + k)));
                }
            }
        }
    }
}

/// The lead line with its date, dateline and text cut out: the separators between them.
fn lead_separator(lead: &Lead<'_>) -> String {
    let line = lead.line;
    let mut cuts: Vec<(usize, usize)> = [lead.date_text, lead.dateline, Some(lead.text)]
        .into_iter()
        .flatten()
        .filter(|t| t.start >= line.start && t.end() <= line.end())
        .map(|t| {
            (
                (t.start - line.start) as usize,
                (t.end() - line.start) as usize,
            )
        })
        .collect();
    cuts.sort_unstable();
    let mut out = String::new();
    let mut at = 0;
    for (a, b) in cuts {
        if a >= at {
            out.push_str(line.raw.get(at..a).unwrap_or(""));
            out.push(' ');
            at = b;
        }
    }
    out.push_str(line.raw.get(at..).unwrap_or(""));
    out.trim().to_string()
}

/// Every field change between two matched records, in field order. Empty when the records are written
/// identically (the fast path: raw comparisons only, no allocation).
pub fn diff_records(old: &Record<'_>, new: &Record<'_>, opts: &FieldOptions) -> Vec<FieldChange> {
    let mut out = Vec::new();
    text_field(
        &mut out,
        Field::Title,
        hashed(old.title, old.title_hash()),
        hashed(new.title, new.title_hash()),
        opts,
    );
    let old_lead = old.lead.as_ref();
    let new_lead = new.lead.as_ref();
    if old.date != new.date {
        out.push(FieldChange {
            field: Field::Date,
            old_index: None,
            new_index: None,
            old: old.date.map(|d| d.to_string()),
            new: new.date.map(|d| d.to_string()),
            cosmetic: false,
            words: None,
        });
    } else {
        // Same date, written differently (`20-22 May` vs `20 – 22 May`): cosmetic by construction.
        let o = old_lead.and_then(|l| l.date_text).map(|t| t.raw);
        let n = new_lead.and_then(|l| l.date_text).map(|t| t.raw);
        if o != n {
            out.push(FieldChange {
                field: Field::Date,
                old_index: None,
                new_index: None,
                old: o.map(str::to_string),
                new: n.map(str::to_string),
                cosmetic: true,
                words: None,
            });
        }
    }
    text_field(
        &mut out,
        Field::Dateline,
        hash_now(old_lead.and_then(|l| l.dateline).map(|t| t.raw)),
        hash_now(new_lead.and_then(|l| l.dateline).map(|t| t.raw)),
        opts,
    );
    if let (Some(o), Some(n)) = (old_lead, new_lead) {
        if o.line.raw != n.line.raw {
            let (os, ns) = (lead_separator(o), lead_separator(n));
            let (os, ns) = (hash_now(Some(&os)), hash_now(Some(&ns)));
            text_field(&mut out, Field::LeadSeparator, os, ns, opts);
        }
    }
    // Captions are compared by text only: a caption that changes sides of the body is not news.
    if old
        .captions
        .iter()
        .map(|c| c.text.raw)
        .ne(new.captions.iter().map(|c| c.text.raw))
    {
        let oc: Vec<&str> = old.captions.iter().map(|c| c.text.raw).collect();
        let nc: Vec<&str> = new.captions.iter().map(|c| c.text.raw).collect();
        list_field(
            &mut out,
            Field::Caption,
            (&oc, old.caption_hashes()),
            (&nc, new.caption_hashes()),
            opts,
        );
    }
    text_field(
        &mut out,
        Field::Lead,
        hashed(old_lead.map(|l| l.text), old.lead_hash()),
        hashed(new_lead.map(|l| l.text), new.lead_hash()),
        opts,
    );
    if old
        .paragraphs
        .iter()
        .map(|p| p.raw)
        .ne(new.paragraphs.iter().map(|p| p.raw))
    {
        let op: Vec<&str> = old.paragraphs.iter().map(|p| p.raw).collect();
        let np: Vec<&str> = new.paragraphs.iter().map(|p| p.raw).collect();
        // Paragraphs carry no hashes from the parser (see `FieldHashes`): hashed now they differ.
        let (oh, nh) = (hash_all(&op), hash_all(&np));
        list_field(&mut out, Field::Paragraph, (&op, &oh), (&np, &nh), opts);
    }
    let counts = |r: &Record<'_>| -> Vec<u32> { r.member_counts.iter().map(|m| m.count).collect() };
    if old
        .member_counts
        .iter()
        .map(|m| m.count)
        .ne(new.member_counts.iter().map(|m| m.count))
    {
        let show = |v: Vec<u32>| v.iter().map(u32::to_string).collect::<Vec<_>>().join(", ");
        out.push(FieldChange {
            field: Field::MemberCounts,
            old_index: None,
            new_index: None,
            old: Some(show(counts(old))),
            new: Some(show(counts(new))),
            cosmetic: false,
            words: None,
        });
    }
    out
}

/// Changes to the page title and preamble (a few lines per page, hashed here rather than kept with the
/// page).
pub fn diff_page_header(old: &Page<'_>, new: &Page<'_>, opts: &FieldOptions) -> Vec<FieldChange> {
    let mut out = Vec::new();
    text_field(
        &mut out,
        Field::PageTitle,
        hash_now(old.title.map(|t| t.text.raw)),
        hash_now(new.title.map(|t| t.text.raw)),
        opts,
    );
    let op: Vec<&str> = old.preamble.iter().map(|t| t.raw).collect();
    let np: Vec<&str> = new.preamble.iter().map(|t| t.raw).collect();
    if op != np {
        let hashes =
            |lines: &[&str]| -> Vec<u64> { lines.iter().map(|s| canonical_hash(s)).collect() };
        let (oh, nh) = (hashes(&op), hashes(&np));
        list_field(&mut out, Field::Preamble, (&op, &oh), (&np, &nh), opts);
    }
    out
}
