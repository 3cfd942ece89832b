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

use serde::Serialize;

use crate::{Document, Position};

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
pub struct Options {
    /// Fragment-identifier prefixes registered for extensions, beyond those of XLIFF 2 core and
    /// its modules (namespace URI → prefix).
    pub extra_prefixes: Vec<(String, String)>,
}

/// Validates `document` with default options; an empty list means valid.
pub fn validate(document: &Document) -> Vec<Finding> {
    validate_with(document, &Options::default())
}

/// Validates `document`; an empty list means valid. Findings are in document order.
pub fn validate_with(document: &Document, options: &Options) -> Vec<Finding> {
    let mut findings = if document.version().is_2x() {
        let mut findings = core2::validate(document, options);
        findings.extend(modules::validate(document));
        findings
    } else {
        v12::validate(document)
    };
    for (position, message) in document.reading_problems() {
        findings.push(Finding {
            position: *position,
            rule: "xml/namespace-prefix",
            message: message.clone(),
        });
    }
    findings.sort_by_key(|f| (f.position.line, f.position.column));
    findings.dedup();
    findings
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

/// Validates the document read from `input`. A document that cannot be read at all (not
/// well-formed, not XLIFF, over a limit) is an error.
pub fn validate_reader<R: std::io::Read>(
    input: R,
    options: &Options,
) -> Result<Validated, crate::XliffError> {
    let mut bytes = Vec::new();
    let mut input = input;
    input
        .read_to_end(&mut bytes)
        .map_err(|source| crate::XliffError::Io {
            path: "input".into(),
            source,
        })?;
    let document = Document::parse(&bytes)?;
    Ok(Validated {
        version: document.version(),
        findings: validate_with(&document, options),
    })
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
