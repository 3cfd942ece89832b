//! Any two texts (and a dictionary made of the first line): alignment never panics, and every
//! segment of both sides ends up in exactly one bead, in order.
#![no_main]

use libfuzzer_sys::fuzz_target;
use werkbank_segment::Segmenter;
use werkbank_align::{align_texts, AlignOptions, Dictionary};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (source, target) = text.split_at(text.char_indices().nth(text.chars().count() / 2).map_or(0, |(i, _)| i));
    let (Ok(de), Ok(en)) = (
        Segmenter::builtin(&"de".parse().expect("tag")),
        Segmenter::builtin(&"en".parse().expect("tag")),
    ) else {
        return;
    };
    let options = AlignOptions::default()
        .with_dictionary(Dictionary::parse(source.lines().next().unwrap_or("")));
    let Ok(alignment) = align_texts(source, target, &de, &en, &options) else {
        return;
    };
    let sources: Vec<usize> = alignment.beads.iter().flat_map(|b| b.source.clone()).collect();
    let targets: Vec<usize> = alignment.beads.iter().flat_map(|b| b.target.clone()).collect();
    assert_eq!(sources, (0..alignment.source_segments.len()).collect::<Vec<_>>());
    assert_eq!(targets, (0..alignment.target_segments.len()).collect::<Vec<_>>());
    assert!(alignment.beads.iter().all(|b| (0.0..=1.0).contains(&b.score)));
});
