//! Writes the generated XLIFF 2.1 document the benchmark uses, for measuring the command line
//! (`/usr/bin/time -v werkbank xliff rewrite ...`).
//!
//! `cargo run --release -p werkbank-xliff --example xliff_generate -- OUT.xlf [MEGABYTES]`

#[path = "../benches/support/generate.rs"]
mod generate;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(out) = args.next() else {
        eprintln!("usage: generate OUT.xlf [MEGABYTES]");
        std::process::exit(2);
    };
    let megabytes: usize = args.next().and_then(|m| m.parse().ok()).unwrap_or(50);
    let text = generate::xliff_21(megabytes << 20);
    if let Err(error) =
        werkbank_xliff::write_atomically(std::path::Path::new(&out), text.as_bytes())
    {
        eprintln!("{error}");
        std::process::exit(1);
    }
}
