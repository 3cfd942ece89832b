//! Scoring an alignment against a gold alignment: strict and lax precision, recall and F1 as
//! vecalign's scorer defines them (following Bleualign's evaluation): a bead is a strict match
//! when a gold bead is equal to it, a lax match when a gold bead overlaps it on both sides;
//! insertions and deletions count for precision only.

use std::collections::{HashMap, HashSet};

/// A bead as lists of segment indices.
pub type Link = (Vec<usize>, Vec<usize>);

/// Counts accumulated over one or more documents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// (strict true positives, strict false positives, lax true positives, lax false positives)
    /// of the test beads against the gold beads.
    pub precision: [u64; 4],
    /// The same with the roles swapped and insertions/deletions left out, for recall.
    pub recall: [u64; 4],
}

/// Precision, recall and F1, strict and lax.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Scores {
    /// Strict precision.
    pub strict_precision: f64,
    /// Strict recall.
    pub strict_recall: f64,
    /// Strict F1.
    pub strict_f1: f64,
    /// Lax precision.
    pub lax_precision: f64,
    /// Lax recall.
    pub lax_recall: f64,
    /// Lax F1.
    pub lax_f1: f64,
}

fn matches(gold: &[Link], test: &[Link]) -> [u64; 4] {
    let gold: HashSet<&Link> = gold
        .iter()
        .filter(|(a, b)| !a.is_empty() || !b.is_empty())
        .collect();
    let test: HashSet<&Link> = test
        .iter()
        .filter(|(a, b)| !a.is_empty() || !b.is_empty())
        .collect();
    let mut linked: HashMap<usize, HashSet<usize>> = HashMap::new();
    for (source, target) in &gold {
        for s in source {
            linked.entry(*s).or_default().extend(target.iter().copied());
        }
    }
    let mut out = [0u64; 4];
    for link in &test {
        let [strict_tp, strict_fp, lax_tp, lax_fp] = &mut out;
        if gold.contains(link) {
            *strict_tp += 1;
            *lax_tp += 1;
            continue;
        }
        *strict_fp += 1;
        let (source, target) = link;
        let overlaps = source
            .iter()
            .filter_map(|s| linked.get(s))
            .any(|targets| target.iter().any(|t| targets.contains(t)));
        if overlaps {
            *lax_tp += 1;
        } else {
            *lax_fp += 1;
        }
    }
    out
}

impl Counts {
    /// Adds one document's gold and test beads.
    pub fn add(&mut self, gold: &[Link], test: &[Link]) {
        let both = |links: &[Link]| -> Vec<Link> {
            links
                .iter()
                .filter(|(a, b)| !a.is_empty() && !b.is_empty())
                .cloned()
                .collect()
        };
        let p = matches(gold, test);
        let r = matches(&both(test), &both(gold));
        for (total, add) in self.precision.iter_mut().zip(p) {
            *total += add;
        }
        for (total, add) in self.recall.iter_mut().zip(r) {
            *total += add;
        }
    }

    /// Adds the counts of another set of documents.
    pub fn merge(&mut self, other: &Counts) {
        for (total, add) in self.precision.iter_mut().zip(other.precision) {
            *total += add;
        }
        for (total, add) in self.recall.iter_mut().zip(other.recall) {
            *total += add;
        }
    }

    /// The scores.
    pub fn scores(&self) -> Scores {
        let ratio = |a: u64, b: u64| {
            if a + b == 0 {
                0.0
            } else {
                a as f64 / (a + b) as f64
            }
        };
        let f1 = |p: f64, r: f64| {
            if p + r == 0.0 {
                0.0
            } else {
                2.0 * p * r / (p + r)
            }
        };
        let [ptp, pfp, pltp, plfp] = self.precision;
        let [rtp, rfp, rltp, rlfp] = self.recall;
        let (sp, sr) = (ratio(ptp, pfp), ratio(rtp, rfp));
        let (lp, lr) = (ratio(pltp, plfp), ratio(rltp, rlfp));
        Scores {
            strict_precision: sp,
            strict_recall: sr,
            strict_f1: f1(sp, sr),
            lax_precision: lp,
            lax_recall: lr,
            lax_f1: f1(lp, lr),
        }
    }
}

/// The beads as index lists.
pub fn links(beads: &[super::Bead]) -> Vec<Link> {
    beads
        .iter()
        .map(|b| (b.source.clone().collect(), b.target.clone().collect()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_and_lax() {
        let gold: Vec<Link> = vec![(vec![0], vec![0]), (vec![1, 2], vec![1]), (vec![3], vec![])];
        let test: Vec<Link> = vec![
            (vec![0], vec![0]),
            (vec![1], vec![1]),
            (vec![2], vec![]),
            (vec![3], vec![]),
        ];
        let mut counts = Counts::default();
        counts.add(&gold, &test);
        let scores = counts.scores();
        // Precision: (0,0) and (3,-) strict; (1,1) lax; (2,-) neither.
        assert_eq!(counts.precision, [2, 2, 3, 1]);
        assert!((scores.strict_precision - 0.5).abs() < 1e-9);
        // Recall over beads with both sides: gold (0,0) found, (1 2,1) found laxly.
        assert_eq!(counts.recall, [1, 1, 2, 0]);
    }
}
