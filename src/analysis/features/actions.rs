//! Code actions: insert a missing clause, replace risky wording, insert every
//! missing clause at once, renumber sections.
//!
//! All edits are computed on the snapshot given; the protocol layer attaches
//! the document version so a client that has moved on rejects them. Clause
//! insertions are pure insertions (existing text is never edited or moved);
//! only the "replace" fixes and renumbering change existing text.

use std::ops::Range;

use crate::analysis::DocumentState;
use crate::config::Config;
use crate::model::{DocumentModel, HeaderStyle, RefTarget};
use crate::rules::{catalog, Finding, Kind, Rule};
use crate::static_regex;

use super::insertion::{Clause, Planner};
use super::{lookup, template, Action, ActionKind};

/// The clause a missing rule's fix inserts, rendered for this contract.
pub fn clause_for(rule: &Rule, state: &DocumentState, model: &DocumentModel) -> Option<Clause> {
    let fix = rule.fix.as_ref()?;
    if fix.template.trim().is_empty() {
        return None;
    }
    let title = if fix.title.trim().is_empty() { capitalise(&rule.name) } else { fix.title.trim().to_string() };
    let names = template::PartyNames::of_document(state, model);
    Some(Clause { title, paragraphs: template::render(&fix.template, model, &names), near: fix.near.clone() })
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

fn inserts_clause(rule: &Rule) -> bool {
    matches!(rule.kind, Kind::Missing | Kind::Conditional)
        && rule.fix.as_ref().is_some_and(|f| !f.template.trim().is_empty())
}

/// The quick fix inserting the clause a `missing` finding asks for.
fn insert_action(state: &DocumentState, model: &DocumentModel, base: &Planner, rule: &Rule) -> Option<Action> {
    let clause = clause_for(rule, state, model)?;
    let mut planner = base.clone();
    planner.add(&clause);
    Some(Action {
        title: format!("Insert {} clause", rule.name),
        kind: ActionKind::QuickFix,
        edits: planner.edits(),
        fixes: vec![rule.id],
        preferred: false,
        safe: rule.fix.as_ref().is_some_and(|f| f.safe),
    })
}

/// The sentence holding byte `at` (absolute range), from the chunk facts.
fn sentence_at(state: &DocumentState, at: usize) -> Option<Range<usize>> {
    let chunks = state.chunks();
    let idx = chunks.partition_point(|c| c.start <= at).checked_sub(1)?;
    let chunk = &chunks[idx];
    let rel = at - chunk.start;
    chunk
        .facts
        .sentences
        .iter()
        .find(|s| s.range.start <= rel && rel < s.range.end)
        .map(|s| s.range.start + chunk.start..s.range.end + chunk.start)
}

/// The quick fix replacing a risky sentence with the rule's safer wording.
fn replace_action(state: &DocumentState, model: &DocumentModel, rule: &Rule, finding: &Finding) -> Option<Action> {
    let fix = rule.fix.as_ref()?;
    if fix.replacement.trim().is_empty() {
        return None;
    }
    let sentence = sentence_at(state, finding.range.start)?;
    let original = state.document().slice(sentence.clone());
    // Keep the clause number, list label or bold title the sentence opens with.
    let keep = static_regex!(
        r"^\s*(?:(?:\d+(?:\.\d+)*\.?|\([a-z0-9]{1,4}\)|[a-z]\))\s+|(?:\*\*|__)[^*_\n]{1,80}(?:\*\*|__)\s*)+"
    )
    .find(&original)
    .map_or(0, |m| m.end());
    let names = template::PartyNames::of_document(state, model);
    let mut replacement = template::render(&fix.replacement, model, &names).join(" ");
    let after = state.document().slice(sentence.end..(sentence.end + 1).min(state.document().len_bytes()));
    if after == "." && replacement.ends_with('.') {
        replacement.pop();
    }
    let trailing_ws = original.len() - original.trim_end().len();
    let range = sentence.start + keep..sentence.end - trailing_ws;
    if range.start > range.end {
        return None;
    }
    let unsafe_note = if fix.safe { "" } else { " (unsafe: review)" };
    Some(Action {
        title: format!("Replace with safer wording: {}{unsafe_note}", rule.name),
        kind: ActionKind::QuickFix,
        edits: vec![(range, replacement)],
        fixes: vec![rule.id],
        preferred: fix.safe,
        safe: fix.safe,
    })
}

/// Number words for durations written the contract way: "six (6) months".
const SMALL_NUMBERS: [&str; 25] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "twenty-one",
    "twenty-two",
    "twenty-three",
    "twenty-four",
];

/// The non-compete fix: the flagged duration becomes the configured maximum.
fn shorten_non_compete(state: &DocumentState, rule: &Rule, finding: &Finding) -> Option<Action> {
    let months = state.settings().non_compete_max_months;
    let found = state.document().slice(finding.range.clone());
    if found.trim().is_empty() || finding.range.end > state.document().len_bytes() {
        return None;
    }
    let unit = if months == 1 { "month" } else { "months" };
    let text = match SMALL_NUMBERS.get(months as usize) {
        Some(words) => format!("{words} ({months}) {unit}"),
        None => format!("{months} {unit}"),
    };
    Some(Action {
        title: format!("Shorten the non-compete to {months} {unit} (unsafe: review)"),
        kind: ActionKind::QuickFix,
        edits: vec![(finding.range.clone(), text)],
        fixes: vec![rule.id],
        preferred: false,
        safe: false,
    })
}

/// A whole number in words ("twenty-five thousand"), up to the millions.
fn number_words(n: u64) -> String {
    const TENS: [&str; 10] = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
    fn below_thousand(n: u64) -> String {
        let (h, rest) = (n / 100, n % 100);
        let rest_words = match rest {
            0 => String::new(),
            1..=19 => SMALL_NUMBERS[rest as usize].to_string(),
            _ if rest.is_multiple_of(10) => TENS[(rest / 10) as usize].to_string(),
            _ => format!("{}-{}", TENS[(rest / 10) as usize], SMALL_NUMBERS[(rest % 10) as usize]),
        };
        match (h, rest_words.is_empty()) {
            (0, _) => rest_words,
            (_, true) => format!("{} hundred", SMALL_NUMBERS[h as usize]),
            (_, false) => format!("{} hundred {rest_words}", SMALL_NUMBERS[h as usize]),
        }
    }
    if n == 0 {
        return "zero".into();
    }
    let mut parts = Vec::new();
    for (scale, name) in [(1_000_000_000, "billion"), (1_000_000, "million"), (1_000, "thousand")] {
        if !(n / scale).is_multiple_of(1000) {
            parts.push(format!("{} {name}", below_thousand(n / scale % 1000)));
        }
    }
    if !n.is_multiple_of(1000) {
        parts.push(below_thousand(n % 1000));
    }
    parts.join(" ")
}

/// A figure rewritten to `value`, keeping its currency sign and grouping ("$20,000" -> "$30,000").
fn refigure(figure: &str, value: u64) -> Option<String> {
    let first = figure.find(|c: char| c.is_ascii_digit())?;
    let last = figure.rfind(|c: char| c.is_ascii_digit())? + 1;
    let core = &figure[first..last];
    if core.contains('.') {
        return None;
    }
    let digits = value.to_string();
    let grouped = if core.contains(',') {
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(',');
            }
            out.push(c);
        }
        out
    } else {
        digits
    };
    Some(format!("{}{grouped}{}", &figure[..first], &figure[last..]))
}

/// The two readings of "thirty (20) days": trust the words, or trust the figure.
fn words_figures_readings(state: &DocumentState, rule: &Rule, finding: &Finding) -> Vec<Action> {
    let text = state.document().slice(finding.range.clone());
    let Some(pair) = crate::model::numbers::words_and_figures(&text).into_iter().next() else { return Vec::new() };
    let Some(pair_text) = text.get(pair.range.clone()) else { return Vec::new() };
    let base = finding.range.start + pair.range.start;
    let mut out = Vec::new();
    let readings = [
        (pair.figure.as_str(), refigure(&pair.figure, pair.words_value), "words"),
        (
            pair.words.as_str(),
            (pair.figure_value.fract() == 0.0 && pair.figure_value >= 0.0)
                .then(|| number_words(pair.figure_value as u64)),
            "figure",
        ),
    ];
    for (old, new, trusted) in readings {
        let (Some(new), Some(at)) = (new, pair_text.find(old)) else { continue };
        let fixed = format!("{}{new}{}", &pair_text[..at], &pair_text[at + old.len()..]);
        out.push(Action {
            title: format!("Use the {trusted}: {fixed} (unsafe: review)"),
            kind: ActionKind::QuickFix,
            edits: vec![(base + at..base + at + old.len(), new)],
            fixes: vec![rule.id],
            preferred: false,
            safe: false,
        });
    }
    out
}

/// The fix for one finding, if its rule has one.
fn fix_for(state: &DocumentState, model: &DocumentModel, base: &Planner, finding: &Finding) -> Option<Action> {
    let rule = catalog().get(finding.rule)?;
    if inserts_clause(rule) {
        insert_action(state, model, base, rule)
    } else if rule.id == "restrictive.non-compete-duration" {
        shorten_non_compete(state, rule, finding)
    } else {
        replace_action(state, model, rule, finding)
    }
}

/// "Insert all missing protections": every missing clause, in one set of
/// non-overlapping insertions with consecutive numbers.
pub fn insert_all_missing(state: &DocumentState, model: &DocumentModel, findings: &[Finding]) -> Option<Action> {
    insert_all_with(state, model, Planner::new(state, model), findings)
}

fn insert_all_with(
    state: &DocumentState,
    model: &DocumentModel,
    mut planner: Planner,
    findings: &[Finding],
) -> Option<Action> {
    let mut fixes = Vec::new();
    for f in findings {
        let Some(rule) = catalog().get(f.rule) else { continue };
        if !inserts_clause(rule) || fixes.contains(&rule.id) {
            continue;
        }
        if let Some(clause) = clause_for(rule, state, model) {
            planner.add(&clause);
            fixes.push(rule.id);
        }
    }
    if fixes.is_empty() {
        return None;
    }
    Some(Action {
        title: "Insert all missing protections".into(),
        kind: ActionKind::InsertAllMissing,
        edits: planner.edits(),
        fixes,
        preferred: false,
        safe: false,
    })
}

/// "Renumber sections": numbered `#` headings and numbered paragraphs get
/// consecutive numbers by depth, and references to a renumbered section follow.
pub fn renumber(state: &DocumentState, model: &DocumentModel) -> Option<Action> {
    let mut counters: Vec<u64> = Vec::new();
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    let mut moved: Vec<(Vec<String>, String)> = Vec::new();
    for s in &model.sections {
        let h = &s.header;
        if h.attachment.is_some() {
            break;
        }
        if !matches!(h.style, HeaderStyle::Heading | HeaderStyle::NumberedParagraph) || h.number.is_empty() {
            continue;
        }
        if h.number.iter().any(|c| c.parse::<u64>().is_err()) {
            continue;
        }
        let depth = h.number.len();
        counters.truncate(depth);
        while counters.len() < depth {
            counters.push(0);
        }
        counters[depth - 1] += 1;
        let new_number: Vec<String> = counters.iter().map(|n| n.to_string()).collect();
        if new_number == h.number {
            continue;
        }
        let new_text = new_number.join(".");
        let header_text = state.document().slice(h.range.clone());
        let Some(pos) = header_text.find(&h.number_text) else { continue };
        let start = h.range.start + pos;
        edits.push((start..start + h.number_text.len(), new_text.clone()));
        moved.push((h.number.clone(), new_text));
    }
    if edits.is_empty() {
        return None;
    }
    // References follow the section they pointed at, when that section was unique.
    for r in lookup::all_references(state) {
        let RefTarget::Section(comps) = &r.target else { continue };
        let Some((_, new_text)) = moved.iter().find(|(old, _)| old == comps) else { continue };
        if model.sections.iter().filter(|s| s.header.number == *comps).count() != 1 {
            continue;
        }
        let found = state.document().slice(r.range.clone());
        let old_text = comps.join(".");
        if found.starts_with(&old_text) && !edits.iter().any(|(e, _)| e.start < r.range.end && r.range.start < e.end) {
            edits.push((r.range.start..r.range.start + old_text.len(), new_text.clone()));
        }
    }
    edits.sort_by_key(|(r, _)| r.start);
    Some(Action {
        title: "Renumber sections".into(),
        kind: ActionKind::Renumber,
        edits,
        fixes: vec!["numbering.sequence"],
        preferred: false,
        safe: false,
    })
}

/// Code actions for the findings overlapping `range`, plus source actions.
pub fn code_actions(
    state: &DocumentState,
    model: &DocumentModel,
    findings: &[Finding],
    range: Range<usize>,
    _config: &Config,
) -> Vec<Action> {
    let mut out = Vec::new();
    let base = Planner::new(state, model);
    for f in findings.iter().filter(|f| f.range.start <= range.end && range.start <= f.range.end) {
        if f.rule == "amounts.words-figures" {
            if let Some(rule) = catalog().get(f.rule) {
                out.extend(words_figures_readings(state, rule, f));
            }
            continue;
        }
        if let Some(action) = fix_for(state, model, &base, f) {
            if !out.iter().any(|a: &Action| a.title == action.title && a.edits == action.edits) {
                out.push(action);
            }
        }
    }
    out.extend(insert_all_with(state, model, base, findings));
    out.extend(renumber(state, model));
    out
}

/// Every fix for the whole document, for `clausewise check --fix`: safe ones
/// only, or (with `include_unsafe`) replacements and clause insertions too.
/// The edits never overlap.
pub fn all_fixes(
    state: &DocumentState,
    model: &DocumentModel,
    findings: &[Finding],
    include_unsafe: bool,
) -> Vec<(Range<usize>, String)> {
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    let overlaps = |edits: &[(Range<usize>, String)], r: &Range<usize>| {
        edits.iter().any(|(e, _)| {
            (e.start < r.end && r.start < e.end)
                || (r.is_empty() && e.start < r.start && r.start < e.end)
                || (e.is_empty() && r.start < e.start && e.start < r.end)
        })
    };
    for f in findings {
        let Some(rule) = catalog().get(f.rule) else { continue };
        if inserts_clause(rule) {
            continue;
        }
        let action = match rule.id {
            "restrictive.non-compete-duration" => shorten_non_compete(state, rule, f),
            _ => replace_action(state, model, rule, f),
        };
        if let Some(action) = action {
            if (action.safe || include_unsafe) && action.edits.iter().all(|(r, _)| !overlaps(&edits, r)) {
                edits.extend(action.edits);
            }
        }
    }
    let inserts_safe = findings
        .iter()
        .filter_map(|f| catalog().get(f.rule))
        .filter(|r| inserts_clause(r))
        .all(|r| r.fix.as_ref().is_some_and(|f| f.safe));
    if include_unsafe || inserts_safe {
        if let Some(action) = insert_all_missing(state, model, findings) {
            for (r, t) in action.edits {
                if !overlaps(&edits, &r) {
                    edits.push((r, t));
                }
            }
        }
    }
    edits.sort_by_key(|(r, _)| (r.start, r.end));
    edits
}

/// Applies non-overlapping edits to a text (last first, so offsets hold).
pub fn apply_edits(text: &str, edits: &[(Range<usize>, String)]) -> String {
    let mut sorted: Vec<&(Range<usize>, String)> = edits.iter().collect();
    sorted.sort_by_key(|(r, _)| std::cmp::Reverse((r.start, r.end)));
    let mut out = text.to_string();
    for (r, t) in sorted {
        if r.start <= r.end && r.end <= out.len() && out.is_char_boundary(r.start) && out.is_char_boundary(r.end) {
            out.replace_range(r.clone(), t);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSettings;

    fn setup(text: &str) -> (DocumentState, DocumentModel, Vec<Finding>) {
        let state = DocumentState::new(text, 0, RuleSettings::default());
        let model = state.model();
        let findings = state.findings_with_model(&model, &Config::default());
        (state, model, findings)
    }

    const DOC: &str = "# Consulting Agreement\n\nThis Agreement is made between Acme Ltd (\"Customer\") and Jo Ltd (\"Provider\").\n\n## 1. Services\n\nThe Provider builds a model.\n\n## 2. Liability\n\nAll work is work made for hire.\n";

    #[test]
    fn missing_rules_offer_clause_insertion_with_party_terms() {
        let (state, model, findings) = setup(DOC);
        let title_at = 3;
        let actions = code_actions(&state, &model, &findings, title_at..title_at, &Config::default());
        let cap = actions.iter().find(|a| a.title == "Insert liability cap clause").expect("liability cap action");
        assert_eq!(cap.kind, ActionKind::QuickFix);
        let (r, t) = &cap.edits[0];
        assert!(r.is_empty());
        assert!(t.contains("### 2.1 Limitation of Liability"), "{t}");
        assert!(t.contains("paid by the Customer to the Provider"), "{t}");
        assert!(actions.iter().any(|a| a.kind == ActionKind::InsertAllMissing));
    }

    #[test]
    fn risky_wording_is_replaced_and_marked_unsafe() {
        let (state, model, findings) = setup(DOC);
        let at = DOC.find("work made for hire").unwrap();
        let actions = code_actions(&state, &model, &findings, at..at, &Config::default());
        let fix = actions.iter().find(|a| a.fixes == vec!["ip.work-for-hire"]).expect("work for hire fix");
        assert!(fix.title.ends_with("(unsafe: review)"));
        let out = apply_edits(DOC, &fix.edits);
        assert!(!out.contains("work made for hire"));
        assert!(out.contains("The Provider keeps ownership"), "{out}");
    }

    #[test]
    fn long_non_competes_shrink_to_the_configured_maximum() {
        let text = "# Consulting Agreement\n\nThis Agreement is made between Acme Ltd (\"Client\") and Jo (\"Consultant\").\n\n## 1. Terms\n\nFor two (2) years after termination, the Consultant shall not provide forecasting services to the Client's direct competitors.\n";
        let (state, model, findings) = setup(text);
        let f = findings.iter().find(|f| f.rule == "restrictive.non-compete-duration").expect("flagged");
        let actions = code_actions(&state, &model, &findings, f.range.clone(), &Config::default());
        let fix = actions.iter().find(|a| a.fixes == vec!["restrictive.non-compete-duration"]).expect("a fix");
        let out = apply_edits(text, &fix.edits);
        assert!(out.contains("For six (6) months after termination"), "{out}");
        let (_, _, after) = setup(&out);
        assert!(!after.iter().any(|f| f.rule == "restrictive.non-compete-duration"));
    }

    #[test]
    fn words_and_figures_offer_both_readings() {
        assert_eq!(number_words(25_000), "twenty-five thousand");
        assert_eq!(number_words(120), "one hundred twenty");
        assert_eq!(refigure("$20,000", 30000).as_deref(), Some("$30,000"));
        let text = "# Consulting Agreement\n\nThis Agreement is made between Acme Ltd (\"Client\") and Jo (\"Consultant\").\n\n## 1. Terms\n\nThe Client pays each invoice within thirty (20) days.\n";
        let (state, model, findings) = setup(text);
        let f = findings.iter().find(|f| f.rule == "amounts.words-figures").expect("flagged");
        let actions = code_actions(&state, &model, &findings, f.range.clone(), &Config::default());
        let titles: Vec<&str> =
            actions.iter().filter(|a| a.fixes == vec!["amounts.words-figures"]).map(|a| a.title.as_str()).collect();
        assert_eq!(
            titles,
            vec!["Use the words: thirty (30) (unsafe: review)", "Use the figure: twenty (20) (unsafe: review)"]
        );
        for a in actions.iter().filter(|a| a.fixes == vec!["amounts.words-figures"]) {
            let out = apply_edits(text, &a.edits);
            let (_, _, after) = setup(&out);
            assert!(!after.iter().any(|f| f.rule == "amounts.words-figures"), "{out}");
        }
    }

    #[test]
    fn renumbering_fixes_gaps_and_references() {
        let text = "# Agreement\n\n## 1. Services\n\nSee Section 3.\n\n## 3. Fees\n\nMoney.\n";
        let (state, model, _) = setup(text);
        let action = renumber(&state, &model).unwrap();
        let out = apply_edits(text, &action.edits);
        assert_eq!(out, "# Agreement\n\n## 1. Services\n\nSee Section 2.\n\n## 2. Fees\n\nMoney.\n");
    }
}
