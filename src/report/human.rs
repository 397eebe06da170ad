//! The human report (the default): rustc-style diagnostics, laid out by `annotate-snippets`, the crate
//! rustc itself renders its diagnostics with.
//!
//! ```text
//! error[PR009]: entry dated 9 May 2022 has no title
//!    --> corpus/official-visits/2023-12.txt:158:1
//!     |
//! 158 | 9 May 2022 - The Executive Director of the Caribbean Community (CARICOM) Implementation Agency for C...
//!     | ^^^^^^^^^^
//!     |
//!     = help: add a title line (who visited) above the entry
//! ```
//!
//! The finding's span is underlined with carets (drawn across its lines when it spans several; long
//! lines are cut after it, with `...`). A related place in the same file is underlined with dashes and
//! its label, in the same snippet when it is near and under its own `:::` header when it is not; a
//! related place in another file is a note. A summary line counts findings by severity (of every finding,
//! also those a `--max-findings` limit left out; a `note:` line then says how many were not shown).
//!
//! Page text reaches the renderer with its control characters already written as `\u{1b}`
//! ([`super::control`]), so the underlines stay aligned with what the terminal shows and no page can send
//! escapes to it. Colours are used only when asked for (the CLI asks on a terminal, unless `NO_COLOR` is
//! set), with the same palette on every platform. The layout does not depend on the terminal's width, so
//! the output is deterministic.

use super::{control, count, counts_text, Budget, FileResult, Options, Reporter, Totals};
use crate::diagnostic::{Diagnostic, Location, Severity};
use crate::source::SourceFile;
use annotate_snippets::{Annotation, AnnotationKind, Group, Level, Renderer, Snippet};
use anstyle::{AnsiColor, Style};
use std::borrow::Cow;
use std::io::{self, Write};
use std::ops::Range;

/// Characters of a page line shown from the first mark on it. annotate-snippets cuts a line around its
/// marks but never inside one (rustc's lines are code, and short); a page line is a paragraph, and a mark
/// often all of it, so lines are cut this far after their first mark before they are handed over.
const MAX_COLUMNS: usize = 100;
/// Where the cut is shown, as the renderer shows its own.
const CUT: &str = "...";
/// The width the renderer lays out for (a fixed width, not the terminal's, keeps the output
/// deterministic).
const TERM_WIDTH: usize = 120;
/// A multi-line span, or a finding and its related place, is shown in one snippet when it covers at most
/// this many lines...
const NEAR_LINES: u32 = 16;
/// ...and this many bytes of the page. Farther places get a snippet each, and a longer span is shown on
/// its first line with a note: rendering a finding never reads more of the page than that.
const NEAR_BYTES: usize = 16 * 1024;

/// Renders findings for people.
pub struct Human {
    options: Options,
    totals: Totals,
    budget: Budget,
    renderer: Renderer,
}

impl Human {
    /// A reporter with `options` (colour, number of files).
    pub fn new(options: Options) -> Self {
        let renderer = if options.color {
            Renderer::styled()
                .error(severity_style(Severity::Error))
                .warning(severity_style(Severity::Warning))
                .info(severity_style(Severity::Info))
                .note(bold())
                .help(bold())
                .line_num(gutter_style())
                .context(gutter_style())
                .emphasis(bold())
                .none(Style::new())
        } else {
            Renderer::plain()
        };
        Human {
            budget: Budget::new(options.max_findings),
            options,
            totals: Totals::default(),
            renderer: renderer.term_width(TERM_WIDTH),
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

impl Reporter for Human {
    fn file(&mut self, out: &mut dyn Write, result: FileResult<'_>) -> io::Result<()> {
        self.totals.add(&result);
        for d in self.budget.take_file(&result) {
            self.diagnostic(out, result.source, d)?;
        }
        if self.options.files > 1 {
            let counts = result.counts();
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
        let level = match d.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
            Severity::Info => Level::INFO,
        };
        let mut group =
            Group::with_title(level.primary_title(control::escape(&d.message)).id(d.code));
        let file = control::escape(&d.file);
        let mut notes = Vec::new();

        if d.file.is_empty() {
            // A problem in the command line (see `Diagnostic::config`): no file to quote.
            if let Some(h) = &d.help {
                group = group.element(Level::HELP.message(control::escape(h)));
            }
            writeln!(out, "{}", self.renderer.render(&[group]))?;
            return writeln!(out);
        }
        let mut primary = Place::of(&d.location);
        if !near(source, primary.first, primary.last) {
            notes.push(format!(
                "the finding spans lines {}–{}",
                primary.first, primary.last
            ));
            primary = primary.first_line();
        }
        let primary = Mark {
            kind: AnnotationKind::Primary,
            place: primary,
            label: None,
        };
        match &d.related {
            Some(r) if r.file == d.file => {
                let mut place = Place::of(&r.location);
                if !near(source, place.first, place.last) {
                    place = place.first_line();
                }
                let related = Mark {
                    kind: AnnotationKind::Context,
                    place,
                    label: Some(control::escape(&r.message)),
                };
                let first = place.first.min(primary.place.first);
                let last = place.last.max(primary.place.last);
                if near(source, first, last) {
                    group = group.element(snippet(source, &file, [primary, related]));
                } else {
                    group = group
                        .element(snippet(source, &file, [primary]))
                        .element(snippet(source, &file, [related]));
                }
            }
            Some(r) => {
                notes.push(format!(
                    "{}: {}:{}:{}",
                    r.message, r.file, r.location.start.line, r.location.start.column
                ));
                group = group.element(snippet(source, &file, [primary]));
            }
            None => group = group.element(snippet(source, &file, [primary])),
        }
        for n in notes {
            group = group.element(Level::NOTE.message(control::escape(&n).into_owned()));
        }
        if let Some(h) = &d.help {
            group = group.element(Level::HELP.message(control::escape(h)));
        }
        writeln!(out, "{}", self.renderer.render(&[group]))?;
        writeln!(out)
    }
}

/// A place to underline: lines `first..=last`, from character column `from` (0-based) of the first to
/// column `to` of the last (exclusive; `None`: to the end of that line).
#[derive(Debug, Clone, Copy)]
struct Place {
    first: u32,
    last: u32,
    from: usize,
    to: Option<usize>,
}

impl Place {
    /// The lines and columns of `loc`; a location ending at the start of a line ends on the line before.
    fn of(loc: &Location) -> Place {
        let (start, end) = (loc.start, loc.end);
        let first = start.line.max(1);
        let from = start.column.saturating_sub(1) as usize;
        if end.line <= first {
            let to = end.column.saturating_sub(1) as usize;
            Place {
                first,
                last: first,
                from,
                to: Some(to.max(from)),
            }
        } else if end.column <= 1 {
            Place {
                first,
                last: end.line - 1,
                from,
                to: None,
            }
        } else {
            Place {
                first,
                last: end.line,
                from,
                to: Some(end.column as usize - 1),
            }
        }
    }

    /// The place cut to its first line.
    fn first_line(self) -> Place {
        Place {
            last: self.first,
            to: if self.last == self.first {
                self.to
            } else {
                None
            },
            ..self
        }
    }
}

/// Whether lines `first..=last` are few and short enough to show together (one line always is).
fn near(source: &SourceFile, first: u32, last: u32) -> bool {
    first == last
        || (last - first < NEAR_LINES
            && source.line_start(last.saturating_add(1)) - source.line_start(first) <= NEAR_BYTES)
}

/// An underline and its label.
struct Mark<'a> {
    kind: AnnotationKind,
    place: Place,
    label: Option<Cow<'a, str>>,
}

/// The snippet of the lines `marks` cover, with their underlines.
fn snippet<'a, const N: usize>(
    source: &SourceFile,
    path: &'a str,
    marks: [Mark<'a>; N],
) -> Snippet<'a, Annotation<'a>> {
    let first = marks.iter().map(|m| m.place.first).min().unwrap_or(1);
    let last = marks.iter().map(|m| m.place.last).max().unwrap_or(first);
    let excerpt = Excerpt::new(source, first, last, &marks);
    let annotations: Vec<Annotation<'a>> = marks
        .into_iter()
        .map(|m| m.kind.span(excerpt.span(source, &m.place)).label(m.label))
        .collect();
    Snippet::source(excerpt.text)
        .line_start(first as usize)
        .path(path)
        .fold(true)
        .annotations(annotations)
}

/// Lines of a page as the renderer gets them: cut [`MAX_COLUMNS`] characters after the first mark on
/// them, tabs as one space, control characters as `\u{1b}`.
struct Excerpt {
    first: u32,
    text: String,
    lines: Vec<Shown>,
}

/// One line of an [`Excerpt`].
struct Shown {
    /// Where the line starts in the text, and where it ends (after [`CUT`] when it was cut).
    at: usize,
    end_at: usize,
    /// How many characters of the page's line are shown.
    shown: usize,
}

impl Excerpt {
    fn new(source: &SourceFile, first: u32, last: u32, marks: &[Mark<'_>]) -> Excerpt {
        let mut text = String::new();
        let mut lines = Vec::new();
        for line in first..=last {
            if line > first {
                text.push('\n');
            }
            let from = marks
                .iter()
                .filter(|m| (m.place.first..=m.place.last).contains(&line))
                .map(|m| {
                    if line == m.place.first {
                        m.place.from
                    } else {
                        0
                    }
                })
                .min()
                .unwrap_or(0);
            let shown = from.saturating_add(MAX_COLUMNS);
            let at = text.len();
            let page_line = source.line_text(line);
            let (prefix, cut) = match page_line.char_indices().nth(shown) {
                Some((i, _)) => (&page_line[..i], true),
                None => (page_line, false),
            };
            match control::escape(prefix) {
                Cow::Borrowed(plain) => text.push_str(plain),
                Cow::Owned(_) => prefix.chars().for_each(|c| push_shown(&mut text, c)),
            }
            if cut {
                text.push_str(CUT);
            }
            lines.push(Shown {
                at,
                end_at: text.len(),
                shown,
            });
        }
        Excerpt { first, text, lines }
    }

    /// The byte range `place` covers in the text (on character boundaries, within its lines).
    fn span(&self, source: &SourceFile, place: &Place) -> Range<usize> {
        let from = self.offset(source, place.first, Some(place.from));
        let to = self.offset(source, place.last, place.to).max(from);
        from..to
    }

    /// The byte offset of character `column` of `line`; past what is shown (or `None`), the end of the
    /// line, after [`CUT`] when it was cut.
    fn offset(&self, source: &SourceFile, line: u32, column: Option<usize>) -> usize {
        let line_shown = &self.lines[(line - self.first) as usize];
        match column {
            Some(column) if column <= line_shown.shown => {
                let page_line = source.line_text(line);
                let prefix = page_line
                    .char_indices()
                    .nth(column)
                    .map_or(page_line, |(i, _)| &page_line[..i]);
                let width = match control::escape(prefix) {
                    Cow::Borrowed(plain) => plain.len(),
                    Cow::Owned(_) => prefix.chars().map(shown_len).sum(),
                };
                (line_shown.at + width).min(line_shown.end_at)
            }
            _ => line_shown.end_at,
        }
    }
}

/// Appends `c` as shown: a tab as one space, a control character as `\u{1b}`-style text.
fn push_shown(out: &mut String, c: char) {
    match c {
        '\t' => out.push(' '),
        c => out.push_str(&control::escape(c.encode_utf8(&mut [0; 4]))),
    }
}

/// The length in bytes of `c` as shown (see [`push_shown`]).
fn shown_len(c: char) -> usize {
    match c {
        '\t' => 1,
        c => control::escape(c.encode_utf8(&mut [0; 4])).len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Position, Related};

    fn at(source: &SourceFile, line: u32, column: u32) -> Position {
        let start = source.line_start(line);
        let byte = source.text()[start..]
            .char_indices()
            .nth(column as usize - 1)
            .map_or(source.text().len(), |(i, _)| start + i);
        Position {
            line,
            column,
            byte: byte as u32,
        }
    }

    fn finding(source: &SourceFile, start: (u32, u32), end: (u32, u32)) -> Diagnostic {
        Diagnostic {
            code: "PR004",
            name: "duplicated-caption",
            severity: Severity::Error,
            message: "message".into(),
            record_id: None,
            record_index: None,
            file: source.name().into(),
            location: Location {
                start: at(source, start.0, start.1),
                end: at(source, end.0, end.1),
            },
            related: None,
            help: None,
        }
    }

    fn render(source: &SourceFile, d: &Diagnostic) -> String {
        let mut out = Vec::new();
        Human::new(Options::default())
            .diagnostic(&mut out, source, d)
            .unwrap();
        String::from_utf8(out).unwrap()
    }

    /// The line after the one holding `needle`, and the column (in characters) where `needle` starts.
    fn underline_of<'a>(out: &'a str, needle: &str) -> (&'a str, usize) {
        let lines: Vec<&str> = out.lines().collect();
        let i = lines.iter().position(|l| l.contains(needle)).unwrap();
        let column = lines[i][..lines[i].find(needle).unwrap()].chars().count();
        (lines[i + 1], column)
    }

    #[test]
    fn control_characters_are_shown_and_the_underline_stays_under_the_span() {
        let text = "Title\n\n1 May 2020 – a\x1b[8m\tb\u{202e} TARGET here\n";
        let source = SourceFile::from_text("p.txt", text).unwrap();
        let d = finding(&source, (3, 23), (3, 29));
        let out = render(&source, &d);
        assert!(!out.contains('\x1b') && !out.contains('\u{202e}'), "{out}");
        assert!(out.contains("a\\u{1b}[8m b\\u{202e} TARGET here"), "{out}");
        let (underline, column) = underline_of(&out, "TARGET");
        assert_eq!(underline.chars().skip(column).collect::<String>(), "^^^^^^");
    }

    #[test]
    fn long_lines_are_cut_around_the_span() {
        let text = format!("Title\n\n{}TARGET{}\n", "x ".repeat(150), " y".repeat(150));
        let source = SourceFile::from_text("p.txt", text).unwrap();
        let d = finding(&source, (3, 301), (3, 307));
        let out = render(&source, &d);
        assert!(
            out.lines().all(|l| l.chars().count() <= TERM_WIDTH),
            "{out}"
        );
        assert!(out.contains(CUT), "{out}");
        assert!(out.contains("--> p.txt:3:301"), "{out}");
        let (underline, column) = underline_of(&out, "TARGET");
        assert_eq!(underline.chars().skip(column).collect::<String>(), "^^^^^^");
    }

    #[test]
    fn related_places_far_away_get_their_own_snippet_and_long_spans_a_note() {
        let mut text = String::from("Title\n\nCaption\n");
        text.push_str(&"filler\n".repeat(40));
        text.push_str("Caption\nCaption\n");
        let source = SourceFile::from_text("p.txt", text).unwrap();
        let mut d = finding(&source, (44, 1), (45, 8));
        d.related = Some(Box::new(Related {
            message: "first shown here".into(),
            record_id: None,
            file: "p.txt".into(),
            location: Location {
                start: at(&source, 3, 1),
                end: at(&source, 3, 8),
            },
        }));
        let out = render(&source, &d);
        assert!(out.contains("::: p.txt:3:1"), "{out}");
        assert!(out.contains("first shown here"), "{out}");
        assert!(!out.contains("filler"), "{out}");
        // Near: one snippet, the lines between elided.
        d.related.as_mut().unwrap().location = Location {
            start: at(&source, 40, 1),
            end: at(&source, 40, 7),
        };
        let out = render(&source, &d);
        assert!(!out.contains(":::"), "{out}");
        // A span over more lines than are shown together: its first line and a note.
        let text = format!("Title\n\n{}", "Caption\n".repeat(40));
        let source = SourceFile::from_text("p.txt", text).unwrap();
        let d = finding(&source, (3, 1), (43, 1));
        let out = render(&source, &d);
        assert!(
            out.contains("= note: the finding spans lines 3–42"),
            "{out}"
        );
        assert_eq!(out.matches("Caption").count(), 1, "{out}");
    }

    #[test]
    fn any_location_renders_without_panicking() {
        let text = "T\tï\u{1b}é\n\n\u{301}x\r\nlast line 😀 with more";
        let source = SourceFile::from_text("p.txt", text).unwrap();
        let pos = |line, column| Position {
            line,
            column,
            byte: 0,
        };
        for (l1, c1, l2, c2) in (0..6)
            .flat_map(|l1| (0..8).map(move |c1| (l1, c1)))
            .flat_map(|(l1, c1)| (0..6).flat_map(move |l2| (0..8).map(move |c2| (l1, c1, l2, c2))))
        {
            let mut d = finding(&source, (1, 1), (1, 2));
            d.location = Location {
                start: pos(l1, c1),
                end: pos(l2, c2),
            };
            d.related = Some(Box::new(Related {
                message: "here".into(),
                record_id: None,
                file: "p.txt".into(),
                location: Location {
                    start: pos(l2, c2),
                    end: pos(l1, c1),
                },
            }));
            let out = render(&source, &d);
            assert!(out.starts_with("error[PR004]: message\n"), "{out}");
        }
    }
}
