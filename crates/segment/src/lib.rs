//! Sentence segmentation for translation tools: fast built-in German and English rules and an
//! SRX 2.0 engine that runs real rule files.
//!
//! Splitting returns byte ranges into the input, so nothing is ever lost: every byte lies in a
//! segment or in the white space between two. A line break always ends a segment of the
//! built-in rules, and a blank line starts a new paragraph with any rules. Content with inline
//! codes is segmented without ever separating the two halves of a code pair.
//!
//! # Example
//! ```
//! use werkbank_segment::Segmenter;
//!
//! let text = "Dr. Müller kommt am 3. Oktober. Er bleibt bis ca. 17 Uhr.\n\nNeuer Absatz.";
//! let segmenter = Segmenter::builtin(&"de".parse()?)?;
//! let spans = segmenter.split(text)?;
//! let found: Vec<(&str, usize)> = spans.iter().map(|s| (s.text(text), s.paragraph)).collect();
//! assert_eq!(
//!     found,
//!     [
//!         ("Dr. Müller kommt am 3. Oktober.", 0),
//!         ("Er bleibt bis ca. 17 Uhr.", 0),
//!         ("Neuer Absatz.", 1),
//!     ]
//! );
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # The built-in rules
//! German and English, written for werkbank and compiled in. They handle abbreviations (titles,
//! "z. B.", "d. h.", "bzw.", "Nr.", "Jh.", "v. Chr.", units, month names), ordinals and dates
//! ("am 3. Oktober", "im 18. Jahrhundert", "24.11.2026", "Friedrich II."), decimal and thousands
//! separators, times, initials ("J. R. R. Tolkien"), initialisms ("U.S.A."), ellipses, all
//! German and English quotation styles, brackets, URLs and e-mail addresses, and list items.
//! A quotation that carries on its sentence after it closes („Wir kommen. Bald.“, sagte sie.)
//! stays whole. Everything else starts a new segment only where a translator would expect it.
//!
//! # SRX
//! [`Segmenter::from_srx`] reads an SRX 2.0 file and compiles the rules that its map rules give
//! the language, translating Java regular expressions on the way (see [`srx`]).
#![deny(missing_docs)]
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

mod builtin;
mod content;
mod error;
mod segmenter;
pub mod srx;
mod text;

pub use content::{ContentPart, PartKind};
pub use error::{Position, SegmentError};
pub use segmenter::{SegmentSpan, Segmenter, SegmenterOptions};
