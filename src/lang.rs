//! The languages pagerev reads: month and weekday names, the small words that join the parts of a date,
//! common words that tell the language of a page, and "N member countries" phrasings.
//!
//! Month and weekday names come from glibc's locale data, through chrono's `unstable-locales` feature
//! (`format_localized("%B")`, `%b`, `%A`, `%a`), so every spelling a locale knows (wide, abbreviated,
//! `Mär`, `mrt`, `janv.`, `fev`) is there without typing it; accents, case and Arabic tatweel are folded
//! when words are compared, so `fevrier`, `MARZ`, `Décembre` and `ديسمــبـر` match too. A few short
//! forms pages use that the locales lack (`Sept`, `Mrz`, `setiembre`) are added by hand in
//! `extra_months`. Everything language-specific lives here so the parser itself only knows the page's
//! *structure*.

use chrono::{Locale, NaiveDate};
use regex::Regex;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::sync::OnceLock;

/// A page language. [`Lang::Unknown`] is what detection says when a page gives no evidence (no month
/// name and too few common words of any language); it reads dates with every language's names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English.
    En,
    /// French.
    Fr,
    /// Spanish.
    Es,
    /// German.
    De,
    /// Italian.
    It,
    /// Portuguese.
    Pt,
    /// Dutch.
    Nl,
    /// Arabic.
    Ar,
    /// No language could be told: dates are read with every language's names.
    Unknown,
}

impl Lang {
    /// Every language with names of its own (not [`Lang::Unknown`]).
    pub const ALL: [Lang; 8] = [
        Lang::En,
        Lang::Fr,
        Lang::Es,
        Lang::De,
        Lang::It,
        Lang::Pt,
        Lang::Nl,
        Lang::Ar,
    ];

    /// The language whose ISO 639-1 code is `code` (one of [`Lang::ALL`]'s; never [`Lang::Unknown`]).
    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The ISO 639-1 code (`unknown` for [`Lang::Unknown`]).
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
            Lang::Es => "es",
            Lang::De => "de",
            Lang::It => "it",
            Lang::Pt => "pt",
            Lang::Nl => "nl",
            Lang::Ar => "ar",
            Lang::Unknown => "unknown",
        }
    }

    /// This language's bit in a [`LangSet`].
    pub fn bit(self) -> LangSet {
        LangSet(match self {
            Lang::Unknown => 0,
            l => 1 << (l as u16),
        })
    }

    /// The languages whose names are read on a page of this language: its own and English (pages of
    /// every language quote English dates), or all of them when the language is unknown.
    pub fn reading_set(self) -> LangSet {
        match self {
            Lang::Unknown => LangSet::ALL,
            l => LangSet(l.bit().0 | Lang::En.bit().0),
        }
    }

    /// The glibc locales whose names this language uses (Portuguese of Portugal and Brazil; Arabic of
    /// Egypt, the Levant, Morocco, and Algeria and Tunisia, whose month names differ: `يوليو`, `تموز`,
    /// `يوليوز`, `جويلية`).
    fn locales(self) -> &'static [Locale] {
        match self {
            Lang::En => &[Locale::en_US, Locale::en_GB],
            Lang::Fr => &[Locale::fr_FR],
            Lang::Es => &[Locale::es_ES],
            Lang::De => &[Locale::de_DE, Locale::de_AT],
            Lang::It => &[Locale::it_IT],
            Lang::Pt => &[Locale::pt_PT, Locale::pt_BR],
            Lang::Nl => &[Locale::nl_NL],
            Lang::Ar => &[
                Locale::ar_EG,
                Locale::ar_SY,
                Locale::ar_MA,
                Locale::ar_DZ,
                Locale::ar_TN,
            ],
            Lang::Unknown => &[],
        }
    }

    /// Month number of `name` (any case, with or without accents or a final dot) in this language.
    pub fn month(self, name: &str) -> Option<u32> {
        match vocabulary().lookup(name, self.bit())? {
            Word::Month(m) => Some(u32::from(m)),
            _ => None,
        }
    }

    /// The regex matching a member-count mention; group `n` is the count.
    pub fn member_count(self) -> &'static Regex {
        static CELLS: [OnceLock<Regex>; 9] = [const { OnceLock::new() }; 9];
        CELLS[self as usize].get_or_init(|| {
            let phrase = match self {
                Lang::En => r"(?:member\s+(?:countries|states|nations)|member-countries)",
                Lang::Fr => r"(?:pays\s+membres|États\s+membres|Etats\s+membres)",
                Lang::Es => r"(?:países\s+miembros|paises\s+miembros|Estados\s+miembros)",
                Lang::De => r"(?:Mitgliedstaaten|Mitgliedsstaaten|Mitgliedsländer|Mitgliedländer)",
                Lang::It => r"(?:paesi\s+membri|Stati\s+membri)",
                Lang::Pt => r"(?:países\s+membros|paises\s+membros|Estados\s+membros|países-membros)",
                Lang::Nl => r"(?:lidstaten|lidlanden)",
                Lang::Ar => r"(?:دولة\s+عضوا|دولة\s+عضواً|بلدا\s+عضوا|بلداً\s+عضواً)",
                Lang::Unknown => {
                    r"(?:member\s+(?:countries|states)|pays\s+membres|países\s+miembros|Mitgliedstaaten|paesi\s+membri|países\s+membros|lidstaten)"
                }
            };
            // Only plain digits count: "195" as in "its 195 member countries".
            Regex::new(&format!(r"(?i)\b(?P<n>[0-9]{{2,4}})\s+{phrase}"))
                .expect("built-in regex compiles")
        })
    }

    /// A cheap byte pattern present in every member-count mention, to skip the regex on other text
    /// (empty: always run it).
    pub fn member_count_needle(self) -> &'static str {
        match self {
            Lang::En => "ember",
            Lang::Fr => "embres",
            Lang::Es => "iembros",
            Lang::De => "itglied",
            Lang::It => "embri",
            Lang::Pt => "embros",
            Lang::Nl => "lid",
            Lang::Ar => "عضو",
            Lang::Unknown => "",
        }
    }

    /// A searcher for [`Lang::member_count_needle`], built once: building one per paragraph showed in
    /// profiles.
    pub fn member_count_finder(self) -> &'static memchr::memmem::Finder<'static> {
        static CELLS: [OnceLock<memchr::memmem::Finder<'static>>; 9] =
            [const { OnceLock::new() }; 9];
        CELLS[self as usize].get_or_init(|| memchr::memmem::Finder::new(self.member_count_needle()))
    }

    /// Common short words of the language, for [`detect`]: articles, prepositions, conjunctions.
    fn common_words(self) -> &'static [&'static str] {
        match self {
            Lang::En => &[
                "the", "and", "of", "with", "to", "was", "for", "his", "her", "were", "which",
                "from", "by", "on", "this",
            ],
            Lang::Fr => &[
                "le", "la", "les", "de", "des", "et", "du", "une", "est", "avec", "pour", "dans",
                "sur", "au", "aux", "qui",
            ],
            Lang::Es => &[
                "el", "los", "las", "y", "de", "del", "una", "con", "para", "por", "en", "que",
                "su", "fue", "al",
            ],
            Lang::De => &[
                "der", "die", "das", "und", "den", "dem", "des", "mit", "von", "für", "ist", "im",
                "auf", "zu", "eine",
            ],
            // `del` and `al` are Spanish too: listed for both, they count for neither (`Concerto della
            // banda al teatro del porto` is not Spanish).
            Lang::It => &[
                "il", "gli", "della", "delle", "con", "per", "che", "è", "nel", "alla", "dei",
                "degli", "una", "sono", "di", "sul", "sulla", "sulle", "nella", "dalla", "dal",
                "anche", "fu", "furono", "del", "al",
            ],
            Lang::Pt => &[
                "o", "os", "as", "de", "da", "do", "das", "dos", "com", "para", "em", "uma", "não",
                "pelo", "pela", "foi",
            ],
            Lang::Nl => &[
                "de", "het", "een", "van", "en", "met", "voor", "op", "zijn", "werd", "naar",
                "bij", "ook", "aan",
            ],
            Lang::Ar => &["في", "من", "على", "إلى", "مع", "عن", "التي", "الذي", "هذا"],
            Lang::Unknown => &[],
        }
    }
}

impl std::str::FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Lang::ALL
            .into_iter()
            .find(|l| l.code() == s)
            .ok_or_else(|| format!("unknown language `{s}` (expected one of {})", codes()))
    }
}

/// `en, fr, es, …`: the codes [`Lang`] parses, for messages.
pub fn codes() -> String {
    Lang::ALL.map(Lang::code).join(", ")
}

/// A set of languages, one bit each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct LangSet(pub u16);

impl LangSet {
    /// Every language of [`Lang::ALL`].
    pub const ALL: LangSet = LangSet((1 << 8) - 1);

    /// Whether `lang` is in the set.
    pub fn contains(self, lang: Lang) -> bool {
        self.0 & lang.bit().0 != 0
    }

    /// Whether the two sets share a language.
    pub fn intersects(self, other: LangSet) -> bool {
        self.0 & other.0 != 0
    }

    /// The languages in the set, in [`Lang::ALL`] order.
    pub fn iter(self) -> impl Iterator<Item = Lang> {
        Lang::ALL.into_iter().filter(move |l| self.contains(*l))
    }
}

/// What a word is to the date reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Word {
    /// A month name or abbreviation, 1-12.
    Month(u8),
    /// A weekday name or abbreviation: 1 (Monday) to 7 (Sunday).
    Weekday(u8),
}

/// Every month and weekday name of every language, keyed by [`fold`]ed spelling, with the languages that
/// use each spelling. One table for all languages: a page's language is only known after its dates have
/// been read, and one lookup per word is what the hot path can afford.
pub struct Vocabulary {
    words: FxHashMap<Box<[u8]>, Vec<(Word, LangSet)>>,
    /// Longest key in bytes: longer words are not looked up.
    longest: usize,
    /// The first letters and lengths of the keys: most words of a page of prose are looked up and found
    /// in none, and this tells most of them apart without folding or hashing them.
    prefixes: PrefixLengths<3>,
    /// Weekdays the locales abbreviate to two ASCII letters (German `Sa`, Dutch `za`), lower case, with
    /// their number and languages: left out of `words`, being ordinary words too often (`so`, `do`,
    /// `ma`), and asked for only where a date follows them ([`Vocabulary::two_letter_weekday`]).
    two_letter_weekdays: Vec<([u8; 2], u8, LangSet)>,
}

impl Vocabulary {
    /// What `word` (as written) is in one of `langs`, if anything.
    pub fn lookup(&self, word: &str, langs: LangSet) -> Option<Word> {
        self.lookup_with_languages(word, langs).map(|(w, _)| w)
    }

    /// What `word` is in one of `langs`, with every language that spells it so (`April`: English,
    /// German, Dutch). One hash lookup, and no allocation for ASCII words.
    pub fn lookup_with_languages(&self, word: &str, langs: LangSet) -> Option<(Word, LangSet)> {
        let word = word.trim_end_matches('.');
        // No month or weekday has an apostrophe (`INTERPOL’s`, `d’Ivoire`).
        if word.is_empty()
            || word.len() > self.longest * 2
            || !self.may_hold(word)
            // A byte at a time: words are short, too short for `memchr` to pay.
            || word.bytes().any(|b| b == b'\'' || b == 0xE2)
        {
            return None;
        }
        with_folded(word, |folded| {
            let entries = self.words.get(folded)?;
            let (w, _) = entries.iter().find(|(_, set)| set.intersects(langs))?;
            let all = entries
                .iter()
                .filter(|(x, _)| x == w)
                .fold(0, |acc, (_, s)| acc | s.0);
            Some((*w, LangSet(all)))
        })
    }

    /// The languages that spell `word` as a month or weekday (empty when none does).
    pub fn languages_of(&self, word: &str) -> LangSet {
        let word = word.trim_end_matches('.');
        if !self.may_hold(word) {
            return LangSet::default();
        }
        with_folded(word, |folded| {
            LangSet(
                self.words
                    .get(folded)
                    .map_or(0, |v| v.iter().fold(0, |acc, (_, s)| acc | s.0)),
            )
        })
    }

    /// This vocabulary with extra month names (from a page profile), read in every language.
    pub fn extended(&self, months: &std::collections::BTreeMap<String, u8>) -> Vocabulary {
        let mut v = Vocabulary {
            words: self.words.clone(),
            longest: self.longest,
            prefixes: self.prefixes.clone(),
            two_letter_weekdays: self.two_letter_weekdays.clone(),
        };
        for (name, &m) in months {
            if (1..=12).contains(&m) {
                for lang in Lang::ALL {
                    v.add(name, Word::Month(m), lang);
                }
            }
        }
        v
    }

    /// The weekday (1, Monday, to 7) that one of `langs` abbreviates to the two ASCII letters `pair` (any
    /// case): `Sa`, `Do`, `za`.
    pub fn two_letter_weekday(&self, pair: [u8; 2], langs: LangSet) -> Option<u8> {
        let pair = pair.map(|b| b.to_ascii_lowercase());
        self.two_letter_weekdays
            .iter()
            .find(|(key, _, in_langs)| *key == pair && in_langs.intersects(langs))
            .map(|&(_, day, _)| day)
    }

    /// False when no key can be `word` folded ([`PrefixLengths::may_hold`]).
    fn may_hold(&self, word: &str) -> bool {
        self.prefixes.may_hold(word.as_bytes())
    }

    fn add_two_letter_weekday(&mut self, pair: [u8; 2], day: u8, lang: Lang) {
        let pair = pair.map(|b| b.to_ascii_lowercase());
        match self
            .two_letter_weekdays
            .iter_mut()
            .find(|(key, d, _)| *key == pair && *d == day)
        {
            Some((_, _, langs)) => langs.0 |= lang.bit().0,
            None => self.two_letter_weekdays.push((pair, day, lang.bit())),
        }
    }

    fn add(&mut self, spelling: &str, word: Word, lang: Lang) {
        let key = fold(spelling.trim_end_matches('.'));
        if key.is_empty() {
            return;
        }
        self.longest = self.longest.max(key.len());
        self.prefixes.add(key.as_bytes());
        let entry = self
            .words
            .entry(key.into_owned().into_bytes().into_boxed_slice())
            .or_default();
        match entry.iter_mut().find(|(w, _)| *w == word) {
            Some((_, set)) => set.0 |= lang.bit().0,
            None => entry.push((word, lang.bit())),
        }
    }
}

/// The byte lengths of a set of keys by their first `LETTERS` letters (or all of them, in a shorter
/// key): a word whose first letters and length no key has is none of them, told without folding or
/// hashing it. The vocabulary's months and weekdays need three letters (with a dozen languages' names,
/// most pairs of letters start some key); the common words, far fewer and shorter, one.
#[derive(Clone)]
struct PrefixLengths<const LETTERS: u32>(Box<[u32]>);

impl<const LETTERS: u32> PrefixLengths<LETTERS> {
    fn new() -> Self {
        // 26 letters, and one more for a word that ended.
        PrefixLengths(vec![0; 27usize.pow(LETTERS)].into_boxed_slice())
    }

    /// Adds a key (folded: lower case, no accents). A key not starting with ASCII letters is not
    /// recorded: words starting as it does are never turned away.
    fn add(&mut self, key: &[u8]) {
        if let Some(prefix) = ascii_prefix::<LETTERS>(key) {
            self.0[prefix] |= length_bit(key.len());
        }
    }

    /// False when no key can be `word` folded, told by its first `LETTERS` letters and its length when
    /// they are ASCII; true otherwise (the word is then looked up).
    fn may_hold(&self, word: &[u8]) -> bool {
        let Some(prefix) = ascii_prefix::<LETTERS>(word) else {
            return true;
        };
        // A word with accents past its first letters folds to fewer bytes: any length.
        let lengths = if word.is_ascii() {
            length_bit(word.len())
        } else {
            u32::MAX
        };
        self.0[prefix] & lengths != 0
    }
}

/// The index of a word's first `LETTERS` letters (or all of them, in a shorter word) in a
/// [`PrefixLengths`], when they are ASCII letters.
fn ascii_prefix<const LETTERS: u32>(b: &[u8]) -> Option<usize> {
    let mut index = 0;
    for k in 0..LETTERS as usize {
        let letter = match b.get(k) {
            Some(c) if c.is_ascii_alphabetic() => (c.to_ascii_lowercase() - b'a') as usize,
            Some(_) => return None,
            // The word ended: 26 stands for no letter.
            None if k > 0 => 26,
            None => return None,
        };
        index = index * 27 + letter;
    }
    Some(index)
}

/// The bit of a key's length (bit `n` for length `n`, bit 31 for 31 and more).
fn length_bit(len: usize) -> u32 {
    1 << len.min(31)
}

/// The vocabulary, built from the locale data on first use.
pub fn vocabulary() -> &'static Vocabulary {
    static VOCAB: OnceLock<Vocabulary> = OnceLock::new();
    VOCAB.get_or_init(build_vocabulary)
}

fn build_vocabulary() -> Vocabulary {
    let mut v = Vocabulary {
        words: FxHashMap::default(),
        longest: 0,
        prefixes: PrefixLengths::new(),
        two_letter_weekdays: Vec::new(),
    };
    for lang in Lang::ALL {
        for &locale in lang.locales() {
            for m in 1..=12u32 {
                let Some(day) = NaiveDate::from_ymd_opt(2024, m, 1) else {
                    continue;
                };
                for spec in ["%B", "%b"] {
                    let name = day.format_localized(spec, locale).to_string();
                    v.add(&name, Word::Month(m as u8), lang);
                }
            }
        }
        for &(name, m) in extra_months(lang) {
            v.add(name, Word::Month(m), lang);
        }
    }
    // Weekdays after months: an abbreviation that is also a month (`mar`: martes, mardi, martedì) is
    // read as the month, and two-letter ones (`Mo`, `di`) are left out, being ordinary words too often.
    for lang in Lang::ALL {
        for &locale in lang.locales() {
            for d in 1..=7u32 {
                let Some(day) = NaiveDate::from_ymd_opt(2024, 1, d) else {
                    continue;
                };
                // 1 January 2024 was a Monday: day d of that week is weekday d.
                let weekday = Word::Weekday(d as u8);
                let wide = day.format_localized("%A", locale).to_string();
                v.add(&wide, weekday, lang);
                if lang == Lang::Pt {
                    // `segunda-feira`: the locale gives `segunda`.
                    v.add(&format!("{wide}-feira"), weekday, lang);
                }
                let short = day.format_localized("%a", locale).to_string();
                let folded = fold(short.trim_end_matches('.'));
                let is_month = v
                    .words
                    .get(folded.as_bytes())
                    .is_some_and(|e| e.iter().any(|(w, _)| matches!(w, Word::Month(_))));
                if folded.chars().count() >= 3 && !is_month {
                    v.add(&short, weekday, lang);
                } else if let &[a, b] = folded.as_bytes() {
                    if a.is_ascii_alphabetic() && b.is_ascii_alphabetic() {
                        v.add_two_letter_weekday([a, b], d as u8, lang);
                    }
                }
            }
        }
    }
    for (name, d) in [("tues", 2), ("weds", 3), ("thur", 4), ("thurs", 4)] {
        v.add(name, Word::Weekday(d), Lang::En);
    }
    v
}

/// Spellings pages use that the locale data lacks.
fn extra_months(lang: Lang) -> &'static [(&'static str, u8)] {
    match lang {
        Lang::En => &[("sept", 9)],
        Lang::Fr => &[
            ("janv", 1),
            ("fev", 2),
            ("avr", 4),
            ("juil", 7),
            ("sept", 9),
        ],
        Lang::Es => &[("setiembre", 9), ("sept", 9), ("set", 9)],
        // Austrian `Jänner` and `Feber`.
        Lang::De => &[("mrz", 3), ("sept", 9), ("jänner", 1), ("feber", 2)],
        Lang::It => &[("sett", 9)],
        Lang::Pt => &[("sept", 9)],
        Lang::Nl => &[("sept", 9), ("maa", 3)],
        // Egyptian spellings of June and July, and إبريل for April.
        Lang::Ar => &[("يونيه", 6), ("يوليه", 7), ("إبريل", 4), ("ابريل", 4)],
        Lang::Unknown => &[],
    }
}

/// Calls `f` with the bytes of [`fold`]`(word)`, without allocating for short ASCII words (most words
/// of a page).
pub fn with_folded<R>(word: &str, f: impl FnOnce(&[u8]) -> R) -> R {
    let bytes = word.as_bytes();
    let mut buf = [0u8; 64];
    if bytes.len() <= 32 && word.is_ascii() {
        for (d, s) in buf.iter_mut().zip(bytes) {
            *d = s.to_ascii_lowercase();
        }
        return f(&buf[..bytes.len()]);
    }
    // Character by character, as `fold` does (canonical decomposition, marks dropped, lower case), into
    // the buffer: no allocation for the names and accented words of a page.
    let mut n = 0;
    let mut fits = true;
    for c in word.chars() {
        // The ASCII letters of a word with accents (most of its letters) decompose to themselves, and
        // so do most letters of other alphabets, which have no case either (Arabic).
        if c.is_ascii() {
            fits = push_folded(&mut buf, &mut n, c.to_ascii_lowercase());
        } else if crate::canonical::folds_to_itself(c) {
            fits = push_folded(&mut buf, &mut n, c);
        } else {
            unicode_normalization::char::decompose_canonical(c, |d| {
                if fits && !unicode_normalization::char::is_combining_mark(d) && d != TATWEEL {
                    fits = d.to_lowercase().all(|l| push_folded(&mut buf, &mut n, l));
                }
            });
        }
        if !fits {
            break;
        }
    }
    if fits {
        f(&buf[..n])
    } else {
        f(fold(word).as_bytes())
    }
}

/// Appends `c` at `buf[*n..]`; false when it does not fit (the word is then folded the long way).
#[inline]
fn push_folded(buf: &mut [u8; 64], n: &mut usize, c: char) -> bool {
    let len = c.len_utf8();
    if *n + len > buf.len() {
        return false;
    }
    if len == 1 {
        buf[*n] = c as u8;
    } else {
        c.encode_utf8(&mut buf[*n..*n + len]);
    }
    *n += len;
    true
}

/// The Arabic tatweel (`ـ`, U+0640): it stretches a word's letters for show (`ديسمــبـر`) and, like a
/// diacritic, is left out when words are compared.
pub(crate) const TATWEEL: char = '\u{640}';

/// `word` in lower case without diacritics or tatweel (`Décembre` → `decembre`, `MÄR` → `mar`, `أبريل` →
/// `ابريل`, `ديسمــبـر` → `ديسمبر`), the form words are compared in.
pub fn fold(word: &str) -> Cow<'_, str> {
    if word.is_ascii() {
        if word.bytes().any(|b| b.is_ascii_uppercase()) {
            return Cow::Owned(word.to_ascii_lowercase());
        }
        return Cow::Borrowed(word);
    }
    use unicode_normalization::char::is_combining_mark;
    use unicode_normalization::UnicodeNormalization;
    Cow::Owned(
        word.nfd()
            .filter(|c| !is_combining_mark(*c) && *c != TATWEEL)
            .flat_map(char::to_lowercase)
            .collect(),
    )
}

/// Evidence for a page's language: month and weekday names seen in its dates, and common words.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct LangEvidence {
    /// Per language (in [`Lang::ALL`] order): month or weekday names read in dates.
    pub date_words: [u32; 8],
    /// Per language: common words in the text sampled.
    pub common_words: [u32; 8],
}

/// The longest common word written in ASCII, in bytes (`furono`; checked by a test).
const COMMON_WORD_MAX: usize = 6;

/// Every language's common words, each with the languages that list it (bit `lang as usize`), looked up
/// once per word of a page rather than searched for in eight lists: by their text, and the ASCII ones
/// also by their bytes packed into a number ([`pack`]), which is most words of most pages and costs a
/// multiplication to look up.
struct CommonWords {
    by_text: FxHashMap<&'static str, u16>,
    ascii: FxHashMap<u64, u16>,
    /// The first letters and lengths of the ASCII ones: most words of a page are turned away here,
    /// before they are packed and looked up.
    ascii_prefixes: PrefixLengths<1>,
}

fn common_words() -> &'static CommonWords {
    static COMMON: OnceLock<CommonWords> = OnceLock::new();
    COMMON.get_or_init(|| {
        let mut by_text = FxHashMap::default();
        for lang in Lang::ALL {
            for &word in lang.common_words() {
                *by_text.entry(word).or_insert(0) |= 1u16 << (lang as usize);
            }
        }
        let ascii: FxHashMap<u64, u16> = by_text
            .iter()
            .filter(|(w, _)| w.is_ascii() && w.len() <= COMMON_WORD_MAX)
            .map(|(w, &langs)| (pack(w.as_bytes()), langs))
            .collect();
        let mut ascii_prefixes = PrefixLengths::new();
        for w in by_text.keys().filter(|w| w.is_ascii()) {
            ascii_prefixes.add(w.as_bytes());
        }
        CommonWords {
            by_text,
            ascii,
            ascii_prefixes,
        }
    })
}

impl CommonWords {
    /// The languages listing the ASCII word `word` (letters only, any case) as a common word.
    fn ascii_word(&self, word: &[u8]) -> Option<&u16> {
        // Lower-casing keeps an ASCII word's length: a longer one is no common word.
        if word.len() > COMMON_WORD_MAX || !self.ascii_prefixes.may_hold(word) {
            return None;
        }
        self.ascii.get(&pack(word))
    }
}

/// The end of the run of ASCII letters starting at `i`: eight bytes at a time, as most runs are words.
fn ascii_letters_end(bytes: &[u8], mut i: usize) -> usize {
    while let Some(&chunk) = bytes.get(i..).and_then(|rest| rest.first_chunk::<8>()) {
        let stops = not_ascii_letters(u64::from_le_bytes(chunk));
        if stops != 0 {
            return i + stops.trailing_zeros() as usize / 8;
        }
        i += 8;
    }
    while bytes.get(i).is_some_and(u8::is_ascii_alphabetic) {
        i += 1;
    }
    i
}

/// The high bit of each byte of `w` that is not an ASCII letter (`[A-Za-z]`), all other bits clear.
fn not_ascii_letters(w: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = ONES * 0x80;
    // Lower-cased, each byte below 0x80: adding to it cannot carry into the next byte.
    let x = (w | (ONES * 0x20)) & !HIGH;
    let from_a = x + ONES * u64::from(0x80 - b'a');
    let past_z = x + ONES * u64::from(0x80 - b'z' - 1);
    let letters = from_a & !past_z & !w & HIGH;
    !letters & HIGH
}

/// The lower-cased bytes of an ASCII word of at most eight letters in one number, the first in the
/// lowest byte (no letter is a zero byte, so words of different lengths differ).
fn pack(word: &[u8]) -> u64 {
    word.iter().take(8).enumerate().fold(0, |key, (i, b)| {
        key | u64::from(b.to_ascii_lowercase()) << (8 * i)
    })
}

impl LangEvidence {
    /// Counts a date word spelled the same in `langs`: each gets a vote.
    pub fn date_word(&mut self, langs: LangSet) {
        for l in langs.iter() {
            self.date_words[l as usize] += 1;
        }
    }

    /// Counts the common words of every language in `text`.
    ///
    /// This runs over every word of the first two thousand lines of every page (a fifth of the time of
    /// reading a small page went to it), so words are cut on the bytes, and only the few non-ASCII
    /// characters are decoded: a word is a run of alphabetic characters.
    pub fn text(&mut self, text: &str) {
        let common = common_words();
        let bytes = text.as_bytes();
        let mut scratch = String::new();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b.is_ascii_alphabetic() {
                // ASCII letters first: most words are nothing else, and most are cut here.
                let start = i;
                i = ascii_letters_end(bytes, i + 1);
                if bytes.get(i).is_some_and(|b| !b.is_ascii()) {
                    // Other letters may follow (`Genève`): the word goes on below.
                    i = self.word(common, text, start, i, &mut scratch);
                    continue;
                }
                self.count(common.ascii_word(&bytes[start..i]));
            } else if b.is_ascii() {
                i += 1;
            } else {
                // Not ASCII: a letter opens a word, anything else is skipped whole.
                match text[i..].chars().next() {
                    Some(c) if crate::canonical::is_alphabetic(c) => {
                        i = self.word(common, text, i, i, &mut scratch);
                    }
                    Some(c) => i += c.len_utf8(),
                    None => break,
                }
            }
        }
    }

    /// Counts the word of `text` starting at `start`, read as far as `from` already, when it may hold
    /// letters other than ASCII ones; returns where it ends.
    fn word(
        &mut self,
        common: &CommonWords,
        text: &str,
        start: usize,
        from: usize,
        scratch: &mut String,
    ) -> usize {
        let bytes = text.as_bytes();
        let mut i = from;
        let mut ascii = true;
        while let Some(&b) = bytes.get(i) {
            if b.is_ascii_alphabetic() {
                i += 1;
            } else if b.is_ascii() {
                break;
            } else {
                match text[i..].chars().next() {
                    Some(c) if crate::canonical::is_alphabetic(c) => {
                        ascii = false;
                        i += c.len_utf8();
                    }
                    _ => break,
                }
            }
        }
        let word = &bytes[start..i];
        if word.len() > 12 {
            return i;
        }
        if ascii {
            self.count(common.ascii_word(word));
        } else {
            scratch.clear();
            scratch.extend(text[start..i].chars().flat_map(char::to_lowercase));
            self.count(common.by_text.get(scratch.as_str()));
        }
        i
    }

    /// Counts a common word, given the languages that list it.
    fn count(&mut self, langs: Option<&u16>) {
        // A word common to several languages (`de`: Spanish, French, Portuguese and Dutch; `en`,
        // `con`, `para`) is evidence for none of them.
        if let Some(&langs) = langs {
            if langs.count_ones() == 1 {
                self.common_words[langs.trailing_zeros() as usize] += 1;
            }
        }
    }

    /// Score of each language, for display: date words, then common words.
    pub fn scores(&self) -> [u32; 8] {
        let mut s = [0u32; 8];
        for (i, v) in s.iter_mut().enumerate() {
            *v = self.date_words[i] * 1000 + self.common_words[i];
        }
        s
    }

    /// The language whose month and weekday names the page's dates use most, common words breaking ties
    /// (`April` is English, German and Dutch); without date words, the language with the most common
    /// words, if it has at least five; otherwise [`Lang::Unknown`].
    pub fn best(&self) -> Lang {
        let most_dates = self.date_words.iter().copied().max().unwrap_or(0);
        let mut best = Lang::Unknown;
        let mut best_words = 0;
        for lang in Lang::ALL {
            let i = lang as usize;
            let eligible = if most_dates > 0 {
                self.date_words[i] == most_dates
            } else {
                self.common_words[i] >= 5
            };
            // A language later in [`Lang::ALL`] must show two more common words, and five at least, to
            // win a tie: a few shared articles (`de`) are not evidence.
            // Against a language with no common word at all, three are enough (a short Italian agenda
            // whose months Spanish shares).
            let enough = if best_words == 0 { 3 } else { 5 };
            if eligible
                && (best == Lang::Unknown
                    || (self.common_words[i] >= best_words + 2 && self.common_words[i] >= enough))
            {
                best = lang;
                best_words = self.common_words[i];
            }
        }
        // A page written in one language that quotes its dates in another (an English programme with
        // French day headings) is in the language of its text.
        if let Some(text_lang) = Lang::ALL
            .into_iter()
            .max_by_key(|l| self.common_words[*l as usize])
        {
            let words = self.common_words[text_lang as usize];
            if text_lang != best && words >= 20 && words >= best_words.max(1) * 4 {
                return text_lang;
            }
        }
        best
    }

    /// The languages whose month or weekday names the page's dates use.
    pub fn date_languages(&self) -> LangSet {
        LangSet(
            Lang::ALL
                .into_iter()
                .filter(|l| self.date_words[*l as usize] > 0)
                .fold(0, |acc, l| acc | l.bit().0),
        )
    }
}

/// True when `word` is one of the common short words of some language (`with`, `from`, `pour`): no
/// evidence that two lines speak of the same thing.
pub fn is_common_word(word: &str) -> bool {
    Lang::ALL.iter().any(|l| {
        l.common_words()
            .iter()
            .any(|c| c.eq_ignore_ascii_case(word))
    })
}

/// Whether `word` counts years (`100 Jahre`, `250 years`, `50 ans`): the number before it is a count or
/// an anniversary, not a year. Only plurals (and Dutch `jaar`, which follows every number): `2019 Year
/// in Review` names a year.
pub fn is_years_word(word: &str) -> bool {
    word.len() <= 8
        && with_folded(word, |w| {
            matches!(
                w,
                b"years"
                    | b"yrs"
                    | b"jahre"
                    | b"jahren"
                    | b"ans"
                    | b"annees"
                    | b"anos"
                    | b"anni"
                    | b"jaar"
                    | b"jaren"
            )
        })
}

/// Detects the language of a text from its common words alone (pages are detected from their dates
/// too, by the layout inference; this is for text without dates).
pub fn detect(text: &str) -> Lang {
    let mut e = LangEvidence::default();
    for line in crate::parse::lines::non_blank_lines(text).take(4000) {
        e.text(line.raw);
    }
    e.best()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_letter_weekdays_come_from_the_locales_of_their_languages() {
        let v = vocabulary();
        let (de, nl) = (Lang::De.bit(), Lang::Nl.bit());
        for (pair, day) in [
            (b"Mo", 1),
            (b"Di", 2),
            (b"Mi", 3),
            (b"Do", 4),
            (b"Fr", 5),
            (b"Sa", 6),
            (b"So", 7),
        ] {
            assert_eq!(v.two_letter_weekday(*pair, de), Some(day), "{pair:?}");
        }
        for (pair, day) in [
            (b"ma", 1),
            (b"di", 2),
            (b"wo", 3),
            (b"do", 4),
            (b"vr", 5),
            (b"za", 6),
            (b"zo", 7),
        ] {
            assert_eq!(v.two_letter_weekday(*pair, nl), Some(day), "{pair:?}");
        }
        // Only in the languages that write them so.
        assert_eq!(v.two_letter_weekday(*b"Sa", Lang::En.bit()), None);
        assert_eq!(v.two_letter_weekday(*b"za", de), None);
        // No weekday of more letters is among them.
        assert!(v.two_letter_weekdays.len() <= 14);
    }

    /// The prefix filter never turns away a word the vocabulary holds, however it is written (capitals,
    /// a final period, accents), and does turn away ordinary words.
    #[test]
    fn the_prefix_filter_keeps_every_word_of_the_vocabulary() {
        let v = vocabulary();
        let mut keys = 0;
        for key in v.words.keys() {
            let key = std::str::from_utf8(key).expect("keys are text");
            let upper = key.to_uppercase();
            let mut title: String = key.chars().take(1).flat_map(char::to_uppercase).collect();
            title.extend(key.chars().skip(1));
            for written in [key.to_string(), upper, title.clone(), format!("{title}.")] {
                assert!(
                    v.lookup_with_languages(&written, LangSet(u16::MAX))
                        .is_some(),
                    "{written:?}"
                );
            }
            keys += 1;
        }
        assert!(keys > 200, "{keys} keys");
        // Accented spellings fold to their keys (`février`, `März`) and pass with any length.
        for (word, lang) in [
            ("février", Lang::Fr),
            ("März", Lang::De),
            ("Août", Lang::Fr),
        ] {
            assert!(v.lookup(word, lang.bit()).is_some(), "{word}");
        }
        let ordinary = [
            "the",
            "minister",
            "visited",
            "headquarters",
            "ministre",
            "Generalsekretär",
        ];
        let turned_away = ordinary.iter().filter(|w| !v.may_hold(w)).count();
        assert!(turned_away >= 4, "{turned_away} of {ordinary:?}");
    }

    #[test]
    fn ascii_letters_are_told_eight_bytes_at_a_time_as_one_at_a_time() {
        // Every byte value at every place of the eight, among letters and among other bytes.
        for fill in [b'a', b'Z', b' ', 0x80, 0xC3] {
            for place in 0..8 {
                for b in 0..=255u8 {
                    let mut bytes = [fill; 8];
                    bytes[place] = b;
                    let stops = not_ascii_letters(u64::from_le_bytes(bytes));
                    for (k, &x) in bytes.iter().enumerate() {
                        let stop = stops >> (8 * k) & 0xFF;
                        assert_eq!(stop == 0x80, !x.is_ascii_alphabetic(), "{bytes:?} at {k}");
                        assert!(stop == 0 || stop == 0x80, "{bytes:?}");
                    }
                }
            }
        }
        // The first-letter filter lets every common ASCII word through, in any case.
        let common = common_words();
        for word in Lang::ALL.iter().flat_map(|l| l.common_words()) {
            if word.is_ascii() {
                for w in [word.to_string(), word.to_uppercase()] {
                    assert_eq!(
                        common.ascii_word(w.as_bytes()),
                        common.by_text.get(word),
                        "{w}"
                    );
                }
            }
        }
        assert_eq!(common.ascii_word(b"zebra"), None);
        let text = "Ab cdefghijklmnopQRSTUVWXYZ-x Genève l’été abcdefgh12345678abcdefghijklmnop";
        let bytes = text.as_bytes();
        for i in 0..bytes.len() {
            let one_at_a_time = i + bytes[i..]
                .iter()
                .take_while(|b| b.is_ascii_alphabetic())
                .count();
            assert_eq!(ascii_letters_end(bytes, i), one_at_a_time, "from {i}");
        }
    }

    #[test]
    fn common_words_are_cut_and_folded_as_split_and_to_lowercase_do() {
        let longest_ascii = Lang::ALL
            .into_iter()
            .flat_map(|l| l.common_words().iter())
            .filter(|w| w.is_ascii())
            .map(|w| w.len())
            .max();
        assert!(
            longest_ascii.is_some_and(|n| n <= COMMON_WORD_MAX),
            "{longest_ascii:?}"
        );
        // Words as `split` at every non-alphabetic character cuts them, folded as `to_lowercase` folds.
        let reference = |line: &str| {
            let mut expected = [0u32; 8];
            for word in line.split(|c: char| !c.is_alphabetic()) {
                let word = word.to_lowercase();
                let langs: Vec<Lang> = Lang::ALL
                    .into_iter()
                    .filter(|l| l.common_words().contains(&word.as_str()))
                    .collect();
                if let [lang] = langs[..] {
                    expected[lang as usize] += 1;
                }
            }
            expected
        };
        let line = "The visit of THE Minister–with the délégation: LA visite, la Délégation; È della furono per de. Über für";
        let mut counted = LangEvidence::default();
        counted.text(line);
        let expected = reference(line);
        assert_eq!(counted.common_words, expected);
        assert_eq!(expected[Lang::En as usize], 5);
        assert_eq!(expected[Lang::Fr as usize], 2);
        assert_eq!(expected[Lang::It as usize], 4);
        assert_eq!(expected[Lang::De as usize], 1);
        for line in [
            "of1of 2the_the-and(with)WITH.",
            "furonoo furono FURONO Furon della’s d’une l’été",
            "Ministerpräsident und die Präsidentin für Öffentlichkeit",
            "\u{212A} K\u{212A} \u{130}l la\u{301} e\u{301}t\u{e9} thé the\u{301}",
            "تابعونا على في من الشبكات",
            "",
            "x",
        ] {
            let mut counted = LangEvidence::default();
            counted.text(line);
            assert_eq!(counted.common_words, reference(line), "{line}");
        }
    }

    #[test]
    fn months_come_from_locale_data_in_every_language() {
        for (lang, name, m) in [
            (Lang::En, "September", 9),
            (Lang::En, "Sept.", 9),
            (Lang::Fr, "Décembre", 12),
            (Lang::Fr, "decembre", 12),
            (Lang::Fr, "janv.", 1),
            (Lang::Es, "mayo", 5),
            (Lang::Es, "setiembre", 9),
            (Lang::De, "Mär", 3),
            (Lang::De, "MÄRZ", 3),
            (Lang::De, "Dezember", 12),
            (Lang::It, "maggio", 5),
            (Lang::It, "gen", 1),
            (Lang::Pt, "Fev", 2),
            (Lang::Pt, "Abr", 4),
            (Lang::Pt, "março", 3),
            (Lang::Nl, "mrt", 3),
            (Lang::Nl, "mrt.", 3),
            (Lang::Nl, "mei", 5),
            (Lang::Ar, "نوفمبر", 11),
            (Lang::Ar, "تشرين الثاني", 11),
            (Lang::Ar, "أبريل", 4),
            // Algeria and Tunisia (ar_DZ, ar_TN), with and without the hamza.
            (Lang::Ar, "جانفي", 1),
            (Lang::Ar, "فيفري", 2),
            (Lang::Ar, "أفريل", 4),
            (Lang::Ar, "افريل", 4),
            (Lang::Ar, "ماي", 5),
            (Lang::Ar, "جوان", 6),
            (Lang::Ar, "جويلية", 7),
            (Lang::Ar, "أوت", 8),
            (Lang::Ar, "اوت", 8),
        ] {
            assert_eq!(lang.month(name), Some(m), "{lang:?} {name}");
        }
        assert_eq!(Lang::En.month("Mayo"), None);
        assert_eq!(Lang::En.month("mai"), None);
    }

    #[test]
    fn weekdays_are_known_but_never_shadow_a_month() {
        let v = vocabulary();
        for (name, lang) in [
            ("Monday", Lang::En),
            ("lundi", Lang::Fr),
            ("lunes", Lang::Es),
            ("Montag", Lang::De),
            ("Martedì", Lang::It),
            ("segunda-feira", Lang::Pt),
            ("maandag", Lang::Nl),
        ] {
            assert!(
                matches!(v.lookup(name, lang.bit()), Some(Word::Weekday(_))),
                "{name}"
            );
        }
        // `mar` is martes/mardi/martedì abbreviated, and March everywhere: March wins.
        assert_eq!(v.lookup("mar", Lang::Es.bit()), Some(Word::Month(3)));
        assert_eq!(v.lookup("Mo", Lang::De.bit()), None);
    }

    #[test]
    fn detects_languages_from_common_words_and_says_unknown_without_evidence() {
        assert_eq!(
            detect("Le ministre et la délégation ont visité le siège pour une réunion avec les services."),
            Lang::Fr
        );
        assert_eq!(
            detect("Der Minister und die Delegation haben mit dem Generalsekretär die Lage besprochen."),
            Lang::De
        );
        assert_eq!(detect("12345 67890"), Lang::Unknown);
        assert_eq!(detect(""), Lang::Unknown);
    }

    #[test]
    fn folding_in_place_agrees_with_folding() {
        for w in [
            "Décembre",
            "MÄRZ",
            "june",
            "Jürgen",
            "أبريل",
            "tišina",
            "ÅNGSTRÖM",
            "ديسمــبـر",
            &"é".repeat(40),
            // Longer than the buffer once folded, through each way a character is folded: ASCII,
            // caseless (Arabic), decomposed.
            &format!("{}é", "Ab".repeat(40)),
            &"ب".repeat(40),
            &"É".repeat(70),
        ] {
            assert_eq!(with_folded(w, |b| b.to_vec()), fold(w).as_bytes(), "{w}");
        }
    }

    #[test]
    fn folding_drops_case_and_accents() {
        assert_eq!(fold("Décembre"), "decembre");
        assert_eq!(fold("MÄRZ"), "marz");
        assert_eq!(fold("june"), "june");
    }

    #[test]
    fn tatweel_is_left_out_as_diacritics_are() {
        assert_eq!(fold("ديسمــبـر"), "ديسمبر");
        assert_eq!(with_folded("نوفمـبر", |b| b.to_vec()), "نوفمبر".as_bytes());
        assert_eq!(Lang::Ar.month("ديسمــبـر"), Some(12));
        assert_eq!(Lang::Ar.month("نوفمـبر"), Some(11));
    }
}
