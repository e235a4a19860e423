//! `terms.undefined`.

use super::CodedRule;

pub struct TermsUndefined;

impl CodedRule for TermsUndefined {
    fn id(&self) -> &'static str {
        "terms.undefined"
    }
}
