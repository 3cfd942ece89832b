//! A store that lives only as long as the process: for tests and short jobs.

use std::collections::BTreeMap;

use werkbank_model::{LanguageTag, TranslationUnit};

use super::Store;
use crate::TmError;

/// Units kept in memory only.
#[derive(Debug, Default, Clone)]
pub struct InMemoryStore {
    languages: Option<(LanguageTag, LanguageTag)>,
    units: BTreeMap<u64, TranslationUnit>,
    next_id: u64,
}

impl InMemoryStore {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }
}

impl Store for InMemoryStore {
    fn languages(&self) -> Option<(LanguageTag, LanguageTag)> {
        self.languages.clone()
    }

    fn set_languages(&mut self, source: &LanguageTag, target: &LanguageTag) -> Result<(), TmError> {
        self.languages = Some((source.clone(), target.clone()));
        Ok(())
    }

    fn load_all(&self) -> Result<Vec<(u64, TranslationUnit)>, TmError> {
        Ok(self
            .units
            .iter()
            .map(|(&id, unit)| (id, unit.clone()))
            .collect())
    }

    fn insert(&mut self, units: &[TranslationUnit]) -> Result<Vec<u64>, TmError> {
        let mut ids = Vec::with_capacity(units.len());
        for unit in units {
            self.next_id += 1;
            self.units.insert(self.next_id, unit.clone());
            ids.push(self.next_id);
        }
        Ok(ids)
    }

    fn update(&mut self, id: u64, unit: &TranslationUnit) -> Result<(), TmError> {
        match self.units.get_mut(&id) {
            Some(slot) => {
                *slot = unit.clone();
                Ok(())
            }
            None => Err(TmError::NoSuchUnit(id)),
        }
    }

    fn apply(
        &mut self,
        inserts: &[TranslationUnit],
        updates: &[(u64, TranslationUnit)],
    ) -> Result<Vec<u64>, TmError> {
        if let Some((id, _)) = updates.iter().find(|(id, _)| !self.units.contains_key(id)) {
            return Err(TmError::NoSuchUnit(*id));
        }
        for (id, unit) in updates {
            self.units.insert(*id, unit.clone());
        }
        self.insert(inserts)
    }

    fn remove(&mut self, id: u64) -> Result<(), TmError> {
        self.units
            .remove(&id)
            .map(|_| ())
            .ok_or(TmError::NoSuchUnit(id))
    }
}
