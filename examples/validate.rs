//! Validating a page with the library, as `pagerev validate PAGE` does: read the text, parse it, check
//! it with the rules `rules/default.yaml` configures, and render the findings for people.
//!
//! ```sh
//! cargo run --example validate -- corpus/official-visits/2023-12.txt
//! ```
//!
//! `cargo test` builds this example and runs its test (`test = true` in `Cargo.toml`).

use pagerev::diagnostic::Severity;
use pagerev::report::{self, FileResult, Format, Options};
use pagerev::rules::{check_page, config::RuleSet, CheckContext};
use pagerev::source::SourceFile;
use std::io::Write;

/// Checks the page `name` whose bytes are `bytes`, writes the human report to `out`, and returns the
/// number of errors found.
fn validate(
    name: &str,
    bytes: Vec<u8>,
    out: &mut dyn Write,
) -> Result<usize, Box<dyn std::error::Error>> {
    let source = SourceFile::from_bytes(name, bytes)?;
    let page = pagerev::parse::parse(&source, None);
    let rules = RuleSet::load(&[])?;
    let findings = check_page(&rules, &source, &page, &CheckContext::default());
    let errors = findings
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let options = Options {
        files: 1,
        ..Options::default()
    };
    let mut human = report::reporter(Format::Human, options);
    human.file(
        out,
        FileResult {
            source: &source,
            records: page.records.len(),
            diagnostics: findings.into(),
            omitted: Default::default(),
        },
    )?;
    human.finish(out)?;
    Ok(errors)
}

fn main() -> std::process::ExitCode {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "corpus/official-visits/2023-12.txt".to_string());
    let result = std::fs::read(&path)
        .map_err(|e| format!("{path}: {e}").into())
        .and_then(|bytes| validate(&path, bytes, &mut std::io::stdout().lock()));
    match result {
        Ok(0) => std::process::ExitCode::SUCCESS,
        Ok(_) => std::process::ExitCode::from(1),
        Err(e) => {
            eprintln!("error: {e}");
            std::process::ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_bundled_page_has_the_errors_pagerev_validate_reports() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/corpus/official-visits/2023-12.txt"
        );
        let mut out = Vec::new();
        let errors =
            super::validate("2023-12.txt", std::fs::read(path).unwrap(), &mut out).unwrap();
        let report = String::from_utf8(out).unwrap();
        assert!(errors > 0, "{report}");
        assert!(report.contains("error[PR009]"), "{report}");
        assert!(report.contains("summary: "), "{report}");
    }
}
