//! Splits a text into sentences with the built-in rules of a language, or with an SRX file.
//!
//! ```text
//! cargo run -p werkbank-segment --example segment_text
//! cargo run -p werkbank-segment --example segment_text -- en "Dr. Smith arrived at 5 p.m. on Monday. He left."
//! cargo run -p werkbank-segment --example segment_text -- de "Text ..." rules.srx
//! ```

use werkbank_segment::Segmenter;

const GERMAN: &str = "Die Sitzung beginnt um 9.30 Uhr im 3. Stock. Bitte bringen Sie z. B. \
                      Ihren Ausweis mit! Fragen? Rufen Sie uns an.";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let language = args.next().unwrap_or_else(|| "de".into());
    let text = args.next().unwrap_or_else(|| GERMAN.into());
    let segmenter = match args.next() {
        Some(srx) => Segmenter::from_srx(&std::fs::read_to_string(srx)?, &language)?,
        None => Segmenter::builtin(&language.parse()?)?,
    };
    for (number, sentence) in segmenter.segments(&text).enumerate() {
        println!("{:>2}  {sentence}", number + 1);
    }
    Ok(())
}
