//! The SQLite store: persistence, refusing files that are not a werkbank memory, and readers
//! while an import runs.

mod common;

use common::{sentence, unit, Sequence};
use werkbank_model::Content;
use werkbank_tm::{LookupOptions, Memory, SqliteStore, TmError};

fn open(path: &std::path::Path) -> Result<Memory<SqliteStore>, TmError> {
    Memory::open(
        SqliteStore::open(path)?,
        "de".parse().unwrap(),
        "en".parse().unwrap(),
    )
}

#[test]
fn units_survive_closing_and_opening() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("memory.wbtm");
    let mut memory = open(&path).unwrap();
    let ids = memory
        .add_all(vec![
            unit("Die Datei wurde gespeichert.", "The file has been saved."),
            unit("Abbrechen", "Cancel"),
        ])
        .unwrap();
    memory
        .update(ids[1], unit("Abbrechen", "Cancel (button)"))
        .unwrap();
    drop(memory);
    let memory = open(&path).unwrap();
    assert_eq!(memory.len(), 2);
    assert_eq!(
        memory.get(ids[1]).unwrap().target.plain_text(),
        "Cancel (button)"
    );
    let found = memory.lookup(
        &Content::from_text("Die Datei wurde gespeichert."),
        &LookupOptions::default(),
    );
    assert_eq!(found[0].score, 100);
    // The stored pair is checked when the memory is opened again.
    let other = Memory::open(
        SqliteStore::open(&path).unwrap(),
        "fr".parse().unwrap(),
        "en".parse().unwrap(),
    );
    assert!(matches!(other, Err(TmError::LanguagePair { .. })));
}

#[test]
fn a_file_that_is_not_a_memory_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "Dies ist keine Datenbank.\n".repeat(200)).unwrap();
    let before = std::fs::read(&text).unwrap();
    let error = SqliteStore::open(&text).unwrap_err();
    assert!(
        matches!(error, TmError::NotATranslationMemory { .. }),
        "{error}"
    );
    assert!(error.to_string().contains("left untouched"), "{error}");
    assert_eq!(std::fs::read(&text).unwrap(), before);

    // Another program's SQLite database.
    let other = dir.path().join("other.sqlite");
    {
        let connection = rusqlite_connection(&other);
        connection
            .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
            .unwrap();
    }
    let before = std::fs::read(&other).unwrap();
    assert!(matches!(
        SqliteStore::open(&other),
        Err(TmError::NotATranslationMemory { .. })
    ));
    assert_eq!(std::fs::read(&other).unwrap(), before);
}

#[test]
fn a_damaged_memory_is_not_written_but_read_as_far_as_it_can_be() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("memory.wbtm");
    let mut memory = open(&path).unwrap();
    let mut sequence = Sequence::new(3);
    let units = (0..2000).map(|_| {
        let (de, en) = sentence(&mut sequence);
        unit(&de, &en)
    });
    memory.add_all(units.collect()).unwrap();
    drop(memory);
    // Overwrite a stretch in the middle of the file.
    let mut bytes = std::fs::read(&path).unwrap();
    let middle = bytes.len() / 2;
    for byte in &mut bytes[middle..middle + 4096] {
        *byte = 0xA5;
    }
    std::fs::write(&path, &bytes).unwrap();
    let result = open(&path);
    assert!(
        result.is_err(),
        "a damaged file must not be opened for writing"
    );
    assert_eq!(
        std::fs::read(&path).unwrap(),
        bytes,
        "and must not be changed"
    );
    // Read-only, it is read as far as it can be: the units on the damaged page are reported,
    // the others are there.
    let store = SqliteStore::open_read_only(&path).unwrap();
    let report = store.check().unwrap();
    assert!(!report.is_clean());
    assert!(!report.integrity.is_empty());
    assert!(!report.damaged.is_empty());
    // One page lost costs the units on it (and, where a page of the table's tree is hit, those
    // it led to until the next readable one): a small part of the memory.
    assert!(report.readable >= 1800, "{} readable", report.readable);
    let memory = Memory::open(store, "de".parse().unwrap(), "en".parse().unwrap()).unwrap();
    assert_eq!(memory.len(), report.readable);
    assert!(!memory.damaged().is_empty());
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
}

#[test]
fn readers_see_all_or_nothing_of_an_import_that_runs() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("memory.wbtm");
    let mut memory = open(&path).unwrap();
    memory.add(unit("Erster Satz.", "First sentence.")).unwrap();
    let reader_path = path.clone();
    let reader = std::thread::spawn(move || {
        let mut counts = Vec::new();
        for _ in 0..20 {
            let memory = open(&reader_path).unwrap();
            counts.push(memory.len());
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        counts
    });
    let mut sequence = Sequence::new(11);
    let batch: Vec<_> = (0..20_000)
        .map(|_| {
            let (de, en) = sentence(&mut sequence);
            unit(&de, &en)
        })
        .collect();
    // The same pair twice is stored once.
    let distinct: std::collections::HashSet<(String, String)> = batch
        .iter()
        .map(|u| {
            (
                u.source.plain_text().to_string(),
                u.target.plain_text().to_string(),
            )
        })
        .collect();
    let all = 1 + distinct.len();
    memory.add_all(batch).unwrap();
    let counts = reader.join().unwrap();
    assert!(counts.iter().all(|&n| n == 1 || n == all), "{counts:?}");
    assert_eq!(open(&path).unwrap().len(), all);
}

fn rusqlite_connection(path: &std::path::Path) -> rusqlite::Connection {
    rusqlite::Connection::open(path).unwrap()
}

#[test]
fn concordance_from_the_index_equals_reading_every_unit() {
    use werkbank_tm::{InMemoryStore, Side};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("memory.wbtm");
    let mut indexed = open(&path).unwrap();
    let mut scanned = Memory::open(
        InMemoryStore::new(),
        "de".parse().unwrap(),
        "en".parse().unwrap(),
    )
    .unwrap();
    let mut sequence = Sequence::new(5);
    let first: Vec<_> = (0..3000)
        .map(|_| {
            let (de, en) = sentence(&mut sequence);
            unit(&de, &en)
        })
        .collect();
    indexed.add_all(first.clone()).unwrap();
    scanned.add_all(first).unwrap();
    let searches: Vec<Vec<String>> = [
        vec!["Datei"],
        vec!["datei", "gespeichert"],
        vec!["ÜBER"],
        vec!["die datei"],
        vec!["zz-nothing"],
        vec!["de"],
    ]
    .iter()
    .map(|w| w.iter().map(|s| s.to_string()).collect())
    .collect();
    let compare = |indexed: &mut Memory<SqliteStore>, scanned: &mut Memory<InMemoryStore>| {
        for words in &searches {
            for side in [Side::Source, Side::Target] {
                let a = indexed.concordance(words, side, 50).unwrap();
                let b = scanned.concordance(words, side, 50).unwrap();
                assert_eq!(a, b, "{words:?} {side:?}");
            }
        }
    };
    compare(&mut indexed, &mut scanned);
    // Writes after the index was built keep it up to date.
    let more: Vec<_> = (0..500)
        .map(|_| {
            let (de, en) = sentence(&mut sequence);
            unit(&de, &en)
        })
        .collect();
    indexed.add_all(more.clone()).unwrap();
    scanned.add_all(more).unwrap();
    let learnt = unit("Die Datei ist jetzt gespeichert.", "The file is saved now.");
    indexed.learn(vec![learnt.clone()]).unwrap();
    scanned.learn(vec![learnt]).unwrap();
    compare(&mut indexed, &mut scanned);
}
