//! Accuracy of `pagerev diff` against the edits `gen-corpus` records in its manifest.
//!
//! For seeds 1 to 5, `../shared/tools/gen-corpus --records 20000 --change-rate 0.02` writes two revisions
//! and the list of edits (added, removed, modified, captions deduplicated — counted as modified —,
//! retitled, redated), each naming its record by date and title. Every reported change must be one of
//! those edits, of the right kind on the right record, and every edit must be reported: precision and
//! recall both 100%.
//!
//! gen-corpus's "modified" edit sometimes replaces the *last* word of a paragraph, full stop included; the
//! parser must still read that paragraph as a paragraph (not as the next entry's title or an undated
//! entry), or the diff would report an extra record here.

use pagerev::diff::{diff_pages, ChangeKind, DiffOptions, PageDiff};
use pagerev::parse::parse;
use pagerev::source::SourceFile;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

/// (kind, old date, old title, new date, new title): one edit as the manifest or the diff states it.
type Key = (
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

fn s(v: &Value) -> Option<String> {
    v.as_str().map(str::to_string)
}

fn expected(manifest: &Value) -> Vec<Key> {
    let edits = manifest["edits"].as_array().cloned().unwrap_or_default();
    edits
        .iter()
        .map(|e| {
            let kind = e["kind"].as_str().unwrap_or("").to_string();
            match kind.as_str() {
                "retitled" | "redated" => (
                    kind,
                    s(&e["old"]["date"]),
                    s(&e["old"]["title"]),
                    s(&e["new"]["date"]),
                    s(&e["new"]["title"]),
                ),
                "added" => (kind, None, None, s(&e["date"]), s(&e["title"])),
                "removed" => (kind, s(&e["date"]), s(&e["title"]), None, None),
                _ => (
                    kind,
                    s(&e["date"]),
                    s(&e["title"]),
                    s(&e["date"]),
                    s(&e["title"]),
                ),
            }
        })
        .collect()
}

fn reported(diff: &PageDiff) -> Vec<Key> {
    diff.changes
        .iter()
        .map(|c| {
            (
                c.kind.name().to_string(),
                c.old.as_ref().and_then(|r| r.date.clone()),
                c.old.as_ref().and_then(|r| r.title.clone()),
                c.new.as_ref().and_then(|r| r.date.clone()),
                c.new.as_ref().and_then(|r| r.title.clone()),
            )
        })
        .collect()
}

fn counts(keys: &[Key]) -> BTreeMap<&Key, usize> {
    let mut m = BTreeMap::new();
    for k in keys {
        *m.entry(k).or_insert(0) += 1;
    }
    m
}

struct Score {
    expected: usize,
    reported: usize,
    true_positives: usize,
    missed: Vec<Key>,
    extra: Vec<Key>,
}

fn score(seed: u32, tool: &Path) -> Score {
    let dir = tempfile::tempdir().unwrap();
    let (a, b, m) = (
        dir.path().join("a.txt"),
        dir.path().join("b.txt"),
        dir.path().join("m.json"),
    );
    let status = Command::new(tool)
        .args(["--records", "20000", "--change-rate", "0.02", "--seed"])
        .arg(seed.to_string())
        .arg("--out")
        .arg(&a)
        .arg("--next")
        .arg(&b)
        .arg("--manifest")
        .arg(&m)
        .status()
        .expect("run gen-corpus");
    assert!(status.success(), "gen-corpus failed for seed {seed}");
    let manifest: Value = serde_json::from_slice(&std::fs::read(&m).unwrap()).unwrap();
    let old_src = SourceFile::from_bytes("a.txt", std::fs::read(&a).unwrap()).unwrap();
    let new_src = SourceFile::from_bytes("b.txt", std::fs::read(&b).unwrap()).unwrap();
    let (old, new) = (parse(&old_src, None), parse(&new_src, None));
    let diff = diff_pages(&old, &new, &DiffOptions::default());

    let want = expected(&manifest);
    let got = reported(&diff);
    let (want_n, got_n) = (counts(&want), counts(&got));
    let mut missed = Vec::new();
    for (k, &n) in &want_n {
        let have = got_n.get(k).copied().unwrap_or(0);
        missed.extend(std::iter::repeat_n((*k).clone(), n.saturating_sub(have)));
    }
    let mut extra = Vec::new();
    for (k, &n) in &got_n {
        let have = want_n.get(k).copied().unwrap_or(0);
        extra.extend(std::iter::repeat_n((*k).clone(), n.saturating_sub(have)));
    }
    let true_positives = want.len() - missed.len();
    // Sanity: unchanged records are not listed, so everything listed is a change of some kind.
    assert!(diff.changes.iter().all(|c| c.kind != ChangeKind::Unchanged));
    Score {
        expected: want.len(),
        reported: got.len(),
        true_positives,
        missed,
        extra,
    }
}

#[test]
fn every_generated_edit_is_reported_as_its_kind_and_nothing_else() {
    let tool = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/tools/gen-corpus");
    if !tool.exists() {
        eprintln!(
            "\n\n*** SKIP diff accuracy test: {} not found (it lives in the shared tools folder next to the \
             repository). Nothing was measured. ***\n\n",
            tool.display()
        );
        return;
    }
    let scores: Vec<(u32, Score)> = std::thread::scope(|s| {
        let handles: Vec<_> = (1..=5)
            .map(|seed| {
                let tool = &tool;
                s.spawn(move || (seed, score(seed, tool)))
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let mut failures = Vec::new();
    for (seed, sc) in &scores {
        let precision = sc.true_positives as f64 / sc.reported.max(1) as f64;
        let recall = sc.true_positives as f64 / sc.expected.max(1) as f64;
        eprintln!(
            "seed {seed}: {} edits, {} reported, {} right; recall {:.2}%, precision {:.2}%",
            sc.expected,
            sc.reported,
            sc.true_positives,
            recall * 100.0,
            precision * 100.0,
        );
        for k in &sc.missed {
            failures.push(format!("seed {seed}: missed {k:?}"));
        }
        for k in &sc.extra {
            failures.push(format!("seed {seed}: extra {k:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
