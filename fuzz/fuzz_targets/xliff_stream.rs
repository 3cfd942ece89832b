//! Any bytes as an XLIFF file, read by the streaming reader (a window at a time, XLIFF 2 units
//! straight from the parser's events) and by the whole-document reader: both succeed or both
//! fail, with the same units; a rewrite that succeeds gives the input back byte for byte, also
//! when the input arrives a few bytes at a time; the streaming validator finds what the
//! validator of the whole document finds.
#![no_main]

use std::io::Read;

use libfuzzer_sys::fuzz_target;
use werkbank_xliff::stream::{read_units, rewrite};
use werkbank_xliff::validate::{validate_reader, validate_with, Options};
use werkbank_xliff::{Document, Unit};

struct Trickle<'a>(&'a [u8]);

impl Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = 5.min(buf.len()).min(self.0.len());
        buf[..n].copy_from_slice(&self.0[..n]);
        self.0 = &self.0[n..];
        Ok(n)
    }
}

fn streamed(input: impl Read) -> Option<Vec<Unit>> {
    let mut units = Vec::new();
    read_units(input, &mut |_, unit| {
        units.push(unit);
        Ok(())
    })
    .ok()?;
    Some(units)
}

fuzz_target!(|data: &[u8]| {
    let options = Options::default();
    let whole = Document::parse(data).ok().map(|d| validate_with(&d, &options));
    let streamed_findings = validate_reader(Trickle(data), &options)
        .ok()
        .map(|v| v.findings);
    assert_eq!(whole, streamed_findings, "the validators disagree");
    let tree = Document::parse(data).and_then(|d| d.units()).ok();
    let events = streamed(data);
    assert_eq!(tree.is_some(), events.is_some(), "one reader failed, the other did not");
    assert_eq!(tree, events);
    assert_eq!(streamed(Trickle(data)), events);
    if events.is_some() {
        let mut out = Vec::new();
        rewrite(data, &mut out, &mut |_, _, _| Ok(())).expect("a readable file rewrites");
        assert_eq!(out, data);
    }
});
