//! `werkbank tm import|export|lookup|stats`

use std::fs::File;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand, ValueEnum};
use indicatif::ProgressBar;
use werkbank_model::{Content, LanguageTag, MatchSource, TranslationUnit};
use werkbank_tm::tmx::{TmxHeader, TmxReader, TmxUnit, TmxWriter};
use werkbank_tm::{InMemoryStore, LookupOptions, Match, Memory, SqliteStore, Store};

use crate::output::Output;
use crate::CliError;

/// Work with a translation memory.
#[derive(Debug, Subcommand)]
pub enum TmCommand {
    /// Import TMX files into a SQLite translation memory, created if missing.
    Import(ImportArgs),
    /// Write a translation memory as TMX 1.4b.
    Export(ExportArgs),
    /// Look segments up in a translation memory (a SQLite TM or a TMX file).
    Lookup(LookupArgs),
    /// Figures about a translation memory.
    Stats(StatsArgs),
}

/// The language pair of a new memory or of a TMX file.
#[derive(Debug, Args)]
pub struct LanguageArgs {
    /// Source language; a memory that exists already keeps its own.
    #[arg(long, default_value = "de")]
    pub(crate) source_lang: String,
    /// Target language; a memory that exists already keeps its own.
    #[arg(long, default_value = "en")]
    pub(crate) target_lang: String,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The translation memory (SQLite file).
    #[arg(long = "tm", value_name = "DB")]
    tm: PathBuf,
    #[command(flatten)]
    languages: LanguageArgs,
    /// TMX files.
    #[arg(value_name = "FILE", required = true)]
    files: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The translation memory (SQLite file).
    #[arg(long = "tm", value_name = "DB")]
    tm: PathBuf,
    /// Write here instead of standard output; the file appears only when complete.
    #[arg(short = 'o', long = "output", value_name = "OUT.tmx")]
    output: Option<PathBuf>,
}

/// Output formats of `tm lookup`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LookupFormat {
    /// A readable list per query.
    Text,
    /// One JSON object per line and query.
    Json,
}

#[derive(Debug, Args)]
pub struct LookupArgs {
    /// The translation memory: a SQLite TM or a TMX file.
    #[arg(long = "tm", value_name = "DB|FILE.tmx")]
    tm: PathBuf,
    #[command(flatten)]
    languages: LanguageArgs,
    /// Lowest score to show (0 to 100).
    #[arg(long, default_value_t = 70, value_parser = clap::value_parser!(u8).range(0..=100))]
    min_score: u8,
    /// Most matches to show per query.
    #[arg(long, default_value_t = 5)]
    max_results: usize,
    /// Output format.
    #[arg(long, value_enum, default_value_t = LookupFormat::Text)]
    format: LookupFormat,
    /// A file with one query per line.
    #[arg(long, value_name = "FILE", conflicts_with = "query")]
    queries: Option<PathBuf>,
    /// The segments to look up.
    #[arg(value_name = "QUERY", required_unless_present = "queries")]
    query: Vec<String>,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// The translation memory (SQLite file).
    #[arg(long = "tm", value_name = "DB")]
    tm: PathBuf,
}

pub fn run(command: TmCommand) -> Result<(), CliError> {
    match command {
        TmCommand::Import(args) => import(args),
        TmCommand::Export(args) => export(args),
        TmCommand::Lookup(args) => lookup(args),
        TmCommand::Stats(args) => stats(args),
    }
}

fn language(text: &str, flag: &str) -> Result<LanguageTag, CliError> {
    text.parse()
        .map_err(|e| CliError::usage(format!("{flag}: {e}")))
}

/// Opens a SQLite memory with its stored pair, or creates it with the given one.
pub(crate) fn open_sqlite(
    path: &Path,
    languages: Option<&LanguageArgs>,
) -> Result<Memory<SqliteStore>, CliError> {
    let store = SqliteStore::open(path).map_err(|e| CliError::new(e.to_string()))?;
    let (source, target) = match (store.languages(), languages) {
        (Some(pair), _) => pair,
        (None, Some(args)) => (
            language(&args.source_lang, "--source-lang")?,
            language(&args.target_lang, "--target-lang")?,
        ),
        (None, None) => {
            return Err(CliError::new(format!(
                "{}: the translation memory has no language pair; import into it first",
                path.display()
            )))
        }
    };
    Memory::open(store, source, target)
        .map_err(|e| CliError::new(format!("{}: {e}", path.display())))
}

fn progress(message: &str) -> ProgressBar {
    crate::progress::spinner(message, "units")
}

/// Reads the units of `path` in the memory's languages; the second number counts units that
/// lack one of the languages.
fn read_tmx(
    path: &Path,
    source: &LanguageTag,
    target: &LanguageTag,
    bar: &ProgressBar,
) -> Result<(Vec<TranslationUnit>, usize), CliError> {
    let file = File::open(path).map_err(|e| CliError::new(format!("{}: {e}", path.display())))?;
    let reader = TmxReader::new(file).map_err(|e| CliError::new(e.in_file(path).to_string()))?;
    let mut units = Vec::new();
    let mut skipped = 0;
    for unit in reader {
        let unit = unit.map_err(|e| CliError::new(e.in_file(path).to_string()))?;
        match unit.to_translation_unit(source, target) {
            Some(translation_unit) => units.push(translation_unit),
            None => skipped += 1,
        }
        bar.inc(1);
    }
    Ok((units, skipped))
}

fn import(args: ImportArgs) -> Result<(), CliError> {
    // Units go straight from the TMX reader into the store: memory stays bounded whatever the
    // file's size, and a file that turns out broken halfway leaves nothing behind (one
    // transaction per file).
    let mut store = SqliteStore::open(&args.tm).map_err(|e| CliError::new(e.to_string()))?;
    let (source, target) = match store.languages() {
        Some(pair) => pair,
        None => {
            let source = language(&args.languages.source_lang, "--source-lang")?;
            let target = language(&args.languages.target_lang, "--target-lang")?;
            store
                .set_languages(&source, &target)
                .map_err(|e| CliError::new(format!("{}: {e}", args.tm.display())))?;
            (source, target)
        }
    };
    for path in &args.files {
        if is_xliff(path)? {
            store = import_xliff(store, path, &source, &target)?;
            continue;
        }
        let bar = progress(&format!("importing {}", path.display()));
        let file =
            File::open(path).map_err(|e| CliError::new(format!("{}: {e}", path.display())))?;
        let reader =
            TmxReader::new(file).map_err(|e| CliError::new(e.in_file(path).to_string()))?;
        let mut skipped = 0u64;
        let units = reader.filter_map(|unit| match unit {
            Err(e) => Some(Err(CliError::new(e.in_file(path).to_string()))),
            Ok(unit) => match unit.to_translation_unit(&source, &target) {
                Some(translation_unit) => Some(Ok(translation_unit)),
                None => {
                    skipped += 1;
                    None
                }
            },
        });
        let count = store.insert_streaming(units, |stored| bar.set_position(stored))?;
        bar.finish_and_clear();
        eprintln!(
            "{}: imported {count} units ({source}→{target}){}",
            path.display(),
            if skipped > 0 {
                format!(", skipped {skipped} without both languages")
            } else {
                String::new()
            }
        );
    }
    Ok(())
}

/// Whether `path` holds XLIFF rather than TMX, judged from its first bytes (the root element),
/// not from its name.
fn is_xliff(path: &Path) -> Result<bool, CliError> {
    use std::io::Read;
    let mut head = Vec::with_capacity(4096);
    File::open(path)
        .and_then(|file| file.take(4096).read_to_end(&mut head))
        .map_err(|e| CliError::new(format!("{}: {e}", path.display())))?;
    // UTF-16 files: look at every other byte.
    let ascii: String = head
        .iter()
        .filter(|b| **b != 0)
        .map(|b| *b as char)
        .collect();
    Ok(ascii.contains("<xliff") || ascii.contains(":xliff"))
}

/// Adds the translated segments of an XLIFF file, with their neighbours as context. A segment
/// the memory already holds with the same context is updated rather than stored twice. The
/// store comes back for the next file.
fn import_xliff(
    store: SqliteStore,
    path: &Path,
    source: &LanguageTag,
    target: &LanguageTag,
) -> Result<SqliteStore, CliError> {
    let document = werkbank_xliff::Document::read_file(path)
        .map_err(|e| CliError::new(format!("{}:{e}", path.display())))?;
    let units = werkbank_xliff::merge::translation_units(&document)
        .map_err(|e| CliError::new(format!("{}: {e}", path.display())))?;
    if let Some(first) = units.first() {
        let same_primary =
            |a: &LanguageTag, b: &LanguageTag| a.primary_language() == b.primary_language();
        if !same_primary(&first.source_language, source)
            || !same_primary(&first.target_language, target)
        {
            return Err(CliError::new(format!(
                "{}: the document is {}→{} but the translation memory is {source}→{target}",
                path.display(),
                first.source_language,
                first.target_language
            )));
        }
    }
    let mut memory = Memory::open(store, source.clone(), target.clone())?;
    // None: added by this import already.
    let mut known: std::collections::HashMap<
        (String, Option<String>, Option<String>),
        Option<u64>,
    > = memory
        .units()
        .map(|(id, unit)| {
            (
                (
                    unit.source.coded_text(),
                    unit.context.previous.clone(),
                    unit.context.next.clone(),
                ),
                Some(id),
            )
        })
        .collect();
    let bar = progress(&format!("importing {}", path.display()));
    let (mut updated, mut unchanged) = (0, 0);
    let mut fresh = Vec::new();
    for mut unit in units {
        unit.source_language = source.clone();
        unit.target_language = target.clone();
        let key = (
            unit.source.coded_text(),
            unit.context.previous.clone(),
            unit.context.next.clone(),
        );
        match known.get(&key) {
            Some(None) => unchanged += 1,
            Some(&Some(id))
                if memory
                    .get(id)
                    .is_some_and(|stored| stored.target == unit.target) =>
            {
                unchanged += 1
            }
            Some(&Some(id)) => {
                memory.update(id, unit)?;
                updated += 1;
            }
            None => {
                known.insert(key, None);
                fresh.push(unit);
            }
        }
        bar.inc(1);
    }
    let added = fresh.len();
    memory.add_all(fresh)?;
    bar.finish_and_clear();
    eprintln!(
        "{}: imported {added} translated segments, updated {updated}, {unchanged} known already ({source}→{target})",
        path.display()
    );
    Ok(memory.into_store())
}

fn export(args: ExportArgs) -> Result<(), CliError> {
    if !args.tm.exists() {
        return Err(CliError::new(format!(
            "{}: no such translation memory",
            args.tm.display()
        )));
    }
    let memory = open_sqlite(&args.tm, None)?;
    let mut out = Output::open(args.output.as_deref())
        .map_err(|e| CliError::new(format!("writing output: {e}")))?;
    let header = TmxHeader::for_source_language(memory.source_language().as_str());
    let write = |out: &mut Output| -> std::io::Result<()> {
        let mut writer = TmxWriter::new(out, &header)?;
        for (_, unit) in memory.units() {
            writer.write_unit(&TmxUnit::from_translation_unit(unit))?;
        }
        writer.finish()?;
        Ok(())
    };
    write(&mut out).map_err(|e| CliError::new(format!("writing output: {e}")))?;
    out.finish()
        .map_err(|e| CliError::new(format!("writing output: {e}")))
}

/// A memory opened from a SQLite file or read from a TMX file.
pub(crate) enum AnyMemory {
    Sqlite(Memory<SqliteStore>),
    Tmx(Memory<InMemoryStore>),
}

impl AnyMemory {
    fn lookup(&self, query: &Content, options: &LookupOptions) -> Vec<Match> {
        match self {
            AnyMemory::Sqlite(memory) => memory.lookup(query, options),
            AnyMemory::Tmx(memory) => memory.lookup(query, options),
        }
    }

    /// The memory as a source of matches for pre-translation.
    pub(crate) fn as_match_source(&self) -> &dyn MatchSource {
        match self {
            AnyMemory::Sqlite(memory) => memory,
            AnyMemory::Tmx(memory) => memory,
        }
    }

    /// Opens `path`: a TMX file (read into memory, units in `source`→`target` only) or a
    /// SQLite translation memory (which keeps its own language pair).
    pub(crate) fn open(
        path: &Path,
        source: &LanguageTag,
        target: &LanguageTag,
    ) -> Result<Self, CliError> {
        let is_tmx = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("tmx"));
        if !is_tmx {
            if !path.exists() {
                return Err(CliError::new(format!(
                    "{}: no such translation memory",
                    path.display()
                )));
            }
            return Ok(AnyMemory::Sqlite(open_sqlite(path, None)?));
        }
        let bar = progress(&format!("reading {}", path.display()));
        let (units, skipped) = read_tmx(path, source, target, &bar)?;
        bar.finish_and_clear();
        if units.is_empty() && skipped > 0 {
            return Err(CliError::new(format!(
                "{}: none of its {skipped} units has both {source} and {target}; it is a memory \
                 for another language pair",
                path.display()
            )));
        }
        let mut memory = Memory::open(InMemoryStore::new(), source.clone(), target.clone())
            .map_err(|e| CliError::new(e.to_string()))?;
        memory
            .add_all(units)
            .map_err(|e| CliError::new(e.to_string()))?;
        Ok(AnyMemory::Tmx(memory))
    }
}

fn lookup(args: LookupArgs) -> Result<(), CliError> {
    let source = language(&args.languages.source_lang, "--source-lang")?;
    let target = language(&args.languages.target_lang, "--target-lang")?;
    let memory = AnyMemory::open(&args.tm, &source, &target)?;
    let queries: Vec<String> = match &args.queries {
        Some(path) => {
            let file =
                File::open(path).map_err(|e| CliError::new(format!("{}: {e}", path.display())))?;
            let mut lines = Vec::new();
            for (number, line) in BufReader::new(file).lines().enumerate() {
                let line = line.map_err(|e| {
                    CliError::new(format!("{}:{}: {e}", path.display(), number + 1))
                })?;
                if !line.trim().is_empty() {
                    lines.push(line);
                }
            }
            lines
        }
        None => args.query.clone(),
    };
    let options = LookupOptions {
        min_score: args.min_score,
        max_results: args.max_results,
        ..LookupOptions::default()
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let result = (|| -> std::io::Result<()> {
        for query in &queries {
            let matches = memory.lookup(&Content::from_text(query.as_str()), &options);
            match args.format {
                LookupFormat::Json => writeln!(out, "{}", json_line(query, &matches))?,
                LookupFormat::Text => {
                    writeln!(out, "{query}")?;
                    if matches.is_empty() {
                        writeln!(out, "    (no match at or above {})", args.min_score)?;
                    }
                    for found in &matches {
                        let kind = kind_name(found);
                        let target = found.adapted_target.as_ref().unwrap_or(&found.unit.target);
                        writeln!(
                            out,
                            "  {:>3} {:<7} {}",
                            found.score,
                            kind,
                            found.unit.source.plain_text()
                        )?;
                        writeln!(out, "              → {}", target.plain_text())?;
                    }
                }
            }
        }
        out.flush()
    })();
    match result {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(CliError::new(format!("writing output: {e}")))
        }
        _ => Ok(()),
    }
}

fn kind_name(found: &Match) -> &'static str {
    match found.kind {
        werkbank_tm::MatchKind::Exact => "exact",
        werkbank_tm::MatchKind::Context => "context",
        werkbank_tm::MatchKind::Fuzzy => "fuzzy",
    }
}

fn json_line(query: &str, matches: &[Match]) -> String {
    let matches: Vec<serde_json::Value> = matches
        .iter()
        .map(|found| {
            let mut value = serde_json::json!({
                "score": found.score,
                "kind": kind_name(found),
                "source": found.unit.source.plain_text(),
                "target": found.unit.target.plain_text(),
            });
            if let (Some(adapted), Some(object)) = (&found.adapted_target, value.as_object_mut()) {
                object.insert("adapted_target".into(), adapted.plain_text().into());
            }
            value
        })
        .collect();
    serde_json::json!({ "query": query, "matches": matches }).to_string()
}

fn stats(args: StatsArgs) -> Result<(), CliError> {
    if !args.tm.exists() {
        return Err(CliError::new(format!(
            "{}: no such translation memory",
            args.tm.display()
        )));
    }
    let memory = open_sqlite(&args.tm, None)?;
    let statistics = memory.statistics();
    println!("translation memory  {}", args.tm.display());
    println!(
        "languages           {} → {}",
        statistics.source_language, statistics.target_language
    );
    println!("units               {}", statistics.units);
    println!("units with context  {}", statistics.units_with_context);
    println!("source words        {}", statistics.source_words);
    println!("distinct tokens     {}", statistics.distinct_tokens);
    Ok(())
}
