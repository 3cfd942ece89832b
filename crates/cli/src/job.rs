//! `werkbank xliff pretranslate` and `werkbank xliff merge`: the two ends of a translation job.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use werkbank_job::merge::merge;
use werkbank_job::pretranslate::{
    pretranslate, Outcome, PretranslateOptions, PretranslateSummary, SegmentReport,
};
use werkbank_model::{LanguageTag, ProposalKind};
use werkbank_xliff::stream::document_languages;

use crate::output::{refuse_same, Output};
use crate::tm::AnyMemory;
use crate::xliff::located;
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
    let name = crate::input::input_name(&args.input);
    let flag = |value: Option<&str>, flag: &str| -> Result<Option<LanguageTag>, CliError> {
        value
            .map(|v| {
                v.parse()
                    .map_err(|e| CliError::usage(format!("{flag}: {e}")))
            })
            .transpose()
    };
    let given = (
        flag(args.source_lang.as_deref(), "--source-lang")?,
        flag(args.target_lang.as_deref(), "--target-lang")?,
    );
    // The languages that choose which pair of a TMX is read: from the start of the file (up
    // to its first unit). Standard input is read once, by the job.
    let mut named = (None, None);
    if !crate::output::is_stdio(&args.input) {
        let (source, target) = document_languages(crate::input::open(&args.input)?)
            .map_err(|e| located(&args.input, e))?;
        named = (
            source.and_then(|l| l.parse().ok()),
            target.and_then(|l| l.parse().ok()),
        );
    }
    let memory = AnyMemory::open(
        &args.tm,
        given.0.as_ref().or(named.0.as_ref()),
        given.1.as_ref().or(named.1.as_ref()),
    )?;
    let origin = args
        .tm
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "werkbank".into());
    let options = PretranslateOptions::default()
        .with_min_score(args.min_score)
        .with_max_candidates(args.max_candidates)
        .filling_fuzzy(args.fill_fuzzy)
        .overwriting(args.overwrite)
        .with_origin(origin)
        .with_languages(given.0, given.1);
    let input = crate::input::open(&args.input)?;
    let mut out = Output::open(args.output.as_deref())?;
    let output_name = out.name().to_string();
    let mut report = match &args.report {
        Some(path) => {
            let mut report = Output::open(Some(path))?;
            report
                .write_all(b"{\"segments\":[")
                .map_err(|e| CliError::new(format!("{}: {e}", path.display())))?;
            Some((report, path.clone(), true))
        }
        None => None,
    };
    let mut report_failure = None;
    let progress = crate::progress::spinner("pre-translating", "segments");
    let summary = pretranslate(
        input,
        &mut out,
        memory.as_match_source(),
        &options,
        &mut |segment| {
            progress.inc(1);
            if let Some((report, _, first)) = report.as_mut() {
                let separator: &[u8] = if *first { b"" } else { b"," };
                *first = false;
                let json = report_json(segment).to_string();
                if let Err(error) = report
                    .write_all(separator)
                    .and_then(|()| report.write_all(json.as_bytes()))
                {
                    report_failure.get_or_insert(error);
                }
            }
        },
    )
    .map_err(|e| crate::xliff::job_error(&args.input, &output_name, e))?;
    progress.finish_and_clear();
    if let Some((mut report, path, _)) = report {
        if let Some(error) = report_failure {
            return Err(CliError::new(format!("{}: {error}", path.display())));
        }
        report
            .write_all(b"]}\n")
            .map_err(|e| CliError::new(format!("{}: {e}", path.display())))?;
        report.finish()?;
    }
    out.finish()?;
    if let Some(first) = summary.findings.first() {
        // Files from other tools are often not quite valid; they are pre-translated all the
        // same, and the user is told.
        eprintln!(
            "werkbank: warning: {name}:{}:{}: {}: {} (not valid XLIFF, {} problem(s); \
             `werkbank xliff validate` lists them); pre-translated anyway",
            first.position.line,
            first.position.column,
            first.rule,
            first.message,
            summary.findings.len(),
        );
    }
    for warning in &summary.warnings {
        eprintln!("werkbank: warning: {name}: {warning}");
    }
    eprintln!("{}: {}", args.input.display(), summary_line(&summary));
    Ok(())
}

/// One line: what happened to how many segments.
fn summary_line(summary: &PretranslateSummary) -> String {
    let count = |outcome: Outcome| summary.count(outcome);
    let mut parts = vec![format!("{} segments", summary.segments)];
    for (number, what) in [
        (
            summary.filled(ProposalKind::Context),
            "filled in context (101)",
        ),
        (summary.filled(ProposalKind::Exact), "filled exact (100)"),
        (
            summary.filled(ProposalKind::Fuzzy),
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

/// One segment of the `--report` file.
fn report_json(segment: &SegmentReport) -> serde_json::Value {
    let mut value = serde_json::json!({
        "unit": segment.unit,
        "segment": segment.segment,
        "source": segment.source.plain_text(),
        "outcome": segment.outcome.name(),
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
}

pub fn run_merge(args: MergeArgs) -> Result<(), CliError> {
    let input = crate::input::open(&args.input)?;
    let mut out = Output::open(args.output.as_deref())?;
    let name = out.name().to_string();
    let merged =
        merge(input, &mut out).map_err(|e| crate::xliff::job_error(&args.input, &name, e))?;
    out.finish()?;
    if merged.untranslated > 0 {
        eprintln!(
            "werkbank: warning: {}: {} of {} segments are not translated; their source was written",
            args.input.display(),
            merged.untranslated,
            merged.segments
        );
    }
    if merged.unconfirmed > 0 {
        eprintln!(
            "werkbank: warning: {}: {} translated segments still ask for review (state initial or needs-…)",
            args.input.display(),
            merged.unconfirmed
        );
    }
    Ok(())
}
