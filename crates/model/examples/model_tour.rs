//! The segment model in a few lines: content with inline codes, its coded-text view, and a
//! translation unit as JSON.
//!
//! ```text
//! cargo run -p werkbank-model --example model_tour
//! ```

use werkbank_model::{Content, InlineCode, TranslationUnit};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // "Klicken Sie auf <b>Speichern</b>." with the bold tags as a pair of codes.
    let mut source = Content::from_text("Klicken Sie auf ");
    source.push_code(InlineCode::opening("1").with_data("<b>"));
    source.push_text("Speichern");
    source.push_code(InlineCode::closing("1").with_data("</b>"));
    source.push_text(".");

    println!("plain text: {}", source.plain_text());
    println!("codes:      {}", source.codes().len());
    // Codes as private-use characters: one string in which a matcher can see where they are.
    println!("coded text: {:?}", source.coded_text());

    let mut target = Content::from_text("Click ");
    for (index, word) in [(0, "Save"), (1, ".")] {
        target.push_code(source.codes()[index].code.clone());
        target.push_text(word);
    }
    let unit = TranslationUnit::new("de".parse()?, "en".parse()?, source, target);
    println!("\n{}", serde_json::to_string_pretty(&unit)?);
    Ok(())
}
