//! Translation units: an aligned source and target as a translation memory stores them.

use serde::{Deserialize, Serialize};

use crate::{Content, LanguageTag, Note};

/// The segments around a unit's source in the document it came from. A memory uses it to tell an
/// in-context (101) match from a plain exact match.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct UnitContext {
    /// Plain text of the previous source segment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<String>,
    /// Plain text of the next source segment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
}

/// Who made a unit, when, and where it came from.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct UnitMetadata {
    /// The creator (TMX `creationid`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creator: Option<String>,
    /// Creation time as written in the source, normally TMX's `YYYYMMDDThhmmssZ`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
    /// The last person to change it (TMX `changeid`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changer: Option<String>,
    /// Time of the last change, in the same form as `created`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changed: Option<String>,
    /// Where the unit came from: a file name, project or tool.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
    /// Other properties (TMX `prop`), in order; a type may repeat.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub properties: Vec<(String, String)>,
    /// Notes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
}

/// A source segment aligned with its translation.
///
/// # Example
/// ```
/// use werkbank_model::{Content, TranslationUnit};
///
/// let unit = TranslationUnit::new(
///     "de".parse()?,
///     "en".parse()?,
///     Content::from_text("Die Datei wurde gespeichert."),
///     Content::from_text("The file was saved."),
/// );
/// assert_eq!(unit.source_language.as_str(), "de");
/// # Ok::<(), werkbank_model::ModelError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TranslationUnit {
    /// Language of `source`.
    pub source_language: LanguageTag,
    /// Language of `target`.
    pub target_language: LanguageTag,
    /// The source segment.
    pub source: Content,
    /// Its translation.
    pub target: Content,
    /// The neighbouring source segments, when known.
    #[serde(default)]
    pub context: UnitContext,
    /// Creator, dates, origin and properties.
    #[serde(default)]
    pub metadata: UnitMetadata,
}

impl TranslationUnit {
    /// A unit with empty context and metadata.
    pub fn new(
        source_language: LanguageTag,
        target_language: LanguageTag,
        source: Content,
        target: Content,
    ) -> Self {
        Self {
            source_language,
            target_language,
            source,
            target,
            context: UnitContext::default(),
            metadata: UnitMetadata::default(),
        }
    }
}
