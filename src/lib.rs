//! pagerev: parse scraped revisions of "dated entries" web pages into canonical records, validate them
//! against configurable rules, and diff records between revisions.
//!
//! Data flows one way: [`source::SourceFile`] (checked text) → [`parse::parse`] → [`record::Page`] →
//! [`rules::check_page`] → [`diagnostic::Diagnostic`]s → [`report`]s, and pages × pages →
//! [`diff::diff_pages`] → reports.
//!
//! # The modules, in the order data meets them
//!
//! | Module | What it holds |
//! |---|---|
//! | [`source`] | A page revision's text, checked (UTF-8, no NUL byte, not empty) and indexed by line. |
//! | [`parse`] | Text → [`record::Page`]: the layout inferred (or pinned by a `page.yaml`), then one pass over the lines. |
//! | [`record`] | The canonical records: [`record::Page`], [`record::Record`], [`record::Date`], spans. |
//! | [`lang`] | The languages dates are read in. |
//! | [`rules`] | The rules (one file each, listed in [`rules::CODES`]), their configuration ([`rules::config::RuleSet`]) and runners. |
//! | [`diagnostic`] | A finding as plain data: code, severity, message, file, location. |
//! | [`report`] | One module per output format; nothing else formats findings. |
//! | [`diff`] | Record matching between two revisions, field and word diffs, a page's history. |
//! | [`check`] | Gating a new revision: page and drop rules, the baseline, the reviewed snapshot. |
//! | [`baseline`], [`snapshot`], [`fingerprint`] | A page's reviewed state, and the stable identity of a finding. |
//! | [`export`] | Records, findings and changes as tables. |
//! | [`canonical`], [`lossless`], [`yaml`], [`error`] | Canonical text, the "nothing is lost" check, YAML access, input errors. |
//!
//! The `pagerev` binary (`src/main.rs`, `src/cli/`) is the only part that touches files, the terminal and
//! the exit status; it is not part of this library.
//!
//! # Example
//!
//! Parse two revisions, check the newer one with the default rules, report the findings as JSON, and
//! diff the two:
//!
//! ```
//! use pagerev::diff::{diff_pages, DiffOptions};
//! use pagerev::report::{self, FileResult, Format, Options};
//! use pagerev::rules::{check_page, config::RuleSet, CheckContext};
//! use pagerev::source::SourceFile;
//!
//! let old = SourceFile::from_text(
//!     "visits/2023-12.txt",
//!     "Official visits 2023\n\nMinister of Justice of Portugal\n\n\
//!      12 December 2023 – The Secretary General welcomed the Minister.\n",
//! )?;
//! let new = SourceFile::from_text(
//!     "visits/2024-01.txt",
//!     "Official visits 2023\n\nMinister of Justice of Portugal\n\n\
//!      12 December 2023 – The Secretary General welcomed the Minister of Justice.\n\n\
//!      5 November 2023 – An entry without a title.\n",
//! )?;
//! let (old_page, new_page) = (pagerev::parse::parse(&old, None), pagerev::parse::parse(&new, None));
//! assert_eq!(new_page.records.len(), 2);
//! assert_eq!(new_page.records[0].title.map(|t| t.raw), Some("Minister of Justice of Portugal"));
//!
//! // The rules as `rules/default.yaml` configures them.
//! let rules = RuleSet::load(&[])?;
//! let findings = check_page(&rules, &new, &new_page, &CheckContext::default());
//! assert!(findings.iter().any(|d| d.name == "missing-title"));
//!
//! let mut json = Vec::new();
//! let mut reporter = report::reporter(Format::Json, Options::default());
//! reporter.file(&mut json, FileResult { source: &new, records: 2, diagnostics: findings.into(),
//!     omitted: Default::default() })?;
//! reporter.finish(&mut json)?;
//! assert!(String::from_utf8(json)?.contains("\"missing-title\""));
//!
//! let diff = diff_pages(&old_page, &new_page, &DiffOptions::default());
//! assert_eq!((diff.summary.added, diff.summary.modified), (1, 1));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

// No `unsafe` anywhere in pagerev: nothing input or a concurrent writer does can reach undefined
// behaviour in its own code (RELIABILITY.md).
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod baseline;
pub mod canonical;
pub mod check;
pub mod diagnostic;
pub mod diff;
pub mod error;
pub mod export;
pub mod fingerprint;
pub mod lang;
pub mod lossless;
pub mod parse;
pub mod record;
pub mod report;
pub mod rules;
pub mod snapshot;
pub mod source;
pub mod yaml;
