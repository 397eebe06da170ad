//! The rule registry: the [`Rule`] trait every rule implements, the codes table [`CODES`] that lists them,
//! and the runners that check pages with them.
//!
//! Each rule lives in its own file, which declares everything about it: its code, name, default severity
//! and enablement, what it compares ([`Check`]: one revision of a page, a record at a time, with a state
//! over its records or at its end; a revision with the one before it; or the newest records with the
//! reviewed snapshot), its parameters (a `Params` struct, `deny_unknown_fields`), its
//! check, its unit tests, and its documentation (the `//!` module doc, shown by `pagerev explain` and in
//! `docs/rules.md`). Rule *instances* — whether a rule runs, at which severity, with which parameters — are
//! configured in YAML (`rules/default.yaml`, embedded in the binary, plus `--config`), see [`config`].
//!
//! Adding a rule: copy a rule file of the same [`Check`] kind, give it a new code (the next unused one:
//! codes are never reused, a removed rule's code stays in [`CODES`] as [`Code::Retired`]), declare it
//! with `mod` and add its row to [`CODES`] below. Then add its section to `rules/default.yaml` and its
//! fixtures under `tests/fixtures/rules/<name>/` with a line in `tests/rules_fixtures.rs`; tests fail
//! until both exist.

pub mod config;
mod page_run;

pub use page_run::{Brief, Check, Entry, PageCheck, PageEnd, PageHead, PageRun};

mod caption_repeats_lead;
mod caption_repeats_title;
mod date_order;
mod date_outside_title_range;
mod duplicate_record;
mod duplicated_caption;
mod empty_record;
mod entries_dropped;
mod entry_redated;
mod entry_removed;
mod entry_retitled;
mod future_date;
mod imprecise_date;
mod inconsistent_member_count;
mod invalid_date;
mod member_count_decreased;
mod missing_date;
mod missing_title;
mod no_entries;
mod review_pending;
mod revision_older;
mod shared_caption;

use crate::diagnostic::{Diagnostic, Location, Omitted, Position, Related, Severity};
use crate::record::{Page, Record, Span};
use crate::source::SourceFile;
use crate::yaml::{Node, NodeError};
use chrono::NaiveDate;
use std::fmt;
use std::sync::Arc;

/// The codes table, in code order: one row per code ever given out. Codes are stable: a removed rule's
/// row becomes [`retired`], and its code is never given to another rule.
///
/// A rule file whose type has no row here fails the build under `cargo clippy --all-targets -- -D
/// warnings` (which CI runs): the row is the only place the lib names the rule's type, so without it
/// rustc's `dead_code` lint reports the type and its `check` as never used. A file without a `mod` line
/// is not compiled at all; `tests::every_rule_file_has_a_row` catches that.
pub static CODES: &[Code] = &[
    rule::<date_order::DateOrder>(),
    rule::<missing_date::MissingDate>(),
    rule::<imprecise_date::ImpreciseDate>(),
    rule::<duplicated_caption::DuplicatedCaption>(),
    rule::<shared_caption::SharedCaption>(),
    rule::<caption_repeats_title::CaptionRepeatsTitle>(),
    rule::<caption_repeats_lead::CaptionRepeatsLead>(),
    rule::<inconsistent_member_count::InconsistentMemberCount>(),
    rule::<missing_title::MissingTitle>(),
    rule::<date_outside_title_range::DateOutsideTitleRange>(),
    rule::<duplicate_record::DuplicateRecord>(),
    rule::<invalid_date::InvalidDate>(),
    rule::<empty_record::EmptyRecord>(),
    rule::<future_date::FutureDate>(),
    rule::<entry_removed::EntryRemoved>(),
    rule::<entry_redated::EntryRedated>(),
    rule::<entry_retitled::EntryRetitled>(),
    rule::<member_count_decreased::MemberCountDecreased>(),
    rule::<entries_dropped::EntriesDropped>(),
    rule::<revision_older::RevisionOlder>(),
    rule::<no_entries::NoEntries>(),
    rule::<review_pending::ReviewPending>(),
];

/// A rule, declared by its own file and listed in [`CODES`].
pub trait Rule: 'static {
    /// Stable code, `PR` and three digits; never reused.
    const CODE: &'static str;
    /// Kebab-case name of the problem the rule finds.
    const NAME: &'static str;
    /// Severity unless configured otherwise.
    const DEFAULT_SEVERITY: Severity;
    /// Whether the rule runs unless configured otherwise.
    const DEFAULT_ENABLED: bool;
    /// The rule file's text (`include_str!` of itself): its `//!` module doc is the rule's documentation.
    const SOURCE: &'static str;
    /// The parameters `params:` configures (`#[serde(deny_unknown_fields)]`); `Default` when none is given.
    type Params: serde::de::DeserializeOwned + Default + fmt::Debug + Send + Sync + 'static;
    /// What the rule compares, and the function that checks it.
    const CHECK: Check<Self::Params>;
}

impl<P> Check<P> {
    const fn kind(&self) -> Kind {
        match self {
            Check::Each(_) | Check::Page(_) | Check::End(_) => Kind::Page,
            Check::Drop { per_entry, .. } => Kind::Drop {
                per_entry: *per_entry,
            },
            Check::Review(_) => Kind::Review,
        }
    }
}

/// What a rule compares: its [`Check`] variant, without the function.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// One revision of a page.
    Page,
    /// A revision against the one before it.
    Drop {
        /// As in [`Check::Drop`].
        per_entry: bool,
    },
    /// The newest records against the reviewed snapshot.
    Review,
}

impl Kind {
    /// True for drop rules: rules that compare a revision with the one before it (run by `pagerev check`,
    /// not by `pagerev validate`).
    pub fn is_drop(self) -> bool {
        matches!(self, Kind::Drop { .. })
    }

    /// True for rules only `pagerev check` runs: drop rules, and review rules (which compare the newest
    /// records with the page's reviewed snapshot).
    pub fn is_check_only(self) -> bool {
        self != Kind::Page
    }
}

/// A row of the codes table.
#[derive(Debug)]
pub enum Code {
    /// A rule that runs when enabled.
    Active(RuleInfo),
    /// The code of a removed rule: it never runs, and naming it (`--select`, a configuration entry) is an
    /// error that says why it went.
    Retired(Retired),
}

/// A retired code: the rule it named was removed.
#[derive(Debug)]
pub struct Retired {
    /// The retired code.
    pub code: &'static str,
    /// The retired rule's name.
    pub name: &'static str,
    /// Why the rule went, and what to use instead.
    pub reason: &'static str,
}

impl Code {
    /// The row's code.
    pub fn code(&self) -> &'static str {
        match self {
            Code::Active(r) => r.code,
            Code::Retired(r) => r.code,
        }
    }

    /// The row's name.
    pub fn name(&self) -> &'static str {
        match self {
            Code::Active(r) => r.name,
            Code::Retired(r) => r.name,
        }
    }
}

/// The row of an active rule.
pub const fn rule<R: Rule>() -> Code {
    Code::Active(RuleInfo {
        code: R::CODE,
        name: R::NAME,
        default_severity: R::DEFAULT_SEVERITY,
        default_enabled: R::DEFAULT_ENABLED,
        kind: R::CHECK.kind(),
        source: R::SOURCE,
        default_params: default_params::<R>,
        param_fields: fields_of::<R::Params>,
        parse_node: parse_node::<R>,
    })
}

/// The row of a retired code (`reason`: why the rule went, and what to use instead).
pub const fn retired(code: &'static str, name: &'static str, reason: &'static str) -> Code {
    Code::Retired(Retired { code, name, reason })
}

fn default_params<R: Rule>() -> RuleParams {
    RuleParams::new::<R>(R::Params::default())
}

fn parse_node<R: Rule>(node: &Node) -> Result<RuleParams, NodeError> {
    Ok(RuleParams::new::<R>(crate::yaml::from_node(node)?))
}

/// An active rule as the table holds it: what identifies it and how it behaves when nothing configures
/// it, with its parameters' type erased (built from its [`Rule`] by [`rule`]).
#[derive(Debug)]
pub struct RuleInfo {
    /// Stable code, `PR` and three digits; never reused.
    pub code: &'static str,
    /// Kebab-case name of the problem the rule finds.
    pub name: &'static str,
    /// See [`Rule::DEFAULT_SEVERITY`].
    pub default_severity: Severity,
    /// See [`Rule::DEFAULT_ENABLED`].
    pub default_enabled: bool,
    /// What the rule compares.
    pub kind: Kind,
    source: &'static str,
    default_params: fn() -> RuleParams,
    param_fields: fn() -> &'static [&'static str],
    parse_node: fn(&Node) -> Result<RuleParams, NodeError>,
}

/// Where the rule documentation is published: `docs/rules.md` on the main branch of the repository.
pub const DOCS_URL: &str = concat!(env!("CARGO_PKG_REPOSITORY"), "/blob/main/docs/rules.md");

impl RuleInfo {
    /// True when this is the row of `R`.
    pub fn is<R: Rule>(&self) -> bool {
        self.code == R::CODE
    }

    /// The anchor of the rule's section in `docs/rules.md`, e.g. `pr004-duplicated-caption` (the heading
    /// `## PR004 duplicated-caption` as GitHub slugs it).
    pub fn docs_anchor(&self) -> String {
        format!("{}-{}", self.code.to_lowercase(), self.name)
    }

    /// A stable link to the rule's documentation.
    pub fn docs_url(&self) -> String {
        format!("{DOCS_URL}#{}", self.docs_anchor())
    }

    /// The rule's documentation (Markdown): its module doc comment.
    pub fn doc(&self) -> String {
        let mut out = String::new();
        for line in self.source.lines() {
            let Some(rest) = line.strip_prefix("//!") else {
                break;
            };
            out.push_str(rest.strip_prefix(' ').unwrap_or(rest));
            out.push('\n');
        }
        out
    }

    /// The one-line summary: the first line of the documentation.
    pub fn summary(&self) -> String {
        self.doc().lines().next().unwrap_or_default().to_string()
    }

    /// The parameters the rule has when no configuration gives any.
    pub fn default_params(&self) -> RuleParams {
        (self.default_params)()
    }

    /// The names of the rule's parameters, as its `Params` struct declares them to serde.
    pub fn param_fields(&self) -> &'static [&'static str] {
        (self.param_fields)()
    }

    /// Reads the rule's parameters from their node of a configuration document; an error carries the
    /// place of the node that failed.
    pub(crate) fn parse_params(&self, node: &Node) -> Result<RuleParams, NodeError> {
        (self.parse_node)(node)
    }
}

/// The active rules, in code order.
pub fn active() -> impl Iterator<Item = &'static RuleInfo> {
    CODES.iter().filter_map(|c| match c {
        Code::Active(r) => Some(r),
        Code::Retired(_) => None,
    })
}

/// Finds a row by code (`PR004`, any case) or name (`duplicated-caption`), retired rows included.
pub fn find(code_or_name: &str) -> Option<&'static Code> {
    find_in(CODES, code_or_name)
}

/// [`find`] in `table` (tests pass their own).
pub fn find_in(table: &'static [Code], code_or_name: &str) -> Option<&'static Code> {
    let s = code_or_name.trim();
    table
        .iter()
        .find(|c| c.code().eq_ignore_ascii_case(s) || c.name() == s)
}

/// Finds an active rule by code (`PR004`, any case) or name (`duplicated-caption`).
pub fn lookup(code_or_name: &str) -> Option<&'static RuleInfo> {
    match find(code_or_name)? {
        Code::Active(r) => Some(r),
        Code::Retired(_) => None,
    }
}

/// The field names a derived `Deserialize` struct declares: serde passes them to `deserialize_struct`, so a
/// deserializer that only records them and fails reads them without any input.
fn fields_of<'de, T: serde::Deserialize<'de>>() -> &'static [&'static str] {
    struct Fields<'f>(&'f mut &'static [&'static str]);
    impl<'de> serde::Deserializer<'de> for Fields<'_> {
        type Error = serde::de::value::Error;
        fn deserialize_any<V: serde::de::Visitor<'de>>(
            self,
            _: V,
        ) -> Result<V::Value, Self::Error> {
            Err(serde::de::Error::custom("not a struct"))
        }
        fn deserialize_struct<V: serde::de::Visitor<'de>>(
            self,
            _name: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Self::Error> {
            *self.0 = fields;
            Err(serde::de::Error::custom("fields recorded"))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option
            unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier ignored_any
        }
    }
    let mut fields: &'static [&'static str] = &[];
    let _ = T::deserialize(Fields(&mut fields));
    fields
}

/// A rule's configured parameters, bound to the rule's check. Their type is the rule's own `Params`,
/// erased here so that every configured rule has the same type.
#[derive(Clone)]
pub struct RuleParams {
    check: Bound,
    /// The parameters themselves, for `pagerev config`.
    shown: Arc<dyn fmt::Debug + Send + Sync>,
    rule_name: &'static str,
}

// A rule's check with its parameters bound, one type per [`Check`] variant.
type DropCheck = dyn Fn(&DropInput<'_, '_>, &mut Sink<'_>) + Send + Sync;
type ReviewCheck = dyn Fn(&ReviewInput<'_, '_>, &mut Sink<'_>) + Send + Sync;

/// A rule's check with its parameters bound: one variant per [`Check`] variant.
#[derive(Clone)]
enum Bound {
    Page(Arc<dyn page_run::StartPage>),
    Drop(Arc<DropCheck>),
    Review(Arc<ReviewCheck>),
}

impl RuleParams {
    /// `params` of the rule `R`, bound to its check.
    pub fn new<R: Rule>(params: R::Params) -> RuleParams {
        let params = Arc::new(params);
        let p = Arc::clone(&params);
        let check = match R::CHECK {
            Check::Each(f) => Bound::Page(Arc::new(page_run::PageStarter::Each(f, p))),
            Check::Page(f) => Bound::Page(Arc::new(page_run::PageStarter::Page(f, p))),
            Check::End(f) => Bound::Page(Arc::new(page_run::PageStarter::End(f, p))),
            Check::Drop { check, .. } => Bound::Drop(Arc::new(
                move |input: &DropInput<'_, '_>, sink: &mut Sink<'_>| check(input, &p, sink),
            )),
            Check::Review(f) => Bound::Review(Arc::new(
                move |input: &ReviewInput<'_, '_>, sink: &mut Sink<'_>| f(input, &p, sink),
            )),
        };
        RuleParams {
            check,
            shown: params,
            rule_name: R::NAME,
        }
    }
}

/// `DateOrder(Params { order: NewestFirst })`: the rule's name in CamelCase around its parameters.
impl fmt::Debug for RuleParams {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let camel: String = self
            .rule_name
            .split('-')
            .flat_map(|w| {
                let mut c = w.chars();
                c.next()
                    .map(|first| first.to_ascii_uppercase())
                    .into_iter()
                    .chain(c)
            })
            .collect();
        f.debug_tuple(&camel).field(&self.shown).finish()
    }
}

/// Facts about the run that are not in the page: kept out of the rules so checks stay deterministic.
#[derive(Debug, Clone, Copy, Default)]
pub struct CheckContext {
    /// Today's date, for `future-date`; `None` skips that rule.
    pub today: Option<NaiveDate>,
}

/// True when `no-entries` is enabled and fires on `page`: the other rules then stay silent, since each
/// would only repeat it once per entry. With `no-entries` disabled (`--select` of another rule) every
/// rule runs as usual.
fn reports_no_entries(rules: &config::RuleSet, page: &Page<'_>) -> bool {
    !no_entries::has_dated_entries(page)
        && rules
            .enabled()
            .any(|r| r.info.is::<no_entries::NoEntries>())
}

/// Runs every enabled rule of `rules` on one page and returns the findings in report order.
///
/// ```
/// use pagerev::rules::{check_page, config::RuleSet, CheckContext};
/// use pagerev::source::SourceFile;
///
/// let text = "Official visits 2021\n\nVisit of Alice\n\n3 May 2021 – Alice came.\n\n\
///             2 May 2021 – A visit without a title.\n";
/// let source = SourceFile::from_text("p.txt", text)?;
/// let page = pagerev::parse::parse(&source, None);
/// let findings = check_page(&RuleSet::load(&[])?, &source, &page, &CheckContext::default());
/// let untitled = findings.iter().find(|d| d.name == "missing-title").expect("a finding");
/// assert_eq!((untitled.code, untitled.location.start.line), ("PR009", 7));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn check_page(
    rules: &config::RuleSet,
    source: &SourceFile,
    page: &Page<'_>,
    ctx: &CheckContext,
) -> Vec<Diagnostic> {
    check_page_keeping(rules, source, page, ctx, usize::MAX).0
}

/// Runs every enabled rule of `rules` on one page, like [`check_page`], but keeps only the first `keep`
/// findings in report order and counts the others by rule and severity: the findings of a run whose
/// reports show at most `keep` (`--max-findings`). What it holds while the rules run is bounded by
/// about twice `keep` findings per rule, however many the page has.
///
/// ```
/// use pagerev::rules::{check_page, check_page_keeping, config::RuleSet, CheckContext};
/// use pagerev::source::SourceFile;
///
/// let source = SourceFile::from_text("p.txt", "March 2021 - A.\n\nApril 2021 - B.\n")?;
/// let page = pagerev::parse::parse(&source, None);
/// let (rules, ctx) = (RuleSet::load(&[])?, CheckContext::default());
/// let all = check_page(&rules, &source, &page, &ctx);
/// let (kept, omitted) = check_page_keeping(&rules, &source, &page, &ctx, 1);
/// assert_eq!((kept.as_slice(), omitted.total()), (&all[..1], all.len() - 1));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn check_page_keeping(
    rules: &config::RuleSet,
    source: &SourceFile,
    page: &Page<'_>,
    ctx: &CheckContext,
    keep: usize,
) -> (Vec<Diagnostic>, Omitted) {
    let mut run = PageRun::new(rules, source, ctx, keep);
    run.records(&page.records);
    run.finish(page.title, &page.preamble)
}

/// A page revision parsed and checked in one pass ([`validate_source`]).
#[derive(Debug)]
pub struct Validated<'a> {
    /// The page besides its records, and how many there were.
    pub outline: crate::parse::PageOutline<'a>,
    /// How many of the records have a date.
    pub dated: usize,
    /// The first `keep` findings in report order.
    pub findings: Vec<Diagnostic>,
    /// The findings past those, counted.
    pub omitted: Omitted,
}

/// Pages of at least this many bytes are checked on a thread of their own while the parser goes on;
/// smaller ones are a batch or two of records, not worth a thread.
const RULES_THREAD_FROM: usize = 1 << 20;

/// Parses a page revision and checks it with the enabled page rules of `rules`, as [`check_page_keeping`]
/// does after [`crate::parse::parse_with`], with the same findings; but the records go to the rules as
/// the parser builds them, a batch at a time, and are dropped once the rules have seen them: what is held
/// is the page's text, a few batches of records, and the rules' summaries. On a large page the rules run
/// on a thread of their own while the parser goes on (not with `RAYON_NUM_THREADS=1`).
///
/// ```
/// use pagerev::rules::{check_page, config::RuleSet, validate_source, CheckContext};
/// use pagerev::source::SourceFile;
///
/// let source = SourceFile::from_text("p.txt", "Visits 2021\n\nA\n\n3 May 2021 – A.\n\nB\n\n4 May 2021 – B.\n")?;
/// let (rules, ctx) = (RuleSet::load(&[])?, CheckContext::default());
/// let checked = validate_source(&rules, &source, &Default::default(), &ctx, usize::MAX);
/// let page = pagerev::parse::parse(&source, None);
/// assert_eq!(checked.findings, check_page(&rules, &source, &page, &ctx));
/// assert_eq!((checked.outline.records, checked.dated), (2, 2));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn validate_source<'a>(
    rules: &config::RuleSet,
    source: &'a SourceFile,
    options: &crate::parse::ParseOptions,
    ctx: &CheckContext,
    keep: usize,
) -> Validated<'a> {
    let mut run = PageRun::new(rules, source, ctx, keep);
    let mut feed = |batch: Vec<Record<'a>>| run.records(&batch);
    let outline = if source.text().len() < RULES_THREAD_FROM || rayon::current_num_threads() < 2 {
        crate::parse::parse_streamed(source, options, &mut feed)
    } else {
        // Two batches queued at most: the parser never runs far ahead of the rules.
        let (send, batches) = std::sync::mpsc::sync_channel::<Vec<Record<'a>>>(2);
        std::thread::scope(|scope| {
            let rules_thread = scope.spawn(|| {
                for batch in batches {
                    feed(batch);
                }
            });
            let outline = crate::parse::parse_streamed(source, options, &mut |batch| {
                // The rules thread ends only by panicking, which `join` passes on below.
                let _ = send.send(batch);
            });
            drop(send);
            if let Err(panic) = rules_thread.join() {
                std::panic::resume_unwind(panic);
            }
            outline
        })
    };
    let dated = run.dated();
    let (findings, omitted) = run.finish(outline.title, &outline.preamble);
    Validated {
        outline,
        dated,
        findings,
        omitted,
    }
}

/// How many findings a rule may gather before those past the first `keep` are dropped (never, when all
/// are kept): twice `keep`, and at least 4,096 more, so the sorting stays a small share of the work.
fn compact_at(keep: usize) -> usize {
    keep.saturating_mul(2).max(keep.saturating_add(4096))
}

/// What a drop rule sees: the previous revision, the new one, and the record diff between them
/// (computed with unchanged records included, so every record of either side can be placed).
pub struct DropInput<'x, 'a> {
    /// The previous revision's text.
    pub old_source: &'x SourceFile,
    /// The previous revision, parsed.
    pub old: &'x Page<'a>,
    /// The new revision, parsed.
    pub new: &'x Page<'a>,
    /// The record diff from the previous revision to the new one.
    pub diff: &'x crate::diff::PageDiff,
    /// How the user names the page in a command, for the help of findings (`PAGE` until
    /// [`DropInput::page_arg`] sets it).
    pub page_arg: &'x str,
    /// For each old record, the new position of the first old record after it that is still on the
    /// page: where a removed record used to stand. Computed once (one backward pass), so placing every
    /// removed record of a drop that lost half the page stays linear.
    following: Vec<Option<usize>>,
}

impl<'x, 'a> DropInput<'x, 'a> {
    /// The input of the drop rules; `diff` must include unchanged records.
    pub fn new(
        old_source: &'x SourceFile,
        old: &'x Page<'a>,
        new: &'x Page<'a>,
        diff: &'x crate::diff::PageDiff,
    ) -> Self {
        let mut new_of_old = vec![None; old.records.len()];
        for c in &diff.changes {
            if let (Some(o), Some(n)) = (&c.old, &c.new) {
                if let Some(slot) = new_of_old.get_mut(o.index) {
                    *slot = Some(n.index);
                }
            }
        }
        let mut following = vec![None; old.records.len()];
        let mut next = None;
        for i in (0..old.records.len()).rev() {
            following[i] = next;
            if new_of_old[i].is_some() {
                next = new_of_old[i];
            }
        }
        DropInput {
            old_source,
            old,
            new,
            diff,
            page_arg: "PAGE",
            following,
        }
    }

    /// Names the page in the help of findings as the user named it.
    pub fn page_arg(self, page_arg: &'x str) -> Self {
        DropInput { page_arg, ..self }
    }

    /// The old-revision record of a change.
    pub fn old_record(&self, change: &crate::diff::RecordChange) -> Option<&'x Record<'a>> {
        change
            .old
            .as_ref()
            .and_then(|r| self.old.records.get(r.index))
    }

    /// The new-revision record of a change.
    pub fn new_record(&self, change: &crate::diff::RecordChange) -> Option<&'x Record<'a>> {
        change
            .new
            .as_ref()
            .and_then(|r| self.new.records.get(r.index))
    }

    /// Where the old record at `old_index` would stand in the new revision: the head of the first record
    /// after it that is still there, else the end of the last record, else the page title (or line 1).
    pub fn place_of_old(&self, old_index: usize) -> (Option<&'x Record<'a>>, Span) {
        let following = self.following.get(old_index).copied().flatten();
        if let Some(r) = following.and_then(|i| self.new.records.get(i)) {
            return (Some(r), head_span(r));
        }
        if let Some(r) = self.new.records.last() {
            let end = Span {
                line_start: r.span.line_end,
                line_end: r.span.line_end,
                byte_start: r.span.byte_end,
                byte_end: r.span.byte_end,
            };
            return (Some(r), end);
        }
        let title = self.new.title.map(|t| t.text.span());
        (
            None,
            title.unwrap_or(Span {
                line_start: 1,
                line_end: 1,
                byte_start: 0,
                byte_end: 0,
            }),
        )
    }
}

/// Runs every enabled drop rule of `rules` on a revision and its predecessor; findings are located in
/// the new revision (`new_source`), with related locations in the old one.
pub fn check_drop(
    rules: &config::RuleSet,
    new_source: &SourceFile,
    input: &DropInput<'_, '_>,
    ctx: &CheckContext,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    // A revision without dated entries is compared as one event (entries-dropped), not entry by entry.
    let one_event = reports_no_entries(rules, input.new);
    for rule in rules.enabled() {
        let Bound::Drop(check) = &rule.params.check else {
            continue;
        };
        if one_event && rule.info.kind == (Kind::Drop { per_entry: true }) {
            continue;
        }
        let mut sink = Sink::new(new_source, rule, ctx, &mut out);
        check(input, &mut sink);
    }
    crate::diagnostic::sort(&mut out);
    out
}

pub use review_pending::ReviewInput;

/// Runs every enabled review rule (`review-pending`): the finding that the newest records
/// (`new_source`) differ from the page's reviewed snapshot.
pub fn check_review(
    rules: &config::RuleSet,
    new_source: &SourceFile,
    input: &ReviewInput<'_, '_>,
    ctx: &CheckContext,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for rule in rules.enabled() {
        let Bound::Review(check) = &rule.params.check else {
            continue;
        };
        let mut sink = Sink::new(new_source, rule, ctx, &mut out);
        check(input, &mut sink);
    }
    crate::diagnostic::sort(&mut out);
    out
}
/// Where a rule's check puts its findings: fills in the rule's code, name and configured severity, and
/// turns byte spans into line/column locations.
pub struct Sink<'s> {
    source: &'s SourceFile,
    /// The source's name, made once and shared by every finding (a page may have millions).
    file: Arc<str>,
    info: &'static RuleInfo,
    severity: Severity,
    ctx: &'s CheckContext,
    out: &'s mut Vec<Diagnostic>,
    /// Keep only the first `keep` findings in report order (see [`check_page_keeping`]).
    keep: usize,
    /// Findings not kept, counted.
    dropped: usize,
}

impl<'s> Sink<'s> {
    fn new(
        source: &'s SourceFile,
        rule: &config::ConfiguredRule,
        ctx: &'s CheckContext,
        out: &'s mut Vec<Diagnostic>,
    ) -> Sink<'s> {
        Sink {
            source,
            file: Arc::from(source.name()),
            info: rule.info,
            severity: rule.severity,
            ctx,
            out,
            keep: usize::MAX,
            dropped: 0,
        }
    }

    /// Sorts the findings and keeps the first `keep`, counting the others, once there are
    /// [`compact_at`] of them: the rule's first `keep` findings are all among those kept. Two
    /// findings with the same sort key keep their order (the sort is stable, and every later finding
    /// comes after the kept ones), so what is finally kept is the first `keep` of all of them.
    fn compact(&mut self) {
        if self.out.len() < compact_at(self.keep) {
            return;
        }
        crate::diagnostic::sort(self.out);
        self.dropped += self.out.len() - self.keep;
        self.out.truncate(self.keep);
    }

    /// Facts about the run (today's date).
    pub fn ctx(&self) -> &CheckContext {
        self.ctx
    }

    /// The line/column location of a byte span of the page.
    pub fn location(&self, span: Span) -> Location {
        let pos = |byte: u32| {
            let (line, column) = self.source.position(byte as usize);
            Position { line, column, byte }
        };
        Location {
            start: pos(span.byte_start),
            end: pos(span.byte_end),
        }
    }

    /// A related location (the record a finding clashes with, a first occurrence).
    pub fn related(&self, record: Option<&dyn Entry>, span: Span, message: String) -> Related {
        Related {
            message,
            record_id: record.map(|r| r.id().into()),
            file: Arc::clone(&self.file),
            location: self.location(span),
        }
    }

    /// A related location in another file (the previous revision, for drop rules).
    pub fn related_at(
        &self,
        source: &SourceFile,
        record: Option<&dyn Entry>,
        span: Span,
        message: String,
    ) -> Related {
        let pos = |byte: u32| {
            let (line, column) = source.position(byte as usize);
            Position { line, column, byte }
        };
        Related {
            message,
            record_id: record.map(|r| r.id().into()),
            file: source.name().into(),
            location: Location {
                start: pos(span.byte_start),
                end: pos(span.byte_end),
            },
        }
    }

    /// Reports a finding about `record` at `span`; the returned diagnostic can take a related location and
    /// a help line.
    pub fn report(
        &mut self,
        record: Option<&dyn Entry>,
        span: Span,
        message: String,
    ) -> &mut Diagnostic {
        self.compact();
        let location = self.location(span);
        // A message made by `format!` has room to spare; the finding may be held a long time.
        let mut message = message;
        message.shrink_to_fit();
        self.out.push(Diagnostic {
            code: self.info.code,
            name: self.info.name,
            severity: self.severity,
            message,
            record_id: record.map(|r| r.id().into()),
            record_index: record.map(|r| r.index()),
            file: Arc::clone(&self.file),
            location,
            related: None,
            help: None,
        });
        let last = self.out.len() - 1;
        &mut self.out[last]
    }
}

/// Where a record is best pointed at when the finding is about the record as a whole: its title, or else
/// its lead, or else its first line.
pub(crate) fn head_span(r: &Record<'_>) -> Span {
    if let Some(t) = r.title {
        return t.span();
    }
    if let Some(l) = r.lead {
        return l.line.span();
    }
    r.field_lines()
        .first()
        .map_or(r.span, |(_, text)| text.span())
}

/// Where a record's date is written: the date prefix, or else the start of the lead, or else its head.
pub(crate) fn date_span(r: &Record<'_>) -> Span {
    match r.lead {
        Some(l) => l.date_text.unwrap_or(l.line).span(),
        None => head_span(r),
    }
}

/// The record's date as written, for messages.
pub(crate) fn date_label<E: Entry + ?Sized>(r: &E) -> String {
    match (r.lead_date_text(), r.date()) {
        (Some(t), _) => t.raw.to_string(),
        (None, Some(d)) => d.to_string(),
        (None, None) => "undated".to_string(),
    }
}

/// How messages name a record: its title in quotes, or `the untitled entry`, with its date.
pub(crate) fn describe<E: Entry + ?Sized>(r: &E) -> String {
    match r.title() {
        Some(t) => format!("`{}` ({})", shorten(t.raw, 60), date_label(r)),
        None => format!("the untitled entry ({})", date_label(r)),
    }
}

/// `s` cut to at most `max` characters, with `…` when cut.
pub(crate) fn shorten(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", s[..i].trim_end()),
        None => s.to_string(),
    }
}

#[cfg(test)]
pub(crate) mod test_util {
    //! Helpers for the rules' unit tests: parse a small page, run one rule with given parameters.
    use super::*;

    /// Runs the rule `R` with `params` on `text` and returns `(line, message)` per finding.
    pub fn run<R: Rule>(text: &str, params: R::Params) -> Vec<(u32, String)> {
        run_with::<R>(text, params, CheckContext::default())
    }

    /// Runs the drop rule `R` with `params` on a revision `new` and its predecessor `old`; returns
    /// `(line in new, message)` per finding.
    pub fn run_drop<R: Rule>(old: &str, new: &str, params: R::Params) -> Vec<(u32, String)> {
        let old_src = SourceFile::from_text("old.txt", old).expect("test page is text");
        let new_src = SourceFile::from_text("new.txt", new).expect("test page is text");
        let (old_page, new_page) = (
            crate::parse::parse(&old_src, None),
            crate::parse::parse(&new_src, None),
        );
        let opts = crate::diff::DiffOptions {
            include_unchanged: true,
            ..Default::default()
        };
        let diff = crate::diff::diff_pages(&old_page, &new_page, &opts);
        let mut rules = config::RuleSet::defaults();
        rules.only::<R>(params);
        let input = DropInput::new(&old_src, &old_page, &new_page, &diff);
        check_drop(&rules, &new_src, &input, &CheckContext::default())
            .into_iter()
            .map(|d| (d.location.start.line, d.message))
            .collect()
    }

    /// As [`run`], with a context (today's date).
    pub fn run_with<R: Rule>(
        text: &str,
        params: R::Params,
        ctx: CheckContext,
    ) -> Vec<(u32, String)> {
        let source = SourceFile::from_text("t.txt", text).expect("test page is text");
        let page = crate::parse::parse(&source, None);
        let mut rules = config::RuleSet::defaults();
        rules.only::<R>(params);
        check_page(&rules, &source, &page, &ctx)
            .into_iter()
            .map(|d| (d.location.start.line, d.message))
            .collect()
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn codes_and_names_are_unique_and_well_formed() {
        // Codes need not be consecutive (a retired code keeps its row), but each is `PR` and three
        // digits, the table is in code order, and no code or name is given twice.
        let mut codes = std::collections::HashSet::new();
        let mut names = std::collections::HashSet::new();
        let mut previous = "";
        for row in CODES {
            let (code, name) = (row.code(), row.name());
            assert!(
                code.len() == 5
                    && code.starts_with("PR")
                    && code[2..].bytes().all(|b| b.is_ascii_digit()),
                "malformed code {code}"
            );
            assert!(code > previous, "{code} is out of code order");
            previous = code;
            assert!(codes.insert(code), "code {code} used twice");
            assert!(names.insert(name), "name {name} used twice");
            assert!(
                !name.is_empty()
                    && name
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "name {name} is not kebab-case"
            );
        }
    }

    #[test]
    fn every_rule_is_documented() {
        for r in active() {
            let doc = r.doc();
            for section in [
                "## What it does",
                "## Why is this bad?",
                "## Example",
                "## How to fix",
            ] {
                assert!(doc.contains(section), "{} lacks `{section}`", r.name);
            }
            assert!(!r.summary().is_empty());
        }
    }

    #[test]
    fn every_rule_file_has_a_row() {
        // A rule file holds its own text as `SOURCE`, so a file whose text no row carries is a rule
        // that never runs (or a file that is not a rule, which does not belong in this folder).
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules");
        let mut files = 0;
        for entry in std::fs::read_dir(&dir).expect("src/rules is readable") {
            let path = entry.expect("src/rules entry").path();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if !name.ends_with(".rs") || ["mod.rs", "config.rs", "page_run.rs"].contains(&name) {
                continue;
            }
            files += 1;
            let text = std::fs::read_to_string(&path).expect("rule file is text");
            assert!(
                active().any(|r| r.source == text),
                "src/rules/{name} has no row in CODES (or no `mod` line)"
            );
        }
        assert_eq!(files, active().count(), "one file per active rule");
    }

    #[test]
    fn lookup_accepts_codes_and_names() {
        assert_eq!(lookup("pr004").map(|r| r.name), Some("duplicated-caption"));
        assert_eq!(lookup("date-order").map(|r| r.code), Some("PR001"));
        assert!(lookup("PR999").is_none());
    }

    /// A table with a retired code, for the tests of how retired codes are treated.
    pub(crate) static WITH_RETIRED: &[Code] = &[
        rule::<missing_date::MissingDate>(),
        retired(
            "PR999",
            "old-rule",
            "merged into missing-date (PR002), which now reports it",
        ),
    ];

    #[test]
    fn a_retired_code_is_found_as_retired_and_never_as_a_rule() {
        match find_in(WITH_RETIRED, "pr999") {
            Some(Code::Retired(r)) => assert_eq!(r.name, "old-rule"),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            find_in(WITH_RETIRED, "old-rule"),
            Some(Code::Retired(_))
        ));
        assert!(matches!(
            find_in(WITH_RETIRED, "PR002"),
            Some(Code::Active(r)) if r.name == "missing-date"
        ));
        assert!(find_in(WITH_RETIRED, "PR001").is_none());
    }

    #[test]
    fn the_docs_list_a_retired_code_with_its_reason_and_no_section() {
        let docs = docs_markdown_of(WITH_RETIRED);
        assert!(
            docs.contains(
                "| PR999 | old-rule | retired | merged into missing-date (PR002), which now reports it |"
            ),
            "{docs}"
        );
        assert!(!docs.contains("## PR999"), "{docs}");
        assert!(docs.contains("\n## PR002 missing-date\n"), "{docs}");
    }
}

/// `docs/rules.md`: the codes table and every rule's documentation, generated from the rule files (a test
/// fails when the checked-in file is stale).
pub fn docs_markdown() -> String {
    docs_markdown_of(CODES)
}

/// [`docs_markdown`] of `table`: retired codes are listed with their reason, and have no section.
fn docs_markdown_of(table: &[Code]) -> String {
    let mut out = String::from(
        "<!-- Generated from the rule files in src/rules/ by `UPDATE_DOCS=1 cargo test --test docs`; do not edit. -->\n\n# pagerev rules\n\n\
         Configure them in `rules/*.yaml` (see `rules/default.yaml`) or on the command line with `--select`,\n\
         `--ignore` and `--severity CODE=LEVEL`. Codes are stable and never reused.\n\n\
         | Code | Name | Default | Summary |\n|---|---|---|---|\n",
    );
    for row in table {
        match row {
            Code::Active(r) => {
                let default = if r.default_enabled {
                    r.default_severity.as_str().to_string()
                } else {
                    format!("off ({})", r.default_severity)
                };
                out.push_str(&format!(
                    "| {} | [{}](#{}) | {default} | {} |\n",
                    r.code,
                    r.name,
                    r.docs_anchor(),
                    r.summary().replace('|', "\\|")
                ));
            }
            Code::Retired(r) => out.push_str(&format!(
                "| {} | {} | retired | {} |\n",
                r.code,
                r.name,
                r.reason.replace('|', "\\|")
            )),
        }
    }
    for row in table {
        let Code::Active(r) = row else { continue };
        out.push_str(&format!("\n## {} {}\n\n", r.code, r.name));
        for line in r.doc().lines() {
            // Rule sections become subsections of the rule's heading.
            if line.starts_with("## ") {
                out.push('#');
            }
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}
