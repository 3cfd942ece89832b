//! TMX reading and writing on files written for these tests: a snapshot of what the writer
//! produces, encodings and language attributes, and read → write → read identity.

use proptest::prelude::*;
use werkbank_model::{CodeKind, Content, InlineCode, TranslationUnit};
use werkbank_tm::tmx::{TmxHeader, TmxReader, TmxUnit, TmxWriter};

fn read_all(bytes: &[u8]) -> Vec<TmxUnit> {
    TmxReader::new(bytes)
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn write_all(units: &[TmxUnit]) -> Vec<u8> {
    let mut writer = TmxWriter::new(Vec::new(), &TmxHeader::for_source_language("de-DE")).unwrap();
    for unit in units {
        writer.write_unit(unit).unwrap();
    }
    writer.finish().unwrap()
}

fn sample_unit() -> TranslationUnit {
    let mut source = Content::from_text("Klicken Sie auf ");
    source.push_code(
        InlineCode::opening("1")
            .with_data("<b>")
            .with_element("bpt"),
    );
    source.push_text("Speichern");
    source.push_code(
        InlineCode::closing("1")
            .with_data("</b>")
            .with_element("ept"),
    );
    source.push_text(" & warten Sie\u{1}.");
    source.push_code(
        InlineCode::standalone("2")
            .with_data("<br/>")
            .with_element("ph"),
    );
    let mut target = Content::from_text("Click ");
    target.push_code(
        InlineCode::opening("1")
            .with_data("<b>")
            .with_element("bpt"),
    );
    target.push_text("Save");
    target.push_code(
        InlineCode::closing("1")
            .with_data("</b>")
            .with_element("ept"),
    );
    target.push_text(" and wait.");
    let mut unit = TranslationUnit::new(
        "de-DE".parse().unwrap(),
        "en-GB".parse().unwrap(),
        source,
        target,
    );
    unit.context.previous = Some("Datei geändert.".into());
    unit.metadata.creator = Some("werkbank-test".into());
    unit.metadata.created = Some("20261125T120000Z".into());
    unit.metadata
        .properties
        .push(("x-project".into(), "Handbuch".into()));
    unit
}

#[test]
fn writer_output() {
    let bytes = write_all(&[TmxUnit::from_translation_unit(&sample_unit())]);
    insta::assert_snapshot!(String::from_utf8(bytes).unwrap());
}

#[test]
fn translation_units_survive_writing_and_reading() {
    let unit = sample_unit();
    let bytes = write_all(&[TmxUnit::from_translation_unit(&unit)]);
    let back = read_all(&bytes);
    let back = back[0]
        .to_translation_unit(&"de".parse().unwrap(), &"en".parse().unwrap())
        .unwrap();
    assert_eq!(back, unit);
    assert_eq!(
        back.source.plain_text(),
        "Klicken Sie auf Speichern & warten Sie\u{1}."
    );
}

#[test]
fn utf16_in_both_byte_orders_and_tmx_1_1_lang() {
    let text = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><tmx version=\"1.1\"><header srclang=\"DE\"/><body>\
        <tu><tuv lang=\"DE\"><seg>Grüße</seg></tuv><tuv lang=\"EN\"><seg>Greetings</seg></tuv></tu></body></tmx>";
    let mut little = vec![0xFF, 0xFE];
    little.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let mut big = vec![0xFE, 0xFF];
    big.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    for bytes in [little, big] {
        let units = read_all(&bytes);
        let unit = units[0]
            .to_translation_unit(&"de-DE".parse().unwrap(), &"en".parse().unwrap())
            .unwrap();
        assert_eq!(unit.source.plain_text(), "Grüße");
        assert_eq!(unit.target.plain_text(), "Greetings");
    }
}

#[test]
fn inline_elements_map_to_codes() {
    let tmx = r#"<tmx version="1.4"><header srclang="de"/><body><tu><tuv xml:lang="de"><seg>A<it pos="begin" x="1">&lt;i&gt;</it>B<hi x="2" type="x-term">C</hi><ut>{\b}</ut><ph>%s</ph></seg></tuv></tu></body></tmx>"#;
    let units = read_all(tmx.as_bytes());
    let content = &units[0].variants[0].content;
    assert_eq!(content.plain_text(), "ABC");
    let kinds: Vec<(CodeKind, bool, Option<&str>)> = content
        .codes()
        .iter()
        .map(|c| (c.code.kind, c.code.isolated, c.code.element.as_deref()))
        .collect();
    assert_eq!(
        kinds,
        [
            (CodeKind::Opening, true, Some("it")),
            (CodeKind::Opening, false, Some("hi")),
            (CodeKind::Closing, false, Some("hi")),
            (CodeKind::Standalone, false, Some("ut")),
            (CodeKind::Standalone, false, Some("ph")),
        ]
    );
    assert_eq!(read_all(&write_all(&units)), units);
}

#[test]
fn malformed_tmx_names_line_and_column() {
    let broken = "<tmx version=\"1.4\">\n<header srclang=\"de\"/>\n<body>\n<tu><tuv xml:lang=\"de\"><seg>a</tuv></tu>\n</body></tmx>";
    let error = TmxReader::new(broken.as_bytes())
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap_err()
        .to_string();
    assert!(error.starts_with("4:"), "{error}");
    let not_tmx = TmxReader::new("<xliff/>".as_bytes())
        .unwrap_err()
        .to_string();
    assert!(not_tmx.contains("expected <tmx>"), "{not_tmx}");
}

fn arbitrary_content() -> impl Strategy<Value = Content> {
    let piece = prop_oneof![
        "[a-zäöü &<>\"'.,\u{1}\u{b}]{0,8}".prop_map(Some),
        Just(None),
    ];
    prop::collection::vec((piece, 0u8..3), 0..6).prop_map(|pieces| {
        let mut content = Content::new();
        let mut open = 0u32;
        for (index, (text, code)) in pieces.into_iter().enumerate() {
            if let Some(text) = text {
                content.push_text(&text);
            }
            match code {
                0 if open == 0 => {
                    open = index as u32 + 1;
                    content.push_code(
                        InlineCode::opening(open.to_string())
                            .with_data("<b>")
                            .with_element("bpt"),
                    );
                }
                0 => {
                    content.push_code(
                        InlineCode::closing(open.to_string())
                            .with_data("</b>")
                            .with_element("ept"),
                    );
                    open = 0;
                }
                1 => content.push_code(
                    InlineCode::standalone((index + 100).to_string())
                        .with_data("{0}")
                        .with_element("ph"),
                ),
                _ => {}
            }
        }
        if open != 0 {
            content.push_code(
                InlineCode::closing(open.to_string())
                    .with_data("</b>")
                    .with_element("ept"),
            );
        }
        content
    })
}

proptest! {
    #[test]
    fn read_write_read_is_identity(source in arbitrary_content(), target in arbitrary_content()) {
        let unit = TranslationUnit::new("de".parse().unwrap(), "en".parse().unwrap(), source, target);
        let first = read_all(&write_all(&[TmxUnit::from_translation_unit(&unit)]));
        let second = read_all(&write_all(&first));
        prop_assert_eq!(&first, &second);
        let back = first[0].to_translation_unit(&"de".parse().unwrap(), &"en".parse().unwrap()).unwrap();
        prop_assert_eq!(back, unit);
    }
}

fn first_error(bytes: &[u8], limits: werkbank_model::Limits) -> werkbank_tm::TmError {
    match TmxReader::with_limits(bytes, limits) {
        Err(error) => error,
        Ok(reader) => reader
            .filter_map(Result::err)
            .next()
            .expect("the file should be refused"),
    }
}

fn limit_of(error: &werkbank_tm::TmError) -> Option<werkbank_model::Limit> {
    match error {
        werkbank_tm::TmError::Limit { exceeded, .. } => Some(exceeded.limit),
        _ => None,
    }
}

const HEAD: &str = r#"<tmx version="1.4"><header srclang="de" segtype="sentence"/><body>"#;

#[test]
fn hostile_tmx_files_meet_the_limits() {
    use werkbank_model::{Limit, Limits};
    // Nested a million deep: refused at the depth limit, long before the end.
    let deep = format!(
        "{HEAD}<tu><tuv xml:lang=\"de\"><seg>{}",
        "<hi>".repeat(1_000_000)
    );
    let error = first_error(deep.as_bytes(), Limits::default());
    assert_eq!(limit_of(&error), Some(Limit::Depth), "{error}");

    // One huge run of text is refused before it is buffered (here with a small limit).
    let long = format!(
        "{HEAD}<tu><tuv xml:lang=\"de\"><seg>{}</seg></tuv></tu></body></tmx>",
        "a".repeat(5000)
    );
    let error = first_error(
        long.as_bytes(),
        Limits::default().with(Limit::TextBytes, 1000),
    );
    assert_eq!(limit_of(&error), Some(Limit::TextBytes), "{error}");
    // The text of one segment has its own limit.
    let error = first_error(
        long.as_bytes(),
        Limits::default().with(Limit::SegmentBytes, 1000),
    );
    assert_eq!(limit_of(&error), Some(Limit::SegmentBytes), "{error}");
    assert!(error.to_string().contains("segment text bytes"), "{error}");

    // Elements in one unit.
    let codes = format!(
        "{HEAD}<tu><tuv xml:lang=\"de\"><seg>{}</seg></tuv></tu></body></tmx>",
        "<ph x=\"1\"/>".repeat(200)
    );
    let error = first_error(
        codes.as_bytes(),
        Limits::default().with(Limit::UnitElements, 100),
    );
    assert_eq!(limit_of(&error), Some(Limit::UnitElements), "{error}");
    // ... counted per unit: many small units are fine.
    let many = format!(
        "{HEAD}{}</body></tmx>",
        "<tu><tuv xml:lang=\"de\"><seg>a<ph x=\"1\"/></seg></tuv></tu>".repeat(500)
    );
    let read = TmxReader::with_limits(
        many.as_bytes(),
        Limits::default().with(Limit::UnitElements, 10),
    )
    .unwrap()
    .collect::<Result<Vec<_>, _>>()
    .unwrap();
    assert_eq!(read.len(), 500);
}

#[test]
fn a_declared_encoding_is_read_and_errors_are_printable() {
    // ISO-8859-1 bytes for "Größe".
    let mut latin1 = br#"<?xml version="1.0" encoding="ISO-8859-1"?>
<tmx version="1.4"><header srclang="de" segtype="sentence"/><body><tu><tuv xml:lang="de"><seg>Gr"#
        .to_vec();
    latin1.extend_from_slice(&[0xF6, 0xDF, b'e']);
    latin1.extend_from_slice(b"</seg></tuv></tu></body></tmx>");
    let units = read_all(&latin1);
    assert_eq!(units[0].variants[0].content.plain_text(), "Größe");

    // A NUL byte in a broken tag does not reach the message raw.
    let broken = format!("{HEAD}<tu\u{0}x></body></tmx>");
    let error = first_error(broken.as_bytes(), werkbank_model::Limits::default());
    let message = error.to_string();
    assert!(!message.contains('\u{0}'), "{message:?}");
}
