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
fn utf16_is_named_as_such_with_its_byte_order() {
    for (order, to_bytes) in [
        ("little-endian", u16::to_le_bytes as fn(u16) -> [u8; 2]),
        ("big-endian", u16::to_be_bytes),
    ] {
        let utf16: Vec<u8> = "\u{feff}Title\n"
            .encode_utf16()
            .flat_map(to_bytes)
            .collect();
        let err = bad_input(&utf16);
        assert!(err.contains(&format!("UTF-16 ({order}")), "{err}");
    }
}

#[test]
fn binary_data_and_nul_bytes() {
    assert!(
        bad_input(b"\x7fELF\x02\x01\x01\0\0\0").contains("binary data (NUL byte at byte offset 7)")
    );
    assert!(bad_input(b"Title\n\n5 July 2019 - text\0more\n").contains("NUL byte"));
}

/// A file its reader may not open. Root reads it anyway, so as root the binary runs as `nobody` (through
/// util-linux's `setpriv`) rather than the test skipping.
#[test]
fn unreadable_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    // Only the file is closed: the folder stays open to every user.
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = dir.path().join("page.txt");
    std::fs::write(&path, "Title\n\n5 July 2019 - text.\n").unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    let mut cmd = if std::fs::read(&path).is_ok() {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(env!("CARGO_BIN_EXE_pagerev"))
            .current_dir(common::repo_root());
        c
    } else {
        pagerev()
    };
    let out = cmd.arg("parse").arg(&path).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(
        err.contains(&format!(
            "{}: permission denied; make the file readable",
            path.display()
        )),
        "{err}"
    );
}

/// The message itself, whoever runs the tests.
#[test]
fn permission_denied_message() {
    let err = pagerev::error::FileError::from_io(
        "page.txt",
        std::io::Error::from(std::io::ErrorKind::PermissionDenied),
    );
    assert_eq!(
        err.to_string(),
        "page.txt: permission denied; make the file readable"
    );
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

#[test]
fn nul_byte_deep_in_a_long_page() {
    let mut page = "Title\n\n5 July 2019 - The lead.\n\n"
        .repeat(40_000)
        .into_bytes();
    let at = page.len() - 7;
    page[at] = 0;
    assert!(bad_input(&page).contains(&format!("NUL byte at byte offset {at}")));
}

/// A page of at least 16 MiB is read as two halves at once, and checked and indexed as two halves:
/// what is found in either half is reported at its offset in the file, the first problem first.
#[test]
fn problems_in_either_half_of_a_large_page_are_reported_where_they_are() {
    let entry = "Title\n\n5 July 2019 - The lead.\n\n";
    let page = entry.repeat((17 << 20) / entry.len()).into_bytes();
    let (early, late) = (1000, page.len() - 7);
    for (at, byte, found) in [
        (late, 0u8, "NUL byte at byte offset"),
        (early, 0u8, "NUL byte at byte offset"),
        (late, 0xff, "invalid UTF-8 at byte offset"),
    ] {
        let mut bad = page.clone();
        bad[at] = byte;
        let err = bad_input(&bad);
        assert!(err.contains(&format!("{found} {at}")), "{err}");
    }
    // A NUL in the second half and invalid UTF-8 in the first: binary data is what is reported, as on
    // a small page.
    let mut both = page.clone();
    both[early] = 0xff;
    both[late] = 0;
    assert!(bad_input(&both).contains(&format!("NUL byte at byte offset {late}")));
    let line = 1 + page[..late].iter().filter(|&&b| b == b'\n').count();
    let mut bad = page;
    bad[late] = 0xff;
    assert!(bad_input(&bad).contains(&format!("(line {line})")));
}

/// A large page read as two halves parses to the same records as the same text read as a stream (from
/// a pipe, `/dev/stdin`), with CRLF line ends around the middle too.
#[test]
fn a_large_page_reads_the_same_from_a_file_and_a_stream() {
    let entry = "Visit\r\n\r\n5 July 2019 - The lead.\r\nA paragraph.\n\n";
    let page = entry.repeat((17 << 20) / entry.len());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.txt");
    std::fs::write(&path, &page).unwrap();
    let from_file = pagerev()
        .arg("parse")
        .arg(&path)
        .args(["--format", "summary"])
        .output()
        .unwrap();
    let from_stream = pagerev()
        .args(["parse", "/dev/stdin", "--format", "summary"])
        .write_stdin(page.clone())
        .output()
        .unwrap();
    assert!(from_file.status.success() && from_stream.status.success());
    let records = |out: &[u8]| {
        String::from_utf8_lossy(out)
            .split_once(": ")
            .map(|(_, rest)| rest.to_string())
            .unwrap()
    };
    let expected = page.matches("5 July 2019").count();
    assert!(
        records(&from_file.stdout).starts_with(&format!("{expected} records")),
        "{}",
        records(&from_file.stdout)
    );
    assert_eq!(records(&from_file.stdout), records(&from_stream.stdout));
}

#[test]
fn every_kind_of_invalid_utf8_reports_its_offset_and_line() {
    for (bytes, offset) in [
        (&b"Title\n\n5 July 2019 - caf\xc3"[..], 24), // truncated at the end of the file
        (&b"Title\n\n5 July 2019 - \xed\xa0\x80.\n"[..], 21), // an encoded UTF-16 surrogate
        (&b"Title\n\n5 July 2019 - \xc0\xaf.\n"[..], 21), // an overlong encoding of `/`
        (&b"Title\n\n5 July 2019 - \x80.\n"[..], 21), // a lone continuation byte
    ] {
        let err = bad_input(bytes);
        assert!(
            err.contains(&format!("invalid UTF-8 at byte offset {offset} (line 3)")),
            "{err}"
        );
    }
}

#[test]
fn special_files_and_symlink_loops_give_one_line() {
    pagerev()
        .args(["parse", "/dev/null"])
        .assert()
        .code(2)
        .stderr(predicate::str::diff(
            "pagerev: error: /dev/null: file is empty; a page revision needs at least one dated entry\n",
        ));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("loop.txt");
    std::os::unix::fs::symlink(&path, &path).unwrap();
    let out = pagerev().arg("parse").arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("loop.txt: cannot read: "), "{err}");
    // The cause once, not twice.
    assert_eq!(err.matches("symbolic links").count(), 1, "{err}");
}

/// The records of `bytes` as (title, date, lead, paragraphs), through `pagerev parse --format json`.
fn records_of(bytes: &[u8]) -> Vec<serde_json::Value> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("page.txt");
    std::fs::write(&path, bytes).unwrap();
    let out = pagerev()
        .args(["parse", "--format", "json"])
        .arg(&path)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let doc: serde_json::Value = serde_json::from_slice(&out).unwrap();
    doc["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            serde_json::json!([
                r["title"]["text"],
                r["date"],
                r["lead"]["text"]["text"],
                r["paragraphs"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|p| p["text"].clone())
                    .collect::<Vec<_>>()
            ])
        })
        .collect()
}

#[test]
fn bom_crlf_and_nbsp_indents_parse_like_the_clean_file() {
    let clean = "Visites 2021\n\nMinistre\n\n10 décembre 2021 – Le texte.\n\nCorps.\n";
    let messy = format!(
        "\u{feff}{}",
        clean
            .replace("10 d", "\u{a0}10 d")
            .replace("Corps", " \u{a0}Corps")
            .replace('\n', "\r\n")
    );
    let want = records_of(clean.as_bytes());
    assert_eq!(want.len(), 1);
    assert_eq!(want[0][1]["start"], "2021-12-10");
    assert_eq!(records_of(messy.as_bytes()), want);
}

#[test]
fn a_multi_megabyte_single_line_parses() {
    // 4 and 5 MB (200 MB is measured on the release binary: RELIABILITY.md, "Resource limits").
    let lead = format!(
        "5 July 2019 - {}",
        "the 195 member countries met. ".repeat(4 << 20 >> 5)
    );
    let records = records_of(lead.trim_end().as_bytes());
    assert_eq!(records.len(), 1);
    assert_eq!(records[0][1]["start"], "2019-07-05");
    // Without a date it is the page preamble, kept whole.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("page.txt");
    let line = "word ".repeat(1 << 20); // 5 MB
    std::fs::write(&path, &line).unwrap();
    let out = pagerev()
        .args(["parse", "--format", "json"])
        .arg(&path)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let doc: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(doc["records"].as_array().unwrap().len(), 0);
    assert_eq!(doc["preamble"][0]["text"], line.trim_end());
}

/// Pages are read a chunk (8 MiB) at a time (`src/cli/input.rs`): every record of a page of several
/// chunks is parsed, and a bad byte deep in its last chunk is reported at its offset.
#[test]
fn pages_of_several_chunks_parse_whole() {
    let seed =
        std::fs::read_to_string(common::repo_root().join("corpus/official-visits/2023-12.txt"))
            .unwrap();
    let page = seed.repeat((20 << 20) / seed.len() + 1);
    assert!(page.len() >= 16 << 20, "more than two chunks");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("page.txt");
    std::fs::write(&path, &page).unwrap();
    let from_file = pagerev()
        .args(["parse", "--format", "jsonl"])
        .arg(&path)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let records = String::from_utf8(from_file).unwrap().lines().count();
    assert_eq!(
        records,
        51 * (page.len() / seed.len()),
        "every copy of the seed parsed"
    );

    // Bad bytes deep in the page: the same one-line error, with the offset.
    for (bad, what) in [
        (&b"\xff"[..], "invalid UTF-8 at byte offset"),
        (&b"\0"[..], "NUL byte at byte offset"),
    ] {
        let mut bytes = page.clone().into_bytes();
        let at = bytes.len() - 10;
        bytes[at..at + 1].copy_from_slice(bad);
        std::fs::write(&path, &bytes).unwrap();
        let out = pagerev().arg("parse").arg(&path).output().unwrap();
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(&format!("{what} {at}")), "{err}");
    }
}

/// Several files in one run: each JSONL record names its file, JSON is an array of the pages, YAML one
/// document per file, the summary a line per file; one file's output is what parsing it alone prints.
#[test]
fn parse_takes_several_files() {
    let (a, b) = (
        "corpus/official-visits/2021-12.txt",
        "corpus/official-visits/2022-12.txt",
    );
    let stdout = |args: &[&str]| {
        let out = pagerev().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    let jsonl = stdout(&["parse", a, b, "--format", "jsonl"]);
    let lines: Vec<serde_json::Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 31 + 39);
    assert_eq!(lines[0]["file"], a);
    assert_eq!(lines[31]["file"], b);
    assert!(jsonl.lines().all(|l| l.starts_with("{\"file\":")));
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&["parse", a, b, "--format", "json"])).unwrap();
    let pages = json.as_array().unwrap();
    assert_eq!(pages.len(), 2);
    assert_eq!(pages[1]["records"].as_array().unwrap().len(), 39);
    let alone: serde_json::Value =
        serde_json::from_str(&stdout(&["parse", b, "--format", "json"])).unwrap();
    assert_eq!(pages[1], alone);
    let yaml = stdout(&["parse", a, b]);
    assert_eq!(
        yaml.matches("\n---\n").count() + usize::from(yaml.starts_with("---\n")),
        2
    );
    let summary = stdout(&["parse", a, b, "--format", "summary"]);
    assert_eq!(summary.lines().count(), 2, "{summary}");
}

/// `--lang` naming another language than the page's is pointed out.
#[test]
fn a_wrong_lang_is_pointed_out() {
    let out = pagerev()
        .args([
            "parse",
            "corpus/official-visits/2023-12.txt",
            "--lang",
            "fr",
            "--format",
            "summary",
        ])
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("`--lang fr`, but the page looks en (51 of 51 entries dated as read)"),
        "{err}"
    );
    let out = pagerev()
        .args([
            "parse",
            "corpus/official-visits/2023-12.txt",
            "--lang",
            "en",
            "--format",
            "summary",
        ])
        .output()
        .unwrap();
    assert!(out.stderr.is_empty(), "the right language warns nothing");
}
