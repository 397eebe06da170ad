//! The human report (the default): rustc-style diagnostics.
//!
//! ```text
//! error[PR009]: entry dated 9 May 2022 has no title
//!    --> corpus/official-visits/2023-12.txt:196:1
//!     |
//! 196 | 9 May 2022 – Slovakia’s Minister of Interior …
//!     | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
//!     = help: add a title line (who visited) above the entry
//! ```
//!
//! The offending line is shown with carets under the span (long lines are cut around it), a related
//! location in the same file is shown with dashes and its label, and a summary line counts findings by
//! severity (of every finding, also those a `--max-findings` limit left out; a `note:` line then says how
//! many were not shown). Colours are used only when asked for (the CLI asks on a terminal, unless `NO_COLOR` is set).
//! Rendering is hand-written: spans are single places on a line plus an optional related line, which a
//! few dozen lines cover without a rendering dependency, and the output stays byte-stable for snapshots.

use super::{count, counts_text, Budget, FileResult, Options, Reporter, Totals};
use crate::diagnostic::{Counts, Diagnostic, Severity};
use crate::source::SourceFile;
use anstyle::{AnsiColor, Style};
use std::io::{self, Write};

/// Longest stretch of a source line shown, in characters.
const MAX_COLUMNS: usize = 100;
/// Characters kept before a span when a long line has to be cut.
const LEAD_IN: usize = 24;

/// Renders findings for people.
pub struct Human {
    options: Options,
    totals: Totals,
    budget: Budget,
}

impl Human {
    /// A reporter with `options` (colour, number of files).
    pub fn new(options: Options) -> Self {
        Human {
            budget: Budget::new(options.max_findings),
            options,
            totals: Totals::default(),
        }
    }

    fn paint(&self, style: Style, text: &str) -> String {
        if self.options.color {
            format!("{}{text}{}", style.render(), style.render_reset())
        } else {
            text.to_string()
        }
    }
}

fn severity_style(s: Severity) -> Style {
    let color = match s {
        Severity::Error => AnsiColor::BrightRed,
        Severity::Warning => AnsiColor::BrightYellow,
        Severity::Info => AnsiColor::BrightCyan,
    };
    Style::new().fg_color(Some(color.into())).bold()
}

fn gutter_style() -> Style {
    Style::new()
        .fg_color(Some(AnsiColor::BrightBlue.into()))
        .bold()
}

fn bold() -> Style {
    Style::new().bold()
}

/// One line of the snippet: its number, the marks under it and their label.
struct Mark {
    line: u32,
    /// 0-based character columns, end exclusive (clamped to the line).
    from: usize,
    to: usize,
    primary: bool,
    label: String,
}

impl Reporter for Human {
    fn file(&mut self, out: &mut dyn Write, result: FileResult<'_>) -> io::Result<()> {
        self.totals.add(&result);
        for d in self.budget.take(&result.diagnostics) {
            self.diagnostic(out, result.source, d)?;
        }
        if self.options.files > 1 {
            let counts = Counts::of(result.diagnostics.iter());
            let line = format!(
                "{}: {} checked, {}",
                result.source.name(),
                count(result.records, "record"),
                counts_text(&counts)
            );
            writeln!(out, "{}", self.paint(bold(), &line))?;
            writeln!(out)?;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if let Some(t) = self.budget.truncated() {
            writeln!(
                out,
                "{}",
                self.paint(bold(), &format!("note: {}", t.message()))
            )?;
        }
        let t = &self.totals;
        let scope = format!(
            "{} ({} checked)",
            count(t.files, "file"),
            count(t.records, "record")
        );
        let line = if t.counts.total() == 0 {
            format!("summary: no findings in {scope}")
        } else {
            format!("summary: {} in {scope}", counts_text(&t.counts))
        };
        writeln!(out, "{}", self.paint(bold(), &line))
    }
}

impl Human {
    fn diagnostic(
        &self,
        out: &mut dyn Write,
        source: &SourceFile,
        d: &Diagnostic,
    ) -> io::Result<()> {
        let sev = severity_style(d.severity);
        let head = format!("{}[{}]", d.severity, d.code);
        writeln!(
            out,
            "{}{}",
            self.paint(sev, &head),
            self.paint(bold(), &format!(": {}", d.message))
        )?;

        if d.file.is_empty() {
            // A problem in the command line (see `Diagnostic::config`): no file to quote.
            if let Some(h) = &d.help {
                writeln!(out, "  {} {h}", self.paint(gutter_style(), "= help:"))?;
            }
            return writeln!(out);
        }
        let start = d.location.start;
        let end = d.location.end;
        let mut marks = vec![Mark {
            line: start.line,
            from: start.column.saturating_sub(1) as usize,
            to: if end.line == start.line {
                end.column.saturating_sub(1) as usize
            } else {
                usize::MAX
            },
            primary: true,
            label: String::new(),
        }];
        let mut notes = Vec::new();
        if end.line > start.line {
            let last = if end.column <= 1 {
                end.line - 1
            } else {
                end.line
            };
            if last > start.line {
                notes.push(format!("the finding spans lines {}–{last}", start.line));
            }
        }
        if let Some(r) = &d.related {
            if r.file == d.file && r.location.start.line != start.line {
                let rs = r.location.start;
                let re = r.location.end;
                marks.push(Mark {
                    line: rs.line,
                    from: rs.column.saturating_sub(1) as usize,
                    to: if re.line == rs.line {
                        re.column.saturating_sub(1) as usize
                    } else {
                        usize::MAX
                    },
                    primary: false,
                    label: r.message.clone(),
                });
            } else {
                notes.push(format!(
                    "{}: {}:{}:{}",
                    r.message, r.file, r.location.start.line, r.location.start.column
                ));
            }
        }
        marks.sort_by_key(|m| m.line);

        let width = marks
            .iter()
            .map(|m| m.line.to_string().len())
            .max()
            .unwrap_or(1);
        let pad = " ".repeat(width);
        let gutter = |s: &str| self.paint(gutter_style(), s);
        writeln!(
            out,
            "{pad}{} {}:{}:{}",
            gutter("-->"),
            d.file,
            start.line,
            start.column
        )?;
        writeln!(out, "{pad} {}", gutter("|"))?;
        let mut prev_line: Option<u32> = None;
        for m in &marks {
            if prev_line.is_some_and(|p| m.line > p + 1) {
                writeln!(out, "{}", gutter("..."))?;
            }
            prev_line = Some(m.line);
            let text: String = source
                .line_text(m.line)
                .chars()
                .map(|c| if c == '\t' { ' ' } else { c })
                .collect();
            let (shown, caret_from, caret_to) = window(&text, m.from, m.to);
            writeln!(
                out,
                "{} {} {}",
                gutter(&format!("{:>width$}", m.line)),
                gutter("|"),
                shown.trim_end()
            )?;
            let (ch, style) = if m.primary {
                ('^', sev)
            } else {
                ('-', gutter_style())
            };
            let underline: String = std::iter::repeat_n(ch, caret_to - caret_from).collect();
            let label = if m.label.is_empty() {
                String::new()
            } else {
                format!(" {}", m.label)
            };
            writeln!(
                out,
                "{pad} {} {}{}",
                gutter("|"),
                " ".repeat(caret_from),
                self.paint(style, &format!("{underline}{label}"))
            )?;
        }
        for n in notes {
            writeln!(out, "{pad} {} {n}", gutter("= note:"))?;
        }
        if let Some(h) = &d.help {
            writeln!(out, "{pad} {} {h}", gutter("= help:"))?;
        }
        writeln!(out)
    }
}

/// Cuts `text` to at most [`MAX_COLUMNS`] characters around the span `from..to` (character columns), and
/// returns the shown text with the span's columns in it (at least one column wide).
fn window(text: &str, from: usize, to: usize) -> (String, usize, usize) {
    let chars: Vec<char> = text.chars().collect();
    let len = chars.len();
    let from = from.min(len);
    let to = to.min(len).max(from);
    if len <= MAX_COLUMNS {
        let to = if to == from { from + 1 } else { to };
        return (text.to_string(), from, to);
    }
    let start = if to < MAX_COLUMNS {
        0
    } else {
        from.saturating_sub(LEAD_IN)
    };
    let end = (start + MAX_COLUMNS).min(len);
    let mut shown = String::new();
    let mut offset = 0;
    if start > 0 {
        shown.push('…');
        offset = 1;
    }
    shown.extend(&chars[start..end]);
    if end < len {
        shown.push('…');
    }
    let caret_from = from - start + offset;
    let visible_to = to.min(end);
    let mut caret_to = visible_to.saturating_sub(start) + offset;
    if to > end {
        caret_to += 1; // underline the ellipsis too: the span goes on
    }
    if caret_to <= caret_from {
        caret_to = caret_from + 1;
    }
    (shown, caret_from, caret_to)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_lines_are_shown_whole() {
        assert_eq!(window("abc def", 4, 7), ("abc def".to_string(), 4, 7));
        assert_eq!(window("abc", 1, 1), ("abc".to_string(), 1, 2));
    }

    #[test]
    fn long_lines_are_cut_around_the_span() {
        let line = "x".repeat(300);
        let (shown, a, b) = window(&line, 200, 210);
        assert!(shown.starts_with('…') && shown.ends_with('…'));
        assert_eq!(shown.chars().count(), MAX_COLUMNS + 2);
        assert_eq!((a, b), (LEAD_IN + 1, LEAD_IN + 11));
        let (shown, a, b) = window(&line, 0, 300);
        assert!(!shown.starts_with('…'));
        assert_eq!((a, b), (0, MAX_COLUMNS + 1));
    }
}
