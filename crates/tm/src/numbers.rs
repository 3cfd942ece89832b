//! Numbers as the languages write them, so that a fuzzy match's target gets the query's
//! numbers in the target language's form.
//!
//! A number token ("1.299,00", "14:30", "4:1", "24.11.2026") is read into *atoms*: the numbers
//! between `:` (ratios, times) and, where the dots are not thousands separators, between `.`
//! (dates, versions). Each atom has a value read with the conventions of its language: German
//! and most European languages write a decimal comma and group thousands with a point, English
//! the other way round. Adapting a target replaces each number of the stored source that the
//! query changed by the query's value, written the way the target writes its numbers; a time
//! the target gives in 12-hour form ("2:30 pm" for "14:30 Uhr") is put in 12-hour form with the
//! right am/pm. Where the target has no number of the stored source's value (it spells it out,
//! "thirty"), the target is not adapted.

use std::ops::Range;

use werkbank_model::{Content, ContentItem, LanguageTag};

use crate::tokens::{Token, TokenKind};

/// How a language writes numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Convention {
    /// The decimal separator: ',' or '.'.
    decimal: char,
}

impl Convention {
    /// The convention of `language`: a decimal point for English and the languages of East
    /// Asia and a few others, a decimal comma for the rest (German, French, Spanish, ...).
    pub(crate) fn of(language: &LanguageTag) -> Self {
        let point = matches!(
            language.primary_language(),
            "en" | "ja" | "zh" | "ko" | "th" | "he" | "hi" | "ga" | "mt" | "ms" | "tl"
        );
        Self {
            decimal: if point { '.' } else { ',' },
        }
    }

    fn grouping(self) -> char {
        if self.decimal == ',' {
            '.'
        } else {
            ','
        }
    }
}

/// A decimal number: digits of the integer part (no leading zeros, at least one digit) and of
/// the fraction (as written, so "1,50" keeps two places).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Decimal {
    integer: String,
    fraction: String,
}

impl Decimal {
    fn parse(integer: &str, fraction: &str) -> Option<Self> {
        if integer.is_empty() || !integer.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        if !fraction.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let trimmed = integer.trim_start_matches('0');
        Some(Self {
            integer: if trimmed.is_empty() { "0" } else { trimmed }.to_string(),
            fraction: fraction.to_string(),
        })
    }

    /// Equal values: "1,5" and "1.50" are the same number.
    fn same_value(&self, other: &Decimal) -> bool {
        self.integer == other.integer
            && self.fraction.trim_end_matches('0') == other.fraction.trim_end_matches('0')
    }

    fn as_u32(&self) -> Option<u32> {
        if self.fraction.trim_end_matches('0').is_empty() {
            self.integer.parse().ok()
        } else {
            None
        }
    }
}

/// One number inside a number token, with where it is in the token's text.
#[derive(Debug, Clone)]
struct Atom {
    range: Range<usize>,
    value: Decimal,
    /// Written with thousands separators.
    grouped: bool,
}

/// A number token read into atoms.
#[derive(Debug, Clone)]
struct Reading {
    atoms: Vec<Atom>,
    /// Two atoms joined by ':' whose second has two digits: a time of day.
    time: bool,
}

/// Whether `text` is digits grouped by `separator` in threes ("1.000", "12.500.000").
fn is_grouped(text: &str, separator: char) -> bool {
    let mut parts = text.split(separator);
    let first = parts.next().unwrap_or("");
    let mut rest = parts.peekable();
    rest.peek().is_some()
        && (1..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_digit())
        && rest.all(|p| p.len() == 3 && p.bytes().all(|b| b.is_ascii_digit()))
}

/// Reads one decimal written with `convention`, possibly grouped.
fn read_decimal(text: &str, convention: Convention) -> Option<(Decimal, bool)> {
    let group = convention.grouping();
    let (whole, fraction) = match text.rsplit_once(convention.decimal) {
        Some((whole, fraction)) => (whole, fraction),
        None => (text, ""),
    };
    let grouped = whole.contains([group, '\'', '\u{202F}', '\u{A0}']);
    let whole_digits: String = if grouped {
        let normalised = whole.replace(['\'', '\u{202F}', '\u{A0}'], &group.to_string());
        if !is_grouped(&normalised, group) {
            return None;
        }
        normalised.replace(group, "")
    } else {
        whole.to_string()
    };
    Decimal::parse(&whole_digits, fraction).map(|d| (d, grouped))
}

fn read(text: &str, convention: Convention) -> Reading {
    let mut atoms = Vec::new();
    let mut offset = 0;
    let parts: Vec<&str> = text.split(':').collect();
    for part in &parts {
        let range = offset..offset + part.len();
        offset += part.len() + 1;
        match read_decimal(part, convention) {
            Some((value, grouped)) => atoms.push(Atom {
                range,
                value,
                grouped,
            }),
            None => {
                // A date or version: its parts, split at the dots.
                let mut inner = range.start;
                for piece in part.split(['.', ',']) {
                    if let Some(value) = Decimal::parse(piece, "") {
                        atoms.push(Atom {
                            range: inner..inner + piece.len(),
                            value,
                            grouped: false,
                        });
                    }
                    inner += piece.len() + 1;
                }
            }
        }
    }
    let time = parts.len() == 2
        && atoms.len() == 2
        && parts.get(1).is_some_and(|p| p.len() == 2)
        && atoms
            .first()
            .and_then(|a| a.value.as_u32())
            .is_some_and(|h| h <= 24);
    Reading { atoms, time }
}

/// `value` written as the target writes numbers: its decimal separator, and thousands
/// grouped where the target grouped the number it replaces (or, when that one was too small to
/// tell, where the query grouped its own).
fn render(value: &Decimal, convention: Convention, group: bool) -> String {
    let mut integer = String::new();
    if group && value.integer.len() > 3 {
        let digits: Vec<char> = value.integer.chars().collect();
        for (index, digit) in digits.iter().enumerate() {
            if index > 0 && (digits.len() - index).is_multiple_of(3) {
                integer.push(convention.grouping());
            }
            integer.push(*digit);
        }
    } else {
        integer.push_str(&value.integer);
    }
    if value.fraction.is_empty() {
        integer
    } else {
        format!("{integer}{}{}", convention.decimal, value.fraction)
    }
}

/// A number token of a segment, read.
struct Place<'t> {
    token: &'t Token,
    reading: Reading,
}

fn places<'t>(tokens: &'t [Token], convention: Convention) -> Vec<Place<'t>> {
    tokens
        .iter()
        .filter(|t| t.kind == TokenKind::Number)
        .map(|token| Place {
            token,
            reading: read(&token.text, convention),
        })
        .collect()
}

/// One replacement in the target's plain text.
struct Replacement {
    range: Range<usize>,
    text: String,
}

/// The am/pm word after a 12-hour time in the target, as written: "pm", "p.m.", "PM".
fn meridiem_after(target: &str, end: usize) -> Option<(Range<usize>, bool, String)> {
    let rest = target.get(end..)?;
    let skipped = rest.len() - rest.trim_start().len();
    let word: String = rest
        .trim_start()
        .chars()
        .take_while(|c| c.is_ascii_alphabetic() || *c == '.')
        .collect();
    let letters: String = word
        .chars()
        .filter(char::is_ascii_alphabetic)
        .collect::<String>()
        .to_ascii_lowercase();
    let pm = match letters.as_str() {
        "am" => false,
        "pm" => true,
        _ => return None,
    };
    // "p.m." keeps its final dot, a sentence's full stop after "pm" is not part of it.
    let written = if word.contains('.') {
        word.clone()
    } else {
        word.trim_end_matches('.').to_string()
    };
    let start = end + skipped;
    Some((start..start + written.len(), pm, written))
}

fn meridiem_written(pattern: &str, pm: bool) -> String {
    let lower = if pm { "pm" } else { "am" };
    let mut letters = lower.chars();
    pattern
        .chars()
        .map(|c| {
            if c.is_ascii_alphabetic() {
                let l = letters.next().unwrap_or(c);
                if c.is_ascii_uppercase() {
                    l.to_ascii_uppercase()
                } else {
                    l
                }
            } else {
                c
            }
        })
        .collect()
}

/// The target with the query's numbers put in where they differ from the stored source's, or
/// `None` when that cannot be done for every changed number. `source_tokens` and
/// `query_tokens` are the stored source's and the query's tokens (same number tokens in the
/// same order: the caller checked that only numbers differ).
pub(crate) fn adapt(
    query_tokens: &[Token],
    source_tokens: &[Token],
    target: &Content,
    source: Convention,
    target_convention: Convention,
) -> Option<Content> {
    let query_places = places(query_tokens, source);
    let unit_places = places(source_tokens, source);
    if query_places.len() != unit_places.len() {
        return None;
    }
    let target_tokens = crate::tokens::tokenize(target);
    let target_places = places(&target_tokens, target_convention);
    let text = target.plain_text();
    let mut used: Vec<(usize, usize)> = Vec::new();
    let mut replacements: Vec<Replacement> = Vec::new();
    let mut changed_any = false;
    for (query, unit) in query_places.iter().zip(&unit_places) {
        if query.token.text == unit.token.text {
            continue;
        }
        changed_any = true;
        if query.reading.atoms.len() != unit.reading.atoms.len() {
            return None;
        }
        // A time the target writes in 12-hour form.
        if unit.reading.time && query.reading.time {
            if let Some(found) = twelve_hour(unit, query, &target_places, text, &mut used) {
                replacements.extend(found);
                continue;
            }
        }
        for (query_atom, unit_atom) in query.reading.atoms.iter().zip(&unit.reading.atoms) {
            if query_atom.value == unit_atom.value && query_atom.grouped == unit_atom.grouped {
                continue;
            }
            // The k-th atom of this value in the source is the k-th of it in the target.
            let rank = unit_places
                .iter()
                .flat_map(|p| p.reading.atoms.iter().map(move |a| (p, a)))
                .take_while(|(p, a)| !(std::ptr::eq(*p, unit) && std::ptr::eq(*a, unit_atom)))
                .filter(|(_, a)| a.value.same_value(&unit_atom.value))
                .count();
            let (place_index, atom_index, atom) = target_places
                .iter()
                .enumerate()
                .flat_map(|(pi, p)| {
                    p.reading
                        .atoms
                        .iter()
                        .enumerate()
                        .map(move |(ai, a)| (pi, ai, a))
                })
                .filter(|(_, _, a)| a.value.same_value(&unit_atom.value))
                .nth(rank)?;
            if used.contains(&(place_index, atom_index)) {
                return None;
            }
            used.push((place_index, atom_index));
            let place = target_places.get(place_index)?;
            let grouped = atom.grouped || (atom.value.integer.len() <= 3 && query_atom.grouped);
            let start = place.token.range.start + atom.range.start;
            replacements.push(Replacement {
                range: start..place.token.range.start + atom.range.end,
                text: render(&query_atom.value, target_convention, grouped),
            });
        }
    }
    if !changed_any {
        return None;
    }
    apply(target, replacements)
}

/// Puts a changed time into a target that writes the stored time in 12-hour form: "14:30" ↔
/// "2:30 pm", so "16:45" → "4:45 pm" and "09:15" → "9:15 am".
fn twelve_hour(
    unit: &Place<'_>,
    query: &Place<'_>,
    target_places: &[Place<'_>],
    text: &str,
    used: &mut Vec<(usize, usize)>,
) -> Option<Vec<Replacement>> {
    let hour = unit.reading.atoms.first()?.value.as_u32()?;
    let minute = unit.reading.atoms.get(1)?.value.clone();
    let twelve = match hour % 12 {
        0 => 12,
        h => h,
    };
    let (index, place, meridiem) =
        target_places
            .iter()
            .enumerate()
            .find_map(|(index, place)| {
                let atoms = &place.reading.atoms;
                let fits = place.reading.time
                    && atoms.first()?.value.as_u32()? == twelve
                    && atoms.get(1)?.value.same_value(&minute)
                    && !used.contains(&(index, 0));
                if !fits {
                    return None;
                }
                let meridiem = meridiem_after(text, place.token.range.end)?;
                (meridiem.1 == (hour >= 12)).then_some((index, place, meridiem))
            })?;
    let new_hour = query.reading.atoms.first()?.value.as_u32()?;
    let new_minute = &query.reading.atoms.get(1)?.value;
    if new_hour > 24 {
        return None;
    }
    used.push((index, 0));
    let new_twelve = match new_hour % 12 {
        0 => 12,
        h => h,
    };
    let pm = (12..24).contains(&new_hour);
    let (meridiem_range, _, written) = meridiem;
    Some(vec![
        Replacement {
            range: place.token.range.clone(),
            text: format!("{new_twelve}:{}", new_minute.integer_padded()),
        },
        Replacement {
            range: meridiem_range,
            text: meridiem_written(&written, pm),
        },
    ])
}

impl Decimal {
    /// The integer part with at least two digits (minutes).
    fn integer_padded(&self) -> String {
        format!("{:0>2}", self.integer)
    }
}

/// `target` with the replacements made in its plain text (codes stay where they are).
fn apply(target: &Content, mut replacements: Vec<Replacement>) -> Option<Content> {
    replacements.sort_by_key(|r| r.range.start);
    if replacements
        .windows(2)
        .any(|pair| matches!(pair, [a, b] if a.range.end > b.range.start))
    {
        return None;
    }
    let plain = target.plain_text();
    let mut out = Content::new();
    let mut text_offset = 0usize;
    for item in target.items() {
        match item {
            ContentItem::Code(code) => out.push_code(code.clone()),
            ContentItem::Text(text) => {
                let run = text_offset..text_offset + text.len();
                let mut cursor = run.start;
                for replacement in replacements
                    .iter()
                    .filter(|r| r.range.start >= run.start && r.range.end <= run.end)
                {
                    out.push_text(plain.get(cursor..replacement.range.start)?);
                    out.push_text(&replacement.text);
                    cursor = replacement.range.end;
                }
                out.push_text(plain.get(cursor..run.end)?);
                text_offset = run.end;
            }
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn de() -> Convention {
        Convention::of(&"de".parse().unwrap())
    }

    fn en() -> Convention {
        Convention::of(&"en".parse().unwrap())
    }

    #[test]
    fn numbers_are_read_with_their_languages_conventions() {
        let value = |text: &str, c: Convention| {
            let reading = read(text, c);
            reading
                .atoms
                .iter()
                .map(|a| format!("{}|{}", a.value.integer, a.value.fraction))
                .collect::<Vec<_>>()
        };
        assert_eq!(value("1,5", de()), ["1|5"]);
        assert_eq!(value("1.5", en()), ["1|5"]);
        assert_eq!(value("1.000", de()), ["1000|"]);
        assert_eq!(value("1,000", en()), ["1000|"]);
        assert_eq!(value("1.299,00", de()), ["1299|00"]);
        assert_eq!(value("14:30", de()), ["14|", "30|"]);
        assert!(read("14:30", de()).time);
        assert_eq!(value("24.11.2026", de()), ["24|", "11|", "2026|"]);
        assert_eq!(
            render(&Decimal::parse("1499", "00").unwrap(), en(), true),
            "1,499.00"
        );
        assert_eq!(
            render(&Decimal::parse("1", "7").unwrap(), en(), false),
            "1.7"
        );
    }
}
