//! Telegram's sending limits, kept with `governor`'s rate limiters: a message goes at once when
//! under them; when saturated, chats take turns (first come, first served), and a 429's
//! `retry_after` holds back only the chat it was about.

use std::collections::HashMap;
use std::num::NonZeroU32;
use std::sync::Mutex;
use std::time::Duration;

use governor::{DefaultDirectRateLimiter, DefaultKeyedRateLimiter, Quota, RateLimiter};
use teloxide::types::ChatId;
use tokio::time::Instant;

/// Messages allowed per period. `Limits::default()` is Telegram's: 30 a second overall, one a
/// second per chat, 20 a minute per group or channel. Tests and benchmarks may raise them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub per_second_overall: u32,
    pub per_second_chat: u32,
    pub per_minute_group: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            per_second_overall: 30,
            per_second_chat: 1,
            per_minute_group: 20,
        }
    }
}

/// Above this many chats, the per-chat state of chats with nothing to wait for is dropped.
const FORGET_ABOVE: usize = 10_000;

/// The limiters of one bot.
pub struct RateLimits {
    overall: DefaultDirectRateLimiter,
    chat: DefaultKeyedRateLimiter<ChatId>,
    group: DefaultKeyedRateLimiter<ChatId>,
    /// Chats Telegram told to wait (429), until when.
    held: Mutex<HashMap<ChatId, Instant>>,
    /// Chats queue here, in order, for a slot of the overall limit: tokio's mutex is fair.
    turn: tokio::sync::Mutex<()>,
}

fn quota(per: fn(NonZeroU32) -> Quota, n: u32) -> Quota {
    per(NonZeroU32::new(n.max(1)).unwrap_or(NonZeroU32::MIN))
}

impl RateLimits {
    pub fn new(limits: Limits) -> RateLimits {
        RateLimits {
            overall: RateLimiter::direct(quota(Quota::per_second, limits.per_second_overall)),
            chat: RateLimiter::keyed(quota(Quota::per_second, limits.per_second_chat)),
            group: RateLimiter::keyed(quota(Quota::per_minute, limits.per_minute_group)),
            held: Mutex::default(),
            turn: tokio::sync::Mutex::new(()),
        }
    }

    /// Waits until a message may be sent to `chat`. Returns at once when under every limit.
    pub async fn until_ready(&self, chat: ChatId) {
        let held = self.lock_held().get(&chat).copied();
        if let Some(until) = held {
            tokio::time::sleep_until(until).await;
        }
        self.chat.until_key_ready(&chat).await;
        // Telegram's groups, supergroups and channels have negative ids.
        if chat.0 < 0 {
            self.group.until_key_ready(&chat).await;
        }
        let _turn = self.turn.lock().await;
        self.overall.until_ready().await;
        self.forget_idle();
    }

    /// Telegram answered 429 for `chat`: hold its messages back for `after`.
    pub fn hold(&self, chat: ChatId, after: Duration) {
        self.lock_held().insert(chat, Instant::now() + after);
    }

    fn lock_held(&self) -> std::sync::MutexGuard<'_, HashMap<ChatId, Instant>> {
        // A poisoned lock only means another thread panicked while inserting an instant.
        self.held.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn forget_idle(&self) {
        if self.chat.len() > FORGET_ABOVE {
            self.chat.retain_recent();
            self.group.retain_recent();
            let now = Instant::now();
            self.lock_held().retain(|_, until| *until > now);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn under_the_limits_a_message_goes_at_once() {
        let limits = RateLimits::new(Limits::default());
        let started = std::time::Instant::now();
        for chat in 1..=20 {
            limits.until_ready(ChatId(chat)).await;
        }
        assert!(started.elapsed() < Duration::from_millis(50));
    }

    #[tokio::test]
    async fn one_chat_waits_a_second_between_messages() {
        let limits = RateLimits::new(Limits::default());
        limits.until_ready(ChatId(1)).await;
        let started = std::time::Instant::now();
        limits.until_ready(ChatId(1)).await;
        let waited = started.elapsed();
        assert!(
            waited >= Duration::from_millis(900) && waited < Duration::from_millis(1200),
            "{waited:?}"
        );
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn when_saturated_a_busy_chat_cannot_starve_another() {
        let limits = std::sync::Arc::new(RateLimits::new(Limits {
            per_second_overall: 5,
            per_second_chat: 1_000,
            per_minute_group: 100_000,
        }));
        let busy = {
            let limits = limits.clone();
            tokio::spawn(async move {
                for _ in 0..20 {
                    limits.until_ready(ChatId(-100)).await;
                }
            })
        };
        // Past the first burst: the busy group now waits for every slot.
        tokio::time::sleep(Duration::from_millis(300)).await;
        let started = std::time::Instant::now();
        limits.until_ready(ChatId(2)).await;
        let waited = started.elapsed();
        assert!(
            waited < Duration::from_millis(700),
            "waited {waited:?} behind the busy group's 15 other messages (3 s)"
        );
        busy.abort();
    }

    #[tokio::test]
    async fn a_429_holds_back_its_chat_only() {
        let limits = RateLimits::new(Limits::default());
        limits.hold(ChatId(1), Duration::from_millis(300));
        let started = std::time::Instant::now();
        limits.until_ready(ChatId(2)).await;
        assert!(started.elapsed() < Duration::from_millis(50));
        limits.until_ready(ChatId(1)).await;
        assert!(started.elapsed() >= Duration::from_millis(290));
    }
}
