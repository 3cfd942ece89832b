//! Any bytes as an SRX file: reading and compiling must return a value or an error, never panic,
//! and a segmenter that loads must segment a short text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use werkbank_segment::Segmenter;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(segmenter) = Segmenter::from_srx(text, "de") {
        let _ = segmenter.split("Ein Satz. Noch einer! Dr. Kim kommt um 3. Oktober.\n\nNeu.");
    }
});
