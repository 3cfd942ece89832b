//! `werkbank xliff pretranslate` and `werkbank xliff merge`: the two ends of a translation job.

use std::path::{Path, PathBuf};

use clap::Args;
use werkbank_model::{LanguageTag, ProposalKind};
use werkbank_xliff::merge::merge;
use werkbank_xliff::pretranslate::{
    pretranslate, Outcome, PretranslateError, PretranslateOptions, PretranslateReport,
};

use crate::output::{refuse_same, write_output};
use crate::tm::AnyMemory;
use crate::xliff::{located, read_document};
use crate::CliError;

/// Arguments of `werkbank xliff pretranslate`.
#[derive(Debug, Args)]
pub struct PretranslateArgs {
    /// The translation memory: a SQLite TM or a TMX file.
    #[arg(long = "tm", value_name = "DB|FILE.tmx")]
    tm: PathBuf,
    /// The document's source language, where it names none (or another one: it is corrected,
    /// with a warning). Without it, a document that names none takes the memory's.
    #[arg(long)]
    source_lang: Option<String>,
    /// The document's target language, as --source-lang.
    #[arg(long)]
    target_lang: Option<String>,
    /// Lowest score a match needs to be filled in or offered (0 to 100).
    #[arg(long, default_value_t = 70, value_parser = clap::value_parser!(u8).range(0..=100))]
    min_score: u8,
    /// Most matches offered per segment as candidates (alt-trans / mtc:matches); 0 for none.
    #[arg(long, default_value_t = 3)]
    max_candidates: usize,
    /// Fill targets with the best fuzzy match too, with a state that asks for review.
    #[arg(long)]
    fill_fuzzy: bool,
    /// Replace targets that are there already.
    #[arg(long)]
    overwrite: bool,
    /// Write what was done to each segment as JSON to this file.
    #[arg(long, value_name = "FILE.json")]
    report: Option<PathBuf>,
    /// Write here instead of standard output; the file appears only when complete.
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    output: Option<PathBuf>,
    /// The XLIFF file.
    #[arg(value_name = "FILE")]
    input: PathBuf,
}

/// Arguments of `werkbank xliff merge`.
#[derive(Debug, Args)]
pub struct MergeArgs {
    /// Write here instead of standard output; the file appears only when complete.
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    output: Option<PathBuf>,
    /// The translated XLIFF file (made by `werkbank xliff create`).
    #[arg(value_name = "FILE")]
    input: PathBuf,
}

fn pretranslate_error(path: &Path, error: PretranslateError) -> CliError {
    match error {
        PretranslateError::Xliff(error) => located(path, error),
        PretranslateError::Invalid { findings } => {
            let first = findings
                .first()
                .map(|f| {
                    format!(
                        "{}:{}:{}: {}: {}",
                        path.display(),
                        f.position.line,
                        f.position.column,
                        f.rule,
                        f.message
                    )
                })
                .unwrap_or_default();
            CliError::new(format!(
                "{first} (not valid XLIFF, {} problem(s); `werkbank xliff validate` lists them)",
                findings.len()
            ))
        }
        other => CliError::new(format!("{}: {other}", path.display())),
    }
}

pub fn run_pretranslate(args: PretranslateArgs) -> Result<(), CliError> {
    refuse_same(
        args.report.as_deref(),
        "--report",
        &args.input,
        "the input file",
    )?;
    if let (Some(report), Some(output)) = (&args.report, &args.output) {
        if report == output || crate::output::same_file(report, output) {
            return Err(CliError::usage("--report and -o name the same file"));
        }
    }
    let mut document = read_document(&args.input)?;
    let name = crate::input::input_name(&args.input);
    let findings = werkbank_xliff::validate::validate(&document);
    if let Some(first) = findings.first() {
        // Files from other tools are often not quite valid; pre-translate them anyway and say so.
        eprintln!(
            "werkbank: warning: {name}:{}:{}: {}: {} (not valid XLIFF, {} problem(s); `werkbank \
             xliff validate` lists them); pre-translating anyway",
            first.position.line,
            first.position.column,
            first.rule,
            first.message,
            findings.len()
        );
    }
    let (source, target) = languages(&mut document, &args, &name)?;
    let memory = AnyMemory::open(&args.tm, source.as_ref(), target.as_ref())?;
    // A language the document does not name is the memory's; it is written into the document.
    let (memory_source, memory_target) = memory.languages();
    for (named, from_memory, what) in [
        (&source, memory_source, "source"),
        (&target, memory_target, "target"),
    ] {
        if named.is_none() {
            eprintln!(
                "werkbank: warning: {name}: the document names no {what} language; taken as the \
                 memory's, {from_memory}"
            );
        }
    }
    document.set_languages(
        source.is_none().then(|| memory_source.as_str()),
        target.is_none().then(|| memory_target.as_str()),
    );
    let origin = args
        .tm
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "werkbank".into());
    let options = PretranslateOptions {
        min_score: args.min_score,
        max_candidates: args.max_candidates,
        fill_fuzzy: args.fill_fuzzy,
        overwrite: args.overwrite,
        origin,
        validate: false,
    };
    let progress = crate::progress::bar("pre-translating", "segments");
    let report = pretranslate(
        &mut document,
        memory.as_match_source(),
        &options,
        &mut crate::progress::reporter(&progress),
    )
    .map_err(|e| pretranslate_error(&args.input, e))?;
    progress.finish_and_clear();
    if let Some(path) = &args.report {
        let json = report_json(&report);
        write_output(Some(path), format!("{json}\n").as_bytes())?;
    }
    write_output(args.output.as_deref(), &document.to_bytes())?;
    eprintln!("{}: {}", args.input.display(), summary(&report));
    Ok(())
}

/// The document's languages, with --source-lang/--target-lang supplying or correcting them (the
/// document is changed to say so, with a warning). `None` where neither names one.
fn languages(
    document: &mut werkbank_xliff::Document,
    args: &PretranslateArgs,
    name: &str,
) -> Result<(Option<LanguageTag>, Option<LanguageTag>), CliError> {
    let named = |tag: Option<&str>| -> Result<Option<LanguageTag>, CliError> {
        match tag.filter(|t| !t.trim().is_empty()) {
            None => Ok(None),
            Some(tag) => tag.parse().map(Some).map_err(|e| {
                CliError::new(format!("{name}: the document's language {tag:?}: {e}"))
            }),
        }
    };
    let flag = |value: Option<&str>, flag: &str| -> Result<Option<LanguageTag>, CliError> {
        value
            .map(|v| {
                v.parse()
                    .map_err(|e| CliError::usage(format!("{flag}: {e}")))
            })
            .transpose()
    };
    let mut pair = Vec::new();
    for (in_document, given, what) in [
        (
            named(document.source_language()),
            flag(args.source_lang.as_deref(), "--source-lang")?,
            "source",
        ),
        (
            named(document.target_language()),
            flag(args.target_lang.as_deref(), "--target-lang")?,
            "target",
        ),
    ] {
        let chosen = match (in_document, given) {
            (in_document, None) => in_document?,
            (Ok(Some(in_document)), Some(given)) if in_document == given => Some(given),
            (in_document, Some(given)) => {
                let was = in_document
                    .ok()
                    .flatten()
                    .map_or_else(|| "none".to_string(), |l| l.to_string());
                eprintln!(
                    "werkbank: warning: {name}: the document's {what} language ({was}) taken as {given}"
                );
                let text = given.to_string();
                if what == "source" {
                    document.set_languages(Some(&text), None);
                } else {
                    document.set_languages(None, Some(&text));
                }
                Some(given)
            }
        };
        pair.push(chosen);
    }
    let mut pair = pair.into_iter();
    Ok((pair.next().flatten(), pair.next().flatten()))
}

/// One line: what happened to how many segments.
fn summary(report: &PretranslateReport) -> String {
    let count = |outcome: Outcome| report.count(|o| o == outcome);
    let mut parts = vec![format!("{} segments", report.segments.len())];
    for (number, what) in [
        (
            report.filled(ProposalKind::Context),
            "filled in context (101)",
        ),
        (report.filled(ProposalKind::Exact), "filled exact (100)"),
        (
            report.filled(ProposalKind::Fuzzy),
            "filled fuzzy, to review",
        ),
        (count(Outcome::Offered), "with fuzzy candidates"),
        (
            count(Outcome::CodesNotMapped),
            "offered only (inline codes differ)",
        ),
        (count(Outcome::NoMatch), "without a match"),
        (count(Outcome::AlreadyTranslated), "already translated"),
        (count(Outcome::NotTranslatable), "not to translate"),
    ] {
        if number > 0 {
            parts.push(format!("{number} {what}"));
        }
    }
    parts.join(", ")
}

fn outcome_name(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Filled(ProposalKind::Context) => "filled_context",
        Outcome::Filled(ProposalKind::Exact) => "filled_exact",
        Outcome::Filled(ProposalKind::Fuzzy) => "filled_fuzzy",
        Outcome::Offered => "offered",
        Outcome::CodesNotMapped => "codes_not_mapped",
        Outcome::NoMatch => "no_match",
        Outcome::AlreadyTranslated => "already_translated",
        Outcome::NotTranslatable => "not_translatable",
    }
}

fn report_json(report: &PretranslateReport) -> serde_json::Value {
    let segments: Vec<serde_json::Value> = report
        .segments
        .iter()
        .map(|segment| {
            let mut value = serde_json::json!({
                "unit": segment.unit,
                "segment": segment.segment,
                "source": segment.source.plain_text(),
                "outcome": outcome_name(segment.outcome),
            });
            if let Some(best) = &segment.best {
                value["score"] = best.score.into();
                value["kind"] = serde_json::to_value(best.kind).unwrap_or_default();
                value["proposal"] = best.best_target().plain_text().into();
                if best.numbers_not_adapted {
                    value["numbers_not_adapted"] = true.into();
                }
            }
            if let Some(target) = &segment.target {
                value["target"] = target.plain_text().into();
            }
            value
        })
        .collect();
    serde_json::json!({ "segments": segments })
}

pub fn run_merge(args: MergeArgs) -> Result<(), CliError> {
    let document = read_document(&args.input)?;
    let merged = merge(&document).map_err(|e| located(&args.input, e))?;
    write_output(args.output.as_deref(), merged.text.as_bytes())?;
    if !merged.untranslated.is_empty() {
        eprintln!(
            "werkbank: warning: {}: {} of {} segments are not translated; their source was written",
            args.input.display(),
            merged.untranslated.len(),
            merged.segments
        );
    }
    if !merged.unconfirmed.is_empty() {
        eprintln!(
            "werkbank: warning: {}: {} translated segments still ask for review (state initial or needs-…)",
            args.input.display(),
            merged.unconfirmed.len()
        );
    }
    Ok(())
}
