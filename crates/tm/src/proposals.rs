//! The translation memory as a [`MatchSource`]: what pre-translation asks of it.

use werkbank_model::{LanguageTag, MatchError, MatchSource, Proposal, ProposalQuery};

use crate::store::Store;
use crate::{LookupOptions, Memory};

impl<S: Store> MatchSource for Memory<S> {
    fn source_language(&self) -> &LanguageTag {
        Memory::source_language(self)
    }

    fn target_language(&self) -> &LanguageTag {
        Memory::target_language(self)
    }

    fn proposals(&self, query: &ProposalQuery<'_>) -> Result<Vec<Proposal>, MatchError> {
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
        Ok(self
            .lookup(query.source, &options)
            .into_iter()
            .map(|found| {
                let kind = found.kind;
                let origin = found.unit.metadata.origin.clone();
                let mut proposal =
                    Proposal::new(kind, found.score, found.unit.source, found.unit.target)
                        .with_numbers_not_adapted(found.numbers_not_adapted);
                if let Some(adapted) = found.adapted_target {
                    proposal = proposal.with_adapted_target(adapted);
                }
                if let Some(origin) = origin {
                    proposal = proposal.with_origin(origin);
                }
                proposal
            })
            .collect())
    }
}
