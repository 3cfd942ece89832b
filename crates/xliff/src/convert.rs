//! Converting the core content of a document between XLIFF 1.2 and XLIFF 2.1: files, groups,
//! units, segments and ignorables, sources and targets with their inline codes, states and notes.
//!
//! Translation candidates go across too: 1.2 `alt-trans` become 2.x `mtc:match`es and back
//! (`mid` ↔ `ref`, `match-quality` ↔ `similarity`, `origin`). A 1.2 unit translated as a whole
//! (a target without segment markers beside a segmented source) becomes one segment.
//! Extensions, modules and 1.2 elements without a 2.x counterpart (`context-group`,
//! `bin-unit`, ...) are not carried over; [`Conversion::dropped`] counts the elements left out.

use werkbank_model::{CodeKind, Content, SegmentState};

use crate::inline::{self, CoreName, DataCollector, OriginalData};
use crate::units::{read_unit, state_12, state_2};
use crate::xml::{escape_attribute, escape_text, write_node, Element};
use crate::{Document, Unit, Version, XliffError};

/// The result of a conversion.
#[derive(Debug)]
pub struct Conversion {
    /// The converted document.
    pub document: Document,
    /// Elements of the input that have no place in the output (extensions, modules, alt-trans,
    /// bin-unit, ...), by name, with how often they occurred.
    pub dropped: Vec<(String, usize)>,
}

fn attribute(out: &mut String, name: &str, value: &str) {
    out.push(' ');
    out.push_str(name);
    out.push_str("=\"");
    escape_attribute(value, out);
    out.push('"');
}

fn nmtoken(value: &str, fallback: &str) -> String {
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
fn portable(content: &Content) -> Content {
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

fn count(dropped: &mut Vec<(String, usize)>, name: &str) {
    match dropped.iter_mut().find(|(n, _)| n == name) {
        Some((_, n)) => *n += 1,
        None => dropped.push((name.to_string(), 1)),
    }
}

/// Converts `document` to `version` (1.2, or 2.0/2.1/2.2). Converting to the version the
/// document already has is an error: use the document as it is.
///
/// ```
/// use werkbank_xliff::convert::convert;
/// use werkbank_xliff::{Document, Version};
///
/// let text = r#"<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">
///  <file original="a.txt" source-language="de" target-language="en" datatype="plaintext"><body>
///   <trans-unit id="1"><source>Ein <g id="b" ctype="bold">fettes</g> Wort.</source>
///   <target state="translated">A <g id="b" ctype="bold">bold</g> word.</target></trans-unit>
///  </body></file>
/// </xliff>"#;
/// let converted = convert(&Document::parse(text.as_bytes())?, Version::V2_1)?;
/// let written = String::from_utf8(converted.document.to_bytes()).unwrap();
/// assert!(written.contains(r#"<target>A <pc id="b" type="fmt" subType="xlf:b">bold</pc> word.</target>"#));
/// # Ok::<(), werkbank_xliff::XliffError>(())
/// ```
pub fn convert(document: &Document, version: Version) -> Result<Conversion, XliffError> {
    let from = document.version();
    if from.is_2x() == version.is_2x() {
        return Err(XliffError::Model {
            message: format!("the document is already XLIFF {from}; nothing to convert"),
        });
    }
    let mut dropped = Vec::new();
    let text = if version.is_2x() {
        to_2(document, version, &mut dropped)?
    } else {
        to_12(document, &mut dropped)?
    };
    Ok(Conversion {
        document: Document::parse(text.as_bytes())?,
        dropped,
    })
}

fn to_2(
    document: &Document,
    version: Version,
    dropped: &mut Vec<(String, usize)>,
) -> Result<String, XliffError> {
    let ns = document.core_namespace().to_string();
    let files: Vec<&Element> = document.root.children_named(&ns, "file").collect();
    let first = files.first();
    let source_language = first
        .and_then(|f| f.attr("source-language"))
        .unwrap_or("und");
    // A 1.2 file may leave target-language out even when it has targets; XLIFF 2 then needs
    // trgLang, taken from a target's xml:lang or "und" (undetermined).
    let has_targets = document
        .units()?
        .iter()
        .any(|u| u.segments().any(|s| s.target.is_some()));
    let target_language = first
        .and_then(|f| f.attr("target-language"))
        .or_else(|| first_target_lang(&document.root, &ns))
        .or(has_targets.then_some("und"));
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xliff");
    attribute(&mut out, "xmlns", version.namespace());
    attribute(&mut out, "version", version.as_str());
    attribute(&mut out, "srcLang", source_language);
    if let Some(target) = target_language {
        attribute(&mut out, "trgLang", target);
    }
    out.push_str(">\n");
    let core = CoreName {
        namespace: Some(std::sync::Arc::from(version.namespace())),
        prefix: String::new(),
    };
    for (index, file) in files.iter().enumerate() {
        out.push_str(" <file");
        attribute(&mut out, "id", &format!("f{}", index + 1));
        if let Some(original) = file.attr("original") {
            attribute(&mut out, "original", original);
        }
        out.push_str(">\n");
        // werkbank's skeleton goes with the file, so the converted file merges too.
        let skeleton = document.skeleton().filter(|_| files.len() == 1);
        if let Some(skeleton) = &skeleton {
            out.push_str("  <skeleton>");
            escape_text(&skeleton.to_json(), &mut out);
            out.push_str("</skeleton>\n");
        }
        let mut units = 0;
        match file.child(&ns, "body") {
            Some(body) => container_to_2(body, &ns, &core, &mut out, 2, &mut units, dropped)?,
            None => count(dropped, "file without body"),
        }
        for child in file.elements() {
            let carried =
                child.is(&ns, "header") && skeleton.is_some() && child.elements().count() == 1;
            if !child.is(&ns, "body") && !carried {
                count(dropped, child.local_name());
            }
        }
        if units == 0 {
            // XLIFF 2 needs a unit in every file.
            out.push_str("  <unit id=\"empty\"><segment><source/></segment></unit>\n");
        }
        out.push_str(" </file>\n");
    }
    out.push_str("</xliff>\n");
    Ok(out)
}

fn first_target_lang<'e>(element: &'e Element, ns: &str) -> Option<&'e str> {
    if element.is(ns, "target") {
        return element.xml_lang();
    }
    element
        .elements()
        .find_map(|child| first_target_lang(child, ns))
}

fn container_to_2(
    container: &Element,
    ns: &str,
    core: &CoreName,
    out: &mut String,
    depth: usize,
    units: &mut usize,
    dropped: &mut Vec<(String, usize)>,
) -> Result<(), XliffError> {
    let indent = " ".repeat(depth);
    for child in container.elements() {
        match (child.ns() == ns, child.local_name()) {
            (true, "group") => {
                out.push_str(&format!("{indent}<group"));
                attribute(
                    out,
                    "id",
                    &nmtoken(child.attr("id").unwrap_or(""), &format!("g{}", *units + 1)),
                );
                if let Some(name) = child.attr("resname") {
                    attribute(out, "name", name);
                }
                out.push_str(">\n");
                let before = *units;
                container_to_2(child, ns, core, out, depth + 1, units, dropped)?;
                if *units == before {
                    out.push_str(&format!("{indent} <unit id=\"empty-{before}\"><segment><source/></segment></unit>\n"));
                }
                out.push_str(&format!("{indent}</group>\n"));
            }
            (true, "trans-unit") => {
                *units += 1;
                let mut unit = read_unit(child, ns, false, "")?;
                join_whole_translation(&mut unit);
                unique_code_ids(&mut unit);
                unit_to_2(child, &unit, core, out, &indent, *units);
                for inner in child.elements() {
                    if !matches!(
                        inner.local_name(),
                        "source" | "seg-source" | "target" | "note" | "alt-trans"
                    ) {
                        count(dropped, inner.local_name());
                    }
                }
            }
            _ => count(dropped, child.local_name()),
        }
    }
    Ok(())
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
    unit.parts = vec![crate::Part {
        ignorable: false,
        segment,
        state_qualifier: None,
    }];
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

fn unit_to_2(
    element: &Element,
    unit: &Unit,
    core: &CoreName,
    out: &mut String,
    indent: &str,
    number: usize,
) {
    let mut collector = DataCollector::new(OriginalData::new());
    let mut body = String::new();
    let preserve = element.attr_ns(crate::xml::XML_NAMESPACE, "space") == Some("preserve");
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
    if let Some(name) = element.attr("resname") {
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
            crate::create::text_2(value, out);
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

fn to_12(document: &Document, dropped: &mut Vec<(String, usize)>) -> Result<String, XliffError> {
    let ns = document.core_namespace().to_string();
    let source_language = document.root.attr("srcLang").unwrap_or("und");
    let target_language = document.root.attr("trgLang");
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xliff");
    attribute(&mut out, "xmlns", Version::V1_2.namespace());
    attribute(&mut out, "version", "1.2");
    out.push_str(">\n");
    let core = CoreName {
        namespace: Some(std::sync::Arc::from(Version::V1_2.namespace())),
        prefix: String::new(),
    };
    for file in document.root.children_named(&ns, "file") {
        out.push_str(" <file");
        attribute(
            &mut out,
            "original",
            file.attr("original")
                .or(file.attr("id"))
                .unwrap_or("unknown"),
        );
        attribute(&mut out, "source-language", source_language);
        if let Some(target) = target_language {
            attribute(&mut out, "target-language", target);
        }
        attribute(&mut out, "datatype", "plaintext");
        out.push_str(">\n");
        if let Some(skeleton) = document.skeleton() {
            out.push_str(&format!(
                "  <header>\n   <skl>\n    <internal-file form=\"{}\">",
                crate::create::SKELETON_FORM
            ));
            escape_text(&skeleton.to_json(), &mut out);
            out.push_str("</internal-file>\n   </skl>\n  </header>\n");
        }
        out.push_str("  <body>\n");
        container_to_12(file, &ns, &core, &mut out, 3, dropped)?;
        out.push_str("  </body>\n </file>\n");
    }
    out.push_str("</xliff>\n");
    Ok(out)
}

fn container_to_12(
    container: &Element,
    ns: &str,
    core: &CoreName,
    out: &mut String,
    depth: usize,
    dropped: &mut Vec<(String, usize)>,
) -> Result<(), XliffError> {
    let indent = " ".repeat(depth);
    for child in container.elements() {
        match (child.ns() == ns, child.local_name()) {
            (true, "group") => {
                out.push_str(&format!("{indent}<group"));
                if let Some(id) = child.attr("id") {
                    attribute(out, "id", id);
                }
                out.push_str(">\n");
                container_to_12(child, ns, core, out, depth + 1, dropped)?;
                out.push_str(&format!("{indent}</group>\n"));
            }
            (true, "unit") => {
                let unit = read_unit(child, ns, true, "")?;
                unit_to_12(&unit, child, core, out, &indent);
                for inner in child.elements() {
                    if !(matches!(
                        inner.local_name(),
                        "segment" | "ignorable" | "notes" | "originalData"
                    ) || inner.is(crate::extras::NS_MTC, "matches"))
                    {
                        count(dropped, inner.local_name());
                    }
                }
            }
            // werkbank's skeleton is carried over (into the 1.2 header).
            (true, "skeleton")
                if werkbank_model::Skeleton::from_json(&child.text_content()).is_ok() => {}
            (true, "notes" | "skeleton") | (false, _) => count(dropped, child.local_name()),
            _ => {}
        }
    }
    Ok(())
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

fn unit_to_12(unit: &Unit, element: &Element, core: &CoreName, out: &mut String, indent: &str) {
    out.push_str(&format!("{indent}<trans-unit"));
    attribute(out, "id", &unit.id);
    if let Some(name) = element.attr("name") {
        attribute(out, "resname", name);
    }
    if !unit.translate {
        attribute(out, "translate", "no");
    }
    if element.attr_ns(crate::xml::XML_NAMESPACE, "space") == Some("preserve") {
        attribute(out, "xml:space", "preserve");
    }
    out.push_str(">\n");
    let segments: Vec<_> = unit.segments().collect();
    let simple = unit.parts.len() == 1 && segments.len() == 1;
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
