//! `werkbank align`

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use werkbank_align::{align_texts_with_progress, AlignOptions, Dictionary};
use werkbank_segment::Segmenter;
use werkbank_tm::tmx::{TmxHeader, TmxUnit, TmxWriter};

use crate::output::Output;
use crate::tm::{open_sqlite, LanguageArgs};
use crate::CliError;

/// Output formats of `werkbank align`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AlignFormat {
    /// TMX 1.4b with a unit per 1-1 bead (and per merged bead with --merged).
    Tmx,
    /// {"source_segments":[..],"target_segments":[..],"beads":[{"source":[i..],"target":[j..],"score":F}]}
    Json,
    /// One line per bead: source, target, score, tab-separated.
    Tsv,
}

/// Align a document with its translation, sentence by sentence.
#[derive(Debug, Args)]
pub struct AlignArgs {
    /// The source document (UTF-8 text; paragraphs separated by blank lines).
    #[arg(long, value_name = "FILE")]
    source: PathBuf,
    /// The translated document.
    #[arg(long, value_name = "FILE")]
    target: PathBuf,
    #[command(flatten)]
    languages: LanguageArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = AlignFormat::Tmx)]
    format: AlignFormat,
    /// A bilingual dictionary in hunalign's format (`target @ source` per line).
    #[arg(long, value_name = "FILE")]
    dictionary: Option<PathBuf>,
    /// Also import the beads whose score is at least --min-score into this translation memory.
    #[arg(long = "tm", value_name = "DB")]
    tm: Option<PathBuf>,
    /// Lowest bead score imported with --tm (0 to 1).
    #[arg(long, default_value_t = 0.3)]
    min_score: f64,
    /// Include beads of several sentences (2-1, 1-2, ...) as merged units in TMX and the memory.
    #[arg(long)]
    merged: bool,
    /// Write here instead of standard output; the file appears only when complete.
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    output: Option<PathBuf>,
}

pub fn run(args: AlignArgs) -> Result<(), CliError> {
    let source_lang = args
        .languages
        .source_lang
        .parse()
        .map_err(|e| CliError::usage(format!("--source-lang: {e}")))?;
    let target_lang = args
        .languages
        .target_lang
        .parse()
        .map_err(|e| CliError::usage(format!("--target-lang: {e}")))?;
    let source_segmenter =
        Segmenter::builtin(&source_lang).map_err(|e| CliError::usage(e.to_string()))?;
    let target_segmenter =
        Segmenter::builtin(&target_lang).map_err(|e| CliError::usage(e.to_string()))?;
    let mut options = AlignOptions::default();
    if let Some(path) = &args.dictionary {
        options.dictionary = Some(Dictionary::parse(&crate::input::read_text(path)?));
    }
    let source_text = crate::input::read_text(&args.source)?;
    let target_text = crate::input::read_text(&args.target)?;
    let progress = crate::progress::bar("aligning", "paragraphs");
    let alignment = align_texts_with_progress(
        &source_text,
        &target_text,
        &source_segmenter,
        &target_segmenter,
        &options,
        &mut crate::progress::reporter(&progress),
    )
    .map_err(|e| CliError::new(e.to_string()))?;
    progress.finish_and_clear();

    let name = crate::output::output_name(args.output.as_deref());
    let io = |e: std::io::Error| CliError::new(format!("{name}: {e}"));
    let mut out = Output::open(args.output.as_deref())?;
    match args.format {
        AlignFormat::Json => {
            let beads: Vec<serde_json::Value> = alignment
                .beads
                .iter()
                .map(|b| {
                    serde_json::json!({
                        "source": b.source.clone().collect::<Vec<_>>(),
                        "target": b.target.clone().collect::<Vec<_>>(),
                        "score": (b.score * 1000.0).round() / 1000.0,
                    })
                })
                .collect();
            let value = serde_json::json!({
                "source_segments": alignment.source_segments,
                "target_segments": alignment.target_segments,
                "beads": beads,
            });
            writeln!(out, "{value}").map_err(io)?;
        }
        AlignFormat::Tsv => {
            for bead in &alignment.beads {
                let (s, t) = alignment.bead_text(bead);
                let clean = |x: &str| x.replace(['\t', '\n', '\r'], " ");
                writeln!(out, "{}\t{}\t{:.3}", clean(&s), clean(&t), bead.score).map_err(io)?;
            }
        }
        AlignFormat::Tmx => {
            let header = TmxHeader::for_source_language(&args.languages.source_lang);
            let mut writer = TmxWriter::new(&mut out, &header).map_err(io)?;
            for unit in alignment.translation_units(&source_lang, &target_lang, 0.0, args.merged) {
                writer
                    .write_unit(&TmxUnit::from_translation_unit(&unit))
                    .map_err(io)?;
            }
            writer.finish().map_err(io)?;
        }
    }
    if let Some(path) = &args.tm {
        let mut memory = open_sqlite(path, Some(&args.languages))?;
        if memory.source_language() != &source_lang || memory.target_language() != &target_lang {
            return Err(CliError::new(format!(
                "{}: the memory is {}→{}, the documents {}→{}",
                path.display(),
                memory.source_language(),
                memory.target_language(),
                source_lang,
                target_lang
            )));
        }
        let selected =
            alignment.translation_units(&source_lang, &target_lang, args.min_score, args.merged);
        let count = selected.len();
        memory
            .add_all(selected)
            .map_err(|e| CliError::new(format!("{}: {e}", path.display())))?;
        eprintln!(
            "werkbank: {count} aligned pairs with score ≥ {} imported into {}",
            args.min_score,
            path.display()
        );
    }
    out.finish()
}
