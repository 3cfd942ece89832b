//! The validator on documents the project writes itself: each breaks one rule.

use werkbank_xliff::validate::validate;
use werkbank_xliff::Document;

fn unit(body: &str) -> String {
    format!(
        "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.1\" srcLang=\"de\" trgLang=\"en\">\n<file id=\"f1\">\n<unit id=\"u1\">\n{body}\n</unit>\n</file>\n</xliff>"
    )
}

fn rules(text: &str) -> Vec<&'static str> {
    let document = Document::parse(text.as_bytes()).unwrap();
    validate(&document).into_iter().map(|f| f.rule).collect()
}

#[test]
fn a_clean_unit_is_valid() {
    let text = unit("<segment id=\"s1\" state=\"translated\"><source>Hallo <ph id=\"1\"/>Welt.</source><target>Hello <ph id=\"1\"/>world.</target></segment>");
    assert_eq!(rules(&text), Vec::<&str>::new());
}

#[test]
fn each_broken_rule_is_named() {
    let cases = [
        ("<segment id=\"a\"><source>x</source></segment><segment id=\"a\"><source>y</source></segment>", "id/not-unique"),
        ("<segment><source><sc id=\"1\"/>x</source></segment>", "inline/sc-without-ec"),
        ("<segment><source>x<ec startRef=\"9\"/></source></segment>", "inline/ec-without-sc"),
        ("<segment><source><ph id=\"1\" dataRef=\"d9\"/></source></segment>", "data-ref/unresolved"),
        ("<segment state=\"fertig\"><source>x</source></segment>", "attribute/state"),
        ("<segment subState=\"a:b\"><source>x</source></segment>", "attribute/substate-without-state"),
        ("<segment><source xml:lang=\"fr\">x</source></segment>", "language/mismatch"),
        ("<segment><source><ph id=\"1\" canReorder=\"no\" canCopy=\"no\" canDelete=\"no\"/></source></segment>", "editing-hints/reorder-without-first-no"),
        ("<segment><source><pc id=\"1\" type=\"bold\">x</pc></source></segment>", "type/type"),
        ("<segment><source><mrk id=\"m\" type=\"comment\">x</mrk></source></segment>", "annotation/comment-empty"),
        ("<segment><source><mrk id=\"m\" ref=\"#/u=u1/f=f1\">x</mrk></source></segment>", "fragment/syntax"),
        ("<segment><source><cp hex=\"0041\"/></source></segment>", "type/cp"),
        ("<ignorable><source> </source></ignorable>", "structure/unit-without-segment"),
        ("<segment><target>x</target></segment>", "structure/missing-source"),
        ("<segment foo=\"1\"><source>x</source></segment>", "attribute/not-allowed"),
    ];
    for (body, rule) in cases {
        let found = rules(&unit(body));
        assert!(
            found.contains(&rule),
            "{body}: expected {rule}, got {found:?}"
        );
    }
}

#[test]
fn findings_carry_line_and_column() {
    let text = unit("<segment>\n  <source><sc id=\"1\"/>x</source></segment>");
    let document = Document::parse(text.as_bytes()).unwrap();
    let finding = &validate(&document)[0];
    assert_eq!((finding.position.line, finding.position.column), (5, 11));
}

#[test]
fn xliff_12_rules() {
    let text = "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:1.2\" version=\"1.2\"><file original=\"a\" source-language=\"de\" datatype=\"plaintext\"><body><trans-unit id=\"1\"><source><bpt id=\"1\">b</bpt>x</source><target state=\"done\">y</target></trans-unit><trans-unit id=\"1\"><source>z</source></trans-unit></body></file></xliff>";
    let found = rules(text);
    for rule in [
        "xliff12/bpt-without-ept",
        "xliff12-schema/attribute-value",
        "xliff12-schema/not-unique",
    ] {
        assert!(found.contains(&rule), "{rule}: {found:?}");
    }
}

/// The streaming validator keeps unit ids, not units: rules across units (an id used in two
/// groups, a subFlows reference to a later unit, a 1.2 id used twice) come out as the whole
/// document's validator gives them.
#[test]
fn streaming_validation_finds_what_whole_document_validation_finds() {
    use werkbank_xliff::validate::{validate_reader, validate_with, Options};
    let two = "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.1\" srcLang=\"de\">\n\
        <file id=\"f1\">\n<group id=\"g1\">\n<unit id=\"u1\"><segment><source>Eins <ph id=\"1\" subFlows=\"u3\"/> <ph id=\"2\" subFlows=\"u9\"/></source></segment></unit>\n</group>\n\
        <group id=\"g2\">\n<unit id=\"u1\"><segment><source>Zwei</source></segment></unit>\n</group>\n\
        <unit id=\"u3\"><segment><source>Drei</source></segment></unit>\n\
        <notes><note>zu spät</note></notes>\n</file>\n\
        <file id=\"f2\">\n<unit id=\"u1\"><segment><source>Vier</source></segment></unit>\n</file>\n</xliff>";
    let twelve = "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:1.2\" version=\"1.2\">\n\
        <file original=\"a\" source-language=\"de\" datatype=\"plaintext\"><body>\n\
        <group id=\"x\"><context-group name=\"c\"><context context-type=\"record\">r</context></context-group>\n\
        <trans-unit id=\"1\"><source>Eins</source><context-group name=\"c\"><context context-type=\"record\">r</context></context-group></trans-unit></group>\n\
        <trans-unit id=\"1\"><source>Zwei</source></trans-unit>\n\
        <trans-unit id=\"x\"><source>Drei</source></trans-unit>\n\
        </body></file></xliff>";
    for text in [two, twelve] {
        let whole = validate_with(
            &Document::parse(text.as_bytes()).unwrap(),
            &Options::default(),
        );
        let streamed = validate_reader(text.as_bytes(), &Options::default()).unwrap();
        assert_eq!(streamed.findings, whole, "{text}");
        assert!(whole.len() >= 2, "{whole:#?}");
    }
}

/// An undeclared prefix inside a unit (found by the fuzz target `xliff_stream`): the streaming
/// validator reports it as the whole-document one does.
#[test]
fn an_undeclared_prefix_inside_a_unit_is_reported_when_streaming_too() {
    use werkbank_xliff::validate::{validate_reader, Options};
    let text = unit(
        "<gls:glossary><gls:glossEntry/></gls:glossary><segment><source>Wort</source></segment>",
    );
    let streamed = validate_reader(text.as_bytes(), &Options::default()).unwrap();
    let rules: Vec<&str> = streamed.findings.iter().map(|f| f.rule).collect();
    assert!(rules.contains(&"xml/namespace-prefix"), "{rules:?}");
    assert_eq!(rules, self::rules(&text));
}

/// An undeclared prefix on a unit's own start tag is reported once (both parsers read that tag).
#[test]
fn an_undeclared_prefix_on_a_unit_tag_is_reported_once() {
    use werkbank_xliff::validate::{validate_reader, Options};
    let text = "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.1\" srcLang=\"de\">\n<file id=\"f1\">\n<unit id=\"u1\" fs:fs=\"b\"><segment><source>Fett</source></segment></unit>\n</file>\n</xliff>";
    let streamed = validate_reader(text.as_bytes(), &Options::default()).unwrap();
    let prefix: Vec<_> = streamed
        .findings
        .iter()
        .filter(|f| f.rule == "xml/namespace-prefix")
        .collect();
    assert_eq!(prefix.len(), 1, "{prefix:?}");
    assert_eq!(
        streamed.findings.iter().map(|f| f.rule).collect::<Vec<_>>(),
        rules(text)
    );
}
