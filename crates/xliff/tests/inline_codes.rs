//! Every inline-code family of XLIFF 1.2 and 2.x: read into the model, translated with the
//! source's codes, written back in place (snapshots of what is written).

use werkbank_model::{CodeKind, Content, SegmentState};
use werkbank_xliff::validate::validate;
use werkbank_xliff::Document;

const XLIFF_12: &str = r##"<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">
 <file original="hilfe.html" source-language="de" target-language="en" datatype="html">
  <body>
   <trans-unit id="fett">
    <source>Drücken Sie <g id="1" ctype="bold">Speichern</g>, dann<x id="2" ctype="lb"/>weiter.</source>
   </trans-unit>
   <trans-unit id="nativ">
    <source><bpt id="1">&lt;a href="#"&gt;</bpt>Hilfe<ept id="1">&lt;/a&gt;</ept> und <ph id="2">&lt;br/&gt;</ph>mehr.</source>
   </trans-unit>
   <trans-unit id="isoliert">
    <source><bx id="3" ctype="italic"/>Anfang ohne Ende <it id="4" pos="close">&lt;/i&gt;</it>und <ex id="5"/>Rest.</source>
   </trans-unit>
   <trans-unit id="markiert">
    <source>Der <mrk mtype="term">Akku</mrk> hält <ph id="1">{1}<sub>Fußnote</sub></ph> lange.</source>
   </trans-unit>
   <trans-unit id="segmentiert">
    <source>Erster Satz. Zweiter Satz.</source>
    <seg-source><mrk mtype="seg" mid="a">Erster Satz.</mrk> <mrk mtype="seg" mid="b">Zweiter <g id="1">Satz</g>.</mrk></seg-source>
   </trans-unit>
  </body>
 </file>
</xliff>
"##;

const XLIFF_21: &str = r##"<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="de" trgLang="en">
 <file id="f1">
  <unit id="u1">
   <originalData>
    <data id="d1">&lt;b&gt;</data>
    <data id="d2">&lt;/b&gt;</data>
    <data id="d3">&lt;br/&gt;</data>
   </originalData>
   <segment id="s1">
    <source>Das ist <pc id="1" dataRefStart="d1" dataRefEnd="d2" type="fmt" subType="xlf:b">fett</pc>.<ph id="2" dataRef="d3"/></source>
   </segment>
   <ignorable>
    <source> </source>
   </ignorable>
   <segment id="s2">
    <source><sc id="3" dataRef="d1"/>Über zwei Segmente</source>
   </segment>
   <segment id="s3">
    <source>hinweg.<ec startRef="3" dataRef="d2"/> <sc id="4" isolated="yes"/>Offen.</source>
   </segment>
  </unit>
  <unit id="u2">
   <segment id="s1">
    <source>Der <mrk id="m1" type="term">Akku</mrk> und <sm id="m2" type="comment" value="prüfen"/>die Ladezeit<em startRef="m2"/>. Steuerzeichen: <cp hex="0007"/></source>
   </segment>
  </unit>
 </file>
</xliff>
"##;

fn kinds(content: &Content) -> Vec<(CodeKind, String, Option<String>, bool)> {
    content
        .codes()
        .iter()
        .map(|c| {
            (
                c.code.kind,
                c.code.element.clone().unwrap_or_default(),
                c.code.data.clone(),
                c.code.isolated,
            )
        })
        .collect()
}

/// A translation that keeps every code of the source in order: the text between codes is
/// replaced by a marker naming the piece.
fn translate(source: &Content) -> Content {
    let mut target = Content::new();
    let mut previous = 0;
    for (index, placed) in source.codes().iter().enumerate() {
        if placed.offset > previous {
            target.push_text(&format!("EN{index} "));
        }
        target.push_code(placed.code.clone());
        previous = placed.offset;
    }
    if source.plain_text().len() > previous || source.codes().is_empty() {
        target.push_text("EN.");
    }
    target
}

fn translate_all(document: &mut Document) {
    let units = document.units().unwrap();
    for (u, unit) in units.iter().enumerate() {
        for (p, part) in unit.parts.iter().enumerate() {
            if part.ignorable {
                continue;
            }
            let target = translate(&part.segment.source);
            document
                .set_target(u, p, &target, SegmentState::Translated)
                .unwrap();
        }
    }
}

#[test]
fn xliff_12_codes_are_read_into_the_model() {
    let document = Document::parse(XLIFF_12.as_bytes()).unwrap();
    assert!(validate(&document).is_empty(), "{:?}", validate(&document));
    let units = document.units().unwrap();
    let source = |u: usize, p: usize| units[u].parts[p].segment.source.clone();

    let bold = source(0, 0);
    assert_eq!(bold.plain_text(), "Drücken Sie Speichern, dannweiter.");
    let found = kinds(&bold);
    assert_eq!(found[0].0, CodeKind::Opening);
    assert_eq!(found[1].0, CodeKind::Closing);
    assert_eq!(
        (found[2].0, found[2].1.as_str()),
        (CodeKind::Standalone, "x")
    );
    assert_eq!(bold.code_pairs(), vec![(0, 1)]);

    let native = source(1, 0);
    let found = kinds(&native);
    assert_eq!(
        found[0],
        (
            CodeKind::Opening,
            "bpt".into(),
            Some("<a href=\"#\">".into()),
            false
        )
    );
    assert_eq!(
        found[1],
        (CodeKind::Closing, "ept".into(), Some("</a>".into()), false)
    );
    assert_eq!(
        found[2],
        (
            CodeKind::Standalone,
            "ph".into(),
            Some("<br/>".into()),
            false
        )
    );

    let isolated = source(2, 0);
    let found = kinds(&isolated);
    assert_eq!(found[0], (CodeKind::Opening, "bx".into(), None, true));
    assert_eq!(
        found[1],
        (CodeKind::Closing, "it".into(), Some("</i>".into()), true)
    );
    assert_eq!(found[2], (CodeKind::Closing, "ex".into(), None, true));

    let marked = source(3, 0);
    assert_eq!(marked.plain_text(), "Der Akku hält  lange.");
    let found = kinds(&marked);
    assert_eq!(found[0].1, "mrk");
    assert_eq!(found[2].2.as_deref(), Some("{1}<sub>Fußnote</sub>"));

    let parts = &units[4].parts;
    let texts: Vec<(bool, &str)> = parts
        .iter()
        .map(|p| (p.ignorable, p.segment.source.plain_text()))
        .collect();
    assert_eq!(
        texts,
        [
            (false, "Erster Satz."),
            (true, " "),
            (false, "Zweiter Satz.")
        ]
    );
    assert_eq!(parts[2].segment.id, "b");
}

#[test]
fn xliff_12_targets_are_written_in_place() {
    let mut document = Document::parse(XLIFF_12.as_bytes()).unwrap();
    translate_all(&mut document);
    let written = String::from_utf8(document.to_bytes()).unwrap();
    insta::assert_snapshot!("xliff_12_translated", written);
    let again = Document::parse(written.as_bytes()).unwrap();
    assert!(validate(&again).is_empty(), "{:?}", validate(&again));
    // Every target carries the same codes as its source.
    for unit in again.units().unwrap() {
        for segment in unit.segments() {
            let target = segment.target.as_ref().unwrap();
            assert_eq!(kinds(target), kinds(&segment.source), "unit {}", unit.id);
        }
    }
}

#[test]
fn xliff_21_codes_are_read_into_the_model() {
    let document = Document::parse(XLIFF_21.as_bytes()).unwrap();
    assert!(validate(&document).is_empty(), "{:?}", validate(&document));
    let units = document.units().unwrap();
    let first = &units[0].parts[0].segment.source;
    let found = kinds(first);
    assert_eq!(
        found[0],
        (CodeKind::Opening, "pc".into(), Some("<b>".into()), false)
    );
    assert_eq!(
        found[1],
        (CodeKind::Closing, "pc".into(), Some("</b>".into()), false)
    );
    assert_eq!(
        found[2],
        (
            CodeKind::Standalone,
            "ph".into(),
            Some("<br/>".into()),
            false
        )
    );
    assert_eq!(first.codes()[0].code.code_type.as_deref(), Some("fmt"));
    assert_eq!(first.codes()[0].code.sub_type.as_deref(), Some("xlf:b"));

    let across = &units[0].parts[2].segment.source;
    assert_eq!(kinds(across)[0].1, "sc");
    let closing = &units[0].parts[3].segment.source;
    assert_eq!(
        kinds(closing)[0],
        (CodeKind::Closing, "ec".into(), Some("</b>".into()), false)
    );
    assert!(kinds(closing)[1].3, "isolated sc");

    let annotated = &units[1].parts[0].segment.source;
    assert!(annotated.plain_text().ends_with("Steuerzeichen: \u{7}"));
    let names: Vec<String> = kinds(annotated).into_iter().map(|k| k.1).collect();
    assert_eq!(names, ["mrk", "mrk", "sm", "em"]);
}

#[test]
fn xliff_21_targets_are_written_in_place() {
    let mut document = Document::parse(XLIFF_21.as_bytes()).unwrap();
    translate_all(&mut document);
    let written = String::from_utf8(document.to_bytes()).unwrap();
    insta::assert_snapshot!("xliff_21_translated", written);
    let again = Document::parse(written.as_bytes()).unwrap();
    assert!(validate(&again).is_empty(), "{:?}", validate(&again));
    for unit in again.units().unwrap() {
        for segment in unit.segments() {
            let target = segment.target.as_ref().unwrap();
            assert_eq!(kinds(target), kinds(&segment.source), "unit {}", unit.id);
            assert_eq!(segment.state, SegmentState::Translated);
        }
    }
}

#[test]
fn codes_from_another_format_get_original_data() {
    // A target built from codes that carry data but no XLIFF 2 attributes (as a TM match
    // would): the data goes into originalData with fresh ids.
    let mut document = Document::parse(XLIFF_21.as_bytes()).unwrap();
    let mut target = Content::from_text("Press ");
    target.push_code(werkbank_model::InlineCode::opening("7").with_data("<u>"));
    target.push_text("here");
    target.push_code(werkbank_model::InlineCode::closing("7").with_data("</u>"));
    document
        .set_target(1, 0, &target, SegmentState::Translated)
        .unwrap();
    let written = String::from_utf8(document.to_bytes()).unwrap();
    assert!(
        written.contains(
            r#"<target>Press <pc id="7" dataRefStart="d1" dataRefEnd="d2">here</pc></target>"#
        ) || written.contains("dataRefStart="),
        "{written}"
    );
    let again = Document::parse(written.as_bytes()).unwrap();
    assert!(validate(&again).is_empty(), "{:?}", validate(&again));
    let read = again.units().unwrap()[1].parts[0]
        .segment
        .target
        .clone()
        .unwrap();
    assert_eq!(read.codes()[0].code.data.as_deref(), Some("<u>"));
    assert_eq!(read.codes()[1].code.data.as_deref(), Some("</u>"));
}

#[test]
fn unmodified_documents_are_written_byte_for_byte() {
    for text in [XLIFF_12, XLIFF_21] {
        let document = Document::parse(text.as_bytes()).unwrap();
        assert_eq!(document.to_bytes(), text.as_bytes());
    }
}

#[test]
fn a_changed_segment_is_written_in_place_and_nothing_else_moves() {
    let mut document = Document::parse(XLIFF_21.as_bytes()).unwrap();
    document
        .set_target(
            1,
            0,
            &Content::from_text("The battery."),
            SegmentState::Translated,
        )
        .unwrap();
    let written = String::from_utf8(document.to_bytes()).unwrap();
    let source_line = "<em startRef=\"m2\"/>. Steuerzeichen: <cp hex=\"0007\"/></source>\n";
    let expected = XLIFF_21
        .replace(
            "  <unit id=\"u2\">\n   <segment id=\"s1\">",
            "  <unit id=\"u2\">\n   <segment id=\"s1\" state=\"translated\">",
        )
        .replace(
            source_line,
            &format!("{source_line}    <target>The battery.</target>\n"),
        );
    assert_eq!(written, expected);
}
