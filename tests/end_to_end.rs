//! The main job end to end on the project's own data (`examples/data`): German text → XLIFF →
//! pre-translated from a TMX → merged into the English document → learnt by the memory, so the
//! same text gets in-context matches the next time.

use werkbank::job::create::{create_document, CreateOptions};
use werkbank::job::merge::Merged;
use werkbank::job::pretranslate::{
    Outcome, PretranslateOptions, PretranslateSummary, SegmentReport,
};
use werkbank::job::JobError;
use werkbank::model::{Content, InlineCode, ProposalKind, SegmentState, TranslationUnit};
use werkbank::segment::Segmenter;
use werkbank::tm::tmx::TmxReader;
use werkbank::tm::{InMemoryStore, Memory};
use werkbank::xliff::validate::validate;
use werkbank::xliff::{Document, Version};

/// Every segment's report and the summary of one pre-translation.
#[derive(Debug)]
struct PretranslateReport {
    segments: Vec<SegmentReport>,
    summary: PretranslateSummary,
}

impl PretranslateReport {
    fn filled(&self, kind: ProposalKind) -> usize {
        self.summary.filled(kind)
    }

    fn count(&self, wanted: impl Fn(Outcome) -> bool) -> usize {
        self.segments.iter().filter(|s| wanted(s.outcome)).count()
    }
}

/// Pre-translates `document` (written out, read a unit at a time, and read back).
fn pretranslate(
    document: &mut Document,
    source: &dyn werkbank::model::MatchSource,
    options: &PretranslateOptions,
) -> Result<PretranslateReport, JobError> {
    let mut written = Vec::new();
    let mut segments = Vec::new();
    let summary = werkbank::job::pretranslate::pretranslate(
        &document.to_bytes()[..],
        &mut written,
        source,
        options,
        &mut |segment| segments.push(segment.clone()),
    )?;
    *document = Document::parse(&written)?;
    Ok(PretranslateReport { segments, summary })
}

/// The translation units of a translated document.
fn translation_units(document: &Document) -> Result<Vec<TranslationUnit>, JobError> {
    werkbank::job::learn::translation_units(&document.to_bytes()[..])
}

/// The merged document and what the merge said.
fn merge(document: &Document) -> Result<(String, Merged), JobError> {
    let mut text = Vec::new();
    let merged = werkbank::job::merge::merge(&document.to_bytes()[..], &mut text)?;
    Ok((String::from_utf8(text).unwrap(), merged))
}

const TEXT: &str = include_str!("../examples/data/wasserkocher.txt");
const TMX: &str = include_str!("../examples/data/memory.tmx");

fn memory() -> Memory<InMemoryStore> {
    let (de, en) = ("de".parse().unwrap(), "en".parse().unwrap());
    let units: Vec<TranslationUnit> = TmxReader::new(TMX.as_bytes())
        .unwrap()
        .map(|unit| unit.unwrap().to_translation_unit(&de, &en).unwrap())
        .collect();
    let mut memory = Memory::open(InMemoryStore::new(), de, en).unwrap();
    memory.add_all(units).unwrap();
    memory
}

fn created(version: Version) -> Document {
    let options = CreateOptions::new("de".parse().unwrap(), "en".parse().unwrap())
        .with_version(version)
        .with_original("wasserkocher.txt");
    let segmenter = Segmenter::builtin(&options.source_language).unwrap();
    create_document(TEXT, &segmenter, &options).unwrap()
}

/// Pre-translates `document` from `source` with the default options.
fn with_defaults(
    document: &mut Document,
    source: &dyn werkbank::model::MatchSource,
) -> Result<PretranslateReport, JobError> {
    pretranslate(document, source, &PretranslateOptions::default())
}

fn text(document: &Document) -> String {
    String::from_utf8(document.to_bytes()).unwrap()
}

/// Source and outcome of every segment.
fn outcomes(report: &PretranslateReport) -> Vec<(String, Outcome)> {
    report
        .segments
        .iter()
        .map(|s| (s.source.plain_text().to_string(), s.outcome))
        .collect()
}

const KNOWN: [&str; 4] = [
    "Füllen Sie den Wasserkocher bis zur Markierung MAX.",
    "Drücken Sie den Schalter, um das Gerät einzuschalten.",
    "Entkalken Sie den Wasserkocher alle 3 Monate.",
    "Bei Fragen wenden Sie sich an unseren Kundendienst.",
];

#[test]
fn pretranslation_fills_exactly_the_known_sentences_and_offers_the_near_ones() {
    for version in [Version::V2_1, Version::V1_2] {
        let mut document = created(version);
        let report = with_defaults(&mut document, &memory()).unwrap();
        let filled: Vec<String> = outcomes(&report)
            .into_iter()
            .filter(|(_, o)| *o == Outcome::Filled(ProposalKind::Exact))
            .map(|(s, _)| s)
            .collect();
        assert_eq!(filled, KNOWN, "{version}");
        assert_eq!(report.count(|o| o == Outcome::Offered), 3, "{version}");
        assert_eq!(report.count(|o| o == Outcome::NoMatch), 2, "{version}");
        // The memory's "5 Minuten" becomes the document's "4 minutes" in the offered target.
        let boiling = report
            .segments
            .iter()
            .find(|s| s.source.plain_text().contains("4 Minuten"))
            .unwrap();
        let best = boiling.best.as_ref().unwrap();
        assert_eq!(best.score, 99);
        assert_eq!(
            best.best_target().plain_text(),
            "The water boils after about 4 minutes."
        );
        assert!(
            validate(&document).is_empty(),
            "{version}: {:?}",
            validate(&document)
        );
        let units = document.units().unwrap();
        let candidates: usize = units.iter().map(|u| u.candidates.len()).sum();
        assert_eq!(
            candidates, 7,
            "{version}: 4 exact + 3 fuzzy, each offered once"
        );
    }
}

#[test]
fn pretranslated_xliff_2_is_written_as_expected() {
    let mut document = created(Version::V2_1);
    with_defaults(&mut document, &memory()).unwrap();
    insta::assert_snapshot!(text(&document));
}

#[test]
fn pretranslated_xliff_1_2_is_written_as_expected() {
    let mut document = created(Version::V1_2);
    with_defaults(&mut document, &memory()).unwrap();
    insta::assert_snapshot!(text(&document));
}

#[test]
fn fuzzy_matches_fill_only_when_asked_and_then_ask_for_review() {
    for version in [Version::V2_1, Version::V1_2] {
        let mut document = created(version);
        let options = PretranslateOptions::default().filling_fuzzy(true);
        let report = pretranslate(&mut document, &memory(), &options).unwrap();
        assert_eq!(report.filled(ProposalKind::Fuzzy), 3, "{version}");
        let written = text(&document);
        if version.is_2x() {
            assert!(written.contains(r#"state="initial" subState="werkbank:fuzzy-match""#));
        } else {
            assert!(written.contains(r#"state-qualifier="leveraged-tm""#));
            assert!(
                written.contains(r#"state="needs-translation""#)
                    || written.contains(r#"state="needs-review-translation""#)
            );
        }
        // Fuzzy fills are not learnt: nobody has confirmed them. In 1.2 the state belongs to the
        // whole trans-unit, and every paragraph here has a fuzzy fill or an empty segment.
        let learnt = translation_units(&document).unwrap();
        assert_eq!(
            learnt.len(),
            if version.is_2x() { 4 } else { 0 },
            "{version}"
        );
        assert!(validate(&document).is_empty());
    }
}

#[test]
fn running_twice_does_not_offer_everything_twice() {
    let mut document = created(Version::V2_1);
    let options = PretranslateOptions::default().overwriting(true);
    let memory = memory();
    pretranslate(&mut document, &memory, &options).unwrap();
    let once = text(&document);
    pretranslate(&mut document, &memory, &options).unwrap();
    assert_eq!(text(&document), once);
}

#[test]
fn merge_keeps_paragraphs_and_spacing_and_writes_english_where_translated() {
    for version in [Version::V2_1, Version::V1_2] {
        // Nothing translated: the original comes back byte for byte.
        let (untouched_text, untouched) = merge(&created(version)).unwrap();
        assert_eq!(untouched_text, TEXT, "{version}");
        assert_eq!(untouched.untranslated, 9);

        let mut document = created(version);
        with_defaults(&mut document, &memory()).unwrap();
        let (merged_text, merged) = merge(&document).unwrap();
        assert_eq!(merged.untranslated, 5, "{version}");
        let paragraphs: Vec<&str> = merged_text.split("\n\n").collect();
        assert_eq!(paragraphs.len(), TEXT.split("\n\n").count());
        assert_eq!(
            paragraphs[1],
            "Fill the kettle up to the MAX mark. Stellen Sie das Gerät auf eine ebene, trockene Fläche. \
             Press the switch to turn the appliance on."
        );
        assert_eq!(
            paragraphs[3],
            "If you have any questions, please contact our customer service. Wir helfen Ihnen gern weiter.\n"
        );
    }
}

#[test]
fn the_memory_learns_from_the_translated_file_and_gives_context_matches_next_time() {
    let mut document = created(Version::V2_1);
    let memory = memory();
    with_defaults(&mut document, &memory).unwrap();
    // The translator translates the rest (here: two segments) and sends the file back.
    let units = document.units().unwrap();
    let (unit, part) = units
        .iter()
        .enumerate()
        .find_map(|(u, unit)| {
            unit.parts
                .iter()
                .position(|p| p.segment.source.plain_text() == "Wir helfen Ihnen gern weiter.")
                .map(|p| (u, p))
        })
        .unwrap();
    document
        .set_target(
            unit,
            part,
            &Content::from_text("We are happy to help."),
            SegmentState::Translated,
        )
        .unwrap();
    let learnt = translation_units(&document).unwrap();
    assert_eq!(learnt.len(), 5);
    assert!(learnt
        .iter()
        .all(|u| u.context.previous.is_some() || u.context.next.is_some()));

    let mut fresh_memory = Memory::open(
        InMemoryStore::new(),
        "de".parse().unwrap(),
        "en".parse().unwrap(),
    )
    .unwrap();
    fresh_memory.add_all(learnt).unwrap();
    let mut next_time = created(Version::V2_1);
    let report = with_defaults(&mut next_time, &fresh_memory).unwrap();
    assert_eq!(report.filled(ProposalKind::Context), 5);
    assert!(report
        .segments
        .iter()
        .filter(|s| s.outcome == Outcome::Filled(ProposalKind::Context))
        .all(|s| s.best.as_ref().is_some_and(|b| b.score == 101)));
}

#[test]
fn inline_codes_of_a_match_become_the_documents_codes() {
    let xliff = r#"<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">
 <file original="ui.html" source-language="de" target-language="en" datatype="html">
  <body>
   <trans-unit id="1">
    <source>Drücken Sie <bpt id="7">&lt;b></bpt>Start<ept id="7">&lt;/b></ept>, um zu beginnen.</source>
   </trans-unit>
   <trans-unit id="2">
    <source>Drücken Sie <g id="8" ctype="bold">Start</g>, um zu beginnen.</source>
   </trans-unit>
  </body>
 </file>
</xliff>"#;
    let mut document = Document::parse(xliff.as_bytes()).unwrap();
    let report = with_defaults(&mut document, &memory()).unwrap();
    assert_eq!(
        report.segments[0].outcome,
        Outcome::Filled(ProposalKind::Exact)
    );
    let written = text(&document);
    assert!(
        written.contains(r#"<target state="translated" state-qualifier="exact-match">Press <bpt id="7">&lt;b></bpt>Start<ept id="7">&lt;/b></ept> to begin.</target>"#),
        "{written}"
    );
    // Codes without the memory's native data are not the same codes: a fuzzy match, offered.
    assert_ne!(
        report.segments[1].outcome,
        Outcome::Filled(ProposalKind::Exact)
    );
    assert!(validate(&document).is_empty());
}

#[test]
fn a_target_with_other_codes_is_offered_not_filled() {
    let mut stored_source = Content::from_text("Drücken Sie ");
    stored_source.push_code(InlineCode::standalone("1"));
    stored_source.push_text("Start.");
    let mut stored_target = Content::from_text("Press ");
    stored_target.push_code(InlineCode::standalone("2"));
    stored_target.push_text("Start.");
    let proposal = werkbank::model::Proposal::new(
        ProposalKind::Exact,
        100,
        stored_source.clone(),
        stored_target,
    );
    assert_eq!(proposal.target_for(&stored_source), None);
}

#[test]
fn languages_the_document_lacks_are_the_matches_and_another_pair_is_an_error() {
    let document = r#"<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="de">
 <file id="f1"><unit id="u1">
  <segment id="s1"><source>Eins.</source></segment>
 </unit></file>
</xliff>"#;
    // No target language: the memory's, written into the document, with a warning.
    let mut untargeted = Document::parse(document.as_bytes()).unwrap();
    let report = with_defaults(&mut untargeted, &memory()).unwrap();
    assert_eq!(untargeted.target_language(), Some("en"));
    assert!(
        report.summary.warnings[0].contains("no target language"),
        "{:?}",
        report.summary.warnings
    );

    // A memory for another language pair.
    let french = document.replace(r#"srcLang="de""#, r#"srcLang="de" trgLang="fr""#);
    let mut document = Document::parse(french.as_bytes()).unwrap();
    let error = with_defaults(&mut document, &memory()).unwrap_err();
    assert!(matches!(error, JobError::LanguagePair { .. }), "{error}");
    assert!(error.to_string().contains("de→fr"), "{error}");
}

#[test]
fn a_segment_without_id_gets_one_for_its_candidates_and_the_report_names_it() {
    let xliff = r#"<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="de" trgLang="en">
 <file id="f1">
  <unit id="u1">
   <segment><source>Der Akku ist fast leer.</source></segment>
  </unit>
 </file>
</xliff>"#;
    let mut document = Document::parse(xliff.as_bytes()).unwrap();
    let report = with_defaults(&mut document, &memory()).unwrap();
    assert_eq!(report.segments[0].segment, "s1");
    let written = text(&document);
    assert!(written.contains(r##"ref="#s1""##), "{written}");
    assert!(
        written.contains(r#"<segment state="translated" id="s1">"#),
        "{written}"
    );
    assert!(validate(&document).is_empty(), "{:?}", validate(&document));
}

/// A 1.2 document whose files are in different pairs (as MateCat writes them): the files in the
/// pair of the memory are pre-translated, the others left as they were with a warning; only a
/// document with nothing in the memory's pair is an error.
#[test]
fn files_of_another_language_pair_are_left_as_they_were() {
    let file = |pair: (&str, &str), id: &str| {
        format!(
            r#"<file original="{id}" source-language="{}" target-language="{}" datatype="plaintext"><body>
  <trans-unit id="{id}"><source>{}</source></trans-unit>
 </body></file>"#,
            pair.0, pair.1, KNOWN[0]
        )
    };
    let document = |files: &[String]| {
        format!(
            "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:1.2\" version=\"1.2\">\n{}\n</xliff>",
            files.join("\n")
        )
    };
    let mixed = document(&[
        file(("hy-AM", "fr-FR"), "leer"),
        file(("de", "fr"), "franz"),
        file(("de", "en"), "engl"),
    ]);
    let mut parsed = Document::parse(mixed.as_bytes()).unwrap();
    let report = with_defaults(&mut parsed, &memory()).unwrap();
    assert_eq!(report.summary.filled(ProposalKind::Exact), 1, "{report:?}");
    assert!(
        report
            .summary
            .warnings
            .iter()
            .any(|w| w.contains("2 units left as they were") && w.contains("hy-AM→fr-FR")),
        "{:?}",
        report.summary.warnings
    );
    let units = parsed.units().unwrap();
    assert!(units[0].parts[0].segment.target.is_none(), "{units:?}");
    assert!(units[1].parts[0].segment.target.is_none(), "{units:?}");
    assert!(units[2].parts[0].segment.target.is_some(), "{units:?}");

    let french_only = document(&[file(("de", "fr"), "franz")]);
    let mut parsed = Document::parse(french_only.as_bytes()).unwrap();
    let error = with_defaults(&mut parsed, &memory()).unwrap_err();
    assert!(matches!(error, JobError::LanguagePair { .. }), "{error}");
}

/// The document is validated in the pre-translation's own pass: its findings are those of
/// `validate_reader`, and an invalid document is pre-translated all the same.
#[test]
fn pretranslation_validates_in_the_same_pass() {
    use werkbank::xliff::validate::{validate_reader, Options};
    for version in [Version::V2_1, Version::V1_2] {
        let valid = text(&created(version));
        // A unit id used twice.
        let unit = if version == Version::V2_1 {
            "<unit"
        } else {
            "<trans-unit"
        };
        let broken = valid.replacen(
            &format!("{unit} id=\"u2\""),
            &format!("{unit} id=\"u1\""),
            1,
        );
        assert_ne!(broken, valid, "{version:?}");
        let expected = validate_reader(broken.as_bytes(), &Options::default())
            .unwrap()
            .findings;
        assert!(!expected.is_empty(), "{version:?}");
        let mut document = Document::parse(broken.as_bytes()).unwrap();
        let report = with_defaults(&mut document, &memory()).unwrap();
        assert_eq!(report.summary.findings, expected, "{version:?}");
        assert!(
            report.summary.filled(ProposalKind::Exact) > 0,
            "{version:?}"
        );

        let mut document = created(version);
        let report = with_defaults(&mut document, &memory()).unwrap();
        assert!(
            report.summary.findings.is_empty(),
            "{:?}",
            report.summary.findings
        );
    }
}
