//! `clausewise check PATH...`: lint files for CI and pre-commit hooks.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::analysis::DocumentState;
use crate::config::Config;
use crate::document::position::{from_byte, PositionEncoding};
use crate::rules::{Finding, Severity};

/// One finding with its file and 1-based line/column (columns count characters).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Located {
    pub path: String,
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
    pub severity: Severity,
    pub rule: String,
    pub message: String,
}

/// The result of checking one file.
pub enum FileResult {
    Findings(Vec<Located>),
    Error(String),
}

/// Lists the Markdown files named by `paths` (folders are walked, sorted).
pub fn collect_files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<String>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.is_dir() {
            walk(path, &mut files, &mut errors);
        } else if path.exists() {
            files.push(path.clone());
        } else {
            errors.push(format!("{}: no such file or directory", path.display()));
        }
    }
    (files, errors)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, errors: &mut Vec<String>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            errors.push(format!("{}: {e}", dir.display()));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    paths.sort();
    for p in paths {
        let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if name.starts_with('.') || name == "node_modules" || name == "target" {
            continue;
        }
        if p.is_dir() {
            walk(&p, files, errors);
        } else if matches!(p.extension().and_then(|e| e.to_str()), Some("md" | "markdown" | "mdx")) {
            files.push(p);
        }
    }
}

/// Reads a file as UTF-8 text, refusing binary files with a clear reason.
pub fn read_text(path: &Path) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    if bytes.contains(&0) {
        return Err(format!("{}: looks like a binary file (contains NUL bytes); not checked", path.display()));
    }
    String::from_utf8(bytes).map_err(|e| {
        format!("{}: not valid UTF-8 (at byte {}); not checked", path.display(), e.utf8_error().valid_up_to())
    })
}

/// Checks one text and returns located findings.
pub fn check_text(path: &str, text: &str, config: &Config) -> Vec<Located> {
    let state = DocumentState::new(text, 0, config.settings.clone());
    let findings = state.findings(config);
    locate(path, &state, &findings)
}

/// Converts byte ranges to 1-based lines and character columns.
pub fn locate(path: &str, state: &DocumentState, findings: &[Finding]) -> Vec<Located> {
    let rope = state.document().rope();
    findings
        .iter()
        .map(|f| {
            let start = from_byte(rope, f.range.start, PositionEncoding::Utf8);
            let end = from_byte(rope, f.range.end, PositionEncoding::Utf8);
            let col = |line: u32, byte_col: u32| -> u32 {
                let line_start = rope.line_to_byte(line as usize);
                rope.byte_slice(line_start..line_start + byte_col as usize).len_chars() as u32 + 1
            };
            Located {
                path: path.to_string(),
                line: start.line + 1,
                column: col(start.line, start.col),
                end_line: end.line + 1,
                end_column: col(end.line, end.col),
                severity: f.severity,
                rule: f.rule.to_string(),
                message: f.message.clone(),
            }
        })
        .collect()
}

/// Picks the configuration for a file: `--config` when given, else the nearest
/// `clausewise.toml` (cached per folder by the caller's loop being per file: cheap).
pub fn config_for(path: &Path, explicit: Option<&Config>) -> Result<Config, String> {
    if let Some(cfg) = explicit {
        return Ok(cfg.for_path(path));
    }
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."));
    let dir = if dir.as_os_str().is_empty() { PathBuf::from(".") } else { dir };
    let abs = std::fs::canonicalize(&dir).unwrap_or(dir);
    match Config::discover(&abs, None) {
        Some(found) => Config::load(&found)
            .map(|c| c.for_path(&std::fs::canonicalize(path).unwrap_or(path.to_path_buf())))
            .map_err(|e| e.to_string()),
        None => Ok(Config::default()),
    }
}

/// Checks every file in parallel (both cores), keeping the input order.
pub fn check_files(files: &[PathBuf], explicit: Option<&Config>) -> Vec<(PathBuf, FileResult)> {
    files
        .par_iter()
        .map(|path| {
            let result = config_for(path, explicit).and_then(|cfg| {
                let text = read_text(path)?;
                Ok(check_text(&path.display().to_string(), &text, &cfg))
            });
            let result = match result {
                Ok(found) => FileResult::Findings(found),
                Err(e) => FileResult::Error(e),
            };
            (path.clone(), result)
        })
        .collect()
}
