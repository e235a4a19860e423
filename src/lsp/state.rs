//! The server's open documents and settings, behind locks held only briefly and
//! never across an `.await`.

use std::collections::HashMap;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard, RwLock};

use tokio::sync::mpsc::UnboundedSender;
use tower_lsp::lsp_types::*;

use crate::analysis::features::{Completion, Symbol};
use crate::analysis::DocumentState;
use crate::config::Config;
use crate::document::PositionEncoding;

use super::convert;

/// What the client said it supports, at `initialize`.
#[derive(Debug, Clone, Copy, Default)]
pub struct ClientCaps {
    pub encoding: PositionEncoding,
    pub pull_diagnostics: bool,
    pub snippets: bool,
    pub configuration: bool,
    pub markdown_hover: bool,
}

struct DocEntry {
    state: DocumentState,
    config: Config,
}

/// Shared server state.
#[derive(Default)]
pub struct ServerState {
    docs: Mutex<HashMap<Url, DocEntry>>,
    caps: RwLock<ClientCaps>,
    root: RwLock<Option<PathBuf>>,
    client_config: RwLock<Option<Config>>,
    publish: Mutex<Option<UnboundedSender<Url>>>,
}

/// An immutable copy of one document's analysis state, for a request.
pub struct Snapshot {
    pub state: DocumentState,
    pub config: Config,
    pub encoding: PositionEncoding,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic while holding the lock is caught by `guarded`; the data is still consistent
    // because every mutation validates before it writes.
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl ServerState {
    pub fn caps(&self) -> ClientCaps {
        *self.caps.read().unwrap_or_else(|p| p.into_inner())
    }

    pub fn set_caps(&self, caps: ClientCaps) {
        *self.caps.write().unwrap_or_else(|p| p.into_inner()) = caps;
    }

    pub fn set_root(&self, root: Option<PathBuf>) {
        *self.root.write().unwrap_or_else(|p| p.into_inner()) = root;
    }

    pub fn set_client_config(&self, cfg: Config) {
        *self.client_config.write().unwrap_or_else(|p| p.into_inner()) = Some(cfg);
    }

    pub fn set_publisher(&self, tx: UnboundedSender<Url>) {
        *lock(&self.publish) = Some(tx);
    }

    /// Asks the publisher task to (re)compute and publish a document's diagnostics.
    pub fn request_publish(&self, uri: &Url) {
        if self.caps().pull_diagnostics {
            return;
        }
        if let Some(tx) = lock(&self.publish).as_ref() {
            let _ = tx.send(uri.clone());
        }
    }

    pub fn request_publish_all(&self) {
        let uris: Vec<Url> = lock(&self.docs).keys().cloned().collect();
        for uri in uris {
            self.request_publish(&uri);
        }
    }

    /// The configuration for a document: the nearest `clausewise.toml` inside the
    /// workspace, else the client's settings, else the defaults. Never reads
    /// outside the workspace root (or the document's own folder without a root).
    fn config_for(&self, uri: &Url) -> (Config, Vec<String>) {
        let client = self.client_config.read().unwrap_or_else(|p| p.into_inner()).clone();
        let fallback = client.unwrap_or_default();
        let Ok(path) = uri.to_file_path() else { return (fallback, Vec::new()) };
        let Some(dir) = path.parent() else { return (fallback, Vec::new()) };
        let root = self.root.read().unwrap_or_else(|p| p.into_inner()).clone();
        let stop = root.as_deref().filter(|r| dir.starts_with(r)).unwrap_or(dir);
        let mut notes = Vec::new();
        let cfg = match Config::discover(dir, Some(stop)) {
            Some(file) => match Config::load(&file) {
                Ok(cfg) => {
                    notes.extend(cfg.warnings.iter().map(|w| format!("{}: {w}", file.display())));
                    cfg.for_path(&path)
                }
                Err(e) => {
                    notes.push(format!("clausewise: {e}; using the editor settings instead"));
                    fallback
                }
            },
            None => fallback,
        };
        (cfg, notes)
    }

    /// Opens (or reopens) a document.
    pub fn open(&self, uri: Url, text: &str, version: i32) -> Result<Vec<String>, String> {
        let (config, mut notes) = self.config_for(&uri);
        let state = DocumentState::with_size_limit(text, version, config.settings.clone(), config.max_file_size);
        if !state.is_analysed() {
            notes.push(format!("{uri}: {} bytes is above the size limit; not analysed", text.len()));
        }
        let mut docs = lock(&self.docs);
        if docs.contains_key(&uri) {
            notes.push(format!("{uri} was already open; replaced with the new text"));
        }
        docs.insert(uri, DocEntry { state, config });
        Ok(notes)
    }

    /// Applies content changes in order. Returns notes to log (a version that
    /// went backwards); an unknown document or a bad range is an error, and a
    /// bad change is skipped without touching the text.
    pub fn change(
        &self,
        uri: &Url,
        version: i32,
        changes: &[TextDocumentContentChangeEvent],
    ) -> Result<Vec<String>, String> {
        let encoding = self.caps().encoding;
        let mut docs = lock(&self.docs);
        let entry = docs.get_mut(uri).ok_or_else(|| format!("didChange for {uri}, which is not open; ignored"))?;
        let mut notes = Vec::new();
        if version < entry.state.version() {
            notes.push(format!("{uri}: version went backwards ({} -> {version})", entry.state.version()));
        }
        let mut errors = Vec::new();
        for change in changes {
            match change.range {
                None => entry.state.set_text(&change.text),
                Some(range) => {
                    let rope = entry.state.document().rope();
                    match convert::byte_range(rope, range, encoding) {
                        Ok(bytes) => {
                            if let Err(e) = entry.state.apply_edit(bytes, &change.text) {
                                errors.push(format!("{uri}: edit rejected: {e}"));
                            }
                        }
                        Err(e) => errors.push(format!("{uri}: edit rejected: {e}")),
                    }
                }
            }
        }
        entry.state.set_version(version);
        if errors.is_empty() {
            Ok(notes)
        } else {
            Err(errors.join("; "))
        }
    }

    pub fn close(&self, uri: &Url) -> bool {
        lock(&self.docs).remove(uri).is_some()
    }

    /// Re-reads configuration for every open document.
    pub fn reconfigure_all(&self) {
        let uris: Vec<Url> = lock(&self.docs).keys().cloned().collect();
        for uri in uris {
            let (config, _) = self.config_for(&uri);
            if let Some(entry) = lock(&self.docs).get_mut(&uri) {
                entry.state.set_size_limit(config.max_file_size);
                entry.state.set_settings(config.settings.clone());
                entry.config = config;
            }
        }
    }

    pub fn snapshot(&self, uri: &Url) -> Option<Snapshot> {
        let encoding = self.caps().encoding;
        let docs = lock(&self.docs);
        let entry = docs.get(uri)?;
        Some(Snapshot { state: entry.state.clone(), config: entry.config.clone(), encoding })
    }

    /// The current version of a document, if open.
    pub fn version(&self, uri: &Url) -> Option<i32> {
        lock(&self.docs).get(uri).map(|e| e.state.version())
    }
}

impl Snapshot {
    pub fn offset(&self, p: Position) -> Option<usize> {
        convert::offset(self.state.document().rope(), p, self.encoding).ok()
    }

    pub fn byte_range(&self, r: tower_lsp::lsp_types::Range) -> Option<Range<usize>> {
        convert::byte_range(self.state.document().rope(), r, self.encoding).ok()
    }

    pub fn range(&self, r: Range<usize>) -> tower_lsp::lsp_types::Range {
        convert::range(self.state.document().rope(), r, self.encoding)
    }

    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        let rope = self.state.document().rope();
        self.state.findings(&self.config).iter().map(|f| convert::diagnostic(rope, f, self.encoding)).collect()
    }

    fn text_edits(&self, edits: Vec<(Range<usize>, String)>) -> Vec<TextEdit> {
        edits.into_iter().map(|(r, text)| TextEdit { range: self.range(r), new_text: text }).collect()
    }

    pub fn workspace_edit(&self, uri: &Url, edits: Vec<(Range<usize>, String)>) -> WorkspaceEdit {
        let mut changes = HashMap::new();
        changes.insert(uri.clone(), self.text_edits(edits));
        WorkspaceEdit { changes: Some(changes), ..Default::default() }
    }

    /// A workspace edit tied to the snapshot's version: a client applying it to
    /// a newer version rejects it instead of corrupting the text.
    pub fn workspace_edit_versioned(&self, uri: &Url, edits: Vec<(Range<usize>, String)>) -> WorkspaceEdit {
        let edit = TextDocumentEdit {
            text_document: OptionalVersionedTextDocumentIdentifier {
                uri: uri.clone(),
                version: Some(self.state.version()),
            },
            edits: self.text_edits(edits).into_iter().map(OneOf::Left).collect(),
        };
        WorkspaceEdit { document_changes: Some(DocumentChanges::Edits(vec![edit])), ..Default::default() }
    }

    #[allow(deprecated)]
    pub fn symbol(&self, s: &Symbol) -> DocumentSymbol {
        DocumentSymbol {
            name: if s.name.trim().is_empty() { "(untitled)".into() } else { s.name.clone() },
            detail: s.detail.clone(),
            kind: SymbolKind::NAMESPACE,
            tags: None,
            deprecated: None,
            range: self.range(s.range.clone()),
            selection_range: self.range(s.selection.clone()),
            children: Some(s.children.iter().map(|c| self.symbol(c)).collect()),
        }
    }

    pub fn completion_item(&self, c: Completion, offset: usize) -> CompletionItem {
        let replace = c.replace.clone().unwrap_or(offset..offset);
        CompletionItem {
            label: c.label,
            kind: Some(if c.is_term { CompletionItemKind::CONSTANT } else { CompletionItemKind::SNIPPET }),
            detail: c.detail,
            documentation: c
                .documentation
                .map(|d| Documentation::MarkupContent(MarkupContent { kind: MarkupKind::Markdown, value: d })),
            insert_text_format: Some(if c.is_snippet {
                InsertTextFormat::SNIPPET
            } else {
                InsertTextFormat::PLAIN_TEXT
            }),
            text_edit: Some(CompletionTextEdit::Edit(TextEdit { range: self.range(replace), new_text: c.insert_text })),
            ..Default::default()
        }
    }
}
