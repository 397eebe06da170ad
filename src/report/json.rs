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

use super::{Budget, FileResult, Reporter, Totals};
use crate::diagnostic::Counts;
use serde::Serialize;
use std::io::{self, Write};

/// Collects every file's findings and writes the document at the end.
///
/// Findings are rendered as each file is reported (while other files are still being checked, when
/// several are), and the document is assembled around them at the end: rendering tens of thousands of
/// findings in one go at the end was a serial step of a parallel run. The bytes are exactly those
/// `serde_json::to_writer_pretty` gives for the whole document (JSON strings never hold a raw newline, so
/// indenting after each newline indents the structure only); a test compares the two.
#[derive(Default)]
pub struct Json {
    totals: Totals,
    files: Vec<FileSummary>,
    /// The rendered elements of the `findings` array, separated by `,\n`, in chunks of about
    /// [`CHUNK`] bytes: one buffer for tens of megabytes of findings would be copied each time it grew.
    findings: Vec<Vec<u8>>,
    shown: usize,
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

/// Size of the buffers rendered findings are kept in.
const CHUNK: usize = 1 << 20;

/// `value` rendered as `serde_json::to_writer_pretty` renders it `depth` levels deep in a document.
fn pretty_at<T: Serialize + ?Sized>(value: &T, depth: usize) -> io::Result<String> {
    let text = serde_json::to_string_pretty(value)?;
    Ok(text.replace('\n', &format!("\n{}", "  ".repeat(depth))))
}

impl Reporter for Json {
    fn file(&mut self, _out: &mut dyn Write, result: FileResult<'_>) -> io::Result<()> {
        self.totals.add(&result);
        self.files.push(FileSummary {
            file: result.source.name().to_string(),
            records: result.records,
            findings: Counts::of(result.diagnostics.iter()),
        });
        for d in self.budget.take(&result.diagnostics) {
            let rendered = pretty_at(d, 2)?;
            let room = self.findings.last().map_or(0, |c| c.capacity() - c.len());
            if room < rendered.len() + 6 {
                self.findings
                    .push(Vec::with_capacity(CHUNK.max(rendered.len() + 6)));
            }
            let chunk = self.findings.last_mut().expect("a chunk was just ensured");
            if self.shown > 0 {
                chunk.extend_from_slice(b",\n");
            }
            chunk.extend_from_slice(b"    ");
            chunk.extend_from_slice(rendered.as_bytes());
            self.shown += 1;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let summary = Summary {
            files: self.totals.files,
            records: self.totals.records,
            findings: self.totals.counts,
        };
        writeln!(out, "{{")?;
        writeln!(out, "  \"version\": 1,")?;
        writeln!(out, "  \"summary\": {},", pretty_at(&summary, 1)?)?;
        writeln!(out, "  \"files\": {},", pretty_at(&self.files, 1)?)?;
        if self.shown == 0 {
            write!(out, "  \"findings\": []")?;
        } else {
            writeln!(out, "  \"findings\": [")?;
            for chunk in &self.findings {
                out.write_all(chunk)?;
            }
            write!(out, "\n  ]")?;
        }
        if let Some(t) = self.budget.truncated() {
            write!(out, ",\n  \"truncated\": {}", pretty_at(&t, 1)?)?;
        }
        writeln!(out, "\n}}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Diagnostic;
    use crate::source::SourceFile;

    /// The document as one `Serialize` value: what the reporter's output must equal, byte for byte.
    #[derive(Serialize)]
    struct Document<'a> {
        version: u32,
        summary: Summary,
        files: &'a [FileSummary],
        findings: &'a [Diagnostic],
        #[serde(skip_serializing_if = "Option::is_none")]
        truncated: Option<super::super::Truncation>,
    }

    fn render(limit: Option<usize>, pages: &[(&SourceFile, Vec<Diagnostic>)]) -> (String, String) {
        let mut reporter = Json::new(limit);
        let mut out = Vec::new();
        let mut files = Vec::new();
        let mut shown = Vec::new();
        let mut totals = Totals::default();
        let mut budget = Budget::new(limit);
        for (source, diags) in pages {
            let result = FileResult {
                source,
                records: 7,
                diagnostics: diags[..].into(),
            };
            totals.add(&result);
            files.push(FileSummary {
                file: source.name().to_string(),
                records: 7,
                findings: Counts::of(diags.iter()),
            });
            shown.extend(budget.take(diags).iter().cloned());
            reporter.file(&mut out, result).unwrap();
        }
        reporter.finish(&mut out).unwrap();
        let doc = Document {
            version: 1,
            summary: Summary {
                files: totals.files,
                records: totals.records,
                findings: totals.counts,
            },
            files: &files,
            findings: &shown,
            truncated: budget.truncated(),
        };
        let mut want = serde_json::to_vec_pretty(&doc).unwrap();
        want.push(b'\n');
        (
            String::from_utf8(out).unwrap(),
            String::from_utf8(want).unwrap(),
        )
    }

    #[test]
    fn output_equals_the_whole_document_rendered_at_once() {
        let text = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("corpus/official-visits/2023-12.txt"),
        )
        .unwrap();
        let source = SourceFile::from_text("corpus/official-visits/2023-12.txt", text).unwrap();
        let page = crate::parse::parse(&source, None);
        let rules = crate::rules::config::RuleSet::defaults();
        let mut diags = crate::rules::check_page(&rules, &source, &page, &Default::default());
        assert!(diags.len() >= 4);
        // Text a report must escape: quotes, a newline, a backslash, a tab and non-ASCII.
        diags[0].message = "say \"hi\"\nthen \\ leave\tnow – ok".into();
        diags[0].help = Some("line one\nline two".into());
        let empty = SourceFile::from_text("empty.txt", "Title\n").unwrap();
        // Enough findings to fill several rendering chunks.
        let many: Vec<Diagnostic> = diags
            .iter()
            .cycle()
            .take(3 * CHUNK / 500)
            .cloned()
            .collect();
        let (got, want) = render(None, &[(&source, many.clone()), (&source, many)]);
        assert!(got.len() > 3 * CHUNK, "{} bytes", got.len());
        assert_eq!(got, want);
        for limit in [None, Some(0), Some(2), Some(100)] {
            for pages in [
                vec![(&source, diags.clone())],
                vec![(&empty, Vec::new())],
                vec![
                    (&source, diags.clone()),
                    (&empty, Vec::new()),
                    (&source, diags.clone()),
                ],
            ] {
                let (got, want) = render(limit, &pages);
                assert_eq!(got, want, "limit {limit:?}, {} pages", pages.len());
            }
        }
    }
}
