//! Conformance of the XLIFF validator against the OASIS XLIFF 2.1 and 2.2 test suites.
//!
//! ```sh
//! cargo run --release -p werkbank-xliff --example xliff_conformance -- \
//!     ../shared/data/xliff/testsuite [--floors docs/CONFORMANCE.md] [--update docs/CONFORMANCE.md]
//! ```
//!
//! Every file listed in the suite's INDEX.tsv is read and validated:
//! - a valid file counts when it is read and validated without a finding (three 2.2 files that
//!   the suite's README names as broken upstream are reported but not counted);
//! - an invalid file counts as rejected when it is refused or has a finding, and as rejected for
//!   the stated reason when a finding's rule family belongs to the file's category;
//! - an in-out pair counts when the `_in` file, processed as its name says, gives the `_out`
//!   file (compared as canonical XML after dropping whitespace between elements).
//!
//! Every failing case is listed. With `--floors`, the run fails when a count is below its floor.

#[path = "support/in_out.rs"]
mod in_out;
#[path = "support/sentence_breaks.rs"]
mod sentence_breaks;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use werkbank_xliff::validate::{self, Options};
use werkbank_xliff::Document;

const BEGIN: &str = "<!-- xliff:start -->";
const END: &str = "<!-- xliff:end -->";

/// Files of the 2.2 suite that its README names as broken upstream (oasis-tcs/xliff-xliff-22#47).
const UPSTREAM_BROKEN: &[&str] = &[
    "Good-pgs_plural.xlf",
    "Good-mda_top-level.xlf",
    "Good-itsm_text-analytics.xlf",
];

/// Which rule families state the reason of each INDEX.tsv category.
fn families(category: &str) -> &'static [&'static str] {
    let c = category;
    if c.starts_with("document-structure") {
        &["structure"]
    } else if c.starts_with("ids-uniqueness") {
        &["id"]
    } else if c.starts_with("inline-code pairing") {
        &["inline"]
    } else if c.starts_with("editing-hints") {
        &["editing-hints"]
    } else if c.starts_with("originalData") {
        &["data-ref"]
    } else if c.starts_with("state/subState") {
        &["attribute"]
    } else if c.starts_with("extension points") {
        &["extension"]
    } else if c.starts_with("modules used in core") {
        &["fs", "val"]
    } else if c.starts_with("fragment identifiers") {
        &["fragment"]
    } else if c.starts_with("type/subType") {
        &["type"]
    } else if c.starts_with("annotations") {
        &["annotation"]
    } else if c.starts_with("language-attrs") {
        &["language"]
    } else if c.starts_with("ctr") {
        &["ctr"]
    } else if c.starts_with("fs") {
        &["fs"]
    } else if c.starts_with("gls") {
        &["gls"]
    } else if c.starts_with("mda") {
        &["mda"]
    } else if c.starts_with("mtc") {
        &["mtc"]
    } else if c.starts_with("res") {
        &["res"]
    } else if c.starts_with("slr") {
        &["slr"]
    } else if c.starts_with("val") {
        &["val"]
    } else if c.starts_with("its") {
        &["its"]
    } else {
        &[]
    }
}

#[derive(Default)]
struct Tally {
    valid: usize,
    accepted: usize,
    broken: usize,
    invalid: usize,
    rejected: usize,
    right_reason: usize,
    pairs: usize,
    reproduced: usize,
}

fn main() {
    if let Err(message) = run() {
        eprintln!("conformance: {message}");
        std::process::exit(1);
    }
}

fn options_for(folder: &Path) -> Options {
    let properties = folder.join("extra-prefixes.properties");
    Options::default().with_extra_prefixes(
        std::fs::read_to_string(properties)
            .map(|text| validate::parse_prefix_properties(&text))
            .unwrap_or_default(),
    )
}

fn run() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let mut suite: Option<PathBuf> = None;
    let mut floors_file: Option<PathBuf> = None;
    let mut update_file: Option<PathBuf> = None;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--floors" => floors_file = args.next().map(PathBuf::from),
            "--update" => update_file = args.next().map(PathBuf::from),
            _ => suite = Some(PathBuf::from(arg)),
        }
    }
    let suite =
        suite.ok_or("usage: xliff_conformance TESTSUITE_DIR [--floors FILE] [--update FILE]")?;
    let index = std::fs::read_to_string(suite.join("INDEX.tsv"))
        .map_err(|e| format!("{}: {e}", suite.join("INDEX.tsv").display()))?;
    let mut tallies: BTreeMap<String, Tally> = BTreeMap::new();
    let mut failures: Vec<String> = Vec::new();
    let mut in_files: Vec<(String, PathBuf)> = Vec::new();
    for line in index.lines().skip(1) {
        let fields: Vec<&str> = line.split('\t').collect();
        let [version, part, expected, file, category, ..] = fields.as_slice() else {
            continue;
        };
        let folder = suite
            .join(version)
            .join("test-suite")
            .join(part)
            .join(expected);
        let path = folder.join(file);
        let tally = tallies.entry(version.to_string()).or_default();
        let result = std::fs::read(&path)
            .map_err(|e| e.to_string())
            .and_then(|bytes| Document::parse(&bytes).map_err(|e| e.to_string()))
            .map(|document| validate::validate_with(&document, &options_for(&folder)));
        let name = format!("{version}/{part}/{expected}/{file}");
        match *expected {
            "valid" => {
                if UPSTREAM_BROKEN.contains(file) && *version == "xliff-22" {
                    tally.broken += 1;
                    let outcome = match &result {
                        Ok(findings) if findings.is_empty() => "accepted".to_string(),
                        Ok(findings) => format!("rejected: {}", summary(findings)),
                        Err(error) => format!("refused: {error}"),
                    };
                    failures.push(format!(
                        "- {name} (broken upstream, not counted): {outcome}"
                    ));
                    continue;
                }
                tally.valid += 1;
                match result {
                    Ok(findings) if findings.is_empty() => tally.accepted += 1,
                    Ok(findings) => failures.push(format!(
                        "- {name}: valid but rejected: {}",
                        summary(&findings)
                    )),
                    Err(error) => failures.push(format!("- {name}: valid but refused: {error}")),
                }
            }
            "invalid" => {
                tally.invalid += 1;
                let wanted = families(category);
                match result {
                    Ok(findings) if findings.is_empty() => {
                        failures.push(format!("- {name}: invalid ({category}) but accepted"));
                    }
                    Ok(findings) => {
                        tally.rejected += 1;
                        if findings.iter().any(|f| wanted.contains(&f.family())) {
                            tally.right_reason += 1;
                        } else {
                            failures.push(format!(
                                "- {name}: rejected, but not for {category}: {}",
                                summary(&findings)
                            ));
                        }
                    }
                    Err(error) => {
                        tally.rejected += 1;
                        failures.push(format!(
                            "- {name}: refused while reading, not for {category}: {error}"
                        ));
                    }
                }
            }
            "in-out" => {
                if let Some(stem) = file.strip_suffix("_in.xlf") {
                    in_files.push((version.to_string(), folder.join(format!("{stem}_in.xlf"))));
                }
            }
            _ => {}
        }
    }
    for (version, input) in in_files {
        let tally = tallies.entry(version.clone()).or_default();
        tally.pairs += 1;
        let output = PathBuf::from(input.to_string_lossy().replace("_in.xlf", "_out.xlf"));
        let name = input
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        match in_out::reproduce_in_out(&input, &output) {
            Ok(()) => tally.reproduced += 1,
            Err(message) => failures.push(format!("- {version}/core/in-out/{name}: {message}")),
        }
    }

    let mut report = String::new();
    let _ = writeln!(report, "{BEGIN}");
    let _ = writeln!(
        report,
        "| suite | valid accepted | invalid rejected | rejected for the stated reason | in-out pairs reproduced |"
    );
    let _ = writeln!(report, "|---|---|---|---|---|");
    let mut total = Tally::default();
    for (version, t) in &tallies {
        let _ = writeln!(
            report,
            "| {version} | {}/{} | {}/{} | {}/{} | {}/{} |",
            t.accepted,
            t.valid,
            t.rejected,
            t.invalid,
            t.right_reason,
            t.invalid,
            t.reproduced,
            t.pairs
        );
        total.valid += t.valid;
        total.accepted += t.accepted;
        total.invalid += t.invalid;
        total.rejected += t.rejected;
        total.right_reason += t.right_reason;
        total.pairs += t.pairs;
        total.reproduced += t.reproduced;
        total.broken += t.broken;
    }
    let _ = writeln!(
        report,
        "| all | {}/{} | {}/{} | {}/{} | {}/{} |",
        total.accepted,
        total.valid,
        total.rejected,
        total.invalid,
        total.right_reason,
        total.invalid,
        total.reproduced,
        total.pairs
    );
    let _ = writeln!(report, "\nFailing cases ({}):\n", failures.len());
    for failure in &failures {
        let _ = writeln!(report, "{failure}");
    }
    let _ = writeln!(report, "{END}");
    println!("{report}");

    if let Some(path) = update_file {
        let existing =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let (Some(begin), Some(end)) = (existing.find(BEGIN), existing.find(END)) else {
            return Err(format!("{} has no {BEGIN} … {END} section", path.display()));
        };
        let updated = format!(
            "{}{}{}",
            existing.get(..begin).unwrap_or(""),
            report.trim_end(),
            existing.get(end + END.len()..).unwrap_or("")
        );
        std::fs::write(&path, updated.as_bytes()).map_err(|e| e.to_string())?;
    }

    if let Some(path) = floors_file {
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let counts = [
            ("xliff.valid_accepted", total.accepted),
            ("xliff.invalid_rejected", total.rejected),
            ("xliff.invalid_right_reason", total.right_reason),
            ("xliff.in_out_reproduced", total.reproduced),
        ];
        let mut below = 0;
        let mut found = 0;
        for line in text.lines() {
            let mut parts = line.split_whitespace();
            let (Some(key), Some(value)) = (parts.next(), parts.next()) else {
                continue;
            };
            let Some((_, count)) = counts.iter().find(|(k, _)| *k == key) else {
                continue;
            };
            found += 1;
            let floor: usize = value.parse().map_err(|_| format!("bad floor {line:?}"))?;
            if *count < floor {
                eprintln!("below floor: {key} {count} < {floor}");
                below += 1;
            } else {
                eprintln!("floor kept: {key} {count} >= {floor}");
            }
        }
        if found == 0 {
            return Err(format!("{}: no xliff.* floors", path.display()));
        }
        if below > 0 {
            return Err(format!("{below} count(s) below their floor"));
        }
    }
    Ok(())
}

fn summary(findings: &[validate::Finding]) -> String {
    findings
        .iter()
        .take(3)
        .map(|f| format!("{} {} ({})", f.position, f.rule, f.message))
        .collect::<Vec<_>>()
        .join("; ")
}
