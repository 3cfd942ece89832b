//! Errors of the segment model.

/// What went wrong while building or parsing a model value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ModelError {
    /// A language tag does not follow BCP 47.
    #[error("invalid language tag {tag:?}: {reason}")]
    InvalidLanguageTag {
        /// The tag as it was given.
        tag: String,
        /// Which part of BCP 47 it breaks.
        reason: &'static str,
    },
    /// A code was placed at an offset that is past the end of the text or not on a character boundary.
    #[error("inline code {index} is placed at byte {offset}, which is not a character boundary of the {len}-byte text")]
    CodeOffset {
        /// Index of the code in the content.
        index: usize,
        /// The offending byte offset.
        offset: usize,
        /// Length of the text in bytes.
        len: usize,
    },
    /// Codes must be listed in text order.
    #[error(
        "inline code {index} at byte {offset} comes before the previous code's byte {previous}"
    )]
    CodeOrder {
        /// Index of the code in the content.
        index: usize,
        /// Its byte offset.
        offset: usize,
        /// The offset of the code before it.
        previous: usize,
    },
    /// Coded text refers to a code that does not exist, or contains a code twice.
    #[error("coded text marker at byte {offset} refers to code {index}, but {reason}")]
    CodedTextMarker {
        /// Byte offset of the marker in the coded text.
        offset: usize,
        /// The code index the marker names.
        index: usize,
        /// Why it cannot be used.
        reason: &'static str,
    },
    /// A skeleton carried in an XLIFF file cannot be read.
    #[error("the document skeleton cannot be read: {message}")]
    Skeleton {
        /// What the JSON reader said.
        message: String,
    },
}
