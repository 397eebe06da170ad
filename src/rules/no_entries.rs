//! The revision holds no dated entry at all.
//!
//! ## What it does
//! Reports, once, a revision in which pagerev finds no entry with a date: an empty page, a page of
//! preamble only, or entries none of which is dated. When it fires the other page rules are not run
//! (each would only repeat it, once per entry), and a drop from a revision with entries to one without
//! is reported as one event (`entries-dropped`), not as every entry removed.
//!
//! ## Why is this bad?
//! A page of dated entries without dates is almost never the page: it is what a failed scrape saves
//! (`Access denied`, `Please enable JavaScript`, a cookie wall, a maintenance notice), or a page in a
//! language or layout pagerev does not read. Either way, nothing else said about it can be trusted.
//!
//! ## Example
//! ```text
//! Access denied
//!
//! Please enable JavaScript and cookies to continue.
//! ```
//!
//! ## How to fix
//! Scrape the page again. If it does hold dated entries, `pagerev parse --explain FILE` shows how pagerev
//! read it; `--lang` or a `page.yaml` profile tells it how the dates are written.

use super::{Brief, Check, Entry, PageEnd, Rule, Sink};
use crate::diagnostic::Severity;
use crate::record::{Page, Span};
use serde::Deserialize;

/// Parameters of `no-entries` (none).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {}

/// True when some entry of `page` has a date: the rules have something to say about it.
pub fn has_dated_entries(page: &Page<'_>) -> bool {
    page.records.iter().any(|r| r.date.is_some())
}

/// [`has_dated_entries`] of a page whose records have streamed past, from their briefs.
pub fn any_dated(entries: &[Brief<'_>]) -> bool {
    entries.iter().any(|e| e.date().is_some())
}

/// `no-entries`: the rule this file documents and checks.
pub struct NoEntries;

impl Rule for NoEntries {
    const CODE: &'static str = "PR021";
    const NAME: &'static str = "no-entries";
    const DEFAULT_SEVERITY: Severity = Severity::Error;
    const DEFAULT_ENABLED: bool = true;
    const SOURCE: &'static str = include_str!("no_entries.rs");
    type Params = Params;
    const CHECK: Check<Params> = Check::End(check);
}

/// Reports a page without a dated entry, at its title (or first line).
pub fn check(end: &PageEnd<'_, '_>, _params: &Params, sink: &mut Sink<'_>) {
    if any_dated(end.entries) {
        return;
    }
    let span = end
        .title
        .map(|t| t.text.span())
        .or_else(|| end.preamble.first().map(|t| t.span()))
        .or_else(|| end.entries.first().map(Entry::head_span))
        .unwrap_or(Span {
            line_start: 1,
            line_end: 1,
            byte_start: 0,
            byte_end: 0,
        });
    let what = match end.entries.len() {
        0 => "no entries".to_string(),
        1 => "1 entry, undated".to_string(),
        n => format!("{n} entries, none dated"),
    };
    let d = sink.report(
        None,
        span,
        format!("no dated entries ({what}): this looks like a failed scrape, not the page"),
    );
    d.help = Some(
        "scrape the page again; if it does hold dated entries, `pagerev parse --explain FILE` shows how it was read".into(),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::run;

    #[test]
    fn an_error_page_is_one_finding() {
        let found = run::<NoEntries>(
            "Access denied\n\nPlease enable JavaScript and cookies to continue.\n",
            Params {},
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, 1);
        assert!(found[0].1.contains("no entries"), "{found:?}");
    }

    #[test]
    fn one_dated_entry_is_enough() {
        let found = run::<NoEntries>(
            "Visits\n\nA visit\n\n3 May 2019 - Alpha came to Lyon.\n",
            Params {},
        );
        assert!(found.is_empty(), "{found:?}");
    }
}
