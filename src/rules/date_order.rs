//! Entries out of the page's date order (newest first by default).
//!
//! ## What it does
//! Checks that the entries' dates follow the page's order — newest first, or oldest first when configured —
//! and points at the entries that break it, naming the neighbour they clash with. Equal dates are in order;
//! a range (`20 – 22 November 2023`) is placed by its first day; a month- or year-only date is out of
//! order only when no day of it fits between its neighbours.
//!
//! The rule blames as few entries as possible: it keeps the longest run of entries that are in order
//! (preferring entries that agree with the entries around them) and reports every other dated entry. One
//! mistyped date yields one finding, whether it is too new or too old, never a finding on its innocent
//! neighbour.
//!
//! ## Why is this bad?
//! Readers, and tools that diff revisions, rely on the order to find entries. An entry out of order is
//! almost always a mistyped date (`2013` for `2023`) or an entry pasted at the wrong place.
//!
//! ## Example
//! ```text
//! Minister of Interior of Albania
//!
//! 13 November 2023 – …
//!
//! Norwegian Parliament Standing Committee
//!
//! 19 December 2023 – …      <- newer than the entry above it
//! ```
//!
//! ## How to fix
//! Correct the date if it is mistyped; otherwise move the entry to its place in the page.
//!
//! ## Options
//! - `order`: `newest-first` (default) or `oldest-first`.

use super::{date_label, describe, Check, Entry, PageEnd, Rule, Sink};
use crate::diagnostic::Severity;
use crate::record::{Date, Precision};
use serde::Deserialize;

/// The order a page lists its entries in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Order {
    #[default]
    NewestFirst,
    OldestFirst,
}

/// Parameters of `date-order`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {
    #[serde(default)]
    pub order: Order,
}

/// How many entries on each side count as an entry's neighbourhood when choosing whom to blame.
const WINDOW: usize = 8;

/// `date-order`: the rule this file documents and checks.
pub struct DateOrder;

impl Rule for DateOrder {
    const CODE: &'static str = "PR001";
    const NAME: &'static str = "date-order";
    const DEFAULT_SEVERITY: Severity = Severity::Error;
    const DEFAULT_ENABLED: bool = true;
    const SOURCE: &'static str = include_str!("date_order.rs");
    type Params = Params;
    const CHECK: Check<Params> = Check::End(check);
}

/// Checks the page's date order.
pub fn check(end: &PageEnd<'_, '_>, params: &Params, sink: &mut Sink<'_>) {
    let records = end.entries;
    // Keys in page order, oriented so that a page in order has non-increasing keys.
    let key = |d: &Date| {
        let days = i64::from(chrono::Datelike::num_days_from_ce(&d.start));
        match params.order {
            Order::NewestFirst => days,
            Order::OldestFirst => -days,
        }
    };
    let precise: Vec<(usize, i64)> = records
        .iter()
        .enumerate()
        .filter_map(|(i, r)| {
            r.date()
                .filter(|d| d.precision == Precision::Day)
                .map(|d| (i, key(&d)))
        })
        .collect();
    let kept = keep_in_order(&precise);

    // Nearest kept precise entry above and below each record, for naming neighbours and placing imprecise
    // dates.
    let n = records.len();
    let mut is_kept = vec![false; n];
    for (j, &(i, _)) in precise.iter().enumerate() {
        if kept[j] {
            is_kept[i] = true;
        }
    }
    let mut above = vec![None; n];
    let mut last = None;
    for i in 0..n {
        above[i] = last;
        if is_kept[i] {
            last = Some(i);
        }
    }
    let mut below = vec![None; n];
    let mut next = None;
    for i in (0..n).rev() {
        below[i] = next;
        if is_kept[i] {
            next = Some(i);
        }
    }

    let newest_first = params.order == Order::NewestFirst;
    let order_words = if newest_first {
        "newest first"
    } else {
        "oldest first"
    };
    for (i, r) in records.iter().enumerate() {
        let Some(date) = r.date() else { continue };
        if is_kept[i] {
            continue;
        }
        let (first, last_day) = (date.start, date.last_day());
        // Whether the entry above (below) is on the wrong side of this one.
        let clash_above = above[i].filter(|&a| {
            records[a].date().is_some_and(|ad| {
                if date.precision == Precision::Day {
                    key(&ad) < key(&date)
                } else if newest_first {
                    ad.start < first
                } else {
                    ad.start > last_day
                }
            })
        });
        let clash_below = below[i].filter(|&b| {
            records[b].date().is_some_and(|bd| {
                if date.precision == Precision::Day {
                    key(&bd) > key(&date)
                } else if newest_first {
                    bd.start > last_day
                } else {
                    bd.start < first
                }
            })
        });
        let (other, side) = match (clash_above, clash_below) {
            (Some(a), _) => (a, "above"),
            (None, Some(b)) => (b, "below"),
            // An imprecise date that fits between its neighbours.
            (None, None) => continue,
        };
        let o = &records[other];
        let relation = match (side, newest_first) {
            ("above", true) | ("below", false) => "is newer than",
            _ => "is older than",
        };
        let message = format!(
            "entry dated {} {relation} the entry {side} it, {}; the page lists entries {order_words}",
            date_label(r),
            describe(o),
        );
        let related = sink.related(
            Some(o),
            o.date_span(),
            format!("the entry {side} it is dated {}", date_label(o)),
        );
        let d = sink.report(Some(r), r.date_span(), message);
        d.related = Some(Box::new(related));
        d.help = Some("correct the date if it is mistyped, or move the entry to its place".into());
    }
}

/// Chooses the entries to keep: a longest subsequence of `items` (page index, key) with non-increasing
/// keys; among equally long ones, the one whose entries agree most with their neighbours. Returns, per
/// item, whether it is kept. O(n log n) (a Fenwick tree of prefix maxima) plus O(n · WINDOW).
fn keep_in_order(items: &[(usize, i64)]) -> Vec<bool> {
    let n = items.len();
    if n == 0 {
        return Vec::new();
    }
    // Agreement: how many neighbours within the window stand on the right side of the item.
    let agree: Vec<u64> = (0..n)
        .map(|j| {
            let k = items[j].1;
            let lo = j.saturating_sub(WINDOW);
            let hi = (j + WINDOW + 1).min(n);
            ((lo..j).filter(|&i| items[i].1 >= k).count()
                + (j + 1..hi).filter(|&i| items[i].1 <= k).count()) as u64
        })
        .collect();
    // One more kept entry always outweighs any amount of agreement.
    let big = (2 * WINDOW as u64 + 1) * n as u64 + 1;
    // Ranks: 0 for the largest key, so "key_i >= key_j" is "rank_i <= rank_j", a prefix.
    let mut keys: Vec<i64> = items.iter().map(|&(_, k)| k).collect();
    keys.sort_unstable_by(|a, b| b.cmp(a));
    keys.dedup();
    let rank = |k: i64| keys.partition_point(|&x| x > k);
    let mut tree: Vec<(u64, usize)> = vec![(0, usize::MAX); keys.len() + 1];
    let mut best = vec![0u64; n];
    let mut prev = vec![usize::MAX; n];
    for j in 0..n {
        let r = rank(items[j].1) + 1;
        // Prefix maximum over ranks 1..=r.
        let mut q = (0u64, usize::MAX);
        let mut i = r;
        while i > 0 {
            if tree[i].0 > q.0 {
                q = tree[i];
            }
            i &= i - 1;
        }
        best[j] = q.0 + big + agree[j];
        prev[j] = q.1;
        let mut i = r;
        while i < tree.len() {
            if best[j] > tree[i].0 {
                tree[i] = (best[j], j);
            }
            i += i & i.wrapping_neg();
        }
    }
    let mut kept = vec![false; n];
    let mut j = (0..n).max_by_key(|&j| (best[j], std::cmp::Reverse(j)));
    while let Some(cur) = j.filter(|&c| c != usize::MAX) {
        kept[cur] = true;
        j = Some(prev[cur]);
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::run;

    fn page(dates: &[&str]) -> String {
        let mut s = String::from("Official visits 2018 to 2024\n\n");
        for (i, d) in dates.iter().enumerate() {
            s.push_str(&format!(
                "Visit number {i}\n\n{d} – The visit took place.\n\n"
            ));
        }
        s
    }

    fn lines(dates: &[&str], order: Order) -> Vec<u32> {
        run::<DateOrder>(&page(dates), Params { order })
            .into_iter()
            .map(|(l, _)| l)
            .collect()
    }

    #[test]
    fn a_page_in_order_is_clean() {
        let dates = [
            "December 2023",
            "20 – 22 November 2023",
            "13 November 2023",
            "13 November 2023",
        ];
        assert!(lines(&dates, Order::NewestFirst).is_empty());
    }

    #[test]
    fn a_too_new_entry_is_blamed_not_its_neighbours() {
        let dates = [
            "5 May 2023",
            "4 May 2023",
            "1 July 2023",
            "3 May 2023",
            "2 May 2023",
        ];
        // Entry 2's date stands on line 13.
        assert_eq!(lines(&dates, Order::NewestFirst), [13]);
    }

    #[test]
    fn a_too_old_entry_is_blamed_not_the_next_one() {
        let dates = [
            "5 May 2023",
            "4 May 2023",
            "3 May 2013",
            "2 May 2023",
            "1 May 2023",
        ];
        assert_eq!(lines(&dates, Order::NewestFirst), [13]);
        let found = run::<DateOrder>(&page(&dates), Params::default());
        assert!(
            found[0].1.contains("older than the entry below it"),
            "{found:?}"
        );
    }

    #[test]
    fn oldest_first_pages_can_be_configured() {
        let dates = ["1 May 2023", "2 May 2023", "3 May 2023"];
        assert!(lines(&dates, Order::OldestFirst).is_empty());
        assert_eq!(lines(&dates, Order::NewestFirst).len(), 2);
    }

    #[test]
    fn two_outliers_on_the_same_day_are_both_blamed() {
        let mut dates = vec!["9 May 2023"; 6];
        dates.extend(["8 June 2023", "9 May 2023", "9 May 2023", "8 June 2023"]);
        dates.extend(vec!["8 May 2023"; 6]);
        assert_eq!(lines(&dates, Order::NewestFirst), [29, 41]);
    }
}
