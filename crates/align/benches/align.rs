//! Aligning documents of 10,000 sentences each, against Gale and Church's length-only model
//! (the same dynamic programming without anchors) as the baseline.
//!
//! `cargo bench -p werkbank-align --bench align`

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use werkbank_align::{align_segments, AlignOptions};

/// Sentence pairs with numbers and names, with every 50th German sentence dropped and every 70th
/// English one split in two, so the path leaves the diagonal now and then.
fn documents(n: usize) -> (Vec<String>, Vec<String>) {
    let places = ["Basel", "Bern", "Genf", "Luzern", "Chur", "Sitten", "Thun"];
    let mut german = Vec::new();
    let mut english = Vec::new();
    for i in 0..n {
        let place = places[i % places.len()];
        if i % 50 != 7 {
            german.push(format!(
                "Am Standort {place} wurden {} Proben genommen und im Labor {} ausgewertet.",
                i % 83,
                i % 13
            ));
        }
        if i % 70 == 3 {
            english.push(format!(
                "At the {place} site {} samples were taken.",
                i % 83
            ));
            english.push(format!("They were analysed in laboratory {}.", i % 13));
        } else {
            english.push(format!(
                "At the {place} site {} samples were taken and analysed in laboratory {}.",
                i % 83,
                i % 13
            ));
        }
    }
    (german, english)
}

fn bench(c: &mut Criterion) {
    let (german, english) = documents(10_000);
    let g: Vec<&str> = german.iter().map(String::as_str).collect();
    let e: Vec<&str> = english.iter().map(String::as_str).collect();
    let mut length_only = AlignOptions::default().with_learnt_dictionary(false);
    length_only.anchor_weight = 0.0;
    length_only.mismatch_penalty = 0.0;
    let mut group = c.benchmark_group("align_10000_sentences");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.bench_function("gale_church_length_only", |b| {
        b.iter(|| black_box(align_segments(black_box(&g), black_box(&e), &length_only)))
    });
    group.bench_function("werkbank_length_and_anchors", |b| {
        b.iter(|| {
            black_box(align_segments(
                black_box(&g),
                black_box(&e),
                &AlignOptions::default(),
            ))
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
