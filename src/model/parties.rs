//! The parties, and which side each is on.

use crate::static_regex;

use super::terms::Definition;

/// Which side of the engagement a party is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// The freelancer or consultancy doing the work (the side we take by default).
    Consultant,
    /// The one paying for the work.
    Client,
}

/// A party: its defined term ("Client") and, when given, its name ("Acme Ltd").
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Party {
    pub term: String,
    pub name: Option<String>,
    pub role: Role,
}

const CONSULTANT_WORDS: &[&str] = &[
    "consultant",
    "contractor",
    "independent contractor",
    "provider",
    "service provider",
    "services provider",
    "supplier",
    "developer",
    "freelancer",
    "vendor",
    "agency",
    "studio",
    "designer",
    "engineer",
    "data scientist",
    "adviser",
    "advisor",
    "consultancy",
];
const CLIENT_WORDS: &[&str] = &[
    "client",
    "customer",
    "company",
    "buyer",
    "purchaser",
    "bank",
    "employer",
    "business",
    "organisation",
    "organization",
    "hospital",
    "principal",
];

/// The role a defined term implies, if it names one.
pub fn role_of_term(term: &str) -> Option<Role> {
    let t = term.trim().to_ascii_lowercase();
    if CONSULTANT_WORDS.contains(&t.as_str()) {
        Some(Role::Consultant)
    } else if CLIENT_WORDS.contains(&t.as_str()) {
        Some(Role::Client)
    } else {
        None
    }
}

/// A party from a definition such as `Acme Ltd ("Client")`. `sentence` is the
/// defining sentence's original text; `term_offset` the term's offset in it.
pub fn party_from_definition(def: &Definition, sentence_text: &str, term_offset: usize) -> Option<Party> {
    let role = role_of_term(&def.term)?;
    let before = &sentence_text[..term_offset.min(sentence_text.len())];
    let re = static_regex!(
        r#"([A-Z][\w&.,' -]{1,80}?)\s*,?\s*\(\s*(?:the|each|hereinafter|referred to as|[\w ]{0,20}?)?\s*["\u{201c}]?$"#
    );
    let name = re
        .captures(before)
        .and_then(|c| c.get(1))
        .map(|m| {
            let s = m.as_str();
            // Keep the last name-like run: "between Acme Ltd" -> "Acme Ltd".
            let s = s.rsplit([',']).next().unwrap_or(s);
            let s = strip_leading_lowercase(s);
            s.trim().trim_matches('*').trim().to_string()
        })
        .filter(|n| !n.is_empty() && n.len() <= 80);
    Some(Party { term: def.term.clone(), name, role })
}

fn strip_leading_lowercase(s: &str) -> &str {
    // "This Agreement is made between Acme Ltd" -> "Acme Ltd"
    let re = static_regex!(r"(?:\b(?:between|and|by|with|among|from|to)\s+)([A-Z].*)$");
    match re.captures(s).and_then(|c| c.get(1)) {
        Some(m) => &s[m.start()..],
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_from_terms() {
        assert_eq!(role_of_term("Service Provider"), Some(Role::Consultant));
        assert_eq!(role_of_term("Customer"), Some(Role::Client));
        assert_eq!(role_of_term("Effective Date"), None);
    }

    #[test]
    fn party_names_from_the_preamble() {
        let text = "This Agreement is made between Acme Analytics Ltd (\"Client\") and Jane Doe (\"Consultant\").";
        let at = text.find("Client").unwrap();
        let def = Definition { term: "Client".into(), range: at..at + 6, sentence: 0..text.len(), pointer: false };
        let party = party_from_definition(&def, text, at).unwrap();
        assert_eq!(party.name.as_deref(), Some("Acme Analytics Ltd"));
        assert_eq!(party.role, Role::Client);
    }
}
