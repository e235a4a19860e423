//! `terms.undefined`: a capitalised term used as if defined ("the Deliverables")
//! that the contract never defines.

use std::collections::HashSet;

use crate::model::parties::role_of_term;
use crate::model::terms::surface_forms;
use crate::rules::Finding;
use crate::static_regex;

use super::{finding, CodedRule, DocCx};

/// Capitalised terms used as defined, never defined.
pub struct TermsUndefined;

/// Words that name the document, its parts or its parties in any contract.
const STRUCTURAL: &[&str] = &[
    "agreement",
    "contract",
    "terms",
    "terms of service",
    "terms of use",
    "terms and conditions",
    "statement of work",
    "sow",
    "order form",
    "order",
    "addendum",
    "amendment",
    "cover page",
    "section",
    "sections",
    "clause",
    "clauses",
    "article",
    "articles",
    "schedule",
    "schedules",
    "exhibit",
    "exhibits",
    "appendix",
    "appendices",
    "annex",
    "annexes",
    "attachment",
    "attachments",
    "paragraph",
    "paragraphs",
    "part",
    "recitals",
    "recital",
    "preamble",
    "definitions",
    "party",
    "parties",
    "other party",
    "signatory",
    "signatories",
    "witness",
    "internet",
    "web",
    "world wide web",
    "court",
    "courts",
    "board",
    "government",
    "crown",
    "state",
    "federal",
    "tribunal",
    "arbitrator",
    "arbitrators",
    "english",
    "french",
    "german",
    "spanish",
    "ai",
    "api",
    "mr",
    "mrs",
    "ms",
    "dr",
    "sir",
    "madam",
    "lord",
    "lady",
    "god",
    "affiliate",
    "affiliates",
    "he",
    "she",
    "we",
    "you",
    "they",
    "it",
    "i",
    "us",
    "business day",
    "business days",
];

const MONTHS_AND_DAYS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "christmas",
    "easter",
    "new year",
];

/// Countries, regions and US states that appear after "the" or "any".
const PLACES: &[&str] = &[
    "united states",
    "united states of america",
    "united kingdom",
    "european union",
    "european economic area",
    "netherlands",
    "philippines",
    "bahamas",
    "czech republic",
    "dominican republic",
    "gambia",
    "maldives",
    "seychelles",
    "vatican",
    "middle east",
    "far east",
    "americas",
    "commonwealth",
    "uk",
    "us",
    "usa",
    "eu",
    "eea",
    "emirates",
    "united arab emirates",
    "alabama",
    "alaska",
    "arizona",
    "arkansas",
    "california",
    "colorado",
    "connecticut",
    "delaware",
    "florida",
    "georgia",
    "hawaii",
    "idaho",
    "illinois",
    "indiana",
    "iowa",
    "kansas",
    "kentucky",
    "louisiana",
    "maine",
    "maryland",
    "massachusetts",
    "michigan",
    "minnesota",
    "mississippi",
    "missouri",
    "montana",
    "nebraska",
    "nevada",
    "new hampshire",
    "new jersey",
    "new mexico",
    "new york",
    "north carolina",
    "north dakota",
    "ohio",
    "oklahoma",
    "oregon",
    "pennsylvania",
    "rhode island",
    "south carolina",
    "south dakota",
    "tennessee",
    "texas",
    "utah",
    "vermont",
    "virginia",
    "washington",
    "west virginia",
    "wisconsin",
    "wyoming",
    "england",
    "wales",
    "scotland",
    "northern ireland",
    "ireland",
    "australia",
    "new zealand",
    "canada",
    "germany",
    "france",
    "spain",
    "italy",
    "portugal",
    "poland",
    "india",
    "china",
    "japan",
    "singapore",
    "brazil",
    "mexico",
    "switzerland",
    "sweden",
    "norway",
    "denmark",
    "finland",
    "belgium",
    "austria",
    "israel",
    "south africa",
    "nigeria",
    "kenya",
    "ontario",
    "quebec",
    "british columbia",
    "victoria",
    "queensland",
    "new south wales",
    "tasmania",
    "london",
    "paris",
    "berlin",
    "dublin",
    "sydney",
    "melbourne",
    "toronto",
    "lisbon",
    "madrid",
];

/// Last words of names of laws, institutions and organisations.
const NAME_ENDINGS: &[&str] = &[
    "act",
    "acts",
    "regulation",
    "regulations",
    "directive",
    "code",
    "convention",
    "principles",
    "rules",
    "law",
    "laws",
    "statute",
    "statutes",
    "treaty",
    "protocol",
    "court",
    "courts",
    "tribunal",
    "commission",
    "authority",
    "office",
    "department",
    "ministry",
    "institute",
    "university",
    "association",
    "council",
    "centre",
    "center",
    "union",
    "republic",
    "kingdom",
    "states",
    "bureau",
    "foundation",
    "inc",
    "ltd",
    "llc",
    "llp",
    "limited",
    "corporation",
    "corp",
    "plc",
    "gmbh",
    "organization",
    "organisation",
    "federation",
    "league",
    "club",
    "society",
    "bank",
    "exchange",
    "constitution",
    "amendment",
    "ordinance",
    "bill",
    "order",
    "charter",
    "service",
    "agency",
    "commissioner",
    "parliament",
    "congress",
    "senate",
];

/// First words of names of places and institutions ("State of New York", "Courts of England").
fn proper_name_start(lower: &str) -> bool {
    static_regex!(
        r"^(?:state|commonwealth|province|republic|kingdom|city|county|district|courts?|laws?|government|department|ministry|office|university|bank|people's|federal|united|european|national|international|royal|supreme|high|district|general|data protection|new|north|south|east|west|central|great)\b"
    )
    .is_match(lower)
}

/// Head nouns of typical defined terms. A capitalised phrase used once is only
/// reported when it ends in one of these ("the Security Policy", not "the Corn Belt").
const TERM_NOUNS: &[&str] = &[
    "deliverable",
    "service",
    "fee",
    "committee",
    "guideline",
    "policy",
    "policie",
    "model",
    "data",
    "dataset",
    "material",
    "product",
    "plan",
    "specification",
    "spec",
    "milestone",
    "term",
    "date",
    "period",
    "report",
    "software",
    "documentation",
    "information",
    "project",
    "price",
    "budget",
    "statement",
    "system",
    "platform",
    "content",
    "result",
    "code",
    "account",
    "team",
    "manager",
    "personnel",
    "staff",
    "test",
    "criteria",
    "criterion",
    "standard",
    "procedure",
    "requirement",
    "rate",
    "charge",
    "expense",
    "invoice",
    "deposit",
    "payment",
    "territory",
    "purpose",
    "scope",
    "work",
    "proposal",
    "quote",
    "estimate",
    "right",
    "license",
    "licence",
    "warranty",
    "acceptance",
    "request",
    "order",
    "notice",
    "subcontractor",
    "user",
    "output",
    "input",
    "prompt",
    "pipeline",
    "application",
    "app",
    "solution",
    "tool",
    "dashboard",
    "algorithm",
    "engine",
    "website",
    "site",
    "portal",
    "environment",
    "infrastructure",
    "equipment",
    "premise",
    "facility",
    "representative",
    "contact",
    "lead",
    "owner",
    "approver",
    "group",
    "phase",
    "stage",
    "fund",
    "sum",
    "amount",
    "cap",
    "limit",
    "threshold",
    "metric",
    "benchmark",
    "set",
    "sample",
    "baseline",
    "version",
    "release",
    "feature",
    "module",
    "component",
    "asset",
    "know-how",
    "ip",
    "property",
    "secret",
    "incident",
    "event",
    "breach",
    "claim",
    "loss",
    "losses",
    "damage",
    "process",
    "method",
    "methodology",
    "roadmap",
    "timeline",
    "matter",
    "item",
    "unit",
    "credit",
    "discount",
    "bonus",
    "retainer",
    "hour",
    "day",
    "week",
    "month",
    "year",
    "window",
    "level",
    "objective",
    "goal",
    "kpi",
    "sla",
    "protocol",
    "schedule",
    "exhibit",
    "annex",
    "appendix",
    "agreement",
    "contract",
    "sow",
    "consent",
    "approval",
    "instruction",
    "brief",
    "specifications",
    "parameter",
    "weight",
    "repository",
    "repo",
    "channel",
    "location",
    "office",
    "address",
    "personnel",
];

fn strip_plural(lower: &str) -> String {
    lower.strip_suffix('s').filter(|s| !s.ends_with('s')).unwrap_or(lower).to_string()
}

/// Whether most words of a sentence are capitalised (a title, a table header).
fn title_case(norm: &str) -> bool {
    let words: Vec<&str> = norm.split_whitespace().filter(|w| w.chars().any(|c| c.is_alphabetic())).collect();
    if words.len() < 3 {
        return !words.is_empty()
            && words.iter().all(|w| w.chars().find(|c| c.is_alphabetic()).is_some_and(|c| c.is_uppercase()));
    }
    let upper =
        words.iter().filter(|w| w.chars().find(|c| c.is_alphabetic()).is_some_and(|c| c.is_uppercase())).count();
    let small = words
        .iter()
        .filter(|w| {
            matches!(**w, "of" | "and" | "the" | "a" | "an" | "to" | "for" | "in" | "on" | "or" | "by" | "with")
        })
        .count();
    (upper + small) * 10 >= words.len() * 8 && upper * 2 >= words.len()
}

impl CodedRule for TermsUndefined {
    fn id(&self) -> &'static str {
        "terms.undefined"
    }

    fn check_document(&self, cx: &DocCx, out: &mut Vec<Finding>) {
        // The document takes its terms from another one: nothing to check here.
        if cx.chunks.iter().any(|c| c.facts.incorporates) {
            return;
        }
        let model = cx.model;
        let mut known: HashSet<String> = HashSet::new();
        let add = |t: &str, known: &mut HashSet<String>| {
            for f in surface_forms(t.trim()) {
                known.insert(f.to_lowercase());
            }
        };
        for d in &model.definitions {
            add(&d.term, &mut known);
        }
        for p in &model.parties {
            add(&p.term, &mut known);
        }
        let mut name_words: HashSet<String> = HashSet::new();
        for p in &model.parties {
            if let Some(name) = &p.name {
                for w in name.split_whitespace() {
                    let w = w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
                    if w.len() > 2 && !matches!(w.as_str(), "the" | "and" | "ltd" | "inc" | "llc" | "limited") {
                        name_words.insert(w);
                    }
                }
            }
        }
        for chunk in cx.chunks {
            for label in &chunk.facts.labels {
                add(label, &mut known);
            }
        }
        let titles: HashSet<String> =
            model.sections.iter().map(|s| s.header.title.trim().trim_end_matches(['.', ':']).to_lowercase()).collect();
        let doc_title = model.title.as_ref().map(|t| t.0.to_lowercase()).unwrap_or_default();
        let mut uses: std::collections::HashMap<String, u32> = std::collections::HashMap::new();
        for chunk in cx.chunks {
            for cand in &chunk.facts.candidates {
                *uses.entry(strip_plural(&cand.phrase.to_lowercase())).or_default() += 1;
            }
        }
        let mut reported: HashSet<String> = HashSet::new();
        for chunk in cx.chunks {
            let facts = chunk.facts;
            for cand in &facts.candidates {
                let lower =
                    cand.phrase.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.').trim().to_lowercase();
                let key = strip_plural(&lower);
                if reported.contains(&key) {
                    continue;
                }
                let words: Vec<&str> = lower.split([' ', '-']).filter(|w| !w.is_empty()).collect();
                let (Some(first), Some(last)) = (words.first(), words.last()) else { continue };
                let full = cand.phrase.to_lowercase();
                let exempt = known.contains(&lower)
                    || known.contains(&full)
                    || known.contains(&key)
                    || role_of_term(&cand.phrase).is_some()
                    || role_of_term(&key).is_some()
                    || STRUCTURAL.contains(&lower.as_str())
                    || STRUCTURAL.contains(&key.as_str())
                    || words.iter().any(|w| MONTHS_AND_DAYS.contains(w))
                    || PLACES.contains(&lower.as_str())
                    || PLACES.iter().any(|p| lower.ends_with(&format!(" {p}")))
                    || (words.len() >= 2 && NAME_ENDINGS.contains(last))
                    || proper_name_start(&lower)
                    || titles.contains(&lower)
                    || titles.contains(&key)
                    || (words.len() >= 2 && doc_title.contains(&lower))
                    || words.iter().any(|w| name_words.contains(*w))
                    // "the Client Portal", "the Deliverables Schedule": built on a known term or a party.
                    || (1..words.len()).any(|k| {
                        let head = words[..k].join(" ");
                        let tail = words[k..].join(" ");
                        known.contains(&head) || role_of_term(&head).is_some() || known.contains(&tail)
                    })
                    || role_of_term(first).is_some();
                if exempt {
                    continue;
                }
                let head = strip_plural(last.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.').trim());
                let head = head.strip_suffix("ie").map_or(head.clone(), |h| format!("{h}y"));
                let term_like =
                    TERM_NOUNS.contains(&head.as_str()) || TERM_NOUNS.contains(&strip_plural(last).as_str());
                if !term_like && uses.get(&key).copied().unwrap_or(0) < 2 {
                    continue;
                }
                // Part of a longer name: "the Office of the Comptroller of the Currency".
                let before_start = cand.range.start.saturating_sub(40);
                let before = chunk
                    .text
                    .get(before_start..cand.range.start)
                    .or_else(|| chunk.text.get(before_start + 1..cand.range.start))
                    .or_else(|| chunk.text.get(before_start + 2..cand.range.start))
                    .or_else(|| chunk.text.get(before_start + 3..cand.range.start))
                    .unwrap_or("");
                if static_regex!(r"[A-Z][\w.]*\s+of\s+(?:the\s+)?$").is_match(before) {
                    continue;
                }
                // The words around the candidate: a name continues ("the Acme Corporation Ltd",
                // "the Data Protection Act 2018"), a title-cased line is a heading.
                let after = chunk.text.get(cand.range.end..(cand.range.end + 24).min(chunk.text.len())).unwrap_or("");
                if static_regex!(r"^(?:\*\*)?\s*(?:Inc\b|Ltd\b|LLC\b|LLP\b|Limited\b|Corp\b|Corporation\b|GmbH\b|plc\b|PLC\b|Pty\b|S\.A\.|AG\b|&|Act\b|\d{4}\b|\(\s*[A-Z]{2,}\s*\)|of [A-Z])").is_match(after) {
                    continue;
                }
                // Inside a bracketed blank ("[Your Name And Address]"), or cut short by the
                // four-word limit ("the Common Paper Service Level Agreement"): not a term use.
                if before.rfind('[').is_some_and(|open| before.rfind(']').is_none_or(|close| close < open))
                    || (words.len() >= 4 && static_regex!(r"^ [A-Z]").is_match(after))
                {
                    continue;
                }
                let sentence =
                    facts.sentences.iter().find(|s| s.range.start <= cand.range.start && cand.range.end <= s.range.end);
                if sentence.is_some_and(|s| title_case(&s.norm)) {
                    continue;
                }
                reported.insert(key);
                let message = format!(
                    "\"{}\" is capitalised like a defined term but the contract never defines it: add a definition, or write it in lower case",
                    cand.phrase
                );
                out.push(finding(
                    self.id(),
                    cand.range.start + chunk.offset..cand.range.end + chunk.offset,
                    Some(message),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::coded::testing::{assert_silent, spans};

    const ID: &str = "terms.undefined";

    #[test]
    fn flag_undefined_terms_once() {
        assert_eq!(
            spans(
                ID,
                "The Consultant will deliver the Deliverables by 30 June. The Client reviews the Deliverables.\n"
            ),
            vec!["Deliverables"]
        );
        assert_eq!(
            spans(ID, "Each milestone must be approved by the Steering Committee.\n"),
            vec!["Steering Committee"]
        );
        assert_eq!(spans(ID, "The Consultant will follow the Content Guidelines.\n"), vec!["Content Guidelines"]);
    }

    #[test]
    fn dont_flag_defined_terms_and_their_forms() {
        assert_silent(ID, "A churn model and its code (the \"Deliverables\"). The Client reviews each Deliverable and the Deliverable's tests.\n");
        assert_silent(ID, "\"Fees\" means the fixed amounts, and the Client pays the Fees.\n");
        assert_silent(ID, "1.7 **Season** means the 2026 season. The Client pays during the Season.\n");
        assert_silent(ID, "**Effective Date:** 1 March 2025\n\nThe work starts on the Effective Date.\n");
        assert_silent(ID, "| Term | Value |\n|---|---|\n| Project Lead | Ana |\n\nThe Project Lead approves.\n");
    }

    #[test]
    fn dont_flag_proper_names_and_structure() {
        assert_silent(
            ID,
            "The Consultant complies with the Data Protection Act 2018 and the General Data Protection Regulation.\n",
        );
        assert_silent(ID, "The Client will pay the Consultant within thirty (30) days of each invoice under this Agreement and each Party.\n");
        assert_silent(ID, "Disputes go to the courts of the State of New York, the United States and the European Union in January.\n");
        assert_silent(ID, "Work is done in the Netherlands and in California on each Monday under the Agreement.\n");
        assert_silent(ID, "The OECD AI Principles and the Privacy Act apply, as does the Acme Corporation Ltd.\n");
        assert_silent(ID, "# Consulting Agreement\n\n## 2. Payment Terms\n\nSee the Payment Terms for details.\n");
    }

    #[test]
    fn dont_flag_when_terms_come_from_elsewhere() {
        assert_silent(ID, "Capitalized terms not defined in this SOW have the meanings given in the Master Agreement. The Services and the Deliverables are described below.\n");
        assert_silent(ID, "Capitalised terms used but not defined here have the meaning given in the Key Terms. The Pilot Fee is due.\n");
    }
}
