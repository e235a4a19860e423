//! Applies configuration and suppression comments to raw findings.

use std::collections::HashSet;

use ropey::Rope;

use crate::config::Config;
use crate::model::suppression::SuppressionKind;
use crate::model::DocumentModel;
use crate::rules::catalog::{catalog, id_matches};
use crate::rules::{Finding, Severity};

use super::ChunkEntry;

/// Code of the diagnostic for an unknown rule id in a suppression comment or front matter.
pub const UNKNOWN_RULE: &str = "suppression.unknown-rule";
/// Code of the notice on a document above the size limit.
pub const TOO_LARGE: &str = "document.too-large";

struct Region {
    start: usize,
    end: usize,
    ids: Vec<String>,
}

fn covers(ids: &[String], rule: &str) -> bool {
    ids.is_empty() || ids.iter().any(|p| id_matches(p, rule))
}

fn known_selector(selector: &str) -> bool {
    !catalog().matching(selector).is_empty()
}

/// Drops disabled and suppressed findings, applies severity overrides, and adds
/// a finding for each unknown rule id named in a suppression comment.
pub fn apply(
    findings: Vec<Finding>,
    model: &DocumentModel,
    chunks: &[ChunkEntry],
    rope: &Rope,
    config: &Config,
) -> Vec<Finding> {
    let mut file_ids: Vec<String> = model.front_matter.disable.clone();
    let mut regions: Vec<Region> = Vec::new();
    let mut next_line: Vec<(usize, Vec<String>)> = Vec::new();
    let mut open: Vec<(usize, Vec<String>)> = Vec::new();
    let mut extra = Vec::new();
    for chunk in chunks {
        for s in &chunk.facts.suppressions {
            let start = chunk.start + s.range.start;
            let end = chunk.start + s.range.end;
            let ids: Vec<String> = s.ids.iter().map(|(id, _)| id.clone()).collect();
            for (id, r) in &s.ids {
                if !known_selector(id) {
                    extra.push(Finding {
                        rule: UNKNOWN_RULE,
                        range: chunk.start + r.start..chunk.start + r.end,
                        message: format!("Unknown rule id `{id}` in a clausewise comment (see `clausewise rules`)"),
                        severity: Severity::Warning,
                    });
                }
            }
            match s.kind {
                SuppressionKind::DisableFile => {
                    file_ids.extend(if ids.is_empty() { vec!["*".to_string()] } else { ids })
                }
                SuppressionKind::Disable => open.push((end, ids)),
                SuppressionKind::Enable => {
                    // Close the open regions this comment names (all when it names none).
                    let mut still_open = Vec::new();
                    for (from, open_ids) in open.drain(..) {
                        let closes = ids.is_empty() || open_ids.is_empty() || open_ids.iter().all(|o| ids.contains(o));
                        if closes {
                            regions.push(Region { start: from, end: start, ids: open_ids });
                        } else {
                            let remaining: Vec<String> = open_ids.into_iter().filter(|o| !ids.contains(o)).collect();
                            regions.push(Region { start: from, end: start, ids: ids.clone() });
                            still_open.push((from, remaining));
                        }
                    }
                    open = still_open;
                }
                SuppressionKind::DisableNextLine => {
                    let line = rope.byte_to_line(end.min(rope.len_bytes()));
                    next_line.push((line + 1, ids));
                }
            }
        }
    }
    for (from, ids) in open {
        regions.push(Region { start: from, end: usize::MAX, ids });
    }
    for id in &model.front_matter.disable {
        if !known_selector(id) {
            extra.push(Finding {
                rule: UNKNOWN_RULE,
                range: 0..0,
                message: format!("Unknown rule id `{id}` in the front matter's clausewise.disable"),
                severity: Severity::Warning,
            });
        }
    }
    let mut seen = HashSet::new();
    let mut out: Vec<Finding> = findings
        .into_iter()
        .filter(|f| config.is_enabled(f.rule))
        .filter(|f| !file_ids.iter().any(|p| id_matches(p, f.rule)))
        .filter(|f| {
            !regions.iter().any(|r| f.range.start >= r.start && f.range.start < r.end && covers(&r.ids, f.rule))
        })
        .filter(|f| {
            let line = rope.byte_to_line(f.range.start.min(rope.len_bytes()));
            !next_line.iter().any(|(l, ids)| *l == line && covers(ids, f.rule))
        })
        .map(|mut f| {
            f.severity = config.severity_of(f.rule, f.severity);
            f
        })
        .filter(|f| seen.insert((f.rule, f.range.clone())))
        .collect();
    out.extend(extra);
    out.sort_by(|a, b| (a.range.start, a.range.end, a.rule).cmp(&(b.range.start, b.range.end, b.rule)));
    out
}
