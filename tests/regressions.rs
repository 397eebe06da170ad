//! Inputs that once broke the parser, found by fuzzing (`fuzz/`), property tests (`tests/properties.rs`)
//! or the resource-limit runs (RELIABILITY.md). Each runs the input through parse + `lossless::verify` and
//! checks what went wrong is right now.

use pagerev::lang::Lang;
use pagerev::parse::parse;
use pagerev::source::SourceFile;

/// Parses `text` (auto-detected language), checks the lossless contract and unique ids, returns the ids.
fn parse_checked(text: &str) -> (Lang, Vec<String>, Vec<Option<String>>) {
    let source = SourceFile::from_text("regression.txt", text).unwrap();
    let page = parse(&source, None);
    pagerev::lossless::verify(&source, &page).unwrap();
    let ids: Vec<String> = page.records.iter().map(|r| r.id.to_string()).collect();
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "duplicate record ids: {ids:?}");
    let dates = page
        .records
        .iter()
        .map(|r| r.date.map(|d| d.to_string()))
        .collect();
    (page.lang, ids, dates)
}

/// Found by tests/properties.rs: language detection split lines with `str::lines`, which ignores a lone
/// CR, so this French page was detected as English and its entry lost its date.
#[test]
fn french_page_with_lone_cr_line_endings_keeps_its_dates() {
    let (lang, ids, dates) =
        parse_checked("Ministre de Peru\r1 janvier 2018 - The Peru cooperation cooperation.\r");
    assert_eq!(lang, Lang::Fr);
    assert_eq!(ids, ["2018-01-01-ministre-de-peru"]);
    assert_eq!(dates, [Some("2018-01-01".to_string())]);
}

/// Found while writing the fuzz target's unique-id check: the `-2` given to the second "Minister X" was
/// given again to "Minister X 2", whose own slug ends in `-2`.
#[test]
fn a_title_ending_in_a_number_does_not_take_a_disambiguated_id() {
    let page = "Visits 2019\n\nMinister X\n\n5 July 2019 - First.\n\nMinister X\n\n5 July 2019 - Second.\n\n\
                Minister X 2\n\n5 July 2019 - Third.\n\nMinister X\n\n5 July 2019 - Fourth.\n";
    let (_, ids, _) = parse_checked(page);
    assert_eq!(
        ids,
        [
            "2019-07-05-minister-x",
            "2019-07-05-minister-x-2",
            "2019-07-05-minister-x-2-2",
            "2019-07-05-minister-x-3",
        ]
    );
    // The other order: the numbered title first.
    let page = "Minister X 2\n\n5 July 2019 - Third.\n\nMinister X\n\n5 July 2019 - First.\n\n\
                Minister X\n\n5 July 2019 - Second.\n";
    let (_, ids, _) = parse_checked(page);
    assert_eq!(
        ids,
        [
            "2019-07-05-minister-x-2",
            "2019-07-05-minister-x",
            "2019-07-05-minister-x-3",
        ]
    );
}

/// Found by the resource-limit runs: each repeat of one of an entry's captions was looked up among all of
/// them, one by one (40,000 captions repeated 40,000 times: 3 minutes). Now an index: linear.
#[test]
fn repeats_of_one_of_many_captions_are_found_in_linear_time() {
    let n = 20_000;
    let mut page = String::from("Minister of Interior of Peru\n");
    for i in 0..n {
        page.push_str(&format!("Caption number {i}\n"));
    }
    page.push_str(
        "5 July 2019 - The Secretary General met the Minister of Peru.\nBody paragraph.\n",
    );
    for _ in 0..n {
        page.push_str(&format!("Caption number {}\n", n - 1));
    }
    page.push_str("Minister of Chile\n6 July 2019 - The Minister of Chile came.\n");
    let source = SourceFile::from_text("regression.txt", page).unwrap();
    let parsed = parse(&source, None);
    pagerev::lossless::verify(&source, &parsed).unwrap();
    let first = &parsed.records[0];
    assert_eq!(first.captions.len(), 2 * n);
    assert_eq!(first.paragraphs.len(), 1);
    assert_eq!(parsed.records[1].display_title(), "Minister of Chile");
}

/// Found by the resource-limit runs: a "label" of 40,000 hyphenated words between two leads of 40,000
/// words was compared word by word with each lead (a minute). Now through a set: linear.
#[test]
fn a_label_of_many_hyphenated_words_is_compared_in_linear_time() {
    let n = 20_000;
    let words = |p: char| (0..n).map(|i| format!("{p}{i:06}")).collect::<Vec<_>>();
    let page = format!(
        "Minister of Interior of Peru\n5 July 2019 - {}.\n{}\nMinister of Chile\n6 July 2019 - {}.\n",
        words('x').join(" "),
        words('y').join("-"),
        words('z').join(" ")
    );
    let source = SourceFile::from_text("regression.txt", page).unwrap();
    let parsed = parse(&source, None);
    pagerev::lossless::verify(&source, &parsed).unwrap();
    assert_eq!(parsed.records.len(), 2);
    // Far too long for a title or a caption, the "label" is a paragraph of the first entry.
    assert_eq!(parsed.records[1].display_title(), "Minister of Chile");
    let first = &parsed.records[0];
    assert_eq!(first.paragraphs.len(), 1);
    assert!(first.paragraphs[0].raw.starts_with("y000000-y000001-"));
}

/// Found by the resource-limit runs after main's "a paragraph that lost its full stop" change: every label
/// of the last run before a lead was compared with all the labels after it (20,000 labels alternating
/// with a caption of the entry above: 24 s). Now counted once: linear.
#[test]
fn a_long_run_of_labels_before_a_lead_is_read_in_linear_time() {
    let n = 20_000;
    let mut page = String::from(
        "Minister of Interior of Peru\nChile visit\n\
         5 July 2019 - The Secretary General met the Minister of Peru.\nBody paragraph.\n",
    );
    for i in 0..n {
        page.push_str(&format!("Xlabel{i:06} word\nChile visit\n"));
    }
    page.push_str(
        "Minister of Chile\n6 July 2019 - The Minister of Chile came for the Chile visit.\n",
    );
    let source = SourceFile::from_text("regression.txt", page).unwrap();
    let parsed = parse(&source, None);
    pagerev::lossless::verify(&source, &parsed).unwrap();
    assert_eq!(parsed.records.len(), 2);
}

/// Found by the `diff` fuzz target: diff(a, b) and diff(b, a) were not mirror images. Two identity pairs
/// cross (Belgian… and Commissioner… swap places), so either could be the anchor, and the one chosen put
/// the undated-looking entries in the same gap one way (matched, redated) and in different gaps the other
/// way (removed + added). Anchors are now the pairs on every longest chain (RELIABILITY.md, finding 7).
#[test]
fn diff_both_ways_are_mirror_images() {
    use pagerev::diff::{diff_pages, DiffOptions};
    let a = SourceFile::from_text(
        "a.txt",
        "November 2023 – than USD 7\n\
         networks in areas such as drug trafficking, migrant smuggling and king.\n\
         Belgian National Drugs Commissioner\n24 October 2023 -\n\
         Commissioner, Economic and Monetary Community of Central Africa\n15 December 2023 –\n",
    )
    .unwrap();
    let b = SourceFile::from_text(
        "b.txt",
        "Commissioner, Economic and Monetary Community of Central Africa\n15 December 2023 –\n\
         40 November 2023 - Than networks in areas such as drug trafficking, migrant\n\
         Belgian National Drugs Commissioner\n24 October 2023 -\n",
    )
    .unwrap();
    let (pa, pb) = (parse(&a, None), parse(&b, None));
    let opts = DiffOptions::default();
    let (ab, ba) = (diff_pages(&pa, &pb, &opts), diff_pages(&pb, &pa, &opts));
    assert_eq!(ab.summary.added, ba.summary.removed);
    assert_eq!(ab.summary.removed, ba.summary.added);
}
