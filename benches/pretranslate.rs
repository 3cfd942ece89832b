//! Pre-translating a 10,000-segment XLIFF 2.1 file against a translation memory of 100,000
//! units, against the baseline of the same 10,000 lookups done directly on the memory (no XLIFF
//! at all), measured in the same run.
//!
//! ```text
//! cargo bench --bench pretranslate
//! ```
//!
//! The memory holds the German–English pairs of `../shared/data/tm` and variants of them (the
//! material of `werkbank-tm`'s lookup benchmark; generated sentences when `../shared` is not
//! there). The document's segments are, in turn, a stored source (exact match), a variant of
//! one (fuzzy match) and a sentence joined from two (mostly no match), five to a unit.
//!
//! Besides the criterion groups, one run of the whole job (reading the file, opening the
//! memory, pre-translating, writing) is timed once and printed, because that is what a user
//! waits for.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion};
use werkbank::job::pretranslate::{pretranslate, PretranslateOptions};
use werkbank::model::{Content, MatchSource, ProposalQuery};
use werkbank::tm::LookupOptions;
use werkbank::xliff::Document;

#[path = "support/document.rs"]
mod document;
#[path = "../crates/tm/benches/support/material.rs"]
mod material;

use document::{sentences, xliff};

const UNITS: usize = 100_000;

fn pretranslation(c: &mut Criterion) {
    let (units, _) = material::material(UNITS, 0);
    let started = Instant::now();
    let memory = material::build(units.clone());
    let open_time = started.elapsed();
    let text = xliff(&sentences(&units, 10_000));
    let options = PretranslateOptions::default();

    // The whole job once, as a user waits for it (the memory is built in memory here; opening
    // a SQLite memory of this size is measured by werkbank-tm's scale example).
    let started = Instant::now();
    let mut written = Vec::new();
    let report = pretranslate(
        text.as_bytes(),
        &mut written,
        &memory,
        &options,
        &mut |_| {},
    )
    .expect("pre-translation succeeds");
    let job = started.elapsed();
    eprintln!(
        "whole job: {:.2} s for {} segments ({} bytes in, {} out) against {UNITS} units indexed in {:.2} s; \
         {} with proposals",
        job.as_secs_f64(),
        report.segments,
        text.len(),
        written.len(),
        open_time.as_secs_f64(),
        report.with_proposals
    );

    let mut group = c.benchmark_group("pretranslate_10k_segments_100k_units");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(30));
    let sources: Vec<Content> = Document::parse(text.as_bytes())
        .and_then(|d| d.units())
        .expect("the generated file parses")
        .iter()
        .flat_map(|u| u.segments().map(|s| s.source.clone()).collect::<Vec<_>>())
        .collect();
    group.bench_function("baseline: the lookups alone", |b| {
        b.iter(|| {
            let lookup = LookupOptions::default()
                .with_min_score(options.min_score)
                .with_max_results(options.max_candidates);
            for (i, source) in sources.iter().enumerate() {
                let query = ProposalQuery::new(source)
                    .with_previous(i.checked_sub(1).and_then(|p| sources.get(p)))
                    .with_next(sources.get(i + 1))
                    .with_min_score(lookup.min_score)
                    .with_max_results(lookup.max_results);
                black_box(
                    memory
                        .proposals(&query)
                        .expect("a memory in memory answers"),
                );
            }
        })
    });
    group.bench_function(
        "werkbank: read, pretranslate, write, a unit at a time",
        |b| {
            b.iter(|| {
                let mut written = Vec::with_capacity(text.len() * 2);
                let report = pretranslate(
                    text.as_bytes(),
                    &mut written,
                    &memory,
                    &options,
                    &mut |_| {},
                )
                .expect("pre-translation succeeds");
                black_box((report, written))
            })
        },
    );
    group.finish();
}

criterion_group!(benches, pretranslation);
criterion_main!(benches);
