//! Match quality on a German→English memory written for these tests: expected ranking and
//! score bands for number substitution, tag penalties, context, case and punctuation, and short
//! segments.

use werkbank_model::ProposalKind;
use werkbank_model::{Content, InlineCode, TranslationUnit};
use werkbank_tm::{InMemoryStore, LookupOptions, Memory};

fn unit(source: Content, target: Content) -> TranslationUnit {
    TranslationUnit::new(
        "de-DE".parse().unwrap(),
        "en-GB".parse().unwrap(),
        source,
        target,
    )
}

fn text(s: &str) -> Content {
    Content::from_text(s)
}

fn bold(before: &str, word: &str, after: &str, data: &str) -> Content {
    let mut content = Content::from_text(before);
    content.push_code(InlineCode::opening("1").with_data(format!("<{data}>")));
    content.push_text(word);
    content.push_code(InlineCode::closing("1").with_data(format!("</{data}>")));
    content.push_text(after);
    content
}

fn memory() -> Memory<InMemoryStore> {
    let mut memory = Memory::open(
        InMemoryStore::new(),
        "de".parse().unwrap(),
        "en".parse().unwrap(),
    )
    .unwrap();
    let mut with_context = unit(
        text("Starten Sie das Gerät neu."),
        text("Restart the device."),
    );
    with_context.context.previous = Some("Das Update ist installiert.".into());
    with_context.context.next = Some("Melden Sie sich erneut an.".into());
    memory
        .add_all(vec![
            unit(
                text("Waschen Sie die Jacke bei 40 °C."),
                text("Wash the jacket at 40 °C."),
            ),
            unit(
                text("Die Datei wurde gespeichert."),
                text("The file has been saved."),
            ),
            unit(
                text("Die Datei wurde nicht gespeichert."),
                text("The file has not been saved."),
            ),
            unit(
                text("Die Datei konnte nicht gelesen werden."),
                text("The file could not be read."),
            ),
            unit(
                text("Drücken Sie die Taste, um das Gerät einzuschalten."),
                text("Press the button to switch the device on."),
            ),
            unit(
                bold("Klicken Sie auf ", "Speichern", ".", "b"),
                bold("Click ", "Save", ".", "b"),
            ),
            with_context,
            unit(text("Speichern"), text("Save")),
            unit(text("Speichern unter"), text("Save as")),
            unit(text("Abbrechen"), text("Cancel")),
        ])
        .unwrap();
    memory
}

fn best(memory: &Memory<InMemoryStore>, query: Content) -> werkbank_tm::Match {
    memory
        .lookup(&query, &LookupOptions::default())
        .into_iter()
        .next()
        .expect("a match")
}

#[test]
fn a_different_number_scores_99_and_the_target_is_adapted() {
    let found = best(&memory(), text("Waschen Sie die Jacke bei 60 °C."));
    assert_eq!(found.score, 99);
    assert_eq!(found.kind, ProposalKind::Fuzzy);
    assert_eq!(
        found.adapted_target.unwrap().plain_text(),
        "Wash the jacket at 60 °C."
    );
}

#[test]
fn case_or_punctuation_alone_costs_one_point() {
    let memory = memory();
    assert_eq!(
        best(&memory, text("die datei wurde gespeichert.")).score,
        99
    );
    assert_eq!(
        best(&memory, text("Die Datei wurde gespeichert!")).score,
        99
    );
    assert_eq!(
        best(&memory, text("Die  Datei wurde gespeichert.")).score,
        99
    );
    let exact = best(&memory, text("Die Datei wurde gespeichert."));
    assert_eq!((exact.score, exact.kind), (100, ProposalKind::Exact));
}

#[test]
fn different_tags_are_penalised_but_the_words_still_match() {
    let memory = memory();
    let same = best(&memory, bold("Klicken Sie auf ", "Speichern", ".", "b"));
    assert_eq!(same.score, 100);
    let other_tags = best(&memory, bold("Klicken Sie auf ", "Speichern", ".", "i"));
    assert_eq!(other_tags.score, 98, "two codes with other data");
    let no_tags = memory.lookup(
        &text("Klicken Sie auf Speichern."),
        &LookupOptions::default().with_min_score(50),
    );
    assert_eq!(no_tags[0].score, 66, "two codes missing of six tokens");
}

#[test]
fn context_matches_score_101() {
    let memory = memory();
    let mut options = LookupOptions::default().with_context(
        Some("Das Update ist installiert.".into()),
        Some("Melden Sie sich erneut an.".into()),
    );
    let found = memory.lookup(&text("Starten Sie das Gerät neu."), &options);
    assert_eq!(
        (found[0].score, found[0].kind),
        (101, ProposalKind::Context)
    );
    options.next = Some("Etwas anderes.".into());
    let found = memory.lookup(&text("Starten Sie das Gerät neu."), &options);
    assert_eq!((found[0].score, found[0].kind), (100, ProposalKind::Exact));
}

#[test]
fn ranking_puts_the_closest_sentence_first() {
    let found = memory().lookup(
        &text("Die Datei wurde nicht gelesen."),
        &LookupOptions::default().with_min_score(50),
    );
    let sources: Vec<&str> = found.iter().map(|m| m.unit.source.plain_text()).collect();
    assert_eq!(sources[0], "Die Datei wurde nicht gespeichert.");
    assert!(sources.contains(&"Die Datei konnte nicht gelesen werden."));
    assert!(found.windows(2).all(|w| w[0].score >= w[1].score));
}

#[test]
fn one_changed_word_is_a_fuzzy_match_with_the_change_highlighted() {
    let query = "Drücken Sie die Taste, um das Gerät auszuschalten.";
    let found = best(&memory(), text(query));
    assert_eq!(found.score, 87, "7 of 8 words kept");
    assert_eq!(found.differences.len(), 1);
    let changed = found.differences[0].query.clone().unwrap();
    assert_eq!(&query[changed], "auszuschalten");
}

#[test]
fn short_segments_are_scored_on_characters() {
    let memory = memory();
    let found = memory.lookup(&text("Speichern unter …"), &LookupOptions::default());
    assert_eq!(found[0].unit.source.plain_text(), "Speichern unter");
    assert_eq!(found[0].score, 99, "only the ellipsis differs");
    let found = memory.lookup(&text("Speicher"), &LookupOptions::default());
    assert_eq!(found[0].unit.source.plain_text(), "Speichern");
    assert_eq!(found[0].score, 88, "one letter of nine");
    assert!(memory
        .lookup(&text("Abbruch"), &LookupOptions::default())
        .is_empty());
}

#[test]
fn concordance_and_statistics() {
    let mut memory = memory();
    let hits = memory
        .concordance(&["DATEI".into()], werkbank_tm::Side::Source, 10)
        .unwrap();
    assert_eq!(hits.len(), 3);
    let hits = memory
        .concordance(&["saved".into()], werkbank_tm::Side::Target, 10)
        .unwrap();
    assert_eq!(hits.len(), 2);
    let statistics = memory.statistics();
    assert_eq!(statistics.units, 10);
    assert_eq!(statistics.units_with_context, 1);
}

#[test]
fn units_of_another_language_pair_are_refused() {
    let mut memory = memory();
    let french = TranslationUnit::new(
        "fr".parse().unwrap(),
        "en".parse().unwrap(),
        text("Bonjour"),
        text("Hello"),
    );
    assert!(memory.add(french).is_err());
    assert_eq!(memory.len(), 10);
}

/// A memory of one pair, and the best match for `query` at 50.
fn best_of_one(stored: (&str, &str), query: &str) -> werkbank_tm::Match {
    let mut memory = Memory::open(
        InMemoryStore::new(),
        "de".parse().unwrap(),
        "en".parse().unwrap(),
    )
    .unwrap();
    memory.add(unit(text(stored.0), text(stored.1))).unwrap();
    let options = LookupOptions::default().with_min_score(50);
    memory
        .lookup(&text(query), &options)
        .into_iter()
        .next()
        .expect("a match")
}

/// The adapted target of the best match, checked to score 99.
fn adapted(stored: (&str, &str), query: &str) -> String {
    let found = best_of_one(stored, query);
    assert_eq!(found.score, 99, "{query}");
    assert!(!found.numbers_not_adapted, "{query}");
    found
        .adapted_target
        .expect("numbers put in")
        .plain_text()
        .to_string()
}

#[test]
fn numbers_land_in_the_target_in_its_languages_form() {
    // Decimal comma → decimal point.
    assert_eq!(
        adapted(
            (
                "Der Wasserkocher fasst 1,5 Liter.",
                "The kettle holds 1.5 litres."
            ),
            "Der Wasserkocher fasst 1,7 Liter."
        ),
        "The kettle holds 1.7 litres."
    );
    // Thousands point → thousands comma.
    assert_eq!(
        adapted(
            (
                "Der Speicher fasst 1.000 Liter.",
                "The tank holds 1,000 litres."
            ),
            "Der Speicher fasst 2.500 Liter."
        ),
        "The tank holds 2,500 litres."
    );
    // An amount with the currency on the other side.
    assert_eq!(
        adapted(
            (
                "Das Modell kostet 1.299,00 €.",
                "The model costs €1,299.00."
            ),
            "Das Modell kostet 1.499,00 €."
        ),
        "The model costs €1,499.00."
    );
    // A ratio written with spaces in German and without in English.
    assert_eq!(
        adapted(
            (
                "Verdünnen Sie im Verhältnis 4 : 1.",
                "Dilute at a ratio of 4:1."
            ),
            "Verdünnen Sie im Verhältnis 5 : 1."
        ),
        "Dilute at a ratio of 5:1."
    );
    // The stored pair writes 14:30 as 2:30 pm: so does the adapted one, am/pm included.
    let shop = (
        "Der Laden öffnet um 14:30 Uhr.",
        "The shop opens at 2:30 pm.",
    );
    assert_eq!(
        adapted(shop, "Der Laden öffnet um 16:45 Uhr."),
        "The shop opens at 4:45 pm."
    );
    assert_eq!(
        adapted(shop, "Der Laden öffnet um 09:15 Uhr."),
        "The shop opens at 9:15 am."
    );
    // An ordinal date: "3. Oktober" is "3 October".
    assert_eq!(
        adapted(
            (
                "Die Messe beginnt am 3. Oktober.",
                "The fair starts on 3 October."
            ),
            "Die Messe beginnt am 5. Oktober."
        ),
        "The fair starts on 5 October."
    );
    // The same number twice: each occurrence in its place.
    let twice = (
        "Halten Sie die Taste 3 Sekunden und dann erneut 3 Sekunden.",
        "Hold the button for 3 seconds and then again for 3 seconds.",
    );
    assert_eq!(
        adapted(
            twice,
            "Halten Sie die Taste 2 Sekunden und dann erneut 2 Sekunden."
        ),
        "Hold the button for 2 seconds and then again for 2 seconds."
    );
    assert_eq!(
        adapted(
            twice,
            "Halten Sie die Taste 2 Sekunden und dann erneut 3 Sekunden."
        ),
        "Hold the button for 2 seconds and then again for 3 seconds."
    );
}

#[test]
fn numbers_that_cannot_be_put_in_cost_like_words_and_say_so() {
    // The target spells the number out.
    let found = best_of_one(
        (
            "Der Vorgang dauert 30 Minuten.",
            "The process takes thirty minutes.",
        ),
        "Der Vorgang dauert 40 Minuten.",
    );
    assert!(found.numbers_not_adapted);
    assert_eq!(found.adapted_target, None);
    // Five tokens, one differs: ⌊100 · 4 / 5⌋ = 80, minus the number penalty.
    assert_eq!(found.score, 79);
    // A variable is never adapted: %s and %d are different texts.
    let found = best_of_one(
        ("Es wurden %s Dateien gelöscht.", "%s files were deleted."),
        "Es wurden %d Dateien gelöscht.",
    );
    assert!(found.numbers_not_adapted);
    assert_eq!(found.score, 79);
    assert_eq!(found.adapted_target, None);
}

#[test]
fn an_adapted_proposal_ranks_above_an_unadapted_one() {
    let mut memory = Memory::open(
        InMemoryStore::new(),
        "de".parse().unwrap(),
        "en".parse().unwrap(),
    )
    .unwrap();
    memory
        .add_all(vec![
            unit(
                text("Die Pause dauert 15 Minuten."),
                text("The break lasts fifteen minutes."),
            ),
            unit(
                text("Die Pause dauert 15 Minuten."),
                text("The break lasts 15 minutes."),
            ),
        ])
        .unwrap();
    let found = memory.lookup(
        &text("Die Pause dauert 20 Minuten."),
        &LookupOptions::default(),
    );
    assert_eq!(found.len(), 2);
    assert_eq!(found[0].score, 99);
    assert_eq!(
        found[0].adapted_target.as_ref().unwrap().plain_text(),
        "The break lasts 20 minutes."
    );
    assert!(found[1].numbers_not_adapted);
    assert!(found[1].score < 99);
}
