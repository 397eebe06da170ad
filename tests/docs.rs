//! `docs/rules.md` is generated from the rule files; this test fails when it is stale (ruff's approach).
//! Regenerate with `UPDATE_DOCS=1 cargo test --test docs`.

mod common;

#[test]
fn rules_md_is_up_to_date() {
    let path = common::root().join("docs/rules.md");
    let fresh = pagerev::rules::docs_markdown();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &fresh).expect("write docs/rules.md");
        return;
    }
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        current == fresh,
        "docs/rules.md is stale; regenerate it with `UPDATE_DOCS=1 cargo test --test docs`"
    );
}
