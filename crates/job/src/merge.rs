//! Putting the translated document together again from an XLIFF file made by
//! [`create`](crate::create::create), a unit at a time.
//!
//! [`merge`] writes each segment's target (its source where there is no translation) and the
//! whitespace between segments as it was, in the places the file's skeleton gives, so
//! paragraphs and the spacing between sentences stay as in the original text.
//!
//! ```
//! use werkbank_job::create::{create_document, CreateOptions};
//! use werkbank_job::merge::merge;
//! use werkbank_model::{Content, SegmentState};
//! use werkbank_segment::Segmenter;
//!
//! let options = CreateOptions::new("de".parse()?, "en".parse()?);
//! let segmenter = Segmenter::builtin(&options.source_language)?;
//! let mut document = create_document("Guten Tag. Wie geht es?\n\nBis bald.\n", &segmenter, &options)?;
//! document.set_target(0, 0, &Content::from_text("Hello."), SegmentState::Translated)?;
//! let mut text = Vec::new();
//! let merged = merge(&document.to_bytes()[..], &mut text)?;
//! assert_eq!(String::from_utf8(text)?, "Hello. Wie geht es?\n\nBis bald.\n");
//! assert_eq!(merged.untranslated, 2);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::HashMap;
use std::io::{Read, Write};

use werkbank_model::{CodeKind, Content, SegmentState, SkeletonPart};
use werkbank_xliff::stream::{read_units, FileContext};
use werkbank_xliff::{Position, Unit};

use crate::error::stash;
use crate::JobError;

/// What [`merge`] wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct Merged {
    /// Units written.
    pub units: usize,
    /// Segments in all.
    pub segments: usize,
    /// Segments written with their source because they have no translation.
    pub untranslated: usize,
    /// Segments written with a translation whose state still asks for work (2.x `initial`,
    /// 1.2 `needs-…`), for example a fuzzy match nobody has reviewed.
    pub unconfirmed: usize,
}

/// Writes the target document of the XLIFF file read from `input` to `output` (see the module
/// documentation). A file without werkbank's skeleton gives its units' text one after the
/// other, a line break between units that do not end in white space.
pub fn merge<R: Read, W: Write>(input: R, output: W) -> Result<Merged, JobError> {
    let mut merging = Merging {
        output,
        merged: Merged::default(),
        file: None,
        parts: Vec::new(),
        next_part: 0,
        waiting: HashMap::new(),
        separate: false,
    };
    let mut failure = None;
    read_units(input, &mut |context, unit| {
        merging
            .unit(context, &unit)
            .map_err(|error| stash(&mut failure, error))
    })
    .map_err(|error| failure.take().unwrap_or(JobError::Xliff(error)))?;
    merging.end_file()?;
    Ok(merging.merged)
}

struct Merging<W: Write> {
    output: W,
    merged: Merged,
    /// The file being merged.
    file: Option<Position>,
    /// Its skeleton, and how far it has been written.
    parts: Vec<SkeletonPart>,
    next_part: usize,
    /// Units that came before the skeleton's place for them, by id.
    waiting: HashMap<String, String>,
    /// Without a skeleton: a line break is due before the next unit.
    separate: bool,
}

impl<W: Write> Merging<W> {
    fn write(&mut self, text: &str) -> Result<(), JobError> {
        self.output
            .write_all(text.as_bytes())
            .map_err(JobError::Output)
    }

    fn unit(&mut self, context: &FileContext, unit: &Unit) -> Result<(), JobError> {
        if self.file != Some(context.position) {
            self.end_file()?;
            self.file = Some(context.position);
            self.parts = context
                .skeleton
                .as_ref()
                .map(|skeleton| skeleton.parts.clone())
                .unwrap_or_default();
            self.next_part = 0;
        }
        let text = unit_text(unit, &mut self.merged);
        if self.parts.is_empty() {
            if self.separate {
                self.write("\n")?;
            }
            self.separate = !text.is_empty() && !text.ends_with(char::is_whitespace);
            return self.write(&text);
        }
        self.waiting.insert(unit.id.clone(), text);
        self.advance(false)
    }

    /// Writes the skeleton up to the next unit that has not come yet (to its end, at the end
    /// of the file, when a unit it places never came).
    fn advance(&mut self, at_end: bool) -> Result<(), JobError> {
        while let Some(part) = self.parts.get(self.next_part) {
            match part {
                SkeletonPart::Text(text) => {
                    let text = text.clone();
                    self.write(&text)?;
                }
                SkeletonPart::Unit(id) => match self.waiting.remove(id) {
                    Some(text) => self.write(&text)?,
                    None if at_end => return Err(JobError::MissingUnit { unit: id.clone() }),
                    None => return Ok(()),
                },
                _ => {}
            }
            self.next_part += 1;
        }
        Ok(())
    }

    fn end_file(&mut self) -> Result<(), JobError> {
        if !self.parts.is_empty() {
            self.advance(true)?;
        }
        self.waiting.clear();
        self.parts.clear();
        Ok(())
    }
}

/// The text of `content` as it stands in a document: inline codes become their original data
/// (a 1.2 `ph ctype="x-control"` made by `create` becomes its character again).
pub fn document_text(content: &Content, out: &mut String) {
    let mut position = 0;
    let text = content.plain_text();
    for placed in content.codes() {
        out.push_str(text.get(position..placed.offset).unwrap_or(""));
        position = placed.offset;
        let code = &placed.code;
        let control =
            code.code_type.as_deref() == Some("x-control") && code.kind == CodeKind::Standalone;
        let character = code
            .data
            .as_deref()
            .filter(|_| control)
            .and_then(|hex| u32::from_str_radix(hex.trim(), 16).ok())
            .and_then(char::from_u32);
        match (character, &code.data) {
            (Some(c), _) => out.push(c),
            (None, Some(data)) => out.push_str(data),
            (None, None) => {}
        }
    }
    out.push_str(text.get(position..).unwrap_or(""));
}

fn has_translation(target: Option<&Content>) -> Option<&Content> {
    target.filter(|t| !t.is_empty())
}

/// Whether a translated segment's state still asks for work.
fn unconfirmed(state: SegmentState, sub_state: Option<&str>) -> bool {
    state == SegmentState::Initial || sub_state.is_some_and(|s| s.starts_with("needs-"))
}

/// The text one unit contributes to the target document; counts its segments in `merged`.
fn unit_text(unit: &Unit, merged: &mut Merged) -> String {
    let mut out = String::new();
    merged.units += 1;
    if let Some(translation) = &unit.unit_target {
        // A translation of the whole unit (a 1.2 target without segment markers): it takes the
        // place of the unit's source.
        for _ in unit.parts.iter().filter(|p| !p.ignorable) {
            merged.segments += 1;
            if unconfirmed(translation.state, translation.sub_state.as_deref()) {
                merged.unconfirmed += 1;
            }
        }
        document_text(&translation.in_place_of_source(), &mut out);
        return out;
    }
    for part in &unit.parts {
        let segment = &part.segment;
        if part.ignorable {
            // The text between segments: its target where a file has one (XLIFF 2), else
            // the source.
            let content = has_translation(segment.target.as_ref()).unwrap_or(&segment.source);
            document_text(content, &mut out);
            continue;
        }
        merged.segments += 1;
        match has_translation(segment.target.as_ref()) {
            Some(target) => {
                if unconfirmed(segment.state, segment.sub_state.as_deref()) {
                    merged.unconfirmed += 1;
                }
                document_text(target, &mut out);
            }
            None => {
                merged.untranslated += 1;
                document_text(&segment.source, &mut out);
            }
        }
    }
    out
}
