//! The one place where LSP positions (line + UTF-16 or UTF-8 column) meet byte offsets.
//!
//! All conversions go through the rope's own indexes, so each costs O(log n)
//! whatever the length of the line or document (harper rescans the text on every
//! conversion; a 5 MB single-line file would make that quadratic).

use std::ops::Range;

use ropey::Rope;

/// How a client counts columns, negotiated at `initialize`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PositionEncoding {
    /// LSP's default: UTF-16 code units.
    #[default]
    Utf16,
    /// LSP 3.17 `utf-8`: bytes.
    Utf8,
}

/// A zero-based line and column, the column counted in the negotiated encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct LineCol {
    pub line: u32,
    pub col: u32,
}

/// A position that names a line past the end of the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("line {line} is past the end of the document ({lines} lines)")]
pub struct LineOutOfRange {
    pub line: u32,
    pub lines: usize,
}

/// Char index where `line`'s content ends (before its line break).
fn line_content_end_char(rope: &Rope, line: usize) -> usize {
    let start = rope.line_to_char(line);
    let slice = rope.line(line);
    let mut len = slice.len_chars();
    if len > 0 && slice.char(len - 1) == '\n' {
        len -= 1;
        if len > 0 && slice.char(len - 1) == '\r' {
            len -= 1;
        }
    } else if len > 0 && slice.char(len - 1) == '\r' {
        len -= 1;
    }
    start + len
}

/// Converts a position to a byte offset. A column past the end of its line is
/// clamped to the line end (as the LSP spec asks); a column inside a character
/// (the middle of a surrogate pair or of a UTF-8 sequence) moves to that
/// character's start. A line past the end is an error.
pub fn to_byte(rope: &Rope, pos: LineCol, enc: PositionEncoding) -> Result<usize, LineOutOfRange> {
    let line = pos.line as usize;
    let lines = rope.len_lines();
    if line >= lines {
        return Err(LineOutOfRange { line: pos.line, lines });
    }
    let line_start_char = rope.line_to_char(line);
    let end_char = line_content_end_char(rope, line);
    let char_idx = match enc {
        PositionEncoding::Utf16 => {
            let start_cu = rope.char_to_utf16_cu(line_start_char);
            let end_cu = rope.char_to_utf16_cu(end_char);
            let target = (start_cu + pos.col as usize).min(end_cu);
            rope.utf16_cu_to_char(target)
        }
        PositionEncoding::Utf8 => {
            let start_byte = rope.char_to_byte(line_start_char);
            let end_byte = rope.char_to_byte(end_char);
            let target = (start_byte + pos.col as usize).min(end_byte);
            rope.byte_to_char(target)
        }
    };
    Ok(rope.char_to_byte(char_idx))
}

/// Converts a byte offset (clamped to the document, rounded down to a character
/// start) to a position.
pub fn from_byte(rope: &Rope, byte: usize, enc: PositionEncoding) -> LineCol {
    let byte = byte.min(rope.len_bytes());
    let char_idx = rope.byte_to_char(byte);
    let line = rope.char_to_line(char_idx);
    let line_start_char = rope.line_to_char(line);
    let col = match enc {
        PositionEncoding::Utf16 => rope.char_to_utf16_cu(char_idx) - rope.char_to_utf16_cu(line_start_char),
        PositionEncoding::Utf8 => rope.char_to_byte(char_idx) - rope.char_to_byte(line_start_char),
    };
    LineCol { line: line as u32, col: col as u32 }
}

/// Converts a byte range to a pair of positions.
pub fn range_from_bytes(rope: &Rope, range: Range<usize>, enc: PositionEncoding) -> (LineCol, LineCol) {
    (from_byte(rope, range.start, enc), from_byte(rope, range.end, enc))
}

#[cfg(test)]
mod tests {
    use super::*;
    use PositionEncoding::*;

    fn lc(line: u32, col: u32) -> LineCol {
        LineCol { line, col }
    }

    #[test]
    fn astral_characters_take_two_utf16_units_and_four_bytes() {
        let rope = Rope::from_str("a😀b\n");
        assert_eq!(to_byte(&rope, lc(0, 3), Utf16), Ok(5));
        assert_eq!(to_byte(&rope, lc(0, 5), Utf8), Ok(5));
        assert_eq!(from_byte(&rope, 5, Utf16), lc(0, 3));
        assert_eq!(from_byte(&rope, 5, Utf8), lc(0, 5));
    }

    #[test]
    fn a_column_inside_a_surrogate_pair_moves_to_the_character_start() {
        let rope = Rope::from_str("a😀b");
        assert_eq!(to_byte(&rope, lc(0, 2), Utf16), Ok(1));
        assert_eq!(to_byte(&rope, lc(0, 3), Utf8), Ok(1));
    }

    #[test]
    fn cjk_and_combining_marks() {
        let rope = Rope::from_str("契約 e\u{301}x\n");
        // 契 and 約 are one UTF-16 unit and three bytes each; e + U+0301 are two units.
        assert_eq!(to_byte(&rope, lc(0, 2), Utf16), Ok(6));
        assert_eq!(to_byte(&rope, lc(0, 5), Utf16), Ok(10));
        assert_eq!(from_byte(&rope, 10, Utf16), lc(0, 5));
        assert_eq!(from_byte(&rope, 10, Utf8), lc(0, 10));
    }

    #[test]
    fn crlf_and_lone_cr_end_lines_and_columns_clamp_before_them() {
        let rope = Rope::from_str("ab\r\ncd\ref");
        assert_eq!(rope.len_lines(), 3);
        assert_eq!(to_byte(&rope, lc(1, 0), Utf16), Ok(4));
        assert_eq!(to_byte(&rope, lc(0, 99), Utf16), Ok(2));
        assert_eq!(to_byte(&rope, lc(2, 1), Utf16), Ok(8));
        assert_eq!(from_byte(&rope, 8, Utf16), lc(2, 1));
    }

    #[test]
    fn unicode_line_separators_are_not_lsp_line_breaks() {
        let rope = Rope::from_str("a\u{2028}b\u{85}c\nd");
        assert_eq!(rope.len_lines(), 2);
        assert_eq!(from_byte(&rope, rope.len_bytes(), Utf16), lc(1, 1));
    }

    #[test]
    fn lines_past_the_end_are_errors_and_the_last_empty_line_is_valid() {
        let rope = Rope::from_str("x\n");
        assert_eq!(to_byte(&rope, lc(1, 0), Utf16), Ok(2));
        assert!(to_byte(&rope, lc(2, 0), Utf16).is_err());
    }
}
