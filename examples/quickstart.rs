//! The README's main command: segment a German text and print its sentences.
//!
//! ```text
//! cargo run --release --example quickstart
//! ```

use werkbank::segment::Segmenter;

/// A short German press release, written for this example.
const PRESS_RELEASE: &str = "\
Stadtwerke stellen auf Ökostrom um

Ab dem 1. Januar 2027 beziehen alle Haushalte in Neustadt Strom aus erneuerbaren Quellen. \
Der Preis steigt dabei um ca. 0,8 Cent je kWh, d. h. um etwa 2 Euro im Monat. \
„Wir halten Wort. Die Umstellung ist bezahlbar“, sagte Geschäftsführerin Dr. Lena Brandt am Montag.

Kundinnen und Kunden müssen nichts tun. Fragen beantwortet die Hotline (Tel. 0800 123456) \
werktags von 8 bis 18 Uhr. Weitere Informationen gibt es unter www.stadtwerke-neustadt.de/oekostrom.
";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let segmenter = Segmenter::builtin(&"de".parse()?)?;
    let spans = segmenter.split(PRESS_RELEASE)?;
    println!(
        "{} segments in {} paragraphs:\n",
        spans.len(),
        paragraphs(&spans)
    );
    println!("{:>3}  {:>4}  {:>9}  text", "#", "par.", "bytes");
    for (number, span) in spans.iter().enumerate() {
        println!(
            "{:>3}  {:>4}  {:>4}–{:<4}  {}",
            number + 1,
            span.paragraph + 1,
            span.start,
            span.end,
            span.text(PRESS_RELEASE)
        );
    }
    Ok(())
}

fn paragraphs(spans: &[werkbank::segment::SegmentSpan]) -> usize {
    spans.last().map_or(0, |s| s.paragraph + 1)
}
