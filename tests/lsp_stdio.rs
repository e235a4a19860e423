//! End to end over stdio: spawns the real binary, initializes, opens a contract,
//! receives diagnostics, edits it, and receives the updated diagnostics.

mod common;

use std::process::Command;
use std::time::{Duration, Instant};

use common::lsp_client::Client;
use serde_json::{json, Value};

fn codes(diags: &[Value]) -> Vec<String> {
    diags.iter().filter_map(|d| d["code"].as_str().map(String::from)).collect()
}

#[test]
fn open_edit_and_receive_updated_diagnostics() {
    let mut client = Client::spawn_with(&["--stdio"], &[]);
    let init = client.request(
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {"general": {"positionEncodings": ["utf-16"]}}}),
    );
    assert_eq!(init["result"]["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(init["result"]["capabilities"]["textDocumentSync"]["change"], 2);
    client.notify("initialized", json!({}));

    let uri = "file:///tmp/clausewise-e2e/contract.md";
    let text = include_str!("fixtures/sample-contract.md");
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
    );
    let diags = client.diagnostics(uri, 1);
    let found = codes(&diags);
    assert!(found.contains(&"ip.work-for-hire".to_string()), "{found:?}");
    assert!(found.contains(&"liability.cap".to_string()), "{found:?}");
    assert!(diags.iter().all(|d| d["source"] == "clausewise"));
    let wfh = diags.iter().find(|d| d["code"] == "ip.work-for-hire").expect("work-for-hire diagnostic");
    let line = wfh["range"]["start"]["line"].as_u64().expect("line") as usize;
    assert!(text.lines().nth(line).unwrap_or("").contains("work made for hire"));

    // Replace the work-for-hire sentence and add a liability cap, as two incremental edits.
    let line_text = text.lines().nth(line).expect("line");
    let new_ip = "4.1 Ownership of the deliverables passes to the Client on payment in full.";
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [
            {"range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": line_text.encode_utf16().count()}}, "text": new_ip},
            {"range": {"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 0}},
             "text": "Each party's total liability under this Agreement shall not exceed the fees paid.\n\n"}
        ]}),
    );
    let found = codes(&client.diagnostics(uri, 2));
    assert!(!found.contains(&"ip.work-for-hire".to_string()), "{found:?}");
    assert!(!found.contains(&"liability.cap".to_string()), "{found:?}");
    assert!(found.contains(&"refs.broken".to_string()), "unrelated findings remain: {found:?}");
    client.shutdown();
}

#[test]
fn utf8_positions_when_the_client_offers_them() {
    let mut client = Client::spawn(&[]);
    let init = client.request(
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {"general": {"positionEncodings": ["utf-8", "utf-16"]}}}),
    );
    assert_eq!(init["result"]["capabilities"]["positionEncoding"], "utf-8");
    client.notify("initialized", json!({}));
    let uri = "file:///tmp/clausewise-e2e/emoji.md";
    let text = "# Consulting Agreement 😀\n\nThis Agreement is made between Acme Ltd (\"Client\") and Jane Doe (\"Consultant\").\n\n😀 契約: all work is a work made for hire.\n";
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
    );
    let diags = client.diagnostics(uri, 1);
    let wfh = diags.iter().find(|d| d["code"] == "ip.work-for-hire").expect("work-for-hire diagnostic");
    let line = text.lines().nth(4).expect("line 4");
    let byte_col = line.find("work made for hire").expect("phrase") as u64;
    assert_eq!(wfh["range"]["start"]["character"].as_u64(), Some(byte_col));
    client.shutdown();
}

#[test]
fn unknown_flags_are_usage_errors() {
    let out = Command::new(env!("CARGO_BIN_EXE_clausewise")).arg("--no-such-flag").output().expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--no-such-flag"));
}

#[test]
fn pull_diagnostics_match_the_command_line() {
    let mut client = Client::spawn_with(&["lsp"], &[]);
    let init = client.request(
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {"textDocument": {"diagnostic": {"dynamicRegistration": false}}}}),
    );
    assert_eq!(init["result"]["capabilities"]["diagnosticProvider"]["identifier"], "clausewise");
    client.notify("initialized", json!({}));
    let uri = "file:///tmp/clausewise-e2e/pull.md";
    let text = include_str!("fixtures/sample-contract.md");
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
    );
    let report = client.request("textDocument/diagnostic", json!({"textDocument": {"uri": uri}}));
    assert_eq!(report["result"]["kind"], "full");
    let mut from_server: Vec<(String, u64)> = report["result"]["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|d| (d["code"].as_str().unwrap_or("").to_string(), d["range"]["start"]["line"].as_u64().unwrap_or(0) + 1))
        .collect();
    let cli = Command::new(env!("CARGO_BIN_EXE_clausewise"))
        .args(["check", "--format", "json", "tests/fixtures/sample-contract.md"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run check");
    let items: Vec<Value> = serde_json::from_slice(&cli.stdout).expect("json");
    let mut from_cli: Vec<(String, u64)> =
        items.iter().map(|i| (i["rule"].as_str().unwrap_or("").to_string(), i["line"].as_u64().unwrap_or(0))).collect();
    from_server.sort();
    from_cli.sort();
    assert!(!from_cli.is_empty());
    assert_eq!(from_server, from_cli, "the server and the CLI disagree");
    client.shutdown();
}

#[test]
fn exit_ends_the_process_while_stdin_is_still_open() {
    let mut client = Client::spawn(&[]);
    client.request("initialize", json!({"processId": null, "rootUri": null, "capabilities": {}}));
    client.notify("initialized", json!({}));
    client.next_id += 1;
    let id = client.next_id;
    client.send(json!({"jsonrpc": "2.0", "id": id, "method": "shutdown"}));
    client.response(id);
    client.send(json!({"jsonrpc": "2.0", "method": "exit"}));
    // stdin stays open: the server must end on `exit` alone.
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Some(status) = client.child.try_wait().expect("poll the server") {
            assert!(status.success(), "{status}");
            break;
        }
        assert!(Instant::now() < deadline, "the server is still running 30 s after exit");
        std::thread::sleep(Duration::from_millis(20));
    }
}
