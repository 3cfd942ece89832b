//! What makes two units the same, as stable keys a store can index and make unique.
//!
//! - The **identity** of a unit is its source (text and inline codes, code data included) in
//!   its context (the segments before and after it): learning a unit whose identity the memory
//!   holds gives that unit the new translation.
//! - The **variant** is the identity with the target: a memory never holds the same variant
//!   twice, whoever writes it and how many write at once (a unique index in the database).
//!
//! Keys are SHA-256 digests (truncated to 128 bits) of a canonical JSON form, so they are the
//! same in every build and on every platform and cannot be made to collide on purpose.

use sha2::{Digest, Sha256};
use werkbank_model::TranslationUnit;

/// A unit's keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct UnitKeys {
    pub identity: [u8; 16],
    pub variant: [u8; 16],
}

fn digest(parts: &[&[u8]]) -> [u8; 16] {
    let mut hasher = Sha256::new();
    for part in parts {
        // Length-prefixed, so that no two sequences of parts give the same input.
        hasher.update((part.len() as u64).to_le_bytes());
        hasher.update(part);
    }
    let full = hasher.finalize();
    let mut out = [0u8; 16];
    for (slot, byte) in out.iter_mut().zip(full.iter()) {
        *slot = *byte;
    }
    out
}

impl UnitKeys {
    /// The keys of `unit` (as the memory stores it: normalised).
    pub(crate) fn of(unit: &TranslationUnit) -> Self {
        let source = serde_json::to_vec(&unit.source).unwrap_or_default();
        let target = serde_json::to_vec(&unit.target).unwrap_or_default();
        let previous = unit.context.previous.as_deref().unwrap_or("\u{0}none");
        let next = unit.context.next.as_deref().unwrap_or("\u{0}none");
        let identity = digest(&[b"identity", &source, previous.as_bytes(), next.as_bytes()]);
        let variant = digest(&[b"variant", &identity, &target]);
        Self { identity, variant }
    }
}
