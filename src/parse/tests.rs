//! Parser edge cases, each on a small page written for it.

use super::*;
use crate::record::{CaptionPosition, Precision};
use chunked::Seams;

fn parse_text(text: &str) -> (SourceFile, Lang) {
    (SourceFile::from_text("t.txt", text).unwrap(), Lang::En)
}

/// (title, date, caption texts with position, lead text, paragraph count) per record.
fn outline(text: &str) -> Vec<(String, String, Vec<String>, String, usize)> {
    let (src, _) = parse_text(text);
    let page = parse(&src, None);
    assert_lossless(&src, &page);
    page.records
        .iter()
        .map(|r| {
            (
                r.display_title().to_string(),
                r.date.map_or("none".into(), |d| d.to_string()),
                r.captions
                    .iter()
                    .map(|c| {
                        format!(
                            "{}:{}",
                            if c.position == CaptionPosition::Before {
                                "B"
                            } else {
                                "A"
                            },
                            c.text.raw
                        )
                    })
                    .collect(),
                r.lead.map_or(String::new(), |l| l.text.raw.to_string()),
                r.paragraphs.len(),
            )
        })
        .collect()
}

fn assert_lossless(src: &SourceFile, page: &Page<'_>) {
    if let Err(e) = crate::lossless::verify(src, page) {
        panic!("{e}");
    }
}

#[test]
fn title_captions_lead_and_paragraphs() {
    let got = outline(
        "Official visits 2018 to 2023\n\nFirst title\n\n\nFirst title\n\n5 July 2023 - The lead.\n\nBody one.\n\nBody two.\n",
    );
    assert_eq!(
        got,
        vec![(
            "First title".into(),
            "2023-07-05".into(),
            vec!["B:First title".into()],
            "The lead.".into(),
            2
        )]
    );
}

#[test]
fn untitled_entry_between_two_titled_ones() {
    let got = outline(
        "Visits 2018 to 2023\n\nA title\n\n10 May 2022 - First lead.\n\nIts body.\n\n\n\n9 May 2022 - Untitled lead.\n\nUntitled body.\n\nB title\n\n1 May 2022 - Third lead.\n",
    );
    let titles: Vec<_> = got.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(titles, ["A title", "(untitled)", "B title"]);
    assert_eq!(got[1].4, 1);
}

#[test]
fn trailing_repeated_captions_go_to_their_entry() {
    let page = "Visits 2019\n\nTanzania Minister\n\n2 December 2019 - LYON, France – Tanzania’s Minister was welcomed.\n\nBody.\n\nTanzania’s Minister was welcomed.\nTanzania’s Minister was welcomed.\nTanzania’s Minister was welcomed.\n\nNext title\n\n1 December 2019 - Next lead.\n";
    let got = outline(page);
    assert_eq!(got[0].2, vec!["A:Tanzania’s Minister was welcomed."; 3]);
    assert_eq!(got[0].4, 1);
    assert_eq!(got[1].0, "Next title");
}

#[test]
fn short_caption_label_after_title() {
    let got = outline("Visits 2019\n\nNational Director of Public Security for Portugal\n\nPortugal visit\n\n17 December 2019\u{a0} – INTERPOL welcomed Luis.\n\nBody.\n");
    assert_eq!(
        got[0].0,
        "National Director of Public Security for Portugal"
    );
    assert_eq!(got[0].2, vec!["B:Portugal visit"]);
}

#[test]
fn trailing_label_caption_repeating_previous_title_is_not_next_title() {
    let got = outline("Visits 2019\n\nAlpha visit\n\n3 May 2019 - Alpha lead.\n\nBody.\n\nAlpha visit\n\nBeta visit\n\n2 May 2019 - Beta lead.\n");
    assert_eq!(got[0].2, vec!["A:Alpha visit"]);
    assert_eq!(got[1].0, "Beta visit");
}

#[test]
fn no_blank_lines_at_all() {
    let got = outline("Visits 2018 to 2023\nA title\n5 July 2023 - Lead one.\nBody one.\nBody two.\nB title\n4 July 2023 – Lead two.\nBody three.\n");
    assert_eq!(got.len(), 2);
    assert_eq!((got[0].0.as_str(), got[0].4), ("A title", 2));
    assert_eq!((got[1].0.as_str(), got[1].4), ("B title", 1));
}

#[test]
fn no_page_title_line() {
    let (src, _) = parse_text("A title\n\n5 July 2023 - Lead one.\n");
    let page = parse(&src, None);
    assert!(page.title.is_none());
    assert_eq!(page.records[0].display_title(), "A title");
}

#[test]
fn placeholder_lines_are_kept_but_ignored() {
    let (src, _) = parse_text("Visits 2023\n\nA title\n/\n|\n5 July 2023 - Lead one.\n\nBody.\n");
    let page = parse(&src, None);
    assert_lossless(&src, &page);
    let r = &page.records[0];
    assert_eq!(r.display_title(), "A title");
    assert_eq!(r.placeholders.len(), 2);
    assert!(r.captions.is_empty());
}

#[test]
fn entry_without_date_is_its_own_record() {
    let got = outline("Visits 2023\n\nA title\n\n5 July 2023 - Lead one.\n\nBody.\n\nUndated visit of the Minister\n\nThe Minister visited without a date.\n\nIts body.\n\nC title\n\n3 July 2023 - Lead three.\n");
    let shape: Vec<_> = got
        .iter()
        .map(|r| (r.0.as_str(), r.1.as_str(), r.3.as_str()))
        .collect();
    assert_eq!(
        shape,
        [
            ("A title", "2023-07-05", "Lead one."),
            (
                "Undated visit of the Minister",
                "none",
                "The Minister visited without a date."
            ),
            ("C title", "2023-07-03", "Lead three.")
        ]
    );
}

#[test]
fn ids_are_unique_and_stable() {
    let (src, _) = parse_text("Visits 2019\n\nSame title\n\n5 July 2019 - One.\n\nSame title\n\n5 July 2019 - Two.\n\n\n4 July 2019 - Three.\n");
    let page = parse(&src, None);
    let ids: Vec<_> = page.records.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "2019-07-05-same-title",
            "2019-07-05-same-title-2",
            "2019-07-04-untitled"
        ]
    );
}

#[test]
fn crlf_bom_and_nbsp_give_the_same_records() {
    let clean = "Visits 2019\n\nA title\n\n5 July 2019 - The lead.\n\nBody.\n";
    let messy = "\u{feff}Visits 2019\r\n\r\n\u{a0}A title\u{a0}\r\n\r\n\u{a0}5 July 2019\u{a0}- The lead.\r\n\r\nBody.\r\n";
    assert_eq!(outline(clean), outline(messy));
    let lone_cr = clean.replace('\n', "\r");
    assert_eq!(outline(clean), outline(&lone_cr));
}

#[test]
fn french_page() {
    let (src, _) = parse_text("Visites officielles 2018 à 2023\n\nMinistre de l’Intérieur\n\n10 décembre 2021 – Le ministre a rencontré le Secrétaire général.\n\nINTERPOL soutient ses 195 pays membres.\n");
    let page = parse(&src, None);
    assert_eq!(page.lang, Lang::Fr);
    assert_eq!(page.title.unwrap().years, Some((2018, 2023)));
    let r = &page.records[0];
    assert_eq!(r.date.unwrap().to_string(), "2021-12-10");
    assert_eq!(r.member_counts[0].count, 195);
}

#[test]
fn spanish_page() {
    let (src, _) = parse_text("Visitas oficiales 2018 a 2023\n\nMinistro del Interior\n\n10 de diciembre de 2021 – El ministro se reunió.\n\nINTERPOL apoya a sus 195 países miembros.\n\nOtro título\n\ndiciembre de 2021 – Texto.\n");
    let page = parse(&src, None);
    assert_eq!(page.lang, Lang::Es);
    assert_eq!(page.records[0].member_counts[0].count, 195);
    assert_eq!(page.records[1].date.unwrap().precision, Precision::Month);
}

/// A paragraph that lost its full stop (a scrape cut it, or an edit replaced its last word) is not the
/// next entry's title, even though it has no sentence punctuation.
#[test]
fn unpunctuated_paragraph_before_a_title_stays_in_its_entry() {
    let got = outline("Official visits 2018 to 2023\n\nEU Commissioner for the Security Union\n\n8 October 2018 - Secretary General Jürgen Stock met with Sir Julian King at the General Secretariat.\n\nDiscussions focussed on areas of ongoing and future enhanced cooperation to tackle organized crime and financial\n\nQatar Police Chief\n\nQatar Police Chief\n\n8 October 2018 - Staff Major General Saad Bin Jassim Al Khulaifi, Qatar’s Chief of Police, met with Secretary General Jürgen Stock.\n");
    assert_eq!(got.len(), 2);
    assert_eq!(
        got[0].4, 1,
        "the unpunctuated line is a paragraph of the first entry"
    );
    assert_eq!(
        (got[1].0.as_str(), got[1].2.clone()),
        (
            "Qatar Police Chief",
            vec!["B:Qatar Police Chief".to_string()]
        )
    );
}

#[test]
fn unpunctuated_paragraph_inside_a_body_is_not_an_undated_entry() {
    let got = outline("Official visits 2018 to 2023\n\nCommissioner, Australian Federal Police\n\n12 December 2022 - Reece Kershaw was welcomed to INTERPOL headquarters in Lyon.\n\nThe two leaders discussed how to enhance cooperation between Australia and INTERPOL, particularly in the area of combating The\n\nAustralia is a key participant in many INTERPOL projects and operations.\n\nMinister of Interior, North Macedonia\n\n16 September 2022 - Oliver Spasovski met with Secretary General Jürgen Stock.\n");
    let titles: Vec<_> = got.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Commissioner, Australian Federal Police",
            "Minister of Interior, North Macedonia"
        ]
    );
    assert_eq!(got[0].4, 2);
}

#[test]
fn page_title_year_ranges_of_any_century() {
    let (src, _) = parse_text("Official visits 1241 to 2023\n\nA title\n\n5 July 1500 - Lead.\n");
    let page = parse(&src, None);
    assert_eq!(page.title.unwrap().years, Some((1241, 2023)));
}

/// Every page the project carries (the corpus and the fixture pages), read whole.
pub(super) fn every_page() -> Vec<(std::path::PathBuf, String)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut pages = Vec::new();
    for dir in ["corpus", "tests/fixtures"] {
        let mut stack = vec![root.join(dir)];
        while let Some(d) = stack.pop() {
            for entry in std::fs::read_dir(&d).expect("the folder is readable") {
                let path = entry.expect("the entry is readable").path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "txt") {
                    let text = std::fs::read_to_string(&path).expect("pages are UTF-8");
                    pages.push((path, text));
                }
            }
        }
    }
    pages.sort();
    pages
}

/// A pool of `threads` threads to run a parse in.
fn thread_pool(threads: usize) -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("a thread pool")
}

/// Every fixture and corpus page that is a page (some fixtures are not: empty, binary), as a source.
fn every_source() -> Vec<SourceFile> {
    every_page()
        .iter()
        .filter_map(|(path, text)| {
            SourceFile::from_text(path.display().to_string(), text.as_str()).ok()
        })
        .collect()
}

/// Facts read `block_lines` at a time, the page in one pass.
fn blocks(block_lines: usize) -> Cuts {
    Cuts {
        block_lines,
        ..Cuts::default()
    }
}

/// Chunks of `lines` source lines after a warm-up of `warm_up`, whatever the page's length; blocks of 3.
fn chunks(lines: usize, warm_up: usize) -> Cuts {
    Cuts {
        block_lines: 3,
        chunking: chunked::Chunking {
            lines,
            warm_up,
            min_page: 0,
        },
        seams: chunked::Seams::default(),
    }
}

/// The page parsed in one pass, and in chunks as `cuts` say (whole and streamed in batches of 2): the
/// same page, or a message saying how it differs. Returns how many batches the streamed parse handed
/// out.
fn parse_in_chunks_as_in_one_pass(src: &SourceFile, cuts: &mut Cuts) -> Result<usize, String> {
    let inferred = infer_profile(src, &ParseOptions::default());
    let hints = inferred.evidence.hints();
    let known = &inferred.kinds;
    let one_pass = thread_pool(1).install(|| {
        parse_in_blocks(
            src,
            &inferred.profile,
            hints,
            known,
            &mut Cuts::default(),
            None,
        )
    });
    let chunked = parse_in_blocks(src, &inferred.profile, hints, known, cuts, None);
    if chunked != one_pass {
        let first = one_pass
            .records
            .iter()
            .zip(&chunked.records)
            .position(|(a, b)| a != b);
        return Err(format!(
            "{} records in one pass, {} in chunks; first different: {first:?}; title or preamble differ: {}",
            one_pass.records.len(),
            chunked.records.len(),
            one_pass.title != chunked.title || one_pass.preamble != chunked.preamble,
        ));
    }
    let (mut streamed, mut batches) = (Vec::new(), 0);
    let outline = parse_streamed_in(src, &inferred.profile, hints, known, cuts, 2, &mut |b| {
        batches += 1;
        streamed.extend(b)
    });
    if streamed != one_pass.records || outline.preamble != one_pass.preamble {
        return Err("streamed in chunks, not the same records".into());
    }
    Ok(batches)
}

/// Every fixture and corpus page cut into chunks of a few lines, with warm-ups too short and long enough,
/// on 2 and 7 threads: the records of one pass. Both ways a seam can go are taken.
#[test]
fn records_do_not_depend_on_chunks() {
    let sources = every_source();
    let (mut seams, mut warmed) = (chunked::Seams::default(), chunked::Seams::default());
    for threads in [2, 7] {
        let pool = thread_pool(threads);
        for src in &sources {
            let path = src.name();
            for (lines, warm_up) in [(1, 0), (2, 1), (3, 8), (7, 2), (11, 40), (40, 5)] {
                let mut cuts = chunks(lines, warm_up);
                pool.install(|| parse_in_chunks_as_in_one_pass(src, &mut cuts))
                    .unwrap_or_else(|e| {
                        panic!(
                            "{}: {threads} threads, chunks of {lines} lines after {warm_up}: {e}",
                            path
                        )
                    });
                seams.kept += cuts.seams.kept;
                seams.read_again += cuts.seams.read_again;
                if warm_up >= 40 {
                    warmed.kept += cuts.seams.kept;
                    warmed.read_again += cuts.seams.read_again;
                }
            }
        }
    }
    // Both ways a seam can go were taken; and most guesses are right once the warm-up covers a few
    // entries.
    assert!(seams.kept > 0 && seams.read_again > 0, "{seams:?}");
    assert!(warmed.kept > 2 * warmed.read_again, "{warmed:?}");
}

/// A page of `lines` source lines or more, of entries of the seed's shape.
fn long_page(lines: usize) -> SourceFile {
    let mut text = String::from("Official visits 2018 to 2023\n\n");
    let mut entry = 0;
    while entry * 10 < lines {
        entry += 1;
        let (day, month) = (entry % 28 + 1, ["March", "June", "October"][entry % 3]);
        text.push_str(&format!(
            "Visit to the Republic of Norlusia {entry}\n\n{day} {month} {}\n\nThe Secretary General met the Minister.\n\nThey discussed cooperation with {} member countries.\n\n",
            2023 - entry / 4000,
            190 + entry % 3,
        ));
    }
    SourceFile::from_text("long.txt", text).expect("text")
}

/// A page long enough to be cut as the tool cuts pages: the records of one pass, and its chunks were
/// assembled in parallel, every guess kept.
#[test]
fn a_long_page_is_parsed_in_chunks_as_in_one_pass() {
    let src = long_page(chunked::CHUNKING.min_page + chunked::CHUNKING.lines);
    assert!(src.line_starts().len() > chunked::CHUNKING.min_page);
    let mut cuts = Cuts::default();
    let pool = thread_pool(2);
    pool.install(|| parse_in_chunks_as_in_one_pass(&src, &mut cuts))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        cuts.seams.kept > 0 && cuts.seams.read_again == 0,
        "{:?}",
        cuts.seams
    );
}

/// Streamed, a page read in chunks hands its records out wave after wave, not all at its end.
#[test]
fn a_page_read_in_chunks_is_streamed_wave_by_wave() {
    let chunking = chunked::Chunking {
        lines: 1024,
        warm_up: 128,
        min_page: 0,
    };
    let src = long_page(16 * chunking.lines);
    let waves = src.line_starts().len() / chunking.lines / 2;
    let mut cuts = Cuts {
        chunking,
        ..Cuts::default()
    };
    let pool = thread_pool(2);
    let batches = pool
        .install(|| parse_in_chunks_as_in_one_pass(&src, &mut cuts))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(batches >= waves, "{batches} batches, {waves} waves");
}

/// A long page under year headings, its entries writing no year, cut into chunks: the records of one
/// pass; and where a year's section is longer than a wave of chunks, the guesses at the seams hold,
/// though the headings stand further apart than a warm-up (the year in force is part of the state a
/// guess must get right, and a chunk's warm-up starts from the true state at its wave's start).
#[test]
fn chunks_under_year_headings_guess_the_year() {
    let mut text = String::from("Official visits\n\n");
    for year in (2001..2011).rev() {
        text.push_str(&format!("{year}\n\n"));
        for i in 0..500 {
            text.push_str(&format!(
                "{} {} – The minister visits harbour {i}.\n\nThe talks went on.\n\n",
                28 - i % 28,
                ["December", "June", "March"][i % 3]
            ));
        }
    }
    let src = SourceFile::from_text("years.txt", text).expect("text");
    let mut cuts = chunks(200, 40);
    thread_pool(4)
        .install(|| parse_in_chunks_as_in_one_pass(&src, &mut cuts))
        .unwrap_or_else(|e| panic!("{e}"));
    let Seams { kept, read_again } = cuts.seams;
    // Four chunks a wave, ten waves a section: a guess misses only in a wave that crosses a heading.
    assert!(kept + read_again > 100, "{:?}", cuts.seams);
    assert!(read_again * 4 < kept, "{:?}", cuts.seams);
}

/// Pages drawn from the line shapes dated-entry pages are made of, in any order: year and month
/// headings, dates alone, leading, at a heading's end or after a bullet, titles, captions, paragraphs.
fn page_of_shapes() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    const SHAPES: [&str; 16] = [
        "2031",
        "JANUARY",
        "{d} March 2031",
        "{d} March 2031 – The minister visits the port of Velmora.",
        "March {d}, 2030: Talks on the new treaty open in Ostrava.",
        "• {d} April – The council meets.",
        "  • {d} May:",
        "    • The bridge opens.",
        "Visit to the Republic of Norlusia",
        "Official visit, {d} June 2029",
        "Photo: the delegation at the airport",
        "The Secretary General met the Minister of the Interior and discussed cooperation with {d} member countries.",
        "He also visited the training centre.",
        "10:00 Meeting with the press",
        "Monday {d} July",
        "/",
    ];
    let line =
        (0..SHAPES.len(), 1u32..29).prop_map(|(k, d)| SHAPES[k].replace("{d}", &d.to_string()));
    let spaced =
        (line, proptest::bool::ANY).prop_map(|(l, blank)| if blank { l + "\n" } else { l });
    proptest::collection::vec(spaced, 1..120)
        .prop_map(|lines| format!("Official visits\n\n{}\n", lines.join("\n")))
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig {
        cases: 96,
        rng_seed: proptest::test_runner::RngSeed::Fixed(0x5eed_c4a7),
        ..proptest::prelude::ProptestConfig::default()
    })]

    /// Any page of those shapes, cut anywhere, on 2 or 7 threads: the records of one pass.
    #[test]
    fn chunks_give_the_records_of_one_pass(
        text in page_of_shapes(),
        lines in 1usize..30,
        warm_up in 0usize..40,
        threads in proptest::sample::select(vec![2usize, 7]),
    ) {
        let src = SourceFile::from_text("p.txt", text).expect("text");
        let pool = thread_pool(threads);
        let mut cuts = chunks(lines, warm_up);
        let got = pool.install(|| parse_in_chunks_as_in_one_pass(&src, &mut cuts).map(drop));
        proptest::prop_assert!(got.is_ok(), "{:?}", got);
    }
}

#[test]
fn records_do_not_depend_on_blocks_or_threads() {
    let sources = every_source();
    assert!(sources.len() >= 100, "found only {} pages", sources.len());
    for threads in [1, 2, 7] {
        let pool = thread_pool(threads);
        for src in &sources {
            let path = src.name();
            let inferred = infer_profile(src, &ParseOptions::default());
            let hints = inferred.evidence.hints();
            let known = &inferred.kinds;
            let whole = parse_in_blocks(
                src,
                &inferred.profile,
                hints,
                known,
                &mut blocks(usize::MAX),
                None,
            );
            // The inference's line kinds are the parse's own: without them, the same page.
            let unknown = parse_in_blocks(
                src,
                &inferred.profile,
                hints,
                &[],
                &mut blocks(usize::MAX),
                None,
            );
            assert!(unknown == whole, "{}: kinds not reused", path);
            for block in [1, 2, 7, 64] {
                let page = pool.install(|| {
                    parse_in_blocks(
                        src,
                        &inferred.profile,
                        hints,
                        known,
                        &mut blocks(block),
                        None,
                    )
                });
                assert!(
                    page == whole,
                    "{}: {threads} threads, blocks of {block} lines",
                    path
                );
            }
            // Streamed, in batches of 1, 2 and 5 records after blocks of 1 and 3 lines: the same
            // records in the same order, and the same page around them.
            for (block, batch) in [(1, 1), (3, 2), (1, 5)] {
                let mut streamed = Vec::new();
                let mut batches = 0;
                let outline = pool.install(|| {
                    parse_streamed_in(
                        src,
                        &inferred.profile,
                        hints,
                        known,
                        &mut blocks(block),
                        batch,
                        &mut |b| {
                            batches += 1;
                            streamed.extend(b);
                        },
                    )
                });
                let what = format!(
                    "{}: streamed, {threads} threads, blocks of {block}, batches of {batch}",
                    path
                );
                assert!(streamed == whole.records, "{what}");
                assert_eq!(
                    (outline.records, &outline.title, &outline.preamble),
                    (whole.records.len(), &whole.title, &whole.preamble),
                    "{what}"
                );
                // Handed out as the page went, not all at the end.
                if whole.records.len() > 3 * batch + 3 {
                    assert!(batches > 2, "{what}: {batches} batches");
                }
            }
        }
    }
}

#[test]
fn a_long_page_of_releases_keeps_its_titles_after_the_dates_past_the_sample() {
    // Every entry: `Presse vom` date / title / text / a read-more line. Cut by the inference's sample,
    // the votes for titles before the dates (the read-more line above each date) and after them tie;
    // the titles, which differ from entry to entry, win.
    let entry = |i: usize| {
        format!(
            "Presse vom {:02}.{:02}.2021\nThema Nummer {i} der Fraktion\nDie Fraktion hat am Dienstag über Punkt {i} beraten und abgestimmt.\n+ + + Lesen Sie hier die vollständige Pressemitteilung + + +\n",
            i % 28 + 1,
            12 - i % 12
        )
    };
    let entries = layout::SAMPLE_LINES / 4 + 500;
    let mut text =
        String::from("Pressemitteilungen 2021\nBürgerliste Auenfeld – Fraktion im Stadtrat\n");
    for i in 0..entries {
        text.push_str(&entry(i));
    }
    let src = SourceFile::from_text("t.txt", text).unwrap();
    let page = parse(&src, None);
    assert_eq!(page.records.len(), entries);
    assert!(page.records[7]
        .title
        .is_some_and(|t| t.raw == "Thema Nummer 7 der Fraktion"));
}

#[test]
fn a_word_common_to_several_languages_does_not_outvote_the_dates() {
    // A Spanish table of trips: its only frequent short word is `de`, which Dutch, French and Portuguese
    // share. Counted for Dutch alone, it outweighed the Spanish month names once the page was long.
    let mut text =
        String::from("Viajes oficiales del canciller\nLugar de la visita   Periodo de la visita\n");
    for i in 0..40 {
        text.push_str(&format!(
            "{}. Norlusia\n{} de junio – {} de junio de 2014\n",
            i + 1,
            i % 20 + 1,
            i % 20 + 2
        ));
    }
    let src = SourceFile::from_text("t.txt", text).unwrap();
    assert_eq!(parse(&src, None).lang, Lang::Es);
}

/// Items indented under a date bullet with no text of its own are entries on that date; under a date
/// bullet with its own text, or not indented deeper, they are that entry's lines.
#[test]
fn nested_list_items_are_entries_only_under_a_bare_date_bullet() {
    let leads = |text: &str| -> Vec<(String, String)> {
        outline(text)
            .into_iter()
            .map(|(_, date, _, lead, _)| (date, lead))
            .collect()
    };
    let nested = "Events in 2031\n\n  • March 3:\n    • The bridge opens.\n    • The mayor resigns.\n  • March 9 – The fair begins.\n  • March 12 – The fair ends.\n";
    assert_eq!(
        leads(nested),
        [
            ("2031-03-03".to_string(), "The bridge opens.".to_string()),
            ("2031-03-03".into(), "The mayor resigns.".into()),
            ("2031-03-09".into(), "The fair begins.".into()),
            ("2031-03-12".into(), "The fair ends.".into()),
        ]
    );
    // The date bullet has its own text: the indented items are its details.
    let details = nested.replace("March 3:", "March 3 – Two things happen:");
    assert_eq!(leads(&details).len(), 3);
    // Not indented deeper: a flat list under the date bullet is that entry's.
    let flat = nested.replace("    • The", "  • The");
    assert_eq!(leads(&flat).len(), 3);
}
