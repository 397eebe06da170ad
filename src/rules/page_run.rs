//! The page rules run over a page's records as they stream past ([`PageRun`]): each rule sees every
//! record once, in page order, and keeps only what it needs of it (a hash of a caption, a date, a
//! member count); what it needs of earlier records to name them in a finding is their [`Brief`]. So a
//! page is checked without holding its records: `validate` hands them over a batch at a time, as the
//! parser builds them ([`crate::parse::parse_streamed`]).
//!
//! A rule is written in one of three ways ([`Check`]): a check of one record at a time
//! ([`Check::Each`]), a state fed every record and finished at the page's end ([`Check::Page`]), or a
//! check of the page's end alone, over the briefs of all its records ([`Check::End`]).

use super::config::{ConfiguredRule, RuleSet};
use super::{no_entries, Bound, CheckContext, Sink};
use crate::diagnostic::{Diagnostic, Omitted};
use crate::record::{Date, PageTitle, Record, RecordId, Span, Text};
use crate::source::SourceFile;
use std::sync::Arc;

/// What a finding names as its record: the record itself while it streams past, or its [`Brief`]
/// once it has gone.
pub trait Entry {
    /// The record's id.
    fn id(&self) -> &str;
    /// Its 0-based position on the page.
    fn index(&self) -> usize;
    /// Its title line.
    fn title(&self) -> Option<Text<'_>>;
    /// Its date.
    fn date(&self) -> Option<Date>;
    /// The date as written at the start of its lead, when it is written there.
    fn lead_date_text(&self) -> Option<Text<'_>>;
    /// Where the record is best pointed at as a whole: its title, or else its lead, or else its first
    /// line.
    fn head_span(&self) -> Span;
    /// Where its date is written: the date prefix, or else the start of the lead, or else its head.
    fn date_span(&self) -> Span;
}

impl Entry for Record<'_> {
    fn id(&self) -> &str {
        self.id.as_str()
    }
    fn index(&self) -> usize {
        self.index
    }
    fn title(&self) -> Option<Text<'_>> {
        self.title
    }
    fn date(&self) -> Option<Date> {
        self.date
    }
    fn lead_date_text(&self) -> Option<Text<'_>> {
        self.lead.and_then(|l| l.date_text)
    }
    fn head_span(&self) -> Span {
        super::head_span(self)
    }
    fn date_span(&self) -> Span {
        super::date_span(self)
    }
}

/// What the rules may still say of a record once it has streamed past: enough to name it in a finding
/// about a later one (`first listed here as …`), and its date, for the rules that compare all dates at
/// the page's end. A tenth of a record's size, its texts borrowed from the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Brief<'a> {
    id: RecordId,
    index: usize,
    title: Option<Text<'a>>,
    date: Option<Date>,
    lead_date_text: Option<Text<'a>>,
    head: Span,
    date_at: Span,
}

impl<'a> Brief<'a> {
    /// The brief of `r`.
    pub fn of(r: &Record<'a>) -> Brief<'a> {
        Brief {
            id: r.id.clone(),
            index: r.index,
            title: r.title,
            date: r.date,
            lead_date_text: r.lead.and_then(|l| l.date_text),
            head: super::head_span(r),
            date_at: super::date_span(r),
        }
    }
}

impl Entry for Brief<'_> {
    fn id(&self) -> &str {
        self.id.as_str()
    }
    fn index(&self) -> usize {
        self.index
    }
    fn title(&self) -> Option<Text<'_>> {
        self.title
    }
    fn date(&self) -> Option<Date> {
        self.date
    }
    fn lead_date_text(&self) -> Option<Text<'_>> {
        self.lead_date_text
    }
    fn head_span(&self) -> Span {
        self.head
    }
    fn date_span(&self) -> Span {
        self.date_at
    }
}

/// The page a [`Check::Page`] state is started for. It holds nothing yet: it names the lifetime of the
/// page's text, which a state may keep pieces of (a caption's text, a member count).
#[derive(Debug, Clone, Copy, Default)]
pub struct PageHead<'a> {
    text: std::marker::PhantomData<&'a str>,
}

/// The page once all its records have streamed past: what [`PageCheck::finish`] and [`Check::End`]
/// see.
#[derive(Debug, Clone, Copy)]
pub struct PageEnd<'a, 'x> {
    /// The page title line, if any.
    pub title: Option<PageTitle<'a>>,
    /// Lines before the first entry other than the page title.
    pub preamble: &'x [Text<'a>],
    /// Every record's brief, in page order.
    pub entries: &'x [Brief<'a>],
}

/// A rule's state while a page's records stream past it ([`Check::Page`]).
pub trait PageCheck<'a, P>: Send {
    /// Looks at the next record; `earlier` holds the briefs of the records before it.
    fn record(&mut self, r: &Record<'a>, earlier: &[Brief<'a>], params: &P, sink: &mut Sink<'_>);
    /// Reports what only the whole page shows.
    fn finish(self: Box<Self>, _end: &PageEnd<'a, '_>, _params: &P, _sink: &mut Sink<'_>) {}
}

/// What a rule compares, with its check: each runner ([`super::check_page`], [`super::check_drop`],
/// [`super::check_review`]) runs the rules that declare its variant.
pub enum Check<P> {
    /// One record at a time, on one revision of a page (`pagerev validate` and `pagerev check`).
    Each(fn(&Record<'_>, &P, &mut Sink<'_>)),
    /// One revision of a page, its records fed one at a time to a state the function starts.
    Page(for<'a> fn(&P, &PageHead<'a>) -> Box<dyn PageCheck<'a, P> + 'a>),
    /// One revision of a page, once all its records have gone past.
    End(fn(&PageEnd<'_, '_>, &P, &mut Sink<'_>)),
    /// A revision against the one before it (`pagerev check` only). `per_entry` rules report single
    /// entries, so they stay silent when the new revision has no dated entries (`no-entries` and
    /// `entries-dropped` say it once).
    Drop {
        /// Whether the rule reports single entries.
        per_entry: bool,
        /// The check.
        check: fn(&super::DropInput<'_, '_>, &P, &mut Sink<'_>),
    },
    /// The newest records against the page's reviewed snapshot (`pagerev check` only).
    Review(fn(&super::ReviewInput<'_, '_>, &P, &mut Sink<'_>)),
}

/// A page rule's state with its parameters bound, whichever way the rule is written.
pub(super) trait PageState<'a>: Send {
    fn record(&mut self, r: &Record<'a>, earlier: &[Brief<'a>], sink: &mut Sink<'_>);
    fn finish(self: Box<Self>, end: &PageEnd<'a, '_>, sink: &mut Sink<'_>);
}

/// Starts a page rule's state for a page, its parameters bound.
pub(super) trait StartPage: Send + Sync {
    fn start<'a>(&self, head: &PageHead<'a>) -> Box<dyn PageState<'a> + 'a>;
}

/// The page variants of [`Check`], with the rule's parameters.
pub(super) enum PageStarter<P> {
    Each(fn(&Record<'_>, &P, &mut Sink<'_>), Arc<P>),
    Page(
        for<'a> fn(&P, &PageHead<'a>) -> Box<dyn PageCheck<'a, P> + 'a>,
        Arc<P>,
    ),
    End(fn(&PageEnd<'_, '_>, &P, &mut Sink<'_>), Arc<P>),
}

impl<P: Send + Sync + 'static> StartPage for PageStarter<P> {
    fn start<'a>(&self, head: &PageHead<'a>) -> Box<dyn PageState<'a> + 'a> {
        match self {
            PageStarter::Each(f, p) => Box::new(EachState(*f, Arc::clone(p))),
            PageStarter::Page(start, p) => Box::new(Stateful(start(p, head), Arc::clone(p))),
            PageStarter::End(f, p) => Box::new(EndState(*f, Arc::clone(p))),
        }
    }
}

struct EachState<P>(fn(&Record<'_>, &P, &mut Sink<'_>), Arc<P>);

impl<'a, P: Send + Sync> PageState<'a> for EachState<P> {
    fn record(&mut self, r: &Record<'a>, _: &[Brief<'a>], sink: &mut Sink<'_>) {
        (self.0)(r, &self.1, sink);
    }
    fn finish(self: Box<Self>, _: &PageEnd<'a, '_>, _: &mut Sink<'_>) {}
}

struct EndState<P>(fn(&PageEnd<'_, '_>, &P, &mut Sink<'_>), Arc<P>);

impl<'a, P: Send + Sync> PageState<'a> for EndState<P> {
    fn record(&mut self, _: &Record<'a>, _: &[Brief<'a>], _: &mut Sink<'_>) {}
    fn finish(self: Box<Self>, end: &PageEnd<'a, '_>, sink: &mut Sink<'_>) {
        (self.0)(end, &self.1, sink);
    }
}

struct Stateful<'a, P>(Box<dyn PageCheck<'a, P> + 'a>, Arc<P>);

impl<'a, P: Send + Sync> PageState<'a> for Stateful<'a, P> {
    fn record(&mut self, r: &Record<'a>, earlier: &[Brief<'a>], sink: &mut Sink<'_>) {
        self.0.record(r, earlier, &self.1, sink);
    }
    fn finish(self: Box<Self>, end: &PageEnd<'a, '_>, sink: &mut Sink<'_>) {
        let Stateful(state, params) = *self;
        state.finish(end, &params, sink);
    }
}

/// One page rule running: its state and the findings it made so far.
struct Unit<'s, 'a> {
    rule: &'s ConfiguredRule,
    state: Box<dyn PageState<'a> + 'a>,
    out: Vec<Diagnostic>,
    /// Findings past the first `keep`, counted and dropped.
    dropped: usize,
}

impl<'s, 'a> Unit<'s, 'a> {
    /// Feeds the unit `records`, `entries` holding the briefs of every record up to the last of them.
    fn records(&mut self, run: &Shared<'s>, records: &[Record<'a>], entries: &[Brief<'a>]) {
        let mut sink = run.sink(self.rule, &mut self.out);
        for r in records {
            let earlier = entries.get(..r.index).unwrap_or(entries);
            self.state.record(r, earlier, &mut sink);
        }
        self.dropped += sink.dropped;
    }

    fn finish(
        self,
        run: &Shared<'s>,
        end: &PageEnd<'a, '_>,
    ) -> (Vec<Diagnostic>, usize, &'s ConfiguredRule) {
        let Unit {
            rule,
            state,
            mut out,
            mut dropped,
        } = self;
        let mut sink = run.sink(rule, &mut out);
        state.finish(end, &mut sink);
        dropped += sink.dropped;
        (out, dropped, rule)
    }
}

/// What every unit of a run shares.
struct Shared<'s> {
    source: &'s SourceFile,
    ctx: &'s CheckContext,
    keep: usize,
}

impl<'s> Shared<'s> {
    fn sink<'o>(&'o self, rule: &ConfiguredRule, out: &'o mut Vec<Diagnostic>) -> Sink<'o> {
        let mut sink = Sink::new(self.source, rule, self.ctx, out);
        sink.keep = self.keep;
        sink
    }
}

/// The enabled page rules of a rule set, checking one page whose records are fed to it in page order,
/// a batch at a time ([`PageRun::records`]); [`PageRun::finish`] gives the findings in report order.
/// What it holds besides the findings is each rule's summary and a [`Brief`] per record.
///
/// ```
/// use pagerev::rules::{check_page, config::RuleSet, CheckContext, PageRun};
/// use pagerev::source::SourceFile;
///
/// let source = SourceFile::from_text("p.txt", "Visits 2021\n\nA\n\n3 May 2021 – A.\n\nB\n\n4 May 2021 – B.\n")?;
/// let (rules, ctx) = (RuleSet::load(&[])?, CheckContext::default());
/// let mut run = PageRun::new(&rules, &source, &ctx, usize::MAX);
/// let outline = pagerev::parse::parse_streamed(&source, &Default::default(), &mut |batch| run.records(&batch));
/// let (findings, _) = run.finish(outline.title, &outline.preamble);
/// let page = pagerev::parse::parse(&source, None);
/// assert_eq!(findings, check_page(&rules, &source, &page, &ctx));
/// assert_eq!(findings[0].name, "date-order");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct PageRun<'s, 'a> {
    shared: Shared<'s>,
    units: Vec<Unit<'s, 'a>>,
    /// Every record's brief so far.
    entries: Vec<Brief<'a>>,
    /// Whether `no-entries` is among the rules (a page without dated entries is then that one finding).
    no_entries: bool,
}

impl<'s, 'a> PageRun<'s, 'a> {
    /// Starts the enabled page rules of `rules` on the page of `source`; findings past the first `keep`
    /// in report order are counted, not kept (see [`super::check_page_keeping`]).
    pub fn new(
        rules: &'s RuleSet,
        source: &'s SourceFile,
        ctx: &'s CheckContext,
        keep: usize,
    ) -> PageRun<'s, 'a> {
        let head = PageHead::default();
        let units = rules
            .enabled()
            .filter_map(|rule| match &rule.params.check {
                Bound::Page(start) => Some(Unit {
                    rule,
                    state: start.start(&head),
                    out: Vec::new(),
                    dropped: 0,
                }),
                Bound::Drop(_) | Bound::Review(_) => None,
            })
            .collect();
        PageRun {
            shared: Shared { source, ctx, keep },
            units,
            // Room for a brief per dated entry, as the parser estimates them: grown by doubling, the
            // briefs of a long page would be held twice while they are moved.
            entries: Vec::with_capacity(source.lines_starting_with_digit()),
            no_entries: rules
                .enabled()
                .any(|r| r.info.is::<no_entries::NoEntries>()),
        }
    }

    /// How many of the records fed so far have a date.
    pub fn dated(&self) -> usize {
        self.entries.iter().filter(|e| e.date.is_some()).count()
    }

    /// Feeds the next records of the page, in page order, to every rule.
    pub fn records(&mut self, records: &[Record<'a>]) {
        use rayon::prelude::*;
        self.entries.extend(records.iter().map(Brief::of));
        let (shared, entries) = (&self.shared, &self.entries[..]);
        // Rules are independent of each other: on a big batch (a whole page checked at once) they run in
        // parallel on rayon's pool (one thread with `RAYON_NUM_THREADS=1`).
        if records.len() >= PARALLEL_RULES_FROM {
            self.units
                .par_iter_mut()
                .for_each(|u| u.records(shared, records, entries));
        } else {
            for u in &mut self.units {
                u.records(shared, records, entries);
            }
        }
    }

    /// Ends the page: the rules report what only the whole page shows, and the findings come out in
    /// report order, the first `keep` of them, with the others counted by rule and severity.
    pub fn finish(
        self,
        title: Option<PageTitle<'a>>,
        preamble: &[Text<'a>],
    ) -> (Vec<Diagnostic>, Omitted) {
        use rayon::prelude::*;
        let PageRun {
            shared,
            units,
            entries,
            no_entries,
        } = self;
        // A page without dated entries is one finding (no-entries), not one per entry from every rule.
        let only_no_entries = no_entries && !no_entries::any_dated(&entries);
        let units: Vec<Unit<'s, 'a>> = units
            .into_iter()
            .filter(|u| !only_no_entries || u.rule.info.is::<no_entries::NoEntries>())
            .collect();
        let end = PageEnd {
            title,
            preamble,
            entries: &entries,
        };
        let finish = |u: Unit<'s, 'a>| u.finish(&shared, &end);
        let per_rule: Vec<_> = if entries.len() >= PARALLEL_RULES_FROM {
            units.into_par_iter().map(finish).collect()
        } else {
            units.into_iter().map(finish).collect()
        };
        let mut omitted = Omitted::default();
        let mut lists = Vec::with_capacity(per_rule.len());
        for (list, dropped, rule) in per_rule {
            omitted.add(rule.info.code, rule.info.name, rule.severity, dropped);
            lists.push(list);
        }
        let mut out = concat(lists);
        crate::diagnostic::sort(&mut out);
        if out.len() > shared.keep {
            for d in &out[shared.keep..] {
                omitted.add_finding(d);
            }
            out.truncate(shared.keep);
        }
        (out, omitted)
    }
}

/// The findings of every rule in one list, grown from the longest rule's list: the findings of a page
/// with millions of them are not all copied into a new list at once, which would hold them twice. The
/// order of the lists does not matter: findings are sorted next, and two findings with the same sort key
/// come from the same rule (the key has the code), whose order `append` keeps.
fn concat(mut lists: Vec<Vec<Diagnostic>>) -> Vec<Diagnostic> {
    let longest = (0..lists.len()).max_by_key(|&i| lists[i].len());
    let Some(longest) = longest else {
        return Vec::new();
    };
    let mut out = lists.swap_remove(longest);
    out.reserve_exact(lists.iter().map(Vec::len).sum());
    for mut list in lists {
        out.append(&mut list);
    }
    out
}

/// Batches of at least this many records run their rules in parallel; on smaller ones the rules take
/// less time than handing them to threads.
const PARALLEL_RULES_FROM: usize = 5_000;
