//! The index that prunes candidates without losing any: results equal scoring every unit.
//!
//! Word scoring: a unit with `m` tokens can score at most `100 · min(n, m) / max(n, m)` against a
//! query of `n` tokens (the length window) and at most `100 · common / max(n, m)`, where `common`
//! is the size of the intersection of the two token bags, because every kept token of an
//! alignment is a shared token. A unit that reaches the minimum score therefore shares at least
//! `c = ⌈min · n / 100⌉` tokens with the query, so it contains one of the query's
//! `n − c + 1` rarest tokens: only their postings are read (prefix filtering).
//!
//! Character scoring (short queries): by the q-gram lemma, strings at edit distance `d` share at
//! least `max(len) + 2 − 3d` padded trigrams, so `d ≥ (max(len) + 2 − common) / 3`. Units that
//! share no trigram are read from length buckets only when that bound still lets them qualify.

use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;

use crate::score::{
    common, distance_limit, ratio, Compact, Prepared, MAX_FUZZY_CHARACTERS, MAX_FUZZY_TOKENS,
};

#[derive(Debug, Default)]
pub(crate) struct Index {
    /// Token id → units containing it.
    postings: HashMap<u32, Vec<u32>>,
    /// Padded character trigram → (unit, occurrences).
    /// Kept sorted by (length, unit) after every batch, so a lookup reads only the units whose
    /// length lies in its window.
    grams: HashMap<u64, GramPostings>,
    /// Character length of the scoring text → units.
    by_length: BTreeMap<usize, Vec<u32>>,
    /// Hash of the text and codes (the exact test) → units: how over-long queries are looked up.
    exact: HashMap<u64, Vec<u32>>,
    /// One more than the highest unit number indexed.
    units: usize,
    /// Per-unit counters reused between lookups; a lookup that finds them busy makes its own.
    scratch: Mutex<Vec<u16>>,
}

enum ScratchCounts<'a> {
    Shared(std::sync::MutexGuard<'a, Vec<u16>>),
    Own(Vec<u16>),
}

impl ScratchCounts<'_> {
    fn counts(&mut self) -> &mut Vec<u16> {
        match self {
            ScratchCounts::Shared(guard) => guard,
            ScratchCounts::Own(own) => own,
        }
    }
}

/// One unit in a trigram's posting list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct GramPosting {
    length: u32,
    unit: u32,
    count: u16,
}

/// A trigram's postings; those past `sorted` were added by the `insert_all` under way.
#[derive(Debug, Default)]
struct GramPostings {
    items: Vec<GramPosting>,
    sorted: usize,
}

/// The padded trigrams of a character sequence, as a sorted multiset.
pub(crate) fn trigrams(chars: &[char]) -> Vec<u64> {
    let mut padded = Vec::with_capacity(chars.len() + 4);
    padded.extend(['\u{2}', '\u{2}']);
    padded.extend_from_slice(chars);
    padded.extend(['\u{3}', '\u{3}']);
    let mut grams: Vec<u64> = padded
        .windows(3)
        .map(|w| {
            w.iter()
                .fold(0u64, |acc, &c| (acc << 21) | u64::from(u32::from(c)))
        })
        .collect();
    grams.sort_unstable();
    grams
}

fn counted(sorted: &[u64]) -> Vec<(u64, u16)> {
    let mut out: Vec<(u64, u16)> = Vec::new();
    for &gram in sorted {
        match out.last_mut() {
            Some((last, count)) if *last == gram => *count = count.saturating_add(1),
            _ => out.push((gram, 1)),
        }
    }
    out
}

impl Index {
    /// Adds units (number, prepared form). The postings are in order again before it returns,
    /// so no lookup can see them half-sorted.
    pub(crate) fn insert_all<'a>(&mut self, units: impl IntoIterator<Item = (u32, &'a Compact)>) {
        for (unit, prepared) in units {
            self.insert(unit, prepared);
        }
        self.sort_new_postings();
    }

    fn insert(&mut self, unit: u32, prepared: &Compact) {
        self.exact.entry(prepared.exact).or_default().push(unit);
        self.units = self.units.max(unit as usize + 1);
        // What is too long for fuzzy matching needs no postings: only the exact test finds it.
        if prepared.ids.len() <= MAX_FUZZY_TOKENS {
            let mut previous = None;
            for &id in prepared.bag.iter() {
                if previous != Some(id) {
                    self.postings.entry(id).or_default().push(unit);
                    previous = Some(id);
                }
            }
        }
        if prepared.chars.len() > MAX_FUZZY_CHARACTERS {
            return;
        }
        let length = u32::try_from(prepared.chars.len()).unwrap_or(u32::MAX);
        for (gram, count) in counted(&trigrams(&prepared.chars)) {
            self.grams.entry(gram).or_default().items.push(GramPosting {
                length,
                unit,
                count,
            });
        }
        self.by_length
            .entry(prepared.chars.len())
            .or_default()
            .push(unit);
    }

    /// Sorts what the inserts left unsorted.
    fn sort_new_postings(&mut self) {
        for postings in self.grams.values_mut() {
            if postings.sorted < postings.items.len() {
                postings.items.sort_unstable();
                postings.sorted = postings.items.len();
            }
        }
    }

    /// Units that may reach `min_score` against `query`; `live` says whether a unit still exists
    /// and gives its prepared form. Every unit not returned scores below `min_score`.
    pub(crate) fn candidates<'a>(
        &self,
        query: &Prepared,
        min_score: u32,
        live: impl Fn(u32) -> Option<&'a Compact>,
    ) -> Vec<u32> {
        if !query.can_match_fuzzily() {
            let mut exact = self.exact.get(&query.exact).cloned().unwrap_or_default();
            exact.retain(|&unit| live(unit).is_some());
            return exact;
        }
        if query.is_short() {
            self.character_candidates(query, min_score, live)
        } else {
            self.token_candidates(query, min_score, live)
        }
    }

    fn token_candidates<'a>(
        &self,
        query: &Prepared,
        min_score: u32,
        live: impl Fn(u32) -> Option<&'a Compact>,
    ) -> Vec<u32> {
        let n = query.ids.len();
        let needed = (min_score as usize * n).div_ceil(100);
        if needed == 0 {
            return Vec::new();
        }
        // The query's token occurrences, rarest first; a qualifying unit holds one of the first
        // n − needed + 1.
        let mut occurrences: Vec<(usize, u32)> = query
            .ids
            .iter()
            .map(|id| (self.postings.get(id).map_or(0, Vec::len), *id))
            .collect();
        occurrences.sort_unstable();
        let prefix = n - needed + 1;
        // Each unit once, marked in a dense array: memory stays one counter per unit however
        // many postings are read.
        let mut scratch = match self.scratch.try_lock() {
            Ok(guard) => ScratchCounts::Shared(guard),
            Err(_) => ScratchCounts::Own(Vec::new()),
        };
        let marks = scratch.counts();
        if marks.len() < self.units {
            marks.resize(self.units, 0);
        }
        let mut seen: Vec<u32> = Vec::new();
        for (_, id) in occurrences.iter().take(prefix) {
            if let Some(units) = self.postings.get(id) {
                for &unit in units {
                    if let Some(mark) = marks.get_mut(unit as usize) {
                        if *mark == 0 {
                            *mark = 1;
                            seen.push(unit);
                        }
                    }
                }
            }
        }
        for &unit in &seen {
            if let Some(mark) = marks.get_mut(unit as usize) {
                *mark = 0;
            }
        }
        drop(scratch);
        seen.sort_unstable();
        seen.retain(|&unit| {
            let Some(candidate) = live(unit) else {
                return false;
            };
            let m = candidate.ids.len();
            let longest = n.max(m);
            if ratio(longest - n.min(m), longest) < min_score {
                return false;
            }
            let shared = common(&query.bag, &candidate.bag);
            ratio(longest - shared, longest) >= min_score
        });
        seen
    }

    fn character_candidates<'a>(
        &self,
        query: &Prepared,
        min_score: u32,
        live: impl Fn(u32) -> Option<&'a Compact>,
    ) -> Vec<u32> {
        let length = query.chars.len();
        // Length window: 100 · min / max ≥ min_score.
        let fits = |other: usize| {
            let longest = length.max(other);
            ratio(longest - length.min(other), longest) >= min_score
        };
        // Fewest padded trigrams a unit of this length must share to reach the minimum:
        // common ≥ longest + 2 − 3 · d, with d at most the distance the minimum allows.
        let needed_for = |other: usize| {
            let longest = length.max(other);
            (longest + 2).saturating_sub(3 * distance_limit(longest, min_score))
        };
        let window: Vec<usize> = self
            .by_length
            .keys()
            .copied()
            .filter(|&other| fits(other))
            .collect();
        let mut out: Vec<u32> = Vec::new();
        // Units whose length allows a match without any shared trigram are read whole.
        for &other in window.iter().filter(|&&other| needed_for(other) == 0) {
            if let Some(units) = self.by_length.get(&other) {
                out.extend(units.iter().copied().filter(|&u| live(u).is_some()));
            }
        }
        // Shared trigrams of every unit that shares any, counted in a dense array.
        let mut scratch = match self.scratch.try_lock() {
            Ok(guard) => ScratchCounts::Shared(guard),
            Err(_) => ScratchCounts::Own(Vec::new()),
        };
        let counts = scratch.counts();
        if counts.len() < self.units {
            counts.resize(self.units, 0);
        }
        let mut touched: Vec<u32> = Vec::new();
        let lowest = window.first().copied().unwrap_or(0);
        let highest = window.last().copied().unwrap_or(0);
        for (gram, count) in counted(&trigrams(&query.chars)) {
            let Some(postings) = self.grams.get(&gram).map(|p| &p.items) else {
                continue;
            };
            let from = postings.partition_point(|p| (p.length as usize) < lowest);
            let to = postings.partition_point(|p| (p.length as usize) <= highest);
            for posting in postings.get(from..to).unwrap_or_default() {
                let (unit, unit_count) = (posting.unit, posting.count);
                if let Some(slot) = counts.get_mut(unit as usize) {
                    if *slot == 0 {
                        touched.push(unit);
                    }
                    *slot = slot.saturating_add(count.min(unit_count));
                }
            }
        }
        for unit in touched {
            let shared = counts.get_mut(unit as usize).map_or(0, std::mem::take);
            let Some(candidate) = live(unit) else {
                continue;
            };
            let other = candidate.chars.len();
            let needed = needed_for(other);
            if fits(other) && needed > 0 && usize::from(shared) >= needed {
                out.push(unit);
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}
