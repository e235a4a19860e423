//! Hover, code actions and completion through the protocol: JSON-RPC requests
//! into the in-process `LspService`, JSON responses out. Fixtures live in
//! `tests/fixtures/features/*.md`, with `$0` marking the cursor.

use std::future::poll_fn;

use serde_json::{json, Value};
use tower_lsp::jsonrpc::Request;
use tower_lsp::LspService;
use tower_service::Service;

use clausewise::lsp::Backend;

const URI: &str = "file:///tmp/clausewise-features/contract.md";

/// A fixture without its `$0` marker, and the marker's LSP position.
fn fixture(raw: &str) -> (String, Value) {
    let at = raw.find("$0").expect("fixture has a $0 cursor");
    let text = raw.replacen("$0", "", 1);
    let before = &text[..at];
    let line = before.matches('\n').count();
    let col: usize = before.rsplit('\n').next().unwrap_or("").encode_utf16().count();
    (text, json!({ "line": line, "character": col }))
}

struct Harness {
    service: LspService<Backend>,
    next_id: i64,
}

impl Harness {
    /// Initialises the server and opens `text`.
    async fn open(text: &str, snippets: bool) -> Self {
        let (service, socket) = clausewise::lsp::service();
        // Messages to the client (logs, diagnostics) are not under test here.
        drop(socket);
        let mut h = Self { service, next_id: 0 };
        let caps = json!({
            "textDocument": {
                "hover": { "contentFormat": ["markdown", "plaintext"] },
                "completion": { "completionItem": { "snippetSupport": snippets } }
            }
        });
        let init = h.request("initialize", json!({ "processId": null, "rootUri": null, "capabilities": caps })).await;
        assert!(init["capabilities"]["hoverProvider"].as_bool().unwrap_or(false));
        h.notify("initialized", json!({})).await;
        h.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": URI, "languageId": "markdown", "version": 1, "text": text } }),
        )
        .await;
        h
    }

    async fn send(&mut self, req: Request) -> Option<Value> {
        poll_fn(|cx| self.service.poll_ready(cx)).await.expect("service ready");
        let response = self.service.call(req).await.expect("service call")?;
        let (_, result) = response.into_parts();
        Some(result.expect("request succeeded"))
    }

    async fn request(&mut self, method: &'static str, params: Value) -> Value {
        self.next_id += 1;
        let req = Request::build(method).params(params).id(self.next_id).finish();
        self.send(req).await.expect("a response")
    }

    async fn notify(&mut self, method: &'static str, params: Value) {
        let req = Request::build(method).params(params).finish();
        assert!(self.send(req).await.is_none());
    }

    async fn at(&mut self, method: &'static str, pos: &Value, extra: Value) -> Value {
        let mut params = json!({ "textDocument": { "uri": URI }, "position": pos });
        if let (Some(p), Some(e)) = (params.as_object_mut(), extra.as_object()) {
            for (k, v) in e {
                p.insert(k.clone(), v.clone());
            }
        }
        self.request(method, params).await
    }
}

fn hover_text(v: &Value) -> String {
    v["contents"]["value"].as_str().unwrap_or("").to_string()
}

#[tokio::test]
async fn hover_on_a_defined_term_shows_its_definition() {
    let (text, pos) = fixture(include_str!("fixtures/features/hover_defined_term.md"));
    let mut h = Harness::open(&text, false).await;
    let hover = h.at("textDocument/hover", &pos, json!({})).await;
    let md = hover_text(&hover);
    assert_eq!(hover["contents"]["kind"], "markdown");
    assert!(md.starts_with("**Deliverables** (defined term)"), "{md}");
    assert!(md.contains("the trained model, its code"), "{md}");
    // Then the glossary entry for the same word.
    assert!(md.contains("(glossary)"), "{md}");
    let line = pos["line"].as_u64().unwrap();
    assert_eq!(hover["range"]["start"]["line"].as_u64(), Some(line));
    let (s, e) =
        (hover["range"]["start"]["character"].as_u64().unwrap(), hover["range"]["end"]["character"].as_u64().unwrap());
    assert_eq!(e - s, "Deliverables".len() as u64);
}

#[tokio::test]
async fn hover_on_a_reference_shows_the_target() {
    let (text, pos) = fixture(include_str!("fixtures/features/hover_reference.md"));
    let mut h = Harness::open(&text, false).await;
    let md = hover_text(&h.at("textDocument/hover", &pos, json!({})).await);
    assert!(md.contains("**1 Services**"), "{md}");
    assert!(md.contains("churn model"), "{md}");
    let def = h.at("textDocument/definition", &pos, json!({})).await;
    assert_eq!(def["range"]["start"]["line"], 4);
}

#[tokio::test]
async fn hover_on_a_glossary_term_inside_a_table() {
    let (text, pos) = fixture(include_str!("fixtures/features/hover_glossary.md"));
    let mut h = Harness::open(&text, false).await;
    let hover = h.at("textDocument/hover", &pos, json!({})).await;
    let md = hover_text(&hover);
    assert!(md.contains("**model drift** (glossary)"), "{md}");
    assert!(md.contains("**Why it matters:**") && md.contains("**What to ask for:**"), "{md}");
    assert!(md.contains("`support.drift-not-defect`"), "{md}");
    assert_eq!(
        hover["range"]["end"]["character"].as_u64().unwrap() - hover["range"]["start"]["character"].as_u64().unwrap(),
        11
    );
}

#[tokio::test]
async fn code_actions_insert_missing_clauses_styled_like_the_contract() {
    let (text, pos) = fixture(include_str!("fixtures/features/code_actions_missing.md"));
    let mut h = Harness::open(&text, false).await;
    let params = json!({
        "textDocument": { "uri": URI },
        "range": { "start": pos, "end": pos },
        "context": { "diagnostics": [] }
    });
    let actions = h.request("textDocument/codeAction", params).await;
    let actions = actions.as_array().expect("a list of actions");
    let cap = actions.iter().find(|a| a["title"] == "Insert liability cap clause").expect("liability cap action");
    assert_eq!(cap["kind"], "quickfix");
    let doc_edit = &cap["edit"]["documentChanges"][0];
    assert_eq!(doc_edit["textDocument"]["version"], 1, "edits carry the document version");
    let edit = &doc_edit["edits"][0];
    assert_eq!(edit["range"]["start"], edit["range"]["end"], "a pure insertion");
    let new_text = edit["newText"].as_str().unwrap();
    assert!(new_text.contains("### 2.1 Limitation of Liability"), "{new_text}");
    assert!(new_text.contains("paid by the Customer to the Provider"), "{new_text}");
    // Inserted at the end of section 2, just before "## 3. Fees".
    assert_eq!(edit["range"]["start"]["line"], 12);
    assert!(actions
        .iter()
        .any(|a| a["title"] == "Insert all missing protections" && a["kind"] == "source.clausewise.insertMissing"));
}

#[tokio::test]
async fn completion_offers_defined_terms_with_their_definitions() {
    let (text, pos) = fixture(include_str!("fixtures/features/completion_terms.md"));
    let mut h = Harness::open(&text, true).await;
    let items = h.at("textDocument/completion", &pos, json!({})).await;
    let items = items.as_array().expect("a list of items");
    let item = items.iter().find(|i| i["label"] == "Effective Date").expect("Effective Date offered");
    assert!(item["documentation"]["value"].as_str().unwrap_or("").contains("1 March 2025"));
    assert_eq!(item["textEdit"]["newText"], "Effective Date");
    assert_eq!(item["textEdit"]["range"]["end"], pos);
}

#[tokio::test]
async fn completion_offers_clause_snippets_after_a_heading_marker() {
    let (text, pos) = fixture(include_str!("fixtures/features/completion_clause.md"));
    let mut h = Harness::open(&text, true).await;
    let items = h.at("textDocument/completion", &pos, json!({})).await;
    let items = items.as_array().expect("a list of items");
    let cap = items.iter().find(|i| i["label"] == "Limitation of Liability").expect("clause snippet");
    assert_eq!(cap["insertTextFormat"], 2, "snippet format when the client supports it");
    let new_text = cap["textEdit"]["newText"].as_str().unwrap();
    assert!(new_text.starts_with("Limitation of Liability\n\n") && new_text.ends_with("$0"), "{new_text}");
}
