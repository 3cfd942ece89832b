//! Files other tools write, through the command line: translate-toolkit's targets without
//! segment markers, Trados Studio's SDLXLIFF, po2xliff's units with layout whitespace and a
//! header, DOCTYPEs, files the 1.2 schema rejects, candidates across versions. The files are
//! the project's own, written the way those tools write theirs.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn werkbank(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_werkbank"))
        .args(args)
        .output()
        .unwrap()
}

fn text(path: &Path) -> &str {
    path.to_str().unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn ok(out: &Output) {
    assert!(out.status.success(), "{}", stderr(out));
}

#[test]
fn translate_toolkit_targets_without_segment_markers_are_merged_learnt_and_converted() {
    let dir = tempfile::tempdir().unwrap();
    let file = data("toolkit-filled.xlf");

    // The translation of each unit takes the unit's place; the skeleton's layout stays.
    let merged = dir.path().join("hinweise.en.txt");
    let out = werkbank(&["xliff", "merge", "-o", text(&merged), text(&file)]);
    ok(&out);
    assert_eq!(
        std::fs::read_to_string(&merged).unwrap(),
        "The lid is stuck. Please do not force it open.\n\nThe cable is too short.\n"
    );
    assert!(!stderr(&out).contains("not translated"), "{}", stderr(&out));

    // The memory learns the two-sentence unit as one pair and the one-sentence unit as its
    // sentence.
    let db = dir.path().join("memory.wbtm");
    let out = werkbank(&["tm", "import", "--tm", text(&db), text(&file)]);
    ok(&out);
    assert!(
        stderr(&out).contains("imported 2 translated segments"),
        "{}",
        stderr(&out)
    );
    let out = werkbank(&[
        "tm",
        "lookup",
        "--tm",
        text(&db),
        "--format",
        "json",
        "Der Deckel klemmt. Bitte nicht mit Gewalt öffnen.",
        "Das Kabel ist zu kurz.",
    ]);
    ok(&out);
    let lines: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(
        lines[0]["matches"][0]["target"],
        "The lid is stuck. Please do not force it open."
    );
    assert_eq!(lines[1]["matches"][0]["score"], 100);
    assert_eq!(lines[1]["matches"][0]["target"], "The cable is too short.");

    // Converted to 2.1, the translated unit is one segment with its target.
    let converted = dir.path().join("hinweise.xlf");
    let out = werkbank(&[
        "xliff",
        "convert",
        "--to",
        "2.1",
        "-o",
        text(&converted),
        text(&file),
    ]);
    ok(&out);
    let written = std::fs::read_to_string(&converted).unwrap();
    assert!(
        written.contains(">The lid is stuck. Please do not force it open.</target>"),
        "{written}"
    );
    assert!(written.contains(">The cable is too short.</target>"));
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
    let out = werkbank(&["xliff", "validate", text(&converted)]);
    ok(&out);
    // The skeleton came along: the converted file merges to the same document.
    let out = werkbank(&["xliff", "merge", text(&converted)]);
    ok(&out);
    assert_eq!(
        stdout(&out),
        "The lid is stuck. Please do not force it open.\n\nThe cable is too short.\n"
    );
}

#[test]
fn a_target_before_seg_source_is_read_and_reported_by_the_validator() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("order.xlf");
    // As translate-toolkit writes it: the target right after the source.
    let original = std::fs::read_to_string(data("toolkit-filled.xlf")).unwrap();
    std::fs::write(&file, &original).unwrap();
    let out = werkbank(&["xliff", "validate", "--format", "json", text(&file)]);
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    let rules: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["xliff12-schema/element-not-expected"; 2]);
    assert_eq!(report["findings"][0]["line"], 13);

    // Other things both 1.2 schemas reject.
    let cases = [
        (
            original.replace(
                "<source>Das Kabel",
                "<context-group><context context-type=\"source\">x</context></context-group><source>Das Kabel",
            ),
            "xliff12-schema/element-not-expected",
        ),
        (
            original.replace(
                "</trans-unit>\n      <trans-unit id=\"u2\"",
                "<context-group><context context-type=\"source\">x</context></context-group></trans-unit>\n      <trans-unit id=\"u2\"",
            ),
            "xliff12-schema/attribute-value",
        ),
        (
            original.replace(
                " xmlns=\"urn:oasis:names:tc:xliff:document:1.2\"",
                "",
            ),
            "xliff12-schema/namespace",
        ),
    ];
    for (text_of_file, rule) in cases {
        std::fs::write(&file, &text_of_file).unwrap();
        let out = werkbank(&["xliff", "validate", text(&file)]);
        assert_eq!(out.status.code(), Some(1), "{rule}");
        assert!(stdout(&out).contains(rule), "{rule}: {}", stdout(&out));
    }
}

#[test]
fn trados_segments_inside_g_are_filled_and_marked_in_sdl_seg() {
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("studio.out.sdlxliff");
    let out = werkbank(&[
        "xliff",
        "pretranslate",
        "--tm",
        text(&data("studio.tmx")),
        "-o",
        text(&out_path),
        text(&data("studio.sdlxliff")),
    ]);
    ok(&out);
    assert!(
        stderr(&out).contains("3 segments, 2 filled exact (100), 1 with fuzzy candidates"),
        "{}",
        stderr(&out)
    );
    let written = std::fs::read_to_string(&out_path).unwrap();
    assert!(
        written.contains(r#"<mrk mtype="seg" mid="1">The appliance is switched on.</mrk>"#),
        "{written}"
    );
    assert!(written.contains(r#"<mrk mtype="seg" mid="3">Pull out the plug.</mrk>"#));
    assert!(written.contains(
        r#"<sdl:seg id="1" conf="Translated" origin="tm" origin-system="studio.tmx" percent="100"/>"#
    ));
    assert!(written.contains(r#"<sdl:seg id="2"/>"#), "{written}");
    assert!(written.contains(
        r#"<sdl:seg id="3" conf="Translated" origin="tm" origin-system="studio.tmx" percent="100"/>"#
    ));
    // Segment markers inside <g>: a candidate names no mid (the schema allows only markers
    // directly in seg-source), and the file stays valid.
    assert!(!written.contains("alt-trans mid="), "{written}");
    let out = werkbank(&["xliff", "validate", text(&out_path)]);
    ok(&out);
    // Nothing else changed: the original with the filled markers and statuses put back is
    // the output.
    let original = std::fs::read_to_string(data("studio.sdlxliff")).unwrap();
    let untouched = |t: &str| -> String {
        t.lines()
            .filter(|l| !l.contains("<mrk") && !l.contains("sdl:seg id") && !l.contains("<target"))
            .filter(|l| {
                !l.contains("alt-trans")
                    && !l.contains(" <source xml:lang")
                    && !l.contains(" <target xml:lang")
            })
            .map(str::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(untouched(&written), untouched(&original));
}

#[test]
fn a_doctype_without_entities_is_read_and_written_back() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("doctype.xlf");
    let original = "<?xml version=\"1.0\"?>\n<!DOCTYPE xliff PUBLIC \"-//XLIFF//DTD XLIFF//EN\" \"http://www.oasis-open.org/committees/xliff/documents/xliff.dtd\">\n<xliff version=\"1.0\"><file original=\"a\" source-language=\"de\" target-language=\"en\" datatype=\"plaintext\"><body><trans-unit id=\"1\"><source>Hallo.</source></trans-unit></body></file></xliff>\n";
    std::fs::write(&file, original).unwrap();
    let out = werkbank(&["xliff", "rewrite", text(&file)]);
    ok(&out);
    assert_eq!(stdout(&out), original);
    let entity = original.replace("xliff.dtd\">", "xliff.dtd\" [<!ENTITY a \"b\">]>");
    std::fs::write(&file, entity).unwrap();
    let out = werkbank(&["xliff", "rewrite", text(&file)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(":2:1: refused: a DOCTYPE with entity declarations"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn po2xliff_units_are_learnt_trimmed_without_the_header_and_say_what_was_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("memory.wbtm");
    let file = data("from-po.xlf");

    // The file names no target language: without one given it cannot be learnt.
    let out = werkbank(&["tm", "import", "--tm", text(&db), text(&file)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("names no target language"),
        "{}",
        stderr(&out)
    );

    let out = werkbank(&[
        "tm",
        "import",
        "--tm",
        text(&db),
        "--source-lang",
        "en-US",
        "--target-lang",
        "de",
        text(&file),
    ]);
    ok(&out);
    let message = stderr(&out);
    assert!(
        message.contains("file \"messages.po\" names no target language; taken as de"),
        "{message}"
    );
    assert!(
        message.contains("imported 2 translated segments, updated 0, 0 known already (en-US→de); skipped 1 header units, 1 not confirmed (state), 1 without a translation (--verbose lists them)"),
        "{message}"
    );

    // The same sentence without the layout is a 100 % match, and the memory holds no outer
    // whitespace.
    let out = werkbank(&[
        "tm",
        "lookup",
        "--tm",
        text(&db),
        "--format",
        "json",
        "Save the file",
        "Print",
    ]);
    ok(&out);
    let lines: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines[0]["matches"][0]["score"], 100);
    assert_eq!(lines[0]["matches"][0]["target"], "Datei speichern");
    assert_eq!(lines[1]["matches"][0]["score"], 100);

    // --verbose names every skipped segment and why.
    let out = werkbank(&[
        "tm",
        "import",
        "--verbose",
        "--tm",
        text(&db),
        "--source-lang",
        "en-US",
        "--target-lang",
        "de",
        text(&file),
    ]);
    ok(&out);
    let message = stderr(&out);
    assert!(
        message.contains("0 translated segments, updated 0, 2 known already"),
        "{message}"
    );
    for line in [
        "skipped unit 1 segment 1: header units",
        "skipped unit 3 segment 3: state needs-review-translation",
        "skipped unit 4 segment 4: without a translation",
    ] {
        assert!(message.contains(line), "{line}: {message}");
    }
}

#[test]
fn a_segment_with_layout_whitespace_gets_it_around_its_translation() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("memory.wbtm");
    let out = werkbank(&[
        "tm",
        "import",
        "--tm",
        text(&db),
        "--source-lang",
        "en-US",
        "--target-lang",
        "de",
        text(&data("from-po.xlf")),
    ]);
    ok(&out);
    let file = dir.path().join("new.xlf");
    std::fs::write(
        &file,
        "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:1.2\" version=\"1.2\"><file original=\"m.po\" source-language=\"en-US\" target-language=\"de\" datatype=\"po\"><body>\n<trans-unit id=\"9\"><source>Save the file\n</source></trans-unit>\n</body></file></xliff>",
    )
    .unwrap();
    let out = werkbank(&["xliff", "pretranslate", "--tm", text(&db), text(&file)]);
    ok(&out);
    assert!(
        stdout(&out).contains("<target state=\"translated\" state-qualifier=\"exact-match\">Datei speichern\n</target>"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn candidates_cross_between_alt_trans_and_mtc_matches() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("offers.xlf");
    std::fs::write(
        &file,
        r#"<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">
 <file original="o.txt" source-language="de" target-language="en" datatype="plaintext"><body>
  <trans-unit id="1">
   <source>Die Tür ist offen. Das Fenster ist zu.</source>
   <seg-source><mrk mtype="seg" mid="a">Die Tür ist offen.</mrk> <mrk mtype="seg" mid="b">Das Fenster ist zu.</mrk></seg-source>
   <alt-trans mid="b" match-quality="88" origin="Projekt">
    <source>Das Fenster ist offen.</source>
    <target>The window is open.</target>
   </alt-trans>
  </trans-unit>
 </body></file>
</xliff>"#,
    )
    .unwrap();
    let two = dir.path().join("offers21.xlf");
    let out = werkbank(&[
        "xliff",
        "convert",
        "--to",
        "2.1",
        "-o",
        text(&two),
        text(&file),
    ]);
    ok(&out);
    assert!(!stderr(&out).contains("alt-trans"), "{}", stderr(&out));
    let written = std::fs::read_to_string(&two).unwrap();
    assert!(
        written.contains(r##"<mtc:match id="m1" ref="#b" similarity="88" origin="Projekt">"##),
        "{written}"
    );
    ok(&werkbank(&["xliff", "validate", text(&two)]));
    let back = dir.path().join("offers12.xlf");
    ok(&werkbank(&[
        "xliff",
        "convert",
        "--to",
        "1.2",
        "-o",
        text(&back),
        text(&two),
    ]));
    let written = std::fs::read_to_string(&back).unwrap();
    assert!(
        written.contains(r#"<alt-trans mid="b" match-quality="88" origin="Projekt">"#),
        "{written}"
    );
    assert!(written.contains("<target>The window is open.</target>"));
    ok(&werkbank(&["xliff", "validate", text(&back)]));
}
