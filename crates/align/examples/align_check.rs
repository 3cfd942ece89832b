//! Aligns two text files and compares the beads with the expected ones (`[i,..]:[j,..]` per
//! line, `#` comments); exits 1 on any difference. CI runs it on the seed article.
//!
//! `cargo run --release -p werkbank-align --example align_check -- SOURCE.txt TARGET.txt EXPECTED.beads`

use werkbank_align::{align_texts, AlignOptions};
use werkbank_segment::Segmenter;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [source, target, expected] = args.as_slice() else {
        eprintln!("usage: align_check SOURCE.txt TARGET.txt EXPECTED.beads");
        std::process::exit(2);
    };
    let read = |path: &String| {
        std::fs::read_to_string(path).unwrap_or_else(|e| {
            eprintln!("{path}: {e}");
            std::process::exit(1)
        })
    };
    let segmenter = |tag: &str| tag.parse().ok().and_then(|t| Segmenter::builtin(&t).ok());
    let (Some(de), Some(en)) = (segmenter("de"), segmenter("en")) else {
        std::process::exit(1);
    };
    let alignment = match align_texts(
        &read(source),
        &read(target),
        &de,
        &en,
        &AlignOptions::default(),
    ) {
        Ok(alignment) => alignment,
        Err(error) => {
            eprintln!("{error}");
            std::process::exit(1);
        }
    };
    let got: Vec<String> = alignment
        .beads
        .iter()
        .map(|b| {
            let list = |r: &std::ops::Range<usize>| {
                r.clone()
                    .map(|i| i.to_string())
                    .collect::<Vec<_>>()
                    .join(",")
            };
            format!("[{}]:[{}]", list(&b.source), list(&b.target))
        })
        .collect();
    let wanted: Vec<String> = read(expected)
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.replace(' ', ""))
        .collect();
    let mut differences = 0;
    for (index, (g, w)) in got.iter().zip(&wanted).enumerate() {
        if g != w {
            println!("bead {index}: got {g}, expected {w}");
            differences += 1;
        }
    }
    if got.len() != wanted.len() {
        println!("{} beads, expected {}", got.len(), wanted.len());
        differences += 1;
    }
    println!(
        "{} of {} beads as expected",
        got.iter().zip(&wanted).filter(|(g, w)| g == w).count(),
        wanted.len()
    );
    if differences > 0 {
        std::process::exit(1);
    }
}
