//! How the bot behaves besides its knowledge, as plain values: who the admins are, flood
//! control, the health address, the update queue's folder, Telegram's limits, how updates
//! arrive ([`Mode`]), and where events the clinic may learn from go ([`EventSink`]).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use tokio::sync::mpsc;

use super::admin::Admin;
use super::flood::FloodPolicy;
use super::limits::Limits;
use super::metrics::ReloadInfo;
use teloxide::types::UserId;

use crate::knowledge::PassageId;
use crate::unanswered::UnansweredLog;

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

/// How `spider-vein-bot telegram` runs the bot ([`super::run`]): plain values, settled by the
/// command line from its flags and environment, so that nothing here reads either.
pub struct Options {
    /// The bot's token from @BotFather; checked before use (missing or malformed: exit 2).
    pub token: Option<String>,
    /// Another Bot API server, if any.
    pub api_url: Option<String>,
    /// The proxy teloxide's client will use, checked here so that a bad one is an error, not
    /// a panic.
    pub proxy: Option<String>,
    pub mode: Mode,
    /// Telegram users allowed `/status` and `/reload`.
    pub admins: Vec<UserId>,
    /// Serve health probes and `/metrics` here.
    pub health: Option<SocketAddr>,
    /// Where the durable queue of unanswered updates lives.
    pub state_dir: PathBuf,
    /// The opt-in unanswered-questions log.
    pub unanswered: Option<Arc<UnansweredLog>>,
}
