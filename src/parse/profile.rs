//! The page profile: what layout inference decided about a page (or what its `page.yaml` pins), and
//! what the parser then follows.
//!
//! ```yaml
//! profile:
//!   lang: fr
//!   date_order: dmy
//!   entry_starts: [led]
//!   headings: sections
//!   titles: before
//!   order: newest-first
//!   year_from: [heading, title, previous, document]
//!   months: { "sett": 9 }
//!   date_patterns: ['^(?P<year>\d{4})年(?P<month>\d{1,2})月(?P<day>\d{1,2})日']
//! ```
//!
//! Every key is optional in a `page.yaml`: what is given overrides inference, the rest is inferred.

pub use super::scan::Sep;
use crate::diagnostic::Diagnostic;
use crate::lang::Lang;
use crate::record::YearSource;
use crate::rules::config::{ConfigError, Problems};
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Which way numeric dates put day and month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum DateOrder {
    /// `14/05/2017` is 14 May.
    #[default]
    Dmy,
    /// `05/14/2017` is 14 May.
    Mdy,
}

/// A line shape that opens an entry (see `parse::scan`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum StartShape {
    /// The date starts the line, then a dash, colon, period or bar, then text.
    Led,
    /// The date starts the line, then a comma and text.
    LedComma,
    /// The date starts the line and the text follows with no separator.
    LedBare,
    /// A day (or range of days) alone on its line.
    DateLine,
    /// A year, or a month and year, alone on its line, when such lines are entries (`headings: entries`).
    HeadingLine,
    /// A place, a comma, then the date and text: `Sofia, June 3, 2016 – …`.
    Placed,
    /// A short line ending with its date: `Vienna, Austria, 29 September – 2 October 2009`.
    Heading,
    /// A short line ending with its date in brackets: `Brussels (14 March)`.
    Bracket,
    /// A day number, a separator and text under a month heading: `14 — Birthday of the founder`.
    DayLed,
    /// A time of day, then text (or alone on its line), under a day heading (an agenda: `Lundi 18 mai` /
    /// `10h00 : Entretien …`). When chosen, dates alone on their line are day headings, not entries.
    TimeLed,
    /// A paragraph with a date inside (`Le lundi 7 mars, le Secrétaire général a reçu …`), on a page
    /// built only of such paragraphs.
    Prose,
}

impl StartShape {
    /// Every shape, in the order evidence counts them.
    pub const ALL: [StartShape; 11] = [
        StartShape::Led,
        StartShape::LedComma,
        StartShape::LedBare,
        StartShape::DateLine,
        StartShape::HeadingLine,
        StartShape::Placed,
        StartShape::Heading,
        StartShape::Bracket,
        StartShape::DayLed,
        StartShape::TimeLed,
        StartShape::Prose,
    ];

    /// The shape's name in `page.yaml` (`date-line`).
    pub fn name(self) -> &'static str {
        match self {
            StartShape::Led => "led",
            StartShape::LedComma => "led-comma",
            StartShape::LedBare => "led-bare",
            StartShape::DateLine => "date-line",
            StartShape::HeadingLine => "heading-line",
            StartShape::Placed => "placed",
            StartShape::Heading => "heading",
            StartShape::Bracket => "bracket",
            StartShape::DayLed => "day-led",
            StartShape::TimeLed => "time-led",
            StartShape::Prose => "prose",
        }
    }
}

/// What year-alone and month-alone lines (`2017`, `March 2021`) are on the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Headings {
    /// There are none (or too few to matter).
    #[default]
    None,
    /// They head sections of dated entries, and give their year to entries that lack one.
    Sections,
    /// They are entries in their own right (a "key dates" page).
    Entries,
}

/// Where an entry's title stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Titles {
    /// On its own line before the dated line (the seed page).
    #[default]
    Before,
    /// On its own line after a date that stands alone.
    After,
    /// No title lines: an entry's title, if any, is the headline on its dated line.
    Inline,
    /// Above the text the dated line closes: an entry is its title, its text, then its date
    /// (`Headline` / `teaser` / `Monday, May 14, 2020`), as on listings that print the date last.
    Closing,
}

/// The order of the page's entries, seen from the dates it writes in full.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum PageOrder {
    /// Newest entries first (most pages).
    NewestFirst,
    /// Oldest entries first.
    OldestFirst,
    /// Too few full dates to tell.
    #[default]
    Unknown,
}

/// What the parser follows on one page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Profile {
    /// The language of the page's dates.
    pub lang: Lang,
    /// Whether numeric dates are day-first or month-first.
    pub date_order: DateOrder,
    /// The line shapes that open an entry.
    pub entry_starts: Vec<StartShape>,
    /// The separators the page's led lines use (evidence; every separator of a chosen shape is read).
    #[serde(default)]
    pub separators: Vec<Sep>,
    /// What year-alone and month-alone lines are.
    pub headings: Headings,
    /// Where an entry's title stands.
    pub titles: Titles,
    /// The order of the entries.
    pub order: PageOrder,
    /// Where a date without a year takes its year from, in this order; no source: the date is not read.
    pub year_from: Vec<YearSource>,
    /// Extra month names (any case; accents are ignored): name → month number.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub months: BTreeMap<String, u8>,
    /// Extra date notations, as regexes matched at the start of a line, with named groups `day`,
    /// `month` (a number or a name) and `year`, and optionally `end_day`, `end_month`, `end_year`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub date_patterns: Vec<String>,
    /// Extra "N member countries" phrasings (regexes), read after a count: `['Mitgliedsländern']`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub member_phrases: Vec<String>,
}

/// The default order of year sources.
pub fn default_year_from() -> Vec<YearSource> {
    vec![
        YearSource::Heading,
        YearSource::Title,
        YearSource::Previous,
        YearSource::Document,
    ]
}

impl Default for Profile {
    fn default() -> Self {
        Profile {
            lang: Lang::Unknown,
            date_order: DateOrder::Dmy,
            entry_starts: vec![StartShape::Led],
            separators: Vec::new(),
            headings: Headings::None,
            titles: Titles::Before,
            order: PageOrder::Unknown,
            year_from: default_year_from(),
            months: BTreeMap::new(),
            date_patterns: Vec::new(),
            member_phrases: Vec::new(),
        }
    }
}

/// A profile as a `page.yaml` (or `--profile` file) pins it: every key optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct PinnedProfile {
    /// Pins [`Profile::lang`].
    pub lang: Option<Lang>,
    /// Pins [`Profile::date_order`].
    pub date_order: Option<DateOrder>,
    /// Pins [`Profile::entry_starts`].
    pub entry_starts: Option<Vec<StartShape>>,
    /// Pins [`Profile::separators`].
    pub separators: Option<Vec<Sep>>,
    /// Pins [`Profile::headings`].
    pub headings: Option<Headings>,
    /// Pins [`Profile::titles`].
    pub titles: Option<Titles>,
    /// Pins [`Profile::order`].
    pub order: Option<PageOrder>,
    /// Pins [`Profile::year_from`].
    pub year_from: Option<Vec<YearSource>>,
    /// Pins [`Profile::months`].
    pub months: Option<BTreeMap<String, u8>>,
    /// Pins [`Profile::date_patterns`].
    pub date_patterns: Option<Vec<String>>,
    /// Pins [`Profile::member_phrases`].
    pub member_phrases: Option<Vec<String>>,
}

impl PinnedProfile {
    /// `inferred` with every pinned value put over it.
    pub fn apply(&self, mut inferred: Profile) -> Profile {
        macro_rules! pin {
            ($($f:ident),*) => { $( if let Some(v) = &self.$f { inferred.$f = v.clone(); } )* };
        }
        pin!(
            lang,
            date_order,
            entry_starts,
            separators,
            headings,
            titles,
            order,
            year_from,
            months,
            date_patterns,
            member_phrases
        );
        inferred
    }

    /// True when nothing is pinned.
    pub fn is_empty(&self) -> bool {
        *self == PinnedProfile::default()
    }
}

/// A page's own configuration file, `corpus/<page>/page.yaml`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageConfig {
    /// How to read the page (see [`Profile`]).
    #[serde(default)]
    pub profile: PinnedProfile,
    /// The page's own rule settings: read by the rule configuration, which checks them, not here.
    #[serde(default, skip_serializing)]
    pub rules: Option<RulesSection>,
}

/// A `rules:` section of a `page.yaml`, skipped by the parser's reading of the file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RulesSection;

impl<'de> Deserialize<'de> for RulesSection {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        serde::de::IgnoredAny::deserialize(d)?;
        Ok(RulesSection)
    }
}

/// An extra date notation from a profile, compiled.
#[derive(Debug, Clone)]
pub struct DatePattern {
    /// The compiled pattern.
    pub regex: Regex,
}

impl DatePattern {
    /// Compiles `pattern`; the message says what is wrong with it.
    pub fn compile(pattern: &str) -> Result<DatePattern, String> {
        if pattern.len() > 4096 {
            return Err("date pattern longer than 4096 bytes".into());
        }
        let regex = regex::RegexBuilder::new(pattern)
            .size_limit(1 << 20)
            .build()
            .map_err(|e| format!("invalid date pattern: {}", first_line(&e.to_string())))?;
        let names: Vec<&str> = regex.capture_names().flatten().collect();
        for required in ["month", "year"] {
            if !(names.contains(&required) || required == "year" && names.contains(&"day")) {
                return Err(format!(
                    "date pattern needs a named group `{required}` (groups: day, month, year, end_day, end_month, end_year)"
                ));
            }
        }
        for n in &names {
            if !["day", "month", "year", "end_day", "end_month", "end_year"].contains(n) {
                return Err(format!(
                    "date pattern has an unknown group `{n}` (groups: day, month, year, end_day, end_month, end_year)"
                ));
            }
        }
        Ok(DatePattern { regex })
    }
}

/// Reads a page configuration file (`corpus/<page>/page.yaml`, or a `--profile` file of the same
/// shape) from one parse of its text: every problem is reported, each a [`Diagnostic::config`] at its
/// line and column.
pub fn read_page_config(name: &str, text: &str) -> Result<PageConfig, ConfigError> {
    if text.trim().is_empty() {
        return Ok(PageConfig::default());
    }
    let fail = |diagnostics: Vec<Diagnostic>| {
        let mut problems = Problems::new("page");
        problems.add_file(name, text, diagnostics);
        ConfigError::Invalid(problems)
    };
    let hint = "(see `pagerev profile FILE` for a valid profile)";
    let root = crate::yaml::parse_node(text).map_err(|e| {
        fail(vec![Diagnostic::config(
            format!("{} {hint}", e.message),
            name,
            e.location,
        )])
    })?;
    let config: PageConfig = crate::yaml::from_node(&root).map_err(|e| {
        fail(vec![Diagnostic::config(
            format!("{e} {hint}"),
            name,
            e.location,
        )])
    })?;
    let mut problems = Vec::new();
    let profile = root.get("profile");
    let node = |key: &str| profile.and_then(|p| p.get(key));
    let place = |n: Option<&crate::yaml::Node>| n.unwrap_or(&root).location();
    let patterns = node("date_patterns").and_then(|n| n.items());
    for (i, p) in config.profile.date_patterns.iter().flatten().enumerate() {
        if let Err(message) = DatePattern::compile(p) {
            let at = place(patterns.and_then(|items| items.get(i)));
            problems.push(Diagnostic::config(message, name, at));
        }
    }
    let months = node("months");
    for (month, &m) in config.profile.months.iter().flatten() {
        if !(1..=12).contains(&m) {
            let at = place(months.and_then(|n| n.get(month)));
            problems.push(Diagnostic::config(
                format!("month `{month}`: {m} is not a month number (1 to 12)"),
                name,
                at,
            ));
        }
    }
    if let Some(phrases) = &config.profile.member_phrases {
        if let Err(message) = super::members::extra_member_regex(phrases) {
            problems.push(Diagnostic::config(
                message,
                name,
                place(node("member_phrases")),
            ));
        }
    }
    if config
        .profile
        .entry_starts
        .as_ref()
        .is_some_and(Vec::is_empty)
    {
        problems.push(Diagnostic::config(
            "entry_starts is empty: no line could open an entry",
            name,
            place(node("entry_starts")),
        ));
    }
    if problems.is_empty() {
        Ok(config)
    } else {
        Err(fail(problems))
    }
}

fn first_line(s: &str) -> String {
    s.lines()
        .rfind(|l| !l.trim().is_empty())
        .unwrap_or(s)
        .trim()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pinned_values_override_inferred_ones() {
        let pinned: PinnedProfile =
            crate::yaml::from_str("lang: fr\ntitles: after\nentry_starts: [date-line]\n").unwrap();
        let p = pinned.apply(Profile::default());
        assert_eq!(p.lang, Lang::Fr);
        assert_eq!(p.titles, Titles::After);
        assert_eq!(p.entry_starts, vec![StartShape::DateLine]);
        assert_eq!(p.headings, Headings::None);
    }

    #[test]
    fn unknown_keys_and_values_are_refused_with_a_position() {
        let e = crate::yaml::from_str::<PinnedProfile>("lang: fr\ntitle: after\n").unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(e.message.contains("unknown field `title`"), "{}", e.message);
        let e = crate::yaml::from_str::<PinnedProfile>("titles: sideways\n").unwrap_err();
        assert_eq!(e.line, Some(1));
    }

    #[test]
    fn page_configs_report_every_problem_at_its_position() {
        let problems = |text: &str| match read_page_config("p/page.yaml", text) {
            Ok(_) => panic!("accepted: {text}"),
            Err(e) => e.problems().diagnostics.clone(),
        };
        let text = "profile:\n  months:\n    sett: 13\n  date_patterns:\n    - '^(?P<yr>\\d+)'\n";
        let at: Vec<(u32, u32)> = problems(text)
            .iter()
            .map(|d| (d.location.start.line, d.location.start.column))
            .collect();
        assert_eq!(at, [(5, 7), (3, 11)]);
        let lang = problems("profile:\n  lang: xx\n");
        assert_eq!(lang[0].location.start.line, 2);
        assert!(
            lang[0]
                .message
                .starts_with("profile.lang: unknown variant `xx`"),
            "{}",
            lang[0].message
        );
        assert!(read_page_config("p/page.yaml", "")
            .unwrap()
            .profile
            .is_empty());
        let unknown = read_page_config("p/page.yaml", "rulez: 1\n")
            .unwrap_err()
            .to_string();
        assert!(unknown.contains("p/page.yaml:1:1"), "{unknown}");
    }

    #[test]
    fn date_patterns_need_their_groups() {
        assert!(
            DatePattern::compile(r"^(?P<year>\d{4})年(?P<month>\d{1,2})月(?P<day>\d{1,2})日")
                .is_ok()
        );
        assert!(DatePattern::compile(r"^(?P<yr>\d{4})")
            .unwrap_err()
            .contains("`month`"));
        assert!(DatePattern::compile(r"^(")
            .unwrap_err()
            .starts_with("invalid date pattern"));
    }
}
