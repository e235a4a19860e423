//! Completion: the contract's defined terms while typing a capitalised word
//! or after a quote, and clause snippets from the template library at the
//! start of a line (`clause:` or after `## `).
//!
//! Reads only the current line and the model; no text scanning.

use std::ops::Range;

use crate::analysis::DocumentState;
use crate::model::DocumentModel;
use crate::rules::catalog;

use super::actions::clause_for;
use super::{lookup, template, Completion};

/// Most words of a multi-word term typed so far that are matched ("Effective D").
const MAX_TERM_WORDS: usize = 6;

/// Completion at `offset`.
pub fn completion(state: &DocumentState, model: &DocumentModel, offset: usize, snippets: bool) -> Vec<Completion> {
    let (line_start, prefix) = lookup::line_prefix(state, offset);
    let offset = line_start + prefix.len();
    if let Some(items) = clause_completions(state, model, &prefix, line_start, offset, snippets) {
        return items;
    }
    term_completions(state, model, &prefix, line_start)
}

/// `clause:` / `clause:liab` / `## ` / `## Lia` at the start of a line.
fn clause_completions(
    state: &DocumentState,
    model: &DocumentModel,
    prefix: &str,
    line_start: usize,
    offset: usize,
    snippets: bool,
) -> Option<Vec<Completion>> {
    let trimmed = prefix.trim_start();
    let indent = prefix.len() - trimmed.len();
    let (replace_from, typed, heading) = if let Some(rest) = trimmed.strip_prefix("clause:") {
        (line_start + indent, rest.trim_start(), None)
    } else {
        let hashes = trimmed.bytes().take_while(|b| *b == b'#').count();
        if hashes == 0 || hashes > 6 || !trimmed[hashes..].starts_with(' ') {
            return None;
        }
        let rest = &trimmed[hashes + 1..];
        let typed = rest.trim_start();
        (offset - typed.len(), typed, Some(hashes))
    };
    // Numbers typed after `## ` ("## 7. Li") stay; only the words are matched.
    let (replace_from, typed) = match heading {
        Some(_) => {
            let words = typed.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ' ');
            (replace_from + (typed.len() - words.len()), words)
        }
        None => (replace_from, typed),
    };
    let typed_lc = typed.to_ascii_lowercase();
    let level = heading.unwrap_or(2);
    let mut out = Vec::new();
    for rule in &catalog().rules {
        let Some(clause) = clause_for(rule, state, model) else { continue };
        let title_lc = clause.title.to_ascii_lowercase();
        if !typed_lc.is_empty() && !title_lc.contains(&typed_lc) && !rule.name.to_ascii_lowercase().contains(&typed_lc)
        {
            continue;
        }
        let body = clause.paragraphs.join("\n\n");
        let (title_text, body_text) = if snippets {
            (escape(&clause.title), template::to_snippet(&body))
        } else {
            (clause.title.clone(), body.clone())
        };
        let insert_text = match heading {
            Some(_) => format!("{title_text}\n\n{body_text}"),
            None => format!("{} {title_text}\n\n{body_text}", "#".repeat(level)),
        };
        out.push(Completion {
            label: clause.title.clone(),
            detail: Some(format!("clause: {} ({})", rule.name, rule.id)),
            documentation: Some(format!("{}\n\n{}", rule.summary.trim(), body)),
            insert_text,
            is_snippet: snippets,
            replace: Some(replace_from..offset),
            is_term: false,
        });
    }
    Some(out)
}

fn escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('$', "\\$").replace('}', "\\}")
}

/// Defined terms matching what is typed before the cursor.
fn term_completions(state: &DocumentState, model: &DocumentModel, prefix: &str, line_start: usize) -> Vec<Completion> {
    let terms = lookup::defined_terms(model);
    if terms.is_empty() {
        return Vec::new();
    }
    // Candidate starts: the current word and up to a few words back.
    let word_start = prefix
        .rfind(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
        .map_or(0, |i| i + prefix[i..].chars().next().map_or(1, char::len_utf8));
    let after_quote = prefix[..word_start].ends_with(['"', '\u{201c}']);
    let current = &prefix[word_start..];
    let capitalised = current.chars().next().is_some_and(char::is_uppercase);
    if !after_quote && !capitalised {
        return Vec::new();
    }
    let mut starts = vec![word_start];
    let mut i = word_start;
    for _ in 1..MAX_TERM_WORDS {
        let before = prefix[..i].trim_end_matches(' ');
        if before.len() == i || before.is_empty() {
            break;
        }
        let s = before
            .rfind(|c: char| !(c.is_alphanumeric() || c == '-'))
            .map_or(0, |k| k + before[k..].chars().next().map_or(1, char::len_utf8));
        if !before[s..].chars().next().is_some_and(char::is_uppercase) {
            break;
        }
        starts.push(s);
        i = s;
    }
    // The longest typed run that some term starts with decides the range to replace.
    let mut out = Vec::new();
    for &s in starts.iter().rev() {
        let typed = &prefix[s..];
        let matching: Vec<&&str> = terms
            .iter()
            .filter(|t| t.starts_with(typed) || t.to_lowercase().starts_with(&typed.to_lowercase()))
            .collect();
        if matching.is_empty() {
            continue;
        }
        for term in matching {
            out.push(term_item(state, model, term, line_start + s..line_start + prefix.len()));
        }
        break;
    }
    out
}

fn term_item(state: &DocumentState, model: &DocumentModel, term: &str, replace: Range<usize>) -> Completion {
    let documentation = lookup::definition_of(model, term).map(|d| {
        let sentence = state.document().slice(d.sentence.clone());
        format!("> {}", sentence.split_whitespace().collect::<Vec<_>>().join(" "))
    });
    Completion {
        label: term.to_string(),
        detail: Some("defined term".into()),
        documentation,
        insert_text: term.to_string(),
        is_snippet: false,
        replace: Some(replace),
        is_term: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSettings;

    fn complete(text: &str, snippets: bool) -> (String, Vec<Completion>) {
        let at = text.find("$0").expect("cursor marker");
        let clean = text.replace("$0", "");
        let state = DocumentState::new(&clean, 0, RuleSettings::default());
        let model = state.model();
        (clean.clone(), completion(&state, &model, at, snippets))
    }

    const HEAD: &str =
        "# Agreement\n\nBetween Acme (\"Client\") and Jo (\"Consultant\"). The \"Effective Date\" is today.\n\n";

    #[test]
    fn terms_after_capital_or_quote() {
        let (_, items) = complete(&format!("{HEAD}The Cl$0"), false);
        assert_eq!(items.iter().map(|c| c.label.as_str()).collect::<Vec<_>>(), vec!["Client"]);
        assert!(items[0].documentation.as_deref().unwrap_or("").contains("Acme"));
        let (text, items) = complete(&format!("{HEAD}From the Effective D$0"), false);
        assert_eq!(items[0].label, "Effective Date");
        assert_eq!(&text[items[0].replace.clone().unwrap()], "Effective D");
        let (_, items) = complete(&format!("{HEAD}as \"$0"), false);
        assert_eq!(items.len(), 3);
        let (_, items) = complete(&format!("{HEAD}the cl$0"), false);
        assert!(items.is_empty());
    }

    #[test]
    fn clause_snippets_at_line_start() {
        let (_, items) = complete(&format!("{HEAD}## Limitation$0"), true);
        let cap = items.iter().find(|c| c.label == "Limitation of Liability").expect("cap snippet");
        assert!(cap.is_snippet && cap.insert_text.ends_with("$0"));
        assert!(cap.insert_text.starts_with("Limitation of Liability\n\n"));
        let (_, items) = complete(&format!("{HEAD}clause:$0"), false);
        assert!(items.len() >= 20);
        let ins = items.iter().find(|c| c.label == "Insurance").unwrap();
        assert!(ins.insert_text.starts_with("## Insurance\n\nThe Consultant will maintain"), "{}", ins.insert_text);
        assert!(!ins.is_snippet);
    }
}
