//! `numbering.sequence`.

use super::CodedRule;

pub struct NumberingSequence;

impl CodedRule for NumberingSequence {
    fn id(&self) -> &'static str {
        "numbering.sequence"
    }
}
