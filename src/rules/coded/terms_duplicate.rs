//! `terms.duplicate`.

use super::CodedRule;

pub struct TermsDuplicate;

impl CodedRule for TermsDuplicate {
    fn id(&self) -> &'static str {
        "terms.duplicate"
    }
}
