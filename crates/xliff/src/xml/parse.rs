//! Building the tree from text with quick-xml, keeping the exact text of every tag.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Arc;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::{Attribute, Element, Node, Text, XML_NAMESPACE};
use crate::{Position, XliffError};

/// FNV-1a: element and attribute names are short, and SipHash's set-up dominates for them.
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut hash = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for byte in bytes {
            hash ^= u64::from(*byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = hash;
    }
}

type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

pub use werkbank_model::Limits;
use werkbank_model::{Exceeded, Limit};

/// A parsed document: the nodes before the root, the root, the nodes after it.
#[derive(Debug, Clone)]
pub struct Parsed {
    /// Declaration, comments, PIs and whitespace before the root element.
    pub prolog: Vec<Node>,
    /// The root element.
    pub root: Element,
    /// Comments, PIs and whitespace after the root element.
    pub epilog: Vec<Node>,
    /// What was read although it is not namespace-well-formed (undeclared prefixes), with
    /// where.
    pub problems: Vec<(Position, String)>,
}

/// Called with each unit element (and its byte range in the text) when parsing in streaming
/// mode; the unit is then dropped from the tree.
pub type UnitSink<'s> = dyn FnMut(Element, std::ops::Range<usize>) -> Result<(), XliffError> + 's;

struct Builder<'t, 's> {
    text: &'t str,
    /// Offset of the reader's input in `text` (non-zero when parsing one unit of it).
    base: usize,
    /// Elements open around the parsed text (when parsing one unit of a document).
    depth_base: usize,
    /// Whether text, comments and the like are kept (not when only the skeleton of a document
    /// streamed by events is wanted: its units' text is copied, not written from the tree).
    keep_leaves: bool,
    starts: Vec<usize>,
    unit_sink: Option<&'s mut UnitSink<'s>>,
    cursor: (usize, Position),
    limits: Limits,
    stack: Vec<Element>,
    scopes: Vec<(usize, String, Arc<str>)>,
    /// `scopes` without depths, shared by the units read while they do not change.
    snapshot: Option<Scopes>,
    interned: HashMap<String, Arc<str>>,
    names: FastMap<Box<str>, Arc<str>>,
    scratch: String,
    prolog: Vec<Node>,
    root: Option<Element>,
    epilog: Vec<Node>,
    text_start: Option<usize>,
    problems: Vec<(Position, String)>,
    /// Elements started so far.
    elements: usize,
    /// How deep the stack was when the unit being read started, while one is.
    unit_depth: Option<usize>,
    /// Elements started inside that unit.
    unit_elements: usize,
}

/// The namespace given to elements and attributes whose prefix is not declared.
pub const UNDECLARED_PREFIX: &str = "urn:werkbank:undeclared-prefix:";

/// Parses `text` into a tree. A DOCTYPE declaration is kept but never resolved, and refused
/// when it declares entities (no entity is ever expanded); `limits` bound depth and sizes.
pub fn parse(text: &str, limits: Limits) -> Result<Parsed, XliffError> {
    parse_inner(text, limits, None)
}

/// Parses `text` like [`parse`], but hands every XLIFF unit (`unit` or `trans-unit` in the root
/// element's namespace) to `sink` as soon as it is complete instead of keeping it in the tree.
/// Memory then holds the text, the skeleton and one unit at a time.
pub fn parse_streaming<'s>(
    text: &str,
    limits: Limits,
    sink: &'s mut UnitSink<'s>,
) -> Result<Parsed, XliffError> {
    parse_inner(text, limits, Some(sink))
}

/// Called with the events of each XLIFF unit, in streaming-by-events mode: the sink reads them
/// (or some of them) from [`UnitEvents`]; whatever it leaves is skipped.
pub type UnitEventsSink<'s> =
    dyn for<'a, 't> FnMut(&mut UnitEvents<'a, 't>) -> Result<(), XliffError> + 's;

/// Parses `text` like [`parse_streaming`], but builds no tree for the units: the events of each
/// unit go to `sink`, which may build what it needs from them (or parse the unit's text into a
/// tree with [`parse_fragment`]). The returned tree is the skeleton without the units.
pub fn parse_streaming_events(
    text: &str,
    limits: Limits,
    sink: &mut UnitEventsSink<'_>,
) -> Result<Parsed, XliffError> {
    check_characters(text)?;
    let mut builder = Builder::new(text, limits, None);
    builder.keep_leaves = false;
    let mut reader = new_reader(text);
    run(&mut builder, &mut reader, Some(sink))?;
    builder.into_parsed()
}

/// Parses the element at `range` of `text` (one unit of a document) into a tree. `scopes` are
/// the namespace declarations in force at its start (prefix, namespace; innermost last),
/// `position` is where it starts and `depth` how many elements enclose it; errors and positions
/// are then the same as when the whole document is parsed.
pub fn parse_fragment(
    text: &str,
    range: std::ops::Range<usize>,
    scopes: &[(String, Arc<str>)],
    position: Position,
    depth: usize,
    limits: Limits,
) -> Result<Element, XliffError> {
    let mut builder = Builder::new(text, limits, None);
    builder.base = range.start;
    builder.depth_base = depth;
    builder.cursor = (range.start, position);
    for (prefix, uri) in scopes {
        builder.scopes.push((0, prefix.clone(), uri.clone()));
    }
    let mut reader = new_reader(text.get(range).unwrap_or(""));
    run(&mut builder, &mut reader, None)?;
    builder.into_parsed().map(|parsed| parsed.root)
}

fn new_reader(text: &str) -> Reader<&[u8]> {
    let mut reader = Reader::from_str(text);
    let config = reader.config_mut();
    config.trim_text(false);
    config.check_comments = true;
    // End tags are matched against start tags by the builder and by `UnitEvents`, so that the
    // reader can be restarted after a unit that was read without it.
    config.check_end_names = false;
    config.allow_unmatched_ends = true;
    config.expand_empty_elements = false;
    config.trim_markup_names_in_closing_tags = true;
    reader
}

/// The name in an end tag `</name >`.
fn end_tag_name(raw: &str) -> &str {
    raw.strip_prefix("</")
        .and_then(|r| r.strip_suffix('>'))
        .unwrap_or(raw)
        .trim_end_matches([' ', '\t', '\n', '\r'])
}

fn parse_inner<'s>(
    text: &str,
    limits: Limits,
    unit_sink: Option<&'s mut UnitSink<'s>>,
) -> Result<Parsed, XliffError> {
    check_characters(text)?;
    let mut builder = Builder::new(text, limits, unit_sink);
    let mut reader = new_reader(text);
    run(&mut builder, &mut reader, None)?;
    builder.into_parsed()
}

/// The reader's position inside one unit: what [`UnitEvents`] reads events with.
pub(crate) struct EventCursor<'a, 't> {
    reader: &'a mut Reader<&'t [u8]>,
    pub(crate) text: &'t str,
    base: usize,
    depth: usize,
    end: Option<usize>,
    /// Names of the elements open inside the unit, to match end tags.
    open: Vec<&'t str>,
    /// Set when the unit was read without the reader (see [`UnitEvents::read_past`]).
    read_past: bool,
}

/// The events of one unit, read from the document's reader. [`UnitEvents::next_event`] gives
/// the events inside the unit and `None` after its end tag.
pub struct UnitEvents<'a, 't> {
    pub(crate) cursor: EventCursor<'a, 't>,
    /// Where the unit's content starts (just after its start tag).
    pub content_start: usize,
    /// The unit's start tag, parsed (attributes, namespace, position; no children).
    pub header: Element,
    /// Where the unit's start tag begins in the text.
    pub start: usize,
    /// Namespace declarations in force inside the unit (prefix, namespace; innermost last).
    pub scopes: Scopes,
    /// Elements enclosing the unit (the root is one).
    pub enclosing: usize,
    /// The parser's limits.
    pub limits: Limits,
}

impl<'t> EventCursor<'_, 't> {
    /// The next event inside the unit named `unit_name`, or `None` after its end tag.
    #[inline]
    pub(crate) fn next_event(
        &mut self,
        unit_name: &str,
    ) -> Result<Option<(Event<'t>, usize, usize)>, XliffError> {
        if self.end.is_some() {
            return Ok(None);
        }
        let start = self.base + offset(self.reader.buffer_position());
        let event = self
            .reader
            .read_event()
            .map_err(|error| XliffError::Malformed {
                position: position_at(self.text, self.base + offset(self.reader.error_position())),
                message: error.to_string(),
            })?;
        let end = self.base + offset(self.reader.buffer_position());
        let text = self.text;
        match &event {
            Event::Start(tag) => {
                let length = tag.name().into_inner().len();
                self.open
                    .push(text.get(start + 1..start + 1 + length).unwrap_or(""));
                self.depth += 1;
            }
            Event::End(_) => {
                let name = end_tag_name(text.get(start..end).unwrap_or(""));
                let expected = self.open.pop().unwrap_or(unit_name);
                if name != expected {
                    return Err(XliffError::Malformed {
                        position: position_at(text, start),
                        message: format!("end tag </{name}> does not match <{expected}>"),
                    });
                }
                if self.depth == 0 {
                    self.end = Some(end);
                    return Ok(None);
                }
                self.depth -= 1;
            }
            Event::Eof => {
                return Err(XliffError::Malformed {
                    position: position_at(text, text.len()),
                    message: format!("element <{unit_name}> is not closed"),
                })
            }
            _ => {}
        }
        Ok(Some((event, start, end)))
    }
}

impl std::fmt::Debug for UnitEvents<'_, '_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UnitEvents")
            .field("header", &self.header.name)
            .field("start", &self.start)
            .finish()
    }
}

/// Namespace declarations in force (prefix, namespace; innermost last), shared.
pub type Scopes = Arc<[(String, Arc<str>)]>;

/// Where a unit is in a document and what is in force around it: enough to read it again on
/// its own ([`parse_fragment`]).
#[derive(Debug, Clone)]
pub struct UnitPlace {
    /// The unit's text, start tag to end tag.
    pub range: std::ops::Range<usize>,
    /// The unit's start tag, parsed.
    pub header: Element,
    /// Namespace declarations in force inside the unit (prefix, namespace; innermost last).
    pub scopes: Scopes,
    /// Elements enclosing the unit.
    pub enclosing: usize,
    /// The parser's limits.
    pub limits: Limits,
}

impl<'t> UnitEvents<'_, 't> {
    /// Where the unit is, once [`UnitEvents::finish`] has read it to its end; the header and
    /// scopes move into the result.
    pub fn take_place(&mut self) -> Result<UnitPlace, XliffError> {
        let end = self.finish()?;
        Ok(UnitPlace {
            range: self.start..end,
            header: std::mem::replace(&mut self.header, Element::new("", None)),
            scopes: self.scopes.clone(),
            enclosing: self.enclosing,
            limits: self.limits,
        })
    }

    /// The whole document's text.
    pub fn text(&self) -> &'t str {
        self.cursor.text
    }

    /// The next event inside the unit with its byte range in the text, or `None` once the
    /// unit's end tag has been read.
    pub fn next_event(&mut self) -> Result<Option<(Event<'t>, usize, usize)>, XliffError> {
        self.cursor.next_event(&self.header.name)
    }

    /// Whether the unit has been read to its end (at once for an empty-element tag).
    pub fn is_finished(&self) -> bool {
        self.cursor.end.is_some()
    }

    /// Marks the unit as read up to `end` (just after its end tag) by other means than the
    /// reader; the parser then goes on from there.
    pub fn read_past(&mut self, end: usize) {
        self.cursor.end = Some(end);
        self.cursor.read_past = true;
    }

    /// Skips what is left of the unit; returns the offset just after its end tag.
    pub fn finish(&mut self) -> Result<usize, XliffError> {
        while self.next_event()?.is_some() {}
        Ok(self.cursor.end.unwrap_or(self.cursor.text.len()))
    }
}

enum EventKind {
    Empty,
    Other,
}

fn run<'t>(
    builder: &mut Builder<'t, '_>,
    reader: &mut Reader<&'t [u8]>,
    mut events_sink: Option<&mut UnitEventsSink<'_>>,
) -> Result<(), XliffError> {
    let text = builder.text;
    let mut base = builder.base;
    loop {
        let start = base + offset(reader.buffer_position());
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(error) => {
                return Err(
                    builder.malformed(base + offset(reader.error_position()), error.to_string())
                )
            }
        };
        let end = base + offset(reader.buffer_position());
        if !matches!(event, Event::Text(_) | Event::GeneralRef(_)) {
            builder.flush_text(start)?;
        }
        let event_kind = match &event {
            Event::Empty(_) => EventKind::Empty,
            _ => EventKind::Other,
        };
        match event {
            Event::Start(tag) | Event::Empty(tag) => {
                let empty = matches!(event_kind, EventKind::Empty);
                let element = builder.start_element(&tag, start, end, empty)?;
                match events_sink.as_deref_mut() {
                    Some(sink) if builder.is_unit(&element) => {
                        let depth = builder.stack.len() + 1;
                        let scopes = builder.scopes_snapshot();
                        let mut events = UnitEvents {
                            cursor: EventCursor {
                                reader: &mut *reader,
                                text,
                                base,
                                depth: 0,
                                end: empty.then_some(end),
                                open: Vec::new(),
                                read_past: false,
                            },
                            content_start: end,
                            header: element,
                            start,
                            scopes,
                            enclosing: depth - 1 + builder.depth_base,
                            limits: builder.limits,
                        };
                        sink(&mut events)?;
                        let unit_end = events.finish()?;
                        let read_past = events.cursor.read_past;
                        builder.scopes.retain(|(d, _, _)| *d < depth);
                        if read_past {
                            // Go on after the unit with a new reader: the old one never saw it.
                            *reader = new_reader(text.get(unit_end..).unwrap_or(""));
                            base = unit_end;
                        }
                    }
                    _ => {
                        // A unit (or the unit a fragment is) starts its own element count.
                        let fragment_root = builder.depth_base > 0 && builder.stack.is_empty();
                        if !empty
                            && builder.unit_depth.is_none()
                            && (fragment_root || builder.is_unit(&element))
                        {
                            builder.unit_depth = Some(builder.stack.len());
                            builder.unit_elements = 0;
                        }
                        builder.place(element, start, end, empty)?
                    }
                }
            }
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
                if start != 0 {
                    return Err(builder.malformed(start, "XML declaration not at the start".into()));
                }
                builder.leaf(Node::Declaration(inner.to_string()), start)?;
            }
            Event::DocType(_) => {
                let raw = builder.slice(start, end);
                let body = doctype_body(raw).map_err(|message| XliffError::Refused {
                    position: position_at(text, start),
                    message,
                })?;
                if builder.root.is_some() || !builder.stack.is_empty() {
                    return Err(builder.malformed(start, "DOCTYPE after the root element".into()));
                }
                builder.leaf(Node::DocType(body.to_string()), start)?;
            }
            Event::Eof => break,
        }
    }
    let end = base + offset(reader.buffer_position());
    builder.flush_text(end)?;
    if let Some(open) = builder.stack.last() {
        return Err(builder.malformed(end, format!("element <{}> is not closed", open.name)));
    }
    Ok(())
}

/// The part of a document type declaration `<!DOCTYPE …>` after the keyword, if it may be
/// accepted: a name and an external identifier are kept (never fetched), and an internal
/// subset may hold comments, processing instructions and element declarations, but no entity
/// declarations (they could expand) and no attribute-list declarations (their defaults would
/// change the document without being applied here).
fn doctype_body(raw: &str) -> Result<&str, String> {
    let body = raw
        .get(2..)
        .and_then(|r| r.get(.."DOCTYPE".len()).map(|k| (k, r)))
        .filter(|(keyword, _)| keyword.eq_ignore_ascii_case("DOCTYPE"))
        .and_then(|(_, r)| r.get("DOCTYPE".len()..))
        .and_then(|r| r.strip_suffix('>'))
        .ok_or_else(|| "a malformed DOCTYPE declaration".to_string())?;
    if let Some(subset) = body.find('[').and_then(|at| body.get(at..)) {
        if subset.contains("<!ENTITY") {
            return Err(
                "a DOCTYPE with entity declarations is not accepted (nothing is ever expanded)"
                    .into(),
            );
        }
        if subset.contains("<!ATTLIST") {
            return Err(
                "a DOCTYPE with attribute-list declarations is not accepted (their defaults \
                 would not be applied)"
                    .into(),
            );
        }
    }
    Ok(body)
}

/// The line and column of byte `offset` in `text`, counted from the start.
pub(crate) fn position_at(text: &str, offset: usize) -> Position {
    advance(text, 0, Position { line: 1, column: 1 }, offset)
}

fn advance(text: &str, from: usize, mut position: Position, to: usize) -> Position {
    let part = text.get(from..to).unwrap_or("");
    match memchr_last_newline(part) {
        Some(last) => {
            position.line += memchr::memchr_iter(b'\n', part.as_bytes()).count();
            position.column = part.get(last + 1..).map_or(0, |s| s.chars().count()) + 1;
        }
        None => position.column += part.chars().count(),
    }
    position
}

fn memchr_last_newline(part: &str) -> Option<usize> {
    memchr::memrchr(b'\n', part.as_bytes())
}

pub(crate) fn find_cdata_end(raw: &str) -> Option<usize> {
    let bytes = raw.as_bytes();
    memchr::memchr_iter(b'>', bytes)
        .find(|&at| at >= 2 && bytes.get(at - 2..at) == Some(b"]]"))
        .map(|at| at - 2)
}

fn offset(position: u64) -> usize {
    usize::try_from(position).unwrap_or(usize::MAX)
}

/// The first character XML 1.0 does not allow anywhere in a document (controls other than tab,
/// line feed and carriage return, U+FFFE, U+FFFF), with its byte offset. One pass over the
/// bytes: the common case finds nothing.
pub(crate) fn forbidden_character(text: &str) -> Option<(usize, char)> {
    let bytes = text.as_bytes();
    let at = bytes.iter().enumerate().position(|(i, &b)| {
        (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r'))
            || (b == 0xEF
                && bytes.get(i + 1) == Some(&0xBF)
                && matches!(bytes.get(i + 2), Some(0xBE | 0xBF)))
    })?;
    text.get(at..)
        .and_then(|rest| rest.chars().next())
        .map(|c| (at, c))
}

fn forbidden_message(c: char) -> String {
    format!(
        "the character U+{:04X} is not allowed in XML (XLIFF 2 writes it as <cp hex=\"{:04X}\"/>)",
        c as u32, c as u32
    )
}

/// Checks a value after references were resolved: `&#1;` is as forbidden as the raw character.
fn allowed_value(value: String) -> Result<String, String> {
    match forbidden_character(&value) {
        Some((_, c)) => Err(forbidden_message(c)),
        None => Ok(value),
    }
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
        .map_err(|error| error.to_string())
        .and_then(|value| allowed_value(value.into_owned()))
}

pub(crate) fn decode_attribute(raw: &str) -> Result<String, String> {
    let spaced;
    let raw = if raw.contains(['\t', '\n', '\r']) {
        spaced = raw.replace("\r\n", " ").replace(['\t', '\n', '\r'], " ");
        spaced.as_str()
    } else {
        raw
    };
    quick_xml::escape::unescape(raw)
        .map_err(|error| error.to_string())
        .and_then(|value| allowed_value(value.into_owned()))
}

/// Refuses a document with a character XML does not allow, naming where it is.
fn check_characters(text: &str) -> Result<(), XliffError> {
    match forbidden_character(text) {
        Some((at, c)) => Err(XliffError::Malformed {
            position: position_at(text, at),
            message: forbidden_message(c),
        }),
        None => Ok(()),
    }
}

impl<'t, 's> Builder<'t, 's> {
    fn new(text: &'t str, limits: Limits, unit_sink: Option<&'s mut UnitSink<'s>>) -> Self {
        let mut builder = Builder {
            text,
            base: 0,
            depth_base: 0,
            keep_leaves: true,
            starts: Vec::new(),
            unit_sink,
            cursor: (0, Position { line: 1, column: 1 }),
            limits,
            stack: Vec::new(),
            scopes: Vec::new(),
            snapshot: None,
            interned: HashMap::new(),
            names: FastMap::default(),
            scratch: String::new(),
            prolog: Vec::new(),
            root: None,
            epilog: Vec::new(),
            text_start: None,
            problems: Vec::new(),
            elements: 0,
            unit_depth: None,
            unit_elements: 0,
        };
        builder
            .interned
            .insert("xml".to_string(), Arc::from(XML_NAMESPACE));
        builder
    }

    /// The namespace declarations in force, without depths; built again only after they change.
    fn scopes_snapshot(&mut self) -> Scopes {
        let unchanged = self.snapshot.as_ref().filter(|snapshot| {
            snapshot.len() == self.scopes.len()
                && snapshot
                    .iter()
                    .zip(&self.scopes)
                    .all(|((p, u), (_, prefix, uri))| p == prefix && Arc::ptr_eq(u, uri))
        });
        if let Some(snapshot) = unchanged {
            return snapshot.clone();
        }
        let snapshot: Scopes = self
            .scopes
            .iter()
            .map(|(_, prefix, uri)| (prefix.clone(), uri.clone()))
            .collect();
        self.snapshot = Some(snapshot.clone());
        snapshot
    }

    fn into_parsed(self) -> Result<Parsed, XliffError> {
        let Some(root) = self.root else {
            return Err(self.malformed(self.text.len(), "no root element".into()));
        };
        Ok(Parsed {
            prolog: self.prolog,
            root,
            epilog: self.epilog,
            problems: self.problems,
        })
    }

    fn position(&mut self, offset: usize) -> Position {
        let (from, position) = self.cursor;
        if offset < from {
            return position_at(self.text, offset);
        }
        let position = advance(self.text, from, position, offset);
        self.cursor = (offset, position);
        position
    }

    fn slice(&self, start: usize, end: usize) -> &'t str {
        self.text.get(start..end).unwrap_or("")
    }

    fn malformed(&self, at: usize, message: String) -> XliffError {
        XliffError::Malformed {
            position: position_at(self.text, at),
            message,
        }
    }

    fn check(&self, at: usize, limit: Limit, value: usize) -> Result<(), XliffError> {
        self.limits
            .check(limit, value)
            .map_err(|exceeded: Exceeded| XliffError::Limit {
                position: position_at(self.text, at),
                exceeded,
            })
    }

    fn flush_text(&mut self, end: usize) -> Result<(), XliffError> {
        let Some(start) = self.text_start.take() else {
            return Ok(());
        };
        self.check(start, Limit::TextBytes, end - start)?;
        let raw = self.slice(start, end);
        if let Some(at) = find_cdata_end(raw) {
            return Err(self.malformed(
                start + at,
                "\"]]>\" is not allowed in character data".into(),
            ));
        }
        if !self.keep_leaves && !self.stack.is_empty() {
            // Only checked: the text is not kept.
            if raw.contains('&') {
                decode_text(raw).map_err(|message| self.malformed(start, message))?;
            }
            return Ok(());
        }
        let value = decode_text(raw).map_err(|message| self.malformed(start, message))?;
        if self.stack.is_empty() && !value.chars().all(|c| matches!(c, ' ' | '\t' | '\n')) {
            return Err(self.malformed(start, "text outside the root element".into()));
        }
        let raw = (value != raw).then(|| Box::from(raw));
        self.leaf(Node::Text(Text { value, raw }), start)
    }

    fn leaf(&mut self, node: Node, at: usize) -> Result<(), XliffError> {
        if !self.keep_leaves && !self.stack.is_empty() {
            return Ok(());
        }
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

    /// A prefix used without a declaration (not namespace-well-formed, but written by real
    /// tools): read in a namespace of its own, `urn:werkbank:undeclared-prefix:PREFIX`, and
    /// noted, so that the validator reports it while every other job can go on.
    fn undeclared(&mut self, at: usize, prefix: &str, message: String) -> Arc<str> {
        let position = self.position(at);
        self.problems.push((position, message));
        self.intern(&format!("{UNDECLARED_PREFIX}{prefix}"))
    }

    fn intern(&mut self, uri: &str) -> Arc<str> {
        if let Some(known) = self.interned.get(uri) {
            return known.clone();
        }
        let shared: Arc<str> = Arc::from(uri);
        self.interned.insert(uri.to_string(), shared.clone());
        shared
    }

    fn name(&mut self, name: &str) -> Arc<str> {
        if let Some(known) = self.names.get(name) {
            return known.clone();
        }
        let shared: Arc<str> = Arc::from(name);
        self.names.insert(Box::from(name), shared.clone());
        shared
    }

    /// True when writing the element from its parsed values gives exactly `raw`, so the raw
    /// text need not be kept.
    fn is_canonical(
        &mut self,
        raw: &str,
        name: &str,
        attributes: &[Attribute],
        empty: bool,
    ) -> bool {
        let scratch = &mut self.scratch;
        scratch.clear();
        scratch.push('<');
        scratch.push_str(name);
        for attribute in attributes {
            scratch.push(' ');
            scratch.push_str(&attribute.name);
            scratch.push_str("=\"");
            super::escape_attribute(&attribute.value, scratch);
            scratch.push('"');
        }
        scratch.push_str(if empty { "/>" } else { ">" });
        scratch == raw
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

    /// Puts an element made by `start_element` in the tree: an empty one is complete, another
    /// waits for its children.
    fn place(
        &mut self,
        element: Element,
        start: usize,
        end: usize,
        empty: bool,
    ) -> Result<(), XliffError> {
        if empty {
            let depth = self.stack.len() + 1;
            self.scopes.retain(|(d, _, _)| *d < depth);
            self.finish(element, start..end)
        } else {
            self.stack.push(element);
            self.starts.push(start);
            Ok(())
        }
    }

    /// Whether `element`, about to be placed, is an XLIFF unit (`unit` or `trans-unit` in the
    /// root element's namespace, below the root).
    fn is_unit(&self, element: &Element) -> bool {
        self.stack.first().is_some_and(|root| {
            matches!(element.local_name(), "unit" | "trans-unit")
                && root.namespace == element.namespace
        })
    }

    /// Parses a start tag into an element (its namespace declarations come into scope).
    fn start_element(
        &mut self,
        tag: &BytesStart<'_>,
        start: usize,
        end: usize,
        empty: bool,
    ) -> Result<Element, XliffError> {
        if self.root.is_some() && self.stack.is_empty() {
            return Err(self.malformed(start, "a second root element".into()));
        }
        let depth = self.stack.len() + 1;
        self.check(start, Limit::Depth, depth + self.depth_base)?;
        self.elements += 1;
        self.check(start, Limit::Elements, self.elements)?;
        if self.unit_depth.is_some() {
            self.unit_elements += 1;
            self.check(start, Limit::UnitElements, self.unit_elements)?;
        }
        let name = self.name(tag.name().as_ref());
        let mut attributes = Vec::new();
        for attribute in tag.attributes().with_checks(true) {
            let attribute = attribute.map_err(|error| self.malformed(start, error.to_string()))?;
            self.check(start, Limit::Attributes, attributes.len() + 1)?;
            self.check(start, Limit::AttributeBytes, attribute.value.len())?;
            let key = self.name(attribute.key.as_ref());
            let raw: &str = &attribute.value;
            let value = decode_attribute(raw).map_err(|message| self.malformed(start, message))?;
            attributes.push(Attribute {
                name: key,
                value,
                namespace: None,
            });
        }
        for attribute in &attributes {
            if &*attribute.name == "xmlns" {
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
                let uri = match self.resolve(prefix) {
                    Some(uri) => uri,
                    None => {
                        let message = format!(
                            "attribute {}: namespace prefix {prefix} is not declared",
                            attribute.name
                        );
                        self.undeclared(start, prefix, message)
                    }
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
                    let message =
                        format!("element {name}: namespace prefix {prefix} is not declared");
                    Some(self.undeclared(start, prefix, message))
                }
            },
            None => self.resolve(""),
        };
        let raw = self.slice(start, end);
        // The skeleton of a document streamed by events is never written from the tree (the
        // text is copied), so its tags need not be compared with their regenerated form.
        let raw_start = if !self.keep_leaves || self.is_canonical(raw, &name, &attributes, empty) {
            None
        } else {
            Some(Box::from(raw))
        };
        let element = Element {
            name,
            namespace,
            attributes,
            children: Vec::new(),
            position: self.position(start),
            raw_start,
            raw_end: None,
            empty_tag: empty,
        };
        Ok(element)
    }

    /// Attaches a complete element to its parent, or hands a unit to the streaming sink.
    fn finish(
        &mut self,
        element: Element,
        range: std::ops::Range<usize>,
    ) -> Result<(), XliffError> {
        // A unit inside another unit (not valid XLIFF) stays part of the outer one.
        let is_unit = self.unit_sink.is_some()
            && self.is_unit(&element)
            && !self.stack.iter().skip(1).any(|open| self.is_unit(open));
        match &mut self.unit_sink {
            Some(sink) if is_unit => sink(element, range),
            _ => {
                self.attach(element);
                Ok(())
            }
        }
    }

    fn close(&mut self, start: usize, end: usize) -> Result<(), XliffError> {
        let depth = self.stack.len();
        let raw = self.slice(start, end);
        let name = end_tag_name(raw);
        match self.stack.last() {
            None => {
                return Err(self.malformed(start, format!("end tag </{name}> without a start tag")))
            }
            Some(open) if &*open.name != name => {
                return Err(self.malformed(
                    start,
                    format!("end tag </{name}> does not match <{}>", open.name),
                ))
            }
            Some(_) => {}
        }
        let Some(mut element) = self.stack.pop() else {
            return Err(self.malformed(start, "end tag without a start tag".into()));
        };
        if raw.len() != element.name.len() + 3 {
            element.raw_end = Some(Box::from(raw));
        }
        self.scopes.retain(|(d, _, _)| *d < depth);
        if self.unit_depth == Some(self.stack.len()) {
            self.unit_depth = None;
        }
        let element_start = self.starts.pop().unwrap_or(start);
        self.finish(element, element_start..end)
    }

    fn attach(&mut self, element: Element) {
        match self.stack.last_mut() {
            Some(parent) => parent.children.push(Node::Element(Box::new(element))),
            None => self.root = Some(element),
        }
    }
}
