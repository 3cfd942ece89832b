//! Indexed lookup against scoring every unit (the brute force the index must equal), measured in
//! the same run on a memory of 100,000 units.
//!
//! ```text
//! cargo bench -p werkbank-tm --bench lookup
//! ```
//!
//! The units are the German–English pairs in `../shared/data/tm` (Debian UI strings, OmegaT UI
//! strings, Tatoeba sentences; set `WERKBANK_SHARED` to point elsewhere) plus deterministic
//! variants of them (two neighbouring words swapped, two sentences joined) up to 100,000. The
//! queries are 200 further variants (a word dropped, a word replaced, a number changed).

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use werkbank_model::{Content, TranslationUnit};
use werkbank_tm::{InMemoryStore, LookupOptions, Memory};

const UNITS: usize = 100_000;
const QUERIES: usize = 200;

struct Sequence(u64);
impl Sequence {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % below.max(1) as u64) as usize
    }
}

fn shared_dir() -> PathBuf {
    std::env::var_os("WERKBANK_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"))
}

/// German–English pairs from the shared data, or generated ones when it is not there.
fn pairs() -> Vec<(String, String)> {
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

fn variant(de: &str, other: &str, sequence: &mut Sequence) -> String {
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

fn unit(de: &str, en: &str) -> TranslationUnit {
    TranslationUnit::new(
        "de".parse().unwrap(),
        "en".parse().unwrap(),
        Content::from_text(de),
        Content::from_text(en),
    )
}

fn build() -> (Memory<InMemoryStore>, Vec<Content>) {
    let pairs = pairs();
    let mut sequence = Sequence(42);
    let mut units: Vec<TranslationUnit> = pairs.iter().map(|(de, en)| unit(de, en)).collect();
    while units.len() < UNITS {
        let (de, en) = &pairs[sequence.next(pairs.len())];
        let (other, _) = &pairs[sequence.next(pairs.len())];
        units.push(unit(&variant(de, other, &mut sequence), en));
    }
    units.truncate(UNITS);
    let queries = (0..QUERIES)
        .map(|_| {
            let (de, _) = &pairs[sequence.next(pairs.len())];
            let (other, _) = &pairs[sequence.next(pairs.len())];
            Content::from_text(variant(de, other, &mut sequence))
        })
        .collect();
    let mut memory = Memory::open(
        InMemoryStore::new(),
        "de".parse().unwrap(),
        "en".parse().unwrap(),
    )
    .unwrap();
    memory.add_all(units).unwrap();
    (memory, queries)
}

fn lookup(c: &mut Criterion) {
    let (memory, queries) = build();
    let options = LookupOptions {
        min_score: 70,
        max_results: 5,
        ..LookupOptions::default()
    };
    // The two must agree before their speed means anything.
    for query in &queries {
        let indexed: Vec<_> = memory
            .lookup(query, &options)
            .iter()
            .map(|m| (m.score, m.unit_id))
            .collect();
        let brute: Vec<_> = memory
            .lookup_brute_force(query, &options)
            .iter()
            .map(|m| (m.score, m.unit_id))
            .collect();
        assert_eq!(indexed, brute, "query {:?}", query.plain_text());
    }
    let mut group = c.benchmark_group("tm_100k_lookup");
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(2));
    group.measurement_time(Duration::from_secs(10));
    group.throughput(Throughput::Elements(QUERIES as u64));
    group.bench_function("werkbank_indexed_200_queries", |b| {
        b.iter(|| {
            queries
                .iter()
                .map(|q| memory.lookup(black_box(q), &options).len())
                .sum::<usize>()
        })
    });
    let few = &queries[..10];
    group.throughput(Throughput::Elements(few.len() as u64));
    group.measurement_time(Duration::from_secs(20));
    group.bench_function("brute_force_10_queries", |b| {
        b.iter(|| {
            few.iter()
                .map(|q| memory.lookup_brute_force(black_box(q), &options).len())
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, lookup);
criterion_main!(benches);
