//! `werkbank xliff create|validate|rewrite` as a user runs them.

use std::path::Path;
use std::process::{Command, Output};

fn werkbank(args: &[&str], files: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_werkbank"))
        .args(args)
        .args(files)
        .output()
        .unwrap()
}

const TEXT: &str =
    "Die Messe beginnt am Montag. Der Eintritt ist frei.\n\nAnmeldung bitte bis Freitag.\n";

#[test]
fn create_then_validate_then_rewrite() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("messe.txt");
    std::fs::write(&input, TEXT).unwrap();
    for version in ["1.2", "2.0", "2.1", "2.2"] {
        let xlf = dir.path().join(format!("messe-{version}.xlf"));
        let out = werkbank(
            &[
                "xliff",
                "create",
                "--source-lang",
                "de",
                "--target-lang",
                "en",
                "--xliff-version",
                version,
                "-o",
            ],
            &[&xlf, &input],
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );

        let out = werkbank(&["xliff", "validate"], &[&xlf]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
        assert!(String::from_utf8_lossy(&out.stdout).contains(&format!("valid XLIFF {version}")));

        let rewritten = dir.path().join("rewritten.xlf");
        let out = werkbank(&["xliff", "rewrite", "-o"], &[&rewritten, &xlf]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(
            std::fs::read(&rewritten).unwrap(),
            std::fs::read(&xlf).unwrap()
        );
    }
}

#[test]
fn validate_reports_findings_as_json_and_exits_non_zero() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.xlf");
    std::fs::write(
        &bad,
        "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"de\">\n<file id=\"f\"><unit id=\"u\"><segment><source><sc id=\"1\"/>x</source></segment></unit></file></xliff>",
    )
    .unwrap();
    let broken = dir.path().join("broken.xlf");
    std::fs::write(&broken, "<xliff version=\"1.2\">\n<file></xliff>").unwrap();
    let out = werkbank(&["xliff", "validate", "--format", "json"], &[&bad, &broken]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["valid"], false);
    assert_eq!(lines[0]["version"], "2.0");
    assert_eq!(lines[0]["findings"][0]["rule"], "inline/sc-without-ec");
    assert_eq!(lines[0]["findings"][0]["line"], 2);
    assert_eq!(lines[1]["findings"][0]["rule"], "xml/not-well-formed");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
}

#[test]
fn rewrite_refuses_doctype_and_leaves_no_output() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("dtd.xlf");
    std::fs::write(
        &input,
        "<!DOCTYPE xliff [<!ENTITY e \"x\">]><xliff version=\"1.2\">&e;</xliff>",
    )
    .unwrap();
    let output = dir.path().join("out.xlf");
    let out = werkbank(&["xliff", "rewrite", "-o"], &[&output, &input]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("dtd.xlf:1:1") && stderr.contains("DOCTYPE"),
        "{stderr}"
    );
    assert!(!output.exists());
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary file left"
    );
}
