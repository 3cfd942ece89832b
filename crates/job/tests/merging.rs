//! `merge` gives back the document `create` was made from, and `translation_units` learns only
//! confirmed segments.

use proptest::prelude::*;
use werkbank_job::create::{create_document as create, CreateOptions};
use werkbank_job::learn::translation_units;
use werkbank_job::merge::{merge, Merged};
use werkbank_model::{Content, SegmentState};
use werkbank_segment::Segmenter;
use werkbank_xliff::Version;

/// The merged text of a document and what the merge said.
fn merged(document: &werkbank_xliff::Document) -> (String, Merged) {
    let mut text = Vec::new();
    let merged = merge(&document.to_bytes()[..], &mut text).unwrap();
    (String::from_utf8(text).unwrap(), merged)
}

fn options(version: Version) -> CreateOptions {
    CreateOptions::new("de".parse().unwrap(), "en".parse().unwrap())
        .with_version(version)
        .with_original("t.txt")
}

/// German-looking text: words, abbreviations, numbers, punctuation, quotation marks, spaces,
/// tabs, line breaks and blank lines, and now and then a control character XML cannot carry.
fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            "[A-ZÄÖÜ][a-zäöüß]{0,8}",
            "[a-zäöüß]{1,8}",
            Just("z. B.".to_string()),
            Just("Nr. 5".to_string()),
            "[0-9]{1,4}",
            "[.!?,:;„“\"()]",
            "[ \t]{1,3}",
            Just("\n".to_string()),
            Just("\n\n".to_string()),
            Just("\r\n".to_string()),
            Just("\u{1}".to_string()),
        ],
        0..40,
    )
    .prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn merging_an_untranslated_file_gives_the_text_back(text in text()) {
        let segmenter = Segmenter::builtin(&"de".parse().unwrap()).unwrap();
        for version in [Version::V2_1, Version::V1_2] {
            let document = match create(&text, &segmenter, &options(version)) {
                Ok(document) => document,
                // Text without a sentence has nothing to translate.
                Err(_) => {
                    prop_assert!(segmenter.split(&text).unwrap().is_empty(), "{:?}", text);
                    continue;
                }
            };
            let reread = werkbank_xliff::Document::parse(&document.to_bytes()).unwrap();
            let (merged_text, merged) = merged(&reread);
            prop_assert_eq!(&merged_text, &text, "{}", version);
            prop_assert_eq!(merged.untranslated, merged.segments);
        }
    }
}

#[test]
fn translated_segments_replace_their_sources_and_nothing_else_moves() {
    let segmenter = Segmenter::builtin(&"de".parse().unwrap()).unwrap();
    let text = "  Erster Satz.  Zweiter Satz!\n\n\tDritter Satz?\n";
    for version in [Version::V2_1, Version::V1_2] {
        let mut document = create(text, &segmenter, &options(version)).unwrap();
        let units = document.units().unwrap();
        // The second sentence of the first paragraph.
        let part = units[0]
            .parts
            .iter()
            .position(|p| p.segment.source.plain_text() == "Zweiter Satz!")
            .unwrap();
        document
            .set_target(
                0,
                part,
                &Content::from_text("Second sentence!"),
                SegmentState::Translated,
            )
            .unwrap();
        let (text, merged) = merged(&document);
        assert_eq!(
            text, "  Erster Satz.  Second sentence!\n\n\tDritter Satz?\n",
            "{version}"
        );
        assert_eq!(merged.untranslated, 2);
    }
}

#[test]
fn only_confirmed_translations_are_learnt_with_their_neighbours() {
    let segmenter = Segmenter::builtin(&"de".parse().unwrap()).unwrap();
    let text = "Eins. Zwei. Drei.\n\nVier.\n";
    let mut document = create(text, &segmenter, &options(Version::V2_1)).unwrap();
    // Parts of unit 0: Eins, space, Zwei, space, Drei, blank line.
    document
        .set_target(0, 2, &Content::from_text("Two."), SegmentState::Translated)
        .unwrap();
    document
        .set_target(0, 4, &Content::from_text("Three."), SegmentState::Initial)
        .unwrap();
    document
        .set_target(1, 0, &Content::from_text("Four."), SegmentState::Final)
        .unwrap();
    let learnt = translation_units(&document.to_bytes()[..]).unwrap();
    let summary: Vec<(&str, Option<&str>, Option<&str>)> = learnt
        .iter()
        .map(|u| {
            (
                u.target.plain_text(),
                u.context.previous.as_deref(),
                u.context.next.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("Two.", Some("Eins."), Some("Drei.")),
            // Context runs across paragraphs (units) within a file.
            ("Four.", Some("Drei."), None),
        ]
    );
}
