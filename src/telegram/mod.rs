//! The Telegram front end: builds the bot (token and Bot API URL as the command line settled
//! them) and its handler tree, and runs it on long polling or a webhook until SIGINT or SIGTERM. Updates go
//! through a durable queue (answered at least once, even after a crash), replies through
//! Telegram's rate limits, and the health address serves `/metrics`.

mod admin;
mod api;
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
mod settings;
mod shutdown;
mod webhook;
mod workers;

pub use admin::{Admin, ReloadFn, Stats, StatusFn};
pub use api::BotApi;
pub use config::{ConfigError, PRIVATE_LOG_DIRECTIVES, bot_with, check_proxy};
pub use flood::FloodPolicy;
pub use health::{HealthError, probe as probe_health};
pub use input::Command;
pub use lifecycle::{STOP_WITHIN, serve};
pub use limits::Limits;
pub use metrics::ReloadInfo;
pub use queue::{FILE as QUEUE_FILE, QueueError};
pub use settings::{Event, EventSink, Mode, Options, ReloadInfoFn, Settings};
pub use shutdown::signal as shutdown_signal;

use std::future::Future;

use crate::reload::Reloader;

/// Runs the bot as `options` say, answering from `reloader`'s engine with live reload, until
/// `shutdown` resolves (in production, [`shutdown_signal`]). A [`ConfigError`] in the
/// returned error means exit status 2.
pub async fn run(
    reloader: &Reloader,
    options: Options,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    check_proxy(options.proxy.as_deref())?;
    let bot = bot_with(options.token.as_deref(), options.api_url.as_deref())?;
    // Keep the watch for as long as the bot runs: dropping it stops watching the folder.
    let (mut settings, _watch) = live::settings(reloader, options.unanswered);
    settings.admin.ids = options.admins;
    settings.health = options.health;
    settings.state_dir = Some(options.state_dir);
    serve(
        bot,
        reloader.engine().clone(),
        settings,
        options.mode,
        shutdown,
    )
    .await
}
