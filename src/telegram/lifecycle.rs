//! The bot's life: connect (retrying while the Bot API is unreachable), register the command
//! menu, dispatch updates from long polling or a webhook, and on SIGINT or SIGTERM stop taking
//! updates and finish the replies in progress.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use teloxide::dispatching::{DefaultKey, Dispatcher};
use teloxide::error_handlers::ErrorHandler;
use teloxide::prelude::*;
use teloxide::types::Me;
use teloxide::update_listeners::{Polling, UpdateListener, webhooks};
use teloxide::utils::command::BotCommands;
use teloxide::{ApiError, RequestError};
use tokio::sync::{mpsc, watch};

use super::config::{ConfigError, webhook_options};
use super::send::{deliver, describe, is_transient};
use super::{BotApi, Command, Mode, Settings, Stats, dispatcher, handlers, health};
use crate::reload::SharedEngine;

/// Long-polling timeout. The Bot API holds `getUpdates` open this long when there is nothing
/// new; teloxide's HTTP client gives up after 17 s, so it must stay below that.
const POLL_TIMEOUT: Duration = Duration::from_secs(10);
/// Longest wait between attempts to reach the Bot API at start.
const MAX_STARTUP_BACKOFF: Duration = Duration::from_secs(60);

/// Runs the bot: registers its commands (retrying while the Bot API is unreachable),
/// dispatches updates from `mode` until `shutdown` resolves, then lets the replies in progress
/// finish. The same path serves production ([`super::run`]), the tests and the benchmark.
pub async fn serve<R: BotApi>(
    bot: R,
    engine: SharedEngine,
    settings: Settings,
    mode: Mode,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let (halt_tx, halt) = watch::channel(false);
    let halt_tx = Arc::new(halt_tx);
    let signal = {
        let halt_tx = halt_tx.clone();
        tokio::spawn(async move {
            shutdown.await;
            let _ = halt_tx.send(true);
        })
    };
    let result = serve_until(bot, engine, settings, mode, halt).await;
    let _ = halt_tx.send(true);
    signal.abort();
    let _ = signal.await;
    result
}

async fn serve_until<R: BotApi>(
    bot: R,
    engine: SharedEngine,
    settings: Settings,
    mode: Mode,
    mut halt: watch::Receiver<bool>,
) -> anyhow::Result<()> {
    let webhook = match &mode {
        Mode::Polling => None,
        Mode::Webhook {
            url,
            listen,
            secret,
        } => Some(webhook_options(url, *listen, secret.as_deref())?),
    };
    let health = match settings.health {
        Some(addr) => Some(
            tokio::net::TcpListener::bind(addr)
                .await
                .with_context(|| format!("cannot serve the health endpoint on {addr}"))?,
        ),
        None => None,
    };
    let Some(me) = startup(&bot, &mut halt).await? else {
        return Ok(());
    };
    tracing::info!(
        bot = me.user.username.as_deref().unwrap_or("?"),
        "connected to the Bot API"
    );

    let mut tasks = tokio::task::JoinSet::new();
    if let Some(listener) = health {
        tasks.spawn(health::serve(listener, halt.clone()));
    }
    let mut settings = settings;
    if let Some(notices) = settings.notices.take() {
        tasks.spawn(forward_notices(
            bot.clone(),
            settings.admin.ids.clone(),
            notices,
            halt.clone(),
        ));
    }
    let mut dp = dispatcher(bot.clone(), engine, &settings, Arc::new(Stats::default()));
    let result = match webhook {
        None => {
            tracing::info!("receiving updates by long polling");
            let polling = Polling::builder(bot.clone())
                .timeout(POLL_TIMEOUT)
                .delete_webhook()
                .await
                .build();
            dispatch(&mut dp, polling, Arc::new(ListenerErrors), &mut halt).await
        }
        Some(mut options) => {
            let secret = options.get_or_gen_secret_token().to_string();
            let (url, listen) = (options.url.clone(), options.address);
            // teloxide's server panics in its own task when it cannot bind; fail cleanly first.
            drop(
                tokio::net::TcpListener::bind(listen)
                    .await
                    .with_context(|| format!("cannot listen for the webhook on {listen}"))?,
            );
            let listener = webhooks::axum(bot.clone(), options)
                .await
                .map_err(|e| anyhow::anyhow!("could not set the webhook: {}", describe(&e)))?;
            tracing::info!(%listen, "receiving updates by webhook");
            let result = dispatch(
                &mut dp,
                listener,
                teloxide::error_handlers::LoggingErrorHandler::new(),
                &mut halt,
            )
            .await;
            // teloxide deletes the webhook when it stops; other replicas still need it.
            if let Err(e) = deliver(bot.set_webhook(url).secret_token(secret), "setWebhook").await {
                tracing::warn!(error = %describe(&e), "could not register the webhook again for the other replicas");
            }
            result
        }
    };
    while tasks.join_next().await.is_some() {}
    result
}

/// Dispatches until the listener ends or `halt`; then stops taking updates and waits for the
/// replies in progress.
async fn dispatch<R, L, E>(
    dp: &mut Dispatcher<R, RequestError, DefaultKey>,
    mut listener: L,
    errors: Arc<E>,
    halt: &mut watch::Receiver<bool>,
) -> anyhow::Result<()>
where
    R: BotApi,
    L: UpdateListener + Send,
    L::Err: std::fmt::Debug,
    E: ErrorHandler<L::Err> + Send + Sync,
{
    let token = dp.shutdown_token();
    let stop_listener = listener.stop_token();
    let running = dp.try_dispatch_with_listener(listener, errors);
    tokio::pin!(running);
    let finished = tokio::select! {
        r = &mut running => Some(r),
        _ = halted(halt) => None,
    };
    let result = match finished {
        Some(r) => r,
        None => {
            tracing::info!("shutting down: no new updates, finishing the replies in progress");
            // `shutdown` can miss a dispatcher busy with an update; stopping the listener cannot.
            let _ = token.shutdown();
            stop_listener.stop();
            running.await
        }
    };
    tracing::info!("stopped");
    result.map_err(|e| anyhow::anyhow!("the bot stopped: {}", describe(&e)))
}

/// `getMe`, retried with backoff while the Bot API cannot be reached, then `setMyCommands`
/// (the menu is a courtesy: refused, it is logged and the bot runs anyway). `None` when asked
/// to stop meanwhile.
async fn startup<R: BotApi>(
    bot: &R,
    halt: &mut watch::Receiver<bool>,
) -> anyhow::Result<Option<Me>> {
    let me = match patiently(halt, || bot.get_me().send()).await {
        Some(Ok(me)) => me,
        Some(Err(RequestError::Api(ApiError::InvalidToken))) => {
            return Err(ConfigError::TokenRefused.into());
        }
        Some(Err(e)) => anyhow::bail!("the Bot API refused to start the bot: {}", describe(&e)),
        None => return Ok(None),
    };
    match patiently(halt, || bot.set_my_commands(menu()).send()).await {
        Some(Ok(_)) => {}
        Some(Err(e)) => {
            tracing::warn!(error = %describe(&e), "could not register the command menu")
        }
        None => return Ok(None),
    }
    Ok(Some(me))
}

/// Runs `request` until it succeeds or fails for a reason other than the Bot API being
/// unreachable, waiting longer each time (1 s doubling up to a minute). `None` on `halt`.
async fn patiently<T, F>(
    halt: &mut watch::Receiver<bool>,
    request: impl Fn() -> F,
) -> Option<Result<T, RequestError>>
where
    F: Future<Output = Result<T, RequestError>>,
{
    let mut delay = Duration::from_secs(1);
    loop {
        let result = tokio::select! {
            r = request() => r,
            _ = halted(halt) => return None,
        };
        match result {
            Err(e) if is_transient(&e) => {
                tracing::warn!(error = %describe(&e), "the Bot API cannot be reached; trying again in {delay:?}");
                tokio::select! {
                    _ = tokio::time::sleep(delay) => {}
                    _ = halted(halt) => return None,
                }
                delay = (delay * 2).min(MAX_STARTUP_BACKOFF);
            }
            other => return Some(other),
        }
    }
}

/// The command menu, as `setMyCommands` documents it: names without the slash.
fn menu() -> Vec<teloxide::types::BotCommand> {
    Command::bot_commands()
        .into_iter()
        .map(|c| teloxide::types::BotCommand::new(c.command.trim_start_matches('/'), c.description))
        .collect()
}

/// Sends each notice to every admin until the sender is dropped or the bot stops.
async fn forward_notices<R: BotApi>(
    bot: R,
    admins: Vec<UserId>,
    mut notices: mpsc::Receiver<String>,
    mut halt: watch::Receiver<bool>,
) {
    loop {
        let notice = tokio::select! {
            n = notices.recv() => n,
            _ = halted(&mut halt) => None,
        };
        let Some(text) = notice else { return };
        for admin in &admins {
            if let Err(e) = handlers::say(&bot, ChatId::from(*admin), &text, None, None).await {
                tracing::warn!(error = %describe(&e), "could not send a notice to an admin");
            }
        }
    }
}

/// Errors of `getUpdates`, logged without their content. teloxide's polling already waits
/// (backoff, or `retry_after`) before asking again.
struct ListenerErrors;

impl ErrorHandler<RequestError> for ListenerErrors {
    fn handle_error(
        self: Arc<Self>,
        error: RequestError,
    ) -> std::pin::Pin<Box<dyn Future<Output = ()> + Send>> {
        Box::pin(async move { tracing::warn!(error = %describe(&error), "could not get updates") })
    }
}

/// Resolves once `halt` is true (or its sender is gone).
pub(super) async fn halted(halt: &mut watch::Receiver<bool>) {
    let _ = halt.wait_for(|h| *h).await;
}

/// Resolves on SIGINT or SIGTERM.
pub async fn shutdown_signal() {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_menu_lists_patient_commands_only() {
        let names: Vec<String> = menu().into_iter().map(|c| c.command).collect();
        assert_eq!(names, ["start", "help", "about", "privacy"]);
    }
}
