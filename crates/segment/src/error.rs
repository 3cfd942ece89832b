//! Errors of the segmenter.

use std::io;

pub use werkbank_model::Position;

/// Everything that can go wrong while loading rules or segmenting.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SegmentError {
    /// No built-in rules exist for the language.
    #[error("no built-in segmentation rules for language {language:?} (built in: de, en); load an SRX file for it")]
    UnsupportedLanguage {
        /// The language that was asked for.
        language: String,
    },
    /// The SRX file is not well-formed XML, or not SRX.
    #[error("SRX {position}: {message}")]
    SrxSyntax {
        /// Where the problem is.
        position: Position,
        /// What is wrong.
        message: String,
    },
    /// The SRX file exceeds a limit of [`werkbank_model::Limits`].
    #[error("SRX {position}: limit exceeded: {exceeded}")]
    Limit {
        /// Where the limit was exceeded.
        position: Position,
        /// Which limit, the value and the bound.
        exceeded: werkbank_model::Exceeded,
    },
    /// A rule's pattern cannot be translated from Java regex syntax or compiled.
    #[error("SRX {position}: rule {rule} of language rule {language_rule:?}, {side} pattern {pattern:?}: {message}")]
    Pattern {
        /// Where the pattern is.
        position: Position,
        /// The name of the language rule the rule belongs to.
        language_rule: String,
        /// 1-based number of the rule within its language rule.
        rule: usize,
        /// `beforebreak`, `afterbreak` or `languagepattern`.
        side: &'static str,
        /// The pattern as written in the file.
        pattern: String,
        /// Why it cannot be used.
        message: String,
    },
    /// A map rule names a language rule the file does not define.
    #[error("SRX {position}: languagemap refers to undefined language rule {name:?}")]
    UndefinedLanguageRule {
        /// Where the map rule is.
        position: Position,
        /// The missing name.
        name: String,
    },
    /// No map rule of the SRX file matches the language.
    #[error("no languagemap of the SRX file matches language {language:?}")]
    NoRulesForLanguage {
        /// The language code.
        language: String,
    },
    /// A regular expression needed more work than allowed on some input.
    #[error("rule {rule} of language rule {language_rule:?} exceeded its matching budget at byte {offset}; the pattern backtracks too much")]
    MatchBudget {
        /// The language rule.
        language_rule: String,
        /// 1-based rule number.
        rule: usize,
        /// Byte offset in the text being segmented.
        offset: usize,
    },
    /// The input is not UTF-8.
    #[error("input is not valid UTF-8 at byte {offset}")]
    InvalidUtf8 {
        /// Byte offset of the first invalid byte.
        offset: usize,
    },
    /// Reading the input failed.
    #[error("reading input failed: {0}")]
    Io(#[from] io::Error),
}
