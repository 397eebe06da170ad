//! A date later than today.
//!
//! ## What it does
//! Reports entries dated after the day pagerev runs (the first day of the date, for ranges and
//! month-only dates).
//!
//! ## Why is this bad?
//! The page lists visits that took place. A date in the future is almost always a mistyped year or month
//! (`2032` for `2023`), which also puts the entry out of order at the top of the page.
//!
//! ## Example
//! ```text
//! Minister of Interior of Albania
//!
//! 13 November 2032 – …
//! ```
//!
//! ## How to fix
//! Correct the date. If the page announces upcoming visits on purpose, disable this rule.

use super::{date_label, Check, Rule, Sink};
use crate::diagnostic::Severity;
use crate::record::Record;
use serde::Deserialize;

/// Parameters of `future-date` (none).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {}

/// `future-date`: the rule this file documents and checks.
pub struct FutureDate;

impl Rule for FutureDate {
    const CODE: &'static str = "PR014";
    const NAME: &'static str = "future-date";
    const DEFAULT_SEVERITY: Severity = Severity::Warning;
    const DEFAULT_ENABLED: bool = true;
    const SOURCE: &'static str = include_str!("future_date.rs");
    type Params = Params;
    const CHECK: Check<Params> = Check::Each(check);
}

/// Reports dates after today (skipped when the run does not know today's date).
pub fn check(r: &Record<'_>, _params: &Params, sink: &mut Sink<'_>) {
    let Some(today) = sink.ctx().today else {
        return;
    };
    let Some(date) = r.date else { return };
    if date.start <= today {
        return;
    }
    let d = sink.report(
        Some(r),
        super::date_span(r),
        format!("entry is dated {}, after today ({today})", date_label(r)),
    );
    d.help = Some("correct the date; the page lists visits that took place".into());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::run_with;
    use crate::rules::CheckContext;

    #[test]
    fn dates_after_today_are_reported() {
        let text = "A visit\n\n13 November 2032 – The visit.\n\nAnother visit\n\n13 November 2023 – Fine.\n";
        let ctx = CheckContext {
            today: chrono::NaiveDate::from_ymd_opt(2024, 1, 1),
        };
        let found = run_with::<FutureDate>(text, Params {}, ctx);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, 3);
    }
}
