//! Loads the rule definitions embedded from `src/rules/defs/*.toml`.

use std::sync::OnceLock;

use serde::Deserialize;

use super::signals::{BankBuilder, CompiledSignals, DetectDef, PatternBank};
use super::{coded, Kind, Perspective, Severity};

include!(concat!(env!("OUT_DIR"), "/rule_defs.rs"));

/// The documentation sections of a rule (`clausewise explain`, hovers, docs/rules/).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleDocs {
    pub what: String,
    pub why: String,
    pub example: String,
    pub fix: String,
}

/// Examples the test suite runs through the whole analysis.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleExamples {
    #[serde(default)]
    pub satisfies: Vec<String>,
    #[serde(default)]
    pub does_not_satisfy: Vec<String>,
    #[serde(default)]
    pub flag: Vec<String>,
    #[serde(default)]
    pub dont_flag: Vec<String>,
}

/// What a rule's fix inserts or replaces.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FixDef {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub near: Vec<String>,
    #[serde(default)]
    pub template: String,
    #[serde(default)]
    pub replacement: String,
    #[serde(default)]
    pub safe: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    id: String,
    kind: Kind,
    severity: Severity,
    name: String,
    summary: String,
    message: String,
    #[serde(default)]
    applies_when: Option<String>,
    docs: RuleDocs,
    #[serde(default)]
    detect: Option<DetectDef>,
    #[serde(default)]
    examples: RuleExamples,
    #[serde(default)]
    fix: Option<FixDef>,
}

/// How a rule is detected.
#[derive(Debug, Clone)]
pub enum Detection {
    /// Phrase signals, as indices into the catalogue's pattern banks (one per perspective).
    Signals(Box<[CompiledSignals; 2]>),
    /// Rust code in `rules/coded/`.
    Coded,
}

/// One rule of the catalogue.
#[derive(Debug, Clone)]
pub struct Rule {
    pub index: usize,
    pub id: &'static str,
    pub kind: Kind,
    pub severity: Severity,
    pub name: String,
    pub summary: String,
    pub message: String,
    pub applies_when: Option<String>,
    pub docs: RuleDocs,
    pub examples: RuleExamples,
    pub fix: Option<FixDef>,
    pub detection: Detection,
}

impl Rule {
    /// The compiled signals for a perspective, when the rule is declarative.
    pub fn signals(&self, perspective: Perspective) -> Option<&CompiledSignals> {
        match &self.detection {
            Detection::Signals(both) => Some(&both[perspective_index(perspective)]),
            Detection::Coded => None,
        }
    }

    /// The rule's full documentation as Markdown.
    pub fn markdown_docs(&self) -> String {
        format!(
            "# {id}\n\n*{kind}, {severity} by default.* {summary}\n\n## What it does\n\n{what}\n\n## Why it matters\n\n{why}\n\n## Example\n\n{example}\n\n## Fix\n\n{fix}\n",
            id = self.id,
            kind = self.kind.as_str(),
            severity = self.severity.as_str(),
            summary = self.summary.trim(),
            what = self.docs.what.trim(),
            why = self.docs.why.trim(),
            example = self.docs.example.trim(),
            fix = self.docs.fix.trim(),
        )
    }
}

fn perspective_index(p: Perspective) -> usize {
    match p {
        Perspective::Consultant => 0,
        Perspective::Client => 1,
    }
}

/// The loaded catalogue.
pub struct Catalog {
    pub rules: Vec<Rule>,
    banks: [PatternBank; 2],
    /// Problems met while loading (a bug in a definition file; a test keeps this empty).
    pub load_errors: Vec<String>,
}

impl Catalog {
    pub fn get(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }

    pub fn bank(&self, perspective: Perspective) -> &PatternBank {
        &self.banks[perspective_index(perspective)]
    }

    /// Rule ids matching `pattern`: an exact id, `area.*`, or `*`.
    pub fn matching(&self, pattern: &str) -> Vec<&'static str> {
        self.rules.iter().filter(|r| id_matches(pattern, r.id)).map(|r| r.id).collect()
    }

    fn load() -> Self {
        let mut errors = Vec::new();
        let mut files = Vec::new();
        for (name, text) in RULE_DEFS {
            match toml::from_str::<RuleFile>(text) {
                Ok(file) => {
                    if format!("{}.toml", file.id) != *name {
                        errors.push(format!("{name}: id {} does not match the file name", file.id));
                    }
                    files.push(file);
                }
                Err(err) => errors.push(format!("{name}: {err}")),
            }
        }
        let mut builders = [BankBuilder::default(), BankBuilder::default()];
        let mut rules = Vec::new();
        for file in files {
            let id: &'static str = Box::leak(file.id.clone().into_boxed_str());
            let is_coded = coded::is_coded(id);
            let detection = match (&file.detect, is_coded) {
                (Some(def), false) => match BankBuilder::validate(def) {
                    Ok(()) => Detection::Signals(Box::new([
                        builders[0].compile_rule(def, Perspective::Consultant),
                        builders[1].compile_rule(def, Perspective::Client),
                    ])),
                    Err(err) => {
                        errors.push(format!("{id}: {err}"));
                        continue;
                    }
                },
                (None, true) => Detection::Coded,
                (Some(_), true) => {
                    errors.push(format!("{id}: has both [detect] and coded detection"));
                    Detection::Coded
                }
                (None, false) => {
                    errors.push(format!("{id}: has no detection ([detect] table or coded rule)"));
                    continue;
                }
            };
            rules.push(Rule {
                index: rules.len(),
                id,
                kind: file.kind,
                severity: file.severity,
                name: file.name,
                summary: file.summary,
                message: file.message,
                applies_when: file.applies_when,
                docs: file.docs,
                examples: file.examples,
                fix: file.fix,
                detection,
            });
        }
        let [a, b] = builders;
        Catalog { rules, banks: [a.build(), b.build()], load_errors: errors }
    }
}

/// Whether a rule id matches a selector (`liability.cap`, `data.*`, `*`).
pub fn id_matches(pattern: &str, id: &str) -> bool {
    let pattern = pattern.trim();
    if pattern == "*" || pattern == "all" {
        return true;
    }
    match pattern.strip_suffix(".*").or_else(|| pattern.strip_suffix('*')) {
        Some(prefix) => {
            id.starts_with(prefix.trim_end_matches('.')) && id[prefix.trim_end_matches('.').len()..].starts_with('.')
        }
        None => pattern == id,
    }
}

/// The catalogue, loaded on first use.
pub fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(Catalog::load)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selectors() {
        assert!(id_matches("data.*", "data.minimization"));
        assert!(!id_matches("data.*", "database.x"));
        assert!(id_matches("*", "liability.cap"));
        assert!(id_matches("liability.cap", "liability.cap"));
        assert!(!id_matches("liability", "liability.cap"));
    }
}
