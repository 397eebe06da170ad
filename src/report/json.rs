//! `--format json`: one stable JSON document for the whole run.
//!
//! ```json
//! { "version": 1,
//!   "summary": { "files": 1, "records": 51, "findings": { "error": 4, "warning": 1, "info": 0 } },
//!   "files": [ { "file": "…", "records": 51, "findings": { … } } ],
//!   "findings": [ { "code": "PR004", "name": "duplicated-caption", "severity": "error", "message": "…",
//!                   "record_id": "…", "record_index": 33, "file": "…",
//!                   "location": { "start": { "line": 362, "column": 1, "byte": … }, "end": { … } },
//!                   "related": { … }, "help": "…" } ] }
//! ```
//! Fields are only ever added, never renamed; `version` changes if that promise is broken. When
//! `--max-findings` cut the list, `"truncated": { "limit": N, "omitted": M }` says so (absent otherwise);
//! the summary counts still cover every finding. JSON string escaping (serde_json) covers any corpus text.

use super::{Budget, FileResult, Reporter, Totals, Truncation};
use crate::diagnostic::{Counts, Diagnostic};
use serde::Serialize;
use std::io::{self, Write};

/// Collects every file's findings and writes the document at the end.
#[derive(Default)]
pub struct Json {
    totals: Totals,
    files: Vec<FileSummary>,
    findings: Vec<Diagnostic>,
    budget: Budget,
}

impl Json {
    /// A reporter that lists at most `limit` findings.
    pub fn new(limit: Option<usize>) -> Self {
        Json {
            budget: Budget::new(limit),
            ..Json::default()
        }
    }
}

#[derive(Serialize)]
struct FileSummary {
    file: String,
    records: usize,
    findings: Counts,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    records: usize,
    findings: Counts,
}

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    summary: Summary,
    files: &'a [FileSummary],
    findings: &'a [Diagnostic],
    #[serde(skip_serializing_if = "Option::is_none")]
    truncated: Option<Truncation>,
}

impl Reporter for Json {
    fn file(&mut self, _out: &mut dyn Write, result: FileResult<'_>) -> io::Result<()> {
        self.totals.add(&result);
        self.files.push(FileSummary {
            file: result.source.name().to_string(),
            records: result.records,
            findings: Counts::of(result.diagnostics.iter()),
        });
        let shown = self.budget.take(&result.diagnostics).len();
        let mut findings = result.diagnostics.into_owned();
        findings.truncate(shown);
        self.findings.append(&mut findings);
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let doc = Document {
            version: 1,
            summary: Summary {
                files: self.totals.files,
                records: self.totals.records,
                findings: self.totals.counts,
            },
            files: &self.files,
            findings: &self.findings,
            truncated: self.budget.truncated(),
        };
        serde_json::to_writer_pretty(&mut *out, &doc)?;
        writeln!(out)
    }
}
