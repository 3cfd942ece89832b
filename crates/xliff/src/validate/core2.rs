//! XLIFF 2.x core: structure, attribute values, ids, languages, inline codes, editing hints,
//! original data, annotations and fragment identifiers.

use std::collections::{HashMap, HashSet};

use super::fragment::{self, Fragment};
use super::modules::{is_module_namespace, module_rule, ModuleRule, NS_FS, NS_ITS};
use super::names::{is_language_tag, is_nmtoken, is_prefixed_value, is_yes_no, same_language};
use super::Sink;
use crate::inline::is_xml_char;
use crate::xml::{Element, Node, XML_NAMESPACE};
use crate::Position;

struct Core<'a> {
    ns: &'a str,
    v22: bool,
    sink: &'a mut Sink,
    src_lang: Option<&'a str>,
    trg_lang: Option<&'a str>,
    prefixes: &'a [String],
    sub_flows: Vec<SubFlow>,
}

/// Which foreign attributes an element accepts.
#[derive(Clone, Copy, PartialEq)]
enum Foreign {
    /// Any attribute in another namespace.
    Any,
    /// Only attributes of modules.
    Modules,
    /// None.
    None,
}

const XLIFF_ATTRS: &[&str] = &["version", "srcLang", "trgLang"];
const FILE_ATTRS: &[&str] = &[
    "id",
    "canResegment",
    "original",
    "translate",
    "srcDir",
    "trgDir",
];
const GROUP_ATTRS: &[&str] = &[
    "id",
    "name",
    "canResegment",
    "translate",
    "srcDir",
    "trgDir",
    "type",
];
const UNIT_ATTRS: &[&str] = GROUP_ATTRS;
const SEGMENT_ATTRS: &[&str] = &["id", "canResegment", "state", "subState"];
const NOTE_ATTRS: &[&str] = &["id", "appliesTo", "category", "priority"];
const PH_ATTRS: &[&str] = &[
    "id",
    "canCopy",
    "canDelete",
    "canReorder",
    "copyOf",
    "disp",
    "equiv",
    "dataRef",
    "subFlows",
    "subType",
    "type",
];
const PC_ATTRS: &[&str] = &[
    "id",
    "canCopy",
    "canDelete",
    "canOverlap",
    "canReorder",
    "copyOf",
    "dispStart",
    "dispEnd",
    "equivStart",
    "equivEnd",
    "dataRefStart",
    "dataRefEnd",
    "subFlowsStart",
    "subFlowsEnd",
    "subType",
    "type",
    "dir",
];
const SC_ATTRS: &[&str] = &[
    "id",
    "canCopy",
    "canDelete",
    "canOverlap",
    "canReorder",
    "copyOf",
    "dataRef",
    "dir",
    "disp",
    "equiv",
    "isolated",
    "subFlows",
    "subType",
    "type",
];
const EC_ATTRS: &[&str] = &[
    "id",
    "startRef",
    "canCopy",
    "canDelete",
    "canOverlap",
    "canReorder",
    "copyOf",
    "dataRef",
    "dir",
    "disp",
    "equiv",
    "isolated",
    "subFlows",
    "subType",
    "type",
];
const MRK_ATTRS: &[&str] = &["id", "translate", "type", "ref", "value"];

/// One inline element of a unit, flattened, for the pairing and hint checks.
#[derive(Clone)]
struct Code<'a> {
    element: &'a Element,
}

/// A `subFlows` reference of a unit, checked when its file is complete.
pub(super) struct SubFlow {
    /// Where the file starts (which file the reference is in).
    file: Position,
    position: Position,
    name: &'static str,
    unit: String,
}

impl<'a> Core<'a> {
    fn new(root: &'a Element, prefixes: &'a [String], sink: &'a mut Sink) -> Self {
        Core {
            ns: root.ns(),
            v22: crate::document::detect_version(root).ok() == Some(crate::Version::V2_2),
            sink,
            src_lang: root.attr("srcLang"),
            trg_lang: root.attr("trgLang"),
            prefixes,
            sub_flows: Vec::new(),
        }
    }
}

/// The ids of the units of each file (by where the file starts).
pub(super) type UnitIds = HashMap<Position, HashSet<Box<str>>>;

/// Everything but the content of units: `root` holds its units whole or as stubs; `sub_flows`
/// are the references units made, checked against the ids of their files' units.
pub(super) fn outline(
    root: &Element,
    prefixes: &[String],
    sub_flows: &[SubFlow],
    unit_ids: &UnitIds,
    sink: &mut Sink,
) {
    let mut core = Core::new(root, prefixes, sink);
    core.xliff(root);
    let ns = root.ns();
    let none = HashSet::new();
    for file in root
        .elements()
        .filter(|f| f.ns() == ns && f.local_name() == "file")
    {
        let ids = unit_ids.get(&file.position).unwrap_or(&none);
        for reference in sub_flows.iter().filter(|r| r.file == file.position) {
            if !ids.contains(reference.unit.as_str()) {
                core.sink.add(
                    reference.position,
                    "type/sub-flows",
                    format!(
                        "{} names the unit {:?}, which is not in the file",
                        reference.name, reference.unit
                    ),
                );
            }
        }
    }
}

/// The content of one unit and the uniqueness of its id in its file; `ancestors` are the
/// elements around it, root first (a file's children before the unit are complete, later ones
/// not yet read).
pub(super) fn unit(
    unit: &Element,
    ancestors: &[&Element],
    prefixes: &[String],
    sub_flows: &mut Vec<SubFlow>,
    unit_ids: &mut UnitIds,
    sink: &mut Sink,
) {
    let (Some(root), Some(parent)) = (ancestors.first(), ancestors.last()) else {
        return;
    };
    let mut core = Core::new(root, prefixes, sink);
    let is_container = |e: &Element| core.is_core(e) && matches!(e.local_name(), "file" | "group");
    if !(core.is_core(unit) && unit.local_name() == "unit" && is_container(parent)) {
        // Misplaced: its parent says so.
        return;
    }
    let Some(file) = ancestors.get(1).copied() else {
        return;
    };
    let mut lang = root.xml_lang();
    let mut space = root.attr_ns(XML_NAMESPACE, "space").unwrap_or("default");
    for container in ancestors.get(1..).unwrap_or_default() {
        if !is_container(container) {
            return;
        }
        lang = container.xml_lang().or(lang);
        space = container.attr_ns(XML_NAMESPACE, "space").unwrap_or(space);
    }
    if let Some(id) = unit.attr("id") {
        if !unit_ids
            .entry(file.position)
            .or_default()
            .insert(Box::from(id))
        {
            core.sink.add(
                unit.position,
                "id/not-unique",
                format!("unit id {id:?} is used twice in its scope"),
            );
        }
    }
    core.unit(unit, lang, space, file);
    sub_flows.append(&mut core.sub_flows);
}

fn has_text(element: &Element) -> bool {
    element.children.iter().any(|node| match node {
        Node::Text(text) => !text.value.trim().is_empty(),
        Node::CData(text) => !text.trim().is_empty(),
        _ => false,
    })
}

impl<'a> Core<'a> {
    fn is_core(&self, element: &Element) -> bool {
        element.ns() == self.ns
    }

    fn attributes(&mut self, element: &Element, allowed: &[&str], foreign: Foreign) {
        for attribute in &element.attributes {
            if attribute.is_namespace_declaration() {
                continue;
            }
            match attribute.namespace.as_deref() {
                None => {
                    if !allowed.contains(&&*attribute.name) {
                        self.sink.add(
                            element.position,
                            "attribute/not-allowed",
                            format!(
                                "<{}> does not take the attribute {}",
                                element.local_name(),
                                attribute.name
                            ),
                        );
                    }
                }
                Some(XML_NAMESPACE) => {
                    let local = attribute.local_name();
                    let ok = match element.local_name() {
                        "xliff" | "file" | "group" | "unit" | "note" | "skeleton" => true,
                        "source" | "target" => matches!(local, "lang" | "space"),
                        "data" => local == "space",
                        _ => false,
                    };
                    if !ok {
                        self.sink.add(
                            element.position,
                            "attribute/not-allowed",
                            format!("<{}> does not take xml:{local}", element.local_name()),
                        );
                    }
                    if local == "space"
                        && !matches!(attribute.value.as_str(), "default" | "preserve")
                    {
                        self.sink.add(
                            element.position,
                            "attribute/xml-space",
                            format!(
                                "xml:space must be default or preserve, not {:?}",
                                attribute.value
                            ),
                        );
                    }
                    if local == "lang" && !is_language_tag(&attribute.value) {
                        self.sink.add(
                            element.position,
                            "language/not-well-formed",
                            format!("xml:lang {:?} is not a BCP 47 tag", attribute.value),
                        );
                    }
                }
                Some(namespace) => {
                    let ok = match foreign {
                        Foreign::Any => true,
                        Foreign::Modules => is_module_namespace(namespace) || namespace == NS_ITS,
                        Foreign::None => false,
                    };
                    if !ok {
                        let rule = if is_module_namespace(namespace) {
                            module_rule(namespace, ModuleRule::NotAllowedHere)
                        } else {
                            "extension/attribute-not-allowed"
                        };
                        self.sink.add(
                            element.position,
                            rule,
                            format!(
                                "<{}> does not take the extension attribute {}",
                                element.local_name(),
                                attribute.name
                            ),
                        );
                    }
                }
            }
        }
    }

    fn required(&mut self, element: &Element, name: &str) {
        if element.attr(name).is_none() {
            let rule = if name == "id" {
                "id/missing"
            } else {
                "attribute/missing"
            };
            self.sink.add(
                element.position,
                rule,
                format!("<{}> needs the attribute {name}", element.local_name()),
            );
        }
    }

    fn yes_no(&mut self, element: &Element, names: &[&str]) {
        for name in names {
            if let Some(value) = element.attr(name) {
                if !is_yes_no(value) {
                    let rule = match *name {
                        "translate" | "canResegment" => "attribute/yes-no",
                        _ => "editing-hints/yes-no",
                    };
                    self.sink.add(
                        element.position,
                        rule,
                        format!("{name} must be yes or no, not {value:?}"),
                    );
                }
            }
        }
    }

    fn dir(&mut self, element: &Element, names: &[&str]) {
        for name in names {
            if let Some(value) = element.attr(name) {
                if !matches!(value, "ltr" | "rtl" | "auto") {
                    self.sink.add(
                        element.position,
                        "attribute/dir",
                        format!("{name} must be ltr, rtl or auto, not {value:?}"),
                    );
                }
            }
        }
    }

    fn id_syntax(&mut self, element: &Element, name: &str) {
        if let Some(value) = element.attr(name) {
            if !is_nmtoken(value) {
                self.sink.add(
                    element.position,
                    "id/syntax",
                    format!("{name} {value:?} is not an NMTOKEN"),
                );
            }
        }
    }

    fn unique<'e>(&mut self, seen: &mut HashSet<&'e str>, element: &'e Element, what: &str) {
        if let Some(id) = element.attr("id") {
            if !seen.insert(id) {
                self.sink.add(
                    element.position,
                    "id/not-unique",
                    format!("{what} id {id:?} is used twice in its scope"),
                );
            }
        }
    }

    fn foreign_element(&mut self, element: &Element, parent: &str) {
        self.sink.add(
            element.position,
            if is_module_namespace(element.ns()) {
                module_rule(element.ns(), ModuleRule::NotAllowedHere)
            } else {
                "extension/element-not-allowed"
            },
            format!("<{}> is not allowed in <{parent}>", element.name),
        );
    }

    fn misplaced(&mut self, element: &Element, parent: &str) {
        self.sink.add(
            element.position,
            "structure/element-not-allowed",
            format!(
                "<{}> is not allowed here in <{parent}>",
                element.local_name()
            ),
        );
    }

    fn no_text(&mut self, element: &Element) {
        if has_text(element) {
            self.sink.add(
                element.position,
                "structure/text-not-allowed",
                format!("<{}> cannot contain text", element.local_name()),
            );
        }
    }

    fn xliff(&mut self, root: &'a Element) {
        self.attributes(root, XLIFF_ATTRS, Foreign::Any);
        if root.attr("version").is_none() {
            self.sink
                .add(root.position, "attribute/missing", "<xliff> needs version");
        }
        match self.src_lang {
            None => self
                .sink
                .add(root.position, "language/missing", "<xliff> needs srcLang"),
            Some(lang) if !is_language_tag(lang) => self.sink.add(
                root.position,
                "language/not-well-formed",
                format!("srcLang {lang:?} is not a BCP 47 tag"),
            ),
            _ => {}
        }
        if let Some(lang) = self.trg_lang.filter(|l| !is_language_tag(l)) {
            self.sink.add(
                root.position,
                "language/not-well-formed",
                format!("trgLang {lang:?} is not a BCP 47 tag"),
            );
        }
        self.no_text(root);
        let mut ids = HashSet::new();
        let mut files = 0;
        for child in root.elements() {
            if self.v22 && files == 0 && self.is_core(child) && child.local_name() == "notes" {
                self.notes(child);
            } else if self.is_core(child) && child.local_name() == "file" {
                files += 1;
                self.unique(&mut ids, child, "file");
                self.file(child);
            } else if self.is_core(child) {
                self.misplaced(child, "xliff");
            } else {
                self.foreign_element(child, "xliff");
            }
        }
        if files == 0 {
            self.sink.add(
                root.position,
                "structure/missing-file",
                "<xliff> needs at least one <file>",
            );
        }
    }

    fn file(&mut self, file: &'a Element) {
        self.attributes(file, FILE_ATTRS, Foreign::Any);
        self.required(file, "id");
        self.id_syntax(file, "id");
        self.yes_no(file, &["canResegment", "translate"]);
        self.dir(file, &["srcDir", "trgDir"]);
        self.no_text(file);
        // skeleton?, other*, notes?, (unit|group)+
        let mut stage = 0;
        let mut units = 0;
        let mut scope = Scope::default();
        let mut group_ids = HashSet::new();
        for child in file.elements() {
            let core = self.is_core(child);
            match (core, child.local_name()) {
                (true, "skeleton") if stage == 0 => {
                    stage = 1;
                    self.skeleton(child);
                }
                (false, _) if stage <= 2 => {
                    stage = 2;
                    scope.extension(child);
                }
                (true, "notes") if stage <= 2 => {
                    stage = 3;
                    self.notes(child);
                }
                (true, "unit") => {
                    stage = 4;
                    units += 1;
                }
                (true, "group") => {
                    stage = 4;
                    units += 1;
                    self.unique(&mut group_ids, child, "group");
                    self.group(child, &mut group_ids);
                }
                (false, _) => self.foreign_element(child, "file"),
                _ => self.misplaced(child, "file"),
            }
        }
        if units == 0 {
            self.sink.add(
                file.position,
                "structure/empty-file",
                "<file> needs at least one <unit> or <group>",
            );
        }
        scope.report(self.sink);
    }

    fn skeleton(&mut self, skeleton: &Element) {
        self.attributes(skeleton, &["href"], Foreign::None);
        let has_content = has_text(skeleton) || skeleton.elements().next().is_some();
        match (skeleton.attr("href"), has_content) {
            (Some(_), true) => self.sink.add(
                skeleton.position,
                "structure/skeleton",
                "<skeleton> with href must be empty",
            ),
            (None, false) => self.sink.add(
                skeleton.position,
                "structure/skeleton",
                "<skeleton> without href must have content",
            ),
            _ => {}
        }
    }

    fn notes(&mut self, notes: &Element) {
        self.attributes(notes, &[], Foreign::None);
        self.no_text(notes);
        let mut ids = HashSet::new();
        let mut count = 0;
        for note in notes.elements() {
            if self.is_core(note) && note.local_name() == "note" {
                count += 1;
                let allowed: &[&str] = if self.v22 {
                    &["id", "appliesTo", "category", "priority", "ref"]
                } else {
                    NOTE_ATTRS
                };
                self.attributes(note, allowed, Foreign::Any);
                self.id_syntax(note, "id");
                self.unique(&mut ids, note, "note");
                if let Some(value) = note.attr("appliesTo") {
                    if !matches!(value, "source" | "target") {
                        self.sink.add(
                            note.position,
                            "attribute/applies-to",
                            format!("appliesTo must be source or target, not {value:?}"),
                        );
                    }
                }
                if let Some(value) = note.attr("priority") {
                    if !value.parse::<u8>().is_ok_and(|p| (1..=10).contains(&p)) {
                        self.sink.add(
                            note.position,
                            "attribute/priority",
                            format!("priority must be 1 to 10, not {value:?}"),
                        );
                    }
                }
                for child in note.elements() {
                    self.sink.add(
                        child.position,
                        "structure/element-not-allowed",
                        format!("<note> holds text only, not <{}>", child.name),
                    );
                }
            } else if self.is_core(note) {
                self.misplaced(note, "notes");
            } else {
                self.foreign_element(note, "notes");
            }
        }
        if count == 0 {
            self.sink.add(
                notes.position,
                "structure/empty-notes",
                "<notes> needs at least one <note>",
            );
        }
    }

    fn group(&mut self, group: &'a Element, group_ids: &mut HashSet<&'a str>) {
        self.attributes(group, GROUP_ATTRS, Foreign::Any);
        self.required(group, "id");
        self.id_syntax(group, "id");
        self.yes_no(group, &["canResegment", "translate"]);
        self.dir(group, &["srcDir", "trgDir"]);
        self.no_text(group);
        let mut stage = 0;
        let mut scope = Scope::default();
        for child in group.elements() {
            let core = self.is_core(child);
            match (core, child.local_name()) {
                (false, _) if stage == 0 => scope.extension(child),
                (true, "notes") if stage == 0 => {
                    stage = 1;
                    self.notes(child);
                }
                (true, "unit") => stage = 2,
                (true, "group") => {
                    stage = 2;
                    self.unique(group_ids, child, "group");
                    self.group(child, group_ids);
                }
                (false, _) => self.foreign_element(child, "group"),
                _ => self.misplaced(child, "group"),
            }
        }
        scope.report(self.sink);
    }

    fn unit(
        &mut self,
        unit: &'a Element,
        lang: Option<&'a str>,
        space: &'a str,
        file: &'a Element,
    ) {
        self.attributes(unit, UNIT_ATTRS, Foreign::Any);
        self.required(unit, "id");
        self.id_syntax(unit, "id");
        self.yes_no(unit, &["canResegment", "translate"]);
        self.dir(unit, &["srcDir", "trgDir"]);
        self.no_text(unit);
        let lang = unit.xml_lang().or(lang);
        let space = unit.attr_ns(XML_NAMESPACE, "space").unwrap_or(space);
        let mut stage = 0;
        let mut scope = Scope::default();
        let mut segments = 0;
        let mut data: HashMap<&str, &Element> = HashMap::new();
        let mut parts: Vec<&'a Element> = Vec::new();
        let mut notes: Option<&Element> = None;
        for child in unit.elements() {
            let core = self.is_core(child);
            match (core, child.local_name()) {
                (false, _) if stage == 0 => scope.extension(child),
                (true, "notes") if stage == 0 => {
                    stage = 1;
                    notes = Some(child);
                    self.notes(child);
                }
                (true, "originalData") if stage <= 1 => {
                    stage = 2;
                    self.original_data(child, &mut data);
                }
                (true, "segment") | (true, "ignorable") => {
                    stage = 3;
                    if child.local_name() == "segment" {
                        segments += 1;
                    }
                    parts.push(child);
                }
                (false, _) => self.foreign_element(child, "unit"),
                _ => self.misplaced(child, "unit"),
            }
        }
        if segments == 0 {
            self.sink.add(
                unit.position,
                "structure/unit-without-segment",
                "<unit> needs at least one <segment>",
            );
        }
        scope.report(self.sink);
        let note_ids: HashSet<&str> = notes
            .map(|n| n.elements().filter_map(|e| e.attr("id")).collect())
            .unwrap_or_default();
        let context = UnitContext {
            unit,
            file,
            data: &data,
            note_ids: &note_ids,
            lang,
            space,
        };
        self.parts(&parts, &context);
    }

    fn original_data(&mut self, original: &'a Element, data: &mut HashMap<&'a str, &'a Element>) {
        self.attributes(original, &[], Foreign::None);
        self.no_text(original);
        let mut count = 0;
        for child in original.elements() {
            if self.is_core(child) && child.local_name() == "data" {
                count += 1;
                self.attributes(child, &["id", "dir"], Foreign::None);
                self.required(child, "id");
                self.id_syntax(child, "id");
                self.dir(child, &["dir"]);
                if let Some(space) = child.attr_ns(XML_NAMESPACE, "space") {
                    if space != "preserve" {
                        self.sink.add(
                            child.position,
                            "attribute/xml-space",
                            "xml:space on <data> can only be preserve",
                        );
                    }
                }
                if let Some(id) = child.attr("id") {
                    if data.insert(id, child).is_some() {
                        self.sink.add(
                            child.position,
                            "id/not-unique",
                            format!("data id {id:?} is used twice in <originalData>"),
                        );
                    }
                }
                for inner in child.elements() {
                    if self.is_core(inner) && inner.local_name() == "cp" {
                        self.cp(inner);
                    } else if self.is_core(inner) {
                        self.misplaced(inner, "data");
                    } else {
                        self.foreign_element(inner, "data");
                    }
                }
            } else if self.is_core(child) {
                self.misplaced(child, "originalData");
            } else {
                self.foreign_element(child, "originalData");
            }
        }
        if count == 0 {
            self.sink.add(
                original.position,
                "structure/empty-original-data",
                "<originalData> needs at least one <data>",
            );
        }
    }

    fn cp(&mut self, cp: &Element) {
        self.attributes(cp, &["hex"], Foreign::None);
        match cp.attr("hex") {
            None => self.sink.add(cp.position, "type/cp", "<cp> needs hex"),
            Some(hex) => {
                let value = (!hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit()))
                    .then(|| u32::from_str_radix(hex, 16).ok())
                    .flatten();
                match value {
                    None => self.sink.add(
                        cp.position,
                        "type/cp",
                        format!("<cp hex={hex:?}> is not a hexadecimal code point"),
                    ),
                    Some(value) => {
                        let representable = char::from_u32(value).is_some_and(is_xml_char);
                        if representable || value > 0x10FFFF {
                            self.sink.add(
                                cp.position,
                                "type/cp",
                                format!(
                                    "<cp hex={hex:?}> must stand for a character XML cannot carry"
                                ),
                            );
                        }
                    }
                }
                if cp.elements().next().is_some() || has_text(cp) {
                    self.sink
                        .add(cp.position, "structure/cp", "<cp> must be empty");
                }
            }
        }
    }

    fn parts(&mut self, parts: &[&'a Element], context: &UnitContext<'a, '_>) {
        let mut part_ids: HashSet<&str> = HashSet::new();
        let mut sources: Vec<Code<'a>> = Vec::new();
        let mut targets: Vec<Code<'a>> = Vec::new();
        let mut has_target = false;
        let mut orders: HashMap<u64, &Element> = HashMap::new();
        for (index, part) in parts.iter().enumerate() {
            let is_segment = part.local_name() == "segment";
            self.attributes(
                part,
                if is_segment { SEGMENT_ATTRS } else { &["id"] },
                Foreign::None,
            );
            self.id_syntax(part, "id");
            self.no_text(part);
            if let Some(id) = part.attr("id") {
                if !part_ids.insert(id) {
                    self.sink.add(
                        part.position,
                        "id/not-unique",
                        format!("segment or ignorable id {id:?} is used twice in the unit"),
                    );
                }
            }
            if is_segment {
                self.yes_no(part, &["canResegment"]);
                self.state(part);
            }
            let mut source = None;
            let mut target = None;
            for child in part.elements() {
                match (self.is_core(child), child.local_name()) {
                    (true, "source") if source.is_none() && target.is_none() => {
                        source = Some(child)
                    }
                    (true, "target") if source.is_some() && target.is_none() => {
                        target = Some(child)
                    }
                    (true, _) => self.misplaced(child, part.local_name()),
                    (false, _) => self.foreign_element(child, part.local_name()),
                }
            }
            let Some(source) = source else {
                self.sink.add(
                    part.position,
                    "structure/missing-source",
                    format!("<{}> needs a <source>", part.local_name()),
                );
                continue;
            };
            self.attributes(source, &[], Foreign::None);
            self.language(source, context.lang, self.src_lang, "source", "srcLang");
            self.content(source, context, &mut sources);
            if let Some(target) = target {
                has_target = true;
                self.attributes(target, &["order"], Foreign::None);
                self.language(target, context.lang, self.trg_lang, "target", "trgLang");
                let source_space = source
                    .attr_ns(XML_NAMESPACE, "space")
                    .unwrap_or(context.space);
                let target_space = target
                    .attr_ns(XML_NAMESPACE, "space")
                    .unwrap_or(context.space);
                if source_space != target_space {
                    self.sink.add(
                        target.position,
                        "attribute/xml-space",
                        "<target> must have the same xml:space as its <source>",
                    );
                }
                let order = match target.attr("order") {
                    Some(value) => match value.parse::<u64>() {
                        Ok(order) if order > 0 => Some(order),
                        _ => {
                            self.sink.add(
                                target.position,
                                "attribute/order",
                                format!("order must be a positive integer, not {value:?}"),
                            );
                            None
                        }
                    },
                    None => Some(index as u64 + 1),
                };
                if let Some(order) = order {
                    if orders.insert(order, target).is_some() {
                        self.sink.add(
                            target.position,
                            "id/order-not-unique",
                            format!("two targets of the unit have order {order}"),
                        );
                    }
                }
                self.content(target, context, &mut targets);
                self.non_removable(source, target, parts);
                self.reordering(source, target);
            }
        }
        if has_target && self.trg_lang.is_none() {
            self.sink.add(
                context.unit.position,
                "language/missing-trglang",
                "a <target> needs trgLang on <xliff>",
            );
        }
        self.inline_ids(&sources, &part_ids, "source");
        self.inline_ids(&targets, &part_ids, "target");
        self.pairing(&sources);
        self.pairing(&targets);
        self.hints(&sources);
        self.hints(&targets);
    }

    fn language(
        &mut self,
        element: &Element,
        inherited: Option<&str>,
        declared: Option<&str>,
        what: &str,
        attribute: &str,
    ) {
        let effective = element.xml_lang().or(inherited);
        if let (Some(effective), Some(declared)) = (effective, declared) {
            if !same_language(effective, declared) {
                self.sink.add(
                    element.position,
                    "language/mismatch",
                    format!(
                        "the {what} is in {effective:?} (xml:lang, possibly inherited) but {attribute} is {declared:?}"
                    ),
                );
            }
        }
    }

    fn state(&mut self, segment: &Element) {
        if let Some(state) = segment.attr("state") {
            if !matches!(state, "initial" | "translated" | "reviewed" | "final") {
                self.sink.add(
                    segment.position,
                    "attribute/state",
                    format!("state must be initial, translated, reviewed or final, not {state:?}"),
                );
            }
        }
        if let Some(sub) = segment.attr("subState") {
            if segment.attr("state").is_none() {
                self.sink.add(
                    segment.position,
                    "attribute/substate-without-state",
                    "subState needs state",
                );
            }
            if !is_prefixed_value(sub) {
                self.sink.add(
                    segment.position,
                    "attribute/substate",
                    format!("subState {sub:?} is not prefix:value"),
                );
            }
        }
    }

    fn content(
        &mut self,
        container: &'a Element,
        context: &UnitContext<'a, '_>,
        codes: &mut Vec<Code<'a>>,
    ) {
        for child in container.elements() {
            if !self.is_core(child) {
                self.foreign_element(child, container.local_name());
                continue;
            }
            let name = child.local_name();
            match name {
                "cp" => {
                    self.cp(child);
                    continue;
                }
                "ph" => self.attributes(child, PH_ATTRS, Foreign::Modules),
                "pc" => self.attributes(child, PC_ATTRS, Foreign::Modules),
                "sc" => self.attributes(child, SC_ATTRS, Foreign::Modules),
                "ec" => self.attributes(child, EC_ATTRS, Foreign::Modules),
                "mrk" | "sm" => self.attributes(child, MRK_ATTRS, Foreign::Any),
                "em" => self.attributes(child, &["startRef"], Foreign::None),
                _ => {
                    self.misplaced(child, container.local_name());
                    continue;
                }
            }
            if !matches!(name, "ec" | "em") {
                self.required(child, "id");
            }
            if name == "em" && child.attr("startRef").is_none() {
                self.sink.add(
                    child.position,
                    "inline/em-without-start-ref",
                    "<em> needs startRef",
                );
            }
            self.id_syntax(child, "id");
            self.yes_no(
                child,
                &[
                    "canCopy",
                    "canDelete",
                    "canOverlap",
                    "isolated",
                    "translate",
                ],
            );
            if let Some(value) = child.attr("canReorder") {
                if !matches!(value, "yes" | "no" | "firstNo") {
                    self.sink.add(
                        child.position,
                        "editing-hints/can-reorder",
                        format!("canReorder must be yes, no or firstNo, not {value:?}"),
                    );
                }
            }
            self.dir(child, &["dir"]);
            if name == "ec"
                && child.attr("isolated") != Some("yes")
                && child.attr_ns(NS_FS, "fs").is_some()
            {
                self.sink.add(
                    child.position,
                    "fs/not-allowed-here",
                    "fs:fs is allowed on <ec> only when it is isolated",
                );
            }
            if matches!(name, "ph" | "pc" | "sc" | "ec") {
                self.code_type(child);
                self.data_refs(child, context);
            }
            if matches!(name, "mrk" | "sm") {
                self.annotation(child, context);
            }
            codes.push(Code { element: child });
            if matches!(name, "pc" | "mrk") {
                self.content(child, context, codes);
            } else if child.elements().next().is_some() || has_text(child) {
                self.sink.add(
                    child.position,
                    "structure/not-empty",
                    format!("<{name}> must be empty"),
                );
            }
        }
    }

    fn code_type(&mut self, code: &Element) {
        let code_type = code.attr("type");
        if let Some(value) = code_type {
            if !matches!(value, "fmt" | "ui" | "quote" | "link" | "image" | "other") {
                self.sink.add(
                    code.position,
                    "type/type",
                    format!("type {value:?} is not fmt, ui, quote, link, image or other"),
                );
            }
        }
        if let Some(sub) = code.attr("subType") {
            if code_type.is_none() {
                self.sink.add(
                    code.position,
                    "type/subtype-without-type",
                    "subType needs type",
                );
            }
            if !is_prefixed_value(sub) {
                self.sink.add(
                    code.position,
                    "type/subtype",
                    format!("subType {sub:?} is not prefix:value"),
                );
            } else if let Some(value) = sub.strip_prefix("xlf:") {
                let expected = match value {
                    "lb" | "pb" | "b" | "i" | "u" => Some("fmt"),
                    "var" => Some("ui"),
                    _ => None,
                };
                match expected {
                    None => self.sink.add(
                        code.position,
                        "type/subtype",
                        format!("subType {sub:?} is not one of XLIFF's xlf: values"),
                    ),
                    Some(expected) if code_type.is_some_and(|t| t != expected) => self.sink.add(
                        code.position,
                        "type/subtype",
                        format!("subType {sub:?} needs type {expected:?}"),
                    ),
                    _ => {}
                }
            }
        }
        for name in ["subFlows", "subFlowsStart", "subFlowsEnd"] {
            if let Some(value) = code.attr(name) {
                if value.split(' ').any(|id| !is_nmtoken(id)) {
                    self.sink.add(
                        code.position,
                        "type/sub-flows",
                        format!("{name} {value:?} is not a space-separated list of unit ids"),
                    );
                }
            }
        }
    }

    fn data_refs(&mut self, code: &Element, context: &UnitContext<'a, '_>) {
        for name in ["dataRef", "dataRefStart", "dataRefEnd"] {
            if let Some(id) = code.attr(name) {
                if !context.data.contains_key(id) {
                    self.sink.add(
                        code.position,
                        "data-ref/unresolved",
                        format!("{name} {id:?} names no <data> in the unit's <originalData>"),
                    );
                }
            }
        }
        for name in ["subFlows", "subFlowsStart", "subFlowsEnd"] {
            if let Some(value) = code.attr(name) {
                for id in value.split(' ').filter(|id| is_nmtoken(id)) {
                    self.sub_flows.push(SubFlow {
                        file: context.file.position,
                        position: code.position,
                        name,
                        unit: id.to_string(),
                    });
                }
            }
        }
    }

    fn annotation(&mut self, marker: &Element, context: &UnitContext<'a, '_>) {
        let value = marker.attr("value");
        let reference = marker.attr("ref");
        let kind = marker.attr("type").unwrap_or("generic");
        if !matches!(kind, "generic" | "comment" | "term") && !is_prefixed_value(kind) {
            self.sink.add(
                marker.position,
                "annotation/type",
                format!("annotation type {kind:?} is not generic, comment, term or prefix:value"),
            );
        }
        if let Some(reference) = reference {
            if reference.starts_with('#') {
                self.fragment(marker, reference);
            }
        }
        if kind == "comment" {
            match (value, reference) {
                (Some(_), Some(_)) => self.sink.add(
                    marker.position,
                    "annotation/comment-value-and-ref",
                    "a comment annotation has either value or ref, not both",
                ),
                (None, None) => self.sink.add(
                    marker.position,
                    "annotation/comment-empty",
                    "a comment annotation needs value or ref",
                ),
                (None, Some(reference)) => {
                    let unit_id = context.unit.attr("id").unwrap_or("");
                    let file_id = context.file.attr("id").unwrap_or("");
                    let ok = fragment::parse(reference)
                        .ok()
                        .is_some_and(|f: Fragment<'_>| {
                            f.resolves_to_unit_note(file_id, unit_id, |id| {
                                context.note_ids.contains(id)
                            })
                        });
                    if !ok {
                        self.sink.add(
                            marker.position,
                            "annotation/comment-ref",
                            format!("ref {reference:?} must point to a <note> of the same unit"),
                        );
                    }
                }
                _ => {}
            }
        }
    }

    fn fragment(&mut self, element: &Element, reference: &str) {
        match fragment::parse(reference) {
            Err(message) => self.sink.add(
                element.position,
                "fragment/syntax",
                format!("fragment identifier {reference:?}: {message}"),
            ),
            Ok(parsed) => {
                if let Some(prefix) = parsed
                    .prefixes()
                    .find(|p| !self.prefixes.iter().any(|known| known == p))
                {
                    self.sink.add(
                        element.position,
                        "fragment/unknown-prefix",
                        format!("fragment identifier {reference:?} uses the unregistered prefix {prefix:?}"),
                    );
                }
            }
        }
    }

    fn inline_ids(&mut self, codes: &[Code<'a>], part_ids: &HashSet<&str>, side: &str) {
        let mut seen: HashSet<&str> = HashSet::new();
        for code in codes {
            let element = code.element;
            if matches!(element.local_name(), "ec" | "em")
                && element.attr("isolated") != Some("yes")
            {
                continue;
            }
            if let Some(id) = element.attr("id") {
                if part_ids.contains(id) || !seen.insert(id) {
                    self.sink.add(
                        element.position,
                        "id/not-unique",
                        format!("inline id {id:?} is used twice in the unit's {side}"),
                    );
                }
            }
        }
    }

    fn pairing(&mut self, codes: &[Code<'a>]) {
        let mut open_sc: HashMap<&str, &Element> = HashMap::new();
        let mut open_sm: HashMap<&str, &Element> = HashMap::new();
        let later_ec = |from: usize, id: &str| {
            codes
                .iter()
                .skip(from)
                .any(|c| c.element.local_name() == "ec" && c.element.attr("startRef") == Some(id))
        };
        for (index, code) in codes.iter().enumerate() {
            let element = code.element;
            let isolated = element.attr("isolated") == Some("yes");
            match element.local_name() {
                "sc" => {
                    let id = element.attr("id").unwrap_or("");
                    let closed = later_ec(index + 1, id);
                    if isolated && closed {
                        self.sink.add(
                            element.position,
                            "inline/isolated-sc-with-ec",
                            format!("<sc id={id:?}> is isolated but its <ec> is in the unit"),
                        );
                    } else if !isolated && !closed {
                        self.sink.add(
                            element.position,
                            "inline/sc-without-ec",
                            format!("<sc id={id:?}> has no <ec> in the unit and is not isolated"),
                        );
                    }
                    open_sc.insert(id, element);
                }
                "ec" => {
                    if isolated {
                        if element.attr("startRef").is_some() {
                            self.sink.add(
                                element.position,
                                "id/isolated-ec-with-start-ref",
                                "an isolated <ec> is identified by id, not startRef",
                            );
                        }
                        if element.attr("id").is_none() {
                            self.sink.add(
                                element.position,
                                "id/isolated-ec-without-id",
                                "an isolated <ec> needs id",
                            );
                        }
                        if let Some(id) = element.attr("id").or(element.attr("startRef")) {
                            if open_sc.contains_key(id) {
                                self.sink.add(
                                    element.position,
                                    "inline/isolated-ec-with-sc",
                                    format!(
                                        "<ec id={id:?}> is isolated but its <sc> is in the unit"
                                    ),
                                );
                            }
                        }
                    } else {
                        if element.attr("id").is_some() {
                            self.sink.add(
                                element.position,
                                "inline/ec-with-id",
                                "an <ec> that is not isolated uses startRef, not id",
                            );
                        }
                        match element.attr("startRef") {
                            None => self.sink.add(
                                element.position,
                                "inline/ec-without-start-ref",
                                "an <ec> that is not isolated needs startRef",
                            ),
                            Some(id) if !open_sc.contains_key(id) => self.sink.add(
                                element.position,
                                "inline/ec-without-sc",
                                format!("<ec startRef={id:?}> has no earlier <sc id={id:?}>"),
                            ),
                            _ => {}
                        }
                    }
                }
                "sm" => {
                    let id = element.attr("id").unwrap_or("");
                    let closed = codes.iter().skip(index + 1).any(|c| {
                        c.element.local_name() == "em" && c.element.attr("startRef") == Some(id)
                    });
                    if !closed {
                        self.sink.add(
                            element.position,
                            "inline/sm-without-em",
                            format!("<sm id={id:?}> has no <em> in the unit"),
                        );
                    }
                    open_sm.insert(id, element);
                }
                "em" => {
                    if let Some(id) = element.attr("startRef") {
                        if !open_sm.contains_key(id) {
                            self.sink.add(
                                element.position,
                                "inline/em-without-sm",
                                format!("<em startRef={id:?}> has no earlier <sm id={id:?}>"),
                            );
                        }
                    }
                }
                _ => {}
            }
        }
    }

    fn hints(&mut self, codes: &[Code<'a>]) {
        let by_id: HashMap<&str, &Element> = codes
            .iter()
            .filter(|c| matches!(c.element.local_name(), "ph" | "pc" | "sc"))
            .filter_map(|c| c.element.attr("id").map(|id| (id, c.element)))
            .collect();
        let effective = |element: &Element, name: &str| -> &'static str {
            match (name, element.attr(name)) {
                ("canReorder", Some("no")) => "no",
                ("canReorder", Some("firstNo")) => "firstNo",
                (_, Some("no")) => "no",
                _ => "yes",
            }
        };
        let mut in_sequence = false;
        for code in codes {
            let element = code.element;
            let name = element.local_name();
            if !matches!(name, "ph" | "pc" | "sc" | "ec") {
                continue;
            }
            if name == "ec" {
                if let Some(start) = element.attr("startRef").and_then(|id| by_id.get(id)) {
                    for hint in ["canCopy", "canDelete", "canOverlap", "canReorder"] {
                        if effective(element, hint) != effective(start, hint) {
                            self.sink.add(
                                element.position,
                                "editing-hints/sc-ec-differ",
                                format!("{hint} of <ec> differs from its <sc>"),
                            );
                        }
                    }
                }
                continue;
            }
            let reorder = effective(element, "canReorder");
            if reorder != "yes"
                && (effective(element, "canCopy") != "no"
                    || effective(element, "canDelete") != "no")
            {
                self.sink.add(
                    element.position,
                    "editing-hints/reorder-needs-no-copy-delete",
                    format!("canReorder={reorder} needs canCopy=no and canDelete=no"),
                );
            }
            match reorder {
                "firstNo" => in_sequence = true,
                "no" if !in_sequence => self.sink.add(
                    element.position,
                    "editing-hints/reorder-without-first-no",
                    "a canReorder=no code must follow a canReorder=firstNo code",
                ),
                "no" => {}
                _ => in_sequence = false,
            }
            if let Some(original) = element.attr("copyOf") {
                match by_id.get(original) {
                    None => self.sink.add(
                        element.position,
                        "editing-hints/copy-of-unresolved",
                        format!("copyOf {original:?} names no code of the unit"),
                    ),
                    Some(copied) if effective(copied, "canCopy") == "no" => self.sink.add(
                        element.position,
                        "editing-hints/copy-of-not-copyable",
                        format!("copyOf {original:?} names a code with canCopy=no"),
                    ),
                    _ => {}
                }
                if ["dataRef", "dataRefStart", "dataRefEnd"]
                    .iter()
                    .any(|n| element.attr(n).is_some())
                {
                    self.sink.add(
                        element.position,
                        "editing-hints/copy-of-with-data",
                        "a code with copyOf cannot have original data",
                    );
                }
            }
        }
    }

    /// Codes that cannot be deleted must be in some target of the unit once a segment that
    /// holds them has a target.
    fn non_removable(&mut self, source: &Element, target: &Element, parts: &[&'a Element]) {
        let mut required = Vec::new();
        collect_codes(source, &mut |code| {
            if code.attr("canDelete") == Some("no")
                && matches!(code.local_name(), "ph" | "pc" | "sc")
            {
                required.push(code);
            }
        });
        for code in required {
            let id = code.attr("id").unwrap_or("");
            let mut found = false;
            for part in parts {
                for t in part.elements().filter(|e| e.local_name() == "target") {
                    collect_codes(t, &mut |c| {
                        if c.local_name() == code.local_name() && c.attr("id") == Some(id) {
                            found = true;
                        }
                    });
                }
            }
            if !found {
                self.sink.add(
                    target.position,
                    "editing-hints/non-removable-missing",
                    format!(
                        "<{} id={id:?}> has canDelete=no but is missing from the unit's targets",
                        code.local_name()
                    ),
                );
            }
        }
    }

    /// Sequences that start with canReorder=firstNo must appear unchanged in the target.
    fn reordering(&mut self, source: &Element, target: &Element) {
        let sequences = |container: &Element| {
            let mut flat: Vec<(String, String, String, String)> = Vec::new();
            collect_codes_in(container, &mut |c, parent| {
                if matches!(c.local_name(), "ph" | "pc" | "sc" | "ec") {
                    flat.push((
                        c.local_name().to_string(),
                        c.attr("id")
                            .or(c.attr("startRef"))
                            .unwrap_or("")
                            .to_string(),
                        parent.to_string(),
                        c.attr("canReorder").unwrap_or("yes").to_string(),
                    ));
                }
            });
            let mut out: Vec<Vec<(String, String, String)>> = Vec::new();
            for (name, id, parent, reorder) in flat {
                match reorder.as_str() {
                    "firstNo" => out.push(vec![(name, id, parent)]),
                    "no" => {
                        if let Some(last) = out.last_mut() {
                            last.push((name, id, parent));
                        }
                    }
                    _ => {}
                }
            }
            out
        };
        let mut flat_target: Vec<(String, String, String)> = Vec::new();
        collect_codes_in(target, &mut |c, parent| {
            if matches!(c.local_name(), "ph" | "pc" | "sc" | "ec") {
                flat_target.push((
                    c.local_name().to_string(),
                    c.attr("id")
                        .or(c.attr("startRef"))
                        .unwrap_or("")
                        .to_string(),
                    parent.to_string(),
                ));
            }
        });
        for sequence in sequences(source) {
            let Some(first) = sequence.first() else {
                continue;
            };
            let Some(start) = flat_target.iter().position(|c| c == first) else {
                continue;
            };
            let found = flat_target.get(start..start + sequence.len());
            if found != Some(sequence.as_slice()) {
                self.sink.add(
                    target.position,
                    "editing-hints/reordered",
                    format!(
                        "the codes that cannot be reordered, starting with id {:?}, are not in the same order in the target",
                        first.1
                    ),
                );
            }
        }
    }
}

fn collect_codes<'e>(container: &'e Element, visit: &mut dyn FnMut(&'e Element)) {
    collect_codes_in(container, &mut |code, _| visit(code));
}

/// Visits inline elements with the id of the `pc`/`mrk` they are in ("" at the top).
fn collect_codes_in<'e>(container: &'e Element, visit: &mut dyn FnMut(&'e Element, &'e str)) {
    let parent = if matches!(container.local_name(), "pc" | "mrk") {
        container.attr("id").unwrap_or("")
    } else {
        ""
    };
    for child in container.elements() {
        visit(child, parent);
        if matches!(child.local_name(), "pc" | "mrk") {
            collect_codes_in(child, visit);
        }
    }
}

struct UnitContext<'a, 'b> {
    unit: &'a Element,
    file: &'a Element,
    data: &'b HashMap<&'a str, &'a Element>,
    note_ids: &'b HashSet<&'a str>,
    lang: Option<&'a str>,
    space: &'a str,
}

/// Ids of extension elements must be unique within the file, group or unit that holds them.
#[derive(Default)]
struct Scope {
    seen: HashMap<String, Position>,
    duplicates: Vec<(Position, String)>,
}

impl Scope {
    fn extension(&mut self, element: &Element) {
        if is_module_namespace(element.ns()) {
            return;
        }
        self.visit(element);
    }

    fn visit(&mut self, element: &Element) {
        let id = element.attr("id").or(element.attr_ns(XML_NAMESPACE, "id"));
        if let Some(id) = id {
            let key = format!("{}\u{0}{id}", element.ns());
            if self.seen.insert(key, element.position).is_some() {
                self.duplicates.push((element.position, id.to_string()));
            }
        }
        for child in element.elements() {
            self.visit(child);
        }
    }

    fn report(self, sink: &mut Sink) {
        for (position, id) in self.duplicates {
            sink.add(
                position,
                "id/not-unique",
                format!("extension element id {id:?} is used twice in its scope"),
            );
        }
    }
}
