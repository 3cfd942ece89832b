//! Across crates: content with inline codes from the model, segmented by the built-in rules, and
//! the parts serialised as a tool would store them.

use werkbank::model::{Content, InlineCode};
use werkbank::segment::{PartKind, Segmenter};

fn bold(id: &str) -> (InlineCode, InlineCode) {
    (
        InlineCode::opening(id).with_data("<b>").with_element("g"),
        InlineCode::closing(id).with_data("</b>").with_element("g"),
    )
}

#[test]
fn codes_stay_with_their_sentences() {
    // <b>Achtung:</b> Gerät ausschalten. Dann den <b>Stecker</b> ziehen.<br/> Fertig.
    let mut content = Content::new();
    let (open1, close1) = bold("1");
    let (open2, close2) = bold("2");
    content.push_code(open1);
    content.push_text("Achtung:");
    content.push_code(close1);
    content.push_text(" Gerät ausschalten. Dann den ");
    content.push_code(open2);
    content.push_text("Stecker");
    content.push_code(close2);
    content.push_text(" ziehen.");
    content.push_code(
        InlineCode::standalone("3")
            .with_data("<br/>")
            .with_element("x"),
    );
    content.push_text(" Fertig.");

    let segmenter = Segmenter::builtin(&"de".parse().unwrap()).unwrap();
    let parts = segmenter.split_content(&content).unwrap();
    let segments: Vec<&Content> = parts
        .iter()
        .filter(|p| p.kind == PartKind::Segment)
        .map(|p| &p.content)
        .collect();
    assert_eq!(segments.len(), 3);
    assert_eq!(segments[0].plain_text(), "Achtung: Gerät ausschalten.");
    assert_eq!(segments[0].code_pairs(), vec![(0, 1)]);
    assert_eq!(segments[1].plain_text(), "Dann den Stecker ziehen.");
    assert_eq!(segments[1].code_pairs(), vec![(0, 1)]);
    // The standalone <br/> is followed by a space: by SRX's defaults it would go with the next
    // sentence, but it cannot move across text, so it stays in the gap between the two.
    assert!(segments[2].codes().is_empty());
    let gap_with_code = parts
        .iter()
        .find(|p| p.kind == PartKind::Gap && p.content.has_codes())
        .unwrap();
    assert_eq!(gap_with_code.content.plain_text(), " ");
    assert_eq!(
        gap_with_code.content.codes()[0].code.data.as_deref(),
        Some("<br/>")
    );
    insta::assert_json_snapshot!(parts);
}

#[test]
fn a_pair_around_two_sentences_keeps_them_together() {
    let mut content = Content::from_text("Vorher. ");
    let (open, close) = bold("1");
    content.push_code(open);
    content.push_text("Erster Satz. Zweiter Satz.");
    content.push_code(close);
    content.push_text(" Nachher.");
    let segmenter = Segmenter::builtin(&"de".parse().unwrap()).unwrap();
    let texts: Vec<String> = segmenter
        .split_content(&content)
        .unwrap()
        .into_iter()
        .filter(|p| p.kind == PartKind::Segment)
        .map(|p| p.content.plain_text().to_string())
        .collect();
    assert_eq!(texts, ["Vorher.", "Erster Satz. Zweiter Satz.", "Nachher."]);
}
