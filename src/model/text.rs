//! Sentences: the unit that rule evidence is scoped to.
//!
//! A sentence's text is normalised for matching: Markdown emphasis and code
//! marks and inline HTML tags are dropped, curly quotes and apostrophes are made
//! straight, and every run of whitespace (line breaks included: about one phrase
//! in ten in a wrapped contract spans a line) becomes one space. A byte map leads
//! from the normalised text back to the original, so a match can be reported on
//! the exact span the user wrote.

use std::ops::Range;

use crate::syntax::{Block, BlockKind};

/// One sentence (or heading, or table row) of a chunk.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Sentence {
    /// Original span, relative to the chunk.
    pub range: Range<usize>,
    /// Normalised text.
    pub norm: String,
    /// For each byte of `norm`, the chunk-relative offset of the original byte it came from.
    map: Vec<u32>,
    /// Index of the block it belongs to.
    pub block: usize,
    pub in_heading: bool,
}

impl Sentence {
    /// Maps a byte range of `norm` back to a chunk-relative range of `chunk`,
    /// the original text of the chunk this sentence was taken from.
    pub fn original_range(&self, norm: Range<usize>, chunk: &str) -> Range<usize> {
        if self.map.is_empty() || norm.start >= self.map.len() {
            return self.range.clone();
        }
        let start = self.map[norm.start] as usize;
        let last = self.map[norm.end.clamp(norm.start + 1, self.map.len()) - 1] as usize;
        let mut end = last + 1;
        while end < chunk.len() && !chunk.is_char_boundary(end) {
            end += 1;
        }
        start..end.max(start)
    }
}

/// Normalises `text` (which starts at chunk offset `base`), returning the text
/// and the byte map.
pub fn normalize(text: &str, base: usize) -> (String, Vec<u32>) {
    let mut out = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len());
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut pending_space = false;
    while i < bytes.len() {
        let b = bytes[i];
        // Inline HTML tags: `<span class="x">`, `</span>`, `<br/>`, comments.
        if b == b'<' {
            if let Some(len) = html_tag_len(&text[i..]) {
                i += len;
                continue;
            }
        }
        if matches!(b, b'*' | b'`') || (b == b'_' && is_emphasis_underscore(bytes, i)) {
            i += 1;
            continue;
        }
        if b.is_ascii_whitespace() {
            pending_space = !out.is_empty();
            i += 1;
            continue;
        }
        let ch = text[i..].chars().next().unwrap_or(' ');
        let len = ch.len_utf8();
        if pending_space {
            out.push(' ');
            map.push((base + i) as u32);
            pending_space = false;
        }
        let replacement = match ch {
            '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' => Some('\''),
            '\u{201C}' | '\u{201D}' | '\u{201F}' | '\u{2033}' => Some('"'),
            '\u{2013}' | '\u{2014}' => Some('-'),
            '\u{00A0}' | '\u{2009}' | '\u{202F}' => Some(' '),
            _ => None,
        };
        match replacement {
            Some(r) => {
                out.push(r);
                map.push((base + i) as u32);
            }
            None => {
                out.push(ch);
                for k in 0..len {
                    map.push((base + i + k) as u32);
                }
            }
        }
        i += len;
    }
    (out, map)
}

/// An underscore used as emphasis (`_word_`), not inside a word or a `____` blank.
fn is_emphasis_underscore(bytes: &[u8], i: usize) -> bool {
    let prev = if i > 0 { bytes[i - 1] } else { b' ' };
    let next = bytes.get(i + 1).copied().unwrap_or(b' ');
    if prev == b'_' || next == b'_' {
        return false;
    }
    !(prev.is_ascii_alphanumeric() && next.is_ascii_alphanumeric())
}

fn html_tag_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    if s.starts_with("<!--") {
        return s.find("-->").map(|e| e + 3);
    }
    let second = *b.get(1)?;
    if !(second.is_ascii_alphabetic() || second == b'/') {
        return None;
    }
    let end = s[1..].find(['>', '<', '\n'])? + 1;
    if b[end] != b'>' {
        return None;
    }
    Some(end + 1)
}

const ABBREVIATIONS: &[&str] = &[
    "e.g", "i.e", "etc", "inc", "ltd", "co", "no", "nos", "sec", "secs", "vs", "mr", "ms", "mrs", "dr", "st", "u.s",
    "u.k", "art", "cl", "para", "pty", "corp", "llc", "plc", "approx", "incl", "viz", "cf", "p", "pp", "fig", "jan",
    "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

/// Splits normalised text into sentence ranges.
fn split_sentences(norm: &str) -> Vec<Range<usize>> {
    let bytes = norm.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if matches!(b, b'.' | b'!' | b'?') && bytes.get(i + 1) == Some(&b' ') {
            // Include closing quotes/brackets after the stop.
            let next = bytes.get(i + 2).copied().unwrap_or(b' ');
            let starts_new = next.is_ascii_uppercase() || matches!(next, b'"' | b'(' | b'[') || next.is_ascii_digit();
            let word_start = norm[..i].rfind([' ', '(']).map(|p| p + 1).unwrap_or(0);
            let word = norm[word_start..i].to_ascii_lowercase();
            let is_abbrev = b == b'.'
                && (ABBREVIATIONS.contains(&word.as_str())
                    || (word.len() == 1 && word.as_bytes()[0].is_ascii_alphabetic())
                    || (!word.is_empty() && word.bytes().all(|c| c.is_ascii_digit() || c == b'.')));
            if starts_new && !is_abbrev {
                out.push(start..i + 1);
                start = i + 2;
            }
        }
        i += 1;
    }
    if start < norm.len() {
        out.push(start..norm.len());
    }
    out
}

/// The sentences of a chunk's blocks, in order.
pub fn sentences(chunk: &str, blocks: &[Block]) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (index, block) in blocks.iter().enumerate() {
        let in_heading = matches!(block.kind, BlockKind::Heading { .. });
        match block.kind {
            BlockKind::Code | BlockKind::Html | BlockKind::FrontMatter => continue,
            BlockKind::TableRow => {
                let raw = &chunk[block.content.clone()];
                let (norm, map) = normalize(raw, block.content.start);
                let norm_trim = norm.trim_matches(|c| c == '|' || c == ' ').to_string();
                if norm_trim.chars().all(|c| matches!(c, '-' | ':' | '|' | ' ')) {
                    continue;
                }
                let lead = norm.find(|c| c != '|' && c != ' ').unwrap_or(0);
                let map = map[lead..lead + norm_trim.len()].to_vec();
                let range = block.content.clone();
                out.push(Sentence { range, norm: norm_trim, map, block: index, in_heading: false });
            }
            _ => {
                let raw = &chunk[block.content.clone()];
                let (norm, map) = normalize(raw, block.content.start);
                let parts = if in_heading { std::iter::once(0..norm.len()).collect() } else { split_sentences(&norm) };
                for part in parts {
                    if part.is_empty() {
                        continue;
                    }
                    let sub_map = map[part.clone()].to_vec();
                    let start = sub_map[0] as usize;
                    let mut end = *sub_map.last().unwrap_or(&(start as u32)) as usize + 1;
                    while end < chunk.len() && !chunk.is_char_boundary(end) {
                        end += 1;
                    }
                    out.push(Sentence {
                        range: start..end.min(chunk.len()),
                        norm: norm[part].to_string(),
                        map: sub_map,
                        block: index,
                        in_heading,
                    });
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::parse_blocks;

    #[test]
    fn normalisation_drops_markup_and_maps_back() {
        let text = "The **Client**  shall\n  pay <span class=\"x\">Fees</span> \u{201C}now\u{201D}.";
        let (norm, map) = normalize(text, 0);
        assert_eq!(norm, "The Client shall pay Fees \"now\".");
        let at = norm.find("Fees").unwrap();
        assert_eq!(&text[map[at] as usize..map[at + 3] as usize + 1], "Fees");
    }

    #[test]
    fn sentences_split_on_stops_but_not_abbreviations_or_numbers() {
        let text = "Pay within 30 days, e.g. by wire. See Section 4.2 for details. Acme Inc. agrees.\n";
        let blocks = parse_blocks(text);
        let s = sentences(text, &blocks);
        let norms: Vec<&str> = s.iter().map(|s| s.norm.as_str()).collect();
        assert_eq!(
            norms,
            vec!["Pay within 30 days, e.g. by wire.", "See Section 4.2 for details.", "Acme Inc. agrees."]
        );
        assert_eq!(&text[s[1].range.clone()], "See Section 4.2 for details.");
    }

    #[test]
    fn original_range_covers_multibyte_text() {
        let text = "Le contrat co\u{fb}te 5 \u{20ac} \u{201c}net\u{201d}.\n";
        let blocks = parse_blocks(text);
        let s = &sentences(text, &blocks)[0];
        let at = s.norm.find('€').unwrap();
        let r = s.original_range(at..at + '€'.len_utf8(), text);
        assert_eq!(&text[r], "€");
        let q = s.norm.find("\"net\"").unwrap();
        assert_eq!(&text[s.original_range(q..q + 5, text)], "\u{201c}net\u{201d}");
    }
}
