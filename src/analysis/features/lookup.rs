//! What sits at a byte offset: a defined term, a cross-reference, the text
//! around it. Shared by hover, navigation and completion so that they agree.
//!
//! Everything here reads a small window of text around the offset (a few
//! lines) or the cached chunk facts; nothing rescans the whole document.

use std::ops::Range;

use crate::analysis::DocumentState;
use crate::model::terms::surface_forms;
use crate::model::{sections, Definition, DocumentModel, RefTarget, Reference, Section};

/// Longest window read around an offset, each side (bytes).
const WINDOW_REACH: usize = 1500;

/// A piece of the document: its absolute start and its text, with line breaks
/// turned into spaces (same byte length) so terms wrapped over two lines match.
pub struct Window {
    pub start: usize,
    pub text: String,
}

impl Window {
    /// An absolute range for a window-relative one.
    pub fn abs(&self, r: &Range<usize>) -> Range<usize> {
        self.start + r.start..self.start + r.end
    }
}

fn floor_char(state: &DocumentState, byte: usize) -> usize {
    let rope = state.document().rope();
    let byte = byte.min(rope.len_bytes());
    rope.char_to_byte(rope.byte_to_char(byte))
}

/// The line holding `offset` with the lines just before and after it.
pub fn window(state: &DocumentState, offset: usize) -> Window {
    let rope = state.document().rope();
    let len = rope.len_bytes();
    let offset = offset.min(len);
    let line = rope.byte_to_line(offset);
    let first = rope.line_to_byte(line.saturating_sub(1));
    let last = rope.line_to_byte((line + 2).min(rope.len_lines()));
    let start = floor_char(state, first.max(offset.saturating_sub(WINDOW_REACH)));
    let end = floor_char(state, last.min(offset + WINDOW_REACH));
    let text = state.document().slice(start..end).replace(['\n', '\r'], " ");
    Window { start, text }
}

/// The text of the line holding `offset`, from its start to `offset`.
pub fn line_prefix(state: &DocumentState, offset: usize) -> (usize, String) {
    let rope = state.document().rope();
    let offset = floor_char(state, offset);
    let line_start = rope.line_to_byte(rope.byte_to_line(offset));
    (line_start, state.document().slice(line_start..offset))
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

/// Whether `text[range]` starts and ends on word boundaries.
pub fn on_word_boundaries(text: &str, range: &Range<usize>) -> bool {
    let bytes = text.as_bytes();
    (range.start == 0 || !is_word_byte(bytes[range.start - 1]))
        && (range.end >= bytes.len() || !is_word_byte(bytes[range.end]))
}

/// The definition that a defined term's name refers to: the first real one
/// (a pointer "has the meaning given in ..." only when there is nothing else).
pub fn definition_of<'m>(model: &'m DocumentModel, term: &str) -> Option<&'m Definition> {
    let mut same = model.definitions.iter().filter(|d| d.term == term);
    let first = same.clone().next();
    same.find(|d| !d.pointer).or(first)
}

/// The distinct defined terms of the document, in order of definition.
pub fn defined_terms(model: &DocumentModel) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for d in &model.definitions {
        if !out.contains(&d.term.as_str()) {
            out.push(&d.term);
        }
    }
    out
}

/// A defined term (a use or its definition) covering `offset`: its absolute
/// span and the term's name. The longest term wins ("Effective Date" over "Date").
pub fn defined_term_at(model: &DocumentModel, win: &Window, offset: usize) -> Option<(Range<usize>, String)> {
    let at = offset.checked_sub(win.start)?;
    let mut best: Option<(Range<usize>, String)> = None;
    for term in defined_terms(model) {
        for form in surface_forms(term) {
            if form.is_empty() {
                continue;
            }
            let lo = at.saturating_sub(form.len());
            for (i, _) in win.text.match_indices(&form).filter(|(i, _)| *i >= lo && *i <= at) {
                let r = i..i + form.len();
                if r.end < at || !on_word_boundaries(&win.text, &r) {
                    continue;
                }
                if best.as_ref().is_none_or(|(b, _)| r.len() > b.len()) {
                    best = Some((r, term.to_string()));
                }
            }
        }
    }
    best.map(|(r, t)| (win.abs(&r), t))
}

/// Every occurrence of a defined term (all its surface forms) in the document,
/// on word boundaries. Reads the whole text: for find-references and rename only.
pub fn occurrences(state: &DocumentState, term: &str) -> Vec<Range<usize>> {
    let text = state.document().text();
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut forms = surface_forms(term);
    forms.sort_by_key(|f| std::cmp::Reverse(f.len()));
    for form in forms.iter().filter(|f| !f.is_empty()) {
        for (i, _) in text.match_indices(form.as_str()) {
            let r = i..i + form.len();
            if on_word_boundaries(&text, &r) && !out.iter().any(|o| o.start < r.end && r.start < o.end) {
                out.push(r);
            }
        }
    }
    out.sort_by_key(|r| r.start);
    out
}

/// The cross-reference covering `offset` (absolute range), from the chunk's cached facts.
pub fn reference_at(state: &DocumentState, offset: usize) -> Option<Reference> {
    let chunks = state.chunks();
    let idx = chunks.partition_point(|c| c.start <= offset).checked_sub(1)?;
    let chunk = &chunks[idx];
    let rel = offset - chunk.start;
    chunk.facts.references.iter().find(|r| r.range.start <= rel && rel <= r.range.end).map(|r| Reference {
        target: r.target.clone(),
        text: r.text.clone(),
        range: r.range.start + chunk.start..r.range.end + chunk.start,
    })
}

/// Every reference in the document with absolute ranges.
pub fn all_references(state: &DocumentState) -> Vec<Reference> {
    let mut out = Vec::new();
    for chunk in state.chunks() {
        for r in &chunk.facts.references {
            out.push(Reference {
                target: r.target.clone(),
                text: r.text.clone(),
                range: r.range.start + chunk.start..r.range.end + chunk.start,
            });
        }
    }
    out
}

/// The section a reference points at. "7(b)" falls back to "7" when there is no 7(b).
pub fn resolve<'m>(model: &'m DocumentModel, target: &RefTarget) -> Option<&'m Section> {
    match target {
        RefTarget::Section(comps) => (1..=comps.len()).rev().find_map(|n| {
            model.sections.iter().find(|s| s.header.attachment.is_none() && s.header.number == comps[..n])
        }),
        RefTarget::Attachment { kind, id } => {
            model.sections.iter().find(|s| s.header.attachment.as_ref().is_some_and(|a| a.kind == *kind && a.id == *id))
        }
    }
}

/// An attachment written as a plain paragraph ("EXHIBIT A"): the absolute
/// span of its first sentence.
pub fn attachment_paragraph(state: &DocumentState, kind: &str, id: &str) -> Option<Range<usize>> {
    for chunk in state.chunks() {
        if !chunk.facts.attachment_labels.iter().any(|a| a.kind == kind && a.id == id) {
            continue;
        }
        for s in &chunk.facts.sentences {
            if sections::standalone_attachment(&s.norm).is_some_and(|a| a.kind == kind && a.id == id) {
                return Some(s.range.start + chunk.start..s.range.end + chunk.start);
            }
        }
    }
    None
}

/// Where a reference leads: the section's header, or an attachment paragraph.
pub fn target_range(state: &DocumentState, model: &DocumentModel, target: &RefTarget) -> Option<Range<usize>> {
    if let Some(section) = resolve(model, target) {
        return Some(section.header.range.clone());
    }
    match target {
        RefTarget::Attachment { kind, id } => attachment_paragraph(state, kind, id),
        RefTarget::Section(_) => None,
    }
}

/// Whether two references point at the same place.
pub fn same_target(a: &RefTarget, b: &RefTarget) -> bool {
    a == b
}
