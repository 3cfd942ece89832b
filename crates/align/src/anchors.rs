//! Lexical anchors shared by a sentence and its translation: numbers, names and other words
//! that look alike (cognates), URLs, e-mail addresses, inline codes, and the punctuation that
//! survives translation (question and exclamation marks, quotation marks, colons, brackets).

use std::collections::HashMap;

/// Numbers for anchor strings, so that anchors compare as integers.
#[derive(Debug, Default)]
pub struct AnchorTable {
    ids: HashMap<String, u32>,
}

/// The anchors of one segment (or bead): anchor ids, sorted, each with how often it occurs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Anchors {
    tokens: Vec<(u32, u16)>,
    count: u32,
}

fn fold(word: &str) -> String {
    word.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'ä' | 'à' | 'â' | 'á' => 'a',
            'ö' | 'ô' | 'ó' => 'o',
            'ü' | 'ù' | 'û' | 'ú' => 'u',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'ï' | 'î' | 'í' => 'i',
            'ç' => 'c',
            'ß' => 's',
            other => other,
        })
        .collect()
}

impl Anchors {
    /// Collects the anchors of `text`; `codes` is the number of inline codes it holds.
    pub fn of(text: &str, codes: usize, table: &mut AnchorTable) -> Self {
        let mut found: HashMap<u32, u16> = HashMap::new();
        let mut count = 0;
        let mut add = |key: String| {
            let next = table.ids.len() as u32;
            let id = *table.ids.entry(key).or_insert(next);
            *found.entry(id).or_insert(0) += 1;
            count += 1;
        };
        for word in text
            .split(|c: char| c.is_whitespace() || c == '\'' || c == '’')
            .filter(|w| !w.is_empty())
        {
            let lower = word.to_lowercase();
            if lower.starts_with("http://")
                || lower.starts_with("https://")
                || lower.starts_with("www.")
                || (word.contains('@') && word.contains('.'))
            {
                add(format!(
                    "u:{}",
                    lower.trim_end_matches(['.', ',', ')', ';'])
                ));
                continue;
            }
            // Numbers, with separators and units dropped: "1.956" and "1956" are the same anchor.
            let digits: String = word.chars().filter(char::is_ascii_digit).collect();
            if !digits.is_empty() {
                add(format!("n:{}", digits.trim_start_matches('0')));
            }
            let letters: String = word.chars().filter(|c| c.is_alphabetic()).collect();
            let length = letters.chars().count();
            if length >= 4 {
                let folded = fold(&letters);
                let prefix: String = folded.chars().take(4).collect();
                let capital = letters.chars().next().is_some_and(char::is_uppercase);
                // Cognate candidates: the first four letters of longer words.
                if length >= 6 || capital && letters.chars().skip(1).any(char::is_lowercase) {
                    add(format!("w:{prefix}"));
                }
                if letters.chars().all(char::is_uppercase) && length >= 2 {
                    add(format!("a:{folded}"));
                }
            }
        }
        for c in text.chars() {
            match c {
                '?' | '!' | ':' | '(' | '%' | '§' | '€' | '$' => add(format!("p:{c}")),
                '"' | '„' | '“' | '”' | '«' | '»' | '‚' | '‘' | '’' | '‹' | '›' => {
                    add("p:quote".into())
                }
                _ => {}
            }
        }
        for _ in 0..codes {
            add("c:code".into());
        }
        let mut tokens: Vec<(u32, u16)> = found.into_iter().collect();
        tokens.sort_unstable();
        Self { tokens, count }
    }

    /// The anchors of several segments together.
    pub fn combined(parts: &[&Anchors]) -> Anchors {
        match parts {
            [] => Anchors::default(),
            [one] => (*one).clone(),
            _ => {
                let mut tokens: Vec<(u32, u16)> = parts
                    .iter()
                    .flat_map(|a| a.tokens.iter().copied())
                    .collect();
                tokens.sort_unstable();
                let mut merged: Vec<(u32, u16)> = Vec::with_capacity(tokens.len());
                for (id, n) in tokens {
                    match merged.last_mut() {
                        Some((last, m)) if *last == id => *m = m.saturating_add(n),
                        _ => merged.push((id, n)),
                    }
                }
                Anchors {
                    tokens: merged,
                    count: parts.iter().map(|a| a.count).sum(),
                }
            }
        }
    }

    /// How many anchors the two share, and how many they have together: the Dice coefficient
    /// is `2 * shared / total`.
    pub fn shared(&self, other: &Anchors) -> (u32, u32) {
        let (mut i, mut j, mut shared) = (0, 0, 0u32);
        while let (Some(a), Some(b)) = (self.tokens.get(i), other.tokens.get(j)) {
            match a.0.cmp(&b.0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    shared += u32::from(a.1.min(b.1));
                    i += 1;
                    j += 1;
                }
            }
        }
        (shared, self.count + other.count)
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_names_and_cognates_are_shared() {
        let mut table = AnchorTable::default();
        let de = Anchors::of(
            "Die Expedition erreichte 1956 den Gipfel des Dhaulagiri.",
            0,
            &mut table,
        );
        let fr = Anchors::of(
            "L'expédition atteignit en 1956 le sommet du Dhaulagiri.",
            0,
            &mut table,
        );
        let (shared, total) = de.shared(&fr);
        assert!(shared >= 3, "{shared} of {total}");
        let other = Anchors::of("Niemand war dort.", 0, &mut table);
        assert_eq!(de.shared(&other).0, 0);
    }
}
