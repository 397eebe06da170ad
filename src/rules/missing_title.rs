//! An entry without a title line.
//!
//! ## What it does
//! Reports entries that have no title: no short heading line stands between the previous entry and this
//! entry's captions or lead paragraph.
//!
//! ## Why is this bad?
//! Every entry of the page is introduced by a title naming the visitor; readers scan the titles, and the
//! record id (used to match entries across revisions) is built from the title. An untitled entry gets a
//! `…-untitled` id that changes as soon as a title is added.
//!
//! ## Example
//! ```text
//! … the last paragraph of the entry above.
//!
//! 9 May 2022 – The Minister of Interior of …
//! ```
//!
//! ## How to fix
//! Add the title (who visited) on its own line above the entry's lead paragraph.

use super::{date_label, Check, Rule, Sink};
use crate::diagnostic::Severity;
use crate::record::Record;
use serde::Deserialize;

/// Parameters of `missing-title` (none).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {}

/// `missing-title`: the rule this file documents and checks.
pub struct MissingTitle;

impl Rule for MissingTitle {
    const CODE: &'static str = "PR009";
    const NAME: &'static str = "missing-title";
    const DEFAULT_SEVERITY: Severity = Severity::Error;
    const DEFAULT_ENABLED: bool = true;
    const SOURCE: &'static str = include_str!("missing_title.rs");
    type Params = Params;
    const CHECK: Check<Params> = Check::Each(check);
}

/// Reports untitled entries, at their date (where the entry starts).
pub fn check(r: &Record<'_>, _params: &Params, sink: &mut Sink<'_>) {
    if r.title.is_some() {
        return;
    }
    let d = sink.report(
        Some(r),
        super::date_span(r),
        format!("entry dated {} has no title", date_label(r)),
    );
    d.help = Some("add a title line (who visited) above the entry".into());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::run;

    #[test]
    fn an_untitled_entry_is_reported() {
        let text = "Official visits 2018 to 2023\n\nFirst visit\n\n3 June 2019 – The first visit.\n\nThe visit went well.\n\n1 June 2019 – An untitled visit.\n";
        let found = run::<MissingTitle>(text, Params {});
        assert_eq!(
            found,
            [(9, "entry dated 1 June 2019 has no title".to_string())]
        );
    }
}
