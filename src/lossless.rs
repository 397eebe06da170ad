//! The "nothing is lost" contract, as a check anyone can run: every non-blank line of the source is in
//! exactly one field of one record (or the page title or preamble), and each field's text is exactly that
//! line, trimmed. Tests run it on every corpus file, generated pages and fuzzed input.

use crate::parse::lines::non_blank_lines;
use crate::record::{Page, Text};
use crate::source::SourceFile;
use std::collections::HashMap;

/// A broken contract: which line (`file`, 1-based `line`), and what went wrong with it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LosslessError {
    /// A non-blank line no field holds.
    #[error("{file}:{line}: non-blank line is in no field")]
    Lost {
        /// The page revision.
        file: String,
        /// The line.
        line: u32,
    },
    /// A line two fields hold.
    #[error("{file}:{line}: line is in two fields ({first} and {second})")]
    Twice {
        /// The page revision.
        file: String,
        /// The line.
        line: u32,
        /// The first field holding it.
        first: &'static str,
        /// The second.
        second: &'static str,
    },
    /// A field whose text is not its line's.
    #[error("{file}:{line}: field `{field}` does not hold the line's text")]
    Altered {
        /// The page revision.
        file: String,
        /// The line.
        line: u32,
        /// The field.
        field: &'static str,
    },
    /// A field that points at a blank or missing line.
    #[error("{file}:{line}: field `{field}` refers to a blank or missing line")]
    Invented {
        /// The page revision.
        file: String,
        /// The line.
        line: u32,
        /// The field.
        field: &'static str,
    },
}

/// Every (field name, text) pair of the page, in no particular order.
pub fn page_fields<'a>(page: &Page<'a>) -> Vec<(&'static str, Text<'a>)> {
    let mut out = Vec::new();
    if let Some(t) = page.title {
        out.push(("page title", t.text));
    }
    out.extend(page.preamble.iter().map(|t| ("preamble", *t)));
    for r in &page.records {
        out.extend(r.field_lines());
    }
    out
}

/// Checks the contract for `page` parsed from `source`.
pub fn verify(source: &SourceFile, page: &Page<'_>) -> Result<(), LosslessError> {
    let file = source.name().to_string();
    let mut owner: HashMap<u32, (&'static str, Text<'_>)> = HashMap::new();
    for (field, text) in page_fields(page) {
        if let Some((first, _)) = owner.insert(text.line, (field, text)) {
            return Err(LosslessError::Twice {
                file,
                line: text.line,
                first,
                second: field,
            });
        }
    }
    let mut lines = 0usize;
    for line in non_blank_lines(source.text()) {
        lines += 1;
        let Some((field, text)) = owner.get(&line.line) else {
            return Err(LosslessError::Lost {
                file,
                line: line.line,
            });
        };
        // A title may leave out its list number or bullet (`1. Norlusia` is titled `Norlusia`): the
        // number is the list's, not the entry's, and changes whenever an entry is inserted above.
        let numbered_title = field == &"title"
            && text.start as usize + text.raw.len() == line.start as usize + line.raw.len()
            && crate::parse::list_marker_end(line.raw) == Some((text.start - line.start) as usize);
        if (text.raw != line.raw || text.start != line.start) && !numbered_title {
            return Err(LosslessError::Altered {
                file,
                line: line.line,
                field,
            });
        }
    }
    if lines != owner.len() {
        let (&line, &(field, _)) = owner
            .iter()
            .filter(|(l, _)| non_blank_lines(source.text()).all(|t| t.line != **l))
            .min_by_key(|(l, _)| **l)
            .unwrap_or((
                &0,
                &(
                    "?",
                    Text {
                        raw: "",
                        line: 0,
                        start: 0,
                    },
                ),
            ));
        return Err(LosslessError::Invented { file, line, field });
    }
    Ok(())
}
