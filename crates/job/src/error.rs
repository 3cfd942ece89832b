//! What can go wrong in a job.

use thiserror::Error;
use werkbank_model::MatchError;
use werkbank_segment::SegmentError;
use werkbank_xliff::XliffError;

/// Why a job could not be done.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum JobError {
    /// Reading or writing XLIFF failed (with where, for a reading error).
    #[error(transparent)]
    Xliff(#[from] XliffError),
    /// Segmenting the text failed.
    #[error("segmentation failed: {0}")]
    Segment(#[from] SegmentError),
    /// The segmenter gave sentences that do not follow one another through the text (a bug of
    /// a segmenter: no text is dropped, the job stops).
    #[error("the segmenter's sentence at byte {offset} does not follow the one before it")]
    SentenceOrder {
        /// Where the sentence that does not fit starts.
        offset: usize,
    },
    /// The source of matches failed.
    #[error("the source of matches failed: {0}")]
    Matches(#[from] MatchError),
    /// The document to translate has no text.
    #[error("the document has no text to translate")]
    NothingToTranslate,
    /// The document names no source (or target) language and none was given.
    #[error("file {file:?} names no {side} language (give the languages to assume)")]
    NoLanguage {
        /// The file.
        file: String,
        /// `source` or `target`.
        side: &'static str,
    },
    /// A language the document names is not a language tag.
    #[error("file {file:?}: the {side} language {tag:?} is not a language tag: {message}")]
    Language {
        /// The file.
        file: String,
        /// `source` or `target`.
        side: &'static str,
        /// The tag as written.
        tag: String,
        /// What is wrong with it.
        message: String,
    },
    /// The languages of the document and of the source of matches differ.
    #[error(
        "the document is {document_source}→{document_target} but the matches are \
         {matches_source}→{matches_target}"
    )]
    LanguagePair {
        /// The document's source language.
        document_source: String,
        /// The document's target language.
        document_target: String,
        /// The source language of the matches.
        matches_source: String,
        /// Their target language.
        matches_target: String,
    },
    /// The skeleton of a translated file places a unit the file does not have.
    #[error("the document's skeleton places unit {unit:?}, which the file does not have")]
    MissingUnit {
        /// The unit's id.
        unit: String,
    },
    /// Whatever took the job's results (a memory storing learnt units) failed.
    #[error("storing the results failed: {0}")]
    Store(#[source] Box<dyn std::error::Error + Send + Sync>),
    /// Writing the output failed.
    #[error("writing the output failed: {0}")]
    Output(#[source] std::io::Error),
}

/// Keeps a job error for after the XLIFF reader stops (a callback of the reader can only stop it
/// with an XLIFF error); the job then returns the error kept.
pub(crate) fn stash(slot: &mut Option<JobError>, error: JobError) -> XliffError {
    let message = error.to_string();
    *slot = Some(error);
    XliffError::Model { message }
}
