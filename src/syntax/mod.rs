//! Markdown syntax of one chunk, from tree-sitter-md's block grammar.
//!
//! Only the block grammar is used. The inline grammar is not needed for what the
//! contract model reads (emphasis and quotes are found in the text), and
//! tree-sitter-md 0.5 gets incremental inline reparses wrong, so never keeping
//! inline trees avoids that bug by construction. Each chunk is parsed fresh:
//! at a few KB that costs less than tree-sitter-md's "incremental" reparse.

use std::cell::RefCell;
use std::ops::Range;
use std::sync::OnceLock;

use tree_sitter::{Language, Node, Parser, Query, QueryCursor, StreamingIterator};

/// The block query, compiled once.
pub const BLOCKS_QUERY: &str = include_str!("../../queries/blocks.scm");

/// What kind of leaf block a [`Block`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BlockKind {
    Heading { level: u8 },
    Paragraph,
    TableRow,
    Code,
    Html,
    FrontMatter,
}

/// The marker of the list item a block opens (`1.`, `a)`, `-`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ListMarker {
    pub text: String,
    /// Position of the item among its siblings (0-based), for lists numbered `1. 1. 1.`.
    pub index: usize,
    /// Whether the list's markers are all the same number (Markdown renumbers them).
    pub lazy: bool,
}

/// A leaf block with its place in the container structure. Ranges are relative
/// to the start of the chunk.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Block {
    pub kind: BlockKind,
    /// The whole block.
    pub range: Range<usize>,
    /// The text content without block markers (`## `, list marker, fence lines).
    pub content: Range<usize>,
    /// Markers of the enclosing list items, outermost first.
    pub list_path: Vec<ListMarker>,
    /// Whether the block is the first block of its innermost list item (the
    /// paragraph that carries the item's number).
    pub opens_item: bool,
}

fn language() -> Language {
    tree_sitter_md::LANGUAGE.into()
}

fn blocks_query() -> &'static Query {
    static QUERY: OnceLock<Query> = OnceLock::new();
    QUERY.get_or_init(|| match Query::new(&language(), BLOCKS_QUERY) {
        Ok(query) => query,
        // The query is part of the binary and compiled by a test, so this is a bug.
        Err(err) => panic!("queries/blocks.scm does not compile: {err}"),
    })
}

thread_local! {
    static PARSER: RefCell<Option<Parser>> = const { RefCell::new(None) };
}

/// Parses one chunk into its leaf blocks, in document order. Never fails: a chunk
/// tree-sitter cannot parse (it always can; this is for cancellation) gives no blocks.
pub fn parse_blocks(text: &str) -> Vec<Block> {
    PARSER.with(|cell| {
        let mut slot = cell.borrow_mut();
        let parser = slot.get_or_insert_with(|| {
            let mut parser = Parser::new();
            // The grammar is linked in; failure would be a version mismatch caught by tests.
            let _ = parser.set_language(&language());
            parser
        });
        let Some(tree) = parser.parse(text, None) else {
            return Vec::new();
        };
        collect_blocks(tree.root_node(), text)
    })
}

fn collect_blocks(root: Node, text: &str) -> Vec<Block> {
    let query = blocks_query();
    let names = query.capture_names();
    let mut cursor = QueryCursor::new();
    let mut out = Vec::new();
    let mut matches = cursor.matches(query, root, text.as_bytes());
    while let Some(m) = matches.next() {
        for cap in m.captures() {
            let node = cap.node;
            let kind = match names[cap.index as usize] {
                "heading" => BlockKind::Heading { level: heading_level(node, text) },
                "paragraph" => BlockKind::Paragraph,
                "table_row" => BlockKind::TableRow,
                "code" => BlockKind::Code,
                "html" => BlockKind::Html,
                _ => BlockKind::FrontMatter,
            };
            let range = node.byte_range();
            let content = content_range(node, kind, text);
            let (list_path, opens_item) = list_context(node, text);
            out.push(Block { kind, range, content, list_path, opens_item });
        }
    }
    out.sort_by_key(|b| (b.range.start, b.range.end));
    out.dedup_by(|a, b| a.range == b.range);
    out
}

fn heading_level(node: Node, text: &str) -> u8 {
    let mut cursor = node.walk();
    for child in node.children(&mut cursor) {
        let kind = child.kind();
        if let Some(level) = kind.strip_prefix("atx_h").and_then(|k| k.strip_suffix("_marker")) {
            return level.parse().unwrap_or(1);
        }
        if kind == "setext_h1_underline" {
            return 1;
        }
        if kind == "setext_h2_underline" {
            return 2;
        }
    }
    // Fall back to counting hashes.
    let line = &text[node.byte_range()];
    line.trim_start().bytes().take_while(|b| *b == b'#').count().clamp(1, 6) as u8
}

fn content_range(node: Node, kind: BlockKind, text: &str) -> Range<usize> {
    match kind {
        BlockKind::Heading { .. } | BlockKind::Paragraph => {
            let mut cursor = node.walk();
            let inline = node.children(&mut cursor).find(|c| c.kind() == "inline").map(|c| c.byte_range());
            let mut range = inline.unwrap_or_else(|| node.byte_range());
            // Trim trailing whitespace and closing hashes of ATX headings.
            let s = &text[range.clone()];
            let trimmed = s.trim_end();
            range.end = range.start + trimmed.len();
            range
        }
        _ => node.byte_range(),
    }
}

fn list_context(node: Node, text: &str) -> (Vec<ListMarker>, bool) {
    let mut path = Vec::new();
    let mut opens_item = false;
    let mut child = node;
    let mut innermost = true;
    while let Some(parent) = child.parent() {
        if parent.kind() == "list_item" {
            if innermost {
                let mut cursor = parent.walk();
                let first_block = parent.named_children(&mut cursor).find(|c| {
                    !c.kind().starts_with("list_marker")
                        && !c.kind().starts_with("task_list")
                        && c.kind() != "block_continuation"
                });
                opens_item = first_block.map(|b| b.id()) == Some(child.id());
                innermost = false;
            }
            if let Some(marker) = item_marker(parent, text) {
                path.push(marker);
            }
        }
        child = parent;
    }
    path.reverse();
    (path, opens_item)
}

fn item_marker(item: Node, text: &str) -> Option<ListMarker> {
    let mut cursor = item.walk();
    let marker = item.children(&mut cursor).find(|c| c.kind().starts_with("list_marker"))?;
    let marker_text = text[marker.byte_range()].trim().to_string();
    let list = item.parent()?;
    let mut cursor = list.walk();
    let siblings: Vec<Node> = list.named_children(&mut cursor).filter(|c| c.kind() == "list_item").collect();
    let index = siblings.iter().position(|s| s.id() == item.id()).unwrap_or(0);
    let sibling_markers: Vec<String> = siblings
        .iter()
        .filter_map(|s| {
            let mut c = s.walk();
            let m = s.children(&mut c).find(|c| c.kind().starts_with("list_marker"))?;
            Some(text[m.byte_range()].trim().to_string())
        })
        .collect();
    let lazy = sibling_markers.len() > 1 && sibling_markers.iter().all(|m| *m == sibling_markers[0]);
    Some(ListMarker { text: marker_text, index, lazy })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_block_query_compiles() {
        assert!(Query::new(&language(), BLOCKS_QUERY).is_ok());
    }

    #[test]
    fn headings_paragraphs_lists_and_tables() {
        let text = "# Title\n\nIntro text.\n\n1. First\n    1. Nested\n2. Second\n\n| a | b |\n|---|---|\n| 1 | 2 |\n";
        let blocks = parse_blocks(text);
        let kinds: Vec<BlockKind> = blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            vec![
                BlockKind::Heading { level: 1 },
                BlockKind::Paragraph,
                BlockKind::Paragraph,
                BlockKind::Paragraph,
                BlockKind::Paragraph,
                BlockKind::TableRow,
                BlockKind::TableRow,
            ]
        );
        assert_eq!(&text[blocks[0].content.clone()], "Title");
        let nested = &blocks[3];
        assert_eq!(&text[nested.content.clone()], "Nested");
        let markers: Vec<&str> = nested.list_path.iter().map(|m| m.text.as_str()).collect();
        assert_eq!(markers, vec!["1.", "1."]);
        assert!(nested.opens_item);
        assert_eq!(blocks[4].list_path[0].index, 1);
    }
}
