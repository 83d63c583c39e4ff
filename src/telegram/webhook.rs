//! The webhook server: Telegram posts each update here, with the shared secret in a header.
//! The answer is `200` only once the update is recorded in the durable queue; until then
//! Telegram keeps it and tries again, so a crash loses nothing.

use std::sync::Arc;
use std::time::Instant;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use teloxide::types::{Update, UpdateKind};
use tokio::net::TcpListener;
use tokio::sync::watch;

use super::api::BotApi;
use super::journal::Journal;
use super::shutdown::halted;
use super::workers::Workers;

const SECRET_HEADER: &str = "x-telegram-bot-api-secret-token";

struct Hook<R> {
    secret: String,
    journal: Journal,
    workers: Arc<Workers<R>>,
}

/// Serves the webhook at `path` on `listener` until `halt`; requests in progress finish.
pub async fn serve<R: BotApi>(
    listener: TcpListener,
    path: &str,
    secret: String,
    journal: Journal,
    workers: Arc<Workers<R>>,
    mut halt: watch::Receiver<bool>,
) -> std::io::Result<()> {
    let hook = Arc::new(Hook {
        secret,
        journal,
        workers,
    });
    let app = Router::new()
        .route(path, post(receive::<R>))
        .with_state(hook);
    axum::serve(listener, app)
        .with_graceful_shutdown(async move { halted(&mut halt).await })
        .await
}

async fn receive<R: BotApi>(
    State(hook): State<Arc<Hook<R>>>,
    headers: HeaderMap,
    body: Bytes,
) -> StatusCode {
    let arrived = Instant::now();
    let secret = headers.get(SECRET_HEADER).map(|v| v.as_bytes());
    if secret != Some(hook.secret.as_bytes()) {
        return StatusCode::UNAUTHORIZED;
    }
    let update = match serde_json::from_slice::<Update>(&body) {
        Ok(u) if !matches!(u.kind, UpdateKind::Error(_)) => u,
        // Telegram would send it again and again; it cannot be answered anyway.
        _ => {
            tracing::debug!("skipped an update that does not parse");
            return StatusCode::OK;
        }
    };
    // A retry of an update already taken (Telegram did not get our 200 in time) is not
    // answered twice.
    let fresh = hook.workers.claim(vec![update]);
    if fresh.is_empty() {
        return StatusCode::OK;
    }
    let recorded = hook.journal.record(fresh.clone());
    for update in fresh {
        hook.workers.submit(update, arrived);
    }
    if recorded.await.unwrap_or(false) {
        StatusCode::OK
    } else {
        // It is being answered all the same; Telegram's retry will not be answered again.
        StatusCode::SERVICE_UNAVAILABLE
    }
}
