//! Date expressions: a tokenizer that reads the numbers, month and weekday names, joining words and signs
//! of a line, and a small grammar that finds the dates among them.
//!
//! The grammar knows *notations*, not pages: day-first (`14 March 2012`, `12 de marzo de 2015`, `3. Mai
//! 2019`), month-first (`June 3, 2016`), numeric (`14/05/2017`, `2017-05-14`), month and year
//! (`diciembre de 2023`), a year alone, a month alone, with ordinals (`1st`, `1er`, `1º`), weekdays
//! (`Monday 5 March`, `Martedì (14 maggio)`), and ranges of days, months and years within and across months
//! and years (`20 – 22 November`, `8 y 9 de abril`, `du 3 au 5 mai`, `Jun 28-Jul 2, 2026`, `April - June
//! 2018`, `28 December 2023 – 2 January 2024`). Which of the dates found on a line opens an entry is the
//! layout's business ([`super::scan`], [`super::layout`]); what year a year-less date has is the page's
//! ([`super::year`]).

use crate::lang::{LangSet, Vocabulary, Word};

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum T {
    /// Digits (ASCII or Arabic-Indic), with an ordinal suffix (`1st`, `1er`, `1º`) when it had one.
    Num {
        value: u32,
        digits: u8,
        ordinal: bool,
    },
    /// Three numbers joined by one separator with no space: `14/05/2017`, `2017-05-14`, `14.05.2017`.
    NumDate {
        parts: [u32; 3],
        digits: [u8; 3],
    },
    /// A month and year in numbers: `11/1968`, `05.2019`, `2019-05`.
    NumMonth {
        month: u8,
        year: u16,
    },
    /// A time of day: `10:15`, `20h30`, `6pm`.
    Time,
    /// A month name (1-12), the languages that spell it so in `langs`.
    Month {
        month: u8,
        langs: LangSet,
    },
    /// A weekday name: 1 (Monday) to 7 (Sunday).
    Weekday(u8),
    /// A joining word: `de`, `of`, `to`, `au`, `y`, `and`, `from`, `du` … (bits: [`RANGE`], [`AND`],
    /// [`OF`], [`FROM`]).
    Join(u8),
    Dash,
    Comma,
    Colon,
    Period,
    Slash,
    Open,
    Close,
    Pipe,
    Bullet,
    Quote,
    /// Any other word; `upper` when it starts with an upper-case letter.
    Word {
        upper: bool,
    },
    /// Any other sign.
    Other,
}

/// A joining word that ranges: `to`, `au`, `al`, `bis`, `tot`, `até`.
pub const RANGE: u8 = 1;
/// A joining word that pairs: `and`, `y`, `et`, `e`, `und`, `en`, `&`.
pub const AND: u8 = 2;
/// A joining word between day, month and year: `de`, `del`, `of`, `the`.
pub const OF: u8 = 4;
/// A word that opens a range or a date: `from`, `du`, `del`, `between`, `entre`, `vom`, `le`, `el`.
pub const FROM: u8 = 8;
/// A word that makes a date approximate: `early`, `mid`, `late`, `début`, `fin`, `Anfang`.
pub const FUZZY: u8 = 16;
/// An article that only ever stands before a day: `le 5 mars`, `el lunes 5`, `am 5. März`, never
/// `le mars`.
pub const DAY_ARTICLE: u8 = 32;

pub(crate) fn join_bits(folded: &[u8]) -> u8 {
    match folded {
        b"to" | b"until" | b"till" | b"through" | b"thru" | b"au" | b"a" | b"al" | b"bis"
        | b"tot" | b"ate" | b"hasta" | b"fino" | b"sino" => RANGE,
        b"and" | b"y" | b"et" | b"e" | b"und" | b"en" | b"i" => AND,
        b"de" | b"of" | b"the" | b"di" | b"do" | b"da" => OF,
        b"del" => OF | FROM,
        b"du" | b"from" | b"between" | b"entre" | b"vom" | b"von" | b"van" | b"dal" | b"desde" => {
            FROM
        }
        b"le" | b"el" | b"il" | b"am" => FROM | DAY_ARTICLE,
        // Fuzzy dates keep their month or year: `early March`, `mid 2019`, `fin juillet`.
        b"early" | b"mid" | b"late" | b"debut" | b"fin" | b"mi" | b"anfang" | b"mitte"
        | b"ende" | b"inizio" | b"meados" | b"inicio" | b"begin" | b"eind" | b"medio" => {
            FROM | FUZZY
        }
        _ => 0,
    }
}

/// One token: what it is and where (byte offsets into the text tokenized).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tok {
    pub t: T,
    pub start: u32,
    pub end: u32,
}

/// The value of an ASCII or Arabic-Indic (or Eastern Arabic-Indic) digit.
fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '\u{660}'..='\u{669}' => Some(c as u32 - 0x660),
        '\u{6f0}'..='\u{6f9}' => Some(c as u32 - 0x6f0),
        _ => None,
    }
}

fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '~' | '\u{fe58}' | '\u{fe63}' | '\u{ff0d}'
    )
}

fn is_bullet(c: char) -> bool {
    matches!(
        c,
        '•' | '·'
            | '*'
            | '▪'
            | '►'
            | '▶'
            | '■'
            | '◦'
            | '‣'
            | '●'
            | '○'
            | '◆'
            | '♦'
            | '→'
            | '»'
            | '>'
    )
}

/// Ordinal suffixes written right after a number.
fn is_ordinal_suffix(s: &str) -> bool {
    matches!(
        s,
        "st" | "nd"
            | "rd"
            | "th"
            | "er"
            | "re"
            | "ère"
            | "e"
            | "eme"
            | "ème"
            | "o"
            | "a"
            | "ste"
            | "de"
            | "ᵉʳ"
    )
}

/// Splits `text` into tokens, appending to `out` (cleared first), stopping after `max` tokens.
pub fn tokenize(text: &str, vocab: &Vocabulary, langs: LangSet, max: usize, out: &mut Vec<Tok>) {
    out.clear();
    let bytes = text.as_bytes();
    let mut i = 0usize;
    while i < bytes.len() && out.len() < max {
        let b = bytes[i];
        // ASCII fast paths first: most of a page is ASCII.
        if b == b' ' || b == b'\t' {
            i += 1;
            continue;
        }
        let c = if b < 0x80 {
            b as char
        } else {
            match text[i..].chars().next() {
                Some(c) => c,
                None => break,
            }
        };
        let clen = c.len_utf8();
        if crate::canonical::is_blank_char(c) {
            i += clen;
            continue;
        }
        let start = i;
        if let Some(d) = digit_value(c) {
            let (tok, end) = number(text, i, d);
            out.push(Tok {
                t: tok,
                start: start as u32,
                end: end as u32,
            });
            i = end;
            continue;
        }
        if c.is_alphabetic() {
            let end = word_end(text, i);
            let word = &text[i..end];
            // Dutch `t/m` (tot en met, through) joins a range.
            if (word == "t" || word == "T") && text[end..].starts_with("/m") {
                out.push(Tok {
                    t: T::Join(RANGE),
                    start: start as u32,
                    end: (end + 2) as u32,
                });
                i = end + 2;
                continue;
            }
            // Arabic months of two words (`كانون الثاني`): try the pair first.
            if !word.is_ascii() {
                if let Some(pair_end) = next_word_end(text, end) {
                    if let Some(Word::Month(m)) = vocab.lookup(&text[i..pair_end], langs) {
                        out.push(Tok {
                            t: T::Month {
                                month: m,
                                langs: vocab.languages_of(&text[i..pair_end]),
                            },
                            start: start as u32,
                            end: pair_end as u32,
                        });
                        i = pair_end;
                        continue;
                    }
                }
            }
            // `Avril-mai`, `janvier-février`: two months joined by a hyphen are read as a range.
            if let Some(h) = word.find('-') {
                if matches!(vocab.lookup(&word[..h], langs), Some(Word::Month(_)))
                    && matches!(vocab.lookup(&word[h + 1..], langs), Some(Word::Month(_)))
                {
                    let head = &word[..h];
                    if let Some((Word::Month(m), all)) = vocab.lookup_with_languages(head, langs) {
                        out.push(Tok {
                            t: T::Month {
                                month: m,
                                langs: all,
                            },
                            start: start as u32,
                            end: (start + h) as u32,
                        });
                        i = start + h;
                        continue;
                    }
                }
            }
            let mut found = vocab.lookup_with_languages(word, langs);
            // `Mid-January`, `mi-juillet`: a month with a qualifier glued by a hyphen.
            if found.is_none() && word.as_bytes().contains(&b'-') {
                if let Some(h) = word.rfind('-') {
                    let qualifier = crate::lang::with_folded(&word[..h], join_bits);
                    if qualifier & FUZZY != 0 {
                        found = vocab
                            .lookup_with_languages(&word[h + 1..], langs)
                            .filter(|(w, _)| matches!(w, Word::Month(_)));
                    }
                }
            }
            let t = match found {
                Some((Word::Month(m), all)) => T::Month {
                    month: m,
                    langs: all,
                },
                Some((Word::Weekday(d), _)) => T::Weekday(d),
                None => {
                    let bits = if word.len() <= 8 {
                        crate::lang::with_folded(word, join_bits)
                    } else {
                        0
                    };
                    if bits != 0 {
                        T::Join(bits)
                    } else {
                        T::Word {
                            upper: c.is_uppercase(),
                        }
                    }
                }
            };
            out.push(Tok {
                t,
                start: start as u32,
                end: end as u32,
            });
            i = end;
            continue;
        }
        // Signs: a run of the same sign is one token (`-----`, `::`, `...`).
        let t = if is_dash(c) {
            T::Dash
        } else {
            match c {
                ',' | '،' => T::Comma,
                ':' => T::Colon,
                '.' => T::Period,
                '/' => T::Slash,
                '(' | '[' | '{' => T::Open,
                ')' | ']' | '}' => T::Close,
                '|' | '¦' => T::Pipe,
                '&' => T::Join(AND),
                '"' | '\'' | '“' | '”' | '‘' | '’' | '«' | '„' => T::Quote,
                c if is_bullet(c) => T::Bullet,
                _ => T::Other,
            }
        };
        let mut end = i + clen;
        if matches!(t, T::Dash | T::Colon | T::Period | T::Bullet) {
            while let Some(n) = text[end..].chars().next() {
                let same = match t {
                    T::Dash => is_dash(n),
                    T::Colon => n == ':',
                    T::Period => n == '.',
                    _ => is_bullet(n),
                };
                if !same {
                    break;
                }
                end += n.len_utf8();
            }
        }
        out.push(Tok {
            t,
            start: start as u32,
            end: end as u32,
        });
        i = end;
    }
}

/// End of the word starting at `i`: letters and marks, with inner hyphens and apostrophes
/// (`segunda-feira`, `jusqu'au`).
fn word_end(text: &str, i: usize) -> usize {
    let bytes = text.as_bytes();
    let mut end = i;
    loop {
        // ASCII letters first, byte by byte.
        while end < bytes.len() && bytes[end].is_ascii_alphabetic() {
            end += 1;
        }
        let Some(c) = text[end..].chars().next() else {
            return end;
        };
        if !c.is_ascii() && (c.is_alphabetic() || unicode_normalization::char::is_combining_mark(c))
        {
            end += c.len_utf8();
            continue;
        }
        if matches!(c, '-' | '\'' | '’')
            && text[end + c.len_utf8()..]
                .chars()
                .next()
                .is_some_and(char::is_alphabetic)
        {
            end += c.len_utf8();
            continue;
        }
        return end;
    }
}

/// End of the word after one space following `end`, if there is one.
fn next_word_end(text: &str, end: usize) -> Option<usize> {
    let rest = &text[end..];
    let after = rest.strip_prefix(' ')?;
    let first = after.chars().next()?;
    if !first.is_alphabetic() {
        return None;
    }
    Some(word_end(text, end + 1))
}

/// Reads the number starting at `i` (whose first digit is `first`): a plain number with its ordinal, a
/// `d/m/y` compound, or a time.
fn number(text: &str, i: usize, first: u32) -> (T, usize) {
    let read_digits = |mut j: usize| -> (u32, u8, usize) {
        let mut value: u32 = 0;
        let mut n = 0u8;
        while let Some(c) = text[j..].chars().next() {
            let Some(d) = digit_value(c) else { break };
            value = value.saturating_mul(10).saturating_add(d);
            n = n.saturating_add(1);
            j += c.len_utf8();
        }
        (value, n, j)
    };
    let _ = first;
    let (value, digits, mut end) = read_digits(i);
    let rest = &text[end..];
    let next = rest.chars().next();
    // A time: `10:15`, `20h30`, `9h`, `6pm`, `11 am` is left as a number and a word.
    if let Some(sep @ (':' | 'h' | 'H')) = next {
        let after = &rest[1..];
        let two = after
            .chars()
            .take_while(|c| digit_value(*c).is_some())
            .count();
        if digits <= 2
            && (two == 2 || (sep != ':' && two == 0 && !after.starts_with(char::is_alphabetic)))
        {
            let e = end + 1 + after.chars().take(two).map(char::len_utf8).sum::<usize>();
            return (T::Time, time_suffix(text, e, true));
        }
    }
    // `11 a.m.`, `6pm`: an hour with its half of the day.
    if digits <= 2 && matches!(next, Some('a' | 'p' | 'A' | 'P' | ' ')) {
        let e = time_suffix(text, end, false);
        if e > end {
            return (T::Time, e);
        }
    }
    // `14/05/2017`, `2017-05-14`, `14.05.2017`: three numbers, one separator, no spaces.
    if let Some(sep @ ('/' | '-' | '.')) = next {
        let after = end + 1;
        if text[after..].chars().next().and_then(digit_value).is_some() {
            let (v2, d2, e2) = read_digits(after);
            if text[e2..].starts_with(sep)
                && text[e2 + 1..]
                    .chars()
                    .next()
                    .and_then(digit_value)
                    .is_some()
            {
                let (v3, d3, e3) = read_digits(e2 + 1);
                // A fourth part (`1.2.3.4`, an address or a version) is not a date.
                let more = text[e3..].starts_with(sep)
                    && text[e3 + 1..]
                        .chars()
                        .next()
                        .and_then(digit_value)
                        .is_some();
                if !more {
                    return (
                        T::NumDate {
                            parts: [value, v2, v3],
                            digits: [digits, d2, d3],
                        },
                        e3,
                    );
                }
                return (T::Other, e3);
            }
            // `11/1968`, `05.2019`, `2019-05`: a month and a year in numbers.
            let (month, year) = if d2 == 4 && digits <= 2 {
                (value, v2)
            } else if digits == 4 && d2 == 2 && sep == '-' {
                (v2, value)
            } else {
                (0, 0)
            };
            if (1..=12).contains(&month) && year >= 1000 {
                return (
                    T::NumMonth {
                        month: month as u8,
                        year: year as u16,
                    },
                    e2,
                );
            }
            if sep == '.' {
                // `12.000`, `06.12`: a decimal or an incomplete date, not a day.
                return (T::Other, e2);
            }
        }
    }
    // An ordinal suffix glued to the number (`1st`, `21st`, `1er`, `1º`, `1°`).
    let mut ordinal = false;
    if let Some(c) = next {
        if matches!(c, 'º' | '°' | 'ª' | 'ᵉ') {
            ordinal = true;
            end += c.len_utf8();
            if text[end..].starts_with('ʳ') {
                end += 'ʳ'.len_utf8();
            }
        } else if c.is_alphabetic() {
            let we = word_end(text, end);
            if is_ordinal_suffix(&text[end..we].to_lowercase()) && digits <= 2 {
                ordinal = true;
                end = we;
            }
        }
    }
    (
        T::Num {
            value,
            digits,
            ordinal,
        },
        end,
    )
}

/// The end of a time's suffix after byte `e` (`a.m.`, ` pm`, ` h`, ` Uhr`, ` horas`), or `e` when none
/// follows. `clock`: the time has its minutes, so an hour mark (`h`, `Uhr`) may follow too.
fn time_suffix(text: &str, e: usize, clock: bool) -> usize {
    let rest = &text[e..];
    let (space, rest) = match rest.strip_prefix(' ') {
        Some(r) => (1, r),
        None => (0, rest),
    };
    const HALVES: [&str; 4] = ["a.m.", "p.m.", "am", "pm"];
    const HOURS: [&str; 6] = ["horas", "hrs", "uhr", "hs", "h.", "h"];
    let candidates = HALVES.iter().chain(if clock { &HOURS[..] } else { &[] });
    for suffix in candidates {
        let Some(head) = rest.get(..suffix.len()) else {
            continue;
        };
        let after = &rest[suffix.len()..];
        if head.eq_ignore_ascii_case(suffix) && !after.starts_with(char::is_alphanumeric) {
            return e + space + suffix.len();
        }
    }
    e
}

/// A point of a date as written: any of day, month, year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Part {
    pub day: Option<u32>,
    pub month: Option<u32>,
    pub year: Option<i32>,
    /// The year was written but cannot be one (`10000`, `0`): the date is not a calendar date.
    pub bad_year: bool,
}

impl Part {
    fn has_year(&self) -> bool {
        self.year.is_some() || self.bad_year
    }
}

/// How the date was written, as far as the page's conventions go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Notation {
    /// Day before month name: `14 March 2012`.
    DayMonth,
    /// Month name before day: `June 3, 2016`.
    MonthDay,
    /// Numbers, day and month in the page's order: `14/05/2017`.
    Numeric,
    /// Month (and year), no day: `December 2023`, `April - June 2018`.
    Month,
    /// A year alone, or a range of years.
    Year,
}

/// A date expression found in a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    /// Token indices `[first, end)`.
    pub toks: (usize, usize),
    /// Byte range in the text tokenized.
    pub start: usize,
    pub end: usize,
    pub from: Part,
    /// The end of a range.
    pub to: Option<Part>,
    pub notation: Notation,
    /// Day and month were read from numbers (`03/05/2019`): the page's order decides which is which.
    /// `swap_hint`: `Some(true)` when only month-first makes sense (`03/14/2019`), `Some(false)` when
    /// only day-first does (`14/03/2019`).
    pub numeric: bool,
    pub swap_hint: Option<bool>,
    /// The weekday written with the date (1 Monday to 7 Sunday), if any.
    pub weekday: Option<u8>,
    /// Languages of the month names read (empty for numbers).
    pub langs: LangSet,
}

impl Found {
    /// True when the date names its year (or a year that cannot be one).
    pub fn has_year(&self) -> bool {
        self.from.has_year() || self.to.is_some_and(|t| t.has_year())
    }
}

/// What the grammar reads one point as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    D,
    Dm,
    Dmy,
    Md,
    Mdy,
    M,
    My,
    Y,
    Numeric,
}

struct Point {
    part: Part,
    shape: Shape,
    next: usize,
    weekday: Option<u8>,
    numeric: bool,
    swap_hint: Option<bool>,
    langs: LangSet,
}

fn year_of(t: &Tok) -> Option<(i32, bool)> {
    match t.t {
        T::Num {
            value,
            digits,
            ordinal: false,
        } => {
            if digits == 4 {
                Some((value as i32, value >= 1000))
            } else if digits >= 5 || value == 0 {
                // `1 January 10000`, `1 January 0`: written as a year, but not one.
                Some((0, false))
            } else {
                None
            }
        }
        _ => None,
    }
}

fn day_of(t: &Tok) -> Option<u32> {
    match t.t {
        T::Num { value, digits, .. } if digits <= 2 && (1..=31).contains(&value) => Some(value),
        _ => None,
    }
}

fn is_join(t: Option<&Tok>, bits: u8) -> bool {
    matches!(t, Some(Tok { t: T::Join(b), .. }) if b & bits != 0)
}

fn is(t: Option<&Tok>, want: T) -> bool {
    t.is_some_and(|t| t.t == want)
}

/// Reads a year after a day and month (`14 March 2012`, `12 de marzo de 2015`, `12 de marzo, 2015`,
/// `30 de octubre del 2019`) starting at `k`: the year and the index after it.
fn trailing_year(toks: &[Tok], k: usize) -> Option<(i32, bool, usize)> {
    let mut j = k;
    if is_join(toks.get(j), OF) || is(toks.get(j), T::Comma) {
        j += 1;
    }
    let (y, ok) = year_of(toks.get(j)?)?;
    Some((y, ok, j + 1))
}

/// One point of a date starting at token `i`.
fn point(toks: &[Tok], i: usize) -> Option<Point> {
    let mut j = i;
    let mut weekday = None;
    if let Some(Tok {
        t: T::Weekday(d), ..
    }) = toks.get(j)
    {
        weekday = Some(*d);
        j += 1;
        if is(toks.get(j), T::Comma) {
            j += 1;
        }
        // `Martedì (14 maggio)`: the date in brackets after the weekday.
        if is(toks.get(j), T::Open) {
            let mut p = point(toks, j + 1)?;
            if !is(toks.get(p.next), T::Close) {
                return None;
            }
            p.next += 1;
            p.weekday = weekday;
            return Some(p);
        }
        if is_join(toks.get(j), OF) {
            j += 1; // `Monday the 5th`
        }
    }
    let t = toks.get(j)?;
    let mut p = Point {
        part: Part::default(),
        shape: Shape::D,
        next: j + 1,
        weekday,
        numeric: false,
        swap_hint: None,
        langs: LangSet::default(),
    };
    match t.t {
        T::NumDate { parts, digits } => {
            let [a, b, c] = parts;
            if digits[0] == 4 && digits[1] <= 2 && digits[2] <= 2 {
                p.part = Part {
                    day: Some(c),
                    month: Some(b),
                    year: Some(a as i32),
                    bad_year: false,
                };
            } else if digits[2] == 4 && digits[0] <= 2 && digits[1] <= 2 {
                let dmy_ok = (1..=31).contains(&a) && (1..=12).contains(&b);
                let mdy_ok = (1..=12).contains(&a) && (1..=31).contains(&b);
                if !dmy_ok && !mdy_ok {
                    return None;
                }
                p.numeric = true;
                p.swap_hint = match (dmy_ok, mdy_ok) {
                    (true, false) => Some(false),
                    (false, true) => Some(true),
                    _ => None,
                };
                p.part = if dmy_ok {
                    Part {
                        day: Some(a),
                        month: Some(b),
                        year: Some(c as i32),
                        bad_year: false,
                    }
                } else {
                    Part {
                        day: Some(b),
                        month: Some(a),
                        year: Some(c as i32),
                        bad_year: false,
                    }
                };
            } else {
                return None;
            }
            p.shape = Shape::Numeric;
            p.next = j + 1;
        }
        T::NumMonth { month, year } => {
            p.part.month = Some(u32::from(month));
            p.part.year = Some(i32::from(year));
            p.shape = Shape::My;
            p.next = j + 1;
        }
        T::Num { digits, .. } if digits <= 2 => {
            let day = day_of(t)?;
            let mut k = j + 1;
            if is(toks.get(k), T::Period) {
                k += 1; // `3. Mai`
            }
            if is_join(toks.get(k), OF) {
                k += 1; // `12 de marzo`, `3rd of March`
            }
            if let Some(Tok {
                t: T::Month { month, langs },
                ..
            }) = toks.get(k)
            {
                p.part.day = Some(day);
                p.part.month = Some(u32::from(*month));
                p.langs = *langs;
                k = same_month_pair(toks, k + 1, *month, &mut p.langs);
                if is(toks.get(k), T::Period)
                    && toks
                        .get(k + 1)
                        .is_some_and(|t| matches!(t.t, T::Num { .. } | T::Join(_)))
                {
                    k += 1; // `14 mrt. 2019`
                }
                p.shape = Shape::Dm;
                if let Some((y, ok, after)) = trailing_year(toks, k) {
                    set_year(&mut p.part, y, ok);
                    p.shape = Shape::Dmy;
                    k = after;
                }
                p.next = k;
            } else {
                p.part.day = Some(day);
                p.shape = Shape::D;
                p.next = j + 1;
                // `5.–6. Januar`: the day's dot before the range dash.
                if is(toks.get(j + 1), T::Period)
                    && toks.get(j + 2).is_some_and(|t| {
                        matches!(t.t, T::Dash)
                            || matches!(t.t, T::Join(b) if b & (RANGE | AND) != 0)
                    })
                {
                    p.next = j + 2;
                }
            }
        }
        T::Num { .. } => {
            let (y, ok) = year_of(t)?;
            if !ok {
                return None;
            }
            p.part.year = Some(y);
            p.shape = Shape::Y;
            p.next = j + 1;
            // `1950 18 mars`, `2019, March 14`: a year written first, then the day and month (a
            // chronology's `year day month` columns, flattened).
            let mut k = j + 1;
            if is(toks.get(k), T::Comma) {
                k += 1;
            }
            if let Some(inner) = point(toks, k) {
                if matches!(inner.shape, Shape::Dm | Shape::Md) && inner.weekday.is_none() {
                    p.part.day = inner.part.day;
                    p.part.month = inner.part.month;
                    p.langs = inner.langs;
                    p.shape = if inner.shape == Shape::Dm {
                        Shape::Dmy
                    } else {
                        Shape::Mdy
                    };
                    p.next = inner.next;
                    return Some(p);
                }
            }
            // `1860 (1er janvier)`: a year, then the day in brackets.
            if is(toks.get(j + 1), T::Open) {
                if let Some(inner) = point(toks, j + 2) {
                    if inner.shape == Shape::Dm && is(toks.get(inner.next), T::Close) {
                        p.part.day = inner.part.day;
                        p.part.month = inner.part.month;
                        p.langs = inner.langs;
                        p.shape = Shape::Dmy;
                        p.next = inner.next + 1;
                    }
                }
            }
        }
        T::Month { month, langs } => {
            p.part.month = Some(u32::from(month));
            p.langs = langs;
            let mut k = same_month_pair(toks, j + 1, month, &mut p.langs);
            if is(toks.get(k), T::Period)
                && toks
                    .get(k + 1)
                    .is_some_and(|t| matches!(t.t, T::Num { .. } | T::Comma))
            {
                k += 1; // `Sept. 9`
            }
            p.shape = Shape::M;
            p.next = k;
            if let Some(day) = toks.get(k).and_then(day_of) {
                p.part.day = Some(day);
                p.shape = Shape::Md;
                let mut k2 = k + 1;
                if is(toks.get(k2), T::Comma) {
                    k2 += 1;
                }
                p.next = k + 1;
                if let Some((y, ok)) = toks.get(k2).and_then(year_of) {
                    set_year(&mut p.part, y, ok);
                    p.shape = Shape::Mdy;
                    p.next = k2 + 1;
                }
            } else if let Some((y, ok, after)) = trailing_year(toks, k) {
                if ok {
                    p.part.year = Some(y);
                    p.shape = Shape::My;
                    p.next = after;
                }
            }
        }
        _ => return None,
    }
    Some(p)
}

/// Skips a second name for the same month after a slash (`تشرين الثاني/نوفمبر`): the index after it.
fn same_month_pair(toks: &[Tok], k: usize, month: u8, langs: &mut LangSet) -> usize {
    if is(toks.get(k), T::Slash) {
        if let Some(Tok {
            t: T::Month {
                month: m2,
                langs: l2,
            },
            ..
        }) = toks.get(k + 1)
        {
            if *m2 == month {
                *langs = LangSet(langs.0 | l2.0);
                return k + 2;
            }
        }
    }
    k
}

fn set_year(part: &mut Part, y: i32, ok: bool) {
    if ok {
        part.year = Some(y);
    } else {
        part.bad_year = true;
    }
}

/// The date expression starting at token `i`, if one does (the longest reading: a range when there is
/// one). A bare day (`14`) is not a date on its own.
pub fn date_at(toks: &[Tok], i: usize) -> Option<Found> {
    let mut j = i;
    let article = is_join(toks.get(j), DAY_ARTICLE);
    if is_join(toks.get(j), FROM)
        && toks.get(j + 1).is_some_and(|t| match t.t {
            T::Num { .. } | T::Weekday(_) | T::NumDate { .. } => true,
            T::Month { .. } | T::NumMonth { .. } => !article,
            _ => false,
        })
    {
        j += 1;
    }
    let p1 = point(toks, j)?;
    let first = i;
    // `1864 (juin)`, `1864 (du 8 au 10 septembre)`: a year, then the rest of the date in brackets.
    if p1.shape == Shape::Y && is(toks.get(p1.next), T::Open) {
        if let Some(mut inner) = date_at(toks, p1.next + 1) {
            if !inner.has_year() && is(toks.get(inner.toks.1), T::Close) {
                inner.from.year = p1.part.year;
                if let Some(to) = inner.to.as_mut() {
                    to.year = p1.part.year;
                }
                inner.toks = (first, inner.toks.1 + 1);
                inner.start = toks[first].start as usize;
                inner.end = toks[inner.toks.1 - 1].end as usize;
                return Some(inner);
            }
        }
    }
    // A range: a connector and a second point that fits the first.
    let connector = toks.get(p1.next).is_some_and(|t| match t.t {
        T::Dash => true,
        T::Join(b) => b & (RANGE | AND) != 0,
        T::Slash => matches!(p1.shape, Shape::M | Shape::My),
        _ => false,
    });
    if connector {
        let conn_tok = toks[p1.next];
        let is_and = matches!(conn_tok.t, T::Join(b) if b & AND != 0);
        if let Some(p2) = point(toks, p1.next + 1) {
            if let Some(found) = combine(toks, first, &p1, &p2, is_and) {
                return Some(found);
            }
        }
    }
    if p1.shape == Shape::D {
        return None;
    }
    let end_tok = p1.next;
    Some(Found {
        toks: (first, end_tok),
        start: toks[first].start as usize,
        end: toks[end_tok - 1].end as usize,
        from: p1.part,
        to: None,
        notation: notation(p1.shape),
        numeric: p1.numeric,
        swap_hint: p1.swap_hint,
        weekday: p1.weekday,
        langs: p1.langs,
    })
}

fn notation(shape: Shape) -> Notation {
    match shape {
        Shape::D | Shape::Dm | Shape::Dmy => Notation::DayMonth,
        Shape::Md | Shape::Mdy => Notation::MonthDay,
        Shape::M | Shape::My => Notation::Month,
        Shape::Y => Notation::Year,
        Shape::Numeric => Notation::Numeric,
    }
}

/// Joins two points into a range when their shapes fit (`20 – 22 November`, `June 3-5, 2016`,
/// `28 November – 1 December 2023`, `April - June 2018`, `1715-1718`), filling each side's missing month
/// and year from the other.
fn combine(toks: &[Tok], first: usize, p1: &Point, p2: &Point, is_and: bool) -> Option<Found> {
    use Shape::*;
    let mut a = p1.part;
    let mut b = p2.part;
    let mut next = p2.next;
    let fits = match (p1.shape, p2.shape) {
        (D, Dm | Dmy) | (Dm, Dm | Dmy) | (Dmy, Dmy) => true,
        (Md, D) | (Md, Md) | (Md, Mdy) | (Mdy, Mdy) => true,
        // `March – March` is no range (a month and a word that repeats it).
        (M, M | My) | (My, My) => {
            !is_and
                && (a.month != b.month || a.year.is_some() && b.year.is_some() && a.year != b.year)
        }
        (Y, Y) => !is_and && b.year > a.year,
        (Numeric, Numeric) => true,
        _ => false,
    };
    if !fits {
        return None;
    }
    // `June 3-5, 2016`: the year after the second day belongs to both.
    if p1.shape == Md && p2.shape == D {
        let mut k = next;
        if is(toks.get(k), T::Comma) {
            k += 1;
        }
        if let Some((y, ok)) = toks.get(k).and_then(year_of) {
            set_year(&mut b, y, ok);
            next = k + 1;
        }
    }
    if b.month.is_none() {
        b.month = a.month;
    }
    if a.month.is_none() {
        a.month = b.month;
    }
    if !a.has_year() && b.has_year() {
        a.year = b.year;
        a.bad_year = b.bad_year;
        // `28 December – 2 January 2024`: the start is in the year before.
        if let (Some(y), Some(ma), Some(mb)) = (a.year, a.month, b.month) {
            if ma > mb {
                a.year = Some(y - 1);
            }
        }
    }
    let langs = LangSet(p1.langs.0 | p2.langs.0);
    let notation = match p1.shape {
        D | Dm | Dmy => Notation::DayMonth,
        Md | Mdy => Notation::MonthDay,
        M | My => Notation::Month,
        Y => Notation::Year,
        Numeric => Notation::Numeric,
    };
    Some(Found {
        toks: (first, next),
        start: toks[first].start as usize,
        end: toks[next - 1].end as usize,
        from: a,
        to: Some(b),
        notation,
        numeric: p1.numeric,
        swap_hint: p1.swap_hint.or(p2.swap_hint),
        weekday: p1.weekday,
        langs,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::vocabulary;

    fn found(s: &str) -> Option<(Found, String)> {
        let mut toks = Vec::new();
        tokenize(s, vocabulary(), LangSet::ALL, 64, &mut toks);
        date_at(&toks, 0).map(|f| (f, s[f.start..f.end].to_string()))
    }

    fn show(s: &str) -> String {
        let Some((f, text)) = found(s) else {
            return "none".into();
        };
        let p = |p: Part| {
            format!(
                "{}-{}-{}",
                p.year.map_or("?".into(), |y| y.to_string()),
                p.month.map_or("?".into(), |m| m.to_string()),
                p.day.map_or("?".into(), |d| d.to_string())
            ) + if p.bad_year { "!" } else { "" }
        };
        match f.to {
            Some(t) => format!("{}/{} [{text}]", p(f.from), p(t)),
            None => format!("{} [{text}]", p(f.from)),
        }
    }

    #[test]
    fn day_first_dates_in_every_language() {
        assert_eq!(show("14 March 2012 – x"), "2012-3-14 [14 March 2012]");
        assert_eq!(show("14 MARCH 2012"), "2012-3-14 [14 MARCH 2012]");
        assert_eq!(
            show("12 de marzo de 2015. El"),
            "2015-3-12 [12 de marzo de 2015]"
        );
        assert_eq!(show("12 de marzo, 2015 x"), "2015-3-12 [12 de marzo, 2015]");
        assert_eq!(show("18 mayo 2016 –"), "2016-5-18 [18 mayo 2016]");
        assert_eq!(
            show("30 de octubre del 2019"),
            "2019-10-30 [30 de octubre del 2019]"
        );
        assert_eq!(show("1er février 2020 –"), "2020-2-1 [1er février 2020]");
        assert_eq!(show("3. Mai 2019: x"), "2019-5-3 [3. Mai 2019]");
        assert_eq!(
            show("5.–6. Januar 1990"),
            "1990-1-5/1990-1-6 [5.–6. Januar 1990]"
        );
        assert_eq!(show("14 mrt. 2019"), "2019-3-14 [14 mrt. 2019]");
        assert_eq!(show("05 June 2018"), "2018-6-5 [05 June 2018]");
        assert_eq!(
            show("1º de diciembre de 1887"),
            "1887-12-1 [1º de diciembre de 1887]"
        );
        assert_eq!(show("14 March: x"), "?-3-14 [14 March]");
        assert_eq!(
            show("١٤ تشرين الثاني/نوفمبر ٢٠١٤ - x"),
            "2014-11-14 [١٤ تشرين الثاني/نوفمبر ٢٠١٤]"
        );
    }

    #[test]
    fn month_first_weekdays_and_ordinals() {
        assert_eq!(show("June 3, 2016 – x"), "2016-6-3 [June 3, 2016]");
        assert_eq!(
            show("October 21st , 2016"),
            "2016-10-21 [October 21st , 2016]"
        );
        assert_eq!(show("Sept. 9 2015"), "2015-9-9 [Sept. 9 2015]");
        assert_eq!(
            show("Monday 5 March 2012"),
            "2012-3-5 [Monday 5 March 2012]"
        );
        assert_eq!(show("lundi 5 mars 2012"), "2012-3-5 [lundi 5 mars 2012]");
        assert_eq!(show("lunes 5 de marzo"), "?-3-5 [lunes 5 de marzo]");
        assert_eq!(
            show("Montag, 6. Mai 2019"),
            "2019-5-6 [Montag, 6. Mai 2019]"
        );
        assert_eq!(show("Martedì (14 maggio)"), "?-5-14 [Martedì (14 maggio)]");
        assert_eq!(
            show("Thursday 14th March 2025"),
            "2025-3-14 [Thursday 14th March 2025]"
        );
    }

    #[test]
    fn year_first_dates() {
        assert_eq!(show("1950 18 mars Lancé"), "1950-3-18 [1950 18 mars]");
        assert_eq!(show("2019, March 14: x"), "2019-3-14 [2019, March 14]");
        assert_eq!(show("1950 13 avril"), "1950-4-13 [1950 13 avril]");
        // A year and a number that is no day of a month stay a year.
        assert_eq!(show("1950 12 ministres"), "1950-?-? [1950]");
    }

    #[test]
    fn numeric_dates() {
        assert_eq!(show("2017-05-14 – x"), "2017-5-14 [2017-05-14]");
        assert_eq!(show("2015-10-01 – text"), "2015-10-1 [2015-10-01]");
        assert_eq!(show("14/05/2017 x"), "2017-5-14 [14/05/2017]");
        assert_eq!(show("14.05.2017"), "2017-5-14 [14.05.2017]");
        assert_eq!(show("03/05/2019 - 10:15"), "2019-5-3 [03/05/2019]");
        let (f, _) = found("03/14/2019").unwrap();
        assert_eq!(f.swap_hint, Some(true));
        assert_eq!(show("1.2.3.4"), "none");
        assert_eq!(show("12.000 people"), "none");
    }

    #[test]
    fn ranges() {
        assert_eq!(
            show("20 – 22 November 2023 - x"),
            "2023-11-20/2023-11-22 [20 – 22 November 2023]"
        );
        assert_eq!(
            show("20-22 November 2023"),
            "2023-11-20/2023-11-22 [20-22 November 2023]"
        );
        assert_eq!(show("8 y 9 de abril"), "?-4-8/?-4-9 [8 y 9 de abril]");
        assert_eq!(
            show("15 and 16 January 2014"),
            "2014-1-15/2014-1-16 [15 and 16 January 2014]"
        );
        assert_eq!(
            show("du 3 au 5 mai 2019 :"),
            "2019-5-3/2019-5-5 [du 3 au 5 mai 2019]"
        );
        assert_eq!(
            show("28 November – 1 December 2023"),
            "2023-11-28/2023-12-1 [28 November – 1 December 2023]"
        );
        assert_eq!(
            show("28 December 2023 – 2 January 2024"),
            "2023-12-28/2024-1-2 [28 December 2023 – 2 January 2024]"
        );
        assert_eq!(
            show("28 December – 2 January 2024"),
            "2023-12-28/2024-1-2 [28 December – 2 January 2024]"
        );
        assert_eq!(
            show("27 mars - 2 avril 1962"),
            "1962-3-27/1962-4-2 [27 mars - 2 avril 1962]"
        );
        assert_eq!(
            show("April - June 2018"),
            "2018-4-?/2018-6-? [April - June 2018]"
        );
        assert_eq!(show("June 3-5, 2016"), "2016-6-3/2016-6-5 [June 3-5, 2016]");
        assert_eq!(
            show("Jun 28-Jul 2, 2026"),
            "2026-6-28/2026-7-2 [Jun 28-Jul 2, 2026]"
        );
        assert_eq!(show("1715-1718 x"), "1715-?-?/1718-?-? [1715-1718]");
        assert_eq!(
            show("30 December 2019 to 2 January 2020 - x"),
            "2019-12-30/2020-1-2 [30 December 2019 to 2 January 2020]"
        );
    }

    #[test]
    fn dutch_and_german_range_words() {
        assert_eq!(
            show("9 t/m 15 april 2018"),
            "2018-4-9/2018-4-15 [9 t/m 15 april 2018]"
        );
        assert_eq!(
            show("13. bis 16. Mai 2019"),
            "2019-5-13/2019-5-16 [13. bis 16. Mai 2019]"
        );
    }

    #[test]
    fn what_is_not_a_date_and_what_is_not_a_calendar_date() {
        // A separator that looks like a range dash is not one when no date follows it.
        assert_eq!(
            show("5 July 2023 - 12 ministers met"),
            "2023-7-5 [5 July 2023]"
        );
        assert_eq!(show("2019 – 2 ministers"), "2019-?-? [2019]");
        assert_eq!(show("14 people"), "none");
        assert_eq!(show("The visit"), "none");
        // An article stands before a day, never before a bare month: `Le mars` is a sentence.
        assert_eq!(show("Le mars – avril"), "none");
        assert_eq!(show("le 5 mars 2012"), "2012-3-5 [le 5 mars 2012]");
        // A month repeated is no range.
        assert_eq!(show("March – March"), "?-3-? [March]");
        assert_eq!(show("1 January 10000 – text"), "?-1-1! [1 January 10000]");
        assert_eq!(show("1 January 0 – text"), "?-1-1! [1 January 0]");
        assert_eq!(show("May the visit be fruitful"), "?-5-? [May]");
    }

    #[test]
    fn times_and_glued_words_are_their_own_tokens() {
        let mut toks = Vec::new();
        tokenize(
            "10:15 20h30 6pm 1810Visit 11 a.m. 19:30 h",
            vocabulary(),
            LangSet::ALL,
            64,
            &mut toks,
        );
        let kinds: Vec<T> = toks.iter().map(|t| t.t).collect();
        assert_eq!(kinds[0], T::Time);
        assert_eq!(kinds[1], T::Time);
        assert_eq!(kinds[2], T::Time);
        assert!(matches!(kinds[3], T::Num { value: 1810, .. }));
        assert!(matches!(kinds[4], T::Word { upper: true }));
        assert_eq!(&kinds[5..], [T::Time, T::Time]);
    }
}
