//! `werkbank tm` as a user runs it, on a TMX written for the test.

use std::process::Command;

fn werkbank() -> Command {
    Command::new(env!("CARGO_BIN_EXE_werkbank"))
}

const TMX: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="de-DE" segtype="sentence" creationtool="t" creationtoolversion="1" o-tmf="t" adminlang="en" datatype="plaintext"/>
<body>
<tu><tuv xml:lang="de-DE"><seg>Waschen Sie die Jacke bei 40 °C.</seg></tuv><tuv xml:lang="en-GB"><seg>Wash the jacket at 40 °C.</seg></tuv></tu>
<tu><tuv xml:lang="de-DE"><seg>Die Datei wurde gespeichert.</seg></tuv><tuv xml:lang="en-GB"><seg>The file has been saved.</seg></tuv></tu>
<tu><tuv xml:lang="fr-FR"><seg>Bonjour</seg></tuv><tuv xml:lang="en-GB"><seg>Hello</seg></tuv></tu>
</body></tmx>"#;

#[test]
fn import_lookup_export_and_stats() {
    let dir = tempfile::tempdir().unwrap();
    let tmx = dir.path().join("memory.tmx");
    let db = dir.path().join("memory.wbtm");
    std::fs::write(&tmx, TMX).unwrap();

    let output = werkbank()
        .args(["tm", "import", "--tm"])
        .arg(&db)
        .arg(&tmx)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("imported 2 units"), "{stderr}");
    assert!(stderr.contains("skipped 1"), "{stderr}");

    let output = werkbank()
        .args(["tm", "lookup", "--format", "json", "--tm"])
        .arg(&db)
        .args([
            "Waschen Sie die Jacke bei 60 °C.",
            "Etwas ganz anderes hier.",
        ])
        .output()
        .unwrap();
    assert!(output.status.success());
    let lines: Vec<serde_json::Value> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["query"], "Waschen Sie die Jacke bei 60 °C.");
    assert_eq!(lines[0]["matches"][0]["score"], 99);
    assert_eq!(lines[0]["matches"][0]["kind"], "fuzzy");
    assert_eq!(
        lines[0]["matches"][0]["adapted_target"],
        "Wash the jacket at 60 °C."
    );
    assert_eq!(lines[1]["matches"].as_array().unwrap().len(), 0);

    // The TMX file itself can be the memory.
    let output = werkbank()
        .args(["tm", "lookup", "--tm"])
        .arg(&tmx)
        .arg("Die Datei wurde gespeichert.")
        .output()
        .unwrap();
    assert!(String::from_utf8(output.stdout)
        .unwrap()
        .contains("100 exact"));

    let exported = dir.path().join("out.tmx");
    let status = werkbank()
        .args(["tm", "export", "--tm"])
        .arg(&db)
        .arg("-o")
        .arg(&exported)
        .status()
        .unwrap();
    assert!(status.success());
    let text = std::fs::read_to_string(&exported).unwrap();
    assert_eq!(text.matches("<tu>").count(), 2);

    let output = werkbank()
        .args(["tm", "stats", "--tm"])
        .arg(&db)
        .output()
        .unwrap();
    assert!(String::from_utf8(output.stdout)
        .unwrap()
        .contains("units               2"));
}

#[test]
fn a_broken_tmx_imports_nothing_and_names_the_position() {
    let dir = tempfile::tempdir().unwrap();
    let tmx = dir.path().join("broken.tmx");
    let db = dir.path().join("memory.wbtm");
    std::fs::write(
        &tmx,
        TMX.replace(
            "</tu>\n<tu><tuv xml:lang=\"fr-FR\">",
            "</tuv>\n<tu><tuv xml:lang=\"fr-FR\">",
        ),
    )
    .unwrap();
    let output = werkbank()
        .args(["tm", "import", "--tm"])
        .arg(&db)
        .arg(&tmx)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("broken.tmx:5:"), "{stderr}");
    // The memory this import would have created is not left behind.
    assert!(!db.exists());
    // Into an existing memory, a broken file adds nothing.
    let good = dir.path().join("good.tmx");
    std::fs::write(&good, TMX).unwrap();
    let output = werkbank()
        .args(["tm", "import", "--tm"])
        .arg(&db)
        .arg(&good)
        .output()
        .unwrap();
    assert!(output.status.success());
    let before = werkbank()
        .args(["tm", "stats", "--tm"])
        .arg(&db)
        .output()
        .unwrap();
    let output = werkbank()
        .args(["tm", "import", "--tm"])
        .arg(&db)
        .arg(&tmx)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let after = werkbank()
        .args(["tm", "stats", "--tm"])
        .arg(&db)
        .output()
        .unwrap();
    assert_eq!(before.stdout, after.stdout);
}

#[test]
fn a_file_that_is_not_a_memory_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let notes = dir.path().join("notes.txt");
    std::fs::write(&notes, "keine Datenbank\n".repeat(100)).unwrap();
    let output = werkbank()
        .args(["tm", "stats", "--tm"])
        .arg(&notes)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8(output.stderr)
        .unwrap()
        .contains("not a werkbank translation memory"));
    assert_eq!(
        std::fs::read_to_string(&notes).unwrap(),
        "keine Datenbank\n".repeat(100)
    );
}

#[test]
fn concordance_finds_words_without_case_and_accents_and_marks_them() {
    let dir = tempfile::tempdir().unwrap();
    let tmx = dir.path().join("printers.tmx");
    std::fs::write(
        &tmx,
        r#"<tmx version="1.4"><header srclang="de" segtype="sentence"/><body>
<tu><tuv xml:lang="de"><seg>Der Laserdrucker druckt nur Streifen.</seg></tuv><tuv xml:lang="en"><seg>The laser printer prints only stripes.</seg></tuv></tu>
<tu><tuv xml:lang="de"><seg>Schalten Sie den Drucker aus.</seg></tuv><tuv xml:lang="en"><seg>Switch the printer off.</seg></tuv></tu>
<tu><tuv xml:lang="de"><seg>Die Größe der Seite ist falsch.</seg></tuv><tuv xml:lang="en"><seg>The page size is wrong.</seg></tuv></tu>
</body></tmx>"#,
    )
    .unwrap();
    let db = dir.path().join("memory.wbtm");
    let run = |args: &[&str]| werkbank().args(args).output().unwrap();
    assert!(run(&[
        "tm",
        "import",
        "--tm",
        db.to_str().unwrap(),
        tmx.to_str().unwrap()
    ])
    .status
    .success());
    let out = run(&["tm", "concordance", "--tm", db.to_str().unwrap(), "DRUCKER"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    // The unit with the word at a word start comes first; both are marked.
    assert_eq!(
        text,
        "  1. Schalten Sie den [Drucker] aus.\n     → Switch the printer off.\n  2. Der Laser[drucker] druckt nur Streifen.\n     → The laser printer prints only stripes.\n"
    );
    let out = run(&[
        "tm",
        "concordance",
        "--tm",
        db.to_str().unwrap(),
        "--format",
        "json",
        "grosse",
        "der",
        "seite",
    ]);
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value["matches"].as_array().unwrap().len(), 1);
    let source = value["matches"][0]["source"].as_str().unwrap();
    let hits: Vec<&str> = value["matches"][0]["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| &source[h[0].as_u64().unwrap() as usize..h[1].as_u64().unwrap() as usize])
        .collect();
    assert_eq!(hits, ["Größe der Seite"]);
    let out = run(&[
        "tm",
        "concordance",
        "--tm",
        db.to_str().unwrap(),
        "--target",
        "printer",
    ]);
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .contains("The laser [printer] prints"));
}
