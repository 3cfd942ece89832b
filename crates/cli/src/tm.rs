//! `werkbank tm import|export|lookup|stats`

use std::io::{BufRead, Read, Write};
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand, ValueEnum};
use indicatif::ProgressBar;
use werkbank_job::learn::{learn, LearnOptions, SkipReason};
use werkbank_job::JobError;
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
    /// Check a translation memory file: its structure and every unit; can export what is
    /// readable. Exits 0 only if nothing is damaged.
    Check(CheckArgs),
    /// Find units whose source (or target) contains words or a phrase, without regard to case
    /// and accents; ranked, with the hits marked.
    Concordance(ConcordanceArgs),
}

#[derive(Debug, Args)]
pub struct ConcordanceArgs {
    /// The translation memory (SQLite file). The first search builds its concordance index.
    #[arg(long = "tm", value_name = "DB")]
    tm: PathBuf,
    /// Search the targets instead of the sources.
    #[arg(long)]
    target: bool,
    /// Most units to show.
    #[arg(long, default_value_t = 20)]
    max_results: usize,
    /// Output format: text marks the hits with [ ]; json gives them as byte ranges.
    #[arg(long, value_enum, default_value_t = LookupFormat::Text)]
    format: LookupFormat,
    /// The words (each found as part of a word, "Drucker" in "Laserdrucker") or, together, the
    /// phrase; units with the whole phrase come first.
    #[arg(value_name = "WORDS", required = true)]
    words: Vec<String>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The translation memory (SQLite file); it is only read.
    #[arg(long = "tm", value_name = "DB")]
    tm: PathBuf,
    /// Write every unit that can be read to this TMX file.
    #[arg(long, value_name = "OUT.tmx")]
    export: Option<PathBuf>,
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
    /// The translation memory (SQLite file), created if missing.
    #[arg(long = "tm", value_name = "DB")]
    tm: PathBuf,
    /// Source language: of a new memory (default de), and of XLIFF files that name none (or
    /// another one: it is corrected, with a warning).
    #[arg(long)]
    source_lang: Option<String>,
    /// Target language, as --source-lang (default of a new memory: en).
    #[arg(long)]
    target_lang: Option<String>,
    /// List the ids of the segments skipped, with the reason.
    #[arg(long, short = 'v')]
    verbose: bool,
    /// TMX files or translated XLIFF files (told apart by their root element); `-` reads
    /// standard input.
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
        TmCommand::Check(args) => check(args),
        TmCommand::Concordance(args) => concordance(args),
    }
}

fn concordance(args: ConcordanceArgs) -> Result<(), CliError> {
    let side = if args.target {
        werkbank_tm::Side::Target
    } else {
        werkbank_tm::Side::Source
    };
    let search = |store: &mut SqliteStore| {
        werkbank_tm::concordance(store, &args.words, side, args.max_results)
            .map_err(|e| CliError::new(format!("{}: {e}", args.tm.display())))
    };
    // Read-only first: with an up-to-date index that is all it takes. Without one, the file is
    // opened for writing (where it may be) to build the index once; a file that is not there,
    // or empty, is never created.
    let mut store =
        SqliteStore::open_read_only(&args.tm).map_err(|e| CliError::new(e.to_string()))?;
    let found = if store.has_concordance_index() {
        search(&mut store)?
    } else {
        drop(store);
        let writable = std::fs::metadata(&args.tm).is_ok_and(|m| !m.permissions().readonly());
        let mut store = if writable {
            eprintln!(
                "werkbank: {}: building the concordance index (once)",
                args.tm.display()
            );
            SqliteStore::open(&args.tm).map_err(|e| CliError::new(e.to_string()))?
        } else {
            SqliteStore::open_read_only(&args.tm).map_err(|e| CliError::new(e.to_string()))?
        };
        search(&mut store)?
    };
    let query = args.words.join(" ");
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let result = (|| -> std::io::Result<()> {
        match args.format {
            LookupFormat::Json => {
                let matches: Vec<serde_json::Value> = found
                    .iter()
                    .map(|hit| {
                        serde_json::json!({
                            "id": hit.unit_id,
                            "source": hit.unit.source.plain_text(),
                            "target": hit.unit.target.plain_text(),
                            "phrase": hit.phrase,
                            "hits": hit.hits.iter().map(|r| [r.start, r.end]).collect::<Vec<_>>(),
                        })
                    })
                    .collect();
                let side = if args.target { "target" } else { "source" };
                writeln!(
                    out,
                    "{}",
                    serde_json::json!({"query": query, "side": side, "matches": matches})
                )?;
            }
            LookupFormat::Text => {
                if found.is_empty() {
                    writeln!(out, "(no unit contains {})", printable(&query))?;
                }
                for (number, hit) in found.iter().enumerate() {
                    let (searched, other) = match side {
                        werkbank_tm::Side::Source => (&hit.unit.source, &hit.unit.target),
                        werkbank_tm::Side::Target => (&hit.unit.target, &hit.unit.source),
                    };
                    writeln!(
                        out,
                        "{:>3}. {}",
                        number + 1,
                        marked(searched.plain_text(), &hit.hits)
                    )?;
                    writeln!(out, "     → {}", printable(other.plain_text()))?;
                }
            }
        }
        out.flush()
    })();
    match result {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(CliError::new(format!("<stdout>: {e}")))
        }
        _ => Ok(()),
    }
}

/// `text` with every hit in [ ].
fn marked(text: &str, hits: &[std::ops::Range<usize>]) -> String {
    let mut out = String::new();
    let mut at = 0;
    for hit in hits {
        out.push_str(&printable(text.get(at..hit.start).unwrap_or("")));
        out.push('[');
        out.push_str(&printable(text.get(hit.clone()).unwrap_or("")));
        out.push(']');
        at = hit.end;
    }
    out.push_str(&printable(text.get(at..).unwrap_or("")));
    out
}

fn check(args: CheckArgs) -> Result<(), CliError> {
    crate::output::refuse_same(
        args.export.as_deref(),
        "--export",
        &args.tm,
        "the translation memory being checked",
    )?;
    let store = SqliteStore::open_read_only(&args.tm).map_err(|e| CliError::new(e.to_string()))?;
    let report = store
        .check()
        .map_err(|e| CliError::new(format!("{}: {e}", args.tm.display())))?;
    let name = args.tm.display();
    for line in &report.integrity {
        println!("{name}: structure: {line}");
    }
    for damaged in &report.damaged {
        match damaged.id {
            Some(id) => println!("{name}: unit {id}: {}", damaged.problem),
            None => println!("{name}: {}", damaged.problem),
        }
    }
    println!(
        "{name}: {} unit(s) readable, {} damaged, structure {}",
        report.readable,
        report.damaged.len(),
        if report.integrity.is_empty() {
            "ok"
        } else {
            "damaged"
        }
    );
    if let Some(path) = &args.export {
        let loaded = store
            .load_all()
            .map_err(|e| CliError::new(format!("{name}: {e}")))?;
        let source = store
            .languages()
            .map_or_else(|| "de".to_string(), |(s, _)| s.to_string());
        let mut out = Output::open(Some(path))?;
        let header = TmxHeader::for_source_language(&source);
        let write = |out: &mut Output| -> std::io::Result<()> {
            let mut writer = TmxWriter::new(out, &header)?;
            for (_, unit) in &loaded.units {
                writer.write_unit(&TmxUnit::from_translation_unit(unit))?;
            }
            writer.finish()?;
            Ok(())
        };
        write(&mut out).map_err(|e| CliError::new(format!("{}: {e}", out.name())))?;
        out.finish()?;
        eprintln!(
            "werkbank: {} readable unit(s) written to {}",
            loaded.units.len(),
            path.display()
        );
    }
    if !report.is_clean() {
        return Err(CliError::new(format!(
            "{name}: the translation memory is damaged"
        )));
    }
    Ok(())
}

/// Text for a terminal: control characters (an ESC sequence stored in a unit, say) are shown
/// as `\u{1b}`, never sent raw.
fn printable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

fn language(text: &str, flag: &str) -> Result<LanguageTag, CliError> {
    text.parse()
        .map_err(|e| CliError::usage(format!("{flag}: {e}")))
}

/// Opens a SQLite memory for reading only (nothing is created or written); warns about units
/// that could not be read.
pub(crate) fn open_sqlite_read_only(path: &Path) -> Result<Memory<SqliteStore>, CliError> {
    let store = SqliteStore::open_read_only(path).map_err(|e| CliError::new(e.to_string()))?;
    let Some((source, target)) = store.languages() else {
        return Err(CliError::new(format!(
            "{}: the translation memory has no language pair; import into it first",
            path.display()
        )));
    };
    let memory = Memory::open(store, source, target)
        .map_err(|e| CliError::new(format!("{}: {e}", path.display())))?;
    warn_damaged(path, &memory);
    Ok(memory)
}

fn warn_damaged(path: &Path, memory: &Memory<SqliteStore>) {
    let damaged = memory.damaged();
    if let Some(first) = damaged.first() {
        eprintln!(
            "werkbank: warning: {}: {} unit(s) could not be read and are left out (first: {}{}); \
             `werkbank tm check` says more",
            path.display(),
            damaged.len(),
            first
                .id
                .map(|id| format!("unit {id}: "))
                .unwrap_or_default(),
            first.problem
        );
    }
}

/// Opens a SQLite memory for writing with its stored pair, or creates it with the given one.
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

/// What [`read_tmx`] found: the units in the pair, how many lacked one of its languages, and
/// the pair.
struct TmxContents {
    units: Vec<TranslationUnit>,
    skipped: usize,
    pair: (LanguageTag, LanguageTag),
}

/// Reads a TMX file's units in the languages asked for; a language not given is the header's
/// `srclang` (source) or the first other language of a unit (target). Returns the units, the
/// number without both languages, and the pair used.
fn read_tmx(
    path: &Path,
    source: Option<&LanguageTag>,
    target: Option<&LanguageTag>,
    bar: &ProgressBar,
) -> Result<TmxContents, CliError> {
    let name = crate::input::input_name(path);
    let reader = TmxReader::new(crate::input::open(path)?)
        .map_err(|e| CliError::new(e.in_file(path).to_string()))?;
    let header_source = reader
        .header()
        .source_language
        .as_deref()
        .and_then(|l| l.parse::<LanguageTag>().ok());
    let mut units = Vec::new();
    for unit in reader {
        units.push(unit.map_err(|e| CliError::new(e.in_file(path).to_string()))?);
        bar.inc(1);
    }
    let source = match source.cloned().or(header_source) {
        Some(source) => source,
        None => {
            return Err(CliError::new(format!(
                "{name}: the TMX names no source language (srclang); give --source-lang"
            )))
        }
    };
    let target = match target.cloned() {
        Some(target) => target,
        None => units
            .iter()
            .flat_map(|u| u.variants.iter())
            .filter_map(|v| v.language.parse::<LanguageTag>().ok())
            .find(|l| l.primary_language() != source.primary_language())
            .ok_or_else(|| {
                CliError::new(format!(
                    "{name}: no unit has a language besides {source}; give --target-lang"
                ))
            })?,
    };
    let mut translation_units = Vec::new();
    let mut skipped = 0;
    for unit in &units {
        match unit.to_translation_unit(&source, &target) {
            Some(translation_unit) => translation_units.push(translation_unit),
            None => skipped += 1,
        }
    }
    Ok(TmxContents {
        units: translation_units,
        skipped,
        pair: (source, target),
    })
}

/// One input file of `tm import`, its kind known from its root element; both kinds are read a
/// unit at a time.
struct ImportFile {
    path: PathBuf,
    content: ImportContent,
}

enum ImportContent {
    Tmx(Box<dyn Read>),
    /// An XLIFF file, with the languages its start names (when they were in the bytes read to
    /// find the root element).
    Xliff {
        reader: Box<dyn Read>,
        languages: (Option<String>, Option<String>),
    },
}

fn open_import_file(path: &Path) -> Result<ImportFile, CliError> {
    let name = crate::input::input_name(path);
    let mut reader = crate::input::open(path)?;
    let mut head = Vec::new();
    let root = loop {
        if let Some(root) = root_element(&head) {
            break Some(root);
        }
        let before = head.len();
        (&mut reader)
            .take(64 * 1024)
            .read_to_end(&mut head)
            .map_err(|e| CliError::new(format!("{name}: {e}")))?;
        if head.len() == before || head.len() > (1 << 20) {
            break root_element(&head);
        }
    };
    let xliff = match root.as_deref() {
        Some("xliff") => true,
        Some("tmx") => false,
        Some(other) => {
            return Err(CliError::new(format!(
                "{name}: the root element is <{other}>: neither TMX nor XLIFF"
            )))
        }
        None => {
            return Err(CliError::new(format!(
                "{name}: no root element found: neither TMX nor XLIFF"
            )))
        }
    };
    let languages = if xliff {
        werkbank_xliff::stream::document_languages(&head[..]).unwrap_or((None, None))
    } else {
        (None, None)
    };
    let reader: Box<dyn Read> = Box::new(std::io::Cursor::new(head).chain(reader));
    let content = if xliff {
        ImportContent::Xliff { reader, languages }
    } else {
        ImportContent::Tmx(reader)
    };
    Ok(ImportFile {
        path: path.to_path_buf(),
        content,
    })
}

/// The local name of the root element at the start of an XML file (after a byte-order mark,
/// the declaration, comments, processing instructions and a DOCTYPE), or `None` when `head`
/// ends before it.
fn root_element(head: &[u8]) -> Option<String> {
    let text: String = match head {
        [0xFF, 0xFE, rest @ ..] | [0xFE, 0xFF, rest @ ..] => {
            let little = head.first() == Some(&0xFF);
            let units: Vec<u16> = rest
                .chunks_exact(2)
                .map(|p| match p {
                    [a, b] if little => u16::from_le_bytes([*a, *b]),
                    [a, b] => u16::from_be_bytes([*a, *b]),
                    _ => 0,
                })
                .collect();
            char::decode_utf16(units)
                .map(|c| c.unwrap_or('\u{FFFD}'))
                .collect()
        }
        _ => String::from_utf8_lossy(head).into_owned(),
    };
    let mut rest = text.trim_start_matches('\u{FEFF}');
    loop {
        rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix("<?") {
            rest = after.get(after.find("?>")? + 2..)?;
        } else if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.get(after.find("-->")? + 3..)?;
        } else if let Some(after) = rest.strip_prefix("<!") {
            // DOCTYPE, with an internal subset in brackets.
            let mut depth = 0i32;
            let (end, _) = after.char_indices().find(|&(_, c)| {
                match c {
                    '[' => depth += 1,
                    ']' => depth -= 1,
                    _ => {}
                }
                c == '>' && depth <= 0
            })?;
            rest = after.get(end + 1..)?;
        } else if let Some(after) = rest.strip_prefix('<') {
            let end = after.find(|c: char| c.is_whitespace() || c == '>' || c == '/')?;
            let name = after.get(..end)?;
            let local = name.rsplit_once(':').map_or(name, |(_, l)| l);
            return Some(local.to_string());
        } else {
            return None;
        }
    }
}

fn import(args: ImportArgs) -> Result<(), CliError> {
    let supplied = (
        args.source_lang
            .as_deref()
            .map(|l| language(l, "--source-lang"))
            .transpose()?,
        args.target_lang
            .as_deref()
            .map(|l| language(l, "--target-lang"))
            .transpose()?,
    );
    crate::output::refuse_same_input_twice(&args.files)?;
    let mut files = Vec::new();
    for path in &args.files {
        files.push(open_import_file(path)?);
    }
    let existed = std::fs::metadata(&args.tm).is_ok_and(|m| m.len() > 0);
    let result = import_files(&args, files, &supplied);
    if result.is_err() && !existed {
        // A memory this command created stays only if the import succeeded.
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let mut name = args.tm.clone().into_os_string();
            name.push(suffix);
            let _ = std::fs::remove_file(PathBuf::from(name));
        }
    }
    result
}

fn import_files(
    args: &ImportArgs,
    files: Vec<ImportFile>,
    supplied: &(Option<LanguageTag>, Option<LanguageTag>),
) -> Result<(), CliError> {
    let mut store = SqliteStore::open(&args.tm).map_err(|e| CliError::new(e.to_string()))?;
    let (source, target) = match store.languages() {
        Some(pair) => pair,
        None => {
            // A new memory: the languages given, else those of the first XLIFF file, else de→en.
            let named = files.first().and_then(|file| match &file.content {
                ImportContent::Xliff { languages, .. } => Some((
                    languages.0.as_deref().and_then(|l| l.parse().ok()),
                    languages.1.as_deref().and_then(|l| l.parse().ok()),
                )),
                ImportContent::Tmx(_) => None,
            });
            let (named_source, named_target) = named.unwrap_or((None, None));
            let pair = (
                match supplied.0.clone().or(named_source) {
                    Some(source) => source,
                    None => language("de", "--source-lang")?,
                },
                match supplied.1.clone().or(named_target) {
                    Some(target) => target,
                    None => language("en", "--target-lang")?,
                },
            );
            store
                .set_languages(&pair.0, &pair.1)
                .map_err(|e| CliError::new(format!("{}: {e}", args.tm.display())))?;
            pair
        }
    };
    for file in files {
        let path = file.path.clone();
        let name = crate::input::input_name(&path);
        let reader = match file.content {
            ImportContent::Xliff { reader, .. } => {
                import_xliff(
                    &mut store,
                    (&path, &name),
                    reader,
                    (&source, &target),
                    supplied,
                    args.verbose,
                )?;
                continue;
            }
            ImportContent::Tmx(reader) => reader,
        };
        let bar = progress(&format!("importing {name}"));
        let reader =
            TmxReader::new(reader).map_err(|e| CliError::new(e.in_file(&path).to_string()))?;
        let mut skipped = 0u64;
        let units = reader.filter_map(|unit| match unit {
            Err(e) => Some(Err(CliError::new(e.in_file(&path).to_string()))),
            Ok(unit) => match unit.to_translation_unit(&source, &target) {
                Some(translation_unit) => Some(Ok(translation_unit)),
                None => {
                    skipped += 1;
                    None
                }
            },
        });
        let (count, known) = store.insert_streaming(units, |read| bar.set_position(read))?;
        bar.finish_and_clear();
        let mut line = format!("{name}: imported {count} units ({source}→{target})");
        if known > 0 {
            line.push_str(&format!(", {known} held already with the same translation"));
        }
        if skipped > 0 {
            line.push_str(&format!(", skipped {skipped} without both languages"));
        }
        eprintln!("{line}");
    }
    Ok(())
}

/// Learns the translated segments of an XLIFF file, with their neighbours as context, a unit
/// at a time and in one transaction; a segment the memory holds already in the same context
/// gets the new translation. Says what was skipped and why.
fn import_xliff(
    store: &mut SqliteStore,
    (path, name): (&Path, &str),
    reader: Box<dyn Read>,
    (source, target): (&LanguageTag, &LanguageTag),
    supplied: &(Option<LanguageTag>, Option<LanguageTag>),
    verbose: bool,
) -> Result<(), CliError> {
    let options = LearnOptions::default()
        .with_pair(source.clone(), target.clone())
        .with_languages(supplied.0.clone(), supplied.1.clone());
    let bar = progress(&format!("importing {name}"));
    let mut session = store.learning()?;
    let mut other_pair = None;
    let mut listed = Vec::new();
    let summary = learn(
        reader,
        &options,
        &mut |unit| {
            bar.inc(1);
            session
                .learn(unit)
                .map(|_| ())
                .map_err(|e| JobError::Store(Box::new(e)))
        },
        &mut |skipped| {
            if let SkipReason::OtherPair { source, target } = &skipped.reason {
                other_pair.get_or_insert((source.clone(), target.clone()));
            }
            if verbose {
                listed.push(skipped);
            }
        },
    )
    .map_err(|e| crate::xliff::job_error(path, "", e))?;
    bar.finish_and_clear();
    for warning in &summary.warnings {
        eprintln!("werkbank: warning: {name}: {warning}");
    }
    if let (0, Some((document_source, document_target))) = (summary.units, other_pair) {
        return Err(CliError::new(format!(
            "{name}: the document is {document_source}→{document_target} but the translation \
             memory is {source}→{target}"
        )));
    }
    let report = session.commit()?;
    let mut line = format!(
        "{name}: imported {} translated segments, updated {}, {} known already ({source}→{target})",
        report.added, report.updated, report.unchanged
    );
    if !summary.skipped.is_empty() {
        let reasons: Vec<String> = summary
            .skipped
            .iter()
            .map(|(reason, count)| format!("{count} {}", skip_reason_text(reason)))
            .collect();
        line.push_str(&format!("; skipped {}", reasons.join(", ")));
        if !verbose {
            line.push_str(" (--verbose lists them)");
        }
    }
    eprintln!("{line}");
    for skipped in &listed {
        let detail = match &skipped.reason {
            SkipReason::State(state) => format!("state {state}"),
            SkipReason::OtherPair { source, target } => {
                format!("of another pair, {source}→{target}")
            }
            other => skip_reason_text(other.name()).to_string(),
        };
        eprintln!(
            "{name}: skipped unit {} segment {}: {detail}",
            skipped.unit, skipped.segment
        );
    }
    Ok(())
}

fn skip_reason_text(name: &str) -> &'static str {
    match name {
        "state" => "not confirmed (state)",
        "no-target" => "without a translation",
        "header" => "header units",
        "not-translatable" => "marked translate=no",
        "other-pair" => "of another language pair",
        _ => "for another reason",
    }
}

fn export(args: ExportArgs) -> Result<(), CliError> {
    if !args.tm.exists() {
        return Err(CliError::new(format!(
            "{}: no such translation memory",
            args.tm.display()
        )));
    }
    crate::output::refuse_same(
        args.output.as_deref(),
        "-o",
        &args.tm,
        "the translation memory being exported",
    )?;
    let memory = open_sqlite_read_only(&args.tm)?;
    let mut out = Output::open(args.output.as_deref())?;
    let header = TmxHeader::for_source_language(memory.source_language().as_str());
    let write = |out: &mut Output| -> std::io::Result<()> {
        let mut writer = TmxWriter::new(out, &header)?;
        for (_, unit) in memory.units() {
            writer.write_unit(&TmxUnit::from_translation_unit(unit))?;
        }
        writer.finish()?;
        Ok(())
    };
    write(&mut out).map_err(|e| CliError::new(format!("{}: {e}", out.name())))?;
    out.finish()
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

    /// Opens `path`: a TMX file (read into memory, units in `source`→`target` only; a
    /// language not given comes from the file) or a SQLite translation memory (which keeps its
    /// own language pair).
    pub(crate) fn open(
        path: &Path,
        source: Option<&LanguageTag>,
        target: Option<&LanguageTag>,
    ) -> Result<Self, CliError> {
        let is_tmx = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("tmx"))
            || crate::output::is_stdio(path);
        if !is_tmx {
            if !path.exists() {
                return Err(CliError::new(format!(
                    "{}: no such translation memory",
                    path.display()
                )));
            }
            return Ok(AnyMemory::Sqlite(open_sqlite_read_only(path)?));
        }
        let name = crate::input::input_name(path);
        let bar = progress(&format!("reading {name}"));
        let TmxContents {
            units,
            skipped,
            pair: (source, target),
        } = read_tmx(path, source, target, &bar)?;
        bar.finish_and_clear();
        if units.is_empty() && skipped > 0 {
            return Err(CliError::new(format!(
                "{name}: none of its {skipped} units has both {source} and {target}; it is a \
                 memory for another language pair"
            )));
        }
        let mut memory = Memory::open(InMemoryStore::new(), source, target)
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
    let memory = AnyMemory::open(&args.tm, Some(&source), Some(&target))?;
    let queries: Vec<String> = match &args.queries {
        Some(path) => {
            let reader = crate::input::open(path)?;
            let mut lines = Vec::new();
            for (number, line) in reader.lines().enumerate() {
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
    let options = LookupOptions::default()
        .with_min_score(args.min_score)
        .with_max_results(args.max_results);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let result = (|| -> std::io::Result<()> {
        for query in &queries {
            let matches = memory.lookup(&Content::from_text(query.as_str()), &options);
            match args.format {
                LookupFormat::Json => writeln!(out, "{}", json_line(query, &matches))?,
                LookupFormat::Text => {
                    writeln!(out, "{}", printable(query))?;
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
                            printable(found.unit.source.plain_text())
                        )?;
                        writeln!(out, "              → {}", printable(target.plain_text()))?;
                        if found.numbers_not_adapted {
                            writeln!(out, "              (numbers not adapted)")?;
                        }
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
        werkbank_model::ProposalKind::Exact => "exact",
        werkbank_model::ProposalKind::Context => "context",
        werkbank_model::ProposalKind::Fuzzy => "fuzzy",
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
            if let (true, Some(object)) = (found.numbers_not_adapted, value.as_object_mut()) {
                object.insert("numbers_not_adapted".into(), true.into());
            }
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
    let memory = open_sqlite_read_only(&args.tm)?;
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
