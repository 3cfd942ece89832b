//! Translation candidates, metadata and 1.2 state qualifiers read into the model.

use werkbank_xliff::validate::validate;
use werkbank_xliff::Document;

#[test]
fn alt_trans_and_state_qualifier_of_xliff_12() {
    let text = r#"<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">
 <file original="a.txt" source-language="de" target-language="en" datatype="plaintext">
 <header><tool tool-id="mt-1" tool-name="Maschine"/></header><body>
  <trans-unit id="1">
   <source>Der Drucker ist bereit.</source>
   <target state="translated" state-qualifier="leveraged-tm">The printer is ready.</target>
   <alt-trans match-quality="87%" origin="Projektspeicher">
    <source>Der Drucker ist nicht bereit.</source>
    <target>The printer is not ready.</target>
   </alt-trans>
   <alt-trans tool-id="mt-1" alttranstype="proposal"><target>Printer ready.</target></alt-trans>
  </trans-unit>
 </body></file>
</xliff>"#;
    let document = Document::parse(text.as_bytes()).unwrap();
    assert!(validate(&document).is_empty(), "{:?}", validate(&document));
    // The schema wants every tool-id to name a <tool> of the header.
    let unnamed = Document::parse(
        text.replace(r#"tool-id="mt-1" tool-name"#, r#"tool-id="mt-0" tool-name"#)
            .as_bytes(),
    )
    .unwrap();
    assert_eq!(
        validate(&unnamed)[0].rule,
        "xliff12-schema/unknown-reference"
    );
    let unit = &document.units().unwrap()[0];
    assert_eq!(
        unit.parts[0].state_qualifier.as_deref(),
        Some("leveraged-tm")
    );
    assert_eq!(unit.candidates.len(), 2);
    let first = &unit.candidates[0];
    assert_eq!(first.similarity, Some(87.0));
    assert_eq!(first.match_quality_text.as_deref(), Some("87%"));
    assert_eq!(first.origin.as_deref(), Some("Projektspeicher"));
    assert_eq!(
        first.source.as_ref().unwrap().plain_text(),
        "Der Drucker ist nicht bereit."
    );
    assert_eq!(first.target.plain_text(), "The printer is not ready.");
    assert_eq!(unit.candidates[1].origin.as_deref(), Some("mt-1"));
    assert_eq!(unit.candidates[1].kind.as_deref(), Some("proposal"));
}

#[test]
fn matches_and_metadata_of_xliff_2() {
    let text = r##"<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="de" trgLang="en"
 xmlns:mtc="urn:oasis:names:tc:xliff:matches:2.0" xmlns:mda="urn:oasis:names:tc:xliff:metadata:2.0">
 <file id="f1">
  <unit id="u1">
   <mtc:matches>
    <mtc:match id="m1" ref="#s1" similarity="92.5" matchQuality="80" origin="Projektspeicher" type="tm">
     <originalData><data id="d1">&lt;br/&gt;</data></originalData>
     <source>Der Drucker<ph id="1" dataRef="d1"/> ist aus.</source>
     <target>The printer<ph id="1" dataRef="d1"/> is off.</target>
    </mtc:match>
   </mtc:matches>
   <mda:metadata>
    <mda:metaGroup category="herkunft" appliesTo="source">
     <mda:meta type="autor">Redaktion</mda:meta>
     <mda:metaGroup><mda:meta type="datum">2026-11-25</mda:meta></mda:metaGroup>
    </mda:metaGroup>
   </mda:metadata>
   <segment id="s1"><source>Der Drucker ist an.</source></segment>
  </unit>
 </file>
</xliff>"##;
    let document = Document::parse(text.as_bytes()).unwrap();
    assert!(validate(&document).is_empty(), "{:?}", validate(&document));
    let unit = &document.units().unwrap()[0];
    let candidate = &unit.candidates[0];
    assert_eq!(candidate.applies_to.as_deref(), Some("s1"));
    assert_eq!(candidate.similarity, Some(92.5));
    assert_eq!(candidate.match_quality, Some(80.0));
    assert_eq!(candidate.kind.as_deref(), Some("tm"));
    assert_eq!(candidate.target.plain_text(), "The printer is off.");
    assert_eq!(
        candidate.target.codes()[0].code.data.as_deref(),
        Some("<br/>")
    );
    let group = &unit.metadata[0];
    assert_eq!(group.category.as_deref(), Some("herkunft"));
    assert_eq!(
        group.entries,
        [("autor".to_string(), "Redaktion".to_string())]
    );
    assert_eq!(group.groups[0].entries[0].1, "2026-11-25");
}
