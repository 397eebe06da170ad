//! `pagerev diff --format html`: a self-contained review page for a record diff, optionally with findings.
//!
//! One HTML file with inline CSS and a little inline JavaScript (`assets/diff.css` and `assets/diff.js`,
//! compiled in); it fetches nothing (no fonts, no scripts, no images) so it works from a CI artifact or
//! `file://` with no network. It shows the two revisions, a summary bar by change kind, the findings by
//! severity when there are any, then one card (`<article id="rec-<id>">`) per changed record with its
//! word-level highlights (`<del>`/`<ins>`). Cosmetic changes are collapsed in `<details>`. The script adds
//! filters (kind, rule, title search), `j`/`k` navigation between visible cards, and deep links by old id;
//! without it the page is complete, only static.
//!
//! Every piece of page text goes through [`escape`] (`& < > " '`), in text and in attributes alike. The
//! one piece of data handed to the script is JSON inside `<script type="application/json">`, written by
//! [`script_json`], which escapes `<`, `>` and `&` so that `</script>` in a file name cannot end the
//! element. Output is deterministic: changes in the model's order, findings sorted, no times.

use super::diff_text::{cosmetic_excerpt, elide, field_label, Piece};
use crate::diagnostic::{Counts, Diagnostic, Severity};
use crate::diff::fields::FieldChange;
use crate::diff::{ChangeKind, PageDiff, RecordChange, RecordRef};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::{self, Write};

/// How to render the HTML report.
#[derive(Debug, Clone, Copy)]
pub struct HtmlOptions {
    /// Words of unchanged text kept on each side of a change.
    pub context: usize,
    /// Open the collapsed cosmetic changes.
    pub show_cosmetic: bool,
}

/// The arrow between an old and a new value; screen readers hear "becomes" instead of "right arrow".
const ARROW: &str =
    "<span class=\"arrow\" aria-hidden=\"true\">→</span><span class=\"sr\"> becomes </span>";

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// `value` as JSON that is safe inside a `<script>` element: `<`, `>` and `&` become `\u003c`, `\u003e`
/// and `\u0026` (they can only occur inside JSON strings, where the escapes mean the same characters).
pub fn script_json(value: &serde_json::Value) -> String {
    let mut out = String::new();
    for c in value.to_string().chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// Record ids are ASCII slugs, but a fragment is percent-encoded anyway so that no id can break a link.
fn fragment(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for b in id.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

use super::plural;

/// Assigns every change a unique element id, `rec-<id>`; a second change with the same record id (a
/// removed record and an unrelated added one can share it) gets `rec-<id>--2`, and so on, in order.
fn card_ids(diff: &PageDiff) -> Vec<String> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    diff.changes
        .iter()
        .map(|c| {
            let n = seen.entry(c.id()).or_insert(0);
            *n += 1;
            if *n == 1 {
                format!("rec-{}", fragment(c.id()))
            } else {
                format!("rec-{}--{n}", fragment(c.id()))
            }
        })
        .collect()
}

fn title_of(r: Option<&RecordRef>) -> &str {
    r.and_then(|r| r.title.as_deref()).unwrap_or("(untitled)")
}

fn date_of(r: Option<&RecordRef>) -> &str {
    r.and_then(|r| r.date.as_deref()).unwrap_or("undated")
}

/// The word-level rendering of one field change, without its label.
fn field_value(f: &FieldChange, context: usize) -> String {
    if f.cosmetic {
        let (o, n) = cosmetic_excerpt(
            f.old.as_deref().unwrap_or(""),
            f.new.as_deref().unwrap_or(""),
            12,
        );
        return format!(
            "<span class=\"cos\"><del>{}</del> {ARROW} <ins>{}</ins></span>",
            escape(&o),
            escape(&n)
        );
    }
    if let Some(words) = &f.words {
        let parts: Vec<String> = elide(&words.ops, context)
            .into_iter()
            .map(|p| match p {
                Piece::Equal(s) => escape(&s),
                Piece::Delete(s) => format!("<del>{}</del>", escape(&s)),
                Piece::Insert(s) => format!("<ins>{}</ins>", escape(&s)),
                Piece::Elided => {
                    "<span class=\"elided\" title=\"unchanged words left out\">…</span>".to_string()
                }
            })
            .collect();
        let mut s = parts.join(" ");
        if words.fell_back {
            s.push_str(
                "<p class=\"note\">Fell back to a coarser diff: the word diff took too long, so the \
                 whole field is shown as replaced.</p>",
            );
        }
        return s;
    }
    let old = f
        .old
        .as_deref()
        .map(|o| format!("<del>{}</del>", escape(o)));
    let new = f
        .new
        .as_deref()
        .map(|n| format!("<ins>{}</ins>", escape(n)));
    match (old, new) {
        (Some(o), Some(n)) => {
            format!("{o} {ARROW} {n}")
        }
        (Some(o), None) => o,
        (None, Some(n)) => n,
        (None, None) => String::new(),
    }
}

fn write_fields(
    out: &mut dyn Write,
    fields: &[&FieldChange],
    opts: &HtmlOptions,
) -> io::Result<()> {
    writeln!(out, "<dl class=\"fields\">")?;
    for f in fields {
        writeln!(
            out,
            "<div class=\"field\"><dt>{}</dt><dd>{}</dd></div>",
            escape(&field_label(f)),
            field_value(f, opts.context)
        )?;
    }
    writeln!(out, "</dl>")
}

/// Real field changes, then the cosmetic ones collapsed.
fn write_field_changes(
    out: &mut dyn Write,
    fields: &[FieldChange],
    opts: &HtmlOptions,
) -> io::Result<()> {
    let real: Vec<&FieldChange> = fields.iter().filter(|f| !f.cosmetic).collect();
    let cosmetic: Vec<&FieldChange> = fields.iter().filter(|f| f.cosmetic).collect();
    if !real.is_empty() {
        write_fields(out, &real, opts)?;
    }
    if !cosmetic.is_empty() {
        writeln!(
            out,
            "<details class=\"cosmetic\"{}><summary>{} (only how the text is written)</summary>",
            if opts.show_cosmetic { " open" } else { "" },
            plural(cosmetic.len(), "cosmetic change", "cosmetic changes")
        )?;
        write_fields(out, &cosmetic, opts)?;
        writeln!(out, "</details>")?;
    }
    Ok(())
}

fn badge(kind: ChangeKind, also: bool) -> String {
    format!(
        "<span class=\"badge k-{0}\">{1}{0}</span>",
        kind.name(),
        if also { "also " } else { "" }
    )
}

fn severity_badge(s: Severity) -> String {
    format!("<span class=\"badge s-{0}\">{0}</span>", s.as_str())
}

/// Position on the page as people count it: `position 3 of 50`.
fn position(r: &RecordRef, of: usize) -> String {
    format!("position {} of {of}", r.index + 1)
}

/// A link to the card of `id`, or the id as text when the report has no card for it.
fn id_link(id: &str, cards: &HashMap<&str, &str>) -> String {
    match cards.get(id) {
        Some(card) => format!("<a href=\"#{card}\"><code>{}</code></a>", escape(id)),
        None => format!("<code>{}</code>", escape(id)),
    }
}

#[allow(clippy::too_many_arguments)]
fn write_card(
    out: &mut dyn Write,
    diff: &PageDiff,
    c: &RecordChange,
    card: &str,
    findings: &[&Diagnostic],
    cards: &HashMap<&str, &str>,
    opts: &HtmlOptions,
) -> io::Result<()> {
    let now = c.new.as_ref().or(c.old.as_ref());
    let mut search = vec![c.id().to_string()];
    for r in [&c.old, &c.new].into_iter().flatten() {
        if let Some(t) = &r.title {
            if !search.contains(t) {
                search.push(t.clone());
            }
        }
    }
    let rules: BTreeSet<&str> = findings.iter().map(|d| d.code).collect();
    writeln!(
        out,
        "<article class=\"card k-{kind}\" id=\"{card}\" data-kind=\"{kind}\" data-rules=\"{rules}\" data-search=\"{search}\" tabindex=\"-1\" aria-labelledby=\"{card}-h\">",
        kind = c.kind.name(),
        rules = escape(&rules.into_iter().collect::<Vec<_>>().join(" ")),
        search = escape(&search.join("\n")),
    )?;
    // The heading: the title, old → new when it changed.
    let (old_title, new_title) = (
        c.old.as_ref().map(|r| title_of(Some(r))),
        c.new.as_ref().map(|r| title_of(Some(r))),
    );
    let heading = match (old_title, new_title) {
        (Some(o), Some(n)) if o != n => {
            format!("<del>{}</del> {ARROW} <ins>{}</ins>", escape(o), escape(n))
        }
        _ => escape(title_of(now)),
    };
    let mut kinds = badge(c.kind, false);
    for k in &c.also {
        kinds.push(' ');
        kinds.push_str(&badge(*k, true));
    }
    writeln!(out, "<header class=\"card-head\">")?;
    writeln!(out, "<p class=\"kinds\">{kinds}</p>")?;
    writeln!(
        out,
        "<h3 id=\"{card}-h\"><a class=\"self\" href=\"#{card}\">{heading}</a></h3>"
    )?;
    // The facts line: id (and old id), date (old → new), where.
    let mut meta = vec![format!("<code class=\"id\">{}</code>", escape(c.id()))];
    if let (Some(o), Some(n)) = (&c.old, &c.new) {
        if o.id != n.id {
            meta.push(format!("was <code>{}</code>", escape(&o.id)));
        }
    }
    let (old_date, new_date) = (
        c.old.as_ref().map(|r| date_of(Some(r))),
        c.new.as_ref().map(|r| date_of(Some(r))),
    );
    meta.push(match (old_date, new_date) {
        (Some(o), Some(n)) if o != n => {
            format!("<del>{}</del> {ARROW} <ins>{}</ins>", escape(o), escape(n))
        }
        _ => format!("<span class=\"date\">{}</span>", escape(date_of(now))),
    });
    meta.push(match (&c.old, &c.new) {
        // A removed record is found in the old file, named so it can be opened there.
        (Some(o), None) => format!("{}:{}", escape(&diff.old.name), o.line),
        (_, Some(n)) => format!("line {}", n.line),
        (None, None) => String::new(),
    });
    writeln!(out, "<p class=\"meta\">{}</p>", meta.join(" · "))?;
    writeln!(out, "</header>")?;
    match c.kind {
        ChangeKind::Added => writeln!(
            out,
            "<p class=\"what\">Only in the new revision ({}).</p>",
            c.new
                .as_ref()
                .map_or(String::new(), |r| position(r, diff.new.records))
        )?,
        ChangeKind::Removed => writeln!(
            out,
            "<p class=\"what\">Only in the old revision ({}).</p>",
            c.old
                .as_ref()
                .map_or(String::new(), |r| position(r, diff.old.records))
        )?,
        _ => {}
    }
    if let (Some(m), Some(o), Some(n)) = (&c.moved, &c.old, &c.new) {
        let after = |a: &Option<String>| {
            a.as_deref().map_or("at the top".to_string(), |id| {
                format!("after {}", id_link(id, cards))
            })
        };
        writeln!(
            out,
            "<p class=\"moved\">Moved: was {} ({}), now {} ({}).</p>",
            after(&m.old_after),
            position(o, diff.old.records),
            after(&m.new_after),
            position(n, diff.new.records),
        )?;
    }
    write_field_changes(out, &c.fields, opts)?;
    if !findings.is_empty() {
        writeln!(out, "<ul class=\"card-findings\" aria-label=\"Findings\">")?;
        for d in findings {
            writeln!(
                out,
                "<li>{} <code>{}</code> {}: {}</li>",
                severity_badge(d.severity),
                escape(d.code),
                escape(d.name),
                escape(&d.message)
            )?;
        }
        writeln!(out, "</ul>")?;
    }
    writeln!(out, "</article>")
}

fn write_summary(out: &mut dyn Write, diff: &PageDiff) -> io::Result<()> {
    writeln!(
        out,
        "<section class=\"summary\" aria-labelledby=\"summary-h\">\n<h2 id=\"summary-h\">Summary</h2>"
    )?;
    let changed: usize = ChangeKind::ALL
        .iter()
        .filter(|&&k| k != ChangeKind::Unchanged)
        .map(|&k| diff.summary.get(k))
        .sum();
    if changed > 0 {
        write!(out, "<div class=\"bar\" aria-hidden=\"true\">")?;
        for k in ChangeKind::ALL {
            let n = diff.summary.get(k);
            if n > 0 && k != ChangeKind::Unchanged {
                write!(
                    out,
                    "<span class=\"seg k-{0}\" style=\"flex-grow:{n}\" title=\"{n} {0}\"></span>",
                    k.name()
                )?;
            }
        }
        writeln!(out, "</div>")?;
    }
    writeln!(out, "<ul class=\"counts\">")?;
    for k in ChangeKind::ALL {
        let n = diff.summary.get(k);
        writeln!(
            out,
            "<li data-summary-kind=\"{0}\"{1}><span class=\"n\">{n}</span> <span class=\"badge k-{0}\">{0}</span></li>",
            k.name(),
            if n == 0 { " class=\"zero\"" } else { "" }
        )?;
    }
    writeln!(out, "</ul>")?;
    writeln!(
        out,
        "<p class=\"verdict\">{}</p>",
        if diff.equivalent {
            "The revisions are equivalent: nothing changed, or only how the text is written."
        } else {
            "The revisions differ."
        }
    )?;
    writeln!(out, "</section>")
}

fn write_findings(
    out: &mut dyn Write,
    findings: &[&Diagnostic],
    cards: &HashMap<&str, &str>,
) -> io::Result<()> {
    let counts = Counts::of(findings.iter().copied());
    writeln!(
        out,
        "<section class=\"findings\" aria-labelledby=\"findings-h\">\n<h2 id=\"findings-h\">Findings</h2>"
    )?;
    writeln!(out, "<ul class=\"counts\">")?;
    for s in Severity::ALL {
        let n = counts.get(s);
        writeln!(
            out,
            "<li data-summary-severity=\"{0}\"{1}><span class=\"n\">{n}</span> {2}</li>",
            s.as_str(),
            if n == 0 { " class=\"zero\"" } else { "" },
            severity_badge(s)
        )?;
    }
    writeln!(out, "</ul>")?;
    if findings.is_empty() {
        writeln!(out, "<p>No findings.</p>")?;
    } else {
        writeln!(out, "<ul class=\"finding-list\">")?;
        for d in findings {
            let record = d
                .record_id
                .as_deref()
                .map_or(String::new(), |id| format!(" {}", id_link(id, cards)));
            writeln!(
                out,
                "<li class=\"finding\" data-rule=\"{code}\">{sev} <code>{code}</code> {name}{record}: {msg} <span class=\"where\">{file}:{line}:{col}</span></li>",
                sev = severity_badge(d.severity),
                code = escape(d.code),
                name = escape(d.name),
                msg = escape(&d.message),
                file = escape(&d.file),
                line = d.location.start.line,
                col = d.location.start.column,
            )?;
        }
        writeln!(out, "</ul>")?;
    }
    writeln!(out, "</section>")
}

fn write_controls(
    out: &mut dyn Write,
    diff: &PageDiff,
    findings: Option<&[&Diagnostic]>,
    card_rules: &BTreeMap<&str, usize>,
    no_findings: usize,
) -> io::Result<()> {
    writeln!(
        out,
        "<form class=\"controls\" role=\"search\" aria-label=\"Filter changes\">"
    )?;
    writeln!(
        out,
        "<fieldset class=\"kinds\"><legend>Change kind</legend>"
    )?;
    for k in ChangeKind::ALL {
        let n = diff.changes.iter().filter(|c| c.kind == k).count();
        if n == 0 {
            continue;
        }
        writeln!(
            out,
            "<label><input type=\"checkbox\" name=\"kind\" value=\"{0}\" checked> <span class=\"badge k-{0}\">{0}</span> <span class=\"n\">{n}</span></label>",
            k.name()
        )?;
    }
    writeln!(out, "</fieldset>")?;
    if findings.is_some_and(|f| !f.is_empty()) {
        writeln!(out, "<fieldset class=\"rules\"><legend>Rule</legend>")?;
        for (code, n) in card_rules {
            writeln!(
                out,
                "<label><input type=\"checkbox\" name=\"rule\" value=\"{0}\" checked> <code>{0}</code> <span class=\"n\">{n}</span></label>",
                escape(code)
            )?;
        }
        writeln!(
            out,
            "<label><input type=\"checkbox\" name=\"rule\" value=\"none\" checked> no finding <span class=\"n\">{no_findings}</span></label>"
        )?;
        writeln!(out, "</fieldset>")?;
    }
    writeln!(
        out,
        "<p class=\"search\"><label for=\"search\">Search titles</label> <input type=\"search\" id=\"search\" name=\"q\" autocomplete=\"off\" placeholder=\"e.g. minister\"></p>"
    )?;
    writeln!(
        out,
        "<p class=\"help\">Keys: <kbd>j</kbd> next, <kbd>k</kbd> previous change.</p>"
    )?;
    writeln!(
        out,
        "<p id=\"shown\" class=\"shown\" role=\"status\" aria-live=\"polite\">Showing {0} of {0} changed records</p>",
        diff.changes.len()
    )?;
    writeln!(out, "</form>")
}

/// Writes the HTML report of `diff`, with `findings` (from `check`) when given: shown by severity at the
/// top, on the cards of the records they are about, and as a filter by rule.
pub fn render(
    diff: &PageDiff,
    findings: Option<&[Diagnostic]>,
    opts: &HtmlOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let ids = card_ids(diff);
    // Record id (new and old) → card, first card wins.
    let mut cards: HashMap<&str, &str> = HashMap::new();
    for (c, card) in diff.changes.iter().zip(&ids) {
        for r in [&c.new, &c.old].into_iter().flatten() {
            cards.entry(r.id.as_str()).or_insert(card.as_str());
        }
    }
    let mut sorted: Vec<&Diagnostic> = findings.unwrap_or_default().iter().collect();
    sorted.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then_with(|| a.sort_key().cmp(&b.sort_key()))
    });
    let card_findings: Vec<Vec<&Diagnostic>> = diff
        .changes
        .iter()
        .map(|c| {
            let own: Vec<&str> = [&c.new, &c.old]
                .into_iter()
                .flatten()
                .map(|r| r.id.as_str())
                .collect();
            sorted
                .iter()
                .copied()
                .filter(|d| d.record_id.as_deref().is_some_and(|id| own.contains(&id)))
                .collect()
        })
        .collect();
    let mut card_rules: BTreeMap<&str, usize> = BTreeMap::new();
    for f in &card_findings {
        let codes: BTreeSet<&str> = f.iter().map(|d| d.code).collect();
        for code in codes {
            *card_rules.entry(code).or_insert(0) += 1;
        }
    }
    let no_findings = card_findings.iter().filter(|f| f.is_empty()).count();

    let title = format!("pagerev diff: {} → {}", diff.old.name, diff.new.name);
    writeln!(out, "<!DOCTYPE html>")?;
    writeln!(out, "<html lang=\"en\">")?;
    writeln!(out, "<head>")?;
    writeln!(out, "<meta charset=\"utf-8\">")?;
    writeln!(
        out,
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
    )?;
    writeln!(out, "<meta name=\"color-scheme\" content=\"light dark\">")?;
    writeln!(out, "<meta name=\"generator\" content=\"pagerev\">")?;
    writeln!(out, "<title>{}</title>", escape(&title))?;
    writeln!(out, "<style>\n{CSS}</style>")?;
    writeln!(out, "</head>")?;
    writeln!(out, "<body>")?;
    writeln!(
        out,
        "<a class=\"skip\" href=\"#changes-h\">Skip to the changes</a>"
    )?;
    writeln!(out, "<header class=\"top\">")?;
    writeln!(out, "<h1>Record diff</h1>")?;
    writeln!(out, "<dl class=\"revisions\">")?;
    for (label, rev) in [("Old revision", &diff.old), ("New revision", &diff.new)] {
        writeln!(
            out,
            "<div><dt>{label}</dt><dd><code class=\"file\">{}</code> · <span class=\"records\">{}</span>{}</dd></div>",
            escape(&rev.name),
            plural(rev.records, "record", "records"),
            rev.title.as_deref().map_or(String::new(), |t| format!(
                " · <q class=\"page-title\">{}</q>",
                escape(t)
            ))
        )?;
    }
    writeln!(out, "</dl>")?;
    writeln!(out, "</header>")?;
    write_controls(
        out,
        diff,
        findings.map(|_| sorted.as_slice()),
        &card_rules,
        no_findings,
    )?;
    writeln!(out, "<main>")?;
    write_summary(out, diff)?;
    if findings.is_some() {
        write_findings(out, &sorted, &cards)?;
    }
    if !diff.page.is_empty() {
        writeln!(
            out,
            "<section class=\"page\" aria-labelledby=\"page-h\">\n<h2 id=\"page-h\">Page header</h2>"
        )?;
        write_field_changes(out, &diff.page, opts)?;
        writeln!(out, "</section>")?;
    }
    writeln!(
        out,
        "<section class=\"changes\" aria-labelledby=\"changes-h\">\n<h2 id=\"changes-h\" tabindex=\"-1\">Changed records</h2>"
    )?;
    if diff.changes.is_empty() {
        writeln!(out, "<p>No record changed.</p>")?;
    }
    for ((c, card), f) in diff.changes.iter().zip(&ids).zip(&card_findings) {
        write_card(out, diff, c, card, f, &cards, opts)?;
    }
    writeln!(
        out,
        "<p class=\"empty\" id=\"none-shown\" hidden>No changed record matches the filters.</p>"
    )?;
    writeln!(out, "</section>")?;
    writeln!(out, "</main>")?;
    writeln!(
        out,
        "<footer><p>Made by pagerev. Deletions are <del>struck through</del>, insertions <ins>underlined</ins>.</p></footer>"
    )?;
    // Old ids of records whose id changed, so that a link made against the old revision still lands.
    let taken: BTreeSet<&str> = ids.iter().map(String::as_str).collect();
    let mut aliases = serde_json::Map::new();
    for (c, card) in diff.changes.iter().zip(&ids) {
        if let (Some(o), Some(n)) = (&c.old, &c.new) {
            let old_card = format!("rec-{}", fragment(&o.id));
            if o.id != n.id && !taken.contains(old_card.as_str()) {
                aliases
                    .entry(old_card)
                    .or_insert_with(|| serde_json::Value::String(card.clone()));
            }
        }
    }
    let data = serde_json::json!({
        "old": { "name": diff.old.name, "records": diff.old.records },
        "new": { "name": diff.new.name, "records": diff.new.records },
        "summary": diff.summary,
        "aliases": aliases,
    });
    writeln!(
        out,
        "<script type=\"application/json\" id=\"pagerev-data\">{}</script>",
        script_json(&data)
    )?;
    writeln!(out, "<script>\n{JS}</script>")?;
    writeln!(out, "</body>")?;
    writeln!(out, "</html>")
}

/// The page's style sheet and script, kept as files of their own so that editors and linters see CSS and
/// JavaScript; both are inlined into every report, which fetches nothing.
const CSS: &str = include_str!("assets/diff.css");
const JS: &str = include_str!("assets/diff.js");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_the_five_html_characters() {
        assert_eq!(
            escape(r#"<script>alert('x')</script> & "q""#),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
    }

    #[test]
    fn script_json_cannot_close_the_script_element() {
        let v = serde_json::json!({ "name": "</script><script>alert(1)</script> & <!--" });
        let s = script_json(&v);
        assert!(
            !s.contains('<') && !s.contains('>') && !s.contains('&'),
            "{s}"
        );
        let back: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back, v);
    }

    #[test]
    fn fragments_are_percent_encoded() {
        assert_eq!(fragment("2023-11-13-a"), "2023-11-13-a");
        assert_eq!(fragment("a\"b c"), "a%22b%20c");
    }
}
