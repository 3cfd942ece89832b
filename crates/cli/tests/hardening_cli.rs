//! Memories under stress, through the command line: imports killed half-way keep all or none of
//! their work, concurrent imports neither duplicate units nor fail on a memory that does not
//! exist yet, a damaged memory is read as far as it can be and `tm check` says what is damaged,
//! read-only commands never create or change a file, paths are taken literally.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn werkbank() -> Command {
    Command::new(env!("CARGO_BIN_EXE_werkbank"))
}

fn run(args: &[&str]) -> Output {
    werkbank().args(args).output().unwrap()
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

fn ok(out: &Output) {
    assert!(out.status.success(), "{}", stderr(out));
}

/// A translated XLIFF 2.1 file of `units` one-sentence units; `edition` changes every target.
fn translated_xliff(units: usize, edition: usize) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\"?>\n<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.1\" srcLang=\"de\" trgLang=\"en\">\n <file id=\"f1\">\n",
    );
    for i in 0..units {
        out.push_str(&format!(
            "  <unit id=\"u{i}\"><segment id=\"s{i}\" state=\"translated\"><source>Das Ventil Nummer {i} schließt bei Druck.</source><target>Valve number {i} closes under pressure ({edition}).</target></segment></unit>\n"
        ));
    }
    out.push_str(" </file>\n</xliff>\n");
    out
}

fn units_in(db: &Path) -> usize {
    let out = run(&["tm", "stats", "--tm", text(db)]);
    ok(&out);
    stdout(&out)
        .lines()
        .find_map(|l| l.strip_prefix("units               "))
        .unwrap()
        .trim()
        .parse()
        .unwrap()
}

/// How many units of the memory carry `edition` in their translation.
fn units_of_edition(db: &Path, edition: usize) -> usize {
    let out = run(&["tm", "export", "--tm", text(db)]);
    ok(&out);
    stdout(&out)
        .matches(&format!("pressure ({edition})"))
        .count()
}

#[test]
fn a_killed_xliff_import_keeps_all_or_none_of_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("memory.wbtm");
    let first = dir.path().join("first.xlf");
    let second = dir.path().join("second.xlf");
    let units = 20_000;
    std::fs::write(&first, translated_xliff(units, 1)).unwrap();
    std::fs::write(&second, translated_xliff(units, 2)).unwrap();
    ok(&run(&["tm", "import", "--tm", text(&db), text(&first)]));
    assert_eq!(units_in(&db), units);
    // Re-imports with every translation changed, killed after different times: the memory
    // holds either the old translations or the new ones, never a mixture.
    for delay in [5u64, 40, 120, 300] {
        let mut child = werkbank()
            .args(["tm", "import", "--tm", text(&db), text(&second)])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay));
        let _ = child.kill();
        let _ = child.wait();
        let (old, new) = (units_of_edition(&db, 1), units_of_edition(&db, 2));
        assert!(
            (old, new) == (units, 0) || (old, new) == (0, units),
            "after {delay} ms: {old} old and {new} new translations"
        );
        assert_eq!(units_in(&db), units);
        if new == units {
            // Finished before the kill: go back to the old translations for the next round.
            ok(&run(&["tm", "import", "--tm", text(&db), text(&first)]));
        }
    }
}

#[test]
fn concurrent_imports_into_a_new_memory_store_every_unit_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shared.wbtm");
    let file = dir.path().join("job.xlf");
    std::fs::write(&file, translated_xliff(3_000, 1)).unwrap();
    let tmx = dir.path().join("old.tmx");
    let mut tmx_text = String::from("<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header srclang=\"de\" segtype=\"sentence\" creationtool=\"t\" creationtoolversion=\"1\" o-tmf=\"t\" adminlang=\"en\" datatype=\"plaintext\"/><body>\n");
    for i in 0..3_000 {
        tmx_text.push_str(&format!("<tu><tuv xml:lang=\"de\"><seg>Der Schalter {i} ist defekt.</seg></tuv><tuv xml:lang=\"en\"><seg>Switch {i} is faulty.</seg></tuv></tu>\n"));
    }
    tmx_text.push_str("</body></tmx>\n");
    std::fs::write(&tmx, tmx_text).unwrap();
    // Four writers at once, the memory not there yet: two learn the same XLIFF, two import the
    // same TMX.
    let children: Vec<_> = [&file, &file, &tmx, &tmx]
        .iter()
        .map(|input| {
            werkbank()
                .args(["tm", "import", "--tm", text(&db), text(input)])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        ok(&child.wait_with_output().unwrap());
    }
    assert_eq!(units_in(&db), 6_000);
}

#[test]
fn a_damaged_memory_is_read_as_far_as_it_can_be_and_checked() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("memory.wbtm");
    let file = dir.path().join("job.xlf");
    std::fs::write(&file, translated_xliff(500, 1)).unwrap();
    ok(&run(&["tm", "import", "--tm", text(&db), text(&file)]));
    assert_eq!(
        run(&["tm", "check", "--tm", text(&db)]).status.code(),
        Some(0)
    );
    // Overwrite four bytes of one stored unit's JSON.
    let mut bytes = std::fs::read(&db).unwrap();
    let needle = b"\"text\":\"Valve number 250 ";
    let at = bytes
        .windows(needle.len())
        .position(|w| w == needle)
        .expect("the unit is in the file");
    bytes[at..at + 4].copy_from_slice(b"\xff\x00\x01\x02");
    std::fs::write(&db, &bytes).unwrap();

    // Lookups still work, and say that a unit was left out.
    let out = run(&[
        "tm",
        "lookup",
        "--tm",
        text(&db),
        "Das Ventil Nummer 7 schließt bei Druck.",
    ]);
    ok(&out);
    assert!(
        stdout(&out).contains("Valve number 7 closes"),
        "{}",
        stdout(&out)
    );
    assert!(
        stderr(&out).contains("1 unit(s) could not be read"),
        "{}",
        stderr(&out)
    );

    // tm check names it, exports the rest, and fails.
    let rescued = dir.path().join("rescued.tmx");
    let out = run(&["tm", "check", "--tm", text(&db), "--export", text(&rescued)]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("499 unit(s) readable, 1 damaged"),
        "{}",
        stdout(&out)
    );
    let exported = std::fs::read_to_string(&rescued).unwrap();
    assert_eq!(
        exported.matches("<tu>").count() + exported.matches("<tu ").count(),
        499
    );
    // The damaged file is not written to: imports refuse it.
    let before = std::fs::read(&db).unwrap();
    let out = run(&["tm", "import", "--tm", text(&db), text(&file)]);
    if out.status.success() {
        // SQLite's structure check finds nothing wrong (the bytes were inside a value): learning
        // the unit again writes the row that could not be read.
        assert!(
            stderr(&out).contains("updated 1, 499 known already"),
            "{}",
            stderr(&out)
        );
        assert_eq!(
            run(&["tm", "check", "--tm", text(&db)]).status.code(),
            Some(0)
        );
    } else {
        assert_eq!(std::fs::read(&db).unwrap(), before);
    }
}

#[test]
fn read_only_commands_never_create_or_change_a_file_and_paths_are_literal() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.wbtm");
    std::fs::write(&empty, b"").unwrap();
    for args in [
        vec!["tm", "stats", "--tm"],
        vec!["tm", "export", "--tm"],
        vec!["tm", "lookup", "--tm"],
    ] {
        let mut args = args.clone();
        args.push(text(&empty));
        if args[1] == "lookup" {
            args.push("Hallo");
        }
        let out = run(&args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(
            stderr(&out).contains("the file is empty"),
            "{}",
            stderr(&out)
        );
        assert_eq!(std::fs::metadata(&empty).unwrap().len(), 0);
    }
    let missing = dir.path().join("missing.wbtm");
    let out = run(&["tm", "stats", "--tm", text(&missing)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!missing.exists());

    // `file:` is part of a file name, not an SQLite URI.
    let file = dir.path().join("job.xlf");
    std::fs::write(&file, translated_xliff(3, 1)).unwrap();
    let out = werkbank()
        .current_dir(dir.path())
        .args(["tm", "import", "--tm", "file:shared.db", text(&file)])
        .output()
        .unwrap();
    ok(&out);
    assert!(dir.path().join("file:shared.db").exists());
    assert!(!dir.path().join("shared.db").exists());
}

#[test]
fn an_over_long_segment_is_matched_exactly_only() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("memory.wbtm");
    let long_source: String = (0..3000).map(|i| format!("Wort{i} ")).collect();
    let long_target: String = (0..3000).map(|i| format!("word{i} ")).collect();
    let file = dir.path().join("long.xlf");
    std::fs::write(
        &file,
        format!("<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.1\" srcLang=\"de\" trgLang=\"en\"><file id=\"f\"><unit id=\"u\"><segment state=\"translated\"><source>{long_source}</source><target>{long_target}</target></segment></unit></file></xliff>"),
    )
    .unwrap();
    ok(&run(&["tm", "import", "--tm", text(&db), text(&file)]));
    let queries = PathBuf::from(dir.path()).join("queries.txt");
    let near = long_source.replacen("Wort5 ", "Anders ", 1);
    std::fs::write(
        &queries,
        format!("{}\n{}\n", long_source.trim(), near.trim()),
    )
    .unwrap();
    let out = run(&[
        "tm",
        "lookup",
        "--tm",
        text(&db),
        "--min-score",
        "50",
        "--format",
        "json",
        "--queries",
        text(&queries),
    ]);
    ok(&out);
    let lines: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines[0]["matches"][0]["score"], 100);
    assert_eq!(lines[1]["matches"].as_array().unwrap().len(), 0);
}

#[test]
fn control_characters_in_a_memory_never_reach_the_terminal_raw() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("memory.wbtm");
    let tmx = dir.path().join("esc.tmx");
    // An escape sequence stored as XLIFF 1.2 and TMX carry it: a control-character placeholder.
    std::fs::write(
        &tmx,
        "<tmx version=\"1.4\"><header srclang=\"de\" segtype=\"sentence\"/><body><tu><tuv xml:lang=\"de\"><seg>Achtung<ph type=\"x-control\">001B</ph>[2J Bildschirm</seg></tuv><tuv xml:lang=\"en\"><seg>Warning<ph type=\"x-control\">001B</ph>[2J screen</seg></tuv></tu></body></tmx>",
    )
    .unwrap();
    ok(&run(&["tm", "import", "--tm", text(&db), text(&tmx)]));
    let out = run(&[
        "tm",
        "lookup",
        "--tm",
        text(&db),
        "--min-score",
        "1",
        "Achtung Bildschirm",
    ]);
    ok(&out);
    let shown = stdout(&out);
    assert!(!shown.contains('\u{1b}'), "{shown:?}");
    assert!(shown.contains("Warning\\u{1b}[2J screen"), "{shown}");
}
