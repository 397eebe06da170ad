//! Dated lead lines: the date prefix (`20 – 22 November 2023 -`), the dateline (`LYON, France –`) and the
//! text that follows. A line is a lead when it *starts* with a date and a dash; whether that date is a real
//! calendar date is a separate question (`31 February 2020 –` is a lead with no valid date).

use crate::canonical::is_blank_char;
use crate::lang::Lang;
use crate::record::{Date, Lead, Precision, Text};
use chrono::NaiveDate;
use regex::Regex;
use std::sync::OnceLock;

/// A lead line split into its parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParsedLead<'a> {
    pub lead: Lead<'a>,
    pub date: Option<Date>,
}

/// Cheap test run before the regex: a lead starts with a digit or with a word that can open a date.
fn could_be_lead(s: &str, lang: Lang) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    if first.is_ascii_digit() {
        return true;
    }
    if !first.is_alphabetic() {
        return false;
    }
    let word_end = s.find(|c: char| !c.is_alphabetic()).unwrap_or(s.len());
    let word = &s[..word_end];
    if word.len() > 12 {
        return false;
    }
    ["from", "du", "del", "de", "entre", "between"]
        .iter()
        .any(|w| w.eq_ignore_ascii_case(word))
        || lang.month(word).is_some()
}

/// Parses `line` (already trimmed) as a lead; `None` when it does not start with a date and a dash.
pub fn parse_lead<'a>(line: Text<'a>, lang: Lang) -> Option<ParsedLead<'a>> {
    if !could_be_lead(line.raw, lang) {
        return None;
    }
    // The regex (a DFA, fast) only says where the date prefix ends; its parts are read from those few
    // bytes by `read_date`, which is much cheaper than asking the regex for capture groups.
    let prefix = lang.date_prefix().find(line.raw)?;
    let prefix_text = &line.raw[..prefix.end()];
    // The date is the prefix without its separator: up to the last dash or colon, trimmed.
    let date_end = prefix_text
        .trim_end_matches(is_blank_char)
        .trim_end_matches(|c: char| {
            c == ':' || c == '-' || ('\u{2010}'..='\u{2015}').contains(&c) || c == '\u{2212}'
        })
        .trim_end_matches(is_blank_char)
        .len();
    let date_text = line.slice(0..date_end);
    let date = read_date(date_text.raw, lang);
    let rest = line.slice(prefix.end()..line.raw.len());
    let (dateline, text) = split_dateline(rest);
    Some(ParsedLead {
        lead: Lead {
            line,
            date_text: Some(date_text),
            dateline,
            text,
        },
        date,
    })
}

/// Reads a date prefix the regex has accepted: its numbers and month names, in order, decide the shape.
fn read_date(text: &str, lang: Lang) -> Option<Date> {
    #[derive(Clone, Copy)]
    enum Tok {
        Day(u32),
        Month(u32),
        Year(i32),
    }
    let mut toks: Vec<Tok> = Vec::with_capacity(6);
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_digit() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            let digits = &text[start..i];
            toks.push(if digits.len() == 4 {
                Tok::Year(digits.parse().ok()?)
            } else {
                Tok::Day(digits.parse().ok()?)
            });
        } else if text.is_char_boundary(i) && text[i..].starts_with(char::is_alphabetic) {
            let start = i;
            let end = text[i..]
                .find(|c: char| !c.is_alphabetic())
                .map_or(text.len(), |n| i + n);
            // Ordinals (`1er`, `1st`) and joining words (`de`, `to`, `au`) are not months.
            if let Some(m) = lang.month(&text[start..end]) {
                toks.push(Tok::Month(m));
            }
            i = end;
        } else {
            i += 1;
        }
    }
    use Tok::*;
    let (from, to, bare_year) = match toks.as_slice() {
        [Year(y)] => ((None, None, None), (None, None, None), Some(*y)),
        [Month(m), Year(y)] => ((None, None, None), (None, Some(*m), Some(*y)), None),
        [Day(d), Month(m), Year(y)] => ((None, None, None), (Some(*d), Some(*m), Some(*y)), None),
        [Day(d1), Day(d2), Month(m), Year(y)] => (
            (Some(*d1), None, None),
            (Some(*d2), Some(*m), Some(*y)),
            None,
        ),
        [Day(d1), Month(m1), Day(d2), Month(m2), Year(y)] => (
            (Some(*d1), Some(*m1), None),
            (Some(*d2), Some(*m2), Some(*y)),
            None,
        ),
        [Day(d1), Month(m1), Year(y1), Day(d2), Month(m2), Year(y2)] => (
            (Some(*d1), Some(*m1), Some(*y1)),
            (Some(*d2), Some(*m2), Some(*y2)),
            None,
        ),
        _ => return None,
    };
    build_date(from, to, bare_year)
}

/// Splits a dateline (`LYON, France – `) off the start of a lead's text.
pub fn split_dateline(rest: Text<'_>) -> (Option<Text<'_>>, Text<'_>) {
    static DATELINE: OnceLock<Regex> = OnceLock::new();
    // An upper-case place (two or more capitals), a comma and a short region, then a dash: the wire-story
    // convention. Upper case is what tells `LYON, France –` from an ordinary clause.
    let re = DATELINE.get_or_init(|| {
        Regex::new(r"^(?P<dl>\p{Lu}[\p{Lu}\p{M}.'’ -]*\p{Lu},[^,.;:\u{2013}\u{2014}-]{1,40}?)\s*[-\u{2013}\u{2014}]\s*")
            .expect("built-in regex compiles")
    });
    // Most leads start with a capital and a lower-case letter (`The Secretary General …`), which no
    // dateline does: skip the regex (and its capture groups) for them.
    let mut first = rest.raw.chars();
    let may_be_dateline = first.next().is_some_and(char::is_uppercase)
        && first.next().is_some_and(|c| !c.is_lowercase());
    if !may_be_dateline {
        return (None, rest);
    }
    let Some(caps) = re.captures(rest.raw) else {
        return (None, rest);
    };
    let (Some(dl), Some(all)) = (caps.name("dl"), caps.get(0)) else {
        return (None, rest);
    };
    if all.end() >= rest.raw.len() {
        return (None, rest);
    }
    let text = rest.slice(all.end()..rest.raw.len());
    let text = text.slice(0..text.raw.trim_end_matches(is_blank_char).len());
    (Some(rest.slice(dl.range())), text)
}

type DateParts = (Option<u32>, Option<u32>, Option<i32>);

/// Builds the date from the regex parts: an optional range start `(d1, m1, y1)`, the date `(d2, m2, y2)`,
/// or a bare year `y3`. Missing parts of the start are taken from the end (`20 – 22 November 2023`).
fn build_date(from: DateParts, to: DateParts, bare_year: Option<i32>) -> Option<Date> {
    let ymd = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
    let (d1, m1, y1) = from;
    let (d2, m2, y2) = to;
    if let Some(y) = bare_year {
        // `2019 –` alone is a year; `12 – 2019 –` is not a date.
        return if d1.is_none() {
            Some(Date {
                start: ymd(y, 1, 1)?,
                end: None,
                precision: Precision::Year,
            })
        } else {
            None
        };
    }
    let (m2, y2) = (m2?, y2?);
    let Some(d2) = d2 else {
        return if d1.is_none() {
            Some(Date {
                start: ymd(y2, m2, 1)?,
                end: None,
                precision: Precision::Month,
            })
        } else {
            None
        };
    };
    let end = ymd(y2, m2, d2)?;
    let Some(d1) = d1 else {
        return Some(Date {
            start: end,
            end: None,
            precision: Precision::Day,
        });
    };
    let start = ymd(y1.unwrap_or(y2), m1.unwrap_or(m2), d1)?;
    // A range must run forwards; `22 – 20 November` is a typo, not a date.
    (start < end).then_some(Date {
        start,
        end: Some(end),
        precision: Precision::Day,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lead(s: &str, lang: Lang) -> Option<ParsedLead<'_>> {
        parse_lead(
            Text {
                raw: s,
                line: 1,
                start: 0,
            },
            lang,
        )
    }

    fn date_of(s: &str, lang: Lang) -> String {
        lead(s, lang)
            .and_then(|l| l.date)
            .map_or("none".into(), |d| d.to_string())
    }

    #[test]
    fn day_dates_with_hyphen_en_dash_nbsp_and_extra_spaces() {
        assert_eq!(
            date_of("20 June 2018 - Italy’s prosecutor met", Lang::En),
            "2018-06-20"
        );
        assert_eq!(
            date_of("16 July 2018\u{a0}– Lou Dekmar", Lang::En),
            "2018-07-16"
        );
        assert_eq!(
            date_of("17 December 2019\u{a0} – INTERPOL", Lang::En),
            "2019-12-17"
        );
        assert_eq!(
            date_of("13 September 2021 -\u{a0} Khalid", Lang::En),
            "2021-09-13"
        );
        let l = lead("16 July 2018 – Lou Dekmar, President", Lang::En).unwrap();
        assert_eq!(l.lead.text.raw, "Lou Dekmar, President");
        assert_eq!(l.lead.date_text.unwrap().raw, "16 July 2018");
    }

    #[test]
    fn month_only_and_year_only_dates_keep_their_precision() {
        let l = lead("December 2023 – The Secretary General welcomed", Lang::En).unwrap();
        assert_eq!(l.date.unwrap().precision, Precision::Month);
        assert_eq!(l.date.unwrap().to_string(), "2023-12");
        assert_eq!(l.date.unwrap().last_day().to_string(), "2023-12-31");
        assert_eq!(
            lead("2019 – A year of visits", Lang::En)
                .unwrap()
                .date
                .unwrap()
                .precision,
            Precision::Year
        );
    }

    #[test]
    fn ranges_within_and_across_months() {
        assert_eq!(
            date_of("20 – 22 November 2023 - The Secretary General", Lang::En),
            "2023-11-20/2023-11-22"
        );
        assert_eq!(
            date_of("20-22 November 2023 - x", Lang::En),
            "2023-11-20/2023-11-22"
        );
        assert_eq!(
            date_of("30 November – 2 December 2019 – x", Lang::En),
            "2019-11-30/2019-12-02"
        );
        assert_eq!(
            date_of("30 December 2019 to 2 January 2020 - x", Lang::En),
            "2019-12-30/2020-01-02"
        );
        assert_eq!(
            date_of("22 – 20 November 2023 - backwards", Lang::En),
            "none"
        );
    }

    #[test]
    fn datelines_are_split_off() {
        let l = lead(
            "2 December 2019 - LYON, France – Tanzania’s Minister of Home Affairs",
            Lang::En,
        )
        .unwrap();
        assert_eq!(l.lead.dateline.unwrap().raw, "LYON, France");
        assert_eq!(l.lead.text.raw, "Tanzania’s Minister of Home Affairs");
        let plain = lead(
            "3 June 2019 - INTERPOL Secretary General Jürgen Stock welcomed",
            Lang::En,
        )
        .unwrap();
        assert_eq!(plain.lead.dateline, None);
    }

    #[test]
    fn french_and_spanish_dates() {
        assert_eq!(
            date_of("10 décembre 2021 – Le ministre", Lang::Fr),
            "2021-12-10"
        );
        assert_eq!(
            date_of("1er février 2020 – Le ministre", Lang::Fr),
            "2020-02-01"
        );
        assert_eq!(
            date_of("20 – 22 novembre 2023 - x", Lang::Fr),
            "2023-11-20/2023-11-22"
        );
        assert_eq!(
            date_of("10 de diciembre de 2021 – El ministro", Lang::Es),
            "2021-12-10"
        );
        assert_eq!(
            date_of("diciembre de 2023 – El ministro", Lang::Es),
            "2023-12"
        );
    }

    #[test]
    fn impossible_dates_are_leads_without_a_date() {
        let l = lead("31 February 2020 – The minister", Lang::En).unwrap();
        assert_eq!(l.date, None);
        assert_eq!(l.lead.date_text.unwrap().raw, "31 February 2020");
    }

    #[test]
    fn ordinary_sentences_are_not_leads() {
        assert!(lead("The visit of 20 June 2018 - a success", Lang::En).is_none());
        assert!(lead("May the visit be fruitful", Lang::En).is_none());
        assert!(lead("2019 was a year of visits.", Lang::En).is_none());
        assert!(lead("10 December 2021 marked the visit.", Lang::En).is_none());
    }
}
