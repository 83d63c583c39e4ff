//! Stopping: the signal that starts it (SIGINT or SIGTERM), and the `halt` flag every task
//! of the bot watches, as mini-redis's `shutdown.rs` does.

use tokio::sync::watch;

/// Resolves once `halt` is true (or its sender is gone).
pub async fn halted(halt: &mut watch::Receiver<bool>) {
    let _ = halt.wait_for(|h| *h).await;
}

/// Resolves on SIGINT or SIGTERM.
pub async fn signal() {
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(e) => {
                tracing::warn!(
                    "cannot listen for SIGTERM ({e}); only SIGINT stops the bot gracefully"
                );
                std::future::pending::<()>().await;
            }
        }
    };
    tokio::select! {
        _ = tokio::signal::ctrl_c() => tracing::info!("SIGINT received"),
        _ = terminate => tracing::info!("SIGTERM received"),
    }
}
