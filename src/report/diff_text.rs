//! `pagerev diff --format text`: the human-readable record diff.
//!
//! A summary line with the count of records of each kind, the page header's changes, then each changed
//! record: kind, id (and the old id when it changed), date and title, and one line per changed field with
//! its word-level diff trimmed to a few words of context. Deletions read `[-like this-]` and insertions
//! `{+like this+}` (the `git diff --word-diff=plain` convention); with colour, red and green instead.
//! Cosmetic changes are collapsed into a count unless asked for.

use crate::canonical::{canonical, is_blank_char};
use crate::diff::fields::FieldChange;
use crate::diff::{ChangeKind, PageDiff, RecordChange, WordOp, WordTag};
use std::io::{self, Write};

/// How to render the text report.
#[derive(Debug, Clone, Copy)]
pub struct TextOptions {
    /// ANSI colours (the CLI decides: a terminal, and `NO_COLOR` unset).
    pub color: bool,
    /// Words of unchanged text kept on each side of a change.
    pub context: usize,
    /// Only the summary and one line per changed record.
    pub stat: bool,
    /// Show cosmetic records and fields instead of counting them.
    pub show_cosmetic: bool,
}

const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const YELLOW: &str = "\x1b[33m";
const CYAN: &str = "\x1b[36m";
const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

struct Painter {
    color: bool,
}

impl Painter {
    fn paint(&self, style: &str, s: &str) -> String {
        if self.color {
            format!("{style}{s}{RESET}")
        } else {
            s.to_string()
        }
    }

    fn kind(&self, k: ChangeKind) -> String {
        let style = match k {
            ChangeKind::Added => GREEN,
            ChangeKind::Removed => RED,
            ChangeKind::Retitled | ChangeKind::Redated | ChangeKind::Modified => YELLOW,
            ChangeKind::Moved => CYAN,
            ChangeKind::Cosmetic | ChangeKind::Unchanged => DIM,
        };
        self.paint(style, k.name())
    }

    fn delete(&self, s: &str) -> String {
        if self.color {
            format!("{RED}{s}{RESET}")
        } else {
            format!("[-{s}-]")
        }
    }

    fn insert(&self, s: &str) -> String {
        if self.color {
            format!("{GREEN}{s}{RESET}")
        } else {
            format!("{{+{s}+}}")
        }
    }
}

/// A piece of a word diff after trimming the unchanged text to its context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Unchanged words.
    Equal(String),
    /// Words only in the old text.
    Delete(String),
    /// Words only in the new text.
    Insert(String),
    /// Unchanged words left out.
    Elided,
}

fn split_words(s: &str) -> Vec<&str> {
    s.split(is_blank_char).filter(|w| !w.is_empty()).collect()
}

/// Trims the unchanged runs of `ops` to `context` words on each side of every change.
pub fn elide(ops: &[WordOp], context: usize) -> Vec<Piece> {
    let mut out = Vec::new();
    let last = ops.len().saturating_sub(1);
    for (k, op) in ops.iter().enumerate() {
        match op.op {
            WordTag::Delete => out.push(Piece::Delete(op.text.clone())),
            WordTag::Insert => out.push(Piece::Insert(op.text.clone())),
            WordTag::Equal => {
                let words = split_words(&op.text);
                let keep_head = if k == 0 { 0 } else { context };
                let keep_tail = if k == last { 0 } else { context };
                // Eliding a single word saves nothing: "…" is as long.
                if words.len() <= keep_head.saturating_add(keep_tail).saturating_add(1) {
                    out.push(Piece::Equal(words.join(" ")));
                    continue;
                }
                if keep_head > 0 {
                    out.push(Piece::Equal(words[..keep_head].join(" ")));
                }
                out.push(Piece::Elided);
                if keep_tail > 0 {
                    out.push(Piece::Equal(words[words.len() - keep_tail..].join(" ")));
                }
            }
        }
    }
    out
}

/// Renders a character the canonical form would change (NBSP, curly quote, en dash) as `<U+00A0>`, so
/// that a cosmetic difference is visible in a terminal.
pub fn reveal(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut buf = [0u8; 4];
    for c in s.chars() {
        let one: &str = c.encode_utf8(&mut buf);
        if c != ' ' && (is_blank_char(c) || (!c.is_ascii() && canonical(one) != one)) {
            out.push_str(&format!("<U+{:04X}>", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// The part of `old` and `new` that differs, with up to `around` characters either side, revealed.
pub fn cosmetic_excerpt(old: &str, new: &str, around: usize) -> (String, String) {
    let o: Vec<char> = old.chars().collect();
    let n: Vec<char> = new.chars().collect();
    let prefix = o.iter().zip(&n).take_while(|(a, b)| a == b).count();
    let max_suffix = o.len().min(n.len()) - prefix;
    let suffix = o
        .iter()
        .rev()
        .zip(n.iter().rev())
        .take(max_suffix)
        .take_while(|(a, b)| a == b)
        .count();
    let cut = |v: &[char]| {
        let from = prefix.saturating_sub(around);
        let to = (v.len() - suffix + around).min(v.len());
        let mut s = String::new();
        if from > 0 {
            s.push('…');
        }
        s.extend(&v[from..to]);
        if to < v.len() {
            s.push('…');
        }
        reveal(&s)
    };
    (cut(&o), cut(&n))
}

/// A field change's label: `title`, `paragraph 2`, `caption 1 (removed)`.
pub fn field_label(f: &FieldChange) -> String {
    // `member_counts` reads as `member counts`.
    let name = f.field.name().replace('_', " ");
    if !f.field.is_list() {
        return name;
    }
    match (f.old_index, f.new_index) {
        (Some(_), Some(n)) => format!("{name} {}", n + 1),
        (None, Some(n)) => format!("{name} {} (added)", n + 1),
        (Some(o), None) => format!("{name} {} (removed)", o + 1),
        (None, None) => name,
    }
}

fn write_field(
    out: &mut dyn Write,
    p: &Painter,
    f: &FieldChange,
    opts: &TextOptions,
) -> io::Result<()> {
    let label = field_label(f);
    if f.cosmetic {
        let (o, n) = cosmetic_excerpt(
            f.old.as_deref().unwrap_or(""),
            f.new.as_deref().unwrap_or(""),
            12,
        );
        return writeln!(out, "    {label} (cosmetic): \"{o}\" → \"{n}\"");
    }
    if let Some(words) = &f.words {
        let mut line = String::new();
        for piece in elide(&words.ops, opts.context) {
            if !line.is_empty() {
                line.push(' ');
            }
            match piece {
                Piece::Equal(s) => line.push_str(&s),
                Piece::Delete(s) => line.push_str(&p.delete(&s)),
                Piece::Insert(s) => line.push_str(&p.insert(&s)),
                Piece::Elided => line.push('…'),
            }
        }
        write!(out, "    {label}: {line}")?;
        if words.fell_back {
            write!(
                out,
                " (word diff took too long: whole field shown as replaced)"
            )?;
        }
        return writeln!(out);
    }
    match (&f.old, &f.new) {
        (Some(o), Some(n)) => writeln!(out, "    {label}: {} → {}", p.delete(o), p.insert(n)),
        (Some(o), None) => writeln!(out, "    {label}: {}", p.delete(o)),
        (None, Some(n)) => writeln!(out, "    {label}: {}", p.insert(n)),
        (None, None) => Ok(()),
    }
}

/// The counts of the kinds that make revisions differ: `1 removed, 2 modified` (no cosmetic, unchanged).
pub fn substantive_counts(diff: &PageDiff) -> String {
    let parts: Vec<String> = ChangeKind::ALL
        .iter()
        .filter(|&&k| k.is_substantive() && diff.summary.get(k) > 0)
        .map(|&k| format!("{} {}", diff.summary.get(k), k.name()))
        .collect();
    parts.join(", ")
}

/// The summary line's list of counts: `1 added, 2 modified, 40 unchanged`.
pub fn summary_counts(diff: &PageDiff) -> String {
    let parts: Vec<String> = ChangeKind::ALL
        .iter()
        .filter(|&&k| diff.summary.get(k) > 0)
        .map(|&k| format!("{} {}", diff.summary.get(k), k.name()))
        .collect();
    if parts.is_empty() {
        "no records".to_string()
    } else {
        parts.join(", ")
    }
}

/// The record's date and title, and where it is: its line in the new file, or for a removed record the
/// old file and line (a review's old file is the snapshot, where the removed record still stands).
fn header_line(c: &RecordChange, old_file: &str) -> (String, String) {
    let r = c.new.as_ref().or(c.old.as_ref());
    let date = r.and_then(|r| r.date.as_deref()).unwrap_or("undated");
    let title = r.and_then(|r| r.title.as_deref()).unwrap_or("(untitled)");
    let line = match (&c.old, &c.new) {
        (_, Some(n)) => format!("line {}", n.line),
        (Some(o), None) => format!("{old_file}:{}", o.line),
        (None, None) => String::new(),
    };
    (format!("{date}  {title}"), line)
}

fn write_record(
    out: &mut dyn Write,
    p: &Painter,
    c: &RecordChange,
    old_file: &str,
    opts: &TextOptions,
) -> io::Result<usize> {
    let mut hidden = 0;
    write!(out, "{} {}", p.kind(c.kind), p.paint(BOLD, c.id()))?;
    if let (Some(o), Some(n)) = (&c.old, &c.new) {
        if o.id != n.id {
            write!(out, " (was {})", o.id)?;
        }
    }
    if !c.also.is_empty() {
        let also: Vec<&str> = c.also.iter().map(|k| k.name()).collect();
        write!(out, ", also {}", also.join(", "))?;
    }
    writeln!(out)?;
    let (what, line) = header_line(c, old_file);
    writeln!(out, "    {what}  ({line})")?;
    if let Some(m) = &c.moved {
        let after = |a: &Option<String>| {
            a.as_deref()
                .map_or("at the top".to_string(), |id| format!("after {id}"))
        };
        writeln!(
            out,
            "    moved: now {} (was {})",
            after(&m.new_after),
            after(&m.old_after)
        )?;
    }
    for f in &c.fields {
        if f.cosmetic && !opts.show_cosmetic && c.kind != ChangeKind::Cosmetic {
            hidden += 1;
            continue;
        }
        write_field(out, p, f, opts)?;
    }
    Ok(hidden)
}

/// Writes one record's change, as [`render`] does; `old_file` names the old side of the diff.
pub fn render_change(
    c: &RecordChange,
    old_file: &str,
    opts: &TextOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let p = Painter { color: opts.color };
    write_record(out, &p, c, old_file, opts).map(|_| ())
}

/// Writes the text report of `diff`.
pub fn render(diff: &PageDiff, opts: &TextOptions, out: &mut dyn Write) -> io::Result<()> {
    let p = Painter { color: opts.color };
    writeln!(
        out,
        "{} ({} records) → {} ({} records): {}",
        diff.old.name,
        diff.old.records,
        diff.new.name,
        diff.new.records,
        summary_counts(diff)
    )?;
    let mut hidden_fields = 0;
    let mut hidden_records = 0;
    for f in &diff.page {
        if f.cosmetic && !opts.show_cosmetic {
            hidden_fields += 1;
        } else if !opts.stat {
            write_field(out, &p, f, opts)?;
        }
    }
    for c in &diff.changes {
        if c.kind == ChangeKind::Cosmetic && !opts.show_cosmetic {
            hidden_records += 1;
            continue;
        }
        if opts.stat {
            let mut names: Vec<&str> = Vec::new();
            for f in c
                .fields
                .iter()
                .filter(|f| opts.show_cosmetic || !f.cosmetic)
            {
                if !names.contains(&f.field.name()) {
                    names.push(f.field.name());
                }
            }
            let kinds: Vec<&str> = c.kinds().map(|k| k.name()).collect();
            writeln!(
                out,
                "{:<9} {}{}{}",
                kinds.join("+"),
                c.id(),
                if names.is_empty() { "" } else { "  " },
                names.join(", ")
            )?;
            continue;
        }
        writeln!(out)?;
        hidden_fields += write_record(out, &p, c, &diff.old.name, opts)?;
    }
    if hidden_records + hidden_fields > 0 {
        if !opts.stat {
            writeln!(out)?;
        }
        let mut parts = Vec::new();
        if hidden_records > 0 {
            parts.push(plural(hidden_records, "cosmetic record"));
        }
        if hidden_fields > 0 {
            parts.push(plural(hidden_fields, "cosmetic field change"));
        }
        writeln!(
            out,
            "{}",
            p.paint(
                DIM,
                &format!(
                    "{} hidden (--show-cosmetic shows them)",
                    parts.join(" and ")
                )
            )
        )?;
    }
    Ok(())
}

use super::count as plural;

#[cfg(test)]
mod tests {
    use super::*;

    fn op(op: WordTag, text: &str) -> WordOp {
        WordOp {
            op,
            text: text.into(),
        }
    }

    #[test]
    fn elides_unchanged_words_beyond_the_context() {
        let ops = [
            op(WordTag::Equal, "one two three four five"),
            op(WordTag::Delete, "six"),
            op(WordTag::Insert, "SIX"),
            op(WordTag::Equal, "seven eight nine ten eleven twelve"),
            op(WordTag::Insert, "thirteen"),
            op(WordTag::Equal, "fourteen fifteen sixteen seventeen"),
        ];
        let got = elide(&ops, 2);
        assert_eq!(
            got,
            vec![
                Piece::Elided,
                Piece::Equal("four five".into()),
                Piece::Delete("six".into()),
                Piece::Insert("SIX".into()),
                Piece::Equal("seven eight".into()),
                Piece::Elided,
                Piece::Equal("eleven twelve".into()),
                Piece::Insert("thirteen".into()),
                Piece::Equal("fourteen fifteen".into()),
                Piece::Elided,
            ]
        );
    }

    #[test]
    fn cosmetic_excerpts_reveal_invisible_differences() {
        let (o, n) = cosmetic_excerpt(
            "23 January 2023 – The Secretary",
            "23 January 2023 - The Secretary",
            4,
        );
        assert_eq!(o, "…023 <U+2013> The…");
        assert_eq!(n, "…023 - The…");
        assert_eq!(reveal("a\u{a0}b"), "a<U+00A0>b");
    }
}
