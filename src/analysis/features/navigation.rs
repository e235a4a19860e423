//! Go to definition, find references and rename, for defined terms and
//! cross-references. One index (the model's definitions and the chunks'
//! references) serves all three, so they cannot disagree.

use std::ops::Range;

use crate::analysis::DocumentState;
use crate::model::terms::surface_forms;
use crate::model::{DocumentModel, RefTarget};

use super::lookup;

/// What the cursor is on, for navigation.
enum Target {
    Term(Range<usize>, String),
    Reference(RefTarget),
    /// A section header: references lead to it.
    Section(Range<usize>, RefTarget),
}

fn target_at(state: &DocumentState, model: &DocumentModel, offset: usize) -> Option<Target> {
    if let Some(r) = lookup::reference_at(state, offset) {
        return Some(Target::Reference(r.target));
    }
    let win = lookup::window(state, offset);
    if let Some((r, term)) = lookup::defined_term_at(model, &win, offset) {
        return Some(Target::Term(r, term));
    }
    let section =
        model.section_at(offset).filter(|s| s.header.range.contains(&offset) || s.header.range.end == offset)?;
    let h = &section.header;
    let target = match &h.attachment {
        Some(a) => RefTarget::Attachment { kind: a.kind.clone(), id: a.id.clone() },
        None if !h.number.is_empty() => RefTarget::Section(h.number.clone()),
        None => return None,
    };
    Some(Target::Section(h.range.clone(), target))
}

/// Where the term or reference at `offset` is defined.
pub fn definition(state: &DocumentState, model: &DocumentModel, offset: usize) -> Option<Range<usize>> {
    match target_at(state, model, offset)? {
        Target::Term(_, term) => lookup::definition_of(model, &term).map(|d| d.range.clone()),
        Target::Reference(target) => lookup::target_range(state, model, &target),
        Target::Section(r, _) => Some(r),
    }
}

/// Every use of the term (or section) at `offset`.
pub fn references(
    state: &DocumentState,
    model: &DocumentModel,
    offset: usize,
    include_declaration: bool,
) -> Vec<Range<usize>> {
    match target_at(state, model, offset) {
        Some(Target::Term(_, term)) => {
            let defs: Vec<Range<usize>> =
                model.definitions.iter().filter(|d| d.term == term).map(|d| d.range.clone()).collect();
            lookup::occurrences(state, &term)
                .into_iter()
                .filter(|r| include_declaration || !defs.iter().any(|d| d.start <= r.start && r.end <= d.end))
                .collect()
        }
        Some(Target::Reference(target)) | Some(Target::Section(_, target)) => {
            let resolved = lookup::target_range(state, model, &target);
            let mut out: Vec<Range<usize>> = lookup::all_references(state)
                .into_iter()
                .filter(|r| {
                    lookup::same_target(&r.target, &target)
                        || (resolved.is_some() && lookup::target_range(state, model, &r.target) == resolved)
                })
                .map(|r| r.range)
                .collect();
            if include_declaration {
                if let Some(decl) = resolved {
                    out.insert(0, decl);
                }
            }
            out
        }
        None => Vec::new(),
    }
}

/// The range of the defined term at `offset`, if it can be renamed.
pub fn prepare_rename(state: &DocumentState, model: &DocumentModel, offset: usize) -> Option<Range<usize>> {
    match target_at(state, model, offset)? {
        Target::Term(r, _) => Some(r),
        _ => None,
    }
}

/// Edits that rename the defined term at `offset` everywhere, keeping plural
/// and possessive endings ("Deliverables" -> "Work Products").
pub fn rename(
    state: &DocumentState,
    model: &DocumentModel,
    offset: usize,
    new_name: &str,
) -> Result<Vec<(Range<usize>, String)>, String> {
    let Some(Target::Term(_, term)) = target_at(state, model, offset) else {
        return Err("nothing to rename here: put the cursor on a defined term".into());
    };
    let new_name = new_name.trim();
    if new_name.is_empty() || new_name.contains(['"', '\n', '\r', '\u{201c}', '\u{201d}']) {
        return Err("a defined term cannot be empty or contain quotes or line breaks".into());
    }
    if new_name != term && lookup::defined_terms(model).contains(&new_name) {
        return Err(format!("\"{new_name}\" is already a defined term of this document"));
    }
    let text_len = state.document().len_bytes();
    let mut edits = Vec::new();
    for r in lookup::occurrences(state, &term) {
        if r.end > text_len {
            continue;
        }
        let found = state.document().slice(r.clone());
        edits.push((r, renamed_form(&term, &found, new_name)));
    }
    Ok(edits)
}

/// The new spelling of one surface form of `term`.
fn renamed_form(term: &str, found: &str, new_name: &str) -> String {
    if found == term {
        return new_name.to_string();
    }
    let plural = |name: &str| -> String {
        if let Some(stem) = name.strip_suffix('y') {
            format!("{stem}ies")
        } else if name.ends_with('s') {
            name.to_string()
        } else {
            format!("{name}s")
        }
    };
    let singular = |name: &str| -> String {
        if let Some(stem) = name.strip_suffix("ies") {
            format!("{stem}y")
        } else {
            name.strip_suffix('s').unwrap_or(name).to_string()
        }
    };
    // `found` is a plural of `term` or the singular of a plural term.
    if surface_forms(term).iter().any(|f| f == found) && found.len() > term.len() {
        plural(new_name)
    } else {
        singular(new_name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSettings;

    const DOC: &str = "# Agreement\n\nBetween Acme Ltd (\"Client\") and Jo (\"Consultant\").\n\n## 1. Services\n\n\"Deliverable\" means a model.\n\n## 2. Fees\n\nThe Client pays for each Deliverable and all Deliverables under Section 1.\n";

    fn setup() -> (DocumentState, DocumentModel) {
        let state = DocumentState::new(DOC, 0, RuleSettings::default());
        let model = state.model();
        (state, model)
    }

    #[test]
    fn definition_of_term_and_reference() {
        let (state, model) = setup();
        let use_at = DOC.find("each Deliverable").unwrap() + 6;
        let def = definition(&state, &model, use_at).unwrap();
        assert_eq!(&DOC[def.clone()], "Deliverable");
        assert!(def.start < use_at);
        let ref_at = DOC.find("Section 1").unwrap() + 8;
        let target = definition(&state, &model, ref_at).unwrap();
        assert!(DOC[target].starts_with("## 1. Services"));
    }

    #[test]
    fn references_and_rename_cover_plurals() {
        let (state, model) = setup();
        let at = DOC.find("each Deliverable").unwrap() + 6;
        assert_eq!(references(&state, &model, at, true).len(), 3);
        assert_eq!(references(&state, &model, at, false).len(), 2);
        assert!(prepare_rename(&state, &model, at).is_some());
        let edits = rename(&state, &model, at, "Work Product").unwrap();
        let mut text = DOC.to_string();
        for (r, t) in edits.into_iter().rev() {
            text.replace_range(r, &t);
        }
        assert!(text.contains("\"Work Product\" means"));
        assert!(text.contains("all Work Products under"));
        assert!(rename(&state, &model, at, "Client").is_err());
    }

    #[test]
    fn section_header_lists_its_references() {
        let (state, model) = setup();
        let at = DOC.find("## 1. Services").unwrap() + 3;
        assert_eq!(references(&state, &model, at, false).len(), 1);
    }
}
