//! Building the tree from text with quick-xml, keeping the exact text of every tag.

use std::collections::HashMap;
use std::sync::Arc;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::{Attribute, Element, Node, Text, XML_NAMESPACE};
use crate::{Position, XliffError};

/// Bounds on what the parser accepts, so that hostile input gives an error instead of
/// exhausting the stack or memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Deepest element nesting accepted.
    pub max_depth: usize,
    /// Longest attribute value, in bytes.
    pub max_attribute_bytes: usize,
    /// Longest run of character data, in bytes.
    pub max_text_bytes: usize,
    /// Most attributes on one element.
    pub max_attributes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_depth: 256,
            max_attribute_bytes: 1 << 20,
            max_text_bytes: 64 << 20,
            max_attributes: 512,
        }
    }
}

/// A parsed document: the nodes before the root, the root, the nodes after it.
#[derive(Debug, Clone)]
pub struct Parsed {
    /// Declaration, comments, PIs and whitespace before the root element.
    pub prolog: Vec<Node>,
    /// The root element.
    pub root: Element,
    /// Comments, PIs and whitespace after the root element.
    pub epilog: Vec<Node>,
}

struct Builder<'t> {
    text: &'t str,
    cursor: (usize, Position),
    limits: Limits,
    stack: Vec<Element>,
    scopes: Vec<(usize, String, Arc<str>)>,
    interned: HashMap<String, Arc<str>>,
    prolog: Vec<Node>,
    root: Option<Element>,
    epilog: Vec<Node>,
    text_start: Option<usize>,
}

/// Parses `text` into a tree. DOCTYPE declarations are refused (no entity is ever expanded),
/// and `limits` bound depth and sizes.
pub fn parse(text: &str, limits: Limits) -> Result<Parsed, XliffError> {
    let mut reader = Reader::from_str(text);
    let config = reader.config_mut();
    config.trim_text(false);
    config.check_comments = true;
    config.check_end_names = true;
    config.expand_empty_elements = false;
    config.trim_markup_names_in_closing_tags = true;
    let mut builder = Builder {
        text,
        cursor: (0, Position { line: 1, column: 1 }),
        limits,
        stack: Vec::new(),
        scopes: Vec::new(),
        interned: HashMap::new(),
        prolog: Vec::new(),
        root: None,
        epilog: Vec::new(),
        text_start: None,
    };
    builder
        .interned
        .insert("xml".to_string(), Arc::from(XML_NAMESPACE));
    loop {
        let start = offset(reader.buffer_position());
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(error) => {
                return Err(builder.malformed(offset(reader.error_position()), error.to_string()))
            }
        };
        let end = offset(reader.buffer_position());
        if !matches!(event, Event::Text(_) | Event::GeneralRef(_)) {
            builder.flush_text(start)?;
        }
        match event {
            Event::Start(tag) => builder.open(&tag, start, end, false)?,
            Event::Empty(tag) => builder.open(&tag, start, end, true)?,
            Event::End(_) => builder.close(start, end)?,
            Event::Text(_) | Event::GeneralRef(_) => {
                if builder.text_start.is_none() {
                    builder.text_start = Some(start);
                }
            }
            Event::CData(_) => {
                let raw = builder.slice(start, end);
                let inner = raw
                    .strip_prefix("<![CDATA[")
                    .and_then(|s| s.strip_suffix("]]>"))
                    .unwrap_or(raw);
                builder.leaf(Node::CData(inner.to_string()), start)?;
            }
            Event::Comment(_) => {
                let raw = builder.slice(start, end);
                let inner = raw
                    .strip_prefix("<!--")
                    .and_then(|s| s.strip_suffix("-->"))
                    .unwrap_or(raw);
                builder.leaf(Node::Comment(inner.to_string()), start)?;
            }
            Event::PI(_) => {
                let raw = builder.slice(start, end);
                let inner = raw
                    .strip_prefix("<?")
                    .and_then(|s| s.strip_suffix("?>"))
                    .unwrap_or(raw);
                builder.leaf(Node::ProcessingInstruction(inner.to_string()), start)?;
            }
            Event::Decl(_) => {
                let raw = builder.slice(start, end);
                let inner = raw
                    .strip_prefix("<?")
                    .and_then(|s| s.strip_suffix("?>"))
                    .unwrap_or(raw);
                if start != 0 && start != 3 {
                    return Err(builder.malformed(start, "XML declaration not at the start".into()));
                }
                builder.leaf(Node::Declaration(inner.to_string()), start)?;
            }
            Event::DocType(_) => {
                return Err(XliffError::Refused {
                    position: position_at(text, start),
                    message: "DOCTYPE (and with it entity declarations) is not accepted in XLIFF"
                        .into(),
                })
            }
            Event::Eof => break,
        }
    }
    builder.flush_text(text.len())?;
    if let Some(open) = builder.stack.last() {
        return Err(builder.malformed(text.len(), format!("element <{}> is not closed", open.name)));
    }
    let Some(root) = builder.root else {
        return Err(builder.malformed(text.len(), "no root element".into()));
    };
    Ok(Parsed {
        prolog: builder.prolog,
        root,
        epilog: builder.epilog,
    })
}

/// The line and column of byte `offset` in `text`, counted from the start.
pub(crate) fn position_at(text: &str, offset: usize) -> Position {
    advance(text, 0, Position { line: 1, column: 1 }, offset)
}

fn advance(text: &str, from: usize, mut position: Position, to: usize) -> Position {
    let part = text.get(from..to).unwrap_or("");
    match memchr_last_newline(part) {
        Some(last) => {
            position.line += part.bytes().filter(|&b| b == b'\n').count();
            position.column = part.get(last + 1..).map_or(0, |s| s.chars().count()) + 1;
        }
        None => position.column += part.chars().count(),
    }
    position
}

fn memchr_last_newline(part: &str) -> Option<usize> {
    part.bytes().rposition(|b| b == b'\n')
}

fn offset(position: u64) -> usize {
    usize::try_from(position).unwrap_or(usize::MAX)
}

/// Resolves references and normalises line ends in character data.
pub(crate) fn decode_text(raw: &str) -> Result<String, String> {
    let normalised;
    let raw = if raw.contains('\r') {
        normalised = raw.replace("\r\n", "\n").replace('\r', "\n");
        normalised.as_str()
    } else {
        raw
    };
    quick_xml::escape::unescape(raw)
        .map(|value| value.into_owned())
        .map_err(|error| error.to_string())
}

fn decode_attribute(raw: &str) -> Result<String, String> {
    let spaced;
    let raw = if raw.contains(['\t', '\n', '\r']) {
        spaced = raw.replace("\r\n", " ").replace(['\t', '\n', '\r'], " ");
        spaced.as_str()
    } else {
        raw
    };
    quick_xml::escape::unescape(raw)
        .map(|value| value.into_owned())
        .map_err(|error| error.to_string())
}

impl Builder<'_> {
    fn position(&mut self, offset: usize) -> Position {
        let (from, position) = self.cursor;
        if offset < from {
            return position_at(self.text, offset);
        }
        let position = advance(self.text, from, position, offset);
        self.cursor = (offset, position);
        position
    }

    fn slice(&self, start: usize, end: usize) -> &str {
        self.text.get(start..end).unwrap_or("")
    }

    fn malformed(&self, at: usize, message: String) -> XliffError {
        XliffError::Malformed {
            position: position_at(self.text, at),
            message,
        }
    }

    fn limit(&self, at: usize, message: String) -> XliffError {
        XliffError::Limit {
            position: position_at(self.text, at),
            message,
        }
    }

    fn flush_text(&mut self, end: usize) -> Result<(), XliffError> {
        let Some(start) = self.text_start.take() else {
            return Ok(());
        };
        if end - start > self.limits.max_text_bytes {
            return Err(self.limit(
                start,
                format!(
                    "character data of {} bytes (limit {})",
                    end - start,
                    self.limits.max_text_bytes
                ),
            ));
        }
        let raw = self.slice(start, end);
        let value = decode_text(raw).map_err(|message| self.malformed(start, message))?;
        if self.stack.is_empty() && !value.chars().all(|c| matches!(c, ' ' | '\t' | '\n')) {
            return Err(self.malformed(start, "text outside the root element".into()));
        }
        let raw = (value != raw).then(|| Box::from(raw));
        self.leaf(Node::Text(Text { value, raw }), start)
    }

    fn leaf(&mut self, node: Node, at: usize) -> Result<(), XliffError> {
        match self.stack.last_mut() {
            Some(parent) => parent.children.push(node),
            None if self.root.is_none() => self.prolog.push(node),
            None => {
                if matches!(node, Node::CData(_)) {
                    return Err(self.malformed(at, "CDATA outside the root element".into()));
                }
                self.epilog.push(node)
            }
        }
        Ok(())
    }

    fn intern(&mut self, uri: &str) -> Arc<str> {
        if let Some(known) = self.interned.get(uri) {
            return known.clone();
        }
        let shared: Arc<str> = Arc::from(uri);
        self.interned.insert(uri.to_string(), shared.clone());
        shared
    }

    fn resolve(&self, prefix: &str) -> Option<Arc<str>> {
        if prefix == "xml" {
            return self.interned.get("xml").cloned();
        }
        self.scopes
            .iter()
            .rev()
            .find(|(_, p, _)| p == prefix)
            .map(|(_, _, uri)| uri.clone())
            .filter(|uri| !uri.is_empty())
    }

    fn open(
        &mut self,
        tag: &BytesStart<'_>,
        start: usize,
        end: usize,
        empty: bool,
    ) -> Result<(), XliffError> {
        if self.root.is_some() && self.stack.is_empty() {
            return Err(self.malformed(start, "a second root element".into()));
        }
        let depth = self.stack.len() + 1;
        if depth > self.limits.max_depth {
            return Err(self.limit(
                start,
                format!(
                    "elements nested {depth} deep (limit {})",
                    self.limits.max_depth
                ),
            ));
        }
        let name = tag.name().as_ref().to_string();
        let mut attributes = Vec::new();
        for attribute in tag.attributes().with_checks(true) {
            let attribute = attribute.map_err(|error| self.malformed(start, error.to_string()))?;
            if attributes.len() >= self.limits.max_attributes {
                return Err(self.limit(
                    start,
                    format!("more than {} attributes", self.limits.max_attributes),
                ));
            }
            if attribute.value.len() > self.limits.max_attribute_bytes {
                return Err(self.limit(
                    start,
                    format!(
                        "attribute value of {} bytes (limit {})",
                        attribute.value.len(),
                        self.limits.max_attribute_bytes
                    ),
                ));
            }
            let key = attribute.key.as_ref().to_string();
            let raw: &str = &attribute.value;
            let value = decode_attribute(raw).map_err(|message| self.malformed(start, message))?;
            attributes.push(Attribute {
                name: key,
                value,
                namespace: None,
            });
        }
        for attribute in &attributes {
            if attribute.name == "xmlns" {
                let uri = self.intern(&attribute.value);
                self.scopes.push((depth, String::new(), uri));
            } else if let Some(prefix) = attribute.name.strip_prefix("xmlns:") {
                if attribute.value.is_empty() {
                    return Err(self.malformed(
                        start,
                        format!("namespace prefix {prefix} bound to an empty name"),
                    ));
                }
                let uri = self.intern(&attribute.value);
                self.scopes.push((depth, prefix.to_string(), uri));
            }
        }
        for index in 0..attributes.len() {
            let Some(attribute) = attributes.get(index) else {
                continue;
            };
            if attribute.is_namespace_declaration() {
                continue;
            }
            if let Some((prefix, _)) = attribute.name.split_once(':') {
                let Some(uri) = self.resolve(prefix) else {
                    return Err(self.malformed(
                        start,
                        format!(
                            "attribute {}: namespace prefix {prefix} is not declared",
                            attribute.name
                        ),
                    ));
                };
                if let Some(attribute) = attributes.get_mut(index) {
                    attribute.namespace = Some(uri);
                }
            }
        }
        let namespace = match name.split_once(':') {
            Some((prefix, _)) => match self.resolve(prefix) {
                Some(uri) => Some(uri),
                None => {
                    return Err(self.malformed(
                        start,
                        format!("element {name}: namespace prefix {prefix} is not declared"),
                    ))
                }
            },
            None => self.resolve(""),
        };
        let element = Element {
            name,
            namespace,
            attributes,
            children: Vec::new(),
            position: self.position(start),
            raw_start: Some(Box::from(self.slice(start, end))),
            raw_end: None,
            empty_tag: empty,
        };
        if empty {
            self.scopes.retain(|(d, _, _)| *d < depth);
            self.attach(element);
        } else {
            self.stack.push(element);
        }
        Ok(())
    }

    fn close(&mut self, start: usize, end: usize) -> Result<(), XliffError> {
        let depth = self.stack.len();
        let Some(mut element) = self.stack.pop() else {
            return Err(self.malformed(start, "end tag without a start tag".into()));
        };
        let raw = self.slice(start, end);
        if raw.len() != element.name.len() + 3 {
            element.raw_end = Some(Box::from(raw));
        }
        self.scopes.retain(|(d, _, _)| *d < depth);
        self.attach(element);
        Ok(())
    }

    fn attach(&mut self, element: Element) {
        match self.stack.last_mut() {
            Some(parent) => parent.children.push(Node::Element(element)),
            None => self.root = Some(element),
        }
    }
}
