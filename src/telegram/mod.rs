//! The Telegram front end: builds the bot (token and API URL from the environment) and its
//! handler tree, and runs it on long polling or a webhook until SIGINT or SIGTERM. Updates go
//! through a durable queue (answered at least once, even after a crash), replies through
//! Telegram's rate limits, and the health address serves `/metrics`.

mod admin;
mod config;
mod flood;
pub mod format;
mod handlers;
mod health;
mod input;
mod journal;
pub mod keyboards;
mod lifecycle;
mod limits;
pub mod live;
mod metrics;
mod poll;
mod queue;
mod send;
mod webhook;
mod workers;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use teloxide::RequestError;
use teloxide::dispatching::{UpdateFilterExt, UpdateHandler};
use teloxide::prelude::*;
use tokio::sync::mpsc;

pub use admin::{Admin, ReloadFn, Stats, StatusFn};
pub use config::{ConfigError, PRIVATE_LOG_DIRECTIVES, bot_from_env, bot_with};
pub use flood::FloodPolicy;
pub use health::{HealthError, probe as probe_health};
pub use input::Command;
pub use lifecycle::{STOP_WITHIN, serve, shutdown_signal};
pub use limits::Limits;
pub use metrics::ReloadInfo;
pub use queue::{FILE as QUEUE_FILE, QueueError};

use crate::cli::TelegramArgs;
use crate::knowledge::PassageId;
use crate::reload::SharedEngine;

/// The Bot API as the handlers need it: teloxide's `Bot`, or any adaptor of it.
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
/// Carries question text, never a user id; give a sink only when the clinic turned that on.
#[derive(Debug, Clone, Copy)]
pub enum Event<'a> {
    /// A question the documents did not answer: it got the fallback.
    Unanswered { question: &'a str },
    /// "Not helpful" pressed under an answer. `question` is the message the answer replied
    /// to, when Telegram still sends it; `passage` the passage quoted, if still known.
    NotHelpful {
        question: Option<&'a str>,
        passage: Option<&'a PassageId>,
    },
}

/// Receives [`Event`]s. Runs on the handler's task: keep it quick (append a line to a file).
pub type EventSink = Arc<dyn Fn(Event<'_>) + Send + Sync>;

/// When the knowledge was last reloaded and whether it went live, for `/metrics`.
pub type ReloadInfoFn = Arc<dyn Fn() -> ReloadInfo + Send + Sync>;

/// How the bot behaves besides its knowledge. `Settings::default()` is production, except
/// that its update queue is in memory: give `state_dir` to keep it across restarts.
#[derive(Default)]
pub struct Settings {
    pub admin: Admin,
    pub flood: FloodPolicy,
    pub events: Option<EventSink>,
    /// Texts to send to every admin, such as "the new knowledge has an error in faq.md line 3".
    pub notices: Option<mpsc::Receiver<String>>,
    /// Serve a plain HTTP health endpoint, and `/metrics`, here while the bot runs.
    pub health: Option<SocketAddr>,
    /// Telegram's sending limits.
    pub limits: Limits,
    /// Where the durable queue of unanswered updates lives; `None`: in memory only.
    pub state_dir: Option<PathBuf>,
    pub reload_info: Option<ReloadInfoFn>,
}

/// How updates arrive.
pub enum Mode {
    /// Long polling (`getUpdates`).
    Polling,
    /// Telegram posts updates to `url`; we listen on `listen`. Requests without the secret
    /// token header are refused. Replicas behind a load balancer must share the secret.
    Webhook {
        url: String,
        listen: SocketAddr,
        secret: Option<String>,
    },
}

/// Runs the bot as configured by `args` and the environment until SIGINT or SIGTERM.
/// A [`ConfigError`] in the returned error means exit status 2.
pub async fn run(
    args: TelegramArgs,
    engine: SharedEngine,
    mut settings: Settings,
) -> anyhow::Result<()> {
    let bot = bot_from_env()?;
    settings
        .admin
        .ids
        .extend(args.admin_ids.iter().map(|id| UserId(*id)));
    if settings.health.is_none()
        && let Ok(addr) = std::env::var("HEALTH_ADDR")
        && !addr.trim().is_empty()
    {
        settings.health = Some(addr.trim().parse().map_err(|_| ConfigError::HealthAddr)?);
    }

    settings.state_dir = Some(args.state_dir.clone());

    let mode = match args.webhook_url {
        Some(url) => Mode::Webhook {
            url,
            listen: args.listen,
            secret: std::env::var("WEBHOOK_SECRET").ok(),
        },
        None => Mode::Polling,
    };
    serve(bot, engine, settings, mode, shutdown_signal()).await
}

/// The handler tree: messages, edited messages (answered like new ones) and button presses.
pub fn schema<R: BotApi>() -> UpdateHandler<RequestError> {
    dptree::entry()
        .branch(Update::filter_message().endpoint(handlers::message::<R>))
        .branch(Update::filter_edited_message().endpoint(handlers::message::<R>))
        .branch(Update::filter_callback_query().endpoint(handlers::callback::<R>))
}
