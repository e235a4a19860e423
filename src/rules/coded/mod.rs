//! Rules whose detection is Rust code: numbers, cross-references, terms.
//! Each lives in its own file, named after its id; its docs are in
//! `src/rules/defs/<id>.toml` like every other rule.

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
    &[]
}

/// Whether `id` is detected by code.
pub fn is_coded(id: &str) -> bool {
    coded_rules().iter().any(|r| r.id() == id)
}
