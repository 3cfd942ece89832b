//! Test material for the TM benchmark and the scale measurement: German–English pairs from
//! `../shared/data/tm` (or generated ones when it is not there) and deterministic variants.

use std::path::PathBuf;

use werkbank_model::{Content, TranslationUnit};
use werkbank_tm::{InMemoryStore, Memory};

/// A linear congruential generator: the same material on every run.
#[derive(Debug)]
pub struct Sequence(pub u64);

impl Sequence {
    pub fn next(&mut self, below: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % below.max(1) as u64) as usize
    }
}

fn shared_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("WERKBANK_SHARED") {
        return PathBuf::from(dir);
    }
    // `../shared` next to the project's root, seen from a crate or from the root package.
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    ["../../../shared/data", "../shared/data"]
        .iter()
        .map(|relative| manifest.join(relative))
        .find(|dir| dir.is_dir())
        .unwrap_or_else(|| manifest.join("../shared/data"))
}

/// German–English pairs from the shared data, or generated ones when it is not there.
pub fn pairs() -> Vec<(String, String)> {
    let tm = shared_dir().join("tm");
    let mut out = Vec::new();
    let columns = [
        ("debian-ui-po-de/debian_ui_de_en.tsv", 2, 3),
        ("omegat-bundle/omegat_ui_de_en.tsv", 1, 2),
        ("omegat-bundle/omegat_aligner_ui_de_en.tsv", 1, 2),
        ("tatoeba-deu-eng/tatoeba_deu_eng.tsv", 2, 3),
    ];
    for (file, de, en) in columns {
        let Ok(text) = std::fs::read_to_string(tm.join(file)) else {
            continue;
        };
        for line in text.lines().skip(usize::from(!file.contains("tatoeba"))) {
            let fields: Vec<&str> = line.split('\t').collect();
            if let (Some(de), Some(en)) = (fields.get(de), fields.get(en)) {
                if !de.trim().is_empty() && !en.trim().is_empty() {
                    out.push((de.trim().to_string(), en.trim().to_string()));
                }
            }
        }
    }
    if out.is_empty() {
        eprintln!("../shared/data/tm is not there: using generated sentences");
        let words = [
            "Datei",
            "Gerät",
            "wurde",
            "nicht",
            "gespeichert",
            "Drucker",
            "ist",
            "bereit",
            "Fehler",
            "beim",
            "Öffnen",
            "der",
            "die",
            "das",
            "Verbindung",
            "Server",
        ];
        let mut sequence = Sequence(1);
        for _ in 0..40_000 {
            let length = 3 + sequence.next(10);
            let sentence: Vec<&str> = (0..length)
                .map(|_| words[sequence.next(words.len())])
                .collect();
            out.push((format!("{}.", sentence.join(" ")), "English.".to_string()));
        }
    }
    out
}

/// A variant of a German sentence: two neighbouring words swapped, another sentence joined, a
/// word dropped, or a number added.
pub fn variant(de: &str, other: &str, sequence: &mut Sequence) -> String {
    let mut words: Vec<&str> = de.split_whitespace().collect();
    match sequence.next(3) {
        0 if words.len() > 2 => {
            let at = sequence.next(words.len() - 1);
            words.swap(at, at + 1);
            words.join(" ")
        }
        1 => format!("{de} {other}"),
        _ if words.len() > 3 => {
            words.remove(sequence.next(words.len()));
            words.join(" ")
        }
        _ => format!("{de} {}", sequence.next(1000)),
    }
}

pub fn unit(de: &str, en: &str) -> TranslationUnit {
    TranslationUnit::new(
        "de".parse().unwrap(),
        "en".parse().unwrap(),
        Content::from_text(de),
        Content::from_text(en),
    )
}

/// `units` translation units (the pairs first, then variants) and `queries` further variants.
pub fn material(units: usize, queries: usize) -> (Vec<TranslationUnit>, Vec<Content>) {
    let pairs = pairs();
    let mut sequence = Sequence(42);
    let mut out: Vec<TranslationUnit> = pairs
        .iter()
        .take(units)
        .map(|(de, en)| unit(de, en))
        .collect();
    while out.len() < units {
        let (de, en) = &pairs[sequence.next(pairs.len())];
        let (other, _) = &pairs[sequence.next(pairs.len())];
        out.push(unit(&variant(de, other, &mut sequence), en));
    }
    let queries = (0..queries)
        .map(|_| {
            let (de, _) = &pairs[sequence.next(pairs.len())];
            let (other, _) = &pairs[sequence.next(pairs.len())];
            Content::from_text(variant(de, other, &mut sequence))
        })
        .collect();
    (out, queries)
}

/// An in-memory memory holding `units`.
#[allow(dead_code)]
pub fn build(units: Vec<TranslationUnit>) -> Memory<InMemoryStore> {
    let mut memory = Memory::open(
        InMemoryStore::new(),
        "de".parse().unwrap(),
        "en".parse().unwrap(),
    )
    .unwrap();
    memory.add_all(units).unwrap();
    memory
}
