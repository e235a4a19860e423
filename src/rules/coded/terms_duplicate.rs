//! `terms.duplicate`: the same term defined in two different sentences.

use crate::rules::Finding;

use super::{finding, CodedRule, DocCx};

/// A term defined twice; reported on the second definition.
pub struct TermsDuplicate;

impl CodedRule for TermsDuplicate {
    fn id(&self) -> &'static str {
        "terms.duplicate"
    }

    fn check_document(&self, cx: &DocCx, out: &mut Vec<Finding>) {
        let defs: Vec<_> = cx.model.definitions.iter().filter(|d| !d.pointer).collect();
        let mut reported: Vec<&str> = Vec::new();
        for (i, d) in defs.iter().enumerate() {
            if reported.contains(&d.term.as_str()) {
                continue;
            }
            // The document's own name and pronoun aliases ("this Agreement", "You") are often
            // restated in an attached addendum or a definitions list; that is not a conflict.
            if matches!(
                d.term.to_lowercase().as_str(),
                "agreement" | "addendum" | "you" | "your" | "we" | "us" | "our" | "terms"
            ) {
                continue;
            }
            if !defs[..i].iter().any(|e| e.term == d.term && e.sentence != d.sentence) {
                continue;
            }
            reported.push(&d.term);
            let message = format!(
                "\"{}\" is defined a second time here (it is already defined earlier); keep one definition so the two cannot conflict",
                d.term
            );
            out.push(finding(self.id(), d.range.clone(), Some(message)));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::coded::testing::{assert_silent, spans};

    const ID: &str = "terms.duplicate";

    #[test]
    fn flag_second_definition() {
        let text =
            "\"Fees\" means the fixed amounts.\n\nThe Client pays the Fees.\n\n\"Fees\" means the hourly charges.\n";
        let f = crate::rules::coded::testing::findings(ID, text);
        assert_eq!(f.len(), 1);
        assert!(f[0].range.start > text.find("hourly").unwrap() - 20);
        assert_eq!(
            spans(
                ID,
                "1.7 **Season** means the 2026 season.\n\n3.1 retrain the model during the season (the **Season**).\n"
            ),
            vec!["Season"]
        );
        assert_eq!(
            spans(ID, "Acme Ltd (the \"Client\").\n\n\"Client\" means Acme Ltd and its affiliates.\n"),
            vec!["Client"]
        );
    }

    #[test]
    fn dont_flag_pointers_and_single_definitions() {
        assert_silent(ID, "\"Fees\" means the fixed amounts, and the Client will pay the Fees.\n");
        assert_silent(ID, "A churn model (the \"Model\").\n\n\"Model\" has the meaning given in clause 1.\n");
        assert_silent(ID, "1.3 **Fee** has the meaning given in clause 4.1.\n\n4.1 A monthly fee (the **Fee**).\n");
        assert_silent(ID, "\"Acceptance Test Set\" has the meaning given in clause 5.1.\n\n5.1 The held-out calls (the \"Acceptance Test Set\").\n");
        assert_silent(ID, "Label each call as \"urgent\" or \"routine\".\n");
    }
}
