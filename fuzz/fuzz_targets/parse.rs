//! Fuzz target `parse`: arbitrary bytes → `SourceFile::from_bytes` → `parse` → `lossless::verify`.
//!
//! Bytes that are not a text page must be rejected with an error, never a panic; a text page must parse
//! (in the detected language and in one forced language), keep every non-blank line in exactly one field,
//! give unique record ids, and serialize to JSON.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pagerev::lang::Lang;
use pagerev::source::SourceFile;

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
});
