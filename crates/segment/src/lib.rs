//! Sentence segmentation for translation tools.
#![deny(missing_docs)]
mod builtin;
mod error;
mod segmenter;
pub mod srx;
mod text;
pub use error::{Position, SegmentError};
pub use segmenter::{SegmentSpan, Segmenter};
