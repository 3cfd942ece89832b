//! Inline content: XLIFF 1.2 and 2.x inline elements to and from the model's [`Content`].

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use werkbank_model::{CanReorder, CodeKind, Content, InlineCode, PlacedCode};

use crate::xml::{Attribute, Element, Node, Text, WriteMode};
use crate::XliffError;

/// The `originalData` of an XLIFF 2 unit: data id → native code.
pub type OriginalData = HashMap<String, String>;

fn attributes_of(element: &Element) -> Vec<(String, String)> {
    element
        .attributes
        .iter()
        .map(|a| (a.name.to_string(), a.value.clone()))
        .collect()
}

fn flag(element: &Element, name: &str) -> bool {
    element.attr(name) != Some("no")
}

fn reorder(element: &Element) -> CanReorder {
    match element.attr("canReorder") {
        Some("no") => CanReorder::No,
        Some("firstNo") => CanReorder::First,
        _ => CanReorder::Yes,
    }
}

fn code_2(element: &Element, kind: CodeKind, id: &str, data: Option<String>) -> InlineCode {
    let mut code = InlineCode::new(kind, id);
    code.data = data;
    code.display = element.attr("disp").map(str::to_string);
    code.equiv = element.attr("equiv").map(str::to_string);
    code.code_type = element.attr("type").map(str::to_string);
    code.sub_type = element.attr("subType").map(str::to_string);
    code.can_copy = flag(element, "canCopy");
    code.can_delete = flag(element, "canDelete");
    code.can_reorder = reorder(element);
    code.isolated = element.attr("isolated") == Some("yes");
    code.element = Some(element.local_name().to_string());
    code.attributes = attributes_of(element);
    code
}

/// Reads the inline content of an XLIFF 2 `source` or `target` (or of a `pc`/`mrk`).
pub fn read_content_2(
    element: &Element,
    data: &OriginalData,
    out: &mut Content,
) -> Result<(), XliffError> {
    for child in &element.children {
        match child {
            Node::Text(text) => out.push_text(&text.value),
            Node::CData(text) => out.push_text(text),
            Node::Element(inner) => read_inline_2(inner, data, out)?,
            _ => {}
        }
    }
    Ok(())
}

fn element_data(element: &Element, name: &str, data: &OriginalData) -> Option<String> {
    element.attr(name).and_then(|id| data.get(id).cloned())
}

fn read_inline_2(
    element: &Element,
    data: &OriginalData,
    out: &mut Content,
) -> Result<(), XliffError> {
    let id = element.attr("id").unwrap_or("");
    match element.local_name() {
        "cp" => {
            let hex = element.attr("hex").unwrap_or("");
            let character = u32::from_str_radix(hex, 16)
                .ok()
                .and_then(char::from_u32)
                .ok_or_else(|| XliffError::Model {
                    message: format!("{}: <cp hex={hex:?}> is not a code point", element.position),
                })?;
            out.push_text(character.encode_utf8(&mut [0; 4]));
        }
        "ph" => out.push_code(code_2(
            element,
            CodeKind::Standalone,
            id,
            element_data(element, "dataRef", data),
        )),
        "sc" | "sm" => out.push_code(code_2(
            element,
            CodeKind::Opening,
            id,
            element_data(element, "dataRef", data),
        )),
        "ec" | "em" => {
            let id = element.attr("startRef").unwrap_or(id);
            out.push_code(code_2(
                element,
                CodeKind::Closing,
                id,
                element_data(element, "dataRef", data),
            ))
        }
        "pc" | "mrk" => {
            let start_data = element_data(element, "dataRefStart", data);
            out.push_code(code_2(element, CodeKind::Opening, id, start_data));
            read_content_2(element, data, out)?;
            let mut closing = InlineCode::closing(id);
            closing.element = Some(element.local_name().to_string());
            closing.data = element_data(element, "dataRefEnd", data);
            out.push_code(closing);
        }
        _ => {
            let mut text = String::new();
            crate::xml::write_element(element, WriteMode::Regenerate, &mut text);
            let mut code = InlineCode::standalone(id).with_data(text);
            code.element = Some(element.name.to_string());
            out.push_code(code);
        }
    }
    Ok(())
}

/// Reads the inline content of an XLIFF 1.2 `source`, `target` or `mrk`.
pub fn read_content_12(element: &Element, out: &mut Content) {
    let start = out.codes().len();
    read_children_12(element, out);
    pair_isolated_halves(out, start);
}

fn read_children_12(element: &Element, out: &mut Content) {
    for child in &element.children {
        match child {
            Node::Text(text) => out.push_text(&text.value),
            Node::CData(text) => out.push_text(text),
            Node::Element(inner) => read_inline_12(inner, out),
            _ => {}
        }
    }
}

fn native_data(element: &Element) -> String {
    if element.elements().next().is_none() {
        return element.text_content();
    }
    let mut text = String::new();
    for child in &element.children {
        crate::xml::write_node(child, WriteMode::Regenerate, &mut text);
    }
    text
}

fn code_12(element: &Element, kind: CodeKind, id: &str) -> InlineCode {
    let mut code = InlineCode::new(kind, id);
    code.code_type = element
        .attr("ctype")
        .or(element.attr("mtype"))
        .map(str::to_string);
    code.equiv = element.attr("equiv-text").map(str::to_string);
    code.display = element.attr("disp").map(str::to_string);
    code.can_copy = element.attr("clone") != Some("no");
    code.element = Some(element.local_name().to_string());
    code.attributes = attributes_of(element);
    code
}

/// The opening and closing code of a 1.2 element that encloses segment markers (Trados's `<g>`
/// around `<mrk mtype="seg">`): isolated halves, since the segments sit between them.
pub(crate) fn wrapper_codes_12(element: &Element) -> (InlineCode, InlineCode) {
    let id = element.attr("id").or(element.attr("mid")).unwrap_or("");
    let opening = code_12(element, CodeKind::Opening, id).isolated();
    let mut closing = InlineCode::closing(id).isolated();
    closing.element = Some(element.local_name().to_string());
    (opening, closing)
}

fn read_inline_12(element: &Element, out: &mut Content) {
    let id = element.attr("id").or(element.attr("mid")).unwrap_or("");
    let rid = element.attr("rid").unwrap_or(id);
    match element.local_name() {
        "g" | "mrk" => {
            out.push_code(code_12(element, CodeKind::Opening, id));
            read_children_12(element, out);
            let mut closing = InlineCode::closing(id);
            closing.element = Some(element.local_name().to_string());
            out.push_code(closing);
        }
        "x" => out.push_code(code_12(element, CodeKind::Standalone, id)),
        "bx" => out.push_code(code_12(element, CodeKind::Opening, rid).isolated()),
        "ex" => out.push_code(code_12(element, CodeKind::Closing, rid).isolated()),
        "ph" => {
            let mut code = code_12(element, CodeKind::Standalone, id);
            code.data = Some(native_data(element));
            out.push_code(code);
        }
        // Halves carrying native data; read as isolated, paired afterwards when both are here.
        name @ ("bpt" | "ept" | "it") => {
            let (kind, id) = match name {
                "bpt" => (CodeKind::Opening, rid),
                "ept" => (CodeKind::Closing, rid),
                _ if element.attr("pos") == Some("close") => (CodeKind::Closing, id),
                _ => (CodeKind::Opening, id),
            };
            let mut code = code_12(element, kind, id);
            code.data = Some(native_data(element));
            out.push_code(code.isolated());
        }
        _ => {
            let mut text = String::new();
            crate::xml::write_element(element, WriteMode::Regenerate, &mut text);
            let mut code = InlineCode::standalone(id).with_data(text);
            code.element = Some(element.name.to_string());
            out.push_code(code);
        }
    }
}

/// 1.2 `bpt`/`ept` and `bx`/`ex` are read as isolated halves; those whose partner is in the same
/// content become a pair.
pub(crate) fn pair_isolated_halves(content: &mut Content, start: usize) {
    let (text, mut codes) = std::mem::take(content).into_parts();
    let mut open: Vec<usize> = Vec::new();
    let mut pairs = Vec::new();
    for (index, placed) in codes.iter().enumerate().skip(start) {
        let code = &placed.code;
        if !code.isolated || code.element.as_deref() == Some("it") {
            continue;
        }
        match code.kind {
            CodeKind::Opening => open.push(index),
            CodeKind::Closing => {
                if let Some(position) = open
                    .iter()
                    .rposition(|&o| codes.get(o).is_some_and(|c| c.code.id == code.id))
                {
                    pairs.push((open.remove(position), index));
                }
            }
            CodeKind::Standalone => {}
        }
    }
    for (a, b) in pairs {
        for index in [a, b] {
            if let Some(placed) = codes.get_mut(index) {
                placed.code.isolated = false;
            }
        }
    }
    *content = Content::from_parts(text, codes).unwrap_or_default();
}

/// Decides which opening/closing pairs can be written as one element around their content
/// (`pc`, `mrk`, `g`): those that nest properly. Returns the indices of the opening halves.
fn element_pairs(content: &Content, candidate: impl Fn(&InlineCode) -> bool) -> HashSet<usize> {
    let mut chosen = HashSet::new();
    let mut stack: Vec<usize> = Vec::new();
    let pairs: HashMap<usize, usize> = content
        .code_pairs()
        .into_iter()
        .map(|(open, close)| (close, open))
        .collect();
    for (index, placed) in content.codes().iter().enumerate() {
        match placed.code.kind {
            CodeKind::Opening if !placed.code.isolated && candidate(&placed.code) => {
                stack.push(index)
            }
            CodeKind::Closing => {
                if let Some(&open) = pairs.get(&index) {
                    if stack.last() == Some(&open) {
                        stack.pop();
                        chosen.insert(open);
                    } else if let Some(position) = stack.iter().rposition(|&o| o == open) {
                        // Crossing: neither this pair nor those opened inside it nest.
                        stack.truncate(position);
                    }
                }
            }
            _ => {}
        }
    }
    chosen
}

/// Collects native data that must go into a unit's `originalData` when writing XLIFF 2.
#[derive(Debug, Default)]
pub struct DataCollector {
    /// The unit's `originalData` as it is.
    pub existing: OriginalData,
    /// New entries, in order.
    pub added: Vec<(String, String)>,
}

impl DataCollector {
    /// A collector for a unit whose `originalData` is `existing`.
    pub fn new(existing: OriginalData) -> Self {
        Self {
            existing,
            added: Vec::new(),
        }
    }

    /// The id of a `data` element holding `value`: an existing one, or a new one.
    fn add(&mut self, value: &str) -> String {
        let mut known: Vec<&String> = self
            .existing
            .iter()
            .filter(|(_, v)| *v == value)
            .map(|(id, _)| id)
            .collect();
        known.sort();
        if let Some(id) = known.first() {
            return (*id).clone();
        }
        if let Some((id, _)) = self.added.iter().find(|(_, v)| v == value) {
            return id.clone();
        }
        let mut n = self.existing.len() + self.added.len() + 1;
        let id = loop {
            let id = format!("d{n}");
            if !self.existing.contains_key(&id) && !self.added.iter().any(|(i, _)| *i == id) {
                break id;
            }
            n += 1;
        };
        self.added.push((id.clone(), value.to_string()));
        id
    }
}

fn attribute(name: &str, value: &str) -> Attribute {
    Attribute {
        name: crate::xml::Name::from(name),
        value: value.to_string(),
        namespace: None,
    }
}

/// The namespace and prefix new core elements are written with: those of the element whose
/// content is written, so that `xlf:source` gets `xlf:g` children.
#[derive(Debug, Clone, Default)]
pub struct CoreName {
    /// The core namespace.
    pub namespace: Option<Arc<str>>,
    /// The prefix with its colon (`xlf:`), or empty.
    pub prefix: String,
}

impl CoreName {
    /// A new element `local` with this prefix and namespace.
    pub fn element(&self, local: &str) -> Element {
        Element::new(format!("{}{local}", self.prefix), self.namespace.clone())
    }

    /// The name and namespace of `element`'s own tag.
    pub fn of(element: &Element) -> Self {
        Self {
            namespace: element.namespace.clone(),
            prefix: element
                .name
                .split_once(':')
                .map(|(prefix, _)| format!("{prefix}:"))
                .unwrap_or_default(),
        }
    }
}

fn new_element(name: &str, core: &CoreName) -> Element {
    core.element(name)
}

/// Attributes written for a code when it is not written with the element it was read from.
fn code_attributes_2(code: &InlineCode, element: &str, data: &mut DataCollector) -> Vec<Attribute> {
    let mut out = Vec::new();
    match element {
        "ec" | "em" if !code.isolated => out.push(attribute("startRef", &code.id)),
        _ => out.push(attribute("id", &code.id)),
    }
    if code.isolated && matches!(element, "sc" | "ec") {
        out.push(attribute("isolated", "yes"));
    }
    if element == "mrk" || element == "sm" {
        for (name, value) in &code.attributes {
            if matches!(name.as_str(), "type" | "value" | "ref" | "translate") {
                out.push(attribute(name, value));
            }
        }
        if code.attributes.is_empty() {
            // An annotation from XLIFF 1.2 (mtype) or another format.
            match code.code_type.as_deref() {
                Some("protected") => out.push(attribute("translate", "no")),
                Some(kind @ ("term" | "comment" | "generic")) => out.push(attribute("type", kind)),
                _ => {}
            }
        }
        return out;
    }
    if !code.can_copy {
        out.push(attribute("canCopy", "no"));
    }
    if !code.can_delete {
        out.push(attribute("canDelete", "no"));
    }
    match code.can_reorder {
        CanReorder::Yes => {}
        CanReorder::No => out.push(attribute("canReorder", "no")),
        CanReorder::First => out.push(attribute("canReorder", "firstNo")),
    }
    if let Some(value) = &code.data {
        let id = data.add(value);
        out.push(attribute(
            if element == "pc" {
                "dataRefStart"
            } else {
                "dataRef"
            },
            &id,
        ));
    }
    if let Some(value) = &code.display {
        out.push(attribute("disp", value));
    }
    if let Some(value) = &code.equiv {
        out.push(attribute("equiv", value));
    }
    if let Some(value) = code.code_type.as_deref().filter(|t| is_type_2(t)) {
        out.push(attribute("type", value));
        if let Some(sub) = &code.sub_type {
            out.push(attribute("subType", sub));
        }
    } else if let Some((kind, sub)) = code.code_type.as_deref().and_then(type_from_12) {
        out.push(attribute("type", kind));
        if let Some(sub) = sub {
            out.push(attribute("subType", sub));
        }
    }
    out
}

/// XLIFF 2 type and subType for an XLIFF 1.2 `ctype`.
fn type_from_12(ctype: &str) -> Option<(&'static str, Option<&'static str>)> {
    Some(match ctype {
        "bold" => ("fmt", Some("xlf:b")),
        "italic" => ("fmt", Some("xlf:i")),
        "underlined" => ("fmt", Some("xlf:u")),
        "lb" => ("fmt", Some("xlf:lb")),
        "pb" => ("fmt", Some("xlf:pb")),
        "link" => ("link", None),
        "image" => ("image", None),
        _ => return None,
    })
}

/// A 1.2 ctype value allowed on `element`: paired codes take bold/italic/underlined/link,
/// placeholders image/pb/lb; anything else is written as an `x-` value.
fn ctype_for_12(element: &str, ctype: &str) -> String {
    let allowed: &[&str] = match element {
        "g" | "bx" | "bpt" | "it" => &["bold", "italic", "underlined", "link"],
        _ => &["image", "pb", "lb"],
    };
    if allowed.contains(&ctype) || ctype.starts_with("x-") {
        ctype.to_string()
    } else {
        format!("x-{ctype}")
    }
}

/// XLIFF 1.2 `ctype` for an XLIFF 2 type and subType.
fn ctype_from_2(code: &InlineCode) -> Option<String> {
    let kind = code.code_type.as_deref()?;
    if !is_type_2(kind) {
        return Some(kind.to_string());
    }
    Some(
        match (kind, code.sub_type.as_deref()) {
            ("fmt", Some("xlf:b")) => "bold",
            ("fmt", Some("xlf:i")) => "italic",
            ("fmt", Some("xlf:u")) => "underlined",
            ("fmt", Some("xlf:lb")) => "lb",
            ("fmt", Some("xlf:pb")) => "pb",
            ("link", _) => "link",
            ("image", _) => "image",
            _ => return Some(format!("x-{kind}")),
        }
        .to_string(),
    )
}

fn is_type_2(value: &str) -> bool {
    matches!(value, "fmt" | "ui" | "quote" | "link" | "image" | "other")
}

/// The attributes a code was read with, for writing it as the same element again.
fn reuse_attributes(code: &InlineCode) -> Vec<Attribute> {
    code.attributes
        .iter()
        .map(|(name, value)| attribute(name, value))
        .collect()
}

/// How one version writes inline content: the text between codes, a pair written as one
/// element around its content, and every other code.
trait InlineWriter {
    /// Which codes may become one element around their content when they nest properly.
    fn wraps(&self, code: &InlineCode) -> bool;
    /// Appends text to `out`.
    fn text(&mut self, text: &str, out: &mut Vec<Node>);
    /// The element for the opening half of a pair written around its content.
    fn open(&mut self, code: &InlineCode) -> Element;
    /// The element for any other code; `codes` and `pairs` (closing → opening index) give the
    /// other half of a pair.
    fn leaf(
        &mut self,
        code: &InlineCode,
        kind: CodeKind,
        index: usize,
        codes: &[PlacedCode],
        pairs: &HashMap<usize, usize>,
    ) -> Element;
}

/// Writes `content` with `writer`: pairs that nest properly become one element around their
/// content, everything else a code element in place.
fn write_inline(content: &Content, writer: &mut dyn InlineWriter) -> Vec<Node> {
    let wrap = element_pairs(content, |code| writer.wraps(code));
    let pairs: HashMap<usize, usize> = content
        .code_pairs()
        .into_iter()
        .map(|(open, close)| (close, open))
        .collect();
    let mut stack: Vec<(Element, usize, Vec<Node>)> = Vec::new();
    let mut root: Vec<Node> = Vec::new();
    let text = content.plain_text();
    let codes = content.codes();
    let mut offset = 0;
    for index in 0..=codes.len() {
        let next = codes.get(index).map_or(text.len(), |c| c.offset);
        if next > offset {
            let current = match stack.last_mut() {
                Some((_, _, children)) => children,
                None => &mut root,
            };
            writer.text(text.get(offset..next).unwrap_or(""), current);
            offset = next;
        }
        let Some(placed) = codes.get(index) else {
            break;
        };
        let code = &placed.code;
        let closes_top = pairs.get(&index).is_some_and(|open| wrap.contains(open))
            && stack
                .last()
                .is_some_and(|(_, o, _)| Some(o) == pairs.get(&index));
        match code.kind {
            CodeKind::Opening if wrap.contains(&index) => {
                let mut element = writer.open(code);
                element.empty_tag = false;
                stack.push((element, index, Vec::new()));
            }
            CodeKind::Closing if closes_top => {
                if let Some((mut element, _, children)) = stack.pop() {
                    element.set_children(children);
                    element.empty_tag = false;
                    let parent = match stack.last_mut() {
                        Some((_, _, children)) => children,
                        None => &mut root,
                    };
                    parent.push(Node::Element(Box::new(element)));
                }
            }
            kind => {
                let element = writer.leaf(code, kind, index, codes, &pairs);
                let current = match stack.last_mut() {
                    Some((_, _, children)) => children,
                    None => &mut root,
                };
                current.push(Node::Element(Box::new(element)));
            }
        }
    }
    while let Some((mut element, _, children)) = stack.pop() {
        element.set_children(children);
        element.empty_tag = false;
        match stack.last_mut() {
            Some((_, _, parent)) => parent.push(Node::Element(Box::new(element))),
            None => root.push(Node::Element(Box::new(element))),
        }
    }
    root
}

struct Writer2<'a> {
    core: &'a CoreName,
    data: &'a mut DataCollector,
}

impl InlineWriter for Writer2<'_> {
    fn wraps(&self, code: &InlineCode) -> bool {
        matches!(code.element.as_deref(), Some("pc" | "mrk" | "g"))
    }

    fn text(&mut self, text: &str, out: &mut Vec<Node>) {
        write_text_2(text, self.core, &mut |node| out.push(node));
    }

    fn open(&mut self, code: &InlineCode) -> Element {
        let (namespace, data) = (self.core, &mut *self.data);
        let read_as = code.element.as_deref().unwrap_or("");
        let name = if read_as == "mrk" { "mrk" } else { "pc" };
        let mut element = new_element(name, namespace);
        element.attributes = if read_as == name && !code.attributes.is_empty() {
            reuse_attributes(code)
        } else {
            code_attributes_2(code, name, data)
        };
        element
    }

    fn leaf(
        &mut self,
        code: &InlineCode,
        kind: CodeKind,
        index: usize,
        codes: &[PlacedCode],
        pairs: &HashMap<usize, usize>,
    ) -> Element {
        let (namespace, data) = (self.core, &mut *self.data);
        let read_as = code.element.as_deref().unwrap_or("");
        let annotation = matches!(read_as, "mrk" | "sm" | "em");
        let name = match (kind, annotation) {
            (CodeKind::Opening, false) => "sc",
            (CodeKind::Closing, false) => "ec",
            (CodeKind::Standalone, _) => "ph",
            (CodeKind::Opening, true) => "sm",
            (CodeKind::Closing, true) => "em",
        };
        let mut element = new_element(name, namespace);
        element.attributes = if read_as == name && !code.attributes.is_empty() {
            reuse_attributes(code)
        } else if read_as == "pc" && !code.attributes.is_empty() && name == "sc" {
            // A pc that cannot stay one element: its start becomes an sc with the same
            // meaning (pc does not overlap unless it says so; sc does by default).
            let mut attributes: Vec<Attribute> = code
                .attributes
                .iter()
                .filter_map(|(n, v)| match n.as_str() {
                    "dataRefStart" => Some(attribute("dataRef", v)),
                    "dispStart" => Some(attribute("disp", v)),
                    "equivStart" => Some(attribute("equiv", v)),
                    "subFlowsStart" => Some(attribute("subFlows", v)),
                    "dataRefEnd" | "dispEnd" | "equivEnd" | "subFlowsEnd" => None,
                    _ => Some(attribute(n, v)),
                })
                .collect();
            if !attributes.iter().any(|a| &*a.name == "canOverlap") {
                attributes.insert(1.min(attributes.len()), attribute("canOverlap", "no"));
            }
            attributes
        } else if read_as == "pc" && name == "ec" {
            // The end of a pc written as ec: the hints must equal those of its start.
            let opening = pairs
                .get(&index)
                .and_then(|open| codes.get(*open))
                .map(|placed| placed.code.attributes.clone())
                .unwrap_or_default();
            let mut attributes = code_attributes_2(code, name, data);
            let mut overlap = "no".to_string();
            for (n, v) in &opening {
                match n.as_str() {
                    "canCopy" | "canDelete" | "canReorder" | "type" | "subType" => {
                        attributes.push(attribute(n, v))
                    }
                    "canOverlap" => overlap = v.clone(),
                    "dispEnd" => attributes.push(attribute("disp", v)),
                    "equivEnd" => attributes.push(attribute("equiv", v)),
                    "subFlowsEnd" => attributes.push(attribute("subFlows", v)),
                    _ => {}
                }
            }
            attributes.insert(1.min(attributes.len()), attribute("canOverlap", &overlap));
            attributes
        } else {
            code_attributes_2(code, name, data)
        };
        element
    }
}

/// Writes content as XLIFF 2 inline markup, in the namespace and with the prefix of `core`;
/// native data goes to `data` (the unit's `originalData`).
pub fn write_content_2(content: &Content, core: &CoreName, data: &mut DataCollector) -> Vec<Node> {
    write_inline(content, &mut Writer2 { core, data })
}

fn write_text_2(text: &str, namespace: &CoreName, push: &mut impl FnMut(Node)) {
    let mut run = String::new();
    for c in text.chars() {
        if is_xml_char(c) {
            run.push(c);
        } else {
            if !run.is_empty() {
                push(Node::Text(Text::new(std::mem::take(&mut run))));
            }
            let mut cp = new_element("cp", namespace);
            cp.attributes
                .push(attribute("hex", &format!("{:04X}", c as u32)));
            push(Node::Element(Box::new(cp)));
        }
    }
    if !run.is_empty() {
        push(Node::Text(Text::new(run)));
    }
}

/// True for characters XML 1.0 can carry.
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

struct Writer12<'a> {
    core: &'a CoreName,
    /// Characters XML cannot carry written so far (each a `ph` of its own).
    controls: usize,
}

impl InlineWriter for Writer12<'_> {
    fn wraps(&self, code: &InlineCode) -> bool {
        matches!(code.element.as_deref(), Some("g" | "mrk" | "pc"))
    }

    /// A character XML cannot carry becomes a `ph` of ctype `x-control` holding its code point
    /// (which reading it back turns into a code, and a merge into the character again).
    fn text(&mut self, text: &str, out: &mut Vec<Node>) {
        let mut run = String::new();
        for c in text.chars() {
            if is_xml_char(c) {
                run.push(c);
                continue;
            }
            if !run.is_empty() {
                out.push(Node::Text(Text::new(std::mem::take(&mut run))));
            }
            self.controls += 1;
            let mut ph = new_element("ph", self.core);
            ph.attributes = vec![
                attribute("id", &format!("c{}", self.controls)),
                attribute("ctype", "x-control"),
            ];
            ph.empty_tag = false;
            ph.push(Node::Text(Text::new(format!("{:04X}", c as u32))));
            out.push(Node::Element(Box::new(ph)));
        }
        if !run.is_empty() || out.is_empty() {
            out.push(Node::Text(Text::new(run)));
        }
    }

    fn open(&mut self, code: &InlineCode) -> Element {
        let namespace = self.core;
        let read_as = code.element.as_deref().unwrap_or("");
        let name = if read_as == "mrk" { "mrk" } else { "g" };
        let mut element = new_element(name, namespace);
        element.attributes = if read_as == name && !code.attributes.is_empty() {
            reuse_attributes(code)
        } else if name == "mrk" {
            let translate_no = code
                .attributes
                .iter()
                .any(|(n, v)| n == "translate" && v == "no");
            let mtype = match code.code_type.as_deref() {
                _ if translate_no => "protected".to_string(),
                Some("term") => "term".to_string(),
                Some(kind) if kind.starts_with("x-") => kind.to_string(),
                Some(kind) => format!("x-{}", kind.replace(':', "-")),
                None => "x-generic".to_string(),
            };
            // mid is left out: in 1.2 it names segment markers of seg-source.
            vec![attribute("mtype", &mtype)]
        } else {
            let mut attributes = vec![attribute("id", &code.id)];
            if let Some(ctype) = ctype_from_2(code) {
                attributes.push(attribute("ctype", &ctype_for_12("g", &ctype)));
            }
            attributes
        };
        element
    }

    fn leaf(
        &mut self,
        code: &InlineCode,
        kind: CodeKind,
        _index: usize,
        _codes: &[PlacedCode],
        _pairs: &HashMap<usize, usize>,
    ) -> Element {
        let namespace = self.core;
        let read_as = code.element.as_deref().unwrap_or("");
        let same_version = match (read_as, kind) {
            ("x", CodeKind::Standalone) => Some("x"),
            ("ph", CodeKind::Standalone) if code.data.is_some() => Some("ph"),
            ("bx" | "bpt", CodeKind::Opening) | ("ex" | "ept", CodeKind::Closing) => Some(read_as),
            ("it", CodeKind::Opening | CodeKind::Closing) => Some("it"),
            _ => None,
        };
        let name = match (kind, code.isolated, code.data.is_some()) {
            _ if same_version.is_some() => same_version.unwrap_or("x"),
            (CodeKind::Standalone, _, false) => "x",
            (CodeKind::Standalone, _, true) => "ph",
            (CodeKind::Opening, false, true) => "bpt",
            (CodeKind::Closing, false, true) => "ept",
            (CodeKind::Opening, false, false) => "bx",
            (CodeKind::Closing, false, false) => "ex",
            // A half whose partner is in another unit (1.2 keys bx/ex within the element).
            (_, true, _) => "it",
        };
        let mut element = new_element(name, namespace);
        element.attributes = if read_as == name && !code.attributes.is_empty() {
            reuse_attributes(code)
        } else {
            let mut attributes = vec![attribute("id", &code.id)];
            match name {
                "bx" | "ex" | "ept" => attributes.push(attribute("rid", &code.id)),
                "bpt" => attributes.push(attribute("rid", &code.id)),
                "it" => attributes.push(attribute(
                    "pos",
                    if kind == CodeKind::Closing {
                        "close"
                    } else {
                        "open"
                    },
                )),
                _ => {}
            }
            if name != "ex" && name != "ept" {
                if let Some(ctype) = ctype_from_2(code) {
                    attributes.push(attribute("ctype", &ctype_for_12(name, &ctype)));
                }
            }
            if let Some(equiv) = &code.equiv {
                if !matches!(name, "bpt" | "ept" | "it" | "ph") {
                    attributes.push(attribute("equiv-text", equiv));
                }
            }
            attributes
        };
        if let Some(value) = code
            .data
            .as_deref()
            .filter(|_| matches!(name, "ph" | "bpt" | "ept" | "it"))
        {
            element.push(Node::Text(Text::new(value)));
        }
        element
    }
}

/// Writes content as XLIFF 1.2 inline markup, in the namespace and with the prefix of `core`.
pub fn write_content_12(content: &Content, core: &CoreName) -> Vec<Node> {
    write_inline(content, &mut Writer12 { core, controls: 0 })
}
