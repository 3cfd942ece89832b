//! Segments: one sentence (or other unit of translation) with its translation state.

use serde::{Deserialize, Serialize};

use crate::Content;

/// How far the translation of a segment has come. Follows XLIFF 2's `state`; XLIFF 1.2's finer
/// states map onto these and keep their original value in [`Segment::sub_state`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SegmentState {
    /// Not translated yet, or the translation needs to be redone.
    #[default]
    Initial,
    /// A translation exists.
    Translated,
    /// The translation was reviewed.
    Reviewed,
    /// The translation is final.
    Final,
}

/// A remark attached to a segment or unit.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Note {
    /// The note's text.
    pub text: String,
    /// Who or what wrote it (XLIFF `from`/`category`), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// Whether it is about the source or the target (XLIFF `annotates`), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annotates: Option<String>,
}

impl Note {
    /// A note with only text.
    pub fn new(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            author: None,
            annotates: None,
        }
    }
}

/// One segment of a document: source content, an optional target, its state and notes.
///
/// # Example
/// ```
/// use werkbank_model::{Content, Segment, SegmentState};
///
/// let mut segment = Segment::new("s1", Content::from_text("Guten Morgen."));
/// segment.set_target(Content::from_text("Good morning."), SegmentState::Translated);
/// assert_eq!(segment.target.as_ref().map(|t| t.plain_text()), Some("Good morning."));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Segment {
    /// Identifier, unique within its unit or document.
    pub id: String,
    /// The source text.
    pub source: Content,
    /// The translation, if there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<Content>,
    /// Translation state.
    #[serde(default)]
    pub state: SegmentState,
    /// A finer, tool-specific state (XLIFF 2 `subState`, XLIFF 1.2 `state` plus `state-qualifier`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub_state: Option<String>,
    /// Notes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
}

impl Segment {
    /// A segment with a source and nothing else.
    pub fn new(id: impl Into<String>, source: Content) -> Self {
        Self {
            id: id.into(),
            source,
            target: None,
            state: SegmentState::Initial,
            sub_state: None,
            notes: Vec::new(),
        }
    }

    /// Sets the target and the state together.
    pub fn set_target(&mut self, target: Content, state: SegmentState) {
        self.target = Some(target);
        self.state = state;
    }
}
