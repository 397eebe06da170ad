//! Defect accuracy on a generated corpus: `../shared/tools/gen-corpus --records 2000 --inject-defects 40`
//! plants date-order, missing-date, duplicated-caption and member-count defects and lists them in a
//! manifest (title, date, index). Every one must be reported on its record, and no other finding of those
//! rules may appear beyond what the page itself carries.
//!
//! What the page itself carries: gen-corpus builds its entries by cycling through the seed page's entries,
//! so every copy of the seed's `Burkina Faso Minister of Security` (3 identical captions) and
//! `Tanzania Minister of Home Affairs` (8 identical captions, moved before the lead by the generator)
//! entries legitimately has a `duplicated-caption` finding. The test derives that set from the seed page
//! itself (the titles of its own `duplicated-caption` findings) rather than hard-coding it. The seed has no
//! date-order, missing-date or member-count problem (the generator rewrites member counts to match the
//! membership timeline), so those rules must report the injected defects and nothing else.
//!
//! One injected case cannot be a duplicated caption: doubling the (absent) captions of the seed's
//! *untitled* entry writes `Visit` twice above its lead, which reads exactly like the page's own pattern of
//! a title followed by a caption repeating it. That record is accepted when `caption-repeats-title` (PR006,
//! enabled for this test) reports it.

mod common;

use pagerev::diagnostic::Diagnostic;
use pagerev::rules::config::RuleSet;
use pagerev::rules::{check_page, CheckContext};
use pagerev::source::SourceFile;
use std::collections::{HashMap, HashSet};

/// Title (canonical) and first day of each record, by index.
type Outline = Vec<(Option<String>, Option<String>)>;

fn check(text: String, name: &str, select: &[&str]) -> (Vec<Diagnostic>, Outline) {
    let source = SourceFile::from_text(name, text).expect("page is text");
    let page = pagerev::parse::parse(&source, None);
    // The generator writes the official-visits page, so its settings (INTERPOL's membership timeline)
    // apply, as `page.yaml` beside the page would give them.
    let settings = pagerev::rules::config::ConfigFile {
        name: "corpus/official-visits/page.yaml".into(),
        text: std::fs::read_to_string(common::repo_root().join("corpus/official-visits/page.yaml"))
            .expect("page settings"),
        page: true,
    };
    let mut rules = RuleSet::load(&[settings]).expect("default rules and the page's");
    let select: Vec<String> = select.iter().map(|s| s.to_string()).collect();
    rules
        .apply_overrides(&select, &[], &[])
        .expect("known rules");
    let diags = check_page(&rules, &source, &page, &CheckContext::default());
    let records = page
        .records
        .iter()
        .map(|r| {
            (
                r.title.map(|t| t.canonical().into_owned()),
                r.date.map(|d| d.start.to_string()),
            )
        })
        .collect();
    (diags, records)
}

#[test]
fn every_injected_defect_is_reported_on_its_record_and_nothing_else() {
    let root = common::root();
    let tool = root.join("../shared/tools/gen-corpus");
    if !tool.is_file() {
        eprintln!(
            "\n*** SKIPPED: {} not found; the defect-accuracy test did not run ***\n",
            tool.display()
        );
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let status = std::process::Command::new(&tool)
        .args([
            "--records",
            "2000",
            "--inject-defects",
            "40",
            "--manifest",
            "m.json",
            "--out",
            "p.txt",
        ])
        .current_dir(dir.path())
        .status();
    match status {
        Ok(s) if s.success() => {}
        other => {
            eprintln!("\n*** SKIPPED: could not run {} ({other:?}); the defect-accuracy test did not run ***\n", tool.display());
            return;
        }
    }
    let text = std::fs::read_to_string(dir.path().join("p.txt")).expect("generated page");
    let manifest: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("m.json")).expect("manifest"),
    )
    .expect("JSON");
    let defects = manifest["defects"].as_array().expect("defects");
    assert_eq!(defects.len(), 40);

    // What the seed page itself carries.
    let seed =
        std::fs::read_to_string(root.join("corpus/official-visits/2023-12.txt")).expect("seed");
    let (seed_diags, seed_records) = check(seed, "seed.txt", &["PR001", "PR002", "PR004", "PR008"]);
    let own_repeats: HashSet<Option<String>> = seed_diags
        .iter()
        .filter(|d| d.code == "PR004")
        .filter_map(|d| d.record_index.map(|i| seed_records[i].0.clone()))
        .collect();
    assert_eq!(
        own_repeats.len(),
        2,
        "the seed repeats captions in two entries"
    );
    assert!(
        seed_diags.iter().all(|d| d.code == "PR004"),
        "{seed_diags:#?}"
    );

    let (diags, records) = check(
        text,
        "p.txt",
        &["PR001", "PR002", "PR004", "PR008", "PR006"],
    );
    let mut found: HashMap<(&str, usize), usize> = HashMap::new();
    for d in &diags {
        if let Some(i) = d.record_index {
            *found.entry((d.code, i)).or_default() += 1;
        }
    }

    let mut injected: HashSet<(&str, usize)> = HashSet::new();
    let mut untitled_caption_cases = 0;
    for defect in defects {
        let kind = defect["kind"].as_str().expect("kind");
        let index = defect["index"].as_u64().expect("index") as usize;
        let title = defect["title"]
            .as_str()
            .map(|t| pagerev::canonical::canonical(t).into_owned());
        let date = defect["date"].as_str().map(str::to_string);
        let code = match kind {
            "date-order" => "PR001",
            "missing-date" => "PR002",
            "duplicated-caption" => "PR004",
            "member-count" => "PR008",
            other => panic!("unknown defect kind {other}"),
        };
        let (rec_title, rec_date) = &records[index];
        assert_eq!(rec_date, &date, "record {index} has the manifest's date");
        if kind == "duplicated-caption" && title.is_none() {
            // See the module doc: the doubled `Visit` reads as a title plus a caption repeating it.
            assert_eq!(rec_title.as_deref(), Some("Visit"));
            assert_eq!(found.get(&("PR006", index)), Some(&1), "record {index}");
            untitled_caption_cases += 1;
            continue;
        }
        assert_eq!(rec_title, &title, "record {index} has the manifest's title");
        assert_eq!(
            found.get(&(code, index)),
            Some(&1),
            "{kind} defect on record {index} ({title:?}, {date:?}) reported once"
        );
        injected.insert((code, index));
    }

    let mut carried = 0;
    for d in &diags {
        let Some(i) = d.record_index else {
            panic!("finding without a record: {d:?}")
        };
        if d.code == "PR006" || injected.contains(&(d.code, i)) {
            continue;
        }
        assert!(
            d.code == "PR004" && own_repeats.contains(&records[i].0),
            "finding on no injected defect and not carried by the seed: {d:#?}"
        );
        carried += 1;
    }
    eprintln!(
        "gen-corpus: {} defects injected, {} reported on their record ({} through caption-repeats-title), {carried} duplicated-caption findings carried by the seed's own repeated captions",
        defects.len(),
        injected.len() + untitled_caption_cases,
        untitled_caption_cases
    );
}
