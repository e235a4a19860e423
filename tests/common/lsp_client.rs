//! A minimal LSP client that drives the real `clausewise` binary over stdio,
//! shared by the protocol tests.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::Duration;

use serde_json::{json, Value};

/// How long to wait for one message before declaring the server dead.
pub const WAIT: Duration = Duration::from_secs(60);

/// A minimal LSP client over the binary's stdio.
pub struct Client {
    pub child: Child,
    pub stdin: Option<ChildStdin>,
    rx: Receiver<Value>,
    pub next_id: i64,
    /// Messages received while waiting for something else.
    backlog: Vec<Value>,
}

impl Client {
    pub fn spawn(envs: &[(&str, &str)]) -> Self {
        Self::spawn_with(&[], envs)
    }

    /// Starts the binary with command-line `args` and extra environment `envs`.
    pub fn spawn_with(args: &[&str], envs: &[(&str, &str)]) -> Self {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_clausewise"));
        cmd.args(args);
        cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::null());
        for (k, v) in envs {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().expect("start clausewise");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut len = None;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(v) = line.strip_prefix("Content-Length:") {
                        len = v.trim().parse::<usize>().ok();
                    }
                }
                let Some(len) = len else { return };
                let mut body = vec![0; len];
                if reader.read_exact(&mut body).is_err() {
                    return;
                }
                let Ok(value) = serde_json::from_slice::<Value>(&body) else { return };
                if tx.send(value).is_err() {
                    return;
                }
            }
        });
        Self { child, stdin: Some(stdin), rx, next_id: 0, backlog: Vec::new() }
    }

    pub fn raw(&mut self, body: &[u8]) {
        let header = format!("Content-Length: {}\r\n\r\n", body.len());
        self.bytes(&[header.as_bytes(), body].concat());
    }

    pub fn bytes(&mut self, data: &[u8]) {
        if let Some(stdin) = self.stdin.as_mut() {
            let _ = stdin.write_all(data);
            let _ = stdin.flush();
        }
    }

    pub fn send(&mut self, msg: Value) {
        self.raw(msg.to_string().as_bytes());
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    pub fn request_async(&mut self, method: &str, params: Value) -> i64 {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        id
    }

    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.request_async(method, params);
        self.response(id)
    }

    /// The next message matching `pred` (others are kept in the backlog).
    pub fn wait_for(&mut self, what: &str, pred: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.backlog.iter().position(&pred) {
            return self.backlog.remove(i);
        }
        loop {
            let msg = self.rx.recv_timeout(WAIT).unwrap_or_else(|_| panic!("no {what} from the server (did it die?)"));
            if let (Some(id), Some(method)) = (msg.get("id"), msg.get("method").and_then(Value::as_str)) {
                // A request from the server: answer it (no settings, nothing else).
                let result = if method == "workspace/configuration" { json!([null]) } else { Value::Null };
                let id = id.clone();
                self.send(json!({"jsonrpc": "2.0", "id": id, "result": result}));
                continue;
            }
            if pred(&msg) {
                return msg;
            }
            self.backlog.push(msg);
        }
    }

    pub fn response(&mut self, id: i64) -> Value {
        self.wait_for(&format!("response {id}"), |m| m.get("id") == Some(&json!(id)) && m.get("method").is_none())
    }

    /// The diagnostics published for `uri` at exactly `version`.
    pub fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let msg = self.wait_for(&format!("diagnostics for {uri} v{version}"), |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == version
        });
        msg["params"]["diagnostics"].as_array().cloned().unwrap_or_default()
    }

    pub fn initialize(&mut self) {
        let r = self.request("initialize", json!({"processId": null, "rootUri": null, "capabilities": {}}));
        assert!(r.get("result").is_some(), "{r}");
        self.notify("initialized", json!({}));
    }

    pub fn open(&mut self, uri: &str, text: &str, version: i64) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": version, "text": text}}),
        );
    }

    pub fn hover(&mut self, uri: &str, line: u32, character: u32) -> Value {
        self.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}),
        )
    }

    /// `shutdown` then `exit`, closing stdin; asserts a clean exit.
    pub fn shutdown(mut self) {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": "shutdown"}));
        let reply = self.response(id);
        assert!(reply.get("error").is_none(), "shutdown failed: {reply}");
        self.send(json!({"jsonrpc": "2.0", "method": "exit"}));
        self.stdin = None;
        let status = self.child.wait().expect("wait for the server");
        assert!(status.success(), "the server exited with {status}");
    }

    pub fn alive(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
