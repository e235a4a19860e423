//! The outline (document symbols) and folding ranges, both from the model's
//! sections so that every way of writing a section (heading, numbered
//! paragraph, list item, bold title) shows up the same way.

use std::ops::Range;

use crate::analysis::DocumentState;
use crate::model::{DocumentModel, HeaderStyle, Section};

use super::Symbol;

fn name_of(section: &Section) -> String {
    let h = &section.header;
    match (h.number_text.is_empty(), h.title.is_empty()) {
        (false, false) => format!("{} {}", h.number_text, h.title),
        (false, true) => format!("Section {}", h.number_text),
        (true, false) => h.title.clone(),
        (true, true) => "(untitled section)".to_string(),
    }
}

fn detail_of(section: &Section) -> Option<String> {
    match section.header.style {
        HeaderStyle::Heading => None,
        HeaderStyle::ListItem => Some("list item".into()),
        HeaderStyle::NumberedParagraph => Some("numbered paragraph".into()),
        HeaderStyle::BoldParagraph => Some("paragraph".into()),
    }
}

/// The outline: sections nested by level.
pub fn symbols(_state: &DocumentState, model: &DocumentModel) -> Vec<Symbol> {
    // A stack of open symbols with their levels; closing one attaches it to its parent.
    let mut roots: Vec<Symbol> = Vec::new();
    let mut stack: Vec<(u8, Symbol)> = Vec::new();
    fn close(stack: &mut Vec<(u8, Symbol)>, roots: &mut Vec<Symbol>) {
        if let Some((_, sym)) = stack.pop() {
            match stack.last_mut() {
                Some((_, parent)) => parent.children.push(sym),
                None => roots.push(sym),
            }
        }
    }
    for section in &model.sections {
        let level = section.header.level;
        while stack.last().is_some_and(|(l, _)| *l >= level) {
            close(&mut stack, &mut roots);
        }
        let range = section.range.start..section.range.end.max(section.header.range.end);
        stack.push((
            level,
            Symbol {
                name: name_of(section),
                detail: detail_of(section),
                range,
                selection: section.header.range.clone(),
                children: Vec::new(),
            },
        ));
    }
    while !stack.is_empty() {
        close(&mut stack, &mut roots);
    }
    roots
}

/// Foldable ranges: each section, without the blank lines that end it.
pub fn folding(state: &DocumentState, model: &DocumentModel) -> Vec<Range<usize>> {
    let rope = state.document().rope();
    let len = rope.len_bytes();
    model
        .sections
        .iter()
        .filter_map(|s| {
            let start = s.range.start.min(len);
            let mut end = s.range.end.min(len);
            // Step back over trailing whitespace, a few bytes at a time through the rope.
            while end > start {
                let b = rope.byte(end - 1);
                if b.is_ascii_whitespace() {
                    end -= 1;
                } else {
                    break;
                }
            }
            (end > start).then_some(start..end)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSettings;

    #[test]
    fn nested_outline_and_folds() {
        let text = "# Agreement\n\n## 1. Services\n\nWork.\n\n### 1.1 Scope\n\nScope.\n\n## 2. Fees\n\nMoney.\n\n";
        let state = DocumentState::new(text, 0, RuleSettings::default());
        let model = state.model();
        let syms = symbols(&state, &model);
        assert_eq!(syms.len(), 1);
        assert_eq!(syms[0].name, "Agreement");
        let names: Vec<&str> = syms[0].children.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, vec!["1 Services", "2 Fees"]);
        assert_eq!(syms[0].children[0].children[0].name, "1.1 Scope");
        let folds = folding(&state, &model);
        assert!(folds.iter().all(|r| !text[r.clone()].ends_with('\n')));
        assert_eq!(folds.len(), 4);
    }
}
