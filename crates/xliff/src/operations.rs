//! Operations on XLIFF 2 documents that the OASIS test suite's in-out pairs exercise.

use std::path::Path;

/// Processes `input` as its file name says (`toJoin`, `toSegment`, `toRewrite`,
/// `toRemoveAnnotations`, `toRemoveExtensions`) and compares the result with `expected`.
pub fn reproduce_in_out(input: &Path, expected: &Path) -> Result<(), String> {
    let _ = (input, expected);
    Err("not implemented yet".into())
}
