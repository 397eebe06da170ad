//! Text → records: the parser. One pass over the lines; the lines between two dated leads are held only
//! until the second lead arrives, then handed to [`segment::plan`] to decide which entry owns each.
//!
//! The parser never fails: input has been checked to be text by [`crate::source::SourceFile`], and every
//! non-blank line ends up in exactly one field of one record or in the page preamble.

pub mod date;
pub mod lines;
pub mod members;
pub mod segment;

use crate::canonical::slug;
use crate::lang::Lang;
use crate::record::{
    Caption, CaptionPosition, Lead, Page, PageTitle, Record, RecordId, Span, Text,
};
use crate::source::SourceFile;
use date::{parse_lead, split_dateline, ParsedLead};
use regex::Regex;
use segment::{CanonicalHasher, Context, Item, Kind, Owner, Role};
use std::collections::HashMap;
use std::sync::OnceLock;

/// Parses a page revision. `lang: None` detects the language from the page's dates.
pub fn parse(source: &SourceFile, lang: Option<Lang>) -> Page<'_> {
    let lang = lang.unwrap_or_else(|| Lang::detect(source.text()));
    let mut asm = Assembler::new(lang);
    for line in lines::non_blank_lines(source.text()) {
        asm.push(line);
    }
    let (title, preamble, drafts) = asm.finish();
    let records = finish_records(drafts, lang);
    Page {
        file: source.name(),
        lang,
        title,
        preamble,
        records,
    }
}

/// A record being assembled.
#[derive(Default)]
struct Draft<'a> {
    title: Option<Text<'a>>,
    captions: Vec<Caption<'a>>,
    lead: Option<ParsedLead<'a>>,
    paragraphs: Vec<Text<'a>>,
    placeholders: Vec<Text<'a>>,
}

impl<'a> Draft<'a> {
    fn put(&mut self, role: Role, text: Text<'a>) {
        match role {
            Role::Title => self.title = Some(text),
            Role::CaptionBefore => self.captions.push(Caption {
                position: CaptionPosition::Before,
                text,
            }),
            Role::CaptionAfter => self.captions.push(Caption {
                position: CaptionPosition::After,
                text,
            }),
            Role::Lead => {
                let (dateline, rest) = split_dateline(text);
                self.lead = Some(ParsedLead {
                    lead: Lead {
                        line: text,
                        date_text: None,
                        dateline,
                        text: rest,
                    },
                    date: None,
                });
            }
            Role::Paragraph => self.paragraphs.push(text),
            Role::Placeholder => self.placeholders.push(text),
        }
    }
}

struct Assembler<'a> {
    lang: Lang,
    seen_lead: bool,
    segment: Vec<Item<'a>>,
    current: Option<Draft<'a>>,
    done: Vec<Draft<'a>>,
    title: Option<PageTitle<'a>>,
    preamble: Vec<Text<'a>>,
    hasher: CanonicalHasher,
}

impl<'a> Assembler<'a> {
    fn new(lang: Lang) -> Self {
        Assembler {
            lang,
            seen_lead: false,
            segment: Vec::new(),
            current: None,
            done: Vec::new(),
            title: None,
            preamble: Vec::new(),
            hasher: CanonicalHasher::default(),
        }
    }

    fn push(&mut self, line: Text<'a>) {
        match parse_lead(line, self.lang) {
            Some(lead) => self.close_segment(Some(lead)),
            None => self.segment.push(Item::new(line)),
        }
    }

    fn finish(mut self) -> (Option<PageTitle<'a>>, Vec<Text<'a>>, Vec<Draft<'a>>) {
        self.close_segment(None);
        if let Some(cur) = self.current.take() {
            self.done.push(cur);
        }
        (self.title, self.preamble, self.done)
    }

    /// Distributes the pending lines between the current entry, undated entries, and the entry that
    /// `next` opens (or, at the end of the page, nobody).
    fn close_segment(&mut self, next: Option<ParsedLead<'a>>) {
        let mut items = std::mem::take(&mut self.segment);
        if !self.seen_lead {
            self.take_page_title(&mut items, next.is_some());
        }
        self.seen_lead |= next.is_some();
        let mut prev_known = Vec::new();
        let mut prev_words = Vec::new();
        if let Some(cur) = &self.current {
            if let Some(t) = cur.title {
                prev_known.push(self.hasher.hash(t.raw));
                prev_words.push(t.raw);
            }
            for c in &cur.captions {
                prev_known.push(self.hasher.hash(c.text.raw));
            }
            if let Some(l) = &cur.lead {
                self.hasher
                    .hash_with_first_sentence(l.lead.text.raw, &mut prev_known);
                prev_words.push(l.lead.text.raw);
            }
        }
        let ctx = Context {
            prev_is_record: self.current.is_some(),
            prev_known: &prev_known,
            prev_words: &prev_words,
            next_lead: next.as_ref().map(|l| l.lead.text.raw),
        };
        let plan = segment::plan(&items, &ctx, &mut self.hasher);
        let mut undated: Vec<Draft<'a>> = Vec::new();
        let mut next_draft = Draft::default();
        for (item, (owner, role)) in items.iter().zip(plan) {
            match owner {
                Owner::Prev => match self.current.as_mut() {
                    Some(cur) => cur.put(role, item.text),
                    None => self.preamble.push(item.text),
                },
                Owner::Undated(k) => {
                    if undated.len() <= k {
                        undated.resize_with(k + 1, Draft::default);
                    }
                    undated[k].put(role, item.text);
                }
                Owner::Next => next_draft.put(role, item.text),
            }
        }
        items.clear();
        self.segment = items; // keep the allocation for the next segment
        if let Some(cur) = self.current.take() {
            self.done.push(cur);
        }
        self.done.extend(undated);
        if let Some(lead) = next {
            next_draft.lead = Some(lead);
            self.current = Some(next_draft);
        }
    }

    /// Takes the page title off the front of the lines before the first entry: a first line shaped like a
    /// label that names a year range (`Official visits 2018 to 2023`), or a single year when another label
    /// (the first entry's title) follows it.
    fn take_page_title(&mut self, items: &mut Vec<Item<'a>>, before_lead: bool) {
        let Some(first) = items.first() else { return };
        if self.title.is_some() || first.kind != Kind::Label || !self.preamble.is_empty() {
            return;
        }
        let years = title_years(first.text.raw);
        let Some((from, to)) = years else { return };
        let another_label = items.get(1).is_some_and(|i| i.kind == Kind::Label);
        if from != to || another_label || !before_lead {
            self.title = Some(PageTitle {
                text: first.text,
                years,
            });
            items.remove(0);
        }
    }
}

/// The year range a page title names: `2018 to 2023`, `2018-2021`, `2018 à 2023`, or one year.
fn title_years(s: &str) -> Option<(i32, i32)> {
    static RANGE: OnceLock<Regex> = OnceLock::new();
    let re = RANGE.get_or_init(|| {
        Regex::new(r"(?i)\b(?P<a>(?:19|20)\d\d)\b(?:\s*(?:-|–|—|to|à|a|au|al|y|and|through)\s*\b(?P<b>(?:19|20)\d\d)\b)?")
            .expect("built-in regex compiles")
    });
    let caps = re.captures(s)?;
    let a: i32 = caps.name("a")?.as_str().parse().ok()?;
    let b: i32 = caps
        .name("b")
        .and_then(|m| m.as_str().parse().ok())
        .unwrap_or(a);
    Some((a.min(b), a.max(b)))
}

/// Turns drafts into records: ids, spans and member counts.
fn finish_records(drafts: Vec<Draft<'_>>, lang: Lang) -> Vec<Record<'_>> {
    let mut seen: HashMap<String, u32> = HashMap::new();
    let mut records = Vec::with_capacity(drafts.len());
    for (index, d) in drafts.into_iter().enumerate() {
        let date = d.lead.and_then(|l| l.date);
        let lead = d.lead.map(|l| l.lead);
        let mut member_counts = Vec::new();
        if let Some(l) = &lead {
            members::member_counts(l.text, lang, &mut member_counts);
        }
        for p in &d.paragraphs {
            members::member_counts(*p, lang, &mut member_counts);
        }
        let base = format!(
            "{}-{}",
            date.map_or_else(|| "undated".to_string(), |d| id_date(&d)),
            d.title
                .map(|t| slug(t.raw, 60))
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| "untitled".into())
        );
        let n = seen.entry(base.clone()).or_insert(0);
        *n += 1;
        let id = if *n == 1 { base } else { format!("{base}-{n}") };
        let mut record = Record {
            id: RecordId(id),
            index,
            span: Span {
                line_start: 0,
                line_end: 0,
                byte_start: 0,
                byte_end: 0,
            },
            title: d.title,
            date,
            captions: d.captions,
            lead,
            paragraphs: d.paragraphs,
            member_counts,
            placeholders: d.placeholders,
        };
        record.span = record
            .field_lines()
            .iter()
            .map(|(_, t)| t.span())
            .reduce(Span::cover)
            .unwrap_or(record.span);
        records.push(record);
    }
    records
}

/// The date part of a record id: the day (a range's first day), month or year.
fn id_date(d: &crate::record::Date) -> String {
    use crate::record::Precision;
    match d.precision {
        Precision::Day => d.start.to_string(),
        Precision::Month => d.start.format("%Y-%m").to_string(),
        Precision::Year => d.start.format("%Y").to_string(),
    }
}

#[cfg(test)]
mod tests;
