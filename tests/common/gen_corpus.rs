//! The project's page generator: large synthetic revisions of the official-visits page, for the accuracy
//! tests, the parser's losslessness test and the benchmarks, with a manifest of what it changed.
//!
//! The entries are built from the repository's own copy of the seed page
//! (`corpus/official-visits/2023-12.txt`, compiled in): titles, captions, lead paragraphs and paragraphs,
//! laid out the way the page lays them out, seven a day, with dates going backwards from 15 December 2023
//! and member counts rewritten to match INTERPOL's membership timeline. `next` writes a later revision
//! with edits applied (added at the top, removed, paragraph edited, retitled, redated, captions
//! deduplicated); `inject_defects` plants date-order, missing-date, duplicated-caption and member-count
//! defects. The manifest names each edited or defective record by its date and title in the revision it
//! applies to, so a diff or a validator can be scored against it.
//!
//! It follows the Python `gen-corpus` tool the issues name as the benchmark reference (not part of this
//! repository, and never read by it), option for option and in
//! the JSON shape of its manifest; the first page is byte-identical to that tool's, while the edits and
//! defects are drawn from this file's own PRNG (splitmix64), so they differ from the Python tool's but are
//! the same for the same seed on every machine. Two draws the Python tool allows are steered away from,
//! because the page's own layout makes them something else than the manifest says (its seeds never drew
//! them): a paragraph of 20 words or fewer whose last word is replaced keeps its final punctuation (else
//! it reads as an undated entry's title), and an untitled entry never loses its date (else it reads as
//! its neighbour's paragraphs). It lives with the tests, not in the library: it is no part
//! of pagerev's API. Tests reach it through `common::gen_corpus`, the benchmarks and
//! `examples/gen-corpus.rs` (the command line) through `#[path]`.
#![allow(dead_code)]

use chrono::{Datelike, Duration, NaiveDate};
use regex::Regex;
use serde::Serialize;

/// The seed page: the repository's copy, so the generator needs nothing outside the repository.
pub const SEED_PAGE: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/corpus/official-visits/2023-12.txt"
));

/// What to generate (the Python tool's options, minus the file names).
#[derive(Debug, Clone)]
pub struct Options {
    /// Entries on the first page.
    pub records: usize,
    /// Seed of the PRNG that draws the edits and the defects.
    pub seed: u64,
    /// Whether to write a later revision (`--next`).
    pub next: bool,
    /// Share of the records the later revision edits (at least one edit).
    pub change_rate: f64,
    /// Defects to plant in the first page, each in its own record.
    pub inject_defects: usize,
}

impl Options {
    /// `records` entries, seed 1, no later revision (change rate 1% when one is asked for), no defect.
    pub fn new(records: usize) -> Self {
        Options {
            records,
            seed: 1,
            next: false,
            change_rate: 0.01,
            inject_defects: 0,
        }
    }
}

/// A record as the manifest names it: its first day (ISO) and its title, in the revision concerned.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Key {
    pub date: Option<String>,
    pub title: Option<String>,
}

/// One edit between the two revisions. "Captions deduplicated" is listed as `Modified`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Edit {
    /// A new record at the top of the later revision (named as it is there).
    Added(Key),
    /// A record of the first revision missing from the later one.
    Removed(Key),
    /// A paragraph edited or the captions deduplicated; date and title unchanged.
    Modified(Key),
    Retitled {
        old: Key,
        new: Key,
    },
    Redated {
        old: Key,
        new: Key,
    },
}

/// The kinds of defect `inject_defects` plants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DefectKind {
    /// The record's date is 30 days after its upper neighbour's (the page runs newest first).
    DateOrder,
    /// The lead paragraph lost its date.
    MissingDate,
    /// The captions (or, without captions, the title or `Visit`) written twice.
    DuplicatedCaption,
    /// A paragraph naming three member countries fewer than INTERPOL had at the record's date.
    MemberCount,
}

/// One planted defect: the record (0-based index among the page's records) after the defect is planted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Defect {
    pub kind: DefectKind,
    pub title: Option<String>,
    pub date: Option<String>,
    pub index: usize,
}

/// Every edit and defect, serialised as the Python tool's `--manifest` file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Manifest {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub edits: Option<Vec<Edit>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub defects: Option<Vec<Defect>>,
}

/// The generated revisions and their manifest.
#[derive(Debug, Clone)]
pub struct Corpus {
    /// The first page (with the defects, if any were asked for).
    pub page: String,
    /// The later revision, when `Options::next` asked for it.
    pub next: Option<String>,
    pub manifest: Manifest,
}

/// Generates the pages `options` describes.
pub fn generate(options: &Options) -> Corpus {
    let mut rng = SplitMix64(options.seed);
    let mut recs = make_records(options.records);
    let mut manifest = Manifest::default();
    let mut next = None;
    if options.next {
        let (later, edits) = next_revision(&recs, options.change_rate, &mut rng);
        next = Some(render(&later));
        manifest.edits = Some(edits);
    }
    if options.inject_defects > 0 {
        manifest.defects = Some(inject_defects(&mut recs, options.inject_defects, &mut rng));
    }
    Corpus {
        page: render(&recs),
        next,
        manifest,
    }
}

/// splitmix64 (Steele, Lea and Flood): tiny, fast and good enough to pick edits; no dependency.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`; multiply-shift, bias below 2^-40 for the sizes used here).
    fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() as u128 * n as u128) >> 64) as usize
    }

    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            v.swap(i, self.below(i + 1));
        }
    }

    /// An index into `weights`, drawn in proportion to them.
    fn weighted(&mut self, weights: &[usize]) -> usize {
        let mut x = self.below(weights.iter().sum());
        for (i, &w) in weights.iter().enumerate() {
            if x < w {
                return i;
            }
            x -= w;
        }
        weights.len() - 1
    }
}

#[derive(Debug, Clone)]
struct Rec {
    title: Option<String>,
    captions: Vec<String>,
    lead: String,
    paragraphs: Vec<String>,
    date: Option<NaiveDate>,
}

impl Rec {
    fn key(&self) -> Key {
        Key {
            date: self.date.map(|d| d.to_string()),
            title: self.title.clone(),
        }
    }
}

/// A block of the seed page: a non-blank line without its padding (spaces and no-break spaces).
fn strip(line: &str) -> &str {
    line.trim_matches(|c| c == ' ' || c == '\u{a0}')
}

/// Splits the seed page into entries (title, captions, lead without its date, paragraphs).
///
/// Between two dated lead paragraphs stand: the earlier entry's paragraphs, then the later entry's title
/// (the first short line without a final period), then that entry's captions. An entry with no such line
/// has no title. Lines repeated after the paragraphs are that entry's trailing captions.
fn seed_entries() -> Vec<Rec> {
    let dated = Regex::new(&format!(
        r"^[\s\u00A0]*(?:\d{{1,2}}(?:\s*[\u2013-]\s*\d{{1,2}})?\s+)?(?:{})\s+\d{{4}}[\s\u00A0]*[\u2013-][\s\u00A0]*(.*)$",
        (1..=12u8)
            .filter_map(|m| chrono::Month::try_from(m).ok())
            .map(|m| m.name())
            .collect::<Vec<_>>()
            .join("|")
    ))
    .expect("valid regex");
    let blocks: Vec<&str> = SEED_PAGE
        .split('\n')
        .skip(1)
        .map(strip)
        .filter(|b| !b.is_empty())
        .collect();
    let leads: Vec<usize> = (0..blocks.len())
        .filter(|&k| dated.is_match(blocks[k]))
        .collect();
    let mut entries: Vec<Rec> = Vec::new();
    for (n, &k) in leads.iter().enumerate() {
        let head = &blocks[if n == 0 { 0 } else { leads[n - 1] + 1 }..k];
        let t = head
            .iter()
            .position(|b| !b.ends_with('.') && b.split_whitespace().count() <= 16);
        let body = &head[..t.unwrap_or(head.len())];
        if let Some(prev) = entries.last_mut() {
            for b in body {
                if body.iter().filter(|x| *x == b).count() > 1 {
                    prev.captions.push(b.to_string());
                } else {
                    prev.paragraphs.push(b.to_string());
                }
            }
        }
        let lead = dated
            .captures(blocks[k])
            .and_then(|c| c.get(1))
            .map_or("", |m| m.as_str());
        entries.push(Rec {
            title: t.map(|t| head[t].to_string()),
            captions: t.map_or(Vec::new(), |t| {
                head[t + 1..].iter().map(|s| s.to_string()).collect()
            }),
            lead: lead.to_string(),
            paragraphs: Vec::new(),
            date: None,
        });
    }
    if let (Some(last_lead), Some(last)) = (leads.last(), entries.last_mut()) {
        last.paragraphs
            .extend(blocks[last_lead + 1..].iter().map(|s| s.to_string()));
    }
    entries
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

/// INTERPOL's member countries on `d`.
fn members_at(d: NaiveDate) -> u32 {
    if d < ymd(2018, 11, 20) {
        192
    } else if d < ymd(2021, 11, 25) {
        194
    } else {
        195
    }
}

/// `n` records cycling through the seed's entries, seven a day, backwards from 15 December 2023.
fn make_records(n: usize) -> Vec<Rec> {
    let count = Regex::new(r"\b(19\d) member countries\b").expect("valid regex");
    let pool = seed_entries();
    let mut day = ymd(2023, 12, 15);
    let mut recs = Vec::with_capacity(n);
    for i in 0..n {
        if i > 0 && i % 7 == 0 {
            day -= Duration::days(1);
        }
        let mut r = pool[i % pool.len()].clone();
        let members = format!("{} member countries", members_at(day));
        for p in &mut r.paragraphs {
            if count.is_match(p) {
                *p = count.replace_all(p, members.as_str()).into_owned();
            }
        }
        r.date = Some(day);
        recs.push(r);
    }
    recs
}

fn render(recs: &[Rec]) -> String {
    let years = recs.iter().filter_map(|r| r.date.map(|d| d.year()));
    let (min, max) = years.fold((i32::MAX, i32::MIN), |(lo, hi), y| (lo.min(y), hi.max(y)));
    let mut out = format!("Official visits {min} to {max}\n\n");
    for r in recs {
        if let Some(t) = &r.title {
            out.push_str(t);
            out.push_str("\n\n\n");
        }
        for c in &r.captions {
            out.push_str(c);
            out.push_str("\n\n");
        }
        // A record whose date was removed keeps its lead paragraph, without the date prefix.
        if let Some(d) = r.date {
            out.push_str(&format!("{} \u{2013} ", d.format("%-d %B %Y")));
        }
        out.push_str(&r.lead);
        out.push_str("\n\n");
        for p in &r.paragraphs {
            out.push_str(p);
            out.push_str("\n\n");
        }
    }
    out
}

/// A later revision: each edit touches a different record, so the manifest is the exact expected diff.
fn next_revision(recs: &[Rec], rate: f64, rng: &mut SplitMix64) -> (Vec<Rec>, Vec<Edit>) {
    let mut recs = recs.to_vec();
    let k = ((recs.len() as f64 * rate) as usize).max(1);
    let words: Vec<String> = recs
        .iter()
        .take(200)
        .flat_map(|r| &r.paragraphs)
        .flat_map(|p| p.split_whitespace())
        .filter(|w| w.chars().all(char::is_alphabetic))
        .map(str::to_string)
        .collect();
    let mut untouched: Vec<usize> = (0..recs.len()).collect();
    rng.shuffle(&mut untouched);
    let mut edits = Vec::new();
    let mut removed = vec![false; recs.len()];
    let mut added: Vec<Rec> = Vec::new();
    const KINDS: [&str; 6] = [
        "modified", "added", "removed", "retitled", "redated", "captions",
    ];
    for _ in 0..k.min(untouched.len()) {
        let kind = KINDS[rng.weighted(&[40, 20, 15, 10, 10, 5])];
        let Some(i) = untouched.pop() else { break };
        let top = added.last().unwrap_or(&recs[0]).date;
        let r = &mut recs[i];
        match kind {
            "modified" if !r.paragraphs.is_empty() => {
                let p = rng.below(r.paragraphs.len());
                let mut ws: Vec<&str> = r.paragraphs[p].split(' ').collect();
                let j = rng.below(ws.len());
                let others: Vec<&String> = words.iter().filter(|w| *w != ws[j]).collect();
                if others.is_empty() {
                    continue;
                }
                let word = others[rng.below(others.len())];
                // Replacing the last word drops the paragraph's final punctuation, as the Python tool
                // does. On a short paragraph (20 words or fewer) that leaves a line shaped like a title
                // or caption, which the page's layout reads as the start of an undated entry (the
                // Python tool's seeds 1 to 5 never drew such a case); there the new word keeps the
                // punctuation, so the edit stays a paragraph edit.
                let keep = if j + 1 == ws.len() && ws.len() <= 20 {
                    let w = ws[j];
                    &w[w.trim_end_matches(|c: char| !c.is_alphanumeric()).len()..]
                } else {
                    ""
                };
                let replaced = format!("{word}{keep}");
                ws[j] = &replaced;
                r.paragraphs[p] = ws.join(" ");
                edits.push(Edit::Modified(r.key()));
            }
            "captions" if r.captions.len() > 1 => {
                r.captions.truncate(1);
                edits.push(Edit::Modified(r.key()));
            }
            "added" => {
                let new = Rec {
                    title: Some(format!(
                        "{} (second visit)",
                        r.title.as_deref().unwrap_or("Visit")
                    )),
                    captions: Vec::new(),
                    date: top.map(|d| d + Duration::days(1)),
                    ..r.clone()
                };
                edits.push(Edit::Added(new.key()));
                added.push(new);
            }
            "removed" => {
                removed[i] = true;
                edits.push(Edit::Removed(r.key()));
            }
            "retitled" if r.title.is_some() => {
                let old = r.key();
                let t = r.title.take().unwrap_or_default();
                r.title = Some(if t.contains(',') {
                    t.replacen(',', " \u{2014}", 1)
                } else {
                    format!("{t} visit")
                });
                edits.push(Edit::Retitled { old, new: r.key() });
            }
            "redated" => {
                let old = r.key();
                r.date = r.date.map(|d| d - Duration::days(1));
                edits.push(Edit::Redated { old, new: r.key() });
            }
            // A record the drawn edit cannot apply to (no paragraph, one caption, no title) stays as it is.
            _ => {}
        }
    }
    // New visits are added at the top of the page, newest first.
    let later = added
        .into_iter()
        .rev()
        .chain(
            recs.into_iter()
                .zip(removed)
                .filter(|(_, gone)| !gone)
                .map(|(r, _)| r),
        )
        .collect();
    (later, edits)
}

/// Plants `n` defects, each in its own record, with untouched neighbours so each is unambiguous.
fn inject_defects(recs: &mut [Rec], n: usize, rng: &mut SplitMix64) -> Vec<Defect> {
    let mut slots: Vec<usize> = (2..recs.len().saturating_sub(2)).step_by(3).collect();
    rng.shuffle(&mut slots);
    slots.truncate(n);
    slots.sort_unstable();
    let mut defects = Vec::new();
    for i in slots {
        const KINDS: [DefectKind; 4] = [
            DefectKind::DateOrder,
            DefectKind::MissingDate,
            DefectKind::DuplicatedCaption,
            DefectKind::MemberCount,
        ];
        let mut kind = KINDS[rng.below(KINDS.len())];
        if kind == DefectKind::MissingDate && recs[i].title.is_none() {
            // Without a title or a date an entry cannot be told from its upper neighbour's paragraphs:
            // the page would just lose an entry (the Python tool's seed 1 never drew this case).
            kind = [
                DefectKind::DateOrder,
                DefectKind::DuplicatedCaption,
                DefectKind::MemberCount,
            ][rng.below(3)];
        }
        let above = recs[i - 1].date;
        let r = &mut recs[i];
        match kind {
            DefectKind::DateOrder => r.date = above.map(|d| d + Duration::days(30)),
            DefectKind::MissingDate => r.date = None,
            DefectKind::DuplicatedCaption => {
                if r.captions.is_empty() {
                    r.captions = vec![r.title.clone().unwrap_or_else(|| "Visit".into())];
                }
                let again = r.captions.clone();
                r.captions.extend(again);
            }
            DefectKind::MemberCount => {
                let wrong = r.date.map_or(192, members_at) - 3;
                r.paragraphs.push(format!(
                    "The visit underlined support to all {wrong} member countries."
                ));
            }
        }
        defects.push(Defect {
            kind,
            title: r.title.clone(),
            date: r.date.map(|d| d.to_string()),
            index: i,
        });
    }
    defects
}
