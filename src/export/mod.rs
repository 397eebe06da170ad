//! Records as a dataset: the four tables `pagerev export` writes (see `docs/dataset.md`), one row type
//! each, built from what the pipeline already produces — a revision and its parsed page, its findings,
//! and the record diff between consecutive revisions. Every field is a scalar (lists are JSON text), so
//! the same rows serialise to CSV and JSONL alike.

use crate::diagnostic::Diagnostic;
use crate::diff::PageDiff;
use crate::record::Page;
use crate::source::SourceFile;
use serde::{Deserialize, Serialize};

#[cfg(feature = "parquet")]
pub mod parquet;

/// The version of the tables' schema; it changes when a column is renamed, removed or changes meaning.
pub const SCHEMA_VERSION: u32 = 1;

/// A value's serde name (`day`, `heading`, `retitled`): enums appear in the tables as their JSON names.
fn name_of<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

fn json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// One revision of one page.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct RevisionRow {
    /// The page's name (its folder's).
    pub page: String,
    /// The revision's name: its file name (`2023-12.txt`).
    pub revision: String,
    /// The revision's path, as reports name it.
    pub path: String,
    /// Size of the revision in bytes.
    pub bytes: usize,
    /// Number of records.
    pub records: usize,
    /// The page's language code (`en`, `unknown`).
    pub language: String,
    /// The page title line, if any.
    pub page_title: Option<String>,
    /// FNV-1a 64 of the canonical text, hex: equal for revisions that differ only cosmetically.
    pub content_hash: String,
}

impl RevisionRow {
    /// The row of `page`, the revision `revision` of the page `page_name`, read from `source`.
    pub fn of(page_name: &str, revision: &str, source: &SourceFile, page: &Page<'_>) -> Self {
        RevisionRow {
            page: page_name.to_string(),
            revision: revision.to_string(),
            path: source.name().to_string(),
            bytes: source.text().len(),
            records: page.records.len(),
            language: page.lang.code().to_string(),
            page_title: page.title.map(|t| t.text.raw.to_string()),
            content_hash: format!(
                "{:016x}",
                crate::fingerprint::fnv1a64(crate::canonical::canonical(source.text()).as_bytes())
            ),
        }
    }
}

/// One record of one revision.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct RecordRow {
    /// The page's name (its folder's).
    pub page: String,
    /// The revision's name (its file name).
    pub revision: String,
    /// The record id.
    pub id: String,
    /// 0-based position on the page.
    pub index: usize,
    /// The title as written.
    pub title: Option<String>,
    /// ISO dates; `date_end` only for ranges.
    pub date_start: Option<String>,
    /// The end of a date range (ISO), if the date is one.
    pub date_end: Option<String>,
    /// `day`, `month` or `year`.
    pub date_precision: Option<String>,
    /// Where the year came from: `written`, `heading`, `title`, `previous`, `document`.
    pub year_source: Option<String>,
    /// The dateline (`LYON, France`), if any.
    pub dateline: Option<String>,
    /// JSON array of the captions' text.
    pub captions: String,
    /// The lead paragraph without its date and dateline.
    pub lead: Option<String>,
    /// JSON array of the body paragraphs.
    pub paragraphs: String,
    /// JSON array of the "N member countries" counts.
    pub member_counts: String,
    /// First line of the record (1-based).
    pub line_start: u32,
    /// Last line of the record (1-based, inclusive).
    pub line_end: u32,
    /// FNV-1a 64 of the record's canonical text (title, captions, lead, paragraphs), hex.
    pub text_hash: String,
}

impl RecordRow {
    /// Every record of `page`, in page order.
    pub fn all(page_name: &str, revision: &str, page: &Page<'_>) -> Vec<RecordRow> {
        page.records
            .iter()
            .map(|r| {
                let mut text = String::new();
                let mut add = |s: &str| {
                    text.push_str(&crate::canonical::canonical(s));
                    text.push('\n');
                };
                if let Some(t) = r.title {
                    add(t.raw);
                }
                r.captions.iter().for_each(|c| add(c.text.raw));
                if let Some(l) = &r.lead {
                    add(l.line.raw);
                }
                r.paragraphs.iter().for_each(|p| add(p.raw));
                RecordRow {
                    page: page_name.to_string(),
                    revision: revision.to_string(),
                    id: r.id.to_string(),
                    index: r.index,
                    title: r.title.map(|t| t.raw.to_string()),
                    date_start: r.date.map(|d| d.start.to_string()),
                    date_end: r.date.and_then(|d| d.end).map(|d| d.to_string()),
                    date_precision: r.date.map(|d| name_of(&d.precision)),
                    year_source: r.date.map(|_| name_of(&r.year_source)),
                    dateline: r
                        .lead
                        .as_ref()
                        .and_then(|l| l.dateline)
                        .map(|d| d.raw.to_string()),
                    captions: json(&r.captions.iter().map(|c| c.text.raw).collect::<Vec<_>>()),
                    lead: r.lead.as_ref().map(|l| l.text.raw.to_string()),
                    paragraphs: json(&r.paragraphs.iter().map(|p| p.raw).collect::<Vec<_>>()),
                    member_counts: json(
                        &r.member_counts.iter().map(|m| m.count).collect::<Vec<_>>(),
                    ),
                    line_start: r.span.line_start,
                    line_end: r.span.line_end,
                    text_hash: format!("{:016x}", crate::fingerprint::fnv1a64(text.as_bytes())),
                }
            })
            .collect()
    }
}

/// One finding of the page rules on one revision.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct FindingRow {
    /// The page's name (its folder's).
    pub page: String,
    /// The revision's name (its file name).
    pub revision: String,
    /// The rule code (`PR004`).
    pub code: String,
    /// The rule name (`duplicated-caption`).
    pub name: String,
    /// `error`, `warning` or `info`.
    pub severity: String,
    /// The record the finding is about, if any.
    pub record_id: Option<String>,
    /// The finding's message.
    pub message: String,
    /// First line of the finding's location (1-based).
    pub line_start: u32,
    /// Last line of it (1-based).
    pub line_end: u32,
    /// The baseline's fingerprint (`PR004/<record id>/<text hash>`), stable across line moves.
    pub fingerprint: String,
}

impl FindingRow {
    /// The row of the finding `d` on the revision `revision` (read from `source`) of the page `page_name`.
    pub fn of(page_name: &str, revision: &str, d: &Diagnostic, source: &SourceFile) -> Self {
        FindingRow {
            page: page_name.to_string(),
            revision: revision.to_string(),
            code: d.code.to_string(),
            name: d.name.to_string(),
            severity: d.severity.as_str().to_string(),
            record_id: d.record_id.as_deref().map(String::from),
            message: d.message.clone(),
            line_start: d.location.start.line,
            line_end: d.location.end.line,
            fingerprint: crate::fingerprint::Fingerprint::of(d, source).to_string(),
        }
    }
}

/// One record's change between two consecutive revisions of a page.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ChangeRow {
    /// The page's name (its folder's).
    pub page: String,
    /// The older revision's name.
    pub old_revision: String,
    /// The newer revision's name.
    pub new_revision: String,
    /// `added`, `removed`, `modified`, `moved`, `retitled`, `redated`, `cosmetic`.
    pub kind: String,
    /// The record's id in the new revision (in the old one when removed).
    pub record_id: String,
    /// The record's id in the old revision, when it differs (retitled, redated).
    pub previous_id: Option<String>,
    /// JSON array of the fields that changed (`title`, `date`, `lead`, `caption`, …), in field order.
    pub fields_changed: String,
}

impl ChangeRow {
    /// The changes of `diff` (unchanged records are not rows).
    pub fn all(page_name: &str, old: &str, new: &str, diff: &PageDiff) -> Vec<ChangeRow> {
        diff.changes
            .iter()
            .filter(|c| name_of(&c.kind) != "unchanged")
            .map(|c| {
                let mut fields: Vec<String> = Vec::new();
                for f in &c.fields {
                    let n = name_of(&f.field);
                    if !fields.contains(&n) {
                        fields.push(n);
                    }
                }
                let previous = c
                    .old
                    .as_ref()
                    .filter(|o| c.new.as_ref().is_some_and(|n| n.id != o.id))
                    .map(|o| o.id.clone());
                ChangeRow {
                    page: page_name.to_string(),
                    old_revision: old.to_string(),
                    new_revision: new.to_string(),
                    kind: name_of(&c.kind),
                    record_id: c.id().to_string(),
                    previous_id: previous,
                    fields_changed: json(&fields),
                }
            })
            .collect()
    }
}

/// The CSV header of a row type: its columns in order, as the CSV writer names them (so a table with
/// no rows still gets its header).
pub fn csv_header<T: Serialize + Default>() -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    if w.serialize(T::default()).is_err() {
        return String::new();
    }
    let bytes = w.into_inner().unwrap_or_default();
    let text = String::from_utf8_lossy(&bytes);
    text.lines().next().unwrap_or("").to_string() + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_name_every_column_in_order() {
        assert_eq!(
            csv_header::<RevisionRow>(),
            "page,revision,path,bytes,records,language,page_title,content_hash\n"
        );
        assert!(csv_header::<ChangeRow>().starts_with("page,old_revision,new_revision,kind,"));
    }
}
