//! Segment text with inline codes.

use std::fmt;
use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::{CodeKind, InlineCode, ModelError};

/// First character of the private-use range that [`Content::coded_text`] uses for code markers.
/// Code `i` is written as the single character `CODE_MARKER_BASE + i` (Supplementary Private Use
/// Area-A), so every code takes exactly one character and four bytes.
pub const CODE_MARKER_BASE: u32 = 0xF_0000;

/// The most codes one [`Content`] can hold while still rendering as coded text.
pub const MAX_CODED_CODES: usize = 0xFFFE;

/// An inline code anchored at a byte offset of the plain text.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PlacedCode {
    /// Byte offset into [`Content::plain_text`]; the code sits just before the byte at this offset.
    pub offset: usize,
    /// The code itself.
    pub code: InlineCode,
}

/// One item of content in reading order: a run of text or a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContentItem<'a> {
    /// A run of text without codes.
    Text(&'a str),
    /// An inline code.
    Code(&'a InlineCode),
}

/// Which side of the codes at one offset a plain-text position maps to in coded text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bias {
    /// Before every code anchored at the offset.
    BeforeCodes,
    /// After every code anchored at the offset.
    AfterCodes,
}

/// Segment text with inline codes.
///
/// Content is stored as its plain text plus a list of codes, each anchored at a byte offset of
/// that text, in reading order. The plain text is therefore free to look at
/// ([`plain_text`](Self::plain_text)), which is what segmenters and matchers want, and codes at the
/// same offset keep their order. [`coded_text`](Self::coded_text) gives the other common view, one
/// private-use marker character per code, and [`plain_to_coded`](Self::plain_to_coded) /
/// [`coded_to_plain`](Self::coded_to_plain) map offsets between the two.
///
/// # Example
/// ```
/// use werkbank_model::{Content, InlineCode};
///
/// let mut content = Content::new();
/// content.push_text("Das ist ");
/// content.push_code(InlineCode::opening("1").with_data("<b>"));
/// content.push_text("fett");
/// content.push_code(InlineCode::closing("1").with_data("</b>"));
/// content.push_text(".");
///
/// assert_eq!(content.plain_text(), "Das ist fett.");
/// assert_eq!(content.codes()[0].offset, 8);
/// // "fett" starts at plain byte 8, and after the opening code's marker in coded text.
/// assert_eq!(content.plain_to_coded(8, werkbank_model::Bias::AfterCodes), 12);
/// ```
#[derive(Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "ContentRepr")]
pub struct Content {
    text: String,
    codes: Vec<PlacedCode>,
}

#[derive(Deserialize)]
struct ContentRepr {
    text: String,
    #[serde(default)]
    codes: Vec<PlacedCode>,
}

impl TryFrom<ContentRepr> for Content {
    type Error = ModelError;
    fn try_from(repr: ContentRepr) -> Result<Self, Self::Error> {
        Self::from_parts(repr.text, repr.codes)
    }
}

impl Content {
    /// Empty content.
    pub fn new() -> Self {
        Self::default()
    }

    /// Content that is plain text without codes.
    pub fn from_text(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            codes: Vec::new(),
        }
    }

    /// Builds content from plain text and placed codes, checking that every offset is a character
    /// boundary of the text and that the codes are in reading order.
    pub fn from_parts(text: String, codes: Vec<PlacedCode>) -> Result<Self, ModelError> {
        let mut previous = 0;
        for (index, placed) in codes.iter().enumerate() {
            if !text.is_char_boundary(placed.offset) {
                return Err(ModelError::CodeOffset {
                    index,
                    offset: placed.offset,
                    len: text.len(),
                });
            }
            if placed.offset < previous {
                return Err(ModelError::CodeOrder {
                    index,
                    offset: placed.offset,
                    previous,
                });
            }
            previous = placed.offset;
        }
        Ok(Self { text, codes })
    }

    /// Builds content from items in reading order.
    pub fn from_items<'a>(items: impl IntoIterator<Item = ContentItem<'a>>) -> Self {
        let mut content = Self::new();
        for item in items {
            match item {
                ContentItem::Text(text) => content.push_text(text),
                ContentItem::Code(code) => content.push_code(code.clone()),
            }
        }
        content
    }

    /// Empty content with room for `text` bytes of text and `codes` codes, for readers that
    /// build content piece by piece.
    pub fn with_capacity(text: usize, codes: usize) -> Self {
        Self {
            text: String::with_capacity(text),
            codes: Vec::with_capacity(codes),
        }
    }

    /// Appends text.
    pub fn push_text(&mut self, text: &str) {
        self.text.push_str(text);
    }

    /// Appends a code after everything so far.
    pub fn push_code(&mut self, code: InlineCode) {
        self.codes.push(PlacedCode {
            offset: self.text.len(),
            code,
        });
    }

    /// Appends all of `other`.
    pub fn append(&mut self, other: &Content) {
        let shift = self.text.len();
        self.text.push_str(&other.text);
        self.codes
            .extend(other.codes.iter().map(|placed| PlacedCode {
                offset: placed.offset + shift,
                code: placed.code.clone(),
            }));
    }

    /// The text without codes.
    pub fn plain_text(&self) -> &str {
        &self.text
    }

    /// The codes with their plain-text offsets, in reading order.
    pub fn codes(&self) -> &[PlacedCode] {
        &self.codes
    }

    /// True when there is neither text nor a code.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty() && self.codes.is_empty()
    }

    /// True when the content has at least one code.
    pub fn has_codes(&self) -> bool {
        !self.codes.is_empty()
    }

    /// Takes the content apart into plain text and placed codes.
    pub fn into_parts(self) -> (String, Vec<PlacedCode>) {
        (self.text, self.codes)
    }

    /// Text runs and codes in reading order. Empty text runs are skipped.
    pub fn items(&self) -> impl Iterator<Item = ContentItem<'_>> + '_ {
        let mut items = Vec::with_capacity(self.codes.len() * 2 + 1);
        let mut at = 0;
        for placed in &self.codes {
            if let Some(run) = self.text.get(at..placed.offset).filter(|r| !r.is_empty()) {
                items.push(ContentItem::Text(run));
            }
            items.push(ContentItem::Code(&placed.code));
            at = placed.offset;
        }
        if let Some(run) = self.text.get(at..).filter(|r| !r.is_empty()) {
            items.push(ContentItem::Text(run));
        }
        items.into_iter()
    }

    /// The coded-text view: the plain text with one marker character per code, where code `i` is
    /// `char::from_u32(CODE_MARKER_BASE + i)`. Codes past [`MAX_CODED_CODES`] are not rendered.
    pub fn coded_text(&self) -> String {
        let mut out = String::with_capacity(self.text.len() + 4 * self.codes.len());
        let mut at = 0;
        for (index, placed) in self.codes.iter().enumerate() {
            out.push_str(self.text.get(at..placed.offset).unwrap_or_default());
            if let Some(marker) = marker_for(index) {
                out.push(marker);
            }
            at = placed.offset;
        }
        out.push_str(self.text.get(at..).unwrap_or_default());
        out
    }

    /// Rebuilds content from coded text and the codes its markers refer to. Every code must be
    /// referred to exactly once, in order.
    pub fn from_coded_text(coded: &str, codes: &[InlineCode]) -> Result<Self, ModelError> {
        let mut content = Self::new();
        let mut next = 0usize;
        for (offset, ch) in coded.char_indices() {
            match code_index(ch) {
                Some(index) => {
                    let code = codes.get(index).ok_or(ModelError::CodedTextMarker {
                        offset,
                        index,
                        reason: "there is no such code",
                    })?;
                    if index != next {
                        return Err(ModelError::CodedTextMarker {
                            offset,
                            index,
                            reason: "codes must appear once each, in order",
                        });
                    }
                    next += 1;
                    content.push_code(code.clone());
                }
                None => content.text.push(ch),
            }
        }
        if next != codes.len() {
            return Err(ModelError::CodedTextMarker {
                offset: coded.len(),
                index: next,
                reason: "the coded text ends before all codes were placed",
            });
        }
        Ok(content)
    }

    /// Maps a plain-text byte offset to the coded-text byte offset, before or after the codes
    /// anchored there.
    pub fn plain_to_coded(&self, plain: usize, bias: Bias) -> usize {
        let codes_before = match bias {
            Bias::BeforeCodes => self.codes.partition_point(|c| c.offset < plain),
            Bias::AfterCodes => self.codes.partition_point(|c| c.offset <= plain),
        };
        plain + 4 * codes_before.min(MAX_CODED_CODES)
    }

    /// Maps a coded-text byte offset to the plain-text byte offset. An offset inside or just after
    /// a marker maps to the offset the code is anchored at.
    pub fn coded_to_plain(&self, coded: usize) -> usize {
        let mut consumed_markers = 0usize;
        for (index, placed) in self.codes.iter().enumerate().take(MAX_CODED_CODES) {
            let marker_start = placed.offset + 4 * index;
            if coded <= marker_start {
                break;
            }
            consumed_markers = index + 1;
            if coded < marker_start + 4 {
                return placed.offset;
            }
        }
        coded
            .saturating_sub(4 * consumed_markers)
            .min(self.text.len())
    }

    /// The indices of codes that are the two halves of one pair, as (opening, closing), in the
    /// order their openings appear. Halves are matched by id, innermost first; a half without a
    /// partner is not listed.
    pub fn code_pairs(&self) -> Vec<(usize, usize)> {
        // Openings not closed yet, per id: a closing half pairs with the latest one of its id.
        let mut open: std::collections::HashMap<&str, Vec<usize>> =
            std::collections::HashMap::new();
        let mut pairs = Vec::new();
        for (index, placed) in self.codes.iter().enumerate() {
            let code = &placed.code;
            if !code.is_paired_half() {
                continue;
            }
            match code.kind {
                CodeKind::Opening => open.entry(code.id.as_str()).or_default().push(index),
                CodeKind::Closing => {
                    if let Some(partner) = open.get_mut(code.id.as_str()).and_then(Vec::pop) {
                        pairs.push((partner, index));
                    }
                }
                CodeKind::Standalone => {}
            }
        }
        pairs.sort_unstable();
        pairs
    }

    /// The byte range of the text without the whitespace that only lays it out: what precedes
    /// the first character or code and what follows the last one.
    pub fn trimmed_range(&self) -> Range<usize> {
        let text = self.text.as_str();
        let mut start = text.len() - text.trim_start().len();
        let mut end = text.trim_end().len();
        if let Some(first) = self.codes.first() {
            start = start.min(first.offset);
        }
        if let Some(last) = self.codes.last() {
            end = end.max(last.offset);
        }
        if end < start {
            // Only whitespace and no codes.
            end = start;
        }
        start..end
    }

    /// A copy without leading and trailing whitespace (codes are kept, and whitespace between
    /// a code and the edge stays).
    pub fn trimmed(&self) -> Content {
        let range = self.trimmed_range();
        if range.start == 0 && range.end == self.text.len() {
            return self.clone();
        }
        let mut out = Content::from_text(self.text.get(range.clone()).unwrap_or(""));
        out.codes = self
            .codes
            .iter()
            .map(|placed| PlacedCode {
                offset: placed.offset.saturating_sub(range.start),
                code: placed.code.clone(),
            })
            .collect();
        out
    }

    /// A copy with the whitespace `layout` has around its text (see
    /// [`trimmed_range`](Self::trimmed_range)) on each side where this content has none of its
    /// own: a stored translation put into a segment that ends in a line break gets the line
    /// break.
    pub fn with_outer_whitespace_of(&self, layout: &Content) -> Content {
        let range = layout.trimmed_range();
        let leading = layout.text.get(..range.start).unwrap_or("");
        let trailing = layout.text.get(range.end..).unwrap_or("");
        let own = self.trimmed_range();
        let add_leading = own.start == 0 && !leading.is_empty();
        let add_trailing = own.end == self.text.len() && !trailing.is_empty();
        if !add_leading && !add_trailing {
            return self.clone();
        }
        let mut out = Content::from_text(if add_leading { leading } else { "" });
        out.append(self);
        if add_trailing {
            out.push_text(trailing);
        }
        out
    }

    /// A copy of the text in `text_range` (plain byte offsets) together with the codes whose
    /// indices are in `code_range`. The codes must lie within the text range.
    pub fn slice(&self, text_range: Range<usize>, code_range: Range<usize>) -> Option<Content> {
        let text = self.text.get(text_range.clone())?;
        let codes = self.codes.get(code_range)?;
        let mut out = Content::from_text(text);
        for placed in codes {
            if placed.offset < text_range.start || placed.offset > text_range.end {
                return None;
            }
            out.codes.push(PlacedCode {
                offset: placed.offset - text_range.start,
                code: placed.code.clone(),
            });
        }
        Some(out)
    }
}

fn marker_for(index: usize) -> Option<char> {
    if index >= MAX_CODED_CODES {
        return None;
    }
    u32::try_from(index)
        .ok()
        .and_then(|i| char::from_u32(CODE_MARKER_BASE + i))
}

fn code_index(ch: char) -> Option<usize> {
    let value = u32::from(ch);
    if (CODE_MARKER_BASE..CODE_MARKER_BASE + MAX_CODED_CODES as u32).contains(&value) {
        usize::try_from(value - CODE_MARKER_BASE).ok()
    } else {
        None
    }
}

impl fmt::Debug for Content {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Content(")?;
        for item in self.items() {
            match item {
                ContentItem::Text(text) => write!(f, "{text:?}")?,
                ContentItem::Code(code) => {
                    let mark = match code.kind {
                        CodeKind::Opening => "<",
                        CodeKind::Closing => "</",
                        CodeKind::Standalone => "<:",
                    };
                    write!(f, "{mark}{}>", code.id)?;
                }
            }
        }
        f.write_str(")")
    }
}

impl fmt::Display for Content {
    /// Writes the plain text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl From<&str> for Content {
    fn from(text: &str) -> Self {
        Self::from_text(text)
    }
}

impl From<String> for Content {
    fn from(text: String) -> Self {
        Self::from_text(text)
    }
}
