//! Reads TMX files, writes each back, reads the result again and checks that the units are equal.
//!
//! ```text
//! cargo run --release -p werkbank-tm --example tmx_roundtrip -- FILE.tmx...
//! ```
//! Exit code 1 when a file fails to load or does not come back equal.

use std::process::ExitCode;

use werkbank_tm::tmx::{TmxReader, TmxUnit, TmxWriter};

fn main() -> ExitCode {
    let mut failures = 0;
    for path in std::env::args().skip(1) {
        match round_trip(&path) {
            Ok(count) => println!("ok    {path}: {count} units, written and read back equal"),
            Err(message) => {
                failures += 1;
                println!("FAIL  {path}: {message}");
            }
        }
    }
    if failures > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn round_trip(path: &str) -> Result<usize, String> {
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let reader = TmxReader::new(file).map_err(|e| e.in_file(path).to_string())?;
    let header = reader.header().clone();
    let units: Vec<TmxUnit> = reader
        .collect::<Result<_, _>>()
        .map_err(|e| e.in_file(path).to_string())?;
    let mut writer = TmxWriter::new(Vec::new(), &header).map_err(|e| e.to_string())?;
    for unit in &units {
        writer.write_unit(unit).map_err(|e| e.to_string())?;
    }
    let bytes = writer.finish().map_err(|e| e.to_string())?;
    let again = TmxReader::new(bytes.as_slice()).map_err(|e| format!("re-reading: {e}"))?;
    if again.header() != &header {
        return Err("the header differs after writing".into());
    }
    let back: Vec<TmxUnit> = again
        .collect::<Result<_, _>>()
        .map_err(|e| format!("re-reading: {e}"))?;
    if back.len() != units.len() {
        return Err(format!(
            "{} units read back, {} written",
            back.len(),
            units.len()
        ));
    }
    for (index, (a, b)) in units.iter().zip(&back).enumerate() {
        if a != b {
            return Err(format!("unit {} differs:\n  {a:?}\n  {b:?}", index + 1));
        }
    }
    Ok(units.len())
}
