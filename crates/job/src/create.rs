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

use std::io::Write;

use werkbank_model::{Content, LanguageTag, Segment, Skeleton, SkeletonPart};
use werkbank_segment::{SegmentSpan, Segmenter};
use werkbank_xliff::writer::{NewFile, UnitStyle, XliffWriter};
use werkbank_xliff::{Document, Part, Unit, Version};

use crate::JobError;

/// What [`create`] needs besides the text.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct CreateOptions {
    /// The language of the text.
    pub source_language: LanguageTag,
    /// The language it is to be translated into.
    pub target_language: LanguageTag,
    /// The XLIFF version to write (2.1 unless set).
    pub version: Version,
    /// The name of the original document (1.2 `original`, 2.x `original`).
    pub original: String,
}

impl CreateOptions {
    /// XLIFF 2.1 for translating from `source` into `target`, of a document called
    /// `document.txt`.
    pub fn new(source: LanguageTag, target: LanguageTag) -> Self {
        Self {
            source_language: source,
            target_language: target,
            version: Version::V2_1,
            original: "document.txt".into(),
        }
    }

    /// Sets [`CreateOptions::version`].
    pub fn with_version(mut self, version: Version) -> Self {
        self.version = version;
        self
    }

    /// Sets [`CreateOptions::original`].
    pub fn with_original(mut self, original: impl Into<String>) -> Self {
        self.original = original.into();
        self
    }
}

/// What [`create`] wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Created {
    /// Units (paragraphs).
    pub units: usize,
    /// Segments (sentences).
    pub segments: usize,
}

/// Writes an XLIFF document for translating `text` to `output`.
///
/// ```
/// use werkbank_job::create::{create, CreateOptions};
/// use werkbank_segment::Segmenter;
/// use werkbank_xliff::Document;
///
/// let options = CreateOptions::new("de".parse()?, "en".parse()?).with_original("brief.txt");
/// let segmenter = Segmenter::builtin(&options.source_language)?;
/// let mut xliff = Vec::new();
/// let created = create("Guten Tag. Wie geht es?\n\nBis bald.\n", &segmenter, &options, &mut xliff)?;
/// assert_eq!((created.units, created.segments), (2, 3));
/// let units = Document::parse(&xliff)?.units()?;
/// let sentences: Vec<_> = units[0].segments().map(|s| s.source.plain_text().to_string()).collect();
/// assert_eq!(sentences, ["Guten Tag.", "Wie geht es?"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn create<W: Write>(
    text: &str,
    segmenter: &Segmenter,
    options: &CreateOptions,
    output: W,
) -> Result<Created, JobError> {
    let paragraphs = paragraphs(text, segmenter)?;
    let layout = Layout::of(&paragraphs);
    if layout.units.is_empty() {
        return Err(JobError::NothingToTranslate);
    }
    let mut writer = XliffWriter::new(
        output,
        options.version,
        options.source_language.as_str(),
        Some(options.target_language.as_str()),
    )?;
    writer.start_file(
        &NewFile::new(options.original.as_str()).with_skeleton(layout.skeleton.clone()),
    )?;
    let style = UnitStyle::default()
        .preserving_space(true)
        .with_segment_markers(true);
    let (mut segments, mut ignorables) = (0, 0);
    for (index, paragraph) in layout.units.iter().enumerate() {
        let parts = paragraph
            .iter()
            .map(|piece| match piece {
                Piece::Sentence(sentence) => {
                    segments += 1;
                    Part::segment(Segment::new(
                        format!("s{segments}"),
                        Content::from_text(*sentence),
                    ))
                }
                Piece::Whitespace(space) => {
                    ignorables += 1;
                    Part::ignorable(format!("i{ignorables}"), Content::from_text(*space))
                }
            })
            .collect();
        writer.write_unit(&Unit::new(format!("u{}", index + 1), parts), &style)?;
    }
    writer.finish()?;
    Ok(Created {
        units: layout.units.len(),
        segments,
    })
}

/// [`create`] into a document held in memory.
pub fn create_document(
    text: &str,
    segmenter: &Segmenter,
    options: &CreateOptions,
) -> Result<Document, JobError> {
    let mut xliff = Vec::new();
    create(text, segmenter, options, &mut xliff)?;
    Ok(Document::parse(&xliff)?)
}

/// One paragraph: its sentences and the whitespace around them, in order.
#[derive(Debug, Clone, PartialEq)]
enum Piece<'a> {
    Sentence(&'a str),
    Whitespace(&'a str),
}

fn paragraphs<'a>(text: &'a str, segmenter: &Segmenter) -> Result<Vec<Vec<Piece<'a>>>, JobError> {
    paragraphs_of(text, &segmenter.split(text)?)
}

/// The paragraphs of `text` from its sentences; sentences that overlap, go backwards or cut a
/// character are an error, so that no text can be lost between them.
fn paragraphs_of<'a>(
    text: &'a str,
    spans: &[SegmentSpan],
) -> Result<Vec<Vec<Piece<'a>>>, JobError> {
    let mut out: Vec<Vec<Piece<'a>>> = Vec::new();
    let mut current: Vec<Piece<'a>> = Vec::new();
    let mut position = 0;
    let mut paragraph = None;
    for span in spans {
        let gap = text
            .get(position..span.start)
            .ok_or(JobError::SentenceOrder { offset: span.start })?;
        if !gap.is_empty() {
            // Whitespace between paragraphs ends the earlier one; before the first sentence it
            // starts the first paragraph.
            current.push(Piece::Whitespace(gap));
        }
        if paragraph.is_some_and(|p| p != span.paragraph) {
            out.push(std::mem::take(&mut current));
        }
        paragraph = Some(span.paragraph);
        let sentence = text
            .get(span.start..span.end)
            .ok_or(JobError::SentenceOrder { offset: span.start })?;
        current.push(Piece::Sentence(sentence));
        position = span.end;
    }
    let tail = text
        .get(position..)
        .ok_or(JobError::SentenceOrder { offset: position })?;
    if !tail.is_empty() {
        current.push(Piece::Whitespace(tail));
    }
    if !current.is_empty() {
        out.push(current);
    }
    Ok(out)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn span(start: usize, end: usize, paragraph: usize) -> SegmentSpan {
        SegmentSpan {
            start,
            end,
            paragraph,
        }
    }

    #[test]
    fn sentences_out_of_order_are_an_error_not_lost_text() {
        let text = "Eins. Zwei.\n\nDrei.";
        let good = paragraphs_of(text, &[span(0, 5, 0), span(6, 11, 0), span(13, 18, 1)]).unwrap();
        let joined: String = good
            .iter()
            .flatten()
            .map(|p| match p {
                Piece::Sentence(t) | Piece::Whitespace(t) => *t,
            })
            .collect();
        assert_eq!(joined, text);
        for bad in [
            vec![span(0, 5, 0), span(3, 11, 0)],
            vec![span(6, 11, 0), span(0, 5, 0)],
            vec![span(0, 40, 0)],
        ] {
            assert!(
                matches!(
                    paragraphs_of(text, &bad),
                    Err(JobError::SentenceOrder { .. })
                ),
                "{bad:?}"
            );
        }
    }
}
