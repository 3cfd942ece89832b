//! Segmenting [`Content`]: text with inline codes.

use serde::{Deserialize, Serialize};
use werkbank_model::{CodeKind, Content};

use crate::srx::FormatHandling;
use crate::{SegmentError, Segmenter};

/// Whether a part of segmented content is a segment or the white space between two.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PartKind {
    /// A sentence.
    Segment,
    /// White space (and any codes in it) before, between or after segments. XLIFF 2 writes
    /// these as `ignorable`.
    Gap,
}

/// One part of segmented content. Concatenating all parts gives back the original content.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ContentPart {
    /// Segment or gap.
    pub kind: PartKind,
    /// The part's text and codes.
    pub content: Content,
}

impl Segmenter {
    /// Splits content with inline codes into segments and the gaps between them.
    ///
    /// Breaks are found on the plain text. A code that sits at the edge of a segment goes into
    /// the segment or the gap as the rules' [`FormatHandling`] says (by default an opening code
    /// goes with the text after it and a closing code with the text before it); a code never
    /// moves across text. A break that would separate the two halves of a code pair is dropped,
    /// so no segment ever holds half a pair that the original content held whole.
    ///
    /// # Example
    /// ```
    /// use werkbank_model::{Content, InlineCode};
    /// use werkbank_segment::{PartKind, Segmenter};
    ///
    /// let mut content = Content::from_text("Erster Satz. ");
    /// content.push_code(InlineCode::opening("1").with_data("<b>"));
    /// content.push_text("Zweiter Satz.");
    /// content.push_code(InlineCode::closing("1").with_data("</b>"));
    ///
    /// let segmenter = Segmenter::builtin(&"de".parse()?)?;
    /// let parts = segmenter.split_content(&content)?;
    /// let segments: Vec<_> = parts.iter().filter(|p| p.kind == PartKind::Segment).collect();
    /// assert_eq!(segments.len(), 2);
    /// assert_eq!(segments[1].content.plain_text(), "Zweiter Satz.");
    /// assert_eq!(segments[1].content.codes().len(), 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn split_content(&self, content: &Content) -> Result<Vec<ContentPart>, SegmentError> {
        let text = content.plain_text();
        let mut segments: Vec<Span> = self
            .split(text)?
            .into_iter()
            .map(|span| Span {
                start: span.start,
                end: span.end,
                keeps_edge_codes: false,
            })
            .collect();
        let handling = self.format_handling();
        let pairs = content.code_pairs();
        // Each round joins the segments under every pair that is still split (at least two parts
        // each) or makes segments keep their edge codes, so a bounded number of rounds settles it;
        // the last resort is one segment for everything. Content whose pairs sit inside its
        // sentences settles in the first round; each round is linear in the codes and segments.
        let mut owners = assign_codes(content, &segments, handling);
        let last_round = 2 * pairs.len() + 1;
        for round in 0..=last_round {
            let split: Vec<(usize, usize, usize, usize)> = pairs
                .iter()
                .filter_map(|&(open, close)| {
                    let a = owners.get(open).copied()?;
                    let b = owners.get(close).copied()?;
                    (a != b).then_some((open, close, a.min(b), a.max(b)))
                })
                .collect();
            if split.is_empty() {
                break;
            }
            if round == last_round {
                segments = vec![Span {
                    start: 0,
                    end: text.len(),
                    keeps_edge_codes: true,
                }];
            } else {
                merge_segments(content, &mut segments, &split);
            }
            owners = assign_codes(content, &segments, handling);
        }
        Ok(build_parts(content, &segments, &owners))
    }
}

/// A segment's plain-text range while codes are being placed.
#[derive(Debug, Clone, Copy)]
struct Span {
    start: usize,
    end: usize,
    /// Set once a segment was merged to keep a code pair whole: it then takes every code at its
    /// edges, whatever the format handling says.
    keeps_edge_codes: bool,
}

/// Part numbers: gap `k` (before segment `k`) is `2k`, segment `k` is `2k + 1`; the gap after
/// the last segment is `2n`.
fn assign_codes(content: &Content, segments: &[Span], handling: FormatHandling) -> Vec<usize> {
    let mut owners = Vec::with_capacity(content.codes().len());
    let mut floor = 0;
    for placed in content.codes() {
        let offset = placed.offset;
        // The first segment that ends at or after the offset.
        let k = segments.partition_point(|s| s.end < offset);
        let mut part = match segments.get(k) {
            None => 2 * segments.len(),
            Some(span) if span.keeps_edge_codes && offset >= span.start => 2 * k + 1,
            Some(&Span { start, end, .. }) => {
                let included_before = match placed.code.kind {
                    CodeKind::Opening => handling.start_included,
                    CodeKind::Closing => handling.end_included,
                    CodeKind::Standalone => handling.isolated_included,
                };
                let previous = k.checked_sub(1).and_then(|i| segments.get(i));
                let previous_end = previous.map(|s| s.end);
                if offset > start && offset < end {
                    2 * k + 1
                } else if offset == end && offset == start {
                    // An empty segment cannot happen; treat as the segment.
                    2 * k + 1
                } else if offset == end {
                    // At the end edge of segment k, before the gap after it.
                    if included_before {
                        2 * k + 1
                    } else if segments.get(k + 1).is_some_and(|next| next.start == offset) {
                        2 * k + 3
                    } else {
                        2 * k + 2
                    }
                } else if offset == start {
                    // At the start edge of segment k.
                    if previous_end == Some(offset)
                        && (included_before || previous.is_some_and(|p| p.keeps_edge_codes))
                    {
                        2 * k - 1
                    } else if included_before {
                        2 * k
                    } else {
                        2 * k + 1
                    }
                } else {
                    2 * k
                }
            }
        };
        // Codes keep their order: a later code never lands in an earlier part.
        part = part.max(floor);
        floor = part;
        owners.push(part);
    }
    owners
}

/// Joins, for each split pair `(open, close, low, high)`, the segments that parts `low..=high`
/// cover, so that codes `open` and `close` fall into one; overlapping joins become one segment.
fn merge_segments(
    content: &Content,
    segments: &mut Vec<Span>,
    split: &[(usize, usize, usize, usize)],
) {
    let Some(last_index) = segments.len().checked_sub(1) else {
        // No segments at all: everything is one gap already.
        return;
    };
    let offset_of = |index: usize| content.codes().get(index).map_or(0, |c| c.offset);
    // Per join: the first and last segment index and the text the joined segment must cover.
    let mut joins: Vec<(usize, usize, usize, usize)> = split
        .iter()
        .map(|&(open, close, low, high)| {
            let first = if low % 2 == 1 { (low - 1) / 2 } else { low / 2 };
            let last = if high % 2 == 1 {
                (high - 1) / 2
            } else {
                (high / 2).saturating_sub(1)
            };
            let first = first.min(last_index);
            let last = last.max(first).min(last_index);
            (first, last, offset_of(open), offset_of(close))
        })
        .collect();
    joins.sort_unstable();
    let mut merged: Vec<Span> = Vec::with_capacity(segments.len());
    let mut joins = joins.into_iter().peekable();
    let mut index = 0;
    while let Some(&span) = segments.get(index) {
        let Some(&(first, ..)) = joins.peek().filter(|join| join.0 == index) else {
            merged.push(span);
            index += 1;
            continue;
        };
        let mut last = first;
        let mut start = span.start;
        let mut end = span.end;
        while let Some((_, join_last, open_at, close_at)) =
            joins.next_if(|join| join.0 <= last || join.0 == first)
        {
            last = last.max(join_last);
            start = start.min(open_at);
            end = end.max(close_at);
        }
        let last_span = segments.get(last).copied().unwrap_or(span);
        merged.push(Span {
            start: start.min(span.start),
            end: end.max(last_span.end),
            keeps_edge_codes: true,
        });
        index = last + 1;
    }
    *segments = merged;
}

fn build_parts(content: &Content, segments: &[Span], owners: &[usize]) -> Vec<ContentPart> {
    let text = content.plain_text();
    let mut parts = Vec::with_capacity(2 * segments.len() + 1);
    let mut code = 0;
    let mut text_at = 0;
    for part in 0..=(2 * segments.len()) {
        let (kind, end) = if part % 2 == 1 {
            (
                PartKind::Segment,
                segments.get(part / 2).map_or(text.len(), |s| s.end),
            )
        } else {
            (
                PartKind::Gap,
                segments.get(part / 2).map_or(text.len(), |s| s.start),
            )
        };
        let end = end.max(text_at);
        let first_code = code;
        while owners.get(code) == Some(&part) {
            code += 1;
        }
        if let Some(piece) = content.slice(text_at..end, first_code..code) {
            if kind == PartKind::Segment || !piece.is_empty() {
                parts.push(ContentPart {
                    kind,
                    content: piece,
                });
            }
        }
        text_at = end;
    }
    parts
}
