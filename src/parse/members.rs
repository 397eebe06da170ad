//! "N member countries" mentions (`ses 195 pays membres`, `sus 195 países miembros`) and the sentence each
//! one stands in.

use crate::lang::Lang;
use crate::record::{MemberCount, Text};

/// Every member-count mention in `text`, in order.
pub fn member_counts<'a>(text: Text<'a>, lang: Lang, out: &mut Vec<MemberCount<'a>>) {
    // Most paragraphs mention no membership: skip the regex unless the phrase's stem is there.
    if lang
        .member_count_finder()
        .find(text.raw.as_bytes())
        .is_none()
    {
        return;
    }
    // The match starts with the count (`\b\d{2,4}\s+…`): reading its digits spares the capture groups.
    for all in lang.member_count().find_iter(text.raw) {
        let digits = all.as_str().bytes().take_while(u8::is_ascii_digit).count();
        let Ok(count) = all.as_str()[..digits].parse::<u32>() else {
            continue;
        };
        let (s, e) = sentence_around(text.raw, all.start(), all.end());
        out.push(MemberCount {
            count,
            phrase: text.slice(all.range()),
            sentence: text.slice(s..e),
        });
    }
}

/// The member-count mentions of a page profile's own phrasings (`member_phrases:`), in order.
pub fn extra_member_counts<'a>(text: Text<'a>, re: &regex::Regex, out: &mut Vec<MemberCount<'a>>) {
    for all in re.find_iter(text.raw) {
        let digits = all.as_str().bytes().take_while(u8::is_ascii_digit).count();
        let Ok(count) = all.as_str()[..digits].parse::<u32>() else {
            continue;
        };
        let (s, e) = sentence_around(text.raw, all.start(), all.end());
        out.push(MemberCount {
            count,
            phrase: text.slice(all.range()),
            sentence: text.slice(s..e),
        });
    }
}

/// The regex of a profile's member-count phrasings: a count, then one of the phrases (regex syntax).
pub fn extra_member_regex(phrases: &[String]) -> Result<Option<regex::Regex>, String> {
    if phrases.is_empty() {
        return Ok(None);
    }
    let alternation = phrases
        .iter()
        .map(|p| format!("(?:{p})"))
        .collect::<Vec<_>>()
        .join("|");
    regex::RegexBuilder::new(&format!(r"(?i)\b[0-9]{{2,4}}\s+(?:{alternation})"))
        .size_limit(1 << 20)
        .build()
        .map(Some)
        .map_err(|e| {
            format!(
                "invalid member phrase: {}",
                e.to_string().lines().last().unwrap_or("").trim()
            )
        })
}

/// Byte range of the sentence containing `start..end`: from after the previous `. `, `! ` or `? ` to the
/// next sentence end (closing quotes included) or the end of the text.
fn sentence_around(text: &str, start: usize, end: usize) -> (usize, usize) {
    let bytes = text.as_bytes();
    let is_end = |i: usize| matches!(bytes[i], b'.' | b'!' | b'?');
    let mut s = start;
    while s > 0 {
        if is_end(s - 1) && bytes.get(s).is_some_and(|b| *b == b' ') {
            break;
        }
        s -= 1;
    }
    let s = s + text[s..].len() - text[s..].trim_start().len();
    let mut e = end;
    while e < bytes.len() {
        if is_end(e) && bytes.get(e + 1).is_none_or(|b| *b == b' ') {
            e += 1;
            break;
        }
        e += 1;
    }
    while !text.is_char_boundary(e) {
        e += 1;
    }
    (s, e)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(s: &str, lang: Lang) -> Vec<(u32, String)> {
        let mut out = Vec::new();
        member_counts(
            Text {
                raw: s,
                line: 1,
                start: 0,
            },
            lang,
            &mut out,
        );
        out.into_iter()
            .map(|m| (m.count, m.sentence.raw.to_string()))
            .collect()
    }

    #[test]
    fn finds_counts_with_their_sentence() {
        let got = counts(
            "First sentence. It supports its 195 member countries daily. Last one.",
            Lang::En,
        );
        assert_eq!(
            got,
            vec![(
                195,
                "It supports its 195 member countries daily.".to_string()
            )]
        );
        assert_eq!(
            counts("the Organization’s 194\u{a0}member countries", Lang::En)[0].0,
            194
        );
    }

    #[test]
    fn french_and_spanish_phrasings() {
        assert_eq!(
            counts("au service de ses 195 pays membres.", Lang::Fr)[0].0,
            195
        );
        assert_eq!(
            counts("apoyo a sus 195 países miembros.", Lang::Es)[0].0,
            195
        );
    }

    #[test]
    fn other_numbers_are_not_counts() {
        assert!(counts(
            "the 15 ECOWAS countries and 25 Caribbean countries",
            Lang::En
        )
        .is_empty());
        assert!(counts("INTERPOL member country", Lang::En).is_empty());
    }
}
