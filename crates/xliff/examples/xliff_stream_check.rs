//! Reads every XLIFF file given (or every file under the directories given) with the streaming
//! reader and with the whole-document reader, and checks that both give the same units or both
//! fail, that a streaming rewrite gives the file back, and that the streaming validator finds
//! what the validator of the whole document finds. Prints how many units came straight from the
//! parser's events.
//!
//! `cargo run --release -p werkbank-xliff --example xliff_stream_check -- ../shared/data/xliff`

use std::path::{Path, PathBuf};

use werkbank_xliff::stream::{read_units, rewrite};
use werkbank_xliff::validate::{validate_reader, validate_with, Options};
use werkbank_xliff::{Document, Unit};

/// The findings of both validators agree (or both refuse the document).
fn validators_agree(bytes: &[u8]) -> bool {
    let options = Options::default();
    let whole = Document::parse(bytes)
        .ok()
        .map(|d| validate_with(&d, &options));
    let streamed = validate_reader(bytes, &options).ok().map(|v| v.findings);
    whole == streamed
}

fn tree_units(bytes: &[u8]) -> Option<Vec<Unit>> {
    Document::parse(bytes).and_then(|d| d.units()).ok()
}

fn read_units_streaming(bytes: &[u8]) -> Option<Vec<Unit>> {
    let mut units = Vec::new();
    read_units(bytes, &mut |_, unit| {
        units.push(unit);
        Ok(())
    })
    .ok()?;
    Some(units)
}

fn collect(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
            .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        entries.sort();
        for entry in entries {
            collect(&entry, out);
        }
    } else if path
        .extension()
        .is_some_and(|e| matches!(e.to_str(), Some("xlf" | "xliff" | "sdlxliff")))
    {
        out.push(path.to_path_buf());
    }
}

fn main() {
    let mut files = Vec::new();
    for argument in std::env::args().skip(1) {
        collect(Path::new(&argument), &mut files);
    }
    let (mut agree, mut both_fail, mut units, mut from_events) = (0, 0, 0, 0);
    let mut disagreements = Vec::new();
    for file in &files {
        let Ok(bytes) = std::fs::read(file) else {
            continue;
        };
        if !validators_agree(&bytes) {
            disagreements.push(format!("{} (validate)", file.display()));
        }
        let tree = tree_units(&bytes);
        let events = read_units_streaming(&bytes);
        if tree != events {
            disagreements.push(file.display().to_string());
            continue;
        }
        match events {
            None => both_fail += 1,
            Some(read) => {
                agree += 1;
                units += read.len();
                let mut out = Vec::new();
                match rewrite(&bytes[..], &mut out, &mut |_, _, _| Ok(())) {
                    Ok(summary) if out == bytes => from_events += summary.read_from_events,
                    _ => disagreements.push(format!("{} (rewrite)", file.display())),
                }
            }
        }
    }
    println!(
        "streaming vs tree: {} files, {agree} read alike ({units} units, {from_events} from events), {both_fail} refused by both, {} disagreements",
        files.len(),
        disagreements.len()
    );
    for file in &disagreements {
        println!("  disagree: {file}");
    }
    if !disagreements.is_empty() {
        std::process::exit(1);
    }
}
