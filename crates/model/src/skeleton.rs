//! The skeleton of a document: everything that is not translated, with the places where the
//! translated units go. An XLIFF file carries it (XLIFF 2 `<skeleton>`, XLIFF 1.2
//! `<header><skl><internal-file>`), so the translated file alone gives the document back.

use serde::{Deserialize, Serialize};

/// One piece of a skeleton.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum SkeletonPart {
    /// Text of the document written as it is.
    Text(String),
    /// The place of the unit with this id: its translation (or its source) goes here.
    Unit(String),
}

/// A document's skeleton: the format it was extracted from and its parts in document order.
///
/// ```
/// use werkbank_model::{Skeleton, SkeletonPart};
///
/// let skeleton = Skeleton::new("text", vec![
///     SkeletonPart::Unit("u1".into()),
///     SkeletonPart::Text("\n\n".into()),
///     SkeletonPart::Unit("u2".into()),
/// ]);
/// let written = skeleton.to_json();
/// assert_eq!(Skeleton::from_json(&written).unwrap(), skeleton);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Skeleton {
    /// The document format (`text`, `markdown`, `html`, ...).
    pub format: String,
    /// Text and unit places in document order.
    pub parts: Vec<SkeletonPart>,
}

impl Skeleton {
    /// A skeleton of `format` made of `parts`.
    pub fn new(format: impl Into<String>, parts: Vec<SkeletonPart>) -> Self {
        Self {
            format: format.into(),
            parts,
        }
    }

    /// The skeleton as one line of JSON, the form XLIFF files carry.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads a skeleton written by [`Skeleton::to_json`].
    pub fn from_json(text: &str) -> Result<Self, crate::ModelError> {
        serde_json::from_str(text.trim()).map_err(|e| crate::ModelError::Skeleton {
            message: e.to_string(),
        })
    }

    /// The ids of the units the skeleton places, in order.
    pub fn unit_ids(&self) -> impl Iterator<Item = &str> + '_ {
        self.parts.iter().filter_map(|part| match part {
            SkeletonPart::Unit(id) => Some(id.as_str()),
            SkeletonPart::Text(_) => None,
        })
    }
}
