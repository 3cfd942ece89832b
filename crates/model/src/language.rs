//! BCP 47 language tags.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::ModelError;

/// A BCP 47 language tag such as `de`, `de-DE` or `sr-Latn-RS`, parsed and case-normalised.
///
/// Parsing accepts `_` as a separator (`de_DE`), as Java and POSIX locales write it, and stores
/// the canonical case: language lower case, script title case, region upper case, everything else
/// lower case. Equality and ordering ignore case because the stored form is normalised.
///
/// # Example
/// ```
/// use werkbank_model::LanguageTag;
///
/// let tag: LanguageTag = "de_de".parse()?;
/// assert_eq!(tag.as_str(), "de-DE");
/// assert_eq!(tag.primary_language(), "de");
/// assert!(tag.serves(&"de".parse()?));
/// # Ok::<(), werkbank_model::ModelError>(())
/// ```
#[derive(Clone, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct LanguageTag {
    tag: String,
    primary_len: usize,
    region: Option<(usize, usize)>,
}

impl LanguageTag {
    /// Parses and normalises a tag. See the type docs for what is accepted.
    pub fn parse(input: &str) -> Result<Self, ModelError> {
        let invalid = |reason| ModelError::InvalidLanguageTag {
            tag: input.to_string(),
            reason,
        };
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(invalid("the tag is empty"));
        }
        let mut out = String::with_capacity(trimmed.len());
        let mut primary_len = 0;
        let mut region = None;
        // 0: language, 1: extlang, 2: script, 3: region, 4: variant, 5: extension or private use
        let mut stage = 0u8;
        for (index, subtag) in trimmed.split(['-', '_']).enumerate() {
            if subtag.is_empty() {
                return Err(invalid("a subtag is empty"));
            }
            if subtag.len() > 8 || !subtag.bytes().all(|b| b.is_ascii_alphanumeric()) {
                return Err(invalid("a subtag must be 1 to 8 ASCII letters or digits"));
            }
            if index > 0 {
                out.push('-');
            }
            let start = out.len();
            let alpha = subtag.bytes().all(|b| b.is_ascii_alphabetic());
            let digits = subtag.bytes().all(|b| b.is_ascii_digit());
            if index == 0 {
                if subtag.eq_ignore_ascii_case("x") || subtag.eq_ignore_ascii_case("i") {
                    stage = 5;
                } else if !alpha || subtag.len() < 2 {
                    return Err(invalid(
                        "the primary language subtag must be 2 to 8 letters",
                    ));
                }
                out.push_str(&subtag.to_ascii_lowercase());
                primary_len = out.len();
                continue;
            }
            if stage < 5 && subtag.len() == 1 {
                stage = 5;
            }
            if stage < 2 && alpha && subtag.len() == 3 && stage == 0 {
                stage = 1;
                out.push_str(&subtag.to_ascii_lowercase());
            } else if stage < 2 && alpha && subtag.len() == 4 {
                stage = 2;
                let lower = subtag.to_ascii_lowercase();
                let mut chars = lower.chars();
                if let Some(first) = chars.next() {
                    out.push(first.to_ascii_uppercase());
                    out.push_str(chars.as_str());
                }
            } else if stage < 3 && ((alpha && subtag.len() == 2) || (digits && subtag.len() == 3)) {
                stage = 3;
                out.push_str(&subtag.to_ascii_uppercase());
                region = Some((start, out.len()));
            } else if stage < 5
                && (subtag.len() >= 5
                    || (subtag.len() == 4
                        && subtag.as_bytes().first().is_some_and(u8::is_ascii_digit)))
            {
                stage = 4;
                out.push_str(&subtag.to_ascii_lowercase());
            } else if stage == 5 {
                out.push_str(&subtag.to_ascii_lowercase());
            } else {
                return Err(invalid("a subtag is out of place"));
            }
        }
        Ok(Self {
            tag: out,
            primary_len,
            region,
        })
    }

    /// The normalised tag, for example `de-DE`.
    pub fn as_str(&self) -> &str {
        &self.tag
    }

    /// The primary language subtag, for example `de` for `de-AT`.
    pub fn primary_language(&self) -> &str {
        self.tag.get(..self.primary_len).unwrap_or(&self.tag)
    }

    /// The region subtag, if there is one (`DE` in `de-DE`).
    pub fn region(&self) -> Option<&str> {
        self.region
            .and_then(|(start, end)| self.tag.get(start..end))
    }

    /// Whether material in this language can serve a request for `wanted`: the tags are equal, or
    /// one of them is only a primary language and the primary languages agree. A `de-DE` memory
    /// serves a `de` query, and a `de` memory serves a `de-AT` query; `de-AT` does not serve `de-CH`.
    pub fn serves(&self, wanted: &LanguageTag) -> bool {
        if self == wanted {
            return true;
        }
        let bare = |t: &LanguageTag| t.tag.len() == t.primary_len;
        self.primary_language() == wanted.primary_language() && (bare(self) || bare(wanted))
    }
}

impl PartialEq for LanguageTag {
    fn eq(&self, other: &Self) -> bool {
        self.tag == other.tag
    }
}
impl Eq for LanguageTag {}
impl Hash for LanguageTag {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.tag.hash(state);
    }
}
impl PartialOrd for LanguageTag {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for LanguageTag {
    fn cmp(&self, other: &Self) -> Ordering {
        self.tag.cmp(&other.tag)
    }
}

impl fmt::Debug for LanguageTag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "LanguageTag({})", self.tag)
    }
}

impl fmt::Display for LanguageTag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.tag)
    }
}

impl FromStr for LanguageTag {
    type Err = ModelError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl TryFrom<String> for LanguageTag {
    type Error = ModelError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<LanguageTag> for String {
    fn from(value: LanguageTag) -> Self {
        value.tag
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(s: &str) -> LanguageTag {
        LanguageTag::parse(s).unwrap()
    }

    #[test]
    fn normalises_case_and_separators() {
        assert_eq!(tag("DE").as_str(), "de");
        assert_eq!(tag("de_at").as_str(), "de-AT");
        assert_eq!(tag("SR-latn-rs").as_str(), "sr-Latn-RS");
        assert_eq!(tag("es-419").region(), Some("419"));
        assert_eq!(tag("de-CH-1901").as_str(), "de-CH-1901");
        assert_eq!(tag("en-US-x-Twain").as_str(), "en-US-x-twain");
        assert_eq!(tag("x-klingon").primary_language(), "x");
        assert_eq!(tag("zh-yue-HK").as_str(), "zh-yue-HK");
    }

    #[test]
    fn compares_without_case() {
        assert_eq!(tag("de-de"), tag("DE-DE"));
        assert_ne!(tag("de-DE"), tag("de-AT"));
    }

    #[test]
    fn primary_language_serves() {
        assert!(tag("de-DE").serves(&tag("de")));
        assert!(tag("de").serves(&tag("de-AT")));
        assert!(!tag("de-AT").serves(&tag("de-CH")));
        assert!(!tag("en").serves(&tag("de")));
    }

    #[test]
    fn rejects_malformed_tags() {
        for bad in [
            "",
            "d",
            "de--DE",
            "de-DE-",
            "deutsch-mit-umlaut-ä",
            "1de",
            "de-Latn-Cyrl",
        ] {
            assert!(
                LanguageTag::parse(bad).is_err(),
                "{bad:?} should be rejected"
            );
        }
    }

    #[test]
    fn serde_uses_the_string_form() {
        let json = serde_json::to_string(&tag("en_gb")).unwrap();
        assert_eq!(json, "\"en-GB\"");
        let back: LanguageTag = serde_json::from_str(&json).unwrap();
        assert_eq!(back, tag("en-GB"));
        assert!(serde_json::from_str::<LanguageTag>("\"-\"").is_err());
    }
}
