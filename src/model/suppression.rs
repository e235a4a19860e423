//! Suppression comments: `<!-- clausewise-disable rule.id -->` and friends.

use std::ops::Range;

use crate::static_regex;
use crate::syntax::{Block, BlockKind};

/// What a suppression comment does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SuppressionKind {
    /// Off from here until a matching `enable`.
    Disable,
    Enable,
    DisableNextLine,
    DisableFile,
}

/// One suppression comment (chunk-relative range of the comment; rule ids
/// written in it, empty meaning all rules).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Suppression {
    pub kind: SuppressionKind,
    pub ids: Vec<(String, Range<usize>)>,
    pub range: Range<usize>,
}

/// Finds suppression comments in a chunk, outside code blocks.
pub fn scan(text: &str, blocks: &[Block]) -> Vec<Suppression> {
    let re = static_regex!(r"<!--\s*clausewise-(disable-next-line|disable-file|disable|enable)\b([^>]*?)-->");
    let in_code = |at: usize| blocks.iter().any(|b| b.kind == BlockKind::Code && b.range.contains(&at));
    let mut out = Vec::new();
    for caps in re.captures_iter(text) {
        let (Some(all), Some(kind), Some(ids)) = (caps.get(0), caps.get(1), caps.get(2)) else { continue };
        if in_code(all.start()) {
            continue;
        }
        let kind = match kind.as_str() {
            "disable-next-line" => SuppressionKind::DisableNextLine,
            "disable-file" => SuppressionKind::DisableFile,
            "disable" => SuppressionKind::Disable,
            _ => SuppressionKind::Enable,
        };
        let id_re = static_regex!(r"[A-Za-z0-9_.*-]+");
        let ids = id_re
            .find_iter(ids.as_str())
            .map(|m| (m.as_str().to_string(), ids.start() + m.start()..ids.start() + m.end()))
            .collect();
        out.push(Suppression { kind, ids, range: all.range() });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::parse_blocks;

    #[test]
    fn comments_with_and_without_ids() {
        let text = "<!-- clausewise-disable-file liability.cap, data.* -->\n\nText <!-- clausewise-disable-next-line -->\n\n```\n<!-- clausewise-disable x -->\n```\n";
        let found = scan(text, &parse_blocks(text));
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].kind, SuppressionKind::DisableFile);
        let ids: Vec<&str> = found[0].ids.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(ids, vec!["liability.cap", "data.*"]);
        assert!(found[1].ids.is_empty());
    }
}
