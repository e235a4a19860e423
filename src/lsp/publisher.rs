//! Publishes diagnostics from one task, coalescing bursts of edits.
//!
//! Handlers only send "this document changed". The task drains everything
//! queued, analyses each changed document once on its newest text (on a blocking
//! thread, so the message loop never waits), and drops the result if the
//! document moved on meanwhile: a newer request is then already queued.

use std::sync::Arc;

use tokio::sync::mpsc::unbounded_channel;
use tower_lsp::lsp_types::Url;
use tower_lsp::Client;

use super::guarded;
use super::state::ServerState;

/// Starts the publisher task and connects it to `state`.
pub fn spawn(client: Client, state: Arc<ServerState>) {
    let (tx, mut rx) = unbounded_channel::<Url>();
    state.set_publisher(tx);
    tokio::spawn(async move {
        while let Some(first) = rx.recv().await {
            let mut pending = vec![first];
            while let Ok(uri) = rx.try_recv() {
                if !pending.contains(&uri) {
                    pending.push(uri);
                }
            }
            for uri in pending {
                let Some(snap) = state.snapshot(&uri) else { continue };
                let version = snap.state.version();
                let computed = tokio::task::spawn_blocking(move || guarded("diagnostics", || snap.diagnostics())).await;
                let Ok(Some(diagnostics)) = computed else {
                    client
                        .log_message(
                            tower_lsp::lsp_types::MessageType::ERROR,
                            format!("clausewise: could not analyse {uri}"),
                        )
                        .await;
                    continue;
                };
                if state.version(&uri) != Some(version) {
                    continue;
                }
                client.publish_diagnostics(uri, diagnostics, Some(version)).await;
            }
        }
    });
}
