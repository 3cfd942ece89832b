//! `werkbank align` as a user runs it.

use std::process::Command;

fn werkbank() -> Command {
    Command::new(env!("CARGO_BIN_EXE_werkbank"))
}

const GERMAN: &str = "Öffnungszeiten\n\nDas Museum öffnet um 10 Uhr. Montags bleibt es geschlossen.\n\nFührungen beginnen um 14 Uhr am Eingang.\n";
const ENGLISH: &str = "Opening hours\n\nThe museum opens at 10 am. It is closed on Mondays.\n\nGuided tours start at 2 pm at the entrance.\n";

#[test]
fn json_lists_every_segment_in_exactly_one_bead() {
    let dir = tempfile::tempdir().unwrap();
    let (de, en) = (dir.path().join("de.txt"), dir.path().join("en.txt"));
    std::fs::write(&de, GERMAN).unwrap();
    std::fs::write(&en, ENGLISH).unwrap();
    let out = werkbank()
        .args(["align", "--format", "json", "--source"])
        .arg(&de)
        .arg("--target")
        .arg(&en)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value["source_segments"].as_array().unwrap().len(), 4);
    assert_eq!(value["target_segments"][1], "The museum opens at 10 am.");
    let beads = value["beads"].as_array().unwrap();
    assert_eq!(beads.len(), 4);
    assert_eq!(beads[2]["source"], serde_json::json!([2]));
    assert_eq!(beads[2]["target"], serde_json::json!([2]));
    assert!(beads[2]["score"].as_f64().unwrap() > 0.3);
}

#[test]
fn tmx_output_and_import_into_a_memory() {
    let dir = tempfile::tempdir().unwrap();
    let (de, en) = (dir.path().join("de.txt"), dir.path().join("en.txt"));
    std::fs::write(&de, GERMAN).unwrap();
    std::fs::write(&en, ENGLISH).unwrap();
    let tmx = dir.path().join("pairs.tmx");
    let db = dir.path().join("memory.wbtm");
    let out = werkbank()
        .args(["align", "--source"])
        .arg(&de)
        .arg("--target")
        .arg(&en)
        .arg("--tm")
        .arg(&db)
        .arg("-o")
        .arg(&tmx)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let written = std::fs::read_to_string(&tmx).unwrap();
    assert_eq!(
        written.matches("<tu>").count() + written.matches("<tu ").count(),
        4,
        "{written}"
    );
    let lookup = werkbank()
        .args(["tm", "lookup", "--format", "json", "--tm"])
        .arg(&db)
        .arg("Das Museum öffnet um 10 Uhr.")
        .output()
        .unwrap();
    let line: serde_json::Value = serde_json::from_slice(&lookup.stdout).unwrap();
    assert_eq!(line["matches"][0]["target"], "The museum opens at 10 am.");
    assert_eq!(line["matches"][0]["score"], 100);
}

#[test]
fn empty_sides_and_bad_encoding() {
    let dir = tempfile::tempdir().unwrap();
    let (de, en) = (dir.path().join("de.txt"), dir.path().join("en.txt"));
    std::fs::write(&de, "").unwrap();
    std::fs::write(&en, "Only English here.\n").unwrap();
    let out = werkbank()
        .args(["align", "--format", "tsv", "--source"])
        .arg(&de)
        .arg("--target")
        .arg(&en)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "\tOnly English here.\t0.000\n"
    );

    std::fs::write(&de, b"Gr\xfc\xdfe\n").unwrap();
    let out = werkbank()
        .args(["align", "--source"])
        .arg(&de)
        .arg("--target")
        .arg(&en)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("de.txt:1: not UTF-8"), "{stderr}");
}
