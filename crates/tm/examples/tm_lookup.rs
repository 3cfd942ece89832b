//! A translation memory in a few lines: exact, fuzzy and in-context matches, and a number put
//! into a stored translation.
//!
//! ```text
//! cargo run -p werkbank-tm --example tm_lookup
//! ```

use werkbank_model::{Content, TranslationUnit, UnitContext};
use werkbank_tm::{InMemoryStore, LookupOptions, Memory};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (de, en) = ("de".parse()?, "en".parse()?);
    let mut memory = Memory::open(InMemoryStore::new(), de, en)?;
    let pairs = [
        ("Die Datei wurde gespeichert.", "The file was saved."),
        (
            "Die Verbindung zum Server ist unterbrochen.",
            "The connection to the server is lost.",
        ),
        (
            "Der Vorgang dauert etwa 10 Minuten.",
            "The process takes about 10 minutes.",
        ),
    ];
    for (source, target) in pairs {
        let mut unit = TranslationUnit::new(
            memory.source_language().clone(),
            memory.target_language().clone(),
            Content::from_text(source),
            Content::from_text(target),
        );
        if source.starts_with("Die Datei") {
            unit.context = UnitContext {
                previous: Some("Speichern Sie Ihre Arbeit.".into()),
                next: None,
            };
        }
        memory.add(unit)?;
    }

    let queries = [
        ("Die Datei wurde gespeichert.", None),
        (
            "Die Datei wurde gespeichert.",
            Some("Speichern Sie Ihre Arbeit."),
        ),
        ("Die Datei wurde nicht gespeichert.", None),
        ("Der Vorgang dauert etwa 25 Minuten.", None),
        ("Die Verbindung zum Drucker ist unterbrochen.", None),
    ];
    for (query, previous) in queries {
        let options = LookupOptions::default().with_context(previous.map(str::to_string), None);
        println!(
            "{query}{}",
            previous
                .map(|p| format!("   (after {p:?})"))
                .unwrap_or_default()
        );
        for found in memory.lookup(&Content::from_text(query), &options) {
            let target = found.adapted_target.as_ref().unwrap_or(&found.unit.target);
            println!(
                "  {:>3} {:?}  {}",
                found.score,
                found.kind,
                target.plain_text()
            );
        }
    }
    Ok(())
}
