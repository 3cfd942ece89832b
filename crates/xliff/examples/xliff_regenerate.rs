//! Writes an XLIFF file with every tag regenerated (or, with `--model`, with all inline content
//! written through the model) to standard output; for looking at differences.
//!
//! `cargo run -p werkbank-xliff --example xliff_regenerate -- [--model] FILE`

use werkbank_xliff::Document;
use werkbank_xliff::WriteMode;

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let model = args.first().is_some_and(|a| a == "--model");
    if model {
        args.remove(0);
    }
    let Some(file) = args.first() else {
        eprintln!("usage: regenerate [--model] FILE");
        std::process::exit(2);
    };
    let result = Document::read_file(std::path::Path::new(file)).and_then(|mut document| {
        if model {
            document.rewrite_from_model()?;
            Ok(document.to_text(WriteMode::Preserve))
        } else {
            Ok(document.to_text(WriteMode::Regenerate))
        }
    });
    match result {
        Ok(text) => print!("{text}"),
        Err(error) => {
            eprintln!("{file}: {error}");
            std::process::exit(1);
        }
    }
}
