use proptest::prelude::*;

use super::*;

fn fresh(text: &str) -> DocumentState {
    DocumentState::new(text, 0, RuleSettings::default())
}

fn assert_same(incremental: &DocumentState, text: &str) {
    let full = fresh(text);
    assert_eq!(incremental.document().text(), text);
    let a: Vec<(usize, &ChunkFacts, &ChunkEvidence)> =
        incremental.chunks().iter().map(|c| (c.start, &*c.facts, &*c.evidence)).collect();
    let b: Vec<(usize, &ChunkFacts, &ChunkEvidence)> =
        full.chunks().iter().map(|c| (c.start, &*c.facts, &*c.evidence)).collect();
    assert_eq!(a, b, "chunks differ for {text:?}");
    assert_eq!(incremental.model(), full.model());
    let cfg = Config::default();
    assert_eq!(incremental.findings(&cfg), full.findings(&cfg));
}

const SAMPLE: &str = "# Consulting Agreement\n\nThis Agreement is made between Acme Ltd (\"Client\") and Jane Doe (\"Consultant\").\n\n## 1. Services\n\nThe Consultant shall deliver the Deliverables.\n\n```\n# not a heading\n```\n\n## 2. Fees\n\nThe Client pays thirty (30) days after invoice. See Section 3.\n";

#[test]
fn an_edit_inside_a_section_rereads_only_nearby_chunks() {
    let mut state = fresh(SAMPLE);
    let before: Vec<Arc<ChunkFacts>> = state.chunks().iter().map(|c| c.facts.clone()).collect();
    let at = SAMPLE.find("pays").unwrap();
    state.apply_edit(at..at, "promptly ").unwrap();
    let mut text = SAMPLE.to_string();
    text.insert_str(at, "promptly ");
    assert_same(&state, &text);
    // The first chunks were reused, not reread.
    assert!(Arc::ptr_eq(&before[0], &state.chunks()[0].facts));
}

#[test]
fn edits_that_open_a_fence_or_add_a_heading_move_boundaries() {
    let mut state = fresh(SAMPLE);
    let mut text = SAMPLE.to_string();
    let at = text.find("## 2.").unwrap();
    for (range, insert) in [(at..at, "```\n"), (0..0, "## Preface\n\n"), (5..12, "")] {
        state.apply_edit(range.clone(), insert).unwrap();
        text.replace_range(range, insert);
        assert_same(&state, &text);
    }
}

#[test]
fn a_bad_edit_changes_nothing() {
    let mut state = fresh(SAMPLE);
    assert!(state.apply_edit(5..usize::MAX, "x").is_err());
    assert_same(&state, SAMPLE);
}

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("## 3. Term\n".to_string()),
        Just("# Title\n".to_string()),
        Just("```\n".to_string()),
        Just("<!--\n".to_string()),
        Just("-->\n".to_string()),
        Just("1. item\n    1. nested\n".to_string()),
        Just("| a | 50% |\n".to_string()),
        Just("\"Deliverables\" means the work. ".to_string()),
        Just("the Client shall indemnify the Consultant. ".to_string()),
        Just("twenty (20) days ".to_string()),
        Just("😀契約 e\u{301} ".to_string()),
        Just("\r\n".to_string()),
        "[a-zA-Z .,]{0,40}",
        Just("word ".repeat(120)),
    ]
}

#[derive(Debug, Clone)]
struct Edit {
    at: usize,
    del: usize,
    insert: String,
}

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    prop::collection::vec(
        (any::<usize>(), 0usize..60, piece()).prop_map(|(at, del, insert)| Edit { at, del, insert }),
        1..12,
    )
}

fn floor_char(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]
    #[test]
    fn incremental_state_equals_a_fresh_analysis(start in prop::collection::vec(piece(), 0..30), script in edits()) {
        let mut text: String = start.concat();
        let mut state = fresh(&text);
        for edit in script {
            let at = floor_char(&text, if text.is_empty() { 0 } else { edit.at % (text.len() + 1) });
            let end = floor_char(&text, at + edit.del);
            state.apply_edit(at..end, &edit.insert).unwrap();
            text.replace_range(at..end, &edit.insert);
        }
        assert_same(&state, &text);
    }
}
