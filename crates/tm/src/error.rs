//! Errors of the translation memory.

use std::path::PathBuf;

/// Everything that can go wrong in the translation memory, with where it happened.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TmError {
    /// A TMX file is not well-formed XML or not TMX.
    #[error("{}{line}:{column}: {message}", file_prefix(.file))]
    Tmx {
        /// The file, when known.
        file: Option<PathBuf>,
        /// 1-based line.
        line: u64,
        /// 1-based column, in bytes of UTF-8.
        column: u64,
        /// What is wrong.
        message: String,
    },
    /// A TMX file exceeds a limit of [`werkbank_model::Limits`] (nesting depth, text or
    /// attribute size, elements in one unit, text of one segment).
    #[error("{}{line}:{column}: limit exceeded: {exceeded}", file_prefix(.file))]
    Limit {
        /// The file, when known.
        file: Option<PathBuf>,
        /// 1-based line.
        line: u64,
        /// 1-based column, in bytes of UTF-8.
        column: u64,
        /// Which limit, the value and the bound.
        exceeded: werkbank_model::Exceeded,
    },
    /// The file exists but is not a werkbank translation memory.
    #[error("{}: not a werkbank translation memory ({reason}); it was left untouched", .file.display())]
    NotATranslationMemory {
        /// The file.
        file: PathBuf,
        /// Why it is not one.
        reason: String,
    },
    /// The translation memory was written by a newer or older werkbank.
    #[error("{}: translation memory schema version {found}, this werkbank reads version {expected}", .file.display())]
    SchemaVersion {
        /// The file.
        file: PathBuf,
        /// The version in the file.
        found: i64,
        /// The version this build understands.
        expected: i64,
    },
    /// A unit or a store is for another language pair than the memory.
    #[error("language pair {asked} does not fit the translation memory's {stored}")]
    LanguagePair {
        /// The memory's pair.
        stored: String,
        /// The pair that was offered.
        asked: String,
    },
    /// A unit id that the memory does not hold.
    #[error("no translation unit with id {0}")]
    NoSuchUnit(u64),
    /// A language tag could not be parsed.
    #[error(transparent)]
    Model(#[from] werkbank_model::ModelError),
    /// The database under the store failed (its cause is the error's source).
    #[error("translation memory database: {0}")]
    Database(#[source] DatabaseError),
    /// Stored data could not be decoded.
    #[error("translation memory database: unit {id} is damaged: {message}")]
    Corrupt {
        /// The unit's id.
        id: u64,
        /// What is wrong with it.
        message: String,
    },
    /// Reading or writing failed.
    #[error("{}{error}", file_prefix(.file))]
    Io {
        /// The file, when known.
        file: Option<PathBuf>,
        /// The error.
        error: std::io::Error,
    },
}

/// A failure reported by the database under a store, kept opaque so that the API does not
/// depend on the database driver; its text is the driver's, its source the driver's error.
#[derive(Debug)]
pub struct DatabaseError(Box<dyn std::error::Error + Send + Sync>);

impl std::fmt::Display for DatabaseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for DatabaseError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.0.source()
    }
}

impl From<rusqlite::Error> for TmError {
    fn from(error: rusqlite::Error) -> Self {
        TmError::Database(DatabaseError(Box::new(error)))
    }
}

fn file_prefix(file: &Option<PathBuf>) -> String {
    file.as_ref()
        .map(|f| format!("{}:", f.display()))
        .unwrap_or_default()
}

impl From<std::io::Error> for TmError {
    fn from(error: std::io::Error) -> Self {
        TmError::Io { file: None, error }
    }
}

impl TmError {
    /// Attaches a file name to an error that has none yet.
    pub fn in_file(self, path: impl Into<PathBuf>) -> Self {
        match self {
            TmError::Tmx {
                file: None,
                line,
                column,
                message,
            } => TmError::Tmx {
                file: Some(path.into()),
                line,
                column,
                message,
            },
            TmError::Limit {
                file: None,
                line,
                column,
                exceeded,
            } => TmError::Limit {
                file: Some(path.into()),
                line,
                column,
                exceeded,
            },
            TmError::Io { file: None, error } => TmError::Io {
                file: Some(path.into()),
                error,
            },
            other => other,
        }
    }
}
