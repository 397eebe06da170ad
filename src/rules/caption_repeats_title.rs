//! A caption that repeats its own entry's title.
//!
//! ## What it does
//! Reports captions whose canonical form equals the title of the entry they belong to.
//!
//! ## Why is this bad?
//! Often it is not: many pages use the title as the photo's alt text on purpose (the official-visits page
//! does so for a dozen entries), which is why this rule is off by default and only informational. Turn it
//! on when cleaning a corpus for publication or text analysis, where the repeated text inflates word
//! counts and diffs.
//!
//! ## Example
//! ```text
//! Iceland Police Commissioner
//!
//! Iceland Police Commissioner
//!
//! 28 September 2018 – …
//! ```
//!
//! ## How to fix
//! Replace the caption with a description of the photo, or delete it.

use super::{describe, Check, Rule, Sink};
use crate::diagnostic::Severity;
use crate::record::Record;
use serde::Deserialize;

/// Parameters of `caption-repeats-title` (none).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {}

/// `caption-repeats-title`: the rule this file documents and checks.
pub struct CaptionRepeatsTitle;

impl Rule for CaptionRepeatsTitle {
    const CODE: &'static str = "PR006";
    const NAME: &'static str = "caption-repeats-title";
    const DEFAULT_SEVERITY: Severity = Severity::Info;
    const DEFAULT_ENABLED: bool = false;
    const SOURCE: &'static str = include_str!("caption_repeats_title.rs");
    type Params = Params;
    const CHECK: Check<Params> = Check::Each(check);
}

/// Reports captions equal to their entry's title.
pub fn check(r: &Record<'_>, _params: &Params, sink: &mut Sink<'_>) {
    let (Some(title), Some(t)) = (r.title, r.title_hash()) else {
        return;
    };
    for (c, &hash) in r.captions.iter().zip(r.caption_hashes()) {
        if hash == t {
            let related = sink.related(Some(r), title.span(), "the title".into());
            let d = sink.report(
                Some(r),
                c.text.span(),
                format!("caption repeats the title of {}", describe(r)),
            );
            d.related = Some(Box::new(related));
            d.help = Some("describe the photo instead, or delete the caption".into());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::run;

    #[test]
    fn a_caption_equal_to_the_title_is_reported() {
        let text = "Iceland Police Commissioner\n\nIceland Police Commissioner\n\n28 September 2018 – The visit.\n\nQatar Police Chief\n\nAt the headquarters\n\n8 October 2018 – The visit.\n";
        let found = run::<CaptionRepeatsTitle>(text, Params {});
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, 3);
    }
}
