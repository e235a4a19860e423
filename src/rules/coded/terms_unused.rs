//! `terms.unused`: a defined term that is never used again.

use std::collections::HashMap;

use crate::model::terms::surface_forms;
use crate::rules::Finding;
use crate::static_regex;

use super::{finding, CodedRule, DocCx};

/// A definition whose term appears nowhere but in its own definition.
pub struct TermsUnused;

/// How often `term` (any plural/singular form) appears in the capitalised runs.
pub(crate) fn occurrences(runs: &HashMap<String, u32>, term: &str) -> u32 {
    let forms: Vec<String> = surface_forms(term).iter().map(|f| format!(" {} ", f.to_lowercase())).collect();
    runs.iter().filter(|(run, _)| forms.iter().any(|f| run.contains(f.as_str()))).map(|(_, n)| *n).sum()
}

/// Every capitalised run of the document, lower-cased and padded with spaces, with its count.
pub(crate) fn document_runs(cx: &DocCx) -> HashMap<String, u32> {
    let mut runs: HashMap<String, u32> = HashMap::new();
    for chunk in cx.chunks {
        for (run, n) in &chunk.facts.capitalised {
            *runs.entry(format!(" {} ", run.to_lowercase())).or_default() += n;
        }
    }
    runs
}

/// The document text in an absolute range, when it lies inside one chunk.
fn between<'a>(cx: &'a DocCx, range: std::ops::Range<usize>) -> Option<&'a str> {
    let chunk = cx.chunks.iter().rev().find(|c| c.offset <= range.start)?;
    chunk.text.get(range.start - chunk.offset..range.end.checked_sub(chunk.offset)?)
}

impl CodedRule for TermsUnused {
    fn id(&self) -> &'static str {
        "terms.unused"
    }

    fn check_document(&self, cx: &DocCx, out: &mut Vec<Finding>) {
        let defs = &cx.model.definitions;
        if defs.is_empty() {
            return;
        }
        let runs = document_runs(cx);
        let mut seen: Vec<&str> = Vec::new();
        for d in defs {
            // A definition that only imports a meaning ("has the meaning given under HIPAA").
            if d.pointer {
                continue;
            }
            if seen.contains(&d.term.as_str()) {
                continue;
            }
            seen.push(&d.term);
            // Abbreviations ("CCPA", "SCCs") are defined out of habit; an unused one is harmless.
            let letters: Vec<char> = d.term.chars().filter(|c| c.is_alphabetic()).collect();
            if !d.term.contains(' ') && letters.len() >= 2 && letters.iter().filter(|c| c.is_uppercase()).count() + 1 >= letters.len() {
                continue;
            }
            // Each definition of the term accounts for one occurrence.
            let definitions = defs.iter().filter(|e| surface_forms(&d.term).contains(&e.term)).count() as u32;
            if occurrences(&runs, &d.term) > definitions {
                continue;
            }
            // `"European Economic Area" or "EEA" means`: a used alias is enough.
            let alias_used = defs.iter().any(|e| {
                e.sentence == d.sentence && e.term != d.term && {
                    let (a, b) = if e.range.start > d.range.end { (d.range.end, e.range.start) } else { (e.range.end, d.range.start) };
                    b >= a && b - a <= 16 && between(cx, a..b).is_some_and(|t| static_regex!(r#"^[\s"*\u{201c}\u{201d}]*(?:or|,)[\s"*\u{201c}\u{201d}]*$"#).is_match(t))
                } && occurrences(&runs, &e.term) > 1
            });
            if alias_used {
                continue;
            }
            let message = format!("\"{}\" is defined here but never used again: use it where it matters, or delete the definition", d.term);
            out.push(finding(self.id(), d.range.clone(), Some(message)));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::coded::testing::{assert_flags, assert_silent, spans};

    const ID: &str = "terms.unused";

    #[test]
    fn flag_unused_definitions() {
        assert_eq!(spans(ID, "The Client supplies recordings (the \"Call Data\") to the Consultant.\n"), vec!["Call Data"]);
        assert_flags(ID, "\"Go-Live Date\" means the day the model is deployed.\n");
        assert_flags(ID, "(c) \"Holdout Set\" means the 10% sample.\n\n## 2. Work\n\nThe Consultant trains on the Source Data.\n");
    }

    #[test]
    fn dont_flag_used_terms() {
        assert_silent(ID, "The Client supplies recordings (the \"Call Data\"), and the Consultant deletes the Call Data later.\n");
        assert_silent(ID, "\"Go-Live Date\" means the deployment day.\n\n## 5. Fees\n\nPay on the Go-Live Date.\n");
        assert_silent(ID, "A churn model (the \"Model\").\n\nThe Client owns the Model's weights.\n");
        assert_silent(ID, "The items (each a \"Deliverable\").\n\nAll Deliverables are accepted.\n");
        assert_silent(ID, "Acme Ltd (\"Client\").\n\nCLIENT SHALL PAY ON TIME.\n");
        assert_silent(ID, "The reports (the \"Reports\") are due\nweekly; the Client reviews\nthe Reports.\n");
        assert_silent(ID, "**\"European Economic Area\"** or **\"EEA\"** means the EU states.\n\nData stays in the EEA.\n");
    }
}
