//! Lexical checks shared by the validators: NMTOKEN, language tags, yes/no.

use werkbank_model::LanguageTag;

fn is_name_char(c: char) -> bool {
    c.is_alphanumeric()
        || matches!(c, '.' | '-' | '_' | ':' | '\u{B7}')
        || matches!(c, '\u{300}'..='\u{36F}' | '\u{203F}'..='\u{2040}')
}

/// True when `value` is an XML NMTOKEN.
pub fn is_nmtoken(value: &str) -> bool {
    !value.is_empty() && value.chars().all(is_name_char)
}

/// True when `value` is a well-formed BCP 47 tag, written strictly (no spaces or underscores).
pub fn is_language_tag(value: &str) -> bool {
    !value.is_empty()
        && !value.contains(['_', ' ', '\t'])
        && value.trim() == value
        && LanguageTag::parse(value).is_ok()
}

/// Compares language tags the way BCP 47 does: case-insensitively.
pub fn same_language(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
}

/// True for "yes" and "no".
pub fn is_yes_no(value: &str) -> bool {
    matches!(value, "yes" | "no")
}

/// True for a `prefix:value` pair whose prefix is an NMTOKEN without a colon.
pub fn is_prefixed_value(value: &str) -> bool {
    value.split_once(':').is_some_and(|(prefix, rest)| {
        is_nmtoken(prefix) && !prefix.contains(':') && !rest.is_empty()
    })
}
