//! Rewriting a document one unit at a time, so memory holds the input text and one unit rather
//! than the whole tree.

use std::io::Write;

use crate::document::{decode, decode_owned, detect_version, encode, TextEncoding};
use crate::units::read_unit;
use crate::xml::{self, Element, Limits, WriteMode};
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

/// Reads `bytes` and writes the document to `out` unit by unit. Each unit is read into the
/// model (so a unit the model cannot hold is an error) and handed to `edit` together with its
/// element, which `edit` may change; the element is then written back, reusing the original
/// text of everything unchanged. The text between units is copied as it was.
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
    edit: &mut dyn FnMut(&Unit, &mut Element) -> Result<(), XliffError>,
) -> Result<StreamSummary, XliffError> {
    let (text, encoding) = decode(bytes)?;
    rewrite_text(&text, encoding, out, edit)
}

/// Like [`rewrite_streaming`], but takes the bytes by value so that UTF-8 input is not copied.
pub fn rewrite_streaming_owned<W: Write>(
    bytes: Vec<u8>,
    out: &mut W,
    edit: &mut dyn FnMut(&Unit, &mut Element) -> Result<(), XliffError>,
) -> Result<StreamSummary, XliffError> {
    let (text, encoding) = decode_owned(bytes)?;
    rewrite_text(&text, encoding, out, edit)
}

fn rewrite_text<W: Write>(
    text: &str,
    encoding: TextEncoding,
    out: &mut W,
    edit: &mut dyn FnMut(&Unit, &mut Element) -> Result<(), XliffError>,
) -> Result<StreamSummary, XliffError> {
    let io = |source| XliffError::Io {
        path: "output".into(),
        source,
    };
    let mut copied = 0;
    let mut first = true;
    let mut units = 0;
    let mut segments = 0;
    let mut buffer = String::new();
    let mut sink =
        |mut element: Element, range: std::ops::Range<usize>| -> Result<(), XliffError> {
            let v2 = matches!(element.ns(), crate::NS_XLIFF_20 | crate::NS_XLIFF_22);
            let ns = element.ns().to_string();
            let unit = read_unit(&element, &ns, v2, "")?;
            units += 1;
            segments += unit.segments().count();
            edit(&unit, &mut element)?;
            let before = text.get(copied..range.start).unwrap_or("");
            write_chunk(out, before, encoding, first).map_err(io)?;
            first = false;
            buffer.clear();
            xml::write_element(&element, WriteMode::Preserve, &mut buffer);
            write_chunk(out, &buffer, encoding, false).map_err(io)?;
            copied = range.end;
            Ok(())
        };
    let parsed = xml::parse_streaming(text, Limits::default(), &mut sink)?;
    let version = detect_version(&parsed.root)?;
    let rest = text.get(copied..).unwrap_or("");
    write_chunk(out, rest, encoding, first).map_err(io)?;
    Ok(StreamSummary {
        version,
        units,
        segments,
    })
}
