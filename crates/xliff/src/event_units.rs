//! Reading an XLIFF 2 unit straight from the parser's events into the model, without building
//! a tree: the fast path of streaming rewrites.
//!
//! It reads the common shape of a unit: notes, `originalData` before the segments, segments and
//! ignorables whose `source` and `target` hold text, CDATA and the core inline elements (`cp`,
//! `ph`, `pc`, `sc`, `ec`, `mrk`, `sm`, `em`), and extension elements and attributes that the
//! model does not read. On anything else (a namespace declaration inside the unit, a prefixed
//! core element, an element the inline reader would keep as data, `mtc:matches` or
//! `mda:metadata`, `originalData` after a segment) and on any irregularity that the tree parser
//! reports as an error (a bad reference, a duplicate attribute, an exceeded limit, ...), it gives
//! up and the caller parses the unit into a tree instead. Where it does not give up it must give
//! the very [`Unit`] that [`read_unit`](crate::units::read_unit) gives for the tree; the tests
//! in `tests/streaming.rs` and the fuzz target `xliff_stream` compare the two.

use std::borrow::Cow;

use quick_xml::events::Event;
use werkbank_model::{
    CanReorder, CodeKind, Content, InlineCode, Limit, Note, Segment, SegmentState,
};

use crate::units::{state_from_12, state_from_2, Part, Unit};
use crate::xml::{
    decode_attribute, decode_text, find_cdata_end, EventCursor, UnitEvents, XML_NAMESPACE,
};
use crate::XliffError;

use crate::namespaces::{NS_MDA, NS_MTC};

/// The fast path gives up; the unit is read through the tree.
struct GiveUp;

/// What an element's name resolves to.
enum Name<'t> {
    /// An unprefixed element, in the core namespace.
    Core(&'t str),
    /// A prefixed element in another namespace; true for translation candidates and metadata
    /// (`mtc:` and `mda:`), which the fast path leaves to the tree.
    Other(bool),
}

/// One step of the unit's content, with runs of text merged and decoded.
enum Item<'t> {
    Start { name: Name<'t>, empty: bool },
    End,
    Text(Cow<'t, str>),
    CData(&'t str),
    Ignored,
    UnitEnd,
}

/// One piece of a unit's content, from either source of tokens.
enum Token {
    Start {
        at: usize,
        end: usize,
        name_length: usize,
        empty: bool,
    },
    End,
    /// Character data or a reference; consecutive ones form one run of text.
    Text {
        start: usize,
        end: usize,
    },
    CData {
        start: usize,
        end: usize,
    },
    Ignored,
    /// Something the fast path leaves to the tree.
    Unsupported,
}

/// Where tokens come from: the document's XML reader, or [`Scanner`].
trait Tokens {
    /// The next token inside the unit, or `None` after the unit's end tag.
    fn token(&mut self) -> Result<Option<Token>, XliffError>;
}

/// Tokens from the document's XML reader.
struct ReaderTokens<'c, 'a, 't> {
    cursor: &'c mut EventCursor<'a, 't>,
    unit_name: &'c str,
}

impl Tokens for ReaderTokens<'_, '_, '_> {
    fn token(&mut self) -> Result<Option<Token>, XliffError> {
        let Some((event, start, end)) = self.cursor.next_event(self.unit_name)? else {
            return Ok(None);
        };
        Ok(Some(match event {
            Event::Start(tag) => Token::Start {
                at: start,
                end,
                name_length: tag.name().into_inner().len(),
                empty: false,
            },
            Event::Empty(tag) => Token::Start {
                at: start,
                end,
                name_length: tag.name().into_inner().len(),
                empty: true,
            },
            Event::End(_) => Token::End,
            Event::Text(_) | Event::GeneralRef(_) => Token::Text { start, end },
            Event::CData(_) => Token::CData { start, end },
            Event::Comment(_) | Event::PI(_) => Token::Ignored,
            Event::Decl(_) | Event::DocType(_) | Event::Eof => Token::Unsupported,
        }))
    }
}

/// Tokens straight from the text, for units written the common way: tags, attributes in
/// quotes, text. A comment, CDATA, a processing instruction, an end tag that does not match,
/// or the end of the text is `Unsupported`, and the unit is then read with the XML reader.
struct Scanner<'t> {
    text: &'t str,
    position: usize,
    unit_name: &'t str,
    open: Vec<&'t str>,
    end: Option<usize>,
}

fn is_name_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'_' | b'-' | b'.' | b':')
}

impl Tokens for Scanner<'_> {
    fn token(&mut self) -> Result<Option<Token>, XliffError> {
        if self.end.is_some() {
            return Ok(None);
        }
        let bytes = self.text.as_bytes();
        let at = self.position;
        let Some(rest) = bytes.get(at..) else {
            return Ok(Some(Token::Unsupported));
        };
        if rest.first() != Some(&b'<') {
            let Some(lt) = memchr::memchr(b'<', rest) else {
                return Ok(Some(Token::Unsupported));
            };
            self.position = at + lt;
            return Ok(Some(Token::Text {
                start: at,
                end: at + lt,
            }));
        }
        match rest.get(1) {
            Some(b'/') => {
                let Some(gt) = memchr::memchr(b'>', rest) else {
                    return Ok(Some(Token::Unsupported));
                };
                let name = self.text.get(at + 2..at + gt).unwrap_or("");
                let name = if name.ends_with([' ', '\t', '\n', '\r']) {
                    name.trim_end_matches([' ', '\t', '\n', '\r'])
                } else {
                    name
                };
                self.position = at + gt + 1;
                match self.open.pop() {
                    Some(open) if open == name => Ok(Some(Token::End)),
                    None if name == self.unit_name => {
                        self.end = Some(self.position);
                        Ok(None)
                    }
                    _ => Ok(Some(Token::Unsupported)),
                }
            }
            Some(first) if is_name_byte(*first) && !first.is_ascii_digit() => {
                let name_length = rest
                    .get(1..)
                    .unwrap_or(&[])
                    .iter()
                    .take_while(|b| is_name_byte(**b))
                    .count();
                // The tag ends at the first '>'. A '>' inside an attribute value (allowed,
                // but rare) cuts the tag short; the attribute reader then finds an unclosed
                // quote and the unit goes to the XML reader.
                let Some(close) = memchr::memchr(b'>', rest) else {
                    return Ok(Some(Token::Unsupported));
                };
                let empty = close > 0 && rest.get(close - 1) == Some(&b'/');
                let name = self.text.get(at + 1..at + 1 + name_length).unwrap_or("");
                if !empty {
                    self.open.push(name);
                }
                self.position = at + close + 1;
                Ok(Some(Token::Start {
                    at,
                    end: at + close + 1,
                    name_length,
                    empty,
                }))
            }
            _ => Ok(Some(Token::Unsupported)),
        }
    }
}

/// What a unit is read in: its document's text and what is in force around it.
struct Context<'c, 't> {
    text: &'t str,
    header: &'c crate::xml::Element,
    scopes: &'c [(String, std::sync::Arc<str>)],
    enclosing: usize,
    limits: crate::xml::Limits,
}

struct EventReader<'r, 'c, 't, T: Tokens> {
    tokens: &'r mut T,
    context: Context<'c, 't>,
    pending: Option<Token>,
    depth: usize,
    /// The attributes of the last start tag read: (name, value as written).
    attributes: Vec<(&'t str, &'t str)>,
    /// Elements started inside the unit.
    elements: usize,
}

type Step<T> = Result<Result<T, GiveUp>, XliffError>;

impl<'t, T: Tokens> EventReader<'_, '_, 't, T> {
    fn next_token(&mut self) -> Result<Option<Token>, XliffError> {
        match self.pending.take() {
            Some(token) => Ok(Some(token)),
            None => self.tokens.token(),
        }
    }

    fn resolve(&self, prefix: &str) -> Option<&str> {
        if prefix == "xml" {
            return Some(XML_NAMESPACE);
        }
        self.context
            .scopes
            .iter()
            .rev()
            .find(|(p, _)| p == prefix)
            .map(|(_, uri)| &**uri)
            .filter(|uri| !uri.is_empty())
    }

    /// Reads the name and attributes of the start tag at `at..end`, checking the attributes
    /// as the tree parser does (syntax, duplicates, limits, declared prefixes, references);
    /// gives up on namespace declarations.
    fn read_tag(
        &mut self,
        at: usize,
        end: usize,
        name_length: usize,
        empty: bool,
    ) -> Result<Name<'t>, GiveUp> {
        let text: &'t str = self.context.text;
        let raw = text.get(at..end).ok_or(GiveUp)?;
        let inner = raw.strip_prefix('<').ok_or(GiveUp)?;
        let inner = if empty {
            inner.strip_suffix("/>")
        } else {
            inner.strip_suffix('>')
        }
        .ok_or(GiveUp)?;
        let name = inner.get(..name_length).ok_or(GiveUp)?;
        let limits = self.context.limits;
        self.attributes.clear();
        let mut rest = inner.get(name_length..).ok_or(GiveUp)?;
        loop {
            // Attributes written the common way: white space, name="value" or name='value'.
            // Anything else is left to the tree parser.
            let spaces = rest
                .bytes()
                .take_while(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
                .count();
            let trimmed = rest.get(spaces..).ok_or(GiveUp)?;
            if trimmed.is_empty() {
                break;
            }
            if spaces == 0 {
                return Err(GiveUp);
            }
            // The name runs up to '='; anything else on the way is left to the tree parser.
            let equals = trimmed
                .bytes()
                .position(|b| !is_name_byte(b))
                .filter(|&at| at > 0 && trimmed.as_bytes().get(at) == Some(&b'='))
                .ok_or(GiveUp)?;
            let key = trimmed.get(..equals).ok_or(GiveUp)?;
            let quote = *trimmed.as_bytes().get(equals + 1).ok_or(GiveUp)?;
            if quote != b'"' && quote != b'\'' {
                return Err(GiveUp);
            }
            let body = trimmed.get(equals + 2..).ok_or(GiveUp)?;
            let close = memchr::memchr(quote, body.as_bytes()).ok_or(GiveUp)?;
            let value = body.get(..close).ok_or(GiveUp)?;
            rest = body.get(close + 1..).ok_or(GiveUp)?;
            if self.attributes.len() >= limits.max(Limit::Attributes)
                || value.len() > limits.max(Limit::AttributeBytes)
                || key == "xmlns"
                || key.starts_with("xmlns:")
                || self.attributes.iter().any(|(k, _)| *k == key)
            {
                return Err(GiveUp);
            }
            if let Some(colon) = key.bytes().position(|b| b == b':') {
                self.resolve(key.get(..colon).ok_or(GiveUp)?)
                    .ok_or(GiveUp)?;
            }
            // '<' is not allowed in a value; a reference must resolve.
            if memchr::memchr2(b'<', b'&', value.as_bytes()).is_some()
                && (value.contains('<') || decode_attribute(value).is_err())
            {
                return Err(GiveUp);
            }
            self.attributes.push((key, value));
        }
        match name.split_once(':') {
            None => Ok(Name::Core(name)),
            Some((prefix, _)) => {
                let namespace = self.resolve(prefix).ok_or(GiveUp)?;
                if namespace == self.context.header.ns() {
                    return Err(GiveUp);
                }
                Ok(Name::Other(namespace == NS_MTC || namespace == NS_MDA))
            }
        }
    }

    /// The value of the unprefixed attribute `name` of the last start tag.
    fn attr(&self, name: &str) -> Option<Cow<'t, str>> {
        self.attributes
            .iter()
            .find(|(key, _)| *key == name)
            .map(|(_, raw)| decode_value(raw))
    }

    /// Every attribute of the last start tag, as (name as written, value).
    fn owned_attributes(&self) -> Vec<(String, String)> {
        self.attributes
            .iter()
            .map(|(key, raw)| (key.to_string(), decode_value(raw).into_owned()))
            .collect()
    }

    fn start(&mut self, at: usize, end: usize, name_length: usize, empty: bool) -> Step<Item<'t>> {
        if !empty {
            self.depth += 1;
        }
        // Past the limit, the tree parser reads the unit and reports it.
        self.elements += 1;
        if self.elements > self.context.limits.max(Limit::UnitElements) {
            return Ok(Err(GiveUp));
        }
        // The unit itself and what encloses it count too.
        if self.context.enclosing + 1 + self.depth + usize::from(empty)
            > self.context.limits.max(Limit::Depth)
        {
            return Ok(Err(GiveUp));
        }
        Ok(self
            .read_tag(at, end, name_length, empty)
            .map(|name| Item::Start { name, empty }))
    }

    fn item(&mut self) -> Step<Item<'t>> {
        let Some(token) = self.next_token()? else {
            return Ok(Ok(Item::UnitEnd));
        };
        let text = self.context.text;
        match token {
            Token::Start {
                at,
                end,
                name_length,
                empty,
            } => self.start(at, end, name_length, empty),
            Token::End => {
                self.depth = self.depth.saturating_sub(1);
                Ok(Ok(Item::End))
            }
            Token::Text { start, end } => {
                // A run of text and references ends at the next other token.
                let mut run_end = end;
                loop {
                    match self.tokens.token()? {
                        Some(Token::Text { end, .. }) => run_end = end,
                        other => {
                            self.pending = other;
                            break;
                        }
                    }
                }
                let raw = text.get(start..run_end).unwrap_or("");
                if raw.len() > self.context.limits.max(Limit::TextBytes) {
                    return Ok(Err(GiveUp));
                }
                if memchr::memchr3(b'&', b'\r', b'>', raw.as_bytes()).is_none() {
                    return Ok(Ok(Item::Text(Cow::Borrowed(raw))));
                }
                if find_cdata_end(raw).is_some() {
                    return Ok(Err(GiveUp));
                }
                Ok(decode_text(raw)
                    .map(|value| Item::Text(Cow::Owned(value)))
                    .map_err(|_| GiveUp))
            }
            Token::CData { start, end } => {
                let raw = text.get(start..end).unwrap_or("");
                let inner = raw
                    .strip_prefix("<![CDATA[")
                    .and_then(|s| s.strip_suffix("]]>"))
                    .unwrap_or(raw);
                Ok(Ok(Item::CData(inner)))
            }
            Token::Ignored => Ok(Ok(Item::Ignored)),
            Token::Unsupported => Ok(Err(GiveUp)),
        }
    }

    /// Reads up to the end of the element just started; `text` receives its direct text (and,
    /// with `nested`, that of every descendant).
    fn skip(&mut self, mut text: Option<&mut String>, nested: bool) -> Step<()> {
        let mut depth = 0usize;
        loop {
            match self.item()? {
                Err(give_up) => return Ok(Err(give_up)),
                Ok(Item::End) if depth == 0 => return Ok(Ok(())),
                Ok(Item::End) => depth -= 1,
                Ok(Item::Start { empty, .. }) => {
                    if !empty {
                        depth += 1;
                    }
                }
                Ok(Item::Text(value)) => {
                    if let Some(out) = text.as_deref_mut().filter(|_| nested || depth == 0) {
                        out.push_str(&value);
                    }
                }
                Ok(Item::CData(value)) => {
                    if let Some(out) = text.as_deref_mut().filter(|_| nested || depth == 0) {
                        out.push_str(value);
                    }
                }
                Ok(Item::Ignored) => {}
                Ok(Item::UnitEnd) => return Ok(Err(GiveUp)),
            }
        }
    }
}

/// An attribute value as the tree parser reads it (references resolved, white space
/// normalised); borrowed when there is nothing to change.
fn decode_value(raw: &str) -> Cow<'_, str> {
    if raw.contains(['&', '\t', '\n', '\r']) {
        Cow::Owned(decode_attribute(raw).unwrap_or_default())
    } else {
        Cow::Borrowed(raw)
    }
}

fn attribute<'v>(attributes: &'v [(String, String)], name: &str) -> Option<&'v str> {
    attributes
        .iter()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.as_str())
}

/// Reads the unit whose start tag `events` has just passed. `Ok(None)`: the fast path gave up
/// (the caller reads the unit through the tree); errors are those of the XML itself.
pub(crate) fn read_unit_events(
    events: &mut UnitEvents<'_, '_>,
) -> Result<Option<Unit>, XliffError> {
    let UnitEvents {
        cursor,
        header,
        scopes,
        enclosing,
        limits,
        ..
    } = events;
    let text = cursor.text;
    let mut tokens = ReaderTokens {
        cursor,
        unit_name: &header.name,
    };
    let context = Context {
        text,
        header,
        scopes,
        enclosing: *enclosing,
        limits: *limits,
    };
    read_with(&mut tokens, context)
}

/// Reads the unit whose start tag `events` has just passed straight from the text, without the
/// XML reader; on success the parser goes on after the unit. `Ok(None)`: the scanner gave up
/// and nothing was consumed (the caller then uses [`read_unit_events`]).
pub(crate) fn scan_unit(events: &mut UnitEvents<'_, '_>) -> Result<Option<Unit>, XliffError> {
    // An empty-element tag has no content to scan (what follows belongs to its parent).
    if events.is_finished() {
        return Ok(None);
    }
    let text = events.text();
    let mut scanner = Scanner {
        text,
        position: events.content_start,
        unit_name: text
            .get(events.start + 1..events.start + 1 + events.header.name.len())
            .unwrap_or(""),
        open: Vec::new(),
        end: None,
    };
    let context = Context {
        text,
        header: &events.header,
        scopes: &events.scopes,
        enclosing: events.enclosing,
        limits: events.limits,
    };
    let unit = read_with(&mut scanner, context)?;
    match (unit, scanner.end) {
        (Some(unit), Some(end)) => {
            events.read_past(end);
            Ok(Some(unit))
        }
        _ => Ok(None),
    }
}

fn read_with<T: Tokens>(
    tokens: &mut T,
    context: Context<'_, '_>,
) -> Result<Option<Unit>, XliffError> {
    let mut reader = EventReader {
        tokens,
        context,
        pending: None,
        depth: 0,
        attributes: Vec::new(),
        elements: 0,
    };
    // Unprefixed names must be in the core namespace.
    if reader.resolve("") != Some(reader.context.header.ns()) {
        return Ok(None);
    }
    let read = if reader.context.header.local_name() == "trans-unit" {
        read_unit_12(&mut reader)?
    } else {
        read_unit(&mut reader)?
    };
    match read {
        Ok(unit) => Ok(Some(unit)),
        Err(GiveUp) => Ok(None),
    }
}

macro_rules! step {
    ($e:expr) => {
        match $e? {
            Ok(value) => value,
            Err(give_up) => return Ok(Err(give_up)),
        }
    };
}

fn read_unit<T: Tokens>(reader: &mut EventReader<'_, '_, '_, T>) -> Step<Unit> {
    let header = reader.context.header;
    let mut unit = Unit {
        id: header.attr("id").unwrap_or("").to_string(),
        file: String::new(),
        position: header.position,
        translate: header.attr("translate") != Some("no"),
        unit_type: header.attr("type").map(str::to_string),
        parts: Vec::new(),
        notes: Vec::new(),
        candidates: Vec::new(),
        metadata: Vec::new(),
        unit_target: None,
    };
    let mut data = Data::new();
    let (mut notes_read, mut data_read) = (false, false);
    let mut index = 0;
    loop {
        let (name, empty) = match step!(reader.item()) {
            Item::UnitEnd => return Ok(Ok(unit)),
            Item::Start { name, empty } => (name, empty),
            Item::End => return Ok(Err(GiveUp)),
            Item::Text(_) | Item::CData(_) | Item::Ignored => continue,
        };
        let this = index;
        index += 1;
        match name {
            Name::Core(local @ ("segment" | "ignorable")) => {
                let part = step!(read_part(reader, local == "ignorable", empty, this, &data));
                unit.parts.push(part);
            }
            Name::Core("notes") if !notes_read => {
                notes_read = true;
                if !empty {
                    unit.notes = step!(read_notes(reader));
                }
            }
            Name::Core("originalData") if !data_read => {
                if !unit.parts.is_empty() {
                    return Ok(Err(GiveUp));
                }
                data_read = true;
                if !empty {
                    data = step!(read_original_data(reader));
                }
            }
            Name::Other(true) => return Ok(Err(GiveUp)),
            _ => {
                if !empty {
                    step!(reader.skip(None, false));
                }
            }
        }
    }
}

fn read_part<T: Tokens>(
    reader: &mut EventReader<'_, '_, '_, T>,
    ignorable: bool,
    empty: bool,
    index: usize,
    data: &Data<'_>,
) -> Step<Part> {
    // The segment's own attributes, before its children are read.
    let id = reader
        .attr("id")
        .map_or_else(|| format!("#{index}"), Cow::into_owned);
    let state = reader
        .attr("state")
        .map_or(SegmentState::Initial, |s| state_from_2(&s));
    let sub_state = reader.attr("subState").map(Cow::into_owned);
    let mut source = None;
    let mut target = None;
    if !empty {
        loop {
            let (name, empty) = match step!(reader.item()) {
                Item::End => break,
                Item::Start { name, empty, .. } => (name, empty),
                Item::Text(_) | Item::CData(_) | Item::Ignored => continue,
                Item::UnitEnd => return Ok(Err(GiveUp)),
            };
            let slot = match name {
                Name::Core("source") if source.is_none() => &mut source,
                Name::Core("target") if target.is_none() => &mut target,
                _ => {
                    if !empty {
                        step!(reader.skip(None, false));
                    }
                    continue;
                }
            };
            let mut content = Content::new();
            if !empty {
                // Room for a sentence saves growing the text in small steps.
                content = Content::with_capacity(96, 0);
                step!(read_content(reader, data, &mut content));
            }
            *slot = Some(content);
        }
    }
    let mut segment = Segment::new(id, source.unwrap_or_default());
    segment.target = target;
    segment.state = state;
    segment.sub_state = sub_state;
    Ok(Ok(Part {
        ignorable,
        segment,
        state_qualifier: None,
    }))
}

fn read_notes<T: Tokens>(reader: &mut EventReader<'_, '_, '_, T>) -> Step<Vec<Note>> {
    let mut notes = Vec::new();
    loop {
        let (name, empty) = match step!(reader.item()) {
            Item::End => return Ok(Ok(notes)),
            Item::Start { name, empty } => (name, empty),
            Item::Text(_) | Item::CData(_) | Item::Ignored => continue,
            Item::UnitEnd => return Ok(Err(GiveUp)),
        };
        if !matches!(name, Name::Core("note")) {
            if !empty {
                step!(reader.skip(None, false));
            }
            continue;
        }
        notes.push(step!(read_note(reader, empty)));
    }
}

fn code_point<T: Tokens>(reader: &EventReader<'_, '_, '_, T>) -> Option<char> {
    reader
        .attr("hex")
        .and_then(|hex| u32::from_str_radix(&hex, 16).ok())
        .and_then(char::from_u32)
}

/// A unit's `originalData` as (id, native data), in document order; the last of equal ids
/// counts, as in the tree reader's map. Units have a handful, so a list beats a hash map.
type Data<'t> = Vec<(Cow<'t, str>, Cow<'t, str>)>;

fn read_original_data<'t, T: Tokens>(reader: &mut EventReader<'_, '_, 't, T>) -> Step<Data<'t>> {
    let mut data = Data::new();
    loop {
        let (name, empty) = match step!(reader.item()) {
            Item::End => return Ok(Ok(data)),
            Item::Start { name, empty } => (name, empty),
            Item::Text(_) | Item::CData(_) | Item::Ignored => continue,
            Item::UnitEnd => return Ok(Err(GiveUp)),
        };
        if !matches!(name, Name::Core("data")) {
            if !empty {
                step!(reader.skip(None, false));
            }
            continue;
        }
        let id = reader.attr("id").unwrap_or_default();
        // The direct text, CDATA and `cp` children; other elements do not count.
        let mut text: Cow<'t, str> = Cow::Borrowed("");
        if !empty {
            loop {
                match step!(reader.item()) {
                    Item::End => break,
                    Item::Text(value) if text.is_empty() => text = value,
                    Item::Text(value) => text.to_mut().push_str(&value),
                    Item::CData(value) if text.is_empty() => text = Cow::Borrowed(value),
                    Item::CData(value) => text.to_mut().push_str(value),
                    Item::Ignored => {}
                    Item::Start { name, empty } => {
                        if matches!(name, Name::Core("cp")) {
                            if let Some(c) = code_point(reader) {
                                text.to_mut().push(c);
                            }
                        }
                        if !empty {
                            step!(reader.skip(None, false));
                        }
                    }
                    Item::UnitEnd => return Ok(Err(GiveUp)),
                }
            }
        }
        data.push((id, text));
    }
}

fn code(
    local: &str,
    attributes: Vec<(String, String)>,
    kind: CodeKind,
    id: &str,
    data: Option<String>,
) -> InlineCode {
    let mut code = InlineCode::new(kind, id);
    code.data = data;
    // One pass over the attributes instead of a search for each field.
    for (name, value) in &attributes {
        match name.as_str() {
            "disp" => code.display = Some(value.clone()),
            "equiv" => code.equiv = Some(value.clone()),
            "type" => code.code_type = Some(value.clone()),
            "subType" => code.sub_type = Some(value.clone()),
            "canCopy" => code.can_copy = value != "no",
            "canDelete" => code.can_delete = value != "no",
            "canReorder" => {
                code.can_reorder = match value.as_str() {
                    "no" => CanReorder::No,
                    "firstNo" => CanReorder::First,
                    _ => CanReorder::Yes,
                }
            }
            "isolated" => code.isolated = value == "yes",
            _ => {}
        }
    }
    code.element = Some(local.to_string());
    code.attributes = attributes;
    code
}

fn data_of(attributes: &[(String, String)], name: &str, data: &Data<'_>) -> Option<String> {
    let id = attribute(attributes, name)?;
    data.iter()
        .rev()
        .find(|(key, _)| key == id)
        .map(|(_, value)| value.to_string())
}

/// A note (2.x `note`, 1.2 `note`) whose start tag was just read: author (`from` or
/// `category`), what it annotates (`annotates` or `appliesTo`) and its text.
fn read_note<T: Tokens>(reader: &mut EventReader<'_, '_, '_, T>, empty: bool) -> Step<Note> {
    let author = reader
        .attr("from")
        .or_else(|| reader.attr("category"))
        .map(Cow::into_owned);
    let annotates = reader
        .attr("annotates")
        .or_else(|| reader.attr("appliesTo"))
        .map(Cow::into_owned);
    let mut text = String::new();
    if !empty {
        step!(reader.skip(Some(&mut text), true));
    }
    Ok(Ok(Note {
        text,
        author,
        annotates,
    }))
}

/// Reads on in inline content, text into `out`: the next element started (its local name and
/// whether it is empty), or `None` at the end of the element the content is in.
fn next_inline<'t, T: Tokens>(
    reader: &mut EventReader<'_, '_, 't, T>,
    out: &mut Content,
) -> Step<Option<(&'t str, bool)>> {
    loop {
        match step!(reader.item()) {
            Item::End => return Ok(Ok(None)),
            Item::Text(text) => out.push_text(&text),
            Item::CData(text) => out.push_text(text),
            Item::Ignored => {}
            Item::Start {
                name: Name::Core(local),
                empty,
            } => return Ok(Ok(Some((local, empty)))),
            Item::UnitEnd
            | Item::Start {
                name: Name::Other(_),
                ..
            } => return Ok(Err(GiveUp)),
        }
    }
}

/// Inline content up to the end of the current element, as `read_content_2` reads it.
fn read_content<T: Tokens>(
    reader: &mut EventReader<'_, '_, '_, T>,
    data: &Data<'_>,
    out: &mut Content,
) -> Step<()> {
    loop {
        let Some((local, empty)) = step!(next_inline(reader, out)) else {
            return Ok(Ok(()));
        };
        if local == "cp" {
            let Some(character) = code_point(reader) else {
                return Ok(Err(GiveUp));
            };
            out.push_text(character.encode_utf8(&mut [0; 4]));
            if !empty {
                step!(reader.skip(None, false));
            }
            continue;
        }
        let attributes = reader.owned_attributes();
        let id = attribute(&attributes, "id").unwrap_or("").to_string();
        match local {
            "ph" => {
                let value = data_of(&attributes, "dataRef", data);
                out.push_code(code(local, attributes, CodeKind::Standalone, &id, value));
            }
            "sc" | "sm" => {
                let value = data_of(&attributes, "dataRef", data);
                out.push_code(code(local, attributes, CodeKind::Opening, &id, value));
            }
            "ec" | "em" => {
                let value = data_of(&attributes, "dataRef", data);
                let id = attribute(&attributes, "startRef").map_or(id, str::to_string);
                out.push_code(code(local, attributes, CodeKind::Closing, &id, value));
            }
            "pc" | "mrk" => {
                let start = data_of(&attributes, "dataRefStart", data);
                let end = data_of(&attributes, "dataRefEnd", data);
                out.push_code(code(local, attributes, CodeKind::Opening, &id, start));
                if !empty {
                    step!(read_content(reader, data, out));
                }
                let mut closing = InlineCode::closing(id);
                closing.element = Some(local.to_string());
                closing.data = end;
                out.push_code(closing);
                continue;
            }
            _ => return Ok(Err(GiveUp)),
        }
        if !empty {
            step!(reader.skip(None, false));
        }
    }
}

/// An XLIFF 1.2 `trans-unit` of the common shape: `source`, `target`, `note`s and elements the
/// model does not read. A unit with a `seg-source` or `alt-trans` is left to the tree, as is
/// inline content with prefixed or unknown elements or with elements inside native data.
fn read_unit_12<T: Tokens>(reader: &mut EventReader<'_, '_, '_, T>) -> Step<Unit> {
    let header = reader.context.header;
    let mut source: Option<Content> = None;
    let mut target: Option<(Content, Option<String>, Option<String>)> = None;
    let mut notes = Vec::new();
    loop {
        let (name, empty) = match step!(reader.item()) {
            Item::UnitEnd => break,
            Item::Start { name, empty } => (name, empty),
            Item::End => return Ok(Err(GiveUp)),
            Item::Text(_) | Item::CData(_) | Item::Ignored => continue,
        };
        match name {
            Name::Core("seg-source" | "alt-trans") => return Ok(Err(GiveUp)),
            Name::Core("source") if source.is_none() => {
                let mut content = Content::with_capacity(96, 0);
                if !empty {
                    step!(read_content_12(reader, &mut content));
                }
                source = Some(content);
            }
            Name::Core("target") if target.is_none() => {
                let state = reader.attr("state").map(Cow::into_owned);
                let qualifier = reader.attr("state-qualifier").map(Cow::into_owned);
                let mut content = Content::with_capacity(96, 0);
                if !empty {
                    step!(read_content_12(reader, &mut content));
                }
                target = Some((content, state, qualifier));
            }
            Name::Core("note") => {
                notes.push(step!(read_note(reader, empty)));
            }
            _ => {
                if !empty {
                    step!(reader.skip(None, false));
                }
            }
        }
    }
    let id = header.attr("id").unwrap_or("");
    let mut segment = Segment::new(id, source.unwrap_or_default());
    let mut state_qualifier = None;
    match target {
        Some((content, state, qualifier)) => {
            segment.target = Some(content);
            (segment.state, segment.sub_state) = match state {
                Some(value) => (state_from_12(&value), Some(value)),
                None if header.attr("approved") == Some("yes") => (SegmentState::Final, None),
                None => (SegmentState::Initial, None),
            };
            state_qualifier = qualifier;
        }
        None if header.attr("approved") == Some("yes") => segment.state = SegmentState::Final,
        None => {}
    }
    Ok(Ok(Unit {
        id: id.to_string(),
        file: String::new(),
        position: header.position,
        translate: header.attr("translate") != Some("no"),
        unit_type: header.attr("restype").map(str::to_string),
        parts: vec![Part {
            ignorable: false,
            segment,
            state_qualifier,
        }],
        notes,
        candidates: Vec::new(),
        metadata: Vec::new(),
        unit_target: None,
    }))
}

/// A 1.2 code from the attributes of its element, as `code_12` of the tree reader makes it.
fn code_12(local: &str, attributes: Vec<(String, String)>, kind: CodeKind, id: &str) -> InlineCode {
    let mut code = InlineCode::new(kind, id);
    code.code_type = attribute(&attributes, "ctype")
        .or(attribute(&attributes, "mtype"))
        .map(str::to_string);
    code.equiv = attribute(&attributes, "equiv-text").map(str::to_string);
    code.display = attribute(&attributes, "disp").map(str::to_string);
    code.can_copy = attribute(&attributes, "clone") != Some("no");
    code.element = Some(local.to_string());
    code.attributes = attributes;
    code
}

/// 1.2 inline content up to the end of the current element, as `read_content_12` reads it.
fn read_content_12<T: Tokens>(
    reader: &mut EventReader<'_, '_, '_, T>,
    out: &mut Content,
) -> Step<()> {
    let start = out.codes().len();
    step!(read_children_12(reader, out));
    crate::inline::pair_isolated_halves(out, start);
    Ok(Ok(()))
}

fn read_children_12<T: Tokens>(
    reader: &mut EventReader<'_, '_, '_, T>,
    out: &mut Content,
) -> Step<()> {
    loop {
        let Some((local, empty)) = step!(next_inline(reader, out)) else {
            return Ok(Ok(()));
        };
        let attributes = reader.owned_attributes();
        let id = attribute(&attributes, "id")
            .or(attribute(&attributes, "mid"))
            .unwrap_or("")
            .to_string();
        let rid = attribute(&attributes, "rid").map_or_else(|| id.clone(), str::to_string);
        match local {
            "g" | "mrk" => {
                out.push_code(code_12(local, attributes, CodeKind::Opening, &id));
                if !empty {
                    step!(read_children_12(reader, out));
                }
                let mut closing = InlineCode::closing(id);
                closing.element = Some(local.to_string());
                out.push_code(closing);
                continue;
            }
            "x" => out.push_code(code_12(local, attributes, CodeKind::Standalone, &id)),
            "bx" => out.push_code(code_12(local, attributes, CodeKind::Opening, &rid).isolated()),
            "ex" => out.push_code(code_12(local, attributes, CodeKind::Closing, &rid).isolated()),
            "ph" | "bpt" | "ept" | "it" => {
                let (kind, id) = match local {
                    "ph" => (CodeKind::Standalone, id),
                    "bpt" => (CodeKind::Opening, rid),
                    "ept" => (CodeKind::Closing, rid),
                    _ if attribute(&attributes, "pos") == Some("close") => (CodeKind::Closing, id),
                    _ => (CodeKind::Opening, id),
                };
                let mut code = code_12(local, attributes, kind, &id);
                // Native data: the element's text; one with elements inside goes to the tree.
                let mut data = String::new();
                if !empty {
                    step!(native_text(reader, &mut data));
                }
                code.data = Some(data);
                out.push_code(if local == "ph" { code } else { code.isolated() });
                continue;
            }
            _ => return Ok(Err(GiveUp)),
        }
        if !empty {
            step!(reader.skip(None, false));
        }
    }
}

/// The text of a native-data element up to its end; gives up on an element inside it.
fn native_text<T: Tokens>(reader: &mut EventReader<'_, '_, '_, T>, out: &mut String) -> Step<()> {
    loop {
        match step!(reader.item()) {
            Item::End => return Ok(Ok(())),
            Item::Text(text) => out.push_str(&text),
            Item::CData(text) => out.push_str(text),
            Item::Ignored => {}
            Item::Start { .. } | Item::UnitEnd => return Ok(Err(GiveUp)),
        }
    }
}
