//! Round trips for every fix: apply it to a minimal contract and analyse again.
//! Its diagnostic must be gone, nothing new may fire except
//! `placeholders.unfilled` on the template's own `[PLACEHOLDERS]`, and the rest
//! of the text must be byte-for-byte unchanged. Every clause template must also
//! be clean on its own.

mod common;

use std::collections::HashMap;
use std::ops::Range;

use clausewise::analysis::features::{self, apply_edits, Action, ActionKind};
use clausewise::analysis::DocumentState;
use clausewise::config::Config;
use clausewise::rules::{catalog, Finding, Kind, Rule, RuleSettings};

use common::{findings, minimal_contract};

/// A neutral body for an ML engagement (two sentences switch the `ml` topic
/// on, so a template's own ML words change nothing): says what the work is
/// without touching any protection.
const NEUTRAL: &str = "The Consultant will develop a machine learning solution for the Client. The Consultant will train a forecasting model on historical sales.";

/// A minimal ML contract with the sentences that switch on every topic the
/// rule needs (`ml+regulated` needs two).
fn contract_for(rule: &Rule, extra: &str) -> String {
    let topics: String =
        rule.applies_when.as_deref().unwrap_or("").split('+').map(|t| common::topic_sentence(Some(t))).collect();
    minimal_contract(&format!("{topics}{NEUTRAL}{extra}"), None).0
}

fn actions_at(text: &str, range: Range<usize>) -> Vec<Action> {
    let state = DocumentState::new(text, 0, RuleSettings::default());
    let model = state.model();
    let found = state.findings_with_model(&model, &Config::default());
    features::code_actions(&state, &model, &found, range, &Config::default())
}

fn counts(found: &[Finding]) -> HashMap<&'static str, usize> {
    let mut out = HashMap::new();
    for f in found {
        *out.entry(f.rule).or_insert(0) += 1;
    }
    out
}

/// Checks that nothing new fires after a fix, except placeholders inside `inserted`.
fn assert_nothing_new(rule: &str, before: &[Finding], after: &[Finding], text: &str, inserted: &[Range<usize>]) {
    let problems = new_findings(rule, before, after, text, inserted);
    assert!(problems.is_empty(), "{}\n---\n{text}", problems.join("\n"));
}

/// What fired after a fix that did not before (placeholders inside `inserted` excepted).
fn new_findings(
    rule: &str,
    before: &[Finding],
    after: &[Finding],
    text: &str,
    inserted: &[Range<usize>],
) -> Vec<String> {
    let mut problems = Vec::new();
    let before = counts(before);
    for (id, n) in counts(after) {
        let had = before.get(id).copied().unwrap_or(0);
        if n <= had {
            continue;
        }
        if id == "placeholders.unfilled" {
            for f in after.iter().filter(|f| f.rule == id) {
                if !inserted.iter().any(|r| r.start <= f.range.start && f.range.end <= r.end) {
                    problems
                        .push(format!("{rule}: placeholder outside the inserted text: {:?}", &text[f.range.clone()]));
                }
            }
            continue;
        }
        let new: Vec<String> = after
            .iter()
            .filter(|f| f.rule == id)
            .map(|f| format!("{}: {:?}", f.message, &text[f.range.clone()]))
            .collect();
        problems.push(format!("{rule}: fix made `{id}` fire ({had} -> {n}): {}", new.join("; ")));
    }
    problems
}

/// Ranges of the inserted text in the result, for pure insertions.
fn inserted_ranges(edits: &[(Range<usize>, String)]) -> Vec<Range<usize>> {
    let mut sorted: Vec<&(Range<usize>, String)> = edits.iter().collect();
    sorted.sort_by_key(|(r, _)| r.start);
    let mut shift = 0;
    let mut out = Vec::new();
    for (r, t) in sorted {
        out.push(r.start + shift..r.start + shift + t.len());
        shift += t.len();
    }
    out
}

fn clause_rules() -> Vec<&'static Rule> {
    catalog()
        .rules
        .iter()
        .filter(|r| {
            matches!(r.kind, Kind::Missing | Kind::Conditional)
                && r.fix.as_ref().is_some_and(|f| !f.template.trim().is_empty())
        })
        .collect()
}

#[test]
fn every_missing_rule_has_a_clause_that_silences_it() {
    let mut checked = 0;
    let mut problems = Vec::new();
    for rule in clause_rules() {
        let text = contract_for(rule, "");
        let before = findings(&text);
        let Some(finding) = before.iter().find(|f| f.rule == rule.id) else {
            panic!("{}: does not fire on the minimal contract, so its fix cannot be tested:\n{text}", rule.id);
        };
        let actions = actions_at(&text, finding.range.clone());
        let title = format!("Insert {} clause", rule.name);
        let action = actions
            .iter()
            .find(|a| a.title == title && a.kind == ActionKind::QuickFix)
            .unwrap_or_else(|| panic!("{}: no \"{title}\" action", rule.id));
        assert_eq!(action.fixes, vec![rule.id]);
        assert!(
            action.edits.iter().all(|(r, _)| r.is_empty()),
            "{}: a clause insertion must not edit existing text",
            rule.id
        );
        let fixed = apply_edits(&text, &action.edits);
        let inserted = inserted_ranges(&action.edits);
        // The rest of the text is unchanged, byte for byte.
        let mut rest = fixed.clone();
        for r in inserted.iter().rev() {
            rest.replace_range(r.clone(), "");
        }
        assert_eq!(rest, text, "{}: existing text changed", rule.id);
        let after = findings(&fixed);
        if after.iter().any(|f| f.rule == rule.id) {
            problems.push(format!("{}: still fires after its clause was inserted", rule.id));
        }
        problems.extend(new_findings(rule.id, &before, &after, &fixed, &inserted));
        checked += 1;
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(checked >= 20, "only {checked} clause templates checked");
}

#[test]
fn every_clause_template_is_clean_on_its_own() {
    for rule in clause_rules() {
        let plain = contract_for(rule, "");
        let baseline = findings(&plain);
        let state = DocumentState::new(&plain, 0, RuleSettings::default());
        let model = state.model();
        let clause = features::clause_for(rule, &state, &model).expect("a clause");
        let rendered = clause.paragraphs.join("\n\n");
        let text = contract_for(rule, &format!("\n\n{rendered}"));
        let range = text.find(&rendered).map_or(0..0, |i| i..i + rendered.len());
        let after = findings(&text);
        let base = counts(&baseline);
        for f in &after {
            let kind = catalog().get(f.rule).map(|r| r.kind);
            if f.rule == "placeholders.unfilled" || matches!(kind, Some(Kind::Missing | Kind::Conditional)) {
                continue;
            }
            assert!(
                base.get(f.rule).copied().unwrap_or(0) > 0
                    || !(range.start <= f.range.start && f.range.end <= range.end),
                "{}: its template raises `{}`: {} ({:?})",
                rule.id,
                f.rule,
                f.message,
                &text[f.range.clone()]
            );
        }
    }
}

#[test]
fn every_risky_replacement_silences_its_rule() {
    let mut checked = 0;
    for rule in catalog()
        .rules
        .iter()
        .filter(|r| r.kind == Kind::Risky && r.fix.as_ref().is_some_and(|f| !f.replacement.trim().is_empty()))
    {
        let Some(example) = rule.examples.flag.first() else { continue };
        let text = contract_for(rule, &format!("\n\n{example}"));
        let before = findings(&text);
        let Some(finding) = before.iter().find(|f| f.rule == rule.id) else {
            panic!("{}: its first flag example does not fire in the minimal contract", rule.id);
        };
        let actions = actions_at(&text, finding.range.clone());
        let action = actions
            .iter()
            .find(|a| a.fixes == vec![rule.id] && a.kind == ActionKind::QuickFix)
            .unwrap_or_else(|| panic!("{}: no replacement action", rule.id));
        let safe = rule.fix.as_ref().is_some_and(|f| f.safe);
        assert_eq!(action.title.ends_with("(unsafe: review)"), !safe, "{}: title {:?}", rule.id, action.title);
        assert_eq!(action.edits.len(), 1);
        let (range, replacement) = &action.edits[0];
        let fixed = apply_edits(&text, &action.edits);
        assert_eq!(&fixed[..range.start], &text[..range.start], "{}: text before the sentence changed", rule.id);
        assert_eq!(
            &fixed[range.start + replacement.len()..],
            &text[range.end..],
            "{}: text after the sentence changed",
            rule.id
        );
        let after = findings(&fixed);
        assert!(!after.iter().any(|f| f.rule == rule.id), "{}: still fires after the replacement:\n{fixed}", rule.id);
        let inserted = range.start..range.start + replacement.len();
        assert_nothing_new(rule.id, &before, &after, &fixed, std::slice::from_ref(&inserted));
        checked += 1;
    }
    assert!(checked >= 8, "only {checked} replacements checked");
}

#[test]
fn inserting_all_missing_protections_at_once() {
    let text = minimal_contract(
        &format!("{}{}{NEUTRAL}", common::topic_sentence(Some("data")), common::topic_sentence(Some("genai"))),
        None,
    )
    .0;
    let before = findings(&text);
    let actions = actions_at(&text, 0..0);
    let all = actions.iter().find(|a| a.kind == ActionKind::InsertAllMissing).expect("insert-all action");
    assert_eq!(all.title, "Insert all missing protections");
    let fixed = apply_edits(&text, &all.edits);
    let after = findings(&fixed);
    for id in &all.fixes {
        assert!(!after.iter().any(|f| f.rule == *id), "{id} still fires after inserting everything");
    }
    assert_nothing_new("insert-all", &before, &after, &fixed, &inserted_ranges(&all.edits));
}
