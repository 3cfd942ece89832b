//! XLIFF 1.2 and 2.0–2.2 for werkbank: a lossless reader and writer, a validator that names the
//! rule each error breaks, creation of XLIFF files for translators from plain text
//! ([`create`]), pre-translation from any source of matches ([`pretranslate`]), and the way back
//! to the translated document and to a translation memory ([`merge`]).
//!
//! One entry point, [`Document::parse`], detects the version (1.0, 1.1, 1.2, 2.0, 2.1, 2.2,
//! including 2.2 files in the 2.0 namespace) and keeps everything needed to write the file back
//! as it was: the exact text of every tag, whitespace, comments, processing instructions, CDATA
//! and every extension element and attribute. [`Document::units`] reads units, segments and
//! inline codes into the shared model of `werkbank-model`; [`Document::set_target`] writes a
//! translation back in place.
//!
//! ```
//! use werkbank_model::{Content, SegmentState};
//! use werkbank_xliff::Document;
//!
//! let text = r#"<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">
//!  <file original="a.txt" source-language="de" target-language="en" datatype="plaintext">
//!   <body>
//!    <trans-unit id="1">
//!     <source>Guten <g id="b">Morgen</g>.</source>
//!    </trans-unit>
//!   </body>
//!  </file>
//! </xliff>"#;
//! let mut document = Document::parse(text.as_bytes())?;
//! let units = document.units()?;
//! let source = &units[0].parts[0].segment.source;
//! assert_eq!(source.plain_text(), "Guten Morgen.");
//! assert_eq!(source.codes().len(), 2);
//!
//! // Translate with the source's codes and write back: only the new target is added.
//! let mut target = Content::from_text("Good ");
//! target.push_code(source.codes()[0].code.clone());
//! target.push_text("morning");
//! target.push_code(source.codes()[1].code.clone());
//! target.push_text(".");
//! document.set_target(0, 0, &target, SegmentState::Translated)?;
//! let written = String::from_utf8(document.to_bytes()).unwrap();
//! assert!(written.contains(r#"<target state="translated">Good <g id="b">morning</g>.</target>"#));
//! # Ok::<(), werkbank_xliff::XliffError>(())
//! ```

#![deny(missing_docs)]
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

mod document;
mod error;
mod event_units;
pub mod inline;
mod skeleton;
pub mod units;
pub mod xml;

use std::io::Write;
use std::path::Path;

pub use document::{
    decode, decode_borrowed, decode_owned, detect_version, encode, Document, TextEncoding, Version,
    NS_XLIFF_11, NS_XLIFF_12, NS_XLIFF_20, NS_XLIFF_22,
};
pub use error::{Position, XliffError};
pub use units::{Part, Unit};
pub mod convert;
pub mod edit;
pub mod extras;
pub mod operations;
pub mod stream;
pub mod validate;
pub mod writer;

/// Writes `bytes` to `path` through a temporary file in the same directory and a rename, so a
/// reader never sees a half-written file.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), XliffError> {
    let io = |source| XliffError::Io {
        path: path.display().to_string(),
        source,
    };
    let directory = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".into());
    let temporary = directory.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&temporary)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temporary, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    result.map_err(io)
}
