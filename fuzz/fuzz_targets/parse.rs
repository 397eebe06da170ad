//! Fuzz target `parse`: arbitrary bytes → `SourceFile::from_bytes` → `parse` → `lossless::verify`.
//!
//! Bytes that are not a text page must be rejected with an error, never a panic. A text page must parse
//! (in the detected language and in one forced language), keep every non-blank line in exactly one field,
//! give unique record ids and serialize to JSON; and the same page with LF line endings, or with CRLF
//! line endings and a byte-order mark, must give the same records (issue 2: line endings and a BOM
//! change nothing).
#![no_main]

use libfuzzer_sys::fuzz_target;
use pagerev::lang::Lang;
use pagerev::record::Page;
use pagerev::source::SourceFile;

/// Each record's fields as (field, text), without positions (which move with the line endings).
fn fields(page: &Page<'_>) -> Vec<Vec<(&'static str, String)>> {
    page.records
        .iter()
        .map(|r| {
            let mut f: Vec<(&'static str, String)> = r
                .field_lines()
                .into_iter()
                .map(|(name, t)| (name, t.raw.to_string()))
                .collect();
            f.push(("id", r.id.to_string()));
            f.push(("date", r.date.map(|d| d.to_string()).unwrap_or_default()));
            f
        })
        .collect()
}

fuzz_target!(|data: &[u8]| {
    let Ok(source) = SourceFile::from_bytes("fuzz.txt", data.to_vec()) else {
        return;
    };
    // The forced language depends on the input only, so a crash reproduces from its file alone.
    let forced = Lang::ALL[data.len() % Lang::ALL.len()];
    for lang in [None, Some(forced)] {
        let page = pagerev::parse::parse(&source, lang);
        if let Err(e) = pagerev::lossless::verify(&source, &page) {
            panic!("losslessness broken ({lang:?}): {e}");
        }
        let mut ids = std::collections::HashSet::new();
        for r in &page.records {
            assert!(ids.insert(r.id.as_str()), "duplicate record id {}", r.id);
        }
        if let Err(e) = serde_json::to_vec(&page) {
            panic!("page does not serialize: {e}");
        }
    }
    let lf = source.text().replace("\r\n", "\n").replace('\r', "\n");
    let crlf_bom = format!("\u{feff}{}", lf.replace('\n', "\r\n"));
    let (Ok(lf), Ok(crlf_bom)) = (
        SourceFile::from_text("lf.txt", lf),
        SourceFile::from_text("crlf.txt", crlf_bom),
    ) else {
        panic!("line-ending variants of a valid page were rejected");
    };
    let original = pagerev::parse::parse(&source, None);
    let a = pagerev::parse::parse(&lf, None);
    let b = pagerev::parse::parse(&crlf_bom, None);
    assert_eq!(original.lang, a.lang, "language differs with LF");
    assert_eq!(fields(&original), fields(&a), "records differ with LF");
    assert_eq!(a.lang, b.lang, "language differs with CRLF + BOM");
    assert_eq!(fields(&a), fields(&b), "records differ with CRLF + BOM");
});
