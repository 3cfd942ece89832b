//! Quotation spans within a line. A break inside a quotation is suppressed when the quotation
//! continues the sentence it stands in: „Wir kommen. Bald.“, sagte sie.

use super::chars::is_opener;
use crate::text::{char_at, char_before, is_gap_char};

/// Quotations longer than this are not kept whole.
const MAX_KEPT_QUOTATION: usize = 2000;
/// Deeper nesting than this is not tracked.
const MAX_DEPTH: usize = 16;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Family {
    Double,
    Single,
}

/// Byte ranges `(open, close)` of the quotations that continue their sentence after the closing
/// quote; a break at `p` with `open < p <= close` is suppressed. Sorted and disjoint.
#[derive(Debug, Default)]
pub(super) struct KeptQuotations {
    ranges: Vec<(usize, usize)>,
}

impl KeptQuotations {
    pub(super) fn find(line: &str) -> Self {
        let mut stack: Vec<(usize, Family, char)> = Vec::new();
        let mut ranges: Vec<(usize, usize)> = Vec::new();
        let bytes = line.as_bytes();
        for (at, &byte) in bytes.iter().enumerate() {
            // Every quotation mark is '"', '\'' or starts with the byte C2 (« ») or E2 (the rest).
            if !matches!(byte, b'"' | b'\'' | 0xC2 | 0xE2) {
                continue;
            }
            let Some(ch) = char_at(line, at) else {
                continue;
            };
            let family = match ch {
                '„' | '“' | '”' | '»' | '«' | '"' => Family::Double,
                '‚' | '‘' | '’' | '›' | '‹' | '\'' => Family::Single,
                _ => continue,
            };
            let before = char_before(line, at);
            let after = char_at(line, at + ch.len_utf8());
            let loose_before =
                before.is_none_or(|c| is_gap_char(c) || is_opener(c) || matches!(c, '–' | '—'));
            let loose_after = after.is_none_or(is_gap_char);
            let apostrophe = matches!(ch, '’' | '\'')
                && before.is_some_and(char::is_alphanumeric)
                && after.is_some_and(char::is_alphanumeric);
            if apostrophe {
                continue;
            }
            let top = stack.last().map(|&(_, _, c)| c);
            let opens = match ch {
                '„' | '‚' => true,
                '“' => top != Some('„') && loose_before,
                '‘' => top != Some('‚') && loose_before,
                _ => loose_before && !loose_after,
            };
            if opens {
                if stack.len() < MAX_DEPTH {
                    stack.push((at, family, ch));
                }
                continue;
            }
            if loose_before {
                continue;
            }
            if let Some(&(open, open_family, _)) = stack.last() {
                if open_family != family {
                    continue;
                }
                stack.pop();
                if at - open <= MAX_KEPT_QUOTATION && continues_sentence(line, at + ch.len_utf8()) {
                    ranges.push((open, at));
                }
            }
        }
        ranges.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
        for (open, close) in ranges {
            match merged.last_mut() {
                Some(last) if open <= last.1 => last.1 = last.1.max(close),
                _ => merged.push((open, close)),
            }
        }
        Self { ranges: merged }
    }

    /// True when a break at `position` would cut a quotation that continues its sentence.
    pub(super) fn suppresses(&self, position: usize) -> bool {
        let index = self.ranges.partition_point(|&(open, _)| open < position);
        index > 0
            && self
                .ranges
                .get(index - 1)
                .is_some_and(|&(_, close)| position <= close)
    }
}

/// Whether the text after a closing quote carries on the same sentence: a comma, a dash, or a
/// lower-case word ("…“, sagte er", "…« fragte er").
fn continues_sentence(line: &str, after_quote: usize) -> bool {
    let rest = line.get(after_quote..).unwrap_or_default();
    match rest.trim_start_matches(is_gap_char).chars().next() {
        Some(c) => matches!(c, ',' | ';' | '–' | '—' | '-') || c.is_lowercase(),
        None => false,
    }
}
