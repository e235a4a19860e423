//! `placeholders.unfilled`: template blanks left in the text.

use std::ops::Range;

use crate::rules::Hit;
use crate::static_regex;
use crate::syntax::BlockKind;

use super::{ChunkCx, CodedRule};

/// Template blanks: `[CLIENT NAME]`, `[●]`, `{{fee}}`, TBD, `____`, `<insert date>`, `$XX,XXX`.
pub struct PlaceholdersUnfilled;

/// Spans of inline code (`` `x` ``) in a block's raw text, where nothing is a blank.
fn inline_code(raw: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let bytes = raw.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'`' {
            i += 1;
            continue;
        }
        let mut n = 0;
        while i + n < bytes.len() && bytes[i + n] == b'`' {
            n += 1;
        }
        let fence = &raw[i..i + n];
        match raw[i + n..].find(fence) {
            Some(end) => {
                out.push(i..i + n + end + n);
                i += n + end + n;
            }
            None => i += n,
        }
    }
    out
}

/// Whether bracketed text reads as a blank to fill in.
fn is_blank_label(inner: &str) -> bool {
    let t = inner.trim();
    if t.is_empty() || t.starts_with('^') || t.eq_ignore_ascii_case("x") {
        return false;
    }
    if t.contains(['●', '•', '…', '_']) || t.contains("...") {
        return true;
    }
    let letters: Vec<char> = t.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.is_empty() {
        return false;
    }
    let lower = t.to_lowercase();
    // "[Reserved]", "[Intentionally omitted]", "[sic]", "[a]", "[ii]", "[12]": not blanks.
    if static_regex!(r"^(?:reserved|intentionally (?:left blank|omitted|deleted)|deleted|omitted|sic|emphasis added|redacted|signature page follows|remainder of (?:this )?page .*)$").is_match(&lower) {
        return false;
    }
    if t.len() <= 4
        && t.chars().all(|c| c.is_ascii_alphanumeric())
        && (t.len() <= 2 || static_regex!(r"^(?i)[ivxlc]+$").is_match(t))
    {
        return false;
    }
    // Bracketed capitals: [CLIENT NAME], [DATE], [STATE].
    if letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()) {
        return true;
    }
    // Instructions or the name of the missing value: [insert date], [your company name], [Client Name].
    if static_regex!(
        r"(?i)^(?:insert|enter|add|specify|fill|describe|list|state|choose|select|include|name of|date of|amount of|number of|your|client|customer|company|party|freelancer|consultant|contractor|provider|supplier|vendor|agency)\b|\b(?:name|address|date|amount|price|fee|rate|number|title|email|e-mail|phone|signature|city|country|state|county|jurisdiction|sum|percentage|period|details|here|tbd|tbc)$"
    )
    .is_match(t)
    {
        return true;
    }
    // Choices left open: [we/you], [staging/live].
    t.contains('/') && !t.contains("://") && !t.contains(' ')
        || static_regex!(r"\w/\w").is_match(t) && !t.contains("://") && !t.contains('.')
}

/// Whether a `____` run sits on a signature line (signed by hand, not a blank).
fn signature_line(line: &str) -> bool {
    static_regex!(r"(?i)\b(?:signature|signed|sign here|by|name|print(?:ed)? name|title|position|date|initials?|witness)\s*\**:?\**\s*_{3,}").is_match(line)
        && !static_regex!(r"(?i)(?:\$|€|£|\bfee\b|\brate\b|\bper\b|\bdays?\b|\bmonths?\b|%)\s*_{3,}|_{3,}\s*(?:%|per\b|days?\b|months?\b|dollars|euros?|pounds)").is_match(line)
}

impl PlaceholdersUnfilled {
    fn scan(&self, raw: &str, base: usize, out: &mut Vec<Hit>) {
        let code = inline_code(raw);
        let in_code = |r: &Range<usize>| code.iter().any(|c| c.start <= r.start && r.end <= c.end);
        let push = |r: Range<usize>, what: &str, out: &mut Vec<Hit>| {
            if in_code(&r) || out.iter().any(|h: &Hit| h.range.start <= base + r.start && base + r.start < h.range.end)
            {
                return;
            }
            let message = format!(
                "Unfilled placeholder {what}: fill in this blank before signing, or say how the value will be agreed"
            );
            out.push(Hit {
                rule: "placeholders.unfilled",
                range: base + r.start..base + r.end,
                message: Some(message),
            });
        };
        // [CLIENT NAME], [●]: not links [text](url) / [text][ref], footnotes, checkboxes or list labels.
        let bracket = static_regex!(r"\[([^\[\]\n]{1,80})\]");
        for m in bracket.captures_iter(raw) {
            let (Some(all), Some(inner)) = (m.get(0), m.get(1)) else { continue };
            let next = raw[all.end()..].chars().next();
            let prev = raw[..all.start()].chars().next_back();
            if matches!(next, Some('(') | Some('[') | Some(':')) || prev == Some('!') || prev == Some(']') {
                continue;
            }
            if is_blank_label(inner.as_str()) {
                push(all.range(), &format!("`{}`", all.as_str()), out);
            }
        }
        let others = [
            static_regex!(r"\{\{\s*[^{}\n]{1,60}?\s*\}\}|\$\{[A-Za-z_][\w.]{0,40}\}"),
            static_regex!(r"(?-u:\b)(?:TBD|TBC|TBA|T\.B\.D\.?|T\.B\.C\.?)(?-u:\b)"),
            static_regex!(
                r"(?i)<\s*(?:insert|enter|add|specify|name|date|client|company|amount|your|fill)[^<>\n]{0,60}>"
            ),
            static_regex!(r"(?:[$€£]\s?|(?-u:\b))X{2,}(?:[,.]X{2,3})*(?-u:\b)(?:\s?%)?"),
        ];
        for re in others {
            for m in re.find_iter(raw) {
                let text = m.as_str();
                if text.starts_with('X') {
                    // Roman numerals ("Section XX") are not blanks.
                    let before = raw[..m.start()].trim_end();
                    if static_regex!(
                        r"(?i)(?:section|article|part|chapter|title|schedule|clause|annex|appendix|exhibit|paragraph)$"
                    )
                    .is_match(before)
                    {
                        continue;
                    }
                    let money_before = static_regex!(r"(?i)[$€£]\s*$|\b(?:usd|eur|gbp|aud)\s*$").is_match(before);
                    let unit_after =
                        static_regex!(r"(?i)^\s*(?:%|days?|months?|weeks?|years?|hours?|dollars|euros?|pounds|per\b)")
                            .is_match(&raw[m.end()..]);
                    if !(text.contains(',') || text.ends_with('%') || money_before || unit_after) {
                        continue;
                    }
                }
                push(m.range(), &format!("`{text}`"), out);
            }
        }
        // Runs of underscores, except on signature lines.
        for m in static_regex!(r"_{3,}").find_iter(raw) {
            let line_start = raw[..m.start()].rfind('\n').map_or(0, |p| p + 1);
            let line_end = raw[m.end()..].find('\n').map_or(raw.len(), |p| m.end() + p);
            if signature_line(&raw[line_start..line_end]) {
                continue;
            }
            // A horizontal rule or a table rule is not a blank.
            if raw[line_start..line_end].trim().chars().all(|c| matches!(c, '_' | ' ' | '-' | '|' | ':')) {
                continue;
            }
            push(m.range(), "`____`", out);
        }
    }
}

impl CodedRule for PlaceholdersUnfilled {
    fn id(&self) -> &'static str {
        "placeholders.unfilled"
    }

    fn check_chunk(&self, cx: &ChunkCx, out: &mut Vec<Hit>) {
        for block in &cx.facts.blocks {
            let range = match block.kind {
                BlockKind::Paragraph | BlockKind::Heading { .. } | BlockKind::TableRow => block.content.clone(),
                BlockKind::FrontMatter => block.range.clone(),
                BlockKind::Code | BlockKind::Html => continue,
            };
            let Some(raw) = cx.text.get(range.clone()) else { continue };
            self.scan(raw, range.start, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::coded::testing::{assert_flags, assert_silent, spans};

    const ID: &str = "placeholders.unfilled";

    #[test]
    fn flag_template_blanks() {
        assert_eq!(spans(ID, "The Client is [CLIENT NAME] of [ADDRESS].\n"), vec!["[CLIENT NAME]", "[ADDRESS]"]);
        assert_eq!(spans(ID, "Signed on {{start_date}}.\n"), vec!["{{start_date}}"]);
        assert_flags(ID, "The Client will pay the Consultant $____ per hour.\n");
        assert_flags(ID, "Work starts on TBD.\n");
        assert_flags(ID, "The fee is [●].\n");
        assert_flags(ID, "The fee is <insert amount> per day.\n");
        assert_flags(ID, "The fee is $XX,XXX in total.\n");
        assert_flags(ID, "Between [your company name] and the Client.\n");
        assert_flags(ID, "[We/You] will host the site.\n");
        assert_flags(ID, "---\ntitle: Agreement\npo_number: TBD\n---\n\n# Agreement\n\nText.\n");
    }

    #[test]
    fn dont_flag_markdown_and_ordinary_brackets() {
        assert_silent(ID, "Follow the [security policy](https://example.com/security).\n");
        assert_silent(ID, "See the [policy][1] and the footnote[^1].\n\n[1]: https://example.com\n");
        assert_silent(ID, "- [ ] model trained\n- [x] data received\n");
        assert_silent(ID, "The score is in the range [0, 1] and list item [a] applies.\n");
        assert_silent(ID, "Use `{{fee}}` in the template and `____` too.\n");
        assert_silent(ID, "```\n[CLIENT NAME] TBD\n```\n");
        assert_silent(ID, "Section 4 [Reserved].\n");
        assert_silent(ID, "The tool is to be determined later in writing by both parties, see Article XX.\n");
    }

    #[test]
    fn dont_flag_signature_lines() {
        assert_silent(ID, "Client signature: ______________________  Date: __________\n");
        assert_silent(ID, "By: ____________\n\nName: ____________\n");
    }
}
