//! Writing XLIFF from the model: [`XliffWriter`] writes a new document (1.2 or 2.x) file by
//! file and unit by unit to any writer, so a document of any size is written in constant
//! memory. Jobs that make XLIFF for translators and the converter between versions both write
//! through it.
//!
//! ```
//! use werkbank_model::{Content, Segment};
//! use werkbank_xliff::writer::{NewFile, UnitStyle, XliffWriter};
//! use werkbank_xliff::{Part, Unit, Version};
//!
//! let mut writer = XliffWriter::new(Vec::new(), Version::V2_1, "de", Some("en"))?;
//! writer.start_file(&NewFile::new("brief.txt"))?;
//! let unit = Unit::new("u1", vec![Part::segment(Segment::new("s1", Content::from_text("Guten Tag.")))]);
//! writer.write_unit(&unit, &UnitStyle::default())?;
//! let bytes = writer.finish()?;
//! let document = werkbank_xliff::Document::parse(&bytes)?;
//! assert_eq!(document.units()?[0].parts[0].segment.source.plain_text(), "Guten Tag.");
//! # Ok::<(), werkbank_xliff::XliffError>(())
//! ```

use std::io::Write;

use werkbank_model::{CodeKind, Content, SegmentState, Skeleton};

use crate::inline::{self, CoreName, DataCollector, OriginalData};
use crate::units::{state_12, state_2};
use crate::xml::{escape_attribute, escape_text, write_node};
use crate::{Unit, Version, XliffError};

/// The `form` of the 1.2 `internal-file` that holds werkbank's skeleton.
pub const SKELETON_FORM: &str = "application/x-werkbank-skeleton+json";

/// How a unit is written besides its content.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct UnitStyle {
    /// A name for the unit (2.x `name`, 1.2 `resname`).
    pub name: Option<String>,
    /// White space in the unit's text is significant (`xml:space="preserve"`: on `source` and
    /// `target` in 2.x, on the `trans-unit` in 1.2).
    pub preserve_space: bool,
    /// XLIFF 1.2: write `seg-source` with segment markers even for a unit of one segment.
    pub segment_markers_always: bool,
}

impl UnitStyle {
    /// Sets [`UnitStyle::name`].
    pub fn with_name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// Sets [`UnitStyle::preserve_space`].
    pub fn preserving_space(mut self, preserve: bool) -> Self {
        self.preserve_space = preserve;
        self
    }

    /// Sets [`UnitStyle::segment_markers_always`].
    pub fn with_segment_markers(mut self, always: bool) -> Self {
        self.segment_markers_always = always;
        self
    }
}

/// A file of a document being written.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct NewFile {
    /// The file's `id` (2.x); `f1`, `f2`, ... when not given.
    pub id: Option<String>,
    /// The name of the original document (`original`).
    pub original: String,
    /// The 1.2 `datatype` (`plaintext` when not given).
    pub datatype: Option<String>,
    /// The document's skeleton, carried in the file (2.x `<skeleton>`, 1.2
    /// `<header><skl><internal-file>`) so that the translated file alone rebuilds the document.
    pub skeleton: Option<Skeleton>,
}

impl NewFile {
    /// A file for the original document `original`.
    pub fn new(original: impl Into<String>) -> Self {
        Self {
            original: original.into(),
            ..Self::default()
        }
    }

    /// Sets [`NewFile::id`].
    pub fn with_id(mut self, id: impl Into<String>) -> Self {
        self.id = Some(id.into());
        self
    }

    /// Sets [`NewFile::datatype`].
    pub fn with_datatype(mut self, datatype: impl Into<String>) -> Self {
        self.datatype = Some(datatype.into());
        self
    }

    /// Sets [`NewFile::skeleton`].
    pub fn with_skeleton(mut self, skeleton: Skeleton) -> Self {
        self.skeleton = Some(skeleton);
        self
    }
}

/// Writes a new XLIFF document: [`XliffWriter::new`], then for each file
/// [`XliffWriter::start_file`], its units (in groups if wanted) and [`XliffWriter::end_file`],
/// then [`XliffWriter::finish`].
#[derive(Debug)]
pub struct XliffWriter<W: Write> {
    out: W,
    version: Version,
    core: CoreName,
    source_language: String,
    target_language: Option<String>,
    /// Open containers: files and groups, with the units written in each so far.
    open: Vec<(&'static str, usize)>,
    files: usize,
    units: usize,
    buffer: String,
}

impl<W: Write> XliffWriter<W> {
    /// Starts a document of `version` in the given languages (a 2.x document needs its target
    /// language whenever it has a target).
    pub fn new(
        out: W,
        version: Version,
        source_language: &str,
        target_language: Option<&str>,
    ) -> Result<Self, XliffError> {
        let version = match version {
            Version::V1_0 | Version::V1_1 => Version::V1_2,
            other => other,
        };
        let mut writer = Self {
            out,
            version,
            core: CoreName {
                namespace: Some(std::sync::Arc::from(version.namespace())),
                prefix: String::new(),
            },
            source_language: source_language.to_string(),
            target_language: target_language.map(str::to_string),
            open: Vec::new(),
            files: 0,
            units: 0,
            buffer: String::new(),
        };
        let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xliff");
        attribute(&mut out, "xmlns", version.namespace());
        attribute(&mut out, "version", version.as_str());
        if version.is_2x() {
            attribute(&mut out, "srcLang", source_language);
            if let Some(target) = target_language {
                attribute(&mut out, "trgLang", target);
            }
        }
        out.push_str(">\n");
        writer.write(&out)?;
        Ok(writer)
    }

    /// The version being written.
    pub fn version(&self) -> Version {
        self.version
    }

    fn write(&mut self, text: &str) -> Result<(), XliffError> {
        self.out
            .write_all(text.as_bytes())
            .map_err(|source| XliffError::Io {
                path: "output".into(),
                source,
            })
    }

    fn indent(&self) -> String {
        " ".repeat(self.open.len() + usize::from(!self.version.is_2x()) + 1)
    }

    /// Starts a file (ending the one before, if still open).
    pub fn start_file(&mut self, file: &NewFile) -> Result<(), XliffError> {
        if self.open.iter().any(|(kind, _)| *kind == "file") {
            self.end_file()?;
        }
        self.files += 1;
        let mut out = String::from(" <file");
        if self.version.is_2x() {
            let id = file
                .id
                .clone()
                .unwrap_or_else(|| format!("f{}", self.files));
            attribute(&mut out, "id", &nmtoken(&id, &format!("f{}", self.files)));
            if !file.original.is_empty() {
                attribute(&mut out, "original", &file.original);
            }
            out.push_str(">\n");
            if let Some(skeleton) = &file.skeleton {
                out.push_str("  <skeleton>");
                escape_text(&skeleton.to_json(), &mut out);
                out.push_str("</skeleton>\n");
            }
        } else {
            let original = if file.original.is_empty() {
                "unknown"
            } else {
                file.original.as_str()
            };
            attribute(&mut out, "original", original);
            attribute(&mut out, "source-language", &self.source_language);
            if let Some(target) = &self.target_language {
                attribute(&mut out, "target-language", target);
            }
            attribute(
                &mut out,
                "datatype",
                file.datatype.as_deref().unwrap_or("plaintext"),
            );
            out.push_str(">\n");
            if let Some(skeleton) = &file.skeleton {
                out.push_str(&format!(
                    "  <header>\n   <skl>\n    <internal-file form=\"{SKELETON_FORM}\">"
                ));
                escape_text(&skeleton.to_json(), &mut out);
                out.push_str("</internal-file>\n   </skl>\n  </header>\n");
            }
            out.push_str("  <body>\n");
        }
        self.write(&out)?;
        self.open.push(("file", 0));
        Ok(())
    }

    /// Starts a group in the current file (2.x `name`, 1.2 `resname` from `name`).
    pub fn start_group(&mut self, id: &str, name: Option<&str>) -> Result<(), XliffError> {
        if self.open.is_empty() {
            self.start_file(&NewFile::default())?;
        }
        let mut out = format!("{}<group", self.indent());
        if self.version.is_2x() {
            let fallback = format!("g{}", self.units + 1);
            attribute(&mut out, "id", &nmtoken(id, &fallback));
            if let Some(name) = name {
                attribute(&mut out, "name", name);
            }
        } else {
            if !id.is_empty() {
                attribute(&mut out, "id", id);
            }
            if let Some(name) = name {
                attribute(&mut out, "resname", name);
            }
        }
        out.push_str(">\n");
        self.write(&out)?;
        self.open.push(("group", 0));
        Ok(())
    }

    /// Ends the current group (XLIFF 2 needs a unit in it: an empty one is added when it has
    /// none).
    pub fn end_group(&mut self) -> Result<(), XliffError> {
        if self.open.last().is_none_or(|(kind, _)| *kind != "group") {
            return Err(XliffError::Model {
                message: "no group is open".into(),
            });
        }
        let mut out = String::new();
        if self.version.is_2x() && self.open.last().is_some_and(|(_, units)| *units == 0) {
            out.push_str(&format!(
                "{} <unit id=\"empty-{}\"><segment><source/></segment></unit>\n",
                self.indent(),
                self.units
            ));
        }
        self.open.pop();
        out.push_str(&format!("{}</group>\n", self.indent()));
        self.write(&out)?;
        self.count_unit();
        Ok(())
    }

    fn count_unit(&mut self) {
        if let Some((_, units)) = self.open.last_mut() {
            *units += 1;
        }
    }

    /// Writes a unit: its segments and ignorables with their sources and targets (inline codes
    /// as the version writes them, code ids made unique in the unit for 2.x), states, notes and
    /// translation candidates.
    pub fn write_unit(&mut self, unit: &Unit, style: &UnitStyle) -> Result<(), XliffError> {
        if self.open.is_empty() {
            self.start_file(&NewFile::default())?;
        }
        self.units += 1;
        let indent = self.indent();
        let mut out = std::mem::take(&mut self.buffer);
        out.clear();
        if self.version.is_2x() {
            let mut unit = unit.clone();
            unique_code_ids(&mut unit);
            unit_2(&unit, style, &self.core, &mut out, &indent, self.units);
        } else {
            unit_12(unit, style, &self.core, &mut out, &indent);
        }
        let result = self.write(&out);
        self.buffer = out;
        self.count_unit();
        result
    }

    /// Ends the current file (XLIFF 2 needs a unit in every file: an empty one is added when it
    /// has none).
    pub fn end_file(&mut self) -> Result<(), XliffError> {
        while self.open.last().is_some_and(|(kind, _)| *kind == "group") {
            self.end_group()?;
        }
        let Some((_, units)) = self.open.pop() else {
            return Ok(());
        };
        let mut out = String::new();
        if self.version.is_2x() {
            if units == 0 {
                out.push_str("  <unit id=\"empty\"><segment><source/></segment></unit>\n");
            }
            out.push_str(" </file>\n");
        } else {
            out.push_str("  </body>\n </file>\n");
        }
        self.write(&out)
    }

    /// Ends the document (and the file still open) and gives the writer back.
    pub fn finish(mut self) -> Result<W, XliffError> {
        self.end_file()?;
        self.write("</xliff>\n")?;
        self.out.flush().map_err(|source| XliffError::Io {
            path: "output".into(),
            source,
        })?;
        Ok(self.out)
    }
}

/// XLIFF 2 text: a character XML cannot carry becomes `<cp>`.
pub(crate) fn text_2(value: &str, out: &mut String) {
    let mut run = String::new();
    for c in value.chars() {
        if inline::is_xml_char(c) {
            run.push(c);
        } else {
            escape_text(&std::mem::take(&mut run), out);
            out.push_str(&format!("<cp hex=\"{:04X}\"/>", c as u32));
        }
    }
    escape_text(&run, out);
}

pub(crate) fn attribute(out: &mut String, name: &str, value: &str) {
    out.push(' ');
    out.push_str(name);
    out.push_str("=\"");
    escape_attribute(value, out);
    out.push('"');
}

pub(crate) fn nmtoken(value: &str, fallback: &str) -> String {
    let cleaned: String = value
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | ':') {
                c
            } else {
                '_'
            }
        })
        .collect();
    if cleaned.is_empty() {
        fallback.to_string()
    } else {
        cleaned
    }
}

/// Inline codes keep element names (so pairs can be written as elements) but not the attributes
/// of the other version.
pub(crate) fn portable(content: &Content) -> Content {
    let pairs = content.code_pairs();
    let (text, mut codes) = content.clone().into_parts();
    for (open, close) in pairs {
        let missing = codes.get(open).is_some_and(|c| c.code.id.is_empty());
        if missing {
            for index in [open, close] {
                if let Some(placed) = codes.get_mut(index) {
                    placed.code.id = format!("c{}", open + 1);
                }
            }
        }
    }
    for (index, placed) in codes.iter_mut().enumerate() {
        placed.code.attributes.clear();
        if placed.code.id.is_empty() {
            placed.code.id = format!("c{}", index + 1);
        }
    }
    Content::from_parts(text, codes).unwrap_or_default()
}

/// XLIFF 2 wants inline ids unique across a unit's segments and pairs split over segments
/// written as one sc/ec pair; XLIFF 1.2 numbers codes per segment and marks such halves as
/// isolated (bx/ex). Halves of one pair in different segments are joined again, and a code whose
/// id an earlier, different code (or a segment) already uses gets a new one. Targets first take
/// the new ids of the source codes they share, then get the same treatment.
fn unique_code_ids(unit: &mut Unit) {
    let segment_ids: Vec<String> = unit
        .parts
        .iter()
        .filter(|p| !p.ignorable)
        .map(|p| nmtoken(&p.segment.id, ""))
        .collect();
    let mut sources: Vec<Content> = unit
        .parts
        .iter()
        .map(|p| portable(&p.segment.source))
        .collect();
    let renames = dedupe(&mut sources, &segment_ids);
    let mut targets: Vec<Option<Content>> = unit
        .parts
        .iter()
        .zip(&renames)
        .map(|(part, renamed)| {
            part.segment.target.as_ref().map(|target| {
                let (text, mut codes) = portable(target).into_parts();
                for placed in &mut codes {
                    if let Some(fresh) = renamed.get(&placed.code.id) {
                        placed.code.id = fresh.clone();
                    }
                }
                Content::from_parts(text, codes).unwrap_or_default()
            })
        })
        .collect();
    let mut present: Vec<Content> = targets.iter().flatten().cloned().collect();
    dedupe(&mut present, &segment_ids);
    let mut fixed = present.into_iter();
    for target in targets.iter_mut().flatten() {
        if let Some(content) = fixed.next() {
            *target = content;
        }
    }
    for ((part, source), target) in unit.parts.iter_mut().zip(sources).zip(targets) {
        part.segment.source = source;
        part.segment.target = target;
    }
}

/// Makes code ids unique over `contents` (one unit side, in order); returns each content's
/// renames (old id → new id).
fn dedupe(
    contents: &mut [Content],
    reserved: &[String],
) -> Vec<std::collections::HashMap<String, String>> {
    use std::collections::{HashMap, HashSet};
    let mut owner: HashMap<String, (usize, usize)> = HashMap::new();
    let mut used: HashSet<String> = HashSet::new();
    for (index, id) in reserved.iter().enumerate() {
        owner.insert(id.clone(), (usize::MAX, index));
        used.insert(id.clone());
    }
    let mut waiting: HashMap<String, (usize, usize)> = HashMap::new();
    let mut fresh_of_group: HashMap<(usize, usize), String> = HashMap::new();
    let mut renames = Vec::new();
    for (p, content) in contents.iter_mut().enumerate() {
        let pairs: HashMap<usize, usize> = content
            .code_pairs()
            .into_iter()
            .map(|(open, close)| (close, open))
            .collect();
        let (text, mut codes) = std::mem::take(content).into_parts();
        let mut renamed: HashMap<String, String> = HashMap::new();
        let mut group_of: Vec<(usize, usize)> = Vec::new();
        for (c, placed) in codes.iter_mut().enumerate() {
            let id = placed.code.id.clone();
            let group = match placed.code.kind {
                CodeKind::Closing if pairs.contains_key(&c) => pairs
                    .get(&c)
                    .and_then(|open| group_of.get(*open))
                    .copied()
                    .unwrap_or((p, c)),
                CodeKind::Closing if placed.code.isolated => match waiting.remove(&id) {
                    Some(group) => {
                        placed.code.isolated = false;
                        group
                    }
                    None => (p, c),
                },
                _ => (p, c),
            };
            if placed.code.kind == CodeKind::Opening && placed.code.isolated {
                waiting.insert(id.clone(), (p, c));
            }
            group_of.push(group);
            if let Some(known) = fresh_of_group.get(&group) {
                if *known != id {
                    renamed.insert(id.clone(), known.clone());
                    placed.code.id = known.clone();
                }
                continue;
            }
            let fresh = match owner.get(&id) {
                Some(existing) if *existing != group => {
                    let mut n = 2;
                    loop {
                        let candidate = format!("{id}-{n}");
                        if !used.contains(&candidate) {
                            break candidate;
                        }
                        n += 1;
                    }
                }
                _ => id.clone(),
            };
            owner.insert(fresh.clone(), group);
            fresh_of_group.insert(group, fresh.clone());
            used.insert(fresh.clone());
            if fresh != id {
                renamed.insert(id.clone(), fresh.clone());
                placed.code.id = fresh;
            }
        }
        *content = Content::from_parts(text, codes).unwrap_or_default();
        renames.push(renamed);
    }
    // Opening halves whose closing half was found later are no longer isolated.
    for content in contents.iter_mut() {
        let (text, mut codes) = std::mem::take(content).into_parts();
        for placed in &mut codes {
            if placed.code.kind == CodeKind::Opening
                && placed.code.isolated
                && !waiting.contains_key(&placed.code.id)
            {
                placed.code.isolated = false;
            }
        }
        *content = Content::from_parts(text, codes).unwrap_or_default();
    }
    renames
}

/// Writes a note; `names` are the attributes for its author and for what it annotates
/// (2.x `category`/`appliesTo`, 1.2 `from`/`annotates`).
fn write_note(out: &mut String, indent: &str, note: &werkbank_model::Note, names: (&str, &str)) {
    out.push_str(indent);
    out.push_str("<note");
    if let Some(author) = &note.author {
        attribute(out, names.0, author);
    }
    if let Some(applies) = note
        .annotates
        .as_deref()
        .filter(|a| matches!(*a, "source" | "target"))
    {
        attribute(out, names.1, applies);
    }
    out.push('>');
    escape_text(&note.text, out);
    out.push_str("</note>\n");
}

/// The `mtc:matches` of a converted unit: its 1.2 `alt-trans`, each pointing to the segment it
/// was for (the first one when it names none).
fn matches_2(unit: &Unit, segment_ids: &[String], core: &CoreName, indent: &str) -> String {
    if unit.candidates.is_empty() {
        return String::new();
    }
    let first_segment = unit.segments().next();
    let mut out = format!(
        "{indent} <mtc:matches xmlns:mtc=\"{}\">\n",
        crate::extras::NS_MTC
    );
    for (index, candidate) in unit.candidates.iter().enumerate() {
        let segment = candidate
            .applies_to
            .as_deref()
            .map(|mid| nmtoken(mid, ""))
            .filter(|id| segment_ids.contains(id))
            .or_else(|| segment_ids.first().cloned())
            .unwrap_or_default();
        let source = candidate
            .source
            .clone()
            .or_else(|| first_segment.map(|s| s.source.clone()))
            .unwrap_or_default();
        let id = format!("m{}", index + 1);
        let reference = format!("#{segment}");
        let similarity = candidate.similarity.map(crate::extras::score_attribute);
        let quality = candidate.match_quality.map(crate::extras::score_attribute);
        let mut attributes = vec![("id", id.as_str()), ("ref", reference.as_str())];
        if let Some(similarity) = &similarity {
            attributes.push(("similarity", similarity));
        }
        if let Some(quality) = &quality {
            attributes.push(("matchQuality", quality));
        }
        if let Some(origin) = &candidate.origin {
            attributes.push(("origin", origin));
        }
        let element = crate::extras::match_element(
            &portable(&source),
            &portable(&candidate.target),
            &attributes,
            core,
            &format!("\n{indent}  "),
        );
        out.push_str(&format!("{indent}  "));
        crate::xml::write_element(&element, crate::xml::WriteMode::Preserve, &mut out);
        out.push('\n');
    }
    out.push_str(&format!("{indent} </mtc:matches>\n"));
    out
}

fn unit_2(
    unit: &Unit,
    style: &UnitStyle,
    core: &CoreName,
    out: &mut String,
    indent: &str,
    number: usize,
) {
    let mut collector = DataCollector::new(OriginalData::new());
    let mut body = String::new();
    let preserve = style.preserve_space;
    let mut segment_ids = std::collections::HashSet::new();
    let mut written_ids = Vec::new();
    for (index, part) in unit.parts.iter().enumerate() {
        let name = if part.ignorable {
            "ignorable"
        } else {
            "segment"
        };
        body.push_str(&format!("{indent}  <{name}"));
        let id = nmtoken(&part.segment.id, "");
        if !part.ignorable
            && !id.is_empty()
            && !id.starts_with('#')
            && segment_ids.insert(id.clone())
        {
            attribute(&mut body, "id", &id);
            written_ids.push(id);
        } else if !part.ignorable {
            let id = format!("s{}", index + 1);
            attribute(&mut body, "id", &id);
            written_ids.push(id);
        }
        if !part.ignorable
            && part.segment.target.is_some()
            && part.segment.state != SegmentState::Initial
        {
            attribute(&mut body, "state", state_2(part.segment.state));
            // The 1.2 state is kept as subState where 2.x has no state of the same name.
            if let Some(original) = part
                .segment
                .sub_state
                .as_ref()
                .filter(|s| s.as_str() != state_2(part.segment.state))
            {
                attribute(&mut body, "subState", &format!("xliff12:{original}"));
            }
        }
        body.push_str(">\n");
        let mut side = |name: &str, content: &Content| {
            body.push_str(&format!("{indent}   <{name}"));
            if preserve {
                attribute(&mut body, "xml:space", "preserve");
            }
            body.push('>');
            for node in inline::write_content_2(&portable(content), core, &mut collector) {
                write_node(&node, crate::xml::WriteMode::Preserve, &mut body);
            }
            body.push_str(&format!("</{name}>\n"));
        };
        side("source", &part.segment.source);
        if let Some(target) = &part.segment.target {
            side("target", target);
        }
        body.push_str(&format!("{indent}  </{name}>\n"));
    }
    out.push_str(&format!("{indent}<unit"));
    attribute(out, "id", &nmtoken(&unit.id, &format!("u{number}")));
    if let Some(name) = &style.name {
        attribute(out, "name", name);
    }
    if !unit.translate {
        attribute(out, "translate", "no");
    }
    out.push_str(">\n");
    out.push_str(&matches_2(unit, &written_ids, core, indent));
    if !unit.notes.is_empty() {
        out.push_str(&format!("{indent} <notes>\n"));
        for note in &unit.notes {
            write_note(out, &format!("{indent}  "), note, ("category", "appliesTo"));
        }
        out.push_str(&format!("{indent} </notes>\n"));
    }
    if !collector.added.is_empty() {
        out.push_str(&format!("{indent} <originalData>\n"));
        for (id, value) in &collector.added {
            out.push_str(&format!("{indent}  <data"));
            attribute(out, "id", id);
            out.push('>');
            text_2(value, out);
            out.push_str("</data>\n");
        }
        out.push_str(&format!("{indent} </originalData>\n"));
    }
    if unit.parts.iter().all(|p| p.ignorable) {
        out.push_str(&format!("{indent}  <segment><source/></segment>\n"));
    }
    out.push_str(&body);
    out.push_str(&format!("{indent}</unit>\n"));
}

fn write_12(content: &Content, core: &CoreName, out: &mut String) {
    for node in inline::write_content_12(&portable(content), core) {
        write_node(&node, crate::xml::WriteMode::Preserve, out);
    }
}

/// A 1.2 segment marker (`mrk mtype="seg"`) around `content`.
fn write_segment_marker(out: &mut String, mid: &str, content: &Content, core: &CoreName) {
    out.push_str("<mrk mtype=\"seg\"");
    attribute(out, "mid", mid);
    out.push('>');
    write_12(content, core, out);
    out.push_str("</mrk>");
}

/// The `mid` of a segment marker: the segment's id, or its position when it has none.
fn segment_mid(id: &str, parts: &[crate::Part], part: &crate::Part) -> String {
    if id.starts_with('#') || id.is_empty() {
        let index = parts
            .iter()
            .position(|p| std::ptr::eq(p, part))
            .unwrap_or(0);
        format!("s{}", index + 1)
    } else {
        id.to_string()
    }
}

fn unit_12(unit: &Unit, style: &UnitStyle, core: &CoreName, out: &mut String, indent: &str) {
    out.push_str(&format!("{indent}<trans-unit"));
    attribute(out, "id", &unit.id);
    if let Some(name) = &style.name {
        attribute(out, "resname", name);
    }
    if !unit.translate {
        attribute(out, "translate", "no");
    }
    if style.preserve_space {
        attribute(out, "xml:space", "preserve");
    }
    out.push_str(">\n");
    let segments: Vec<_> = unit.segments().collect();
    let simple = unit.parts.len() == 1 && segments.len() == 1 && !style.segment_markers_always;
    let translated = segments.iter().any(|s| s.target.is_some());
    let least = segments
        .iter()
        .map(|s| s.state)
        .min_by_key(|s| match s {
            SegmentState::Initial => 0,
            SegmentState::Translated => 1,
            SegmentState::Reviewed => 2,
            SegmentState::Final => 3,
        })
        .unwrap_or(SegmentState::Initial);
    out.push_str(&format!("{indent} <source>"));
    for part in &unit.parts {
        write_12(&part.segment.source, core, out);
    }
    out.push_str("</source>\n");
    if !simple {
        out.push_str(&format!("{indent} <seg-source>"));
        for part in &unit.parts {
            if part.ignorable {
                write_12(&part.segment.source, core, out);
            } else {
                write_segment_marker(
                    out,
                    &segment_mid(&part.segment.id, &unit.parts, part),
                    &part.segment.source,
                    core,
                );
            }
        }
        out.push_str("</seg-source>\n");
    }
    if translated {
        out.push_str(&format!("{indent} <target"));
        attribute(out, "state", state_12(least));
        out.push('>');
        for part in &unit.parts {
            let content = part.segment.target.clone().unwrap_or_default();
            if part.ignorable || simple {
                let content = if part.ignorable && part.segment.target.is_none() {
                    part.segment.source.clone()
                } else {
                    content
                };
                write_12(&content, core, out);
            } else {
                write_segment_marker(
                    out,
                    &segment_mid(&part.segment.id, &unit.parts, part),
                    &content,
                    core,
                );
            }
        }
        out.push_str("</target>\n");
    }
    for note in &unit.notes {
        write_note(out, &format!("{indent} "), note, ("from", "annotates"));
    }
    for candidate in &unit.candidates {
        out.push_str(&format!("{indent} <alt-trans"));
        let mid = candidate.applies_to.as_deref().filter(|mid| {
            !simple
                && unit
                    .parts
                    .iter()
                    .any(|p| !p.ignorable && segment_mid(&p.segment.id, &unit.parts, p) == *mid)
        });
        if let Some(mid) = mid {
            attribute(out, "mid", mid);
        }
        if let Some(similarity) = candidate.similarity {
            attribute(
                out,
                "match-quality",
                &crate::extras::score_attribute(similarity),
            );
        }
        if let Some(origin) = &candidate.origin {
            attribute(out, "origin", origin);
        }
        out.push_str(">\n");
        if let Some(source) = &candidate.source {
            out.push_str(&format!("{indent}  <source>"));
            write_12(source, core, out);
            out.push_str("</source>\n");
        }
        out.push_str(&format!("{indent}  <target>"));
        write_12(&candidate.target, core, out);
        out.push_str(&format!("</target>\n{indent} </alt-trans>\n"));
    }
    out.push_str(&format!("{indent}</trans-unit>\n"));
}
