//! `terms.unused`: a defined term that is never used again.

use std::collections::HashMap;

use crate::model::terms::surface_forms;
use crate::rules::Finding;
use crate::static_regex;

use super::{finding, CodedRule, DocCx};

/// A definition whose term appears nowhere but in its own definition.
pub struct TermsUnused;

/// The capitalised runs of a document, lower-cased and padded with spaces,
/// with their counts and an index from each word to the runs holding it.
pub(crate) struct Runs {
    runs: Vec<(String, u32)>,
    by_word: HashMap<String, Vec<usize>>,
}

/// Every capitalised run of the document.
pub(crate) fn document_runs(cx: &DocCx) -> Runs {
    let mut counts: HashMap<String, u32> = HashMap::new();
    for chunk in cx.chunks {
        for (run, n) in &chunk.facts.capitalised {
            *counts.entry(format!(" {} ", run.to_lowercase())).or_default() += n;
        }
    }
    let runs: Vec<(String, u32)> = counts.into_iter().collect();
    let mut by_word: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, (run, _)) in runs.iter().enumerate() {
        for w in run.split_whitespace() {
            let list = by_word.entry(w.to_string()).or_default();
            if list.last() != Some(&i) {
                list.push(i);
            }
        }
    }
    Runs { runs, by_word }
}

/// How often `term` (any plural/singular form) appears in the capitalised runs.
pub(crate) fn occurrences(runs: &Runs, term: &str) -> u32 {
    let mut total = 0;
    let mut counted: std::collections::HashSet<usize> = std::collections::HashSet::new();
    for form in surface_forms(term) {
        let form = form.to_lowercase();
        let Some(first) = form.split_whitespace().next() else { continue };
        let padded = format!(" {form} ");
        for &i in runs.by_word.get(first).map(Vec::as_slice).unwrap_or(&[]) {
            if counted.contains(&i) {
                continue;
            }
            if let Some((run, n)) = runs.runs.get(i) {
                if run.contains(&padded) {
                    counted.insert(i);
                    total += n;
                }
            }
        }
    }
    total
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
        let mut defined_count: HashMap<&str, u32> = HashMap::new();
        for d in defs {
            *defined_count.entry(d.term.as_str()).or_default() += 1;
        }
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
            if !d.term.contains(' ')
                && letters.len() >= 2
                && letters.iter().filter(|c| c.is_uppercase()).count() + 1 >= letters.len()
            {
                continue;
            }
            // Each definition of the term accounts for one occurrence.
            let definitions: u32 =
                surface_forms(&d.term).iter().map(|f| defined_count.get(f.as_str()).copied().unwrap_or(0)).sum();
            if occurrences(&runs, &d.term) > definitions {
                continue;
            }
            // `"European Economic Area" or "EEA" means`: a used alias is enough.
            let alias_used = defs.iter().any(|e| {
                e.sentence == d.sentence
                    && e.term != d.term
                    && {
                        let (a, b) = if e.range.start > d.range.end {
                            (d.range.end, e.range.start)
                        } else {
                            (e.range.end, d.range.start)
                        };
                        b >= a
                            && b - a <= 16
                            && between(cx, a..b).is_some_and(|t| {
                                static_regex!(r#"^[\s"*\u{201c}\u{201d}]*(?:or|,)[\s"*\u{201c}\u{201d}]*$"#).is_match(t)
                            })
                    }
                    && occurrences(&runs, &e.term) > 1
            });
            if alias_used {
                continue;
            }
            let message = format!(
                "\"{}\" is defined here but never used again: use it where it matters, or delete the definition",
                d.term
            );
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
        assert_eq!(
            spans(ID, "The Client supplies recordings (the \"Call Data\") to the Consultant.\n"),
            vec!["Call Data"]
        );
        assert_flags(ID, "\"Go-Live Date\" means the day the model is deployed.\n");
        assert_flags(
            ID,
            "(c) \"Holdout Set\" means the 10% sample.\n\n## 2. Work\n\nThe Consultant trains on the Source Data.\n",
        );
    }

    #[test]
    fn dont_flag_used_terms() {
        assert_silent(
            ID,
            "The Client supplies recordings (the \"Call Data\"), and the Consultant deletes the Call Data later.\n",
        );
        assert_silent(ID, "\"Go-Live Date\" means the deployment day.\n\n## 5. Fees\n\nPay on the Go-Live Date.\n");
        assert_silent(ID, "A churn model (the \"Model\").\n\nThe Client owns the Model's weights.\n");
        assert_silent(ID, "The items (each a \"Deliverable\").\n\nAll Deliverables are accepted.\n");
        assert_silent(ID, "Acme Ltd (\"Client\").\n\nCLIENT SHALL PAY ON TIME.\n");
        assert_silent(ID, "The reports (the \"Reports\") are due\nweekly; the Client reviews\nthe Reports.\n");
        assert_silent(
            ID,
            "**\"European Economic Area\"** or **\"EEA\"** means the EU states.\n\nData stays in the EEA.\n",
        );
    }
}
