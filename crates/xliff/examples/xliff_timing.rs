//! Rough timing of the stages of a streaming rewrite on one file (for finding where time goes;
//! the benchmark in benches/xliff_io.rs is the measurement of record).
//!
//! `cargo run --release -p werkbank-xliff --example xliff_timing -- FILE.xlf [STAGE]`

use std::time::Instant;

use werkbank_xliff::xml::{self, Limits, WriteMode};

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: timing FILE.xlf");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let runs = 5;
    // An optional second argument picks the stages whose label contains it (for profiling one).
    let only = std::env::args().nth(2).unwrap_or_default();
    let time = |label: &str, f: &mut dyn FnMut()| {
        if !label.contains(only.as_str()) {
            return;
        }
        let start = Instant::now();
        for _ in 0..runs {
            f();
        }
        println!(
            "{label}: {:.1} ms",
            start.elapsed().as_secs_f64() * 1000.0 / runs as f64
        );
    };
    time("quick-xml events only", &mut || {
        let mut reader = quick_xml::Reader::from_str(&text);
        reader.config_mut().trim_text(false);
        let mut n = 0usize;
        while !matches!(
            reader.read_event(),
            Ok(quick_xml::events::Event::Eof) | Err(_)
        ) {
            n += 1;
        }
        std::hint::black_box(n);
    });
    time("tree per unit, dropped", &mut || {
        let mut sink = |element: xml::Element, _: std::ops::Range<usize>| {
            std::hint::black_box(element);
            Ok(())
        };
        let _ = xml::parse_streaming(&text, Limits::default(), &mut sink);
    });
    time("tree per unit, written", &mut || {
        let mut out = String::with_capacity(text.len());
        let mut sink = |element: xml::Element, _: std::ops::Range<usize>| {
            xml::write_element(&element, WriteMode::Preserve, &mut out);
            Ok(())
        };
        let _ = xml::parse_streaming(&text, Limits::default(), &mut sink);
        std::hint::black_box(out);
    });
    time(
        "cloning one unit as often as there are units (the model's allocations alone)",
        &mut || {
            let units = werkbank_xliff::stream::read_units_streaming(
                text.get(..20000)
                    .map(|t| {
                        let cut = t.rfind("</unit>").map_or(0, |i| i + 7);
                        format!("{}\n </file>\n</xliff>\n", &t[..cut])
                    })
                    .unwrap_or_default()
                    .as_bytes(),
            )
            .unwrap_or_default();
            if let Some(first) = units.first() {
                for _ in 0..58694 {
                    std::hint::black_box(first.clone());
                }
            }
        },
    );
    time("skeleton tree, unit events skipped", &mut || {
        let mut sink = |events: &mut xml::UnitEvents<'_, '_>| events.finish().map(|_| ());
        let _ = xml::parse_streaming_events(&text, Limits::default(), &mut sink);
    });
    time(
        "streaming read (units from events), output discarded",
        &mut || {
            let _ = werkbank_xliff::stream::rewrite_streaming(
                text.as_bytes(),
                &mut std::io::sink(),
                &mut |_, _| Ok(()),
            );
        },
    );
    time(
        "streaming rewrite (units from events), written",
        &mut || {
            let mut out = Vec::with_capacity(text.len());
            let summary = werkbank_xliff::stream::rewrite_streaming(
                text.as_bytes(),
                &mut out,
                &mut |_, _| Ok(()),
            );
            if let Ok(summary) = summary {
                eprintln!(
                    "{} units, {} read from events",
                    summary.units, summary.read_from_events
                );
            }
            std::hint::black_box(out);
        },
    );
}
