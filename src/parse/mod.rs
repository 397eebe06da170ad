//! Text → records: the parser, in two stages. First the page's layout is inferred from its lines
//! (`layout`: which line shapes open entries, where titles stand, what year headings are, the
//! language), or taken from its pinned profile; then one pass over the lines follows that layout. The
//! lines between two entry starts are held only until the second arrives, then handed to a planner
//! (`segment::plan` when titles stand before the dated lines, `segment::plan_forward` otherwise) to
//! decide which entry owns each.
//!
//! On a long page that pass is made in chunks, on every core, each checked against the chunk before it at
//! their seam (`chunked`); the records are those of one pass.
//!
//! The parser never fails: input has been checked to be text by [`crate::source::SourceFile`], and every
//! non-blank line ends up in exactly one field of one record or in the page title or preamble.

mod badge;
mod built;
mod chunked;
pub(crate) mod date;
pub(crate) mod dateline;
pub(crate) mod layout;
pub(crate) mod lines;
pub(crate) mod members;
pub mod profile;
pub(crate) mod scan;
pub(crate) mod segment;
pub(crate) mod year;

use crate::canonical::{canonical_hash, slug_into};
use crate::lang::{vocabulary, Lang, Vocabulary};
use crate::record::{
    Caption, CaptionPosition, Date, Lead, Page, PageTitle, Precision, Record, RecordId, Span, Text,
    YearSource,
};
use crate::source::SourceFile;
use built::Built;
use chrono::Datelike;
use dateline::split_dateline;
pub use layout::Inferred;
use layout::{shape_of, Hints, Shaped};
use profile::{DatePattern, Headings, PinnedProfile, Profile, StartShape, Titles};
use regex::Regex;
use scan::{LineDate, Place, Scanner};
use segment::{Context, Forward, Item, Key, Kind, Owner, Role};
use std::sync::OnceLock;
use year::YearContext;

/// How to read a page: a language to force (`--lang`), and the profile its configuration pins.
#[derive(Debug, Clone, Default)]
pub struct ParseOptions {
    /// The language to read dates in; `None` detects it from the page.
    pub lang: Option<Lang>,
    /// What the page's configuration pins of its profile; the rest is inferred.
    pub pinned: PinnedProfile,
}

impl ParseOptions {
    /// The pinned profile with a forced language put over it.
    fn pinned(&self) -> PinnedProfile {
        let mut p = self.pinned.clone();
        if self.lang.is_some() {
            p.lang = self.lang;
        }
        p
    }
}

/// Parses a page revision. `lang: None` detects the language.
pub fn parse(source: &SourceFile, lang: Option<Lang>) -> Page<'_> {
    parse_with(
        source,
        &ParseOptions {
            lang,
            ..ParseOptions::default()
        },
    )
}

/// Parses a page revision with a pinned profile.
pub fn parse_with<'a>(source: &'a SourceFile, options: &ParseOptions) -> Page<'a> {
    parse_explained(source, options).0
}

/// The layout inferred for a page (with the pinned values kept), and its evidence.
pub fn infer_profile(source: &SourceFile, options: &ParseOptions) -> Inferred {
    layout::infer(lines::source_lines(source), &options.pinned())
}

/// Parses a page revision, returning the inferred profile it followed too.
pub fn parse_explained<'a>(source: &'a SourceFile, options: &ParseOptions) -> (Page<'a>, Inferred) {
    let inferred = infer_profile(source, options);
    let page = parse_profiled(
        source,
        &inferred.profile,
        inferred.evidence.hints(),
        &inferred.kinds,
    );
    (page, inferred)
}

/// Parses a page revision following `profile` exactly.
/// `known` holds the kinds of the page's first lines, as the inference classified them.
pub(crate) fn parse_profiled<'a>(
    source: &'a SourceFile,
    profile: &Profile,
    hints: Hints,
    known: &[Kind],
) -> Page<'a> {
    parse_in_blocks(source, profile, hints, known, &mut Cuts::default(), None)
}

/// What a page is besides its records, when the records were handed out as they were built
/// ([`parse_streamed`]): its name, language, title and preamble, and how many records there were.
#[derive(Debug, Clone)]
pub struct PageOutline<'a> {
    /// The revision's name, as reports name it.
    pub file: &'a str,
    /// The language the page was read in.
    pub lang: Lang,
    /// The page title line, if any.
    pub title: Option<PageTitle<'a>>,
    /// Lines before the first entry other than the page title.
    pub preamble: Vec<Text<'a>>,
    /// How many records were handed out.
    pub records: usize,
}

/// Records are handed out this many at a time by [`parse_streamed`] (a few megabytes of records).
const STREAM_RECORDS: usize = 4096;

/// Parses a page revision like [`parse_with`], but hands its records to `each` in page order, a batch at
/// a time, as soon as they are final, instead of keeping them all: a consumer that keeps only what it
/// needs of each record (the rules of `validate`) holds a few batches of records at once, however long
/// the page. The records, and their order and batches concatenated, are those of [`parse_with`].
///
/// ```
/// use pagerev::source::SourceFile;
/// let source = SourceFile::from_text("p.txt", "Visits\n\n3 May 2021 – A came.\n\n2 May 2021 – B came.\n")?;
/// let mut ids = Vec::new();
/// let outline = pagerev::parse::parse_streamed(&source, &Default::default(), &mut |batch| {
///     ids.extend(batch.into_iter().map(|r| r.id.to_string()));
/// });
/// assert_eq!((outline.records, ids.len()), (2, 2));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn parse_streamed<'a>(
    source: &'a SourceFile,
    options: &ParseOptions,
    each: &mut dyn FnMut(Vec<Record<'a>>),
) -> PageOutline<'a> {
    let inferred = infer_profile(source, options);
    parse_streamed_in(
        source,
        &inferred.profile,
        inferred.evidence.hints(),
        &inferred.kinds,
        &mut Cuts::default(),
        STREAM_RECORDS,
        each,
    )
}

/// [`parse_streamed`] with a given profile, block size and batch size (tests try small ones).
#[allow(clippy::too_many_arguments)]
fn parse_streamed_in<'a>(
    source: &'a SourceFile,
    profile: &Profile,
    hints: Hints,
    known: &[Kind],
    cuts: &mut Cuts,
    batch: usize,
    each: &mut dyn FnMut(Vec<Record<'a>>),
) -> PageOutline<'a> {
    let mut stream = Stream {
        batch,
        each,
        handed_out: 0,
    };
    let page = parse_in_blocks(source, profile, hints, known, cuts, Some(&mut stream));
    let records = stream.handed_out + page.records.len();
    (stream.each)(page.records);
    PageOutline {
        file: page.file,
        lang: page.lang,
        title: page.title,
        preamble: page.preamble,
        records,
    }
}

/// Where a streamed parse hands its records, how many at a time, and how many it handed so far.
struct Stream<'s, 'a> {
    batch: usize,
    each: &'s mut dyn FnMut(Vec<Record<'a>>),
    handed_out: usize,
}

/// [`parse_profiled`], cutting the page as `cuts` say (tests try small blocks and chunks, so that every
/// seam is crossed on small pages too). With a `stream`, records are handed to it
/// as they become final, and the page returned holds only those that were not. `known` holds the kinds
/// of the page's first lines (the inference's sample): those lines are not classified again.
fn parse_in_blocks<'a>(
    source: &'a SourceFile,
    profile: &Profile,
    hints: Hints,
    known: &[Kind],
    cuts: &mut Cuts,
    mut stream: Option<&mut Stream<'_, 'a>>,
) -> Page<'a> {
    let owned;
    let vocab: &Vocabulary = if profile.months.is_empty() {
        vocabulary()
    } else {
        owned = vocabulary().extended(&profile.months);
        &owned
    };
    let patterns: Vec<DatePattern> = profile
        .date_patterns
        .iter()
        .filter_map(|p| DatePattern::compile(p).ok())
        .collect();
    let member_regex = members::extra_member_regex(&profile.member_phrases)
        .ok()
        .flatten();
    // The page's language and English, and any other language its dates were seen in.
    let langs = crate::lang::LangSet(profile.lang.reading_set().0 | hints.date_langs.0);
    let new_assembler = || {
        let mut scanner = Scanner::new(vocab, langs);
        scanner.patterns = &patterns;
        let mut asm = Assembler::new(profile, scanner, source.line_starts());
        asm.hints = hints;
        asm.member_regex = member_regex.as_ref();
        asm
    };
    let mut asm = new_assembler();
    // Most entries open with a dated line starting with a digit: reserving that many records up front
    // avoids the doubling (and the copy) of a growing vector of a few hundred thousand records.
    let expected = source.lines_starting_with_digit();
    let batch = stream.as_ref().map(|s| s.batch);
    asm.built
        .reserve(batch.map_or(expected, |b| b + 1), expected);
    let reader = FactReader {
        profile,
        vocab,
        langs,
        patterns: &patterns,
        ends_too: ends_too(profile),
        hints,
        known,
        source,
    };
    let mut after_block = |asm: &mut Assembler<'a, '_>| {
        if let Some(stream) = stream.as_deref_mut() {
            // The last record stays: the page's end may still add lines to it (see `finish`).
            if asm.built.records.len() > stream.batch {
                let records = asm.hand_out();
                stream.handed_out += records.len();
                (stream.each)(records);
            }
        }
    };
    chunked::read_page(
        &mut asm,
        &new_assembler,
        &reader,
        source,
        cuts.chunking,
        cuts.block_lines,
        &mut cuts.seams,
        &mut after_block,
    );
    let (title, preamble, records) = asm.finish();
    Page {
        file: source.name(),
        lang: profile.lang,
        title,
        preamble,
        records,
    }
}

/// A line that opens an entry, with its date and the shape that made it one.
#[derive(Debug, Clone, Copy)]
struct Start<'a> {
    line: Text<'a>,
    date: LineDate,
}

/// What a line says on its own, before the page around it is consulted: its kind, and the date shape
/// it could open an entry with. Reading it is most of the parser's per-line work and depends on nothing
/// but the line and the profile, so it is done ahead of the assembler, for a block of lines at a time, on
/// another core (see [`read_lines`]).
#[derive(Debug, Clone, Copy)]
struct Facts {
    kind: Kind,
    /// The line's date shape (read as the page's first line reads: no date at a heading's end there);
    /// on a page of paragraphs with a date inside, the date that makes the line an entry.
    shaped: Option<Shaped>,
}

/// The facts of a block of lines, kept small: most lines carry no date, so the shapes are listed apart
/// with the index of their line (a shape is over a hundred bytes; a kind is one).
struct BlockFacts {
    kinds: Vec<Kind>,
    shapes: Vec<(u32, Shaped)>,
}

impl BlockFacts {
    /// Each line's facts, in order.
    fn iter(&self) -> impl Iterator<Item = Facts> + '_ {
        let mut shapes = self.shapes.iter().peekable();
        self.kinds.iter().enumerate().map(move |(i, &kind)| Facts {
            kind,
            shaped: shapes.next_if(|(j, _)| *j as usize == i).map(|(_, s)| *s),
        })
    }
}

/// Whether lines other than the first may carry their date at their end (a heading's) on this page.
fn ends_too(p: &Profile) -> bool {
    // Section headings may end with their year (`Durante el 2015:`) too.
    // An agenda's days may be headings ending with their date (`Agenda del Presidente el 21 de
    // febrero`).
    p.entry_starts.contains(&StartShape::Heading)
        || p.entry_starts.contains(&StartShape::Bracket)
        || p.entry_starts.contains(&StartShape::TimeLed)
        || p.headings != Headings::None
}

/// Reads the [`Facts`] of lines for one profile; shared by the threads reading blocks ahead.
#[derive(Clone, Copy)]
struct FactReader<'p> {
    profile: &'p Profile,
    vocab: &'p Vocabulary,
    langs: crate::lang::LangSet,
    patterns: &'p [DatePattern],
    ends_too: bool,
    hints: Hints,
    /// The kinds of the page's first lines, as the inference classified them.
    known: &'p [Kind],
    /// The page, for the lines around a block (a date badge may cross its edges).
    source: &'p SourceFile,
}

impl FactReader<'_> {
    /// The facts of each line of a block, whose first line is the page's line `offset` (0-based, among
    /// its non-blank lines); `before` is the line before the block (`None` when the block opens the
    /// page).
    fn read(&self, lines: &[Text<'_>], offset: usize, before: Option<Text<'_>>) -> BlockFacts {
        let first = before.is_none();
        let mut scanner = Scanner::new(self.vocab, self.langs);
        scanner.patterns = self.patterns;
        let prose = self.profile.entry_starts == [StartShape::Prose];
        let mut out = BlockFacts {
            kinds: Vec::with_capacity(lines.len()),
            shapes: Vec::new(),
        };
        let (badges, badge_lines) = if prose {
            (Vec::new(), Vec::new())
        } else {
            self.badges(&mut scanner, lines)
        };
        let (mut badges, mut badge_lines) = (
            badges.into_iter().peekable(),
            badge_lines.into_iter().peekable(),
        );
        for (i, line) in lines.iter().enumerate() {
            // A date badge's first line is a date alone; its other lines (month, year, weekday) are
            // placeholders of the entry it opens.
            if badge_lines.next_if_eq(&i).is_some() {
                out.kinds.push(Kind::Placeholder);
                continue;
            }
            let kind = match self.known.get(offset + i) {
                Some(&kind) => kind,
                None => segment::classify(line.raw),
            };
            out.kinds.push(kind);
            if let Some((_, date)) = badges.next_if(|(j, _)| *j == i) {
                let shaped = self.hints.admit(Some(Shaped {
                    date,
                    shape: StartShape::DateLine,
                }));
                if let Some(s) = shaped {
                    out.shapes.push((i as u32, s));
                }
                continue;
            }
            let shaped = if prose {
                (kind == Kind::Sentence)
                    .then(|| prose_date(&mut scanner, line.raw))
                    .flatten()
                    .map(|date| Shaped {
                        date,
                        shape: StartShape::Prose,
                    })
            } else {
                // The page's first line is most often its title (`Official visits 2018 to 2023`): a
                // date at its end does not make it an entry.
                let ends_too = self.ends_too && !(first && i == 0);
                let shape_kind = if ends_too { kind } else { Kind::Sentence };
                let previous = if i == 0 { before } else { Some(lines[i - 1]) };
                self.hints.admit(layout::shape_of_line(
                    &mut scanner,
                    *line,
                    shape_kind,
                    ends_too,
                    previous,
                ))
            };
            if let Some(s) = shaped {
                out.shapes.push((i as u32, s));
            }
        }
        out
    }
}

impl FactReader<'_> {
    /// The date badges among a block's lines ([`badge::in_lines`]), read with the lines around the block.
    fn badges(
        &self,
        scanner: &mut Scanner<'_>,
        lines: &[Text<'_>],
    ) -> (Vec<(usize, scan::LineDate)>, Vec<usize>) {
        let (Some(first), Some(last)) = (lines.first(), lines.last()) else {
            return (Vec::new(), Vec::new());
        };
        // Every line of a badge is a piece of one (a day, a month, …): most blocks have none.
        if !badge::any_piece(lines) {
            return (Vec::new(), Vec::new());
        }
        let mut above = Vec::new();
        let mut at = first.line as usize - 1;
        while above.len() < badge::MAX_LINES {
            let Some(t) = lines::line_above(self.source, at) else {
                break;
            };
            at = t.line as usize - 1;
            above.push(t);
        }
        above.reverse();
        let n = self.source.line_starts().len();
        let below: Vec<Text<'_>> = lines::source_lines_in(self.source, last.line as usize..n)
            .take(badge::MAX_LINES - 1)
            .collect();
        badge::in_lines(scanner, &above, lines, &below)
    }
}

/// The date that makes a paragraph an entry on a page of paragraphs with a date inside.
fn prose_date(scanner: &mut Scanner<'_>, raw: &str) -> Option<LineDate> {
    // A paragraph that does open with its date and a separator is a lead as on any page: its date is
    // split off.
    if let Some(shaped) = shape_of(scanner, raw, Kind::Sentence, false) {
        if shaped.shape == StartShape::Led {
            return Some(shaped.date);
        }
    }
    scanner.inside(raw)
}

/// Where a parse cuts the page: into blocks of lines whose facts are read at a time, and, when it is long,
/// into chunks assembled on several cores; and how the chunks' seams went (tests look).
struct Cuts {
    block_lines: usize,
    chunking: chunked::Chunking,
    seams: chunked::Seams,
}

impl Default for Cuts {
    fn default() -> Self {
        Cuts {
            block_lines: BLOCK_LINES,
            chunking: chunked::CHUNKING,
            seams: chunked::Seams::default(),
        }
    }
}

/// Lines read ahead of the assembler at a time: big enough that handing a block to another thread
/// costs nothing next to reading it, small enough that the blocks in flight stay a few hundred KB.
const BLOCK_LINES: usize = 4096;

/// Blocks whose facts may be read ahead of the assembler: enough that neither side waits for the other
/// when one block is slower to read and the next slower to assemble.
const BLOCKS_AHEAD: usize = 4;

/// Feeds every line to the assembler. With more than one thread in rayon's pool and more than one block
/// of lines, the facts are read on a thread of their own, up to [`BLOCKS_AHEAD`] blocks ahead of the
/// assembler, which takes them as they come; with `RAYON_NUM_THREADS=1` they are read in turn. The
/// facts depend only on the line, so the records are the same whatever runs where.
///
/// A queue rather than reading the next block while the current one is assembled (rayon's `join`, in
/// lock step): in lock step each block costs the slower of its two halves, and the two sides take
/// turns at being slower, which cost a sixth of the loop on the 200k-record page.
fn read_lines<'a, 'p>(
    asm: &mut Assembler<'a, 'p>,
    reader: &FactReader<'_>,
    mut lines: impl Iterator<Item = Text<'a>> + Send,
    from: LinesFrom<'a>,
    block_lines: usize,
    after_block: &mut dyn FnMut(&mut Assembler<'a, 'p>),
) {
    let block_lines = block_lines.max(1);
    let one_block = lines.size_hint().1.is_some_and(|n| n <= block_lines);
    // Each block of lines with its facts, in page order; the line before a block is read with it.
    let LinesFrom {
        mut offset,
        mut before,
    } = from;
    let blocks = std::iter::from_fn(move || {
        let block: Vec<Text<'a>> = lines.by_ref().take(block_lines).collect();
        let last = *block.last()?;
        let facts = reader.read(&block, offset, before);
        before = Some(last);
        offset += block.len();
        Some((block, facts))
    });
    if one_block || rayon::current_num_threads() < 2 {
        for (block, facts) in blocks {
            assemble(asm, &block, &facts);
            after_block(asm);
        }
        return;
    }
    std::thread::scope(|scope| {
        let (ready, queued) = std::sync::mpsc::sync_channel(BLOCKS_AHEAD);
        // A thread of its own rather than a rayon task: the assembler waits on the queue, and a rayon
        // worker that waits on a task queued behind it (one thread, or every worker busy) never wakes.
        scope.spawn(move || {
            for block in blocks {
                if ready.send(block).is_err() {
                    break;
                }
            }
        });
        for (block, facts) in queued {
            assemble(asm, &block, &facts);
            after_block(asm);
        }
    });
}

/// Where the lines given to [`read_lines`] start: how many non-blank lines of the page are above them,
/// and the last of those.
#[derive(Clone, Copy, Default)]
struct LinesFrom<'a> {
    offset: usize,
    before: Option<Text<'a>>,
}

/// Gives the assembler a block of lines with their facts.
fn assemble<'a>(asm: &mut Assembler<'a, '_>, block: &[Text<'a>], facts: &BlockFacts) {
    for (line, f) in block.iter().zip(facts.iter()) {
        asm.push(*line, f);
    }
}

/// Records are filled in this many at a time on a core: the work for one is a few microseconds.
const FILL_IN_RECORDS: usize = 256;

/// Fills in what a record's own text alone decides — its member-count mentions and the canonical
/// hashes of its fields — once every record is built. It is a third of what building a record costs,
/// and the assembler that builds them is the one part of a parse that must run in page order: here it
/// runs on every core. The lines a section heading left at the page's end are appended to the last
/// record after this, as paragraphs not read for member counts.
fn fill_in(records: &mut [Record<'_>], lang: Lang, member_regex: Option<&Regex>) {
    use rayon::prelude::*;
    records
        .par_iter_mut()
        .with_min_len(FILL_IN_RECORDS)
        .for_each(|r| {
            let mut member_counts = Vec::new();
            if let Some(l) = &r.lead {
                members::member_counts(l.text, lang, &mut member_counts);
            }
            for p in &r.paragraphs {
                members::member_counts(*p, lang, &mut member_counts);
            }
            if let Some(re) = member_regex {
                let texts = r
                    .lead
                    .iter()
                    .map(|l| l.text)
                    .chain(r.paragraphs.iter().copied());
                for t in texts {
                    members::extra_member_counts(t, re, &mut member_counts);
                }
            }
            r.member_counts = member_counts.into_boxed_slice();
            r.hashes = crate::record::FieldHashes::of(r.title, &r.captions, r.lead.as_ref());
        });
}

/// A section heading with no entry under it (the end of the page): its lines stay in the preamble if
/// nothing came before, else with the last entry, as paragraphs not read for member counts (`records`
/// are filled in already).
fn leave_at_the_end<'a>(
    records: &mut [Record<'a>],
    preamble: &mut Vec<Text<'a>>,
    pending: Vec<Text<'a>>,
) {
    if pending.is_empty() {
        return;
    }
    match records.last_mut() {
        Some(r) => {
            let mut p = r.paragraphs.to_vec();
            p.extend(pending);
            r.span = p.iter().map(Text::span).fold(r.span, Span::cover);
            r.paragraphs = p.into_boxed_slice();
        }
        None => preamble.extend(pending),
    }
}

/// What closes a segment of pending lines.
enum Boundary<'a> {
    /// A line opening an entry.
    Start(Start<'a>),
    /// A section heading (a year or month line): it closes the entry above and opens a section.
    Section(Text<'a>, Option<i32>, Option<u32>),
    /// A day heading over timed entries (an agenda's `Lundi 18 mai`).
    DaySection(Text<'a>, LineDate),
    /// A list item nested under a date bullet that has no text of its own (`  • January 4:` /
    /// `    • The new government is sworn in.`): an entry on that date.
    Nested(Text<'a>),
    /// The end of the page.
    End,
}

/// A record being assembled.
#[derive(Default, Clone, PartialEq)]
struct Draft<'a> {
    title: Option<Text<'a>>,
    captions: Vec<Caption<'a>>,
    lead: Option<Lead<'a>>,
    date: Option<Date>,
    year_source: YearSource,
    heading: Option<Text<'a>>,
    date_text: Option<Text<'a>>,
    section: Vec<Text<'a>>,
    paragraphs: Vec<Text<'a>>,
    placeholders: Vec<Text<'a>>,
    /// Keys of the lead and its first sentence, computed once when the lead is read.
    lead_keys: Vec<Key<'a>>,
    /// The entry's lead is still to come (its date stood alone or ended a heading).
    wants_lead: bool,
    /// The title is a table row's cell before its date's: a label above the row is no title of it.
    row_title: bool,
}

impl<'a> Draft<'a> {
    /// True for an entry that is a year alone on its line and nothing else yet.
    fn is_a_year_alone(&self) -> bool {
        self.date
            .is_some_and(|d| d.precision == Precision::Year && d.end.is_none())
            && self.heading.is_some()
            && self.title.is_none()
            && self.lead.is_none()
            && self.paragraphs.is_empty()
            && self.captions.is_empty()
            && self.placeholders.is_empty()
    }

    fn put(&mut self, role: Role, text: Text<'a>) {
        match role {
            Role::Title if self.row_title => self.captions.push(Caption {
                position: CaptionPosition::Before,
                text,
            }),
            Role::Title => {
                // `1. Norlusia`, `• Norlusia`: a list number or bullet before a title is not part of
                // it (the number changes whenever an entry is inserted above).
                self.title = Some(match list_marker_end(text.raw) {
                    Some(end) => text.slice(end..text.raw.len()),
                    None => text,
                });
            }
            Role::CaptionBefore => self.captions.push(Caption {
                position: CaptionPosition::Before,
                text,
            }),
            Role::CaptionBody => self.captions.push(Caption {
                position: CaptionPosition::Body,
                text,
            }),
            Role::CaptionAfter => self.captions.push(Caption {
                position: CaptionPosition::After,
                text,
            }),
            Role::Lead => {
                // An item line (`- The heritage railcar returns …`): the bullet is not the text.
                let bullet = text
                    .raw
                    .find(|c: char| {
                        c.is_alphanumeric() || matches!(c, '"' | '“' | '«' | '(' | '\'')
                    })
                    .unwrap_or(0);
                let bullet = if text.raw[..bullet]
                    .chars()
                    .all(|c| c.is_whitespace() || "-–—•·*▪►▶■◦‣●○◆♦>»".contains(c))
                {
                    bullet
                } else {
                    0
                };
                let (dateline, rest) = split_dateline(text.slice(bullet..text.raw.len()));
                self.lead = Some(Lead {
                    line: text,
                    date_text: None,
                    dateline,
                    text: rest,
                });
                self.wants_lead = false;
                self.lead_keys.clear();
                Key::with_first_sentence(rest.raw, &mut self.lead_keys);
            }
            Role::Paragraph => self.paragraphs.push(text),
            Role::Placeholder => self.placeholders.push(text),
        }
    }

    /// Nothing but a date line (and a section heading above it): no title, lead, text or captions.
    fn is_bare_heading(&self) -> bool {
        // A table row whose first cell is a headline is an entry, whatever dates follow it.
        !self.row_title
            && self.heading.is_some_and(|h| {
                // A title taken from the heading's own words (`Week 12 (18–24 March 2031)`) is no line of
                // its own.
                self.title.is_none_or(|t| t.line == h.line)
            })
            && self.lead.is_none()
            && self.paragraphs.is_empty()
            && self.captions.is_empty()
            && self.placeholders.is_empty()
    }

    /// The lines later lines are compared with to find repeats: title, captions, lead and its first sentence.
    fn known(&self, out: &mut Vec<Key<'a>>) {
        out.clear();
        if let Some(t) = self.title {
            out.push(Key::of(t.raw));
        }
        if let Some(h) = self.heading {
            out.push(Key::of(h.raw));
        }
        out.extend(self.captions.iter().map(|c| Key::of(c.text.raw)));
        out.extend_from_slice(&self.lead_keys);
    }
}

struct Assembler<'a, 'p> {
    profile: &'p Profile,
    scanner: Scanner<'p>,
    /// What is carried from one line to the next: all that decides how the lines still to come are
    /// read (see [`Carry`]).
    carry: Carry<'a>,
    plan: Vec<(Owner, Role)>,
    scratch: segment::Scratch,
    /// The records built, with their ids.
    built: Built<'a>,
    title: Option<PageTitle<'a>>,
    preamble: Vec<Text<'a>>,
    hints: Hints,
    /// The page's end has been reached: the entry being completed is its last.
    last: bool,
    /// The profile's own member-count phrasings.
    member_regex: Option<&'p Regex>,
    /// Where record ids are built (see [`Assembler::complete`]).
    id_buffer: String,
    /// Where each line of the page starts, for the lines' indentation.
    line_starts: &'a [u32],
}

/// The assembler's state between two lines, apart from what it has built (records, the page title and
/// preamble): the entry being assembled, the lines waiting for the next boundary, the years in force.
/// Two assemblers in the same state read the lines after it the same way, which is what lets a page be
/// assembled in chunks on several cores and the chunks be checked against each other (`chunked`).
#[derive(Clone, PartialEq)]
struct Carry<'a> {
    /// A boundary (entry or section) has been seen: the page title and preamble are settled.
    seen_boundary: bool,
    /// The page's first line has been read.
    first_line_done: bool,
    /// A record has been built (on the page, not only in this chunk).
    built_any: bool,
    segment: Vec<Item<'a>>,
    prev_known: Vec<Key<'a>>,
    current: Option<Draft<'a>>,
    /// Lines of a section opened by a heading, waiting for the section's first entry.
    pending_section: Vec<Text<'a>>,
    /// The last boundary was a section's heading (the last of `pending_section`).
    after_heading: bool,
    years: YearContext,
    /// The date of the line just read, when it opened an entry standing alone (`25 April 2031`): a
    /// headline right below it that starts with the same date is its title, not another entry.
    alone_date: Option<(date::Part, Option<date::Part>)>,
    /// On a page of paragraphs with a date inside, the date (as written) of the last such paragraph.
    prose_date: Option<(date::Part, Option<date::Part>)>,
    /// A date bullet whose nested items are entries: its indentation, date and year's source.
    nest: Option<(u32, Option<Date>, YearSource)>,
}

impl<'a, 'p> Assembler<'a, 'p> {
    fn new(profile: &'p Profile, scanner: Scanner<'p>, line_starts: &'a [u32]) -> Self {
        Assembler {
            profile,
            scanner,
            carry: Carry {
                seen_boundary: false,
                first_line_done: false,
                built_any: false,
                segment: Vec::new(),
                prev_known: Vec::new(),
                current: None,
                pending_section: Vec::new(),
                after_heading: false,
                years: YearContext {
                    order: profile.order,
                    ..YearContext::default()
                },
                alone_date: None,
                prose_date: None,
                nest: None,
            },
            plan: Vec::new(),
            scratch: segment::Scratch::default(),
            built: Built::new(true),
            title: None,
            preamble: Vec::new(),
            hints: Hints::default(),
            last: false,
            member_regex: None,
            id_buffer: String::new(),
            line_starts,
        }
    }

    fn push(&mut self, line: Text<'a>, facts: Facts) {
        if !self.carry.first_line_done && self.profile.entry_starts.contains(&StartShape::TimeLed) {
            self.day_of_page_title(line);
        }
        let boundary = self.classify(line, facts);
        self.carry.first_line_done = true;
        // Kept over a short line or two (the headline under a date badge, then its byline's date).
        self.carry.alone_date = match &boundary {
            Some(Boundary::Start(s)) if s.date.place == Place::Alone => {
                Some((s.date.found.from, s.date.found.to))
            }
            None if self.head_only() => self.carry.alone_date,
            _ => None,
        };
        match boundary {
            Some(Boundary::Start(s)) => self.close_segment(Boundary::Start(s)),
            Some(b) => self.close_segment(b),
            None => self.carry.segment.push(Item {
                text: line,
                kind: facts.kind,
            }),
        }
    }

    /// Whether the lines read since the last boundary are at most two short ones (a headline, a
    /// caption): nothing of the entry's text yet.
    fn head_only(&self) -> bool {
        self.carry.segment.len() <= 2
            && self
                .carry
                .segment
                .iter()
                .all(|i| matches!(i.kind, Kind::Label | Kind::Placeholder | Kind::Credit))
    }

    /// Whether the dated line `shaped`, right under an entry's date standing alone, writes that date
    /// again (its day and month, and its year when the date above has one): then it is that entry's
    /// headline. A year it adds to the date above is taken.
    fn repeats_date_above(&mut self, shaped: &layout::Shaped) -> bool {
        let Some((from, to)) = self.carry.alone_date else {
            return false;
        };
        let f = shaped.date.found;
        if !matches!(shaped.date.place, Place::Led | Place::Heading) {
            return false;
        }
        if (f.from, f.to) == (from, to) {
            return true;
        }
        let completes = to.is_none()
            && f.to.is_none()
            && !f.numeric
            && from.year.is_none()
            && f.from.year.is_some()
            && from.day.is_some()
            && (f.from.day, f.from.month) == (from.day, from.month);
        if !completes {
            return false;
        }
        let (date, source) = year::resolve(
            &f,
            self.profile.date_order,
            &self.carry.years,
            &self.profile.year_from,
        );
        if let (Some(current), Some(date)) = (self.carry.current.as_mut(), date) {
            current.date = Some(date);
            current.year_source = source;
            self.carry.years.passed(date.start, source);
        }
        true
    }

    /// A one-day agenda's first line naming its day (`Agenda da Governadora - 14 de maio de 2031`, then
    /// `09h00 - …` items): the day of the timed entries until a day heading says otherwise.
    fn day_of_page_title(&mut self, line: Text<'a>) {
        let Some(shaped) =
            layout::title_shape(&mut self.scanner, line.raw).filter(layout::names_a_day)
        else {
            return;
        };
        let (date, source) = year::resolve(
            &shaped.date.found,
            self.profile.date_order,
            &self.carry.years,
            &self.profile.year_from,
        );
        self.carry.years.heading_day = Some((date, source));
    }

    /// Whether `line` opens an entry or a section on this page, from what the line says on its own
    /// (`facts`) and where it stands.
    fn classify(&mut self, line: Text<'a>, facts: Facts) -> Option<Boundary<'a>> {
        let p = self.profile;
        // A page built of paragraphs with a date inside: each such paragraph is an entry, unless it
        // tells the date of the entry right above it again (a headline, `Sidney incorporates on
        // September 15, 1890.`, then its teaser, `On September 15, 1890, Sidney becomes …`).
        if p.entry_starts == [StartShape::Prose] {
            let date = facts.shaped?.date;
            let found = (date.found.from, date.found.to);
            let again = self.carry.prose_date == Some(found)
                && self
                    .carry
                    .current
                    .as_ref()
                    .is_some_and(|c| c.paragraphs.is_empty())
                && self.carry.segment.iter().all(|i| i.kind != Kind::Sentence);
            self.carry.prose_date = Some(found);
            if again {
                return None;
            }
            return Some(Boundary::Start(Start { line, date }));
        }
        if let Some(b) = self.nested_item(line, facts) {
            return Some(b);
        }
        let shaped = facts.shaped?;
        // `25 April 2031` / `25 APRIL 2031 - THE MAYOR'S SPEECH …`: a headline repeating the date
        // above it is that entry's title. Above a post's headline, a date badge without its year (`Dec
        // 20` / `Weekly Recap - December 20, 2031`): the headline is the post's, and its year completes
        // the badge's date.
        if self.head_only() && self.repeats_date_above(&shaped) {
            return None;
        }
        // A media advisory's `Date: …` field is the announced event's date, in the body of the entry,
        // unless fields are what opens the page's entries.
        if shaped.shape == StartShape::Heading
            && p.entry_starts != [StartShape::Heading]
            && layout::is_field_date(line.raw, &shaped)
        {
            return None;
        }
        if shaped.shape == StartShape::HeadingLine {
            match p.headings {
                Headings::Sections => {
                    let from = shaped.date.found.from;
                    return Some(Boundary::Section(line, from.year, from.month));
                }
                Headings::Entries => {
                    // The heading repeated right below it (an image label) is a caption, not an entry.
                    let repeat = self.carry.segment.is_empty()
                        && self
                            .carry
                            .current
                            .as_ref()
                            .and_then(|c| c.heading)
                            .is_some_and(|h| canonical_hash(h.raw) == canonical_hash(line.raw));
                    if repeat {
                        return None;
                    }
                }
                Headings::None => return None,
            }
        }
        // An agenda's days head its timed entries; a range of days (`October 9, 2017 - October 13,
        // 2017`, the week the agenda covers) heads the days, giving them its year.
        // A range of two or three days (`Sa, 08.03.2031 - So, 09.03.2031`) is the days of one event, a day
        // heading as a single day is.
        // A day with words after it heads them too: one with a word or two (`Friday, August 29
        // Schedule`), or any not chosen to open entries (`Mo. 24.03.   der 3. Fastenwoche`).
        if p.entry_starts.contains(&StartShape::TimeLed)
            && (layout::is_day_heading(&shaped)
                || layout::is_labelled_day(line.raw, &shaped)
                || layout::is_day_led(&shaped) && !p.entry_starts.contains(&shaped.shape))
        {
            let found = shaped.date.found;
            if found.to.is_some() && found.has_year() && !spans_at_most_three_days(&found) {
                return Some(Boundary::Section(line, found.from.year, None));
            }
            return Some(Boundary::DaySection(line, shaped.date));
        }
        // `Stand: 21.03.2020`, `Posted on March 3`: a date led in by a word opens an entry only on a
        // page that puts each entry's title after such a line (`Presse vom 16.12.2021` / title / text).
        // On a blog's page of posts, a byline under each title (`Posted on December 12, 2031 by …`)
        // opens the post.
        let byline = self.hints.bylines && p.titles == Titles::Before;
        if matches!(shaped.date.place, Place::Heading | Place::Bracket)
            && shaped.date.prefix.is_none()
            && p.titles != Titles::After
            && !byline
        {
            return None;
        }
        if shaped.shape == StartShape::DayLed && self.carry.years.heading_month.is_none() {
            return None;
        }
        if shaped.shape == StartShape::TimeLed && self.carry.years.heading_day.is_none() {
            return None;
        }
        // Above the years of an "on this day" page, a day (a blog post's date, `4 augustus: verjaardag
        // …`) is the post's or the page's, not an entry.
        if !self.carry.seen_boundary
            && self.hints.years_only
            && shaped.shape != StartShape::HeadingLine
            && shaped.date.found.from.day.is_some()
        {
            return None;
        }
        // `2019 Meeting and Event Calendar` above `January 5   Regular meeting` …: before the first
        // entry of a page whose entries write no year, a line led by a year alone is the page's
        // heading (its year the entries' year), not an entry.
        let found = shaped.date.found;
        if !self.carry.seen_boundary
            && self.hints.yearless
            && found.from.month.is_none()
            && found.to.is_none()
            && matches!(
                shaped.shape,
                StartShape::Led | StartShape::LedBare | StartShape::LedComma
            )
        {
            return None;
        }
        let mut date = shaped.date;
        if !p.entry_starts.contains(&shaped.shape) {
            // `9 October 2018 –` on a page of leads: a lead whose text was lost.
            if !(date.dangling && p.entry_starts.contains(&StartShape::Led)) {
                return None;
            }
            date.place = Place::Led;
        }
        Some(Boundary::Start(Start { line, date }))
    }

    /// The indentation of `line` (bytes of white space before its text).
    fn indent(&self, line: Text<'_>) -> u32 {
        let start = self
            .line_starts
            .get(line.line as usize - 1)
            .copied()
            .unwrap_or(0);
        line.start.saturating_sub(start)
    }

    /// A list item nested under a date bullet with no text of its own (`  • January 4:` / `    • The
    /// new government is sworn in.` / `    • Heavy snow closes …`): each is an entry on that date, and
    /// the date bullet heads them as a day heading does. Only indentation shows the nesting: a flat list
    /// of items under a date bullet is one entry's (`• March 3, 2021` / `- The railcar returns …`).
    fn nested_item(&mut self, line: Text<'a>, facts: Facts) -> Option<Boundary<'a>> {
        let indent = self.indent(line);
        if let Some((outer, ..)) = self.carry.nest {
            if indent <= outer || facts.shaped.is_some() {
                self.carry.nest = None;
            }
        }
        if facts.shaped.is_some() || segment::list_item_text_start(line.raw).is_none() {
            return None;
        }
        if self.carry.nest.is_some() {
            return Some(Boundary::Nested(line));
        }
        // The first nested item: the entry above is a date bullet with nothing after its date, and
        // nothing stands between them.
        let cur = self.carry.current.as_ref()?;
        // The date bullet: a date alone (a heading), or a lead with no text after its date (`• 3 de
        // febrero:`).
        let empty_lead = cur.lead.filter(|l| l.text.raw.trim().is_empty());
        let head = cur.heading.or(empty_lead.map(|l| l.line))?;
        let bare = (cur.lead.is_none() || empty_lead.is_some())
            && cur.paragraphs.is_empty()
            && self.carry.segment.is_empty();
        let outer = self.indent(head);
        if !bare
            || indent <= outer
            || segment::list_item_text_start(head.raw).is_none()
            || cur.date.is_none()
        {
            return None;
        }
        let cur = self.carry.current.take()?;
        self.carry.nest = Some((outer, cur.date, cur.year_source));
        // Its lines head the nested entries: any title or caption line above it (`Events`) and
        // furniture (`[edit]`) too, in page order.
        let mut lines: Vec<Text<'a>> = cur.section;
        lines.extend(cur.title);
        lines.push(head);
        lines.extend(cur.captions.iter().map(|c| c.text));
        lines.extend(cur.placeholders);
        lines.sort_by_key(|t| t.line);
        self.carry.pending_section.extend(lines);
        Some(Boundary::Nested(line))
    }

    /// The draft of a nested list item's entry (see [`Assembler::nested_item`]).
    fn open_nested(&mut self, line: Text<'a>) -> Draft<'a> {
        let (_, date, year_source) = self.carry.nest.unwrap_or((0, None, YearSource::Missing));
        let text_start = segment::list_item_text_start(line.raw).unwrap_or(0);
        let lead = Lead {
            line,
            date_text: None,
            dateline: None,
            text: line.slice(text_start..line.raw.len()),
        };
        let mut draft = Draft {
            date,
            year_source,
            section: std::mem::take(&mut self.carry.pending_section),
            ..Draft::default()
        };
        Key::with_first_sentence(lead.text.raw, &mut draft.lead_keys);
        draft.lead = Some(lead);
        draft
    }

    fn finish(mut self) -> (Option<PageTitle<'a>>, Vec<Text<'a>>, Vec<Record<'a>>) {
        let pending = self.end();
        let mut records = std::mem::take(&mut self.built.records);
        fill_in(&mut records, self.profile.lang, self.member_regex);
        leave_at_the_end(&mut records, &mut self.preamble, pending);
        (self.title, self.preamble, records)
    }

    /// Reads the page's end: the entry being assembled is complete. Returns the lines of a section
    /// heading with no entry under it, for [`leave_at_the_end`].
    fn end(&mut self) -> Vec<Text<'a>> {
        self.last = true;
        self.close_segment(Boundary::End);
        if let Some(cur) = self.carry.current.take() {
            self.complete(cur);
        }
        std::mem::take(&mut self.carry.pending_section)
    }

    /// The draft of the entry `start` opens: its lead or heading, and its date with the year resolved.
    fn open(&mut self, start: &Start<'a>) -> Draft<'a> {
        let line = start.line;
        let d = &start.date;
        let date_text = line.slice(d.found.start..d.found.end);
        let (date, year_source) = match (d.time_only, self.carry.years.heading_day) {
            // A timed entry is on its day heading's day.
            (true, Some((day, source))) => (day, source),
            _ => year::resolve(
                &d.found,
                self.profile.date_order,
                &self.carry.years,
                &self.profile.year_from,
            ),
        };
        let date = date.map(|date| self.on_page_day(date));
        if let Some(date) = date {
            self.carry.years.passed(date.start, year_source);
        }
        let mut draft = Draft {
            date,
            year_source,
            section: std::mem::take(&mut self.carry.pending_section),
            ..Draft::default()
        };
        match d.place {
            // A table row whose one cell before the date's is a headline, not a place (`Premier Olav
            // Dressler gives his weekly update, 28 May | 28 May 2031 | Government programme |`): the
            // cell is the title, the row the entry's heading.
            Place::Placed
                if d.sep == scan::Sep::Pipe
                    && d.prefix.is_some_and(|(a, b)| {
                        let cell = &line.raw[a..b];
                        !cell.contains('|') && crate::canonical::more_words_than(cell, 5)
                    }) =>
            {
                let (a, b) = d.prefix.unwrap_or_default();
                draft.title = Some(line.slice(a..b));
                draft.heading = Some(line);
                draft.date_text = Some(date_text);
                draft.wants_lead = true;
                draft.row_title = true;
            }
            Place::Led | Place::Placed => {
                let rest = line.slice(d.rest..line.raw.len());
                let (dateline, text) = match d.prefix {
                    Some((a, b)) => (Some(line.slice(a..b)), rest),
                    None => split_dateline(rest),
                };
                let lead = Lead {
                    line,
                    // A time is not the date as written: the day heading holds that.
                    date_text: (!d.time_only).then_some(date_text),
                    dateline,
                    text,
                };
                Key::with_first_sentence(lead.text.raw, &mut draft.lead_keys);
                draft.lead = Some(lead);
            }
            Place::Inside => {
                // The whole paragraph is the lead; its date is written inside it.
                draft.date_text = Some(date_text);
                let lead = Lead {
                    line,
                    date_text: None,
                    dateline: None,
                    text: line,
                };
                Key::with_first_sentence(lead.text.raw, &mut draft.lead_keys);
                draft.lead = Some(lead);
            }
            Place::Alone | Place::Heading | Place::Bracket => {
                draft.heading = Some(line);
                draft.date_text = (!d.time_only).then_some(date_text);
                draft.wants_lead = true;
                // The words before the date (`Vienna, Austria`): the title, unless a title line
                // before the heading gives one.
                // Words repeated before every heading's date (`Press release | …`) are a category.
                draft.title = d
                    .prefix
                    .filter(|_| !self.hints.categories)
                    .map(|(a, b)| line.slice(a..b));
            }
        }
        draft
    }

    /// A year alone on a page about one day of the year (`Ephéméride 21 février`) is that day of the
    /// year; any other date stays as it is.
    fn on_page_day(&self, date: Date) -> Date {
        use chrono::Datelike;
        match self.carry.years.page_day {
            Some((month, day))
                if date.precision == crate::record::Precision::Year && date.end.is_none() =>
            {
                chrono::NaiveDate::from_ymd_opt(date.start.year(), month, day).map_or(
                    date,
                    |start| Date {
                        start,
                        end: None,
                        precision: crate::record::Precision::Day,
                    },
                )
            }
            _ => date,
        }
    }

    /// Distributes the pending lines between the current entry, entries without a date of their own,
    /// and the entry that `next` opens (or, at a section or the end of the page, nobody).
    fn close_segment(&mut self, next: Boundary<'a>) {
        let mut items = std::mem::take(&mut self.carry.segment);
        let first_segment = !self.carry.seen_boundary;
        if !self.carry.seen_boundary {
            self.take_page_title(&mut items, &next);
            self.find_document_date(&items);
        }
        // On a page of sections, a heading with nothing under it but text, up to the next heading or the
        // page's end (`1770` / `Un padrón de la diócesis …` / `1786`), is an entry, as on a page of year
        // entries.
        let after_heading = std::mem::take(&mut self.carry.after_heading);
        if after_heading
            && self.profile.headings == Headings::Sections
            && self.carry.current.is_none()
            && matches!(next, Boundary::Section(..) | Boundary::End)
            && items.iter().any(|i| i.kind == Kind::Sentence)
        {
            if let Some(&line) = self.carry.pending_section.last() {
                if let Some(date) = self.scanner.start(line.raw) {
                    self.carry.pending_section.pop();
                    let draft = self.open(&Start { line, date });
                    self.carry.current = Some(draft);
                }
            }
        }
        // On a page of years about one day, a line opening with another day (`29 de março é o 88º dia
        // do ano.`) or a heading naming one starts that day's years.
        // Such a line heads the entries after it (their section), not the text of the entry above.
        let mut day_lines = Vec::new();
        if !first_segment && self.hints.years_only && matches!(next, Boundary::Start(_)) {
            let scanner = &mut self.scanner;
            let day_line = items.iter().rposition(|i| {
                (i.kind == Kind::Label || i.text.raw.starts_with(|c: char| c.is_ascii_digit()))
                    && scanner.day_without_year(i.text.raw).is_some()
            });
            if let Some(k) = day_line {
                self.carry.years.page_day = scanner.day_without_year(items[k].text.raw);
                day_lines.extend(items.drain(k..).map(|i| i.text));
            }
        }
        // `Trips in 2030` over list items whose dates write no year (`• On January 9-11, …`): the label
        // heads them and gives them its year. (Over an entry whose date has its year, such a label is a
        // title: `Record container volumes in 2023`.)
        if let Boundary::Start(s) = &next {
            let yearless = !s.date.found.has_year() && s.date.found.from.month.is_some();
            if yearless && !s.date.time_only {
                let scanner = &mut self.scanner;
                let label = items
                    .iter()
                    .rposition(|i| i.kind == Kind::Label)
                    .filter(|&k| scanner.end(items[k].text.raw).is_none())
                    .and_then(|k| {
                        let year = layout::year_ending(scanner, items[k].text.raw)?
                            .found
                            .from
                            .year;
                        Some((k, year))
                    });
                if let Some((k, year)) = label {
                    self.carry.years.heading = year;
                    self.carry.years.heading_month = None;
                    self.carry.years.heading_day = None;
                    self.carry.years.previous = None;
                    day_lines.push(items.remove(k).text);
                }
            }
        }
        // A year line taken for an entry (`1948` on a page of year entries) with nothing under it but
        // entries of days that write no year (`14 June: …`) heads them: a section, not an entry.
        if items.is_empty() {
            if let (Boundary::Start(s), Some(cur)) = (&next, self.carry.current.as_ref()) {
                let yearless_day = !s.date.found.has_year() && s.date.found.from.month.is_some();
                if yearless_day && cur.is_a_year_alone() {
                    if let Some(cur) = self.carry.current.take() {
                        self.carry.pending_section.extend(cur.section);
                        self.carry.pending_section.extend(cur.heading);
                        self.carry.years.heading = cur.date.map(|d| d.start.year());
                        self.carry.years.heading_month = None;
                        self.carry.years.heading_day = None;
                        self.carry.years.previous = None;
                    }
                }
            }
        }
        self.carry.seen_boundary |= !matches!(next, Boundary::End);
        // Lines left to no entry after a section's heading (a table's header row under it) are the
        // section's, as its heading is: the entry that opens here takes the section's lines.
        let in_section = !self.carry.pending_section.is_empty();
        let mut next_draft = match &next {
            Boundary::Start(s) => Some(self.open(s)),
            Boundary::Nested(line) => Some(self.open_nested(*line)),
            _ => None,
        };
        if let Some(d) = next_draft.as_mut() {
            day_lines.append(&mut d.section);
            d.section = day_lines;
        }
        // A range of days alone on its line, with nothing under it but the entries it spans (`28 April
        // - 4 May 2014`, then `2 MAY 2014` …): a period heading, not an entry.
        if let (Some(nd), Some(cur)) = (next_draft.as_mut(), self.carry.current.as_ref()) {
            let spans_next = cur.date.zip(nd.date).is_some_and(|(c, n)| {
                c.end.is_some() && c.start <= n.start && n.start <= c.last_day()
            });
            if spans_next && items.is_empty() && cur.is_bare_heading() {
                if let Some(cur) = self.carry.current.take() {
                    let mut section = cur.section;
                    section.extend(cur.heading);
                    section.append(&mut nd.section);
                    nd.section = section;
                }
            }
        }
        let mut plan = std::mem::take(&mut self.plan);
        if self.profile.titles == Titles::Closing {
            let end = matches!(next, Boundary::End);
            segment::plan_closing(&items, first_segment, end, &mut plan);
        } else if self.profile.titles == Titles::Before {
            let mut prev_known = std::mem::take(&mut self.carry.prev_known);
            prev_known.clear();
            let mut prev_words = Vec::new();
            let mut prev_text_line = None;
            if let Some(cur) = &self.carry.current {
                cur.known(&mut prev_known);
                prev_words.extend(cur.lead.map(|l| l.text.raw));
                // A lead standing on its own line (under a date alone): the text the segment follows.
                prev_text_line = cur
                    .lead
                    .filter(|l| {
                        l.date_text.is_none()
                            && segment::classify(l.line.raw) == segment::Kind::Sentence
                    })
                    .map(|l| l.line.line);
            }
            let next_lead = next_draft.as_ref().map(|d| {
                d.lead
                    .map(|l| l.text.raw)
                    .or(d.title.map(|t| t.raw))
                    .unwrap_or("")
            });
            let next_known: &[Key<'a>] = next_draft.as_ref().map_or(&[], |d| &d.lead_keys);
            let next_line = match &next {
                Boundary::Start(s) => Some(s.line.line),
                _ => None,
            };
            let ctx = Context {
                prev_is_record: self.carry.current.is_some(),
                prev_known: &prev_known,
                prev_words: &prev_words,
                next_lead,
                next_known,
                next_line,
                prev_text_line,
            };
            segment::plan(&items, &ctx, &mut self.scratch, &mut plan);
            self.carry.prev_known = prev_known;
        } else {
            let mut prev_known = std::mem::take(&mut self.carry.prev_known);
            prev_known.clear();
            if let Some(cur) = &self.carry.current {
                cur.known(&mut prev_known);
            }
            let cur = self.carry.current.as_ref();
            let fwd = Forward {
                title_after: self.profile.titles == Titles::After
                    && cur.is_some_and(|c| c.title.is_none() && c.lead.is_none()),
                wants_lead: cur.is_some_and(|c| c.wants_lead),
                shared_dates: cur.is_some_and(|c| c.lead.is_none() && c.heading.is_some()),
                heading: cur.and_then(|c| c.heading).map(|h| h.raw),
                next_known: next_draft.as_ref().map_or(&[], |d| &d.lead_keys),
                prev_known: &prev_known,
            };
            segment::plan_forward(&items, &fwd, &mut plan);
            self.carry.prev_known = prev_known;
        }
        let mut undated: Vec<Draft<'a>> = Vec::new();
        let mut spare = Draft::default();
        for (item, &(owner, role)) in items.iter().zip(&plan) {
            match owner {
                Owner::Prev => match (self.carry.current.as_mut(), next_draft.as_mut()) {
                    (Some(cur), _) => cur.put(role, item.text),
                    (None, Some(next)) if in_section => next.section.push(item.text),
                    (None, _) if !self.carry.pending_section.is_empty() => {
                        self.carry.pending_section.push(item.text)
                    }
                    (None, _) => self.preamble.push(item.text),
                },
                Owner::Undated(k) => {
                    if undated.len() <= k {
                        undated.resize_with(k + 1, Draft::default);
                    }
                    undated[k].put(role, item.text);
                }
                Owner::Next => next_draft
                    .as_mut()
                    .unwrap_or(&mut spare)
                    .put(role, item.text),
            }
        }
        // Lines planned for a next entry when there is none (cannot happen: the planner only gives lines
        // to the next entry when one follows) would be lost; keep them with the page.
        self.preamble.append(&mut spare.paragraphs);
        // Keep the allocations for the next segment.
        items.clear();
        self.carry.segment = items;
        self.plan = plan;
        // Entries that share the current entry's date (forward layouts) take it; entries found between
        // two dated ones on a title-before page have none.
        let shared = !matches!(self.profile.titles, Titles::Before | Titles::Closing);
        let (date, year_source) = self
            .carry
            .current
            .as_ref()
            .map_or((None, YearSource::Written), |c| (c.date, c.year_source));
        if let Some(cur) = self.carry.current.take() {
            self.complete(cur);
        }
        for mut d in undated {
            if shared {
                d.date = date;
                d.year_source = year_source;
            }
            self.complete(d);
        }
        match next {
            Boundary::Start(_) | Boundary::Nested(_) => self.carry.current = next_draft,
            Boundary::Section(line, year, month) => {
                self.carry.pending_section.push(line);
                self.carry.after_heading = true;
                // A year heading opens a year; a month heading a month of the year in force (or of
                // its own year).
                if year.is_some() {
                    self.carry.years.heading = year;
                }
                self.carry.years.heading_month = month;
                self.carry.years.heading_day = None;
            }
            Boundary::DaySection(line, d) => {
                self.carry.pending_section.push(line);
                // A full date heading the page with no timed entry under it before the next day
                // (`Thursday, November 24, 2011` above `November 22`, `07:02 …`) is the document's
                // date (a post's or a release's), not a day of the agenda.
                if let Some((Some(day), YearSource::Written)) = self.carry.years.heading_day {
                    if !self.carry.built_any && self.carry.current.is_none() {
                        self.carry.years.document = Some(day.start);
                        self.carry.years.heading_day = None;
                        self.carry.years.previous = None;
                    }
                }
                let (date, source) = year::resolve(
                    &d.found,
                    self.profile.date_order,
                    &self.carry.years,
                    &self.profile.year_from,
                );
                self.carry.years.heading_day = Some((date, source));
                if let Some(date) = date {
                    self.carry.years.passed(date.start, source);
                }
            }
            Boundary::End => {}
        }
    }

    /// Turns a finished draft into a record: its id, span and member counts.
    fn complete(&mut self, mut d: Draft<'a>) {
        // A short headline on the dated line of an entry with no title line, with text below it
        // (`9 June - Council adopts a new package`): the headline is the title, the dated line the
        // entry's heading, and its first paragraph the lead.
        // Lines marked `*` below it are footnotes of the page, not the entry's text.
        let has_body = d.paragraphs.iter().any(|p| !p.raw.starts_with('*'))
            || d.captions
                .iter()
                .any(|c| c.position == CaptionPosition::After && !segment::is_credit(c.text.raw));
        let footer = self.last && self.hints.one_liners;
        if d.title.is_none() && d.heading.is_none() && has_body && !footer {
            // A dated line whose text goes on in lower case on the line right below (a wrapped
            // paragraph) holds no headline.
            let wrapped = |l: &Lead<'_>| {
                d.paragraphs.first().is_some_and(|p| {
                    p.line == l.line.line + 1 && p.raw.starts_with(char::is_lowercase)
                })
            };
            if let Some(lead) = d
                .lead
                .filter(|l| is_headline(l.text.raw) && l.dateline.is_none() && !wrapped(l))
            {
                d.title = Some(without_table_bar(lead.text));
                d.heading = Some(lead.line);
                d.date_text = lead.date_text;
                d.lead = None;
                d.wants_lead = true;
            }
        }
        // A paragraph entry whose first paragraph is a short sentence followed by more text on the
        // same date (a headline over its teaser): the sentence is the title, the text its lead.
        if self.profile.entry_starts == [StartShape::Prose] && d.title.is_none() {
            if let Some(lead) = d.lead.filter(|l| {
                l.text.raw == l.line.raw
                    && l.line
                        .raw
                        .split_whitespace()
                        .nth(segment::MAX_TITLE_WORDS + 6)
                        .is_none()
            }) {
                if !d.paragraphs.is_empty() {
                    d.title = Some(lead.line);
                    d.lead = None;
                    d.wants_lead = true;
                }
            }
        }
        // An entry whose date stood alone: its first paragraph is its lead, passing over the fields of a
        // listing above the text (`Contact: Dana Whitlow, 555-0142`, `Ort: Festhalle`) when text follows
        // them.
        if d.lead.is_none() && d.wants_lead && !d.paragraphs.is_empty() {
            let first = d
                .paragraphs
                .iter()
                .position(|p| !segment::is_any_field_line(p.raw))
                .unwrap_or(0);
            let first = d.paragraphs.remove(first);
            d.put(Role::Lead, first);
        }
        let date = d.date;
        let lead = d.lead;
        // Built in a buffer kept from record to record, then copied once to its exact size: growing a
        // fresh string and shrinking it into a box showed in profiles of long pages.
        let mut id = std::mem::take(&mut self.id_buffer);
        id.clear();
        match date {
            Some(d) => id_date(&d, &mut id),
            None => id.push_str("undated"),
        }
        id.push('-');
        let before_slug = id.len();
        if let Some(t) = d.title {
            slug_into(t.raw, 60, &mut id);
        }
        if id.len() == before_slug {
            id.push_str("untitled");
        }
        let boxed: Box<str> = id.as_str().into();
        self.id_buffer = id;
        let id = boxed;
        let spans = d
            .section
            .iter()
            .chain(d.title.iter())
            .chain(d.heading.iter())
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
        self.carry.built_any = true;
        // Its index, and an id no record above it has, are given by `built`.
        self.built.push(Record {
            id: RecordId(id),
            index: 0,
            span,
            // Filled in by `fill_in`, once every record is built.
            hashes: crate::record::FieldHashes::default(),
            title: d.title,
            date,
            // A date whose year was looked for and not found says so (an agenda's items under a day
            // heading with no year anywhere); an entry with no date at all has no year to look for.
            year_source: if date.is_some()
                || d.date_text.is_some()
                || lead_has_date(&lead)
                || d.year_source == YearSource::Missing
            {
                d.year_source
            } else {
                YearSource::Written
            },
            heading: d.heading,
            date_text: d.date_text,
            section: d.section.into_boxed_slice(),
            captions: d.captions.into_boxed_slice(),
            lead,
            paragraphs: d.paragraphs.into_boxed_slice(),
            member_counts: Box::default(),
            placeholders: d.placeholders.into_boxed_slice(),
        });
    }

    /// The records built so far but the last, filled in, to be handed out: the last one stays, since
    /// the page's end may add lines to it.
    fn hand_out(&mut self) -> Vec<Record<'a>> {
        let mut out = self.built.hand_out();
        fill_in(&mut out, self.profile.lang, self.member_regex);
        out
    }

    /// Takes the page title off the front of the lines before the first entry or section: a first line
    /// shaped like a label that names a year range (`Official visits 2018 to 2023`), or one year when
    /// another label (the first entry's title) follows it; on pages whose titles do not stand before
    /// their dates, or that open with a section, any first label (`Visites officielles`); and on pages
    /// whose titles do, a first label followed by a different one before the first entry (`Official
    /// visits` / `Visit one` / `20 June 2018 - …`).
    fn take_page_title(&mut self, items: &mut Vec<Item<'a>>, next: &Boundary<'a>) {
        // An accessibility link scraped above the title (`Skip to main content`), a breadcrumb trail or a
        // government site's banner is not it: the title is the first line after them. (A site's menu, `Home` / `About us` / …, is left alone: its first
        // item is no better a title than none.)
        let mut furniture = items
            .iter()
            .take_while(|i| {
                matches!(i.kind, Kind::Placeholder | Kind::Label)
                    && segment::is_above_title(i.text.raw)
            })
            .count();
        // Account links read as labels (`Log in`) are furniture: no entry's title either.
        for item in &mut items[..furniture] {
            item.kind = Kind::Placeholder;
        }
        // Below a site's menus, a breadcrumb whose last crumb the next line repeats (`Home › City
        // Council › City Council Meetings` / `City Council Meetings`): that line is the title.
        let repeats_last_crumb = |b: usize| {
            let (crumbs, next) = (&items[b], &items[b + 1]);
            let crumb = crumbs.text.raw.rsplit(['›', '>', '»']).next().unwrap_or("");
            crumbs.kind == Kind::Placeholder
                && next.kind == Kind::Label
                && segment::is_above_title(crumbs.text.raw)
                && next.text.raw.eq_ignore_ascii_case(crumb.trim())
        };
        if let Some(b) =
            (furniture..items.len().min(24).saturating_sub(1)).find(|&b| repeats_last_crumb(b))
        {
            furniture = b + 1;
        } else {
            furniture += menu_before_title(&items[furniture..], next);
        }
        if furniture == 0 || furniture == items.len() {
            return self.take_page_title_after_furniture(items, next);
        }
        let mut rest = items.split_off(furniture);
        self.take_page_title_after_furniture(&mut rest, next);
        items.append(&mut rest);
    }

    fn take_page_title_after_furniture(&mut self, items: &mut Vec<Item<'a>>, next: &Boundary<'a>) {
        let Some(first) = items.first() else { return };
        // A page may open with a question or an exclamation (`Efemérides del 14 de diciembre: ¿Qué pasó
        // un día como hoy?`): a headline, when it is one short sentence.
        // Not when it repeats the first entry's text (a caption of it).
        let repeats_lead = || match next {
            Boundary::Start(s) => {
                s.line.raw[s.date.rest.min(s.line.raw.len())..].contains(first.text.raw.trim())
            }
            _ => false,
        };
        let headline = first.kind == Kind::Label
            || first.kind == Kind::Sentence
                && segment::is_headline_question(first.text.raw)
                && !repeats_lead();
        if self.title.is_some() || !headline || !self.preamble.is_empty() {
            return;
        }
        // A date alone (`domingo, 27 de março de 2031`, a post's or the site's date) titles nothing.
        let date_alone = self.scanner.start(first.text.raw).is_some_and(|d| {
            d.place == Place::Alone
                && d.prefix.is_none()
                && d.found.from.day.is_some()
                && d.found.has_year()
        });
        if date_alone {
            return;
        }
        let years = title_years(first.text.raw);
        let before_start = matches!(next, Boundary::Start(_));
        let another_label = items[1..]
            .iter()
            .find(|i| !matches!(i.kind, Kind::Placeholder | Kind::Credit))
            .is_some_and(|i| i.kind == Kind::Label);
        let by_years = years.is_some_and(|(from, to)| from != to || another_label || !before_start);
        let by_layout = match next {
            Boundary::Section(..) | Boundary::DaySection(..) | Boundary::Nested(_) => true,
            // A page with no entries at all: what it shows first is its title.
            Boundary::End => true,
            Boundary::Start(_) if self.profile.titles != Titles::Before => true,
            Boundary::Start(s) => {
                // Two different labels, then nothing but the first entry's head: the first is the
                // page's title (pages have one far more often than a first entry has a caption), unless
                // other entries carry a caption after their title and this first label shares a word
                // with the entry's lead, as a title does.
                let rest_is_head = items[1..]
                    .iter()
                    .all(|i| matches!(i.kind, Kind::Label | Kind::Placeholder | Kind::Credit));
                let lead = &s.line.raw[s.date.rest..];
                // A first label with text after it, before the first entry's own head (an
                // introduction): the page's title.
                let introduced =
                    !rest_is_head && items.iter().skip(1).any(|i| i.kind == Kind::Sentence);
                introduced
                    || another_label
                        && rest_is_head
                        && canonical_hash(first.text.raw) != canonical_hash(items[1].text.raw)
                        && (!self.hints.caption_pairs
                            || !segment::shares_a_word(first.text.raw, &[lead]))
            }
        };
        if by_years || by_layout {
            self.title = Some(PageTitle {
                text: first.text,
                years,
            });
            items.remove(0);
            if let Some((from, to)) = years {
                if from == to {
                    self.carry.years.title = Some(from);
                } else if to == from + 1 {
                    // `School news 2031-32`: a school year or season.
                    self.carry.years.title = Some(from);
                    self.carry.years.title_next = true;
                }
            }
        }
    }

    /// The document's own date: the first full date written in the lines before the first entry (or in
    /// the page title), which gives a year to dates that lack one (`Brussels (14 December)`).
    fn find_document_date(&mut self, items: &[Item<'a>]) {
        let title = self.title.map(|t| t.text);
        for text in title.iter().chain(items.iter().map(|i| &i.text)) {
            if let Some(date) = self.scanner.full_date_anywhere(text.raw) {
                self.carry.years.document = Some(date);
                break;
            }
        }
        // `Ephéméride 21 février` over `1852 : mort de …`, `1900 : naissance de …`: the page's day is
        // each year's; so is the day of a title's full date (`L'almanacco del 26 settembre 2017`).
        if self.hints.years_only {
            let scanner = &mut self.scanner;
            self.carry.years.page_day = title
                .iter()
                .chain(items.iter().map(|i| &i.text))
                .find_map(|t| scanner.day_without_year(t.raw))
                .or_else(|| {
                    title
                        .iter()
                        .chain(items.iter().map(|i| &i.text))
                        .filter(|t| names_a_day_of_the_year(t.raw))
                        .find_map(|t| scanner.full_date_anywhere(t.raw))
                        .map(|d| (d.month(), d.day()))
                });
        }
        // A heading naming one year below the first line (under a logo's caption or a site's banner:
        // `2019 Meeting and Event Calendar`) titles the page as a first line would.
        // A full date (`Report of 20 January 2010`) is the document's date, not a title's year.
        // Under a page title of its own (`City Council Meetings` / … / `2031 Meetings`), it is a
        // heading over the entries.
        if self.carry.years.title.is_none() && self.hints.yearless {
            let scanner = &mut self.scanner;
            let year = items
                .iter()
                .filter(|i| i.kind == Kind::Label && !segment::is_fragment(i.text.raw))
                .filter_map(|i| title_years(i.text.raw).map(|y| (i, y)))
                .find(|(i, (a, b))| a == b && scanner.full_date_anywhere(i.text.raw).is_none())
                .map(|(_, (a, _))| a);
            if self.title.is_some() && self.carry.years.heading.is_none() {
                self.carry.years.heading = year;
            } else {
                self.carry.years.title = year;
            }
        }
    }
}

/// Whether a range of days written in full (`Sa, 08.03.2031 - So, 09.03.2031`) spans three days or fewer.
fn spans_at_most_three_days(found: &date::Found) -> bool {
    let Some(mut to) = found.to else { return false };
    to.year = to.year.or(found.from.year);
    found
        .from
        .calendar_day()
        .zip(to.calendar_day())
        .is_some_and(|(a, b)| (0..=2).contains(&(b - a).num_days()))
}

/// True for a title that says its page is about one day of the year (`L'almanacco del 26 settembre
/// 2017`, `On this day: 14 June`): its date's day, not its year, is the entries'.
fn names_a_day_of_the_year(title: &str) -> bool {
    const WORDS: [&str; 16] = [
        "on this day",
        "this day in",
        "today in history",
        "almanac",
        "efemerid",
        "efeméri",
        "éphéméri",
        "ephemeri",
        "ce jour",
        "accadde",
        "ocurrió",
        "sucedió",
        "aconteceu",
        "gebeurde",
        "geschah",
        "dia do ano",
    ];
    let lower = title.to_lowercase();
    WORDS.iter().any(|w| lower.contains(w))
}

/// Where the text after a list number (`1. `, `12) `) or a bullet (`• `, `- `) starts, if `text` opens
/// with one.
pub(crate) fn list_marker_end(text: &str) -> Option<usize> {
    if let Some(bullet) = text.chars().next().filter(|&c| segment::is_list_bullet(c)) {
        let after = &text[bullet.len_utf8()..];
        let trimmed = after.trim_start();
        return (trimmed.len() < after.len() && trimmed.starts_with(char::is_alphanumeric))
            .then(|| text.len() - trimmed.len());
    }
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 3 {
        return None;
    }
    let rest = &text[digits..];
    let after = rest.strip_prefix(['.', ')'])?;
    let trimmed = after.trim_start();
    (trimmed.len() < after.len() && trimmed.starts_with(crate::canonical::is_alphabetic))
        .then(|| text.len() - trimmed.len())
}

/// `text` without the bar closing a flattened table row (`Regreso a Valdoria |`): the table's, not the
/// headline's.
fn without_table_bar(text: Text<'_>) -> Text<'_> {
    match text.raw.trim_end().strip_suffix('|') {
        Some(body) if !body.trim_end().is_empty() => text.slice(0..body.trim_end().len()),
        _ => text,
    }
}

/// True for a dated line's text that reads as a headline: short, no final full stop.
fn is_headline(text: &str) -> bool {
    !text.is_empty()
        && !segment::breaks_off(text)
        && segment::is_title_like(&Item::new(Text {
            raw: text,
            line: 0,
            start: 0,
        }))
}

fn lead_has_date(lead: &Option<Lead<'_>>) -> bool {
    lead.is_some_and(|l| l.date_text.is_some())
}

/// The year range a page title names: `2018 to 2023`, `2018-2021`, `2018 à 2023`, or one year.
fn title_years(s: &str) -> Option<(i32, i32)> {
    static RANGE: OnceLock<Regex> = OnceLock::new();
    let re = RANGE.get_or_init(|| {
        Regex::new(r"(?i)\b(?P<a>[12][0-9]{3})\b(?:\s*(?:-|–|—|/|to|à|a|au|al|y|and|through)\s*\b(?P<b>[12][0-9]{3})\b|(?:-|–|/)(?P<short>[0-9]{2})\b)?")
            .expect("built-in regex compiles")
    });
    let caps = re.captures(s)?;
    let a: i32 = caps.name("a")?.as_str().parse().ok()?;
    // `2031-32`, `2031/32`: a school year or season, its second year written short (only the next year).
    let short = caps
        .name("short")
        .and_then(|m| m.as_str().parse::<i32>().ok())
        .map(|c| a - a % 100 + c)
        .filter(|&b| b == a + 1);
    let b: i32 = caps
        .name("b")
        .and_then(|m| m.as_str().parse().ok())
        .or(short)
        .unwrap_or(a);
    Some((a.min(b), a.max(b)))
}

/// The date part of a record id: the day (a range's first day), month or year.
fn id_date(d: &crate::record::Date, id: &mut String) {
    use crate::record::Precision;
    use chrono::Datelike;
    use std::fmt::Write;
    // Written by hand rather than with chrono's formatter, which showed in profiles of long pages; the
    // same text as chrono's `%Y-%m-%d` (a year outside 0–9999 takes its sign, as chrono writes it).
    // Digits are pushed one by one: `write!` with widths cost a thousand instructions per id.
    let (y, m, day) = (d.start.year(), d.start.month(), d.start.day());
    match u32::try_from(y) {
        Ok(y) if y <= 9999 => push_digits(id, y, 4),
        _ => {
            let _ = write!(id, "{y:+05}");
        }
    }
    match d.precision {
        Precision::Day => {
            id.push('-');
            push_digits(id, m, 2);
            id.push('-');
            push_digits(id, day, 2);
        }
        Precision::Month => {
            id.push('-');
            push_digits(id, m, 2);
        }
        Precision::Year => {}
    }
}

/// Pushes the last `width` decimal digits of `n`, with leading zeros.
fn push_digits(out: &mut String, n: u32, width: u32) {
    for place in (0..width).rev() {
        let digit = n / 10u32.pow(place) % 10;
        out.push(char::from(b'0' + digit as u8));
    }
}

#[cfg(test)]
mod tests;

/// How many of `items`, the lines before the first entry after any furniture above the title, are a
/// site's menu scraped one link to a line: more than three labels of three words or fewer (`Admissions`
/// / `Academic` / … / `Term Dates`). The menu's last label is the page's title when an introduction
/// follows it, or a section (`… / Contact` / `Festival Schedule` / `2031`); a longer label after the
/// menu (`Inicio` / … / `Clima` / `Conoce las celebraciones …`) is the title when the labels are all
/// menu. Zero when there is no such run.
fn menu_before_title(items: &[Item<'_>], next: &Boundary<'_>) -> usize {
    // Menu links are labels, or furniture words (`Home`, `Inicio`, `Contact`).
    let short_label = |i: &Item<'_>| {
        matches!(i.kind, Kind::Label | Kind::Placeholder)
            && !crate::canonical::more_words_than(i.text.raw, 3)
    };
    let run = |from: usize| {
        items
            .iter()
            .skip(from)
            .take(24)
            .take_while(|i| short_label(i))
            .count()
    };
    // The site's name may stand above its menu (`Meteo e dintorni di Roccalbina` / `Home` / `Blog` / …).
    let site = usize::from(
        items
            .first()
            .is_some_and(|i| i.kind == Kind::Label && !short_label(i))
            && run(1) > 3,
    );
    let menu = run(site);
    // A menu is a few links: a run that goes on is a list of the page's own.
    if menu >= 24 {
        return 0;
    }
    let end = site + menu;
    match items.get(end).map(|i| i.kind) {
        Some(Kind::Sentence) if menu > 4 => end - 1,
        None if menu > 4 && !matches!(next, Boundary::Start(_)) => end - 1,
        // Not the first entry's own title right over its date.
        Some(Kind::Label)
            if menu > 3 && (end + 1 < items.len() || !matches!(next, Boundary::Start(_))) =>
        {
            end
        }
        _ => 0,
    }
}

#[cfg(test)]
mod id_date_tests {
    use crate::record::{Date, Precision};
    use chrono::NaiveDate;

    #[test]
    fn id_dates_are_written_as_chrono_writes_them() {
        for (y, m, d) in [
            (2023, 11, 13),
            (1, 1, 1),
            (999, 12, 31),
            (9999, 2, 28),
            (10000, 1, 5),
        ] {
            let start = NaiveDate::from_ymd_opt(y, m, d).expect("a calendar date");
            for (precision, format) in [
                (Precision::Day, "%Y-%m-%d"),
                (Precision::Month, "%Y-%m"),
                (Precision::Year, "%Y"),
            ] {
                let date = Date {
                    start,
                    end: None,
                    precision,
                };
                let mut id = String::new();
                super::id_date(&date, &mut id);
                assert_eq!(id, start.format(format).to_string());
            }
        }
    }
}
