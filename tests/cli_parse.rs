//! `pagerev parse` through the real binary: output formats, and one clear line with exit 2 for each kind
//! of bad input.

mod common;

use assert_cmd::Command;
use predicates::prelude::*;

fn pagerev() -> Command {
    let mut c = Command::cargo_bin("pagerev").unwrap();
    c.current_dir(common::repo_root());
    c
}

/// Runs `pagerev parse` on a file holding `bytes` and returns stderr, asserting exit 2 and one line.
fn bad_input(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("page.txt");
    std::fs::write(&path, bytes).unwrap();
    let out = pagerev().arg("parse").arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(err.contains("page.txt"), "names the file: {err}");
    err
}

#[test]
fn parse_prints_yaml_json_and_jsonl() {
    let seed = "corpus/official-visits/2023-12.txt";
    let yaml = pagerev()
        .args(["parse", seed])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(String::from_utf8(yaml)
        .unwrap()
        .contains("id: 2019-12-02-tanzania-minister-of-home-affairs"));
    let json = pagerev()
        .args(["parse", seed, "--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let doc: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(doc["records"].as_array().unwrap().len(), 51);
    assert_eq!(doc["records"][1]["date"]["end"], "2023-11-22");
    let jsonl = pagerev()
        .args(["parse", seed, "--format", "jsonl"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let lines: Vec<serde_json::Value> = String::from_utf8(jsonl)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 51);
    assert!(lines[17]["title"].is_null());
}

#[test]
fn lang_can_be_forced() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fr.txt");
    std::fs::write(
        &path,
        "Visites 2021\n\nMinistre\n\n10 décembre 2021 – Texte.\n",
    )
    .unwrap();
    let out = pagerev()
        .args(["parse", "--format", "json", "--lang", "fr"])
        .arg(&path)
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["lang"], "fr");
    assert_eq!(doc["records"][0]["date"]["start"], "2021-12-10");
    // Forced to English, the French date is not a date: the line is not a lead.
    let out = pagerev()
        .args(["parse", "--format", "json", "--lang", "en"])
        .arg(&path)
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(doc["records"][0]["date"].is_null());
}

#[test]
fn missing_file() {
    pagerev()
        .args(["parse", "no/such/page.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::diff(
            "pagerev: error: no/such/page.txt: no such file; check the path\n",
        ));
}

#[test]
fn directory() {
    pagerev()
        .args(["parse", "corpus/official-visits"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "corpus/official-visits: is a directory",
        ));
}

#[test]
fn empty_file() {
    assert!(bad_input(b"").contains("file is empty"));
}

#[test]
fn only_blank_lines() {
    assert!(bad_input(b"\n  \n\xc2\xa0\n\r\n").contains("only blank lines"));
}

#[test]
fn invalid_utf8_reports_the_byte_offset() {
    assert!(bad_input(b"Title\n\n5 July 2019 - caf\xe9.\n")
        .contains("invalid UTF-8 at byte offset 24 (line 3)"));
}

#[test]
fn utf16_is_named_as_such() {
    let utf16: Vec<u8> = "\u{feff}Title\n"
        .encode_utf16()
        .flat_map(|u| u.to_le_bytes())
        .collect();
    assert!(bad_input(&utf16).contains("UTF-16"));
}

#[test]
fn binary_data_and_nul_bytes() {
    assert!(
        bad_input(b"\x7fELF\x02\x01\x01\0\0\0").contains("binary data (NUL byte at byte offset 7)")
    );
    assert!(bad_input(b"Title\n\n5 July 2019 - text\0more\n").contains("NUL byte"));
}

#[test]
fn unreadable_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("page.txt");
    std::fs::write(&path, "Title\n\n5 July 2019 - text.\n").unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&path).is_ok() {
        eprintln!("SKIPPED: running as root, permissions do not stop reads");
        return;
    }
    pagerev()
        .arg("parse")
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("permission denied"));
}

#[test]
fn crlf_and_lone_cr_parse_normally() {
    let dir = tempfile::tempdir().unwrap();
    let page = "Visits 2019\n\nA title\n\n5 July 2019 - The lead.\n\nBody.\n";
    let mut outputs = Vec::new();
    for (name, text) in [
        ("lf.txt", page.to_string()),
        ("crlf.txt", page.replace('\n', "\r\n")),
        ("cr.txt", page.replace('\n', "\r")),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        let out = pagerev()
            .args(["parse", "--format", "json"])
            .arg(&path)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let doc: serde_json::Value = serde_json::from_slice(&out).unwrap();
        outputs.push((
            doc["records"][0]["title"]["text"].clone(),
            doc["records"][0]["paragraphs"][0]["text"].clone(),
        ));
    }
    assert!(outputs.iter().all(|o| o == &outputs[0]), "{outputs:?}");
    assert_eq!(outputs[0].0, "A title");
}

#[test]
fn usage_errors_exit_2() {
    pagerev().args(["parse"]).assert().code(2);
    pagerev()
        .args(["parse", "x.txt", "--format", "xml"])
        .assert()
        .code(2);
}

#[test]
fn summary_counts_the_seed_page() {
    pagerev()
        .args(["parse", "corpus/official-visits/2023-12.txt", "--format", "summary"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "corpus/official-visits/2023-12.txt: 51 records (1 untitled, 0 undated, 1 with a month or year only, 1 date ranges)",
        ));
}
