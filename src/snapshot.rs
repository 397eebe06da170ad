//! The reviewed state of a page: a snapshot of its records, stored as `snapshots/<page>.records.yaml` and
//! accepted like an insta snapshot. Text is kept as written (so a cosmetic change is still visible), line
//! numbers are not (they move whenever an entry is added above). Records stay in page order, fields in a
//! fixed order: the file is stable and reads well in a pull-request diff.
//!
//! A snapshot is compared with a new revision as data: [`RecordsSnapshot::to_page`] gives back the
//! records (every field the diff compares is stored), positioned at their lines in the snapshot file, so a
//! parser change never puts an untouched page into review. Version 1 snapshots, which did not store the
//! lead's parts, are read by rendering them back to page text ([`RecordsSnapshot::to_page_text`]) and
//! parsing that.

use crate::record::{
    Caption, CaptionPosition, Date, Lead, MemberCount, Page, PageTitle, Record, RecordId, Span,
    Text, YearSource,
};
use serde::{Deserialize, Serialize};

/// Format version written to every snapshot; bumped when the layout changes. Version 2 stores the lead's
/// parts, the heading, section and body captions, and member counts; version 1 files are still read.
pub const SNAPSHOT_VERSION: u32 = 2;

/// A page's reviewed records (`snapshots/<page>.records.yaml`): what `pagerev accept` and `pagerev review`
/// write and `pagerev check` compares the newest revision with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordsSnapshot {
    /// Format version, [`SNAPSHOT_VERSION`] (version 1 files are still read).
    pub version: u32,
    /// The revision the snapshot was accepted from (file name), for the reader.
    pub revision: String,
    /// The page title line, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Lines before the first entry other than the title.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub preamble: Vec<String>,
    /// The records, in page order.
    pub records: Vec<SnapshotRecord>,
    /// Number of records, written last: a truncated file lacks it (or disagrees), so truncation is an
    /// error rather than a page with fewer records.
    pub count: usize,
    /// The line of each record's `- id:` in the file it was read from (not stored).
    #[serde(skip)]
    pub lines: Vec<u32>,
}

/// One reviewed record: its fields as written.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SnapshotRecord {
    /// The record id.
    pub id: String,
    /// The title as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The parsed date (`2023-11-20/2023-11-22`, `2023-12`), for the reader; the lead line is authoritative.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Captions above the entry.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub captions_before: Vec<String>,
    /// The lead line as written, date prefix included.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead: Option<String>,
    /// Body paragraphs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub paragraphs: Vec<String>,
    /// Captions below the entry.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub captions_after: Vec<String>,
    /// Version 2: the lead's date as written, dateline and text (parts of `lead`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead_date: Option<String>,
    /// The dateline (version 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dateline: Option<String>,
    /// The lead's text without date and dateline (version 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead_text: Option<String>,
    /// Version 2: the line carrying the date when it is not the lead, the date as written there, the
    /// section heading lines before the entry, credits among the body, member counts, year source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heading: Option<String>,
    /// The date as written on that line (version 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_text: Option<String>,
    /// Section heading lines before the entry (version 2).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub section: Vec<String>,
    /// Credits and captions among the body (version 2).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub captions_body: Vec<String>,
    /// "N member countries" counts (version 2).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub member_counts: Vec<u32>,
    /// Where the date's year came from, when not written (version 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year_source: Option<YearSource>,
}

impl SnapshotRecord {
    /// The snapshot form of a parsed record.
    pub fn from_record(r: &Record<'_>) -> Self {
        let captions = |pos| r.captions_at(pos).map(|c| c.text.raw.to_string()).collect();
        SnapshotRecord {
            id: r.id.to_string(),
            title: r.title.map(|t| t.raw.to_string()),
            date: r.date.map(|d| d.to_string()),
            captions_before: captions(CaptionPosition::Before),
            lead: r.lead.map(|l| l.line.raw.to_string()),
            paragraphs: r.paragraphs.iter().map(|p| p.raw.to_string()).collect(),
            captions_after: captions(CaptionPosition::After),
            lead_date: r.lead.and_then(|l| l.date_text).map(|t| t.raw.to_string()),
            dateline: r.lead.and_then(|l| l.dateline).map(|t| t.raw.to_string()),
            lead_text: r.lead.map(|l| l.text.raw.to_string()),
            heading: r.heading.map(|t| t.raw.to_string()),
            date_text: r.date_text.map(|t| t.raw.to_string()),
            section: r.section.iter().map(|t| t.raw.to_string()).collect(),
            captions_body: captions(CaptionPosition::Body),
            member_counts: r.member_counts.iter().map(|m| m.count).collect(),
            year_source: (!r.year_source.is_written()).then_some(r.year_source),
        }
    }

    /// The record as a record again, its texts at `line` (its line in the snapshot file).
    fn to_record(&self, index: usize, line: u32) -> Result<Record<'_>, String> {
        fn at(raw: &str, line: u32) -> Text<'_> {
            Text {
                raw,
                line,
                start: 0,
            }
        }
        fn opt(s: &Option<String>, line: u32) -> Option<Text<'_>> {
            s.as_deref().map(|s| at(s, line))
        }
        fn caption(position: CaptionPosition, c: &str, line: u32) -> Caption<'_> {
            Caption {
                position,
                text: at(c, line),
            }
        }
        let date = match &self.date {
            Some(d) => Some(d.parse::<Date>()?),
            None => None,
        };
        let lead = self.lead.as_deref().map(|line_text| {
            // The parts are found again in the lead line, in order, so that what lies between them (the
            // separators) compares as it was written.
            fn part<'s>(
                whole: &str,
                p: Option<&'s str>,
                from: &mut usize,
                line: u32,
            ) -> Option<Text<'s>> {
                let p = p?;
                let start = whole
                    .get(*from..)
                    .and_then(|rest| rest.find(p))
                    .map_or(0, |i| *from + i);
                *from = start + p.len();
                Some(Text {
                    raw: p,
                    line,
                    start: start as u32,
                })
            }
            let mut from = 0;
            let date_text = part(line_text, self.lead_date.as_deref(), &mut from, line);
            let dateline = part(line_text, self.dateline.as_deref(), &mut from, line);
            let text = part(
                line_text,
                Some(self.lead_text.as_deref().unwrap_or(line_text)),
                &mut from,
                line,
            )
            .unwrap_or(at(line_text, line));
            Lead {
                line: at(line_text, line),
                date_text,
                dateline,
                text,
            }
        });
        let captions: Vec<Caption<'_>> = self
            .captions_before
            .iter()
            .map(|c| caption(CaptionPosition::Before, c, line))
            .chain(
                self.captions_body
                    .iter()
                    .map(|c| caption(CaptionPosition::Body, c, line)),
            )
            .chain(
                self.captions_after
                    .iter()
                    .map(|c| caption(CaptionPosition::After, c, line)),
            )
            .collect();
        let empty = at("", line);
        Ok(Record {
            id: RecordId(self.id.clone().into_boxed_str()),
            index,
            span: Span {
                line_start: line,
                line_end: line,
                byte_start: 0,
                byte_end: 0,
            },
            title: opt(&self.title, line),
            date,
            year_source: self.year_source.unwrap_or_default(),
            heading: opt(&self.heading, line),
            date_text: opt(&self.date_text, line),
            section: self.section.iter().map(|s| at(s, line)).collect(),
            captions: captions.into_boxed_slice(),
            lead,
            paragraphs: self.paragraphs.iter().map(|p| at(p, line)).collect(),
            member_counts: self
                .member_counts
                .iter()
                .map(|&count| MemberCount {
                    count,
                    phrase: empty,
                    sentence: empty,
                })
                .collect(),
            placeholders: Box::new([]),
            hashes: Default::default(),
        }
        .hashed())
    }
}

impl RecordsSnapshot {
    /// The snapshot of a parsed page (placeholder lines are scrape noise and are not kept).
    pub fn from_page(page: &Page<'_>, revision: &str) -> Self {
        RecordsSnapshot {
            version: SNAPSHOT_VERSION,
            revision: revision.to_string(),
            title: page.title.map(|t| t.text.raw.to_string()),
            preamble: page.preamble.iter().map(|t| t.raw.to_string()).collect(),
            records: page
                .records
                .iter()
                .map(SnapshotRecord::from_record)
                .collect(),
            count: page.records.len(),
            lines: Vec::new(),
        }
    }

    /// The reviewed records as a page, read from the snapshot file named `file` (each record positioned
    /// at the line of its `- id:` there, a line the user can open). Version 1
    /// snapshots give `None`: read them with [`RecordsSnapshot::to_page_text`] and the parser.
    pub fn to_page<'a>(&'a self, file: &'a str) -> Option<Result<Page<'a>, String>> {
        if self.version < 2 {
            return None;
        }
        let lines = &self.lines;
        let mut records = Vec::with_capacity(self.records.len());
        for (i, r) in self.records.iter().enumerate() {
            match r.to_record(i, lines.get(i).copied().unwrap_or(0)) {
                Ok(record) => records.push(record),
                Err(e) => return Some(Err(format!("record `{}`: {e}", r.id))),
            }
        }
        Some(Ok(Page {
            file,
            lang: crate::lang::Lang::Unknown,
            title: self.title.as_deref().map(|t| PageTitle {
                text: Text {
                    raw: t,
                    line: 0,
                    start: 0,
                },
                years: None,
            }),
            preamble: self
                .preamble
                .iter()
                .map(|p| Text {
                    raw: p,
                    line: 0,
                    start: 0,
                })
                .collect(),
            records,
        }))
    }

    /// The page text these records were parsed from, laid out as the seed page lays entries out.
    pub fn to_page_text(&self) -> String {
        let mut out = String::new();
        let mut line = |s: &str| {
            out.push_str(s);
            out.push_str("\n\n");
        };
        if let Some(t) = &self.title {
            line(t);
        }
        self.preamble.iter().for_each(|p| line(p));
        for r in &self.records {
            if let Some(t) = &r.title {
                line(t);
            }
            r.captions_before.iter().for_each(|c| line(c));
            if let Some(l) = &r.lead {
                line(l);
            }
            r.paragraphs.iter().for_each(|p| line(p));
            r.captions_after.iter().for_each(|c| line(c));
        }
        out
    }

    /// The snapshot as the YAML document its file holds.
    pub fn to_yaml(&self) -> Result<String, crate::yaml::YamlError> {
        crate::yaml::to_string(self)
    }

    /// Reads a snapshot file's text; a truncated or foreign file is an error.
    pub fn from_yaml(text: &str) -> Result<Self, crate::yaml::YamlError> {
        let mut s: RecordsSnapshot = crate::yaml::from_str(text)?;
        // The snapshot writer puts each record's `- id:` at the start of a line.
        s.lines = text
            .lines()
            .enumerate()
            .filter(|(_, l)| l.starts_with("- id:"))
            .map(|(i, _)| i as u32 + 1)
            .collect();
        let problem = if !(1..=SNAPSHOT_VERSION).contains(&s.version) {
            Some(format!(
                "unsupported snapshot version {} (this pagerev writes {SNAPSHOT_VERSION})",
                s.version
            ))
        } else if s.count != s.records.len() {
            Some(format!(
                "`count` says {} records but the file lists {}: the file is truncated or was edited by hand",
                s.count,
                s.records.len()
            ))
        } else {
            None
        };
        match problem {
            Some(message) => Err(crate::yaml::YamlError {
                message,
                line: None,
                column: None,
            }),
            None => Ok(s),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    #[test]
    fn snapshot_round_trips_through_yaml_and_page_text() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/corpus/official-visits/2023-12.txt"
        ))
        .unwrap();
        let source = SourceFile::from_text("2023-12.txt", text).unwrap();
        let page = crate::parse::parse(&source, None);
        let snap = RecordsSnapshot::from_page(&page, "2023-12.txt");
        let yaml = snap.to_yaml().unwrap();
        let mut back = RecordsSnapshot::from_yaml(&yaml).unwrap();
        assert_eq!(back.lines.len(), snap.records.len());
        assert!(back.lines.windows(2).all(|w| w[0] < w[1]));
        back.lines.clear();
        assert_eq!(back, snap);
        for cut in (1..yaml.len()).step_by(997) {
            if yaml.is_char_boundary(cut) && !yaml[cut..].trim().is_empty() {
                assert!(
                    RecordsSnapshot::from_yaml(&yaml[..cut]).is_err(),
                    "cut at {cut}"
                );
            }
        }
        // The records as stored are the records parsed: diffing them finds nothing.
        let back = RecordsSnapshot::from_yaml(&yaml).unwrap();
        let stored = back.to_page("snap.yaml").unwrap().unwrap();
        let diff = crate::diff::diff_pages(&stored, &page, &Default::default());
        assert!(diff.equivalent, "{:?}", diff.summary);
        assert_eq!(stored.records[3].span.line_start, back.lines[3]);
    }

    #[test]
    fn a_version_1_snapshot_is_read_through_its_page_text() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/corpus/official-visits/2023-12.txt"
        ))
        .unwrap();
        let source = SourceFile::from_text("2023-12.txt", text).unwrap();
        let page = crate::parse::parse(&source, None);
        let mut v1 = RecordsSnapshot::from_page(&page, "2023-12.txt");
        v1.version = 1;
        for r in &mut v1.records {
            let kept = SnapshotRecord {
                id: r.id.clone(),
                date: r.date.clone(),
                title: r.title.clone(),
                captions_before: r.captions_before.clone(),
                lead: r.lead.clone(),
                paragraphs: r.paragraphs.clone(),
                captions_after: r.captions_after.clone(),
                ..SnapshotRecord::default()
            };
            *r = kept;
        }
        let v1 = RecordsSnapshot::from_yaml(&v1.to_yaml().unwrap()).unwrap();
        assert!(v1.to_page("snap.yaml").is_none());
        let mut rendered = None;
        let reviewed = crate::check::reviewed_page(
            &v1,
            "snap.yaml",
            &Default::default(),
            page.lang,
            &mut rendered,
        );
        let diff = crate::diff::diff_pages(&reviewed, &page, &Default::default());
        assert!(diff.equivalent, "{:?}", diff.summary);
    }
}
