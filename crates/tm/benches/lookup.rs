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
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use werkbank_tm::LookupOptions;

const UNITS: usize = 100_000;
const QUERIES: usize = 200;

#[path = "support/material.rs"]
mod material;

use material::build;

fn lookup(c: &mut Criterion) {
    let (units, queries) = material::material(UNITS, QUERIES);
    let memory = build(units);
    let options = LookupOptions::default()
        .with_min_score(70)
        .with_max_results(5);
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
    group.bench_function("scan_with_cutoff_10_queries", |b| {
        b.iter(|| {
            few.iter()
                .map(|q| memory.lookup_scan(black_box(q), &options).len())
                .sum::<usize>()
        })
    });
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
