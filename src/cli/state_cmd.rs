//! The reviewed state of pages: `pagerev baseline write`, `pagerev accept` and `pagerev review`. Every
//! write is atomic (see [`super::atomic`]); a state file that cannot be read is never overwritten unless
//! `--force` says so.

use super::args::{AcceptArgs, BaselineWriteArgs, PageStateArgs, ReviewArgs};
use super::pages::{
    baseline_path, load_baseline, load_snapshot, resolve, snapshot_path, PageTarget,
};
use super::rule_config::{load_rules, rules_for};
use super::settings::Settings;
use super::Outcome;
use pagerev::baseline::Baseline;
use pagerev::check::{all_findings, CheckInput};
use pagerev::diff::{diff_pages, DiffOptions};
use pagerev::report::diff_text;
use pagerev::rules::CheckContext;
use pagerev::snapshot::{RecordsSnapshot, SnapshotRecord};
use std::io::{BufRead, Write};
use std::path::Path;

/// Every finding of the page's newest revision, before any baseline (what a baseline can accept).
fn current_findings(
    settings: &Settings,
    args: &BaselineWriteArgs,
    rules: &pagerev::rules::config::RuleSet,
    target: &PageTarget,
) -> anyhow::Result<(
    pagerev::source::SourceFile,
    Vec<pagerev::diagnostic::Diagnostic>,
)> {
    let newest = target.newest.read()?;
    let previous = target.previous.as_ref().map(|p| p.read()).transpose()?;
    let options = super::page_config::parse_options_for_spec(
        args.page.lang,
        args.page.profile.as_deref(),
        &target.newest,
    )?;
    let page_arg = baseline_page_arg(args, target);
    let input = CheckInput {
        page: &target.name,
        newest: &newest,
        previous: previous.as_ref(),
        rules,
        ctx: CheckContext {
            today: Some(settings.today),
        },
        options: &options,
        threshold: args.threshold,
        baseline: None,
        reviewed: None,
        page_arg: &page_arg,
    };
    let findings = all_findings(&input);
    Ok((newest, findings))
}

/// How to name the page in suggested commands: as the user named it, if they named one page.
fn baseline_page_arg(args: &BaselineWriteArgs, target: &PageTarget) -> String {
    match args.page.pages.as_slice() {
        [one] => super::input::display_name(one),
        _ => target.name.clone(),
    }
}

/// `pagerev baseline write PAGE…`: accept every current finding of each page, saying which ones were not
/// accepted before (a drop's new findings are accepted too: the listing is where a reviewer sees it).
pub fn baseline_write(
    settings: &Settings,
    args: BaselineWriteArgs,
    out: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let base = load_rules(&args.rules)?;
    for target in resolve(&args.page)? {
        let rules = rules_for(
            &base,
            &args.rules,
            &super::page_config::spec_path(&target.newest),
        )?;
        let path = baseline_path(&args.page.snapshots, &target.name);
        let before = refuse_corrupted(load_baseline(&path), args.force)?;
        let (newest, findings) = current_findings(settings, &args, &rules, &target)?;
        let baseline = Baseline::of(&target.name, &findings, &newest);
        settings.write_atomic(&path, baseline.to_yaml()?.as_bytes())?;
        let name = super::input::display_name(&path);
        let n = baseline.findings.len();
        match &before {
            None => writeln!(
                out,
                "wrote {name}: {} (no baseline before)",
                count(n, "accepted finding")
            )?,
            Some(b) => {
                let added = baseline.added_since(b);
                let dropped = b.added_since(&baseline);
                writeln!(
                    out,
                    "wrote {name}: {} ({} newly accepted, {} no longer occurring dropped)",
                    count(n, "accepted finding"),
                    added.len(),
                    dropped.len()
                )?;
                for e in added {
                    writeln!(
                        out,
                        "  newly accepted: {}",
                        pagerev::report::check::baseline_entry(e)
                    )?;
                }
                for e in dropped {
                    writeln!(
                        out,
                        "  dropped: {}",
                        pagerev::report::check::baseline_entry(e)
                    )?;
                }
            }
        }
    }
    Ok(Outcome::Clean)
}

/// `pagerev baseline prune PAGE…`: drop the entries that no longer occur; nothing new is accepted.
pub fn baseline_prune(
    settings: &Settings,
    args: BaselineWriteArgs,
    out: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let base = load_rules(&args.rules)?;
    for target in resolve(&args.page)? {
        let rules = rules_for(
            &base,
            &args.rules,
            &super::page_config::spec_path(&target.newest),
        )?;
        let path = baseline_path(&args.page.snapshots, &target.name);
        let name = super::input::display_name(&path);
        let Some(before) = load_baseline(&path)? else {
            writeln!(
                out,
                "no baseline for `{}` ({name}): nothing to prune",
                target.name
            )?;
            continue;
        };
        let (newest, findings) = current_findings(settings, &args, &rules, &target)?;
        let stale = before.split(findings, &newest).stale;
        if stale.is_empty() {
            writeln!(out, "{name}: every entry still occurs, nothing to prune")?;
            continue;
        }
        let pruned = before.without(&stale);
        settings.write_atomic(&path, pruned.to_yaml()?.as_bytes())?;
        writeln!(
            out,
            "wrote {name}: dropped {} that no longer occur{} ({} left)",
            pagerev::report::plural(stale.len(), "entry", "entries"),
            if stale.len() == 1 { "s" } else { "" },
            pruned.findings.len()
        )?;
        for e in &stale {
            writeln!(
                out,
                "  dropped: {}",
                pagerev::report::check::baseline_entry(e)
            )?;
        }
    }
    Ok(Outcome::Clean)
}

/// `pagerev accept PAGE…`: the newest revision's records become the reviewed snapshot; with
/// `--record ID…`, only those records do.
pub fn accept(
    settings: &Settings,
    args: AcceptArgs,
    out: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let AcceptArgs {
        state: args,
        records: ids,
    } = args;
    if !ids.is_empty() {
        let targets = resolve(&args.page)?;
        let [target] = targets.as_slice() else {
            anyhow::bail!(
                "--record accepts records of one page at a time (got {})",
                targets.len()
            );
        };
        return review_page(settings, target, &args, Mode::Records(&ids), out);
    }
    for target in resolve(&args.page)? {
        let path = snapshot_path(&args.page.snapshots, &target.name);
        refuse_corrupted(load_snapshot(&path), args.force)?;
        let newest = target.newest.read()?;
        let options = super::page_config::parse_options_for_spec(
            args.page.lang,
            args.page.profile.as_deref(),
            &target.newest,
        )?;
        let page = pagerev::parse::parse_with(&newest, &options);
        let snapshot = RecordsSnapshot::from_page(&page, newest.name());
        settings.write_atomic(&path, snapshot.to_yaml()?.as_bytes())?;
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

/// A state file that cannot be read stops the command, unless `force`: then it counts as absent (and
/// the command replaces it).
fn refuse_corrupted<T>(
    loaded: anyhow::Result<Option<T>>,
    force: bool,
) -> anyhow::Result<Option<T>> {
    match loaded {
        Ok(v) => Ok(v),
        Err(_) if force => Ok(None),
        Err(e) => Err(e),
    }
}

use pagerev::report::count;

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
pub fn review(
    settings: &Settings,
    args: ReviewArgs,
    out: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let ReviewArgs {
        state: args,
        dry_run,
    } = args;
    let targets = resolve(&args.page)?;
    let [target] = targets.as_slice() else {
        anyhow::bail!("review one page at a time (got {})", targets.len());
    };
    if dry_run {
        return review_page(settings, target, &args, Mode::DryRun, out);
    }
    let stdin = std::io::stdin();
    review_page(settings, target, &args, Mode::Ask(&mut stdin.lock()), out)
}

/// Where a review's decisions come from.
enum Mode<'a> {
    /// Asked, one record at a time, answers read from the input.
    Ask(&'a mut dyn BufRead),
    /// None: list what awaits review.
    DryRun,
    /// `accept --record ID…`: these records are accepted, the others rejected.
    Records(&'a [String]),
}

fn review_page(
    settings: &Settings,
    target: &PageTarget,
    args: &PageStateArgs,
    mut mode: Mode<'_>,
    out: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let path = snapshot_path(&args.page.snapshots, &target.name);
    let Some(old_snapshot) = refuse_corrupted(load_snapshot(&path), args.force)? else {
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
    let new_page = pagerev::parse::parse_with(&newest, &options);
    let snap_name = super::input::display_name(&path);
    let mut rendered = None;
    let reviewed = pagerev::check::reviewed_page(
        &old_snapshot,
        &snap_name,
        &options,
        new_page.lang,
        &mut rendered,
    );
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
        "{} of {} differ from {snap_name}",
        count(pending.len(), "record"),
        newest.name()
    )?;
    let text_opts = diff_text::TextOptions {
        color: false,
        context: 8,
        stat: false,
        show_cosmetic: false,
    };
    let mut decisions = vec![Decision::Skip; diff.changes.len()];
    if let Mode::DryRun = mode {
        for (n, &i) in pending.iter().enumerate() {
            writeln!(out, "\n[{}/{}] ", n + 1, pending.len())?;
            diff_text::render_change(&diff.changes[i], &diff.old.name, &text_opts, out)?;
        }
        writeln!(
            out,
            "\ndry run: nothing written; `pagerev review {0}` asks about each, `pagerev accept {0} --record ID` accepts one",
            super::input::display_name(&args.page.pages.first().cloned().unwrap_or_default())
        )?;
        return Ok(Outcome::Findings);
    }
    if let Mode::Records(ids) = mode {
        fn has_id(c: &pagerev::diff::RecordChange, id: &str) -> bool {
            [&c.new, &c.old]
                .into_iter()
                .any(|r| r.as_ref().is_some_and(|r| r.id == id))
        }
        for id in ids {
            let found = pending.iter().find(|&&i| has_id(&diff.changes[i], id));
            match found {
                Some(&i) => decisions[i] = Decision::Accept,
                None => anyhow::bail!(
                    "`{id}` is not a record awaiting review in {}; `pagerev review {} --dry-run` lists them",
                    newest.name(),
                    super::input::display_name(&args.page.pages.first().cloned().unwrap_or_default())
                ),
            }
        }
        for &i in &pending {
            if decisions[i] == Decision::Skip {
                decisions[i] = Decision::Reject;
            }
        }
    }
    let mut accept_rest = false;
    for (n, &i) in pending.iter().enumerate() {
        let Mode::Ask(input) = &mut mode else { break };
        if accept_rest {
            decisions[i] = Decision::Accept;
            continue;
        }
        writeln!(out, "\n[{}/{}] ", n + 1, pending.len())?;
        diff_text::render_change(&diff.changes[i], &diff.old.name, &text_opts, out)?;
        write!(
            out,
            "accept (a), reject (r), skip (s), accept all the rest (A), quit (q)? "
        )?;
        out.flush()?;
        match read_answer(*input, out)? {
            Answer::Accept => decisions[i] = Decision::Accept,
            Answer::Reject => decisions[i] = Decision::Reject,
            Answer::Skip => {}
            Answer::AcceptRest => {
                decisions[i] = Decision::Accept;
                accept_rest = true;
            }
            Answer::Quit => break,
            Answer::Closed => {
                // Without a last word from the reviewer, half a review is not written.
                writeln!(
                    out,
                    "\ninput closed before the review ended: nothing written, {snap_name} is unchanged"
                )?;
                return Ok(Outcome::Findings);
            }
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
            count: records.len(),
            records,
            ..page_header
        };
        settings.write_atomic(Path::new(&path), snapshot.to_yaml()?.as_bytes())?;
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

/// A reviewer's answer to one change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Answer {
    Accept,
    Reject,
    Skip,
    AcceptRest,
    Quit,
    /// The input ended before an answer.
    Closed,
}

/// Reads answers until one is valid: anything else is asked again rather than taken for a skip.
fn read_answer(input: &mut dyn BufRead, out: &mut dyn Write) -> anyhow::Result<Answer> {
    loop {
        let mut line = String::new();
        if input.read_line(&mut line)? == 0 {
            return Ok(Answer::Closed);
        }
        let answer = match line.trim() {
            "a" | "accept" => Answer::Accept,
            "r" | "reject" => Answer::Reject,
            "s" | "skip" => Answer::Skip,
            "A" => Answer::AcceptRest,
            "q" | "quit" => Answer::Quit,
            other => {
                write!(
                    out,
                    "`{other}` is not an answer: type a (accept), r (reject), s (skip), A (accept all the rest) or q (quit): "
                )?;
                out.flush()?;
                continue;
            }
        };
        return Ok(answer);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::args::PageArgs;
    use crate::cli::settings::Settings;

    fn args(dir: &Path) -> PageStateArgs {
        PageStateArgs {
            page: PageArgs {
                pages: vec![dir.join("page")],
                base: None,
                under: "corpus".into(),
                all: false,
                previous: None,
                snapshots: dir.join("snapshots"),
                lang: None,
                profile: None,
            },
            force: false,
            threshold: pagerev::diff::DEFAULT_THRESHOLD,
        }
    }

    #[test]
    fn review_applies_each_answer() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("page")).unwrap();
        let v1 = "Visits 2019\n\nA visit\n\n3 May 2019 - Alpha came to Lyon.\n\nB visit\n\n2 May 2019 - Beta came to Lyon.\n\nC visit\n\n1 May 2019 - Gamma came to Lyon.\n";
        std::fs::write(dir.path().join("page/1.txt"), v1).unwrap();
        let a = args(dir.path());
        accept(
            &Settings::for_tests(),
            AcceptArgs {
                state: PageStateArgs { ..a },
                records: vec![],
            },
            &mut Vec::new(),
        )
        .unwrap();
        let v2 = v1
            .replace("Alpha came", "Alpha went")
            .replace("B visit", "Beta visit")
            .replace("C visit\n\n1 May 2019 - Gamma came to Lyon.\n", "");
        std::fs::write(dir.path().join("page/2.txt"), v2).unwrap();
        let a = args(dir.path());
        let target = &resolve(&a.page).unwrap()[0];
        let mut out = Vec::new();
        // Three changes in page order: modified (accept), retitled (reject), removed (accept).
        let outcome = review_page(
            &Settings::for_tests(),
            target,
            &a,
            Mode::Ask(&mut "a\nr\na\n".as_bytes()),
            &mut out,
        )
        .unwrap();
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

/// Property: whatever the reviewer answers, to whatever kinds of change, the reviewed state written is
/// one pagerev reads back, each record in it is the reviewed or the new version as answered, and a second
/// review accepting everything leaves nothing to review.
#[cfg(test)]
mod review_properties {
    use super::*;
    use crate::cli::args::PageArgs;
    use crate::cli::settings::Settings;
    use proptest::prelude::*;

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Edit {
        Keep,
        Modify,
        Retitle,
        Redate,
        Remove,
    }

    const NAMES: [&str; 5] = ["Alpha", "Beta", "Gamma", "Delta", "Epsilon"];

    fn entry(title: &str, day: u32, lead: &str) -> String {
        format!("{title}\n\n{day} May 2019 - {lead}\n\n")
    }

    /// The two revisions: five entries edited as told, and an added entry at `added` (if any).
    fn pages(edits: &[Edit], added: Option<usize>) -> (String, String) {
        let mut old = String::from("Visits 2019\n\n");
        let mut new = old.clone();
        for (k, (name, edit)) in NAMES.iter().zip(edits).enumerate() {
            let day = 28 - 5 * k as u32;
            let title = format!("Visit of the {name} delegation");
            let lead = format!("The {name} delegation came to Lyon for talks on {name} matters.");
            old.push_str(&entry(&title, day, &lead));
            if added == Some(k) {
                new.push_str(&entry(
                    "Meeting on cybercrime",
                    day + 1,
                    "Experts met in Singapore to share methods against ransomware.",
                ));
            }
            match edit {
                Edit::Keep => new.push_str(&entry(&title, day, &lead)),
                Edit::Modify => new.push_str(&entry(
                    &title,
                    day,
                    &lead.replace("for talks", "for two days of talks"),
                )),
                Edit::Retitle => new.push_str(&entry(&format!("{title} to Lyon"), day, &lead)),
                Edit::Redate => new.push_str(&entry(&title, day - 1, &lead)),
                Edit::Remove => {}
            }
        }
        (old, new)
    }

    fn args(dir: &Path) -> PageStateArgs {
        PageStateArgs {
            page: PageArgs {
                pages: vec![dir.join("page")],
                base: None,
                under: "corpus".into(),
                all: false,
                previous: None,
                snapshots: dir.join("snapshots"),
                lang: None,
                profile: None,
            },
            force: false,
            threshold: pagerev::diff::DEFAULT_THRESHOLD,
        }
    }

    fn answer() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec!["a", "r", "s", "A", "q", "x", "yes"])
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]
        #[test]
        fn any_answers_leave_a_readable_reviewed_state(
            edits in prop::collection::vec(
                prop::sample::select(vec![Edit::Keep, Edit::Modify, Edit::Retitle, Edit::Redate, Edit::Remove]),
                5,
            ),
            added in prop::option::of(0usize..5),
            answers in prop::collection::vec(answer(), 0..10),
            closed_early in any::<bool>(),
        ) {
            let dir = tempfile::tempdir().unwrap();
            std::fs::create_dir_all(dir.path().join("page")).unwrap();
            let (old, new) = pages(&edits, added);
            std::fs::write(dir.path().join("page/1.txt"), &old).unwrap();
            accept(
                &Settings::for_tests(),
                AcceptArgs {
                    state: args(dir.path()),
                    records: vec![],
                },
                &mut Vec::new(),
            )
            .unwrap();
            let snap_path = snapshot_path(&dir.path().join("snapshots"), "page");
            let before = std::fs::read_to_string(&snap_path).unwrap();
            std::fs::write(dir.path().join("page/2.txt"), &new).unwrap();

            let a = args(dir.path());
            let target = &resolve(&a.page).unwrap()[0];
            let pending = edits.iter().filter(|e| **e != Edit::Keep).count() + added.is_some() as usize;
            // Enough valid answers for every change unless the input is to close early.
            let mut input: String = answers.iter().map(|a| format!("{a}\n")).collect();
            if !closed_early {
                input.push_str(&"s\n".repeat(pending));
            }
            let mut out = Vec::new();
            review_page(&Settings::for_tests(), target, &a, Mode::Ask(&mut input.as_bytes()), &mut out).unwrap();
            let transcript = String::from_utf8(out).unwrap();

            // Replay the answers as the reviewer meant them.
            let mut decisions = Vec::new();
            let mut closed = true;
            let mut rest = false;
            let mut given = input.lines();
            while decisions.len() < pending {
                if rest { decisions.push(Decision::Accept); continue; }
                match given.next() {
                    None => break,
                    Some("a") => decisions.push(Decision::Accept),
                    Some("r") => decisions.push(Decision::Reject),
                    Some("s") => decisions.push(Decision::Skip),
                    Some("A") => { decisions.push(Decision::Accept); rest = true; }
                    Some("q") => { closed = false; break; }
                    Some(_) => {}
                }
            }
            if decisions.len() == pending { closed = false; }
            while decisions.len() < pending { decisions.push(Decision::Skip); }

            let after = std::fs::read_to_string(&snap_path).unwrap();
            let snap = load_snapshot(&snap_path).expect("the written snapshot is readable").unwrap();
            prop_assert_eq!(snap.count, snap.records.len());
            if closed || !decisions.contains(&Decision::Accept) {
                prop_assert_eq!(&after, &before, "nothing written: {}", transcript);
            }
            if !closed {
                prop_assert!(transcript.contains(&format!(
                    "{} accepted",
                    decisions.iter().filter(|d| **d == Decision::Accept).count()
                )), "{}", transcript);
            }

            // Each change, in the order the diff shows them, is its new version when accepted and its
            // reviewed one otherwise.
            let (old_src, new_src) = (
                pagerev::source::SourceFile::from_text("1.txt", old.as_str()).unwrap(),
                pagerev::source::SourceFile::from_text("2.txt", new.as_str()).unwrap(),
            );
            let (old_page, new_page) = (pagerev::parse::parse(&old_src, None), pagerev::parse::parse(&new_src, None));
            let diff = diff_pages(&old_page, &new_page, &DiffOptions::default());
            let changes: Vec<(usize, Edit)> = diff
                .changes
                .iter()
                .filter(|c| c.kind.is_substantive())
                .map(|c| match &c.old {
                    Some(o) => (o.index, edits[o.index]),
                    None => (usize::MAX, Edit::Keep),
                })
                .collect();
            prop_assert_eq!(changes.len(), pending);
            for (&(k, edit), d) in changes.iter().zip(&decisions) {
                let accepted = *d == Decision::Accept && !closed;
                if k == usize::MAX {
                    let present = snap.records.iter().any(|r| r.title.as_deref() == Some("Meeting on cybercrime"));
                    prop_assert_eq!(present, accepted, "added entry");
                    continue;
                }
                let name = NAMES[k];
                let found: Vec<_> = snap.records.iter()
                    .filter(|r| r.lead.as_deref().is_some_and(|l| l.contains(&format!("The {name} delegation"))))
                    .collect();
                if edit == Edit::Remove {
                    prop_assert_eq!(found.len(), usize::from(!accepted), "removed {}", name);
                    continue;
                }
                prop_assert_eq!(found.len(), 1, "{} kept once", name);
                let r = found[0];
                let day = 28 - 5 * k as u32;
                match edit {
                    Edit::Modify => prop_assert_eq!(r.lead.as_deref().unwrap().contains("two days"), accepted),
                    Edit::Retitle => prop_assert_eq!(r.title.as_deref().unwrap().ends_with("to Lyon"), accepted),
                    Edit::Redate => prop_assert_eq!(
                        r.date.clone().unwrap(),
                        format!("2019-05-{:02}", if accepted { day - 1 } else { day })
                    ),
                    Edit::Keep | Edit::Remove => {}
                }
            }

            // Accepting everything that is left leaves nothing to review.
            review_page(&Settings::for_tests(), target, &a, Mode::Ask(&mut "A\n".as_bytes()), &mut Vec::new()).unwrap();
            let mut out = Vec::new();
            let outcome = review_page(&Settings::for_tests(), target, &a, Mode::Ask(&mut "".as_bytes()), &mut out).unwrap();
            let transcript = String::from_utf8(out).unwrap();
            prop_assert_eq!(outcome, Outcome::Clean, "{}", transcript);
        }
    }
}
