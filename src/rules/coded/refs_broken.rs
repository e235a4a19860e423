//! `refs.broken`: "Section 7.2", "clause 4(b)", "Exhibit B" that the document lacks.

use std::collections::{HashMap, HashSet};

use crate::model::{DocumentModel, RefTarget, Section};
use crate::rules::Finding;

use super::{finding, CodedRule, DocCx};

/// Cross-references to sections or attachments that do not exist.
pub struct RefsBroken;

fn is_letter_or_roman(c: &str) -> bool {
    c.chars().all(|ch| ch.is_ascii_alphabetic())
}

/// Sections by number, for quick lookup.
struct SectionIndex<'a> {
    by_number: HashMap<&'a [String], Vec<&'a Section>>,
    /// Parent numbers (all but the last component) that have a lettered child header.
    lettered_parents: HashSet<&'a [String]>,
}

impl<'a> SectionIndex<'a> {
    fn new(model: &'a DocumentModel) -> Self {
        let mut by_number: HashMap<&[String], Vec<&Section>> = HashMap::new();
        let mut lettered_parents = HashSet::new();
        for s in &model.sections {
            let n = s.header.number.as_slice();
            by_number.entry(n).or_default().push(s);
            if let Some((last, parent)) = n.split_last() {
                if is_letter_or_roman(last) {
                    lettered_parents.insert(parent);
                }
            }
        }
        Self { by_number, lettered_parents }
    }

    /// Whether section number `comps` exists: as a header, or as a header nested
    /// (by position) in the section that holds its first components ("2.1" where
    /// `## 2.` is followed by a list numbered `1.`).
    fn exists(&self, comps: &[String]) -> bool {
        if self.by_number.contains_key(comps) {
            return true;
        }
        for k in (1..comps.len()).rev() {
            let (head, rest) = comps.split_at(k);
            let Some(parents) = self.by_number.get(head) else { continue };
            let children = self.by_number.get(rest).map(Vec::as_slice).unwrap_or(&[]);
            let nested = parents.iter().any(|p| {
                children
                    .iter()
                    .any(|c| c.header.range.start > p.header.range.start && c.header.range.start < p.range.end)
            });
            if nested {
                return true;
            }
            // Lettered sub-clauses ("4(b)") are often inline: accept them unless the
            // parent's lettered children are headers and this one is not among them.
            if rest.iter().all(|c| is_letter_or_roman(c)) {
                return !self.lettered_parents.contains(head);
            }
            return false;
        }
        false
    }
}

impl CodedRule for RefsBroken {
    fn id(&self) -> &'static str {
        "refs.broken"
    }

    fn check_document(&self, cx: &DocCx, out: &mut Vec<Finding>) {
        let model = cx.model;
        let numbered = model.sections.iter().any(|s| !s.header.number.is_empty() && s.header.attachment.is_none());
        let incorporates = cx.chunks.iter().any(|c| c.facts.incorporates);
        let attachments: Vec<(String, String)> = model
            .sections
            .iter()
            .filter_map(|s| s.header.attachment.as_ref())
            .chain(cx.chunks.iter().flat_map(|c| c.facts.attachment_labels.iter()))
            .map(|a| (a.kind.clone(), a.id.clone()))
            .collect();
        let index = SectionIndex::new(model);
        for chunk in cx.chunks {
            for r in &chunk.facts.references {
                let broken = match &r.target {
                    RefTarget::Section(comps) => {
                        // With no numbered sections and a pointer to another document, the
                        // reference most likely points there.
                        if comps.is_empty() || (!numbered && incorporates) {
                            continue;
                        }
                        !index.exists(comps)
                    }
                    RefTarget::Attachment { kind, id } => {
                        if incorporates && attachments.is_empty() {
                            continue;
                        }
                        !attachments.iter().any(|(k, i)| k == kind && i == id)
                    }
                };
                if !broken {
                    continue;
                }
                let what = match &r.target {
                    RefTarget::Section(_) => format!("section {}", r.text),
                    RefTarget::Attachment { .. } => r.text.clone(),
                };
                let message = format!("Broken cross-reference: this document has no {what}. Add it, or point the reference at the right place");
                out.push(finding(self.id(), r.range.start + chunk.offset..r.range.end + chunk.offset, Some(message)));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::coded::testing::{assert_flags, assert_silent, spans};

    const ID: &str = "refs.broken";

    #[test]
    fn flag_missing_sections_and_attachments() {
        let text = "# Agreement\n\n## 11. Term\n\n11.1 Starts.\n\n11.2 Ends as set out in Section 11.3.\n";
        assert_eq!(spans(ID, text), vec!["11.3"]);
        assert_flags(ID, "# Agreement\n\n## 1. Fees\n\nPay as in Exhibit D.\n\n## Exhibit A\n\nRates.\n");
        assert_flags(ID, "The Client will pay the fees set out in Section 7.\n");
        assert_flags(ID, "## 1. Fees\n\nSee clause 13 and Schedule 3.\n");
    }

    #[test]
    fn dont_flag_resolved_references() {
        assert_silent(ID, "# Agreement\n\n## 1. Fees\n\nPay as in Section 2.1 (Deliverables) and Sections 1 and 2.\n\n## 2. Services\n\n2.1 Build.\n\n## Exhibit A\n\nRates in Exhibit A.\n");
        assert_silent(ID, "## 4. Fees\n\n4.2 Pay as in clause 4.2(b).\n");
        assert_silent(ID, "1. <span class=\"header_2\">Services</span>\n    1. <span class=\"header_3\">Providing.</span> As in Section 1.2.\n    2. <span class=\"header_3\">Cooperation.</span> Help.\n");
        assert_silent(ID, "## 2. Fees\n\nThe Client pays:\n\n1. a deposit;\n2. the rest, see Section 2.2.\n");
        assert_silent(ID, "**EXHIBIT A**\n\nRates.\n\nAs set out in Exhibit A.\n");
        assert_silent(ID, "EXHIBIT B\n\nRates.\n\nAs set out in Exhibit B.\n");
    }

    #[test]
    fn dont_flag_other_documents() {
        assert_silent(ID, "## 1. Scope\n\nSection 8 of the Master Services Agreement applies unchanged.\n");
        assert_silent(ID, "## 1. Data\n\nThe parties comply with Article 28 of the GDPR.\n");
        assert_silent(ID, "Capitalized terms not defined here have the meanings given in the Master Agreement. Fees are payable under Section 4.\n");
    }
}
