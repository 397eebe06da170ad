//! Date badges scraped one part to a line.
//!
//! News lists and event calendars often set an item's date in a small box: the day in large figures over
//! the month, sometimes the year or the weekday below. A scrape keeps each part on a line of its own,
//! glued together: `11` / `décembre` / `2032`, `29` / `dec`, `Déc` / `4` / `jeu`. Read line by line, the
//! day is a number, the month a month heading and the year a year heading; read together they are one
//! day, the item's date.
//!
//! A badge is found from its lines alone (and the line above it): its first line is its dated line, the
//! others are placeholders of the entry. It opens only where the line above is no part of a badge, so
//! each line's reading depends on a few lines around it, never on where a block of lines starts.

use super::scan::{LineDate, Place, Scanner};
use crate::lang::{vocabulary, LangSet, Word};
use crate::record::Text;

/// Lines a badge may take.
pub const MAX_LINES: usize = 3;

/// What one line of a badge holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Piece {
    Day,
    Month,
    Year,
    Weekday,
}

/// The piece of a badge a line is, if it is one: a day number (`11`), a month's name or abbreviation
/// (`décembre`, `Déc`, `dec.`), a year (`2032`) or a weekday's name or abbreviation (`jeu`, `Thu`).
fn piece(raw: &str) -> Option<Piece> {
    if raw.len() > 12 || raw.as_bytes().contains(&b' ') {
        return None;
    }
    if raw.bytes().all(|b| b.is_ascii_digit()) {
        return match (raw.len(), raw.parse::<u32>().ok()?) {
            (1 | 2, 1..=31) => Some(Piece::Day),
            (4, 1000..=2199) => Some(Piece::Year),
            _ => None,
        };
    }
    let word = raw.trim_end_matches(['.', ',']);
    if word.is_empty() || !word.chars().all(crate::canonical::is_alphabetic) {
        return None;
    }
    match vocabulary().lookup(word, LangSet::ALL) {
        Some(Word::Month(_)) => Some(Piece::Month),
        Some(Word::Weekday(_)) => Some(Piece::Weekday),
        None => None,
    }
}

/// The badge that opens at `lines[0]`, given the line above it (`above`) and up to two lines below: its
/// date, read as a date alone on the first line, and how many lines it takes. Every line must be glued to
/// the one before it (no blank line between), and the line above must not be a piece itself.
#[cfg(test)]
fn at(
    scanner: &mut Scanner<'_>,
    above: Option<Text<'_>>,
    lines: &[Text<'_>],
) -> Option<(LineDate, usize)> {
    let pieces: Vec<Option<Piece>> = lines.iter().take(MAX_LINES).map(|l| piece(l.raw)).collect();
    let above = above.map(|a| (a, piece(a.raw)));
    at_pieces(scanner, above, lines, &pieces)
}

/// [`at`], with the pieces of `lines` (and of the line above) read already.
fn at_pieces(
    scanner: &mut Scanner<'_>,
    above: Option<(Text<'_>, Option<Piece>)>,
    lines: &[Text<'_>],
    pieces: &[Option<Piece>],
) -> Option<(LineDate, usize)> {
    let first = lines.first()?;
    let glued = |a: &Text<'_>, b: &Text<'_>| a.line + 1 == b.line;
    if above.is_some_and(|(a, p)| glued(&a, first) && p.is_some()) {
        return None;
    }
    let second = lines.get(1).filter(|s| glued(first, s))?;
    let (day, month) = match ((*pieces.first()?)?, (*pieces.get(1)?)?) {
        (Piece::Day, Piece::Month) => (first.raw, second.raw),
        (Piece::Month, Piece::Day) => (second.raw, first.raw),
        _ => return None,
    };
    let third = lines
        .get(2)
        .filter(|t| glued(second, t))
        .and_then(|t| Some((t, (*pieces.get(2)?)?)));
    let (year, taken) = match third {
        Some((t, Piece::Year)) => (Some(t.raw), 3),
        Some((_, Piece::Weekday)) => (None, 3),
        _ => (None, 2),
    };
    let month = month.trim_end_matches([',']);
    let joined = match year {
        Some(y) => format!("{day} {month} {y}"),
        None => format!("{day} {month}"),
    };
    let mut d = scanner.start(&joined)?;
    if d.place != Place::Alone || d.found.from.day.is_none() || d.found.from.month.is_none() {
        return None;
    }
    // The date as written on the badge's first line: its day or its month.
    d.found.start = 0;
    d.found.end = first.raw.len();
    d.found.toks = (0, 1);
    d.rest = first.raw.len();
    d.prefix = None;
    Some((d, taken))
}

/// True when some line of `lines` may be part of a badge: only then are badges looked for among them.
pub fn any_piece(lines: &[Text<'_>]) -> bool {
    lines.iter().any(|l| piece(l.raw).is_some())
}

/// For each of `lines` (with up to [`MAX_LINES`] lines of context above them in `above`, nearest last,
/// and up to `MAX_LINES - 1` below them in `below`), the badge opening there: `Some(date)` on a badge's
/// first line, and `continues[i]` for its other lines.
pub fn in_lines(
    scanner: &mut Scanner<'_>,
    above: &[Text<'_>],
    lines: &[Text<'_>],
    below: &[Text<'_>],
) -> (Vec<(usize, LineDate)>, Vec<usize>) {
    let all: Vec<Text<'_>> = above.iter().chain(lines).chain(below).copied().collect();
    let pieces: Vec<Option<Piece>> = all.iter().map(|l| piece(l.raw)).collect();
    let offset = above.len();
    let mut starts = Vec::new();
    let mut continues = Vec::new();
    // Only lines that are pieces can open or continue a badge: most lines are skipped at once.
    for i in 0..all.len() {
        if pieces[i].is_none() {
            continue;
        }
        let up = i.checked_sub(1).map(|j| (all[j], pieces[j]));
        let end = (i + MAX_LINES).min(all.len());
        let Some((d, taken)) = at_pieces(scanner, up, &all[i..end], &pieces[i..end]) else {
            continue;
        };
        if (offset..offset + lines.len()).contains(&i) {
            starts.push((i - offset, d));
        }
        for j in i + 1..i + taken {
            if (offset..offset + lines.len()).contains(&j) {
                continues.push(j - offset);
            }
        }
    }
    (starts, continues)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(lines: &[&'static str]) -> Vec<Text<'static>> {
        lines
            .iter()
            .enumerate()
            .map(|(i, raw)| Text {
                raw,
                line: i as u32 + 1,
                start: 0,
            })
            .collect()
    }

    fn read(lines: &[&'static str]) -> Option<(String, usize)> {
        let mut scanner = Scanner::new(vocabulary(), LangSet::ALL);
        let t = texts(lines);
        at(&mut scanner, None, &t).map(|(d, n)| {
            let p = d.found.from;
            (format!("{:?}-{:?}-{:?}", p.year, p.month, p.day), n)
        })
    }

    #[test]
    fn a_badges_parts_make_one_date() {
        assert_eq!(
            read(&["11", "décembre", "2032", "Rencontre des maires"]),
            Some(("Some(2032)-Some(12)-Some(11)".into(), 3))
        );
        assert_eq!(
            read(&["29", "dec", "Begroting aangenomen"]),
            Some(("None-Some(12)-Some(29)".into(), 2))
        );
        assert_eq!(
            read(&["Déc", "4", "jeu", "Marché de Noël"]),
            Some(("None-Some(12)-Some(4)".into(), 3))
        );
    }

    #[test]
    fn numbers_and_months_apart_or_in_sentences_are_no_badge() {
        assert_eq!(read(&["11", "Rencontre des maires"]), None);
        assert_eq!(read(&["décembre", "2032"]), None);
        assert_eq!(read(&["11 décembre", "2032"]), None);
        assert_eq!(read(&["45", "mai"]), None);
        // A blank line between the parts: not one badge.
        let mut scanner = Scanner::new(vocabulary(), LangSet::ALL);
        let mut t = texts(&["11", "décembre"]);
        t[1].line = 3;
        assert!(at(&mut scanner, None, &t).is_none());
    }

    #[test]
    fn a_badge_opens_only_below_a_line_that_is_no_piece() {
        let mut scanner = Scanner::new(vocabulary(), LangSet::ALL);
        let t = texts(&["Actualités", "11", "décembre", "2032", "Titre"]);
        let (starts, continues) = in_lines(&mut scanner, &[], &t, &[]);
        assert_eq!(starts.iter().map(|s| s.0).collect::<Vec<_>>(), [1]);
        assert_eq!(continues, [2, 3]);
        // Read from the middle, with the lines around as context: the same badge.
        let (starts, continues) = in_lines(&mut scanner, &t[..2], &t[2..4], &t[4..]);
        assert!(starts.is_empty());
        assert_eq!(continues, [0, 1]);
    }
}
