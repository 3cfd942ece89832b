//! Joining, resegmenting and removing annotations on the project's own XLIFF 2 units.

#[path = "../examples/support/sentence_breaks.rs"]
mod sentence_breaks;

use werkbank_xliff::operations::{apply, normalized, Operation};
use werkbank_xliff::Document;

fn document(units: &str) -> Document {
    let text = format!(
        "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.1\" srcLang=\"de\" trgLang=\"en\">\n<file id=\"f1\">\n{units}\n</file>\n</xliff>\n"
    );
    Document::parse(text.as_bytes()).unwrap()
}

fn sources(document: &Document) -> Vec<Vec<String>> {
    document
        .units()
        .unwrap()
        .iter()
        .map(|u| {
            u.parts
                .iter()
                .map(|p| p.segment.source.plain_text().to_string())
                .collect()
        })
        .collect()
}

#[test]
fn joining_puts_a_split_pair_back_into_one_element() {
    let mut doc = document(
        "<unit id=\"u1\"><segment id=\"s1\" state=\"reviewed\"><source><sc id=\"1\"/>Erster Satz.</source><target><sc id=\"1\"/>First sentence.</target></segment><ignorable><source> </source><target> </target></ignorable><segment id=\"s2\" state=\"translated\"><source>Zweiter Satz.<ec startRef=\"1\"/></source><target>Second sentence.<ec startRef=\"1\"/></target></segment></unit>\n<unit id=\"u2\"><segment id=\"a\" canResegment=\"no\"><source>Bleibt. </source></segment><segment id=\"b\" canResegment=\"no\"><source>Auch.</source></segment></unit>",
    );
    apply(&mut doc, Operation::Join).unwrap();
    assert_eq!(
        sources(&doc),
        [
            vec!["Erster Satz. Zweiter Satz."],
            vec!["Bleibt. ", "Auch."]
        ]
    );
    let written = String::from_utf8(doc.to_bytes()).unwrap();
    assert!(
        written.contains("<segment id=\"s1\" state=\"translated\"><source><sc id=\"1\"/>Erster Satz. Zweiter Satz.<ec startRef=\"1\"/></source><target><sc id=\"1\"/>First sentence. Second sentence.<ec startRef=\"1\"/></target></segment>"),
        "{written}"
    );
    assert!(werkbank_xliff::validate::validate(&doc).is_empty());
}

#[test]
fn resegmenting_splits_at_sentence_ends_and_keeps_codes_valid() {
    let mut doc = document(
        "<unit id=\"u1\"><originalData><data id=\"d1\">[b]</data><data id=\"d2\">[/b]</data></originalData><segment id=\"s1\" state=\"final\"><source>Eins. <pc id=\"1\" dataRefStart=\"d1\" dataRefEnd=\"d2\">Zwei. Drei</pc>.</source><target>One. <pc id=\"1\" dataRefStart=\"d1\" dataRefEnd=\"d2\">Two. Three</pc>.</target></segment></unit>",
    );
    apply(
        &mut doc,
        Operation::Segment(sentence_breaks::sentence_breaks),
    )
    .unwrap();
    assert_eq!(sources(&doc), [vec!["Eins. ", "Zwei. ", "Drei."]]);
    let units = doc.units().unwrap();
    let ids: Vec<&str> = units[0]
        .parts
        .iter()
        .map(|p| p.segment.id.as_str())
        .collect();
    assert_eq!(ids, ["s1", "s2", "s3"]);
    // A final translation that was split automatically needs review again.
    assert!(units[0]
        .segments()
        .all(|s| s.state == werkbank_model::SegmentState::Translated));
    let findings = werkbank_xliff::validate::validate(&doc);
    assert!(findings.is_empty(), "{findings:?}");
    let written = String::from_utf8(doc.to_bytes()).unwrap();
    assert!(
        written.contains("<sc id=\"1\" canOverlap=\"no\" dataRef=\"d1\"/>Zwei. "),
        "{written}"
    );
}

#[test]
fn annotations_are_removed_and_their_text_kept() {
    let text = "<unit id=\"u1\"><segment id=\"s1\"><source>Der <mrk id=\"m1\" type=\"term\">Akku</mrk> und <sm id=\"m2\" type=\"my:check\"/>das Netzteil.</source></segment><segment id=\"s2\"><source>Ende.<em startRef=\"m2\"/></source></segment></unit>";
    let mut all = document(text);
    apply(&mut all, Operation::RemoveAnnotations).unwrap();
    let written = String::from_utf8(all.to_bytes()).unwrap();
    assert!(
        !written.contains("mrk") && !written.contains("<sm") && !written.contains("<em"),
        "{written}"
    );
    assert_eq!(sources(&all), [vec!["Der Akku und das Netzteil.", "Ende."]]);

    let mut extensions = document(text);
    apply(&mut extensions, Operation::RemoveExtensions).unwrap();
    let written = String::from_utf8(extensions.to_bytes()).unwrap();
    assert!(
        written.contains("<mrk id=\"m1\" type=\"term\">Akku</mrk>"),
        "{written}"
    );
    assert!(
        !written.contains("my:check") && !written.contains("<em"),
        "{written}"
    );
}

#[test]
fn normalised_form_treats_pc_and_sc_ec_alike() {
    let pc = document("<unit id=\"u\"><segment><source><pc id=\"1\" canOverlap=\"yes\">fett</pc></source></segment></unit>");
    let sc = document("<unit id=\"u\">\n  <segment><source><sc id=\"1\"/>fett<ec startRef=\"1\"/></source></segment></unit>");
    assert_eq!(normalized(&pc), normalized(&sc));
    let no_overlap = document(
        "<unit id=\"u\"><segment><source><pc id=\"1\">fett</pc></source></segment></unit>",
    );
    assert_ne!(normalized(&no_overlap), normalized(&sc));
}

#[test]
fn a_faulty_break_rule_keeps_the_segment_whole() {
    let text = "<unit id=\"u1\"><segment id=\"s1\"><source>Größe. Zwei.</source></segment></unit>";
    let mut doc = document(text);
    // Offsets past the end, inside a character, going backwards: nothing is cut.
    for breaks in [
        (|_: &werkbank_model::Content| vec![1000]) as fn(&werkbank_model::Content) -> Vec<usize>,
        |_| vec![3],
        |_| vec![9, 2],
    ] {
        apply(&mut doc, Operation::Segment(breaks)).unwrap();
        assert_eq!(sources(&doc), [vec!["Größe. Zwei."]]);
    }
    apply(&mut doc, Operation::Segment(|_| vec![9])).unwrap();
    assert_eq!(sources(&doc), [vec!["Größe. ", "Zwei."]]);
}
