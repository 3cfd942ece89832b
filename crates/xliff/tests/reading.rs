//! Reading and writing: encodings, preserved markup, hostile input, and a property: any document
//! built from the generator below is written back byte for byte and reads the same again.

use proptest::prelude::*;
use werkbank_model::Limit;
use werkbank_xliff::{encode, Document, TextEncoding, Version, XliffError};
use werkbank_xliff::{Limits, WriteMode};

const SMALL_2: &str = "<?xml version=\"1.0\"?>\n<!-- made by hand -->\n<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"de\" trgLang=\"en\" xmlns:x=\"urn:example:ext\">\n  <?werkbank keep-me?>\n  <file id='f1' x:owner = \"Redaktion\" >\n    <x:info a=\"1\"><![CDATA[<roh> & unverändert]]></x:info>\n    <unit id=\"u1\">\n      <segment><source>Grüße &amp; &#x4B;üsse &lt;3\r\n</source ></segment>\n    </unit>\n  </file>\n</xliff>\n<!-- end -->\n";

#[test]
fn comments_pis_cdata_quotes_and_extensions_survive() {
    let document = Document::parse(SMALL_2.as_bytes()).unwrap();
    assert_eq!(document.version(), Version::V2_0);
    assert_eq!(document.to_bytes(), SMALL_2.as_bytes());
    let units = document.units().unwrap();
    assert_eq!(
        units[0].parts[0].segment.source.plain_text(),
        "Grüße & Küsse <3\n"
    );
}

#[test]
fn utf16_and_declared_encodings_are_written_back_the_same_way() {
    for encoding in [
        TextEncoding::Utf16Le,
        TextEncoding::Utf16Be,
        TextEncoding::Utf8Bom,
    ] {
        let bytes = encode(SMALL_2, encoding);
        let document = Document::parse(&bytes).unwrap();
        assert_eq!(document.encoding(), encoding);
        assert_eq!(document.to_bytes(), bytes);
    }
    let latin = SMALL_2.replace(
        "<?xml version=\"1.0\"?>",
        "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>",
    );
    let bytes = encode(&latin, TextEncoding::Declared(encoding_rs::WINDOWS_1252));
    assert!(bytes.contains(&0xFC), "ü is one byte");
    let document = Document::parse(&bytes).unwrap();
    assert_eq!(document.to_bytes(), bytes);
}

#[test]
fn the_version_is_detected() {
    let cases = [
        (
            r#"<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"/>"#,
            Version::V1_2,
        ),
        (
            r#"<xliff xmlns="urn:oasis:names:tc:xliff:document:1.1" version="1.1"/>"#,
            Version::V1_1,
        ),
        (r#"<xliff version="1.0"/>"#, Version::V1_0),
        (
            r#"<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0"/>"#,
            Version::V2_0,
        ),
        (
            r#"<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1"/>"#,
            Version::V2_1,
        ),
        (
            r#"<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.2"/>"#,
            Version::V2_2,
        ),
        (
            r#"<xliff xmlns="urn:oasis:names:tc:xliff:document:2.2" version="2.2"/>"#,
            Version::V2_2,
        ),
    ];
    for (text, version) in cases {
        assert_eq!(
            Document::parse(text.as_bytes()).unwrap().version(),
            version,
            "{text}"
        );
    }
    let error = Document::parse(b"<tmx version=\"1.4\"/>").unwrap_err();
    assert!(matches!(error, XliffError::NotXliff { .. }), "{error}");
}

#[test]
fn doctype_and_entities_are_refused_without_expansion() {
    let text = "<?xml version=\"1.0\"?>\n<!DOCTYPE xliff [<!ENTITY boom \"aaaaaaaaaa\">]>\n<xliff version=\"1.2\">&boom;</xliff>";
    let error = Document::parse(text.as_bytes()).unwrap_err();
    assert!(matches!(error, XliffError::Refused { .. }), "{error}");
    assert_eq!(error.position().unwrap().line, 2);
    let attributes = "<!DOCTYPE xliff [<!ATTLIST xliff version CDATA \"1.2\">]><xliff/>";
    assert!(matches!(
        Document::parse(attributes.as_bytes()).unwrap_err(),
        XliffError::Refused { .. }
    ));
    let undeclared = "<xliff version=\"1.2\">&nbsp;</xliff>";
    assert!(matches!(
        Document::parse(undeclared.as_bytes()).unwrap_err(),
        XliffError::Malformed { .. }
    ));
}

#[test]
fn deep_nesting_and_huge_values_give_typed_errors() {
    let deep = format!(
        "<xliff version=\"1.2\">{}{}</xliff>",
        "<g>".repeat(100_000),
        "</g>".repeat(100_000)
    );
    let error = Document::parse(deep.as_bytes()).unwrap_err();
    assert!(matches!(error, XliffError::Limit { .. }), "{error}");

    let huge = format!("<xliff version=\"1.2\" x=\"{}\"/>", "a".repeat(2 << 20));
    assert!(matches!(
        Document::parse(huge.as_bytes()).unwrap_err(),
        XliffError::Limit { .. }
    ));
    let limits = Limits::default().with(Limit::TextBytes, 10);
    let long_text = "<xliff version=\"1.2\">a long run of text</xliff>";
    assert!(matches!(
        Document::parse_with_limits(long_text.as_bytes(), limits).unwrap_err(),
        XliffError::Limit { .. }
    ));
}

#[test]
fn the_end_of_a_cdata_section_is_refused_in_text() {
    // Found by the xliff_read fuzz target: "]]>" is not allowed in character data, and
    // accepting it made the writer escape the ">" on the way out.
    let text = "<xliff version=\"1.2\">\n<t>eins]]>zwei</t></xliff>";
    let error = Document::parse(text.as_bytes()).unwrap_err();
    assert_eq!(error.position().unwrap().line, 2, "{error}");
}

#[test]
fn malformed_input_reports_line_and_column() {
    let text = "<xliff version=\"1.2\">\n  <file>\n    <body></file>\n</xliff>";
    let error = Document::parse(text.as_bytes()).unwrap_err();
    let position = error.position().unwrap();
    assert_eq!(position.line, 3, "{error}");
    let not_utf8 = b"<xliff version=\"1.2\">\n<a>\xff</a></xliff>";
    let error = Document::parse(not_utf8).unwrap_err();
    assert_eq!(error.position().unwrap().line, 2, "{error}");
    // A prefix without a declaration is read (tools write such files) and reported by the
    // validator with its position; the file comes back as it was.
    let undeclared_prefix = "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:1.2\" version=\"1.2\">\n <file original=\"a\" source-language=\"de\" datatype=\"plaintext\"><body><trans-unit id=\"1\" p:x=\"1\"><source>Hallo</source></trans-unit></body></file></xliff>";
    let document = Document::parse(undeclared_prefix.as_bytes()).unwrap();
    assert_eq!(document.to_bytes(), undeclared_prefix.as_bytes());
    let findings = werkbank_xliff::validate::validate(&document);
    let finding = findings
        .iter()
        .find(|f| f.rule == "xml/namespace-prefix")
        .unwrap();
    assert_eq!((finding.position.line, finding.position.column), (2, 69));
}

fn text_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zäöüß ]{0,8}".prop_map(|s| s),
        Just("&amp;".to_string()),
        Just("&lt;".to_string()),
        Just("&#xE4;".to_string()),
        Just("\r\n".to_string()),
        Just("<![CDATA[a<b]]>".to_string()),
        Just("<!-- c -->".to_string()),
        Just("<?pi x?>".to_string()),
        Just("<g id='1'>fett</g>".to_string()),
        Just("<x id=\"2\" />".to_string()),
        Just("<bpt id=\"3\">&lt;b></bpt>x<ept id=\"3\">&lt;/b></ept>".to_string()),
    ]
}

fn document_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        (proptest::collection::vec(text_piece(), 0..6), "[ \t\n]{0,3}"),
        1..5,
    )
    .prop_map(|units| {
        let mut text = String::from(
            "<?xml version='1.0'?>\n<xliff xmlns=\"urn:oasis:names:tc:xliff:document:1.2\" version=\"1.2\">\n<file original=\"a\" source-language=\"de\" datatype=\"plaintext\"><body>",
        );
        for (index, (pieces, space)) in units.iter().enumerate() {
            text.push_str(&format!(
                "{space}<trans-unit id=\"{index}\"  ><source>{}</source></trans-unit >",
                pieces.concat()
            ));
        }
        text.push_str("</body></file></xliff>");
        text
    })
}

proptest! {
    #[test]
    fn read_write_read_is_identity(text in document_text()) {
        let document = Document::parse(text.as_bytes()).unwrap();
        prop_assert_eq!(document.to_bytes(), text.as_bytes());
        let units = document.units().unwrap();
        let regenerated = document.to_text(WriteMode::Regenerate);
        let again = Document::parse(regenerated.as_bytes()).unwrap();
        let parts = |units: &[werkbank_xliff::Unit]| -> Vec<_> {
            units.iter().map(|u| (u.id.clone(), u.parts.clone(), u.notes.clone())).collect()
        };
        prop_assert_eq!(parts(&again.units().unwrap()), parts(&units));
        let mut through_model = document.clone();
        through_model.rewrite_from_model().unwrap();
        let reread = Document::parse(&through_model.to_bytes()).unwrap();
        let a: Vec<_> = units.iter().map(|u| u.parts.clone()).collect();
        let b: Vec<_> = reread.units().unwrap().iter().map(|u| u.parts.clone()).collect();
        prop_assert_eq!(a, b);
    }
}

#[test]
fn a_doctype_without_entity_declarations_is_kept_and_never_fetched() {
    // A public identifier pointing nowhere reachable: nothing is fetched, and the declaration
    // comes back byte for byte.
    for text in [
        "<?xml version=\"1.0\"?>\n<!DOCTYPE xliff>\n<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\"><file original=\"a\" source-language=\"de\" datatype=\"plaintext\"><body/></file></xliff>\n",
        "<!DOCTYPE xliff PUBLIC \"-//XLIFF//DTD XLIFF//EN\" \"http://example.invalid/xliff.dtd\">\n<xliff version=\"1.0\"><file original=\"a\" source-language=\"de\" datatype=\"plaintext\"><body><trans-unit id=\"1\"><source>Hallo</source></trans-unit></body></file></xliff>",
        "<!DOCTYPE xliff SYSTEM \"xliff.dtd\" [\n  <!-- a comment -->\n  <!ELEMENT note (#PCDATA)>\n]><xliff version=\"1.1\" xmlns=\"urn:oasis:names:tc:xliff:document:1.1\"><file original=\"a\" source-language=\"de\" datatype=\"plaintext\"><body/></file></xliff>",
    ] {
        let document = Document::parse(text.as_bytes()).unwrap();
        assert_eq!(document.to_bytes(), text.as_bytes());
    }
    let late = "<xliff version=\"1.2\"/><!DOCTYPE xliff>";
    assert!(Document::parse(late.as_bytes()).is_err());
}

#[test]
fn characters_xml_forbids_are_refused_raw_and_as_references() {
    let document = |source: &str| {
        format!(
            "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.1\" srcLang=\"de\">\n<file id=\"f\"><unit id=\"u\"><segment><source>{source}</source></segment></unit></file></xliff>"
        )
    };
    for source in [
        "A\u{1}B",
        "A&#1;B",
        "A&#x1F;B",
        "A\u{FFFE}",
        "A&#xFFFF;",
        "<ph id=\"1\" disp=\"&#8;\"/>",
    ] {
        let error = Document::parse(document(source).as_bytes()).unwrap_err();
        assert!(
            matches!(error, XliffError::Malformed { .. }),
            "{source:?}: {error}"
        );
        assert_eq!(error.position().unwrap().line, 2, "{source:?}");
        assert!(
            error.to_string().contains("is not allowed in XML"),
            "{error}"
        );
    }
    // Tab, line feed and carriage return are allowed, and XLIFF 2 carries the others as <cp>.
    let fine = Document::parse(document("A\tB&#13;<cp hex=\"0001\"/>").as_bytes()).unwrap();
    let units = fine.units().unwrap();
    assert_eq!(units[0].parts[0].segment.source.plain_text(), "A\tB\r\u{1}");
    let regenerated = fine.to_text(WriteMode::Regenerate);
    assert!(!regenerated.contains('\u{1}'), "{regenerated}");
}

#[test]
fn a_unit_with_too_many_elements_is_a_limit_error() {
    let codes = "<ph id=\"1\"/>".repeat(100_001);
    let text = format!(
        "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.1\" srcLang=\"de\"><file id=\"f\"><unit id=\"u\"><segment><source>{codes}</source></segment></unit></file></xliff>"
    );
    let error = Document::parse(text.as_bytes()).unwrap_err();
    assert!(matches!(error, XliffError::Limit { .. }), "{error}");
    assert!(
        matches!(error, XliffError::Limit { exceeded, .. } if exceeded.limit == Limit::UnitElements),
        "{error}"
    );
    assert!(
        error
            .to_string()
            .contains("elements per unit 100001 (limit 100000)"),
        "{error}"
    );
    let streamed =
        werkbank_xliff::stream::read_units(text.as_bytes(), &mut |_, _| Ok(())).unwrap_err();
    assert_eq!(streamed.to_string(), error.to_string());
    let limits = Limits::default().with(Limit::Elements, 10);
    let small = "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.1\" srcLang=\"de\"><file id=\"f\"><unit id=\"u\"><segment><source>x</source></segment></unit><unit id=\"v\"><segment><source>x</source></segment></unit><unit id=\"w\"><segment><source>x</source></segment></unit></file></xliff>";
    let error = Document::parse_with_limits(small.as_bytes(), limits).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("elements per document 11 (limit 10)"),
        "{error}"
    );
}
