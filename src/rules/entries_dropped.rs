//! The new revision has markedly fewer entries than the previous one.
//!
//! ## What it does
//! Compares the number of entries of the new revision with the previous one (a drop rule, run by
//! `pagerev check`) and reports when it fell by more than `max-share` of the previous count (default
//! 0.1: a tenth).
//!
//! ## Why is this bad?
//! A page of dated entries grows. A revision with far fewer entries is almost always a partial scrape
//! (pagination, a timeout, a layout change); `entry-removed` lists each missing entry, and this rule
//! says in one line that the drop as a whole is suspect.
//!
//! ## Example
//! ```text
//! previous revision: 51 entries
//! new revision:      31 entries (39% fewer)
//! ```
//!
//! ## How to fix
//! Re-scrape the page. Raise `max-share` for pages that are expected to shrink (archives split by year).

use super::{Check, DropInput, Rule, Sink};
use crate::diagnostic::Severity;
use crate::record::Span;
use serde::Deserialize;

/// Parameters of `entries-dropped`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Params {
    /// Largest accepted fall, as a share of the previous number of entries (0 to 1).
    #[serde(default = "default_max_share", deserialize_with = "share")]
    pub max_share: f64,
}

/// A share: a number from 0 to 1 (NaN, negative and larger values are errors, not silently odd gates).
fn share<'de, D: serde::Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    let v = f64::deserialize(d)?;
    if (0.0..=1.0).contains(&v) {
        Ok(v)
    } else {
        Err(serde::de::Error::custom(format!(
            "`max-share` must be a number from 0 to 1, found {v}"
        )))
    }
}

fn default_max_share() -> f64 {
    0.1
}

impl Default for Params {
    fn default() -> Self {
        Params {
            max_share: default_max_share(),
        }
    }
}

/// `entries-dropped`: the rule this file documents and checks.
pub struct EntriesDropped;

impl Rule for EntriesDropped {
    const CODE: &'static str = "PR019";
    const NAME: &'static str = "entries-dropped";
    const DEFAULT_SEVERITY: Severity = Severity::Error;
    const DEFAULT_ENABLED: bool = true;
    const SOURCE: &'static str = include_str!("entries_dropped.rs");
    type Params = Params;
    const CHECK: Check<Params> = Check::Drop {
        per_entry: false,
        check,
    };
}

/// Reports a fall in the number of entries beyond `max-share`, at the page title (or first line).
pub fn check(input: &DropInput<'_, '_>, params: &Params, sink: &mut Sink<'_>) {
    let (before, after) = (input.old.records.len(), input.new.records.len());
    if before == 0 || after >= before {
        return;
    }
    let share = (before - after) as f64 / before as f64;
    if share <= params.max_share {
        return;
    }
    let span = input
        .new
        .title
        .map(|t| t.text.span())
        .or_else(|| input.new.records.first().map(|r| super::head_span(r)));
    let span = span.unwrap_or(Span {
        line_start: 1,
        line_end: 1,
        byte_start: 0,
        byte_end: 0,
    });
    let d = sink.report(
        None,
        span,
        format!(
            "{after} entries, {} fewer than the previous revision's {before} ({:.0}%; at most {:.0}% accepted)",
            before - after,
            share * 100.0,
            params.max_share * 100.0
        ),
    );
    d.help = Some(format!(
        "re-scrape the page: a partial scrape loses entries (if they were really removed, accept this finding with `pagerev baseline write {}`)",
        input.page_arg
    ).into());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::run_drop;

    fn page(n: usize) -> String {
        let mut s = String::from("Visits 2019\n\n");
        for i in 0..n {
            s.push_str(&format!(
                "Visit {i}\n\n{} May 2019 - Entry {i} text.\n\n",
                28 - i
            ));
        }
        s
    }

    #[test]
    fn a_fall_beyond_the_share_is_reported() {
        let found = run_drop::<EntriesDropped>(&page(10), &page(8), Params::default());
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].1.starts_with("8 entries, 2 fewer"),
            "{}",
            found[0].1
        );
        assert!(run_drop::<EntriesDropped>(&page(10), &page(9), Params::default()).is_empty());
        assert!(
            run_drop::<EntriesDropped>(&page(10), &page(8), Params { max_share: 0.25 }).is_empty()
        );
    }
}
