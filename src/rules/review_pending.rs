//! The newest records differ from the page's reviewed snapshot.
//!
//! ## What it does
//! Compares the newest revision's records with the reviewed state of the page
//! (`snapshots/<page>.records.yaml`, written by `pagerev accept` and `pagerev review`) and reports, once
//! per page, that records await review, with how many of each kind of change (run by `pagerev check`
//! only, when the page has a reviewed snapshot; the record diff follows the finding in the text report).
//!
//! ## Why is this bad?
//! Every record change a drop brings is meant to be seen by a reviewer before it becomes the page's
//! accepted state. Until then, the gate has no word that the new records are right. The finding is a
//! finding like any other so that every report — annotations, SARIF, JUnit, JSON lines — carries the
//! reason a check failed.
//!
//! ## Example
//! ```text
//! error[PR022]: 8 records differ from the reviewed snapshot (1 removed, 1 retitled, 1 redated, …)
//! ```
//!
//! ## How to fix
//! Review the records with `pagerev review PAGE` (accept, reject or skip each), or accept them all with
//! `pagerev accept PAGE`, and commit `snapshots/`. Set its severity to `warning` to see pending reviews
//! without failing on them.

use super::{Check, Rule, Sink};
use crate::diagnostic::Severity;
use crate::diff::PageDiff;
use crate::record::{Page, Span};
use serde::Deserialize;

/// Parameters of `review-pending` (none).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {}

/// What `review-pending` sees: the newest records and their diff from the reviewed snapshot.
pub struct ReviewInput<'x, 'a> {
    /// The newest revision, parsed.
    pub new: &'x Page<'a>,
    /// Reviewed snapshot → newest revision.
    pub diff: &'x PageDiff,
    /// How the user names the page in a command (`corpus/official-visits`).
    pub page_arg: &'x str,
}

/// `review-pending`: the rule this file documents and checks.
pub struct ReviewPending;

impl Rule for ReviewPending {
    const CODE: &'static str = "PR022";
    const NAME: &'static str = "review-pending";
    const DEFAULT_SEVERITY: Severity = Severity::Error;
    const DEFAULT_ENABLED: bool = true;
    const SOURCE: &'static str = include_str!("review_pending.rs");
    type Params = Params;
    const CHECK: Check<Params> = Check::Review(check);
}

/// Reports records awaiting review, at the first of them still on the page.
pub fn check(input: &ReviewInput<'_, '_>, _params: &Params, sink: &mut Sink<'_>) {
    let pending: Vec<_> = input
        .diff
        .changes
        .iter()
        .filter(|c| c.kind.is_substantive())
        .collect();
    if pending.is_empty() {
        return;
    }
    let first = pending
        .iter()
        .find_map(|c| c.new.as_ref())
        .and_then(|r| input.new.records.get(r.index));
    let span = first
        .map(super::head_span)
        .or_else(|| input.new.title.map(|t| t.text.span()))
        .unwrap_or(Span {
            line_start: 1,
            line_end: 1,
            byte_start: 0,
            byte_end: 0,
        });
    let n = pending.len();
    let d = sink.report(
        None,
        span,
        format!(
            "{n} record{} differ{} from the reviewed snapshot ({})",
            if n == 1 { "" } else { "s" },
            if n == 1 { "s" } else { "" },
            crate::report::diff_text::substantive_counts(input.diff)
        ),
    );
    d.help = Some(format!(
        "review them with `pagerev review {0}` or accept them all with `pagerev accept {0}`, then commit snapshots/",
        input.page_arg
    ).into());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::config::RuleSet;
    use crate::rules::{check_review, CheckContext};
    use crate::source::SourceFile;

    fn findings(old: &str, new: &str) -> Vec<crate::diagnostic::Diagnostic> {
        let old_src = SourceFile::from_text("old.txt", old).unwrap();
        let new_src = SourceFile::from_text("new.txt", new).unwrap();
        let (o, n) = (
            crate::parse::parse(&old_src, None),
            crate::parse::parse(&new_src, None),
        );
        let diff = crate::diff::diff_pages(&o, &n, &Default::default());
        let mut rules = RuleSet::defaults();
        rules.only::<ReviewPending>(Params {});
        let input = ReviewInput {
            new: &n,
            diff: &diff,
            page_arg: "corpus/page",
        };
        check_review(&rules, &new_src, &input, &CheckContext::default())
    }

    const PAGE: &str = "Visits\n\nA visit\n\n3 May 2019 - Alpha came to Lyon.\n\nB visit\n\n2 May 2019 - Beta came to Lyon.\n";

    #[test]
    fn records_awaiting_review_are_one_finding_at_the_first_of_them() {
        let new = PAGE
            .replace("Beta came", "Beta went")
            .replace("A visit", "Alpha visit");
        let found = findings(PAGE, &new);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].location.start.line, 3);
        assert!(
            found[0].message.starts_with("2 records differ"),
            "{}",
            found[0].message
        );
        assert!(found[0]
            .help
            .as_deref()
            .unwrap()
            .contains("pagerev review corpus/page"));
    }

    #[test]
    fn cosmetic_changes_await_nothing() {
        let new = PAGE.replace("3 May 2019 - ", "3 May 2019 – ");
        assert!(findings(PAGE, &new).is_empty());
    }
}
