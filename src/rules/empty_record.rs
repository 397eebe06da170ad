//! An entry with no text: a title or captions but no lead paragraph and no body.
//!
//! ## What it does
//! Reports entries that have neither lead text nor body paragraphs — only a title, captions, or a bare
//! date prefix.
//!
//! ## Why is this bad?
//! An entry without text tells the reader nothing about the visit. It is usually the remains of a scrape
//! that lost the entry's paragraphs, or a heading left behind when an entry was deleted.
//!
//! ## Example
//! ```text
//! Kazakhstan Minister of Justice
//!
//! 9 October 2018 –
//! ```
//!
//! ## How to fix
//! Restore the entry's paragraphs from the source, or delete the leftover lines.

use super::{describe, Check, Rule, Sink};
use crate::diagnostic::Severity;
use crate::record::Record;
use serde::Deserialize;

/// Parameters of `empty-record` (none).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {}

/// `empty-record`: the rule this file documents and checks.
pub struct EmptyRecord;

impl Rule for EmptyRecord {
    const CODE: &'static str = "PR013";
    const NAME: &'static str = "empty-record";
    const DEFAULT_SEVERITY: Severity = Severity::Warning;
    const DEFAULT_ENABLED: bool = true;
    const SOURCE: &'static str = include_str!("empty_record.rs");
    type Params = Params;
    const CHECK: Check<Params> = Check::Each(check);
}

/// Reports entries without any text.
pub fn check(r: &Record<'_>, _params: &Params, sink: &mut Sink<'_>) {
    let has_lead = r
        .lead
        .is_some_and(|l| l.text.raw.chars().any(char::is_alphanumeric));
    if has_lead || !r.paragraphs.is_empty() {
        return;
    }
    let d = sink.report(
        Some(r),
        super::head_span(r),
        format!("{} has no text", describe(r)),
    );
    d.help = Some("restore the entry's paragraphs, or delete the leftover lines".into());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::run;

    #[test]
    fn an_entry_with_a_bare_date_is_empty() {
        let text = "A visit\n\n9 October 2018 –\n\nAnother visit\n\n8 October 2018 – Some text.\n";
        let found = run::<EmptyRecord>(text, Params {});
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, 1);
    }
}
