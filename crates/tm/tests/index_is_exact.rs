//! The index returns exactly what scoring every unit returns.

mod common;

use common::{sentence, unit, Sequence};
use werkbank_model::Content;
use werkbank_tm::{InMemoryStore, LookupOptions, Memory};

#[test]
fn indexed_top_k_equals_brute_force_top_k() {
    let mut sequence = Sequence::new(7);
    let mut memory = Memory::open(
        InMemoryStore::new(),
        "de".parse().unwrap(),
        "en".parse().unwrap(),
    )
    .unwrap();
    let units: Vec<_> = (0..5000)
        .map(|_| {
            let (de, en) = sentence(&mut sequence);
            unit(&de, &en)
        })
        .collect();
    memory.add_all(units).unwrap();
    let mut compared = 0;
    for query_number in 0..500 {
        let (query, _) = sentence(&mut sequence);
        for min_score in [50u8, 70, 85, 100] {
            let options = LookupOptions::default()
                .with_min_score(min_score)
                .with_max_results(10);
            let content = Content::from_text(query.as_str());
            let indexed = memory.lookup(&content, &options);
            let brute = memory.lookup_brute_force(&content, &options);
            let summary = |m: &Vec<werkbank_tm::Match>| {
                m.iter().map(|m| (m.score, m.unit_id)).collect::<Vec<_>>()
            };
            assert_eq!(
                summary(&indexed),
                summary(&brute),
                "query {query_number} {query:?} at {min_score}"
            );
            compared += indexed.len();
        }
    }
    assert!(
        compared > 5000,
        "the queries must find matches to compare, found {compared}"
    );
}
