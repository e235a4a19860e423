//! The text of one open document: a rope, its version, and edits applied in order.
//!
//! Everything here works in byte offsets; LSP positions are converted at the edge
//! by [`position`]. Edits are validated before they touch the rope, so a bad edit
//! from a client can be rejected without corrupting the text.

pub mod chunks;
pub mod position;

use std::ops::Range;

use ropey::Rope;

pub use position::{LineCol, PositionEncoding};

/// Why an edit was not applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("edit range {start}..{end} is outside the document (length {len})")]
    OutOfRange { start: usize, end: usize, len: usize },
    #[error("edit range {start}..{end} is reversed")]
    Reversed { start: usize, end: usize },
    #[error("edit boundary {0} falls inside a character")]
    NotCharBoundary(usize),
}

/// The text of a document with the version the client gave it.
#[derive(Debug, Clone)]
pub struct Document {
    rope: Rope,
    version: i32,
}

impl Document {
    pub fn new(text: &str, version: i32) -> Self {
        Self { rope: Rope::from_str(text), version }
    }

    pub fn rope(&self) -> &Rope {
        &self.rope
    }

    pub fn version(&self) -> i32 {
        self.version
    }

    pub fn set_version(&mut self, version: i32) {
        self.version = version;
    }

    pub fn len_bytes(&self) -> usize {
        self.rope.len_bytes()
    }

    pub fn text(&self) -> String {
        self.rope.to_string()
    }

    /// Replaces `range` (bytes) with `new_text`, after checking the range is valid.
    pub fn replace(&mut self, range: Range<usize>, new_text: &str) -> Result<(), EditError> {
        let len = self.rope.len_bytes();
        if range.start > range.end {
            return Err(EditError::Reversed { start: range.start, end: range.end });
        }
        if range.end > len {
            return Err(EditError::OutOfRange { start: range.start, end: range.end, len });
        }
        for b in [range.start, range.end] {
            if !self.is_char_boundary(b) {
                return Err(EditError::NotCharBoundary(b));
            }
        }
        let start = self.rope.byte_to_char(range.start);
        let end = self.rope.byte_to_char(range.end);
        self.rope.remove(start..end);
        self.rope.insert(start, new_text);
        Ok(())
    }

    /// Replaces the whole text.
    pub fn set_text(&mut self, text: &str) {
        self.rope = Rope::from_str(text);
    }

    fn is_char_boundary(&self, byte: usize) -> bool {
        if byte == 0 || byte == self.rope.len_bytes() {
            return true;
        }
        let (chunk, chunk_start, _, _) = self.rope.chunk_at_byte(byte);
        chunk.is_char_boundary(byte - chunk_start)
    }

    /// The text of a byte range, clamped to the document and moved back to
    /// character boundaries (a range cut at a fixed size can split a character).
    pub fn slice(&self, range: Range<usize>) -> String {
        let len = self.rope.len_bytes();
        let start = self.floor_char_boundary(range.start.min(len));
        let end = self.floor_char_boundary(range.end.clamp(start, len));
        self.rope.byte_slice(start..end).to_string()
    }

    /// The largest character boundary at or before `byte` (clamped to the length).
    pub fn floor_char_boundary(&self, byte: usize) -> usize {
        let byte = byte.min(self.rope.len_bytes());
        self.rope.char_to_byte(self.rope.byte_to_char(byte))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replace_applies_in_place() {
        let mut doc = Document::new("hello world", 1);
        doc.replace(6..11, "there").unwrap();
        assert_eq!(doc.text(), "hello there");
    }

    #[test]
    #[allow(clippy::reversed_empty_ranges)] // reversed on purpose: clients send them
    fn out_of_range_and_split_characters_are_rejected_without_change() {
        let mut doc = Document::new("a😀b", 1);
        assert!(matches!(doc.replace(0..99, "x"), Err(EditError::OutOfRange { .. })));
        assert_eq!(doc.replace(2..3, "x"), Err(EditError::NotCharBoundary(2)));
        assert!(matches!(doc.replace(3..1, "x"), Err(EditError::Reversed { .. })));
        assert_eq!(doc.text(), "a😀b");
    }

    #[test]
    #[allow(clippy::reversed_empty_ranges)] // reversed on purpose
    fn slices_cut_inside_a_character_move_to_its_start() {
        let doc = Document::new("a😀b", 1);
        assert_eq!(doc.slice(0..3), "a");
        assert_eq!(doc.slice(2..99), "😀b");
        assert_eq!(doc.slice(7..2), "");
    }
}
