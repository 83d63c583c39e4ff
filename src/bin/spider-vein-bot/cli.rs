//! The command line, as clap definitions only: every flag and environment variable the
//! program reads. `main.rs` maps each subcommand to one function.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "spider-vein-bot",
    version,
    about = "Answers patients' questions about spider veins from a clinic's own documents"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

// Parsed once at start; boxing the big variant would save nothing worth the noise.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Chat with the bot in the terminal, seeing exactly what a patient would see.
    Chat(ChatArgs),
    /// Answer one question, or every line of standard input.
    Ask(AskArgs),
    /// Check the knowledge folder and list every problem with its file and line.
    Check(CheckArgs),
    /// Run regression case files (TOML) and report every failure.
    Eval(EvalArgs),
    /// List passage ids, or the best matches for a query and why.
    Passages(PassagesArgs),
    /// Group a log of unanswered questions, to see which document or synonym to add next.
    Report(ReportArgs),
    /// Run the Telegram bot (token in TELOXIDE_TOKEN).
    Telegram(TelegramArgs),
    /// Exit 0 if the knowledge loads and, with --addr or HEALTH_ADDR, the running bot answers there.
    Healthcheck(HealthcheckArgs),
}

#[derive(Debug, Clone, Args)]
pub struct KnowledgeArg {
    /// The knowledge folder (Markdown documents and TOML settings).
    #[arg(
        long,
        env = "KNOWLEDGE_DIR",
        default_value = "knowledge",
        value_name = "DIR"
    )]
    pub knowledge: PathBuf,
}

#[derive(Debug, Clone, Copy, Default, ValueEnum, PartialEq, Eq)]
pub enum Format {
    #[default]
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct ChatArgs {
    #[command(flatten)]
    pub knowledge: KnowledgeArg,
    /// Append unanswered questions (text and time only) to this file.
    #[arg(long, env = "LOG_UNANSWERED", value_name = "FILE")]
    pub log_unanswered: Option<PathBuf>,
    #[command(flatten)]
    pub staff: StaffArgs,
}

/// The staff web page, off unless an address is given; its token comes from STAFF_TOKEN.
#[derive(Debug, Clone, Args)]
pub struct StaffArgs {
    /// Serve the staff page here (a port alone listens on 127.0.0.1). Needs STAFF_TOKEN.
    #[arg(long, env = "STAFF_ADDR", value_name = "ADDR", value_parser = spider_vein_bot::staff::parse_addr)]
    pub staff_addr: Option<SocketAddr>,
    /// The staff page's log-in token. Only from the environment (STAFF_TOKEN), so that it
    /// never shows in a process list.
    #[arg(long, env = "STAFF_TOKEN", hide = true, hide_env_values = true)]
    pub staff_token: Option<String>,
}

#[derive(Debug, Args)]
pub struct AskArgs {
    #[command(flatten)]
    pub knowledge: KnowledgeArg,
    /// text: what the patient sees; json: one line per reply, with kind, passage and confidence.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// The question; without it, each line of standard input is one question.
    pub question: Vec<String>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub knowledge: KnowledgeArg,
    /// Print the result as JSON, for tools.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct EvalArgs {
    #[command(flatten)]
    pub knowledge: KnowledgeArg,
    /// Case files (TOML), or folders of them.
    #[arg(required = true, value_name = "CASES")]
    pub cases: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct PassagesArgs {
    #[command(flatten)]
    pub knowledge: KnowledgeArg,
    /// Show the best matches for this query, with scores and the reasons.
    pub query: Vec<String>,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub knowledge: KnowledgeArg,
    /// The file written by --log-unanswered.
    pub file: PathBuf,
}

#[derive(Debug, Clone, Args)]
pub struct TelegramArgs {
    #[command(flatten)]
    pub knowledge: KnowledgeArg,
    /// Use webhooks at this public HTTPS URL instead of long polling.
    #[arg(long, env = "WEBHOOK_URL", value_name = "URL")]
    pub webhook_url: Option<String>,
    /// Address the webhook server listens on.
    #[arg(
        long,
        env = "LISTEN_ADDR",
        default_value = "0.0.0.0:8443",
        value_name = "ADDR"
    )]
    pub listen: SocketAddr,
    /// Telegram user ids allowed to use /status and /reload, comma-separated.
    #[arg(long, env = "ADMIN_IDS", value_delimiter = ',', value_name = "IDS")]
    pub admin_ids: Vec<u64>,
    /// Append unanswered questions and "Not helpful" answers (text and time only) to this file.
    #[arg(long, env = "LOG_UNANSWERED", value_name = "FILE")]
    pub log_unanswered: Option<PathBuf>,
    /// Where the queue of updates not yet answered is kept, so a crash loses none.
    #[arg(long, env = "STATE_DIR", default_value = "state", value_name = "DIR")]
    pub state_dir: PathBuf,
    /// Serve HTTP health probes (`200 ok`) and `GET /metrics` here while the bot runs.
    #[arg(long, env = "HEALTH_ADDR", value_name = "ADDR")]
    pub health_addr: Option<SocketAddr>,
    /// The secret Telegram must send with every webhook request (1-256 of A-Z a-z 0-9 _ -);
    /// every replica must share it.
    #[arg(
        long,
        env = "WEBHOOK_SECRET",
        hide_env_values = true,
        value_name = "SECRET"
    )]
    pub webhook_secret: Option<String>,
    /// The bot's token from @BotFather. Only from the environment (TELOXIDE_TOKEN), so that
    /// it never shows in a process list; a missing or malformed one exits with status 2.
    #[arg(long, env = "TELOXIDE_TOKEN", hide = true, hide_env_values = true)]
    pub token: Option<String>,
    /// Another Bot API server (self-hosted, or a test server).
    #[arg(long, env = "TELOXIDE_API_URL", hide = true)]
    pub api_url: Option<String>,
    /// An HTTP(S) proxy for the Bot API; teloxide's client reads it too.
    #[arg(long, env = "TELOXIDE_PROXY", hide = true, hide_env_values = true)]
    pub proxy: Option<String>,
    #[command(flatten)]
    pub staff: StaffArgs,
}

#[derive(Debug, Args)]
pub struct HealthcheckArgs {
    #[command(flatten)]
    pub knowledge: KnowledgeArg,
    /// Also ask the running bot's health endpoint at this address.
    #[arg(long, env = "HEALTH_ADDR", value_name = "ADDR")]
    pub addr: Option<SocketAddr>,
}
