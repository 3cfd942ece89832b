//! Writes a generated XLIFF document like those the benchmark uses, for measuring the command
//! line (`/usr/bin/time -v werkbank xliff rewrite ...`).
//!
//! `cargo run --release -p werkbank-xliff --example xliff_generate -- OUT.xlf [MEGABYTES] [2.1|1.2]`

#[path = "../benches/support/generate.rs"]
mod generate;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(out) = args.next() else {
        eprintln!("usage: xliff_generate OUT.xlf [MEGABYTES] [2.1|1.2]");
        std::process::exit(2);
    };
    let megabytes: usize = args.next().and_then(|m| m.parse().ok()).unwrap_or(50);
    let text = match args.next().as_deref() {
        Some("1.2") => generate::xliff_12(megabytes << 20),
        _ => generate::xliff_21(megabytes << 20),
    };
    if let Err(error) = std::fs::write(&out, text.as_bytes()) {
        eprintln!("{out}: {error}");
        std::process::exit(1);
    }
}
