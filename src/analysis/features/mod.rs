//! Editor features computed from a document state: hover, navigation, rename,
//! outline, folding, code actions, completion. Pure and in byte offsets; the
//! `lsp` module converts. One submodule per feature; `lookup` finds what is
//! at an offset for all of them, `template` and `insertion` build clauses.

mod actions;
mod completion;
mod hover;
mod insertion;
mod lookup;
mod navigation;
mod outline;
mod template;

use std::ops::Range;

pub use actions::{all_fixes, apply_edits, clause_for, code_actions};
pub use completion::completion;
pub use hover::hover;
pub use insertion::Clause;
pub use navigation::{definition, prepare_rename, references, rename};
pub use outline::{folding, symbols};
pub use template::PartyNames;

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
