//! Keeps one malformed message from ending the session.
//!
//! tower-lsp 0.20 stops reading stdin after the first frame it cannot decode
//! (its `FramedRead` ends the stream on a decoder error), so a single bad JSON
//! body made the server exit. Frames are checked here first: a frame that is
//! not a JSON-RPC request, notification or response is logged (without its
//! content: contracts are confidential) and replaced by a notification the
//! server ignores; frames without a usable `Content-Length` are skipped.

use serde_json::Value;
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWriteExt, BufReader};
use tower_lsp::jsonrpc::{Request, Response};

/// What a rejected frame becomes: a notification nobody handles.
const IGNORED: &[u8] = br#"{"jsonrpc":"2.0","method":"$/clausewise/ignoredMalformedMessage"}"#;
/// Larger frames are refused without being buffered.
const MAX_FRAME_BYTES: usize = 256 << 20;

/// Whether tower-lsp can decode `body` as a message.
pub fn is_message(body: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(body) else { return false };
    if serde_json::from_str::<Value>(text).is_err() {
        return false;
    }
    serde_json::from_str::<Request>(text).is_ok() || serde_json::from_str::<Response>(text).is_ok()
}

/// Whether `body` is the `exit` notification.
fn is_exit(body: &[u8]) -> bool {
    serde_json::from_slice::<Value>(body)
        .is_ok_and(|v| v.get("method").and_then(Value::as_str) == Some("exit") && v.get("id").is_none())
}

/// Reads one frame's header block; `Ok(None)` at end of input, `Ok(Some(None))`
/// for a header block without a usable length.
async fn read_length<R: AsyncBufReadExt + Unpin>(input: &mut R) -> std::io::Result<Option<Option<usize>>> {
    let mut length = None;
    let mut saw_any = false;
    loop {
        let mut line = Vec::new();
        if input.read_until(b'\n', &mut line).await? == 0 {
            return Ok(None);
        }
        let line = String::from_utf8_lossy(&line);
        let line = line.trim();
        if line.is_empty() {
            if saw_any {
                return Ok(Some(length));
            }
            continue;
        }
        saw_any = true;
        if let Some((name, value)) = line.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-length") {
                length = value.trim().parse::<usize>().ok();
            }
        }
    }
}

/// A reader of `input` that only ever yields well-formed frames.
pub fn checked<R: AsyncRead + Unpin + Send + 'static>(input: R) -> impl AsyncRead {
    let (mut writer, reader) = tokio::io::duplex(1 << 20);
    tokio::spawn(async move {
        let mut input = BufReader::new(input);
        loop {
            let length = match read_length(&mut input).await {
                Ok(Some(Some(n))) if n <= MAX_FRAME_BYTES => n,
                Ok(Some(_)) => {
                    tracing::warn!("skipped a message without a valid Content-Length");
                    continue;
                }
                Ok(None) | Err(_) => break,
            };
            let mut body = vec![0; length];
            if input.read_exact(&mut body).await.is_err() {
                break;
            }
            let body: &[u8] = if is_message(&body) {
                &body
            } else {
                tracing::warn!("ignored a malformed message of {length} bytes (not JSON-RPC)");
                IGNORED
            };
            let header = format!("Content-Length: {}\r\n\r\n", body.len());
            if writer.write_all(header.as_bytes()).await.is_err() || writer.write_all(body).await.is_err() {
                break;
            }
            // After `exit` nothing more is read: ending the stream here is what lets
            // tower-lsp's loop (which waits for the next message) return.
            if is_exit(body) {
                break;
            }
        }
        let _ = writer.shutdown().await;
    });
    reader
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_json_rpc_messages_pass() {
        assert!(is_message(br#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#));
        assert!(is_message(br#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#));
        assert!(is_message(br#"{"jsonrpc":"2.0","id":1,"result":null}"#));
        assert!(is_message(IGNORED));
        assert!(!is_message(br#"{"jsonrpc": "2.0", "id": 99, "method": "#));
        assert!(!is_message(b"[1, 2]"));
        assert!(!is_message(b"\xff\xfe"));
        assert!(!is_message(br#"{"id": {"nested": true}, "method": 5}"#));
    }

    #[test]
    fn exit_is_recognised() {
        assert!(is_exit(br#"{"jsonrpc":"2.0","method":"exit"}"#));
        assert!(!is_exit(br#"{"jsonrpc":"2.0","id":3,"method":"exit"}"#));
        assert!(!is_exit(br#"{"jsonrpc":"2.0","method":"initialized"}"#));
    }
}
