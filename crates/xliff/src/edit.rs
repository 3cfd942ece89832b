//! Writing what a job decided into a unit: targets filled from matches (with the state, the
//! 1.2 state qualifier and Trados's own segment status saying where they came from) and matches
//! offered as translation candidates (1.2 `alt-trans`, 2.x `mtc:matches`). Only the elements
//! concerned change; the rest of the unit keeps its text.

use werkbank_model::{Content, LanguageTag, Proposal, ProposalKind, SegmentState};

use crate::extras::NS_MTC;
use crate::inline::{self, CoreName};
use crate::units::set_unit_target;
use crate::xml::{Element, Node, Text};
use crate::{Unit, XliffError};

/// A target to write into a segment, from a match of `kind` scoring `score`.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Fill {
    /// The target (with the segment's own inline codes).
    pub target: Content,
    /// The kind of match it comes from.
    pub kind: ProposalKind,
    /// Its score.
    pub score: u8,
}

impl Fill {
    /// A fill of `target` from a match of `kind` scoring `score`.
    pub fn new(target: Content, kind: ProposalKind, score: u8) -> Self {
        Self {
            target,
            kind,
            score,
        }
    }
}

/// What to write into one segment: part `part` of the unit (an index into
/// [`Unit::parts`](crate::Unit::parts)).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct SegmentEdit {
    /// The part.
    pub part: usize,
    /// The target to fill in, if any. An exact or in-context match is written as translated;
    /// a fuzzy one with a state that asks for review (1.2 `needs-review-translation` with
    /// `state-qualifier="leveraged-tm"`, 2.x `initial` with `subState="werkbank:fuzzy-match"`).
    pub fill: Option<Fill>,
    /// Matches offered as candidates. Candidates of the same origin from an earlier run are
    /// replaced.
    pub offers: Vec<Proposal>,
}

impl SegmentEdit {
    /// Nothing to write yet into part `part`.
    pub fn new(part: usize) -> Self {
        Self {
            part,
            fill: None,
            offers: Vec::new(),
        }
    }

    /// Sets [`SegmentEdit::fill`].
    pub fn with_fill(mut self, fill: Fill) -> Self {
        self.fill = Some(fill);
        self
    }

    /// Sets [`SegmentEdit::offers`].
    pub fn with_offers(mut self, offers: Vec<Proposal>) -> Self {
        self.offers = offers;
        self
    }
}

/// Writes `edits` into the unit element `element` (read into the model as `unit`); `origin`
/// names where the matches come from, `languages` are the document's. Returns the segment ids
/// generated for segments that had none and got candidates pointing to them, as (part, id).
pub(crate) fn apply(
    element: &mut Element,
    unit: &Unit,
    edits: &[SegmentEdit],
    origin: &str,
    languages: (&LanguageTag, &LanguageTag),
) -> Result<Vec<(usize, String)>, XliffError> {
    let v2 = element.local_name() == "unit";
    let ns = element.ns().to_string();
    if v2 {
        for edit in edits {
            let Some(Fill { target, kind, .. }) = &edit.fill else {
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
        write_matches(element, edits, &ids.all, origin);
        return Ok(ids.generated);
    } else {
        let mut lowest: Option<(u8, &'static str, &'static str)> = None;
        for edit in edits {
            let Some(Fill {
                target,
                kind,
                score,
            }) = &edit.fill
            else {
                continue;
            };
            set_unit_target(element, edit.part, target, SegmentState::Translated)?;
            if let Some(part) = unit.parts.get(edit.part) {
                sdl::mark_filled(element, &part.segment.id, *kind, *score, origin);
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
        write_alt_trans(element, &ns, unit, edits, origin, languages);
    }
    Ok(Vec::new())
}

/// Trados Studio's own segment status (`sdl:seg` in `sdl:seg-defs`), which Studio shows
/// instead of the XLIFF state: a filled segment must say so there too.
mod sdl {
    use werkbank_model::ProposalKind;

    use crate::xml::{Element, Node, Text};

    use crate::namespaces::NS_SDL;

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

fn ensure_segment_ids(unit: &mut Element, ns: &str, edits: &[SegmentEdit]) -> SegmentIds {
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

fn write_matches(unit: &mut Element, edits: &[SegmentEdit], ids: &[(usize, String)], origin: &str) {
    let core = CoreName::of(unit);
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
    edits: &[SegmentEdit],
    origin: &str,
    languages: (&LanguageTag, &LanguageTag),
) {
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
