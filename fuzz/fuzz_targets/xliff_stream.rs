//! Any bytes as an XLIFF file, read by the streaming rewrite (XLIFF 2 units straight from the
//! parser's events) and by the tree reader, unit by unit: both succeed or both fail, with the
//! same units; a rewrite that succeeds gives the input back byte for byte.
#![no_main]

use libfuzzer_sys::fuzz_target;
use werkbank_xliff::stream::{read_units_streaming, rewrite_streaming};
use werkbank_xliff::units::read_unit;
use werkbank_xliff::xml::{parse_streaming, Element, Limits};
use werkbank_xliff::{decode, detect_version, Unit};

fn tree_units(bytes: &[u8]) -> Option<Vec<Unit>> {
    let (text, _) = decode(bytes).ok()?;
    let mut units = Vec::new();
    let mut failed = false;
    let mut sink = |element: Element, _: std::ops::Range<usize>| {
        let ns = element.ns().to_string();
        let v2 = ns.starts_with("urn:oasis:names:tc:xliff:document:2");
        match read_unit(&element, &ns, v2, "") {
            Ok(unit) => units.push(unit),
            Err(_) => failed = true,
        }
        Ok(())
    };
    let parsed = parse_streaming(&text, Limits::default(), &mut sink).ok()?;
    detect_version(&parsed.root).ok()?;
    (!failed).then_some(units)
}

fuzz_target!(|data: &[u8]| {
    let tree = tree_units(data);
    let events = read_units_streaming(data).ok();
    assert_eq!(tree.is_some(), events.is_some(), "one reader failed, the other did not");
    assert_eq!(tree, events);
    if events.is_some() {
        let mut out = Vec::new();
        rewrite_streaming(data, &mut out, &mut |_, _| Ok(())).expect("a readable file rewrites");
        assert_eq!(out, data);
    }
});
