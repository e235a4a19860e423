//! Real contracts by other authors (tests/corpus/, see its README) must lint
//! without false alarms a lawyer would laugh at. For each contract this states,
//! as a lawyer reading it would, which protections it plainly has (so their
//! `missing` rule must stay silent), which dangerous wording it really contains
//! (so the risky rule must fire), and which are not contracts at all.

mod common;

use common::findings;

struct Expectation {
    file: &'static str,
    text: &'static str,
    /// Rules that must not fire: the contract has the protection, or the wording is fine.
    silent: &'static [&'static str],
    /// Rules that must fire.
    fires: &'static [&'static str],
}

macro_rules! corpus {
    ($file:literal, silent: [$($s:literal),*], fires: [$($f:literal),*]) => {
        Expectation { file: $file, text: include_str!(concat!("corpus/", $file)), silent: &[$($s),*], fires: &[$($f),*] }
    };
}

/// Rules that read dangerous wording or internal inconsistency; none of these may
/// fire on a lawyer-drafted Common Paper agreement.
const WORDING_RULES: &[&str] = &[
    "scope.accuracy-guarantee",
    "ip.work-for-hire",
    "ip.assignment-on-creation",
    "liability.unlimited",
    "payment.consultant-pays-compute",
    "payment.schedule-total",
    "termination.immediate",
    "acceptance.subjective",
    "restrictive.non-compete-broad",
    "restrictive.non-compete-duration",
    "amounts.words-figures",
    "terms.duplicate",
];

fn expectations() -> Vec<Expectation> {
    vec![
        // Capped liability (12.1-12.2), governed by the law in the Key Terms, mutual indemnities.
        corpus!("commonpaper/psa.md", silent: ["liability.cap", "disputes.governing-law", "liability.indemnity-one-way", "acceptance.testing-period"], fires: []),
        corpus!("commonpaper/CSA.md", silent: ["liability.cap", "disputes.governing-law", "liability.indemnity-one-way"], fires: []),
        corpus!("commonpaper/Software-License-Agreement.md", silent: ["liability.cap", "disputes.governing-law"], fires: []),
        corpus!("commonpaper/Pilot-Agreement.md", silent: ["liability.cap", "disputes.governing-law"], fires: []),
        corpus!("commonpaper/Partnership-Agreement.md", silent: ["liability.cap", "disputes.governing-law"], fires: []),
        // The DPA is about personal data: who complies with which law is its whole subject.
        corpus!("commonpaper/DPA.md", silent: ["data.privacy-law"], fires: []),
        // Work-made-for-hire assignments of everything the contractor produces.
        corpus!("freelance/opengov-work-for-hire.md", silent: [], fires: ["ip.work-for-hire"]),
        corpus!("freelance/fallows-digital-project-contract.md", silent: [], fires: ["ip.work-for-hire"]),
        // The developer indemnifies GitHub for any and all claims, with nothing back.
        corpus!("github-site-policy/github-marketplace-developer-agreement.md", silent: [], fires: ["liability.indemnity-one-way"]),
    ]
}

#[test]
fn corpus_contracts_get_what_a_lawyer_expects() {
    let mut problems = Vec::new();
    for exp in expectations() {
        let got = findings(exp.text);
        for rule in exp.silent {
            if let Some(f) = got.iter().find(|f| f.rule == *rule) {
                problems.push(format!(
                    "{}: {rule} should be silent, fired at byte {}: {}",
                    exp.file, f.range.start, f.message
                ));
            }
        }
        for rule in exp.fires {
            if !got.iter().any(|f| f.rule == *rule) {
                problems.push(format!("{}: {rule} should fire", exp.file));
            }
        }
        if exp.file.starts_with("commonpaper/") {
            for f in got.iter().filter(|f| WORDING_RULES.contains(&f.rule)) {
                let line = exp.text[..f.range.start.min(exp.text.len())].lines().count();
                problems.push(format!("{}:{line}: false alarm {}: {}", exp.file, f.rule, f.message));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn licences_are_not_contracts() {
    for text in
        [include_str!("corpus/freelance/ungoldman-LICENSE.md"), include_str!("corpus/github-site-policy/LICENSE.md")]
    {
        assert_eq!(findings(text), Vec::new());
    }
}

#[test]
fn ml_specific_rules_stay_silent_on_contracts_that_are_not_about_ml() {
    let not_ml = [
        include_str!("corpus/freelance/ungoldman-hourly.md"),
        include_str!("corpus/commonpaper/Mutual-NDA-coverpage.md"),
        include_str!("corpus/commonpaper/BAA.md"),
    ];
    for text in not_ml {
        let got = findings(text);
        for rule in ["support.drift-not-defect", "acceptance.metrics", "scope.milestones", "xai.interpretability"] {
            assert!(!got.iter().any(|f| f.rule == rule), "{rule} fired on a contract with no ML work");
        }
    }
}
