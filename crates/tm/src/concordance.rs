//! Concordance: the units whose source (or target) contains given words or a phrase, compared
//! without regard to case and accents, ranked, with the hits marked.
//!
//! Words are found as substrings, so "Drucker" finds "Laserdrucker" and "Druckertreiber", as
//! translators expect of a concordance in German. Ranking: units containing the whole phrase
//! first, then those with more of the words at word starts, then shorter texts, then older
//! units.

use std::ops::Range;

use serde::{Deserialize, Serialize};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;
use werkbank_model::TranslationUnit;

use crate::memory::Side;

/// A unit a concordance search found, with where the words are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConcordanceHit {
    /// The unit's id in the memory.
    pub unit_id: u64,
    /// The unit.
    pub unit: TranslationUnit,
    /// The side searched.
    pub side: Side,
    /// Byte ranges of the hits in that side's plain text, in order, not overlapping.
    pub hits: Vec<Range<usize>>,
    /// The whole phrase occurs in it.
    pub phrase: bool,
}

/// Text folded for comparison (lower case, accents removed), with the byte offset in the
/// original text of every byte of the folded text.
pub(crate) struct Folded {
    pub text: String,
    /// `origin[k]` is the original byte offset of folded byte `k`; one more entry for the end.
    origin: Vec<usize>,
}

/// Lower case without accents, ß as ss: "Übergröße" → "ubergrosse".
pub(crate) fn fold(text: &str) -> Folded {
    let mut folded = String::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len() + 1);
    for (at, c) in text.char_indices() {
        for decomposed in std::iter::once(c).nfd() {
            if is_combining_mark(decomposed) {
                continue;
            }
            let lowered: Vec<char> = match decomposed {
                'ß' | 'ẞ' => vec!['s', 's'],
                other => other.to_lowercase().collect(),
            };
            for lower in lowered {
                let before = folded.len();
                folded.push(lower);
                origin.extend(std::iter::repeat_n(at, folded.len() - before));
            }
        }
    }
    origin.push(text.len());
    Folded {
        text: folded,
        origin,
    }
}

impl Folded {
    /// The original byte range of folded range `range`, extended to whole characters.
    fn original(&self, range: Range<usize>, text: &str) -> Range<usize> {
        let start = self.origin.get(range.start).copied().unwrap_or(text.len());
        let mut end = match range.end.checked_sub(1).and_then(|k| self.origin.get(k)) {
            Some(&last) => {
                last + text
                    .get(last..)
                    .and_then(|r| r.chars().next())
                    .map_or(1, char::len_utf8)
            }
            None => start,
        };
        end = end.max(start).min(text.len());
        start..end
    }
}

/// The search, folded: the phrase and its words.
pub(crate) struct Search {
    phrase: String,
    words: Vec<String>,
}

impl Search {
    /// A search for `words` (or the phrase they make).
    pub(crate) fn new(words: &[String]) -> Self {
        let words: Vec<String> = words
            .iter()
            .flat_map(|w| w.split_whitespace())
            .map(|w| fold(w).text)
            .filter(|w| !w.is_empty())
            .collect();
        Self {
            phrase: words.join(" "),
            words,
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The words as typed (folded), for a store's index.
    pub(crate) fn words(&self) -> &[String] {
        &self.words
    }

    /// Whether `text` has every word, and if so its hits and rank key.
    pub(crate) fn find(&self, text: &str) -> Option<(Vec<Range<usize>>, bool, usize)> {
        let folded = fold(text);
        let squeezed = squeeze(&folded.text);
        let mut hits: Vec<Range<usize>> = Vec::new();
        let phrase = self.words.len() > 1 && squeezed.0.contains(&self.phrase);
        if phrase {
            for (at, _) in squeezed.0.match_indices(&self.phrase) {
                let range = squeezed.original(at..at + self.phrase.len());
                hits.push(folded.original(range, text));
            }
        }
        // How many of the words occur at a word start somewhere.
        let mut at_word_start = 0;
        for word in &self.words {
            let mut found = false;
            let mut starts_a_word = false;
            for (at, _) in folded.text.match_indices(word.as_str()) {
                found = true;
                starts_a_word |= folded
                    .text
                    .get(..at)
                    .and_then(|before| before.chars().next_back())
                    .is_none_or(|c| !c.is_alphanumeric());
                hits.push(folded.original(at..at + word.len(), text));
            }
            if !found {
                return None;
            }
            if starts_a_word {
                at_word_start += 1;
            }
        }
        hits.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(hits.len());
        for hit in hits {
            match merged.last_mut() {
                Some(last) if hit.start <= last.end => last.end = last.end.max(hit.end),
                _ => merged.push(hit),
            }
        }
        Some((merged, phrase, at_word_start))
    }
}

/// The folded text with runs of white space made one space, with the mapping back.
struct Squeezed(String, Vec<usize>);

fn squeeze(text: &str) -> Squeezed {
    let mut out = String::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len() + 1);
    let mut in_space = false;
    for (at, c) in text.char_indices() {
        if c.is_whitespace() {
            if in_space {
                continue;
            }
            in_space = true;
            out.push(' ');
            origin.push(at);
        } else {
            in_space = false;
            let before = out.len();
            out.push(c);
            origin.extend((0..out.len() - before).map(|k| at + k));
        }
    }
    origin.push(text.len());
    Squeezed(out, origin)
}

impl Squeezed {
    fn original(&self, range: Range<usize>) -> Range<usize> {
        let start = self.1.get(range.start).copied().unwrap_or(0);
        let end = range
            .end
            .checked_sub(1)
            .and_then(|k| self.1.get(k))
            .map_or(start, |&last| last + 1);
        start..end
    }
}

/// Searches `units` (id, unit) for `words` on `side`: the ranked hits, at most `limit`.
pub(crate) fn search<'u>(
    search: &Search,
    units: impl IntoIterator<Item = (u64, &'u TranslationUnit)>,
    side: Side,
    limit: usize,
) -> Vec<ConcordanceHit> {
    let mut found = Vec::new();
    for (id, unit) in units {
        let text = match side {
            Side::Source => unit.source.plain_text(),
            Side::Target => unit.target.plain_text(),
        };
        if let Some((hits, phrase, starts)) = search.find(text) {
            found.push((
                ConcordanceHit {
                    unit_id: id,
                    unit: unit.clone(),
                    side,
                    hits,
                    phrase,
                },
                starts,
                text.len(),
            ));
        }
    }
    rank(&mut found);
    found.truncate(limit);
    found.into_iter().map(|(hit, _, _)| hit).collect()
}

/// Concordance straight on a store, without opening a memory (which reads every unit): the
/// store's index gives the candidates, and only they are read. A store without an index is
/// read whole.
///
/// ```
/// use werkbank_model::{Content, TranslationUnit};
/// use werkbank_tm::{concordance, InMemoryStore, Memory, Side};
///
/// let mut memory = Memory::open(InMemoryStore::new(), "de".parse()?, "en".parse()?)?;
/// memory.add(TranslationUnit::new("de".parse()?, "en".parse()?,
///     Content::from_text("Schalten Sie den Drucker aus."), Content::from_text("Switch the printer off.")))?;
/// let mut store = memory.into_store();
/// let found = concordance(&mut store, &["drucker".into()], Side::Source, 10)?;
/// assert_eq!(found[0].unit.target.plain_text(), "Switch the printer off.");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn concordance<S: crate::Store>(
    store: &mut S,
    words: &[String],
    side: Side,
    limit: usize,
) -> Result<Vec<ConcordanceHit>, crate::TmError> {
    let wanted = Search::new(words);
    if wanted.is_empty() || limit == 0 {
        return Ok(Vec::new());
    }
    let units = match store.concordance_candidates(wanted.words(), side)? {
        Some(ids) => store.units_by_id(&ids)?,
        None => store.load_all()?.units,
    };
    Ok(search(
        &wanted,
        units.iter().map(|(id, unit)| (*id, unit)),
        side,
        limit,
    ))
}

/// Ranks found units: the phrase first, then more words at word starts, then shorter texts,
/// then older units.
pub(crate) fn rank(found: &mut [(ConcordanceHit, usize, usize)]) {
    found.sort_by(|(a, a_starts, a_len), (b, b_starts, b_len)| {
        b.phrase
            .cmp(&a.phrase)
            .then(b_starts.cmp(a_starts))
            .then(a_len.cmp(b_len))
            .then(a.unit_id.cmp(&b.unit_id))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hits_are_found_without_case_and_accents_and_mapped_back() {
        let search = Search::new(&["uber".into(), "GROSSE".into()]);
        let text = "Die Übergröße passt. Über die große Tür.";
        let (hits, phrase, _) = search.find(text).unwrap();
        assert!(!phrase);
        let marked: Vec<&str> = hits.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(marked, ["Übergröße", "Über", "große"]);
        let search = Search::new(&["große tür".into()]);
        let (hits, phrase, _) = search.find(text).unwrap();
        assert!(phrase);
        let marked: Vec<&str> = hits.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(marked, ["größe", "große Tür"]);
    }
}
