//! The generated document of the pre-translation benchmark: sentences that are, in turn, a
//! stored source (exact match), a variant of one (fuzzy match) and two sentences joined (mostly
//! no match), as an XLIFF 2.1 file with five segments to a unit.

use crate::material;

/// Text as XLIFF 2 content: markup escaped, characters XML does not allow (the material has a
/// few control characters) as `<cp>`.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => {
                out.push_str(&format!("<cp hex=\"{:04X}\"/>", u32::from(c)))
            }
            c => out.push(c),
        }
    }
    out
}

/// The document's segments: exact, fuzzy and unknown in turn.
pub fn sentences(units: &[werkbank::model::TranslationUnit], count: usize) -> Vec<String> {
    let pairs = material::pairs();
    let mut sequence = material::Sequence(7);
    (0..count)
        .map(|i| {
            let stored = &units[sequence.next(units.len())];
            let text = stored.source.plain_text().to_string();
            match i % 3 {
                0 => text,
                1 => {
                    let (other, _) = &pairs[sequence.next(pairs.len())];
                    material::variant(&text, other, &mut sequence)
                }
                _ => {
                    let (a, _) = &pairs[sequence.next(pairs.len())];
                    let (b, _) = &pairs[sequence.next(pairs.len())];
                    format!("{a} {b}")
                }
            }
        })
        .collect()
}

pub fn xliff(sentences: &[String]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.1\" srcLang=\"de\" trgLang=\"en\">\n <file id=\"f1\">\n",
    );
    for (unit, chunk) in sentences.chunks(5).enumerate() {
        out.push_str(&format!("  <unit id=\"u{}\">\n", unit + 1));
        for (i, sentence) in chunk.iter().enumerate() {
            out.push_str(&format!(
                "   <segment id=\"s{}\">\n    <source>{}</source>\n   </segment>\n",
                unit * 5 + i + 1,
                escape(sentence)
            ));
        }
        out.push_str("  </unit>\n");
    }
    out.push_str(" </file>\n</xliff>\n");
    out
}
