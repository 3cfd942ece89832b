//! Inline codes: the formatting and placeholders that live inside segment text.

use serde::{Deserialize, Serialize};

/// Which part of a piece of markup an [`InlineCode`] stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CodeKind {
    /// The start of a paired code (`<b>`, XLIFF 2 `sc`/`pc` start, TMX `bpt`).
    Opening,
    /// The end of a paired code (`</b>`, XLIFF 2 `ec`/`pc` end, TMX `ept`).
    Closing,
    /// A code that stands alone (`<br/>`, `{0}`, XLIFF `ph`/`x`).
    Standalone,
}

/// Whether a code may be moved when a translator reorders text (XLIFF 2 `canReorder`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CanReorder {
    /// The code may be moved freely (the default).
    #[default]
    Yes,
    /// The code must stay where it is relative to other codes of its sequence.
    No,
    /// The code is the first of a sequence that may only move as a whole.
    First,
}

/// One inline code: an opening or closing half of a pair, or a standalone code.
///
/// The fields cover everything TMX 1.4b, XLIFF 1.2 and XLIFF 2.x say about a code, so a code read
/// from any of them can be written back to the same format without loss. The `element` field names
/// the element the code was read from (`bpt`, `g`, `sc`, ...), so a writer that targets the same
/// format can choose the same element; a writer for another format maps by [`CodeKind`] and
/// `isolated`. See the crate documentation for the full mapping table.
///
/// # Example
/// ```
/// use werkbank_model::{CodeKind, InlineCode};
///
/// let bold = InlineCode::opening("1").with_data("<b>").with_code_type("fmt:b");
/// assert_eq!(bold.kind, CodeKind::Opening);
/// assert_eq!(bold.data.as_deref(), Some("<b>"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct InlineCode {
    /// Opening, closing or standalone.
    pub kind: CodeKind,
    /// The id that pairs an opening with its closing half (XLIFF `id`/`startRef`, TMX `i`/`x`).
    pub id: String,
    /// True for a half whose partner lies outside this content (XLIFF 1.2 `bx`/`ex`/`it`,
    /// XLIFF 2 `sc`/`ec` with `isolated="yes"`, TMX `it`).
    #[serde(default, skip_serializing_if = "is_false")]
    pub isolated: bool,
    /// The native markup the code stands for, such as `<b>` or `{0}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<String>,
    /// Short text shown to a translator in place of the code (XLIFF 2 `disp`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display: Option<String>,
    /// Plain-text equivalent of the code (XLIFF `equiv-text`/`equiv`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub equiv: Option<String>,
    /// The kind of markup (XLIFF 2 `type` such as `fmt`, XLIFF 1.2 `ctype`, TMX `type`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code_type: Option<String>,
    /// A finer kind of markup (XLIFF 2 `subType`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub_type: Option<String>,
    /// Whether a translator may copy the code (XLIFF 2 `canCopy`).
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub can_copy: bool,
    /// Whether a translator may delete the code (XLIFF 2 `canDelete`).
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub can_delete: bool,
    /// Whether a translator may move the code (XLIFF 2 `canReorder`).
    #[serde(default, skip_serializing_if = "is_default_reorder")]
    pub can_reorder: CanReorder,
    /// The element the code was read from (`bpt`, `g`, `pc`, `sc`, `mrk`, ...), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub element: Option<String>,
    /// Every other attribute of that element, in document order, so that nothing is lost.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attributes: Vec<(String, String)>,
}

fn is_false(value: &bool) -> bool {
    !*value
}
fn is_true(value: &bool) -> bool {
    *value
}
fn yes() -> bool {
    true
}
fn is_default_reorder(value: &CanReorder) -> bool {
    *value == CanReorder::Yes
}

impl InlineCode {
    /// A code of the given kind and id with every optional field unset.
    pub fn new(kind: CodeKind, id: impl Into<String>) -> Self {
        Self {
            kind,
            id: id.into(),
            isolated: false,
            data: None,
            display: None,
            equiv: None,
            code_type: None,
            sub_type: None,
            can_copy: true,
            can_delete: true,
            can_reorder: CanReorder::Yes,
            element: None,
            attributes: Vec::new(),
        }
    }

    /// The opening half of a pair.
    pub fn opening(id: impl Into<String>) -> Self {
        Self::new(CodeKind::Opening, id)
    }

    /// The closing half of a pair.
    pub fn closing(id: impl Into<String>) -> Self {
        Self::new(CodeKind::Closing, id)
    }

    /// A standalone code.
    pub fn standalone(id: impl Into<String>) -> Self {
        Self::new(CodeKind::Standalone, id)
    }

    /// Sets the native data.
    pub fn with_data(mut self, data: impl Into<String>) -> Self {
        self.data = Some(data.into());
        self
    }

    /// Sets the code type.
    pub fn with_code_type(mut self, code_type: impl Into<String>) -> Self {
        self.code_type = Some(code_type.into());
        self
    }

    /// Sets the element name the code was read from.
    pub fn with_element(mut self, element: impl Into<String>) -> Self {
        self.element = Some(element.into());
        self
    }

    /// Marks the code as an isolated half.
    pub fn isolated(mut self) -> Self {
        self.isolated = true;
        self
    }

    /// True for an opening or closing half that has its partner in the same content.
    pub fn is_paired_half(&self) -> bool {
        self.kind != CodeKind::Standalone && !self.isolated
    }
}
