//! `pagerev diff --format markdown`: a record diff for a pull-request comment (GitHub-flavoured Markdown).
//!
//! A heading with the two revisions, the counts per kind, a table of changed records, then one section
//! per record with its field changes; deletions are `<del>` and insertions `<ins>`, which GitHub renders.
//! Cosmetic changes go into a collapsed `<details>` block unless asked for. Every piece of page text is
//! escaped, so a title containing `<script>` or `|` cannot break the comment.

use super::diff_text::{cosmetic_excerpt, elide, field_label, summary_counts, Piece};
use super::markdown::cell;
use crate::diff::fields::FieldChange;
use crate::diff::{ChangeKind, Field, PageDiff, RecordChange};
use std::io::{self, Write};

/// How to render the Markdown report.
#[derive(Debug, Clone, Copy)]
pub struct MarkdownOptions {
    /// Words of unchanged text kept on each side of a change.
    pub context: usize,
    /// Only the summary and the table.
    pub stat: bool,
    /// List cosmetic changes with the others instead of collapsing them.
    pub show_cosmetic: bool,
}

fn code(s: &str) -> String {
    // Ids are ASCII slugs; anything else is escaped as text rather than put in a code span.
    if s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        format!("`{s}`")
    } else {
        cell(s)
    }
}

fn field_line(f: &FieldChange, context: usize) -> String {
    let label = field_label(f);
    if f.cosmetic {
        let (o, n) = cosmetic_excerpt(
            f.old.as_deref().unwrap_or(""),
            f.new.as_deref().unwrap_or(""),
            12,
        );
        return format!("- **{label}** (cosmetic): {} → {}", cell(&o), cell(&n));
    }
    if let Some(words) = &f.words {
        let parts: Vec<String> = elide(&words.ops, context)
            .into_iter()
            .map(|p| match p {
                Piece::Equal(s) => cell(&s),
                Piece::Delete(s) => format!("<del>{}</del>", cell(&s)),
                Piece::Insert(s) => format!("<ins>{}</ins>", cell(&s)),
                Piece::Elided => "…".to_string(),
            })
            .collect();
        let note = if words.fell_back {
            " *(word diff took too long: whole field shown as replaced)*"
        } else {
            ""
        };
        return format!("- **{label}**: {}{note}", parts.join(" "));
    }
    let old = f.old.as_deref().map(|o| format!("<del>{}</del>", cell(o)));
    let new = f.new.as_deref().map(|n| format!("<ins>{}</ins>", cell(n)));
    match (old, new) {
        (Some(o), Some(n)) => format!("- **{label}**: {o} → {n}"),
        (Some(o), None) => format!("- **{label}**: {o}"),
        (None, Some(n)) => format!("- **{label}**: {n}"),
        (None, None) => format!("- **{label}**"),
    }
}

fn table_row(c: &RecordChange, show_cosmetic: bool) -> String {
    let r = c.new.as_ref().or(c.old.as_ref());
    let kinds: Vec<&str> = c.kinds().map(|k| k.name()).collect();
    let mut fields: Vec<&str> = Vec::new();
    for f in c
        .fields
        .iter()
        .filter(|f| show_cosmetic || !f.cosmetic || c.kind == ChangeKind::Cosmetic)
    {
        let name = match f.field {
            Field::MemberCounts => "member counts",
            Field::LeadSeparator => "lead separator",
            other => other.name(),
        };
        if !fields.contains(&name) {
            fields.push(name);
        }
    }
    format!(
        "| {} | {} | {} | {} | {} |",
        kinds.join(", "),
        code(c.id()),
        cell(r.and_then(|r| r.date.as_deref()).unwrap_or("undated")),
        cell(r.and_then(|r| r.title.as_deref()).unwrap_or("(untitled)")),
        fields.join(", ")
    )
}

fn section(out: &mut dyn Write, c: &RecordChange, opts: &MarkdownOptions) -> io::Result<()> {
    let kinds: Vec<&str> = c.kinds().map(|k| k.name()).collect();
    writeln!(out, "#### {} {}", kinds.join(", "), code(c.id()))?;
    writeln!(out)?;
    if let (Some(o), Some(n)) = (&c.old, &c.new) {
        if o.id != n.id {
            writeln!(out, "- was {}", code(&o.id))?;
        }
    }
    if let Some(m) = &c.moved {
        let after = |a: &Option<String>| {
            a.as_deref()
                .map_or("at the top".to_string(), |id| format!("after {}", code(id)))
        };
        writeln!(
            out,
            "- **moved**: now {} (was {})",
            after(&m.new_after),
            after(&m.old_after)
        )?;
    }
    for f in &c.fields {
        if f.cosmetic && !opts.show_cosmetic && c.kind != ChangeKind::Cosmetic {
            continue;
        }
        writeln!(out, "{}", field_line(f, opts.context))?;
    }
    writeln!(out)
}

/// Writes the Markdown report of `diff`.
pub fn render(diff: &PageDiff, opts: &MarkdownOptions, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "### pagerev diff: {} → {}",
        code_name(&diff.old.name),
        code_name(&diff.new.name)
    )?;
    writeln!(out)?;
    writeln!(
        out,
        "{} → {} records: {}. {}",
        diff.old.records,
        diff.new.records,
        summary_counts(diff),
        if diff.equivalent {
            "The revisions are equivalent."
        } else {
            "The revisions differ."
        }
    )?;
    writeln!(out)?;
    let shown: Vec<&RecordChange> = diff
        .changes
        .iter()
        .filter(|c| opts.show_cosmetic || c.kind != ChangeKind::Cosmetic)
        .collect();
    let cosmetic: Vec<&RecordChange> = diff
        .changes
        .iter()
        .filter(|c| !opts.show_cosmetic && c.kind == ChangeKind::Cosmetic)
        .collect();
    let page: Vec<&FieldChange> = diff
        .page
        .iter()
        .filter(|f| opts.show_cosmetic || !f.cosmetic)
        .collect();
    if !page.is_empty() {
        writeln!(out, "**Page**")?;
        writeln!(out)?;
        for f in page {
            writeln!(out, "{}", field_line(f, opts.context))?;
        }
        writeln!(out)?;
    }
    if !shown.is_empty() {
        writeln!(out, "| Kind | Record | Date | Title | Fields |")?;
        writeln!(out, "|---|---|---|---|---|")?;
        for c in &shown {
            writeln!(out, "{}", table_row(c, opts.show_cosmetic))?;
        }
        writeln!(out)?;
        if !opts.stat {
            for c in shown
                .iter()
                .filter(|c| !c.fields.is_empty() || c.kind == ChangeKind::Moved)
            {
                section(out, c, opts)?;
            }
        }
    }
    if !cosmetic.is_empty() {
        writeln!(
            out,
            "<details><summary>{} cosmetic-only record(s)</summary>",
            cosmetic.len()
        )?;
        writeln!(out)?;
        writeln!(out, "| Kind | Record | Date | Title | Fields |")?;
        writeln!(out, "|---|---|---|---|---|")?;
        for c in &cosmetic {
            writeln!(out, "{}", table_row(c, true))?;
        }
        writeln!(out)?;
        if !opts.stat {
            for c in &cosmetic {
                section(out, c, opts)?;
            }
        }
        writeln!(out, "</details>")?;
    }
    Ok(())
}

fn code_name(name: &str) -> String {
    super::markdown::code_span(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_html_and_table_syntax() {
        assert_eq!(
            cell("<script>a|b</script> *x*"),
            "&lt;script&gt;a\\|b&lt;/script&gt; \\*x\\*"
        );
        assert_eq!(code("2023-12-04-rcmp"), "`2023-12-04-rcmp`");
        assert_eq!(code("a`b"), "a\\`b");
    }
}
