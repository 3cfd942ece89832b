//! Evaluates the aligner on the Text+Berg German–French gold alignments (Bleualign's data as
//! shipped with vecalign): strict and lax precision, recall and F1, scored the way vecalign's
//! scorer defines them (insertions and deletions count for precision only).
//!
//! `cargo run --release -p werkbank-align --example align_textberg -- ../shared/data/tm/textberg-defr-gold [--min-test-f1 F]`
//!
//! The `ALIGN_*` environment variables change the aligner's weights, for experiments on the
//! dev document (the reported figures use the defaults).

use std::collections::HashSet;
use std::path::Path;

use werkbank_align::score::{links, Counts, Link};
use werkbank_align::{align_segments, AlignOptions};

type Alignment = Link;

fn read_gold(path: &Path) -> Result<Vec<Alignment>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let ids = |part: &str| -> Vec<usize> {
        part.trim()
            .trim_start_matches('[')
            .trim_end_matches(']')
            .split(',')
            .filter_map(|n| n.trim().parse().ok())
            .collect()
    };
    Ok(text
        .lines()
        .filter_map(|line| line.split_once(':'))
        .map(|(a, b)| (ids(a), ids(b)))
        .collect())
}

fn row(name: &str, counts: &Counts) {
    let s = counts.scores();
    println!(
        "| {name} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} |",
        s.strict_precision, s.strict_recall, s.strict_f1, s.lax_precision, s.lax_recall, s.lax_f1
    );
}

fn lines(path: &Path) -> Result<Vec<String>, String> {
    Ok(std::fs::read_to_string(path)
        .map_err(|e| format!("{}: {e}", path.display()))?
        .lines()
        .map(str::to_string)
        .collect())
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.first() else {
        eprintln!("usage: align_textberg DIR [--min-test-f1 F]");
        std::process::exit(2);
    };
    let floor: Option<f64> = args
        .iter()
        .position(|a| a == "--min-test-f1")
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok());
    let dir = Path::new(&dir);
    let mut options = AlignOptions::default();
    // Tuning knobs (for experiments on the dev document only).
    if let Some(w) = std::env::var("ALIGN_ANCHOR_WEIGHT")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        options.anchor_weight = w;
    }
    if let Some(w) = std::env::var("ALIGN_MISMATCH")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        options.mismatch_penalty = w;
    }
    if let Some(w) = std::env::var("ALIGN_GAP").ok().and_then(|v| v.parse().ok()) {
        options.gap_cost = w;
    }
    if let Some(w) = std::env::var("ALIGN_THREE")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        options.three_prior = w;
    }
    let mut test_totals = Counts::default();
    println!("| document | strict P | strict R | strict F1 | lax P | lax R | lax F1 |");
    println!("|---|---|---|---|---|---|---|");
    for name in [
        "dev", "test0", "test1", "test2", "test3", "test4", "test5", "test6",
    ] {
        let run = || -> Result<Counts, String> {
            let de = lines(&dir.join(format!("{name}.de")))?;
            let fr = lines(&dir.join(format!("{name}.fr")))?;
            let gold = read_gold(&dir.join(format!("{name}.defr")))?;
            let de_refs: Vec<&str> = de.iter().map(String::as_str).collect();
            let fr_refs: Vec<&str> = fr.iter().map(String::as_str).collect();
            let beads = align_segments(&de_refs, &fr_refs, &options);
            let test: Vec<Alignment> = links(&beads);
            if std::env::var("ALIGN_DEBUG").ok().as_deref() == Some(name) {
                let gold_set: HashSet<&Alignment> = gold.iter().collect();
                for bead in &test {
                    if !gold_set.contains(bead) {
                        let text = |ids: &[usize], side: &[String]| -> String {
                            ids.iter()
                                .filter_map(|i| side.get(*i))
                                .map(|s| s.chars().take(70).collect::<String>())
                                .collect::<Vec<_>>()
                                .join(" ‖ ")
                        };
                        println!(
                            "  got {:?}:{:?}\n    de: {}\n    fr: {}",
                            bead.0,
                            bead.1,
                            text(&bead.0, &de),
                            text(&bead.1, &fr)
                        );
                    }
                }
            }
            let mut totals = Counts::default();
            totals.add(&gold, &test);
            Ok(totals)
        };
        match run() {
            Ok(totals) => {
                row(name, &totals);
                if name != "dev" {
                    test_totals.merge(&totals);
                }
            }
            Err(message) => {
                eprintln!("{message}");
                std::process::exit(1);
            }
        }
    }
    row("test0–6", &test_totals);
    let fs = test_totals.scores().strict_f1;
    if let Some(floor) = floor {
        if fs < floor {
            eprintln!("below floor: test strict F1 {fs:.3} < {floor}");
            std::process::exit(1);
        }
        eprintln!("floor kept: test strict F1 {fs:.3} >= {floor}");
    }
}
