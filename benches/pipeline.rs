//! Micro-benchmarks of each pipeline stage on generated pages (divan). Run with
//! `cargo bench --bench pipeline`; the side-by-side comparison with GNU grep and GNU diff is
//! `scripts/bench-vs-peers`, and the latest figures are in BENCHMARKS.md.
//!
//! Inputs come from `../shared/tools/gen-corpus` (the real page's entries, repeated with shifted dates);
//! when it is missing, the bundled seed page repeated stands in.

use pagerev::parse::parse;
use pagerev::source::SourceFile;
use std::path::PathBuf;
use std::sync::OnceLock;

fn main() {
    divan::main();
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
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let gen = root.join("../shared/tools/gen-corpus");
    let dir = std::env::temp_dir().join(format!("pagerev-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join(format!("{records}.txt"));
    let ok = gen.exists()
        && std::process::Command::new("python3")
            .arg(&gen)
            .args(["--records", &records.to_string(), "--out"])
            .arg(&out)
            .status()
            .is_ok_and(|s| s.success());
    if ok {
        return std::fs::read_to_string(&out).unwrap();
    }
    let seed = std::fs::read_to_string(root.join("corpus/official-visits/2023-12.txt")).unwrap();
    let body = seed.split_once('\n').map_or(seed.as_str(), |(_, b)| b);
    let mut text = String::from("Official visits 2018 to 2023\n");
    for _ in 0..records.div_ceil(51) {
        text.push_str(body);
    }
    text
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
