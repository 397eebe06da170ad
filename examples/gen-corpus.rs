//! The page generator on the command line (the generator itself is `tests/common/gen_corpus.rs`), with
//! the options of the Python `gen-corpus` reference tool:
//!
//! ```sh
//! cargo run --release --example gen-corpus -- --records 200000 --out a.txt
//! cargo run --release --example gen-corpus -- --records 200000 --out a.txt --next b.txt --change-rate 0.01 --manifest m.json
//! cargo run --release --example gen-corpus -- --records 5000 --out bad.txt --inject-defects 50 --manifest defects.json
//! ```
//!
//! An example rather than a second binary: it is a tool for the tests and benchmarks, not something
//! `cargo install pagerev` should put on anyone's path.

#[path = "../tests/common/gen_corpus.rs"]
mod gen_corpus;

use anyhow::Context;
use clap::Parser;
use std::path::PathBuf;

/// Generate large synthetic revisions of the official-visits page, deterministic for a given --seed.
#[derive(Parser)]
struct Args {
    /// Entries on the first page.
    #[arg(long)]
    records: usize,
    /// Where to write the first page.
    #[arg(long)]
    out: PathBuf,
    /// Where to write a later revision with edits applied.
    #[arg(long)]
    next: Option<PathBuf>,
    /// Share of the records the later revision edits.
    #[arg(long, default_value_t = 0.01)]
    change_rate: f64,
    /// Defects to plant in the first page, each in its own record.
    #[arg(long, default_value_t = 0)]
    inject_defects: usize,
    /// Where to write the list of edits and defects (JSON).
    #[arg(long)]
    manifest: Option<PathBuf>,
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

fn main() -> anyhow::Result<()> {
    let a = Args::parse();
    let corpus = gen_corpus::generate(&gen_corpus::Options {
        records: a.records,
        seed: a.seed,
        next: a.next.is_some(),
        change_rate: a.change_rate,
        inject_defects: a.inject_defects,
    });
    let write = |path: &PathBuf, text: &str| {
        std::fs::write(path, text).with_context(|| format!("writing {}", path.display()))
    };
    if let (Some(path), Some(text)) = (&a.next, &corpus.next) {
        write(path, text)?;
    }
    write(&a.out, &corpus.page)?;
    if let Some(path) = &a.manifest {
        write(path, &serde_json::to_string_pretty(&corpus.manifest)?)?;
    }
    Ok(())
}
