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
use serde::ser::{Error as _, SerializeSeq};
use serde::{Serialize, Serializer};
use serde_json::ser::{Formatter, PrettyFormatter};
use serde_json::value::RawValue;
use std::io::{self, Write};
use std::ops::Range;

/// The document, written with serde_json's pretty printer.
#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    summary: Summary,
    files: &'a [FileSummary],
    findings: Findings<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    truncated: Option<Truncation>,
}

/// Collects every file's findings and writes the document at the end.
///
/// Findings are rendered as each file is reported (while other files are still being checked, when
/// several are), each exactly as the pretty printer writes it inside the document, and are written into
/// the document unchanged at the end: rendering tens of thousands of findings in one go at the end was a
/// serial step of a parallel run. A test compares the output with `serde_json::to_writer_pretty` of the
/// whole document, findings included.
#[derive(Default)]
pub struct Json {
    totals: Totals,
    files: Vec<FileSummary>,
    /// The rendered findings, in buffers of about [`CHUNK`] bytes: one buffer for tens of megabytes of
    /// findings would be copied each time it grew.
    chunks: Vec<Vec<u8>>,
    /// Where each finding is: its chunk and its bytes there.
    findings: Vec<(usize, Range<usize>)>,
    /// The finding being rendered.
    scratch: Vec<u8>,
    budget: Budget,
    /// The run covers one file: its document is written as soon as the file is reported, with the
    /// findings serialized straight into it, neither kept nor rendered twice (a page of hundreds of
    /// thousands of findings held them and tens of megabytes of their JSON at once).
    direct: bool,
    /// The document was written (`direct`).
    written: bool,
}

impl Json {
    /// A reporter that lists at most `limit` findings, for a run over `files` files.
    pub fn new(limit: Option<usize>, files: usize) -> Self {
        Json {
            budget: Budget::new(limit),
            direct: files == 1,
            ..Json::default()
        }
    }

    /// The document, with these findings.
    fn document<'a>(&'a self, findings: Findings<'a>) -> Document<'a> {
        Document {
            version: 1,
            summary: Summary {
                files: self.totals.files,
                records: self.totals.records,
                findings: self.totals.counts,
            },
            files: &self.files,
            findings,
            truncated: self.budget.truncated(),
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

/// serde_json's pretty formatter as it stands inside the document's `findings` array: in the document
/// object, in the array. A finding rendered with it is byte for byte what the printer writes there.
fn in_findings_array() -> PrettyFormatter<'static> {
    let mut f = PrettyFormatter::new();
    let sink = &mut io::sink();
    // Writing to a sink cannot fail; the calls only move the formatter two levels in.
    let _ = f.begin_object(sink);
    let _ = f.begin_array(sink);
    f
}

/// The `findings` array: the rendered findings, written as they are (serde_json's raw values, which the
/// pretty printer copies verbatim; each is checked to be one JSON value on the way), or the findings of
/// the one file of the run, serialized in place.
enum Findings<'a> {
    Rendered {
        chunks: &'a [Vec<u8>],
        at: &'a [(usize, Range<usize>)],
    },
    Direct(&'a [Diagnostic]),
}

impl Serialize for Findings<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Findings::Rendered { chunks, at } => {
                let mut seq = serializer.serialize_seq(Some(at.len()))?;
                for (chunk, bytes) in at.iter() {
                    let raw: &RawValue = serde_json::from_slice(&chunks[*chunk][bytes.clone()])
                        .map_err(S::Error::custom)?;
                    seq.serialize_element(raw)?;
                }
                seq.end()
            }
            Findings::Direct(findings) => findings.serialize(serializer),
        }
    }
}

impl Reporter for Json {
    fn file(&mut self, out: &mut dyn Write, result: FileResult<'_>) -> io::Result<()> {
        if self.written {
            return Err(io::Error::other(
                "the JSON report was written for one file, and another came",
            ));
        }
        self.totals.add(&result);
        self.files.push(FileSummary {
            file: result.source.name().to_string(),
            records: result.records,
            findings: result.counts(),
        });
        if self.direct {
            let shown = self.budget.take_file(&result);
            // serde_json writes a few bytes at a time: buffered here, not through `dyn Write` each time.
            let mut buffered = io::BufWriter::with_capacity(1 << 16, &mut *out);
            serde_json::to_writer_pretty(&mut buffered, &self.document(Findings::Direct(shown)))?;
            writeln!(buffered)?;
            self.written = true;
            return buffered.flush();
        }
        for d in self.budget.take_file(&result) {
            self.scratch.clear();
            d.serialize(&mut serde_json::Serializer::with_formatter(
                &mut self.scratch,
                in_findings_array(),
            ))?;
            let len = self.scratch.len();
            let room = self.chunks.last().map_or(0, |c| c.capacity() - c.len());
            if room < len {
                self.chunks.push(Vec::with_capacity(CHUNK.max(len)));
            }
            let at = self.chunks.len() - 1;
            let chunk = &mut self.chunks[at];
            let start = chunk.len();
            chunk.extend_from_slice(&self.scratch);
            self.findings.push((at, start..start + len));
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if self.written {
            return Ok(());
        }
        let document = self.document(Findings::Rendered {
            chunks: &self.chunks,
            at: &self.findings,
        });
        serde_json::to_writer_pretty(&mut *out, &document)?;
        writeln!(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    /// The document with the findings as data: what the reporter's output must equal, byte for byte.
    #[derive(Serialize)]
    struct Whole<'a> {
        version: u32,
        summary: Summary,
        files: &'a [FileSummary],
        findings: &'a [Diagnostic],
        #[serde(skip_serializing_if = "Option::is_none")]
        truncated: Option<super::super::Truncation>,
    }

    fn render(limit: Option<usize>, pages: &[(&SourceFile, Vec<Diagnostic>)]) -> (String, String) {
        // Told the number of files: one file's document is written as it is reported.
        let (got, want) = render_told(limit, pages, pages.len());
        // Not told (or told wrong, as no run does): every document is written at the end.
        let (kept, _) = render_told(limit, pages, 0);
        assert_eq!(got, kept);
        (got, want)
    }

    fn render_told(
        limit: Option<usize>,
        pages: &[(&SourceFile, Vec<Diagnostic>)],
        files_told: usize,
    ) -> (String, String) {
        let mut reporter = Json::new(limit, files_told);
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
                omitted: Default::default(),
            };
            totals.add(&result);
            files.push(FileSummary {
                file: source.name().to_string(),
                records: 7,
                findings: Counts::of(diags.iter()),
            });
            shown.extend(budget.take(diags).iter().cloned());
            reporter.file(&mut out, result).unwrap();
            // Written as the file is reported when it is the run's only one, else at the end.
            assert_eq!(!out.is_empty(), files_told == 1);
        }
        reporter.finish(&mut out).unwrap();
        let doc = Whole {
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
