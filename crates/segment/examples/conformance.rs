//! Segmentation conformance runner.
//!
//! Reads the golden rules and LanguageTool test cases from a folder (in this project's CI,
//! `../shared/data/segmentation`), runs the built-in rules and the SRX engine over them, prints
//! a Markdown report with every failing case, and checks the floors recorded in a Markdown file.
//!
//! ```text
//! cargo run --release -p werkbank-segment --example conformance -- DATA_DIR \
//!     [--floors docs/CONFORMANCE.md] [--update docs/CONFORMANCE.md]
//! ```
//! Exit code 1 when a count is below its floor, 2 on a usage or input error.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde_json::Value;
use werkbank_segment::Segmenter;

const BEGIN: &str = "<!-- segmentation:begin -->";
const END: &str = "<!-- segmentation:end -->";

struct Case {
    name: String,
    input: String,
    expected: Vec<String>,
    mode: String,
}

struct Suite {
    key: &'static str,
    title: &'static str,
    file: &'static str,
    language: &'static str,
    engine: Engine,
}

#[derive(Clone, Copy)]
enum Engine {
    Builtin,
    Srx(&'static str),
}

const SUITES: &[Suite] = &[
    Suite {
        key: "golden_de.builtin",
        title: "Golden rules, German (offset-exact, no options)",
        file: "golden_de.json",
        language: "de",
        engine: Engine::Builtin,
    },
    Suite {
        key: "golden_en.builtin",
        title: "Golden rules, English (offset-exact, no options)",
        file: "golden_en.json",
        language: "en",
        engine: Engine::Builtin,
    },
    Suite {
        key: "lt_de.builtin",
        title: "LanguageTool tests, German",
        file: "lt_tests_de.json",
        language: "de",
        engine: Engine::Builtin,
    },
    Suite {
        key: "lt_en.builtin",
        title: "LanguageTool tests, English",
        file: "lt_tests_en.json",
        language: "en",
        engine: Engine::Builtin,
    },
    Suite {
        key: "lt_de.srx_lt",
        title: "LanguageTool tests, German, through the SRX engine with lt_segment.srx",
        file: "lt_tests_de.json",
        language: "de",
        engine: Engine::Srx("lt_segment.srx"),
    },
    Suite {
        key: "lt_en.srx_lt",
        title: "LanguageTool tests, English, through the SRX engine with lt_segment.srx",
        file: "lt_tests_en.json",
        language: "en",
        engine: Engine::Srx("lt_segment.srx"),
    },
    Suite {
        key: "golden_de.srx_lt",
        title: "Golden rules, German, SRX engine with lt_segment.srx",
        file: "golden_de.json",
        language: "de",
        engine: Engine::Srx("lt_segment.srx"),
    },
    Suite {
        key: "golden_de.srx_okapi",
        title: "Golden rules, German, SRX engine with okapi_defaultSegmentation.srx",
        file: "golden_de.json",
        language: "de",
        engine: Engine::Srx("okapi_defaultSegmentation.srx"),
    },
    Suite {
        key: "lt_de.srx_okapi",
        title: "LanguageTool tests, German, SRX engine with okapi_defaultSegmentation.srx",
        file: "lt_tests_de.json",
        language: "de",
        engine: Engine::Srx("okapi_defaultSegmentation.srx"),
    },
];

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(message) => {
            eprintln!("conformance: {message}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<ExitCode, String> {
    let mut args = std::env::args().skip(1);
    let mut data: Option<PathBuf> = None;
    let mut floors_file: Option<PathBuf> = None;
    let mut update_file: Option<PathBuf> = None;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--floors" => floors_file = args.next().map(PathBuf::from),
            "--update" => update_file = args.next().map(PathBuf::from),
            other if data.is_none() => data = Some(PathBuf::from(other)),
            other => return Err(format!("unexpected argument {other:?}")),
        }
    }
    let data = data.ok_or("usage: conformance DATA_DIR [--floors FILE] [--update FILE]")?;

    let mut report = String::new();
    let mut counts: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut summary = String::from("| suite | passed | total |\n|---|---|---|\n");
    let mut details = String::new();
    for suite in SUITES {
        let cases = load_cases(&data.join(suite.file))?;
        let mut failures = Vec::new();
        let mut passed = 0;
        for case in &cases {
            let language = match suite.engine {
                Engine::Builtin => suite.language.to_string(),
                Engine::Srx(_) => format!("{}{}", suite.language, case.mode),
            };
            let segmenter = make_segmenter(&data, suite, &language)?;
            let got: Vec<String> = match segmenter.split(&case.input) {
                Ok(spans) => spans
                    .iter()
                    .map(|s| s.text(&case.input).to_string())
                    .collect(),
                Err(e) => vec![format!("ERROR: {e}")],
            };
            if got == case.expected {
                passed += 1;
            } else {
                failures.push((case, got));
            }
        }
        counts.insert(suite.key, (passed, cases.len()));
        let _ = writeln!(
            summary,
            "| {} (`{}`) | {} | {} |",
            suite.title,
            suite.key,
            passed,
            cases.len()
        );
        if !failures.is_empty() {
            let _ = writeln!(
                details,
                "\n#### Failing: {} (`{}`)\n",
                suite.title, suite.key
            );
            for (case, got) in failures {
                let _ = writeln!(
                    details,
                    "- **{}**  \n  input: `{}`",
                    case.name,
                    show(&case.input)
                );
                let _ = writeln!(details, "  - expected: {}", list(&case.expected));
                let _ = writeln!(details, "  - werkbank: {}", list(&got));
            }
        }
    }
    let _ = writeln!(report, "{BEGIN}\n{summary}{details}{END}");
    println!("{report}");

    if let Some(path) = update_file {
        let existing =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let (Some(begin), Some(end)) = (existing.find(BEGIN), existing.find(END)) else {
            return Err(format!("{} has no {BEGIN} … {END} section", path.display()));
        };
        let updated = format!(
            "{}{}{}",
            &existing[..begin],
            report.trim_end(),
            &existing[end + END.len()..]
        );
        std::fs::write(&path, &updated).map_err(|e| format!("{}: {e}", path.display()))?;
    }

    if let Some(path) = floors_file {
        let floors = read_floors(&path)?;
        let mut below = 0;
        for (key, floor) in &floors {
            let Some((passed, _)) = counts.get(key.as_str()) else {
                continue;
            };
            if passed < floor {
                eprintln!("conformance: {key}: {passed} passed, below the floor of {floor}");
                below += 1;
            } else {
                eprintln!("conformance: {key}: {passed} passed (floor {floor})");
            }
        }
        if below > 0 {
            return Ok(ExitCode::from(1));
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn make_segmenter(data: &Path, suite: &Suite, language: &str) -> Result<Segmenter, String> {
    match suite.engine {
        Engine::Builtin => Segmenter::builtin(&language.parse().map_err(|e| format!("{e}"))?)
            .map_err(|e| e.to_string()),
        Engine::Srx(file) => {
            let path = data.join(file);
            let text =
                std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            Segmenter::from_srx(&text, language).map_err(|e| format!("{}: {e}", path.display()))
        }
    }
}

/// Reads cases. Golden files keep only the offset-exact cases without options; expected segments
/// are compared without surrounding white space, and white-space-only segments are dropped.
fn load_cases(path: &Path) -> Result<Vec<Case>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let value: Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let items = value
        .as_array()
        .ok_or_else(|| format!("{}: not a JSON array", path.display()))?;
    let mut cases = Vec::new();
    for item in items {
        let golden = item.get("offset_exact").is_some();
        if golden
            && (item.get("offset_exact") != Some(&Value::Bool(true))
                || item.get("options").is_some())
        {
            continue;
        }
        let text_of = |key: &str| {
            item.get(key)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string()
        };
        let expected = item
            .get("expected")
            .and_then(Value::as_array)
            .map(|list| {
                list.iter()
                    .filter_map(Value::as_str)
                    .map(|s| {
                        s.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
                            .to_string()
                    })
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        cases.push(Case {
            name: text_of("name"),
            input: text_of("input"),
            expected,
            mode: text_of("mode"),
        });
    }
    Ok(cases)
}

fn read_floors(path: &Path) -> Result<Vec<(String, usize)>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut floors = Vec::new();
    let mut inside = false;
    for line in text.lines() {
        if line.trim() == "<!-- floors" {
            inside = true;
            continue;
        }
        if inside && line.trim() == "-->" {
            break;
        }
        if inside {
            let mut parts = line.split_whitespace();
            if let (Some(key), Some(value)) = (parts.next(), parts.next()) {
                if let Some(key) = key.strip_prefix("segmentation.") {
                    let value = value
                        .parse()
                        .map_err(|_| format!("{}: bad floor {line:?}", path.display()))?;
                    floors.push((key.to_string(), value));
                }
            }
        }
    }
    if floors.is_empty() {
        return Err(format!(
            "{}: no segmentation floors in a <!-- floors … --> block",
            path.display()
        ));
    }
    Ok(floors)
}

fn show(text: &str) -> String {
    let escaped = text
        .replace('\n', "\\n")
        .replace('\u{a0}', "\\u00a0")
        .replace('`', "'");
    if escaped.chars().count() > 300 {
        let cut: String = escaped.chars().take(300).collect();
        format!("{cut}…")
    } else {
        escaped
    }
}

fn list(segments: &[String]) -> String {
    segments
        .iter()
        .map(|s| format!("`{}`", show(s)))
        .collect::<Vec<_>>()
        .join(" ¦ ")
}
