//! XLIFF 1.0–1.2: the structure of the transitional schema and the rules the 1.2 specification
//! states in words (ids, pairing of bpt/ept, seg-source markers, state values, languages).

use std::collections::{HashMap, HashSet};

use super::names::{is_language_tag, is_yes_no};
use super::{Finding, Sink};
use crate::xml::Element;
use crate::Document;

const STATES: &[&str] = &[
    "final",
    "needs-adaptation",
    "needs-l10n",
    "needs-review-adaptation",
    "needs-review-l10n",
    "needs-review-translation",
    "needs-translation",
    "new",
    "signed-off",
    "translated",
];

const STATE_QUALIFIERS: &[&str] = &[
    "exact-match",
    "fuzzy-match",
    "id-match",
    "leveraged-glossary",
    "leveraged-inherited",
    "leveraged-mt",
    "leveraged-repository",
    "leveraged-tm",
    "mt-suggestion",
    "rejected-grammar",
    "rejected-inaccurate",
    "rejected-length",
    "rejected-spelling",
    "tm-suggestion",
];

struct V12<'a> {
    ns: &'a str,
    sink: Sink,
}

pub(super) fn validate(document: &Document) -> Vec<Finding> {
    let mut v = V12 {
        ns: document.core_namespace(),
        sink: Sink::new(),
    };
    v.root(&document.root);
    v.sink.into_findings()
}

fn enumerated(value: &str, allowed: &[&str]) -> bool {
    allowed.contains(&value) || value.starts_with("x-")
}

impl<'a> V12<'a> {
    fn core(&self, element: &Element, local: &str) -> bool {
        element.is(self.ns, local)
    }

    fn root(&mut self, root: &'a Element) {
        if root.attr("version").is_none() {
            self.sink.add(
                root.position,
                "xliff12/missing-attribute",
                "<xliff> needs version",
            );
        }
        let mut files = 0;
        for child in root.elements() {
            if self.core(child, "file") {
                files += 1;
                self.file(child);
            } else if child.ns() == self.ns {
                self.sink.add(
                    child.position,
                    "xliff12/element-not-allowed",
                    format!("<{}> is not allowed in <xliff>", child.local_name()),
                );
            }
        }
        if files == 0 {
            self.sink.add(
                root.position,
                "xliff12/missing-file",
                "<xliff> needs at least one <file>",
            );
        }
    }

    fn file(&mut self, file: &'a Element) {
        for name in ["original", "source-language", "datatype"] {
            if file.attr(name).is_none() {
                self.sink.add(
                    file.position,
                    "xliff12/missing-attribute",
                    format!("<file> needs {name}"),
                );
            }
        }
        for name in ["source-language", "target-language"] {
            if let Some(tag) = file.attr(name) {
                if !is_language_tag(tag) {
                    self.sink.add(
                        file.position,
                        "xliff12/language",
                        format!("{name} {tag:?} is not a language tag"),
                    );
                }
            }
        }
        let Some(body) = file.child(self.ns, "body") else {
            self.sink.add(
                file.position,
                "xliff12/missing-body",
                "<file> needs a <body>",
            );
            return;
        };
        let mut ids = HashSet::new();
        self.container(body, file, &mut ids);
    }

    fn container(&mut self, container: &'a Element, file: &'a Element, ids: &mut HashSet<&'a str>) {
        for child in container.elements() {
            if child.ns() != self.ns {
                continue;
            }
            match child.local_name() {
                "group" => self.container(child, file, ids),
                "trans-unit" => {
                    match child.attr("id") {
                        None => self.sink.add(
                            child.position,
                            "xliff12/missing-attribute",
                            "<trans-unit> needs id",
                        ),
                        Some(id) => {
                            if !ids.insert(id) {
                                self.sink.add(
                                    child.position,
                                    "xliff12/id-not-unique",
                                    format!("trans-unit id {id:?} is used twice in the <file>"),
                                );
                            }
                        }
                    }
                    self.trans_unit(child, file);
                }
                "bin-unit" => {
                    if child.attr("id").is_none() {
                        self.sink.add(
                            child.position,
                            "xliff12/missing-attribute",
                            "<bin-unit> needs id",
                        );
                    }
                }
                other => self.sink.add(
                    child.position,
                    "xliff12/element-not-allowed",
                    format!("<{other}> is not allowed in <{}>", container.local_name()),
                ),
            }
        }
    }

    fn trans_unit(&mut self, unit: &'a Element, file: &'a Element) {
        for name in ["approved", "translate"] {
            if let Some(value) = unit.attr(name) {
                if !is_yes_no(value) {
                    self.sink.add(
                        unit.position,
                        "xliff12/attribute-value",
                        format!("{name} must be yes or no, not {value:?}"),
                    );
                }
            }
        }
        let sources: Vec<&Element> = unit.children_named(self.ns, "source").collect();
        if sources.len() != 1 {
            self.sink.add(
                unit.position,
                "xliff12/source",
                format!(
                    "<trans-unit> needs exactly one <source>, not {}",
                    sources.len()
                ),
            );
        }
        for source in &sources {
            self.language(source, file.attr("source-language"), "source-language");
            self.inline(source);
        }
        let targets: Vec<&Element> = unit.children_named(self.ns, "target").collect();
        if targets.len() > 1 {
            self.sink.add(
                unit.position,
                "xliff12/target",
                "<trans-unit> has more than one <target>",
            );
        }
        for target in &targets {
            self.language(target, file.attr("target-language"), "target-language");
            self.target_state(target);
            self.inline(target);
        }
        if let Some(seg_source) = unit.child(self.ns, "seg-source") {
            self.inline(seg_source);
            let mut mids = HashSet::new();
            for mrk in seg_markers(seg_source, self.ns) {
                if let Some(mid) = mrk.attr("mid") {
                    if !mids.insert(mid) {
                        self.sink.add(
                            mrk.position,
                            "xliff12/mid-not-unique",
                            format!("segment marker mid {mid:?} is used twice"),
                        );
                    }
                }
            }
            for target in &targets {
                for mrk in seg_markers(target, self.ns) {
                    let mid = mrk.attr("mid").unwrap_or("");
                    if !mids.contains(mid) {
                        self.sink.add(
                            mrk.position,
                            "xliff12/mid-unmatched",
                            format!("target segment marker mid {mid:?} is not in <seg-source>"),
                        );
                    }
                }
            }
        }
        for alt in unit.children_named(self.ns, "alt-trans") {
            if alt.child(self.ns, "target").is_none() {
                self.sink.add(
                    alt.position,
                    "xliff12/alt-trans",
                    "<alt-trans> needs a <target>",
                );
            }
            if let Some(quality) = alt.attr("match-quality") {
                let number = quality.trim_end_matches('%');
                if number.parse::<f64>().is_err() && !quality.starts_with("x-") {
                    // match-quality is free text in 1.2; only numbers are checked.
                }
            }
        }
    }

    fn language(&mut self, element: &Element, declared: Option<&str>, attribute: &str) {
        if let (Some(lang), Some(declared)) = (element.xml_lang(), declared) {
            // 1.2 does not define the relation exactly; a more or less specific tag of the
            // same language (en-US for en) is accepted.
            let (a, b) = (lang.to_ascii_lowercase(), declared.to_ascii_lowercase());
            let related =
                a == b || a.starts_with(&format!("{b}-")) || b.starts_with(&format!("{a}-"));
            if !related {
                self.sink.add(
                    element.position,
                    "xliff12/language",
                    format!(
                        "<{}> has xml:lang {lang:?} but the file's {attribute} is {declared:?}",
                        element.local_name()
                    ),
                );
            }
        }
    }

    fn target_state(&mut self, target: &Element) {
        if let Some(state) = target.attr("state") {
            if !enumerated(state, STATES) {
                self.sink.add(
                    target.position,
                    "xliff12/state",
                    format!("state {state:?} is not a 1.2 state or x- value"),
                );
            }
        }
        if let Some(qualifier) = target.attr("state-qualifier") {
            if !enumerated(qualifier, STATE_QUALIFIERS) {
                self.sink.add(
                    target.position,
                    "xliff12/state-qualifier",
                    format!("state-qualifier {qualifier:?} is not a 1.2 value or x- value"),
                );
            }
        }
    }

    fn inline(&mut self, container: &Element) {
        let mut bpt: HashMap<String, bool> = HashMap::new();
        let mut codes = Vec::new();
        flatten(container, self.ns, &mut codes);
        for code in &codes {
            let name = code.local_name();
            let needs_id = matches!(name, "g" | "x" | "bx" | "ex" | "ph" | "bpt" | "ept" | "it");
            if needs_id && code.attr("id").is_none() {
                self.sink.add(
                    code.position,
                    "xliff12/missing-attribute",
                    format!("<{name}> needs id"),
                );
            }
            match name {
                "it" if !matches!(code.attr("pos"), Some("open" | "close")) => {
                    self.sink.add(
                        code.position,
                        "xliff12/it-pos",
                        "<it> needs pos=open or pos=close",
                    );
                }
                "mrk" if code.attr("mtype").is_none() => {
                    self.sink.add(
                        code.position,
                        "xliff12/missing-attribute",
                        "<mrk> needs mtype",
                    );
                }
                "bpt" => {
                    let key = code
                        .attr("rid")
                        .or(code.attr("id"))
                        .unwrap_or("")
                        .to_string();
                    bpt.insert(key, false);
                }
                "ept" => {
                    let key = code.attr("rid").or(code.attr("id")).unwrap_or("");
                    match bpt.get_mut(key) {
                        Some(closed) => *closed = true,
                        None => self.sink.add(
                            code.position,
                            "xliff12/ept-without-bpt",
                            format!("<ept> {key:?} has no earlier <bpt>"),
                        ),
                    }
                }
                _ => {}
            }
        }
        for code in &codes {
            if code.local_name() == "bpt" {
                let key = code.attr("rid").or(code.attr("id")).unwrap_or("");
                if bpt.get(key) == Some(&false) {
                    self.sink.add(
                        code.position,
                        "xliff12/bpt-without-ept",
                        format!("<bpt> {key:?} has no <ept> in the same element"),
                    );
                }
            }
        }
    }
}

fn flatten<'e>(container: &'e Element, ns: &str, out: &mut Vec<&'e Element>) {
    for child in container.elements() {
        if child.ns() != ns {
            continue;
        }
        out.push(child);
        if matches!(child.local_name(), "g" | "mrk") {
            flatten(child, ns, out);
        }
    }
}

fn seg_markers<'e>(container: &'e Element, ns: &str) -> Vec<&'e Element> {
    let mut all = Vec::new();
    flatten(container, ns, &mut all);
    all.into_iter()
        .filter(|e| e.local_name() == "mrk" && e.attr("mtype") == Some("seg"))
        .collect()
}
