//! The command line: `check`, `rules`, `explain` (the server is in `lsp`).

pub mod check;
pub mod fix;
pub mod output;

use crate::rules::catalog::catalog;

/// Where each rule's documentation page lives.
pub const DOCS_BASE_URL: &str = "https://github.com/clausewise/clausewise/blob/main/docs/rules/";

/// The URL of a rule's documentation page.
pub fn rule_url(id: &str) -> String {
    format!("{DOCS_BASE_URL}{id}.md")
}

/// `clausewise rules`: one line per rule.
pub fn rules_table() -> String {
    let cat = catalog();
    let width = cat.rules.iter().map(|r| r.id.len()).max().unwrap_or(10);
    let mut out = String::new();
    for rule in &cat.rules {
        let gate = rule.applies_when.as_deref().map(|t| format!(" (when: {t})")).unwrap_or_default();
        out.push_str(&format!(
            "{:width$}  {:<11}  {:<11}  {}{}\n",
            rule.id,
            rule.kind.as_str(),
            rule.severity.as_str(),
            rule.summary.trim(),
            gate,
            width = width
        ));
    }
    out
}

/// `clausewise explain RULE`: the rule's docs, or an error naming close ids.
pub fn explain(id: &str) -> Result<String, String> {
    let cat = catalog();
    match cat.get(id) {
        Some(rule) => Ok(rule.markdown_docs()),
        None => {
            let area = id.split('.').next().unwrap_or(id);
            let close: Vec<&str> = cat.rules.iter().map(|r| r.id).filter(|r| r.starts_with(area)).collect();
            let hint = if close.is_empty() { "run `clausewise rules` for the list".to_string() } else { format!("did you mean: {}?", close.join(", ")) };
            Err(format!("unknown rule `{id}`; {hint}"))
        }
    }
}
