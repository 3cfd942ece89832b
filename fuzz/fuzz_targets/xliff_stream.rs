//! Any bytes as an XLIFF file, read by the streaming rewrite (XLIFF 2 units straight from the
//! parser's events) and by the tree reader, unit by unit: both succeed or both fail, with the
//! same units; a rewrite that succeeds gives the input back byte for byte.
#![no_main]

use libfuzzer_sys::fuzz_target;
use werkbank_xliff::stream::{read_units_streaming, read_units_through_trees, rewrite_streaming};
use werkbank_xliff::Unit;

fn tree_units(bytes: &[u8]) -> Option<Vec<Unit>> {
    read_units_through_trees(bytes).ok()
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
