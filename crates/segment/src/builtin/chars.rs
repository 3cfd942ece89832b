//! Character classes of the built-in rules.

/// Characters that may follow sentence-final punctuation and still belong to the sentence:
/// closing quotes and brackets, footnote superscripts, and the control characters some tools use
/// to mark inline codes.
pub(super) fn is_closer(ch: char) -> bool {
    matches!(
        ch,
        ')' | ']'
            | '}'
            | '"'
            | '\''
            | '»'
            | '«'
            | '“'
            | '”'
            | '‘'
            | '’'
            | '›'
            | '‹'
            | '\u{2}'
            | '\u{3}'
            | '¹'
            | '²'
            | '³'
            | '⁰'..='⁹'
    )
}

/// Opening quotes and brackets that may stand before the first word of a sentence.
pub(super) fn is_opener(ch: char) -> bool {
    matches!(
        ch,
        '(' | '['
            | '{'
            | '"'
            | '\''
            | '„'
            | '‚'
            | '“'
            | '‘'
            | '»'
            | '«'
            | '›'
            | '‹'
            | '¿'
            | '¡'
    )
}

/// List bullets.
pub(super) fn is_bullet(ch: char) -> bool {
    matches!(
        ch,
        '•' | '⁃' | '‣' | '◦' | '▪' | '▸' | '●' | '○' | '■' | '□' | '►'
    )
}

/// Sentence-final punctuation.
pub(super) fn is_terminal(ch: char) -> bool {
    matches!(ch, '.' | '!' | '?' | '…' | '‼' | '⁇' | '⁈' | '⁉')
}

/// What may stand first in a new sentence.
pub(super) fn starts_sentence(ch: char) -> bool {
    ch.is_alphanumeric()
        || is_opener(ch)
        || is_bullet(ch)
        || matches!(
            ch,
            '$' | '€' | '£' | '¥' | '§' | '#' | '@' | '&' | '+' | '*' | '¶' | '†'
        )
}

/// Roman numerals in upper case, as in "Friedrich II." or "Ludwig XIV.".
pub(super) fn is_roman_numeral(word: &str) -> bool {
    !word.is_empty()
        && word.len() <= 7
        && word
            .chars()
            .all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C' | 'D' | 'M'))
}

/// A number such as "12", "1.000.000", "3,50" or "24.09".
pub(super) fn is_number(word: &str) -> bool {
    word.chars().next().is_some_and(|c| c.is_ascii_digit())
        && word
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '\'' | '\u{202F}'))
}

/// Letters separated by dots, each part one or two letters: "z.B", "U.S.A", "p.m", "LL.B".
pub(super) fn is_initialism(word: &str) -> bool {
    word.contains('.')
        && word.split('.').all(|part| {
            let count = part.chars().count();
            (1..=2).contains(&count) && part.chars().all(char::is_alphabetic)
        })
}
