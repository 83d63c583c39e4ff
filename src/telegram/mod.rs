//! The Telegram front end: builds the bot (token and API URL from the environment) and its
//! handler tree, and runs it on long polling or a webhook until SIGINT or SIGTERM. Updates go
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

use teloxide::prelude::*;

pub use admin::{Admin, ReloadFn, Stats, StatusFn};
pub use api::BotApi;
pub use config::{ConfigError, PRIVATE_LOG_DIRECTIVES, bot_from_env, bot_with};
pub use flood::FloodPolicy;
pub use health::{HealthError, probe as probe_health};
pub use input::Command;
pub use lifecycle::{STOP_WITHIN, serve};
pub use limits::Limits;
pub use metrics::ReloadInfo;
pub use queue::{FILE as QUEUE_FILE, QueueError};
pub use settings::{Event, EventSink, Mode, ReloadInfoFn, Settings};
pub use shutdown::signal as shutdown_signal;

use crate::cli::TelegramArgs;
use crate::reload::SharedEngine;

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
