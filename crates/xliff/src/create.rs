//! Creating XLIFF for translators from plain text, segmented with `werkbank-segment`.
//!
//! Each paragraph (text between blank lines) becomes one unit, each sentence one segment. The
//! whitespace between sentences of a paragraph is kept in the unit: as `ignorable`s in XLIFF 2,
//! and as text between the `mrk mtype="seg"` markers of `seg-source` in XLIFF 1.2. The
//! whitespace before, between and after paragraphs only lays the document out: it is not part of
//! any unit's text but of the document's skeleton, which the file carries (XLIFF 2
//! `<skeleton>`, XLIFF 1.2 `<header><skl><internal-file>`). So the translated document can be
//! put together again with the original layout, and tools that show a unit's `<source>` show
//! the paragraph without line breaks around it.

use werkbank_model::{LanguageTag, Skeleton, SkeletonPart};
use werkbank_segment::Segmenter;

use crate::xml::{escape_attribute, escape_text};
use crate::{Document, Version, XliffError};

/// What [`create`] needs besides the text.
#[derive(Debug, Clone)]
pub struct CreateOptions {
    /// The language of the text.
    pub source_language: LanguageTag,
    /// The language it is to be translated into.
    pub target_language: LanguageTag,
    /// The XLIFF version to write.
    pub version: Version,
    /// The name of the original document (1.2 `original`, 2.x `original`).
    pub original: String,
}

/// One paragraph: its sentences and the whitespace around them, in order.
#[derive(Debug, Clone, PartialEq)]
enum Piece<'a> {
    Sentence(&'a str),
    Whitespace(&'a str),
}

fn paragraphs<'a>(text: &'a str, segmenter: &Segmenter) -> Result<Vec<Vec<Piece<'a>>>, XliffError> {
    let spans = segmenter.split(text).map_err(|error| XliffError::Model {
        message: format!("segmentation failed: {error}"),
    })?;
    let mut out: Vec<Vec<Piece<'a>>> = Vec::new();
    let mut current: Vec<Piece<'a>> = Vec::new();
    let mut position = 0;
    let mut paragraph = None;
    for span in &spans {
        let gap = text.get(position..span.start).unwrap_or("");
        if !gap.is_empty() {
            // Whitespace between paragraphs ends the earlier one; before the first sentence it
            // starts the first paragraph.
            current.push(Piece::Whitespace(gap));
        }
        if paragraph.is_some_and(|p| p != span.paragraph) {
            out.push(std::mem::take(&mut current));
        }
        paragraph = Some(span.paragraph);
        current.push(Piece::Sentence(span.text(text)));
        position = span.end;
    }
    let tail = text.get(position..).unwrap_or("");
    if !tail.is_empty() {
        current.push(Piece::Whitespace(tail));
    }
    if !current.is_empty() {
        out.push(current);
    }
    Ok(out)
}

/// Escaped text; characters XML cannot carry are written by `invalid`.
fn text_with(value: &str, out: &mut String, invalid: &mut dyn FnMut(char, &mut String)) {
    let mut run = String::new();
    for c in value.chars() {
        if crate::inline::is_xml_char(c) {
            run.push(c);
        } else {
            escape_text(&std::mem::take(&mut run), out);
            invalid(c, out);
        }
    }
    escape_text(&run, out);
}

/// XLIFF 2 text: a character XML cannot carry becomes `<cp>`.
pub(crate) fn text_2(value: &str, out: &mut String) {
    text_with(value, out, &mut |c, out| {
        out.push_str(&format!("<cp hex=\"{:04X}\"/>", c as u32))
    });
}

/// XLIFF 1.2 text: a character XML cannot carry becomes a `ph` of ctype x-control holding its
/// code point.
fn text_12(value: &str, counter: &mut usize, out: &mut String) {
    text_with(value, out, &mut |c, out| {
        *counter += 1;
        out.push_str(&format!(
            "<ph id=\"c{counter}\" ctype=\"x-control\">{:04X}</ph>",
            c as u32
        ));
    });
}

fn attribute(value: &str) -> String {
    let mut out = String::new();
    escape_attribute(value, &mut out);
    out
}

/// Creates an XLIFF document for translating `text`.
///
/// ```
/// use werkbank_segment::Segmenter;
/// use werkbank_xliff::create::{create, CreateOptions};
/// use werkbank_xliff::Version;
///
/// let de = "de".parse()?;
/// let segmenter = Segmenter::builtin(&de)?;
/// let options = CreateOptions {
///     source_language: de,
///     target_language: "en".parse()?,
///     version: Version::V2_1,
///     original: "brief.txt".into(),
/// };
/// let document = create("Guten Tag. Wie geht es?\n\nBis bald.\n", &segmenter, &options)?;
/// let units = document.units()?;
/// assert_eq!(units.len(), 2);
/// let sentences: Vec<_> = units[0].segments().map(|s| s.source.plain_text().to_string()).collect();
/// assert_eq!(sentences, ["Guten Tag.", "Wie geht es?"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn create(
    text: &str,
    segmenter: &Segmenter,
    options: &CreateOptions,
) -> Result<Document, XliffError> {
    let paragraphs = paragraphs(text, segmenter)?;
    let layout = Layout::of(&paragraphs);
    if layout.units.is_empty() {
        return Err(XliffError::Model {
            message: "the document has no text to translate".into(),
        });
    }
    let written = if options.version.is_2x() {
        write_2(&layout, options)
    } else {
        write_12(&layout, options)
    };
    Document::parse(written.as_bytes())
}

/// The units of a document (one per paragraph, from its first sentence to its last) and the
/// skeleton around them: the whitespace before, between and after paragraphs, which only lays
/// the document out and so is not part of any unit's text.
struct Layout<'p, 'a> {
    units: Vec<&'p [Piece<'a>]>,
    skeleton: Skeleton,
}

impl<'p, 'a> Layout<'p, 'a> {
    fn of(paragraphs: &'p [Vec<Piece<'a>>]) -> Self {
        let mut units = Vec::new();
        let mut parts = Vec::new();
        let mut layout = String::new();
        for paragraph in paragraphs {
            let first = paragraph
                .iter()
                .position(|p| matches!(p, Piece::Sentence(_)));
            let last = paragraph
                .iter()
                .rposition(|p| matches!(p, Piece::Sentence(_)));
            let (Some(first), Some(last)) = (first, last) else {
                for piece in paragraph {
                    layout.push_str(piece.text());
                }
                continue;
            };
            for piece in paragraph.get(..first).unwrap_or(&[]) {
                layout.push_str(piece.text());
            }
            if !layout.is_empty() {
                parts.push(SkeletonPart::Text(std::mem::take(&mut layout)));
            }
            units.push(paragraph.get(first..=last).unwrap_or(&[]));
            parts.push(SkeletonPart::Unit(format!("u{}", units.len())));
            for piece in paragraph.get(last + 1..).unwrap_or(&[]) {
                layout.push_str(piece.text());
            }
        }
        if !layout.is_empty() {
            parts.push(SkeletonPart::Text(layout));
        }
        Self {
            units,
            skeleton: Skeleton::new("text", parts),
        }
    }
}

impl Piece<'_> {
    fn text(&self) -> &str {
        match self {
            Piece::Sentence(text) | Piece::Whitespace(text) => text,
        }
    }
}

fn write_2(layout: &Layout<'_, '_>, options: &CreateOptions) -> String {
    let version = match options.version {
        Version::V2_0 | Version::V2_1 | Version::V2_2 => options.version,
        _ => Version::V2_1,
    };
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<xliff xmlns=\"{}\" version=\"{}\" srcLang=\"{}\" trgLang=\"{}\">\n",
        version.namespace(),
        version.as_str(),
        attribute(options.source_language.as_str()),
        attribute(options.target_language.as_str())
    ));
    out.push_str(&format!(
        " <file id=\"f1\" original=\"{}\">\n  <skeleton>",
        attribute(&options.original)
    ));
    escape_text(&layout.skeleton.to_json(), &mut out);
    out.push_str("</skeleton>\n");
    let (mut segment_number, mut ignorable_number) = (0, 0);
    for (index, paragraph) in layout.units.iter().enumerate() {
        out.push_str(&format!("  <unit id=\"u{}\">\n", index + 1));
        for piece in paragraph.iter() {
            let (element, id, text) = match piece {
                Piece::Sentence(sentence) => {
                    segment_number += 1;
                    ("segment", format!("s{segment_number}"), sentence)
                }
                Piece::Whitespace(space) => {
                    ignorable_number += 1;
                    ("ignorable", format!("i{ignorable_number}"), space)
                }
            };
            out.push_str(&format!(
                "   <{element} id=\"{id}\">\n    <source xml:space=\"preserve\">"
            ));
            text_2(text, &mut out);
            out.push_str(&format!("</source>\n   </{element}>\n"));
        }
        out.push_str("  </unit>\n");
    }
    out.push_str(" </file>\n</xliff>\n");
    out
}

/// The `form` of the 1.2 `internal-file` that holds werkbank's skeleton.
pub const SKELETON_FORM: &str = "application/x-werkbank-skeleton+json";

fn write_12(layout: &Layout<'_, '_>, options: &CreateOptions) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<xliff xmlns=\"{}\" version=\"1.2\">\n",
        Version::V1_2.namespace()
    ));
    out.push_str(&format!(
        " <file original=\"{}\" source-language=\"{}\" target-language=\"{}\" datatype=\"plaintext\">\n",
        attribute(&options.original),
        attribute(options.source_language.as_str()),
        attribute(options.target_language.as_str())
    ));
    out.push_str(&format!(
        "  <header>\n   <skl>\n    <internal-file form=\"{SKELETON_FORM}\">"
    ));
    escape_text(&layout.skeleton.to_json(), &mut out);
    out.push_str("</internal-file>\n   </skl>\n  </header>\n  <body>\n");
    let mut segment_number = 0;
    let mut controls = 0;
    for (index, paragraph) in layout.units.iter().enumerate() {
        out.push_str(&format!(
            "   <trans-unit id=\"u{}\" xml:space=\"preserve\">\n    <source>",
            index + 1
        ));
        let mut source_controls = controls;
        for piece in paragraph.iter() {
            text_12(piece.text(), &mut source_controls, &mut out);
        }
        out.push_str("</source>\n    <seg-source>");
        for piece in paragraph.iter() {
            match piece {
                Piece::Sentence(sentence) => {
                    segment_number += 1;
                    out.push_str(&format!("<mrk mtype=\"seg\" mid=\"s{segment_number}\">"));
                    text_12(sentence, &mut controls, &mut out);
                    out.push_str("</mrk>");
                }
                Piece::Whitespace(space) => text_12(space, &mut controls, &mut out),
            }
        }
        out.push_str("</seg-source>\n   </trans-unit>\n");
    }
    out.push_str("  </body>\n </file>\n</xliff>\n");
    out
}
