//! Evaluates the aligner on the Text+Berg German–French gold alignments (Bleualign's data as
//! shipped with vecalign): strict and lax precision, recall and F1, scored the way vecalign's
//! scorer defines them (insertions and deletions count for precision only).
//!
//! `cargo run --release -p werkbank-tm --example align_textberg -- ../shared/data/tm/textberg-defr-gold [--min-test-f1 F]`
//!
//! The `ALIGN_*` environment variables change the aligner's weights, for experiments on the
//! dev document (the reported figures use the defaults).

use std::collections::{HashMap, HashSet};
use std::path::Path;

use werkbank_tm::align::{align_segments, AlignOptions};

type Alignment = (Vec<usize>, Vec<usize>);

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

/// (true positives strict, false positives strict, true positives lax, false positives lax)
/// of `test` against `gold`.
fn counts(gold: &[Alignment], test: &[Alignment]) -> [u64; 4] {
    let gold: HashSet<&Alignment> = gold
        .iter()
        .filter(|(a, b)| !a.is_empty() || !b.is_empty())
        .collect();
    let test: HashSet<&Alignment> = test
        .iter()
        .filter(|(a, b)| !a.is_empty() || !b.is_empty())
        .collect();
    let mut linked: HashMap<usize, HashSet<usize>> = HashMap::new();
    for (source, target) in &gold {
        for s in source {
            linked.entry(*s).or_default().extend(target.iter().copied());
        }
    }
    let mut out = [0u64; 4];
    for alignment in &test {
        if gold.contains(alignment) {
            out[0] += 1;
            out[2] += 1;
            continue;
        }
        out[1] += 1;
        let (source, target) = alignment;
        let overlaps = source
            .iter()
            .filter_map(|s| linked.get(s))
            .any(|targets| target.iter().any(|t| targets.contains(t)));
        if overlaps {
            out[2] += 1;
        } else {
            out[3] += 1;
        }
    }
    out
}

#[derive(Default)]
struct Totals {
    precision: [u64; 4],
    recall: [u64; 4],
}

impl Totals {
    fn add(&mut self, gold: &[Alignment], test: &[Alignment]) {
        let p = counts(gold, test);
        let no_empty = |a: &[Alignment]| -> Vec<Alignment> {
            a.iter()
                .filter(|(x, y)| !x.is_empty() && !y.is_empty())
                .cloned()
                .collect()
        };
        let r = counts(&no_empty(test), &no_empty(gold));
        for k in 0..4 {
            self.precision[k] += p[k];
            self.recall[k] += r[k];
        }
    }

    fn scores(&self) -> (f64, f64, f64, f64, f64, f64) {
        let ratio = |a: u64, b: u64| {
            if a + b == 0 {
                0.0
            } else {
                a as f64 / (a + b) as f64
            }
        };
        let f1 = |p: f64, r: f64| {
            if p + r == 0.0 {
                0.0
            } else {
                2.0 * p * r / (p + r)
            }
        };
        let (ps, pl) = (
            ratio(self.precision[0], self.precision[1]),
            ratio(self.precision[2], self.precision[3]),
        );
        let (rs, rl) = (
            ratio(self.recall[0], self.recall[1]),
            ratio(self.recall[2], self.recall[3]),
        );
        (ps, rs, f1(ps, rs), pl, rl, f1(pl, rl))
    }
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
    let mut test_totals = Totals::default();
    println!("| document | strict P | strict R | strict F1 | lax P | lax R | lax F1 |");
    println!("|---|---|---|---|---|---|---|");
    for name in [
        "dev", "test0", "test1", "test2", "test3", "test4", "test5", "test6",
    ] {
        let run = || -> Result<Totals, String> {
            let de = lines(&dir.join(format!("{name}.de")))?;
            let fr = lines(&dir.join(format!("{name}.fr")))?;
            let gold = read_gold(&dir.join(format!("{name}.defr")))?;
            let de_refs: Vec<&str> = de.iter().map(String::as_str).collect();
            let fr_refs: Vec<&str> = fr.iter().map(String::as_str).collect();
            let beads = align_segments(&de_refs, &fr_refs, &options);
            let test: Vec<Alignment> = beads
                .iter()
                .map(|b| (b.source.clone().collect(), b.target.clone().collect()))
                .collect();
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
            let mut totals = Totals::default();
            totals.add(&gold, &test);
            Ok(totals)
        };
        match run() {
            Ok(totals) => {
                let (ps, rs, fs, pl, rl, fl) = totals.scores();
                println!("| {name} | {ps:.3} | {rs:.3} | {fs:.3} | {pl:.3} | {rl:.3} | {fl:.3} |");
                if name != "dev" {
                    for k in 0..4 {
                        test_totals.precision[k] += totals.precision[k];
                        test_totals.recall[k] += totals.recall[k];
                    }
                }
            }
            Err(message) => {
                eprintln!("{message}");
                std::process::exit(1);
            }
        }
    }
    let (ps, rs, fs, pl, rl, fl) = test_totals.scores();
    println!("| test0–6 | {ps:.3} | {rs:.3} | {fs:.3} | {pl:.3} | {rl:.3} | {fl:.3} |");
    if let Some(floor) = floor {
        if fs < floor {
            eprintln!("below floor: test strict F1 {fs:.3} < {floor}");
            std::process::exit(1);
        }
        eprintln!("floor kept: test strict F1 {fs:.3} >= {floor}");
    }
}
