//! The languages pagerev reads: month names, date-prefix shapes and "N member countries" phrasings.
//!
//! Pages of the same family exist in English, French and Spanish. Everything language-specific lives in
//! this table so the parser itself only knows the page's *structure*. Regexes are compiled once per
//! process.

use regex::Regex;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// A page language, or `Auto` to detect it from the page's dated lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    En,
    Fr,
    Es,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Fr, Lang::Es];

    /// The ISO 639-1 code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
            Lang::Es => "es",
        }
    }

    /// Month names (lower case) with their month number; several spellings map to one month.
    pub fn months(self) -> &'static [(&'static str, u32)] {
        match self {
            Lang::En => &[
                ("january", 1),
                ("february", 2),
                ("march", 3),
                ("april", 4),
                ("may", 5),
                ("june", 6),
                ("july", 7),
                ("august", 8),
                ("september", 9),
                ("october", 10),
                ("november", 11),
                ("december", 12),
                ("jan", 1),
                ("feb", 2),
                ("mar", 3),
                ("apr", 4),
                ("jun", 6),
                ("jul", 7),
                ("aug", 8),
                ("sept", 9),
                ("sep", 9),
                ("oct", 10),
                ("nov", 11),
                ("dec", 12),
            ],
            Lang::Fr => &[
                ("janvier", 1),
                ("février", 2),
                ("fevrier", 2),
                ("mars", 3),
                ("avril", 4),
                ("mai", 5),
                ("juin", 6),
                ("juillet", 7),
                ("août", 8),
                ("aout", 8),
                ("septembre", 9),
                ("octobre", 10),
                ("novembre", 11),
                ("décembre", 12),
                ("decembre", 12),
            ],
            Lang::Es => &[
                ("enero", 1),
                ("febrero", 2),
                ("marzo", 3),
                ("abril", 4),
                ("mayo", 5),
                ("junio", 6),
                ("julio", 7),
                ("agosto", 8),
                ("septiembre", 9),
                ("setiembre", 9),
                ("octubre", 10),
                ("noviembre", 11),
                ("diciembre", 12),
            ],
        }
    }

    /// Month number of `name` (any case, NFC), if it is a month of this language.
    pub fn month(self, name: &str) -> Option<u32> {
        let name = name.trim_end_matches('.');
        if name.is_ascii() {
            // Every lead has a month name: no lower-cased copy for the usual ASCII ones.
            return self
                .months()
                .iter()
                .find(|(m, _)| m.eq_ignore_ascii_case(name))
                .map(|&(_, n)| n);
        }
        let lower = name.to_lowercase();
        self.months()
            .iter()
            .find(|(m, _)| *m == lower)
            .map(|&(_, n)| n)
    }

    /// The regex matching a dated lead line's prefix, up to and including the dash after the date.
    pub fn date_prefix(self) -> &'static Regex {
        static CELLS: [OnceLock<Regex>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];
        CELLS[self as usize].get_or_init(|| build_date_prefix(self))
    }

    /// The regex matching a member-count mention; group `n` is the count.
    pub fn member_count(self) -> &'static Regex {
        static CELLS: [OnceLock<Regex>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];
        CELLS[self as usize].get_or_init(|| {
            let phrase = match self {
                Lang::En => r"(?:member\s+(?:countries|states|nations)|member-countries)",
                Lang::Fr => r"(?:pays\s+membres|États\s+membres|Etats\s+membres)",
                Lang::Es => r"(?:países\s+miembros|paises\s+miembros|Estados\s+miembros)",
            };
            // Only the plain digits count: "195" as in "its 195 member countries".
            Regex::new(&format!(r"(?i)\b(?P<n>\d{{2,4}})\s+{phrase}\b"))
                .expect("built-in regex compiles")
        })
    }

    /// A cheap byte pattern present in every member-count mention, to skip the regex on other text.
    pub fn member_count_needle(self) -> &'static str {
        match self {
            Lang::En => "ember",
            Lang::Fr => "embres",
            Lang::Es => "iembros",
        }
    }

    /// A searcher for [`Lang::member_count_needle`], built once: building one per paragraph showed in
    /// profiles.
    pub fn member_count_finder(self) -> &'static memchr::memmem::Finder<'static> {
        static CELLS: [OnceLock<memchr::memmem::Finder<'static>>; 3] =
            [OnceLock::new(), OnceLock::new(), OnceLock::new()];
        CELLS[self as usize].get_or_init(|| memchr::memmem::Finder::new(self.member_count_needle()))
    }

    /// Detects the language of a page from the month names at the start of its lines: the language whose
    /// date prefixes match most lines wins; English on a tie or when nothing matches.
    pub fn detect(text: &str) -> Lang {
        let mut scores = [0usize; 3];
        // Enough lines to see a dozen entries; detection must not cost a pass over a huge page. Lines are
        // split as the parser splits them: `str::lines` would see a lone-CR page as one line.
        for line in crate::parse::lines::non_blank_lines(text).take(4000) {
            let line = line.raw;
            if !line.starts_with(|c: char| c.is_alphanumeric()) {
                continue;
            }
            for lang in Lang::ALL {
                if lang.date_prefix().is_match(line) {
                    scores[lang as usize] += 1;
                }
            }
        }
        let best = scores.iter().copied().max().unwrap_or(0);
        Lang::ALL
            .into_iter()
            .find(|l| scores[*l as usize] == best && best > 0)
            .unwrap_or(Lang::En)
    }
}

impl std::str::FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Lang::ALL
            .into_iter()
            .find(|l| l.code() == s)
            .ok_or_else(|| format!("unknown language `{s}` (expected en, fr or es)"))
    }
}

/// `word` in lower case, capitalised and upper case, as a regex alternation. Spelling the cases out keeps
/// the automaton small: Unicode case-insensitivity (`(?i)`) multiplies its states and made date matching
/// the parser's hottest spot.
fn cased(words: &[&str]) -> String {
    let mut alts: Vec<String> = Vec::new();
    for w in words {
        let mut chars = w.chars();
        let cap: String = chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default();
        for v in [w.to_string(), cap, w.to_uppercase()] {
            if !alts.contains(&v) {
                alts.push(v);
            }
        }
    }
    // Longest first, so `sept` is not cut to `sep` and `september` is not cut to `sept`.
    alts.sort_by_key(|a| std::cmp::Reverse(a.len()));
    alts.join("|")
}

fn build_date_prefix(lang: Lang) -> Regex {
    let names: Vec<&str> = lang.months().iter().map(|(m, _)| *m).collect();
    // An ASCII word boundary: a Unicode `\b` stops the fast engines on non-ASCII text.
    let month = format!(r"(?:{})(?-u:\b)\.?", cased(&names));
    // `de` joins day, month and year in Spanish (`10 de diciembre de 2021`).
    let de = if lang == Lang::Es { r"(?:\s+de)?" } else { "" };
    let ordinal = r"(?:st|nd|rd|th|er|ᵉʳ|º|°)?";
    let to = format!(
        r"(?:\s*[-\u{{2010}}-\u{{2015}}\u{{2212}}]\s*|\s+(?:{})\s+)",
        cased(&["to", "until", "au", "à", "al", "a", "y", "et", "and"])
    );
    let from = format!(
        r"(?:(?:{})\s+)?",
        cased(&["from", "du", "del", "de", "entre", "between"])
    );
    let dash = r"[-:\u{2010}-\u{2015}\u{2212}]";
    // A date, possibly a range (`20 – 22 November 2023`, `30 November – 2 December 2019`,
    // `30 December 2019 – 2 January 2020`), or a month (`December 2023`), or a year (`2019`);
    // then a dash (or colon) separating it from the text. The text itself is not matched: the regex only
    // ever reads a line's first few dozen bytes, and only says where the prefix ends: the parts are read
    // from it by `parse::date`, which is cheaper than capture groups.
    let pattern = format!(
        r"(?x)^
        (?:
          {from}
          (?:
            (?:[0-9]{{1,2}}){ordinal}
            (?:{de}\s*(?:{month})(?:{de}\s+(?:[0-9]{{4}}))?)?
            {to}
          )?
          (?:
            (?:(?:[0-9]{{1,2}}){ordinal}{de}\s*)?
            (?:{month}){de}\s*,?\s*(?:[0-9]{{4}})
          |
            (?:[0-9]{{4}})
          )
        )
        \s*{dash}\s*"
    );
    Regex::new(&pattern).expect("built-in regex compiles")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_each_language_from_its_dates() {
        assert_eq!(
            Lang::detect("Titre\n\n10 décembre 2021 – Le ministre"),
            Lang::Fr
        );
        assert_eq!(
            Lang::detect("Título\n10 de diciembre de 2021 – El ministro"),
            Lang::Es
        );
        assert_eq!(
            Lang::detect("Title\n10 December 2021 – The minister"),
            Lang::En
        );
        assert_eq!(Lang::detect("nothing dated here"), Lang::En);
    }

    #[test]
    fn detects_the_language_of_a_page_with_lone_cr_line_endings() {
        // Found by tests/properties.rs: `str::lines` does not split on a lone CR, so only the first line
        // was looked at and every French or Spanish page with old-Mac line endings parsed as English.
        assert_eq!(
            Lang::detect("Titre\r10 décembre 2021 – Le ministre"),
            Lang::Fr
        );
        assert_eq!(
            Lang::detect("Título\r\r10 de diciembre de 2021 – El ministro"),
            Lang::Es
        );
    }

    #[test]
    fn months_parse_in_any_case() {
        assert_eq!(Lang::Fr.month("Décembre"), Some(12));
        assert_eq!(Lang::En.month("Sept."), Some(9));
        assert_eq!(Lang::Es.month("mayo"), Some(5));
        assert_eq!(Lang::En.month("Mayo"), None);
    }
}
