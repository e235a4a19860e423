//! Rendering a clause template for one contract: the parties' own defined
//! terms in place of `{client}` / `{consultant}`, capitalised at the start of a
//! sentence, hard-wrapped lines joined, and generic capitalised words the
//! contract never defines ("the Services") lowered so that the inserted clause
//! does not itself raise `terms.undefined`.

use crate::analysis::DocumentState;
use crate::model::parties::role_of_term;
use crate::model::{DocumentModel, Role};

use super::lookup;

/// Words templates capitalise as if they were defined terms. Kept capitalised
/// only when the contract defines them.
const GENERIC_TERMS: &[&str] =
    &["Services", "Service", "Deliverables", "Deliverable", "Model", "Project", "Specification"];

/// The parties' defined terms as the template will name them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartyNames {
    pub client: String,
    pub consultant: String,
}

impl PartyNames {
    /// The contract's own terms (`Customer`, `Provider`), or Client / Consultant.
    pub fn of(model: &DocumentModel) -> Self {
        let pick = |role: Role, fallback: &str| {
            model.party_terms(role).first().map(|p| p.term.clone()).unwrap_or_else(|| fallback.to_string())
        };
        Self { client: pick(Role::Client, "Client"), consultant: pick(Role::Consultant, "Consultant") }
    }

    /// Like [`Self::of`], but when a side has no defined term, the party word
    /// the contract uses most ("Customer" in a contract that defines its
    /// parties on a cover page) is taken from the cached capitalised runs.
    pub fn of_document(state: &DocumentState, model: &DocumentModel) -> Self {
        let mut names = Self::of(model);
        for role in [Role::Client, Role::Consultant] {
            if !model.party_terms(role).is_empty() {
                continue;
            }
            let mut counts: Vec<(&str, u32)> = Vec::new();
            for chunk in state.chunks() {
                for (run, n) in &chunk.facts.capitalised {
                    // "The Customer" at a sentence start is the run of "Customer".
                    let run = ["The ", "A ", "An ", "Each ", "This ", "Such "]
                        .iter()
                        .find_map(|d| run.strip_prefix(d))
                        .unwrap_or(run.as_str());
                    if role_of_term(run) == Some(role) && run.chars().next().is_some_and(char::is_uppercase) {
                        match counts.iter_mut().find(|(r, _)| *r == run) {
                            Some(c) => c.1 += n,
                            None => counts.push((run, *n)),
                        }
                    }
                }
            }
            if let Some((best, _)) = counts.iter().max_by_key(|(_, n)| *n) {
                match role {
                    Role::Client => names.client = best.to_string(),
                    Role::Consultant => names.consultant = best.to_string(),
                }
            }
        }
        names
    }
}

/// Whether text ending with `before` leaves the next word at a sentence start.
fn sentence_start(before: &str) -> bool {
    let t = before.trim_end();
    t.is_empty() || t.ends_with(['.', '!', '?', ':']) || t.ends_with(".\"")
}

/// Joins hard-wrapped lines; keeps paragraph breaks (blank lines).
pub fn reflow(template: &str) -> Vec<String> {
    template
        .split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect()
}

fn replace_party(text: &str, key: &str, term: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(i) = rest.find(key) {
        out.push_str(&rest[..i]);
        let article = if sentence_start(&out) { "The" } else { "the" };
        out.push_str(article);
        out.push(' ');
        out.push_str(term);
        rest = &rest[i + key.len()..];
    }
    out.push_str(rest);
    out
}

/// Terms the template itself defines in quotes: `(each a "Model Provider")`.
fn own_definitions(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut parts = text.split('"');
    parts.next();
    while let Some(inside) = parts.next() {
        if inside.chars().next().is_some_and(|c| c.is_uppercase()) && inside.len() <= 60 {
            out.push(inside.to_string());
        }
        parts.next();
    }
    out
}

fn lower_undefined(text: &str, model: &DocumentModel) -> String {
    let defined = lookup::defined_terms(model);
    let own = own_definitions(text);
    let mut out = text.to_string();
    for word in GENERIC_TERMS {
        if defined.iter().any(|d| d == word || crate::model::terms::surface_forms(d).iter().any(|f| f == word)) {
            continue;
        }
        let mut from = 0;
        while let Some(i) = out[from..].find(word).map(|i| i + from) {
            let r = i..i + word.len();
            from = r.end;
            if !lookup::on_word_boundaries(&out, &r) {
                continue;
            }
            let inside_own =
                own.iter().any(|o| out.match_indices(o.as_str()).any(|(j, _)| j <= r.start && r.end <= j + o.len()));
            if inside_own || sentence_start(&out[..r.start]) {
                continue;
            }
            let lowered = word.to_lowercase();
            out.replace_range(r, &lowered);
        }
    }
    out
}

/// Renders a template or replacement text for `model`: one string per paragraph.
pub fn render(template: &str, model: &DocumentModel, names: &PartyNames) -> Vec<String> {
    reflow(template)
        .into_iter()
        .map(|p| {
            let p = replace_party(&p, "{client}", &names.client);
            let p = replace_party(&p, "{consultant}", &names.consultant);
            lower_undefined(&p, model)
        })
        .collect()
}

/// Turns plain text into an LSP snippet: `[PLACEHOLDERS]` become tab stops.
pub fn to_snippet(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut n = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '[' {
            if let Some(close) = text[i..].find(']') {
                let inner = &text[i + 1..i + close];
                if inner.chars().next().is_some_and(|c| c.is_ascii_uppercase()) && !inner.contains('\n') {
                    n += 1;
                    out.push_str(&format!("${{{n}:[{}]}}", escape_snippet(inner)));
                    while chars.peek().is_some_and(|(j, _)| *j <= i + close) {
                        chars.next();
                    }
                    continue;
                }
            }
        }
        match c {
            '$' | '}' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out.push_str("$0");
    out
}

fn escape_snippet(s: &str) -> String {
    s.replace('\\', "\\\\").replace('$', "\\$").replace('}', "\\}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSettings;

    fn model(text: &str) -> DocumentModel {
        DocumentState::new(text, 0, RuleSettings::default()).model()
    }

    #[test]
    fn parties_take_the_contracts_own_terms() {
        let m = model("# Services Agreement\n\nBetween Acme Inc (\"Customer\") and Jo Ltd (\"Provider\").\n");
        let out = render("{consultant} will help {client}. Later {client}'s data.", &m, &PartyNames::of(&m));
        assert_eq!(out, vec!["The Provider will help the Customer. Later the Customer's data."]);
        let none = model("Nothing here.\n");
        assert_eq!(render("{client} pays.", &none, &PartyNames::of(&none)), vec!["The Client pays."]);
        let text = "# Services Agreement\n\nThe Customer pays. The Customer signs. The Provider works.\n";
        let state = DocumentState::new(text, 0, RuleSettings::default());
        let names = PartyNames::of_document(&state, &state.model());
        assert_eq!((names.client.as_str(), names.consultant.as_str()), ("Customer", "Provider"));
    }

    #[test]
    fn undefined_generic_terms_are_lowered() {
        let m = model("# Agreement\n\n\"Services\" means the work.\n");
        let out = render(
            "The Model supports the Services and the Model Provider (a \"Model Provider\").",
            &m,
            &PartyNames::of(&m),
        );
        assert_eq!(out, vec!["The model supports the Services and the Model Provider (a \"Model Provider\")."]);
    }

    #[test]
    fn snippets_number_placeholders_and_escape() {
        assert_eq!(to_snippet("Pay [AMOUNT] in $ {now}."), "Pay ${1:[AMOUNT]} in \\$ {now\\}.$0");
    }
}
