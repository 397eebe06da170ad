//! Reading any dated-entry page: every fixture under `tests/fixtures/pages/` (one per page shape and
//! language, written in the shape of real pages) against its hand-written truth file. Prints a score table
//! per shape and fails below 100%; checks that nothing is lost on every fixture.

mod common;

use pagerev::parse::parse;
use pagerev::record::{Page, Precision, YearSource};
use pagerev::source::SourceFile;
use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Truth {
    shape: String,
    lang: String,
    page_title: Option<String>,
    records: Vec<TruthRecord>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TruthRecord {
    title: Option<String>,
    date: Option<String>,
    #[serde(default)]
    end: Option<String>,
    #[serde(default)]
    precision: Option<String>,
    #[serde(default)]
    year_source: Option<String>,
    #[serde(default)]
    captions: Option<usize>,
    #[serde(default)]
    lead: Option<String>,
}

/// Every page of the folder `rel` (from the repository's root) with its truth file.
fn fixtures_in(rel: &str) -> Vec<(PathBuf, PathBuf)> {
    let dir = common::repo_root().join(rel);
    let mut out: Vec<(PathBuf, PathBuf)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| {
            let truth = p.with_extension("truth.yaml");
            (p, truth)
        })
        .collect();
    out.sort();
    out
}

fn load(path: &Path) -> SourceFile {
    let name = path
        .strip_prefix(common::repo_root())
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/");
    SourceFile::from_bytes(name, std::fs::read(path).unwrap()).unwrap()
}

fn precision_name(p: Precision) -> &'static str {
    match p {
        Precision::Day => "day",
        Precision::Month => "month",
        Precision::Year => "year",
    }
}

/// What a parsed record says, in the truth file's terms.
fn got_record(page: &Page<'_>, i: usize) -> TruthRecord {
    let r = &page.records[i];
    TruthRecord {
        title: r.title.map(|t| t.raw.to_string()),
        date: r.date.map(|d| d.start.to_string()),
        end: r.date.and_then(|d| d.end).map(|e| e.to_string()),
        precision: r.date.map(|d| precision_name(d.precision).to_string()),
        year_source: Some(r.year_source.name().to_string()),
        captions: Some(r.captions.len()),
        lead: r.lead.map(|l| l.text.raw.to_string()),
    }
}

/// The differences between a truth record and a parsed one (empty when they agree).
fn differences(want: &TruthRecord, got: &TruthRecord) -> Vec<String> {
    let mut out = Vec::new();
    let mut check = |field: &str, w: Option<&str>, g: Option<&str>| {
        if w != g {
            out.push(format!("{field}: want {w:?}, got {g:?}"));
        }
    };
    check("title", want.title.as_deref(), got.title.as_deref());
    check("date", want.date.as_deref(), got.date.as_deref());
    check("end", want.end.as_deref(), got.end.as_deref());
    if want.date.is_some() {
        check(
            "precision",
            Some(want.precision.as_deref().unwrap_or("day")),
            got.precision.as_deref(),
        );
    }
    let source = want
        .year_source
        .as_deref()
        .unwrap_or(YearSource::Written.name());
    // A record without a date may say its year is missing or nothing at all.
    let got_source = got.year_source.as_deref();
    if !(want.date.is_none() && source == "written" && got_source == Some("missing")) {
        check("year_source", Some(source), got_source);
    }
    if let Some(c) = want.captions {
        if got.captions != Some(c) {
            out.push(format!("captions: want {c}, got {:?}", got.captions));
        }
    }
    if let Some(lead) = &want.lead {
        if !got
            .lead
            .as_deref()
            .is_some_and(|g| g.starts_with(lead.as_str()))
        {
            out.push(format!(
                "lead: want it to start with {lead:?}, got {:?}",
                got.lead
            ));
        }
    }
    out
}

/// How a folder of pages reads against their truths.
struct Score {
    /// Shape, fixture name, records right, records in the truth.
    rows: Vec<(String, String, usize, usize)>,
    /// Each page that differs from its truth, with its differences.
    failures: Vec<String>,
    right: usize,
    total: usize,
}

/// Parses every page (checking that nothing is lost) and compares it with its truth.
fn score(fixtures: &[(PathBuf, PathBuf)]) -> Score {
    let mut rows: Vec<(String, String, usize, usize)> = Vec::new();
    let mut failures: Vec<String> = Vec::new();
    for (page_path, truth_path) in fixtures {
        let text = std::fs::read_to_string(truth_path)
            .unwrap_or_else(|e| panic!("{}: {e}", truth_path.display()));
        let truth: Truth = pagerev::yaml::from_str(&text)
            .unwrap_or_else(|e| panic!("{}: {e}", truth_path.display()));
        let source = load(page_path);
        let page = parse(&source, None);
        pagerev::lossless::verify(&source, &page).unwrap();
        let name = page_path.file_name().unwrap().to_string_lossy().to_string();
        let mut right = 0;
        let mut page_failures = Vec::new();
        if page.lang.code() != truth.lang {
            page_failures.push(format!(
                "lang: want {}, got {}",
                truth.lang,
                page.lang.code()
            ));
        }
        let got_title = page.title.map(|t| t.text.raw.to_string());
        if got_title != truth.page_title {
            page_failures.push(format!(
                "page title: want {:?}, got {got_title:?}",
                truth.page_title
            ));
        }
        if page.records.len() != truth.records.len() {
            page_failures.push(format!(
                "{} records, want {}: {:?}",
                page.records.len(),
                truth.records.len(),
                page.records
                    .iter()
                    .map(|r| r.id.as_str())
                    .collect::<Vec<_>>()
            ));
        }
        for (i, want) in truth.records.iter().enumerate() {
            if i >= page.records.len() {
                break;
            }
            let got = got_record(&page, i);
            let diff = differences(want, &got);
            if diff.is_empty() {
                right += 1;
            } else {
                page_failures.push(format!(
                    "record {i} ({}): {}",
                    page.records[i].id,
                    diff.join("; ")
                ));
            }
        }
        if !page_failures.is_empty() {
            // A page-level problem (title, language, count) costs the page its score.
            if page_failures.iter().any(|f| !f.starts_with("record ")) {
                right = right.min(truth.records.len().saturating_sub(1));
            }
            failures.push(format!("{name}:\n    {}", page_failures.join("\n    ")));
        }
        rows.push((truth.shape.clone(), name, right, truth.records.len()));
    }
    rows.sort();
    let right = rows.iter().map(|r| r.2).sum();
    let total = rows.iter().map(|r| r.3).sum();
    Score {
        rows,
        failures,
        right,
        total,
    }
}

/// Prints a score table, one row per page, and the total.
fn print_table(score: &Score) {
    println!("{:<44} {:<36} {:>7}", "shape", "fixture", "right");
    for (shape, name, right, n) in &score.rows {
        println!("{shape:<44} {name:<36} {right:>3}/{n:<3}");
    }
    println!(
        "{:<44} {:<36} {:>3}/{:<3} ({:.1}%)",
        "all",
        "",
        score.right,
        score.total,
        100.0 * score.right as f64 / score.total.max(1) as f64
    );
}

/// The pages of the folder `rel` (at least `at_least` of them), scored and printed.
fn scored(rel: &str, at_least: usize) -> Score {
    let fixtures = fixtures_in(rel);
    assert!(
        fixtures.len() >= at_least,
        "only {} pages in {rel}",
        fixtures.len()
    );
    let score = score(&fixtures);
    print_table(&score);
    score
}

#[test]
fn every_fixture_page_parses_to_its_truth() {
    let score = scored("tests/fixtures/pages", 25);
    assert!(
        score.failures.is_empty(),
        "{} fixture pages differ from their truth:\n{}",
        score.failures.len(),
        score.failures.join("\n")
    );
}

/// Records right on the held-out pages when this floor was last raised (ninth session): a reading
/// that loses records there fails; raise it when the parser reads more of them.
const HELD_OUT_FLOOR: usize = 862;

/// The held-out pages (tests/fixtures/held-out/README.md): written from real pages' layouts without
/// sight of the parser, kept with the truths their writers gave them, read right or not. Nothing may be
/// lost on any of them, and the records read right may not fall below the floor.
#[test]
fn held_out_pages_read_no_worse_than_their_floor() {
    let score = scored("tests/fixtures/held-out", 40);
    assert!(
        score.right >= HELD_OUT_FLOOR,
        "{} held-out records read right, fewer than the floor of {HELD_OUT_FLOOR}; what differs:\n{}",
        score.right,
        score.failures.join("\n")
    );
}
