//! The reviewed state of pages: `pagerev baseline write`, `pagerev accept` and `pagerev review`. Every
//! write is atomic (see [`super::atomic`]); a state file that cannot be read is never overwritten unless
//! `--force` says so.

use super::args::{BaselineWriteArgs, PageStateArgs};
use super::atomic::write_atomic;
use super::pages::{
    baseline_path, load_baseline, load_snapshot, resolve, snapshot_path, PageTarget,
};
use super::rule_config::load_rules;
use super::Outcome;
use crate::baseline::Baseline;
use crate::check::{all_findings, CheckInput};
use crate::diff::{diff_pages, DiffOptions};
use crate::report::diff_text;
use crate::rules::CheckContext;
use crate::snapshot::{RecordsSnapshot, SnapshotRecord};
use crate::source::SourceFile;
use std::io::{BufRead, Write};
use std::path::Path;

/// `pagerev baseline write PAGE…`: accept every current finding of each page.
pub fn baseline_write(args: BaselineWriteArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let rules = load_rules(&args.rules)?;
    for target in resolve(&args.page)? {
        let path = baseline_path(&args.page.snapshots, &target.name);
        let before = refuse_corrupted(load_baseline(&path), args.force)?;
        let newest = target.newest.read()?;
        let previous = target.previous.as_ref().map(|p| p.read()).transpose()?;
        let input = CheckInput {
            page: &target.name,
            newest: &newest,
            previous: previous.as_ref(),
            rules: &rules,
            ctx: CheckContext {
                today: Some(super::rule_config::today()),
            },
            options: &super::page_config::parse_options_for_spec(
                args.page.lang,
                args.page.profile.as_deref(),
                &target.newest,
            )?,
            threshold: args.threshold,
            baseline: None,
            reviewed: None,
        };
        let findings = all_findings(&input);
        let baseline = Baseline::of(&target.name, &findings, &newest);
        write_atomic(&path, baseline.to_yaml()?.as_bytes())?;
        let was = before.flatten().map_or("none before".to_string(), |b| {
            format!("was {}", b.findings.len())
        });
        writeln!(
            out,
            "wrote {}: {} accepted finding{} ({was})",
            super::input::display_name(&path),
            baseline.findings.len(),
            plural_s(baseline.findings.len())
        )?;
    }
    Ok(Outcome::Clean)
}

/// `pagerev accept PAGE…`: the newest revision's records become the reviewed snapshot.
pub fn accept(args: PageStateArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    for target in resolve(&args.page)? {
        let path = snapshot_path(&args.page.snapshots, &target.name);
        refuse_corrupted(load_snapshot(&path), args.force)?;
        let newest = target.newest.read()?;
        let options = super::page_config::parse_options_for_spec(
            args.page.lang,
            args.page.profile.as_deref(),
            &target.newest,
        )?;
        let page = crate::parse::parse_with(&newest, &options);
        let snapshot = RecordsSnapshot::from_page(&page, newest.name());
        write_atomic(&path, snapshot.to_yaml()?.as_bytes())?;
        writeln!(
            out,
            "accepted {} records of {} as {}",
            snapshot.records.len(),
            newest.name(),
            super::input::display_name(&path)
        )?;
    }
    Ok(Outcome::Clean)
}

/// A state file that cannot be read stops the command, unless `force`.
fn refuse_corrupted<T>(
    loaded: anyhow::Result<Option<T>>,
    force: bool,
) -> anyhow::Result<Option<Option<T>>> {
    match loaded {
        Ok(v) => Ok(Some(v)),
        Err(_) if force => Ok(None),
        Err(e) => Err(e),
    }
}

fn plural_s(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// A reviewer's answer for one record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Decision {
    Accept,
    Reject,
    Skip,
}

/// `pagerev review PAGE`: walk the records that differ from the reviewed snapshot, one at a time, and
/// accept (the snapshot takes the new record), reject or skip (the snapshot keeps the old one) each.
/// Answers are read from standard input, one per line: `a`, `r`, `s`, `A` (accept this and all the
/// rest) or `q` (stop; decisions so far are kept). End of input stops, as `q` does.
pub fn review(args: PageStateArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let targets = resolve(&args.page)?;
    let [target] = targets.as_slice() else {
        anyhow::bail!("review one page at a time (got {})", targets.len());
    };
    let stdin = std::io::stdin();
    review_page(target, &args, &mut stdin.lock(), out)
}

fn review_page(
    target: &PageTarget,
    args: &PageStateArgs,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let path = snapshot_path(&args.page.snapshots, &target.name);
    let Some(Some(old_snapshot)) = refuse_corrupted(load_snapshot(&path), args.force)? else {
        writeln!(
            out,
            "no reviewed snapshot of `{}` yet: accept the current records with `pagerev accept`",
            target.name
        )?;
        return Ok(Outcome::Findings);
    };
    let newest = target.newest.read()?;
    let options = super::page_config::parse_options_for_spec(
        args.page.lang,
        args.page.profile.as_deref(),
        &target.newest,
    )?;
    let new_page = crate::parse::parse_with(&newest, &options);
    let snap_name = super::input::display_name(&path);
    let reviewed_src = SourceFile::from_text(snap_name.clone(), old_snapshot.to_page_text()).ok();
    let reviewed = match &reviewed_src {
        Some(src) => crate::parse::parse_with(src, &options),
        None => crate::record::Page {
            file: &snap_name,
            lang: new_page.lang,
            title: None,
            preamble: Vec::new(),
            records: Vec::new(),
        },
    };
    let opts = DiffOptions {
        threshold: args.threshold,
        include_unchanged: true,
        ..Default::default()
    };
    let diff = diff_pages(&reviewed, &new_page, &opts);
    let pending: Vec<usize> = (0..diff.changes.len())
        .filter(|&i| diff.changes[i].kind.is_substantive())
        .collect();
    if pending.is_empty() {
        writeln!(
            out,
            "nothing to review: the records of {} match {snap_name}",
            newest.name()
        )?;
        return Ok(Outcome::Clean);
    }
    writeln!(
        out,
        "{} record{} of {} differ from {snap_name}",
        pending.len(),
        plural_s(pending.len()),
        newest.name()
    )?;
    let text_opts = diff_text::TextOptions {
        color: false,
        context: 8,
        stat: false,
        show_cosmetic: false,
    };
    let mut decisions = vec![Decision::Skip; diff.changes.len()];
    let mut accept_rest = false;
    for (n, &i) in pending.iter().enumerate() {
        if accept_rest {
            decisions[i] = Decision::Accept;
            continue;
        }
        writeln!(out, "\n[{}/{}] ", n + 1, pending.len())?;
        diff_text::render_change(&diff.changes[i], &text_opts, out)?;
        write!(
            out,
            "accept (a), reject (r), skip (s), accept all the rest (A), quit (q)? "
        )?;
        out.flush()?;
        let mut line = String::new();
        if input.read_line(&mut line)? == 0 {
            writeln!(out)?;
            break;
        }
        match line.trim() {
            "a" | "accept" => decisions[i] = Decision::Accept,
            "r" | "reject" => decisions[i] = Decision::Reject,
            "A" => {
                decisions[i] = Decision::Accept;
                accept_rest = true;
            }
            "q" | "quit" => break,
            _ => decisions[i] = Decision::Skip,
        }
    }
    // The new snapshot, in the new page's order: accepted changes and unchanged or cosmetic records take
    // the new record; rejected or skipped ones keep the reviewed record (a removed record stays where it was).
    let mut records: Vec<SnapshotRecord> = Vec::new();
    for (c, d) in diff.changes.iter().zip(&decisions) {
        let take_new = !c.kind.is_substantive() || *d == Decision::Accept;
        let record = if take_new {
            c.new.as_ref().map(|r| &new_page.records[r.index])
        } else {
            c.old.as_ref().map(|r| &reviewed.records[r.index])
        };
        if let Some(r) = record {
            records.push(SnapshotRecord::from_record(r));
        }
    }
    let count = |d: Decision| pending.iter().filter(|&&i| decisions[i] == d).count();
    let (accepted, rejected) = (count(Decision::Accept), count(Decision::Reject));
    let skipped = pending.len() - accepted - rejected;
    if accepted > 0 {
        let page_header = RecordsSnapshot::from_page(&new_page, newest.name());
        let snapshot = RecordsSnapshot {
            records,
            ..page_header
        };
        write_atomic(Path::new(&path), snapshot.to_yaml()?.as_bytes())?;
    }
    writeln!(
        out,
        "review of {}: {accepted} accepted, {rejected} rejected, {skipped} skipped{}",
        target.name,
        if accepted > 0 {
            format!("; wrote {snap_name}")
        } else {
            String::new()
        }
    )?;
    Ok(if accepted == pending.len() {
        Outcome::Clean
    } else {
        Outcome::Findings
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::args::{LangArg, PageArgs};

    fn args(dir: &Path) -> PageStateArgs {
        PageStateArgs {
            page: PageArgs {
                pages: vec![dir.join("page")],
                base: None,
                under: "corpus".into(),
                previous: None,
                snapshots: dir.join("snapshots"),
                lang: LangArg::Auto,
                profile: None,
            },
            force: false,
            threshold: crate::diff::DEFAULT_THRESHOLD,
        }
    }

    #[test]
    fn review_applies_each_answer() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("page")).unwrap();
        let v1 = "Visits 2019\n\nA visit\n\n3 May 2019 - Alpha came to Lyon.\n\nB visit\n\n2 May 2019 - Beta came to Lyon.\n\nC visit\n\n1 May 2019 - Gamma came to Lyon.\n";
        std::fs::write(dir.path().join("page/1.txt"), v1).unwrap();
        let a = args(dir.path());
        accept(PageStateArgs { ..a }, &mut Vec::new()).unwrap();
        let v2 = v1
            .replace("Alpha came", "Alpha went")
            .replace("B visit", "Beta visit")
            .replace("C visit\n\n1 May 2019 - Gamma came to Lyon.\n", "");
        std::fs::write(dir.path().join("page/2.txt"), v2).unwrap();
        let a = args(dir.path());
        let target = &resolve(&a.page).unwrap()[0];
        let mut out = Vec::new();
        // Three changes in page order: modified (accept), retitled (reject), removed (accept).
        let outcome = review_page(target, &a, &mut "a\nr\na\n".as_bytes(), &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("2 accepted, 1 rejected, 0 skipped"), "{text}");
        assert_eq!(
            outcome,
            Outcome::Findings,
            "a rejected change stays pending"
        );
        let snap = load_snapshot(&snapshot_path(&a.page.snapshots, "page"))
            .unwrap()
            .unwrap();
        let titles: Vec<_> = snap
            .records
            .iter()
            .map(|r| r.title.clone().unwrap())
            .collect();
        assert_eq!(
            titles,
            ["A visit", "B visit"],
            "retitle rejected, removal accepted"
        );
        assert!(
            snap.records[0]
                .lead
                .as_deref()
                .unwrap()
                .contains("Alpha went"),
            "edit accepted"
        );
    }
}
