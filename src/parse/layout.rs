//! Layout inference, the parser's second stage: which lines open entries on *this* page.
//!
//! Every line's date shape is read ([`super::scan`]), then counted: the shape that repeats is how the
//! page opens its entries, so a date inside a sentence, or a stray date-led line on a page built another
//! way, stays body text. Year and month headings (`2017`, `March 2021`) are sections when dated entries
//! follow them and entries when paragraphs do. Titles stand before the dated line when most entries have
//! a short line right before theirs, and after it when the dates stand alone and a short line follows
//! them. The result is a [`Profile`], with the counts that decided it ([`Evidence`]) for `--explain`.

use super::date::Found;
use super::profile::{DateOrder, Headings, PageOrder, PinnedProfile, Profile, StartShape, Titles};
use super::scan::{LineDate, Place, Scanner, Sep};
use super::segment::{classify, is_title_like, Item, Kind};
use crate::lang::{vocabulary, Lang, LangEvidence, LangSet};
use crate::record::Text;
use serde::Serialize;

/// Lines read to infer a page's layout: every real page, and enough of a generated one of hundreds of
/// megabytes (its shape does not change halfway).
pub const SAMPLE_LINES: usize = 20_000;
/// Dated lines the sample should hold before it stops at [`SAMPLE_LINES`].
const MIN_SAMPLE_DATES: usize = 50;
/// The most lines read to infer a layout, however few of them are dated.
const MAX_SAMPLE_LINES: usize = 400_000;

/// The date shape of one line, as inference counts it.
#[derive(Debug, Clone, Copy)]
pub struct Shaped {
    pub date: LineDate,
    /// The shape it would open an entry with, if chosen; `HeadingLine` for year and month lines.
    pub shape: StartShape,
}

/// Reads the shape a line's date gives it (`None`: no date where an entry could start).
pub fn shape_of(
    scanner: &mut Scanner<'_>,
    line: &str,
    kind: Kind,
    headings_too: bool,
) -> Option<Shaped> {
    // `236 | Council approves budget | 12.12.2031`: a running number (read as a year below 1000) before a
    // heading that ends with its date: the heading's date is the line's.
    let start = scanner.start(line).filter(|d| {
        !(d.found.low_year
            && headings_too
            && scanner
                .end(line)
                .is_some_and(|e| e.found.from.day.is_some() && e.found.has_year()))
    });
    if let Some(d) = start {
        let shape = match d.place {
            _ if d.time_only => StartShape::TimeLed,
            Place::Led if d.day_only => StartShape::DayLed,
            Place::Led => match d.sep {
                Sep::Dash | Sep::Colon | Sep::Period | Sep::Pipe => StartShape::Led,
                // Lower-case text after a date with a comma or nothing (`1845 fuhr die …`) is a
                // sentence that starts with a date, except on a page of date-led lines ([`is_weak`]).
                // A bullet before the date makes the line a list item (`- 27 janv., les écoles …`).
                Sep::Comma | Sep::None if !d.rest_upper && !d.found.has_year() && !d.marker => {
                    return None
                }
                // `Lundi 15 décembre, Claire Vannier inaugurera le musée …`: a weekday and a day with no
                // year, a comma, then a long sentence is the sentence's time, as in a news story, not
                // an entry's date.
                Sep::Comma
                    if d.found.weekday.is_some()
                        && !d.found.has_year()
                        && !d.marker
                        && crate::canonical::more_words_than(&line[d.rest..], 8) =>
                {
                    return None
                }
                Sep::Comma => StartShape::LedComma,
                // `January 14, 2030 (CANCELLED)`: a remark in brackets after a full date sets it off as a
                // separator does.
                Sep::None
                    if d.found.has_year()
                        && d.found.from.day.is_some()
                        && line[d.rest..].starts_with(['(', '[']) =>
                {
                    StartShape::Led
                }
                Sep::None => StartShape::LedBare,
            },
            // `Vienna, Austria, 29 September – 2 October 2009`: a heading ending with its date.
            Place::Alone if d.prefix.is_some() => StartShape::Heading,
            Place::Alone if d.found.from.day.is_some() => StartShape::DateLine,
            Place::Alone => StartShape::HeadingLine,
            Place::Placed => StartShape::Placed,
            Place::Heading | Place::Bracket | Place::Inside => return None,
        };
        return Some(Shaped { date: d, shape });
    }
    // `The following trips were made during 2031:`: a line that ends with a year and a colon introduces
    // the list below it, as a year heading does, however long it is.
    if headings_too && kind != Kind::Placeholder {
        if let Some(d) = year_before_colon(scanner, line) {
            return Some(Shaped {
                date: d,
                shape: StartShape::HeadingLine,
            });
        }
    }
    // A short line ending with a colon (`Durante el 2015:`) may head what follows.
    let heading_like = matches!(kind, Kind::Label)
        || (line.ends_with(':') && line.split_whitespace().nth(6).is_none());
    if headings_too && heading_like {
        if let Some(d) = scanner.end(line) {
            // `Durante el 2015:`, `In 2019`: a year (or month) led in by a word heads a section.
            if d.prefix.is_none() && d.found.from.day.is_none() {
                return Some(Shaped {
                    date: d,
                    shape: StartShape::HeadingLine,
                });
            }
            let shape = if d.place == Place::Bracket {
                StartShape::Bracket
            } else {
                StartShape::Heading
            };
            return Some(Shaped { date: d, shape });
        }
    }
    None
}

/// The year right before a line's final colon (`… made by the Chancellor during 2031:`), read as a year
/// line, with its offsets in the whole line.
fn year_before_colon(scanner: &mut Scanner<'_>, line: &str) -> Option<LineDate> {
    let body = line.strip_suffix(':')?;
    year_ending(scanner, body).or_else(|| year_inside(scanner, body))
}

/// The one year inside a short introduction ending with a colon (`Marisol Venn 2031 summer tour
/// dates:`), read as a year line: a year on its own, not a month's (`June 2031`) nor a day's.
fn year_inside(scanner: &mut Scanner<'_>, body: &str) -> Option<LineDate> {
    let words: Vec<(usize, &str)> = body
        .split(' ')
        .scan(0, |at, w| {
            let here = *at;
            *at += w.len() + 1;
            Some((here, w))
        })
        .filter(|(_, w)| !w.is_empty())
        .collect();
    if words.len() > 12 {
        return None;
    }
    let is_year_word = |w: &str| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit());
    let mut years = words
        .iter()
        .enumerate()
        .filter(|(_, (_, w))| is_year_word(w));
    let (k, &(at, word)) = years.next()?;
    if years.next().is_some() || k == 0 || k + 1 == words.len() {
        return None;
    }
    let mut d = scanner.start(word)?;
    if d.place != Place::Alone || d.found.from.month.is_some() {
        return None;
    }
    // The words around it hold no month, weekday or day (`June 2031`, `2031 March 3`).
    let (_, before) = words[k - 1];
    let (_, after) = words[k + 1];
    let month = |w: &str| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        matches!(
            vocabulary().lookup(w, LangSet::ALL),
            Some(crate::lang::Word::Month(_))
        )
    };
    if before.bytes().any(|b| b.is_ascii_digit())
        || after.bytes().any(|b| b.is_ascii_digit())
        || month(before)
        || month(after)
    {
        return None;
    }
    d.found.start += at;
    d.found.end += at;
    d.rest = body.len() + 1;
    Some(d)
}

/// The year ending a line's words (`Trips in 2030`), read as a year line, with its offsets in the line.
pub(crate) fn year_ending(scanner: &mut Scanner<'_>, line: &str) -> Option<LineDate> {
    let body = line.trim_end();
    // After the last space, whatever its width (`Trips in\u{a0}2030:`, a no-break space of two bytes).
    let at = body
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = &body[at..];
    if at == 0 || word.len() != 4 || !word.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut d = scanner.start(word)?;
    if d.place != Place::Alone || d.found.from.day.is_some() || d.found.from.month.is_some() {
        return None;
    }
    d.found.start += at;
    d.found.end += at;
    d.rest = line.len();
    Some(d)
}

/// A page's first line read as a heading (its date at its end too), which the entries' shapes leave
/// out: `Agenda del Presidente el 21 de febrero de 2031`.
pub fn title_shape(scanner: &mut Scanner<'_>, line: &str) -> Option<Shaped> {
    shape_of(scanner, line, Kind::Label, true)
}

/// Whether a page's first line, read by [`title_shape`], names a day in full: the day of the timed
/// items below it (a one-day agenda).
pub fn names_a_day(title: &Shaped) -> bool {
    is_day_heading(title) && title.date.found.from.year.is_some()
}

/// A date given as a field of a block (`Date: Thursday, 20 March 2031`, `WHEN: March 20, 2031, 10 a.m.`,
/// `Fecha: 12 de mayo de 2031`): a label naming the date and a colon, then the date.
pub fn is_field_date(line: &str, s: &Shaped) -> bool {
    let Some(label) = line[..s.date.found.start.min(line.len())]
        .trim_end()
        .strip_suffix(':')
    else {
        return false;
    };
    super::segment::is_date_field_label(label.trim())
}

/// Whether a page's dates go back and forth nearly as often (each way twice or more, the rarer at least
/// two thirds of the other): no chronology. A newest-first list of three entries per section (or a
/// short page repeated) goes back twice for each jump forward, and is still one within its runs.
fn goes_both_ways(ev: &Evidence) -> bool {
    let (back, forth) = (ev.newer_first, ev.older_first);
    back.min(forth) >= 2 && back.min(forth) * 3 >= back.max(forth) * 2
}

/// True for a line that can head an agenda's day: a day alone on its line, or at the end of a heading
/// (`Agenda del Presidente el 21 de febrero de 2030`).
pub fn is_day_heading(s: &Shaped) -> bool {
    s.shape == StartShape::DateLine
        || s.shape == StartShape::Heading && s.date.found.from.day.is_some()
}

/// A day with a word or two after it and no separator (`Friday, August 29 Schedule`, `Samedi 30 août
/// Programme`): on an agenda, a day heading.
pub fn is_labelled_day(line: &str, s: &Shaped) -> bool {
    s.shape == StartShape::LedBare
        && s.date.found.from.day.is_some()
        && line.get(s.date.rest..).is_some_and(|rest| {
            !crate::canonical::more_words_than(rest, 2) && !rest.bytes().any(|b| b.is_ascii_digit())
        })
}

/// A line led by a day, with words after it (`Mo. 24.03.   der 3. Fastenwoche`): right over a time, an
/// agenda's day heading.
pub fn is_day_led(s: &Shaped) -> bool {
    matches!(s.shape, StartShape::Led | StartShape::LedBare)
        && s.date.found.from.day.is_some()
        && !s.date.time_only
}

/// [`shape_of`] for a line of the page, knowing the line above it: a line right under a bullet standing
/// alone (`-` / `5 janv., le traité …`: the scrape split the list item) is read as the list item it is;
/// a date ending a line that goes on from the line above is a sentence's ([`continues_sentence`]).
pub fn shape_of_line(
    scanner: &mut Scanner<'_>,
    line: Text<'_>,
    kind: Kind,
    headings_too: bool,
    previous: Option<Text<'_>>,
) -> Option<Shaped> {
    let under_bullet = previous.is_some_and(|p| {
        p.line + 1 == line.line && matches!(p.raw.trim(), "-" | "–" | "•" | "*" | "·")
    });
    if under_bullet {
        if let Some(mut d) = scanner.start(line.raw) {
            if d.place == Place::Led
                && !d.time_only
                && !d.day_only
                && matches!(d.sep, Sep::Comma | Sep::None)
                && !d.rest_upper
            {
                d.marker = true;
                let shape = if d.sep == Sep::Comma {
                    StartShape::LedComma
                } else {
                    StartShape::LedBare
                };
                return Some(Shaped { date: d, shape });
            }
        }
    }
    shape_of(scanner, line.raw, kind, headings_too)
        .filter(|s| !continues_sentence(s, line, previous))
}

/// True when a line's date, at its end or after a place (`Paul Renard, le 4 juin 1953.`), is part of a
/// sentence rather than a heading's: the line breaks off itself (`… réélu le 12 mars,`), or goes on from
/// the line right above it, which broke off (a wrapped paragraph). A date leading its line is not
/// concerned: a wrapped line starting with a date and a lower-case word is no lead either way.
pub fn continues_sentence(shaped: &Shaped, line: Text<'_>, previous: Option<Text<'_>>) -> bool {
    matches!(
        shaped.shape,
        StartShape::Heading | StartShape::Bracket | StartShape::Placed
    ) && (super::segment::breaks_off(line.raw)
        || previous.is_some_and(|p| p.line + 1 == line.line && super::segment::breaks_off(p.raw)))
}

/// The counts behind a profile.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Evidence {
    /// Non-blank lines read.
    pub lines: usize,
    /// Lines of each start shape (in [`StartShape::ALL`] order).
    pub shapes: [usize; 11],
    /// Led lines by separator (in [`Sep::ALL`] order).
    pub separators: [usize; 6],
    /// Year and month lines followed by dated entries, and by paragraphs.
    pub heading_sections: usize,
    pub heading_entries: usize,
    /// Entries with a short line right before their date line, and right after it.
    pub titles_before: usize,
    pub titles_after: usize,
    /// Dates alone on their line that close the text above them (glued to the line above, a blank line
    /// or a field label `Date` around them), and that open the text below them (a blank line above,
    /// glued to the line below).
    pub dates_closing: usize,
    pub dates_opening: usize,
    /// Entries (after the first) with two different short lines before their date line: a title and a
    /// caption.
    pub label_pairs_before: usize,
    /// Labels right before a run of one-line entries: group headings, not titles.
    pub group_labels: usize,
    /// Entries opened by a date led in by a word (`Posted on December 12, 2031 by …`, `Publié le 3
    /// mars`): a byline.
    pub bylines: usize,
    /// Headings with words before their date, and how many different such words there are.
    pub prefixed: usize,
    pub distinct_prefixes: usize,
    /// Numeric dates that only make sense day-first, and month-first.
    pub day_first: usize,
    pub month_first: usize,
    /// Consecutive entries with full dates going back in time, and forward.
    pub newer_first: usize,
    pub older_first: usize,
    /// Entry dates without a year.
    pub without_year: usize,
    /// Entry dates that are a year alone (`1892. Nace …`).
    pub year_only: usize,
    /// Whether the page is built of date-led lines, so that a date leading lower-case text
    /// (`1845 fuhr …`) opens an entry too; and whether years below 1000 (`853 …`) lead its lines.
    pub weak_starts: bool,
    pub low_years: bool,
    /// Entries, and entries whose next line opens another entry or a section.
    pub entries: usize,
    pub one_line_entries: usize,
    pub lang: LangEvidence,
}

/// What the assembler needs to know from the evidence beyond the profile.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Hints {
    /// Some entries after the first have two short lines (a title and a caption) before their date
    /// line: two labels before the first entry may then be its title and caption rather than the page's
    /// title and the entry's.
    pub caption_pairs: bool,
    /// Most entries are one line, the next dated line right after: lines after the last one are the
    /// page's footer (`Opening times may change …`), not that entry's text.
    pub one_liners: bool,
    /// The languages whose month or weekday names the page's dates use (read beside the page's own).
    pub date_langs: crate::lang::LangSet,
    /// Most entries write no year (`January 5   Regular meeting`): a line naming a year alone before the
    /// first of them (`2019 Meeting and Event Calendar`) heads the page, giving them its year.
    pub yearless: bool,
    /// Most entries are a year alone: on a page about one day of the year (`Ephéméride 21 février`,
    /// "on this day"), that day is each entry's.
    pub years_only: bool,
    /// Lines of the weak shapes ([`is_weak`]) that open entries on this page.
    pub weak_starts: bool,
    pub low_years: bool,
    /// Most entries open with a byline's date (`Posted on December 12, 2031 by …`) under their title:
    /// such lines open entries (elsewhere they are a page's or a post's stamp).
    pub bylines: bool,
    /// The words before the headings' dates repeat from entry to entry (`Press release | 12 December
    /// 2031`, `Statement | 1 December 2031`): a category, not each entry's title.
    pub categories: bool,
}

impl Hints {
    /// `s`, unless it is of a weak shape this page does not open entries with.
    pub fn admit(&self, s: Option<Shaped>) -> Option<Shaped> {
        s.filter(|s| {
            !is_weak(s) || (self.weak_starts && (!s.date.found.low_year || self.low_years))
        })
    }
}

/// A line whose date makes it an entry only on a page built of date-led lines: a year below 1000 (`853
/// Costruzione …`, a count or list number elsewhere) or a date leading lower-case text with no separator
/// (`1845 fuhr die erste …`, `April 1844 a breakaway group …`, a sentence elsewhere).
pub fn is_weak(s: &Shaped) -> bool {
    s.date.found.low_year
        || (matches!(s.shape, StartShape::LedBare | StartShape::LedComma)
            && !s.date.rest_upper
            && !s.date.marker)
}

/// Decides which weak lines open entries on this page, and drops the others: lower-case ones on a page
/// whose entries are date-led lines (three or more, at least as many as its other dated lines); years
/// below 1000 only on a page whose year-led lines they precede in order (`380`, `853`, `919` before
/// `1218`), never after a later year (a count in the text of `1950 …`).
fn admit_weak(shaped: &mut [Option<Shaped>]) -> (bool, bool) {
    let led = |s: &Shaped| {
        matches!(
            s.shape,
            StartShape::Led | StartShape::LedBare | StartShape::LedComma
        ) && s.date.found.has_year()
    };
    let strong = || shaped.iter().flatten().filter(|s| !is_weak(s));
    let n_led = strong().filter(|s| led(s)).count();
    let n_dated = strong()
        .filter(|s| s.shape != StartShape::HeadingLine)
        .count();
    let weak_starts = n_led >= 3 && n_led * 2 >= n_dated;
    // Years leading their line with nothing else in the date (`1218 …`, `1219` alone).
    let year_led = |s: &Shaped| {
        s.date.found.notation == super::date::Notation::Year
            && s.date.found.from.year.is_some()
            && (led(s) || s.shape == StartShape::HeadingLine)
    };
    // Each low year between the strong year-led lines around it: not before the one above, not after
    // the one below (two passes, linear however long the page).
    let strong_year = |s: &Option<Shaped>| {
        s.filter(|s| year_led(s) && !is_weak(s))
            .and_then(|s| s.date.found.from.year)
    };
    let years = shaped.iter().filter(|s| strong_year(s).is_some()).count();
    let mut next_year: Vec<Option<i32>> = vec![None; shaped.len()];
    let mut below = None;
    for (i, s) in shaped.iter().enumerate().rev() {
        next_year[i] = below;
        below = strong_year(s).or(below);
    }
    let mut above: Option<i32> = None;
    let mut lows = 0usize;
    let mut in_order = true;
    for (i, s) in shaped.iter().enumerate() {
        if let Some(s) = s.filter(|s| s.date.found.low_year) {
            let y = s.date.found.from.year.unwrap_or(0);
            lows += 1;
            in_order &= above.is_none_or(|a| a <= y) && next_year[i].is_some_and(|b| y <= b);
        }
        above = strong_year(s).or(above);
    }
    let low_years = weak_starts && years >= 3 && lows > 0 && in_order;
    let hints = Hints {
        weak_starts,
        low_years,
        ..Hints::default()
    };
    for s in shaped.iter_mut() {
        *s = hints.admit(*s);
    }
    (weak_starts, low_years)
}

impl Evidence {
    /// What the assembler needs from the evidence.
    pub(crate) fn hints(&self) -> Hints {
        Hints {
            caption_pairs: self.label_pairs_before > 0,
            one_liners: self.one_line_entries * 3 >= self.entries * 2 && self.entries >= 3,
            date_langs: self.lang.date_languages(),
            // One line of a year alone heads such a page; several are entries of their own.
            yearless: self.entries >= 3
                && self.without_year * 4 >= self.entries * 3
                && self.year_only <= 1,
            years_only: self.entries >= 3 && self.year_only * 4 >= self.entries * 3,
            weak_starts: self.weak_starts,
            low_years: self.low_years,
            bylines: self.entries >= 2 && self.bylines * 3 >= self.entries * 2,
            // A list of one-line entries (`Pupils return: Wednesday 3rd September`, `Half term: …`)
            // has no other line for a title: its repeated labels are the titles.
            categories: self.prefixed >= 3
                && self.distinct_prefixes * 2 <= self.prefixed
                && self.one_line_entries * 3 < self.entries * 2,
        }
    }
}

/// What inference decided, with its evidence.
#[derive(Debug, Clone)]
pub struct Inferred {
    /// The profile the parser follows.
    pub profile: Profile,
    /// The counts it was decided from.
    pub(crate) evidence: Evidence,
    /// Whether the profile (all of it or some keys) was pinned by a page configuration.
    pub pinned: bool,
    /// The kind of each line of the sample, in page order: the parse reads them here rather than
    /// classifying those lines again (on a page shorter than the sample, every line).
    pub(crate) kinds: Vec<Kind>,
}

/// Infers the layout of a page from its first [`SAMPLE_LINES`] non-blank lines; pinned values are kept
/// as they are and the rest decided around them.
pub fn infer<'a>(all_lines: impl Iterator<Item = Text<'a>>, pinned: &PinnedProfile) -> Inferred {
    let vocab = vocabulary();
    let langs = pinned.lang.map_or(LangSet::ALL, Lang::reading_set);
    let mut scanner = Scanner::new(vocab, langs);
    let mut lines: Vec<Text<'a>> = Vec::new();
    let mut kinds: Vec<Kind> = Vec::new();
    let mut shaped: Vec<Option<Shaped>> = Vec::new();
    let mut dated = 0usize;
    for line in all_lines {
        // Enough lines to have seen the page's shape: SAMPLE_LINES, and further (up to MAX_SAMPLE_LINES)
        // while fewer than a few dozen lines carried a date where entries start.
        if lines.len() >= SAMPLE_LINES
            && (dated >= MIN_SAMPLE_DATES || lines.len() >= MAX_SAMPLE_LINES)
        {
            break;
        }
        let kind = classify(line.raw);
        // The first line is most often the page's title (`Official visits 2018 to 2023`): a date at its
        // end says nothing about the entries.
        let shape = shape_of_line(
            &mut scanner,
            line,
            kind,
            !lines.is_empty(),
            lines.last().copied(),
        );
        dated += usize::from(shape.is_some());
        lines.push(line);
        kinds.push(kind);
        shaped.push(shape);
    }
    // Date badges (`11` / `décembre` / `2032`): the first line is a date alone, the others placeholders.
    let (badges, badge_lines) = super::badge::in_lines(&mut scanner, &[], &lines, &[]);
    for (i, date) in badges {
        shaped[i] = Some(Shaped {
            date,
            shape: StartShape::DateLine,
        });
    }
    for &i in &badge_lines {
        kinds[i] = Kind::Placeholder;
        shaped[i] = None;
    }
    // The parse reads the kinds of every line; the layout is judged with each badge read as one line
    // (its other lines left out, the lines below renumbered), so that the line after a badge is the one
    // right after its date, as after any date alone.
    let page_kinds = kinds.clone();
    let (mut lines, mut kinds, mut shaped) = (lines, kinds, shaped);
    if !badge_lines.is_empty() {
        let mut removed = 0u32;
        let mut skip = badge_lines.iter().peekable();
        let mut keep = Vec::with_capacity(lines.len());
        for (i, mut line) in lines.iter().copied().enumerate() {
            if skip.next_if_eq(&&i).is_some() {
                removed += 1;
                continue;
            }
            line.line -= removed;
            keep.push((line, kinds[i], shaped[i]));
        }
        lines = keep.iter().map(|k| k.0).collect();
        kinds = keep.iter().map(|k| k.1).collect();
        shaped = keep.iter().map(|k| k.2).collect();
    }
    let (weak_starts, low_years) = admit_weak(&mut shaped);
    let mut ev = Evidence {
        lines: lines.len(),
        weak_starts,
        low_years,
        ..Evidence::default()
    };
    for (l, s) in lines.iter().zip(&shaped).take(2000) {
        ev.lang.text(l.raw);
        if let Some(s) = s {
            ev.lang.date_word(s.date.found.langs);
        }
    }
    // The page title's date is no entry's, but its month is a word of the page's language.
    let title = lines
        .first()
        .filter(|_| shaped.first().is_some_and(Option::is_none))
        .and_then(|l| title_shape(&mut scanner, l.raw));
    if let Some(title) = &title {
        ev.lang.date_word(title.date.found.langs);
    }

    // Year and month lines: sections or entries, by what follows each.
    let is_dated_start = |j: usize| {
        shaped
            .get(j)
            .and_then(|s| *s)
            .is_some_and(|s| s.shape != StartShape::HeadingLine)
    };
    for (i, s) in shaped.iter().enumerate() {
        let Some(s) = s else { continue };
        if s.shape != StartShape::HeadingLine {
            continue;
        }
        // The same line repeated below it (an image label) is skipped.
        let mut j = i + 1;
        while j < lines.len() && (lines[j].raw == lines[i].raw || kinds[j] == Kind::Placeholder) {
            j += 1;
        }
        let next_is_heading = shaped
            .get(j)
            .and_then(|s| *s)
            .is_some_and(|s| s.shape == StartShape::HeadingLine);
        if is_dated_start(j)
            || (j + 1 < lines.len() && kinds[j] == Kind::Label && is_dated_start(j + 1))
        {
            ev.heading_sections += 1;
        } else if j < lines.len() && !next_is_heading {
            ev.heading_entries += 1;
        }
    }
    let headings = pinned
        .headings
        .unwrap_or(if ev.heading_sections + ev.heading_entries == 0 {
            Headings::None
        } else if ev.heading_sections >= ev.heading_entries {
            Headings::Sections
        } else {
            Headings::Entries
        });

    // Day numbers (`14 — …`) are dates only under a month heading, times only under a day: the page's
    // first line may name the day (`Agenda da Governadora - 14 de maio de 2031`, a one-day agenda).
    let mut under_month = false;
    let mut under_day = title.as_ref().is_some_and(names_a_day);
    // Heading and bracket lines counted before the first led line.
    let mut headings_before_led = 0usize;
    let mut field_dates = 0usize;
    for (i, s) in shaped.iter().enumerate() {
        let Some(s) = s else { continue };
        // `Date: Thursday, 20 March 2031` in a media advisory's block of fields: the date of the event
        // the entry announces, not an entry's start, unless nothing else opens entries on the page.
        if s.shape == StartShape::Heading && is_field_date(lines[i].raw, s) {
            field_dates += 1;
            continue;
        }
        if s.shape == StartShape::HeadingLine {
            under_month = s.date.found.from.month.is_some();
            under_day = false;
        }
        // `Lundi 28`: a weekday and a day number alone are a day only under a month heading.
        if s.shape == StartShape::DateLine && s.date.day_only && !under_month {
            continue;
        }
        // `Friday, August 29 Schedule` over `11:00 AM` / `Festival Opens`, `Mo. 24.03.   der 3.
        // Fastenwoche` over `18.20 Uhr   Rosenkranz`: a day with words after it, right over a time,
        // heads the day's timed items.
        if is_day_led(s)
            && shaped[i + 1..]
                .iter()
                .flatten()
                .next()
                .is_some_and(|n| n.shape == StartShape::TimeLed)
        {
            under_day = true;
            continue;
        }
        under_day |= is_day_heading(s);
        if s.shape == StartShape::HeadingLine && headings != Headings::Entries
            || s.shape == StartShape::DayLed && !under_month
            || s.shape == StartShape::TimeLed && !under_day
        {
            continue;
        }
        // `Calder Fire Update – May 15, 2031` / `May 15, 2031`, `May 19 Meeting Postponed` / `May 19,
        // 2031`: a headline that holds a date, right over a date alone on its line, is that date's
        // headline, not an entry of its own shape.
        let weak = matches!(
            s.shape,
            StartShape::Heading | StartShape::Bracket | StartShape::LedBare | StartShape::LedComma
        );
        if weak && headline_over_date(&lines, &shaped, i) {
            continue;
        }
        ev.shapes[s.shape as usize] += 1;
        if s.date.place == Place::Led || s.date.place == Place::Placed {
            ev.separators[s.date.sep as usize] += 1;
        }
        if matches!(s.shape, StartShape::Heading | StartShape::Bracket)
            && ev.shapes[StartShape::Led as usize] == 0
        {
            headings_before_led += 1;
        }
    }
    // `Police Log: March 10-16` / `Published March 19, 2031` over a column of date-led items: headings
    // that all stand above the first of three or more led lines are the page's head (its title, its
    // byline), not entries of a shape of their own.
    let headed = ev.shapes[StartShape::Heading as usize] + ev.shapes[StartShape::Bracket as usize];
    if ev.shapes[StartShape::Led as usize] >= 3 && headed > 0 && headed == headings_before_led {
        ev.shapes[StartShape::Heading as usize] = 0;
        ev.shapes[StartShape::Bracket as usize] = 0;
    }
    // A page whose only dated lines are fields (`Date: 12 May 2031` / `Event: …` / `Venue: …`): the
    // fields open its entries.
    if field_dates >= 2 && ev.shapes.iter().all(|&c| c == 0) {
        ev.shapes[StartShape::Heading as usize] = field_dates;
    }
    // A page built only of paragraphs with a date inside: count them, in case nothing else opens
    // entries.
    let sentences = kinds.iter().filter(|k| **k == Kind::Sentence).count();
    let no_shape = ev
        .shapes
        .iter()
        .take(StartShape::Prose as usize)
        .all(|&c| c < 2);
    // The dates inside the paragraphs, kept for the titles' evidence should the page be made of them.
    let mut inside: Vec<Option<LineDate>> = Vec::new();
    if no_shape && sentences >= 3 {
        inside = lines
            .iter()
            .zip(&kinds)
            .map(|(l, k)| {
                (*k == Kind::Sentence)
                    .then(|| scanner.inside(l.raw))
                    .flatten()
            })
            .collect();
        ev.shapes[StartShape::Prose as usize] = inside.iter().flatten().count();
    }
    let prose = ev.shapes[StartShape::Prose as usize];
    let entry_starts = pinned.entry_starts.clone().unwrap_or_else(|| {
        if no_shape && prose >= 3 && prose * 3 >= sentences * 2 {
            return vec![StartShape::Prose];
        }
        let mut chosen = choose_starts(&ev.shapes);
        // An agenda: its dates alone on their line head the days whose times are the entries.
        if chosen.contains(&StartShape::TimeLed) {
            chosen.retain(|s| !matches!(s, StartShape::DateLine | StartShape::Heading));
        }
        // A page whose date-led lines vary their separator may omit it on some (`3 de noviembre,
        // 2017 La orquesta …` among `.-`, `:` and `–` lines): those are entries too.
        let separators_used = Sep::ALL
            .into_iter()
            .filter(|x| *x != Sep::None && ev.separators[*x as usize] > 0)
            .count();
        if separators_used >= 2
            && ev.shapes[StartShape::LedBare as usize] > 0
            && ev.shapes[StartShape::Led as usize] >= 3
            && !chosen.contains(&StartShape::LedBare)
        {
            chosen.push(StartShape::LedBare);
            chosen.sort();
        }
        // Year lines built like the page's date lines (`1995` / title / text among `9 mai 1950` /
        // title / text) are entries too.
        // And the other way round: a date alone among year entries (`12 mei 1951` among `1894`, `1909`).
        for (have, add) in [
            (StartShape::DateLine, StartShape::HeadingLine),
            (StartShape::HeadingLine, StartShape::DateLine),
        ] {
            if chosen.contains(&have) && ev.shapes[add as usize] > 0 && !chosen.contains(&add) {
                chosen.push(add);
                chosen.sort();
            }
        }
        chosen
    });
    // On a page of paragraphs with a date inside, those paragraphs are where entries start (as the
    // parse reads them): the titles' evidence is read around them.
    // (As [`super::prose_date`] reads them: a paragraph led by its date is a lead as anywhere.)
    if entry_starts == [StartShape::Prose] && inside.len() == shaped.len() {
        for (j, s) in shaped.iter_mut().enumerate() {
            let led = s.filter(|s| s.shape == StartShape::Led).map(|s| s.date);
            *s = (kinds[j] == Kind::Sentence)
                .then(|| led.or(inside[j]))
                .flatten()
                .map(|date| Shaped {
                    date,
                    shape: StartShape::Prose,
                });
        }
    }
    let is_start = |j: usize| {
        shaped
            .get(j)
            .and_then(|s| *s)
            .is_some_and(|s| entry_starts.contains(&s.shape))
    };
    // Titles before or after the dated lines.
    let starts: Vec<usize> = (0..lines.len()).filter(|&j| is_start(j)).collect();
    let item = |j: usize| Item {
        text: lines[j],
        kind: kinds[j],
    };
    // The nearest line before start `j` that is not a placeholder, a credit, or a caption repeating the
    // start's own text (or its first sentence).
    let content_before = |j: usize| {
        let rest = shaped[j].map_or("", |d| {
            let line = lines[j];
            let rest = line.slice(d.date.rest.min(line.raw.len())..line.raw.len());
            super::dateline::split_dateline(rest).1.raw
        });
        let first_sentence = super::segment::first_sentence_end(rest).map_or(rest, |e| &rest[..e]);
        (0..j).rev().find(|&i| {
            let l = lines[i].raw;
            !matches!(kinds[i], Kind::Placeholder | Kind::Credit)
                && !(!rest.is_empty() && (similar_line(l, rest) || similar_line(l, first_sentence)))
        })
    };
    // The last of three or more labels right over the first entry, after the page's first line, is a
    // table's header cells (`Date` / `Scheduled Time` / `Meeting`), scraped one to a line: it says
    // nothing of where the titles stand.
    let first_has_label_before = starts.first().is_some_and(|&f| {
        (0..f)
            .rev()
            .find(|&i| !matches!(kinds[i], Kind::Placeholder | Kind::Credit))
            .is_some_and(|b| {
                let header_cells =
                    b >= 3 && (b - 2..=b).all(|i| kinds[i] == Kind::Label && shaped[i].is_none());
                b > 0 && shaped[b].is_none() && is_title_like(&item(b)) && !header_cells
            })
    });
    // 1 when the first entry's vote is the only one so far (it alone does not make a page of titles).
    let mut top_vote = 0usize;
    // The texts of the lines voting each way: titles differ from entry to entry, where a line repeated
    // before every date (`+ + + Read the full release + + +` closing the entry above) is furniture.
    let mut distinct_before = rustc_hash::FxHashSet::default();
    let mut distinct_after = rustc_hash::FxHashSet::default();
    // Labels right over a run of one-line entries (`Nascimentos` / `1592 – …` / `1601 – …`, a country
    // over the days of a trip): several of them on a page head groups; one alone may as well be the
    // first entry's title (the others having none), and is read as a title.
    let group_candidates = starts
        .iter()
        .filter(|&&s| {
            content_before(s).is_some_and(|b| {
                b > 0
                    && b + 1 == s
                    && is_start(s + 1)
                    && !is_start(b)
                    && shaped[b].is_none()
                    && is_title_like(&item(b))
            })
        })
        .count();
    let grouping = group_candidates >= 2;
    for (n, &s) in starts.iter().enumerate() {
        if let Some(b) = content_before(s) {
            // A label with a date at its end (`The President greets … , June 30, 2017`) is a caption
            // or a heading, not a title line.
            // A label between two dates standing alone belongs to one of them: to the next when the
            // first date has a label before it too (`1. Norlusia` / date / `2. Castavia` / date), to the
            // one above otherwise (`10:00 a.m.` / `Welcome at the town hall` / …).
            let after_bare_start = b > 0
                && is_start(b - 1)
                && shaped[b - 1].is_some_and(|d| d.date.rest >= lines[b - 1].raw.len())
                && !first_has_label_before;
            let labelled = !is_start(b)
                && shaped[b].is_none()
                && is_title_like(&item(b))
                && !after_bare_start
                && !super::segment::is_fragment(lines[b].raw);
            // Before the first entry, the labels there may be the page's title or a table's header:
            // they are the entry's title when one of them shares a word with its text, or when the
            // run repeats a label (a title and the captions repeating it, as on the seed page).
            let counts = labelled
                && (n > 0 || {
                    let line = lines[s];
                    let rest =
                        shaped[s].map_or("", |d| &line.raw[d.date.rest.min(line.raw.len())..]);
                    let mut run: Vec<&str> = Vec::new();
                    let mut i = b + 1;
                    // The page's first line is left out when a label follows it: it is more likely
                    // the page's title than the entry's.
                    while i > usize::from(b > 0)
                        && !is_start(i - 1)
                        && matches!(kinds[i - 1], Kind::Label | Kind::Placeholder | Kind::Credit)
                    {
                        i -= 1;
                        if kinds[i] == Kind::Label {
                            run.push(lines[i].raw);
                        }
                    }
                    let mut seen = rustc_hash::FxHashSet::default();
                    let repeats = !run
                        .iter()
                        .all(|l| seen.insert(crate::canonical::canonical_hash(l)));
                    repeats
                        || run
                            .iter()
                            .any(|l| super::segment::shares_a_word(l, &[rest]))
                });
            // A group label is no entry's title (over the first entry too, unless it is the page's
            // first line, its title).
            let over_a_run = b + 1 == s && is_start(s + 1);
            if grouping && over_a_run && (counts || labelled && n == 0) && b > 0 {
                ev.group_labels += 1;
                distinct_before.insert(crate::canonical::canonical_hash(lines[b].raw));
            } else if counts {
                ev.titles_before += 1;
                distinct_before.insert(crate::canonical::canonical_hash(lines[b].raw));
                // The very first line may be the page's title: it alone does not make a page of titles.
                if n == 0 && b == 0 {
                    top_vote = 1;
                }
                // A run of two different labels before an entry: a title and a caption after it.
                if n > 0 && b > 0 {
                    if let Some(a) = (0..b)
                        .rev()
                        .find(|&i| !matches!(kinds[i], Kind::Placeholder | Kind::Credit))
                    {
                        if !is_start(a) && is_title_like(&item(a)) && lines[a].raw != lines[b].raw {
                            ev.label_pairs_before += 1;
                        }
                    }
                }
            }
        }
        let no_text = shaped[s].is_some_and(|d| d.date.rest >= lines[s].raw.len());
        // A short line right after a date standing alone, not a sentence's start: its title (with
        // text below it, or only details, or nothing before the next date).
        // A kicker ending with a colon may stand over the title (`Haushalt beschlossen:` / `Huber
        // gratuliert dem Kämmerer`).
        let kicker = |j: usize| {
            j + 1 < lines.len()
                && super::segment::is_kicker(lines[j].raw)
                && shaped[j + 1].is_none()
                && is_title_like(&item(j + 1))
        };
        // The title's line: right after the date, or after a kicker.
        let t = if s + 1 < lines.len() && !is_start(s + 1) && shaped[s + 1].is_none() {
            if is_title_like(&item(s + 1)) {
                Some(s + 1)
            } else if kicker(s + 1) && !is_start(s + 2) {
                Some(s + 2)
            } else {
                None
            }
        } else {
            None
        };
        if let Some(t) = t.filter(|&t| {
            no_text
                && (if first_has_label_before {
                    // Titles may stand before the dates here: only text below makes this one the
                    // date's (or the title printed again below it, as a link and a heading).
                    // A category line may stand between (`Réseau, Travaux` / text).
                    let text_at =
                        |j: usize| j < lines.len() && !is_start(j) && kinds[j] == Kind::Sentence;
                    t + 1 < lines.len()
                        && !is_start(t + 1)
                        && (kinds[t + 1] == Kind::Sentence
                            || lines[t + 1].raw == lines[t].raw
                            || kinds[t + 1] == Kind::Label && text_at(t + 2))
                } else {
                    // A second short line (a place, a detail) may follow the title when the item
                    // ends there: a blank line, the next date or the page's end after it.
                    let ends_after = |j: usize| {
                        j + 1 >= lines.len()
                            || shaped[j + 1].is_some()
                            || lines[j + 1].line > lines[j].line + 1
                    };
                    t + 1 >= lines.len()
                        || kinds[t + 1] != Kind::Label
                        || lines[t + 1].raw == lines[t].raw
                        || is_start(t + 1)
                        || shaped[t + 1].is_some()
                        || lines[t].line + 1 == lines[t + 1].line && ends_after(t + 1)
                })
        }) {
            ev.titles_after += 1;
            distinct_after.insert(crate::canonical::canonical_hash(lines[t].raw));
        }
    }
    // Dates closing the text above them, or opening the text below: blank lines show which.
    for (k, &s) in starts.iter().enumerate() {
        let Some(d) = shaped[s].filter(|d| d.date.rest >= lines[s].raw.len()) else {
            continue;
        };
        if s == 0 {
            continue;
        }
        // A date alone, or a dateline (`Villa Serena, 28 de marzo de 2031`: a place and a comma before
        // the date), may close an item.
        let dateline =
            d.date.found.start == 0 || lines[s].raw[..d.date.found.start].trim_end().ends_with(',');
        // Text right above (not `read more`, which closes the item above the date instead).
        let glued_above = lines[s - 1].line + 1 == lines[s].line
            && !is_start(s - 1)
            && matches!(kinds[s - 1], Kind::Sentence | Kind::Label);
        // A share link right below the date ends the item as a blank line does.
        let blank_below = s + 1 >= lines.len()
            || lines[s + 1].line > lines[s].line + 1
            || kinds[s + 1] == Kind::Placeholder;
        let blank_above = lines[s - 1].line + 1 < lines[s].line;
        let glued_below = s + 1 < lines.len() && lines[s + 1].line == lines[s].line + 1;
        // The item above has a headline: a short line after the previous date.
        // `starts` is in page order: the start before this one is the one before it in the list.
        let prev = k.checked_sub(1).map_or(0, |p| starts[p] + 1);
        let headed = (prev..s).any(|j| is_title_like(&item(j)) && shaped[j].is_none());
        if dateline && glued_above && headed && (blank_below || is_date_label(lines[s - 1].raw)) {
            ev.dates_closing += 1;
        } else if blank_above && glued_below {
            ev.dates_opening += 1;
        }
    }
    let closing = starts.len() >= 3
        && ev.dates_closing >= 3
        && ev.dates_closing * 3 >= starts.len() * 2
        && ev.dates_closing >= 2 * ev.dates_opening
        // The first entry's text stands before its date.
        && starts.first().is_some_and(|&f| {
            f > 0 && lines[f - 1].line + 1 == lines[f].line && shaped[f - 1].is_none()
        });
    let with_text = starts
        .iter()
        .filter(|&&s| shaped[s].is_some_and(|d| d.date.rest < lines[s].raw.len()))
        .count();
    // Dated lines that carry their own headline (`10h00 : Entretien avec …`, `June 15 Call for
    // workshops opens`): the short lines near them are details, not titles.
    // Short texts that repeat from entry to entry (`25 september 2031, Dagblad Noord`) are sources or
    // places, not headlines, when a third of them or more repeat (an agenda may have its `Lunch` twice).
    let mut distinct_rests = rustc_hash::FxHashSet::default();
    let headlines = starts
        .iter()
        .filter(|&&s| {
            shaped[s].is_some_and(|d| {
                let rest = &lines[s].raw[d.date.rest.min(lines[s].raw.len())..];
                let headline = !rest.is_empty()
                    && is_title_like(&Item::new(Text {
                        raw: rest,
                        line: 0,
                        start: 0,
                    }));
                if headline {
                    distinct_rests.insert(crate::canonical::canonical_hash(rest));
                }
                headline
            })
        })
        .count();
    let headlines = if distinct_rests.len() * 3 <= headlines * 2 {
        0
    } else {
        headlines
    };
    let titles = pinned.titles.unwrap_or_else(|| {
        let others = starts.len().saturating_sub(1);
        match starts.first() {
            // Paragraphs with a date inside, most of them under a short line of their own: those
            // lines are their titles.
            _ if entry_starts == [StartShape::Prose] => {
                if ev.titles_before >= 2 && ev.titles_before * 3 >= starts.len() * 2 {
                    Titles::Before
                } else {
                    Titles::Inline
                }
            }
            _ if closing => Titles::Closing,
            _ if starts.len() > 1 && headlines * 2 > starts.len() => Titles::Inline,
            None => Titles::Before,
            // One entry (a news release: headline, date line, body): a short line above it is its
            // headline.
            Some(&s) if starts.len() == 1 => {
                let headline_above = (0..s).any(|b| is_title_like(&item(b)));
                // Only the page's first line above the date, and a headline right after it (`Harbour
                // Authority` / `12 March 2031` / headline / text): the first line names the site, the
                // headline after the date is the entry's.
                let only_site_name_above = (1..s).all(|b| !is_title_like(&item(b)));
                if ev.titles_after > 0 && only_site_name_above {
                    Titles::After
                } else if headline_above {
                    Titles::Before
                } else if ev.titles_after > 0 {
                    Titles::After
                } else {
                    Titles::Inline
                }
            }
            // As many votes each way: the side whose lines differ more from entry to entry holds the
            // titles.
            _ if ev.titles_before == ev.titles_after
                && distinct_after.len() > distinct_before.len() =>
            {
                Titles::After
            }
            // On a page of date-led lines a short line right before one is its title whenever there
            // is one (many entries may have none); before dates standing alone, most entries need one.
            _ if ev.titles_before > top_vote
                && ev.titles_before > ev.group_labels
                && ev.titles_before >= ev.titles_after
                && (ev.titles_before * 3 >= others || with_text * 2 > starts.len()) =>
            {
                Titles::Before
            }
            // A short line after a date alone on its line, with text below it, is a title however few
            // entries have one.
            _ if ev.titles_after > ev.titles_before => Titles::After,
            _ => Titles::Inline,
        }
    });

    ev.entries = starts.len();
    ev.one_line_entries = starts
        .iter()
        .filter(|&&s| s + 1 < lines.len() && shaped[s + 1].is_some())
        .count();
    // Numeric order first (it decides what `03/05` is), then page order and missing years.
    for &s in &starts {
        let Some(sh) = shaped[s] else { continue };
        match sh.date.found.swap_hint {
            Some(true) => ev.month_first += 1,
            Some(false) => ev.day_first += 1,
            None => {}
        }
    }
    let date_order = pinned
        .date_order
        .unwrap_or(if ev.month_first > 0 && ev.day_first == 0 {
            DateOrder::Mdy
        } else {
            DateOrder::Dmy
        });
    let mut previous: Option<(i32, u32, u32)> = None;
    let mut prefixes = rustc_hash::FxHashSet::default();
    for &s in &starts {
        let Some(sh) = shaped[s] else { continue };
        let f: Found = sh.date.found;
        if !f.has_year() && !sh.date.time_only && !sh.date.day_only {
            ev.without_year += 1;
        }
        if f.has_year() && f.from.month.is_none() {
            ev.year_only += 1;
        }
        if sh.shape == StartShape::Heading && sh.date.prefix.is_none() {
            ev.bylines += 1;
        }
        if let (StartShape::Heading, Some((a, b))) = (sh.shape, sh.date.prefix) {
            ev.prefixed += 1;
            prefixes.insert(crate::canonical::canonical_hash(&lines[s].raw[a..b]));
        }
        let (mut month, mut day) = (f.from.month, f.from.day);
        if f.numeric && f.swap_hint.is_none() && date_order == DateOrder::Mdy {
            std::mem::swap(&mut month, &mut day);
        }
        if let Some(m) = month {
            let d = day.unwrap_or(1);
            if let Some((py, pm, pd)) = previous {
                let step = match f.from.year {
                    Some(y) => (y, m, d).cmp(&(py, pm, pd)),
                    // Without a year, months close together tell the direction (`Dec. 2`, `Dec. 14`);
                    // a jump across the year's end (`Dec. 28`, `Jan. 4`) does not.
                    None if m.abs_diff(pm) <= 6 => (m, d).cmp(&(pm, pd)),
                    None => std::cmp::Ordering::Equal,
                };
                match step {
                    std::cmp::Ordering::Less => ev.newer_first += 1,
                    std::cmp::Ordering::Greater => ev.older_first += 1,
                    std::cmp::Ordering::Equal => {}
                }
            }
            let y = f.from.year.or(previous.map(|p| p.0)).unwrap_or(0);
            previous = Some((y, m, d));
        }
    }
    ev.distinct_prefixes = prefixes.len();
    let order = pinned.order.unwrap_or(if ev.newer_first > ev.older_first {
        PageOrder::NewestFirst
    } else if ev.older_first > ev.newer_first {
        PageOrder::OldestFirst
    } else {
        PageOrder::Unknown
    });
    // Dates that go back and forth as often (an almanac of one month's days across the centuries):
    // no chronology to take a missing year from (`8 marzo – Giornata mondiale della donna` among `7
    // marzo 1991` and `10 marzo 1946` has none).
    let year_from = if goes_both_ways(&ev) {
        super::profile::default_year_from()
            .into_iter()
            .filter(|s| *s != crate::record::YearSource::Previous)
            .collect()
    } else {
        super::profile::default_year_from()
    };
    let lang = pinned.lang.unwrap_or_else(|| ev.lang.best());
    let separators = Sep::ALL
        .into_iter()
        .filter(|s| ev.separators[*s as usize] > 0)
        .collect();
    let profile = pinned.apply(Profile {
        lang,
        date_order,
        entry_starts,
        separators,
        headings,
        titles,
        order,
        year_from,
        ..Profile::default()
    });
    Inferred {
        profile,
        evidence: ev,
        pinned: !pinned.is_empty(),
        kinds: page_kinds,
    }
}

/// Whether two lines are the same canonically, with a length check first: most pairs compared (a title
/// and a lead) differ in length by far, and canonical hashing reads every byte.
fn similar_line(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    long.len() <= short.len() * 2 + 8
        && crate::canonical::canonical_hash(a) == crate::canonical::canonical_hash(b)
}

/// Whether line `i` stands right over a date alone on its line (the next line of the page, no blank line
/// between): a news module's headline over its date.
fn headline_over_date(lines: &[Text<'_>], shaped: &[Option<Shaped>], i: usize) -> bool {
    lines
        .get(i + 1)
        .is_some_and(|next| next.line == lines[i].line + 1)
        && shaped
            .get(i + 1)
            .and_then(|s| *s)
            .is_some_and(|s| s.shape == StartShape::DateLine && s.date.prefix.is_none())
}

/// The start shapes a page uses, from how many lines have each. The most frequent one always; strong
/// shapes (a date, a dash or colon, text; a place and a date) whenever they occur; weak ones (a comma or
/// no separator after the date, a date ending a heading) only when they are common, as a stray line of
/// that shape is more likely text than an entry.
pub fn choose_starts(counts: &[usize; 11]) -> Vec<StartShape> {
    let (primary, top) = StartShape::ALL
        .into_iter()
        .map(|s| (s, counts[s as usize]))
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .unwrap_or((StartShape::Led, 0));
    if top == 0 {
        return vec![StartShape::Led];
    }
    let common = 2.max(top.div_ceil(4));
    let led_family = counts[StartShape::Led as usize]
        + counts[StartShape::LedComma as usize]
        + counts[StartShape::LedBare as usize];
    StartShape::ALL
        .into_iter()
        .filter(|&s| {
            let c = counts[s as usize];
            s == primary
                || match s {
                    StartShape::Led => c >= 1,
                    // One `City, date.- text` line on a page built otherwise is a press release's
                    // dateline, not an entry.
                    StartShape::Placed => c >= 2,
                    StartShape::DateLine
                    | StartShape::HeadingLine
                    | StartShape::DayLed
                    | StartShape::TimeLed => c >= 2,
                    // A year or date leading its line with a comma or nothing after it, on a page of
                    // date-led lines (`1851, The first …` among `1902 : …`): the same entries.
                    StartShape::LedComma => c >= common || (c >= 1 && led_family >= 3),
                    StartShape::LedBare => c >= common,
                    StartShape::Heading | StartShape::Bracket => c >= common,
                    // Chosen by `infer` alone, when nothing else is.
                    StartShape::Prose => false,
                }
        })
        .collect()
}

impl Inferred {
    /// The human explanation `pagerev parse --explain` prints: the profile, then the counts behind each
    /// decision.
    pub fn explain(&self, file: &str) -> String {
        use std::fmt::Write;
        let p = &self.profile;
        let e = &self.evidence;
        let mut s = String::new();
        let _ = writeln!(s, "{file}: {} non-blank lines read", e.lines);
        let _ = writeln!(
            s,
            "profile{}:",
            if self.pinned {
                " (partly pinned by page configuration)"
            } else {
                ""
            }
        );
        let _ = writeln!(s, "  lang: {}", p.lang.code());
        let _ = writeln!(
            s,
            "  entry_starts: {}",
            p.entry_starts
                .iter()
                .map(|x| x.name())
                .collect::<Vec<_>>()
                .join(", ")
        );
        let _ = writeln!(s, "  titles: {}", titles_name(p.titles));
        let _ = writeln!(s, "  headings: {}", headings_name(p.headings));
        let _ = writeln!(
            s,
            "  date_order: {}",
            if p.date_order == DateOrder::Dmy {
                "dmy"
            } else {
                "mdy"
            }
        );
        let _ = writeln!(s, "  order: {}", order_name(p.order));
        let _ = writeln!(s, "evidence:");
        let _ = writeln!(s, "  lines opening with each shape:");
        for shape in StartShape::ALL {
            let n = e.shapes[shape as usize];
            let chosen = p.entry_starts.contains(&shape);
            if n > 0 || chosen {
                let _ = writeln!(
                    s,
                    "    {:<13} {:>6}{}",
                    shape.name(),
                    n,
                    if chosen { "  chosen" } else { "" }
                );
            }
        }
        let _ = writeln!(s, "    (the most common shape is chosen; led and placed lines whenever seen; date and heading lines from 2; comma, bare and heading dates only when at least a quarter as common)");
        let seps: Vec<String> = Sep::ALL
            .into_iter()
            .filter(|x| e.separators[*x as usize] > 0)
            .map(|x| format!("{} {}", x.name(), e.separators[x as usize]))
            .collect();
        if !seps.is_empty() {
            let _ = writeln!(s, "  separators after leading dates: {}", seps.join(", "));
        }
        let _ = writeln!(
            s,
            "  year and month lines: {} followed by dated entries (sections), {} by text (entries)",
            e.heading_sections, e.heading_entries
        );
        let _ = writeln!(
            s,
            "  entries with a short line before their date: {}, after a date alone on its line: {}",
            e.titles_before, e.titles_after
        );
        let _ = writeln!(
            s,
            "  labels heading runs of one-line entries (group labels, not titles): {}",
            e.group_labels
        );
        let _ = writeln!(
            s,
            "  headings with a byline's date (`Posted on …`): {}; with words before the date: {} ({} different: a category when they repeat)",
            e.bylines, e.prefixed, e.distinct_prefixes
        );
        let _ = writeln!(
            s,
            "  dates alone closing the text above them: {}, opening the text below: {}",
            e.dates_closing, e.dates_opening
        );
        let _ = writeln!(
            s,
            "  numeric dates only day-first: {}, only month-first: {}",
            e.day_first, e.month_first
        );
        let _ = writeln!(
            s,
            "  consecutive dated entries going back in time: {}, forward: {}{}",
            e.newer_first,
            e.older_first,
            if goes_both_ways(e) {
                " (as often each way: no chronology, no year from the entry above)"
            } else {
                ""
            }
        );
        let _ = writeln!(s, "  entry dates without a year: {}", e.without_year);
        let scores = e.lang.scores();
        let langs: Vec<String> = Lang::ALL
            .into_iter()
            .filter(|l| scores[*l as usize] > 0)
            .map(|l| {
                format!(
                    "{} {} ({} date words, {} common words)",
                    l.code(),
                    scores[l as usize],
                    e.lang.date_words[l as usize],
                    e.lang.common_words[l as usize]
                )
            })
            .collect();
        let _ = writeln!(
            s,
            "  language scores: {}",
            if langs.is_empty() {
                "none (unknown)".to_string()
            } else {
                langs.join(", ")
            }
        );
        s
    }
}

pub fn titles_name(t: Titles) -> &'static str {
    match t {
        Titles::Before => "before",
        Titles::After => "after",
        Titles::Inline => "inline",
        Titles::Closing => "closing",
    }
}

/// True for a field label naming the date below it (`Date`, `Date:`, `Fecha`, `Datum`, `When`).
pub fn is_date_label(s: &str) -> bool {
    let t = s.trim_end_matches([':', ' ']);
    t.len() <= 8
        && crate::lang::with_folded(t, |w| {
            matches!(
                w,
                b"date" | b"when" | b"fecha" | b"datum" | b"data" | b"quand"
            )
        })
}

pub fn headings_name(h: Headings) -> &'static str {
    match h {
        Headings::None => "none",
        Headings::Sections => "sections",
        Headings::Entries => "entries",
    }
}

pub fn order_name(o: PageOrder) -> &'static str {
    match o {
        PageOrder::NewestFirst => "newest-first",
        PageOrder::OldestFirst => "oldest-first",
        PageOrder::Unknown => "unknown",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_year_after_a_no_break_space_ends_the_line() {
        let mut scanner = Scanner::new(vocabulary(), LangSet::ALL);
        // The space before the year is two bytes wide: the year starts after all of it.
        let d = year_ending(&mut scanner, "Trips in\u{a0}2030").expect("a year ends the line");
        assert_eq!(d.found.from.year, Some(2030));
        assert_eq!(d.found.start, "Trips in\u{a0}".len());
        assert!(year_ending(&mut scanner, "A\u{a0}!").is_none());
        assert!(year_ending(&mut scanner, "Trips in 2030").is_some());
    }

    #[test]
    fn a_year_inside_an_introduction_heads_the_list_below() {
        let mut scanner = Scanner::new(vocabulary(), LangSet::ALL);
        let line = "The Lanterns 2032 summer tour dates:";
        let d = year_before_colon(&mut scanner, line).expect("a year inside the introduction");
        assert_eq!(d.found.from.year, Some(2032));
        assert_eq!(&line[d.found.start..d.found.end], "2032");
        // A month's year, a day's, two years, or a long sentence are no introduction's year.
        for s in [
            "Tour dates from June 2032 onwards:",
            "Shows in 2032 and 2033 so far:",
            "On 4 June 2032 the band will play:",
            "The band, which formed in Port Merrow in 2019 and has toured every summer since, will play these shows:",
        ] {
            assert!(year_before_colon(&mut scanner, s).is_none(), "{s}");
        }
    }

    #[test]
    fn the_most_common_shape_wins_and_weak_strays_are_text() {
        let mut counts = [0usize; 11];
        counts[StartShape::Led as usize] = 51;
        counts[StartShape::LedBare as usize] = 3;
        counts[StartShape::Heading as usize] = 2;
        assert_eq!(choose_starts(&counts), vec![StartShape::Led]);
        counts[StartShape::LedBare as usize] = 20;
        assert_eq!(
            choose_starts(&counts),
            vec![StartShape::Led, StartShape::LedBare]
        );
        let mut alone = [0usize; 11];
        alone[StartShape::DateLine as usize] = 6;
        alone[StartShape::Led as usize] = 1;
        assert_eq!(
            choose_starts(&alone),
            vec![StartShape::Led, StartShape::DateLine]
        );
        assert_eq!(choose_starts(&[0; 11]), vec![StartShape::Led]);
    }
}
