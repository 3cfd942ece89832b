//! Every file the command line writes goes through [`Output`], which keeps the output rules of
//! the command-line contract:
//!
//! - no path or `-` is standard output;
//! - a regular file (or a path that does not exist yet) is written under a temporary name next
//!   to it and renamed into place only when everything succeeded, so a reader sees the old file
//!   or the complete new one, never half of one; the new file keeps the old one's permissions
//!   (and owner, where the process may set it);
//! - a symbolic link is followed: its target is written (atomically, next to the target) and the
//!   link stays a link;
//! - a FIFO, a device or any other file that is not a regular file is written as it is, never
//!   replaced (`-o /dev/null` stays the device);
//! - a directory is an error;
//! - temporary files are removed on every error path and when the process is interrupted
//!   (SIGINT, SIGTERM, SIGHUP).

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::CliError;

/// Temporary files being written, removed by the signal handler.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Installs the handler that removes pending temporary files when the process is interrupted
/// or terminated, then exits with 128 + the usual signal number for SIGINT (130).
pub fn install_interrupt_cleanup() {
    let _ = ctrlc::set_handler(|| {
        remove_pending();
        std::process::exit(130);
    });
}

fn remove_pending() {
    let pending = match PENDING.lock() {
        Ok(guard) => guard.clone(),
        Err(poisoned) => poisoned.into_inner().clone(),
    };
    for path in pending {
        let _ = fs::remove_file(path);
    }
}

fn register(path: &Path) {
    if let Ok(mut pending) = PENDING.lock() {
        pending.push(path.to_path_buf());
    }
}

fn unregister(path: &Path) {
    if let Ok(mut pending) = PENDING.lock() {
        pending.retain(|p| p != path);
    }
}

/// The name an output is called by in messages.
pub fn output_name(path: Option<&Path>) -> String {
    match path {
        Some(path) if !is_stdio(path) => path.display().to_string(),
        _ => "<stdout>".to_string(),
    }
}

/// Whether `path` is `-` (standard input or output).
pub fn is_stdio(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Standard output, a file that appears only when [`Output::finish`] is called, or a special
/// file written in place.
pub struct Output {
    writer: BufWriter<Box<dyn Write>>,
    pending: Option<PendingFile>,
    name: String,
}

struct PendingFile {
    temporary: PathBuf,
    destination: PathBuf,
}

/// Follows the symbolic links at the end of `path` (a link to a link ...), also when the last
/// one points to nothing yet.
fn resolve_links(path: &Path) -> io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..40 {
        match fs::symlink_metadata(&current) {
            Ok(metadata) if metadata.file_type().is_symlink() => {
                let link = fs::read_link(&current)?;
                current = if link.is_absolute() {
                    link
                } else {
                    current.parent().unwrap_or(Path::new("")).join(link)
                };
            }
            _ => return Ok(current),
        }
    }
    Err(io::Error::other("too many levels of symbolic links"))
}

impl Output {
    /// Opens `path` for writing as the module documentation says; errors name the path.
    pub fn open(path: Option<&Path>) -> Result<Self, CliError> {
        let name = output_name(path);
        Self::open_inner(path, &name).map_err(|e| CliError::new(format!("{name}: {e}")))
    }

    fn open_inner(path: Option<&Path>, name: &str) -> io::Result<Self> {
        let Some(path) = path.filter(|p| !is_stdio(p)) else {
            return Ok(Self {
                writer: BufWriter::with_capacity(1 << 16, Box::new(io::stdout())),
                pending: None,
                name: name.to_string(),
            });
        };
        let destination = resolve_links(path)?;
        let existing = fs::metadata(&destination).ok();
        if let Some(metadata) = &existing {
            if metadata.is_dir() {
                return Err(io::Error::other("is a directory"));
            }
            if !metadata.is_file() {
                // A FIFO, a device, a socket: written as it is, never replaced.
                let file = OpenOptions::new().write(true).open(&destination)?;
                return Ok(Self {
                    writer: BufWriter::with_capacity(1 << 16, Box::new(file)),
                    pending: None,
                    name: name.to_string(),
                });
            }
        }
        let directory = destination
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .to_path_buf();
        let file_name = destination
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "output".into());
        let (file, temporary) = create_temporary(&directory, &file_name)?;
        if let Some(metadata) = &existing {
            keep_attributes(&file, metadata);
        }
        Ok(Self {
            writer: BufWriter::with_capacity(1 << 16, Box::new(file)),
            pending: Some(PendingFile {
                temporary,
                destination,
            }),
            name: name.to_string(),
        })
    }

    /// The name of the output in messages.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Flushes and, for a regular file, moves it into place. Errors name the output.
    pub fn finish(mut self) -> Result<(), CliError> {
        let name = self.name.clone();
        self.finish_inner()
            .map_err(|e| CliError::new(format!("{name}: {e}")))
    }

    fn finish_inner(&mut self) -> io::Result<()> {
        match self.writer.flush() {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe && self.pending.is_none() => {
                return Ok(())
            }
            other => other?,
        }
        if let Some(pending) = self.pending.take() {
            let result = File::open(&pending.temporary)
                .and_then(|f| f.sync_all())
                .and_then(|()| fs::rename(&pending.temporary, &pending.destination));
            if result.is_err() {
                let _ = fs::remove_file(&pending.temporary);
            }
            unregister(&pending.temporary);
            result?;
        }
        Ok(())
    }
}

/// A new file `.NAME.werkbank-PID[-N].tmp` in `directory`, never an existing one.
fn create_temporary(directory: &Path, name: &str) -> io::Result<(File, PathBuf)> {
    let pid = std::process::id();
    for attempt in 0..100u32 {
        let suffix = if attempt == 0 {
            String::new()
        } else {
            format!("-{attempt}")
        };
        let temporary = directory.join(format!(".{name}.werkbank-{pid}{suffix}.tmp"));
        register(&temporary);
        match OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temporary)
        {
            Ok(file) => return Ok((file, temporary)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => unregister(&temporary),
            Err(e) => {
                unregister(&temporary);
                return Err(e);
            }
        }
    }
    Err(io::Error::other("no free temporary name"))
}

/// Gives the new file the permissions (and, where allowed, the owner) of the one it replaces.
fn keep_attributes(file: &File, old: &fs::Metadata) {
    let _ = file.set_permissions(old.permissions());
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let _ = std::os::unix::fs::fchown(file, Some(old.uid()), Some(old.gid()));
    }
}

impl Drop for Output {
    fn drop(&mut self) {
        // A pending file is still there only when `finish` was never reached: remove it.
        if let Some(pending) = self.pending.take() {
            let _ = fs::remove_file(&pending.temporary);
            unregister(&pending.temporary);
        }
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.writer.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.writer.flush()
    }
}

/// Writes `bytes` to `path` (or standard output) by the rules above.
pub fn write_output(path: Option<&Path>, bytes: &[u8]) -> Result<(), CliError> {
    let mut out = Output::open(path)?;
    if let Err(e) = out.write_all(bytes) {
        if e.kind() != io::ErrorKind::BrokenPipe || out.pending.is_some() {
            return Err(CliError::new(format!("{}: {e}", out.name())));
        }
    }
    out.finish()
}

/// Whether two paths name the same existing file (after following links).
pub fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (fs::metadata(a), fs::metadata(b)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        match (fs::canonicalize(a), fs::canonicalize(b)) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        }
    }
}

/// Refuses an output that would replace `input` where that destroys data the command still
/// needs (a memory being exported, an input a second output would overwrite).
pub fn refuse_same(
    output: Option<&Path>,
    flag: &str,
    input: &Path,
    what: &str,
) -> Result<(), CliError> {
    match output {
        Some(path) if !is_stdio(path) && !is_stdio(input) && same_file(path, input) => {
            Err(CliError::usage(format!(
                "{flag} {} is {what}; choose another output",
                path.display()
            )))
        }
        _ => Ok(()),
    }
}

/// Refuses `-` given twice among the inputs (standard input can be read only once).
pub fn refuse_same_input_twice(paths: &[PathBuf]) -> Result<(), CliError> {
    if paths.iter().filter(|p| is_stdio(p)).count() > 1 {
        return Err(CliError::usage(
            "standard input (-) can be read only once per command",
        ));
    }
    Ok(())
}
