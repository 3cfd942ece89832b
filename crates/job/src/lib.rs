//! werkbank-job: the translation job, over any source of matches.
//!
//! A document becomes XLIFF for the translator ([`create`]), gets the matches of a
//! translation memory or any other [`MatchSource`](werkbank_model::MatchSource) filled in
//! ([`pretranslate`]), comes back translated and becomes the target document again
//! ([`merge`]), and its translated segments become translation units for a memory
//! ([`learn`]). Every step reads and writes a unit at a time, so documents of any size take
//! the memory of one unit (and, for pre-translation, one batch).
//!
//! This crate never depends on a translation memory: matches come through the `MatchSource`
//! seam of werkbank-model, so one memory, several, or a machine translation engine plug in the
//! same way.
//!
//! ```
//! use werkbank_job::create::{create, CreateOptions};
//! use werkbank_job::merge::merge;
//! use werkbank_segment::Segmenter;
//!
//! let options = CreateOptions::new("de".parse()?, "en".parse()?);
//! let segmenter = Segmenter::builtin(&options.source_language)?;
//! let mut xliff = Vec::new();
//! create("Guten Tag.\n", &segmenter, &options, &mut xliff)?;
//! // Nothing translated yet: the merge gives the original back.
//! let mut text = Vec::new();
//! let merged = merge(&xliff[..], &mut text)?;
//! assert_eq!(text, b"Guten Tag.\n");
//! assert_eq!(merged.untranslated, 1);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

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

pub mod create;
mod error;
mod languages;
pub mod learn;
pub mod merge;
pub mod pretranslate;

pub use error::JobError;
