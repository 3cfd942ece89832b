//! Sentence alignment on the project's own German and English texts.

use werkbank_align::{align_segments, align_texts, AlignOptions, Bead, Dictionary};
use werkbank_segment::Segmenter;

fn pairs(beads: &[Bead]) -> Vec<(Vec<usize>, Vec<usize>)> {
    beads
        .iter()
        .map(|b| (b.source.clone().collect(), b.target.clone().collect()))
        .collect()
}

fn segmenters() -> (Segmenter, Segmenter) {
    (
        Segmenter::builtin(&"de".parse().unwrap()).unwrap(),
        Segmenter::builtin(&"en".parse().unwrap()).unwrap(),
    )
}

const GERMAN: &str = "Wartung der Anlage\n\nDie Pumpe wird alle 500 Stunden geprüft. Dabei ersetzt der Techniker den Filter. Er notiert den Druck im Protokoll.\n\nBei Störungen ruft der Betreiber die Nummer 0800 123 456 an. Der Notdienst ist rund um die Uhr erreichbar, auch an Feiertagen, und kommt innerhalb von vier Stunden.\n";
const ENGLISH: &str = "Maintaining the plant\n\nThe pump is checked every 500 hours, and the technician replaces the filter. He records the pressure in the log.\n\nIn case of faults the operator calls 0800 123 456. The emergency service can be reached around the clock, even on holidays. It arrives within four hours.\n";

#[test]
fn merges_and_splits_are_found_within_paragraphs() {
    let (de, en) = segmenters();
    let alignment = align_texts(GERMAN, ENGLISH, &de, &en, &AlignOptions::default()).unwrap();
    assert_eq!(
        pairs(&alignment.beads),
        [
            (vec![0], vec![0]),
            (vec![1, 2], vec![1]),
            (vec![3], vec![2]),
            (vec![4], vec![3]),
            (vec![5], vec![4, 5]),
        ]
    );
    // Every segment of both sides is in exactly one bead, in order.
    let sources: Vec<usize> = alignment
        .beads
        .iter()
        .flat_map(|b| b.source.clone())
        .collect();
    let targets: Vec<usize> = alignment
        .beads
        .iter()
        .flat_map(|b| b.target.clone())
        .collect();
    assert_eq!(
        sources,
        (0..alignment.source_segments.len()).collect::<Vec<_>>()
    );
    assert_eq!(
        targets,
        (0..alignment.target_segments.len()).collect::<Vec<_>>()
    );
}

#[test]
fn a_dropped_and_an_inserted_sentence() {
    let german = [
        "Am 3. Mai reiste Anna Berger nach Basel.",
        "Dort traf sie 12 Kollegen aus Genf und Lausanne.",
        "Am 5. Mai fuhr sie mit Peter Huber weiter nach Bern.",
        "Die Konferenz in Bern dauerte 2 Tage.",
    ];
    let english = [
        "On 3 May Anna Berger travelled to Basel.",
        "On 5 May she went on to Bern with Peter Huber.",
        "The conference in Bern lasted 2 days.",
        "Tickets cost 45 francs and were booked through Lena Vogt at Zurich.",
    ];
    let beads = align_segments(&german, &english, &AlignOptions::default());
    assert_eq!(
        pairs(&beads),
        [
            (vec![0], vec![0]),
            (vec![1], vec![]),
            (vec![2], vec![1]),
            (vec![3], vec![2]),
            (vec![], vec![3]),
        ]
    );
    assert!(beads
        .iter()
        .filter(|b| b.source.is_empty() || b.target.is_empty())
        .all(|b| b.score == 0.0));
}

#[test]
fn a_dictionary_settles_what_lengths_cannot() {
    // Two short sentences of equal length on each side, crossed in the translation's order
    // would be wrong; the dictionary ties each pair together.
    let dictionary =
        Dictionary::parse("cat @ Katze\nsleeps @ schläft\ndog @ Hund\nbarks @ bellt\n");
    let options = AlignOptions::default().with_dictionary(dictionary);
    let german = ["Die Katze schläft.", "Der Hund bellt.", "Niemand hört es."];
    let english = ["The cat sleeps.", "The dog barks.", "Nobody hears it."];
    let beads = align_segments(&german, &english, &options);
    assert_eq!(
        pairs(&beads),
        [(vec![0], vec![0]), (vec![1], vec![1]), (vec![2], vec![2])]
    );
}

#[test]
fn empty_and_lopsided_inputs_give_results_not_panics() {
    let options = AlignOptions::default();
    assert!(align_segments(&[], &[], &options).is_empty());
    let only_source = align_segments(&["Eins.", "Zwei."], &[], &options);
    assert_eq!(pairs(&only_source), [(vec![0], vec![]), (vec![1], vec![])]);
    let only_target = align_segments(&[], &["One."], &options);
    assert_eq!(pairs(&only_target), [(vec![], vec![0])]);
    let long: Vec<String> = (0..300)
        .map(|i| format!("Satz Nummer {i} mit etwas Text."))
        .collect();
    let long_refs: Vec<&str> = long.iter().map(String::as_str).collect();
    let lopsided = align_segments(&long_refs, &["Only one sentence here."], &options);
    let covered: usize = lopsided.iter().map(|b| b.source.len()).sum();
    assert_eq!(covered, 300);
    assert_eq!(lopsided.iter().map(|b| b.target.len()).sum::<usize>(), 1);
}

#[test]
fn long_documents_stay_on_the_diagonal() {
    let german: Vec<String> = (0..2000)
        .map(|i| {
            format!(
                "Abschnitt {i}: Die Messung ergab {} Grad am Standort {}.",
                i * 3 % 97,
                i % 11
            )
        })
        .collect();
    let english: Vec<String> = (0..2000)
        .map(|i| {
            format!(
                "Section {i}: the measurement gave {} degrees at site {}.",
                i * 3 % 97,
                i % 11
            )
        })
        .collect();
    let g: Vec<&str> = german.iter().map(String::as_str).collect();
    let e: Vec<&str> = english.iter().map(String::as_str).collect();
    let beads = align_segments(&g, &e, &AlignOptions::default());
    assert_eq!(beads.len(), 2000);
    assert!(beads
        .iter()
        .enumerate()
        .all(|(k, b)| b.source == (k..k + 1) && b.target == (k..k + 1)));
}

#[test]
fn repeated_lines_and_boilerplate_without_a_counterpart_are_their_own_beads() {
    let (de, en) = segmenters();
    // The German page repeats its headline under it and ends with a "TEILEN" button; the
    // English translation has neither. The English page has a "SHARE" line of its own.
    let german = "Neue Radwege für die Altstadt\n\nNeue Radwege für die Altstadt\n\n\
                  Die Stadt baut bis zum Herbst drei neue Radwege. Der erste führt vom Bahnhof zum \
                  Markt, der zweite am Fluss entlang zur Universität.\n\n\
                  Die Kosten von 2,4 Millionen Euro trägt zur Hälfte das Land. Die Arbeiten \
                  beginnen im April.\n\nTEILEN\n";
    let english = "New cycle paths for the old town\n\n\
                   The city is building three new cycle paths by the autumn. The first runs from \
                   the station to the market, the second along the river to the university.\n\n\
                   SHARE\n\n\
                   Half of the cost of 2.4 million euros is paid by the state. Work begins in \
                   April.\n";
    let alignment = align_texts(german, english, &de, &en, &AlignOptions::default()).unwrap();
    let beads = pairs(&alignment.beads);
    let german_segments = &alignment.source_segments;
    let english_segments = &alignment.target_segments;
    assert_eq!(german_segments[1], "Neue Radwege für die Altstadt");
    assert!(beads.contains(&(vec![0], vec![0])), "{beads:?}");
    // The repeated headline is dropped, not merged into its neighbour.
    assert!(beads.contains(&(vec![1], vec![])), "{beads:?}");
    assert!(beads.contains(&(vec![2], vec![1])), "{beads:?}");
    // Boilerplate on either side stays alone.
    let teilen = german_segments.iter().position(|s| s == "TEILEN").unwrap();
    assert!(beads.contains(&(vec![teilen], vec![])), "{beads:?}");
    let share = english_segments.iter().position(|s| s == "SHARE").unwrap();
    assert!(beads.contains(&(vec![], vec![share])), "{beads:?}");
    // Every sentence pair is a 1-1 bead.
    assert_eq!(
        beads
            .iter()
            .filter(|(s, t)| s.len() == 1 && t.len() == 1)
            .count(),
        5
    );
}
