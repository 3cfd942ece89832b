//! Invariants of segmentation, checked on generated input.

use proptest::prelude::*;
use werkbank_model::{CodeKind, Content, InlineCode};
use werkbank_segment::{PartKind, Segmenter};

const SMALL_SRX: &str = r#"<srx xmlns="http://www.lisa.org/srx20" version="2.0"><header cascade="yes"/>
<body><languagerules><languagerule languagerulename="d">
<rule break="no"><beforebreak>\b(z|ca|Nr)\.</beforebreak><afterbreak>\s</afterbreak></rule>
<rule break="yes"><beforebreak>[.!?…]+["“»)]*\s</beforebreak><afterbreak></afterbreak></rule>
<rule break="yes"><beforebreak>\n</beforebreak><afterbreak></afterbreak></rule>
</languagerule></languagerules>
<maprules><languagemap languagepattern=".*" languagerulename="d"/></maprules></body></srx>"#;

fn is_gap(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}' || c == '\u{200b}'
}

static SEGMENTERS: std::sync::LazyLock<Vec<Segmenter>> = std::sync::LazyLock::new(|| {
    vec![
        Segmenter::builtin(&"de".parse().unwrap()).unwrap(),
        Segmenter::builtin(&"en".parse().unwrap()).unwrap(),
        Segmenter::from_srx(SMALL_SRX, "de").unwrap(),
    ]
});

fn segmenters() -> &'static [Segmenter] {
    &SEGMENTERS
}

/// Text that looks like prose: words, numbers, abbreviations, punctuation, quotes and breaks.
fn prose() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Haus".to_string()),
        Just("straße".to_string()),
        Just("Dr.".to_string()),
        Just("z. B.".to_string()),
        Just("3.".to_string()),
        Just("1.000,50".to_string()),
        Just("U.S.".to_string()),
        Just("…".to_string()),
        Just("„".to_string()),
        Just("“".to_string()),
        Just("»".to_string()),
        Just("\"".to_string()),
        Just("(".to_string()),
        Just(")".to_string()),
        Just("•".to_string()),
        "[.!?,;:]{1,3}",
        "[ \t\u{a0}]{1,2}",
        "\n{1,3}",
        "\r\n",
        "[a-zA-ZäöüÄÖÜ]{1,8}",
        "[0-9]{1,4}",
        any::<char>().prop_map(|c| c.to_string()),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn segments_and_gaps_reproduce_the_input(text in prose()) {
        for segmenter in segmenters() {
            let spans = segmenter.split(&text).unwrap();
            let mut at = 0;
            let mut paragraph = 0;
            for span in &spans {
                prop_assert!(span.start >= at && span.start < span.end, "{:?} after {}", span, at);
                let gap = &text[at..span.start];
                prop_assert!(gap.chars().all(is_gap), "gap {:?}", gap);
                let segment = span.text(&text);
                prop_assert!(!segment.starts_with(char::is_whitespace) && !segment.ends_with(char::is_whitespace));
                prop_assert!(span.paragraph >= paragraph);
                paragraph = span.paragraph;
                at = span.end;
            }
            prop_assert!(text[at..].chars().all(is_gap), "trailing {:?}", &text[at..]);
        }
    }

    #[test]
    fn streaming_gives_the_same_segments(text in prose()) {
        for segmenter in segmenters() {
            let whole = segmenter.split(&text).unwrap();
            let mut streamed = Vec::new();
            segmenter
                .split_reader(std::io::Cursor::new(text.as_bytes()), |_, span| {
                    streamed.push(span);
                    Ok::<(), werkbank_segment::SegmentError>(())
                })
                .unwrap();
            prop_assert_eq!(&whole, &streamed);
        }
    }

    #[test]
    fn no_panic_on_any_string(text in "\\PC*") {
        for segmenter in segmenters() {
            let _ = segmenter.split(&text).unwrap();
        }
    }

    #[test]
    fn no_panic_on_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        for segmenter in segmenters() {
            let _ = segmenter.split_bytes(&bytes);
        }
    }

    #[test]
    fn content_parts_rebuild_the_content_and_keep_pairs_whole(
        pieces in prop::collection::vec((prose(), 0u8..6), 0..8)
    ) {
        let mut content = Content::new();
        let mut open: Vec<u32> = Vec::new();
        let mut next_id = 0u32;
        for (text, action) in &pieces {
            content.push_text(text);
            match action {
                0 | 1 => {
                    next_id += 1;
                    open.push(next_id);
                    content.push_code(InlineCode::opening(next_id.to_string()));
                }
                2 | 3 => {
                    if let Some(id) = open.pop() {
                        content.push_code(InlineCode::closing(id.to_string()));
                    }
                }
                4 => content.push_code(InlineCode::standalone("x")),
                _ => {}
            }
        }
        while let Some(id) = open.pop() {
            content.push_code(InlineCode::closing(id.to_string()));
        }
        for segmenter in segmenters() {
            let parts = segmenter.split_content(&content).unwrap();
            let mut rebuilt = Content::new();
            for part in &parts {
                rebuilt.append(&part.content);
                if part.kind == PartKind::Gap {
                    let gap = part.content.plain_text();
                    prop_assert!(gap.chars().all(is_gap), "gap {:?}", gap);
                }
            }
            prop_assert_eq!(&rebuilt, &content);
            // Every pair of the original lies whole in one part.
            let pairs = content.code_pairs();
            let mut owner = Vec::new();
            for (index, part) in parts.iter().enumerate() {
                owner.extend(std::iter::repeat_n(index, part.content.codes().len()));
            }
            for (open, close) in pairs {
                prop_assert_eq!(owner[open], owner[close], "pair {}..{} split", open, close);
                prop_assert_eq!(content.codes()[open].code.kind, CodeKind::Opening);
            }
        }
    }
}
