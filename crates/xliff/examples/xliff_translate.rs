//! Reads an XLIFF file, lists its segments, translates one and writes the file back: only the
//! new target is added, the rest keeps its bytes.
//!
//! ```text
//! cargo run -p werkbank-xliff --example xliff_translate
//! ```

use werkbank_model::{Content, SegmentState};
use werkbank_xliff::Document;

const FILE: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="de" trgLang="en">
  <!-- made by hand for this example -->
  <file id="f1">
    <unit id="greeting">
      <segment id="s1">
        <source>Willkommen bei <pc id="1">werkbank</pc>!</source>
      </segment>
      <ignorable>
        <source> </source>
      </ignorable>
      <segment id="s2">
        <source>Viel Erfolg.</source>
      </segment>
    </unit>
  </file>
</xliff>
"#;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut document = Document::parse(FILE.as_bytes())?;
    println!(
        "XLIFF {}, {:?} → {:?}",
        document.version(),
        document.source_language(),
        document.target_language()
    );
    let units = document.units()?;
    for unit in &units {
        for (index, part) in unit.parts.iter().enumerate() {
            let kind = if part.ignorable {
                "ignorable"
            } else {
                "segment"
            };
            println!(
                "unit {} part {index} ({kind}): {:?} with {} inline code(s)",
                unit.id,
                part.segment.source.plain_text(),
                part.segment.source.codes().len()
            );
        }
    }
    // Translate the first segment, reusing its codes.
    let source = &units[0].parts[0].segment.source;
    let mut target = Content::from_text("Welcome to ");
    target.push_code(source.codes()[0].code.clone());
    target.push_text("werkbank");
    target.push_code(source.codes()[1].code.clone());
    target.push_text("!");
    document.set_target(0, 0, &target, SegmentState::Translated)?;
    println!("\n{}", String::from_utf8(document.to_bytes())?);
    Ok(())
}
