//! Hover: what the thing under the cursor means for the freelancer.
//!
//! Layers, most specific first: a defined term of this contract (its defining
//! sentence), a cross-reference (the target's heading and first lines), a
//! glossary term (meaning, why it matters, what to ask for, which rules check
//! it), and, when the cursor is on a diagnostic, the rule's explanation.

use std::ops::Range;

use crate::analysis::DocumentState;
use crate::knowledge::glossary::glossary;
use crate::model::{DocumentModel, RefTarget};
use crate::rules::{catalog, Finding};

use super::lookup::{self, Window};
use super::HoverInfo;

/// Most lines of a referenced section shown on hover.
const PREVIEW_LINES: usize = 4;
/// Most characters of a referenced section shown on hover.
const PREVIEW_CHARS: usize = 600;
/// Above this many findings at one spot, list them instead of explaining each.
const EXPLAIN_MAX: usize = 2;

/// Hover at `offset`.
pub fn hover(state: &DocumentState, model: &DocumentModel, findings: &[Finding], offset: usize) -> Option<HoverInfo> {
    let win = lookup::window(state, offset);
    let mut parts: Vec<String> = Vec::new();
    let mut range: Option<Range<usize>> = None;

    if let Some(r) = lookup::reference_at(state, offset) {
        parts.push(reference_markdown(state, model, &r.target, &r.text));
        range = Some(r.range);
    } else if let Some((r, term)) = lookup::defined_term_at(model, &win, offset) {
        parts.push(defined_term_markdown(state, model, &term));
        // The glossary entry of the same words, if any ("Deliverables").
        if let Some(hit) =
            glossary_hit(&win, offset).filter(|(gr, _)| gr.start <= r.start && r.end <= gr.end || *gr == r)
        {
            parts.push(glossary().entries[hit.1].markdown());
        }
        range = Some(r);
    } else if let Some((r, entry)) = glossary_hit(&win, offset) {
        parts.push(glossary().entries[entry].markdown());
        range = Some(r);
    }

    let here: Vec<&Finding> = findings.iter().filter(|f| f.range.start <= offset && offset <= f.range.end).collect();
    if !here.is_empty() {
        parts.push(findings_markdown(&here));
        if range.is_none() {
            range = here.iter().map(|f| f.range.clone()).min_by_key(|r| r.len());
        }
    }
    let range = range?;
    Some(HoverInfo { markdown: parts.join("\n\n---\n\n"), range })
}

fn glossary_hit(win: &Window, offset: usize) -> Option<(Range<usize>, usize)> {
    let at = offset.checked_sub(win.start)?;
    glossary().term_at(&win.text, at).map(|h| (win.abs(&h.range), h.entry))
}

fn defined_term_markdown(state: &DocumentState, model: &DocumentModel, term: &str) -> String {
    let Some(def) = lookup::definition_of(model, term) else {
        return format!("**{term}** (defined term)");
    };
    let sentence = state.document().slice(def.sentence.clone());
    let sentence = one_line(&sentence);
    let mut out = format!("**{term}** (defined term)\n\n> {sentence}");
    if def.pointer {
        out.push_str("\n\n*This sentence points to a definition in another clause or document.*");
    }
    let count = model.definitions.iter().filter(|d| d.term == term).count();
    if count > 1 {
        out.push_str(&format!("\n\n*Defined {count} times in this document: check that the definitions agree.*"));
    }
    out
}

fn reference_markdown(state: &DocumentState, model: &DocumentModel, target: &RefTarget, text: &str) -> String {
    let label = match target {
        RefTarget::Section(_) => format!("Section {text}"),
        RefTarget::Attachment { .. } => text.to_string(),
    };
    if let Some(section) = lookup::resolve(model, target) {
        let h = &section.header;
        let heading = match (h.number_text.is_empty(), h.title.is_empty()) {
            (false, false) => format!("{} {}", h.number_text, h.title),
            (false, true) => format!("Section {}", h.number_text),
            _ => h.title.clone(),
        };
        let body_start = h.block_range.end.min(section.range.end).max(h.range.end.min(section.range.end));
        let preview = preview(
            &state.document().slice(h.range.start..section.range.end.min(h.range.start + 4 * PREVIEW_CHARS)),
            body_start - h.range.start,
        );
        let mut out = format!("**{heading}**");
        if !preview.is_empty() {
            out.push_str(&format!("\n\n{preview}"));
        }
        return out;
    }
    if let RefTarget::Attachment { kind, id } = target {
        if let Some(r) = lookup::attachment_paragraph(state, kind, id) {
            let text = state.document().slice(r.start..(r.end + PREVIEW_CHARS).min(state.document().len_bytes()));
            return format!("**{label}**\n\n{}", preview(&text, 0));
        }
    }
    format!("**{label}**\n\n*Not found in this document* (`refs.broken`).")
}

/// The first few non-empty lines of a section body, trimmed to a size.
fn preview(section_text: &str, body_from: usize) -> String {
    let mut from = body_from.min(section_text.len());
    while !section_text.is_char_boundary(from) {
        from -= 1;
    }
    let body = &section_text[from..];
    let body = if body.trim().is_empty() { section_text } else { body };
    let mut out = String::new();
    for line in body.lines().map(str::trim_end).filter(|l| !l.trim().is_empty()).take(PREVIEW_LINES) {
        if out.len() + line.len() > PREVIEW_CHARS {
            let mut cut = PREVIEW_CHARS.saturating_sub(out.len()).min(line.len());
            while !line.is_char_boundary(cut) {
                cut -= 1;
            }
            out.push_str(&line[..cut]);
            out.push('…');
            break;
        }
        out.push_str(line);
        out.push('\n');
    }
    out.trim_end().to_string()
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn findings_markdown(here: &[&Finding]) -> String {
    if here.len() > EXPLAIN_MAX {
        let mut out = format!("**{} findings here**\n", here.len());
        for f in here {
            out.push_str(&format!("\n- `{}`: {}", f.rule, f.message));
        }
        out.push_str("\n\nRun `clausewise explain <rule>` for any of them, or use the code actions to insert the missing clauses.");
        return out;
    }
    let mut parts = Vec::new();
    for f in here {
        let mut out = format!("**{}** (`{}`)", f.message, f.rule);
        if let Some(rule) = catalog().get(f.rule) {
            out.push_str(&format!("\n\n{}\n\n**Why it matters:** {}", rule.docs.what.trim(), one_line(&rule.docs.why)));
            if !rule.docs.fix.trim().is_empty() {
                out.push_str(&format!("\n\n**Fix:** {}", one_line(&rule.docs.fix)));
            }
        }
        parts.push(out);
    }
    parts.join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::rules::RuleSettings;

    fn hover_at(text: &str, marker: &str) -> Option<HoverInfo> {
        let state = DocumentState::new(text, 0, RuleSettings::default());
        let model = state.model();
        let findings = state.findings_with_model(&model, &Config::default());
        let offset = text.find(marker)? + 1;
        hover(&state, &model, &findings, offset)
    }

    const DOC: &str = "# Consulting Agreement\n\nThis Agreement is made between Acme Ltd (\"Client\") and Jane Doe (\"Consultant\").\n\n## 1. Services\n\n\"Deliverables\" means the trained model and its code.\n\n## 2. Fees\n\nThe Client pays for the Deliverables as set out in Section 1. Watch for model drift.\n\n## 3. Indemnities\n\nThe Consultant shall indemnify the Client.\n";

    #[test]
    fn defined_term_shows_its_definition() {
        let h = hover_at(DOC, "Client pays").unwrap();
        assert!(h.markdown.contains("**Client** (defined term)"), "{}", h.markdown);
        assert!(h.markdown.contains("Acme Ltd"));
        assert_eq!(&DOC[h.range.clone()], "Client");
        let h = hover_at(DOC, "Deliverables as").unwrap();
        assert!(h.markdown.contains("trained model"));
    }

    #[test]
    fn reference_shows_target() {
        let at = DOC.find("Section 1.").unwrap() + "Section ".len();
        let state = DocumentState::new(DOC, 0, RuleSettings::default());
        let model = state.model();
        let h = hover(&state, &model, &[], at).unwrap();
        assert!(h.markdown.contains("**1 Services**"), "{}", h.markdown);
        assert!(h.markdown.contains("trained model"), "{}", h.markdown);
    }

    #[test]
    fn glossary_terms_in_text_and_headings() {
        let h = hover_at(DOC, "odel drift").unwrap();
        assert!(h.markdown.contains("**model drift**"), "{}", h.markdown);
        assert_eq!(&DOC[h.range.clone()], "model drift");
        let h = hover_at(DOC, "Indemnities").unwrap();
        assert!(h.markdown.contains("indemnification"));
        let h = hover_at(DOC, "indemnify").unwrap();
        assert!(h.markdown.contains("What to ask for"));
    }

    #[test]
    fn diagnostic_adds_rule_explanation() {
        let text = "# Consulting Agreement\n\nThis Agreement is made between Acme Ltd (\"Client\") and Jane Doe (\"Consultant\").\n\n## 1. Terms\n\nAll work is work made for hire and belongs to the Client.\n";
        let h = hover_at(text, "made for hire").unwrap();
        assert!(h.markdown.contains("`ip.work-for-hire`"), "{}", h.markdown);
        assert!(h.markdown.contains("Why it matters"));
    }

    #[test]
    fn nothing_on_plain_words() {
        assert!(hover_at("Just some words here.\n", "some").is_none());
    }
}
