//! SRX 2.0: reading rule files and running them.
//!
//! [`SrxDocument`] is the file as written; [`SrxRules`] is the part of it that applies to one
//! language, with every pattern translated from Java syntax and compiled. Most users go through
//! [`Segmenter::from_srx`](crate::Segmenter::from_srx) instead.

mod boundary;
mod document;
mod engine;
mod java;

pub use document::{FormatHandling, LanguageMap, LanguageRule, SrxDocument, SrxRule};
pub use engine::SrxRules;
