//! Validates the hover glossary data in `src/knowledge/glossary.toml`:
//! every entry is complete, no surface form (term or alias) belongs to two
//! entries, rule ids exist, and the terms the catalogue requires are present.
//!
//! The rule ids and required terms below are copied from the protections
//! catalogue (PROTECTIONS.md); nothing here reads files at run time.

use std::collections::{HashMap, HashSet};

use serde::Deserialize;

const GLOSSARY: &str = include_str!("../src/knowledge/glossary.toml");

/// The 52 stable rule ids of the catalogue.
const RULE_IDS: &[&str] = &[
    "scope.milestones",
    "scope.accuracy-guarantee",
    "scope.no-accuracy-warranty",
    "scope.poc-phase",
    "ip.background-retained",
    "ip.transfer-on-payment",
    "ip.work-for-hire",
    "ip.assignment-on-creation",
    "data.privacy-law",
    "data.minimization",
    "data.anonymization",
    "data.security-standard",
    "data.destruction",
    "liability.cap",
    "liability.unlimited",
    "liability.indemnity-mutual",
    "liability.indemnity-one-way",
    "payment.schedule",
    "payment.schedule-total",
    "payment.compute-costs",
    "payment.consultant-pays-compute",
    "payment.maintenance-retainer",
    "termination.kill-fee",
    "termination.notice-period",
    "termination.immediate",
    "genai.third-party-terms",
    "genai.output-copyright",
    "acceptance.metrics",
    "acceptance.testing-period",
    "acceptance.subjective",
    "disputes.governing-law",
    "disputes.arbitration",
    "ethics.ethical-use",
    "support.window",
    "support.drift-not-defect",
    "support.monitoring-terms",
    "support.emergency",
    "xai.interpretability",
    "collab.repository",
    "collab.documentation",
    "collab.reporting",
    "restrictive.non-compete-broad",
    "restrictive.non-compete-duration",
    "restrictive.conversion-fee",
    "insurance.professional",
    "terms.undefined",
    "terms.unused",
    "terms.duplicate",
    "refs.broken",
    "numbering.sequence",
    "amounts.words-figures",
    "placeholders.unfilled",
];

/// Terms the catalogue says the hover glossary must cover (as term or alias).
const REQUIRED_TERMS: &[&str] = &[
    "indemnification",
    "limitation of liability",
    "model drift",
    "work made for hire",
    "background IP",
    "foreground IP",
    "kill fee",
    "notice period",
    "retainer",
    "value-based pricing",
    "choice of law",
    "arbitration",
    "New York Convention",
    "GDPR",
    "CCPA",
    "LGPD",
    "personally identifiable information",
    "data minimization",
    "anonymization",
    "pseudonymization",
    "AES-256",
    "data destruction",
    "human-in-the-loop",
    "precision",
    "recall",
    "F1 score",
    "acceptance testing",
    "deemed acceptance",
    "proof of concept",
    "go/no-go",
    "explainable AI",
    "SHAP",
    "LIME",
    "non-compete",
    "non-solicitation",
    "conversion fee",
    "errors and omissions insurance",
    "OECD AI Principles",
    "scope creep",
    "hyperparameter tuning",
    "baseline model",
    "terms of service",
    "mutual indemnification",
    "force majeure",
    "confidentiality",
];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Glossary {
    term: Vec<Entry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    term: String,
    aliases: Vec<String>,
    meaning: String,
    why: String,
    ask_for: String,
    rules: Vec<String>,
}

fn load() -> Glossary {
    toml::from_str(GLOSSARY).expect("glossary.toml must parse into [[term]] entries")
}

#[test]
fn glossary_parses_and_has_enough_entries() {
    let g = load();
    assert!(g.term.len() >= 60, "only {} glossary entries", g.term.len());
}

#[test]
fn every_field_is_filled() {
    for e in load().term {
        assert!(!e.term.trim().is_empty(), "an entry has an empty term");
        assert!(!e.aliases.is_empty(), "{}: no aliases", e.term);
        for (name, text) in [("meaning", &e.meaning), ("why", &e.why), ("ask_for", &e.ask_for)] {
            assert!(!text.trim().is_empty(), "{}: empty {name}", e.term);
        }
    }
}

#[test]
fn aliases_are_clean_lower_case_forms() {
    for e in load().term {
        for a in &e.aliases {
            assert!(!a.is_empty(), "{}: empty alias", e.term);
            assert_eq!(a.trim(), a, "{}: alias {a:?} has outer whitespace", e.term);
            assert!(!a.contains("  "), "{}: alias {a:?} has a double space", e.term);
            assert_eq!(&a.to_lowercase(), a, "{}: alias {a:?} is not lower case", e.term);
        }
    }
}

#[test]
fn no_surface_form_belongs_to_two_entries() {
    let mut owner: HashMap<String, String> = HashMap::new();
    for e in load().term {
        let mut own = HashSet::new();
        for form in std::iter::once(&e.term).chain(e.aliases.iter()) {
            let key = form.to_lowercase();
            assert!(own.insert(key.clone()), "{}: form {key:?} repeated", e.term);
            if let Some(prev) = owner.insert(key.clone(), e.term.clone()) {
                panic!("{key:?} belongs to both {prev:?} and {:?}", e.term);
            }
        }
    }
}

#[test]
fn rule_ids_exist() {
    let known: HashSet<&str> = RULE_IDS.iter().copied().collect();
    assert_eq!(known.len(), 52, "the rule id list should hold the 52 catalogue ids");
    for e in load().term {
        let mut seen = HashSet::new();
        for r in &e.rules {
            assert!(known.contains(r.as_str()), "{}: unknown rule id {r:?}", e.term);
            assert!(seen.insert(r), "{}: rule {r:?} listed twice", e.term);
        }
    }
}

#[test]
fn required_terms_are_present() {
    let forms: HashSet<String> = load()
        .term
        .iter()
        .flat_map(|e| std::iter::once(e.term.to_lowercase()).chain(e.aliases.iter().cloned()))
        .collect();
    let missing: Vec<&str> = REQUIRED_TERMS.iter().copied().filter(|t| !forms.contains(&t.to_lowercase())).collect();
    assert!(missing.is_empty(), "required glossary terms missing: {missing:?}");
}
