//! Editor features computed from a document state: hover, navigation, rename,
//! outline, folding, code actions, completion. Pure and in byte offsets; the
//! `lsp` module converts.

use std::ops::Range;

use crate::config::Config;
use crate::model::DocumentModel;
use crate::rules::Finding;

use super::DocumentState;

/// What to show on hover.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HoverInfo {
    pub markdown: String,
    pub range: Range<usize>,
}

/// One entry of the outline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Symbol {
    pub name: String,
    pub detail: Option<String>,
    pub range: Range<usize>,
    pub selection: Range<usize>,
    pub children: Vec<Symbol>,
}

/// What kind of code action an [`Action`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActionKind {
    QuickFix,
    /// "Insert all missing protections" (`source.clausewise.insertMissing`).
    InsertAllMissing,
    /// "Renumber sections" (`source.clausewise.renumber`).
    Renumber,
}

/// A code action: text edits on the current version of the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Action {
    pub title: String,
    pub kind: ActionKind,
    pub edits: Vec<(Range<usize>, String)>,
    /// Rule ids of the findings this action fixes.
    pub fixes: Vec<&'static str>,
    pub preferred: bool,
    /// Safe fixes may be applied without review (`check --fix`).
    pub safe: bool,
}

/// A completion item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    pub label: String,
    pub detail: Option<String>,
    pub documentation: Option<String>,
    pub insert_text: String,
    /// `insert_text` uses LSP snippet syntax (`${1:placeholder}`).
    pub is_snippet: bool,
    /// Replace this range (default: the word before the cursor).
    pub replace: Option<Range<usize>>,
    pub is_term: bool,
}

/// Hover at `offset`.
pub fn hover(_state: &DocumentState, _model: &DocumentModel, _findings: &[Finding], _offset: usize) -> Option<HoverInfo> {
    None
}

/// Where the term or reference at `offset` is defined.
pub fn definition(_state: &DocumentState, _model: &DocumentModel, _offset: usize) -> Option<Range<usize>> {
    None
}

/// Every use of the term (or section) at `offset`.
pub fn references(_state: &DocumentState, _model: &DocumentModel, _offset: usize, _include_declaration: bool) -> Vec<Range<usize>> {
    Vec::new()
}

/// The range of the defined term at `offset`, if it can be renamed.
pub fn prepare_rename(_state: &DocumentState, _model: &DocumentModel, _offset: usize) -> Option<Range<usize>> {
    None
}

/// Edits that rename the defined term at `offset` everywhere.
pub fn rename(_state: &DocumentState, _model: &DocumentModel, _offset: usize, _new_name: &str) -> Result<Vec<(Range<usize>, String)>, String> {
    Err("nothing to rename here".into())
}

/// The outline.
pub fn symbols(_state: &DocumentState, _model: &DocumentModel) -> Vec<Symbol> {
    Vec::new()
}

/// Foldable ranges (sections).
pub fn folding(_state: &DocumentState, _model: &DocumentModel) -> Vec<Range<usize>> {
    Vec::new()
}

/// Code actions for the findings overlapping `range`, plus source actions.
pub fn code_actions(_state: &DocumentState, _model: &DocumentModel, _findings: &[Finding], _range: Range<usize>, _config: &Config) -> Vec<Action> {
    Vec::new()
}

/// Completion at `offset`.
pub fn completion(_state: &DocumentState, _model: &DocumentModel, _offset: usize, _snippets: bool) -> Vec<Completion> {
    Vec::new()
}
