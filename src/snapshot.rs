//! The reviewed state of a page: a snapshot of its records, stored as `snapshots/<page>.records.yaml` and
//! accepted like an insta snapshot. Text is kept as written (so a cosmetic change is still visible), line
//! numbers are not (they move whenever an entry is added above). Records stay in page order, fields in a
//! fixed order: the file is stable and reads well in a pull-request diff.
//!
//! A snapshot turns back into page text with [`RecordsSnapshot::to_page_text`], which the parser reads to
//! the same records: that is how snapshots are diffed against new revisions with the ordinary diff.

use crate::record::{CaptionPosition, Page, Record};
use serde::{Deserialize, Serialize};

/// Format version written to every snapshot; bumped when the layout changes.
pub const SNAPSHOT_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordsSnapshot {
    pub version: u32,
    /// The revision the snapshot was accepted from (file name), for the reader.
    pub revision: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub preamble: Vec<String>,
    pub records: Vec<SnapshotRecord>,
    /// Number of records, written last: a truncated file lacks it (or disagrees), so truncation is an
    /// error rather than a page with fewer records.
    pub count: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SnapshotRecord {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The parsed date (`2023-11-20/2023-11-22`, `2023-12`), for the reader; the lead line is authoritative.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub captions_before: Vec<String>,
    /// The lead line as written, date prefix included.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub paragraphs: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub captions_after: Vec<String>,
}

impl SnapshotRecord {
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
        }
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
        }
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

    pub fn to_yaml(&self) -> Result<String, crate::yaml::YamlError> {
        crate::yaml::to_string(self)
    }

    pub fn from_yaml(text: &str) -> Result<Self, crate::yaml::YamlError> {
        let s: RecordsSnapshot = crate::yaml::from_str(text)?;
        let problem = if s.version != SNAPSHOT_VERSION {
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
        assert_eq!(RecordsSnapshot::from_yaml(&yaml).unwrap(), snap);
        for cut in (1..yaml.len()).step_by(997) {
            if yaml.is_char_boundary(cut) && !yaml[cut..].trim().is_empty() {
                assert!(
                    RecordsSnapshot::from_yaml(&yaml[..cut]).is_err(),
                    "cut at {cut}"
                );
            }
        }
        let again = SourceFile::from_text("snap", snap.to_page_text()).unwrap();
        let reparsed = crate::parse::parse(&again, None);
        assert_eq!(RecordsSnapshot::from_page(&reparsed, "2023-12.txt"), snap);
    }
}
