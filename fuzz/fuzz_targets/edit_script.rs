//! Random edit scripts through the document store and analysis: no panic, and
//! the incrementally maintained state equals a fresh analysis of the same text.
#![no_main]

use clausewise::analysis::DocumentState;
use clausewise::config::Config;
use clausewise::rules::RuleSettings;
use libfuzzer_sys::fuzz_target;

/// Pieces the fuzzer combines, so that it reaches Markdown structure quickly.
const PIECES: &[&str] = &["\n", "\n\n", "## 2. Fees\n", "# Agreement\n", "```\n", "<!--\n", "-->\n", "1. item\n", "> ", "| a | b |\n", "\"Term\" means x. ", "The Client shall indemnify the Consultant. ", "thirty (20) days ", "😀", "\r\n", "---\n"];

fn floor(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fuzz_target!(|data: &[u8]| {
    let (seed, script) = data.split_at(data.len().min(64));
    let mut text = String::from_utf8_lossy(seed).into_owned();
    let mut state = DocumentState::new(&text, 0, RuleSettings::default());
    for op in script.chunks(4) {
        let [a, b, c, d] = [op[0], *op.get(1).unwrap_or(&0), *op.get(2).unwrap_or(&0), *op.get(3).unwrap_or(&0)];
        let at = floor(&text, (usize::from(a) << 8 | usize::from(b)) % (text.len() + 1));
        let end = floor(&text, at + usize::from(c % 32)).max(at);
        let insert = if d < 200 { PIECES[usize::from(d) % PIECES.len()].to_string() } else { char::from(d - 100).to_string() };
        state.apply_edit(at..end, &insert).expect("valid edit");
        text.replace_range(at..end, &insert);
        // Invalid edits must be rejected without changing anything.
        let len = text.len();
        assert!(state.apply_edit(len..len + 1, "x").is_err());
    }
    let fresh = DocumentState::new(&text, 0, RuleSettings::default());
    assert_eq!(state.document().text(), text);
    let cfg = Config::default();
    assert_eq!(state.model(), fresh.model());
    assert_eq!(state.findings(&cfg), fresh.findings(&cfg));
});
