//! Reading SRX 2.0 files into a plain document model.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use serde::{Deserialize, Serialize};
use werkbank_model::{Limit, Limits};

use crate::{Position, SegmentError};

/// Where inline codes that fall on a break go (SRX `formathandle`): `true` means "included in
/// the segment before the break".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormatHandling {
    /// Opening codes (`type="start"`); SRX's default is `no`.
    pub start_included: bool,
    /// Closing codes (`type="end"`); SRX's default is `yes`.
    pub end_included: bool,
    /// Standalone codes (`type="isolated"`); SRX's default is `no`.
    pub isolated_included: bool,
}

impl Default for FormatHandling {
    fn default() -> Self {
        Self {
            start_included: false,
            end_included: true,
            isolated_included: false,
        }
    }
}

/// One `rule` of a language rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SrxRule {
    /// `break="yes"` (the default) or `break="no"`.
    pub is_break: bool,
    /// The `beforebreak` pattern, Java regex syntax; empty when absent.
    pub before: String,
    /// The `afterbreak` pattern, Java regex syntax; empty when absent.
    pub after: String,
    /// Where the rule starts in the file.
    pub position: Position,
}

/// A named, ordered list of rules (`languagerule`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LanguageRule {
    /// `languagerulename`.
    pub name: String,
    /// The rules, in file order.
    pub rules: Vec<SrxRule>,
}

/// One `languagemap`: language codes matching `pattern` use the rules named `rule_name`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LanguageMap {
    /// `languagepattern`, a Java regex matched against the whole language code.
    pub pattern: String,
    /// `languagerulename`.
    pub rule_name: String,
    /// Where the map rule is in the file.
    pub position: Position,
}

/// An SRX 2.0 document as written, before its patterns are compiled.
///
/// # Example
/// ```
/// use werkbank_segment::srx::SrxDocument;
///
/// let srx = r#"<srx xmlns="http://www.lisa.org/srx20" version="2.0">
///   <header segmentsubflows="yes" cascade="no"/>
///   <body>
///     <languagerules>
///       <languagerule languagerulename="Deutsch">
///         <rule break="no"><beforebreak>\bca\.</beforebreak><afterbreak>\s</afterbreak></rule>
///         <rule><beforebreak>\.</beforebreak><afterbreak>\s</afterbreak></rule>
///       </languagerule>
///     </languagerules>
///     <maprules><languagemap languagepattern="de.*" languagerulename="Deutsch"/></maprules>
///   </body>
/// </srx>"#;
/// let document = SrxDocument::parse(srx)?;
/// assert_eq!(document.language_rules[0].rules.len(), 2);
/// assert!(!document.cascade);
/// # Ok::<(), werkbank_segment::SegmentError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SrxDocument {
    /// `segmentsubflows` of the header.
    pub segment_subflows: bool,
    /// `cascade` of the header: apply the rules of every matching map, in order.
    pub cascade: bool,
    /// The header's `formathandle` elements.
    pub format_handling: FormatHandling,
    /// All `languagerule` elements.
    pub language_rules: Vec<LanguageRule>,
    /// All `languagemap` elements, in order.
    pub language_maps: Vec<LanguageMap>,
}

/// Converts byte offsets of the source into line and column. Positions are asked for in
/// increasing order as the reader goes on, so the column is counted on from the last position
/// asked for on the same line instead of from the line's start: linear, also on a file that is
/// one long line.
struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
    /// The last position computed: (byte offset, line, column).
    last: std::cell::Cell<(usize, usize, usize)>,
}

impl<'a> LineIndex<'a> {
    fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|at| at + 1));
        Self {
            text,
            starts,
            last: std::cell::Cell::new((0, 1, 1)),
        }
    }

    fn position(&self, offset: u64) -> Position {
        let mut offset = usize::try_from(offset)
            .unwrap_or(usize::MAX)
            .min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&start| start <= offset).max(1);
        let start = self.starts.get(line - 1).copied().unwrap_or(0);
        let (last_offset, last_line, last_column) = self.last.get();
        let (from, counted) = if last_line == line && last_offset <= offset && last_offset >= start
        {
            (last_offset, last_column - 1)
        } else {
            (start, 0)
        };
        let column = counted
            + self
                .text
                .get(from..offset)
                .map_or(offset - from, |s| s.chars().count())
            + 1;
        self.last.set((offset, line, column));
        Position { line, column }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Capture {
    None,
    Before,
    After,
}

impl SrxDocument {
    /// Reads an SRX document with the default [`Limits`]. Errors carry the line and column
    /// where the problem is.
    pub fn parse(text: &str) -> Result<Self, SegmentError> {
        Self::parse_with_limits(text, Limits::default())
    }

    /// Reads an SRX document within `limits` (nesting depth, elements, attributes per element
    /// and their size, the text of one pattern).
    pub fn parse_with_limits(text: &str, limits: Limits) -> Result<Self, SegmentError> {
        let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
        let index = LineIndex::new(text);
        let mut reader = Reader::from_str(text);
        let mut document = SrxDocument {
            segment_subflows: true,
            ..SrxDocument::default()
        };
        let mut seen_root = false;
        let mut depth = 0usize;
        let mut current_rule: Option<SrxRule> = None;
        let mut capture = Capture::None;
        let mut captured = String::new();
        let syntax =
            |position: Position, message: String| SegmentError::SrxSyntax { position, message };
        let check = |position: Position, limit: Limit, value: usize| {
            limits
                .check(limit, value)
                .map_err(|exceeded| SegmentError::Limit { position, exceeded })
        };
        let mut elements = 0usize;
        loop {
            let event_start = reader.buffer_position();
            let event = reader
                .read_event()
                .map_err(|e| syntax(index.position(reader.error_position()), e.to_string()))?;
            let position = index.position(event_start);
            let empty = matches!(event, Event::Empty(_));
            match event {
                Event::Start(element) | Event::Empty(element) => {
                    elements += 1;
                    check(position, Limit::Elements, elements)?;
                    check(position, Limit::Depth, depth + 1)?;
                    let name = local_name(&element);
                    if depth == 0 {
                        if name != "srx" {
                            return Err(syntax(
                                position,
                                format!("root element is <{name}>, expected <srx>"),
                            ));
                        }
                        seen_root = true;
                    }
                    let attributes = read_attributes(&element, position, &limits)?;
                    let attribute = |key: &str| {
                        attributes
                            .iter()
                            .find(|(k, _)| k == key)
                            .map(|(_, v)| v.as_str())
                    };
                    match name.as_str() {
                        "header" => {
                            document.segment_subflows = attribute("segmentsubflows") != Some("no");
                            document.cascade = attribute("cascade") == Some("yes");
                        }
                        "formathandle" => {
                            let include = attribute("include") == Some("yes");
                            match attribute("type") {
                                Some("start") => document.format_handling.start_included = include,
                                Some("end") => document.format_handling.end_included = include,
                                Some("isolated") => {
                                    document.format_handling.isolated_included = include
                                }
                                other => {
                                    return Err(syntax(
                                        position,
                                        format!(
                                        "formathandle type {other:?} is not start, end or isolated"
                                    ),
                                    ))
                                }
                            }
                        }
                        "languagerule" => {
                            let Some(rule_name) = attribute("languagerulename") else {
                                return Err(syntax(
                                    position,
                                    "languagerule without languagerulename".into(),
                                ));
                            };
                            document.language_rules.push(LanguageRule {
                                name: rule_name.to_string(),
                                rules: Vec::new(),
                            });
                        }
                        "rule" => {
                            if document.language_rules.is_empty() {
                                return Err(syntax(position, "rule outside a languagerule".into()));
                            }
                            let rule = SrxRule {
                                is_break: attribute("break") != Some("no"),
                                before: String::new(),
                                after: String::new(),
                                position,
                            };
                            if empty {
                                push_rule(&mut document, rule);
                            } else {
                                current_rule = Some(rule);
                            }
                        }
                        "beforebreak" | "afterbreak" if !empty => {
                            if current_rule.is_none() {
                                return Err(syntax(position, format!("<{name}> outside a rule")));
                            }
                            capture = if name == "beforebreak" {
                                Capture::Before
                            } else {
                                Capture::After
                            };
                            captured.clear();
                        }
                        "languagemap" => {
                            let (Some(pattern), Some(rule_name)) =
                                (attribute("languagepattern"), attribute("languagerulename"))
                            else {
                                return Err(syntax(
                                    position,
                                    "languagemap needs languagepattern and languagerulename".into(),
                                ));
                            };
                            document.language_maps.push(LanguageMap {
                                pattern: pattern.to_string(),
                                rule_name: rule_name.to_string(),
                                position,
                            });
                        }
                        _ => {}
                    }
                    if !empty {
                        depth += 1;
                    }
                }
                Event::End(element) => {
                    depth = depth.saturating_sub(1);
                    let name = element.local_name().as_ref().to_string();
                    match name.as_str() {
                        "beforebreak" | "afterbreak" => {
                            if let Some(rule) = current_rule.as_mut() {
                                let text = std::mem::take(&mut captured);
                                match capture {
                                    Capture::Before => rule.before = text,
                                    Capture::After => rule.after = text,
                                    Capture::None => {}
                                }
                            }
                            capture = Capture::None;
                        }
                        "rule" => {
                            if let Some(rule) = current_rule.take() {
                                push_rule(&mut document, rule);
                            }
                        }
                        _ => {}
                    }
                }
                Event::Text(content) if capture != Capture::None => {
                    captured.push_str(&content.xml10_content());
                    check(position, Limit::TextBytes, captured.len())?;
                }
                Event::CData(content) if capture != Capture::None => {
                    captured.push_str(&content.xml10_content());
                    check(position, Limit::TextBytes, captured.len())?;
                }
                Event::GeneralRef(reference) => {
                    let resolved = match reference.resolve_char_ref() {
                        Ok(Some(ch)) => ch.to_string(),
                        Ok(None) => {
                            let name = reference.xml10_content();
                            quick_xml::escape::resolve_predefined_entity(&name)
                                .map(str::to_string)
                                .ok_or_else(|| {
                                    syntax(position, format!("unknown entity &{name};"))
                                })?
                        }
                        Err(e) => return Err(syntax(position, e.to_string())),
                    };
                    if capture != Capture::None {
                        captured.push_str(&resolved);
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
        if !seen_root {
            return Err(syntax(index.position(0), "no <srx> element".into()));
        }
        if depth != 0 {
            return Err(syntax(
                index.position(text.len() as u64),
                "unexpected end of file".into(),
            ));
        }
        for map in &document.language_maps {
            if !document
                .language_rules
                .iter()
                .any(|rule| rule.name == map.rule_name)
            {
                return Err(SegmentError::UndefinedLanguageRule {
                    position: map.position,
                    name: map.rule_name.clone(),
                });
            }
        }
        Ok(document)
    }
}

fn push_rule(document: &mut SrxDocument, rule: SrxRule) {
    if let Some(language_rule) = document.language_rules.last_mut() {
        language_rule.rules.push(rule);
    }
}

fn local_name(element: &BytesStart<'_>) -> String {
    element.local_name().as_ref().to_string()
}

fn read_attributes(
    element: &BytesStart<'_>,
    position: Position,
    limits: &Limits,
) -> Result<Vec<(String, String)>, SegmentError> {
    let mut out = Vec::new();
    for attribute in element.attributes() {
        let attribute = attribute.map_err(|e| SegmentError::SrxSyntax {
            position,
            message: e.to_string(),
        })?;
        let exceeded = |exceeded| SegmentError::Limit { position, exceeded };
        limits
            .check(Limit::Attributes, out.len() + 1)
            .map_err(exceeded)?;
        limits
            .check(Limit::AttributeBytes, attribute.value.len())
            .map_err(exceeded)?;
        let key = attribute.key.local_name().as_ref().to_string();
        let value = attribute
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|e| SegmentError::SrxSyntax {
                position,
                message: e.to_string(),
            })?
            .into_owned();
        out.push((key, value));
    }
    Ok(out)
}
