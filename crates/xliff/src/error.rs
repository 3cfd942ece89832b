//! Errors of reading, writing and validating XLIFF.

use thiserror::Error;

pub use werkbank_model::Position;

/// Everything that can go wrong while reading or writing XLIFF.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum XliffError {
    /// The bytes are not well-formed XML (or not in a supported encoding).
    #[error("{position}: not well-formed XML: {message}")]
    Malformed {
        /// Where the problem was found.
        position: Position,
        /// What is wrong.
        message: String,
    },
    /// The document uses a construct that is refused for safety (DOCTYPE, entity declarations).
    #[error("{position}: refused: {message}")]
    Refused {
        /// Where the construct starts.
        position: Position,
        /// What was refused and why.
        message: String,
    },
    /// A limit of [`werkbank_model::Limits`] was exceeded (nesting depth, attribute or text
    /// size, elements per unit or document, ...).
    #[error("{position}: limit exceeded: {exceeded}")]
    Limit {
        /// Where the limit was exceeded.
        position: Position,
        /// Which limit, the value and the bound.
        exceeded: werkbank_model::Exceeded,
    },
    /// The document is XML but not XLIFF (or a version this crate does not know).
    #[error("{position}: not XLIFF: {message}")]
    NotXliff {
        /// Where the root element is.
        position: Position,
        /// What was found instead.
        message: String,
    },
    /// An operation on the document's model could not be done (unknown unit, codes that cannot be
    /// written in the document's version, ...).
    #[error("{message}")]
    Model {
        /// What went wrong.
        message: String,
    },
    /// Reading or writing a file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The underlying error.
        source: std::io::Error,
    },
}

impl XliffError {
    /// The position the error refers to, when it has one.
    pub fn position(&self) -> Option<Position> {
        match self {
            Self::Malformed { position, .. }
            | Self::Refused { position, .. }
            | Self::Limit { position, .. }
            | Self::NotXliff { position, .. } => Some(*position),
            Self::Model { .. } | Self::Io { .. } => None,
        }
    }
}
