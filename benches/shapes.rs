//! Parse throughput of every page shape the parser knows, against the seed's shape (issue 16, target 6:
//! none more than 1.5× slower per byte). Run with `cargo bench --bench shapes`.
//!
//! Each fixture page under `tests/fixtures/pages*/` (one per layout the parser learned: year headings,
//! dates alone on their line, month-first, bullets, chronologies, other languages…) is repeated until it
//! holds about [`TARGET_BYTES`], so that every page is timed on the same amount of text; the seed's shape
//! is a generated page of the same size. Each is parsed [`RUNS`] times (profile inference included, as
//! `pagerev parse` does) and the best run counts. The table lists the slowest shapes first, with their
//! MB/s and their time per byte relative to the seed's shape; the process exits 1 if any is over 1.5×,
//! or if a page repeated past the inference's sample is read with another profile than the page alone.

#[path = "../tests/common/gen_corpus.rs"]
mod gen_corpus;

use pagerev::parse::{infer_profile, parse, ParseOptions};
use pagerev::source::SourceFile;
use std::time::{Duration, Instant};

/// Bytes each page is repeated to.
const TARGET_BYTES: usize = 8 << 20;
/// Timed parses per page; the best counts (the machine is shared, the minimum is the least noisy).
const RUNS: usize = 3;
/// The target: time per byte at most this many times the seed shape's.
const LIMIT: f64 = 1.5;

fn best_parse(name: &str, text: &str) -> Duration {
    let source = SourceFile::from_text(name, text).expect("a bench page is text");
    (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            let page = parse(&source, None);
            let took = start.elapsed();
            // Dropped after the clock stops, as `pagerev parse` never frees its records.
            drop(std::hint::black_box(page));
            took
        })
        .min()
        .expect("at least one run")
}

/// `page` followed by its entries (the page without its first line, its title) repeated, each copy
/// after a blank line, until it holds `TARGET_BYTES`. Repeating the title too would put one label
/// before thousands of entries, which is another page's shape.
fn repeated(page: &str) -> String {
    let body = page.split_once('\n').map_or(page, |(_, rest)| rest);
    let mut out = String::with_capacity(TARGET_BYTES + page.len() + 2);
    out.push_str(page);
    while out.len() < TARGET_BYTES {
        out.push_str("\n\n");
        out.push_str(body);
    }
    out
}

fn main() {
    // `cargo bench` passes `--bench`; nothing else is read.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let seed = {
        let mut records = 1000;
        loop {
            let page = gen_corpus::generate(&gen_corpus::Options::new(records)).page;
            if page.len() >= TARGET_BYTES {
                break page;
            }
            records *= 2;
        }
    };
    let seed_time = best_parse("seed", &seed);
    let seed_per_byte = seed_time.as_secs_f64() / seed.len() as f64;
    let mut rows = Vec::new();
    let mut changed = Vec::new();
    for dir in ["tests/fixtures/pages", "tests/fixtures/pages-open"] {
        let mut paths: Vec<_> = std::fs::read_dir(root.join(dir))
            .expect("the fixture folder is readable")
            .map(|e| e.expect("a readable entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        paths.sort();
        for path in paths {
            let page = std::fs::read_to_string(&path).expect("fixture pages are UTF-8");
            let name = path
                .strip_prefix(root.join("tests/fixtures"))
                .unwrap_or(&path)
                .display()
                .to_string();
            let text = repeated(&page);
            // A long page of one shape is read as that shape: its profile is the single page's.
            let profile = |t: &str| {
                let src = SourceFile::from_text(name.as_str(), t).expect("a fixture page is text");
                infer_profile(&src, &ParseOptions::default()).profile
            };
            if profile(&page) != profile(&text) {
                changed.push(name.to_string());
            }
            let took = best_parse(&name, &text);
            let per_byte = took.as_secs_f64() / text.len() as f64;
            rows.push((per_byte / seed_per_byte, name.to_string(), text.len(), took));
        }
    }
    rows.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mb_s = |bytes: usize, t: Duration| bytes as f64 / t.as_secs_f64() / 1e6;
    println!(
        "seed shape: {:.1} MB/s ({} bytes in {:.1} ms)",
        mb_s(seed.len(), seed_time),
        seed.len(),
        seed_time.as_secs_f64() * 1e3
    );
    println!("| page | MB/s | time per byte vs the seed's shape |");
    println!("|---|---|---|");
    for (ratio, name, bytes, took) in &rows {
        println!("| {name} | {:.1} | {ratio:.2}× |", mb_s(*bytes, *took));
    }
    let over: Vec<_> = rows.iter().filter(|r| r.0 > LIMIT).collect();
    println!(
        "{} shapes; slowest {:.2}× the seed's time per byte; {} over {LIMIT}×",
        rows.len(),
        rows.first().map_or(0.0, |r| r.0),
        over.len()
    );
    if !changed.is_empty() {
        println!(
            "read as another shape once repeated: {}",
            changed.join(", ")
        );
    }
    if !over.is_empty() || !changed.is_empty() {
        std::process::exit(1);
    }
}
