//! Validation: the structure of XLIFF 1.2 and 2.x documents and the processing requirements of
//! XLIFF 2 core and its modules. Every finding names the rule it breaks and where.
//!
//! Rule names are `family/rule`. The families are: `structure` (elements and their order),
//! `attribute` (attributes and their values), `extension` (foreign elements and attributes where
//! they are not allowed), `id` (syntax and uniqueness), `language`, `inline` (pairing of
//! `sc`/`ec`, `sm`/`em` and isolated codes), `editing-hints` (canCopy, canDelete, canOverlap,
//! canReorder, copyOf), `data-ref` (`originalData`), `annotation` (`mrk`/`sm` and note
//! references), `fragment` (fragment identifiers), `type` (type, subType, subFlows, cp), one family
//! per module (`mtc`, `gls`, `fs`, `mda`, `res`, `slr`, `val`, `ctr`, `its`) and `xliff12` for
//! XLIFF 1.2.
//!
//! ```
//! use werkbank_xliff::{validate, Document};
//!
//! let text = r#"<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="de">
//!  <file id="f1"><unit id="u1">
//!   <segment><source><sc id="1"/>Fett</source></segment>
//!  </unit></file>
//! </xliff>"#;
//! let document = Document::parse(text.as_bytes())?;
//! let findings = validate::validate(&document);
//! assert_eq!(findings[0].rule, "inline/sc-without-ec");
//! assert_eq!(findings[0].position.line, 3);
//! # Ok::<(), werkbank_xliff::XliffError>(())
//! ```

mod core2;
mod fragment;
mod modules;
mod names;
mod schema12;
mod v12;

use std::io::Read;

use serde::Serialize;

use crate::document::detect_version;
use crate::stream::unit_tree;
use crate::xml::feed::Feed;
use crate::xml::{parse_stream, Element, Limits, Node, Parsed, Stream, UnitEvents};
use crate::{Document, Position, XliffError};

/// One violation found in a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Where the offending element starts.
    pub position: Position,
    /// The rule broken, as `family/rule`.
    pub rule: &'static str,
    /// What is wrong, in words.
    pub message: String,
}

impl Finding {
    /// The rule's family (the part before the slash).
    pub fn family(&self) -> &'static str {
        self.rule.split('/').next().unwrap_or(self.rule)
    }
}

/// Options for validation.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct Options {
    /// Fragment-identifier prefixes registered for extensions, beyond those of XLIFF 2 core and
    /// its modules (namespace URI → prefix).
    pub extra_prefixes: Vec<(String, String)>,
}

impl Options {
    /// These options with fragment-identifier prefixes registered for extensions (namespace
    /// URI → prefix), as [`parse_prefix_properties`] reads them.
    pub fn with_extra_prefixes(mut self, prefixes: Vec<(String, String)>) -> Self {
        self.extra_prefixes = prefixes;
        self
    }
}

/// Validates `document` with default options; an empty list means valid.
pub fn validate(document: &Document) -> Vec<Finding> {
    validate_with(document, &Options::default())
}

/// Validates `document`; an empty list means valid. Findings are in document order.
pub fn validate_with(document: &Document, options: &Options) -> Vec<Finding> {
    let root = &document.root;
    let mut validator = Validator::new(options);
    let is_unit = |e: &Element| is_unit(root, e);
    let mut ancestors = Vec::new();
    each_unit(root, &is_unit, &mut ancestors, &mut |unit, ancestors| {
        validator.unit(unit, ancestors);
    });
    validator.finish(root, document.reading_problems())
}

/// What [`validate_reader`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Validated {
    /// The version the document declares.
    pub version: crate::Version,
    /// The findings in document order; empty when the document is valid.
    pub findings: Vec<Finding>,
}

/// Validates the document read from `input` unit by unit: what is kept is the document
/// outside its units, the ids of units (for the uniqueness and reference rules) and the
/// findings, so a document of any size validates in little memory. A document that cannot be
/// read at all (not well-formed, not XLIFF, over a limit) is an error.
pub fn validate_reader<R: Read>(input: R, options: &Options) -> Result<Validated, XliffError> {
    struct Streaming(UnitByUnit);
    impl Stream for Streaming {
        fn unit(
            &mut self,
            events: &mut UnitEvents<'_, '_>,
            ancestors: &[Element],
        ) -> Result<(), XliffError> {
            let (unit, problems) = unit_tree(events)?;
            self.0.unit(&unit, problems, ancestors);
            Ok(())
        }
        fn take_stub(&mut self) -> Option<Element> {
            self.0.take_stub()
        }
    }
    let mut feed = Feed::new(input)?;
    let mut streaming = Streaming(UnitByUnit::new(options));
    let parsed = parse_stream(&mut feed, Limits::default(), &mut streaming)?;
    streaming.0.finish(parsed)
}

/// Validation of a document as it is read: each unit when it has been read, the rest when the
/// reading is done. Whatever reads a document unit by unit (the validator, a rewrite) drives it.
pub(crate) struct UnitByUnit {
    validator: Validator,
    stub: Option<Element>,
    /// What the units' trees read although it is not namespace-well-formed.
    problems: Vec<(Position, String)>,
}

impl UnitByUnit {
    pub(crate) fn new(options: &Options) -> Self {
        UnitByUnit {
            validator: Validator::new(options),
            stub: None,
            problems: Vec::new(),
        }
    }

    /// A unit, parsed into a tree (with the problems its parse noted), and the elements open
    /// around it.
    pub(crate) fn unit(
        &mut self,
        unit: &Element,
        problems: Vec<(Position, String)>,
        ancestors: &[Element],
    ) {
        self.problems.extend(problems);
        let parent = ancestors.last();
        let ancestors: Vec<&Element> = ancestors.iter().collect();
        self.validator.unit(unit, &ancestors);
        // The parent's order rules need one unit of a run of units, not each.
        let after_unit = parent
            .and_then(|p| p.children.last())
            .is_some_and(|last| matches!(last, Node::Element(e) if e.name == unit.name));
        let is_container = parent.is_some_and(|p| {
            p.namespace == unit.namespace && matches!(p.local_name(), "file" | "group" | "body")
        });
        if after_unit && is_container {
            return;
        }
        self.stub = Some(Element {
            name: unit.name.clone(),
            namespace: unit.namespace.clone(),
            attributes: Vec::new(),
            children: Vec::new(),
            position: unit.position,
            raw_start: None,
            raw_end: None,
            empty_tag: true,
        });
    }

    /// What the parser is to keep in place of the unit just given (see [`Stream::take_stub`]).
    pub(crate) fn take_stub(&mut self) -> Option<Element> {
        self.stub.take()
    }

    /// The findings, once the parser is done with the document.
    pub(crate) fn finish(mut self, mut parsed: Parsed) -> Result<Validated, XliffError> {
        let version = detect_version(&parsed.root)?;
        // A unit's start tag is read by both parsers: its problems come twice.
        parsed.problems.append(&mut self.problems);
        let mut seen = std::collections::HashSet::new();
        parsed
            .problems
            .retain(|problem| seen.insert(problem.clone()));
        Ok(Validated {
            version,
            findings: self.validator.finish(&parsed.root, &parsed.problems),
        })
    }
}

/// Whether `element` is read as a unit of the document whose root is `root` (as the streaming
/// reader picks units out).
fn is_unit(root: &Element, element: &Element) -> bool {
    matches!(element.local_name(), "unit" | "trans-unit") && element.namespace == root.namespace
}

/// Calls `visit` with every unit below `element` and the elements around it, root first.
fn each_unit<'e>(
    element: &'e Element,
    is_unit: &dyn Fn(&Element) -> bool,
    ancestors: &mut Vec<&'e Element>,
    visit: &mut dyn FnMut(&'e Element, &[&'e Element]),
) {
    ancestors.push(element);
    for child in element.elements() {
        if is_unit(child) {
            visit(child, ancestors);
        } else {
            each_unit(child, is_unit, ancestors, visit);
        }
    }
    ancestors.pop();
}

/// The rules applied unit by unit, then to the rest of the document.
struct Validator {
    prefixes: Vec<String>,
    sink: Sink,
    sub_flows: Vec<core2::SubFlow>,
    unit_ids: core2::UnitIds,
    keys: schema12::Keys,
}

impl Validator {
    fn new(options: &Options) -> Self {
        let mut prefixes: Vec<String> = ["f", "g", "u", "n", "d", "t"]
            .iter()
            .chain(modules::FRAGMENT_PREFIXES)
            .map(|s| s.to_string())
            .collect();
        prefixes.extend(options.extra_prefixes.iter().map(|(_, p)| p.clone()));
        Validator {
            prefixes,
            sink: Sink::new(),
            sub_flows: Vec::new(),
            unit_ids: core2::UnitIds::new(),
            keys: schema12::Keys::default(),
        }
    }

    /// One unit; `ancestors` are the elements around it, root first.
    fn unit(&mut self, unit: &Element, ancestors: &[&Element]) {
        let Some(root) = ancestors.first() else {
            return;
        };
        if detect_version(root).is_ok_and(|v| v.is_2x()) {
            core2::unit(
                unit,
                ancestors,
                &self.prefixes,
                &mut self.sub_flows,
                &mut self.unit_ids,
                &mut self.sink,
            );
            modules::unit(unit, ancestors, &mut self.sink);
        } else {
            v12::unit(unit, ancestors, &mut self.keys, &mut self.sink);
        }
    }

    /// The rest of the document (`root` holds its units whole or as stubs), and the findings
    /// of all, in document order.
    fn finish(mut self, root: &Element, problems: &[(Position, String)]) -> Vec<Finding> {
        let is_unit = |e: &Element| is_unit(root, e);
        if detect_version(root).is_ok_and(|v| v.is_2x()) {
            core2::outline(
                root,
                &self.prefixes,
                &self.sub_flows,
                &self.unit_ids,
                &mut self.sink,
            );
            modules::outline(root, &is_unit, &mut self.sink);
        } else {
            v12::outline(root, &is_unit, &mut self.keys, &mut self.sink);
        }
        for (position, message) in problems {
            self.sink
                .add(*position, "xml/namespace-prefix", message.clone());
        }
        let mut findings = self.sink.into_findings();
        findings.sort_by_key(|f| (f.position.line, f.position.column));
        findings.dedup();
        findings
    }
}

/// Reads the `extra-prefixes.properties` format of the OASIS test suite: `namespace=prefix`
/// lines, with `\:` escapes.
pub fn parse_prefix_properties(text: &str) -> Vec<(String, String)> {
    text.lines()
        .filter(|line| !line.trim_start().starts_with('#'))
        .filter_map(|line| {
            let mut key = String::new();
            let mut chars = line.chars();
            while let Some(c) = chars.next() {
                match c {
                    '\\' => key.extend(chars.next()),
                    '=' => {
                        return Some((key.trim().to_string(), chars.as_str().trim().to_string()))
                    }
                    _ => key.push(c),
                }
            }
            None
        })
        .collect()
}

pub(crate) struct Sink {
    findings: Vec<Finding>,
}

impl Sink {
    pub(crate) fn new() -> Self {
        Self {
            findings: Vec::new(),
        }
    }

    pub(crate) fn add(
        &mut self,
        position: Position,
        rule: &'static str,
        message: impl Into<String>,
    ) {
        self.findings.push(Finding {
            position,
            rule,
            message: message.into(),
        });
    }

    pub(crate) fn into_findings(self) -> Vec<Finding> {
        self.findings
    }
}
