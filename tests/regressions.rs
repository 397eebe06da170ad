//! Inputs that once broke pagerev. The first tests are parser inputs found by fuzzing (`fuzz/`), property
//! tests (`tests/properties.rs`) or the resource-limit runs (RELIABILITY.md), run through parse +
//! `lossless::verify`; the rest are the attacks of issue 13 on the binary (hostile pages, paths,
//! configurations and outputs), each run end to end. Each checks that what went wrong is right now.

use pagerev::lang::Lang;
use pagerev::parse::parse;
use pagerev::source::SourceFile;

/// Parses `text` (auto-detected language), checks the lossless contract and unique ids, returns the ids.
fn parse_checked(text: &str) -> (Lang, Vec<String>, Vec<Option<String>>) {
    let source = SourceFile::from_text("regression.txt", text).unwrap();
    let page = parse(&source, None);
    pagerev::lossless::verify(&source, &page).unwrap();
    let ids: Vec<String> = page.records.iter().map(|r| r.id.to_string()).collect();
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "duplicate record ids: {ids:?}");
    let dates = page
        .records
        .iter()
        .map(|r| r.date.map(|d| d.to_string()))
        .collect();
    (page.lang, ids, dates)
}

/// Found by tests/properties.rs: language detection split lines with `str::lines`, which ignores a lone
/// CR, so this French page was detected as English and its entry lost its date.
#[test]
fn french_page_with_lone_cr_line_endings_keeps_its_dates() {
    let (lang, ids, dates) =
        parse_checked("Ministre de Peru\r1 janvier 2018 - The Peru cooperation cooperation.\r");
    assert_eq!(lang, Lang::Fr);
    assert_eq!(ids, ["2018-01-01-ministre-de-peru"]);
    assert_eq!(dates, [Some("2018-01-01".to_string())]);
}

/// Found while writing the fuzz target's unique-id check: the `-2` given to the second "Minister X" was
/// given again to "Minister X 2", whose own slug ends in `-2`.
#[test]
fn a_title_ending_in_a_number_does_not_take_a_disambiguated_id() {
    let page = "Visits 2019\n\nMinister X\n\n5 July 2019 - First.\n\nMinister X\n\n5 July 2019 - Second.\n\n\
                Minister X 2\n\n5 July 2019 - Third.\n\nMinister X\n\n5 July 2019 - Fourth.\n";
    let (_, ids, _) = parse_checked(page);
    assert_eq!(
        ids,
        [
            "2019-07-05-minister-x",
            "2019-07-05-minister-x-2",
            "2019-07-05-minister-x-2-2",
            "2019-07-05-minister-x-3",
        ]
    );
    // The other order: the numbered title first.
    let page = "Minister X 2\n\n5 July 2019 - Third.\n\nMinister X\n\n5 July 2019 - First.\n\n\
                Minister X\n\n5 July 2019 - Second.\n";
    let (_, ids, _) = parse_checked(page);
    assert_eq!(
        ids,
        [
            "2019-07-05-minister-x-2",
            "2019-07-05-minister-x",
            "2019-07-05-minister-x-3",
        ]
    );
}

/// Asserts that parsing grows linearly with `n`: the page `make(4 * n)` takes less than 10 times as long
/// as `make(n)` (linear work takes 4 times as long, quadratic 16), each timed as the best of 3 parses so
/// that a busy machine does not decide it. Returns the larger page's source for further checks.
fn assert_parse_is_linear(n: usize, make: impl Fn(usize) -> String) -> SourceFile {
    let best = |source: &SourceFile| {
        (0..3)
            .map(|_| {
                let start = std::time::Instant::now();
                let page = parse(source, None);
                let took = start.elapsed();
                drop(page);
                took
            })
            .min()
            .expect("three runs")
    };
    let small = SourceFile::from_text("small.txt", make(n)).unwrap();
    let large = SourceFile::from_text("large.txt", make(4 * n)).unwrap();
    let (t_small, t_large) = (best(&small), best(&large));
    let ratio = t_large.as_secs_f64() / t_small.as_secs_f64().max(1e-6);
    assert!(
        ratio < 10.0,
        "4x the input took {ratio:.1}x the time ({t_small:?} -> {t_large:?}): not linear"
    );
    large
}

/// Found by the resource-limit runs: each repeat of one of an entry's captions was looked up among all of
/// them, one by one (40,000 captions repeated 40,000 times: 3 minutes). Now an index: linear.
#[test]
fn repeats_of_one_of_many_captions_are_found_in_linear_time() {
    let make = |n: usize| {
        let mut page = String::from("Minister of Interior of Peru\n");
        for i in 0..n {
            page.push_str(&format!("Caption number {i}\n"));
        }
        page.push_str(
            "5 July 2019 - The Secretary General met the Minister of Peru.\nBody paragraph.\n",
        );
        for _ in 0..n {
            page.push_str(&format!("Caption number {}\n", n - 1));
        }
        page.push_str("Minister of Chile\n6 July 2019 - The Minister of Chile came.\n");
        page
    };
    let n = 5_000;
    let source = assert_parse_is_linear(n, make);
    let parsed = parse(&source, None);
    pagerev::lossless::verify(&source, &parsed).unwrap();
    let first = &parsed.records[0];
    assert_eq!(first.captions.len(), 2 * 4 * n);
    assert_eq!(first.paragraphs.len(), 1);
    assert_eq!(parsed.records[1].display_title(), "Minister of Chile");
}

/// Found by the resource-limit runs: a "label" of 40,000 hyphenated words between two leads of 40,000
/// words was compared word by word with each lead (a minute). Now through a set: linear.
#[test]
fn a_label_of_many_hyphenated_words_is_compared_in_linear_time() {
    let make = |n: usize| {
        let words = |p: char| (0..n).map(|i| format!("{p}{i:06}")).collect::<Vec<_>>();
        format!(
            "Minister of Interior of Peru\n5 July 2019 - {}.\n{}\nMinister of Chile\n6 July 2019 - {}.\n",
            words('x').join(" "),
            words('y').join("-"),
            words('z').join(" ")
        )
    };
    let source = assert_parse_is_linear(5_000, make);
    let parsed = parse(&source, None);
    pagerev::lossless::verify(&source, &parsed).unwrap();
    assert_eq!(parsed.records.len(), 2);
    // Far too long for a title or a caption, the "label" is a paragraph of the first entry.
    assert_eq!(parsed.records[1].display_title(), "Minister of Chile");
    let first = &parsed.records[0];
    assert_eq!(first.paragraphs.len(), 1);
    assert!(first.paragraphs[0].raw.starts_with("y000000-y000001-"));
}

/// Found by the resource-limit runs after main's "a paragraph that lost its full stop" change: every label
/// of the last run before a lead was compared with all the labels after it (20,000 labels alternating
/// with a caption of the entry above: 24 s). Now counted once: linear.
#[test]
fn a_long_run_of_labels_before_a_lead_is_read_in_linear_time() {
    let make = |n: usize| {
        let mut page = String::from(
            "Minister of Interior of Peru\nChile visit\n\
             5 July 2019 - The Secretary General met the Minister of Peru.\nBody paragraph.\n",
        );
        for i in 0..n {
            page.push_str(&format!("Xlabel{i:06} word\nChile visit\n"));
        }
        page.push_str(
            "Minister of Chile\n6 July 2019 - The Minister of Chile came for the Chile visit.\n",
        );
        page
    };
    let source = assert_parse_is_linear(5_000, make);
    let parsed = parse(&source, None);
    pagerev::lossless::verify(&source, &parsed).unwrap();
    assert_eq!(parsed.records.len(), 2);
}

/// Found by the `diff` fuzz target: diff(a, b) and diff(b, a) were not mirror images. Two identity pairs
/// cross (Belgian… and Commissioner… swap places), so either could be the anchor, and the one chosen put
/// the undated-looking entries in the same gap one way (matched, redated) and in different gaps the other
/// way (removed + added). Anchors are now the pairs on every longest chain (RELIABILITY.md, finding 7).
#[test]
fn diff_both_ways_are_mirror_images() {
    use pagerev::diff::{diff_pages, DiffOptions};
    let a = SourceFile::from_text(
        "a.txt",
        "November 2023 – than USD 7\n\
         networks in areas such as drug trafficking, migrant smuggling and king.\n\
         Belgian National Drugs Commissioner\n24 October 2023 -\n\
         Commissioner, Economic and Monetary Community of Central Africa\n15 December 2023 –\n",
    )
    .unwrap();
    let b = SourceFile::from_text(
        "b.txt",
        "Commissioner, Economic and Monetary Community of Central Africa\n15 December 2023 –\n\
         40 November 2023 - Than networks in areas such as drug trafficking, migrant\n\
         Belgian National Drugs Commissioner\n24 October 2023 -\n",
    )
    .unwrap();
    let (pa, pb) = (parse(&a, None), parse(&b, None));
    let opts = DiffOptions::default();
    let (ab, ba) = (diff_pages(&pa, &pb, &opts), diff_pages(&pb, &pa, &opts));
    assert_eq!(ab.summary.added, ba.summary.removed);
    assert_eq!(ab.summary.removed, ba.summary.added);
}

// Hardening, round two (issue 13): attacks on the released binary by a hostile corpus contributor or a
// careless user. Each runs the real binary and checks what it does now; RELIABILITY.md lists them.

mod common;

use std::path::Path;

const OLD: &str = "corpus/official-visits/2023-12.txt";
const NEW: &str = "corpus/official-visits/2024-01.txt";

/// Runs pagerev in `dir` with `args`: (exit code, stdout, stderr).
fn run_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = common::pagerev(dir).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// `diff OLD NEW -o TARGET` from the repository root (TARGET absolute).
fn diff_to(target: &Path) -> (i32, String, String) {
    let target = target.to_str().unwrap();
    run_in(
        &common::repo_root(),
        &["diff", OLD, NEW, "--format", "markdown", "-o", target],
    )
}

/// Issue 13, item 1: `-o` renamed a temporary file over whatever the path named. A FIFO was replaced by a
/// regular file (its reader got nothing); now the report is written into it.
#[cfg(unix)]
#[test]
fn output_to_a_fifo_writes_into_it() {
    use std::io::Read;
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("f");
    assert!(std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    // Opened for reading and writing, a FIFO does not block (Linux), and pagerev's open does not either.
    let mut reader = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(&fifo)
        .unwrap();
    let (code, _, stderr) = diff_to(&fifo);
    assert_eq!(code, 1, "{stderr}");
    let kind = std::fs::symlink_metadata(&fifo).unwrap().file_type();
    assert!(kind.is_fifo(), "the FIFO was replaced: {kind:?}");
    let mut buf = vec![0; 1 << 16];
    let n = reader.read(&mut buf).unwrap();
    assert!(String::from_utf8_lossy(&buf[..n]).contains("1 removed"));
}

/// Issue 13, item 1: `-o /dev/null` replaced the system's `/dev/null` with a regular file when run as
/// root. Now it is written through, and stays a character device.
#[cfg(unix)]
#[test]
fn output_to_dev_null_leaves_it_a_device() {
    use std::os::unix::fs::FileTypeExt;
    let (code, _, stderr) = diff_to(Path::new("/dev/null"));
    assert_eq!(code, 1, "{stderr}");
    // Only the note of what was written.
    assert!(
        stderr.lines().all(|l| l.starts_with("wrote the ")),
        "{stderr}"
    );
    let kind = std::fs::metadata("/dev/null").unwrap().file_type();
    assert!(kind.is_char_device());
}

/// Issue 13, item 1: a symbolic link was replaced by the report. Now the link is followed: the file it
/// names is replaced (or created, when the link dangles) and the link stays; a link to a device is written
/// through.
#[cfg(unix)]
#[test]
fn output_through_a_symlink_follows_it() {
    let dir = tempfile::tempdir().unwrap();
    let (real, link) = (dir.path().join("real.md"), dir.path().join("link.md"));
    std::fs::write(&real, "old").unwrap();
    std::os::unix::fs::symlink("real.md", &link).unwrap();
    assert_eq!(diff_to(&link).0, 1);
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(std::fs::read_to_string(&real)
        .unwrap()
        .contains("1 removed"));

    let dangling = dir.path().join("dangling.md");
    std::os::unix::fs::symlink("sub/new.md", &dangling).unwrap();
    assert_eq!(diff_to(&dangling).0, 1);
    assert!(std::fs::symlink_metadata(&dangling)
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(std::fs::read_to_string(dir.path().join("sub/new.md"))
        .unwrap()
        .contains("1 removed"));

    let to_device = dir.path().join("null");
    std::os::unix::fs::symlink("/dev/null", &to_device).unwrap();
    let (code, _, stderr) = diff_to(&to_device);
    assert_eq!(code, 1, "{stderr}");
    assert!(std::fs::symlink_metadata(&to_device)
        .unwrap()
        .file_type()
        .is_symlink());
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(names.is_empty(), "{names:?}");
}

/// Issue 13, item 11: a killed `accept` left its `.pagerev-*.tmp` file in `snapshots/`, the folder users
/// commit (138 MB after a kill loop). The next write into the folder removes those whose writer is gone;
/// one whose writer still runs (here: this test process) is left alone.
#[cfg(target_os = "linux")]
#[test]
fn a_killed_writers_temporary_file_is_removed_by_the_next_run() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("corpus/official-visits");
    std::fs::create_dir_all(&page).unwrap();
    std::fs::copy(common::repo_root().join(OLD), page.join("2023-12.txt")).unwrap();
    let snapshots = dir.path().join("snapshots");
    std::fs::create_dir_all(&snapshots).unwrap();
    // A process that has exited: its id names no running process.
    let mut child = std::process::Command::new("true").spawn().unwrap();
    let dead = child.id();
    child.wait().unwrap();
    let stale = snapshots.join(format!(".pagerev-{dead}-AbCdEf.tmp"));
    let live = snapshots.join(format!(".pagerev-{}-AbCdEf.tmp", std::process::id()));
    std::fs::write(&stale, "half a snapshot").unwrap();
    std::fs::write(&live, "being written").unwrap();
    let (code, _, stderr) = run_in(dir.path(), &["accept", "corpus/official-visits"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stale.exists(), "stale temporary file left in snapshots/");
    assert!(
        live.exists(),
        "a running writer's temporary file was removed"
    );
    assert!(snapshots.join("official-visits.records.yaml").exists());
}

/// Issue 13, item 2: pages of 4 MiB and more were mapped and their text read with
/// `from_utf8_unchecked` after one check, so a page rewritten while pagerev read it was undefined
/// behaviour (SIGSEGV, SIGBUS, or a panic in the date parser). Pages are now read into memory, and the
/// crate forbids `unsafe`: a concurrent writer can only change which bytes are read.
#[cfg(unix)]
#[test]
fn a_page_rewritten_while_it_is_read_never_crashes_pagerev() {
    // 6 MiB is read as a stream; 17 MiB as two halves at once, each checked for a file cut short.
    rewritten_while_read(6 << 20, 20);
    rewritten_while_read(17 << 20, 5);
}

fn rewritten_while_read(size: usize, runs: usize) {
    use std::io::Write;
    use std::sync::atomic::{AtomicBool, Ordering};
    let seed = std::fs::read_to_string(common::repo_root().join(OLD)).unwrap();
    let page = seed.repeat(size / seed.len() + 1);
    let garbage: Vec<u8> = (0..page.len())
        .map(|i| [0xE2, 0x80, b'5', b'\n'][i % 4])
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("page.txt");
    std::fs::write(&path, &page).unwrap();
    let stop = AtomicBool::new(false);
    std::thread::scope(|s| {
        s.spawn(|| {
            // Truncate, wait, then write back alternately the page and bytes that are not UTF-8, in
            // place: the old mapped reader died of SIGBUS within twenty runs.
            let mut i = 0usize;
            let pause = std::time::Duration::from_millis(30);
            while !stop.load(Ordering::Relaxed) {
                let mut f = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
                f.set_len(4096 * (i % 7) as u64).unwrap();
                std::thread::sleep(pause);
                let bytes = if i % 2 == 0 {
                    page.as_bytes()
                } else {
                    &garbage
                };
                f.write_all(bytes).unwrap();
                drop(f);
                std::thread::sleep(pause);
                i += 1;
            }
        });
        for _ in 0..runs {
            let out = common::pagerev(dir.path())
                .args(["parse", "--format", "jsonl", "page.txt"])
                .output()
                .unwrap();
            let code = out.status.code();
            assert!(
                matches!(code, Some(0) | Some(2)),
                "pagerev died: {:?}\n{}",
                out.status,
                String::from_utf8_lossy(&out.stderr)
            );
        }
        stop.store(true, Ordering::Relaxed);
    });
}

#[test]
fn pagerev_forbids_unsafe_code() {
    let lib = std::fs::read_to_string(common::repo_root().join("src/lib.rs")).unwrap();
    assert!(lib.contains("#![forbid(unsafe_code)]"));
    let main = std::fs::read_to_string(common::repo_root().join("src/main.rs")).unwrap();
    assert!(main.contains("#![forbid(unsafe_code)]"));
}

/// Issue 13, item 5: `parse /dev/zero` grew until the kernel killed it (10 GB in 30 s). Pages are read a
/// chunk at a time, and the first NUL byte ends reading: one line, exit 2.
#[cfg(unix)]
#[test]
fn parsing_dev_zero_is_rejected_at_once() {
    let (code, stdout, stderr) = run_in(&common::repo_root(), &["parse", "/dev/zero"]);
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    assert_eq!(
        stderr.trim_end(),
        "pagerev: error: /dev/zero: binary data (NUL byte at byte offset 0); pagerev reads UTF-8 text pages"
    );
}

/// Issue 13, item 5: a 5 GB sparse file was loaded whole before the "over 4 GiB" message. Its size is now
/// checked first, and the message names the limit.
#[test]
fn a_sparse_page_over_4_gib_is_rejected_by_its_size() {
    let dir = tempfile::tempdir().unwrap();
    let f = std::fs::File::create(dir.path().join("sparse.txt")).unwrap();
    f.set_len(5 << 30).unwrap();
    drop(f);
    let started = std::time::Instant::now();
    let (code, _, stderr) = run_in(dir.path(), &["parse", "sparse.txt"]);
    assert_eq!(code, 2);
    assert_eq!(
        stderr.trim_end(),
        "pagerev: error: sparse.txt: over the page size limit of 4 GiB (5368709120 bytes or more); pagerev reads pages up to 4 GiB"
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
}

/// Issue 13, item 5: `--config /dev/zero` grew without bound. Configuration files are read up to 1 MiB
/// plus one byte, from a file or a stream, and the message names the limit.
#[cfg(unix)]
#[test]
fn an_endless_configuration_is_rejected_at_its_size_limit() {
    let root = common::repo_root();
    let (code, _, stderr) = run_in(&root, &["validate", "--config", "/dev/zero", OLD]);
    assert_eq!(code, 2);
    assert_eq!(
        stderr.trim_end(),
        "pagerev: error: /dev/zero: over the configuration file size limit of 1 MiB; pagerev reads no more of it"
    );
    let out = common::pagerev(&root)
        .args(["validate", "--config", "/dev/stdin", OLD])
        .write_stdin("#".repeat(3 << 20))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("size limit of 1 MiB"));
}

/// A git repository in a temporary folder, and a function running git in it with an identity.
fn git_repo() -> (tempfile::TempDir, impl Fn(&[&str])) {
    let dir = tempfile::tempdir().unwrap();
    let at = dir.path().to_path_buf();
    let git = move |args: &[&str]| {
        let out = std::process::Command::new("git")
            .args(["-c", "user.name=t", "-c", "user.email=t@t"])
            .args(args)
            .current_dir(&at)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    git(&["init", "-q"]);
    (dir, git)
}

/// The seed page without its "Executive Director of Frontex" entry (trips `entry-removed`).
fn seed_with_an_entry_removed() -> String {
    let text = std::fs::read_to_string(common::repo_root().join(OLD)).unwrap();
    let start = text.find("Executive Director of Frontex\n").unwrap();
    let end = text.find("Slovenian Minister of Interior\n").unwrap();
    format!("{}{}", &text[..start], &text[end..])
}

/// Issue 13, item 3: `check --base REV` read `git diff --name-only`, which quotes a path that is not plain
/// ASCII (`"corpus/pag\303\251.txt"`): the `.txt` filter dropped it and the page went unchecked. Names are
/// now read NUL-separated: a page whose path has an accent, a space or a newline is checked.
#[cfg(unix)]
#[test]
fn check_base_checks_pages_whose_paths_are_not_plain_ascii() {
    let (dir, git) = git_repo();
    let names = [
        "corpus/pagé/visits.txt",
        "corpus/a b/two visits.txt",
        "corpus/new\nline.txt",
    ];
    let seed = std::fs::read_to_string(common::repo_root().join(OLD)).unwrap();
    for name in names {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &seed).unwrap();
    }
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "pages"]);
    for name in names {
        std::fs::write(dir.path().join(name), seed_with_an_entry_removed()).unwrap();
    }
    let (code, out, err) = run_in(
        dir.path(),
        &[
            "check",
            "--base",
            "HEAD",
            "--select",
            "entry-removed",
            "--format",
            "json",
        ],
    );
    assert_eq!(code, 1, "{err}");
    let removed = out.matches("\"PR015\"").count();
    assert_eq!(removed, 3, "one entry-removed finding per page:\n{out}");
    for page in ["pagé/visits.txt", "a b/two visits.txt", "new\\nline.txt"] {
        assert!(out.contains(page), "{page} not checked:\n{out}");
    }
}

/// Issue 13, item 13: outside a git repository, `--base HEAD` said "HEAD: not a git revision here"; it
/// now says there is no repository. A missing file whose name holds a colon (`notes:v2.txt`) got a git
/// error; it now says no such file.
#[test]
fn git_errors_say_what_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = run_in(dir.path(), &["check", "--base", "HEAD"]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with(
            "pagerev: error: HEAD: not a git revision: there is no git repository here"
        ),
        "{err}"
    );
    let (code, _, err) = run_in(dir.path(), &["parse", "notes:v2.txt"]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with("pagerev: error: notes:v2.txt: no such file; check the path"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
}

/// Issue 13, item 4: symbolic links committed into a corpus folder made `validate` hang (`ln -s .. up`
/// deep in the tree: it recursed until the path was too long) or count a page 41 times (`ln -s . loop`).
/// Folders are walked with loop detection and each file is listed once, under its own name rather than
/// a link's.
#[cfg(unix)]
#[test]
fn symlink_loops_in_a_validated_folder_count_each_page_once() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("d");
    std::fs::create_dir_all(d.join("c/a")).unwrap();
    std::fs::copy(common::repo_root().join(OLD), d.join("p.txt")).unwrap();
    std::os::unix::fs::symlink(".", d.join("loop")).unwrap();
    std::os::unix::fs::symlink("../..", d.join("c/a/up")).unwrap();
    std::os::unix::fs::symlink("p.txt", d.join("alias.txt")).unwrap();
    std::os::unix::fs::symlink("gone.txt", d.join("dangling.txt")).unwrap();
    let out = common::pagerev(dir.path())
        .args(["validate", "d", "--format", "json"])
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "validate hangs or fails on symlink loops: {:?}",
        out.status
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["summary"]["files"], 1, "{doc:#}");
    assert_eq!(doc["files"][0]["file"], "d/p.txt");
}

/// `validate --config FILE OLD` with `config` written to FILE: (exit code, stderr, seconds taken).
fn validate_with_config(config: &str) -> (i32, String, f64) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.yaml");
    std::fs::write(&path, config).unwrap();
    std::fs::copy(common::repo_root().join(OLD), dir.path().join("p.txt")).unwrap();
    let started = std::time::Instant::now();
    let (code, _, stderr) = run_in(dir.path(), &["validate", "--config", "c.yaml", "p.txt"]);
    (code, stderr, started.elapsed().as_secs_f64())
}

/// Issue 13, item 6: 500 KB of nested `{a:` took 42 s (the YAML parser is quadratic in flow nesting).
/// Nesting is now checked before parsing.
#[test]
fn deeply_nested_configuration_is_rejected_before_parsing() {
    let config = format!(
        "rules:\n  - code: PR001\n    params: {}1{}\n",
        "{a: ".repeat(125_000),
        "}".repeat(125_000)
    );
    let (code, stderr, secs) = validate_with_config(&config);
    assert_eq!(code, 2);
    assert!(
        stderr.starts_with("pagerev: error: c.yaml:3:141: collections nested more than 32 deep"),
        "{stderr}"
    );
    assert!(secs < 10.0, "{secs} s");
}

/// Issue 13, item 6: every problem was positioned by parsing the file again, and every valid value was
/// read by parsing it again too: a 1 MB file of 29,000 bad entries did not finish in 100 s. Values are
/// now read from the parsed tree, only failures are positioned, and at most 50 problems are listed.
#[test]
fn a_large_configuration_of_bad_entries_is_checked_in_linear_time() {
    let config = format!(
        "rules:\n{}",
        "  - code: PR001\n    enabled: maybe\n".repeat(29_000)
    );
    assert!(config.len() < 1 << 20);
    let (code, stderr, secs) = validate_with_config(&config);
    assert_eq!(code, 2);
    let lines: Vec<&str> = stderr.lines().collect();
    assert!(lines.len() <= 53, "{} lines", lines.len());
    assert!(
        lines[0].starts_with("pagerev: error: c.yaml:3:14: `enabled`:"),
        "{stderr}"
    );
    assert!(
        stderr.contains("problems from this entry on are not listed (the first 50 are)"),
        "{stderr}"
    );
    assert!(secs < 30.0, "{secs} s");
}

/// Issue 13, item 6: a 40 MB regular expression took 4 GB to compile and was echoed whole in the error.
/// Patterns are limited to 4096 bytes (and a compiled size of 1 MiB), and messages quote 60 characters.
#[test]
fn a_huge_pattern_is_refused_and_not_echoed() {
    let config = format!(
        "rules:\n  - code: PR005\n    params:\n      allow: [\"{}\"]\n",
        "a".repeat(900_000)
    );
    let (code, stderr, _) = validate_with_config(&config);
    assert_eq!(code, 2);
    let first = stderr.lines().next().unwrap();
    assert!(first.len() < 300, "{first}");
    assert!(
        first.ends_with("is 900000 bytes, over the limit of 4096"),
        "{first}"
    );
}

/// Issue 13, item 13: a negative, NaN or over-one `max-share` of `entries-dropped` was accepted (a gate
/// that always or never trips). It must be a number from 0 to 1.
#[test]
fn max_share_must_be_a_share() {
    for (value, shown) in [("-0.5", "-0.5"), (".nan", "NaN"), ("2", "2")] {
        let config =
            format!("rules:\n  - code: entries-dropped\n    params:\n      max-share: {value}\n");
        let (code, stderr, _) = validate_with_config(&config);
        assert_eq!(code, 2, "{value}: {stderr}");
        assert!(
            stderr.contains(&format!(
                "`max-share` must be a number from 0 to 1, found {shown}"
            )),
            "{value}: {stderr}"
        );
    }
    let (code, stderr, _) = validate_with_config(
        "rules:\n  - code: entries-dropped\n    params:\n      max-share: 0.3\n",
    );
    assert_ne!(code, 2, "{stderr}");
}

/// The seed page with an entry whose title and lead carry terminal escapes: an OSC 8 link showing other
/// text than it opens, and text hidden by `ESC [ 8 m`.
fn hostile_page() -> String {
    let text = std::fs::read_to_string(common::repo_root().join(OLD)).unwrap();
    text.replacen(
        "Executive Director of Frontex\n",
        "Minister of \x1b]8;;https://evil.example\x1b\\Peru\x1b]8;;\x1b\\\n\n\
         December 2023 – The Minister of Peru met the \x1b[8mhidden\x1b[0m Secretary General.\n\n\
         Executive Director of Frontex\n",
        1,
    )
}

/// Asserts `out` holds no raw escape and shows the page's escapes as text.
fn assert_escapes_shown(what: &str, out: &str) {
    assert!(!out.contains('\x1b'), "{what}: raw ESC on output:\n{out}");
    assert!(
        out.contains("\\u{1b}]8;;https://evil.example\\u{1b}\\Peru")
            || out.contains("\\u{1b}[8mhidden"),
        "{what}: the page's escapes are not shown:\n{out}"
    );
}

/// Issue 13, item 8: escape sequences in page text reached the terminal raw in the human, diff text,
/// check and review output, so a page could hide or fake what a reviewer sees. Control characters of
/// page text are now written as `\u{1b}`; pagerev's own colours still pass when colour is on.
#[test]
fn terminal_escapes_in_page_text_are_shown_not_obeyed() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("corpus/official-visits");
    std::fs::create_dir_all(&page).unwrap();
    std::fs::copy(common::repo_root().join(OLD), page.join("2023-12.txt")).unwrap();
    let (code, _, err) = run_in(dir.path(), &["accept", "corpus/official-visits"]);
    assert_eq!(code, 0, "{err}");
    std::fs::write(page.join("2024-01.txt"), hostile_page()).unwrap();
    let new = "corpus/official-visits/2024-01.txt";
    let old = "corpus/official-visits/2023-12.txt";

    let (_, out, _) = run_in(dir.path(), &["validate", new]);
    assert_escapes_shown("validate", &out);
    let (_, out, _) = run_in(dir.path(), &["diff", old, new]);
    assert_escapes_shown("diff", &out);
    let (_, out, _) = run_in(dir.path(), &["check", "corpus/official-visits"]);
    assert_escapes_shown("check", &out);
    let review = common::pagerev(dir.path())
        .args(["review", "corpus/official-visits"])
        .write_stdin("s\ns\ns\ns\ns\ns\ns\ns\nq\n")
        .output()
        .unwrap();
    assert_escapes_shown("review", &String::from_utf8_lossy(&review.stdout));

    // With colour, pagerev's own sequences are there, the page's still are not.
    let (_, out, _) = run_in(dir.path(), &["validate", new, "--color", "always"]);
    assert!(out.contains("\x1b[1m"), "no colour:\n{out}");
    assert!(!out.contains("\x1b]8"), "page link raw:\n{out}");
    assert!(!out.contains("\x1b[8m"), "page conceal raw:\n{out}");
    assert!(out.contains("\\u{1b}[8mhidden"), "{out}");
}

/// Issue 13, item 7: only `\n` was cleaned from error lines, and configuration problems not at all, so a
/// configuration key `"sev\n::error::x"` or a file name with `\r::error::` put a workflow command on
/// standard error (GitHub reads it there too). Every control character on standard error is escaped.
#[test]
fn nothing_on_stderr_can_start_a_workflow_command() {
    let (code, stderr, _) =
        validate_with_config("rules:\n  - code: PR001\n    \"sev\\n::error::x\": 1\n");
    assert_eq!(code, 2);
    assert!(
        stderr.contains("unknown key `sev\\u{a}::error::x`"),
        "{stderr}"
    );
    let dir = tempfile::tempdir().unwrap();
    let name = "x\r::error::injected.txt";
    std::fs::write(dir.path().join(name), "").unwrap();
    let (code, _, stderr) = run_in(dir.path(), &["parse", name]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("x\\u{d}::error::injected.txt: file is empty"),
        "{stderr}"
    );
    let (_, _, missing) = run_in(dir.path(), &["parse", "a\n::error::b.txt"]);
    for stderr in [stderr, missing] {
        assert!(!stderr.contains('\r'), "{stderr:?}");
        assert_eq!(stderr.lines().count(), 1, "{stderr:?}");
        assert!(!stderr.lines().any(|l| l.starts_with("::")), "{stderr:?}");
    }
}

/// Issue 13, item 9: `diff --context 9223372036854775808` panicked (an addition overflowed in
/// `diff_text.rs`). Any context is now a context.
#[test]
fn a_huge_context_does_not_overflow() {
    let root = common::repo_root();
    for format in ["text", "markdown", "html"] {
        let (code, out, err) = run_in(
            &root,
            &[
                "diff",
                OLD,
                NEW,
                "--format",
                format,
                "--context",
                "18446744073709551615",
            ],
        );
        assert_eq!(code, 1, "{format}: {err}");
        assert!(err.is_empty(), "{format}: {err}");
        assert!(!out.is_empty());
    }
}

/// pagerev in the repository root with `args`, standard output going to `stdout`.
fn run_to(stdout: std::process::Stdio, args: &[&str]) -> std::process::Child {
    std::process::Command::new(assert_cmd::cargo::cargo_bin("pagerev"))
        .current_dir(common::repo_root())
        .args(args)
        .stdout(stdout)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap()
}

/// Issue 13, item 13: `--help > /dev/full` exited 0 (clap ignores the failed write). As ripgrep does, a
/// write error on standard output is exit 2 with a message saying so, for help and for reports alike,
/// and a reader that closes the pipe is a quiet success.
#[cfg(target_os = "linux")]
#[test]
fn write_errors_on_stdout_exit_2_and_a_closed_pipe_is_quiet() {
    for args in [
        &["--help"][..],
        &["validate", OLD],
        &["parse", OLD, "--format", "json"],
    ] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let out = run_to(full.into(), args).wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert_eq!(
            err.trim_end(),
            "pagerev: error: cannot write to standard output: No space left on device (os error 28)",
            "{args:?}"
        );
    }
    for args in [&["--help"][..], &["parse", OLD, "--format", "yaml"]] {
        let mut child = run_to(std::process::Stdio::piped(), args);
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert!(
            out.stderr.is_empty(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// Issue 13, item 10: Markdown reports left bare URLs, `www.` and `@user` in page text alone, so GitHub
/// linked and pinged them from a pull-request comment; and a backtick in a file name ended the code span
/// it was shown in. Both are neutralised now.
#[test]
fn markdown_reports_neither_link_nor_ping_nor_break_code_spans() {
    let dir = tempfile::tempdir().unwrap();
    let seed = std::fs::read_to_string(common::repo_root().join(OLD)).unwrap();
    let hostile = seed.replacen(
        "Discussions between the Minister and Secretary General also covered",
        "Ping @octocat, see https://evil.example and www.evil.example: they covered",
        1,
    );
    assert_ne!(hostile, seed);
    std::fs::write(dir.path().join("old.txt"), &seed).unwrap();
    std::fs::write(dir.path().join("new`x.txt"), &hostile).unwrap();
    let (code, out, err) = run_in(
        dir.path(),
        &["diff", "old.txt", "new`x.txt", "--format", "markdown"],
    );
    assert_eq!(code, 1, "{err}");
    assert!(out.contains("@&#8203;octocat"), "{out}");
    assert!(out.contains("https:&#8203;//evil.example"), "{out}");
    assert!(out.contains("w&#8203;ww.evil.example"), "{out}");
    for raw in ["@octocat", "https://evil", " www.evil"] {
        assert!(!out.contains(raw), "{raw} left as is:\n{out}");
    }
    assert!(out.contains("``new`x.txt``"), "{out}");
}

/// Issue 13, item 12: a page's findings were all held until it was reported, however few the reports
/// showed (0.6–0.8 KB each). With `--max-findings N` a page now keeps its first N and counts the rest.
/// Every format must say exactly what it said when every finding was held: the CLI's bounded run is
/// compared, byte for byte, with the reporters fed every finding, on two pages whose findings the rules
/// drop while they run (5,000 per rule).
#[test]
fn findings_past_max_findings_are_counted_not_held_and_reports_are_unchanged() {
    use pagerev::diagnostic::Counts;
    use pagerev::report::{self, FileResult, Format, Options};
    use pagerev::rules::{check_page, check_page_keeping, config::RuleSet, CheckContext};

    let dir = tempfile::tempdir().unwrap();
    let leads: String = (0..5000)
        .map(|i| format!("March 2021 - Text {i}\n"))
        .collect();
    let seed = std::fs::read_to_string(common::repo_root().join(OLD)).unwrap();
    std::fs::write(dir.path().join("a.txt"), &leads).unwrap();
    std::fs::write(dir.path().join("b.txt"), &seed).unwrap();

    let rules = RuleSet::load(&[]).unwrap();
    let ctx = CheckContext::default();
    let pages: Vec<(SourceFile, usize, Vec<pagerev::diagnostic::Diagnostic>)> =
        [("a.txt", &leads), ("b.txt", &seed)]
            .into_iter()
            .map(|(name, text)| {
                let source = SourceFile::from_text(name, text.as_str()).unwrap();
                let page = parse(&source, None);
                let all = check_page(&rules, &source, &page, &ctx);
                // The library: the first `keep` in report order, and the rest counted by rule and severity.
                for keep in [0, 1, 3, 900, 4999, 10_000, 20_000] {
                    let (kept, omitted) = check_page_keeping(&rules, &source, &page, &ctx, keep);
                    let n = keep.min(all.len());
                    assert_eq!(kept, all[..n], "{name}, keep {keep}");
                    let mut rest = pagerev::diagnostic::Omitted::default();
                    all[n..].iter().for_each(|d| rest.add_finding(d));
                    assert_eq!(omitted, rest, "{name}, keep {keep}");
                    assert_eq!(Counts::of(&kept).total() + omitted.total(), all.len());
                }
                let records = page.records.len();
                (source, records, all)
            })
            .collect();
    assert_eq!(pages[0].2.len(), 10_000, "two findings per lead");

    let rules_run: Vec<&'static str> = rules
        .enabled()
        .filter(|r| !r.info.kind.is_check_only())
        .map(|r| r.info.code)
        .collect();
    // What the reporters write when fed every finding, which the run must print whatever it kept.
    let render = |format: Format, max_findings: Option<usize>| {
        let options = Options {
            color: false,
            files: 2,
            max_findings,
            rules_run: Some(rules_run.clone()),
        };
        let mut out = Vec::new();
        let mut r = report::reporter(format, options);
        for (source, records, all) in &pages {
            let result = FileResult {
                source,
                records: *records,
                diagnostics: all[..].into(),
                omitted: Default::default(),
            };
            r.file(&mut out, result).unwrap();
        }
        r.finish(&mut out).unwrap();
        String::from_utf8(out).unwrap()
    };
    for limit in [0, 3, 900, 6000] {
        for format in Format::ALL {
            let expected = render(format, Some(limit));
            let limit_arg = limit.to_string();
            let args = [
                "validate",
                "--isolated",
                "a.txt",
                "b.txt",
                "--format",
                format.name(),
                "--max-findings",
                &limit_arg,
            ];
            let (code, stdout, stderr) = run_in(dir.path(), &args);
            assert_eq!(code, 1, "{format:?}, limit {limit}: {stderr}");
            assert_eq!(stdout, expected, "{format:?}, limit {limit}");
        }
    }

    // Markdown's default limit bounds a run too, and a run keeps what its most generous report shows:
    // with no limit on the terminal's report, a Markdown `--output` does not cut what it is fed.
    let (code, stdout, _) = run_in(
        dir.path(),
        &[
            "validate",
            "--isolated",
            "a.txt",
            "b.txt",
            "--format",
            "markdown",
        ],
    );
    assert_eq!((code, stdout), (1, render(Format::Markdown, None)));
    let (code, stdout, _) = run_in(
        dir.path(),
        &[
            "validate",
            "--isolated",
            "a.txt",
            "b.txt",
            "--format",
            "jsonl",
            "--output",
            "markdown=summary.md",
        ],
    );
    assert_eq!((code, stdout), (1, render(Format::Jsonl, None)));
    let summary = std::fs::read_to_string(dir.path().join("summary.md")).unwrap();
    assert_eq!(summary, render(Format::Markdown, None));
}
