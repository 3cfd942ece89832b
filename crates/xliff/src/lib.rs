//! XLIFF 1.2 and 2.0–2.2 for werkbank, the exchange format and nothing else: a lossless reader
//! and writer, a streaming reader and rewriter ([`stream`]) for files of any size, a streaming
//! writer of new files ([`writer`]), conversion between versions ([`convert`]), edits of units in
//! place ([`edit`], [`operations`]) and a validator that names the rule each error breaks
//! ([`validate`]). Creating, pre-translating and merging are jobs: they live in `werkbank-job`.
//!
//! One entry point, [`Document::parse`], detects the version (1.0, 1.1, 1.2, 2.0, 2.1, 2.2,
//! including 2.2 files in the 2.0 namespace) and keeps everything needed to write the file back
//! as it was: the exact text of every tag, whitespace, comments, processing instructions, CDATA
//! and every extension element and attribute. [`Document::units`] reads units, segments and
//! inline codes into the shared model of `werkbank-model`; [`Document::set_target`] writes a
//! translation back in place.
//!
//! ```
//! use werkbank_model::{Content, SegmentState};
//! use werkbank_xliff::Document;
//!
//! let text = r#"<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">
//!  <file original="a.txt" source-language="de" target-language="en" datatype="plaintext">
//!   <body>
//!    <trans-unit id="1">
//!     <source>Guten <g id="b">Morgen</g>.</source>
//!    </trans-unit>
//!   </body>
//!  </file>
//! </xliff>"#;
//! let mut document = Document::parse(text.as_bytes())?;
//! let units = document.units()?;
//! let source = &units[0].parts[0].segment.source;
//! assert_eq!(source.plain_text(), "Guten Morgen.");
//! assert_eq!(source.codes().len(), 2);
//!
//! // Translate with the source's codes and write back: only the new target is added.
//! let mut target = Content::from_text("Good ");
//! target.push_code(source.codes()[0].code.clone());
//! target.push_text("morning");
//! target.push_code(source.codes()[1].code.clone());
//! target.push_text(".");
//! document.set_target(0, 0, &target, SegmentState::Translated)?;
//! let written = String::from_utf8(document.to_bytes()).unwrap();
//! assert!(written.contains(r#"<target state="translated">Good <g id="b">morning</g>.</target>"#));
//! # Ok::<(), werkbank_xliff::XliffError>(())
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

mod document;
mod error;
mod event_units;
mod extras;
mod inline;
mod namespaces;
mod skeleton;
mod units;
mod xml;

pub use document::{decode, encode, Document, TextEncoding, Version};
pub use error::{Position, XliffError};
pub use extras::{Candidate, MetaGroup};
pub use units::{Part, Unit, UnitTarget};
pub use xml::{Limits, WriteMode};
pub mod convert;
pub mod edit;
pub mod operations;
pub mod stream;
pub mod validate;
pub mod writer;
