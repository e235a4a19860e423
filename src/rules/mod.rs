//! The rule catalogue: what clausewise checks, loaded from `defs/*.toml`, with
//! detection either declared in the same file (phrase signals) or coded in Rust
//! next to it (rules that need numbers or the document's structure).

pub mod catalog;
pub mod coded;
pub mod engine;
pub mod signals;

use std::ops::Range;

use serde::Deserialize;

pub use catalog::{catalog, Catalog, Rule};

/// What kind of problem a rule reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// The contract lacks a protection (reported once, on the title).
    Missing,
    /// Wording that hurts the consultant (reported on its span).
    Risky,
    /// A protection needed only when the contract is about something.
    Conditional,
    /// The contract disagrees with itself.
    Consistency,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Missing => "missing",
            Kind::Risky => "risky",
            Kind::Conditional => "conditional",
            Kind::Consistency => "consistency",
        }
    }

    /// Whether the rule is reported once per document, on the title.
    pub fn is_document_level(self) -> bool {
        matches!(self, Kind::Missing | Kind::Conditional)
    }
}

/// How serious a finding is (LSP's four levels).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Information,
    Hint,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Information => "information",
            Severity::Hint => "hint",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s.to_ascii_lowercase().as_str() {
            "error" | "e" => Some(Severity::Error),
            "warning" | "warn" | "w" => Some(Severity::Warning),
            "information" | "info" | "i" => Some(Severity::Information),
            "hint" | "h" => Some(Severity::Hint),
            _ => None,
        }
    }
}

/// One problem found in a document (absolute byte range).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Finding {
    pub rule: &'static str,
    pub range: Range<usize>,
    pub message: String,
    pub severity: Severity,
}

/// A finding inside one chunk (chunk-relative range), before combination.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Hit {
    pub rule: &'static str,
    pub range: Range<usize>,
    pub message: Option<String>,
}

/// Whose side the review takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Perspective {
    #[default]
    Consultant,
    Client,
}

/// Settings that change what rules detect (as opposed to which rules run).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RuleSettings {
    pub non_compete_max_months: u32,
    pub perspective: Perspective,
}

impl Default for RuleSettings {
    fn default() -> Self {
        Self { non_compete_max_months: 6, perspective: Perspective::Consultant }
    }
}
