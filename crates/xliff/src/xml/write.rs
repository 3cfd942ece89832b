//! Writing the tree back to text.

use super::{Element, Node};

/// How much of the original text the writer reuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteMode {
    /// Tags and text that were not changed are written exactly as they were read.
    Preserve,
    /// Everything is written from the parsed values (canonical-XML-equal to the input).
    Regenerate,
}

/// Escapes character data: `&`, `<`, `>` after `]]`, and carriage returns.
pub fn escape_text(value: &str, out: &mut String) {
    let mut last = 0;
    for (index, c) in value.char_indices() {
        let replacement = match c {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' if value
                .get(..index)
                .is_some_and(|before| before.ends_with("]]")) =>
            {
                "&gt;"
            }
            '\r' => "&#13;",
            _ => continue,
        };
        out.push_str(value.get(last..index).unwrap_or(""));
        out.push_str(replacement);
        last = index + c.len_utf8();
    }
    out.push_str(value.get(last..).unwrap_or(""));
}

/// Escapes an attribute value for double quotes, keeping whitespace characters as references.
pub fn escape_attribute(value: &str, out: &mut String) {
    let mut last = 0;
    for (index, c) in value.char_indices() {
        let replacement = match c {
            '&' => "&amp;",
            '<' => "&lt;",
            '"' => "&quot;",
            '\t' => "&#9;",
            '\n' => "&#10;",
            '\r' => "&#13;",
            _ => continue,
        };
        out.push_str(value.get(last..index).unwrap_or(""));
        out.push_str(replacement);
        last = index + c.len_utf8();
    }
    out.push_str(value.get(last..).unwrap_or(""));
}

/// Appends `node` (and everything below it) to `out`.
pub fn write_node(node: &Node, mode: WriteMode, out: &mut String) {
    match node {
        Node::Element(element) => write_element(element, mode, out),
        Node::Text(text) => match (&text.raw, mode) {
            (Some(raw), WriteMode::Preserve) => out.push_str(raw),
            _ => escape_text(&text.value, out),
        },
        Node::CData(data) => {
            out.push_str("<![CDATA[");
            out.push_str(data);
            out.push_str("]]>");
        }
        Node::Comment(comment) => {
            out.push_str("<!--");
            out.push_str(comment);
            out.push_str("-->");
        }
        Node::ProcessingInstruction(body) | Node::Declaration(body) => {
            out.push_str("<?");
            out.push_str(body);
            out.push_str("?>");
        }
        Node::DocType(body) => {
            out.push_str("<!DOCTYPE");
            out.push_str(body);
            out.push('>');
        }
    }
}

/// Appends the start tag of `element` made from its attributes (`/>` when `empty`).
pub(crate) fn write_start_tag(element: &Element, empty: bool, out: &mut String) {
    out.push('<');
    out.push_str(&element.name);
    for attribute in &element.attributes {
        out.push(' ');
        out.push_str(&attribute.name);
        out.push_str("=\"");
        escape_attribute(&attribute.value, out);
        out.push('"');
    }
    out.push_str(if empty { "/>" } else { ">" });
}

/// Appends `element` (and everything below it) to `out`.
pub fn write_element(element: &Element, mode: WriteMode, out: &mut String) {
    let empty = element.empty_tag && element.children.is_empty();
    match (&element.raw_start, mode) {
        (Some(raw), WriteMode::Preserve) => out.push_str(raw),
        _ => write_start_tag(element, empty, out),
    }
    if empty {
        return;
    }
    for child in &element.children {
        write_node(child, mode, out);
    }
    match (&element.raw_end, mode) {
        (Some(raw), WriteMode::Preserve) => out.push_str(raw),
        _ => {
            out.push_str("</");
            out.push_str(&element.name);
            out.push('>');
        }
    }
}
