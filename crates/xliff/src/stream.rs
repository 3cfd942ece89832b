//! Rewriting a document one unit at a time, so memory holds the input text and one unit rather
//! than the whole tree.

use std::io::Write;

use crate::document::{decode_borrowed, decode_owned, detect_version, encode, TextEncoding};
use crate::event_units::{read_unit_events, scan_unit};
use crate::units::read_unit;
use crate::xml::{self, Element, Limits, UnitEvents, UnitPlace, WriteMode};
use crate::{Unit, Version, XliffError};

/// What a streaming rewrite saw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StreamSummary {
    /// The document's version.
    pub version: Version,
    /// Units read (and written).
    pub units: usize,
    /// Segments in them.
    pub segments: usize,
    /// Units read into the model straight from the parser's events (the others went through a
    /// tree of the unit).
    pub read_from_events: usize,
}

fn write_chunk<W: Write>(
    out: &mut W,
    text: &str,
    encoding: TextEncoding,
    first: bool,
) -> std::io::Result<()> {
    match encoding {
        TextEncoding::Utf8 => out.write_all(text.as_bytes()),
        TextEncoding::Utf8Bom if !first => out.write_all(text.as_bytes()),
        _ => out.write_all(&encode_chunk(text, encoding, first)),
    }
}

fn encode_chunk(text: &str, encoding: TextEncoding, first: bool) -> Vec<u8> {
    let mut bytes = encode(text, encoding);
    let bom = match encoding {
        TextEncoding::Utf8Bom => 3,
        TextEncoding::Utf16Le | TextEncoding::Utf16Be => 2,
        _ => 0,
    };
    if !first {
        bytes.drain(..bom.min(bytes.len()));
    }
    bytes
}

/// One unit of a streaming rewrite, for the `edit` callback: its original text, and its tree,
/// built only when asked for. A unit whose tree is never asked for mutably is copied as it was.
pub struct UnitElement<'t> {
    text: &'t str,
    place: UnitPlace,
    element: Option<Element>,
    touched: bool,
}

impl std::fmt::Debug for UnitElement<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UnitElement")
            .field("range", &self.place.range)
            .field("parsed", &self.element.is_some())
            .finish()
    }
}

impl UnitElement<'_> {
    /// The unit's text as it stands in the document.
    pub fn text(&self) -> &str {
        self.text.get(self.place.range.clone()).unwrap_or("")
    }

    /// The unit's tree (parsed now if it was not yet).
    pub fn element(&mut self) -> Result<&Element, XliffError> {
        self.parse().map(|element| &*element)
    }

    /// The unit's tree to change; the unit is then written from it.
    pub fn element_mut(&mut self) -> Result<&mut Element, XliffError> {
        self.touched = true;
        self.parse()
    }

    fn parse(&mut self) -> Result<&mut Element, XliffError> {
        if self.element.is_none() {
            self.element = Some(parse_place(self.text, &self.place)?);
        }
        self.element.as_mut().ok_or_else(|| XliffError::Model {
            message: "the unit could not be parsed".into(),
        })
    }
}

fn parse_place(text: &str, place: &UnitPlace) -> Result<Element, XliffError> {
    xml::parse_fragment(
        text,
        place.range.clone(),
        &place.scopes,
        place.header.position,
        place.enclosing,
        place.limits,
    )
}

/// A unit read into the model: from events, or through its tree (which is kept).
struct ReadUnit {
    unit: Unit,
    tree: Option<Element>,
}

/// The signature of the callback of [`rewrite_streaming`].
pub type UnitEdit<'e> =
    dyn for<'t> FnMut(&Unit, &mut UnitElement<'t>) -> Result<(), XliffError> + 'e;

/// Reads `bytes` and writes the document to `out` unit by unit. Each unit is read into the
/// model (so a unit the model cannot hold is an error) and handed to `edit` together with a
/// handle on its element, which `edit` may change through [`UnitElement::element_mut`]; such a
/// unit is written back from its tree, reusing the original text of everything unchanged.
/// Every other unit, and the text between units, is copied as it was.
///
/// XLIFF 2 units of the common shape are read into the model straight from the parser's events;
/// others (and every XLIFF 1.2 unit) through a tree of the unit. Memory holds the input and one
/// unit.
///
/// ```
/// use werkbank_xliff::stream::rewrite_streaming;
///
/// let text = "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:1.2\" version=\"1.2\">\
///   <file original=\"a\" source-language=\"de\" datatype=\"plaintext\"><body>\
///   <trans-unit id=\"1\"><source>Hallo</source></trans-unit></body></file></xliff>";
/// let mut out = Vec::new();
/// let summary = rewrite_streaming(text.as_bytes(), &mut out, &mut |_, _| Ok(()))?;
/// assert_eq!(summary.units, 1);
/// assert_eq!(out, text.as_bytes());
/// # Ok::<(), werkbank_xliff::XliffError>(())
/// ```
pub fn rewrite_streaming<W: Write>(
    bytes: &[u8],
    out: &mut W,
    edit: &mut UnitEdit<'_>,
) -> Result<StreamSummary, XliffError> {
    let (text, encoding) = decode_borrowed(bytes)?;
    rewrite_text(&text, encoding, out, edit)
}

/// Like [`rewrite_streaming`], but takes the bytes by value so that UTF-8 input is not copied.
pub fn rewrite_streaming_owned<W: Write>(
    bytes: Vec<u8>,
    out: &mut W,
    edit: &mut UnitEdit<'_>,
) -> Result<StreamSummary, XliffError> {
    let (text, encoding) = decode_owned(bytes)?;
    rewrite_text(&text, encoding, out, edit)
}

/// Every unit of the document in order, read as [`rewrite_streaming`] reads them (without
/// the file id, and with only the unit's own `translate`).
pub fn read_units_streaming(bytes: &[u8]) -> Result<Vec<Unit>, XliffError> {
    let mut units = Vec::new();
    rewrite_streaming(bytes, &mut std::io::sink(), &mut |unit, _| {
        units.push(unit.clone());
        Ok(())
    })?;
    Ok(units)
}

/// Hands units to `edit` and writes the document, in order.
struct Emitter<'t, 'o, 'e, W: Write> {
    text: &'t str,
    encoding: TextEncoding,
    out: &'o mut W,
    edit: &'o mut UnitEdit<'e>,
    copied: usize,
    first: bool,
    buffer: String,
    summary: (usize, usize, usize),
}

impl<'t, W: Write> Emitter<'t, '_, '_, W> {
    fn emit(&mut self, read: ReadUnit, place: UnitPlace) -> Result<(), XliffError> {
        let io = |source| XliffError::Io {
            path: "output".into(),
            source,
        };
        let ReadUnit { unit, tree } = read;
        self.summary.0 += 1;
        self.summary.1 += unit.segments().count();
        if tree.is_none() {
            self.summary.2 += 1;
        }
        let mut handle = UnitElement {
            text: self.text,
            place,
            element: tree,
            touched: false,
        };
        (self.edit)(&unit, &mut handle)?;
        let range = handle.place.range.clone();
        match (&handle.element, handle.touched) {
            (Some(element), true) => {
                let before = self.text.get(self.copied..range.start).unwrap_or("");
                write_chunk(self.out, before, self.encoding, self.first).map_err(io)?;
                self.buffer.clear();
                xml::write_element(element, WriteMode::Preserve, &mut self.buffer);
                write_chunk(self.out, &self.buffer, self.encoding, false).map_err(io)?;
            }
            // Unchanged: the text before the unit and the unit itself in one piece.
            _ => {
                let both = self.text.get(self.copied..range.end).unwrap_or("");
                write_chunk(self.out, both, self.encoding, self.first).map_err(io)?;
            }
        }
        self.first = false;
        self.copied = range.end;
        Ok(())
    }

    fn finish(self, parsed: &xml::Parsed) -> Result<StreamSummary, XliffError> {
        let version = detect_version(&parsed.root)?;
        let rest = self.text.get(self.copied..).unwrap_or("");
        write_chunk(self.out, rest, self.encoding, self.first).map_err(|source| {
            XliffError::Io {
                path: "output".into(),
                source,
            }
        })?;
        Ok(StreamSummary {
            version,
            units: self.summary.0,
            segments: self.summary.1,
            read_from_events: self.summary.2,
        })
    }
}

/// Every unit of the document read through a tree of each unit (the tree streaming reader):
/// the reference that [`read_units_streaming`] is checked against. A unit that cannot be read
/// is an error, as there.
pub fn read_units_through_trees(bytes: &[u8]) -> Result<Vec<Unit>, XliffError> {
    let (text, _) = decode_borrowed(bytes)?;
    let mut units = Vec::new();
    let mut failure = None;
    let mut sink = |element: Element, _: std::ops::Range<usize>| {
        let ns = element.ns().to_string();
        let v2 = matches!(ns.as_str(), crate::NS_XLIFF_20 | crate::NS_XLIFF_22);
        match read_unit(&element, &ns, v2, "") {
            Ok(unit) => units.push(unit),
            Err(error) => {
                failure.get_or_insert(error);
            }
        }
        Ok(())
    };
    let parsed = xml::parse_streaming(&text, Limits::default(), &mut sink)?;
    detect_version(&parsed.root)?;
    match failure {
        Some(error) => Err(error),
        None => Ok(units),
    }
}

fn rewrite_text<W: Write>(
    text: &str,
    encoding: TextEncoding,
    out: &mut W,
    edit: &mut UnitEdit<'_>,
) -> Result<StreamSummary, XliffError> {
    let emitter = Emitter {
        text,
        encoding,
        out,
        edit,
        copied: 0,
        first: true,
        buffer: String::new(),
        summary: (0, 0, 0),
    };
    rewrite_in_order(text, emitter)
}

/// Each unit is read from the parser's events as they come.
fn rewrite_in_order<W: Write>(
    text: &str,
    mut emitter: Emitter<'_, '_, '_, W>,
) -> Result<StreamSummary, XliffError> {
    let mut sink = |events: &mut UnitEvents<'_, '_>| -> Result<(), XliffError> {
        let v2 = matches!(events.header.ns(), crate::NS_XLIFF_20 | crate::NS_XLIFF_22);
        let fast = if !v2 {
            None
        } else if let Some(unit) = scan_unit(events)? {
            Some(unit)
        } else {
            read_unit_events(events)?
        };
        let place = events.take_place()?;
        let read = match fast {
            Some(unit) => ReadUnit { unit, tree: None },
            None => {
                let element = parse_place(text, &place)?;
                let unit = read_unit(&element, place.header.ns(), v2, "")?;
                ReadUnit {
                    unit,
                    tree: Some(element),
                }
            }
        };
        emitter.emit(read, place)
    };
    let parsed = xml::parse_streaming_events(text, Limits::default(), &mut sink)?;
    emitter.finish(&parsed)
}
