//! TMX 1.4b: a streaming reader and writer.
//!
//! The reader yields one `<tu>` at a time, so memory stays bounded on files of any size. It reads
//! UTF-8 and UTF-16 (with a byte-order mark), `xml:lang` and TMX 1.1's `lang`, `prop` and `note`
//! at every level, and the inline codes `bpt`, `ept`, `ph`, `it`, `hi` and `ut`, which become
//! [`InlineCode`](werkbank_model::InlineCode)s with the element name and attributes kept, so the
//! writer gives them back. XML cannot carry most control characters; the writer writes them as
//! `<ph type="x-control">` and the reader turns those back into the characters.

mod lines;
mod reader;
mod writer;

pub use reader::TmxReader;
pub use writer::TmxWriter;

use serde::{Deserialize, Serialize};
use werkbank_model::{Content, LanguageTag, Note, TranslationUnit, UnitContext, UnitMetadata};

/// The `<header>` of a TMX file.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TmxHeader {
    /// `srclang`, as written (may be `*all*`).
    pub source_language: Option<String>,
    /// Every attribute of the header, in order.
    pub attributes: Vec<(String, String)>,
    /// `prop` elements as (type, value).
    pub properties: Vec<(String, String)>,
    /// `note` elements.
    pub notes: Vec<String>,
}

/// One `<tuv>`: the text of a unit in one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TmxVariant {
    /// `xml:lang` (or TMX 1.1's `lang`), as written.
    pub language: String,
    /// The `<seg>` content.
    pub content: Content,
    /// Other attributes of the `tuv`.
    pub attributes: Vec<(String, String)>,
    /// `prop` elements as (type, value).
    pub properties: Vec<(String, String)>,
    /// `note` elements.
    pub notes: Vec<String>,
}

/// One `<tu>`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TmxUnit {
    /// Attributes of the `tu` (`tuid`, `srclang`, `creationid`, `creationdate`, ...), in order.
    pub attributes: Vec<(String, String)>,
    /// `prop` elements as (type, value).
    pub properties: Vec<(String, String)>,
    /// `note` elements.
    pub notes: Vec<String>,
    /// The variants, in file order.
    pub variants: Vec<TmxVariant>,
}

/// Property types werkbank writes for a unit's context.
pub(crate) const PREVIOUS_PROPERTY: &str = "x-context-prev";
pub(crate) const NEXT_PROPERTY: &str = "x-context-next";
pub(crate) const ORIGIN_PROPERTY: &str = "x-origin";

impl TmxUnit {
    /// The value of a `tu` attribute.
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The variant in `language`: the exact tag (without regard to case) if there is one, else
    /// the first variant whose primary language matches.
    pub fn variant(&self, language: &LanguageTag) -> Option<&TmxVariant> {
        self.variant_index(language, None)
            .and_then(|index| self.variants.get(index))
    }

    /// The index of the variant in `language` (exactly, else of the same primary language),
    /// leaving out the variant at `except`.
    fn variant_index(&self, language: &LanguageTag, except: Option<usize>) -> Option<usize> {
        let parsed: Vec<Option<LanguageTag>> = self
            .variants
            .iter()
            .map(|v| LanguageTag::parse(&v.language).ok())
            .collect();
        let allowed = |index: usize| Some(index) != except;
        let exact = parsed
            .iter()
            .enumerate()
            .position(|(i, tag)| allowed(i) && tag.as_ref() == Some(language));
        exact.or_else(|| {
            parsed.iter().enumerate().position(|(i, tag)| {
                allowed(i)
                    && tag
                        .as_ref()
                        .is_some_and(|t| t.primary_language() == language.primary_language())
            })
        })
    }

    /// The unit as a translation unit from `source` to `target`, if it has both languages.
    pub fn to_translation_unit(
        &self,
        source: &LanguageTag,
        target: &LanguageTag,
    ) -> Option<TranslationUnit> {
        // For a pair within one language (en-US → en-GB, or en → en), the target is another
        // variant than the source.
        let source_index = self.variant_index(source, None)?;
        let target_index = self.variant_index(target, Some(source_index))?;
        let source_variant = self.variants.get(source_index)?;
        let target_variant = self.variants.get(target_index)?;
        let mut context = UnitContext::default();
        let mut metadata = UnitMetadata {
            creator: self.attribute("creationid").map(str::to_string),
            created: self.attribute("creationdate").map(str::to_string),
            changer: self.attribute("changeid").map(str::to_string),
            changed: self.attribute("changedate").map(str::to_string),
            ..UnitMetadata::default()
        };
        for (kind, value) in &self.properties {
            match kind.as_str() {
                PREVIOUS_PROPERTY => context.previous = Some(value.clone()),
                NEXT_PROPERTY => context.next = Some(value.clone()),
                ORIGIN_PROPERTY => metadata.origin = Some(value.clone()),
                _ => metadata.properties.push((kind.clone(), value.clone())),
            }
        }
        metadata.notes = self.notes.iter().map(Note::new).collect();
        let source_language = LanguageTag::parse(&source_variant.language).ok()?;
        let target_language = LanguageTag::parse(&target_variant.language).ok()?;
        Some(TranslationUnit {
            source_language,
            target_language,
            source: source_variant.content.clone(),
            target: target_variant.content.clone(),
            context,
            metadata,
        })
    }

    /// A TMX unit holding a translation unit.
    pub fn from_translation_unit(unit: &TranslationUnit) -> Self {
        let metadata = &unit.metadata;
        let mut attributes = Vec::new();
        for (name, value) in [
            ("creationid", &metadata.creator),
            ("creationdate", &metadata.created),
            ("changeid", &metadata.changer),
            ("changedate", &metadata.changed),
        ] {
            if let Some(value) = value {
                attributes.push((name.to_string(), value.clone()));
            }
        }
        let mut properties = Vec::new();
        if let Some(origin) = &metadata.origin {
            properties.push((ORIGIN_PROPERTY.to_string(), origin.clone()));
        }
        if let Some(previous) = &unit.context.previous {
            properties.push((PREVIOUS_PROPERTY.to_string(), previous.clone()));
        }
        if let Some(next) = &unit.context.next {
            properties.push((NEXT_PROPERTY.to_string(), next.clone()));
        }
        properties.extend(metadata.properties.iter().cloned());
        let variant = |language: &LanguageTag, content: &Content| TmxVariant {
            language: language.to_string(),
            content: content.clone(),
            attributes: Vec::new(),
            properties: Vec::new(),
            notes: Vec::new(),
        };
        TmxUnit {
            attributes,
            properties,
            notes: metadata.notes.iter().map(|n| n.text.clone()).collect(),
            variants: vec![
                variant(&unit.source_language, &unit.source),
                variant(&unit.target_language, &unit.target),
            ],
        }
    }
}
