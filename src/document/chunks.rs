//! Splits a document into chunks that tree-sitter-md can parse on their own.
//!
//! A chunk starts at an ATX heading, or at an unindented paragraph line after a
//! blank line once the current chunk has grown past [`SOFT_CHUNK_BYTES`]. No
//! boundary is placed inside front matter, a fenced code block or an HTML block,
//! so each chunk parses exactly as the same lines do inside the whole document
//! (lists, block quotes and code blocks never continue across such a line).
//!
//! The scanner's state is reset at every boundary, which is what makes
//! re-chunking after an edit cheap: rescan from the chunk before the edit until a
//! new boundary coincides with an old one past the edit, and keep the rest.

use ropey::Rope;

/// A chunk grows to at least this size before a paragraph may start a new one.
pub const SOFT_CHUNK_BYTES: usize = 2048;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Block {
    Normal,
    FrontMatter,
    Fence {
        ch: u8,
        len: usize,
    },
    /// An HTML block that ends at a blank line (CommonMark types 6 and 7).
    HtmlUntilBlank,
    /// An HTML block that ends at a line containing the terminator (types 1-5).
    HtmlUntil(&'static str),
}

/// Line-by-line state of the boundary scan.
#[derive(Debug, Clone)]
struct Scanner {
    block: Block,
    prev_blank: bool,
    chunk_len: usize,
    at_document_start: bool,
}

fn indent_of(line: &str) -> usize {
    line.bytes().take_while(|b| *b == b' ').count()
}

fn is_blank(line: &str) -> bool {
    line.trim().is_empty()
}

/// `# Heading` with at most three spaces of indent.
pub fn is_atx_heading(line: &str) -> bool {
    let ind = indent_of(line);
    if ind > 3 {
        return false;
    }
    let rest = &line[ind..];
    let hashes = rest.bytes().take_while(|b| *b == b'#').count();
    if !(1..=6).contains(&hashes) {
        return false;
    }
    matches!(rest.as_bytes().get(hashes), None | Some(b' ' | b'\t' | b'\r' | b'\n'))
}

fn fence_open(line: &str) -> Option<(u8, usize)> {
    let ind = indent_of(line);
    if ind > 3 {
        return None;
    }
    let rest = &line.as_bytes()[ind..];
    let ch = *rest.first()?;
    if ch != b'`' && ch != b'~' {
        return None;
    }
    let len = rest.iter().take_while(|b| **b == ch).count();
    if len < 3 {
        return None;
    }
    if ch == b'`' && rest[len..].contains(&b'`') {
        return None;
    }
    Some((ch, len))
}

fn fence_closes(line: &str, ch: u8, len: usize) -> bool {
    let ind = indent_of(line);
    if ind > 3 {
        return false;
    }
    let rest = line[ind..].trim_end();
    let n = rest.bytes().take_while(|b| *b == ch).count();
    n >= len && n == rest.len()
}

fn html_start(line: &str) -> Option<Block> {
    let ind = indent_of(line);
    if ind > 3 {
        return None;
    }
    let rest = line[ind..].to_ascii_lowercase();
    if !rest.starts_with('<') {
        return None;
    }
    for tag in ["script", "pre", "style", "textarea"] {
        if rest[1..].starts_with(tag) {
            let end = match tag {
                "script" => "</script>",
                "pre" => "</pre>",
                "style" => "</style>",
                _ => "</textarea>",
            };
            return Some(Block::HtmlUntil(end));
        }
    }
    if rest.starts_with("<!--") {
        return Some(Block::HtmlUntil("-->"));
    }
    if rest.starts_with("<![cdata[") {
        return Some(Block::HtmlUntil("]]>"));
    }
    if rest.starts_with("<?") {
        return Some(Block::HtmlUntil("?>"));
    }
    if rest.starts_with("<!") {
        return Some(Block::HtmlUntil(">"));
    }
    // Types 6 and 7: any tag. Over-detecting only means fewer boundaries.
    let second = rest.as_bytes().get(1).copied().unwrap_or(b' ');
    if second.is_ascii_alphabetic() || second == b'/' {
        return Some(Block::HtmlUntilBlank);
    }
    None
}

fn is_list_or_container_start(line: &str) -> bool {
    let b = line.as_bytes();
    match b.first() {
        Some(b'-' | b'*' | b'+' | b'>' | b'|' | b' ' | b'\t') => true,
        Some(c) if c.is_ascii_digit() => {
            let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
            matches!(b.get(digits), Some(b'.' | b')'))
        }
        _ => false,
    }
}

impl Scanner {
    fn new(at_document_start: bool) -> Self {
        Self { block: Block::Normal, prev_blank: true, chunk_len: 0, at_document_start }
    }

    /// Feeds one line (with its line break); returns true when a chunk starts at it.
    fn line(&mut self, line: &str) -> bool {
        let first = self.at_document_start;
        self.at_document_start = false;
        let blank = is_blank(line);
        let mut boundary = false;
        match self.block {
            Block::Normal => {
                if first && line.trim_end() == "---" {
                    self.block = Block::FrontMatter;
                } else {
                    if self.chunk_len > 0
                        && (is_atx_heading(line)
                            || (self.prev_blank
                                && !blank
                                && self.chunk_len >= SOFT_CHUNK_BYTES
                                && !is_list_or_container_start(line)
                                && fence_open(line).is_none()
                                && html_start(line).is_none()))
                    {
                        boundary = true;
                        self.chunk_len = 0;
                    }
                    if let Some((ch, len)) = fence_open(line) {
                        self.block = Block::Fence { ch, len };
                    } else if let Some(html) = html_start(line) {
                        self.block = html;
                        if let Block::HtmlUntil(end) = html {
                            // The block may close on its opening line: `<!-- note -->`.
                            let lower = line.trim_start().to_ascii_lowercase();
                            if lower.get(1..).is_some_and(|rest| rest.contains(end)) {
                                self.block = Block::Normal;
                            }
                        }
                    }
                }
            }
            Block::FrontMatter => {
                let t = line.trim_end();
                if t == "---" || t == "..." {
                    self.block = Block::Normal;
                }
            }
            Block::Fence { ch, len } => {
                if fence_closes(line, ch, len) {
                    self.block = Block::Normal;
                }
            }
            Block::HtmlUntilBlank => {
                if blank {
                    self.block = Block::Normal;
                }
            }
            Block::HtmlUntil(end) => {
                if line.to_ascii_lowercase().contains(end) {
                    self.block = Block::Normal;
                }
            }
        }
        self.prev_blank = blank;
        self.chunk_len += line.len();
        boundary
    }
}

/// All chunk start offsets of a text (the first is always 0).
pub fn boundaries(text: &str) -> Vec<usize> {
    let mut out = vec![0];
    let mut scanner = Scanner::new(true);
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if scanner.line(line) {
            out.push(offset);
        }
        offset += line.len();
    }
    out
}

/// Rescans the rope from `from` (a chunk start in the new text) and returns the
/// chunk starts found, stopping at the first one at or past `resync_after` for
/// which `is_old_boundary` holds. Returns the boundaries found and whether the scan
/// stopped on such a resynchronisation point (which is then the last element).
pub fn rescan(
    rope: &Rope,
    from: usize,
    resync_after: usize,
    is_old_boundary: impl Fn(usize) -> bool,
) -> (Vec<usize>, bool) {
    let mut out = vec![from];
    let mut scanner = Scanner::new(from == 0);
    let mut offset = from;
    let first_line = rope.byte_to_line(from);
    for line in rope.lines_at(first_line) {
        let text = std::borrow::Cow::from(line);
        if scanner.line(&text) && offset != from {
            out.push(offset);
            if offset >= resync_after && is_old_boundary(offset) {
                return (out, true);
            }
        }
        offset += text.len();
    }
    (out, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_start_chunks_but_not_inside_fences_or_front_matter() {
        let text = "---\ntitle: x\n# not a heading\n---\n# One\ntext\n```\n# code\n```\n## Two\n";
        let b = boundaries(text);
        let starts: Vec<&str> = b.iter().map(|&o| text[o..].lines().next().unwrap_or("")).collect();
        assert_eq!(starts, vec!["---", "# One", "## Two"]);
    }

    #[test]
    fn paragraphs_split_only_after_the_soft_size_and_not_lists() {
        let para = "word ".repeat(300) + "\n\n";
        let text = format!("{para}{para}{para}- item\n\n{para}{para}");
        let b = boundaries(&text);
        assert!(b.len() >= 2, "{b:?}");
        for &o in &b[1..] {
            assert!(text[..o].ends_with("\n\n"));
            assert!(!text[o..].starts_with('-'));
        }
    }

    #[test]
    fn html_comment_blocks_hold_headings() {
        let text = "intro\n<!--\n# hidden\n-->\n# shown\n";
        let b = boundaries(text);
        assert_eq!(b.len(), 2);
        assert!(text[b[1]..].starts_with("# shown"));
    }

    #[test]
    fn rescan_matches_a_full_scan() {
        let text = "# A\nx\n\n# B\ny\n# C\nz\n";
        let rope = Rope::from_str(text);
        let full = boundaries(text);
        let (found, synced) = rescan(&rope, 0, 5, |o| full.contains(&o));
        assert!(synced);
        assert_eq!(&found[..], &full[..found.len()]);
    }
}
