//! `payment.schedule-total`: instalment percentages that do not add up to 100.

use std::ops::Range;

use crate::model::numbers::{describe_value, words_ending_at};
use crate::model::Sentence;
use crate::rules::Hit;
use crate::static_regex;
use crate::syntax::BlockKind;

use super::{ChunkCx, CodedRule};

/// A payment schedule (table, list or one paragraph) whose shares miss 100%.
pub struct PaymentScheduleTotal;

/// One percentage found in a text: its value and its span.
struct Percent {
    value: f64,
    range: Range<usize>,
}

fn percents(text: &str) -> Vec<Percent> {
    let mut out = Vec::new();
    let figures = static_regex!(r"(?i)(?:^|[^\d.,])(\d{1,3}(?:\.\d+)?)\s?(?:%|percent\b|per cent\b|per-cent\b)");
    for c in figures.captures_iter(text) {
        let Some(m) = c.get(1) else { continue };
        let Ok(value) = m.as_str().parse::<f64>() else { continue };
        let end = c.get(0).map_or(m.end(), |a| a.end());
        out.push(Percent { value, range: m.start()..end });
    }
    // "fifty percent" with no figure after it.
    let words = static_regex!(r"(?i)(?-u:\b)(?:percent|per cent|per-cent)(?-u:\b)");
    for m in words.find_iter(text) {
        let after = &text[m.end()..];
        if static_regex!(r"^\s*\(\s*\d").is_match(after) {
            continue;
        }
        let before_end = text[..m.start()].trim_end().len();
        if text[..before_end].ends_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        if let Some(w) = words_ending_at(text, before_end) {
            out.push(Percent { value: w.value as f64, range: w.range.start..m.end() });
        }
    }
    out.sort_by_key(|p| p.range.start);
    out
}

/// Words that make a percentage an instalment of the fee.
fn instalment_cue(text: &str) -> bool {
    static_regex!(
        r"(?i)\b(?:on|upon|at|after|following|before|by)\s+(?:the\s+|each\s+|its\s+|final\s+|written\s+)?(?:sign|signature|signing|execution|delivery|acceptance|accepted|completion|kick-?off|start|commencement|launch|handover|hand-over|go-live|approval|receipt|milestone|submission|deployment|final|award|project)|\bdeposit|\bup-?front|\bin advance\b|\badvance payment|\bretainer\b|\binstal?l?ments?\b|\bmilestones?\b|\bpayable\b|\bdue\b|\binvoiced?\b|\bon account\b|\bmobili[sz]ation\b|\bbalance\b|\bkick-?off\b|\bsignature\b|\bacceptance\b|\bdelivery\b|\bcompletion\b|\bhandover\b"
    )
    .is_match(text)
}

/// Words that make a sentence or row about something other than instalments.
fn not_instalment(text: &str) -> bool {
    static_regex!(
        r"(?i)\binterest\b|\blate\b|\boverdue\b|\bper (?:month|annum|year|week)\b|\bp\.a\.|\ba (?:month|year)\b|\bdiscount|\bsuccess fee|\bbonus|\bcommission|\broyalt|\bconversion|\bplacement|\bcancel|\bterminat|\bkill fee|\bnot yet started|\bliabilit|\baccura|\bprecision\b|\brecall\b|\bsensitivit|\buptime|\bavailability|\btax\b|\bvat\b|\bgst\b|\bwithhold|\bincrease|\bmark-?up|\bincremental|\brevenue|\bsavings|\bgross\b|\bnet\b|\bprobab|\bconfidence|\bsample|\bholdout|\bequity|\bownership|\bstake\b|\bcredit|\bpenalt|\bthreshold|\bexceed|\bat least\b|\bno more than\b|\bup to\b|\bshare of (?:profit|revenue)|\bsplit\b"
    )
    .is_match(text)
}

/// The shares in one sentence that read as instalments.
fn sentence_shares(norm: &str) -> Vec<Percent> {
    if not_instalment(norm) {
        return Vec::new();
    }
    let found = percents(norm);
    let mut out = Vec::new();
    let delims = |c: char| matches!(c, ';' | ',' | ':');
    for (i, p) in found.iter().enumerate() {
        let prev_end = if i > 0 { found[i - 1].range.end } else { 0 };
        let next_start = found.get(i + 1).map_or(norm.len(), |n| n.range.start);
        let lo = norm[prev_end..p.range.start].rfind(delims).map_or(prev_end, |d| prev_end + d + 1);
        let hi = norm[p.range.end..next_start].find(delims).map_or(next_start, |d| p.range.end + d);
        let window = &norm[lo.min(p.range.start)..hi.max(p.range.end)];
        if instalment_cue(window) || (found.len() >= 2 && instalment_cue(norm) && i == 0) {
            out.push(Percent { value: p.value, range: p.range.clone() });
        }
    }
    out
}

fn says_rest_is_due(norm: &str) -> bool {
    static_regex!(r"(?i)\b(?:the )?(?:balance|remainder|remaining (?:fees?|amount|sum|price|balance))\b").is_match(norm)
}

fn total_message(values: &[f64]) -> Option<String> {
    if values.len() < 2 {
        return None;
    }
    let total: f64 = values.iter().sum();
    if (total - 100.0).abs() < 0.01 {
        return None;
    }
    let parts: Vec<String> = values.iter().map(|v| format!("{}%", describe_value(*v))).collect();
    Some(format!(
        "The payment schedule adds up to {}% ({}), not 100%: part of the fee has no trigger or is counted twice",
        describe_value(total),
        parts.join(" + ")
    ))
}

impl PaymentScheduleTotal {
    fn tables(&self, cx: &ChunkCx, out: &mut Vec<Hit>) {
        let blocks = &cx.facts.blocks;
        let mut i = 0;
        while i < blocks.len() {
            if blocks[i].kind != BlockKind::TableRow {
                i += 1;
                continue;
            }
            let start = i;
            while i < blocks.len() && blocks[i].kind == BlockKind::TableRow {
                i += 1;
            }
            let rows: Vec<Vec<String>> = blocks[start..i]
                .iter()
                .map(|b| {
                    let raw = cx.text.get(b.content.clone()).unwrap_or("");
                    let raw = raw.trim().trim_matches('|');
                    raw.split('|').map(|c| crate::model::text::normalize(c, 0).0.trim().to_string()).collect()
                })
                .collect();
            let Some(header) = rows.first() else { continue };
            let head_text = header.join(" | ");
            let payment_table = static_regex!(r"(?i)payment|instal|milestone|\bfees?\b|amount|%|percent|share|\bdue\b|deposit|trigger|schedule|price").is_match(&head_text)
                && !static_regex!(r"(?i)interest|discount|accuracy|metric|threshold|uptime|availability|credit|tax|royalt|commission|score|probab|split|sample").is_match(&head_text);
            if !payment_table {
                continue;
            }
            let percent_col =
                header.iter().position(|c| static_regex!(r"(?i)%|percent|share|portion|proportion").is_match(c));
            let mut values = Vec::new();
            for row in rows.iter().skip(1) {
                if row.iter().all(|c| c.chars().all(|ch| matches!(ch, '-' | ':' | ' '))) {
                    continue;
                }
                let line = row.join(" | ");
                if static_regex!(r"(?i)\btotal\b").is_match(&line) || not_instalment(&line) {
                    continue;
                }
                let cell = match percent_col {
                    Some(col) => row.get(col).map(String::as_str).unwrap_or(""),
                    None => line.as_str(),
                };
                let found = percents(cell);
                if found.len() == 1 || (percent_col.is_some() && !found.is_empty()) {
                    values.push(found[0].value);
                }
            }
            if let Some(message) = total_message(&values) {
                let first = &blocks[start];
                let end =
                    cx.text[first.content.clone()].find('\n').map_or(first.content.end, |n| first.content.start + n);
                out.push(Hit { rule: self.id(), range: first.content.start..end, message: Some(message) });
            }
        }
    }

    fn prose_and_lists(&self, cx: &ChunkCx, out: &mut Vec<Hit>) {
        let facts = cx.facts;
        let by_block = |b: usize| facts.sentences.iter().filter(move |s: &&Sentence| s.block == b && !s.in_heading);
        // One paragraph holding a whole schedule.
        let mut consumed = vec![false; facts.blocks.len()];
        for (b, block) in facts.blocks.iter().enumerate() {
            if block.kind != BlockKind::Paragraph {
                continue;
            }
            let mut values = Vec::new();
            let mut first: Option<Range<usize>> = None;
            let mut rest_due = false;
            for s in by_block(b) {
                let shares = sentence_shares(&s.norm);
                if !shares.is_empty() && first.is_none() {
                    first = Some(s.original_range(0..s.norm.len(), cx.text));
                }
                rest_due |= !shares.is_empty() && says_rest_is_due(&s.norm);
                values.extend(shares.iter().map(|p| p.value));
            }
            if values.len() >= 2 {
                consumed[b] = true;
                let total: f64 = values.iter().sum();
                if rest_due && total < 100.0 {
                    continue;
                }
                if let (Some(message), Some(range)) = (total_message(&values), first) {
                    out.push(Hit { rule: self.id(), range: first_line(cx.text, range), message: Some(message) });
                }
            }
        }
        // A list whose items each hold one share.
        let mut i = 0;
        while i < facts.blocks.len() {
            let block = &facts.blocks[i];
            if !block.opens_item || block.list_path.is_empty() || consumed[i] {
                i += 1;
                continue;
            }
            let depth = block.list_path.len();
            let parent: Vec<String> = block.list_path[..depth - 1].iter().map(|m| m.text.clone()).collect();
            let mut values = Vec::new();
            let mut first: Option<Range<usize>> = None;
            let mut rest_due = false;
            let mut j = i;
            while j < facts.blocks.len() {
                let bj = &facts.blocks[j];
                if bj.list_path.len() < depth || bj.list_path.is_empty() {
                    break;
                }
                let same_parent =
                    bj.list_path[..depth - 1].iter().map(|m| m.text.as_str()).eq(parent.iter().map(String::as_str));
                if !same_parent {
                    break;
                }
                if bj.list_path.len() == depth && bj.opens_item && !consumed[j] {
                    let text: Vec<&Sentence> = by_block(j).collect();
                    let joined: String = text.iter().map(|s| s.norm.as_str()).collect::<Vec<_>>().join(" ");
                    if !not_instalment(&joined) {
                        let found = percents(&joined);
                        if found.len() == 1 && instalment_cue(&joined) {
                            values.push(found[0].value);
                            if first.is_none() {
                                first = text.first().map(|s| s.original_range(0..s.norm.len(), cx.text));
                            }
                        } else if found.is_empty() && says_rest_is_due(&joined) {
                            rest_due = true;
                        }
                    }
                }
                j += 1;
            }
            let total: f64 = values.iter().sum();
            if !(rest_due && total < 100.0) {
                if let (Some(message), Some(range)) = (total_message(&values), first) {
                    out.push(Hit { rule: self.id(), range: first_line(cx.text, range), message: Some(message) });
                }
            }
            i = j.max(i + 1);
        }
    }
}

/// The first line of a range (diagnostics on a schedule stay on one line).
fn first_line(text: &str, range: Range<usize>) -> Range<usize> {
    let end = text.get(range.clone()).and_then(|t| t.find('\n')).map_or(range.end, |n| range.start + n);
    range.start..end
}

impl CodedRule for PaymentScheduleTotal {
    fn id(&self) -> &'static str {
        "payment.schedule-total"
    }

    fn check_chunk(&self, cx: &ChunkCx, out: &mut Vec<Hit>) {
        self.tables(cx, out);
        self.prose_and_lists(cx, out);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::coded::testing::{assert_flags, assert_silent, findings};

    const ID: &str = "payment.schedule-total";

    #[test]
    fn flag_prose_schedules() {
        assert_flags(ID, "The fee is payable as follows: forty per cent (40%) on signature of this Agreement, thirty per cent (30%) on delivery of the baseline model and twenty per cent (20%) on final acceptance.\n");
        assert_flags(ID, "Fees: 30% upon signing, 20% on delivery of the data audit and 30% on acceptance.\n");
        let f = findings(ID, "Payable 40% on signature, 30% on delivery and 20% on acceptance.\n");
        assert!(f[0].message.contains("90%"), "{}", f[0].message);
    }

    #[test]
    fn flag_tables_and_lists() {
        assert_flags(ID, "| Payment | Trigger | % of Fees | Amount |\n|---|---|---|---|\n| Kickoff deposit | Signature | 25% | $60,000 |\n| Milestone 2 | Pipeline | 25% | $60,000 |\n| Milestone 3 | Baseline | 30% | $72,000 |\n| Milestone 5 | Pilot launch | 10% | $24,000 |\n");
        assert_flags(ID, "The Client will pay in instalments:\n\n- 25% deposit on signature\n- 25% on acceptance of the pipeline\n- 25% on acceptance of the baseline model\n");
        assert_flags(
            ID,
            "| Instalment | Share |\n|---|---|\n| Deposit | 30% |\n| Handover | 30% |\n| **Total** | **60%** |\n",
        );
    }

    #[test]
    fn dont_flag_complete_schedules() {
        assert_silent(ID, "Payable 30% on signature, 20% on delivery of the report, 30% on delivery of the model and 20% on handover.\n");
        assert_silent(ID, "| Instalment | Due on | Share |\n|---|---|---|\n| Deposit | Signature | 25% |\n| Milestone 1 | Pipeline | 25% |\n| Milestone 2 | Baseline | 25% |\n| Milestone 3 | Handover | 25% |\n| **Total** | | **100%** |\n");
        assert_silent(ID, "- 50% deposit on signature\n- 50% on final acceptance of the model\n");
        assert_silent(ID, "A deposit of 50% is due on signing and the balance on delivery.\n");
    }

    #[test]
    fn dont_flag_other_percentages() {
        assert_silent(ID, "Overdue invoices bear interest at 1.5% per month.\n");
        assert_silent(
            ID,
            "If the Client terminates for convenience it will pay 25% of the fees for milestones not yet started.\n",
        );
        assert_silent(
            ID,
            "The Client will pay a success fee of 10% of incremental margin and a 5% discount applies on delivery.\n",
        );
        assert_silent(ID, "The model reaches 90% precision and 80% recall on delivery.\n");
        assert_silent(ID, "| Metric | Target |\n|---|---|\n| Precision | 90% |\n| Recall | 80% |\n");
    }
}
