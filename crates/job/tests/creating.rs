//! XLIFF created from plain text (the project's own German text), as 1.2 and 2.1.

use werkbank_job::create::{create_document as create, CreateOptions};
use werkbank_model::SkeletonPart;
use werkbank_segment::Segmenter;
use werkbank_xliff::validate::validate;
use werkbank_xliff::Version;

const TEXT: &str = "Neue Öffnungszeiten der Stadtbibliothek\n\nAb dem 1. März öffnet die Bibliothek schon um 8 Uhr. Samstags bleibt sie bis 14 Uhr geöffnet.\nDie Leihfrist beträgt weiterhin vier Wochen.\n\nFragen beantwortet das Team am Empfang.\n";

/// The merged text of a document.
fn merged(document: &werkbank_xliff::Document) -> (String, ()) {
    let mut text = Vec::new();
    werkbank_job::merge::merge(&document.to_bytes()[..], &mut text).unwrap();
    (String::from_utf8(text).unwrap(), ())
}

fn options(version: Version) -> CreateOptions {
    CreateOptions::new("de".parse().unwrap(), "en".parse().unwrap())
        .with_version(version)
        .with_original("bibliothek.txt")
}

/// The skeleton's text with the sources of all segments and ignorables of each unit in its
/// place.
fn joined_sources(document: &werkbank_xliff::Document) -> String {
    let units = document.units().unwrap();
    let skeleton = document
        .skeleton()
        .expect("a created file carries its skeleton");
    let mut out = String::new();
    for part in &skeleton.parts {
        match part {
            SkeletonPart::Text(text) => out.push_str(text),
            SkeletonPart::Unit(id) => {
                let unit = units.iter().find(|u| &u.id == id).unwrap();
                for part in &unit.parts {
                    out.push_str(part.segment.source.plain_text());
                }
            }
            _ => unreachable!(),
        }
    }
    out
}

fn created(version: Version) -> String {
    let segmenter = Segmenter::builtin(&"de".parse().unwrap()).unwrap();
    let document = create(TEXT, &segmenter, &options(version)).unwrap();
    assert!(validate(&document).is_empty(), "{:?}", validate(&document));
    // Every character of the text is in exactly one segment, ignorable or piece of the
    // skeleton, in order; no unit starts or ends with whitespace.
    assert_eq!(joined_sources(&document), TEXT);
    for unit in document.units().unwrap() {
        let source: String = unit
            .parts
            .iter()
            .map(|p| p.segment.source.plain_text())
            .collect();
        assert_eq!(source.trim(), source, "{}", unit.id);
    }
    String::from_utf8(document.to_bytes()).unwrap()
}

#[test]
fn xliff_21_for_translators() {
    let text = created(Version::V2_1);
    insta::assert_snapshot!("created_21", text);
}

#[test]
fn xliff_12_for_translators() {
    let text = created(Version::V1_2);
    insta::assert_snapshot!("created_12", text);
}

#[test]
fn xliff_22_uses_its_namespace() {
    let text = created(Version::V2_2);
    assert!(text.contains("urn:oasis:names:tc:xliff:document:2.2"));
}

#[test]
fn text_without_a_sentence_is_an_error_not_an_invalid_file() {
    let segmenter = Segmenter::builtin(&"de".parse().unwrap()).unwrap();
    for text in ["", "\n\n  \n"] {
        for version in [Version::V1_2, Version::V2_1] {
            let error = create(text, &segmenter, &options(version)).unwrap_err();
            assert!(
                error.to_string().contains("no text to translate"),
                "{error}"
            );
        }
    }
}

#[test]
fn layout_around_paragraphs_is_in_the_skeleton() {
    let segmenter = Segmenter::builtin(&"de".parse().unwrap()).unwrap();
    let text = "\n  Erster Absatz. Noch ein Satz.\n\n\nZweiter Absatz.\n\n";
    for version in [Version::V1_2, Version::V2_1] {
        let document = create(text, &segmenter, &options(version)).unwrap();
        assert_eq!(joined_sources(&document), text);
        assert_eq!(merged(&document).0, text);
        let units = document.units().unwrap();
        let first: String = units[0]
            .parts
            .iter()
            .map(|p| p.segment.source.plain_text())
            .collect();
        assert_eq!(first, "Erster Absatz. Noch ein Satz.");
    }
}

#[test]
fn control_characters_are_kept() {
    let segmenter = Segmenter::builtin(&"de".parse().unwrap()).unwrap();
    let document = create("Ton\u{7} an.", &segmenter, &options(Version::V2_1)).unwrap();
    assert!(String::from_utf8(document.to_bytes())
        .unwrap()
        .contains("<cp hex=\"0007\"/>"));
    assert_eq!(
        document.units().unwrap()[0].parts[0]
            .segment
            .source
            .plain_text(),
        "Ton\u{7} an."
    );
}
