//! Putting the translated document together again from an XLIFF file made by
//! [`create`](crate::create::create), and reading translated segments back as translation units
//! for a memory.
//!
//! [`merge`] writes, unit by unit, each segment's target (its source where there is no
//! translation) and the whitespace between segments as it was, so paragraphs and the spacing
//! between sentences stay as in the original text.
//!
//! ```
//! use werkbank_model::{Content, SegmentState};
//! use werkbank_segment::Segmenter;
//! use werkbank_xliff::create::{create, CreateOptions};
//! use werkbank_xliff::merge::merge;
//! use werkbank_xliff::Version;
//!
//! let de = "de".parse()?;
//! let options = CreateOptions {
//!     source_language: de,
//!     target_language: "en".parse()?,
//!     version: Version::V2_1,
//!     original: "brief.txt".into(),
//! };
//! let segmenter = Segmenter::builtin(&options.source_language)?;
//! let mut document = create("Guten Tag. Wie geht es?\n\nBis bald.\n", &segmenter, &options)?;
//! document.set_target(0, 0, &Content::from_text("Hello."), SegmentState::Translated)?;
//! let merged = merge(&document)?;
//! assert_eq!(merged.text, "Hello. Wie geht es?\n\nBis bald.\n");
//! assert_eq!(merged.untranslated.len(), 2);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use werkbank_model::{
    CodeKind, Content, LanguageTag, SegmentState, SkeletonPart, TranslationUnit, UnitContext,
    UnitMetadata,
};

use crate::{Document, Unit, XliffError};

/// The merged document and what was missing.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Merged {
    /// The target document.
    pub text: String,
    /// Segments written with their source because they have no translation, as (unit id,
    /// segment id).
    pub untranslated: Vec<(String, String)>,
    /// Segments written with a translation whose state still asks for work (2.x `initial`,
    /// 1.2 `needs-…`), for example a fuzzy match nobody has reviewed, as (unit id, segment id).
    pub unconfirmed: Vec<(String, String)>,
    /// Segments in all.
    pub segments: usize,
}

/// The text of `content` as it stands in a document: inline codes become their original data
/// (a 1.2 `ph ctype="x-control"` made by `create` becomes its character again).
pub fn document_text(content: &Content, out: &mut String) {
    let mut position = 0;
    let text = content.plain_text();
    for placed in content.codes() {
        out.push_str(text.get(position..placed.offset).unwrap_or(""));
        position = placed.offset;
        let code = &placed.code;
        let control =
            code.code_type.as_deref() == Some("x-control") && code.kind == CodeKind::Standalone;
        let character = code
            .data
            .as_deref()
            .filter(|_| control)
            .and_then(|hex| u32::from_str_radix(hex.trim(), 16).ok())
            .and_then(char::from_u32);
        match (character, &code.data) {
            (Some(c), _) => out.push(c),
            (None, Some(data)) => out.push_str(data),
            (None, None) => {}
        }
    }
    out.push_str(text.get(position..).unwrap_or(""));
}

fn has_translation(target: Option<&Content>) -> Option<&Content> {
    target.filter(|t| !t.is_empty())
}

/// The target document of `document` (see the module documentation).
pub fn merge(document: &Document) -> Result<Merged, XliffError> {
    let units = document.units()?;
    let mut merged = Merged::default();
    let texts: Vec<String> = units
        .iter()
        .map(|unit| unit_text(unit, &mut merged))
        .collect();
    if let Some(skeleton) = document.skeleton() {
        let by_id: std::collections::HashMap<&str, usize> = units
            .iter()
            .enumerate()
            .map(|(index, unit)| (unit.id.as_str(), index))
            .collect();
        for part in &skeleton.parts {
            match part {
                SkeletonPart::Text(text) => merged.text.push_str(text),
                SkeletonPart::Unit(id) => {
                    let text = by_id
                        .get(id.as_str())
                        .and_then(|&index| texts.get(index))
                        .ok_or_else(|| XliffError::Model {
                            message: format!(
                                "the document's skeleton places unit {id:?}, which the file does not have"
                            ),
                        })?;
                    merged.text.push_str(text);
                }
                _ => {}
            }
        }
        return Ok(merged);
    }
    for (index, text) in texts.iter().enumerate() {
        merged.text.push_str(text);
        // Units of files without a skeleton carry no whitespace between them: keep them apart
        // by a line break.
        if index + 1 < texts.len() && !text.is_empty() && !text.ends_with(char::is_whitespace) {
            merged.text.push('\n');
        }
    }
    Ok(merged)
}

/// Whether a translated segment's state still asks for work.
fn unconfirmed(state: SegmentState, sub_state: Option<&str>) -> bool {
    state == SegmentState::Initial || sub_state.is_some_and(|s| s.starts_with("needs-"))
}

/// The text one unit contributes to the target document; counts its segments in `merged`.
fn unit_text(unit: &Unit, merged: &mut Merged) -> String {
    let mut out = String::new();
    if let Some(translation) = &unit.unit_target {
        // A translation of the whole unit (a 1.2 target without segment markers): it takes the
        // place of the unit's source.
        for part in unit.parts.iter().filter(|p| !p.ignorable) {
            merged.segments += 1;
            if unconfirmed(translation.state, translation.sub_state.as_deref()) {
                merged
                    .unconfirmed
                    .push((unit.id.clone(), part.segment.id.clone()));
            }
        }
        document_text(&translation.in_place_of_source(), &mut out);
        return out;
    }
    for part in &unit.parts {
        let segment = &part.segment;
        if part.ignorable {
            // The text between segments: its target where a file has one (XLIFF 2), else
            // the source.
            let content = has_translation(segment.target.as_ref()).unwrap_or(&segment.source);
            document_text(content, &mut out);
            continue;
        }
        merged.segments += 1;
        let key = (unit.id.clone(), segment.id.clone());
        match has_translation(segment.target.as_ref()) {
            Some(target) => {
                if unconfirmed(segment.state, segment.sub_state.as_deref()) {
                    merged.unconfirmed.push(key);
                }
                document_text(target, &mut out);
            }
            None => {
                merged.untranslated.push(key);
                document_text(&segment.source, &mut out);
            }
        }
    }
    out
}

/// Which segment states count as translated for [`translation_units`].
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
    /// names another it replaces it (with a warning in [`Learned::warnings`]).
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

/// What [`learn`] found in a translated file.
#[derive(Debug, Clone, Default)]
pub struct Learned {
    /// The translation units to store.
    pub units: Vec<TranslationUnit>,
    /// The segments left out, in document order.
    pub skipped: Vec<Skipped>,
    /// Languages that were supplied or corrected, one sentence each.
    pub warnings: Vec<String>,
}

impl Learned {
    /// How many segments were skipped for each reason, by [`SkipReason::name`], in a fixed
    /// order.
    pub fn skipped_by_reason(&self) -> Vec<(&'static str, usize)> {
        let mut counts: Vec<(&'static str, usize)> = Vec::new();
        for skipped in &self.skipped {
            let name = skipped.reason.name();
            match counts.iter_mut().find(|(n, _)| *n == name) {
                Some((_, count)) => *count += 1,
                None => counts.push((name, 1)),
            }
        }
        counts
    }
}

/// The languages of every file of the document, by the file id units carry.
fn file_languages(document: &Document) -> Vec<(String, Option<String>, Option<String>)> {
    let ns = document.core_namespace();
    let v2 = document.version().is_2x();
    document
        .root
        .children_named(ns, "file")
        .map(|file| {
            if v2 {
                (
                    file.attr("id").unwrap_or("").to_string(),
                    document.source_language().map(str::to_string),
                    document.target_language().map(str::to_string),
                )
            } else {
                (
                    file.attr("original").unwrap_or("").to_string(),
                    file.attr("source-language").map(str::to_string),
                    file.attr("target-language").map(str::to_string),
                )
            }
        })
        .collect()
}

/// The language pair of one file, with `options.languages` supplying or correcting it.
fn resolve_pair(
    file: &str,
    named: (Option<&str>, Option<&str>),
    options: &LearnOptions,
    warnings: &mut Vec<String>,
) -> Result<(LanguageTag, LanguageTag), XliffError> {
    let parse = |tag: &str, what: &str| -> Result<LanguageTag, XliffError> {
        tag.parse().map_err(|e| XliffError::Model {
            message: format!("the {what} language of file {file:?}: {e}"),
        })
    };
    let mut pair = Vec::new();
    for (index, (named, what)) in [(named.0, "source"), (named.1, "target")]
        .into_iter()
        .enumerate()
    {
        let supplied = if index == 0 {
            options.source_language.as_ref()
        } else {
            options.target_language.as_ref()
        };
        let named = named.filter(|t| !t.trim().is_empty());
        let tag = match (named, supplied) {
            (Some(named), Some(supplied)) => {
                let parsed = parse(named, what).ok();
                if parsed
                    .as_ref()
                    .is_none_or(|p| p.primary_language() != supplied.primary_language())
                {
                    warnings.push(format!(
                        "file {file:?} names {named} as its {what} language; taken as {supplied}"
                    ));
                    supplied.clone()
                } else {
                    parsed.unwrap_or_else(|| supplied.clone())
                }
            }
            (None, Some(supplied)) => {
                warnings.push(format!(
                    "file {file:?} names no {what} language; taken as {supplied}"
                ));
                supplied.clone()
            }
            (Some(named), None) => parse(named, what)?,
            (None, None) => {
                return Err(XliffError::Model {
                    message: format!(
                        "file {file:?} names no {what} language (give the languages to assume)"
                    ),
                })
            }
        };
        pair.push(tag);
    }
    let mut pair = pair.into_iter();
    match (pair.next(), pair.next()) {
        (Some(source), Some(target)) => Ok((source, target)),
        _ => Err(XliffError::Model {
            message: "no language pair".into(),
        }),
    }
}

/// The gettext header entry as PO converters write it into XLIFF.
fn is_header(unit: &Unit) -> bool {
    unit.unit_type.as_deref() == Some("x-gettext-domain-header")
}

/// The translated segments of `document` as translation units for a memory, and what was left
/// out and why (see [`translation_units`] for what is learnt). A 1.2 unit translated as a whole
/// (a target without segment markers beside a segmented source) gives one unit of its source
/// and target when it has several segments. Source and target are stored without the
/// whitespace around them, which only lays out the file.
pub fn learn(document: &Document, options: &LearnOptions) -> Result<Learned, XliffError> {
    let mut learned = Learned::default();
    let mut pairs: Vec<(String, (LanguageTag, LanguageTag))> = Vec::new();
    for (file, source, target) in file_languages(document) {
        if pairs.iter().any(|(known, _)| *known == file) {
            continue;
        }
        let pair = resolve_pair(
            &file,
            (source.as_deref(), target.as_deref()),
            options,
            &mut learned.warnings,
        )?;
        pairs.push((file, pair));
    }
    let pair_of = |file: &str| pairs.iter().find(|(f, _)| f == file).map(|(_, p)| p);
    let units = document.units()?;
    // Every segment in document order with its unit, for the neighbours.
    let segments: Vec<(&Unit, &werkbank_model::Segment)> = units
        .iter()
        .flat_map(|unit| unit.segments().map(move |segment| (unit, segment)))
        .collect();
    let neighbour = |index: Option<usize>, file: &str| -> Option<String> {
        let (unit, segment) = segments.get(index?)?;
        (unit.file == file)
            .then(|| segment.source.trimmed().plain_text().to_string())
            .filter(|text| !text.is_empty())
    };
    let mut whole_units_done: Vec<&Unit> = Vec::new();
    for (index, (unit, segment)) in segments.iter().enumerate() {
        let skip = |reason: SkipReason| Skipped {
            unit: unit.id.clone(),
            segment: segment.id.clone(),
            reason,
        };
        let Some((source_language, target_language)) = pair_of(&unit.file) else {
            continue;
        };
        if let Some((source, target)) = &options.pair {
            if source.primary_language() != source_language.primary_language()
                || target.primary_language() != target_language.primary_language()
            {
                learned.skipped.push(skip(SkipReason::OtherPair {
                    source: source_language.to_string(),
                    target: target_language.to_string(),
                }));
                continue;
            }
        }
        if is_header(unit) {
            learned.skipped.push(skip(SkipReason::Header));
            continue;
        }
        if !unit.translate {
            learned.skipped.push(skip(SkipReason::NotTranslatable));
            continue;
        }
        let several = unit.segments().nth(1).is_some();
        let (source, target, state, sub_state) = match &unit.unit_target {
            Some(whole) if several => {
                if whole_units_done
                    .iter()
                    .any(|done| std::ptr::eq(*done, *unit))
                {
                    continue;
                }
                whole_units_done.push(unit);
                (
                    &whole.source,
                    Some(&whole.target),
                    whole.state,
                    whole.sub_state.as_deref(),
                )
            }
            _ => (
                &segment.source,
                has_translation(segment.target.as_ref()),
                segment.state,
                segment.sub_state.as_deref(),
            ),
        };
        let Some(target) = target.filter(|t| !t.plain_text().trim().is_empty() || t.has_codes())
        else {
            learned.skipped.push(skip(SkipReason::NoTarget));
            continue;
        };
        let needs_work = sub_state.is_some_and(|s| s.starts_with("needs-"));
        if !LEARNED_STATES.contains(&state) || needs_work {
            let written = sub_state
                .map(str::to_string)
                .unwrap_or_else(|| format!("{state:?}").to_lowercase());
            learned.skipped.push(skip(SkipReason::State(written)));
            continue;
        }
        let source = source.trimmed();
        if source.is_empty() {
            learned.skipped.push(skip(SkipReason::NoTarget));
            continue;
        }
        let mut translation_unit = TranslationUnit::new(
            source_language.clone(),
            target_language.clone(),
            source,
            target.trimmed(),
        );
        translation_unit.context = if several && unit.unit_target.is_some() {
            UnitContext::default()
        } else {
            UnitContext {
                previous: neighbour(index.checked_sub(1), &unit.file),
                next: neighbour(Some(index + 1), &unit.file),
            }
        };
        translation_unit.metadata = UnitMetadata {
            origin: Some(format!("{}#{}", unit.file, unit.id)),
            ..UnitMetadata::default()
        };
        learned.units.push(translation_unit);
    }
    Ok(learned)
}

/// The translated segments of `document` as translation units for a memory: every segment
/// with a non-empty target whose state is translated, reviewed or final (1.2: `translated`,
/// `signed-off`, `final`, or `approved="yes"`; not `needs-review-…`), with the source segments
/// before and after it in the same file as context. The context is what pre-translation asks
/// for, so the same document gets in-context (101) matches the next time. PO header units are
/// never learnt. [`learn`] also says what was left out, and can supply missing languages.
///
/// ```
/// use werkbank_model::{Content, SegmentState};
/// use werkbank_segment::Segmenter;
/// use werkbank_xliff::create::{create, CreateOptions};
/// use werkbank_xliff::merge::translation_units;
/// use werkbank_xliff::Version;
///
/// let options = CreateOptions {
///     source_language: "de".parse()?,
///     target_language: "en".parse()?,
///     version: Version::V1_2,
///     original: "brief.txt".into(),
/// };
/// let segmenter = Segmenter::builtin(&options.source_language)?;
/// let mut document = create("Guten Tag. Wie geht es?\n", &segmenter, &options)?;
/// // Part 1 is the space between the two sentences.
/// document.set_target(0, 2, &Content::from_text("How are you?"), SegmentState::Translated)?;
/// let units = translation_units(&document)?;
/// assert_eq!(units.len(), 1);
/// assert_eq!(units[0].target.plain_text(), "How are you?");
/// assert_eq!(units[0].context.previous.as_deref(), Some("Guten Tag."));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn translation_units(document: &Document) -> Result<Vec<TranslationUnit>, XliffError> {
    learn(document, &LearnOptions::default()).map(|learned| learned.units)
}
