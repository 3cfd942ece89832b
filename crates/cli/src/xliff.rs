//! `werkbank xliff validate|rewrite|create`

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand, ValueEnum};
use werkbank_job::create::{create, CreateOptions};
use werkbank_job::JobError;
use werkbank_xliff::convert::convert;
use werkbank_xliff::stream::rewrite;
use werkbank_xliff::validate::{self, Finding, Options};
use werkbank_xliff::WriteMode;
use werkbank_xliff::{encode, Document, Version, XliffError};

use crate::output::{write_output, Output};
use crate::CliError;

/// XLIFF commands.
#[derive(Debug, Subcommand)]
pub enum XliffCommand {
    /// Create an XLIFF file for translators from plain text (one unit per paragraph, one
    /// segment per sentence).
    Create(CreateArgs),
    /// Check XLIFF files: structure, XLIFF 2 processing requirements and modules, 1.2 rules.
    /// Exits 0 only if every file is valid.
    Validate(ValidateArgs),
    /// Read a file into the model and write it back in the same version; everything not
    /// changed keeps its original text.
    Rewrite(RewriteArgs),
    /// Convert the core content (units, segments, inline codes, states, notes) between XLIFF
    /// 1.2 and 2.x.
    Convert(ConvertArgs),
    /// Fill targets from a translation memory: exact and in-context matches as translations,
    /// fuzzy matches as candidates (alt-trans / mtc:matches).
    Pretranslate(crate::job::PretranslateArgs),
    /// Write the translated target document of an XLIFF file made by `create` (untranslated
    /// segments keep their source, with a warning).
    Merge(crate::job::MergeArgs),
}

/// Arguments of `werkbank xliff convert`.
#[derive(Debug, Args)]
pub struct ConvertArgs {
    /// The XLIFF version to write.
    #[arg(long = "to", value_parser = ["1.2", "2.0", "2.1", "2.2"])]
    to: String,
    /// Write here instead of standard output; the file appears only when complete.
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    output: Option<PathBuf>,
    /// The XLIFF file.
    #[arg(value_name = "FILE")]
    input: PathBuf,
}

/// Output formats of `werkbank xliff validate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ValidateFormat {
    /// One line per finding: FILE:LINE:COLUMN: RULE: message.
    Text,
    /// One JSON object per file: {"file","valid","version","findings":[{"line","column","rule","message"}]}.
    Json,
}

/// Arguments of `werkbank xliff create`.
#[derive(Debug, Args)]
pub struct CreateArgs {
    /// Language of the text (BCP 47); chooses the segmentation rules.
    #[arg(long, default_value = "de")]
    source_lang: String,
    /// Language of the translation (BCP 47).
    #[arg(long, default_value = "en")]
    target_lang: String,
    /// XLIFF version to write.
    #[arg(long, value_parser = ["1.2", "2.0", "2.1", "2.2"], default_value = "2.1")]
    xliff_version: String,
    #[command(flatten)]
    rules: crate::segment::RuleArgs,
    /// Write here instead of standard output; the file appears only when complete.
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    output: Option<PathBuf>,
    /// The text, UTF-8.
    #[arg(value_name = "INPUT")]
    input: PathBuf,
}

/// Arguments of `werkbank xliff validate`.
#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = ValidateFormat::Text)]
    format: ValidateFormat,
    /// Fragment-identifier prefixes of extensions, as `namespace=prefix` lines (the OASIS test
    /// suite's extra-prefixes.properties format).
    #[arg(long, value_name = "FILE")]
    prefixes: Option<PathBuf>,
    /// The files to check.
    #[arg(value_name = "FILE", required = true)]
    files: Vec<PathBuf>,
}

/// Arguments of `werkbank xliff rewrite`.
#[derive(Debug, Args)]
pub struct RewriteArgs {
    /// Write every tag from the parsed values instead of reusing the original text (the
    /// result is canonical-XML-equal, not byte-identical).
    #[arg(long)]
    regenerate: bool,
    /// Write here instead of standard output; the file appears only when complete.
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    output: Option<PathBuf>,
    /// The XLIFF file.
    #[arg(value_name = "FILE")]
    input: PathBuf,
}

pub fn run(command: XliffCommand) -> Result<(), CliError> {
    match command {
        XliffCommand::Create(args) => run_create(args),
        XliffCommand::Validate(args) => run_validate(args),
        XliffCommand::Rewrite(args) => run_rewrite(args),
        XliffCommand::Convert(args) => run_convert(args),
        XliffCommand::Pretranslate(args) => crate::job::run_pretranslate(args),
        XliffCommand::Merge(args) => crate::job::run_merge(args),
    }
}

pub(crate) fn located(path: &Path, error: XliffError) -> CliError {
    match error {
        XliffError::Io { path: what, source } if what == "input" => {
            CliError::new(format!("{}: {source}", crate::input::input_name(path)))
        }
        XliffError::Io { .. } => CliError::new(error.to_string()),
        other => CliError::new(format!("{}:{other}", crate::input::input_name(path))),
    }
}

/// Reads an XLIFF document from a file or standard input; errors name the file and position.
pub(crate) fn read_document(path: &Path) -> Result<Document, CliError> {
    let bytes = crate::input::read_bytes(path)?;
    Document::parse(&bytes).map_err(|e| located(path, e))
}

fn run_create(args: CreateArgs) -> Result<(), CliError> {
    let source_language = args
        .source_lang
        .parse()
        .map_err(|e| CliError::usage(format!("--source-lang: {e}")))?;
    let target_language = args
        .target_lang
        .parse()
        .map_err(|e| CliError::usage(format!("--target-lang: {e}")))?;
    let version = Version::parse(&args.xliff_version)
        .ok_or_else(|| CliError::usage(format!("--xliff-version {}", args.xliff_version)))?;
    let segmenter = args.rules.segmenter(&args.source_lang, None)?;
    let text = crate::input::read_text(&args.input)?;
    let text = text.as_str();
    let original = args
        .input
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let options = CreateOptions::new(source_language, target_language)
        .with_version(version)
        .with_original(original);
    let mut out = Output::open(args.output.as_deref())?;
    let name = out.name().to_string();
    create(text, &segmenter, &options, &mut out).map_err(|e| job_error(&args.input, &name, e))?;
    out.finish()
}

/// A job's error in one line: reading errors name the input and where, writing errors the
/// output.
pub(crate) fn job_error(input: &Path, output: &str, error: JobError) -> CliError {
    match error {
        JobError::Xliff(error) => xliff_error(input, output, error),
        JobError::Output(source) => CliError::new(format!("{output}: {source}")),
        other => CliError::new(format!("{}: {other}", crate::input::input_name(input))),
    }
}

/// An XLIFF error of a streaming command: writing errors name the output, the others the input
/// and where.
pub(crate) fn xliff_error(input: &Path, output: &str, error: XliffError) -> CliError {
    match error {
        XliffError::Io { path, source } if path == "output" => {
            CliError::new(format!("{output}: {source}"))
        }
        other => located(input, other),
    }
}

fn run_rewrite(args: RewriteArgs) -> Result<(), CliError> {
    if args.regenerate {
        let document = read_document(&args.input)?;
        // Reading the units checks that the model can hold the document.
        document.units().map_err(|e| located(&args.input, e))?;
        let bytes = encode(
            &document.to_text(WriteMode::Regenerate),
            document.encoding(),
        );
        return write_output(args.output.as_deref(), &bytes);
    }
    // Unit by unit: memory holds a window of the input and one unit, not the file.
    let input = crate::input::open(&args.input)?;
    let mut out = Output::open(args.output.as_deref())?;
    let name = out.name().to_string();
    rewrite(input, &mut out, &mut |_, _, _| Ok(()))
        .map_err(|e| xliff_error(&args.input, &name, e))?;
    out.finish()
}

fn run_convert(args: ConvertArgs) -> Result<(), CliError> {
    let version =
        Version::parse(&args.to).ok_or_else(|| CliError::usage(format!("--to {}", args.to)))?;
    // Unit by unit, as the rewrite.
    let input = crate::input::open(&args.input)?;
    let mut out = Output::open(args.output.as_deref())?;
    let name = out.name().to_string();
    let conversion =
        convert(input, &mut out, version).map_err(|e| xliff_error(&args.input, &name, e))?;
    out.finish()?;
    if !conversion.dropped.is_empty() {
        let list: Vec<String> = conversion
            .dropped
            .iter()
            .map(|(name, n)| format!("{name} ×{n}"))
            .collect();
        eprintln!(
            "werkbank: {}: not carried over to XLIFF {version}: {}",
            args.input.display(),
            list.join(", ")
        );
    }
    Ok(())
}

fn run_validate(args: ValidateArgs) -> Result<(), CliError> {
    let mut options = Options::default();
    if let Some(path) = &args.prefixes {
        let text = crate::input::read_text(path)?;
        options.extra_prefixes = validate::parse_prefix_properties(&text);
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut invalid = 0;
    for path in &args.files {
        let (version, findings) =
            match validate::validate_reader(crate::input::open(path)?, &options) {
                Ok(validated) => (Some(validated.version), validated.findings),
                Err(XliffError::Io { source, .. }) => {
                    return Err(CliError::new(format!("{}: {source}", path.display())))
                }
                Err(error) => {
                    let rule = match &error {
                        XliffError::Refused { .. } => "xml/refused",
                        XliffError::Limit { .. } => "xml/limit",
                        XliffError::NotXliff { .. } => "xml/not-xliff",
                        _ => "xml/not-well-formed",
                    };
                    let message = error.to_string();
                    let message = message
                        .split_once(": ")
                        .map_or(message.as_str(), |(_, rest)| rest)
                        .to_string();
                    let finding = Finding {
                        position: error.position().unwrap_or_default(),
                        rule,
                        message,
                    };
                    (None, vec![finding])
                }
            };
        if !findings.is_empty() {
            invalid += 1;
        }
        let written = match args.format {
            ValidateFormat::Text => {
                let mut text = String::new();
                for finding in &findings {
                    text.push_str(&format!(
                        "{}:{}:{}: {}: {}\n",
                        path.display(),
                        finding.position.line,
                        finding.position.column,
                        finding.rule,
                        finding.message
                    ));
                }
                if findings.is_empty() {
                    text.push_str(&format!(
                        "{}: valid XLIFF {}\n",
                        path.display(),
                        version.map(|v| v.as_str()).unwrap_or("")
                    ));
                }
                write!(out, "{text}")
            }
            ValidateFormat::Json => {
                let value = serde_json::json!({
                    "file": path.display().to_string(),
                    "valid": findings.is_empty(),
                    "version": version.map(|v| v.as_str()),
                    "findings": findings.iter().map(|f| serde_json::json!({
                        "line": f.position.line,
                        "column": f.position.column,
                        "rule": f.rule,
                        "message": f.message,
                    })).collect::<Vec<_>>(),
                });
                writeln!(out, "{value}")
            }
        };
        written.map_err(|e| CliError::new(format!("-: {e}")))?;
    }
    if invalid > 0 {
        return Err(CliError::new(format!(
            "{invalid} of {} file(s) are not valid",
            args.files.len()
        )));
    }
    Ok(())
}
