//! Fuzz target `rules_config`: arbitrary bytes as a `--config` file → `ConfigFile::from_bytes` →
//! `RuleSet::load` (over the embedded defaults).
//!
//! A file must load or fail with `ConfigError::Invalid` listing at least one problem, each in that file at
//! a 1-based line and column, never a panic; a file that loads must run its rules on a small page without
//! panicking (user regexes, timelines and thresholds reach the checks).
#![no_main]

use libfuzzer_sys::fuzz_target;
use pagerev::rules::config::{ConfigError, ConfigFile, RuleSet};
use pagerev::rules::{check_page, CheckContext};
use pagerev::source::SourceFile;

const NAME: &str = "fuzz.yaml";
const PAGE: &str = include_str!("../seeds/parse/head.txt");

fuzz_target!(|data: &[u8]| {
    let placed = |d: &pagerev::diagnostic::Diagnostic| {
        &*d.file == NAME && d.location.start.line >= 1 && d.location.start.column >= 1 && d.is_config()
    };
    let file = match ConfigFile::from_bytes(NAME.to_string(), data.to_vec()) {
        Ok(file) => file,
        Err(p) => {
            assert!(p.diagnostics.iter().all(placed), "{p}");
            return;
        }
    };
    match RuleSet::load(&[file]) {
        Ok(rules) => {
            let Ok(source) = SourceFile::from_text("page.txt", PAGE) else {
                panic!("the sample page is a page");
            };
            let page = pagerev::parse::parse(&source, None);
            let _ = check_page(&rules, &source, &page, &CheckContext::default());
        }
        Err(ConfigError::Invalid(problems)) => {
            assert!(!problems.is_empty(), "Invalid without a problem");
            assert!(problems.diagnostics.iter().all(placed), "{problems}");
            let _ = problems.to_string();
        }
        Err(other) => panic!("a file gave another error: {other}"),
    }
});
