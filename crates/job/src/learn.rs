//! Reading the translated segments of an XLIFF file back as translation units for a memory,
//! a unit at a time.
//!
//! Every segment with a non-empty target whose state is translated, reviewed or final (1.2:
//! `translated`, `signed-off`, `final`, or `approved="yes"`; not `needs-review-…`) is learnt,
//! with the source segments before and after it in the same file as context: the context is
//! what pre-translation asks for, so the same document gets in-context (101) matches the next
//! time. PO header units are never learnt. Source and target are stored without the
//! whitespace around them, which only lays out the file. Which units count as the same is the
//! memory's own definition; this only reads the file.
//!
//! ```
//! use werkbank_job::create::{create_document, CreateOptions};
//! use werkbank_job::learn::translation_units;
//! use werkbank_model::{Content, SegmentState};
//! use werkbank_segment::Segmenter;
//! use werkbank_xliff::Version;
//!
//! let options = CreateOptions::new("de".parse()?, "en".parse()?).with_version(Version::V1_2);
//! let segmenter = Segmenter::builtin(&options.source_language)?;
//! let mut document = create_document("Guten Tag. Wie geht es?\n", &segmenter, &options)?;
//! // Part 1 is the space between the two sentences.
//! document.set_target(0, 2, &Content::from_text("How are you?"), SegmentState::Translated)?;
//! let units = translation_units(&document.to_bytes()[..])?;
//! assert_eq!(units.len(), 1);
//! assert_eq!(units[0].target.plain_text(), "How are you?");
//! assert_eq!(units[0].context.previous.as_deref(), Some("Guten Tag."));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::io::Read;

use werkbank_model::{
    Content, LanguageTag, SegmentState, TranslationUnit, UnitContext, UnitMetadata,
};
use werkbank_xliff::stream::{read_units, FileContext};
use werkbank_xliff::{Position, Unit};

use crate::error::stash;
use crate::{languages, JobError};

/// Which segment states count as translated.
pub const LEARNED_STATES: [SegmentState; 3] = [
    SegmentState::Translated,
    SegmentState::Reviewed,
    SegmentState::Final,
];

/// Why a segment of a translated file is not learnt (see [`learn`]).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SkipReason {
    /// Its state is not translated, reviewed or final (the state as written, e.g. `initial`,
    /// `needs-review-translation`).
    State(String),
    /// It has no translation.
    NoTarget,
    /// The unit is a header (a PO header entry, `restype="x-gettext-domain-header"`).
    Header,
    /// The unit is marked `translate="no"`.
    NotTranslatable,
    /// Its file is in another language pair than the one asked for.
    OtherPair {
        /// The file's source language.
        source: String,
        /// The file's target language.
        target: String,
    },
}

impl SkipReason {
    /// A short name for reports: `state`, `no-target`, `header`, `not-translatable`,
    /// `other-pair`.
    pub fn name(&self) -> &'static str {
        match self {
            SkipReason::State(_) => "state",
            SkipReason::NoTarget => "no-target",
            SkipReason::Header => "header",
            SkipReason::NotTranslatable => "not-translatable",
            SkipReason::OtherPair { .. } => "other-pair",
        }
    }
}

/// A segment [`learn`] left out, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The unit's id.
    pub unit: String,
    /// The segment's id.
    pub segment: String,
    /// Why.
    pub reason: SkipReason,
}

/// What [`learn`] takes besides the document.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct LearnOptions {
    /// The source language to assume: for a file that names none it is used, for one that
    /// names another it replaces it (with a warning in [`LearnSummary::warnings`]).
    pub source_language: Option<LanguageTag>,
    /// The target language to assume, as the source language.
    pub target_language: Option<LanguageTag>,
    /// The language pair wanted (a memory's): segments of files in another pair (primary
    /// languages compared) are skipped with [`SkipReason::OtherPair`].
    pub pair: Option<(LanguageTag, LanguageTag)>,
}

impl LearnOptions {
    /// Languages to assume or correct (see [`LearnOptions::source_language`]); `None` leaves
    /// a side as the file names it.
    pub fn with_languages(
        mut self,
        source: Option<LanguageTag>,
        target: Option<LanguageTag>,
    ) -> Self {
        self.source_language = source;
        self.target_language = target;
        self
    }

    /// The pair wanted (see [`LearnOptions::pair`]).
    pub fn with_pair(mut self, source: LanguageTag, target: LanguageTag) -> Self {
        self.pair = Some((source, target));
        self
    }
}

/// The language pair of one file, with the options' languages supplying or correcting it.
fn resolve_pair(
    file: &str,
    named: (Option<&str>, Option<&str>),
    options: &LearnOptions,
    warnings: &mut Vec<String>,
) -> Result<(LanguageTag, LanguageTag), JobError> {
    let (source, _) = languages::resolve(
        file,
        "source",
        named.0,
        options.source_language.as_ref(),
        None,
        warnings,
    )?;
    let (target, _) = languages::resolve(
        file,
        "target",
        named.1,
        options.target_language.as_ref(),
        None,
        warnings,
    )?;
    Ok((source, target))
}

/// The gettext header entry as PO converters write it into XLIFF.
fn is_header(unit: &Unit) -> bool {
    unit.unit_type.as_deref() == Some("x-gettext-domain-header")
}

/// What [`learn`] did: counts and warnings, the units and skipped segments having gone to
/// their callbacks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct LearnSummary {
    /// Translation units handed over.
    pub units: usize,
    /// How many segments were skipped for each reason, by [`SkipReason::name`], in the order
    /// the reasons first came up.
    pub skipped: Vec<(&'static str, usize)>,
    /// Languages that were supplied or corrected, one sentence each.
    pub warnings: Vec<String>,
}

/// Reads the XLIFF file from `input` and hands each translation unit to learn to `unit`, in
/// document order, and each segment left out to `skipped` (see the module documentation). A
/// 1.2 unit translated as a whole (a target without segment markers beside a segmented source)
/// gives one unit of its source and target when it has several segments. Memory holds one
/// unit of the file and the next segment.
pub fn learn<R: Read>(
    input: R,
    options: &LearnOptions,
    unit: &mut dyn FnMut(TranslationUnit) -> Result<(), JobError>,
    skipped: &mut dyn FnMut(Skipped),
) -> Result<LearnSummary, JobError> {
    let mut learning = Learning {
        options,
        summary: LearnSummary::default(),
        file: None,
        pair: None,
        previous: None,
        pending: None,
        unit_sink: unit,
        skip_sink: skipped,
    };
    let mut failure = None;
    read_units(input, &mut |context, read| {
        learning
            .unit(context, &read)
            .map_err(|error| stash(&mut failure, error))
    })
    .map_err(|error| failure.take().unwrap_or(JobError::Xliff(error)))?;
    learning.flush(None)?;
    Ok(learning.summary)
}

/// The translation units of an XLIFF file, collected (see [`learn`]).
pub fn translation_units<R: Read>(input: R) -> Result<Vec<TranslationUnit>, JobError> {
    let mut units = Vec::new();
    learn(
        input,
        &LearnOptions::default(),
        &mut |unit| {
            units.push(unit);
            Ok(())
        },
        &mut |_| {},
    )?;
    Ok(units)
}

struct Learning<'a> {
    options: &'a LearnOptions,
    summary: LearnSummary,
    /// The file being read and its language pair (`None`: the file is skipped).
    file: Option<Position>,
    pair: Option<(LanguageTag, LanguageTag)>,
    /// The source of the segment before, in this file.
    previous: Option<String>,
    /// A unit to learn that waits for the next segment's source as its context.
    pending: Option<TranslationUnit>,
    unit_sink: &'a mut dyn FnMut(TranslationUnit) -> Result<(), JobError>,
    skip_sink: &'a mut dyn FnMut(Skipped),
}

/// A segment's source as the context of its neighbours: trimmed, none when empty.
fn context_text(source: &Content) -> Option<String> {
    Some(source.trimmed().plain_text().to_string()).filter(|text| !text.is_empty())
}

impl Learning<'_> {
    /// Hands over the waiting unit with `next` as its next segment.
    fn flush(&mut self, next: Option<String>) -> Result<(), JobError> {
        if let Some(mut unit) = self.pending.take() {
            unit.context.next = next;
            self.summary.units += 1;
            (self.unit_sink)(unit)?;
        }
        Ok(())
    }

    fn skip(&mut self, unit: &Unit, segment: &str, reason: SkipReason) {
        let name = reason.name();
        match self.summary.skipped.iter_mut().find(|(n, _)| *n == name) {
            Some((_, count)) => *count += 1,
            None => self.summary.skipped.push((name, 1)),
        }
        (self.skip_sink)(Skipped {
            unit: unit.id.clone(),
            segment: segment.to_string(),
            reason,
        });
    }

    fn unit(&mut self, context: &FileContext, unit: &Unit) -> Result<(), JobError> {
        if self.file != Some(context.position) {
            self.flush(None)?;
            self.file = Some(context.position);
            self.previous = None;
            self.pair = Some(resolve_pair(
                &context.id,
                (
                    context.source_language.as_deref(),
                    context.target_language.as_deref(),
                ),
                self.options,
                &mut self.summary.warnings,
            )?);
        }
        let Some((source_language, target_language)) = self.pair.clone() else {
            return Ok(());
        };
        let several = unit.segments().nth(1).is_some();
        let mut whole_done = false;
        for segment in unit.segments() {
            // The waiting unit learns this segment as its next one.
            let this = context_text(&segment.source);
            self.flush(this.clone())?;
            let previous = std::mem::replace(&mut self.previous, this);
            if let Some((source, target)) = &self.options.pair {
                if source.primary_language() != source_language.primary_language()
                    || target.primary_language() != target_language.primary_language()
                {
                    self.skip(
                        unit,
                        &segment.id,
                        SkipReason::OtherPair {
                            source: source_language.to_string(),
                            target: target_language.to_string(),
                        },
                    );
                    continue;
                }
            }
            if is_header(unit) {
                self.skip(unit, &segment.id, SkipReason::Header);
                continue;
            }
            if !unit.translate {
                self.skip(unit, &segment.id, SkipReason::NotTranslatable);
                continue;
            }
            let whole = unit.unit_target.as_ref().filter(|_| several);
            let (source, target, state, sub_state) = match whole {
                Some(_) if whole_done => continue,
                Some(whole) => {
                    whole_done = true;
                    (
                        &whole.source,
                        Some(&whole.target),
                        whole.state,
                        whole.sub_state.as_deref(),
                    )
                }
                None => (
                    &segment.source,
                    segment.target.as_ref().filter(|t| !t.is_empty()),
                    segment.state,
                    segment.sub_state.as_deref(),
                ),
            };
            let Some(target) =
                target.filter(|t| !t.plain_text().trim().is_empty() || t.has_codes())
            else {
                self.skip(unit, &segment.id, SkipReason::NoTarget);
                continue;
            };
            let needs_work = sub_state.is_some_and(|s| s.starts_with("needs-"));
            if !LEARNED_STATES.contains(&state) || needs_work {
                let written = sub_state
                    .map(str::to_string)
                    .unwrap_or_else(|| format!("{state:?}").to_lowercase());
                self.skip(unit, &segment.id, SkipReason::State(written));
                continue;
            }
            let source = source.trimmed();
            if source.is_empty() {
                self.skip(unit, &segment.id, SkipReason::NoTarget);
                continue;
            }
            let mut translation_unit = TranslationUnit::new(
                source_language.clone(),
                target_language.clone(),
                source,
                target.trimmed(),
            );
            translation_unit.metadata = UnitMetadata {
                origin: Some(format!("{}#{}", unit.file, unit.id)),
                ..UnitMetadata::default()
            };
            if whole.is_some() {
                // A unit translated as a whole has no segment neighbours.
                translation_unit.context = UnitContext::default();
                self.summary.units += 1;
                (self.unit_sink)(translation_unit)?;
            } else {
                translation_unit.context = UnitContext {
                    previous,
                    next: None,
                };
                self.pending = Some(translation_unit);
            }
        }
        Ok(())
    }
}
