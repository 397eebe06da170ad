//! A date outside the year range named by the page title.
//!
//! ## What it does
//! When the page title names years (`Official visits 2018 to 2023`), reports entries dated before the
//! first or after the last of them.
//!
//! ## Why is this bad?
//! The title promises what the page covers. An entry outside the range is either a mistyped year
//! (`2013` for `2023`) or a page whose title was not updated when a new year began.
//!
//! ## Example
//! ```text
//! Official visits 2018 to 2023
//! …
//! 16 January 2024 – …
//! ```
//!
//! ## How to fix
//! Correct the year of the entry, or update the page title to cover it.

use super::{date_label, Check, Entry, PageEnd, Rule, Sink};
use crate::diagnostic::Severity;
use chrono::Datelike;
use serde::Deserialize;

/// Parameters of `date-outside-title-range` (none).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {}

/// `date-outside-title-range`: the rule this file documents and checks.
pub struct DateOutsideTitleRange;

impl Rule for DateOutsideTitleRange {
    const CODE: &'static str = "PR010";
    const NAME: &'static str = "date-outside-title-range";
    const DEFAULT_SEVERITY: Severity = Severity::Error;
    const DEFAULT_ENABLED: bool = true;
    const SOURCE: &'static str = include_str!("date_outside_title_range.rs");
    type Params = Params;
    const CHECK: Check<Params> = Check::End(check);
}

/// Reports dates outside the title's years.
pub fn check(end: &PageEnd<'_, '_>, _params: &Params, sink: &mut Sink<'_>) {
    let Some(title) = end.title else { return };
    let Some((from, to)) = title.years else {
        return;
    };
    for r in end.entries {
        let Some(date) = r.date() else { continue };
        if date.start.year() >= from && date.last_day().year() <= to {
            continue;
        }
        let range = if from == to {
            from.to_string()
        } else {
            format!("{from} to {to}")
        };
        let related = sink.related(
            None,
            title.text.span(),
            format!("the page title covers {range}"),
        );
        let d = sink.report(
            Some(r),
            r.date_span(),
            format!(
                "entry dated {} falls outside the years of the page title ({range})",
                date_label(r)
            ),
        );
        d.related = Some(Box::new(related));
        d.help = Some("correct the entry's year, or update the page title".into());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::run;

    #[test]
    fn dates_outside_the_title_years_are_reported() {
        let text = "Official visits 2018 to 2023\n\nA visit\n\n16 January 2024 – The visit.\n\nAnother\n\n1 January 2018 – Fine.\n\nOld\n\n31 December 2017 – Too old.\n";
        let found = run::<DateOutsideTitleRange>(text, Params {});
        let lines: Vec<u32> = found.iter().map(|f| f.0).collect();
        assert_eq!(lines, [5, 13], "{found:?}");
    }
}
