//! Date expressions: a tokenizer that reads the numbers, month and weekday names, joining words and signs
//! of a line, and a small grammar that finds the dates among them.
//!
//! The grammar knows *notations*, not pages: day-first (`14 March 2012`, `12 de marzo de 2015`, `3. Mai
//! 2019`), month-first (`June 3, 2016`), numeric (`14/05/2017`, `2017-05-14`), month and year
//! (`diciembre de 2023`), a year alone, a month alone, with ordinals (`1st`, `1er`, `1º`, `1.º`), weekdays
//! (`Monday 5 March`, `Martedì (14 maggio)`), and ranges of days, months and years within and across months
//! and years (`20 – 22 November`, `8 y 9 de abril`, `du 3 au 5 mai`, `Jun 28-Jul 2, 2026`, `April - June
//! 2018`, `28 December 2023 – 2 January 2024`). Which of the dates found on a line opens an entry is the
//! layout's business ([`super::scan`], [`super::layout`]); what year a year-less date has is the page's
//! ([`super::year`]).

use crate::lang::{LangSet, Vocabulary, Word};

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum T {
    /// Digits (ASCII or Arabic-Indic), with an ordinal suffix (`1st`, `1er`, `1º`, `1.º`) when it had one.
    Num {
        value: u32,
        digits: u8,
        ordinal: bool,
    },
    /// Three numbers joined by one separator with no space: `14/05/2017`, `2017-05-14`, `14.05.2017`.
    /// `short_year`: the last part may be a year of two digits (`14.03.19`, `3/14/19`): it has two, and
    /// the parts are joined by slashes, or by dots between a day and month of two digits each (`1.2.10`
    /// is a version; hyphens join phone numbers and codes: `06-12-34`).
    NumDate {
        parts: [u32; 3],
        digits: [u8; 3],
        short_year: bool,
    },
    /// A month and year in numbers: `11/1968`, `05.2019`, `2019-05`.
    NumMonth {
        month: u8,
        year: u16,
    },
    /// A year with its era written after it: `300 n. Chr.`, `90 u. Z.`, `AD 79` is not read (the era
    /// comes first), `10.000 v. Chr.`, `40 000 v. chr.`, `c.1000 a.C.` (`bc`: before Christ, which no
    /// calendar date of a record can hold).
    Era {
        year: u32,
        bc: bool,
    },
    /// A century: `5. Jh.`, `10° sec.`, `X sec.`, `XIIe siècle`, `12th century` (no calendar date).
    Century,
    /// A decade: `1840s`, `1840's` (the first year).
    Decade {
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
        // `30 o 31 maggio`, `1 or 2 March`: a day given as one of two is read as both.
        b"and" | b"y" | b"et" | b"e" | b"und" | b"en" | b"i" | b"or" | b"o" | b"ou" | b"oder" => {
            AND
        }
        b"de" | b"of" | b"the" | b"di" | b"do" | b"da" => OF,
        b"del" => OF | FROM,
        b"du" | b"from" | b"on" | b"em" | b"op" | b"between" | b"entre" | b"vom" | b"von"
        | b"van" | b"dal" | b"desde" => FROM,
        b"le" | b"el" | b"il" | b"am" => FROM | DAY_ARTICLE,
        // Fuzzy dates keep their month or year: `early March`, `mid 2019`, `fin juillet`.
        b"early" | b"mid" | b"late" | b"debut" | b"fin" | b"mi" | b"anfang" | b"mitte"
        | b"ende" | b"inizio" | b"meados" | b"inicio" | b"begin" | b"eind" | b"medio" => {
            FROM | FUZZY
        }
        // Approximate dates keep their year: `c 1370`, `ca. 1600`, `um 1219`, `vers 1450`, `hacia
        // 1600`, and `ab März 1933` (from then on).
        b"c" | b"ca" | b"circa" | b"um" | b"vers" | b"hacia" | b"verso" | b"omstreeks"
        | b"rond" | b"ab" => FROM | FUZZY,
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

/// A list bullet: the page's one set of them (the tokenizer's, the list-item and list-marker tests').
/// Besides the usual ones, those of text taken from PDFs and word processors: the private-use bullet
/// of the Symbol font (U+F0B7), arrows, check marks, diamonds and boxes.
pub(crate) fn is_bullet(c: char) -> bool {
    matches!(
        c,
        '•' | '·'
            | '∙'
            | '*'
            | '▪'
            | '►'
            | '▶'
            | '■'
            | '□'
            | '◦'
            | '‣'
            | '⁃'
            | '●'
            | '○'
            | '◆'
            | '♦'
            | '❖'
            | '→'
            | '➢'
            | '➤'
            | '✓'
            | '✔'
            | '\u{f0b7}'
            | '\u{f0a7}'
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
#[cfg(test)]
pub fn tokenize(text: &str, vocab: &Vocabulary, langs: LangSet, max: usize, out: &mut Vec<Tok>) {
    out.clear();
    tokenize_more(text, vocab, langs, max, out, 0);
}

/// Goes on splitting `text` into tokens from byte `from`, appending to `out` until it holds `max`;
/// returns where it stopped (the text's length once it is all read).
///
/// Each token depends only on the text from where it starts, never on the tokens before it, so the
/// first `n` tokens are the same whatever `max` is: [`super::scan::Scanner`] reads a few tokens of a
/// line, then resumes here when it needs more instead of reading the line again.
pub fn tokenize_more(
    text: &str,
    vocab: &Vocabulary,
    langs: LangSet,
    max: usize,
    out: &mut Vec<Tok>,
    from: usize,
) -> usize {
    let bytes = text.as_bytes();
    let mut i = from;
    while i < bytes.len() && out.len() < max {
        let b = bytes[i];
        // ASCII fast paths first: most of a page is ASCII.
        if b == b' ' {
            i += 1;
            continue;
        }
        // A tab inside a line parts the cells of a table row scraped without bars (`Harbour Committee
        // <tab> 14.01.2031 <tab> Agenda`), as a bar does; a run of tabs is one.
        if b == b'\t' {
            let end = i + bytes[i..].iter().take_while(|&&b| b == b'\t').count();
            out.push(Tok {
                t: T::Pipe,
                start: i as u32,
                end: end as u32,
            });
            i = end;
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
        if crate::canonical::is_alphabetic(c) {
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
            // `X sec.`, `XIIe siècle`: a century in Roman numerals.
            if c.is_ascii_uppercase() {
                if let Some(e) = roman_century(text, start, word) {
                    out.push(Tok {
                        t: T::Century,
                        start: start as u32,
                        end: e as u32,
                    });
                    i = e;
                    continue;
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
                    if let Some(d) = short_weekday(text, start, end, vocab, langs) {
                        out.push(Tok {
                            t: T::Weekday(d),
                            start: start as u32,
                            end: end as u32,
                        });
                        i = end;
                        continue;
                    }
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
    i
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
        if !c.is_ascii() && crate::canonical::is_letter_or_mark(c) {
            end += c.len_utf8();
            continue;
        }
        if matches!(c, '-' | '\'' | '’')
            && text[end + c.len_utf8()..]
                .chars()
                .next()
                .is_some_and(crate::canonical::is_alphabetic)
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
    if !crate::canonical::is_alphabetic(first) {
        return None;
    }
    Some(word_end(text, end + 1))
}

/// True when `before` ends with a sign for "number" (`n.`, `nº`, `No.`, `Nr.`, `núm.`, `#`): what follows
/// is a document's number in its year (`Comunicato Stampa n. 12/2031`, `Decreto nº 3/2031`), not a month.
fn after_number_sign(before: &str) -> bool {
    let word = before
        .trim_end()
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    word == "#"
        || crate::lang::with_folded(word, |w| {
            matches!(w, b"n." | b"no." | b"nr." | b"num." | b"no" | b"nr")
                || w.starts_with(b"n") && w.len() <= 4 && word.ends_with(['º', '°'])
        })
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
    // `10.000 v. Chr.`, `40 000 v. chr.`, `300n. chr.`: a year with its era (thousands grouped by a dot
    // or a space only there: elsewhere `12.000` is a count).
    if let Some(t) = era_or_century(text, value, digits, end) {
        return t;
    }
    let rest = &text[end..];
    let next = rest.chars().next();
    // `1840s`, `1840's`: a decade.
    if digits == 4 && value % 10 == 0 && value >= 1000 {
        let tail = rest
            .strip_prefix("'s")
            .or_else(|| rest.strip_prefix("’s"))
            .or_else(|| rest.strip_prefix('s'));
        if let Some(tail) = tail {
            if !tail.starts_with(char::is_alphanumeric) {
                return (T::Decade { year: value as u16 }, text.len() - tail.len());
            }
        }
    }
    // A time: `10:15`, `20h30`, `9h`, `6pm`, `11 am` is left as a number and a word.
    if let Some(sep @ (':' | 'h' | 'H')) = next {
        let after = &rest[1..];
        let two = after
            .chars()
            .take_while(|c| digit_value(*c).is_some())
            .count();
        if digits <= 2
            && (two == 2
                || (sep != ':' && two == 0 && !after.starts_with(crate::canonical::is_alphabetic)))
        {
            let mut e = end + 1 + after.chars().take(two).map(char::len_utf8).sum::<usize>();
            // `16:00:44`: seconds (a timeline's time stamps).
            if sep == ':' && two == 2 {
                let seconds = text[e..].strip_prefix(':').map_or(0, |s| {
                    s.chars().take_while(|c| digit_value(*c).is_some()).count()
                });
                if seconds == 2 {
                    e += 3;
                }
            }
            return (T::Time, time_suffix(text, e, true));
        }
    }
    // `20 h 30`: French hours and minutes set apart by spaces.
    if digits <= 2 && value <= 23 {
        if let Some(minutes) = rest.strip_prefix(" h ") {
            let two = minutes.chars().take_while(|c| c.is_ascii_digit()).count();
            if two == 2 && !minutes[2..].starts_with(char::is_alphanumeric) {
                return (T::Time, end + " h ".len() + 2);
            }
        }
        // `à 18 h :`: the hour alone, its `h` set apart.
        if rest
            .strip_prefix(" h")
            .is_some_and(|after| !after.starts_with(char::is_alphanumeric))
        {
            return (T::Time, end + " h".len());
        }
        // `16 heures 30 :`, `9 heures :`: the hour written out, with its minutes or before a sign.
        for word in [" heures", " heure"] {
            if let Some(after) = rest.strip_prefix(word) {
                let two = after
                    .strip_prefix(' ')
                    .map_or(0, |m| m.chars().take_while(char::is_ascii_digit).count());
                if two == 2 && !after[3..].starts_with(char::is_alphanumeric) {
                    return (T::Time, end + word.len() + 3);
                }
                if after.trim_start().starts_with([':', '-', '–']) || after.is_empty() {
                    return (T::Time, end + word.len());
                }
            }
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
                    let short_year = d3 == 2
                        && digits <= 2
                        && d2 <= 2
                        && (sep == '/' || (sep == '.' && digits == 2 && d2 == 2));
                    return (
                        T::NumDate {
                            parts: [value, v2, v3],
                            digits: [digits, d2, d3],
                            short_year,
                        },
                        e3,
                    );
                }
                return (T::Other, e3);
            }
            // `11/1968`, `05.2019`, `2019-05`: a month and a year in numbers. `6-7000 Einwohner` is
            // a range of counts: a month written before a hyphen has its two digits, and the year is
            // one a page dates things in.
            let (month, year) = if d2 == 4 && digits <= 2 && (sep != '-' || digits == 2) {
                (value, v2)
            } else if digits == 4 && d2 == 2 && sep == '-' {
                (v2, value)
            } else {
                (0, 0)
            };
            if (1..=12).contains(&month)
                && (1000..=MAX_NUMERIC_YEAR).contains(&year)
                && !after_number_sign(&text[..i])
            {
                return (
                    T::NumMonth {
                        month: month as u8,
                        year: year as u16,
                    },
                    e2,
                );
            }
            // `9.00 uur`, `11.30 a.m.`, `14.00h`, and `11.30 – ` before an agenda's activity: a time
            // written with a dot. Without a suffix only minutes no month has (`.00`, `.13` to `.59`) make
            // one, and only before a separator (`06.12` is an incomplete date).
            if sep == '.' && digits <= 2 && d2 == 2 && value <= 23 && v2 <= 59 {
                let suffixed = time_suffix(text, e2, true);
                let before_separator = || {
                    let after = text[e2..].trim_start_matches(' ');
                    after.starts_with(|c: char| is_dash(c) || c == ':')
                };
                if suffixed > e2 {
                    return (T::Time, suffixed);
                }
                if (v2 == 0 || v2 > 12) && before_separator() {
                    return (T::Time, e2);
                }
            }
            // `03.01. Neujahrsempfang`: a German day and month with their dots and no year, read as
            // the numbers and dots they are (a date where the page's context gives the year).
            let day_month_dots = sep == '.'
                && digits <= 2
                && d2 <= 2
                && (1..=31).contains(&value)
                && (1..=12).contains(&v2)
                && text[e2..].starts_with('.')
                && !text[e2 + 1..].starts_with(|c: char| digit_value(c).is_some());
            if sep == '.' && !day_month_dots {
                // `12.000`, `06.12`: a decimal or an incomplete date, not a day.
                return (T::Other, e2);
            }
        }
    }
    // An ordinal suffix glued to the number (`1st`, `21st`, `1er`, `1º`, `1°`, and the Spanish and
    // Portuguese `1.º`, `1.ª` with the abbreviation's dot before the letter).
    let mut ordinal = false;
    if digits <= 2 && next == Some('.') && rest[1..].starts_with(['º', 'ª']) {
        ordinal = true;
        end += 1 + 'º'.len_utf8();
    } else if let Some(c) = next {
        if matches!(c, 'º' | '°' | 'ª' | 'ᵉ') {
            ordinal = true;
            end += c.len_utf8();
            if text[end..].starts_with('ʳ') {
                end += 'ʳ'.len_utf8();
            }
        } else if crate::canonical::is_alphabetic(c) {
            // Letters only: `21st-Nov-2031` joins its parts by hyphens.
            let we = text[end..]
                .find(|c: char| !crate::canonical::is_alphabetic(c))
                .map_or(text.len(), |n| end + n);
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
    // Every suffix opens with one of these bytes (Arabic's `م` and `ص` with 0xD9 and 0xD8): most
    // numbers are followed by none.
    if !rest.as_bytes().first().is_some_and(|b| {
        matches!(
            b.to_ascii_lowercase(),
            b'a' | b'p' | b'n' | b'm' | b'h' | b'u' | 0xD8 | 0xD9
        )
    }) {
        return e;
    }
    const HALVES: [&str; 6] = ["a.m.", "p.m.", "am", "pm", "noon", "midnight"];
    // After a clock time, Arabic's halves of the day (`9:24 م`, `10:12 ص`); after a bare number the
    // letters are metres and the Gregorian era (`2031م`).
    const HOURS: [&str; 12] = [
        "horas",
        "hrs",
        "uhr",
        "uur",
        "heures",
        "hs",
        "h.",
        "h",
        "مساءً",
        "صباحًا",
        "م",
        "ص",
    ];
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

/// The latest year a month and year written in numbers (`11/1968`) may have: `6-7000` is no month.
const MAX_NUMERIC_YEAR: u32 = 2199;

/// Eras written after a year, without their spaces (`v. Chr.` is `v.Chr.`), and whether each is before
/// Christ. Those matched without regard to case hold a dot or a `chr` that no ordinary word has; the
/// bare English letters (`AD`, `BC`, `CE`) only in capitals (`ce`, French for "this", is a word).
const ERAS: &[(&str, bool, bool)] = &[
    // (marker, before Christ, case matters)
    ("v.chr.", true, false),
    ("v.chr", true, false),
    ("vorchristus", true, false),
    ("v.u.z.", true, false),
    ("v.c.", true, false),
    ("a.c.", true, false),
    ("a.dec.", true, false),
    ("av.j.-c.", true, false),
    ("av.j.c.", true, false),
    ("B.C.E.", true, true),
    ("B.C.", true, true),
    ("BCE", true, true),
    ("BC", true, true),
    ("n.chr.", false, false),
    ("n.chr", false, false),
    ("nachchristus", false, false),
    ("u.z.", false, false),
    ("n.c.", false, false),
    ("d.c.", false, false),
    ("apr.j.-c.", false, false),
    ("A.D.", false, true),
    ("AD", false, true),
    ("C.E.", false, true),
    ("CE", false, true),
];

/// Century words after a number (`5. Jh.`, `10° sec.`, `12th century`, `XIIe siècle`), folded.
fn is_century_word(folded: &[u8]) -> bool {
    matches!(
        folded,
        b"jh"
            | b"jhd"
            | b"jhdt"
            | b"jahrhundert"
            | b"jahrhunderts"
            | b"sec"
            | b"secolo"
            | b"siecle"
            | b"siecles"
            | b"century"
            | b"centuries"
            | b"eeuw"
            | b"seculo"
    )
}

/// The era written at byte `at` (after a year and at most one space): whether it is before Christ, where
/// it ends, and whether it is written in bare capitals (`BC`, `AD`, `CE`).
fn era_at(text: &str, at: usize) -> Option<(bool, usize, bool)> {
    let rest = &text[at..];
    let lead = rest.len() - rest.trim_start_matches(' ').len();
    // Every era starts with one of these letters: most numbers are followed by something else.
    if lead > 1
        || !rest[lead..].starts_with(|c: char| {
            matches!(
                c,
                'v' | 'V' | 'a' | 'A' | 'n' | 'N' | 'u' | 'U' | 'd' | 'D' | 'B' | 'C'
            )
        })
    {
        return None;
    }
    // The first dozen characters without the spaces after their dots, each with the byte offset after
    // it.
    let mut squeezed = [('\0', 0usize); 12];
    let mut len = 0;
    for (k, c) in rest.char_indices().skip(lead) {
        if len == squeezed.len() {
            break;
        }
        if c == ' ' {
            // A space only between the parts of an abbreviation (`v. Chr.`), after a dot.
            if len > 0 && squeezed[len - 1].0 == '.' {
                continue;
            }
            break;
        }
        squeezed[len] = (c, at + k + c.len_utf8());
        len += 1;
    }
    let squeezed = &squeezed[..len];
    for &(marker, bc, case) in ERAS {
        let n = marker.len();
        if squeezed.len() < n {
            continue;
        }
        let same = squeezed.iter().zip(marker.chars()).all(|((c, _), m)| {
            if case {
                *c == m
            } else {
                c.to_ascii_lowercase() == m
            }
        });
        if !same {
            continue;
        }
        let end = squeezed[n - 1].1;
        // The marker ends its word: `AD` is not the start of `ADN`.
        if text[end..].starts_with(char::is_alphanumeric) {
            continue;
        }
        return Some((bc, end, case && !marker.contains('.')));
    }
    None
}

/// A century word (and an era after it) at byte `at`, after a century's number: where it ends.
fn century_at(text: &str, at: usize, ordinal: bool) -> Option<usize> {
    let rest = &text[at..];
    let skip = rest.len() - rest.trim_start_matches(' ').len();
    if skip != 1 {
        return None;
    }
    let start = at + skip;
    if !text[start..].starts_with(crate::canonical::is_alphabetic) {
        return None;
    }
    let we = word_end(text, start);
    if !crate::lang::with_folded(&text[start..we], is_century_word) {
        return None;
    }
    // `sec` is also seconds (`5 sec. faster`): a century only after an ordinal (`10° sec.`, `X sec.`).
    if !ordinal && text[start..we].eq_ignore_ascii_case("sec") {
        return None;
    }
    let mut end = we;
    if text[end..].starts_with('.') {
        end += 1;
    }
    if let Some((_, e, _)) = era_at(text, end) {
        end = e;
    }
    Some(end)
}

/// A year with its era, or a century, starting with a number of `value` (`digits` digits) that ends at
/// byte `end`.
fn era_or_century(text: &str, value: u32, digits: u8, end: usize) -> Option<(T, usize)> {
    let b = text.as_bytes();
    // `5. Jh.`, `10° sec.`, `12th century`, `5 Jh.`: a century's ordinal, then the word.
    if (1..=2).contains(&digits) && (1..=21).contains(&value) {
        let mut e = end;
        if b.get(e) == Some(&b'.') {
            e += 1;
        } else if text[e..].starts_with('°') || text[e..].starts_with('º') {
            e += '°'.len_utf8();
        } else if text[e..].starts_with(crate::canonical::is_alphabetic) {
            let we = word_end(text, e);
            if matches!(
                &text[e..we],
                "st" | "nd" | "rd" | "th" | "e" | "er" | "eme" | "ème"
            ) {
                e = we;
            }
        }
        if let Some(ce) = century_at(text, e, e > end) {
            return Some((T::Century, ce));
        }
    }
    // Thousands grouped by a dot or a space (`10.000`, `40 000`), only before an era.
    let mut year = value;
    let mut e = end;
    if (1..=3).contains(&digits) {
        while matches!(b.get(e), Some(b'.' | b' '))
            && b.get(e + 1..e + 4)
                .is_some_and(|g| g.iter().all(u8::is_ascii_digit))
            && !b.get(e + 4).is_some_and(u8::is_ascii_digit)
        {
            year = year.saturating_mul(1000).saturating_add(
                b[e + 1..e + 4]
                    .iter()
                    .fold(0, |a, d| a * 10 + u32::from(d - b'0')),
            );
            e += 4;
        }
    }
    if digits > 5 || year == 0 {
        return None;
    }
    let (bc, era_end, capitals) = era_at(text, e)?;
    // `2019 BC Hydro`, `2021 AD campaign`: bare capitals after a recent year are a name or a word
    // (`2600 BC` is no recent year).
    if capitals && (1900..=2100).contains(&year) {
        return None;
    }
    Some((T::Era { year, bc }, era_end))
}

/// A Roman century (`X sec.`, `XIIe siècle`, `XV secolo`) for the upper-case word `word` at `start`:
/// where it ends.
fn roman_century(text: &str, start: usize, word: &str) -> Option<usize> {
    let numeral = word
        .strip_suffix("ème")
        .or_else(|| word.strip_suffix("eme"))
        .or_else(|| word.strip_suffix("er"))
        .or_else(|| word.strip_suffix('e'))
        .unwrap_or(word);
    if numeral.is_empty() || numeral.len() > 6 || !numeral.bytes().all(|c| b"IVXL".contains(&c)) {
        return None;
    }
    let mut e = start + word.len();
    if text[e..].starts_with('°') || text[e..].starts_with('º') {
        e += '°'.len_utf8();
    }
    century_at(text, e, true)
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

    /// The calendar day, when day, month and year are all written and make one.
    pub fn calendar_day(&self) -> Option<chrono::NaiveDate> {
        chrono::NaiveDate::from_ymd_opt(self.year?, self.month?, self.day?)
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
    /// A year below 1000 read from a bare number (`853 Costruzione …`, `0053.`): a date only on a page
    /// of year-led lines (read with [`Opts::low_years`]).
    pub low_year: bool,
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

/// Readings of the grammar that only some places of a line allow.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Opts {
    /// Read a number of three digits, or of four with a leading zero (`853`, `0053`), as a year where a
    /// date starts (`853 Costruzione …`): such a line is only an entry on a page of year-led lines
    /// ([`Found::low_year`] says so, the layout decides).
    pub low_years: bool,
}

struct Point {
    part: Part,
    shape: Shape,
    next: usize,
    weekday: Option<u8>,
    numeric: bool,
    swap_hint: Option<bool>,
    langs: LangSet,
    /// A year below 1000 read from a bare number (`853`, `0053`).
    low_year: bool,
    /// A decade (`1840s`): its year is the first.
    decade: bool,
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

/// A year below 1000 written as a bare number: three digits (`853`) or four with a leading zero
/// (`0053`).
fn low_year_of(t: &Tok) -> Option<i32> {
    match t.t {
        T::Num {
            value,
            digits: 3,
            ordinal: false,
        } if value >= 100 => Some(value as i32),
        T::Num {
            value,
            digits: 4,
            ordinal: false,
        } if (1..1000).contains(&value) => Some(value as i32),
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

/// Whether tokens `a` and `b` touch (no space between them).
fn glued(a: &Tok, b: &Tok) -> bool {
    a.end == b.start
}

/// Reads a year after a day and month (`14 March 2012`, `12 de marzo de 2015`, `12 de marzo, 2015`,
/// `30 de octubre del 2019`) starting at `k`: the year and the index after it.
fn trailing_year(toks: &[Tok], k: usize) -> Option<(i32, bool, usize)> {
    let mut j = k;
    if is_join(toks.get(j), OF) || is(toks.get(j), T::Comma) {
        j += 1;
    }
    let t = toks.get(j)?;
    match t.t {
        // `15 March 44 BC`: before Christ, no calendar date (but the year is written: none is taken
        // from the entry above); `3 May 325 AD`.
        T::Era { bc: true, .. } => return Some((0, false, j + 1)),
        T::Era { year, bc: false } => return Some((year as i32, year >= 1, j + 1)),
        _ => {}
    }
    if let Some(low) = low_year_of(t) {
        // `8 March 415 - …`: a year below 1000 after a day and month, closed by a separator or the
        // line's end (`14 March 300 delegates` is a count).
        let closed = toks
            .get(j + 1)
            .is_none_or(|n| matches!(n.t, T::Dash | T::Colon | T::Comma | T::Close));
        if closed {
            return Some((low, true, j + 1));
        }
    }
    let (y, ok) = year_of(t)?;
    Some((y, ok, j + 1))
}

/// Day and month in numbers, with their validity either way round: `Some((day, month, swap_hint))`.
fn numeric_day_month(a: u32, b: u32) -> Option<(u32, u32, Option<bool>)> {
    let dmy_ok = (1..=31).contains(&a) && (1..=12).contains(&b);
    let mdy_ok = (1..=12).contains(&a) && (1..=31).contains(&b);
    match (dmy_ok, mdy_ok) {
        (false, false) => None,
        (true, false) => Some((a, b, Some(false))),
        (false, true) => Some((b, a, Some(true))),
        (true, true) => Some((a, b, None)),
    }
}

/// `10 / 5 / 1940`, `1 /3 /2003`, `06 28 1914`: a numeric date written with spaces, its first number at
/// `j`. Without slashes both day and month have two digits and one space apart (`06 28 1914`): numbers
/// of a table row are rarely written so.
fn spaced_numeric(toks: &[Tok], j: usize) -> Option<(Part, Option<bool>, usize)> {
    let num = |k: usize, max_digits: u8| match toks.get(k)?.t {
        T::Num {
            value,
            digits,
            ordinal: false,
        } if digits <= max_digits => Some((value, digits)),
        _ => None,
    };
    let (a, da) = num(j, 2)?;
    let (b, (year, dy), e) = if is(toks.get(j + 1), T::Slash) && is(toks.get(j + 3), T::Slash) {
        (num(j + 2, 2)?.0, num(j + 4, 4)?, j + 5)
    } else {
        let (b, db) = num(j + 1, 2)?;
        let y = num(j + 2, 4)?;
        let one_space = |x: &Tok, z: &Tok| z.start == x.end + 1;
        let spaced = da == 2
            && db == 2
            && one_space(&toks[j], &toks[j + 1])
            && one_space(&toks[j + 1], &toks[j + 2]);
        if !spaced {
            return None;
        }
        (b, y, j + 3)
    };
    if dy != 4 || year < 1000 {
        return None;
    }
    let (day, month, hint) = numeric_day_month(a, b)?;
    Some((
        Part {
            day: Some(day),
            month: Some(month),
            year: Some(year as i32),
            bad_year: false,
        },
        hint,
        e,
    ))
}

/// A day and month in numbers with no year (`14/03`, `8/25`), which two numbers and a slash are only where
/// nothing else they could be fits: before a time (`14/03 21:05`), or opening a line, a list item or a
/// range's end and followed by a dash or a colon, as the days of a school's or a club's calendar are
/// written under a title that gives the year (`8/25 – First day of school`, `11/24-11/26 – …`).
/// Anywhere else they are a fraction, a score or `24/7`.
fn yearless_numeric_day_month(toks: &[Tok], j: usize) -> Option<(Part, Option<bool>, usize)> {
    let [a, sl, b, after] = toks.get(j..j + 4)? else {
        return None;
    };
    let (
        T::Num {
            value: x,
            digits: dx,
            ..
        },
        T::Slash,
        T::Num {
            value: y,
            digits: dy,
            ordinal: false,
        },
    ) = (a.t, sl.t, b.t)
    else {
        return None;
    };
    if !(glued(a, sl) && glued(sl, b)) {
        return None;
    }
    let fits = match after.t {
        T::Time => dy == 2,
        T::Dash | T::Colon => {
            // The end of a range (`11/24-11/26`) follows its start's dash.
            let range_end =
                j >= 2 && toks[j - 1].t == T::Dash && matches!(toks[j - 2].t, T::Num { .. });
            let opens = j == 0 || toks[j - 1].t == T::Bullet || range_end;
            opens && dx <= 2 && dy <= 2 && !matches!(a.t, T::Num { ordinal: true, .. })
        }
        _ => false,
    };
    if !fits {
        return None;
    }
    let (day, month, hint) = numeric_day_month(x, y)?;
    Some((
        Part {
            day: Some(day),
            month: Some(month),
            year: None,
            bad_year: false,
        },
        hint,
        j + 3,
    ))
}

/// `03.01.`: a day and month each with its dot, glued, and no year after them (German chronicles under a
/// year or month heading).
fn dotted_day_month(toks: &[Tok], j: usize) -> Option<(Part, Option<bool>, usize)> {
    let [a, p1, b, p2] = toks.get(j..j + 4)? else {
        return None;
    };
    let (
        T::Num {
            value: day,
            ordinal: false,
            ..
        },
        T::Period,
        T::Num {
            value: month,
            digits: 1..=2,
            ordinal: false,
        },
        T::Period,
    ) = (a.t, p1.t, b.t, p2.t)
    else {
        return None;
    };
    if !(glued(a, p1) && glued(p1, b) && glued(b, p2)) {
        return None;
    }
    // A year after the dots (`03.01. 2029`) is not this shape: leave it to the readings of a full date.
    if toks
        .get(j + 4)
        .is_some_and(|t| matches!(t.t, T::Num { digits: 4, .. }))
    {
        return None;
    }
    if !(1..=31).contains(&day) || !(1..=12).contains(&month) {
        return None;
    }
    Some((
        Part {
            day: Some(day),
            month: Some(month),
            year: None,
            bad_year: false,
        },
        // Dots are a day-first notation.
        Some(false),
        j + 4,
    ))
}

/// A minus glued before a year at the start of a line or after a range's slash (`-900./-680`,
/// `-189.`): a year before Christ. Dashes around a year (`-1192- …`) only mark it.
fn before_christ(toks: &[Tok], j: usize) -> bool {
    let (Some(minus), Some(num)) = (j.checked_sub(1).and_then(|m| toks.get(m)), toks.get(j)) else {
        return false;
    };
    if minus.t != T::Dash || !glued(minus, num) || !matches!(num.t, T::Num { digits: 3..=4, .. }) {
        return false;
    }
    let after_slash = j >= 2 && toks[j - 2].t == T::Slash && glued(&toks[j - 2], minus);
    if !(j == 1 || after_slash) {
        return false;
    }
    match toks.get(j + 1) {
        // `-189.`, `-900./-680`: the page's `1088.` with a minus.
        Some(t) if t.t == T::Period && glued(num, t) => {
            low_year_of(num).is_some()
                || is(toks.get(j + 2), T::Slash)
                || matches!(num.t, T::Num { value, .. } if value < 1000)
        }
        // The end of a range after its slash: `-680 Periodo …`.
        _ => after_slash,
    }
}

/// `Sa, 08.03.2031`, `Do. 12.6.2031`: a weekday the locales abbreviate to two letters (German, Dutch),
/// which the vocabulary does not read as one alone (`so`, `do`, `ma` are words too), is one when a comma
/// or period and a number follow it: 1 (Monday) to 7 (Sunday).
fn short_weekday(
    text: &str,
    start: usize,
    end: usize,
    vocab: &Vocabulary,
    langs: LangSet,
) -> Option<u8> {
    let &[first, second] = text.get(start..end)?.as_bytes() else {
        return None;
    };
    if !first.is_ascii_uppercase() || !second.is_ascii_lowercase() {
        return None;
    }
    let rest = &text.as_bytes()[end..];
    let number_follows = matches!(rest.first(), Some(b',' | b'.'))
        && rest[1..]
            .iter()
            .find(|b| **b != b' ')
            .is_some_and(u8::is_ascii_digit);
    if !number_follows {
        return None;
    }
    vocab.two_letter_weekday([first, second], langs)
}

/// One point of a date starting at token `i`.
fn point(toks: &[Tok], i: usize, o: Opts) -> Option<Point> {
    let mut j = i;
    let mut weekday = None;
    if let Some(Tok {
        t: T::Weekday(d), ..
    }) = toks.get(j)
    {
        weekday = Some(*d);
        j += 1;
        // `Fr, 7.3.`, `Do. 12.06.2031`, `Thu. 5 June`; `Monday - January 5, 2032` (a site's date
        // header: a dash, then the date; `Monday - Friday` is no date).
        let dash_then_date = is(toks.get(j), T::Dash)
            && toks.get(j + 1).is_some_and(|t| {
                matches!(t.t, T::Month { .. } | T::Num { .. } | T::NumDate { .. })
            });
        if is(toks.get(j), T::Comma) || is(toks.get(j), T::Period) || dash_then_date {
            j += 1;
        }
        // `Martedì (14 maggio)`: the date in brackets after the weekday.
        if is(toks.get(j), T::Open) {
            let mut p = point(toks, j + 1, o)?;
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
        low_year: false,
        decade: false,
    };
    match t.t {
        T::NumDate {
            parts,
            digits,
            short_year,
        } => {
            let [a, b, c] = parts;
            if digits[0] == 4 && digits[1] <= 2 && digits[2] <= 2 {
                p.part = Part {
                    day: Some(c),
                    month: Some(b),
                    year: Some(a as i32),
                    bad_year: false,
                };
            } else if digits[2] == 4 && digits[0] <= 2 && digits[1] <= 2 {
                let (day, month, hint) = numeric_day_month(a, b)?;
                p.numeric = true;
                p.swap_hint = hint;
                p.part = Part {
                    day: Some(day),
                    month: Some(month),
                    year: Some(c as i32),
                    bad_year: false,
                };
            } else if short_year {
                // `14.03.19`, `03/14/19`: a year of two digits, read by the POSIX `%y` rule (69–99 in
                // the 1900s, 00–68 in the 2000s). Written so, the parts must make a calendar date.
                let (day, month, hint) = numeric_day_month(a, b)?;
                let year = if c >= 69 { 1900 + c } else { 2000 + c } as i32;
                chrono::NaiveDate::from_ymd_opt(year, month, day)?;
                p.numeric = true;
                p.swap_hint = hint;
                p.part = Part {
                    day: Some(day),
                    month: Some(month),
                    year: Some(year),
                    bad_year: false,
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
        // `300 n. Chr.`, `um 90 u. Z.`: a year with its era; before Christ, no calendar date.
        T::Era { year, bc } => {
            if bc {
                p.part.bad_year = true;
            } else {
                p.part.year = Some(year as i32);
            }
            p.shape = Shape::Y;
        }
        // `5. Jh.`, `X sec.`: a century is no calendar date.
        T::Century => {
            p.part.bad_year = true;
            p.shape = Shape::Y;
        }
        T::Decade { year } => {
            p.part.year = Some(i32::from(year));
            p.shape = Shape::Y;
            p.decade = true;
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
            // `12-Dec-2031`: day, month and year joined by hyphens.
            let hyphened = is(toks.get(k), T::Dash)
                && glued(t, &toks[k])
                && toks
                    .get(k + 1)
                    .is_some_and(|m| glued(&toks[k], m) && matches!(m.t, T::Month { .. }));
            if hyphened {
                k += 1;
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
                // `14 mrt. 2019`: an abbreviation's dot before the year. Before text (`9 de agosto. El
                // presidente …`) the dot is the separator.
                if is(toks.get(k), T::Period)
                    && (trailing_year(toks, k + 1).is_some()
                        || toks.get(k + 1).is_some_and(|t| {
                            matches!(t.t, T::Comma | T::Colon | T::Dash | T::Close)
                        }))
                {
                    k += 1; // `27 janv., les écoles …`
                }
                p.shape = Shape::Dm;
                if hyphened
                    && is(toks.get(k), T::Dash)
                    && glued(&toks[k - 1], &toks[k])
                    && toks.get(k + 1).is_some_and(|y| glued(&toks[k], y))
                {
                    k += 1;
                }
                if let Some((y, ok, after)) = trailing_year(toks, k) {
                    set_year(&mut p.part, y, ok);
                    p.shape = Shape::Dmy;
                    k = after;
                }
                p.next = k;
            } else if let Some((part, hint, next)) = spaced_numeric(toks, j)
                .or_else(|| yearless_numeric_day_month(toks, j))
                .or_else(|| dotted_day_month(toks, j))
            {
                p.part = part;
                p.numeric = true;
                p.swap_hint = hint;
                p.shape = Shape::Numeric;
                p.next = next;
            } else if weekday.is_some()
                && matches!(toks.get(j + 1).map(|t| t.t), Some(T::Weekday(_)))
            {
                // `Mon 1 Thu 4 April 2019`: a date struck out and its replacement; the later one holds.
                let later = point(toks, j + 1, o)?;
                if later.part.day.is_none() || later.part.month.is_none() {
                    return None;
                }
                return Some(later);
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
            if before_christ(toks, j) {
                p.part.bad_year = true;
                p.shape = Shape::Y;
                return Some(p);
            }
            let y = match year_of(t) {
                Some((y, true)) => y,
                _ => {
                    let low = low_year_of(t).filter(|_| o.low_years)?;
                    // `800 000 personnes`: thousands written apart are a count.
                    if toks.get(j + 1).is_some_and(|n| {
                        matches!(n.t, T::Num { digits: 3, .. }) && n.start == t.end + 1
                    }) {
                        return None;
                    }
                    p.low_year = true;
                    low
                }
            };
            p.part.year = Some(y);
            p.shape = Shape::Y;
            p.next = j + 1;
            // `1950 18 mars`, `2019, March 14`, `1960, febrero.`: a year written first, then the day
            // and month, or the month (a chronology's `year day month` columns, flattened). Not after a
            // low year: `100 12 May 2019` is a row number and a date.
            let mut k = j + 1;
            let comma = is(toks.get(k), T::Comma);
            if comma {
                k += 1;
            }
            if let Some(inner) = point(toks, k, o).filter(|_| !p.low_year) {
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
                // `1960, febrero. Text`: the month after a comma, then a separator or nothing.
                let ends = toks
                    .get(inner.next)
                    .is_none_or(|t| matches!(t.t, T::Period | T::Colon | T::Dash | T::Comma));
                // `1806 July - Beaver Meadow …`: without the comma, only before a dash or colon.
                let dash = toks
                    .get(inner.next)
                    .is_some_and(|t| matches!(t.t, T::Colon | T::Dash));
                if (comma && ends || dash) && inner.shape == Shape::M && inner.weekday.is_none() {
                    p.part.month = inner.part.month;
                    p.langs = inner.langs;
                    p.shape = Shape::My;
                    p.next = inner.next;
                    return Some(p);
                }
            }
            // `1860 (1er janvier)`, `-1285- (1 gennaio)-`: a year, then the day in brackets.
            let mut open = j + 1;
            if is(toks.get(open), T::Dash) && is(toks.get(open + 1), T::Open) {
                open += 1;
            }
            if is(toks.get(open), T::Open) {
                if let Some(inner) = point(toks, open + 1, o) {
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

/// Skips a second name for the same month, after a slash (`تشرين الثاني/نوفمبر`) or a space (`مارس
/// آذار`): the index after it.
fn same_month_pair(toks: &[Tok], k: usize, month: u8, langs: &mut LangSet) -> usize {
    let second = if is(toks.get(k), T::Slash) { k + 1 } else { k };
    if let Some(Tok {
        t: T::Month {
            month: m2,
            langs: l2,
        },
        ..
    }) = toks.get(second)
    {
        if *m2 == month {
            *langs = LangSet(langs.0 | l2.0);
            return second + 1;
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
    date_at_with(toks, i, Opts::default())
}

/// [`date_at`] with the readings `o` allows.
pub fn date_at_with(toks: &[Tok], i: usize, o: Opts) -> Option<Found> {
    let mut found = date_core(toks, i, o)?;
    // `3 May 2030 (Friday):`, `19,20 February 1846 (Thursday, Friday)`: the weekdays in brackets after
    // the date are part of it.
    let k = found.toks.1;
    if is(toks.get(k), T::Open) {
        let mut m = k + 1;
        let (mut days, mut day) = (0, 0);
        while let Some(Tok {
            t: T::Weekday(d), ..
        }) = toks.get(m)
        {
            days += 1;
            day = *d;
            m += 1;
            if is(toks.get(m), T::Comma) || is(toks.get(m), T::Dash) || is_join(toks.get(m), AND) {
                m += 1;
            }
        }
        if days > 0 && is(toks.get(m), T::Close) {
            if found.weekday.is_none() && days == 1 {
                found.weekday = Some(day);
            }
            found.toks.1 = m + 1;
            found.end = toks[m].end as usize;
        }
    }
    // `1.2.1990, Donnerstag`, `14 May 2019, Tuesday – …`: the weekday after a comma, where the line ends
    // or its text is set off, is the date's too.
    let k = found.toks.1;
    if found.from.day.is_some() && is(toks.get(k), T::Comma) {
        if let Some(Tok {
            t: T::Weekday(d), ..
        }) = toks.get(k + 1)
        {
            // (`27.11.2031, Donnerstag, 19:00 Uhr`: the time after another comma.)
            let set_off = toks
                .get(k + 2)
                .is_none_or(|t| matches!(t.t, T::Colon | T::Dash | T::Period | T::Pipe))
                || is(toks.get(k + 2), T::Comma) && is(toks.get(k + 3), T::Time);
            if set_off {
                found.weekday = found.weekday.or(Some(*d));
                found.toks.1 = k + 2;
                found.end = toks[k + 1].end as usize;
            }
        }
    }
    Some(found)
}

fn date_core(toks: &[Tok], i: usize, o: Opts) -> Option<Found> {
    let mut j = i;
    let article = is_join(toks.get(j), DAY_ARTICLE);
    if is_join(toks.get(j), FROM) {
        let mut k = j + 1;
        // `c. 1750`, `ca. 1600`: an abbreviated approximation.
        if is_join(toks.get(j), FUZZY) && is(toks.get(k), T::Period) {
            k += 1;
        }
        // `Ab Ende November 1969`, `from early March`: a lead-in word, then a qualifier.
        if is_join(toks.get(k), FUZZY) && !is_join(toks.get(j), DAY_ARTICLE) {
            k += 1;
        }
        let opens = toks.get(k).is_some_and(|t| match t.t {
            T::Num { .. }
            | T::Weekday(_)
            | T::NumDate { .. }
            | T::Era { .. }
            | T::Century
            | T::Decade { .. } => true,
            T::Month { .. } | T::NumMonth { .. } => !article,
            _ => false,
        });
        if opens {
            j = k;
        }
    }
    let p1 = point(toks, j, o)?;
    let first = i;
    // `1864 (juin)`, `1864 (du 8 au 10 septembre)`, `1915 (10 de agosto de 1915)`: a year, then the
    // rest of the date (or the whole date again) in brackets.
    if p1.shape == Shape::Y && is(toks.get(p1.next), T::Open) {
        if let Some(mut inner) = date_core(toks, p1.next + 1, Opts::default()) {
            let same_year = !inner.has_year()
                || (inner.from.year == p1.part.year
                    && inner.to.is_none_or(|t| t.year == p1.part.year));
            if same_year && is(toks.get(inner.toks.1), T::Close) {
                inner.from.year = p1.part.year;
                if let Some(to) = inner.to.as_mut() {
                    to.year = p1.part.year;
                }
                inner.toks = (first, inner.toks.1 + 1);
                inner.start = toks[first].start as usize;
                inner.end = toks[inner.toks.1 - 1].end as usize;
                inner.low_year = p1.low_year;
                return Some(inner);
            }
        }
    }
    // `1857-58`, `1920/21`, `-847-55-`: a year and the last digits of another, glued by a hyphen or a
    // slash.
    if let Some(found) = short_year_range(toks, first, &p1) {
        return Some(found);
    }
    // A range: a connector and a second point that fits the first.
    let mut conn_len = 1;
    let connector = toks.get(p1.next).is_some_and(|t| match t.t {
        T::Dash => true,
        T::Join(b) => b & (RANGE | AND) != 0,
        // `February 15/16`: two days of a month.
        T::Slash => {
            matches!(p1.shape, Shape::M | Shape::My | Shape::Y | Shape::Md)
            // `12/19 agosto`: two days of the month named after them.
            || p1.shape == Shape::D
        }
        // `1176./1192`: the year's dot, then the slash.
        T::Period => {
            p1.shape == Shape::Y && is(toks.get(p1.next + 1), T::Slash) && {
                conn_len = 2;
                true
            }
        }
        // `19,20 February 1846`: two days.
        T::Comma => p1.shape == Shape::D,
        _ => false,
    });
    if connector {
        let conn_tok = toks[p1.next];
        let is_and = matches!(conn_tok.t, T::Join(b) if b & AND != 0) || conn_tok.t == T::Comma;
        let mut k = p1.next + conn_len;
        // `-900./-680`: a minus before the second year.
        if p1.shape == Shape::Y
            && is(toks.get(k), T::Dash)
            && toks.get(k + 1).is_some_and(|t| glued(&toks[k], t))
        {
            k += 1;
        }
        if let Some(p2) = point(toks, k, o) {
            // Two days joined by a comma are a range of two days in a row: `19,20 February` (`DÍA
            // 1, 24 de febrero` is a label and a date).
            // `12/19 agosto` likewise, glued on both sides (`24/7` has no month after it).
            let glued_day_month =
                matches!(p2.shape, Shape::Dm | Shape::Dmy) && glued(&toks[p1.next - 1], &conn_tok);
            let p2_ok = match conn_tok.t {
                T::Comma => glued_day_month && p2.part.day == p1.part.day.map(|d| d + 1),
                T::Slash if p1.shape == Shape::D => {
                    glued_day_month && glued(&conn_tok, &toks[k]) && p2.part.day > p1.part.day
                }
                _ => true,
            };
            if p2_ok {
                if let Some(found) = combine(toks, first, &p1, &p2, is_and) {
                    return Some(found);
                }
            }
        }
    }
    if p1.shape == Shape::D {
        return None;
    }
    let end_tok = p1.next;
    // `1840s`: the ten years of a decade.
    let to = p1.decade.then(|| Part {
        year: p1.part.year.map(|y| y + 9),
        ..Part::default()
    });
    Some(Found {
        toks: (first, end_tok),
        start: toks[first].start as usize,
        end: toks[end_tok - 1].end as usize,
        from: p1.part,
        to,
        notation: notation(p1.shape),
        numeric: p1.numeric,
        swap_hint: p1.swap_hint,
        weekday: p1.weekday,
        langs: p1.langs,
        low_year: p1.low_year,
    })
}

/// `1857-58`, `1920/21`, `-847-55-`: a year, a hyphen or slash, and the last two digits of a later year,
/// all glued.
fn short_year_range(toks: &[Tok], first: usize, p1: &Point) -> Option<Found> {
    if p1.shape != Shape::Y || p1.decade {
        return None;
    }
    let y = p1.part.year?;
    let (conn, num) = (toks.get(p1.next)?, toks.get(p1.next + 1)?);
    if !matches!(conn.t, T::Dash | T::Slash)
        || !glued(&toks[p1.next - 1], conn)
        || !glued(conn, num)
    {
        return None;
    }
    let T::Num {
        value,
        digits: 2,
        ordinal: false,
    } = num.t
    else {
        return None;
    };
    // `1920/21 March` would be something else; a glued letter or digit too.
    if toks.get(p1.next + 2).is_some_and(|t| {
        matches!(t.t, T::Month { .. } | T::Slash) || (glued(num, t) && !matches!(t.t, T::Dash))
    }) {
        return None;
    }
    let mut end = y - y.rem_euclid(100) + value as i32;
    if end <= y {
        end += 100;
    }
    let next = p1.next + 2;
    Some(Found {
        toks: (first, next),
        start: toks[first].start as usize,
        end: num.end as usize,
        from: p1.part,
        to: Some(Part {
            year: Some(end),
            ..Part::default()
        }),
        notation: Notation::Year,
        numeric: false,
        swap_hint: None,
        weekday: None,
        langs: p1.langs,
        low_year: p1.low_year,
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
    let decades = p1.decade || p2.decade;
    let fits = match (p1.shape, p2.shape) {
        (D, Dm | Dmy) | (Dm, Dm | Dmy) | (Dmy, Dmy) => true,
        (Md, D) | (Md, Md) | (Md, Mdy) | (Mdy, Mdy) => true,
        // `March – March` is no range (a month and a word that repeats it).
        (M, M | My) | (My, My) => {
            !is_and
                && (a.month != b.month || a.year.is_some() && b.year.is_some() && a.year != b.year)
        }
        // `1820's and 1830's`: two decades may be joined by `and`; two years only make a span.
        (Y, Y) => (!is_and || decades) && b.year > a.year && !p1.part.bad_year && !p2.part.bad_year,
        (Numeric, Numeric) => true,
        // `17 a 19/4/1961`: a day, then a numeric date (day first, as the day before it shows).
        (D, Numeric) => p2.swap_hint != Some(true),
        _ => false,
    };
    // BC years keep their range with no date: `-900./-680`.
    let bc_span = (p1.shape, p2.shape) == (Y, Y) && p1.part.bad_year && p2.part.bad_year && !is_and;
    if !fits && !bc_span {
        return None;
    }
    if p2.decade {
        b.year = b.year.map(|y| y + 9);
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
        D if p2.shape == Numeric => Notation::Numeric,
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
        numeric: p1.numeric || p2.numeric,
        swap_hint: if (p1.shape, p2.shape) == (D, Numeric) {
            Some(false)
        } else {
            p1.swap_hint.or(p2.swap_hint)
        },
        weekday: p1.weekday,
        langs,
        low_year: p1.low_year || p2.low_year,
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
    fn two_letter_weekdays_before_a_number() {
        assert_eq!(
            show("Sa, 08.03.2031 - So, 09.03.2031"),
            "2031-3-8/2031-3-9 [Sa, 08.03.2031 - So, 09.03.2031]"
        );
        assert_eq!(show("Do. 12.06.2031"), "2031-6-12 [Do. 12.06.2031]");
        assert_eq!(show("Za, 14-06-2031"), "2031-6-14 [Za, 14-06-2031]");
        // Without a number after them they are the words they spell.
        let mut toks = Vec::new();
        tokenize("So, dann", vocabulary(), LangSet::ALL, 64, &mut toks);
        assert!(matches!(toks[0].t, T::Word { .. }));
        tokenize("Do 12 things", vocabulary(), LangSet::ALL, 64, &mut toks);
        assert!(!matches!(toks[0].t, T::Weekday(_)));
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
        assert_eq!(
            show("1.º de julio de 2031. El"),
            "2031-7-1 [1.º de julio de 2031]"
        );
        assert_eq!(show("1.º ENERO . Text"), "?-1-1 [1.º ENERO]");
        assert_eq!(
            show("1.º de Maio de 2031 –"),
            "2031-5-1 [1.º de Maio de 2031]"
        );
        let mut toks = Vec::new();
        tokenize("1.ª 3. Mai", vocabulary(), LangSet::ALL, 8, &mut toks);
        assert!(matches!(
            toks[0].t,
            T::Num {
                value: 1,
                ordinal: true,
                ..
            }
        ));
        // A dot without the ordinal letter stays a dot (`3. Mai`).
        assert!(matches!(toks[1].t, T::Num { ordinal: false, .. }));
        assert_eq!(toks[2].t, T::Period);
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
    fn numeric_days_without_a_year_lead_a_calendar_line() {
        assert_eq!(show("8/25 – First day of school"), "?-8-25 [8/25]");
        assert_eq!(
            show("11/24-11/26 – Thanksgiving"),
            "?-11-24/?-11-26 [11/24-11/26]"
        );
        // Not at a line's start, or without a dash or colon after: a fraction, a score, `24/7`.
        assert_eq!(show("8/25 of the members"), "none");
        assert_eq!(show("Open 24/7 - call us"), "none");
        assert_eq!(show("1/2 cup of flour"), "none");
    }

    #[test]
    fn numeric_dates_with_a_two_digit_year() {
        // The POSIX `%y` rule: 69–99 are in the 1900s, 00–68 in the 2000s.
        assert_eq!(show("14.03.19"), "2019-3-14 [14.03.19]");
        assert_eq!(show("14/03/19 x"), "2019-3-14 [14/03/19]");
        assert_eq!(show("03/14/19 - New"), "2019-3-14 [03/14/19]");
        assert_eq!(show("3/4/19 - x"), "2019-4-3 [3/4/19]");
        assert_eq!(show("04.05.06"), "2006-5-4 [04.05.06]");
        assert_eq!(show("31.12.68"), "2068-12-31 [31.12.68]");
        assert_eq!(show("01.01.69"), "1969-1-1 [01.01.69]");
        assert_eq!(show("24/12/99"), "1999-12-24 [24/12/99]");
        assert_eq!(show("29.02.20"), "2020-2-29 [29.02.20]");
        let (f, _) = found("03/14/19").unwrap();
        assert_eq!((f.numeric, f.swap_hint), (true, Some(true)));
        let (f, _) = found("03/04/19").unwrap();
        assert_eq!((f.numeric, f.swap_hint), (true, None));
        // Written with two digits, a year only comes with a calendar date.
        assert_eq!(show("31.04.19"), "none");
        assert_eq!(show("29.02.19"), "none");
        assert_eq!(show("13/13/19"), "none");
        assert_eq!(show("00.03.19"), "none");
        // Not dates: versions (`1.2.10`, dots between one-digit parts), hyphenated numbers (phones,
        // codes), times, scores, a fourth part, three digits at the end.
        assert_eq!(show("1.2.10 released"), "none");
        assert_eq!(show("06-12-34"), "none");
        assert_eq!(show("12-03-19"), "none");
        assert_eq!(show("10.15 Uhr"), "none");
        assert_eq!(show("10.15"), "none");
        assert_eq!(show("3:1"), "none");
        assert_eq!(show("14.03.19.5"), "none");
        assert_eq!(show("14.03.190"), "none");
        assert_eq!(show("14/03/1"), "none");
        let kinds = |text: &str| -> Vec<T> {
            let mut toks = Vec::new();
            tokenize(text, vocabulary(), LangSet::ALL, 64, &mut toks);
            toks.iter().map(|t| t.t).collect()
        };
        assert_eq!(kinds("10.15 - Empfang")[0], T::Time);
        assert_eq!(kinds("10:15:30")[0], T::Time);
        // The seconds are the time's: nothing is left after it.
        assert_eq!(kinds("10:15:30"), [T::Time]);
        assert_eq!(kinds("1653-07-01 16:00:44").last(), Some(&T::Time));
        assert_eq!(kinds("1653-07-01 16:00:44").len(), 2);
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
        // A day given as one of two is read as both; two days apart by a slash, glued, before a month.
        assert_eq!(
            show("30 o 31 maggio: pranzo"),
            "?-5-30/?-5-31 [30 o 31 maggio]"
        );
        assert_eq!(
            show("1 or 2 March 2031"),
            "2031-3-1/2031-3-2 [1 or 2 March 2031]"
        );
        assert_eq!(show("12/19 agosto: sagra"), "?-8-12/?-8-19 [12/19 agosto]");
        assert_ne!(show("12 / 19 agosto"), "?-8-12/?-8-19 [12 / 19 agosto]");
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
            show("17 a 19/4/1961: Fracasa"),
            "1961-4-17/1961-4-19 [17 a 19/4/1961]"
        );
        assert_eq!(show("17-19/04/1961"), "1961-4-17/1961-4-19 [17-19/04/1961]");
        // Month first (`4/19/1961`), a day before it is no range.
        assert_eq!(show("17 a 4/19/1961"), "none");
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

    fn show_low(s: &str) -> String {
        let mut toks = Vec::new();
        tokenize(s, vocabulary(), LangSet::ALL, 64, &mut toks);
        match date_at_with(&toks, 0, Opts { low_years: true }) {
            Some(f) => format!(
                "{:?}/{:?} low={} [{}]",
                f.from.year,
                f.to.and_then(|t| t.year),
                f.low_year,
                &s[f.start..f.end]
            ),
            None => "none".into(),
        }
    }

    #[test]
    fn year_ranges_with_a_slash_a_short_second_year_or_a_dot() {
        assert_eq!(show("1907/1909 – x"), "1907-?-?/1909-?-? [1907/1909]");
        assert_eq!(show("1920/21 Die BASF"), "1920-?-?/1921-?-? [1920/21]");
        assert_eq!(show("1857-58 Financial"), "1857-?-?/1858-?-? [1857-58]");
        assert_eq!(show("2029-30 season"), "2029-?-?/2030-?-? [2029-30]");
        assert_eq!(show("1999/00 x"), "1999-?-?/2000-?-? [1999/00]");
        assert_eq!(
            show("1176./1192 Costruzione"),
            "1176-?-?/1192-?-? [1176./1192]"
        );
        // Spaced, a short number is a count: `1990 - 95 delegates`.
        assert_eq!(show("1990 - 95 delegates"), "1990-?-? [1990]");
        // A year and a month in numbers stays one (`2019-05`), and a range needs a later year.
        assert_eq!(show("2019-05 x"), "2019-5-? [2019-05]");
        assert_eq!(show("2019/1990"), "2019-?-? [2019]");
    }

    #[test]
    fn a_year_then_its_date_in_brackets() {
        assert_eq!(show("1864 (juin) x"), "1864-6-? [1864 (juin)]");
        assert_eq!(
            show("1915 (10 de agosto de 1915) – Decreto"),
            "1915-8-10 [1915 (10 de agosto de 1915)]"
        );
        // Another year in the brackets is a remark, not the date.
        assert_eq!(show("1915 (10 de agosto de 1916) – x"), "1915-?-? [1915]");
    }

    #[test]
    fn decades() {
        assert_eq!(show("1840's: rugby clubs"), "1840-?-?/1849-?-? [1840's]");
        assert_eq!(show("1840s rugby"), "1840-?-?/1849-?-? [1840s]");
        assert_eq!(show("1990’s"), "1990-?-?/1999-?-? [1990’s]");
        assert_eq!(
            show("1820's and 1830's: a version"),
            "1820-?-?/1839-?-? [1820's and 1830's]"
        );
        // Not a decade: a year glued to a word, or a year not ending in 0.
        assert_eq!(show("1845s"), "1845-?-? [1845]");
        assert_eq!(show("1840sx"), "1840-?-? [1840]");
    }

    #[test]
    fn year_month_day_with_dots() {
        assert_eq!(show("1228.11.22 Sconfitta"), "1228-11-22 [1228.11.22]");
        assert_eq!(show("1930.06.14 x"), "1930-6-14 [1930.06.14]");
    }

    #[test]
    fn years_below_1000_only_where_asked() {
        assert_eq!(show("853 Costruzione della pieve."), "none");
        assert_eq!(
            show_low("853 Costruzione della pieve."),
            "Some(853)/None low=true [853]"
        );
        assert_eq!(show_low("0053. Incendio"), "Some(53)/None low=true [0053]");
        assert_eq!(
            show_low("0300./0400 c. Decadenza"),
            "Some(300)/Some(400) low=true [0300./0400]"
        );
        assert_eq!(show_low("-847-55- S. Michele"), "none");
        let mut toks = Vec::new();
        tokenize(
            "-847-55- S. Michele",
            vocabulary(),
            LangSet::ALL,
            64,
            &mut toks,
        );
        let f = date_at_with(&toks, 1, Opts { low_years: true }).unwrap();
        assert_eq!(
            (f.from.year, f.to.and_then(|t| t.year)),
            (Some(847), Some(855))
        );
        // A four-digit year is no low year; two digits are a day; a count with its thousands is no year.
        assert_eq!(
            show_low("1088. Fondazione"),
            "Some(1088)/None low=false [1088]"
        );
        assert_eq!(show_low("12 ministers"), "none");
        assert_eq!(show_low("800 000 personnes"), "none");
        // A low year does not read a row's date as its day and month.
        assert_eq!(show_low("100 12 May 2019"), "Some(100)/None low=true [100]");
    }

    #[test]
    fn eras_and_centuries() {
        assert_eq!(show("Um 90 n. Chr. Römischer"), "90-?-? [Um 90 n. Chr.]");
        assert_eq!(show("um 90 u. Z."), "90-?-? [um 90 u. Z.]");
        assert_eq!(show("260 u. Z."), "260-?-? [260 u. Z.]");
        assert_eq!(show("300n. chr. Felix"), "300-?-? [300n. chr.]");
        assert_eq!(show("300 n. Chr."), "300-?-? [300 n. Chr.]");
        assert_eq!(show("79 AD eruption"), "79-?-? [79 AD]");
        // Before Christ, and centuries: no calendar date (the entry stays, with no date).
        assert_eq!(show("10.000 v. Chr."), "?-?-?! [10.000 v. Chr.]");
        assert_eq!(show("40 000 v. chr.: Der"), "?-?-?! [40 000 v. chr.]");
        assert_eq!(show("Ab  3 000v. chr. Erste"), "?-?-?! [Ab  3 000v. chr.]");
        assert_eq!(show("c.1000 a.C. Origem"), "?-?-?! [c.1000 a.C.]");
        assert_eq!(show("500 BC x"), "?-?-?! [500 BC]");
        assert_eq!(show("Ab 5. Jh. Entstehung"), "?-?-?! [Ab 5. Jh.]");
        assert_eq!(show("7. Jh. Siedlungen"), "?-?-?! [7. Jh.]");
        assert_eq!(show("5 Jh. v. Chr."), "?-?-?! [5 Jh. v. Chr.]");
        assert_eq!(show("10° sec.- Benedetto"), "?-?-?! [10° sec.]");
        assert_eq!(show("X sec. x"), "?-?-?! [X sec.]");
        assert_eq!(show("XIIe siècle"), "?-?-?! [XIIe siècle]");
        assert_eq!(show("12th century"), "?-?-?! [12th century]");
        // Not eras: `ce` is a French word, `bc` a lower-case word; `12.000 people` a count.
        assert_eq!(show("1950 ce fut"), "1950-?-? [1950]");
        assert_eq!(show("2019 BC Hydro report"), "2019-?-? [2019]");
        assert_eq!(show("5 sec. faster"), "none");
        assert_eq!(
            show("10.000 v. Chr. bis 5. Jh. v. Chr. Steinzeit"),
            "?-?-?!/?-?-?! [10.000 v. Chr. bis 5. Jh. v. Chr.]"
        );
        assert_eq!(show("12.000 people"), "none");
        assert_eq!(show("5 Jahre"), "none");
    }

    #[test]
    fn years_before_christ_written_with_a_minus() {
        let read = |s: &str| {
            let mut toks = Vec::new();
            tokenize(s, vocabulary(), LangSet::ALL, 64, &mut toks);
            let f = date_at_with(&toks, 1, Opts { low_years: true })?;
            Some((
                f.from.bad_year,
                f.to.is_some(),
                s[f.start..f.end].to_string(),
            ))
        };
        assert_eq!(
            read("-900./-680 Periodo"),
            Some((true, true, "900./-680".into()))
        );
        assert_eq!(read("-189. Bononia"), Some((true, false, "189".into())));
        assert_eq!(read("-088. Bononia"), Some((true, false, "088".into())));
        // Dashes around a year only mark it.
        assert_eq!(read("-1192- E feudo"), Some((false, false, "1192".into())));
        assert_eq!(read("-476- Caere"), Some((false, false, "476".into())));
    }

    #[test]
    fn approximate_years() {
        assert_eq!(show("c 1370 Wall paintings"), "1370-?-? [c 1370]");
        assert_eq!(show("c.1750 x"), "1750-?-? [c.1750]");
        assert_eq!(show("ca. 1600 x"), "1600-?-? [ca. 1600]");
        assert_eq!(show("Um 1219 Stuttgart"), "1219-?-? [Um 1219]");
        assert_eq!(show("circa 1600"), "1600-?-? [circa 1600]");
        assert_eq!(show("vers 1450 x"), "1450-?-? [vers 1450]");
        assert_eq!(show("ab März 1933: Buch"), "1933-3-? [ab März 1933]");
        assert_eq!(
            show("Am 26. April 1919 neue"),
            "1919-4-26 [Am 26. April 1919]"
        );
        assert_eq!(show("um 10 Uhr"), "none");
    }

    #[test]
    fn spaced_numeric_dates() {
        assert_eq!(show("10 / 5 / 1940 x"), "1940-5-10 [10 / 5 / 1940]");
        assert_eq!(show("1 /3 /2003: x"), "2003-3-1 [1 /3 /2003]");
        assert_eq!(show("06 28 1914 Heir"), "1914-6-28 [06 28 1914]");
        let (f, _) = found("06 28 1914 Heir").unwrap();
        assert_eq!((f.numeric, f.swap_hint), (true, Some(true)));
        assert_eq!(show("11 03 1903 After"), "1903-3-11 [11 03 1903]");
        // Numbers of a row, not a date: one digit, or more than one space.
        assert_eq!(show("4 12 1961 x"), "none");
        assert_eq!(show("11  03 1903"), "none");
        assert_eq!(show("14/03 21:05"), "?-3-14 [14/03]");
        assert_eq!(show("24/7 service"), "none");
    }

    #[test]
    fn comma_joined_days_and_weekdays_in_brackets() {
        assert_eq!(
            show("19,20 February 1846 (Thursday, Friday): the Show"),
            "1846-2-19/1846-2-20 [19,20 February 1846 (Thursday, Friday)]"
        );
        assert_eq!(
            show("7,8 July 2030 Saturday, Sunday"),
            "2030-7-7/2030-7-8 [7,8 July 2030]"
        );
        assert_eq!(
            show("3 May 2030 (Friday): fair held."),
            "2030-5-3 [3 May 2030 (Friday)]"
        );
        assert_eq!(found("3 May 2030 (Friday)").unwrap().0.weekday, Some(5));
        // Brackets holding something else stay out of the date.
        assert_eq!(show("3 May 2030 (extended)"), "2030-5-3 [3 May 2030]");
        assert_eq!(show("19, 20 people"), "none");
        assert_eq!(show("1, 24 de febrero"), "none");
        assert_eq!(
            show("19, 20 February 1846"),
            "1846-2-19/1846-2-20 [19, 20 February 1846]"
        );
    }

    #[test]
    fn year_first_with_a_comma_and_a_month_alone() {
        assert_eq!(
            show("1953, 26 de julio. El club"),
            "1953-7-26 [1953, 26 de julio]"
        );
        assert_eq!(show("1960, febrero. El"), "1960-2-? [1960, febrero]");
        assert_eq!(show("2019, March 14: x"), "2019-3-14 [2019, March 14]");
        // A month name read as a word after a year is not taken: `1851, May the …`.
        assert_eq!(show("1851, May the fair"), "1851-?-? [1851]");
        // Without the comma, the month only before a dash or colon: `1806 July - Settlers …`.
        assert_eq!(show("1806 July - Settlers"), "1806-7-? [1806 July]");
        assert_eq!(show("1806 July: Settlers"), "1806-7-? [1806 July]");
        assert_eq!(show("1806 May Day parade"), "1806-?-? [1806]");
    }

    #[test]
    fn a_period_after_a_month_is_a_separator_before_text() {
        assert_eq!(show("9 de agosto. El presidente"), "?-8-9 [9 de agosto]");
        assert_eq!(show("14 mrt. 2019"), "2019-3-14 [14 mrt. 2019]");
        assert_eq!(show("27 janv., les écoles"), "?-1-27 [27 janv.]");
        assert_eq!(show("6 juil. - text"), "?-7-6 [6 juil.]");
    }

    #[test]
    fn paired_month_names_without_a_slash() {
        assert_eq!(show("مارس آذار 2011 – x"), "2011-3-? [مارس آذار 2011]");
    }

    #[test]
    fn tatweel_inside_a_month_name() {
        assert_eq!(
            show("30 ديسمــبـر 2031 - تم"),
            "2031-12-30 [30 ديسمــبـر 2031]"
        );
        assert_eq!(show("5 نوفمـبر 2031"), "2031-11-5 [5 نوفمـبر 2031]");
    }

    #[test]
    fn day_ranges_before_a_comma() {
        assert_eq!(show("4-9 Jul, from £28.85"), "?-7-4/?-7-9 [4-9 Jul]");
        assert_eq!(
            show("9-24 April, ticket prices vary"),
            "?-4-9/?-4-24 [9-24 April]"
        );
        // A range of counts is no day and month: `6-7000 Einwohner`.
        assert_eq!(show("6-7000 Einwohner."), "none");
    }

    #[test]
    fn a_date_struck_out_and_its_replacement() {
        assert_eq!(
            show("Mon 1 Thu 4 April 2019: Reviews out"),
            "2019-4-4 [Mon 1 Thu 4 April 2019]"
        );
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

    #[test]
    fn times_with_a_dot_need_a_suffix_or_minutes_no_month_has() {
        let kinds = |text: &str| -> Vec<T> {
            let mut toks = Vec::new();
            tokenize(text, vocabulary(), LangSet::ALL, 64, &mut toks);
            toks.iter().map(|t| t.t).collect()
        };
        assert_eq!(kinds("09.00 uur")[0], T::Time);
        assert_eq!(kinds("11.30 a.m.")[0], T::Time);
        assert_eq!(kinds("14.00h Empfang")[0], T::Time);
        assert_eq!(kinds("12 noon")[0], T::Time);
        assert_eq!(kinds("11.30 - Visita")[0], T::Time);
        // A day and month (`06.12`), a decimal (`3.50 euros`) or a month-like minute stay numbers.
        assert_ne!(kinds("06.12 - Visita")[0], T::Time);
        assert_ne!(kinds("3.50 euros")[0], T::Time);
        // A document's number in its year is no month.
        assert!(matches!(kinds("12/2031")[0], T::NumMonth { .. }));
        for s in [
            "n. 12/2031",
            "nº 12/2031",
            "No. 12/2031",
            "Nr. 12/2031",
            "núm. 12/2031",
            "# 12/2031",
        ] {
            assert!(
                !kinds(s).iter().any(|t| matches!(t, T::NumMonth { .. })),
                "{s}"
            );
        }
        // French hours and minutes apart by spaces; not an hour count before a word.
        assert_eq!(kinds("20 h 30"), [T::Time]);
        assert_ne!(kinds("24 h sur 24")[0], T::Time);
        // The hour alone with its `h` apart, before a colon or the line's end.
        assert_eq!(kinds("18 h :"), [T::Time, T::Colon]);
        assert_eq!(kinds("18 h"), [T::Time]);
        assert_eq!(kinds("16 heures 30 :"), [T::Time, T::Colon]);
        assert_eq!(kinds("9 heures : accueil")[..2], [T::Time, T::Colon]);
        assert_ne!(kinds("18 heures de route")[0], T::Time);
        // Arabic's halves of the day belong to a clock time; after a bare number they are words.
        assert_eq!(kinds("9:24 م"), [T::Time]);
        assert_eq!(kinds("10:12 ص"), [T::Time]);
        assert_ne!(kinds("5 م").len(), 1);
    }

    #[test]
    fn a_day_and_month_with_their_dots_and_a_weekday_after_a_comma() {
        assert_eq!(show("12-Dec-2031 Council"), "2031-12-12 [12-Dec-2031]");
        assert_eq!(show("21st-Nov-2031 06:51 pm"), "2031-11-21 [21st-Nov-2031]");
        assert_eq!(show("03.01. Neujahrsempfang"), "?-1-3 [03.01.]");
        assert_eq!(show("17.06. Sommerfest"), "?-6-17 [17.06.]");
        // A year after them is a full date's reading; a third number is no day and month.
        assert_eq!(show("03.01.2031 Empfang"), "2031-1-3 [03.01.2031]");
        assert_eq!(
            show("1.2.1990, Donnerstag"),
            "1990-2-1 [1.2.1990, Donnerstag]"
        );
        assert_eq!(found("1.2.1990, Donnerstag").unwrap().0.weekday, Some(4));
        assert_eq!(
            show("Monday - January 5, 2032"),
            "2032-1-5 [Monday - January 5, 2032]"
        );
        assert_eq!(show("Monday - Friday: 9 to 5"), "none");
        assert_eq!(
            show("27.11.2031, Donnerstag, 19:00 Uhr"),
            "2031-11-27 [27.11.2031, Donnerstag]"
        );
        // A weekday going on into text is not the date's.
        assert_eq!(
            show("14 May 2019, Tuesday was sunny"),
            "2019-5-14 [14 May 2019]"
        );
    }
}
