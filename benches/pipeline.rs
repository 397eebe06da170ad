//! Micro-benchmarks of each pipeline stage on generated pages (divan). Run with
//! `cargo bench --bench pipeline`; the side-by-side comparison with GNU grep and GNU diff is
//! `scripts/bench-vs-peers`, and the latest figures are in BENCHMARKS.md.
//!
//! Inputs come from the project's page generator, `tests/common/gen_corpus.rs` (the real page's entries,
//! repeated with shifted dates), so the benchmarks need nothing outside the repository.

#[path = "../tests/common/gen_corpus.rs"]
mod gen_corpus;

use pagerev::parse::parse;
use pagerev::source::SourceFile;
use std::sync::OnceLock;

fn main() {
    divan::main();
}

/// A generated pair of revisions (`records` entries, 1% edited), cached per size for the whole run.
fn pair_text(records: usize) -> (&'static str, &'static str) {
    type Pairs = Vec<(usize, &'static str, &'static str)>;
    static CACHE: OnceLock<std::sync::Mutex<Pairs>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let mut cache = cache.lock().unwrap();
    if let Some((_, a, b)) = cache.iter().find(|(n, _, _)| *n == records) {
        return (a, b);
    }
    let corpus = gen_corpus::generate(&gen_corpus::Options {
        next: true,
        ..gen_corpus::Options::new(records)
    });
    let (ta, tb) = (corpus.page, corpus.next.expect("a later revision"));
    let (ta, tb): (&'static str, &'static str) = (
        Box::leak(ta.into_boxed_str()),
        Box::leak(tb.into_boxed_str()),
    );
    cache.push((records, ta, tb));
    (ta, tb)
}

/// A generated page of `records` entries, cached per size for the whole run.
fn page_text(records: usize) -> &'static str {
    static CACHE: OnceLock<std::sync::Mutex<Vec<(usize, &'static str)>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let mut cache = cache.lock().unwrap();
    if let Some((_, t)) = cache.iter().find(|(n, _)| *n == records) {
        return t;
    }
    let text: &'static str = Box::leak(generate(records).into_boxed_str());
    cache.push((records, text));
    text
}

fn generate(records: usize) -> String {
    gen_corpus::generate(&gen_corpus::Options::new(records)).page
}

const SIZES: [usize; 3] = [2_000, 20_000, 200_000];

#[divan::bench(args = SIZES, sample_count = 10)]
fn check_source(bencher: divan::Bencher, records: usize) {
    let text = page_text(records);
    bencher
        .counter(divan::counter::BytesCount::of_str(text))
        .bench(|| SourceFile::from_bytes("bench.txt", text.as_bytes().to_vec()).unwrap());
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn parse_page(bencher: divan::Bencher, records: usize) {
    let source = SourceFile::from_text("bench.txt", page_text(records)).unwrap();
    bencher
        .counter(divan::counter::BytesCount::of_str(source.text()))
        .bench(|| parse(&source, None).records.len());
}

/// Each page rule alone on a 20k-entry page (the registry runs them one after the other).
#[divan::bench(args = pagerev::rules::active().filter(|r| !r.kind.is_drop()).map(|r| r.name), sample_count = 10)]
fn rule(bencher: divan::Bencher, name: &str) {
    use pagerev::rules::{check_page, config::RuleSet, CheckContext};
    let source = SourceFile::from_text("bench.txt", page_text(20_000)).unwrap();
    let page = parse(&source, None);
    let mut rules = RuleSet::defaults();
    rules
        .apply_overrides(&[name.to_string()], &[], &[])
        .unwrap();
    let ctx = CheckContext {
        today: chrono::NaiveDate::from_ymd_opt(2026, 1, 1),
    };
    bencher.bench(|| check_page(&rules, &source, &page, &ctx).len());
}

/// Record matching (identity hash join, then content) of two 20k-entry revisions, 1% edited.
#[divan::bench(args = [2_000, 20_000], sample_count = 10)]
fn match_records(bencher: divan::Bencher, records: usize) {
    let (a, b) = pair_text(records);
    let (sa, sb) = (
        SourceFile::from_text("a.txt", a).unwrap(),
        SourceFile::from_text("b.txt", b).unwrap(),
    );
    let (pa, pb) = (parse(&sa, None), parse(&sb, None));
    bencher.bench(|| {
        pagerev::diff::matching::match_records(
            &pa.records,
            &pb.records,
            pagerev::diff::DEFAULT_THRESHOLD,
        )
        .pairs
        .len()
    });
}

/// The whole record diff (matching, field and word diffs) of the same pair.
#[divan::bench(args = [2_000, 20_000], sample_count = 10)]
fn diff_pages(bencher: divan::Bencher, records: usize) {
    let (a, b) = pair_text(records);
    let (sa, sb) = (
        SourceFile::from_text("a.txt", a).unwrap(),
        SourceFile::from_text("b.txt", b).unwrap(),
    );
    let (pa, pb) = (parse(&sa, None), parse(&sb, None));
    let opts = pagerev::diff::DiffOptions::default();
    bencher.bench(|| pagerev::diff::diff_pages(&pa, &pb, &opts).changes.len());
}

/// Word diff of a typical edited paragraph, and of a 1 MB paragraph rewritten (bounded by the deadline).
#[divan::bench(args = ["paragraph", "1MB-rewrite"], sample_count = 10)]
fn word_diff(bencher: divan::Bencher, case: &str) {
    let (old, new) = if case == "paragraph" {
        let p = "During the visit, participants discussed the concerning rise in violent organized crime across many world regions, and how to strengthen cooperation between INTERPOL and the RCMP even further.";
        (
            p.to_string(),
            p.replace("concerning", "worrying")
                .replace("further", "more"),
        )
    } else {
        let words = |seed: u64| {
            let mut x = seed;
            (0..150_000)
                .map(|_| {
                    x = x
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    format!("w{}", (x >> 33) % 5000)
                })
                .collect::<Vec<_>>()
                .join(" ")
        };
        (words(1), words(2))
    };
    let deadline = std::time::Duration::from_millis(250);
    bencher.bench(|| pagerev::diff::words::diff_words(&old, &new, deadline).fell_back);
}
