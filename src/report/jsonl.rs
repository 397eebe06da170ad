//! `--format jsonl`: one finding per line, as JSON — for `grep`, `jq -c` and log pipelines. Files without
//! findings write nothing.

use super::{FileResult, Reporter};
use std::io::{self, Write};

/// Writes each finding as one JSON line.
pub struct Jsonl;

impl Reporter for Jsonl {
    fn file(&mut self, out: &mut dyn Write, result: &FileResult<'_>) -> io::Result<()> {
        for d in result.diagnostics {
            serde_json::to_writer(&mut *out, d)?;
            writeln!(out)?;
        }
        Ok(())
    }

    fn finish(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
}
