//! The baseline of accepted findings: known problems of a page that must not fail every future drop.
//!
//! Stored as `snapshots/<page>.baseline.yaml`, keyed by [`Fingerprint`] (rule code, record id and a hash of
//! the canonical offending text — never line numbers, which move when entries are added above). A check
//! fails only on findings the baseline does not hold; baseline entries that no longer occur are *stale*
//! and reported, so the file shrinks as problems are fixed. Entries are sorted: the file is stable and
//! reads well in a pull-request diff.

use crate::diagnostic::Diagnostic;
use crate::fingerprint::Fingerprint;
use crate::source::SourceFile;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Format version written to every baseline.
pub const BASELINE_VERSION: u32 = 1;

/// A page's baseline: the findings accepted for it (`snapshots/<page>.baseline.yaml`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    /// Format version, [`BASELINE_VERSION`].
    pub version: u32,
    /// The page the findings belong to.
    pub page: String,
    /// The accepted findings, in report order.
    pub findings: Vec<BaselineEntry>,
    /// Number of findings, written last: a truncated file lacks it (or disagrees), so truncation is an
    /// error rather than a shorter baseline.
    pub count: usize,
}

/// One accepted finding. Only `fingerprint` is matched; the rest is there for the reader.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BaselineEntry {
    /// The finding's stable [`crate::fingerprint::Fingerprint`], as text: what is matched.
    pub fingerprint: String,
    /// The rule code (`PR015`).
    pub code: String,
    /// The record the finding is about, when it is about one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record: Option<String>,
    /// The finding's message when it was accepted.
    pub message: String,
}

/// Findings split against a baseline.
#[derive(Debug, Default)]
pub struct Split {
    /// Findings the baseline does not hold: these fail a check.
    pub new: Vec<Diagnostic>,
    /// How many findings the baseline accepted.
    pub baselined: usize,
    /// Baseline entries that no longer occur (fixed problems): remove them from the file.
    pub stale: Vec<BaselineEntry>,
}

impl Baseline {
    /// The baseline accepting exactly `findings` (located in `source`).
    pub fn of(page: &str, findings: &[Diagnostic], source: &SourceFile) -> Baseline {
        let mut entries: Vec<BaselineEntry> = findings
            .iter()
            .map(|d| BaselineEntry {
                fingerprint: Fingerprint::of(d, source).to_string(),
                code: d.code.to_string(),
                record: d.record_id.as_deref().map(String::from),
                message: d.message.clone(),
            })
            .collect();
        entries.sort();
        Baseline {
            version: BASELINE_VERSION,
            page: page.to_string(),
            count: entries.len(),
            findings: entries,
        }
    }

    /// Splits `findings` (located in `source`) into those the baseline holds and new ones. A fingerprint
    /// listed n times accepts n findings: a third copy of an accepted duplicate is still new.
    pub fn split(&self, findings: Vec<Diagnostic>, source: &SourceFile) -> Split {
        let mut allowance: BTreeMap<&str, usize> = BTreeMap::new();
        for e in &self.findings {
            *allowance.entry(e.fingerprint.as_str()).or_default() += 1;
        }
        let mut split = Split::default();
        for d in findings {
            let fp = Fingerprint::of(&d, source).to_string();
            match allowance.get_mut(fp.as_str()) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    split.baselined += 1;
                }
                _ => split.new.push(d),
            }
        }
        let mut left = allowance;
        for e in &self.findings {
            if let Some(n) = left.get_mut(e.fingerprint.as_str()) {
                if *n > 0 {
                    *n -= 1;
                    split.stale.push(e.clone());
                }
            }
        }
        split
    }

    /// The baseline without `stale` entries (as [`Baseline::split`] finds them): what is left accepts the
    /// same findings and nothing more.
    pub fn without(&self, stale: &[BaselineEntry]) -> Baseline {
        let findings: Vec<BaselineEntry> =
            minus(&self.findings, stale).into_iter().cloned().collect();
        Baseline {
            version: self.version,
            page: self.page.clone(),
            count: findings.len(),
            findings,
        }
    }

    /// The entries of `self` that `before` does not hold (counting repeats): what a rewrite newly accepts.
    pub fn added_since(&self, before: &Baseline) -> Vec<&BaselineEntry> {
        minus(&self.findings, &before.findings)
    }

    /// The baseline as the YAML document its file holds.
    pub fn to_yaml(&self) -> Result<String, crate::yaml::YamlError> {
        crate::yaml::to_string(self)
    }

    /// Reads a baseline file's text; a truncated or foreign file is an error.
    pub fn from_yaml(text: &str) -> Result<Self, crate::yaml::YamlError> {
        let b: Baseline = crate::yaml::from_str(text)?;
        if b.version != BASELINE_VERSION {
            return Err(crate::yaml::YamlError {
                message: format!(
                    "unsupported baseline version {} (this pagerev writes {BASELINE_VERSION})",
                    b.version
                ),
                line: None,
                column: None,
            });
        }
        if b.count != b.findings.len() {
            return Err(crate::yaml::YamlError {
                message: format!("`count` says {} findings but the file lists {}: the file is truncated or was edited by hand", b.count, b.findings.len()),
                line: None,
                column: None,
            });
        }
        Ok(b)
    }
}

/// `entries` less `taken`, by fingerprint, counting repeats: a fingerprint taken once removes one entry.
fn minus<'e>(entries: &'e [BaselineEntry], taken: &[BaselineEntry]) -> Vec<&'e BaselineEntry> {
    let mut left: BTreeMap<&str, usize> = BTreeMap::new();
    for e in taken {
        *left.entry(e.fingerprint.as_str()).or_default() += 1;
    }
    entries
        .iter()
        .filter(|e| match left.get_mut(e.fingerprint.as_str()) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{check_page, config::RuleSet, CheckContext};

    fn findings(text: &str) -> (SourceFile, Vec<Diagnostic>) {
        let source = SourceFile::from_text("p.txt", text).unwrap();
        let page = crate::parse::parse(&source, None);
        let d = check_page(
            &RuleSet::defaults(),
            &source,
            &page,
            &CheckContext::default(),
        );
        drop(page);
        (source, d)
    }

    const PAGE: &str = "Visits 2019\n\nA visit\n\nSame caption\nSame caption\n\n3 May 2019 - Alpha came.\n\n\n2 May 2019 - Untitled.\n";

    #[test]
    fn accepted_findings_survive_lines_moving() {
        let (src, found) = findings(PAGE);
        assert_eq!(found.len(), 2, "{found:?}");
        let base = Baseline::of("p", &found, &src);
        // A new entry above moves every line down: the baseline still holds.
        let moved = PAGE.replace(
            "Visits 2019\n\n",
            "Visits 2019\n\nNew visit\n\n4 May 2019 - New.\n\n",
        );
        let (src2, found2) = findings(&moved);
        let split = base.split(found2, &src2);
        assert_eq!(
            (split.new.len(), split.baselined, split.stale.len()),
            (0, 2, 0)
        );
    }

    #[test]
    fn fixed_problems_are_stale_and_new_ones_are_new() {
        let (src, found) = findings(PAGE);
        let base = Baseline::of("p", &found, &src);
        let fixed = PAGE
            .replace("Same caption\nSame caption\n", "Same caption\n")
            .replace("\n\n\n2 May", "\n\nB visit\n\n2 May");
        let (src2, found2) = findings(&fixed.replace("3 May 2019", "May 2019"));
        let split = base.split(found2, &src2);
        assert_eq!(split.stale.len(), 2, "{:?}", split.stale);
        assert_eq!(split.new.len(), 1);
        assert_eq!(split.new[0].name, "imprecise-date");
    }

    #[test]
    fn round_trips_and_rejects_corruption() {
        let (src, found) = findings(PAGE);
        let base = Baseline::of("p", &found, &src);
        let yaml = base.to_yaml().unwrap();
        assert_eq!(Baseline::from_yaml(&yaml).unwrap(), base);
        assert!(Baseline::from_yaml(&yaml[..yaml.len() / 2]).is_err());
        assert!(Baseline::from_yaml("version: 1\npage: p\nfindings: 3\n").is_err());
        // Cut anywhere, the file no longer loads.
        for cut in (1..yaml.len()).step_by(7) {
            if yaml.is_char_boundary(cut) && !yaml[cut..].trim().is_empty() {
                assert!(
                    Baseline::from_yaml(&yaml[..cut]).is_err(),
                    "cut at {cut}: {}",
                    &yaml[..cut]
                );
            }
        }
    }

    #[test]
    fn pruning_drops_stale_entries_and_accepts_nothing_new() {
        let (src, found) = findings(PAGE);
        let base = Baseline::of("p", &found, &src);
        // The duplicated caption is fixed and a new problem appears (an untitled entry).
        let fixed = PAGE.replace("Same caption\nSame caption\n", "Same caption\n")
            + "\n\n1 May 2019 - Another.\n";
        let (src2, found2) = findings(&fixed);
        let split = base.split(found2.clone(), &src2);
        assert_eq!(split.stale.len(), 1);
        let pruned = base.without(&split.stale);
        assert_eq!(pruned.findings.len(), base.findings.len() - 1);
        let after = pruned.split(found2, &src2);
        assert!(after.stale.is_empty());
        assert_eq!(after.new.len(), split.new.len(), "nothing newly accepted");
        assert!(!after.new.is_empty());
        let rewritten = Baseline::of("p", &found_all(&fixed), &src2);
        assert_eq!(rewritten.added_since(&base).len(), split.new.len());
    }

    fn found_all(text: &str) -> Vec<Diagnostic> {
        findings(text).1
    }
}
