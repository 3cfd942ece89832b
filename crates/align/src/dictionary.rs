//! A bilingual dictionary in hunalign's format: one entry per line, `target @ source` (for
//! German→English: `en @ de`), phrases of several words allowed.

use std::collections::{HashMap, HashSet};

/// Word translations, source word → target words (lower case).
#[derive(Debug, Clone, Default)]
pub struct Dictionary {
    entries: HashMap<String, HashSet<String>>,
}

impl Dictionary {
    /// Reads hunalign's format. Lines without ` @ ` and multi-word entries are skipped (the
    /// aligner compares single words); the number of entries read is [`Dictionary::len`].
    pub fn parse(text: &str) -> Self {
        let mut entries: HashMap<String, HashSet<String>> = HashMap::new();
        for line in text.lines() {
            let Some((target, source)) = line.split_once(" @ ") else {
                continue;
            };
            let (target, source) = (target.trim(), source.trim());
            if target.is_empty()
                || source.is_empty()
                || target.contains(' ')
                || source.contains(' ')
            {
                continue;
            }
            entries
                .entry(source.to_lowercase())
                .or_default()
                .insert(target.to_lowercase());
        }
        Self { entries }
    }

    /// Learns a dictionary from sentence pairs (hunalign's second pass): a source word and a
    /// target word become an entry when they occur together in at least `min_pairs` pairs and
    /// their Dice coefficient over pairs is at least `min_dice`. Words under three letters and
    /// numbers are left out.
    pub fn learn<'a>(
        pairs: impl Iterator<Item = (&'a [String], &'a [String])>,
        min_pairs: u32,
        min_dice: f64,
    ) -> Self {
        let keep = |w: &&String| w.chars().count() >= 3 && !w.chars().any(|c| c.is_ascii_digit());
        let mut source_counts: HashMap<&String, u32> = HashMap::new();
        let mut target_counts: HashMap<&String, u32> = HashMap::new();
        let mut together: HashMap<(&String, &String), u32> = HashMap::new();
        for (source, target) in pairs {
            let source: HashSet<&String> = source.iter().filter(keep).collect();
            let target: HashSet<&String> = target.iter().filter(keep).collect();
            for s in &source {
                *source_counts.entry(s).or_insert(0) += 1;
                for t in &target {
                    *together.entry((s, t)).or_insert(0) += 1;
                }
            }
            for t in &target {
                *target_counts.entry(t).or_insert(0) += 1;
            }
        }
        let mut entries: HashMap<String, HashSet<String>> = HashMap::new();
        for ((s, t), n) in together {
            if n < min_pairs {
                continue;
            }
            let total = source_counts.get(s).copied().unwrap_or(0)
                + target_counts.get(t).copied().unwrap_or(0);
            if total > 0 && 2.0 * f64::from(n) / f64::from(total) >= min_dice {
                entries.entry(s.clone()).or_default().insert(t.clone());
            }
        }
        Self { entries }
    }

    /// How many source words it knows.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether it is empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// A dictionary applied to two documents: for every source segment the target words its words
/// translate to, for every target segment its words, all as sorted word numbers. Looking a bead
/// up is then a merge of short integer lists.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    known: Vec<u32>,
    candidates: Vec<Vec<u32>>,
    target_words: Vec<Vec<u32>>,
    scratch: (Vec<u32>, Vec<u32>),
}

impl Lexicon {
    /// Prepares `dictionary` for segments whose words are `source` and `target`.
    pub fn new(dictionary: &Dictionary, source: &[Vec<String>], target: &[Vec<String>]) -> Self {
        let mut ids: HashMap<&str, u32> = HashMap::new();
        let mut target_words = Vec::with_capacity(target.len());
        for words in target {
            let mut list: Vec<u32> = words
                .iter()
                .map(|w| {
                    let next = ids.len() as u32;
                    *ids.entry(w.as_str()).or_insert(next)
                })
                .collect();
            list.sort_unstable();
            list.dedup();
            target_words.push(list);
        }
        let mut known = Vec::with_capacity(source.len());
        let mut candidates = Vec::with_capacity(source.len());
        for words in source {
            let mut count = 0;
            let mut list = Vec::new();
            for word in words {
                if let Some(translations) = dictionary.entries.get(word) {
                    count += 1;
                    list.extend(
                        translations
                            .iter()
                            .filter_map(|t| ids.get(t.as_str()).copied()),
                    );
                }
            }
            list.sort_unstable();
            list.dedup();
            known.push(count);
            candidates.push(list);
        }
        Self {
            known,
            candidates,
            target_words,
            scratch: (Vec::new(), Vec::new()),
        }
    }

    /// For source segments `source` and target segments `target`: how many target words are
    /// translations of source words, and how many source words the dictionary knows.
    pub fn matches(
        &mut self,
        source: std::ops::Range<usize>,
        target: std::ops::Range<usize>,
    ) -> (u32, u32) {
        let known = self.known.get(source.clone()).map_or(0, |k| k.iter().sum());
        let (a, b) = &mut self.scratch;
        a.clear();
        b.clear();
        for list in self.candidates.get(source).unwrap_or(&[]) {
            a.extend_from_slice(list);
        }
        for list in self.target_words.get(target).unwrap_or(&[]) {
            b.extend_from_slice(list);
        }
        a.sort_unstable();
        a.dedup();
        b.sort_unstable();
        b.dedup();
        let (mut i, mut j, mut found) = (0, 0, 0u32);
        while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
            match x.cmp(y) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    found += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        (found.min(known), known)
    }
}

/// The lower-case words of a text.
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_entries_and_counts_matches() {
        let dictionary =
            Dictionary::parse("house @ Haus\nhome @ Haus\nred @ rot\nbad line\nice cream @ Eis\n");
        assert_eq!(dictionary.len(), 2);
        let source = [words("Das rote Haus"), words("Das Haus ist rot")];
        let target = [words("The red house")];
        let mut lexicon = Lexicon::new(&dictionary, &source, &target);
        assert_eq!(lexicon.matches(0..1, 0..1), (1, 1));
        assert_eq!(lexicon.matches(1..2, 0..1), (2, 2));
    }
}
