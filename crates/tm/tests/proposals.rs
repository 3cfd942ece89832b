//! The memory answers pre-translation through the model's `MatchSource` trait.

use werkbank_model::{Content, MatchSource, ProposalKind, ProposalQuery, TranslationUnit};
use werkbank_tm::{InMemoryStore, Memory};

fn unit(source: &str, target: &str, previous: Option<&str>) -> TranslationUnit {
    let mut unit = TranslationUnit::new(
        "de".parse().unwrap(),
        "en".parse().unwrap(),
        Content::from_text(source),
        Content::from_text(target),
    );
    unit.context.previous = previous.map(str::to_string);
    unit
}

#[test]
fn exact_context_and_fuzzy_proposals() {
    let mut memory = Memory::open(
        InMemoryStore::new(),
        "de".parse().unwrap(),
        "en".parse().unwrap(),
    )
    .unwrap();
    memory
        .add_all(vec![
            unit(
                "Die Anlage startet neu.",
                "The system restarts.",
                Some("Bitte warten."),
            ),
            unit(
                "Der Filter wird alle 500 Stunden gewechselt.",
                "The filter is changed every 500 hours.",
                None,
            ),
        ])
        .unwrap();
    let source: &dyn MatchSource = &memory;
    assert_eq!(source.source_language().as_str(), "de");

    let segment = Content::from_text("Die Anlage startet neu.");
    let before = Content::from_text("Bitte warten.");
    let query = ProposalQuery::new(&segment).with_previous(Some(&before));
    let best = &source.proposals(&query).unwrap()[0];
    assert_eq!((best.score, best.kind), (101, ProposalKind::Context));

    let query = query.with_previous(None);
    assert_eq!(
        source.proposals(&query).unwrap()[0].kind,
        ProposalKind::Exact
    );
    // Several segments at once give what each gives alone.
    let both = source
        .proposals_for_all(&[query, query.with_previous(Some(&before))])
        .unwrap();
    assert_eq!(both[0][0].kind, ProposalKind::Exact);
    assert_eq!(both[1][0].kind, ProposalKind::Context);

    let numbers = Content::from_text("Der Filter wird alle 250 Stunden gewechselt.");
    let query = ProposalQuery::new(&numbers);
    let fuzzy = &source.proposals(&query).unwrap()[0];
    assert_eq!(fuzzy.kind, ProposalKind::Fuzzy);
    assert_eq!(
        fuzzy.best_target().plain_text(),
        "The filter is changed every 250 hours."
    );
}
