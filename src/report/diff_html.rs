//! `pagerev diff --format html`: a self-contained review page for a record diff, optionally with findings.
//!
//! One HTML file with inline CSS and a little inline JavaScript; it fetches nothing (no fonts, no
//! scripts, no images) so it works from a CI artifact or `file://` with no network. It shows the two
//! revisions, a summary bar by change kind, the findings by severity when there are any, then one card
//! (`<article id="rec-<id>">`) per changed record with its word-level highlights (`<del>`/`<ins>`).
//! Cosmetic changes are collapsed in `<details>`. The script adds filters (kind, rule, title search),
//! `j`/`k` navigation between visible cards, and deep links by old id; without it the page is complete,
//! only static.
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

const CSS: &str = r#":root {
  --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --card: #ffffff; --panel: #f6f8fa;
  --border: #d1d9e0; --accent: #0969da; --target: #fff8c5;
  --del-bg: #ffebe9; --del-fg: #82071e; --ins-bg: #dafbe1; --ins-fg: #116329;
  --added-bg: #dafbe1; --added-fg: #116329; --removed-bg: #ffebe9; --removed-fg: #a40e26;
  --retitled-bg: #fbefff; --retitled-fg: #6e40c9; --redated-bg: #fff1e5; --redated-fg: #953800;
  --modified-bg: #fff8c5; --modified-fg: #7d4e00; --moved-bg: #ddf4ff; --moved-fg: #0550ae;
  --cosmetic-bg: #eff2f5; --cosmetic-fg: #424a53; --unchanged-bg: #eff2f5; --unchanged-fg: #424a53;
  --error-bg: #ffebe9; --error-fg: #a40e26; --warning-bg: #fff8c5; --warning-fg: #7d4e00;
  --info-bg: #ddf4ff; --info-fg: #0550ae;
  color-scheme: light dark;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --card: #151b23; --panel: #10151c;
    --border: #3d444d; --accent: #4493f8; --target: #3a2f0b;
    --del-bg: #4c1d22; --del-fg: #ffc1ba; --ins-bg: #123d22; --ins-fg: #aff5b4;
    --added-bg: #123d22; --added-fg: #7ee787; --removed-bg: #4c1d22; --removed-fg: #ffa198;
    --retitled-bg: #2e2150; --retitled-fg: #d2a8ff; --redated-bg: #45260d; --redated-fg: #ffa657;
    --modified-bg: #3b2e05; --modified-fg: #e3b341; --moved-bg: #0c2d6b; --moved-fg: #a5d6ff;
    --cosmetic-bg: #262c36; --cosmetic-fg: #c9d1d9; --unchanged-bg: #262c36; --unchanged-fg: #c9d1d9;
    --error-bg: #4c1d22; --error-fg: #ffa198; --warning-bg: #3b2e05; --warning-fg: #e3b341;
    --info-bg: #0c2d6b; --info-fg: #a5d6ff;
  }
}
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body { margin: 0 auto; max-width: 72rem; padding: 1rem 1.5rem 3rem; background: var(--bg); color: var(--fg);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; }
a { color: var(--accent); }
code, kbd { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 0.9em; }
kbd { border: 1px solid var(--border); border-radius: 4px; padding: 0 0.3em; }
h1 { font-size: 1.5rem; margin: 0 0 0.5rem; }
h2 { font-size: 1.15rem; margin: 1.5rem 0 0.5rem; }
h3 { font-size: 1.05rem; margin: 0.25rem 0; }
.skip { position: absolute; left: -999px; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.skip:focus { left: 1rem; top: 1rem; background: var(--bg); padding: 0.5rem; z-index: 1; }
.revisions { display: grid; grid-template-columns: max-content 1fr; gap: 0.1rem 1rem; margin: 0; }
.revisions div { display: contents; }
.revisions dt { font-weight: 600; }
.revisions dd { margin: 0; }
.revisions code { color: var(--fg); }
.revisions dd, .meta, .where, .help, .what, .moved { color: var(--muted); }
.controls { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1.5rem; margin: 1rem 0;
  padding: 0.6rem 1rem; background: var(--panel); border: 1px solid var(--border); border-radius: 8px; }
.controls fieldset { border: 0; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0.25rem 0.75rem; align-items: center; }
.controls legend { float: left; font-weight: 600; margin-right: 0.5rem; }
.controls label { white-space: nowrap; cursor: pointer; }
.controls p { margin: 0; }
.controls input[type=search] { font: inherit; padding: 0.15rem 0.4rem; color: var(--fg); background: var(--bg);
  border: 1px solid var(--border); border-radius: 6px; }
.controls .n { color: var(--muted); }
.shown { font-weight: 600; }
.badge { display: inline-block; padding: 0 0.5em; border-radius: 999px; font-size: 0.85em; font-weight: 600;
  border: 1px solid currentColor; line-height: 1.5; }
.badge.k-added { background: var(--added-bg); color: var(--added-fg); }
.badge.k-removed { background: var(--removed-bg); color: var(--removed-fg); }
.badge.k-retitled { background: var(--retitled-bg); color: var(--retitled-fg); }
.badge.k-redated { background: var(--redated-bg); color: var(--redated-fg); }
.badge.k-modified { background: var(--modified-bg); color: var(--modified-fg); }
.badge.k-moved { background: var(--moved-bg); color: var(--moved-fg); }
.badge.k-cosmetic { background: var(--cosmetic-bg); color: var(--cosmetic-fg); }
.badge.k-unchanged { background: var(--unchanged-bg); color: var(--unchanged-fg); }
.badge.s-error { background: var(--error-bg); color: var(--error-fg); }
.badge.s-warning { background: var(--warning-bg); color: var(--warning-fg); }
.badge.s-info { background: var(--info-bg); color: var(--info-fg); }
.bar { display: flex; height: 0.9rem; border-radius: 999px; overflow: hidden; border: 1px solid var(--border); max-width: 40rem; }
.seg.k-added { background: var(--added-fg); } .seg.k-removed { background: var(--removed-fg); }
.seg.k-retitled { background: var(--retitled-fg); } .seg.k-redated { background: var(--redated-fg); }
.seg.k-modified { background: var(--modified-fg); } .seg.k-moved { background: var(--moved-fg); }
.seg.k-cosmetic { background: var(--cosmetic-fg); }
.counts { display: flex; flex-wrap: wrap; gap: 0.25rem 1.25rem; list-style: none; padding: 0; margin: 0.5rem 0; }
.counts .n { font-weight: 700; font-variant-numeric: tabular-nums; }
.counts .zero { opacity: 0.75; }
.verdict { margin: 0.25rem 0; }
.finding-list { padding-left: 1.25rem; }
.finding-list li { margin: 0.2rem 0; }
.card { background: var(--card); border: 1px solid var(--border); border-left: 6px solid var(--border);
  border-radius: 8px; padding: 0.6rem 1rem; margin: 0.75rem 0; scroll-margin-top: 1rem; }
.card.k-added { border-left-color: var(--added-fg); } .card.k-removed { border-left-color: var(--removed-fg); }
.card.k-retitled { border-left-color: var(--retitled-fg); } .card.k-redated { border-left-color: var(--redated-fg); }
.card.k-modified { border-left-color: var(--modified-fg); } .card.k-moved { border-left-color: var(--moved-fg); }
.card.k-cosmetic, .card.k-unchanged { border-left-color: var(--cosmetic-fg); }
.card:focus { outline: 3px solid var(--accent); outline-offset: 2px; }
.card:target { background: var(--target); box-shadow: 0 0 0 3px var(--accent); }
.card-head p { margin: 0; }
.card > p { margin: 0.4rem 0 0; }
.card-head .self { color: inherit; text-decoration: none; }
.card-head .self:hover, .card-head .self:focus { text-decoration: underline; }
.meta code.id { color: var(--fg); }
.fields { margin: 0.5rem 0 0; }
.field { display: grid; grid-template-columns: 9rem 1fr; gap: 0 1rem; padding: 0.2rem 0; border-top: 1px dashed var(--border); }
.field dt { color: var(--muted); font-weight: 600; }
.field dd { margin: 0; overflow-wrap: anywhere; }
del { background: var(--del-bg); color: var(--del-fg); text-decoration: line-through; text-decoration-thickness: 1px; border-radius: 3px; padding: 0 0.15em; }
ins { background: var(--ins-bg); color: var(--ins-fg); text-decoration: underline; text-decoration-thickness: 1px; border-radius: 3px; padding: 0 0.15em; }
h3 del, h3 ins { font-weight: inherit; }
.arrow { color: var(--muted); }
.elided { color: var(--muted); }
.note { margin: 0.25rem 0 0; font-style: italic; color: var(--muted); }
details.cosmetic { margin-top: 0.4rem; }
details.cosmetic summary { cursor: pointer; color: var(--muted); }
.card-findings { margin: 0.5rem 0 0; padding-left: 1.25rem; }
footer { margin-top: 2rem; color: var(--muted); font-size: 0.9em; }
@media (max-width: 40rem) { .field { grid-template-columns: 1fr; } }
@media print {
  :root { --bg: #fff; --fg: #000; --card: #fff; --panel: #fff; --muted: #333; --target: #fff; }
  body { max-width: none; padding: 0; font-size: 11pt; }
  .controls, .skip { display: none !important; }
  details::details-content { content-visibility: visible; display: block; }
  details > summary { list-style: none; }
  .card { break-inside: avoid; box-shadow: none !important; }
  .card:target { background: none; }
  a { color: inherit; text-decoration: none; }
}
"#;

const JS: &str = r#"(function () {
  'use strict';
  var cards = Array.prototype.slice.call(document.querySelectorAll('article.card'));
  var kindBoxes = Array.prototype.slice.call(document.querySelectorAll('input[name=kind]'));
  var ruleBoxes = Array.prototype.slice.call(document.querySelectorAll('input[name=rule]'));
  var findingItems = Array.prototype.slice.call(document.querySelectorAll('li.finding[data-rule]'));
  var search = document.getElementById('search');
  var shown = document.getElementById('shown');
  var noneShown = document.getElementById('none-shown');
  var data = {};
  try { data = JSON.parse(document.getElementById('pagerev-data').textContent); } catch (e) { data = {}; }
  var aliases = data.aliases || {};

  function checked(boxes) {
    var set = {};
    boxes.forEach(function (b) { if (b.checked) { set[b.value] = true; } });
    return set;
  }

  function apply() {
    var kinds = checked(kindBoxes);
    var rules = checked(ruleBoxes);
    var q = search.value.trim().toLowerCase();
    var n = 0;
    cards.forEach(function (c) {
      var own = c.getAttribute('data-rules') ? c.getAttribute('data-rules').split(' ') : ['none'];
      var ruleOk = ruleBoxes.length === 0 || own.some(function (r) { return rules[r]; });
      var textOk = !q || c.getAttribute('data-search').toLowerCase().indexOf(q) >= 0;
      var ok = !!kinds[c.getAttribute('data-kind')] && ruleOk && textOk;
      c.hidden = !ok;
      if (ok) { n += 1; }
    });
    findingItems.forEach(function (f) {
      f.hidden = ruleBoxes.length > 0 && !rules[f.getAttribute('data-rule')];
    });
    shown.textContent = 'Showing ' + n + ' of ' + cards.length + ' changed records';
    noneShown.hidden = n > 0 || cards.length === 0;
  }

  function resetFilters() {
    kindBoxes.concat(ruleBoxes).forEach(function (b) { b.checked = true; });
    search.value = '';
    apply();
  }

  function go(card) {
    card.focus({ preventScroll: true });
    card.scrollIntoView({ block: 'start' });
  }

  // A deep link: follow an old id to its card, and show a card the filters hide.
  function followHash() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id) { return; }
    if (!document.getElementById(id) && aliases[id]) {
      location.replace('#' + aliases[id]);
      return;
    }
    var el = document.getElementById(id);
    if (el && el.hidden) {
      resetFilters();
      el.scrollIntoView({ block: 'start' });
    }
  }

  document.addEventListener('keydown', function (e) {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) { return; }
    if (e.key !== 'j' && e.key !== 'k') { return; }
    // Letters typed into a text field are text; on a checkbox or a card they navigate.
    var t = e.target;
    if (t && t.closest && t.closest('textarea, select, [contenteditable]')) { return; }
    if (t && t.tagName === 'INPUT' && !/^(checkbox|radio|button|submit|reset)$/.test(t.type)) { return; }
    var active = document.activeElement && document.activeElement.closest
      ? document.activeElement.closest('article.card') : null;
    if (!active && location.hash) {
      var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
      if (target && target.matches('article.card')) { active = target; }
    }
    var i = active ? cards.indexOf(active) : -1;
    var next = null;
    if (e.key === 'j') {
      for (var a = i + 1; a < cards.length; a += 1) { if (!cards[a].hidden) { next = cards[a]; break; } }
    } else {
      for (var b = i - 1; b >= 0; b -= 1) { if (!cards[b].hidden) { next = cards[b]; break; } }
      if (!next && i < 0) { next = cards.filter(function (c) { return !c.hidden; })[0] || null; }
    }
    if (next) { e.preventDefault(); go(next); }
  });

  var form = document.querySelector('form.controls');
  if (form) { form.addEventListener('submit', function (e) { e.preventDefault(); }); }
  kindBoxes.concat(ruleBoxes).forEach(function (b) { b.addEventListener('change', apply); });
  search.addEventListener('input', apply);
  window.addEventListener('hashchange', followHash);

  // Printing shows every collapsed change.
  var opened = [];
  window.addEventListener('beforeprint', function () {
    opened = Array.prototype.slice.call(document.querySelectorAll('details:not([open])'));
    opened.forEach(function (d) { d.open = true; });
  });
  window.addEventListener('afterprint', function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });

  apply();
  followHash();
}());
"#;

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
