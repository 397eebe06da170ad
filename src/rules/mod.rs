//! The rule registry: every rule *kind* pagerev implements, its stable code and name, its defaults, and the
//! one place that dispatches from a kind to its parameters and its check.
//!
//! Rule *instances* — whether a rule runs, at which severity, with which parameters — are configured in
//! YAML (`rules/default.yaml`, embedded in the binary, plus `--config`), see [`config`]. Each kind lives in
//! its own file with its documentation (the module doc, shown by `pagerev explain` and in `docs/rules.md`),
//! its parameters, its check and its unit tests.
//!
//! Adding a rule: add a file, a [`RuleKind`] variant, a row in [`RULES`] with a new code (codes are never
//! reused, even when a rule is removed), a [`RuleParams`] variant and the match arms below, a section in
//! `rules/default.yaml`, and fixtures under `tests/fixtures/rules/<name>/`. Rules that compare two revisions
//! (drop rules) run through [`check_drop`], and `review-pending` through [`check_review`], with the same
//! table, configuration and diagnostics as the page rules' [`check_page`].

pub mod config;

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

use crate::diagnostic::{Diagnostic, Location, Position, Related, Severity};
use crate::record::{Page, Record, Span};
use crate::source::SourceFile;
use crate::yaml::YamlError;
use chrono::NaiveDate;

/// Every rule kind pagerev implements.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RuleKind {
    DateOrder,
    MissingDate,
    ImpreciseDate,
    DuplicatedCaption,
    SharedCaption,
    CaptionRepeatsTitle,
    CaptionRepeatsLead,
    InconsistentMemberCount,
    MissingTitle,
    DateOutsideTitleRange,
    DuplicateRecord,
    InvalidDate,
    EmptyRecord,
    FutureDate,
    EntryRemoved,
    EntryRedated,
    EntryRetitled,
    MemberCountDecreased,
    EntriesDropped,
    RevisionOlder,
    NoEntries,
    ReviewPending,
}

/// A row of the codes table: what identifies a rule and how it behaves when nothing configures it.
#[derive(Debug)]
pub struct RuleInfo {
    pub kind: RuleKind,
    /// Stable code, `PR` and three digits; never reused.
    pub code: &'static str,
    /// Kebab-case name of the problem the rule finds.
    pub name: &'static str,
    pub default_severity: Severity,
    pub default_enabled: bool,
}

/// Builds a row of [`RULES`] (a `const fn`, so the table stays a static with no code run at startup).
const fn row(
    kind: RuleKind,
    code: &'static str,
    name: &'static str,
    default_severity: Severity,
    default_enabled: bool,
) -> RuleInfo {
    RuleInfo {
        kind,
        code,
        name,
        default_severity,
        default_enabled,
    }
}

/// The codes table, in code order. Codes are stable: a removed rule's code is retired, never reassigned.
pub static RULES: &[RuleInfo] = &[
    row(
        RuleKind::DateOrder,
        "PR001",
        "date-order",
        Severity::Error,
        true,
    ),
    row(
        RuleKind::MissingDate,
        "PR002",
        "missing-date",
        Severity::Error,
        true,
    ),
    row(
        RuleKind::ImpreciseDate,
        "PR003",
        "imprecise-date",
        Severity::Warning,
        true,
    ),
    row(
        RuleKind::DuplicatedCaption,
        "PR004",
        "duplicated-caption",
        Severity::Error,
        true,
    ),
    row(
        RuleKind::SharedCaption,
        "PR005",
        "shared-caption",
        Severity::Warning,
        true,
    ),
    row(
        RuleKind::CaptionRepeatsTitle,
        "PR006",
        "caption-repeats-title",
        Severity::Info,
        false,
    ),
    row(
        RuleKind::CaptionRepeatsLead,
        "PR007",
        "caption-repeats-lead",
        Severity::Info,
        false,
    ),
    row(
        RuleKind::InconsistentMemberCount,
        "PR008",
        "inconsistent-member-count",
        Severity::Error,
        true,
    ),
    row(
        RuleKind::MissingTitle,
        "PR009",
        "missing-title",
        Severity::Error,
        true,
    ),
    row(
        RuleKind::DateOutsideTitleRange,
        "PR010",
        "date-outside-title-range",
        Severity::Error,
        true,
    ),
    row(
        RuleKind::DuplicateRecord,
        "PR011",
        "duplicate-record",
        Severity::Error,
        true,
    ),
    row(
        RuleKind::InvalidDate,
        "PR012",
        "invalid-date",
        Severity::Error,
        true,
    ),
    row(
        RuleKind::EmptyRecord,
        "PR013",
        "empty-record",
        Severity::Warning,
        true,
    ),
    row(
        RuleKind::FutureDate,
        "PR014",
        "future-date",
        Severity::Warning,
        true,
    ),
    row(
        RuleKind::EntryRemoved,
        "PR015",
        "entry-removed",
        Severity::Error,
        true,
    ),
    row(
        RuleKind::EntryRedated,
        "PR016",
        "entry-redated",
        Severity::Warning,
        true,
    ),
    row(
        RuleKind::EntryRetitled,
        "PR017",
        "entry-retitled",
        Severity::Warning,
        true,
    ),
    row(
        RuleKind::MemberCountDecreased,
        "PR018",
        "member-count-decreased",
        Severity::Error,
        true,
    ),
    row(
        RuleKind::EntriesDropped,
        "PR019",
        "entries-dropped",
        Severity::Error,
        true,
    ),
    row(
        RuleKind::RevisionOlder,
        "PR020",
        "revision-older",
        Severity::Error,
        true,
    ),
    row(
        RuleKind::NoEntries,
        "PR021",
        "no-entries",
        Severity::Error,
        true,
    ),
    row(
        RuleKind::ReviewPending,
        "PR022",
        "review-pending",
        Severity::Error,
        true,
    ),
];

/// Where the rule documentation is published: `docs/rules.md` on the main branch of the repository.
pub const DOCS_URL: &str = concat!(env!("CARGO_PKG_REPOSITORY"), "/blob/main/docs/rules.md");

impl RuleInfo {
    /// The anchor of the rule's section in `docs/rules.md`, e.g. `pr004-duplicated-caption` (the heading
    /// `## PR004 duplicated-caption` as GitHub slugs it).
    pub fn docs_anchor(&self) -> String {
        format!("{}-{}", self.code.to_lowercase(), self.name)
    }

    /// A stable link to the rule's documentation.
    pub fn docs_url(&self) -> String {
        format!("{DOCS_URL}#{}", self.docs_anchor())
    }
}

/// Finds a rule by code (`PR004`, any case) or name (`duplicated-caption`).
pub fn lookup(code_or_name: &str) -> Option<&'static RuleInfo> {
    let s = code_or_name.trim();
    RULES
        .iter()
        .find(|r| r.code.eq_ignore_ascii_case(s) || r.name == s)
}

impl RuleKind {
    /// This kind's row of the codes table.
    pub fn info(self) -> &'static RuleInfo {
        // The table is checked by a unit test to hold every kind exactly once.
        RULES.iter().find(|r| r.kind == self).unwrap_or(&RULES[0])
    }

    /// True for drop rules: rules that compare a revision with the one before it (run by `pagerev check`,
    /// not by `pagerev validate`).
    pub fn is_drop(self) -> bool {
        matches!(
            self,
            RuleKind::EntryRemoved
                | RuleKind::EntryRedated
                | RuleKind::EntryRetitled
                | RuleKind::MemberCountDecreased
                | RuleKind::EntriesDropped
                | RuleKind::RevisionOlder
        )
    }

    /// True for rules only `pagerev check` runs: drop rules, and `review-pending` (which compares the
    /// newest records with the page's reviewed snapshot).
    pub fn is_check_only(self) -> bool {
        self.is_drop() || self == RuleKind::ReviewPending
    }

    /// True for rules about single entries of a revision against the one before: they say nothing when
    /// the new revision has no dated entries (`no-entries` and `entries-dropped` say it once).
    fn is_per_entry_drop(self) -> bool {
        matches!(
            self,
            RuleKind::EntryRemoved
                | RuleKind::EntryRedated
                | RuleKind::EntryRetitled
                | RuleKind::MemberCountDecreased
                | RuleKind::RevisionOlder
        )
    }

    /// The source of the rule's file: its `//!` module doc is the rule's documentation.
    fn source(self) -> &'static str {
        match self {
            RuleKind::DateOrder => include_str!("date_order.rs"),
            RuleKind::MissingDate => include_str!("missing_date.rs"),
            RuleKind::ImpreciseDate => include_str!("imprecise_date.rs"),
            RuleKind::DuplicatedCaption => include_str!("duplicated_caption.rs"),
            RuleKind::SharedCaption => include_str!("shared_caption.rs"),
            RuleKind::CaptionRepeatsTitle => include_str!("caption_repeats_title.rs"),
            RuleKind::CaptionRepeatsLead => include_str!("caption_repeats_lead.rs"),
            RuleKind::InconsistentMemberCount => include_str!("inconsistent_member_count.rs"),
            RuleKind::MissingTitle => include_str!("missing_title.rs"),
            RuleKind::DateOutsideTitleRange => include_str!("date_outside_title_range.rs"),
            RuleKind::DuplicateRecord => include_str!("duplicate_record.rs"),
            RuleKind::InvalidDate => include_str!("invalid_date.rs"),
            RuleKind::EmptyRecord => include_str!("empty_record.rs"),
            RuleKind::FutureDate => include_str!("future_date.rs"),
            RuleKind::EntryRemoved => include_str!("entry_removed.rs"),
            RuleKind::EntryRedated => include_str!("entry_redated.rs"),
            RuleKind::EntryRetitled => include_str!("entry_retitled.rs"),
            RuleKind::MemberCountDecreased => include_str!("member_count_decreased.rs"),
            RuleKind::EntriesDropped => include_str!("entries_dropped.rs"),
            RuleKind::RevisionOlder => include_str!("revision_older.rs"),
            RuleKind::NoEntries => include_str!("no_entries.rs"),
            RuleKind::ReviewPending => include_str!("review_pending.rs"),
        }
    }

    /// The rule's documentation (Markdown): its module doc comment.
    pub fn doc(self) -> String {
        let mut out = String::new();
        for line in self.source().lines() {
            let Some(rest) = line.strip_prefix("//!") else {
                break;
            };
            out.push_str(rest.strip_prefix(' ').unwrap_or(rest));
            out.push('\n');
        }
        out
    }

    /// The one-line summary: the first line of the documentation.
    pub fn summary(self) -> String {
        self.doc().lines().next().unwrap_or_default().to_string()
    }

    /// The parameters a rule has when no configuration gives any.
    pub fn default_params(self) -> RuleParams {
        match self {
            RuleKind::DateOrder => RuleParams::DateOrder(Default::default()),
            RuleKind::MissingDate => RuleParams::MissingDate(Default::default()),
            RuleKind::ImpreciseDate => RuleParams::ImpreciseDate(Default::default()),
            RuleKind::DuplicatedCaption => RuleParams::DuplicatedCaption(Default::default()),
            RuleKind::SharedCaption => RuleParams::SharedCaption(Default::default()),
            RuleKind::CaptionRepeatsTitle => RuleParams::CaptionRepeatsTitle(Default::default()),
            RuleKind::CaptionRepeatsLead => RuleParams::CaptionRepeatsLead(Default::default()),
            RuleKind::InconsistentMemberCount => {
                RuleParams::InconsistentMemberCount(Default::default())
            }
            RuleKind::MissingTitle => RuleParams::MissingTitle(Default::default()),
            RuleKind::DateOutsideTitleRange => {
                RuleParams::DateOutsideTitleRange(Default::default())
            }
            RuleKind::DuplicateRecord => RuleParams::DuplicateRecord(Default::default()),
            RuleKind::InvalidDate => RuleParams::InvalidDate(Default::default()),
            RuleKind::EmptyRecord => RuleParams::EmptyRecord(Default::default()),
            RuleKind::FutureDate => RuleParams::FutureDate(Default::default()),
            RuleKind::EntryRemoved => RuleParams::EntryRemoved(Default::default()),
            RuleKind::EntryRedated => RuleParams::EntryRedated(Default::default()),
            RuleKind::EntryRetitled => RuleParams::EntryRetitled(Default::default()),
            RuleKind::MemberCountDecreased => RuleParams::MemberCountDecreased(Default::default()),
            RuleKind::EntriesDropped => RuleParams::EntriesDropped(Default::default()),
            RuleKind::RevisionOlder => RuleParams::RevisionOlder(Default::default()),
            RuleKind::NoEntries => RuleParams::NoEntries(Default::default()),
            RuleKind::ReviewPending => RuleParams::ReviewPending(Default::default()),
        }
    }

    /// The names of this kind's parameters, as its `Params` struct declares them to serde.
    pub fn param_fields(self) -> &'static [&'static str] {
        use fields_of as f;
        match self {
            RuleKind::DateOrder => f::<date_order::Params>(),
            RuleKind::MissingDate => f::<missing_date::Params>(),
            RuleKind::ImpreciseDate => f::<imprecise_date::Params>(),
            RuleKind::DuplicatedCaption => f::<duplicated_caption::Params>(),
            RuleKind::SharedCaption => f::<shared_caption::Params>(),
            RuleKind::CaptionRepeatsTitle => f::<caption_repeats_title::Params>(),
            RuleKind::CaptionRepeatsLead => f::<caption_repeats_lead::Params>(),
            RuleKind::InconsistentMemberCount => f::<inconsistent_member_count::Params>(),
            RuleKind::MissingTitle => f::<missing_title::Params>(),
            RuleKind::DateOutsideTitleRange => f::<date_outside_title_range::Params>(),
            RuleKind::DuplicateRecord => f::<duplicate_record::Params>(),
            RuleKind::InvalidDate => f::<invalid_date::Params>(),
            RuleKind::EmptyRecord => f::<empty_record::Params>(),
            RuleKind::FutureDate => f::<future_date::Params>(),
            RuleKind::EntryRemoved => f::<entry_removed::Params>(),
            RuleKind::EntryRedated => f::<entry_redated::Params>(),
            RuleKind::EntryRetitled => f::<entry_retitled::Params>(),
            RuleKind::MemberCountDecreased => f::<member_count_decreased::Params>(),
            RuleKind::EntriesDropped => f::<entries_dropped::Params>(),
            RuleKind::RevisionOlder => f::<revision_older::Params>(),
            RuleKind::NoEntries => f::<no_entries::Params>(),
            RuleKind::ReviewPending => f::<review_pending::Params>(),
        }
    }

    /// Deserializes this kind's parameters from `src`: a parsed node, or a node of a YAML text, whose
    /// errors carry the position of the offending node.
    pub fn parse_params(self, src: &impl crate::yaml::Source) -> Result<RuleParams, YamlError> {
        Ok(match self {
            RuleKind::DateOrder => RuleParams::DateOrder(src.get()?),
            RuleKind::MissingDate => RuleParams::MissingDate(src.get()?),
            RuleKind::ImpreciseDate => RuleParams::ImpreciseDate(src.get()?),
            RuleKind::DuplicatedCaption => RuleParams::DuplicatedCaption(src.get()?),
            RuleKind::SharedCaption => RuleParams::SharedCaption(src.get()?),
            RuleKind::CaptionRepeatsTitle => RuleParams::CaptionRepeatsTitle(src.get()?),
            RuleKind::CaptionRepeatsLead => RuleParams::CaptionRepeatsLead(src.get()?),
            RuleKind::InconsistentMemberCount => RuleParams::InconsistentMemberCount(src.get()?),
            RuleKind::MissingTitle => RuleParams::MissingTitle(src.get()?),
            RuleKind::DateOutsideTitleRange => RuleParams::DateOutsideTitleRange(src.get()?),
            RuleKind::DuplicateRecord => RuleParams::DuplicateRecord(src.get()?),
            RuleKind::InvalidDate => RuleParams::InvalidDate(src.get()?),
            RuleKind::EmptyRecord => RuleParams::EmptyRecord(src.get()?),
            RuleKind::FutureDate => RuleParams::FutureDate(src.get()?),
            RuleKind::EntryRemoved => RuleParams::EntryRemoved(src.get()?),
            RuleKind::EntryRedated => RuleParams::EntryRedated(src.get()?),
            RuleKind::EntryRetitled => RuleParams::EntryRetitled(src.get()?),
            RuleKind::MemberCountDecreased => RuleParams::MemberCountDecreased(src.get()?),
            RuleKind::EntriesDropped => RuleParams::EntriesDropped(src.get()?),
            RuleKind::RevisionOlder => RuleParams::RevisionOlder(src.get()?),
            RuleKind::NoEntries => RuleParams::NoEntries(src.get()?),
            RuleKind::ReviewPending => RuleParams::ReviewPending(src.get()?),
        })
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

/// A rule's parameters, one variant per kind (each kind's `Params` denies unknown fields).
#[derive(Debug, Clone)]
pub enum RuleParams {
    DateOrder(date_order::Params),
    MissingDate(missing_date::Params),
    ImpreciseDate(imprecise_date::Params),
    DuplicatedCaption(duplicated_caption::Params),
    SharedCaption(shared_caption::Params),
    CaptionRepeatsTitle(caption_repeats_title::Params),
    CaptionRepeatsLead(caption_repeats_lead::Params),
    InconsistentMemberCount(inconsistent_member_count::Params),
    MissingTitle(missing_title::Params),
    DateOutsideTitleRange(date_outside_title_range::Params),
    DuplicateRecord(duplicate_record::Params),
    InvalidDate(invalid_date::Params),
    EmptyRecord(empty_record::Params),
    FutureDate(future_date::Params),
    EntryRemoved(entry_removed::Params),
    EntryRedated(entry_redated::Params),
    EntryRetitled(entry_retitled::Params),
    MemberCountDecreased(member_count_decreased::Params),
    EntriesDropped(entries_dropped::Params),
    RevisionOlder(revision_older::Params),
    NoEntries(no_entries::Params),
    ReviewPending(review_pending::Params),
}

impl RuleParams {
    /// The kind these parameters belong to.
    pub fn kind(&self) -> RuleKind {
        match self {
            RuleParams::DateOrder(_) => RuleKind::DateOrder,
            RuleParams::MissingDate(_) => RuleKind::MissingDate,
            RuleParams::ImpreciseDate(_) => RuleKind::ImpreciseDate,
            RuleParams::DuplicatedCaption(_) => RuleKind::DuplicatedCaption,
            RuleParams::SharedCaption(_) => RuleKind::SharedCaption,
            RuleParams::CaptionRepeatsTitle(_) => RuleKind::CaptionRepeatsTitle,
            RuleParams::CaptionRepeatsLead(_) => RuleKind::CaptionRepeatsLead,
            RuleParams::InconsistentMemberCount(_) => RuleKind::InconsistentMemberCount,
            RuleParams::MissingTitle(_) => RuleKind::MissingTitle,
            RuleParams::DateOutsideTitleRange(_) => RuleKind::DateOutsideTitleRange,
            RuleParams::DuplicateRecord(_) => RuleKind::DuplicateRecord,
            RuleParams::InvalidDate(_) => RuleKind::InvalidDate,
            RuleParams::EmptyRecord(_) => RuleKind::EmptyRecord,
            RuleParams::FutureDate(_) => RuleKind::FutureDate,
            RuleParams::EntryRemoved(_) => RuleKind::EntryRemoved,
            RuleParams::EntryRedated(_) => RuleKind::EntryRedated,
            RuleParams::EntryRetitled(_) => RuleKind::EntryRetitled,
            RuleParams::MemberCountDecreased(_) => RuleKind::MemberCountDecreased,
            RuleParams::EntriesDropped(_) => RuleKind::EntriesDropped,
            RuleParams::RevisionOlder(_) => RuleKind::RevisionOlder,
            RuleParams::NoEntries(_) => RuleKind::NoEntries,
            RuleParams::ReviewPending(_) => RuleKind::ReviewPending,
        }
    }

    /// Runs the check these parameters configure.
    fn check(&self, page: &Page<'_>, sink: &mut Sink<'_>) {
        match self {
            RuleParams::DateOrder(p) => date_order::check(page, p, sink),
            RuleParams::MissingDate(p) => missing_date::check(page, p, sink),
            RuleParams::ImpreciseDate(p) => imprecise_date::check(page, p, sink),
            RuleParams::DuplicatedCaption(p) => duplicated_caption::check(page, p, sink),
            RuleParams::SharedCaption(p) => shared_caption::check(page, p, sink),
            RuleParams::CaptionRepeatsTitle(p) => caption_repeats_title::check(page, p, sink),
            RuleParams::CaptionRepeatsLead(p) => caption_repeats_lead::check(page, p, sink),
            RuleParams::InconsistentMemberCount(p) => {
                inconsistent_member_count::check(page, p, sink)
            }
            RuleParams::MissingTitle(p) => missing_title::check(page, p, sink),
            RuleParams::DateOutsideTitleRange(p) => date_outside_title_range::check(page, p, sink),
            RuleParams::DuplicateRecord(p) => duplicate_record::check(page, p, sink),
            RuleParams::InvalidDate(p) => invalid_date::check(page, p, sink),
            RuleParams::EmptyRecord(p) => empty_record::check(page, p, sink),
            RuleParams::FutureDate(p) => future_date::check(page, p, sink),
            RuleParams::NoEntries(p) => no_entries::check(page, p, sink),
            // Drop rules need two revisions (see `check_drop`), review-pending the reviewed state.
            RuleParams::ReviewPending(_)
            | RuleParams::EntryRemoved(_)
            | RuleParams::EntryRedated(_)
            | RuleParams::EntryRetitled(_)
            | RuleParams::MemberCountDecreased(_)
            | RuleParams::EntriesDropped(_)
            | RuleParams::RevisionOlder(_) => {}
        }
    }

    /// Runs the drop rule these parameters configure (page rules do nothing here).
    fn check_drop(&self, input: &DropInput<'_, '_>, sink: &mut Sink<'_>) {
        match self {
            RuleParams::EntryRemoved(p) => entry_removed::check(input, p, sink),
            RuleParams::EntryRedated(p) => entry_redated::check(input, p, sink),
            RuleParams::EntryRetitled(p) => entry_retitled::check(input, p, sink),
            RuleParams::MemberCountDecreased(p) => member_count_decreased::check(input, p, sink),
            RuleParams::EntriesDropped(p) => entries_dropped::check(input, p, sink),
            RuleParams::RevisionOlder(p) => revision_older::check(input, p, sink),
            _ => {}
        }
    }
}

/// The first occurrence of each text, found by a hash of it and confirmed by an equality test. Most
/// hashes belong to one text, so each holds its first occurrence inline; texts sharing a hash with an
/// earlier, different text (collisions) go to a side table. Pages of millions of records make one entry
/// per record: an allocation per entry showed in profiles.
pub(crate) struct FirstSeen<K, V> {
    first: rustc_hash::FxHashMap<K, V>,
    more: rustc_hash::FxHashMap<K, Vec<V>>,
}

impl<K: std::hash::Hash + Eq + Copy, V: Copy> FirstSeen<K, V> {
    pub fn with_capacity(n: usize) -> Self {
        FirstSeen {
            first: rustc_hash::FxHashMap::with_capacity_and_hasher(n, Default::default()),
            more: Default::default(),
        }
    }

    /// The earliest value recorded under `key` that `same` accepts; when there is none, `value` is
    /// recorded under `key` and `None` returned.
    pub fn earlier_or_insert(
        &mut self,
        key: K,
        value: V,
        mut same: impl FnMut(V) -> bool,
    ) -> Option<V> {
        use std::collections::hash_map::Entry;
        match self.first.entry(key) {
            Entry::Vacant(e) => {
                e.insert(value);
                None
            }
            Entry::Occupied(e) => {
                let first = *e.get();
                if same(first) {
                    return Some(first);
                }
                let more = self.more.entry(key).or_default();
                if let Some(&v) = more.iter().find(|&&v| same(v)) {
                    return Some(v);
                }
                more.push(value);
                None
            }
        }
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
        && rules.enabled().any(|r| r.info.kind == RuleKind::NoEntries)
}

/// Runs every enabled rule of `rules` on one page and returns the findings in report order.
pub fn check_page(
    rules: &config::RuleSet,
    source: &SourceFile,
    page: &Page<'_>,
    ctx: &CheckContext,
) -> Vec<Diagnostic> {
    // Rules are independent of each other: on a big page they run in parallel on rayon's pool (one
    // thread with `RAYON_NUM_THREADS=1`). The findings are sorted, so the report does not depend on
    // which rule finished first.
    use rayon::prelude::*;
    // A page without dated entries is one finding (no-entries), not one per entry from every rule.
    let only_no_entries = reports_no_entries(rules, page);
    let page_rules: Vec<&config::ConfiguredRule> = rules
        .enabled()
        .filter(|r| !r.info.kind.is_check_only())
        .filter(|r| !only_no_entries || r.info.kind == RuleKind::NoEntries)
        .collect();
    let run = |rule: &config::ConfiguredRule| {
        let mut out = Vec::new();
        let mut sink = Sink {
            source,
            info: rule.info,
            severity: rule.severity,
            ctx,
            out: &mut out,
        };
        rule.params.check(page, &mut sink);
        out
    };
    let mut out: Vec<Diagnostic> = if page.records.len() >= PARALLEL_RULES_FROM {
        page_rules.into_par_iter().flat_map_iter(run).collect()
    } else {
        page_rules.into_iter().flat_map(run).collect()
    };
    crate::diagnostic::sort(&mut out);
    out
}

/// Pages with at least this many records run their rules in parallel; on smaller ones the rules take
/// less time than handing them to threads.
const PARALLEL_RULES_FROM: usize = 5_000;

/// What a drop rule sees: the previous revision, the new one, and the record diff between them
/// (computed with unchanged records included, so every record of either side can be placed).
pub struct DropInput<'x, 'a> {
    pub old_source: &'x SourceFile,
    pub old: &'x Page<'a>,
    pub new: &'x Page<'a>,
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
    for rule in rules
        .enabled()
        .filter(|r| r.info.kind.is_drop())
        .filter(|r| !one_event || !r.info.kind.is_per_entry_drop())
    {
        let mut sink = Sink {
            source: new_source,
            info: rule.info,
            severity: rule.severity,
            ctx,
            out: &mut out,
        };
        rule.params.check_drop(input, &mut sink);
    }
    crate::diagnostic::sort(&mut out);
    out
}

pub use review_pending::ReviewInput;

/// Runs `review-pending`, if enabled: the finding that the newest records (`new_source`) differ from the
/// page's reviewed snapshot.
pub fn check_review(
    rules: &config::RuleSet,
    new_source: &SourceFile,
    input: &ReviewInput<'_, '_>,
    ctx: &CheckContext,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for rule in rules.enabled() {
        if let RuleParams::ReviewPending(p) = &rule.params {
            let mut sink = Sink {
                source: new_source,
                info: rule.info,
                severity: rule.severity,
                ctx,
                out: &mut out,
            };
            review_pending::check(input, p, &mut sink);
        }
    }
    out
}

/// Where a rule's check puts its findings: fills in the rule's code, name and configured severity, and
/// turns byte spans into line/column locations.
pub struct Sink<'s> {
    source: &'s SourceFile,
    info: &'static RuleInfo,
    severity: Severity,
    ctx: &'s CheckContext,
    out: &'s mut Vec<Diagnostic>,
}

impl<'s> Sink<'s> {
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
    pub fn related(&self, record: Option<&Record<'_>>, span: Span, message: String) -> Related {
        Related {
            message,
            record_id: record.map(|r| r.id.to_string()),
            file: self.source.name().to_string(),
            location: self.location(span),
        }
    }

    /// A related location in another file (the previous revision, for drop rules).
    pub fn related_at(
        &self,
        source: &SourceFile,
        record: Option<&Record<'_>>,
        span: Span,
        message: String,
    ) -> Related {
        let pos = |byte: u32| {
            let (line, column) = source.position(byte as usize);
            Position { line, column, byte }
        };
        Related {
            message,
            record_id: record.map(|r| r.id.to_string()),
            file: source.name().to_string(),
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
        record: Option<&Record<'_>>,
        span: Span,
        message: String,
    ) -> &mut Diagnostic {
        let location = self.location(span);
        self.out.push(Diagnostic {
            code: self.info.code,
            name: self.info.name,
            severity: self.severity,
            message,
            record_id: record.map(|r| r.id.to_string()),
            record_index: record.map(|r| r.index),
            file: self.source.name().to_string(),
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
pub(crate) fn date_label(r: &Record<'_>) -> String {
    match (r.lead.and_then(|l| l.date_text), r.date) {
        (Some(t), _) => t.raw.to_string(),
        (None, Some(d)) => d.to_string(),
        (None, None) => "undated".to_string(),
    }
}

/// How messages name a record: its title in quotes, or `the untitled entry`, with its date.
pub(crate) fn describe(r: &Record<'_>) -> String {
    match r.title {
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

    /// Runs the rule whose parameters are `params` on `text` and returns `(line, message)` per finding.
    pub fn run(text: &str, params: RuleParams) -> Vec<(u32, String)> {
        run_with(text, params, CheckContext::default())
    }

    /// Runs the drop rule whose parameters are `params` on a revision `new` and its predecessor `old`;
    /// returns `(line in new, message)` per finding.
    pub fn run_drop(old: &str, new: &str, params: RuleParams) -> Vec<(u32, String)> {
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
        rules.only(params);
        let input = DropInput::new(&old_src, &old_page, &new_page, &diff);
        check_drop(&rules, &new_src, &input, &CheckContext::default())
            .into_iter()
            .map(|d| (d.location.start.line, d.message))
            .collect()
    }

    /// As [`run`], with a context (today's date).
    pub fn run_with(text: &str, params: RuleParams, ctx: CheckContext) -> Vec<(u32, String)> {
        let source = SourceFile::from_text("t.txt", text).expect("test page is text");
        let page = crate::parse::parse(&source, None);
        let mut rules = config::RuleSet::defaults();
        rules.only(params);
        check_page(&rules, &source, &page, &ctx)
            .into_iter()
            .map(|d| (d.location.start.line, d.message))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn first_seen_keeps_texts_sharing_a_hash_apart() {
        // Every text under one key: the side table must tell them apart, in order of appearance.
        let texts = ["a", "b", "a", "c", "b", "c"];
        let mut seen = super::FirstSeen::with_capacity(4);
        let got: Vec<Option<usize>> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| seen.earlier_or_insert(0u64, i, |j| texts[j] == *t))
            .collect();
        assert_eq!(got, [None, None, Some(0), None, Some(1), Some(3)]);
    }

    use super::*;

    #[test]
    fn the_codes_table_holds_every_kind_once_with_unique_codes_and_names() {
        let mut codes = std::collections::HashSet::new();
        let mut names = std::collections::HashSet::new();
        for (i, r) in RULES.iter().enumerate() {
            assert!(codes.insert(r.code), "code {} used twice", r.code);
            assert!(names.insert(r.name), "name {} used twice", r.name);
            assert_eq!(r.code, format!("PR{:03}", i + 1), "codes stay in order");
            assert_eq!(r.kind.info().code, r.code);
            assert_eq!(r.kind.default_params().kind(), r.kind);
        }
    }

    #[test]
    fn every_rule_is_documented() {
        for r in RULES {
            let doc = r.kind.doc();
            for section in [
                "## What it does",
                "## Why is this bad?",
                "## Example",
                "## How to fix",
            ] {
                assert!(doc.contains(section), "{} lacks `{section}`", r.name);
            }
            assert!(!r.kind.summary().is_empty());
        }
    }

    #[test]
    fn lookup_accepts_codes_and_names() {
        assert_eq!(lookup("pr004").map(|r| r.name), Some("duplicated-caption"));
        assert_eq!(lookup("date-order").map(|r| r.code), Some("PR001"));
        assert!(lookup("PR999").is_none());
    }
}

/// `docs/rules.md`: the codes table and every rule's documentation, generated from the rule files (a test
/// fails when the checked-in file is stale).
pub fn docs_markdown() -> String {
    let mut out = String::from(
        "<!-- Generated from the rule files in src/rules/ by `UPDATE_DOCS=1 cargo test --test docs`; do not edit. -->\n\n# pagerev rules\n\n\
         Configure them in `rules/*.yaml` (see `rules/default.yaml`) or on the command line with `--select`,\n\
         `--ignore` and `--severity CODE=LEVEL`. Codes are stable and never reused.\n\n\
         | Code | Name | Default | Summary |\n|---|---|---|---|\n",
    );
    for r in RULES {
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
            r.kind.summary().replace('|', "\\|")
        ));
    }
    for r in RULES {
        out.push_str(&format!("\n## {} {}\n\n", r.code, r.name));
        let doc = r.kind.doc();
        for line in doc.lines() {
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
