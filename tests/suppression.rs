//! Suppression comments and front matter switch rules off where they say, and
//! an unknown rule id in them is itself reported.

mod common;

use common::findings;

const HEAD: &str =
    "# Consulting Agreement\n\nThis Agreement is made between Acme Ltd (\"Client\") and Jane Doe (\"Consultant\").\n\n";
const WFH: &str = "All deliverables are a work made for hire.";

fn count(text: &str, rule: &str) -> usize {
    findings(text).iter().filter(|f| f.rule == rule).count()
}

#[test]
fn without_comments_the_finding_is_there() {
    assert_eq!(count(&format!("{HEAD}{WFH}\n"), "ip.work-for-hire"), 1);
}

#[test]
fn disable_next_line_covers_only_the_next_line() {
    let text = format!("{HEAD}<!-- clausewise-disable-next-line ip.work-for-hire -->\n{WFH}\n\n{WFH}\n");
    assert_eq!(count(&text, "ip.work-for-hire"), 1);
}

#[test]
fn disable_and_enable_bound_a_region() {
    let text = format!("{HEAD}<!-- clausewise-disable ip.work-for-hire -->\n\n{WFH}\n\n<!-- clausewise-enable ip.work-for-hire -->\n\n{WFH}\n");
    assert_eq!(count(&text, "ip.work-for-hire"), 1);
}

#[test]
fn a_comment_without_ids_covers_every_rule() {
    let text = format!("{HEAD}<!-- clausewise-disable -->\n\n{WFH} See Section 9.\n");
    let got = findings(&text);
    assert!(!got.iter().any(|f| f.rule == "ip.work-for-hire" || f.rule == "refs.broken"), "{got:?}");
}

#[test]
fn disable_file_and_area_selectors() {
    let text = format!("<!-- clausewise-disable-file ip.* liability.cap -->\n{HEAD}{WFH}\n");
    let got = findings(&text);
    assert!(!got.iter().any(|f| f.rule.starts_with("ip.") || f.rule == "liability.cap"), "{got:?}");
    assert!(got.iter().any(|f| f.rule == "disputes.governing-law"));
}

#[test]
fn front_matter_disables_rules() {
    let text = format!("---\nclausewise:\n  disable: [ip.work-for-hire]\n---\n\n{HEAD}{WFH}\n");
    assert_eq!(count(&text, "ip.work-for-hire"), 0);
}

#[test]
fn unknown_ids_are_reported_on_the_id() {
    let text = format!("{HEAD}<!-- clausewise-disable-next-line ip.work-for-hirre -->\n{WFH}\n");
    let got = findings(&text);
    let unknown = got.iter().find(|f| f.rule == "suppression.unknown-rule").expect("unknown id reported");
    assert_eq!(&text[unknown.range.clone()], "ip.work-for-hirre");
    // A misspelt id suppresses nothing.
    assert!(got.iter().any(|f| f.rule == "ip.work-for-hire"));
}

#[test]
fn comments_inside_code_blocks_do_nothing() {
    let text = format!("{HEAD}```\n<!-- clausewise-disable-file -->\n```\n\n{WFH}\n");
    assert_eq!(count(&text, "ip.work-for-hire"), 1);
}
