//! Invariants of the rule catalogue.

use clausewise::knowledge::topics::topics;
use clausewise::rules::{catalog, Kind};

#[test]
fn the_registry_holds_exactly_the_catalogue_ids() {
    let expected: Vec<&str> =
        include_str!("data/rule_ids.txt").lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let cat = catalog();
    assert!(cat.load_errors.is_empty(), "rule definitions failed to load:\n{}", cat.load_errors.join("\n"));
    let mut got: Vec<&str> = cat.rules.iter().map(|r| r.id).collect();
    let mut want = expected.clone();
    got.sort();
    want.sort();
    assert_eq!(got, want);
}

#[test]
fn every_rule_is_documented_in_all_sections() {
    for rule in &catalog().rules {
        for (section, text) in [
            ("what", &rule.docs.what),
            ("why", &rule.docs.why),
            ("example", &rule.docs.example),
            ("fix", &rule.docs.fix),
        ] {
            assert!(text.trim().len() > 20, "{}: docs.{section} is missing or too short", rule.id);
        }
        assert!(!rule.summary.trim().is_empty() && !rule.message.trim().is_empty(), "{}: summary/message", rule.id);
    }
}

#[test]
fn topic_gates_name_existing_topics() {
    for rule in &catalog().rules {
        for topic in rule.applies_when.iter().flat_map(|t| t.split('+')) {
            assert!(topics().index(topic.trim()).is_some(), "{}: unknown topic {topic}", rule.id);
        }
    }
    assert!(topics().load_errors.is_empty());
}

#[test]
fn missing_rules_carry_a_clause_template() {
    for rule in catalog().rules.iter().filter(|r| matches!(r.kind, Kind::Missing | Kind::Conditional)) {
        let fix = rule.fix.as_ref().unwrap_or_else(|| panic!("{} has no [fix]", rule.id));
        assert!(fix.template.trim().len() > 40, "{}: template too short", rule.id);
        assert!(!fix.title.trim().is_empty(), "{}: fix.title", rule.id);
    }
}
