//! Where a new clause goes and how it is numbered and styled.
//!
//! A clause goes where a lawyer would put it: inside the section it belongs
//! to (found from the words of its `near` list in section titles), as the next
//! sub-clause; otherwise as a new top-level clause before the signature block
//! (or the first schedule), otherwise at the end. It copies its neighbours'
//! style (heading level, "Section"/trailing-dot numbering, list indentation,
//! bold titles) and takes the next free number, so that `numbering.sequence`
//! stays quiet. Insertions never touch existing text.
//!
//! A [`Planner`] hands out numbers, so inserting several clauses at once gives
//! them consecutive numbers and merges clauses at the same spot into one edit.

use std::collections::HashMap;
use std::ops::Range;

use crate::analysis::DocumentState;
use crate::model::{DocumentModel, HeaderStyle, Section};
use crate::static_regex;

/// One clause to insert: its heading text and body paragraphs.
#[derive(Debug, Clone)]
pub struct Clause {
    pub title: String,
    pub paragraphs: Vec<String>,
    /// Lower-case words of related section titles.
    pub near: Vec<String>,
}

/// How the new clause's header is written.
#[derive(Debug, Clone)]
enum Shape {
    Heading { level: u8, keyword: String, dot: bool, upper: bool },
    Paragraph { dot: bool },
    ListItem { indent: String, close: char },
    Bold,
}

/// Where and how to insert: the position, the shape, and the number's parent
/// (None for an unnumbered clause).
#[derive(Debug, Clone)]
struct Slot {
    at: usize,
    /// Nested slots go before top-level ones at the same position (the end of
    /// the last clause is also where new top-level clauses go).
    nested: bool,
    shape: Shape,
    parent: Option<Vec<String>>,
    /// The first free last component under `parent`.
    first_free: NumberPart,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum NumberPart {
    Digit(u64),
    Letter(char),
}

impl NumberPart {
    fn of(s: &str) -> Option<Self> {
        if let Ok(n) = s.parse::<u64>() {
            return Some(NumberPart::Digit(n));
        }
        let mut chars = s.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) if c.is_ascii_alphabetic() => Some(NumberPart::Letter(c)),
            _ => None,
        }
    }

    fn plus(&self, k: u64) -> String {
        match self {
            NumberPart::Digit(n) => (n + k).to_string(),
            NumberPart::Letter(c) => {
                char::from_u32(*c as u32 + k as u32).filter(|c| c.is_ascii_alphabetic()).unwrap_or('z').to_string()
            }
        }
    }
}

/// Plans clause insertions on one snapshot. Cheap to clone once built, so
/// one layout analysis serves every "Insert ... clause" action.
#[derive(Clone)]
pub struct Planner<'a> {
    model: &'a DocumentModel,
    text: String,
    /// Top-level clauses (indices into `model.sections`) before the attachments.
    top: Vec<usize>,
    /// Where the main body ends (first attachment, or the text's end).
    body_end: usize,
    /// Start of the signature block, if any.
    signature: Option<usize>,
    /// Numbers handed out so far, per (position, parent).
    given: HashMap<(usize, Vec<String>), u64>,
    /// Insertions so far: position, nested first, text; in order.
    planned: Vec<(usize, bool, String)>,
}

impl<'a> Planner<'a> {
    pub fn new(state: &'a DocumentState, model: &'a DocumentModel) -> Self {
        let text = state.document().text();
        let title_range = model.title.as_ref().map(|t| t.1.clone());
        let body_end = model
            .sections
            .iter()
            .find(|s| s.header.attachment.is_some())
            .map(|s| s.header.range.start)
            .unwrap_or(text.len());
        let candidates: Vec<usize> = (0..model.sections.len())
            .filter(|&i| {
                let s = &model.sections[i];
                Some(&s.header.range) != title_range.as_ref()
                    && s.header.attachment.is_none()
                    && s.header.range.start < body_end
            })
            .collect();
        let numbered_level = candidates
            .iter()
            .filter(|&&i| !model.sections[i].header.number.is_empty())
            .map(|&i| model.sections[i].header.level)
            .min();
        let level = numbered_level.or_else(|| candidates.iter().map(|&i| model.sections[i].header.level).min());
        let style = level.and_then(|l| {
            candidates.iter().find(|&&i| model.sections[i].header.level == l).map(|&i| model.sections[i].header.style)
        });
        let top: Vec<usize> = candidates
            .iter()
            .copied()
            .filter(|&i| Some(model.sections[i].header.level) == level && Some(model.sections[i].header.style) == style)
            .collect();
        let signature = find_signature(&text, model, body_end);
        Self { model, text, top, body_end, signature, given: HashMap::new(), planned: Vec::new() }
    }

    fn section(&self, i: usize) -> &'a Section {
        &self.model.sections[i]
    }

    /// The whole line a header starts on, list marker and indentation included
    /// (a list item's header range starts after its marker).
    fn header_line(&self, s: &Section) -> &str {
        let start = self.line_start(s.header.range.start);
        self.text.get(start..).unwrap_or("").lines().next().unwrap_or("")
    }

    /// The start of the line holding `at`: insertions always go between lines.
    fn line_start(&self, at: usize) -> usize {
        let at = at.min(self.text.len());
        self.text.get(..at).and_then(|t| t.rfind('\n')).map_or(0, |i| i + 1)
    }

    /// The top-level clause related to `near`, by title words, in `near` order.
    fn related(&self, near: &[String]) -> Option<usize> {
        for word in near {
            let word = word.to_ascii_lowercase();
            for s in &self.model.sections {
                if s.header.attachment.is_some() || s.header.range.start >= self.body_end {
                    continue;
                }
                if self.model.title.as_ref().is_some_and(|t| t.1 == s.header.range) {
                    continue;
                }
                if !title_has_word(&s.header.title.to_ascii_lowercase(), &word) {
                    continue;
                }
                // The top clause holding it (or itself).
                if let Some(&t) = self.top.iter().rev().find(|&&t| {
                    let ts = self.section(t);
                    ts.header.range.start <= s.header.range.start
                        && s.header.range.start < ts.range.end.max(ts.header.range.end)
                }) {
                    return Some(t);
                }
            }
        }
        None
    }

    fn shape_like(&self, s: &Section, level: u8) -> Shape {
        let line = self.header_line(s);
        match s.header.style {
            HeaderStyle::Heading => {
                let caps = static_regex!(
                    r"(?i)^#{1,6}\s+((?:section|article|clause|part)\s+)?(\d+(?:\.\d+)*|[ivx]+|[a-z])?(\.)?"
                )
                .captures(line);
                let keyword = caps.as_ref().and_then(|c| c.get(1)).map(|m| m.as_str().to_string()).unwrap_or_default();
                let dot = caps.as_ref().and_then(|c| c.get(3)).is_some();
                let upper = s.header.title.len() > 3 && s.header.title.chars().all(|c| !c.is_lowercase());
                Shape::Heading { level: level.clamp(1, 6), keyword, dot, upper }
            }
            HeaderStyle::NumberedParagraph => {
                let dot = static_regex!(r"^\s*(?:\*\*)?\d+(?:\.\d+)*\.").is_match(line);
                Shape::Paragraph { dot }
            }
            HeaderStyle::ListItem => {
                let caps = static_regex!(r"^(\s*)(?:\d+|[a-zA-Z]{1,3})([.)])").captures(line);
                let indent = caps.as_ref().and_then(|c| c.get(1)).map(|m| m.as_str().to_string()).unwrap_or_default();
                let close = caps.as_ref().and_then(|c| c.get(2)).and_then(|m| m.as_str().chars().next()).unwrap_or('.');
                Shape::ListItem { indent, close }
            }
            HeaderStyle::BoldParagraph => Shape::Bold,
        }
    }

    /// A nested shape one level below `s` (for the first sub-clause of a clause).
    fn child_shape(&self, s: &Section) -> Shape {
        match self.shape_like(s, s.header.level + 1) {
            Shape::ListItem { indent, close } => {
                let line = self.header_line(s);
                let marker = static_regex!(r"^\s*(?:\d+|[a-zA-Z]{1,3})[.)]\s*")
                    .find(line)
                    .map_or(3, |m| m.as_str().len() - indent.len());
                Shape::ListItem { indent: format!("{indent}{}", " ".repeat(marker.max(2))), close }
            }
            // "## 2." but "### 2.1": a trailing dot on a sub-number is rare.
            Shape::Heading { level, keyword, upper, .. } => Shape::Heading { level, keyword, dot: false, upper },
            other => other,
        }
    }

    /// The slot for a clause inside top clause `t`: after its last sub-clause.
    fn slot_inside(&self, t: usize) -> Slot {
        let r = self.section(t);
        let end = self.clamp_to_body(r.range.end.max(r.header.range.end), r.header.range.start);
        let children: Vec<&Section> = self
            .model
            .sections
            .iter()
            .filter(|s| {
                s.header.range.start > r.header.range.start
                    && s.header.range.start < end
                    && s.header.level > r.header.level
            })
            .filter(|s| {
                s.header.number.is_empty()
                    || r.header.number.is_empty()
                    || s.header.number.starts_with(&r.header.number)
            })
            .collect();
        let min_level = children.iter().map(|s| s.header.level).min();
        let last = children.iter().rev().find(|s| Some(s.header.level) == min_level);
        match last {
            Some(l) => {
                let numbered = l
                    .header
                    .number
                    .split_last()
                    .and_then(|(tail, parent)| NumberPart::of(tail).map(|p| (p, parent.to_vec())));
                match numbered {
                    Some((part, parent)) => Slot {
                        at: end,
                        nested: true,
                        shape: self.shape_like(l, l.header.level),
                        parent: Some(parent),
                        first_free: bump(part),
                    },
                    None => Slot {
                        at: end,
                        nested: true,
                        shape: self.shape_like(l, l.header.level),
                        parent: None,
                        first_free: NumberPart::Digit(1),
                    },
                }
            }
            None if !r.header.number.is_empty() => Slot {
                at: end,
                nested: true,
                shape: self.child_shape(r),
                parent: Some(r.header.number.clone()),
                first_free: NumberPart::Digit(1),
            },
            None => Slot {
                at: end,
                nested: true,
                shape: self.shape_like(r, r.header.level),
                parent: None,
                first_free: NumberPart::Digit(1),
            },
        }
    }

    fn clamp_to_body(&self, end: usize, start: usize) -> usize {
        let mut end = end.min(self.body_end.max(start));
        if let Some(sig) = self.signature.filter(|&s| s > start) {
            end = end.min(sig);
        }
        end
    }

    /// The slot for a new top-level clause (before the signature, or at the body's end).
    fn slot_top(&self) -> Slot {
        let at = self.signature.unwrap_or(self.body_end).min(self.text.len());
        let before: Vec<usize> =
            self.top.iter().copied().filter(|&t| self.section(t).header.range.start < at).collect();
        let after_numbered = self
            .top
            .iter()
            .any(|&t| self.section(t).header.range.start >= at && !self.section(t).header.number.is_empty());
        let Some(&last) = before.last() else {
            let shape = match self.title_level() {
                Some(level) => {
                    Shape::Heading { level: (level + 1).min(6), keyword: String::new(), dot: false, upper: false }
                }
                None => Shape::Bold,
            };
            return Slot { at, nested: false, shape, parent: None, first_free: NumberPart::Digit(1) };
        };
        let l = self.section(last);
        if after_numbered {
            // A numbered clause follows: a new top number would collide, so nest instead.
            return self.slot_inside(last);
        }
        match l.header.number.split_last().and_then(|(tail, parent)| NumberPart::of(tail).map(|p| (p, parent.to_vec())))
        {
            Some((part, parent)) => Slot {
                at,
                nested: false,
                shape: self.shape_like(l, l.header.level),
                parent: Some(parent),
                first_free: bump(part),
            },
            None => Slot {
                at,
                nested: false,
                shape: self.shape_like(l, l.header.level),
                parent: None,
                first_free: NumberPart::Digit(1),
            },
        }
    }

    fn title_level(&self) -> Option<u8> {
        let t = self.model.title.as_ref()?;
        self.model.sections.iter().find(|s| s.header.range == t.1).map(|s| s.header.level)
    }

    /// Plans one clause; returns the position it goes to.
    pub fn add(&mut self, clause: &Clause) -> usize {
        let slot = match self.related(&clause.near) {
            Some(t) => self.slot_inside(t),
            None => self.slot_top(),
        };
        let slot = Slot { at: self.line_start(slot.at), ..slot };
        let number = slot.parent.as_ref().map(|parent| {
            let key = (slot.at, parent.clone());
            let k = self.given.entry(key).or_insert(0);
            let part = slot.first_free.plus(*k);
            *k += 1;
            let mut comps = parent.clone();
            comps.push(part);
            comps.join(".")
        });
        let block = format_clause(&slot.shape, number.as_deref(), clause);
        self.planned.push((slot.at, !slot.nested, block));
        slot.at
    }

    /// The edits: one pure insertion per position, blocks separated by blank lines.
    pub fn edits(self) -> Vec<(Range<usize>, String)> {
        let mut positions: Vec<usize> = Vec::new();
        for (at, _, _) in &self.planned {
            if !positions.contains(at) {
                positions.push(*at);
            }
        }
        positions.sort_unstable();
        let mut out = Vec::new();
        for at in positions {
            let mut here: Vec<&(usize, bool, String)> = self.planned.iter().filter(|(a, _, _)| *a == at).collect();
            here.sort_by_key(|(_, top, _)| *top);
            let blocks: Vec<&str> = here.iter().map(|(_, _, b)| b.as_str()).collect();
            let mut text = blocks.join("\n");
            let before = &self.text[..at.min(self.text.len())];
            let lead = if before.is_empty() || before.ends_with("\n\n") || before.ends_with("\r\n\r\n") {
                ""
            } else if before.ends_with('\n') {
                "\n"
            } else {
                "\n\n"
            };
            text.insert_str(0, lead);
            let after = &self.text[at.min(self.text.len())..];
            if !after.is_empty() && !after.starts_with('\n') && !after.starts_with("\r\n") {
                text.push('\n');
            }
            out.push((at..at, text));
        }
        out
    }
}

fn bump(part: NumberPart) -> NumberPart {
    match part {
        NumberPart::Digit(n) => NumberPart::Digit(n + 1),
        NumberPart::Letter(c) => {
            NumberPart::Letter(char::from_u32(c as u32 + 1).filter(|c| c.is_ascii_alphabetic()).unwrap_or('z'))
        }
    }
}

fn title_has_word(title: &str, word: &str) -> bool {
    title.match_indices(word).any(|(i, _)| i == 0 || !title.as_bytes()[i - 1].is_ascii_alphanumeric())
}

/// The signature block: a "Signatures" section or an "IN WITNESS WHEREOF" line.
fn find_signature(text: &str, model: &DocumentModel, body_end: usize) -> Option<usize> {
    let by_title = model
        .sections
        .iter()
        .filter(|s| s.header.range.start < body_end)
        .find(|s| static_regex!(r"(?i)^(signatures?|execution|signed|in witness|signature page|agreed and accepted|acceptance by the parties)\b").is_match(s.header.title.trim()))
        .map(|s| s.header.range.start);
    let witness =
        static_regex!(r"(?im)^[ \t>*_]*in witness whereof").find(&text[..body_end.min(text.len())]).map(|m| m.start());
    match (by_title, witness) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

fn format_clause(shape: &Shape, number: Option<&str>, clause: &Clause) -> String {
    let body = clause.paragraphs.join("\n\n");
    match shape {
        Shape::Heading { level, keyword, dot, upper } => {
            let title = if *upper { clause.title.to_uppercase() } else { clause.title.clone() };
            let hashes = "#".repeat(*level as usize);
            match number {
                Some(n) => format!("{hashes} {keyword}{n}{} {title}\n\n{body}\n", if *dot { "." } else { "" }),
                None => format!("{hashes} {title}\n\n{body}\n"),
            }
        }
        // Neighbours may carry their titles in plain words; the new clause always
        // names itself in bold, which reads the same and keeps the title visible.
        Shape::Paragraph { dot } => {
            let title = format!("**{}.** ", clause.title);
            match number {
                Some(n) => format!("{n}{} {title}{body}\n", if *dot || !n.contains('.') { "." } else { "" }),
                None => format!("**{}.** {body}\n", clause.title),
            }
        }
        Shape::ListItem { indent, close } => {
            let title = format!("**{}.** ", clause.title);
            let marker = number.and_then(|n| n.rsplit('.').next()).unwrap_or("1");
            let cont = " ".repeat(indent.len() + marker.len() + 2);
            let body = body.replace("\n\n", &format!("\n\n{cont}"));
            format!("{indent}{marker}{close} {title}{body}\n")
        }
        Shape::Bold => format!("**{}.** {body}\n", clause.title),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSettings;

    fn plan(text: &str, clauses: &[(&str, &[&str])]) -> String {
        let state = DocumentState::new(text, 0, RuleSettings::default());
        let model = state.model();
        let mut p = Planner::new(&state, &model);
        for (title, near) in clauses {
            p.add(&Clause {
                title: title.to_string(),
                paragraphs: vec!["Body.".into()],
                near: near.iter().map(|s| s.to_string()).collect(),
            });
        }
        let mut out = text.to_string();
        for (r, t) in p.edits().into_iter().rev() {
            out.replace_range(r, &t);
        }
        out
    }

    #[test]
    fn appends_next_top_number_at_the_end() {
        let out = plan(
            "# Agreement\n\n## 1. Services\n\nWork.\n\n## 2. Fees\n\nMoney.\n",
            &[("Governing Law", &["governing law"]), ("Insurance", &["insurance"])],
        );
        assert!(
            out.ends_with("## 2. Fees\n\nMoney.\n\n## 3. Governing Law\n\nBody.\n\n## 4. Insurance\n\nBody.\n"),
            "{out}"
        );
    }

    #[test]
    fn nests_inside_the_related_section() {
        let out = plan(
            "# Agreement\n\n## 1. Liability\n\n### 1.1 Cap\n\nCapped.\n\n## 2. Fees\n\nMoney.\n",
            &[("Insurance", &["liability"])],
        );
        assert!(out.contains("Capped.\n\n### 1.2 Insurance\n\nBody.\n\n## 2. Fees"), "{out}");
        let out =
            plan("# Agreement\n\n## 1. Liability\n\nNone.\n\n## 2. Fees\n\nMoney.\n", &[("Insurance", &["liability"])]);
        assert!(out.contains("None.\n\n### 1.1 Insurance\n\nBody.\n\n## 2. Fees"), "{out}");
    }

    #[test]
    fn sub_clauses_of_the_last_section_come_before_new_sections() {
        let out = plan(
            "# Agreement\n\n## 1. Services\n\nWork.\n\n## 2. Fees\n\nMoney.\n",
            &[("Insurance", &["insurance"]), ("Payment Schedule", &["fees"])],
        );
        assert!(out.ends_with("Money.\n\n### 2.1 Payment Schedule\n\nBody.\n\n## 3. Insurance\n\nBody.\n"), "{out}");
    }

    #[test]
    fn list_items_are_inserted_between_lines_with_their_indentation() {
        let text = "# Agreement\n\n1. **Services**\n    1. **Scope.** Work.\n2. **Fees**\n    1. **Rates.** Money.\n";
        let out = plan(text, &[("Insurance", &["services"])]);
        assert!(out.contains("    1. **Scope.** Work.\n\n    2. **Insurance.** Body.\n\n2. **Fees**"), "{out}");
    }

    #[test]
    fn goes_before_the_signature_block() {
        let out = plan(
            "# Agreement\n\n## 1. Services\n\nWork.\n\nIN WITNESS WHEREOF the parties sign.\n",
            &[("Insurance", &["insurance"])],
        );
        assert!(
            out.contains("Work.\n\n### 1.1 Insurance\n\nBody.\n\nIN WITNESS")
                || out.contains("Work.\n\n## 2. Insurance\n\nBody.\n\nIN WITNESS"),
            "{out}"
        );
        let out = plan(
            "# Agreement\n\n## 1. Services\n\nWork.\n\n## Signatures\n\nSigned.\n",
            &[("Insurance", &["insurance"])],
        );
        assert!(out.contains("Work.\n\n## 2. Insurance\n\nBody.\n\n## Signatures"), "{out}");
    }

    #[test]
    fn numbered_paragraphs_and_lists() {
        let out =
            plan("AGREEMENT\n\n1. Services. The work.\n\n2. Fees. The money.\n", &[("Insurance", &["insurance"])]);
        assert!(out.ends_with("2. Fees. The money.\n\n3. **Insurance.** Body.\n"), "{out}");
        let out = plan(
            "# Agreement\n\n1. **Services.** The work.\n2. **Fees.** The money.\n",
            &[("Insurance", &["insurance"])],
        );
        assert!(out.ends_with("3. **Insurance.** Body.\n"), "{out}");
    }
}
