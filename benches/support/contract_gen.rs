//! Deterministic, contract-like Markdown of a requested size, for benchmarks
//! and robustness tests (`#[path]`-included; no dependency on /work/shared).
//!
//! The text looks like a consulting agreement for ML work: a title and
//! parties, a definitions section, numbered `##` sections with numbered
//! sub-clauses, lists, a fee table, cross references, amounts written in words
//! and figures, and a few risky phrasings so that rules fire. Sections repeat
//! with varied wording until the size is reached.

#![allow(dead_code)]

/// A small linear congruential generator: same seed, same document.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.next() % items.len()]
    }
}

const TITLES: &[&str] = &[
    "Services",
    "Fees and Payment",
    "Term and Termination",
    "Confidentiality",
    "Intellectual Property",
    "Warranties",
    "Limitation of Liability",
    "Indemnification",
    "Data Protection",
    "Acceptance of Deliverables",
    "Model Performance",
    "Governing Law",
    "Notices",
    "Force Majeure",
];

const SUBJECTS: &[&str] = &["The Consultant", "The Client", "Each Party", "Either Party", "The Provider"];

const ACTS: &[&str] = &[
    "deliver the Deliverables described in the Statement of Work",
    "pay each undisputed invoice within thirty (30) days of receipt",
    "keep the Confidential Information of the other Party secret",
    "give written notice of any material breach within ten (10) business days",
    "comply with all applicable data protection laws when handling the Training Data",
    "return or destroy the other Party\u{2019}s materials at the end of the Term",
    "document the model architecture, the training pipeline and the evaluation metrics",
    "retrain the Model at the Client\u{2019}s request at the rates in Schedule A",
    "not be responsible for model drift caused by changes in the input data",
    "hold the Background IP and grant a licence to use it with the Deliverables",
];

const TAILS: &[&str] = &[
    "as set out in Section 3.2",
    "subject to clause 7(b)",
    "in accordance with Exhibit A",
    "without undue delay",
    "unless the Parties agree otherwise in writing",
    "at its own cost",
    "\u{2014} see \u{a7} 12",
];

/// Generates about `size` bytes (never much less; may exceed by one section).
pub fn contract(size: usize) -> String {
    contract_seeded(size, 0x5eed)
}

/// Same as [`contract`] with another seed.
pub fn contract_seeded(size: usize, seed: u64) -> String {
    let mut rng = Lcg(seed);
    let mut out = String::with_capacity(size + 4096);
    out.push_str("# Machine Learning Consulting Agreement\n\n");
    out.push_str(
        "This Agreement is made between Northwind Analytics Ltd (\"Client\") and Jane Doe Data Science (\"Consultant\"), \
         together the \"Parties\".\n\n",
    );
    out.push_str("## 1. Definitions\n\n");
    out.push_str("\"Deliverables\" means the models, code and reports listed in Exhibit A.\n\n");
    out.push_str("\"Training Data\" means the data the Client provides for training the Model.\n\n");
    out.push_str("\"Model\" means the machine learning model built under this Agreement.\n\n");
    out.push_str("\"Background IP\" means material the Consultant owned before the Effective Date.\n\n");
    out.push_str("\"Confidential Information\" means non-public information disclosed by a Party.\n\n");
    let mut section = 1;
    while out.len() < size {
        section += 1;
        let title = TITLES[(section - 2) % TITLES.len()];
        out.push_str(&format!("## {section}. {title}\n\n"));
        for clause in 1..=4 {
            let mut para = format!("{section}.{clause} ");
            for _ in 0..3 {
                let subject = rng.pick(SUBJECTS);
                let act = rng.pick(ACTS);
                let tail = rng.pick(TAILS);
                para.push_str(&format!("{subject} shall {act}, {tail}. "));
            }
            para.pop();
            para.push_str("\n\n");
            out.push_str(&para);
            if clause == 2 {
                out.push_str("1. the Consultant shall not be liable for indirect or consequential loss;\n");
                out.push_str("2. the total liability of the Consultant is capped at the fees paid in the twelve (12) months before the claim;\n");
                out.push_str("    1. except for fraud or wilful misconduct.\n\n");
            }
            if clause == 3 && section % 5 == 0 {
                out.push_str("| Milestone | Share | Due |\n|---|---|---|\n| Data audit | 30% | on signature |\n| Model v1 | 40% | on acceptance |\n| Handover | 30% | on delivery |\n\n");
            }
            if clause == 4 && section % 7 == 0 {
                out.push_str("The Consultant shall indemnify the Client against all claims whatsoever, with unlimited liability.\n\n");
            }
        }
    }
    out.push_str("IN WITNESS WHEREOF the Parties have signed this Agreement.\n");
    out
}

/// A byte offset near the middle of `text`, inside a clause line (for keystrokes).
pub fn middle_clause_offset(text: &str) -> usize {
    let mid = text.len() / 2;
    let line_start = text[..mid].rfind('\n').map_or(0, |i| i + 1);
    let from = text[line_start..].find(" shall ").map_or(mid, |i| line_start + i + 1);
    let mut at = from;
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}
