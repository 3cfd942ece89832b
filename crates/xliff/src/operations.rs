//! Operations on XLIFF 2 units that the OASIS test suite's in-out pairs exercise: joining
//! segments, resegmenting at sentence ends, removing annotations and extension annotations. All of
//! them work on the model ([`Content`]) and write the unit's segments back.
//!
//! [`normalized`] gives the form in which two documents are compared: inline codes flattened
//! (`pc` as `sc`/`ec`, `mrk` as `sm`/`em`, which XLIFF 2 defines as equivalent), default attribute
//! values dropped, `xml:space` resolved onto `source`/`target`, whitespace, comments and
//! processing instructions between structural elements ignored.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use werkbank_model::{CodeKind, Content, PlacedCode, Segment, SegmentState};

use crate::inline::{self, CoreName, DataCollector, OriginalData};
use crate::units::{add_original_data, original_data, read_unit_2, state_2};
use crate::xml::{Attribute, Element, Name, Node, XML_NAMESPACE};
use crate::{Document, Part, XliffError};

/// One segment or ignorable of a unit while an operation rebuilds it.
#[derive(Debug, Clone)]
struct Piece {
    ignorable: bool,
    segment: Segment,
    /// The segment's other attributes (canResegment, extension attributes), in order.
    attributes: Vec<Attribute>,
    /// `xml:space` of source and target.
    space: Option<String>,
    /// The target's explicit order.
    order: Option<u64>,
    /// Whether the segment may be split or joined.
    can_resegment: bool,
}

fn pieces(unit: &Element, ns: &str, inherited_resegment: bool) -> Result<Vec<Piece>, XliffError> {
    let parts: Vec<Part> = read_unit_2(unit, ns)?;
    let unit_resegment = match unit.attr("canResegment") {
        Some("no") => false,
        Some("yes") => true,
        _ => inherited_resegment,
    };
    let elements = unit
        .elements()
        .filter(|e| e.is(ns, "segment") || e.is(ns, "ignorable"));
    Ok(elements
        .zip(parts)
        .map(|(element, part)| {
            let source = element.child(ns, "source");
            let target = element.child(ns, "target");
            let space = [source, target]
                .iter()
                .flatten()
                .find_map(|e| e.attr_ns(XML_NAMESPACE, "space"))
                .map(str::to_string);
            Piece {
                ignorable: part.ignorable,
                attributes: element
                    .attributes
                    .iter()
                    .filter(|a| !matches!(&*a.name, "id" | "state" | "subState"))
                    .cloned()
                    .collect(),
                can_resegment: match element.attr("canResegment") {
                    Some("no") => false,
                    Some("yes") => true,
                    _ => unit_resegment,
                },
                order: target
                    .and_then(|t| t.attr("order"))
                    .and_then(|o| o.parse().ok()),
                space,
                segment: part.segment,
            }
        })
        .collect())
}

fn rank(state: SegmentState) -> u8 {
    match state {
        SegmentState::Initial => 0,
        SegmentState::Translated => 1,
        SegmentState::Reviewed => 2,
        SegmentState::Final => 3,
    }
}

/// Joins every run of consecutive segments (with the ignorables between them) that may be
/// resegmented into one segment. Parts are joined in the order of their targets; the joined
/// segment takes the id of the first, the least advanced state, and the first one's subState
/// when its state is kept. Pairs of codes that end up in one segment are written as one element.
fn join(items: Vec<Piece>) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    let mut run: Vec<(usize, Piece)> = Vec::new();
    let flush = |run: &mut Vec<(usize, Piece)>, out: &mut Vec<Piece>| {
        // Trailing ignorables are not part of the run.
        let mut tail = Vec::new();
        while run.last().is_some_and(|(_, p)| p.ignorable) {
            if let Some((_, piece)) = run.pop() {
                tail.push(piece);
            }
        }
        tail.reverse();
        if run.iter().filter(|(_, p)| !p.ignorable).count() < 2 {
            out.extend(run.drain(..).map(|(_, p)| p));
            out.extend(tail);
            return;
        }
        let mut ordered: Vec<(u64, Piece)> = run
            .drain(..)
            .map(|(index, piece)| (piece.order.unwrap_or(index as u64 + 1), piece))
            .collect();
        ordered.sort_by_key(|(order, _)| *order);
        let Some(first) = ordered
            .iter()
            .find(|(_, p)| !p.ignorable)
            .map(|(_, p)| p.clone())
        else {
            return;
        };
        let least = ordered
            .iter()
            .filter(|(_, p)| !p.ignorable)
            .map(|(_, p)| p.segment.state)
            .min_by_key(|s| rank(*s))
            .unwrap_or(SegmentState::Initial);
        let mut joined = first.clone();
        joined.segment.source = Content::new();
        joined.segment.target = None;
        joined.order = None;
        joined.segment.state = least;
        if least != first.segment.state {
            joined.segment.sub_state = None;
        }
        for (_, piece) in &ordered {
            joined.segment.source.append(&piece.segment.source);
            if let Some(target) = &piece.segment.target {
                joined
                    .segment
                    .target
                    .get_or_insert_with(Content::new)
                    .append(target);
            }
            if piece.space.is_some() {
                joined.space = piece.space.clone();
            }
        }
        out.push(joined);
        out.extend(tail);
    };
    for (index, piece) in items.into_iter().enumerate() {
        let joinable = piece.ignorable || piece.can_resegment;
        if !joinable {
            flush(&mut run, &mut out);
            out.push(piece);
            continue;
        }
        if piece.ignorable && run.is_empty() {
            out.push(piece);
            continue;
        }
        run.push((index, piece));
    }
    flush(&mut run, &mut out);
    out
}

/// Splits content at the given plain-text offsets; codes at a split offset go to the later part.
/// Offsets that are not ascending character boundaries inside the text (a faulty break rule)
/// give `None`: the content is then kept whole, never cut short.
fn split_at(content: &Content, breaks: &[usize]) -> Option<Vec<Content>> {
    let text = content.plain_text();
    let ascending = breaks.windows(2).all(|w| w.first() < w.last());
    let inside = breaks
        .iter()
        .all(|&b| b > 0 && b < text.len() && text.is_char_boundary(b));
    if !(ascending && inside) {
        return None;
    }
    let mut out = Vec::new();
    let mut start = 0;
    let mut code = 0;
    let codes = content.codes();
    for &end in breaks.iter().chain(std::iter::once(&text.len())) {
        let mut piece = Content::from_text(text.get(start..end)?);
        let mut placed: Vec<PlacedCode> = Vec::new();
        while let Some(c) = codes.get(code) {
            let last = end == text.len();
            if c.offset < end || (last && c.offset <= end) {
                placed.push(PlacedCode {
                    offset: c.offset - start,
                    code: c.code.clone(),
                });
                code += 1;
            } else {
                break;
            }
        }
        let (t, _) = piece.into_parts();
        piece = Content::from_parts(t, placed).ok()?;
        out.push(piece);
        start = end;
    }
    Some(out)
}

/// Splits every segment that may be resegmented at sentence ends. A translated target is split
/// the same way when it gives as many parts; the parts then have at most the state translated.
fn segment(
    items: Vec<Piece>,
    breaks: SentenceBreaks,
    taken: &mut dyn FnMut() -> String,
) -> Vec<Piece> {
    let mut out = Vec::new();
    for piece in items {
        if piece.ignorable || !piece.can_resegment {
            out.push(piece);
            continue;
        }
        let sources = split_at(&piece.segment.source, &breaks(&piece.segment.source));
        let Some(sources) = sources.filter(|s| s.len() >= 2) else {
            out.push(piece);
            continue;
        };
        let targets = piece
            .segment
            .target
            .as_ref()
            .and_then(|t| split_at(t, &breaks(t)));
        let targets = targets.filter(|t| t.len() == sources.len());
        let has_target = piece.segment.target.is_some();
        for (index, source) in sources.into_iter().enumerate() {
            let mut part = piece.clone();
            if index > 0 {
                part.segment.id = taken();
            }
            part.segment.source = source;
            part.segment.target = match (&targets, index) {
                (Some(t), _) => t.get(index).cloned(),
                (None, 0) => piece.segment.target.clone(),
                (None, _) => None,
            };
            if has_target && rank(part.segment.state) > rank(SegmentState::Translated) {
                part.segment.state = SegmentState::Translated;
                part.segment.sub_state = None;
            }
            part.order = None;
            out.push(part);
        }
    }
    out
}

fn is_annotation(code: &werkbank_model::InlineCode) -> bool {
    matches!(code.element.as_deref(), Some("mrk" | "sm" | "em"))
}

/// Removes annotation markers chosen by `remove` (given the opening half) and their closing
/// halves, keeping the annotated text.
fn remove_annotations(
    content: &Content,
    remove: &dyn Fn(&werkbank_model::InlineCode) -> bool,
    removed: &mut Vec<String>,
) -> Content {
    let mut out = Content::new();
    let text = content.plain_text();
    let mut previous = 0;
    for placed in content.codes() {
        out.push_text(text.get(previous..placed.offset).unwrap_or(""));
        previous = placed.offset;
        let code = &placed.code;
        let drop = is_annotation(code)
            && match code.kind {
                CodeKind::Opening => {
                    let drop = remove(code);
                    if drop {
                        removed.push(code.id.clone());
                    }
                    drop
                }
                _ => removed.contains(&code.id),
            };
        if !drop {
            out.push_code(code.clone());
        }
    }
    out.push_text(text.get(previous..).unwrap_or(""));
    out
}

fn write_pieces(unit: &mut Element, ns: &str, items: &[Piece]) {
    let core = CoreName::of(unit);
    let mut collector = DataCollector::new(original_data(unit, ns));
    let mut nodes = Vec::new();
    for piece in items {
        let mut element = core.element(if piece.ignorable {
            "ignorable"
        } else {
            "segment"
        });
        if !piece.segment.id.starts_with('#') {
            element.set_attr("id", piece.segment.id.as_str());
        }
        element.attributes.extend(piece.attributes.iter().cloned());
        if !piece.ignorable && piece.segment.state != SegmentState::Initial {
            element.set_attr("state", state_2(piece.segment.state));
        }
        if let Some(sub) = &piece.segment.sub_state {
            if piece.segment.state != SegmentState::Initial || !piece.ignorable {
                element.set_attr("subState", sub.as_str());
            }
        }
        let mut side = |name: &str, content: &Content, order: Option<u64>| {
            let mut child = core.element(name);
            if let Some(space) = &piece.space {
                child.attributes.push(Attribute {
                    name: Name::from("xml:space"),
                    value: space.clone(),
                    namespace: Some(std::sync::Arc::from(XML_NAMESPACE)),
                });
            }
            if let Some(order) = order {
                child.set_attr("order", order.to_string());
            }
            child.set_children(inline::write_content_2(content, &core, &mut collector));
            child.empty_tag = child.children.is_empty();
            child
        };
        let source = side("source", &piece.segment.source, None);
        element.push(Node::Element(Box::new(source)));
        if let Some(target) = &piece.segment.target {
            let target = side("target", target, piece.order);
            element.push(Node::Element(Box::new(target)));
        }
        nodes.push(Node::Element(Box::new(element)));
    }
    let first = unit.children.iter().position(
        |n| matches!(n, Node::Element(e) if e.is(ns, "segment") || e.is(ns, "ignorable")),
    );
    unit.children
        .retain(|n| !matches!(n, Node::Element(e) if e.is(ns, "segment") || e.is(ns, "ignorable")));
    let at = first
        .unwrap_or(unit.children.len())
        .min(unit.children.len());
    for (offset, node) in nodes.into_iter().enumerate() {
        unit.children.insert(at + offset, node);
    }
    if !collector.added.is_empty() {
        add_original_data(unit, ns, &core, &collector.added);
    }
}

/// Where a segment's content is split: byte offsets into its plain text, ascending, each the
/// start of a new segment. The sentence rules are the caller's (werkbank-segment's, an SRX
/// file's): this crate has none of its own.
pub type SentenceBreaks = fn(&Content) -> Vec<usize>;

/// The operations of the in-out pairs.
#[derive(Debug, Clone, Copy)]
pub enum Operation {
    /// Read and write back.
    Rewrite,
    /// Join segments.
    Join,
    /// Split segments where the given function says.
    Segment(SentenceBreaks),
    /// Remove every annotation (`mrk`, `sm`/`em`).
    RemoveAnnotations,
    /// Remove annotations whose type is an extension value (`prefix:value`).
    RemoveExtensions,
}

fn for_each_unit(
    element: &mut Element,
    ns: &str,
    resegment: bool,
    visit: &mut dyn FnMut(&mut Element, bool) -> Result<(), XliffError>,
) -> Result<(), XliffError> {
    for child in element.elements_mut() {
        if child.ns() != ns {
            continue;
        }
        let resegment = match child.attr("canResegment") {
            Some("no") => false,
            Some("yes") => true,
            _ => resegment,
        };
        match child.local_name() {
            "unit" => visit(child, resegment)?,
            "file" | "group" => for_each_unit(child, ns, resegment, visit)?,
            _ => {}
        }
    }
    Ok(())
}

/// Applies `operation` to every unit of an XLIFF 2 document.
pub fn apply(document: &mut Document, operation: Operation) -> Result<(), XliffError> {
    if !document.version().is_2x() {
        return Err(XliffError::Model {
            message: "these operations are defined for XLIFF 2".into(),
        });
    }
    let ns = document.core_namespace().to_string();
    if matches!(operation, Operation::Rewrite) {
        return Ok(());
    }
    for_each_unit(&mut document.root, &ns, true, &mut |unit, resegment| {
        let items = pieces(unit, &ns, resegment)?;
        let items = match operation {
            Operation::Join => join(items),
            Operation::Segment(breaks) => {
                let mut numbers: Vec<u64> = items
                    .iter()
                    .filter_map(|p| p.segment.id.strip_prefix('s').and_then(|n| n.parse().ok()))
                    .collect();
                numbers.sort_unstable();
                let mut next = numbers.last().copied().unwrap_or(0);
                let used: Vec<String> = items.iter().map(|p| p.segment.id.clone()).collect();
                let mut taken = || loop {
                    next += 1;
                    let id = format!("s{next}");
                    if !used.contains(&id) {
                        return id;
                    }
                };
                segment(items, breaks, &mut taken)
            }
            Operation::RemoveAnnotations | Operation::RemoveExtensions => {
                let mut removed = Vec::new();
                let mut removed_target = Vec::new();
                items
                    .into_iter()
                    .map(|mut piece| {
                        let remove = |code: &werkbank_model::InlineCode| {
                            matches!(operation, Operation::RemoveAnnotations)
                                || code
                                    .attributes
                                    .iter()
                                    .any(|(n, v)| n == "type" && v.contains(':'))
                        };
                        piece.segment.source =
                            remove_annotations(&piece.segment.source, &remove, &mut removed);
                        if let Some(target) = &piece.segment.target {
                            piece.segment.target =
                                Some(remove_annotations(target, &remove, &mut removed_target));
                        }
                        piece
                    })
                    .collect()
            }
            Operation::Rewrite => items,
        };
        write_pieces(unit, &ns, &items);
        Ok(())
    })
}

const STRUCTURAL: &[&str] = &[
    "xliff",
    "file",
    "group",
    "unit",
    "segment",
    "ignorable",
    "notes",
    "originalData",
];

fn is_default(element: &str, name: &str, value: &str) -> bool {
    match (name, value) {
        ("canCopy" | "canDelete" | "canReorder" | "translate" | "canResegment", "yes") => true,
        ("isolated", "no") => true,
        ("canOverlap", "yes") => element != "pc",
        ("canOverlap", "no") => element == "pc",
        ("state", "initial") => true,
        _ => false,
    }
}

fn code_text(code: &werkbank_model::InlineCode, out: &mut String) {
    let element = code.element.as_deref().unwrap_or("");
    let annotation = matches!(element, "mrk" | "sm" | "em");
    let (name, closing) = match (code.kind, annotation) {
        (CodeKind::Standalone, _) => ("ph", false),
        (CodeKind::Opening, false) => ("sc", false),
        (CodeKind::Closing, false) => ("ec", true),
        (CodeKind::Opening, true) => ("sm", false),
        (CodeKind::Closing, true) => ("em", true),
    };
    let mut attributes: BTreeMap<String, String> = BTreeMap::new();
    attributes.insert("id".into(), code.id.clone());
    if code.isolated {
        attributes.insert("isolated".into(), "yes".into());
    }
    if let Some(value) = &code.data {
        attributes.insert("data".into(), value.clone());
    }
    if !closing {
        if !annotation && code.kind == CodeKind::Opening {
            let explicit = code
                .attributes
                .iter()
                .find(|(n, _)| n == "canOverlap")
                .map(|(_, v)| v.clone());
            let effective = explicit.unwrap_or_else(|| {
                if element == "pc" {
                    "no".into()
                } else {
                    "yes".into()
                }
            });
            attributes.insert("canOverlap".into(), effective);
        }
        for (attribute, value) in &code.attributes {
            let attribute = match attribute.as_str() {
                "dataRef" | "dataRefStart" | "dataRefEnd" | "id" | "startRef" | "isolated"
                | "canOverlap" => continue,
                "dispStart" => "disp",
                "equivStart" => "equiv",
                "subFlowsStart" => "subFlows",
                "dispEnd" | "equivEnd" | "subFlowsEnd" => continue,
                other if other.starts_with("xmlns") => continue,
                other => other,
            };
            if is_default(name, attribute, value) {
                continue;
            }
            attributes.insert(attribute.to_string(), value.clone());
        }
    }
    let _ = write!(out, "<{name}");
    for (attribute, value) in attributes {
        let _ = write!(out, " {attribute}={value:?}");
    }
    out.push_str("/>");
}

fn content_text(content: &Content, out: &mut String) {
    let text = content.plain_text();
    let mut previous = 0;
    for placed in content.codes() {
        out.push_str(text.get(previous..placed.offset).unwrap_or(""));
        previous = placed.offset;
        code_text(&placed.code, out);
    }
    out.push_str(text.get(previous..).unwrap_or(""));
}

fn normalize_element(
    element: &Element,
    ns: &str,
    space: &str,
    data: &OriginalData,
    out: &mut String,
    depth: usize,
) {
    let indent = "  ".repeat(depth);
    let space = element.attr_ns(XML_NAMESPACE, "space").unwrap_or(space);
    let core = element.ns() == ns;
    let mut attributes: BTreeMap<String, String> = BTreeMap::new();
    for attribute in &element.attributes {
        if attribute.is_namespace_declaration() {
            continue;
        }
        let key = match &attribute.namespace {
            Some(n) => format!("{{{n}}}{}", attribute.local_name()),
            None => attribute.name.to_string(),
        };
        if core
            && attribute.namespace.as_deref() == Some(XML_NAMESPACE)
            && attribute.local_name() == "space"
        {
            continue;
        }
        if core && is_default(element.local_name(), &attribute.name, &attribute.value) {
            continue;
        }
        attributes.insert(key, attribute.value.clone());
    }
    let _ = write!(out, "{indent}<{{{}}}{}", element.ns(), element.local_name());
    for (key, value) in &attributes {
        let _ = write!(out, " {key}={value:?}");
    }
    if core && matches!(element.local_name(), "source" | "target") {
        let _ = write!(out, " space={space:?}>");
        let mut content = Content::new();
        let _ = inline::read_content_2(element, data, &mut content);
        content_text(&content, out);
        out.push('\n');
        return;
    }
    out.push_str(">\n");
    let structural = core && STRUCTURAL.contains(&element.local_name());
    let data = if core && element.local_name() == "unit" {
        original_data(element, ns)
    } else {
        data.clone()
    };
    for child in &element.children {
        match child {
            Node::Element(inner) => normalize_element(inner, ns, space, &data, out, depth + 1),
            Node::Text(text) if structural && text.value.trim().is_empty() => {}
            Node::Text(text) => {
                let _ = writeln!(out, "{indent}  {:?}", text.value);
            }
            Node::CData(text) => {
                let _ = writeln!(out, "{indent}  {text:?}");
            }
            Node::Comment(_) | Node::ProcessingInstruction(_) if structural => {}
            Node::Comment(comment) => {
                let _ = writeln!(out, "{indent}  <!--{comment}-->");
            }
            Node::ProcessingInstruction(body) | Node::Declaration(body) => {
                let _ = writeln!(out, "{indent}  <?{body}?>");
            }
            Node::DocType(_) => {}
        }
    }
}

/// The normalised form of an XLIFF 2 document used to compare it with another (see the module
/// documentation).
pub fn normalized(document: &Document) -> String {
    let mut out = String::new();
    let ns = document.core_namespace().to_string();
    let mut root = document.root.clone();
    // Target order equal to the natural position is the default.
    strip_natural_order(&mut root, &ns);
    normalize_element(&root, &ns, "default", &HashMap::new(), &mut out, 0);
    out
}

fn strip_natural_order(element: &mut Element, ns: &str) {
    if element.is(ns, "unit") {
        let mut position = 0;
        for part in element.elements_mut() {
            if part.is(ns, "segment") || part.is(ns, "ignorable") {
                position += 1;
                for target in part.elements_mut() {
                    if target.is(ns, "target")
                        && target.attr("order") == Some(position.to_string().as_str())
                    {
                        target.remove_attr("order");
                    }
                }
            }
        }
        return;
    }
    for child in element.elements_mut() {
        strip_natural_order(child, ns);
    }
}
