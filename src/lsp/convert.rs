//! Conversions between LSP types and the core's byte ranges and findings.

use std::ops::Range;

use ropey::Rope;
use tower_lsp::lsp_types::{self as lsp, NumberOrString};

use crate::cli::rule_url;
use crate::document::position::{self, LineCol, LineOutOfRange, PositionEncoding};
use crate::rules::{Finding, Severity};

pub fn to_line_col(p: lsp::Position) -> LineCol {
    LineCol { line: p.line, col: p.character }
}

pub fn to_position(lc: LineCol) -> lsp::Position {
    lsp::Position { line: lc.line, character: lc.col }
}

/// An LSP position to a byte offset (columns past the line end clamp to it).
pub fn offset(rope: &Rope, p: lsp::Position, enc: PositionEncoding) -> Result<usize, LineOutOfRange> {
    position::to_byte(rope, to_line_col(p), enc)
}

/// An LSP range to a byte range; a reversed range is put in order.
pub fn byte_range(rope: &Rope, r: lsp::Range, enc: PositionEncoding) -> Result<Range<usize>, LineOutOfRange> {
    let a = offset(rope, r.start, enc)?;
    let b = offset(rope, r.end, enc)?;
    Ok(a.min(b)..a.max(b))
}

pub fn range(rope: &Rope, r: Range<usize>, enc: PositionEncoding) -> lsp::Range {
    let (s, e) = position::range_from_bytes(rope, r, enc);
    lsp::Range { start: to_position(s), end: to_position(e) }
}

pub fn severity(s: Severity) -> lsp::DiagnosticSeverity {
    match s {
        Severity::Error => lsp::DiagnosticSeverity::ERROR,
        Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        Severity::Information => lsp::DiagnosticSeverity::INFORMATION,
        Severity::Hint => lsp::DiagnosticSeverity::HINT,
    }
}

pub fn diagnostic(rope: &Rope, f: &Finding, enc: PositionEncoding) -> lsp::Diagnostic {
    let code_description = lsp::Url::parse(&rule_url(f.rule)).ok().map(|href| lsp::CodeDescription { href });
    let tags = (f.rule == "terms.unused").then(|| vec![lsp::DiagnosticTag::UNNECESSARY]);
    lsp::Diagnostic {
        range: range(rope, f.range.clone(), enc),
        severity: Some(severity(f.severity)),
        code: Some(NumberOrString::String(f.rule.to_string())),
        code_description,
        source: Some("clausewise".to_string()),
        message: f.message.clone(),
        related_information: None,
        tags,
        data: None,
    }
}
