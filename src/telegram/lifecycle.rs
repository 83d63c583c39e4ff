//! The bot's life: connect (retrying while the Bot API is unreachable), register the command
//! menu, answer what the last run left in the durable queue, take updates from long polling
//! or a webhook, and on SIGINT or SIGTERM stop taking updates and finish the replies in
//! progress, within [`STOP_WITHIN`].

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use teloxide::prelude::*;
use teloxide::types::Me;
use teloxide::utils::command::BotCommands;
use teloxide::{ApiError, RequestError};
use tokio::sync::{mpsc, watch};

use super::admin::Stats;
use super::api::BotApi;
use super::config::{ConfigError, webhook_options};
use super::handlers::{self, Context};
use super::input::Command;
use super::journal::Journal;
use super::metrics::Metrics;
use super::queue::{Queue, QueueError};
use super::send::{Outbox, backoff, describe, is_transient};
use super::settings::{Mode, Settings};
use super::shutdown::halted;
use super::workers::Workers;
use super::{flood, health, poll, webhook};
use crate::reload::SharedEngine;

/// From the stop signal to the end, at most: Docker waits 10 s before it kills. Replies still
/// unsent by then stay in the durable queue, and the next start sends them.
pub const STOP_WITHIN: Duration = Duration::from_millis(7_500);
/// Of that, what the replies in progress get; the rest is for confirming the last updates to
/// Telegram and closing.
const REPLIES_WITHIN: Duration = Duration::from_millis(6_000);
/// How long the webhook server may take to close after the stop signal.
const WEBHOOK_CLOSE: Duration = Duration::from_secs(1);

/// Runs the bot: registers its commands (retrying while the Bot API is unreachable),
/// answers updates from `mode` until `shutdown` resolves, then lets the replies in progress
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
    mut settings: Settings,
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
    let dir = settings.state_dir.clone();
    let queue = tokio::task::spawn_blocking(move || Queue::open(dir.as_deref())).await??;
    let metrics = Arc::new(Metrics::default());
    let outbox = Arc::new(Outbox::new(settings.limits, metrics.clone()));
    let Some(me) = startup(&bot, &mut halt).await? else {
        return Ok(());
    };
    tracing::info!(
        bot = me.user.username.as_deref().unwrap_or("?"),
        "connected to the Bot API"
    );

    let mut tasks = tokio::task::JoinSet::new();
    if let Some(listener) = health {
        tasks.spawn(health::serve(
            listener,
            metrics.clone(),
            settings.reload_info.clone(),
            halt.clone(),
        ));
    }
    if let Some(notices) = settings.notices.take() {
        tasks.spawn(forward_notices(
            bot.clone(),
            outbox.clone(),
            settings.admin.ids.clone(),
            notices,
            halt.clone(),
        ));
    }
    let cx = Arc::new(Context {
        engine,
        admin: settings.admin.clone(),
        events: settings.events.clone(),
        flood: flood::FloodControl::new(settings.flood),
        stats: Arc::new(Stats::default()),
        outbox: outbox.clone(),
    });
    let q = queue.clone();
    let (left, last) =
        tokio::task::spawn_blocking(move || Ok::<_, QueueError>((q.pending()?, q.last_id()?)))
            .await??;
    let journal = Journal::start(queue).context("cannot start the update queue's writer")?;
    let workers = Arc::new(Workers::new(bot.clone(), me, cx, journal.clone(), last));
    if !left.is_empty() {
        tracing::info!(
            count = left.len(),
            "answering the updates the last run left unanswered"
        );
    }
    workers.resume(left, std::time::Instant::now());

    let result = match webhook {
        None => {
            match patiently(&mut halt, || bot.delete_webhook().send()).await {
                Some(Ok(_)) => {}
                Some(Err(e)) => {
                    tracing::warn!(error = %describe(&e), "could not delete the webhook")
                }
                None => {}
            }
            tracing::info!("receiving updates by long polling");
            poll::poll(&bot, &journal, &workers, &metrics, last, &mut halt).await;
            Ok(())
        }
        Some(mut options) => {
            let secret = options.get_or_gen_secret_token().to_string();
            let listener = tokio::net::TcpListener::bind(options.address)
                .await
                .with_context(|| format!("cannot listen for the webhook on {}", options.address))?;
            let register = outbox.deliver(
                bot.set_webhook(options.url.clone())
                    .secret_token(secret.clone()),
                "setWebhook",
            );
            let registered = tokio::select! {
                r = register => Some(r),
                _ = halted(&mut halt) => None,
            };
            match registered {
                None => Ok(()),
                Some(Err(e)) => Err(anyhow::anyhow!(
                    "could not set the webhook: {}",
                    describe(&e)
                )),
                Some(Ok(_)) => {
                    tracing::info!(listen = %options.address, "receiving updates by webhook");
                    let server = webhook::serve(
                        listener,
                        &options.path,
                        secret,
                        journal.clone(),
                        workers.clone(),
                        halt.clone(),
                    );
                    // After the stop signal, requests in progress get a moment to be recorded.
                    let mut stopping = halt.clone();
                    tokio::select! {
                        r = server => r.context("the webhook server failed"),
                        _ = async {
                            halted(&mut stopping).await;
                            tokio::time::sleep(WEBHOOK_CLOSE).await;
                        } => Ok(()),
                    }
                }
            }
        }
    };
    tracing::info!("shutting down: no new updates, finishing the replies in progress");
    workers
        .stop(tokio::time::Instant::now() + REPLIES_WITHIN)
        .await;
    journal.close().await;
    while tasks.join_next().await.is_some() {}
    tracing::info!("stopped");
    result
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
/// unreachable, waiting longer each time (the backoff of every request). `None` on `halt`.
async fn patiently<T, F>(
    halt: &mut watch::Receiver<bool>,
    request: impl Fn() -> F,
) -> Option<Result<T, RequestError>>
where
    F: Future<Output = Result<T, RequestError>>,
{
    let mut attempt = 0;
    loop {
        let result = tokio::select! {
            r = request() => r,
            _ = halted(halt) => return None,
        };
        match result {
            Err(e) if is_transient(&e) => {
                attempt += 1;
                let delay = backoff(attempt);
                tracing::warn!(error = %describe(&e), "the Bot API cannot be reached; trying again in {delay:?}");
                tokio::select! {
                    _ = tokio::time::sleep(delay) => {}
                    _ = halted(halt) => return None,
                }
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
    outbox: Arc<Outbox>,
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
            if let Err(e) =
                handlers::say(&bot, &outbox, ChatId::from(*admin), &text, None, None).await
            {
                tracing::warn!(error = %describe(&e), "could not send a notice to an admin");
            }
        }
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
