//! The streaming reader (a window of the text at a time, XLIFF 2 units straight from the
//! parser's events) must give exactly the units the whole-document reader gives, fail exactly
//! where it fails, and the rewrite must give back the input byte for byte.

use std::io::Read;

use proptest::prelude::*;
use werkbank_model::{Content, SegmentState};
use werkbank_xliff::stream::{read_units, rewrite};
use werkbank_xliff::{Document, Unit};

/// The units as the whole-document reader reads them.
fn tree_units(bytes: &[u8]) -> Result<Vec<Unit>, String> {
    Document::parse(bytes)
        .and_then(|document| document.units())
        .map_err(|e| e.to_string())
}

/// The units as the streaming reader reads them.
fn read_units_streaming(bytes: &[u8]) -> Result<Vec<Unit>, werkbank_xliff::XliffError> {
    let mut units = Vec::new();
    read_units(bytes, &mut |_, unit| {
        units.push(unit);
        Ok(())
    })?;
    Ok(units)
}

/// A reader that gives a few bytes at a time, so that every window boundary is exercised.
struct Trickle<'a> {
    bytes: &'a [u8],
    step: usize,
}

impl Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.step.min(buf.len()).min(self.bytes.len());
        buf[..n].copy_from_slice(&self.bytes[..n]);
        self.bytes = &self.bytes[n..];
        Ok(n)
    }
}

/// Both readers agree, and the rewrite is byte-identical; returns how many units were read
/// from events.
fn check(text: &str) -> usize {
    let expected = tree_units(text.as_bytes());
    let got = read_units_streaming(text.as_bytes()).map_err(|e| e.to_string());
    match (&expected, &got) {
        (Ok(expected), Ok(got)) => assert_eq!(got, expected, "{text}"),
        (Err(_), Err(_)) => return 0,
        _ => panic!("tree: {expected:?}\nevents: {got:?}\n{text}"),
    }
    let mut out = Vec::new();
    let summary = rewrite(text.as_bytes(), &mut out, &mut |_, _, _| Ok(())).unwrap();
    assert_eq!(String::from_utf8(out).unwrap(), text);
    // Read a few bytes at a time, the same.
    for step in [1, 7, 64] {
        let mut units = Vec::new();
        read_units(
            Trickle {
                bytes: text.as_bytes(),
                step,
            },
            &mut |_, unit| {
                units.push(unit);
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(Ok(&units), expected.as_ref(), "{step}");
        let mut out = Vec::new();
        rewrite(
            Trickle {
                bytes: text.as_bytes(),
                step,
            },
            &mut out,
            &mut |_, _, _| Ok(()),
        )
        .unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), text, "{step}");
    }
    summary.read_from_events
}

fn doc_2(units: &str) -> String {
    format!(
        "<?xml version=\"1.0\"?>\n<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" xmlns:x=\"urn:example:x\" version=\"2.1\" srcLang=\"de\" trgLang=\"en\">\n <file id=\"f\">\n{units}\n </file>\n</xliff>\n"
    )
}

#[test]
fn common_units_are_read_from_events_and_equal_the_tree() {
    let units = r#"  <unit id="u1" x:a="1">
   <x:hint>Hinweis <b>fett</b></x:hint>
   <notes><note category="c" appliesTo="source">Text &amp; <![CDATA[<mehr>]]> <x:i>innen</x:i></note><note>Zwei</note></notes>
   <originalData><data id="d1">&lt;b&gt;<cp hex="9"/>x<x:y>weg</x:y></data><data id="d2">&lt;/b&gt;</data></originalData>
   <segment id="s1" state="translated" subState="x:y">
    <source xml:space="preserve">Eins <pc id="1" dataRefStart="d1" dataRefEnd="d2" canCopy="no">fett <ph id="2" disp="[x]"/></pc>&#x41;<cp hex="1F"/> <!-- c --><?pi x?><![CDATA[a<b]]></source>
    <target>One <pc id="1" dataRefStart="d1" dataRefEnd="d2" canCopy="no">bold <ph id="2" disp="[x]"/></pc>A</target>
    <x:ext/>
   </segment>
   <ignorable><source> </source></ignorable>
   <segment>
    <source>Zwei <sc id="3" type="fmt" subType="xlf:b" canReorder="firstNo"/>a<ec startRef="3" canDelete="no"/> <mrk id="m" type="term" value="v">Wort</mrk><sm id="m2" type="comment"/>b<em startRef="m2"/> <pc id="4"/></source>
    <target/>
   </segment>
  </unit>
  <unit id="u2"/>
  <unit id="u3" translate="no"><segment id="a"><source>Drei&#13;
 Zeilen	Tab</source></segment></unit>"#;
    assert_eq!(check(&doc_2(units)), 3);
}

#[test]
fn units_the_events_reader_leaves_to_the_tree_still_read_the_same() {
    let cases = [
        // A core element with a prefix.
        r#"<unit id="u" xmlns:c="urn:oasis:names:tc:xliff:document:2.0"><c:segment><c:source>A</c:source></c:segment></unit>"#,
        // A namespace declared inside the unit.
        r#"<unit id="u"><segment xmlns:y="urn:example:y"><source y:a="1">A</source></segment></unit>"#,
        // Translation candidates and metadata.
        r##"<unit id="u"><mtc:matches xmlns:mtc="urn:oasis:names:tc:xliff:matches:2.0"><mtc:match ref="#s"><source>A</source><target>B</target></mtc:match></mtc:matches><segment id="s"><source>A</source></segment></unit>"##,
        // originalData after the segments.
        r#"<unit id="u"><segment><source><ph id="1" dataRef="d"/></source></segment><originalData><data id="d">x</data></originalData></unit>"#,
        // An unknown inline element, kept as data.
        r#"<unit id="u"><segment><source>A <x:z a="1">B</x:z></source></segment></unit>"#,
        // A cp that is not a code point.
        r#"<unit id="u"><segment><source>A<cp hex="D800"/></source></segment></unit>"#,
        // A prefix nobody declared: read in a namespace of its own by both readers.
        r#"<unit id="u"><segment><source><q:x/></source></segment></unit>"#,
    ];
    for case in cases {
        assert_eq!(check(&doc_2(case)), 0, "{case}");
    }
}

#[test]
fn broken_units_fail_in_both_readers() {
    let cases = [
        r#"<unit id="u"><segment><source>A &unknown; B</source></segment></unit>"#,
        r#"<unit id="u"><segment><source a="1" a="2">A</source></segment></unit>"#,
        r#"<unit id="u"><segment><source>A ]]> B</source></segment></unit>"#,
        r#"<unit id="u"><segment><source>A</target></segment></unit>"#,
        r#"<unit id="u"><segment><source>A</source></segment>"#,
    ];
    for case in cases {
        let text = doc_2(case);
        assert!(tree_units(text.as_bytes()).is_err(), "{case}");
        assert!(read_units_streaming(text.as_bytes()).is_err(), "{case}");
    }
}

#[test]
fn deep_nesting_is_the_same_limit_error() {
    let mut inner = String::from("A");
    for n in 0..300 {
        inner = format!("<pc id=\"{n}\">{inner}</pc>");
    }
    let text = doc_2(&format!(
        "<unit id=\"u\"><segment><source>{inner}</source></segment></unit>"
    ));
    let tree = tree_units(text.as_bytes()).unwrap_err();
    let events = read_units_streaming(text.as_bytes())
        .unwrap_err()
        .to_string();
    assert_eq!(events, tree);
    assert!(events.contains("limit"), "{events}");
}

fn doc_12(units: &str) -> String {
    format!(
        "<?xml version=\"1.0\"?>\n<xliff xmlns=\"urn:oasis:names:tc:xliff:document:1.2\" xmlns:x=\"urn:example:x\" version=\"1.2\"><file original=\"a\" source-language=\"de\" target-language=\"en\" datatype=\"plaintext\"><body>\n{units}\n</body></file></xliff>"
    )
}

#[test]
fn xliff_1_2_units_are_read_from_events_and_equal_the_tree() {
    let units = r#"<trans-unit id="1" restype="x-para"><source>Hallo <g id="1" ctype="bold">Welt</g> <x id="2" equiv-text="[br]"/>&amp; <bx id="3" rid="r"/>a<ex id="4" rid="r"/></source><target state="translated" state-qualifier="exact-match">Hello <g id="1" ctype="bold">world</g> <x id="2" equiv-text="[br]"/>&amp; <bx id="3" rid="r"/>a<ex id="4" rid="r"/></target><note from="rev" annotates="source">Pr&#252;fen <!-- c -->bitte</note></trans-unit>
<trans-unit id="2"/>
<trans-unit id="3" approved="yes" translate="no"><source><bpt id="5">&lt;b&gt;</bpt>fett<ept id="5">&lt;/b&gt;</ept> <ph id="6" ctype="image"><![CDATA[<img/>]]></ph> <it id="7" pos="close">&lt;/i&gt;</it></source><target/><x:ext a="1"><x:inner/></x:ext><context-group><context context-type="x">c</context></context-group></trans-unit>
<trans-unit id="4"><source>Mit <mrk mtype="term" mid="m1">Begriff</mrk> und <bpt id="8"/>leer<ept id="8"/></source><note>Eins</note><note category="c">Zwei</note></trans-unit>"#;
    assert_eq!(check(&doc_12(units)), 4);
}

#[test]
fn translate_comes_from_the_unit_its_groups_and_its_file() {
    let text = doc_2(
        r#"<group id="g" translate="no"><unit id="a"><segment><source>A</source></segment></unit><unit id="b" translate="yes"><segment><source>B</source></segment></unit><group id="h" translate="yes"><unit id="c"><segment><source>C</source></segment></unit></group></group>"#,
    )
    .replace("<file id=\"f\">", "<file id=\"f\" translate=\"no\">");
    check(&text);
    let translate: Vec<bool> = read_units_streaming(text.as_bytes())
        .unwrap()
        .iter()
        .map(|u| u.translate)
        .collect();
    assert_eq!(translate, [false, true, true]);
}

#[test]
fn xliff_1_2_units_the_events_reader_leaves_to_the_tree_still_read_the_same() {
    let cases = [
        // Segmented: seg-source with markers.
        r#"<trans-unit id="s"><source>A. B.</source><seg-source><mrk mtype="seg" mid="1">A.</mrk> <mrk mtype="seg" mid="2">B.</mrk></seg-source><target><mrk mtype="seg" mid="1">X.</mrk> <mrk mtype="seg" mid="2">Y.</mrk></target></trans-unit>"#,
        // Candidates.
        r#"<trans-unit id="a"><source>A</source><alt-trans match-quality="80"><source>A</source><target>X</target></alt-trans></trans-unit>"#,
        // A prefixed element inside content.
        r#"<trans-unit id="p"><source>A <x:b>B</x:b></source></trans-unit>"#,
        // Native data with an element inside.
        r#"<trans-unit id="n"><source><ph id="1">a<sub>b</sub></ph></source></trans-unit>"#,
        // An unknown inline element.
        r#"<trans-unit id="u"><source>A <q>B</q></source></trans-unit>"#,
    ];
    for case in cases {
        assert_eq!(check(&doc_12(case)), 0, "{case}");
    }
}

/// The document with unit `ordinal`'s first part given `target`, as the whole-document
/// reader writes it.
fn with_target(text: &str, ordinal: usize, target: &str) -> String {
    let mut document = Document::parse(text.as_bytes()).unwrap();
    document
        .set_target(
            ordinal,
            0,
            &Content::from_text(target),
            SegmentState::Translated,
        )
        .unwrap();
    String::from_utf8(document.to_bytes()).unwrap()
}

#[test]
fn an_edited_unit_is_written_from_its_tree_and_the_rest_is_copied() {
    let text = doc_2(
        r#"  <unit id="u1"><segment id="s"><source>A</source></segment></unit>
  <unit id="u2"><segment id="s"><source>B</source></segment></unit>"#,
    );
    let mut out = Vec::new();
    rewrite(text.as_bytes(), &mut out, &mut |_, unit, element| {
        if unit.id == "u2" {
            element.set_target(0, &Content::from_text("Bee"), SegmentState::Translated)?;
        }
        Ok(())
    })
    .unwrap();
    let written = String::from_utf8(out).unwrap();
    assert!(written.contains("<target>Bee</target>"), "{written}");
    assert_eq!(written, with_target(&text, 1, "Bee"));
}

/// Random unit content: text with references, inline elements nested a few deep, comments.
fn inline() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        "[a-zA-Zäö <>&\"' \n\t]{0,8}".prop_map(|t| t
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")),
        Just("&#x263A;".to_string()),
        Just("<cp hex=\"7\"/>".to_string()),
        Just("<ph id=\"p\" dataRef=\"d1\" equiv=\"x\"/>".to_string()),
        Just("<sc id=\"s\" isolated=\"yes\"/>".to_string()),
        Just("<ec id=\"e\" isolated=\"yes\" dataRef=\"d2\"/>".to_string()),
        Just("<!--c-->".to_string()),
        Just("<![CDATA[<&>]]>".to_string()),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(|v| v.concat()),
            inner
                .clone()
                .prop_map(|c| format!("<pc id=\"q\" dataRefStart=\"d1\">{c}</pc>")),
            inner.prop_map(|c| format!("<mrk id=\"m\" type=\"term\">{c}</mrk>")),
        ]
    })
}

fn unit() -> impl Strategy<Value = String> {
    (
        proptest::collection::vec((inline(), proptest::option::of(inline()), any::<bool>()), 1..4),
        any::<bool>(),
    )
        .prop_map(|(parts, notes)| {
            let mut out = String::from("<unit id=\"u\">");
            if notes {
                out.push_str("<notes><note>N &amp; n</note></notes>");
            }
            out.push_str("<originalData><data id=\"d1\">&lt;b&gt;</data><data id=\"d2\">x</data></originalData>");
            for (source, target, ignorable) in parts {
                let name = if ignorable { "ignorable" } else { "segment" };
                out.push_str(&format!("<{name}><source>{source}</source>"));
                if let Some(target) = target {
                    out.push_str(&format!("<target>{target}</target>"));
                }
                out.push_str(&format!("</{name}>"));
            }
            out.push_str("</unit>");
            out
        })
}

/// Random 1.2 inline content.
fn inline_12() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        "[a-zA-Zäö <>&\"' \n\t]{0,8}".prop_map(|t| t
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")),
        Just("&#x263A;".to_string()),
        Just("<x id=\"x\" ctype=\"lb\"/>".to_string()),
        Just("<ph id=\"p\">&lt;br/&gt;</ph>".to_string()),
        Just("<bpt id=\"b\">&lt;i&gt;</bpt>".to_string()),
        Just("<ept id=\"b\">&lt;/i&gt;</ept>".to_string()),
        Just("<bx id=\"c\" rid=\"r\"/>".to_string()),
        Just("<ex id=\"d\" rid=\"r\"/>".to_string()),
        Just("<it id=\"i\" pos=\"open\">x</it>".to_string()),
        Just("<!--c-->".to_string()),
        Just("<![CDATA[<&>]]>".to_string()),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(|v| v.concat()),
            inner
                .clone()
                .prop_map(|c| format!("<g id=\"g\" ctype=\"bold\">{c}</g>")),
            inner.prop_map(|c| format!("<mrk mtype=\"term\" mid=\"m\">{c}</mrk>")),
        ]
    })
}

fn unit_12() -> impl Strategy<Value = String> {
    (
        inline_12(),
        proptest::option::of(inline_12()),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(source, target, note, approved)| {
            let mut out = format!(
                "<trans-unit id=\"t\"{}><source>{source}</source>",
                if approved { " approved=\"yes\"" } else { "" }
            );
            if let Some(target) = target {
                out.push_str(&format!("<target state=\"translated\">{target}</target>"));
            }
            if note {
                out.push_str("<note from=\"a\">N &amp; n</note>");
            }
            out.push_str("</trans-unit>");
            out
        })
}

proptest! {
    #[test]
    fn random_units_read_the_same_from_events_and_from_the_tree(units in proptest::collection::vec(unit(), 1..4)) {
        check(&doc_2(&units.join("\n")));
    }

    #[test]
    fn random_1_2_units_read_the_same_from_events_and_from_the_tree(units in proptest::collection::vec(unit_12(), 1..4)) {
        check(&doc_12(&units.join("\n")));
    }
}

#[test]
fn a_large_document_gives_the_same_units_in_order() {
    // A mix of units the events reader takes and units it leaves to the tree, and an edit in
    // the middle.
    let mut units = String::new();
    let mut n = 0;
    while units.len() < 6 << 20 {
        n += 1;
        if n % 97 == 0 {
            units.push_str(&format!(
                "  <unit id=\"u{n}\"><segment xmlns:y=\"urn:example:y\"><source y:a=\"1\">Satz {n}</source></segment></unit>\n"
            ));
        } else {
            units.push_str(&format!(
                "  <unit id=\"u{n}\"><notes><note>Hinweis {n}</note></notes><segment id=\"s\" state=\"translated\"><source>Satz <pc id=\"1\">{n}</pc> &amp; mehr</source><target>Sentence <pc id=\"1\">{n}</pc></target></segment></unit>\n"
            ));
        }
    }
    let text = doc_2(&units);
    let expected = tree_units(text.as_bytes()).unwrap();
    let got = read_units_streaming(text.as_bytes()).unwrap();
    assert_eq!(got.len(), n);
    assert!(got == expected);

    let mut out = Vec::new();
    let summary = rewrite(text.as_bytes(), &mut out, &mut |_, unit, element| {
        if unit.id == "u5000" {
            element.set_target(0, &Content::from_text("Satz"), SegmentState::Translated)?;
        }
        Ok(())
    })
    .unwrap();
    assert_eq!(summary.units, n);
    assert_eq!(summary.read_from_events, n - n / 97);
    assert!(String::from_utf8(out).unwrap() == with_target(&text, 4999, "Satz"));

    // An error in a unit far into the document is reported.
    let broken = text.replace(
        "Satz <pc id=\"1\">20000</pc>",
        "Satz <pc id=\"1\">20000</pc>&bad;",
    );
    assert!(broken != text);
    assert!(read_units_streaming(broken.as_bytes()).is_err());
}

#[test]
fn an_unknown_declared_encoding_is_refused_by_every_reader() {
    // Found by the fuzz target xliff_stream: the streaming paths took the bytes as UTF-8.
    let text = doc_2("<unit id=\"u\"><segment><source>A</source></segment></unit>").replace(
        "<?xml version=\"1.0\"?>",
        "<?xml version=\"1.0\" encoding=\"UTF-4\"?>",
    );
    assert!(tree_units(text.as_bytes()).is_err());
    assert!(read_units_streaming(text.as_bytes()).is_err());
    assert!(rewrite(text.as_bytes(), &mut Vec::new(), &mut |_, _, _| Ok(())).is_err());
}

#[test]
fn a_unit_inside_a_unit_stays_part_of_the_outer_one() {
    // Found by the fuzz target xliff_stream: not valid XLIFF, but both readers must agree.
    let text = doc_2(
        "<unit id=\"outer\"><segment><source>A</source></segment><unit id=\"inner\"><segment><source>B</source></segment></unit></unit>",
    );
    let units = read_units_streaming(text.as_bytes()).unwrap();
    assert_eq!(units.len(), 1);
    assert_eq!(units[0].id, "outer");
    check(&text);
}

#[test]
fn an_empty_unit_tag_ends_the_unit_for_every_reader() {
    // Found by the fuzz target xliff_stream: the scanner read on after `<unit/>` up to a stray
    // `</unit>`, and took the file, which the tree reader refuses.
    let text = doc_2("<unit id=\"a\"/> stray <segment><source>A</source></segment></unit>");
    assert!(tree_units(text.as_bytes()).is_err());
    assert!(read_units_streaming(text.as_bytes()).is_err());
    let fine =
        doc_2("<unit id=\"a\"/>\n<unit id=\"b\"><segment><source>B</source></segment></unit>");
    assert_eq!(check(&fine), 2);
}

/// The pair of a 1.2 document is that of its first file with units: a file without units (as
/// MateCat puts its manifests first) says nothing about the text.
#[test]
fn document_languages_come_from_the_first_file_with_units() {
    use werkbank_xliff::stream::document_languages;
    let text = "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:1.2\" version=\"1.2\">\n\
        <file original=\"m\" source-language=\"hy-am\" target-language=\"fr-fr\" datatype=\"x\"><body/></file>\n\
        <file original=\"t\" source-language=\"de\" target-language=\"en\" datatype=\"x\"><body>\n\
        <trans-unit id=\"1\"><source>Hallo</source></trans-unit></body></file></xliff>";
    assert_eq!(
        document_languages(text.as_bytes()).unwrap(),
        (Some("de".into()), Some("en".into()))
    );
    let empty = text.replace(
        "<trans-unit id=\"1\"><source>Hallo</source></trans-unit>",
        "",
    );
    assert_eq!(
        document_languages(empty.as_bytes()).unwrap(),
        (Some("hy-am".into()), Some("fr-fr".into()))
    );
}

/// A unit where units do not belong (a 2.x `<unit>` in a 1.2 file) is copied, not read, but
/// what in it is not well-formed is an error for the streaming readers as for the tree reader
/// (found by the fuzz target `xliff_stream`).
#[test]
fn a_misplaced_unit_that_is_not_well_formed_is_an_error_for_every_reader() {
    use werkbank_xliff::stream::{read_units, rewrite};
    let text = "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:1.2\" version=\"1.2\">\n\
        <file original=\"a\" source-language=\"de\" datatype=\"x\">\n\
        <unit id=\"1\"><note f=re\"x\">kaputt</note></unit>\n\
        <body><trans-unit id=\"2\"><source>Hallo</source></trans-unit></body></file></xliff>";
    assert!(Document::parse(text.as_bytes()).is_err());
    assert!(read_units(text.as_bytes(), &mut |_, _| Ok(())).is_err());
    let mut out = Vec::new();
    assert!(rewrite(text.as_bytes(), &mut out, &mut |_, _, _| Ok(())).is_err());
    let fixed = text.replace("f=re\"x\"", "f=\"x\"");
    assert!(read_units(fixed.as_bytes(), &mut |_, _| Ok(())).is_ok());
}
