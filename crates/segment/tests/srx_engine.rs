//! The SRX engine on rule files written for these tests.

use werkbank_segment::srx::SrxDocument;
use werkbank_segment::{SegmentError, Segmenter};

fn srx(header: &str, rules: &str, maps: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<srx xmlns="http://www.lisa.org/srx20" version="2.0">
  <header {header}/>
  <body>
    <languagerules>
{rules}
    </languagerules>
    <maprules>
{maps}
    </maprules>
  </body>
</srx>"#
    )
}

fn segments(srx_text: &str, language: &str, text: &str) -> Vec<String> {
    let segmenter = Segmenter::from_srx(srx_text, language).unwrap();
    segmenter.segments(text).map(str::to_string).collect()
}

const GERMAN: &str = r#"      <languagerule languagerulename="Deutsch">
        <rule break="no"><beforebreak>\b(z)\.\s(B)\.</beforebreak><afterbreak>\s</afterbreak></rule>
        <rule break="no"><beforebreak>\b(z)\.</beforebreak><afterbreak>\s\p{Lu}\.</afterbreak></rule>
        <rule break="no"><beforebreak>\b(ca|Nr)\.</beforebreak><afterbreak>\s</afterbreak></rule>
        <rule break="yes"><beforebreak>[.!?]["»“]?</beforebreak><afterbreak>\s+\p{Lu}</afterbreak></rule>
      </languagerule>"#;

#[test]
fn capturing_groups_do_not_move_the_break() {
    let rules = srx(
        r#"segmentsubflows="yes" cascade="no""#,
        GERMAN,
        r#"<languagemap languagepattern="de.*" languagerulename="Deutsch"/>"#,
    );
    assert_eq!(
        segments(
            &rules,
            "de",
            "Wir nehmen z. B. Äpfel mit. Es sind ca. Zehn. Fertig!"
        ),
        [
            "Wir nehmen z. B. Äpfel mit.",
            "Es sind ca. Zehn.",
            "Fertig!"
        ]
    );
}

#[test]
fn first_matching_rule_decides() {
    let rules = r#"      <languagerule languagerulename="R">
        <rule break="yes"><beforebreak>\bDr\.</beforebreak><afterbreak>\s</afterbreak></rule>
        <rule break="no"><beforebreak>\bDr\.</beforebreak><afterbreak>\s</afterbreak></rule>
        <rule break="no"><beforebreak>\bProf\.</beforebreak><afterbreak>\s</afterbreak></rule>
        <rule break="yes"><beforebreak>\.</beforebreak><afterbreak>\s</afterbreak></rule>
      </languagerule>"#;
    let document = srx(
        r#"cascade="no""#,
        rules,
        r#"<languagemap languagepattern=".*" languagerulename="R"/>"#,
    );
    assert_eq!(
        segments(&document, "de", "Ein Dr. Lang und ein Prof. Kurz."),
        ["Ein Dr.", "Lang und ein Prof. Kurz."]
    );
}

#[test]
fn cascade_chains_every_matching_map() {
    let rules = r#"      <languagerule languagerulename="Specific">
        <rule break="no"><beforebreak>\bca\.</beforebreak><afterbreak>\s</afterbreak></rule>
      </languagerule>
      <languagerule languagerulename="General">
        <rule break="yes"><beforebreak>\.</beforebreak><afterbreak>\s</afterbreak></rule>
      </languagerule>"#;
    let maps = r#"<languagemap languagepattern="de.*" languagerulename="Specific"/>
      <languagemap languagepattern=".*" languagerulename="General"/>"#;
    let text = "Es dauert ca. zehn Minuten. Dann geht es los.";
    let cascading = srx(r#"cascade="yes""#, rules, maps);
    assert_eq!(
        segments(&cascading, "de-DE", text),
        ["Es dauert ca. zehn Minuten.", "Dann geht es los."]
    );
    // Without cascade only the first matching map applies: "Specific" has no break rule at all.
    let single = srx(r#"cascade="no""#, rules, maps);
    assert_eq!(segments(&single, "de", text), [text]);
    // English only reaches the general rules.
    assert_eq!(segments(&cascading, "en", text).len(), 3);
}

#[test]
fn java_constructs_load_and_work() {
    let rules = r#"      <languagerule languagerulename="J">
        <rule break="no"><beforebreak>(?U)\b\QDr.\E</beforebreak><afterbreak>\h</afterbreak></rule>
        <rule break="no"><beforebreak>(?&lt;=\bNr)\.</beforebreak><afterbreak>\s\d</afterbreak></rule>
        <rule break="no"><beforebreak>\p{javaUpperCase}\.</beforebreak><afterbreak>\s</afterbreak></rule>
        <rule break="yes"><beforebreak>\p{Punct}++</beforebreak><afterbreak>[\h\v]+</afterbreak></rule>
      </languagerule>"#;
    let document = srx(
        r#"cascade="no""#,
        rules,
        r#"<languagemap languagepattern="(?i)DE.*" languagerulename="J"/>"#,
    );
    assert_eq!(
        segments(
            &document,
            "de",
            "Bei Dr. Kim liegt Akte Nr. 4 bereit. Sie ist von A. Berg! Gut."
        ),
        [
            "Bei Dr. Kim liegt Akte Nr. 4 bereit.",
            "Sie ist von A. Berg!",
            "Gut."
        ]
    );
}

#[test]
fn header_flags_and_format_handles_are_read() {
    let text = r#"<srx xmlns="http://www.lisa.org/srx20" version="2.0">
  <header segmentsubflows="no" cascade="yes">
    <formathandle type="start" include="yes"/>
    <formathandle type="end" include="no"/>
    <formathandle type="isolated" include="yes"/>
  </header>
  <body><languagerules><languagerule languagerulename="x"/></languagerules>
  <maprules><languagemap languagepattern=".*" languagerulename="x"/></maprules></body></srx>"#;
    let document = SrxDocument::parse(text).unwrap();
    assert!(!document.segment_subflows);
    assert!(document.cascade);
    assert!(document.format_handling.start_included);
    assert!(!document.format_handling.end_included);
    assert!(document.format_handling.isolated_included);
}

#[test]
fn malformed_xml_reports_line_and_column() {
    let broken = "<srx version=\"2.0\">\n  <header cascade=\"no\">\n  </body>\n</srx>";
    let err = Segmenter::from_srx(broken, "de").unwrap_err();
    match &err {
        SegmentError::SrxSyntax { position, .. } => assert_eq!(position.line, 3, "{err}"),
        other => panic!("unexpected error {other}"),
    }
    assert!(err.to_string().starts_with("SRX 3:"), "{err}");
    let not_srx = Segmenter::from_srx("<rules/>", "de").unwrap_err();
    assert!(not_srx.to_string().contains("expected <srx>"), "{not_srx}");
}

#[test]
fn a_bad_pattern_names_the_rule_and_the_pattern() {
    let rules = r#"      <languagerule languagerulename="Kaputt">
        <rule break="no"><beforebreak>\bca\.</beforebreak><afterbreak>\s</afterbreak></rule>
        <rule break="yes"><beforebreak>[.!?</beforebreak><afterbreak>\s</afterbreak></rule>
      </languagerule>"#;
    let document = srx(
        r#"cascade="no""#,
        rules,
        r#"<languagemap languagepattern=".*" languagerulename="Kaputt"/>"#,
    );
    let err = Segmenter::from_srx(&document, "de")
        .unwrap_err()
        .to_string();
    assert!(err.contains("rule 2"), "{err}");
    assert!(err.contains("\"Kaputt\""), "{err}");
    assert!(err.contains("beforebreak pattern \"[.!?\""), "{err}");
    assert!(err.contains("SRX 8:"), "{err}");

    let unsupported = srx(
        r#"cascade="no""#,
        r#"<languagerule languagerulename="G"><rule><beforebreak>\G\.</beforebreak></rule></languagerule>"#,
        r#"<languagemap languagepattern=".*" languagerulename="G"/>"#,
    );
    let err = Segmenter::from_srx(&unsupported, "de")
        .unwrap_err()
        .to_string();
    assert!(err.contains("\\G has no equivalent"), "{err}");
}

#[test]
fn an_undefined_rule_name_and_an_unmapped_language_are_errors() {
    let document = srx(
        r#"cascade="no""#,
        GERMAN,
        r#"<languagemap languagepattern="fr" languagerulename="Francais"/>"#,
    );
    let err = Segmenter::from_srx(&document, "fr")
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("undefined language rule \"Francais\""),
        "{err}"
    );
    let document = srx(
        r#"cascade="no""#,
        GERMAN,
        r#"<languagemap languagepattern="de" languagerulename="Deutsch"/>"#,
    );
    let err = Segmenter::from_srx(&document, "fr")
        .unwrap_err()
        .to_string();
    assert!(err.contains("no languagemap"), "{err}");
}

#[test]
fn a_pathological_pattern_gets_a_bounded_error() {
    // Catastrophic backtracking that only fancy-regex would attempt: it must stop, not hang.
    let rules = r#"<languagerule languagerulename="Slow">
        <rule break="yes"><beforebreak>(a|aa)+\1b</beforebreak><afterbreak>\s</afterbreak></rule>
      </languagerule>"#;
    let document = srx(
        r#"cascade="no""#,
        rules,
        r#"<languagemap languagepattern=".*" languagerulename="Slow"/>"#,
    );
    let segmenter = Segmenter::from_srx(&document, "de").unwrap();
    let text = format!("{} c", "a".repeat(200));
    match segmenter.split(&text) {
        Err(SegmentError::MatchBudget { rule, .. }) => assert_eq!(rule, 1),
        other => panic!("expected a match budget error, got {other:?}"),
    }
}

#[test]
fn a_long_one_line_srx_file_reads_and_positions_stay_right() {
    use werkbank_segment::srx::SrxDocument;
    // 20,000 rules on one line: positions are counted on along the line, not from its start
    // each time, and the last rule's column is still right.
    let rule =
        r#"<rule break="no"><beforebreak>\bDr\.</beforebreak><afterbreak>\s</afterbreak></rule>"#;
    let head = r#"<srx xmlns="http://www.lisa.org/srx20" version="2.0"><header segmentsubflows="yes" cascade="no"/><body><languagerules><languagerule languagerulename="x">"#;
    let text = format!(
        "{head}{}</languagerule></languagerules><maprules><languagemap languagepattern=\".*\" languagerulename=\"x\"/></maprules></body></srx>",
        rule.repeat(20_000)
    );
    let document = SrxDocument::parse(&text).unwrap();
    let rules = &document.language_rules[0].rules;
    assert_eq!(rules.len(), 20_000);
    let last = rules.last().unwrap().position;
    assert_eq!(last.line, 1);
    assert_eq!(
        last.column,
        head.chars().count() + 19_999 * rule.chars().count() + 1
    );
}

#[test]
fn srx_files_meet_the_limits() {
    use werkbank_model::{Limit, Limits};
    use werkbank_segment::srx::SrxDocument;
    use werkbank_segment::SegmentError;
    let deep = format!("<srx version=\"2.0\">{}", "<x>".repeat(1000));
    match SrxDocument::parse(&deep).unwrap_err() {
        SegmentError::Limit { exceeded, .. } => assert_eq!(exceeded.limit, Limit::Depth),
        other => panic!("{other}"),
    }
    let long = format!(
        "<srx version=\"2.0\"><body><languagerules><languagerule languagerulename=\"x\"><rule><beforebreak>{}</beforebreak></rule></languagerule></languagerules></body></srx>",
        "a".repeat(5000)
    );
    let error =
        SrxDocument::parse_with_limits(&long, Limits::default().with(Limit::TextBytes, 100))
            .unwrap_err();
    assert!(
        error.to_string().contains("character data bytes"),
        "{error}"
    );
}
