//! Where a memory keeps its units: the `Store` trait, SQLite by default, in memory for tests.
//!
//! Every store follows the same rules: a write is one transaction (all of it or nothing), a
//! memory never holds the same unit with the same translation twice (see `keys.rs`), learning
//! decides "new or known" inside its transaction so that concurrent writers cannot both add
//! the same unit, and reading goes on past units it cannot decode, reporting them.

mod in_memory;
pub(crate) mod keys;
mod sqlite;

pub use in_memory::InMemoryStore;
pub use sqlite::{CheckReport, LearnSession, SqliteStore};

use werkbank_model::{LanguageTag, TranslationUnit};

use crate::TmError;

/// A unit a store could not read, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DamagedUnit {
    /// Its id, when even that could be read.
    pub id: Option<u64>,
    /// What is wrong.
    pub problem: String,
}

/// Everything a store could read, and what it could not.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    /// The units with their ids, in id order.
    pub units: Vec<(u64, TranslationUnit)>,
    /// The units that could not be read.
    pub damaged: Vec<DamagedUnit>,
}

/// What storing one unit did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stored {
    /// Stored under this new id.
    Added(u64),
    /// The store held the same unit with the same translation already, under this id.
    Known(u64),
}

impl Stored {
    /// The unit's id, new or known.
    pub fn id(self) -> u64 {
        match self {
            Stored::Added(id) | Stored::Known(id) => id,
        }
    }
}

/// What learning one unit did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Learnt {
    /// A unit the store did not hold, stored under this id.
    Added(u64),
    /// The store held the unit (same source and context) with another translation: unit `id`
    /// has the new one now, and `removed` are other translations of it that were dropped.
    Updated {
        /// The unit that has the new translation.
        id: u64,
        /// Other stored translations of the same unit, removed.
        removed: Vec<u64>,
    },
    /// The store held the unit with this translation already.
    Unchanged(u64),
}

/// Persistent storage of translation units. Each unit gets a stable id when it is stored.
pub trait Store {
    /// The language pair of the store, if it has one yet.
    fn languages(&self) -> Option<(LanguageTag, LanguageTag)>;
    /// Fixes the language pair of a new store.
    fn set_languages(&mut self, source: &LanguageTag, target: &LanguageTag) -> Result<(), TmError>;
    /// Every unit that can be read, in id order, and those that cannot.
    fn load_all(&self) -> Result<Loaded, TmError>;
    /// The units with these ids that exist and can be read, in id order.
    fn units_by_id(&self, ids: &[u64]) -> Result<Vec<(u64, TranslationUnit)>, TmError>;
    /// Stores units in one transaction (all or none); a unit the store holds already with the
    /// same translation is not stored again.
    fn insert(&mut self, units: &[TranslationUnit]) -> Result<Vec<Stored>, TmError>;
    /// Replaces a stored unit; returns the ids of other units removed because they became the
    /// same unit with the same translation.
    fn update(&mut self, id: u64, unit: &TranslationUnit) -> Result<Vec<u64>, TmError>;
    /// Removes a stored unit.
    fn remove(&mut self, id: u64) -> Result<(), TmError>;
    /// Learns units in one transaction: a unit with the identity of a stored one (same source
    /// and context) replaces its translation, any other is added. The decision is made inside
    /// the transaction, against what is stored then.
    fn learn(&mut self, units: &[TranslationUnit]) -> Result<Vec<Learnt>, TmError>;
    /// The ids of the units whose `side` may contain every one of `words` (folded: lower case,
    /// no accents, ß as ss), from an index, or `None` when the store has none (every unit is
    /// then checked). The ids may include units that do not; they must include every one that
    /// does.
    fn concordance_candidates(
        &mut self,
        words: &[String],
        side: crate::Side,
    ) -> Result<Option<Vec<u64>>, TmError> {
        let _ = (words, side);
        Ok(None)
    }
}
