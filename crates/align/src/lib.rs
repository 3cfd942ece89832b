//! werkbank-align: aligning a document with its translation into sentence pairs, to seed a
//! translation memory from old bilingual documents.
//!
//! Both sides are segmented (paragraphs first when both have them), then beads of one to three
//! segments on each side are chosen by dynamic programming within a band around the diagonal.
//! A bead's cost combines Gale and Church's length model (priors 1-1 0.89, 1-0/0-1 0.0099,
//! 2-1 and 1-2 0.06 each, 2-2 0.011, 3-1/1-3 0.005; a run of insertions or deletions pays the
//! prior once and 2.5 nats per further segment), lexical anchors both sides share (numbers, names
//! and cognates, URLs, inline codes, punctuation that survives translation) and, when given, a
//! bilingual dictionary in hunalign's format.
//!
//! ```
//! use werkbank_align::{align_segments, AlignOptions};
//!
//! let german = ["Die Hütte liegt auf 2450 m.", "Sie ist im Sommer geöffnet.", "Anmeldung beim Hüttenwart."];
//! let english = ["The hut lies at 2450 m.", "It is open in summer.", "Book with the warden."];
//! let beads = align_segments(&german, &english, &AlignOptions::default());
//! let pairs: Vec<_> = beads.iter().map(|b| (b.source.clone(), b.target.clone())).collect();
//! assert_eq!(pairs, [(0..1, 0..1), (1..2, 1..2), (2..3, 2..3)]);
//! ```

#![deny(missing_docs)]
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

mod anchors;
mod dictionary;
mod dp;
mod length;
pub mod score;

use std::ops::Range;

pub use anchors::{AnchorTable, Anchors};
pub use dictionary::{words, Dictionary, Lexicon};

/// One bead: source segments `source` aligned with target segments `target` (either may be
/// empty), with a confidence from 0 to 1.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Bead {
    /// Indices of the source segments.
    pub source: Range<usize>,
    /// Indices of the target segments.
    pub target: Range<usize>,
    /// Confidence, 0 to 1.
    pub score: f64,
}

/// Settings of the aligner.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct AlignOptions {
    /// Half-width of the band around the diagonal, in segments (doubled as needed).
    pub band: usize,
    /// Weight of shared anchors, in the unit of the length cost (nats).
    pub anchor_weight: f64,
    /// Weight of dictionary matches.
    pub dictionary_weight: f64,
    /// Cost added when both sides of a bead have anchors and share none.
    pub mismatch_penalty: f64,
    /// Prior probability of each of the 3-1 and 1-3 shapes.
    pub three_prior: f64,
    /// Cost added to an inserted or dropped segment besides its prior.
    pub gap_cost: f64,
    /// Cost of each further inserted (or dropped) segment in a run of them.
    pub gap_extension: f64,
    /// Taken off the cost of dropping (or inserting) a segment that repeats an earlier segment
    /// of its document: a duplicated headline that a translator left out.
    pub duplicate_gap_discount: f64,
    /// Taken off the cost of dropping (or inserting) a very short segment in capitals without
    /// digits (at most two words and 24 characters: "COMMENTS", "ANZEIGE"), which is more often
    /// a web page's boilerplate than a sentence merged into its neighbour.
    pub short_gap_discount: f64,
    /// A bilingual dictionary, source word → target words.
    pub dictionary: Option<Dictionary>,
    /// Without a dictionary, learn one from a first pass and align again (hunalign's method).
    pub learn_dictionary: bool,
}

impl Default for AlignOptions {
    fn default() -> Self {
        Self {
            band: 40,
            anchor_weight: 6.0,
            dictionary_weight: 4.0,
            mismatch_penalty: 0.75,
            three_prior: 0.005,
            gap_cost: 0.0,
            gap_extension: 2.5,
            duplicate_gap_discount: 2.0,
            short_gap_discount: 3.0,
            dictionary: None,
            learn_dictionary: true,
        }
    }
}

impl AlignOptions {
    /// These options with a bilingual dictionary whose word pairs count as anchors.
    pub fn with_dictionary(mut self, dictionary: Dictionary) -> Self {
        self.dictionary = Some(dictionary);
        self
    }

    /// These options with (or without) a dictionary learnt from the pairs found on a first
    /// pass.
    pub fn with_learnt_dictionary(mut self, learn: bool) -> Self {
        self.learn_dictionary = learn;
        self
    }
}

/// What the dynamic programming asks of the cost model.
pub trait BeadCost {
    /// The cost of aligning source `i..i + a` with target `j..j + b`.
    fn cost(&mut self, i: usize, j: usize, a: usize, b: usize) -> f64;
    /// A confidence from 0 to 1 for the chosen bead of source `i..i + a` and target `j..j + b`.
    fn confidence(&mut self, i: usize, j: usize, a: usize, b: usize) -> f64;
    /// The cost of one more inserted or dropped segment right after another.
    fn gap_extension(&self) -> f64;
}

fn prior(a: usize, b: usize, three: f64) -> f64 {
    match (a, b) {
        (1, 1) => 0.89,
        (1, 0) | (0, 1) => 0.0099 / 2.0,
        // Gale and Church give 0.089 for both together; on the Text+Berg dev document 0.06 each
        // aligned better (translators of these texts merge and split often).
        (2, 1) | (1, 2) => 0.06,
        (2, 2) => 0.011,
        _ => three,
    }
}

struct Side {
    lengths: Vec<usize>,
    anchors: Vec<Anchors>,
    words: Vec<Vec<String>>,
    /// Per segment: what dropping (or inserting) it costs less than another segment.
    gap_discounts: Vec<f64>,
    /// Per segment: it repeats an earlier segment of its document.
    repeats: Vec<bool>,
}

/// How far back a repetition is looked for: a headline repeated under itself, a line pasted
/// twice. Text that comes back farther away (a refrain, a caption) is left to the other costs.
const REPEAT_WINDOW: usize = 3;

/// Which segments repeat one of the few before them (white space normalised).
fn repeats(segments: &[(&str, usize)]) -> Vec<bool> {
    let normalised: Vec<String> = segments
        .iter()
        .map(|(s, _)| s.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    normalised
        .iter()
        .enumerate()
        .map(|(index, text)| {
            !text.is_empty()
                && normalised
                    .get(index.saturating_sub(REPEAT_WINDOW)..index)
                    .is_some_and(|before| before.contains(text))
        })
        .collect()
}

/// What dropping each segment costs less: repeated segments and very short ones without digits.
fn gap_discounts(segments: &[(&str, usize)], options: &AlignOptions) -> Vec<f64> {
    let normalised: Vec<String> = segments
        .iter()
        .map(|(s, _)| s.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    let repeated = repeats(segments);
    normalised
        .iter()
        .zip(repeated)
        .map(|(text, repeated)| {
            if text.is_empty() {
                return 0.0;
            }
            let mut discount = 0.0;
            // The repetition, not the first occurrence, is what a translator leaves out.
            if repeated {
                discount += options.duplicate_gap_discount;
            }
            let letters = text.chars().filter(|c| c.is_alphabetic()).count();
            let shouted = letters >= 3
                && text.chars().all(|c| !c.is_alphabetic() || c.is_uppercase())
                && text.split_whitespace().count() <= 2
                && text.chars().filter(|c| !c.is_whitespace()).count() <= 24
                && !text.chars().any(|c| c.is_ascii_digit());
            if shouted {
                discount += options.short_gap_discount;
            }
            discount
        })
        .collect()
}

impl Side {
    /// `segments` as (text, number of inline codes).
    fn new(segments: &[(&str, usize)], table: &mut AnchorTable, options: &AlignOptions) -> Self {
        Self {
            gap_discounts: gap_discounts(segments, options),
            repeats: repeats(segments),
            lengths: segments
                .iter()
                .map(|(s, _)| s.chars().filter(|c| !c.is_whitespace()).count())
                .collect(),
            anchors: segments
                .iter()
                .map(|(s, codes)| Anchors::of(s, *codes, table))
                .collect(),
            words: segments.iter().map(|(s, _)| words(s)).collect(),
        }
    }

    fn length(&self, range: Range<usize>) -> usize {
        self.lengths.get(range).map_or(0, |l| l.iter().sum())
    }

    fn anchors(&self, range: Range<usize>) -> Anchors {
        let parts: Vec<&Anchors> = self
            .anchors
            .get(range)
            .map(|a| a.iter().collect())
            .unwrap_or_default();
        Anchors::combined(&parts)
    }
}

struct Model<'a> {
    source: Side,
    target: Side,
    ratio: f64,
    options: &'a AlignOptions,
    lexicon: Option<Lexicon>,
}

impl Model<'_> {
    /// What merging costs extra for the repeated or boilerplate segments of a bead of several
    /// that share nothing (no anchor, no dictionary word) with the other side: such a segment
    /// is more likely left out than translated together with its neighbour.
    fn unsupported_members(&mut self, i: usize, j: usize, a: usize, b: usize) -> f64 {
        let mut extra = 0.0;
        let target_anchors = self.target.anchors(j..j + b);
        for k in i..i + a {
            let discount = self.source.gap_discounts.get(k).copied().unwrap_or(0.0);
            // A repetition's words are the first occurrence's: they prove nothing here.
            let repeated = self.source.repeats.get(k).copied().unwrap_or(false);
            let unsupported = repeated
                || (self.source.anchors(k..k + 1).shared(&target_anchors).0 == 0
                    && self
                        .lexicon
                        .as_mut()
                        .is_none_or(|l| l.matches(k..k + 1, j..j + b).0 == 0));
            if discount > 0.0 && unsupported {
                extra += discount;
            }
        }
        let source_anchors = self.source.anchors(i..i + a);
        for k in j..j + b {
            let discount = self.target.gap_discounts.get(k).copied().unwrap_or(0.0);
            let repeated = self.target.repeats.get(k).copied().unwrap_or(false);
            let unsupported = repeated
                || (self.target.anchors(k..k + 1).shared(&source_anchors).0 == 0
                    && self
                        .lexicon
                        .as_mut()
                        .is_none_or(|l| l.matches(i..i + a, k..k + 1).0 == 0));
            if discount > 0.0 && unsupported {
                extra += discount;
            }
        }
        extra
    }
}

impl BeadCost for Model<'_> {
    fn cost(&mut self, i: usize, j: usize, a: usize, b: usize) -> f64 {
        let source_length = self.source.length(i..i + a);
        let target_length = self.target.length(j..j + b);
        // An inserted or dropped sentence costs its prior only: its length says nothing about
        // whether it has a counterpart.
        let length_cost = if a == 0 || b == 0 {
            // A repeated or very short segment is more often left out than merged.
            let discount: f64 = self
                .source
                .gap_discounts
                .get(i..i + a)
                .into_iter()
                .flatten()
                .chain(
                    self.target
                        .gap_discounts
                        .get(j..j + b)
                        .into_iter()
                        .flatten(),
                )
                .sum();
            self.options.gap_cost - discount
        } else {
            length::cost(source_length, target_length, self.ratio)
        };
        let mut cost = -prior(a, b, self.options.three_prior).ln() + length_cost;
        if a > 0 && b > 0 {
            let (shared, total) = self
                .source
                .anchors(i..i + a)
                .shared(&self.target.anchors(j..j + b));
            if total > 0 {
                cost -=
                    self.options.anchor_weight * 2.0 * f64::from(shared) / (f64::from(total) + 2.0);
            }
            if shared == 0 && total >= 4 {
                cost += self.options.mismatch_penalty * f64::from(total.min(12)) / 4.0;
            }
            if let Some(lexicon) = &mut self.lexicon {
                let (found, known) = lexicon.matches(i..i + a, j..j + b);
                cost -=
                    self.options.dictionary_weight * f64::from(found) / (f64::from(known) + 1.0);
            }
            if a > 1 || b > 1 {
                cost += self.unsupported_members(i, j, a, b);
            }
        }
        cost
    }

    fn gap_extension(&self) -> f64 {
        self.options.gap_extension
    }

    fn confidence(&mut self, i: usize, j: usize, a: usize, b: usize) -> f64 {
        if a == 0 || b == 0 {
            return 0.0;
        }
        // How well the lengths fit, how many anchors agree, and how common the shape is.
        let fit = (-length::cost(
            self.source.length(i..i + a),
            self.target.length(j..j + b),
            self.ratio,
        ) / 4.0)
            .exp();
        let (shared, total) = self
            .source
            .anchors(i..i + a)
            .shared(&self.target.anchors(j..j + b));
        let agreement = if total == 0 {
            0.5
        } else {
            2.0 * f64::from(shared) / f64::from(total)
        };
        let shape = match (a, b) {
            (1, 1) => 1.0,
            (2, 1) | (1, 2) => 0.9,
            _ => 0.8,
        };
        ((shape * fit * (0.5 + 0.5 * agreement)) * 1000.0).round() / 1000.0
    }
}

/// Aligns two lists of segments.
pub fn align_segments(source: &[&str], target: &[&str], options: &AlignOptions) -> Vec<Bead> {
    let source: Vec<(&str, usize)> = source.iter().map(|s| (*s, 0)).collect();
    let target: Vec<(&str, usize)> = target.iter().map(|s| (*s, 0)).collect();
    align_with_codes(&source, &target, options)
}

/// Aligns two lists of segments with inline codes; the codes count as anchors (a segment with
/// two codes is more likely the translation of one with two codes).
///
/// ```
/// use werkbank_model::{Content, InlineCode};
/// use werkbank_align::{align_contents, AlignOptions};
///
/// let mut bold = Content::from_text("Drücken Sie ");
/// bold.push_code(InlineCode::opening("1"));
/// bold.push_text("Start");
/// bold.push_code(InlineCode::closing("1"));
/// let mut target = Content::from_text("Press ");
/// target.push_code(InlineCode::opening("1"));
/// target.push_text("Start");
/// target.push_code(InlineCode::closing("1"));
/// let beads = align_contents(&[bold], &[target], &AlignOptions::default());
/// assert_eq!((beads[0].source.clone(), beads[0].target.clone()), (0..1, 0..1));
/// ```
pub fn align_contents(
    source: &[werkbank_model::Content],
    target: &[werkbank_model::Content],
    options: &AlignOptions,
) -> Vec<Bead> {
    let source: Vec<(&str, usize)> = source
        .iter()
        .map(|c| (c.plain_text(), c.codes().len()))
        .collect();
    let target: Vec<(&str, usize)> = target
        .iter()
        .map(|c| (c.plain_text(), c.codes().len()))
        .collect();
    align_with_codes(&source, &target, options)
}

fn align_with_codes(
    source: &[(&str, usize)],
    target: &[(&str, usize)],
    options: &AlignOptions,
) -> Vec<Bead> {
    let mut table = AnchorTable::default();
    let source_side = Side::new(source, &mut table, options);
    let target_side = Side::new(target, &mut table, options);
    let total_source = source_side.length(0..source.len()).max(1);
    let total_target = target_side.length(0..target.len()).max(1);
    let ratio = (total_target as f64 / total_source as f64).clamp(0.5, 2.0);
    let lexicon = options
        .dictionary
        .as_ref()
        .map(|d| Lexicon::new(d, &source_side.words, &target_side.words));
    let mut model = Model {
        source: source_side,
        target: target_side,
        ratio,
        options,
        lexicon,
    };
    let beads = dp::align(source.len(), target.len(), options.band, &mut model);
    if !options.learn_dictionary || options.dictionary.is_some() {
        return beads;
    }
    // Second pass, as hunalign does without a dictionary: learn word pairs from the confident
    // 1-1 beads of the first and align again with them.
    let confident = beads
        .iter()
        .filter(|b| b.source.len() == 1 && b.target.len() == 1 && b.score >= 0.5);
    let pairs = confident.filter_map(|b| {
        Some((
            model.source.words.get(b.source.start)?.as_slice(),
            model.target.words.get(b.target.start)?.as_slice(),
        ))
    });
    let learned = Dictionary::learn(pairs, 2, 0.7);
    if learned.is_empty() {
        return beads;
    }
    let lexicon = Lexicon::new(&learned, &model.source.words, &model.target.words);
    let centers = dp::path_centers(&beads, source.len());
    let mut model = Model {
        lexicon: Some(lexicon),
        ..model
    };
    dp::align_around(source.len(), target.len(), 10, &centers, &mut model)
}

/// Two documents split into segments and aligned.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct TextAlignment {
    /// The source document's segments.
    pub source_segments: Vec<String>,
    /// The target document's segments.
    pub target_segments: Vec<String>,
    /// Every segment of both sides in exactly one bead, in order.
    pub beads: Vec<Bead>,
}

impl TextAlignment {
    /// A translation unit for every 1-1 bead whose score is at least `min_score`, and with
    /// `merged` also for beads of several segments on a side (their segments joined with a
    /// space). Insertions and deletions give none.
    pub fn translation_units(
        &self,
        source_language: &werkbank_model::LanguageTag,
        target_language: &werkbank_model::LanguageTag,
        min_score: f64,
        merged: bool,
    ) -> Vec<werkbank_model::TranslationUnit> {
        self.beads
            .iter()
            .filter(|b| !b.source.is_empty() && !b.target.is_empty() && b.score >= min_score)
            .filter(|b| merged || (b.source.len() == 1 && b.target.len() == 1))
            .map(|bead| {
                let (source, target) = self.bead_text(bead);
                werkbank_model::TranslationUnit::new(
                    source_language.clone(),
                    target_language.clone(),
                    werkbank_model::Content::from_text(source),
                    werkbank_model::Content::from_text(target),
                )
            })
            .collect()
    }

    /// The text of a bead's source and target segments, each side joined with a space.
    pub fn bead_text(&self, bead: &Bead) -> (String, String) {
        let join = |segments: &[String], range: &Range<usize>| {
            segments
                .get(range.clone())
                .map(|s| s.join(" "))
                .unwrap_or_default()
        };
        (
            join(&self.source_segments, &bead.source),
            join(&self.target_segments, &bead.target),
        )
    }
}

/// Paragraphs: runs of text separated by blank lines.
fn paragraphs(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut offset = 0;
    let mut last_end = 0;
    for line in text.split_inclusive('\n') {
        let blank = line.trim().is_empty();
        match (blank, start) {
            (false, None) => start = Some(offset),
            (true, Some(s)) => {
                out.push(text.get(s..last_end).unwrap_or(""));
                start = None;
            }
            _ => {}
        }
        offset += line.len();
        if !blank {
            last_end = offset;
        }
    }
    if let Some(s) = start {
        out.push(text.get(s..last_end).unwrap_or(""));
    }
    out
}

/// Splits `text` into sentences with `segmenter`.
fn sentences(
    text: &str,
    segmenter: &werkbank_segment::Segmenter,
) -> Result<Vec<String>, werkbank_segment::SegmentError> {
    Ok(segmenter
        .split(text)?
        .iter()
        .map(|span| span.text(text).to_string())
        .collect())
}

/// Aligns two documents: paragraphs first when both have more than one, then the sentences
/// within each aligned group of paragraphs.
///
/// ```
/// use werkbank_segment::Segmenter;
/// use werkbank_align::{align_texts, AlignOptions};
///
/// let de = Segmenter::builtin(&"de".parse()?)?;
/// let en = Segmenter::builtin(&"en".parse()?)?;
/// let alignment = align_texts(
///     "Der Zug fährt um 8 Uhr. Er hält in Basel.\n\nFahrkarten gibt es am Schalter.\n",
///     "The train leaves at 8. It stops in Basel.\n\nTickets are sold at the counter.\n",
///     &de, &en, &AlignOptions::default(),
/// )?;
/// assert_eq!(alignment.beads.len(), 3);
/// assert_eq!(alignment.bead_text(&alignment.beads[1]).1, "It stops in Basel.");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn align_texts(
    source_text: &str,
    target_text: &str,
    source: &werkbank_segment::Segmenter,
    target: &werkbank_segment::Segmenter,
    options: &AlignOptions,
) -> Result<TextAlignment, werkbank_segment::SegmentError> {
    align_texts_with_progress(
        source_text,
        target_text,
        source,
        target,
        options,
        &mut |_, _| {},
    )
}

/// [`align_texts`], calling `progress` with (source paragraphs aligned, source paragraphs in
/// all) after each group of paragraphs, for a progress display.
pub fn align_texts_with_progress(
    source_text: &str,
    target_text: &str,
    source: &werkbank_segment::Segmenter,
    target: &werkbank_segment::Segmenter,
    options: &AlignOptions,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<TextAlignment, werkbank_segment::SegmentError> {
    let source_paragraphs = paragraphs(source_text);
    let target_paragraphs = paragraphs(target_text);
    progress(0, source_paragraphs.len());
    let paragraph_beads = if source_paragraphs.len() > 1 && target_paragraphs.len() > 1 {
        align_segments(&source_paragraphs, &target_paragraphs, options)
    } else {
        vec![Bead {
            source: 0..source_paragraphs.len(),
            target: 0..target_paragraphs.len(),
            score: 1.0,
        }]
    };
    let mut result = TextAlignment {
        source_segments: Vec::new(),
        target_segments: Vec::new(),
        beads: Vec::new(),
    };
    for group in paragraph_beads {
        let mut source_sentences = Vec::new();
        for paragraph in source_paragraphs.get(group.source.clone()).unwrap_or(&[]) {
            source_sentences.extend(sentences(paragraph, source)?);
        }
        let mut target_sentences = Vec::new();
        for paragraph in target_paragraphs.get(group.target.clone()).unwrap_or(&[]) {
            target_sentences.extend(sentences(paragraph, target)?);
        }
        let source_refs: Vec<&str> = source_sentences.iter().map(String::as_str).collect();
        let target_refs: Vec<&str> = target_sentences.iter().map(String::as_str).collect();
        let (source_base, target_base) =
            (result.source_segments.len(), result.target_segments.len());
        for bead in align_segments(&source_refs, &target_refs, options) {
            result.beads.push(Bead {
                source: bead.source.start + source_base..bead.source.end + source_base,
                target: bead.target.start + target_base..bead.target.end + target_base,
                score: bead.score.min(group.score.max(0.05)),
            });
        }
        result.source_segments.extend(source_sentences);
        result.target_segments.extend(target_sentences);
        progress(group.source.end, source_paragraphs.len());
    }
    Ok(result)
}
