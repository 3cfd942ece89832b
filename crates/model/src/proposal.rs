//! Translations proposed for a segment by a source of matches (a translation memory, a machine
//! translation engine, a glossary), behind a small trait so that code which fills XLIFF files
//! with proposals does not depend on where they come from.

use serde::{Deserialize, Serialize};

use crate::{Content, LanguageTag};

/// How a proposal's source relates to the segment it is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProposalKind {
    /// Identical source, and the neighbouring segments agree too (score 101).
    Context,
    /// Identical source (score 100).
    Exact,
    /// A similar source (score below 100).
    Fuzzy,
}

/// A translation proposed for a segment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Proposal {
    /// 0 to 101: 101 in-context exact, 100 exact, below 100 fuzzy.
    pub score: u8,
    /// Context, exact or fuzzy.
    pub kind: ProposalKind,
    /// The source the proposal was made for (a memory's stored source).
    pub source: Content,
    /// The proposed translation.
    pub target: Content,
    /// The translation with the segment's numbers or other placeables put in, where only those
    /// differ.
    pub adapted_target: Option<Content>,
    /// Where it comes from (a memory's name, an engine).
    pub origin: Option<String>,
}

impl Proposal {
    /// The target to use: the adapted one when there is one.
    pub fn best_target(&self) -> &Content {
        self.adapted_target.as_ref().unwrap_or(&self.target)
    }
}

/// What is asked of a [`MatchSource`].
#[derive(Debug, Clone, Copy)]
pub struct ProposalQuery<'a> {
    /// The segment's source.
    pub source: &'a Content,
    /// The source of the segment before it, for in-context matches.
    pub previous: Option<&'a Content>,
    /// The source of the segment after it.
    pub next: Option<&'a Content>,
    /// Proposals scoring lower are not wanted (0 to 100).
    pub min_score: u8,
    /// At most this many, best first.
    pub max_results: usize,
}

/// Anything that proposes translations for segments.
///
/// # Example
/// ```
/// use werkbank_model::{Content, LanguageTag, MatchSource, Proposal, ProposalKind, ProposalQuery};
///
/// /// A source that knows one sentence.
/// struct OneSentence(LanguageTag, LanguageTag);
///
/// impl MatchSource for OneSentence {
///     fn source_language(&self) -> &LanguageTag { &self.0 }
///     fn target_language(&self) -> &LanguageTag { &self.1 }
///     fn proposals(&self, query: &ProposalQuery<'_>) -> Vec<Proposal> {
///         if query.source.plain_text() != "Guten Morgen." {
///             return Vec::new();
///         }
///         vec![Proposal {
///             score: 100,
///             kind: ProposalKind::Exact,
///             source: query.source.clone(),
///             target: Content::from_text("Good morning."),
///             adapted_target: None,
///             origin: None,
///         }]
///     }
/// }
///
/// let source = OneSentence("de".parse()?, "en".parse()?);
/// let segment = Content::from_text("Guten Morgen.");
/// let query = ProposalQuery { source: &segment, previous: None, next: None, min_score: 70, max_results: 3 };
/// assert_eq!(source.proposals(&query)[0].target.plain_text(), "Good morning.");
/// # Ok::<(), werkbank_model::ModelError>(())
/// ```
pub trait MatchSource {
    /// The language of the sources it matches.
    fn source_language(&self) -> &LanguageTag;
    /// The language of the translations it proposes.
    fn target_language(&self) -> &LanguageTag;
    /// Proposals for one segment, best first.
    fn proposals(&self, query: &ProposalQuery<'_>) -> Vec<Proposal>;
}
