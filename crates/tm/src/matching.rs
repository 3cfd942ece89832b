//! What a lookup returns: matches with their score, kind, token differences and adapted target.

use std::ops::Range;

use serde::{Deserialize, Serialize};
use werkbank_model::{Content, ContentItem, TranslationUnit};

use crate::score::Prepared;
use crate::tokens::{Token, TokenKind};

/// How a match relates to the query.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchKind {
    /// Identical source, and the context agrees too: score 101.
    Context,
    /// Identical source: score 100.
    Exact,
    /// Anything below 100.
    Fuzzy,
}

/// One token-level difference between the query and a match's source, for highlighting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenDifference {
    /// Byte range of the query token in the query's plain text (none for an insertion).
    pub query: Option<Range<usize>>,
    /// Byte range of the unit token in the unit's source plain text (none for a deletion).
    pub unit: Option<Range<usize>>,
}

/// A unit found by a lookup.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Match {
    /// 0 to 101.
    pub score: u8,
    /// Context, exact or fuzzy.
    pub kind: MatchKind,
    /// The unit's id in the memory.
    pub unit_id: u64,
    /// The unit.
    pub unit: TranslationUnit,
    /// Where query and unit source differ, token by token.
    pub differences: Vec<TokenDifference>,
    /// The target with the query's numbers put in, when only numbers differ and each of them
    /// could be found once in the target.
    pub adapted_target: Option<Content>,
}

/// Token differences by a Levenshtein alignment over all tokens (punctuation included).
pub(crate) fn differences(query: &Prepared, unit: &Prepared) -> Vec<TokenDifference> {
    let a = &query.tokens;
    let b = &unit.tokens;
    let same = |x: &Token, y: &Token| x.key == y.key && x.text == y.text;
    let width = b.len() + 1;
    let mut table = vec![0usize; (a.len() + 1) * width];
    let at = |i: usize, j: usize| i * width + j;
    for i in 0..=a.len() {
        if let Some(cell) = table.get_mut(at(i, 0)) {
            *cell = i;
        }
    }
    for j in 0..=b.len() {
        if let Some(cell) = table.get_mut(at(0, j)) {
            *cell = j;
        }
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = match (a.get(i - 1), b.get(j - 1)) {
                (Some(x), Some(y)) if same(x, y) => 0,
                _ => 1,
            };
            let value = (table.get(at(i - 1, j - 1)).copied().unwrap_or(0) + cost)
                .min(table.get(at(i - 1, j)).copied().unwrap_or(0) + 1)
                .min(table.get(at(i, j - 1)).copied().unwrap_or(0) + 1);
            if let Some(cell) = table.get_mut(at(i, j)) {
                *cell = value;
            }
        }
    }
    let mut out = Vec::new();
    let (mut i, mut j) = (a.len(), b.len());
    let cell = |i: usize, j: usize| table.get(at(i, j)).copied().unwrap_or(usize::MAX);
    while i > 0 || j > 0 {
        let here = cell(i, j);
        let x = i.checked_sub(1).and_then(|k| a.get(k));
        let y = j.checked_sub(1).and_then(|k| b.get(k));
        match (x, y) {
            (Some(x), Some(y)) if here == cell(i - 1, j - 1) + usize::from(!same(x, y)) => {
                if !same(x, y) {
                    out.push(TokenDifference {
                        query: Some(x.range.clone()),
                        unit: Some(y.range.clone()),
                    });
                }
                i -= 1;
                j -= 1;
            }
            (Some(x), _) if i > 0 && here == cell(i - 1, j) + 1 => {
                out.push(TokenDifference {
                    query: Some(x.range.clone()),
                    unit: None,
                });
                i -= 1;
            }
            (_, Some(y)) => {
                out.push(TokenDifference {
                    query: None,
                    unit: Some(y.range.clone()),
                });
                j -= 1;
            }
            _ => break,
        }
    }
    out.reverse();
    out
}

/// The target with the query's numbers substituted for the unit's, or `None` when a number of
/// the unit does not occur exactly once in the target.
pub(crate) fn adapt_numbers(
    query: &Prepared,
    unit: &Prepared,
    target: &Content,
) -> Option<Content> {
    let pairs: Vec<(&str, &str)> = query
        .tokens
        .iter()
        .filter(|t| t.kind == TokenKind::Number)
        .zip(unit.tokens.iter().filter(|t| t.kind == TokenKind::Number))
        .filter(|(q, u)| q.text != u.text)
        .map(|(q, u)| (u.text.as_str(), q.text.as_str()))
        .collect();
    if pairs.is_empty() {
        return None;
    }
    let target_tokens = crate::tokens::tokenize(target);
    let mut replacements: Vec<(Range<usize>, &str)> = Vec::new();
    for (from, to) in &pairs {
        let places: Vec<&Token> = target_tokens
            .iter()
            .filter(|t| t.kind == TokenKind::Number && t.text == *from)
            .collect();
        let [place] = places.as_slice() else {
            return None;
        };
        replacements.push((place.range.clone(), to));
    }
    replacements.sort_by_key(|(range, _)| range.start);
    let mut out = Content::new();
    let mut text_offset = 0usize;
    for item in target.items() {
        match item {
            ContentItem::Code(code) => out.push_code(code.clone()),
            ContentItem::Text(text) => {
                let run = text_offset..text_offset + text.len();
                let mut cursor = run.start;
                for (range, to) in replacements
                    .iter()
                    .filter(|(r, _)| r.start >= run.start && r.end <= run.end)
                {
                    out.push_text(target.plain_text().get(cursor..range.start)?);
                    out.push_text(to);
                    cursor = range.end;
                }
                out.push_text(target.plain_text().get(cursor..run.end)?);
                text_offset = run.end;
            }
        }
    }
    Some(out)
}
