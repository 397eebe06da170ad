//! Fuzz target `diff`: two arbitrary pages (the input split at its first NUL byte; without one, the page
//! against itself) → parse → `diff_pages` → the text, Markdown and JSON reports.
//!
//! Never a panic or a hang; a page diffed with itself has no change; diff(a, b) and diff(b, a) are mirror
//! images (added ↔ removed) — `PAGEREV_FUZZ_MIRROR=0` turns that check off.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pagerev::diff::{diff_pages, DiffOptions, PageDiff};
use pagerev::record::Page;
use pagerev::report::{diff_json, diff_markdown, diff_text};
use pagerev::source::SourceFile;

fn render(diff: &PageDiff) {
    let mut sink = std::io::sink();
    for stat in [false, true] {
        let text = diff_text::TextOptions {
            color: !stat,
            context: 3,
            stat,
            show_cosmetic: stat,
        };
        assert!(diff_text::render(diff, &text, &mut sink).is_ok());
        let md = diff_markdown::MarkdownOptions {
            context: 3,
            stat,
            show_cosmetic: !stat,
        };
        assert!(diff_markdown::render(diff, &md, &mut sink).is_ok());
    }
    assert!(diff_json::render(diff, &mut sink).is_ok());
}

fn check_self(page: &Page<'_>, opts: &DiffOptions) {
    let d = diff_pages(page, page, opts);
    assert!(d.changes.is_empty(), "a page differs from itself");
    assert!(d.equivalent);
    assert_eq!(d.summary.unchanged, page.records.len());
}

/// The mirror check (RELIABILITY.md, finding 7, fixed) runs unless `PAGEREV_FUZZ_MIRROR=0`.
fn mirror_checked() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("PAGEREV_FUZZ_MIRROR").is_none_or(|v| v != "0"))
}

fuzz_target!(|data: &[u8]| {
    let (a, b) = match data.iter().position(|&x| x == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, data),
    };
    let (Ok(a), Ok(b)) = (
        SourceFile::from_bytes("old.txt", a.to_vec()),
        SourceFile::from_bytes("new.txt", b.to_vec()),
    ) else {
        return;
    };
    let (pa, pb) = (
        pagerev::parse::parse(&a, None),
        pagerev::parse::parse(&b, None),
    );
    let opts = DiffOptions::default();
    let ab = diff_pages(&pa, &pb, &opts);
    render(&ab);
    check_self(&pa, &opts);
    if a.text() != b.text() {
        check_self(&pb, &opts);
        if !mirror_checked() {
            return;
        }
        let ba = diff_pages(&pb, &pa, &opts);
        assert_eq!(ab.summary.added, ba.summary.removed, "added ↔ removed");
        assert_eq!(ab.summary.removed, ba.summary.added, "removed ↔ added");
    }
});
