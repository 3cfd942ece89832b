//! The test harness of the OASIS in-out cases, shared by the conformance examples: not part of
//! the library.

use std::path::Path;

use werkbank_xliff::operations::{apply, normalized, Operation};
use werkbank_xliff::Document;

/// Processes `input` as its file name says (`toJoin`, `toSegment`, `toRewrite`,
/// `toRemoveAnnotations`, `toRemoveExtensions`) and compares the result with `expected` in
/// [`normalized`] form; the error names the first line that differs.
pub fn reproduce_in_out(input: &Path, expected: &Path) -> Result<(), String> {
    let name = input
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let operation = if name.starts_with("toJoin") {
        Operation::Join
    } else if name.starts_with("toSegment") {
        Operation::Segment(crate::sentence_breaks::sentence_breaks)
    } else if name.starts_with("toRemoveAnnotations") {
        Operation::RemoveAnnotations
    } else if name.starts_with("toRemoveExtensions") {
        Operation::RemoveExtensions
    } else if name.starts_with("toRewrite") {
        Operation::Rewrite
    } else {
        return Err(format!("no operation for {name}"));
    };
    let mut document = Document::read_file(input).map_err(|e| e.to_string())?;
    apply(&mut document, operation).map_err(|e| e.to_string())?;
    let written =
        Document::parse(&document.to_bytes()).map_err(|e| format!("output does not read: {e}"))?;
    let wanted = Document::read_file(expected).map_err(|e| e.to_string())?;
    let (got, want) = (normalized(&written), normalized(&wanted));
    if got == want {
        return Ok(());
    }
    let line = got
        .lines()
        .zip(want.lines())
        .position(|(a, b)| a != b)
        .unwrap_or_else(|| got.lines().count().min(want.lines().count()));
    Err(format!(
        "{operation:?} differs at normalised line {}: got {:?}, expected {:?}",
        line + 1,
        got.lines().nth(line).unwrap_or(""),
        want.lines().nth(line).unwrap_or("")
    ))
}
