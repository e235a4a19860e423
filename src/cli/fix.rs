//! `clausewise check --fix` / `--fix-unsafe`: apply fixes to files in place.
//!
//! `--fix` applies only fixes marked safe (none of the clause templates is:
//! a template is a suggestion a person must review); `--fix-unsafe` also
//! replaces risky wording and inserts every missing clause. The edits come
//! from the same code as the editor's code actions, so both agree.

use std::path::Path;

use crate::analysis::features::{all_fixes, apply_edits};
use crate::analysis::DocumentState;
use crate::config::Config;

use super::check::{config_for, read_text};

/// Most passes over one text: an inserted clause can switch a topic on (a
/// clause about retraining makes the contract read as ML work), which brings
/// new missing clauses with it; a second pass inserts those.
const MAX_PASSES: usize = 3;

/// The fixed text and how many edits were applied.
pub fn fix_text(text: &str, config: &Config, include_unsafe: bool) -> (String, usize) {
    let mut current = text.to_string();
    let mut total = 0;
    for _ in 0..MAX_PASSES {
        let state = DocumentState::new(&current, 0, config.settings.clone());
        let model = state.model();
        let findings = state.findings_with_model(&model, config);
        let edits = all_fixes(&state, &model, &findings, include_unsafe);
        if edits.is_empty() {
            break;
        }
        total += edits.len();
        current = apply_edits(&current, &edits);
    }
    (current, total)
}

/// Fixes one file in place; returns the number of edits applied.
pub fn fix_file(path: &Path, explicit: Option<&Config>, include_unsafe: bool) -> Result<usize, String> {
    let config = config_for(path, explicit)?;
    let text = read_text(path)?;
    let (fixed, count) = fix_text(&text, &config, include_unsafe);
    if count > 0 && fixed != text {
        std::fs::write(path, fixed).map_err(|e| format!("{}: cannot write the fixed file: {e}", path.display()))?;
    }
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "# Consulting Agreement\n\nThis Agreement is made between Acme Ltd (\"Client\") and Jo (\"Consultant\").\n\n## 1. Terms\n\nAll work is work made for hire and belongs to the Client.\n";

    #[test]
    fn safe_mode_leaves_review_only_fixes_alone() {
        let (out, n) = fix_text(TEXT, &Config::default(), false);
        assert_eq!(n, 0);
        assert_eq!(out, TEXT);
    }

    #[test]
    fn unsafe_mode_replaces_and_inserts() {
        let (out, n) = fix_text(TEXT, &Config::default(), true);
        assert!(n >= 2, "{out}");
        assert!(!out.contains("work made for hire"));
        assert!(out.contains("Limitation of Liability"));
        assert!(out.starts_with("# Consulting Agreement\n\nThis Agreement is made between"));
    }
}
