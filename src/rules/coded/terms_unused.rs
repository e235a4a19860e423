//! `terms.unused`.

use super::CodedRule;

pub struct TermsUnused;

impl CodedRule for TermsUnused {
    fn id(&self) -> &'static str {
        "terms.unused"
    }
}
