//! A date prefix that is not a calendar date, such as `31 February 2020`.
//!
//! ## What it does
//! Reports entries whose lead opens with something shaped like a date that names no real day: a day past
//! the end of its month (`31 February 2020`, `31 April 2019`) or a range that runs backwards
//! (`22 – 20 November 2023`).
//!
//! ## Why is this bad?
//! The entry looks dated to a reader but has no usable date: it cannot be ordered, checked against the
//! page's years or matched by a diff. It is always a typo.
//!
//! ## Example
//! ```text
//! Minister of Interior of Albania
//!
//! 31 February 2020 – The Minister of Interior …
//! ```
//!
//! ## How to fix
//! Correct the day or month against the source of the entry (the original press release).

use super::{Check, Rule, Sink};
use crate::diagnostic::Severity;
use crate::record::Record;
use serde::Deserialize;

/// Parameters of `invalid-date` (none).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {}

/// `invalid-date`: the rule this file documents and checks.
pub struct InvalidDate;

impl Rule for InvalidDate {
    const CODE: &'static str = "PR012";
    const NAME: &'static str = "invalid-date";
    const DEFAULT_SEVERITY: Severity = Severity::Error;
    const DEFAULT_ENABLED: bool = true;
    const SOURCE: &'static str = include_str!("invalid_date.rs");
    type Params = Params;
    const CHECK: Check<Params> = Check::Each(check);
}

/// Reports date prefixes that are not calendar dates.
pub fn check(r: &Record<'_>, _params: &Params, sink: &mut Sink<'_>) {
    if r.date.is_some() {
        return;
    }
    let Some(text) = r.lead.and_then(|l| l.date_text) else {
        return;
    };
    let d = sink.report(
        Some(r),
        text.span(),
        format!("`{}` is not a calendar date", text.raw),
    );
    d.help =
        Some("correct the day or the month; ranges run from the earlier day to the later".into());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::run;

    #[test]
    fn impossible_days_and_backward_ranges_are_reported() {
        let text = "A visit\n\n31 February 2020 – The visit.\n\nAnother visit\n\n22 – 20 January 2020 – The visit.\n\nA good one\n\n1 January 2020 – Fine.\n";
        let found = run::<InvalidDate>(text, Params {});
        assert_eq!(
            found,
            [
                (3, "`31 February 2020` is not a calendar date".to_string()),
                (
                    7,
                    "`22 – 20 January 2020` is not a calendar date".to_string()
                )
            ]
        );
    }
}
