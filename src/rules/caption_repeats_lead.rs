//! A caption that repeats its own entry's lead paragraph (or its first sentence).
//!
//! ## What it does
//! Reports captions whose canonical form equals the lead paragraph of their entry (without its date and
//! dateline), or the lead's first sentence.
//!
//! ## Why is this bad?
//! Often it is not: pages use the lead sentence as the photo caption on purpose, which is why this rule is
//! off by default and only informational. Turn it on when preparing a corpus for text analysis, where the
//! repeated sentence is counted twice.
//!
//! ## Example
//! ```text
//! Central Director of the French Judicial Police
//!
//! INTERPOL Secretary General Jürgen Stock welcomed Jérôme Bonet.
//!
//! 3 June 2019 - INTERPOL Secretary General Jürgen Stock welcomed Jérôme Bonet.
//! ```
//!
//! ## How to fix
//! Replace the caption with a description of the photo, or delete it.

use super::{describe, Check, Rule, Sink};
use crate::canonical::{canonical, canonical_hash};
use crate::diagnostic::Severity;
use crate::record::Record;
use serde::Deserialize;

/// Parameters of `caption-repeats-lead` (none).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {}

/// The first sentence of `s`: up to the first `.`, `!` or `?` followed by a space.
fn first_sentence(s: &str) -> Option<&str> {
    let b = s.as_bytes();
    (1..b.len())
        .find(|&i| b[i] == b' ' && matches!(b[i - 1], b'.' | b'!' | b'?'))
        .map(|i| &s[..i])
}

/// `caption-repeats-lead`: the rule this file documents and checks.
pub struct CaptionRepeatsLead;

impl Rule for CaptionRepeatsLead {
    const CODE: &'static str = "PR007";
    const NAME: &'static str = "caption-repeats-lead";
    const DEFAULT_SEVERITY: Severity = Severity::Info;
    const DEFAULT_ENABLED: bool = false;
    const SOURCE: &'static str = include_str!("caption_repeats_lead.rs");
    type Params = Params;
    const CHECK: Check<Params> = Check::Each(check);
}

/// Reports captions equal to their entry's lead or its first sentence.
pub fn check(r: &Record<'_>, _params: &Params, sink: &mut Sink<'_>) {
    let (Some(lead), Some(whole)) = (r.lead, r.lead_hash()) else {
        return;
    };
    if r.captions.is_empty() {
        return;
    }
    // The first sentence is read off the canonical text, so that a curly quote or NBSP does not
    // hide its end.
    let first = first_sentence(&canonical(lead.text.raw)).map(canonical_hash);
    for (c, &hash) in r.captions.iter().zip(r.caption_hashes()) {
        if hash == whole || first == Some(hash) {
            let related = sink.related(Some(r), lead.text.span(), "the lead".into());
            let d = sink.report(
                Some(r),
                c.text.span(),
                format!("caption repeats the lead of {}", describe(r)),
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
    fn captions_equal_to_the_lead_or_its_first_sentence_are_reported() {
        let text = "A visit\n\nThe minister was welcomed.\n\n3 June 2019 - The minister was welcomed. They talked.\n\nAnother visit\n\nA photo of the visit\n\n2 June 2019 - The minister was welcomed.\n";
        let found = run::<CaptionRepeatsLead>(text, Params {});
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, 3);
    }
}
