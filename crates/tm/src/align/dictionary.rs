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

    /// How many source words it knows.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether it is empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// How many words of `source` have a translation among `target_words`, and how many of its
    /// words the dictionary knows at all.
    pub fn matches(&self, source: &[String], target_words: &HashSet<String>) -> (u32, u32) {
        let mut known = 0;
        let mut found = 0;
        for word in source {
            if let Some(translations) = self.entries.get(word) {
                known += 1;
                if translations.iter().any(|t| target_words.contains(t)) {
                    found += 1;
                }
            }
        }
        (found, known)
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
        let target: HashSet<String> = words("The red house").into_iter().collect();
        assert_eq!(dictionary.matches(&words("Das rote Haus"), &target), (1, 1));
        assert_eq!(
            dictionary.matches(&words("Das Haus ist rot"), &target),
            (2, 2)
        );
    }
}
