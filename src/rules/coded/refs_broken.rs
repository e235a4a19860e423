//! `refs.broken`.

use super::CodedRule;

pub struct RefsBroken;

impl CodedRule for RefsBroken {
    fn id(&self) -> &'static str {
        "refs.broken"
    }
}
