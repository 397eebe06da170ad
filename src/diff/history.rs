//! The record-level history of a page — `git log` per record — built from the diffs of consecutive
//! revisions: where each record first appeared, every later change (kind and revision) and where it
//! vanished. A record keeps one history across retitles and redates, because the diffs match it.

use super::{ChangeKind, PageDiff};
use crate::record::Page;
use serde::Serialize;

/// The version of the history JSON schema (`docs/diff-json.md`).
pub const SCHEMA: &str = "pagerev-history/1";

/// One change of a record in one revision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Event {
    /// The revision (file name) where the change is first seen.
    pub revision: String,
    /// Primary kind of the change, then the others.
    pub kind: ChangeKind,
    /// The other kinds that apply, in precedence order.
    pub also: Vec<ChangeKind>,
    /// The record's id in that revision.
    pub id: String,
    /// Its id in the revision before, when it changed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub was: Option<String>,
    /// Names of the fields that changed (cosmetic ones included), deduplicated, in field order.
    pub fields: Vec<&'static str>,
}

/// The life of one record across the revisions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecordHistory {
    /// The id in the last revision the record is in.
    pub id: String,
    /// The id it had when it first appeared.
    pub first_id: String,
    /// The revision where it first appeared.
    pub first_seen: String,
    /// Changes after it appeared, oldest first.
    pub changes: Vec<Event>,
    /// The first revision it is no longer in, if it vanished.
    pub vanished: Option<String>,
}

impl RecordHistory {
    /// True when the record had the id `id` in some revision.
    pub fn had_id(&self, id: &str) -> bool {
        self.first_id == id
            || self.id == id
            || self
                .changes
                .iter()
                .any(|e| e.id == id || e.was.as_deref() == Some(id))
    }
}

/// The history of every record of a page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct History {
    /// The document's schema, `pagerev-history/1` (`docs/diff-json.md`).
    pub schema: &'static str,
    /// The revisions, oldest first.
    pub revisions: Vec<String>,
    /// Every record that ever appeared, in order of first appearance (page order within a revision).
    pub records: Vec<RecordHistory>,
}

/// Builds a [`History`] one revision at a time, holding only indexes between steps, so callers can keep
/// just two revisions in memory.
#[derive(Debug, Clone)]
pub struct HistoryBuilder {
    history: History,
    /// For each record of the latest revision, its index in `history.records`.
    current: Vec<usize>,
}

impl HistoryBuilder {
    /// Starts with the oldest revision: every record first appears there.
    pub fn new(revision: &str, page: &Page<'_>) -> Self {
        let records = page
            .records
            .iter()
            .map(|r| RecordHistory {
                id: r.id.to_string(),
                first_id: r.id.to_string(),
                first_seen: revision.to_string(),
                changes: Vec::new(),
                vanished: None,
            })
            .collect();
        HistoryBuilder {
            history: History {
                schema: SCHEMA,
                revisions: vec![revision.to_string()],
                records,
            },
            current: (0..page.records.len()).collect(),
        }
    }

    /// Adds the next revision, given the diff from the latest one to it. The diff must list unchanged
    /// records too ([`super::DiffOptions::include_unchanged`]), or those records are taken for new.
    pub fn push(&mut self, revision: &str, diff: &PageDiff) {
        let h = &mut self.history;
        h.revisions.push(revision.to_string());
        let mut next = vec![usize::MAX; diff.new.records];
        let mut added = Vec::new();
        for c in &diff.changes {
            let from = c
                .old
                .as_ref()
                .and_then(|o| self.current.get(o.index).copied());
            match (from, &c.new) {
                (Some(k), Some(n)) => {
                    if let Some(slot) = next.get_mut(n.index) {
                        *slot = k;
                    }
                    let rec = &mut h.records[k];
                    rec.id = n.id.clone();
                    if c.kind != ChangeKind::Unchanged {
                        let mut fields: Vec<&'static str> = Vec::new();
                        for f in &c.fields {
                            if !fields.contains(&f.field.name()) {
                                fields.push(f.field.name());
                            }
                        }
                        rec.changes.push(Event {
                            revision: revision.to_string(),
                            kind: c.kind,
                            also: c.also.clone(),
                            id: n.id.clone(),
                            was: c.old.as_ref().map(|o| o.id.clone()).filter(|o| *o != n.id),
                            fields,
                        });
                    }
                }
                (Some(k), None) => h.records[k].vanished = Some(revision.to_string()),
                (None, Some(n)) => added.push((n.index, n.id.clone())),
                (None, None) => {}
            }
        }
        added.sort();
        for (index, id) in added {
            if let Some(slot) = next.get_mut(index) {
                *slot = h.records.len();
            }
            h.records.push(RecordHistory {
                id: id.clone(),
                first_id: id,
                first_seen: revision.to_string(),
                changes: Vec::new(),
                vanished: None,
            });
        }
        self.current = next;
    }

    /// The finished history.
    pub fn finish(self) -> History {
        self.history
    }
}
