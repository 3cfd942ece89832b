//! Translations proposed for a segment by a source of matches (a translation memory, a machine
//! translation engine, a glossary), behind a small trait so that code which fills XLIFF files
//! with proposals does not depend on where they come from.

use serde::{Deserialize, Serialize};

use crate::{Content, LanguageTag, PlacedCode};

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
///
/// ```
/// use werkbank_model::{Content, Proposal, ProposalKind};
///
/// let proposal = Proposal::new(ProposalKind::Fuzzy, 99, "1,5 Liter".into(), "1.5 litres".into())
///     .with_adapted_target("1.7 litres".into())
///     .with_origin("Projektspeicher");
/// assert_eq!(proposal.best_target().plain_text(), "1.7 litres");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
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
    /// Numbers differ between the segment and the proposal's source, but could not be put into
    /// the translation (it spells one out, or a variable differs): the translation has the
    /// stored numbers, and the score counts the differing numbers as differing words.
    #[serde(default)]
    pub numbers_not_adapted: bool,
}

impl Proposal {
    /// A proposal of `kind` with `score`, made for `source`, proposing `target`.
    pub fn new(kind: ProposalKind, score: u8, source: Content, target: Content) -> Self {
        Self {
            score,
            kind,
            source,
            target,
            adapted_target: None,
            origin: None,
            numbers_not_adapted: false,
        }
    }

    /// With the translation adapted to the segment (its numbers put in).
    pub fn with_adapted_target(mut self, adapted: Content) -> Self {
        self.adapted_target = Some(adapted);
        self
    }

    /// With where it comes from.
    pub fn with_origin(mut self, origin: impl Into<String>) -> Self {
        self.origin = Some(origin.into());
        self
    }

    /// Marks that the segment's numbers could not be put into the translation.
    pub fn with_numbers_not_adapted(mut self, not_adapted: bool) -> Self {
        self.numbers_not_adapted = not_adapted;
        self
    }

    /// The target to use: the adapted one when there is one.
    pub fn best_target(&self) -> &Content {
        self.adapted_target.as_ref().unwrap_or(&self.target)
    }

    /// The proposed translation with its inline codes replaced by the codes of `segment` (the
    /// source it is proposed for), or `None` when that cannot be done safely.
    ///
    /// The proposal's source and `segment` must have the same codes in the same order (same
    /// kinds, same isolation); each code of the target is then matched to its counterpart in the
    /// proposal's source by kind and id, and replaced by the segment's code at that position.
    /// A code of the target that has no counterpart, or that would be used twice, or a code of
    /// the segment that the target leaves out although it may not be deleted (or whose partner
    /// half is kept), makes the mapping unsafe. The segment's leading and trailing whitespace
    /// (which only lays out the document) is put around the target, since memories store text
    /// without it.
    ///
    /// ```
    /// use werkbank_model::{Content, InlineCode, Proposal, ProposalKind};
    ///
    /// let mut stored = Content::from_text("Klicken Sie auf ");
    /// stored.push_code(InlineCode::opening("1").with_data("<b>"));
    /// stored.push_text("OK");
    /// stored.push_code(InlineCode::closing("1").with_data("</b>"));
    /// let mut translation = Content::from_text("Click ");
    /// translation.push_code(InlineCode::opening("1").with_data("<b>"));
    /// translation.push_text("OK");
    /// translation.push_code(InlineCode::closing("1").with_data("</b>"));
    /// let proposal = Proposal::new(ProposalKind::Exact, 100, stored, translation);
    ///
    /// // The document's segment has the same words with its own codes.
    /// let mut segment = Content::from_text("Klicken Sie auf ");
    /// segment.push_code(InlineCode::opening("b7").with_data("<strong>"));
    /// segment.push_text("OK");
    /// segment.push_code(InlineCode::closing("b7").with_data("</strong>"));
    /// let mapped = proposal.target_for(&segment).expect("same codes");
    /// assert_eq!(mapped.codes()[0].code.id, "b7");
    /// assert_eq!(mapped.codes()[1].code.data.as_deref(), Some("</strong>"));
    /// ```
    pub fn target_for(&self, segment: &Content) -> Option<Content> {
        let trimmed = segment.trimmed();
        map_codes(&trimmed, &self.source, self.best_target())
            .map(|target| target.with_outer_whitespace_of(segment))
    }
}

/// See [`Proposal::target_for`].
fn map_codes(
    segment: &Content,
    stored_source: &Content,
    stored_target: &Content,
) -> Option<Content> {
    let wanted = segment.codes();
    let stored = stored_source.codes();
    if wanted.is_empty() && !stored_target.has_codes() {
        return Some(stored_target.clone());
    }
    if wanted.len() != stored.len() {
        return None;
    }
    let same_shape = wanted
        .iter()
        .zip(stored)
        .all(|(w, s)| w.code.kind == s.code.kind && w.code.isolated == s.code.isolated);
    if !same_shape {
        return None;
    }
    let mut used = vec![false; stored.len()];
    let mut codes = Vec::with_capacity(stored_target.codes().len());
    for placed in stored_target.codes() {
        let index = stored.iter().enumerate().position(|(i, s)| {
            s.code.kind == placed.code.kind
                && s.code.id == placed.code.id
                && !used.get(i).copied().unwrap_or(true)
        })?;
        *used.get_mut(index)? = true;
        codes.push(PlacedCode {
            offset: placed.offset,
            code: wanted.get(index)?.code.clone(),
        });
    }
    for (index, placed) in wanted.iter().enumerate() {
        if !used.get(index).copied().unwrap_or(false) && !placed.code.can_delete {
            return None;
        }
    }
    for (opening, closing) in segment.code_pairs() {
        if used.get(opening) != used.get(closing) {
            return None;
        }
    }
    let (text, _) = stored_target.clone().into_parts();
    Content::from_parts(text, codes).ok()
}

/// What is asked of a [`MatchSource`].
///
/// ```
/// use werkbank_model::{Content, ProposalQuery};
///
/// let segment = Content::from_text("Guten Morgen.");
/// let before = Content::from_text("Hallo.");
/// let query = ProposalQuery::new(&segment).with_previous(Some(&before)).with_min_score(80);
/// assert_eq!(query.max_results, 3);
/// ```
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
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

impl<'a> ProposalQuery<'a> {
    /// A query for `source` without neighbours: proposals scoring 70 or more, at most 3.
    pub fn new(source: &'a Content) -> Self {
        Self {
            source,
            previous: None,
            next: None,
            min_score: 70,
            max_results: 3,
        }
    }

    /// Sets the source of the segment before it.
    pub fn with_previous(mut self, previous: Option<&'a Content>) -> Self {
        self.previous = previous;
        self
    }

    /// Sets the source of the segment after it.
    pub fn with_next(mut self, next: Option<&'a Content>) -> Self {
        self.next = next;
        self
    }

    /// Sets the lowest score wanted (0 to 100).
    pub fn with_min_score(mut self, min_score: u8) -> Self {
        self.min_score = min_score;
        self
    }

    /// Sets how many proposals are wanted at most.
    pub fn with_max_results(mut self, max_results: usize) -> Self {
        self.max_results = max_results;
        self
    }
}

/// A source of matches could not answer (its store failed, an engine did not respond).
#[derive(Debug, thiserror::Error)]
#[error("{origin}: {message}")]
#[non_exhaustive]
pub struct MatchError {
    /// Which source failed (a memory's path, an engine's name).
    pub origin: String,
    /// What went wrong.
    pub message: String,
}

impl MatchError {
    /// An error of the source `origin`.
    pub fn new(origin: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            origin: origin.into(),
            message: message.into(),
        }
    }
}

/// Anything that proposes translations for segments: a translation memory, several of them, a
/// machine translation engine.
///
/// # Example
/// ```
/// use werkbank_model::{Content, LanguageTag, MatchError, MatchSource, Proposal, ProposalKind, ProposalQuery};
///
/// /// A source that knows one sentence.
/// struct OneSentence(LanguageTag, LanguageTag);
///
/// impl MatchSource for OneSentence {
///     fn source_language(&self) -> &LanguageTag { &self.0 }
///     fn target_language(&self) -> &LanguageTag { &self.1 }
///     fn proposals(&self, query: &ProposalQuery<'_>) -> Result<Vec<Proposal>, MatchError> {
///         if query.source.plain_text() != "Guten Morgen." {
///             return Ok(Vec::new());
///         }
///         Ok(vec![Proposal::new(
///             ProposalKind::Exact,
///             100,
///             query.source.clone(),
///             Content::from_text("Good morning."),
///         )])
///     }
/// }
///
/// let source = OneSentence("de".parse()?, "en".parse()?);
/// let segment = Content::from_text("Guten Morgen.");
/// let proposals = source.proposals(&ProposalQuery::new(&segment))?;
/// assert_eq!(proposals[0].target.plain_text(), "Good morning.");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub trait MatchSource {
    /// The language of the sources it matches.
    fn source_language(&self) -> &LanguageTag;
    /// The language of the translations it proposes.
    fn target_language(&self) -> &LanguageTag;
    /// Proposals for one segment, best first.
    fn proposals(&self, query: &ProposalQuery<'_>) -> Result<Vec<Proposal>, MatchError>;
    /// Proposals for several segments at once, one list per query in the same order. A source
    /// that can answer many questions faster than one at a time (a database, an engine over a
    /// network) answers this; by default each query is asked on its own.
    fn proposals_for_all(
        &self,
        queries: &[ProposalQuery<'_>],
    ) -> Result<Vec<Vec<Proposal>>, MatchError> {
        queries.iter().map(|query| self.proposals(query)).collect()
    }
}
