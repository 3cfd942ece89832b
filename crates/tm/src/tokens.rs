//! Tokens for matching: words, numbers, punctuation and inline codes, normalised (NFC, case
//! folded) for comparison and kept as written for penalties and highlighting.

use std::ops::Range;

use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;
use werkbank_model::{CodeKind, Content, ContentItem};

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum TokenKind {
    Word,
    Number,
    Punctuation,
    Code,
    /// A variable such as `%s` or `{0}`: compared like a number.
    Placeable,
}

/// One token of a segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Token {
    pub kind: TokenKind,
    /// The comparison key: the case-folded NFC word, `#` for every number (numbers are
    /// placeables), the punctuation itself, or the code's kind.
    pub key: String,
    /// The token as written (for a code: its kind, id and data).
    pub text: String,
    /// Byte range in the plain text (empty at the code's offset for a code).
    pub range: Range<usize>,
}

/// Splits content into tokens. White space separates tokens and is not one.
pub(crate) fn tokenize(content: &Content) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut offset = 0usize;
    for item in content.items() {
        match item {
            ContentItem::Text(text) => {
                tokenize_text(text, offset, &mut tokens);
                offset += text.len();
            }
            ContentItem::Code(code) => {
                let kind = match code.kind {
                    CodeKind::Opening => "\u{1}open",
                    CodeKind::Closing => "\u{1}close",
                    CodeKind::Standalone => "\u{1}code",
                };
                tokens.push(Token {
                    kind: TokenKind::Code,
                    key: kind.to_string(),
                    text: format!("{kind}:{}", code.data.as_deref().unwrap_or(&code.id)),
                    range: offset..offset,
                });
            }
        }
    }
    tokens
}

fn is_word_char(ch: char) -> bool {
    ch.is_alphanumeric() || matches!(ch, '\u{300}'..='\u{36F}')
}

fn tokenize_text(text: &str, base: usize, out: &mut Vec<Token>) {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut index = 0usize;
    while let Some(&(start, ch)) = chars.get(index) {
        if ch.is_whitespace() {
            index += 1;
            continue;
        }
        let end_of = |i: usize| chars.get(i).map_or(text.len(), |&(at, _)| at);
        if let Some(length) = variable_length(&chars, index) {
            // printf and message-format variables (%s, %1$d, %.*s, {0}, {name}) are placeables.
            let range = start..end_of(index + length);
            out.push(Token {
                kind: TokenKind::Placeable,
                key: "\u{1}var".to_string(),
                text: text.get(range.clone()).unwrap_or_default().to_string(),
                range: base + range.start..base + range.end,
            });
            index += length;
            continue;
        }
        if ch.is_ascii_digit() {
            // 12, 3,50, 1.000.000, 24.11.2026, 14:30
            let mut end = index + 1;
            while let Some(&(_, c)) = chars.get(end) {
                let joins = matches!(c, '.' | ',' | ':' | '\'' | '\u{202F}')
                    && chars.get(end + 1).is_some_and(|&(_, n)| n.is_ascii_digit());
                if c.is_ascii_digit() || joins {
                    end += if joins { 2 } else { 1 };
                } else {
                    break;
                }
            }
            // A number glued to letters ("3D", "MP3") is a word.
            if chars.get(end).is_some_and(|&(_, c)| is_word_char(c)) {
                index = push_word(text, &chars, index, base, out);
                continue;
            }
            let range = start..end_of(end);
            out.push(Token {
                kind: TokenKind::Number,
                key: "#".to_string(),
                text: text.get(range.clone()).unwrap_or_default().to_string(),
                range: base + range.start..base + range.end,
            });
            index = end;
        } else if is_word_char(ch) {
            index = push_word(text, &chars, index, base, out);
        } else {
            let range = start..end_of(index + 1);
            let piece = text.get(range.clone()).unwrap_or_default();
            out.push(Token {
                kind: TokenKind::Punctuation,
                key: piece.to_string(),
                text: piece.to_string(),
                range: base + range.start..base + range.end,
            });
            index += 1;
        }
    }
}

/// The length in characters of a variable starting at `index`: `%s`, `%d`, `%1$s`, `%.*s`,
/// `%-10lu`, `%%` is not one; `{0}`, `{count}`.
fn variable_length(chars: &[(usize, char)], index: usize) -> Option<usize> {
    let at = |i: usize| chars.get(i).map(|&(_, c)| c);
    match at(index)? {
        '%' => {
            let mut end = index + 1;
            // argument number, flags, width, precision, length modifiers
            while at(end).is_some_and(|c| {
                c.is_ascii_digit()
                    || matches!(
                        c,
                        '$' | '-'
                            | '+'
                            | ' '
                            | '#'
                            | '0'
                            | '.'
                            | '*'
                            | 'l'
                            | 'h'
                            | 'z'
                            | 'j'
                            | 't'
                            | 'L'
                            | 'q'
                    )
            }) && end - index < 12
            {
                end += 1;
            }
            let conversion = at(end)?;
            matches!(
                conversion,
                's' | 'd'
                    | 'i'
                    | 'u'
                    | 'f'
                    | 'F'
                    | 'e'
                    | 'E'
                    | 'g'
                    | 'G'
                    | 'x'
                    | 'X'
                    | 'o'
                    | 'c'
                    | 'p'
                    | 'a'
                    | 'A'
                    | 'n'
            )
            .then_some(end + 1 - index)
            .filter(|_| {
                !at(end + 1).is_some_and(|c| c.is_alphanumeric())
                    || end > index + 1
                    || conversion != 's'
            })
        }
        '{' => {
            let mut end = index + 1;
            while at(end).is_some_and(|c| c.is_alphanumeric() || c == '_') && end - index < 32 {
                end += 1;
            }
            (end > index + 1 && at(end) == Some('}')).then_some(end + 1 - index)
        }
        _ => None,
    }
}

/// A word as Unicode text segmentation (UAX #29) delimits it, so that text without spaces
/// between words is still several tokens: every Chinese character and every Japanese kana or
/// kanji is a word, a run of katakana one. Words joined by an inner hyphen are one token
/// ("US-Präsident"), as German writes compounds; an inner apostrophe stays in the word
/// ("geht's").
fn push_word(
    text: &str,
    chars: &[(usize, char)],
    from: usize,
    base: usize,
    out: &mut Vec<Token>,
) -> usize {
    let start = chars.get(from).map_or(text.len(), |&(at, _)| at);
    let mut stop = start + uax29_word_length(text.get(start..).unwrap_or_default());
    // Inner hyphens join words: "US-Präsident", "E-Mail-Adresse".
    loop {
        let rest = text.get(stop..).unwrap_or_default();
        let mut ahead = rest.chars();
        let joined = match (ahead.next(), ahead.next()) {
            (Some('-' | '\u{2011}'), Some(next))
                if is_word_char(next) && !is_unsegmented_script(next) =>
            {
                let hyphen = rest.chars().next().map_or(1, char::len_utf8);
                hyphen + uax29_word_length(rest.get(hyphen..).unwrap_or_default())
            }
            _ => 0,
        };
        if joined == 0 {
            break;
        }
        stop += joined;
    }
    let stop = stop.max(start + chars.get(from).map_or(1, |&(_, c)| c.len_utf8()));
    let written = text.get(start..stop).unwrap_or_default();
    out.push(Token {
        kind: TokenKind::Word,
        key: fold(written),
        text: written.to_string(),
        range: base + start..base + stop,
    });
    // The index of the first character at or after `stop`.
    let mut next = from;
    while chars.get(next).is_some_and(|&(at, _)| at < stop) {
        next += 1;
    }
    next.max(from + 1)
}

/// The byte length of the UAX #29 word at the start of `text` (at least its first character).
fn uax29_word_length(text: &str) -> usize {
    let first = text.chars().next().map_or(0, char::len_utf8);
    let word = text.split_word_bounds().next().map_or(first, str::len);
    // Thai, Lao, Khmer and Myanmar have no spaces and UAX #29 leaves a whole run as one word
    // (breaking it needs a dictionary): they are taken a grapheme cluster at a time instead.
    match text.chars().next() {
        Some(c) if is_unsegmented_script(c) => text.graphemes(true).next().map_or(first, str::len),
        _ => word.max(first),
    }
}

/// Scripts written without spaces between words that UAX #29 does not split.
fn is_unsegmented_script(c: char) -> bool {
    matches!(c,
        '\u{0E00}'..='\u{0E7F}' // Thai
        | '\u{0E80}'..='\u{0EFF}' // Lao
        | '\u{1000}'..='\u{109F}' // Myanmar
        | '\u{1780}'..='\u{17FF}' // Khmer
    )
}

/// NFC and lower case: the form in which words are compared.
pub(crate) fn fold(text: &str) -> String {
    text.nfc().flat_map(char::to_lowercase).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Vec<String> {
        tokenize(&Content::from_text(text))
            .into_iter()
            .map(|t| t.key)
            .collect()
    }

    #[test]
    fn words_numbers_and_punctuation() {
        assert_eq!(
            keys("Das US-Präsidium zahlt 1.000,50 € am 24.11.2026, geht's?"),
            [
                "das",
                "us-präsidium",
                "zahlt",
                "#",
                "€",
                "am",
                "#",
                ",",
                "geht's",
                "?"
            ]
        );
        assert_eq!(
            keys("Die MP3-Datei hat 3D-Grafik"),
            ["die", "mp3-datei", "hat", "3d-grafik"]
        );
    }

    #[test]
    fn words_follow_unicode_text_segmentation_in_every_script() {
        // Chinese: every character a word.
        assert_eq!(keys("打开文件"), ["打", "开", "文", "件"]);
        // Japanese: kanji and hiragana a character each, a katakana run one word.
        assert_eq!(keys("ファイルを開く"), ["ファイル", "を", "開", "く"]);
        // Thai, written without spaces: a grapheme cluster each (no dictionary).
        assert_eq!(keys("เปิดไฟล์"), ["เ", "ปิ", "ด", "ไ", "ฟ", "ล์"]);
        // Korean is written with spaces: a word each.
        assert_eq!(keys("파일 열기"), ["파일", "열기"]);
        // Latin, Cyrillic, Greek as before; hyphens and apostrophes inside a word.
        assert_eq!(keys("Открыть файл"), ["открыть", "файл"]);
        assert_eq!(keys("E-Mail-Adresse geht's"), ["e-mail-adresse", "geht's"]);
    }

    #[test]
    fn case_and_normalisation_are_folded() {
        // "Ä" composed and decomposed fold to the same key.
        assert_eq!(keys("ÄRGER"), keys("A\u{308}rger"));
    }
}
