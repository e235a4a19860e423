//! `numbering.sequence`: section numbers that skip or repeat among siblings.

use std::collections::HashMap;

use crate::model::HeaderStyle;
use crate::rules::Finding;

use super::{finding, CodedRule, DocCx};

/// Sibling sections numbered 3, 4, 4, 6.
pub struct NumberingSequence;

/// Siblings share a header style, a level and the numbers of their parents.
type SiblingKey = (u8, u8, Vec<String>);

fn style_code(style: HeaderStyle) -> u8 {
    match style {
        HeaderStyle::Heading => 0,
        HeaderStyle::ListItem => 1,
        HeaderStyle::NumberedParagraph | HeaderStyle::BoldParagraph => 2,
    }
}

impl CodedRule for NumberingSequence {
    fn id(&self) -> &'static str {
        "numbering.sequence"
    }

    fn check_document(&self, cx: &DocCx, out: &mut Vec<Finding>) {
        let mut last: HashMap<SiblingKey, u64> = HashMap::new();
        for section in &cx.model.sections {
            let h = &section.header;
            // A schedule or exhibit starts its own numbering.
            if h.attachment.is_some() {
                last.clear();
                continue;
            }
            let Some((tail, parent)) = h.number.split_last() else { continue };
            let Ok(n) = tail.parse::<u64>() else { continue };
            let key: SiblingKey = (style_code(h.style), h.level, parent.to_vec());
            let message = match last.get(&key) {
                Some(&prev) if n == prev => {
                    Some(format!("Section {} repeats the number of the section before it", h.number_text))
                }
                Some(&prev) if n > prev + 1 => Some(format!(
                    "Section numbering jumps from {} to {}: {} missing",
                    join(parent, prev),
                    h.number_text,
                    if n == prev + 2 {
                        format!("{} is", join(parent, prev + 1))
                    } else {
                        format!("{} to {} are", join(parent, prev + 1), join(parent, n - 1))
                    }
                )),
                Some(_) => None,
                // The first of its level: top-level numbering starts at 1 (or 0).
                None if parent.is_empty() && n > 1 && h.style != HeaderStyle::ListItem => {
                    Some(format!("Section numbering starts at {n}: sections 1 to {} are missing", n - 1))
                }
                None => None,
            };
            // A list that starts again at 1 is a new list, not a repeat.
            if !(h.style == HeaderStyle::ListItem && n <= 1) {
                if let Some(message) = message {
                    out.push(finding(self.id(), h.range.clone(), Some(message)));
                }
            }
            last.insert(key, n);
        }
    }
}

fn join(parent: &[String], n: u64) -> String {
    if parent.is_empty() {
        n.to_string()
    } else {
        format!("{}.{n}", parent.join("."))
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::coded::testing::{assert_flags, assert_silent, findings};

    const ID: &str = "numbering.sequence";

    #[test]
    fn flag_gaps_and_repeats() {
        let text = "# Agreement\n\n## 1. Services\n\nWork.\n\n## 2. Fees\n\nPay.\n\n## 2. Term\n\nEnds.\n\n## 4. Law\n\nEngland.\n";
        let f = findings(ID, text);
        let lines: Vec<&str> = f.iter().map(|f| &text[f.range.clone()]).collect();
        assert_eq!(lines, vec!["## 2. Term\n", "## 4. Law\n"]);
        assert_flags(ID, "1.1 The Consultant will build the model.\n\n1.2 The Client will supply the data.\n\n1.4 The Client will pay.\n");
        assert_flags(ID, "Intro.\n\n## 3. Fees\n\nThe Client will pay.\n");
        assert_flags(ID, "**8. Fees.** Pay.\n\n**10. Term.** Ends.\n");
    }

    #[test]
    fn dont_flag_sequences_and_restarts() {
        assert_silent(ID, "## 1. Fees\n\n1.1 Pay.\n\n1.2 Invoice.\n\n## 2. Term\n\n2.1 Ends.\n");
        assert_silent(ID, "The Consultant will deliver:\n\n1. a data audit;\n2. a baseline model;\n3. tuning.\n\nLater:\n\n1. one\n2. two\n");
        assert_silent(ID, "## 1. Services\n\n## 2. Fees\n\n## Schedule 1\n\n### 1. Rates\n\n### 2. Expenses\n");
        assert_silent(ID, "1. A\n1. B\n1. C\n");
        assert_silent(ID, "The Client will pay in 2 instalments of 50% each.\n");
    }
}
