//! Output that is never left half-written: a file is written next to its destination under a
//! temporary name and renamed into place only when everything succeeded.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// Standard output, or a file that appears only when [`Output::finish`] is called.
pub struct Output {
    writer: Box<dyn Write>,
    pending: Option<PendingFile>,
}

struct PendingFile {
    temporary: PathBuf,
    destination: PathBuf,
}

impl Output {
    /// Opens `path`, or standard output when there is none or it is `-`.
    pub fn open(path: Option<&Path>) -> io::Result<Self> {
        match path {
            Some(path) if path != Path::new("-") => {
                let directory = path
                    .parent()
                    .filter(|p| !p.as_os_str().is_empty())
                    .unwrap_or(Path::new("."));
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let temporary =
                    directory.join(format!(".{name}.werkbank-{}.tmp", std::process::id()));
                let file = File::create(&temporary)?;
                Ok(Self {
                    writer: Box::new(BufWriter::new(file)),
                    pending: Some(PendingFile {
                        temporary,
                        destination: path.to_path_buf(),
                    }),
                })
            }
            _ => Ok(Self {
                writer: Box::new(BufWriter::new(io::stdout())),
                pending: None,
            }),
        }
    }

    /// Flushes and, for a file, moves it into place.
    pub fn finish(mut self) -> io::Result<()> {
        self.writer.flush()?;
        if let Some(pending) = self.pending.take() {
            File::open(&pending.temporary)?.sync_all()?;
            if let Err(error) = std::fs::rename(&pending.temporary, &pending.destination) {
                let _ = std::fs::remove_file(&pending.temporary);
                return Err(error);
            }
        }
        Ok(())
    }
}

impl Drop for Output {
    fn drop(&mut self) {
        // A pending file is still there only when `finish` was never reached: remove it.
        if let Some(pending) = self.pending.take() {
            let _ = std::fs::remove_file(pending.temporary);
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
