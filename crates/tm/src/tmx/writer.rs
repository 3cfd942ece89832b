//! The streaming TMX writer.

use std::collections::HashMap;
use std::io::{self, Write};

use werkbank_model::{CodeKind, Content, ContentItem, InlineCode};

use super::{TmxHeader, TmxUnit};

/// Writes a TMX 1.4b document unit by unit.
///
/// # Example
/// ```
/// use werkbank_model::{Content, TranslationUnit};
/// use werkbank_tm::tmx::{TmxHeader, TmxReader, TmxUnit, TmxWriter};
///
/// let unit = TranslationUnit::new(
///     "de-DE".parse()?,
///     "en-US".parse()?,
///     Content::from_text("Speichern & beenden"),
///     Content::from_text("Save & quit"),
/// );
/// let mut writer = TmxWriter::new(Vec::new(), &TmxHeader::for_source_language("de-DE"))?;
/// writer.write_unit(&TmxUnit::from_translation_unit(&unit))?;
/// let bytes = writer.finish()?;
/// let back = TmxReader::new(bytes.as_slice())?.next().unwrap()?;
/// let back = back.to_translation_unit(&"de-DE".parse()?, &"en-US".parse()?).unwrap();
/// assert_eq!(back, unit);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct TmxWriter<W: Write> {
    out: W,
}

impl TmxHeader {
    /// A header with the attributes TMX requires, written by werkbank.
    pub fn for_source_language(source_language: &str) -> Self {
        let attributes = [
            ("creationtool", "werkbank"),
            ("creationtoolversion", env!("CARGO_PKG_VERSION")),
            ("segtype", "sentence"),
            ("o-tmf", "werkbank"),
            ("adminlang", "en"),
            ("srclang", source_language),
            ("datatype", "plaintext"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        TmxHeader {
            source_language: Some(source_language.to_string()),
            attributes,
            properties: Vec::new(),
            notes: Vec::new(),
        }
    }
}

impl<W: Write> TmxWriter<W> {
    /// Writes the XML declaration, the header and the opening of the body.
    pub fn new(mut out: W, header: &TmxHeader) -> io::Result<Self> {
        out.write_all(
            b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n  <header",
        )?;
        write_attributes(&mut out, &header.attributes)?;
        if header.properties.is_empty() && header.notes.is_empty() {
            out.write_all(b"/>\n")?;
        } else {
            out.write_all(b">\n")?;
            write_meta(&mut out, "    ", &header.properties, &header.notes)?;
            out.write_all(b"  </header>\n")?;
        }
        out.write_all(b"  <body>\n")?;
        Ok(Self { out })
    }

    /// Writes one unit.
    pub fn write_unit(&mut self, unit: &TmxUnit) -> io::Result<()> {
        let out = &mut self.out;
        out.write_all(b"    <tu")?;
        write_attributes(out, &unit.attributes)?;
        out.write_all(b">\n")?;
        write_meta(out, "      ", &unit.properties, &unit.notes)?;
        for variant in &unit.variants {
            out.write_all(b"      <tuv xml:lang=\"")?;
            out.write_all(escape_attribute(&variant.language).as_bytes())?;
            out.write_all(b"\"")?;
            write_attributes(out, &variant.attributes)?;
            out.write_all(b">\n")?;
            write_meta(out, "        ", &variant.properties, &variant.notes)?;
            out.write_all(b"        <seg>")?;
            out.write_all(segment_markup(&variant.content).as_bytes())?;
            out.write_all(b"</seg>\n      </tuv>\n")?;
        }
        out.write_all(b"    </tu>\n")
    }

    /// Closes the body and the document and returns the output.
    pub fn finish(mut self) -> io::Result<W> {
        self.out.write_all(b"  </body>\n</tmx>\n")?;
        self.out.flush()?;
        Ok(self.out)
    }
}

fn write_attributes(out: &mut impl Write, attributes: &[(String, String)]) -> io::Result<()> {
    for (key, value) in attributes {
        write!(out, " {}=\"{}\"", key, escape_attribute(value))?;
    }
    Ok(())
}

fn write_meta(
    out: &mut impl Write,
    indent: &str,
    properties: &[(String, String)],
    notes: &[String],
) -> io::Result<()> {
    for note in notes {
        writeln!(out, "{indent}<note>{}</note>", escape_text(note))?;
    }
    for (kind, value) in properties {
        writeln!(
            out,
            "{indent}<prop type=\"{}\">{}</prop>",
            escape_attribute(kind),
            escape_text(value)
        )?;
    }
    Ok(())
}

/// Characters XML 1.0 cannot carry at all.
fn is_forbidden_in_xml(ch: char) -> bool {
    matches!(ch, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}')
}

fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c if is_forbidden_in_xml(c) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

fn escape_attribute(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '"' => out.push_str("&quot;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if is_forbidden_in_xml(c) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// The markup inside `<seg>` for content.
pub(crate) fn segment_markup(content: &Content) -> String {
    let mut out = String::new();
    let mut pair_numbers: HashMap<&str, usize> = HashMap::new();
    let mut next_number = 0usize;
    for item in content.items() {
        match item {
            ContentItem::Text(text) => {
                for ch in text.chars() {
                    if is_forbidden_in_xml(ch) {
                        out.push_str(&format!(
                            "<ph type=\"x-control\">{:04X}</ph>",
                            u32::from(ch)
                        ));
                    } else {
                        out.push_str(&escape_text(ch.encode_utf8(&mut [0; 4])));
                    }
                }
            }
            ContentItem::Code(code) => {
                write_code(&mut out, code, &mut pair_numbers, &mut next_number);
            }
        }
    }
    out
}

fn write_code<'a>(
    out: &mut String,
    code: &'a InlineCode,
    pair_numbers: &mut HashMap<&'a str, usize>,
    next_number: &mut usize,
) {
    let element = match (code.element.as_deref(), code.kind, code.isolated) {
        (Some(e @ ("bpt" | "ept" | "ph" | "it" | "ut" | "hi")), _, _) => e,
        (_, CodeKind::Standalone, _) => "ph",
        (_, _, true) => "it",
        (_, CodeKind::Opening, false) => "bpt",
        (_, CodeKind::Closing, false) => "ept",
    };
    if element == "hi" {
        if code.kind == CodeKind::Closing {
            out.push_str("</hi>");
            return;
        }
        out.push_str("<hi");
        push_id(out, "x", &code.id);
        push_rest(out, code);
        out.push('>');
        return;
    }
    out.push('<');
    out.push_str(element);
    if matches!(element, "bpt" | "ept") {
        let number = if code.id.parse::<u64>().is_ok() {
            code.id.clone()
        } else {
            let number = *pair_numbers.entry(code.id.as_str()).or_insert_with(|| {
                *next_number += 1;
                *next_number
            });
            number.to_string()
        };
        out.push_str(&format!(" i=\"{number}\""));
    } else {
        push_id(out, "x", &code.id);
    }
    if element == "it" {
        let pos = if code.kind == CodeKind::Closing {
            "end"
        } else {
            "begin"
        };
        out.push_str(&format!(" pos=\"{pos}\""));
    }
    push_rest(out, code);
    out.push('>');
    out.push_str(&escape_text(code.data.as_deref().unwrap_or_default()));
    out.push_str(&format!("</{element}>"));
}

/// TMX's `x` is a number; generated ids ("auto1") are left out and generated again on reading.
fn push_id(out: &mut String, key: &str, id: &str) {
    if id.parse::<u64>().is_ok() {
        out.push_str(&format!(" {key}=\"{id}\""));
    }
}

fn push_rest(out: &mut String, code: &InlineCode) {
    if let Some(code_type) = &code.code_type {
        out.push_str(&format!(" type=\"{}\"", escape_attribute(code_type)));
    }
    for (key, value) in &code.attributes {
        out.push_str(&format!(" {}=\"{}\"", key, escape_attribute(value)));
    }
}
