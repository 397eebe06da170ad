//! The new revision is older than the one before it.
//!
//! ## What it does
//! Compares the newest entry date of the new revision with that of the previous one (a drop rule, run by
//! `pagerev check`) and reports when the new revision's newest entry is older. Dates are compared as the
//! days they may cover: `4 December 2023` is not older than `December 2023` (it may be the same day), so a
//! month made precise is not reported here (`entry-redated` reports it).
//!
//! ## Why is this bad?
//! Revisions are named and ordered by the date they were taken; a later scrape of a growing page has the
//! same newest entry or a newer one. An older newest entry means a stale cache or mirror was scraped, or
//! the revision files were named in the wrong order — and every diff against it would report the newest
//! entries as removed.
//!
//! ## Example
//! ```text
//! 2023-12.txt: newest entry December 2023
//! 2024-01.txt: newest entry 12 December 2022
//! ```
//!
//! ## How to fix
//! Scrape the live page again, or rename the revision files so they sort oldest to newest.

use super::{date_label, Check, DropInput, Rule, Sink};
use crate::diagnostic::Severity;
use crate::record::{Page, Record};
use serde::Deserialize;

/// Parameters of `revision-older` (none).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {}

/// The entry with the latest date (by the last day it covers).
fn newest<'p, 'a>(page: &'p Page<'a>) -> Option<&'p Record<'a>> {
    page.records
        .iter()
        .filter(|r| r.date.is_some())
        .max_by_key(|r| r.date.map(|d| d.last_day()))
}

/// `revision-older`: the rule this file documents and checks.
pub struct RevisionOlder;

impl Rule for RevisionOlder {
    const CODE: &'static str = "PR020";
    const NAME: &'static str = "revision-older";
    const DEFAULT_SEVERITY: Severity = Severity::Error;
    const DEFAULT_ENABLED: bool = true;
    const SOURCE: &'static str = include_str!("revision_older.rs");
    type Params = Params;
    const CHECK: Check<Params> = Check::Drop {
        per_entry: true,
        check,
    };
}

/// Reports a newest entry older than the previous revision's.
pub fn check(input: &DropInput<'_, '_>, _params: &Params, sink: &mut Sink<'_>) {
    let (Some(old), Some(new)) = (newest(input.old), newest(input.new)) else {
        return;
    };
    let (Some(od), Some(nd)) = (old.date, new.date) else {
        return;
    };
    // Older only when every day the new date may mean is before every day the old one may mean.
    if nd.last_day() >= od.start {
        return;
    }
    let related = sink.related_at(
        input.old_source,
        Some(old),
        super::date_span(old),
        format!("the previous revision's newest entry ({})", date_label(old)),
    );
    let d = sink.report(
        Some(new),
        super::date_span(new),
        format!(
            "newest entry is dated {}, older than the previous revision's newest ({})",
            date_label(new),
            date_label(old)
        ),
    );
    d.related = Some(Box::new(related));
    d.help = Some(
        "scrape the live page again, or check the revision files sort oldest to newest".into(),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::run_drop;

    #[test]
    fn an_older_newest_entry_is_reported() {
        let old =
            "Visits\n\nB visit\n\nDecember 2023 - New.\n\nA visit\n\n12 December 2022 - Old.\n";
        let new = "Visits\n\nA visit\n\n12 December 2022 - Old.\n";
        let found = run_drop::<RevisionOlder>(old, new, Params {});
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0]
                .1
                .contains("older than the previous revision's newest (December 2023)"),
            "{}",
            found[0].1
        );
        assert!(run_drop::<RevisionOlder>(new, old, Params {}).is_empty());
        // A month made precise is not older.
        let precise = old.replace("December 2023 - New.", "4 December 2023 - New.");
        assert!(run_drop::<RevisionOlder>(old, &precise, Params {}).is_empty());
    }
}
