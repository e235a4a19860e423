//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod lsp_client;

use std::ops::Range;

use clausewise::analysis::DocumentState;
use clausewise::config::Config;
use clausewise::rules::{Finding, RuleSettings};

/// The sentence that switches on a topic, for rules gated by `applies_when`.
pub fn topic_sentence(topic: Option<&str>) -> String {
    let Some(topics) = topic else { return String::new() };
    topics
        .split('+')
        .map(|t| match t.trim() {
            "data" => "The Client will share customer data with the Consultant for the Project.\n\n",
            "genai" => "The Consultant will build a prompt pipeline on a large language model.\n\n",
            "regulated" => "The model will support credit lending decisions.\n\n",
            "monitoring" => "The Consultant will monitor the deployed model's performance.\n\n",
            "ml" => "The Consultant will build a machine learning model for the Client. The model is trained on historical records.\n\n",
            _ => "",
        })
        .collect()
}

/// A minimal contract around `body`; returns the text and the body's byte range.
pub fn minimal_contract(body: &str, topic: Option<&str>) -> (String, Range<usize>) {
    let mut text = String::from(
        "# Consulting Agreement\n\nThis Consulting Agreement is made between Acme Analytics Ltd (\"Client\") and Jane Doe (\"Consultant\").\n\n",
    );
    text.push_str(&topic_sentence(topic));
    text.push_str("## 1. Terms\n\n");
    let start = text.len();
    text.push_str(body.trim());
    let end = text.len();
    text.push('\n');
    (text, start..end)
}

/// All findings for a text under the default configuration.
pub fn findings(text: &str) -> Vec<Finding> {
    DocumentState::new(text, 0, RuleSettings::default()).findings(&Config::default())
}
