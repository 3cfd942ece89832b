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

/// What the streaming parser reports, in document order. Concatenating the raw text of
/// everything reported (`raw`, the tags of `start` and `end`, the text of each unit) gives the
/// document back.
pub(crate) trait Stream {
    /// Text, comments, processing instructions and declarations outside units and outside the
    /// tags reported by [`Stream::start`] and [`Stream::end`], exactly as written.
    fn raw(&mut self, text: &str) -> Result<(), XliffError> {
        let _ = text;
        Ok(())
    }

    /// The start tag of an element that is not a unit, as written (`raw`), parsed into
    /// `element` (attributes only); `ancestors` are the elements open around it, root first,
    /// with the children they have so far (units left out).
    fn start(
        &mut self,
        element: &Element,
        ancestors: &[Element],
        raw: &str,
    ) -> Result<(), XliffError> {
        let _ = (element, ancestors, raw);
        Ok(())
    }

    /// The end of an element that is not a unit, now complete with its children (units left
    /// out); `raw` is its end tag as written, empty for an empty-element tag.
    fn end(
        &mut self,
        element: &Element,
        ancestors: &[Element],
        raw: &str,
    ) -> Result<(), XliffError> {
        let _ = (element, ancestors, raw);
        Ok(())
    }

    /// A unit, whose start tag has just been read: its events, and the elements open around it.
    fn unit(
        &mut self,
        events: &mut UnitEvents<'_, '_>,
        ancestors: &[Element],
    ) -> Result<(), XliffError>;

    /// What to keep in the tree in place of the unit just reported, if anything (the validator
    /// keeps the unit's name and id, for the order and uniqueness rules of its parents).
    fn take_stub(&mut self) -> Option<Element> {
        None
    }
}

/// The text the parser reads: a window of the document whose first byte is at `start` in the
/// whole text, at `position`.
#[derive(Clone, Copy)]
pub(crate) struct Source<'t> {
    pub(crate) text: &'t str,
    pub(crate) start: usize,
    pub(crate) position: Position,
}

impl<'t> Source<'t> {
    /// The text between two offsets in the whole text.
    fn get(&self, start: usize, end: usize) -> &'t str {
        self.text
            .get(start.saturating_sub(self.start)..end.saturating_sub(self.start))
            .unwrap_or("")
    }

    /// An offset in the whole text, relative to the window.
    fn relative(&self, at: usize) -> usize {
        at.saturating_sub(self.start)
    }
}

struct Builder<'s> {
    /// Elements open around the parsed text (when parsing one unit of a document).
    depth_base: usize,
    /// Whether text, comments and the like are kept (not when only the skeleton of a document
    /// streamed by events is wanted: its units' text is copied, not written from the tree).
    keep_leaves: bool,
    /// Streaming: whether the tree is a skeleton (raw tags are reported, not kept, and white
    /// space between the children of files, groups and bodies is not kept).
    streaming: bool,
    starts: Vec<usize>,
    stream: Option<&'s mut dyn Stream>,
    /// Text reported to the stream up to here.
    raw_from: usize,
    /// A position known: offset in the whole text, and where it is.
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
    /// The whole text has been read.
    finished: bool,
}

/// The namespace given to elements and attributes whose prefix is not declared.
pub const UNDECLARED_PREFIX: &str = "urn:werkbank:undeclared-prefix:";

/// Parses `text` into a tree. A DOCTYPE declaration is kept but never resolved, and refused
/// when it declares entities (no entity is ever expanded); `limits` bound depth and sizes.
pub fn parse(text: &str, limits: Limits) -> Result<Parsed, XliffError> {
    check_characters(text)?;
    let mut builder = Builder::new(limits, None);
    let source = Source {
        text,
        start: 0,
        position: Position { line: 1, column: 1 },
    };
    builder.finished = true;
    run(&mut builder, &source, 0, text.len())?;
    builder.into_parsed(&source)
}

/// Parses a document from `feed` a window at a time, reporting its skeleton and handing each
/// XLIFF unit (`unit` or `trans-unit` in the root element's namespace) to `stream` as its
/// events, without building a tree of it. Returns the skeleton: the tree without the units.
/// Memory holds one window of the text and the skeleton.
pub(crate) fn parse_stream<R: std::io::Read>(
    feed: &mut super::feed::Feed<R>,
    limits: Limits,
    stream: &mut dyn Stream,
) -> Result<Parsed, XliffError> {
    let mut builder = Builder::new(limits, Some(stream));
    builder.keep_leaves = true;
    builder.streaming = true;
    let mut at = 0;
    loop {
        let (start, position) = feed.start();
        let source = Source {
            text: feed.text(),
            start,
            position,
        };
        builder.finished = feed.is_finished();
        let end = start + feed.safe();
        at = run(&mut builder, &source, at, end)?;
        builder.report_raw(&source, end)?;
        if builder.finished {
            return builder.into_parsed(&source);
        }
        let keep_from = builder.keep_from(at);
        let position = builder.position(&source, keep_from);
        feed.advance(keep_from, Some(position))?;
    }
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
) -> Result<Parsed, XliffError> {
    let mut builder = Builder::new(limits, None);
    builder.depth_base = depth;
    builder.cursor = (range.start, position);
    builder.finished = true;
    for (prefix, uri) in scopes {
        builder.scopes.push((0, prefix.clone(), uri.clone()));
    }
    let source = Source {
        text,
        start: 0,
        position: Position { line: 1, column: 1 },
    };
    run(&mut builder, &source, range.start, range.end)?;
    builder.into_parsed(&source)
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

/// The reader's position inside one unit: what [`UnitEvents`] reads events with.
pub(crate) struct EventCursor<'a, 't> {
    reader: &'a mut Reader<&'t [u8]>,
    /// The window of the document the unit lies in; offsets are relative to it.
    pub(crate) text: &'t str,
    /// Where the window starts.
    pub(crate) origin: Position,
    /// Offset of the reader's input in `text`.
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
                position: self.position(self.base + offset(self.reader.error_position())),
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
                        position: self.position(start),
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
                    position: self.position(text.len()),
                    message: format!("element <{unit_name}> is not closed"),
                })
            }
            _ => {}
        }
        Ok(Some((event, start, end)))
    }

    /// Where offset `at` of the window is.
    pub(crate) fn position(&self, at: usize) -> Position {
        advance(self.text, 0, self.origin, at)
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
            header: self.header.take_header(),
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

/// Reads the events of `source` between the offsets `from` and `to` (in the whole text), which
/// end at a place where a piece of markup ends and no unit is open; returns where it stopped.
fn run(
    builder: &mut Builder<'_>,
    source: &Source<'_>,
    from: usize,
    to: usize,
) -> Result<usize, XliffError> {
    let text = source.text;
    let end_in_window = source.relative(to);
    let mut base = from;
    let mut reader = new_reader(source.get(from, to));
    loop {
        let start = base + offset(reader.buffer_position());
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(error) => {
                return Err(builder.malformed(
                    source,
                    base + offset(reader.error_position()),
                    error.to_string(),
                ))
            }
        };
        let end = base + offset(reader.buffer_position());
        if !matches!(event, Event::Text(_) | Event::GeneralRef(_)) {
            builder.flush_text(source, start)?;
        }
        let event_kind = match &event {
            Event::Empty(_) => EventKind::Empty,
            _ => EventKind::Other,
        };
        match event {
            Event::Start(tag) | Event::Empty(tag) => {
                let empty = matches!(event_kind, EventKind::Empty);
                let element = builder.start_element(source, &tag, start, end, empty)?;
                let is_unit = builder.stream.is_some() && builder.is_unit(&element);
                if is_unit {
                    builder.report_raw(source, start)?;
                    let depth = builder.stack.len() + 1;
                    let scopes = builder.scopes_snapshot();
                    let mut events = UnitEvents {
                        cursor: EventCursor {
                            reader: &mut reader,
                            text,
                            origin: source.position,
                            base: source.relative(base),
                            depth: 0,
                            end: empty.then_some(source.relative(end)),
                            open: Vec::new(),
                            read_past: false,
                        },
                        content_start: source.relative(end),
                        header: element,
                        start: source.relative(start),
                        scopes,
                        enclosing: depth - 1 + builder.depth_base,
                        limits: builder.limits,
                    };
                    if let Some(stream) = builder.stream.as_deref_mut() {
                        stream.unit(&mut events, &builder.stack)?;
                    }
                    let unit_end = events.finish()?;
                    let read_past = events.cursor.read_past;
                    let stub = builder.stream.as_deref_mut().and_then(|s| s.take_stub());
                    if let (Some(stub), Some(parent)) = (stub, builder.stack.last_mut()) {
                        parent.children.push(Node::Element(Box::new(stub)));
                    }
                    builder.drop_scopes(depth);
                    builder.raw_from = source.start + unit_end;
                    if read_past {
                        // Go on after the unit with a new reader: the old one never saw it.
                        reader = new_reader(text.get(unit_end..end_in_window).unwrap_or(""));
                        base = source.start + unit_end;
                    }
                } else {
                    if builder.stream.is_some() {
                        builder.report_raw(source, start)?;
                        let raw = source.get(start, end);
                        if let Some(stream) = builder.stream.as_deref_mut() {
                            stream.start(&element, &builder.stack, raw)?;
                        }
                        builder.raw_from = end;
                    }
                    // A unit (or the unit a fragment is) starts its own element count.
                    let fragment_root = builder.depth_base > 0 && builder.stack.is_empty();
                    if !empty
                        && builder.unit_depth.is_none()
                        && (fragment_root || builder.is_unit(&element))
                    {
                        builder.unit_depth = Some(builder.stack.len());
                        builder.unit_elements = 0;
                    }
                    builder.place(source, element, start, end, empty)?
                }
            }
            Event::End(_) => builder.close(source, start, end)?,
            Event::Text(_) | Event::GeneralRef(_) => {
                if builder.text_start.is_none() {
                    builder.text_start = Some(start);
                }
            }
            Event::CData(_) => {
                let raw = source.get(start, end);
                let inner = raw
                    .strip_prefix("<![CDATA[")
                    .and_then(|s| s.strip_suffix("]]>"))
                    .unwrap_or(raw);
                builder.leaf(source, Node::CData(inner.to_string()), start)?;
            }
            Event::Comment(_) => {
                let raw = source.get(start, end);
                let inner = raw
                    .strip_prefix("<!--")
                    .and_then(|s| s.strip_suffix("-->"))
                    .unwrap_or(raw);
                builder.leaf(source, Node::Comment(inner.to_string()), start)?;
            }
            Event::PI(_) => {
                let raw = source.get(start, end);
                let inner = raw
                    .strip_prefix("<?")
                    .and_then(|s| s.strip_suffix("?>"))
                    .unwrap_or(raw);
                builder.leaf(
                    source,
                    Node::ProcessingInstruction(inner.to_string()),
                    start,
                )?;
            }
            Event::Decl(_) => {
                let raw = source.get(start, end);
                let inner = raw
                    .strip_prefix("<?")
                    .and_then(|s| s.strip_suffix("?>"))
                    .unwrap_or(raw);
                if start != 0 {
                    return Err(builder.malformed(
                        source,
                        start,
                        "XML declaration not at the start".into(),
                    ));
                }
                builder.leaf(source, Node::Declaration(inner.to_string()), start)?;
            }
            Event::DocType(_) => {
                let raw = source.get(start, end);
                let body = doctype_body(raw).map_err(|message| XliffError::Refused {
                    position: builder.position_of(source, start),
                    message,
                })?;
                if builder.root.is_some() || !builder.stack.is_empty() {
                    return Err(builder.malformed(
                        source,
                        start,
                        "DOCTYPE after the root element".into(),
                    ));
                }
                builder.leaf(source, Node::DocType(body.to_string()), start)?;
            }
            Event::Eof => break,
        }
    }
    let end = base + offset(reader.buffer_position());
    if builder.finished {
        builder.flush_text(source, end)?;
        if let Some(open) = builder.stack.last() {
            return Err(builder.malformed(
                source,
                end,
                format!("element <{}> is not closed", open.name),
            ));
        }
    }
    Ok(end)
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

pub(crate) fn advance(text: &str, from: usize, mut position: Position, to: usize) -> Position {
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
/// line feed and carriage return, U+FFFE, U+FFFF), with its byte offset. Blocks of bytes are
/// checked with a test the compiler can vectorise; only a block that may hold one is looked at
/// byte by byte.
pub(crate) fn forbidden_character(text: &str) -> Option<(usize, char)> {
    const BLOCK: usize = 64;
    let bytes = text.as_bytes();
    let suspicious = |b: u8| (b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r') | (b == 0xEF);
    let mut start = 0;
    for block in bytes.chunks(BLOCK) {
        if block.iter().fold(false, |any, &b| any | suspicious(b)) {
            let found = block.iter().enumerate().find_map(|(i, &b)| {
                let at = start + i;
                let bad = (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r'))
                    || (b == 0xEF
                        && bytes.get(at + 1) == Some(&0xBF)
                        && matches!(bytes.get(at + 2), Some(0xBE | 0xBF)));
                bad.then_some(at)
            });
            if let Some(at) = found {
                return text
                    .get(at..)
                    .and_then(|rest| rest.chars().next())
                    .map(|c| (at, c));
            }
        }
        start += block.len();
    }
    None
}

pub(crate) fn forbidden_message(c: char) -> String {
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

impl<'s> Builder<'s> {
    fn new(limits: Limits, stream: Option<&'s mut dyn Stream>) -> Self {
        let mut builder = Builder {
            depth_base: 0,
            keep_leaves: true,
            streaming: false,
            starts: Vec::new(),
            stream,
            raw_from: 0,
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
            finished: false,
        };
        builder
            .interned
            .insert("xml".to_string(), Arc::from(XML_NAMESPACE));
        builder
    }

    /// Ends the namespace declarations made at `depth` or deeper.
    fn drop_scopes(&mut self, depth: usize) {
        let before = self.scopes.len();
        self.scopes.retain(|(d, _, _)| *d < depth);
        if self.scopes.len() != before {
            self.snapshot = None;
        }
    }

    /// The namespace declarations in force, without depths; built again only after they change.
    fn scopes_snapshot(&mut self) -> Scopes {
        if let Some(snapshot) = &self.snapshot {
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

    fn into_parsed(self, source: &Source<'_>) -> Result<Parsed, XliffError> {
        let Some(root) = self.root else {
            return Err(self.malformed(
                source,
                source.start + source.text.len(),
                "no root element".into(),
            ));
        };
        Ok(Parsed {
            prolog: self.prolog,
            root,
            epilog: self.epilog,
            problems: self.problems,
        })
    }

    /// Reports the text not reported yet, up to `to`, to the stream.
    fn report_raw(&mut self, source: &Source<'_>, to: usize) -> Result<(), XliffError> {
        if to > self.raw_from {
            let raw = source.get(self.raw_from, to);
            if let Some(stream) = self.stream.as_deref_mut() {
                if !raw.is_empty() {
                    stream.raw(raw)?;
                }
            }
            self.raw_from = to;
        }
        Ok(())
    }

    /// The earliest offset still needed once the parser has read up to `at`.
    fn keep_from(&self, at: usize) -> usize {
        at.min(self.raw_from)
            .min(self.text_start.unwrap_or(usize::MAX))
    }

    /// Where offset `at` (in the whole text) is; moves the known position there.
    fn position(&mut self, source: &Source<'_>, at: usize) -> Position {
        let position = self.position_of(source, at);
        if at >= self.cursor.0 {
            self.cursor = (at, position);
        }
        position
    }

    /// Where offset `at` is, counted from the last known position before it.
    fn position_of(&self, source: &Source<'_>, at: usize) -> Position {
        let (from, position) = self.cursor;
        if from <= at && from >= source.start {
            advance(
                source.text,
                source.relative(from),
                position,
                source.relative(at),
            )
        } else {
            advance(source.text, 0, source.position, source.relative(at))
        }
    }

    fn malformed(&self, source: &Source<'_>, at: usize, message: String) -> XliffError {
        XliffError::Malformed {
            position: self.position_of(source, at),
            message,
        }
    }

    fn check(
        &self,
        source: &Source<'_>,
        at: usize,
        limit: Limit,
        value: usize,
    ) -> Result<(), XliffError> {
        self.limits
            .check(limit, value)
            .map_err(|exceeded: Exceeded| XliffError::Limit {
                position: self.position_of(source, at),
                exceeded,
            })
    }

    /// Whether text at this place only lays out a skeleton being streamed: white space between
    /// the children of the root, a file, a body or a group (where units were left out).
    fn is_layout(&self, value: &str) -> bool {
        self.streaming
            && value.chars().all(|c| matches!(c, ' ' | '\t' | '\n'))
            && self.stack.last().is_some_and(|parent| {
                self.stack
                    .first()
                    .is_some_and(|root| root.namespace == parent.namespace)
                    && matches!(parent.local_name(), "xliff" | "file" | "body" | "group")
            })
    }

    fn flush_text(&mut self, source: &Source<'_>, end: usize) -> Result<(), XliffError> {
        let Some(start) = self.text_start.take() else {
            return Ok(());
        };
        self.check(source, start, Limit::TextBytes, end - start)?;
        let raw = source.get(start, end);
        if let Some(at) = find_cdata_end(raw) {
            return Err(self.malformed(
                source,
                start + at,
                "\"]]>\" is not allowed in character data".into(),
            ));
        }
        if !self.keep_leaves && !self.stack.is_empty() {
            // Only checked: the text is not kept.
            if raw.contains('&') {
                decode_text(raw).map_err(|message| self.malformed(source, start, message))?;
            }
            return Ok(());
        }
        // White space between the units of a streamed skeleton: nothing to decode or keep.
        if self.streaming
            && raw.bytes().all(|b| matches!(b, b' ' | b'\t' | b'\n'))
            && self.is_layout(raw)
        {
            return Ok(());
        }
        let value = decode_text(raw).map_err(|message| self.malformed(source, start, message))?;
        if self.stack.is_empty() && !value.chars().all(|c| matches!(c, ' ' | '\t' | '\n')) {
            return Err(self.malformed(source, start, "text outside the root element".into()));
        }
        if self.is_layout(&value) {
            return Ok(());
        }
        let raw = (value != raw).then(|| Box::from(raw));
        self.leaf(source, Node::Text(Text { value, raw }), start)
    }

    fn leaf(&mut self, source: &Source<'_>, node: Node, at: usize) -> Result<(), XliffError> {
        if !self.keep_leaves && !self.stack.is_empty() {
            return Ok(());
        }
        match self.stack.last_mut() {
            Some(parent) => parent.children.push(node),
            None if self.root.is_none() => self.prolog.push(node),
            None => {
                if matches!(node, Node::CData(_)) {
                    return Err(self.malformed(
                        source,
                        at,
                        "CDATA outside the root element".into(),
                    ));
                }
                self.epilog.push(node)
            }
        }
        Ok(())
    }

    /// A prefix used without a declaration (not namespace-well-formed, but written by real
    /// tools): read in a namespace of its own, `urn:werkbank:undeclared-prefix:PREFIX`, and
    /// noted, so that the validator reports it while every other job can go on.
    fn undeclared(
        &mut self,
        source: &Source<'_>,
        at: usize,
        prefix: &str,
        message: String,
    ) -> Arc<str> {
        let position = self.position(source, at);
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
        source: &Source<'_>,
        element: Element,
        start: usize,
        end: usize,
        empty: bool,
    ) -> Result<(), XliffError> {
        if empty {
            let depth = self.stack.len() + 1;
            self.drop_scopes(depth);
            self.finish(source, element, end, "")
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
        source: &Source<'_>,
        tag: &BytesStart<'_>,
        start: usize,
        end: usize,
        empty: bool,
    ) -> Result<Element, XliffError> {
        if self.root.is_some() && self.stack.is_empty() {
            return Err(self.malformed(source, start, "a second root element".into()));
        }
        let depth = self.stack.len() + 1;
        self.check(source, start, Limit::Depth, depth + self.depth_base)?;
        self.elements += 1;
        self.check(source, start, Limit::Elements, self.elements)?;
        if self.unit_depth.is_some() {
            self.unit_elements += 1;
            self.check(source, start, Limit::UnitElements, self.unit_elements)?;
        }
        let name = self.name(tag.name().as_ref());
        let mut attributes = Vec::new();
        for attribute in tag.attributes().with_checks(true) {
            let attribute =
                attribute.map_err(|error| self.malformed(source, start, error.to_string()))?;
            self.check(source, start, Limit::Attributes, attributes.len() + 1)?;
            self.check(source, start, Limit::AttributeBytes, attribute.value.len())?;
            let key = self.name(attribute.key.as_ref());
            let raw: &str = &attribute.value;
            let value =
                decode_attribute(raw).map_err(|message| self.malformed(source, start, message))?;
            attributes.push(Attribute {
                name: key,
                value,
                namespace: None,
            });
        }
        for attribute in &attributes {
            if &*attribute.name == "xmlns" {
                let uri = self.intern(&attribute.value);
                self.snapshot = None;
                self.scopes.push((depth, String::new(), uri));
            } else if let Some(prefix) = attribute.name.strip_prefix("xmlns:") {
                if attribute.value.is_empty() {
                    return Err(self.malformed(
                        source,
                        start,
                        format!("namespace prefix {prefix} bound to an empty name"),
                    ));
                }
                let uri = self.intern(&attribute.value);
                self.snapshot = None;
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
                        self.undeclared(source, start, prefix, message)
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
                    Some(self.undeclared(source, start, prefix, message))
                }
            },
            None => self.resolve(""),
        };
        let raw = source.get(start, end);
        // A streamed skeleton is never written from the tree (its tags are reported as they were
        // written), so its tags need not be compared with their regenerated form.
        let raw_start = if self.streaming || self.is_canonical(raw, &name, &attributes, empty) {
            None
        } else {
            Some(Box::from(raw))
        };
        let element = Element {
            name,
            namespace,
            attributes,
            children: Vec::new(),
            position: self.position(source, start),
            raw_start,
            raw_end: None,
            empty_tag: empty,
        };
        Ok(element)
    }

    /// Attaches a complete element to its parent (reporting its end to the stream first).
    fn finish(
        &mut self,
        source: &Source<'_>,
        element: Element,
        end: usize,
        raw_end: &str,
    ) -> Result<(), XliffError> {
        if let Some(stream) = self.stream.as_deref_mut() {
            stream.end(&element, &self.stack, raw_end)?;
            self.raw_from = self.raw_from.max(end);
        }
        let _ = source;
        self.attach(element);
        Ok(())
    }

    fn close(&mut self, source: &Source<'_>, start: usize, end: usize) -> Result<(), XliffError> {
        let depth = self.stack.len();
        let raw = source.get(start, end);
        let name = end_tag_name(raw);
        match self.stack.last() {
            None => {
                return Err(self.malformed(
                    source,
                    start,
                    format!("end tag </{name}> without a start tag"),
                ))
            }
            Some(open) if &*open.name != name => {
                return Err(self.malformed(
                    source,
                    start,
                    format!("end tag </{name}> does not match <{}>", open.name),
                ))
            }
            Some(_) => {}
        }
        let Some(mut element) = self.stack.pop() else {
            return Err(self.malformed(source, start, "end tag without a start tag".into()));
        };
        if raw.len() != element.name.len() + 3 {
            element.raw_end = Some(Box::from(raw));
        }
        self.drop_scopes(depth);
        if self.unit_depth == Some(self.stack.len()) {
            self.unit_depth = None;
        }
        self.starts.pop();
        if self.stream.is_some() {
            self.report_raw(source, start)?;
        }
        self.finish(source, element, end, raw)
    }

    fn attach(&mut self, element: Element) {
        match self.stack.last_mut() {
            Some(parent) => parent.children.push(Node::Element(Box::new(element))),
            None => self.root = Some(element),
        }
    }
}
