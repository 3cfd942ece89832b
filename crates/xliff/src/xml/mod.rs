//! A small XML tree that keeps everything needed to write a document back as it was read:
//! the exact text of every tag, comments, processing instructions, CDATA sections and whitespace.
//!
//! The XLIFF layer works on this tree; nothing here knows about XLIFF.

pub(crate) mod feed;
mod parse;
mod write;

use std::sync::Arc;

use crate::Position;

pub(crate) use parse::position_at;
pub use parse::UnitPlace;
pub(crate) use parse::{decode_attribute, decode_text, find_cdata_end, EventCursor};
pub use parse::{parse, parse_fragment, Limits, Parsed, UnitEvents};
pub(crate) use parse::{parse_stream, Stream};
pub(crate) use write::write_start_tag;
pub use write::{escape_attribute, escape_text, write_element, write_node, WriteMode};

/// A qualified name, shared between all elements and attributes that use it.
pub type Name = Arc<str>;

/// The XML namespace (`xml:lang`, `xml:space`).
pub const XML_NAMESPACE: &str = "http://www.w3.org/XML/1998/namespace";

/// One node of the tree.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// An element with its attributes and children (boxed: most nodes are text, and a text node
    /// should not take an element's space).
    Element(Box<Element>),
    /// Character data (entity and character references resolved in `value`).
    Text(Text),
    /// A CDATA section; the string is its content.
    CData(String),
    /// A comment; the string is its content.
    Comment(String),
    /// A processing instruction; the string is everything between `<?` and `?>`.
    ProcessingInstruction(String),
    /// The XML declaration; the string is everything between `<?` and `?>`.
    Declaration(String),
    /// A document type declaration; the string is everything between `<!DOCTYPE` and the
    /// final `>`. It is kept to be written back, never resolved: no external subset is fetched,
    /// and a declaration with entity or attribute-list declarations is refused.
    DocType(String),
}

/// Character data.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Text {
    /// The text with references resolved and line ends normalised.
    pub value: String,
    /// The text exactly as written, kept only when it differs from `value`.
    pub raw: Option<Box<str>>,
}

impl Text {
    /// Text created by a program (written with minimal escaping).
    pub fn new(value: impl Into<String>) -> Self {
        Self {
            value: value.into(),
            raw: None,
        }
    }
}

/// An attribute with its resolved namespace.
#[derive(Debug, Clone, PartialEq)]
pub struct Attribute {
    /// The qualified name as written (`xml:lang`, `fs:fs`, `id`).
    pub name: Name,
    /// The value with references resolved and whitespace normalised.
    pub value: String,
    /// The namespace of a prefixed attribute (unprefixed attributes have none).
    pub namespace: Option<Arc<str>>,
}

impl Attribute {
    /// The name without its prefix.
    pub fn local_name(&self) -> &str {
        local(&self.name)
    }

    /// True for `xmlns` and `xmlns:*` declarations.
    pub fn is_namespace_declaration(&self) -> bool {
        &*self.name == "xmlns" || self.name.starts_with("xmlns:")
    }
}

/// An element.
#[derive(Debug, Clone, PartialEq)]
pub struct Element {
    /// The qualified name as written.
    pub name: Name,
    /// The element's namespace, when it has one.
    pub namespace: Option<Arc<str>>,
    /// Attributes in document order, namespace declarations included.
    pub attributes: Vec<Attribute>,
    /// Child nodes.
    pub children: Vec<Node>,
    /// Where the start tag begins; line 0 for elements made by a program.
    pub position: Position,
    /// The start tag exactly as written; cleared when attributes change.
    pub raw_start: Option<Box<str>>,
    /// The end tag as written, kept only when it is not `</name>`.
    pub raw_end: Option<Box<str>>,
    /// Written as an empty-element tag (`<a/>`).
    pub empty_tag: bool,
}

fn local(name: &str) -> &str {
    name.rsplit_once(':').map_or(name, |(_, local)| local)
}

impl Element {
    /// Moves the element's name, namespace and attributes out (what a start tag holds),
    /// leaving an element with the same name and nothing else.
    pub(crate) fn take_header(&mut self) -> Element {
        Element {
            name: self.name.clone(),
            namespace: self.namespace.take(),
            attributes: std::mem::take(&mut self.attributes),
            children: std::mem::take(&mut self.children),
            position: self.position,
            raw_start: self.raw_start.take(),
            raw_end: self.raw_end.take(),
            empty_tag: self.empty_tag,
        }
    }

    /// A new element without attributes or children.
    pub fn new(name: impl AsRef<str>, namespace: Option<Arc<str>>) -> Self {
        Self {
            name: Name::from(name.as_ref()),
            namespace,
            attributes: Vec::new(),
            children: Vec::new(),
            position: Position::default(),
            raw_start: None,
            raw_end: None,
            empty_tag: true,
        }
    }

    /// The name without its prefix.
    pub fn local_name(&self) -> &str {
        local(&self.name)
    }

    /// The namespace URI, or "" when the element has none.
    pub fn ns(&self) -> &str {
        self.namespace.as_deref().unwrap_or("")
    }

    /// True when the element is `local` in namespace `namespace`.
    pub fn is(&self, namespace: &str, local: &str) -> bool {
        self.local_name() == local && self.ns() == namespace
    }

    /// The value of the unprefixed attribute `name`.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|a| a.namespace.is_none() && &*a.name == name)
            .map(|a| a.value.as_str())
    }

    /// The value of attribute `local` in namespace `namespace`.
    pub fn attr_ns(&self, namespace: &str, local: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|a| a.namespace.as_deref() == Some(namespace) && a.local_name() == local)
            .map(|a| a.value.as_str())
    }

    /// `xml:lang` on this element.
    pub fn xml_lang(&self) -> Option<&str> {
        self.attr_ns(XML_NAMESPACE, "lang")
    }

    /// Sets (or adds) the unprefixed attribute `name`; the start tag is then regenerated.
    pub fn set_attr(&mut self, name: &str, value: impl Into<String>) {
        let value = value.into();
        if self.attr(name) == Some(value.as_str()) {
            return;
        }
        self.raw_start = None;
        match self
            .attributes
            .iter_mut()
            .find(|a| a.namespace.is_none() && &*a.name == name)
        {
            Some(attribute) => attribute.value = value,
            None => self.attributes.push(Attribute {
                name: Name::from(name),
                value,
                namespace: None,
            }),
        }
    }

    /// Sets (or adds) the attribute `xml:{local}` (`xml:lang`, `xml:space`); the start tag is
    /// then regenerated.
    pub fn set_xml_attr(&mut self, local: &str, value: impl Into<String>) {
        let value = value.into();
        self.raw_start = None;
        let found = self
            .attributes
            .iter_mut()
            .find(|a| a.namespace.as_deref() == Some(XML_NAMESPACE) && a.local_name() == local);
        match found {
            Some(attribute) => attribute.value = value,
            None => self.attributes.push(Attribute {
                name: Name::from(format!("xml:{local}").as_str()),
                value,
                namespace: Some(XML_NAMESPACE.into()),
            }),
        }
    }

    /// Removes the unprefixed attribute `name`, if present.
    pub fn remove_attr(&mut self, name: &str) {
        let before = self.attributes.len();
        self.attributes
            .retain(|a| !(a.namespace.is_none() && &*a.name == name));
        if self.attributes.len() != before {
            self.raw_start = None;
        }
    }

    /// Child elements.
    pub fn elements(&self) -> impl Iterator<Item = &Element> + '_ {
        self.children.iter().filter_map(|node| match node {
            Node::Element(element) => Some(&**element),
            _ => None,
        })
    }

    /// Child elements, mutable.
    pub fn elements_mut(&mut self) -> impl Iterator<Item = &mut Element> + '_ {
        self.children.iter_mut().filter_map(|node| match node {
            Node::Element(element) => Some(&mut **element),
            _ => None,
        })
    }

    /// The first child element `local` in `namespace`.
    pub fn child(&self, namespace: &str, local: &str) -> Option<&Element> {
        self.elements().find(|e| e.is(namespace, local))
    }

    /// Child elements `local` in `namespace`.
    pub fn children_named<'a>(
        &'a self,
        namespace: &'a str,
        local: &'a str,
    ) -> impl Iterator<Item = &'a Element> + 'a {
        self.elements().filter(move |e| e.is(namespace, local))
    }

    /// The concatenated text of all descendants (text and CDATA).
    pub fn text_content(&self) -> String {
        let mut out = String::new();
        collect_text(self, &mut out);
        out
    }

    /// Appends a child; an empty-element tag becomes a start and an end tag.
    pub fn push(&mut self, node: Node) {
        if self.empty_tag {
            self.empty_tag = false;
            self.raw_start = None;
        }
        self.children.push(node);
    }

    /// Replaces every child.
    pub fn set_children(&mut self, children: Vec<Node>) {
        if self.empty_tag && !children.is_empty() {
            self.empty_tag = false;
            self.raw_start = None;
        }
        self.children = children;
    }
}

fn collect_text(element: &Element, out: &mut String) {
    for child in &element.children {
        match child {
            Node::Text(text) => out.push_str(&text.value),
            Node::CData(data) => out.push_str(data),
            Node::Element(inner) => collect_text(inner, out),
            _ => {}
        }
    }
}
