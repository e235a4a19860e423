//! Topic gates for conditional rules, from `topics.toml`.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use regex::RegexSet;
use serde::Deserialize;

use crate::rules::signals::expand;
use crate::rules::Perspective;

const TOPICS_TOML: &str = include_str!("topics.toml");

#[derive(Debug, Deserialize)]
struct TopicDef {
    description: String,
    min_hits: u32,
    patterns: Vec<String>,
}

/// One topic: a name and the sentences that switch it on.
pub struct Topic {
    pub name: String,
    pub description: String,
    pub min_hits: u32,
    pub set: RegexSet,
}

/// All topics, in a fixed order (their index is used in per-chunk counts).
pub struct Topics {
    pub topics: Vec<Topic>,
    pub load_errors: Vec<String>,
}

impl Topics {
    pub fn index(&self, name: &str) -> Option<usize> {
        self.topics.iter().position(|t| t.name == name)
    }
}

/// The topics, loaded on first use.
pub fn topics() -> &'static Topics {
    static TOPICS: OnceLock<Topics> = OnceLock::new();
    TOPICS.get_or_init(|| {
        let mut load_errors = Vec::new();
        let defs: BTreeMap<String, TopicDef> = toml::from_str(TOPICS_TOML).unwrap_or_else(|e| {
            load_errors.push(format!("topics.toml: {e}"));
            BTreeMap::new()
        });
        let mut topics = Vec::new();
        for (name, def) in defs {
            let patterns: Vec<String> = def.patterns.iter().map(|p| expand(p, Perspective::Consultant)).collect();
            match RegexSet::new(&patterns) {
                Ok(set) => topics.push(Topic { name, description: def.description, min_hits: def.min_hits, set }),
                Err(e) => load_errors.push(format!("topic {name}: {e}")),
            }
        }
        Topics { topics, load_errors }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topics_load_and_match() {
        let t = topics();
        assert!(t.load_errors.is_empty(), "{:?}", t.load_errors);
        let genai = &t.topics[t.index("genai").unwrap()];
        assert!(genai.set.is_match("We fine-tune a large language model."));
        assert!(!genai.set.is_match("We build a gradient boosted classifier."));
    }
}
