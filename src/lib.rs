//! pagerev: parse scraped revisions of "dated entries" web pages into canonical records, validate them
//! against configurable rules, and diff records between revisions.
//!
//! Data flows one way: [`source::SourceFile`] (checked text) → [`parse::parse`] → [`record::Page`] →
//! rules → diagnostics → reports, and pages × pages → diff → reports.

// No `unsafe` anywhere in pagerev: nothing input or a concurrent writer does can reach undefined
// behaviour in its own code (RELIABILITY.md).
#![forbid(unsafe_code)]

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
