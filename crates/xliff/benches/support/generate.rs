//! Generated XLIFF documents of a requested size: 2.1 units of German sentences with inline
//! codes, notes, original data, translated targets with states, and an extension element; 1.2
//! files of the same sentences the way translation tools write them (short units, inline codes,
//! some translated, notes).

/// Sentence parts combined into varied sentences.
const SUBJECTS: &[&str] = &[
    "Die Anlage",
    "Der Kunde",
    "Unser Team",
    "Das neue Modell",
    "Die Stadtverwaltung",
    "Der Techniker",
];
const VERBS: &[&str] = &["prüft", "liefert", "ersetzt", "meldet", "plant", "öffnet"];
const OBJECTS: &[&str] = &[
    "die Ersatzteile",
    "den Bericht",
    "alle Filter",
    "die Anträge",
    "das Lager",
    "die Leitung",
];
const ENDINGS: &[&str] = &[
    "bis Freitag.",
    "noch heute.",
    "nach der Wartung.",
    "im zweiten Quartal.",
    "ohne Aufpreis.",
    "für 12,50 € pro Stück.",
];

fn sentence(n: usize) -> String {
    format!(
        "{} {} {} {}",
        SUBJECTS[n % SUBJECTS.len()],
        VERBS[(n / 3) % VERBS.len()],
        OBJECTS[(n / 7) % OBJECTS.len()],
        ENDINGS[(n / 11) % ENDINGS.len()]
    )
}

/// An XLIFF 2.1 document of at least `bytes` bytes.
pub fn xliff_21(bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + 4096);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" xmlns:my=\"urn:example:werkbank-bench\" version=\"2.1\" srcLang=\"de\" trgLang=\"en\">\n <file id=\"f1\" original=\"handbuch.docx\">\n");
    let mut n = 0;
    while out.len() < bytes {
        n += 1;
        out.push_str(&format!(
            "  <unit id=\"u{n}\" my:origin=\"kapitel-{}\">\n   <my:hint>Absatz {n}</my:hint>\n   <notes>\n    <note category=\"context\">Abschnitt {} &amp; Anhang</note>\n   </notes>\n   <originalData>\n    <data id=\"d1\">&lt;b&gt;</data>\n    <data id=\"d2\">&lt;/b&gt;</data>\n    <data id=\"d3\">&lt;br/&gt;</data>\n   </originalData>\n",
            n % 40,
            n % 7
        ));
        out.push_str(&format!(
            "   <segment id=\"s1\" state=\"translated\">\n    <source>{} <pc id=\"1\" dataRefStart=\"d1\" dataRefEnd=\"d2\">{}</pc><ph id=\"2\" dataRef=\"d3\"/></source>\n    <target>Translation {n} of the first sentence <pc id=\"1\" dataRefStart=\"d1\" dataRefEnd=\"d2\">bold part</pc><ph id=\"2\" dataRef=\"d3\"/></target>\n   </segment>\n   <ignorable>\n    <source> </source>\n   </ignorable>\n",
            sentence(n),
            sentence(n + 1)
        ));
        out.push_str(&format!(
            "   <segment id=\"s2\">\n    <source>{} <mrk id=\"m1\" type=\"term\">Wartung</mrk> &lt;{}&gt;</source>\n   </segment>\n  </unit>\n",
            sentence(n + 2),
            n
        ));
    }
    out.push_str(" </file>\n</xliff>\n");
    out
}

/// An XLIFF 1.2 document of at least `bytes` bytes: short units as CAT tools write them.
pub fn xliff_12(bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + 4096);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xliff xmlns=\"urn:oasis:names:tc:xliff:document:1.2\" version=\"1.2\">\n <file original=\"handbuch.docx\" source-language=\"de\" target-language=\"en\" datatype=\"x-docx\">\n  <body>\n");
    let mut n = 0;
    while out.len() < bytes {
        n += 1;
        out.push_str(&format!(
            "   <trans-unit id=\"{n}\">\n    <source>{} <g id=\"1\" ctype=\"bold\">Nr. {n}</g></source>\n",
            sentence(n)
        ));
        if n % 3 == 0 {
            out.push_str(&format!(
                "    <target state=\"translated\">Translation {n} <g id=\"1\" ctype=\"bold\">no. {n}</g></target>\n"
            ));
        }
        if n % 10 == 0 {
            out.push_str("    <note from=\"review\">Bitte pr&#252;fen</note>\n");
        }
        out.push_str("   </trans-unit>\n");
    }
    out.push_str("  </body>\n </file>\n</xliff>\n");
    out
}
