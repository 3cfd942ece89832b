//! Property tests for the invariants of `Content`.

use proptest::prelude::*;
use werkbank_model::{Bias, CodeKind, Content, ContentItem, InlineCode};

#[derive(Debug, Clone)]
enum Piece {
    Text(String),
    Code(CodeKind, u8),
}

fn piece() -> impl Strategy<Value = Piece> {
    prop_oneof![
        "[a-zäöüß .,]{0,6}".prop_map(Piece::Text),
        (
            prop_oneof![
                Just(CodeKind::Opening),
                Just(CodeKind::Closing),
                Just(CodeKind::Standalone)
            ],
            0u8..4
        )
            .prop_map(|(kind, id)| Piece::Code(kind, id)),
    ]
}

fn build(pieces: &[Piece]) -> Content {
    let mut content = Content::new();
    for piece in pieces {
        match piece {
            Piece::Text(text) => content.push_text(text),
            Piece::Code(kind, id) => content.push_code(InlineCode::new(*kind, id.to_string())),
        }
    }
    content
}

proptest! {
    #[test]
    fn plain_text_and_codes_rebuild_the_content(pieces in prop::collection::vec(piece(), 0..12)) {
        let content = build(&pieces);
        let (text, codes) = content.clone().into_parts();
        let rebuilt = Content::from_parts(text, codes).unwrap();
        prop_assert_eq!(&rebuilt, &content);
        prop_assert_eq!(Content::from_items(content.items()), content.clone());
    }

    #[test]
    fn plain_text_is_the_concatenated_text_items(pieces in prop::collection::vec(piece(), 0..12)) {
        let content = build(&pieces);
        let joined: String = content
            .items()
            .filter_map(|item| match item {
                ContentItem::Text(text) => Some(text),
                ContentItem::Code(_) => None,
            })
            .collect();
        prop_assert_eq!(joined.as_str(), content.plain_text());
    }

    #[test]
    fn coded_text_round_trips(pieces in prop::collection::vec(piece(), 0..12)) {
        let content = build(&pieces);
        let codes: Vec<InlineCode> = content.codes().iter().map(|c| c.code.clone()).collect();
        let back = Content::from_coded_text(&content.coded_text(), &codes).unwrap();
        prop_assert_eq!(back, content);
    }

    #[test]
    fn offsets_map_both_ways(pieces in prop::collection::vec(piece(), 0..12)) {
        let content = build(&pieces);
        let coded = content.coded_text();
        for (plain, ch) in content.plain_text().char_indices() {
            for bias in [Bias::BeforeCodes, Bias::AfterCodes] {
                let at = content.plain_to_coded(plain, bias);
                prop_assert_eq!(content.coded_to_plain(at), plain);
            }
            // The character itself sits right after the codes anchored before it.
            let at = content.plain_to_coded(plain, Bias::AfterCodes);
            prop_assert_eq!(coded[at..].chars().next(), Some(ch));
        }
        let end = content.plain_text().len();
        prop_assert_eq!(content.plain_to_coded(end, Bias::AfterCodes), coded.len());
    }

    #[test]
    fn serde_round_trip(pieces in prop::collection::vec(piece(), 0..12)) {
        let content = build(&pieces);
        let json = serde_json::to_string(&content).unwrap();
        let back: Content = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(back, content);
    }
}

#[test]
fn deserialising_checks_offsets() {
    let bad = r#"{"text":"ä","codes":[{"offset":1,"code":{"kind":"standalone","id":"1"}}]}"#;
    let err = serde_json::from_str::<Content>(bad)
        .unwrap_err()
        .to_string();
    assert!(err.contains("not a character boundary"), "{err}");
    let unordered = r#"{"text":"ab","codes":[{"offset":2,"code":{"kind":"standalone","id":"1"}},{"offset":1,"code":{"kind":"standalone","id":"2"}}]}"#;
    assert!(serde_json::from_str::<Content>(unordered).is_err());
}

#[test]
fn pairs_match_by_id_innermost_first() {
    let mut content = Content::from_text("a");
    content.push_code(InlineCode::opening("1"));
    content.push_code(InlineCode::opening("2"));
    content.push_text("b");
    content.push_code(InlineCode::closing("2"));
    content.push_code(InlineCode::standalone("3"));
    content.push_code(InlineCode::closing("1"));
    content.push_code(InlineCode::closing("9").isolated());
    assert_eq!(content.code_pairs(), vec![(0, 4), (1, 2)]);
}
