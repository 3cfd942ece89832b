//! Reading and writing generated XLIFF 2.1 and 1.2 files of 52 MB, against a bare quick-xml loop
//! that reads every event and writes it straight back (the baseline named in
//! docs/PERFORMANCE.md).
//!
//! `cargo bench -p werkbank-xliff --bench xliff_io`

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use quick_xml::events::Event;
use quick_xml::{Reader, Writer};
use werkbank_xliff::stream::rewrite;
use werkbank_xliff::Document;

#[path = "support/generate.rs"]
mod generate;

fn quick_xml_event_loop(text: &str) -> Vec<u8> {
    let mut reader = Reader::from_str(text);
    reader.config_mut().trim_text(false);
    let mut writer = Writer::new(Vec::with_capacity(text.len()));
    loop {
        match reader.read_event() {
            Ok(Event::Eof) => break,
            Ok(event) => writer.write_event(event).expect("write"),
            Err(error) => panic!("{error}"),
        }
    }
    writer.into_inner()
}

fn bench(c: &mut Criterion) {
    for (version, text) in [
        ("2.1", generate::xliff_21(52 << 20)),
        ("1.2", generate::xliff_12(52 << 20)),
    ] {
        let bytes = text.as_bytes();
        // The same bytes come out of every contender.
        assert_eq!(quick_xml_event_loop(&text), bytes);
        let mut out = Vec::new();
        let summary = rewrite(bytes, &mut out, &mut |_, _, _| Ok(())).expect("rewrite");
        assert_eq!(out, bytes);
        eprintln!(
            "XLIFF {version}: {} bytes, {} units, {} read from events",
            bytes.len(),
            summary.units,
            summary.read_from_events
        );

        let mut group = c.benchmark_group(format!("xliff_{version}_read_write_52MB"));
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.sample_size(10);
        group.measurement_time(Duration::from_secs(20));
        group.bench_function("quick_xml_event_loop", |b| {
            b.iter(|| black_box(quick_xml_event_loop(black_box(&text))))
        });
        group.bench_function("werkbank_streaming_rewrite", |b| {
            b.iter(|| {
                let mut out = Vec::with_capacity(bytes.len());
                rewrite(black_box(bytes), &mut out, &mut |_, _, _| Ok(())).expect("rewrite");
                black_box(out)
            })
        });
        group.bench_function("werkbank_document_parse_write", |b| {
            b.iter(|| {
                let document = Document::parse(black_box(bytes)).expect("parse");
                black_box(document.to_bytes())
            })
        });
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
