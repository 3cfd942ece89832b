//! A plain sentence-break rule for the OASIS `toSegment` cases and the tests of resegmenting:
//! after a run of white space that follows `.`, `?` or `!` directly (no code in between).

use werkbank_model::Content;

/// The byte offsets after which `content` is split: after a run of whitespace that follows a
/// sentence-ending mark directly (no code in between).
pub fn sentence_breaks(content: &Content) -> Vec<usize> {
    let text = content.plain_text();
    let code_at = |offset: usize| content.codes().iter().any(|c| c.offset == offset);
    let mut breaks = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut index = 0;
    while index < chars.len() {
        let Some(&(offset, c)) = chars.get(index) else {
            break;
        };
        let end_of_mark = offset + c.len_utf8();
        if matches!(c, '.' | '?' | '!') && !code_at(end_of_mark) {
            let mut next = index + 1;
            while chars
                .get(next)
                .is_some_and(|(o, ch)| ch.is_whitespace() && (*o == end_of_mark || !code_at(*o)))
            {
                next += 1;
            }
            let after = chars.get(next).map_or(text.len(), |(o, _)| *o);
            if next > index + 1 && after < text.len() {
                breaks.push(after);
            }
            index = next;
            continue;
        }
        index += 1;
    }
    breaks
}
