//! `Memory`: a translation memory for one language pair over a [`Store`].

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use werkbank_model::{Content, LanguageTag, ProposalKind, TranslationUnit};

use crate::concordance::{self, ConcordanceHit, Search};
use crate::index::Index;
use crate::matching::{differences, Match};
use crate::numbers::{self, Convention};
use crate::score::{score, Compact, Penalties, Prepared};
use crate::store::keys::UnitKeys;
use crate::store::{DamagedUnit, Learnt, Store, Stored};
use crate::TmError;

/// What to look for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct LookupOptions {
    /// Matches below this score are not returned (0 to 100).
    pub min_score: u8,
    /// At most this many matches, best first.
    pub max_results: usize,
    /// Plain text of the segment before the query, for in-context (101) matches.
    pub previous: Option<String>,
    /// Plain text of the segment after the query.
    pub next: Option<String>,
}

impl Default for LookupOptions {
    fn default() -> Self {
        Self {
            min_score: 70,
            max_results: 5,
            previous: None,
            next: None,
        }
    }
}

impl LookupOptions {
    /// These options with another minimum score (0 to 100).
    pub fn with_min_score(mut self, min_score: u8) -> Self {
        self.min_score = min_score;
        self
    }

    /// These options with another maximum number of matches.
    pub fn with_max_results(mut self, max_results: usize) -> Self {
        self.max_results = max_results;
        self
    }

    /// These options with the plain text of the segments before and after the query, for
    /// in-context (101) matches.
    pub fn with_context(mut self, previous: Option<String>, next: Option<String>) -> Self {
        self.previous = previous;
        self.next = next;
        self
    }
}

/// Which side a concordance search looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    /// Source segments.
    Source,
    /// Target segments.
    Target,
}

/// Figures about a memory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statistics {
    /// Source language.
    pub source_language: LanguageTag,
    /// Target language.
    pub target_language: LanguageTag,
    /// Number of units.
    pub units: usize,
    /// Units that carry context.
    pub units_with_context: usize,
    /// Words in all source segments.
    pub source_words: usize,
    /// Distinct source tokens.
    pub distinct_tokens: usize,
}

/// What [`Memory::learn`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LearnReport {
    /// Units stored anew.
    pub added: usize,
    /// Stored units whose translation was replaced.
    pub updated: usize,
    /// Units the memory held already with the same translation.
    pub unchanged: usize,
}

/// A unit as a memory stores it: without the whitespace around source and target, which only
/// lays out the file the unit came from.
pub(crate) fn normalised(mut unit: TranslationUnit) -> TranslationUnit {
    unit.source = unit.source.trimmed();
    unit.target = unit.target.trimmed();
    for context in [&mut unit.context.previous, &mut unit.context.next] {
        if let Some(text) = context {
            let trimmed = text.trim();
            if trimmed.is_empty() {
                *context = None;
            } else if trimmed.len() != text.len() {
                *text = trimmed.to_string();
            }
        }
    }
    unit
}

struct Entry {
    id: u64,
    unit: TranslationUnit,
    prepared: Compact,
}

/// A translation memory: units from one source language to one target language, a store that
/// keeps them, and an index for fast fuzzy lookup.
///
/// # Example
/// ```
/// use werkbank_model::{Content, ProposalKind, TranslationUnit};
/// use werkbank_tm::{InMemoryStore, LookupOptions, Memory};
///
/// let mut memory = Memory::open(InMemoryStore::new(), "de".parse()?, "en".parse()?)?;
/// memory.add(TranslationUnit::new(
///     "de".parse()?,
///     "en".parse()?,
///     Content::from_text("Die Datei wurde gespeichert."),
///     Content::from_text("The file was saved."),
/// ))?;
/// let matches = memory.lookup(&Content::from_text("Die Datei wurde nicht gespeichert."), &LookupOptions::default());
/// assert_eq!(matches[0].kind, ProposalKind::Fuzzy);
/// assert_eq!(matches[0].score, 80);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct Memory<S: Store> {
    store: S,
    source_language: LanguageTag,
    target_language: LanguageTag,
    penalties: Penalties,
    entries: Vec<Option<Entry>>,
    slots: HashMap<u64, u32>,
    vocabulary: HashMap<String, u32>,
    index: Index,
    damaged: Vec<DamagedUnit>,
}

impl<S: Store> std::fmt::Debug for Memory<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Memory")
            .field("source_language", &self.source_language)
            .field("target_language", &self.target_language)
            .field("units", &self.slots.len())
            .finish()
    }
}

impl<S: Store> Memory<S> {
    /// Opens a memory over `store` for the given language pair, loading and indexing every unit.
    /// A store that already has another language pair is an error.
    pub fn open(mut store: S, source: LanguageTag, target: LanguageTag) -> Result<Self, TmError> {
        match store.languages() {
            Some((stored_source, stored_target)) => {
                if !(stored_source.serves(&source) && stored_target.serves(&target)) {
                    return Err(TmError::LanguagePair {
                        stored: format!("{stored_source}→{stored_target}"),
                        asked: format!("{source}→{target}"),
                    });
                }
            }
            None => store.set_languages(&source, &target)?,
        }
        let mut memory = Self {
            store,
            source_language: source,
            target_language: target,
            penalties: Penalties::default(),
            entries: Vec::new(),
            slots: HashMap::new(),
            vocabulary: HashMap::new(),
            index: Index::default(),
            damaged: Vec::new(),
        };
        let loaded = memory.store.load_all()?;
        let slots: Vec<u32> = loaded
            .units
            .into_iter()
            .map(|(id, unit)| memory.add_entry(id, unit))
            .collect();
        memory.index_entries(&slots);
        memory.damaged = loaded.damaged;
        Ok(memory)
    }

    /// Units the store holds but could not read when the memory was opened (a damaged file):
    /// they are left out of every lookup. `werkbank tm check` says more.
    pub fn damaged(&self) -> &[DamagedUnit] {
        &self.damaged
    }

    /// Changes the penalties used from now on.
    pub fn set_penalties(&mut self, penalties: Penalties) {
        self.penalties = penalties;
    }

    /// Source language.
    pub fn source_language(&self) -> &LanguageTag {
        &self.source_language
    }

    /// Target language.
    pub fn target_language(&self) -> &LanguageTag {
        &self.target_language
    }

    /// Number of units.
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    /// True when the memory holds no unit.
    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// Keeps a unit and prepares it for matching; it is found once [`Self::index_entries`] has
    /// indexed its slot (which it returns).
    fn add_entry(&mut self, id: u64, unit: TranslationUnit) -> u32 {
        let vocabulary = &mut self.vocabulary;
        let mut intern = |key: &str| -> u32 {
            let next = u32::try_from(vocabulary.len()).unwrap_or(u32::MAX);
            *vocabulary.entry(key.to_string()).or_insert(next)
        };
        let prepared = Compact::from(Prepared::new(&unit.source, &mut intern));
        let slot = u32::try_from(self.entries.len()).unwrap_or(u32::MAX);
        self.entries.push(Some(Entry { id, unit, prepared }));
        self.slots.insert(id, slot);
        slot
    }

    /// Indexes the entries at `slots` that are still there, all at once.
    fn index_entries(&mut self, slots: &[u32]) {
        let entries = &self.entries;
        let live = slots.iter().filter_map(|&slot| {
            let entry = entries.get(slot as usize)?.as_ref()?;
            Some((slot, &entry.prepared))
        });
        self.index.insert_all(live);
    }

    fn check_languages(&self, unit: &TranslationUnit) -> Result<(), TmError> {
        if self.source_language.serves(&unit.source_language)
            && self.target_language.serves(&unit.target_language)
        {
            Ok(())
        } else {
            Err(TmError::LanguagePair {
                stored: format!("{}→{}", self.source_language, self.target_language),
                asked: format!("{}→{}", unit.source_language, unit.target_language),
            })
        }
    }

    /// Adds one unit and returns its id (that of the stored unit when the memory holds it with
    /// the same translation already).
    pub fn add(&mut self, unit: TranslationUnit) -> Result<u64, TmError> {
        let ids = self.add_all(vec![unit])?;
        ids.first().copied().ok_or(TmError::NoSuchUnit(0))
    }

    /// Adds many units in one transaction of the store: all of them or, on error, none. A unit
    /// the memory holds already with the same translation is not stored twice (its id is
    /// returned). The index is updated, not rebuilt.
    pub fn add_all(&mut self, units: Vec<TranslationUnit>) -> Result<Vec<u64>, TmError> {
        let units: Vec<TranslationUnit> = units.into_iter().map(normalised).collect();
        for unit in &units {
            self.check_languages(unit)?;
        }
        let stored = self.store.insert(&units)?;
        let mut ids = Vec::with_capacity(stored.len());
        let mut slots = Vec::new();
        for (outcome, unit) in stored.into_iter().zip(units) {
            if let Stored::Added(id) = outcome {
                slots.push(self.add_entry(id, unit));
            }
            ids.push(outcome.id());
        }
        self.index_entries(&slots);
        Ok(ids)
    }

    /// Replaces a unit.
    pub fn update(&mut self, id: u64, unit: TranslationUnit) -> Result<(), TmError> {
        let unit = normalised(unit);
        self.check_languages(&unit)?;
        for removed in self.store.update(id, &unit)? {
            self.forget(removed);
        }
        self.forget(id);
        let slot = self.add_entry(id, unit);
        self.index_entries(&[slot]);
        Ok(())
    }

    /// Learns translated units (from a translated file): a unit the memory holds already (the
    /// same source, codes included, in the same context) gets the new translation, any other is
    /// added. All of it in one transaction of the store: a failure, or a killed process, keeps
    /// none of it.
    pub fn learn(&mut self, units: Vec<TranslationUnit>) -> Result<LearnReport, TmError> {
        let mut report = LearnReport::default();
        let units: Vec<TranslationUnit> = units.into_iter().map(normalised).collect();
        for unit in &units {
            self.check_languages(unit)?;
        }
        // A unit learnt twice in one import: the later translation wins, in the earlier place.
        let mut first_of: HashMap<[u8; 16], usize> = HashMap::new();
        let mut chosen: Vec<usize> = Vec::new();
        for (position, unit) in units.iter().enumerate() {
            let identity = UnitKeys::of(unit).identity;
            match first_of.get(&identity) {
                Some(&slot) => {
                    report.unchanged += 1;
                    if let Some(place) = chosen.get_mut(slot) {
                        *place = position;
                    }
                }
                None => {
                    first_of.insert(identity, chosen.len());
                    chosen.push(position);
                }
            }
        }
        let mut units: Vec<Option<TranslationUnit>> = units.into_iter().map(Some).collect();
        let batch: Vec<TranslationUnit> = chosen
            .iter()
            .filter_map(|&position| units.get_mut(position).and_then(Option::take))
            .collect();
        let outcomes = self.store.learn(&batch)?;
        let mut slots = Vec::new();
        for (outcome, unit) in outcomes.into_iter().zip(batch) {
            match outcome {
                Learnt::Added(id) => {
                    report.added += 1;
                    slots.push(self.add_entry(id, unit));
                }
                Learnt::Updated { id, removed } => {
                    report.updated += 1;
                    for other in removed {
                        self.forget(other);
                    }
                    self.forget(id);
                    slots.push(self.add_entry(id, unit));
                }
                Learnt::Unchanged(id) if self.damaged.iter().any(|d| d.id == Some(id)) => {
                    // The stored row could not be read: write it again from what was learnt.
                    self.store.update(id, &unit)?;
                    self.damaged.retain(|d| d.id != Some(id));
                    slots.push(self.add_entry(id, unit));
                    report.updated += 1;
                }
                Learnt::Unchanged(_) => report.unchanged += 1,
            }
        }
        self.index_entries(&slots);
        Ok(report)
    }

    /// Removes a unit.
    pub fn remove(&mut self, id: u64) -> Result<(), TmError> {
        self.store.remove(id)?;
        self.forget(id);
        Ok(())
    }

    fn forget(&mut self, id: u64) {
        if let Some(slot) = self.slots.remove(&id) {
            if let Some(entry) = self.entries.get_mut(slot as usize) {
                *entry = None;
            }
        }
    }

    /// A unit by id.
    pub fn get(&self, id: u64) -> Option<&TranslationUnit> {
        let slot = self.slots.get(&id)?;
        self.entries.get(*slot as usize)?.as_ref().map(|e| &e.unit)
    }

    /// Every unit with its id, in the order they were indexed.
    pub fn units(&self) -> impl Iterator<Item = (u64, &TranslationUnit)> + '_ {
        self.entries.iter().flatten().map(|e| (e.id, &e.unit))
    }

    /// Content prepared for scoring with the memory's token ids; tokens it has never seen get
    /// ids of their own that match nothing. Used for queries, and to get a stored unit's tokens back.
    fn prepare(&self, query: &Content) -> Prepared {
        let mut unknown = u32::MAX;
        let mut intern = |key: &str| -> u32 {
            self.vocabulary.get(key).copied().unwrap_or_else(|| {
                unknown -= 1;
                unknown
            })
        };
        Prepared::new(query, &mut intern)
    }

    fn live(&self, slot: u32) -> Option<&Compact> {
        self.entries
            .get(slot as usize)?
            .as_ref()
            .map(|e| &e.prepared)
    }

    /// The best matches for `query`, best first: score, then the older unit first.
    pub fn lookup(&self, query: &Content, options: &LookupOptions) -> Vec<Match> {
        // The whitespace around a segment only lays out its document.
        let query = &query.trimmed();
        let prepared = self.prepare(query);
        let min_score = u32::from(options.min_score.min(100));
        let slots = if min_score == 0 {
            (0..u32::try_from(self.entries.len()).unwrap_or(u32::MAX)).collect()
        } else {
            self.index
                .candidates(&prepared, min_score, |slot| self.live(slot))
        };
        self.rank(query, &prepared, slots, options, true)
    }

    /// The same result as [`lookup`](Self::lookup), by scoring every unit in full: the reference
    /// the index is tested and benchmarked against (feature `oracles`, not for users).
    #[cfg(feature = "oracles")]
    pub fn lookup_brute_force(&self, query: &Content, options: &LookupOptions) -> Vec<Match> {
        let prepared = self.prepare(query);
        let slots = (0..u32::try_from(self.entries.len()).unwrap_or(u32::MAX)).collect();
        self.rank(query, &prepared, slots, options, false)
    }

    /// The same result again, by visiting every unit but stopping each distance as soon as the
    /// minimum score is out of reach: the strongest way to do without an index (feature
    /// `oracles`, not for users).
    #[cfg(feature = "oracles")]
    pub fn lookup_scan(&self, query: &Content, options: &LookupOptions) -> Vec<Match> {
        let prepared = self.prepare(query);
        let slots = (0..u32::try_from(self.entries.len()).unwrap_or(u32::MAX)).collect();
        self.rank(query, &prepared, slots, options, true)
    }

    /// Scores `slots` and keeps the best. With `cut_short`, a distance stops as soon as the
    /// minimum is out of reach; without, every unit is scored in full.
    fn rank(
        &self,
        query_content: &Content,
        query: &Prepared,
        slots: Vec<u32>,
        options: &LookupOptions,
        cut_short: bool,
    ) -> Vec<Match> {
        let min_score = u32::from(options.min_score.min(100));
        let score_floor = if cut_short { min_score } else { 0 };
        let conventions = (
            Convention::of(&self.source_language),
            Convention::of(&self.target_language),
        );
        // (value, unit id, slot, in context, adapted target, numbers differ but not adapted)
        let mut found: Vec<(u32, u64, u32, bool, Option<Content>, bool)> = Vec::new();
        for slot in slots {
            let Some(Some(entry)) = self.entries.get(slot as usize) else {
                continue;
            };
            let scored = score(
                query,
                query_content,
                &entry.prepared,
                &entry.unit.source,
                || self.prepare(&entry.unit.source),
                &self.penalties,
                score_floor,
            );
            if scored.score < min_score {
                continue;
            }
            // Numbers that differ: the score holds only when the target gets the query's
            // numbers; otherwise they count as differing tokens.
            let (value, adapted_target, not_adapted) = if scored.numbers_changed == 0 {
                (scored.score, None, false)
            } else {
                let adapted = if scored.numbers_only {
                    let unit_tokens = self.prepare(&entry.unit.source);
                    numbers::adapt(
                        &query.tokens,
                        &unit_tokens.tokens,
                        &entry.unit.target,
                        conventions.0,
                        conventions.1,
                    )
                } else {
                    None
                };
                match adapted {
                    Some(target) => (scored.score, Some(target), false),
                    None => (scored.unadapted, None, true),
                }
            };
            if value < min_score {
                continue;
            }
            let in_context = scored.exact
                && (options.previous.is_some() || options.next.is_some())
                && entry.unit.context.previous == options.previous
                && entry.unit.context.next == options.next;
            let value = if in_context { 101 } else { value };
            found.push((
                value,
                entry.id,
                slot,
                in_context,
                adapted_target,
                not_adapted,
            ));
        }
        // Best first; of two with the same score the one whose numbers were adapted, then the
        // older unit.
        found.sort_by(|a, b| b.0.cmp(&a.0).then(a.5.cmp(&b.5)).then(a.1.cmp(&b.1)));
        found.truncate(options.max_results);
        found
            .into_iter()
            .filter_map(
                |(value, id, slot, in_context, adapted_target, not_adapted)| {
                    let entry = self.entries.get(slot as usize)?.as_ref()?;
                    let kind = if in_context {
                        ProposalKind::Context
                    } else if value >= 100 {
                        ProposalKind::Exact
                    } else {
                        ProposalKind::Fuzzy
                    };
                    let unit_tokens = self.prepare(&entry.unit.source);
                    Some(Match {
                        score: u8::try_from(value).unwrap_or(101),
                        kind,
                        unit_id: id,
                        unit: entry.unit.clone(),
                        differences: differences(query, &unit_tokens),
                        adapted_target,
                        numbers_not_adapted: not_adapted,
                    })
                },
            )
            .collect()
    }

    /// Units whose source (or target) contains `words` (each as a substring: "Drucker" finds
    /// "Laserdrucker"), compared without regard to case and accents; ranked (the whole phrase
    /// first, then more words at word starts, then shorter texts, then older units), at most
    /// `limit`, with the hits marked. A store with a concordance index (SQLite) answers from it;
    /// otherwise every unit is read.
    ///
    /// ```
    /// use werkbank_model::{Content, TranslationUnit};
    /// use werkbank_tm::{InMemoryStore, Memory, Side};
    ///
    /// let mut memory = Memory::open(InMemoryStore::new(), "de".parse()?, "en".parse()?)?;
    /// memory.add(TranslationUnit::new("de".parse()?, "en".parse()?,
    ///     Content::from_text("Der Laserdrucker druckt nicht."), Content::from_text("The laser printer does not print.")))?;
    /// let found = memory.concordance(&["DRUCKER".into()], Side::Source, 10)?;
    /// let text = found[0].unit.source.plain_text();
    /// assert_eq!(&text[found[0].hits[0].clone()], "drucker");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn concordance(
        &mut self,
        words: &[String],
        side: Side,
        limit: usize,
    ) -> Result<Vec<ConcordanceHit>, TmError> {
        let search = Search::new(words);
        if search.is_empty() || limit == 0 {
            return Ok(Vec::new());
        }
        let candidates = self.store.concordance_candidates(search.words(), side)?;
        Ok(match candidates {
            Some(ids) => concordance::search(
                &search,
                ids.into_iter()
                    .filter_map(|id| self.get(id).map(|unit| (id, unit))),
                side,
                limit,
            ),
            None => concordance::search(
                &search,
                self.entries.iter().flatten().map(|e| (e.id, &e.unit)),
                side,
                limit,
            ),
        })
    }

    /// Figures about the memory.
    pub fn statistics(&self) -> Statistics {
        let entries = self.entries.iter().flatten();
        let (mut with_context, mut words) = (0, 0);
        for entry in entries {
            if entry.unit.context.previous.is_some() || entry.unit.context.next.is_some() {
                with_context += 1;
            }
            words += crate::tokens::tokenize(&entry.unit.source)
                .iter()
                .filter(|t| t.kind == crate::tokens::TokenKind::Word)
                .count();
        }
        Statistics {
            source_language: self.source_language.clone(),
            target_language: self.target_language.clone(),
            units: self.slots.len(),
            units_with_context: with_context,
            source_words: words,
            distinct_tokens: self.vocabulary.len(),
        }
    }

    /// The store, for example to close it.
    pub fn into_store(self) -> S {
        self.store
    }
}
