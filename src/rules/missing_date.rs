//! An entry whose lead paragraph does not start with a date.
//!
//! ## What it does
//! Reports entries that have no date at all: their lead paragraph does not open with a date prefix such
//! as `10 February 2020 –`. (A prefix that looks like a date but is not a calendar date, such as
//! `31 February 2020 –`, is `invalid-date` instead.)
//!
//! ## Why is this bad?
//! The date is what places an entry on the page and identifies it across revisions; an undated entry
//! cannot be ordered, checked against the page's years, or matched reliably by a diff. A missing date is
//! usually a scrape that lost the prefix, or a prefix the parser cannot read (a typo in the month).
//!
//! ## Example
//! ```text
//! Burkina Faso Minister of Security
//!
//! Burkina Faso’s Minister of Security was welcomed to the General Secretariat.
//! ```
//!
//! ## How to fix
//! Restore the date prefix at the start of the lead paragraph: `10 February 2020 – Burkina Faso’s …`.

use super::{describe, Check, Rule, Sink};
use crate::diagnostic::Severity;
use crate::record::Record;
use serde::Deserialize;

/// Parameters of `missing-date` (none).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {}

/// `missing-date`: the rule this file documents and checks.
pub struct MissingDate;

impl Rule for MissingDate {
    const CODE: &'static str = "PR002";
    const NAME: &'static str = "missing-date";
    const DEFAULT_SEVERITY: Severity = Severity::Error;
    const DEFAULT_ENABLED: bool = true;
    const SOURCE: &'static str = include_str!("missing_date.rs");
    type Params = Params;
    const CHECK: Check<Params> = Check::Each(check);
}

/// Reports entries without a date prefix.
pub fn check(r: &Record<'_>, _params: &Params, sink: &mut Sink<'_>) {
    if r.date.is_some() || r.lead.is_some_and(|l| l.date_text.is_some()) {
        return;
    }
    let span = r
        .lead
        .map_or_else(|| super::head_span(r), |l| l.line.span());
    let d = sink.report(Some(r), span, format!("{} has no date", describe(r)));
    d.help =
        Some("start the lead paragraph with the entry's date, e.g. `10 February 2020 – `".into());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::run;

    #[test]
    fn an_undated_entry_is_reported_on_its_lead() {
        let text = "Official visits 2018 to 2023\n\nFirst visit\n\n3 June 2019 – The first visit.\n\nSecond visit\n\nThe second visit of the minister to Lyon.\n\nThird visit\n\n1 June 2019 – The third visit.\n";
        let found = run::<MissingDate>(text, Params {});
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, 9);
        assert!(found[0].1.contains("`Second visit`"));
    }

    #[test]
    fn invalid_dates_are_not_missing() {
        let text = "Visit\n\n31 February 2020 – The visit.\n";
        assert!(run::<MissingDate>(text, Params {}).is_empty());
    }
}
