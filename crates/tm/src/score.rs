//! The match score: word-token Levenshtein (OmegaT's `100 · (max − distance) / max`) on
//! normalised tokens, character Levenshtein for short segments, minus documented penalties.
//! `docs/MATCHING.md` explains it with worked examples.

use serde::{Deserialize, Serialize};
use werkbank_model::Content;

use crate::tokens::{tokenize, Token, TokenKind};

/// Queries with fewer word tokens than this are scored on characters instead of words.
pub const SHORT_SEGMENT_TOKENS: usize = 4;

/// Segments with more word tokens than this are matched exactly only, never fuzzily: the work
/// and memory of a fuzzy lookup stay bounded (a distance of at most 1,000 × 1,000 tokens) however
/// long a segment in a file or a memory is.
pub const MAX_FUZZY_TOKENS: usize = 1000;

/// The same bound for scoring on characters (short queries): at most this many characters.
pub const MAX_FUZZY_CHARACTERS: usize = 4000;

/// Points taken off a match for differences the token distance does not see. All are configurable;
/// a penalty never raises a score, so the index's bounds stay exact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Penalties {
    /// Words that differ only in case ("Datei" / "datei").
    pub case: u8,
    /// Texts that differ only in white space.
    pub whitespace: u8,
    /// A different sequence of punctuation marks.
    pub punctuation: u8,
    /// Each inline code whose data differs although its place matches.
    pub code: u8,
    /// Numbers that differ where everything else matches; the target is then adapted.
    pub number: u8,
}

impl Default for Penalties {
    fn default() -> Self {
        Self {
            case: 1,
            whitespace: 1,
            punctuation: 1,
            code: 1,
            number: 1,
        }
    }
}

/// A segment prepared for scoring.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Prepared {
    /// Every token.
    pub tokens: Vec<Token>,
    /// Interned keys of the word, number and code tokens: the sequence the distance runs on.
    pub ids: Vec<u32>,
    /// Index into `tokens` for each entry of `ids`.
    pub positions: Vec<u32>,
    /// `ids`, sorted: the token bag.
    pub bag: Vec<u32>,
    /// Interned punctuation keys in order.
    pub punctuation: Vec<u32>,
    /// Folded words and numbers joined by single spaces: the text of character scoring.
    pub chars: Vec<char>,
    /// Hash of the plain text and the codes, for the exact test.
    pub exact: u64,
}

/// What a memory keeps of each unit for scoring: the token sequence, bag, punctuation and
/// characters, without the token texts (they are made again from the unit when needed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Compact {
    pub ids: Box<[u32]>,
    pub bag: Box<[u32]>,
    pub punctuation: Box<[u32]>,
    pub chars: Box<[char]>,
    pub exact: u64,
}

impl From<Prepared> for Compact {
    fn from(prepared: Prepared) -> Self {
        Self {
            ids: prepared.ids.into_boxed_slice(),
            bag: prepared.bag.into_boxed_slice(),
            punctuation: prepared.punctuation.into_boxed_slice(),
            chars: prepared.chars.into_boxed_slice(),
            exact: prepared.exact,
        }
    }
}

/// The plain text and the codes (kind and data) of content, as compared by the exact test.
fn exact_parts(content: &Content) -> (&str, Vec<(werkbank_model::CodeKind, Option<&str>)>) {
    let codes = content
        .codes()
        .iter()
        .map(|placed| (placed.code.kind, placed.code.data.as_deref()))
        .collect();
    (content.plain_text(), codes)
}

fn exact_hash(content: &Content) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    exact_parts(content).hash(&mut hasher);
    hasher.finish()
}

/// Whether two contents are the same for the exact test.
pub(crate) fn same_text(a: &Content, b: &Content) -> bool {
    exact_parts(a) == exact_parts(b)
}

impl Prepared {
    pub(crate) fn new(content: &Content, intern: &mut impl FnMut(&str) -> u32) -> Self {
        let tokens = tokenize(content);
        let mut ids = Vec::new();
        let mut positions = Vec::new();
        let mut punctuation = Vec::new();
        let mut chars: Vec<char> = Vec::new();
        for (index, token) in tokens.iter().enumerate() {
            match token.kind {
                TokenKind::Punctuation => punctuation.push(intern(&token.key)),
                kind => {
                    ids.push(intern(&token.key));
                    positions.push(u32::try_from(index).unwrap_or(u32::MAX));
                    if kind != TokenKind::Code {
                        if !chars.is_empty() {
                            chars.push(' ');
                        }
                        match kind {
                            TokenKind::Number | TokenKind::Placeable => {
                                chars.extend(token.text.chars())
                            }
                            _ => chars.extend(token.key.chars()),
                        }
                    }
                }
            }
        }
        let mut bag = ids.clone();
        bag.sort_unstable();
        Self {
            tokens,
            ids,
            positions,
            bag,
            punctuation,
            chars,
            exact: exact_hash(content),
        }
    }

    /// Whether this segment is scored on characters when it is the query.
    pub(crate) fn is_short(&self) -> bool {
        self.ids.len() < SHORT_SEGMENT_TOKENS
    }

    /// Whether this segment, as a query, can have fuzzy matches at all (see
    /// [`MAX_FUZZY_TOKENS`]).
    pub(crate) fn can_match_fuzzily(&self) -> bool {
        if self.is_short() {
            self.chars.len() <= MAX_FUZZY_CHARACTERS
        } else {
            self.ids.len() <= MAX_FUZZY_TOKENS
        }
    }
}

/// Levenshtein distance between two sequences, two rows of memory.
#[cfg(test)]
pub(crate) fn distance<T: PartialEq>(a: &[T], b: &[T]) -> usize {
    distance_within(a, b, usize::MAX).unwrap_or(usize::MAX)
}

/// Levenshtein distance, or `None` as soon as it is sure to exceed `limit`: when every cell of a
/// row is above the limit, no later row can come back under it.
pub(crate) fn distance_within<T: PartialEq>(a: &[T], b: &[T], limit: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    if a.is_empty() {
        return Some(b.len());
    }
    const STACK: usize = 128;
    let mut stack_rows = [[0usize; STACK]; 2];
    let mut heap_rows: Vec<Vec<usize>>;
    let (previous, current): (&mut [usize], &mut [usize]) = if b.len() < STACK {
        let [first, second] = &mut stack_rows;
        (&mut first[..], &mut second[..])
    } else {
        heap_rows = vec![vec![0; b.len() + 1], vec![0; b.len() + 1]];
        let (first, rest) = heap_rows.split_at_mut(1);
        match (first.first_mut(), rest.first_mut()) {
            (Some(first), Some(second)) => (first.as_mut_slice(), second.as_mut_slice()),
            _ => return None,
        }
    };
    let (mut previous, mut current) = (previous, current);
    // Only cells within `limit` of the diagonal can stay within the limit (Ukkonen's band);
    // everything outside it counts as `limit + 1`.
    let outside = limit.saturating_add(1);
    for (j, cell) in previous.iter_mut().take(b.len() + 1).enumerate() {
        *cell = if j <= limit { j } else { outside };
    }
    for i in 1..=a.len() {
        let x = a.get(i - 1)?;
        let low = i.saturating_sub(limit).max(1);
        let high = i.saturating_add(limit).min(b.len());
        let left_edge = if low == 1 && i <= limit { i } else { outside };
        if let Some(cell) = current.get_mut(low - 1) {
            *cell = left_edge;
        }
        let mut row_min = left_edge;
        for j in low..=high {
            let y = b.get(j - 1)?;
            let substitution =
                previous.get(j - 1).copied().unwrap_or(outside) + usize::from(x != y);
            let deletion = previous
                .get(j)
                .copied()
                .unwrap_or(outside)
                .saturating_add(1);
            let insertion = current
                .get(j - 1)
                .copied()
                .unwrap_or(outside)
                .saturating_add(1);
            let value = substitution.min(deletion).min(insertion).min(outside);
            row_min = row_min.min(value);
            if let Some(cell) = current.get_mut(j) {
                *cell = value;
            }
        }
        if let Some(cell) = current.get_mut(high + 1) {
            *cell = outside;
        }
        if row_min > limit {
            return None;
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous.get(b.len()).copied().filter(|&d| d <= limit)
}

/// The largest distance at which `ratio(distance, longest)` still reaches `min_score`.
pub(crate) fn distance_limit(longest: usize, min_score: u32) -> usize {
    longest.saturating_sub((min_score as usize * longest).div_ceil(100))
}

/// `100 · (max − distance) / max`, rounded down; 100 for two empty sequences.
pub(crate) fn ratio(distance: usize, longest: usize) -> u32 {
    if longest == 0 {
        return 100;
    }
    let kept = longest.saturating_sub(distance);
    u32::try_from(kept * 100 / longest).unwrap_or(0)
}

/// Size of the intersection of two sorted bags.
pub(crate) fn common(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut count) = (0, 0, 0);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        match x.cmp(y) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                count += 1;
                i += 1;
                j += 1;
            }
        }
    }
    count
}

/// What scoring found besides the number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Scored {
    /// The score when the target gets the query's numbers (or when no number differs).
    pub score: u32,
    /// The texts are identical, codes included.
    pub exact: bool,
    /// Everything matches except number values: the target can be adapted.
    pub numbers_only: bool,
    /// How many numbers and variables differ (by their text).
    pub numbers_changed: u32,
    /// The score when the differing numbers stay as the stored target has them: they count
    /// as differing tokens, as words would.
    pub unadapted: u32,
}

/// Scores a stored unit against `query`; short queries are scored on characters. Anything that
/// cannot reach `min_score` gets score 0, without finishing the distance. `source` is the unit's
/// source, needed only when the token sequences are equal; `prepare` makes its tokens then.
pub(crate) fn score(
    query: &Prepared,
    query_content: &Content,
    candidate: &Compact,
    source: &Content,
    prepare: impl FnOnce() -> Prepared,
    penalties: &Penalties,
    min_score: u32,
) -> Scored {
    if query.exact == candidate.exact && same_text(query_content, source) {
        return Scored {
            score: 100,
            exact: true,
            numbers_only: false,
            numbers_changed: 0,
            unadapted: 100,
        };
    }
    let nothing = Scored {
        score: 0,
        exact: false,
        numbers_only: false,
        numbers_changed: 0,
        unadapted: 0,
    };
    // Past the bounds, only the exact test above applies.
    let too_long = if query.is_short() {
        query.chars.len() > MAX_FUZZY_CHARACTERS || candidate.chars.len() > MAX_FUZZY_CHARACTERS
    } else {
        query.ids.len() > MAX_FUZZY_TOKENS || candidate.ids.len() > MAX_FUZZY_TOKENS
    };
    if too_long {
        return nothing;
    }
    let (found, longest) = if query.is_short() {
        let longest = query.chars.len().max(candidate.chars.len());
        let limit = distance_limit(longest, min_score);
        (
            distance_within(&query.chars, &candidate.chars, limit),
            longest,
        )
    } else {
        let longest = query.ids.len().max(candidate.ids.len());
        let limit = distance_limit(longest, min_score);
        (distance_within(&query.ids, &candidate.ids, limit), longest)
    };
    let Some(found) = found else {
        return nothing;
    };
    let base = ratio(found, longest);
    let mut penalty = 0u32;
    let mut numbers_only = false;
    let mut numbers_changed = 0u32;
    let mut variables_changed = false;
    let same_punctuation = *query.punctuation == *candidate.punctuation;
    if !same_punctuation {
        penalty += u32::from(penalties.punctuation);
    }
    if *query.ids == *candidate.ids {
        let full = prepare();
        let (mut case, mut numbers, mut codes) = (false, false, 0u32);
        for (&a, &b) in query.positions.iter().zip(&full.positions) {
            let (Some(x), Some(y)) = (query.tokens.get(a as usize), full.tokens.get(b as usize))
            else {
                continue;
            };
            if x.text != y.text {
                match x.kind {
                    TokenKind::Number => {
                        numbers = true;
                        numbers_changed += 1;
                    }
                    TokenKind::Placeable => {
                        numbers = true;
                        numbers_changed += 1;
                        variables_changed = true;
                    }
                    TokenKind::Code => codes += 1,
                    _ => case = true,
                }
            }
        }
        if case {
            penalty += u32::from(penalties.case);
        }
        if numbers {
            penalty += u32::from(penalties.number);
            // Variables (%s, {0}) are never adapted: a different one is a different text.
            numbers_only = !case && codes == 0 && same_punctuation && !variables_changed;
        }
        penalty += codes * u32::from(penalties.code);
        if penalty == 0 {
            // Same tokens, same punctuation, different text: only white space differs.
            penalty += u32::from(penalties.whitespace);
        }
    }
    let score = base.saturating_sub(penalty).min(100);
    // Scored on characters, the differing digits are in the distance already.
    let unadapted = if numbers_changed > 0 && !query.is_short() {
        let distance = found + numbers_changed as usize;
        ratio(distance, longest).saturating_sub(penalty).min(score)
    } else {
        score
    };
    Scored {
        score,
        exact: false,
        numbers_only,
        numbers_changed,
        unadapted,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levenshtein() {
        assert_eq!(distance(&[1, 2, 3], &[1, 3]), 1);
        assert_eq!(distance::<u8>(&[], &[1, 2]), 2);
        assert_eq!(
            distance(
                &['k', 'i', 't', 't', 'e', 'n'],
                &['s', 'i', 't', 't', 'i', 'n', 'g']
            ),
            3
        );
    }

    #[test]
    fn the_band_gives_the_same_distances() {
        let words = [
            "", "a", "ab", "ba", "abc", "acb", "kitten", "sitting", "Datei", "Dateien", "xyzxyz",
        ];
        for a in words {
            for b in words {
                let a: Vec<char> = a.chars().collect();
                let b: Vec<char> = b.chars().collect();
                let full = distance(&a, &b);
                for limit in 0..8 {
                    let banded = distance_within(&a, &b, limit);
                    assert_eq!(
                        banded,
                        (full <= limit).then_some(full),
                        "{a:?} {b:?} {limit}"
                    );
                }
            }
        }
    }

    #[test]
    fn bag_intersection() {
        assert_eq!(common(&[1, 1, 2, 5], &[1, 2, 2, 5, 7]), 3);
    }
}
