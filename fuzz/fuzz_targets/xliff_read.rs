//! Any bytes as an XLIFF file: reading returns a document or an error, never panics. A document
//! that is read is written back byte for byte, its units can be read, validation runs, and
//! rewriting its inline content through the model gives a document that reads again.
#![no_main]

use libfuzzer_sys::fuzz_target;
use werkbank_xliff::WriteMode;
use werkbank_xliff::{encode, validate, Document};

fuzz_target!(|data: &[u8]| {
    let Ok(document) = Document::parse(data) else {
        return;
    };
    assert_eq!(document.to_bytes(), data);
    let _ = validate::validate(&document);
    let Ok(units) = document.units() else {
        return;
    };
    // Written in the document's own encoding, as `werkbank xliff rewrite --regenerate` does (the
    // declaration still names it).
    let regenerated = encode(&document.to_text(WriteMode::Regenerate), document.encoding());
    let again = Document::parse(&regenerated).expect("regenerated text reads");
    assert_eq!(again.units().expect("units read").len(), units.len());
    let mut through_model = document.clone();
    if through_model.rewrite_from_model().is_ok() {
        let reread = Document::parse(&through_model.to_bytes()).expect("model output reads");
        assert_eq!(reread.units().map(|u| u.len()).ok(), Some(units.len()));
    }
});
