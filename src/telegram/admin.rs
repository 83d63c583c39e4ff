//! What clinic staff can ask the running bot: `/status` and `/reload`, for the Telegram user
//! ids listed as admins. The reload itself and the reload history belong to the folder
//! watcher; the bot only calls the hooks it is given.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use teloxide::types::UserId;

use crate::engine::{Engine, ReplyKind};
use crate::reload::ReloadResult;

/// Forces a reload of the knowledge folder now: what was loaded, or what is wrong and where.
pub type ReloadFn =
    Arc<dyn Fn() -> Pin<Box<dyn Future<Output = ReloadResult> + Send>> + Send + Sync>;

/// Extra lines for `/status`, such as the last reload's time and result.
pub type StatusFn = Arc<dyn Fn() -> String + Send + Sync>;

/// Who may use the admin commands, and what they do.
#[derive(Clone, Default)]
pub struct Admin {
    pub ids: Vec<UserId>,
    pub reload: Option<ReloadFn>,
    pub status: Option<StatusFn>,
}

impl Admin {
    pub fn is_admin(&self, user: Option<UserId>) -> bool {
        user.is_some_and(|u| self.ids.contains(&u))
    }
}

impl std::fmt::Debug for Admin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Admin")
            .field("admins", &self.ids.len())
            .field("reload", &self.reload.is_some())
            .field("status", &self.status.is_some())
            .finish()
    }
}

/// Replies sent since start, by kind, for `/status`.
#[derive(Debug)]
pub struct Stats {
    started: Instant,
    by_kind: [AtomicU64; ReplyKind::ALL.len()],
}

impl Default for Stats {
    fn default() -> Self {
        Stats {
            started: Instant::now(),
            by_kind: Default::default(),
        }
    }
}

impl Stats {
    pub fn count(&self, kind: ReplyKind) {
        self.by_kind[index(kind)].fetch_add(1, Ordering::Relaxed);
    }

    pub fn replies(&self, kind: ReplyKind) -> u64 {
        self.by_kind[index(kind)].load(Ordering::Relaxed)
    }

    pub fn uptime(&self) -> Duration {
        self.started.elapsed()
    }
}

fn index(kind: ReplyKind) -> usize {
    ReplyKind::ALL.iter().position(|k| *k == kind).unwrap_or(0)
}

/// The `/status` text (plain; escaped when sent).
pub fn status(engine: &Engine, stats: &Stats, admin: &Admin) -> String {
    let k = engine.knowledge();
    let mut lines = vec![
        format!("Documents: {}", k.documents.len()),
        format!("Passages: {}", k.passages.len()),
        format!("Uptime: {}", human(stats.uptime())),
        format!(
            "Replies since start: {}",
            ReplyKind::ALL
                .iter()
                .map(|kind| format!("{kind} {}", stats.replies(*kind)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    ];
    if let Some(extra) = &admin.status {
        lines.push(extra());
    }
    lines.join("\n")
}

fn human(d: Duration) -> String {
    let s = d.as_secs();
    match (s / 86_400, s / 3600 % 24, s / 60 % 60) {
        (0, 0, m) => format!("{m} min"),
        (0, h, m) => format!("{h} h {m} min"),
        (days, h, _) => format!("{days} d {h} h"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_listed_users_are_admins() {
        let admin = Admin {
            ids: vec![UserId(7)],
            ..Admin::default()
        };
        assert!(admin.is_admin(Some(UserId(7))));
        assert!(!admin.is_admin(Some(UserId(8))));
        assert!(!admin.is_admin(None));
    }

    #[test]
    fn uptime_reads_like_a_person_would_say_it() {
        assert_eq!(human(Duration::from_secs(59)), "0 min");
        assert_eq!(human(Duration::from_secs(3_720)), "1 h 2 min");
        assert_eq!(human(Duration::from_secs(90_000)), "1 d 1 h");
    }
}
