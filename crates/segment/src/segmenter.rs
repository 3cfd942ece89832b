//! The `Segmenter`: one entry point over the built-in rules and the SRX engine.

use std::io::BufRead;

use serde::{Deserialize, Serialize};
use werkbank_model::LanguageTag;

use crate::builtin::{BuiltinRules, Language};
use crate::srx::{FormatHandling, SrxDocument, SrxRules};
use crate::text::{lines, trim_range};
use crate::SegmentError;

/// One segment of a text: byte offsets into the text and the paragraph it belongs to.
///
/// `start..end` never begins or ends with white space; the white space between two segments
/// belongs to neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SegmentSpan {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset just past the last byte.
    pub end: usize,
    /// 0-based paragraph number; paragraphs are separated by blank lines.
    pub paragraph: usize,
}

impl SegmentSpan {
    /// The segment's text within `text`, the string it was computed from.
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or_default()
    }
}

#[derive(Debug)]
enum Engine {
    Builtin(BuiltinRules),
    Srx(Box<SrxRules>),
}

/// Splits text into sentences.
///
/// Every line break ends a segment with the built-in rules, and a blank line starts a new
/// paragraph with either kind of rules.
///
/// # Example
/// ```
/// use werkbank_segment::Segmenter;
///
/// let segmenter = Segmenter::builtin(&"de".parse()?)?;
/// let text = "Das Treffen ist am 3. Oktober um 10 Uhr. Bitte bringen Sie z. B. Ihren Ausweis mit.";
/// let segments: Vec<&str> = segmenter.segments(text).collect();
/// assert_eq!(
///     segments,
///     ["Das Treffen ist am 3. Oktober um 10 Uhr.", "Bitte bringen Sie z. B. Ihren Ausweis mit."]
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct Segmenter {
    engine: Engine,
    language: String,
}

/// A literal for a Java regular expression: every character that is not a letter or digit is
/// escaped.
fn java_quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    for c in text.chars() {
        if !c.is_alphanumeric() && !c.is_whitespace() {
            out.push('\\');
        }
        if c.is_whitespace() {
            out.push_str("\\s+");
        } else {
            out.push(c);
        }
    }
    out
}

/// Counts paragraphs across the pieces of a text that is segmented piece by piece.
#[derive(Debug, Clone, Copy, Default)]
struct ParagraphState {
    paragraph: usize,
    seen_text: bool,
    pending_blank: bool,
}

/// How a [`Segmenter`] splits, besides its rules.
///
/// ```
/// use werkbank_segment::{Segmenter, SegmenterOptions};
///
/// let de = "de".parse()?;
/// let text = "„Wir kommen. Bald.“, sagte sie. Wir wohnen in der Goethestr. 12.";
/// // By default a quotation is split at its sentence ends, as translation memories hold it.
/// let split: Vec<&str> = Segmenter::builtin(&de)?.segments(text).collect();
/// assert_eq!(split, ["„Wir kommen.", "Bald.“, sagte sie.", "Wir wohnen in der Goethestr. 12."]);
/// // Kept whole when a reporting clause follows it, on request.
/// let options = SegmenterOptions::default().keep_quotations(true);
/// let kept: Vec<&str> = Segmenter::builtin_with(&de, &options)?.segments(text).collect();
/// assert_eq!(kept, ["„Wir kommen. Bald.“, sagte sie.", "Wir wohnen in der Goethestr. 12."]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct SegmenterOptions {
    /// Keep a quotation whole when the sentence goes on after it ("„A. B“, sagte er." as one
    /// segment); by default it is split at its sentence ends, as Trados, memoQ, OmegaT and the
    /// SRX rule sets do. Built-in rules only.
    pub keep_quotations: bool,
    /// More abbreviations after which a sentence does not end (written with or without the
    /// final full stop: `Goethestr.`, `Bsp`, `rer. nat.`).
    pub abbreviations: Vec<String>,
}

impl SegmenterOptions {
    /// Sets [`SegmenterOptions::keep_quotations`].
    pub fn keep_quotations(mut self, keep: bool) -> Self {
        self.keep_quotations = keep;
        self
    }

    /// Adds abbreviations (see [`SegmenterOptions::abbreviations`]).
    pub fn with_abbreviations<I, T>(mut self, abbreviations: I) -> Self
    where
        I: IntoIterator<Item = T>,
        T: Into<String>,
    {
        self.abbreviations
            .extend(abbreviations.into_iter().map(Into::into));
        self
    }

    /// Reads abbreviations from a file's text: one per line; blank lines and lines starting
    /// with `#` are skipped.
    pub fn with_abbreviation_list(self, text: &str) -> Self {
        self.with_abbreviations(
            text.lines()
                .map(str::trim)
                .filter(|line| !line.is_empty() && !line.starts_with('#')),
        )
    }

    /// Every abbreviation as the rules look it up: each word without its final full stop.
    fn abbreviation_words(&self) -> Vec<String> {
        let mut out = Vec::new();
        for entry in &self.abbreviations {
            let whole = entry.trim().trim_end_matches('.');
            if whole.is_empty() {
                continue;
            }
            out.push(whole.to_string());
            if whole.contains(char::is_whitespace) {
                out.extend(
                    whole
                        .split_whitespace()
                        .map(|w| w.trim_end_matches('.').to_string())
                        .filter(|w| !w.is_empty()),
                );
            }
        }
        out
    }
}

impl Segmenter {
    /// The built-in rules for German (`de`) or English (`en`), chosen by the primary language.
    pub fn builtin(language: &LanguageTag) -> Result<Self, SegmentError> {
        Self::builtin_with(language, &SegmenterOptions::default())
    }

    /// The built-in rules with options.
    pub fn builtin_with(
        language: &LanguageTag,
        options: &SegmenterOptions,
    ) -> Result<Self, SegmentError> {
        let rules = match language.primary_language() {
            "de" => Language::German,
            "en" => Language::English,
            _ => {
                return Err(SegmentError::UnsupportedLanguage {
                    language: language.to_string(),
                })
            }
        };
        Ok(Self {
            engine: Engine::Builtin(BuiltinRules::new(
                rules,
                options.keep_quotations,
                &options.abbreviation_words(),
            )),
            language: language.to_string(),
        })
    }

    /// Rules from an SRX 2.0 document, for the language code `language` as the file's
    /// `languagemap` patterns expect it (`de`, `de-DE`, or LanguageTool's `de_two`).
    pub fn from_srx(srx: &str, language: &str) -> Result<Self, SegmentError> {
        let document = SrxDocument::parse(srx)?;
        Self::from_srx_document(&document, language)
    }

    /// Rules from an SRX 2.0 document with options: each added abbreviation becomes a no-break
    /// rule in front of every language rule (`\bABBR\.` before, white space after), as
    /// SRX-based tools add them.
    pub fn from_srx_with(
        srx: &str,
        language: &str,
        options: &SegmenterOptions,
    ) -> Result<Self, SegmentError> {
        let mut document = SrxDocument::parse(srx)?;
        let words = options.abbreviation_words();
        if !words.is_empty() {
            for language_rule in &mut document.language_rules {
                let added = words.iter().map(|word| crate::srx::SrxRule {
                    is_break: false,
                    before: format!("\\b{}\\.", java_quote(word)),
                    after: "\\s".to_string(),
                    position: crate::Position::default(),
                });
                let existing = std::mem::take(&mut language_rule.rules);
                language_rule.rules = added.chain(existing).collect();
            }
        }
        Self::from_srx_document(&document, language)
    }

    /// Rules from an already parsed SRX document.
    pub fn from_srx_document(document: &SrxDocument, language: &str) -> Result<Self, SegmentError> {
        Ok(Self {
            engine: Engine::Srx(Box::new(SrxRules::compile(document, language)?)),
            language: language.to_string(),
        })
    }

    /// The language this segmenter was made for.
    pub fn language(&self) -> &str {
        &self.language
    }

    /// Where inline codes at a break go. The built-in rules use SRX's defaults.
    pub fn format_handling(&self) -> FormatHandling {
        match &self.engine {
            Engine::Builtin(_) => FormatHandling::default(),
            Engine::Srx(rules) => rules.format_handling(),
        }
    }

    /// Splits `text` into segments.
    pub fn split(&self, text: &str) -> Result<Vec<SegmentSpan>, SegmentError> {
        let mut out = Vec::new();
        let mut state = ParagraphState::default();
        self.split_piece(text, 0, &mut state, &mut out)?;
        Ok(out)
    }

    /// Splits bytes that should be UTF-8; invalid UTF-8 is an error that names its byte offset.
    pub fn split_bytes(&self, bytes: &[u8]) -> Result<Vec<SegmentSpan>, SegmentError> {
        let text = std::str::from_utf8(bytes).map_err(|e| SegmentError::InvalidUtf8 {
            offset: e.valid_up_to(),
        })?;
        self.split(text)
    }

    /// The segments of `text` as string slices.
    ///
    /// The SRX engine can fail on a pathological pattern; this convenience method then yields the
    /// whole text as one segment. Use [`split`](Self::split) to see the error.
    pub fn segments<'a>(&self, text: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        let spans = self.split(text).unwrap_or_else(|_| {
            trim_range(text, 0, text.len())
                .map(|(start, end)| SegmentSpan {
                    start,
                    end,
                    paragraph: 0,
                })
                .into_iter()
                .collect()
        });
        spans.into_iter().map(move |span| span.text(text))
    }

    /// Segments everything `reader` yields and hands each segment to `sink` with its text and
    /// its byte offsets in the whole input. Memory holds one line at a time with the built-in
    /// rules and one paragraph at a time with SRX rules, never the whole input.
    pub fn split_reader<R, E>(
        &self,
        mut reader: R,
        mut sink: impl FnMut(&str, SegmentSpan) -> Result<(), E>,
    ) -> Result<(), E>
    where
        R: BufRead,
        E: From<SegmentError>,
    {
        let per_line = matches!(self.engine, Engine::Builtin(_));
        let mut state = ParagraphState::default();
        let mut pending: Vec<u8> = Vec::new();
        let mut pending_base = 0usize;
        let mut read_total = 0usize;
        let mut spans = Vec::new();
        loop {
            let before = pending.len();
            let read = reader
                .read_until(b'\n', &mut pending)
                .map_err(|e| E::from(SegmentError::Io(e)))?;
            read_total += read;
            let line = pending.get(before..).unwrap_or_default();
            let blank = line.iter().all(u8::is_ascii_whitespace);
            let at_end = read == 0;
            if !(at_end || per_line || blank) {
                continue;
            }
            let text = std::str::from_utf8(&pending).map_err(|e| {
                E::from(SegmentError::InvalidUtf8 {
                    offset: pending_base + e.valid_up_to(),
                })
            })?;
            spans.clear();
            self.split_piece(text, pending_base, &mut state, &mut spans)
                .map_err(E::from)?;
            for span in &spans {
                let local = text
                    .get(span.start - pending_base..span.end - pending_base)
                    .unwrap_or_default();
                sink(local, *span)?;
            }
            pending.clear();
            pending_base = read_total;
            if at_end {
                return Ok(());
            }
        }
    }

    /// Segments one piece of a larger text that starts at byte `base` of it. Pieces must end at
    /// line breaks; with SRX rules they must end at paragraph breaks.
    fn split_piece(
        &self,
        text: &str,
        base: usize,
        state: &mut ParagraphState,
        out: &mut Vec<SegmentSpan>,
    ) -> Result<(), SegmentError> {
        let mut block: Option<(usize, usize)> = None;
        for line in lines(text) {
            if line.blank {
                if let Some((start, end)) = block.take() {
                    self.split_block(text, start, end, base, state.paragraph, out)?;
                }
                if state.seen_text {
                    state.pending_blank = true;
                }
                continue;
            }
            if state.pending_blank {
                state.paragraph += 1;
                state.pending_blank = false;
            }
            state.seen_text = true;
            if matches!(self.engine, Engine::Builtin(_)) {
                // The built-in rules end a segment at every line break: no need to gather lines.
                self.split_block(text, line.start, line.end, base, state.paragraph, out)?;
                continue;
            }
            block = Some(match block {
                Some((start, _)) => (start, line.end),
                None => (line.start, line.end),
            });
        }
        if let Some((start, end)) = block {
            self.split_block(text, start, end, base, state.paragraph, out)?;
        }
        Ok(())
    }

    /// Segments the lines `start..end` of one paragraph.
    fn split_block(
        &self,
        text: &str,
        start: usize,
        end: usize,
        base: usize,
        paragraph: usize,
        out: &mut Vec<SegmentSpan>,
    ) -> Result<(), SegmentError> {
        let block = text.get(start..end).unwrap_or_default();
        let offset = base + start;
        let mut ranges = Vec::new();
        match &self.engine {
            Engine::Builtin(rules) => {
                for line in lines(block).filter(|line| !line.blank) {
                    ranges.clear();
                    let line_text = block.get(line.start..line.end).unwrap_or_default();
                    rules.split_line(line_text, &mut ranges);
                    out.extend(ranges.iter().map(|&(s, e)| SegmentSpan {
                        start: offset + line.start + s,
                        end: offset + line.start + e,
                        paragraph,
                    }));
                }
            }
            Engine::Srx(rules) => {
                let mut previous = 0;
                for cut in rules.breaks(block)?.into_iter().chain([block.len()]) {
                    if let Some((s, e)) = trim_range(block, previous, cut) {
                        out.push(SegmentSpan {
                            start: offset + s,
                            end: offset + e,
                            paragraph,
                        });
                    }
                    previous = cut;
                }
            }
        }
        Ok(())
    }
}
