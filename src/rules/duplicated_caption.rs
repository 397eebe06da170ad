//! The same caption more than once within one entry.
//!
//! ## What it does
//! Reports an entry whose captions (photo captions and alt texts, before or after its paragraphs) repeat
//! one another, comparing their canonical forms (spaces, dashes and quotes folded). One finding per
//! repeated caption, at its second occurrence, naming how many times it appears and where it is first
//! shown.
//!
//! ## Why is this bad?
//! A caption repeated within an entry is a scraping or publishing artefact: the page shows the same text
//! under several copies of a photo (the 2 December 2019 entry of the official-visits page repeats one
//! caption eight times after its paragraphs). It adds noise to every revision and diff of the page.
//!
//! ## Example
//! ```text
//! Burkina Faso Minister of Security
//!
//! Burkina Faso’s Minister of Security was welcomed to the General Secretariat.
//! Burkina Faso’s Minister of Security was welcomed to the General Secretariat.
//! Burkina Faso’s Minister of Security was welcomed to the General Secretariat.
//!
//! 10 February 2020 – …
//! ```
//!
//! ## How to fix
//! Keep one copy of the caption and delete the others.

use super::{describe, Brief, Check, PageCheck, PageHead, Rule, Sink};
use crate::diagnostic::Severity;
use crate::record::Record;
use rustc_hash::FxHashMap;
use serde::Deserialize;
use std::collections::hash_map::Entry;

/// Parameters of `duplicated-caption` (none).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {}

/// `duplicated-caption`: the rule this file documents and checks.
pub struct DuplicatedCaption;

impl Rule for DuplicatedCaption {
    const CODE: &'static str = "PR004";
    const NAME: &'static str = "duplicated-caption";
    const DEFAULT_SEVERITY: Severity = Severity::Error;
    const DEFAULT_ENABLED: bool = true;
    const SOURCE: &'static str = include_str!("duplicated_caption.rs");
    type Params = Params;
    const CHECK: Check<Params> = Check::Page(start);
}

/// Starts the check of a page.
fn start<'a>(_: &Params, _: &PageHead<'a>) -> Box<dyn PageCheck<'a, Params> + 'a> {
    Box::<Groups>::default()
}

/// Groups of equal captions (positions in the record's captions), in order of first appearance, found
/// through the canonical hashes; both reused across records.
#[derive(Default)]
struct Groups {
    groups: Vec<Vec<usize>>,
    by_hash: FxHashMap<u64, usize>,
}

impl<'a> PageCheck<'a, Params> for Groups {
    /// Reports captions repeated within an entry.
    fn record(&mut self, r: &Record<'a>, _: &[Brief<'a>], _: &Params, sink: &mut Sink<'_>) {
        if r.captions.len() < 2 {
            return;
        }
        self.groups.clear();
        self.by_hash.clear();
        for (i, &hash) in r.caption_hashes().iter().enumerate() {
            match self.by_hash.entry(hash) {
                Entry::Occupied(g) => self.groups[*g.get()].push(i),
                Entry::Vacant(g) => {
                    g.insert(self.groups.len());
                    self.groups.push(vec![i]);
                }
            }
        }
        let repeated = self.groups.iter().filter(|v| v.len() > 1);
        for positions in repeated {
            let first = r.captions[positions[0]].text;
            let second = r.captions[positions[1]].text;
            let last = r.captions[positions[positions.len() - 1]].text;
            let span = second.span().cover(last.span());
            let related = sink.related(Some(r), first.span(), "first shown here".into());
            let times = positions.len();
            let d = sink.report(
                Some(r),
                span,
                format!(
                    "caption appears {times} times in {}: `{}`",
                    describe(r),
                    super::shorten(first.raw, 60)
                ),
            );
            d.related = Some(Box::new(related));
            d.help = Some(
                format!(
                    "keep one copy of the caption and delete the other {}",
                    times - 1
                )
                .into(),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::run;

    #[test]
    fn repeats_within_an_entry_are_reported_once_per_caption() {
        let text = "Official visits 2018 to 2023\n\nA visit\n\nThe minister at the headquarters.\nThe minister at the headquarters.\nThe minister  at the headquarters.\n\n10 February 2020 – The minister was welcomed.\n\nAnother visit\n\nPortugal visit\n\n9 February 2020 – Another minister was welcomed.\n";
        let found = run::<DuplicatedCaption>(text, Params {});
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, 6);
        assert!(found[0]
            .1
            .starts_with("caption appears 3 times in `A visit`"));
    }
}
