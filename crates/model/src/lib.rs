//! The segment model that every werkbank crate shares.
//!
//! A translation tool moves the same things around all day: language tags, text with inline
//! codes, segments with their translation state, and translation units in a memory. This crate
//! defines them once, with serde on everything, so that the segmenter, the translation memory and
//! the XLIFF reader and writer pass the same values to each other. It also holds the seam between
//! XLIFF and the memory: the [`MatchSource`] trait that pre-translation asks for [`Proposal`]s, so
//! that `werkbank-xliff` needs no translation memory (and no SQLite) to pre-translate.
//!
//! # Example
//! ```
//! use werkbank_model::{Content, InlineCode, LanguageTag, Segment};
//!
//! let mut source = Content::from_text("Klicken Sie auf ");
//! source.push_code(InlineCode::opening("1").with_data("<b>"));
//! source.push_text("Speichern");
//! source.push_code(InlineCode::closing("1").with_data("</b>"));
//! source.push_text(".");
//!
//! let segment = Segment::new("1", source);
//! assert_eq!(segment.source.plain_text(), "Klicken Sie auf Speichern.");
//! assert_eq!(segment.source.code_pairs(), vec![(0, 1)]);
//! let de: LanguageTag = "de-de".parse()?;
//! assert_eq!(de.to_string(), "de-DE");
//! # Ok::<(), werkbank_model::ModelError>(())
//! ```
//!
//! # How exchange formats map onto inline codes
//!
//! Every inline element of TMX 1.4b, XLIFF 1.2 and XLIFF 2.x becomes one or two [`InlineCode`]s.
//! The element name goes into [`InlineCode::element`] and every attribute that has no field of its
//! own into [`InlineCode::attributes`], so a writer for the same format reproduces the element.
//! A writer for another format uses the kind and `isolated` columns.
//!
//! | element | kind | isolated | id from | data |
//! |---|---|---|---|---|
//! | TMX `bpt` | Opening | no | `i` | element text (native code) |
//! | TMX `ept` | Closing | no | `i` | element text |
//! | TMX `ph` | Standalone | no | `x` (or position) | element text |
//! | TMX `it pos="begin"` / `pos="end"` | Opening / Closing | yes | `x` (or position) | element text |
//! | TMX `hi` | Opening + Closing around the text | no | `x` (or position) | none; `type` kept |
//! | TMX `ut` | Standalone | no | position | element text |
//! | XLIFF 1.2 `g` | Opening + Closing around the text | no | `id` | none; `ctype` into `code_type` |
//! | XLIFF 1.2 `x` | Standalone | no | `id` | none |
//! | XLIFF 1.2 `bx` / `ex` | Opening / Closing | yes unless the partner (`rid`) is in the same content | `id`, `rid` kept | none |
//! | XLIFF 1.2 `ph` | Standalone | no | `id` | element text |
//! | XLIFF 1.2 `bpt` / `ept` | Opening / Closing | no | `rid` or `id` | element text |
//! | XLIFF 1.2 `it` | Opening or Closing by `pos` | yes | `id` | element text |
//! | XLIFF 1.2 `mrk` | Opening + Closing around the text | no | `mid` | none; `mtype` into `code_type` |
//! | XLIFF 2 `pc` | Opening + Closing around the text | no | `id` | `dataRefStart` / `dataRefEnd` resolved |
//! | XLIFF 2 `sc` / `ec` | Opening / Closing | `isolated` attribute | `id` / `startRef` | `dataRef` resolved |
//! | XLIFF 2 `ph` | Standalone | no | `id` | `dataRef` resolved |
//! | XLIFF 2 `mrk` | Opening + Closing around the text | no | `id` | none; `type`, `value`, `ref`, `translate` kept |
//! | XLIFF 2 `sm` / `em` | Opening / Closing | no | `id` / `startRef` | none |
//!
//! `disp`, `equiv`/`equiv-text`, `type`/`ctype`, `subType`, `canCopy`, `canDelete` and
//! `canReorder` have fields of their own. XLIFF 2 `cp` (a code point that XML cannot carry) is not
//! a code: it becomes the character itself in the text. Elements that carry sub-flows (`sub`) keep
//! their markup, sub-flow included, in `data`.
//!
//! # Plain text and offsets
//! [`Content`] keeps the plain text separately and anchors each code at a byte offset of it, so
//! algorithms work on `&str` without copying. [`Content::coded_text`] is the one-character-per-code
//! view, and [`Content::plain_to_coded`] / [`Content::coded_to_plain`] map offsets both ways.

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

mod code;
mod content;
mod error;
mod language;
mod limits;
mod position;
mod proposal;
mod segment;
mod skeleton;
mod unit;

pub use code::{CanReorder, CodeKind, InlineCode};
pub use content::{Bias, Content, ContentItem, PlacedCode, CODE_MARKER_BASE, MAX_CODED_CODES};
pub use error::ModelError;
pub use language::LanguageTag;
pub use limits::{Exceeded, Limit, Limits};
pub use position::Position;
pub use proposal::{MatchError, MatchSource, Proposal, ProposalKind, ProposalQuery};
pub use segment::{Note, Segment, SegmentState};
pub use skeleton::{Skeleton, SkeletonPart};
pub use unit::{TranslationUnit, UnitContext, UnitMetadata};
