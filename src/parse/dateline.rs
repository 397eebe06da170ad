//! Datelines: the upper-case place of a wire story between a lead's date and its text
//! (`2 December 2019 - LYON, France – Tanzania’s Minister …`).

use crate::canonical::is_blank_char;
use crate::record::Text;
use regex::Regex;
use std::sync::OnceLock;

/// Splits a dateline (`LYON, France – `) off the start of a lead's text.
pub fn split_dateline(rest: Text<'_>) -> (Option<Text<'_>>, Text<'_>) {
    static DATELINE: OnceLock<Regex> = OnceLock::new();
    // An upper-case place (two or more capitals), a comma and a short region, then a dash: the wire-story
    // convention. Upper case is what tells `LYON, France –` from an ordinary clause.
    let re = DATELINE.get_or_init(|| {
        Regex::new(r"^(?P<dl>\p{Lu}[\p{Lu}\p{M}.'’ -]*\p{Lu},[^,.;:\u{2013}\u{2014}-]{1,40}?)\s*[-\u{2013}\u{2014}]\s*")
            .expect("built-in regex compiles")
    });
    // Most leads start with a capital and a lower-case letter (`The Secretary General …`), which no
    // dateline does: skip the regex (and its capture groups) for them.
    let mut first = rest.raw.chars();
    let may_be_dateline = first.next().is_some_and(char::is_uppercase)
        && first.next().is_some_and(|c| !c.is_lowercase());
    if !may_be_dateline {
        return (None, rest);
    }
    let Some(caps) = re.captures(rest.raw) else {
        return (None, rest);
    };
    let (Some(dl), Some(all)) = (caps.name("dl"), caps.get(0)) else {
        return (None, rest);
    };
    if all.end() >= rest.raw.len() {
        return (None, rest);
    }
    let text = rest.slice(all.end()..rest.raw.len());
    let text = text.slice(0..text.raw.trim_end_matches(is_blank_char).len());
    (Some(rest.slice(dl.range())), text)
}
