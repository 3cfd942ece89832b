//! Text for the parser from any reader, a window at a time: bytes are decoded to UTF-8 as they
//! are read (UTF-8, UTF-16 with a byte-order mark, or the encoding the XML declaration names),
//! and the parser is only ever given text up to a place where a piece of markup has just ended
//! and no unit is open, so every event it reads is complete and every unit lies wholly inside
//! the window. Text the parser is done with is dropped, so memory holds one window, not the
//! file.

use std::io::Read;

use encoding_rs::{Decoder, DecoderResult, Encoding};

use super::parse::{advance, forbidden_character, forbidden_message};
use crate::document::{declared_encoding, TextEncoding};
use crate::{Position, XliffError};

/// How much is read at a time (more while one piece of markup or one unit is longer).
const CHUNK: usize = 64 * 1024;

/// How many bytes are looked at to find a byte-order mark or an XML declaration.
const HEAD: usize = 1024;

enum Decoding {
    /// UTF-8: checked, not converted; a character cut by the end of a read waits here.
    Utf8 { pending: Vec<u8> },
    /// Anything else, through encoding_rs.
    Other(Box<Decoder>),
}

/// Decoded text of a document, a window at a time.
pub(crate) struct Feed<R> {
    input: R,
    decoding: Decoding,
    encoding: TextEncoding,
    /// The window.
    text: String,
    /// Offset of `text[0]` in the whole decoded text.
    start: usize,
    /// Where `text[0]` is.
    start_position: Position,
    /// The parser may read `text[..safe]`.
    safe: usize,
    scanner: Boundaries,
    /// Bytes read from the input so far (for error messages about encodings).
    bytes_read: usize,
    /// The input is exhausted.
    eof: bool,
    /// The window has been checked for characters XML forbids up to here.
    checked: usize,
    raw: Vec<u8>,
}

impl<R: Read> Feed<R> {
    /// Starts reading: the encoding is found from a byte-order mark or the XML declaration.
    pub(crate) fn new(mut input: R) -> Result<Self, XliffError> {
        let mut head = Vec::with_capacity(HEAD);
        (&mut input)
            .take(HEAD as u64)
            .read_to_end(&mut head)
            .map_err(|source| XliffError::Io {
                path: "input".into(),
                source,
            })?;
        let (encoding, skip) = detect(&head)?;
        let decoding = match encoding {
            TextEncoding::Utf8 | TextEncoding::Utf8Bom => Decoding::Utf8 {
                pending: Vec::new(),
            },
            TextEncoding::Utf16Le => Decoding::Other(Box::new(
                encoding_rs::UTF_16LE.new_decoder_without_bom_handling(),
            )),
            TextEncoding::Utf16Be => Decoding::Other(Box::new(
                encoding_rs::UTF_16BE.new_decoder_without_bom_handling(),
            )),
            TextEncoding::Declared(encoding) => {
                Decoding::Other(Box::new(encoding.new_decoder_without_bom_handling()))
            }
        };
        let mut feed = Feed {
            input,
            decoding,
            encoding,
            text: String::new(),
            start: 0,
            start_position: Position { line: 1, column: 1 },
            safe: 0,
            scanner: Boundaries::default(),
            bytes_read: 0,
            eof: false,
            checked: 0,
            raw: Vec::new(),
        };
        let body = head.get(skip..).unwrap_or_default().to_vec();
        feed.bytes_read = skip;
        feed.decode(&body, false)?;
        Ok(feed)
    }

    /// How the input is encoded.
    pub(crate) fn encoding(&self) -> TextEncoding {
        self.encoding
    }

    /// The window.
    pub(crate) fn text(&self) -> &str {
        &self.text
    }

    /// Offset of the window's first byte in the whole text, and where it is.
    pub(crate) fn start(&self) -> (usize, Position) {
        (self.start, self.start_position)
    }

    /// The parser may read the window up to here (relative to the window).
    pub(crate) fn safe(&self) -> usize {
        self.safe
    }

    /// True once the whole input is in the window and may be read.
    pub(crate) fn is_finished(&self) -> bool {
        self.eof && self.safe == self.text.len()
    }

    /// Drops the text before `keep_from` (an offset in the whole text) and reads on until the
    /// parser can go further than before or the input ends.
    /// `position` is where `keep_from` is, when the caller knows.
    pub(crate) fn advance(
        &mut self,
        keep_from: usize,
        position: Option<Position>,
    ) -> Result<(), XliffError> {
        let drop = keep_from
            .saturating_sub(self.start)
            .min(self.safe)
            .min(self.text.len());
        if drop > 0 {
            let mut cut = drop;
            while !self.text.is_char_boundary(cut) {
                cut -= 1;
            }
            self.start_position = match position {
                Some(position) if self.start + cut == keep_from => position,
                _ => advance(&self.text, 0, self.start_position, cut),
            };
            self.text.drain(..cut);
            self.start += cut;
            self.safe -= cut;
            self.checked -= cut;
            self.scanner.shift(cut);
        }
        let before = self.safe;
        while !self.eof && self.safe == before {
            // A long piece of markup makes the reads grow, so it is scanned O(its length) times.
            let want = CHUNK.max(self.text.len() - self.safe);
            self.raw.resize(want, 0);
            let read = loop {
                match self.input.read(&mut self.raw) {
                    Ok(n) => break n,
                    Err(error) if error.kind() == std::io::ErrorKind::Interrupted => continue,
                    Err(source) => {
                        return Err(XliffError::Io {
                            path: "input".into(),
                            source,
                        })
                    }
                }
            };
            let chunk = std::mem::take(&mut self.raw);
            let result = self.decode(chunk.get(..read).unwrap_or_default(), read == 0);
            self.raw = chunk;
            result?;
        }
        Ok(())
    }

    /// Decodes `bytes` onto the window (`last`: the input ended), checks the new text and moves
    /// the safe end.
    fn decode(&mut self, bytes: &[u8], last: bool) -> Result<(), XliffError> {
        let offset = self.bytes_read;
        self.bytes_read += bytes.len();
        match &mut self.decoding {
            Decoding::Utf8 { pending } => {
                // A character cut by the last read is completed first; the rest is checked and
                // copied in one go.
                let mut bytes = bytes;
                if !pending.is_empty() {
                    let wanted = utf8_length(pending.first().copied().unwrap_or(0))
                        .saturating_sub(pending.len());
                    let take = wanted.min(bytes.len());
                    pending.extend_from_slice(bytes.get(..take).unwrap_or_default());
                    bytes = bytes.get(take..).unwrap_or_default();
                    if take == wanted {
                        match std::str::from_utf8(pending) {
                            Ok(character) => self.text.push_str(character),
                            Err(_) => {
                                return Err(not_utf8(
                                    &self.text,
                                    self.start_position,
                                    pending,
                                    0,
                                    offset - (pending.len() - take),
                                ))
                            }
                        }
                        pending.clear();
                    } else if !last {
                        return Ok(());
                    }
                }
                if !pending.is_empty() {
                    // The input ended inside a character.
                    return Err(not_utf8(
                        &self.text,
                        self.start_position,
                        pending,
                        0,
                        self.bytes_read - pending.len(),
                    ));
                }
                let base = self.bytes_read - bytes.len();
                match std::str::from_utf8(bytes) {
                    Ok(text) => self.text.push_str(text),
                    Err(error) => {
                        let valid = error.valid_up_to();
                        let prefix = bytes.get(..valid).unwrap_or_default();
                        self.text
                            .push_str(std::str::from_utf8(prefix).unwrap_or_default());
                        if error.error_len().is_some() || last {
                            return Err(not_utf8(
                                &self.text,
                                self.start_position,
                                bytes,
                                valid,
                                base + valid,
                            ));
                        }
                        pending.extend_from_slice(bytes.get(valid..).unwrap_or_default());
                    }
                }
            }
            Decoding::Other(decoder) => {
                let needed = decoder
                    .max_utf8_buffer_length_without_replacement(bytes.len())
                    .unwrap_or(bytes.len() * 3 + 16);
                self.text.reserve(needed);
                let (result, _) =
                    decoder.decode_to_string_without_replacement(bytes, &mut self.text, last);
                if let DecoderResult::Malformed(..) = result {
                    let name = match self.encoding {
                        TextEncoding::Utf16Le | TextEncoding::Utf16Be => "UTF-16",
                        TextEncoding::Declared(encoding) => encoding.name(),
                        _ => "UTF-8",
                    };
                    return Err(XliffError::Malformed {
                        position: advance(&self.text, 0, self.start_position, self.text.len()),
                        message: format!("bytes that are not {name}"),
                    });
                }
            }
        }
        if last {
            self.eof = true;
        }
        self.check_new_text()?;
        self.safe = if self.eof {
            self.text.len()
        } else {
            self.scanner.scan(&self.text).max(self.safe)
        };
        Ok(())
    }

    /// Refuses a character XML does not allow anywhere, naming where it is.
    fn check_new_text(&mut self) -> Result<(), XliffError> {
        let new = self.text.get(self.checked..).unwrap_or_default();
        if let Some((at, c)) = forbidden_character(new) {
            return Err(XliffError::Malformed {
                position: advance(&self.text, 0, self.start_position, self.checked + at),
                message: forbidden_message(c),
            });
        }
        self.checked = self.text.len();
        Ok(())
    }
}

/// How many bytes the UTF-8 sequence starting with `first` has (1 for a byte that starts none).
fn utf8_length(first: u8) -> usize {
    match first {
        0xF0..=0xF7 => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

/// The error for bytes that are not UTF-8: `bytes[at]` is the first bad one, at offset `offset`
/// of the input, just after the window's `text` (which starts at `start`).
fn not_utf8(text: &str, start: Position, bytes: &[u8], at: usize, offset: usize) -> XliffError {
    let end = advance(text, 0, start, text.len());
    XliffError::Malformed {
        position: end,
        message: format!(
            "not UTF-8 (byte 0x{:02X} at offset {offset}); only UTF-8, UTF-16 with a byte-order \
             mark and encodings named in the XML declaration are read",
            bytes.get(at).copied().unwrap_or(0)
        ),
    }
}

/// The encoding of a document from its first bytes, and how many bytes its byte-order mark
/// takes.
fn detect(head: &[u8]) -> Result<(TextEncoding, usize), XliffError> {
    let at_start = |message: String| XliffError::Malformed {
        position: Position { line: 1, column: 1 },
        message,
    };
    Ok(match head {
        [0xEF, 0xBB, 0xBF, ..] => (TextEncoding::Utf8Bom, 3),
        [0xFF, 0xFE, ..] => (TextEncoding::Utf16Le, 2),
        [0xFE, 0xFF, ..] => (TextEncoding::Utf16Be, 2),
        _ => match declared_encoding(head)
            .map(|label| (label, Encoding::for_label(label.as_bytes())))
        {
            Some((_, Some(encoding)))
                if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE =>
            {
                return Err(at_start(
                    "UTF-16 declared but the file has no byte-order mark".into(),
                ))
            }
            Some((_, Some(encoding))) if encoding != encoding_rs::UTF_8 => {
                (TextEncoding::Declared(encoding), 0)
            }
            Some((label, None)) => {
                return Err(at_start(format!(
                    "unknown encoding {label:?} in the XML declaration"
                )))
            }
            _ => (TextEncoding::Utf8, 0),
        },
    })
}

/// Finds the places where the parser may stop: just after a piece of markup, outside any
/// element whose local name is that of a unit (`unit`, `trans-unit`, `bin-unit`, in any
/// namespace: the parser decides what really is a unit, and a few extra places kept whole do no
/// harm). Comments, CDATA sections, processing instructions, document type declarations and
/// quoted attribute values are skipped as a whole, so a `<` or `>` in them is never taken for
/// markup.
#[derive(Debug, Default)]
struct Boundaries {
    /// Scanned up to here (at a `<` whose markup was not complete yet, or the end).
    at: usize,
    /// Depth inside a unit, when in one.
    inside: Option<usize>,
    /// The last boundary found.
    safe: usize,
}

/// What a piece of markup starting at `<` turned out to be.
enum Markup {
    /// Not complete in the text yet.
    Incomplete,
    /// A comment, CDATA, PI or declaration ending at the offset.
    Other(usize),
    /// An end tag ending at the offset.
    End(usize),
    /// A start tag ending at the offset; whether it is an empty-element tag and whether its
    /// local name is that of a unit.
    Start { end: usize, empty: bool, unit: bool },
}

impl Boundaries {
    fn shift(&mut self, by: usize) {
        self.at = self.at.saturating_sub(by);
        self.safe = self.safe.saturating_sub(by);
    }

    /// Scans on to the end of `text`; returns the last boundary.
    fn scan(&mut self, text: &str) -> usize {
        let bytes = text.as_bytes();
        while let Some(found) = bytes
            .get(self.at..)
            .and_then(|rest| memchr::memchr(b'<', rest))
        {
            let open = self.at + found;
            let end = match markup(bytes, open) {
                Markup::Incomplete => {
                    self.at = open;
                    return self.safe;
                }
                Markup::Other(end) => end,
                Markup::End(end) => {
                    if let Some(depth) = self.inside {
                        self.inside = depth.checked_sub(1).filter(|d| *d > 0);
                    }
                    end
                }
                Markup::Start { end, empty, unit } => {
                    match (self.inside, empty) {
                        (Some(depth), false) => self.inside = Some(depth + 1),
                        (None, false) if unit => self.inside = Some(1),
                        _ => {}
                    }
                    end
                }
            };
            if self.inside.is_none() {
                self.safe = end;
            }
            self.at = end;
        }
        self.at = bytes.len();
        self.safe
    }
}

/// Reads the markup that starts with the `<` at `open`.
fn markup(bytes: &[u8], open: usize) -> Markup {
    let rest = bytes.get(open..).unwrap_or_default();
    let after = |prefix: usize, terminator: &[u8]| -> Markup {
        match rest
            .get(prefix..)
            .and_then(|body| memchr::memmem::find(body, terminator))
        {
            Some(at) => Markup::Other(open + prefix + at + terminator.len()),
            None => Markup::Incomplete,
        }
    };
    match rest.get(1) {
        None => Markup::Incomplete,
        Some(b'!') => {
            if rest.len() < 9 && (b"<!--".starts_with(rest) || b"<![CDATA[".starts_with(rest)) {
                Markup::Incomplete
            } else if rest.starts_with(b"<!--") {
                after(4, b"-->")
            } else if rest.starts_with(b"<![CDATA[") {
                after(9, b"]]>")
            } else {
                declaration(rest).map_or(Markup::Incomplete, |end| Markup::Other(open + end))
            }
        }
        Some(b'?') => after(2, b"?>"),
        Some(b'/') => match memchr::memchr(b'>', rest) {
            Some(at) => Markup::End(open + at + 1),
            None => Markup::Incomplete,
        },
        Some(_) => {
            let name_end = rest
                .iter()
                .skip(1)
                .position(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'/' | b'>'))
                .map(|at| at + 1);
            let Some(name_end) = name_end else {
                return Markup::Incomplete;
            };
            let name = rest.get(1..name_end).unwrap_or_default();
            let local = name
                .iter()
                .rposition(|b| *b == b':')
                .map_or(name, |colon| name.get(colon + 1..).unwrap_or_default());
            let unit = matches!(local, b"unit" | b"trans-unit" | b"bin-unit");
            let mut quote = None;
            for (index, byte) in rest.iter().enumerate().skip(name_end) {
                match (quote, byte) {
                    (Some(q), b) if *b == q => quote = None,
                    (Some(_), _) => {}
                    (None, b'"' | b'\'') => quote = Some(*byte),
                    (None, b'>') => {
                        let empty = index > 0 && rest.get(index - 1) == Some(&b'/');
                        return Markup::Start {
                            end: open + index + 1,
                            empty,
                            unit,
                        };
                    }
                    (None, _) => {}
                }
            }
            Markup::Incomplete
        }
    }
}

/// The end of a `<!…>` declaration (a DOCTYPE with its internal subset) starting at `rest[0]`.
fn declaration(rest: &[u8]) -> Option<usize> {
    let mut depth = 0usize;
    let mut quote = None;
    let mut index = 2;
    while let Some(&byte) = rest.get(index) {
        match (quote, byte) {
            (Some(q), b) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(byte),
            (None, b'<') if rest.get(index..).is_some_and(|r| r.starts_with(b"<!--")) => {
                let body = rest.get(index + 4..)?;
                index += 4 + memchr::memmem::find(body, b"-->")? + 2;
            }
            (None, b'[') => depth += 1,
            (None, b']') => depth = depth.saturating_sub(1),
            (None, b'>') if depth == 0 => return Some(index + 1),
            (None, _) => {}
        }
        index += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader that gives a few bytes at a time.
    struct Trickle<'a> {
        bytes: &'a [u8],
        step: usize,
    }

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.step.min(buf.len()).min(self.bytes.len());
            buf[..n].copy_from_slice(&self.bytes[..n]);
            self.bytes = &self.bytes[n..];
            Ok(n)
        }
    }

    fn boundaries(text: &str) -> Vec<usize> {
        let mut scanner = Boundaries::default();
        let mut found = Vec::new();
        for end in 1..=text.len() {
            if !text.is_char_boundary(end) {
                continue;
            }
            let safe = scanner.scan(&text[..end]);
            if found.last() != Some(&safe) && safe > 0 {
                found.push(safe);
            }
        }
        found
    }

    #[test]
    fn boundaries_fall_after_markup_and_never_inside_a_unit() {
        let text = "<x a='>'><!-- <unit> --><unit id=\"1\"><s>a&lt;b</s></unit>\n<y/></x>";
        let found = boundaries(text);
        let unit_start = text.find("<unit id").unwrap();
        let unit_end = text.find("</unit>").unwrap() + "</unit>".len();
        assert!(found.iter().all(|&b| b <= unit_start || b >= unit_end));
        assert!(found.contains(&unit_end));
        assert!(found.contains(&text.find("<!--").unwrap()));
        assert_eq!(found.last(), Some(&text.len()));
    }

    #[test]
    fn a_doctype_subset_and_cdata_are_skipped_whole() {
        let text = "<!DOCTYPE x [<!-- > --><!ELEMENT x ANY>]><x><![CDATA[<unit>]]></x>";
        let found = boundaries(text);
        assert!(found.contains(&text.find("<x>").unwrap()));
        assert_eq!(found.last(), Some(&text.len()));
    }

    #[test]
    fn text_arrives_whole_whatever_the_reads() {
        let text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><x>Grüße 👋</x>";
        let mut feed = Feed::new(Trickle {
            bytes: text.as_bytes(),
            step: 3,
        })
        .unwrap();
        while !feed.is_finished() {
            feed.advance(0, None).unwrap();
        }
        assert_eq!(feed.text(), text);
    }

    #[test]
    fn declared_encodings_are_decoded_as_they_come() {
        let mut bytes = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><x>".to_vec();
        bytes.extend([0xE4, b'<', b'/', b'x', b'>']);
        let mut feed = Feed::new(Trickle {
            bytes: &bytes,
            step: 5,
        })
        .unwrap();
        while !feed.is_finished() {
            feed.advance(0, None).unwrap();
        }
        assert!(feed.text().ends_with("<x>ä</x>"));
    }

    #[test]
    fn bad_bytes_are_an_error_with_their_place() {
        let bytes = b"<x>\n ab\xFFcd</x>";
        let error = Feed::new(&bytes[..])
            .and_then(|mut feed| {
                while !feed.is_finished() {
                    feed.advance(0, None)?;
                }
                Ok(())
            })
            .unwrap_err();
        let text = error.to_string();
        assert!(text.contains("0xFF at offset 7"), "{text}");
        assert!(text.contains("2:4"), "{text}");
    }
}
