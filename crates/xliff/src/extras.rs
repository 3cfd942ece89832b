//! What a unit carries besides its segments: translation candidates (1.2 `alt-trans`, 2.x
//! `mtc:matches`) and metadata (2.x `mda:metadata`).

use werkbank_model::Content;

use crate::inline::{self, CoreName, DataCollector, OriginalData};
use crate::units::original_data;
use crate::xml::{Element, Node, Text};
use crate::XliffError;

use crate::namespaces::NS_MDA;
/// The namespace of the XLIFF 2 translation candidates module.
pub(crate) use crate::namespaces::NS_MTC;

/// A translation candidate offered with a unit: 1.2 `alt-trans` or 2.x `mtc:match`.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// What it applies to: the segment id (2.x `ref` without `#`, 1.2 `mid`), if given.
    pub applies_to: Option<String>,
    /// Its source, when given.
    pub source: Option<Content>,
    /// The proposed translation.
    pub target: Content,
    /// Similarity of its source to the unit's, 0–100 (2.x `similarity`, 1.2 `match-quality` when
    /// it is a number).
    pub similarity: Option<f64>,
    /// Quality of the translation, 0–100 (2.x `matchQuality`).
    pub match_quality: Option<f64>,
    /// Where it comes from (`origin`, 1.2 `tool-id` when there is no origin).
    pub origin: Option<String>,
    /// Its kind: 2.x `type` (tm, mt, ...), 1.2 `alttranstype`.
    pub kind: Option<String>,
    /// The 1.2 `match-quality` as written, which may be free text.
    pub match_quality_text: Option<String>,
}

/// A group of metadata (2.x `mda:metaGroup`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MetaGroup {
    /// The group's `id`.
    pub id: Option<String>,
    /// Its `category`.
    pub category: Option<String>,
    /// Its `appliesTo` (source, target or ignorable).
    pub applies_to: Option<String>,
    /// `meta` entries as (type, value).
    pub entries: Vec<(String, String)>,
    /// Nested groups.
    pub groups: Vec<MetaGroup>,
}

fn number(text: Option<&str>) -> Option<f64> {
    text.and_then(|t| t.trim().trim_end_matches('%').trim().parse().ok())
}

/// Candidates of a 1.2 `trans-unit`.
pub fn alt_trans(unit: &Element, ns: &str) -> Vec<Candidate> {
    unit.children_named(ns, "alt-trans")
        .filter_map(|alt| {
            let target = alt.child(ns, "target")?;
            let mut target_content = Content::new();
            inline::read_content_12(target, &mut target_content);
            let source = alt.child(ns, "source").map(|s| {
                let mut content = Content::new();
                inline::read_content_12(s, &mut content);
                content
            });
            let quality = alt.attr("match-quality");
            Some(Candidate {
                applies_to: alt.attr("mid").map(str::to_string),
                source,
                target: target_content,
                similarity: number(quality),
                match_quality: None,
                origin: alt
                    .attr("origin")
                    .or(alt.attr("tool-id"))
                    .map(str::to_string),
                kind: alt.attr("alttranstype").map(str::to_string),
                match_quality_text: quality.map(str::to_string),
            })
        })
        .collect()
}

/// Candidates of a 2.x `unit` (`mtc:matches`).
pub fn matches(unit: &Element) -> Result<Vec<Candidate>, XliffError> {
    let mut out = Vec::new();
    for matches in unit.children_named(NS_MTC, "matches") {
        for candidate in matches.children_named(NS_MTC, "match") {
            let core = candidate
                .elements()
                .find(|e| e.local_name() == "target" && e.ns() != NS_MTC)
                .map(|e| e.ns().to_string())
                .unwrap_or_default();
            let data = original_data(candidate, &core);
            let read = |name: &str| -> Result<Option<Content>, XliffError> {
                match candidate.child(&core, name) {
                    Some(element) => {
                        let mut content = Content::new();
                        inline::read_content_2(element, &data, &mut content)?;
                        Ok(Some(content))
                    }
                    None => Ok(None),
                }
            };
            let Some(target) = read("target")? else {
                continue;
            };
            out.push(Candidate {
                applies_to: candidate
                    .attr("ref")
                    .map(|r| r.rsplit(['#', '/', '=']).next().unwrap_or(r).to_string()),
                source: read("source")?,
                target,
                similarity: number(candidate.attr("similarity")),
                match_quality: number(candidate.attr("matchQuality")),
                origin: candidate.attr("origin").map(str::to_string),
                kind: candidate.attr("type").map(str::to_string),
                match_quality_text: None,
            });
        }
    }
    Ok(out)
}

fn meta_group(group: &Element) -> MetaGroup {
    let mut out = MetaGroup {
        id: group.attr("id").map(str::to_string),
        category: group.attr("category").map(str::to_string),
        applies_to: group.attr("appliesTo").map(str::to_string),
        ..MetaGroup::default()
    };
    for child in group.elements() {
        if child.is(NS_MDA, "meta") {
            out.entries.push((
                child.attr("type").unwrap_or("").to_string(),
                child.text_content(),
            ));
        } else if child.is(NS_MDA, "metaGroup") {
            out.groups.push(meta_group(child));
        }
    }
    out
}

/// The metadata of a 2.x element (`mda:metadata` among its children).
pub fn metadata(element: &Element) -> Vec<MetaGroup> {
    element
        .children_named(NS_MDA, "metadata")
        .flat_map(|metadata| {
            metadata
                .children_named(NS_MDA, "metaGroup")
                .map(meta_group)
                .collect::<Vec<_>>()
        })
        .collect()
}

fn text_node(value: &str) -> Node {
    Node::Text(Text::new(value))
}

/// One `mtc:match` with the given attributes, `source` and `target` (and the `originalData`
/// their codes need), its own tag indented by `indent`.
pub(crate) fn match_element(
    source: &Content,
    target: &Content,
    attributes: &[(&str, &str)],
    core: &CoreName,
    indent: &str,
) -> Element {
    let inner = format!("{indent} ");
    let innermost = format!("{indent}  ");
    let mut candidate = Element::new("mtc:match", Some(NS_MTC.into()));
    for (name, value) in attributes {
        candidate.set_attr(name, *value);
    }
    let mut collector = DataCollector::new(OriginalData::new());
    let source_nodes = inline::write_content_2(source, core, &mut collector);
    let target_nodes = inline::write_content_2(target, core, &mut collector);
    if !collector.added.is_empty() {
        let mut original = core.element("originalData");
        for (data_id, value) in &collector.added {
            let mut data = core.element("data");
            data.set_attr("id", data_id.as_str());
            data.push(text_node(value));
            original.push(text_node(&innermost));
            original.push(Node::Element(Box::new(data)));
        }
        original.push(text_node(&inner));
        candidate.push(text_node(&inner));
        candidate.push(Node::Element(Box::new(original)));
    }
    for (name, nodes) in [("source", source_nodes), ("target", target_nodes)] {
        let mut part = core.element(name);
        part.set_children(nodes);
        candidate.push(text_node(&inner));
        candidate.push(Node::Element(Box::new(part)));
    }
    candidate.push(text_node(indent));
    candidate
}

/// A number as XLIFF attributes write scores: without a fraction when it has none.
pub(crate) fn score_attribute(value: f64) -> String {
    let clamped = value.clamp(0.0, 100.0);
    if clamped.fract() == 0.0 {
        format!("{clamped:.0}")
    } else {
        format!("{clamped}")
    }
}
