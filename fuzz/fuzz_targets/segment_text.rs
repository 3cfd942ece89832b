//! Any bytes through the built-in rules: no panic, and segments plus gaps give back the input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use werkbank_segment::Segmenter;

fuzz_target!(|data: &[u8]| {
    for language in ["de", "en"] {
        let segmenter = Segmenter::builtin(&language.parse().unwrap()).unwrap();
        let Ok(spans) = segmenter.split_bytes(data) else {
            continue;
        };
        let text = std::str::from_utf8(data).unwrap();
        let mut at = 0;
        for span in &spans {
            assert!(span.start >= at && span.end > span.start);
            assert!(text[at..span.start].chars().all(|c| c.is_whitespace() || c == '\u{feff}' || c == '\u{200b}'));
            at = span.end;
        }
    }
});
