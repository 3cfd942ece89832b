//! Where a memory keeps its units: the `Store` trait, SQLite by default, in memory for tests.

mod in_memory;
mod sqlite;

pub use in_memory::InMemoryStore;
pub use sqlite::SqliteStore;

use werkbank_model::{LanguageTag, TranslationUnit};

use crate::TmError;

/// Persistent storage of translation units. Each unit gets a stable id when it is stored.
pub trait Store {
    /// The language pair of the store, if it has one yet.
    fn languages(&self) -> Option<(LanguageTag, LanguageTag)>;
    /// Fixes the language pair of a new store.
    fn set_languages(&mut self, source: &LanguageTag, target: &LanguageTag) -> Result<(), TmError>;
    /// Every stored unit with its id, in id order.
    fn load_all(&self) -> Result<Vec<(u64, TranslationUnit)>, TmError>;
    /// Stores units all at once (one transaction: all or none) and returns their ids.
    fn insert(&mut self, units: &[TranslationUnit]) -> Result<Vec<u64>, TmError>;
    /// Replaces a stored unit.
    fn update(&mut self, id: u64, unit: &TranslationUnit) -> Result<(), TmError>;
    /// Removes a stored unit.
    fn remove(&mut self, id: u64) -> Result<(), TmError>;
    /// Stores new units and replaces stored ones in one transaction: all of it or, on error,
    /// none. Returns the ids of the new units.
    fn apply(
        &mut self,
        inserts: &[TranslationUnit],
        updates: &[(u64, TranslationUnit)],
    ) -> Result<Vec<u64>, TmError>;
}
