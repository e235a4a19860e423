//! Defined terms and the capitalised phrases that look like uses of one.

use std::ops::Range;

use crate::static_regex;

use super::text::Sentence;

/// A term the contract defines: `("Client")`, `"Deliverables" means`, `**"Services"**`,
/// `the "Effective Date"`, `**Services** means`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Definition {
    pub term: String,
    /// Span of the term at its definition (chunk-relative).
    pub range: Range<usize>,
    /// The sentence that defines it (chunk-relative), shown on hover.
    pub sentence: Range<usize>,
    /// Only points to a definition elsewhere: `"Fee" has the meaning given in clause 4.1`.
    pub pointer: bool,
}

/// A capitalised phrase used like a defined term ("the Deliverables").
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TermCandidate {
    pub phrase: String,
    pub range: Range<usize>,
}

fn plausible_term(term: &str) -> bool {
    let term = term.trim();
    let words: Vec<&str> = term.split_whitespace().collect();
    if words.is_empty() || words.len() > 6 || term.len() > 60 {
        return false;
    }
    let first = term.chars().next().unwrap_or(' ');
    if !(first.is_uppercase() || first.is_ascii_digit()) {
        return false;
    }
    // "AS IS", "AS AVAILABLE" are disclaimers, not terms.
    !matches!(term.to_ascii_uppercase().as_str(), "AS IS" | "AS AVAILABLE" | "WHERE IS" | "WITH ALL FAULTS")
}

/// Definitions in one sentence.
pub fn definitions(sentence: &Sentence, chunk: &str) -> Vec<Definition> {
    let mut out = Vec::new();
    let norm = &sentence.norm;
    let patterns = [
        static_regex!(
            r#"\((?:[^()"]{0,40}?\b(?:the|a|an|each|together|collectively|individually|hereinafter|referred to as|herein)\b[ ,]*)?"([^"]{1,60})"\)"#
        ),
        static_regex!(
            r#""([^"]{1,60})",?\s+(?:means|mean|shall mean|will mean|has the meaning|have the meaning|shall have the meaning|refers to|refer to|shall refer to|represents|includes|is defined as)\b"#
        ),
        static_regex!(r#"^"([^"]{1,60})"\s*[:\u{2013}-]"#),
        static_regex!(r#"(?:^|[^\w"])(?:[Tt]he|[Aa]n?|[Ee]ach|[Tt]his)\s+"([A-Z][^"]{0,59})""#),
        static_regex!(r#"(?:^|[;(]\s*)"([A-Z][^"]{0,59})"\s*(?:\)|,)"#),
    ];
    for re in patterns {
        for caps in re.captures_iter(norm) {
            let Some(m) = caps.get(1) else { continue };
            let mut term = m.as_str().trim().trim_end_matches([',', '.']);
            let mut start = m.start();
            // `"The User," "You" ... refer to`: the article is not part of the term.
            if let Some(rest) = term.strip_prefix("The ") {
                start += 4;
                term = rest;
            }
            if !plausible_term(term) {
                continue;
            }
            if out.iter().any(|d: &Definition| d.term == term) {
                continue;
            }
            out.push(Definition {
                term: term.to_string(),
                range: sentence.original_range(start..start + term.len(), chunk),
                sentence: sentence.range.clone(),
                pointer: is_pointer(&norm[m.end()..]),
            });
        }
    }
    // Several quoted terms sharing one definition: `"Developer" or "You" means`,
    // `"The User," "You," and "Your" refer to`.
    let shared = static_regex!(r#""[^"]{1,60}",?\s+(?:means|mean|refers to|refer to|shall mean|shall refer to)\b"#);
    let previous = static_regex!(r#""([^"]{1,60})"\s*(?:,\s*)?(?:(?:or|and)\s+)?$"#);
    for m in shared.find_iter(norm) {
        let mut head = &norm[..m.start()];
        while let Some(c) = previous.captures(head) {
            let (Some(all), Some(t)) = (c.get(0), c.get(1)) else { break };
            let mut term = t.as_str().trim().trim_end_matches([',', '.']);
            let mut start = t.start();
            if let Some(rest) = term.strip_prefix("The ") {
                start += 4;
                term = rest;
            }
            if plausible_term(term) && !out.iter().any(|d| d.term == term) {
                out.push(Definition {
                    term: term.to_string(),
                    range: sentence.original_range(start..start + term.len(), chunk),
                    sentence: sentence.range.clone(),
                    pointer: false,
                });
            }
            head = &head[..all.start()];
        }
    }
    // Bold defined terms without quotes: `**Services** means ...` (needs the raw text).
    // The sentence starts after any leading `**`: look two bytes back for it.
    let mut from = sentence.range.start.saturating_sub(2);
    while !chunk.is_char_boundary(from) {
        from += 1;
    }
    let raw = &chunk[from..sentence.range.end];
    let bold =
        static_regex!(r"\*\*([A-Z][\w\- ]{0,58}[\w])\*\*\s*(?:means|shall mean|will mean|has the meaning|refers to|:)");
    // `(the **Club**)`, `(together, the **Services**)`: bold terms in brackets, no quotes.
    let bold_bracket = static_regex!(
        r"\((?:[^()*]{0,40}?\b(?:the|a|an|each|together|collectively|hereinafter|referred to as)\b[ ,]*)?\*\*([A-Z][\w\- ]{0,58}[\w])\*\*\s*\)"
    );
    for re in [bold, bold_bracket] {
        for caps in re.captures_iter(raw) {
            let Some(m) = caps.get(1) else { continue };
            let term = m.as_str().trim();
            if plausible_term(term) && !out.iter().any(|d| d.term == term) {
                let start = from + m.start();
                let after = raw.get(m.end()..).unwrap_or("");
                out.push(Definition {
                    term: term.to_string(),
                    range: start..start + term.len(),
                    sentence: sentence.range.clone(),
                    pointer: is_pointer(after.trim_start_matches('*')),
                });
            }
        }
    }
    out
}

/// Whether the text after a defined term only points elsewhere ("has the meaning
/// given in clause 4.1", "as defined in the MSA").
fn is_pointer(after: &str) -> bool {
    static_regex!(r#"^["*\s]*,?\s*(?:(?:shall|will)\s+)?(?:has|have|bears?)\s+the\s+meanings?\s+(?:given|set\s+(?:out|forth)|ascribed|assigned|attributed|specified|defined)|^["*\s]*,?\s*(?:is\s+)?(?:as\s+)?defined\s+in\b"#)
        .is_match(after)
}

/// Capitalised phrases after a determiner, outside headings: "the Deliverables",
/// "such Statement of Work". Whether they are defined is decided for the whole document.
pub fn candidates(sentence: &Sentence, chunk: &str) -> Vec<TermCandidate> {
    if sentence.in_heading {
        return Vec::new();
    }
    let re = static_regex!(
        r"\b(?i:the|this|that|such|any|each|all|said|these|those|our|your)\s+([A-Z][a-z]+(?:-[A-Za-z]+)*(?:[- ](?:of |and |for |to )?[A-Z][a-z]+(?:-[A-Za-z]+)*){0,3}(?: \d{1,2}(?:\.\d{1,2})?)?)(?:\b|$)"
    );
    let mut out = Vec::new();
    for caps in re.captures_iter(&sentence.norm) {
        let Some(m) = caps.get(1) else { continue };
        // Skip a phrase followed by a quote or a bracket: it is being defined.
        let after = sentence.norm[m.end()..].trim_start();
        if after.starts_with('"')
            || after.starts_with("(\"")
            || sentence.norm[m.end()..].starts_with(['-', '\'']) && !sentence.norm[m.end()..].starts_with("'s")
        {
            continue;
        }
        out.push(TermCandidate { phrase: m.as_str().to_string(), range: sentence.original_range(m.range(), chunk) });
    }
    out
}

/// Runs of capitalised words in a sentence ("Call Data", "Go-Live Date",
/// "SOW"), possessive `'s` dropped. Used to count uses of defined terms cheaply.
pub fn capitalised_runs(norm: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut run: Vec<&str> = Vec::new();
    let flush = |run: &mut Vec<&str>, out: &mut Vec<String>| {
        // Drop trailing connectors: "Terms of" -> "Terms".
        while run.last().is_some_and(|w| w.chars().next().is_some_and(|c| c.is_lowercase())) {
            run.pop();
        }
        if !run.is_empty() {
            out.push(run.join(" "));
        }
        run.clear();
    };
    for raw in norm.split(|c: char| c.is_whitespace() || c == '/') {
        let mut word = raw.trim_matches(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\'' || c == '&'));
        for suffix in ["'s", "'"] {
            if let Some(stem) = word.strip_suffix(suffix) {
                word = stem;
            }
        }
        let word = word.trim_matches(|c: char| c == '-' || c == '\'');
        let boundary_after = raw.ends_with([',', ';', ':', '.', ')', '"', '?', '!']);
        let starts_upper = word.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            && word.chars().any(|c| c.is_alphabetic());
        if raw.starts_with(['(', '"']) {
            flush(&mut run, &mut out);
        }
        let number = !word.is_empty() && word.chars().all(|c| c.is_ascii_digit() || c == '.');
        let joins_run =
            !run.is_empty() && matches!(word, "of" | "and" | "for" | "to" | "the" | "in" | "on") && !boundary_after;
        if starts_upper || (number && !run.is_empty()) || joins_run {
            run.push(word);
        } else {
            flush(&mut run, &mut out);
        }
        if boundary_after {
            flush(&mut run, &mut out);
        }
    }
    flush(&mut run, &mut out);
    out
}

/// Labels of a cover page or key-value table that act as definitions:
/// `**Effective Date:** 1 March 2025`, `| Effective Date | 1 March 2025 |`.
pub fn cover_label(raw_block: &str, table_row: bool) -> Option<String> {
    let caps = if table_row {
        static_regex!(r"^\s*\|?\s*(?:\*\*)?([A-Z][\w'&\- ]{1,40}?)(?:\*\*)?:?\s*\|\s*\S").captures(raw_block)?
    } else {
        static_regex!(r"^\s*\*\*([A-Z][\w'&\- ]{1,40}?)(?::\*\*|\*\*\s*:)").captures(raw_block)?
    };
    let label = caps.get(1)?.as_str().trim();
    (label.split_whitespace().count() <= 5).then(|| label.to_string())
}

/// Terms a Common Paper style document marks as defined on its cover page:
/// `<span class="keyterms_link">Fees</span>`.
pub fn linked_terms(raw_block: &str) -> Vec<String> {
    static_regex!(r#"<span class="[a-z]+_link"[^>]*>([^<]{1,60})</span>"#)
        .captures_iter(raw_block)
        .filter_map(|c| c.get(1))
        .map(|m| m.as_str().trim().trim_end_matches("'s").trim_end_matches("\u{2019}s").to_string())
        .collect()
}

/// Whether a sentence says the document takes its capitalised terms or its
/// structure from another document (a master agreement, cover page, order form).
pub fn incorporates_other_document(norm: &str) -> bool {
    static_regex!(
        r"(?i)capitali[sz]ed (?:terms?|words?)\b.{0,120}\b(?:meanings?|defined)\b|\b(?:terms?|words?) (?:used|not (?:otherwise )?defined)\b.{0,80}\bmeanings? (?:given|set (?:out|forth)|ascribed|assigned)|\bhave the (?:respective )?meanings? (?:given|set (?:out|forth)|ascribed|assigned)(?: to (?:them|such terms))? in (?:the|that|our|each|any)\b|\bsubject to (?:all of )?the terms (?:and conditions )?of the (?:master|framework|msa|standard terms|agreement)\b|\bgoverned by the (?:master|framework|msa)\b|\bpursuant to the (?:master|framework|msa)\b|\bunder the (?:master|framework) (?:services |consulting )?agreement\b|\bincorporates these (?:[\w-]+ ){0,3}terms\b|\bdefinitions or descriptions for variables\b|\bthis (?:[\w-]+ ){0,3}(?:addendum|amendment|order form|sow|statement of work)\b.{0,80}\b(?:supplements?|amends?|(?:is )?attached to|made a part of|forms? part of|is part of|subject to|incorporat\w+|governed by)\b|\b(?:supplemented|amended) by this (?:[\w-]+ ){0,3}(?:addendum|amendment)\b|\b(?:key terms|cover page|order form)\x22?,? (?:means|is) [^.]{0,80}\b(?:definitions|defined terms|key (?:legal|business|commercial) (?:details|terms))"
    )
    .is_match(norm)
        || (static_regex!(r"(?i)\bincorporate[sd]? (?:herein |into this \w+ )?by reference\b|\b(?:is|are) (?:hereby )?incorporated (?:into|in)\b").is_match(norm)
            && static_regex!(r"(?i)\b(?:agreement|msa|terms|order form|sow|statement of work)\b").is_match(norm)
            && !static_regex!(r"(?i)\barbitrat|\brules\b|\bpolic(?:y|ies)\b|\bact\b|\bregulations?\b|\bconvention\b|\bstandards?\b").is_match(norm))
}

/// Singular and plural/possessive forms that count as a use of `term`.
pub fn surface_forms(term: &str) -> Vec<String> {
    let mut forms = vec![term.to_string()];
    if let Some(stem) = term.strip_suffix("ies") {
        forms.push(format!("{stem}y"));
    } else if let Some(stem) = term.strip_suffix('y') {
        forms.push(format!("{stem}ies"));
    }
    if let Some(stem) = term.strip_suffix('s') {
        if !term.ends_with("ss") {
            forms.push(stem.to_string());
        }
    } else {
        forms.push(format!("{term}s"));
        forms.push(format!("{term}es"));
    }
    forms
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::text::sentences;
    use crate::syntax::parse_blocks;

    fn defs(text: &str) -> Vec<String> {
        let blocks = parse_blocks(text);
        sentences(text, &blocks).iter().flat_map(|s| definitions(s, text)).map(|d| d.term).collect()
    }

    #[test]
    fn definition_styles() {
        assert_eq!(
            defs("Between Acme Ltd (\"Client\") and Jane Doe (the \u{201c}Consultant\u{201d}).\n"),
            vec!["Client", "Consultant"]
        );
        assert_eq!(defs("\"Deliverables\" means the items in Schedule 1.\n"), vec!["Deliverables"]);
        assert_eq!(defs("**\"Services\"** means the work.\n"), vec!["Services"]);
        assert_eq!(defs("This starts on the \"Effective Date\" below.\n"), vec!["Effective Date"]);
        assert_eq!(defs("**Services** means the work.\n"), vec!["Services"]);
        assert_eq!(defs("\"Developer\" or \"You\" means the maker.\n"), vec!["You", "Developer"]);
        assert_eq!(
            defs("\u{201c}The User,\u{201d} \u{201c}You,\u{201d} and \u{201c}Your\u{201d} refer to the person.\n"),
            vec!["Your", "You", "User"]
        );
        assert!(defs("The software is provided \"AS IS\".\n").is_empty());
        assert!(defs("He said \"no way\" to it.\n").is_empty());
    }

    #[test]
    fn candidates_follow_determiners_outside_headings() {
        let text = "## The Services\n\nThe Consultant delivers the Deliverables under the Statement of Work.\n";
        let blocks = parse_blocks(text);
        let got: Vec<String> =
            sentences(text, &blocks).iter().flat_map(|s| candidates(s, text)).map(|c| c.phrase).collect();
        assert_eq!(got, vec!["Consultant", "Deliverables", "Statement of Work"]);
        let text = "The Pre-existing Materials and the Phase 0 fee and the Client's data.\n";
        let blocks = parse_blocks(text);
        let got: Vec<String> =
            sentences(text, &blocks).iter().flat_map(|s| candidates(s, text)).map(|c| c.phrase).collect();
        assert_eq!(got, vec!["Pre-existing Materials", "Phase 0", "Client"]);
    }

    #[test]
    fn capitalised_runs_split_at_quotes_and_punctuation() {
        let runs = capitalised_runs(
            "The Client supplies recordings (the \"Call Data\"), and the Consultant's Go-Live Date of Terms.",
        );
        assert_eq!(runs, vec!["The Client", "Call Data", "Consultant Go-Live Date of Terms"]);
    }

    #[test]
    fn incorporation_sentences() {
        assert!(incorporates_other_document(
            "Capitalized terms not defined in this SOW have the meanings given in the Master Agreement."
        ));
        assert!(incorporates_other_document(
            "\"Cover Page\" means a document signed by the parties that incorporates these Standard Terms."
        ));
        assert!(incorporates_other_document(
            "The AI Services are subject to the Agreement as supplemented by this AI Addendum."
        ));
        assert!(!incorporates_other_document("This Agreement is the entire agreement between the parties."));
        assert!(!incorporates_other_document("Disputes are resolved under the LCIA Rules, which are incorporated by reference into this clause of the Agreement."));
        assert!(incorporates_other_document(
            "The terms of the Master Services Agreement are incorporated by reference into this SOW."
        ));
        assert!(!incorporates_other_document("\"Deliverables\" means the items in Schedule 1."));
    }

    #[test]
    fn plural_forms() {
        assert!(surface_forms("Deliverable").contains(&"Deliverables".to_string()));
        assert!(surface_forms("Party").contains(&"Parties".to_string()));
        assert!(surface_forms("Services").contains(&"Service".to_string()));
    }
}
