//! Making SRX patterns friendly to regex-automata's DFAs.
//!
//! Almost every rule of the big SRX files starts with `\b`. A Unicode word boundary makes the
//! lazy DFA give up on non-ASCII text, and the engine then falls back to a much slower NFA
//! simulation. A leading `\b` that is followed only by word characters says nothing more than
//! "the character before is not a word character, or there is none", and that can be written
//! as a consuming prefix `(?:\A|\W)`. The engine only ever asks where a `beforebreak` match
//! *ends*, so consuming one more character at the start changes nothing it relies on.

use regex_syntax::hir::{Class, ClassUnicode, Hir, HirKind, Look};

/// The rewritten pattern, or `None` when there is nothing to rewrite or it is not safe.
pub(crate) fn without_leading_word_boundary(pattern: &str) -> Option<String> {
    // The common case, `\b` first (perhaps after a flag group), is rewritten as text: printing
    // a parsed pattern back would spell out every Unicode class in full.
    let (flags, body) = split_leading_flags(pattern);
    if let Some(rest) = body.strip_prefix(r"\b") {
        let rest_hir = regex_syntax::Parser::new()
            .parse(&format!("{flags}{rest}"))
            .ok()?;
        let word = word_class()?;
        if !rest.starts_with('{') && is_subset(&first_chars(&rest_hir)?, &word) {
            return Some(format!(r"{flags}(?:\A|\W){rest}"));
        }
        return None;
    }
    let hir = regex_syntax::Parser::new().parse(pattern).ok()?;
    let rewritten = rewrite(&hir)?;
    Some(rewritten.to_string())
}

/// Splits off flag groups such as `(?i)` at the very start.
fn split_leading_flags(pattern: &str) -> (&str, &str) {
    let mut end = 0;
    while let Some(rest) = pattern.get(end..) {
        let Some(group) = rest.strip_prefix("(?") else {
            break;
        };
        let Some(close) = group.find(')') else {
            break;
        };
        let flags = group.get(..close).unwrap_or_default();
        if flags.is_empty() || !flags.chars().all(|c| c.is_ascii_alphabetic() || c == '-') {
            break;
        }
        end += 2 + close + 1;
    }
    (
        pattern.get(..end).unwrap_or_default(),
        pattern.get(end..).unwrap_or(pattern),
    )
}

fn rewrite(hir: &Hir) -> Option<Hir> {
    match hir.kind() {
        HirKind::Alternation(branches) => {
            let mut changed = false;
            let mut out = Vec::with_capacity(branches.len());
            for branch in branches {
                match rewrite(branch) {
                    Some(new) => {
                        changed = true;
                        out.push(new);
                    }
                    None => out.push(branch.clone()),
                }
            }
            changed.then(|| Hir::alternation(out))
        }
        HirKind::Capture(capture) => rewrite(&capture.sub),
        HirKind::Concat(items) => {
            let (first, rest) = items.split_first()?;
            let HirKind::Look(look) = first.kind() else {
                return None;
            };
            let rest_hir = Hir::concat(rest.to_vec());
            let first_chars = first_chars(&rest_hir)?;
            let word = word_class()?;
            let prefix = match look {
                Look::WordUnicode | Look::WordStartUnicode if is_subset(&first_chars, &word) => {
                    let mut not_word = word;
                    not_word.negate();
                    Hir::alternation(vec![
                        Hir::look(Look::Start),
                        Hir::class(Class::Unicode(not_word)),
                    ])
                }
                Look::WordUnicodeNegate if is_subset(&first_chars, &word) => {
                    Hir::class(Class::Unicode(word))
                }
                _ => return None,
            };
            let mut out = vec![prefix];
            out.extend(rest.iter().cloned());
            Some(Hir::concat(out))
        }
        _ => None,
    }
}

/// The characters a match can start with, when that can be told.
fn first_chars(hir: &Hir) -> Option<ClassUnicode> {
    match hir.kind() {
        HirKind::Literal(literal) => {
            let ch = std::str::from_utf8(&literal.0).ok()?.chars().next()?;
            Some(ClassUnicode::new([
                regex_syntax::hir::ClassUnicodeRange::new(ch, ch),
            ]))
        }
        HirKind::Class(Class::Unicode(class)) => Some(class.clone()),
        HirKind::Capture(capture) => first_chars(&capture.sub),
        HirKind::Repetition(repetition) if repetition.min > 0 => first_chars(&repetition.sub),
        HirKind::Concat(items) => {
            let first = items.first()?;
            if first.properties().minimum_len() == Some(0) {
                return None;
            }
            first_chars(first)
        }
        HirKind::Alternation(branches) => {
            let mut all = ClassUnicode::empty();
            for branch in branches {
                all.union(&first_chars(branch)?);
            }
            Some(all)
        }
        _ => None,
    }
}

fn word_class() -> Option<ClassUnicode> {
    match regex_syntax::Parser::new().parse(r"\w").ok()?.into_kind() {
        HirKind::Class(Class::Unicode(class)) => Some(class),
        _ => None,
    }
}

fn is_subset(class: &ClassUnicode, of: &ClassUnicode) -> bool {
    let mut rest = class.clone();
    rest.difference(of);
    rest.ranges().is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leading_boundaries_before_words_become_prefixes() {
        let rewritten = without_leading_word_boundary(r"\b(Hr|Prof)\.").unwrap();
        assert!(!rewritten.contains(r"\b"), "{rewritten}");
        let regex = regex::Regex::new(&format!("(?:{rewritten})$")).unwrap();
        assert!(regex.is_match("Herr Prof."));
        assert!(regex.is_match("Hr."));
        assert!(!regex.is_match("Chr."));
        assert!(regex.is_match("(Prof."));
        assert!(!regex.is_match("ÄHr."));
    }

    #[test]
    fn other_boundaries_stay() {
        assert_eq!(without_leading_word_boundary(r"\b\.x"), None);
        assert_eq!(without_leading_word_boundary(r"a\b"), None);
        assert_eq!(without_leading_word_boundary(r"\b\w*x"), None);
    }
}
