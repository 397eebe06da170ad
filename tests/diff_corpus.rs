//! Snapshot of the diff between every pair of consecutive revisions in `corpus/official-visits/`, in text
//! and JSON. A revision dropped into the folder gets its snapshots on the next `cargo insta test`.

mod common;

use pagerev::diff::{diff_pages, DiffOptions};
use pagerev::parse::parse;
use pagerev::report::diff_text::TextOptions;
use pagerev::report::{diff_json, diff_text};
use pagerev::source::SourceFile;
use std::path::{Path, PathBuf};

fn revisions(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
}

fn load(root: &Path, path: &Path) -> SourceFile {
    let name = path
        .strip_prefix(root)
        .unwrap()
        .to_string_lossy()
        .replace('\\', "/");
    SourceFile::from_bytes(name, std::fs::read(path).unwrap()).unwrap()
}

#[test]
fn consecutive_revisions() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let files = revisions(&root.join("corpus/official-visits"));
    assert!(files.len() >= 4, "expected the bundled revisions");
    for pair in files.windows(2) {
        let (a, b) = (load(root, &pair[0]), load(root, &pair[1]));
        let diff = diff_pages(&parse(&a, None), &parse(&b, None), &DiffOptions::default());
        let stem = |p: &Path| p.file_stem().unwrap().to_string_lossy().into_owned();
        let mut settings = common::settings();
        settings.set_snapshot_suffix(format!("{}..{}", stem(&pair[0]), stem(&pair[1])));
        settings.set_info(&format!("{} → {}", a.name(), b.name()));
        settings.bind(|| {
            let mut text = Vec::new();
            let opts = TextOptions {
                color: false,
                context: 5,
                stat: false,
                show_cosmetic: true,
            };
            diff_text::render(&diff, &opts, &mut text).unwrap();
            insta::assert_snapshot!("diff-text", String::from_utf8(text).unwrap());
            let mut json = Vec::new();
            diff_json::render(&diff, &mut json).unwrap();
            insta::assert_snapshot!("diff-json", String::from_utf8(json).unwrap());
        });
    }
}
