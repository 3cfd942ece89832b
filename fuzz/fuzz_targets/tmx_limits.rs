//! Any bytes as a TMX file, read within small limits: the reader never panics, refuses what
//! exceeds a limit with an error naming it, and never hands out a unit beyond the limits.
#![no_main]

use libfuzzer_sys::fuzz_target;
use werkbank_model::{Limit, Limits};
use werkbank_tm::tmx::TmxReader;
use werkbank_tm::TmError;

fuzz_target!(|data: &[u8]| {
    let limits = Limits::default()
        .with(Limit::Depth, 8)
        .with(Limit::TextBytes, 64)
        .with(Limit::SegmentBytes, 32)
        .with(Limit::UnitElements, 16)
        .with(Limit::Attributes, 4)
        .with(Limit::AttributeBytes, 16);
    let reader = match TmxReader::with_limits(data, limits) {
        Ok(reader) => reader,
        Err(error) => {
            check_error(&error, &limits);
            return;
        }
    };
    for unit in reader {
        match unit {
            Ok(unit) => {
                for variant in &unit.variants {
                    assert!(variant.content.plain_text().len() <= 32);
                    assert!(variant.content.codes().len() <= 16);
                }
            }
            Err(error) => {
                check_error(&error, &limits);
                break;
            }
        }
    }
});

fn check_error(error: &TmError, limits: &Limits) {
    let message = error.to_string();
    assert!(!message.contains('\u{0}'));
    if let TmError::Limit { exceeded, .. } = error {
        assert!(exceeded.value > exceeded.max);
        assert_eq!(exceeded.max, limits.max(exceeded.limit));
    }
}
