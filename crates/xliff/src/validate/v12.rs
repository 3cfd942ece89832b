//! XLIFF 1.0–1.2: the namespace, the structure the transitional schema defines
//! (`schema12.rs`), and on top of it the rules the 1.2 specification states only in words:
//! a `<bpt>` and its `<ept>` in the same element, segment markers inside other elements that
//! match up, languages of sources and targets that agree with the file's.

use std::collections::{HashMap, HashSet};

use super::{schema12, Sink};
use crate::document::{detect_version, NS_XLIFF_11, NS_XLIFF_12};
use crate::xml::Element;
use crate::Version;

struct V12<'a> {
    ns: &'a str,
    sink: &'a mut Sink,
}

/// The namespace the root of an XLIFF 1.x document must be in, when its version is known.
fn expected_namespace(root: &Element) -> Option<&'static str> {
    match detect_version(root).ok()? {
        Version::V1_2 => Some(NS_XLIFF_12),
        Version::V1_1 => Some(NS_XLIFF_11),
        _ => None,
    }
}

/// Everything outside units (which `is_unit` picks out; they may be stubs).
pub(super) fn outline(
    root: &Element,
    is_unit: &dyn Fn(&Element) -> bool,
    keys: &mut schema12::Keys,
    sink: &mut Sink,
) {
    match expected_namespace(root) {
        Some(expected) if root.ns() != expected => sink.add(
            root.position,
            "xliff12-schema/namespace",
            format!(
                "an XLIFF {} document must be in the namespace {expected} (version {:?})",
                detect_version(root).map_or_else(|_| String::new(), |v| v.to_string()),
                root.attr("version").unwrap_or("")
            ),
        ),
        _ => schema12::outline(root, root.ns(), is_unit, keys, sink),
    }
}

/// One unit; `ancestors` are the elements around it, root first.
pub(super) fn unit(
    unit: &Element,
    ancestors: &[&Element],
    keys: &mut schema12::Keys,
    sink: &mut Sink,
) {
    let (Some(root), Some(file)) = (ancestors.first(), ancestors.get(1)) else {
        return;
    };
    let ns = root.ns();
    if ancestors.iter().any(|a| a.ns() != ns) || file.local_name() != "file" {
        return;
    }
    if expected_namespace(root).is_none_or(|expected| expected == ns) {
        schema12::unit(unit, file, ns, keys, sink);
    }
    let in_body = ancestors
        .get(2..)
        .unwrap_or_default()
        .iter()
        .all(|a| matches!(a.local_name(), "body" | "group" | "bin-unit"));
    if unit.local_name() == "trans-unit" && in_body {
        V12 { ns, sink }.trans_unit(unit, file);
    }
}

impl<'a> V12<'a> {
    fn trans_unit(&mut self, unit: &'a Element, file: &'a Element) {
        for source in unit.children_named(self.ns, "source") {
            self.language(source, file.attr("source-language"), "source-language");
            self.pairs(source);
        }
        for target in unit.children_named(self.ns, "target") {
            self.language(target, file.attr("target-language"), "target-language");
            self.pairs(target);
        }
        let Some(seg_source) = unit.child(self.ns, "seg-source") else {
            return;
        };
        self.pairs(seg_source);
        // Markers directly in seg-source and target are the schema's business; those inside
        // other elements (as Trados writes them) are checked here the same way.
        let mut mids = HashSet::new();
        for (mrk, nested) in seg_markers(seg_source, self.ns) {
            if let Some(mid) = mrk.attr("mid") {
                if !mids.insert(mid) && nested {
                    self.sink.add(
                        mrk.position,
                        "xliff12/mid-not-unique",
                        format!("segment marker mid {mid:?} is used twice"),
                    );
                }
            }
        }
        for target in unit.children_named(self.ns, "target") {
            for (mrk, nested) in seg_markers(target, self.ns) {
                let mid = mrk.attr("mid").unwrap_or("");
                if nested && !mids.contains(mid) {
                    self.sink.add(
                        mrk.position,
                        "xliff12/mid-unmatched",
                        format!("target segment marker mid {mid:?} is not in <seg-source>"),
                    );
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

    /// A `<bpt>` and its `<ept>` (matched by `rid`, else by `id`) in the same element, the
    /// `<bpt>` first.
    fn pairs(&mut self, container: &Element) {
        let mut open: HashMap<String, bool> = HashMap::new();
        let mut codes = Vec::new();
        flatten(container, self.ns, &mut codes);
        for code in &codes {
            let key = code.attr("rid").or(code.attr("id")).unwrap_or("");
            match code.local_name() {
                "bpt" => {
                    open.insert(key.to_string(), false);
                }
                "ept" => match open.get_mut(key) {
                    Some(closed) => *closed = true,
                    None => self.sink.add(
                        code.position,
                        "xliff12/ept-without-bpt",
                        format!("<ept> {key:?} has no earlier <bpt> in the same element"),
                    ),
                },
                _ => {}
            }
        }
        for code in &codes {
            if code.local_name() == "bpt" {
                let key = code.attr("rid").or(code.attr("id")).unwrap_or("");
                if open.get(key) == Some(&false) {
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

/// The segment markers of `container` at any depth, each with whether it is inside another
/// element.
fn seg_markers<'e>(container: &'e Element, ns: &str) -> Vec<(&'e Element, bool)> {
    let mut all = Vec::new();
    flatten(container, ns, &mut all);
    all.into_iter()
        .filter(|e| e.local_name() == "mrk" && e.attr("mtype") == Some("seg"))
        .map(|e| (e, !container.elements().any(|d| std::ptr::eq(d, e))))
        .collect()
}
