//! A whole XLIFF document: version, encoding and the tree, read and written losslessly.

use std::path::Path;

use crate::xml::{self, Element, Limits, Node, WriteMode};
use crate::{Position, XliffError};

pub(crate) use crate::namespaces::{NS_XLIFF_11, NS_XLIFF_12, NS_XLIFF_20, NS_XLIFF_22};

/// The XLIFF versions this crate reads and writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Version {
    /// XLIFF 1.0 (no namespace).
    V1_0,
    /// XLIFF 1.1.
    V1_1,
    /// XLIFF 1.2.
    V1_2,
    /// XLIFF 2.0.
    V2_0,
    /// XLIFF 2.1.
    V2_1,
    /// XLIFF 2.2.
    V2_2,
}

impl Version {
    /// True for 2.0, 2.1 and 2.2.
    pub fn is_2x(self) -> bool {
        self >= Version::V2_0
    }

    /// The version number as written in the `version` attribute.
    pub fn as_str(self) -> &'static str {
        match self {
            Version::V1_0 => "1.0",
            Version::V1_1 => "1.1",
            Version::V1_2 => "1.2",
            Version::V2_0 => "2.0",
            Version::V2_1 => "2.1",
            Version::V2_2 => "2.2",
        }
    }

    /// Parses "1.2", "2.1", ...
    pub fn parse(text: &str) -> Option<Self> {
        Some(match text {
            "1.0" => Version::V1_0,
            "1.1" => Version::V1_1,
            "1.2" => Version::V1_2,
            "2.0" => Version::V2_0,
            "2.1" => Version::V2_1,
            "2.2" => Version::V2_2,
            _ => return None,
        })
    }

    /// The namespace a new document of this version is written in.
    pub fn namespace(self) -> &'static str {
        match self {
            Version::V1_0 => "",
            Version::V1_1 => NS_XLIFF_11,
            Version::V1_2 => NS_XLIFF_12,
            Version::V2_0 | Version::V2_1 => NS_XLIFF_20,
            Version::V2_2 => NS_XLIFF_22,
        }
    }
}

impl std::fmt::Display for Version {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How the file was encoded; a document is written back the same way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TextEncoding {
    /// UTF-8, with or without a byte-order mark.
    #[default]
    Utf8,
    /// UTF-8 with a byte-order mark.
    Utf8Bom,
    /// UTF-16 little-endian with a byte-order mark.
    Utf16Le,
    /// UTF-16 big-endian with a byte-order mark.
    Utf16Be,
    /// Another encoding named in the XML declaration (ISO-8859-1, windows-1252, ...). Characters
    /// it cannot represent are written as character references.
    Declared(&'static encoding_rs::Encoding),
}

/// The `encoding` named in an XML declaration at the start of `bytes`, if any.
pub(crate) fn declared_encoding(bytes: &[u8]) -> Option<&str> {
    let head = bytes.get(..bytes.len().min(200))?;
    let head = std::str::from_utf8(head)
        .or_else(|e| std::str::from_utf8(head.get(..e.valid_up_to()).unwrap_or(&[])))
        .ok()?;
    let declaration = head.strip_prefix("<?xml")?;
    let declaration = declaration.get(..declaration.find("?>")?)?;
    let after = declaration.get(declaration.find("encoding")? + "encoding".len()..)?;
    let after = after.trim_start().strip_prefix('=')?.trim_start();
    let quote = after.chars().next()?;
    let value = after.get(1..)?;
    value.get(..value.find(quote)?)
}

/// An XLIFF document of any supported version.
///
/// Reading keeps the exact text of every tag, comment, processing instruction, CDATA section and
/// all whitespace, so [`Document::to_bytes`] of an unmodified document gives back the input.
/// Changes made through the model (see [`Unit`](crate::Unit) and [`Document::set_target`]) replace only the elements they touch.
///
/// # Example
/// ```
/// use werkbank_xliff::{Document, Version};
///
/// let text = r#"<?xml version="1.0"?>
/// <xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="de" trgLang="en">
///   <file id="f1"><unit id="u1"><segment><source>Hallo.</source></segment></unit></file>
/// </xliff>
/// "#;
/// let document = Document::parse(text.as_bytes())?;
/// assert_eq!(document.version(), Version::V2_1);
/// assert_eq!(document.to_bytes(), text.as_bytes());
/// # Ok::<(), werkbank_xliff::XliffError>(())
/// ```
#[derive(Debug, Clone)]
pub struct Document {
    version: Version,
    encoding: TextEncoding,
    /// Declaration, comments and whitespace before the root.
    pub prolog: Vec<Node>,
    /// The `xliff` element.
    pub(crate) root: Element,
    /// Whatever follows the root.
    pub epilog: Vec<Node>,
    /// Namespace problems the reader let pass (undeclared prefixes), with where.
    problems: Vec<(Position, String)>,
}

/// Decodes the bytes of an XML file: UTF-8 (BOM optional) or UTF-16 with a BOM.
pub fn decode(bytes: &[u8]) -> Result<(String, TextEncoding), XliffError> {
    let utf16 = |little: bool, body: &[u8]| -> Result<String, XliffError> {
        if !body.len().is_multiple_of(2) {
            return Err(XliffError::Malformed {
                position: Position::default(),
                message: "UTF-16 text with an odd number of bytes".into(),
            });
        }
        let units = body.chunks_exact(2).map(|pair| match pair {
            [a, b] if little => u16::from_le_bytes([*a, *b]),
            [a, b] => u16::from_be_bytes([*a, *b]),
            _ => 0,
        });
        char::decode_utf16(units)
            .collect::<Result<String, _>>()
            .map_err(|error| XliffError::Malformed {
                position: Position::default(),
                message: format!("invalid UTF-16: {error}"),
            })
    };
    let utf8 = |body: &[u8]| -> Result<String, XliffError> {
        String::from_utf8(body.to_vec()).map_err(|error| {
            let valid = error.utf8_error().valid_up_to();
            let prefix = std::str::from_utf8(body.get(..valid).unwrap_or(&[])).unwrap_or("");
            XliffError::Malformed {
                position: xml::position_at(prefix, prefix.len()),
                message: format!(
                    "not UTF-8 (byte 0x{:02X} at offset {valid}); only UTF-8 and UTF-16 with a byte-order mark are read",
                    body.get(valid).copied().unwrap_or(0)
                ),
            }
        })
    };
    match bytes {
        [0xEF, 0xBB, 0xBF, rest @ ..] => Ok((utf8(rest)?, TextEncoding::Utf8Bom)),
        [0xFF, 0xFE, rest @ ..] => Ok((utf16(true, rest)?, TextEncoding::Utf16Le)),
        [0xFE, 0xFF, rest @ ..] => Ok((utf16(false, rest)?, TextEncoding::Utf16Be)),
        _ => match declared_encoding(bytes)
            .map(|label| (label, encoding_rs::Encoding::for_label(label.as_bytes())))
        {
            Some((_, Some(encoding))) if encoding != encoding_rs::UTF_8 => {
                if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
                    return Err(XliffError::Malformed {
                        position: Position { line: 1, column: 1 },
                        message: "UTF-16 declared but the file has no byte-order mark".into(),
                    });
                }
                match encoding.decode_without_bom_handling_and_without_replacement(bytes) {
                    Some(text) => Ok((text.into_owned(), TextEncoding::Declared(encoding))),
                    None => Err(XliffError::Malformed {
                        position: Position { line: 1, column: 1 },
                        message: format!("bytes that are not {}", encoding.name()),
                    }),
                }
            }
            Some((label, None)) => Err(XliffError::Malformed {
                position: Position { line: 1, column: 1 },
                message: format!("unknown encoding {label:?} in the XML declaration"),
            }),
            _ => Ok((utf8(bytes)?, TextEncoding::Utf8)),
        },
    }
}

/// Encodes text the way it was read.
pub fn encode(text: &str, encoding: TextEncoding) -> Vec<u8> {
    match encoding {
        TextEncoding::Utf8 => text.as_bytes().to_vec(),
        TextEncoding::Utf8Bom => {
            let mut out = vec![0xEF, 0xBB, 0xBF];
            out.extend_from_slice(text.as_bytes());
            out
        }
        TextEncoding::Declared(encoding) => encoding.encode(text).0.into_owned(),
        TextEncoding::Utf16Le | TextEncoding::Utf16Be => {
            let little = encoding == TextEncoding::Utf16Le;
            let mut out = if little {
                vec![0xFF, 0xFE]
            } else {
                vec![0xFE, 0xFF]
            };
            for unit in text.encode_utf16() {
                let pair = if little {
                    unit.to_le_bytes()
                } else {
                    unit.to_be_bytes()
                };
                out.extend_from_slice(&pair);
            }
            out
        }
    }
}

/// Which XLIFF version a root element declares.
pub fn detect_version(root: &Element) -> Result<Version, XliffError> {
    let not_xliff = |message: String| XliffError::NotXliff {
        position: root.position,
        message,
    };
    if root.local_name() != "xliff" {
        return Err(not_xliff(format!(
            "the root element is <{}>, not <xliff>",
            root.name
        )));
    }
    let declared = root.attr("version");
    let version = match root.ns() {
        NS_XLIFF_12 => Version::V1_2,
        NS_XLIFF_11 => Version::V1_1,
        NS_XLIFF_20 => match declared {
            Some("2.1") => Version::V2_1,
            Some("2.2") => Version::V2_2,
            _ => Version::V2_0,
        },
        NS_XLIFF_22 => Version::V2_2,
        "" => match declared.and_then(Version::parse) {
            Some(version) if !version.is_2x() => version,
            _ => {
                return Err(not_xliff(format!(
                    "<xliff> without a namespace and with version {:?}",
                    declared.unwrap_or("")
                )))
            }
        },
        other => {
            return Err(not_xliff(format!(
                "<xliff> in the unknown namespace {other:?}"
            )))
        }
    };
    Ok(version)
}

impl Document {
    /// Reads a document from bytes with the default [`Limits`].
    pub fn parse(bytes: &[u8]) -> Result<Self, XliffError> {
        Self::parse_with_limits(bytes, Limits::default())
    }

    /// Reads a document from bytes with the given limits.
    pub fn parse_with_limits(bytes: &[u8], limits: Limits) -> Result<Self, XliffError> {
        let (text, encoding) = decode(bytes)?;
        let parsed = xml::parse(&text, limits)?;
        let version = detect_version(&parsed.root)?;
        Ok(Self {
            version,
            encoding,
            prolog: parsed.prolog,
            root: parsed.root,
            epilog: parsed.epilog,
            problems: parsed.problems,
        })
    }

    /// Reads a file; errors name the file.
    pub fn read_file(path: &Path) -> Result<Self, XliffError> {
        let bytes = std::fs::read(path).map_err(|source| XliffError::Io {
            path: path.display().to_string(),
            source,
        })?;
        Self::parse(&bytes)
    }

    /// What the reader let pass although the file is not namespace-well-formed (a prefix used
    /// without a declaration), with where; the validator reports each.
    pub fn reading_problems(&self) -> &[(Position, String)] {
        &self.problems
    }

    /// The version the document declares.
    pub fn version(&self) -> Version {
        self.version
    }

    /// The encoding it was read in (and is written in).
    pub fn encoding(&self) -> TextEncoding {
        self.encoding
    }

    /// Sets the encoding used by [`Document::to_bytes`].
    pub fn set_encoding(&mut self, encoding: TextEncoding) {
        self.encoding = encoding;
    }

    /// The namespace of the core elements (`urn:...:document:1.2`, `...:2.0`, ...).
    pub fn core_namespace(&self) -> &str {
        self.root.ns()
    }

    /// The document as text, reusing the original text of everything unchanged.
    pub fn to_text(&self, mode: WriteMode) -> String {
        let mut out = String::new();
        for node in &self.prolog {
            xml::write_node(node, mode, &mut out);
        }
        xml::write_element(&self.root, mode, &mut out);
        for node in &self.epilog {
            xml::write_node(node, mode, &mut out);
        }
        out
    }

    /// The document as bytes in its original encoding.
    pub fn to_bytes(&self) -> Vec<u8> {
        encode(&self.to_text(WriteMode::Preserve), self.encoding)
    }
}
