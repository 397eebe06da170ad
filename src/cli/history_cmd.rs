//! `pagerev history DIR`: the record-level history of a page.

use super::args::HistoryArgs;
use super::Outcome;
use std::io::Write;

pub fn run(_args: HistoryArgs, _out: &mut dyn Write) -> anyhow::Result<Outcome> {
    anyhow::bail!("history is not implemented yet")
}
