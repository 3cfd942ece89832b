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
    CodeKind, Content, LanguageTag, SegmentState, TranslationUnit, UnitContext, UnitMetadata,
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
    for (index, unit) in units.iter().enumerate() {
        let start = merged.text.len();
        for part in &unit.parts {
            let segment = &part.segment;
            if part.ignorable {
                // The text between segments: its target where a file has one (XLIFF 2), else
                // the source.
                let content = has_translation(segment.target.as_ref()).unwrap_or(&segment.source);
                document_text(content, &mut merged.text);
                continue;
            }
            merged.segments += 1;
            let key = (unit.id.clone(), segment.id.clone());
            match has_translation(segment.target.as_ref()) {
                Some(target) => {
                    if segment.state == SegmentState::Initial
                        || segment
                            .sub_state
                            .as_deref()
                            .is_some_and(|s| s.starts_with("needs-"))
                    {
                        merged.unconfirmed.push(key);
                    }
                    document_text(target, &mut merged.text);
                }
                None => {
                    merged.untranslated.push(key);
                    document_text(&segment.source, &mut merged.text);
                }
            }
        }
        // Units of files not made by `create` carry no whitespace between them: keep them
        // apart by a line break.
        let written = merged.text.get(start..).unwrap_or("");
        if index + 1 < units.len() && !written.is_empty() && !written.ends_with(char::is_whitespace)
        {
            merged.text.push('\n');
        }
    }
    Ok(merged)
}

/// Which segment states count as translated for [`translation_units`].
pub const LEARNED_STATES: [SegmentState; 3] = [
    SegmentState::Translated,
    SegmentState::Reviewed,
    SegmentState::Final,
];

/// The translated segments of `document` as translation units for a memory: every segment
/// with a non-empty target whose state is translated, reviewed or final (1.2: `translated`,
/// `signed-off`, `final`, or `approved="yes"`; not `needs-review-…`), with the source segments before and after it
/// in the same file as context. The context is what pre-translation asks for, so the same
/// document gets in-context (101) matches the next time.
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
    let language = |tag: Option<&str>, what: &str| -> Result<LanguageTag, XliffError> {
        tag.ok_or_else(|| XliffError::Model {
            message: format!("the document names no {what} language"),
        })?
        .parse()
        .map_err(|e| XliffError::Model {
            message: format!("the document's {what} language: {e}"),
        })
    };
    let source_language = language(document.source_language(), "source")?;
    let target_language = language(document.target_language(), "target")?;
    let units = document.units()?;
    // Every segment in document order with its file, for the neighbours.
    let segments: Vec<(&Unit, &werkbank_model::Segment)> = units
        .iter()
        .flat_map(|unit| unit.segments().map(move |segment| (unit, segment)))
        .collect();
    let neighbour = |index: Option<usize>, file: &str| -> Option<String> {
        let (unit, segment) = segments.get(index?)?;
        (unit.file == file).then(|| segment.source.plain_text().to_string())
    };
    let mut out = Vec::new();
    for (index, (unit, segment)) in segments.iter().enumerate() {
        let Some(target) = has_translation(segment.target.as_ref()) else {
            continue;
        };
        let needs_work = segment
            .sub_state
            .as_deref()
            .is_some_and(|s| s.starts_with("needs-"));
        if !unit.translate
            || !LEARNED_STATES.contains(&segment.state)
            || needs_work
            || segment.source.is_empty()
        {
            continue;
        }
        let mut translation_unit = TranslationUnit::new(
            source_language.clone(),
            target_language.clone(),
            segment.source.clone(),
            target.clone(),
        );
        translation_unit.context = UnitContext {
            previous: neighbour(index.checked_sub(1), &unit.file),
            next: neighbour(Some(index + 1), &unit.file),
        };
        translation_unit.metadata = UnitMetadata {
            origin: Some(format!("{}#{}", unit.file, unit.id)),
            ..UnitMetadata::default()
        };
        out.push(translation_unit);
    }
    Ok(out)
}
