//! Rough timing of the stages of a streaming rewrite on one file (for finding where time goes;
//! the benchmark in benches/xliff_io.rs is the measurement of record).
//!
//! `cargo run --release -p werkbank-xliff --example xliff_timing -- FILE.xlf`

use std::time::Instant;

use werkbank_xliff::xml::{self, Limits, WriteMode};

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: timing FILE.xlf");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let runs = 5;
    let time = |label: &str, f: &mut dyn FnMut()| {
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
    time("tree per unit, model read, written", &mut || {
        let mut out = Vec::with_capacity(text.len());
        let _ = werkbank_xliff::stream::rewrite_streaming(
            text.as_bytes(),
            &mut out,
            &mut |_, _| Ok(()),
        );
        std::hint::black_box(out);
    });
}
