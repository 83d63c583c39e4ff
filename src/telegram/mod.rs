//! The Telegram front end: builds the bot (token and API URL from the environment, teloxide's
//! throttling), the dispatcher and its handler tree, and runs it on long polling or a webhook
//! until SIGINT or SIGTERM, finishing the replies in progress before it returns.

mod admin;
mod flood;
pub mod format;
mod handlers;
mod health;
pub mod keyboards;
mod send;

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use teloxide::adaptors::Throttle;
use teloxide::adaptors::throttle::Limits;
use teloxide::dispatching::{DefaultKey, Dispatcher, UpdateFilterExt, UpdateHandler};
use teloxide::error_handlers::ErrorHandler;
use teloxide::prelude::*;
use teloxide::types::{InlineKeyboardButton, Me, UpdateKind};
use teloxide::update_listeners::{Polling, UpdateListener, webhooks};
use teloxide::utils::command::BotCommands;
use teloxide::{ApiError, RequestError};
use tokio::sync::{mpsc, watch};

pub use admin::{Admin, ReloadFn, StatusFn, Stats};
pub use flood::FloodPolicy;
pub use handlers::Command;
pub use health::{HealthError, probe as probe_health};

use crate::cli::TelegramArgs;
use crate::knowledge::PassageId;
use crate::reload::SharedEngine;
use handlers::Context;
use send::{deliver, describe, is_transient};

/// The Bot API as the handlers need it: teloxide's `Bot`, or `Bot` wrapped in its `Throttle`.
pub trait BotApi:
    Requester<
        Err = RequestError,
        GetMe: Send,
        GetUpdates: Send,
        SetMyCommands: Send,
        SetWebhook: Send,
        DeleteWebhook: Send,
        GetWebhookInfo: Send,
        SendMessage: Send,
        SendChatAction: Send,
        AnswerCallbackQuery: Send,
        EditMessageReplyMarkup: Send,
    > + Clone
    + Send
    + Sync
    + 'static
{
}

impl<T> BotApi for T where
    T: Requester<
            Err = RequestError,
            GetMe: Send,
            GetUpdates: Send,
            SetMyCommands: Send,
            SetWebhook: Send,
            DeleteWebhook: Send,
            GetWebhookInfo: Send,
            SendMessage: Send,
            SendChatAction: Send,
            AnswerCallbackQuery: Send,
            EditMessageReplyMarkup: Send,
        > + Clone
        + Send
        + Sync
        + 'static
{
}

/// What patients did that the clinic may want to learn from (issue 4's unanswered log).
/// Carries question text only when the clinic has turned that log on; never a user id.
#[derive(Debug, Clone, Copy)]
pub enum Event<'a> {
    /// A question the documents did not answer: it got the fallback.
    Unanswered { question: &'a str },
    /// "Not helpful" pressed under an answer. `question` is the message the answer replied
    /// to, when Telegram still sends it; `passage` the passage quoted, if still known.
    NotHelpful { question: Option<&'a str>, passage: Option<&'a PassageId> },
}

/// Receives [`Event`]s. Runs on the handler's task: keep it quick (append a line to a file).
pub type EventSink = Arc<dyn Fn(Event<'_>) + Send + Sync>;

/// How the bot behaves besides its knowledge. `Settings::default()` is production.
#[derive(Default)]
pub struct Settings {
    pub admin: Admin,
    pub flood: FloodPolicy,
    pub events: Option<EventSink>,
    /// Texts to send to every admin, such as "the new knowledge has an error in faq.md line 3".
    pub notices: Option<mpsc::Receiver<String>>,
    /// Serve a plain HTTP health endpoint here while the bot runs.
    pub health: Option<SocketAddr>,
}

/// How updates arrive.
pub enum Mode {
    /// Long polling (`getUpdates`).
    Polling,
    /// Telegram posts updates to `url`; we listen on `listen`. Requests without the secret
    /// token header are refused. Replicas behind a load balancer must share the secret.
    Webhook { url: String, listen: SocketAddr, secret: Option<String> },
}

/// A configuration problem the operator must fix; the program should exit with status 2.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("TELOXIDE_TOKEN is not set: put the token @BotFather gave you in the TELOXIDE_TOKEN environment variable")]
    MissingToken,
    #[error("TELOXIDE_TOKEN is malformed: a bot token looks like 123456789:AAE... (digits, a colon, then letters, digits, - and _)")]
    MalformedToken,
    #[error("Telegram refused TELOXIDE_TOKEN (Unauthorized): check the token with @BotFather")]
    TokenRefused,
    #[error("TELOXIDE_API_URL is not a valid URL ({0})")]
    ApiUrl(String),
    #[error("TELOXIDE_PROXY is not a valid URL")]
    Proxy,
    #[error("the webhook URL is not a valid URL ({0})")]
    WebhookUrl(String),
    #[error("WEBHOOK_SECRET must be 1 to 256 characters, each a letter, a digit, - or _")]
    WebhookSecret,
}

impl ConfigError {
    pub const EXIT_CODE: i32 = 2;
}

/// Long-polling timeout. The Bot API holds `getUpdates` open this long when there is nothing
/// new; teloxide's HTTP client gives up after 17 s, so it must stay below that.
const POLL_TIMEOUT: Duration = Duration::from_secs(10);
/// Updates queued per chat before the dispatcher waits. Flood control drops a flooding chat's
/// messages in microseconds, so this only needs to absorb bursts; the queue grows on demand.
const CHAT_QUEUE: usize = 4096;
/// Longest wait between attempts to reach the Bot API at start.
const MAX_STARTUP_BACKOFF: Duration = Duration::from_secs(60);

/// Runs the bot as configured by `args` and the environment until SIGINT or SIGTERM.
/// A [`ConfigError`] in the returned error means exit status 2.
pub async fn run(args: TelegramArgs, engine: SharedEngine, mut settings: Settings) -> anyhow::Result<()> {
    let bot = bot_from_env()?;
    settings.admin.ids.extend(args.admin_ids.iter().map(|id| UserId(*id)));
    if settings.health.is_none() {
        settings.health = std::env::var("HEALTH_ADDR").ok().map(|a| a.parse().context("HEALTH_ADDR is not an address like 0.0.0.0:8080")).transpose()?;
    }
    let mode = match args.webhook_url {
        Some(url) => Mode::Webhook { url, listen: args.listen, secret: std::env::var("WEBHOOK_SECRET").ok() },
        None => Mode::Polling,
    };
    serve(throttled(bot, Limits::default()), engine, settings, mode, shutdown_signal()).await
}

/// The bot from `TELOXIDE_TOKEN`, `TELOXIDE_API_URL` and `TELOXIDE_PROXY`, like teloxide's
/// `Bot::from_env` but with an error instead of a panic.
pub fn bot_from_env() -> Result<Bot, ConfigError> {
    if let Ok(proxy) = std::env::var("TELOXIDE_PROXY") {
        // teloxide's client panics on a bad proxy URL; any function taking a URL checks it.
        proxy.parse().map(|url| InlineKeyboardButton::url("", url)).map_err(|_| ConfigError::Proxy)?;
    }
    let token = std::env::var("TELOXIDE_TOKEN").ok();
    let bot = bot_with(token.as_deref(), std::env::var("TELOXIDE_API_URL").ok().as_deref())?;
    Ok(bot)
}

/// The bot for a token and an optional Bot API URL, both checked.
pub fn bot_with(token: Option<&str>, api_url: Option<&str>) -> Result<Bot, ConfigError> {
    let token = token.map(str::trim).filter(|t| !t.is_empty()).ok_or(ConfigError::MissingToken)?;
    if !token_is_well_formed(token) {
        return Err(ConfigError::MalformedToken);
    }
    let bot = Bot::with_client(token, teloxide::net::client_from_env());
    match api_url {
        Some(url) => {
            let url = url.trim().trim_end_matches('/');
            Ok(bot.set_api_url(url.parse().map_err(|e| ConfigError::ApiUrl(format!("{e}")))?))
        }
        None => Ok(bot),
    }
}

/// `123456789:AAE...`: a numeric bot id, a colon, and a secret of URL-safe characters.
fn token_is_well_formed(token: &str) -> bool {
    let Some((id, secret)) = token.split_once(':') else { return false };
    !id.is_empty()
        && id.bytes().all(|b| b.is_ascii_digit())
        && secret.len() >= 20
        && secret.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// `bot` behind teloxide's throttle: Telegram's limits kept, `429 retry_after` waited out and
/// the message sent again, once. Tests and benchmarks may raise `limits`.
pub fn throttled(bot: Bot, limits: Limits) -> Throttle<Bot> {
    bot.throttle(limits)
}

/// The handler tree: messages, edited messages (answered like new ones) and button presses.
pub fn schema<R: BotApi>() -> UpdateHandler<RequestError> {
    dptree::entry()
        .branch(Update::filter_message().endpoint(handlers::message::<R>))
        .branch(Update::filter_edited_message().endpoint(handlers::message::<R>))
        .branch(Update::filter_callback_query().endpoint(handlers::callback::<R>))
}

/// The dispatcher production runs: one queue per chat (so each chat's messages are answered
/// in order, and chats in parallel), errors and ignored updates logged without their content.
pub fn dispatcher<R: BotApi>(bot: R, engine: SharedEngine, settings: &Settings, stats: Arc<Stats>) -> Dispatcher<R, RequestError, DefaultKey> {
    let context = Arc::new(Context {
        engine,
        admin: settings.admin.clone(),
        events: settings.events.clone(),
        flood: flood::FloodControl::new(settings.flood),
        stats,
    });
    Dispatcher::builder(bot, schema::<R>())
        .dependencies(dptree::deps![context])
        .worker_queue_size(CHAT_QUEUE)
        .default_handler(|update| async move {
            let kind = if matches!(update.kind, UpdateKind::Error(_)) { "unparsable" } else { "unhandled" };
            tracing::debug!(update = update.id.0, kind, "ignored an update");
        })
        .error_handler(Arc::new(|e: RequestError| async move {
            tracing::warn!(error = %describe(&e), "could not send a reply");
        }))
        .build()
}

/// Runs the bot: registers its commands (retrying while the Bot API is unreachable),
/// dispatches updates from `mode` until `shutdown` resolves, then lets the replies in progress
/// finish. The same path serves production ([`run`]), the tests and the benchmark.
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

async fn serve_until<R: BotApi>(bot: R, engine: SharedEngine, settings: Settings, mode: Mode, mut halt: watch::Receiver<bool>) -> anyhow::Result<()> {
    let webhook = match &mode {
        Mode::Polling => None,
        Mode::Webhook { url, listen, secret } => Some(webhook_options(url, *listen, secret.as_deref())?),
    };
    let health = match settings.health {
        Some(addr) => Some(tokio::net::TcpListener::bind(addr).await.with_context(|| format!("cannot serve the health endpoint on {addr}"))?),
        None => None,
    };
    let Some(me) = startup(&bot, &mut halt).await? else { return Ok(()) };
    tracing::info!(bot = me.user.username.as_deref().unwrap_or("?"), "connected to the Bot API");

    let mut tasks = tokio::task::JoinSet::new();
    if let Some(listener) = health {
        tasks.spawn(health::serve(listener, halt.clone()));
    }
    let mut settings = settings;
    if let Some(notices) = settings.notices.take() {
        tasks.spawn(forward_notices(bot.clone(), settings.admin.ids.clone(), notices, halt.clone()));
    }
    let mut dp = dispatcher(bot.clone(), engine, &settings, Arc::new(Stats::default()));
    let result = match webhook {
        None => {
            tracing::info!("receiving updates by long polling");
            let polling = Polling::builder(bot.clone()).timeout(POLL_TIMEOUT).delete_webhook().await.build();
            dispatch(&mut dp, polling, Arc::new(ListenerErrors), &mut halt).await
        }
        Some(mut options) => {
            let secret = options.get_or_gen_secret_token().to_string();
            let (url, listen) = (options.url.clone(), options.address);
            // teloxide's server panics in its own task when it cannot bind; fail cleanly first.
            drop(tokio::net::TcpListener::bind(listen).await.with_context(|| format!("cannot listen for the webhook on {listen}"))?);
            let listener = webhooks::axum(bot.clone(), options).await.map_err(|e| anyhow::anyhow!("could not set the webhook: {}", describe(&e)))?;
            tracing::info!(%listen, "receiving updates by webhook");
            let result = dispatch(&mut dp, listener, teloxide::error_handlers::LoggingErrorHandler::new(), &mut halt).await;
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
async fn dispatch<R, L, E>(dp: &mut Dispatcher<R, RequestError, DefaultKey>, mut listener: L, errors: Arc<E>, halt: &mut watch::Receiver<bool>) -> anyhow::Result<()>
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

/// `getMe` and `setMyCommands`, retried with backoff while the Bot API cannot be reached.
/// `None` when asked to stop meanwhile.
async fn startup<R: BotApi>(bot: &R, halt: &mut watch::Receiver<bool>) -> anyhow::Result<Option<Me>> {
    let mut delay = Duration::from_secs(1);
    loop {
        let attempt = async {
            let me = bot.get_me().await?;
            bot.set_my_commands(Command::bot_commands()).await?;
            Ok::<_, RequestError>(me)
        };
        let error = tokio::select! {
            r = attempt => match r {
                Ok(me) => return Ok(Some(me)),
                Err(e) => e,
            },
            _ = halted(halt) => return Ok(None),
        };
        match error {
            RequestError::Api(ApiError::InvalidToken) => return Err(ConfigError::TokenRefused.into()),
            e if is_transient(&e) => {
                tracing::warn!(error = %describe(&e), "the Bot API cannot be reached; trying again in {delay:?}");
                tokio::select! {
                    _ = tokio::time::sleep(delay) => {}
                    _ = halted(halt) => return Ok(None),
                }
                delay = (delay * 2).min(MAX_STARTUP_BACKOFF);
            }
            e => anyhow::bail!("the Bot API refused to start the bot: {}", describe(&e)),
        }
    }
}

fn webhook_options(url: &str, listen: SocketAddr, secret: Option<&str>) -> Result<webhooks::Options, ConfigError> {
    let options = webhooks::Options::new(listen, url.parse().map_err(|e| ConfigError::WebhookUrl(format!("{e}")))?);
    match secret {
        None => Ok(options),
        Some(s) if (1..=256).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') => {
            Ok(options.secret_token(s.to_string()))
        }
        Some(_) => Err(ConfigError::WebhookSecret),
    }
}

/// Sends each notice to every admin until the sender is dropped or the bot stops.
async fn forward_notices<R: BotApi>(bot: R, admins: Vec<UserId>, mut notices: mpsc::Receiver<String>, mut halt: watch::Receiver<bool>) {
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
    fn handle_error(self: Arc<Self>, error: RequestError) -> std::pin::Pin<Box<dyn Future<Output = ()> + Send>> {
        Box::pin(async move { tracing::warn!(error = %describe(&error), "could not get updates") })
    }
}

/// Resolves once `halt` is true (or its sender is gone).
async fn halted(halt: &mut watch::Receiver<bool>) {
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
                tracing::warn!("cannot listen for SIGTERM ({e}); only SIGINT stops the bot gracefully");
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
    fn tokens_are_checked_before_use() {
        assert!(matches!(bot_with(None, None), Err(ConfigError::MissingToken)));
        assert!(matches!(bot_with(Some("  "), None), Err(ConfigError::MissingToken)));
        for bad in ["your-token-here", "123:short", "abc:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "123456:AAAA AAAAAAAAAAAAAAAAAAAAAAAAAA", "\"123456:AAAAAAAAAAAAAAAAAAAAAAAAAAAA\""] {
            assert!(matches!(bot_with(Some(bad), None), Err(ConfigError::MalformedToken)), "{bad}");
        }
        assert!(bot_with(Some("123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw\n"), None).is_ok());
    }

    #[test]
    fn a_bad_api_url_is_a_config_error_not_a_panic() {
        let token = Some("123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw");
        assert!(matches!(bot_with(token, Some("not a url")), Err(ConfigError::ApiUrl(_))));
        let bot = bot_with(token, Some("http://127.0.0.1:8081/")).unwrap();
        assert_eq!(bot.api_url().as_str(), "http://127.0.0.1:8081/");
    }

    #[test]
    fn config_errors_do_not_repeat_the_token() {
        let e = bot_with(Some("123456789:AAHdq TcvCH1vGWJxfSeofSAs0K5PALDsaw"), None).unwrap_err();
        assert!(!e.to_string().contains("AAHdq"));
    }

    #[test]
    fn webhook_secrets_are_checked() {
        let addr: SocketAddr = "127.0.0.1:8443".parse().unwrap();
        assert!(webhook_options("https://bot.example/hook", addr, Some("good_secret-1")).is_ok());
        assert!(matches!(webhook_options("https://bot.example/hook", addr, Some("bad secret")), Err(ConfigError::WebhookSecret)));
        assert!(matches!(webhook_options("nope", addr, None), Err(ConfigError::WebhookUrl(_))));
    }

    #[test]
    fn the_menu_lists_patient_commands_only() {
        let names: Vec<String> = Command::bot_commands().into_iter().map(|c| c.command).collect();
        assert_eq!(names, ["/start", "/help", "/about", "/privacy"]);
    }
}
