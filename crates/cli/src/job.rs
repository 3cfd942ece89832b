//! `werkbank xliff pretranslate` and `werkbank xliff merge`: the two ends of a translation job.

use std::path::{Path, PathBuf};

use clap::Args;
use werkbank_model::ProposalKind;
use werkbank_xliff::merge::merge;
use werkbank_xliff::pretranslate::{
    document_languages, pretranslate, Outcome, PretranslateError, PretranslateOptions,
    PretranslateReport,
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
    let (source, target) =
        document_languages(&document).map_err(|e| pretranslate_error(&args.input, e))?;
    let findings = werkbank_xliff::validate::validate(&document);
    if let Some(first) = findings.first() {
        // Files from other tools are often not quite valid; pre-translate them anyway and say so.
        eprintln!(
            "werkbank: warning: {}:{}:{}: {}: {} (not valid XLIFF, {} problem(s); `werkbank xliff \
             validate` lists them); pre-translating anyway",
            crate::input::input_name(&args.input),
            first.position.line,
            first.position.column,
            first.rule,
            first.message,
            findings.len()
        );
    }
    let memory = AnyMemory::open(&args.tm, &source, &target)?;
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
