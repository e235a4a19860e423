//! YAML front matter: the few fields clausewise reads.
//!
//! A deliberately small reader (top-level `key: value` pairs, and the
//! `clausewise:` map with `disable:`), not a YAML parser: contracts' front
//! matter is simple, and a malformed block must never stop the analysis.

/// Fields read from a document's front matter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct FrontMatter {
    /// Lower-cased top-level `key: value` pairs, in order.
    pub fields: Vec<(String, String)>,
    /// `clausewise: true` / `false`, when given as a scalar.
    pub clausewise: Option<bool>,
    /// Rule ids or globs from `clausewise: {disable: [...]}`.
    pub disable: Vec<String>,
}

impl FrontMatter {
    pub fn get(&self, key: &str) -> Option<&str> {
        self.fields.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }
}

fn unquote(s: &str) -> String {
    s.trim().trim_matches(|c| c == '"' || c == '\'').trim().to_string()
}

fn inline_list(s: &str) -> Vec<String> {
    let s = s.trim().trim_start_matches('[').trim_end_matches(']');
    s.split(',').map(unquote).filter(|v| !v.is_empty()).collect()
}

/// Parses the text of a `---` front matter block (delimiters included or not).
pub fn parse(block: &str) -> FrontMatter {
    let mut fm = FrontMatter::default();
    let mut in_clausewise = false;
    let mut in_disable = false;
    for line in block.lines() {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." || trimmed.trim().is_empty() || trimmed.trim_start().starts_with('#') {
            continue;
        }
        let indented = line.starts_with(' ') || line.starts_with('\t');
        if !indented {
            in_clausewise = false;
            in_disable = false;
            let Some((key, value)) = trimmed.split_once(':') else { continue };
            let key = key.trim().to_ascii_lowercase();
            let value = value.trim();
            if key == "clausewise" {
                match value {
                    "" => in_clausewise = true,
                    v if v.starts_with('{') => {
                        if let Some(rest) = v.split_once("disable:").map(|(_, r)| r) {
                            fm.disable.extend(inline_list(rest.trim_end_matches('}')));
                        }
                    }
                    v => {
                        fm.clausewise = matches!(unquote(v).to_ascii_lowercase().as_str(), "true" | "yes" | "on")
                            .then_some(true)
                            .or(Some(false))
                    }
                }
            }
            fm.fields.push((key, unquote(value)));
        } else if in_clausewise {
            let t = trimmed.trim();
            if let Some(rest) = t.strip_prefix("disable:") {
                if rest.trim().is_empty() {
                    in_disable = true;
                } else {
                    fm.disable.extend(inline_list(rest));
                }
            } else if let (true, Some(item)) = (in_disable, t.strip_prefix("- ")) {
                fm.disable.push(unquote(item));
            } else if let Some(rest) = t.strip_prefix("enabled:") {
                fm.clausewise = Some(matches!(unquote(rest).as_str(), "true" | "yes"));
            }
        }
    }
    fm
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_and_clausewise_settings() {
        let fm = parse("---\ntitle: \"Data Services Agreement\"\ntype: contract\nclausewise:\n  disable: [collab.reporting, \"data.*\"]\n---\n");
        assert_eq!(fm.get("title"), Some("Data Services Agreement"));
        assert_eq!(fm.get("type"), Some("contract"));
        assert_eq!(fm.disable, vec!["collab.reporting", "data.*"]);
        let fm = parse("clausewise:\n  disable:\n    - terms.unused\n");
        assert_eq!(fm.disable, vec!["terms.unused"]);
        assert_eq!(parse("clausewise: false\n").clausewise, Some(false));
        assert_eq!(parse(": : :\n  - ]\n").disable, Vec::<String>::new());
    }
}
