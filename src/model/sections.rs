//! Section headers, in every way contracts write them.
//!
//! `## 4. Fees`, numbered list items (`1.` nested in `2.` is 2.1), numbered
//! paragraphs (`4.2 The Client shall`), bold paragraph headings
//! (`**Confidentiality.** ...`) and Common Paper's `<span class="header_2">`.

use std::ops::Range;

use crate::static_regex;
use crate::syntax::{Block, BlockKind, ListMarker};

use super::text::normalize;

/// How a section header is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HeaderStyle {
    Heading,
    ListItem,
    NumberedParagraph,
    BoldParagraph,
}

/// An exhibit, schedule, appendix or annex label such as "Exhibit A".
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AttachmentLabel {
    /// `exhibit`, `schedule`, `appendix`, `annex`, `attachment`.
    pub kind: String,
    /// Lower-cased identifier: `a`, `1`.
    pub id: String,
}

/// One section header found in a chunk (ranges relative to the chunk).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SectionHeader {
    /// Number components, lower-cased: `4.2(b)` is `["4", "2", "b"]`; empty when unnumbered.
    pub number: Vec<String>,
    /// The number as written (`4.2`), empty when unnumbered.
    pub number_text: String,
    pub title: String,
    /// Heading level (1-6) for `#` headings; 7 + nesting depth for the others.
    pub level: u8,
    pub style: HeaderStyle,
    /// The header's own span (the heading line, or the start of the paragraph).
    pub range: Range<usize>,
    /// Span of the block the header opens.
    pub block_range: Range<usize>,
    pub attachment: Option<AttachmentLabel>,
}

/// Splits a written section number into components.
pub fn number_components(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in text.split(['.', '(', ')']) {
        let part = part.trim();
        if !part.is_empty() {
            out.push(part.to_ascii_lowercase());
        }
    }
    out
}

fn marker_component(marker: &ListMarker) -> Option<String> {
    let core = marker.text.trim_matches(|c: char| matches!(c, '.' | ')' | '('));
    if core.is_empty() {
        return None;
    }
    if let Ok(n) = core.parse::<u64>() {
        let n = if marker.lazy { n + marker.index as u64 } else { n };
        return Some(n.to_string());
    }
    Some(core.to_ascii_lowercase())
}

fn attachment_of(title: &str) -> Option<AttachmentLabel> {
    let re = static_regex!(r"(?i)^(exhibit|schedule|appendix|annex|attachment|addendum)\s+([a-z0-9]{1,4})\b");
    let caps = re.captures(title.trim())?;
    Some(AttachmentLabel { kind: caps[1].to_ascii_lowercase(), id: caps[2].to_ascii_lowercase() })
}

/// An attachment title written as the first sentence of a plain paragraph:
/// "EXHIBIT A", "Schedule 1 - Rates", "Annex B: Security Measures".
pub fn standalone_attachment(first_sentence: &str) -> Option<AttachmentLabel> {
    let re = static_regex!(
        r"(?i)^(exhibit|schedule|appendix|annex|attachment|addendum)\s+([a-z]|\d{1,3})\b\s*(?:$|[:.\-]|\s+to\b)"
    );
    let text = first_sentence.trim();
    if text.len() > 120 {
        return None;
    }
    let caps = re.captures(text)?;
    Some(AttachmentLabel { kind: caps[1].to_ascii_lowercase(), id: caps[2].to_ascii_lowercase() })
}

/// Finds the section headers among a chunk's blocks.
pub fn headers(chunk: &str, blocks: &[Block]) -> Vec<SectionHeader> {
    let mut out = Vec::new();
    for block in blocks {
        let raw = &chunk[block.content.clone()];
        match block.kind {
            BlockKind::Heading { level } => {
                let (norm, _) = normalize(raw, 0);
                let re = static_regex!(
                    r"(?i)^(?:(?:section|article|clause|part)\s+)?(\d+(?:\.\d+)*\.?|[ivx]+\.|[a-z][.)])\s+(.+)$"
                );
                let (number_text, title) = match re.captures(&norm) {
                    Some(c) => (c[1].trim_end_matches('.').to_string(), c[2].trim().to_string()),
                    None => (String::new(), norm.trim().to_string()),
                };
                out.push(SectionHeader {
                    number: number_components(&number_text),
                    number_text,
                    attachment: attachment_of(&title),
                    title,
                    level,
                    style: HeaderStyle::Heading,
                    range: block.range.clone(),
                    block_range: block.range.clone(),
                });
            }
            BlockKind::Paragraph => {
                if let Some(header) = paragraph_header(raw, block) {
                    out.push(header);
                }
            }
            _ => {}
        }
    }
    out
}

fn paragraph_header(raw: &str, block: &Block) -> Option<SectionHeader> {
    let first_line = raw.lines().next().unwrap_or("");
    let (norm, _) = normalize(first_line, 0);
    let title = leading_title(raw);
    let head_len = first_line.len().min(80);
    let range = block.content.start..block.content.start + floor_boundary(raw, head_len);
    if block.opens_item && !block.list_path.is_empty() {
        let comps: Option<Vec<String>> = block.list_path.iter().map(marker_component).collect();
        let comps = comps?;
        let ordered = block.list_path.iter().all(|m| {
            m.text.trim_matches(['.', ')', '(']).chars().all(|c| c.is_ascii_alphanumeric())
                && m.text.len() <= 5
                && m.text != "-"
                && m.text != "*"
                && m.text != "+"
        });
        if !ordered {
            return None;
        }
        let number_text = comps.join(".");
        return Some(SectionHeader {
            number: comps,
            number_text,
            attachment: title.as_deref().and_then(attachment_of),
            title: title.unwrap_or_default(),
            level: 7 + block.list_path.len() as u8,
            style: HeaderStyle::ListItem,
            range,
            block_range: block.range.clone(),
        });
    }
    if !block.list_path.is_empty() {
        return None;
    }
    let numbered = static_regex!(r"^(\d{1,3}(?:\.\d{1,3})+\.?|\d{1,3}\.)\s+\S");
    if let Some(c) = numbered.captures(&norm) {
        let number_text = c[1].trim_end_matches('.').to_string();
        let number = number_components(&number_text);
        let rest = norm[c.get(1).map_or(0, |m| m.end())..].trim_start();
        let title = title.or_else(|| short_title(rest));
        return Some(SectionHeader {
            level: 6 + number.len() as u8,
            number,
            number_text,
            attachment: None,
            title: title.unwrap_or_default(),
            style: HeaderStyle::NumberedParagraph,
            range,
            block_range: block.range.clone(),
        });
    }
    let title = title?;
    Some(SectionHeader {
        number: Vec::new(),
        number_text: String::new(),
        attachment: attachment_of(&title),
        title,
        level: 7,
        style: HeaderStyle::BoldParagraph,
        range,
        block_range: block.range.clone(),
    })
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A bold or `header_N` span title at the start of a paragraph: `**Fees.**`,
/// `<span class="header_3">Fees.</span>`, `**4.2 Fees.**`.
fn leading_title(raw: &str) -> Option<String> {
    let re = static_regex!(
        r#"^\s*(?:\*\*|__|<span class="header_\d+">|<strong>|<b>)\s*(?:\d+(?:\.\d+)*\.?\s+)?([^*_<\n]{1,80}?)\s*(?:\*\*|__|</span>|</strong>|</b>)"#
    );
    let c = re.captures(raw)?;
    let title = c[1].trim().trim_end_matches(['.', ':']).trim().to_string();
    let words = title.split_whitespace().count();
    if words == 0 || words > 10 || title.starts_with('"') || title.starts_with('\u{201c}') {
        return None;
    }
    Some(title)
}

/// "Fees. The Client shall pay..." -> "Fees".
fn short_title(rest: &str) -> Option<String> {
    let end = rest.find(['.', ':'])?;
    let candidate = &rest[..end];
    let words: Vec<&str> = candidate.split_whitespace().collect();
    if words.is_empty() || words.len() > 6 {
        return None;
    }
    let capitalised = words.iter().all(|w| {
        w.chars().next().is_some_and(|c| c.is_uppercase())
            || matches!(*w, "of" | "and" | "the" | "to" | "for" | "on" | "in" | "or")
    });
    capitalised.then(|| candidate.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::parse_blocks;

    fn found(text: &str) -> Vec<(String, String, HeaderStyle)> {
        let blocks = parse_blocks(text);
        headers(text, &blocks).into_iter().map(|h| (h.number_text, h.title, h.style)).collect()
    }

    #[test]
    fn markdown_headings_with_and_without_numbers() {
        let got = found("# Consulting Agreement\n\n## 4. Fees\n\n### 4.2 Invoices\n\n## Schedule 1 - Rates\n");
        assert_eq!(got[0], ("".into(), "Consulting Agreement".into(), HeaderStyle::Heading));
        assert_eq!(got[1], ("4".into(), "Fees".into(), HeaderStyle::Heading));
        assert_eq!(got[2], ("4.2".into(), "Invoices".into(), HeaderStyle::Heading));
        let blocks = parse_blocks("## Schedule 1 - Rates\n");
        let h = &headers("## Schedule 1 - Rates\n", &blocks)[0];
        assert_eq!(h.attachment, Some(AttachmentLabel { kind: "schedule".into(), id: "1".into() }));
    }

    #[test]
    fn nested_lists_with_html_span_titles() {
        let text = "1. <span class=\"header_2\">Services</span>\n    1. <span class=\"header_3\">Providing Services.</span> Provider will.\n    2. <span class=\"header_3\">Cooperation.</span> Customer will.\n2. <span class=\"header_2\">Fees</span>\n";
        let got = found(text);
        assert_eq!(got[0], ("1".into(), "Services".into(), HeaderStyle::ListItem));
        assert_eq!(got[1], ("1.1".into(), "Providing Services".into(), HeaderStyle::ListItem));
        assert_eq!(got[2], ("1.2".into(), "Cooperation".into(), HeaderStyle::ListItem));
        assert_eq!(got[3], ("2".into(), "Fees".into(), HeaderStyle::ListItem));
    }

    #[test]
    fn lazy_list_numbers_count_up() {
        let got = found("1. A\n1. B\n1. C\n");
        let numbers: Vec<&str> = got.iter().map(|g| g.0.as_str()).collect();
        assert_eq!(numbers, vec!["1", "2", "3"]);
    }

    #[test]
    fn numbered_and_bold_paragraphs() {
        let got = found("4.2 The Client shall pay.\n\n**Confidentiality.** Each party keeps secrets.\n\n**7. Notices.** In writing.\n\nPlain text.\n");
        assert_eq!(got[0], ("4.2".into(), "".into(), HeaderStyle::NumberedParagraph));
        assert_eq!(got[1], ("".into(), "Confidentiality".into(), HeaderStyle::BoldParagraph));
        assert_eq!(got[2], ("7".into(), "Notices".into(), HeaderStyle::NumberedParagraph));
        assert_eq!(got.len(), 3);
    }
}
