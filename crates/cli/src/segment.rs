//! `werkbank segment`

use std::io::{self, BufRead, Write};
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use werkbank_segment::{SegmentError, SegmentSpan, Segmenter, SegmenterOptions};

use crate::output::Output;
use crate::CliError;

/// Output formats of `werkbank segment`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SegmentFormat {
    /// One segment per line, a blank line between paragraphs.
    Text,
    /// {"language":L,"segments":[{"text":S,"start":B,"end":B,"paragraph":N}]}
    Json,
}

/// Split text into sentences.
#[derive(Debug, Args)]
pub struct SegmentArgs {
    /// Language of the text (BCP 47); with --srx, the code the file's language maps expect.
    #[arg(long, default_value = "de")]
    lang: String,
    /// Use the rules of this SRX 2.0 file instead of the built-in rules.
    #[arg(long, value_name = "FILE")]
    srx: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = SegmentFormat::Text)]
    format: SegmentFormat,
    #[command(flatten)]
    rules: RuleArgs,
    /// Write here instead of standard output; the file appears only when complete.
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    output: Option<PathBuf>,
    /// The text to segment, UTF-8; `-` or nothing reads standard input.
    #[arg(value_name = "INPUT")]
    input: Option<PathBuf>,
}

/// How sentences are split, for `segment` and `xliff create`.
#[derive(Debug, Args)]
pub struct RuleArgs {
    /// Keep a quotation whole when the sentence goes on after it („A. B“, sagte er.); by
    /// default it is split at its sentence ends, as translation memories hold it. Built-in
    /// rules only.
    #[arg(long)]
    keep_quotations: bool,
    /// More abbreviations after which a sentence does not end, one per line (`Goethestr.`,
    /// `Verkn.`); lines starting with # are comments.
    #[arg(long, value_name = "FILE")]
    abbreviations: Option<PathBuf>,
}

impl RuleArgs {
    /// The segmenter for `language`: the built-in rules, or those of an SRX file.
    pub fn segmenter(
        &self,
        language: &str,
        srx: Option<&std::path::Path>,
    ) -> Result<Segmenter, CliError> {
        let mut options = SegmenterOptions::default().keep_quotations(self.keep_quotations);
        if let Some(path) = &self.abbreviations {
            options = options.with_abbreviation_list(&crate::input::read_text(path)?);
        }
        match srx {
            Some(path) => {
                if self.keep_quotations {
                    return Err(CliError::usage(
                        "--keep-quotations works with the built-in rules, not with --srx",
                    ));
                }
                let text = crate::input::read_text(path)?;
                Segmenter::from_srx_with(&text, language, &options)
                    .map_err(|e| CliError::new(format!("{}: {e}", path.display())))
            }
            None => {
                let tag = language
                    .parse()
                    .map_err(|e| CliError::usage(format!("language: {e}")))?;
                Segmenter::builtin_with(&tag, &options).map_err(|e| CliError::usage(e.to_string()))
            }
        }
    }
}

pub fn run(args: SegmentArgs) -> Result<(), CliError> {
    let input = args.input.clone().unwrap_or_else(|| PathBuf::from("-"));
    let input_name = crate::input::input_name(&input);
    let segmenter = args.rules.segmenter(&args.lang, args.srx.as_deref())?;
    let reader = crate::input::open(&input)?;
    let mut out = Output::open(args.output.as_deref())?;
    let result = write_segments(&segmenter, reader, &mut out, args.format, &args.lang);
    match result {
        Ok(()) => out.finish(),
        Err(Failure::Segment(e)) => Err(CliError::new(format!("{input_name}: {e}"))),
        Err(Failure::Write(e)) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err(Failure::Write(e)) => Err(CliError::new(format!("{}: {e}", out.name()))),
    }
}

enum Failure {
    Segment(SegmentError),
    Write(io::Error),
}

impl From<SegmentError> for Failure {
    fn from(error: SegmentError) -> Self {
        Failure::Segment(error)
    }
}

impl From<io::Error> for Failure {
    fn from(error: io::Error) -> Self {
        Failure::Write(error)
    }
}

fn write_segments(
    segmenter: &Segmenter,
    reader: Box<dyn BufRead>,
    out: &mut Output,
    format: SegmentFormat,
    language: &str,
) -> Result<(), Failure> {
    let mut previous_paragraph: Option<usize> = None;
    let mut first = true;
    if format == SegmentFormat::Json {
        write!(out, "{{\"language\":{},\"segments\":[", json(language))?;
    }
    segmenter.split_reader(
        reader,
        |text: &str, span: SegmentSpan| -> Result<(), Failure> {
            match format {
                SegmentFormat::Text => {
                    if previous_paragraph.is_some_and(|p| p != span.paragraph) {
                        out.write_all(b"\n")?;
                    }
                    // A segment of SRX rules may span lines; the text format keeps one per line.
                    let is_break =
                        |c: char| matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{85}');
                    if text.contains(is_break) {
                        let line: String = text
                            .chars()
                            .map(|c| if is_break(c) { ' ' } else { c })
                            .collect();
                        writeln!(out, "{line}")?;
                    } else {
                        writeln!(out, "{text}")?;
                    }
                }
                SegmentFormat::Json => {
                    if !first {
                        out.write_all(b",")?;
                    }
                    write!(
                        out,
                        "\n{{\"text\":{},\"start\":{},\"end\":{},\"paragraph\":{}}}",
                        json(text),
                        span.start,
                        span.end,
                        span.paragraph
                    )?;
                }
            }
            first = false;
            previous_paragraph = Some(span.paragraph);
            Ok(())
        },
    )?;
    if format == SegmentFormat::Json {
        out.write_all(if first { b"]}\n" } else { b"\n]}\n" })?;
    }
    Ok(())
}

fn json(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_string())
}
