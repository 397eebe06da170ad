//! Two entries with the same date and the same lead paragraph.
//!
//! ## What it does
//! Reports an entry whose date and lead paragraph (canonical form, without the date prefix and
//! dateline) equal those of an earlier entry on the page, naming the earlier one. Entries that merely
//! share a title (the same official visiting twice) are not duplicates.
//!
//! ## Why is this bad?
//! The same visit listed twice is a copy-paste or merge error; it double-counts the visit and confuses
//! tools matching entries across revisions.
//!
//! ## Example
//! ```text
//! Qatar Police Chief
//!
//! 8 October 2018 – Qatar’s police chief visited the headquarters.
//! …
//! Qatar Police Chief
//!
//! 8 October 2018 – Qatar’s police chief visited the headquarters.
//! ```
//!
//! ## How to fix
//! Delete one of the two entries (keep the more complete one).

use super::{describe, Brief, Check, Entry as _, PageCheck, PageHead, Rule, Sink};
use crate::diagnostic::Severity;
use crate::record::{Date, Record};
use rustc_hash::FxHashMap;
use serde::Deserialize;
use std::collections::hash_map::Entry;

/// Parameters of `duplicate-record` (none).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {}

/// `duplicate-record`: the rule this file documents and checks.
pub struct DuplicateRecord;

impl Rule for DuplicateRecord {
    const CODE: &'static str = "PR011";
    const NAME: &'static str = "duplicate-record";
    const DEFAULT_SEVERITY: Severity = Severity::Error;
    const DEFAULT_ENABLED: bool = true;
    const SOURCE: &'static str = include_str!("duplicate_record.rs");
    type Params = Params;
    const CHECK: Check<Params> = Check::Page(start);
}

/// Starts the check of a page.
fn start<'a>(_: &Params, _: &PageHead<'a>) -> Box<dyn PageCheck<'a, Params> + 'a> {
    Box::<Seen>::default()
}

/// (date, canonical hash of the lead) -> the first record with them.
#[derive(Default)]
struct Seen(FxHashMap<(Date, u64), usize>);

impl<'a> PageCheck<'a, Params> for Seen {
    /// Reports an entry repeating an earlier entry's date and lead.
    fn record(&mut self, r: &Record<'a>, earlier: &[Brief<'a>], _: &Params, sink: &mut Sink<'_>) {
        let (Some(date), Some(lead), Some(hash)) = (r.date, r.lead, r.lead_hash()) else {
            return;
        };
        if lead.text.raw.is_empty() {
            return;
        }
        let first = match self.0.entry((date, hash)) {
            Entry::Occupied(e) => *e.get(),
            Entry::Vacant(e) => {
                e.insert(r.index);
                return;
            }
        };
        let Some(other) = earlier.get(first) else {
            return;
        };
        let related = sink.related(
            Some(other),
            other.head_span(),
            format!("first listed here as {}", describe(other)),
        );
        let d = sink.report(
            Some(r),
            super::head_span(r),
            format!(
                "{} repeats the date and lead of an earlier entry",
                describe(r)
            ),
        );
        d.related = Some(Box::new(related));
        d.help = Some("delete one of the two entries".into());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::run;

    #[test]
    fn same_date_and_lead_is_a_duplicate_same_title_alone_is_not() {
        let text = "Police Chief\n\n8 October 2018 – The chief visited.\n\nPolice Chief\n\n7 October 2018 – The chief visited again.\n\nPolice  Chief\n\n8 October 2018 – The chief  visited.\n";
        let found = run::<DuplicateRecord>(text, Params {});
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, 9);
    }
}
