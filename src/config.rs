//! User configuration: `clausewise.toml`, LSP settings and CLI flags.
//!
//! The same keys are accepted from every source (kebab-case TOML, or the same
//! names in JSON from the editor). A bad value is reported and the rest of the
//! configuration still applies; a file that does not parse leaves the last good
//! configuration in force (the caller decides which that is).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::rules::catalog::{catalog, id_matches};
use crate::rules::{Perspective, RuleSettings, Severity};

/// Default size above which a document is not analysed (bytes).
pub const DEFAULT_MAX_FILE_SIZE: usize = 10_000_000;
/// The configuration file name looked up from a document's folder upwards.
pub const CONFIG_FILE: &str = "clausewise.toml";

/// The configuration file as written.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct ConfigFile {
    #[serde(default)]
    pub disable: Vec<String>,
    #[serde(default)]
    pub enable: Vec<String>,
    #[serde(default)]
    pub severity: BTreeMap<String, String>,
    #[serde(default, alias = "nonCompeteMaxMonths")]
    pub non_compete_max_months: Option<u32>,
    #[serde(default)]
    pub party: Option<Perspective>,
    /// Globs of files always treated as contracts.
    #[serde(default)]
    pub contracts: Vec<String>,
    #[serde(default, alias = "maxFileSize")]
    pub max_file_size: Option<usize>,
}

/// A configuration problem, reported to the user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    #[error("{path}: {message}")]
    Parse { path: String, message: String },
    #[error("{path}: cannot read: {message}")]
    Read { path: String, message: String },
}

/// The effective configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub file: ConfigFile,
    pub settings: RuleSettings,
    pub max_file_size: usize,
    /// Set for a document matched by `contracts` globs.
    pub forces_contract: bool,
    /// Where it came from, for messages.
    pub source: Option<PathBuf>,
    /// Non-fatal problems (unknown rule ids, bad severities).
    pub warnings: Vec<String>,
}

impl Default for Config {
    fn default() -> Self {
        Self::from_file(ConfigFile::default(), None)
    }
}

impl Config {
    /// Builds the effective configuration, collecting warnings for unknown ids and values.
    pub fn from_file(file: ConfigFile, source: Option<PathBuf>) -> Self {
        let mut warnings = Vec::new();
        let cat = catalog();
        for sel in file.disable.iter().chain(&file.enable).chain(file.severity.keys()) {
            if cat.matching(sel).is_empty() {
                warnings.push(format!("unknown rule id or selector `{sel}`"));
            }
        }
        for (id, sev) in &file.severity {
            if Severity::parse(sev).is_none() {
                warnings.push(format!("severity of `{id}`: `{sev}` is not one of error, warning, information, hint"));
            }
        }
        let settings = RuleSettings {
            non_compete_max_months: file.non_compete_max_months.unwrap_or(6),
            perspective: file.party.unwrap_or_default(),
        };
        let max_file_size = file.max_file_size.unwrap_or(DEFAULT_MAX_FILE_SIZE);
        Self { file, settings, max_file_size, forces_contract: false, source, warnings }
    }

    /// Parses TOML text.
    pub fn parse_toml(text: &str, path: &str) -> Result<Self, ConfigError> {
        let file: ConfigFile =
            toml::from_str(text).map_err(|e| ConfigError::Parse { path: path.to_string(), message: e.to_string() })?;
        Ok(Self::from_file(file, Some(PathBuf::from(path))))
    }

    /// Parses a JSON value (LSP `initializationOptions` or `workspace/configuration`).
    pub fn from_json(value: &serde_json::Value) -> Result<Self, ConfigError> {
        if value.is_null() {
            return Ok(Self::default());
        }
        let file: ConfigFile = serde_json::from_value(value.clone())
            .map_err(|e| ConfigError::Parse { path: "client settings".into(), message: e.to_string() })?;
        Ok(Self::from_file(file, None))
    }

    /// Reads a config file.
    pub fn load(path: &Path) -> Result<Self, ConfigError> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| ConfigError::Read { path: path.display().to_string(), message: e.to_string() })?;
        Self::parse_toml(&text, &path.display().to_string())
    }

    /// The nearest `clausewise.toml` from `dir` upwards, stopping at `root` when given.
    pub fn discover(dir: &Path, root: Option<&Path>) -> Option<PathBuf> {
        let mut current = Some(dir);
        while let Some(d) = current {
            let candidate = d.join(CONFIG_FILE);
            if candidate.is_file() {
                return Some(candidate);
            }
            if root.is_some_and(|r| d == r) {
                return None;
            }
            current = d.parent();
        }
        None
    }

    /// Whether a rule runs: `enable` wins over `disable` for the same or a narrower selector.
    pub fn is_enabled(&self, id: &str) -> bool {
        let disabled = self.file.disable.iter().filter(|p| id_matches(p, id)).map(|p| specificity(p)).max();
        let enabled = self.file.enable.iter().filter(|p| id_matches(p, id)).map(|p| specificity(p)).max();
        match (disabled, enabled) {
            (Some(d), Some(e)) => e >= d,
            (Some(_), None) => false,
            _ => true,
        }
    }

    /// The severity of a rule after overrides (the most specific selector wins).
    pub fn severity_of(&self, id: &str, default: Severity) -> Severity {
        self.file
            .severity
            .iter()
            .filter(|(p, _)| id_matches(p, id))
            .max_by_key(|(p, _)| specificity(p))
            .and_then(|(_, s)| Severity::parse(s))
            .unwrap_or(default)
    }

    /// Marks the configuration as applying to a file matched by `contracts` globs.
    pub fn for_path(&self, path: &Path) -> Self {
        let mut cfg = self.clone();
        let base = self.source.as_ref().and_then(|s| s.parent()).map(Path::to_path_buf);
        let rel = base.as_ref().and_then(|b| path.strip_prefix(b).ok()).unwrap_or(path);
        cfg.forces_contract = self.file.contracts.iter().any(|g| {
            globset::Glob::new(g)
                .map(|g| g.compile_matcher().is_match(rel) || g.compile_matcher().is_match(path))
                .unwrap_or(false)
        });
        cfg
    }
}

fn specificity(selector: &str) -> usize {
    if selector == "*" {
        0
    } else if selector.ends_with('*') {
        1
    } else {
        2
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn disable_enable_and_severity() {
        let cfg = Config::parse_toml(
            "disable = [\"data.*\"]\nenable = [\"data.destruction\"]\n[severity]\n\"liability.*\" = \"error\"\n",
            "x",
        )
        .unwrap();
        assert!(!cfg.is_enabled("data.minimization"));
        assert!(cfg.is_enabled("data.destruction"));
        assert!(cfg.is_enabled("liability.cap"));
        assert_eq!(cfg.severity_of("liability.cap", Severity::Warning), Severity::Error);
    }

    #[test]
    fn bad_files_are_errors_and_bad_values_warnings() {
        assert!(Config::parse_toml("disable = 3", "x").is_err());
        assert!(Config::parse_toml("unknown-key = 1", "x").is_err());
        let cfg =
            Config::parse_toml("disable = [\"nope.rule\"]\n[severity]\n\"liability.cap\" = \"loud\"", "x").unwrap();
        assert_eq!(cfg.warnings.len(), 2);
        assert_eq!(cfg.severity_of("liability.cap", Severity::Warning), Severity::Warning);
    }

    #[test]
    fn json_settings_use_the_same_keys() {
        let cfg = Config::from_json(
            &serde_json::json!({"disable": ["collab.*"], "non-compete-max-months": 12, "party": "client"}),
        )
        .unwrap();
        assert!(!cfg.is_enabled("collab.reporting"));
        assert_eq!(cfg.settings.non_compete_max_months, 12);
        assert_eq!(cfg.settings.perspective, Perspective::Client);
    }
}
