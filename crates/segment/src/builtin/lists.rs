//! List items: "1. Erstens 2. Zweitens", "a) eins b) zwei", "• 9. neun • 10. zehn".

use super::chars::is_bullet;
use crate::text::{char_at, char_before, is_gap_char};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Label {
    None,
    Number(u32),
    Letter(u8),
}

/// A list marker at the start of a segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Marker {
    bullet: Option<char>,
    space_after_bullet: bool,
    label: Label,
    suffix: &'static str,
    /// Byte offset just after the marker.
    pub end: usize,
}

impl Marker {
    /// How the next item's marker is written ("2." after "1.").
    pub(super) fn render_next(&self) -> Option<String> {
        let mut out = String::new();
        if let Some(bullet) = self.bullet {
            out.push(bullet);
            if self.space_after_bullet {
                out.push(' ');
            }
        }
        match self.label {
            Label::None => {}
            Label::Number(n) => out.push_str(&(n.checked_add(1)?).to_string()),
            Label::Letter(l) => {
                let next = l.checked_add(1).filter(u8::is_ascii_lowercase)?;
                out.push(char::from(next));
            }
        }
        out.push_str(self.suffix);
        Some(out)
    }
}

/// The list marker that starts at `at`, if any. A marker must be followed by white space.
pub(super) fn marker_at(line: &str, at: usize) -> Option<Marker> {
    let mut pos = at;
    let mut bullet = None;
    let mut space_after_bullet = false;
    if let Some(ch) = char_at(line, pos).filter(|&c| is_bullet(c)) {
        bullet = Some(ch);
        pos += ch.len_utf8();
        if char_at(line, pos) == Some(' ') {
            space_after_bullet = true;
            pos += 1;
        }
    }
    let rest = line.get(pos..)?;
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let (label, label_len) = if (1..=3).contains(&digits) {
        let value = rest.get(..digits)?.parse().ok()?;
        (Label::Number(value), digits)
    } else if digits == 0 {
        match rest.bytes().next() {
            Some(b)
                if b.is_ascii_lowercase()
                    && !rest
                        .as_bytes()
                        .get(1)
                        .is_some_and(u8::is_ascii_alphanumeric) =>
            {
                (Label::Letter(b), 1)
            }
            _ => (Label::None, 0),
        }
    } else {
        return None;
    };
    let after_label = rest.get(label_len..)?;
    let suffix = if label == Label::None {
        ""
    } else if after_label.starts_with(".)") {
        ".)"
    } else if after_label.starts_with('.') {
        "."
    } else if after_label.starts_with(')') {
        ")"
    } else {
        return None;
    };
    if label == Label::None && bullet.is_none() {
        return None;
    }
    let end = pos + label_len + suffix.len();
    if !char_at(line, end).is_some_and(is_gap_char) {
        return None;
    }
    Some(Marker {
        bullet,
        space_after_bullet,
        label,
        suffix,
        end,
    })
}

/// Where the next item of the list that `marker` started begins within `line`, if it begins
/// before `limit`. `accept` may veto a candidate position (German ordinals such as "2. Auflage").
pub(super) fn next_item(
    line: &str,
    marker: &Marker,
    limit: usize,
    accept: impl Fn(usize) -> bool,
) -> Option<usize> {
    let needle = marker.render_next()?;
    let mut from = marker.end;
    while from < limit {
        let found = from + line.get(from..limit)?.find(&needle)?;
        let end = found + needle.len();
        let clean_before = char_before(line, found).is_some_and(is_gap_char);
        let clean_after = char_at(line, end).is_some_and(is_gap_char);
        if clean_before && clean_after && accept(found) {
            return Some(found);
        }
        from = found + needle.len().max(1);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_markers_and_their_successors() {
        let line = "1.) Eins 2.) Zwei";
        let marker = marker_at(line, 0).unwrap();
        assert_eq!(marker.end, 3);
        assert_eq!(next_item(line, &marker, line.len(), |_| true), Some(9));

        let line = "• 9. Neun • 10. Zehn";
        let marker = marker_at(line, 0).unwrap();
        assert_eq!(next_item(line, &marker, line.len(), |_| true), Some(12));

        let line = "a) eins b) zwei";
        let marker = marker_at(line, 0).unwrap();
        assert_eq!(next_item(line, &marker, line.len(), |_| true), Some(8));
    }

    #[test]
    fn ordinary_words_are_not_markers() {
        assert_eq!(marker_at("Das ist gut.", 0), None);
        assert_eq!(marker_at("1980. Dann", 0), None);
        assert_eq!(marker_at("ab. cd", 0), None);
        assert_eq!(marker_at("3.50 Euro", 0), None);
    }
}
