//! Unit tests of matching, change kinds and cosmetic detection, on small pages written for each case.

use super::*;
use crate::parse::parse;
use crate::source::SourceFile;

/// One entry: (title, date as written, lead text, body paragraphs).
type Entry<'a> = (&'a str, &'a str, &'a str, &'a [&'a str]);

/// A page laid out the way the real one is: title, two blank lines, `date – lead`, paragraphs.
fn page(entries: &[Entry<'_>]) -> String {
    let mut s = String::from("Official visits 2018 to 2023\n\n");
    for (title, date, lead, paras) in entries {
        s.push_str(&format!("{title}\n\n\n{date} \u{2013} {lead}\n\n"));
        for p in *paras {
            s.push_str(p);
            s.push_str("\n\n");
        }
    }
    s
}

fn diff_texts(old: &str, new: &str, opts: &DiffOptions) -> PageDiff {
    let a = SourceFile::from_text("old.txt", old).unwrap();
    let b = SourceFile::from_text("new.txt", new).unwrap();
    diff_pages(&parse(&a, None), &parse(&b, None), opts)
}

fn diff(old: &[Entry<'_>], new: &[Entry<'_>]) -> PageDiff {
    diff_texts(&page(old), &page(new), &DiffOptions::default())
}

/// `kind(+also) old-id -> new-id` per change, for compact assertions.
fn outline(d: &PageDiff) -> Vec<String> {
    d.changes
        .iter()
        .map(|c| {
            let kinds: Vec<&str> = c.kinds().map(|k| k.name()).collect();
            format!(
                "{} {} -> {}",
                kinds.join("+"),
                c.old.as_ref().map_or("-", |r| r.id.as_str()),
                c.new.as_ref().map_or("-", |r| r.id.as_str())
            )
        })
        .collect()
}

const A: Entry<'static> = (
    "Minister of Interior of Albania",
    "13 November 2023",
    "The Secretary General met with Taulant Balla, Minister of Interior of Albania, in Lyon.",
    &["Albania is an active INTERPOL member country, participating in many regional operations."],
);
const B: Entry<'static> = (
    "Belgian National Drugs Commissioner",
    "24 October 2023",
    "Ine Van Wymersch met with the Secretary General to discuss drug trafficking priorities.",
    &["A historic peak in global drug trafficking levels has seen an increase in violence."],
);
const C: Entry<'static> = (
    "UK Minister for Security",
    "5 July 2023",
    "Tom Tugendhat met with Secretary General Jürgen Stock during his visit to headquarters.",
    &["The UK is one of INTERPOL’s strongest partners, providing significant support."],
);
const D: Entry<'static> = (
    "European Commissioner for Home Affairs",
    "30 May 2023",
    "Secretary General Jürgen Stock welcomed Ylva Johansson to the General Secretariat.",
    &["Europe is INTERPOL’s most active region in terms of database use and hits."],
);

#[test]
fn identical_pages_are_equivalent_and_list_nothing() {
    let d = diff(&[A, B, C], &[A, B, C]);
    assert!(d.equivalent);
    assert!(d.changes.is_empty());
    assert_eq!(d.summary.unchanged, 3);
}

#[test]
fn retitled_record_is_matched_by_content() {
    let b2 = ("Belgium’s Drugs Commissioner", B.1, B.2, B.3);
    let d = diff(&[A, B, C], &[A, b2, C]);
    assert_eq!(
        outline(&d),
        ["retitled 2023-10-24-belgian-national-drugs-commissioner -> 2023-10-24-belgiums-drugs-commissioner"]
    );
    assert_eq!(d.changes[0].matched_by, Some(MatchedBy::Content));
    assert_eq!(d.changes[0].similarity, Some(1.0));
    assert!(!d.equivalent);
}

#[test]
fn redated_record_keeps_its_title() {
    let b2 = (B.0, "25 October 2023", B.2, B.3);
    let d = diff(&[A, B, C], &[A, b2, C]);
    assert_eq!(
        outline(&d),
        ["redated 2023-10-24-belgian-national-drugs-commissioner -> 2023-10-25-belgian-national-drugs-commissioner"]
    );
    let f = &d.changes[0].fields[0];
    assert_eq!(
        (f.field, f.old.as_deref(), f.new.as_deref()),
        (Field::Date, Some("2023-10-24"), Some("2023-10-25"))
    );
}

#[test]
fn retitled_and_redated_between_anchors_is_one_record() {
    let b2 = ("Drugs Commissioner of Belgium", "23 October 2023", B.2, B.3);
    let d = diff(&[A, B, C], &[A, b2, C]);
    assert_eq!(
        outline(&d),
        ["retitled+redated 2023-10-24-belgian-national-drugs-commissioner -> 2023-10-23-drugs-commissioner-of-belgium"]
    );
}

#[test]
fn retitled_redated_and_moved_is_removed_plus_added() {
    // Nothing ties the two together but their body: reported as a removal and an addition.
    let b2 = ("Drugs Commissioner of Belgium", "23 October 2023", B.2, B.3);
    let d = diff(&[A, B, C, D], &[A, C, D, b2]);
    let kinds: Vec<ChangeKind> = d.changes.iter().map(|c| c.kind).collect();
    assert_eq!(kinds, [ChangeKind::Removed, ChangeKind::Added]);
}

#[test]
fn retitled_and_moved_is_found_by_its_date() {
    let b2 = ("Drugs Commissioner of Belgium", B.1, B.2, B.3);
    let d = diff(&[A, B, C, D], &[A, C, D, b2]);
    assert_eq!(
        outline(&d),
        ["retitled+moved 2023-10-24-belgian-national-drugs-commissioner -> 2023-10-24-drugs-commissioner-of-belgium"]
    );
}

#[test]
fn moved_is_the_record_outside_the_longest_common_order() {
    // B moved two places down: it alone breaks the order the others keep.
    let d = diff(&[A, B, C, D], &[A, C, D, B]);
    assert_eq!(
        outline(&d),
        ["moved 2023-10-24-belgian-national-drugs-commissioner -> 2023-10-24-belgian-national-drugs-commissioner"]
    );
    let m = d.changes[0].moved.as_ref().unwrap();
    assert_eq!(
        m.old_after.as_deref(),
        Some("2023-11-13-minister-of-interior-of-albania")
    );
    assert_eq!(
        m.new_after.as_deref(),
        Some("2023-05-30-european-commissioner-for-home-affairs")
    );
}

#[test]
fn two_swapped_records_both_moved_whichever_side_is_old() {
    // Either of B and C could be "the one that moved"; choosing one would depend on the direction.
    let forward = diff(&[A, B, C, D], &[A, C, B, D]);
    let backward = diff(&[A, C, B, D], &[A, B, C, D]);
    let kinds = |d: &PageDiff| {
        d.changes
            .iter()
            .map(|c| (c.kind, c.id().to_string()))
            .collect::<Vec<_>>()
    };
    assert_eq!(kinds(&forward).len(), 2, "{:?}", outline(&forward));
    assert!(forward.changes.iter().all(|c| c.kind == ChangeKind::Moved));
    let mut f = kinds(&forward);
    let mut b = kinds(&backward);
    f.sort();
    b.sort();
    assert_eq!(f, b);
}

#[test]
fn added_and_removed_are_placed_in_page_order() {
    let d = diff(&[A, B, D], &[A, C, D]);
    assert_eq!(
        outline(&d),
        [
            "removed 2023-10-24-belgian-national-drugs-commissioner -> -",
            "added - -> 2023-07-05-uk-minister-for-security"
        ]
    );
}

#[test]
fn a_body_rewrite_below_the_threshold_is_not_a_retitle() {
    let b2 = (
        "Belgium’s Drugs Commissioner",
        B.1,
        "An entirely different visit about cybercrime and financial fraud.",
        &["Nothing else in common with the old entry either."][..],
    );
    let d = diff(&[A, B, C], &[A, b2, C]);
    let kinds: Vec<ChangeKind> = d.changes.iter().map(|c| c.kind).collect();
    assert_eq!(kinds, [ChangeKind::Removed, ChangeKind::Added]);
    // A permissive threshold pairs them anyway (the two share "the").
    let opts = DiffOptions {
        threshold: 0.0,
        ..DiffOptions::default()
    };
    let d = diff_texts(&page(&[A, B, C]), &page(&[A, b2, C]), &opts);
    assert_eq!(d.changes[0].kind, ChangeKind::Retitled);
    assert_eq!(d.changes[0].also, [ChangeKind::Modified]);
}

#[test]
fn retitled_record_prefers_the_candidate_that_kept_its_date() {
    // A new entry copying B's body is added at the top while B is retitled: same content twice.
    let copy = (
        "Belgian Drugs Commissioner (second visit)",
        "1 December 2023",
        B.2,
        B.3,
    );
    let b2 = ("Belgium’s Drugs Commissioner", B.1, B.2, B.3);
    let d = diff(&[B, C], &[copy, b2, C]);
    assert_eq!(
        outline(&d),
        [
            "added - -> 2023-12-01-belgian-drugs-commissioner-second-visit",
            "retitled 2023-10-24-belgian-national-drugs-commissioner -> 2023-10-24-belgiums-drugs-commissioner"
        ]
    );
}

/// The seed page has two different visits titled "Director General of the French National Police".
const FR_2020: Entry<'static> = (
    "Director General of the French National Police",
    "26 June 2020",
    "Frédéric Veaux, Director General of the French National Police, the first visit since his appointment.",
    &["The visit focused on counter-terrorism and the fight against organized crime."],
);
const FR_2019: Entry<'static> = (
    "Director General of the French National Police",
    "18 January 2019",
    "Secretary General Jürgen Stock welcomed Eric Morvan, Director General of the French National Police.",
    &["Discussions covered the use of INTERPOL’s databases at French borders."],
);

#[test]
fn same_title_on_two_dates_pairs_each_with_its_own() {
    let fr2019_edited = (
        FR_2019.0,
        FR_2019.1,
        FR_2019.2,
        &["Discussions covered the use of INTERPOL’s databases at French airports."][..],
    );
    let d = diff(&[FR_2020, C, FR_2019], &[FR_2020, C, fr2019_edited]);
    assert_eq!(
        outline(&d),
        ["modified 2019-01-18-director-general-of-the-french-national-police -> 2019-01-18-director-general-of-the-french-national-police"]
    );
}

#[test]
fn redate_onto_another_records_identity_is_resolved_by_content() {
    // The 2020 visit is redated to 18 January 2019: the new page has two records with the 2019 visit's
    // identity. The one with the 2019 visit's body is the 2019 visit; the other is the redated 2020 one.
    let fr2020_redated = (FR_2020.0, FR_2019.1, FR_2020.2, FR_2020.3);
    let d = diff(&[FR_2020, C, FR_2019], &[fr2020_redated, C, FR_2019]);
    assert_eq!(
        outline(&d),
        ["redated 2020-06-26-director-general-of-the-french-national-police -> 2019-01-18-director-general-of-the-french-national-police"]
    );
}

#[test]
fn exact_duplicates_pair_in_order() {
    let d = diff(&[A, A, B], &[A, A, B]);
    assert!(d.changes.is_empty());
    let d = diff(&[A, A, B], &[A, B]);
    assert_eq!(
        outline(&d),
        ["removed 2023-11-13-minister-of-interior-of-albania-2 -> -"]
    );
}

#[test]
fn cosmetic_changes_are_classed_cosmetic_and_equivalent() {
    let old = page(&[A, C]);
    let new = old
        .replacen("2023 \u{2013} Tom", "2023 - Tom", 1)
        .replacen("INTERPOL’s strongest", "INTERPOL's\u{a0}strongest", 1)
        .replacen("during his visit", "during  his visit", 1);
    let d = diff_texts(&old, &new, &DiffOptions::default());
    assert_eq!(
        outline(&d),
        ["cosmetic 2023-07-05-uk-minister-for-security -> 2023-07-05-uk-minister-for-security"]
    );
    assert!(d.equivalent);
    let fields: Vec<(Field, bool)> = d.changes[0]
        .fields
        .iter()
        .map(|f| (f.field, f.cosmetic))
        .collect();
    assert_eq!(
        fields,
        [
            (Field::LeadSeparator, true),
            (Field::Lead, true),
            (Field::Paragraph, true)
        ]
    );
}

#[test]
fn a_real_change_next_to_a_cosmetic_one_is_modified() {
    let old = page(&[A, C]);
    let new = old
        .replacen("INTERPOL’s strongest", "INTERPOL's strongest", 1)
        .replacen("during his visit", "during a visit", 1);
    let d = diff_texts(&old, &new, &DiffOptions::default());
    assert_eq!(d.changes[0].kind, ChangeKind::Modified);
    let lead = &d.changes[0].fields[0];
    assert_eq!(lead.field, Field::Lead);
    assert!(!lead.cosmetic);
    assert!(d.changes[0].fields[1].cosmetic);
}

#[test]
fn captions_and_paragraphs_are_aligned_as_lists() {
    let old = "Official visits 2018 to 2023\n\nQatar Police Chief\n\nQatar Police Chief\n\n8 October 2018 - The chief met the Secretary General.\n\nFirst paragraph.\n\nSecond paragraph.\n";
    let new = "Official visits 2018 to 2023\n\nQatar Police Chief\n\n8 October 2018 - The chief met the Secretary General.\n\nFirst paragraph.\n\nAn inserted paragraph.\n\nSecond paragraph.\n";
    let d = diff_texts(old, new, &DiffOptions::default());
    let fields: Vec<(Field, Option<usize>, Option<usize>)> = d.changes[0]
        .fields
        .iter()
        .map(|f| (f.field, f.old_index, f.new_index))
        .collect();
    assert_eq!(
        fields,
        [
            (Field::Caption, Some(0), None),
            (Field::Paragraph, None, Some(1))
        ]
    );
}

#[test]
fn the_default_threshold_separates_the_seed_pages_distinct_visits() {
    // The justification of DEFAULT_THRESHOLD: no two different visits of the real page are that similar.
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/corpus/official-visits/2023-12.txt"
    ))
    .unwrap();
    let src = SourceFile::from_text("2023-12.txt", text).unwrap();
    let page = parse(&src, None);
    let sigs: Vec<Vec<u64>> = page.records.iter().map(matching::signature).collect();
    let mut max: f64 = 0.0;
    for i in 0..sigs.len() {
        for j in i + 1..sigs.len() {
            max = max.max(matching::jaccard(&sigs[i], &sigs[j]));
        }
    }
    assert!(max < 0.5, "max similarity between distinct visits {max}");
    assert!(max + 0.1 <= DEFAULT_THRESHOLD);
}
