//! Converting the core content between XLIFF 1.2 and 2.1 (the project's own documents).

use werkbank_xliff::convert::convert_document as convert;
use werkbank_xliff::validate::validate;
use werkbank_xliff::{Document, Version};

const XLIFF_12: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">
 <file original="hilfe.html" source-language="de" target-language="en" datatype="html">
  <body>
   <group id="menu">
    <trans-unit id="speichern" resname="menu.save">
     <source>Klicken Sie auf <g id="1" ctype="bold">Speichern</g>.<x id="2" ctype="lb"/></source>
     <target state="final">Click <g id="1" ctype="bold">Save</g>.<x id="2" ctype="lb"/></target>
     <note from="Redaktion">Menüeintrag</note>
    </trans-unit>
   </group>
   <trans-unit id="zwei-saetze" xml:space="preserve">
    <source>Erster Satz mit <bx id="1"/>Anfang. Ende<ex id="1"/> hier.</source>
    <seg-source><mrk mtype="seg" mid="1">Erster Satz mit <bx id="1"/>Anfang.</mrk> <mrk mtype="seg" mid="2">Ende<ex id="1"/> hier.</mrk></seg-source>
    <target state="translated"><mrk mtype="seg" mid="1">First sentence with <bx id="1"/>start.</mrk> <mrk mtype="seg" mid="2">End<ex id="1"/> here.</mrk></target>
   </trans-unit>
  </body>
 </file>
</xliff>
"#;

#[test]
fn xliff_12_to_21_and_back() {
    let original = Document::parse(XLIFF_12.as_bytes()).unwrap();
    let converted = convert(&original, Version::V2_1).unwrap();
    let text = String::from_utf8(converted.document.to_bytes()).unwrap();
    insta::assert_snapshot!("converted_12_to_21", text);
    assert!(
        validate(&converted.document).is_empty(),
        "{:?}",
        validate(&converted.document)
    );

    // The same sentences, codes and states come back.
    let sentences = |document: &Document| -> Vec<(String, Option<String>, usize)> {
        document
            .units()
            .unwrap()
            .iter()
            .flat_map(|u| u.segments().cloned().collect::<Vec<_>>())
            .map(|s| {
                (
                    s.source.plain_text().to_string(),
                    s.target.as_ref().map(|t| t.plain_text().to_string()),
                    s.source.codes().len(),
                )
            })
            .collect()
    };
    assert_eq!(sentences(&converted.document), sentences(&original));

    let back = convert(&converted.document, Version::V1_2).unwrap();
    let text = String::from_utf8(back.document.to_bytes()).unwrap();
    insta::assert_snapshot!("converted_back_to_12", text);
    assert!(
        validate(&back.document).is_empty(),
        "{:?}",
        validate(&back.document)
    );
    assert_eq!(sentences(&back.document), sentences(&original));
}

#[test]
fn converting_to_the_same_family_is_refused() {
    let original = Document::parse(XLIFF_12.as_bytes()).unwrap();
    assert!(convert(&original, Version::V1_2).is_err());
}
