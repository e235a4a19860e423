//! Cross-references: "Section 4.2", "Sections 3 and 4", "clause 7(b)", "Exhibit A".

use std::ops::Range;

use crate::static_regex;

use super::sections::number_components;
use super::text::Sentence;

/// What a reference points at.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum RefTarget {
    /// A numbered section, by components (`["7", "b"]`).
    Section(Vec<String>),
    /// An attachment: kind (`exhibit`) and id (`a`).
    Attachment { kind: String, id: String },
}

/// One reference with its span (chunk-relative, covering the number or label).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Reference {
    pub target: RefTarget,
    pub text: String,
    pub range: Range<usize>,
}

/// References in one sentence. References to another document ("Section 3 of the
/// Master Agreement", "Section 1798.100 of the California Civil Code") are skipped.
pub fn references(sentence: &Sentence, chunk: &str) -> Vec<Reference> {
    let mut out = Vec::new();
    let norm = &sentence.norm;
    let sections = static_regex!(
        r"(?i)\b(?:sections?|clauses?|articles?|paragraphs?|§§?)\s*((?:\d+(?:\.\d+)*(?:\s?\([a-z0-9]{1,4}\))*)(?:\s*(?:,|and|or|to|through|-)\s*(?:\d+(?:\.\d+)*(?:\s?\([a-z0-9]{1,4}\))*))*)"
    );
    let one = static_regex!(r"(?i)\d+(?:\.\d+)*(?:\s?\([a-z0-9]{1,4}\))*");
    for caps in sections.captures_iter(norm) {
        let (Some(all), Some(list)) = (caps.get(0), caps.get(1)) else { continue };
        if is_external(&norm[all.end()..]) || statute_before(&norm[..all.start()]) {
            continue;
        }
        // "Section 17A", "section 252.227-7014": numbering of some other text.
        if norm[all.end()..].starts_with(|c: char| c.is_ascii_alphanumeric() || c == '-') {
            continue;
        }
        for m in one.find_iter(list.as_str()) {
            // Statutes and regulations run to hundreds ("12.212", "1798.100"); contracts do not.
            let comps = number_components(m.as_str());
            if comps.iter().any(|c| c.len() > 3)
                || comps.first().and_then(|c| c.parse::<u32>().ok()).is_some_and(|n| n >= 100)
            {
                continue;
            }
            let start = list.start() + m.start();
            let end = list.start() + m.end();
            out.push(Reference {
                target: RefTarget::Section(number_components(m.as_str())),
                text: m.as_str().to_string(),
                range: sentence.original_range(start..end, chunk),
            });
        }
    }
    let attachments = static_regex!(r"\b(Exhibit|Schedule|Appendix|Annex|Attachment|Addendum)\s+([A-Z]|\d{1,3})\b");
    for caps in attachments.captures_iter(norm) {
        let (Some(all), Some(kind), Some(id)) = (caps.get(0), caps.get(1), caps.get(2)) else { continue };
        if is_external(&norm[all.end()..]) {
            continue;
        }
        out.push(Reference {
            target: RefTarget::Attachment {
                kind: kind.as_str().to_ascii_lowercase(),
                id: id.as_str().to_ascii_lowercase(),
            },
            text: all.as_str().to_string(),
            range: sentence.original_range(all.range(), chunk),
        });
    }
    out
}

/// "FAR section 12.212", "29 U.S.C. § 201", "the Act section 5": a statute's section.
fn statute_before(before: &str) -> bool {
    static_regex!(
        r"(?:\b(?:FAR|DFARS?|CFR|C\.F\.R\.|U\.S\.C\.|USC|UCC|Code|Act|GDPR|Regulations?|Directive|Rules)|\d{4})\s*$"
    )
    .is_match(before)
}

fn is_external(after: &str) -> bool {
    let re = static_regex!(
        r"^\s*(?:\([^)]{0,40}\)\s*)?(?:of|to|in|under)\s+(?:the\s+|that\s+|any\s+|an?\s+)?(?:[A-Z][\w.&-]*|U\.S\.|\d{4})"
    );
    match re.find(after) {
        Some(m) => {
            let tail = &after[..m.end()];
            // "of this Agreement" is internal; "of the Master Agreement" is not.
            !static_regex!(r"(?i)\b(this|these)\b").is_match(tail)
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::text::sentences;
    use crate::syntax::parse_blocks;

    fn refs(text: &str) -> Vec<String> {
        let blocks = parse_blocks(text);
        sentences(text, &blocks).iter().flat_map(|s| references(s, text)).map(|r| r.text).collect()
    }

    #[test]
    fn sections_lists_clauses_and_attachments() {
        assert_eq!(
            refs("See Section 4.2 and Sections 3 and 4, clause 7(b) and Exhibit A.\n"),
            vec!["4.2", "3", "4", "7(b)", "Exhibit A"]
        );
        assert_eq!(refs("As set out in Section 2.1 (Deliverables).\n"), vec!["2.1"]);
    }

    #[test]
    fn other_documents_are_not_our_sections() {
        assert!(refs("Section 1798.100 of the California Civil Code applies.\n").is_empty());
        assert!(refs("Subject to Section 3 of the Master Agreement.\n").is_empty());
        assert_eq!(refs("Under Section 3 of this Agreement.\n"), vec!["3"]);
        assert!(refs("According to FAR section 12.212 and DFAR section 252.227-7014(a)(1).\n").is_empty());
        assert!(refs("Adopted pursuant to Section 17A of the Act.\n").is_empty());
    }
}
