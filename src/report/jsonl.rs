//! `--format jsonl`: one finding per line, as JSON — for `grep`, `jq -c` and log pipelines. Files without
//! findings write nothing. When `--max-findings` cut the output, a last line
//! `{"truncated":{"limit":N,"omitted":M}}` says so (it has no `code`, so finding filters skip it).

use super::{Budget, FileResult, Reporter};
use std::io::{self, Write};

/// Writes each finding as one JSON line.
#[derive(Default)]
pub struct Jsonl {
    budget: Budget,
}

impl Jsonl {
    /// A reporter that writes at most `limit` findings.
    pub fn new(limit: Option<usize>) -> Self {
        Jsonl {
            budget: Budget::new(limit),
        }
    }
}

impl Reporter for Jsonl {
    fn file(&mut self, out: &mut dyn Write, result: FileResult<'_>) -> io::Result<()> {
        for d in self.budget.take_file(&result) {
            serde_json::to_writer(&mut *out, d)?;
            writeln!(out)?;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if let Some(t) = self.budget.truncated() {
            serde_json::to_writer(&mut *out, &serde_json::json!({ "truncated": t }))?;
            writeln!(out)?;
        }
        Ok(())
    }
}
