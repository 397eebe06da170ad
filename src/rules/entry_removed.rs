//! An entry of the previous revision is missing from the new one.
//!
//! ## What it does
//! Compares the new revision with the one before it (a drop rule: it runs in `pagerev check`, which has
//! both) and reports every entry of the previous revision that the record diff cannot find in the new
//! one, not even retitled or redated. The finding points at the place in the new revision where the
//! entry used to stand, and names the entry's line in the previous revision.
//!
//! ## Why is this bad?
//! Pages of dated entries only grow: visits that happened stay on the page. An entry that vanishes
//! between two scrapes is far more often a scrape that lost part of the page (a failed "load more", a
//! template change) than a real deletion, and a corpus that silently loses records loses history.
//!
//! ## Example
//! ```text
//! previous revision:  … 1 April 2022 – The Executive Director of Frontex …
//! new revision:       (no entry dated 1 April 2022 with that title or text)
//! ```
//!
//! ## How to fix
//! Re-scrape the page, or restore the entry. If the organisation really removed it, accept this finding
//! with `pagerev baseline write PAGE` (a drop rule compares the newest revision with the one before it:
//! `pagerev accept` does not clear it), and the removal itself with `pagerev review PAGE`.

use super::{describe, Check, DropInput, Rule, Sink};
use crate::diagnostic::Severity;
use crate::diff::ChangeKind;
use serde::Deserialize;

/// Parameters of `entry-removed` (none).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {}

/// `entry-removed`: the rule this file documents and checks.
pub struct EntryRemoved;

impl Rule for EntryRemoved {
    const CODE: &'static str = "PR015";
    const NAME: &'static str = "entry-removed";
    const DEFAULT_SEVERITY: Severity = Severity::Error;
    const DEFAULT_ENABLED: bool = true;
    const SOURCE: &'static str = include_str!("entry_removed.rs");
    type Params = Params;
    const CHECK: Check<Params> = Check::Drop {
        per_entry: true,
        check,
    };
}

/// Reports each removed record at the place it used to stand in the new revision.
pub fn check(input: &DropInput<'_, '_>, _params: &Params, sink: &mut Sink<'_>) {
    for change in &input.diff.changes {
        if change.kind != ChangeKind::Removed {
            continue;
        }
        let Some(old) = change
            .old
            .as_ref()
            .and_then(|r| input.old.records.get(r.index))
        else {
            continue;
        };
        let (at_record, span) = input.place_of_old(old.index);
        let related = sink.related_at(
            input.old_source,
            Some(old),
            super::head_span(old),
            "the entry in the previous revision".into(),
        );
        let d = sink.report(
            at_record.map(|r| r as &dyn super::Entry),
            span,
            format!(
                "{} of the previous revision is missing from this one",
                describe(old)
            ),
        );
        d.record_id = Some(old.id.as_str().into());
        d.record_index = None;
        d.related = Some(Box::new(related));
        d.help = Some(format!(
            "re-scrape the page or restore the entry; if it was really removed, accept this finding with `pagerev baseline write {}`",
            input.page_arg
        ).into());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::run_drop;

    #[test]
    fn a_dropped_entry_is_reported_where_it_stood() {
        let old = "Visits 2019\n\nA visit\n\n3 May 2019 - Alpha came.\n\nB visit\n\n2 May 2019 - Beta came.\n\nC visit\n\n1 May 2019 - Gamma came.\n";
        let new = "Visits 2019\n\nA visit\n\n3 May 2019 - Alpha came.\n\nC visit\n\n1 May 2019 - Gamma came.\n";
        let found = run_drop::<EntryRemoved>(old, new, Params {});
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, 7, "at the entry that now follows it");
        assert!(found[0].1.contains("`B visit`"), "{}", found[0].1);
        assert!(run_drop::<EntryRemoved>(old, old, Params {}).is_empty());
    }
}
