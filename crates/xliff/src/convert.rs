//! Converting the core content of a document between XLIFF 1.2 and XLIFF 2.x: files, groups,
//! units, segments and ignorables, sources and targets with their inline codes, states and notes,
//! read and written one unit at a time.
//!
//! Translation candidates go across too: 1.2 `alt-trans` become 2.x `mtc:match`es and back
//! (`mid` ↔ `ref`, `match-quality` ↔ `similarity`, `origin`). A 1.2 unit translated as a whole
//! (a target without segment markers beside a segmented source) becomes one segment.
//! werkbank's skeleton goes with its file. Extensions, modules and 1.2 elements without a 2.x
//! counterpart (`context-group`, `bin-unit`, ...) are not carried over;
//! [`Converted::dropped`] counts the elements left out. XLIFF 2 needs a target language
//! whenever a unit has a target: a 1.2 file that names none gets `und` (undetermined).

use std::io::{Read, Write};

use crate::document::detect_version;
use crate::stream::unit_tree;
use crate::units::read_unit;
use crate::writer::{NewFile, UnitStyle, XliffWriter};
use crate::xml::{self, feed::Feed, Element, Limits, Stream, UnitEvents, XML_NAMESPACE};
use crate::{Document, Unit, Version, XliffError};

/// What a conversion did.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Converted {
    /// The version the input had.
    pub from: Version,
    /// Units converted.
    pub units: usize,
    /// Elements of the input that have no place in the output (extensions, modules,
    /// `bin-unit`, ...), by name, with how often they occurred.
    pub dropped: Vec<(String, usize)>,
}

/// A converted document held in memory (see [`convert_document`]).
#[derive(Debug)]
#[non_exhaustive]
pub struct Conversion {
    /// The converted document.
    pub document: Document,
    /// Elements of the input that have no place in the output, by name, with how often.
    pub dropped: Vec<(String, usize)>,
}

/// Converts the document read from `input` to `version` (1.2, or 2.0/2.1/2.2) and writes it
/// to `output`, a unit at a time. Converting to the family the document already has is an
/// error: use the document as it is.
///
/// ```
/// use werkbank_xliff::convert::convert;
/// use werkbank_xliff::Version;
///
/// let text = r#"<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">
///  <file original="a.txt" source-language="de" target-language="en" datatype="plaintext"><body>
///   <trans-unit id="1"><source>Ein <g id="b" ctype="bold">fettes</g> Wort.</source>
///   <target state="translated">A <g id="b" ctype="bold">bold</g> word.</target></trans-unit>
///  </body></file>
/// </xliff>"#;
/// let mut out = Vec::new();
/// let converted = convert(text.as_bytes(), &mut out, Version::V2_1)?;
/// assert_eq!(converted.units, 1);
/// let written = String::from_utf8(out).unwrap();
/// assert!(written.contains(r#"<target>A <pc id="b" type="fmt" subType="xlf:b">bold</pc> word.</target>"#));
/// # Ok::<(), werkbank_xliff::XliffError>(())
/// ```
pub fn convert<R: Read, W: Write>(
    input: R,
    output: W,
    version: Version,
) -> Result<Converted, XliffError> {
    let mut feed = Feed::new(input)?;
    let mut converter = Converter {
        to: version,
        from: None,
        output: Some(output),
        writer: None,
        pending: None,
        units: 0,
        dropped: Vec::new(),
    };
    xml::parse_stream(&mut feed, Limits::default(), &mut converter)?;
    if let Some(writer) = converter.writer.take() {
        writer.finish()?;
    }
    let from = match converter.from {
        Some(from) => from,
        None => {
            return Err(XliffError::Model {
                message: "no XLIFF root element".into(),
            })
        }
    };
    Ok(Converted {
        from,
        units: converter.units,
        dropped: converter.dropped,
    })
}

/// Converts a document held in memory.
pub fn convert_document(document: &Document, version: Version) -> Result<Conversion, XliffError> {
    let mut out = Vec::new();
    let converted = convert(&document.to_bytes()[..], &mut out, version)?;
    Ok(Conversion {
        document: Document::parse(&out)?,
        dropped: converted.dropped,
    })
}

fn count(dropped: &mut Vec<(String, usize)>, name: &str) {
    match dropped.iter_mut().find(|(n, _)| n == name) {
        Some((_, n)) => *n += 1,
        None => dropped.push((name.to_string(), 1)),
    }
}

/// The converter, fed by the streaming parser.
struct Converter<W: Write> {
    to: Version,
    from: Option<Version>,
    /// The output until the writer is made (when the languages are known).
    output: Option<W>,
    writer: Option<XliffWriter<W>>,
    /// A file whose start is not written yet (its skeleton may still come).
    pending: Option<NewFile>,
    units: usize,
    dropped: Vec<(String, usize)>,
}

impl<W: Write> Converter<W> {
    fn from(&self) -> Result<Version, XliffError> {
        self.from.ok_or_else(|| XliffError::Model {
            message: "no XLIFF root element".into(),
        })
    }

    /// Makes the writer, once the languages are known.
    fn open(&mut self, source: &str, target: Option<&str>) -> Result<(), XliffError> {
        if let Some(output) = self.output.take() {
            self.writer = Some(XliffWriter::new(output, self.to, source, target)?);
        }
        Ok(())
    }

    fn writer(&mut self) -> Result<&mut XliffWriter<W>, XliffError> {
        if let Some(file) = self.pending.take() {
            if let Some(writer) = self.writer.as_mut() {
                writer.start_file(&file)?;
            }
        }
        self.writer.as_mut().ok_or_else(|| XliffError::Model {
            message: "the document has no file".into(),
        })
    }
}

/// Whether `element` (in the core namespace `ns`) holds units: a file, a 1.2 body, a group.
fn is_container(element: &Element, ns: &str) -> bool {
    element.ns() == ns && matches!(element.local_name(), "file" | "body" | "group")
}

/// werkbank's skeleton in a 2.x `skeleton` or a 1.2 `header`, if that is all the element holds.
fn werkbank_skeleton(element: &Element, ns: &str) -> Option<werkbank_model::Skeleton> {
    let holder = if element.local_name() == "header" {
        if element.elements().count() != 1 {
            return None;
        }
        element.child(ns, "skl")?.child(ns, "internal-file")?
    } else {
        element
    };
    if holder.elements().next().is_some() {
        return None;
    }
    werkbank_model::Skeleton::from_json(&holder.text_content()).ok()
}

impl<W: Write> Stream for Converter<W> {
    fn start(
        &mut self,
        element: &Element,
        ancestors: &[Element],
        _: &str,
    ) -> Result<(), XliffError> {
        let Some(root) = ancestors.first() else {
            let from = detect_version(element)?;
            if from.is_2x() == self.to.is_2x() {
                return Err(XliffError::Model {
                    message: format!("the document is already XLIFF {from}; nothing to convert"),
                });
            }
            self.from = Some(from);
            if from.is_2x() {
                let source = element.attr("srcLang").unwrap_or("und").to_string();
                let target = element.attr("trgLang").map(str::to_string);
                self.open(&source, target.as_deref())?;
            }
            return Ok(());
        };
        let ns = root.ns();
        let Some(parent) = ancestors.last() else {
            return Ok(());
        };
        if element.ns() != ns {
            return Ok(());
        }
        match element.local_name() {
            "file" if ancestors.len() == 1 => {
                let v2 = self.from()?.is_2x();
                if !v2 {
                    let source = element.attr("source-language").unwrap_or("und").to_string();
                    let target = element.attr("target-language").unwrap_or("und").to_string();
                    self.open(&source, Some(&target))?;
                }
                let original = element
                    .attr("original")
                    .or(element.attr("id"))
                    .unwrap_or("")
                    .to_string();
                self.pending = Some(NewFile::new(original));
            }
            "body" if parent.is(ns, "file") => {
                self.writer()?;
            }
            "group" if is_container(parent, ns) => {
                let v2 = self.from()?.is_2x();
                let id = element.attr("id").unwrap_or("").to_string();
                let name = element
                    .attr(if v2 { "name" } else { "resname" })
                    .map(str::to_string);
                self.writer()?.start_group(&id, name.as_deref())?;
            }
            _ => {}
        }
        Ok(())
    }

    fn end(&mut self, element: &Element, ancestors: &[Element], _: &str) -> Result<(), XliffError> {
        let Some(root) = ancestors.first() else {
            return Ok(());
        };
        let ns = root.ns().to_string();
        let Some(parent) = ancestors.last() else {
            return Ok(());
        };
        let in_core = element.ns() == ns;
        match element.local_name() {
            "file" if in_core && ancestors.len() == 1 => {
                self.writer()?.end_file()?;
            }
            "group" if in_core && is_container(parent, &ns) => {
                self.writer()?.end_group()?;
            }
            "body" if in_core && parent.is(&ns, "file") => {}
            // werkbank's skeleton goes with its file.
            "header" | "skeleton" if in_core && parent.is(&ns, "file") => {
                match (werkbank_skeleton(element, &ns), self.pending.take()) {
                    (Some(skeleton), Some(file)) => {
                        self.pending = Some(file.with_skeleton(skeleton));
                    }
                    (skeleton, file) => {
                        self.pending = file;
                        if skeleton.is_none() {
                            count(&mut self.dropped, element.local_name());
                        }
                    }
                }
            }
            name if is_container(parent, &ns) => count(&mut self.dropped, name),
            _ => {}
        }
        Ok(())
    }

    fn unit(
        &mut self,
        events: &mut UnitEvents<'_, '_>,
        ancestors: &[Element],
    ) -> Result<(), XliffError> {
        let Some(root) = ancestors.first() else {
            return Ok(());
        };
        let ns = root.ns().to_string();
        let (element, _) = unit_tree(events)?;
        if !ancestors
            .last()
            .is_some_and(|parent| is_container(parent, &ns))
        {
            count(&mut self.dropped, element.local_name());
            return Ok(());
        }
        let v2 = self.from()?.is_2x();
        let mut unit = read_unit(&element, &ns, v2, "")?;
        let carried: &[&str] = if v2 {
            &["segment", "ignorable", "notes", "originalData"]
        } else {
            &["source", "seg-source", "target", "note", "alt-trans"]
        };
        for inner in element.elements() {
            let candidates = inner.is(crate::extras::NS_MTC, "matches");
            if !(carried.contains(&inner.local_name()) && inner.ns() == ns || candidates) {
                count(&mut self.dropped, inner.local_name());
            }
        }
        if !v2 {
            join_whole_translation(&mut unit);
        }
        let mut style = UnitStyle::default()
            .preserving_space(element.attr_ns(XML_NAMESPACE, "space") == Some("preserve"));
        if let Some(name) = element.attr(if v2 { "name" } else { "resname" }) {
            style = style.with_name(name);
        }
        self.units += 1;
        self.writer()?.write_unit(&unit, &style)
    }
}

/// A 1.2 unit translated as a whole becomes one segment: its source and its translation.
fn join_whole_translation(unit: &mut Unit) {
    let Some(whole) = unit.unit_target.take() else {
        return;
    };
    let id = unit
        .segments()
        .next()
        .map(|s| s.id.clone())
        .unwrap_or_default();
    let mut segment = werkbank_model::Segment::new(id, whole.source);
    segment.target = Some(whole.target);
    segment.state = whole.state;
    segment.sub_state = whole.sub_state;
    unit.parts = vec![crate::Part::segment(segment)];
}
