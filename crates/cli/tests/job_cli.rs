//! `werkbank xliff pretranslate`, `werkbank xliff merge` and `werkbank tm import` of translated
//! XLIFF, as a user runs them.

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

const TEXT: &str = "Die Messe beginnt am Montag. Der Eintritt ist frei.\n\n\
                    Anmeldung bitte bis Freitag. Es gibt 300 Parkplätze.\n";

const TMX: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="de" datatype="plaintext"/>
<body>
<tu><tuv xml:lang="de"><seg>Die Messe beginnt am Montag.</seg></tuv><tuv xml:lang="en"><seg>The fair opens on Monday.</seg></tuv></tu>
<tu><tuv xml:lang="de"><seg>Es gibt 200 Parkplätze.</seg></tuv><tuv xml:lang="en"><seg>There are 200 parking spaces.</seg></tuv></tu>
</body></tmx>
"#;

struct Job {
    _dir: tempfile::TempDir,
    root: PathBuf,
}

impl Job {
    fn new(version: &str) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().to_path_buf();
        std::fs::write(root.join("messe.txt"), TEXT).unwrap();
        std::fs::write(root.join("memory.tmx"), TMX).unwrap();
        let out = werkbank(&[
            "xliff",
            "create",
            "--xliff-version",
            version,
            "-o",
            text(&root.join("messe.xlf")),
            text(&root.join("messe.txt")),
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
        Self { _dir: dir, root }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.root.join(name)
    }
}

#[test]
fn pretranslate_merge_import_and_context_matches_next_time() {
    for version in ["1.2", "2.1"] {
        let job = Job::new(version);
        let out = werkbank(&[
            "xliff",
            "pretranslate",
            "--tm",
            text(&job.path("memory.tmx")),
            "--report",
            text(&job.path("report.json")),
            "-o",
            text(&job.path("pre.xlf")),
            text(&job.path("messe.xlf")),
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(
            stderr(&out).contains(
                "4 segments, 1 filled exact (100), 1 with fuzzy candidates, 2 without a match"
            ),
            "{}",
            stderr(&out)
        );
        let report: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(job.path("report.json")).unwrap())
                .unwrap();
        let segments = report["segments"].as_array().unwrap();
        assert_eq!(segments[0]["outcome"], "filled_exact");
        assert_eq!(segments[3]["outcome"], "offered");
        assert_eq!(segments[3]["score"], 99);
        assert_eq!(segments[3]["proposal"], "There are 300 parking spaces.");

        let out = werkbank(&["xliff", "validate", text(&job.path("pre.xlf"))]);
        assert!(
            out.status.success(),
            "{version}: {}",
            String::from_utf8_lossy(&out.stdout)
        );

        let out = werkbank(&[
            "xliff",
            "merge",
            "-o",
            text(&job.path("messe.en.txt")),
            text(&job.path("pre.xlf")),
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(stderr(&out).contains("3 of 4 segments are not translated"));
        assert_eq!(
            std::fs::read_to_string(job.path("messe.en.txt")).unwrap(),
            "The fair opens on Monday. Der Eintritt ist frei.\n\n\
             Anmeldung bitte bis Freitag. Es gibt 300 Parkplätze.\n"
        );

        // 2.x: the filled segment is learnt; 1.2: its trans-unit is not translated as a whole.
        let db = job.path("memory.wbtm");
        let out = werkbank(&[
            "tm",
            "import",
            "--tm",
            text(&db),
            text(&job.path("pre.xlf")),
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
        let learnt = if version == "2.1" { 1 } else { 0 };
        assert!(
            stderr(&out).contains(&format!("imported {learnt} translated segments")),
            "{}",
            stderr(&out)
        );
        if version == "2.1" {
            let out = werkbank(&[
                "xliff",
                "pretranslate",
                "--tm",
                text(&db),
                "-o",
                text(&job.path("again.xlf")),
                text(&job.path("messe.xlf")),
            ]);
            assert!(out.status.success(), "{}", stderr(&out));
            assert!(
                stderr(&out).contains("1 filled in context (101)"),
                "{}",
                stderr(&out)
            );
            // Importing the same file again changes nothing.
            let out = werkbank(&[
                "tm",
                "import",
                "--tm",
                text(&db),
                text(&job.path("pre.xlf")),
            ]);
            assert!(
                stderr(&out).contains("imported 0 translated segments, updated 0, 1 known already"),
                "{}",
                stderr(&out)
            );
        }
    }
}

#[test]
fn bad_input_gets_a_clear_error_and_no_output_file() {
    let job = Job::new("2.1");
    let out_path = job.path("out.xlf");
    let run = |input: &Path, tm: &Path| {
        werkbank(&[
            "xliff",
            "pretranslate",
            "--tm",
            text(tm),
            "-o",
            text(&out_path),
            text(input),
        ])
    };

    // Not valid XLIFF (a segment id used twice): pre-translated anyway, with a warning that
    // names the first problem.
    let created = std::fs::read_to_string(job.path("messe.xlf")).unwrap();
    let invalid = job.path("invalid.xlf");
    std::fs::write(&invalid, created.replace("id=\"s2\"", "id=\"s1\"")).unwrap();
    let out = run(&invalid, &job.path("memory.tmx"));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let message = stderr(&out);
    assert!(
        message.contains("warning: ")
            && message.contains("invalid.xlf:")
            && message.contains("not valid XLIFF"),
        "{message}"
    );
    assert!(out_path.exists());
    std::fs::remove_file(&out_path).unwrap();

    // Not XLIFF at all.
    let broken = job.path("broken.xlf");
    std::fs::write(&broken, &created[..created.len() / 2]).unwrap();
    let out = run(&broken, &job.path("memory.tmx"));
    assert_eq!(out.status.code(), Some(1));
    let message = stderr(&out);
    assert!(message.contains("broken.xlf:"), "{message}");
    assert_eq!(message.lines().count(), 1, "{message}");
    assert!(!out_path.exists());

    // No target language: the memory's is taken, said, and written into the document.
    let untargeted = job.path("untargeted.xlf");
    std::fs::write(&untargeted, created.replace(" trgLang=\"en\"", "")).unwrap();
    let out = run(&untargeted, &job.path("memory.tmx"));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("names no target language; taken as the memory's, en"),
        "{}",
        stderr(&out)
    );
    let written = std::fs::read_to_string(&out_path).unwrap();
    assert!(written.contains(" trgLang=\"en\""), "{written}");
    std::fs::remove_file(&out_path).unwrap();

    // A TMX of another language pair.
    let french = job.path("fr.tmx");
    std::fs::write(&french, TMX.replace("xml:lang=\"en\"", "xml:lang=\"fr\"")).unwrap();
    let out = run(&job.path("messe.xlf"), &french);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("another language pair"),
        "{}",
        stderr(&out)
    );
    assert!(!out_path.exists());

    // A SQLite memory of another language pair.
    let db = job.path("fr.wbtm");
    let out = werkbank(&[
        "tm",
        "import",
        "--tm",
        text(&db),
        "--target-lang",
        "fr",
        text(&french),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = run(&job.path("messe.xlf"), &db);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("de→en but the matches are de→fr"),
        "{}",
        stderr(&out)
    );
    assert!(!out_path.exists());

    // Not XML at all.
    let broken = job.path("broken.xlf");
    std::fs::write(&broken, "<xliff version=\"2.1\"><file>").unwrap();
    let out = run(&broken, &job.path("memory.tmx"));
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("broken.xlf:1:"), "{}", stderr(&out));
    assert!(!out_path.exists());

    // Importing a translated XLIFF of another pair into a de→en memory.
    let en_db = job.path("en.wbtm");
    let out = werkbank(&[
        "tm",
        "import",
        "--tm",
        text(&en_db),
        text(&job.path("memory.tmx")),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let other_pair = job.path("other.xlf");
    std::fs::write(
        &other_pair,
        created
            .replace("trgLang=\"en\"", "trgLang=\"fr\"")
            .replace("<segment id=\"s1\">", "<segment id=\"s1\" state=\"translated\">")
            .replace(
                "Die Messe beginnt am Montag.</source>",
                "Die Messe beginnt am Montag.</source>\n    <target xml:space=\"preserve\">La foire ouvre lundi.</target>",
            ),
    )
    .unwrap();
    let out = werkbank(&["tm", "import", "--tm", text(&en_db), text(&other_pair)]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("de→fr but the translation memory is de→en"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn merge_warns_and_falls_back_to_the_source() {
    let job = Job::new("2.1");
    let out = werkbank(&["xliff", "merge", text(&job.path("messe.xlf"))]);
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout), TEXT);
    assert!(stderr(&out).contains("4 of 4 segments are not translated"));
}
