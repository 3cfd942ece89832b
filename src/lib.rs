//! werkbank: a translation-assist workbench library.
//!
//! werkbank splits German and English text into sentences, reads, validates, converts and writes
//! XLIFF 1.2 and 2.x losslessly and a unit at a time, looks sentences up in a translation memory,
//! pre-translates XLIFF from it, merges translations back and learns from translated files, and
//! aligns old bilingual documents, all on one shared segment model. This crate is the facade:
//! it re-exports the workspace crates under short names.
//!
//! | module | crate | what it holds |
//! |---|---|---|
//! | [`model`] | `werkbank-model` | language tags, content with inline codes, segments, translation units, the `MatchSource` seam |
//! | [`segment`] | `werkbank-segment` | the SRX 2.0 engine and the built-in German and English rules |
//! | [`xliff`] | `werkbank-xliff` | XLIFF 1.2 and 2.0–2.2: streaming lossless reader and writer, validator, converter |
//! | `tm` | `werkbank-tm` | translation memory: exact, in-context and fuzzy matches, TMX, SQLite store (feature `tm`, on by default) |
//! | [`align`] | `werkbank-align` | sentence alignment of a document and its translation |
//! | [`job`] | `werkbank-job` | the job: create XLIFF for translators, pre-translate, merge, learn |
//!
//! # Example
//! ```
//! use werkbank::segment::Segmenter;
//!
//! let segmenter = Segmenter::builtin(&"de".parse()?)?;
//! let text = "Die Lieferung kommt ca. 14 Tage später. Wir bitten um Geduld.";
//! let sentences: Vec<&str> = segmenter.segments(text).collect();
//! assert_eq!(sentences, ["Die Lieferung kommt ca. 14 Tage später.", "Wir bitten um Geduld."]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(missing_docs)]

pub use werkbank_align as align;
pub use werkbank_job as job;
pub use werkbank_model as model;
pub use werkbank_segment as segment;
#[cfg(feature = "tm")]
pub use werkbank_tm as tm;
pub use werkbank_xliff as xliff;

/// The README's Rust examples, compiled and run as doc tests.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
