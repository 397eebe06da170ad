//! `--format sarif`: one SARIF 2.1.0 log (OASIS Static Analysis Results Interchange Format), the format
//! GitHub code scanning and many review tools read.
//!
//! The log has exactly one run. Its `tool.driver` describes pagerev and lists *every* rule of the registry
//! (`id` = code, `name`, short and full descriptions and help from the rule's documentation, `helpUri`
//! into `docs/rules.md`, and the default level), so `ruleIndex` of a result is the rule's position in the
//! codes table. Each result carries its level (`error`, `warning`, `note` for info), the message, the
//! physical location (a relative `uri` with `uriBaseId` `%SRCROOT%`; a region in lines and columns — the
//! run declares `columnKind: unicodeCodePoints`, since pagerev counts characters — plus the byte range),
//! the related location, and `partialFingerprints["pagerev/v1"]`: the stable [`Fingerprint`] (rule code,
//! record id, hash of the canonical offending text; no line numbers).
//!
//! When `--max-findings` cut the results, `invocations[0].toolExecutionNotifications` holds a warning
//! saying how many were left out, and `run.properties.truncated` gives the numbers.
//!
//! ## Escaping
//! The log is built as a `serde_json` value and serialised by it, so every string — messages quoting
//! corpus text included — is JSON-escaped. Paths become URI references: `\` is turned into `/` and every
//! byte outside the URI unreserved set and `/` is percent-encoded. Paths are relative (as the command line
//! names files below the working directory); one outside it is written as an absolute `file://` URI
//! without a base id rather than as a wrong relative one.

use super::{Budget, FileResult, Reporter};
use crate::diagnostic::{Diagnostic, Location, Severity};
use crate::fingerprint::Fingerprint;
use crate::rules::{self, RuleInfo};
use serde_json::{json, Value};
use std::io::{self, Write};

/// The schema the log declares.
pub const SCHEMA_URI: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
/// Where pagerev is described.
pub const INFORMATION_URI: &str = env!("CARGO_PKG_REPOSITORY");
/// The key of pagerev's fingerprint in `partialFingerprints` (the suffix is the fingerprint's version).
pub const FINGERPRINT_KEY: &str = "pagerev/v1";

/// Collects results and writes the log at the end.
pub struct Sarif {
    results: Vec<Value>,
    budget: Budget,
}

impl Sarif {
    /// A reporter that records at most `limit` results.
    pub fn new(limit: Option<usize>) -> Self {
        Sarif {
            results: Vec::new(),
            budget: Budget::new(limit),
        }
    }
}

impl Reporter for Sarif {
    fn file(&mut self, _out: &mut dyn Write, result: FileResult<'_>) -> io::Result<()> {
        for d in self.budget.take_file(&result) {
            let fingerprint = Fingerprint::of(d, result.source);
            self.results.push(result_of(d, &fingerprint));
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let mut run = json!({
            "tool": { "driver": driver() },
            "columnKind": "unicodeCodePoints",
            "results": std::mem::take(&mut self.results),
        });
        if let Some(t) = self.budget.truncated() {
            run["invocations"] = json!([{
                "executionSuccessful": true,
                "toolExecutionNotifications": [{
                    "level": "warning",
                    "message": { "text": t.message() },
                }],
            }]);
            run["properties"] = json!({ "truncated": t });
        }
        let log = json!({
            "$schema": SCHEMA_URI,
            "version": "2.1.0",
            "runs": [run],
        });
        serde_json::to_writer_pretty(&mut *out, &log)?;
        writeln!(out)
    }
}

/// SARIF's name for a severity.
pub fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// `tool.driver`: pagerev and every rule of the registry.
fn driver() -> Value {
    let rules: Vec<Value> = rules::active().map(rule_descriptor).collect();
    json!({
        "name": "pagerev",
        "version": env!("CARGO_PKG_VERSION"),
        "semanticVersion": env!("CARGO_PKG_VERSION"),
        "informationUri": INFORMATION_URI,
        "rules": rules,
    })
}

/// A rule's `reportingDescriptor`, from the codes table and the rule's documentation.
fn rule_descriptor(r: &RuleInfo) -> Value {
    let doc = r.doc();
    let summary = r.summary();
    let what = section(&doc, "What it does").unwrap_or_else(|| summary.clone());
    let fix = section(&doc, "How to fix").unwrap_or_else(|| summary.clone());
    json!({
        "id": r.code,
        "name": r.name,
        "shortDescription": { "text": summary },
        "fullDescription": { "text": what },
        "help": { "text": fix, "markdown": doc.trim_end() },
        "helpUri": r.docs_url(),
        "defaultConfiguration": {
            "enabled": r.default_enabled,
            "level": level(r.default_severity),
        },
    })
}

/// The text of the `## title` section of a rule's Markdown documentation, lines joined.
fn section(doc: &str, title: &str) -> Option<String> {
    let mut lines = doc
        .lines()
        .skip_while(|l| l.trim() != format!("## {title}"));
    lines.next()?;
    let body: Vec<&str> = lines.take_while(|l| !l.starts_with("## ")).collect();
    let text = body.join("\n").trim().to_string();
    (!text.is_empty()).then_some(text)
}

/// One `result`.
fn result_of(d: &Diagnostic, fingerprint: &Fingerprint) -> Value {
    let mut result = json!({
        "ruleId": d.code,
        "level": level(d.severity),
        "message": { "text": d.message },
        "locations": [{ "physicalLocation": physical_location(&d.file, &d.location) }],
        "partialFingerprints": { FINGERPRINT_KEY: fingerprint.to_string() },
    });
    if d.file.is_empty() {
        // A problem in the command line (see `Diagnostic::config`) is about no file.
        if let Some(map) = result.as_object_mut() {
            map.remove("locations");
        }
    }
    if let Some(index) = rules::active().position(|r| r.code == d.code) {
        result["ruleIndex"] = json!(index);
    }
    if let Some(r) = &d.related {
        result["relatedLocations"] = json!([{
            "id": 1,
            "physicalLocation": physical_location(&r.file, &r.location),
            "message": { "text": r.message },
        }]);
    }
    let mut properties = serde_json::Map::new();
    if let Some(id) = &d.record_id {
        properties.insert("recordId".into(), json!(id));
    }
    if let Some(h) = &d.help {
        properties.insert("help".into(), json!(h));
    }
    if !properties.is_empty() {
        result["properties"] = Value::Object(properties);
    }
    result
}

/// A `physicalLocation`: the file as a URI reference and the region (end exclusive, as SARIF defines it).
fn physical_location(file: &str, loc: &Location) -> Value {
    let mut artifact = json!({ "uri": uri(file) });
    if !is_absolute(file) {
        artifact["uriBaseId"] = json!("%SRCROOT%");
    }
    json!({
        "artifactLocation": artifact,
        "region": {
            "startLine": loc.start.line,
            "startColumn": loc.start.column,
            "endLine": loc.end.line,
            "endColumn": loc.end.column,
            "byteOffset": loc.start.byte,
            "byteLength": loc.end.byte.saturating_sub(loc.start.byte),
        },
    })
}

/// `/…`, `\\…` or a Windows drive path (`C:\\…`, `C:/…`).
fn is_absolute(path: &str) -> bool {
    let b = path.as_bytes();
    let drive =
        b.len() > 2 && b[0].is_ascii_alphabetic() && b[1] == b':' && matches!(b[2], b'/' | b'\\');
    path.starts_with('/') || path.starts_with('\\') || drive
}

/// `path` as a URI reference: `/`-separated, percent-encoded; absolute paths as `file://` URIs.
pub fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut out = String::new();
    if is_absolute(&path) {
        out.push_str(if path.starts_with('/') {
            "file://"
        } else {
            "file:///"
        });
    }
    for &b in path.as_bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            // The drive letter's colon of a Windows path stays a colon.
            b':' if out.starts_with("file:///") && out.len() == "file:///".len() + 1 => {
                out.push(':')
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(
            uri("corpus/official-visits/2023-12.txt"),
            "corpus/official-visits/2023-12.txt"
        );
        assert_eq!(uri("a b/ü#1%.txt"), "a%20b/%C3%BC%231%25.txt");
        assert_eq!(uri("dir\\p.txt"), "dir/p.txt");
        assert_eq!(uri("/tmp/p.txt"), "file:///tmp/p.txt");
        assert_eq!(uri("C:\\x y.txt"), "file:///C:/x%20y.txt");
        assert_eq!(uri("a:b.txt"), "a%3Ab.txt");
    }

    #[test]
    fn rule_sections_come_from_the_docs() {
        let doc = "Summary.\n\n## What it does\nChecks things.\nTwo lines.\n\n## Why\nBecause.\n";
        assert_eq!(
            section(doc, "What it does").as_deref(),
            Some("Checks things.\nTwo lines.")
        );
        assert_eq!(section(doc, "Missing"), None);
    }
}
