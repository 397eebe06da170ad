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

/// Every key of every object `docs/check-json.schema.json` describes is named in the documentation
/// (`docs/check-json.md`, or `docs/diff-json.md` for the record changes it shares with the diff).
#[test]
fn check_json_schema_and_its_documentation_name_the_same_fields() {
    fn property_names(schema: &serde_json::Value, out: &mut Vec<String>) {
        match schema {
            serde_json::Value::Object(map) => {
                if let Some(serde_json::Value::Object(props)) = map.get("properties") {
                    out.extend(props.keys().cloned());
                }
                map.values().for_each(|v| property_names(v, out));
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| property_names(v, out)),
            _ => {}
        }
    }
    let root = common::root();
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("docs/check-json.schema.json")).unwrap(),
    )
    .unwrap();
    let docs = std::fs::read_to_string(root.join("docs/check-json.md")).unwrap()
        + &std::fs::read_to_string(root.join("docs/diff-json.md")).unwrap();
    let mut names = Vec::new();
    property_names(&schema, &mut names);
    names.sort();
    names.dedup();
    assert!(names.len() > 40, "{names:?}");
    let undocumented: Vec<&String> = names
        .iter()
        .filter(|n| !docs.contains(&format!("`{n}`")))
        .collect();
    assert!(
        undocumented.is_empty(),
        "fields of the schema missing from the docs: {undocumented:?}"
    );
}

/// The schema is strict: a document with a field it does not describe, or without one it requires, is
/// invalid (so the CLI tests that validate every document notice an undocumented change).
#[test]
fn check_json_schema_rejects_unknown_and_missing_fields() {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(common::root().join("docs/check-json.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let valid = serde_json::json!({ "version": 1, "passed": true, "pages": [] });
    assert!(validator.is_valid(&valid));
    let extra = serde_json::json!({ "version": 1, "passed": true, "pages": [], "new": 0 });
    assert!(!validator.is_valid(&extra));
    let missing = serde_json::json!({ "version": 1, "pages": [] });
    assert!(!validator.is_valid(&missing));
    let page = serde_json::json!({
        "page": "p", "newest": "p/2.txt", "previous": null, "records": 1, "findings": [],
        "counts": { "error": 0, "warning": 0, "info": 0 },
        "baseline": { "file": "snapshots/p.baseline.yaml", "accepted": 0, "stale": [] },
        "changes": null, "review": { "status": "pending" }
    });
    let doc = serde_json::json!({ "version": 1, "passed": true, "pages": [page] });
    assert!(
        !validator.is_valid(&doc),
        "a pending review carries its diff"
    );
}
