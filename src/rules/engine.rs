//! Runs the catalogue: per chunk (cached with the chunk), then per document.

use crate::knowledge::topics::topics;
use crate::model::{ChunkFacts, ChunkView, DocumentModel};

use super::catalog::{catalog, Rule};
use super::coded::{coded_rules, ChunkCx, DocCx};
use super::signals::SentenceMatches;
use super::{Finding, Hit, Kind, RuleSettings};

/// What the rules found in one chunk. Depends only on the chunk's text and the
/// rule settings, so it is cached with the chunk.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct ChunkEvidence {
    /// Per rule index: some sentence satisfies the rule's evidence.
    pub satisfied: Vec<bool>,
    /// Per rule index: some sentence holds the rule's `suppressed_by` evidence.
    pub suppressed: Vec<bool>,
    /// Per topic index: sentences that mention the topic.
    pub topic_hits: Vec<u32>,
    /// Risky and consistency hits found locally (chunk-relative ranges).
    pub hits: Vec<Hit>,
}

/// Test hook: a rule that panics. When the environment variable names a marker
/// (read once per process), a chunk (or, for the document variable, a document)
/// containing that marker makes the engine panic, so tests can show that one
/// broken rule never takes the server down. Unset, it costs one load per call.
#[doc(hidden)]
pub fn test_panic_marker(var: &'static str) -> Option<&'static str> {
    static CHUNK: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    static DOCUMENT: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    let cell = if var == PANIC_IN_DOCUMENT { &DOCUMENT } else { &CHUNK };
    cell.get_or_init(|| std::env::var(var).ok().filter(|m| !m.is_empty())).as_deref()
}

/// Environment variable of the chunk-level panic hook.
#[doc(hidden)]
pub const PANIC_IN_CHUNK: &str = "CLAUSEWISE_TEST_PANIC_IN_CHUNK";
/// Environment variable of the document-level panic hook.
#[doc(hidden)]
pub const PANIC_IN_DOCUMENT: &str = "CLAUSEWISE_TEST_PANIC_IN_DOCUMENT";

/// Evaluates every chunk-level check on one chunk.
pub fn evaluate_chunk(text: &str, facts: &ChunkFacts, settings: &RuleSettings) -> ChunkEvidence {
    if let Some(marker) = test_panic_marker(PANIC_IN_CHUNK) {
        assert!(!text.contains(marker), "test hook: a chunk-level rule panicked");
    }
    let cat = catalog();
    let bank = cat.bank(settings.perspective);
    let topic_list = &topics().topics;
    let mut ev = ChunkEvidence {
        satisfied: vec![false; cat.rules.len()],
        suppressed: vec![false; cat.rules.len()],
        topic_hits: vec![0; topic_list.len()],
        hits: Vec::new(),
    };
    let mut last_heading: Option<&str> = None;
    for sentence in &facts.sentences {
        if sentence.in_heading {
            last_heading = Some(&sentence.norm);
        }
        for (i, topic) in topic_list.iter().enumerate() {
            if topic.set.is_match(&sentence.norm) {
                ev.topic_hits[i] += 1;
            }
        }
        let matches = SentenceMatches::new(bank, &sentence.norm);
        let with_heading = last_heading
            .filter(|_| !sentence.in_heading)
            .map(|h| SentenceMatches::new(bank, &format!("{h}: {}", sentence.norm)));
        for rule in &cat.rules {
            let Some(sig) = rule.signals(settings.perspective) else { continue };
            let m = match (&with_heading, sig.with_heading) {
                (Some(w), true) => w,
                _ => &matches,
            };
            if !sentence.in_heading && m.any_entry(&sig.evidence) && !m.any(&sig.negation) {
                ev.satisfied[rule.index] = true;
            }
            if !sentence.in_heading && m.any_entry(&sig.suppressed_by) {
                ev.suppressed[rule.index] = true;
            }
            if rule.kind == Kind::Risky && !sentence.in_heading && !matches.any(&sig.unless) {
                for entry in &sig.trigger {
                    if !matches.all(entry) {
                        continue;
                    }
                    let Some(re) = entry.first().and_then(|&i| bank.regex(i)) else { continue };
                    if let Some(found) = re.find(&sentence.norm) {
                        ev.hits.push(Hit {
                            rule: rule.id,
                            range: sentence.original_range(found.range(), text),
                            message: None,
                        });
                        break;
                    }
                }
            }
        }
    }
    let cx = ChunkCx { text, facts, settings };
    for rule in coded_rules() {
        rule.check_chunk(&cx, &mut ev.hits);
    }
    ev
}

/// One chunk with its evidence, as the document step sees it.
pub struct EvaluatedChunk<'a> {
    pub view: ChunkView<'a>,
    pub evidence: &'a ChunkEvidence,
}

/// The range a document-level finding is reported on: the title heading, or the first line.
pub fn title_range(model: &DocumentModel, first_line_end: usize) -> std::ops::Range<usize> {
    match &model.title {
        Some((_, r)) if r.end > r.start => r.clone(),
        _ => 0..first_line_end,
    }
}

/// Which topics are on for the document.
pub fn active_topics(chunks: &[EvaluatedChunk]) -> Vec<bool> {
    let list = &topics().topics;
    list.iter()
        .enumerate()
        .map(|(i, t)| {
            chunks.iter().map(|c| c.evidence.topic_hits.get(i).copied().unwrap_or(0)).sum::<u32>() >= t.min_hits.max(1)
        })
        .collect()
}

fn rule_applies(rule: &Rule, topics_on: &[bool]) -> bool {
    match &rule.applies_when {
        None => true,
        // `ml+regulated`: every named topic must be on.
        Some(names) => names
            .split('+')
            .all(|name| topics().index(name.trim()).and_then(|i| topics_on.get(i).copied()).unwrap_or(false)),
    }
}

/// Combines chunk evidence into the document's findings (before configuration
/// and suppression comments are applied). Non-contracts get none.
pub fn conclude(
    model: &DocumentModel,
    chunks: &[EvaluatedChunk],
    first_line_end: usize,
    settings: &RuleSettings,
) -> Vec<Finding> {
    let mut out = Vec::new();
    if let Some(marker) = test_panic_marker(PANIC_IN_DOCUMENT) {
        assert!(!chunks.iter().any(|c| c.view.text.contains(marker)), "test hook: a document-level rule panicked");
    }
    if !model.is_contract {
        return out;
    }
    let cat = catalog();
    let topics_on = active_topics(chunks);
    let title = title_range(model, first_line_end);
    for rule in &cat.rules {
        if !rule_applies(rule, &topics_on) {
            continue;
        }
        let satisfied = chunks.iter().any(|c| c.evidence.satisfied.get(rule.index).copied().unwrap_or(false));
        let suppressed = chunks.iter().any(|c| c.evidence.suppressed.get(rule.index).copied().unwrap_or(false));
        if rule.kind.is_document_level() && rule.signals(settings.perspective).is_some() && !satisfied {
            out.push(Finding {
                rule: rule.id,
                range: title.clone(),
                message: rule.message.clone(),
                severity: rule.severity,
            });
        }
        if rule.kind == Kind::Risky && suppressed {
            continue;
        }
        for chunk in chunks {
            for hit in chunk.evidence.hits.iter().filter(|h| h.rule == rule.id) {
                out.push(Finding {
                    rule: rule.id,
                    range: hit.range.start + chunk.view.offset..hit.range.end + chunk.view.offset,
                    message: hit.message.clone().unwrap_or_else(|| rule.message.clone()),
                    severity: rule.severity,
                });
            }
        }
    }
    let views: Vec<ChunkView> =
        chunks.iter().map(|c| ChunkView { offset: c.view.offset, text: c.view.text, facts: c.view.facts }).collect();
    let cx = DocCx { model, chunks: &views, settings };
    for rule in coded_rules() {
        if let Some(meta) = cat.get(rule.id()) {
            if !rule_applies(meta, &topics_on) {
                continue;
            }
        }
        let mut found = Vec::new();
        rule.check_document(&cx, &mut found);
        out.extend(found);
    }
    out.sort_by(|a, b| (a.range.start, a.range.end, a.rule).cmp(&(b.range.start, b.range.end, b.rule)));
    out
}
