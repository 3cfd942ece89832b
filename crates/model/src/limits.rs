//! One policy for what a reader accepts, shared by every reader of werkbank (XLIFF, TMX, SRX and
//! the document formats), so that hostile input gives a typed error naming the limit instead of
//! exhausting the stack, the memory or the time.

use std::fmt;

/// Bounds on what readers accept. The defaults leave room for any real file; set lower ones for
/// untrusted input or a small machine.
///
/// ```
/// use werkbank_model::{Limit, Limits};
///
/// let limits = Limits::default().with(Limit::Depth, 64);
/// assert_eq!(limits.max(Limit::Depth), 64);
/// assert_eq!(limits.max(Limit::TextBytes), 64 << 20);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    depth: usize,
    attribute_bytes: usize,
    text_bytes: usize,
    attributes: usize,
    unit_elements: usize,
    elements: usize,
    segment_bytes: usize,
}

/// One of the bounds of [`Limits`]; errors name the one that was exceeded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Limit {
    /// Deepest element nesting (default 256).
    Depth,
    /// Longest attribute value, in bytes (default 1 MiB).
    AttributeBytes,
    /// Longest run of character data, in bytes (default 64 MiB).
    TextBytes,
    /// Most attributes on one element (default 512).
    Attributes,
    /// Most elements in one unit, inline codes included (default 100,000): what one unit of a
    /// file may cost in memory.
    UnitElements,
    /// Most elements in one document (default 20,000,000).
    Elements,
    /// Longest text of one segment or translation unit, in bytes (default 1 MiB): what a
    /// memory stores and matches per unit.
    SegmentBytes,
}

impl Limit {
    /// Every limit, in a fixed order.
    pub const ALL: [Limit; 7] = [
        Limit::Depth,
        Limit::AttributeBytes,
        Limit::TextBytes,
        Limit::Attributes,
        Limit::UnitElements,
        Limit::Elements,
        Limit::SegmentBytes,
    ];

    /// The limit's name as errors and documentation give it.
    pub fn name(self) -> &'static str {
        match self {
            Limit::Depth => "nesting depth",
            Limit::AttributeBytes => "attribute value bytes",
            Limit::TextBytes => "character data bytes",
            Limit::Attributes => "attributes per element",
            Limit::UnitElements => "elements per unit",
            Limit::Elements => "elements per document",
            Limit::SegmentBytes => "segment text bytes",
        }
    }
}

impl fmt::Display for Limit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            depth: 256,
            attribute_bytes: 1 << 20,
            text_bytes: 64 << 20,
            attributes: 512,
            unit_elements: 100_000,
            elements: 20_000_000,
            segment_bytes: 1 << 20,
        }
    }
}

impl Limits {
    /// The bound for `limit`.
    pub fn max(&self, limit: Limit) -> usize {
        match limit {
            Limit::Depth => self.depth,
            Limit::AttributeBytes => self.attribute_bytes,
            Limit::TextBytes => self.text_bytes,
            Limit::Attributes => self.attributes,
            Limit::UnitElements => self.unit_elements,
            Limit::Elements => self.elements,
            Limit::SegmentBytes => self.segment_bytes,
        }
    }

    /// These limits with `limit` set to `max`.
    pub fn with(mut self, limit: Limit, max: usize) -> Self {
        let slot = match limit {
            Limit::Depth => &mut self.depth,
            Limit::AttributeBytes => &mut self.attribute_bytes,
            Limit::TextBytes => &mut self.text_bytes,
            Limit::Attributes => &mut self.attributes,
            Limit::UnitElements => &mut self.unit_elements,
            Limit::Elements => &mut self.elements,
            Limit::SegmentBytes => &mut self.segment_bytes,
        };
        *slot = max;
        self
    }

    /// Whether `value` exceeds `limit`: `Err` carries what an error needs to say so.
    pub fn check(&self, limit: Limit, value: usize) -> Result<(), Exceeded> {
        let max = self.max(limit);
        if value > max {
            Err(Exceeded { limit, value, max })
        } else {
            Ok(())
        }
    }
}

/// A limit that was exceeded: which, by what, and the bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Exceeded {
    /// The limit.
    pub limit: Limit,
    /// The value found (for counts, the first one past the bound).
    pub value: usize,
    /// The bound.
    pub max: usize,
}

impl fmt::Display for Exceeded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} (limit {})", self.limit, self.value, self.max)
    }
}

impl std::error::Error for Exceeded {}
