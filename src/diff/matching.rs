//! Which record of the old revision is which record of the new one.
//!
//! Matching runs in four passes, each cheap enough for pages of hundreds of thousands of records:
//!
//! 1. **Identity** — a hash join on (date, canonical title). Keys that occur once on each side pair
//!    directly. Keys that repeat (two entries of the same day with the same title, or a redated entry
//!    landing on another entry's key) pair greedily by content similarity, then by rank within the key,
//!    so exact duplicates pair first-with-first: deterministic, and right when nothing moved.
//! 2. **Anchors** — the longest increasing subsequence of the identity pairs (by old position, then new
//!    position). These records kept their place relative to each other and split both pages into gaps.
//! 3. **Gaps** — an unmatched old record can only have become an unmatched new record *in the same gap*
//!    (between the same two anchors) unless it also moved. Within each gap every old × new pair is scored
//!    by content similarity; pairs at or above the threshold are taken best first, preferring pairs that
//!    keep the date or the title, then the higher similarity, then the closer position. Position is what
//!    tells a retitled entry from an unrelated entry with the same body, which generated pages (and pages
//!    that repost a visit) contain.
//! 4. **Moved and changed** — what is left may have moved *and* changed its title or date. A hash join on
//!    the date and on the canonical title proposes candidates; a pair must share one of the two and reach
//!    the threshold. A record that changed its title, its date *and* its position is indistinguishable
//!    from a removal plus an addition, and is reported as such.
//!
//! Finally, every pair outside the longest increasing subsequence of *all* pairs is flagged `moved`.
//! Where several longest subsequences exist (two records swapped), only the pairs common to all of them
//! count, so both swapped records are `moved` and the result does not depend on which side is old.
//!
//! ## Similarity
//! Content similarity is the Jaccard index of the sets of words (canonical, lower-cased) of the lead text
//! and body paragraphs, hashed to `u64` and kept as sorted vectors so one comparison is a linear merge.
//! Sets rather than sequences because a re-scrape may re-wrap, split or reorder paragraphs without
//! changing what they say, and a set comparison is linear where a sequence ratio is quadratic. Titles,
//! dates and captions are left out: they are what a retitled or redated entry changed.
//!
//! The default threshold, [`DEFAULT_THRESHOLD`] = 0.6, sits above the highest similarity between two
//! *different* visits of the seed page (0.49, two short police-chief visits sharing boilerplate; checked
//! by a test) and well below what a retitled or redated entry scores (1.0 when only the title or date
//! changed; an edited sentence in a 40-word entry still scores above 0.8).

use crate::canonical::canonical;
use crate::record::{Date, Record};
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

/// Default content-similarity threshold (Jaccard index of word sets); see the module docs.
pub const DEFAULT_THRESHOLD: f64 = 0.6;

/// Scoring every pair of a gap (or of a repeated identity key) costs old × new comparisons; beyond this
/// many, the gap is left to the hash-joined pass 4 (the key's records pair in page order), so that a page
/// rewritten from scratch stays linear.
const GAP_PAIR_LIMIT: usize = 1 << 16;

/// Pass 4 looks at no more than this many candidates per shared date or title.
const CANDIDATES_PER_KEY: usize = 64;

/// How a pair was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MatchedBy {
    /// Same date and canonical title.
    Identity,
    /// Similar lead and body (the title or the date changed).
    Content,
}

/// A matched pair of records, by their index in each page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pair {
    /// Index of the record in the old page.
    pub old: usize,
    /// Index of the record in the new page.
    pub new: usize,
    /// How the two were matched.
    pub by: MatchedBy,
    /// Content similarity, computed for content matches and contested identity matches.
    pub similarity: Option<f64>,
    /// True when the record changed position relative to its matched neighbours.
    pub moved: bool,
}

/// The result of matching: pairs sorted by old index, and the records left on each side.
#[derive(Debug, Clone, Default)]
pub struct Matching {
    /// The matched pairs, by old index.
    pub pairs: Vec<Pair>,
    /// Old records with no counterpart (removed), ascending.
    pub removed: Vec<usize>,
    /// New records with no counterpart (added), ascending.
    pub added: Vec<usize>,
}

/// Identity of a record: its date and the canonical hash of its title.
type Key = (Option<Date>, Option<u64>);

fn key(r: &Record<'_>) -> Key {
    (r.date, r.title_hash())
}

const NONE: usize = usize::MAX;

/// Word-set signatures, computed on first use: most records are matched by identity and never need one.
struct Signatures<'r, 'a> {
    records: &'r [Record<'a>],
    cache: HashMap<usize, Vec<u64>>,
}

impl<'r, 'a> Signatures<'r, 'a> {
    fn new(records: &'r [Record<'a>]) -> Self {
        Signatures {
            records,
            cache: HashMap::new(),
        }
    }

    fn get(&mut self, i: usize) -> &[u64] {
        let records = self.records;
        self.cache
            .entry(i)
            .or_insert_with(|| records.get(i).map(signature).unwrap_or_default())
    }
}

/// The sorted, deduplicated hashes of the canonical lower-cased words of a record's lead and body.
pub fn signature(r: &Record<'_>) -> Vec<u64> {
    let mut out = Vec::new();
    let texts = r
        .lead
        .iter()
        .map(|l| l.text.raw)
        .chain(r.paragraphs.iter().map(|p| p.raw));
    for t in texts {
        for w in canonical(t).split(' ').filter(|w| !w.is_empty()) {
            let mut h = DefaultHasher::new();
            for c in w.chars().flat_map(char::to_lowercase) {
                c.hash(&mut h);
            }
            out.push(h.finish());
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Jaccard index of two sorted, deduplicated sets; 0 when both are empty (nothing to go on).
pub fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - common;
    if union == 0 {
        0.0
    } else {
        common as f64 / union as f64
    }
}

/// Matches the records of two revisions; `threshold` is the least content similarity for a pair that
/// is not an identity match (see the module docs).
pub fn match_records(old: &[Record<'_>], new: &[Record<'_>], threshold: f64) -> Matching {
    let mut m = State {
        old_to_new: vec![NONE; old.len()],
        new_to_old: vec![NONE; new.len()],
        pairs: Vec::new(),
        old_sig: Signatures::new(old),
        new_sig: Signatures::new(new),
    };
    m.identity(old, new);
    let anchors = lis(&m.pairs);
    let anchors: Vec<(usize, usize)> = anchors
        .iter()
        .map(|&k| (m.pairs[k].old, m.pairs[k].new))
        .collect();
    m.gaps(old, new, &anchors, threshold);
    m.moved_and_changed(old, new, threshold);

    let mut pairs = m.pairs;
    pairs.sort_by_key(|p| p.old);
    for k in lis(&pairs) {
        pairs[k].moved = false;
    }
    Matching {
        pairs,
        removed: (0..old.len())
            .filter(|&i| m.old_to_new[i] == NONE)
            .collect(),
        added: (0..new.len())
            .filter(|&j| m.new_to_old[j] == NONE)
            .collect(),
    }
}

struct State<'r, 'a> {
    old_to_new: Vec<usize>,
    new_to_old: Vec<usize>,
    pairs: Vec<Pair>,
    old_sig: Signatures<'r, 'a>,
    new_sig: Signatures<'r, 'a>,
}

/// A scored candidate pair; candidates are taken in ascending order of `rank`.
struct Candidate {
    rank: (bool, std::cmp::Reverse<OrdF64>, usize, usize, usize),
    old: usize,
    new: usize,
    similarity: f64,
}

/// `f64` with a total order, for sorting scores (similarities are never NaN).
#[derive(Debug, Clone, Copy)]
struct OrdF64(f64);
impl PartialEq for OrdF64 {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other).is_eq()
    }
}
impl Eq for OrdF64 {}
impl PartialOrd for OrdF64 {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for OrdF64 {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&other.0)
    }
}

impl State<'_, '_> {
    fn pair(&mut self, old: usize, new: usize, by: MatchedBy, similarity: Option<f64>) {
        self.old_to_new[old] = new;
        self.new_to_old[new] = old;
        self.pairs.push(Pair {
            old,
            new,
            by,
            similarity,
            moved: true, // cleared for the pairs in the final longest increasing subsequence
        });
    }

    fn similarity(&mut self, old: usize, new: usize) -> f64 {
        let a = self.old_sig.get(old);
        let b = self.new_sig.get(new);
        jaccard(a, b)
    }

    /// Takes candidates best first, skipping those whose records were already taken.
    fn take(&mut self, mut candidates: Vec<Candidate>, by: MatchedBy) {
        candidates.sort_by_key(|c| c.rank);
        for c in candidates {
            if self.old_to_new[c.old] == NONE && self.new_to_old[c.new] == NONE {
                self.pair(c.old, c.new, by, Some(c.similarity));
            }
        }
    }

    /// Pass 1: the hash join on identity keys.
    fn identity(&mut self, old: &[Record<'_>], new: &[Record<'_>]) {
        let mut groups: HashMap<Key, usize> = HashMap::with_capacity(old.len());
        let old_gid: Vec<usize> = old
            .iter()
            .map(|r| {
                let n = groups.len();
                *groups.entry(key(r)).or_insert(n)
            })
            .collect();
        let new_gid: Vec<usize> = new
            .iter()
            .map(|r| groups.get(&key(r)).copied().unwrap_or(NONE))
            .collect();
        drop(groups);
        let n_groups = old_gid.iter().copied().max().map_or(0, |g| g + 1);
        let mut old_count = vec![0u32; n_groups];
        let mut new_count = vec![0u32; n_groups];
        let mut old_first = vec![NONE; n_groups];
        for (i, &g) in old_gid.iter().enumerate() {
            old_count[g] += 1;
            if old_first[g] == NONE {
                old_first[g] = i;
            }
        }
        for &g in new_gid.iter().filter(|&&g| g != NONE) {
            new_count[g] += 1;
        }
        let mut contested: HashMap<usize, (Vec<usize>, Vec<usize>)> = HashMap::new();
        for (j, &g) in new_gid.iter().enumerate() {
            if g == NONE {
                continue;
            }
            if old_count[g] == 1 && new_count[g] == 1 {
                self.pair(old_first[g], j, MatchedBy::Identity, None);
            } else {
                contested.entry(g).or_default().1.push(j);
            }
        }
        if contested.is_empty() {
            return;
        }
        for (i, &g) in old_gid.iter().enumerate() {
            if let Some(c) = contested.get_mut(&g) {
                c.0.push(i);
            }
        }
        let mut groups: Vec<(Vec<usize>, Vec<usize>)> = contested.into_values().collect();
        groups.sort_by_key(|(o, n)| (o.first().copied(), n.first().copied()));
        for (olds, news) in groups {
            if olds.len() * news.len() > GAP_PAIR_LIMIT {
                // Thousands of records sharing one key (a scrape that lost every date and title):
                // scoring all pairs would be quadratic, so pair them in page order.
                for (&i, &j) in olds.iter().zip(&news) {
                    self.pair(i, j, MatchedBy::Identity, None);
                }
                continue;
            }
            let mut candidates = Vec::with_capacity(olds.len() * news.len());
            for (ri, &i) in olds.iter().enumerate() {
                for (rj, &j) in news.iter().enumerate() {
                    let similarity = self.similarity(i, j);
                    candidates.push(Candidate {
                        rank: (
                            false,
                            std::cmp::Reverse(OrdF64(similarity)),
                            ri.abs_diff(rj),
                            i,
                            j,
                        ),
                        old: i,
                        new: j,
                        similarity,
                    });
                }
            }
            self.take(candidates, MatchedBy::Identity);
        }
    }

    /// Pass 3: content matching inside the gaps between anchors.
    fn gaps(
        &mut self,
        old: &[Record<'_>],
        new: &[Record<'_>],
        anchors: &[(usize, usize)],
        threshold: f64,
    ) {
        let mut lo = (0usize, 0usize);
        let ends = anchors
            .iter()
            .map(|&(o, n)| (o, n, (o + 1, n + 1)))
            .chain(std::iter::once((
                old.len(),
                new.len(),
                (old.len(), new.len()),
            )));
        for (o_end, n_end, next_lo) in ends {
            let olds: Vec<usize> = (lo.0..o_end)
                .filter(|&i| self.old_to_new[i] == NONE)
                .collect();
            let news: Vec<usize> = (lo.1..n_end)
                .filter(|&j| self.new_to_old[j] == NONE)
                .collect();
            if !olds.is_empty() && !news.is_empty() && olds.len() * news.len() <= GAP_PAIR_LIMIT {
                let mut candidates = Vec::new();
                for &i in &olds {
                    for &j in &news {
                        let similarity = self.similarity(i, j);
                        if similarity < threshold {
                            continue;
                        }
                        let keeps = old[i].date == new[j].date
                            || old[i].title_hash() == new[j].title_hash();
                        // Distance from the nearer anchor, in records.
                        let from_start = (i - lo.0).abs_diff(j - lo.1);
                        let from_end = (o_end - i).abs_diff(n_end - j);
                        candidates.push(Candidate {
                            rank: (
                                !keeps,
                                std::cmp::Reverse(OrdF64(similarity)),
                                from_start.min(from_end),
                                i,
                                j,
                            ),
                            old: i,
                            new: j,
                            similarity,
                        });
                    }
                }
                self.take(candidates, MatchedBy::Content);
            }
            lo = next_lo;
        }
    }

    /// Pass 4: records that moved and changed their title or date.
    fn moved_and_changed(&mut self, old: &[Record<'_>], new: &[Record<'_>], threshold: f64) {
        let olds: Vec<usize> = (0..old.len())
            .filter(|&i| self.old_to_new[i] == NONE)
            .collect();
        if olds.is_empty() {
            return;
        }
        let mut by_date: HashMap<Date, Vec<usize>> = HashMap::new();
        let mut by_title: HashMap<u64, Vec<usize>> = HashMap::new();
        for j in (0..new.len()).filter(|&j| self.new_to_old[j] == NONE) {
            if let Some(d) = new[j].date {
                by_date.entry(d).or_default().push(j);
            }
            if let Some(t) = new[j].title_hash() {
                by_title.entry(t).or_default().push(j);
            }
        }
        let mut candidates = Vec::new();
        for i in olds {
            let same_date = old[i].date.and_then(|d| by_date.get(&d));
            let same_title = old[i].title_hash().and_then(|t| by_title.get(&t));
            let mut seen: Vec<usize> = Vec::new();
            for list in [same_date, same_title].into_iter().flatten() {
                for &j in list.iter().take(CANDIDATES_PER_KEY) {
                    if seen.contains(&j) {
                        continue;
                    }
                    seen.push(j);
                    let similarity = self.similarity(i, j);
                    if similarity >= threshold {
                        candidates.push(Candidate {
                            rank: (false, std::cmp::Reverse(OrdF64(similarity)), 0, i, j),
                            old: i,
                            new: j,
                            similarity,
                        });
                    }
                }
            }
        }
        self.take(candidates, MatchedBy::Content);
    }
}

/// Indexes (into `pairs`, ascending by old position) of the pairs that stand in *every* longest
/// subsequence whose old and new positions both increase: the pairs whose relative order no maximal
/// alignment can dispute.
///
/// Where several longest subsequences exist (two records swapped: either could be "the one that moved"),
/// picking one of them would make the answer depend on which revision is called old — `diff(a, b)` and
/// `diff(b, a)` would disagree. The pairs common to all of them are the same whichever side is old (the
/// condition is symmetric in old and new), so anchors and `moved` flags are too. O(n log n): for each
/// pair, the longest chain ending at it (`f`) and starting at it (`g`); it is on some longest chain when
/// `f + g - 1` is the longest length, and on every one when no other such pair has the same `f`.
fn lis(pairs: &[Pair]) -> Vec<usize> {
    let n = pairs.len();
    if n == 0 {
        return Vec::new();
    }
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&k| pairs[k].old);
    // f[k]: length of the longest increasing chain ending at pair k.
    let mut f = vec![0usize; n];
    let mut tails: Vec<usize> = Vec::new(); // smallest `new` ending a chain of each length
    for &k in &order {
        let v = pairs[k].new;
        let pos = tails.partition_point(|&t| t < v);
        f[k] = pos + 1;
        if pos == tails.len() {
            tails.push(v);
        } else {
            tails[pos] = v;
        }
    }
    // g[k]: length of the longest increasing chain starting at pair k (the same, walking backwards).
    let mut g = vec![0usize; n];
    let mut heads: Vec<std::cmp::Reverse<usize>> = Vec::new(); // largest `new` starting a chain of each length
    for &k in order.iter().rev() {
        let v = std::cmp::Reverse(pairs[k].new);
        let pos = heads.partition_point(|&h| h < v);
        g[k] = pos + 1;
        if pos == heads.len() {
            heads.push(v);
        } else {
            heads[pos] = v;
        }
    }
    let longest = tails.len();
    let on_some: Vec<usize> = order
        .iter()
        .copied()
        .filter(|&k| f[k] + g[k] - 1 == longest)
        .collect();
    let mut per_level = vec![0usize; longest + 1];
    for &k in &on_some {
        per_level[f[k]] += 1;
    }
    on_some
        .into_iter()
        .filter(|&k| per_level[f[k]] == 1)
        .collect()
}
