//! Accuracy of `pagerev diff` against the edits the project's page generator (`tests/common/gen_corpus.rs`)
//! records in its manifest.
//!
//! For seeds 1 to 5, the generator asked for 20000 records and a 2% change rate writes two revisions
//! and the list of edits (added, removed, modified, captions deduplicated — counted as modified —,
//! retitled, redated), each naming its record by date and title. Every reported change must be one of
//! those edits, of the right kind on the right record, and every edit must be reported: precision and
//! recall both 100%.
//!
//! The generator's "modified" edit sometimes replaces the *last* word of a paragraph, full stop included; the
//! parser must still read that paragraph as a paragraph (not as the next entry's title or an undated
//! entry), or the diff would report an extra record here.

mod common;

use common::gen_corpus::{generate, Edit, Manifest, Options};
use pagerev::diff::{diff_pages, ChangeKind, DiffOptions, PageDiff};
use pagerev::parse::parse;
use pagerev::source::SourceFile;
use std::collections::BTreeMap;

/// (kind, old date, old title, new date, new title): one edit as the manifest or the diff states it.
type Key = (
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

fn expected(manifest: &Manifest) -> Vec<Key> {
    let edits = manifest
        .edits
        .as_deref()
        .expect("the manifest lists the edits");
    edits
        .iter()
        .map(|e| match e {
            Edit::Retitled { old, new } => (
                "retitled".to_string(),
                old.date.clone(),
                old.title.clone(),
                new.date.clone(),
                new.title.clone(),
            ),
            Edit::Redated { old, new } => (
                "redated".to_string(),
                old.date.clone(),
                old.title.clone(),
                new.date.clone(),
                new.title.clone(),
            ),
            Edit::Added(k) => (
                "added".to_string(),
                None,
                None,
                k.date.clone(),
                k.title.clone(),
            ),
            Edit::Removed(k) => (
                "removed".to_string(),
                k.date.clone(),
                k.title.clone(),
                None,
                None,
            ),
            Edit::Modified(k) => (
                "modified".to_string(),
                k.date.clone(),
                k.title.clone(),
                k.date.clone(),
                k.title.clone(),
            ),
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
    /// The kinds of edit the manifest lists.
    kinds: std::collections::BTreeSet<String>,
}

fn score(seed: u64) -> Score {
    let corpus = generate(&Options {
        seed,
        next: true,
        change_rate: 0.02,
        ..Options::new(20_000)
    });
    let manifest = corpus.manifest;
    let old_src = SourceFile::from_text("a.txt", corpus.page).unwrap();
    let new_src = SourceFile::from_text("b.txt", corpus.next.expect("a later revision")).unwrap();
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
        kinds: want.iter().map(|k| k.0.clone()).collect(),
    }
}

#[test]
fn every_generated_edit_is_reported_as_its_kind_and_nothing_else() {
    let scores: Vec<(u64, Score)> = std::thread::scope(|s| {
        let handles: Vec<_> = (1..=5)
            .map(|seed| s.spawn(move || (seed, score(seed))))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    // Every kind of edit is drawn, or the scores would say nothing about it.
    for kind in ["added", "removed", "modified", "retitled", "redated"] {
        assert!(
            scores.iter().any(|(_, sc)| sc.kinds.contains(kind)),
            "no seed drew a {kind} edit"
        );
    }
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
