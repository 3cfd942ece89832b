//! Reading and rewriting a document one unit at a time, from any reader: memory holds a window
//! of the text, the skeleton (everything outside units) and one unit, never the file.
//!
//! [`read_units`] hands every unit to a callback, read into the model, with the context of its
//! file; [`rewrite`] also writes the document out, each unit as it was unless the callback
//! changed it. Both give the very units [`Document::units`](crate::Document::units) gives for
//! the same file.

use std::borrow::Cow;
use std::io::{Read, Write};
use std::rc::Rc;

use werkbank_model::{Content, LanguageTag, SegmentState, Skeleton};

use crate::document::{detect_version, encode, TextEncoding};
use crate::event_units::{read_unit_events, scan_unit};
use crate::units::read_unit;
use crate::validate::{Options as ValidateOptions, UnitByUnit, Validated};
use crate::xml::feed::Feed;
use crate::xml::{self, Element, Limits, Stream, UnitEvents, UnitPlace, WriteMode};
use crate::{Position, Unit, Version, XliffError};

/// What a streaming read saw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct StreamSummary {
    /// The document's version.
    pub version: Version,
    /// The encoding it was read in (and, by [`rewrite`], written in).
    pub encoding: TextEncoding,
    /// Units read (and written).
    pub units: usize,
    /// Segments in them.
    pub segments: usize,
    /// Units read into the model straight from the parser's events (the others went through a
    /// tree of the unit).
    pub read_from_events: usize,
}

/// The file a unit belongs to: what a job needs to know about it besides the unit.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct FileContext {
    /// The document's version.
    pub version: Version,
    /// The file's `id` (2.x) or `original` (1.2); [`Unit::file`] of its units.
    pub id: String,
    /// The source language: `srcLang` (2.x) or the file's `source-language` (1.2).
    pub source_language: Option<String>,
    /// The target language: `trgLang` (2.x) or the file's `target-language` (1.2).
    pub target_language: Option<String>,
    /// The skeleton werkbank wrote into the file (2.x `<skeleton>`, 1.2
    /// `<header><skl><internal-file>`), when it carries one.
    pub skeleton: Option<Skeleton>,
    /// Where the file element starts (which tells files apart).
    pub position: Position,
}

impl FileContext {
    /// The context of a unit whose enclosing elements are `ancestors` (root first), or `None`
    /// when the unit is not where units belong (a `file`, a 1.2 `body`, or groups in them).
    fn of(version: Version, ancestors: &[Element]) -> Option<Self> {
        if !is_unit_place(version, ancestors) {
            return None;
        }
        let root = ancestors.first()?;
        let ns = root.ns();
        let file = ancestors.get(1)?;
        let v2 = version.is_2x();
        let (source, target) = if v2 {
            (root.attr("srcLang"), root.attr("trgLang"))
        } else {
            (file.attr("source-language"), file.attr("target-language"))
        };
        Some(FileContext {
            version,
            id: file
                .attr(if v2 { "id" } else { "original" })
                .unwrap_or("")
                .to_string(),
            source_language: source.map(str::to_string),
            target_language: target.map(str::to_string),
            skeleton: crate::skeleton::of_file(file, ns, v2),
            position: file.position,
        })
    }
}

/// Whether a unit below `ancestors` (root first) is where units belong: in a `file` (2.x) or
/// its `body` (1.2), or in groups there.
fn is_unit_place(version: Version, ancestors: &[Element]) -> bool {
    let Some(root) = ancestors.first() else {
        return false;
    };
    let ns = root.ns();
    if !ancestors.get(1).is_some_and(|f| f.is(ns, "file")) {
        return false;
    }
    let groups_from = if version.is_2x() {
        2
    } else if ancestors.get(2).is_some_and(|b| b.is(ns, "body")) {
        3
    } else {
        return false;
    };
    ancestors
        .get(groups_from..)
        .unwrap_or_default()
        .iter()
        .all(|g| g.is(ns, "group"))
}

/// Whether a unit below `ancestors` is translatable as far as they say (`translate` on the
/// file and groups; the unit's own attribute is read with the unit).
fn inherited_translate(ancestors: &[Element]) -> bool {
    let mut translate = true;
    for element in ancestors.iter().skip(1) {
        match element.attr("translate") {
            Some("no") => translate = false,
            Some("yes") => translate = true,
            _ => {}
        }
    }
    translate
}

/// One unit of a [`rewrite`], for the callback: its original text, and its tree, built only
/// when asked for. A unit whose tree is never asked for mutably is copied as it was.
pub struct UnitElement<'t> {
    text: Cow<'t, str>,
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

    /// Sets the target of part `part` (an index into [`Unit::parts`]) and its state, as
    /// [`Document::set_target`](crate::Document::set_target) does; the unit is then written
    /// with only that target (and the state) changed.
    pub fn set_target(
        &mut self,
        part: usize,
        target: &Content,
        state: SegmentState,
    ) -> Result<(), XliffError> {
        crate::units::set_unit_target(self.element_mut()?, part, target, state)
    }

    /// Writes targets filled from matches and matches offered as candidates into the unit
    /// (read into the model as `unit`; see [`SegmentEdit`](crate::edit::SegmentEdit)). `origin`
    /// names where the matches come from; `languages` are the document's. Returns the segment
    /// ids generated for segments that had none and got candidates, as (part, id).
    pub fn apply(
        &mut self,
        unit: &Unit,
        edits: &[crate::edit::SegmentEdit],
        origin: &str,
        languages: (&LanguageTag, &LanguageTag),
    ) -> Result<Vec<(usize, String)>, XliffError> {
        crate::edit::apply(self.element_mut()?, unit, edits, origin, languages)
    }

    /// The unit as it is to be written: its original text, or its changed tree written into
    /// `buffer`.
    fn written<'b>(&'b self, buffer: &'b mut String) -> &'b str {
        match (&self.element, self.touched) {
            (Some(element), true) => {
                buffer.clear();
                xml::write_element(element, WriteMode::Preserve, buffer);
                buffer
            }
            _ => self.text.get(self.place.range.clone()).unwrap_or(""),
        }
    }

    /// The same unit, holding its own text.
    fn into_owned(self) -> UnitElement<'static> {
        let mut place = self.place;
        let text = self
            .text
            .get(place.range.clone())
            .unwrap_or_default()
            .to_string();
        place.range = 0..text.len();
        UnitElement {
            text: Cow::Owned(text),
            place,
            element: self.element,
            touched: self.touched,
        }
    }

    /// The unit's tree to change; the unit is then written from it.
    pub(crate) fn element_mut(&mut self) -> Result<&mut Element, XliffError> {
        self.touched = true;
        self.parse()
    }

    fn parse(&mut self) -> Result<&mut Element, XliffError> {
        if self.element.is_none() {
            self.element = Some(parse_place(&self.text, &self.place)?);
        }
        self.element.as_mut().ok_or_else(|| XliffError::Model {
            message: "the unit could not be parsed".into(),
        })
    }
}

fn parse_place(text: &str, place: &UnitPlace) -> Result<Element, XliffError> {
    parse_place_with_problems(text, place).map(|parsed| parsed.root)
}

fn parse_place_with_problems(text: &str, place: &UnitPlace) -> Result<xml::Parsed, XliffError> {
    xml::parse_fragment(
        text,
        place.range.clone(),
        &place.scopes,
        place.header.position,
        place.enclosing,
        place.limits,
    )
}

/// The tree of the unit whose start tag `events` has just passed, and what in it was read
/// although it is not namespace-well-formed (undeclared prefixes), with where.
pub(crate) fn unit_tree(
    events: &mut UnitEvents<'_, '_>,
) -> Result<(Element, Vec<(Position, String)>), XliffError> {
    let place = events.take_place()?;
    parse_place_with_problems(events.text(), &place).map(|parsed| (parsed.root, parsed.problems))
}

/// A unit read into the model (from events, or through its tree, which is then kept) and where
/// it is.
struct ReadUnit {
    unit: Unit,
    tree: Option<Element>,
    place: UnitPlace,
}

/// Reads the unit whose start tag `events` has just passed: XLIFF 2 units of the common shape
/// straight from the events, others through a tree of the unit.
fn read_one(
    events: &mut UnitEvents<'_, '_>,
    context: &FileContext,
    translate: bool,
) -> Result<ReadUnit, XliffError> {
    let v2 = context.version.is_2x();
    let fast = if let Some(unit) = scan_unit(events)? {
        Some(unit)
    } else {
        read_unit_events(events)?
    };
    let place = events.take_place()?;
    let (mut unit, tree) = match fast {
        Some(unit) => (unit, None),
        None => {
            let element = parse_place(events.text(), &place)?;
            let unit = read_unit(&element, place.header.ns(), v2, "")?;
            (unit, Some(element))
        }
    };
    unit.file.clone_from(&context.id);
    // The unit's own attribute wins over what its file and groups say.
    unit.translate = match place.header.attr("translate") {
        Some("no") => false,
        Some("yes") => true,
        _ => translate,
    };
    Ok(ReadUnit { unit, tree, place })
}

/// The callback of [`rewrite`]: each unit in the model, the context of its file, and a handle
/// on its element.
pub type UnitEdit<'e> =
    dyn for<'t> FnMut(&FileContext, &Unit, &mut UnitElement<'t>) -> Result<(), XliffError> + 'e;

/// The callback of [`read_units`].
pub type UnitVisit<'v> = dyn FnMut(&FileContext, Unit) -> Result<(), XliffError> + 'v;

/// What the stream consumers share: the version, the current file's context, counts.
/// What [`Common::read_in_context`] found. Made and taken apart at once, never stored: boxing
/// the unit would cost an allocation per unit for nothing.
#[allow(clippy::large_enum_variant)]
enum InContext<'t> {
    Unit(Rc<FileContext>, Unit, UnitElement<'t>),
    /// A unit where units do not belong: its text, and its tree with the problems its parse
    /// noted.
    Elsewhere(&'t str, xml::Parsed),
}

struct Common {
    version: Option<Version>,
    context: Option<Rc<FileContext>>,
    units: usize,
    segments: usize,
    read_from_events: usize,
}

impl Common {
    fn new() -> Self {
        Self {
            version: None,
            context: None,
            units: 0,
            segments: 0,
            read_from_events: 0,
        }
    }

    /// Notes the root's version when the root starts.
    fn start(&mut self, element: &Element, ancestors: &[Element]) -> Result<(), XliffError> {
        if ancestors.is_empty() {
            self.version = Some(detect_version(element)?);
        }
        Ok(())
    }

    /// The context for a unit below `ancestors` (kept while the file does not change); `None`
    /// when it is not where units belong.
    fn context(&mut self, ancestors: &[Element]) -> Option<Rc<FileContext>> {
        let version = self.version?;
        if !is_unit_place(version, ancestors) {
            return None;
        }
        let file_position = ancestors.get(1).map(|f| f.position);
        let current = self
            .context
            .as_ref()
            .is_some_and(|c| Some(c.position) == file_position);
        if !current {
            self.context = FileContext::of(version, ancestors).map(Rc::new);
        }
        self.context.clone()
    }

    /// The unit whose start tag `events` has just passed, read into the model in its file's
    /// context with a handle on its element; or, for a unit where units do not belong, its
    /// text, to be copied as it is.
    fn read_in_context<'t>(
        &mut self,
        events: &mut UnitEvents<'_, 't>,
        ancestors: &[Element],
    ) -> Result<InContext<'t>, XliffError> {
        let translate = inherited_translate(ancestors);
        let Some(context) = self.context(ancestors) else {
            // Parsed all the same: what is not well-formed is an error wherever it stands.
            let place = events.take_place()?;
            let parsed = parse_place_with_problems(events.text(), &place)?;
            return Ok(InContext::Elsewhere(
                events.text().get(place.range).unwrap_or(""),
                parsed,
            ));
        };
        let read = read_one(events, &context, translate)?;
        self.count(&read);
        let ReadUnit { unit, tree, place } = read;
        let element = UnitElement {
            text: Cow::Borrowed(events.text()),
            place,
            element: tree,
            touched: false,
        };
        Ok(InContext::Unit(context, unit, element))
    }

    fn count(&mut self, read: &ReadUnit) {
        self.units += 1;
        self.segments += read.unit.segments().count();
        if read.tree.is_none() {
            self.read_from_events += 1;
        }
    }

    fn summary(&self, encoding: TextEncoding, root: &Element) -> Result<StreamSummary, XliffError> {
        let version = match self.version {
            Some(version) => version,
            None => detect_version(root)?,
        };
        Ok(StreamSummary {
            version,
            encoding,
            units: self.units,
            segments: self.segments,
            read_from_events: self.read_from_events,
        })
    }
}

/// Reads every unit of the document from `input`, in order, into the model, and hands each
/// to `visit` with the context of its file. A unit the model cannot hold is an error.
///
/// ```
/// use werkbank_xliff::stream::read_units;
///
/// let text = "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:1.2\" version=\"1.2\">\
///   <file original=\"a.txt\" source-language=\"de\" datatype=\"plaintext\"><body>\
///   <trans-unit id=\"1\"><source>Hallo</source></trans-unit></body></file></xliff>";
/// let mut seen = Vec::new();
/// read_units(text.as_bytes(), &mut |file, unit| {
///     seen.push((file.source_language.clone(), unit.parts[0].segment.source.plain_text().to_string()));
///     Ok(())
/// })?;
/// assert_eq!(seen, [(Some("de".to_string()), "Hallo".to_string())]);
/// # Ok::<(), werkbank_xliff::XliffError>(())
/// ```
pub fn read_units<R: Read>(
    input: R,
    visit: &mut UnitVisit<'_>,
) -> Result<StreamSummary, XliffError> {
    read_units_with_limits(input, Limits::default(), visit)
}

/// [`read_units`] with other limits.
pub fn read_units_with_limits<R: Read>(
    input: R,
    limits: Limits,
    visit: &mut UnitVisit<'_>,
) -> Result<StreamSummary, XliffError> {
    struct Reading<'v, 'w> {
        common: Common,
        visit: &'v mut UnitVisit<'w>,
    }
    impl Stream for Reading<'_, '_> {
        fn start(
            &mut self,
            element: &Element,
            ancestors: &[Element],
            _: &str,
        ) -> Result<(), XliffError> {
            self.common.start(element, ancestors)
        }
        fn unit(
            &mut self,
            events: &mut UnitEvents<'_, '_>,
            ancestors: &[Element],
        ) -> Result<(), XliffError> {
            match self.common.read_in_context(events, ancestors)? {
                InContext::Unit(context, unit, _) => (self.visit)(&context, unit),
                // Not where units belong: not read (but checked to be well-formed).
                InContext::Elsewhere(..) => Ok(()),
            }
        }
    }
    let mut feed = Feed::new(input)?;
    let mut reading = Reading {
        common: Common::new(),
        visit,
    };
    let parsed = xml::parse_stream(&mut feed, limits, &mut reading)?;
    reading.common.summary(feed.encoding(), &parsed.root)
}

/// Reads the document from `input` and writes it to `out` unit by unit. Each unit is read into
/// the model (so a unit the model cannot hold is an error) and handed to `edit` with the
/// context of its file and a handle on its element; a unit `edit` changes is written back from
/// its tree, reusing the original text of everything unchanged. Every other unit, and everything
/// between units, is copied as it was, in the document's own encoding.
///
/// ```
/// use werkbank_xliff::stream::rewrite;
///
/// let text = "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:1.2\" version=\"1.2\">\
///   <file original=\"a\" source-language=\"de\" datatype=\"plaintext\"><body>\
///   <trans-unit id=\"1\"><source>Hallo</source></trans-unit></body></file></xliff>";
/// let mut out = Vec::new();
/// let summary = rewrite(text.as_bytes(), &mut out, &mut |_, _, _| Ok(()))?;
/// assert_eq!(summary.units, 1);
/// assert_eq!(out, text.as_bytes());
/// # Ok::<(), werkbank_xliff::XliffError>(())
/// ```
pub fn rewrite<R: Read, W: Write>(
    input: R,
    out: &mut W,
    edit: &mut UnitEdit<'_>,
) -> Result<StreamSummary, XliffError> {
    let mut feed = Feed::new(input)?;
    let mut emitter = Emitter {
        common: Common::new(),
        encoding: feed.encoding(),
        out,
        edit,
        first: true,
        buffer: String::new(),
    };
    let parsed = xml::parse_stream(&mut feed, Limits::default(), &mut emitter)?;
    emitter.common.summary(feed.encoding(), &parsed.root)
}

/// Writes text in the document's encoding (a byte-order mark before the first piece).
fn write_chunk<W: Write>(
    out: &mut W,
    text: &str,
    encoding: TextEncoding,
    first: bool,
) -> Result<(), XliffError> {
    let result = match encoding {
        TextEncoding::Utf8 => out.write_all(text.as_bytes()),
        TextEncoding::Utf8Bom if !first => out.write_all(text.as_bytes()),
        _ => {
            let mut bytes = encode(text, encoding);
            let bom = match encoding {
                TextEncoding::Utf8Bom => 3,
                TextEncoding::Utf16Le | TextEncoding::Utf16Be => 2,
                _ => 0,
            };
            if !first {
                bytes.drain(..bom.min(bytes.len()));
            }
            out.write_all(&bytes)
        }
    };
    result.map_err(|source| XliffError::Io {
        path: "output".into(),
        source,
    })
}

/// Writes the document as it is read, units through the callback.
struct Emitter<'o, 'e, W: Write> {
    common: Common,
    encoding: TextEncoding,
    out: &'o mut W,
    edit: &'o mut UnitEdit<'e>,
    first: bool,
    buffer: String,
}

impl<W: Write> Emitter<'_, '_, W> {
    fn write(&mut self, text: &str) -> Result<(), XliffError> {
        if text.is_empty() {
            return Ok(());
        }
        write_chunk(self.out, text, self.encoding, self.first)?;
        self.first = false;
        Ok(())
    }
}

impl<W: Write> Stream for Emitter<'_, '_, W> {
    fn raw(&mut self, text: &str) -> Result<(), XliffError> {
        self.write(text)
    }

    fn start(
        &mut self,
        element: &Element,
        ancestors: &[Element],
        raw: &str,
    ) -> Result<(), XliffError> {
        self.common.start(element, ancestors)?;
        self.write(raw)
    }

    fn end(&mut self, _: &Element, _: &[Element], raw: &str) -> Result<(), XliffError> {
        self.write(raw)
    }

    fn unit(
        &mut self,
        events: &mut UnitEvents<'_, '_>,
        ancestors: &[Element],
    ) -> Result<(), XliffError> {
        let (context, unit, mut handle) = match self.common.read_in_context(events, ancestors)? {
            InContext::Unit(context, unit, handle) => (context, unit, handle),
            // Not where units belong: copied as it is.
            InContext::Elsewhere(text, _) => return self.write(text),
        };
        (self.edit)(&context, &unit, &mut handle)?;
        let mut buffer = std::mem::take(&mut self.buffer);
        let result = self.write(handle.written(&mut buffer));
        self.buffer = buffer;
        result
    }
}

/// What [`rewrite_with`] does to a document besides copying it.
pub trait Rewrite {
    /// Called with the languages the document names (2.x: on the root; 1.2: on each file)
    /// before that tag is written, after every unit before it has been handed to
    /// [`Rewrite::units`]; returns languages to write instead, each `None` to keep what is there.
    fn languages(
        &mut self,
        source: Option<&str>,
        target: Option<&str>,
    ) -> Result<(Option<String>, Option<String>), XliffError> {
        let _ = (source, target);
        Ok((None, None))
    }

    /// Validation options when the document is to be validated in the same pass (each unit as
    /// it is read, the rest at the end; see [`crate::validate::validate_reader`]); `None`, the
    /// default, for no validation.
    fn validation(&self) -> Option<ValidateOptions> {
        None
    }

    /// The validation's result, once the document is written (only when
    /// [`Rewrite::validation`] asked for one).
    fn validated(&mut self, validated: Validated) {
        let _ = validated;
    }

    /// How many units [`Rewrite::units`] is given at once (at least one).
    fn batch(&self) -> usize {
        1
    }

    /// Called with the next units in document order (up to [`Rewrite::batch`] of them) and the
    /// unit after them, if there is one; a unit changed through its handle is written from its
    /// tree.
    fn units(&mut self, units: &mut [BatchedUnit], next: Option<&Unit>) -> Result<(), XliffError>;
}

/// A unit handed to [`Rewrite::units`]: the context of its file, the unit in the model, and a
/// handle on its element to change it.
#[derive(Debug)]
pub struct BatchedUnit {
    context: Rc<FileContext>,
    unit: Unit,
    element: UnitElement<'static>,
    /// What follows the unit in the document up to the next unit, as it is to be written.
    after: String,
}

impl BatchedUnit {
    /// The context of the unit's file.
    pub fn context(&self) -> &FileContext {
        &self.context
    }

    /// The unit in the model.
    pub fn unit(&self) -> &Unit {
        &self.unit
    }

    /// The unit in the model and the handle on its element, to change it.
    pub fn parts(&mut self) -> (&Unit, &mut UnitElement<'static>) {
        (&self.unit, &mut self.element)
    }
}

/// Reads the document from `input` and writes it to `output`, handing its units to `rewrite`
/// in batches (with the unit after each batch, for context) and letting it change the
/// languages the document names. Memory holds a window of the input and one batch.
pub fn rewrite_with<R: Read, W: Write>(
    input: R,
    output: &mut W,
    rewrite: &mut dyn Rewrite,
) -> Result<StreamSummary, XliffError> {
    let mut feed = Feed::new(input)?;
    let mut emitter = Batches {
        common: Common::new(),
        validation: rewrite
            .validation()
            .map(|options| UnitByUnit::new(&options)),
        encoding: feed.encoding(),
        out: output,
        rewrite,
        first: true,
        queue: Vec::new(),
        buffer: String::new(),
    };
    let parsed = xml::parse_stream(&mut feed, Limits::default(), &mut emitter)?;
    emitter.flush(true)?;
    let summary = emitter.common.summary(feed.encoding(), &parsed.root)?;
    if let Some(validation) = emitter.validation.take() {
        let validated = validation.finish(parsed)?;
        emitter.rewrite.validated(validated);
    }
    Ok(summary)
}

/// Writes the document as it is read, units through [`Rewrite`] in batches.
struct Batches<'o, 'r, W: Write> {
    common: Common,
    /// The validation of the document in the same pass, when the rewrite asks for it.
    validation: Option<UnitByUnit>,
    encoding: TextEncoding,
    out: &'o mut W,
    rewrite: &'r mut dyn Rewrite,
    first: bool,
    queue: Vec<BatchedUnit>,
    buffer: String,
}

impl<W: Write> Batches<'_, '_, W> {
    /// Text to be written: after the last unit waiting, or out now when none waits.
    fn write(&mut self, text: &str) -> Result<(), XliffError> {
        if let Some(last) = self.queue.last_mut() {
            last.after.push_str(text);
            return Ok(());
        }
        if text.is_empty() {
            return Ok(());
        }
        write_chunk(self.out, text, self.encoding, self.first)?;
        self.first = false;
        Ok(())
    }

    /// Hands a full batch (or, at the end, what is left) to the rewrite and writes it.
    fn flush(&mut self, at_end: bool) -> Result<(), XliffError> {
        let size = self.rewrite.batch().max(1);
        while self.queue.len() > size || (at_end && !self.queue.is_empty()) {
            let take = size.min(self.queue.len());
            let mut batch: Vec<BatchedUnit> = self.queue.drain(..take).collect();
            self.rewrite
                .units(&mut batch, self.queue.first().map(|next| &next.unit))?;
            for unit in &batch {
                let mut buffer = std::mem::take(&mut self.buffer);
                let text = unit.element.written(&mut buffer);
                let result = write_chunk(self.out, text, self.encoding, self.first)
                    .and_then(|()| write_chunk(self.out, &unit.after, self.encoding, false));
                self.buffer = buffer;
                result?;
                self.first = false;
            }
        }
        Ok(())
    }
}

impl<W: Write> Stream for Batches<'_, '_, W> {
    fn take_stub(&mut self) -> Option<Element> {
        self.validation.as_mut().and_then(UnitByUnit::take_stub)
    }

    fn raw(&mut self, text: &str) -> Result<(), XliffError> {
        self.write(text)
    }

    fn start(
        &mut self,
        element: &Element,
        ancestors: &[Element],
        raw: &str,
    ) -> Result<(), XliffError> {
        self.common.start(element, ancestors)?;
        let v2 = self.common.version.is_some_and(Version::is_2x);
        let names = if v2 {
            ("srcLang", "trgLang")
        } else {
            ("source-language", "target-language")
        };
        let carries = match ancestors.first() {
            None => v2,
            Some(root) => !v2 && ancestors.len() == 1 && element.is(root.ns(), "file"),
        };
        if !carries {
            return self.write(raw);
        }
        // The units of earlier files are done before another file's languages are asked for.
        self.flush(true)?;
        let (source, target) = self
            .rewrite
            .languages(element.attr(names.0), element.attr(names.1))?;
        if source.is_none() && target.is_none() {
            return self.write(raw);
        }
        let mut changed = element.clone();
        if let Some(source) = &source {
            changed.set_attr(names.0, source.as_str());
        }
        if let Some(target) = &target {
            changed.set_attr(names.1, target.as_str());
        }
        let mut tag = String::new();
        xml::write_start_tag(&changed, raw.ends_with("/>"), &mut tag);
        self.write(&tag)
    }

    fn end(&mut self, _: &Element, _: &[Element], raw: &str) -> Result<(), XliffError> {
        self.write(raw)
    }

    fn unit(
        &mut self,
        events: &mut UnitEvents<'_, '_>,
        ancestors: &[Element],
    ) -> Result<(), XliffError> {
        let (context, unit, element) = match self.common.read_in_context(events, ancestors)? {
            InContext::Unit(context, unit, element) => {
                if let Some(validation) = self.validation.as_mut() {
                    let parsed = parse_place_with_problems(&element.text, &element.place)?;
                    validation.unit(&parsed.root, parsed.problems, ancestors);
                }
                (context, unit, element.into_owned())
            }
            InContext::Elsewhere(text, parsed) => {
                if let Some(validation) = self.validation.as_mut() {
                    validation.unit(&parsed.root, parsed.problems, ancestors);
                }
                return self.write(text);
            }
        };
        self.queue.push(BatchedUnit {
            context,
            unit,
            element,
            after: String::new(),
        });
        self.flush(false)
    }
}

/// The languages a document names: 2.x `srcLang`/`trgLang`; 1.2 `source-language` and
/// `target-language` of the first file that has units (files in one document may name
/// different pairs; one without units says nothing about the text), else of the first file.
/// Read from the start of the document only, up to that file's first unit.
pub fn document_languages<R: Read>(
    input: R,
) -> Result<(Option<String>, Option<String>), XliffError> {
    type Pair = (Option<String>, Option<String>);
    struct Languages {
        /// The pair of the file being read (1.2), of the first file, and the answer.
        current: Option<Pair>,
        first: Option<Pair>,
        found: Option<Pair>,
    }
    const DONE: &str = "languages found";
    impl Stream for Languages {
        fn start(
            &mut self,
            element: &Element,
            ancestors: &[Element],
            _: &str,
        ) -> Result<(), XliffError> {
            let pair = |source: &str, target: &str| {
                (
                    element.attr(source).map(str::to_string),
                    element.attr(target).map(str::to_string),
                )
            };
            match ancestors.first() {
                None => {
                    if detect_version(element)?.is_2x() {
                        self.found = Some(pair("srcLang", "trgLang"));
                        return Err(XliffError::Model {
                            message: DONE.into(),
                        });
                    }
                }
                Some(root) if ancestors.len() == 1 && element.is(root.ns(), "file") => {
                    let languages = pair("source-language", "target-language");
                    self.first.get_or_insert_with(|| languages.clone());
                    self.current = Some(languages);
                }
                Some(_) => {}
            }
            Ok(())
        }
        fn unit(
            &mut self,
            events: &mut UnitEvents<'_, '_>,
            ancestors: &[Element],
        ) -> Result<(), XliffError> {
            let in_file = ancestors.get(1).is_some_and(|f| f.local_name() == "file");
            if in_file && self.current.is_some() {
                self.found = self.current.take();
                return Err(XliffError::Model {
                    message: DONE.into(),
                });
            }
            events.finish().map(|_| ())
        }
    }
    let mut feed = Feed::new(input)?;
    let mut languages = Languages {
        current: None,
        first: None,
        found: None,
    };
    let result = xml::parse_stream(&mut feed, Limits::default(), &mut languages);
    let known = languages.found.or(languages.first);
    match (result, known) {
        (_, Some(pair)) => Ok(pair),
        (Ok(_), None) => Ok((None, None)),
        (Err(error), None) => Err(error),
    }
}
