//! An existing entry's title changed between revisions.
//!
//! ## What it does
//! Compares the new revision with the one before it (a drop rule, run by `pagerev check`) and reports
//! every entry the record diff matched by its content whose canonical title differs from the one it had.
//! Cosmetic differences (spaces, dash and quote style) do not count.
//!
//! ## Why is this bad?
//! The title is part of a record's identity (its id is built from date and title): a retitled entry gets
//! a new id, so anything keyed on ids — baselines, reviews, links — loses track of it. Titles rarely
//! change on the real page; a change is often a scrape picking up the wrong line (a caption) as title.
//!
//! ## Example
//! ```text
//! previous revision:  Minister of Interior of Albania
//! new revision:       Albanian Minister of Interior
//! ```
//!
//! ## How to fix
//! Restore the previous title; or, if the new title is right, accept this finding with
//! `pagerev baseline write PAGE` (the new record itself awaits review: `pagerev review PAGE`).

use super::{describe, Check, DropInput, Rule, Sink};
use crate::diagnostic::Severity;
use crate::diff::ChangeKind;
use serde::Deserialize;

/// Parameters of `entry-retitled` (none).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {}

/// `entry-retitled`: the rule this file documents and checks.
pub struct EntryRetitled;

impl Rule for EntryRetitled {
    const CODE: &'static str = "PR017";
    const NAME: &'static str = "entry-retitled";
    const DEFAULT_SEVERITY: Severity = Severity::Warning;
    const DEFAULT_ENABLED: bool = true;
    const SOURCE: &'static str = include_str!("entry_retitled.rs");
    type Params = Params;
    const CHECK: Check<Params> = Check::Drop {
        per_entry: true,
        check,
    };
}

/// Reports matched records whose title changed, at the new title.
pub fn check(input: &DropInput<'_, '_>, _params: &Params, sink: &mut Sink<'_>) {
    for change in &input.diff.changes {
        if !change.kinds().any(|k| k == ChangeKind::Retitled) {
            continue;
        }
        let (Some(old), Some(new)) = (input.old_record(change), input.new_record(change)) else {
            continue;
        };
        let related = sink.related_at(
            input.old_source,
            Some(old),
            super::head_span(old),
            format!("titled `{}` in the previous revision", old.display_title()),
        );
        let d = sink.report(
            Some(new),
            super::head_span(new),
            format!(
                "{} was titled `{}` in the previous revision",
                describe(new),
                super::shorten(old.display_title(), 60)
            ),
        );
        d.related = Some(Box::new(related));
        d.help = Some(format!(
            "restore the previous title, or if the new one is right, accept this finding with `pagerev baseline write {}`",
            input.page_arg
        ).into());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::run_drop;

    #[test]
    fn a_changed_title_is_reported() {
        let old = "Visits 2019\n\nMinister of Interior of Albania\n\n3 May 2019 - The minister of Albania came to Lyon to discuss cybercrime.\n";
        let new = "Visits 2019\n\nAlbanian Minister of Interior\n\n3 May 2019 - The minister of Albania came to Lyon to discuss cybercrime.\n";
        let found = run_drop::<EntryRetitled>(old, new, Params {});
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0]
                .1
                .contains("was titled `Minister of Interior of Albania`"),
            "{}",
            found[0].1
        );
        let cosmetic = old.replace("Interior of", "Interior\u{a0}of");
        assert!(run_drop::<EntryRetitled>(old, &cosmetic, Params {}).is_empty());
    }
}
