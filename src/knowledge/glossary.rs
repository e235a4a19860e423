//! The hover glossary (`glossary.toml`), loaded once, and a matcher that finds
//! a glossary term in a short window of text.
//!
//! Matching is ASCII case-insensitive over every surface form of every entry
//! (term, aliases, and a few generated variants: plurals, hyphen/space
//! swaps), so "Indemnities", "model-drift" and "DRIFT" all land on their
//! entry. Only the text around the cursor is scanned: the caller passes a line
//! or two, never the whole document.

use std::ops::Range;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::Deserialize;

const GLOSSARY_TOML: &str = include_str!("glossary.toml");

/// One glossary entry: a concept the freelancer meets in a contract.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GlossaryEntry {
    pub term: String,
    pub aliases: Vec<String>,
    pub meaning: String,
    pub why: String,
    pub ask_for: String,
    pub rules: Vec<String>,
}

impl GlossaryEntry {
    /// The entry as hover Markdown.
    pub fn markdown(&self) -> String {
        let mut out = format!(
            "**{}** (glossary)\n\n{}\n\n**Why it matters:** {}\n\n**What to ask for:** {}",
            self.term,
            self.meaning.trim(),
            self.why.trim(),
            self.ask_for.trim()
        );
        if !self.rules.is_empty() {
            let ids: Vec<String> = self.rules.iter().map(|r| format!("`{r}`")).collect();
            out.push_str(&format!("\n\n*Checked by:* {}", ids.join(", ")));
        }
        out
    }
}

#[derive(Deserialize)]
struct GlossaryFile {
    term: Vec<GlossaryEntry>,
}

/// The loaded glossary and its matcher.
pub struct Glossary {
    pub entries: Vec<GlossaryEntry>,
    matcher: Option<AhoCorasick>,
    /// Entry index of each matcher pattern.
    owner: Vec<usize>,
    /// Problems met while loading (a test keeps this empty).
    pub load_errors: Vec<String>,
}

/// A glossary term found in a text window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GlossaryHit {
    /// Span in the window that was searched.
    pub range: Range<usize>,
    pub entry: usize,
}

/// Simple inflections of a form: plural of the last word, and hyphen/space variants.
fn variants(form: &str) -> Vec<String> {
    let mut out = vec![form.to_string()];
    let plural = if let Some(stem) = form.strip_suffix('y').filter(|s| !s.ends_with(['a', 'e', 'o', 'u'])) {
        format!("{stem}ies")
    } else if form.ends_with('s') || form.ends_with("sh") || form.ends_with("ch") || form.ends_with('x') {
        format!("{form}es")
    } else {
        format!("{form}s")
    };
    // Abbreviations (GDPR, SHAP) and forms ending in a digit take no plural.
    if form.chars().last().is_some_and(|c| c.is_ascii_lowercase()) {
        out.push(plural);
    }
    for f in out.clone() {
        if f.contains('-') {
            out.push(f.replace('-', " "));
        }
        if f.contains(' ') && f.split(' ').count() == 2 {
            out.push(f.replace(' ', "-"));
        }
    }
    out
}

impl Glossary {
    fn load() -> Self {
        let mut load_errors = Vec::new();
        let entries = match toml::from_str::<GlossaryFile>(GLOSSARY_TOML) {
            Ok(f) => f.term,
            Err(e) => {
                load_errors.push(format!("glossary.toml: {e}"));
                Vec::new()
            }
        };
        // Explicit forms first, so a generated variant never steals another entry's form.
        let mut patterns: Vec<String> = Vec::new();
        let mut owner = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for (i, e) in entries.iter().enumerate() {
            for form in std::iter::once(&e.term).chain(&e.aliases) {
                let key = form.to_ascii_lowercase();
                if seen.insert(key.clone()) {
                    patterns.push(key);
                    owner.push(i);
                }
            }
        }
        for (i, e) in entries.iter().enumerate() {
            for form in std::iter::once(&e.term).chain(&e.aliases) {
                for v in variants(&form.to_ascii_lowercase()).into_iter().skip(1) {
                    if seen.insert(v.clone()) {
                        patterns.push(v);
                        owner.push(i);
                    }
                }
            }
        }
        let matcher =
            AhoCorasickBuilder::new().ascii_case_insensitive(true).match_kind(MatchKind::Standard).build(&patterns);
        let matcher = match matcher {
            Ok(m) => Some(m),
            Err(e) => {
                load_errors.push(format!("glossary matcher: {e}"));
                None
            }
        };
        Self { entries, matcher, owner, load_errors }
    }

    /// The longest glossary term in `window` that covers byte `at` (a term ends
    /// and starts on word boundaries).
    pub fn term_at(&self, window: &str, at: usize) -> Option<GlossaryHit> {
        self.terms_in(window)
            .into_iter()
            .filter(|h| h.range.start <= at && at <= h.range.end)
            .max_by_key(|h| (h.range.len(), std::cmp::Reverse(h.range.start)))
    }

    /// Every glossary term in `window` on word boundaries (overlaps allowed).
    pub fn terms_in(&self, window: &str) -> Vec<GlossaryHit> {
        let Some(matcher) = &self.matcher else { return Vec::new() };
        let bytes = window.as_bytes();
        let word = |b: u8| b.is_ascii_alphanumeric() || b >= 0x80;
        matcher
            .find_overlapping_iter(window)
            .filter(|m| m.start() == 0 || !word(bytes[m.start() - 1]))
            .filter(|m| m.end() == bytes.len() || !word(bytes[m.end()]))
            .filter_map(|m| {
                Some(GlossaryHit { range: m.start()..m.end(), entry: *self.owner.get(m.pattern().as_usize())? })
            })
            .collect()
    }

    /// The entry for a term or alias (any case).
    pub fn find(&self, form: &str) -> Option<&GlossaryEntry> {
        let key = form.trim().to_ascii_lowercase();
        self.entries.iter().find(|e| e.term.to_ascii_lowercase() == key || e.aliases.contains(&key))
    }
}

/// The glossary, loaded on first use.
pub fn glossary() -> &'static Glossary {
    static GLOSSARY: OnceLock<Glossary> = OnceLock::new();
    GLOSSARY.get_or_init(Glossary::load)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(window: &str, at: &str) -> Option<String> {
        let pos = window.find(at).expect("marker in window");
        glossary().term_at(window, pos + 1).map(|h| glossary().entries[h.entry].term.clone())
    }

    #[test]
    fn loads_cleanly() {
        assert!(glossary().load_errors.is_empty(), "{:?}", glossary().load_errors);
        assert!(glossary().entries.len() >= 45);
    }

    #[test]
    fn inflections_case_and_hyphenation() {
        assert_eq!(term("The Consultant shall indemnify the Client.", "indemnify").as_deref(), Some("indemnification"));
        assert_eq!(term("## 9. INDEMNITIES", "INDEMNITIES").as_deref(), Some("indemnification"));
        assert_eq!(term("| Indemnification | none |", "Indemnification").as_deref(), Some("indemnification"));
        assert_eq!(term("- guard against model-drift in production", "drift").as_deref(), Some("model drift"));
        assert_eq!(term("performance may drift over time", "drift").as_deref(), Some("model drift"));
    }

    #[test]
    fn longest_match_wins_and_words_must_be_whole() {
        assert_eq!(term("a mutual indemnity applies", "indemnity").as_deref(), Some("mutual indemnification"));
        assert_eq!(term("a mutual indemnity applies", "mutual").as_deref(), Some("mutual indemnification"));
        assert_eq!(term("the recalled item", "recalled"), None);
    }
}
