//! The default store: one SQLite file (WAL, every import in one transaction, a schema version
//! checked on open).

use std::path::{Path, PathBuf};

use rusqlite::{params, Connection, OpenFlags, OptionalExtension};
use werkbank_model::{LanguageTag, TranslationUnit};

use super::Store;
use crate::TmError;

/// `PRAGMA application_id` of a werkbank translation memory: "wbtm".
pub const APPLICATION_ID: i64 = 0x7762_746D;
/// The schema version this build reads and writes (`PRAGMA user_version`).
pub const SCHEMA_VERSION: i64 = 1;

/// A translation memory in one SQLite file.
#[derive(Debug)]
pub struct SqliteStore {
    connection: Connection,
    path: PathBuf,
    languages: Option<(LanguageTag, LanguageTag)>,
}

impl SqliteStore {
    /// Opens a werkbank translation memory, creating it if the file does not exist. A file that
    /// exists but is not a werkbank translation memory (another SQLite database, a damaged file,
    /// anything else) is an error and is not touched.
    pub fn open(path: impl AsRef<Path>) -> Result<Self, TmError> {
        let path = path.as_ref().to_path_buf();
        let existed = path.exists()
            && std::fs::metadata(&path)
                .map(|m| m.len() > 0)
                .unwrap_or(false);
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let connection =
            Connection::open_with_flags(&path, flags).map_err(|e| not_a_tm(&path, e))?;
        let not_tm = |reason: String| TmError::NotATranslationMemory {
            file: path.clone(),
            reason,
        };
        if existed {
            let application_id: i64 = connection
                .query_row("PRAGMA application_id", [], |row| row.get(0))
                .map_err(|e| not_tm(e.to_string()))?;
            if application_id != APPLICATION_ID {
                return Err(not_tm(format!("application id {application_id:#x}")));
            }
            let version: i64 = connection
                .query_row("PRAGMA user_version", [], |row| row.get(0))
                .map_err(|e| not_tm(e.to_string()))?;
            if version != SCHEMA_VERSION {
                return Err(TmError::SchemaVersion {
                    file: path,
                    found: version,
                    expected: SCHEMA_VERSION,
                });
            }
            let check: String = connection
                .query_row("PRAGMA quick_check", [], |row| row.get(0))
                .map_err(|e| not_tm(e.to_string()))?;
            if check != "ok" {
                return Err(not_tm(format!("integrity check: {check}")));
            }
        }
        connection.busy_timeout(std::time::Duration::from_secs(30))?;
        connection.pragma_update(None, "journal_mode", "WAL")?;
        connection.pragma_update(None, "synchronous", "NORMAL")?;
        if !existed {
            connection.execute_batch(&format!(
                "BEGIN;
                 PRAGMA application_id = {APPLICATION_ID};
                 PRAGMA user_version = {SCHEMA_VERSION};
                 CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                 CREATE TABLE units (
                     id INTEGER PRIMARY KEY,
                     source_text TEXT NOT NULL,
                     target_text TEXT NOT NULL,
                     unit TEXT NOT NULL
                 );
                 COMMIT;"
            ))?;
        }
        let read = |key: &str| -> Result<Option<String>, TmError> {
            Ok(connection
                .query_row("SELECT value FROM meta WHERE key = ?1", [key], |row| {
                    row.get(0)
                })
                .optional()?)
        };
        let languages = match (read("source_language")?, read("target_language")?) {
            (Some(source), Some(target)) => {
                Some((LanguageTag::parse(&source)?, LanguageTag::parse(&target)?))
            }
            _ => None,
        };
        Ok(Self {
            connection,
            path,
            languages,
        })
    }

    /// Stores units as they come, all in one transaction: memory stays bounded however many
    /// there are, and when the iterator yields an error nothing of this import is kept.
    /// `progress` is called with the number of units stored so far.
    pub fn insert_streaming<E>(
        &mut self,
        units: impl IntoIterator<Item = Result<TranslationUnit, E>>,
        mut progress: impl FnMut(u64),
    ) -> Result<u64, E>
    where
        E: From<TmError>,
    {
        let transaction = self
            .connection
            .transaction()
            .map_err(|e| E::from(e.into()))?;
        let mut stored = 0u64;
        {
            let mut statement = transaction
                .prepare("INSERT INTO units (source_text, target_text, unit) VALUES (?1, ?2, ?3)")
                .map_err(|e| E::from(e.into()))?;
            for unit in units {
                // An error here drops the transaction, which rolls it back.
                let unit = unit?;
                let json = serde_json::to_string(&unit).map_err(|e| {
                    E::from(TmError::Corrupt {
                        id: 0,
                        message: e.to_string(),
                    })
                })?;
                statement
                    .execute(params![
                        unit.source.plain_text(),
                        unit.target.plain_text(),
                        json
                    ])
                    .map_err(|e| E::from(e.into()))?;
                stored += 1;
                if stored.is_multiple_of(1024) {
                    progress(stored);
                }
            }
        }
        transaction.commit().map_err(|e| E::from(e.into()))?;
        progress(stored);
        Ok(stored)
    }

    /// The file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

fn not_a_tm(path: &Path, error: rusqlite::Error) -> TmError {
    TmError::NotATranslationMemory {
        file: path.to_path_buf(),
        reason: error.to_string(),
    }
}

impl Store for SqliteStore {
    fn languages(&self) -> Option<(LanguageTag, LanguageTag)> {
        self.languages.clone()
    }

    fn set_languages(&mut self, source: &LanguageTag, target: &LanguageTag) -> Result<(), TmError> {
        let transaction = self.connection.transaction()?;
        transaction.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES ('source_language', ?1), ('target_language', ?2)",
            params![source.as_str(), target.as_str()],
        )?;
        transaction.commit()?;
        self.languages = Some((source.clone(), target.clone()));
        Ok(())
    }

    fn load_all(&self) -> Result<Vec<(u64, TranslationUnit)>, TmError> {
        let mut statement = self
            .connection
            .prepare("SELECT id, unit FROM units ORDER BY id")?;
        let rows = statement.query_map([], |row| {
            Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, json) = row?;
            let id = u64::try_from(id).unwrap_or(0);
            let unit = serde_json::from_str(&json).map_err(|e| TmError::Corrupt {
                id,
                message: e.to_string(),
            })?;
            out.push((id, unit));
        }
        Ok(out)
    }

    fn insert(&mut self, units: &[TranslationUnit]) -> Result<Vec<u64>, TmError> {
        let transaction = self.connection.transaction()?;
        let mut ids = Vec::with_capacity(units.len());
        {
            let mut statement = transaction.prepare(
                "INSERT INTO units (source_text, target_text, unit) VALUES (?1, ?2, ?3)",
            )?;
            for unit in units {
                let json = serde_json::to_string(unit).map_err(|e| TmError::Corrupt {
                    id: 0,
                    message: e.to_string(),
                })?;
                statement.execute(params![
                    unit.source.plain_text(),
                    unit.target.plain_text(),
                    json
                ])?;
                ids.push(u64::try_from(transaction.last_insert_rowid()).unwrap_or(0));
            }
        }
        transaction.commit()?;
        Ok(ids)
    }

    fn apply(
        &mut self,
        inserts: &[TranslationUnit],
        updates: &[(u64, TranslationUnit)],
    ) -> Result<Vec<u64>, TmError> {
        let transaction = self
            .connection
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        {
            let mut statement = transaction.prepare(
                "UPDATE units SET source_text = ?1, target_text = ?2, unit = ?3 WHERE id = ?4",
            )?;
            for (id, unit) in updates {
                let json = serde_json::to_string(unit).map_err(|e| TmError::Corrupt {
                    id: *id,
                    message: e.to_string(),
                })?;
                let changed = statement.execute(params![
                    unit.source.plain_text(),
                    unit.target.plain_text(),
                    json,
                    i64::try_from(*id).unwrap_or(-1)
                ])?;
                if changed == 0 {
                    return Err(TmError::NoSuchUnit(*id));
                }
            }
        }
        let mut ids = Vec::with_capacity(inserts.len());
        {
            let mut statement = transaction.prepare(
                "INSERT INTO units (source_text, target_text, unit) VALUES (?1, ?2, ?3)",
            )?;
            for unit in inserts {
                let json = serde_json::to_string(unit).map_err(|e| TmError::Corrupt {
                    id: 0,
                    message: e.to_string(),
                })?;
                statement.execute(params![
                    unit.source.plain_text(),
                    unit.target.plain_text(),
                    json
                ])?;
                ids.push(u64::try_from(transaction.last_insert_rowid()).unwrap_or(0));
            }
        }
        transaction.commit()?;
        Ok(ids)
    }

    fn update(&mut self, id: u64, unit: &TranslationUnit) -> Result<(), TmError> {
        let json = serde_json::to_string(unit).map_err(|e| TmError::Corrupt {
            id,
            message: e.to_string(),
        })?;
        let changed = self.connection.execute(
            "UPDATE units SET source_text = ?1, target_text = ?2, unit = ?3 WHERE id = ?4",
            params![
                unit.source.plain_text(),
                unit.target.plain_text(),
                json,
                i64::try_from(id).unwrap_or(-1)
            ],
        )?;
        if changed == 0 {
            return Err(TmError::NoSuchUnit(id));
        }
        Ok(())
    }

    fn remove(&mut self, id: u64) -> Result<(), TmError> {
        let changed = self.connection.execute(
            "DELETE FROM units WHERE id = ?1",
            [i64::try_from(id).unwrap_or(-1)],
        )?;
        if changed == 0 {
            return Err(TmError::NoSuchUnit(id));
        }
        Ok(())
    }
}
