//! Editor features on real contracts (tests/corpus): hover, navigation,
//! completion and code actions answer everywhere without panicking, and
//! "Insert all missing protections" only ever inserts.

use std::path::Path;

use clausewise::analysis::features::{self, ActionKind};
use clausewise::analysis::DocumentState;
use clausewise::config::Config;
use clausewise::rules::RuleSettings;

fn corpus() -> Vec<(String, String)> {
    let mut out = Vec::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut stack = vec![root];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "md") && p.file_name().is_some_and(|n| n != "README.md") {
                if let Ok(text) = std::fs::read_to_string(&p) {
                    out.push((p.display().to_string(), text));
                }
            }
        }
    }
    out.sort();
    out
}

#[test]
fn features_answer_everywhere_on_real_contracts() {
    let files = corpus();
    assert!(!files.is_empty(), "no corpus files found");
    let config = Config::default();
    for (name, text) in &files {
        let state = DocumentState::new(text, 0, RuleSettings::default());
        let model = state.model();
        let found = state.findings_with_model(&model, &config);
        let step = (text.len() / 400).max(1);
        let mut hovers = 0;
        for offset in (0..text.len()).step_by(step).filter(|&o| text.is_char_boundary(o)) {
            if let Some(h) = features::hover(&state, &model, &found, offset) {
                assert!(
                    h.range.start <= offset && offset <= h.range.end,
                    "{name}: hover range {:?} misses {offset}",
                    h.range
                );
                assert!(text.get(h.range.clone()).is_some(), "{name}: hover range not on char boundaries");
                hovers += 1;
            }
            let _ = features::definition(&state, &model, offset);
            let _ = features::completion(&state, &model, offset, true);
        }
        assert!(hovers > 0, "{name}: no hover anywhere");
        let _ = features::symbols(&state, &model);
        let _ = features::folding(&state, &model);
        let actions = features::code_actions(&state, &model, &found, 0..text.len(), &config);
        for a in &actions {
            for (r, _) in &a.edits {
                assert!(text.get(r.clone()).is_some(), "{name}: {}: edit off char boundaries", a.title);
            }
        }
        if let Some(all) = actions.iter().find(|a| a.kind == ActionKind::InsertAllMissing) {
            assert!(all.edits.iter().all(|(r, _)| r.is_empty()), "{name}: insert-all edits existing text");
            let mut starts: Vec<usize> = all.edits.iter().map(|(r, _)| r.start).collect();
            starts.dedup();
            assert_eq!(starts.len(), all.edits.len(), "{name}: two insertions at one spot");
            let fixed = features::apply_edits(text, &all.edits);
            assert_eq!(fixed.len(), text.len() + all.edits.iter().map(|(_, t)| t.len()).sum::<usize>());
        }
    }
}
