//! The output rules of the command line (one helper behind every command): `-` for standard
//! input and output, symbolic links followed, FIFOs and devices written in place and never
//! replaced, `-o` equal to the input, permissions kept, nothing half-written or left behind,
//! and outputs that would destroy an input refused.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn werkbank() -> Command {
    Command::new(env!("CARGO_BIN_EXE_werkbank"))
}

fn run(args: &[&str]) -> Output {
    werkbank().args(args).output().unwrap()
}

fn run_with_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = werkbank()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn text(path: &Path) -> &str {
    path.to_str().unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn ok(out: &Output) {
    assert!(out.status.success(), "{}", stderr(out));
}

const TEXT: &str = "Der Zug fährt um acht Uhr ab. Er hat Verspätung.\n";

const TMX: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="de" datatype="plaintext"/>
<body>
<tu><tuv xml:lang="de"><seg>Er hat Verspätung.</seg></tuv><tuv xml:lang="en"><seg>It is late.</seg></tuv></tu>
</body></tmx>
"#;

struct Place {
    dir: tempfile::TempDir,
}

impl Place {
    fn new() -> Self {
        let place = Self {
            dir: tempfile::tempdir().unwrap(),
        };
        std::fs::write(place.path("zug.txt"), TEXT).unwrap();
        std::fs::write(place.path("memory.tmx"), TMX).unwrap();
        ok(&run(&[
            "xliff",
            "create",
            "-o",
            text(&place.path("zug.xlf")),
            text(&place.path("zug.txt")),
        ]));
        place
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Files in the directory whose name says they are temporary.
    fn temporaries(&self) -> Vec<String> {
        std::fs::read_dir(self.dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".tmp"))
            .collect()
    }
}

#[test]
fn a_dash_reads_standard_input_for_every_kind_of_file() {
    let place = Place::new();
    let xliff = std::fs::read(place.path("zug.xlf")).unwrap();

    let out = run_with_stdin(&["xliff", "create", "-o", "-", "-"], TEXT.as_bytes());
    ok(&out);
    assert!(String::from_utf8_lossy(&out.stdout).contains("Er hat Verspätung."));

    let out = run_with_stdin(&["xliff", "validate", "-"], &xliff);
    ok(&out);

    let out = run_with_stdin(
        &[
            "xliff",
            "pretranslate",
            "--tm",
            text(&place.path("memory.tmx")),
            "-",
        ],
        &xliff,
    );
    ok(&out);
    let pretranslated = out.stdout;
    assert!(String::from_utf8_lossy(&pretranslated).contains(">It is late.</target>"));

    let out = run_with_stdin(&["xliff", "merge", "-"], &pretranslated);
    ok(&out);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "Der Zug fährt um acht Uhr ab. It is late.\n"
    );

    let out = run_with_stdin(&["xliff", "rewrite", "-"], &xliff);
    ok(&out);
    assert_eq!(out.stdout, xliff);

    let out = run_with_stdin(&["xliff", "convert", "--to", "1.2", "-"], &xliff);
    ok(&out);

    let db = place.path("memory.wbtm");
    let out = run_with_stdin(&["tm", "import", "--tm", text(&db), "-"], TMX.as_bytes());
    ok(&out);
    let out = run_with_stdin(
        &["tm", "lookup", "--tm", text(&db), "--queries", "-"],
        "Er hat Verspätung.\n".as_bytes(),
    );
    ok(&out);
    assert!(String::from_utf8_lossy(&out.stdout).contains("It is late."));

    let out = run_with_stdin(
        &[
            "align",
            "--source",
            "-",
            "--target",
            text(&place.path("zug.txt")),
            "--format",
            "tsv",
        ],
        TEXT.as_bytes(),
    );
    ok(&out);

    // Standard input can be read once.
    let out = run_with_stdin(
        &["tm", "import", "--tm", text(&db), "-", "-"],
        TMX.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_is_followed_and_stays_a_link() {
    let place = Place::new();
    let target = place.path("real.txt");
    std::fs::write(&target, "old\n").unwrap();
    let link = place.path("link.txt");
    std::os::unix::fs::symlink("real.txt", &link).unwrap();
    ok(&run(&[
        "segment",
        "-o",
        text(&link),
        text(&place.path("zug.txt")),
    ]));
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        "Der Zug fährt um acht Uhr ab.\nEr hat Verspätung.\n"
    );

    // A link to a file that does not exist yet creates it.
    let dangling = place.path("dangling.txt");
    std::os::unix::fs::symlink("created.txt", &dangling).unwrap();
    ok(&run(&[
        "segment",
        "-o",
        text(&dangling),
        text(&place.path("zug.txt")),
    ]));
    assert!(std::fs::symlink_metadata(&dangling)
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(place.path("created.txt").is_file());
    assert!(place.temporaries().is_empty());
}

#[cfg(unix)]
#[test]
fn a_fifo_and_a_device_are_written_as_they_are() {
    use std::os::unix::fs::FileTypeExt;
    let place = Place::new();
    let fifo = place.path("pipe");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: mkfifo is not available");
        return;
    }
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    ok(&run(&[
        "segment",
        "-o",
        text(&fifo),
        text(&place.path("zug.txt")),
    ]));
    assert_eq!(
        reader.join().unwrap(),
        "Der Zug fährt um acht Uhr ab.\nEr hat Verspätung.\n"
    );
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());

    ok(&run(&[
        "segment",
        "-o",
        "/dev/null",
        text(&place.path("zug.txt")),
    ]));
    assert!(std::fs::metadata("/dev/null")
        .unwrap()
        .file_type()
        .is_char_device());
}

#[test]
fn the_output_may_be_the_input() {
    let place = Place::new();
    let file = place.path("zug.xlf");
    ok(&run(&[
        "xliff",
        "pretranslate",
        "--tm",
        text(&place.path("memory.tmx")),
        "-o",
        text(&file),
        text(&file),
    ]));
    assert!(std::fs::read_to_string(&file)
        .unwrap()
        .contains(">It is late.</target>"));
    assert!(place.temporaries().is_empty());
}

#[cfg(unix)]
#[test]
fn a_replaced_file_keeps_its_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let place = Place::new();
    let out = place.path("private.xlf");
    std::fs::write(&out, "old").unwrap();
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o600)).unwrap();
    ok(&run(&[
        "xliff",
        "rewrite",
        "-o",
        text(&out),
        text(&place.path("zug.xlf")),
    ]));
    let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}

#[test]
fn an_unwritable_place_is_a_one_line_error_and_leaves_nothing() {
    let place = Place::new();
    // A path below a regular file cannot be created, whoever runs the test.
    let blocked = place.path("zug.txt").join("out.xlf");
    let out = run(&[
        "xliff",
        "rewrite",
        "-o",
        text(&blocked),
        text(&place.path("zug.xlf")),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let message = stderr(&out);
    assert_eq!(message.lines().count(), 1, "{message}");
    assert!(message.contains("out.xlf"), "{message}");
    assert!(place.temporaries().is_empty());
    // A directory is not replaced either.
    let out = run(&[
        "xliff",
        "rewrite",
        "-o",
        text(place.dir.path()),
        text(&place.path("zug.xlf")),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("is a directory"), "{}", stderr(&out));
}

#[test]
fn outputs_that_would_destroy_an_input_are_refused() {
    let place = Place::new();
    let db = place.path("memory.wbtm");
    ok(&run(&[
        "tm",
        "import",
        "--tm",
        text(&db),
        text(&place.path("memory.tmx")),
    ]));
    let before = std::fs::read(&db).unwrap();
    let out = run(&["tm", "export", "--tm", text(&db), "-o", text(&db)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("is the translation memory"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read(&db).unwrap(), before);

    let xliff = place.path("zug.xlf");
    let original = std::fs::read(&xliff).unwrap();
    let out = run(&[
        "xliff",
        "pretranslate",
        "--tm",
        text(&place.path("memory.tmx")),
        "--report",
        text(&xliff),
        "-o",
        text(&place.path("out.xlf")),
        text(&xliff),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read(&xliff).unwrap(), original);
}

#[cfg(unix)]
#[test]
fn an_interrupted_command_leaves_no_temporary_file() {
    let place = Place::new();
    let out = place.path("segments.txt");
    // `segment` reads standard input, which stays open: the output is pending.
    let mut child = werkbank()
        .args(["segment", "-o", text(&out), "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(TEXT.repeat(1000).as_bytes()).unwrap();
    stdin.flush().unwrap();
    // Wait until the temporary file exists.
    for _ in 0..200 {
        if !place.temporaries().is_empty() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert!(!place.temporaries().is_empty(), "no pending output seen");
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = child.wait().unwrap();
    assert!(!status.success());
    drop(stdin);
    assert!(place.temporaries().is_empty(), "{:?}", place.temporaries());
    assert!(!out.exists());
}
