//! Places in a text file, for errors and findings.

use serde::{Deserialize, Serialize};

/// Where in a file something was found: 1-based line and column, the column counted in
/// characters. Line 0 stands for something that has no place in a file (made by a program).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
}

impl std::fmt::Display for Position {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}
