//! A "N member countries" count that disagrees with the membership timeline or with other entries.
//!
//! ## What it does
//! Checks every member-count mention (`194 member countries`, `ses 195 pays membres`,
//! `sus 195 países miembros`) in three ways, each mention reported at most once:
//!
//! 1. **Timeline**: the count must be the one the configured `timeline` gives for the entry's date (for a
//!    range or a month-only date, any day it covers).
//! 2. **Same day**: mentions in entries of the same day must agree; the odd ones out are reported.
//! 3. **Never decreasing**: taking the entries by date, counts must not go down; the fewest mentions that
//!    break that are reported, each naming a mention it contradicts.
//!
//! Checks 2 and 3 need no timeline, so they also work for organisations nobody configured, and they skip
//! mentions already reported by check 1.
//!
//! ## Why is this bad?
//! Copied boilerplate ("support to its 194 member countries") goes stale when membership changes; a wrong
//! count tells readers a false fact and is the kind of detail corpus users quote.
//!
//! ## Example
//! With INTERPOL's timeline (192 until the November 2018 General Assembly, 194 until the November 2021
//! one, 195 after), as the official-visits page's `page.yaml` sets it:
//! ```text
//! 10 December 2021 – … the Organization’s 194 member countries.
//! ```
//!
//! ## How to fix
//! Correct the count to the membership on the entry's date. If the timeline is wrong or incomplete,
//! correct `timeline` in the page's `page.yaml` (an organisation's membership belongs to its pages), or
//! in `pagerev.yaml` when every page of the project is about the same organisation.
//!
//! ## Options
//! - `timeline`: a list of `{since: YYYY-MM-DD, count: N}` in date order; the first entry may omit `since`
//!   (it holds from the beginning). Empty: only checks 2 and 3 run.
//! - `same-day` (default `true`) and `decreasing` (default `true`) turn checks 2 and 3 on or off.

use super::{date_label, describe, Brief, Check, PageCheck, PageEnd, PageHead, Rule, Sink};
use crate::diagnostic::Severity;
use crate::record::{Date, MemberCount, Precision, Record};
use chrono::NaiveDate;
use serde::Deserialize;
use std::collections::HashMap;

/// One stage of the membership timeline: `count` members from `since` (inclusive) until the next stage.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    #[serde(default)]
    pub since: Option<NaiveDate>,
    pub count: u32,
}

/// The membership timeline, checked when loaded: stages in date order, only the first without `since`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Timeline(pub Vec<Stage>);

impl<'de> Deserialize<'de> for Timeline {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Timeline;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a list of `{since: YYYY-MM-DD, count: N}` stages")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Timeline, A::Error> {
                use serde::de::Error;
                let mut stages: Vec<Stage> = Vec::new();
                while let Some(s) = seq.next_element::<Stage>()? {
                    // Raised here, inside the list, so the error points at the list.
                    match (stages.last().and_then(|p| p.since), s.since) {
                        (_, None) if !stages.is_empty() => {
                            return Err(A::Error::custom(format!(
                            "stage {} of the timeline has no `since`; only the first may omit it",
                            stages.len() + 1
                        )))
                        }
                        (Some(prev), Some(since)) if since <= prev => {
                            return Err(A::Error::custom(format!(
                                "timeline stages must be in date order: {since} follows {prev}"
                            )))
                        }
                        _ => {}
                    }
                    stages.push(s);
                }
                Ok(Timeline(stages))
            }
        }
        d.deserialize_seq(V)
    }
}

impl Timeline {
    /// The stages covering any day of `[from, to]`, with the day each starts.
    fn stages_during(&self, from: NaiveDate, to: NaiveDate) -> Vec<&Stage> {
        let s = &self.0;
        s.iter()
            .enumerate()
            .filter(|(i, st)| {
                let starts_before_end = st.since.is_none_or(|d| d <= to);
                let ends_after_start = s.get(i + 1).and_then(|n| n.since).is_none_or(|d| d > from);
                starts_before_end && ends_after_start
            })
            .map(|(_, st)| st)
            .collect()
    }
}

/// Parameters of `inconsistent-member-count`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Params {
    #[serde(default)]
    pub timeline: Timeline,
    #[serde(default = "yes")]
    pub same_day: bool,
    #[serde(default = "yes")]
    pub decreasing: bool,
}

fn yes() -> bool {
    true
}

impl Default for Params {
    fn default() -> Self {
        Params {
            timeline: Timeline::default(),
            same_day: true,
            decreasing: true,
        }
    }
}

/// A mention with the record it is in.
struct Mention<'r, 'a> {
    record: &'r Brief<'a>,
    count: &'r MemberCount<'a>,
    date: Date,
}

/// `inconsistent-member-count`: the rule this file documents and checks.
pub struct InconsistentMemberCount;

impl Rule for InconsistentMemberCount {
    const CODE: &'static str = "PR008";
    const NAME: &'static str = "inconsistent-member-count";
    const DEFAULT_SEVERITY: Severity = Severity::Error;
    const DEFAULT_ENABLED: bool = true;
    const SOURCE: &'static str = include_str!("inconsistent_member_count.rs");
    type Params = Params;
    const CHECK: Check<Params> = Check::Page(start);
}

/// Starts the check of a page.
fn start<'a>(_: &Params, _: &PageHead<'a>) -> Box<dyn PageCheck<'a, Params> + 'a> {
    Box::<Counts<'a>>::default()
}

/// The member counts of the page's dated entries, in page order, with their record and date: all this
/// rule needs of a record, compared at the page's end.
#[derive(Default)]
struct Counts<'a>(Vec<(usize, MemberCount<'a>, Date)>);

impl<'a> PageCheck<'a, Params> for Counts<'a> {
    fn record(&mut self, r: &Record<'a>, _: &[Brief<'a>], _: &Params, _: &mut Sink<'_>) {
        if let Some(date) = r.date {
            self.0
                .extend(r.member_counts.iter().map(|&count| (r.index, count, date)));
        }
    }

    fn finish(self: Box<Self>, end: &PageEnd<'a, '_>, params: &Params, sink: &mut Sink<'_>) {
        let mentions: Vec<Mention<'_, '_>> = self
            .0
            .iter()
            .filter_map(|(index, count, date)| {
                Some(Mention {
                    record: end.entries.get(*index)?,
                    count,
                    date: *date,
                })
            })
            .collect();
        check(&mentions, params, sink);
    }
}

/// Checks member counts against the timeline, then against each other.
fn check(mentions: &[Mention<'_, '_>], params: &Params, sink: &mut Sink<'_>) {
    let mut reported = vec![false; mentions.len()];

    // 1. The timeline.
    if !params.timeline.0.is_empty() {
        for (i, m) in mentions.iter().enumerate() {
            let stages = params
                .timeline
                .stages_during(m.date.start, m.date.last_day());
            if stages.is_empty() || stages.iter().any(|s| s.count == m.count.count) {
                continue;
            }
            reported[i] = true;
            let expected = stages
                .iter()
                .map(|s| s.count.to_string())
                .collect::<Vec<_>>()
                .join(" or ");
            let since = stages
                .first()
                .and_then(|s| s.since)
                .map(|d| format!(" (since {d})"))
                .unwrap_or_default();
            let d = sink.report(
                Some(m.record),
                m.count.phrase.span(),
                format!(
                    "`{}` on {}, but the membership timeline gives {expected} on that date{since}",
                    m.count.phrase.raw,
                    date_label(m.record)
                ),
            );
            d.help = Some(format!(
                "write {expected} member countries, or correct the timeline in the rule configuration"
            ).into());
        }
    }

    // Checks 2 and 3 compare single days only: a month-only date cannot be placed within its month.
    let on_a_day = |m: &Mention<'_, '_>| m.date.precision == Precision::Day;

    // 2. Entries of the same day.
    if params.same_day {
        let mut by_day: HashMap<NaiveDate, Vec<usize>> = HashMap::new();
        for (i, m) in mentions.iter().enumerate() {
            if !reported[i] && on_a_day(m) && m.date.end.is_none() {
                by_day.entry(m.date.start).or_default().push(i);
            }
        }
        let mut days: Vec<(&NaiveDate, &Vec<usize>)> = by_day
            .iter()
            .filter(|(_, v)| {
                v.len() > 1
                    && v.iter()
                        .any(|&i| mentions[i].count.count != mentions[v[0]].count.count)
            })
            .collect();
        days.sort();
        for (_, group) in days {
            // The count most mentions give (the first one's on a tie) is taken as right.
            let mut tally: Vec<(u32, usize, usize)> = Vec::new(); // (count, mentions, first)
            for &i in group {
                let c = mentions[i].count.count;
                match tally.iter_mut().find(|t| t.0 == c) {
                    Some(t) => t.1 += 1,
                    None => tally.push((c, 1, i)),
                }
            }
            let Some(&(majority, _, model)) =
                tally.iter().max_by_key(|t| (t.1, std::cmp::Reverse(t.2)))
            else {
                continue;
            };
            for &i in group {
                let m = &mentions[i];
                if m.count.count == majority {
                    continue;
                }
                reported[i] = true;
                let o = &mentions[model];
                let related = sink.related(
                    Some(o.record),
                    o.count.phrase.span(),
                    format!("{} gives {}", describe(o.record), o.count.count),
                );
                let d = sink.report(
                    Some(m.record),
                    m.count.phrase.span(),
                    format!(
                        "`{}` disagrees with {} of the same day, which gives {majority}",
                        m.count.phrase.raw,
                        describe(o.record)
                    ),
                );
                d.related = Some(Box::new(related));
                d.help = Some("use the same count for entries of the same day".into());
            }
        }
    }

    // 3. Counts never decrease as dates increase.
    if params.decreasing {
        let mut order: Vec<usize> = (0..mentions.len())
            .filter(|&i| !reported[i] && on_a_day(&mentions[i]))
            .collect();
        // By date, then by count so that same-day mentions never look like a decrease.
        order.sort_by_key(|&i| (mentions[i].date.start, mentions[i].count.count, i));
        let counts: Vec<u32> = order.iter().map(|&i| mentions[i].count.count).collect();
        let kept = longest_non_decreasing(&counts);
        // For naming a contradicted mention: the highest kept count before each position, the lowest after.
        let mut max_before: Vec<Option<usize>> = vec![None; order.len()];
        let mut best: Option<usize> = None;
        for p in 0..order.len() {
            max_before[p] = best;
            if kept[p] && best.is_none_or(|b| counts[p] >= counts[b]) {
                best = Some(p);
            }
        }
        let mut min_after: Vec<Option<usize>> = vec![None; order.len()];
        let mut best: Option<usize> = None;
        for p in (0..order.len()).rev() {
            min_after[p] = best;
            if kept[p] && best.is_none_or(|b| counts[p] <= counts[b]) {
                best = Some(p);
            }
        }
        for p in 0..order.len() {
            if kept[p] {
                continue;
            }
            let m = &mentions[order[p]];
            let (other, relation) = match (
                max_before[p].filter(|&b| counts[b] > counts[p]),
                min_after[p].filter(|&a| counts[a] < counts[p]),
            ) {
                (Some(b), _) => (b, "fewer than the"),
                (None, Some(a)) => (a, "more than the"),
                (None, None) => continue,
            };
            let o = &mentions[order[other]];
            let when = if relation == "fewer than the" {
                "earlier"
            } else {
                "later"
            };
            let related = sink.related(
                Some(o.record),
                o.count.phrase.span(),
                format!("{} gives {}", describe(o.record), o.count.count),
            );
            let d = sink.report(
                Some(m.record),
                m.count.phrase.span(),
                format!(
                    "`{}` on {} is {relation} {} given by the {when} {}; membership counts do not go down over time",
                    m.count.phrase.raw,
                    date_label(m.record),
                    o.count.count,
                    describe(o.record)
                ),
            );
            d.related = Some(Box::new(related));
            d.help = Some("correct the count to the membership on the entry's date".into());
        }
    }
}

/// Marks a longest non-decreasing subsequence of `xs` (O(n log n), patience sorting).
fn longest_non_decreasing(xs: &[u32]) -> Vec<bool> {
    let mut tails: Vec<usize> = Vec::new(); // index of the smallest tail of each length
    let mut prev = vec![usize::MAX; xs.len()];
    for (i, &x) in xs.iter().enumerate() {
        let len = tails.partition_point(|&t| xs[t] <= x);
        if len > 0 {
            prev[i] = tails[len - 1];
        }
        if len == tails.len() {
            tails.push(i);
        } else {
            tails[len] = i;
        }
    }
    let mut kept = vec![false; xs.len()];
    let mut cur = tails.last().copied();
    while let Some(i) = cur.filter(|&i| i != usize::MAX) {
        kept[i] = true;
        cur = Some(prev[i]);
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::run;

    fn timeline() -> Timeline {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        Timeline(vec![
            Stage {
                since: None,
                count: 192,
            },
            Stage {
                since: d(2018, 11, 20),
                count: 194,
            },
            Stage {
                since: d(2021, 11, 25),
                count: 195,
            },
        ])
    }

    fn page(entries: &[(&str, u32)]) -> String {
        let mut s = String::new();
        for (i, (date, n)) in entries.iter().enumerate() {
            s.push_str(&format!(
                "Visit {i}\n\n{date} – A visit.\n\nINTERPOL serves its {n} member countries.\n\n"
            ));
        }
        s
    }

    #[test]
    fn counts_matching_the_timeline_are_clean() {
        let text = page(&[
            ("10 December 2021", 195),
            ("15 November 2021", 194),
            ("28 September 2018", 192),
        ]);
        let p = Params {
            timeline: timeline(),
            ..Params::default()
        };
        assert!(run::<InconsistentMemberCount>(&text, p).is_empty());
    }

    #[test]
    fn a_count_off_the_timeline_is_reported_once() {
        let text = page(&[("10 December 2021", 194), ("15 November 2021", 194)]);
        let p = Params {
            timeline: timeline(),
            ..Params::default()
        };
        let found = run::<InconsistentMemberCount>(&text, p);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, 5);
        assert!(found[0].1.contains("gives 195"), "{}", found[0].1);
    }

    #[test]
    fn without_a_timeline_decreases_and_same_day_disagreements_are_reported() {
        let text = page(&[
            ("3 May 2023", 195),
            ("2 May 2023", 190), // fewer than 1 May
            ("1 May 2023", 195),
            ("1 May 2023", 195),
            ("30 April 2023", 195),
            ("30 April 2023", 194), // same day disagrees
            ("30 April 2023", 195),
        ]);
        let found = run::<InconsistentMemberCount>(&text, Params::default());
        let lines: Vec<u32> = found.iter().map(|f| f.0).collect();
        assert_eq!(lines, [11, 35], "{found:?}");
        assert!(found[0].1.contains("fewer than the 195"), "{}", found[0].1);
        assert!(found[1].1.contains("same day"), "{}", found[1].1);
    }

    #[test]
    fn longest_non_decreasing_drops_the_outliers() {
        assert_eq!(
            longest_non_decreasing(&[192, 199, 194, 194, 195]),
            [true, false, true, true, true]
        );
        assert_eq!(
            longest_non_decreasing(&[194, 194, 190, 194, 195]),
            [true, true, false, true, true]
        );
    }
}
