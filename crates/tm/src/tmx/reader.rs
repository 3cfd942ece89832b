//! The streaming TMX reader.

use std::io::{self, BufReader, Chain, Cursor, Read};

use encoding_rs_io::{DecodeReaderBytes, DecodeReaderBytesBuilder};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use werkbank_model::{CodeKind, Content, Exceeded, InlineCode, Limit, Limits};

use super::lines::LineCounter;
use super::{TmxHeader, TmxUnit, TmxVariant};
use crate::TmError;

type Source<R> =
    LineCounter<BufReader<RunGuard<DecodeReaderBytes<Chain<Cursor<Vec<u8>>, R>, Vec<u8>>>>>;

/// Stops reading when more than `max` bytes come without markup between them, so that one huge
/// text node is refused before the XML reader buffers it.
struct RunGuard<R> {
    inner: R,
    run: usize,
    max: usize,
    exceeded: Option<Exceeded>,
}

impl<R: Read> Read for RunGuard<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let read = buf.get(..n).unwrap_or(&[]);
        let mut longest = 0;
        let mut from = 0;
        for at in memchr::memchr2_iter(b'<', b'>', read) {
            longest = longest.max(self.run + at - from);
            self.run = 0;
            from = at + 1;
        }
        self.run += n - from;
        let longest = longest.max(self.run);
        if longest > self.max {
            self.run = longest;
            let exceeded = Exceeded {
                limit: Limit::TextBytes,
                value: self.run,
                max: self.max,
            };
            self.exceeded = Some(exceeded);
            return Err(io::Error::other(exceeded.to_string()));
        }
        Ok(n)
    }
}

/// The encoding an XML declaration at the start of `head` names, when it is not UTF-8 (a
/// byte-order mark takes precedence and is handled by the decoder).
fn declared_encoding(head: &[u8]) -> Result<Option<&'static encoding_rs::Encoding>, String> {
    if head.starts_with(&[0xEF, 0xBB, 0xBF])
        || head.starts_with(&[0xFF, 0xFE])
        || head.starts_with(&[0xFE, 0xFF])
    {
        return Ok(None);
    }
    let Some(declaration) = head
        .strip_prefix(b"<?xml")
        .and_then(|rest| rest.get(..memchr::memmem::find(rest, b"?>")?))
    else {
        return Ok(None);
    };
    let Some(at) = memchr::memmem::find(declaration, b"encoding") else {
        return Ok(None);
    };
    let after = declaration.get(at + "encoding".len()..).unwrap_or(&[]);
    let after = after.trim_ascii_start().strip_prefix(b"=").unwrap_or(after);
    let after = after.trim_ascii_start();
    let Some((&quote, value)) = after.split_first() else {
        return Ok(None);
    };
    let Some(end) = value.iter().position(|&b| b == quote) else {
        return Ok(None);
    };
    let label = value.get(..end).unwrap_or(&[]);
    match encoding_rs::Encoding::for_label(label) {
        Some(encoding) if encoding == encoding_rs::UTF_8 => Ok(None),
        Some(encoding)
            if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE =>
        {
            Err("UTF-16 declared but the file has no byte-order mark".into())
        }
        Some(encoding) => Ok(Some(encoding)),
        None => Err(format!(
            "unknown encoding {:?} in the XML declaration",
            printable(&String::from_utf8_lossy(label))
        )),
    }
}

/// A message with control characters (NUL and the like, which a broken file may put into an
/// error) written as `\u{..}`, so that it is safe to print on a terminal.
pub(crate) fn printable(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    for c in message.chars() {
        if c.is_control() && c != '\t' {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// One XML event, reduced to what the TMX reader needs.
enum Item {
    Open(BytesStart<'static>, bool),
    Close(String),
    Text(String),
    End,
    Other,
    Bad(String),
}

/// Reads a TMX document one `<tu>` at a time.
///
/// # Example
/// ```
/// use werkbank_tm::tmx::TmxReader;
///
/// let tmx = r#"<tmx version="1.4"><header srclang="de-DE" segtype="sentence"/><body>
///   <tu><tuv xml:lang="de-DE"><seg>Datei <bpt i="1">&lt;b&gt;</bpt>öffnen<ept i="1">&lt;/b&gt;</ept></seg></tuv>
///       <tuv xml:lang="en-US"><seg>Open <bpt i="1">&lt;b&gt;</bpt>file<ept i="1">&lt;/b&gt;</ept></seg></tuv></tu>
/// </body></tmx>"#;
/// let mut reader = TmxReader::new(tmx.as_bytes())?;
/// assert_eq!(reader.header().source_language.as_deref(), Some("de-DE"));
/// let unit = reader.next().unwrap()?;
/// assert_eq!(unit.variants[0].content.plain_text(), "Datei öffnen");
/// assert_eq!(unit.variants[0].content.codes().len(), 2);
/// assert!(reader.next().is_none());
/// # Ok::<(), werkbank_tm::TmError>(())
/// ```
pub struct TmxReader<R: Read> {
    xml: Reader<Source<R>>,
    buffer: Vec<u8>,
    header: TmxHeader,
    finished: bool,
    limits: Limits,
    /// Elements open at the reader's position.
    depth: usize,
    /// Elements started inside the unit being read.
    unit_elements: usize,
}

impl<R: Read> std::fmt::Debug for TmxReader<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TmxReader")
            .field("header", &self.header)
            .finish()
    }
}

fn name_of(element: &BytesStart<'_>) -> String {
    element.local_name().as_ref().to_string()
}

impl<R: Read> TmxReader<R> {
    /// Starts reading with the default [`Limits`]: detects the encoding (a byte-order mark for
    /// UTF-8 and UTF-16, else the one the XML declaration names, else UTF-8), checks the root
    /// element and reads the header.
    pub fn new(input: R) -> Result<Self, TmError> {
        Self::with_limits(input, Limits::default())
    }

    /// Starts reading like [`TmxReader::new`] within `limits`: nesting depth, attribute count
    /// and size, a run of text (refused before it is buffered), elements in one unit, text of
    /// one segment.
    pub fn with_limits(mut input: R, limits: Limits) -> Result<Self, TmError> {
        let mut head = Vec::with_capacity(1024);
        (&mut input).take(1024).read_to_end(&mut head)?;
        let encoding = declared_encoding(&head).map_err(|message| TmError::Tmx {
            file: None,
            line: 1,
            column: 1,
            message,
        })?;
        let decoded = DecodeReaderBytesBuilder::new()
            .bom_override(true)
            .encoding(encoding)
            .build(Cursor::new(head).chain(input));
        let guarded = RunGuard {
            inner: decoded,
            run: 0,
            max: limits.max(Limit::TextBytes),
            exceeded: None,
        };
        let source = LineCounter::new(BufReader::with_capacity(1 << 16, guarded));
        let mut xml = Reader::from_reader(source);
        xml.config_mut().trim_text(false);
        let mut reader = Self {
            xml,
            buffer: Vec::new(),
            header: TmxHeader::default(),
            finished: false,
            limits,
            depth: 0,
            unit_elements: 0,
        };
        reader.read_prologue()?;
        Ok(reader)
    }

    fn position(&self) -> (u64, u64) {
        self.xml.get_ref().position(self.xml.buffer_position())
    }

    /// An error if `value` exceeds `limit`.
    fn check(&self, limit: Limit, value: usize) -> Result<(), TmError> {
        self.limits.check(limit, value).map_err(|exceeded| {
            let (line, column) = self.position();
            TmError::Limit {
                file: None,
                line,
                column,
                exceeded,
            }
        })
    }

    /// The file's header.
    pub fn header(&self) -> &TmxHeader {
        &self.header
    }

    fn error(&self, message: impl Into<String>) -> TmError {
        let (line, column) = self.position();
        TmError::Tmx {
            file: None,
            line,
            column,
            message: printable(&message.into()),
        }
    }

    fn next_item(&mut self) -> Result<Item, TmError> {
        self.buffer.clear();
        let event = match self.xml.read_event_into(&mut self.buffer) {
            Ok(event) => event,
            Err(error) => {
                let (line, column) = self.xml.get_ref().position(self.xml.error_position());
                if let Some(exceeded) = self.xml.get_ref().get_ref().get_ref().exceeded {
                    return Err(TmError::Limit {
                        file: None,
                        line,
                        column,
                        exceeded,
                    });
                }
                return Err(TmError::Tmx {
                    file: None,
                    line,
                    column,
                    message: printable(&error.to_string()),
                });
            }
        };
        let xml = &self.xml;
        let exceeded = |limit: Limit, value: usize, limits: &Limits| {
            limits.check(limit, value).map_err(|exceeded| {
                let (line, column) = xml.get_ref().position(xml.buffer_position());
                TmError::Limit {
                    file: None,
                    line,
                    column,
                    exceeded,
                }
            })
        };
        if matches!(event, Event::Start(_) | Event::Empty(_)) {
            self.unit_elements += 1;
            exceeded(Limit::UnitElements, self.unit_elements, &self.limits)?;
        }
        match event {
            Event::Start(_) => {
                self.depth += 1;
                exceeded(Limit::Depth, self.depth, &self.limits)?;
            }
            Event::End(_) => self.depth = self.depth.saturating_sub(1),
            _ => {}
        }
        Ok(match event {
            Event::Start(element) => Item::Open(element.into_owned(), false),
            Event::Empty(element) => Item::Open(element.into_owned(), true),
            Event::End(element) => Item::Close(element.local_name().as_ref().to_string()),
            Event::Text(text) => Item::Text(text.xml10_content().into_owned()),
            Event::CData(text) => Item::Text(text.xml10_content().into_owned()),
            Event::GeneralRef(reference) => match reference.resolve_char_ref() {
                Ok(Some(ch)) => Item::Text(ch.to_string()),
                Ok(None) => {
                    let name = reference.xml10_content();
                    match quick_xml::escape::resolve_predefined_entity(&name) {
                        Some(text) => Item::Text(text.to_string()),
                        None => Item::Bad(format!("unknown entity &{name};")),
                    }
                }
                Err(error) => Item::Bad(error.to_string()),
            },
            Event::Eof => Item::End,
            _ => Item::Other,
        })
        .and_then(|item| match item {
            Item::Bad(problem) => Err(self.error(problem)),
            other => Ok(other),
        })
    }

    fn attributes(&self, element: &BytesStart<'_>) -> Result<Vec<(String, String)>, TmError> {
        let mut out = Vec::new();
        for attribute in element.attributes() {
            let attribute = attribute.map_err(|e| self.error(e.to_string()))?;
            self.check(Limit::Attributes, out.len() + 1)?;
            self.check(Limit::AttributeBytes, attribute.value.len())?;
            let key = attribute.key.as_ref().to_string();
            let value = attribute
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map_err(|e| self.error(e.to_string()))?
                .into_owned();
            out.push((key, value));
        }
        Ok(out)
    }

    fn read_prologue(&mut self) -> Result<(), TmError> {
        let mut seen_root = false;
        loop {
            match self.next_item()? {
                Item::Open(element, empty) => {
                    let name = name_of(&element);
                    if !seen_root {
                        if name != "tmx" {
                            return Err(
                                self.error(format!("root element is <{name}>, expected <tmx>"))
                            );
                        }
                        seen_root = true;
                        continue;
                    }
                    match name.as_str() {
                        "header" => {
                            let attributes = self.attributes(&element)?;
                            self.header.source_language = attributes
                                .iter()
                                .find(|(k, _)| k == "srclang")
                                .map(|(_, v)| v.clone());
                            self.header.attributes = attributes;
                            if !empty {
                                let mut properties = Vec::new();
                                let mut notes = Vec::new();
                                self.read_until("header", &mut properties, &mut notes)?;
                                self.header.properties = properties;
                                self.header.notes = notes;
                            }
                        }
                        "body" => {
                            self.finished = empty;
                            return Ok(());
                        }
                        _ => {}
                    }
                }
                Item::End => {
                    return Err(self.error(if seen_root {
                        "no <body> in the TMX file"
                    } else {
                        "no <tmx> element: not a TMX file"
                    }))
                }
                _ => {}
            }
        }
    }

    /// Reads `prop` and `note` children until `</end>`, skipping anything else.
    fn read_until(
        &mut self,
        end: &str,
        properties: &mut Vec<(String, String)>,
        notes: &mut Vec<String>,
    ) -> Result<(), TmError> {
        loop {
            match self.next_item()? {
                Item::Open(element, empty) => {
                    self.read_meta(&element, empty, properties, notes)?;
                }
                Item::Close(name) if name == end => return Ok(()),
                Item::End => return Err(self.error(format!("unexpected end of file in <{end}>"))),
                _ => {}
            }
        }
    }

    /// Handles a `prop` or `note` start tag; other elements are skipped whole.
    fn read_meta(
        &mut self,
        element: &BytesStart<'_>,
        empty: bool,
        properties: &mut Vec<(String, String)>,
        notes: &mut Vec<String>,
    ) -> Result<(), TmError> {
        let name = name_of(element);
        let text = if empty {
            String::new()
        } else {
            self.read_text(&name)?
        };
        match name.as_str() {
            "prop" => {
                let kind = self
                    .attributes(element)?
                    .into_iter()
                    .find(|(k, _)| k == "type")
                    .map(|(_, v)| v)
                    .unwrap_or_default();
                properties.push((kind, text));
            }
            "note" => notes.push(text),
            _ => {}
        }
        Ok(())
    }

    /// The text inside an element whose start tag was just read, up to its end tag.
    fn read_text(&mut self, end: &str) -> Result<String, TmError> {
        let mut text = String::new();
        let mut depth = 0usize;
        loop {
            match self.next_item()? {
                Item::Text(piece) => {
                    text.push_str(&piece);
                    self.check(Limit::SegmentBytes, text.len())?;
                }
                Item::Open(_, false) => depth += 1,
                Item::Close(name) => {
                    if depth == 0 && name == end {
                        return Ok(text);
                    }
                    depth = depth.saturating_sub(1);
                }
                Item::End => return Err(self.error(format!("unexpected end of file in <{end}>"))),
                _ => {}
            }
        }
    }

    fn read_unit(&mut self, element: &BytesStart<'_>) -> Result<TmxUnit, TmError> {
        let mut unit = TmxUnit {
            attributes: self.attributes(element)?,
            ..TmxUnit::default()
        };
        loop {
            match self.next_item()? {
                Item::Open(child, empty) => match name_of(&child).as_str() {
                    "tuv" => {
                        let variant = self.read_variant(&child, empty)?;
                        unit.variants.push(variant);
                    }
                    _ => self.read_meta(&child, empty, &mut unit.properties, &mut unit.notes)?,
                },
                Item::Close(name) if name == "tu" => return Ok(unit),
                Item::End => return Err(self.error("unexpected end of file in <tu>")),
                _ => {}
            }
        }
    }

    fn read_variant(
        &mut self,
        element: &BytesStart<'_>,
        empty: bool,
    ) -> Result<TmxVariant, TmError> {
        let mut attributes = self.attributes(element)?;
        let language_at = attributes
            .iter()
            .position(|(k, _)| k == "xml:lang")
            .or_else(|| attributes.iter().position(|(k, _)| k == "lang"));
        let Some(language_at) = language_at else {
            return Err(self.error("<tuv> without xml:lang"));
        };
        let (_, language) = attributes.remove(language_at);
        let mut variant = TmxVariant {
            language,
            content: Content::new(),
            attributes,
            properties: Vec::new(),
            notes: Vec::new(),
        };
        if empty {
            return Ok(variant);
        }
        loop {
            match self.next_item()? {
                Item::Open(child, child_empty) => match name_of(&child).as_str() {
                    "seg" if !child_empty => variant.content = self.read_segment()?,
                    "seg" => {}
                    _ => self.read_meta(
                        &child,
                        child_empty,
                        &mut variant.properties,
                        &mut variant.notes,
                    )?,
                },
                Item::Close(name) if name == "tuv" => return Ok(variant),
                Item::End => return Err(self.error("unexpected end of file in <tuv>")),
                _ => {}
            }
        }
    }

    fn read_segment(&mut self) -> Result<Content, TmError> {
        let mut content = Content::new();
        let mut highlights: Vec<String> = Vec::new();
        let mut automatic = 0usize;
        loop {
            match self.next_item()? {
                Item::Text(text) => {
                    content.push_text(&text);
                    self.check(Limit::SegmentBytes, content.plain_text().len())?;
                }
                Item::Open(element, empty) => {
                    let name = name_of(&element);
                    let mut attributes = self.attributes(&element)?;
                    let mut take = |key: &str| {
                        attributes
                            .iter()
                            .position(|(k, _)| k == key)
                            .map(|at| attributes.remove(at).1)
                    };
                    match name.as_str() {
                        "bpt" | "ept" | "ph" | "it" | "ut" => {
                            let data = if empty {
                                String::new()
                            } else {
                                self.read_text(&name)?
                            };
                            self.check(Limit::SegmentBytes, data.len())?;
                            let code_type = take("type");
                            let id_key = if matches!(name.as_str(), "bpt" | "ept") {
                                "i"
                            } else {
                                "x"
                            };
                            let id = take(id_key).unwrap_or_else(|| {
                                automatic += 1;
                                format!("auto{automatic}")
                            });
                            if name == "ph" && code_type.as_deref() == Some("x-control") {
                                if let Some(ch) = u32::from_str_radix(data.trim(), 16)
                                    .ok()
                                    .and_then(char::from_u32)
                                {
                                    content.push_text(ch.encode_utf8(&mut [0; 4]));
                                    continue;
                                }
                            }
                            let (kind, isolated) = match name.as_str() {
                                "bpt" => (CodeKind::Opening, false),
                                "ept" => (CodeKind::Closing, false),
                                "it" => match take("pos").as_deref() {
                                    Some("end") => (CodeKind::Closing, true),
                                    _ => (CodeKind::Opening, true),
                                },
                                _ => (CodeKind::Standalone, false),
                            };
                            let mut code = InlineCode::new(kind, id).with_element(name.as_str());
                            code.isolated = isolated;
                            code.data = Some(data);
                            code.code_type = code_type;
                            code.attributes = attributes;
                            content.push_code(code);
                        }
                        "hi" => {
                            let id = take("x").unwrap_or_else(|| {
                                automatic += 1;
                                format!("auto{automatic}")
                            });
                            let mut code = InlineCode::opening(id.clone()).with_element("hi");
                            code.code_type = take("type");
                            code.attributes = attributes;
                            let closing = InlineCode::closing(id.clone()).with_element("hi");
                            content.push_code(code);
                            if empty {
                                content.push_code(closing);
                            } else {
                                highlights.push(id);
                            }
                        }
                        _ => {}
                    }
                }
                Item::Close(name) => match name.as_str() {
                    "seg" => return Ok(content),
                    "hi" => {
                        if let Some(id) = highlights.pop() {
                            content.push_code(InlineCode::closing(id).with_element("hi"));
                        }
                    }
                    _ => {}
                },
                Item::End => return Err(self.error("unexpected end of file in <seg>")),
                Item::Other | Item::Bad(_) => {}
            }
        }
    }

    fn next_unit(&mut self) -> Result<Option<TmxUnit>, TmError> {
        if self.finished {
            return Ok(None);
        }
        loop {
            self.unit_elements = 0;
            match self.next_item()? {
                Item::Open(element, empty) if name_of(&element) == "tu" => {
                    self.unit_elements = 0;
                    if empty {
                        return Ok(Some(TmxUnit {
                            attributes: self.attributes(&element)?,
                            ..TmxUnit::default()
                        }));
                    }
                    return self.read_unit(&element).map(Some);
                }
                Item::Close(name) if name == "body" => {
                    self.finished = true;
                    return Ok(None);
                }
                Item::End => {
                    self.finished = true;
                    return Err(self.error("unexpected end of file: <body> is not closed"));
                }
                _ => {}
            }
        }
    }
}

impl<R: Read> Iterator for TmxReader<R> {
    type Item = Result<TmxUnit, TmError>;

    fn next(&mut self) -> Option<Self::Item> {
        match self.next_unit() {
            Ok(Some(unit)) => Some(Ok(unit)),
            Ok(None) => None,
            Err(error) => {
                self.finished = true;
                Some(Err(error))
            }
        }
    }
}
