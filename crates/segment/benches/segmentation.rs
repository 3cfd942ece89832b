//! Segmentation speed against the named baselines, measured in the same run.
//!
//! ```text
//! cargo bench -p werkbank-segment --bench segmentation
//! ```
//!
//! The German text is at least 10 MB: the seed article and the German Tatoeba sentences from
//! `../shared/data` when that folder is there (set `WERKBANK_SHARED` to point elsewhere), else a
//! German text written for this benchmark; either is repeated to the size. `WERKBANK_BENCH_TEXT`
//! names a file to use instead.
//!
//! The `hostile_*` groups feed the built-in rules text built to make a scanner rescan a line:
//! "3. " repeated, an unclosed „ before a long paragraph, a line without spaces ("Ab.Cd.…"),
//! content with thousands of code pairs across sentence ends. Each runs at 1 MB and 4 MB next
//! to ordinary German text of the same sizes; linear time shows as the same throughput at both.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use unicode_segmentation::UnicodeSegmentation;
use werkbank_model::{Content, InlineCode, LanguageTag};
use werkbank_segment::{Segmenter, SegmenterOptions};

const TEN_MB: usize = 10 * 1024 * 1024;
const SRX_SAMPLE: usize = 1024 * 1024;

const OWN_TEXT: &str = "\
Der Stadtrat hat am 12. März den Haushalt für 2027 beschlossen. Er umfasst ca. 84,5 Mio. Euro, \
d. h. rund 3 Prozent mehr als im Vorjahr. „Wir investieren in Schulen. Das ist richtig“, sagte \
Bürgermeister Dr. Karl Weiß nach der Sitzung.\n\nKritik kam von der Opposition. Sie bemängelt u. a. \
die hohen Kosten für das neue Rathaus (vgl. Drucksache Nr. 17/2026). Der Bau soll im 2. Quartal \
beginnen und bis Ende 2029 dauern… Ob das gelingt? Die Verwaltung ist zuversichtlich!\n\n";

fn shared_dir() -> PathBuf {
    std::env::var_os("WERKBANK_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"))
}

/// The German text of the benchmark and where it came from.
fn german_text(min_len: usize) -> (String, &'static str) {
    if let Some(path) = std::env::var_os("WERKBANK_BENCH_TEXT") {
        let text = std::fs::read_to_string(path).expect("WERKBANK_BENCH_TEXT is readable UTF-8");
        return (repeat_to(&text, min_len), "WERKBANK_BENCH_TEXT");
    }
    let shared = shared_dir();
    let seed = std::fs::read_to_string(shared.join("seed/000_9b877f209e74dd2d.txt"));
    let tatoeba = std::fs::read_to_string(shared.join("tm/tatoeba-deu-eng/tatoeba_deu_eng.tsv"));
    if let (Ok(seed), Ok(tatoeba)) = (seed, tatoeba) {
        let mut base = seed;
        base.push_str("\n\n");
        let sentences: Vec<&str> = tatoeba
            .lines()
            .filter_map(|line| line.split('\t').nth(2))
            .collect();
        for paragraph in sentences.chunks(6) {
            base.push_str(&paragraph.join(" "));
            base.push_str("\n\n");
        }
        return (
            repeat_to(&base, min_len),
            "seed article + Tatoeba German sentences",
        );
    }
    (
        repeat_to(OWN_TEXT, min_len),
        "German text written for the benchmark",
    )
}

fn repeat_to(base: &str, min_len: usize) -> String {
    let mut text = String::with_capacity(min_len + base.len());
    while text.len() < min_len {
        text.push_str(base);
    }
    text
}

/// The first `len` bytes, cut at a paragraph break.
fn prefix(text: &str, len: usize) -> &str {
    let cut = text[..len.min(text.len())]
        .rfind("\n\n")
        .unwrap_or(len.min(text.len()));
    &text[..cut]
}

fn builtin_against_uax29(c: &mut Criterion) {
    let (text, source) = german_text(TEN_MB);
    eprintln!("benchmark text: {} bytes, {source}", text.len());
    let werkbank = Segmenter::builtin(&"de".parse().unwrap()).unwrap();
    let icu = icu_segmenter::SentenceSegmenter::new(Default::default());

    let mut group = c.benchmark_group("german_10mb");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(2));
    group.measurement_time(Duration::from_secs(10));
    group.bench_function("werkbank_builtin_de", |b| {
        b.iter(|| werkbank.split(black_box(&text)).unwrap().len())
    });
    group.bench_function("unicode_segmentation_split_sentence_bounds", |b| {
        b.iter(|| black_box(&text).split_sentence_bounds().count())
    });
    group.bench_function("icu_segmenter_sentence", |b| {
        b.iter(|| icu.segment_str(black_box(&text)).count())
    });
    group.finish();
}

fn okapi_srx_against_srx_crate(c: &mut Criterion) {
    let path = shared_dir().join("segmentation/okapi_defaultSegmentation.srx");
    let Ok(rules) = std::fs::read_to_string(&path) else {
        eprintln!(
            "skipping the SRX comparison: {} is not there",
            path.display()
        );
        return;
    };
    let (text, _) = german_text(SRX_SAMPLE);
    let sample = prefix(&text, SRX_SAMPLE);
    let werkbank = Segmenter::from_srx(&rules, "de").unwrap();
    let srx_rules: srx::SRX = rules.parse().unwrap();
    let srx_german = srx_rules.language_rules("de");

    let mut group = c.benchmark_group("okapi_german_srx_1mb");
    group.throughput(Throughput::Bytes(sample.len() as u64));
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(2));
    group.measurement_time(Duration::from_secs(15));
    group.bench_function("werkbank_srx_engine", |b| {
        b.iter(|| werkbank.split(black_box(sample)).unwrap().len())
    });
    group.bench_function("srx_crate_0_1_4", |b| {
        b.iter(|| srx_german.split(black_box(sample)).count())
    });
    group.finish();
}

const ONE_MB: usize = 1024 * 1024;

/// Content of at least `len` bytes of text whose bold pairs each open in one sentence and close
/// in the next, so every pair holds a sentence end.
fn content_with_code_pairs(len: usize) -> Content {
    let mut content = Content::new();
    let mut pair = 0usize;
    while content.plain_text().len() < len {
        pair += 1;
        let id = pair.to_string();
        content.push_text("Der Zug fährt ab. Er hält ");
        content.push_code(InlineCode::opening(id.as_str()).with_data("<b>"));
        content.push_text("in Bonn. Dann weiter");
        content.push_code(InlineCode::closing(id.as_str()).with_data("</b>"));
        content.push_text(" nach Köln. ");
    }
    content
}

fn hostile_text(c: &mut Criterion) {
    let german: LanguageTag = "de".parse().unwrap();
    let rules = Segmenter::builtin(&german).unwrap();
    let keeping =
        Segmenter::builtin_with(&german, &SegmenterOptions::default().keep_quotations(true))
            .unwrap();
    let (ordinary, _) = german_text(4 * ONE_MB);
    for size in [ONE_MB, 4 * ONE_MB] {
        let label = format!("{}mb", size / ONE_MB);
        let mut group = c.benchmark_group(format!("hostile_{label}"));
        group.throughput(Throughput::Bytes(size as u64));
        group.sample_size(10);
        group.warm_up_time(Duration::from_secs(1));
        group.measurement_time(Duration::from_secs(5));
        let plain = prefix(&ordinary, size).to_string();
        group.bench_function("ordinary_german", |b| {
            b.iter(|| rules.split(black_box(&plain)).unwrap().len())
        });
        let numbers = "3. ".repeat(size / 3);
        group.bench_function("list_numbers_3_dot", |b| {
            b.iter(|| rules.split(black_box(&numbers)).unwrap().len())
        });
        let unclosed = format!("„{}", "Das ist ein Satz. ".repeat(size / 18));
        group.bench_function("unclosed_quotation_kept", |b| {
            b.iter(|| keeping.split(black_box(&unclosed)).unwrap().len())
        });
        let no_spaces = "Ab.Cd.".repeat(size / 6);
        group.bench_function("line_without_spaces", |b| {
            b.iter(|| rules.split(black_box(&no_spaces)).unwrap().len())
        });
        let coded = content_with_code_pairs(size);
        group.bench_function("content_code_pairs", |b| {
            b.iter(|| rules.split_content(black_box(&coded)).unwrap().len())
        });
        group.finish();
    }
}

criterion_group!(
    benches,
    builtin_against_uax29,
    okapi_srx_against_srx_crate,
    hostile_text
);
criterion_main!(benches);
