//! The built-in rules against cases written for this project, one file of data, one harness.

use werkbank_segment::{Segmenter, SegmenterOptions};

#[derive(serde::Deserialize)]
struct Case {
    language: String,
    family: String,
    input: String,
    expected: Vec<String>,
    /// Segment with `SegmenterOptions::keep_quotations`.
    #[serde(default)]
    keep_quotations: bool,
}

#[test]
fn builtin_rules_pass_the_project_cases() {
    let cases: Vec<Case> =
        serde_json::from_str(include_str!("data/builtin_cases.json")).expect("valid case file");
    let mut failures = Vec::new();
    for case in &cases {
        let options = SegmenterOptions::default().keep_quotations(case.keep_quotations);
        let segmenter = Segmenter::builtin_with(&case.language.parse().unwrap(), &options).unwrap();
        let got: Vec<&str> = segmenter.segments(&case.input).collect();
        if got != case.expected {
            failures.push(format!(
                "[{} / {}] {:?}\n   expected {:?}\n   got      {:?}",
                case.language, case.family, case.input, case.expected, got
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases fail:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn paragraphs_are_counted_at_blank_lines() {
    let text = "Titel\n\n\nErster Satz. Zweiter Satz.\nDritte Zeile.\n \nSchluss.";
    let segmenter = Segmenter::builtin(&"de".parse().unwrap()).unwrap();
    let spans = segmenter.split(text).unwrap();
    let found: Vec<(&str, usize)> = spans.iter().map(|s| (s.text(text), s.paragraph)).collect();
    assert_eq!(
        found,
        [
            ("Titel", 0),
            ("Erster Satz.", 1),
            ("Zweiter Satz.", 1),
            ("Dritte Zeile.", 1),
            ("Schluss.", 2)
        ]
    );
}

#[test]
fn unsupported_languages_are_an_error() {
    let err = Segmenter::builtin(&"fr".parse().unwrap()).unwrap_err();
    assert!(err.to_string().contains("\"fr\""), "{err}");
}

#[test]
fn invalid_utf8_names_its_offset() {
    let segmenter = Segmenter::builtin(&"de".parse().unwrap()).unwrap();
    let err = segmenter
        .split_bytes(b"Gut. Schlecht \xff hier.")
        .unwrap_err();
    assert_eq!(err.to_string(), "input is not valid UTF-8 at byte 14");
}

#[test]
fn reader_and_string_agree() {
    let text =
        "Erster Absatz. Noch ein Satz.\n\nZweiter Absatz mit z. B. Abkürzung.\r\nLetzte Zeile!";
    let segmenter = Segmenter::builtin(&"de".parse().unwrap()).unwrap();
    let whole = segmenter.split(text).unwrap();
    let mut streamed = Vec::new();
    segmenter
        .split_reader(text.as_bytes(), |_, span| {
            streamed.push(span);
            Ok::<(), werkbank_segment::SegmentError>(())
        })
        .unwrap();
    assert_eq!(whole, streamed);
}

#[test]
fn a_dot_chain_after_a_word_never_loses_text() {
    // Found by the segment_text fuzz target: ". . . ." handling once skipped a dot into a gap.
    let text = "\n\0/ .. .\0.. . .' FFFFFFFF.( ";
    for language in ["de", "en"] {
        let segmenter = Segmenter::builtin(&language.parse().unwrap()).unwrap();
        let spans = segmenter.split(text).unwrap();
        let mut at = 0;
        for span in &spans {
            assert!(
                text[at..span.start].chars().all(char::is_whitespace),
                "{spans:?}"
            );
            at = span.end;
        }
    }
}

#[test]
fn abbreviations_from_a_list_keep_the_sentence_together() {
    let de = "de".parse().unwrap();
    let text = "Siehe Verkn. Hauptleitung. Wir liefern es aus.";
    let plain: Vec<&str> = Segmenter::builtin(&de).unwrap().segments(text).collect();
    assert_eq!(
        plain,
        ["Siehe Verkn.", "Hauptleitung.", "Wir liefern es aus."]
    );
    let options = SegmenterOptions::default().with_abbreviation_list("# our list\nVerkn.\n\n");
    let segmenter = Segmenter::builtin_with(&de, &options).unwrap();
    let got: Vec<&str> = segmenter.segments(text).collect();
    assert_eq!(got, ["Siehe Verkn. Hauptleitung.", "Wir liefern es aus."]);
    // The same list through an SRX file's rules.
    let srx = r#"<srx xmlns="http://www.lisa.org/srx20" version="2.0"><header segmentsubflows="yes" cascade="no"/><body><languagerules><languagerule languagerulename="de"><rule break="yes"><beforebreak>\.</beforebreak><afterbreak>\s</afterbreak></rule></languagerule></languagerules><maprules><languagemap languagepattern="de.*" languagerulename="de"/></maprules></body></srx>"#;
    let srx_segmenter = Segmenter::from_srx_with(srx, "de", &options).unwrap();
    let got: Vec<&str> = srx_segmenter.segments(text).collect();
    assert_eq!(got, ["Siehe Verkn. Hauptleitung.", "Wir liefern es aus."]);
}
