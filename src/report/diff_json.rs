//! `pagerev diff --format json`: the [`PageDiff`] model as JSON, schema `pagerev-diff/1`, documented in
//! `docs/diff-json.md`. Every change in the model is written, cosmetic ones included: tools filter on
//! `kind` themselves.

use crate::diff::PageDiff;
use std::io::Write;

/// Writes `diff` as one pretty-printed JSON document followed by a newline.
pub fn render(diff: &PageDiff, out: &mut dyn Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, diff)?;
    writeln!(out)
}
