//! The page's latest member count is lower than in the previous revision.
//!
//! ## What it does
//! Compares the new revision with the one before it (a drop rule, run by `pagerev check`): in each, it
//! takes the member count ("N member countries", "N pays membres", "N países miembros") of the most
//! recent dated entry that mentions one, and reports when the new revision's is lower.
//!
//! ## Why is this bad?
//! Membership of an organisation like INTERPOL grows by decisions of its General Assembly and has never
//! shrunk; a lower latest count means the newest entries were lost, an old page was scraped, or a
//! number was mistyped. `inconsistent-member-count` checks counts within one revision; this rule catches
//! a drop between revisions that is consistent within each.
//!
//! ## Example
//! ```text
//! previous revision:  … support to its 195 member countries.   (10 December 2021)
//! new revision:       … support to its 194 member countries.   (latest mention: 15 November 2021)
//! ```
//!
//! ## How to fix
//! Check that the new revision still has the newest entries, and that the count was not mistyped.

use super::{date_label, Check, DropInput, Rule, Sink};
use crate::diagnostic::Severity;
use crate::record::{MemberCount, Page, Record};
use serde::Deserialize;

/// Parameters of `member-count-decreased` (none).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {}

/// The most recent dated mention of a member count: latest date first, then highest on the page.
fn latest<'p, 'a>(page: &'p Page<'a>) -> Option<(&'p Record<'a>, &'p MemberCount<'a>)> {
    page.records
        .iter()
        .filter_map(|r| Some((r, r.date?, r.member_counts.first()?)))
        .max_by(|a, b| a.1.start.cmp(&b.1.start).then(b.0.index.cmp(&a.0.index)))
        .map(|(r, _, m)| (r, m))
}

/// `member-count-decreased`: the rule this file documents and checks.
pub struct MemberCountDecreased;

impl Rule for MemberCountDecreased {
    const CODE: &'static str = "PR018";
    const NAME: &'static str = "member-count-decreased";
    const DEFAULT_SEVERITY: Severity = Severity::Error;
    const DEFAULT_ENABLED: bool = true;
    const SOURCE: &'static str = include_str!("member_count_decreased.rs");
    type Params = Params;
    const CHECK: Check<Params> = Check::Drop {
        per_entry: true,
        check,
    };
}

/// Reports a lower latest count, at the new revision's mention.
pub fn check(input: &DropInput<'_, '_>, _params: &Params, sink: &mut Sink<'_>) {
    let (Some((old_r, old_m)), Some((new_r, new_m))) = (latest(input.old), latest(input.new))
    else {
        return;
    };
    if new_m.count >= old_m.count {
        return;
    }
    let related = sink.related_at(
        input.old_source,
        Some(old_r),
        old_m.phrase.span(),
        format!(
            "{} in the previous revision ({})",
            old_m.count,
            date_label(old_r)
        ),
    );
    let d = sink.report(
        Some(new_r),
        new_m.phrase.span(),
        format!(
            "latest member count is {} ({}), down from {} in the previous revision",
            new_m.count,
            date_label(new_r),
            old_m.count
        ),
    );
    d.related = Some(Box::new(related));
    d.help = Some(
        "check that the newest entries are still on the page and the count is not mistyped".into(),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::run_drop;

    const OLD: &str = "Visits 2021\n\nB visit\n\n10 December 2021 - It supports its 195 member countries.\n\nA visit\n\n15 November 2021 - It supports its 194 member countries.\n";

    #[test]
    fn losing_the_newest_count_is_reported() {
        let new =
            "Visits 2021\n\nA visit\n\n15 November 2021 - It supports its 194 member countries.\n";
        let found = run_drop::<MemberCountDecreased>(OLD, new, Params {});
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].1.contains("is 194"), "{}", found[0].1);
    }

    #[test]
    fn same_or_higher_counts_pass() {
        assert!(run_drop::<MemberCountDecreased>(OLD, OLD, Params {}).is_empty());
    }
}
