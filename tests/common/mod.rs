//! Shared test helpers: insta settings (snapshots live in the top-level `snapshots/` folder) and running
//! the binary from the repository root so reports show relative paths.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// insta settings for every integration test: snapshots under `snapshots/`, named without the test
/// module, and today's date (printed by `future-date`) replaced so snapshots do not age.
pub fn settings() -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path(root().join("snapshots"));
    s.set_prepend_module_to_snapshot(false);
    s.add_filter(
        r"after today \(\d{4}-\d{2}-\d{2}\)",
        "after today ([today])",
    );
    s
}

/// `pagerev` run in `dir`.
pub fn pagerev(dir: &Path) -> assert_cmd::Command {
    let mut c = assert_cmd::Command::cargo_bin("pagerev").expect("binary built");
    c.current_dir(dir).env("NO_COLOR", "1");
    c
}
