//! The contract model: what a contract says about its own structure.
//!
//! Built in two steps so that a keystroke only redoes local work:
//! [`ChunkFacts`] are derived from one chunk's text alone and cached with it;
//! [`DocumentModel`] combines the facts of all chunks (cheap: no text is read).
//! Both are pure and never fail, whatever half-typed text they are given.

pub mod frontmatter;
pub mod numbers;
pub mod parties;
pub mod patterns;
pub mod references;
pub mod sections;
pub mod suppression;
pub mod terms;
pub mod text;

use std::ops::Range;

use crate::syntax::{parse_blocks, Block, BlockKind};

pub use frontmatter::FrontMatter;
pub use parties::{Party, Role};
pub use references::{RefTarget, Reference};
pub use sections::{HeaderStyle, SectionHeader};
pub use suppression::Suppression;
pub use terms::{Definition, TermCandidate};
pub use text::Sentence;

/// Everything derived from one chunk's text alone. Ranges are chunk-relative.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct ChunkFacts {
    pub blocks: Vec<Block>,
    pub sentences: Vec<Sentence>,
    pub headers: Vec<SectionHeader>,
    pub definitions: Vec<Definition>,
    pub candidates: Vec<TermCandidate>,
    pub references: Vec<Reference>,
    pub parties: Vec<Party>,
    pub front_matter: Option<FrontMatter>,
    pub suppressions: Vec<Suppression>,
    /// Runs of capitalised words with their counts (uses of defined terms).
    pub capitalised: Vec<(String, u32)>,
    /// Cover-page and key-value labels (`**Effective Date:** ...`).
    pub labels: Vec<String>,
    /// Attachment titles written as plain paragraphs ("EXHIBIT A", "Schedule 1 - Rates").
    pub attachment_labels: Vec<sections::AttachmentLabel>,
    /// The chunk says terms or sections come from another document.
    pub incorporates: bool,
}

impl ChunkFacts {
    /// Parses and reads one chunk.
    pub fn from_text(text: &str) -> Self {
        let blocks = parse_blocks(text);
        let sentences = text::sentences(text, &blocks);
        let headers = sections::headers(text, &blocks);
        let mut definitions = Vec::new();
        let mut candidates = Vec::new();
        let mut references = Vec::new();
        let mut parties = Vec::new();
        let mut capitalised: Vec<(String, u32)> = Vec::new();
        let mut incorporates = false;
        let mut last_block = usize::MAX;
        let mut attachment_labels = Vec::new();
        for sentence in &sentences {
            if sentence.block != last_block {
                last_block = sentence.block;
                if let Some(label) = sections::standalone_attachment(&sentence.norm) {
                    attachment_labels.push(label);
                }
            }
            for run in terms::capitalised_runs(&sentence.norm) {
                match capitalised.iter_mut().find(|(r, _)| *r == run) {
                    Some(entry) => entry.1 += 1,
                    None => capitalised.push((run, 1)),
                }
            }
            incorporates = incorporates || (!sentence.in_heading && terms::incorporates_other_document(&sentence.norm));
            for def in terms::definitions(sentence, text) {
                let sentence_text = &text[sentence.range.clone()];
                if let Some(party) = parties::party_from_definition(
                    &def,
                    sentence_text,
                    def.range.start.saturating_sub(sentence.range.start),
                ) {
                    if !parties.iter().any(|p: &Party| p.term == party.term) {
                        parties.push(party);
                    }
                }
                definitions.push(def);
            }
            candidates.extend(terms::candidates(sentence, text));
            references.extend(references::references(sentence, text));
        }
        let front_matter = blocks
            .iter()
            .find(|b| b.kind == BlockKind::FrontMatter)
            .map(|b| frontmatter::parse(&text[b.range.clone()]));
        let suppressions = suppression::scan(text, &blocks);
        let mut labels: Vec<String> = Vec::new();
        for b in blocks.iter().filter(|b| matches!(b.kind, BlockKind::Paragraph | BlockKind::TableRow)) {
            let Some(raw) = text.get(b.content.clone()) else { continue };
            labels.extend(terms::cover_label(raw, b.kind == BlockKind::TableRow));
            for term in terms::linked_terms(raw) {
                if !labels.contains(&term) {
                    labels.push(term);
                }
            }
        }
        Self {
            blocks,
            sentences,
            headers,
            definitions,
            candidates,
            references,
            parties,
            front_matter,
            suppressions,
            capitalised,
            labels,
            attachment_labels,
            incorporates,
        }
    }
}

/// A section of the document with its extent (absolute byte ranges).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub header: SectionHeader,
    /// From the header to the next header of the same or a higher level.
    pub range: Range<usize>,
}

/// A fact and the absolute offset of the chunk it came from.
pub struct Located<'a, T> {
    pub offset: usize,
    pub item: &'a T,
}

/// The whole-document view, combined from chunk facts. Ranges are absolute.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocumentModel {
    pub title: Option<(String, Range<usize>)>,
    pub front_matter: FrontMatter,
    pub sections: Vec<Section>,
    pub definitions: Vec<Definition>,
    pub parties: Vec<Party>,
    pub is_contract: bool,
    pub len: usize,
}

/// One chunk as the combining step sees it.
pub struct ChunkView<'a> {
    pub offset: usize,
    pub text: &'a str,
    pub facts: &'a ChunkFacts,
}

fn shift(r: &Range<usize>, by: usize) -> Range<usize> {
    r.start + by..r.end + by
}

impl DocumentModel {
    /// Combines chunk facts. `head` is the first few KB of the text (for the
    /// contract test); `len` the document length.
    pub fn combine(chunks: &[ChunkView], head: &str, len: usize) -> Self {
        let mut model = DocumentModel { len, ..Default::default() };
        let mut headers = Vec::new();
        for chunk in chunks {
            let f = chunk.facts;
            if model.front_matter == FrontMatter::default() {
                if let Some(fm) = &f.front_matter {
                    model.front_matter = fm.clone();
                }
            }
            for h in &f.headers {
                let mut h = h.clone();
                h.range = shift(&h.range, chunk.offset);
                h.block_range = shift(&h.block_range, chunk.offset);
                headers.push(h);
            }
            for d in &f.definitions {
                model.definitions.push(Definition {
                    term: d.term.clone(),
                    range: shift(&d.range, chunk.offset),
                    sentence: shift(&d.sentence, chunk.offset),
                    pointer: d.pointer,
                });
            }
            for p in &f.parties {
                if !model.parties.iter().any(|q| q.term == p.term) {
                    model.parties.push(p.clone());
                }
            }
        }
        model.title = headers
            .iter()
            .find(|h| h.style == HeaderStyle::Heading)
            .map(|h| (h.title.clone(), h.range.clone()))
            .or_else(|| model.front_matter.get("title").map(|t| (t.to_string(), 0..0)));
        // Section extents: until the next header of the same or a higher level.
        for (i, h) in headers.iter().enumerate() {
            let end = headers[i + 1..].iter().find(|n| n.level <= h.level).map(|n| n.range.start).unwrap_or(len);
            model.sections.push(Section { header: h.clone(), range: h.range.start..end.max(h.range.start) });
        }
        model.is_contract = is_contract(&model, head);
        model
    }

    /// Defined terms of the side we act for / the other side.
    pub fn party_terms(&self, role: Role) -> Vec<&Party> {
        self.parties.iter().filter(|p| p.role == role).collect()
    }

    /// The innermost section containing `offset`.
    pub fn section_at(&self, offset: usize) -> Option<&Section> {
        self.sections
            .iter()
            .filter(|s| s.range.contains(&offset) || s.header.range.contains(&offset))
            .max_by_key(|s| s.range.start)
    }
}

/// Whether the document reads like a contract (not a README, a blog post or notes).
fn is_contract(model: &DocumentModel, head: &str) -> bool {
    if let Some(flag) = model.front_matter.clausewise {
        return flag;
    }
    if let Some(kind) = model.front_matter.get("type") {
        let kind = kind.to_ascii_lowercase();
        return crate::static_regex!(r"contract|agreement|sow|statement of work|nda|terms|addendum").is_match(&kind);
    }
    let title_re = crate::static_regex!(
        r"(?i)\b(agreement|contract|terms of (service|use|engagement)|terms and conditions|statement of work|\bsow\b|nda|non-disclosure|addendum|engagement letter|letter of engagement|memorandum of understanding|order form|master services)\b"
    );
    let not_contract_title = crate::static_regex!(
        r"(?i)\b(changelog|release notes|readme|blog|how to|guide|tips|checklist|meeting notes|minutes)\b"
    );
    if let Some((title, _)) = &model.title {
        if not_contract_title.is_match(title) {
            return false;
        }
        if title_re.is_match(title) {
            return true;
        }
    }
    // No telling title: look for the body of an agreement near the top.
    let body = crate::static_regex!(
        r"(?i)\b(this (agreement|contract)|the parties (hereby )?agree|in witness whereof|(is|are) entered into|made and entered|hereinafter|by and between)\b"
    );
    let hits = body.find_iter(head).count();
    (model.parties.len() >= 2 && hits >= 1) || hits >= 3
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model(text: &str) -> DocumentModel {
        let facts = ChunkFacts::from_text(text);
        DocumentModel::combine(&[ChunkView { offset: 0, text, facts: &facts }], text, text.len())
    }

    #[test]
    fn a_consulting_agreement_is_a_contract_with_parties_and_sections() {
        let m = model("# Consulting Agreement\n\nThis Agreement is made between Acme Ltd (\"Client\") and Jane Doe (\"Consultant\").\n\n## 1. Services\n\nWork.\n\n## 2. Fees\n\nMoney.\n");
        assert!(m.is_contract);
        assert_eq!(m.title.as_ref().map(|t| t.0.as_str()), Some("Consulting Agreement"));
        assert_eq!(m.parties.len(), 2);
        let numbers: Vec<&str> = m.sections.iter().map(|s| s.header.number_text.as_str()).collect();
        assert_eq!(numbers, vec!["", "1", "2"]);
        assert!(m.sections[1].range.end == m.sections[2].range.start);
    }

    #[test]
    fn notes_and_changelogs_are_not_contracts() {
        assert!(!model("# Meeting notes\n\nWe discussed liability and the kill fee.\n").is_contract);
        assert!(!model("# Changelog\n\n## 1.2.0\n\n- Added indemnity docs.\n").is_contract);
        assert!(model("---\nclausewise: true\n---\n\nAnything.\n").is_contract);
    }
}
