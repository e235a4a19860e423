//! The analysis of one document, kept up to date edit by edit.
//!
//! [`DocumentState`] owns the text and one entry per chunk (its text, facts and
//! rule evidence). An edit re-chunks only around itself and re-reads only the
//! chunks it touched; everything else is reused. [`DocumentState::findings`]
//! then combines cached chunk results, which costs no text scanning.
//! Pure: no IO, no LSP, no async.

pub mod features;
pub mod suppress;

use std::ops::Range;
use std::sync::Arc;

use crate::config::Config;
use crate::document::chunks::{self, rescan};
use crate::document::{Document, EditError};
use crate::model::{ChunkFacts, ChunkView, DocumentModel};
use crate::rules::engine::{conclude, evaluate_chunk, ChunkEvidence, EvaluatedChunk};
use crate::rules::{Finding, RuleSettings, Severity};

/// How many bytes of the document the contract test reads.
const HEAD_BYTES: usize = 8192;

/// One chunk: its text and what was derived from it.
#[derive(Debug, Clone)]
pub struct ChunkEntry {
    pub start: usize,
    pub text: Arc<str>,
    pub facts: Arc<ChunkFacts>,
    pub evidence: Arc<ChunkEvidence>,
}

impl ChunkEntry {
    /// Reads one chunk. A panic in the model or a rule (a bug) costs this chunk
    /// its analysis, not the document: the entry then has no facts and no
    /// evidence, and the text stays in step with the client's.
    fn read(start: usize, text: &str, settings: &RuleSettings) -> Self {
        let read = std::panic::catch_unwind(|| {
            let facts = ChunkFacts::from_text(text);
            let evidence = evaluate_chunk(text, &facts, settings);
            (facts, evidence)
        });
        let (facts, evidence) = read.unwrap_or_else(|_| {
            tracing::error!("internal error while reading a chunk of {} bytes at {start}; chunk skipped", text.len());
            Default::default()
        });
        Self { start, text: Arc::from(text), facts: Arc::new(facts), evidence: Arc::new(evidence) }
    }

    pub fn range(&self) -> Range<usize> {
        self.start..self.start + self.text.len()
    }
}

/// A document and its incrementally maintained analysis.
#[derive(Debug, Clone)]
pub struct DocumentState {
    doc: Document,
    chunks: Vec<ChunkEntry>,
    settings: RuleSettings,
    /// Documents above this size keep their text but are not analysed.
    size_limit: usize,
}

impl DocumentState {
    pub fn new(text: &str, version: i32, settings: RuleSettings) -> Self {
        Self::with_size_limit(text, version, settings, crate::config::DEFAULT_MAX_FILE_SIZE)
    }

    /// A state that skips analysis while the text is larger than `size_limit`
    /// bytes (memory and time stay bounded on a 50 MB file).
    pub fn with_size_limit(text: &str, version: i32, settings: RuleSettings, size_limit: usize) -> Self {
        let mut state = Self { doc: Document::new(text, version), chunks: Vec::new(), settings, size_limit };
        state.rebuild();
        state
    }

    /// Whether the text is small enough to be analysed.
    pub fn is_analysed(&self) -> bool {
        self.doc.len_bytes() <= self.size_limit
    }

    /// Changes the size limit, analysing or dropping the analysis as needed.
    pub fn set_size_limit(&mut self, size_limit: usize) {
        if size_limit != self.size_limit {
            self.size_limit = size_limit;
            self.rebuild();
        }
    }

    pub fn document(&self) -> &Document {
        &self.doc
    }

    pub fn version(&self) -> i32 {
        self.doc.version()
    }

    pub fn set_version(&mut self, version: i32) {
        self.doc.set_version(version);
    }

    pub fn chunks(&self) -> &[ChunkEntry] {
        &self.chunks
    }

    pub fn settings(&self) -> &RuleSettings {
        &self.settings
    }

    /// Replaces the whole text and rereads everything.
    pub fn set_text(&mut self, text: &str) {
        self.doc.set_text(text);
        self.rebuild();
    }

    /// Changes the rule settings; chunk evidence is recomputed (the text is not reparsed).
    pub fn set_settings(&mut self, settings: RuleSettings) {
        if settings == self.settings {
            return;
        }
        self.settings = settings;
        for chunk in &mut self.chunks {
            let settings = &self.settings;
            let evidence =
                std::panic::catch_unwind(|| evaluate_chunk(&chunk.text, &chunk.facts, settings)).unwrap_or_default();
            chunk.evidence = Arc::new(evidence);
        }
    }

    fn rebuild(&mut self) {
        if !self.is_analysed() {
            self.chunks.clear();
            return;
        }
        let text = self.doc.text();
        let starts = chunks::boundaries(&text);
        self.chunks = starts
            .iter()
            .enumerate()
            .map(|(i, &start)| {
                let end = starts.get(i + 1).copied().unwrap_or(text.len());
                ChunkEntry::read(start, &text[start..end], &self.settings)
            })
            .collect();
    }

    /// Applies one edit (a byte range replaced by new text), rereading only the
    /// chunks around it. An invalid range is rejected and nothing changes.
    pub fn apply_edit(&mut self, range: Range<usize>, new_text: &str) -> Result<(), EditError> {
        self.doc.replace(range.clone(), new_text)?;
        if !self.is_analysed() || self.chunks.is_empty() {
            self.rebuild();
            return Ok(());
        }
        let delta = new_text.len() as isize - (range.end - range.start) as isize;
        let rope = self.doc.rope();
        let new_end = range.start + new_text.len();
        // Restart from the last chunk that starts strictly before the edited line.
        let line_start = rope.line_to_byte(rope.byte_to_line(range.start.min(rope.len_bytes())));
        let first = self.chunks.iter().rposition(|c| c.start < line_start).unwrap_or(0);
        let from = self.chunks.get(first).map_or(0, |c| c.start);
        // Old chunk starts after the edit, in new coordinates.
        let old_after: Vec<usize> = self
            .chunks
            .iter()
            .map(|c| c.start)
            .filter(|&s| s >= range.end)
            .map(|s| (s as isize + delta) as usize)
            .collect();
        let (starts, synced) = rescan(rope, from, new_end.max(from + 1), |b| old_after.binary_search(&b).is_ok());
        let stop = if synced { starts.last().copied().unwrap_or(from) } else { rope.len_bytes() };
        let fresh_starts: Vec<usize> = if synced { starts[..starts.len() - 1].to_vec() } else { starts };
        let mut fresh = Vec::with_capacity(fresh_starts.len());
        for (i, &start) in fresh_starts.iter().enumerate() {
            let end = fresh_starts.get(i + 1).copied().unwrap_or(stop);
            let text = self.doc.slice(start..end);
            fresh.push(ChunkEntry::read(start, &text, &self.settings));
        }
        // Old chunks replaced: those starting in [from, stop) in new coordinates.
        let old_stop_index = if synced {
            let old_stop = (stop as isize - delta) as usize;
            self.chunks.iter().position(|c| c.start == old_stop).unwrap_or(self.chunks.len())
        } else {
            self.chunks.len()
        };
        let mut tail: Vec<ChunkEntry> = self.chunks.drain(old_stop_index..).collect();
        for c in &mut tail {
            c.start = (c.start as isize + delta) as usize;
        }
        self.chunks.truncate(first);
        self.chunks.extend(fresh);
        self.chunks.extend(tail);
        if self.chunks.is_empty() {
            self.chunks.push(ChunkEntry::read(0, "", &self.settings));
        }
        Ok(())
    }

    fn views(&self) -> Vec<ChunkView<'_>> {
        self.chunks.iter().map(|c| ChunkView { offset: c.start, text: &c.text, facts: &c.facts }).collect()
    }

    /// The contract model of the current text.
    pub fn model(&self) -> DocumentModel {
        let head = self.doc.slice(0..HEAD_BYTES.min(self.doc.len_bytes()));
        DocumentModel::combine(&self.views(), &head, self.doc.len_bytes())
    }

    /// Findings for the current text under `config`, after suppression comments.
    pub fn findings(&self, config: &Config) -> Vec<Finding> {
        let model = self.model();
        self.findings_with_model(&model, config)
    }

    /// Same as [`Self::findings`] with a model already built.
    pub fn findings_with_model(&self, model: &DocumentModel, config: &Config) -> Vec<Finding> {
        let rope = self.doc.rope();
        if !self.is_analysed() || self.doc.len_bytes() > config.max_file_size {
            return vec![Finding {
                rule: suppress::TOO_LARGE,
                range: 0..0,
                message: format!(
                    "Not analysed: this document is {:.1} MB, above the {:.1} MB limit (`max-file-size` in clausewise.toml)",
                    self.doc.len_bytes() as f64 / 1e6,
                    config.max_file_size.min(self.size_limit) as f64 / 1e6
                ),
                severity: Severity::Information,
            }];
        }
        let first_line_end =
            if rope.len_lines() > 1 { rope.line_to_byte(1).saturating_sub(1) } else { rope.len_bytes() };
        let evaluated: Vec<EvaluatedChunk> = self
            .chunks
            .iter()
            .map(|c| EvaluatedChunk {
                view: ChunkView { offset: c.start, text: &c.text, facts: &c.facts },
                evidence: &c.evidence,
            })
            .collect();
        let mut model = model.clone();
        if config.forces_contract {
            model.is_contract = true;
        }
        let raw = conclude(&model, &evaluated, first_line_end, &self.settings);
        suppress::apply(raw, &model, &self.chunks, rope, config)
    }
}

#[cfg(test)]
mod tests;
