//! `docs/rules/` is generated from the rule definitions; this test fails when a
//! page is stale. Regenerate with `CLAUSEWISE_BLESS=1 cargo test --test docs_rules`.

use std::path::PathBuf;

use clausewise::cli::{rule_page, rules_index_page};
use clausewise::rules::catalog;

#[test]
fn rule_pages_are_current() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/rules");
    let bless = std::env::var("CLAUSEWISE_BLESS").is_ok_and(|v| v == "1");
    let mut expected: Vec<(PathBuf, String)> = vec![(dir.join("README.md"), rules_index_page())];
    for rule in &catalog().rules {
        expected.push((dir.join(format!("{}.md", rule.id)), rule_page(rule.id).expect("rule exists")));
    }
    let mut stale = Vec::new();
    for (path, content) in &expected {
        let current = std::fs::read_to_string(path).unwrap_or_default();
        if current != *content {
            if bless {
                std::fs::create_dir_all(&dir).expect("create docs/rules");
                std::fs::write(path, content).expect("write page");
            } else {
                stale.push(path.display().to_string());
            }
        }
    }
    // No page for a rule that no longer exists.
    let known: Vec<PathBuf> = expected.iter().map(|(p, _)| p.clone()).collect();
    for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
        if !known.contains(&entry.path()) {
            stale.push(format!("{} (no such rule)", entry.path().display()));
        }
    }
    assert!(
        stale.is_empty(),
        "stale rule docs (run CLAUSEWISE_BLESS=1 cargo test --test docs_rules):\n{}",
        stale.join("\n")
    );
}
