//! The language server: the only module that knows LSP.
//!
//! Handlers convert positions in, call one analysis function, convert results
//! out. Document mutations happen synchronously at the start of a handler,
//! before any `.await`, so no later request can see stale text even though
//! tower-lsp may run handlers concurrently. Diagnostics are computed and
//! published by one task per server that coalesces bursts: it always works on
//! the newest text and never publishes for a version the client has left.

pub mod convert;
mod framing;
mod publisher;
mod state;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

use serde_json::Value;
use tower_lsp::jsonrpc::{Error, ErrorCode, Result};
use tower_lsp::lsp_types::*;
use tower_lsp::{Client, LanguageServer, LspService, Server};

use crate::analysis::features::{self, ActionKind};
use crate::config::Config;
use crate::document::PositionEncoding;

use state::{ServerState, Snapshot};

/// Kind of the "Insert all missing protections" source action.
pub const INSERT_MISSING_KIND: &str = "source.clausewise.insertMissing";
/// Kind of the "Renumber sections" source action.
pub const RENUMBER_KIND: &str = "source.clausewise.renumber";

/// Runs `f`, turning a panic into `None` and a log line: one bug in a rule or a
/// feature must not take the server (and every other open document) down.
pub(crate) fn guarded<T>(what: &str, f: impl FnOnce() -> T) -> Option<T> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(v) => Some(v),
        Err(panic) => {
            let msg = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            tracing::error!("internal error in {what}: {msg}");
            None
        }
    }
}

fn internal_error(what: &str) -> Error {
    Error {
        code: ErrorCode::InternalError,
        message: format!("clausewise: internal error in {what} (see the server log)").into(),
        data: None,
    }
}

/// The server.
pub struct Backend {
    client: Client,
    state: Arc<ServerState>,
}

impl Backend {
    fn new(client: Client) -> Self {
        let state = Arc::new(ServerState::default());
        publisher::spawn(client.clone(), state.clone());
        Self { client, state }
    }

    async fn log(&self, typ: MessageType, message: String) {
        self.client.log_message(typ, message).await;
    }

    /// Snapshot of a document, or an error for an unknown URI.
    fn snapshot(&self, uri: &Url) -> Result<Snapshot> {
        self.state.snapshot(uri).ok_or_else(|| Error::invalid_params(format!("unknown document {uri} (not open)")))
    }

    async fn apply_client_settings(&self, value: &Value) {
        let value = value.get("clausewise").unwrap_or(value);
        match Config::from_json(value) {
            Ok(cfg) => {
                for w in &cfg.warnings {
                    self.log(MessageType::WARNING, format!("clausewise settings: {w}")).await;
                }
                self.state.set_client_config(cfg);
                self.state.reconfigure_all();
                self.state.request_publish_all();
            }
            Err(e) => {
                let msg = format!("clausewise: invalid settings, keeping the previous ones: {e}");
                self.client.show_message(MessageType::ERROR, &msg).await;
                self.log(MessageType::ERROR, msg).await;
            }
        }
    }

    async fn pull_configuration(&self) {
        if !self.state.caps().configuration {
            return;
        }
        let items = vec![ConfigurationItem { scope_uri: None, section: Some("clausewise".into()) }];
        match self.client.configuration(items).await {
            Ok(values) => {
                if let Some(v) = values.into_iter().next().filter(|v| !v.is_null()) {
                    self.apply_client_settings(&v).await;
                }
            }
            Err(e) => self.log(MessageType::WARNING, format!("workspace/configuration failed: {e}")).await,
        }
    }
}

#[tower_lsp::async_trait]
impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let encodings =
            params.capabilities.general.as_ref().and_then(|g| g.position_encodings.clone()).unwrap_or_default();
        let encoding = if encodings.contains(&PositionEncodingKind::UTF8) {
            PositionEncoding::Utf8
        } else {
            PositionEncoding::Utf16
        };
        let text_doc = params.capabilities.text_document.as_ref();
        let caps = state::ClientCaps {
            encoding,
            pull_diagnostics: text_doc.and_then(|t| t.diagnostic.as_ref()).is_some(),
            snippets: text_doc
                .and_then(|t| t.completion.as_ref())
                .and_then(|c| c.completion_item.as_ref())
                .and_then(|i| i.snippet_support)
                .unwrap_or(false),
            configuration: params.capabilities.workspace.as_ref().and_then(|w| w.configuration).unwrap_or(false),
            markdown_hover: text_doc
                .and_then(|t| t.hover.as_ref())
                .and_then(|h| h.content_format.as_ref())
                .map(|f| f.is_empty() || f.contains(&MarkupKind::Markdown))
                .unwrap_or(true),
        };
        self.state.set_caps(caps);
        #[allow(deprecated)]
        let root = params
            .workspace_folders
            .as_ref()
            .and_then(|f| f.first())
            .and_then(|f| f.uri.to_file_path().ok())
            .or_else(|| params.root_uri.as_ref().and_then(|u| u.to_file_path().ok()));
        self.state.set_root(root);
        if let Some(opts) = params.initialization_options.as_ref() {
            let value = opts.get("clausewise").unwrap_or(opts);
            match Config::from_json(value) {
                Ok(cfg) => self.state.set_client_config(cfg),
                Err(e) => tracing::error!("initializationOptions: {e}"),
            }
        }
        let diagnostic_provider = caps.pull_diagnostics.then(|| {
            DiagnosticServerCapabilities::Options(DiagnosticOptions {
                identifier: Some("clausewise".into()),
                inter_file_dependencies: false,
                workspace_diagnostics: false,
                work_done_progress_options: Default::default(),
            })
        });
        Ok(InitializeResult {
            server_info: Some(ServerInfo {
                name: "clausewise".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
            capabilities: ServerCapabilities {
                position_encoding: Some(match encoding {
                    PositionEncoding::Utf8 => PositionEncodingKind::UTF8,
                    PositionEncoding::Utf16 => PositionEncodingKind::UTF16,
                }),
                text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::INCREMENTAL),
                    save: Some(TextDocumentSyncSaveOptions::Supported(false)),
                    ..Default::default()
                })),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                definition_provider: Some(OneOf::Left(true)),
                references_provider: Some(OneOf::Left(true)),
                rename_provider: Some(OneOf::Right(RenameOptions {
                    prepare_provider: Some(true),
                    work_done_progress_options: Default::default(),
                })),
                document_symbol_provider: Some(OneOf::Left(true)),
                folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
                code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                    code_action_kinds: Some(vec![
                        CodeActionKind::QUICKFIX,
                        CodeActionKind::SOURCE,
                        CodeActionKind::from(INSERT_MISSING_KIND),
                        CodeActionKind::from(RENUMBER_KIND),
                    ]),
                    ..Default::default()
                })),
                completion_provider: Some(CompletionOptions {
                    trigger_characters: Some(vec!["\"".into(), ":".into(), " ".into()]),
                    ..Default::default()
                }),
                diagnostic_provider,
                ..Default::default()
            },
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        self.log(MessageType::INFO, format!("clausewise {} ready", env!("CARGO_PKG_VERSION"))).await;
        self.pull_configuration().await;
    }

    async fn shutdown(&self) -> Result<()> {
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let doc = params.text_document;
        let outcome = guarded("didOpen", || self.state.open(doc.uri.clone(), &doc.text, doc.version));
        match outcome {
            Some(Ok(notes)) => {
                self.state.request_publish(&doc.uri);
                for note in notes {
                    self.log(MessageType::WARNING, note).await;
                }
            }
            Some(Err(e)) => self.log(MessageType::ERROR, e).await,
            None => self.log(MessageType::ERROR, format!("could not open {}", doc.uri)).await,
        }
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        let version = params.text_document.version;
        let outcome = guarded("didChange", || self.state.change(&uri, version, &params.content_changes));
        match outcome {
            Some(Ok(notes)) => {
                self.state.request_publish(&uri);
                for note in notes {
                    self.log(MessageType::WARNING, note).await;
                }
            }
            Some(Err(e)) => self.log(MessageType::WARNING, e).await,
            None => self.log(MessageType::ERROR, format!("could not apply changes to {uri}")).await,
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        if self.state.close(&uri) && !self.state.caps().pull_diagnostics {
            self.client.publish_diagnostics(uri, Vec::new(), None).await;
        }
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        if self.state.caps().configuration {
            self.pull_configuration().await;
        } else if !params.settings.is_null() {
            self.apply_client_settings(&params.settings).await;
        }
    }

    async fn diagnostic(&self, params: DocumentDiagnosticParams) -> Result<DocumentDiagnosticReportResult> {
        let snap = self.snapshot(&params.text_document.uri)?;
        let items = guarded("diagnostic", || snap.diagnostics()).ok_or_else(|| internal_error("diagnostics"))?;
        Ok(DocumentDiagnosticReportResult::Report(DocumentDiagnosticReport::Full(
            RelatedFullDocumentDiagnosticReport {
                related_documents: None,
                full_document_diagnostic_report: FullDocumentDiagnosticReport { result_id: None, items },
            },
        )))
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let pos = params.text_document_position_params;
        let snap = self.snapshot(&pos.text_document.uri)?;
        let Some(offset) = snap.offset(pos.position) else { return Ok(None) };
        let markdown = self.state.caps().markdown_hover;
        let info = guarded("hover", || {
            let model = snap.state.model();
            let findings = snap.state.findings_with_model(&model, &snap.config);
            features::hover(&snap.state, &model, &findings, offset)
        })
        .ok_or_else(|| internal_error("hover"))?;
        Ok(info.map(|h| Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: if markdown { MarkupKind::Markdown } else { MarkupKind::PlainText },
                value: h.markdown,
            }),
            range: Some(snap.range(h.range)),
        }))
    }

    async fn goto_definition(&self, params: GotoDefinitionParams) -> Result<Option<GotoDefinitionResponse>> {
        let pos = params.text_document_position_params;
        let snap = self.snapshot(&pos.text_document.uri)?;
        let Some(offset) = snap.offset(pos.position) else { return Ok(None) };
        let target = guarded("definition", || features::definition(&snap.state, &snap.state.model(), offset))
            .ok_or_else(|| internal_error("definition"))?;
        Ok(target.map(|r| {
            GotoDefinitionResponse::Scalar(Location { uri: pos.text_document.uri.clone(), range: snap.range(r) })
        }))
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let pos = params.text_document_position;
        let snap = self.snapshot(&pos.text_document.uri)?;
        let Some(offset) = snap.offset(pos.position) else { return Ok(None) };
        let include = params.context.include_declaration;
        let found = guarded("references", || features::references(&snap.state, &snap.state.model(), offset, include))
            .ok_or_else(|| internal_error("references"))?;
        Ok(Some(
            found.into_iter().map(|r| Location { uri: pos.text_document.uri.clone(), range: snap.range(r) }).collect(),
        ))
    }

    async fn prepare_rename(&self, params: TextDocumentPositionParams) -> Result<Option<PrepareRenameResponse>> {
        let snap = self.snapshot(&params.text_document.uri)?;
        let Some(offset) = snap.offset(params.position) else { return Ok(None) };
        let found = guarded("prepareRename", || features::prepare_rename(&snap.state, &snap.state.model(), offset))
            .ok_or_else(|| internal_error("prepareRename"))?;
        Ok(found.map(|r| PrepareRenameResponse::Range(snap.range(r))))
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        let pos = params.text_document_position;
        let snap = self.snapshot(&pos.text_document.uri)?;
        let Some(offset) = snap.offset(pos.position) else { return Ok(None) };
        let result = guarded("rename", || features::rename(&snap.state, &snap.state.model(), offset, &params.new_name))
            .ok_or_else(|| internal_error("rename"))?;
        match result {
            Ok(edits) => Ok(Some(snap.workspace_edit(&pos.text_document.uri, edits))),
            Err(msg) => Err(Error::invalid_params(msg)),
        }
    }

    async fn document_symbol(&self, params: DocumentSymbolParams) -> Result<Option<DocumentSymbolResponse>> {
        let snap = self.snapshot(&params.text_document.uri)?;
        let symbols = guarded("documentSymbol", || features::symbols(&snap.state, &snap.state.model()))
            .ok_or_else(|| internal_error("documentSymbol"))?;
        Ok(Some(DocumentSymbolResponse::Nested(symbols.iter().map(|s| snap.symbol(s)).collect())))
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        let snap = self.snapshot(&params.text_document.uri)?;
        let ranges = guarded("foldingRange", || features::folding(&snap.state, &snap.state.model()))
            .ok_or_else(|| internal_error("foldingRange"))?;
        Ok(Some(
            ranges
                .into_iter()
                .map(|r| {
                    let range = snap.range(r);
                    FoldingRange {
                        start_line: range.start.line,
                        start_character: None,
                        end_line: range.end.line,
                        end_character: None,
                        kind: Some(FoldingRangeKind::Region),
                        collapsed_text: None,
                    }
                })
                .filter(|f| f.end_line > f.start_line)
                .collect(),
        ))
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let uri = params.text_document.uri;
        let snap = self.snapshot(&uri)?;
        let Some(range) = snap.byte_range(params.range) else { return Ok(None) };
        let only = params.context.only.clone();
        let actions = guarded("codeAction", || {
            let model = snap.state.model();
            let findings = snap.state.findings_with_model(&model, &snap.config);
            features::code_actions(&snap.state, &model, &findings, range, &snap.config)
        })
        .ok_or_else(|| internal_error("codeAction"))?;
        let diagnostics = params.context.diagnostics;
        let out: Vec<CodeActionOrCommand> = actions
            .into_iter()
            .filter_map(|a| {
                let kind = match a.kind {
                    ActionKind::QuickFix => CodeActionKind::QUICKFIX,
                    ActionKind::InsertAllMissing => CodeActionKind::from(INSERT_MISSING_KIND),
                    ActionKind::Renumber => CodeActionKind::from(RENUMBER_KIND),
                };
                if let Some(only) = &only {
                    if !only
                        .iter()
                        .any(|o| kind.as_str() == o.as_str() || kind.as_str().starts_with(&format!("{}.", o.as_str())))
                    {
                        return None;
                    }
                }
                let related: Vec<Diagnostic> = diagnostics
                    .iter()
                    .filter(|d| matches!(&d.code, Some(NumberOrString::String(c)) if a.fixes.contains(&c.as_str())))
                    .cloned()
                    .collect();
                Some(CodeActionOrCommand::CodeAction(CodeAction {
                    title: a.title.clone(),
                    kind: Some(kind),
                    diagnostics: (!related.is_empty()).then_some(related),
                    edit: Some(snap.workspace_edit_versioned(&uri, a.edits.clone())),
                    is_preferred: Some(a.preferred),
                    ..Default::default()
                }))
            })
            .collect();
        Ok(Some(out))
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let pos = params.text_document_position;
        let snap = self.snapshot(&pos.text_document.uri)?;
        let Some(offset) = snap.offset(pos.position) else { return Ok(None) };
        let snippets = self.state.caps().snippets;
        let items = guarded("completion", || features::completion(&snap.state, &snap.state.model(), offset, snippets))
            .ok_or_else(|| internal_error("completion"))?;
        Ok(Some(CompletionResponse::Array(items.into_iter().map(|c| snap.completion_item(c, offset)).collect())))
    }
}

/// The server as an in-process service and the socket of messages it sends to
/// the client (for protocol tests that drive it without a child process).
/// Needs a running tokio runtime (the diagnostics publisher is spawned on it).
pub fn service() -> (LspService<Backend>, tower_lsp::ClientSocket) {
    LspService::new(Backend::new)
}

/// Runs the server on stdin/stdout until the client exits.
pub async fn run_stdio() {
    let stdin = framing::checked(tokio::io::stdin());
    let stdout = tokio::io::stdout();
    let (service, socket) = service();
    Server::new(stdin, stdout, socket).serve(service).await;
}
