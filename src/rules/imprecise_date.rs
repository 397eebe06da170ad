//! A date given to the month or year only, such as `December 2023 –`.
//!
//! ## What it does
//! Reports entries whose date names a month (`December 2023`) or a year (`2019`) but no day.
//!
//! ## Why is this bad?
//! Every other entry of such pages gives the day of the visit. A month-only date cannot be ordered
//! against entries of the same month, makes the record id less stable (it changes when the day is added
//! later), and usually means the day was lost or not yet known when the page was published.
//!
//! ## Example
//! ```text
//! Commissioner of the RCMP, Canada
//!
//! December 2023 – The Commissioner of the Royal Canadian Mounted Police …
//! ```
//!
//! ## How to fix
//! Add the day of the visit (`4 December 2023 –`). If the page really has no day for it, lower this rule
//! to `info` in your configuration or ignore it with `--ignore imprecise-date`.

use super::{Check, Rule, Sink};
use crate::diagnostic::Severity;
use crate::record::{Precision, Record};
use serde::Deserialize;

/// Parameters of `imprecise-date` (none).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {}

/// `imprecise-date`: the rule this file documents and checks.
pub struct ImpreciseDate;

impl Rule for ImpreciseDate {
    const CODE: &'static str = "PR003";
    const NAME: &'static str = "imprecise-date";
    const DEFAULT_SEVERITY: Severity = Severity::Warning;
    const DEFAULT_ENABLED: bool = true;
    const SOURCE: &'static str = include_str!("imprecise_date.rs");
    type Params = Params;
    const CHECK: Check<Params> = Check::Each(check);
}

/// Reports month- and year-precision dates.
pub fn check(r: &Record<'_>, _params: &Params, sink: &mut Sink<'_>) {
    let Some(date) = r.date else { return };
    let what = match date.precision {
        Precision::Day => return,
        Precision::Month => "month",
        Precision::Year => "year",
    };
    let d = sink.report(
        Some(r),
        super::date_span(r),
        format!(
            "date `{}` gives only the {what}, not the day",
            super::date_label(r)
        ),
    );
    d.help = Some("add the day of the visit".into());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::run;

    #[test]
    fn month_and_year_dates_are_reported_day_dates_are_not() {
        let text = "A visit\n\nDecember 2023 – The visit.\n\nAnother visit\n\n2019 – A year.\n\nA good one\n\n1 January 2019 – Fine.\n";
        let found = run::<ImpreciseDate>(text, Params {});
        assert_eq!(
            found,
            [
                (
                    3,
                    "date `December 2023` gives only the month, not the day".to_string()
                ),
                (
                    7,
                    "date `2019` gives only the year, not the day".to_string()
                )
            ]
        );
    }
}
