// Temporary developer driver (not committed): prints findings for files.
use clausewise::analysis::DocumentState;
use clausewise::config::Config;
use clausewise::rules::RuleSettings;

fn main() {
    let filter: Option<String> = std::env::var("RULES").ok();
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let state = DocumentState::new(&text, 0, RuleSettings::default());
        let mut cfg = Config::default();
        cfg.forces_contract = std::env::var("FORCE").is_ok();
        for f in state.findings(&cfg) {
            if let Some(fl) = &filter {
                if !fl.split(',').any(|r| f.rule.starts_with(r)) { continue; }
            }
            let line = text[..f.range.start.min(text.len())].matches('\n').count();
            let snippet: String = text.get(f.range.clone()).unwrap_or("").chars().take(60).collect();
            println!("{path}:{line}: {} [{}] {}", f.rule, snippet.replace('\n', " "), f.message);
        }
    }
}
