//! A German–English alignment evaluation built from aligned pairs in ../shared/data/tm:
//! Tatoeba sentences, Debian UI strings and OmegaT UI strings. Each corpus is cut into documents
//! of consecutive pairs; the English side is then perturbed: neighbours merged, long sentences
//! split at a comma, sentences dropped, unrelated sentences inserted (each at a fixed rate, with
//! a fixed pseudo-random sequence). The gold alignment follows from the perturbation. Scores
//! with and without the dictionary `ding-de-en-singleword.hunalign.dic`.
//!
//! `cargo run --release -p werkbank-align --example align_de_en -- ../shared/data/tm`

use std::path::Path;

use werkbank_align::score::{links, Counts, Link};
use werkbank_align::{align_segments, AlignOptions, Dictionary};

/// A small linear congruential generator: the same documents on every run.
struct Sequence(u64);

impl Sequence {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
}

fn read_pairs(path: &Path, de: usize, en: usize, skip_header: bool) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.lines()
        .skip(usize::from(skip_header))
        .filter_map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            let (d, e) = (fields.get(de)?.trim(), fields.get(en)?.trim());
            (!d.is_empty() && !e.is_empty()).then(|| (d.to_string(), e.to_string()))
        })
        .collect()
}

/// One document: German sentences, perturbed English sentences and the gold beads.
fn perturb(
    pairs: &[(String, String)],
    filler: &[(String, String)],
    rng: &mut Sequence,
) -> (Vec<String>, Vec<String>, Vec<Link>) {
    let (mut german, mut english, mut gold) = (Vec::new(), Vec::new(), Vec::new());
    let mut i = 0;
    while i < pairs.len() {
        let roll = rng.next() % 100;
        let (de, en) = &pairs[i];
        let g = german.len();
        let e = english.len();
        if roll < 4 && i + 1 < pairs.len() {
            // Two German sentences, one English sentence made of both translations.
            german.push(de.clone());
            german.push(pairs[i + 1].0.clone());
            english.push(format!("{en} {}", pairs[i + 1].1));
            gold.push((vec![g, g + 1], vec![e]));
            i += 2;
            continue;
        }
        german.push(de.clone());
        let comma = en.find(", ").filter(|&c| c > 20 && en.len() - c > 20);
        match (roll, comma) {
            (4..=7, Some(c)) => {
                english.push(en[..c + 1].to_string());
                english.push(en[c + 2..].to_string());
                gold.push((vec![g], vec![e, e + 1]));
            }
            (8..=10, _) => gold.push((vec![g], vec![])),
            (11..=13, _) => {
                english.push(en.clone());
                gold.push((vec![g], vec![e]));
                let extra = &filler[(rng.next() as usize) % filler.len().max(1)].1;
                english.push(extra.clone());
                gold.push((vec![], vec![e + 1]));
            }
            _ => {
                english.push(en.clone());
                gold.push((vec![g], vec![e]));
            }
        }
        i += 1;
    }
    (german, english, gold)
}

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: align_de_en SHARED_TM_DIR");
        std::process::exit(2);
    };
    let dir = Path::new(&dir);
    let corpora = [
        (
            "Tatoeba sentences",
            read_pairs(
                &dir.join("tatoeba-deu-eng/tatoeba_deu_eng.tsv"),
                2,
                3,
                false,
            ),
        ),
        (
            "Debian UI strings",
            read_pairs(&dir.join("debian-ui-po-de/debian_ui_de_en.tsv"), 2, 3, true),
        ),
        (
            "OmegaT UI strings",
            read_pairs(&dir.join("omegat-bundle/omegat_ui_de_en.tsv"), 1, 2, true),
        ),
    ];
    let dictionary = Dictionary::parse(
        &std::fs::read_to_string(dir.join("ding-de-en-singleword.hunalign.dic"))
            .unwrap_or_default(),
    );
    eprintln!("dictionary: {} German words", dictionary.len());
    let plain = AlignOptions::default();
    let with_dictionary = AlignOptions::default().with_dictionary(dictionary);
    println!("| corpus | documents × sentences | dictionary | strict P | strict R | strict F1 | lax F1 |");
    println!("|---|---|---|---|---|---|---|");
    for (name, pairs) in &corpora {
        if pairs.is_empty() {
            eprintln!("{name}: no pairs read");
            std::process::exit(1);
        }
        // Documents of 200 consecutive pairs, taken from across the corpus.
        let step = (pairs.len() / 10).max(200);
        let documents: Vec<&[(String, String)]> = (0..10)
            .filter_map(|k| pairs.get(k * step..k * step + 200))
            .collect();
        for (label, options) in [("no", &plain), ("yes", &with_dictionary)] {
            let mut rng = Sequence(2026);
            let mut counts = Counts::default();
            for document in &documents {
                let (german, english, gold) = perturb(document, pairs, &mut rng);
                let g: Vec<&str> = german.iter().map(String::as_str).collect();
                let e: Vec<&str> = english.iter().map(String::as_str).collect();
                counts.add(&gold, &links(&align_segments(&g, &e, options)));
            }
            let s = counts.scores();
            println!(
                "| {name} | {} × 200 | {label} | {:.3} | {:.3} | {:.3} | {:.3} |",
                documents.len(),
                s.strict_precision,
                s.strict_recall,
                s.strict_f1,
                s.lax_f1
            );
        }
    }
}
