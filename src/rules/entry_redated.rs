//! An existing entry's date changed between revisions.
//!
//! ## What it does
//! Compares the new revision with the one before it (a drop rule, run by `pagerev check`) and reports
//! every entry the record diff matched by its content whose date is not the date it had before.
//!
//! ## Why is this bad?
//! A visit happened on one day; its date does not change. A different date in a new scrape is either a
//! correction (which a reviewer should confirm) or a scrape or template error (which would move the
//! entry in every date-based view of the corpus). Either way it deserves a look before the drop lands.
//!
//! ## Example
//! ```text
//! previous revision:  December 2023 – The Secretary General welcomed Mike Duheme …
//! new revision:       4 December 2023 – The Secretary General welcomed Mike Duheme …
//! ```
//!
//! ## How to fix
//! Restore the previous date; or, if the new date is right, accept this finding with
//! `pagerev baseline write PAGE` (the new record itself awaits review: `pagerev review PAGE`).

use super::{date_label, describe, Check, DropInput, Rule, Sink};
use crate::diagnostic::Severity;
use crate::diff::ChangeKind;
use serde::Deserialize;

/// Parameters of `entry-redated` (none).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {}

/// `entry-redated`: the rule this file documents and checks.
pub struct EntryRedated;

impl Rule for EntryRedated {
    const CODE: &'static str = "PR016";
    const NAME: &'static str = "entry-redated";
    const DEFAULT_SEVERITY: Severity = Severity::Warning;
    const DEFAULT_ENABLED: bool = true;
    const SOURCE: &'static str = include_str!("entry_redated.rs");
    type Params = Params;
    const CHECK: Check<Params> = Check::Drop {
        per_entry: true,
        check,
    };
}

/// Reports matched records whose date changed, at the new date.
pub fn check(input: &DropInput<'_, '_>, _params: &Params, sink: &mut Sink<'_>) {
    for change in &input.diff.changes {
        if !change.kinds().any(|k| k == ChangeKind::Redated) {
            continue;
        }
        let (Some(old), Some(new)) = (input.old_record(change), input.new_record(change)) else {
            continue;
        };
        let related = sink.related_at(
            input.old_source,
            Some(old),
            super::date_span(old),
            format!("dated {} in the previous revision", date_label(old)),
        );
        let d = sink.report(
            Some(new),
            super::date_span(new),
            format!(
                "{} was dated {} in the previous revision",
                describe(new),
                date_label(old)
            ),
        );
        d.related = Some(Box::new(related));
        d.help = Some(format!(
            "restore the previous date, or if the new one is right, accept this finding with `pagerev baseline write {}`",
            input.page_arg
        ).into());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::run_drop;

    #[test]
    fn a_changed_date_is_reported_at_the_new_date() {
        let old = "Visits 2019\n\nA visit\n\n3 May 2019 - Alpha came to Lyon to discuss cybercrime.\n\nB visit\n\n2 May 2019 - Beta came.\n";
        let new = "Visits 2019\n\nA visit\n\n4 May 2019 - Alpha came to Lyon to discuss cybercrime.\n\nB visit\n\n2 May 2019 - Beta came.\n";
        let found = run_drop::<EntryRedated>(old, new, Params {});
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, 5);
        assert!(
            found[0].1.contains("was dated 3 May 2019"),
            "{}",
            found[0].1
        );
    }
}
