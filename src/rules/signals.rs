//! Declarative detection: phrase signals from a rule's `[detect]` table.
//!
//! Every pattern of every rule goes into one `RegexSet`, run once per sentence;
//! a rule's entries are then decided from the set's bitmap. Only a risky rule
//! whose entry holds runs its own regex again, to find the span to report.

use regex::{Regex, RegexSet, RegexSetBuilder};
use serde::Deserialize;

use super::Perspective;

/// The `[detect]` table as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DetectDef {
    #[serde(default)]
    pub evidence: Vec<Vec<String>>,
    #[serde(default)]
    pub negation: Vec<String>,
    #[serde(default)]
    pub trigger: Vec<Vec<String>>,
    #[serde(default)]
    pub unless: Vec<String>,
    #[serde(default)]
    pub suppressed_by: Vec<Vec<String>>,
    #[serde(default)]
    pub with_heading: bool,
}

const CONSULTANT: &str = r"(?:the )?(?:independent contractor|contractor|consultants?|consultancy|service provider|services provider|provider|supplier|developer|freelancer|vendor|agency|studio|we|us|our|i|me|my)";
const CLIENT: &str = r"(?:the )?(?:client|customer|company|buyer|purchaser|bank|employer|business|organi[sz]ation|you|your)";

/// Turns a pattern as written into the regex we compile: case-insensitive,
/// ASCII word boundaries (50x faster than Unicode ones on contract text), party macros.
pub fn expand(pattern: &str, perspective: Perspective) -> String {
    let (ours, theirs) = match perspective {
        Perspective::Consultant => (CONSULTANT, CLIENT),
        Perspective::Client => (CLIENT, CONSULTANT),
    };
    // The macros carry their own word boundaries: `{consultant}` must not match "me" in "Acme".
    let ours = format!(r"\b{ours}\b");
    let theirs = format!(r"\b{theirs}\b");
    let body = pattern.replace("{consultant}", &ours).replace("{client}", &theirs).replace(r"\b", r"(?-u:\b)");
    format!("(?i){body}")
}

/// Indices into the shared pattern set.
#[derive(Debug, Clone, Default)]
pub struct CompiledSignals {
    pub evidence: Vec<Vec<usize>>,
    pub negation: Vec<usize>,
    pub trigger: Vec<Vec<usize>>,
    pub unless: Vec<usize>,
    pub suppressed_by: Vec<Vec<usize>>,
    pub with_heading: bool,
}

/// All patterns of all declarative rules for one perspective.
pub struct PatternBank {
    pub set: RegexSet,
    pub regexes: Vec<Regex>,
}

/// Collects patterns into a bank, deduplicating identical ones.
#[derive(Default)]
pub struct BankBuilder {
    patterns: Vec<String>,
}

impl BankBuilder {
    fn add(&mut self, pattern: &str, perspective: Perspective) -> usize {
        let expanded = expand(pattern, perspective);
        if let Some(i) = self.patterns.iter().position(|p| *p == expanded) {
            return i;
        }
        self.patterns.push(expanded);
        self.patterns.len() - 1
    }

    fn add_all(&mut self, patterns: &[String], perspective: Perspective) -> Vec<usize> {
        patterns.iter().map(|p| self.add(p, perspective)).collect()
    }

    /// Checks every pattern of a definition compiles; returns the first error.
    pub fn validate(def: &DetectDef) -> Result<(), String> {
        let all = def.evidence.iter().chain(&def.trigger).chain(&def.suppressed_by).flatten().chain(&def.negation).chain(&def.unless);
        for p in all {
            Regex::new(&expand(p, Perspective::Consultant)).map_err(|e| format!("pattern {p:?}: {e}"))?;
        }
        if def.evidence.iter().chain(&def.trigger).chain(&def.suppressed_by).any(|e| e.is_empty()) {
            return Err("an entry has no patterns".into());
        }
        Ok(())
    }

    pub fn compile_rule(&mut self, def: &DetectDef, perspective: Perspective) -> CompiledSignals {
        CompiledSignals {
            evidence: def.evidence.iter().map(|e| self.add_all(e, perspective)).collect(),
            negation: self.add_all(&def.negation, perspective),
            trigger: def.trigger.iter().map(|e| self.add_all(e, perspective)).collect(),
            unless: self.add_all(&def.unless, perspective),
            suppressed_by: def.suppressed_by.iter().map(|e| self.add_all(e, perspective)).collect(),
            with_heading: def.with_heading,
        }
    }

    /// Builds the bank. Patterns were validated one by one at load, so only the
    /// set's size limit can fail here; then the set is empty and rules stay silent.
    pub fn build(self) -> PatternBank {
        let regexes: Vec<Regex> = self.patterns.iter().filter_map(|p| Regex::new(p).ok()).collect();
        let set = RegexSetBuilder::new(&self.patterns)
            .size_limit(512 << 20)
            .dfa_size_limit(64 << 20)
            .build()
            .unwrap_or_else(|err| {
                tracing::error!("rule pattern set does not compile: {err}");
                RegexSet::empty()
            });
        PatternBank { set, regexes }
    }
}

/// The set's matches for one sentence.
pub struct SentenceMatches {
    matched: Vec<bool>,
}

impl SentenceMatches {
    pub fn new(bank: &PatternBank, text: &str) -> Self {
        let mut matched = vec![false; bank.regexes.len()];
        for i in bank.set.matches(text).iter() {
            if let Some(slot) = matched.get_mut(i) {
                *slot = true;
            }
        }
        Self { matched }
    }

    pub fn has(&self, i: usize) -> bool {
        self.matched.get(i).copied().unwrap_or(false)
    }

    pub fn all(&self, entry: &[usize]) -> bool {
        entry.iter().all(|&i| self.has(i))
    }

    pub fn any_entry(&self, entries: &[Vec<usize>]) -> bool {
        entries.iter().any(|e| self.all(e))
    }

    pub fn any(&self, list: &[usize]) -> bool {
        list.iter().any(|&i| self.has(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expansion_uses_ascii_boundaries_and_party_words() {
        let p = expand(r"\b{consultant} shall\b", Perspective::Consultant);
        let re = Regex::new(&p).unwrap();
        assert!(re.is_match("The Consultant shall"));
        assert!(re.is_match("the service provider SHALL"));
        assert!(!re.is_match("The Client shall"));
        let acme = Regex::new(&expand("{consultant} shall", Perspective::Consultant)).unwrap();
        assert!(!acme.is_match("Acme shall"));
        let flipped = Regex::new(&expand(r"\b{consultant} shall\b", Perspective::Client)).unwrap();
        assert!(flipped.is_match("The Client shall"));
    }
}
