//! The translation memory as a [`MatchSource`]: what pre-translation asks of it.

use werkbank_model::{LanguageTag, MatchSource, Proposal, ProposalKind, ProposalQuery};

use crate::matching::MatchKind;
use crate::store::Store;
use crate::{LookupOptions, Memory};

impl<S: Store> MatchSource for Memory<S> {
    fn source_language(&self) -> &LanguageTag {
        Memory::source_language(self)
    }

    fn target_language(&self) -> &LanguageTag {
        Memory::target_language(self)
    }

    fn proposals(&self, query: &ProposalQuery<'_>) -> Vec<Proposal> {
        let options = LookupOptions {
            min_score: query.min_score,
            max_results: query.max_results,
            previous: query
                .previous
                .map(|c| c.plain_text().trim().to_string())
                .filter(|t| !t.is_empty()),
            next: query
                .next
                .map(|c| c.plain_text().trim().to_string())
                .filter(|t| !t.is_empty()),
        };
        self.lookup(query.source, &options)
            .into_iter()
            .map(|found| Proposal {
                score: found.score,
                kind: match found.kind {
                    MatchKind::Context => ProposalKind::Context,
                    MatchKind::Exact => ProposalKind::Exact,
                    MatchKind::Fuzzy => ProposalKind::Fuzzy,
                },
                origin: found.unit.metadata.origin.clone(),
                source: found.unit.source,
                target: found.unit.target,
                adapted_target: found.adapted_target,
            })
            .collect()
    }
}
