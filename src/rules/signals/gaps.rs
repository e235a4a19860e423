//! Splits a proximity pattern (`A .{0,100} B`) into its gap-free pieces.
//!
//! One lazy DFA over hundreds of patterns blows up on gaps: after `A` the
//! automaton must remember "A seen, B pending" for every such pattern at once,
//! so nearly every character of a new sentence creates new DFA states and the
//! cache thrashes (3 ms per sentence on real contracts, measured). The pieces
//! alone behave like a keyword automaton (a few microseconds per sentence);
//! when all the pieces a pattern needs are present, the pattern itself confirms
//! the match, so results are exactly those of the original pattern.

use regex_syntax::hir::{Class, Hir, HirKind};

/// What must hold in a sentence for a pattern to match: its gap-free pieces
/// (regex source), combined by all/any. A necessary condition, never sufficient
/// on its own when the pattern had a gap., which of its gap-free pieces must match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Need {
    True,
    Piece(String),
    All(Vec<Need>),
    Any(Vec<Need>),
}

fn can_match_space(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => false,
        HirKind::Literal(lit) => lit.0.contains(&b' '),
        HirKind::Class(Class::Unicode(c)) => c.ranges().iter().any(|r| r.start() <= ' ' && ' ' <= r.end()),
        HirKind::Class(Class::Bytes(c)) => c.ranges().iter().any(|r| r.start() <= b' ' && b' ' <= r.end()),
        HirKind::Repetition(r) => can_match_space(&r.sub),
        HirKind::Capture(c) => can_match_space(&c.sub),
        HirKind::Concat(xs) | HirKind::Alternation(xs) => xs.iter().any(can_match_space),
    }
}

/// A repetition that can span words and is long: it keeps a "seen the first
/// half" state alive across the sentence, which is what multiplies DFA states.
fn is_gap(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Repetition(r) => r.max.is_none_or(|m| m >= 3) && can_match_space(&r.sub),
        _ => false,
    }
}

fn has_gap(hir: &Hir) -> bool {
    if is_gap(hir) {
        return true;
    }
    match hir.kind() {
        HirKind::Repetition(r) => has_gap(&r.sub),
        HirKind::Capture(c) => has_gap(&c.sub),
        HirKind::Concat(xs) | HirKind::Alternation(xs) => xs.iter().any(has_gap),
        _ => false,
    }
}

fn flatten<'a>(hir: &'a Hir, out: &mut Vec<&'a Hir>) {
    match hir.kind() {
        HirKind::Concat(xs) => xs.iter().for_each(|x| flatten(x, out)),
        HirKind::Capture(c) => flatten(&c.sub, out),
        _ => out.push(hir),
    }
}

fn is_trivial(parts: &[&Hir]) -> bool {
    parts.iter().all(|h| matches!(h.kind(), HirKind::Empty | HirKind::Look(_)))
}

fn piece(parts: &[&Hir]) -> Need {
    if is_trivial(parts) {
        return Need::True;
    }
    let hir = Hir::concat(parts.iter().map(|h| (*h).clone()).collect());
    Need::Piece(hir.to_string())
}

fn simplify(need: Need) -> Need {
    match need {
        Need::All(xs) => {
            let xs: Vec<Need> = xs.into_iter().map(simplify).filter(|x| *x != Need::True).collect();
            match xs.len() {
                0 => Need::True,
                1 => xs.into_iter().next().unwrap_or(Need::True),
                _ => Need::All(xs),
            }
        }
        Need::Any(xs) => {
            let xs: Vec<Need> = xs.into_iter().map(simplify).collect();
            if xs.contains(&Need::True) {
                Need::True
            } else if xs.len() == 1 {
                xs.into_iter().next().unwrap_or(Need::True)
            } else {
                Need::Any(xs)
            }
        }
        other => other,
    }
}

fn need_of(hir: &Hir) -> Need {
    if !has_gap(hir) {
        return piece(&[hir]);
    }
    if is_gap(hir) {
        return Need::True;
    }
    match hir.kind() {
        HirKind::Alternation(xs) => Need::Any(xs.iter().map(need_of).collect()),
        HirKind::Repetition(r) if r.min >= 1 => need_of(&r.sub),
        HirKind::Repetition(_) => Need::True,
        HirKind::Capture(c) => need_of(&c.sub),
        HirKind::Concat(_) => {
            let mut parts = Vec::new();
            flatten(hir, &mut parts);
            let mut needs = Vec::new();
            let mut run: Vec<&Hir> = Vec::new();
            for p in parts {
                if has_gap(p) {
                    if !run.is_empty() {
                        needs.push(piece(&run));
                        run.clear();
                    }
                    needs.push(need_of(p));
                } else {
                    run.push(p);
                }
            }
            if !run.is_empty() {
                needs.push(piece(&run));
            }
            Need::All(needs)
        }
        _ => piece(&[hir]),
    }
}

/// Splits a pattern at its gaps. `None`: the pattern has no gap (match it as is).
pub fn decompose(pattern: &str) -> Option<Need> {
    let hir = regex_syntax::ParserBuilder::new().build().parse(pattern).ok()?;
    if !has_gap(&hir) {
        return None;
    }
    Some(simplify(need_of(&hir)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proximity_patterns_split_at_their_gaps_and_plain_ones_do_not() {
        assert_eq!(decompose(r"(?i)\bpay\w* within \d+ days"), None);
        let need = decompose(r"(?i)\bmetrics?\b.{0,30}\b(to be|will be) agreed\b").expect("has a gap");
        let Need::All(parts) = need else { panic!("expected all-of, got {need:?}") };
        assert_eq!(parts.len(), 2);
        let any = decompose(r"(?i)a.{0,9}b|c").expect("has a gap");
        assert!(matches!(any, Need::Any(_)));
        assert_eq!(decompose(r"x|.{0,40}"), Some(Need::True));
    }

    #[test]
    fn every_piece_is_implied_by_a_match() {
        let pattern = r"(?i)\bguarantee\w*\b.{0,40}\b(\d+ ?%|per ?cent)";
        let Some(Need::All(parts)) = decompose(pattern) else { panic!() };
        let text = "We guarantee that accuracy will exceed 95 % on the holdout set";
        assert!(regex::Regex::new(pattern).unwrap().is_match(text));
        for part in parts {
            let Need::Piece(src) = part else { panic!() };
            assert!(regex::Regex::new(&src).unwrap().is_match(text), "{src}");
        }
    }
}
