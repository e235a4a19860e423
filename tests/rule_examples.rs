//! Runs every example written in the rule definitions through the full analysis.
//!
//! A rule's TOML carries its own cases (harper's `flag_*` / `dont_flag_*`): for
//! `missing` rules, sentences that satisfy it and near misses that do not; for
//! the others, texts it must flag and texts it must leave alone. Each example is
//! placed in a minimal contract, so a new rule needs no registration here.

mod common;

use clausewise::rules::{catalog, Kind};
use common::{findings, minimal_contract};

#[test]
fn every_rule_passes_its_own_examples() {
    let cat = catalog();
    let mut failures = Vec::new();
    for rule in &cat.rules {
        let topic = rule.applies_when.as_deref();
        let ex = &rule.examples;
        if rule.kind.is_document_level() {
            for text in &ex.satisfies {
                let (doc, _) = minimal_contract(text, topic);
                if findings(&doc).iter().any(|f| f.rule == rule.id) {
                    failures.push(format!("{}: should be satisfied by: {text}", rule.id));
                }
            }
            for text in &ex.does_not_satisfy {
                let (doc, _) = minimal_contract(text, topic);
                if !findings(&doc).iter().any(|f| f.rule == rule.id) {
                    failures.push(format!("{}: should still fire with: {text}", rule.id));
                }
            }
        } else {
            for text in &ex.flag {
                let (doc, body) = minimal_contract(text, topic);
                let hit = findings(&doc)
                    .iter()
                    .any(|f| f.rule == rule.id && f.range.start < body.end && f.range.end > body.start);
                if !hit {
                    failures.push(format!("{}: should flag: {text}", rule.id));
                }
            }
            for text in &ex.dont_flag {
                let (doc, body) = minimal_contract(text, topic);
                let hit = findings(&doc)
                    .iter()
                    .any(|f| f.rule == rule.id && f.range.start < body.end && f.range.end > body.start);
                if hit {
                    failures.push(format!("{}: should not flag: {text}", rule.id));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} example(s) failed:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn every_rule_has_enough_examples() {
    for rule in &catalog().rules {
        let ex = &rule.examples;
        let (pos, neg) = match rule.kind {
            Kind::Missing | Kind::Conditional => (ex.satisfies.len(), ex.does_not_satisfy.len()),
            _ => (ex.flag.len(), ex.dont_flag.len()),
        };
        assert!(pos >= 3 && neg >= 3, "{} needs at least 3 + 3 examples (has {pos} + {neg})", rule.id);
    }
}
