//! Reads XLIFF files and writes them back three ways, reporting what came back equal:
//! bytes (original text reused), canonical XML after regenerating every tag, and canonical XML
//! after rewriting all inline content through the model. Canonical comparison uses `xmllint
//! --c14n` when it is installed.
//!
//! `cargo run --release -p werkbank-xliff --example xliff_roundtrip -- FILE...`

use std::path::Path;
use std::process::Command;

use werkbank_xliff::WriteMode;
use werkbank_xliff::{encode, Document};

fn c14n(bytes: &[u8], scratch: &Path) -> Option<Vec<u8>> {
    std::fs::write(scratch, bytes).ok()?;
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../../.ci/c14n.py");
    let output = Command::new("python3")
        .arg(script)
        .arg(scratch)
        .output()
        .ok()?;
    output.status.success().then_some(output.stdout)
}

fn main() {
    let files: Vec<String> = std::env::args().skip(1).collect();
    let scratch =
        std::env::temp_dir().join(format!("werkbank-roundtrip-{}.xml", std::process::id()));
    let (mut read, mut identical, mut regenerated, mut through_model, mut failures) =
        (0, 0, 0, 0, 0);
    for file in &files {
        let bytes = match std::fs::read(file) {
            Ok(bytes) => bytes,
            Err(error) => {
                println!("{file}: cannot read: {error}");
                failures += 1;
                continue;
            }
        };
        let mut document = match Document::parse(&bytes) {
            Ok(document) => document,
            Err(error) => {
                println!("{file}: not read: {error}");
                continue;
            }
        };
        read += 1;
        if let Err(error) = document.units() {
            println!("{file}: units not read: {error}");
            failures += 1;
            continue;
        }
        let original = c14n(&bytes, &scratch);
        if document.to_bytes() == bytes {
            identical += 1;
        } else {
            println!("{file}: not byte-identical");
        }
        let regenerated_bytes = encode(
            &document.to_text(WriteMode::Regenerate),
            document.encoding(),
        );
        if original.is_some() && c14n(&regenerated_bytes, &scratch) == original {
            regenerated += 1;
        } else {
            println!("{file}: regenerated tags differ canonically");
            failures += 1;
        }
        if let Err(error) = document.rewrite_from_model() {
            println!("{file}: model rewrite failed: {error}");
            failures += 1;
            continue;
        }
        let model_bytes = document.to_bytes();
        if original.is_some() && c14n(&model_bytes, &scratch) == original {
            through_model += 1;
        } else {
            println!("{file}: inline content through the model differs canonically");
            let _ = std::fs::write(format!("{}.model.xlf", scratch.display()), &model_bytes);
        }
    }
    let _ = std::fs::remove_file(&scratch);
    println!(
        "files {}, read {read}, byte-identical {identical}, regenerated C14N-equal {regenerated}, inline content through the model C14N-equal {through_model}",
        files.len()
    );
    if failures > 0 {
        std::process::exit(1);
    }
}
