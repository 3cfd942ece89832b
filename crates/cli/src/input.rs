//! Every file the command line reads goes through here, so that `-` means standard input for
//! every file argument and errors name the file the same way everywhere.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::output::is_stdio;
use crate::CliError;

static STDIN_TAKEN: AtomicBool = AtomicBool::new(false);

/// The name of an input in messages: the path, or `<stdin>` for `-`.
pub fn input_name(path: &Path) -> String {
    if is_stdio(path) {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    }
}

fn take_stdin() -> Result<(), CliError> {
    if STDIN_TAKEN.swap(true, Ordering::SeqCst) {
        return Err(CliError::usage(
            "standard input (-) can be read only once per command",
        ));
    }
    Ok(())
}

/// Opens `path` (or standard input for `-`) for buffered reading.
pub fn open(path: &Path) -> Result<Box<dyn BufRead>, CliError> {
    if is_stdio(path) {
        take_stdin()?;
        return Ok(Box::new(BufReader::with_capacity(1 << 16, io::stdin())));
    }
    let file = File::open(path).map_err(|e| CliError::new(format!("{}: {e}", path.display())))?;
    if file.metadata().is_ok_and(|m| m.is_dir()) {
        return Err(CliError::new(format!("{}: is a directory", path.display())));
    }
    Ok(Box::new(BufReader::with_capacity(1 << 16, file)))
}

/// Reads all of `path` (or standard input for `-`).
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, CliError> {
    let mut reader = open(path)?;
    let mut bytes = Vec::new();
    reader
        .read_to_end(&mut bytes)
        .map_err(|e| CliError::new(format!("{}: {e}", input_name(path))))?;
    Ok(bytes)
}

/// Reads UTF-8 text (a byte-order mark is dropped); an error names the line of the first byte
/// that is not UTF-8.
pub fn read_text(path: &Path) -> Result<String, CliError> {
    let bytes = read_bytes(path)?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let before = e.as_bytes().get(..valid).unwrap_or(&[]);
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        CliError::new(format!(
            "{}:{line}: not UTF-8 (byte offset {valid})",
            input_name(path)
        ))
    })?;
    Ok(match text.strip_prefix('\u{FEFF}') {
        Some(rest) => rest.to_string(),
        None => text,
    })
}
