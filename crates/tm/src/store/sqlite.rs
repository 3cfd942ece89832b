//! The default store: one SQLite file.
//!
//! - WAL journal: readers never block the writer and never see a transaction half done.
//! - Every write is one `BEGIN IMMEDIATE` transaction: writers queue for the lock (30 s), and
//!   what a writer decides ("is this unit new?") it decides against the state it holds the
//!   lock for. A killed writer leaves nothing of its transaction.
//! - `variant` is UNIQUE: the same unit with the same translation is never stored twice.
//! - The file is checked before anything is written: `application_id` says it is a werkbank
//!   memory, `user_version` its schema; a file that is neither empty nor a werkbank memory is
//!   never touched. Paths are taken literally (no `file:` URIs).
//! - Reading goes on past rows it cannot decode and reports them (`Loaded::damaged`); a file
//!   whose structure is damaged is not written to (`tm check` says what is damaged).

use std::path::{Path, PathBuf};

use rusqlite::{params, Connection, OpenFlags, OptionalExtension, TransactionBehavior};
use werkbank_model::{LanguageTag, TranslationUnit};

use super::keys::UnitKeys;
use super::{DamagedUnit, Learnt, Loaded, Store, Stored};
use crate::TmError;

/// `PRAGMA application_id` of a werkbank translation memory: "wbtm".
pub const APPLICATION_ID: i64 = 0x7762_746D;
/// The schema version this build writes (`PRAGMA user_version`). Version 1 files are read, and
/// brought to version 2 when opened for writing.
pub const SCHEMA_VERSION: i64 = 2;

const CREATE_SCHEMA: &str = "
    CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS units (
        id INTEGER PRIMARY KEY,
        identity BLOB NOT NULL,
        variant BLOB NOT NULL,
        source_text TEXT NOT NULL,
        target_text TEXT NOT NULL,
        unit TEXT NOT NULL
    );
    CREATE UNIQUE INDEX IF NOT EXISTS units_variant ON units(variant);
    CREATE INDEX IF NOT EXISTS units_identity ON units(identity);
";

/// The path as SQLite must be given it to take it literally: a relative path that starts with
/// `file:` would be read as a URI.
fn literal(path: &Path) -> PathBuf {
    if path.as_os_str().as_encoded_bytes().starts_with(b"file:") {
        Path::new(".").join(path)
    } else {
        path.to_path_buf()
    }
}

/// A translation memory in one SQLite file.
#[derive(Debug)]
pub struct SqliteStore {
    connection: Connection,
    path: PathBuf,
    languages: Option<(LanguageTag, LanguageTag)>,
    read_only: bool,
}

/// What `werkbank tm check` found in a memory file.
#[derive(Debug, Clone, Default)]
pub struct CheckReport {
    /// What SQLite's integrity check says is wrong with the file's structure (empty: nothing).
    pub integrity: Vec<String>,
    /// Units that can be read.
    pub readable: usize,
    /// Units that cannot be read.
    pub damaged: Vec<DamagedUnit>,
}

impl CheckReport {
    /// Whether nothing is wrong.
    pub fn is_clean(&self) -> bool {
        self.integrity.is_empty() && self.damaged.is_empty()
    }
}

/// Why opening a memory for writing did not work this time.
enum Opening {
    /// A state another process is passing through (I/O error, lock): worth another try.
    Transient(rusqlite::Error),
    Failed(TmError),
}

impl Opening {
    fn of(path: &Path, error: rusqlite::Error) -> Self {
        let transient = matches!(
            error.sqlite_error_code(),
            Some(
                rusqlite::ErrorCode::SystemIoFailure
                    | rusqlite::ErrorCode::DatabaseBusy
                    | rusqlite::ErrorCode::DatabaseLocked
            )
        );
        if transient {
            Opening::Transient(error)
        } else {
            Opening::Failed(not_a_tm(path, error.to_string()))
        }
    }
}

fn not_a_tm(path: &Path, reason: impl Into<String>) -> TmError {
    TmError::NotATranslationMemory {
        file: path.to_path_buf(),
        reason: reason.into(),
    }
}

fn encode(unit: &TranslationUnit) -> Result<String, TmError> {
    serde_json::to_string(unit).map_err(|e| TmError::Corrupt {
        id: 0,
        message: e.to_string(),
    })
}

fn id_of(value: i64) -> u64 {
    u64::try_from(value).unwrap_or(0)
}

fn row_id(id: u64) -> i64 {
    i64::try_from(id).unwrap_or(-1)
}

impl SqliteStore {
    /// Opens a werkbank translation memory for reading and writing, creating it if the file
    /// does not exist or is empty. A file that is something else (another SQLite database, a
    /// damaged memory, any other file) is an error and is not touched. Two processes creating
    /// the same memory at once both succeed.
    pub fn open(path: impl AsRef<Path>) -> Result<Self, TmError> {
        let path = path.as_ref().to_path_buf();
        // Another process creating the same memory, or turning it to WAL, at this moment can
        // make SQLite report an I/O error or a lock for a moment: try again for a while.
        let mut attempts = 0;
        loop {
            match Self::open_once(&path) {
                Ok(store) => return Ok(store),
                Err(Opening::Failed(error)) => return Err(error),
                Err(Opening::Transient(error)) if attempts < 100 => {
                    let _ = error;
                    attempts += 1;
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                Err(Opening::Transient(error)) => return Err(not_a_tm(&path, error.to_string())),
            }
        }
    }

    fn open_once(path: &Path) -> Result<Self, Opening> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let classify = |error: rusqlite::Error| Opening::of(path, error);
        let connection = Connection::open_with_flags(literal(path), flags).map_err(classify)?;
        connection
            .busy_timeout(std::time::Duration::from_secs(30))
            .map_err(classify)?;
        let mut store = Self {
            connection,
            path: path.to_path_buf(),
            languages: None,
            read_only: false,
        };
        store
            .identify_raw()
            .map_err(classify)?
            .map_err(Opening::Failed)?;
        // WAL (persistent once set) lets readers go on while a writer works.
        store
            .connection
            .pragma_update(None, "journal_mode", "WAL")
            .map_err(classify)?;
        store
            .connection
            .pragma_update(None, "synchronous", "NORMAL")
            .map_err(classify)?;
        store.prepare_schema().map_err(Opening::Failed)?;
        store.check_structure().map_err(Opening::Failed)?;
        store.languages = store.read_languages().map_err(Opening::Failed)?;
        Ok(store)
    }

    /// Opens a werkbank translation memory for reading only: nothing is ever written, not even
    /// to create it. A missing or empty file is an error. A memory whose structure is damaged
    /// opens (reading goes as far as it can); rows that cannot be read are skipped and reported.
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Self, TmError> {
        let path = path.as_ref().to_path_buf();
        match std::fs::metadata(&path) {
            Ok(metadata) if metadata.len() == 0 => {
                return Err(not_a_tm(&path, "the file is empty"))
            }
            Ok(metadata) if !metadata.is_file() => return Err(not_a_tm(&path, "not a file")),
            Ok(_) => {}
            Err(error) => {
                return Err(TmError::Io {
                    file: Some(path),
                    error,
                })
            }
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let connection = Connection::open_with_flags(literal(&path), flags)
            .map_err(|e| not_a_tm(&path, e.to_string()))?;
        connection.busy_timeout(std::time::Duration::from_secs(30))?;
        let mut store = Self {
            connection,
            path,
            languages: None,
            read_only: true,
        };
        let version = store.identify()?;
        if version == 0 {
            return Err(store.not_tm("the file is an empty database"));
        }
        store.languages = store.read_languages()?;
        Ok(store)
    }

    fn not_tm(&self, reason: impl Into<String>) -> TmError {
        not_a_tm(&self.path, reason)
    }

    /// Checks that the file is empty or a werkbank memory of a version this build reads;
    /// returns the version (0 for a new file).
    fn identify(&self) -> Result<i64, TmError> {
        self.identify_raw()
            .map_err(|e| self.not_tm(e.to_string()))
            .and_then(|judged| judged)
    }

    /// [`Self::identify`], with the errors of SQLite apart from the judgement of the file.
    fn identify_raw(&self) -> Result<Result<i64, TmError>, rusqlite::Error> {
        // One statement, so one snapshot: another process creating the memory at this moment
        // is seen before or after its transaction, never half-way.
        let (application_id, version, tables): (i64, i64, i64) = self.connection.query_row(
            "SELECT (SELECT application_id FROM pragma_application_id), \
                    (SELECT user_version FROM pragma_user_version), \
                    (SELECT count(*) FROM sqlite_master)",
            [],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )?;
        if application_id == 0 && version == 0 {
            if tables > 0 {
                return Ok(Err(self.not_tm("an SQLite database of another program")));
            }
            return Ok(Ok(0));
        }
        if application_id != APPLICATION_ID {
            return Ok(Err(
                self.not_tm(format!("application id {application_id:#x}"))
            ));
        }
        if !(1..=SCHEMA_VERSION).contains(&version) {
            return Ok(Err(TmError::SchemaVersion {
                file: self.path.clone(),
                found: version,
                expected: SCHEMA_VERSION,
            }));
        }
        Ok(Ok(version))
    }

    /// Creates the schema of a new memory, or brings a version 1 memory to version 2, in one
    /// write transaction; whoever gets the lock second finds the work done.
    fn prepare_schema(&mut self) -> Result<(), TmError> {
        let path = self.path.clone();
        let transaction = self
            .connection
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let version: i64 = transaction.query_row("PRAGMA user_version", [], |row| row.get(0))?;
        match version {
            0 => {
                transaction.execute_batch(CREATE_SCHEMA)?;
                transaction.execute_batch(&format!(
                    "PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {SCHEMA_VERSION};"
                ))?;
            }
            1 => migrate_from_1(&transaction, &path)?,
            _ => {}
        }
        transaction.commit()?;
        Ok(())
    }

    /// Refuses to write to a file whose structure is damaged.
    fn check_structure(&self) -> Result<(), TmError> {
        let check: String = self
            .connection
            .query_row("PRAGMA quick_check", [], |row| row.get(0))
            .map_err(|e| {
                self.not_tm(format!(
                    "the file is damaged ({e}); `werkbank tm check` says what"
                ))
            })?;
        if check != "ok" {
            return Err(self.not_tm(format!(
                "the file is damaged ({check}); `werkbank tm check` says what and can export the rest"
            )));
        }
        Ok(())
    }

    fn read_languages(&self) -> Result<Option<(LanguageTag, LanguageTag)>, TmError> {
        let read = |key: &str| -> Result<Option<String>, TmError> {
            self.connection
                .query_row("SELECT value FROM meta WHERE key = ?1", [key], |row| {
                    row.get(0)
                })
                .optional()
                .map_err(|e| self.not_tm(e.to_string()))
        };
        Ok(match (read("source_language")?, read("target_language")?) {
            (Some(source), Some(target)) => {
                Some((LanguageTag::parse(&source)?, LanguageTag::parse(&target)?))
            }
            _ => None,
        })
    }

    fn refuse_read_only(&self) -> Result<(), TmError> {
        if self.read_only {
            return Err(self.not_tm("opened for reading only"));
        }
        Ok(())
    }

    /// Stores units as they come, all in one transaction: memory stays bounded however many
    /// there are, and when the iterator yields an error nothing of this import is kept. A unit
    /// the memory holds already with the same translation is not stored again. `progress` is
    /// called with the number of units read so far. Returns (stored, known already).
    pub fn insert_streaming<E>(
        &mut self,
        units: impl IntoIterator<Item = Result<TranslationUnit, E>>,
        mut progress: impl FnMut(u64),
    ) -> Result<(u64, u64), E>
    where
        E: From<TmError>,
    {
        self.refuse_read_only().map_err(E::from)?;
        let transaction = self
            .connection
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| E::from(e.into()))?;
        let (mut stored, mut known) = (0u64, 0u64);
        let mirror = concordance_index::in_sync(&transaction).map_err(E::from)?;
        {
            let mut statement = transaction
                .prepare(
                    "INSERT OR IGNORE INTO units (identity, variant, source_text, target_text, unit) \
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                )
                .map_err(|e| E::from(e.into()))?;
            for unit in units {
                // An error here drops the transaction, which rolls it back.
                let unit = crate::memory::normalised(unit?);
                let keys = UnitKeys::of(&unit);
                let json = encode(&unit).map_err(E::from)?;
                let changed = statement
                    .execute(params![
                        &keys.identity[..],
                        &keys.variant[..],
                        unit.source.plain_text(),
                        unit.target.plain_text(),
                        json
                    ])
                    .map_err(|e| E::from(e.into()))?;
                if changed == 0 {
                    known += 1;
                } else {
                    stored += 1;
                    if mirror {
                        concordance_index::put(
                            &transaction,
                            transaction.last_insert_rowid(),
                            &unit,
                        )
                        .map_err(E::from)?;
                    }
                }
                let read = stored + known;
                if read.is_multiple_of(1024) {
                    progress(read);
                }
            }
        }
        concordance_index::count_write(&transaction, mirror).map_err(E::from)?;
        transaction.commit().map_err(|e| E::from(e.into()))?;
        progress(stored + known);
        Ok((stored, known))
    }

    /// The file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether the memory has an up-to-date concordance index (`werkbank tm concordance` builds
    /// one the first time, which needs the file opened for writing).
    pub fn has_concordance_index(&mut self) -> bool {
        self.connection
            .transaction()
            .ok()
            .and_then(|t| concordance_index::in_sync(&t).ok())
            .unwrap_or(false)
    }

    /// Checks the file: SQLite's integrity check, and every unit decoded.
    pub fn check(&self) -> Result<CheckReport, TmError> {
        let mut report = CheckReport::default();
        let statement = self.connection.prepare("PRAGMA integrity_check");
        match statement {
            Ok(mut statement) => {
                let rows = statement.query_map([], |row| row.get::<_, String>(0));
                match rows {
                    Ok(rows) => {
                        for row in rows {
                            match row {
                                Ok(line) if line == "ok" => {}
                                Ok(line) => report.integrity.push(line),
                                Err(error) => report.integrity.push(error.to_string()),
                            }
                        }
                    }
                    Err(error) => report.integrity.push(error.to_string()),
                }
            }
            Err(error) => report.integrity.push(error.to_string()),
        }
        let loaded = self.load_all()?;
        report.readable = loaded.units.len();
        report.damaged = loaded.damaged;
        Ok(report)
    }

    /// The ids of every unit that can be found. Where the table is damaged, the scan jumps past
    /// the damaged part (probing ever further ahead) and goes on; each damaged part is reported.
    fn unit_ids(&self, out: &mut Loaded) -> Result<Vec<i64>, TmError> {
        let mut ids = Vec::new();
        let mut after = i64::MIN;
        let mut scan = self
            .connection
            .prepare("SELECT id FROM units WHERE id > ?1 ORDER BY id")
            .map_err(|e| self.not_tm(e.to_string()))?;
        let mut probe = self
            .connection
            .prepare("SELECT id FROM units WHERE id > ?1 ORDER BY id LIMIT 1")?;
        loop {
            let mut failed = None;
            match scan.query_map([after], |row| row.get::<_, i64>(0)) {
                Ok(rows) => {
                    for row in rows {
                        match row {
                            Ok(id) => {
                                ids.push(id);
                                after = id;
                            }
                            Err(error) => {
                                failed = Some(error);
                                break;
                            }
                        }
                    }
                }
                Err(error) => failed = Some(error),
            }
            let Some(error) = failed else {
                return Ok(ids);
            };
            // Find the next readable id past the damage.
            let mut gap: i64 = 1;
            let resume = loop {
                let from = after.saturating_add(gap);
                match probe
                    .query_row([from], |row| row.get::<_, i64>(0))
                    .optional()
                {
                    Ok(Some(id)) => break Some(id),
                    Ok(None) => break None,
                    Err(_) if gap < (1 << 52) => gap = gap.saturating_mul(2),
                    Err(_) => break None,
                }
            };
            out.damaged.push(DamagedUnit {
                id: None,
                problem: match resume {
                    Some(id) => format!(
                        "the units after id {after} and before id {id} cannot be found: {error}"
                    ),
                    None => format!("the units after id {after} cannot be found: {error}"),
                },
            });
            match resume {
                Some(id) => after = id - 1,
                None => return Ok(ids),
            }
        }
    }

    /// Reads the rows with ids in `from..=to` one by one, so that one damaged row does not hide
    /// the others.
    fn load_one_by_one(&self, ids: &[i64], out: &mut Loaded) {
        for &id in ids {
            let row: Result<String, rusqlite::Error> =
                self.connection
                    .query_row("SELECT unit FROM units WHERE id = ?1", [id], |row| {
                        row.get(0)
                    });
            match row {
                Ok(json) => decode_into(id, &json, out),
                // An id read from a damaged page that names no row: nothing to report.
                Err(rusqlite::Error::QueryReturnedNoRows) => {}
                Err(error) => out.damaged.push(DamagedUnit {
                    id: Some(id_of(id)),
                    problem: error.to_string(),
                }),
            }
        }
    }
}

fn decode_into(id: i64, json: &str, out: &mut Loaded) {
    match serde_json::from_str::<TranslationUnit>(json) {
        Ok(unit) => out.units.push((id_of(id), unit)),
        Err(error) => out.damaged.push(DamagedUnit {
            id: Some(id_of(id)),
            problem: format!("the stored unit cannot be decoded: {error}"),
        }),
    }
}

/// Version 1 had no keys: compute them, drop exact duplicates (the oldest stays), add the
/// indexes.
fn migrate_from_1(transaction: &rusqlite::Transaction<'_>, path: &Path) -> Result<(), TmError> {
    transaction.execute_batch(
        "ALTER TABLE units ADD COLUMN identity BLOB NOT NULL DEFAULT x'';
         ALTER TABLE units ADD COLUMN variant BLOB NOT NULL DEFAULT x'';",
    )?;
    let rows: Vec<(i64, String)> = {
        let mut statement = transaction.prepare("SELECT id, unit FROM units ORDER BY id")?;
        let rows = statement.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
        rows.collect::<Result<_, _>>()?
    };
    let mut seen = std::collections::HashSet::new();
    {
        let mut update =
            transaction.prepare("UPDATE units SET identity = ?1, variant = ?2 WHERE id = ?3")?;
        let mut delete = transaction.prepare("DELETE FROM units WHERE id = ?1")?;
        for (id, json) in rows {
            let unit: TranslationUnit = serde_json::from_str(&json).map_err(|e| {
                not_a_tm(
                    path,
                    format!("unit {id} cannot be decoded ({e}); `werkbank tm check` says more"),
                )
            })?;
            let keys = UnitKeys::of(&crate::memory::normalised(unit));
            if seen.insert(keys.variant) {
                update.execute(params![&keys.identity[..], &keys.variant[..], id])?;
            } else {
                delete.execute([id])?;
            }
        }
    }
    transaction.execute_batch(&format!(
        "CREATE UNIQUE INDEX units_variant ON units(variant);
         CREATE INDEX units_identity ON units(identity);
         PRAGMA user_version = {SCHEMA_VERSION};"
    ))?;
    Ok(())
}

impl Store for SqliteStore {
    fn concordance_candidates(
        &mut self,
        words: &[String],
        side: crate::Side,
    ) -> Result<Option<Vec<u64>>, TmError> {
        let column = match side {
            crate::Side::Source => "source",
            crate::Side::Target => "target",
        };
        let Some(query) = concordance_index::query(words, column) else {
            return Ok(None);
        };
        let behaviour = if self.read_only {
            TransactionBehavior::Deferred
        } else {
            TransactionBehavior::Immediate
        };
        let transaction = self.connection.transaction_with_behavior(behaviour)?;
        if !concordance_index::in_sync(&transaction)? {
            if self.read_only {
                // A read-only memory without an up-to-date index is searched unit by unit.
                return Ok(None);
            }
            concordance_index::build(&transaction)?;
        }
        let ids: Vec<i64> = {
            let mut statement =
                transaction.prepare("SELECT rowid FROM concordance WHERE concordance MATCH ?1")?;
            let rows = statement.query_map([query], |row| row.get(0))?;
            rows.collect::<Result<_, _>>()?
        };
        transaction.commit()?;
        Ok(Some(ids.into_iter().map(id_of).collect()))
    }

    fn languages(&self) -> Option<(LanguageTag, LanguageTag)> {
        self.languages.clone()
    }

    fn set_languages(&mut self, source: &LanguageTag, target: &LanguageTag) -> Result<(), TmError> {
        self.refuse_read_only()?;
        let transaction = self
            .connection
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Two processes creating the same memory: the first pair set stays.
        let existing: Option<String> = transaction
            .query_row(
                "SELECT value FROM meta WHERE key = 'source_language'",
                [],
                |row| row.get(0),
            )
            .optional()?;
        if existing.is_none() {
            transaction.execute(
                "INSERT INTO meta (key, value) VALUES ('source_language', ?1), ('target_language', ?2)",
                params![source.as_str(), target.as_str()],
            )?;
        }
        transaction.commit()?;
        self.languages = self.read_languages()?;
        match &self.languages {
            Some((s, t)) if s == source && t == target => Ok(()),
            Some((s, t)) => Err(TmError::LanguagePair {
                stored: format!("{s}→{t}"),
                asked: format!("{source}→{target}"),
            }),
            None => Ok(()),
        }
    }

    fn load_all(&self) -> Result<Loaded, TmError> {
        let mut out = Loaded::default();
        let ids = self.unit_ids(&mut out)?;
        let mut statement = self
            .connection
            .prepare("SELECT id, unit FROM units WHERE id BETWEEN ?1 AND ?2 ORDER BY id")?;
        for batch in ids.chunks(4096) {
            let (Some(&first), Some(&last)) = (batch.first(), batch.last()) else {
                continue;
            };
            let rows: Result<Vec<(i64, String)>, rusqlite::Error> = statement
                .query_map([first, last], |row| Ok((row.get(0)?, row.get(1)?)))
                .and_then(|rows| rows.collect());
            match rows {
                Ok(rows) => {
                    // A damaged page can also end a scan early without an error: whatever the
                    // batch did not bring is read row by row.
                    let mut missing = Vec::new();
                    let mut returned = rows.into_iter().peekable();
                    for &id in batch {
                        match returned.peek() {
                            Some((found, _)) if *found == id => {
                                if let Some((found, json)) = returned.next() {
                                    decode_into(found, &json, &mut out);
                                }
                            }
                            _ => missing.push(id),
                        }
                    }
                    self.load_one_by_one(&missing, &mut out);
                }
                Err(_) => self.load_one_by_one(batch, &mut out),
            }
        }
        Ok(out)
    }

    fn units_by_id(&self, ids: &[u64]) -> Result<Vec<(u64, TranslationUnit)>, TmError> {
        let mut ids: Vec<i64> = ids.iter().map(|&id| row_id(id)).collect();
        ids.sort_unstable();
        ids.dedup();
        let mut out = Loaded::default();
        self.load_one_by_one(&ids, &mut out);
        Ok(out.units)
    }

    fn insert(&mut self, units: &[TranslationUnit]) -> Result<Vec<Stored>, TmError> {
        self.refuse_read_only()?;
        let transaction = self
            .connection
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut out = Vec::with_capacity(units.len());
        let mirror = concordance_index::in_sync(&transaction)?;
        {
            let mut insert = transaction.prepare(
                "INSERT OR IGNORE INTO units (identity, variant, source_text, target_text, unit) \
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            let mut find = transaction.prepare("SELECT id FROM units WHERE variant = ?1")?;
            for unit in units {
                let keys = UnitKeys::of(unit);
                let changed = insert.execute(params![
                    &keys.identity[..],
                    &keys.variant[..],
                    unit.source.plain_text(),
                    unit.target.plain_text(),
                    encode(unit)?
                ])?;
                if changed == 1 {
                    let id = transaction.last_insert_rowid();
                    if mirror {
                        concordance_index::put(&transaction, id, unit)?;
                    }
                    out.push(Stored::Added(id_of(id)));
                } else {
                    let id: i64 = find.query_row([&keys.variant[..]], |row| row.get(0))?;
                    out.push(Stored::Known(id_of(id)));
                }
            }
        }
        concordance_index::count_write(&transaction, mirror)?;
        transaction.commit()?;
        Ok(out)
    }

    fn update(&mut self, id: u64, unit: &TranslationUnit) -> Result<Vec<u64>, TmError> {
        self.refuse_read_only()?;
        let transaction = self
            .connection
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mirror = concordance_index::in_sync(&transaction)?;
        let removed = update_in(&transaction, id, unit, mirror)?;
        concordance_index::count_write(&transaction, mirror)?;
        transaction.commit()?;
        Ok(removed)
    }

    fn remove(&mut self, id: u64) -> Result<(), TmError> {
        self.refuse_read_only()?;
        let transaction = self
            .connection
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mirror = concordance_index::in_sync(&transaction)?;
        let changed = transaction.execute("DELETE FROM units WHERE id = ?1", [row_id(id)])?;
        if changed == 0 {
            return Err(TmError::NoSuchUnit(id));
        }
        if mirror {
            concordance_index::drop_unit(&transaction, row_id(id))?;
        }
        concordance_index::count_write(&transaction, mirror)?;
        transaction.commit()?;
        Ok(())
    }

    fn learn(&mut self, units: &[TranslationUnit]) -> Result<Vec<Learnt>, TmError> {
        let mut session = self.learning()?;
        let mut out = Vec::with_capacity(units.len());
        for unit in units {
            out.push(session.learn_one(unit)?);
        }
        session.commit()?;
        Ok(out)
    }
}

/// Learning many units in one transaction, a unit at a time (see [`SqliteStore::learning`]).
/// Dropped without [`LearnSession::commit`], it keeps nothing.
pub struct LearnSession<'a> {
    transaction: rusqlite::Transaction<'a>,
    mirror: bool,
    report: crate::LearnReport,
}

impl std::fmt::Debug for LearnSession<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LearnSession")
            .field("report", &self.report)
            .finish()
    }
}

impl SqliteStore {
    /// Starts learning units one at a time in one transaction: what [`Store::learn`] does for
    /// a list, for units that come as a stream (memory stays bounded however many there are).
    /// A unit with the same source and context as a stored one replaces its translation; one
    /// stored already with the same translation is left alone.
    pub fn learning(&mut self) -> Result<LearnSession<'_>, TmError> {
        self.refuse_read_only()?;
        let transaction = self
            .connection
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mirror = concordance_index::in_sync(&transaction)?;
        Ok(LearnSession {
            transaction,
            mirror,
            report: crate::LearnReport::default(),
        })
    }
}

impl LearnSession<'_> {
    /// Learns one unit (normalised first, as the memory stores units).
    pub fn learn(&mut self, unit: TranslationUnit) -> Result<Learnt, TmError> {
        let unit = crate::memory::normalised(unit);
        self.learn_one(&unit)
    }

    fn learn_one(&mut self, unit: &TranslationUnit) -> Result<Learnt, TmError> {
        let transaction = &self.transaction;
        let keys = UnitKeys::of(unit);
        let known: Option<(i64, String)> = transaction
            .prepare_cached("SELECT id, unit FROM units WHERE variant = ?1")?
            .query_row([&keys.variant[..]], |row| Ok((row.get(0)?, row.get(1)?)))
            .optional()?;
        if let Some((id, json)) = known {
            // A stored row that cannot be read any more is written again from the unit.
            if serde_json::from_str::<TranslationUnit>(&json).is_err() {
                update_in(transaction, id_of(id), unit, self.mirror)?;
                self.report.updated += 1;
                return Ok(Learnt::Updated {
                    id: id_of(id),
                    removed: Vec::new(),
                });
            }
            self.report.unchanged += 1;
            return Ok(Learnt::Unchanged(id_of(id)));
        }
        let same: Vec<i64> = transaction
            .prepare_cached("SELECT id FROM units WHERE identity = ?1 ORDER BY id")?
            .query_map([&keys.identity[..]], |row| row.get(0))?
            .collect::<Result<_, _>>()?;
        match same.split_first() {
            Some((&first, rest)) => {
                for &other in rest {
                    transaction
                        .prepare_cached("DELETE FROM units WHERE id = ?1")?
                        .execute([other])?;
                    if self.mirror {
                        concordance_index::drop_unit(transaction, other)?;
                    }
                }
                update_in(transaction, id_of(first), unit, self.mirror)?;
                self.report.updated += 1;
                Ok(Learnt::Updated {
                    id: id_of(first),
                    removed: rest.iter().map(|&id| id_of(id)).collect(),
                })
            }
            None => {
                transaction
                    .prepare_cached(
                        "INSERT INTO units (identity, variant, source_text, target_text, unit) \
                         VALUES (?1, ?2, ?3, ?4, ?5)",
                    )?
                    .execute(params![
                        &keys.identity[..],
                        &keys.variant[..],
                        unit.source.plain_text(),
                        unit.target.plain_text(),
                        encode(unit)?
                    ])?;
                let id = transaction.last_insert_rowid();
                if self.mirror {
                    concordance_index::put(transaction, id, unit)?;
                }
                self.report.added += 1;
                Ok(Learnt::Added(id_of(id)))
            }
        }
    }

    /// What was learnt so far.
    pub fn report(&self) -> &crate::LearnReport {
        &self.report
    }

    /// Keeps everything learnt, and says what it was.
    pub fn commit(self) -> Result<crate::LearnReport, TmError> {
        concordance_index::count_write(&self.transaction, self.mirror)?;
        self.transaction.commit()?;
        Ok(self.report)
    }
}

/// Replaces unit `id` inside a transaction; a unit that becomes its duplicate is removed first.
fn update_in(
    transaction: &rusqlite::Transaction<'_>,
    id: u64,
    unit: &TranslationUnit,
    mirror: bool,
) -> Result<Vec<u64>, TmError> {
    let keys = UnitKeys::of(unit);
    let duplicate: Option<i64> = transaction
        .query_row(
            "SELECT id FROM units WHERE variant = ?1 AND id <> ?2",
            params![&keys.variant[..], row_id(id)],
            |row| row.get(0),
        )
        .optional()?;
    let mut removed = Vec::new();
    if let Some(other) = duplicate {
        transaction.execute("DELETE FROM units WHERE id = ?1", [other])?;
        if mirror {
            concordance_index::drop_unit(transaction, other)?;
        }
        removed.push(id_of(other));
    }
    let changed = transaction.execute(
        "UPDATE units SET identity = ?1, variant = ?2, source_text = ?3, target_text = ?4, unit = ?5 \
         WHERE id = ?6",
        params![
            &keys.identity[..],
            &keys.variant[..],
            unit.source.plain_text(),
            unit.target.plain_text(),
            encode(unit)?,
            row_id(id)
        ],
    )?;
    if changed == 0 {
        return Err(TmError::NoSuchUnit(id));
    }
    if mirror {
        concordance_index::put(transaction, row_id(id), unit)?;
    }
    Ok(removed)
}

/// The concordance index: the folded source and target of every unit in an FTS5 table with the
/// trigram tokenizer (substring search), built the first time a concordance is asked for and
/// kept up to date by every write after that. `meta.generation` counts writes; the index is
/// used only while `meta.concordance_generation` equals it (a writer that does not know the
/// index, an older werkbank, makes it be built again).
mod concordance_index {
    use rusqlite::{params, OptionalExtension, Transaction};
    use werkbank_model::TranslationUnit;

    use crate::concordance::fold;
    use crate::TmError;

    pub(super) const CREATE: &str =
        "CREATE VIRTUAL TABLE concordance USING fts5(source, target, tokenize = 'trigram case_sensitive 1')";

    fn counter(transaction: &Transaction<'_>, key: &str) -> Result<i64, TmError> {
        Ok(transaction
            .query_row(
                "SELECT CAST(value AS INTEGER) FROM meta WHERE key = ?1",
                [key],
                |row| row.get(0),
            )
            .optional()?
            .unwrap_or(0))
    }

    fn set(transaction: &Transaction<'_>, key: &str, value: i64) -> Result<(), TmError> {
        transaction.execute(
            "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = ?2",
            params![key, value.to_string()],
        )?;
        Ok(())
    }

    pub(super) fn exists(transaction: &Transaction<'_>) -> Result<bool, TmError> {
        Ok(transaction
            .query_row(
                "SELECT 1 FROM sqlite_master WHERE name = 'concordance'",
                [],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    }

    /// Whether the index is there and up to date, before a write.
    pub(super) fn in_sync(transaction: &Transaction<'_>) -> Result<bool, TmError> {
        Ok(exists(transaction)?
            && counter(transaction, "generation")?
                == counter(transaction, "concordance_generation")?)
    }

    /// Counts a write; with `mirrored`, the index has been given the same changes.
    pub(super) fn count_write(
        transaction: &Transaction<'_>,
        mirrored: bool,
    ) -> Result<(), TmError> {
        let next = counter(transaction, "generation")? + 1;
        set(transaction, "generation", next)?;
        if mirrored {
            set(transaction, "concordance_generation", next)?;
        }
        Ok(())
    }

    pub(super) fn put(
        transaction: &Transaction<'_>,
        id: i64,
        unit: &TranslationUnit,
    ) -> Result<(), TmError> {
        transaction.execute("DELETE FROM concordance WHERE rowid = ?1", [id])?;
        transaction.execute(
            "INSERT INTO concordance (rowid, source, target) VALUES (?1, ?2, ?3)",
            params![
                id,
                fold(unit.source.plain_text()).text,
                fold(unit.target.plain_text()).text
            ],
        )?;
        Ok(())
    }

    pub(super) fn drop_unit(transaction: &Transaction<'_>, id: i64) -> Result<(), TmError> {
        transaction.execute("DELETE FROM concordance WHERE rowid = ?1", [id])?;
        Ok(())
    }

    /// Builds the index from every unit (in the caller's transaction).
    pub(super) fn build(transaction: &Transaction<'_>) -> Result<(), TmError> {
        transaction.execute_batch("DROP TABLE IF EXISTS concordance;")?;
        transaction.execute_batch(CREATE)?;
        {
            let mut read = transaction.prepare("SELECT id, unit FROM units")?;
            let rows = read.query_map([], |row| {
                Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?))
            })?;
            let mut insert = transaction
                .prepare("INSERT INTO concordance (rowid, source, target) VALUES (?1, ?2, ?3)")?;
            for row in rows {
                let Ok((id, json)) = row else { continue };
                let Ok(unit) = serde_json::from_str::<TranslationUnit>(&json) else {
                    continue;
                };
                insert.execute(params![
                    id,
                    fold(unit.source.plain_text()).text,
                    fold(unit.target.plain_text()).text
                ])?;
            }
        }
        let generation = counter(transaction, "generation")?;
        set(transaction, "concordance_generation", generation)
    }

    /// The FTS5 query for `words`: each word of three or more characters as a quoted string
    /// in `column`; `None` when no word is long enough for the trigram index.
    pub(super) fn query(words: &[String], column: &str) -> Option<String> {
        let terms: Vec<String> = words
            .iter()
            .filter(|w| w.chars().count() >= 3)
            .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
            .collect();
        (!terms.is_empty()).then(|| format!("{column} : ({})", terms.join(" AND ")))
    }
}
