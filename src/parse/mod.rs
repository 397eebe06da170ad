//! Text → records: the parser. One pass over the lines; the lines between two dated leads are held only
//! until the second lead arrives, then handed to [`segment::plan`] to decide which entry owns each.
//!
//! The parser never fails: input has been checked to be text by [`crate::source::SourceFile`], and every
//! non-blank line ends up in exactly one field of one record or in the page preamble.

pub mod date;
pub mod lines;
pub mod members;
pub mod segment;

use crate::canonical::slug_into;
use crate::lang::Lang;
use crate::record::{
    Caption, CaptionPosition, Lead, Page, PageTitle, Record, RecordId, Span, Text,
};
use crate::source::SourceFile;
use date::{parse_lead, split_dateline, ParsedLead};
use hashbrown::HashTable;
use regex::Regex;
use rustc_hash::FxHashMap;
use segment::{Context, Item, Key, Kind, Owner, Role};
use std::sync::OnceLock;

/// Parses a page revision. `lang: None` detects the language from the page's dates.
pub fn parse(source: &SourceFile, lang: Option<Lang>) -> Page<'_> {
    let lang = lang.unwrap_or_else(|| Lang::detect(source.text()));
    let mut asm = Assembler::new(lang);
    // Most entries open with a dated line starting with a digit: reserving that many records up front
    // avoids the doubling (and the copy) of a growing vector of a few hundred thousand records.
    let expected = source.lines_starting_with_digit();
    asm.records.reserve(expected);
    asm.ids = HashTable::with_capacity(expected);
    for line in lines::source_lines(source) {
        asm.push(line);
    }
    let (title, preamble, records) = asm.finish();
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
    /// Keys of the lead and its first sentence, computed once when the lead is read.
    lead_keys: Vec<Key<'a>>,
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
                let lead = Lead {
                    line: text,
                    date_text: None,
                    dateline,
                    text: rest,
                };
                self.lead = Some(ParsedLead { lead, date: None });
                self.lead_keys.clear();
                Key::with_first_sentence(rest.raw, &mut self.lead_keys);
            }
            Role::Paragraph => self.paragraphs.push(text),
            Role::Placeholder => self.placeholders.push(text),
        }
    }

    /// The lines later lines are compared with to find repeats: title, captions, lead and its first sentence.
    fn known(&self, out: &mut Vec<Key<'a>>) {
        out.clear();
        if let Some(t) = self.title {
            out.push(Key::of(t.raw));
        }
        out.extend(self.captions.iter().map(|c| Key::of(c.text.raw)));
        out.extend_from_slice(&self.lead_keys);
    }
}

struct Assembler<'a> {
    lang: Lang,
    seen_lead: bool,
    segment: Vec<Item<'a>>,
    plan: Vec<(Owner, Role)>,
    scratch: segment::Scratch,
    prev_known: Vec<Key<'a>>,
    current: Option<Draft<'a>>,
    records: Vec<Record<'a>>,
    /// Every record id given so far, as indices into `records` (the ids are not copied: a page of
    /// hundreds of thousands of records would hold each id twice).
    ids: HashTable<u32>,
    /// Ids given more than once, with the last `-N` suffix tried for them.
    suffixes: FxHashMap<Box<str>, u32>,
    title: Option<PageTitle<'a>>,
    preamble: Vec<Text<'a>>,
}

impl<'a> Assembler<'a> {
    fn new(lang: Lang) -> Self {
        Assembler {
            lang,
            seen_lead: false,
            segment: Vec::new(),
            plan: Vec::new(),
            scratch: segment::Scratch::default(),
            prev_known: Vec::new(),
            current: None,
            records: Vec::new(),
            ids: HashTable::new(),
            suffixes: FxHashMap::default(),
            title: None,
            preamble: Vec::new(),
        }
    }

    fn push(&mut self, line: Text<'a>) {
        match parse_lead(line, self.lang) {
            Some(lead) => self.close_segment(Some(lead)),
            None => self.segment.push(Item::new(line)),
        }
    }

    fn finish(mut self) -> (Option<PageTitle<'a>>, Vec<Text<'a>>, Vec<Record<'a>>) {
        self.close_segment(None);
        if let Some(cur) = self.current.take() {
            self.complete(cur);
        }
        (self.title, self.preamble, self.records)
    }

    /// Distributes the pending lines between the current entry, undated entries, and the entry that
    /// `next` opens (or, at the end of the page, nobody).
    fn close_segment(&mut self, next: Option<ParsedLead<'a>>) {
        let mut items = std::mem::take(&mut self.segment);
        if !self.seen_lead {
            self.take_page_title(&mut items, next.is_some());
        }
        self.seen_lead |= next.is_some();
        let mut prev_known = std::mem::take(&mut self.prev_known);
        prev_known.clear();
        let mut prev_words = Vec::new();
        if let Some(cur) = &self.current {
            cur.known(&mut prev_known);
            prev_words.extend(cur.title.map(|t| t.raw));
            prev_words.extend(cur.lead.map(|l| l.lead.text.raw));
        }
        let mut next_known = Vec::new();
        if let Some(l) = &next {
            Key::with_first_sentence(l.lead.text.raw, &mut next_known);
        }
        let ctx = Context {
            prev_is_record: self.current.is_some(),
            prev_known: &prev_known,
            prev_words: &prev_words,
            next_lead: next.as_ref().map(|l| l.lead.text.raw),
            next_known: &next_known,
        };
        let mut plan = std::mem::take(&mut self.plan);
        segment::plan(&items, &ctx, &mut self.scratch, &mut plan);
        let mut undated: Vec<Draft<'a>> = Vec::new();
        let mut next_draft = Draft::default();
        for (item, &(owner, role)) in items.iter().zip(&plan) {
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
        // Keep the allocations for the next segment.
        items.clear();
        self.segment = items;
        self.plan = plan;
        self.prev_known = prev_known;
        if let Some(cur) = self.current.take() {
            self.complete(cur);
        }
        for d in undated {
            self.complete(d);
        }
        if let Some(lead) = next {
            next_draft.lead = Some(lead);
            next_draft.lead_keys = next_known;
            self.current = Some(next_draft);
        }
    }

    /// Turns a finished draft into a record: its id, span and member counts.
    fn complete(&mut self, d: Draft<'a>) {
        let date = d.lead.and_then(|l| l.date);
        let lead = d.lead.map(|l| l.lead);
        let mut member_counts = Vec::new();
        if let Some(l) = &lead {
            members::member_counts(l.text, self.lang, &mut member_counts);
        }
        for p in &d.paragraphs {
            members::member_counts(*p, self.lang, &mut member_counts);
        }
        let mut id = date.map_or_else(|| "undated".to_string(), |d| id_date(&d));
        id.push('-');
        let before_slug = id.len();
        if let Some(t) = d.title {
            slug_into(t.raw, 60, &mut id);
        }
        if id.len() == before_slug {
            id.push_str("untitled");
        }
        // Same date and title twice: the later one (further down the page) gets `-2`, `-3`, ..., skipping
        // ids already given: a title ending in a number (`Minister X 2`) makes `...-minister-x-2` itself.
        if self.is_given(&id) {
            let mut k = self.suffixes.get(id.as_str()).copied().unwrap_or(1) + 1;
            let mut candidate = format!("{id}-{k}");
            while self.is_given(&candidate) {
                k += 1;
                candidate = format!("{id}-{k}");
            }
            self.suffixes.insert(id.into_boxed_str(), k);
            id = candidate;
        }
        let index = self.records.len() as u32;
        let records = &self.records;
        self.ids
            .insert_unique(id_hash(&id), index, |&i| id_hash(&records[i as usize].id.0));
        let spans = d
            .title
            .iter()
            .chain(d.captions.iter().map(|c| &c.text))
            .chain(lead.as_ref().map(|l| &l.line))
            .chain(&d.paragraphs)
            .chain(&d.placeholders)
            .map(Text::span);
        let span = spans.reduce(Span::cover).unwrap_or(Span {
            line_start: 0,
            line_end: 0,
            byte_start: 0,
            byte_end: 0,
        });
        self.records.push(Record {
            id: RecordId(id.into_boxed_str()),
            index: self.records.len(),
            span,
            title: d.title,
            date,
            captions: d.captions.into_boxed_slice(),
            lead,
            paragraphs: d.paragraphs.into_boxed_slice(),
            member_counts: member_counts.into_boxed_slice(),
            placeholders: d.placeholders.into_boxed_slice(),
        });
    }

    fn is_given(&self, id: &str) -> bool {
        self.ids
            .find(id_hash(id), |&i| &*self.records[i as usize].id.0 == id)
            .is_some()
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
        Regex::new(r"(?i)\b(?P<a>[12][0-9]{3})\b(?:\s*(?:-|–|—|to|à|a|au|al|y|and|through)\s*\b(?P<b>[12][0-9]{3})\b)?")
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

fn id_hash(id: &str) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(id)
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
