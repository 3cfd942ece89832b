//! `werkbank segment` as a user runs it.

use std::process::Command;

fn werkbank() -> Command {
    Command::new(env!("CARGO_BIN_EXE_werkbank"))
}

const TEXT: &str =
    "Überschrift\n\nDer Termin ist am 3. Oktober. Bitte z. B. Ausweis mitbringen.\nZweite Zeile!\n";

#[test]
fn text_output_has_one_segment_per_line_and_blank_lines_between_paragraphs() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.txt");
    std::fs::write(&input, TEXT).unwrap();
    let output = werkbank()
        .args(["segment", "--lang", "de"])
        .arg(&input)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        "Überschrift\n\nDer Termin ist am 3. Oktober.\nBitte z. B. Ausweis mitbringen.\nZweite Zeile!\n"
    );
}

#[test]
fn json_output_gives_byte_offsets_into_the_input() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.txt");
    let out = dir.path().join("out.json");
    std::fs::write(&input, TEXT).unwrap();
    let status = werkbank()
        .args(["segment", "--format", "json", "-o"])
        .arg(&out)
        .arg(&input)
        .status()
        .unwrap();
    assert!(status.success());
    let value: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(value["language"], "de");
    let segments = value["segments"].as_array().unwrap();
    assert_eq!(segments.len(), 4);
    for segment in segments {
        let start = segment["start"].as_u64().unwrap() as usize;
        let end = segment["end"].as_u64().unwrap() as usize;
        assert_eq!(&TEXT[start..end], segment["text"].as_str().unwrap());
    }
    let paragraphs: Vec<u64> = segments
        .iter()
        .map(|s| s["paragraph"].as_u64().unwrap())
        .collect();
    assert_eq!(paragraphs, [0, 1, 1, 1]);
}

#[test]
fn standard_input_is_read_when_no_file_is_given() {
    use std::io::Write;
    let mut child = werkbank()
        .args(["segment", "--lang", "en", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"Hello Mr. Brown. How are you?")
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        "Hello Mr. Brown.\nHow are you?\n"
    );
}

#[test]
fn invalid_utf8_fails_with_the_file_and_offset_and_writes_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("bad.txt");
    let out = dir.path().join("out.txt");
    std::fs::write(&input, b"Gut.\nNicht \xfe gut.\n").unwrap();
    let output = werkbank()
        .args(["segment", "-o"])
        .arg(&out)
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("bad.txt: input is not valid UTF-8 at byte 11"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1);
    assert!(!out.exists());
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary file is left"
    );
}

#[test]
fn srx_errors_name_the_file_and_position() {
    let dir = tempfile::tempdir().unwrap();
    let srx = dir.path().join("rules.srx");
    std::fs::write(&srx, "<srx version=\"2.0\">\n<body>\n</srx>").unwrap();
    let output = werkbank()
        .args(["segment", "--srx"])
        .arg(&srx)
        .arg("-")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("rules.srx: SRX 3:"), "{stderr}");
}

#[test]
fn an_unknown_language_is_a_usage_error() {
    let output = werkbank()
        .args(["segment", "--lang", "fr", "-"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn quotations_are_split_unless_kept_and_abbreviations_come_from_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let text = "„Wir bleiben. Das ist sicher“, sagte sie. Siehe Verkn. Hauptleitung.\n";
    let input = dir.path().join("text.txt");
    std::fs::write(&input, text).unwrap();
    let lines = |extra: &[&str]| -> Vec<String> {
        let mut args = vec!["segment", "--lang", "de"];
        args.extend_from_slice(extra);
        args.push(input.to_str().unwrap());
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_werkbank"))
            .args(&args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(str::to_string)
            .collect()
    };
    assert_eq!(
        lines(&[]),
        [
            "„Wir bleiben.",
            "Das ist sicher“, sagte sie.",
            "Siehe Verkn.",
            "Hauptleitung."
        ]
    );
    let list = dir.path().join("abbreviations.txt");
    std::fs::write(&list, "Verkn.\n").unwrap();
    assert_eq!(
        lines(&[
            "--keep-quotations",
            "--abbreviations",
            list.to_str().unwrap()
        ]),
        [
            "„Wir bleiben. Das ist sicher“, sagte sie.",
            "Siehe Verkn. Hauptleitung."
        ]
    );
}
