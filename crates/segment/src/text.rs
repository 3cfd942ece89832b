//! Character classes and line handling shared by the built-in rules and the SRX engine.

/// True for every character a segment may not start or end with: Unicode white space, including
/// no-break spaces, plus the zero-width space and the byte-order mark.
pub(crate) fn is_gap_char(ch: char) -> bool {
    ch.is_whitespace() || matches!(ch, '\u{200B}' | '\u{FEFF}')
}

/// The character that starts at byte `at`, if any.
pub(crate) fn char_at(text: &str, at: usize) -> Option<char> {
    text.get(at..).and_then(|rest| rest.chars().next())
}

/// The character that ends just before byte `at`, if any.
pub(crate) fn char_before(text: &str, at: usize) -> Option<char> {
    text.get(..at).and_then(|head| head.chars().next_back())
}

/// One line of a text: `start..end` without its line break, `next` where the following line starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Line {
    pub start: usize,
    pub end: usize,
    pub next: usize,
    /// True when only gap characters lie between `start` and `end`.
    pub blank: bool,
}

/// Splits `text` into lines at every line break (`\r\n` counts as one).
pub(crate) fn lines(text: &str) -> impl Iterator<Item = Line> + '_ {
    let bytes = text.as_bytes();
    let mut at = 0;
    let mut done = false;
    std::iter::from_fn(move || {
        // A text that ends with a line break has no empty line after it.
        if done || (at > 0 && at >= text.len()) {
            return None;
        }
        let start = at;
        let mut index = at;
        while let Some(&byte) = bytes.get(index) {
            // Line breaks are \n \r \v \f, U+0085 (C2 85) and U+2028/U+2029 (E2 80 A8/A9).
            let break_len = match byte {
                b'\n' | b'\r' | 0x0B | 0x0C => 1,
                0xC2 if bytes.get(index + 1) == Some(&0x85) => 2,
                0xE2 if bytes.get(index + 1) == Some(&0x80)
                    && matches!(bytes.get(index + 2), Some(0xA8 | 0xA9)) =>
                {
                    3
                }
                _ => 0,
            };
            if break_len > 0 {
                let mut next = index + break_len;
                if byte == b'\r' && bytes.get(next) == Some(&b'\n') {
                    next += 1;
                }
                at = next;
                return Some(Line {
                    start,
                    end: index,
                    next,
                    blank: is_blank(text.get(start..index)),
                });
            }
            index += 1;
        }
        done = true;
        Some(Line {
            start,
            end: text.len(),
            next: text.len(),
            blank: is_blank(text.get(start..)),
        })
    })
}

fn is_blank(line: Option<&str>) -> bool {
    line.is_none_or(|l| l.chars().all(is_gap_char))
}

/// Shrinks `start..end` of `text` so that it neither starts nor ends with a gap character.
/// Returns `None` when nothing but gap characters is left.
pub(crate) fn trim_range(text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    let piece = text.get(start..end)?;
    let leading = piece.len() - piece.trim_start_matches(is_gap_char).len();
    let trimmed = piece.trim_matches(is_gap_char);
    if trimmed.is_empty() {
        return None;
    }
    let new_start = start + leading;
    Some((new_start, new_start + trimmed.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_cover_every_kind_of_break() {
        let text = "a\r\nb\rc\u{2029}\n  \nd";
        let found: Vec<_> = lines(text)
            .map(|l| (&text[l.start..l.end], l.blank))
            .collect();
        assert_eq!(
            found,
            vec![
                ("a", false),
                ("b", false),
                ("c", false),
                ("", true),
                ("  ", true),
                ("d", false)
            ]
        );
    }

    #[test]
    fn trimming_keeps_inner_text() {
        assert_eq!(trim_range(" \u{a0}ab c\u{200b} ", 0, 11), Some((3, 7)));
        assert_eq!(trim_range("   ", 0, 3), None);
    }
}
