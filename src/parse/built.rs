//! The records a parse has built, and the ids they were given: every id is unique on the page (the later
//! of two entries with the same date and title gets `-2`, `-3`, …).
//!
//! Ids are made unique here, in page order, and nowhere else, so that a page assembled in chunks
//! (`chunked`) gives its records the ids one pass over the page gives: each chunk builds its records with
//! the ids their date and title make, and the chunks' records are pushed here in page order.

use crate::record::Record;
use hashbrown::HashTable;
use rustc_hash::FxHashMap;

pub(super) struct Built<'a> {
    /// The records built and not yet handed out (all of them, unless the parse is streamed).
    pub records: Vec<Record<'a>>,
    /// How many records were handed out before `records[0]` (streamed parses only).
    pub handed_out: usize,
    /// The ids of the records handed out, for telling ids apart (streamed parses only).
    handed_out_ids: IdList,
    /// Every record id given so far, as record indices: into `handed_out_ids`, then `records` (the ids
    /// are not copied unless the records are handed out: a page of hundreds of thousands of records
    /// would hold each id twice).
    ids: HashTable<u32>,
    /// Ids given more than once, with the last `-N` suffix tried for them.
    suffixes: FxHashMap<Box<str>, u32>,
    /// Whether ids are made unique here. A chunk's assembler leaves its records' ids as their date and
    /// title make them: the records are pushed again, in page order, where the page is stitched.
    unique: bool,
}

impl<'a> Built<'a> {
    pub fn new(unique: bool) -> Self {
        Built {
            records: Vec::new(),
            handed_out: 0,
            handed_out_ids: IdList::default(),
            ids: HashTable::new(),
            suffixes: FxHashMap::default(),
            unique,
        }
    }

    /// Room for `records` records and `ids` ids.
    pub fn reserve(&mut self, records: usize, ids: usize) {
        self.records.reserve(records);
        if self.unique {
            let (built, handed_out) = (&self.records, &self.handed_out_ids);
            self.ids
                .reserve(ids, |&i| id_hash(id_at(handed_out, built, i)));
        }
    }

    /// Adds the next record of the page, whose id is the one its date and title make: it gets its index,
    /// and an id no record above it has.
    pub fn push(&mut self, record: Record<'a>) {
        self.records.push(record);
        self.give_id(self.records.len() - 1);
    }

    /// Adds the next records of the page (a chunk's, from the `from`-th on), as [`Built::push`] would
    /// one by one; moved in one copy, not one at a time.
    pub fn append(&mut self, records: &mut Vec<Record<'a>>, from: usize) {
        let start = self.records.len();
        self.records.extend(records.drain(from..));
        for i in start..self.records.len() {
            self.give_id(i);
        }
    }

    /// Gives `records[i]`, the last record with an id its date and title make, its index and an id no
    /// record above it has.
    fn give_id(&mut self, i: usize) {
        let index = self.handed_out + i;
        self.records[i].index = index;
        if !self.unique {
            return;
        }
        if self.is_given(&self.records[i].id.0) {
            let id = self.records[i].id.0.clone();
            let mut k = self.suffixes.get(&id).copied().unwrap_or(1) + 1;
            let mut candidate = suffixed(&id, k);
            // Skipping ids already given: a title ending in a number (`Minister X 2`) makes
            // `...-minister-x-2` itself.
            while self.is_given(&candidate) {
                k += 1;
                candidate = suffixed(&id, k);
            }
            self.suffixes.insert(id, k);
            self.records[i].id.0 = candidate.into();
        }
        let (records, handed_out) = (&self.records, &self.handed_out_ids);
        self.ids
            .insert_unique(id_hash(&records[i].id.0), index as u32, |&j| {
                id_hash(id_at(handed_out, records, j))
            });
    }

    fn is_given(&self, id: &str) -> bool {
        let (records, handed_out) = (&self.records, &self.handed_out_ids);
        self.ids
            .find(id_hash(id), |&i| id_at(handed_out, records, i) == id)
            .is_some()
    }

    /// Every record built so far but the last, to be handed out: the last one stays, since the page's
    /// end may add lines to it. Their ids are kept to tell later ids apart.
    pub fn hand_out(&mut self) -> Vec<Record<'a>> {
        let Some(last) = self.records.pop() else {
            return Vec::new();
        };
        let capacity = self.records.capacity();
        let out = std::mem::replace(&mut self.records, Vec::with_capacity(capacity));
        self.records.push(last);
        if self.unique {
            for r in &out {
                self.handed_out_ids.push(&r.id.0);
            }
        }
        self.handed_out += out.len();
        out
    }
}

/// Ids one after the other in one string: a page of hundreds of thousands of records kept each handed-out
/// id in an allocation of its own, twice the id's size.
#[derive(Default)]
struct IdList {
    text: String,
    /// Where each id ends in `text` (the next starts there).
    ends: Vec<usize>,
}

impl IdList {
    fn push(&mut self, id: &str) {
        self.text.push_str(id);
        self.ends.push(self.text.len());
    }

    fn len(&self) -> usize {
        self.ends.len()
    }

    fn get(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)?;
        let start = i.checked_sub(1).map_or(0, |p| self.ends[p]);
        Some(&self.text[start..end])
    }
}

/// The id of record `i` of the page: handed out already, or among `records`.
fn id_at<'r>(handed_out: &'r IdList, records: &'r [Record<'_>], i: u32) -> &'r str {
    let i = i as usize;
    match handed_out.get(i) {
        Some(id) => id,
        None => &records[i - handed_out.len()].id.0,
    }
}

/// `id-k`: pushed rather than formatted, as a page repeated whole makes every id a duplicate.
fn suffixed(id: &str, k: u32) -> String {
    let digits = k.checked_ilog10().unwrap_or(0) + 1;
    let mut out = String::with_capacity(id.len() + 1 + digits as usize);
    out.push_str(id);
    out.push('-');
    super::push_digits(&mut out, k, digits);
    out
}

fn id_hash(id: &str) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    /// The same entry three times gets `-2` and `-3`, also when the table of ids grew after the first
    /// was in it (growing rehashes the ids given so far).
    #[test]
    fn ids_stay_unique_when_the_table_grows() {
        let src = SourceFile::from_text("p.txt", "Visits\n\n3 May 2021 – A came.\n").unwrap();
        let page = crate::parse::parse(&src, None);
        let record = page.records[0].clone();
        let base = record.id.0.to_string();
        let mut built = Built::new(true);
        built.push(record.clone());
        built.reserve(1000, 1000);
        built.push(record.clone());
        built.push(record);
        let ids: Vec<&str> = built.records.iter().map(|r| &*r.id.0).collect();
        assert_eq!(
            ids,
            [base.clone(), format!("{base}-2"), format!("{base}-3")]
        );
        let indexes: Vec<usize> = built.records.iter().map(|r| r.index).collect();
        assert_eq!(indexes, [0, 1, 2]);
    }

    #[test]
    fn suffixes_are_written_as_format_writes_them() {
        for k in [
            0,
            2,
            9,
            10,
            11,
            99,
            100,
            101,
            999,
            1000,
            65_536,
            999_999,
            u32::MAX,
        ] {
            assert_eq!(suffixed("2021-05-03-a", k), format!("2021-05-03-a-{k}"));
        }
    }

    /// Ids handed out in batches still tell later ids apart (they are kept in one string).
    #[test]
    fn ids_stay_unique_across_hand_outs() {
        let text = "Visits\n\n3 May 2021 – A came.\n\n4 May 2021 – B came.\n";
        let src = SourceFile::from_text("p.txt", text).unwrap();
        let page = crate::parse::parse(&src, None);
        let (a, b) = (page.records[0].clone(), page.records[1].clone());
        let (ida, idb) = (a.id.0.to_string(), b.id.0.to_string());
        let mut built = Built::new(true);
        let mut ids = Vec::new();
        for (i, r) in [&a, &b, &a, &a, &b, &a].into_iter().enumerate() {
            built.push(r.clone());
            if i % 2 == 1 {
                ids.extend(built.hand_out().iter().map(|r| r.id.0.to_string()));
            }
        }
        ids.extend(built.records.iter().map(|r| r.id.0.to_string()));
        assert_eq!(
            ids,
            [
                ida.clone(),
                idb.clone(),
                format!("{ida}-2"),
                format!("{ida}-3"),
                format!("{idb}-2"),
                format!("{ida}-4")
            ]
        );
        assert_eq!(built.handed_out_ids.len(), 5);
        assert_eq!(built.handed_out_ids.get(3), Some(&*format!("{ida}-3")));
        assert_eq!(built.handed_out_ids.get(5), None);
    }
}
