//! The constraints of the XLIFF 2 modules: translation candidates (mtc), glossary (gls),
//! format style (fs), metadata (mda), resource data (res), size and length restriction (slr),
//! validation (val) and change tracking (ctr).

use std::collections::HashSet;

use super::fragment;
use super::names::{is_language_tag, is_nmtoken, is_prefixed_value, is_yes_no, same_language};
use super::Sink;
use crate::xml::{Element, Node, XML_NAMESPACE};

use crate::namespaces::{NS_CTR, NS_CTR_21, NS_GLS, NS_ITSM, NS_MDA, NS_RES, NS_SLR, NS_VAL};
pub(crate) use crate::namespaces::{NS_FS, NS_ITS, NS_MTC};

/// Fragment-identifier prefixes the modules register.
pub const FRAGMENT_PREFIXES: &[&str] = &["mtc", "gls", "mda", "res", "ctr", "slr", "val", "its"];

/// True for the namespaces of XLIFF 2 modules.
pub fn is_module_namespace(namespace: &str) -> bool {
    matches!(
        namespace,
        NS_MTC | NS_GLS | NS_FS | NS_MDA | NS_RES | NS_SLR | NS_VAL | NS_CTR | NS_CTR_21 | NS_ITSM
    )
}

/// Structural rules that every module has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModuleRule {
    /// A module element or attribute where the module does not allow it.
    NotAllowedHere,
    /// An element the module does not define.
    UnknownElement,
}

/// The rule name (`family/rule`) of `rule` for the module of `namespace`.
pub fn module_rule(namespace: &str, rule: ModuleRule) -> &'static str {
    use ModuleRule::{NotAllowedHere as Here, UnknownElement as Unknown};
    match (namespace, rule) {
        (NS_MTC, Here) => "mtc/not-allowed-here",
        (NS_MTC, Unknown) => "mtc/unknown-element",
        (NS_GLS, Here) => "gls/not-allowed-here",
        (NS_GLS, Unknown) => "gls/unknown-element",
        (NS_FS, Here) => "fs/not-allowed-here",
        (NS_FS, Unknown) => "fs/unknown-element",
        (NS_MDA, Here) => "mda/not-allowed-here",
        (NS_MDA, Unknown) => "mda/unknown-element",
        (NS_RES, Here) => "res/not-allowed-here",
        (NS_RES, Unknown) => "res/unknown-element",
        (NS_SLR, Here) => "slr/not-allowed-here",
        (NS_SLR, Unknown) => "slr/unknown-element",
        (NS_VAL, Here) => "val/not-allowed-here",
        (NS_VAL, Unknown) => "val/unknown-element",
        (NS_CTR | NS_CTR_21, Here) => "ctr/not-allowed-here",
        (NS_CTR | NS_CTR_21, Unknown) => "ctr/unknown-element",
        (_, Here) => "its/not-allowed-here",
        (_, Unknown) => "its/unknown-element",
    }
}

/// HTML element names allowed as `fs:fs` values.
const HTML_ELEMENTS: &[&str] = &[
    "a",
    "abbr",
    "address",
    "area",
    "article",
    "aside",
    "audio",
    "b",
    "base",
    "bdi",
    "bdo",
    "blockquote",
    "body",
    "br",
    "button",
    "canvas",
    "caption",
    "cite",
    "code",
    "col",
    "colgroup",
    "command",
    "datalist",
    "dd",
    "del",
    "details",
    "dfn",
    "dialog",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "i",
    "iframe",
    "img",
    "input",
    "ins",
    "kbd",
    "keygen",
    "label",
    "legend",
    "li",
    "link",
    "map",
    "mark",
    "menu",
    "meta",
    "meter",
    "nav",
    "noscript",
    "object",
    "ol",
    "optgroup",
    "option",
    "output",
    "p",
    "param",
    "pre",
    "progress",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "samp",
    "script",
    "section",
    "select",
    "small",
    "source",
    "span",
    "strong",
    "style",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "time",
    "title",
    "tr",
    "track",
    "u",
    "ul",
    "var",
    "video",
    "wbr",
    "acronym",
    "big",
    "center",
    "dir",
    "font",
    "frame",
    "frameset",
    "noframes",
    "strike",
    "tt",
];

struct Modules<'a> {
    sink: &'a mut Sink,
    src_lang: Option<&'a str>,
    /// Units are walked on their own: the outline walk leaves them out.
    is_unit: &'a dyn Fn(&Element) -> bool,
}

/// Every element outside units (which `is_unit` picks out).
pub(super) fn outline(root: &Element, is_unit: &dyn Fn(&Element) -> bool, sink: &mut Sink) {
    let mut modules = Modules {
        sink,
        src_lang: root.attr("srcLang"),
        is_unit,
    };
    modules.walk(root, None, &[]);
}

/// One unit and everything in it; `ancestors` are the elements around it, root first.
pub(super) fn unit(unit: &Element, ancestors: &[&Element], sink: &mut Sink) {
    let Some(root) = ancestors.first() else {
        return;
    };
    let mut data = Vec::new();
    for ancestor in ancestors {
        // Extensions come before the units and groups of a file or group (whose units may be
        // many: they are not looked at).
        let before_units = ancestor
            .elements()
            .take_while(|c| !matches!(c.local_name(), "unit" | "group") || c.ns() != root.ns());
        for child in before_units.filter(|c| c.is(NS_SLR, "data")) {
            for inner in child.elements() {
                collect_ids(inner, &mut data);
            }
        }
    }
    let mut modules = Modules {
        sink,
        src_lang: root.attr("srcLang"),
        is_unit: &|_| false,
    };
    modules.walk(unit, None, &data);
}

fn id_syntax(sink: &mut Sink, element: &Element, rule: &'static str) {
    if let Some(id) = element.attr("id") {
        if !is_nmtoken(id) {
            sink.add(
                element.position,
                rule,
                format!("id {id:?} is not an NMTOKEN"),
            );
        }
    }
}

fn unique<'e>(
    sink: &mut Sink,
    seen: &mut HashSet<&'e str>,
    element: &'e Element,
    rule: &'static str,
) {
    if let Some(id) = element.attr("id") {
        if !seen.insert(id) {
            sink.add(
                element.position,
                rule,
                format!("id {id:?} is used twice in its scope"),
            );
        }
    }
}

fn is_size_pattern(value: &str) -> bool {
    let number = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    match value.split_once(',') {
        None => value == "*" || number(value),
        Some((min, max)) => number(min) && (number(max) || max == "*"),
    }
}

impl<'a> Modules<'a> {
    /// Visits every element; `unit` is the enclosing unit, `slr_data` the `slr:data` ids of
    /// this element's and its ancestors' siblings.
    fn walk(&mut self, element: &'a Element, unit: Option<&'a Element>, slr_data: &[&'a str]) {
        self.fs(element);
        self.slr_attributes(element, slr_data);
        let unit = if element.local_name() == "unit" && !is_module_namespace(element.ns()) {
            Some(element)
        } else {
            unit
        };
        self.known_element(element);
        match element.ns() {
            NS_MTC if element.local_name() == "matches" => self.matches(element, unit),
            NS_GLS if element.local_name() == "glossary" => self.glossary(element),
            NS_MDA if element.local_name() == "metadata" => self.metadata(element),
            NS_RES if element.local_name() == "resourceData" => self.resource_data(element),
            NS_VAL if element.local_name() == "validation" => self.validation(element),
            NS_VAL if element.local_name() != "rule" => {}
            NS_CTR | NS_CTR_21 if element.local_name() == "changeTrack" => {
                self.change_track(element, unit)
            }
            _ => {}
        }
        let mut data: Vec<&'a str> = slr_data.to_vec();
        for child in element.elements() {
            if child.is(NS_SLR, "data") {
                for inner in child.elements() {
                    collect_ids(inner, &mut data);
                }
            }
        }
        for child in element.elements().filter(|c| !(self.is_unit)(c)) {
            self.walk(child, unit, &data);
        }
    }

    fn known_element(&mut self, element: &Element) {
        let known: &[&str] = match element.ns() {
            NS_MTC => &["matches", "match"],
            NS_GLS => &[
                "glossary",
                "glossEntry",
                "term",
                "translation",
                "definition",
            ],
            NS_MDA => &["metadata", "metaGroup", "meta"],
            NS_RES => &[
                "resourceData",
                "resourceItem",
                "resourceItemRef",
                "source",
                "target",
                "reference",
            ],
            NS_SLR => &["profiles", "normalization", "data"],
            NS_VAL => &["validation", "rule"],
            NS_CTR | NS_CTR_21 => &["changeTrack", "revisions", "revision", "item"],
            _ => return,
        };
        if !known.contains(&element.local_name()) {
            self.sink.add(
                element.position,
                module_rule(element.ns(), ModuleRule::UnknownElement),
                format!("the module has no element <{}>", element.name),
            );
        }
    }

    fn fs(&mut self, element: &Element) {
        for attribute in &element.attributes {
            if attribute.namespace.as_deref() != Some(NS_FS) {
                continue;
            }
            match attribute.local_name() {
                "fs" => {
                    if !HTML_ELEMENTS.contains(&attribute.value.as_str()) {
                        self.sink.add(
                            element.position,
                            "fs/value",
                            format!("fs:fs {:?} is not an HTML element name", attribute.value),
                        );
                    }
                }
                "subFs" => {
                    if element.attr_ns(NS_FS, "fs").is_none() {
                        self.sink.add(
                            element.position,
                            "fs/subfs-without-fs",
                            "fs:subFs needs fs:fs",
                        );
                    }
                }
                other => self.sink.add(
                    element.position,
                    "fs/unknown-attribute",
                    format!("the format style module has no attribute {other:?}"),
                ),
            }
        }
    }

    fn slr_attributes(&mut self, element: &Element, slr_data: &[&str]) {
        let is_ec = element.local_name() == "ec" && !is_module_namespace(element.ns());
        let isolated = element.attr("isolated") == Some("yes");
        for attribute in &element.attributes {
            if attribute.namespace.as_deref() != Some(NS_SLR) {
                continue;
            }
            let value = attribute.value.as_str();
            match attribute.local_name() {
                "sizeRestriction" | "storageRestriction" if !is_size_pattern(value) => {
                    self.sink.add(
                        element.position,
                        "slr/restriction-pattern",
                        format!(
                            "slr:{} {value:?} is not *, N, N,N or N,*",
                            attribute.local_name()
                        ),
                    );
                }
                "sizeInfo" | "equivStorage" => {
                    // sizeInfo is profile-specific data; only a value written as a number must
                    // be a whole one. equivStorage is always a count of storage units.
                    let numeric =
                        value.starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '.');
                    let check = attribute.local_name() == "equivStorage" || numeric;
                    if check && (value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit())) {
                        self.sink.add(
                            element.position,
                            "slr/not-integer",
                            format!(
                                "slr:{} {value:?} is not a non-negative integer",
                                attribute.local_name()
                            ),
                        );
                    }
                    if is_ec && !isolated {
                        self.sink.add(
                            element.position,
                            "slr/ec-not-isolated",
                            format!(
                                "slr:{} is allowed on <ec> only when it is isolated",
                                attribute.local_name()
                            ),
                        );
                    }
                }
                "sizeInfoRef" => {
                    if is_ec && !isolated {
                        self.sink.add(
                            element.position,
                            "slr/ec-not-isolated",
                            "slr:sizeInfoRef is allowed on <ec> only when it is isolated",
                        );
                    }
                    if element.attr_ns(NS_SLR, "sizeInfo").is_some() {
                        self.sink.add(
                            element.position,
                            "slr/size-info-and-ref",
                            "slr:sizeInfo and slr:sizeInfoRef cannot be used together",
                        );
                    }
                    if !slr_data.contains(&value) {
                        self.sink.add(
                            element.position,
                            "slr/size-info-ref-unresolved",
                            format!(
                                "slr:sizeInfoRef {value:?} names nothing in a sibling <slr:data>"
                            ),
                        );
                    }
                }
                _ => {}
            }
        }
    }

    fn matches(&mut self, matches: &Element, unit: Option<&Element>) {
        let mut ids = HashSet::new();
        let spans: HashSet<&str> = unit.map(span_ids).unwrap_or_default();
        for candidate in matches.elements() {
            if !candidate.is(NS_MTC, "match") {
                continue;
            }
            id_syntax(self.sink, candidate, "mtc/id");
            unique(self.sink, &mut ids, candidate, "mtc/id");
            if candidate.attr_ns(XML_NAMESPACE, "lang").is_some() {
                self.sink.add(
                    candidate.position,
                    "mtc/xml-lang",
                    "xml:lang must not be set on <mtc:match>",
                );
            }
            let kind = candidate.attr("type");
            if let Some(kind) = kind {
                if !matches!(kind, "am" | "mt" | "icm" | "idm" | "tb" | "tm" | "other") {
                    self.sink.add(
                        candidate.position,
                        "mtc/type",
                        format!("match type {kind:?} is not am, mt, icm, idm, tb, tm or other"),
                    );
                }
            }
            if let Some(sub) = candidate.attr("subType") {
                if kind.is_none() {
                    self.sink.add(
                        candidate.position,
                        "mtc/subtype-without-type",
                        "subType needs type",
                    );
                }
                if !is_prefixed_value(sub) {
                    self.sink.add(
                        candidate.position,
                        "mtc/subtype",
                        format!("subType {sub:?} is not prefix:value"),
                    );
                }
            }
            for name in ["similarity", "matchQuality", "matchSuitability"] {
                if let Some(value) = candidate.attr(name) {
                    if !value
                        .parse::<f64>()
                        .is_ok_and(|v| (0.0..=100.0).contains(&v))
                    {
                        self.sink.add(
                            candidate.position,
                            "mtc/score",
                            format!("{name} {value:?} is not a number from 0 to 100"),
                        );
                    }
                }
            }
            match candidate.attr("ref") {
                None => self
                    .sink
                    .add(candidate.position, "mtc/ref", "<mtc:match> needs ref"),
                Some(reference) => match fragment::parse(reference) {
                    Err(message) => self.sink.add(
                        candidate.position,
                        "mtc/ref",
                        format!("ref {reference:?} is not a fragment identifier: {message}"),
                    ),
                    Ok(parsed) => {
                        let leaf = parsed.selectors.last();
                        let ok = leaf.is_some_and(|s| {
                            matches!(s.prefix, None | Some("t")) && spans.contains(s.id)
                        });
                        if !ok && unit.is_some() {
                            self.sink.add(
                                candidate.position,
                                "mtc/ref",
                                format!("ref {reference:?} does not point to a span of the unit"),
                            );
                        }
                    }
                },
            }
        }
    }

    fn glossary(&mut self, glossary: &Element) {
        let mut ids = HashSet::new();
        for entry in glossary.elements() {
            if !entry.is(NS_GLS, "glossEntry") {
                continue;
            }
            id_syntax(self.sink, entry, "gls/id");
            unique(self.sink, &mut ids, entry, "gls/id");
            let mut terms = 0;
            let mut explained = false;
            for child in entry.elements() {
                match (child.ns(), child.local_name()) {
                    (NS_GLS, "term") => terms += 1,
                    (NS_GLS, "translation") => {
                        explained = true;
                        id_syntax(self.sink, child, "gls/id");
                        unique(self.sink, &mut ids, child, "gls/id");
                    }
                    (NS_GLS, "definition") => explained = true,
                    (namespace, _)
                        if is_module_namespace(namespace)
                            || namespace.starts_with("urn:oasis:names:tc:xliff:") =>
                    {
                        self.sink.add(
                            child.position,
                            "gls/extension",
                            format!(
                                "<{}> is not an allowed extension of <gls:glossEntry>",
                                child.name
                            ),
                        );
                    }
                    _ => {}
                }
            }
            if terms != 1 {
                self.sink.add(
                    entry.position,
                    "gls/term",
                    "<gls:glossEntry> needs exactly one <gls:term>",
                );
            }
            if !explained {
                self.sink.add(
                    entry.position,
                    "gls/translation-or-definition",
                    "<gls:glossEntry> needs a <gls:translation> or a <gls:definition>",
                );
            }
        }
    }

    fn metadata(&mut self, metadata: &Element) {
        id_syntax(self.sink, metadata, "mda/id");
        let mut ids = HashSet::new();
        let mut groups = 0;
        for child in metadata.elements() {
            if child.is(NS_MDA, "metaGroup") {
                groups += 1;
                self.meta_group(child, &mut ids);
            } else if child.ns() == NS_MDA {
                self.sink.add(
                    child.position,
                    "mda/structure",
                    format!(
                        "<mda:metadata> holds <mda:metaGroup> elements, not <{}>",
                        child.name
                    ),
                );
            }
        }
        if groups == 0 {
            self.sink.add(
                metadata.position,
                "mda/structure",
                "<mda:metadata> needs a <mda:metaGroup>",
            );
        }
    }

    fn meta_group<'e>(&mut self, group: &'e Element, ids: &mut HashSet<&'e str>) {
        id_syntax(self.sink, group, "mda/id");
        unique(self.sink, ids, group, "mda/id");
        if let Some(value) = group.attr("appliesTo") {
            if !matches!(value, "source" | "target" | "ignorable") {
                self.sink.add(
                    group.position,
                    "mda/applies-to",
                    format!("appliesTo {value:?} is not source, target or ignorable"),
                );
            }
        }
        for child in group.elements() {
            if child.is(NS_MDA, "metaGroup") {
                self.meta_group(child, ids);
            } else if child.is(NS_MDA, "meta") {
                if child.attr("type").is_none() {
                    self.sink
                        .add(child.position, "mda/meta-type", "<mda:meta> needs type");
                }
                for attribute in &child.attributes {
                    if attribute.namespace.is_none() && &*attribute.name != "type" {
                        self.sink.add(
                            child.position,
                            "mda/attribute",
                            format!("<mda:meta> does not take {}", attribute.name),
                        );
                    }
                }
            }
        }
    }

    fn resource_data(&mut self, data: &Element) {
        let mut ids = HashSet::new();
        for child in data.elements() {
            match (child.ns(), child.local_name()) {
                (NS_RES, "resourceItem") => {
                    id_syntax(self.sink, child, "res/id");
                    unique(self.sink, &mut ids, child, "res/id");
                    for part in child.elements() {
                        if part.ns() != NS_RES {
                            continue;
                        }
                        let has_content = part.elements().next().is_some()
                            || part
                                .children
                                .iter()
                                .any(|n| matches!(n, Node::Text(t) if !t.value.trim().is_empty()));
                        if matches!(part.local_name(), "source" | "target" | "reference") {
                            match (part.attr("href").is_some(), has_content) {
                                (true, true) => self.sink.add(
                                    part.position,
                                    "res/href-and-content",
                                    format!(
                                        "<res:{}> has either href or content, not both",
                                        part.local_name()
                                    ),
                                ),
                                (false, false) if part.local_name() != "reference" => {
                                    self.sink.add(
                                        part.position,
                                        "res/href-or-content",
                                        format!(
                                            "<res:{}> needs href or content",
                                            part.local_name()
                                        ),
                                    )
                                }
                                _ => {}
                            }
                        }
                        let expected = match part.local_name() {
                            "source" => self.src_lang,
                            _ => None,
                        };
                        if let (Some(lang), Some(expected)) = (part.xml_lang(), expected) {
                            if !same_language(lang, expected) || !is_language_tag(lang) {
                                self.sink.add(
                                    part.position,
                                    "res/xml-lang",
                                    format!("xml:lang {lang:?} must be {expected:?} as on <xliff>"),
                                );
                            }
                        }
                    }
                }
                (NS_RES, "resourceItemRef") => {
                    id_syntax(self.sink, child, "res/id");
                    unique(self.sink, &mut ids, child, "res/id");
                }
                _ => {}
            }
        }
    }

    fn validation(&mut self, validation: &Element) {
        for rule in validation.elements() {
            if !rule.is(NS_VAL, "rule") {
                self.sink.add(
                    rule.position,
                    "val/structure",
                    format!(
                        "<val:validation> holds <val:rule> elements, not <{}>",
                        rule.name
                    ),
                );
                continue;
            }
            let kinds = ["isPresent", "isNotPresent", "startsWith", "endsWith"];
            let given = kinds.iter().filter(|k| rule.attr(k).is_some()).count();
            let custom = rule
                .attributes
                .iter()
                .any(|a| a.namespace.is_some() && a.namespace.as_deref() != Some(XML_NAMESPACE));
            if given + usize::from(custom) != 1 {
                self.sink.add(
                    rule.position,
                    "val/exactly-one-test",
                    "<val:rule> needs exactly one of isPresent, isNotPresent, startsWith, endsWith or a custom test",
                );
            }
            if rule.attr("existsInSource").is_some()
                && !["isPresent", "startsWith", "endsWith"]
                    .iter()
                    .any(|k| rule.attr(k).is_some())
            {
                self.sink.add(
                    rule.position,
                    "val/exists-in-source",
                    "existsInSource needs isPresent, startsWith or endsWith",
                );
            }
            for name in ["existsInSource", "caseSensitive", "disabled"] {
                if let Some(value) = rule.attr(name) {
                    if !is_yes_no(value) {
                        self.sink.add(
                            rule.position,
                            "val/yes-no",
                            format!("{name} must be yes or no, not {value:?}"),
                        );
                    }
                }
            }
            if let Some(value) = rule.attr("normalization") {
                if !matches!(value, "none" | "nfc" | "nfd") {
                    self.sink.add(
                        rule.position,
                        "val/normalization",
                        format!("normalization {value:?} is not none, nfc or nfd"),
                    );
                }
            }
            if let Some(value) = rule.attr("occurs") {
                if !value.parse::<u64>().is_ok_and(|n| n >= 1) {
                    self.sink.add(
                        rule.position,
                        "val/occurs",
                        format!("occurs {value:?} is not a positive integer"),
                    );
                }
                if rule.attr("isPresent").is_none() {
                    self.sink
                        .add(rule.position, "val/occurs", "occurs needs isPresent");
                }
            }
        }
    }

    fn change_track(&mut self, track: &Element, unit: Option<&Element>) {
        let Some(scope) = unit else {
            return;
        };
        for revisions in track.elements().filter(|e| e.local_name() == "revisions") {
            let applies_to = revisions.attr("appliesTo").unwrap_or("");
            let target: Option<&Element> = match revisions.attr("ref") {
                Some(reference) => {
                    let found = find_by_id(scope, reference);
                    match found {
                        Some(element) if applies_to == "note" && element.local_name() != "note" => {
                            self.sink.add(
                                revisions.position,
                                "ctr/ref",
                                format!("ref {reference:?} does not name a <note>"),
                            );
                            None
                        }
                        Some(element) => Some(element),
                        None => {
                            self.sink.add(
                                revisions.position,
                                "ctr/ref",
                                format!("ref {reference:?} names no element of the unit"),
                            );
                            None
                        }
                    }
                }
                None => {
                    let notes = scope
                        .elements()
                        .filter(|e| e.local_name() == "notes")
                        .flat_map(|n| n.elements())
                        .count();
                    if applies_to == "note" && notes > 1 {
                        self.sink.add(
                            revisions.position,
                            "ctr/ref",
                            "revisions of a <note> need ref to say which note",
                        );
                    }
                    None
                }
            };
            for revision in revisions
                .elements()
                .filter(|e| e.local_name() == "revision")
            {
                let mut properties = HashSet::new();
                for item in revision.elements().filter(|e| e.local_name() == "item") {
                    let property = item.attr("property").unwrap_or("");
                    if !properties.insert(property) {
                        self.sink.add(
                            item.position,
                            "ctr/property",
                            format!("property {property:?} is listed twice in one revision"),
                        );
                    }
                    if property != "content" {
                        if let Some(target) = target {
                            if target.attr(property).is_none() {
                                self.sink.add(
                                    item.position,
                                    "ctr/property",
                                    format!("property {property:?} is neither content nor an attribute of the element"),
                                );
                            }
                        }
                    }
                }
            }
        }
    }
}

fn collect_ids<'e>(element: &'e Element, out: &mut Vec<&'e str>) {
    if let Some(id) = element.attr("id") {
        out.push(id);
    }
    for child in element.elements() {
        collect_ids(child, out);
    }
}

fn find_by_id<'e>(element: &'e Element, id: &str) -> Option<&'e Element> {
    for child in element.elements() {
        if is_module_namespace(child.ns()) {
            continue;
        }
        if child.attr("id") == Some(id) {
            return Some(child);
        }
        if let Some(found) = find_by_id(child, id) {
            return Some(found);
        }
    }
    None
}

/// Ids of the spans a match can point to: segments, and annotations and codes in them.
fn span_ids(unit: &Element) -> HashSet<&str> {
    let mut out = HashSet::new();
    for part in unit.elements() {
        if is_module_namespace(part.ns()) {
            continue;
        }
        if matches!(part.local_name(), "segment" | "ignorable") {
            if let Some(id) = part.attr("id") {
                out.insert(id);
            }
            let mut ids = Vec::new();
            collect_ids(part, &mut ids);
            out.extend(ids);
        }
    }
    out
}
