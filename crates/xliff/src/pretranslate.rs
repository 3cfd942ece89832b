//! Pre-translation: filling a document's targets from any source of matches (a translation
//! memory, or anything else implementing [`MatchSource`]), and offering the near matches as
//! translation candidates (1.2 `alt-trans`, 2.x `mtc:matches`).
//!
//! For every segment that has no translation yet, the source is asked for proposals at or above
//! a threshold, with the segments before and after it as context:
//! - an in-context (101) or exact (100) match fills the target with state `translated` (in 1.2
//!   also `state-qualifier="exact-match"`);
//! - a fuzzy match is offered as a candidate; it fills the target only when
//!   [`PretranslateOptions::fill_fuzzy`] is set, and then with a state that asks for review (1.2
//!   `needs-review-translation` with `state-qualifier="leveraged-tm"`, 2.x `initial` with
//!   `subState="werkbank:fuzzy-match"`);
//! - the proposal's inline codes are replaced by the segment's own codes
//!   ([`Proposal::target_for`]); when that cannot be done safely, the match is offered but not
//!   filled;
//! - numbers that differ between the stored source and the segment are put into the proposed
//!   target when the source adapts them ([`Proposal::best_target`]).
//!
//! ```
//! use werkbank_model::{Content, LanguageTag, MatchSource, Proposal, ProposalKind, ProposalQuery};
//! use werkbank_xliff::pretranslate::{pretranslate, Outcome, PretranslateOptions};
//! use werkbank_xliff::Document;
//!
//! /// A source of matches that knows one sentence.
//! struct Greeting(LanguageTag, LanguageTag);
//! impl MatchSource for Greeting {
//!     fn source_language(&self) -> &LanguageTag { &self.0 }
//!     fn target_language(&self) -> &LanguageTag { &self.1 }
//!     fn proposals(&self, query: &ProposalQuery<'_>) -> Vec<Proposal> {
//!         if query.source.plain_text() != "Guten Morgen." {
//!             return Vec::new();
//!         }
//!         vec![Proposal::new(
//!             ProposalKind::Exact,
//!             100,
//!             query.source.clone(),
//!             Content::from_text("Good morning."),
//!         )]
//!     }
//! }
//!
//! let text = r#"<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="de" trgLang="en">
//!  <file id="f1">
//!   <unit id="u1">
//!    <segment id="s1"><source>Guten Morgen.</source></segment>
//!    <segment id="s2"><source>Wie geht es?</source></segment>
//!   </unit>
//!  </file>
//! </xliff>"#;
//! let mut document = Document::parse(text.as_bytes())?;
//! let source = Greeting("de".parse()?, "en".parse()?);
//! let report = pretranslate(&mut document, &source, &PretranslateOptions::default(), &mut |_, _| {})?;
//! assert_eq!(report.segments[0].outcome, Outcome::Filled(ProposalKind::Exact));
//! assert_eq!(report.segments[1].outcome, Outcome::NoMatch);
//! let written = String::from_utf8(document.to_bytes())?;
//! assert!(written.contains(r#"<segment id="s1" state="translated"><source>Guten Morgen.</source><target>Good morning.</target></segment>"#));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use thiserror::Error;
use werkbank_model::{
    Content, LanguageTag, MatchSource, Proposal, ProposalKind, ProposalQuery, SegmentState,
};

use crate::inline::{self, CoreName};
use crate::units::set_unit_target;
use crate::validate::{self, Finding};
use crate::xml::{Element, Node, Text};
use crate::{Document, Unit, XliffError};

use crate::extras::NS_MTC;

/// How [`pretranslate`] works.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PretranslateOptions {
    /// Proposals scoring lower are neither filled nor offered (0 to 100).
    pub min_score: u8,
    /// At most this many proposals per segment are written as candidates (0: none).
    pub max_candidates: usize,
    /// Fill the target with the best fuzzy match too (with a state that asks for review).
    pub fill_fuzzy: bool,
    /// Replace targets that are there already; without it, a segment with a non-empty target
    /// is left as it is.
    pub overwrite: bool,
    /// The `origin` written on candidates. Candidates with the same origin from an earlier run
    /// are replaced, so running twice does not offer everything twice.
    pub origin: String,
    /// Check the document with the validator first and refuse it when it is not valid.
    pub validate: bool,
}

impl Default for PretranslateOptions {
    fn default() -> Self {
        Self {
            min_score: 70,
            max_candidates: 3,
            fill_fuzzy: false,
            overwrite: false,
            origin: "werkbank".into(),
            validate: true,
        }
    }
}

/// Why a document could not be pre-translated. Nothing is changed when one of these is returned.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum PretranslateError {
    /// The document names no source language.
    #[error("the document names no source language (srcLang / source-language)")]
    NoSourceLanguage,
    /// The document names no target language, so there is nothing to translate into.
    #[error("the document names no target language (trgLang / target-language); add one first")]
    NoTargetLanguage,
    /// A language the document names is not a valid language tag.
    #[error("the document's language {tag:?} is not a language tag: {message}")]
    Language {
        /// The tag as written.
        tag: String,
        /// What is wrong with it.
        message: String,
    },
    /// The languages of the document and of the source of matches differ.
    #[error(
        "the document is {document_source}→{document_target} but the matches are \
         {matches_source}→{matches_target}"
    )]
    LanguagePair {
        /// The document's source language.
        document_source: String,
        /// The document's target language.
        document_target: String,
        /// The source language of the matches.
        matches_source: String,
        /// Their target language.
        matches_target: String,
    },
    /// The document is not valid XLIFF; the findings say where and why.
    #[error("the document is not valid XLIFF ({} problems); first: {}", findings.len(), first_finding(findings))]
    Invalid {
        /// What the validator found.
        findings: Vec<Finding>,
    },
    /// Reading or writing the document failed.
    #[error(transparent)]
    Xliff(#[from] XliffError),
}

fn first_finding(findings: &[Finding]) -> String {
    findings
        .first()
        .map(|f| format!("{}: {}: {}", f.position, f.rule, f.message))
        .unwrap_or_default()
}

/// What happened to one segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The target was filled from a match of this kind.
    Filled(ProposalKind),
    /// Matches were offered as candidates; the target was not filled.
    Offered,
    /// The best match is exact (or fuzzy with `fill_fuzzy`) but its inline codes could not be
    /// mapped onto the segment's safely, so it was offered, not filled.
    CodesNotMapped,
    /// No match at or above the threshold.
    NoMatch,
    /// The segment had a translation already and `overwrite` was not set.
    AlreadyTranslated,
    /// The unit is marked `translate="no"`.
    NotTranslatable,
}

/// One segment's result.
#[derive(Debug, Clone, PartialEq)]
pub struct SegmentReport {
    /// The unit's id.
    pub unit: String,
    /// The segment's id (generated when the document had none).
    pub segment: String,
    /// The segment's source.
    pub source: Content,
    /// What was done.
    pub outcome: Outcome,
    /// The best proposal, if there was one.
    pub best: Option<Proposal>,
    /// The target written, if one was.
    pub target: Option<Content>,
}

/// What [`pretranslate`] did, segment by segment in document order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PretranslateReport {
    /// Every segment of the document.
    pub segments: Vec<SegmentReport>,
}

impl PretranslateReport {
    /// Segments whose target was filled from a match of `kind`.
    pub fn filled(&self, kind: ProposalKind) -> usize {
        self.count(|o| o == Outcome::Filled(kind))
    }

    /// Segments with a given outcome.
    pub fn count(&self, wanted: impl Fn(Outcome) -> bool) -> usize {
        self.segments.iter().filter(|s| wanted(s.outcome)).count()
    }

    /// Segments for which at least one proposal was found.
    pub fn with_proposals(&self) -> usize {
        self.segments.iter().filter(|s| s.best.is_some()).count()
    }
}

/// A segment to look up: where it is and its neighbours.
struct Slot {
    unit: usize,
    part: usize,
    translate: bool,
    kept: bool,
}

/// The document's source and target languages, as pre-translation needs them: both named,
/// both valid language tags.
pub fn document_languages(
    document: &Document,
) -> Result<(LanguageTag, LanguageTag), PretranslateError> {
    let parse = |tag: Option<&str>, missing: PretranslateError| match tag {
        Some(tag) if !tag.trim().is_empty() => {
            tag.parse::<LanguageTag>()
                .map_err(|error| PretranslateError::Language {
                    tag: tag.to_string(),
                    message: error.to_string(),
                })
        }
        _ => Err(missing),
    };
    Ok((
        parse(
            document.source_language(),
            PretranslateError::NoSourceLanguage,
        )?,
        parse(
            document.target_language(),
            PretranslateError::NoTargetLanguage,
        )?,
    ))
}

fn check_languages(
    document: &Document,
    matches: &dyn MatchSource,
) -> Result<(LanguageTag, LanguageTag), PretranslateError> {
    let (source, target) = document_languages(document)?;
    if source.primary_language() != matches.source_language().primary_language()
        || target.primary_language() != matches.target_language().primary_language()
    {
        return Err(PretranslateError::LanguagePair {
            document_source: source.to_string(),
            document_target: target.to_string(),
            matches_source: matches.source_language().to_string(),
            matches_target: matches.target_language().to_string(),
        });
    }
    Ok((source, target))
}

/// Pre-translates `document` in place from `matches` (see the module documentation).
/// `progress` is called with (segments done, segments in all) as the work goes on.
///
/// The document is left unchanged when an error is returned.
pub fn pretranslate(
    document: &mut Document,
    matches: &dyn MatchSource,
    options: &PretranslateOptions,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<PretranslateReport, PretranslateError> {
    if options.validate {
        let findings = validate::validate(document);
        if !findings.is_empty() {
            return Err(PretranslateError::Invalid { findings });
        }
    }
    let (source_language, target_language) = check_languages(document, matches)?;
    let units = document.units()?;

    // Every segment in document order, so that each can be looked up with its neighbours.
    let mut slots = Vec::new();
    for (unit_index, unit) in units.iter().enumerate() {
        for (part_index, part) in unit.parts.iter().enumerate() {
            if part.ignorable {
                continue;
            }
            // A 1.2 unit translated as a whole (a target without segment markers) counts as
            // translated in each of its segments.
            let has_target = unit.unit_target.is_some()
                || part
                    .segment
                    .target
                    .as_ref()
                    .is_some_and(|t| !t.plain_text().trim().is_empty() || t.has_codes());
            slots.push(Slot {
                unit: unit_index,
                part: part_index,
                translate: unit.translate,
                kept: has_target && !options.overwrite,
            });
        }
    }
    let source_of = |slot: &Slot| -> Option<&Content> {
        units
            .get(slot.unit)
            .and_then(|u| u.parts.get(slot.part))
            .map(|p| &p.segment.source)
    };

    let total = slots.len();
    let mut reports = Vec::with_capacity(total);
    // Per unit: the targets to write and the proposals to offer.
    let mut edits: Vec<Vec<Edit>> = vec![Vec::new(); units.len()];
    for (index, slot) in slots.iter().enumerate() {
        progress(index, total);
        let (Some(unit), Some(source)) = (units.get(slot.unit), source_of(slot)) else {
            continue;
        };
        let segment_id = unit
            .parts
            .get(slot.part)
            .map(|p| p.segment.id.clone())
            .unwrap_or_default();
        let mut report = SegmentReport {
            unit: unit.id.clone(),
            segment: segment_id,
            source: source.clone(),
            outcome: Outcome::NoMatch,
            best: None,
            target: None,
        };
        if !slot.translate {
            report.outcome = Outcome::NotTranslatable;
            reports.push(report);
            continue;
        }
        if slot.kept {
            report.outcome = Outcome::AlreadyTranslated;
            reports.push(report);
            continue;
        }
        // Neighbours count only within the same file.
        let same_file = |other: &&Slot| {
            units.get(other.unit).map(|u| &u.file) == units.get(slot.unit).map(|u| &u.file)
        };
        let neighbour = |other: Option<&Slot>| other.filter(same_file).and_then(source_of);
        let query = ProposalQuery {
            source,
            previous: neighbour(index.checked_sub(1).and_then(|i| slots.get(i))),
            next: neighbour(slots.get(index + 1)),
            min_score: options.min_score,
            max_results: options.max_candidates.max(1),
        };
        let mut proposals = matches.proposals(&query);
        // A memory may hold the same pair twice; offering it twice helps nobody.
        let mut seen: Vec<(String, String)> = Vec::new();
        proposals.retain(|p| {
            let key = (p.source.coded_text(), p.best_target().coded_text());
            let fresh = !seen.contains(&key);
            if fresh {
                seen.push(key);
            }
            fresh
        });
        let mut edit = Edit {
            part: slot.part,
            fill: None,
            offers: proposals
                .iter()
                .take(options.max_candidates)
                .cloned()
                .collect(),
        };
        if let Some(best) = proposals.first() {
            let wanted = match best.kind {
                ProposalKind::Context | ProposalKind::Exact => true,
                ProposalKind::Fuzzy => options.fill_fuzzy,
            };
            report.outcome = if wanted {
                match best.target_for(source) {
                    Some(target) => {
                        report.target = Some(target.clone());
                        edit.fill = Some((target, best.kind, best.score));
                        Outcome::Filled(best.kind)
                    }
                    None => Outcome::CodesNotMapped,
                }
            } else {
                Outcome::Offered
            };
            report.best = Some(best.clone());
        }
        if let Some(edits) = edits.get_mut(slot.unit) {
            edits.push(edit);
        }
        reports.push(report);
    }
    progress(total, total);

    // Write: work on a copy so that a failure leaves the document as it was.
    let mut edited = document.clone();
    let languages = (source_language, target_language);
    let mut generated = std::collections::HashMap::new();
    edited.edit_units(&mut |ordinal, element| {
        let (Some(unit), Some(unit_edits)) = (units.get(ordinal), edits.get(ordinal)) else {
            return Ok(());
        };
        if unit_edits.is_empty() {
            return Ok(());
        }
        for (part, id) in apply(element, unit, unit_edits, options, &languages)? {
            generated.insert((ordinal, part), id);
        }
        Ok(())
    })?;
    // Segment ids generated for candidates' references show in the report too (every slot
    // has its report, in the same order).
    for (report, slot) in reports.iter_mut().zip(&slots) {
        if let Some(id) = generated.remove(&(slot.unit, slot.part)) {
            report.segment = id;
        }
    }
    *document = edited;
    Ok(PretranslateReport { segments: reports })
}

#[derive(Debug, Clone)]
struct Edit {
    part: usize,
    /// The target to write, the kind of match and its score.
    fill: Option<(Content, ProposalKind, u8)>,
    offers: Vec<Proposal>,
}

fn apply(
    element: &mut Element,
    unit: &Unit,
    edits: &[Edit],
    options: &PretranslateOptions,
    languages: &(LanguageTag, LanguageTag),
) -> Result<Vec<(usize, String)>, XliffError> {
    let v2 = element.local_name() == "unit";
    let ns = element.ns().to_string();
    if v2 {
        for edit in edits {
            let Some((target, kind, _)) = &edit.fill else {
                continue;
            };
            let state = match kind {
                ProposalKind::Fuzzy => SegmentState::Initial,
                _ => SegmentState::Translated,
            };
            set_unit_target(element, edit.part, target, state)?;
            if *kind == ProposalKind::Fuzzy {
                if let Some(segment) = nth_part_mut(element, &ns, edit.part) {
                    segment.set_attr("subState", "werkbank:fuzzy-match");
                }
            }
        }
        let ids = ensure_segment_ids(element, &ns, edits);
        write_matches(element, edits, &ids.all, options);
        return Ok(ids.generated);
    } else {
        let mut lowest: Option<(u8, &'static str, &'static str)> = None;
        for edit in edits {
            let Some((target, kind, score)) = &edit.fill else {
                continue;
            };
            set_unit_target(element, edit.part, target, SegmentState::Translated)?;
            if let Some(part) = unit.parts.get(edit.part) {
                sdl::mark_filled(element, &part.segment.id, *kind, *score, &options.origin);
            }
            let rank = match kind {
                ProposalKind::Fuzzy => (0, "needs-review-translation", "leveraged-tm"),
                _ => (1, "translated", "exact-match"),
            };
            if lowest.is_none_or(|l| rank.0 < l.0) {
                lowest = Some(rank);
            }
        }
        let filled_all = unit
            .parts
            .iter()
            .enumerate()
            .filter(|(_, p)| !p.ignorable)
            .all(|(i, _)| edits.iter().any(|e| e.part == i && e.fill.is_some()));
        if let (Some((_, state, qualifier)), Some(target)) =
            (lowest, element.elements_mut().find(|e| e.is(&ns, "target")))
        {
            // A 1.2 target holds every segment of the unit: it is translated only when all are.
            target.set_attr(
                "state",
                if filled_all {
                    state
                } else {
                    "needs-translation"
                },
            );
            target.set_attr("state-qualifier", qualifier);
        }
        write_alt_trans(element, &ns, unit, edits, options, languages);
    }
    Ok(Vec::new())
}

/// Trados Studio's own segment status (`sdl:seg` in `sdl:seg-defs`), which Studio shows
/// instead of the XLIFF state: a filled segment must say so there too.
mod sdl {
    use werkbank_model::ProposalKind;

    use crate::xml::{Element, Node, Text};

    const NS_SDL: &str = "http://sdl.com/FileTypes/SdlXliff/1.0";

    /// Marks segment `mid` of a Trados unit as filled from a match of `kind` and `score`.
    /// Units without `sdl:seg-defs` are not Trados units and are left alone.
    pub(super) fn mark_filled(
        unit: &mut Element,
        mid: &str,
        kind: ProposalKind,
        score: u8,
        origin: &str,
    ) {
        let Some(definitions) = unit.elements_mut().find(|e| e.is(NS_SDL, "seg-defs")) else {
            return;
        };
        let conf = match kind {
            ProposalKind::Fuzzy => "Draft",
            _ => "Translated",
        };
        let existing = definitions
            .elements_mut()
            .find(|e| e.is(NS_SDL, "seg") && e.attr("id") == Some(mid));
        let segment = match existing {
            Some(segment) => segment,
            None => {
                let prefix = definitions
                    .name
                    .split_once(':')
                    .map_or(String::new(), |(p, _)| format!("{p}:"));
                let mut segment = Element::new(format!("{prefix}seg"), Some(NS_SDL.into()));
                segment.set_attr("id", mid);
                let indent = definitions.children.iter().rev().find_map(|n| match n {
                    Node::Text(t) if t.value.trim().is_empty() => Some(t.value.clone()),
                    _ => None,
                });
                let closing = definitions
                    .children
                    .pop_if(|n| matches!(n, Node::Text(t) if t.value.trim().is_empty()));
                if let Some(indent) = &indent {
                    definitions.push(Node::Text(Text::new(format!("{indent}  "))));
                }
                definitions.push(Node::Element(Box::new(segment)));
                if let Some(closing) = closing {
                    definitions.push(closing);
                }
                match definitions.elements_mut().last() {
                    Some(segment) => segment,
                    None => return,
                }
            }
        };
        segment.set_attr("conf", conf);
        segment.set_attr("origin", "tm");
        segment.set_attr("origin-system", origin);
        segment.set_attr("percent", score.min(100).to_string());
        if kind == ProposalKind::Context {
            segment.set_attr("text-match", "SourceAndTarget");
        } else {
            segment.remove_attr("text-match");
        }
    }
}

fn nth_part_mut<'a>(unit: &'a mut Element, ns: &str, part: usize) -> Option<&'a mut Element> {
    unit.elements_mut()
        .filter(|e| e.is(ns, "segment") || e.is(ns, "ignorable"))
        .nth(part)
}

/// Segment ids for candidates to point to: (part, id) of every segment that gets candidates,
/// and of those among them that had none and got a new one, unique in the unit.
struct SegmentIds {
    all: Vec<(usize, String)>,
    generated: Vec<(usize, String)>,
}

fn ensure_segment_ids(unit: &mut Element, ns: &str, edits: &[Edit]) -> SegmentIds {
    let mut taken = Vec::new();
    collect_ids(unit, &mut taken);
    let mut ids = SegmentIds {
        all: Vec::new(),
        generated: Vec::new(),
    };
    for edit in edits.iter().filter(|e| !e.offers.is_empty()) {
        let Some(segment) = nth_part_mut(unit, ns, edit.part) else {
            continue;
        };
        let id = match segment.attr("id") {
            Some(id) => id.to_string(),
            None => {
                let mut n = edit.part + 1;
                while taken.iter().any(|t| *t == format!("s{n}")) {
                    n += 1;
                }
                let id = format!("s{n}");
                segment.set_attr("id", id.as_str());
                taken.push(id.clone());
                ids.generated.push((edit.part, id.clone()));
                id
            }
        };
        ids.all.push((edit.part, id));
    }
    ids
}

fn collect_ids(element: &Element, out: &mut Vec<String>) {
    for child in element.elements() {
        if let Some(id) = child.attr("id") {
            out.push(id.to_string());
        }
        collect_ids(child, out);
    }
}

/// The whitespace before the first child element, used to indent what is inserted.
fn indent_of(element: &Element) -> String {
    let mut previous = None;
    for child in &element.children {
        match child {
            Node::Text(text) if text.value.trim().is_empty() => previous = Some(text.value.clone()),
            Node::Element(_) => return previous.unwrap_or_default(),
            _ => previous = None,
        }
    }
    String::new()
}

fn score_text(score: u8) -> String {
    score.min(100).to_string()
}

fn text_node(value: &str) -> Node {
    Node::Text(Text::new(value))
}

/// Removes child elements for which `drop` says so, with the whitespace before each.
fn remove_children(parent: &mut Element, drop: &dyn Fn(&Element) -> bool) {
    let mut kept: Vec<Node> = Vec::with_capacity(parent.children.len());
    for node in std::mem::take(&mut parent.children) {
        if let Node::Element(element) = &node {
            if drop(element) {
                if matches!(kept.last(), Some(Node::Text(t)) if t.value.trim().is_empty()) {
                    kept.pop();
                }
                continue;
            }
        }
        kept.push(node);
    }
    parent.children = kept;
}

/// One `mtc:match` for a proposal, whose own tag is indented by `indent`.
fn build_match(
    proposal: &Proposal,
    id: &str,
    segment: &str,
    core: &CoreName,
    origin: &str,
    indent: &str,
) -> Element {
    let score = score_text(proposal.score);
    crate::extras::match_element(
        &proposal.source,
        proposal.best_target(),
        &[
            ("id", id),
            ("ref", &format!("#{segment}")),
            ("type", "tm"),
            ("similarity", &score),
            ("matchQuality", &score),
            ("origin", origin),
        ],
        core,
        indent,
    )
}

fn write_matches(
    unit: &mut Element,
    edits: &[Edit],
    ids: &[(usize, String)],
    options: &PretranslateOptions,
) {
    let core = CoreName::of(unit);
    let origin = options.origin.as_str();
    let unit_indent = indent_of(unit);
    let position = unit
        .children
        .iter()
        .position(|n| matches!(n, Node::Element(e) if e.is(NS_MTC, "matches")));
    let mut taken = Vec::new();
    if let Some(Node::Element(existing)) = position.and_then(|p| unit.children.get_mut(p)) {
        remove_children(existing, &|e| {
            e.is(NS_MTC, "match") && e.attr("origin") == Some(origin)
        });
        collect_ids(existing, &mut taken);
    }
    let match_indent = match position.and_then(|p| unit.children.get(p)) {
        Some(Node::Element(existing)) if existing.elements().next().is_some() => {
            indent_of(existing)
        }
        _ => format!("{unit_indent} "),
    };
    let mut new_matches = Vec::new();
    let mut number = 0;
    for edit in edits {
        let Some((_, segment)) = ids.iter().find(|(part, _)| *part == edit.part) else {
            continue;
        };
        for proposal in &edit.offers {
            let id = loop {
                number += 1;
                let id = format!("m{number}");
                if !taken.contains(&id) {
                    break id;
                }
            };
            new_matches.push(build_match(
                proposal,
                &id,
                segment,
                &core,
                origin,
                &match_indent,
            ));
        }
    }
    match position.and_then(|p| unit.children.get_mut(p)) {
        Some(Node::Element(existing)) => {
            let closing = existing
                .children
                .pop_if(|n| matches!(n, Node::Text(t) if t.value.trim().is_empty()));
            for candidate in new_matches {
                existing.push(text_node(&match_indent));
                existing.push(Node::Element(Box::new(candidate)));
            }
            if let Some(closing) = closing {
                existing.push(closing);
            }
            if existing.elements().next().is_none() {
                remove_children(unit, &|e| e.is(NS_MTC, "matches"));
            }
        }
        _ if new_matches.is_empty() => {}
        _ => {
            let mut matches = Element::new("mtc:matches", Some(NS_MTC.into()));
            matches.set_attr("xmlns:mtc", NS_MTC);
            for candidate in new_matches {
                matches.push(text_node(&match_indent));
                matches.push(Node::Element(Box::new(candidate)));
            }
            matches.push(text_node(&unit_indent));
            // First in the unit: the core schema puts extension elements before notes.
            let at = unit
                .children
                .iter()
                .position(|n| matches!(n, Node::Element(_)))
                .unwrap_or(unit.children.len());
            unit.children.insert(at, Node::Element(Box::new(matches)));
            unit.children.insert(at + 1, text_node(&unit_indent));
            unit.empty_tag = false;
        }
    }
}

fn write_alt_trans(
    unit: &mut Element,
    ns: &str,
    model: &Unit,
    edits: &[Edit],
    options: &PretranslateOptions,
    languages: &(LanguageTag, LanguageTag),
) {
    let origin = options.origin.as_str();
    remove_children(unit, &|e| {
        e.is(ns, "alt-trans") && e.attr("origin") == Some(origin)
    });
    let core = CoreName::of(unit);
    let indent = indent_of(unit);
    let inner = format!("{indent} ");
    // The schema lets `mid` name only a marker directly in seg-source (Trados nests them in
    // `<g>`; their candidates then go without `mid`).
    let direct_mids: Vec<String> = unit
        .child(ns, "seg-source")
        .map(|s| {
            s.children_named(ns, "mrk")
                .filter_map(|m| m.attr("mid").map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    let mut written = Vec::new();
    for edit in edits {
        let mid = model
            .parts
            .get(edit.part)
            .map(|p| p.segment.id.clone())
            .filter(|mid| direct_mids.contains(mid));
        for proposal in &edit.offers {
            let mut alt = core.element("alt-trans");
            if let Some(mid) = &mid {
                alt.set_attr("mid", mid.as_str());
            }
            alt.set_attr("match-quality", score_text(proposal.score));
            alt.set_attr("origin", origin);
            let mut source = core.element("source");
            source.set_xml_attr("lang", languages.0.as_str());
            source.set_children(inline::write_content_12(&proposal.source, &core));
            let mut target = core.element("target");
            target.set_xml_attr("lang", languages.1.as_str());
            target.set_children(inline::write_content_12(proposal.best_target(), &core));
            alt.push(text_node(&inner));
            alt.push(Node::Element(Box::new(source)));
            alt.push(text_node(&inner));
            alt.push(Node::Element(Box::new(target)));
            alt.push(text_node(&indent));
            written.push(alt);
        }
    }
    if written.is_empty() {
        return;
    }
    // After the core children that may precede alt-trans, before any extension element.
    let core_children = [
        "source",
        "seg-source",
        "target",
        "context-group",
        "count-group",
        "prop-group",
        "note",
        "alt-trans",
    ];
    let last = unit
        .children
        .iter()
        .rposition(|n| matches!(n, Node::Element(e) if e.ns() == ns && core_children.contains(&e.local_name())))
        .map_or(unit.children.len(), |i| i + 1);
    let mut at = last;
    for alt in written {
        unit.children.insert(at, text_node(&indent));
        unit.children.insert(at + 1, Node::Element(Box::new(alt)));
        at += 2;
    }
    unit.empty_tag = false;
}
