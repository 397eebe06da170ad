//! The same caption under two different entries.
//!
//! ## What it does
//! Reports a caption that an earlier entry of the page already carries (comparing canonical forms), at the
//! later entry, naming the first. Captions that merely repeat their own entry's title or lead are left to
//! `caption-repeats-title` and `caption-repeats-lead` (two entries with the same title may well repeat it),
//! and captions matching one of the `allow` patterns are accepted.
//!
//! ## Why is this bad?
//! A caption describes the photo of one visit. The same caption under another entry usually means a photo
//! block was pasted into the wrong entry, or an entry was copied as a template and not fully edited.
//!
//! ## Example
//! ```text
//! Minister of Interior, Belgium
//!
//! Portugal visit
//!
//! 1 February 2023 – …
//! ```
//! where `Portugal visit` is also the caption of the 17 December 2019 entry.
//!
//! ## How to fix
//! Correct or remove the caption of the entry it does not belong to. Generic captions used on purpose can
//! be accepted with `allow` patterns.
//!
//! ## Options
//! - `allow`: a list of regular expressions; a caption matching any of them may be shared.

use super::{describe, Brief, Check, PageCheck, PageHead, Rule, Sink};
use crate::canonical::canonical;
use crate::diagnostic::Severity;
use crate::record::{Record, Span};
use regex::Regex;
use rustc_hash::FxHashMap;
use serde::Deserialize;
use std::collections::hash_map::Entry;

/// The longest pattern accepted: real ones are a few words; a 40 MB one took 4 GB to compile.
pub const MAX_PATTERN_LEN: usize = 4096;

/// `s` as an error message quotes it: at most 60 characters.
fn shorten(s: &str) -> String {
    match s.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// A regular expression, compiled when the configuration is loaded (so an invalid one is reported at its
/// line and column).
#[derive(Debug, Clone)]
pub struct Pattern(pub Regex);

impl<'de> Deserialize<'de> for Pattern {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Pattern;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a regular expression")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Pattern, E> {
                if s.len() > MAX_PATTERN_LEN {
                    return Err(E::custom(format!(
                        "regular expression `{}` is {} bytes, over the limit of {MAX_PATTERN_LEN}",
                        shorten(s),
                        s.len()
                    )));
                }
                regex::RegexBuilder::new(s)
                    .size_limit(1 << 20)
                    .build()
                    .map(Pattern)
                    .map_err(|e| {
                        // The regex error spans several lines (pattern, caret, reason); keep the reason.
                        let reason = e.to_string();
                        let reason = reason.lines().last().unwrap_or_default().trim();
                        let reason = reason.trim_start_matches("error: ");
                        E::custom(format!(
                            "invalid regular expression `{}`: {reason}",
                            shorten(s)
                        ))
                    })
            }
        }
        d.deserialize_str(V)
    }
}

/// Parameters of `shared-caption`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {
    /// Captions matching any of these may appear under several entries.
    #[serde(default)]
    pub allow: Vec<Pattern>,
}

/// `shared-caption`: the rule this file documents and checks.
pub struct SharedCaption;

impl Rule for SharedCaption {
    const CODE: &'static str = "PR005";
    const NAME: &'static str = "shared-caption";
    const DEFAULT_SEVERITY: Severity = Severity::Warning;
    const DEFAULT_ENABLED: bool = true;
    const SOURCE: &'static str = include_str!("shared_caption.rs");
    type Params = Params;
    const CHECK: Check<Params> = Check::Page(start);
}

/// Starts the check of a page.
fn start<'a>(_: &Params, _: &PageHead<'a>) -> Box<dyn PageCheck<'a, Params> + 'a> {
    Box::<First>::default()
}

/// Canonical caption hash -> the record of its first occurrence, and where that caption is.
#[derive(Default)]
struct First(FxHashMap<u64, (usize, Span)>);

impl<'a> PageCheck<'a, Params> for First {
    /// Reports the captions of an entry that an earlier entry has too.
    fn record(
        &mut self,
        r: &Record<'a>,
        earlier: &[Brief<'a>],
        params: &Params,
        sink: &mut Sink<'_>,
    ) {
        if r.captions.is_empty() {
            return;
        }
        let (title, lead) = (r.title_hash(), r.lead_hash());
        for (c, &hash) in r.captions.iter().zip(r.caption_hashes()) {
            if title == Some(hash) || lead == Some(hash) {
                continue;
            }
            if !params.allow.is_empty()
                && params
                    .allow
                    .iter()
                    .any(|p| p.0.is_match(&canonical(c.text.raw)))
            {
                continue;
            }
            let (fr, first_span) = match self.0.entry(hash) {
                Entry::Occupied(e) => *e.get(),
                Entry::Vacant(e) => {
                    e.insert((r.index, c.text.span()));
                    continue;
                }
            };
            // A repeat within the entry is duplicated-caption's.
            let Some(other) = earlier.get(fr) else {
                continue;
            };
            let related = sink.related(
                Some(other),
                first_span,
                format!("also the caption of {}", describe(other)),
            );
            let d = sink.report(
                Some(r),
                c.text.span(),
                format!(
                    "caption of {} is also the caption of {}",
                    describe(r),
                    describe(other)
                ),
            );
            d.related = Some(Box::new(related));
            d.help = Some(
                "remove the caption from the entry it does not belong to, or accept it with an `allow` pattern"
                    .into(),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::run;

    const PAGE: &str = "Official visits 2018 to 2023\n\nA visit\n\nPortugal visit\n\n10 February 2020 – The minister was welcomed.\n\nAnother visit\n\nPortugal visit\n\nAnother visit\n\n9 February 2020 – Another minister was welcomed.\n\nAnother visit\n\nAnother visit\n\n8 February 2020 – A third minister.\n";

    #[test]
    fn a_caption_under_two_entries_is_reported_at_the_second() {
        let found = run::<SharedCaption>(PAGE, Params::default());
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, 11);
    }

    #[test]
    fn allowed_captions_may_be_shared() {
        let allow = vec![Pattern(Regex::new("^Portugal").unwrap())];
        assert!(run::<SharedCaption>(PAGE, Params { allow }).is_empty());
    }
}
