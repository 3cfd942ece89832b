//! What a lookup returns: matches with their score, kind, token differences and adapted target.

use std::ops::Range;

use serde::{Deserialize, Serialize};
use werkbank_model::{Content, ProposalKind, TranslationUnit};

use crate::score::Prepared;
use crate::tokens::Token;

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
    pub kind: ProposalKind,
    /// The unit's id in the memory.
    pub unit_id: u64,
    /// The unit.
    pub unit: TranslationUnit,
    /// Where query and unit source differ, token by token.
    pub differences: Vec<TokenDifference>,
    /// The target with the query's numbers put in, in the target language's form, when only
    /// numbers differ and each of them could be found in the target (see `docs/MATCHING.md`).
    pub adapted_target: Option<Content>,
    /// Numbers differ but could not be put into the target (it spells one out, or a variable
    /// differs): the score counts them as differing tokens and the target is the stored one.
    pub numbers_not_adapted: bool,
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
