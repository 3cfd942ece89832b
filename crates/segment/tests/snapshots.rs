//! Snapshot of segmenting a German article written for this project.

use werkbank_segment::Segmenter;

const ARTICLE: &str = "\
Neue Brücke über die Elbe eröffnet

Nach vier Jahren Bauzeit ist die neue Brücke bei Dresden am 3. Oktober für den Verkehr \
freigegeben worden. Die Baukosten lagen bei ca. 48,5 Mio. Euro, d. h. rund 6 Prozent über dem Plan. \
„Wir sind stolz. Das Ergebnis kann sich sehen lassen“, sagte Bürgermeisterin Dr. Anna Roth bei der Feier.

Die Brücke ersetzt einen Bau aus dem 19. Jahrhundert. Dieser war seit 2019 gesperrt (vgl. Abs. 2 \
des Gutachtens). Täglich sollen bis zu 21.000 Fahrzeuge die Elbe queren, z. B. Busse der Linie 61.

Was sagen die Anwohner? Viele sind erleichtert! Andere fürchten mehr Lärm … und klagen bereits. \
Informationen gibt es unter www.stadt-beispiel.de/bruecke oder per E-Mail an bau@stadt-beispiel.de.

Die nächsten Schritte:
1. Rückbau der Behelfsbrücke bis Ende Nov. 2026.
2. Pflanzung von 120 Bäumen entlang der Zufahrt.
";

#[test]
fn german_article() {
    let segmenter = Segmenter::builtin(&"de".parse().unwrap()).unwrap();
    let spans = segmenter.split(ARTICLE).unwrap();
    let lines: Vec<String> = spans
        .iter()
        .map(|span| {
            format!(
                "{} [{}..{}] {}",
                span.paragraph,
                span.start,
                span.end,
                span.text(ARTICLE)
            )
        })
        .collect();
    insta::assert_snapshot!(lines.join("\n"));
}
