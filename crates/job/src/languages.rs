//! The one rule for the language of a side of a file, shared by every job: what the file names,
//! supplied or corrected by what the user gave, else taken from the source of matches.

use werkbank_model::LanguageTag;

use crate::JobError;

/// The language of one side (`source` or `target`) of `file` ("" for a whole 2.x document).
/// `named` is what the file says; `given` (the user's) supplies a missing language and corrects
/// one of another primary language (a more specific tag of the same language is kept);
/// `fallback` (the matches') is taken when neither says anything. Each supplied or corrected
/// language is told in `warnings`. Returns the language and whether the file says otherwise
/// (so that it is written in).
pub(crate) fn resolve(
    file: &str,
    side: &'static str,
    named: Option<&str>,
    given: Option<&LanguageTag>,
    fallback: Option<&LanguageTag>,
    warnings: &mut Vec<String>,
) -> Result<(LanguageTag, bool), JobError> {
    let subject = if file.is_empty() {
        "the document".to_string()
    } else {
        format!("file {file:?}")
    };
    let named = named.filter(|t| !t.trim().is_empty());
    let parse = |tag: &str| {
        tag.parse::<LanguageTag>().map_err(|e| JobError::Language {
            file: file.to_string(),
            side,
            tag: tag.to_string(),
            message: e.to_string(),
        })
    };
    match (named, given, fallback) {
        (Some(named), Some(given), _) => match parse(named) {
            Ok(parsed) if parsed.primary_language() == given.primary_language() => {
                Ok((parsed, false))
            }
            _ => {
                warnings.push(format!(
                    "{subject} names {named} as its {side} language; taken as {given}"
                ));
                Ok((given.clone(), true))
            }
        },
        (Some(named), None, _) => parse(named).map(|tag| (tag, false)),
        (None, Some(given), _) => {
            warnings.push(format!(
                "{subject} names no {side} language; taken as {given}"
            ));
            Ok((given.clone(), true))
        }
        (None, None, Some(fallback)) => {
            warnings.push(format!(
                "{subject} names no {side} language; taken as the memory's, {fallback}"
            ));
            Ok((fallback.clone(), true))
        }
        (None, None, None) => Err(JobError::NoLanguage {
            file: file.to_string(),
            side,
        }),
    }
}
