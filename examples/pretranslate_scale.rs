//! Writes the material of the pre-translation benchmark as files, so the command line can be
//! measured on it as a user runs it: a TMX of 100,000 German–English units and an XLIFF 2.1
//! file of 10,000 segments.
//!
//! ```text
//! cargo run --release --example pretranslate_scale -- /tmp/scale 100000 10000
//! target/release/werkbank tm import --tm /tmp/scale/memory.wbtm /tmp/scale/memory.tmx
//! /usr/bin/time -v target/release/werkbank xliff pretranslate --tm /tmp/scale/memory.wbtm \
//!     -o /tmp/scale/out.xlf /tmp/scale/document.xlf
//! ```

use std::path::PathBuf;

use werkbank::tm::tmx::{TmxHeader, TmxUnit, TmxWriter};

#[path = "../benches/support/document.rs"]
mod document;
#[path = "../crates/tm/benches/support/material.rs"]
mod material;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let directory = PathBuf::from(args.next().unwrap_or_else(|| "/tmp/scale".into()));
    let units: usize = args.next().map_or(Ok(100_000), |a| a.parse())?;
    let segments: usize = args.next().map_or(Ok(10_000), |a| a.parse())?;
    std::fs::create_dir_all(&directory)?;

    let (memory_units, _) = material::material(units, 0);
    let tmx_path = directory.join("memory.tmx");
    let mut file = std::io::BufWriter::new(std::fs::File::create(&tmx_path)?);
    let mut writer = TmxWriter::new(&mut file, &TmxHeader::for_source_language("de"))?;
    for unit in &memory_units {
        writer.write_unit(&TmxUnit::from_translation_unit(unit))?;
    }
    writer.finish()?;

    let xliff_path = directory.join("document.xlf");
    let text = document::xliff(&document::sentences(&memory_units, segments));
    std::fs::write(&xliff_path, text)?;
    println!(
        "wrote {} ({units} units) and {} ({segments} segments)",
        tmx_path.display(),
        xliff_path.display()
    );
    Ok(())
}
