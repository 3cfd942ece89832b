//! The README's main command: the whole job on the project's own sample data.
//!
//! ```text
//! cargo run --release --example quickstart
//! ```
//!
//! 1. A German kettle manual (`examples/data/wasserkocher.txt`) is segmented into an XLIFF 2.1
//!    file for the translator.
//! 2. A small German→English translation memory (`examples/data/memory.tmx`) pre-translates it:
//!    what the memory knows is filled in, near matches are offered as candidates, with the
//!    numbers of the new text put in.
//! 3. A table shows every segment with its match kind, score and proposed English.
//! 4. The XLIFF file and an English draft (untranslated sentences still in German) are written
//!    to `target/quickstart/`.
//! 5. The memory learns the confirmed translations with their context, and the same text then
//!    gets in-context (101) matches.

use std::path::PathBuf;

use werkbank::job::create::{create, CreateOptions};
use werkbank::job::learn::translation_units;
use werkbank::job::merge::merge;
use werkbank::job::pretranslate::{pretranslate, Outcome, PretranslateOptions, SegmentReport};
use werkbank::model::{LanguageTag, ProposalKind, TranslationUnit};
use werkbank::segment::Segmenter;
use werkbank::tm::tmx::TmxReader;
use werkbank::tm::{InMemoryStore, Memory};

const MANUAL: &str = include_str!("data/wasserkocher.txt");
const MEMORY: &str = include_str!("data/memory.tmx");

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (german, english): (LanguageTag, LanguageTag) = ("de".parse()?, "en".parse()?);

    // 1. Segment the text into an XLIFF file (one unit per paragraph, one segment per sentence).
    let options =
        CreateOptions::new(german.clone(), english.clone()).with_original("wasserkocher.txt");
    let segmenter = Segmenter::builtin(&german)?;
    let mut created = Vec::new();
    create(MANUAL, &segmenter, &options, &mut created)?;

    // 2. Load the memory and pre-translate.
    let mut memory = Memory::open(InMemoryStore::new(), german.clone(), english.clone())?;
    let mut units = Vec::new();
    for unit in TmxReader::new(MEMORY.as_bytes())? {
        if let Some(unit) = unit?.to_translation_unit(&german, &english) {
            units.push(unit);
        }
    }
    memory.add_all(units)?;
    let mut xliff = Vec::new();
    let mut segments = Vec::new();
    pretranslate(
        &created[..],
        &mut xliff,
        &memory,
        &PretranslateOptions::default(),
        &mut |segment| segments.push(segment.clone()),
    )?;

    // 3. What the translator gets.
    println!(
        "{} sentences, memory of {} units:\n",
        segments.len(),
        memory.len()
    );
    print_table(&segments);

    // 4. Write the XLIFF file and the English draft.
    let directory = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/quickstart");
    std::fs::create_dir_all(&directory)?;
    let xliff_path = directory.join("wasserkocher.en.xlf");
    std::fs::write(&xliff_path, &xliff)?;
    let draft_path = directory.join("wasserkocher.en.txt");
    let draft = merge(&xliff[..], std::fs::File::create(&draft_path)?)?;
    println!(
        "\nwrote {} and {} ({} of {} sentences still in German)",
        xliff_path.display(),
        draft_path.display(),
        draft.untranslated,
        draft.segments
    );

    // 5. The memory learns the confirmed sentences with their neighbours as context.
    let learnt: Vec<TranslationUnit> = translation_units(&xliff[..])?;
    let learnt_count = learnt.len();
    let mut next_memory = Memory::open(InMemoryStore::new(), german, english)?;
    next_memory.add_all(learnt)?;
    let again = pretranslate(
        &created[..],
        &mut std::io::sink(),
        &next_memory,
        &PretranslateOptions::default(),
        &mut |_| {},
    )?;
    println!(
        "learnt {learnt_count} translated sentences; the same manual next time: {} in-context (101) matches",
        again.filled(ProposalKind::Context)
    );
    Ok(())
}

fn print_table(segments: &[SegmentReport]) {
    println!(
        "{:>3}  {:<16} {:>5}  {:<46}  proposed English",
        "#", "match", "score", "German"
    );
    for (number, segment) in segments.iter().enumerate() {
        let what = match segment.outcome {
            Outcome::Filled(ProposalKind::Context) => "context, filled",
            Outcome::Filled(ProposalKind::Exact) => "exact, filled",
            Outcome::Filled(ProposalKind::Fuzzy) => "fuzzy, filled",
            Outcome::Offered | Outcome::CodesNotMapped => "fuzzy, offered",
            Outcome::NoMatch => "none",
            Outcome::AlreadyTranslated => "kept",
            Outcome::NotTranslatable => "not translated",
            _ => "",
        };
        let (score, proposal) = match &segment.best {
            Some(best) => (
                best.score.to_string(),
                best.best_target().plain_text().to_string(),
            ),
            None => (String::new(), String::new()),
        };
        println!(
            "{:>3}  {:<16} {:>5}  {:<46}  {}",
            number + 1,
            what,
            score,
            shorten(segment.source.plain_text(), 46),
            proposal
        );
    }
}

/// At most `width` characters, with an ellipsis when cut.
fn shorten(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let mut out: String = text.chars().take(width - 1).collect();
    out.push('…');
    out
}
