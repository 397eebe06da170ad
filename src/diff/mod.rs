//! Record-level diffs between two revisions of a page: which entries were added, removed, retitled,
//! redated, modified or moved, and what changed inside each, down to the word.
//!
//! The result, [`PageDiff`], is plain owned data (strings and numbers, serializable with serde) so that
//! every report — text, JSON, Markdown, and later HTML — renders the same model and nothing else computes.
//!
//! ## Reporting rule
//! A matched record can change in several ways at once (the RCMP entry of the bundled corpus gets a
//! corrected date *and* a fixed typo). Each record is reported once, with a **primary kind** — the first
//! that applies in the order `retitled`, `redated`, `modified`, `moved`, `cosmetic` — and the other kinds
//! that apply in `also`, in the same order. Identity changes come first because they change the record's
//! id, which is what a reviewer or a tool keyed on ids must notice; content next; position, which loses
//! nothing, after; cosmetic last. `added` and `removed` stand alone. The field changes list every changed
//! field either way, cosmetic ones flagged.
//!
//! A record is `cosmetic` when every field difference vanishes under the canonical form (see
//! [`crate::canonical`]) and it did not move. Two revisions are *equivalent* when every record is
//! unchanged or cosmetic and the page header differs at most cosmetically.

pub mod fields;
pub mod history;
pub mod matching;
pub mod words;

use crate::record::{Page, Record};
use fields::{diff_page_header, diff_records, FieldChange, FieldOptions};
use matching::{match_records, MatchedBy};
use serde::Serialize;
use std::time::Duration;

pub use fields::Field;
pub use matching::DEFAULT_THRESHOLD;
pub use words::{WordDiff, WordOp, WordTag};

/// The version of the JSON schema (`docs/diff-json.md`); bumped on any incompatible change.
pub const SCHEMA: &str = "pagerev-diff/1";

/// What happened to a record between two revisions, in reporting precedence order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum ChangeKind {
    /// Only in the new revision.
    Added,
    /// Only in the old revision.
    Removed,
    /// The title changed (canonically).
    Retitled,
    /// The date changed.
    Redated,
    /// The dateline, captions, lead, paragraphs or member counts changed (canonically).
    Modified,
    /// Same record, at a different position relative to its neighbours.
    Moved,
    /// Only the way the text is written changed: NBSP, dash or quote style, whitespace.
    Cosmetic,
    /// Nothing changed.
    Unchanged,
}

impl ChangeKind {
    /// Every kind, in precedence order.
    pub const ALL: [ChangeKind; 8] = [
        ChangeKind::Added,
        ChangeKind::Removed,
        ChangeKind::Retitled,
        ChangeKind::Redated,
        ChangeKind::Modified,
        ChangeKind::Moved,
        ChangeKind::Cosmetic,
        ChangeKind::Unchanged,
    ];

    /// The lower-case name used in every report.
    pub fn name(self) -> &'static str {
        match self {
            ChangeKind::Added => "added",
            ChangeKind::Removed => "removed",
            ChangeKind::Retitled => "retitled",
            ChangeKind::Redated => "redated",
            ChangeKind::Modified => "modified",
            ChangeKind::Moved => "moved",
            ChangeKind::Cosmetic => "cosmetic",
            ChangeKind::Unchanged => "unchanged",
        }
    }

    /// True for kinds that make two revisions differ (everything but cosmetic and unchanged).
    pub fn is_substantive(self) -> bool {
        !matches!(self, ChangeKind::Cosmetic | ChangeKind::Unchanged)
    }
}

/// A record as it stands in one revision, as far as reports need it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecordRef {
    /// The record id in that revision.
    pub id: String,
    /// 0-based position on the page.
    pub index: usize,
    /// 1-based line where the record starts.
    pub line: u32,
    /// ISO date (`2023-11-20`, `2023-12`, a range `2023-11-20/2023-11-22`), absent when undated.
    pub date: Option<String>,
    /// The title as written, absent when untitled.
    pub title: Option<String>,
}

impl RecordRef {
    fn of(r: &Record<'_>) -> Self {
        RecordRef {
            id: r.id.to_string(),
            index: r.index,
            line: r.span.line_start,
            date: r.date.map(|d| d.to_string()),
            title: r.title.map(|t| t.raw.to_string()),
        }
    }
}

/// Where a moved record stood: the id of the record before it in each revision (absent at the top).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Moved {
    /// The id of the record before it in the old revision (`None` at the top).
    pub old_after: Option<String>,
    /// The id of the record before it in the new revision (`None` at the top).
    pub new_after: Option<String>,
}

/// One record's change.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct RecordChange {
    /// The primary kind (see the module docs for the precedence).
    pub kind: ChangeKind,
    /// Further kinds that also apply, in precedence order.
    pub also: Vec<ChangeKind>,
    /// The record in the old revision; absent when added.
    pub old: Option<RecordRef>,
    /// The record in the new revision; absent when removed.
    pub new: Option<RecordRef>,
    /// How the two were matched; absent for added and removed records.
    pub matched_by: Option<MatchedBy>,
    /// Content similarity (Jaccard index of word sets, rounded to 3 decimals) when it was computed.
    pub similarity: Option<f64>,
    /// For moved records: the neighbours before it in each revision.
    pub moved: Option<Moved>,
    /// Changed fields, in field order; cosmetic ones flagged.
    pub fields: Vec<FieldChange>,
}

impl RecordChange {
    /// The record's id in the newest revision it is in.
    pub fn id(&self) -> &str {
        self.new
            .as_ref()
            .or(self.old.as_ref())
            .map_or("", |r| &r.id)
    }

    /// The primary kind followed by the others.
    pub fn kinds(&self) -> impl Iterator<Item = ChangeKind> + '_ {
        std::iter::once(self.kind).chain(self.also.iter().copied())
    }
}

/// One revision's name and size.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Revision {
    /// The file name as given (relative).
    pub name: String,
    /// Number of records.
    pub records: usize,
    /// The page title line, when the page has one.
    pub title: Option<String>,
}

/// Number of records of each primary kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Summary {
    /// Records only in the new revision.
    pub added: usize,
    /// Records only in the old revision.
    pub removed: usize,
    /// Records whose title changed.
    pub retitled: usize,
    /// Records whose date changed.
    pub redated: usize,
    /// Records whose text changed otherwise.
    pub modified: usize,
    /// Records that changed position.
    pub moved: usize,
    /// Records that changed only in how they are written.
    pub cosmetic: usize,
    /// Records that did not change.
    pub unchanged: usize,
}

impl Summary {
    /// The count for `kind`.
    pub fn get(&self, kind: ChangeKind) -> usize {
        match kind {
            ChangeKind::Added => self.added,
            ChangeKind::Removed => self.removed,
            ChangeKind::Retitled => self.retitled,
            ChangeKind::Redated => self.redated,
            ChangeKind::Modified => self.modified,
            ChangeKind::Moved => self.moved,
            ChangeKind::Cosmetic => self.cosmetic,
            ChangeKind::Unchanged => self.unchanged,
        }
    }

    fn bump(&mut self, kind: ChangeKind) {
        let slot = match kind {
            ChangeKind::Added => &mut self.added,
            ChangeKind::Removed => &mut self.removed,
            ChangeKind::Retitled => &mut self.retitled,
            ChangeKind::Redated => &mut self.redated,
            ChangeKind::Modified => &mut self.modified,
            ChangeKind::Moved => &mut self.moved,
            ChangeKind::Cosmetic => &mut self.cosmetic,
            ChangeKind::Unchanged => &mut self.unchanged,
        };
        *slot += 1;
    }
}

/// The diff of two revisions of a page.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct PageDiff {
    /// Schema version of this model's JSON form, [`SCHEMA`].
    pub schema: &'static str,
    /// The older revision.
    pub old: Revision,
    /// The newer revision.
    pub new: Revision,
    /// Records of each primary kind.
    pub summary: Summary,
    /// True when the revisions differ only cosmetically or not at all.
    pub equivalent: bool,
    /// Changes to the page title and the lines before the first entry.
    pub page: Vec<FieldChange>,
    /// Changed records in page order (new page order; a removed record stands where it was). Unchanged
    /// records are included only when asked for ([`DiffOptions::include_unchanged`]).
    pub changes: Vec<RecordChange>,
}

/// Settings of a diff.
#[derive(Debug, Clone, Copy)]
pub struct DiffOptions {
    /// Least content similarity for matching records whose identity changed; see [`matching`].
    pub threshold: f64,
    /// Time allowed for the word diff of one field before falling back to a whole-field replacement.
    pub word_deadline: Duration,
    /// Keep unchanged records in [`PageDiff::changes`] (for `--show-unchanged` and history).
    pub include_unchanged: bool,
}

impl Default for DiffOptions {
    fn default() -> Self {
        DiffOptions {
            threshold: DEFAULT_THRESHOLD,
            word_deadline: Duration::from_millis(250),
            include_unchanged: false,
        }
    }
}

/// The kinds that apply to a matched pair with these field changes, in precedence order.
fn pair_kinds(fields: &[FieldChange], moved: bool) -> Vec<ChangeKind> {
    let mut kinds = Vec::new();
    let real = |f: Field| fields.iter().any(|c| c.field == f && !c.cosmetic);
    if real(Field::Title) {
        kinds.push(ChangeKind::Retitled);
    }
    if real(Field::Date) {
        kinds.push(ChangeKind::Redated);
    }
    if fields
        .iter()
        .any(|c| !c.cosmetic && !matches!(c.field, Field::Title | Field::Date))
    {
        kinds.push(ChangeKind::Modified);
    }
    if moved {
        kinds.push(ChangeKind::Moved);
    }
    if kinds.is_empty() && !fields.is_empty() {
        kinds.push(ChangeKind::Cosmetic);
    }
    kinds
}

/// Diffs two parsed revisions.
///
/// ```
/// use pagerev::diff::{diff_pages, ChangeKind, DiffOptions};
/// use pagerev::source::SourceFile;
///
/// let old = SourceFile::from_text("1.txt", "Visits\n\nVisit of Alice\n\n3 May 2021 – Alice came.\n")?;
/// let new = SourceFile::from_text("2.txt", "Visits\n\nVisit of Alice\n\n4 May 2021 – Alice came.\n")?;
/// let (old, new) = (pagerev::parse::parse(&old, None), pagerev::parse::parse(&new, None));
/// let diff = diff_pages(&old, &new, &DiffOptions::default());
/// assert_eq!(diff.changes[0].kind, ChangeKind::Redated);
/// assert!(!diff.equivalent);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn diff_pages(old: &Page<'_>, new: &Page<'_>, opts: &DiffOptions) -> PageDiff {
    let matching = match_records(&old.records, &new.records, opts.threshold);
    let field_opts = FieldOptions {
        word_deadline: opts.word_deadline,
    };
    let mut summary = Summary::default();
    // (sort key, change): the key places each change in new-page order, removed records just before the
    // new record that follows their old predecessor.
    let mut changes: Vec<((usize, u8, usize), RecordChange)> = Vec::new();
    let mut old_to_new = vec![None; old.records.len()];
    for p in &matching.pairs {
        old_to_new[p.old] = Some(p.new);
        let (o, n) = (&old.records[p.old], &new.records[p.new]);
        let fields = diff_records(o, n, &field_opts);
        let kinds = pair_kinds(&fields, p.moved);
        let kind = kinds.first().copied().unwrap_or(ChangeKind::Unchanged);
        summary.bump(kind);
        if kind == ChangeKind::Unchanged && !opts.include_unchanged {
            continue;
        }
        changes.push((
            (p.new, 1, 0),
            RecordChange {
                kind,
                also: kinds.get(1..).unwrap_or_default().to_vec(),
                old: Some(RecordRef::of(o)),
                new: Some(RecordRef::of(n)),
                matched_by: Some(p.by),
                similarity: p.similarity.map(|s| (s * 1000.0).round() / 1000.0),
                moved: p.moved.then(|| Moved {
                    old_after: p.old.checked_sub(1).map(|i| old.records[i].id.to_string()),
                    new_after: p.new.checked_sub(1).map(|j| new.records[j].id.to_string()),
                }),
                fields,
            },
        ));
    }
    for &j in &matching.added {
        summary.bump(ChangeKind::Added);
        changes.push((
            (j, 1, 0),
            RecordChange {
                kind: ChangeKind::Added,
                also: Vec::new(),
                old: None,
                new: Some(RecordRef::of(&new.records[j])),
                matched_by: None,
                similarity: None,
                moved: None,
                fields: Vec::new(),
            },
        ));
    }
    // slot_after[i]: one past the new index of the last matched old record before i.
    let mut slot_after = Vec::with_capacity(old_to_new.len());
    let mut last = 0;
    for n in &old_to_new {
        slot_after.push(last);
        if let Some(n) = n {
            last = n + 1;
        }
    }
    for &i in &matching.removed {
        summary.bump(ChangeKind::Removed);
        let slot = slot_after[i];
        changes.push((
            (slot, 0, i),
            RecordChange {
                kind: ChangeKind::Removed,
                also: Vec::new(),
                old: Some(RecordRef::of(&old.records[i])),
                new: None,
                matched_by: None,
                similarity: None,
                moved: None,
                fields: Vec::new(),
            },
        ));
    }
    changes.sort_by_key(|(k, _)| *k);
    let page = diff_page_header(old, new, &field_opts);
    let equivalent = page.iter().all(|f| f.cosmetic)
        && ChangeKind::ALL
            .iter()
            .filter(|k| k.is_substantive())
            .all(|&k| summary.get(k) == 0);
    PageDiff {
        schema: SCHEMA,
        old: Revision {
            name: old.file.to_string(),
            records: old.records.len(),
            title: old.title.map(|t| t.text.raw.to_string()),
        },
        new: Revision {
            name: new.file.to_string(),
            records: new.records.len(),
            title: new.title.map(|t| t.text.raw.to_string()),
        },
        summary,
        equivalent,
        page,
        changes: changes.into_iter().map(|(_, c)| c).collect(),
    }
}

#[cfg(test)]
mod tests;
