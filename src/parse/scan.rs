//! Where a line carries a date, and in what shape: the first of the parser's two stages.
//!
//! - **led**: the line starts with the date, then a separator and text (`14 March 2012 – The minister …`,
//!   `- 5 April 2015: …`, `12 de marzo de 2015. El …`, `4 12 - 15 May 1961 Belgium …`);
//! - **alone**: the line is the date and nothing else (`15 March 2022`, `• March 3, 2021`, `2017`,
//!   `Monday 5 March 2012`, `03/05/2019 - 10:15`, `Brussels, 16 July 2021`);
//! - **placed**: a place, a comma, then the date and text (`Sofia, June 3, 2016 – …`);
//! - **heading** / **bracket**: a short line ending with a date (`Vienna, Austria, 29 September – 2 October
//!   2009`), or with one in brackets (`Brussels (14 March)`).
//!
//! A date inside a sentence (`On 9 March 2017 the delegation …`) is none of these. Which shapes open
//! entries on a given page is decided by [`super::layout`].

use super::date::{date_at, date_at_with, tokenize_more, Found, Notation, Opts, Part, Tok, T};
use super::profile::DatePattern;
use crate::lang::{LangSet, Vocabulary};
use serde::{Deserialize, Serialize};

/// What stands between a leading date and the text after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sep {
    /// A hyphen, en or em dash (`–`, `.-`, `:-`).
    Dash,
    /// A colon (`14 May 2014: …`).
    Colon,
    /// A full stop (`14.05.2014. …`).
    Period,
    /// A comma (`14 May 2014, …`).
    Comma,
    /// A vertical bar (`14 May 2014 | …`).
    Pipe,
    /// Nothing: the text follows the date after a space (`14 May 2014 The Minister …`).
    None,
}

impl Sep {
    /// Every separator, in the order evidence counts them.
    pub const ALL: [Sep; 6] = [
        Sep::Dash,
        Sep::Colon,
        Sep::Period,
        Sep::Comma,
        Sep::Pipe,
        Sep::None,
    ];

    /// The separator's name in `page.yaml` (`dash`).
    pub fn name(self) -> &'static str {
        match self {
            Sep::Dash => "dash",
            Sep::Colon => "colon",
            Sep::Period => "period",
            Sep::Comma => "comma",
            Sep::Pipe => "pipe",
            Sep::None => "none",
        }
    }
}

/// Where the date stands in its line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Place {
    Led,
    Alone,
    Placed,
    Heading,
    Bracket,
    /// Inside a sentence (`Le lundi 7 mars, le Secrétaire général a reçu …`): an entry only on a page
    /// built of such paragraphs.
    Inside,
}

/// A line's date and its shape. Byte offsets are relative to the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineDate {
    pub place: Place,
    pub found: Found,
    /// Led and placed lines: the separator after the date.
    pub sep: Sep,
    /// Where the text after the date and its separator starts (the line's length when nothing follows).
    pub rest: usize,
    /// The text after the date starts with a capital, a digit, a quote or a bracket (not with a
    /// lower-case word, as a sentence that merely starts with a date does).
    pub rest_upper: bool,
    /// Placed and alone lines: the place before the date (`Sofia`); heading and bracket lines: the words
    /// before the date (`Vienna, Austria`).
    pub prefix: Option<(usize, usize)>,
    /// A bullet, a number or a table row number stands before the date.
    pub marker: bool,
    /// An alone line whose date is followed by a dash or colon and nothing else (`9 October 2018 –`,
    /// `1152 :`): a date line on a page built of them, a lead that lost its text on a page of leads.
    pub dangling: bool,
    /// A day number alone before the separator (`14 — Birthday of …`): a date only under a month
    /// heading, which gives its month.
    pub day_only: bool,
    /// A time of day where the date would be (`10h00 : Entretien …`, `19:30 h- Llegada …`, `10:00 a.m.`
    /// alone): an item of the day heading above.
    pub time_only: bool,
}

impl LineDate {
    /// `found` at `place`, its text starting at `rest`, with nothing else said about the line.
    fn new(place: Place, found: Found, rest: usize) -> LineDate {
        LineDate {
            place,
            found,
            sep: Sep::None,
            rest,
            rest_upper: false,
            prefix: None,
            marker: false,
            dangling: false,
            day_only: false,
            time_only: false,
        }
    }
}

/// Reads lines' dates with one vocabulary and a set of languages, reusing its token buffer.
pub struct Scanner<'v> {
    vocab: &'v Vocabulary,
    langs: LangSet,
    /// The tokens read so far of [`Scanner::line`]: a line is asked about several times in a row (its
    /// start a few tokens at a time, then the date inside it), and each question goes on from where the
    /// one before stopped instead of reading the line again.
    toks: Vec<Tok>,
    /// A copy of the line `toks` belong to (compared by content: lines come from anywhere).
    line: String,
    /// Where reading `line` stopped: the byte after the last token, or the line's length once read.
    resume: usize,
    /// Whether `toks` are `line`'s (not a line too long to keep).
    cached: bool,
    /// Extra notations from the page's profile, tried at the start of a line when no built-in one is
    /// there.
    pub patterns: &'v [DatePattern],
}

/// Longest line, in bytes, scanned for a date at its end (headings are short).
pub const HEADING_MAX_BYTES: usize = 160;
/// What the grammar may read where a line starts: a year below 1000 too (the layout decides whether the
/// page is built of such lines).
const LINE_START: Opts = Opts { low_years: true };
/// Longest line whose tokens a [`Scanner`] keeps for the next question about it.
const CACHED_LINE_BYTES: usize = 4096;
/// Tokens read from the start of a line: a date and its separator are within the first few.
const START_TOKENS: usize = 32;
/// Tokens read first (then twice as many, then [`START_TOKENS`]): enough for almost every leading date
/// and its separator.
const FIRST_TOKENS: usize = 6;

impl<'v> Scanner<'v> {
    pub fn new(vocab: &'v Vocabulary, langs: LangSet) -> Self {
        Scanner {
            vocab,
            langs,
            toks: Vec::with_capacity(START_TOKENS),
            line: String::new(),
            resume: 0,
            cached: false,
            patterns: &[],
        }
    }

    /// The first `max` tokens of `line` (all of them when it has fewer), read only as far as no earlier
    /// question about the same line read it.
    fn tokens(&mut self, line: &str, max: usize) -> &[Tok] {
        // A line longer than any a page is made of (a page scraped without line breaks) is read afresh
        // each time: comparing and copying it would cost more than the few tokens asked for.
        if line.len() > CACHED_LINE_BYTES {
            self.cached = false;
            self.toks.clear();
            tokenize_more(line, self.vocab, self.langs, max, &mut self.toks, 0);
            return &self.toks;
        }
        if !self.cached || self.line != line {
            self.line.clear();
            self.line.push_str(line);
            self.toks.clear();
            self.resume = 0;
            self.cached = true;
        }
        if self.toks.len() < max && self.resume < line.len() {
            self.resume = tokenize_more(
                line,
                self.vocab,
                self.langs,
                max,
                &mut self.toks,
                self.resume,
            );
        }
        &self.toks[..self.toks.len().min(max)]
    }

    /// The first complete calendar date (day, month and year) written anywhere in `line`.
    pub fn full_date_anywhere(&mut self, line: &str) -> Option<chrono::NaiveDate> {
        let toks = self.tokens(line, 256);
        (0..toks.len()).find_map(|i| {
            let f = date_at(toks, i)?;
            if f.from.day.is_none() || !f.has_year() {
                return None;
            }
            f.from.calendar_day()
        })
    }

    /// The first day and month (with or without a year) written inside a sentence, as a line date
    /// of [`Place::Inside`].
    /// The day and month a line names without a year (`Ephéméride 21 février`, `qué pasó un 16 de
    /// marzo`), if it names one and no other date.
    pub fn day_without_year(&mut self, line: &str) -> Option<(u32, u32)> {
        if line.len() > 300 || !has_digit(line) {
            return None;
        }
        let toks = self.tokens(line, 64);
        let mut found = None;
        let mut i = 0;
        while i < toks.len() {
            match date_at(toks, i) {
                Some(f) => {
                    if f.has_year() || f.to.is_some() || found.is_some() {
                        return None;
                    }
                    found = Some((f.from.month?, f.from.day?));
                    i = f.toks.1;
                }
                None => i += 1,
            }
        }
        found
    }

    pub fn inside(&mut self, line: &str) -> Option<LineDate> {
        // A date inside a sentence needs its day in digits: a line without any (most paragraphs of a
        // prose page) is not tokenized.
        if line.len() > 2000 || !has_digit(line) {
            return None;
        }
        let toks = self.tokens(line, 256);
        let found = (0..toks.len()).find_map(|i| {
            if !matches!(
                toks[i].t,
                T::Num { .. } | T::Weekday(_) | T::Month { .. } | T::Join(_)
            ) {
                return None;
            }
            // A number glued to what precedes it (`I-24/7 June`, `24/7`, `A4`) is part of a name.
            if i > 0
                && toks[i - 1].end == toks[i].start
                && matches!(toks[i].t, T::Num { .. })
                && !matches!(toks[i - 1].t, T::Open | T::Quote)
            {
                return None;
            }
            date_at(toks, i).filter(|f| f.from.day.is_some() && f.from.month.is_some())
        })?;
        Some(LineDate::new(Place::Inside, found, 0))
    }

    /// The date a profile's extra pattern matches at the start of `line`.
    fn pattern_start(&mut self, line: &str) -> Option<LineDate> {
        for p in self.patterns {
            let Some(caps) = p.regex.captures(line) else {
                continue;
            };
            let Some(all) = caps.get(0).filter(|m| m.start() == 0 && m.end() > 0) else {
                continue;
            };
            let num = |name: &str| caps.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
            let month = |name: &str| {
                caps.name(name).and_then(|m| {
                    m.as_str().parse::<u32>().ok().or_else(|| {
                        match self.vocab.lookup(m.as_str(), LangSet::ALL)? {
                            crate::lang::Word::Month(n) => Some(u32::from(n)),
                            _ => None,
                        }
                    })
                })
            };
            let from = Part {
                day: num("day"),
                month: month("month"),
                year: num("year").map(|y| y as i32),
                bad_year: false,
            };
            let to =
                (caps.name("end_day").is_some() || caps.name("end_month").is_some()).then(|| {
                    Part {
                        day: num("end_day").or(from.day),
                        month: month("end_month").or(from.month),
                        year: num("end_year").map(|y| y as i32).or(from.year),
                        bad_year: false,
                    }
                });
            let toks = self.tokens(line, START_TOKENS);
            let e = toks
                .iter()
                .position(|t| t.start as usize >= all.end())
                .unwrap_or(toks.len());
            let found = Found {
                toks: (0, e),
                start: 0,
                end: all.end(),
                from,
                to,
                notation: Notation::DayMonth,
                numeric: false,
                swap_hint: None,
                weekday: None,
                langs: LangSet::default(),
                low_year: false,
            };
            return classify(line, toks, found, false, toks.len() < START_TOKENS);
        }
        None
    }

    /// The date at the start of `line` (led, alone or placed), if it has one.
    pub fn start(&mut self, line: &str) -> Option<LineDate> {
        // A wiki's edit link glued to the line below its heading (`editar- 15 de septiembre: …`,
        // `editar1853`): the line starts after it.
        if let Some(k) = glued_edit_link(line) {
            let mut d = self.start_here(&line[k..])?;
            d.found.start += k;
            d.found.end += k;
            d.rest += k;
            d.prefix = d.prefix.map(|(a, b)| (a + k, b + k));
            d.marker = true;
            return Some(d);
        }
        self.start_here(line)
    }

    fn start_here(&mut self, line: &str) -> Option<LineDate> {
        let first = line.chars().next()?;
        // Most lines of a page are prose starting with an ordinary word: the only shape they can have is
        // a place before the date (`Sofia, June 3, 2016 – …`), which needs a comma early in the line.
        if crate::canonical::is_alphabetic(first) {
            let word_end = line
                .find(|c: char| !crate::canonical::is_alphabetic(c))
                .unwrap_or(line.len());
            let word = &line[..word_end];
            // Arabic months of two words (`كانون الأول`).
            let pair = !word.is_ascii()
                && line[word_end..].starts_with(' ')
                && line[word_end + 1..]
                    .find(|c: char| !crate::canonical::is_alphabetic(c))
                    .map(|n| word_end + 1 + n)
                    .or(Some(line.len()))
                    .is_some_and(|e| self.vocab.lookup(&line[..e], self.langs).is_some());
            // `ore 9:` opens an Italian agenda's time.
            let hours = word.eq_ignore_ascii_case("ore") && line[word_end..].starts_with(' ');
            // `Mo. 24.03.`: a weekday the locales abbreviate to two letters.
            let short_weekday = || {
                let b = word.as_bytes();
                b.len() == 2
                    && self
                        .vocab
                        .two_letter_weekday([b[0], b[1]], self.langs)
                        .is_some()
            };
            let may_open = pair
                || hours
                || short_weekday()
                || self.vocab.lookup(word, self.langs).is_some()
                || (word.len() <= 8
                    && crate::lang::with_folded(word, super::date::join_bits) & super::date::FROM
                        != 0);
            if !may_open && !may_be_placed(self.vocab, self.langs, line) && !may_be_table_row(line)
            {
                return None;
            }
        }
        // Tokens are read a few at a time: a lead's date and separator are within its first ten, and
        // looking up every word of a paragraph was most of a parse.
        // A table row's cells before its date's may hold a headline (`Minister Tobias Renn and Deputy
        // Minister Lisa Arnhem open new homes …, 28 May | 28 May 2031 | …`): twice the tokens.
        // (Looked for only once the first tokens leave the line's shape open: most lines are settled
        // before.)
        let mut row: Option<bool> = None;
        for max in [
            FIRST_TOKENS,
            2 * FIRST_TOKENS,
            START_TOKENS,
            2 * START_TOKENS,
        ] {
            if max > START_TOKENS && !*row.get_or_insert_with(|| may_be_table_row(line)) {
                break;
            }
            let toks = self.tokens(line, max);
            // Whether the tokens reach the end of the line (a date alone on its line needs all of them).
            let complete =
                toks.len() < max || toks.last().is_some_and(|t| t.end as usize == line.len());
            // The shape read from these tokens is final when it does not reach their end: a date, its
            // separator and the first token of its text are all there.
            // A led line's text must start within them too: a time after the date (`5 avril 2033 à
            // 18h00 – vote du budget`) puts it further than the date's end.
            let settled = |d: &LineDate| {
                complete
                    || settled_at(toks, d.found.toks.1)
                        && !(d.place == Place::Led && d.rest == line.len())
            };
            let mut found_any: Option<LineDate> = None;
            // A year below 1000 (`853 Costruzione …`) is only taken when no other reading is there: a
            // row or list number may stand before the real date.
            let mut low = None;
            // A later reading runs further than the one found, which has no year.
            let mut longer_after = false;
            // A date running to the last token read may go on, or its separator may follow.
            let mut cut = false;
            for (c, marker) in candidates(toks) {
                if let Some(found) = date_at_with(toks, c, LINE_START) {
                    cut |= found.toks.1 + 1 >= toks.len();
                    if let Some(d) = classify(line, toks, found, marker, complete) {
                        if found.low_year {
                            low.get_or_insert(d);
                            continue;
                        }
                        match found_any {
                            None => found_any = Some(d),
                            // `1 May 20–22, 2017 Norlandia`: a row number before a month-first date
                            // reads as a day with no year; the date that has one, and runs further,
                            // is the one written (its year may be in the tokens still to read).
                            Some(f) if !f.found.has_year() && found.end > f.found.end => {
                                if found.has_year() {
                                    found_any = Some(d);
                                } else {
                                    longer_after = true;
                                }
                            }
                            Some(_) => {}
                        }
                        if found_any.is_some_and(|f| f.found.has_year()) {
                            break;
                        }
                    }
                    // A date that is not a start here (a month name alone) does not end the search: a
                    // row number may stand before the real one.
                }
            }
            let found_any = found_any.or(low);
            // Tokens that stop inside what may be a date (`- Del 16 al 20 de` …) need the rest.
            cut |= !complete
                && toks.last().is_some_and(|t| {
                    matches!(
                        t.t,
                        T::Num { .. }
                            | T::NumDate { .. }
                            | T::NumMonth { .. }
                            | T::Month { .. }
                            | T::Weekday(_)
                            | T::Join(_)
                            | T::Dash
                            | T::Period
                            | T::Comma
                            | T::Open
                    )
                });
            let result = found_any
                .or_else(|| placed(line, toks, complete))
                .or_else(|| table_cell(line, toks, complete))
                .or_else(|| time_start(line, toks, complete))
                .or_else(|| day_only(line, toks))
                .or_else(|| weekday_and_day(line, toks, complete));
            match result {
                Some(d)
                    if (settled(&d) && (complete || !longer_after))
                        || max == 2 * START_TOKENS
                        || max == START_TOKENS
                            && !*row.get_or_insert_with(|| may_be_table_row(line)) =>
                {
                    return Some(d)
                }
                // Only a place before the date (`Sofia, June 3, 2016 –`), or a table row's cells
                // before its date's, may need more tokens.
                None if complete
                    || max == 2 * START_TOKENS
                    || !(cut
                        || toks.iter().any(|t| matches!(t.t, T::Comma | T::Pipe))
                        || *row.get_or_insert_with(|| may_be_table_row(line))) =>
                {
                    break
                }
                _ => {}
            }
        }
        if self.patterns.is_empty() {
            None
        } else {
            self.pattern_start(line)
        }
    }

    /// The date ending a short line (heading or bracket), if it has one; `None` for a line that starts
    /// with its date (see [`Scanner::start`]).
    pub fn end(&mut self, line: &str) -> Option<LineDate> {
        if line.len() > HEADING_MAX_BYTES
            || !line.bytes().any(|b| b.is_ascii_digit()) && line.is_ascii()
        {
            return None;
        }
        let toks = self.tokens(line, 64);
        if toks.len() >= 64 {
            return None;
        }
        let e = effective_end(line, toks);
        for s in 1..e {
            if !matches!(
                toks[s].t,
                T::Num { .. }
                    | T::NumDate { .. }
                    | T::NumMonth { .. }
                    | T::Month { .. }
                    | T::Weekday(_)
                    | T::Join(_)
            ) {
                continue;
            }
            let Some(found) = date_at(toks, s) else {
                continue;
            };
            let bracket = s > 0 && toks[s - 1].t == T::Open;
            // In brackets, a time may follow the date: `(26 Feb 2021 6:58pm)`.
            let mut after = found.toks.1;
            if bracket {
                while after < e && toks[after].t == T::Time {
                    after += 1;
                }
            }
            let reaches =
                found.toks.1 == e || (bracket && after + 1 == e && toks[after].t == T::Close);
            // `Posted on December 12, 2031 by Communications Office`: a byline's date, then its author
            // (after the post's time: `… 2031 at 12:21 pm by …`, `… 2031 à 12h21 par …`).
            let by_author =
                !reaches && byline_author(line, toks, after_time(line, toks, found.toks.1), e);
            if !reaches && !by_author {
                continue;
            }
            if found.notation == Notation::Month && !found.has_year() {
                return None;
            }
            // A bare year ends a heading only after a comma, dash, bar or bracket (`Ferry service
            // begins, 1882`, `The Water Act (1947)`); `Caption number 1000` is a number.
            if found.from.month.is_none()
                && !matches!(
                    toks[s - 1].t,
                    T::Comma | T::Dash | T::Open | T::Pipe | T::Colon
                )
                && !matches!(toks[s].t, T::Join(b) if b & super::date::FROM != 0)
            {
                continue;
            }
            let prefix_end = trim_prefix_end(line, toks, s);
            // A bullet before the heading is not part of its words.
            // A bullet or a list number before the heading is not part of its words.
            let mut first = toks
                .iter()
                .position(|t| !matches!(t.t, T::Bullet | T::Dash))
                .unwrap_or(0);
            if matches!(
                toks.get(first).map(|t| t.t),
                Some(T::Num {
                    digits: 1..=3,
                    ordinal: false,
                    ..
                })
            ) && matches!(
                toks.get(first + 1).map(|t| t.t),
                Some(T::Period | T::Close | T::Pipe)
            ) && first + 2 < s
            {
                first += 2;
            }
            let prefix_start = toks[first].start as usize;
            if prefix_end <= prefix_start {
                return None;
            }
            // `Presse vom 16.12.2021`, `Posted on March 3, 2021`, `Publié le 3 mars`: words that lead in
            // to the date are not a title.
            let last_word = line[prefix_start..prefix_end]
                .rsplit(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or("");
            // `vom 16.12.2021` read as the date with its `from` word: a lead-in unless it opens a range.
            let from_word = matches!(toks[s].t, T::Join(b) if b & super::date::FROM != 0 && b & super::date::FUZZY == 0)
                && found.to.is_none();
            let lead_in = from_word
                || crate::lang::with_folded(last_word, |w| {
                    matches!(
                        w,
                        b"on"
                            | b"vom"
                            | b"von"
                            | b"du"
                            | b"le"
                            | b"el"
                            | b"del"
                            | b"de"
                            | b"am"
                            | b"at"
                            | b"from"
                            | b"op"
                            | b"em"
                            | b"il"
                            | b"during"
                            | b"durante"
                            | b"in"
                            | b"en"
                            | b"nel"
                            | b"im"
                            | b"jahr"
                            | b"gedurende"
                            | b"year"
                            | b"annee"
                            | b"ano"
                            | b"anno"
                    ) || is_byline_verb(w)
                });
            if by_author && !lead_in {
                continue;
            }
            // `Staff training and INSET on Monday 5th January`: words before the lead-in word that
            // are not a byline's verb (`Posted on`, `Last updated on`) are the entry's title.
            let words = &line[prefix_start..prefix_end];
            let titled_end = if by_author {
                None
            } else if from_word {
                // The date read with its lead-in word (`on Monday 5th January`).
                let word = &line[toks[s].start as usize..toks[s].end as usize];
                leads_in_to_a_day(word)
                    .then(|| label_before_date(words))
                    .flatten()
            } else {
                // `words` ends with `last_word` (its last word): the label is what stands before it.
                leads_in_to_a_day(last_word)
                    .then(|| label_before_date(words[..words.len() - last_word.len()].trim_end()))
                    .flatten()
            }
            .map(|n| prefix_start + n);
            let place = if bracket {
                Place::Bracket
            } else {
                Place::Heading
            };
            return Some(LineDate {
                prefix: if lead_in {
                    titled_end.map(|end| (prefix_start, end))
                } else {
                    Some((prefix_start, prefix_end))
                },
                marker: first > 0,
                ..LineDate::new(place, found, line.len())
            });
        }
        None
    }
}

/// Whether `word` leads in to a day (`on`, `le`, `am`, `el`, `op`, `em`).
fn leads_in_to_a_day(word: &str) -> bool {
    crate::lang::with_folded(word, |w| {
        matches!(w, b"on" | b"le" | b"am" | b"el" | b"op" | b"em")
    })
}

/// The length of `before`, the words before a date's lead-in word (`Staff training and INSET` in
/// `Staff training and INSET on Monday 5th January`), when they are a label: two words or more, not
/// ending with a byline's verb (`Posted on`, `Last updated on`, `Article publié le`, `Zuletzt
/// aktualisiert am`).
fn label_before_date(before: &str) -> Option<usize> {
    let mut words = before.split_whitespace();
    let last = words.next_back()?;
    words.next_back()?;
    let last = last.trim_matches(|c: char| !c.is_alphanumeric());
    let verb = crate::lang::with_folded(last, is_byline_verb);
    (!verb).then_some(before.len())
}

/// A verb of a byline's stamp, folded: `Posted`, `Last updated`, `Article publié`, `Mis en ligne`,
/// `Zuletzt aktualisiert`.
fn is_byline_verb(w: &[u8]) -> bool {
    matches!(
        w,
        b"posted"
            | b"published"
            | b"updated"
            | b"modified"
            | b"edited"
            | b"released"
            | b"issued"
            | b"added"
            | b"written"
            | b"created"
            | b"uploaded"
            | b"filed"
            | b"dated"
            | b"publie"
            | b"publiee"
            | b"modifie"
            | b"ligne"
            | b"publicado"
            | b"publicada"
            | b"actualizado"
            | b"actualizada"
            | b"atualizado"
            | b"criado"
            | b"pubblicato"
            | b"pubblicata"
            | b"aggiornato"
            | b"gepubliceerd"
            | b"geplaatst"
            | b"bijgewerkt"
            | b"veroffentlicht"
            | b"aktualisiert"
            | b"erstellt"
            | b"geandert"
            | b"stand"
    )
}

/// The length of a wiki's edit link glued to the start of a line, before a dash or a digit (`editar-
/// …`, `edit1853`, `modifier1921`, `bearbeiten- …`).
fn glued_edit_link(line: &str) -> Option<usize> {
    const EDIT: [&str; 6] = [
        "edit",
        "editar",
        "modifier",
        "modifica",
        "bearbeiten",
        "bewerken",
    ];
    let b = line.as_bytes();
    // Every line is asked: most open with another letter.
    if !matches!(b.first()?.to_ascii_lowercase(), b'e' | b'm' | b'b') {
        return None;
    }
    let word = b.iter().take_while(|c| c.is_ascii_alphabetic()).count();
    let next = *b.get(word)?;
    let glued = next.is_ascii_digit() || next == b'-';
    (glued && EDIT.iter().any(|e| line[..word].eq_ignore_ascii_case(e))).then_some(word)
}

/// How many tokens open the line as a list item's or a table row's marker: bullets, dashes, quotes, and
/// a table row's opening bar (`| June 16, 1911 | …`, the row scraped with its outer bars).
fn leading_markers(toks: &[Tok]) -> usize {
    toks.iter()
        .take_while(|t| matches!(t.t, T::Bullet | T::Dash | T::Quote | T::Pipe))
        .count()
}

/// Token indices where a leading date may start, with whether a marker stands before it: the first
/// token; after bullets; after a list number (`1.`, `2)`, `(3)`); after a table row number (`4 12 - 15 May`);
/// after an opening bracket (`[16/12/2031] - …`).
fn candidates(toks: &[Tok]) -> impl Iterator<Item = (usize, bool)> + '_ {
    let c = leading_markers(toks);
    let bulleted = c > 0;
    let mut out = [(c, bulleted), (usize::MAX, true), (usize::MAX, true)];
    if let Some(T::Num {
        digits,
        ordinal: false,
        ..
    }) = toks.get(c).map(|t| t.t)
    {
        if digits <= 3 {
            if matches!(toks.get(c + 1).map(|t| t.t), Some(T::Period | T::Close)) {
                out[1] = (c + 2, true);
            }
            out[2] = (c + 1, true);
        }
    } else if toks.get(c).map(|t| t.t) == Some(T::Open)
        && matches!(toks.get(c + 1).map(|t| t.t), Some(T::Num { .. }))
        && toks.get(c + 2).map(|t| t.t) == Some(T::Close)
    {
        out[1] = (c + 3, true);
    } else if toks.get(c).map(|t| t.t) == Some(T::Open) {
        // `[16/12/2031] - Comunicato …`: the date in brackets.
        out[1] = (c + 1, true);
    } else if toks.get(c).map(|t| t.t) == Some(T::Time)
        && matches!(
            toks.get(c + 1).map(|t| t.t),
            Some(T::Dash | T::Comma | T::Pipe)
        )
    {
        // `18:50 - 25 September 2031, Dagblad Noord`: a time before the date (a news feed's stamp).
        out[1] = (c + 2, bulleted);
    }
    out.into_iter().filter(|(i, _)| *i != usize::MAX)
}

/// Reads what follows a leading date: alone on its line, or a separator and text.
fn classify(
    line: &str,
    toks: &[Tok],
    found: Found,
    marker: bool,
    complete: bool,
) -> Option<LineDate> {
    let mut e = found.toks.1;
    // `[16/12/2031] - Comunicato …`: a date in brackets, then its separator and text. (In brackets alone
    // on its line it is a bracket heading's date, read elsewhere.)
    if found.toks.0 > 0
        && toks[found.toks.0 - 1].t == T::Open
        && toks.get(e).map(|t| t.t) == Some(T::Close)
        && e + 2 < toks.len()
    {
        e += 1;
    }
    // A time after the date (`03/05/2019 - 10:15`, `4 May 2012 0:01 UTC`, `12/12/2031 às 10h30`, `12 de
    // diciembre a las 10:30 h`) is part of a date line.
    let mut k = after_time(line, toks, e);
    // `6:45 p.m. to 8:00 p.m.`, `07:10 - 07:20`: a range of times.
    if k > e
        && (toks.get(k).map(|t| t.t) == Some(T::Dash)
            || matches!(toks.get(k).map(|t| t.t), Some(T::Join(b)) if b & super::date::RANGE != 0))
        && toks.get(k + 1).map(|t| t.t) == Some(T::Time)
    {
        k += 2;
    }
    // `Wed 30th April (1pm)`: the time in brackets after a date alone.
    if k == e
        && toks.get(k).map(|t| t.t) == Some(T::Open)
        && toks.get(k + 1).map(|t| t.t) == Some(T::Time)
        && toks.get(k + 2).map(|t| t.t) == Some(T::Close)
        && k + 3 == toks.len()
    {
        k += 3;
    }
    // `UTC`, `CET`, `ET` (read as the French `et` otherwise): a time zone ending the line.
    if k > e && k + 1 == toks.len() && {
        let z = &line[toks[k].start as usize..toks[k].end as usize];
        (2..=5).contains(&z.len()) && z.bytes().all(|b| b.is_ascii_uppercase())
    } {
        k += 1;
    }
    // A wiki edit link after a heading (`2017[edit]`, `1936 [modifier | modifier le code]`) is not text.
    if let Some(open) = toks.get(k).filter(|t| t.t == T::Open) {
        let tail = &line[open.start as usize..];
        if let Some(inner) = tail.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
            if super::segment::is_furniture(inner) {
                return Some(LineDate {
                    marker,
                    ..LineDate::new(Place::Alone, found, line.len())
                });
            }
        }
    }
    // `February (date TBC)`, `March (through October)`: a month (or year) with only a remark in brackets
    // after it stands alone, as a month line of a year's calendar.
    if complete && found.from.day.is_none() && toks.get(k).is_some_and(|t| t.t == T::Open) {
        let tail = &line[toks[k].start as usize..];
        if tail.len() <= 40 && tail.starts_with('(') && tail.ends_with(')') {
            return Some(LineDate {
                marker,
                ..LineDate::new(Place::Alone, found, line.len())
            });
        }
    }
    let only_punct = toks[k..].iter().all(|t| {
        matches!(
            t.t,
            T::Colon | T::Period | T::Dash | T::Close | T::Pipe | T::Comma
        )
    });
    let month_alone = found.notation == Notation::Month && !found.has_year() && found.to.is_none();
    if complete && only_punct {
        return Some(LineDate {
            marker,
            dangling: k == e && matches!(toks.get(e).map(|t| t.t), Some(T::Dash | T::Colon)),
            ..LineDate::new(Place::Alone, found, line.len())
        });
    }
    // A month alone opens a line only with a colon or dash and text after it (`September: The Council
    // moved …`, under a year heading); otherwise it is a word (`May the visit …`).
    // A qualified month (`Mid-January`, `early March`) is a date wherever it stands.
    let qualified = matches!(toks[found.toks.0].t, T::Join(b) if b & super::date::FUZZY != 0)
        || line[found.start..found.end].contains('-');
    if month_alone
        && !qualified
        && !(matches!(toks[found.toks.0].t, T::Month { .. })
            && match toks.get(e).map(|t| t.t) {
                // `Octobre : ouverture …` (French writes on in lower case after a colon).
                Some(T::Colon) => toks.get(e + 1).is_some_and(|t| {
                    line[t.start as usize..].starts_with(crate::canonical::is_alphabetic)
                }),
                Some(T::Dash) => toks
                    .get(e + 1)
                    .is_some_and(|t| line[t.start as usize..].starts_with(char::is_uppercase)),
                // `Noviembre.- Selvia.`
                Some(T::Period) if toks.get(e + 1).map(|t| t.t) == Some(T::Dash) => toks
                    .get(e + 2)
                    .is_some_and(|t| line[t.start as usize..].starts_with(char::is_uppercase)),
                // `JANUAR Beim Neujahrsempfang …`: a month set in capitals as a kicker, then the
                // text.
                Some(T::Word { upper: true } | T::Join(_)) => {
                    let month = &line[found.start..found.end];
                    month.chars().count() >= 3
                        && month.chars().all(|c| !c.is_lowercase())
                        && e == found.toks.0 + 1
                        && line[toks[e].start as usize..].starts_with(char::is_uppercase)
                }
                _ => false,
            })
    {
        return None;
    }
    // `100 Jahre Turngemeinde …`, `1000 years of …`: a number of years, not a year.
    if found.notation == Notation::Year && found.to.is_none() {
        if let Some(t) = toks.get(e) {
            if crate::lang::is_years_word(&line[t.start as usize..t.end as usize]) {
                return None;
            }
        }
    }
    let (mut sep, r) = separator_at(toks, e)?;
    // A time (or range of times) after the date is not the entry's text (`1/11/2019 07:10 - 07:20
    // MEDIA: …`): the text starts after it, and the separator is the one after the time, or else the
    // one before it (`03/05/2019 - 10:15 Title`).
    let r = match separator_at(toks, k).filter(|_| k > e) {
        Some((after, r2)) => {
            if after != Sep::None || sep == Sep::None {
                sep = after;
            }
            r2
        }
        None => r,
    };
    // `Mo. 24.03.            der 3. Fastenwoche`: a run of spaces after the date (or its time) parts
    // columns, as a tab or a bar does.
    if sep == Sep::None && r > 0 && r < toks.len() {
        let gap = &line[toks[r - 1].end as usize..toks[r].start as usize];
        if gap.len() >= 3 && gap.bytes().all(|b| b == b' ') {
            sep = Sep::Pipe;
        }
    }
    // `« January 2021 | March 2021 »`: a date, a bar or dash, and only another date is navigation
    // between archive pages, not an entry.
    if complete {
        if let Some(other) = date_at(toks, r) {
            if toks[other.toks.1..].iter().all(|t| {
                matches!(
                    t.t,
                    T::Quote | T::Close | T::Pipe | T::Bullet | T::Other | T::Period
                )
            }) {
                return None;
            }
        }
    }
    // `June 14, 2029 | June 16, 2029 | Halvar Brenn | …`: a table's start and end cells, the row's
    // range of days.
    let mut found = found;
    let mut r = r;
    if let Some(first) = found
        .from
        .calendar_day()
        .filter(|_| sep == Sep::Pipe && found.to.is_none())
    {
        if let Some(end) = date_at(toks, r).filter(|e| e.to.is_none()) {
            let fills_cell = toks.get(end.toks.1).is_some_and(|t| t.t == T::Pipe);
            if let Some(last) = end
                .from
                .calendar_day()
                .filter(|&l| fills_cell && l >= first)
            {
                // A one-day visit gives its day twice.
                found.to = (last > first).then_some(end.from);
                found.end = end.end;
                found.toks.1 = end.toks.1;
                r = end.toks.1 + 1;
            }
        }
    }
    let rest = toks.get(r).map_or(line.len(), |t| t.start as usize);
    let rest_upper = line[rest..].chars().next().is_some_and(|c| {
        c.is_uppercase()
            || c.is_numeric()
            || matches!(c, '"' | '“' | '«' | '„' | '(' | '[' | '\'' | '‘')
            || (crate::canonical::is_alphabetic(c) && !c.is_lowercase())
    });
    // `Le 3 mai 2021, la Sérénie avait …`, `On 9 March 2017 the delegation …`: a date led in by an
    // article or `on`, then lower-case text, is a sentence's opening phrase, on any page; after a bullet (`• On May 20, the Governor …`) it
    // opens a list item.
    let article = matches!(toks[found.toks.0].t,
        T::Join(b) if b & super::date::FROM != 0 && b & super::date::FUZZY == 0);
    // (German chronologies write `Am 26. April 1919 neue Landesverfassung`: only `on` is held to it
    // without a comma.)
    let on = line
        .get(found.start..found.start + 3)
        .is_some_and(|w| w.eq_ignore_ascii_case("on "));
    let sentence_sep = sep == Sep::Comma || (on && sep == Sep::None);
    // `On 15 January, Ambassador Ostrand paid …`: after `on` and a comma the sentence goes on whatever
    // the case of its next word (a name).
    if article && sentence_sep && (!rest_upper || on && sep == Sep::Comma) && !marker {
        return None;
    }
    Some(LineDate {
        sep,
        rest_upper,
        marker,
        ..LineDate::new(Place::Led, found, rest)
    })
}

/// A word for "at" that joins a date and its time (`à`, `at`, `às`, `om`, `um`, `alle`, `ore`, `a las`).
fn is_at_word(line: &str, t: &Tok) -> bool {
    // `21 Juni @ 21:00 - 23:30`: an events calendar's `@`.
    if &line[t.start as usize..t.end as usize] == "@" {
        return true;
    }
    matches!(t.t, T::Word { .. } | T::Join(_))
        && crate::lang::with_folded(&line[t.start as usize..t.end as usize], |w| {
            matches!(
                w,
                b"at" | b"a" | b"as" | b"om" | b"um" | b"alle" | b"ore" | b"las" | b"la" | b"ab"
            )
        })
}

/// The separator at token `e` after a leading date, and where the text after it starts; `None` when what
/// follows cannot follow a leading date (a closing bracket, an odd sign).
fn separator_at(toks: &[Tok], e: usize) -> Option<(Sep, usize)> {
    Some(match toks.get(e).map(|t| t.t) {
        Some(T::Dash) => (Sep::Dash, e + 1),
        Some(T::Period) if toks.get(e + 1).map(|t| t.t) == Some(T::Dash) => (Sep::Dash, e + 2),
        Some(T::Period) => (Sep::Period, e + 1),
        Some(T::Colon) if toks.get(e + 1).map(|t| t.t) == Some(T::Dash) => (Sep::Colon, e + 2),
        Some(T::Colon) => (Sep::Colon, e + 1),
        Some(T::Comma) => (Sep::Comma, e + 1),
        Some(T::Pipe) => (Sep::Pipe, e + 1),
        // `12 Dec 2031 · Council approves …`, `3 May 2019 » …`: a middle dot or bullet sets the text off
        // as a bar does.
        Some(T::Bullet) => (Sep::Pipe, e + 1),
        Some(T::Close) | None => return None,
        // A sign glued to the date (`1950%`) makes it something else; a number written with its
        // thousands (`1589 9.000 Einwohner`) is the text's start.
        Some(T::Other) if e == 0 || toks[e - 1].end == toks[e].start => return None,
        Some(_) => (Sep::None, e),
    })
}

/// `10h00 : Entretien …`, `19:30 h- Llegada …`, `10:00 a.m.` alone on its line: a time where the date
/// would be.
fn time_start(line: &str, toks: &[Tok], complete: bool) -> Option<LineDate> {
    let c = toks
        .iter()
        .position(|t| !matches!(t.t, T::Bullet | T::Quote))?;
    // `ore 9: Incontro …`, `Ore 11.30 - …`: the Italian word for hours before the time.
    let hours_word = matches!(toks[c].t, T::Word { .. })
        && line[toks[c].start as usize..toks[c].end as usize].eq_ignore_ascii_case("ore")
        && toks.get(c + 1).is_some_and(|t| match t.t {
            T::Time => true,
            T::Num { value, digits, .. } => digits <= 2 && value <= 23,
            _ => false,
        });
    let time = if hours_word { c + 1 } else { c };
    if toks[time].t != T::Time && !hours_word {
        return clock_alone(line, toks);
    }
    let found = Found {
        toks: (c, time + 1),
        start: toks[c].start as usize,
        end: toks[time].end as usize,
        from: Part::default(),
        to: None,
        notation: Notation::DayMonth,
        numeric: false,
        swap_hint: None,
        weekday: None,
        langs: LangSet::default(),
        low_year: false,
    };
    let mut d = LineDate {
        marker: c > 0,
        time_only: true,
        ..LineDate::new(Place::Alone, found, line.len())
    };
    let mut k = time + 1;
    // `10:00 – 11:00 AM`, `9.00 to 10.30`: a span of time is one time.
    let joins = |t: &Tok| {
        matches!(t.t, T::Dash) || matches!(t.t, T::Join(b) if b & super::date::RANGE != 0)
    };
    if toks.get(k).is_some_and(joins) && toks.get(k + 1).is_some_and(|t| t.t == T::Time) {
        d.found.toks.1 = k + 2;
        d.found.end = toks[k + 1].end as usize;
        k += 2;
    }
    if k >= toks.len() {
        return complete.then_some(d);
    }
    let (sep, r) = match toks[k].t {
        T::Colon | T::Dash | T::Pipe | T::Period => (Sep::Colon, k + 1),
        _ => (Sep::None, k),
    };
    let rest = toks.get(r)?.start as usize;
    // After a separator the activity may start in lower case (`13h00 : déjeuner avec …`); without
    // one, a lower-case word is more likely a sentence going on (`10:00 in the morning`).
    let upper = line[rest..].starts_with(|c: char| c.is_uppercase() || c.is_numeric());
    if !upper && (sep == Sep::None || !line[rest..].starts_with(crate::canonical::is_alphabetic)) {
        return None;
    }
    d.place = Place::Led;
    d.sep = sep;
    d.rest = rest;
    d.rest_upper = true;
    Some(d)
}

/// `9,30` or `11.00` alone on its line: a time written with a comma or a dot.
fn clock_alone(line: &str, toks: &[Tok]) -> Option<LineDate> {
    let b = line.as_bytes();
    let clock = matches!(b.len(), 4 | 5)
        && matches!(b[b.len() - 3], b'.' | b',')
        && b.iter()
            .enumerate()
            .all(|(i, x)| i == b.len() - 3 || x.is_ascii_digit());
    if !clock {
        return None;
    }
    let (h, m) = (&line[..line.len() - 3], &line[line.len() - 2..]);
    if !(h.parse::<u32>().is_ok_and(|h| h < 24) && m.parse::<u32>().is_ok_and(|m| m < 60)) {
        return None;
    }
    Some(LineDate {
        place: Place::Alone,
        found: Found {
            toks: (0, toks.len()),
            start: 0,
            end: line.len(),
            from: Part::default(),
            to: None,
            notation: Notation::DayMonth,
            numeric: false,
            swap_hint: None,
            weekday: None,
            langs: LangSet::default(),
            low_year: false,
        },
        sep: Sep::None,
        rest: line.len(),
        rest_upper: false,
        prefix: None,
        marker: false,
        dangling: false,
        day_only: false,
        time_only: true,
    })
}

/// `14 — Birthday of …`: a day number, a dash, colon or period, and text starting with a capital.
fn day_only(line: &str, toks: &[Tok]) -> Option<LineDate> {
    // After a bullet (`- 14: …`), as a leading date is.
    let c = leading_markers(toks);
    let day = match toks.get(c)?.t {
        T::Num { value, digits, .. } if digits <= 2 && (1..=31).contains(&value) => value,
        _ => return None,
    };
    if !matches!(toks.get(c + 1)?.t, T::Dash | T::Colon) {
        return None;
    }
    let next = toks.get(c + 2)?;
    // A word that is not in lower case: a capital (`The`, read as a joining word, too), or a script
    // without case (Arabic).
    let capital = matches!(next.t, T::Word { .. } | T::Join(_))
        && line[next.start as usize..]
            .chars()
            .next()
            .is_some_and(|ch| ch.is_alphabetic() && !ch.is_lowercase());
    if !(capital || next.t == T::Quote) {
        return None;
    }
    let found = day_number(toks, (c, c + 1), day, None);
    Some(LineDate {
        place: Place::Led,
        found,
        sep: if toks[c + 1].t == T::Colon {
            Sep::Colon
        } else {
            Sep::Dash
        },
        rest: next.start as usize,
        rest_upper: true,
        prefix: None,
        marker: c > 0,
        dangling: false,
        day_only: true,
        time_only: false,
    })
}

/// A weekday and a day number alone on their line (`Lundi 28`, `Jeudi 1er`, `Monday 3rd`): an agenda's
/// day heading under a month heading, which gives its month.
fn weekday_and_day(line: &str, toks: &[Tok], complete: bool) -> Option<LineDate> {
    let c = leading_markers(toks);
    if !complete || !matches!(toks.get(c)?.t, T::Weekday(_)) {
        return None;
    }
    let mut k = c + 1;
    if matches!(toks.get(k)?.t, T::Comma) {
        k += 1;
    }
    let day = match toks.get(k)?.t {
        T::Num { value, digits, .. } if digits <= 2 && (1..=31).contains(&value) => value,
        _ => return None,
    };
    let weekday = match toks[c].t {
        T::Weekday(d) => Some(d),
        _ => None,
    };
    // Nothing after the day but a colon or a period.
    if toks[k + 1..]
        .iter()
        .any(|t| !matches!(t.t, T::Colon | T::Period))
    {
        return None;
    }
    let found = day_number(toks, (c, k + 1), day, weekday);
    Some(LineDate {
        marker: c > 0,
        day_only: true,
        ..LineDate::new(Place::Alone, found, line.len())
    })
}

/// A day number without its month (which a month heading gives), read from tokens `span`, with the
/// weekday written before it if any (it settles the year as a full date's does).
fn day_number(toks: &[Tok], span: (usize, usize), day: u32, weekday: Option<u8>) -> Found {
    Found {
        toks: span,
        start: toks[span.0].start as usize,
        end: toks[span.1 - 1].end as usize,
        from: Part {
            day: Some(day),
            ..Part::default()
        },
        to: None,
        notation: Notation::DayMonth,
        numeric: false,
        swap_hint: None,
        weekday,
        langs: LangSet::default(),
        low_year: false,
    }
}

/// Whether a date ending at token `e` is read to its end from these tokens (the line has more): its
/// separator and the token after it are there, and a connector (`–`, `to`, `y`) that could go on to a
/// second date has that date's tokens after it.
fn settled_at(toks: &[Tok], e: usize) -> bool {
    if e + 2 >= toks.len() {
        return false;
    }
    let connector = matches!(toks[e].t, T::Dash | T::Slash | T::Pipe | T::Open)
        || matches!(toks[e].t, T::Join(b) if b & (super::date::RANGE | super::date::AND) != 0);
    let may_continue = matches!(
        toks[e + 1].t,
        T::Num { .. } | T::NumDate { .. } | T::NumMonth { .. } | T::Month { .. } | T::Weekday(_)
    );
    // A bracket may hold the rest of the date (`1864 (du 8 au 10 septembre)`, `-1285- (1 gennaio)-`).
    let bracket = toks[e].t == T::Open || (toks[e].t == T::Dash && toks[e + 1].t == T::Open);
    !(connector && may_continue || bracket) || e + 8 <= toks.len()
}

/// Whether `line` can start with a place before its date (`Sofia, June 3, 2016 – …`, `Río de Janeiro, 3
/// de mayo …`): a few capitalised words (with small particles) and a comma early in the line, then a digit
/// or a letter. Cheap, so that the prose of a page is not tokenized for it.
fn may_be_placed(vocab: &Vocabulary, langs: LangSet, line: &str) -> bool {
    let head = &line.as_bytes()[..line.len().min(60)];
    let is_place_word = |w: &str| {
        w.starts_with(|c: char| c.is_uppercase() || c == '(')
            || matches!(
                w,
                "de" | "del"
                    | "la"
                    | "le"
                    | "of"
                    | "am"
                    | "an"
                    | "der"
                    | "du"
                    | "da"
                    | "do"
                    | "di"
                    | "van"
                    | "von"
            )
    };
    // Up to two places joined by commas (`LYON, France,`), each a few capitalised words, then a date:
    // a digit, or a month or weekday name.
    let mut from = 0;
    let mut words = 0;
    for _ in 0..3 {
        let Some(comma) = memchr::memchr(b',', &head[from..]).map(|c| from + c) else {
            return false;
        };
        for w in line[from..comma].split_whitespace() {
            words += 1;
            if words > 6 || !is_place_word(w) {
                return false;
            }
        }
        let after = line[comma + 1..].trim_start();
        if after.starts_with(|c: char| c.is_numeric()) {
            return true;
        }
        let word = after
            .split(|c: char| !crate::canonical::is_alphabetic(c))
            .next()
            .unwrap_or("");
        if vocab.lookup(word, langs).is_some() {
            return true;
        }
        // `Viena, Austria, del 2 al 3 de enero de 1990`: a word that opens a date (`del`, `from`, `du`).
        if word.len() <= 7
            && super::date::join_bits(word.to_ascii_lowercase().as_bytes()) & super::date::FROM != 0
        {
            return true;
        }
        from = comma + 1;
    }
    false
}

/// A line that may be a table row with cells apart by bars (`Norlandia | Port Alder | February 19 | …`):
/// a bar within its first 240 bytes and another after it.
fn may_be_table_row(line: &str) -> bool {
    // A first cell may be a headline of twenty words or so.
    let head = &line.as_bytes()[..line.len().min(240)];
    memchr::memchr2(b'|', b'\t', head)
        .is_some_and(|i| memchr::memchr2(b'|', b'\t', &line.as_bytes()[i + 1..]).is_some())
}

/// Cells a table row may have before its date's.
const TABLE_CELLS_BEFORE: usize = 4;

/// `Norlandia | Port Alder | February 19 | First trip abroad …`: a table row (scraped with its cells apart
/// by bars) with a cell that holds a date and nothing else. The cells before the date are where the row
/// happened, those after it its text: the shape of a placed line (`Sofia, June 3, 2016 – …`), with bars
/// for its commas and dash. A date in the row's first cell leads it (`February 19 | Norlandia | …`), and
/// is read as a led line is.
fn table_cell(line: &str, toks: &[Tok], complete: bool) -> Option<LineDate> {
    let mut cells = 0;
    for k in 1..toks.len() {
        if toks[k - 1].t != T::Pipe {
            continue;
        }
        cells += 1;
        if cells > TABLE_CELLS_BEFORE {
            return None;
        }
        let Some(found) = date_at(toks, k) else {
            continue;
        };
        // A month name alone is a word in a cell (`March | Spring session`), not a date.
        if found.notation == Notation::Month && !found.has_year() {
            continue;
        }
        let after = found.toks.1;
        let fills_cell = match toks.get(after) {
            Some(t) => t.t == T::Pipe,
            None => complete,
        };
        if !fills_cell {
            continue;
        }
        let place_end = line[..toks[k - 1].start as usize].trim_end().len();
        let place_start = line.len()
            - line
                .trim_start_matches(|c: char| c == '|' || c.is_whitespace())
                .len();
        // Empty cells before the date: the row opens with its date.
        if place_start >= place_end {
            return None;
        }
        let rest = toks.get(after).map_or(line.len(), |bar| {
            let from = bar.end as usize;
            from + (line[from..].len() - line[from..].trim_start().len())
        });
        let mut d = LineDate::new(Place::Placed, found, rest);
        d.sep = Sep::Pipe;
        d.prefix = Some((place_start, place_end));
        d.rest_upper = line[rest..].starts_with(|c: char| !c.is_lowercase());
        return Some(d);
    }
    None
}

/// `Sofia, June 3, 2016 – …`, `LYON, France, 2 May 2019 –`, `Valdivia, 10 de febrero de 2016.- …`: a
/// short place in capitals and commas, then the date.
fn placed(line: &str, toks: &[Tok], complete: bool) -> Option<LineDate> {
    if !matches!(toks.first()?.t, T::Word { upper: true }) {
        return None;
    }
    let mut words = 0;
    for k in 1..toks.len().min(12) {
        match toks[k - 1].t {
            T::Word { upper: true } => words += 1,
            T::Word { upper: false } | T::Join(_) => words += 1,
            T::Comma | T::Open | T::Close => {}
            _ => return None,
        }
        if words > 5 {
            return None;
        }
        if toks[k - 1].t != T::Comma {
            continue;
        }
        let Some(found) = date_at(toks, k) else {
            continue;
        };
        if found.notation == Notation::Month && !found.has_year() {
            return None;
        }
        let place_end = toks[k - 1].start as usize;
        // Every word of the place starts with a capital (`Río Claro`, `LYON, France`).
        let place = &line[..place_end];
        if place
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|w| !w.is_empty())
            .any(|w| !w.starts_with(|c: char| c.is_uppercase() || c == '('))
        {
            return None;
        }
        let mut d = classify(line, toks, found, false, complete)?;
        match (d.place, d.sep) {
            (Place::Alone, _) => {}
            (Place::Led, Sep::Dash | Sep::Colon) => d.place = Place::Placed,
            _ => return None,
        }
        d.prefix = Some((0, place_end));
        return Some(d);
    }
    None
}

/// The index after a time that follows a date ending at token `k`, joined to it by a word for "at", a
/// dash or a comma, or by nothing (`at 12:21 pm`, `à 12h21`, `a las 12:21`, `- 12:21`); `k` when no
/// time follows.
fn after_time(line: &str, toks: &[Tok], k: usize) -> usize {
    let mut j = k;
    if matches!(toks.get(j).map(|t| t.t), Some(T::Dash | T::Comma)) {
        j += 1;
    } else {
        while j < k + 2 && toks.get(j).is_some_and(|t| is_at_word(line, t)) {
            j += 1;
        }
    }
    if toks.get(j).map(|t| t.t) == Some(T::Time) {
        j + 1
    } else {
        k
    }
}

/// True when the tokens from `by` to `e` are a byline's author (`… 2031 by Communications Office`, `…
/// 2031 par la rédaction`): a word meaning "by", then only words.
fn byline_author(line: &str, toks: &[Tok], by: usize, e: usize) -> bool {
    let Some(t) = toks.get(by) else { return false };
    matches!(t.t, T::Word { .. } | T::Join(_))
        && by + 1 < e
        && crate::lang::with_folded(&line[t.start as usize..t.end as usize], |w| {
            matches!(
                w,
                b"by" | b"par" | b"por" | b"von" | b"door" | b"di" | b"da"
            )
        })
        // A name may be a month's or a weekday's (`by Julio Ramos`, `by Elena Domingo`).
        && toks[by + 1..e].iter().all(|t| {
            matches!(
                t.t,
                T::Word { .. }
                    | T::Join(_)
                    | T::Month { .. }
                    | T::Weekday(_)
                    | T::Comma
                    | T::Period
                    | T::Dash
            )
        })
}

/// The index just past the last token that can end a heading's date: trailing brackets, bars, full stops,
/// citation marks (`[1]`) and a time (`- 20h30`) are skipped.
fn effective_end(line: &str, toks: &[Tok]) -> usize {
    let mut e = toks.len();
    loop {
        let before = e;
        while e > 0 && matches!(toks[e - 1].t, T::Pipe | T::Period | T::Comma | T::Colon) {
            e -= 1;
        }
        if e >= 3
            && toks[e - 1].t == T::Close
            && matches!(toks[e - 2].t, T::Num { .. })
            && toks[e - 3].t == T::Open
        {
            e -= 3; // `[1]`
        }
        if e >= 1 && toks[e - 1].t == T::Time {
            e -= 1;
            if e >= 1 && matches!(toks[e - 1].t, T::Dash | T::Comma) {
                e -= 1;
            } else {
                // `Publié le 4 juin 2031 à 12h21`, `… a las 12:21`: the time joined by a word for "at".
                let mut words = 0;
                while words < 2 && e > 1 && is_at_word(line, &toks[e - 1]) {
                    e -= 1;
                    words += 1;
                }
            }
        }
        // A wiki edit link: `[modifica | modifica wikitesto]`, `[edit]`.
        if e >= 2 && toks[e - 1].t == T::Close {
            if let Some(open) = (0..e - 1).rev().find(|&i| toks[i].t == T::Open) {
                let inner = &line[toks[open].end as usize..toks[e - 1].start as usize];
                if super::segment::is_furniture(inner) {
                    e = open;
                }
            }
        }
        // A remark in brackets after the date: `(extended)`, `(now closed)`.
        if e >= 3 && toks[e - 1].t == T::Close {
            if let Some(open) = (e.saturating_sub(5)..e - 1)
                .rev()
                .find(|&i| toks[i].t == T::Open)
            {
                let words_only = toks[open + 1..e - 1]
                    .iter()
                    .all(|t| matches!(t.t, T::Word { .. } | T::Join(_)));
                if words_only && open + 1 < e - 1 {
                    e = open;
                }
            }
        }
        if e == before {
            break;
        }
    }
    // A closing bracket stays: `Brussels (14 March)` ends at the bracket.
    e
}

/// End of the words before the date at token `s`, without the separators between them and the date.
fn trim_prefix_end(line: &str, toks: &[Tok], s: usize) -> usize {
    let mut k = s;
    while k > 0
        && matches!(
            toks[k - 1].t,
            T::Comma | T::Dash | T::Open | T::Pipe | T::Colon
        )
    {
        k -= 1;
    }
    if k == 0 {
        return 0;
    }
    let end = toks[k - 1].end as usize;
    line[..end].trim_end().len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::vocabulary;

    fn start(line: &str) -> Option<(Place, Sep, String, String)> {
        let mut s = Scanner::new(vocabulary(), LangSet::ALL);
        s.start(line).map(|d| {
            (
                d.place,
                d.sep,
                line[d.found.start..d.found.end].to_string(),
                line[d.rest..].to_string(),
            )
        })
    }

    fn end(line: &str) -> Option<(Place, String, String)> {
        let mut s = Scanner::new(vocabulary(), LangSet::ALL);
        s.end(line).map(|d| {
            let (a, b) = d.prefix.unwrap();
            (
                d.place,
                line[d.found.start..d.found.end].to_string(),
                line[a..b].to_string(),
            )
        })
    }

    #[test]
    fn led_lines_with_every_separator() {
        use Place::*;
        assert_eq!(
            start("20 – 22 November 2023 - The Secretary General met"),
            Some((
                Led,
                Sep::Dash,
                "20 – 22 November 2023".into(),
                "The Secretary General met".into()
            ))
        );
        assert_eq!(start("14 March: The minister").unwrap().1, Sep::Colon);
        assert_eq!(
            start("12 de marzo de 2015. El ministro").unwrap().1,
            Sep::Period
        );
        assert_eq!(start("13 agosto de 1926.- Nace").unwrap().1, Sep::Dash);
        assert_eq!(start("13 de septiembre:Ignacio").unwrap().1, Sep::Colon);
        assert_eq!(start("14 May 2014 The Minister").unwrap().1, Sep::None);
        let d = start("3 May 2014 12 ministers met").unwrap();
        assert_eq!((d.1, d.3.as_str()), (Sep::None, "12 ministers met"));
        assert_eq!(
            start("- 5 April 2015: The council").unwrap().2,
            "5 April 2015"
        );
        assert_eq!(
            start("4 12 - 15 May 1961 Belgium State visit").unwrap().2,
            "12 - 15 May 1961"
        );
        assert_eq!(start("2015-10-01 – text").unwrap().2, "2015-10-01");
        let d = start("03/14/19 - New bus route").unwrap();
        assert_eq!((d.0, d.2.as_str()), (Led, "03/14/19"));
    }

    #[test]
    fn alone_lines() {
        for line in [
            "15 March 2022",
            "• March 3, 2021",
            "2017",
            "1152 :",
            "Monday 5 March 2012",
            "03/05/2019 - 10:15",
            "Martedì (14 maggio)",
            "JANUARY",
        ] {
            assert_eq!(start(line).map(|d| d.0), Some(Place::Alone), "{line}");
        }
        let mut s = Scanner::new(vocabulary(), LangSet::ALL);
        let d = s.start("Brussels, 16 July 2021").unwrap();
        assert_eq!(d.place, Place::Alone);
        assert_eq!(d.prefix, Some((0, 8)));
    }

    #[test]
    fn placed_lines() {
        let d = start("Sofia, June 3, 2016 – The minister").unwrap();
        assert_eq!((d.0, d.2.as_str()), (Place::Placed, "June 3, 2016"));
        assert_eq!(
            start("LYON, France, 2 May 2019 – The").unwrap().0,
            Place::Placed
        );
        assert_eq!(
            start("Valdivia, 10 de febrero de 2016.- Aquí").unwrap().0,
            Place::Placed
        );
        assert_eq!(start("The minister, 2 May 2019 – x"), None);
    }

    #[test]
    fn dates_inside_sentences_are_not_line_dates() {
        assert_eq!(start("On 9 March 2017 the delegation met"), None);
        assert_eq!(start("May the visit be fruitful"), None);
        assert_eq!(start("The Secretary General welcomed, on 3 May"), None);
        assert_eq!(
            start("10 December 2021 marked the visit.").map(|d| d.1),
            Some(Sep::None)
        );
        assert!(
            !Scanner::new(vocabulary(), LangSet::ALL)
                .start("10 December 2021 marked the visit.")
                .unwrap()
                .rest_upper
        );
    }

    #[test]
    fn time_ranges_after_a_date_are_part_of_the_date_line() {
        let d = start("Thursday, March 7, 2024 - 6:45 p.m. to 8:00 p.m. ET").unwrap();
        assert_eq!(
            (d.0, d.2.as_str()),
            (Place::Alone, "Thursday, March 7, 2024")
        );
        let d = start("1/11/2019 07:10 - 07:20 MEDIA: Breakfast show").unwrap();
        assert_eq!((d.0, d.3.as_str()), (Place::Led, "MEDIA: Breakfast show"));
        // The separator before the time stands for the line.
        let d = start("03/05/2019 - 10:15 Freibad öffnet").unwrap();
        assert_eq!((d.1, d.3.as_str()), (Sep::Dash, "Freibad öffnet"));
        // A table's start and end cells are the row's range.
        let d = start("June 14, 2029 | June 16, 2029 | Halvar Brenn | President |").unwrap();
        assert_eq!(
            (d.0, d.2.as_str(), d.3.as_str()),
            (
                Place::Led,
                "June 14, 2029 | June 16, 2029",
                "Halvar Brenn | President |"
            )
        );
        // A wiki's edit link glued to the line below its heading is not its text.
        let d = start("editar- 15 de septiembre: El cabildo firma").unwrap();
        assert_eq!((d.0, d.2.as_str()), (Place::Led, "15 de septiembre"));
        assert_eq!(start("editar1853").map(|d| d.0), Some(Place::Alone));
        assert!(start("editorial- 15 de septiembre: x").is_none_or(|d| d.2 != "15 de septiembre"));
        // A time joined by a word for "at" takes the text past the first tokens read.
        let d = start("5 avril 2033 à 18h00 – vote du budget").unwrap();
        assert_eq!((d.0, d.3.as_str()), (Place::Led, "vote du budget"));
        let d = start("15 mars 2033 à 18 h 30 – débat d'orientation").unwrap();
        assert_eq!((d.0, d.3.as_str()), (Place::Led, "débat d'orientation"));
        assert_eq!(start("14/03 21:05").map(|d| d.0), Some(Place::Alone));
        // The time in brackets after a date alone.
        assert_eq!(
            start("Wed 30th April (1pm)").map(|d| d.0),
            Some(Place::Alone)
        );
        assert_eq!(
            start("Thurs 22nd May (5:30 pm)").map(|d| d.0),
            Some(Place::Alone)
        );
        assert_eq!(start("14/03/19").map(|d| d.0), Some(Place::Alone));
    }

    #[test]
    fn a_row_number_before_a_month_first_date() {
        let d = start("1 May 20–22, 2017 Norlandia Conference").unwrap();
        assert_eq!(
            (d.2.as_str(), d.3.as_str()),
            ("May 20–22, 2017", "Norlandia Conference")
        );
        // A day-first date with its year stays as written.
        assert_eq!(start("1 May 2017 20 delegates").unwrap().2, "1 May 2017");
    }

    #[test]
    fn years_leading_lines() {
        let mut s = Scanner::new(vocabulary(), LangSet::ALL);
        let d = s.start("853 Costruzione della pieve.").unwrap();
        assert!(d.found.low_year, "a low year, for the page to decide");
        let d = s
            .start("1589 9.000 Einwohner, 1.200 Privathäuser.")
            .unwrap();
        assert_eq!(
            &"1589 9.000 Einwohner, 1.200 Privathäuser."[d.rest..],
            "9.000 Einwohner, 1.200 Privathäuser."
        );
        assert!(d.rest_upper);
        // A number of years is no year: `100 Jahre Turngemeinde …`.
        assert_eq!(start("100 Jahre Turngemeinde 1904"), None);
        assert_eq!(start("1000 years of the city"), None);
        assert_eq!(
            start("2019 Year in Review").map(|d| d.2),
            Some("2019".into())
        );
        // A sign glued to the number makes it something else.
        assert_eq!(start("1950% more"), None);
        // A day-month range before a comma is read (the layout decides whether it opens an entry).
        let d = start("4-9 Jul, from £28.85").unwrap();
        assert_eq!((d.1, d.2.as_str()), (Sep::Comma, "4-9 Jul"));
    }

    #[test]
    fn an_article_a_date_and_a_comma_open_a_sentence() {
        assert_eq!(
            start("Le 3 mai 2021, la Sérénie avait rejoint le programme."),
            None
        );
        // With a capital after the comma, or no article, the line keeps its date.
        assert!(start("1606, or just after, pulpit added.").is_some());
        assert!(start("Am 26. April 1919 neue Landesverfassung").is_some());
    }

    #[test]
    fn a_year_and_the_day_in_brackets_after_a_dash() {
        let d = start("-1285- (1 gennaio)- Pietro lascia Cerveteri").unwrap();
        assert_eq!((d.2.as_str(), d.1), ("1285- (1 gennaio)", Sep::Dash));
        assert_eq!(d.3, "Pietro lascia Cerveteri");
    }

    #[test]
    fn dates_ending_headings_with_a_from_word() {
        let mut s = Scanner::new(vocabulary(), LangSet::ALL);
        let line = "Viena, Austria, del 2 al 3 de enero de 1990";
        assert_eq!(
            s.start(line)
                .map(|d| (d.place, &line[d.found.start..d.found.end])),
            Some((Place::Alone, "del 2 al 3 de enero de 1990")),
            "read from the start too, as the page's first line is"
        );
        assert_eq!(
            end(line),
            Some((
                Place::Heading,
                "del 2 al 3 de enero de 1990".into(),
                "Viena, Austria".into()
            ))
        );
    }

    #[test]
    fn bylines_with_the_posts_time_joined_by_a_word() {
        let mut s = Scanner::new(vocabulary(), LangSet::ALL);
        for (line, date) in [
            ("Publié le 4 juin 2031 à 12h21", "le 4 juin 2031"),
            ("Posted on June 4, 2031 at 12:21 pm", "on June 4, 2031"),
            (
                "Publicado el 4 de junio de 2031 a las 12:21",
                "el 4 de junio de 2031",
            ),
            (
                "Publicado em 4 de junho de 2031 às 12:21",
                "em 4 de junho de 2031",
            ),
            ("Publicado em 4 de junho de 2031", "em 4 de junho de 2031"),
            ("Gepubliceerd op 4 juni 2031 om 12:21", "op 4 juni 2031"),
            (
                "Veröffentlicht am 4. Juni 2031 um 12:21 Uhr",
                "am 4. Juni 2031",
            ),
            ("Publié le 4 juin 2031 - 12:21", "le 4 juin 2031"),
            // The time, then the author.
            (
                "Posted on June 4, 2031 at 12:21 pm by Town Hall",
                "on June 4, 2031",
            ),
            (
                "Publié le 4 juin 2031 à 12h21 par la rédaction",
                "le 4 juin 2031",
            ),
        ] {
            let d = s.end(line).unwrap_or_else(|| panic!("{line}"));
            assert_eq!(
                (d.place, &line[d.found.start..d.found.end], d.prefix),
                (Place::Heading, date, None),
                "{line}"
            );
        }
        // Words before the date and its time are a heading's title.
        assert_eq!(
            end("Conseil municipal, mardi 4 juin 2031 à 20h30").map(|d| d.2),
            Some("Conseil municipal".into())
        );
        // A word that is no author after the time: not a byline.
        assert_eq!(
            s.end("Posted on June 4, 2031 at 12:21 pm by 3 votes to 2"),
            None
        );
    }

    #[test]
    fn a_month_in_capitals_leads_its_text() {
        let mut s = Scanner::new(vocabulary(), LangSet::ALL);
        for line in [
            "JANUAR Beim Neujahrsempfang in der Festhalle zeichnet die Bürgermeisterin aus",
            "MAI Ab dem 12. Mai essen die Kinder in der neuen Mensa",
        ] {
            let d = s.start(line).unwrap_or_else(|| panic!("{line}"));
            assert_eq!(d.place, Place::Led, "{line}");
        }
        // A month in lower case or title case before a word is the word it also is.
        assert!(s.start("May The Force be with you").is_none());
    }

    #[test]
    fn a_run_of_spaces_after_a_date_parts_columns() {
        let mut s = Scanner::new(vocabulary(), LangSet::ALL);
        for line in [
            "Mo. 24.03.            der 3. Fastenwoche",
            "Di. 25.03.            Verkündigung des Herrn",
        ] {
            let d = s.start(line).unwrap_or_else(|| panic!("{line}"));
            assert_eq!((d.place, d.sep), (Place::Led, Sep::Pipe), "{line}");
        }
        // One space and lower-case text: a sentence's date, no column.
        assert!(s
            .start("Mo. 24.03. der Chor probt")
            .is_none_or(|d| d.sep != Sep::Pipe));
    }

    #[test]
    fn a_weekday_and_a_day_alone_are_a_day_heading() {
        let mut s = Scanner::new(vocabulary(), LangSet::ALL);
        for (line, day) in [
            ("Lundi 28", 28),
            ("Jeudi 1er", 1),
            ("Monday 3rd:", 3),
            ("Tuesday, 2", 2),
        ] {
            let d = s.start(line).unwrap_or_else(|| panic!("{line}"));
            assert_eq!(
                (d.place, d.day_only, d.found.from.day, d.found.from.month),
                (Place::Alone, true, Some(day), None),
                "{line}"
            );
        }
        // The weekday is kept: it settles the year as a full date's does.
        assert_eq!(s.start("Lundi 28").map(|d| d.found.weekday), Some(Some(1)));
        // Anything after the day: no day heading.
        for line in ["Monday 3 people came", "Lundi 28 avril", "Friday 13th Club"] {
            assert!(
                s.start(line)
                    .is_none_or(|d| !d.day_only || d.place != Place::Alone),
                "{line}"
            );
        }
    }

    #[test]
    fn labels_before_a_lead_in_word_are_titles() {
        // Two words or more before `on`, `le`, `am`, … that are no byline's verb: the entry's title.
        for (line, title) in [
            (
                "Staff training and INSET on Monday 5th January",
                "Staff training and INSET",
            ),
            (
                "Staff training and INSET on Monday 1st and Tuesday 2nd September",
                "Staff training and INSET",
            ),
            (
                "Training day for staff on Monday 7th June",
                "Training day for staff",
            ),
            ("Réunion du conseil le 4 juin 2031", "Réunion du conseil"),
        ] {
            assert_eq!(end(line).map(|d| d.2), Some(title.into()), "{line}");
        }
        // One word, or a byline's verb, before the lead-in word: a stamp, no title.
        let mut s = Scanner::new(vocabulary(), LangSet::ALL);
        for line in [
            "Posted on June 4, 2031",
            "Last updated on June 4, 2031",
            "Article publié le 4 juin 2031",
            "Zuletzt aktualisiert am 4. Juni 2031",
        ] {
            let d = s.end(line).unwrap_or_else(|| panic!("{line}"));
            assert_eq!(d.prefix, None, "{line}");
        }
        // `del` opens a range as often as it leads in: the whole headline stays as it was.
        let line = "PLENO ORDINARIO DEL 2 DE MARZO";
        let prefix = s.end(line).and_then(|d| d.prefix);
        assert_ne!(prefix.map(|(a, b)| &line[a..b]), Some("PLENO ORDINARIO"));
    }

    #[test]
    fn dates_ending_headings() {
        assert_eq!(
            end("Vienna, Austria, 29 September – 2 October 2009"),
            Some((
                Place::Heading,
                "29 September – 2 October 2009".into(),
                "Vienna, Austria".into()
            ))
        );
        assert_eq!(
            end("Brussels (14 March)"),
            Some((Place::Bracket, "14 March".into(), "Brussels".into()))
        );
        assert_eq!(
            end("54° Cumbre - Villa Real (Argentina) - 17 de julio de 2019[1]").map(|d| d.1),
            Some("17 de julio de 2019".into())
        );
        assert_eq!(
            end("Conseil municipal - mardi 31 mars 2009 - 20h30").map(|d| d.2),
            Some("Conseil municipal".into())
        );
        // A byline's date: no words of a title before it.
        let line = "Pressemitteilung vom 14.03.19";
        let d = Scanner::new(vocabulary(), LangSet::ALL).end(line).unwrap();
        assert_eq!(
            (d.place, &line[d.found.start..d.found.end], d.prefix),
            (Place::Heading, "vom 14.03.19", None)
        );
        assert_eq!(end("Visit of the minister"), None);
        // A bare year needs a separator before it: a number ending a label is not a date.
        assert_eq!(end("Official visits 2018 to 2023"), None);
        assert_eq!(end("Caption number 1000"), None);
        assert_eq!(
            end("Ferry service begins, 1882").map(|d| d.1),
            Some("1882".into())
        );
    }

    /// Every non-blank line of every page the project carries.
    fn every_line() -> Vec<String> {
        crate::parse::tests::every_page()
            .iter()
            .flat_map(|(_, text)| text.lines().map(str::trim).filter(|l| !l.is_empty()))
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn tokens_read_in_steps_are_the_tokens_read_at_once() {
        use super::super::date::tokenize;
        let vocab = vocabulary();
        let (mut whole, mut stepped) = (Vec::new(), Vec::new());
        let mut resumed = 0;
        for line in every_line() {
            tokenize(&line, vocab, LangSet::ALL, 256, &mut whole);
            for steps in [&[1, 2, 3, 4, 5, 256][..], &[6, 12, 32, 64, 256], &[32, 256]] {
                stepped.clear();
                let mut at = 0;
                for &max in steps {
                    let before = stepped.len();
                    at = tokenize_more(&line, vocab, LangSet::ALL, max, &mut stepped, at);
                    resumed += usize::from(before > 0 && stepped.len() > before);
                    assert_eq!(
                        stepped[..],
                        whole[..stepped.len()],
                        "{line:?} read {steps:?}"
                    );
                }
                assert_eq!(stepped, whole, "{line:?} read {steps:?}");
            }
            // A scanner hands out as many tokens as asked for, whatever it read before.
            let mut scanner = Scanner::new(vocab, LangSet::ALL);
            for max in [256, 6, 1, 32, 12] {
                let n = whole.len().min(max);
                assert_eq!(
                    scanner.tokens(&line, max),
                    &whole[..n],
                    "{line:?} up to {max}"
                );
            }
        }
        assert!(resumed > 10_000, "few lines were read in steps: {resumed}");
    }

    #[test]
    fn a_line_too_long_to_keep_leaves_no_tokens_behind() {
        let long = "On 3 May 2021 the minister came. ".repeat(200);
        assert!(long.len() > CACHED_LINE_BYTES);
        let mut scanner = Scanner::new(vocabulary(), LangSet::ALL);
        // An empty line kept, then the long line read over the tokens kept for it.
        assert_eq!(scanner.full_date_anywhere(""), None);
        assert!(scanner.full_date_anywhere(&long).is_some());
        assert_eq!(scanner.tokens("", 256), &[][..]);
        assert_eq!(scanner.full_date_anywhere(""), None);
        let lead = "3 May 2021 – The minister came.";
        assert!(scanner.full_date_anywhere(&long).is_some());
        let fresh = Scanner::new(vocabulary(), LangSet::ALL).start(lead);
        assert!(fresh.is_some());
        assert_eq!(scanner.start(lead), fresh);
    }

    #[test]
    fn a_scanner_answers_as_a_fresh_one_whatever_it_was_asked_before() {
        let vocab = vocabulary();
        let fresh = || Scanner::new(vocab, LangSet::ALL);
        let mut shared = fresh();
        let mut dated = 0;
        let lines = every_line();
        for (i, line) in lines.iter().enumerate() {
            let start = fresh().start(line);
            let inside = fresh().inside(line);
            let end = fresh().end(line);
            let full = fresh().full_date_anywhere(line);
            let day = fresh().day_without_year(line);
            dated += usize::from(start.is_some() || inside.is_some() || end.is_some());
            // The shared scanner is asked in another order on every line, so that each question
            // finds the tokens another one left (fewer, as many or more than it needs).
            match i % 3 {
                0 => {
                    assert_eq!(shared.start(line), start, "start of {line:?}");
                    assert_eq!(shared.inside(line), inside, "inside {line:?}");
                    assert_eq!(shared.end(line), end, "end of {line:?}");
                }
                1 => {
                    assert_eq!(shared.inside(line), inside, "inside {line:?}");
                    assert_eq!(shared.start(line), start, "start of {line:?}");
                    assert_eq!(shared.full_date_anywhere(line), full, "{line:?}");
                }
                _ => {
                    assert_eq!(shared.end(line), end, "end of {line:?}");
                    assert_eq!(shared.day_without_year(line), day, "{line:?}");
                    assert_eq!(shared.start(line), start, "start of {line:?}");
                    assert_eq!(shared.inside(line), inside, "inside {line:?}");
                }
            }
            // The next line may have this one's length, and start like it.
            if let Some(other) = lines.get(i + 1) {
                assert_eq!(shared.start(other), fresh().start(other), "{other:?}");
            }
        }
        assert!(dated > 1000, "few lines carried a date: {dated}");
    }
}

/// Whether `line` holds a digit the date tokenizer reads: ASCII, Arabic-Indic (U+0660–0669, UTF-8
/// `D9 A0`–`D9 A9`) or Eastern Arabic-Indic (U+06F0–06F9, `DB B0`–`DB B9`).
fn has_digit(line: &str) -> bool {
    let b = line.as_bytes();
    b.iter().enumerate().any(|(i, &c)| {
        c.is_ascii_digit()
            || (c == 0xD9 && b.get(i + 1).is_some_and(|n| (0xA0..=0xA9).contains(n)))
            || (c == 0xDB && b.get(i + 1).is_some_and(|n| (0xB0..=0xB9).contains(n)))
    })
}

#[cfg(test)]
mod has_digit_tests {
    #[test]
    fn digits_of_every_script_the_tokenizer_reads_are_seen() {
        for (line, want) in [
            ("le vendredi 25 mars", true),
            ("le vendredi vingt-cinq mars, à Sainte-Orne", false),
            ("في ٢٥ مارس", true),
            ("۲۵ مارس", true),
            ("صباح الخير", false),
            ("", false),
        ] {
            assert_eq!(super::has_digit(line), want, "{line}");
        }
        // Every digit `digit_value` reads is seen, alone on a line.
        for c in ('0'..='9')
            .chain('\u{660}'..='\u{669}')
            .chain('\u{6f0}'..='\u{6f9}')
        {
            assert!(super::has_digit(&format!("x{c}y")), "{c:?}");
        }
    }
}
