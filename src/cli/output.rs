//! Output formats of `clausewise check`: human, JSON and SARIF 2.1.0.

use serde_json::json;

use super::check::Located;
use super::rule_url;
use crate::rules::catalog::catalog;
use crate::rules::Severity;

/// `path:line:col: severity [rule-id] message`, one per line.
pub fn human(findings: &[Located]) -> String {
    let mut out = String::new();
    for f in findings {
        out.push_str(&format!(
            "{}:{}:{}: {} [{}] {}\n",
            f.path,
            f.line,
            f.column,
            f.severity.as_str(),
            f.rule,
            f.message
        ));
    }
    out
}

/// A JSON array of findings. Stable: fields are only ever added.
/// `[{"path", "line", "column", "end_line", "end_column", "severity", "rule", "message", "url"}]`,
/// lines and columns 1-based, columns in characters.
pub fn json(findings: &[Located]) -> String {
    let items: Vec<serde_json::Value> = findings
        .iter()
        .map(|f| {
            json!({
                "path": f.path, "line": f.line, "column": f.column, "end_line": f.end_line, "end_column": f.end_column,
                "severity": f.severity.as_str(), "rule": f.rule, "message": f.message, "url": rule_url(&f.rule),
            })
        })
        .collect();
    serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".into())
}

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Information | Severity::Hint => "note",
    }
}

/// SARIF 2.1.0, for code-scanning dashboards.
pub fn sarif(findings: &[Located]) -> String {
    let rules: Vec<serde_json::Value> = catalog()
        .rules
        .iter()
        .map(|r| {
            json!({
                "id": r.id, "name": r.name, "shortDescription": {"text": r.summary.trim()},
                "fullDescription": {"text": r.docs.what.trim()}, "helpUri": rule_url(r.id),
                "help": {"text": r.docs.why.trim(), "markdown": r.markdown_docs()},
                "defaultConfiguration": {"level": sarif_level(r.severity)},
            })
        })
        .collect();
    let results: Vec<serde_json::Value> = findings
        .iter()
        .map(|f| {
            json!({
                "ruleId": f.rule, "level": sarif_level(f.severity), "message": {"text": f.message},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": f.path},
                    "region": {"startLine": f.line, "startColumn": f.column, "endLine": f.end_line, "endColumn": f.end_column}
                }}],
            })
        })
        .collect();
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "clausewise", "version": env!("CARGO_PKG_VERSION"), "informationUri": "https://github.com/clausewise/clausewise", "rules": rules}},
            "results": results,
        }],
    });
    serde_json::to_string_pretty(&doc).unwrap_or_else(|_| "{}".into())
}
