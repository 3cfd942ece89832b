//! A store that lives only as long as the process: for tests and short jobs.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use werkbank_model::{LanguageTag, TranslationUnit};

use super::keys::UnitKeys;
use super::{Learnt, Loaded, Store, Stored};
use crate::TmError;

/// Units kept in memory only.
#[derive(Debug, Default, Clone)]
pub struct InMemoryStore {
    languages: Option<(LanguageTag, LanguageTag)>,
    units: BTreeMap<u64, (TranslationUnit, UnitKeys)>,
    by_variant: HashMap<[u8; 16], u64>,
    by_identity: HashMap<[u8; 16], BTreeSet<u64>>,
    next_id: u64,
}

impl InMemoryStore {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    fn add(&mut self, unit: &TranslationUnit, keys: UnitKeys) -> u64 {
        self.next_id += 1;
        self.place(self.next_id, unit, keys);
        self.next_id
    }

    fn place(&mut self, id: u64, unit: &TranslationUnit, keys: UnitKeys) {
        self.units.insert(id, (unit.clone(), keys));
        self.by_variant.insert(keys.variant, id);
        self.by_identity
            .entry(keys.identity)
            .or_default()
            .insert(id);
    }

    fn drop_unit(&mut self, id: u64) -> bool {
        match self.units.remove(&id) {
            Some((_, keys)) => {
                self.by_variant.remove(&keys.variant);
                if let Some(ids) = self.by_identity.get_mut(&keys.identity) {
                    ids.remove(&id);
                    if ids.is_empty() {
                        self.by_identity.remove(&keys.identity);
                    }
                }
                true
            }
            None => false,
        }
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

    fn load_all(&self) -> Result<Loaded, TmError> {
        Ok(Loaded {
            units: self
                .units
                .iter()
                .map(|(&id, (unit, _))| (id, unit.clone()))
                .collect(),
            damaged: Vec::new(),
        })
    }

    fn units_by_id(&self, ids: &[u64]) -> Result<Vec<(u64, TranslationUnit)>, TmError> {
        let mut ids = ids.to_vec();
        ids.sort_unstable();
        ids.dedup();
        Ok(ids
            .into_iter()
            .filter_map(|id| self.units.get(&id).map(|(unit, _)| (id, unit.clone())))
            .collect())
    }

    fn insert(&mut self, units: &[TranslationUnit]) -> Result<Vec<Stored>, TmError> {
        let mut out = Vec::with_capacity(units.len());
        for unit in units {
            let keys = UnitKeys::of(unit);
            match self.by_variant.get(&keys.variant) {
                Some(&id) => out.push(Stored::Known(id)),
                None => out.push(Stored::Added(self.add(unit, keys))),
            }
        }
        Ok(out)
    }

    fn update(&mut self, id: u64, unit: &TranslationUnit) -> Result<Vec<u64>, TmError> {
        if !self.units.contains_key(&id) {
            return Err(TmError::NoSuchUnit(id));
        }
        let keys = UnitKeys::of(unit);
        let mut removed = Vec::new();
        if let Some(&other) = self.by_variant.get(&keys.variant) {
            if other != id {
                self.drop_unit(other);
                removed.push(other);
            }
        }
        self.drop_unit(id);
        self.place(id, unit, keys);
        Ok(removed)
    }

    fn remove(&mut self, id: u64) -> Result<(), TmError> {
        if self.drop_unit(id) {
            Ok(())
        } else {
            Err(TmError::NoSuchUnit(id))
        }
    }

    fn learn(&mut self, units: &[TranslationUnit]) -> Result<Vec<Learnt>, TmError> {
        let mut out = Vec::with_capacity(units.len());
        for unit in units {
            let keys = UnitKeys::of(unit);
            if let Some(&id) = self.by_variant.get(&keys.variant) {
                out.push(Learnt::Unchanged(id));
                continue;
            }
            let same: Vec<u64> = self
                .by_identity
                .get(&keys.identity)
                .map(|ids| ids.iter().copied().collect())
                .unwrap_or_default();
            match same.split_first() {
                Some((&first, rest)) => {
                    for &other in rest {
                        self.drop_unit(other);
                    }
                    self.update(first, unit)?;
                    out.push(Learnt::Updated {
                        id: first,
                        removed: rest.to_vec(),
                    });
                }
                None => out.push(Learnt::Added(self.add(unit, keys))),
            }
        }
        Ok(out)
    }
}
