//! The werkbank translation memory: "have we translated something like this before?"
//!
//! A [`Memory`] holds German→English (or any other pair of) translation units in a [`Store`]
//! (one SQLite file by default, or memory only) and finds exact, in-context (101) and fuzzy
//! matches for a new segment. Scores are word-token Levenshtein on normalised tokens, as in
//! OmegaT, with character scoring for short segments and documented penalties; an index prunes
//! the units that cannot reach the minimum score, so lookups return exactly what scoring every
//! unit would, much faster. [`tmx`] reads and writes TMX 1.4b as a stream.
//!
//! # Example
//! ```
//! use werkbank_model::{Content, ProposalKind, TranslationUnit};
//! use werkbank_tm::{InMemoryStore, LookupOptions, Memory};
//!
//! let (de, en) = ("de".parse()?, "en".parse()?);
//! let mut memory = Memory::open(InMemoryStore::new(), de, en)?;
//! memory.add(TranslationUnit::new(
//!     "de".parse()?,
//!     "en".parse()?,
//!     Content::from_text("Waschen Sie das Gerät bei 40 °C."),
//!     Content::from_text("Wash the appliance at 40 °C."),
//! ))?;
//!
//! let found = memory.lookup(&Content::from_text("Waschen Sie das Gerät bei 60 °C."), &LookupOptions::default());
//! assert_eq!(found[0].score, 99);
//! assert_eq!(found[0].kind, ProposalKind::Fuzzy);
//! let adapted = found[0].adapted_target.as_ref().unwrap();
//! assert_eq!(adapted.plain_text(), "Wash the appliance at 60 °C.");
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

mod concordance;
mod error;
mod index;
mod matching;
mod memory;
mod numbers;
mod proposals;
mod score;
pub mod store;
pub mod tmx;
mod tokens;

pub use concordance::{concordance, ConcordanceHit};
pub use error::{DatabaseError, TmError};
pub use matching::{Match, TokenDifference};
pub use memory::{LearnReport, LookupOptions, Memory, Side, Statistics};
pub use score::{Penalties, SHORT_SEGMENT_TOKENS};
pub use store::{
    CheckReport, DamagedUnit, InMemoryStore, LearnSession, Learnt, Loaded, SqliteStore, Store,
    Stored,
};
