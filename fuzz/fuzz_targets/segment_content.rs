//! Content with codes built from any bytes: the parts rebuild the content and keep pairs whole.
#![no_main]

use libfuzzer_sys::fuzz_target;
use werkbank_model::{Content, InlineCode};
use werkbank_segment::Segmenter;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // Control characters 0x01..0x03 become an opening, closing or standalone code.
    let mut content = Content::new();
    let mut open = Vec::new();
    let mut next = 0u32;
    for ch in text.chars() {
        match ch {
            '\u{1}' => {
                next += 1;
                open.push(next);
                content.push_code(InlineCode::opening(next.to_string()));
            }
            '\u{2}' => {
                if let Some(id) = open.pop() {
                    content.push_code(InlineCode::closing(id.to_string()));
                }
            }
            '\u{3}' => content.push_code(InlineCode::standalone("x")),
            other => content.push_text(other.encode_utf8(&mut [0; 4])),
        }
    }
    let segmenter = Segmenter::builtin(&"de".parse().unwrap()).unwrap();
    let parts = segmenter.split_content(&content).unwrap();
    let mut rebuilt = Content::new();
    let mut owner = Vec::new();
    for (index, part) in parts.iter().enumerate() {
        rebuilt.append(&part.content);
        owner.extend(std::iter::repeat_n(index, part.content.codes().len()));
    }
    assert_eq!(rebuilt, content);
    for (a, b) in content.code_pairs() {
        assert_eq!(owner[a], owner[b]);
    }
});
