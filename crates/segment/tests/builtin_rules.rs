//! The built-in rules against cases written for this project, one file of data, one harness.

use werkbank_segment::Segmenter;

#[derive(serde::Deserialize)]
struct Case {
    language: String,
    family: String,
    input: String,
    expected: Vec<String>,
}

#[test]
fn builtin_rules_pass_the_project_cases() {
    let cases: Vec<Case> =
        serde_json::from_str(include_str!("data/builtin_cases.json")).expect("valid case file");
    let mut failures = Vec::new();
    for case in &cases {
        let segmenter = Segmenter::builtin(&case.language.parse().unwrap()).unwrap();
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
