//! The parser on real and generated pages: snapshots of the records, and the "nothing is lost" contract.

mod common;

use pagerev::parse::parse;
use pagerev::source::SourceFile;

fn load(path: &std::path::Path) -> SourceFile {
    let name = path
        .strip_prefix(common::repo_root())
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/");
    SourceFile::from_bytes(name, std::fs::read(path).unwrap()).unwrap()
}

/// One compact snapshot per corpus revision, named after the file: a line per record (id, date, year
/// source, title, line span, field counts, member counts). Byte offsets are left out — they move with any
/// edit above a record — and tested below by what they must satisfy.
#[test]
fn records_of_every_corpus_revision() {
    let files = common::corpus_files();
    assert!(!files.is_empty(), "no corpus files found");
    for path in files {
        let source = load(&path);
        let page = parse(&source, None);
        let name = format!(
            "records@{}",
            source
                .name()
                .trim_start_matches("corpus/")
                .replace('/', "__")
        );
        common::settings().bind(|| insta::assert_snapshot!(name, outline(&page)));
    }
}

/// The compact form of a page's records that the snapshots hold.
fn outline(page: &pagerev::record::Page<'_>) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} ({}): title {:?}, {} preamble lines, {} records",
        page.file,
        page.lang.code(),
        page.title.map(|t| t.text.raw),
        page.preamble.len(),
        page.records.len()
    );
    for r in &page.records {
        let members: Vec<String> = r
            .member_counts
            .iter()
            .map(|m| m.count.to_string())
            .collect();
        let _ = writeln!(
            out,
            "{:>3} {} | {} ({:?}) | {} | lines {}-{} | {} captions, {} paragraphs{}{}",
            r.index,
            r.id,
            r.date.map_or("undated".to_string(), |d| d.to_string()),
            r.year_source,
            r.display_title(),
            r.span.line_start,
            r.span.line_end,
            r.captions.len(),
            r.paragraphs.len(),
            if r.lead.is_some() { ", lead" } else { "" },
            if members.is_empty() {
                String::new()
            } else {
                format!(", members {}", members.join(" "))
            }
        );
    }
    out
}

/// Every text of every record is what the source holds at its offsets, on the line it names, inside its
/// record's span: the spans the compact snapshots leave out.
#[test]
fn every_field_span_points_at_its_text_in_the_source() {
    let files = common::corpus_files();
    assert!(!files.is_empty(), "no corpus files found");
    for path in files {
        let source = load(&path);
        let page = parse(&source, None);
        for r in &page.records {
            let mut texts: Vec<(&str, pagerev::record::Text<'_>)> = r.field_lines();
            if let Some(l) = r.lead {
                texts.push(("lead text", l.text));
                texts.extend(l.date_text.map(|t| ("lead date", t)));
                texts.extend(l.dateline.map(|d| ("dateline", d)));
            }
            texts.extend(r.title.map(|t| ("title", t)));
            texts.extend(r.member_counts.iter().map(|m| ("member count", m.phrase)));
            for (field, t) in texts {
                let at = &source.text()[t.start as usize..t.end() as usize];
                assert_eq!(at, t.raw, "{}: {} {field}", source.name(), r.id);
                assert_eq!(
                    source.position(t.start as usize).0,
                    t.line,
                    "{}: {} {field} line",
                    source.name(),
                    r.id
                );
                assert!(
                    r.span.byte_start <= t.start && t.end() <= r.span.byte_end,
                    "{}: {} {field} outside the record's span",
                    source.name(),
                    r.id
                );
                assert!(r.span.line_start <= t.line && t.line <= r.span.line_end);
            }
        }
    }
}

/// One record's spans written out, so that an offset that moves by a byte fails here by name.
#[test]
fn the_first_record_of_the_newest_revision_has_these_spans() {
    let source = load(&common::repo_root().join("corpus/official-visits/2024-01.txt"));
    let page = parse(&source, None);
    let r = &page.records[0];
    assert_eq!(
        r.id.to_string(),
        "2023-12-04-commissioner-of-the-rcmp-canada"
    );
    assert_eq!(
        (
            r.span.line_start,
            r.span.line_end,
            r.span.byte_start,
            r.span.byte_end
        ),
        (3, 8, 30, 874)
    );
    let title = r.title.unwrap();
    assert_eq!((title.line, title.start, title.end()), (3, 30, 62));
    let lead = r.lead.unwrap();
    assert_eq!(
        (lead.line.line, lead.line.start, lead.line.end()),
        (6, 65, 409)
    );
    let date = lead.date_text.unwrap();
    assert_eq!((date.start, date.end()), (65, 80));
    assert_eq!((lead.text.start, lead.text.end()), (85, 409));
    let spans: Vec<(u32, u32, u32)> = r
        .paragraphs
        .iter()
        .map(|p| (p.line, p.start, p.end()))
        .collect();
    assert_eq!(spans, [(7, 410, 602), (8, 603, 874)]);
}

#[test]
fn every_corpus_revision_is_parsed_losslessly() {
    let files = common::corpus_files();
    assert!(
        files.len() >= 4,
        "corpus/ holds at least the four official-visits revisions, found {files:?}"
    );
    for path in files {
        let source = load(&path);
        let page = parse(&source, None);
        pagerev::lossless::verify(&source, &page).unwrap();
    }
}

#[test]
fn seed_page_has_the_expected_shape() {
    let source = load(&common::repo_root().join("corpus/official-visits/2023-12.txt"));
    let page = parse(&source, None);
    assert_eq!(page.records.len(), 51);
    assert_eq!(page.title.unwrap().years, Some((2018, 2023)));
    let untitled: Vec<_> = page
        .records
        .iter()
        .filter(|r| r.title.is_none())
        .map(|r| r.id.as_str())
        .collect();
    assert_eq!(untitled, ["2022-05-09-untitled"]);
    let month_only: Vec<_> = page
        .records
        .iter()
        .filter(|r| {
            r.date
                .is_some_and(|d| d.precision == pagerev::record::Precision::Month)
        })
        .map(|r| r.id.as_str())
        .collect();
    assert_eq!(month_only, ["2023-12-commissioner-of-the-rcmp-canada"]);
    let ranges: Vec<_> = page
        .records
        .iter()
        .filter_map(|r| r.date.filter(|d| d.end.is_some()))
        .collect();
    assert_eq!(ranges.len(), 1);
    assert_eq!(ranges[0].to_string(), "2023-11-20/2023-11-22");
    assert!(page
        .records
        .iter()
        .all(|r| r.date.is_some() && r.lead.is_some()));
    let tanzania = page
        .records
        .iter()
        .find(|r| r.id.as_str() == "2019-12-02-tanzania-minister-of-home-affairs")
        .unwrap();
    assert_eq!(tanzania.captions.len(), 8);
    assert_eq!(tanzania.lead.unwrap().dateline.unwrap().raw, "LYON, France");
    let french_police: Vec<_> = page
        .records
        .iter()
        .filter(|r| r.display_title() == "Director General of the French National Police")
        .map(|r| r.id.as_str())
        .collect();
    assert_eq!(
        french_police,
        [
            "2020-06-26-director-general-of-the-french-national-police",
            "2019-01-18-director-general-of-the-french-national-police"
        ]
    );
    let counts: Vec<u32> = page
        .records
        .iter()
        .flat_map(|r| r.member_counts.iter().map(|m| m.count))
        .collect();
    assert!(counts.contains(&192) && counts.contains(&194) && counts.contains(&195));
}

/// The same page with CRLF endings, a byte-order mark, NBSPs around lines and no blank lines at all parses
/// to the same records (compared on their canonical content).
#[test]
fn scrape_noise_does_not_change_the_records() {
    let clean =
        std::fs::read_to_string(common::repo_root().join("corpus/official-visits/2023-12.txt"))
            .unwrap();
    let shape = |text: &str| {
        let source = SourceFile::from_text("p.txt", text).unwrap();
        let page = parse(&source, None);
        pagerev::lossless::verify(&source, &page).unwrap();
        page.records
            .iter()
            .map(|r| {
                let texts: Vec<String> = r
                    .field_lines()
                    .iter()
                    .map(|(f, t)| format!("{f}={}", t.canonical()))
                    .collect();
                (r.id.clone(), r.date, texts)
            })
            .collect::<Vec<_>>()
    };
    let expected = shape(&clean);
    let crlf = format!("\u{feff}{}", clean.replace('\n', "\r\n"));
    assert_eq!(shape(&crlf), expected, "CRLF + BOM");
    let nbsp: String = clean
        .lines()
        .map(|l| {
            if l.is_empty() {
                "\u{a0}\n".to_string()
            } else {
                format!("\u{a0}{l}\u{a0}\n")
            }
        })
        .collect();
    assert_eq!(shape(&nbsp), expected, "NBSP padding");
    let dense: String = clean
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(shape(&dense), expected, "no blank lines");
    let placeholders = clean.replace("\n\n\n", "\n\n/\n\n");
    let with_placeholders = shape(&placeholders);
    assert_eq!(with_placeholders.len(), expected.len(), "placeholder lines");
}

/// Generated pages (the shape of the real one, thousands of entries, with injected defects) keep every line.
#[test]
fn generated_pages_are_parsed_losslessly() {
    use common::gen_corpus::{generate, Options};
    let pair = generate(&Options {
        seed: 7,
        next: true,
        change_rate: 0.05,
        ..Options::new(3000)
    });
    let bad = generate(&Options {
        inject_defects: 60,
        ..Options::new(3000)
    });
    assert_eq!(bad.manifest.defects.as_ref().map(Vec::len), Some(60));
    let pages = [
        ("a.txt", pair.page),
        ("b.txt", pair.next.expect("a later revision")),
        ("bad.txt", bad.page),
    ];
    for (name, text) in pages {
        let source = SourceFile::from_text(name, text).unwrap();
        let page = parse(&source, None);
        pagerev::lossless::verify(&source, &page).unwrap();
        assert!(
            page.records.len() >= 2900,
            "{name}: {} records",
            page.records.len()
        );
    }
}
