//! The model view of a document: units, their segments and ignorables, read from and written
//! back into the tree.

use werkbank_model::{Content, Note, Segment, SegmentState};

use crate::document::Document;
use crate::extras::{Candidate, MetaGroup};
use crate::inline::{self, CoreName, DataCollector, OriginalData};
use crate::xml::{Element, Node, Text};
use crate::{Position, XliffError};

/// One translatable unit (XLIFF 2 `unit`, XLIFF 1.2 `trans-unit`).
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    /// The unit's `id`.
    pub id: String,
    /// The `id` (2.x) or `original` (1.2) of the file it belongs to.
    pub file: String,
    /// Where the unit starts.
    pub position: Position,
    /// False when the unit (or an ancestor) says `translate="no"`.
    pub translate: bool,
    /// What kind of unit it is: 1.2 `restype` (`x-gettext-domain-header` for a PO header,
    /// ...), 2.x `type`.
    pub unit_type: Option<String>,
    /// Segments and ignorables in document order.
    pub parts: Vec<Part>,
    /// The unit's notes.
    pub notes: Vec<Note>,
    /// Translation candidates offered with it (1.2 `alt-trans`, 2.x `mtc:matches`).
    pub candidates: Vec<Candidate>,
    /// Its metadata (2.x `mda:metadata`).
    pub metadata: Vec<MetaGroup>,
    /// The translation of the whole unit, where a 1.2 file has a `<target>` without segment
    /// markers beside a `<seg-source>` with them (as translate-toolkit and other tools write
    /// it). With one segment, that segment's target is set from it too.
    pub unit_target: Option<UnitTarget>,
}

/// A translation of a whole 1.2 unit whose source is segmented (see [`Unit::unit_target`]).
#[derive(Debug, Clone, PartialEq)]
pub struct UnitTarget {
    /// The unit's `<source>`.
    pub source: Content,
    /// The `<target>`.
    pub target: Content,
    /// The target's state.
    pub state: SegmentState,
    /// The 1.2 `state` value as written.
    pub sub_state: Option<String>,
}

impl UnitTarget {
    /// The target as it belongs in the document in place of the unit's source: the source's
    /// leading and trailing whitespace around the target's text, so that the layout of the
    /// document survives a translator who left it out (or typed it in again).
    pub fn in_place_of_source(&self) -> Content {
        let source = self.source.plain_text();
        let leading = &source[..source.len() - source.trim_start().len()];
        let trailing = &source[source.trim_end().len()..];
        let mut out = Content::from_text(leading);
        out.append(&self.target.trimmed());
        out.push_text(trailing);
        out
    }
}

/// A segment or an ignorable (the text between segments) of a unit.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    /// True for XLIFF 2 `ignorable`, and for 1.2 text outside `mrk mtype="seg"` in `seg-source`.
    pub ignorable: bool,
    /// The content; ignorables have the state [`SegmentState::Initial`].
    pub segment: Segment,
    /// The 1.2 `state-qualifier` of the target (exact-match, leveraged-tm, ...), when given.
    pub state_qualifier: Option<String>,
}

impl Part {
    /// A segment.
    pub fn segment(segment: Segment) -> Self {
        Self {
            ignorable: false,
            segment,
            state_qualifier: None,
        }
    }

    /// An ignorable: text between segments (`id` is its id, or `#n` when it has none).
    pub fn ignorable(id: impl Into<String>, content: Content) -> Self {
        Self {
            ignorable: true,
            segment: Segment::new(id, content),
            state_qualifier: None,
        }
    }
}

impl Unit {
    /// A unit with the given parts and nothing else (translatable, no notes or candidates).
    pub fn new(id: impl Into<String>, parts: Vec<Part>) -> Self {
        Self {
            id: id.into(),
            file: String::new(),
            position: Position::default(),
            translate: true,
            unit_type: None,
            parts,
            notes: Vec::new(),
            candidates: Vec::new(),
            metadata: Vec::new(),
            unit_target: None,
        }
    }

    /// The segments only, without ignorables.
    pub fn segments(&self) -> impl Iterator<Item = &Segment> + '_ {
        self.parts
            .iter()
            .filter(|part| !part.ignorable)
            .map(|part| &part.segment)
    }
}

/// The 1.2 `state` value written for a model state.
pub fn state_12(state: SegmentState) -> &'static str {
    match state {
        SegmentState::Initial => "needs-translation",
        SegmentState::Translated => "translated",
        SegmentState::Reviewed => "signed-off",
        SegmentState::Final => "final",
    }
}

/// The model state of a 1.2 `state` value.
pub fn state_from_12(value: &str) -> SegmentState {
    match value {
        "translated"
        | "needs-review-translation"
        | "needs-review-l10n"
        | "needs-review-adaptation" => SegmentState::Translated,
        "signed-off" => SegmentState::Reviewed,
        "final" => SegmentState::Final,
        _ => SegmentState::Initial,
    }
}

/// The model state of a 2.x `state` value.
pub fn state_from_2(value: &str) -> SegmentState {
    match value {
        "translated" => SegmentState::Translated,
        "reviewed" => SegmentState::Reviewed,
        "final" => SegmentState::Final,
        _ => SegmentState::Initial,
    }
}

/// The 2.x `state` value of a model state.
pub fn state_2(state: SegmentState) -> &'static str {
    match state {
        SegmentState::Initial => "initial",
        SegmentState::Translated => "translated",
        SegmentState::Reviewed => "reviewed",
        SegmentState::Final => "final",
    }
}

/// Calls `visit` for every unit element in document order with its file id and inherited
/// `translate`.
fn walk<'a>(document: &'a Document, visit: &mut dyn FnMut(&'a Element, &'a str, bool)) {
    let ns = document.core_namespace();
    let v2 = document.version().is_2x();
    for file in document.root.children_named(ns, "file") {
        let file_id = if v2 {
            file.attr("id")
        } else {
            file.attr("original")
        }
        .unwrap_or("");
        let translate = file.attr("translate") != Some("no");
        if v2 {
            walk_container(file, ns, "unit", file_id, translate, visit);
        } else if let Some(body) = file.child(ns, "body") {
            walk_container(body, ns, "trans-unit", file_id, translate, visit);
        }
    }
}

fn walk_container<'a>(
    container: &'a Element,
    ns: &str,
    unit_name: &str,
    file_id: &'a str,
    translate: bool,
    visit: &mut dyn FnMut(&'a Element, &'a str, bool),
) {
    for child in container.elements() {
        if child.ns() != ns {
            continue;
        }
        let translate = match child.attr("translate") {
            Some("no") => false,
            Some("yes") => true,
            _ => translate,
        };
        if child.local_name() == unit_name {
            visit(child, file_id, translate);
        } else if child.local_name() == "group" {
            walk_container(child, ns, unit_name, file_id, translate, visit);
        }
    }
}

fn nth_unit_mut<'a>(
    root: &'a mut Element,
    ns: &str,
    v2: bool,
    ordinal: usize,
) -> Option<&'a mut Element> {
    let mut seen = 0;
    let unit_name = if v2 { "unit" } else { "trans-unit" };
    for file in root.elements_mut() {
        if !file.is(ns, "file") {
            continue;
        }
        let container = if v2 {
            Some(file)
        } else {
            file.elements_mut().find(|e| e.is(ns, "body"))
        };
        if let Some(container) = container {
            if let Some(found) = find_nth(container, ns, unit_name, ordinal, &mut seen) {
                return Some(found);
            }
        }
    }
    None
}

fn find_nth<'a>(
    container: &'a mut Element,
    ns: &str,
    unit_name: &str,
    ordinal: usize,
    seen: &mut usize,
) -> Option<&'a mut Element> {
    for child in container.elements_mut() {
        if child.ns() != ns {
            continue;
        }
        if child.local_name() == unit_name {
            if *seen == ordinal {
                return Some(child);
            }
            *seen += 1;
        } else if child.local_name() == "group" {
            if let Some(found) = find_nth(child, ns, unit_name, ordinal, seen) {
                return Some(found);
            }
        }
    }
    None
}

fn notes_of(unit: &Element, ns: &str, v2: bool) -> Vec<Note> {
    let notes: Vec<&Element> = if v2 {
        unit.child(ns, "notes")
            .map(|notes| notes.children_named(ns, "note").collect())
            .unwrap_or_default()
    } else {
        unit.children_named(ns, "note").collect()
    };
    notes
        .into_iter()
        .map(|note| Note {
            text: note.text_content(),
            author: note
                .attr("from")
                .or(note.attr("category"))
                .map(str::to_string),
            annotates: note
                .attr("annotates")
                .or(note.attr("appliesTo"))
                .map(str::to_string),
        })
        .collect()
}

/// The `originalData` of a 2.x unit.
pub fn original_data(unit: &Element, ns: &str) -> OriginalData {
    unit.child(ns, "originalData")
        .map(|data| {
            data.children_named(ns, "data")
                .map(|d| {
                    (
                        d.attr("id").unwrap_or("").to_string(),
                        inline_data_text(d, ns),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

fn inline_data_text(data: &Element, ns: &str) -> String {
    let mut out = String::new();
    for child in &data.children {
        match child {
            Node::Text(text) => out.push_str(&text.value),
            Node::CData(text) => out.push_str(text),
            Node::Element(cp) if cp.is(ns, "cp") => {
                if let Some(c) = cp
                    .attr("hex")
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .and_then(char::from_u32)
                {
                    out.push(c);
                }
            }
            _ => {}
        }
    }
    out
}

pub(crate) fn read_unit_2(unit: &Element, ns: &str) -> Result<Vec<Part>, XliffError> {
    let data = original_data(unit, ns);
    let mut parts = Vec::new();
    for (index, child) in unit.elements().enumerate() {
        let ignorable = child.is(ns, "ignorable");
        if !ignorable && !child.is(ns, "segment") {
            continue;
        }
        let mut source = Content::new();
        if let Some(element) = child.child(ns, "source") {
            inline::read_content_2(element, &data, &mut source)?;
        }
        let target = match child.child(ns, "target") {
            Some(element) => {
                let mut target = Content::new();
                inline::read_content_2(element, &data, &mut target)?;
                Some(target)
            }
            None => None,
        };
        let id = child
            .attr("id")
            .map_or_else(|| format!("#{index}"), str::to_string);
        let mut segment = Segment::new(id, source);
        segment.target = target;
        segment.state = child
            .attr("state")
            .map_or(SegmentState::Initial, state_from_2);
        segment.sub_state = child.attr("subState").map(str::to_string);
        parts.push(Part {
            ignorable,
            segment,
            state_qualifier: None,
        });
    }
    Ok(parts)
}

fn content_12(element: &Element) -> Content {
    let mut content = Content::new();
    inline::read_content_12(element, &mut content);
    content
}

fn is_seg_mrk(element: &Element, ns: &str) -> bool {
    element.is(ns, "mrk") && element.attr("mtype") == Some("seg")
}

/// Whether `element` holds a segment marker at any depth (Trados puts them inside `<g>`).
fn has_seg_mrk(element: &Element, ns: &str) -> bool {
    element
        .elements()
        .any(|e| is_seg_mrk(e, ns) || has_seg_mrk(e, ns))
}

/// The segment marker `mid` at any depth of `element`.
fn find_seg_mrk<'a>(element: &'a Element, ns: &str, mid: &str) -> Option<&'a Element> {
    element.elements().find_map(|e| {
        if is_seg_mrk(e, ns) {
            (e.attr("mid") == Some(mid)).then_some(e)
        } else {
            find_seg_mrk(e, ns, mid)
        }
    })
}

/// Calls `edit` for every segment marker at any depth of `element`.
fn for_each_seg_mrk_mut(element: &mut Element, ns: &str, edit: &mut dyn FnMut(&mut Element)) {
    for child in element.elements_mut() {
        if is_seg_mrk(child, ns) {
            edit(child);
        } else {
            for_each_seg_mrk_mut(child, ns, edit);
        }
    }
}

/// The `seg-source` of a 1.2 unit when it holds segment markers.
fn segmented_source<'a>(unit: &'a Element, ns: &str) -> Option<&'a Element> {
    unit.child(ns, "seg-source")
        .filter(|seg_source| has_seg_mrk(seg_source, ns))
}

/// Reads the children of `seg-source` (or of an element in it that holds markers): markers
/// become segments, everything between them goes into `between`, an element around markers as
/// its opening and closing code (isolated: the segments sit between them).
fn read_segmented_12(
    nodes: &[Node],
    ns: &str,
    target: Option<&Element>,
    parts: &mut Vec<Part>,
    between: &mut Content,
    state: (SegmentState, Option<&str>, Option<&str>),
) {
    let (state, sub_state, qualifier) = state;
    for child in nodes {
        match child {
            Node::Element(mrk) if is_seg_mrk(mrk, ns) => {
                flush_between(between, parts);
                let mid = mrk.attr("mid").unwrap_or("");
                let mut segment = Segment::new(mid, content_12(mrk));
                segment.target = target
                    .and_then(|target| find_seg_mrk(target, ns, mid))
                    .map(content_12);
                if segment.target.is_some() {
                    segment.state = state;
                    segment.sub_state = sub_state.map(str::to_string);
                }
                parts.push(Part {
                    ignorable: false,
                    state_qualifier: segment.target.as_ref().and(qualifier.map(str::to_string)),
                    segment,
                });
            }
            Node::Element(wrapper) if has_seg_mrk(wrapper, ns) => {
                let (opening, closing) = inline::wrapper_codes_12(wrapper);
                between.push_code(opening);
                read_segmented_12(&wrapper.children, ns, target, parts, between, {
                    (state, sub_state, qualifier)
                });
                between.push_code(closing);
            }
            Node::Text(text) => between.push_text(&text.value),
            Node::CData(text) => between.push_text(text),
            Node::Element(other) => {
                let mut wrapper = Element::new("seg-source", None);
                wrapper.children.push(Node::Element(other.clone()));
                let piece = content_12(&wrapper);
                between.append(&piece);
            }
            _ => {}
        }
    }
}

fn flush_between(between: &mut Content, parts: &mut Vec<Part>) {
    if !between.is_empty() {
        let id = format!("#{}", parts.len());
        parts.push(Part {
            ignorable: true,
            segment: Segment::new(id, std::mem::take(between)),
            state_qualifier: None,
        });
    }
}

/// The model view of a 1.2 `trans-unit`: its parts and, when its target has no segment markers
/// although its source is segmented, the translation of the whole unit.
fn read_unit_12(unit: &Element, ns: &str) -> (Vec<Part>, Option<UnitTarget>) {
    let target_element = unit.child(ns, "target");
    let (state, sub_state) = match target_element.and_then(|t| t.attr("state")) {
        Some(value) => (state_from_12(value), Some(value.to_string())),
        None if unit.attr("approved") == Some("yes") => (SegmentState::Final, None),
        None => (SegmentState::Initial, None),
    };
    let qualifier = target_element
        .and_then(|t| t.attr("state-qualifier"))
        .map(str::to_string);
    let Some(seg_source) = segmented_source(unit, ns) else {
        let source = unit.child(ns, "source").map(content_12).unwrap_or_default();
        let mut segment = Segment::new(unit.attr("id").unwrap_or(""), source);
        segment.target = target_element.map(content_12);
        segment.state = state;
        segment.sub_state = sub_state;
        return (
            vec![Part {
                ignorable: false,
                segment,
                state_qualifier: qualifier,
            }],
            None,
        );
    };
    // A target written as plain text (no markers) is the translation of the whole unit.
    let unit_target = target_element
        .filter(|target| !has_seg_mrk(target, ns))
        .map(content_12)
        .filter(|target| !target.plain_text().trim().is_empty() || target.has_codes())
        .map(|target| UnitTarget {
            source: unit.child(ns, "source").map(content_12).unwrap_or_default(),
            target,
            state,
            sub_state: sub_state.clone(),
        });
    let marked_target = target_element.filter(|target| has_seg_mrk(target, ns));
    let mut parts = Vec::new();
    let mut between = Content::new();
    read_segmented_12(
        &seg_source.children,
        ns,
        marked_target,
        &mut parts,
        &mut between,
        (state, sub_state.as_deref(), qualifier.as_deref()),
    );
    flush_between(&mut between, &mut parts);
    // With one segment, the unit's translation is that segment's: its text without the
    // whitespace the unit has around the segment.
    if let Some(unit_target) = &unit_target {
        let mut segments = parts.iter_mut().filter(|p| !p.ignorable);
        if let (Some(only), None) = (segments.next(), segments.next()) {
            only.segment.target = Some(unit_target.target.trimmed());
            only.segment.state = state;
            only.segment.sub_state = sub_state.clone();
            only.state_qualifier = qualifier.clone();
        }
    }
    (parts, unit_target)
}

/// Reads one unit element (`unit` or `trans-unit` in namespace `ns`) into the model.
pub fn read_unit(element: &Element, ns: &str, v2: bool, file: &str) -> Result<Unit, XliffError> {
    let (parts, unit_target, candidates, metadata) = if v2 {
        (
            read_unit_2(element, ns)?,
            None,
            crate::extras::matches(element)?,
            crate::extras::metadata(element),
        )
    } else {
        let (parts, unit_target) = read_unit_12(element, ns);
        (
            parts,
            unit_target,
            crate::extras::alt_trans(element, ns),
            Vec::new(),
        )
    };
    Ok(Unit {
        id: element.attr("id").unwrap_or("").to_string(),
        file: file.to_string(),
        position: element.position,
        translate: element.attr("translate") != Some("no"),
        unit_type: element
            .attr(if v2 { "type" } else { "restype" })
            .map(str::to_string),
        parts,
        notes: notes_of(element, ns, v2),
        candidates,
        metadata,
        unit_target,
    })
}

impl Document {
    /// The source language: `srcLang` (2.x) or the first file's `source-language` (1.2).
    pub fn source_language(&self) -> Option<&str> {
        if self.version().is_2x() {
            self.root.attr("srcLang")
        } else {
            self.root
                .child(self.core_namespace(), "file")
                .and_then(|f| f.attr("source-language"))
        }
    }

    /// The target language: `trgLang` (2.x) or the first file's `target-language` (1.2).
    pub fn target_language(&self) -> Option<&str> {
        if self.version().is_2x() {
            self.root.attr("trgLang")
        } else {
            self.root
                .child(self.core_namespace(), "file")
                .and_then(|f| f.attr("target-language"))
        }
    }

    /// Sets the source and/or target language of the document: `srcLang`/`trgLang` (2.x) or
    /// `source-language`/`target-language` of every file (1.2). Only these attributes change.
    pub fn set_languages(&mut self, source: Option<&str>, target: Option<&str>) {
        let v2 = self.version().is_2x();
        let ns = self.core_namespace().to_string();
        let names = if v2 {
            ("srcLang", "trgLang")
        } else {
            ("source-language", "target-language")
        };
        let set = |element: &mut Element| {
            if let Some(source) = source {
                element.set_attr(names.0, source);
            }
            if let Some(target) = target {
                element.set_attr(names.1, target);
            }
        };
        if v2 {
            set(&mut self.root);
        } else {
            for file in self.root.elements_mut().filter(|e| e.is(&ns, "file")) {
                set(file);
            }
        }
    }

    /// Every unit in document order, read into the model.
    pub fn units(&self) -> Result<Vec<Unit>, XliffError> {
        let ns = self.core_namespace().to_string();
        let v2 = self.version().is_2x();
        let mut units = Vec::new();
        let mut failure = None;
        walk(self, &mut |unit, file, translate| {
            if failure.is_some() {
                return;
            }
            match read_unit(unit, &ns, v2, file) {
                Ok(mut read) => {
                    read.translate = translate && read.translate;
                    units.push(read);
                }
                Err(error) => failure = Some(error),
            }
        });
        match failure {
            Some(error) => Err(error),
            None => Ok(units),
        }
    }

    /// Sets the target of part `part` (an index into [`Unit::parts`]) of unit number `unit`
    /// (an index into [`Document::units`]) and its state. Only that target element (and the
    /// state attribute) is rewritten; the rest of the document keeps its original text.
    pub fn set_target(
        &mut self,
        unit: usize,
        part: usize,
        target: &Content,
        state: SegmentState,
    ) -> Result<(), XliffError> {
        let ns = self.core_namespace().to_string();
        let v2 = self.version().is_2x();
        let Some(element) = nth_unit_mut(&mut self.root, &ns, v2, unit) else {
            return Err(XliffError::Model {
                message: format!("the document has no unit number {unit}"),
            });
        };
        set_unit_target(element, part, target, state)
    }

    /// Calls `edit` for every unit element in document order with its ordinal (the index into
    /// [`Document::units`]); `edit` may change the element. Stops at the first error.
    pub fn edit_units(
        &mut self,
        edit: &mut dyn FnMut(usize, &mut Element) -> Result<(), XliffError>,
    ) -> Result<(), XliffError> {
        let ns = self.core_namespace().to_string();
        let unit_name = if self.version().is_2x() {
            "unit"
        } else {
            "trans-unit"
        };
        let mut seen = 0;
        for file in self.root.elements_mut() {
            if !file.is(&ns, "file") {
                continue;
            }
            if unit_name == "unit" {
                edit_container(file, &ns, unit_name, &mut seen, edit)?;
            } else if let Some(body) = file.elements_mut().find(|e| e.is(&ns, "body")) {
                edit_container(body, &ns, unit_name, &mut seen, edit)?;
            }
        }
        Ok(())
    }
}

fn edit_container(
    container: &mut Element,
    ns: &str,
    unit_name: &str,
    seen: &mut usize,
    edit: &mut dyn FnMut(usize, &mut Element) -> Result<(), XliffError>,
) -> Result<(), XliffError> {
    for child in container.elements_mut() {
        if child.ns() != ns {
            continue;
        }
        if child.local_name() == unit_name {
            edit(*seen, child)?;
            *seen += 1;
        } else if child.local_name() == "group" {
            edit_container(child, ns, unit_name, seen, edit)?;
        }
    }
    Ok(())
}

/// Sets the target of part `part` (an index into [`Unit::parts`]) of the unit element `unit`
/// (XLIFF 2 `unit` or 1.2 `trans-unit`) and its state, as [`Document::set_target`] does.
pub fn set_unit_target(
    unit: &mut Element,
    part: usize,
    target: &Content,
    state: SegmentState,
) -> Result<(), XliffError> {
    let ns = unit.ns().to_string();
    let v2 = unit.local_name() == "unit";
    let core = CoreName::of(unit);
    if v2 {
        set_target_2(unit, &ns, &core, part, target, state)
    } else {
        let (parts, _) = read_unit_12(unit, &ns);
        set_target_12(unit, &ns, &core, &parts, part, target, state)
    }
}

fn whitespace_before(children: &[Node], index: usize) -> Option<String> {
    match index.checked_sub(1).and_then(|i| children.get(i)) {
        Some(Node::Text(text)) if text.value.trim().is_empty() => Some(text.value.clone()),
        _ => None,
    }
}

/// Puts `target` after the child element at `after` (keeping the indentation used before it),
/// or replaces the existing target.
fn place_target(parent: &mut Element, target: Element, after: usize) {
    let existing = parent.children.iter().position(|node| {
        matches!(node, Node::Element(e) if e.local_name() == "target" && e.namespace == target.namespace)
    });
    if let Some(index) = existing {
        if let Some(slot) = parent.children.get_mut(index) {
            *slot = Node::Element(Box::new(target));
        }
        return;
    }
    let indent = whitespace_before(&parent.children, after);
    let mut at = (after + 1).min(parent.children.len());
    if let Some(indent) = indent {
        parent.children.insert(at, Node::Text(Text::new(indent)));
        at += 1;
    }
    parent.children.insert(at, Node::Element(Box::new(target)));
    parent.empty_tag = false;
}

fn element_index(parent: &Element, ns: &str, local: &str) -> Option<usize> {
    parent
        .children
        .iter()
        .position(|node| matches!(node, Node::Element(e) if e.is(ns, local)))
}

fn set_target_2(
    unit: &mut Element,
    ns: &str,
    core: &CoreName,
    part: usize,
    target: &Content,
    state: SegmentState,
) -> Result<(), XliffError> {
    let mut collector = DataCollector::new(original_data(unit, ns));
    let nodes = inline::write_content_2(target, core, &mut collector);
    let Some(container) = unit
        .elements_mut()
        .filter(|e| e.is(ns, "segment") || e.is(ns, "ignorable"))
        .nth(part)
    else {
        return Err(XliffError::Model {
            message: format!("the unit has no segment or ignorable number {part}"),
        });
    };
    let existing = container.elements().find(|e| e.is(ns, "target")).cloned();
    let mut element = existing.unwrap_or_else(|| {
        let mut target = core.element("target");
        // A new target keeps the source's whitespace handling (the core requires the same).
        let space = container
            .child(ns, "source")
            .and_then(|s| s.attr_ns(crate::xml::XML_NAMESPACE, "space"));
        if let Some(space) = space {
            target.set_xml_attr("space", space);
        }
        target
    });
    element.set_children(nodes);
    if element.children.is_empty() && element.raw_start.is_none() {
        element.empty_tag = true;
    }
    let after = element_index(container, ns, "source").unwrap_or(0);
    place_target(container, element, after);
    if container.is(ns, "segment") && container.attr("state") != Some(state_2(state)) {
        container.set_attr("state", state_2(state));
        container.remove_attr("subState");
    }
    if !collector.added.is_empty() {
        add_original_data(unit, ns, core, &collector.added);
    }
    Ok(())
}

pub(crate) fn add_original_data(
    unit: &mut Element,
    ns: &str,
    core: &CoreName,
    added: &[(String, String)],
) {
    let index = match element_index(unit, ns, "originalData") {
        Some(index) => index,
        None => {
            let at = unit
                .children
                .iter()
                .position(|node| {
                    matches!(node, Node::Element(e) if e.is(ns, "segment") || e.is(ns, "ignorable"))
                })
                .unwrap_or(unit.children.len());
            unit.children
                .insert(at, Node::Element(Box::new(core.element("originalData"))));
            unit.empty_tag = false;
            at
        }
    };
    if let Some(Node::Element(original)) = unit.children.get_mut(index) {
        for (id, value) in added {
            let mut data = core.element("data");
            data.set_attr("id", id.as_str());
            data.push(Node::Text(Text::new(value.as_str())));
            original.push(Node::Element(Box::new(data)));
        }
    }
}

fn set_target_12(
    unit: &mut Element,
    ns: &str,
    core: &CoreName,
    parts: &[Part],
    part: usize,
    target: &Content,
    state: SegmentState,
) -> Result<(), XliffError> {
    let Some(chosen) = parts.get(part) else {
        return Err(XliffError::Model {
            message: format!("the unit has no segment number {part}"),
        });
    };
    if chosen.ignorable {
        return Err(XliffError::Model {
            message: "XLIFF 1.2 has no target for the text between segments".into(),
        });
    }
    let nodes = inline::write_content_12(target, core);
    let seg_source = segmented_source(unit, ns).cloned();
    let existing = unit.child(ns, "target").cloned();
    let mut element = existing.unwrap_or_else(|| core.element("target"));
    if let Some(seg_source) = seg_source {
        let mid = chosen.segment.id.as_str();
        if find_seg_mrk(&element, ns, mid).is_none() {
            // Build the target's structure from seg-source: every segment marker (inside the
            // elements around it, as Trados writes them), with the translations known so far
            // and the text between segments copied.
            let children = target_structure(&seg_source.children, ns, &element);
            element.set_children(children);
        }
        for_each_seg_mrk_mut(&mut element, ns, &mut |mrk| {
            if mrk.attr("mid") == Some(mid) {
                mrk.set_children(nodes.clone());
                if mrk.children.is_empty() {
                    mrk.raw_start = None;
                    mrk.empty_tag = false;
                }
            }
        });
    } else {
        element.set_children(nodes);
    }
    if element.attr("state") != Some(state_12(state)) {
        element.set_attr("state", state_12(state));
    }
    let after = element_index(unit, ns, "seg-source")
        .or_else(|| element_index(unit, ns, "source"))
        .unwrap_or(0);
    place_target(unit, element, after);
    Ok(())
}

/// The children of a new target for a segmented unit: `nodes` of `seg-source` with every
/// segment marker emptied (or taken from `old`, the target there was, when it had that marker).
fn target_structure(nodes: &[Node], ns: &str, old: &Element) -> Vec<Node> {
    nodes
        .iter()
        .map(|node| match node {
            Node::Element(mrk) if is_seg_mrk(mrk, ns) => {
                let mid = mrk.attr("mid").unwrap_or("");
                let kept = find_seg_mrk(old, ns, mid).cloned();
                let mut copy = kept.unwrap_or_else(|| {
                    let mut copy = (**mrk).clone();
                    copy.children.clear();
                    copy
                });
                copy.empty_tag = false;
                Node::Element(Box::new(copy))
            }
            Node::Element(wrapper) if has_seg_mrk(wrapper, ns) => {
                let mut copy = (**wrapper).clone();
                copy.children = target_structure(&wrapper.children, ns, old);
                Node::Element(Box::new(copy))
            }
            other => other.clone(),
        })
        .collect()
}

fn replace_children_keeping_tag(element: &mut Element, nodes: Vec<Node>) {
    let was_empty = element.empty_tag;
    element.set_children(nodes);
    if was_empty && element.children.is_empty() {
        element.empty_tag = true;
    }
}

fn rewrite_unit_2(unit: &mut Element, ns: &str) -> Result<(), XliffError> {
    let core = CoreName::of(unit);
    let parts = read_unit_2(unit, ns)?;
    let mut collector = DataCollector::new(original_data(unit, ns));
    let containers = unit
        .elements_mut()
        .filter(|e| e.is(ns, "segment") || e.is(ns, "ignorable"));
    for (container, part) in containers.zip(&parts) {
        for element in container.elements_mut() {
            let content = if element.is(ns, "source") {
                Some(&part.segment.source)
            } else if element.is(ns, "target") {
                part.segment.target.as_ref()
            } else {
                None
            };
            if let Some(content) = content {
                let nodes = inline::write_content_2(content, &core, &mut collector);
                replace_children_keeping_tag(element, nodes);
            }
        }
    }
    if !collector.added.is_empty() {
        add_original_data(unit, ns, &core, &collector.added);
    }
    Ok(())
}

fn rewrite_unit_12(unit: &mut Element, ns: &str) {
    let core = CoreName::of(unit);
    let segmented = segmented_source(unit, ns).is_some();
    for element in unit.elements_mut() {
        let side = element.is(ns, "source") || element.is(ns, "target");
        let marked = element.is(ns, "seg-source")
            || (segmented && element.is(ns, "target") && has_seg_mrk(element, ns));
        if side && !marked {
            let content = content_12(element);
            replace_children_keeping_tag(element, inline::write_content_12(&content, &core));
        }
        if marked {
            for_each_seg_mrk_mut(element, ns, &mut |mrk| {
                let content = content_12(mrk);
                replace_children_keeping_tag(mrk, inline::write_content_12(&content, &core));
            });
        }
    }
}

fn rewrite_container(container: &mut Element, ns: &str, v2: bool) -> Result<(), XliffError> {
    let unit_name = if v2 { "unit" } else { "trans-unit" };
    for child in container.elements_mut() {
        if child.ns() != ns {
            continue;
        }
        if child.local_name() == unit_name {
            if v2 {
                rewrite_unit_2(child, ns)?;
            } else {
                rewrite_unit_12(child, ns);
            }
        } else if matches!(child.local_name(), "group" | "body" | "file") {
            rewrite_container(child, ns, v2)?;
        }
    }
    Ok(())
}

impl Document {
    /// Writes the inline content of every source and target again from the model (reading it
    /// into [`Content`] and writing it back). Used to check that the model carries everything;
    /// the result is canonically equal to the input when it does.
    pub fn rewrite_from_model(&mut self) -> Result<(), XliffError> {
        let ns = self.core_namespace().to_string();
        let v2 = self.version().is_2x();
        rewrite_container(&mut self.root, &ns, v2)
    }
}
