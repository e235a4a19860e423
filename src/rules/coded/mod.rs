//! Rules whose detection is Rust code: numbers, cross-references, terms.
//! Each lives in its own file, named after its id; its docs are in
//! `src/rules/defs/<id>.toml` like every other rule.

mod amounts_words_figures;
mod numbering_sequence;
mod payment_schedule_total;
mod placeholders_unfilled;
mod refs_broken;
mod restrictive_non_compete_duration;
mod terms_duplicate;
mod terms_undefined;
mod terms_unused;

use crate::model::{ChunkFacts, ChunkView, DocumentModel};

use super::{Finding, Hit, RuleSettings};

/// What a coded rule sees of one chunk.
pub struct ChunkCx<'a> {
    pub text: &'a str,
    pub facts: &'a ChunkFacts,
    pub settings: &'a RuleSettings,
}

/// What a coded rule sees of the whole document.
pub struct DocCx<'a> {
    pub model: &'a DocumentModel,
    pub chunks: &'a [ChunkView<'a>],
    pub settings: &'a RuleSettings,
}

/// A rule implemented in code. Chunk checks are cached with their chunk and
/// rerun only when it changes; document checks run on every analysis and must
/// only combine chunk facts (no text scanning), so they stay cheap.
pub trait CodedRule: Sync {
    fn id(&self) -> &'static str;
    fn check_chunk(&self, _cx: &ChunkCx, _out: &mut Vec<Hit>) {}
    fn check_document(&self, _cx: &DocCx, _out: &mut Vec<Finding>) {}
}

/// Every coded rule.
pub fn coded_rules() -> &'static [&'static dyn CodedRule] {
    &[
        &terms_undefined::TermsUndefined,
        &terms_unused::TermsUnused,
        &terms_duplicate::TermsDuplicate,
        &refs_broken::RefsBroken,
        &numbering_sequence::NumberingSequence,
        &amounts_words_figures::AmountsWordsFigures,
        &placeholders_unfilled::PlaceholdersUnfilled,
        &payment_schedule_total::PaymentScheduleTotal,
        &restrictive_non_compete_duration::NonCompeteDuration,
    ]
}

/// A document-level finding of rule `id`, with the catalogue's severity and,
/// unless given, its default message.
pub(crate) fn finding(id: &'static str, range: std::ops::Range<usize>, message: Option<String>) -> Finding {
    let rule = super::catalog().get(id);
    Finding {
        rule: id,
        range,
        message: message.or_else(|| rule.map(|r| r.message.clone())).unwrap_or_default(),
        severity: rule.map_or(super::Severity::Warning, |r| r.severity),
    }
}

/// Whether `id` is detected by code.
pub fn is_coded(id: &str) -> bool {
    coded_rules().iter().any(|r| r.id() == id)
}

/// Test support: the findings of one rule on a text analysed as a contract.
#[cfg(test)]
pub(crate) mod testing {
    use crate::analysis::DocumentState;
    use crate::config::Config;
    use crate::rules::{Finding, RuleSettings};

    /// Findings of `rule` for `text`, the document forced to count as a contract.
    pub fn findings(rule: &str, text: &str) -> Vec<Finding> {
        let state = DocumentState::new(text, 0, RuleSettings::default());
        let cfg = Config { forces_contract: true, ..Config::default() };
        state.findings(&cfg).into_iter().filter(|f| f.rule == rule).collect()
    }

    /// The flagged spans of `rule` in `text`.
    pub fn spans(rule: &str, text: &str) -> Vec<String> {
        findings(rule, text).iter().map(|f| text.get(f.range.clone()).unwrap_or("").to_string()).collect()
    }

    pub fn assert_flags(rule: &str, text: &str) {
        assert!(!findings(rule, text).is_empty(), "{rule} should flag: {text:?}");
    }

    pub fn assert_silent(rule: &str, text: &str) {
        let found = findings(rule, text);
        assert!(
            found.is_empty(),
            "{rule} should not flag {text:?}, got {:?}",
            found.iter().map(|f| (&text[f.range.clone()], &f.message)).collect::<Vec<_>>()
        );
    }
}
