//! Shared test helpers: every snapshot lives in the top-level `snapshots/` folder.

/// insta settings for every snapshot test: snapshots in `snapshots/`, named without the module path.
pub fn settings() -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path("../snapshots");
    s.set_prepend_module_to_snapshot(false);
    s
}
