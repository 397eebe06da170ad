//! The canonical record: what one dated entry of a page *is*, independent of how the scrape laid it out.
//!
//! Records borrow their text from the [`crate::source::SourceFile`] they were parsed from, so a page of
//! hundreds of megabytes is held in memory once. Every field keeps its exact source position.

use crate::canonical;
use chrono::NaiveDate;
use serde::ser::SerializeStruct;
use serde::{Deserialize, Serialize, Serializer};
use std::borrow::Cow;
use std::fmt;

/// A piece of the page as written: the text (trimmed of surrounding whitespace), the 1-based line it is on
/// and its byte offset in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Text<'a> {
    /// The text, trimmed.
    pub raw: &'a str,
    /// 1-based line.
    pub line: u32,
    /// Byte offset of the text in the file.
    pub start: u32,
}

impl<'a> Text<'a> {
    /// Byte offset just past the text.
    pub fn end(&self) -> u32 {
        self.start + self.raw.len() as u32
    }

    /// The canonical form of the text (see [`crate::canonical`]), for showing or reading it: comparisons
    /// use the hashes the parser keeps with the record ([`Record::title_hash`] and its siblings).
    pub fn canonical(&self) -> Cow<'a, str> {
        canonical::canonical(self.raw)
    }

    /// A piece of this text (`range` in bytes relative to it), on the same line.
    pub fn slice(&self, range: std::ops::Range<usize>) -> Text<'a> {
        Text {
            raw: &self.raw[range.clone()],
            line: self.line,
            start: self.start + range.start as u32,
        }
    }

    /// The source span of this text.
    pub fn span(&self) -> Span {
        Span {
            line_start: self.line,
            line_end: self.line,
            byte_start: self.start,
            byte_end: self.end(),
        }
    }
}

impl Serialize for Text<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let canonical = self.canonical();
        let differs = matches!(canonical, Cow::Owned(_));
        let mut st = s.serialize_struct("Text", if differs { 5 } else { 4 })?;
        st.serialize_field("text", self.raw)?;
        if differs {
            st.serialize_field("canonical", &canonical)?;
        }
        st.serialize_field("line", &self.line)?;
        st.serialize_field("start", &self.start)?;
        st.serialize_field("end", &self.end())?;
        st.end()
    }
}

/// A range of the source: 1-based first and last line, and byte offsets (end exclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, PartialOrd, Ord, Hash)]
pub struct Span {
    /// First line (1-based).
    pub line_start: u32,
    /// Last line (1-based, inclusive).
    pub line_end: u32,
    /// Byte offset of the start.
    pub byte_start: u32,
    /// Byte offset of the end (exclusive).
    pub byte_end: u32,
}

impl Span {
    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span {
            line_start: self.line_start.min(other.line_start),
            line_end: self.line_end.max(other.line_end),
            byte_start: self.byte_start.min(other.byte_start),
            byte_end: self.byte_end.max(other.byte_end),
        }
    }
}

/// How much of a date the page gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    /// A day (`14 March 2012`).
    Day,
    /// A month (`December 2023`).
    Month,
    /// A year (`2019`).
    Year,
}

/// A record's date: a day, a month or a year, or a range of days (`20 – 22 November 2023`).
///
/// `start` is the first day the date covers (the 1st of the month for month precision, 1 January for year
/// precision); `end` is set for ranges only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Date {
    /// The first day the date covers.
    pub start: NaiveDate,
    /// The last day of a range (`None` for a single date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<NaiveDate>,
    /// How much of the date the page gives.
    pub precision: Precision,
}

impl Date {
    /// The last day the date covers (`end` of a range, the last day of a month or year).
    pub fn last_day(&self) -> NaiveDate {
        use chrono::Datelike;
        if let Some(end) = self.end {
            return end;
        }
        match self.precision {
            Precision::Day => self.start,
            Precision::Month => {
                let (y, m) = if self.start.month() == 12 {
                    (self.start.year() + 1, 1)
                } else {
                    (self.start.year(), self.start.month() + 1)
                };
                NaiveDate::from_ymd_opt(y, m, 1)
                    .and_then(|d| d.pred_opt())
                    .unwrap_or(self.start)
            }
            Precision::Year => {
                NaiveDate::from_ymd_opt(self.start.year(), 12, 31).unwrap_or(self.start)
            }
        }
    }
}

impl fmt::Display for Date {
    /// ISO form: `2023-11-20`, `2023-11-20/2023-11-22`, `2023-12`, `2018-04/2018-06`, `2023`,
    /// `1715/1718`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.precision, self.end) {
            (Precision::Day, Some(end)) => write!(f, "{}/{}", self.start, end),
            (Precision::Day, None) => write!(f, "{}", self.start),
            (Precision::Month, Some(end)) => {
                write!(f, "{}/{}", self.start.format("%Y-%m"), end.format("%Y-%m"))
            }
            (Precision::Month, None) => write!(f, "{}", self.start.format("%Y-%m")),
            (Precision::Year, Some(end)) => {
                write!(f, "{}/{}", self.start.format("%Y"), end.format("%Y"))
            }
            (Precision::Year, None) => write!(f, "{}", self.start.format("%Y")),
        }
    }
}

impl std::str::FromStr for Date {
    type Err = String;

    /// Reads the ISO form [`Date`] displays: `2023-11-20`, `2023-11-20/2023-11-22`, `2023-12`,
    /// `2018-04/2018-06`, `2023`, `1715/1718`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || {
            format!(
                "`{s}` is not a date (expected 2023-11-20, 2023-12 or 2023, or a range of them)"
            )
        };
        let (a, b) = match s.split_once('/') {
            Some((a, b)) => (a, Some(b)),
            None => (s, None),
        };
        let point = |t: &str| -> Option<(NaiveDate, Precision)> {
            let parts: Vec<&str> = t.split('-').collect();
            let num = |i: usize| parts.get(i).and_then(|p| p.parse::<u32>().ok());
            let year: i32 = parts.first()?.parse().ok()?;
            match parts.len() {
                1 => Some((NaiveDate::from_ymd_opt(year, 1, 1)?, Precision::Year)),
                2 => Some((NaiveDate::from_ymd_opt(year, num(1)?, 1)?, Precision::Month)),
                3 => Some((
                    NaiveDate::from_ymd_opt(year, num(1)?, num(2)?)?,
                    Precision::Day,
                )),
                _ => None,
            }
        };
        let (start, precision) = point(a).ok_or_else(bad)?;
        let end = match b {
            None => None,
            Some(b) => {
                let (first, p) = point(b).ok_or_else(bad)?;
                if p != precision {
                    return Err(bad());
                }
                Some(
                    Date {
                        start: first,
                        end: None,
                        precision,
                    }
                    .last_day(),
                )
            }
        };
        Ok(Date {
            start,
            end,
            precision,
        })
    }
}

/// Where a record's date got its year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum YearSource {
    /// Written in the date itself.
    #[default]
    Written,
    /// From a year (or month and year) heading above the entry.
    Heading,
    /// From the page title, which names one year (`Timeline 2021`).
    Title,
    /// From the entry before, on a page that writes the year once.
    Previous,
    /// From a date in the page's preamble (the document's own date).
    Document,
    /// Nowhere: the date has no year and nothing on the page gives one, so the record has no date.
    Missing,
}

impl YearSource {
    /// True when the year is written in the date itself.
    pub fn is_written(&self) -> bool {
        *self == YearSource::Written
    }

    /// The source's name in records and `page.yaml` (`heading`).
    pub fn name(self) -> &'static str {
        match self {
            YearSource::Written => "written",
            YearSource::Heading => "heading",
            YearSource::Title => "title",
            YearSource::Previous => "previous",
            YearSource::Document => "document",
            YearSource::Missing => "missing",
        }
    }
}

/// Where a caption stands relative to the record's paragraphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CaptionPosition {
    /// Between the title and the lead paragraph.
    Before,
    /// Among the body paragraphs: a photo credit or image file name between the lead and the text.
    Body,
    /// After the last body paragraph.
    After,
}

/// A photo caption or alt text scraped along with the entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Caption<'a> {
    /// Where the caption stands relative to the entry.
    pub position: CaptionPosition,
    /// The caption as written.
    #[serde(flatten)]
    pub text: Text<'a>,
}

/// A "N member countries" mention (or its French/Spanish phrasing), with the sentence it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct MemberCount<'a> {
    /// The number.
    pub count: u32,
    /// The matched phrase, e.g. `195 member countries`.
    pub phrase: Text<'a>,
    /// The sentence around it.
    pub sentence: Text<'a>,
}

/// The lead paragraph: the line that opens an entry with its date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Lead<'a> {
    /// The whole line as written, date prefix included.
    pub line: Text<'a>,
    /// The date prefix as written (`20 – 22 November 2023`), when the line has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_text: Option<Text<'a>>,
    /// The dateline (`LYON, France`) between the date and the text, when present.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dateline: Option<Text<'a>>,
    /// The paragraph without its date prefix and dateline.
    pub text: Text<'a>,
}

/// A record's stable identifier: its date and normalised title, e.g.
/// `2019-12-02-tanzania-minister-of-home-affairs`; unique within a revision.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RecordId(pub Box<str>);

impl fmt::Display for RecordId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl RecordId {
    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// One dated entry of a page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Record<'a> {
    /// The record's id: its date and title as a slug (`2023-11-13-minister-of-interior-of-albania`).
    pub id: RecordId,
    /// 0-based position on the page (the page lists newest first).
    pub index: usize,
    /// From the first to the last line of the entry.
    pub span: Span,
    /// The title line, if the entry has one.
    pub title: Option<Text<'a>>,
    /// The parsed date; `None` when the entry has no date, its date is not a real calendar date, or it
    /// has no year and the page gives none.
    pub date: Option<Date>,
    /// Where the date's year came from (omitted when it is written in the date).
    #[serde(skip_serializing_if = "YearSource::is_written")]
    pub year_source: YearSource,
    /// The line that carries the entry's date when that line is not the lead: a date alone on its line
    /// (`15 March 2022`), a heading that ends with its date (`Vienna, Austria, 29 September – 2 October
    /// 2009`), a year heading that is an entry (`1956`), or a dated line whose headline is the title
    /// (`9 June - Council adopts a new package`). The title may be a part of it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub heading: Option<Text<'a>>,
    /// The date as written, when it is not at the start of the lead (that one is `lead.date_text`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_text: Option<Text<'a>>,
    /// A section heading that opens right before this entry (a year or month on its own line, which
    /// gives its year to the entries below), and any lines between it and the entry.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub section: Box<[Text<'a>]>,
    // Boxed slices rather than vectors: a record is built once and never grows, and on a page of
    // hundreds of thousands of records the vectors' capacity words alone would be megabytes.
    /// Photo captions and alt text, in page order.
    pub captions: Box<[Caption<'a>]>,
    /// The lead paragraph: the dated line's text.
    pub lead: Option<Lead<'a>>,
    /// Body paragraphs after the lead.
    pub paragraphs: Box<[Text<'a>]>,
    /// "N member countries" mentions in the entry's text.
    pub member_counts: Box<[MemberCount<'a>]>,
    /// Lines left by images (a lone `/` or `|`): kept so nothing is lost, ignored by rules.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub placeholders: Box<[Text<'a>]>,
    /// The canonical hashes of the compared fields, read through [`Record::title_hash`] and its siblings.
    #[serde(skip)]
    pub(crate) hashes: FieldHashes,
}

/// The hashes of the canonical forms ([`crate::canonical::canonical_hash`]) of the fields of a record that
/// rules and the diff compare: title, lead text and captions. The parser computes them once for every
/// record ([`FieldHashes::of`]); comparisons read them and never canonicalise those fields again.
///
/// Body paragraphs and the dateline are left out: paragraphs are two thirds of a page's text (hashing
/// them made a parse a tenth slower), datelines are on few pages, and both are compared only by the diff
/// of an entry where they changed as written, which hashes them then. Every byte here is paid for by
/// every record of every page parsed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct FieldHashes {
    /// The title's (meaningless when there is no title; so for the lead's).
    title: u64,
    lead: u64,
    /// The captions', in order.
    captions: Box<[u64]>,
}

impl FieldHashes {
    /// The hashes of a record's fields, computed as the parser builds the record.
    pub(crate) fn of(
        title: Option<Text<'_>>,
        captions: &[Caption<'_>],
        lead: Option<&Lead<'_>>,
    ) -> Self {
        use crate::canonical::canonical_hash;
        let hash = |t: Option<Text<'_>>| t.map_or(0, |t| canonical_hash(t.raw));
        FieldHashes {
            title: hash(title),
            lead: hash(lead.map(|l| l.text)),
            captions: captions
                .iter()
                .map(|c| canonical_hash(c.text.raw))
                .collect(),
        }
    }
}

impl<'a> Record<'a> {
    /// The record with the canonical hashes of its fields computed (for a record built other than by
    /// the parser, which computes them as it builds each record).
    pub(crate) fn hashed(mut self) -> Self {
        self.hashes = FieldHashes::of(self.title, &self.captions, self.lead.as_ref());
        self
    }

    /// The canonical hash of the title ([`crate::canonical::canonical_hash`]), if there is a title.
    pub fn title_hash(&self) -> Option<u64> {
        self.title.map(|_| self.hashes.title)
    }

    /// The canonical hash of the lead's text (without its date and dateline), if there is a lead.
    pub fn lead_hash(&self) -> Option<u64> {
        self.lead.map(|_| self.hashes.lead)
    }

    /// The canonical hashes of the captions, in order.
    pub fn caption_hashes(&self) -> &[u64] {
        &self.hashes.captions
    }

    /// The line each field of this record came from, with the field's name: the losslessness contract.
    pub fn field_lines(&self) -> Vec<(&'static str, Text<'a>)> {
        let mut out = Vec::new();
        out.extend(self.section.iter().map(|t| ("section", *t)));
        if let Some(t) = self.title.filter(|t| !self.title_in_heading(t)) {
            out.push(("title", t));
        }
        if let Some(h) = self.heading {
            out.push(("heading", h));
        }
        for c in &self.captions {
            out.push(("caption", c.text));
        }
        if let Some(l) = self.lead {
            out.push(("lead", l.line));
        }
        out.extend(self.paragraphs.iter().map(|p| ("paragraph", *p)));
        out.extend(self.placeholders.iter().map(|p| ("placeholder", *p)));
        out
    }

    /// True when the title is a part of the heading line (`Vienna, Austria` of `Vienna, Austria, 29
    /// September – 2 October 2009`) rather than a line of its own.
    fn title_in_heading(&self, title: &Text<'_>) -> bool {
        self.heading.is_some_and(|h| h.line == title.line)
    }

    /// The date as written, wherever it is: the lead's date prefix or [`Record::date_text`].
    pub fn written_date(&self) -> Option<Text<'a>> {
        self.date_text.or(self.lead.and_then(|l| l.date_text))
    }

    /// The title's text, or `(untitled)` for display.
    pub fn display_title(&self) -> &'a str {
        self.title.map_or("(untitled)", |t| t.raw)
    }

    /// Captions standing before the lead.
    pub fn captions_at(&self, position: CaptionPosition) -> impl Iterator<Item = &Caption<'a>> {
        self.captions.iter().filter(move |c| c.position == position)
    }
}

/// The page title line, with the year range it announces (`Official visits 2018 to 2023`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PageTitle<'a> {
    /// The title line as written.
    #[serde(flatten)]
    pub text: Text<'a>,
    /// First and last year named by the title, when it names any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub years: Option<(i32, i32)>,
}

/// A parsed page revision: its title, what stands before the first entry, and the entries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Page<'a> {
    /// The revision's name, as reports name it.
    pub file: &'a str,
    /// The language the page was read in.
    pub lang: crate::lang::Lang,
    /// The page title line, if any.
    pub title: Option<PageTitle<'a>>,
    /// Lines before the first entry other than the page title.
    pub preamble: Vec<Text<'a>>,
    /// The entries, in page order.
    pub records: Vec<Record<'a>>,
}
