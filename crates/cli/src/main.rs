//! `werkbank`: the command line over segmentation, translation memory and XLIFF.

mod align;
mod input;
mod job;
mod output;
mod progress;
mod segment;
mod tm;
mod xliff;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Translation-assist workbench: sentence segmentation, translation memory and XLIFF.
#[derive(Debug, Parser)]
#[command(name = "werkbank", version, about, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Split text into sentences (built-in German/English rules or an SRX 2.0 file).
    Segment(segment::SegmentArgs),
    /// Align a document with its translation into sentence pairs (JSON, TSV or TMX; optionally
    /// into a translation memory).
    Align(align::AlignArgs),
    /// Translation memory: import and export TMX, look segments up, show figures.
    #[command(subcommand)]
    Tm(tm::TmCommand),
    /// XLIFF 1.2 and 2.x: create for translators, validate, rewrite losslessly.
    #[command(subcommand)]
    Xliff(xliff::XliffCommand),
}

/// A failure reported as one line on standard error.
#[derive(Debug)]
pub struct CliError {
    message: String,
    code: u8,
}

impl CliError {
    /// A failure while doing the work: exit code 1.
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            code: 1,
        }
    }

    /// A problem with the arguments: exit code 2, as clap uses.
    pub fn usage(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            code: 2,
        }
    }
}

impl From<werkbank_tm::TmError> for CliError {
    fn from(error: werkbank_tm::TmError) -> Self {
        CliError::new(error.to_string())
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    output::install_interrupt_cleanup();
    let result = match cli.command {
        Command::Segment(args) => segment::run(args),
        Command::Align(args) => align::run(args),
        Command::Tm(command) => tm::run(command),
        Command::Xliff(command) => xliff::run(command),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            let line = error.message.replace('\n', " ");
            eprintln!("werkbank: {line}");
            ExitCode::from(error.code)
        }
    }
}
