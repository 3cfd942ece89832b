//! Pre-translation: filling a document's targets from any source of matches (a translation
//! memory, several, a machine translation engine: anything implementing [`MatchSource`]), and
//! offering the near matches as translation candidates (1.2 `alt-trans`, 2.x `mtc:matches`),
//! a batch of units at a time.
//!
//! For every segment that has no translation yet, the source is asked for proposals at or above
//! a threshold, with the segments before and after it as context:
//! - an in-context (101) or exact (100) match fills the target with state `translated` (in 1.2
//!   also `state-qualifier="exact-match"`);
//! - a fuzzy match is offered as a candidate; it fills the target only when
//!   [`PretranslateOptions::fill_fuzzy`] is set, and then with a state that asks for review (1.2
//!   `needs-review-translation` with `state-qualifier="leveraged-tm"`, 2.x `initial` with
//!   `subState="werkbank:fuzzy-match"`);
//! - the proposal's inline codes are replaced by the segment's own codes
//!   ([`Proposal::target_for`]); when that cannot be done safely, the match is offered but not
//!   filled;
//! - numbers that differ between the stored source and the segment are put into the proposed
//!   target when the source adapts them ([`Proposal::best_target`]).
//!
//! The document is read and written a unit at a time, and validated in the same pass
//! ([`PretranslateSummary::findings`]); a document that names no languages gets those of the
//! options or of the matches, written into it.
//!
//! ```
//! use werkbank_job::pretranslate::{pretranslate, Outcome, PretranslateOptions};
//! use werkbank_model::{Content, LanguageTag, MatchError, MatchSource, Proposal, ProposalKind, ProposalQuery};
//!
//! /// A source of matches that knows one sentence.
//! struct Greeting(LanguageTag, LanguageTag);
//! impl MatchSource for Greeting {
//!     fn source_language(&self) -> &LanguageTag { &self.0 }
//!     fn target_language(&self) -> &LanguageTag { &self.1 }
//!     fn proposals(&self, query: &ProposalQuery<'_>) -> Result<Vec<Proposal>, MatchError> {
//!         if query.source.plain_text() != "Guten Morgen." {
//!             return Ok(Vec::new());
//!         }
//!         Ok(vec![Proposal::new(ProposalKind::Exact, 100, query.source.clone(), Content::from_text("Good morning."))])
//!     }
//! }
//!
//! let text = r#"<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="de" trgLang="en">
//!  <file id="f1">
//!   <unit id="u1">
//!    <segment id="s1"><source>Guten Morgen.</source></segment>
//!    <segment id="s2"><source>Wie geht es?</source></segment>
//!   </unit>
//!  </file>
//! </xliff>"#;
//! let source = Greeting("de".parse()?, "en".parse()?);
//! let mut outcomes = Vec::new();
//! let mut written = Vec::new();
//! pretranslate(text.as_bytes(), &mut written, &source, &PretranslateOptions::default(), &mut |report| {
//!     outcomes.push(report.outcome);
//! })?;
//! assert_eq!(outcomes, [Outcome::Filled(ProposalKind::Exact), Outcome::NoMatch]);
//! let written = String::from_utf8(written)?;
//! assert!(written.contains(r#"<segment id="s1" state="translated"><source>Guten Morgen.</source><target>Good morning.</target></segment>"#));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::io::{Read, Write};

use werkbank_model::{Content, LanguageTag, MatchSource, Proposal, ProposalKind, ProposalQuery};
use werkbank_xliff::edit::{Fill, SegmentEdit};
use werkbank_xliff::stream::{rewrite_with, BatchedUnit, Rewrite};
use werkbank_xliff::validate::{Finding, Options as ValidateOptions, Validated};
use werkbank_xliff::{Unit, XliffError};

use crate::error::stash;
use crate::{languages, JobError};

/// How [`pretranslate`] works.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct PretranslateOptions {
    /// Proposals scoring lower are neither filled nor offered (0 to 100).
    pub min_score: u8,
    /// At most this many proposals per segment are written as candidates (0: none).
    pub max_candidates: usize,
    /// Fill the target with the best fuzzy match too (with a state that asks for review).
    pub fill_fuzzy: bool,
    /// Replace targets that are there already; without it, a segment with a non-empty target
    /// is left as it is.
    pub overwrite: bool,
    /// The `origin` written on candidates. Candidates with the same origin from an earlier run
    /// are replaced, so running twice does not offer everything twice.
    pub origin: String,
    /// The document's source language: written where the document names none or another one
    /// (with a warning). Without it, a document that names none takes the matches'.
    pub source_language: Option<LanguageTag>,
    /// The document's target language, as the source language.
    pub target_language: Option<LanguageTag>,
    /// How many units the source of matches is asked about at once.
    pub batch: usize,
}

impl Default for PretranslateOptions {
    fn default() -> Self {
        Self {
            min_score: 70,
            max_candidates: 3,
            fill_fuzzy: false,
            overwrite: false,
            origin: "werkbank".into(),
            source_language: None,
            target_language: None,
            batch: 64,
        }
    }
}

impl PretranslateOptions {
    /// Sets [`PretranslateOptions::min_score`].
    pub fn with_min_score(mut self, min_score: u8) -> Self {
        self.min_score = min_score;
        self
    }

    /// Sets [`PretranslateOptions::max_candidates`].
    pub fn with_max_candidates(mut self, max_candidates: usize) -> Self {
        self.max_candidates = max_candidates;
        self
    }

    /// Sets [`PretranslateOptions::fill_fuzzy`].
    pub fn filling_fuzzy(mut self, fill_fuzzy: bool) -> Self {
        self.fill_fuzzy = fill_fuzzy;
        self
    }

    /// Sets [`PretranslateOptions::overwrite`].
    pub fn overwriting(mut self, overwrite: bool) -> Self {
        self.overwrite = overwrite;
        self
    }

    /// Sets [`PretranslateOptions::origin`].
    pub fn with_origin(mut self, origin: impl Into<String>) -> Self {
        self.origin = origin.into();
        self
    }

    /// Sets the document's languages (see [`PretranslateOptions::source_language`]).
    pub fn with_languages(
        mut self,
        source: Option<LanguageTag>,
        target: Option<LanguageTag>,
    ) -> Self {
        self.source_language = source;
        self.target_language = target;
        self
    }

    /// Sets [`PretranslateOptions::batch`].
    pub fn with_batch(mut self, batch: usize) -> Self {
        self.batch = batch.max(1);
        self
    }
}

/// What happened to one segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Outcome {
    /// The target was filled from a match of this kind.
    Filled(ProposalKind),
    /// Matches were offered as candidates; the target was not filled.
    Offered,
    /// The best match is exact (or fuzzy with `fill_fuzzy`) but its inline codes could not be
    /// mapped onto the segment's safely, so it was offered, not filled.
    CodesNotMapped,
    /// No match at or above the threshold.
    NoMatch,
    /// The segment had a translation already and `overwrite` was not set.
    AlreadyTranslated,
    /// The unit is marked `translate="no"`.
    NotTranslatable,
}

impl Outcome {
    /// A short name for reports: `filled_context`, `filled_exact`, `filled_fuzzy`, `offered`,
    /// `codes_not_mapped`, `no_match`, `already_translated`, `not_translatable`.
    pub fn name(self) -> &'static str {
        match self {
            Outcome::Filled(ProposalKind::Context) => "filled_context",
            Outcome::Filled(ProposalKind::Exact) => "filled_exact",
            Outcome::Filled(ProposalKind::Fuzzy) => "filled_fuzzy",
            Outcome::Offered => "offered",
            Outcome::CodesNotMapped => "codes_not_mapped",
            Outcome::NoMatch => "no_match",
            Outcome::AlreadyTranslated => "already_translated",
            Outcome::NotTranslatable => "not_translatable",
        }
    }
}

/// One segment's result, handed to the callback of [`pretranslate`].
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct SegmentReport {
    /// The unit's id.
    pub unit: String,
    /// The segment's id (generated when the document had none and candidates point to it).
    pub segment: String,
    /// The segment's source.
    pub source: Content,
    /// What was done.
    pub outcome: Outcome,
    /// The best proposal, if there was one.
    pub best: Option<Proposal>,
    /// The target written, if one was.
    pub target: Option<Content>,
}

/// What [`pretranslate`] did: how many segments had each outcome.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct PretranslateSummary {
    /// Segments in all.
    pub segments: usize,
    /// Segments for which at least one proposal was found.
    pub with_proposals: usize,
    /// (outcome, segments), in the order outcomes first came up.
    pub outcomes: Vec<(Outcome, usize)>,
    /// Languages that were supplied or corrected, one sentence each.
    pub warnings: Vec<String>,
    /// What the validator found in the document, read in the same pass (files from other
    /// tools are often not quite valid: they are pre-translated all the same); empty when it
    /// is valid.
    pub findings: Vec<Finding>,
}

impl PretranslateSummary {
    /// Segments with `outcome`.
    pub fn count(&self, outcome: Outcome) -> usize {
        self.outcomes
            .iter()
            .find(|(o, _)| *o == outcome)
            .map_or(0, |(_, n)| *n)
    }

    /// Segments whose target was filled from a match of `kind`.
    pub fn filled(&self, kind: ProposalKind) -> usize {
        self.count(Outcome::Filled(kind))
    }

    fn note(&mut self, report: &SegmentReport) {
        self.segments += 1;
        if report.best.is_some() {
            self.with_proposals += 1;
        }
        match self.outcomes.iter_mut().find(|(o, _)| *o == report.outcome) {
            Some((_, n)) => *n += 1,
            None => self.outcomes.push((report.outcome, 1)),
        }
    }
}

/// Pre-translates the document read from `input` into `output` from `matches` (see the module
/// documentation); `on_segment` is told what was done to each segment, in document order.
pub fn pretranslate<R: Read, W: Write>(
    input: R,
    output: &mut W,
    matches: &dyn MatchSource,
    options: &PretranslateOptions,
    on_segment: &mut dyn FnMut(&SegmentReport),
) -> Result<PretranslateSummary, JobError> {
    let mut job = Pretranslating {
        matches,
        options,
        on_segment,
        summary: PretranslateSummary::default(),
        languages: None,
        previous: None,
        failure: None,
        file_in_other_pair: None,
        other_pair: None,
        matching_units: 0,
        skipped_units: 0,
    };
    let result = rewrite_with(input, output, &mut job);
    if let Some(error) = job.failure.take() {
        return Err(error);
    }
    result?;
    if let Some((document_source, document_target)) = job.other_pair.take() {
        let error = JobError::LanguagePair {
            document_source,
            document_target,
            matches_source: matches.source_language().to_string(),
            matches_target: matches.target_language().to_string(),
        };
        if job.matching_units == 0 {
            // Nothing in the document is in the pair of the matches.
            return Err(error);
        }
        job.summary.warnings.push(format!(
            "{} units left as they were: {error}",
            job.skipped_units
        ));
    }
    Ok(job.summary)
}

struct Pretranslating<'a> {
    matches: &'a dyn MatchSource,
    options: &'a PretranslateOptions,
    on_segment: &'a mut dyn FnMut(&SegmentReport),
    summary: PretranslateSummary,
    /// The languages of the file being read.
    languages: Option<(LanguageTag, LanguageTag)>,
    /// The source of the segment before the batch, with its file.
    previous: Option<(String, Content)>,
    failure: Option<JobError>,
    /// The pair of the file being read when it is not the matches' (its units are left as
    /// they are).
    file_in_other_pair: Option<(String, String)>,
    /// The first such pair that had units.
    other_pair: Option<(String, String)>,
    /// Units of files in the pair of the matches.
    matching_units: usize,
    /// Units of files in another pair, left as they were.
    skipped_units: usize,
}

/// A segment to look up: where it is, its neighbours, and whether it is looked up at all.
struct Slot {
    unit: usize,
    part: usize,
    translate: bool,
    kept: bool,
}

impl Pretranslating<'_> {
    fn choose_languages(
        &mut self,
        source: Option<&str>,
        target: Option<&str>,
    ) -> Result<(Option<String>, Option<String>), JobError> {
        let matches = self.matches;
        let warnings = &mut self.summary.warnings;
        let (source, write_source) = languages::resolve(
            "",
            "source",
            source,
            self.options.source_language.as_ref(),
            Some(matches.source_language()),
            warnings,
        )?;
        let (target, write_target) = languages::resolve(
            "",
            "target",
            target,
            self.options.target_language.as_ref(),
            Some(matches.target_language()),
            warnings,
        )?;
        let write_source = write_source.then(|| source.to_string());
        let write_target = write_target.then(|| target.to_string());
        if source.primary_language() != matches.source_language().primary_language()
            || target.primary_language() != matches.target_language().primary_language()
        {
            return Err(JobError::LanguagePair {
                document_source: source.to_string(),
                document_target: target.to_string(),
                matches_source: matches.source_language().to_string(),
                matches_target: matches.target_language().to_string(),
            });
        }
        self.languages = Some((source, target));
        Ok((write_source, write_target))
    }

    fn pretranslate_batch(
        &mut self,
        batch: &mut [BatchedUnit],
        next: Option<&Unit>,
    ) -> Result<(), JobError> {
        let options = self.options;
        // Every segment of the batch in document order, so that each is looked up with its
        // neighbours.
        let mut slots = Vec::new();
        for (unit_index, batched) in batch.iter().enumerate() {
            let unit = batched.unit();
            for (part_index, part) in unit.parts.iter().enumerate() {
                if part.ignorable {
                    continue;
                }
                // A 1.2 unit translated as a whole (a target without segment markers) counts
                // as translated in each of its segments.
                let has_target = unit.unit_target.is_some()
                    || part
                        .segment
                        .target
                        .as_ref()
                        .is_some_and(|t| !t.plain_text().trim().is_empty() || t.has_codes());
                slots.push(Slot {
                    unit: unit_index,
                    part: part_index,
                    translate: unit.translate,
                    kept: has_target && !options.overwrite,
                });
            }
        }
        let unit_of = |slot: &Slot| batch.get(slot.unit).map(BatchedUnit::unit);
        let source_of = |slot: &Slot| {
            unit_of(slot)
                .and_then(|u| u.parts.get(slot.part))
                .map(|p| &p.segment.source)
        };
        let file_of = |slot: &Slot| unit_of(slot).map(|u| u.file.as_str());
        let after_batch = next.and_then(|unit| {
            unit.segments()
                .next()
                .map(|segment| (unit.file.as_str(), &segment.source))
        });
        // The neighbours of each slot: in the batch, or just before or after it, in the same
        // file.
        let mut queries = Vec::new();
        let mut asked = Vec::new();
        for (index, slot) in slots.iter().enumerate() {
            if !slot.translate || slot.kept {
                continue;
            }
            let (Some(source), Some(file)) = (source_of(slot), file_of(slot)) else {
                continue;
            };
            let previous = match index.checked_sub(1).and_then(|i| slots.get(i)) {
                Some(other) => source_of(other).filter(|_| file_of(other) == Some(file)),
                None => self
                    .previous
                    .as_ref()
                    .filter(|(f, _)| f == file)
                    .map(|(_, content)| content),
            };
            let next = match slots.get(index + 1) {
                Some(other) => source_of(other).filter(|_| file_of(other) == Some(file)),
                None => after_batch
                    .filter(|(f, _)| *f == file)
                    .map(|(_, content)| content),
            };
            queries.push(
                ProposalQuery::new(source)
                    .with_previous(previous)
                    .with_next(next)
                    .with_min_score(options.min_score)
                    .with_max_results(options.max_candidates.max(1)),
            );
            asked.push(index);
        }
        let answers = self.matches.proposals_for_all(&queries)?;
        let mut answers = asked.into_iter().zip(answers).peekable();

        let mut reports = Vec::with_capacity(slots.len());
        let mut edits: Vec<Vec<SegmentEdit>> = vec![Vec::new(); batch.len()];
        for (index, slot) in slots.iter().enumerate() {
            let (Some(unit), Some(source)) = (unit_of(slot), source_of(slot)) else {
                continue;
            };
            let mut report = SegmentReport {
                unit: unit.id.clone(),
                segment: unit
                    .parts
                    .get(slot.part)
                    .map(|p| p.segment.id.clone())
                    .unwrap_or_default(),
                source: source.clone(),
                outcome: Outcome::NoMatch,
                best: None,
                target: None,
            };
            if !slot.translate {
                report.outcome = Outcome::NotTranslatable;
                reports.push(report);
                continue;
            }
            if slot.kept {
                report.outcome = Outcome::AlreadyTranslated;
                reports.push(report);
                continue;
            }
            let mut proposals = match answers.next_if(|(asked, _)| *asked == index) {
                Some((_, proposals)) => proposals,
                None => Vec::new(),
            };
            // A memory may hold the same pair twice; offering it twice helps nobody.
            let mut seen: Vec<(String, String)> = Vec::new();
            proposals.retain(|p| {
                let key = (p.source.coded_text(), p.best_target().coded_text());
                let fresh = !seen.contains(&key);
                if fresh {
                    seen.push(key);
                }
                fresh
            });
            let mut edit = SegmentEdit::new(slot.part).with_offers(
                proposals
                    .iter()
                    .take(options.max_candidates)
                    .cloned()
                    .collect(),
            );
            if let Some(best) = proposals.first() {
                let wanted = match best.kind {
                    ProposalKind::Context | ProposalKind::Exact => true,
                    _ => options.fill_fuzzy,
                };
                report.outcome = if wanted {
                    match best.target_for(source) {
                        Some(target) => {
                            report.target = Some(target.clone());
                            edit = edit.with_fill(Fill::new(target, best.kind, best.score));
                            Outcome::Filled(best.kind)
                        }
                        None => Outcome::CodesNotMapped,
                    }
                } else {
                    Outcome::Offered
                };
                report.best = Some(best.clone());
            }
            if let Some(edits) = edits.get_mut(slot.unit) {
                edits.push(edit);
            }
            reports.push(report);
        }
        // The last segment of the batch is the previous one of the next batch.
        self.previous = slots
            .last()
            .and_then(|slot| Some((file_of(slot)?.to_string(), source_of(slot)?.clone())));

        let Some((source_language, target_language)) = self.languages.clone() else {
            return Ok(());
        };
        let mut generated = Vec::new();
        for (unit_index, (batched, unit_edits)) in batch.iter_mut().zip(&edits).enumerate() {
            if unit_edits
                .iter()
                .all(|e| e.fill.is_none() && e.offers.is_empty())
            {
                continue;
            }
            let (unit, element) = batched.parts();
            for (part, id) in element.apply(
                unit,
                unit_edits,
                &options.origin,
                (&source_language, &target_language),
            )? {
                generated.push((unit_index, part, id));
            }
        }
        for (report, slot) in reports.iter_mut().zip(&slots) {
            if let Some(at) = generated
                .iter()
                .position(|(u, p, _)| *u == slot.unit && *p == slot.part)
            {
                report.segment = generated.swap_remove(at).2;
            }
            self.summary.note(report);
            (self.on_segment)(report);
        }
        Ok(())
    }
}

impl Rewrite for Pretranslating<'_> {
    fn languages(
        &mut self,
        source: Option<&str>,
        target: Option<&str>,
    ) -> Result<(Option<String>, Option<String>), XliffError> {
        // A file in another pair is left as it is; the document fails only when none is in the
        // pair of the matches (see `pretranslate`).
        self.file_in_other_pair = None;
        match self.choose_languages(source, target) {
            Ok(write) => Ok(write),
            Err(JobError::LanguagePair {
                document_source,
                document_target,
                ..
            }) => {
                self.file_in_other_pair = Some((document_source, document_target));
                Ok((None, None))
            }
            Err(error) => Err(stash(&mut self.failure, error)),
        }
    }

    fn validation(&self) -> Option<ValidateOptions> {
        Some(ValidateOptions::default())
    }

    fn validated(&mut self, validated: Validated) {
        self.summary.findings = validated.findings;
    }

    fn batch(&self) -> usize {
        self.options.batch.max(1)
    }

    fn units(&mut self, units: &mut [BatchedUnit], next: Option<&Unit>) -> Result<(), XliffError> {
        if let Some(pair) = &self.file_in_other_pair {
            self.skipped_units += units.len();
            self.other_pair.get_or_insert_with(|| pair.clone());
            return Ok(());
        }
        self.matching_units += units.len();
        self.pretranslate_batch(units, next)
            .map_err(|error| stash(&mut self.failure, error))
    }
}
